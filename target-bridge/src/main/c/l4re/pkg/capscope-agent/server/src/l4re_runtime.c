/* L4Re runtime for the agent (compiled only in an L4Re tree).
 *
 * Where its knowledge comes from:
 *  - Tasks, kinds, object ids, labels, rights: the kernel debugger's object
 *    dump (agent/kdump.h), asked through the jdb cap ned passes
 *    (`caps = { jdb = L4.Env.jdb }`), once per request. Only when started
 *    with --kernel-objects: on Fiasco as of 2026 the dump dereferences JDB's
 *    entry frame for every thread it reports, which exists only after JDB
 *    was entered once (boot the kernel with -jdb_cmd=E+); before that the
 *    kernel fails an assertion and stops. It lists every task's
 *    slots, so programs started beside the agent are walked from the kernel's
 *    own records: the agent needs no task caps of theirs and sends no IPC to
 *    any server (ned does not hand task caps out, and the agent is nobody's
 *    loader).
 *  - The agent's own task: l4_task_cap_valid on L4_BASE_TASK_CAP (and the
 *    dump for kinds); its named caps from l4re_env() as cap-map entries
 *    (index = selector, no badge, interface "L4Re::Env", label = the name).
 *  - Without a JDB kernel (no jdb cap, or a kernel older than the dump): one
 *    task, the agent's own, kinds unknown, as before.
 *  - Read-only: mutations answer REFUSED. */
#include "l4re_runtime.h"

#include <stdio.h>
#include <string.h>

#include <l4/re/c/util/cap_alloc.h>
#include <l4/re/env.h>
#include <l4/sys/consts.h>
#include <l4/sys/debugger.h>
#include <l4/sys/task.h>
#include <l4/sys/vcon.h>

#include "agent/armor.h"
#include "agent/kdump.h"
#include "l4re_env_caps.h"
#include "l4re_kernel_dump.h"
#include "protocol/proto.h"

#define MAX_TASKS 128
#define SELF_NAME "capscope-agent"

struct l4re_task {
  uint32_t id;
  unsigned long kernel_id;
  l4_cap_idx_t cap;
  char name[AGENT_NAME_MAX];
  uint64_t generation; /* 0 = not computed yet for this request */
};

static struct {
  l4_cap_idx_t jdb;
  bool kernel_objects; /* asked to use the dump (--kernel-objects) */
  struct kdump dump;
  bool dump_ok;
  unsigned long self_id; /* our task's debug id; ~0UL unknown */
  unsigned ntasks;
  struct l4re_task tasks[MAX_TASKS];
} st;

static void enter(void *ctx) { (void)ctx; }

static void self_bitmap(uint8_t *bits) {
  memset(bits, 0, (PROTO_LAST_SELECTOR + 8) / 8);
  for (unsigned s = 0; s <= PROTO_LAST_SELECTOR; s++)
    if (l4_msgtag_label(l4_task_cap_valid(L4_BASE_TASK_CAP, (l4_cap_idx_t)s << L4_CAP_SHIFT)) > 0)
      bits[s / 8] |= (uint8_t)(1u << (s % 8));
}

/* Set while the dump is being printed: every page goes to this console too. */
static l4_cap_idx_t print_to = L4_INVALID_CAP;

static uint64_t own_generation(void) {
  uint8_t bits[(PROTO_LAST_SELECTOR + 8) / 8];
  self_bitmap(bits);
  uint64_t g = armor_crc32(bits, sizeof bits);
  if (st.dump_ok && st.self_id != ~0UL) /* below 2^63: clients keep it in a signed 64-bit integer */
    g = g << 31 ^ kdump_space_crc(&st.dump, st.self_id, PROTO_LAST_SELECTOR);
  return 1 + g;
}

static void add_task(uint32_t id, unsigned long kid, l4_cap_idx_t cap, const char *name) {
  if (st.ntasks == MAX_TASKS)
    return;
  struct l4re_task *t = &st.tasks[st.ntasks++];
  t->id = id;
  t->kernel_id = kid;
  t->cap = cap;
  snprintf(t->name, sizeof t->name, "%s", name);
  t->generation = 0; /* on first use: the own task's costs 4297 l4_task_cap_valid calls */
}

/* A name for each task, unique within the list: the debugger's name of the
 * space (L4Re's loader names a task after its binary, cut to 13 characters,
 * if the task may talk to the debugger), "D:<id>" when it has none, with
 * " [D:<id>]" added to repeats. The agent's own task is "capscope-agent". */
