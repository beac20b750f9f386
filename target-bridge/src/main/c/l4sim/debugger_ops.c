/* l4sim: kernel-debugger object queries. */
#include <l4/sys/debugger.h>
#include <l4sim/obj_info.h>
#include <l4sim/sim.h>

#include "kobj.h"

/* Like l4sys, the query goes to the kernel debugger through the caller's
 * L4_BASE_DEBUGGER_CAP, the object named by a map item of `cap`: without a
 * debugger cap there, or with an empty `cap`, there is no id. */
unsigned long l4_debugger_global_id(l4_cap_idx_t cap) {
  struct kobj *d = lookup_obj(l4sim_k.current, L4_BASE_DEBUGGER_CAP, NULL);
  if (!d || d->kind != L4_KOBJ_JDB || l4_is_invalid_cap(cap))
    return ~0UL;
  struct kobj *o = lookup_obj(l4sim_k.current, cap, NULL);
  return o ? o->id : ~0UL;
}

l4_msgtag_t l4_debugger_obj_info(l4_cap_idx_t dbg, l4_cap_idx_t task, l4_cap_idx_t cap,
                                 l4_debugger_obj_info_t *info) {
  struct kobj *d = lookup_obj(l4sim_k.current, dbg, NULL);
  if (!d)
    return l4sim_ipc_fail(L4_IPC_ENOT_EXISTENT);
  if (d->kind != L4_KOBJ_JDB)
    return l4sim_result(-L4_EBADPROTO);
  struct kobj *t = lookup_obj(l4sim_k.current, task, NULL);
  if (!t || t->kind != L4_KOBJ_TASK || !info)
    return l4sim_result(-L4_EINVAL);
  uint8_t rights = 0;
  struct kobj *o = lookup_obj(t, cap, &rights);
  if (!o)
    return l4sim_result(-L4_ENOENT);
  info->global_id = o->id;
  info->label = o->kind == L4_KOBJ_IPC_GATE ? o->label : 0;
  info->mappings = o->nmaps;
  info->kind = o->kind;
  info->rights = rights;
  return l4sim_result(L4_EOK);
}
