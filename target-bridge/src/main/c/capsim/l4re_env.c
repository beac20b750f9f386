#include "capsim/l4re_env.h"

#include <string.h>

#include <l4/sys/factory.h>
#include <l4/sys/task.h>
#include <l4sim/sim.h>

#include "capsim/text.h"

#define KCAP(sel) ((l4_cap_idx_t)(sel) << L4_CAP_SHIFT)

/* Kernel singletons every program shares with the root task: mapped from the
 * root's default caps rather than created. */
static const struct {
  const char *kind;
  l4_cap_idx_t root_cap;
} shared[] = {
    {"factory", L4_BASE_FACTORY_CAP},     {"vlog", L4_BASE_LOG_CAP},     {"icu", L4_BASE_ICU_CAP},
    {"scheduler", L4_BASE_SCHEDULER_CAP}, {"jdb", L4_BASE_DEBUGGER_CAP},
};

const char *l4re_cap_kinds(void) { return "gate thread irq task factory vlog icu scheduler jdb"; }

static int fail(struct genode *g, const char *msg, const char *arg) {
  text_fmt(g->err, sizeof g->err, "%s%s", msg, arg ? arg : "");
  return -1;
}

struct component *l4re_program_start(struct genode *g, const char *name) {
  if (!g->prof->l4re) {
    fail(g, "programs need the l4re profile, not ", g->prof->name);
    return NULL;
  }
  struct component *c = genode_task_new(g, name, NULL, 0);
  l4sim_enter_task(g->core_kid);
  return c;
}

/* Core's selector of an object of `cap->kind`: a new one, or the root's
 * for the kernel singletons. Core (moe) keeps what it created. */
static int object(struct genode *g, const struct l4re_cap *cap, unsigned *sel) {
  for (unsigned i = 0; i < sizeof shared / sizeof shared[0]; i++)
    if (!strcmp(cap->kind, shared[i].kind)) {
      *sel = (unsigned)(shared[i].root_cap >> L4_CAP_SHIFT);
      return 0;
    }
  static const char *const created[] = {"gate", "thread", "irq", "task"};
  bool known = false;
  for (unsigned i = 0; i < sizeof created / sizeof created[0]; i++)
    known |= !strcmp(cap->kind, created[i]);
  if (!known)
    return fail(g, "unknown kind ", cap->kind);
  unsigned s = genode_core_sel_alloc(g);
  if (!s)
    return fail(g, "core is out of selectors", NULL);
  l4_cap_idx_t k = KCAP(s);
  long e;
  if (!strcmp(cap->kind, "gate"))
    e = l4_error(l4_factory_create_gate(L4_BASE_FACTORY_CAP, k, L4_BASE_THREAD_CAP, cap->label));
  else if (!strcmp(cap->kind, "thread"))
    e = l4_error(l4_factory_create_thread(L4_BASE_FACTORY_CAP, k));
  else if (!strcmp(cap->kind, "irq"))
    e = l4_error(l4_factory_create_irq(L4_BASE_FACTORY_CAP, k));
  else /* task */
    e = l4_error(l4_factory_create_task(L4_BASE_FACTORY_CAP, k, (l4_fpage_t[]){l4_fpage(0, 12, 0)}));
  if (e < 0)
    return fail(g, "l4 error creating a ", cap->kind);
  *sel = s;
  return 0;
}

int l4re_cap_put(struct genode *g, struct component *c, unsigned sel, const struct l4re_cap *cap) {
  if (sel == 0 || sel >= c->map.size)
    return fail(g, "selector outside 1..0xfff", NULL);
  l4sim_enter_task(g->core_kid);
  long e;
  if (cap->copy_of) {
    /* The program's own copy, e.g. the main thread at 3 and env main_thread. */
    l4sim_enter_task(c->task_kid);
    e = l4_error(l4_task_map(L4_BASE_TASK_CAP, L4_BASE_TASK_CAP,
                             l4_obj_fpage(KCAP(cap->copy_of), 0, L4_CAP_FPAGE_RWSD),
                             KCAP(sel) | L4_ITEM_MAP));
    l4sim_enter_task(g->core_kid);
  } else {
    unsigned s;
    if (object(g, cap, &s) != 0)
      return -1;
    /* moe hands out RWS like Genode's core; the creator's D stays with moe. */
    e = l4_error(l4_task_map(KCAP(c->task_core_sel), L4_BASE_TASK_CAP,
                             l4_obj_fpage(KCAP(s), 0, L4_CAP_FPAGE_RWS), KCAP(sel) | L4_ITEM_MAP));
  }
  if (e < 0)
    return fail(g, "l4_task_map failed", NULL);
  if (cap->name) {
    struct agent_semantics sem;
    memset(&sem, 0, sizeof sem);
    text_fmt(sem.iface, sizeof sem.iface, "%s", L4RE_ENV_IFACE);
    text_fmt(sem.label, sizeof sem.label, "%s", cap->name);
    if (capmap_set(&c->map, sel, CAPMAP_ID_NO_BADGE, 1, CAPMAP_FLAG_SEMANTICS, &sem) != 0)
      return fail(g, "out of memory", NULL);
  }
  c->rt_gen++;
  return 0;
}
