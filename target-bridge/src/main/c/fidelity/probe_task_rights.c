/* Probe "task_rights": the rights of the task caps a map goes through. The
 * caller holds its own task cap with RWS; copies with R, RW, RS, RWS (and the
 * R-less W, S, WS, which map nothing) serve as source and destination task
 * caps of l4_task_map, and as the invoked cap of validity, equality, unmap
 * and delete. */
#include "fid.h"

#define ME FID_ME
#define RWS (FID_R | FID_W | FID_S)
#define RWSD (RWS | FID_D)

enum { TC_R, TC_RW, TC_RS, TC_RWS, TC_W, TC_S, TC_WS, TC_N };
static const unsigned tc_rights[TC_N] = {FID_R, FID_R | FID_W, FID_R | FID_S, RWS,
                                         FID_W, FID_S,         FID_W | FID_S};
static const char *const tc_name[TC_N] = {"me_R", "me_RW", "me_RS", "me_RWS", "me_W", "me_S", "me_WS"};
#define TC(i) (FID_BASE + (i))
#define TCK(i) FID_K(TC(i))
#define G (FID_BASE + 0x10) /* gate: creator */
#define REF_RWS (G + 1)
#define REF_RW (G + 2)
#define REF_RWSD (G + 3)
#define X (FID_BASE + 0x20)

struct end {
  l4_cap_idx_t cap;
  const char *name;
};

static struct end tc(int i) { return (struct end){i < 0 ? ME : TCK(i), i < 0 ? "me" : tc_name[i]}; }

static void combo(int src, int dst) {
  struct end s = tc(src), d = tc(dst);
  fid_map(d.cap, d.name, s.cap, s.name, G, 0, RWSD, X, 0);
  fid_valid(ME, "me", X);
  fid_equal(ME, "me", X, REF_RWS);
  fid_equal(ME, "me", X, REF_RW);
  fid_equal(ME, "me", X, REF_RWSD);
  fid_drop(ME, X);
}

