/* l4sim: the task (protection domain) calls of l4/sys/task.h, same names,
 * signatures and return conventions. `task` is a capability in the calling
 * (current) task's space naming a Task object. */
#pragma once
#include <l4/sys/compiler.h>
#include <l4/sys/ipc.h>
#include <l4/sys/types.h>

enum L4_task_ops {
  L4_TASK_MAP_OP = 0UL,
  L4_TASK_UNMAP_OP = 1UL,
  L4_TASK_CAP_INFO_OP = 2UL,
  L4_TASK_ADD_KU_MEM_OP = 3UL,
  L4_TASK_RELEASE_CAP_OP = 4UL,
};

L4_BEGIN_DECLS

/* Map (or, with L4_MAP_ITEM_GRANT in snd_base, move) the 2^order caps of
 * snd_fpage from src_task to dst_task at snd_base. Label 0 on success. */
l4_msgtag_t l4_task_map(l4_cap_idx_t dst_task, l4_cap_idx_t src_task, l4_fpage_t snd_fpage,
                        l4_umword_t snd_base) L4_NOTHROW;

/* Unmap caps of `fpage` from `task`; map_mask is L4_FP_OTHER_SPACES,
 * L4_FP_ALL_SPACES or L4_FP_DELETE_OBJ. */
l4_msgtag_t l4_task_unmap(l4_cap_idx_t task, l4_fpage_t fpage, l4_umword_t map_mask) L4_NOTHROW;

/* Unmap up to L4_UTCB_GENERIC_DATA_SIZE-2 flexpages in one call. */
l4_msgtag_t l4_task_unmap_batch(l4_cap_idx_t task, l4_fpage_t const *fpages, unsigned num_fpages,
                                l4_umword_t map_mask) L4_NOTHROW;

/* Delete the object behind `obj` (needs the D right on that slot; without it
 * only the slot itself is emptied). */
l4_msgtag_t l4_task_delete_obj(l4_cap_idx_t task, l4_cap_idx_t obj) L4_NOTHROW;

/* Empty one slot of `task` (unmap with L4_FP_ALL_SPACES). */
l4_msgtag_t l4_task_release_cap(l4_cap_idx_t task, l4_cap_idx_t cap) L4_NOTHROW;

/* Label 1 if `cap` names an object in `task`, 0 if not. */
l4_msgtag_t l4_task_cap_valid(l4_cap_idx_t task, l4_cap_idx_t cap) L4_NOTHROW;

/* Label 1 if both caps name the same object (Genode-patched kernel); on an
 * unpatched kernel if both slots hold the same interface with the same W and S
 * rights (a gate's creator slot differs from its copies) or both are empty.
 * Identical indices are always equal. See l4sim_config. */
l4_msgtag_t l4_task_cap_equal(l4_cap_idx_t task, l4_cap_idx_t cap_a, l4_cap_idx_t cap_b) L4_NOTHROW;

/* Memory for kernel-user shared data, by pointer (in/out) as in current
 * l4sys; accepted and ignored by l4sim. */
l4_msgtag_t l4_task_add_ku_mem(l4_cap_idx_t task, l4_fpage_t *ku_mem) L4_NOTHROW;

L4_END_DECLS

L4_INLINE l4_msgtag_t l4_task_map_u(l4_cap_idx_t dst_task, l4_cap_idx_t src_task, l4_fpage_t snd_fpage,
                                    l4_umword_t snd_base, l4_utcb_t *utcb) L4_NOTHROW {
  (void)utcb;
  return l4_task_map(dst_task, src_task, snd_fpage, snd_base);
}
L4_INLINE l4_msgtag_t l4_task_unmap_u(l4_cap_idx_t task, l4_fpage_t fpage, l4_umword_t map_mask,
                                      l4_utcb_t *utcb) L4_NOTHROW {
  (void)utcb;
  return l4_task_unmap(task, fpage, map_mask);
}
L4_INLINE l4_msgtag_t l4_task_cap_valid_u(l4_cap_idx_t task, l4_cap_idx_t cap,
                                          l4_utcb_t *utcb) L4_NOTHROW {
  (void)utcb;
  return l4_task_cap_valid(task, cap);
}
L4_INLINE l4_msgtag_t l4_task_cap_equal_u(l4_cap_idx_t task, l4_cap_idx_t cap_a, l4_cap_idx_t cap_b,
                                          l4_utcb_t *utcb) L4_NOTHROW {
  (void)utcb;
  return l4_task_cap_equal(task, cap_a, cap_b);
}
L4_INLINE l4_msgtag_t l4_task_delete_obj_u(l4_cap_idx_t task, l4_cap_idx_t obj,
                                           l4_utcb_t *utcb) L4_NOTHROW {
  (void)utcb;
  return l4_task_delete_obj(task, obj);
}
L4_INLINE l4_msgtag_t l4_task_release_cap_u(l4_cap_idx_t task, l4_cap_idx_t cap,
                                            l4_utcb_t *utcb) L4_NOTHROW {
  (void)utcb;
  return l4_task_release_cap(task, cap);
}
