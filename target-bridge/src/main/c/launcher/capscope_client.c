/*
 * capscope-client: hands a command of bin/capscope to the installation's resident command server
 * (docs/cli.md, "Command server"), so that a short command does not start a JVM of its own.
 *
 *   capscope-client ARG...      (bin/capscope runs it for the commands the server may run)
 *
 * It finds its installation from its own path (HOME/bin/capscope-client), picks the server's
 * socket by key (server_key.h) and connects. When nothing answers it starts the server, in a
 * session of its own with its output in a log beside the socket, by running bin/capscope with
 * CAPSCOPE_SERVE_ON=SOCKET (the launcher alone knows the JVM's command line), and waits for the
 * server's "ready" on a pipe (descriptor 3). It sends the working folder and ARG..., writes the
 * server's output and error frames to its own standard output and error, and exits with the
 * command's exit code. Whenever the server cannot take the command (it does not serve it, it
 * cannot start, the folder is not private) the command runs in a JVM of its own: bin/capscope
 * again, with CAPSCOPE_SERVER=0. A start that failed is not tried again for ten minutes.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "launcher/client_wire.h"
#include "launcher/server_key.h"

#define READY_TIMEOUT_MS 60000 /* a JVM start on a loaded machine, with a margin */
/* After a server that did not start, commands run on their own this long before the next try:
 * otherwise every command would pay a failed start (up to a JVM's start) before its own. */
#define FAILED_BACKOFF_S 600

/* bin/capscope with the command's arguments, in a JVM of its own; returns only if exec failed. */
static int run_directly(const char *launcher, char **argv) {
  argv[0] = (char *)launcher;
  setenv("CAPSCOPE_SERVER", "0", 1);
  execv(launcher, argv);
  fprintf(stderr, "capscope: cannot run %s: %s (reinstall capscope)\n", launcher, strerror(errno));
  return 2;
}

static int connect_to(const char *path) {
  struct sockaddr_un a;
  memset(&a, 0, sizeof a);
  a.sun_family = AF_UNIX;
  memcpy(a.sun_path, path, strlen(path) + 1); /* the caller checked the length */
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return -1;
  if (connect(fd, (struct sockaddr *)&a, sizeof a) == 0)
    return fd;
  close(fd);
  return -1;
}

/* Starts the server in a session of its own and waits until it says ready (or gives up). */
static int start_server(const char *launcher, const char *socket, const char *log) {
  int ready[2];
  if (pipe(ready) != 0)
    return -1;
  pid_t pid = fork();
  if (pid < 0) {
    close(ready[0]);
    close(ready[1]);
    return -1;
  }
  if (pid == 0) {
    /* The server outlives this command: it must hold none of its files, or a reader of the
     * command's output (a pipe to head, say) would wait for the server to end. */
    setsid();
    int null = open("/dev/null", O_RDONLY);
    int out = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (null < 0 || out < 0)
      _exit(127);
    if (dup2(null, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0 || dup2(ready[1], 3) < 0)
      _exit(127);
    for (int fd = 4; fd < 1024; fd++)
      close(fd);
    setenv("CAPSCOPE_SERVE_ON", socket, 1);
    execl(launcher, launcher, (char *)NULL);
    _exit(127);
  }
  close(ready[1]);
  char buf[16];
  size_t got = 0;
  struct pollfd p = {.fd = ready[0], .events = POLLIN};
  while (got < 5) {
    int rc = poll(&p, 1, READY_TIMEOUT_MS);
    if (rc < 0 && errno == EINTR)
      continue;
    if (rc <= 0)
      break;
    ssize_t n = read(ready[0], buf + got, sizeof buf - got);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    got += (size_t)n;
  }
  close(ready[0]);
  /* Not waited for: once ready it runs on; if it failed, it is reaped when this client ends. */
  return got >= 5 && memcmp(buf, "ready", 5) == 0 ? 0 : -1;
}

/* Whether a start failed here less than FAILED_BACKOFF_S ago (a marker file beside the log). */
static int failed_recently(const char *marker) {
  struct stat st;
  time_t now = time(NULL);
  return stat(marker, &st) == 0 && st.st_mtime <= now && now - st.st_mtime < FAILED_BACKOFF_S;
}

static void mark_failed(const char *marker, const char *log) {
  int fd = open(marker, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    return;
  dprintf(fd,
          "the command server did not start (its log: %s); commands run in a JVM of their own "
          "until this file is %d seconds old or removed\n",
          log, FAILED_BACKOFF_S);
  futimens(fd, NULL);
  close(fd);
}

int main(int argc, char **argv) {
  char self[PATH_MAX], launcher[PATH_MAX + 16];
  if (realpath("/proc/self/exe", self) == NULL) {
    fprintf(stderr, "capscope: cannot find the installation (/proc is not mounted)\n");
    return 2;
  }
  char *slash = strrchr(self, '/');
  *slash = '\0'; /* HOME/bin */
  snprintf(launcher, sizeof launcher, "%s/capscope", self);
  slash = strrchr(self, '/');
  if (slash == NULL || slash == self)
    return run_directly(launcher, argv);
  *slash = '\0'; /* HOME */

  char folder[PATH_MAX], cwd[PATH_MAX], socket[PATH_MAX + 32], log[PATH_MAX + 32];
  char failed[PATH_MAX + 32];
  struct sockaddr_un probe;
  if (getcwd(cwd, sizeof cwd) == NULL || sk_folder(folder, sizeof folder) != 0)
    return run_directly(launcher, argv);
  uint64_t key = sk_key(self, cwd);
  snprintf(socket, sizeof socket, "%s/%016" PRIx64 ".sock", folder, key);
  snprintf(log, sizeof log, "%s/%016" PRIx64 ".log", folder, key);
  snprintf(failed, sizeof failed, "%s/%016" PRIx64 ".failed", folder, key);
  if (strlen(socket) >= sizeof probe.sun_path)
    return run_directly(launcher, argv);

  int fd = connect_to(socket);
  if (fd < 0) {
    if (failed_recently(failed))
      return run_directly(launcher, argv);
    if (start_server(launcher, socket, log) != 0) {
      mark_failed(failed, log);
      return run_directly(launcher, argv);
    }
    unlink(failed);
    fd = connect_to(socket);
    if (fd < 0)
      return run_directly(launcher, argv);
  }
  if (cw_send_request(fd, cwd, argv + 1, argc - 1) != 0) {
    close(fd);
    return run_directly(launcher, argv);
  }
  /* A closed pipe on our output ends this process, as it would end the JVM's output; the server
   * sees the connection go and stops sending. */
  int code = cw_relay(fd, 1, 2);
  close(fd);
  if (code == CW_FALLBACK)
    return run_directly(launcher, argv);
  if (code == CW_BROKEN) {
    fprintf(stderr,
            "capscope: the command server stopped before the command finished (its log: %s); run the "
            "command again, or set CAPSCOPE_SERVER=0 to run it without the server\n",
            log);
    return 2;
  }
  return code;
}
