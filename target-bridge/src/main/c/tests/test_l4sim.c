/* Unit tests: every semantic of docs/background.md §3 on l4sim, called the way a
 * program on Fiasco.OC calls them (on its own task, L4_BASE_TASK_CAP). */
#include <l4/sys/debugger.h>
#include <l4sim/obj_info.h>
#include <l4/sys/factory.h>
#include <l4/sys/task.h>
#include <l4sim/sim.h>

#include "tests/check.h"

#define CAP(sel) ((l4_cap_idx_t)(sel) << L4_CAP_SHIFT)
#define ME L4_BASE_TASK_CAP

static void boot(bool identity) {
  struct l4sim_config cfg = {.cap_equal_identity = identity};
  l4sim_boot(&cfg);
}

static long valid(unsigned sel) { return l4_msgtag_label(l4_task_cap_valid(ME, CAP(sel))); }

static long equal(unsigned a, unsigned b) {
  return l4_msgtag_label(l4_task_cap_equal(ME, CAP(a), CAP(b)));
}

static long gate(unsigned sel, unsigned long label) {
  return l4_error(l4_factory_create_gate(L4_BASE_FACTORY_CAP, CAP(sel), L4_INVALID_CAP, label));
}

static long map(unsigned from, unsigned to, unsigned order, unsigned rights, unsigned grant) {
  return l4_error(
      l4_task_map(ME, ME, l4_obj_fpage(CAP(from), order, rights), l4_map_obj_control(CAP(to), grant)));
}

static long unmap(unsigned sel, unsigned long mask) {
  return l4_error(l4_task_unmap(ME, l4_obj_fpage(CAP(sel), 0, L4_CAP_FPAGE_RWSD), mask));
}

static unsigned long id_of(unsigned sel) { return l4_debugger_global_id(CAP(sel)); }

static l4_debugger_obj_info_t info(unsigned sel) {
  l4_debugger_obj_info_t i = {0};
  l4_debugger_obj_info(L4_BASE_DEBUGGER_CAP, ME, CAP(sel), &i);
  return i;
}

static void test_msgtag_conventions(void) {
  l4_msgtag_t t = l4_msgtag(-L4_EINVAL, 2, 1, 0);
  CHECK_EQ(l4_msgtag_label(t), -L4_EINVAL);
  CHECK_EQ(l4_msgtag_words(t), 2);
  CHECK_EQ(l4_msgtag_items(t), 1);
  CHECK(!l4_msgtag_has_error(t));
  CHECK_EQ(l4_error(t), -L4_EINVAL);
  CHECK_EQ(L4_CAP_SHIFT, 12);
  CHECK_EQ(L4_INVALID_CAP_BIT, 1 << 11);
  CHECK_EQ(L4_ITEM_MAP, 8);
  CHECK_EQ(L4_MAP_ITEM_GRANT, 2);
  CHECK_EQ(L4_FP_ALL_SPACES, 0x80000000UL);
  CHECK_EQ(L4_FP_DELETE_OBJ, 0xc0000000UL);
  CHECK_EQ(L4_BASE_TASK_CAP, 0x1000);
  CHECK_EQ(L4_BASE_DEBUGGER_CAP, 10 << 12);
  l4_fpage_t f = l4_obj_fpage(CAP(0x200), 2, L4_CAP_FPAGE_RWS);
  CHECK_EQ(l4_fpage_page(f), 0x200);
  CHECK_EQ(l4_fpage_size(f), 2);
  CHECK_EQ(l4_fpage_rights(f), 7);
  CHECK_EQ(l4_fpage_type(f), L4_FPAGE_OBJ);
}

static void test_boot_default_caps(void) {
  boot(true);
  unsigned expect_valid[] = {1, 2, 3, 4, 5, 6, 7, 10};
  for (unsigned i = 0; i < sizeof expect_valid / sizeof *expect_valid; i++)
    CHECK_EQ(valid(expect_valid[i]), 1);
  CHECK_EQ(valid(8), 0);
  CHECK_EQ(valid(9), 0);
  CHECK_EQ(valid(11), 0);
  CHECK_EQ(info(1).kind, L4_KOBJ_TASK);
  CHECK_EQ(info(2).kind, L4_KOBJ_FACTORY);
  CHECK_EQ(info(10).kind, L4_KOBJ_JDB);
  l4sim_shutdown();
  CHECK_EQ(l4sim_live_objects(), 0);
}

