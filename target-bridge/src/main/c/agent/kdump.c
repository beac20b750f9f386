/* Parsing the kernel debugger's object dump (see kdump.h). Record layout, all
 * little-endian, 64 bytes:
 *   0  u64  type (low 5 bits) | debug id << 5
 *   8  u64  kernel address of the object (object records only; 0 in slot
 *           records, because the kernel leaves that word alone there and the
 *           runtime zeroes the buffer before each call)
 *   16 u64  reference count (object records)
 *   24      40 bytes by type: slot record (type 0): 24 mapping address,
 *           32 holder name[16], 48 u32 cap index, 52 u16 rights|flags,
 *           54 u16 flags, 56 object address; Space (2): 24 bool kernel;
 *           Ipc_gate (4): 24 u64 label, 32 u64 bound thread id.
 * In a slot record the debug-id field names the holding space. */
#include "agent/kdump.h"

#include <stdlib.h>
#include <string.h>

#include "protocol/proto.h"

enum jdb_type {
  JT_MAPPING = 0,
  JT_THREAD = 1,
  JT_SPACE = 2,
  JT_VM = 3,
  JT_IPC_GATE = 4,
  JT_IRQ_SENDER = 5,
  JT_IRQ_SEMAPHORE = 6,
  JT_FACTORY = 7,
  JT_JDB = 8,
  JT_SCHEDULER = 9,
  JT_VLOG = 10,
  JT_PFC = 11,
  JT_DMAR_SPACE = 12,
  JT_IOMMU = 13,
  JT_SMMU = 14,
};

/* JDB record type -> wire kind (docs/protocol.md CAP_INFOS). */
static uint8_t wire_kind(unsigned type) {
  switch (type) {
  case JT_THREAD: return KIND_THREAD;
  case JT_SPACE: return KIND_TASK;
  case JT_VM: return KIND_VM;
  case JT_IPC_GATE: return KIND_IPC_GATE;
  case JT_IRQ_SENDER: return KIND_IRQ_SENDER;
  case JT_IRQ_SEMAPHORE: return KIND_IRQ_SEMAPHORE;
  case JT_FACTORY: return KIND_FACTORY;
  case JT_JDB: return KIND_JDB;
  case JT_SCHEDULER: return KIND_SCHEDULER;
  case JT_VLOG: return KIND_VLOG;
  case JT_PFC: return KIND_ICU; /* the kernel's "Icu/Pfc" */
  case JT_DMAR_SPACE: return KIND_DMA_SPACE;
  case JT_IOMMU:
  case JT_SMMU: return KIND_IOMMU;
  default: return KIND_UNKNOWN;
  }
}

static uint64_t le64(const uint8_t *p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; i--)
    v = v << 8 | p[i];
  return v;
}

static uint32_t le32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

void kdump_init(struct kdump *d) { memset(d, 0, sizeof *d); }

void kdump_free(struct kdump *d) {
  free(d->objs);
  free(d->maps);
  free(d->spaces);
  kdump_init(d);
}

void kdump_reset(struct kdump *d) {
  d->nobjs = d->nmaps = d->nspaces = d->records = 0;
  d->bad = false;
}

/* Room for one more element of an array that grows by doubling. */
static bool grow(void **arr, size_t *cap, size_t n, size_t size) {
  if (n < *cap)
    return true;
  size_t nc = *cap ? *cap * 2 : 256;
  void *p = realloc(*arr, nc * size);
  if (!p)
    return false;
  *arr = p;
  *cap = nc;
  return true;
}

static void add_object(struct kdump *d, const uint8_t *r, unsigned type, uint64_t id) {
  if (!grow((void **)&d->objs, &d->cap_objs, d->nobjs, sizeof *d->objs)) {
    d->bad = true;
    return;
  }
  struct kdump_obj *o = &d->objs[d->nobjs++];
  memset(o, 0, sizeof *o);
  o->id = id;
  o->kind = wire_kind(type);
  if (type == JT_IPC_GATE)
    o->label = le64(r + 24);
  if (type == JT_SPACE)
    o->kernel = r[24] != 0;
}

