#include <l4sim/obj_info.h>
#include "capsim/agent_glue.h"

#include <string.h>
#include <time.h>

#include <l4/sys/consts.h>
#include <l4sim/sim.h>

#include "protocol/proto.h"
#include "capsim/text.h"

#define KCAP(sel) ((l4_cap_idx_t)(sel) << L4_CAP_SHIFT)

static void enter(void *ctx) {
  struct genode *g = ctx;
  l4sim_enter_task(g->core_kid);
}

static void fill_task(struct genode *g, struct component *c, struct agent_task_info *out) {
  memset(out, 0, sizeof *out);
  out->id = c->id;
  out->parent_id = c->parent ? c->parent->id : 0;
  text_fmt(out->name, sizeof out->name, "%s", c->label);
  out->task_cap = KCAP(c->task_core_sel);
  out->thread_count = (uint16_t)genode_thread_count(c);
  out->generation = genode_generation(g, c);
}

static unsigned task_count(void *ctx) { return ((struct genode *)ctx)->ncomps; }

static bool task_at(void *ctx, unsigned i, struct agent_task_info *out) {
  struct genode *g = ctx;
  if (i >= g->ncomps)
    return false;
  fill_task(g, g->comps[i], out);
  return true;
}

static struct component *by_id(struct genode *g, uint32_t id) {
  return id >= 1 && id <= g->ncomps ? g->comps[id - 1] : NULL;
}

static bool task_by_id(void *ctx, uint32_t id, struct agent_task_info *out) {
  struct component *c = by_id(ctx, id);
  if (c)
    fill_task(ctx, c, out);
  return c != NULL;
}

static bool task_by_name(void *ctx, const char *name, struct agent_task_info *out) {
  struct component *c = genode_find(ctx, name);
  if (c)
    fill_task(ctx, c, out);
  return c != NULL;
}

static unsigned threads(void *ctx, uint32_t task, struct agent_thread_info *out, unsigned max) {
  struct genode *g = ctx;
  struct component *c = by_id(g, task);
  unsigned n = 0;
  for (unsigned i = 0; c && i < GENODE_THREAD_MAX && n < max; i++) {
    if (!c->threads[i].used)
      continue;
    out[n].index = (uint16_t)i;
    out[n].first_sel = (uint16_t)(g->prof->thread_base + i * g->prof->thread_slot);
    out[n].slots = (uint8_t)g->prof->thread_slot;
    out[n].state = c->threads[i].state;
    text_fmt(out[n].name, sizeof out[n].name, "%s", c->threads[i].name);
    n++;
  }
  return n;
}

/* The strings by their length: clearing and copying the whole fixed-size semantics (~700
 * bytes per entry) was most of a CAP_MAP answer's time; only what precedes each NUL is sent. */
static void copy_text(char *to, size_t size, const char *from) {
  size_t n = from ? strnlen(from, size - 1) : 0;
  memcpy(to, from ? from : "", n);
  to[n] = 0;
}

static void copy_semantics(struct agent_semantics *to, const struct agent_semantics *from) {
  copy_text(to->iface, sizeof to->iface, from ? from->iface : NULL);
  copy_text(to->label, sizeof to->label, from ? from->label : NULL);
  copy_text(to->args, sizeof to->args, from ? from->args : NULL);
  copy_text(to->server, sizeof to->server, from ? from->server : NULL);
  to->server_task = from ? from->server_task : 0;
  to->quota = from ? from->quota : 0;
}

static bool capmap_get(void *ctx, uint32_t task, uint16_t index, struct agent_capmap_entry *out) {
  struct component *c = by_id(ctx, task);
  if (!c || index >= c->map.size || !c->map.e[index].id)
    return false;
  const struct cap_entry *e = &c->map.e[index];
  out->index = index;
  out->raw_id = e->id;
  out->ref_cnt = e->ref_cnt;
  out->flags = e->flags;
  copy_semantics(&out->sem, e->sem);
  return true;
}

