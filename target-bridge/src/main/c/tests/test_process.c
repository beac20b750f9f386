/* Process tests: capsim runs as a separate process per scenario; everything
 * is checked through the wire protocol, like the host side sees it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/check.h"
#include "agent/armor.h"
#include "tests/client.h"
#include "tests/spawn.h"
#include "tests/target_view.h"

/* The layout facts of docs/background.md §1, written down independently of capsim. */
struct layout {
  const char *name;
  unsigned parent, base, slot, user_base;
};

static const struct layout layouts[] = {
    {"genode-foc-16", 0x8, 0x9, 3, 0x200},
    {"genode-foc-17", 0xb, 0xc, 3, 0x200},
    {"genode-foc-19", 0xb, 0xc, 5, 0x300},
};

static const struct layout *layout_of(const char *name) {
  for (unsigned i = 0; i < 3; i++)
    if (!strcmp(layouts[i].name, name))
      return &layouts[i];
  return NULL;
}

static char sock_dir[256];

static const char *sock_path(const char *tag) {
  static char path[512];
  snprintf(path, sizeof path, "unix:%s/%s.sock", sock_dir, tag);
  return path;
}

static int bit(const uint8_t *bits, unsigned i) { return bits[i / 8] >> (i % 8) & 1; }

static struct tv_capinfo infos[4297];
static struct agent_capmap_entry entries[4096];

/* The profile invariants, for one task. `clean`: no planted faults. */
static void check_task(int fd, const struct layout *L, const struct tv_task *t, bool clean) {
  uint8_t bits[538];
  uint64_t g1, g2;
  int ninfo, nent, nthr;
  struct tv_thread thr[128];
  CHECK_EQ(tv_validity(fd, t->id, 0, 4296, bits, &g1), 0);
  CHECK_EQ(tv_cap_infos(fd, t->id, 0, 4296, infos, &ninfo, &g2), 0);
  CHECK_EQ(tv_threads(fd, t->id, thr, 128, &nthr), 0);
  CHECK_EQ(tv_cap_map(fd, t->id, entries, 4096, &nent), 0);
  CHECK_EQ(g1, g2);
  CHECK_EQ(g1, t->gen);

  unsigned valid = 0;
  for (unsigned s = 0; s <= 4296; s++)
    valid += bit(bits, s);
  CHECK_EQ(valid, t->valid);
  CHECK_EQ(ninfo, valid);
  CHECK_EQ(bit(bits, 0), 0);
  CHECK_EQ(bit(bits, 1), 1); /* task cap at 1 */
  CHECK_EQ(bit(bits, L->parent), 1);
  CHECK_EQ(bit(bits, 2), 0); /* no factory for components */

  const struct tv_capinfo *by_sel[4297] = {0};
  for (int i = 0; i < ninfo; i++) {
    CHECK(bit(bits, infos[i].sel));
    CHECK(infos[i].flags & 1); /* l4sim knows kinds */
    by_sel[infos[i].sel] = &infos[i];
  }
  if (by_sel[1])
    CHECK_EQ(by_sel[1]->kind, 1); /* Task */
  if (by_sel[L->parent])
    CHECK_EQ(by_sel[L->parent]->kind, 3); /* Ipc_gate */

  /* Threads: stride and slot count per profile; main thread is index 0. */
  unsigned thread_slots = 0;
  CHECK_EQ(nthr, t->threads);
  CHECK(nthr >= 1 && thr[0].index == 0);
  for (int i = 0; i < nthr; i++) {
    CHECK_EQ(thr[i].first, L->base + thr[i].index * L->slot);
    CHECK_EQ(thr[i].slots, L->slot);
    unsigned filled = 0;
    for (unsigned k = 0; k < L->slot; k++)
      filled += bit(bits, thr[i].first + k);
    if (clean)
      CHECK_EQ(filled, L->slot);
    thread_slots += filled;
    if (by_sel[thr[i].first])
      CHECK_EQ(by_sel[thr[i].first]->kind, 2); /* Thread */
  }

  /* Cap map: ids 1 (main thread), 0xFFFF (windows of 4) or steps of 4. */
  unsigned user_entries = 0, run = 0;
  int prev_window = -2;
  bool parent_entry = false, main_entry = false;
  for (int i = 0; i < nent; i++) {
    const struct agent_capmap_entry *e = &entries[i];
    if (e->index == L->parent) {
      parent_entry = true;
      if (by_sel[L->parent])
        CHECK_EQ(by_sel[L->parent]->label, e->raw_id);
    }
    if (e->index == L->base) {
      main_entry = true;
      CHECK_EQ(e->raw_id, 1);
    }
    if (e->raw_id == 0xFFFF) {
      run = e->index == prev_window + 1 ? run + 1 : 1;
      prev_window = e->index;
      if (clean)
        CHECK_EQ(bit(bits, e->index), 0);
      continue;
    }
    if (clean && run)
      CHECK_EQ(run % 4, 0);
    if (clean)
      CHECK(e->raw_id == 1 || e->raw_id % 4 == 0);
    if (e->index >= L->user_base) {
      user_entries++;
      CHECK(e->index <= 0xFFF);
      if (clean) {
        CHECK(bit(bits, e->index));
        if (by_sel[e->index])
          CHECK_EQ(by_sel[e->index]->label, e->raw_id); /* badge = gate label */
        CHECK(e->sem.iface[0] != 0);
      }
    }
  }
  CHECK(parent_entry);
  CHECK(main_entry);
  if (clean) {
    /* Windows: every one 4 consecutive entries, one per thread. */
    unsigned windows = 0;
    for (int i = 0; i < nent; i++)
      windows += entries[i].raw_id == 0xFFFF;
    CHECK_EQ(windows, 4u * (unsigned)nthr);
    /* Nothing valid beyond the allocator range, and the count adds up. */
    for (unsigned s = 0x1000; s <= 4296; s++)
      CHECK_EQ(bit(bits, s), 0);
    CHECK_EQ(valid, 2 + thread_slots + user_entries);
  }
}

