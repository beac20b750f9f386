/* Core's side of the Genode model: tasks, threads, RPC objects and their
 * delegation into components (see genode.h). */
#include "capsim/genode.h"
#include <l4sim/obj_info.h>
#include "capsim/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <l4/sys/debugger.h>
#include <l4/sys/factory.h>
#include <l4/sys/task.h>
#include <l4sim/sim.h>

#define KCAP(sel) ((l4_cap_idx_t)(sel) << L4_CAP_SHIFT)
#define CORE_SEL_FIRST 0x200u

static int fail(struct genode *g, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(g->err, sizeof g->err, fmt, ap);
  va_end(ap);
  return -1;
}

static void enter_core(struct genode *g) { l4sim_enter_task(g->core_kid); }
static void enter(const struct component *c) { l4sim_enter_task(c->task_kid); }

/* Ids in the profile's steps (4; 8 under genode-foc-25) from one step on,
 * next-fit like core's id allocator, so a closed session's badge is not handed
 * out again at once. With 16-bit ids 0xFFFC is the last (0xFFFF means "no
 * badge"); 32-bit ids go up to 2^20 here (core's range is 2^28). */
static unsigned badge_slots(const struct profile *p) {
  return p->id_bits == 32 ? (1u << 20) / p->id_step : 0x10000u / p->id_step;
}

static uint32_t badge_alloc(struct genode *g) {
  for (unsigned n = 0; n < g->badge_slots; n++) {
    unsigned i = (g->badge_next + n) % g->badge_slots;
    if (i == 0 || g->badge_used[i])
      continue;
    g->badge_used[i] = 1;
    g->badge_next = i + 1;
    return (uint32_t)i * g->prof->id_step;
  }
  return 0;
}

static void badge_free(struct genode *g, uint32_t badge) {
  if (badge && badge % g->prof->id_step == 0 && badge / g->prof->id_step < g->badge_slots)
    g->badge_used[badge / g->prof->id_step] = 0;
}

int genode_ids_from(struct genode *g, uint32_t first) {
  if (first % g->prof->id_step || first / g->prof->id_step >= g->badge_slots)
    return fail(g, "ids-from 0x%x: not a multiple of %u below 0x%x", first, g->prof->id_step,
                g->badge_slots * g->prof->id_step);
  g->badge_next = first / g->prof->id_step;
  return 0;
}

static unsigned core_sel_alloc(struct genode *g) {
  for (unsigned n = 0; n < L4SIM_SPACE_SLOTS; n++) {
    unsigned i = (g->core_next + n) % L4SIM_SPACE_SLOTS;
    if (i < CORE_SEL_FIRST || g->core_used[i])
      continue;
    g->core_used[i] = 1;
    g->core_next = i + 1;
    return i;
  }
  return 0;
}

static void core_sel_free(struct genode *g, unsigned sel) {
  if (sel && sel < L4SIM_SPACE_SLOTS)
    g->core_used[sel] = 0;
}

int genode_boot(struct genode *g, const struct profile *p) {
  memset(g, 0, sizeof *g);
  g->prof = p;
  struct l4sim_config cfg = {.cap_equal_identity = p->cap_equal_identity};
  g->core_kid = l4sim_boot(&cfg);
  g->badge_slots = badge_slots(p);
  g->badge_used = calloc(g->badge_slots, 1);
  g->core_used = calloc(L4SIM_SPACE_SLOTS, 1);
  if (!g->core_kid || !g->badge_used || !g->core_used)
    return fail(g, "out of memory");
  g->badge_next = 1;
  g->core_next = CORE_SEL_FIRST;
  g->scratch_sel = core_sel_alloc(g);
  return 0;
}

void genode_shutdown(struct genode *g) {
  for (unsigned i = 0; i < g->ncomps; i++) {
    capmap_free(&g->comps[i]->map);
    free(g->comps[i]);
  }
  free(g->comps);
  free(g->rpcs);
  free(g->badge_used);
  free(g->core_used);
  l4sim_shutdown();
  memset(g, 0, sizeof *g);
}

