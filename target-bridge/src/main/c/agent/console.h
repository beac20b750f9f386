/* The agent on a kernel console (docs/protocol.md §6.1): what it must do to
 * the console before speaking armored frames there. Same code on L4Re (the
 * kernel's Vlog) and in capsim (l4sim's tty-backed model of it). */
#pragma once
#include <stdbool.h>

#include <l4/sys/types.h>

/* Clear the console's echo: a console that echoes hands every request back to
 * the client before the answer. False if the console refused. */
bool console_echo_off(l4_cap_idx_t con);
