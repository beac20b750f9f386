/* Probe "occupied": what a map, a grant or a factory create does to a slot
 * that already holds something: a copy of another object, another object's
 * creator slot (with D), the same object with other rights, the source slot
 * itself; and a map from an empty slot onto an occupied one. */
#include "fid.h"

#define ME FID_ME
#define RWS (FID_R | FID_W | FID_S)
#define RWSD (RWS | FID_D)
#define A FID_BASE          /* object A: creator */
#define B (FID_BASE + 0x10) /* object B: creator */

static void fresh(void) {
  fid_release(ME, A);
  fid_release(ME, B);
  for (unsigned long s = A; s < A + 0x30; s++)
    fid_drop(ME, s);
  fid_gate(A);
  fid_gate(B);
  fid_map_me(A, 0, RWS, A + 1, 0);
  fid_map_me(B, 0, RWS, B + 1, 0);
  fid_map_me(B, 0, RWS, B + 2, 0);
}

void fid_run(void) {
  fid_begin("occupied");
  fid_sem("the probe's work area is empty at start");
  fid_valid_range(ME, "me", FID_BASE, 64);

  fid_sem("map onto a slot holding a copy of another object");
  fresh();
  fid_map_me(A, 0, RWS, B + 1, 0);
  fid_valid(ME, "me", B + 1);
  fid_equal(ME, "me", B + 1, A + 1);
  fid_valid(ME, "me", B);
  fid_valid(ME, "me", B + 2);

  fid_sem("map onto another object's creator slot: that object is deleted");
  fresh();
  fid_map_me(A, 0, RWS, B, 0);
  fid_valid(ME, "me", B);
  fid_equal(ME, "me", B, A + 1);
  fid_valid(ME, "me", B + 1);
  fid_valid(ME, "me", B + 2);

  fid_sem("map of a copy onto the creator slot of the same object");
  fresh();
  fid_map_me(A + 1, 0, RWS, A, 0);
  fid_valid(ME, "me", A);
  fid_valid(ME, "me", A + 1);
  fid_equal(ME, "me", A, A + 1);

  fid_sem("re-map the same object with fewer rights onto a copy");
  fresh();
  fid_map_me(A, 0, FID_R, A + 2, 0);
  fid_map_me(A, 0, FID_R, A + 1, 0);
  fid_valid(ME, "me", A + 1);
  fid_equal(ME, "me", A + 1, A + 2);
  fid_sem("re-map the same object with more rights onto a copy");
  fid_map_me(A, 0, RWS, A + 3, 0);
  fid_map_me(A, 0, RWS, A + 1, 0);
  fid_equal(ME, "me", A + 1, A + 3);
  fid_equal(ME, "me", A + 1, A + 2);
  fid_sem("re-map the same object with D onto a copy, then delete through it");
  fid_map_me(A, 0, RWSD, A + 1, 0);
  fid_equal(ME, "me", A + 1, A);
  fid_delete(ME, "me", A + 1);
  fid_valid(ME, "me", A);
  fid_valid(ME, "me", A + 3);

  fid_sem("map a copy onto itself");
  fresh();
  fid_map_me(A + 1, 0, RWS, A + 1, 0);
  fid_valid(ME, "me", A + 1);
  fid_valid(ME, "me", A);
  fid_sem("map a copy onto itself with fewer rights");
  fid_map_me(A, 0, RWS, A + 1, 0);
  fid_map_me(A + 1, 0, FID_R, A + 1, 0);
  fid_valid(ME, "me", A + 1);
  fid_sem("map the creator slot onto itself: the object is deleted");
  fid_map_me(A, 0, RWS, A + 1, 0);
  fid_map_me(A, 0, RWS, A, 0);
  fid_valid(ME, "me", A);
  fid_valid(ME, "me", A + 1);
  fid_sem("map the creator slot onto itself with D");
  fresh();
  fid_map_me(A, 0, RWSD, A, 0);
  fid_valid(ME, "me", A);
  fid_valid(ME, "me", A + 1);

  fid_sem("map from an empty slot onto an occupied slot");
  fresh();
  fid_map_me(A + 8, 0, RWS, B + 1, 0);
  fid_valid(ME, "me", B + 1);
  fid_map_me(A + 8, 0, RWS, B, 0);
  fid_valid(ME, "me", B);
  fid_valid(ME, "me", B + 2);

  fid_sem("map without R onto an occupied slot");
  fresh();
  fid_map_me(A, 0, FID_W | FID_S, B + 1, 0);
  fid_valid(ME, "me", B + 1);
  fid_equal(ME, "me", B + 1, B + 2);
  fid_map_me(A, 0, FID_W | FID_S | FID_D, B, 0);
  fid_valid(ME, "me", B);
  fid_valid(ME, "me", B + 2);

  fid_sem("create onto a slot holding a copy");
  fresh();
  fid_gate(B + 1);
  fid_valid(ME, "me", B + 1);
  fid_equal(ME, "me", B + 1, B);
  fid_valid(ME, "me", B);
  fid_valid(ME, "me", B + 2);
  fid_sem("create onto another object's creator slot: that object is deleted");
  fid_irq(B);
  fid_valid(ME, "me", B);
  fid_valid(ME, "me", B + 2);
  fid_equal(ME, "me", B, B + 1);
  fid_sem("create onto a creator slot whose object has no other mapping");
  fid_thread(A + 0x20);
  fid_thread(A + 0x20);
  fid_valid(ME, "me", A + 0x20);
  fid_sem("create a task onto a gate's creator slot");
  fresh();
  fid_task(B);
  fid_valid(ME, "me", B);
  fid_valid(ME, "me", B + 1);
  fid_map(FID_K(B), "b", ME, "me", A, 0, RWS, 0x10, 0);
  fid_valid(FID_K(B), "b", 0x10);

  fid_sem("grant onto the creator slot of the same object");
  fresh();
  fid_map_me(A + 1, 0, RWS, A, 1);
  fid_valid(ME, "me", A);
  fid_valid(ME, "me", A + 1);

  fid_sem("clean-up");
  for (unsigned long s = FID_BASE; s < FID_BASE + 0x40; s++)
    fid_release(ME, s);
  fid_valid_range(ME, "me", FID_BASE, 64);
  fid_end();
}
