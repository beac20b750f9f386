/* The armored serial path against capsim behind a pty pair, with a relay in
 * between that interleaves kernel-like log lines, ESC bytes and cut-off
 * frames: walks give the same answers as over a Unix socket. Also prints
 * the serial benchmark (bytes on the wire for a walk of a 1,000-cap task and
 * the time that takes at 115200 baud). */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "tests/check.h"
#include "tests/client.h"
#include "tests/spawn.h"
#include "tests/target_view.h"

static char dir[64];

/* Noise a Fiasco console carries between frames. */
static const char *const noise[] = {
    "[    0.004] Fiasco.OC kernel: scheduling enabled\r\n",
    "\x1b[1;33mMOE: loading rom/hello\x1b[0m\r\n",
    "\x1b",
    "@CSCP X20 1234abcd AAAABBBB", /* a frame cut off: the next marker resyncs */
    "hello: Hello World!\n",
    "@CSCP B14 00000000 QUJDRA==\n", /* a checksum that does not match */
};

/* Copy between the capsim side and the client side until killed; after every
 * newline (a frame's end) and before each chunk, put a noise item on the line. */
static void relay(int agent_fd, int client_fd) {
  unsigned k = 0;
  char buf[4096];
  for (;;) {
    struct pollfd p[2] = {{.fd = agent_fd, .events = POLLIN}, {.fd = client_fd, .events = POLLIN}};
    if (poll(p, 2, -1) < 0 && errno != EINTR)
      _exit(1);
    for (int i = 0; i < 2; i++) {
      if (!(p[i].revents & (POLLIN | POLLHUP)))
        continue;
      int from = i == 0 ? agent_fd : client_fd, to = i == 0 ? client_fd : agent_fd;
      ssize_t n = read(from, buf, sizeof buf);
      if (n <= 0) {
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
          continue;
        usleep(1000); /* the client side is closed for now; it may reopen */
        continue;
      }
      ssize_t start = 0;
      for (ssize_t j = 0; j < n; j++)
        if (buf[j] == '\n') {
          (void)!write(to, buf + start, (size_t)(j + 1 - start));
          const char *nz = noise[k++ % (sizeof noise / sizeof *noise)];
          (void)!write(to, nz, strlen(nz));
          start = j + 1;
        }
      if (start < n)
        (void)!write(to, buf + start, (size_t)(n - start));
    }
  }
}

/* A pty pair for the client: returns the master, fills the slave's path. */
static int client_pty(char *path, size_t size) {
  int m = posix_openpt(O_RDWR | O_NOCTTY);
  if (m < 0 || grantpt(m) || unlockpt(m) || !ptsname(m))
    return -1;
  snprintf(path, size, "%s", ptsname(m));
  int s = open(path, O_RDWR | O_NOCTTY); /* raw mode before anyone speaks */
  struct termios tio;
  if (s >= 0 && tcgetattr(s, &tio) == 0) {
    cfmakeraw(&tio);
    tcsetattr(s, TCSANOW, &tio);
  }
  if (s >= 0)
    close(s);
  tcgetattr(m, &tio);
  cfmakeraw(&tio);
  tcsetattr(m, TCSANOW, &tio);
  return m;
}

struct setup {
  struct proc sock, line;
  pid_t relay;
  char serial_uri[300];
};

static int setup_start(struct setup *s, const char *scenario) {
  char unix_spec[128], pty_spec[128];
  snprintf(unix_spec, sizeof unix_spec, "unix:%s/%s.sock", dir, scenario);
  snprintf(pty_spec, sizeof pty_spec, "pty:%s/%s.pty", dir, scenario);
  const char *a1[] = {"capsim", "--scenario", scenario_path(scenario), "--listen", unix_spec, NULL};
  const char *a2[] = {"capsim", "--scenario", scenario_path(scenario), "--listen", pty_spec, NULL};
  if (proc_start(&s->sock, a1) != 0)
    return -1;
  if (proc_start(&s->line, a2) != 0) {
    proc_stop(&s->sock);
    return -1;
  }
  int agent_fd = open(pty_spec + 4, O_RDWR | O_NOCTTY);
  struct termios tio;
  if (agent_fd >= 0 && tcgetattr(agent_fd, &tio) == 0) {
    cfmakeraw(&tio);
    tcsetattr(agent_fd, TCSANOW, &tio);
  }
  char path[128];
  int m = client_pty(path, sizeof path);
  if (agent_fd < 0 || m < 0)
    return -1;
  snprintf(s->serial_uri, sizeof s->serial_uri, "serial:%s", path);
  s->relay = fork();
  if (s->relay == 0)
    relay(agent_fd, m);
  close(agent_fd);
  close(m);
  return 0;
}

static void setup_stop(struct setup *s) {
  kill(s->relay, SIGKILL);
  waitpid(s->relay, NULL, 0);
  proc_stop(&s->line);
  proc_stop(&s->sock);
}

static struct tv_capinfo infos_a[4297], infos_b[4297];