static void name_of(const struct kdump_space *s, char *out, size_t n) {
  if (s->id == st.self_id)
    snprintf(out, n, SELF_NAME);
  else if (!s->name[0])
    snprintf(out, n, "D:%lx", (unsigned long)s->id);
  else
    snprintf(out, n, "%s", s->name);
  for (size_t i = 0; i < st.dump.nspaces; i++)
    if (st.dump.spaces[i].id != s->id && !strcmp(st.dump.spaces[i].name, s->name) && s->name[0]) {
      size_t len = strlen(out);
      snprintf(out + len, n - len, " [D:%lx]", (unsigned long)s->id);
      break;
    }
}

void l4re_runtime_refresh(struct agent_runtime *rt) {
  (void)rt;
  st.dump_ok = l4re_kernel_dump_read(&st.dump, print_to);
  st.ntasks = 0;
  if (!st.dump_ok || st.self_id == ~0UL || !kdump_space(&st.dump, st.self_id)) {
    st.dump_ok = st.dump_ok && st.self_id != ~0UL;
    add_task(1, st.self_id, L4_BASE_TASK_CAP, SELF_NAME);
    return;
  }
  for (size_t i = 0; i < st.dump.nspaces; i++) {
    const struct kdump_space *s = &st.dump.spaces[i];
    char name[AGENT_NAME_MAX];
    name_of(s, name, sizeof name);
    /* Task ids on the wire are the debug ids (never 0 for a task). */
    add_task((uint32_t)s->id, (unsigned long)s->id,
             s->id == st.self_id ? L4_BASE_TASK_CAP : L4_INVALID_CAP, name);
  }
}

static unsigned task_count(void *ctx) {
  (void)ctx;
  return st.ntasks;
}

static void fill(struct l4re_task *t, struct agent_task_info *out) {
  if (!t->generation)
    t->generation = t->cap == L4_BASE_TASK_CAP
                        ? own_generation()
                        : 1 + (uint64_t)kdump_space_crc(&st.dump, t->kernel_id, PROTO_LAST_SELECTOR);
  memset(out, 0, sizeof *out);
  out->id = t->id;
  out->kernel_id = t->kernel_id;
  out->task_cap = t->cap;
  snprintf(out->name, sizeof out->name, "%s", t->name);
  out->generation = t->generation;
}

static bool task_at(void *ctx, unsigned i, struct agent_task_info *out) {
  (void)ctx;
  if (i >= st.ntasks)
    return false;
  fill(&st.tasks[i], out);
  return true;
}

static bool task_by_id(void *ctx, uint32_t id, struct agent_task_info *out) {
  (void)ctx;
  for (unsigned i = 0; i < st.ntasks; i++)
    if (st.tasks[i].id == id)
      return task_at(ctx, i, out);
  return false;
}

static bool task_by_name(void *ctx, const char *name, struct agent_task_info *out) {
  for (unsigned i = 0; i < st.ntasks; i++)
    if (!strcmp(st.tasks[i].name, name))
      return task_at(ctx, i, out);
  return false;
}

static unsigned threads(void *ctx, uint32_t task, struct agent_thread_info *out, unsigned max) {
  (void)ctx, (void)task, (void)out, (void)max;
  return 0; /* L4Re keeps no thread table, and the dump does not say whose a thread is */
}

static unsigned long holder(const struct agent_task_info *t) {
  return t->task_cap == L4_BASE_TASK_CAP ? st.self_id : t->kernel_id;
}

static int mapped(void *ctx, const struct agent_task_info *t, unsigned sel) {
  (void)ctx;
  if (!st.dump_ok)
    return -1;
  return kdump_slot(&st.dump, holder(t), sel) != NULL;
}

static bool obj_info(void *ctx, const struct agent_task_info *t, unsigned sel,
                     struct agent_obj_info *out) {
  (void)ctx;
  const struct kdump_map *m = st.dump_ok ? kdump_slot(&st.dump, holder(t), sel) : NULL;
  if (!m)
    return false;
  const struct kdump_obj *o = &st.dump.objs[m->obj];
  out->global_id = (uint32_t)o->id;
  out->label = o->label;
  out->mappings = o->mappings;
  out->kind = o->kind;
  out->rights = m->rights;
  return true;
}

