/* `dump TASK FILE`: capsim's own view of a task, written straight from l4sim's object space
 * and capsim's Genode bookkeeping (not through the agent), so tests can check that a walk
 * through the bridge sees exactly what the target holds. */
#pragma once
#include <stddef.h>

#include "capsim/genode.h"

/* Writes the dump; returns 0, or -1 with a reason in err. */
int capsim_dump(struct genode *g, struct component *c, const char *path, char *err, size_t errsize);
