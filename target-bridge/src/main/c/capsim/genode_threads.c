/* The Genode model's threads: their slots in the thread area and receive
 * windows (see genode.h). */
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

/* ---- threads ------------------------------------------------------------ */

unsigned genode_thread_count(const struct component *c) {
  unsigned n = 0;
  for (unsigned i = 0; i < GENODE_THREAD_MAX; i++)
    n += c->threads[i].used;
  return n;
}

static const uint8_t slot_kind[GENODE_SLOTS_MAX] = {L4_KOBJ_THREAD, L4_KOBJ_IPC_GATE, L4_KOBJ_IRQ_SENDER,
                                                    L4_KOBJ_TASK, L4_KOBJ_IRQ_SENDER};

/* Whether thread i keeps a receive window (struct profile, server_windows): the
 * main thread for its start-up calls, then the threads that serve RPC. */
static bool serves_rpc(const struct profile *p, unsigned i, const char *name) {
  return !p->server_windows || i == 0 || strncmp(name, "signal", 6) != 0;
}

static void window_free(struct component *c, int win) {
  for (unsigned k = 0; k < 4; k++)
    if (c->map.e[win + k].id == CAPMAP_ID_NO_BADGE)
      capmap_clear(&c->map, (unsigned)win + k);
}

/* Core creates the thread's kernel objects and maps them to the thread's
 * slot group: gate (the thread), pager (a gate of core's pager with the
 * thread's badge as label), irq [, vcpu, vcpu irq]. */
int genode_thread_start(struct genode *g, struct component *c, const char *name) {
  const struct profile *p = g->prof;
  unsigned i = 0;
  while (i < p->thread_max && i < GENODE_THREAD_MAX && c->threads[i].used)
    i++;
  if (i >= p->thread_max || i >= GENODE_THREAD_MAX)
    return gm_fail(g, "%s: no free thread slot (THREAD_MAX %u)", c->name, p->thread_max);
  struct gthread *t = &c->threads[i];
  memset(t, 0, sizeof *t);
  t->rcv_window = -1;
  t->cpu_thread_rpc = -1;
  t->badge = i == 0 ? 1 : gm_badge_alloc(g);
  unsigned base = p->thread_base + i * p->thread_slot;
  gm_enter_core(g);
  for (unsigned k = 0; k < p->thread_slots_mapped && k < p->thread_slot; k++) {
    unsigned s = t->core_sel[k] = gm_core_sel_alloc(g);
    l4_cap_idx_t cap = KCAP(s);
    switch (slot_kind[k]) {
    case L4_KOBJ_THREAD: l4_factory_create_thread(L4_BASE_FACTORY_CAP, cap); break;
    case L4_KOBJ_IPC_GATE:
      l4_factory_create_gate(L4_BASE_FACTORY_CAP, cap, L4_BASE_THREAD_CAP, t->badge);
      break;
    case L4_KOBJ_TASK:
      l4_factory_create_task(L4_BASE_FACTORY_CAP, cap, (l4_fpage_t[]){l4_fpage(0, 12, 0)});
      break;
    default: l4_factory_create_irq(L4_BASE_FACTORY_CAP, cap); break;
    }
    l4_task_map(KCAP(c->task_core_sel), L4_BASE_TASK_CAP, l4_obj_fpage(cap, 0, L4_FPAGE_RWX),
                KCAP(base + k) | L4_ITEM_MAP);
  }
  t->used = true;
  text_fmt(t->name, sizeof t->name, "%s", name);
  struct agent_semantics sem;
  gm_sem_fill(&sem, "Thread", "", "", NULL, 0);
  text_fmt(sem.label, sizeof sem.label, "%s -> %s", c->label, name);
  capmap_set(&c->map, base + THREAD_GATE, t->badge, (uint8_t)p->startup_ref, CAPMAP_FLAG_SEMANTICS,
             &sem);
  int win = serves_rpc(p, i, name) ? capmap_alloc_range(&c->map, 4) : -1;
  if (win >= 0) {
    for (unsigned k = 0; k < 4; k++)
      capmap_set(&c->map, (unsigned)win + k, CAPMAP_ID_NO_BADGE, (uint8_t)p->startup_ref,
                 CAPMAP_FLAG_RCV_WINDOW, NULL);
    t->rcv_window = win;
    /* the first entrypoint takes over: the main thread's start-up window goes */
    if (i > 0 && p->server_windows && c->threads[0].used && c->threads[0].rcv_window >= 0) {
      window_free(c, c->threads[0].rcv_window);
      c->threads[0].rcv_window = -1;
    }
  }
  c->rt_gen++;
  if (i > 0) {
    /* Threads other than main come from the CPU session: their
     * Cpu_thread capability lands in the cap map too. */
    char what[64];
    text_fmt(what, sizeof what, "%s", name);
    struct agent_semantics ts;
    gm_sem_fill(&ts, "Cpu_thread", "", "", NULL, 0);
    text_fmt(ts.label, sizeof ts.label, "%s -> %s", c->label, what);
    int r = gm_rpc_delegate(g, RPC_OBJECT, c, NULL, &ts, false);
    t->cpu_thread_rpc = r;
  }
  gm_enter_core(g);
  return (int)i;
}

int genode_thread_exit(struct genode *g, struct component *c, unsigned index) {
  const struct profile *p = g->prof;
  if (index >= GENODE_THREAD_MAX || !c->threads[index].used)
    return gm_fail(g, "%s has no thread %u", c->name, index);
  if (index == 0)
    return gm_fail(g, "the main thread exits only with its component");
  struct gthread *t = &c->threads[index];
  if (t->cpu_thread_rpc >= 0 && g->rpcs[t->cpu_thread_rpc].used)
    gm_rpc_release(g, t->cpu_thread_rpc);
  unsigned base = p->thread_base + index * p->thread_slot;
  if (c->map.e[base].id == t->badge)
    capmap_clear(&c->map, base);
  if (t->rcv_window >= 0)
    window_free(c, t->rcv_window);
  gm_enter_core(g);
  for (unsigned k = 0; k < p->thread_slots_mapped && k < p->thread_slot; k++) {
    l4_task_delete_obj(L4_BASE_TASK_CAP, KCAP(t->core_sel[k]));
    gm_core_sel_free(g, t->core_sel[k]);
  }
  gm_badge_free(g, t->badge);
  memset(t, 0, sizeof *t);
  c->rt_gen++;
  return 0;
}

/* A thread's runtime name changes (its kernel objects stay): what a component does when it
 * reuses a thread for other work. The thread gate's cap-map entry carries the name too. */
int genode_thread_rename(struct genode *g, struct component *c, unsigned index, const char *name) {
  const struct profile *p = g->prof;
  if (index >= GENODE_THREAD_MAX || !c->threads[index].used)
    return gm_fail(g, "%s has no thread %u", c->name, index);
  if (!name || !*name)
    return gm_fail(g, "a thread needs a name");
  struct gthread *t = &c->threads[index];
  text_fmt(t->name, sizeof t->name, "%s", name);
  unsigned gate = p->thread_base + index * p->thread_slot + THREAD_GATE;
  if (c->map.e[gate].id == t->badge && c->map.e[gate].sem)
    text_fmt(c->map.e[gate].sem->label, sizeof c->map.e[gate].sem->label, "%s -> %s", c->label, name);
  c->rt_gen++;
  return 0;
}