/* Walk every task over both transports and compare the answers. */
static void walks_match_socket(void) {
  struct setup s;
  if (setup_start(&s, "init") != 0) {
    CHECK(0);
    return;
  }
  int a = cl_connect(s.sock.uri), b = cl_connect(s.serial_uri);
  CHECK(a >= 0 && b >= 0 && cl_is_armored(b));
  struct tv_hello ha, hb;
  CHECK_EQ(tv_hello(a, &ha), 0);
  CHECK_EQ(tv_hello(b, &hb), 0);
  CHECK_EQ(ha.ntasks, hb.ntasks);
  struct tv_task ta[64], tb[64];
  int na = 0, nb = 0;
  CHECK_EQ(tv_tasks(a, ta, 64, &na), 0);
  CHECK_EQ(tv_tasks(b, tb, 64, &nb), 0);
  CHECK_EQ(na, nb);
  for (int i = 0; i < na && i < nb; i++) {
    uint8_t ba[538], bb[538];
    uint64_t ga, gb;
    CHECK_EQ(tv_validity(a, ta[i].id, 0, 4296, ba, &ga), 0);
    CHECK_EQ(tv_validity(b, tb[i].id, 0, 4296, bb, &gb), 0);
    CHECK(memcmp(ba, bb, sizeof ba) == 0);
    int ca = 0, cb = 0;
    CHECK_EQ(tv_cap_infos(a, ta[i].id, 0, 4296, infos_a, &ca, &ga), 0);
    CHECK_EQ(tv_cap_infos(b, tb[i].id, 0, 4296, infos_b, &cb, &gb), 0);
    CHECK_EQ(ca, cb);
    CHECK(ca > 0 && memcmp(infos_a, infos_b, (size_t)ca * sizeof infos_a[0]) == 0);
  }
  cl_forget(b);
  close(a);
  close(b);
  setup_stop(&s);
}

/* Benchmark: one task grown to 1,000 valid caps, walked over serial. */
static void bench_thousand_caps(void) {
  struct setup s;
  if (setup_start(&s, "log-client") != 0) {
    CHECK(0);
    return;
  }
  int b = cl_connect(s.serial_uri);
  struct tv_task t[8];
  int n = 0;
  CHECK_EQ(tv_tasks(b, t, 8, &n), 0);
  uint32_t task = t[n - 1].id;
  char cmd[128], ans[256];
  for (int valid = t[n - 1].valid; valid < 1000; valid++) {
    snprintf(cmd, sizeof cmd, "alloc-dataspace %u 4096", task);
    if (proc_cmd(&s.line, cmd, ans, sizeof ans) != 0 || strncmp(ans, "ok", 2)) {
      CHECK(0);
      break;
    }
  }
  struct tv_hello h;
  uint8_t bits[538];
  uint64_t gen;
  int count = 0;
  uint64_t in0 = cl_armored_in, out0 = cl_armored_out;
  CHECK_EQ(tv_hello(b, &h), 0);
  CHECK_EQ(tv_tasks(b, t, 8, &n), 0);
  CHECK_EQ(tv_validity(b, task, 0, 4296, bits, &gen), 0);
  CHECK_EQ(tv_cap_infos(b, task, 0, 4296, infos_b, &count, &gen), 0);
  CHECK_EQ(count, 1000);
  uint64_t first = cl_armored_in - in0 + cl_armored_out - out0;
  /* A walk that finds nothing changed: one GENERATION request. */
  in0 = cl_armored_in;
  out0 = cl_armored_out;
  struct writer w;
  wr_init(&w, 64);
  wr_u16(&w, 1);
  wr_u32(&w, task);
  struct resp r;
  CHECK_EQ(cl_call(b, OP_GENERATION, &w, &r), 0);
  CHECK_EQ(r.status, 0);
  resp_free(&r);
  wr_free(&w);
  uint64_t again = cl_armored_in - in0 + cl_armored_out - out0;
  /* 8N1: ten bit times per byte. Relay noise is not counted: it is not ours. */
  double t1 = (double)first * 10 / 115200, t2 = (double)again * 10 / 115200;
  printf("bench serial: first walk of a 1000-cap task (HELLO, TASKS, VALIDITY, CAP_INFOS) "
         "%llu bytes armored = %.2f s at 115200 baud; unchanged walk (GENERATION) %llu bytes "
         "= %.3f s\n",
         (unsigned long long)first, t1, (unsigned long long)again, t2);
  CHECK(t1 < 2.0);
  CHECK(t2 < 0.2);
  cl_forget(b);
  close(b);
  setup_stop(&s);
}

int main(int argc, char **argv) {
  snprintf(dir, sizeof dir, "/tmp/capsim-serial-XXXXXX");
  if (!mkdtemp(dir))
    return 1;
  static const struct test_case tests[] = {
      {"noisy_serial_walks_match_socket", walks_match_socket},
      {"bench_thousand_caps_over_serial", bench_thousand_caps},
  };
  int rc = run_tests(tests, 2, argc, argv);
  rmdir(dir);
  return rc;
}
