/* The restore lease and CLOSE_SESSION (docs/protocol.md 0x16-0x18) against a real capsim
 * process: one client at a time may mutate, every mutation is a compare-and-swap on the
 * task's generation, and the lease ends with release, its connection (idle eviction too) or
 * its timeout. Waits are polls with a deadline, never sleeps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tests/check.h"
#include "tests/client.h"
#include "tests/spawn.h"
#include "tests/target_view.h"

static char dir[] = "/tmp/capsim-lease-XXXXXX";
static struct agent_capmap_entry entries[4096];
static struct tv_capinfo infos[4297];

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* capsim --allow-restore on `scenario`, listening on `spec` (NULL: a Unix socket). */
static int start(struct proc *p, const char *scenario, const char *spec, const char *idle) {
  char listen[160];
  snprintf(listen, sizeof listen, "unix:%s/agent.sock", dir);
  const char *args[] = {"capsim",         "--scenario",         scenario_path(scenario),
                        "--listen",       spec ? spec : listen, "--allow-restore",
                        "--idle-timeout", idle ? idle : "30",   NULL};
  int rc = proc_start(p, args);
  CHECK_EQ(rc, 0);
  return rc;
}

static int client(struct proc *p) {
  int fd = cl_connect(p->uri);
  struct tv_hello h;
  CHECK(fd >= 0);
  CHECK_EQ(tv_hello(fd, &h), 0);
  return fd;
}

static uint32_t task_id(int fd, const char *name) {
  struct tv_task t[32];
  int n = 0;
  CHECK_EQ(tv_tasks(fd, t, 32, &n), 0);
  for (int i = 0; i < n; i++)
    if (!strcmp(t[i].name, name))
      return t[i].id;
  CHECK(!"task not found");
  return 0;
}

static uint64_t generation(int fd, uint32_t task) {
  uint64_t g = 0;
  CHECK_EQ(tv_generation(fd, task, &g), 0);
  return g;
}

/* UNMAP of one selector; the status, and the error message into msg (if given). */
static int unmap_msg(int fd, uint32_t task, uint16_t sel, char *msg, size_t size) {
  struct writer w;
  struct resp r;
  wr_init(&w, 16);
  wr_u32(&w, task);
  wr_u16(&w, sel);
  wr_u8(&w, 0);
  wr_u8(&w, 0);
  int rc = cl_call(fd, OP_UNMAP, &w, &r);
  wr_free(&w);
  if (rc)
    return -1;
  if (msg && r.status) {
    struct reader rd;
    rd_init(&rd, r.payload, r.len);
    rd_u32(&rd);
    rd_str(&rd, msg, size);
  }
  int st = r.status;
  resp_free(&r);
  return st;
}

/* Polls LEASE_ACQUIRE at the current generation until it is granted; its status at the end. */
static int acquire_within(int fd, uint32_t task, uint32_t timeout_ms, double deadline_ms) {
  int st;
  do
    st = tv_lease_current(fd, task, timeout_ms);
  while (st == ST_LEASE_HELD && now_ms() < deadline_ms);
  return st;
}

static void mutation_needs_the_lease(void) {
  struct proc p;
  if (start(&p, "log-client", NULL, NULL))
    return;
  int a = client(&p);
  uint32_t t = task_id(a, "init -> log_client"), other = task_id(a, "init");
  uint64_t g = generation(a, t), got = 0;
  char msg[256] = "";
  CHECK_EQ(unmap_msg(a, t, 0x400, msg, sizeof msg), ST_NO_LEASE);
  CHECK(strstr(msg, "acquire the restore lease (LEASE_ACQUIRE) before changing a task") != NULL);
  CHECK_EQ(generation(a, t), g);
  /* wrong generation: GENERATION_MOVED, not acquired */
  CHECK_EQ(tv_lease_acquire(a, t, g + 7, 0, &got), ST_GENERATION_MOVED);
  CHECK_EQ(unmap_msg(a, t, 0x400, NULL, 0), ST_NO_LEASE);
  CHECK_EQ(tv_lease_acquire(a, t, g, 600001, &got), ST_BAD_RANGE);
  CHECK_EQ(tv_lease_acquire(a, t, g, 600000, &got), 0);
  CHECK_EQ(got, g);
  /* another task than the leased one */
  CHECK_EQ(unmap_msg(a, other, 0x400, msg, sizeof msg), ST_BAD_RANGE);
  CHECK(strstr(msg, "the restore lease is on task") != NULL);
  /* mutations go on from the generation each returned: a chain of compare-and-swaps */
  uint64_t g1 = 0, g2 = 0;
  CHECK_EQ(tv_unmap(a, t, 0x400, &g1), 0);
  CHECK_EQ(tv_unmap(a, t, 0x401, &g2), 0);
  CHECK(g2 >= g1);
  CHECK_EQ(generation(a, t), g2);
  CHECK_EQ(tv_lease_release(a), 0);
  CHECK_EQ(tv_lease_release(a), 0); /* not held: fine */
  CHECK_EQ(unmap_msg(a, t, 0x400, NULL, 0), ST_NO_LEASE);
  close(a);
  CHECK_EQ(proc_stop(&p), 0);
}

