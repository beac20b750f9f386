/* Probe "map_rights": l4_task_map of an IPC gate within the caller's task
 * with every combination of R, W, S and D in the flexpage, from the creator's
 * slot (RWSD) and from copies holding fewer rights. What a copy holds is
 * seen through l4_task_cap_equal against reference copies and through
 * whether deleting through it deletes the object (the D right). */
#include <stdio.h>

#include "fid.h"

#define ME FID_ME
#define RWS (FID_R | FID_W | FID_S)
#define RWSD (RWS | FID_D)

/* One group of four slots per combination: creator, RWS reference, R
 * reference, the copy under test. */
static void from_creator(unsigned rights) {
  unsigned long c = FID_BASE + 4 * rights, ref = c + 1, ref_r = c + 2, x = c + 3;
  fid_gate(c);
  fid_map_me(c, 0, RWS, ref, 0);
  fid_map_me(c, 0, FID_R, ref_r, 0);
  fid_map_me(c, 0, rights, x, 0);
  fid_valid(ME, "me", x);
  fid_equal(ME, "me", x, c);
  fid_equal(ME, "me", x, ref);
  fid_equal(ME, "me", x, ref_r);
  fid_delete(ME, "me", x);
  fid_valid(ME, "me", x);
  fid_valid(ME, "me", c);
  fid_valid(ME, "me", ref);
  fid_release(ME, c);
}

/* Map RWSD from a copy that holds only `held`: the copy's rights bound what
 * the new mapping gets. */
static void from_copy(unsigned held, unsigned long c) {
  unsigned long copy = c + 1, ref = c + 2, x = c + 3;
  fid_gate(c);
  fid_map_me(c, 0, held, copy, 0);
  fid_map_me(c, 0, held, ref, 0);
  fid_map_me(copy, 0, RWSD, x, 0);
  fid_valid(ME, "me", x);
  fid_equal(ME, "me", x, ref);
  fid_equal(ME, "me", x, c);
  fid_delete(ME, "me", x);
  fid_valid(ME, "me", c);
  fid_release(ME, c);
}

void fid_run(void) {
  fid_begin("map_rights");
  fid_sem("the probe's work area is empty at start");
  fid_valid_range(ME, "me", FID_BASE, 64);
  fid_valid_range(ME, "me", FID_BASE + 64, 64);

  for (unsigned r = 0; r < 16; r++) {
    static char sems[16][96];
    const char *has_r = (r & FID_R) ? "" : " (without R)";
    snprintf(sems[r], sizeof sems[r], "map from the creator with flexpage rights %s%s", fid_rights(r),
             has_r);
    fid_sem(sems[r]);
    from_creator(r);
  }

  fid_sem("a copy holding R maps R only, whatever the flexpage");
  from_copy(FID_R, FID_BASE + 0x80);
  fid_sem("a copy holding RW maps RW");
  from_copy(FID_R | FID_W, FID_BASE + 0x84);
  fid_sem("a copy holding RS maps RS");
  from_copy(FID_R | FID_S, FID_BASE + 0x88);
  fid_sem("a copy holding RWS maps RWS");
  from_copy(RWS, FID_BASE + 0x8c);
  fid_sem("a copy holding RWSD maps RWSD: deleting through the new copy deletes the object");
  from_copy(RWSD, FID_BASE + 0x90);

  fid_sem("the work area after the probe");
  fid_valid_range(ME, "me", FID_BASE, 64);
  fid_valid_range(ME, "me", FID_BASE + 64, 64);
  fid_valid_range(ME, "me", FID_BASE + 128, 64);
  fid_end();
}
