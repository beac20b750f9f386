/* Probe "factory": creating gates, IRQs, threads and tasks onto empty,
 * occupied and out-of-space selectors, through factory caps lacking rights,
 * through slots that are empty or hold no factory, and gates bound to
 * threads. Every created object's slot holds D: deleting through it deletes
 * the object's copies. */
#include "fid.h"

#define ME FID_ME
#define RWS (FID_R | FID_W | FID_S)
#define RWSD (RWS | FID_D)
#define F_R (FID_BASE + 0)
#define F_RW (FID_BASE + 1)
#define F_RS (FID_BASE + 2)
#define F_RWS (FID_BASE + 3)
#define F_WS (FID_BASE + 4)
#define X (FID_BASE + 0x10)

typedef long (*create_fn)(unsigned long sel);

static const create_fn kinds[] = {fid_gate, fid_irq, fid_thread, fid_task};
static const char *const kind_sem[] = {
    "an IPC gate: created, copied, deleted through its creator",
    "an IRQ: created, copied, deleted through its creator",
    "a thread: created, copied, deleted through its creator",
    "a task: created, copied, deleted through its creator",
};

static long gate_via(l4_cap_idx_t f, const char *fname, unsigned long sel) {
  return fid_rc(l4_factory_create_gate(f, FID_K(sel), L4_INVALID_CAP, 0x40), "create gate %s 0x%lx",
                fname, sel);
}

void fid_run(void) {
  fid_begin("factory");
  fid_sem("the probe's work area is empty at start");
  fid_valid_range(ME, "me", FID_BASE, 64);

  for (unsigned k = 0; k < 4; k++) {
    fid_sem(kind_sem[k]);
    kinds[k](X);
    fid_valid(ME, "me", X);
    fid_map_me(X, 0, RWS, X + 1, 0);
    fid_equal(ME, "me", X, X + 1);
    fid_delete(ME, "me", X);
    fid_valid(ME, "me", X);
    fid_valid(ME, "me", X + 1);
  }

  fid_sem("create each kind onto a slot holding a copy of a gate");
  fid_gate(X + 8);
  for (unsigned k = 0; k < 4; k++) {
    fid_map_me(X + 8, 0, RWS, X + k, 0);
    kinds[k](X + k);
    fid_valid(ME, "me", X + k);
    fid_equal(ME, "me", X + k, X + 8);
  }
  fid_valid(ME, "me", X + 8);
  fid_sem("create each kind onto the creator slot of a gate with a copy");
  for (unsigned k = 0; k < 4; k++) {
    fid_gate(X + 8);
    fid_map_me(X + 8, 0, RWS, X + 9, 0);
    kinds[k](X + 8);
    fid_valid(ME, "me", X + 8);
    fid_valid(ME, "me", X + 9);
  }
  for (unsigned k = 0; k < 4; k++)
    fid_release(ME, X + k);
  fid_release(ME, X + 8);
  fid_release(ME, X + 9);

  fid_sem("create each kind at selector 0 and past the object space");
  for (unsigned k = 0; k < 4; k++) {
    kinds[k](0);
    kinds[k](0x10000);
  }
  fid_sem("create each kind at the last selector of the object space");
  for (unsigned k = 0; k < 4; k++) {
    kinds[k](0xffff);
    fid_valid(ME, "me", 0xffff);
  }
  fid_release(ME, 0xffff);

  fid_sem("copies of the factory cap with fewer rights");
  fid_map_me(2, 0, FID_R, F_R, 0);
  fid_map_me(2, 0, FID_R | FID_W, F_RW, 0);
  fid_map_me(2, 0, FID_R | FID_S, F_RS, 0);
  fid_map_me(2, 0, RWS, F_RWS, 0);
  fid_map_me(2, 0, FID_W | FID_S, F_WS, 0);
  fid_valid_range(ME, "me", F_R, 5);
  fid_equal(ME, "me", 2, F_RWS);
  fid_equal(ME, "me", F_R, F_RW);
  fid_sem("create through factory caps with fewer rights");
  gate_via(FID_K(F_R), "f_R", X);
  fid_valid(ME, "me", X);
  gate_via(FID_K(F_RW), "f_RW", X + 1);
  fid_valid(ME, "me", X + 1);
  gate_via(FID_K(F_RS), "f_RS", X + 2);
  fid_valid(ME, "me", X + 2);
  gate_via(FID_K(F_RWS), "f_RWS", X + 3);
  fid_valid(ME, "me", X + 3);
  fid_rc(l4_factory_create_irq(FID_K(F_RW), FID_K(X + 4)), "create irq f_RW 0x%x", X + 4);
  fid_rc(l4_factory_create_thread(FID_K(F_R), FID_K(X + 4)), "create thread f_R 0x%x", X + 4);
  fid_valid(ME, "me", X + 4);
  fid_sem("a create that fails leaves an occupied target slot alone");
  gate_via(FID_K(F_RW), "f_RW", X + 3);
  fid_valid(ME, "me", X + 3);
  gate_via(FID_FACTORY, "factory", 0x10000);
  fid_sem("create through an empty slot and through caps that are no factory");
  gate_via(FID_K(F_WS), "f_WS", X + 5);
  gate_via(FID_K(X + 0x20), "empty", X + 5);
  gate_via(ME, "me", X + 5);
  fid_irq(X + 6);
  gate_via(FID_K(X + 6), "irq", X + 5);
  fid_valid(ME, "me", X + 5);

  fid_sem("gates bound to a thread, to an empty slot, to a non-thread");
  fid_thread(X + 7);
  fid_rc(l4_factory_create_gate(FID_FACTORY, FID_K(X + 8), FID_K(X + 7), 0x80),
         "create gate 0x%x bound to thread 0x%x", X + 8, X + 7);
  fid_valid(ME, "me", X + 8);
  fid_rc(l4_factory_create_gate(FID_FACTORY, FID_K(X + 9), FID_K(X + 0x20), 0x84),
         "create gate 0x%x bound to empty 0x%x", X + 9, X + 0x20);
  fid_valid(ME, "me", X + 9);
  fid_rc(l4_factory_create_gate(FID_FACTORY, FID_K(X + 10), FID_K(X + 6), 0x88),
         "create gate 0x%x bound to irq 0x%x", X + 10, X + 6);
  fid_valid(ME, "me", X + 10);
  fid_sem("a bound gate lives on when its thread is deleted");
  fid_delete(ME, "me", X + 7);
  fid_valid(ME, "me", X + 8);

  fid_sem("a factory created through the factory creates gates");
  fid_rc(l4_factory_create_factory(FID_FACTORY, FID_K(X + 11), 64 * 1024),
         "create factory 0x%x limit 64K", X + 11);
  gate_via(FID_K(X + 11), "sub", X + 12);
  fid_valid(ME, "me", X + 12);
  fid_sem("deleting a factory leaves the objects it created");
  fid_delete(ME, "me", X + 11);
  fid_valid(ME, "me", X + 11);
  fid_valid(ME, "me", X + 12);

  fid_sem("clean-up");
  for (unsigned long s = FID_BASE; s < FID_BASE + 0x40; s++)
    fid_release(ME, s);
  fid_valid_range(ME, "me", FID_BASE, 64);
  fid_end();
}
