/* l4sim: booting the kernel, switching tasks, and the UTCB error slot. */
#include <stdlib.h>
#include <l4sim/obj_info.h>

#include <l4/sys/ipc.h>
#include <l4sim/sim.h>

#include "kobj.h"

struct l4_utcb_t {
  l4_umword_t error; /* IPC error code of the last failed invocation */
};

static struct l4_utcb_t the_utcb;

l4_utcb_t *l4_utcb(void) { return &the_utcb; }

l4_umword_t l4_ipc_error(l4_msgtag_t tag, l4_utcb_t *utcb) {
  if (!l4_msgtag_has_error(tag) || !utcb)
    return 0;
  return utcb->error & L4_IPC_ERROR_MASK;
}

l4_msgtag_t l4sim_ipc_fail(unsigned ipc_error) {
  the_utcb.error = ipc_error;
  return l4_msgtag(0, 0, 0, L4_MSGTAG_ERROR);
}

/* The root task gets the kernel's default caps, as Fiasco sets them up. */
static int map_new(struct kobj *task, uint32_t sel, uint8_t kind) {
  struct kobj *o = kobj_new(kind);
  if (!o)
    return -1;
  kobj_pin(o);
  slot_put(task, sel, o, L4_CAP_FPAGE_RWSD, true);
  kobj_unpin(o);
  return 0;
}

uint32_t l4sim_boot(const struct l4sim_config *cfg) {
  l4sim_shutdown();
  l4sim_k.booted = true;
  l4sim_k.next_id = 1;
  l4sim_k.identity_equal = cfg ? cfg->cap_equal_identity : true;
  struct kobj *root = kobj_new(L4_KOBJ_TASK);
  if (!root)
    return 0;
  kobj_pin(root);
  slot_put(root, L4_BASE_TASK_CAP >> L4_CAP_SHIFT, root, L4_CAP_FPAGE_RWSD, true);
  int rc = map_new(root, L4_BASE_FACTORY_CAP >> L4_CAP_SHIFT, L4_KOBJ_FACTORY);
  rc |= map_new(root, L4_BASE_THREAD_CAP >> L4_CAP_SHIFT, L4_KOBJ_THREAD);
  rc |= map_new(root, L4_BASE_PAGER_CAP >> L4_CAP_SHIFT, L4_KOBJ_IPC_GATE);
  rc |= map_new(root, L4_BASE_LOG_CAP >> L4_CAP_SHIFT, L4_KOBJ_VLOG);
  rc |= map_new(root, L4_BASE_ICU_CAP >> L4_CAP_SHIFT, L4_KOBJ_ICU);
  rc |= map_new(root, L4_BASE_SCHEDULER_CAP >> L4_CAP_SHIFT, L4_KOBJ_SCHEDULER);
  rc |= map_new(root, L4_BASE_DEBUGGER_CAP >> L4_CAP_SHIFT, L4_KOBJ_JDB);
  kobj_unpin(root);
  if (rc) {
    l4sim_shutdown();
    return 0;
  }
  l4sim_k.current = root;
  return root->id;
}

void l4sim_shutdown(void) {
  while (l4sim_k.live_list)
    kobj_delete(l4sim_k.live_list);
  l4sim_k.booted = false;
  l4sim_k.current = NULL;
  l4sim_k.live = 0;
}

uint32_t l4sim_current_task(void) { return l4sim_k.current ? l4sim_k.current->id : 0; }

uint32_t l4sim_enter_task(uint32_t task_id) {
  struct kobj *t = find_task(task_id);
  if (!t)
    return 0;
  uint32_t prev = l4sim_current_task();
  l4sim_k.current = t;
  return prev ? prev : t->id;
}

uint32_t l4sim_task_id_of(l4_cap_idx_t task_cap) {
  struct kobj *o = lookup_obj(l4sim_k.current, task_cap, NULL);
  return o && o->kind == L4_KOBJ_TASK ? o->id : 0;
}

uint64_t l4sim_space_changes(uint32_t task_id) {
  struct kobj *t = find_task(task_id);
  return t && t->space ? t->space->changes : 0;
}

uint32_t l4sim_live_objects(void) { return l4sim_k.live; }

bool l4sim_cap_equal_identity(void) { return l4sim_k.identity_equal; }