static void test_validity_edges(void) {
  boot(true);
  CHECK_EQ(valid(0), 0); /* selector 0 is empty at boot */
  CHECK_EQ(l4_msgtag_label(l4_task_cap_valid(ME, L4_INVALID_CAP)), 0);
  CHECK_EQ(l4_msgtag_label(l4_task_cap_valid(ME, CAP(1) | L4_INVALID_CAP_BIT)), 0);
  CHECK_EQ(valid(L4SIM_SPACE_SLOTS), 0); /* past the space */
  CHECK_EQ(valid(L4SIM_SPACE_SLOTS + 5), 0);
  CHECK_EQ(gate(L4SIM_SPACE_SLOTS - 1, 4), 0); /* the last slot exists */
  CHECK_EQ(valid(L4SIM_SPACE_SLOTS - 1), 1);
  CHECK(L4SIM_SPACE_SLOTS >= (1u << 13));
  /* Selector 0 is an ordinary slot to the kernel (selectors.golden 009-010). */
  CHECK_EQ(gate(0, 4), 0);
  CHECK_EQ(valid(0), 1);
  /* Past the space there is no room: -L4_ENOMEM (selectors.golden 038). */
  CHECK_EQ(gate(L4SIM_SPACE_SLOTS, 4), -L4_ENOMEM);
  /* Bit 10 marks a special cap index, which names no slot (selectors 065). */
  CHECK_EQ(l4_msgtag_label(l4_task_cap_valid(ME, CAP(1) | 0x400)), 0);
  l4sim_shutdown();
}

static void test_invoking_empty_task_cap_is_ipc_error(void) {
  boot(true);
  l4_msgtag_t t = l4_task_cap_valid(CAP(0x300), CAP(1));
  CHECK(l4_msgtag_has_error(t));
  CHECK_EQ(l4_error(t), -(L4_EIPC_LO + L4_IPC_ENOT_EXISTENT));
  /* A cap that is not a task speaks the wrong protocol. */
  CHECK_EQ(l4_error(l4_task_cap_valid(L4_BASE_FACTORY_CAP, CAP(1))), -L4_EBADPROTO);
  l4sim_shutdown();
}

static void test_factory_gate_label_and_rights(void) {
  boot(true);
  CHECK_EQ(gate(0x200, 0x1234), 0);
  l4_debugger_obj_info_t i = info(0x200);
  CHECK_EQ(i.kind, L4_KOBJ_IPC_GATE);
  CHECK_EQ(i.label, 0x1234);
  CHECK_EQ(i.rights, L4_CAP_FPAGE_RWSD); /* the creator holds D */
  CHECK_EQ(i.mappings, 1);
  CHECK_EQ(i.global_id, id_of(0x200));
  CHECK_EQ(l4_error(l4_factory_create_thread(L4_BASE_FACTORY_CAP, CAP(0x201))), 0);
  CHECK_EQ(l4_error(l4_factory_create_irq(L4_BASE_FACTORY_CAP, CAP(0x202))), 0);
  CHECK_EQ(l4_error(l4_factory_create_task(L4_BASE_FACTORY_CAP, CAP(0x203),
                                           (l4_fpage_t[]){l4_fpage(0, 12, 0)})),
           0);
  CHECK_EQ(info(0x201).kind, L4_KOBJ_THREAD);
  CHECK_EQ(info(0x202).kind, L4_KOBJ_IRQ_SENDER);
  CHECK_EQ(info(0x203).kind, L4_KOBJ_TASK);
  /* A gate bound to the thread; a non-thread bind target is rejected. */
  CHECK_EQ(l4_error(l4_factory_create_gate(L4_BASE_FACTORY_CAP, CAP(0x204), CAP(0x201), 8)), 0);
  CHECK_EQ(l4_error(l4_factory_create_gate(L4_BASE_FACTORY_CAP, CAP(0x205), CAP(0x202), 8)), -L4_EINVAL);
  CHECK_EQ(valid(0x205), 0);
  /* Only a factory creates. */
  CHECK_EQ(l4_error(l4_factory_create_gate(CAP(0x200), CAP(0x206), L4_INVALID_CAP, 8)), -L4_EBADPROTO);
  /* Distinct objects get distinct global ids. */
  CHECK(id_of(0x200) != id_of(0x204));
  CHECK_EQ(id_of(0x300), ~0UL);
  l4sim_shutdown();
}