struct run {
  struct proc p;
  int fd;
  struct tv_hello h;
  struct tv_task tasks[128];
  int ntasks;
  const struct layout *L;
};

static int start(struct run *r, const char *scenario, const char *tag, const char *const *extra) {
  const char *args[24] = {"capsim", "--scenario", scenario_path(scenario), "--listen", sock_path(tag)};
  int n = 5;
  for (int i = 0; extra && extra[i] && n < 22; i++)
    args[n++] = extra[i];
  args[n] = NULL;
  memset(r, 0, sizeof *r);
  r->fd = -1;
  if (proc_start(&r->p, args) != 0)
    return -1;
  r->fd = cl_connect(r->p.uri);
  if (r->fd < 0 || tv_hello(r->fd, &r->h) != 0 || tv_tasks(r->fd, r->tasks, 128, &r->ntasks) != 0)
    return -1;
  r->L = layout_of(r->h.profile);
  return r->L ? 0 : -1;
}

static void stop(struct run *r) {
  if (r->fd >= 0)
    close(r->fd);
  CHECK_EQ(proc_stop(&r->p), 0); /* clean exit on SIGTERM */
}

static void scenario_invariants(const char *scenario, const char *profile, int expect_tasks,
                                bool clean) {
  const char *extra[] = {"--profile", profile, NULL};
  struct run r;
  char tag[64];
  snprintf(tag, sizeof tag, "%s-%s", scenario, profile ? profile : "x");
  if (start(&r, scenario, tag, profile ? extra : NULL) != 0) {
    CHECK(!"capsim did not start");
    proc_stop(&r.p);
    return;
  }
  CHECK_EQ(r.h.version, 1);
  CHECK_EQ(r.h.last_sel, 4296);
  CHECK(strstr(r.h.kernel, "l4sim") != NULL);
  if (profile)
    CHECK_EQ(strcmp(r.h.profile, profile), 0);
  CHECK(r.h.flags & 2); /* Genode: identity equality */
  CHECK(r.h.flags & 4);
  CHECK(r.h.flags & 8);
  CHECK(!(r.h.flags & 1)); /* read-only without --allow-restore */
  CHECK_EQ(r.h.ntasks, r.ntasks);
  CHECK_EQ(r.ntasks, expect_tasks);
  for (int i = 0; i < r.ntasks; i++)
    check_task(r.fd, r.L, &r.tasks[i], clean);
  stop(&r);
}

