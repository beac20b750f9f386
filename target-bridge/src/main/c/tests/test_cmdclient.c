/* The launcher's client of the command server (launcher/): its wire on a socket pair, and the
 * program in an installation whose bin/capscope is a stand-in (this binary, run as "fake-launcher"):
 * it starts the server when nothing answers, relays output, error and the exit code, and runs
 * the command in "a JVM of its own" when the server says so or cannot be used. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "launcher/client_wire.h"
#include "tests/check.h"

static char self[PATH_MAX], client[PATH_MAX];
static char dir[] = "/tmp/capscope-client-XXXXXX";

static void frame(int fd, char kind, const char *bytes, size_t len) {
  unsigned char h[5] = {(unsigned char)kind, (unsigned char)(len >> 24), (unsigned char)(len >> 16),
                        (unsigned char)(len >> 8), (unsigned char)len};
  CHECK(write(fd, h, 5) == 5);
  if (len > 0)
    CHECK(write(fd, bytes, len) == (ssize_t)len);
}

static size_t drain(int fd, char *buf, size_t cap) {
  size_t got = 0;
  ssize_t n;
  while (got + 1 < cap && (n = read(fd, buf + got, cap - 1 - got)) > 0)
    got += (size_t)n;
  buf[got] = '\0';
  return got;
}

/* Feeds bytes to cw_relay through a socket pair; returns its result, output and error. */
static int relay(const char *wire, size_t len, char *out, char *err) {
  int s[2], o[2], e[2];
  CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, s) == 0);
  CHECK(pipe(o) == 0 && pipe(e) == 0);
  CHECK(write(s[1], wire, len) == (ssize_t)len);
  close(s[1]);
  int rc = cw_relay(s[0], o[1], e[1]);
  close(s[0]);
  close(o[1]);
  close(e[1]);
  drain(o[0], out, 256);
  drain(e[0], err, 256);
  close(o[0]);
  close(e[0]);
  return rc;
}

static void test_relay_keeps_order_and_exit_code(void) {
  char out[256], err[256];
  const char wire[] = "o\0\0\0\2ab"
                      "e\0\0\0\1E"
                      "o\0\0\0\0"
                      "o\0\0\0\1c"
                      "x\0\0\0\1\7";
  CHECK_EQ(relay(wire, sizeof wire - 1, out, err), 7);
  CHECK(strcmp(out, "abc") == 0);
  CHECK(strcmp(err, "E") == 0);
}

static void test_relay_fallback_only_first(void) {
  char out[256], err[256];
  CHECK_EQ(relay("f\0\0\0\0", 5, out, err), CW_FALLBACK);
  CHECK_EQ(relay("o\0\0\0\1af\0\0\0\0", 11, out, err), CW_BROKEN);
  CHECK(strcmp(out, "a") == 0);
}

static void test_relay_broken_wire(void) {
  char out[256], err[256];
  CHECK_EQ(relay("o\0\0\0\1a", 6, out, err), CW_BROKEN);            /* no exit frame */
  CHECK_EQ(relay("o\0\0\0\5ab", 8, out, err), CW_BROKEN);           /* frame cut short */
  CHECK_EQ(relay("o\x7f\0\0\0", 5, out, err), CW_BROKEN);           /* longer than any frame */
  CHECK_EQ(relay("x\0\0\0\2\0\0", 7, out, err), CW_BROKEN);         /* exit code of two bytes */
  CHECK_EQ(relay("?\0\0\0\0x\0\0\0\1\0", 11, out, err), CW_BROKEN); /* unknown kind */
  CHECK_EQ(relay("", 0, out, err), CW_BROKEN);
}

