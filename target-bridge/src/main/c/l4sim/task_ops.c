/* l4sim: l4_task_* -- map, grant, unmap, delete, validity and equality of
 * object capabilities, with the semantics observed on Fiasco.OC. */
#include <stdlib.h>
#include <l4sim/obj_info.h>

#include <l4/sys/task.h>
#include <l4sim/sim.h>

#include "kobj.h"

/* Resolve the invoked task cap; an empty slot fails at the IPC level. */
static struct kobj *invoked_task(l4_cap_idx_t task, l4_msgtag_t *fail, uint8_t *rights) {
  uint8_t r = 0;
  struct kobj *t = lookup_obj(l4sim_k.current, task, &r);
  if (!t) {
    *fail = l4sim_ipc_fail(L4_IPC_ENOT_EXISTENT);
    return NULL;
  }
  if (t->kind != L4_KOBJ_TASK) {
    *fail = l4sim_result(-L4_EBADPROTO);
    return NULL;
  }
  if (rights)
    *rights = r;
  return t;
}

/* Object flexpages of order n cover 2^n slots aligned to 2^n. */
static int fpage_range(l4_fpage_t fp, uint32_t *first, uint32_t *count, uint64_t *align) {
  unsigned order = l4_fpage_size(fp);
  if (l4_fpage_type(fp) != L4_FPAGE_OBJ || order > 20)
    return -1;
  uint64_t n = 1ull << order;
  if (align)
    *align = n;
  uint64_t base = (uint64_t)l4_fpage_page(fp) & ~(n - 1);
  if (base >= L4SIM_SPACE_SLOTS) {
    *first = L4SIM_SPACE_SLOTS;
    *count = 0;
    return 0;
  }
  if (base + n > L4SIM_SPACE_SLOTS)
    n = L4SIM_SPACE_SLOTS - base;
  *first = (uint32_t)base;
  *count = (uint32_t)n;
  return 0;
}

/* Map or grant one slot, as Fiasco's map loop does per capability: an
 * empty source or rights without R map nothing; an occupied destination is
 * first unmapped fully (deleting its object if it held D), and a slot mapped
 * onto itself is only that unmap. The copy holds the source's rights masked
 * by the flexpage, never the creator's control interface. */
static void map_one(struct kobj *dst, uint32_t d, struct kobj *src, uint32_t s, unsigned rights,
                    bool grant) {
  struct slot *ss = space_slot(src->space, s, false);
  if (!ss || !ss->obj)
    return;
  uint8_t r = ss->rights & rights;
  if (!(r & L4_CAP_FPAGE_R))
    return;
  struct kobj *obj = ss->obj;
  kobj_pin(obj);
  struct slot *ds = dst->space ? space_slot(dst->space, d, false) : NULL;
  bool self = dst == src && d == s;
  if (ds && ds->obj)
    slot_flush(dst, d, true);
  if (!self && dst->space && slot_put(dst, d, obj, r, false) && grant && src->space) {
    ss = space_slot(src->space, s, false);
    if (ss && ss->obj == obj)
      slot_clear(src, s);
  }
  kobj_unpin(obj);
}

l4_msgtag_t l4_task_map(l4_cap_idx_t dst_task, l4_cap_idx_t src_task, l4_fpage_t snd_fpage,
                        l4_umword_t snd_base) {
  l4_msgtag_t fail;
  uint8_t dst_rights = 0, src_rights = 0;
  struct kobj *dst = invoked_task(dst_task, &fail, &dst_rights);
  if (!dst)
    return fail;
  /* The destination (invoked) task cap needs W; the source task cap only
   * has to name a task. */
  if (!(dst_rights & L4_CAP_FPAGE_W))
    return l4sim_result(-L4_EPERM);
  struct kobj *src = lookup_obj(l4sim_k.current, src_task, &src_rights);
  if (!src || src->kind != L4_KOBJ_TASK)
    return l4sim_result(-L4_EINVAL);
  if (!(snd_base & L4_ITEM_MAP))
    return l4sim_result(-L4_EINVAL);
  uint32_t first, count;
  uint64_t align;
  if (fpage_range(snd_fpage, &first, &count, &align) != 0)
    return l4sim_result(-L4_EINVAL);
  /* S passes only if both task caps hold S; R, W and D always pass. */
  unsigned rights = l4_fpage_rights(snd_fpage);
  if (!(src_rights & dst_rights & L4_CAP_FPAGE_S))
    rights &= ~(unsigned)L4_CAP_FPAGE_S;
  bool grant = snd_base & L4_MAP_ITEM_GRANT;
  uint64_t to = ((uint64_t)(snd_base >> L4_CAP_SHIFT)) & ~(align - 1);
  kobj_pin(dst);
  kobj_pin(src);
  /* One slot after the other, like the kernel: overlapping ranges see the
   * effect of earlier slots. */
  for (uint32_t i = 0; i < count && to + i < L4SIM_SPACE_SLOTS; i++)
    map_one(dst, (uint32_t)(to + i), src, first + i, rights, grant);
  kobj_unpin(src);
  kobj_unpin(dst);
  return l4sim_result(L4_EOK);
}