static void log_client(void) { scenario_invariants("log-client", NULL, 2, true); }
static void init_default(void) { scenario_invariants("default", NULL, 6, true); }
static void init_foc16(void) { scenario_invariants("init", "genode-foc-16", 6, true); }
static void init_foc17(void) { scenario_invariants("init", "genode-foc-17", 6, true); }
static void gui_stack(void) { scenario_invariants("gui-stack", NULL, 4, true); }
static void sixty_four(void) { scenario_invariants("sixty-four", NULL, 64, true); }
static void leaky_shape(void) { scenario_invariants("leaky", NULL, 2, false); }

static void gui_stack_has_500_caps(void) {
  struct run r;
  if (start(&r, "gui-stack", "gui500", NULL) != 0) {
    CHECK(0);
    proc_stop(&r.p);
    return;
  }
  int most = 0;
  for (int i = 0; i < r.ntasks; i++)
    if (r.tasks[i].valid > most)
      most = r.tasks[i].valid;
  CHECK(most >= 500);
  stop(&r);
}

/* Every planted problem of leaky.scn is visible through the protocol. */
static void leaky_plants(void) {
  struct run r;
  if (start(&r, "leaky", "leaky-plants", NULL) != 0) {
    CHECK(0);
    proc_stop(&r.p);
    return;
  }
  uint32_t id = r.tasks[1].id;
  CHECK(strstr(r.tasks[1].name, "leaky") != NULL);
  uint8_t bits[538];
  uint64_t gen;
  int nent;
  CHECK_EQ(tv_validity(r.fd, id, 0, 4296, bits, &gen), 0);
  CHECK_EQ(tv_cap_map(r.fd, id, entries, 4096, &nent), 0);
  uint16_t at[4096] = {0};
  for (int i = 0; i < nent; i++)
    at[entries[i].index] = entries[i].raw_id;
  CHECK(bit(bits, 0x3a0) && at[0x3a0] == 0); /* leak */
  CHECK(bit(bits, 0x3a1) && at[0x3a1] == 0);
  CHECK(!bit(bits, 0x3b0) && at[0x3b0] == 0x7e0);                      /* dangling */
  CHECK(bit(bits, 0x16) && !bit(bits, 0x17) && !bit(bits, 0x18));      /* half thread */
  CHECK(bit(bits, 0x1010) && bit(bits, 0x10c8));                       /* beyond 0xFFF */
  CHECK(at[0x3c0] == 0xFFFF && at[0x3c1] == 0xFFFF && at[0x3c2] == 0); /* short window */
  CHECK(at[0x3d0] == 0x7d0 && at[0x3d1] == 0x7d0);                     /* duplicate badge */
  stop(&r);
}