struct component *genode_find(struct genode *g, const char *key) {
  if (!key)
    return NULL;
  char *end;
  unsigned long id = strtoul(key, &end, 10);
  for (unsigned i = 0; i < g->ncomps; i++) {
    struct component *c = g->comps[i];
    if ((*key && !*end && c->id == id) || !strcmp(c->name, key) || !strcmp(c->label, key))
      return c;
  }
  return NULL;
}

uint64_t genode_generation(const struct genode *g, const struct component *c) {
  (void)g;
  return c->rt_gen + l4sim_space_changes(c->task_kid);
}

/* ---- RPC objects -------------------------------------------------------- */

static int rpc_slot(struct genode *g) {
  for (unsigned i = g->rpc_free_from; i < g->nrpcs; i++)
    if (!g->rpcs[i].used) {
      g->rpc_free_from = i + 1;
      return (int)i;
    }
  g->rpc_free_from = g->nrpcs + 1;
  if (g->nrpcs == g->caprpcs) {
    unsigned n = g->caprpcs ? g->caprpcs * 2 : 64;
    struct rpc_cap *r = realloc(g->rpcs, n * sizeof *r);
    if (!r)
      return -1;
    g->rpcs = r;
    g->caprpcs = n;
  }
  memset(&g->rpcs[g->nrpcs], 0, sizeof g->rpcs[0]);
  return (int)g->nrpcs++;
}

/* Core creates the IPC gate of a new RPC object of `server` (NULL = core),
 * bound to the server's entrypoint, label = the new badge. */
static int rpc_create(struct genode *g, struct component *server, uint32_t *badge,
                      unsigned *core_sel) {
  *badge = badge_alloc(g);
  *core_sel = core_sel_alloc(g);
  if (!*badge || !*core_sel)
    return fail(g, "out of capability ids");
  unsigned ep = server && server->threads[0].used ? server->threads[0].core_sel[THREAD_GATE]
                                                  : L4_BASE_THREAD_CAP >> L4_CAP_SHIFT;
  enter_core(g);
  long e = l4_error(l4_factory_create_gate(L4_BASE_FACTORY_CAP, KCAP(*core_sel), KCAP(ep), *badge));
  if (e < 0)
    return fail(g, "create gate: l4 error %ld", e);
  return 0;
}

static void rpc_destroy(struct genode *g, uint32_t badge, unsigned core_sel) {
  enter_core(g);
  l4_task_delete_obj(L4_BASE_TASK_CAP, KCAP(core_sel));
  core_sel_free(g, core_sel);
  badge_free(g, badge);
}

/* The kernel transfers core's cap into the component's receive window; the
 * component files it with insert_map. Returns the cap-map index. */
static int deliver(struct genode *g, struct component *c, unsigned core_sel, uint32_t badge,
                   const struct agent_semantics *sem, uint8_t flags) {
  int win = c->threads[0].used ? c->threads[0].rcv_window : -1;
  if (win < 0)
    return fail(g, "%s has no receive window", c->name);
  enter_core(g);
  l4_task_map(KCAP(c->task_core_sel), L4_BASE_TASK_CAP,
              l4_obj_fpage(KCAP(core_sel), 0, L4_FPAGE_RWX), KCAP(win) | L4_ITEM_MAP);
  enter(c);
  int idx = capmap_insert_map(&c->map, badge, (unsigned)win, sem, flags);
  enter_core(g);
  c->rt_gen++;
  if (idx < 0 && capmap_alloc(&c->map) < 0)
    return fail(g, "%s: its cap map is full (%u entries from 0x%x): give it fewer children or sessions",
                c->name, c->map.size - c->map.user_base, c->map.user_base);
  if (idx < 0)
    return fail(g, "%s: capability id %u is already filed for another object", c->name, badge);
  return idx;
}