/* Unmap one slot: with R in the flexpage the slot goes (a full flush: with
 * L4_FP_DELETE_OBJ and D in the slot the object is deleted); without R only
 * the given W, S and D rights are taken away. */
static void unmap_slot(struct kobj *task, uint32_t sel, unsigned rights, l4_umword_t mask) {
  struct slot *s = space_slot(task->space, sel, false);
  if (!s || !s->obj)
    return;
  const unsigned wsd = L4_CAP_FPAGE_W | L4_CAP_FPAGE_S | L4_CAP_FPAGE_D;
  if (rights & L4_CAP_FPAGE_R) {
    slot_flush(task, sel, (mask & L4_FP_DELETE_OBJ) == L4_FP_DELETE_OBJ);
  } else if (s->rights & rights & wsd) {
    s->rights &= (uint8_t) ~(rights & wsd);
    task->space->changes++;
  }
}

l4_msgtag_t l4_task_unmap(l4_cap_idx_t task, l4_fpage_t fpage, l4_umword_t map_mask) {
  l4_msgtag_t fail;
  struct kobj *t = invoked_task(task, &fail, NULL);
  if (!t)
    return fail;
  uint32_t first, count;
  if (fpage_range(fpage, &first, &count, NULL) != 0)
    return l4sim_result(-L4_EINVAL);
  /* Object caps have no mapping hierarchy: "other spaces" holds nothing. */
  if (!(map_mask & L4_FP_ALL_SPACES))
    return l4sim_result(L4_EOK);
  unsigned rights = l4_fpage_rights(fpage);
  kobj_pin(t);
  for (uint32_t i = 0; i < count && t->space; i++)
    unmap_slot(t, first + i, rights, map_mask);
  kobj_unpin(t);
  return l4sim_result(L4_EOK);
}

l4_msgtag_t l4_task_unmap_batch(l4_cap_idx_t task, l4_fpage_t const *fpages, unsigned num_fpages,
                                l4_umword_t map_mask) {
  l4_msgtag_t tag = l4sim_result(L4_EOK);
  for (unsigned i = 0; i < num_fpages; i++) {
    tag = l4_task_unmap(task, fpages[i], map_mask);
    if (l4_error(tag) < 0)
      break;
  }
  return tag;
}

l4_msgtag_t l4_task_delete_obj(l4_cap_idx_t task, l4_cap_idx_t obj) {
  return l4_task_unmap(task, l4_obj_fpage(obj, 0, L4_CAP_FPAGE_RWSD), L4_FP_DELETE_OBJ);
}

l4_msgtag_t l4_task_release_cap(l4_cap_idx_t task, l4_cap_idx_t cap) {
  return l4_task_unmap(task, l4_obj_fpage(cap, 0, L4_CAP_FPAGE_RWSD), L4_FP_ALL_SPACES);
}

l4_msgtag_t l4_task_cap_valid(l4_cap_idx_t task, l4_cap_idx_t cap) {
  l4_msgtag_t fail;
  struct kobj *t = invoked_task(task, &fail, NULL);
  if (!t)
    return fail;
  return l4sim_result(lookup_obj(t, cap, NULL) ? 1 : 0);
}

l4_msgtag_t l4_task_cap_equal(l4_cap_idx_t task, l4_cap_idx_t cap_a, l4_cap_idx_t cap_b) {
  l4_msgtag_t fail;
  struct kobj *t = invoked_task(task, &fail, NULL);
  if (!t)
    return fail;
  /* Identical indices are equal before anything is looked up. */
  if (cap_a == cap_b)
    return l4sim_result(1);
  /* A special index compares by its special bits and above. */
  if (l4sim_special(cap_a) || l4sim_special(cap_b))
    return l4sim_result((cap_a & ~0x3ffUL) == (cap_b & ~0x3ffUL));
  struct slot *a = lookup_slot(t, cap_a), *b = lookup_slot(t, cap_b);
  struct kobj *oa = a ? a->obj : NULL, *ob = b ? b->obj : NULL;
  if (l4sim_k.identity_equal) /* Genode's patch: the same object, both slots valid */
    return l4sim_result(oa && oa == ob);
  /* Unpatched: the two capabilities compare as stored -- interface and the
   * W and S rights (D is kept elsewhere); two empty slots are equal. */
  if (!oa || !ob)
    return l4sim_result(oa == ob);
  const uint8_t ws = L4_CAP_FPAGE_W | L4_CAP_FPAGE_S;
  return l4sim_result(oa == ob && a->ctl == b->ctl && (a->rights & ws) == (b->rights & ws));
}

l4_msgtag_t l4_task_add_ku_mem(l4_cap_idx_t task, l4_fpage_t *ku_mem) {
  (void)ku_mem;
  l4_msgtag_t fail;
  if (!invoked_task(task, &fail, NULL))
    return fail;
  return l4sim_result(L4_EOK);
}