static void stdin_commands_bump_generation(void) {
  struct run r;
  if (start(&r, "log-client", "cmds", NULL) != 0) {
    CHECK(0);
    proc_stop(&r.p);
    return;
  }
  char ans[512];
  uint32_t id = r.tasks[1].id;
  uint64_t g0 = r.tasks[1].gen, g1;
  uint8_t bits[538];
  CHECK_EQ(proc_cmd(&r.p, "open-session log_client ROM extra", ans, sizeof ans), 0);
  CHECK(!strncmp(ans, "ok 0x", 5));
  unsigned sel = (unsigned)strtoul(ans + 3, NULL, 0);
  CHECK(sel >= r.L->user_base);
  CHECK_EQ(tv_validity(r.fd, id, 0, 4296, bits, &g1), 0);
  CHECK(g1 > g0);
  CHECK(bit(bits, sel));
  int nent;
  CHECK_EQ(tv_cap_map(r.fd, id, entries, 4096, &nent), 0);
  bool found = false;
  for (int i = 0; i < nent; i++)
    if (entries[i].index == sel) {
      found = true;
      CHECK_EQ(strcmp(entries[i].sem.iface, "ROM"), 0);
      CHECK(strstr(entries[i].sem.label, "extra") != NULL);
      CHECK_EQ(strcmp(entries[i].sem.server, "core"), 0);
      CHECK(entries[i].flags & 2);
    }
  CHECK(found);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "close-session 2 0x%x", sel);
  CHECK_EQ(proc_cmd(&r.p, cmd, ans, sizeof ans), 0);
  CHECK_EQ(strcmp(ans, "ok"), 0);
  uint64_t g2;
  CHECK_EQ(tv_validity(r.fd, id, 0, 4296, bits, &g2), 0);
  CHECK(g2 > g1);
  CHECK(!bit(bits, sel));
  CHECK_EQ(proc_cmd(&r.p, cmd, ans, sizeof ans), 0);
  CHECK(!strncmp(ans, "error", 5));
  /* Threads come and go with their slot group. */
  CHECK_EQ(proc_cmd(&r.p, "start-thread log_client extra", ans, sizeof ans), 0);
  unsigned idx = (unsigned)atoi(ans + 3);
  CHECK(!strncmp(ans, "ok ", 3) && idx >= 1);
  unsigned first = r.L->base + idx * r.L->slot;
  CHECK_EQ(tv_validity(r.fd, id, 0, 4296, bits, &g1), 0);
  for (unsigned k = 0; k < r.L->slot; k++)
    CHECK(bit(bits, first + k));
  snprintf(cmd, sizeof cmd, "exit-thread log_client %u", idx);
  CHECK_EQ(proc_cmd(&r.p, cmd, ans, sizeof ans), 0);
  CHECK_EQ(tv_validity(r.fd, id, 0, 4296, bits, &g1), 0);
  for (unsigned k = 0; k < r.L->slot; k++)
    CHECK(!bit(bits, first + k));
  CHECK_EQ(proc_cmd(&r.p, "exit-thread log_client 0", ans, sizeof ans), 0);
  CHECK(!strncmp(ans, "error", 5));
  CHECK_EQ(proc_cmd(&r.p, "no-such-command", ans, sizeof ans), 0);
  CHECK(!strncmp(ans, "error", 5));
  /* The component stays clean through all of it. */
  CHECK_EQ(tv_tasks(r.fd, r.tasks, 128, &r.ntasks), 0);
  check_task(r.fd, r.L, &r.tasks[1], true);
  CHECK_EQ(proc_cmd(&r.p, "quit", ans, sizeof ans), 0);
  CHECK_EQ(strcmp(ans, "ok bye"), 0);
  close(r.fd);
  CHECK_EQ(proc_stop(&r.p), 0);
}

static void churn_repeats_with_seed(void) {
  char out[2][4096];
  uint64_t gens[2][16];
  for (int k = 0; k < 2; k++) {
    const char *extra[] = {"--seed", "42", NULL};
    struct run r;
    if (start(&r, "init", k ? "churn-b" : "churn-a", extra) != 0) {
      CHECK(0);
      proc_stop(&r.p);
      return;
    }
    size_t used = 0;
    for (int i = 0; i < 40; i++) {
      char ans[256];
      CHECK_EQ(proc_cmd(&r.p, "churn-step", ans, sizeof ans), 0);
      CHECK(!strncmp(ans, "ok", 2));
      used += (size_t)snprintf(out[k] + used, sizeof out[k] - used, "%s\n", ans);
    }
    CHECK_EQ(tv_tasks(r.fd, r.tasks, 128, &r.ntasks), 0);
    for (int i = 0; i < r.ntasks && i < 16; i++) {
      gens[k][i] = r.tasks[i].gen;
      check_task(r.fd, r.L, &r.tasks[i], true); /* churn keeps the system clean */
    }
    stop(&r);
  }
  CHECK_EQ(strcmp(out[0], out[1]), 0);
  CHECK_EQ(memcmp(gens[0], gens[1], 6 * sizeof gens[0][0]), 0);
}

