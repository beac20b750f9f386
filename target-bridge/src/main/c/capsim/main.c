/* capsim: a Genode system on l4sim, driven by a scenario, serving the agent
 * protocol. See samples/scenarios/README.md and docs/protocol.md. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <l4sim/sim.h>

#include "agent/agent.h"
#include "agent/console.h"
#include "capsim/access.h"
#include "capsim/agent_glue.h"
#include "capsim/agent_hooks.h"
#include "capsim/churn.h"
#include "capsim/commands.h"
#include "capsim/genode.h"
#include "capsim/options.h"
#include "capsim/scenario.h"

#define MAX_FDS (PROTO_MAX_CONNECTIONS + 4)

static int sig_pipe[2] = {-1, -1};

static void on_signal(int sig) {
  int saved = errno;
  unsigned char b = (unsigned char)sig;
  (void)!write(sig_pipe[1], &b, 1);
  errno = saved;
}

#define SPIN_SECONDS 0.0002 /* see the main loop */

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Read whatever stdin has; run each complete line. */
static bool serve_stdin(struct genode *g, struct churn *ch, char *buf, size_t *len, size_t cap,
                        bool *eof) {
  ssize_t n = read(STDIN_FILENO, buf + *len, cap - *len - 1);
  if (n <= 0) {
    if (n == 0 || (errno != EINTR && errno != EAGAIN))
      *eof = true;
    return false;
  }
  *len += (size_t)n;
  bool quit = false;
  char *start = buf, *nl;
  while (!quit && (nl = memchr(start, '\n', *len - (size_t)(start - buf)))) {
    *nl = 0;
    char answer[1024];
    command_run(g, ch, start, answer, sizeof answer, &quit);
    printf("%s\n", answer);
    fflush(stdout);
    start = nl + 1;
  }
  *len -= (size_t)(start - buf);
  memmove(buf, start, *len);
  if (*len == cap - 1) { /* an overlong line: drop it */
    printf("error line too long\n");
    fflush(stdout);
    *len = 0;
  }
  return quit;
}

/* The main loop: clients, stdin commands and churn until a signal, `quit` or (with
 * exit_on_eof) the end of stdin. */
static void serve(struct agent *agent, struct genode *g, struct churn *ch, double rate,
                  bool exit_on_eof) {
  static char inbuf[4096];
  size_t inlen = 0;
  bool stdin_eof = false, quit = false;
  double last_activity = 0;
  double next_churn = now_s() + (rate > 0 ? 1.0 / rate : 0);
  unsigned long churn_errors = 0;
  while (!quit) {
    struct pollfd fds[MAX_FDS];
    int n = agent_pollfds(agent, fds, PROTO_MAX_CONNECTIONS + 1);
    int sig_at = n, in_at = -1;
    fds[n++] = (struct pollfd){.fd = sig_pipe[0], .events = POLLIN};
    if (!stdin_eof) {
      in_at = n;
      fds[n++] = (struct pollfd){.fd = STDIN_FILENO, .events = POLLIN};
    }
    int timeout = agent_poll_timeout_ms(agent); /* idle connections expire on time */
    if (rate > 0) {
      double wait = next_churn - now_s();
      int churn_ms = wait <= 0 ? 0 : (int)(wait * 1000) + 1;
      if (timeout < 0 || churn_ms < timeout)
        timeout = churn_ms;
    }
    /* Right after activity, poll without sleeping for a moment: the next request of a walk
     * usually follows within µs, and waking a sleeping vCPU costs hundreds of µs on a VM. */
    if (now_s() - last_activity < SPIN_SECONDS)
      timeout = 0;
    int ready = poll(fds, (nfds_t)n, timeout);
    if (ready < 0 && errno != EINTR)
      break;
    if (ready > 0)
      last_activity = now_s();
    if (fds[sig_at].revents)
      break;
    agent_handle(agent, fds, sig_at);
    if (in_at >= 0 && fds[in_at].revents)
      quit = serve_stdin(g, ch, inbuf, &inlen, sizeof inbuf, &stdin_eof) ||
             (stdin_eof && exit_on_eof); /* the pipe's writer (the app) is gone, however it died */
    if (rate > 0) {
      /* Catch up on due events, at most a burst's worth per wakeup. */
      double t = now_s();
      for (int k = 0; k < 1000 && next_churn <= t; k++) {
        char desc[256];
        if (churn_step(ch, desc, sizeof desc) != 0 && churn_errors++ < 5)
          fprintf(stderr, "capsim: churn: %s\n", desc);
        next_churn += 1.0 / rate;
      }
      if (next_churn <= t)
        next_churn = t + 1.0 / rate;
    }
  }
}

