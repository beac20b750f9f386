/* The agent's own named caps from l4re_env() (l4re_env_caps.c). L4Re-only. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

#include "agent/runtime.h"

/* The entry for selector `index` if the environment names a cap there. */
bool l4re_env_cap_entry(uint16_t index, struct agent_capmap_entry *out);
