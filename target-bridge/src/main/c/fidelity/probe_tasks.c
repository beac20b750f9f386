/* Probe "tasks": a second task the probe creates. Its space starts empty;
 * caps are mapped into it, between its slots and back, granted into it and
 * unmapped there; copies of its task cap; deleting it and releasing its
 * creator slot. */
#include "fid.h"

#define ME FID_ME
#define RWS (FID_R | FID_W | FID_S)
#define RWSD (RWS | FID_D)
#define T FID_BASE
#define TK FID_K(T)
#define G (FID_BASE + 0x10)

void fid_run(void) {
  fid_begin("tasks");
  fid_sem("the probe's work area is empty at start");
  fid_valid_range(ME, "me", FID_BASE, 64);

  fid_sem("a new task's object space is empty");
  fid_task(T);
  fid_valid(ME, "me", T);
  fid_valid_range(TK, "t", 0, 16);
  fid_valid(TK, "t", 0xfff);
  fid_sem("its own task cap mapped into it");
  fid_map(TK, "t", ME, "me", T, 0, RWS, 1, 0);
  fid_valid(TK, "t", 1);
  fid_equal(TK, "t", 1, 1);

  fid_sem("map a gate into the task; its creator stays in the probe");
  fid_gate(G);
  fid_map(TK, "t", ME, "me", G, 0, RWS, 0x10, 0);
  fid_valid(TK, "t", 0x10);
  fid_valid(ME, "me", G);
  fid_sem("map between two slots of the task, through its cap as both ends");
  fid_map(TK, "t", TK, "t", 0x10, 0, RWS, 0x11, 0);
  fid_valid(TK, "t", 0x11);
  fid_equal(TK, "t", 0x10, 0x11);
  fid_sem("map from the task back into the probe");
  fid_map(ME, "me", TK, "t", 0x11, 0, RWSD, G + 1, 0);
  fid_valid(ME, "me", G + 1);
  fid_equal(ME, "me", G, G + 1);
  fid_sem("unmap in the task with and without L4_FP_ALL_SPACES");
  fid_unmap(TK, "t", 0x11, 0, RWSD, L4_FP_OTHER_SPACES);
  fid_valid(TK, "t", 0x11);
  fid_unmap(TK, "t", 0x11, 0, RWSD, L4_FP_ALL_SPACES);
  fid_valid(TK, "t", 0x11);
  fid_valid(TK, "t", 0x10);
  fid_valid(ME, "me", G + 1);

  fid_sem("delete through the creator in the probe empties the task's copy");
  fid_delete(ME, "me", G);
  fid_valid(TK, "t", 0x10);
  fid_valid(ME, "me", G + 1);

  fid_sem("the creator slot granted into the task: delete through it there");
  fid_gate(G);
  fid_map_me(G, 0, RWS, G + 1, 0);
  fid_map(TK, "t", ME, "me", G, 0, RWSD, 0x12, 1);
  fid_valid(ME, "me", G);
  fid_valid(TK, "t", 0x12);
  fid_delete(TK, "t", 0x12);
  fid_valid(ME, "me", G + 1);

  fid_sem("mapping into the task onto its slot holding a creator");
  fid_gate(G);
  fid_map_me(G, 0, RWS, G + 1, 0);
  fid_map(TK, "t", ME, "me", G, 0, RWSD, 0x13, 1);
  fid_gate(G + 4);
  fid_map(TK, "t", ME, "me", G + 4, 0, RWS, 0x13, 0);
  fid_valid(TK, "t", 0x13);
  fid_valid(ME, "me", G + 1);

  fid_sem("copies of the task's cap");
  fid_map_me(T, 0, RWS, T + 1, 0);
  fid_map_me(T, 0, FID_R, T + 2, 0);
  fid_map_me(T, 0, FID_R | FID_W, T + 3, 0);
  fid_equal(ME, "me", T, T + 1);
  fid_valid(FID_K(T + 2), "t_R", 0x13);
  fid_map(FID_K(T + 3), "t_RW", ME, "me", G + 4, 0, RWS, 0x14, 0);
  fid_valid(TK, "t", 0x14);
  fid_map(FID_K(T + 2), "t_R", ME, "me", G + 4, 0, RWS, 0x15, 0);
  fid_valid(TK, "t", 0x15);

  fid_sem("unmap the task's creator slot: the task lives through a copy");
  fid_unmap(ME, "me", T, 0, RWSD, L4_FP_ALL_SPACES);
  fid_valid(ME, "me", T);
  fid_valid(ME, "me", T + 1);
  fid_valid(FID_K(T + 1), "t_RWS", 0x14);
  fid_map(FID_K(T + 1), "t_RWS", ME, "me", G + 4, 0, RWS, 0x16, 0);
  fid_valid(FID_K(T + 1), "t_RWS", 0x16);

  fid_sem("delete through a copy of the task cap without D");
  fid_delete(ME, "me", T + 1);
  fid_valid(ME, "me", T + 1);
  fid_valid(FID_K(T + 2), "t_R", 0x14);

  fid_sem("a task deleted through its creator: its cap copies go");
  fid_task(T + 8);
  l4_cap_idx_t t2 = FID_K(T + 8);
  fid_map_me(T + 8, 0, RWS, T + 9, 0);
  fid_map(t2, "t2", ME, "me", G + 4, 0, RWS, 0x10, 0);
  fid_map(t2, "t2", ME, "me", T + 8, 0, RWS, 1, 0);
  fid_delete(ME, "me", T + 8);
  fid_valid(ME, "me", T + 8);
  fid_valid(ME, "me", T + 9);
  fid_valid(ME, "me", G + 4);
  fid_rc(l4_task_cap_valid(t2, FID_K(0x10)), "valid t2 0x10 (deleted)");

  fid_sem("clean-up");
  for (unsigned long s = FID_BASE; s < FID_BASE + 0x40; s++)
    fid_release(ME, s);
  fid_valid_range(ME, "me", FID_BASE, 64);
  fid_end();
}