static void test_request_bytes(void) {
  int s[2];
  CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, s) == 0);
  char *args[] = {"walk", "", "init -> x"};
  CHECK_EQ(cw_send_request(s[0], "/w", args, 3), 0);
  close(s[0]);
  char buf[64];
  size_t n = drain(s[1], buf, sizeof buf);
  close(s[1]);
  const char want[] = "CSR1\0\0\0\x14\0/w\0walk\0\0init -> x\0";
  CHECK_EQ(n, sizeof want - 1);
  CHECK(memcmp(buf, want, sizeof want - 1) == 0);
}

static void test_request_too_large(void) {
  static char big[1 << 19];
  memset(big, 'a', sizeof big - 1);
  char *args[] = {big, big, big};
  int s[2];
  CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, s) == 0);
  CHECK_EQ(cw_send_request(s[0], "/w", args, 3), -1);
  close(s[0]);
  close(s[1]);
}

static char home[128], runtime[128]; /* under the short temporary folder */

/* An installation in the temporary folder: bin/capscope-client (a copy of the client) and a
 * bin/capscope that runs this binary as "fake-launcher". */
static void make_home(void) {
  static char cmd[8 * PATH_MAX];
  snprintf(home, sizeof home, "%s/home", dir);
  snprintf(runtime, sizeof runtime, "%s/run", dir);
  snprintf(cmd, sizeof cmd,
           "mkdir -p %s/bin %s/lib %s && cp %s %s/bin/capscope-client && "
           "printf '#!/bin/sh\\nexec %s fake-launcher \"$@\"\\n' > %s/bin/capscope && chmod +x "
           "%s/bin/capscope",
           home, home, runtime, client, home, self, home, home);
  CHECK_EQ(system(cmd), 0);
}

/* Runs the installation's client; returns the exit status, stdout in out. */
static int run_client(const char *run_dir, const char *answer, char *out, size_t cap) {
  int o[2];
  CHECK(pipe(o) == 0);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(o[1], 1);
    close(o[0]);
    close(o[1]);
    setenv("FAKE_ANSWER", answer, 1);
    setenv("XDG_RUNTIME_DIR", run_dir, 1);
    unsetenv("CAPSCOPE_SERVER");
    char path[192];
    snprintf(path, sizeof path, "%s/bin/capscope-client", home);
    execl(path, "capscope-client", "walk", "--task", "a b", (char *)NULL);
    _exit(127);
  }
  close(o[1]);
  drain(o[0], out, cap); /* returns at end of file: the server must not hold the pipe */
  close(o[0]);
  int status = 0;
  CHECK(waitpid(pid, &status, 0) == pid);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static const char direct[] = "direct (CAPSCOPE_SERVER=0): walk|--task|a b|\n";

static void test_client_starts_server_and_relays(void) {
  char out[512], cwd[PATH_MAX], want[PATH_MAX + 64];
  CHECK_EQ(run_client(runtime, "serve", out, sizeof out), 7);
  CHECK(getcwd(cwd, sizeof cwd) != NULL);
  snprintf(want, sizeof want, "served in %s: walk|--task|a b|\n", cwd);
  CHECK(strcmp(out, want) == 0);
}

static void test_second_command_finds_the_running_server(void) {
  char out[512], starts[PATH_MAX + 16], count[64];
  snprintf(starts, sizeof starts, "%s/starts", dir);
  setenv("FAKE_STARTS", starts, 1);
  CHECK_EQ(run_client(runtime, "serve-twice", out, sizeof out), 7);
  CHECK_EQ(run_client(runtime, "serve-twice", out, sizeof out), 7);
  int fd = open(starts, O_RDONLY);
  CHECK(fd >= 0);
  CHECK_EQ(drain(fd, count, sizeof count), 1); /* one start, two commands */
  close(fd);
  unsetenv("FAKE_STARTS");
}

static void test_client_runs_command_itself_when_told(void) {
  char out[512];
  CHECK_EQ(run_client(runtime, "fallback", out, sizeof out), 5);
  CHECK(strcmp(out, direct) == 0);
}