static struct agent_result ok(void) { return (struct agent_result){0}; }

static struct agent_result failed(uint16_t status, const char *msg) {
  struct agent_result r = {.status = status};
  text_fmt(r.message, sizeof r.message, "%s", msg);
  return r;
}

static struct agent_result create_session(void *ctx, uint32_t task, uint16_t sel,
                                          const struct agent_semantics *sem, uint16_t *badge,
                                          uint32_t *obj) {
  struct genode *g = ctx;
  struct component *c = by_id(g, task);
  if (!c)
    return failed(ST_NO_SUCH_TASK, "no such task");
  if (genode_session_at(g, c, sel, sem, badge, obj) != 0)
    return failed(strstr(g->err, "no server") ? ST_NO_SUCH_TASK : ST_L4_ERROR, g->err);
  return ok();
}

static struct agent_result set_capmap(void *ctx, uint32_t task, const struct agent_capmap_entry *e) {
  struct component *c = by_id(ctx, task);
  if (!c)
    return failed(ST_NO_SUCH_TASK, "no such task");
  if (e->index >= c->map.size)
    return failed(ST_BAD_RANGE, "index past the cap map");
  bool has_sem = (e->flags & CAPMAP_FLAG_SEMANTICS) || e->sem.iface[0] || e->sem.label[0];
  if (capmap_set(&c->map, e->index, e->raw_id, e->ref_cnt, e->flags, has_sem ? &e->sem : NULL))
    return failed(ST_INTERNAL, "out of memory");
  c->rt_gen++;
  return ok();
}

static struct agent_result clear_capmap(void *ctx, uint32_t task, uint16_t index) {
  struct component *c = by_id(ctx, task);
  if (!c)
    return failed(ST_NO_SUCH_TASK, "no such task");
  if (index >= c->map.size)
    return failed(ST_BAD_RANGE, "index past the cap map");
  capmap_clear(&c->map, index);
  c->rt_gen++;
  return ok();
}

static struct agent_result close_session(void *ctx, uint32_t task, uint16_t sel) {
  struct genode *g = ctx;
  struct component *c = by_id(g, task);
  if (!c)
    return failed(ST_NO_SUCH_TASK, "no such task");
  if (genode_session_close(g, c, sel) != 0)
    return failed(ST_BAD_RANGE, g->err);
  return ok();
}

static uint64_t now_ms(void *ctx) {
  (void)ctx;
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void changed(void *ctx, uint32_t task) {
  struct component *c = by_id(ctx, task);
  if (c)
    c->rt_gen++;
}

/* l4sim's debugger knows every slot's object (the agent's kind query). */
static bool obj_info(void *ctx, const struct agent_task_info *task, unsigned sel,
                     struct agent_obj_info *out) {
  (void)ctx;
  l4_debugger_obj_info_t i;
  if (l4_error(l4_debugger_obj_info(L4_BASE_DEBUGGER_CAP, task->task_cap, KCAP(sel), &i)) != 0)
    return false;
  out->global_id = (uint32_t)i.global_id;
  out->label = (uint64_t)i.label;
  out->mappings = (uint32_t)i.mappings;
  out->kind = (uint8_t)i.kind;
  out->rights = (uint8_t)i.rights;
  return true;
}

void capsim_runtime_init(struct agent_runtime *rt, struct genode *g, bool restore_allowed) {
  memset(rt, 0, sizeof *rt);
  rt->ctx = g;
  rt->kernel = "l4sim (Fiasco.OC model)";
  rt->profile = g->prof->name;
  rt->version = "capsim 0.1.0 / agent protocol 1";
  rt->restore_allowed = restore_allowed;
  rt->simulated = true;
  rt->debugger_cap = L4_BASE_DEBUGGER_CAP;
  rt->factory_cap = L4_BASE_FACTORY_CAP;
  rt->scratch_cap = KCAP(g->scratch_sel);
  rt->obj_info = obj_info;
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
  rt->close_session = close_session;
  rt->now_ms = now_ms;
}
