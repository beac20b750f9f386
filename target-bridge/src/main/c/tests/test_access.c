/* Who may talk to capsim (issue 7, docs/reliability.md "Security"): the shared token
 * (AUTH), the refusal to listen off loopback without one, the token file's mode, and
 * that every mutation is refused (and not performed) without --allow-restore. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/check.h"
#include "tests/client.h"
#include "tests/spawn.h"
#include "tests/target_view.h"

#define TOKEN "s3cret-Token_42"

static char dir[64];

static const char *path_in_dir(const char *name) {
  static char buf[4][256];
  static int k;
  k = (k + 1) % 4;
  snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
  return buf[k];
}

static void write_file(const char *path, const char *text, mode_t mode) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
  CHECK(fd >= 0);
  CHECK(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
  close(fd);
  chmod(path, mode);
}

/* Sends AUTH with `token`; returns the response status, -1 if none came. */
static int auth(int fd, const char *token) {
  struct writer w;
  struct resp r;
  wr_init(&w, 512);
  wr_str(&w, token);
  int rc = cl_call(fd, OP_AUTH, &w, &r);
  wr_free(&w);
  if (rc != 0)
    return -1;
  int st = r.status;
  CHECK_EQ(r.op, OP_AUTH);
  if (st == ST_OK)
    CHECK_EQ(r.len, 0);
  resp_free(&r);
  return st;
}

/* Any request; returns its status (-1 if no answer). */
static int hello_status(int fd) {
  struct writer w;
  struct resp r;
  wr_init(&w, 64);
  wr_u16(&w, 1);
  wr_str(&w, "test_access");
  int rc = cl_call(fd, OP_HELLO, &w, &r);
  wr_free(&w);
  if (rc != 0)
    return -1;
  int st = r.status;
  resp_free(&r);
  return st;
}

/* The status of an empty-payload TASKS (-1 if no answer). */
static int tasks_status(int fd) {
  struct writer w;
  struct resp r;
  wr_init(&w, 8);
  int rc = cl_call(fd, OP_TASKS, &w, &r);
  wr_free(&w);
  if (rc != 0)
    return -1;
  int st = r.status;
  resp_free(&r);
  return st;
}

/* AUTH whose payload has one byte too many after the token. */
static int malformed_auth(int fd) {
  struct writer w;
  struct resp r;
  wr_init(&w, 64);
  wr_str(&w, TOKEN);
  wr_u8(&w, 0);
  int rc = cl_call(fd, OP_AUTH, &w, &r);
  wr_free(&w);
  if (rc != 0)
    return -1;
  int st = r.status;
  resp_free(&r);
  return st;
}

static void token_required(void) {
  const char *tf = path_in_dir("token");
  write_file(tf, TOKEN "\n", 0600);
  const char *args[] = {
      "capsim", "--scenario", scenario_path("log-client"), "--listen", "tcp:127.0.0.1:0", "--token-file",
      tf,       NULL};
  struct proc p;
  if (proc_start(&p, args) != 0) {
    CHECK(!"capsim with --token-file did not start");
    proc_stop(&p);
    return;
  }
  /* HELLO is answered before AUTH (a client checks it talks to an agent before it sends
   * its token) and says a token is needed; anything else without AUTH: one error frame,
   * then the connection closes. */
  int fd = cl_connect(p.uri);
  struct tv_hello h;
  CHECK_EQ(tv_hello(fd, &h), 0);
  CHECK(h.flags & HELLO_TOKEN_REQUIRED);
  CHECK_EQ(tasks_status(fd), ST_UNAUTHORIZED);
  CHECK(cl_closed(fd, 3000));
  close(fd);
  /* Wrong token, a prefix of the right one, an empty one, a malformed AUTH: the same. */
  const char *wrong[] = {"wrong", "s3cret-Token_4", TOKEN "x", ""};
  for (unsigned i = 0; i < sizeof wrong / sizeof *wrong; i++) {
    fd = cl_connect(p.uri);
    CHECK_EQ(auth(fd, wrong[i]), ST_UNAUTHORIZED);
    CHECK(cl_closed(fd, 3000));
    close(fd);
  }
  fd = cl_connect(p.uri);
  CHECK_EQ(malformed_auth(fd), ST_UNAUTHORIZED);
  CHECK(cl_closed(fd, 3000));
  close(fd);
  /* The right token: everything works on that connection. */
  fd = cl_connect(p.uri);
  CHECK_EQ(auth(fd, TOKEN), ST_OK);
  CHECK_EQ(tv_hello(fd, &h), 0);
  struct tv_task tasks[16];
  int n = 0;
  CHECK_EQ(tv_tasks(fd, tasks, 16, &n), 0);
  CHECK(n > 0);
  CHECK_EQ(auth(fd, TOKEN), ST_OK);             /* again, harmless */
  CHECK_EQ(auth(fd, "wrong"), ST_UNAUTHORIZED); /* a wrong one later still closes */
  CHECK(cl_closed(fd, 3000));
  close(fd);
  CHECK(proc_alive(&p));
  CHECK_EQ(proc_stop(&p), 0);
}

