/* Probe "order": object flexpages of order n cover 2^n slots. Aligned and
 * unaligned source bases, unaligned destinations, partly occupied sources,
 * destinations partly occupied, unmap and delete of whole ranges, and a range
 * into another task. */
#include "fid.h"

#define ME FID_ME
#define RWS (FID_R | FID_W | FID_S)
#define RWSD (RWS | FID_D)
#define A FID_BASE /* four creators 0x800..0x803 */

void fid_run(void) {
  fid_begin("order");
  fid_sem("the probe's work area is empty at start");
  fid_valid_range(ME, "me", FID_BASE, 64);
  fid_valid_range(ME, "me", FID_BASE + 64, 64);
  fid_valid_range(ME, "me", FID_BASE + 128, 64);

  fid_sem("four objects in a row");
  fid_gate(A);
  fid_irq(A + 1);
  fid_gate(A + 2);
  fid_thread(A + 3);

  fid_sem("an aligned order-2 map copies four slots, the next stays empty");
  fid_map_me(A, 2, RWS, A + 0x10, 0);
  fid_valid_range(ME, "me", A + 0x0f, 6);
  for (unsigned i = 0; i < 4; i++)
    fid_equal(ME, "me", A + 0x10 + i, A + i);

  fid_sem("an unaligned source base of an order-2 flexpage");
  fid_map_me(A + 2, 2, RWS, A + 0x20, 0);
  fid_valid_range(ME, "me", A + 0x1c, 12);
  fid_equal(ME, "me", A + 0x20, A);
  fid_equal(ME, "me", A + 0x22, A + 2);

  fid_sem("an unaligned destination of an order-2 map");
  fid_map_me(A, 2, RWS, A + 0x32, 0);
  fid_valid_range(ME, "me", A + 0x2c, 16);
  fid_equal(ME, "me", A + 0x30, A);
  fid_equal(ME, "me", A + 0x32, A);
  fid_equal(ME, "me", A + 0x32, A + 2);

  fid_sem("an order-3 map of a range with four empty slots");
  fid_map_me(A, 3, RWS, A + 0x40, 0);
  fid_valid_range(ME, "me", A + 0x40, 8);

  fid_sem("an order-2 map over a partly occupied destination: empty sources");
  unsigned long p = A + 0x50;
  fid_gate(p);
  fid_gate(p + 2);
  fid_gate(A + 0x60);
  fid_map_me(A + 0x60, 0, RWS, A + 0x71, 0);
  fid_map_me(A + 0x60, 0, RWS, A + 0x72, 0);
  fid_map_me(p, 2, RWS, A + 0x70, 0);
  fid_valid_range(ME, "me", A + 0x70, 4);
  fid_equal(ME, "me", A + 0x71, A + 0x60);
  fid_equal(ME, "me", A + 0x72, p + 2);

  fid_sem("an order-6 map (64 slots)");
  fid_map_me(A, 6, RWS, A + 0x80, 0);
  fid_valid_range(ME, "me", A + 0x80, 64);
  fid_valid_range(ME, "me", A + 0xc0, 2);

  fid_sem("order-2 unmap of copies with L4_FP_ALL_SPACES");
  fid_unmap(ME, "me", A + 0x10, 2, RWSD, L4_FP_ALL_SPACES);
  fid_valid_range(ME, "me", A + 0x10, 4);
  fid_valid_range(ME, "me", A, 4);
  fid_sem("order-2 unmap with an unaligned base");
  fid_unmap(ME, "me", A + 0x23, 2, RWSD, L4_FP_ALL_SPACES);
  fid_valid_range(ME, "me", A + 0x20, 4);
  fid_sem("order-2 unmap without L4_FP_ALL_SPACES");
  fid_unmap(ME, "me", A + 0x30, 2, RWSD, L4_FP_OTHER_SPACES);
  fid_valid_range(ME, "me", A + 0x30, 4);

  fid_sem("order-2 delete of four creators deletes every copy");
  fid_unmap(ME, "me", A, 2, RWSD, L4_FP_DELETE_OBJ);
  fid_valid_range(ME, "me", A, 4);
  fid_valid_range(ME, "me", A + 0x30, 4);
  fid_valid_range(ME, "me", A + 0x40, 8);
  fid_valid_range(ME, "me", A + 0x80, 64);

  fid_sem("order-2 map into another task");
  unsigned long t = A + 0xd0;
  fid_task(t);
  fid_gate(A + 0xe0);
  fid_gate(A + 0xe1);
  fid_gate(A + 0xe2);
  fid_gate(A + 0xe3);
  fid_map(FID_K(t), "t", ME, "me", A + 0xe0, 2, RWS, 0x20, 0);
  fid_valid_range(FID_K(t), "t", 0x1f, 6);
  fid_equal(FID_K(t), "t", 0x20, 0x21);
  fid_sem("order-2 map between two slots of the other task");
  fid_map(FID_K(t), "t", FID_K(t), "t", 0x20, 2, RWS, 0x40, 0);
  fid_valid_range(FID_K(t), "t", 0x40, 4);
  fid_sem("order-1 unmap in the other task, through its cap");
  fid_unmap(FID_K(t), "t", 0x22, 1, RWSD, L4_FP_ALL_SPACES);
  fid_valid_range(FID_K(t), "t", 0x20, 4);
  fid_valid_range(ME, "me", A + 0xe0, 4);

  fid_sem("clean-up");
  for (unsigned long s = A; s < A + 0x100; s++)
    fid_release(ME, s);
  fid_valid_range(ME, "me", FID_BASE, 64);
  fid_valid_range(ME, "me", FID_BASE + 64, 64);
  fid_valid_range(ME, "me", FID_BASE + 128, 64);
  fid_valid_range(ME, "me", FID_BASE + 192, 64);
  fid_end();
}
