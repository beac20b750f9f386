/* l4sim: kernel factory calls of l4/sys/factory.h. The new object lands at
 * `target_cap` in the caller's space (unmapping what was there first: an
 * object whose creator slot that was is deleted) with all
 * rights (RWSD): the creator's slot is the one that can delete it. */
#pragma once
#include <l4/sys/compiler.h>
#include <l4/sys/ipc.h>
#include <l4/sys/types.h>

enum L4_factory_proto {
  L4_FACTORY_NEW_TASK = -11L,  /* L4_PROTO_TASK */
  L4_FACTORY_NEW_THREAD = -3L, /* L4_PROTO_THREAD */
  L4_FACTORY_NEW_IRQ = -1L,    /* L4_PROTO_IRQ */
  L4_FACTORY_NEW_GATE = 0L,
  L4_FACTORY_NEW_FACTORY = -6L, /* L4_PROTO_FACTORY */
};

L4_BEGIN_DECLS

/* The UTCB area by pointer (in/out), as in l4sys since 2024. */
l4_msgtag_t l4_factory_create_task(l4_cap_idx_t factory, l4_cap_idx_t target_cap,
                                   l4_fpage_t *utcb_area) L4_NOTHROW;

l4_msgtag_t l4_factory_create_thread(l4_cap_idx_t factory, l4_cap_idx_t target_cap) L4_NOTHROW;

/* IPC gate with `label` (Genode: the badge), bound to `thread_cap` or
 * unbound when thread_cap is L4_INVALID_CAP. */
l4_msgtag_t l4_factory_create_gate(l4_cap_idx_t factory, l4_cap_idx_t target_cap,
                                   l4_cap_idx_t thread_cap, l4_umword_t label) L4_NOTHROW;

l4_msgtag_t l4_factory_create_irq(l4_cap_idx_t factory, l4_cap_idx_t target_cap) L4_NOTHROW;

l4_msgtag_t l4_factory_create_factory(l4_cap_idx_t factory, l4_cap_idx_t target_cap,
                                      unsigned long limit) L4_NOTHROW;

L4_END_DECLS