static void test_map_copy_is_valid_and_same_object(void) {
  boot(true);
  gate(0x200, 4);
  CHECK_EQ(map(0x200, 0x210, 0, L4_CAP_FPAGE_RWS, 0), 0);
  CHECK_EQ(valid(0x210), 1);
  CHECK_EQ(valid(0x200), 1);
  CHECK_EQ(id_of(0x210), id_of(0x200));
  CHECK_EQ(info(0x200).mappings, 2);
  CHECK_EQ(info(0x210).rights, L4_CAP_FPAGE_RWS); /* rights masked: no D */
  l4sim_shutdown();
}

static void test_rights_masking(void) {
  boot(true);
  gate(0x200, 4);
  map(0x200, 0x210, 0, L4_CAP_FPAGE_RW, 0);
  CHECK_EQ(info(0x210).rights, L4_CAP_FPAGE_RW);
  /* A copy of the copy can never regain rights the copy lacks. */
  map(0x210, 0x211, 0, L4_CAP_FPAGE_RWSD, 0);
  CHECK_EQ(info(0x211).rights, L4_CAP_FPAGE_RW);
  /* R-only copy is valid. */
  map(0x200, 0x212, 0, L4_CAP_FPAGE_R, 0);
  CHECK_EQ(valid(0x212), 1);
  CHECK_EQ(info(0x212).rights, L4_CAP_FPAGE_R);
  /* Mapping the same object again replaces the slot's rights: the slot is
   * unmapped before it is filled (occupied.golden 033-036). */
  map(0x200, 0x211, 0, L4_CAP_FPAGE_R, 0);
  CHECK_EQ(info(0x211).rights, L4_CAP_FPAGE_R);
  /* A flexpage without R maps nothing (map_rights.golden 018-022). */
  map(0x200, 0x212, 0, L4_CAP_FPAGE_W, 0);
  CHECK_EQ(info(0x212).rights, L4_CAP_FPAGE_R);
  CHECK_EQ(valid(0x213), 0);
  CHECK_EQ(map(0x200, 0x213, 0, L4_CAP_FPAGE_W | L4_CAP_FPAGE_S | L4_CAP_FPAGE_D, 0), 0);
  CHECK_EQ(valid(0x213), 0);
  CHECK_EQ(info(0x200).mappings, 4);
  l4sim_shutdown();
}

static void test_map_order_two_copies_four(void) {
  boot(true);
  for (unsigned i = 0; i < 4; i++)
    gate(0x200 + i, 4 + 4 * i);
  gate(0x204, 100); /* outside the fpage: must not travel */
  CHECK_EQ(map(0x200, 0x220, 2, L4_CAP_FPAGE_RWS, 0), 0);
  for (unsigned i = 0; i < 4; i++) {
    CHECK_EQ(valid(0x220 + i), 1);
    CHECK_EQ(info(0x220 + i).label, 4 + 4 * i);
  }
  CHECK_EQ(valid(0x224), 0); /* the slot after them stays empty */
  l4sim_shutdown();
}

static void test_grant_moves(void) {
  boot(true);
  gate(0x200, 4);
  unsigned long id = id_of(0x200);
  CHECK_EQ(map(0x200, 0x210, 0, L4_CAP_FPAGE_RWSD, L4_MAP_ITEM_GRANT), 0);
  CHECK_EQ(valid(0x200), 0);
  CHECK_EQ(valid(0x210), 1);
  CHECK_EQ(id_of(0x210), id);
  CHECK_EQ(info(0x210).mappings, 1);
  CHECK_EQ(info(0x210).rights, L4_CAP_FPAGE_RWSD);
  l4sim_shutdown();
}