/* Drop a holder's entry, as Capability_map::remove does. */
static void holder_drop(struct component *c, int idx, uint32_t badge) {
  if (!c || idx < 0 || (unsigned)idx >= c->map.size || c->map.e[idx].id != badge)
    return;
  enter(c);
  capmap_remove(&c->map, (unsigned)idx);
  c->rt_gen++;
}

static void sem_fill(struct agent_semantics *s, const char *iface, const char *label,
                     const char *args, const struct component *server, uint64_t quota) {
  memset(s, 0, sizeof *s);
  text_fmt(s->iface, sizeof s->iface, "%s", iface ? iface : "");
  text_fmt(s->label, sizeof s->label, "%s", label ? label : "");
  text_fmt(s->args, sizeof s->args, "%s", args ? args : "");
  text_fmt(s->server, sizeof s->server, "%s", server ? server->label : "core");
  s->server_task = server ? server->id : 0;
  s->quota = quota;
}

/* Create an RPC object and hand it to client, its server and (for
 * sessions) the client's parent, which keeps the session it routed. */
static int rpc_delegate(struct genode *g, enum rpc_kind kind, struct component *client,
                        struct component *server, const struct agent_semantics *sem,
                        bool env) {
  int r = rpc_slot(g);
  if (r < 0)
    return fail(g, "out of memory");
  struct rpc_cap rc = {.used = true, .kind = kind, .env = env, .client = client,
                       .server = server, .client_idx = -1, .server_idx = -1,
                       .parent_idx = -1, .sem = *sem};
  if (rpc_create(g, server, &rc.badge, &rc.core_sel) != 0)
    return -1;
  uint8_t flags = CAPMAP_FLAG_SEMANTICS | (kind == RPC_SESSION ? CAPMAP_FLAG_SESSION : 0);
  if (server) {
    rc.server_idx = deliver(g, server, rc.core_sel, rc.badge, sem, flags);
  }
  if (kind == RPC_SESSION && client->parent && client->parent != server) {
    rc.parent = client->parent;
    rc.parent_idx = deliver(g, client->parent, rc.core_sel, rc.badge, sem, flags);
  }
  rc.client_idx = deliver(g, client, rc.core_sel, rc.badge, sem, flags);
  if (rc.client_idx < 0 || (server && rc.server_idx < 0)) {
    holder_drop(server, rc.server_idx, rc.badge);
    holder_drop(rc.parent, rc.parent_idx, rc.badge);
    holder_drop(client, rc.client_idx, rc.badge);
    rpc_destroy(g, rc.badge, rc.core_sel);
    enter_core(g);
    return -1;
  }
  g->rpcs[r] = rc;
  enter_core(g);
  return r;
}

static void rpc_release(struct genode *g, int r) {
  struct rpc_cap *rc = &g->rpcs[r];
  holder_drop(rc->client, rc->client_idx, rc->badge);
  holder_drop(rc->parent, rc->parent_idx, rc->badge);
  holder_drop(rc->server, rc->server_idx, rc->badge);
  rpc_destroy(g, rc->badge, rc->core_sel);
  rc->used = false;
  if ((unsigned)r < g->rpc_free_from)
    g->rpc_free_from = (unsigned)r;
  enter_core(g);
}

/* The object behind slot `sel` of `c`, as core's debugger sees it; 0 when the slot is empty. */
static unsigned long object_at(const struct component *c, unsigned sel) {
  l4_debugger_obj_info_t i;
  if (l4_error(l4_debugger_obj_info(L4_BASE_DEBUGGER_CAP, KCAP(c->task_core_sel), KCAP(sel), &i)) != 0)
    return 0;
  return i.global_id;
}

/* The RPC object c holds at `sel` as client: the one whose gate is the cap in that slot, else
 * the one whose badge the cap-map entry names, else the first filed at `sel` (a restore that
 * re-created a session there leaves the old record behind). */
