/* Core's side of the Genode model: ids, selectors, the system (see genode.h and
 * genode_model.h for how the model is split). */
#include "capsim/genode_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <l4/sys/debugger.h>
#include <l4/sys/factory.h>
#include <l4/sys/task.h>
#include <l4sim/sim.h>
#include <stdarg.h>

int gm_fail(struct genode *g, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(g->err, sizeof g->err, fmt, ap);
  va_end(ap);
  return -1;
}

void gm_enter_core(struct genode *g) { l4sim_enter_task(g->core_kid); }
void gm_enter(const struct component *c) { l4sim_enter_task(c->task_kid); }

/* Ids in the profile's steps (4; 8 under genode-foc-25) from one step on,
 * next-fit like core's id allocator, so a closed session's badge is not handed
 * out again at once. With 16-bit ids 0xFFFC is the last (0xFFFF means "no
 * badge"); 32-bit ids go up to 2^20 here (core's range is 2^28). */
static unsigned badge_slots(const struct profile *p) {
  return p->id_bits == 32 ? (1u << 20) / p->id_step : 0x10000u / p->id_step;
}

uint32_t gm_badge_alloc(struct genode *g) {
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

void gm_badge_free(struct genode *g, uint32_t badge) {
  if (badge && badge % g->prof->id_step == 0 && badge / g->prof->id_step < g->badge_slots)
    g->badge_used[badge / g->prof->id_step] = 0;
}

int genode_ids_from(struct genode *g, uint32_t first) {
  if (first % g->prof->id_step || first / g->prof->id_step >= g->badge_slots)
    return gm_fail(g, "ids-from 0x%x: not a multiple of %u below 0x%x", first, g->prof->id_step,
                   g->badge_slots * g->prof->id_step);
  g->badge_next = first / g->prof->id_step;
  return 0;
}

unsigned gm_core_sel_alloc(struct genode *g) {
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

void gm_core_sel_free(struct genode *g, unsigned sel) {
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
    return gm_fail(g, "out of memory");
  g->badge_next = 1;
  g->core_next = CORE_SEL_FIRST;
  g->scratch_sel = gm_core_sel_alloc(g);
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

/* ---- planted faults ----------------------------------------------------- */

int genode_raw_gate(struct genode *g, struct component *c, unsigned sel, uint32_t label) {
  unsigned s = gm_core_sel_alloc(g);
  gm_enter_core(g);
  long e = l4_error(l4_factory_create_gate(L4_BASE_FACTORY_CAP, KCAP(s), L4_INVALID_CAP, label));
  if (e == 0)
    e = l4_error(l4_task_map(KCAP(c->task_core_sel), L4_BASE_TASK_CAP,
                             l4_obj_fpage(KCAP(s), 0, L4_FPAGE_RWX), KCAP(sel) | L4_ITEM_MAP));
  /* Core lets go: the component's slot is the gate's only mapping. */
  l4_task_release_cap(L4_BASE_TASK_CAP, KCAP(s));
  gm_core_sel_free(g, s);
  c->rt_gen++;
  return e < 0 ? gm_fail(g, "l4 error %ld", e) : 0;
}

int genode_raw_unmap(struct genode *g, struct component *c, unsigned sel) {
  gm_enter_core(g);
  long e = l4_error(l4_task_unmap(KCAP(c->task_core_sel), l4_obj_fpage(KCAP(sel), 0, L4_CAP_FPAGE_RWSD),
                                  L4_FP_ALL_SPACES));
  c->rt_gen++;
  return e < 0 ? gm_fail(g, "l4 error %ld", e) : 0;
}
