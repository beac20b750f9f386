#include "tests/target_view.h"

#include <string.h>

#include "tests/client.h"

static int call(int fd, uint16_t op, struct writer *w, struct resp *r) {
  int rc = cl_call(fd, op, w, r);
  wr_free(w);
  return rc;
}

int tv_hello(int fd, struct tv_hello *h) {
  struct writer w;
  struct resp r;
  wr_init(&w, 1024);
  wr_u16(&w, 1);
  wr_str(&w, "capscope native tests");
  if (call(fd, OP_HELLO, &w, &r))
    return -1;
  struct reader rd;
  rd_init(&rd, r.payload, r.len);
  memset(h, 0, sizeof *h);
  if (r.status == 0) {
    h->version = rd_u16(&rd);
    h->last_sel = rd_u16(&rd);
    h->flags = rd_u32(&rd);
    h->max_resp = rd_u32(&rd);
    h->max_req = rd_u32(&rd);
    h->in_flight = rd_u16(&rd);
    h->ntasks = rd_u16(&rd);
    rd_str(&rd, h->kernel, sizeof h->kernel);
    rd_str(&rd, h->profile, sizeof h->profile);
    rd_str(&rd, h->agent, sizeof h->agent);
  }
  int st = r.status ? r.status : rd_done(&rd) ? 0 : -1;
  resp_free(&r);
  return st;
}

int tv_tasks(int fd, struct tv_task *out, int max, int *n) {
  struct resp r;
  if (cl_call(fd, OP_TASKS, NULL, &r))
    return -1;
  struct reader rd;
  rd_init(&rd, r.payload, r.len);
  *n = 0;
  if (r.status == 0) {
    int count = rd_u16(&rd);
    for (int i = 0; i < count && i < max; i++) {
      struct tv_task *t = &out[i];
      t->id = rd_u32(&rd);
      t->parent = rd_u32(&rd);
      t->kid = rd_u32(&rd);
      t->threads = rd_u16(&rd);
      t->valid = rd_u16(&rd);
      t->gen = rd_u64(&rd);
      rd_str(&rd, t->name, sizeof t->name);
      (*n)++;
    }
  }
  int st = r.status ? r.status : rd_done(&rd) ? 0 : -1;
  resp_free(&r);
  return st;
}

static void range_req(struct writer *w, uint32_t task, uint16_t first, uint16_t last) {
  wr_init(w, 64);
  wr_u32(w, task);
  wr_u16(w, first);
  wr_u16(w, last);
}

int tv_validity(int fd, uint32_t task, uint16_t first, uint16_t last, uint8_t *bits, uint64_t *gen) {
  struct writer w;
  struct resp r;
  range_req(&w, task, first, last);
  if (call(fd, OP_VALIDITY, &w, &r))
    return -1;
  int st = r.status;
  if (st == 0) {
    struct reader rd;
    rd_init(&rd, r.payload, r.len);
    if (rd_u32(&rd) != task)
      st = -1;
    *gen = rd_u64(&rd);
    if (rd_u16(&rd) != first || rd_u16(&rd) != last)
      st = -1;
    size_t nbytes = ((size_t)(last - first) + 8) / 8;
    if (rd.err || r.len - rd.off != nbytes)
      st = -1;
    else
      memcpy(bits, r.payload + rd.off, nbytes);
  }
  resp_free(&r);
  return st;
}

int tv_cap_infos(int fd, uint32_t task, uint16_t first, uint16_t last, struct tv_capinfo *out, int *n,
                 uint64_t *gen) {
  struct writer w;
  struct resp r;
  range_req(&w, task, first, last);
  if (call(fd, OP_CAP_INFOS, &w, &r))
    return -1;
  int st = r.status;
  *n = 0;
  if (st == 0) {
    struct reader rd;
    rd_init(&rd, r.payload, r.len);
    rd_u32(&rd);
    *gen = rd_u64(&rd);
    int count = rd_u16(&rd);
    for (int i = 0; i < count; i++) {
      struct tv_capinfo *c = &out[i];
      c->sel = rd_u16(&rd);
      c->kind = rd_u8(&rd);
      c->rights = rd_u8(&rd);
      c->obj = rd_u32(&rd);
      c->label = rd_u64(&rd);
      c->maps = rd_u32(&rd);
      c->flags = rd_u8(&rd);
      rd_u8(&rd);
      rd_u16(&rd);
    }
    *n = count;
    if (!rd_done(&rd))
      st = -1;
  }
  resp_free(&r);
  return st;
}

int tv_threads(int fd, uint32_t task, struct tv_thread *out, int max, int *n) {
  struct writer w;
  struct resp r;
  wr_init(&w, 16);
  wr_u32(&w, task);
  if (call(fd, OP_THREADS, &w, &r))
    return -1;
  int st = r.status;
  *n = 0;
  if (st == 0) {
    struct reader rd;
    rd_init(&rd, r.payload, r.len);
    rd_u32(&rd);
    rd_u64(&rd);
    int count = rd_u16(&rd);
    for (int i = 0; i < count && i < max; i++) {
      out[i].index = rd_u16(&rd);
      out[i].first = rd_u16(&rd);
      out[i].slots = rd_u8(&rd);
      out[i].state = rd_u8(&rd);
      rd_str(&rd, out[i].name, sizeof out[i].name);
      (*n)++;
    }
    if (!rd_done(&rd))
      st = -1;
  }
  resp_free(&r);
  return st;
}