static void second_client_refused(void) {
  struct proc p;
  if (start(&p, "log-client", NULL, NULL))
    return;
  int a = client(&p), b = client(&p);
  uint32_t t = task_id(a, "init -> log_client");
  uint64_t g = generation(a, t), got;
  char msg[256] = "";
  CHECK_EQ(tv_lease_acquire(a, t, g, 0, &got), 0);
  CHECK_EQ(tv_lease_acquire(a, t, g, 0, &got), 0); /* the holder again: replaces its lease */
  CHECK_EQ(tv_lease_acquire(b, t, g, 0, &got), ST_LEASE_HELD);
  CHECK_EQ(unmap_msg(b, t, 0x400, msg, sizeof msg), ST_LEASE_HELD);
  CHECK(strstr(msg, "a restore is in progress elsewhere") != NULL);
  CHECK(strstr(msg, "wait for it") != NULL);
  CHECK_EQ(generation(b, t), g);    /* nothing changed */
  CHECK_EQ(tv_lease_release(b), 0); /* not b's to end */
  CHECK_EQ(tv_lease_current(b, t, 0), ST_LEASE_HELD);
  CHECK_EQ(tv_lease_release(a), 0);
  CHECK_EQ(tv_lease_current(b, t, 0), 0);
  CHECK_EQ(unmap_msg(a, t, 0x400, NULL, 0), ST_LEASE_HELD);
  uint64_t g1;
  CHECK_EQ(tv_unmap(b, t, 0x400, &g1), 0);
  close(a);
  close(b);
  CHECK_EQ(proc_stop(&p), 0);
}

static void connection_close_ends_lease(void) {
  struct proc p;
  if (start(&p, "log-client", NULL, NULL))
    return;
  int a = client(&p), b = client(&p);
  uint32_t t = task_id(a, "init -> log_client");
  CHECK_EQ(tv_lease_current(a, t, 0), 0);
  CHECK_EQ(tv_lease_current(b, t, 0), ST_LEASE_HELD);
  close(a);
  CHECK_EQ(acquire_within(b, t, 0, now_ms() + 5000), 0);
  close(b);
  CHECK_EQ(proc_stop(&p), 0);
}

/* Idle eviction closes the holder's connection, which ends its lease. */
static void idle_eviction_ends_lease(void) {
  struct proc p;
  if (start(&p, "log-client", NULL, "0.3"))
    return;
  int a = client(&p), b = client(&p);
  uint32_t t = task_id(a, "init -> log_client");
  CHECK_EQ(tv_lease_current(a, t, 600000), 0);
  CHECK_EQ(acquire_within(b, t, 0, now_ms() + 8000), 0); /* b keeps asking, so stays active */
  CHECK(cl_closed(a, 3000));
  close(a);
  close(b);
  CHECK_EQ(proc_stop(&p), 0);
}

static void timeout_ends_lease(void) {
  struct proc p;
  if (start(&p, "log-client", NULL, NULL))
    return;
  int a = client(&p), b = client(&p);
  uint32_t t = task_id(a, "init -> log_client");
  double t0 = now_ms();
  CHECK_EQ(tv_lease_current(a, t, 200), 0);
  CHECK_EQ(tv_lease_current(b, t, 0), ST_LEASE_HELD);
  CHECK_EQ(acquire_within(b, t, 0, now_ms() + 8000), 0);
  CHECK(now_ms() - t0 >= 199); /* not before its timeout (the agent's clock counts whole ms) */
  CHECK_EQ(unmap_msg(a, t, 0x400, NULL, 0), ST_LEASE_HELD); /* a lost it */
  close(a);
  close(b);
  CHECK_EQ(proc_stop(&p), 0);
}

