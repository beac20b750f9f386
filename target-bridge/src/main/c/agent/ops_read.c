/* Read requests. The probing (VALIDITY, CAP_INFOS, valid counts) uses only
 * the L4 API on task caps the runtime gives us, so it is the same code on a
 * real Fiasco.OC kernel. */
#include <string.h>

#include <l4/sys/debugger.h>
#include <l4/sys/task.h>

#include "agent/agent.h"
#include "protocol/header.h"

#define KCAP(sel) ((l4_cap_idx_t)(sel) << L4_CAP_SHIFT)

bool agent_task(struct agent *a, uint32_t id, struct agent_task_info *out, struct reply *rep) {
  if (id == 0 || !a->rt->task_by_id(a->rt->ctx, id, out)) {
    reply_error(rep, ST_NO_SUCH_TASK, 0, "no task %u", id);
    return false;
  }
  return true;
}

static bool parse_range(struct reader *r, struct reply *rep, uint32_t *task, uint16_t *first,
                        uint16_t *last, unsigned max) {
  *task = rd_u32(r);
  *first = rd_u16(r);
  *last = rd_u16(r);
  if (!request_parsed(r, rep))
    return false;
  if (*first > *last || *last > max) {
    reply_error(rep, ST_BAD_RANGE, 0, "range %u..%u outside 0..%u", *first, *last, max);
    return false;
  }
  return true;
}

/* One l4_task_cap_valid per selector; -1 with status ST_L4_ERROR if the task cap
 * itself cannot be invoked. A task without a task cap in the agent's space is
 * answered from the runtime's kernel records. */
static int probe_valid(const struct agent_runtime *rt, const struct agent_task_info *ti, unsigned sel,
                       struct reply *rep) {
  if (l4_is_invalid_cap(ti->task_cap)) {
    int v = rt->mapped ? rt->mapped(rt->ctx, ti, sel) : -1;
    if (v < 0)
      reply_error(rep, ST_INTERNAL, 0, "no way to probe task %u", ti->id);
    return v;
  }
  l4_msgtag_t t = l4_task_cap_valid(ti->task_cap, KCAP(sel));
  long e = l4_error(t);
  if (e < 0) {
    reply_error(rep, ST_L4_ERROR, (int32_t)e, "l4_task_cap_valid failed");
    return -1;
  }
  return e == 1;
}

static int count_valid(struct agent *a, const struct agent_task_info *ti, struct reply *rep) {
  struct valid_cache *vc = &a->cache[ti->id % (sizeof a->cache / sizeof a->cache[0])];
  if (vc->task == ti->id && vc->gen == ti->generation)
    return vc->count;
  int n = 0;
  for (unsigned s = 0; s <= PROTO_LAST_SELECTOR; s++) {
    int v = probe_valid(a->rt, ti, s, rep);
    if (v < 0)
      return -1;
    n += v;
  }
  vc->task = ti->id;
  vc->gen = ti->generation;
  vc->count = (uint16_t)n;
  return n;
}

static void op_hello(struct agent *a, struct reader *r, struct reply *rep) {
  uint16_t client_version = rd_u16(r);
  char name[256];
  rd_str(r, name, sizeof name);
  if (r->too_long)
    r->too_long = false; /* the client's name is only informational */
  if (!request_parsed(r, rep))
    return;
  if (client_version == 0) {
    reply_error(rep, ST_BAD_VERSION, 0, "client speaks no protocol version");
    return;
  }
  struct agent_runtime *rt = a->rt;
  uint32_t flags = 0;
  if (rt->restore_allowed)
    flags |= HELLO_RESTORE_ALLOWED;
  if (rt->simulated)
    flags |= HELLO_SIMULATED;
  if (rt->obj_info)
    flags |= HELLO_OBJECT_KINDS;
  if (a->token[0])
    flags |= HELLO_TOKEN_REQUIRED;
  /* Ask the kernel how it compares: a copy with fewer rights than the
   * original is equal only under Genode's identity patch. */
  rt->enter(rt->ctx);
  if (!l4_is_invalid_cap(rt->scratch_cap) &&
      l4_error(l4_task_map(L4_BASE_TASK_CAP, L4_BASE_TASK_CAP,
                           l4_obj_fpage(L4_BASE_TASK_CAP, 0, L4_CAP_FPAGE_R),
                           rt->scratch_cap | L4_ITEM_MAP)) == 0) {
    if (l4_msgtag_label(l4_task_cap_equal(L4_BASE_TASK_CAP, L4_BASE_TASK_CAP, rt->scratch_cap)))
      flags |= HELLO_EQUAL_IDENTITY;
    l4_task_release_cap(L4_BASE_TASK_CAP, rt->scratch_cap);
  }
  wr_u16(rep->w, PROTO_VERSION);
  wr_u16(rep->w, PROTO_LAST_SELECTOR);
  wr_u32(rep->w, flags);
  wr_u32(rep->w, PROTO_MAX_RESPONSE_PAYLOAD);
  wr_u32(rep->w, PROTO_MAX_REQUEST_PAYLOAD);
  wr_u16(rep->w, PROTO_MAX_IN_FLIGHT);
  wr_u16(rep->w, (uint16_t)rt->task_count(rt->ctx));
  wr_str(rep->w, rt->kernel);
  wr_str(rep->w, rt->profile);
  wr_str(rep->w, rt->version);
}