int tv_cap_map(int fd, uint32_t task, struct agent_capmap_entry *out, int max, int *n) {
  *n = 0;
  uint16_t from = 0;
  for (;;) {
    struct writer w;
    struct resp r;
    range_req(&w, task, from, 4095);
    if (call(fd, OP_CAP_MAP, &w, &r))
      return -1;
    if (r.status) {
      int st = r.status;
      resp_free(&r);
      return st;
    }
    struct reader rd;
    rd_init(&rd, r.payload, r.len);
    rd_u32(&rd);
    rd_u64(&rd);
    int count = rd_u16(&rd);
    uint16_t next = rd_u16(&rd);
    for (int i = 0; i < count; i++) {
      struct agent_capmap_entry e;
      memset(&e, 0, sizeof e);
      e.index = rd_u16(&rd);
      e.raw_id = rd_u16(&rd);
      e.ref_cnt = rd_u8(&rd);
      e.flags = rd_u8(&rd);
      if (e.flags & CAPMAP_FLAG_ID_HIGH)
        e.raw_id |= (uint32_t)rd_u16(&rd) << 16;
      e.sem.server_task = rd_u32(&rd);
      e.sem.quota = rd_u64(&rd);
      rd_str(&rd, e.sem.iface, sizeof e.sem.iface);
      rd_str(&rd, e.sem.label, sizeof e.sem.label);
      rd_str(&rd, e.sem.args, sizeof e.sem.args);
      rd_str(&rd, e.sem.server, sizeof e.sem.server);
      if (*n < max)
        out[(*n)++] = e;
    }
    bool ok = rd_done(&rd);
    resp_free(&r);
    if (!ok)
      return -1;
    if (next == 0xFFFF)
      return 0;
    if (next <= from)
      return -1;
    from = next;
  }
}

/* An answer that is just a u64 generation (GENERATION of one task, LEASE_ACQUIRE, mutations). */
static int gen_answer(struct resp *r, size_t skip, uint64_t *gen) {
  int st = r->status;
  if (st == 0) {
    struct reader rd;
    rd_init(&rd, r->payload, r->len);
    for (size_t i = 0; i < skip; i++)
      rd_u8(&rd);
    *gen = rd_u64(&rd);
    if (!rd_done(&rd))
      st = -1;
  }
  resp_free(r);
  return st;
}

int tv_generation(int fd, uint32_t task, uint64_t *gen) {
  struct writer w;
  struct resp r;
  wr_init(&w, 16);
  wr_u16(&w, 1);
  wr_u32(&w, task);
  if (call(fd, OP_GENERATION, &w, &r))
    return -1;
  return gen_answer(&r, 2 + 4, gen); /* count, task id */
}

int tv_lease_acquire(int fd, uint32_t task, uint64_t gen, uint32_t timeout_ms, uint64_t *confirmed) {
  struct writer w;
  struct resp r;
  wr_init(&w, 32);
  wr_u32(&w, task);
  wr_u64(&w, gen);
  wr_u32(&w, timeout_ms);
  if (call(fd, OP_LEASE_ACQUIRE, &w, &r))
    return -1;
  return gen_answer(&r, 0, confirmed);
}

int tv_lease_release(int fd) {
  struct resp r;
  if (cl_call(fd, OP_LEASE_RELEASE, NULL, &r))
    return -1;
  int st = r.status ? r.status : r.len == 0 ? 0 : -1;
  resp_free(&r);
  return st;
}

int tv_lease_current(int fd, uint32_t task, uint32_t timeout_ms) {
  uint64_t gen, confirmed;
  int st = tv_generation(fd, task, &gen);
  return st ? st : tv_lease_acquire(fd, task, gen, timeout_ms, &confirmed);
}

int tv_close_session(int fd, uint32_t task, uint16_t sel, uint64_t *gen) {
  struct writer w;
  struct resp r;
  wr_init(&w, 16);
  wr_u32(&w, task);
  wr_u16(&w, sel);
  if (call(fd, OP_CLOSE_SESSION, &w, &r))
    return -1;
  return gen_answer(&r, 0, gen);
}

int tv_unmap(int fd, uint32_t task, uint16_t sel, uint64_t *gen) {
  struct writer w;
  struct resp r;
  wr_init(&w, 16);
  wr_u32(&w, task);
  wr_u16(&w, sel);
  wr_u8(&w, 0);
  wr_u8(&w, 0);
  if (call(fd, OP_UNMAP, &w, &r))
    return -1;
  return gen_answer(&r, 0, gen);
}
