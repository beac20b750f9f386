/* Bad frames against a running capsim: each gets an error frame or a closed
 * connection, never a crash, and other clients keep being served. */
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "tests/check.h"
#include "tests/client.h"
#include "tests/spawn.h"
#include "tests/target_view.h"

static struct proc capsim;
static int watcher = -1; /* a connection kept open through every test */

static void header(uint8_t *h, uint32_t magic, uint16_t version, uint16_t op, uint32_t id,
                   uint32_t len) {
  struct proto_header hd = {magic, version, op, id, 0, 0, len};
  proto_header_encode(h, &hd);
}

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* capsim is alive and a fresh connection gets a good answer. */
static void still_serving(void) {
  CHECK(proc_alive(&capsim));
  int fd = cl_connect(capsim.uri);
  CHECK(fd >= 0);
  struct tv_hello h;
  CHECK_EQ(tv_hello(fd, &h), 0);
  close(fd);
  CHECK_EQ(tv_hello(watcher, &h), 0);
}

static int expect_error(int fd, uint16_t status, bool closes) {
  struct resp r;
  if (cl_recv(fd, &r, 3000) != 0) {
    CHECK(!"no error frame");
    return -1;
  }
  CHECK_EQ(r.magic, PROTO_MAGIC);
  CHECK_EQ(r.status, status);
  /* error payload: i32 detail + str message */
  CHECK(r.len >= 6);
  if (r.len >= 6)
    CHECK_EQ(get_u16(r.payload + 4), r.len - 6);
  resp_free(&r);
  if (closes)
    CHECK(cl_closed(fd, 3000));
  return 0;
}

static void with_conn(void (*body)(int fd)) {
  int fd = cl_connect(capsim.uri);
  CHECK(fd >= 0);
  if (fd >= 0) {
    body(fd);
    close(fd);
  }
  still_serving();
}

static void body_bad_magic(int fd) {
  uint8_t h[20];
  header(h, 0xdeadbeef, 1, OP_HELLO, 7, 0);
  cl_send_raw(fd, h, sizeof h);
  expect_error(fd, ST_BAD_MAGIC, true);
}

static void body_bad_version(int fd) {
  uint8_t h[20];
  header(h, PROTO_MAGIC, 9, OP_HELLO, 7, 0);
  cl_send_raw(fd, h, sizeof h);
  expect_error(fd, ST_BAD_VERSION, true);
}

static void body_too_large(int fd) {
  uint8_t h[20];
  header(h, PROTO_MAGIC, 1, OP_VALIDITY, 7, 0x7fffffff);
  cl_send_raw(fd, h, sizeof h);
  expect_error(fd, ST_TOO_LARGE, true);
}

static void body_unknown_opcode_keeps_connection(int fd) {
  uint8_t h[20];
  header(h, PROTO_MAGIC, 1, 0x7777, 9, 3);
  cl_send_raw(fd, h, sizeof h);
  cl_send_raw(fd, "abc", 3);
  struct resp r;
  CHECK_EQ(cl_recv(fd, &r, 3000), 0);
  CHECK_EQ(r.status, ST_UNKNOWN_OPCODE);
  CHECK_EQ(r.id, 9);
  CHECK_EQ(r.op, 0x7777);
  resp_free(&r);
  struct tv_hello hello;
  CHECK_EQ(tv_hello(fd, &hello), 0); /* still open, still in sync */
}

static void body_lengths(int fd) {
  /* VALIDITY with 6 instead of 8 bytes. */
  uint8_t p[64] = {2, 0, 0, 0, 0, 0};
  cl_send(fd, OP_VALIDITY, 1, p, 6);
  expect_error(fd, ST_BAD_LENGTH, false);
  /* ... and with 9. */
  cl_send(fd, OP_VALIDITY, 2, p, 9);
  expect_error(fd, ST_BAD_LENGTH, false);
  /* HELLO whose string claims 100 bytes but carries 3. */
  uint8_t hello[] = {1, 0, 100, 0, 'a', 'b', 'c'};
  cl_send(fd, OP_HELLO, 3, hello, sizeof hello);
  expect_error(fd, ST_BAD_LENGTH, false);
  /* HELLO whose string is over the 4096 limit. */
  uint8_t big[4 + 5000] = {1, 0, 0x88, 0x13};
  memset(big + 4, 'x', 5000);
  cl_send(fd, OP_HELLO, 4, big, sizeof big);
  expect_error(fd, ST_BAD_LENGTH, false);
  /* TASKS takes no payload. */
  cl_send(fd, OP_TASKS, 5, p, 1);
  expect_error(fd, ST_BAD_LENGTH, false);
  /* GENERATION: count says 3 ids, payload holds 1. */
  uint8_t gen[] = {3, 0, 1, 0, 0, 0};
  cl_send(fd, OP_GENERATION, 6, gen, sizeof gen);
  expect_error(fd, ST_BAD_LENGTH, false);
  /* A mutation with a short payload: BAD_LENGTH wins over REFUSED. */
  cl_send(fd, OP_UNMAP, 7, p, 3);
  expect_error(fd, ST_BAD_LENGTH, false);
}

