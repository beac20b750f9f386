/* The agent's runtime on L4Re: tasks, kinds and ids from the kernel
 * debugger's object dump, the agent's own named caps from the L4Re
 * environment (l4re_runtime.c). L4Re-only. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "agent/runtime.h"

/* kernel_objects: ask the kernel debugger for its object dump (tasks, kinds,
 * ids). Only on kernels where JDB was entered once (booted with -jdb_cmd=E+):
 * before that Fiasco's dump trips a kernel assertion on the first thread. */
void l4re_runtime_init(struct agent_runtime *rt, bool kernel_objects);
/* Ask the kernel for its object dump again: once per request, so that every
 * answer describes one moment. */
void l4re_runtime_refresh(struct agent_runtime *rt);
/* Print the kernel's object dump on the console, one hex line per record. */
void l4re_runtime_print_dump(struct agent_runtime *rt, l4_cap_idx_t con);
/* One line on what the runtime sees (for the console at start). */
void l4re_runtime_report(char *out, size_t n);