static void test_map_onto_occupied_replaces(void) {
  boot(true);
  gate(0x200, 4);
  gate(0x201, 8);
  unsigned long id_b = id_of(0x201);
  map(0x201, 0x210, 0, L4_CAP_FPAGE_RWS, 0);
  map(0x201, 0x211, 0, L4_CAP_FPAGE_RWS, 0);
  /* Onto a copy of b: that copy is replaced, b lives on (occupied.golden 004-012). */
  CHECK_EQ(map(0x200, 0x210, 0, L4_CAP_FPAGE_RWS, 0), 0);
  CHECK_EQ(info(0x210).label, 4);
  CHECK_EQ(id_of(0x210), id_of(0x200));
  CHECK_EQ(id_of(0x211), id_b);
  CHECK_EQ(info(0x211).mappings, 2);
  /* Onto b's creator slot (D): b and all its copies are deleted
   * (occupied.golden 013-023). */
  uint32_t live = l4sim_live_objects();
  CHECK_EQ(map(0x200, 0x201, 0, L4_CAP_FPAGE_RWS, 0), 0);
  CHECK_EQ(id_of(0x201), id_of(0x200));
  CHECK_EQ(valid(0x211), 0);
  CHECK_EQ(l4sim_live_objects(), live - 1);
  /* Replacing the last mapping of an object deletes it. */
  gate(0x202, 12);
  map(0x202, 0x220, 0, L4_CAP_FPAGE_RWS, 0);
  l4_task_release_cap(ME, CAP(0x202));
  live = l4sim_live_objects();
  map(0x200, 0x220, 0, L4_CAP_FPAGE_RWS, 0);
  CHECK_EQ(l4sim_live_objects(), live - 1);
  /* Mapping a creator slot onto itself deletes its object (occupied 067-070). */
  map(0x200, 0x221, 0, L4_CAP_FPAGE_RWS, 0);
  CHECK_EQ(map(0x200, 0x200, 0, L4_CAP_FPAGE_RWS, 0), 0);
  CHECK_EQ(valid(0x200), 0);
  CHECK_EQ(valid(0x221), 0);
  l4sim_shutdown();
}

static void test_factory_create_onto_occupied_replaces(void) {
  boot(true);
  gate(0x200, 4);
  unsigned long old = id_of(0x200);
  uint32_t live = l4sim_live_objects();
  CHECK_EQ(gate(0x200, 8), 0);
  CHECK(id_of(0x200) != old);
  CHECK_EQ(info(0x200).label, 8);
  CHECK_EQ(l4sim_live_objects(), live); /* old one died with its last mapping */
  l4sim_shutdown();
}

static void test_map_from_empty_slot(void) {
  boot(true);
  CHECK_EQ(map(0x250, 0x260, 0, L4_CAP_FPAGE_RWS, 0), 0);
  CHECK_EQ(valid(0x260), 0);
  CHECK_EQ(map(0x250, 0x261, 0, L4_CAP_FPAGE_RWS, L4_MAP_ITEM_GRANT), 0);
  CHECK_EQ(valid(0x261), 0);
  /* An empty source leaves an occupied target as it is. */
  gate(0x262, 4);
  CHECK_EQ(map(0x250, 0x262, 0, L4_CAP_FPAGE_RWS, 0), 0);
  CHECK_EQ(valid(0x262), 1);
  l4sim_shutdown();
}

static void test_unmap_without_all_spaces_is_noop(void) {
  boot(true);
  gate(0x200, 4);
  map(0x200, 0x210, 0, L4_CAP_FPAGE_RWS, 0);
  CHECK_EQ(unmap(0x210, L4_FP_OTHER_SPACES), 0);
  CHECK_EQ(valid(0x210), 1);
  CHECK_EQ(unmap(0x210, L4_FP_ALL_SPACES), 0);
  CHECK_EQ(valid(0x210), 0);
  CHECK_EQ(valid(0x200), 1); /* the original stays */
  l4sim_shutdown();
}