static void without_token_auth_is_accepted(void) {
  const char *args[] = {"capsim", "--scenario", scenario_path("log-client"), "--listen", "tcp::0", NULL};
  struct proc p;
  if (proc_start(&p, args) != 0) {
    CHECK(!"capsim did not start");
    proc_stop(&p);
    return;
  }
  CHECK(strncmp(p.uri, "tcp:127.0.0.1:", 14) == 0); /* tcp::PORT is loopback */
  int fd = cl_connect(p.uri);
  CHECK_EQ(hello_status(fd), ST_OK); /* old clients: nothing changed */
  CHECK_EQ(auth(fd, "anything"), ST_OK);
  CHECK_EQ(auth(fd, ""), ST_OK);
  CHECK_EQ(malformed_auth(fd), ST_BAD_LENGTH); /* an ordinary bad request: stays open */
  struct tv_hello h;
  CHECK_EQ(tv_hello(fd, &h), 0);
  CHECK(!(h.flags & HELLO_TOKEN_REQUIRED));
  close(fd);
  CHECK_EQ(proc_stop(&p), 0);
}

/* Runs capsim expecting it to refuse: exit 2 and a stderr line containing `why`. */
static void refuses(const char *extra, const char *why) {
  char cmd[1024], err[1024] = "";
  const char *ef = path_in_dir("stderr");
  snprintf(cmd, sizeof cmd, "'%s' --scenario '%s' %s </dev/null >/dev/null 2>'%s'", capsim_path(),
           scenario_path("log-client"), extra, ef);
  int st = system(cmd);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 2);
  FILE *f = fopen(ef, "r");
  if (f) {
    size_t n = fread(err, 1, sizeof err - 1, f);
    err[n] = 0;
    fclose(f);
  }
  if (!strstr(err, why))
    fprintf(stderr, "expected '%s' in capsim's stderr: %s\n", why, err);
  CHECK(strstr(err, why) != NULL);
}

static void off_loopback_needs_token(void) {
  refuses("--listen tcp:0.0.0.0:0", "refusing to listen on tcp:0.0.0.0:0 without a token");
  refuses("--listen 'tcp:[::]:0'", "without a token");
  const char *tf = path_in_dir("token-open");
  write_file(tf, TOKEN "\n", 0644);
  char extra[512];
  snprintf(extra, sizeof extra, "--listen tcp::0 --token-file '%s'", tf);
  refuses(extra, "readable by others");
  refuses("--listen tcp::0 --token 'has space'", "printable ASCII");
  /* With a token it listens on every interface. */
  const char *args[] = {
      "capsim", "--scenario", scenario_path("log-client"), "--listen", "tcp:0.0.0.0:0", "--token",
      TOKEN,    NULL};
  struct proc p;
  CHECK_EQ(proc_start(&p, args), 0);
  CHECK(strncmp(p.uri, "tcp:0.0.0.0:", 12) == 0);
  char local[400];
  snprintf(local, sizeof local, "tcp:127.0.0.1:%s", p.uri + 12);
  int fd = cl_connect(local);
  CHECK_EQ(tasks_status(fd), ST_UNAUTHORIZED);
  close(fd);
  CHECK_EQ(proc_stop(&p), 0);
}

/* Every mutation opcode answers REFUSED on a read-only target and the task's generation
 * does not move (nothing was performed). */
