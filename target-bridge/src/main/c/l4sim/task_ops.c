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

struct pending_map {
  struct kobj *obj;
  uint8_t rights;
};

l4_msgtag_t l4_task_map(l4_cap_idx_t dst_task, l4_cap_idx_t src_task, l4_fpage_t snd_fpage,
                        l4_umword_t snd_base) {
  l4_msgtag_t fail;
  uint8_t dst_rights = 0, src_rights = 0;
  struct kobj *dst = invoked_task(dst_task, &fail, &dst_rights);
  if (!dst)
    return fail;
  struct kobj *src = lookup_obj(l4sim_k.current, src_task, &src_rights);
  if (!src || src->kind != L4_KOBJ_TASK)
    return l4sim_result(-L4_EINVAL);
  /* Mapping into or out of a task needs write permission on its cap. */
  if (!(dst_rights & L4_CAP_FPAGE_W) || !(src_rights & L4_CAP_FPAGE_W))
    return l4sim_result(-L4_EPERM);
  if (!(snd_base & L4_ITEM_MAP))
    return l4sim_result(-L4_EINVAL);
  uint32_t first, count;
  uint64_t align;
  if (fpage_range(snd_fpage, &first, &count, &align) != 0)
    return l4sim_result(-L4_EINVAL);
  unsigned fp_rights = l4_fpage_rights(snd_fpage);
  bool grant = snd_base & L4_MAP_ITEM_GRANT;
  uint64_t to = ((uint64_t)(snd_base >> L4_CAP_SHIFT)) & ~(align - 1);
  if (count == 0)
    return l4sim_result(L4_EOK);

  /* Read all sources first: source and destination ranges may overlap. */
  struct pending_map *pm = calloc(count, sizeof *pm);
  if (!pm)
    return l4sim_result(-L4_ENOMEM);
  kobj_pin(dst);
  kobj_pin(src);
  for (uint32_t i = 0; i < count; i++) {
    struct slot *s = space_slot(src->space, first + i, false);
    if (!s || !s->obj || first + i == 0)
      continue; /* an empty source maps nothing, successfully */
    uint8_t r = s->rights & fp_rights;
    if (!r)
      continue;
    pm[i].obj = s->obj;
    pm[i].rights = r;
    kobj_pin(s->obj);
  }
  for (uint32_t i = 0; i < count; i++) {
    if (!pm[i].obj)
      continue;
    uint64_t d = to + i;
    bool same_slot = dst == src && d == first + i;
    bool placed = d != 0 && d < L4SIM_SPACE_SLOTS && dst->space && !same_slot;
    if (placed)
      slot_install(dst, (uint32_t)d, pm[i].obj, pm[i].rights);
    /* Grant moves: the source slot is emptied once the target holds it. */
    if (grant && placed && src->space) {
      struct slot *s = space_slot(src->space, first + i, false);
      if (s && s->obj == pm[i].obj)
        slot_clear(src, first + i);
    }
  }
  for (uint32_t i = 0; i < count; i++)
    if (pm[i].obj)
      kobj_unpin(pm[i].obj);
  free(pm);
  kobj_unpin(src);
  kobj_unpin(dst);
  return l4sim_result(L4_EOK);
}

/* Remove or reduce one slot. Unmapping the R right removes the mapping,
 * other rights are only taken away. */
static void unmap_slot(struct kobj *task, uint32_t sel, unsigned rights, l4_umword_t mask) {
  struct slot *s = space_slot(task->space, sel, false);
  if (!s || !s->obj)
    return;
  if ((mask & L4_FP_DELETE_OBJ) == L4_FP_DELETE_OBJ && (s->rights & L4_CAP_FPAGE_D)) {
    kobj_delete(s->obj);
    return;
  }
  if (rights & L4_CAP_FPAGE_R) {
    slot_clear(task, sel);
  } else if (s->rights & rights) {
    s->rights &= (uint8_t)~rights;
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
    if (first + i != 0)
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
  uint8_t ra = 0, rb = 0;
  struct kobj *a = lookup_obj(t, cap_a, &ra);
  struct kobj *b = lookup_obj(t, cap_b, &rb);
  if (a != b)
    return l4sim_result(0);
  /* Unpatched kernels compare the rights of the two mappings as well. */
  if (!l4sim_k.identity_equal && a && ra != rb)
    return l4sim_result(0);
  return l4sim_result(1);
}

l4_msgtag_t l4_task_add_ku_mem(l4_cap_idx_t task, l4_fpage_t *ku_mem) {
  (void)ku_mem;
  l4_msgtag_t fail;
  if (!invoked_task(task, &fail, NULL))
    return fail;
  return l4sim_result(L4_EOK);
}