struct churn_watch {
  struct run *r;
  uint64_t before; /* the sum of the tasks' generations at the start */
};

static bool generations_moved(void *arg) {
  struct churn_watch *w = arg;
  if (tv_tasks(w->r->fd, w->r->tasks, 128, &w->r->ntasks) != 0)
    return false;
  uint64_t now = 0;
  for (int i = 0; i < w->r->ntasks; i++)
    now += w->r->tasks[i].gen;
  return now > w->before;
}

static void timed_churn_changes_generations(void) {
  const char *extra[] = {"--churn", "200", "--seed", "7", NULL};
  struct run r;
  if (start(&r, "init", "churn-timed", extra) != 0) {
    CHECK(0);
    proc_stop(&r.p);
    return;
  }
  uint64_t before = 0;
  for (int i = 0; i < r.ntasks; i++)
    before += r.tasks[i].gen;
  struct churn_watch w = {&r, before};
  CHECK(check_poll(generations_moved, &w, 5000)); /* 200 events/s: the first ones within ms */
  stop(&r);
}

static int mutate(int fd, uint16_t op, struct writer *w, struct resp *r) {
  int rc = cl_call(fd, op, w, r);
  wr_free(w);
  return rc;
}

static void mutations_refused_read_only(void) {
  struct run r;
  if (start(&r, "log-client", "ro", NULL) != 0) {
    CHECK(0);
    proc_stop(&r.p);
    return;
  }
  struct writer w;
  struct resp resp;
  wr_init(&w, 64);
  wr_u32(&w, 2);
  wr_u16(&w, 0x300);
  wr_u8(&w, 0);
  wr_u8(&w, 0);
  CHECK_EQ(mutate(r.fd, OP_UNMAP, &w, &resp), 0);
  CHECK_EQ(resp.status, ST_REFUSED);
  struct reader rd;
  rd_init(&rd, resp.payload, resp.len);
  rd_u32(&rd);
  char msg[128];
  rd_str(&rd, msg, sizeof msg);
  CHECK_EQ(strcmp(msg, "refused: read-only target"), 0);
  resp_free(&resp);
  wr_init(&w, 64);
  wr_u32(&w, 2);
  wr_u16(&w, 0x300);
  CHECK_EQ(mutate(r.fd, OP_CLEAR_CAPMAP_ENTRY, &w, &resp), 0);
  CHECK_EQ(resp.status, ST_REFUSED);
  resp_free(&resp);
  stop(&r);
}

