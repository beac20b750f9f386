/* A walk's requests pipelined against a real capsim process (docs/protocol.md §1 "A walk in one
 * round trip"): answers come in order, each sent as soon as it is made, and CAP_INFOS after a
 * VALIDITY of the same task reuses what that VALIDITY probed only while the generation stands. */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "protocol/header.h"
#include "tests/check.h"
#include "tests/client.h"
#include "tests/spawn.h"
#include "tests/target_view.h"

static char dir[] = "/tmp/capsim-pipelined-XXXXXX";
static struct tv_capinfo before[4297], after[4297], fresh[4297];

static int start(struct proc *p, int *fd) {
  char listen[160];
  snprintf(listen, sizeof listen, "unix:%s/agent.sock", dir);
  const char *args[] = {"capsim",          "--scenario", scenario_path("gui-stack"), "--listen", listen,
                        "--allow-restore", NULL};
  struct tv_hello h;
  if (proc_start(p, args) != 0 || (*fd = cl_connect(p->uri)) < 0 || tv_hello(*fd, &h) != 0) {
    CHECK(!"capsim did not start");
    return -1;
  }
  return 0;
}

/* The task with the most valid caps ('init -> desktop'). */
static uint32_t big_task(int fd) {
  static struct tv_task t[32];
  int n = 0, best = 0;
  CHECK_EQ(tv_tasks(fd, t, 32, &n), 0);
  for (int i = 1; i < n; i++)
    if (t[i].valid > t[best].valid)
      best = i;
  return n ? t[best].id : 0;
}

static const uint16_t ops[6] = {OP_GENERATION, OP_VALIDITY, OP_CAP_INFOS,
                                OP_THREADS,    OP_CAP_MAP,  OP_GENERATION};

/* The six requests of one walk of `task` (ids id..id+5) at out; returns their bytes. */
static size_t put_walk(uint8_t *out, uint32_t task, uint32_t id) {
  size_t len = 0;
  for (int i = 0; i < 6; i++) {
    struct writer w;
    wr_init(&w, 64);
    if (ops[i] == OP_GENERATION) {
      wr_u16(&w, 1);
      wr_u32(&w, task);
    } else {
      wr_u32(&w, task);
      if (ops[i] != OP_THREADS) {
        wr_u16(&w, 0);
        wr_u16(&w, ops[i] == OP_CAP_MAP ? 4095 : 4296);
      }
    }
    proto_header_put(out + len, ops[i], id + (uint32_t)i, ST_OK, (uint32_t)w.len);
    memcpy(out + len + PROTO_HEADER_SIZE, w.buf, w.len);
    len += PROTO_HEADER_SIZE + w.len;
    wr_free(&w);
  }
  return len;
}

static bool same_infos(const struct tv_capinfo *a, const struct tv_capinfo *b, int n) {
  for (int i = 0; i < n; i++)
    if (a[i].sel != b[i].sel || a[i].kind != b[i].kind || a[i].rights != b[i].rights ||
        a[i].obj != b[i].obj || a[i].label != b[i].label || a[i].maps != b[i].maps ||
        a[i].flags != b[i].flags)
      return false;
  return true;
}

/* CAP_INFOS right after VALIDITY (same generation) equals CAP_INFOS alone; after a change the
 * generation moved, and CAP_INFOS sees the change without another VALIDITY before it. */
static void cap_infos_after_validity_follow_changes(void) {
  struct proc p;
  int fd = -1;
  if (start(&p, &fd) != 0) {
    proc_stop(&p);
    return;
  }
  uint32_t task = big_task(fd);
  uint8_t bits[538];
  uint64_t g0, g1, g2;
  int n_alone = 0, n_after = 0, n_changed = 0;
  CHECK_EQ(tv_cap_infos(fd, task, 0, 4296, fresh, &n_alone, &g0), 0);
  CHECK_EQ(tv_validity(fd, task, 0, 4296, bits, &g1), 0);
  CHECK_EQ(tv_cap_infos(fd, task, 0, 4296, before, &n_after, &g1), 0);
  CHECK_EQ(g0, g1);
  CHECK_EQ(n_alone, n_after);
  CHECK(n_alone > 500 && same_infos(fresh, before, n_alone));

  /* Unmap the first valid selector above the task cap: the generation moves. */
  uint16_t gone = before[1].sel;
  CHECK_EQ(tv_lease_current(fd, task, 0), 0);
  CHECK_EQ(tv_unmap(fd, task, gone, &g2), 0);
  CHECK(g2 != g1);
  CHECK_EQ(tv_cap_infos(fd, task, 0, 4296, after, &n_changed, &g2), 0);
  CHECK_EQ(n_changed, n_after - 1);
  for (int i = 0; i < n_changed; i++)
    CHECK(after[i].sel != gone);

  /* A VALIDITY over part of the range is no reason to skip probing the rest. */
  CHECK_EQ(tv_validity(fd, task, 0, 8, bits, &g2), 0);
  CHECK_EQ(tv_cap_infos(fd, task, 0, 4296, fresh, &n_alone, &g2), 0);
  CHECK_EQ(n_alone, n_changed);
  CHECK(same_infos(fresh, after, n_changed));
  close(fd);
  CHECK_EQ(proc_stop(&p), 0);
}

