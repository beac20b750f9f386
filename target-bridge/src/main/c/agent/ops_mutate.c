/* Mutations restore needs. Kernel-level ones (UNMAP, MAP_COPY,
 * CREATE_OBJECT) are plain L4 calls; session and cap-map changes go to the
 * runtime, which owns that knowledge. Each handler parses and checks the
 * whole request before it touches anything, the restore lease included
 * (allowed_on: the caller holds it for this task, which is where the lease
 * expects it). */
#include <string.h>

#include <l4/sys/debugger.h>
#include <l4/sys/factory.h>
#include <l4/sys/task.h>

#include "agent/agent.h"

#define KCAP(sel) ((l4_cap_idx_t)(sel) << L4_CAP_SHIFT)

void agent_read_capmap_entry(struct reader *r, struct agent_capmap_entry *e) {
  memset(e, 0, sizeof *e);
  e->index = rd_u16(r);
  e->raw_id = rd_u16(r);
  e->ref_cnt = rd_u8(r);
  e->flags = rd_u8(r);
  if (e->flags & CAPMAP_FLAG_ID_HIGH) {
    e->raw_id |= (uint32_t)rd_u16(r) << 16;
    e->flags &= (uint8_t)~CAPMAP_FLAG_ID_HIGH;
  }
  e->sem.server_task = rd_u32(r);
  e->sem.quota = rd_u64(r);
  rd_str(r, e->sem.iface, sizeof e->sem.iface);
  rd_str(r, e->sem.label, sizeof e->sem.label);
  rd_str(r, e->sem.args, sizeof e->sem.args);
  rd_str(r, e->sem.server, sizeof e->sem.server);
}

static bool allowed(struct agent *a, struct reply *rep) {
  if (!a->rt->restore_allowed) {
    reply_error(rep, ST_REFUSED, 0, PROTO_REFUSED_TEXT);
    return false;
  }
  return true;
}

/* A target that allows restore, and the caller holds the lease on `task` at its generation. */
static bool allowed_on(struct agent *a, uint32_t task, struct reply *rep) {
  return allowed(a, rep) && agent_lease_check(a, task, rep);
}

/* 2^order slots from sel, aligned as flexpages are, inside 0..4296. */
static bool check_fpage(unsigned sel, unsigned order, struct reply *rep) {
  if (order > 12 || (sel & ((1u << order) - 1)) || sel + (1u << order) - 1 > PROTO_LAST_SELECTOR) {
    reply_error(rep, ST_BAD_RANGE, 0, "selector 0x%x order %u: unaligned or past 4296", sel, order);
    return false;
  }
  return true;
}

static bool kernel_ok(long e, struct reply *rep, const char *what) {
  if (e < 0) {
    reply_error(rep, ST_L4_ERROR, (int32_t)e, "%s failed", what);
    return false;
  }
  return true;
}

static void ack_generation(struct agent *a, uint32_t task, struct reply *rep) {
  struct agent_task_info ti;
  if (agent_task(a, task, &ti, rep)) {
    wr_u64(rep->w, ti.generation);
    agent_lease_confirm(a, rep->client, task, ti.generation);
  }
}

static void op_unmap(struct agent *a, struct reader *r, struct reply *rep) {
  uint32_t task = rd_u32(r);
  uint16_t sel = rd_u16(r);
  uint8_t order = rd_u8(r), mode = rd_u8(r);
  struct agent_task_info ti;
  if (!request_layout(r, rep) || !allowed_on(a, task, rep) || !request_fits(r, rep) ||
      !check_fpage(sel, order, rep))
    return;
  if (mode > 1) {
    reply_error(rep, ST_BAD_RANGE, 0, "mode %u", mode);
    return;
  }
  if (!agent_task(a, task, &ti, rep))
    return;
  if (!rep->dry_run) {
    a->rt->enter(a->rt->ctx);
    long e = l4_error(l4_task_unmap(ti.task_cap, l4_obj_fpage(KCAP(sel), order, L4_CAP_FPAGE_RWSD),
                                    mode ? L4_FP_DELETE_OBJ : L4_FP_ALL_SPACES));
    if (!kernel_ok(e, rep, "l4_task_unmap"))
      return;
    a->rt->changed(a->rt->ctx, task);
  }
  ack_generation(a, task, rep);
}