static void test_copies_survive_unmap_of_source(void) {
  boot(true);
  gate(0x200, 4);
  l4_factory_create_irq(L4_BASE_FACTORY_CAP, CAP(0x201));
  map(0x200, 0x210, 0, L4_CAP_FPAGE_RWS, 0);
  map(0x201, 0x211, 0, L4_CAP_FPAGE_RWS, 0);
  unmap(0x200, L4_FP_ALL_SPACES);
  unmap(0x201, L4_FP_ALL_SPACES);
  CHECK_EQ(valid(0x200), 0);
  CHECK_EQ(valid(0x201), 0);
  CHECK_EQ(valid(0x210), 1); /* no revocation of copies: gates ... */
  CHECK_EQ(valid(0x211), 1); /* ... and IRQs alike */
  CHECK_EQ(info(0x210).mappings, 1);
  l4sim_shutdown();
}

static void test_copies_in_other_tasks_survive_unmap(void) {
  boot(true);
  l4_factory_create_task(L4_BASE_FACTORY_CAP, CAP(0x300), (l4_fpage_t[]){l4_fpage(0, 12, 0)});
  gate(0x200, 4);
  CHECK_EQ(l4_error(l4_task_map(CAP(0x300), ME, l4_obj_fpage(CAP(0x200), 0, L4_CAP_FPAGE_RWS),
                                l4_map_obj_control(CAP(0x20), 0))),
           0);
  CHECK_EQ(l4_msgtag_label(l4_task_cap_valid(CAP(0x300), CAP(0x20))), 1);
  unmap(0x200, L4_FP_ALL_SPACES);
  CHECK_EQ(l4_msgtag_label(l4_task_cap_valid(CAP(0x300), CAP(0x20))), 1);
  l4sim_shutdown();
}

static void test_delete_with_d_kills_all_mappings(void) {
  boot(true);
  l4_factory_create_task(L4_BASE_FACTORY_CAP, CAP(0x300), (l4_fpage_t[]){l4_fpage(0, 12, 0)});
  gate(0x200, 4);
  map(0x200, 0x210, 0, L4_CAP_FPAGE_RWS, 0);
  l4_task_map(CAP(0x300), ME, l4_obj_fpage(CAP(0x200), 0, L4_CAP_FPAGE_RWS),
              l4_map_obj_control(CAP(0x20), 0));
  uint32_t live = l4sim_live_objects();
  CHECK_EQ(l4_error(l4_task_delete_obj(ME, CAP(0x200))), 0);
  CHECK_EQ(valid(0x200), 0);
  CHECK_EQ(valid(0x210), 0);
  CHECK_EQ(l4_msgtag_label(l4_task_cap_valid(CAP(0x300), CAP(0x20))), 0);
  CHECK_EQ(l4sim_live_objects(), live - 1);
  l4sim_shutdown();
}

static void test_delete_through_copy_without_d(void) {
  boot(true);
  gate(0x200, 4);
  map(0x200, 0x210, 0, L4_CAP_FPAGE_RWS, 0);
  map(0x200, 0x211, 0, L4_CAP_FPAGE_RWS, 0);
  CHECK_EQ(l4_error(l4_task_delete_obj(ME, CAP(0x210))), 0);
  CHECK_EQ(valid(0x210), 0); /* only that copy goes */
  CHECK_EQ(valid(0x211), 1);
  CHECK_EQ(valid(0x200), 1);
  CHECK_EQ(info(0x200).mappings, 2);
  l4sim_shutdown();
}

static void test_last_mapping_deletes_object(void) {
  boot(true);
  uint32_t live = l4sim_live_objects();
  gate(0x200, 4);
  map(0x200, 0x210, 0, L4_CAP_FPAGE_RWS, 0);
  CHECK_EQ(l4sim_live_objects(), live + 1);
  unmap(0x200, L4_FP_ALL_SPACES);
  CHECK_EQ(l4sim_live_objects(), live + 1);
  unmap(0x210, L4_FP_ALL_SPACES);
  CHECK_EQ(l4sim_live_objects(), live);
  l4sim_shutdown();
}