/* How many servers the stand-in launcher was asked to start since FAKE_STARTS was set. */
static size_t starts_so_far(const char *starts) {
  char count[64];
  int fd = open(starts, O_RDONLY);
  if (fd < 0)
    return 0;
  size_t n = drain(fd, count, sizeof count);
  close(fd);
  return n;
}

/* The one file in FOLDER whose name ends in SUFFIX, into path; 0 when found. */
static int find_file(const char *folder, const char *suffix, char *path, size_t cap) {
  DIR *d = opendir(folder);
  if (d == NULL)
    return -1;
  int found = -1;
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    size_t len = strlen(e->d_name), sl = strlen(suffix);
    if (len > sl && strcmp(e->d_name + len - sl, suffix) == 0) {
      snprintf(path, cap, "%s/%s", folder, e->d_name);
      found = 0;
    }
  }
  closedir(d);
  return found;
}

static void test_client_runs_command_itself_without_server(void) {
  char out[512], run[128], starts[PATH_MAX + 16], folder[192], marker[PATH_MAX];
  snprintf(run, sizeof run, "%s/run-failing", dir); /* its marker must not touch the others */
  snprintf(starts, sizeof starts, "%s/starts-failing", dir);
  CHECK_EQ(mkdir(run, 0700), 0);
  setenv("FAKE_STARTS", starts, 1);
  CHECK_EQ(run_client(run, "no-start", out, sizeof out), 5); /* exits without "ready" */
  CHECK(strcmp(out, direct) == 0);
  /* the next command does not pay for another failed start */
  CHECK_EQ(run_client(run, "no-start", out, sizeof out), 5);
  CHECK(strcmp(out, direct) == 0);
  CHECK_EQ(starts_so_far(starts), 1);
  /* ten minutes later the server is tried again, and a start that works clears the marker */
  snprintf(folder, sizeof folder, "%s/capscope-server", run);
  CHECK_EQ(find_file(folder, ".failed", marker, sizeof marker), 0);
  struct timespec old[2] = {{.tv_sec = time(NULL) - 601}, {.tv_sec = time(NULL) - 601}};
  CHECK_EQ(utimensat(AT_FDCWD, marker, old, 0), 0);
  CHECK_EQ(run_client(run, "serve", out, sizeof out), 7);
  CHECK_EQ(starts_so_far(starts), 2);
  CHECK(access(marker, F_OK) != 0);
  unsetenv("FAKE_STARTS");
}

static void test_client_refuses_a_shared_folder(void) {
  char out[512], open_run[128], cmd[512];
  snprintf(open_run, sizeof open_run, "%s/open", dir);
  snprintf(cmd, sizeof cmd, "mkdir -p %s/capscope-server && chmod 755 %s/capscope-server", open_run,
           open_run);
  CHECK_EQ(system(cmd), 0);
  CHECK_EQ(run_client(open_run, "serve", out, sizeof out), 5);
  CHECK(strcmp(out, direct) == 0);
}

static void test_client_runs_command_itself_for_long_socket_path(void) {
  char out[512], deep[256], cmd[512];
  snprintf(deep, sizeof deep, "%s/%0120d", dir, 0); /* longer than a socket address can be */
  snprintf(cmd, sizeof cmd, "mkdir -p %s", deep);
  CHECK_EQ(system(cmd), 0);
  CHECK_EQ(run_client(deep, "serve", out, sizeof out), 5);
  CHECK(strcmp(out, direct) == 0);
}

static void test_client_reports_a_server_that_dies(void) {
  char out[512];
  CHECK_EQ(run_client(runtime, "die", out, sizeof out), 2);
  CHECK(strcmp(out, "partial") == 0);
}