static void op_map_copy(struct agent *a, struct reader *r, struct reply *rep) {
  uint32_t dst = rd_u32(r), src = rd_u32(r);
  uint16_t from = rd_u16(r), to = rd_u16(r);
  uint8_t order = rd_u8(r), rights = rd_u8(r), grant = rd_u8(r);
  (void)rd_u8(r);
  struct agent_task_info dti, sti;
  if (!request_layout(r, rep) || !allowed_on(a, dst, rep) || !request_fits(r, rep) ||
      !check_fpage(from, order, rep) || !check_fpage(to, order, rep))
    return;
  if (rights == 0 || rights > 15 || grant > 1) {
    reply_error(rep, ST_BAD_RANGE, 0, "rights 0x%x grant %u", rights, grant);
    return;
  }
  if (!agent_task(a, dst, &dti, rep) || !agent_task(a, src ? src : dst, &sti, rep))
    return;
  if (!rep->dry_run) {
    a->rt->enter(a->rt->ctx);
    long e = l4_error(l4_task_map(dti.task_cap, sti.task_cap, l4_obj_fpage(KCAP(from), order, rights),
                                  KCAP(to) | L4_ITEM_MAP | (grant ? L4_MAP_ITEM_GRANT : 0)));
    if (!kernel_ok(e, rep, "l4_task_map"))
      return;
    a->rt->changed(a->rt->ctx, dst);
    if (src && src != dst)
      a->rt->changed(a->rt->ctx, src);
  }
  ack_generation(a, dst, rep);
}

static void op_create_session(struct agent *a, struct reader *r, struct reply *rep) {
  struct agent_semantics sem;
  memset(&sem, 0, sizeof sem);
  uint32_t task = rd_u32(r);
  uint16_t sel = rd_u16(r);
  sem.quota = rd_u64(r);
  rd_str(r, sem.iface, sizeof sem.iface);
  rd_str(r, sem.label, sizeof sem.label);
  rd_str(r, sem.args, sizeof sem.args);
  rd_str(r, sem.server, sizeof sem.server);
  struct agent_task_info ti;
  if (!request_layout(r, rep) || !allowed_on(a, task, rep) || !request_fits(r, rep))
    return;
  if (sel == 0 || sel > PROTO_LAST_CAPMAP_INDEX) {
    reply_error(rep, ST_BAD_RANGE, 0, "selector 0x%x outside 0x001..0xfff", sel);
    return;
  }
  if (!agent_task(a, task, &ti, rep))
    return;
  uint16_t badge = 0;
  uint32_t obj = 0;
  struct agent_result res = a->rt->create_session(a->rt->ctx, task, sel, &sem, &badge, &obj);
  if (res.status != ST_OK) {
    reply_error(rep, res.status, res.detail, "%s", res.message);
    return;
  }
  wr_u16(rep->w, badge);
  wr_u32(rep->w, obj);
  ack_generation(a, task, rep);
}

static const uint8_t creatable[] = {KIND_TASK, KIND_THREAD, KIND_IPC_GATE, KIND_IRQ_SENDER};

/* Where a task created for restore gets its UTCB area (one page). */
#define NEW_TASK_UTCB_AREA 0xb3000000UL

static long create_at(struct agent_runtime *rt, uint8_t kind, uint64_t label) {
  l4_cap_idx_t f = rt->factory_cap, at = rt->scratch_cap;
  switch (kind) {
  case KIND_TASK: {
    l4_fpage_t utcb = l4_fpage(NEW_TASK_UTCB_AREA, 12, L4_FPAGE_RW);
    return l4_error(l4_factory_create_task(f, at, &utcb));
  }
  case KIND_THREAD: return l4_error(l4_factory_create_thread(f, at));
  case KIND_IPC_GATE: return l4_error(l4_factory_create_gate(f, at, L4_INVALID_CAP, (l4_umword_t)label));
  default: return l4_error(l4_factory_create_irq(f, at));
  }
}

static void op_create_object(struct agent *a, struct reader *r, struct reply *rep) {
  uint32_t task = rd_u32(r);
  uint16_t sel = rd_u16(r);
  uint8_t kind = rd_u8(r);
  (void)rd_u8(r);
  uint64_t label = rd_u64(r);
  struct agent_task_info ti;
  if (!request_layout(r, rep) || !allowed_on(a, task, rep) || !request_fits(r, rep))
    return;
  if (sel == 0 || sel > PROTO_LAST_SELECTOR || !memchr(creatable, kind, sizeof creatable)) {
    reply_error(rep, ST_BAD_RANGE, 0, "selector 0x%x kind %u", sel, kind);
    return;
  }
  if (!agent_task(a, task, &ti, rep))
    return;
  struct agent_runtime *rt = a->rt;
  if (l4_is_invalid_cap(rt->factory_cap) || l4_is_invalid_cap(rt->scratch_cap)) {
    reply_error(rep, ST_L4_ERROR, -L4_ENOSYS, "the agent holds no factory");
    return;
  }
  rt->enter(rt->ctx);
  /* Create in our own space, then grant it (with D) to the target slot. */
  if (!kernel_ok(create_at(rt, kind, label), rep, "factory create"))
    return;
  unsigned long id = l4_debugger_global_id(rt->scratch_cap);
  long e = l4_error(l4_task_map(ti.task_cap, L4_BASE_TASK_CAP,
                                l4_obj_fpage(rt->scratch_cap, 0, L4_CAP_FPAGE_RWSD),
                                KCAP(sel) | L4_ITEM_MAP | L4_MAP_ITEM_GRANT));
  if (!kernel_ok(e, rep, "l4_task_map")) {
    l4_task_delete_obj(L4_BASE_TASK_CAP, rt->scratch_cap);
    return;
  }
  rt->changed(rt->ctx, task);
  wr_u32(rep->w, id == ~0UL ? 0xFFFFFFFFu : (uint32_t)id);
  ack_generation(a, task, rep);
}

