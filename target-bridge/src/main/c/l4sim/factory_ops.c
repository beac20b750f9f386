/* l4sim: kernel factory -- creates tasks, threads, IPC gates, IRQs. */
#include <l4/sys/factory.h>
#include <l4sim/obj_info.h>
#include <l4sim/sim.h>

#include "kobj.h"

static l4_msgtag_t create(l4_cap_idx_t factory, l4_cap_idx_t target_cap, uint8_t kind, uint64_t label,
                          uint32_t bound_thread) {
  uint8_t rights = 0;
  struct kobj *f = lookup_obj(l4sim_k.current, factory, &rights);
  if (!f)
    return l4sim_ipc_fail(L4_IPC_ENOT_EXISTENT);
  if (f->kind != L4_KOBJ_FACTORY)
    return l4sim_result(-L4_EBADPROTO);
  /* Creating needs S on the factory cap. */
  if (!(rights & L4_CAP_FPAGE_S))
    return l4sim_result(-L4_EPERM);
  /* The target is a slot index like any other (0 included); an index with the
   * invalid bit is simply far past the object space: no room there. */
  l4_umword_t sel = target_cap >> L4_CAP_SHIFT;
  if (sel >= L4SIM_SPACE_SLOTS)
    return l4sim_result(-L4_ENOMEM);
  struct kobj *o = kobj_new(kind);
  if (!o)
    return l4sim_result(-L4_ENOMEM);
  o->label = label;
  o->bound_thread = bound_thread;
  struct kobj *cur = l4sim_k.current;
  kobj_pin(o);
  kobj_pin(cur);
  /* An occupied target slot is unmapped fully first (its object deleted if
   * the slot held D), as before a map onto it; the creator gets RWSD and the
   * object's full interface. */
  slot_flush(cur, (uint32_t)sel, true);
  if (cur->space)
    slot_put(cur, (uint32_t)sel, o, L4_CAP_FPAGE_RWSD, true);
  kobj_unpin(cur);
  kobj_unpin(o);
  return l4sim_result(L4_EOK);
}

l4_msgtag_t l4_factory_create_task(l4_cap_idx_t factory, l4_cap_idx_t target_cap,
                                   l4_fpage_t *utcb_area) {
  (void)utcb_area;
  return create(factory, target_cap, L4_KOBJ_TASK, 0, 0);
}

l4_msgtag_t l4_factory_create_thread(l4_cap_idx_t factory, l4_cap_idx_t target_cap) {
  return create(factory, target_cap, L4_KOBJ_THREAD, 0, 0);
}

l4_msgtag_t l4_factory_create_gate(l4_cap_idx_t factory, l4_cap_idx_t target_cap,
                                   l4_cap_idx_t thread_cap, l4_umword_t label) {
  uint32_t bound = 0;
  if (!l4_is_invalid_cap(thread_cap)) {
    struct kobj *t = lookup_obj(l4sim_k.current, thread_cap, NULL);
    if (!t || t->kind != L4_KOBJ_THREAD)
      return l4sim_result(-L4_EINVAL);
    bound = t->id;
  }
  return create(factory, target_cap, L4_KOBJ_IPC_GATE, label, bound);
}

l4_msgtag_t l4_factory_create_irq(l4_cap_idx_t factory, l4_cap_idx_t target_cap) {
  return create(factory, target_cap, L4_KOBJ_IRQ_SENDER, 0, 0);
}

l4_msgtag_t l4_factory_create_factory(l4_cap_idx_t factory, l4_cap_idx_t target_cap,
                                      unsigned long limit) {
  (void)limit;
  return create(factory, target_cap, L4_KOBJ_FACTORY, 0, 0);
}