int genode_rpc_at(const struct genode *g, const struct component *c, unsigned sel) {
  unsigned long obj = object_at(c, sel);
  uint32_t id = sel < c->map.size ? c->map.e[sel].id : 0;
  int by_badge = -1, by_index = -1;
  for (unsigned i = 0; i < g->nrpcs; i++) {
    const struct rpc_cap *rc = &g->rpcs[i];
    if (!rc->used || rc->client != c)
      continue;
    if (obj && l4_debugger_global_id(KCAP(rc->core_sel)) == obj)
      return (int)i;
    if (rc->client_idx == (int)sel) {
      if (by_badge < 0 && id && rc->badge == id)
        by_badge = (int)i;
      if (by_index < 0)
        by_index = (int)i;
    }
  }
  return by_badge >= 0 ? by_badge : by_index;
}

int genode_rpc_close(struct genode *g, struct component *c, unsigned sel) {
  enter_core(g);
  int r = genode_rpc_at(g, c, sel);
  if (r < 0 || g->rpcs[r].kind == RPC_PARENT)
    return fail(g, "no session, dataspace or signal context at 0x%x", sel);
  rpc_release(g, r);
  return 0;
}

int genode_session_close(struct genode *g, struct component *c, unsigned sel) {
  enter_core(g);
  int r = genode_rpc_at(g, c, sel);
  if (r < 0)
    return fail(g, "%s holds no session at 0x%x (no RPC object's cap is there)", c->label, sel);
  struct rpc_cap *rc = &g->rpcs[r];
  if (rc->kind != RPC_SESSION)
    return fail(g, "the cap at 0x%x in %s is a %s, not a session: only sessions are closed", sel,
                c->label, rc->sem.iface[0] ? rc->sem.iface : "core RPC object");
  uint32_t badge = rc->badge;
  rpc_release(g, r);
  /* The entry at `sel` goes too, should the session have been filed elsewhere before. */
  if (sel < c->map.size && c->map.e[sel].id == badge) {
    capmap_clear(&c->map, sel);
    c->rt_gen++;
  }
  return 0;
}

/* ---- sessions and other RPC objects ------------------------------------ */

int genode_session_open(struct genode *g, struct component *client, const char *iface,
                        const char *label, const char *args, struct component *server,
                        uint64_t quota, bool env) {
  char full_label[AGENT_LABEL_MAX], full_args[AGENT_ARGS_MAX];
  if (label && *label)
    text_fmt(full_label, sizeof full_label, "%s -> %s", client->label, label);
  else
    text_fmt(full_label, sizeof full_label, "%s", client->label);
  if (args && *args)
    text_fmt(full_args, sizeof full_args, "%s", args);
  else
    text_fmt(full_args, sizeof full_args, "ram_quota=%lluK, cap_quota=%u, label=\"%s\"",
             (unsigned long long)(quota / 1024), 3u, full_label);
  struct agent_semantics sem;
  sem_fill(&sem, iface, full_label, full_args, server, quota);
  int r = rpc_delegate(g, RPC_SESSION, client, server, &sem, env);
  return r < 0 ? -1 : g->rpcs[r].client_idx;
}

int genode_dataspace_alloc(struct genode *g, struct component *c, uint64_t size,
                           const char *label) {
  char l[AGENT_LABEL_MAX], a[64];
  text_fmt(l, sizeof l, "%s%s%s", c->label, label && *label ? " -> " : "", label ? label : "");
  text_fmt(a, sizeof a, "size=%llu", (unsigned long long)size);
  struct agent_semantics sem;
  sem_fill(&sem, "Dataspace", l, a, NULL, size);
  int r = rpc_delegate(g, RPC_DATASPACE, c, NULL, &sem, false);
  return r < 0 ? -1 : g->rpcs[r].client_idx;
}

int genode_signal_context_alloc(struct genode *g, struct component *c, const char *label) {
  char l[AGENT_LABEL_MAX];
  text_fmt(l, sizeof l, "%s%s%s", c->label, label && *label ? " -> " : "", label ? label : "");
  struct agent_semantics sem;
  sem_fill(&sem, "Signal_context", l, "", NULL, 0);
  int r = rpc_delegate(g, RPC_SIGNAL_CONTEXT, c, NULL, &sem, false);
  return r < 0 ? -1 : g->rpcs[r].client_idx;
}

