/* L4Re runtime for the agent (compiled only in an L4Re tree).
 *
 * What a Genode parent would know (task names, threads, cap map) plain L4Re
 * does not keep, so this runtime offers what the environment says:
 *  - one task, the agent's own (L4_BASE_TASK_CAP); probing other programs
 *    needs their task caps, which only their loader (moe/ned) holds;
 *  - the environment's named caps (l4re_env()->caps and the fixed fields)
 *    as cap-map entries: index = selector, no badge, interface "L4Re::Env",
 *    label = the name -- the L4Re counterpart of Genode's cap map;
 *  - no kinds: the per-slot query is not public l4sys API (obj_info NULL),
 *    so clients show "kind unknown";
 *  - a generation derived from the validity bitmap (one probe of 0..4296),
 *    so a client can skip a walk when nothing changed;
 *  - read-only (no restore). */
#include "l4re_runtime.h"

#include <stdio.h>
#include <string.h>

#include <l4/re/c/util/cap_alloc.h>
#include <l4/re/env.h>
#include <l4/sys/consts.h>
#include <l4/sys/task.h>

#include "agent/armor.h"
#include "agent/proto.h"

#define SELF_ID 1

static void enter(void *ctx) { (void)ctx; }
static unsigned task_count(void *ctx) { (void)ctx; return 1; }

static uint64_t generation(void) {
  uint8_t bits[(PROTO_LAST_SELECTOR + 8) / 8];
  memset(bits, 0, sizeof bits);
  for (unsigned s = 0; s <= PROTO_LAST_SELECTOR; s++)
    if (l4_msgtag_label(l4_task_cap_valid(L4_BASE_TASK_CAP, (l4_cap_idx_t)s << L4_CAP_SHIFT)) > 0)
      bits[s / 8] |= (uint8_t)(1u << (s % 8));
  return 1 + armor_crc32(bits, sizeof bits);
}

static bool task_at(void *ctx, unsigned i, struct agent_task_info *out) {
  (void)ctx;
  if (i != 0)
    return false;
  memset(out, 0, sizeof *out);
  out->id = SELF_ID;
  snprintf(out->name, sizeof out->name, "capscope-agent");
  out->task_cap = L4_BASE_TASK_CAP;
  out->generation = generation();
  return true;
}

static bool task_by_id(void *ctx, uint32_t id, struct agent_task_info *out) {
  return id == SELF_ID && task_at(ctx, 0, out);
}

static bool task_by_name(void *ctx, const char *name, struct agent_task_info *out) {
  return !strcmp(name, "capscope-agent") && task_at(ctx, 0, out);
}

static unsigned threads(void *ctx, uint32_t task, struct agent_thread_info *out, unsigned max) {
  (void)ctx;
  (void)task;
  (void)out;
  (void)max;
  return 0; /* L4Re keeps no thread table a debugger could read */
}

static bool named(unsigned sel, const char *name, struct agent_capmap_entry *out) {
  memset(out, 0, sizeof *out);
  out->index = (uint16_t)sel;
  out->raw_id = CAPMAP_ID_NO_BADGE;
  out->ref_cnt = 1;
  out->flags = CAPMAP_FLAG_SEMANTICS;
  snprintf(out->sem.iface, sizeof out->sem.iface, "L4Re::Env");
  snprintf(out->sem.label, sizeof out->sem.label, "%s", name);
  return true;
}

static bool capmap_get(void *ctx, uint32_t task, uint16_t index, struct agent_capmap_entry *out) {
  (void)ctx;
  if (task != SELF_ID)
    return false;
  l4re_env_t const *e = l4re_env();
  l4_cap_idx_t kcap = (l4_cap_idx_t)index << L4_CAP_SHIFT;
  for (l4re_env_cap_entry_t const *c = e->caps; c && c->flags != ~0UL; c++)
    if (c->cap == kcap) {
      char name[sizeof c->name + 1];
      memcpy(name, c->name, sizeof c->name);
      name[sizeof c->name] = 0;
      return named(index, name, out);
    }
  struct { l4_cap_idx_t cap; const char *name; } fixed[] = {
      {e->parent, "parent"},   {e->rm, "rm"},       {e->mem_alloc, "mem_alloc"},
      {e->log, "log"},         {e->main_thread, "main_thread"},
      {e->factory, "factory"}, {e->scheduler, "scheduler"},
  };
  for (unsigned i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
    if (fixed[i].cap == kcap)
      return named(index, fixed[i].name, out);
  return false;
}

static struct agent_result refused(void) {
  struct agent_result r = {ST_REFUSED, 0, PROTO_REFUSED_TEXT};
  return r;
}

static struct agent_result create_session(void *ctx, uint32_t task, uint16_t sel,
                                          const struct agent_semantics *sem, uint16_t *badge,
                                          uint32_t *object_id) {
  (void)ctx, (void)task, (void)sel, (void)sem, (void)badge, (void)object_id;
  return refused();
}
static struct agent_result set_capmap(void *ctx, uint32_t task, const struct agent_capmap_entry *e) {
  (void)ctx, (void)task, (void)e;
  return refused();
}
static struct agent_result clear_capmap(void *ctx, uint32_t task, uint16_t index) {
  (void)ctx, (void)task, (void)index;
  return refused();
}
static void changed(void *ctx, uint32_t task) { (void)ctx, (void)task; }

void l4re_runtime_init(struct agent_runtime *rt) {
  memset(rt, 0, sizeof *rt);
  rt->kernel = "Fiasco.OC (L4Re)";
  rt->profile = "l4re";
  rt->version = "capscope-agent 0.1 (L4Re) / agent protocol 1";
  rt->restore_allowed = false;
  rt->simulated = false;
  rt->debugger_cap = l4re_env_get_cap("jdb");
  rt->factory_cap = l4re_env()->factory;
  rt->scratch_cap = l4re_util_cap_alloc();
  rt->obj_info = NULL;
  rt->enter = enter;
  rt->task_count = task_count;
  rt->task_at = task_at;
  rt->task_by_id = task_by_id;
  rt->task_by_name = task_by_name;
  rt->threads = threads;
  rt->capmap_get = capmap_get;
  rt->create_session = create_session;
  rt->set_capmap = set_capmap;
  rt->clear_capmap = clear_capmap;
  rt->changed = changed;
}