static void op_tasks(struct agent *a, struct reader *r, struct reply *rep) {
  if (!request_parsed(r, rep))
    return;
  struct agent_runtime *rt = a->rt;
  unsigned n = rt->task_count(rt->ctx);
  rt->enter(rt->ctx);
  wr_u16(rep->w, (uint16_t)n);
  for (unsigned i = 0; i < n; i++) {
    struct agent_task_info ti;
    if (!rt->task_at(rt->ctx, i, &ti)) {
      reply_error(rep, ST_INTERNAL, 0, "task list changed");
      return;
    }
    int valid = count_valid(a, &ti, rep);
    if (valid < 0)
      return;
    wr_u32(rep->w, ti.id);
    wr_u32(rep->w, ti.parent_id);
    unsigned long kid = ~0UL;
    if (l4_is_invalid_cap(ti.task_cap))
      kid = ti.kernel_id;
    else if (!l4_is_invalid_cap(rt->debugger_cap))
      kid = l4_debugger_global_id(ti.task_cap);
    wr_u32(rep->w, kid == ~0UL ? 0xFFFFFFFFu : (uint32_t)kid);
    wr_u16(rep->w, ti.thread_count);
    wr_u16(rep->w, (uint16_t)valid);
    wr_u64(rep->w, ti.generation);
    wr_str(rep->w, ti.name);
  }
}

static void op_generation(struct agent *a, struct reader *r, struct reply *rep) {
  uint16_t count = rd_u16(r);
  if (count > PROTO_MAX_GENERATION_IDS) {
    reply_error(rep, ST_COUNT_LIMIT, 0, "count %u over %u", count, PROTO_MAX_GENERATION_IDS);
    return;
  }
  uint32_t ids[PROTO_MAX_GENERATION_IDS];
  for (unsigned i = 0; i < count; i++)
    ids[i] = rd_u32(r);
  if (!request_parsed(r, rep))
    return;
  struct agent_runtime *rt = a->rt;
  struct agent_task_info ti;
  if (count == 0) {
    unsigned n = rt->task_count(rt->ctx);
    wr_u16(rep->w, (uint16_t)n);
    for (unsigned i = 0; i < n; i++) {
      if (!rt->task_at(rt->ctx, i, &ti))
        memset(&ti, 0, sizeof ti);
      wr_u32(rep->w, ti.id);
      wr_u64(rep->w, ti.generation);
    }
    return;
  }
  wr_u16(rep->w, count);
  for (unsigned i = 0; i < count; i++) {
    if (!agent_task(a, ids[i], &ti, rep))
      return;
    wr_u32(rep->w, ti.id);
    wr_u64(rep->w, ti.generation);
  }
}

