/* Probe "grant": l4_task_map with L4_MAP_ITEM_GRANT moves a cap. From the
 * creator's slot and from copies, with every flexpage right combination,
 * onto empty and occupied slots, onto itself, in order 1, and into another
 * task. */
#include <stdio.h>

#include "fid.h"

#define ME FID_ME
#define RWS (FID_R | FID_W | FID_S)
#define RWSD (RWS | FID_D)

/* Grant the creator's slot with `rights`; a reference copy shows whether the
 * object lives on and whether the moved cap carries D. */
static void grant_creator(unsigned rights) {
  unsigned long c = FID_BASE + 4 * rights, ref = c + 1, x = c + 2;
  fid_gate(c);
  fid_map_me(c, 0, RWS, ref, 0);
  fid_map_me(c, 0, rights, x, 1);
  fid_valid(ME, "me", c);
  fid_valid(ME, "me", x);
  fid_equal(ME, "me", x, ref);
  fid_delete(ME, "me", x);
  fid_valid(ME, "me", ref);
  fid_valid(ME, "me", c);
  fid_release(ME, c);
  fid_release(ME, x);
  fid_drop(ME, ref);
}

void fid_run(void) {
  static char sems[16][96];
  fid_begin("grant");
  fid_sem("the probe's work area is empty at start");
  fid_valid_range(ME, "me", FID_BASE, 64);
  fid_valid_range(ME, "me", FID_BASE + 64, 64);

  for (unsigned r = 0; r < 16; r++) {
    snprintf(sems[r], sizeof sems[r], "grant from the creator with flexpage rights %s%s", fid_rights(r),
             (r & FID_R) ? "" : " (without R)");
    fid_sem(sems[r]);
    grant_creator(r);
  }

  unsigned long c = FID_BASE + 0x40, copy = c + 1, x = c + 2, y = c + 3;
  fid_sem("grant of a copy moves the copy; the creator stays");
  fid_gate(c);
  fid_map_me(c, 0, RWS, copy, 0);
  fid_map_me(copy, 0, RWS, x, 1);
  fid_valid(ME, "me", copy);
  fid_valid(ME, "me", x);
  fid_equal(ME, "me", x, c);
  fid_sem("grant of a copy with fewer rights than it holds");
  fid_map_me(x, 0, FID_R, y, 1);
  fid_valid(ME, "me", x);
  fid_valid(ME, "me", y);
  fid_map_me(c, 0, FID_R, x, 0);
  fid_equal(ME, "me", y, x);

  fid_sem("grant from an empty slot");
  fid_map_me(c + 8, 0, RWS, y, 1);
  fid_valid(ME, "me", y);
  fid_valid(ME, "me", c + 8);

  fid_sem("grant onto a slot holding another object's copy");
  unsigned long c2 = FID_BASE + 0x50;
  fid_gate(c2);
  fid_map_me(c2, 0, RWS, c2 + 1, 0);
  fid_map_me(c, 0, RWS, copy, 0);
  fid_map_me(copy, 0, RWS, c2 + 1, 1);
  fid_valid(ME, "me", copy);
  fid_valid(ME, "me", c2 + 1);
  fid_equal(ME, "me", c2 + 1, c2);
  fid_equal(ME, "me", c2 + 1, y);
  fid_valid(ME, "me", c2);

  fid_sem("grant onto a slot holding another object's creator");
  fid_map_me(c2, 0, RWS, c2 + 2, 0);
  fid_map_me(c2 + 1, 0, RWS, c2, 1);
  fid_valid(ME, "me", c2);
  fid_valid(ME, "me", c2 + 1);
  fid_valid(ME, "me", c2 + 2);

  fid_sem("grant of a slot onto itself");
  fid_map_me(copy, 0, RWS, copy, 0);
  fid_valid(ME, "me", copy);
  fid_map_me(y, 0, RWS, y, 1);
  fid_valid(ME, "me", y);
  fid_map_me(c, 0, RWSD, c, 1);
  fid_valid(ME, "me", c);
  fid_valid(ME, "me", x);

  fid_sem("grant of two slots (order 1)");
  unsigned long o = FID_BASE + 0x60;
  fid_gate(o);
  fid_irq(o + 1);
  fid_map_me(o, 0, RWS, o + 4, 0);
  fid_map_me(o, 1, RWSD, o + 2, 1);
  fid_valid_range(ME, "me", o, 6);
  fid_equal(ME, "me", o + 2, o + 4);
  fid_delete(ME, "me", o + 2);
  fid_delete(ME, "me", o + 3);
  fid_valid_range(ME, "me", o, 6);

  fid_sem("grant into another task, then back");
  unsigned long t = FID_BASE + 0x70, g = t + 1;
  fid_task(t);
  fid_gate(g);
  fid_map_me(g, 0, RWS, g + 1, 0);
  fid_map(FID_K(t), "t", ME, "me", g, 0, RWSD, 0x10, 1);
  fid_valid(ME, "me", g);
  fid_valid(FID_K(t), "t", 0x10);
  fid_equal(FID_K(t), "t", 0x10, 0x10);
  fid_map(ME, "me", FID_K(t), "t", 0x10, 0, RWSD, g + 2, 1);
  fid_valid(FID_K(t), "t", 0x10);
  fid_valid(ME, "me", g + 2);
  fid_delete(ME, "me", g + 2);
  fid_valid(ME, "me", g + 1);

  fid_sem("clean-up");
  for (unsigned long s = FID_BASE; s < FID_BASE + 0x80; s++)
    fid_release(ME, s);
  fid_valid_range(ME, "me", FID_BASE, 64);
  fid_valid_range(ME, "me", FID_BASE + 64, 64);
  fid_end();
}
