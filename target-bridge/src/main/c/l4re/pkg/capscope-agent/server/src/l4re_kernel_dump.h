/* The kernel debugger's object dump on L4Re (l4re_kernel_dump.c). Only on
 * kernels where JDB was entered once (see l4re_runtime.h). L4Re-only. */
#pragma once
#include <stdbool.h>

#include <l4/sys/types.h>

#include "agent/kdump.h"

/* Takes the jdb cap; with `memory` also the kernel-user memory the kernel
 * writes the dump into (without it every read fails). */
void l4re_kernel_dump_setup(l4_cap_idx_t jdb, bool memory);
/* Whether the kernel-user memory for the dump could be had. */
bool l4re_kernel_dump_has_memory(void);
/* The whole dump into `dump`; each page also printed on `con` as hex lines
 * ("capscope-agent: kdump ...") unless `con` is the invalid cap. */
bool l4re_kernel_dump_read(struct kdump *dump, l4_cap_idx_t con);