static void body_counts_and_ranges(int fd) {
  /* GENERATION with 300 ids (limit 256). */
  uint8_t gen[2 + 300 * 4];
  memset(gen, 0, sizeof gen);
  gen[0] = 300 & 0xff;
  gen[1] = 300 >> 8;
  cl_send(fd, OP_GENERATION, 1, gen, sizeof gen);
  expect_error(fd, ST_COUNT_LIMIT, false);
  uint8_t bits[600];
  uint64_t g;
  int n;
  struct tv_capinfo ci[8];
  CHECK_EQ(tv_validity(fd, 1, 0, 4297, bits, &g), ST_BAD_RANGE);
  CHECK_EQ(tv_validity(fd, 1, 10, 9, bits, &g), ST_BAD_RANGE);
  CHECK_EQ(tv_validity(fd, 1, 0xffff, 0xffff, bits, &g), ST_BAD_RANGE);
  CHECK_EQ(tv_cap_infos(fd, 1, 4000, 5000, ci, &n, &g), ST_BAD_RANGE);
  CHECK_EQ(tv_validity(fd, 999, 0, 10, bits, &g), ST_NO_SUCH_TASK);
  CHECK_EQ(tv_validity(fd, 0, 0, 10, bits, &g), ST_NO_SUCH_TASK);
  struct agent_capmap_entry e[4];
  CHECK_EQ(tv_threads(fd, 12345, NULL, 0, &n), ST_NO_SUCH_TASK);
  uint8_t cm[] = {1, 0, 0, 0, 0, 0, 0x00, 0x10}; /* CAP_MAP 0..4096 */
  cl_send(fd, OP_CAP_MAP, 9, cm, sizeof cm);
  expect_error(fd, ST_BAD_RANGE, false);
  (void)e;
  CHECK_EQ(tv_validity(fd, 1, 4296, 4296, bits, &g), 0); /* the edge itself is fine */
  CHECK_EQ(tv_validity(fd, 1, 0, 4296, bits, &g), 0);
}

/* A header cut off, then the client goes away. */
static void body_truncated_header(int fd) {
  uint8_t h[20];
  header(h, PROTO_MAGIC, 1, OP_HELLO, 1, 10);
  cl_send_raw(fd, h, 11);
}

/* A payload cut off, then the client goes away. */
static void body_truncated_payload(int fd) {
  uint8_t h[20];
  header(h, PROTO_MAGIC, 1, OP_VALIDITY, 1, 8);
  cl_send_raw(fd, h, sizeof h);
  cl_send_raw(fd, "\x01\x00\x00", 3);
}

/* Disconnect with requests queued and large answers unread. */
static void body_disconnect_with_pending_answers(int fd) {
  uint8_t p[] = {1, 0, 0, 0, 0, 0, 0xc8, 0x10};
  for (uint32_t i = 0; i < 10; i++)
    cl_send(fd, OP_CAP_INFOS, i, p, sizeof p);
}

static void t_bad_magic(void) { with_conn(body_bad_magic); }
static void t_bad_version(void) { with_conn(body_bad_version); }
static void t_too_large(void) { with_conn(body_too_large); }
static void t_unknown_opcode(void) { with_conn(body_unknown_opcode_keeps_connection); }
static void t_lengths(void) { with_conn(body_lengths); }
static void t_counts_and_ranges(void) { with_conn(body_counts_and_ranges); }
static void t_truncated_header(void) { with_conn(body_truncated_header); }
static void t_truncated_payload(void) { with_conn(body_truncated_payload); }
static void t_disconnect_pending(void) { with_conn(body_disconnect_with_pending_answers); }

/* A client stuck mid-frame does not hold up anyone else. */
static void t_slow_client_does_not_block(void) {
  int slow = cl_connect(capsim.uri);
  CHECK(slow >= 0);
  uint8_t h[20];
  header(h, PROTO_MAGIC, 1, OP_VALIDITY, 1, 8);
  cl_send_raw(slow, h, 15);
  double t0 = now_ms();
  for (int i = 0; i < 20; i++) {
    uint8_t bits[538];
    uint64_t g;
    CHECK_EQ(tv_validity(watcher, 1, 0, 4296, bits, &g), 0);
  }
  CHECK(now_ms() - t0 < 2000);
  close(slow);
  still_serving();
}

