/* Line commands on capsim's stdin, so tests can drive changes one at a time.
 * Every command gets exactly one answer line: "ok ..." or "error ...". */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "capsim/churn.h"
#include "capsim/genode.h"

/* Run one command line; writes the answer (without newline) into `out`.
 * Sets *quit for "quit". */
void command_run(struct genode *g, struct churn *ch, const char *line, char *out, size_t size,
                 bool *quit);