/* The task moves between two operations (a session opened from capsim's stdin). */
static void moved_task_refused(void) {
  struct proc p;
  if (start(&p, "log-client", NULL, NULL))
    return;
  int a = client(&p);
  uint32_t t = task_id(a, "init -> log_client");
  uint64_t g = generation(a, t), g1 = 0;
  CHECK_EQ(tv_lease_current(a, t, 0), 0);
  CHECK_EQ(tv_unmap(a, t, 0x400, &g1), 0);
  char ans[256], msg[256] = "", want[128];
  CHECK_EQ(proc_cmd(&p, "open-session log_client LOG intruder", ans, sizeof ans), 0);
  CHECK(!strncmp(ans, "ok ", 3));
  uint64_t moved = generation(a, t);
  CHECK(moved != g1);
  CHECK_EQ(unmap_msg(a, t, 0x401, msg, sizeof msg), ST_GENERATION_MOVED);
  snprintf(want, sizeof want, "is at generation %llu, not the expected %llu", (unsigned long long)moved,
           (unsigned long long)g1);
  CHECK(strstr(msg, want) != NULL);
  CHECK(strstr(msg, "plan again") != NULL);
  CHECK_EQ(generation(a, t), moved); /* refused before anything changed */
  /* the old plan's generation cannot be leased again either; the new one can */
  uint64_t got;
  CHECK_EQ(tv_lease_acquire(a, t, g, 0, &got), ST_GENERATION_MOVED);
  CHECK_EQ(tv_lease_acquire(a, t, moved, 0, &got), 0);
  CHECK_EQ(tv_unmap(a, t, 0x401, &g1), 0);
  close(a);
  CHECK_EQ(proc_stop(&p), 0);
}

/* On a serial line the line is the client: reopening it keeps the lease, the timeout ends it. */
static void serial_line_lease(void) {
  char spec[160];
  snprintf(spec, sizeof spec, "pty:%s/line", dir);
  struct proc p;
  if (start(&p, "log-client", spec, NULL))
    return;
  int a = client(&p);
  uint32_t t = task_id(a, "init -> log_client");
  uint64_t g1;
  CHECK_EQ(unmap_msg(a, t, 0x400, NULL, 0), ST_NO_LEASE);
  CHECK_EQ(tv_lease_current(a, t, 0), 0);
  CHECK_EQ(tv_unmap(a, t, 0x400, &g1), 0);
  cl_forget(a);
  close(a);
  a = client(&p);
  CHECK_EQ(tv_unmap(a, t, 0x401, &g1), 0); /* still the line's lease */
  CHECK_EQ(tv_lease_release(a), 0);
  CHECK_EQ(unmap_msg(a, t, 0x402, NULL, 0), ST_NO_LEASE);
  /* A line has no second client to notice the timeout; a mutation after it finds no lease.
   * Reads in between (they do not renew it) until the agent's deadline has surely passed. */
  CHECK_EQ(tv_lease_current(a, t, 150), 0);
  double acked = now_ms();
  while (now_ms() < acked + 200)
    generation(a, t);
  CHECK_EQ(unmap_msg(a, t, 0x402, NULL, 0), ST_NO_LEASE);
  cl_forget(a);
  close(a);
  CHECK_EQ(proc_stop(&p), 0);
}

static bool holds_badge(int fd, uint32_t task, uint16_t badge) {
  int n = 0;
  CHECK_EQ(tv_cap_map(fd, task, entries, 4096, &n), 0);
  for (int i = 0; i < n; i++)
    if (entries[i].raw_id == badge)
      return true;
  return false;
}

static bool has_gate(int fd, uint32_t task, uint16_t label) {
  int n = 0;
  uint64_t g;
  CHECK_EQ(tv_cap_infos(fd, task, 0, 4296, infos, &n, &g), 0);
  for (int i = 0; i < n; i++)
    if (infos[i].kind == 3 && infos[i].label == label)
      return true;
  return false;
}

/* The cap-map entry of `task` whose interface is `iface` (served by `server`, if given); its
 * index, -1 if none. */
static int entry_of(int fd, uint32_t task, const char *iface, const char *server, uint16_t *badge) {
  int n = 0;
  CHECK_EQ(tv_cap_map(fd, task, entries, 4096, &n), 0);
  for (int i = 0; i < n; i++)
    if (!strcmp(entries[i].sem.iface, iface) && (!server || !strcmp(entries[i].sem.server, server))) {
      *badge = entries[i].raw_id;
      return entries[i].index;
    }
  return -1;
}

static bool slot_valid(int fd, uint32_t task, uint16_t sel) {
  uint8_t bits[2];
  uint64_t g;
  CHECK_EQ(tv_validity(fd, task, sel, sel, bits, &g), 0);
  return bits[0] & 1;
}