static int rpc_object(struct genode *g, struct component *c, const char *iface,
                      const char *what) {
  char l[AGENT_LABEL_MAX];
  text_fmt(l, sizeof l, "%s -> %s", c->label, what);
  struct agent_semantics sem;
  sem_fill(&sem, iface, l, "", NULL, 0);
  int r = rpc_delegate(g, RPC_OBJECT, c, NULL, &sem, true);
  return r < 0 ? -1 : g->rpcs[r].client_idx;
}

int genode_session_at(struct genode *g, struct component *client, unsigned sel,
                      const struct agent_semantics *sem_in, uint16_t *badge, uint32_t *obj_id) {
  if (sel == 0 || sel >= client->map.size)
    return fail(g, "selector 0x%x outside the cap map", sel);
  struct component *server = NULL;
  if (sem_in->server[0] && strcmp(sem_in->server, "core") != 0) {
    server = genode_find(g, sem_in->server);
    if (!server)
      return fail(g, "no server component '%s'", sem_in->server);
  }
  int r = rpc_slot(g);
  if (r < 0)
    return fail(g, "out of memory");
  struct agent_semantics sem = *sem_in;
  text_fmt(sem.server, sizeof sem.server, "%s", server ? server->label : "core");
  sem.server_task = server ? server->id : 0;
  struct rpc_cap rc = {.used = true, .kind = RPC_SESSION, .client = client, .server = server,
                       .client_idx = (int)sel, .server_idx = -1, .parent_idx = -1, .sem = sem};
  if (rpc_create(g, server, &rc.badge, &rc.core_sel) != 0)
    return -1;
  if (rc.badge > 0xFFFFu) {
    /* CREATE_SESSION answers with a 16-bit badge (docs/protocol.md) */
    rpc_destroy(g, rc.badge, rc.core_sel);
    return fail(g, "the new session's id 0x%x does not fit CREATE_SESSION's 16-bit badge", rc.badge);
  }
  /* Whatever the client held at sel is replaced: its record (a session still open at its server,
   * or one already gone) no longer has the client's cap there, so a later close at sel must not
   * find it by index. */
  for (unsigned i = 0; i < g->nrpcs; i++)
    if (g->rpcs[i].used && g->rpcs[i].client == client && g->rpcs[i].client_idx == (int)sel)
      g->rpcs[i].client_idx = -1;
  uint8_t flags = CAPMAP_FLAG_SEMANTICS | CAPMAP_FLAG_SESSION;
  if (server)
    rc.server_idx = deliver(g, server, rc.core_sel, rc.badge, &sem, flags);
  /* The parent routed the session and keeps it, as for one opened normally (rpc_delegate). */
  if (client->parent && client->parent != server) {
    rc.parent = client->parent;
    rc.parent_idx = deliver(g, client->parent, rc.core_sel, rc.badge, &sem, flags);
  }
  /* The cap lands exactly where the snapshot had it, replacing whatever
   * was there, and the entry is written to match. */
  enter_core(g);
  l4_task_map(KCAP(client->task_core_sel), L4_BASE_TASK_CAP,
              l4_obj_fpage(KCAP(rc.core_sel), 0, L4_FPAGE_RWX), KCAP(sel) | L4_ITEM_MAP);
  *obj_id = (uint32_t)l4_debugger_global_id(KCAP(rc.core_sel));
  capmap_set(&client->map, sel, rc.badge, 1, flags, &sem);
  client->rt_gen++;
  *badge = (uint16_t)rc.badge;
  g->rpcs[r] = rc;
  return 0;
}

/* ---- threads ------------------------------------------------------------ */

unsigned genode_thread_count(const struct component *c) {
  unsigned n = 0;
  for (unsigned i = 0; i < GENODE_THREAD_MAX; i++)
    n += c->threads[i].used;
  return n;
}

