/* Probe "delete": l4_task_unmap and l4_task_delete_obj on the creator's slot
 * and on copies, with L4_FP_OTHER_SPACES, L4_FP_ALL_SPACES and
 * L4_FP_DELETE_OBJ, with flexpages holding only some rights, on copies in
 * another task, and l4_task_release_cap. */
#include "fid.h"

#define ME FID_ME
#define RWS (FID_R | FID_W | FID_S)
#define RWSD (RWS | FID_D)
#define C FID_BASE          /* creator */
#define T (FID_BASE + 0x3f) /* another task */
#define TK FID_K(T)

/* A fresh gate at C with copies at C+1 (RWS), C+2 (R) and C+3 (RWSD) and
 * one in the other task at 0x10 (RWS). */
static void fresh(void) {
  fid_release(ME, C);
  for (unsigned long s = C + 1; s < C + 8; s++)
    fid_drop(ME, s);
  fid_gate(C);
  fid_map_me(C, 0, RWS, C + 1, 0);
  fid_map_me(C, 0, FID_R, C + 2, 0);
  fid_map_me(C, 0, RWSD, C + 3, 0);
  fid_map(TK, "t", ME, "me", C, 0, RWS, 0x10, 0);
}

static void show(void) {
  fid_valid_range(ME, "me", C, 4);
  fid_valid(TK, "t", 0x10);
}

void fid_run(void) {
  fid_begin("delete");
  fid_sem("the probe's work area is empty at start");
  fid_valid_range(ME, "me", FID_BASE, 64);
  fid_task(T);

  fid_sem("delete through the creator: every copy in every task goes");
  fresh();
  fid_delete(ME, "me", C);
  show();
  fid_sem("delete through a copy without D: only that copy goes");
  fresh();
  fid_delete(ME, "me", C + 1);
  show();
  fid_delete(ME, "me", C + 2);
  show();
  fid_sem("delete through a copy that holds D");
  fresh();
  fid_delete(ME, "me", C + 3);
  show();
  fid_sem("delete through the other task's copy");
  fresh();
  fid_delete(TK, "t", 0x10);
  show();
  fid_sem("delete through a copy in the other task that holds D");
  fresh();
  fid_map(TK, "t", ME, "me", C, 0, RWSD, 0x11, 0);
  fid_delete(TK, "t", 0x11);
  show();

  fid_sem("unmap the creator with L4_FP_ALL_SPACES: copies stay");
  fresh();
  fid_unmap(ME, "me", C, 0, RWSD, L4_FP_ALL_SPACES);
  show();
  fid_equal(ME, "me", C + 1, C + 3);
  fid_sem("unmap the creator with L4_FP_OTHER_SPACES");
  fresh();
  fid_unmap(ME, "me", C, 0, RWSD, L4_FP_OTHER_SPACES);
  show();
  fid_sem("unmap a copy with L4_FP_OTHER_SPACES");
  fid_unmap(ME, "me", C + 1, 0, RWSD, L4_FP_OTHER_SPACES);
  show();
  fid_sem("l4_task_release_cap of the creator and of a copy");
  fresh();
  fid_rc(l4_task_release_cap(ME, FID_K(C + 1)), "release_cap me 0x%x", C + 1);
  show();
  fid_rc(l4_task_release_cap(ME, FID_K(C)), "release_cap me 0x%x", C);
  show();

  fid_sem("L4_FP_DELETE_OBJ with a flexpage without R deletes nothing");
  fresh();
  fid_unmap(ME, "me", C, 0, FID_W | FID_S | FID_D, L4_FP_DELETE_OBJ);
  show();
  fid_sem("after L4_FP_DELETE_OBJ without R, delete through the creator");
  fid_delete(ME, "me", C);
  show();
  fid_sem("L4_FP_DELETE_OBJ with a flexpage of R only");
  fresh();
  fid_unmap(ME, "me", C, 0, FID_R, L4_FP_DELETE_OBJ);
  show();
  fid_sem("L4_FP_DELETE_OBJ with a flexpage of RD");
  fresh();
  fid_unmap(ME, "me", C, 0, FID_R | FID_D, L4_FP_DELETE_OBJ);
  show();

  fid_sem("unmap only D from the creator, then delete through it");
  fresh();
  fid_unmap(ME, "me", C, 0, FID_D, L4_FP_ALL_SPACES);
  show();
  fid_equal(ME, "me", C, C + 3);
  fid_equal(ME, "me", C, C + 1);
  fid_delete(ME, "me", C);
  show();
  fid_sem("unmap only W from a copy");
  fresh();
  fid_unmap(ME, "me", C + 1, 0, FID_W, L4_FP_ALL_SPACES);
  fid_valid(ME, "me", C + 1);
  fid_map_me(C, 0, FID_R | FID_S, C + 4, 0);
  fid_map_me(C, 0, RWS, C + 5, 0);
  fid_equal(ME, "me", C + 1, C + 4);
  fid_equal(ME, "me", C + 1, C + 5);
  fid_sem("unmap only S from a copy");
  fid_map_me(C, 0, RWS, C + 1, 0);
  fid_unmap(ME, "me", C + 1, 0, FID_S, L4_FP_ALL_SPACES);
  fid_map_me(C, 0, FID_R | FID_W, C + 4, 0);
  fid_equal(ME, "me", C + 1, C + 4);
  fid_equal(ME, "me", C + 1, C + 5);
  fid_sem("unmap W and S from a copy without L4_FP_ALL_SPACES");
  fid_map_me(C, 0, RWS, C + 1, 0);
  fid_unmap(ME, "me", C + 1, 0, FID_W | FID_S, L4_FP_OTHER_SPACES);
  fid_equal(ME, "me", C + 1, C + 5);

  fid_sem("unmap the creator: the object lives while a copy does");
  fresh();
  fid_unmap(ME, "me", C, 0, RWSD, L4_FP_ALL_SPACES);
  fid_unmap(ME, "me", C + 1, 0, RWSD, L4_FP_ALL_SPACES);
  fid_unmap(ME, "me", C + 2, 0, RWSD, L4_FP_ALL_SPACES);
  show();
  fid_map_me(C + 3, 0, RWS, C + 4, 0);
  fid_valid(ME, "me", C + 4);
  fid_delete(ME, "me", C + 3);
  fid_valid(ME, "me", C + 4);
  fid_valid(TK, "t", 0x10);

  fid_sem("delete of an empty slot and of selector 0");
  fid_delete(ME, "me", C + 0x20);
  fid_delete(ME, "me", 0);
  fid_unmap(ME, "me", 0, 0, RWSD, L4_FP_ALL_SPACES);

  fid_sem("delete a task: copies of its cap go; an object it held with D is deleted");
  fresh();
  fid_map_me(T, 0, RWS, T - 1, 0);
  fid_gate(C + 8);
  fid_map(TK, "t", ME, "me", C + 8, 0, RWS, 0x12, 0);
  fid_map(ME, "me", TK, "t", 0x12, 0, RWS, C + 9, 0);
  fid_map(TK, "t", ME, "me", C + 8, 0, RWSD, 0x13, 0);
  fid_drop(ME, C + 8);
  fid_delete(ME, "me", T);
  fid_valid(ME, "me", T);
  fid_valid(ME, "me", T - 1);
  fid_valid(ME, "me", C + 9);
  show();

  fid_sem("clean-up");
  for (unsigned long s = FID_BASE; s < FID_BASE + 0x40; s++)
    fid_release(ME, s);
  fid_valid_range(ME, "me", FID_BASE, 64);
  fid_end();
}