static void mutations_with_allow_restore(void) {
  const char *extra[] = {"--allow-restore", NULL};
  struct run r;
  if (start(&r, "log-client", "rw", extra) != 0) {
    CHECK(0);
    proc_stop(&r.p);
    return;
  }
  CHECK(r.h.flags & 1);
  uint32_t id = r.tasks[1].id;
  CHECK_EQ(tv_lease_current(r.fd, id, 0), 0); /* mutations need the restore lease */
  uint8_t bits[538];
  uint64_t gen;
  int n;
  struct writer w;
  struct resp resp;
  /* CREATE_OBJECT: a gate with label 0x5550 at 0x400. */
  wr_init(&w, 64);
  wr_u32(&w, id);
  wr_u16(&w, 0x400);
  wr_u8(&w, 3);
  wr_u8(&w, 0);
  wr_u64(&w, 0x5550);
  CHECK_EQ(mutate(r.fd, OP_CREATE_OBJECT, &w, &resp), 0);
  CHECK_EQ(resp.status, 0);
  CHECK_EQ(resp.len, 12);
  resp_free(&resp);
  CHECK_EQ(tv_cap_infos(r.fd, id, 0x400, 0x400, infos, &n, &gen), 0);
  CHECK_EQ(n, 1);
  CHECK_EQ(infos[0].kind, 3);
  CHECK_EQ(infos[0].label, 0x5550);
  CHECK_EQ(infos[0].rights, 0xf);
  CHECK_EQ(infos[0].maps, 1);
  /* MAP_COPY 0x400 -> 0x404 with RWS: same object. */
  wr_init(&w, 64);
  wr_u32(&w, id);
  wr_u32(&w, 0);
  wr_u16(&w, 0x400);
  wr_u16(&w, 0x404);
  wr_u8(&w, 0);
  wr_u8(&w, 7);
  wr_u8(&w, 0);
  wr_u8(&w, 0);
  CHECK_EQ(mutate(r.fd, OP_MAP_COPY, &w, &resp), 0);
  CHECK_EQ(resp.status, 0);
  resp_free(&resp);
  CHECK_EQ(tv_cap_infos(r.fd, id, 0x400, 0x404, infos, &n, &gen), 0);
  CHECK_EQ(n, 2);
  CHECK_EQ(infos[0].obj, infos[1].obj);
  CHECK_EQ(infos[1].rights, 7);
  /* UNMAP the original: the copy survives. */
  wr_init(&w, 64);
  wr_u32(&w, id);
  wr_u16(&w, 0x400);
  wr_u8(&w, 0);
  wr_u8(&w, 0);
  CHECK_EQ(mutate(r.fd, OP_UNMAP, &w, &resp), 0);
  CHECK_EQ(resp.status, 0);
  resp_free(&resp);
  CHECK_EQ(tv_validity(r.fd, id, 0x400, 0x404, bits, &gen), 0);
  CHECK_EQ(bits[0], 0x10);
  /* CREATE_SESSION at 0x410 with recorded arguments. */
  wr_init(&w, 512);
  wr_u32(&w, id);
  wr_u16(&w, 0x410);
  wr_u64(&w, 8192);
  wr_str(&w, "LOG");
  wr_str(&w, "init -> log_client -> restored");
  wr_str(&w, "ram_quota=8K, cap_quota=3");
  wr_str(&w, "");
  CHECK_EQ(mutate(r.fd, OP_CREATE_SESSION, &w, &resp), 0);
  CHECK_EQ(resp.status, 0);
  uint16_t badge = resp.len >= 2 ? get_u16(resp.payload) : 0;
  CHECK(badge && badge % 4 == 0);
  resp_free(&resp);
  int nent;
  CHECK_EQ(tv_cap_map(r.fd, id, entries, 4096, &nent), 0);
  bool found = false;
  for (int i = 0; i < nent; i++)
    if (entries[i].index == 0x410) {
      found = true;
      CHECK_EQ(entries[i].raw_id, badge);
      CHECK_EQ(strcmp(entries[i].sem.args, "ram_quota=8K, cap_quota=3"), 0);
      CHECK_EQ(entries[i].sem.quota, 8192);
    }
  CHECK(found);
  CHECK_EQ(tv_cap_infos(r.fd, id, 0x410, 0x410, infos, &n, &gen), 0);
  CHECK(n == 1 && infos[0].label == badge);
  /* SET then CLEAR a cap-map entry. */
  wr_init(&w, 512);
  wr_u32(&w, id);
  wr_u16(&w, 0x404);
  wr_u16(&w, 0x5550);
  wr_u8(&w, 1);
  wr_u8(&w, 4);
  wr_u32(&w, 0);
  wr_u64(&w, 0);
  wr_str(&w, "Dataspace");
  wr_str(&w, "restored");
  wr_str(&w, "");
  wr_str(&w, "core");
  CHECK_EQ(mutate(r.fd, OP_SET_CAPMAP_ENTRY, &w, &resp), 0);
  CHECK_EQ(resp.status, 0);
  resp_free(&resp);
  CHECK_EQ(tv_cap_map(r.fd, id, entries, 4096, &nent), 0);
  found = false;
  for (int i = 0; i < nent; i++)
    found |= entries[i].index == 0x404 && entries[i].raw_id == 0x5550 &&
             !strcmp(entries[i].sem.iface, "Dataspace");
  CHECK(found);
  wr_init(&w, 64);
  wr_u32(&w, id);
  wr_u16(&w, 0x404);
  CHECK_EQ(mutate(r.fd, OP_CLEAR_CAPMAP_ENTRY, &w, &resp), 0);
  CHECK_EQ(resp.status, 0);
  resp_free(&resp);
  CHECK_EQ(tv_cap_map(r.fd, id, entries, 4096, &nent), 0);
  for (int i = 0; i < nent; i++)
    CHECK(entries[i].index != 0x404);
  /* Unaligned order-1 map and an unknown server are rejected. */
  wr_init(&w, 64);
  wr_u32(&w, id);
  wr_u32(&w, 0);
  wr_u16(&w, 0x401);
  wr_u16(&w, 0x420);
  wr_u8(&w, 1);
  wr_u8(&w, 7);
  wr_u8(&w, 0);
  wr_u8(&w, 0);
  CHECK_EQ(mutate(r.fd, OP_MAP_COPY, &w, &resp), 0);
  CHECK_EQ(resp.status, ST_BAD_RANGE);
  resp_free(&resp);
  wr_init(&w, 512);
  wr_u32(&w, id);
  wr_u16(&w, 0x411);
  wr_u64(&w, 0);
  wr_str(&w, "LOG");
  wr_str(&w, "x");
  wr_str(&w, "");
  wr_str(&w, "nobody");
  CHECK_EQ(mutate(r.fd, OP_CREATE_SESSION, &w, &resp), 0);
  CHECK_EQ(resp.status, ST_NO_SUCH_TASK);
  resp_free(&resp);
  stop(&r);
}

