/* Probe "selectors": which selectors name something and which can hold a cap:
 * 0, the task's own, 4095/4096/4296 (the ends of Genode's cap map and of the
 * range Capscope walks), 65535 and beyond, and cap indices with the invalid
 * bit or low bits set. */
#include "fid.h"

#define ME FID_ME
#define G FID_BASE /* a gate the probe maps from */

static const unsigned long inside[] = {0xfff, 0x1000, 0x10c8, 0xffff};
static const unsigned long beyond[] = {0x10000, 0x1ffff, 0x20000, 0xfffff, 0x100000};

void fid_run(void) {
  fid_begin("selectors");
  fid_sem("the probe's work area is empty at start");
  fid_valid_range(ME, "me", FID_BASE, 64);
  for (unsigned i = 0; i < sizeof inside / sizeof *inside; i++)
    fid_valid(ME, "me", inside[i]);

  fid_sem("selector 0 names nothing");
  fid_valid(ME, "me", 0);
  fid_sem("the program's own task cap is at selector 1, its factory at 2");
  fid_valid(ME, "me", 1);
  fid_valid(ME, "me", 2);

  fid_sem("create and map at selector 0");
  fid_gate(0);
  fid_valid(ME, "me", 0);
  fid_gate(G);
  fid_map_me(G, 0, FID_R | FID_W | FID_S, 0, 0);
  fid_valid(ME, "me", 0);
  fid_release(ME, 0);
  fid_valid(ME, "me", 0);

  fid_sem("map to high selectors inside the object space");
  for (unsigned i = 0; i < sizeof inside / sizeof *inside; i++) {
    fid_map_me(G, 0, FID_R | FID_W | FID_S, inside[i], 0);
    fid_valid(ME, "me", inside[i]);
    fid_equal(ME, "me", G + 0, inside[i] + 0);
    fid_release(ME, inside[i]);
  }
  fid_sem("create at high selectors inside the object space");
  for (unsigned i = 0; i < sizeof inside / sizeof *inside; i++) {
    fid_gate(inside[i]);
    fid_valid(ME, "me", inside[i]);
    fid_release(ME, inside[i]);
  }

  fid_sem("create and map past the object space (65536 on)");
  for (unsigned i = 0; i < sizeof beyond / sizeof *beyond; i++) {
    fid_gate(beyond[i]);
    fid_valid(ME, "me", beyond[i]);
    fid_map_me(G, 0, FID_R | FID_W | FID_S, beyond[i], 0);
    fid_valid(ME, "me", beyond[i]);
  }
  fid_sem("other kinds of object past the object space");
  fid_irq(0x10000);
  fid_thread(0x10000);
  fid_task(0x10000);

  fid_sem("a cap index with the invalid bit names nothing");
  fid_rc(l4_task_cap_valid(ME, L4_INVALID_CAP), "valid me L4_INVALID_CAP");
  fid_rc(l4_task_cap_valid(ME, FID_K(G) | L4_INVALID_CAP_BIT), "valid me 0x%x|invalid_bit", G);
  fid_rc(l4_task_cap_valid(ME, L4_BASE_TASK_CAP | L4_INVALID_CAP_BIT), "valid me 0x1|invalid_bit");
  fid_sem("cap indices with low bits set (bit 10 marks a special cap, bit 0 is cleared by l4sys)");
  fid_rc(l4_task_cap_valid(ME, FID_K(G) | 1), "valid me 0x%x|1", G);
  fid_rc(l4_task_cap_valid(ME, FID_K(G) | 0x7f0), "valid me 0x%x|0x7f0", G);
  fid_rc(l4_task_cap_valid(ME, FID_K(G) | 0x7ff), "valid me 0x%x|0x7ff", G);
  fid_equal_raw(ME, "me", FID_K(G) | 0x10, "0x800|0x10", FID_K(G), "0x800");
  fid_sem("l4_task_cap_equal with L4_INVALID_CAP: a valid slot, an empty slot, itself");
  fid_equal_raw(ME, "me", L4_INVALID_CAP, "L4_INVALID_CAP", FID_K(G), "0x800");
  fid_equal_raw(ME, "me", L4_INVALID_CAP, "L4_INVALID_CAP", FID_K(G + 60), "0x83c");
  fid_equal_raw(ME, "me", L4_INVALID_CAP, "L4_INVALID_CAP", L4_INVALID_CAP, "L4_INVALID_CAP");
  fid_equal_raw(ME, "me", L4_INVALID_CAP, "L4_INVALID_CAP", FID_K(G) | L4_INVALID_CAP_BIT,
                "0x800|invalid_bit");

  fid_sem("create at L4_INVALID_CAP");
  fid_rc(l4_factory_create_gate(FID_FACTORY, L4_INVALID_CAP, L4_INVALID_CAP, 4),
         "create gate L4_INVALID_CAP");
  fid_sem("create at a cap index with low bits set");
  fid_rc(l4_factory_create_gate(FID_FACTORY, FID_K(G + 2) | 0x10, L4_INVALID_CAP, 8),
         "create gate 0x%x|0x10", G + 2);
  fid_valid(ME, "me", G + 2);
  fid_sem("the work area after the probe");
  fid_valid_range(ME, "me", FID_BASE, 64);
  fid_end();
}