static void test_deleting_task_releases_its_caps(void) {
  boot(true);
  l4_factory_create_task(L4_BASE_FACTORY_CAP, CAP(0x300), (l4_fpage_t[]){l4_fpage(0, 12, 0)});
  gate(0x200, 4);
  l4_task_map(CAP(0x300), ME, l4_obj_fpage(CAP(0x200), 0, L4_CAP_FPAGE_RWS),
              l4_map_obj_control(CAP(0x20), L4_MAP_ITEM_GRANT));
  /* The gate now lives only in the child task; the task's own cap to itself. */
  l4_task_map(CAP(0x300), ME, l4_obj_fpage(CAP(0x300), 0, L4_CAP_FPAGE_RWS),
              l4_map_obj_control(L4_BASE_TASK_CAP, 0));
  uint32_t before = l4sim_live_objects();
  l4_task_delete_obj(ME, CAP(0x300));
  CHECK_EQ(valid(0x300), 0);
  CHECK_EQ(l4sim_live_objects(), before - 2); /* task and the gate only it held */
  l4sim_shutdown();
}

static void test_unmap_partial_rights(void) {
  boot(true);
  gate(0x200, 4);
  map(0x200, 0x210, 0, L4_CAP_FPAGE_RWS, 0);
  l4_task_unmap(ME, l4_obj_fpage(CAP(0x210), 0, L4_CAP_FPAGE_W), L4_FP_ALL_SPACES);
  CHECK_EQ(valid(0x210), 1);
  CHECK_EQ(info(0x210).rights, L4_CAP_FPAGE_RS);
  l4sim_shutdown();
}

static void test_equal_identity_semantics(void) {
  boot(true);
  gate(0x200, 4);
  map(0x200, 0x210, 0, L4_CAP_FPAGE_RWS, 0);
  gate(0x201, 4);                   /* same label, different object */
  CHECK_EQ(equal(0x200, 0x210), 1); /* creator vs copy: same object */
  CHECK_EQ(equal(0x200, 0x201), 0);
  /* Genode's patch: an empty slot equals nothing but its own index. */
  CHECK_EQ(equal(0x300, 0x301), 0);
  CHECK_EQ(equal(0x300, 0x300), 1);
  CHECK_EQ(equal(0x200, 0x300), 0);
  CHECK(l4sim_cap_equal_identity());
  l4sim_shutdown();
}

static void test_equal_unpatched_semantics(void) {
  boot(false);
  gate(0x200, 4);
  map(0x200, 0x210, 0, L4_CAP_FPAGE_RWS, 0);
  map(0x200, 0x211, 0, L4_CAP_FPAGE_RWSD, 0);
  map(0x200, 0x212, 0, L4_CAP_FPAGE_RW, 0);
  /* A gate's creator slot holds its control interface: equal to no copy
   * (equal.golden 015-028); copies compare by W and S, not D (029-070). */
  CHECK_EQ(equal(0x200, 0x210), 0);
  CHECK_EQ(equal(0x200, 0x211), 0);
  CHECK_EQ(equal(0x210, 0x211), 1);
  CHECK_EQ(equal(0x210, 0x212), 0);
  /* Other kinds have no separate creator interface (equal.golden 123-142). */
  CHECK_EQ(l4_error(l4_factory_create_irq(L4_BASE_FACTORY_CAP, CAP(0x220))), 0);
  map(0x220, 0x221, 0, L4_CAP_FPAGE_RWS, 0);
  CHECK_EQ(equal(0x220, 0x221), 1);
  /* A copy of the task cap with the same W and S is equal. */
  map(1, 0x213, 0, L4_CAP_FPAGE_RWSD, 0);
  CHECK_EQ(equal(1, 0x213), 1);
  CHECK_EQ(equal(0x300, 0x301), 1); /* two empty slots */
  CHECK(!l4sim_cap_equal_identity());
  l4sim_shutdown();
}

