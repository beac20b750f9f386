/* l4sim internals: kernel objects, object spaces and the mapping database.
 * Every slot that names an object is one mapping; an object dies when it is
 * deleted through a slot with the D right or when its last mapping goes. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <l4/sys/debugger.h>
#include <l4/sys/types.h>
#include <l4sim/sim.h>

struct kobj;

/* One capability: the object, its rights (L4_CAP_FPAGE_W/S/D; R is implied
 * by the slot holding anything) and whether it is the object's control
 * interface. Fiasco stores, per slot, the interface pointer with W and S in
 * its low bits and D among the mapping's flags; the slot an object is created
 * at holds its full interface, and every map or grant passes it through a
 * "downgrade" that, for IPC gates (only), yields the plain gate interface. That is
 * why an unpatched l4_task_cap_equal tells a gate's creator slot from all its
 * copies, while copies with the same W and S compare equal. */
struct slot {
  struct kobj *obj;
  uint8_t rights;
  bool ctl;
};

/* Slots are allocated in pages on first use: most spaces are sparse. */
#define SPACE_PAGE_SLOTS 512u
#define SPACE_PAGES (L4SIM_SPACE_SLOTS / SPACE_PAGE_SLOTS)

struct space {
  struct slot *pages[SPACE_PAGES];
  uint64_t changes;
};

/* Where an object is mapped: the reverse map used for delete. */
struct mapping_ref {
  struct kobj *task;
  uint32_t sel;
};

struct kobj {
  uint32_t id;
  uint8_t kind; /* enum l4_debugger_kobj_kind */
  bool dying;
  uint64_t label;        /* Ipc_gate */
  uint32_t bound_thread; /* Ipc_gate: global id of the bound thread, 0 = unbound */
  struct space *space;   /* Task */
  struct mapping_ref *maps;
  uint32_t nmaps, capmaps;
  uint32_t pins; /* held by an operation in progress: not freed yet */
  struct kobj *next_live, *prev_live;
};

/* Kernel state; one per process. */
struct kernel {
  bool booted;
  bool identity_equal;
  uint32_t next_id;
  uint32_t live;
  struct kobj *live_list;
  struct kobj *current; /* current task */
  /* Live tasks by id (open addressing, linear probing; size a power of two):
   * entering a task is on every operation, and a scan of all objects there
   * made booting N components take N^2 time. */
  struct kobj **task_tab;
  uint32_t task_tab_size, task_count;
};

extern struct kernel l4sim_k;

struct kobj *kobj_new(uint8_t kind);
struct slot *space_slot_create(struct space *sp, uint32_t sel);

/* Lookups are the hot path of every walk: keep them inline. */
static inline struct slot *space_slot(struct space *sp, uint32_t sel, bool create) {
  if (!sp || sel >= L4SIM_SPACE_SLOTS)
    return NULL;
  struct slot *page = sp->pages[sel / SPACE_PAGE_SLOTS];
  if (page)
    return &page[sel % SPACE_PAGE_SLOTS];
  return create ? space_slot_create(sp, sel) : NULL;
}

/* Bits 10 and 11 of a cap index mark a special cap (invalid, or an
 * explicit reply), which names no slot. Selector 0 is an ordinary slot: only
 * user-level conventions (Genode, L4Re) keep it empty. */
#define L4SIM_SPECIAL_BITS 0xc00UL
static inline bool l4sim_special(l4_cap_idx_t cap) { return cap & L4SIM_SPECIAL_BITS; }

static inline struct slot *lookup_slot(struct kobj *task, l4_cap_idx_t cap) {
  if (!task || l4sim_special(cap))
    return NULL;
  l4_umword_t sel = cap >> L4_CAP_SHIFT;
  if (sel >= L4SIM_SPACE_SLOTS)
    return NULL;
  return space_slot(task->space, (uint32_t)sel, false);
}

static inline struct kobj *lookup_obj(struct kobj *task, l4_cap_idx_t cap, uint8_t *rights) {
  struct slot *s = lookup_slot(task, cap);
  if (!s || !s->obj)
    return NULL;
  if (rights)
    *rights = s->rights;
  return s->obj;
}

/* Put `obj` with `rights` into the empty slot `sel` of `task` (false if the
 * slot is occupied, 0 or past the space). `ctl`: the object's creator slot. */
bool slot_put(struct kobj *task, uint32_t sel, struct kobj *obj, uint8_t rights, bool ctl);
/* Empty slot `sel` of `task`; the object dies if this was its last mapping. */
void slot_clear(struct kobj *task, uint32_t sel);
/* The kernel's full unmap of one slot: with `del` and the D right in the
 * slot, the object is deleted (every slot naming it empties); otherwise the
 * slot empties and the object dies with its last mapping. Map, grant and
 * create do this to an occupied destination before they fill it. */
void slot_flush(struct kobj *task, uint32_t sel, bool del);
/* Delete `obj`: empty every slot naming it in every task, then free it. */
void kobj_delete(struct kobj *obj);
/* Keep an object allocated across an operation that may drop its last
 * mapping and put it back in the same operation. */
void kobj_pin(struct kobj *obj);
void kobj_unpin(struct kobj *obj);
struct kobj *find_task(uint32_t id);

/* Failure conventions of the real kernel. */
l4_msgtag_t l4sim_ipc_fail(unsigned ipc_error);
static inline l4_msgtag_t l4sim_result(long label) { return l4_msgtag(label, 0, 0, 0); }