static void fault_drops_last_op(void) {
  const char *extra[] = {"--allow-restore", "--inject-fault", "restore-drops-last-op", NULL};
  struct run r;
  if (start(&r, "log-client", "fault", extra) != 0) {
    CHECK(0);
    proc_stop(&r.p);
    return;
  }
  uint32_t id = r.tasks[1].id;
  struct writer w;
  struct resp resp;
  CHECK_EQ(tv_lease_current(r.fd, id, 0), 0);
  /* Two copies of the task cap: both acknowledged, only the first done (the held-back one runs
   * as the lease holder when the second arrives, so the lease's compare-and-swap lets it by). */
  for (unsigned to = 0x500; to <= 0x501; to++) {
    wr_init(&w, 64);
    wr_u32(&w, id);
    wr_u32(&w, 0);
    wr_u16(&w, 1);
    wr_u16(&w, (uint16_t)to);
    wr_u8(&w, 0);
    wr_u8(&w, 7);
    wr_u8(&w, 0);
    wr_u8(&w, 0);
    CHECK_EQ(mutate(r.fd, OP_MAP_COPY, &w, &resp), 0);
    CHECK_EQ(resp.status, 0);
    resp_free(&resp);
  }
  uint8_t bits[538];
  uint64_t gen;
  CHECK_EQ(tv_validity(r.fd, id, 0x500, 0x501, bits, &gen), 0);
  CHECK_EQ(bits[0], 0x1); /* 0x500 done, 0x501 silently dropped */
  stop(&r);
}

static void tcp_port_zero_and_unix_mode(void) {
  const char *args[] = {"capsim",   "--scenario",      scenario_path("log-client"),
                        "--listen", "tcp:127.0.0.1:0", NULL};
  struct proc p;
  if (proc_start(&p, args) != 0) {
    CHECK(0);
    return;
  }
  CHECK(!strncmp(p.uri, "tcp:127.0.0.1:", 14));
  CHECK(atoi(p.uri + 14) > 0);
  int fd = cl_connect(p.uri);
  struct tv_hello h;
  CHECK(fd >= 0);
  CHECK_EQ(tv_hello(fd, &h), 0);
  close(fd);
  CHECK_EQ(proc_stop(&p), 0);

  struct run r;
  if (start(&r, "log-client", "mode", NULL) != 0) {
    CHECK(0);
    proc_stop(&r.p);
    return;
  }
  struct stat st;
  const char *path = sock_path("mode") + 5;
  CHECK_EQ(stat(path, &st), 0);
  CHECK_EQ(st.st_mode & 0777, 0600);
  stop(&r);
  CHECK(stat(path, &st) != 0); /* removed on exit */
}