static const uint8_t slot_kind[GENODE_SLOTS_MAX] = {L4_KOBJ_THREAD, L4_KOBJ_IPC_GATE,
                                                    L4_KOBJ_IRQ_SENDER, L4_KOBJ_TASK,
                                                    L4_KOBJ_IRQ_SENDER};

/* Core creates the thread's kernel objects and maps them to the thread's
 * slot group: gate (the thread), pager (a gate of core's pager with the
 * thread's badge as label), irq [, vcpu, vcpu irq]. */
int genode_thread_start(struct genode *g, struct component *c, const char *name) {
  const struct profile *p = g->prof;
  unsigned i = 0;
  while (i < p->thread_max && i < GENODE_THREAD_MAX && c->threads[i].used)
    i++;
  if (i >= p->thread_max || i >= GENODE_THREAD_MAX)
    return fail(g, "%s: no free thread slot (THREAD_MAX %u)", c->name, p->thread_max);
  struct gthread *t = &c->threads[i];
  memset(t, 0, sizeof *t);
  t->rcv_window = -1;
  t->cpu_thread_rpc = -1;
  t->badge = i == 0 ? 1 : badge_alloc(g);
  unsigned base = p->thread_base + i * p->thread_slot;
  enter_core(g);
  for (unsigned k = 0; k < p->thread_slots_mapped && k < p->thread_slot; k++) {
    unsigned s = t->core_sel[k] = core_sel_alloc(g);
    l4_cap_idx_t cap = KCAP(s);
    switch (slot_kind[k]) {
    case L4_KOBJ_THREAD:
      l4_factory_create_thread(L4_BASE_FACTORY_CAP, cap);
      break;
    case L4_KOBJ_IPC_GATE:
      l4_factory_create_gate(L4_BASE_FACTORY_CAP, cap, L4_BASE_THREAD_CAP, t->badge);
      break;
    case L4_KOBJ_TASK:
      l4_factory_create_task(L4_BASE_FACTORY_CAP, cap, (l4_fpage_t[]){l4_fpage(0, 12, 0)});
      break;
    default:
      l4_factory_create_irq(L4_BASE_FACTORY_CAP, cap);
      break;
    }
    l4_task_map(KCAP(c->task_core_sel), L4_BASE_TASK_CAP, l4_obj_fpage(cap, 0, L4_FPAGE_RWX),
                KCAP(base + k) | L4_ITEM_MAP);
  }
  t->used = true;
  text_fmt(t->name, sizeof t->name, "%s", name);
  struct agent_semantics sem;
  sem_fill(&sem, "Thread", "", "", NULL, 0);
  text_fmt(sem.label, sizeof sem.label, "%s -> %s", c->label, name);
  capmap_set(&c->map, base + THREAD_GATE, t->badge, (uint8_t)p->startup_ref, CAPMAP_FLAG_SEMANTICS, &sem);
  int win = capmap_alloc_range(&c->map, 4);
  if (win >= 0) {
    for (unsigned k = 0; k < 4; k++)
      capmap_set(&c->map, (unsigned)win + k, CAPMAP_ID_NO_BADGE, (uint8_t)p->startup_ref,
                 CAPMAP_FLAG_RCV_WINDOW, NULL);
    t->rcv_window = win;
  }
  c->rt_gen++;
  if (i > 0) {
    /* Threads other than main come from the CPU session: their
     * Cpu_thread capability lands in the cap map too. */
    char what[64];
    text_fmt(what, sizeof what, "%s", name);
    struct agent_semantics ts;
    sem_fill(&ts, "Cpu_thread", "", "", NULL, 0);
    text_fmt(ts.label, sizeof ts.label, "%s -> %s", c->label, what);
    int r = rpc_delegate(g, RPC_OBJECT, c, NULL, &ts, false);
    t->cpu_thread_rpc = r;
  }
  enter_core(g);
  return (int)i;
}