static void op_set_capmap_entry(struct agent *a, struct reader *r, struct reply *rep) {
  uint32_t task = rd_u32(r);
  struct agent_capmap_entry e;
  agent_read_capmap_entry(r, &e);
  struct agent_task_info ti;
  if (!request_layout(r, rep) || !allowed_on(a, task, rep) || !request_fits(r, rep))
    return;
  if (e.index > PROTO_LAST_CAPMAP_INDEX || e.raw_id == 0) {
    reply_error(rep, ST_BAD_RANGE, 0, "index 0x%x raw id 0x%x", e.index, e.raw_id);
    return;
  }
  if (!agent_task(a, task, &ti, rep))
    return;
  if (!rep->dry_run) {
    struct agent_result res = a->rt->set_capmap(a->rt->ctx, task, &e);
    if (res.status != ST_OK) {
      reply_error(rep, res.status, res.detail, "%s", res.message);
      return;
    }
  }
  ack_generation(a, task, rep);
}

static void op_clear_capmap_entry(struct agent *a, struct reader *r, struct reply *rep) {
  uint32_t task = rd_u32(r);
  uint16_t index = rd_u16(r);
  struct agent_task_info ti;
  if (!request_layout(r, rep) || !allowed_on(a, task, rep) || !request_fits(r, rep))
    return;
  if (index > PROTO_LAST_CAPMAP_INDEX) {
    reply_error(rep, ST_BAD_RANGE, 0, "index 0x%x", index);
    return;
  }
  if (!agent_task(a, task, &ti, rep))
    return;
  if (!rep->dry_run) {
    struct agent_result res = a->rt->clear_capmap(a->rt->ctx, task, index);
    if (res.status != ST_OK) {
      reply_error(rep, res.status, res.detail, "%s", res.message);
      return;
    }
  }
  ack_generation(a, task, rep);
}

static void op_close_session(struct agent *a, struct reader *r, struct reply *rep) {
  uint32_t task = rd_u32(r);
  uint16_t sel = rd_u16(r);
  struct agent_task_info ti;
  if (!request_layout(r, rep) || !allowed_on(a, task, rep) || !request_fits(r, rep))
    return;
  if (sel == 0 || sel > PROTO_LAST_CAPMAP_INDEX) {
    reply_error(rep, ST_BAD_RANGE, 0, "selector 0x%x outside 0x001..0xfff", sel);
    return;
  }
  if (!agent_task(a, task, &ti, rep))
    return;
  if (!a->rt->close_session) {
    reply_error(rep, ST_L4_ERROR, -L4_ENOSYS, "this target's runtime keeps no sessions to close");
    return;
  }
  if (!rep->dry_run) {
    struct agent_result res = a->rt->close_session(a->rt->ctx, task, sel);
    if (res.status != ST_OK) {
      reply_error(rep, res.status, res.detail, "%s", res.message);
      return;
    }
  }
  ack_generation(a, task, rep);
}

agent_op_fn agent_mutation_op(uint16_t opcode) {
  switch (opcode) {
  case OP_UNMAP: return op_unmap;
  case OP_MAP_COPY: return op_map_copy;
  case OP_CREATE_SESSION: return op_create_session;
  case OP_CREATE_OBJECT: return op_create_object;
  case OP_SET_CAPMAP_ENTRY: return op_set_capmap_entry;
  case OP_CLEAR_CAPMAP_ENTRY: return op_clear_capmap_entry;
  case OP_CLOSE_SESSION: return op_close_session;
  default: return NULL;
  }
}

bool agent_op_deferrable(uint16_t opcode) {
  return opcode == OP_UNMAP || opcode == OP_MAP_COPY || opcode == OP_SET_CAPMAP_ENTRY ||
         opcode == OP_CLEAR_CAPMAP_ENTRY || opcode == OP_CLOSE_SESSION;
}