/* One connection of the stand-in server, answered as FAKE_ANSWER says. */
static void fake_answer(int c, const char *answer) {
  char req[4096];
  ssize_t n = read(c, req, sizeof req - 1);
  if (n < 9)
    return;
  req[n] = '\0';
  if (strcmp(answer, "fallback") == 0) {
    frame(c, 'f', "", 0);
  } else if (strcmp(answer, "die") == 0) {
    frame(c, 'o', "partial", 7);
  } else {
    char text[1024];
    size_t at = (size_t)snprintf(text, sizeof text, "served in %s: ", req + 9);
    for (const char *s = req + 9 + strlen(req + 9) + 1; s < req + n; s += strlen(s) + 1)
      at += (size_t)snprintf(text + at, sizeof text - at, "%s|", s);
    at += (size_t)snprintf(text + at, sizeof text - at, "\n");
    frame(c, 'o', text, at);
    frame(c, 'x', "\7", 1);
  }
}

/* The stand-in bin/capscope: a server when CAPSCOPE_SERVE_ON names a socket, else the command in
 * "a JVM of its own". */
static int fake_launcher(int argc, char **argv) {
  const char *answer = getenv("FAKE_ANSWER");
  const char *path = getenv("CAPSCOPE_SERVE_ON");
  if (path == NULL) {
    const char *server = getenv("CAPSCOPE_SERVER");
    printf("direct (CAPSCOPE_SERVER=%s): ", server ? server : "unset");
    for (int i = 2; i < argc; i++)
      printf("%s|", argv[i]);
    printf("\n");
    return 5;
  }
  const char *starts = getenv("FAKE_STARTS");
  if (starts != NULL) {
    int fd = open(starts, O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (fd < 0 || write(fd, "s", 1) != 1)
      return 1;
    close(fd);
  }
  if (strcmp(answer, "no-start") == 0)
    return 1;
  int ls = socket(AF_UNIX, SOCK_STREAM, 0);
  struct sockaddr_un a = {.sun_family = AF_UNIX};
  snprintf(a.sun_path, sizeof a.sun_path, "%s", path);
  if (bind(ls, (struct sockaddr *)&a, sizeof a) != 0 || listen(ls, 4) != 0)
    return 1;
  int ready = open("/proc/self/fd/3", O_WRONLY);
  if (ready < 0 || write(ready, "ready\n", 6) != 6)
    return 1;
  close(ready);
  close(3);
  int serve = strcmp(answer, "serve-twice") == 0 ? 2 : 1;
  for (int i = 0; i < serve; i++) {
    int c = accept(ls, NULL, NULL);
    fake_answer(c, answer);
    close(c);
  }
  close(ls);
  unlink(path);
  return 0;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "fake-launcher") == 0)
    return fake_launcher(argc, argv);
  if (realpath(argv[0], self) == NULL)
    return 2;
  snprintf(client, sizeof client, "%.*s/capscope-client", (int)(strrchr(self, '/') - self), self);
  if (mkdtemp(dir) == NULL)
    return 2;
  make_home();
  static const struct test_case tests[] = {
      {"relay_keeps_order_and_exit_code", test_relay_keeps_order_and_exit_code},
      {"relay_fallback_only_first", test_relay_fallback_only_first},
      {"relay_broken_wire", test_relay_broken_wire},
      {"request_bytes", test_request_bytes},
      {"request_too_large", test_request_too_large},
      {"client_starts_server_and_relays", test_client_starts_server_and_relays},
      {"second_command_finds_the_running_server", test_second_command_finds_the_running_server},
      {"client_runs_command_itself_when_told", test_client_runs_command_itself_when_told},
      {"client_runs_command_itself_without_server", test_client_runs_command_itself_without_server},
      {"client_refuses_a_shared_folder", test_client_refuses_a_shared_folder},
      {"client_runs_command_itself_for_long_socket_path",
       test_client_runs_command_itself_for_long_socket_path},
      {"client_reports_a_server_that_dies", test_client_reports_a_server_that_dies},
  };
  int rc = run_tests(tests, (int)(sizeof tests / sizeof tests[0]), argc, argv);
  char cmd[PATH_MAX + 16];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0)
    fprintf(stderr, "could not remove %s\n", dir);
  return rc;
}