static void add_slot(struct kdump *d, const uint8_t *r, uint64_t holder) {
  if (d->nobjs == 0 || !grow((void **)&d->maps, &d->cap_maps, d->nmaps, sizeof *d->maps)) {
    d->bad = true;
    return;
  }
  struct kdump_map *m = &d->maps[d->nmaps++];
  m->holder = holder;
  m->sel = le32(r + 48);
  m->obj = (uint32_t)(d->nobjs - 1);
  m->rights = r[52] & 0xF;
  d->objs[d->nobjs - 1].mappings++;
  /* The holder's name travels with each of its slots; keep it once. */
  struct kdump_space *s = NULL;
  for (size_t i = d->nspaces; i-- > 0 && !s;)
    if (d->spaces[i].id == holder)
      s = &d->spaces[i];
  if (!s) {
    if (!grow((void **)&d->spaces, &d->cap_spaces, d->nspaces, sizeof *d->spaces)) {
      d->bad = true;
      return;
    }
    s = &d->spaces[d->nspaces++];
    memset(s, 0, sizeof *s);
    s->id = holder;
    memcpy(s->name, r + 32, KDUMP_NAME_MAX);
  }
}

void kdump_feed(struct kdump *d, const uint8_t *records, size_t count) {
  for (size_t i = 0; i < count; i++) {
    const uint8_t *r = records + i * KDUMP_RECORD_SIZE;
    uint64_t w0 = le64(r);
    unsigned type = (unsigned)(w0 & 0x1F);
    uint64_t id = w0 >> 5;
    if (type == JT_MAPPING && le64(r + 8) == 0)
      add_slot(d, r, id);
    else
      add_object(d, r, type, id);
    d->records++;
  }
}

static int by_holder_sel(const void *a, const void *b) {
  const struct kdump_map *x = a, *y = b;
  if (x->holder != y->holder)
    return x->holder < y->holder ? -1 : 1;
  return x->sel < y->sel ? -1 : x->sel > y->sel;
}

static int by_id(const void *a, const void *b) {
  const struct kdump_space *x = a, *y = b;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* The object record of a space, or NULL if the dump has none. */
static const struct kdump_obj *space_object(const struct kdump *d, uint64_t id) {
  for (size_t i = 0; i < d->nobjs; i++)
    if (d->objs[i].id == id && d->objs[i].kind == KIND_TASK)
      return &d->objs[i];
  return NULL;
}

bool kdump_finish(struct kdump *d) {
  if (d->bad)
    return false;
  qsort(d->maps, d->nmaps, sizeof *d->maps, by_holder_sel);
  /* Keep holders that are tasks (not the kernel's, not VMs or DMA spaces). */
  size_t kept = 0;
  for (size_t i = 0; i < d->nspaces; i++) {
    const struct kdump_obj *o = space_object(d, d->spaces[i].id);
    if (o && !o->kernel)
      d->spaces[kept++] = d->spaces[i];
  }
  d->nspaces = kept;
  qsort(d->spaces, d->nspaces, sizeof *d->spaces, by_id);
  size_t m = 0;
  for (size_t i = 0; i < d->nspaces; i++) {
    struct kdump_space *s = &d->spaces[i];
    while (m < d->nmaps && d->maps[m].holder < s->id)
      m++;
    s->first_map = (uint32_t)m;
    while (m < d->nmaps && d->maps[m].holder == s->id)
      m++;
    s->nmaps = (uint32_t)(m - s->first_map);
  }
  return true;
}

const struct kdump_space *kdump_space(const struct kdump *d, uint64_t id) {
  size_t lo = 0, hi = d->nspaces;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (d->spaces[mid].id == id)
      return &d->spaces[mid];
    if (d->spaces[mid].id < id)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

const struct kdump_map *kdump_slot(const struct kdump *d, uint64_t holder, unsigned sel) {
  const struct kdump_space *s = kdump_space(d, holder);
  if (!s)
    return NULL;
  size_t lo = s->first_map, hi = (size_t)s->first_map + s->nmaps;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (d->maps[mid].sel == sel)
      return &d->maps[mid];
    if (d->maps[mid].sel < sel)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

/* FNV-1a over the bytes of v. */
static uint32_t mix(uint32_t h, uint64_t v) {
  for (int i = 0; i < 8; i++) {
    h ^= (uint8_t)(v >> (8 * i));
    h *= 16777619u;
  }
  return h;
}

uint32_t kdump_space_crc(const struct kdump *d, uint64_t holder, unsigned last) {
  uint32_t h = 2166136261u;
  const struct kdump_space *s = kdump_space(d, holder);
  if (!s)
    return h;
  for (uint32_t i = s->first_map; i < s->first_map + s->nmaps && d->maps[i].sel <= last; i++) {
    const struct kdump_map *m = &d->maps[i];
    h = mix(h, m->sel);
    h = mix(h, d->objs[m->obj].id);
    h = mix(h, m->rights);
  }
  return h;
}