int genode_thread_exit(struct genode *g, struct component *c, unsigned index) {
  const struct profile *p = g->prof;
  if (index >= GENODE_THREAD_MAX || !c->threads[index].used)
    return fail(g, "%s has no thread %u", c->name, index);
  if (index == 0)
    return fail(g, "the main thread exits only with its component");
  struct gthread *t = &c->threads[index];
  if (t->cpu_thread_rpc >= 0 && g->rpcs[t->cpu_thread_rpc].used)
    rpc_release(g, t->cpu_thread_rpc);
  unsigned base = p->thread_base + index * p->thread_slot;
  if (c->map.e[base].id == t->badge)
    capmap_clear(&c->map, base);
  if (t->rcv_window >= 0)
    for (unsigned k = 0; k < 4; k++)
      if (c->map.e[t->rcv_window + k].id == CAPMAP_ID_NO_BADGE)
        capmap_clear(&c->map, (unsigned)t->rcv_window + k);
  enter_core(g);
  for (unsigned k = 0; k < p->thread_slots_mapped && k < p->thread_slot; k++) {
    l4_task_delete_obj(L4_BASE_TASK_CAP, KCAP(t->core_sel[k]));
    core_sel_free(g, t->core_sel[k]);
  }
  badge_free(g, t->badge);
  memset(t, 0, sizeof *t);
  c->rt_gen++;
  return 0;
}

/* A thread's runtime name changes (its kernel objects stay): what a component does when it
 * reuses a thread for other work. The thread gate's cap-map entry carries the name too. */
int genode_thread_rename(struct genode *g, struct component *c, unsigned index, const char *name) {
  const struct profile *p = g->prof;
  if (index >= GENODE_THREAD_MAX || !c->threads[index].used)
    return fail(g, "%s has no thread %u", c->name, index);
  if (!name || !*name)
    return fail(g, "a thread needs a name");
  struct gthread *t = &c->threads[index];
  text_fmt(t->name, sizeof t->name, "%s", name);
  unsigned gate = p->thread_base + index * p->thread_slot + THREAD_GATE;
  if (c->map.e[gate].id == t->badge && c->map.e[gate].sem)
    text_fmt(c->map.e[gate].sem->label, sizeof c->map.e[gate].sem->label, "%s -> %s", c->label, name);
  c->rt_gen++;
  return 0;
}

/* ---- components --------------------------------------------------------- */

struct component *genode_task_new(struct genode *g, const char *name, struct component *parent,
                                  uint64_t ram_quota) {
  const struct profile *p = g->prof;
  if (genode_find(g, name)) {
    fail(g, "component '%s' exists", name);
    return NULL;
  }
  struct component **cs = realloc(g->comps, (g->ncomps + 1) * sizeof *cs);
  if (!cs) {
    fail(g, "out of memory");
    return NULL;
  }
  g->comps = cs;
  struct component *c = calloc(1, sizeof *c);
  if (!c || capmap_init(&c->map, p->capmap_size, p->user_base) != 0) {
    free(c);
    fail(g, "out of memory");
    return NULL;
  }
  c->id = g->ncomps + 1;
  c->parent = parent;
  c->ram_quota = ram_quota;
  text_fmt(c->name, sizeof c->name, "%s", name);
  if (parent)
    text_fmt(c->label, sizeof c->label, "%s -> %s", parent->label, name);
  else
    text_fmt(c->label, sizeof c->label, "%s", name);
  g->comps[g->ncomps++] = c;

  /* The protection domain: a task, its own cap at TASK_CAP. */
  enter_core(g);
  c->task_core_sel = core_sel_alloc(g);
  l4_factory_create_task(L4_BASE_FACTORY_CAP, KCAP(c->task_core_sel),
                         (l4_fpage_t[]){l4_fpage(0, 12, 0)});
  l4_task_map(KCAP(c->task_core_sel), L4_BASE_TASK_CAP,
              l4_obj_fpage(KCAP(c->task_core_sel), 0, L4_FPAGE_RWX),
              KCAP(p->task_cap) | L4_ITEM_MAP);
  c->task_kid = l4sim_task_id_of(KCAP(c->task_core_sel));
  return c;
}