/* The serial-line transport: a pty whose slave side a symlink names. */
static void pty_transport(void) {
  char link[512];
  snprintf(link, sizeof link, "pty:%s/line.pty", sock_dir);
  const char *args[] = {"capsim", "--scenario", scenario_path("log-client"), "--listen", link, NULL};
  struct proc p;
  if (proc_start(&p, args) != 0) {
    CHECK(0);
    return;
  }
  CHECK(!strncmp(p.uri, "serial:", 7));
  for (int round = 0; round < 2; round++) { /* a second client after the first left */
    int fd = cl_connect(p.uri);
    CHECK(fd >= 0);
    struct tv_hello h;
    struct tv_task tasks[8];
    int n = 0;
    uint8_t bits[538];
    uint64_t gen;
    CHECK_EQ(tv_hello(fd, &h), 0);
    CHECK_EQ(tv_tasks(fd, tasks, 8, &n), 0);
    CHECK_EQ(n, 2);
    CHECK_EQ(tv_validity(fd, 2, 0, 4296, bits, &gen), 0);
    CHECK_EQ(bits[0] & 2, 2);
    if (round == 0) {
      /* Noise on the line (log text, ESC, a frame cut off, a bad checksum)
       * is ignored; the next whole frame is answered. */
      static const char noise[] = "fiasco: boot\r\n\x1b[0m\x1b@CSCP Z14 00000000 AAAA\n"
                                  "@CSCP B14 deadbeef QUJD\n@CSCP X2a 12345678 AAAAAAAA";
      cl_send_raw(fd, noise, sizeof noise - 1);
      CHECK_EQ(tv_hello(fd, &h), 0);
      /* An armored frame whose content is not a frame: an error frame, then
       * the line is usable again. */
      static const uint8_t junk[24] = "not a frame at all!!!!!";
      char line[128];
      size_t n = armor_encode(junk, sizeof junk, line);
      cl_send_raw(fd, line, n);
      struct resp r;
      CHECK_EQ(cl_recv(fd, &r, 3000), 0);
      CHECK_EQ(r.status, ST_BAD_MAGIC);
      resp_free(&r);
      CHECK_EQ(tv_hello(fd, &h), 0);
    }
    cl_forget(fd);
    close(fd);
  }
  CHECK_EQ(proc_stop(&p), 0);
  struct stat st;
  CHECK(lstat(link + 4, &st) != 0); /* the link is removed on exit */
}

int main(int argc, char **argv) {
  snprintf(sock_dir, sizeof sock_dir, "/tmp/capsim-test-XXXXXX");
  if (!mkdtemp(sock_dir)) {
    perror("mkdtemp");
    return 1;
  }
  static const struct test_case tests[] = {
      {"log_client_invariants", log_client},
      {"default_init_invariants", init_default},
      {"init_invariants_foc16", init_foc16},
      {"init_invariants_foc17", init_foc17},
      {"gui_stack_invariants", gui_stack},
      {"gui_stack_has_500_caps", gui_stack_has_500_caps},
      {"sixty_four_invariants", sixty_four},
      {"leaky_shape", leaky_shape},
      {"leaky_plants_visible", leaky_plants},
      {"stdin_commands_bump_generation", stdin_commands_bump_generation},
      {"churn_repeats_with_seed", churn_repeats_with_seed},
      {"timed_churn_changes_generations", timed_churn_changes_generations},
      {"mutations_refused_read_only", mutations_refused_read_only},
      {"mutations_with_allow_restore", mutations_with_allow_restore},
      {"fault_drops_last_op", fault_drops_last_op},
      {"tcp_port_zero_and_unix_mode", tcp_port_zero_and_unix_mode},
      {"pty_transport", pty_transport},
  };
  int rc = run_tests(tests, (int)(sizeof tests / sizeof *tests), argc, argv);
  rmdir(sock_dir);
  return rc;
}
