#include "tests/spawn.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

const char *capsim_path(void) {
  const char *c = getenv("CAPSIM");
  return c ? c : "build/bin/capsim";
}

const char *scenario_path(const char *name) {
  static char path[1024];
  const char *s = getenv("SAMPLES");
  snprintf(path, sizeof path, "%s/scenarios/%s.scn", s ? s : "../../../../samples", name);
  return path;
}

int proc_start(struct proc *p, const char *const *args) {
  memset(p, 0, sizeof *p);
  int in[2], out[2];
  if (pipe(in) != 0 || pipe(out) != 0)
    return -1;
  const char *argv[32];
  int n = 0;
  argv[n++] = capsim_path();
  for (int i = 1; args[i] && n < 31; i++)
    argv[n++] = args[i];
  argv[n] = NULL;
  p->pid = fork();
  if (p->pid < 0)
    return -1;
  if (p->pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    close(in[1]);
    close(out[0]);
    execv(argv[0], (char *const *)argv);
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  p->in_fd = in[1];
  p->out_fd = out[0];
  char line[512];
  if (proc_line(p, line, sizeof line, 10000) != 0 || strncmp(line, "listening ", 10) != 0) {
    proc_stop(p);
    return -1;
  }
  if (snprintf(p->uri, sizeof p->uri, "%s", line + 10) >= (int)sizeof p->uri) {
    proc_stop(p);
    return -1;
  }
  return 0;
}

int proc_line(struct proc *p, char *line, size_t size, int timeout_ms) {
  for (;;) {
    char *nl = memchr(p->buf, '\n', p->len);
    if (nl) {
      size_t n = (size_t)(nl - p->buf);
      snprintf(line, size, "%.*s", (int)n, p->buf);
      memmove(p->buf, nl + 1, p->len - n - 1);
      p->len -= n + 1;
      return 0;
    }
    if (p->len == sizeof p->buf)
      return -1;
    struct pollfd pf = {.fd = p->out_fd, .events = POLLIN};
    int pr = poll(&pf, 1, timeout_ms);
    if (pr < 0 && errno == EINTR)
      continue;
    if (pr <= 0)
      return -1;
    ssize_t r = read(p->out_fd, p->buf + p->len, sizeof p->buf - p->len);
    if (r <= 0)
      return -1;
    p->len += (size_t)r;
  }
}

int proc_cmd(struct proc *p, const char *cmd, char *answer, size_t size) {
  char line[600];
  int n = snprintf(line, sizeof line, "%s\n", cmd);
  if (write(p->in_fd, line, (size_t)n) != n)
    return -1;
  return proc_line(p, answer, size, 10000);
}

bool proc_alive(struct proc *p) {
  int st;
  return p->pid > 0 && waitpid(p->pid, &st, WNOHANG) == 0;
}

int proc_stop(struct proc *p) {
  int st = 0, rc = -1;
  if (p->pid > 0) {
    kill(p->pid, SIGTERM);
    for (int i = 0; i < 500; i++) {
      pid_t w = waitpid(p->pid, &st, WNOHANG);
      if (w == p->pid) {
        rc = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        break;
      }
      struct timespec ts = {0, 10 * 1000 * 1000};
      nanosleep(&ts, NULL);
    }
    if (rc < 0) {
      kill(p->pid, SIGKILL);
      waitpid(p->pid, &st, 0);
    }
  }
  if (p->in_fd > 0)
    close(p->in_fd);
  if (p->out_fd > 0)
    close(p->out_fd);
  p->pid = 0;
  p->in_fd = p->out_fd = -1;
  return rc;
}
