/* Probe "irq": the object-space semantics for IRQs (Irq_sender objects made
 * by the factory), the same questions as for gates: copies survive an unmap
 * of the creator, delete through the creator takes every copy, copies without
 * D delete nothing, grant moves, mapping onto the creator slot deletes,
 * copies in another task. */
#include "fid.h"

#define ME FID_ME
#define RWS (FID_R | FID_W | FID_S)
#define RWSD (RWS | FID_D)
#define I FID_BASE
#define T (FID_BASE + 0x3f)
#define TK FID_K(T)

static void fresh(void) {
  fid_release(ME, I);
  for (unsigned long s = I + 1; s < I + 8; s++)
    fid_drop(ME, s);
  fid_irq(I);
  fid_map_me(I, 0, RWS, I + 1, 0);
  fid_map_me(I, 0, FID_R, I + 2, 0);
  fid_map(TK, "t", ME, "me", I, 0, RWS, 0x10, 0);
}

static void show(void) {
  fid_valid_range(ME, "me", I, 4);
  fid_valid(TK, "t", 0x10);
}

void fid_run(void) {
  fid_begin("irq");
  fid_sem("the probe's work area is empty at start");
  fid_valid_range(ME, "me", FID_BASE, 64);
  fid_task(T);

  fid_sem("an IRQ and its copies in two tasks");
  fresh();
  show();
  fid_equal(ME, "me", I + 1, I + 2);
  fid_sem("unmapping an IRQ's creator slot leaves its copies");
  fid_unmap(ME, "me", I, 0, RWSD, L4_FP_ALL_SPACES);
  show();
  fid_sem("delete through a copy of an IRQ without D");
  fid_delete(ME, "me", I + 1);
  show();
  fid_sem("delete through an IRQ's creator takes every copy");
  fresh();
  fid_delete(ME, "me", I);
  show();
  fid_sem("delete through an IRQ copy mapped with D");
  fresh();
  fid_map_me(I, 0, RWSD, I + 3, 0);
  fid_delete(ME, "me", I + 3);
  show();
  fid_sem("grant of an IRQ's creator slot");
  fresh();
  fid_map_me(I, 0, RWSD, I + 3, 1);
  show();
  fid_delete(ME, "me", I + 3);
  show();
  fid_sem("mapping a gate onto an IRQ's creator slot deletes the IRQ");
  fresh();
  fid_gate(I + 8);
  fid_map_me(I + 8, 0, RWS, I, 0);
  show();
  fid_equal(ME, "me", I, I + 8);
  fid_sem("mapping onto an IRQ copy replaces only that copy");
  fresh();
  fid_map_me(I + 8, 0, RWS, I + 1, 0);
  show();
  fid_sem("re-mapping an IRQ copy with fewer rights");
  fid_map_me(I, 0, RWS, I + 1, 0);
  fid_map_me(I, 0, FID_R, I + 1, 0);
  fid_equal(ME, "me", I + 1, I + 2);
  fid_sem("an IRQ copy in the other task mapped back");
  fid_map(ME, "me", TK, "t", 0x10, 0, RWSD, I + 4, 0);
  fid_valid(ME, "me", I + 4);
  fid_equal(ME, "me", I + 4, I + 1);
  fid_delete(ME, "me", I + 4);
  show();
  fid_sem("deleting the other task leaves the IRQ and its other copies");
  fid_delete(ME, "me", T);
  fid_valid(ME, "me", T);
  fid_valid_range(ME, "me", I, 4);

  fid_sem("clean-up");
  for (unsigned long s = FID_BASE; s < FID_BASE + 0x40; s++)
    fid_release(ME, s);
  fid_valid_range(ME, "me", FID_BASE, 64);
  fid_end();
}