static bool capmap_get(void *ctx, uint32_t task, uint16_t index, struct agent_capmap_entry *out) {
  struct agent_task_info ti;
  if (!task_by_id(ctx, task, &ti) || ti.task_cap != L4_BASE_TASK_CAP)
    return false; /* other programs' environments live in their memory */
  return l4re_env_cap_entry(index, out);
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

void l4re_runtime_init(struct agent_runtime *rt, bool kernel_objects) {
  memset(rt, 0, sizeof *rt);
  kdump_init(&st.dump);
  st.jdb = l4re_env_get_cap("jdb");
  st.kernel_objects = kernel_objects;
  st.self_id = l4_is_invalid_cap(st.jdb) ? ~0UL : l4_debugger_global_id(L4_BASE_TASK_CAP);
  l4re_kernel_dump_setup(st.jdb, !l4_is_invalid_cap(st.jdb) && kernel_objects);
  l4re_runtime_refresh(rt);

  rt->kernel = "Fiasco.OC (L4Re)";
  rt->profile = "l4re";
  rt->version = "capscope-agent 0.2 (L4Re) / agent protocol 1";
  rt->restore_allowed = false;
  rt->simulated = false;
  rt->debugger_cap = st.jdb;
  rt->factory_cap = l4re_env()->factory;
  rt->scratch_cap = l4re_util_cap_alloc();
  rt->obj_info = st.dump_ok ? obj_info : NULL;
  rt->mapped = mapped;
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

void l4re_runtime_print_dump(struct agent_runtime *rt, l4_cap_idx_t con) {
  /* One line per record, "capscope-agent: kdump <128 hex digits>" ("kdump-restart" when the
   * dump had to be read again), then per task what the agent made of it: valid selectors
   * 0..4296 by the dump, and for its own task also by l4_task_cap_valid, an independent probe.
   * For recording a real kernel's dump as a test fixture. */
  print_to = con;
  l4re_runtime_refresh(rt);
  print_to = L4_INVALID_CAP;
  uint8_t bits[(PROTO_LAST_SELECTOR + 8) / 8];
  self_bitmap(bits);
  unsigned probed = 0;
  for (unsigned s = 0; s <= PROTO_LAST_SELECTOR; s++)
    probed += bits[s / 8] >> (s % 8) & 1;
  char line[160];
  for (size_t i = 0; i < st.dump.nspaces; i++) {
    const struct kdump_space *sp = &st.dump.spaces[i];
    unsigned n = 0;
    for (unsigned sel = 0; sel <= PROTO_LAST_SELECTOR; sel++)
      n += kdump_slot(&st.dump, sp->id, sel) != NULL;
    int k = snprintf(line, sizeof line, "capscope-agent: kdump-task %lx %s %u", (unsigned long)sp->id,
                     sp->name[0] ? sp->name : "-", n);
    if (sp->id == st.self_id)
      k += snprintf(line + k, sizeof line - (size_t)k, " probed %u", probed);
    line[k++] = '\n';
    l4_vcon_write(con, line, k);
  }
}

void l4re_runtime_report(char *out, size_t n) {
  if (!st.dump_ok) {
    snprintf(out, n, "one task, kinds unknown: %s",
             l4_is_invalid_cap(st.jdb)
                 ? "no jdb cap (give it the kernel debugger: caps = { jdb = L4.Env.jdb })"
             : !st.kernel_objects ? "kernel object dump off (start the agent with --kernel-objects, "
                                    "on a kernel booted with -jdb_cmd=E+)"
             : !l4re_kernel_dump_has_memory()
                 ? "no kernel-user memory for the dump"
                 : "the kernel refused the object dump (a kernel without it, before 2023?)");
    return;
  }
  /* Cross-check: the dump's slots of our own task against l4_task_cap_valid. */
  uint8_t bits[(PROTO_LAST_SELECTOR + 8) / 8];
  self_bitmap(bits);
  unsigned valid = 0, differ = 0, first = 0;
  for (unsigned s = 0; s <= PROTO_LAST_SELECTOR; s++) {
    bool v = bits[s / 8] >> (s % 8) & 1;
    valid += v;
    if (v != (kdump_slot(&st.dump, st.self_id, s) != NULL) && !differ++)
      first = s;
  }
  size_t k = 0;
  for (size_t i = 0; i < st.dump.nobjs; i++)
    k += st.dump.objs[i].kind != KIND_UNKNOWN;
  int len = snprintf(out, n, "%u tasks, %zu objects (%zu of known kind), %zu slots; own task %u valid, ",
                     st.ntasks, st.dump.nobjs, k, st.dump.nmaps, valid);
  if (len < 0 || (size_t)len >= n)
    return;
  if (differ)
    snprintf(out + len, n - (size_t)len,
             "dump and l4_task_cap_valid differ at %u selectors (first 0x%x)", differ, first);
  else
    snprintf(out + len, n - (size_t)len, "dump and l4_task_cap_valid agree");
}
