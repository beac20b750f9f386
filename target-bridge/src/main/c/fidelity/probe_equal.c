/* Probe "equal": l4_task_cap_equal on every pairing of a gate's creator slot
 * and copies with different rights, copies of copies, two different objects,
 * empty slots, the task and factory caps, IRQs, threads and tasks, and copies
 * in another task. Each line is followed by whether the two slots name the
 * same object (kernel debugger ids), from which the expectations of Genode's
 * patched kernel are derived (docs/fidelity.md). */
#include "fid.h"

#define ME FID_ME
#define RWS (FID_R | FID_W | FID_S)
#define RWSD (RWS | FID_D)
#define C FID_BASE

enum { N_COPY = 7 };
static const unsigned copy_rights[N_COPY] = {RWSD,  RWS,           FID_R | FID_W,        FID_R | FID_S,
                                             FID_R, FID_R | FID_D, FID_R | FID_W | FID_D};

void fid_run(void) {
  fid_begin("equal");
  fid_sem("the probe's work area is empty at start");
  fid_valid_range(ME, "me", FID_BASE, 64);

  fid_sem("a gate's creator and copies with rights RWSD RWS RW RS R RD RWD");
  fid_gate(C);
  for (unsigned i = 0; i < N_COPY; i++)
    fid_map_me(C, 0, copy_rights[i], C + 1 + i, 0);
  fid_sem("l4_task_cap_equal of a slot with itself");
  fid_equal(ME, "me", C, C);
  fid_equal(ME, "me", C + 5, C + 5);
  fid_sem("l4_task_cap_equal of the creator and each copy");
  for (unsigned i = 0; i < N_COPY; i++)
    fid_equal(ME, "me", C, C + 1 + i);
  fid_sem("l4_task_cap_equal of two copies with different rights");
  for (unsigned i = 0; i < N_COPY; i++)
    for (unsigned j = i + 1; j < N_COPY; j++)
      fid_equal(ME, "me", C + 1 + i, C + 1 + j);

  fid_sem("copies of copies");
  fid_map_me(C + 2, 0, RWS, C + 0x10, 0);
  fid_map_me(C + 5, 0, RWSD, C + 0x11, 0);
  fid_map_me(C + 0x10, 0, RWSD, C + 0x12, 0);
  fid_equal(ME, "me", C + 0x10, C + 2);
  fid_equal(ME, "me", C + 0x11, C + 5);
  fid_equal(ME, "me", C + 0x12, C + 2);
  fid_equal(ME, "me", C + 0x12, C);

  fid_sem("two different objects");
  fid_gate(C + 0x18);
  fid_map_me(C + 0x18, 0, RWS, C + 0x19, 0);
  fid_equal(ME, "me", C, C + 0x18);
  fid_equal(ME, "me", C + 2, C + 0x19);
  fid_equal(ME, "me", C + 1, C + 0x18);

  fid_sem("empty slots: two different ones, an empty one and a valid one, selector 0");
  fid_equal(ME, "me", C + 0x20, C + 0x21);
  fid_equal(ME, "me", C + 0x20, C);
  fid_equal(ME, "me", C + 2, C + 0x20);
  fid_equal(ME, "me", 0, C + 0x20);
  fid_equal(ME, "me", 0, C);

  fid_sem("the program's own task cap and its copies");
  fid_map_me(1, 0, RWS, C + 0x22, 0);
  fid_map_me(1, 0, FID_R, C + 0x23, 0);
  fid_equal(ME, "me", 1, C + 0x22);
  fid_equal(ME, "me", 1, C + 0x23);
  fid_equal(ME, "me", C + 0x22, C + 0x23);
  fid_sem("the factory cap and its copies");
  fid_map_me(2, 0, RWS, C + 0x24, 0);
  fid_map_me(2, 0, FID_R | FID_S, C + 0x25, 0);
  fid_equal(ME, "me", 2, C + 0x24);
  fid_equal(ME, "me", 2, C + 0x25);

  fid_sem("an IRQ's creator and copies");
  fid_irq(C + 0x28);
  fid_map_me(C + 0x28, 0, RWS, C + 0x29, 0);
  fid_map_me(C + 0x28, 0, RWSD, C + 0x2a, 0);
  fid_equal(ME, "me", C + 0x28, C + 0x29);
  fid_equal(ME, "me", C + 0x28, C + 0x2a);
  fid_sem("a thread's creator and copies");
  fid_thread(C + 0x2c);
  fid_map_me(C + 0x2c, 0, RWS, C + 0x2d, 0);
  fid_map_me(C + 0x2c, 0, FID_R, C + 0x2e, 0);
  fid_equal(ME, "me", C + 0x2c, C + 0x2d);
  fid_equal(ME, "me", C + 0x2d, C + 0x2e);
  fid_sem("a task's creator and copies");
  fid_task(C + 0x30);
  fid_map_me(C + 0x30, 0, RWS, C + 0x31, 0);
  fid_map_me(C + 0x30, 0, RWSD, C + 0x32, 0);
  fid_equal(ME, "me", C + 0x30, C + 0x31);
  fid_equal(ME, "me", C + 0x30, C + 0x32);

  l4_cap_idx_t t = FID_K(C + 0x30);
  fid_sem("copies in another task, compared through its task cap");
  fid_map(t, "t", ME, "me", C, 0, RWSD, 0x10, 0);
  fid_map(t, "t", ME, "me", C, 0, RWS, 0x11, 0);
  fid_map(t, "t", ME, "me", C, 0, FID_R, 0x12, 0);
  fid_map(t, "t", ME, "me", C + 1, 0, RWS, 0x13, 0);
  fid_equal(t, "t", 0x10, 0x11);
  fid_equal(t, "t", 0x11, 0x12);
  fid_equal(t, "t", 0x11, 0x13);
  fid_equal(t, "t", 0x10, 0x13);
  fid_equal(t, "t", 0x14, 0x15);
  fid_sem("equality asked through a copy of the other task's cap");
  fid_equal(FID_K(C + 0x31), "t_RWS", 0x11, 0x13);
  fid_equal(FID_K(C + 0x31), "t_RWS", 0x10, 0x11);

  fid_sem("a creator slot moved by grant compared with copies");
  fid_map_me(C, 0, RWSD, C + 0x38, 1);
  fid_valid(ME, "me", C);
  fid_equal(ME, "me", C + 0x38, C + 1);
  fid_equal(ME, "me", C + 0x38, C + 2);
  fid_sem("a creator slot with D unmapped, compared with copies");
  fid_unmap(ME, "me", C + 0x38, 0, FID_D, L4_FP_ALL_SPACES);
  fid_equal(ME, "me", C + 0x38, C + 1);
  fid_equal(ME, "me", C + 0x38, C + 2);

  fid_sem("clean-up");
  fid_release(ME, C + 0x30);
  for (unsigned long s = FID_BASE; s < FID_BASE + 0x40; s++)
    fid_release(ME, s);
  fid_valid_range(ME, "me", FID_BASE, 64);
  fid_end();
}