unsigned genode_core_sel_alloc(struct genode *g) { return core_sel_alloc(g); }

struct component *genode_start(struct genode *g, const char *name, struct component *parent,
                               uint64_t ram_quota) {
  const struct profile *p = g->prof;
  struct component *c = genode_task_new(g, name, parent, ram_quota);
  if (!c)
    return NULL;

  /* The parent capability: an RPC object of the parent's entrypoint (or
   * core's), mapped at PARENT_CAP; the parent keeps it in its cap map. */
  int r = rpc_slot(g);
  if (r < 0) {
    fail(g, "out of memory");
    return NULL;
  }
  struct rpc_cap pc = {.used = true, .kind = RPC_PARENT, .env = true, .client = c,
                       .server = parent, .client_idx = (int)p->parent_cap, .server_idx = -1,
                       .parent_idx = -1};
  sem_fill(&pc.sem, "Parent", c->label, "", parent, 0);
  if (rpc_create(g, parent, &pc.badge, &pc.core_sel) != 0)
    return NULL;
  l4_task_map(KCAP(c->task_core_sel), L4_BASE_TASK_CAP,
              l4_obj_fpage(KCAP(pc.core_sel), 0, L4_FPAGE_RWX), KCAP(p->parent_cap) | L4_ITEM_MAP);
  capmap_set(&c->map, p->parent_cap, pc.badge, (uint8_t)p->startup_ref, CAPMAP_FLAG_SEMANTICS, &pc.sem);
  g->rpcs[r] = pc;

  if (genode_thread_start(g, c, "main") != 0)
    return NULL;
  if (parent) {
    int idx = deliver(g, parent, pc.core_sel, pc.badge, &pc.sem, CAPMAP_FLAG_SEMANTICS);
    g->rpcs[r].server_idx = idx;
  }

  /* The environment sessions every component opens at start. */
  if (genode_session_open(g, c, "PD", "", "", NULL, ram_quota, true) < 0 ||
      genode_session_open(g, c, "CPU", "", "", NULL, 0, true) < 0 ||
      (p->has_ram_session && genode_session_open(g, c, "RAM", "", "", NULL, ram_quota, true) < 0) ||
      genode_session_open(g, c, "LOG", "", "", NULL, 0, true) < 0 ||
      rpc_object(g, c, "Region_map", "address space") < 0 ||
      rpc_object(g, c, "Region_map", "stack area") < 0 ||
      rpc_object(g, c, "Region_map", "linker area") < 0 ||
      rpc_object(g, c, "Signal_source", "signal source") < 0)
    return NULL;
  enter_core(g);
  return c;
}

/* ---- planted faults ----------------------------------------------------- */

int genode_raw_gate(struct genode *g, struct component *c, unsigned sel, uint32_t label) {
  unsigned s = core_sel_alloc(g);
  enter_core(g);
  long e = l4_error(l4_factory_create_gate(L4_BASE_FACTORY_CAP, KCAP(s), L4_INVALID_CAP, label));
  if (e == 0)
    e = l4_error(l4_task_map(KCAP(c->task_core_sel), L4_BASE_TASK_CAP,
                             l4_obj_fpage(KCAP(s), 0, L4_FPAGE_RWX), KCAP(sel) | L4_ITEM_MAP));
  /* Core lets go: the component's slot is the gate's only mapping. */
  l4_task_release_cap(L4_BASE_TASK_CAP, KCAP(s));
  core_sel_free(g, s);
  c->rt_gen++;
  return e < 0 ? fail(g, "l4 error %ld", e) : 0;
}

int genode_raw_unmap(struct genode *g, struct component *c, unsigned sel) {
  enter_core(g);
  long e = l4_error(l4_task_unmap(KCAP(c->task_core_sel),
                                  l4_obj_fpage(KCAP(sel), 0, L4_CAP_FPAGE_RWSD), L4_FP_ALL_SPACES));
  c->rt_gen++;
  return e < 0 ? fail(g, "l4 error %ld", e) : 0;
}