static void close_session_at_server(void) {
  struct proc p;
  if (start(&p, "default", NULL, NULL))
    return;
  int a = client(&p);
  uint32_t t = task_id(a, "init -> launcher"), server = task_id(a, "init -> terminal_log"),
           parent = task_id(a, "init");
  uint16_t badge = 0;
  int sel = entry_of(a, t, "LOG", "init -> terminal_log", &badge);
  CHECK(sel > 0);
  CHECK(holds_badge(a, server, badge) && has_gate(a, server, badge));
  CHECK(holds_badge(a, parent, badge));
  uint64_t g = 0;
  CHECK_EQ(tv_close_session(a, t, (uint16_t)sel, &g), ST_NO_LEASE);
  CHECK_EQ(tv_lease_current(a, t, 0), 0);
  CHECK_EQ(tv_close_session(a, t, (uint16_t)sel, &g), 0);
  CHECK_EQ(generation(a, t), g);
  CHECK(!slot_valid(a, t, (uint16_t)sel)); /* the gate is gone in the client */
  CHECK(!holds_badge(a, t, badge));        /* its entry freed */
  CHECK(!holds_badge(a, server, badge) && !has_gate(a, server, badge)); /* the server forgot it */
  CHECK(!holds_badge(a, parent, badge));                                /* and the parent's record */
  /* Not a session: the parent cap, a dataspace, an empty slot. */
  uint16_t ds_badge;
  int ds = entry_of(a, t, "Dataspace", NULL, &ds_badge);
  struct writer w;
  struct resp r;
  char msg[256] = "";
  wr_init(&w, 16);
  wr_u32(&w, t);
  wr_u16(&w, (uint16_t)ds);
  CHECK_EQ(cl_call(a, OP_CLOSE_SESSION, &w, &r), 0);
  wr_free(&w);
  CHECK_EQ(r.status, ST_BAD_RANGE);
  struct reader rd;
  rd_init(&rd, r.payload, r.len);
  rd_u32(&rd);
  rd_str(&rd, msg, sizeof msg);
  CHECK(strstr(msg, "is a Dataspace, not a session") != NULL);
  resp_free(&r);
  CHECK_EQ(tv_close_session(a, t, 0xb, &g), ST_BAD_RANGE);
  CHECK_EQ(tv_close_session(a, t, (uint16_t)sel, &g), ST_BAD_RANGE);
  CHECK(slot_valid(a, t, (uint16_t)ds));
  close(a);
  CHECK_EQ(proc_stop(&p), 0);
}

/* A session re-created by restore is filed with the parent like one opened normally, and closes
 * the same way, even where an older session's record still names the selector. */
static void recreated_session_filed_and_closed(void) {
  struct proc p;
  if (start(&p, "default", NULL, NULL))
    return;
  int a = client(&p);
  uint32_t t = task_id(a, "init -> launcher"), server = task_id(a, "init -> terminal_log"),
           parent = task_id(a, "init");
  uint16_t old_badge = 0;
  int sel = entry_of(a, t, "LOG", "init -> terminal_log", &old_badge);
  CHECK(sel > 0);
  CHECK_EQ(tv_lease_current(a, t, 0), 0);
  uint64_t g;
  CHECK_EQ(tv_unmap(a, t, (uint16_t)sel, &g), 0); /* the old session stays at its server */
  struct writer w;
  struct resp r;
  wr_init(&w, 256);
  wr_u32(&w, t);
  wr_u16(&w, (uint16_t)sel);
  wr_u64(&w, 8192);
  wr_str(&w, "LOG");
  wr_str(&w, "init -> launcher -> launcher");
  wr_str(&w, "ram_quota=8K");
  wr_str(&w, "terminal_log");
  CHECK_EQ(cl_call(a, OP_CREATE_SESSION, &w, &r), 0);
  wr_free(&w);
  CHECK_EQ(r.status, 0);
  uint16_t badge = r.len >= 2 ? get_u16(r.payload) : 0;
  resp_free(&r);
  CHECK(badge && badge != old_badge);
  CHECK(holds_badge(a, server, badge) && holds_badge(a, parent, badge));
  CHECK_EQ(tv_close_session(a, t, (uint16_t)sel, &g), 0);
  CHECK(!slot_valid(a, t, (uint16_t)sel));
  CHECK(!holds_badge(a, t, badge) && !holds_badge(a, server, badge) && !holds_badge(a, parent, badge));
  CHECK(holds_badge(a, server, old_badge)); /* the orphan is another session, left alone */
  close(a);
  CHECK_EQ(proc_stop(&p), 0);
}

int main(int argc, char **argv) {
  if (!mkdtemp(dir))
    return 1;
  static const struct test_case tests[] = {
      {"mutation_needs_the_lease", mutation_needs_the_lease},
      {"second_client_refused", second_client_refused},
      {"connection_close_ends_lease", connection_close_ends_lease},
      {"idle_eviction_ends_lease", idle_eviction_ends_lease},
      {"timeout_ends_lease", timeout_ends_lease},
      {"moved_task_refused", moved_task_refused},
      {"serial_line_lease", serial_line_lease},
      {"close_session_at_server", close_session_at_server},
      {"recreated_session_filed_and_closed", recreated_session_filed_and_closed},
  };
  int rc = run_tests(tests, (int)(sizeof tests / sizeof *tests), argc, argv);
  char path[256];
  snprintf(path, sizeof path, "%s/agent.sock", dir);
  unlink(path);
  snprintf(path, sizeof path, "%s/line", dir);
  unlink(path);
  rmdir(dir);
  return rc;
}