static void op_validity(struct agent *a, struct reader *r, struct reply *rep) {
  uint32_t task;
  uint16_t first, last;
  struct agent_task_info ti;
  if (!parse_range(r, rep, &task, &first, &last, PROTO_LAST_SELECTOR) || !agent_task(a, task, &ti, rep))
    return;
  a->rt->enter(a->rt->ctx);
  wr_u32(rep->w, task);
  wr_u64(rep->w, ti.generation);
  wr_u16(rep->w, first);
  wr_u16(rep->w, last);
  unsigned nbits = (unsigned)(last - first + 1);
  size_t off = wr_reserve(rep->w, (nbits + 7) / 8);
  if (rep->w->overflow)
    return;
  uint8_t *bits = rep->w->buf + off;
  struct valid_bits *vb = &a->last_validity;
  vb->task = 0;
  for (unsigned i = 0; i < nbits; i++) {
    int v = probe_valid(a->rt, &ti, first + i, rep);
    if (v < 0)
      return;
    if (v)
      bits[i / 8] |= (uint8_t)(1u << (i % 8));
  }
  memcpy(vb->bits, bits, (nbits + 7) / 8);
  vb->first = first;
  vb->last = last;
  vb->gen = ti.generation;
  vb->task = task;
}

/* Whether the last VALIDITY saw this task at this generation over first..last. */
static const struct valid_bits *known_validity(const struct agent *a, const struct agent_task_info *ti,
                                               unsigned first, unsigned last) {
  const struct valid_bits *vb = &a->last_validity;
  bool hit = vb->task != 0 && vb->task == ti->id && vb->gen == ti->generation && first >= vb->first &&
             last <= vb->last;
  return hit ? vb : NULL;
}

static void op_cap_infos(struct agent *a, struct reader *r, struct reply *rep) {
  uint32_t task;
  uint16_t first, last;
  struct agent_task_info ti;
  if (!parse_range(r, rep, &task, &first, &last, PROTO_LAST_SELECTOR) || !agent_task(a, task, &ti, rep))
    return;
  struct agent_runtime *rt = a->rt;
  rt->enter(rt->ctx);
  bool have_info = rt->obj_info != NULL;
  wr_u32(rep->w, task);
  wr_u64(rep->w, ti.generation);
  size_t count_off = wr_reserve(rep->w, 2);
  uint16_t count = 0;
  const struct valid_bits *vb = known_validity(a, &ti, first, last);
  for (unsigned s = first; s <= last; s++) {
    unsigned i = s - (vb ? vb->first : 0);
    int v = vb ? (vb->bits[i / 8] >> (i % 8)) & 1 : probe_valid(rt, &ti, s, rep);
    if (v < 0)
      return;
    if (!v)
      continue;
    struct agent_obj_info info = {0};
    bool known = have_info && rt->obj_info(rt->ctx, &ti, s, &info);
    uint8_t flags = 0;
    /* The debugger may know an object (id, holders) whose kind it cannot name. */
    if (known)
      flags = (info.kind != KIND_UNKNOWN ? CAPINFO_KIND_KNOWN : 0) |
              (info.mappings_unknown ? 0 : CAPINFO_MAPPINGS_KNOWN) |
              (info.kind == KIND_IPC_GATE && !info.label_unknown ? CAPINFO_LABEL_VALID : 0);
    /* One 24-byte record, written in place. */
    size_t at = wr_reserve(rep->w, PROTO_CAP_INFO_SIZE);
    if (rep->w->overflow)
      return;
    uint8_t *p = rep->w->buf + at;
    uint32_t obj = known ? (uint32_t)info.global_id : 0xFFFFFFFFu;
    uint64_t label = known ? (uint64_t)info.label : 0;
    uint32_t maps = known && !info.mappings_unknown ? (uint32_t)info.mappings : 0;
    p[0] = (uint8_t)s;
    p[1] = (uint8_t)(s >> 8);
    p[2] = known ? (uint8_t)info.kind : 0;
    p[3] = known ? (uint8_t)info.rights : 0xFF;
    for (int k = 0; k < 4; k++)
      p[4 + k] = (uint8_t)(obj >> (8 * k));
    for (int k = 0; k < 8; k++)
      p[8 + k] = (uint8_t)(label >> (8 * k));
    for (int k = 0; k < 4; k++)
      p[16 + k] = (uint8_t)(maps >> (8 * k));
    p[20] = flags;
    count++;
  }
  wr_put_u16_at(rep->w, count_off, count);
}

static void op_threads(struct agent *a, struct reader *r, struct reply *rep) {
  uint32_t task = rd_u32(r);
  struct agent_task_info ti;
  if (!request_parsed(r, rep) || !agent_task(a, task, &ti, rep))
    return;
  static struct agent_thread_info th[1024];
  unsigned n = a->rt->threads(a->rt->ctx, task, th, 1024);
  wr_u32(rep->w, task);
  wr_u64(rep->w, ti.generation);
  wr_u16(rep->w, (uint16_t)n);
  for (unsigned i = 0; i < n; i++) {
    wr_u16(rep->w, th[i].index);
    wr_u16(rep->w, th[i].first_sel);
    wr_u8(rep->w, th[i].slots);
    wr_u8(rep->w, th[i].state);
    wr_str(rep->w, th[i].name);
  }
}

