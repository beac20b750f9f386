/* The Genode model's sessions, dataspaces, signal contexts and other RPC objects
 * a component holds (see genode.h). */
#include "capsim/genode_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <l4/sys/debugger.h>
#include <l4/sys/factory.h>
#include <l4/sys/task.h>
#include <l4sim/sim.h>
#include "capsim/text.h"

/* ---- sessions and other RPC objects ------------------------------------ */

int genode_session_open(struct genode *g, struct component *client, const char *iface, const char *label,
                        const char *args, struct component *server, uint64_t quota, bool env) {
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
  gm_sem_fill(&sem, iface, full_label, full_args, server, quota);
  int r = gm_rpc_delegate(g, RPC_SESSION, client, server, &sem, env);
  return r < 0 ? -1 : g->rpcs[r].client_idx;
}

int genode_dataspace_alloc(struct genode *g, struct component *c, uint64_t size, const char *label) {
  char l[AGENT_LABEL_MAX], a[64];
  text_fmt(l, sizeof l, "%s%s%s", c->label, label && *label ? " -> " : "", label ? label : "");
  text_fmt(a, sizeof a, "size=%llu", (unsigned long long)size);
  struct agent_semantics sem;
  gm_sem_fill(&sem, "Dataspace", l, a, NULL, size);
  int r = gm_rpc_delegate(g, RPC_DATASPACE, c, NULL, &sem, false);
  return r < 0 ? -1 : g->rpcs[r].client_idx;
}

int genode_signal_context_alloc(struct genode *g, struct component *c, const char *label) {
  char l[AGENT_LABEL_MAX];
  text_fmt(l, sizeof l, "%s%s%s", c->label, label && *label ? " -> " : "", label ? label : "");
  struct agent_semantics sem;
  gm_sem_fill(&sem, "Signal_context", l, "", NULL, 0);
  int r = gm_rpc_delegate(g, RPC_SIGNAL_CONTEXT, c, NULL, &sem, false);
  return r < 0 ? -1 : g->rpcs[r].client_idx;
}

int gm_rpc_object(struct genode *g, struct component *c, const char *iface, const char *what) {
  char l[AGENT_LABEL_MAX];
  text_fmt(l, sizeof l, "%s -> %s", c->label, what);
  struct agent_semantics sem;
  gm_sem_fill(&sem, iface, l, "", NULL, 0);
  int r = gm_rpc_delegate(g, RPC_OBJECT, c, NULL, &sem, true);
  return r < 0 ? -1 : g->rpcs[r].client_idx;
}

int genode_session_at(struct genode *g, struct component *client, unsigned sel,
                      const struct agent_semantics *sem_in, uint16_t *badge, uint32_t *obj_id) {
  if (sel == 0 || sel >= client->map.size)
    return gm_fail(g, "selector 0x%x outside the cap map", sel);
  struct component *server = NULL;
  if (sem_in->server[0] && strcmp(sem_in->server, "core") != 0) {
    server = genode_find(g, sem_in->server);
    if (!server)
      return gm_fail(g, "no server component '%s'", sem_in->server);
  }
  int r = gm_rpc_slot(g);
  if (r < 0)
    return gm_fail(g, "out of memory");
  struct agent_semantics sem = *sem_in;
  text_fmt(sem.server, sizeof sem.server, "%s", server ? server->label : "core");
  sem.server_task = server ? server->id : 0;
  struct rpc_cap rc = {.used = true,
                       .kind = RPC_SESSION,
                       .client = client,
                       .server = server,
                       .client_idx = (int)sel,
                       .server_idx = -1,
                       .parent_idx = -1,
                       .sem = sem};
  if (gm_rpc_create(g, server, &rc.badge, &rc.core_sel) != 0)
    return -1;
  if (rc.badge > 0xFFFFu) {
    /* CREATE_SESSION answers with a 16-bit badge (docs/protocol.md) */
    gm_rpc_destroy(g, rc.badge, rc.core_sel);
    return gm_fail(g, "the new session's id 0x%x does not fit CREATE_SESSION's 16-bit badge", rc.badge);
  }
  /* Whatever the client held at sel is replaced: its record (a session still open at its server,
   * or one already gone) no longer has the client's cap there, so a later close at sel must not
   * find it by index. */
  for (unsigned i = 0; i < g->nrpcs; i++)
    if (g->rpcs[i].used && g->rpcs[i].client == client && g->rpcs[i].client_idx == (int)sel)
      g->rpcs[i].client_idx = -1;
  uint8_t flags = CAPMAP_FLAG_SEMANTICS | CAPMAP_FLAG_SESSION;
  if (server)
    rc.server_idx = gm_deliver(g, server, rc.core_sel, rc.badge, &sem, flags);
  /* The parent routed the session and keeps it, as for one opened normally (rpc_delegate). */
  if (client->parent && client->parent != server) {
    rc.parent = client->parent;
    rc.parent_idx = gm_deliver(g, client->parent, rc.core_sel, rc.badge, &sem, flags);
  }
  /* The cap lands exactly where the snapshot had it, replacing whatever
   * was there, and the entry is written to match. */
  gm_enter_core(g);
  l4_task_map(KCAP(client->task_core_sel), L4_BASE_TASK_CAP,
              l4_obj_fpage(KCAP(rc.core_sel), 0, L4_FPAGE_RWX), KCAP(sel) | L4_ITEM_MAP);
  *obj_id = (uint32_t)l4_debugger_global_id(KCAP(rc.core_sel));
  capmap_set(&client->map, sel, rc.badge, 1, flags, &sem);
  client->rt_gen++;
  *badge = (uint16_t)rc.badge;
  g->rpcs[r] = rc;
  return 0;
}