int main(int argc, char **argv) {
  struct options o;
  if (capsim_parse_args(argc, argv, &o) != 0)
    return 2;
  signal(SIGPIPE, SIG_IGN);

  static struct scenario scn;
  static struct genode g;
  static struct agent agent;
  bool booted = false, listening = false;
  int rc = 2;
  if (scenario_load(&scn, o.scenario) != 0) {
    fprintf(stderr, "capsim: %s\n", scn.err);
    goto out;
  }
  const char *pname = o.profile ? o.profile : scn.profile[0] ? scn.profile : NULL;
  const struct profile *prof = pname ? profile_find(pname) : profile_default();
  if (!prof) {
    fprintf(stderr, "capsim: unknown profile '%s' (known: %s)\n", pname, profile_names());
    goto out;
  }
  enum capsim_fault fault = FAULT_NONE;
  if (o.fault) {
    if (!capsim_fault_parse(o.fault, &fault)) {
      fprintf(stderr, "capsim: unknown fault '%s'\n", o.fault);
      goto out;
    }
  }

  booted = true; /* a partial boot is shut down too */
  if (genode_boot(&g, prof) != 0 || scenario_apply(&scn, &g) != 0) {
    fprintf(stderr, "capsim: %s\n", scn.err[0] ? scn.err : g.err);
    goto out;
  }
  double rate = o.has_churn ? o.churn : scn.has_churn ? scn.churn_rate : 0;
  uint64_t seed = o.has_seed ? o.seed : scn.has_seed ? scn.churn_seed : 1;
  if (rate > 0 && prof->l4re) {
    /* Churn opens Genode sessions and starts threads; L4Re programs have neither. */
    fprintf(stderr, "capsim: churn needs a Genode profile, not %s\n", prof->name);
    goto out;
  }
  /* The token is checked before anything listens: a bad one never opens a port. */
  static char token[PROTO_MAX_TOKEN + 2];
  char terr[512];
  if (o.token_file &&
      access_read_token_file(o.token_file, token, sizeof token, terr, sizeof terr) != 0) {
    fprintf(stderr, "capsim: %s\n", terr);
    goto out;
  }
  if (o.token)
    snprintf(token, sizeof token, "%s", o.token);
  static struct agent probe;
  if ((o.token || o.token_file) && !agent_set_token(&probe, token)) {
    fprintf(stderr, "capsim: a token must be 1..%d printable ASCII characters without spaces\n",
            PROTO_MAX_TOKEN);
    goto out;
  }
  if (!token[0] && !access_listen_is_local(o.listen)) {
    fprintf(stderr,
            "capsim: refusing to listen on %s without a token: anyone on the network could "
            "read this target; pass --token-file FILE (or --token) or listen on loopback\n",
            o.listen);
    goto out;
  }
  struct churn ch;
  churn_init(&ch, &g, &scn, seed);

  struct agent_runtime rt;
  capsim_runtime_init(&rt, &g, o.allow_restore);
  char err[256];
  if (agent_listen(&agent, &rt, o.listen, err, sizeof err) != 0) {
    fprintf(stderr, "capsim: %s\n", err);
    goto out;
  }
  listening = true;
  /* A pty stands for the kernel console: it starts echoing like Fiasco's, and
   * the agent turns that off with the same call as on L4Re. */
  if (agent.pty_slave_fd >= 0 && (l4sim_vcon_bind(L4_BASE_LOG_CAP, agent.pty_slave_fd) != 0 ||
                                  !console_echo_off(L4_BASE_LOG_CAP))) {
    fprintf(stderr, "capsim: cannot turn the pty's echo off\n");
    goto out;
  }
  capsim_hooks_install(&agent, fault);
  if (o.has_idle_timeout) /* a fraction of a millisecond still means "some timeout" */
    agent.idle_timeout_ms =
        o.idle_timeout > 0 && o.idle_timeout < 0.001 ? 1u : (unsigned)(o.idle_timeout * 1000 + 0.5);
  if (token[0])
    agent_set_token(&agent, token);

  if (pipe(sig_pipe) != 0) {
    perror("capsim: pipe");
    goto out;
  }
  fcntl(sig_pipe[0], F_SETFL, O_NONBLOCK);
  fcntl(sig_pipe[1], F_SETFL, O_NONBLOCK);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);

  fprintf(stderr, "capsim: %s, profile %s, %u components%s%s\n", o.scenario, prof->name, g.ncomps,
          o.allow_restore ? ", restore allowed" : "", token[0] ? ", token required" : "");
  printf("listening %s\n", agent.uri);
  fflush(stdout);

  serve(&agent, &g, &ch, rate, o.exit_on_eof);
  rc = 0;
out:
  if (listening)
    agent_close(&agent);
  if (booted)
    genode_shutdown(&g);
  scenario_free(&scn);
  return rc;
}
