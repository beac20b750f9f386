/* The Genode model's RPC objects: core creates their gates and delegates them
 * into clients, servers and parents (see genode.h). */
#include "capsim/genode_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <l4/sys/debugger.h>
#include <l4/sys/factory.h>
#include <l4/sys/task.h>
#include <l4sim/sim.h>
#include <l4sim/obj_info.h>
#include "capsim/text.h"

/* ---- RPC objects -------------------------------------------------------- */

int gm_rpc_slot(struct genode *g) {
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
int gm_rpc_create(struct genode *g, struct component *server, uint32_t *badge, unsigned *core_sel) {
  *badge = gm_badge_alloc(g);
  *core_sel = gm_core_sel_alloc(g);
  if (!*badge || !*core_sel)
    return gm_fail(g, "out of capability ids");
  unsigned ep = server && server->threads[0].used ? server->threads[0].core_sel[THREAD_GATE]
                                                  : L4_BASE_THREAD_CAP >> L4_CAP_SHIFT;
  gm_enter_core(g);
  long e = l4_error(l4_factory_create_gate(L4_BASE_FACTORY_CAP, KCAP(*core_sel), KCAP(ep), *badge));
  if (e < 0)
    return gm_fail(g, "create gate: l4 error %ld", e);
  return 0;
}

void gm_rpc_destroy(struct genode *g, uint32_t badge, unsigned core_sel) {
  gm_enter_core(g);
  l4_task_delete_obj(L4_BASE_TASK_CAP, KCAP(core_sel));
  gm_core_sel_free(g, core_sel);
  gm_badge_free(g, badge);
}

/* The kernel transfers core's cap into the component's receive window; the
 * component files it with insert_map. Returns the cap-map index. */
int gm_deliver(struct genode *g, struct component *c, unsigned core_sel, uint32_t badge,
               const struct agent_semantics *sem, uint8_t flags) {
  int win = -1;
  for (unsigned i = 0; i < GENODE_THREAD_MAX && win < 0; i++)
    if (c->threads[i].used)
      win = c->threads[i].rcv_window;
  if (win < 0)
    return gm_fail(g, "%s has no receive window", c->name);
  gm_enter_core(g);
  l4_task_map(KCAP(c->task_core_sel), L4_BASE_TASK_CAP, l4_obj_fpage(KCAP(core_sel), 0, L4_FPAGE_RWX),
              KCAP(win) | L4_ITEM_MAP);
  gm_enter(c);
  int idx = capmap_insert_map(&c->map, badge, (unsigned)win, sem, flags);
  gm_enter_core(g);
  c->rt_gen++;
  if (idx < 0 && capmap_alloc(&c->map) < 0)
    return gm_fail(g,
                   "%s: its cap map is full (%u entries from 0x%x): give it fewer children or sessions",
                   c->name, c->map.size - c->map.user_base, c->map.user_base);
  if (idx < 0)
    return gm_fail(g, "%s: capability id %u is already filed for another object", c->name, badge);
  return idx;
}

/* Drop a holder's entry, as Capability_map::remove does. */
void gm_holder_drop(struct component *c, int idx, uint32_t badge) {
  if (!c || idx < 0 || (unsigned)idx >= c->map.size || c->map.e[idx].id != badge)
    return;
  gm_enter(c);
  capmap_remove(&c->map, (unsigned)idx);
  c->rt_gen++;
}

void gm_sem_fill(struct agent_semantics *s, const char *iface, const char *label, const char *args,
                 const struct component *server, uint64_t quota) {
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
int gm_rpc_delegate(struct genode *g, enum rpc_kind kind, struct component *client,
                    struct component *server, const struct agent_semantics *sem, bool env) {
  int r = gm_rpc_slot(g);
  if (r < 0)
    return gm_fail(g, "out of memory");
  struct rpc_cap rc = {.used = true,
                       .kind = kind,
                       .env = env,
                       .client = client,
                       .server = server,
                       .client_idx = -1,
                       .server_idx = -1,
                       .parent_idx = -1,
                       .sem = *sem};
  if (gm_rpc_create(g, server, &rc.badge, &rc.core_sel) != 0)
    return -1;
  uint8_t flags = CAPMAP_FLAG_SEMANTICS | (kind == RPC_SESSION ? CAPMAP_FLAG_SESSION : 0);
  if (server) {
    rc.server_idx = gm_deliver(g, server, rc.core_sel, rc.badge, sem, flags);
  }
  if (kind == RPC_SESSION && client->parent && client->parent != server) {
    rc.parent = client->parent;
    rc.parent_idx = gm_deliver(g, client->parent, rc.core_sel, rc.badge, sem, flags);
  }
  rc.client_idx = gm_deliver(g, client, rc.core_sel, rc.badge, sem, flags);
  if (rc.client_idx < 0 || (server && rc.server_idx < 0)) {
    gm_holder_drop(server, rc.server_idx, rc.badge);
    gm_holder_drop(rc.parent, rc.parent_idx, rc.badge);
    gm_holder_drop(client, rc.client_idx, rc.badge);
    gm_rpc_destroy(g, rc.badge, rc.core_sel);
    gm_enter_core(g);
    return -1;
  }
  g->rpcs[r] = rc;
  gm_enter_core(g);
  return r;
}

void gm_rpc_release(struct genode *g, int r) {
  struct rpc_cap *rc = &g->rpcs[r];
  gm_holder_drop(rc->client, rc->client_idx, rc->badge);
  gm_holder_drop(rc->parent, rc->parent_idx, rc->badge);
  gm_holder_drop(rc->server, rc->server_idx, rc->badge);
  gm_rpc_destroy(g, rc->badge, rc->core_sel);
  rc->used = false;
  if ((unsigned)r < g->rpc_free_from)
    g->rpc_free_from = (unsigned)r;
  gm_enter_core(g);
}

/* The object behind slot `sel` of `c`, as core's debugger sees it; 0 when the slot is empty. */
unsigned long gm_object_at(const struct component *c, unsigned sel) {
  l4_debugger_obj_info_t i;
  if (l4_error(l4_debugger_obj_info(L4_BASE_DEBUGGER_CAP, KCAP(c->task_core_sel), KCAP(sel), &i)) != 0)
    return 0;
  return i.global_id;
}

/* The RPC object c holds at `sel` as client: the one whose gate is the cap in that slot, else
 * the one whose badge the cap-map entry names, else the first filed at `sel` (a restore that
 * re-created a session there leaves the old record behind). */
int genode_rpc_at(const struct genode *g, const struct component *c, unsigned sel) {
  unsigned long obj = gm_object_at(c, sel);
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
  gm_enter_core(g);
  int r = genode_rpc_at(g, c, sel);
  if (r < 0 || g->rpcs[r].kind == RPC_PARENT)
    return gm_fail(g, "no session, dataspace or signal context at 0x%x", sel);
  gm_rpc_release(g, r);
  return 0;
}

int genode_session_close(struct genode *g, struct component *c, unsigned sel) {
  gm_enter_core(g);
  int r = genode_rpc_at(g, c, sel);
  if (r < 0)
    return gm_fail(g, "%s holds no session at 0x%x (no RPC object's cap is there)", c->label, sel);
  struct rpc_cap *rc = &g->rpcs[r];
  if (rc->kind != RPC_SESSION)
    return gm_fail(g, "the cap at 0x%x in %s is a %s, not a session: only sessions are closed", sel,
                   c->label, rc->sem.iface[0] ? rc->sem.iface : "core RPC object");
  uint32_t badge = rc->badge;
  gm_rpc_release(g, r);
  /* The entry at `sel` goes too, should the session have been filed elsewhere before. */
  if (sel < c->map.size && c->map.e[sel].id == badge) {
    capmap_clear(&c->map, sel);
    c->rt_gen++;
  }
  return 0;
}