static void test_map_needs_write_right_on_task(void) {
  boot(true);
  map(1, 0x220, 0, L4_CAP_FPAGE_R, 0); /* read-only cap to myself */
  gate(0x200, 4);
  l4_msgtag_t t = l4_task_map(CAP(0x220), ME, l4_obj_fpage(CAP(0x200), 0, L4_CAP_FPAGE_RWS),
                              l4_map_obj_control(CAP(0x230), 0));
  CHECK_EQ(l4_error(t), -L4_EPERM);
  CHECK_EQ(valid(0x230), 0);
  /* Validity needs no right beyond holding the cap. */
  CHECK_EQ(l4_msgtag_label(l4_task_cap_valid(CAP(0x220), CAP(0x200))), 1);
  l4sim_shutdown();
}

static void test_space_change_counter(void) {
  uint32_t root = (boot(true), l4sim_current_task());
  uint64_t c0 = l4sim_space_changes(root);
  gate(0x200, 4);
  CHECK(l4sim_space_changes(root) > c0);
  uint64_t c1 = l4sim_space_changes(root);
  valid(0x200);
  CHECK_EQ(l4sim_space_changes(root), c1);
  unmap(0x200, L4_FP_OTHER_SPACES);
  CHECK_EQ(l4sim_space_changes(root), c1);
  l4sim_shutdown();
}

static void test_enter_task_switches_space(void) {
  boot(true);
  uint32_t root = l4sim_current_task();
  l4_factory_create_task(L4_BASE_FACTORY_CAP, CAP(0x300), (l4_fpage_t[]){l4_fpage(0, 12, 0)});
  l4_task_map(CAP(0x300), ME, l4_obj_fpage(CAP(0x300), 0, L4_CAP_FPAGE_RWS),
              l4_map_obj_control(L4_BASE_TASK_CAP, 0));
  uint32_t child = l4sim_task_id_of(CAP(0x300));
  CHECK(child != 0 && child != root);
  CHECK_EQ(l4sim_enter_task(child), root);
  CHECK_EQ(valid(1), 1);
  CHECK_EQ(valid(2), 0); /* a created task starts without default caps */
  CHECK_EQ(l4sim_enter_task(root), child);
  CHECK_EQ(l4sim_enter_task(12345), 0);
  l4sim_shutdown();
}

int main(int argc, char **argv) {
  static const struct test_case tests[] = {
      {"msgtag_conventions", test_msgtag_conventions},
      {"boot_default_caps", test_boot_default_caps},
      {"validity_edges", test_validity_edges},
      {"invoking_empty_task_cap_is_ipc_error", test_invoking_empty_task_cap_is_ipc_error},
      {"factory_gate_label_and_rights", test_factory_gate_label_and_rights},
      {"map_copy_is_valid_and_same_object", test_map_copy_is_valid_and_same_object},
      {"rights_masking", test_rights_masking},
      {"map_order_two_copies_four", test_map_order_two_copies_four},
      {"grant_moves", test_grant_moves},
      {"map_onto_occupied_replaces", test_map_onto_occupied_replaces},
      {"factory_create_onto_occupied_replaces", test_factory_create_onto_occupied_replaces},
      {"map_from_empty_slot", test_map_from_empty_slot},
      {"unmap_without_all_spaces_is_noop", test_unmap_without_all_spaces_is_noop},
      {"copies_survive_unmap_of_source", test_copies_survive_unmap_of_source},
      {"copies_in_other_tasks_survive_unmap", test_copies_in_other_tasks_survive_unmap},
      {"delete_with_d_kills_all_mappings", test_delete_with_d_kills_all_mappings},
      {"delete_through_copy_without_d", test_delete_through_copy_without_d},
      {"last_mapping_deletes_object", test_last_mapping_deletes_object},
      {"deleting_task_releases_its_caps", test_deleting_task_releases_its_caps},
      {"unmap_partial_rights", test_unmap_partial_rights},
      {"equal_identity_semantics", test_equal_identity_semantics},
      {"equal_unpatched_semantics", test_equal_unpatched_semantics},
      {"map_needs_write_right_on_task", test_map_needs_write_right_on_task},
      {"space_change_counter", test_space_change_counter},
      {"enter_task_switches_space", test_enter_task_switches_space},
  };
  return run_tests(tests, (int)(sizeof tests / sizeof *tests), argc, argv);
}
