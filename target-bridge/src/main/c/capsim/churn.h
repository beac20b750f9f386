/* Churn: sessions opened and closed, threads started and exited, dataspaces
 * allocated and freed, picked by a seeded generator so that the same seed
 * on the same scenario gives the same sequence of events. */
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "capsim/genode.h"
#include "capsim/scenario.h"

struct churn {
  struct genode *g;
  const struct scenario *scn;
  uint64_t rng;
  unsigned serial; /* names churn threads and labels */
};

void churn_init(struct churn *c, struct genode *g, const struct scenario *scn, uint64_t seed);
/* Perform one event; describes it in `desc`. Returns 0, or -1 if nothing
 * could be done (desc says why). */
int churn_step(struct churn *c, char *desc, size_t size);
