/* The agent's runtime on plain L4Re: one task (the agent's own), its named
 * caps from the L4Re environment, kinds unknown. L4Re-only. */
#pragma once
#include "agent/runtime.h"

void l4re_runtime_init(struct agent_runtime *rt);