/* Length of s, at most max (strnlen is not in every agent's libc). */
static size_t bounded_len(const char *s, size_t max) {
  size_t n = 0;
  while (n < max && s[n])
    n++;
  return n;
}

/* One entry in one reservation, its bytes stored in place: written field by field (a call and a
 * bounds check per field, each string measured twice) it was most of a CAP_MAP answer's time. */
void agent_write_capmap_entry(struct writer *w, const struct agent_capmap_entry *e) {
  const char *str[4] = {e->sem.iface, e->sem.label, e->sem.args, e->sem.server};
  const size_t cap[4] = {sizeof e->sem.iface, sizeof e->sem.label, sizeof e->sem.args,
                         sizeof e->sem.server};
  size_t len[4];
  bool wide = e->raw_id > 0xFFFFu;
  size_t n = 18 + (wide ? 2 : 0);
  for (int k = 0; k < 4; k++) {
    len[k] = bounded_len(str[k], cap[k] < PROTO_MAX_STRING ? cap[k] : PROTO_MAX_STRING);
    n += 2 + len[k];
  }
  size_t at = wr_reserve(w, n);
  if (w->overflow)
    return;
  uint8_t *p = w->buf + at;
  proto_put16(p, e->index);
  proto_put16(p + 2, (uint16_t)e->raw_id);
  p[4] = e->ref_cnt;
  p[5] = (uint8_t)(wide ? e->flags | CAPMAP_FLAG_ID_HIGH : e->flags & ~CAPMAP_FLAG_ID_HIGH);
  p += 6;
  if (wide) {
    proto_put16(p, (uint16_t)(e->raw_id >> 16));
    p += 2;
  }
  proto_put32(p, e->sem.server_task);
  proto_put32(p + 4, (uint32_t)e->sem.quota);
  proto_put32(p + 8, (uint32_t)(e->sem.quota >> 32));
  p += 12;
  for (int k = 0; k < 4; k++) {
    proto_put16(p, (uint16_t)len[k]);
    memcpy(p + 2, str[k], len[k]);
    p += 2 + len[k];
  }
}

static void op_cap_map(struct agent *a, struct reader *r, struct reply *rep) {
  uint32_t task;
  uint16_t first, last;
  struct agent_task_info ti;
  if (!parse_range(r, rep, &task, &first, &last, PROTO_LAST_CAPMAP_INDEX) ||
      !agent_task(a, task, &ti, rep))
    return;
  struct writer *w = rep->w;
  wr_u32(w, task);
  wr_u64(w, ti.generation);
  size_t count_off = wr_reserve(w, 2), next_off = wr_reserve(w, 2);
  uint16_t count = 0, next = 0xFFFF;
  for (unsigned i = first; i <= last; i++) {
    struct agent_capmap_entry e;
    if (!a->rt->capmap_get(a->rt->ctx, task, (uint16_t)i, &e))
      continue;
    size_t mark = w->len;
    agent_write_capmap_entry(w, &e);
    if (w->overflow) {
      /* Page full: the client asks again from here. */
      w->overflow = false;
      w->len = mark;
      next = (uint16_t)i;
      break;
    }
    count++;
  }
  wr_put_u16_at(w, count_off, count);
  wr_put_u16_at(w, next_off, next);
}

agent_op_fn agent_read_op(uint16_t opcode) {
  switch (opcode) {
  case OP_HELLO: return op_hello;
  case OP_TASKS: return op_tasks;
  case OP_GENERATION: return op_generation;
  case OP_VALIDITY: return op_validity;
  case OP_CAP_INFOS: return op_cap_infos;
  case OP_THREADS: return op_threads;
  case OP_CAP_MAP: return op_cap_map;
  case OP_AUTH: return agent_op_auth;
  case OP_LEASE_ACQUIRE: return agent_op_lease_acquire;
  case OP_LEASE_RELEASE: return agent_op_lease_release;
  default: return NULL;
  }
}