/* The six requests of a walk in one write: six answers in request order, and the generations
 * before and after agree (nothing changed in between). */
static void pipelined_answers_come_in_order(void) {
  struct proc p;
  int fd = -1;
  if (start(&p, &fd) != 0) {
    proc_stop(&p);
    return;
  }
  uint32_t task = big_task(fd);
  uint8_t burst[6 * (PROTO_HEADER_SIZE + 8)];
  size_t len = put_walk(burst, task, 100);
  CHECK_EQ(cl_send_raw(fd, burst, len), 0);
  uint64_t gen[2] = {0, 0};
  for (int i = 0; i < 6; i++) {
    struct resp r;
    CHECK_EQ(cl_recv(fd, &r, 5000), 0);
    CHECK_EQ(r.id, 100 + (uint32_t)i);
    CHECK_EQ(r.op, ops[i]);
    CHECK_EQ(r.status, 0);
    if (ops[i] == OP_GENERATION && r.len >= 14)
      gen[i != 0] = get_u64(r.payload + 6);
    resp_free(&r);
  }
  CHECK(gen[0] != 0 && gen[0] == gen[1]);
  close(fd);
  CHECK_EQ(proc_stop(&p), 0);
}

static volatile uint32_t work_sink;

/* Reads answers in small bites, each followed by some work on its bytes the way a client decodes
 * them, until `frames` whole frames have come; false if the agent went quiet for 5 s first. */
static bool take_answers(int fd, int frames) {
  static uint8_t buf[1 << 20];
  size_t have = 0;
  int seen = 0;
  while (seen < frames) {
    struct pollfd p = {.fd = fd, .events = POLLIN};
    if (poll(&p, 1, 5000) != 1)
      return false;
    ssize_t n = read(fd, buf + have, 1024 < sizeof buf - have ? 1024 : sizeof buf - have);
    if (n <= 0)
      return false;
    uint32_t sum = 0;
    for (int pass = 0; pass < 16; pass++)
      for (ssize_t i = 0; i < n; i++)
        sum = sum * 31 + buf[have + (size_t)i];
    work_sink = sum;
    have += (size_t)n;
    size_t off = 0;
    while (have - off >= PROTO_HEADER_SIZE) {
      size_t flen = PROTO_HEADER_SIZE + get_u32(buf + off + PROTO_OFF_LENGTH);
      if (have - off < flen)
        break;
      off += flen;
      seen++;
    }
    memmove(buf, buf + off, have - off);
    have -= off;
  }
  return true;
}

/* All walks of 64 tasks in one write, answers taken by a slow reader: the agent's in-flight limit
 * holds it back again and again, and it must always go on once there is room (the client has
 * nothing more to send that could wake it). */
static void many_walks_with_a_slow_reader_all_answered(void) {
  char listen[160];
  snprintf(listen, sizeof listen, "unix:%s/many.sock", dir);
  const char *args[] = {"capsim", "--scenario", scenario_path("sixty-four"), "--listen", listen, NULL};
  struct proc p;
  int fd = -1;
  struct tv_hello h;
  static struct tv_task t[128];
  int n = 0;
  if (proc_start(&p, args) != 0 || (fd = cl_connect(p.uri)) < 0 || tv_hello(fd, &h) != 0 ||
      tv_tasks(fd, t, 128, &n) != 0 || n != 64) {
    CHECK(!"capsim with 64 tasks did not start");
    proc_stop(&p);
    return;
  }
  static uint8_t burst[64 * 6 * (PROTO_HEADER_SIZE + 8)];
  for (int round = 0; round < 400; round++) {
    size_t len = 0;
    for (int i = 0; i < n; i++)
      len += put_walk(burst + len, t[i].id, 1000 + 6 * (uint32_t)i);
    CHECK_EQ(cl_send_raw(fd, burst, len), 0);
    if (!take_answers(fd, 6 * n)) {
      CHECK(!"the agent stopped answering pipelined walks");
      break;
    }
  }
  close(fd);
  CHECK_EQ(proc_stop(&p), 0);
}

int main(int argc, char **argv) {
  if (!mkdtemp(dir)) {
    perror("mkdtemp");
    return 1;
  }
  static const struct test_case tests[] = {
      {"cap_infos_after_validity_follow_changes", cap_infos_after_validity_follow_changes},
      {"pipelined_answers_come_in_order", pipelined_answers_come_in_order},
      {"many_walks_with_a_slow_reader_all_answered", many_walks_with_a_slow_reader_all_answered},
  };
  int rc = run_tests(tests, (int)(sizeof tests / sizeof *tests), argc, argv);
  rmdir(dir);
  return rc;
}
