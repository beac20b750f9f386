/* capsim as the agent's runtime: hands the agent core's task caps and the
 * Genode knowledge of every component. */
#pragma once
#include "agent/runtime.h"
#include "capsim/genode.h"

void capsim_runtime_init(struct agent_runtime *rt, struct genode *g, bool restore_allowed);
