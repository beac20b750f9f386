/* The Genode model's components: a task, its parent capability, its main thread
 * and environment sessions (see genode.h). */
#include "capsim/genode_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <l4/sys/debugger.h>
#include <l4/sys/factory.h>
#include <l4/sys/task.h>
#include <l4sim/sim.h>
#include "capsim/text.h"

/* ---- components --------------------------------------------------------- */

struct component *genode_task_new(struct genode *g, const char *name, struct component *parent,
                                  uint64_t ram_quota) {
  const struct profile *p = g->prof;
  if (genode_find(g, name)) {
    gm_fail(g, "component '%s' exists", name);
    return NULL;
  }
  struct component **cs = realloc(g->comps, (g->ncomps + 1) * sizeof *cs);
  if (!cs) {
    gm_fail(g, "out of memory");
    return NULL;
  }
  g->comps = cs;
  struct component *c = calloc(1, sizeof *c);
  if (!c || capmap_init(&c->map, p->capmap_size, p->user_base) != 0) {
    free(c);
    gm_fail(g, "out of memory");
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
  gm_enter_core(g);
  c->task_core_sel = gm_core_sel_alloc(g);
  l4_factory_create_task(L4_BASE_FACTORY_CAP, KCAP(c->task_core_sel),
                         (l4_fpage_t[]){l4_fpage(0, 12, 0)});
  l4_task_map(KCAP(c->task_core_sel), L4_BASE_TASK_CAP,
              l4_obj_fpage(KCAP(c->task_core_sel), 0, L4_FPAGE_RWX), KCAP(p->task_cap) | L4_ITEM_MAP);
  c->task_kid = l4sim_task_id_of(KCAP(c->task_core_sel));
  return c;
}

unsigned genode_core_sel_alloc(struct genode *g) { return gm_core_sel_alloc(g); }

struct component *genode_start(struct genode *g, const char *name, struct component *parent,
                               uint64_t ram_quota) {
  const struct profile *p = g->prof;
  struct component *c = genode_task_new(g, name, parent, ram_quota);
  if (!c)
    return NULL;

  /* The parent capability: an RPC object of the parent's entrypoint (or
   * core's), mapped at PARENT_CAP; the parent keeps it in its cap map. */
  int r = gm_rpc_slot(g);
  if (r < 0) {
    gm_fail(g, "out of memory");
    return NULL;
  }
  struct rpc_cap pc = {.used = true,
                       .kind = RPC_PARENT,
                       .env = true,
                       .client = c,
                       .server = parent,
                       .client_idx = (int)p->parent_cap,
                       .server_idx = -1,
                       .parent_idx = -1};
  gm_sem_fill(&pc.sem, "Parent", c->label, "", parent, 0);
  if (gm_rpc_create(g, parent, &pc.badge, &pc.core_sel) != 0)
    return NULL;
  l4_task_map(KCAP(c->task_core_sel), L4_BASE_TASK_CAP, l4_obj_fpage(KCAP(pc.core_sel), 0, L4_FPAGE_RWX),
              KCAP(p->parent_cap) | L4_ITEM_MAP);
  capmap_set(&c->map, p->parent_cap, pc.badge, (uint8_t)p->startup_ref, CAPMAP_FLAG_SEMANTICS, &pc.sem);
  g->rpcs[r] = pc;

  if (genode_thread_start(g, c, "main") != 0)
    return NULL;
  if (parent) {
    int idx = gm_deliver(g, parent, pc.core_sel, pc.badge, &pc.sem, CAPMAP_FLAG_SEMANTICS);
    g->rpcs[r].server_idx = idx;
  }

  /* The environment sessions every component opens at start. */
  if (genode_session_open(g, c, "PD", "", "", NULL, ram_quota, true) < 0 ||
      genode_session_open(g, c, "CPU", "", "", NULL, 0, true) < 0 ||
      (p->has_ram_session && genode_session_open(g, c, "RAM", "", "", NULL, ram_quota, true) < 0) ||
      genode_session_open(g, c, "LOG", "", "", NULL, 0, true) < 0 ||
      gm_rpc_object(g, c, "Region_map", "address space") < 0 ||
      gm_rpc_object(g, c, "Region_map", "stack area") < 0 ||
      gm_rpc_object(g, c, "Region_map", "linker area") < 0 ||
      gm_rpc_object(g, c, "Signal_source", "signal source") < 0)
    return NULL;
  gm_enter_core(g);
  return c;
}