void fid_run(void) {
  fid_begin("task_rights");
  fid_sem("the probe's work area is empty at start");
  fid_valid_range(ME, "me", FID_BASE, 64);

  fid_sem("copies of the program's own task cap with fewer rights");
  for (int i = 0; i < TC_N; i++) {
    fid_map_me(1, 0, tc_rights[i], TC(i), 0);
    fid_valid(ME, "me", TC(i));
  }
  fid_equal(ME, "me", 1, TC(TC_RWS));
  fid_equal(ME, "me", 1, TC(TC_R));
  fid_equal(ME, "me", TC(TC_R), TC(TC_RS));
  fid_equal(ME, "me", TC(TC_RW), TC(TC_RWS));

  fid_sem("reference copies of a gate: RWS, RW and RWSD");
  fid_gate(G);
  fid_map_me(G, 0, RWS, REF_RWS, 0);
  fid_map_me(G, 0, FID_R | FID_W, REF_RW, 0);
  fid_map_me(G, 0, RWSD, REF_RWSD, 0);
  fid_equal(ME, "me", REF_RWS, REF_RW);
  fid_equal(ME, "me", REF_RWS, REF_RWSD);
  fid_equal(ME, "me", G, REF_RWSD);

  static const int dsts[] = {-1, TC_R, TC_RW, TC_RS, TC_RWS};
  static const int srcs[] = {-1, TC_R, TC_RW, TC_RS};
  static const char *const sems[] = {
      "map RWSD through the own task cap (RWS) as source",
      "map RWSD through an R-only source task cap",
      "map RWSD through an RW source task cap (no S)",
      "map RWSD through an RS source task cap (no W)",
  };
  for (unsigned s = 0; s < sizeof srcs / sizeof *srcs; s++) {
    fid_sem(sems[s]);
    for (unsigned d = 0; d < sizeof dsts / sizeof *dsts; d++)
      combo(srcs[s], dsts[d]);
  }

  fid_sem("the D right passes through task caps without D");
  fid_map(TCK(TC_RW), "me_RW", TCK(TC_R), "me_R", G, 0, RWSD, X, 0);
  fid_delete(ME, "me", X);
  fid_valid(ME, "me", G);
  fid_valid(ME, "me", REF_RWS);
  fid_gate(G);
  fid_map_me(G, 0, RWS, REF_RWS, 0);
  fid_map_me(G, 0, FID_R | FID_W, REF_RW, 0);
  fid_map_me(G, 0, RWSD, REF_RWSD, 0);

  fid_sem("task caps without R name nothing: as destination or source of a map");
  fid_map(TCK(TC_W), "me_W", ME, "me", G, 0, RWS, X, 0);
  fid_map(TCK(TC_WS), "me_WS", ME, "me", G, 0, RWS, X, 0);
  fid_map(ME, "me", TCK(TC_W), "me_W", G, 0, RWS, X, 0);
  fid_map(ME, "me", TCK(TC_S), "me_S", G, 0, RWS, X, 0);
  fid_valid(ME, "me", X);

  fid_sem("a map whose source or destination cap is not a task");
  fid_map(FID_FACTORY, "factory", ME, "me", G, 0, RWS, X, 0);
  fid_map(ME, "me", FID_FACTORY, "factory", G, 0, RWS, X, 0);
  fid_map(ME, "me", FID_K(G), "gate", G, 0, RWS, X, 0);
  fid_valid(ME, "me", X);

  fid_sem("grant through an R-only source task cap");
  fid_map_me(G, 0, RWS, X, 0);
  fid_map(ME, "me", TCK(TC_R), "me_R", X, 0, RWS, X + 1, 1);
  fid_valid(ME, "me", X);
  fid_valid(ME, "me", X + 1);
  fid_drop(ME, X);
  fid_drop(ME, X + 1);

  fid_sem("validity and equality asked through task caps with fewer rights");
  for (int i = TC_R; i <= TC_RWS; i++) {
    fid_valid(TCK(i), tc_name[i], G);
    fid_valid(TCK(i), tc_name[i], X);
    fid_equal(TCK(i), tc_name[i], REF_RWS, REF_RW);
  }
  fid_valid(TCK(TC_W), "me_W", G);

  fid_sem("unmap and delete through task caps with fewer rights");
  for (int i = TC_R; i <= TC_RWS; i++) {
    fid_map_me(G, 0, RWS, X + i, 0);
    fid_unmap(TCK(i), tc_name[i], X + i, 0, RWSD, L4_FP_ALL_SPACES);
    fid_valid(ME, "me", X + i);
    fid_drop(ME, X + i);
  }
  fid_gate(X);
  fid_map_me(X, 0, RWS, X + 1, 0);
  fid_delete(TCK(TC_R), "me_R", X);
  fid_valid(ME, "me", X);
  fid_valid(ME, "me", X + 1);
  fid_release(ME, X);
  fid_release(ME, X + 1);

  fid_sem("a task cap mapped through a source without S loses S");
  fid_map(ME, "me", TCK(TC_RW), "me_RW", 1, 0, RWS, X, 0);
  fid_equal(ME, "me", X, TC(TC_RW));
  fid_equal(ME, "me", X, TC(TC_RWS));
  fid_map(ME, "me", FID_K(X), "me_X", G, 0, RWS, X + 1, 0);
  fid_equal(ME, "me", X + 1, REF_RWS);
  fid_equal(ME, "me", X + 1, REF_RW);
  fid_drop(ME, X);
  fid_drop(ME, X + 1);

  fid_sem("clean-up");
  fid_release(ME, G);
  for (int i = 0; i < TC_N; i++)
    fid_drop(ME, TC(i));
  fid_drop(ME, REF_RWS);
  fid_drop(ME, REF_RW);
  fid_drop(ME, REF_RWSD);
  fid_valid_range(ME, "me", FID_BASE, 64);
  fid_end();
}