/* A client that floods requests and never reads stalls only itself. */
static void t_flooding_client_does_not_block(void) {
  int flood = cl_connect(capsim.uri);
  CHECK(flood >= 0);
  uint8_t p[] = {1, 0, 0, 0, 0, 0, 0xc8, 0x10};
  uint8_t frame[28];
  header(frame, PROTO_MAGIC, 1, OP_CAP_INFOS, 0, sizeof p);
  memcpy(frame + 20, p, sizeof p);
  int one = 1;
  (void)one;
  for (int i = 0; i < 2000; i++)
    if (send(flood, frame, sizeof frame, MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
      break; /* socket full: the agent stopped reading us */
  double t0 = now_ms();
  struct tv_hello h;
  for (int i = 0; i < 10; i++)
    CHECK_EQ(tv_hello(watcher, &h), 0);
  CHECK(now_ms() - t0 < 2000);
  close(flood);
  still_serving();
}

/* Pipelined requests come back complete and in order. */
static void t_pipelining_in_order(void) {
  int fd = cl_connect(capsim.uri);
  CHECK(fd >= 0);
  uint8_t p[] = {1, 0, 0, 0, 0, 0, 0xc8, 0x10};
  for (uint32_t i = 0; i < 40; i++)
    CHECK_EQ(cl_send(fd, i % 2 ? OP_VALIDITY : OP_CAP_INFOS, 100 + i, p, sizeof p), 0);
  for (uint32_t i = 0; i < 40; i++) {
    struct resp r;
    CHECK_EQ(cl_recv(fd, &r, 5000), 0);
    CHECK_EQ(r.id, 100 + i);
    CHECK_EQ(r.status, 0);
    resp_free(&r);
  }
  close(fd);
}

static void t_garbage(void) {
  srand(1234);
  for (int c = 0; c < 20; c++) {
    int fd = cl_connect(capsim.uri);
    CHECK(fd >= 0);
    uint8_t junk[512];
    for (size_t i = 0; i < sizeof junk; i++)
      junk[i] = (uint8_t)rand();
    if (c % 2) { /* a valid header in front of junk payload */
      header(junk, PROTO_MAGIC, 1, (uint16_t)(1 + c % 0x16), (uint32_t)c, (uint32_t)(rand() % 600));
    }
    cl_send_raw(fd, junk, (size_t)(20 + rand() % 492));
    close(fd);
  }
  still_serving();
}

/* A new client gets HELLO answered (not BUSY): slots have come free. */
static bool answers_a_new_client(void *unused) {
  (void)unused;
  int fd = cl_connect(capsim.uri);
  struct tv_hello h;
  bool ok = fd >= 0 && tv_hello(fd, &h) == 0;
  if (fd >= 0)
    close(fd);
  return ok;
}

static void t_too_many_connections(void) {
  int fds[PROTO_MAX_CONNECTIONS + 1];
  int n = 0;
  for (; n < PROTO_MAX_CONNECTIONS - 1; n++) /* the watcher holds one */
    fds[n] = cl_connect(capsim.uri);
  struct tv_hello h;
  CHECK_EQ(tv_hello(fds[n - 1], &h), 0); /* all accepted by now */
  int extra = cl_connect(capsim.uri);
  CHECK(extra >= 0);
  expect_error(extra, ST_BUSY, true);
  close(extra);
  for (int i = 0; i < n; i++)
    close(fds[i]);
  CHECK(check_poll(answers_a_new_client, NULL, 5000)); /* capsim has seen the closes */
  still_serving();
}

int main(int argc, char **argv) {
  char dir[] = "/tmp/capsim-bad-XXXXXX";
  if (!mkdtemp(dir))
    return 1;
  char listen[128];
  snprintf(listen, sizeof listen, "unix:%s/agent.sock", dir);
  const char *args[] = {"capsim", "--scenario", scenario_path("log-client"), "--listen", listen, NULL};
  if (proc_start(&capsim, args) != 0) {
    printf("capsim did not start\n0 passed, 1 failed\n");
    return 1;
  }
  watcher = cl_connect(capsim.uri);
  static const struct test_case tests[] = {
      {"bad_magic_closes", t_bad_magic},
      {"bad_version_closes", t_bad_version},
      {"too_large_closes", t_too_large},
      {"unknown_opcode_keeps_connection", t_unknown_opcode},
      {"lengths_past_the_end", t_lengths},
      {"counts_and_ranges", t_counts_and_ranges},
      {"truncated_header_then_disconnect", t_truncated_header},
      {"truncated_payload_then_disconnect", t_truncated_payload},
      {"disconnect_with_pending_answers", t_disconnect_pending},
      {"slow_client_does_not_block", t_slow_client_does_not_block},
      {"flooding_client_does_not_block", t_flooding_client_does_not_block},
      {"pipelining_in_order", t_pipelining_in_order},
      {"garbage", t_garbage},
      {"too_many_connections", t_too_many_connections},
  };
  int rc = run_tests(tests, (int)(sizeof tests / sizeof *tests), argc, argv);
  close(watcher);
  int st = proc_stop(&capsim);
  if (st != 0) {
    printf("capsim exit status %d after the bad frames\n0 passed, 1 failed\n", st);
    rc = 1;
  }
  rmdir(dir);
  return rc;
}