static void every_mutation_refused(void) {
  const char *sock = path_in_dir("ro.sock");
  char listen[300];
  snprintf(listen, sizeof listen, "unix:%s", sock);
  const char *args[] = {"capsim", "--scenario", scenario_path("log-client"), "--listen", listen, NULL};
  struct proc p;
  if (proc_start(&p, args) != 0) {
    CHECK(!"capsim did not start");
    proc_stop(&p);
    return;
  }
  struct stat st;
  CHECK_EQ(stat(sock, &st), 0);
  CHECK_EQ(st.st_mode & 0777, 0600);
  int fd = cl_connect(p.uri);
  struct tv_hello h;
  CHECK_EQ(tv_hello(fd, &h), 0);
  CHECK_EQ(h.flags & 1, 0); /* restore not allowed */
  struct tv_task tasks[16];
  int n = 0;
  CHECK_EQ(tv_tasks(fd, tasks, 16, &n), 0);
  uint32_t task = tasks[n - 1].id;
  uint64_t gen = tasks[n - 1].gen;
  for (uint16_t op = OP_UNMAP; op <= OP_CLOSE_SESSION; op++) {
    if (op == OP_LEASE_RELEASE)
      continue; /* changes nothing, answered OK everywhere */
    struct writer w;
    wr_init(&w, 512);
    wr_u32(&w, task);
    switch (op) {
    case OP_UNMAP:
      wr_u16(&w, 0x300);
      wr_u8(&w, 0);
      wr_u8(&w, 1);
      break;
    case OP_MAP_COPY:
      wr_u32(&w, 0);
      wr_u16(&w, 0x300);
      wr_u16(&w, 0x400);
      wr_u8(&w, 0);
      wr_u8(&w, 7);
      wr_u8(&w, 0);
      wr_u8(&w, 0);
      break;
    case OP_CREATE_SESSION:
      wr_u16(&w, 0x300);
      wr_u64(&w, 0);
      wr_str(&w, "LOG");
      wr_str(&w, "x");
      wr_str(&w, "");
      wr_str(&w, "");
      break;
    case OP_CREATE_OBJECT:
      wr_u16(&w, 0x300);
      wr_u8(&w, 3);
      wr_u8(&w, 0);
      wr_u64(&w, 4);
      break;
    case OP_SET_CAPMAP_ENTRY:
      wr_u16(&w, 0x300);
      wr_u16(&w, 0x44);
      wr_u8(&w, 1);
      wr_u8(&w, 0);
      wr_u32(&w, 0);
      wr_u64(&w, 0);
      for (int k = 0; k < 4; k++)
        wr_str(&w, "");
      break;
    case OP_CLEAR_CAPMAP_ENTRY: wr_u16(&w, 0x300); break;
    case OP_LEASE_ACQUIRE:
      wr_u64(&w, gen);
      wr_u32(&w, 0);
      break;
    case OP_CLOSE_SESSION: wr_u16(&w, 0x300); break;
    }
    struct resp r;
    CHECK_EQ(cl_call(fd, op, &w, &r), 0);
    wr_free(&w);
    if (r.status != ST_REFUSED)
      fprintf(stderr, "opcode 0x%02x: status %u\n", op, r.status);
    CHECK_EQ(r.status, ST_REFUSED);
    resp_free(&r);
  }
  CHECK_EQ(tv_tasks(fd, tasks, 16, &n), 0);
  CHECK_EQ(tasks[n - 1].gen, gen);
  close(fd);
  CHECK_EQ(proc_stop(&p), 0);
}

/* What stands at the socket path is named, not bind's "Address already in use"; a stale
 * socket of our own is still replaced (test_process), another user's never. */
static void socket_path_problems(void) {
  char extra[600];
  write_file(path_in_dir("plain-file"), "not a socket\n", 0600);
  snprintf(extra, sizeof extra, "--listen unix:%s", path_in_dir("plain-file"));
  refuses(extra, "is an existing file, not a socket");
  mkdir(path_in_dir("a-dir"), 0700);
  snprintf(extra, sizeof extra, "--listen unix:%s", path_in_dir("a-dir"));
  refuses(extra, "is a directory: give a socket path inside it");
  CHECK_EQ(symlink(path_in_dir("plain-file"), path_in_dir("a-link")), 0);
  snprintf(extra, sizeof extra, "--listen unix:%s", path_in_dir("a-link"));
  refuses(extra, "is a symbolic link");
  char text[64] = "";
  FILE *f = fopen(path_in_dir("plain-file"), "r");
  CHECK(f && fgets(text, sizeof text, f));
  if (f)
    fclose(f);
  CHECK_EQ(strcmp(text, "not a socket\n"), 0); /* left as it was */
  if (geteuid() == 0) {                        /* only root can give a socket to another user */
    const char *args[] = {"capsim", "--scenario", scenario_path("log-client"), "--listen", NULL, NULL};
    char listen_arg[300];
    snprintf(listen_arg, sizeof listen_arg, "unix:%s", path_in_dir("other.sock"));
    args[4] = listen_arg;
    struct proc p;
    CHECK_EQ(proc_start(&p, args), 0); /* makes the socket; stopped, it leaves it behind */
    CHECK_EQ(kill(p.pid, SIGKILL), 0);
    proc_stop(&p);
    CHECK_EQ(chown(path_in_dir("other.sock"), 65534, 65534), 0);
    snprintf(extra, sizeof extra, "--listen %s", listen_arg);
    refuses(extra, "is a socket of another user (user id 65534");
    struct stat st;
    CHECK(lstat(path_in_dir("other.sock"), &st) == 0 && S_ISSOCK(st.st_mode));
  }
}

int main(int argc, char **argv) {
  snprintf(dir, sizeof dir, "/tmp/capsim-access-XXXXXX");
  if (!mkdtemp(dir))
    return 1;
  static const struct test_case tests[] = {
      {"token_required", token_required},
      {"without_token_auth_is_accepted", without_token_auth_is_accepted},
      {"off_loopback_needs_token", off_loopback_needs_token},
      {"every_mutation_refused", every_mutation_refused},
      {"socket_path_problems", socket_path_problems},
  };
  int rc = run_tests(tests, (int)(sizeof tests / sizeof *tests), argc, argv);
  const char *names[] = {"token",      "token-open", "stderr",    "ro.sock",
                         "plain-file", "a-link",     "other.sock"};
  for (unsigned i = 0; i < sizeof names / sizeof *names; i++)
    unlink(path_in_dir(names[i]));
  rmdir(path_in_dir("a-dir"));
  rmdir(dir);
  return rc;
}
