/* Plain L4Re programs on l4sim, for the `l4re` profile (docs/background.md §4): moe
 * (played by core) starts a program as a task with its own cap at 1 and fills
 * its space cap by cap, each one a kernel object of a given kind; the caps
 * the L4Re environment names (factory, log, rom, mem, ...) are recorded as
 * cap-map entries -- index = selector, raw id 0xFFFF, interface "L4Re::Env",
 * label = the name -- exactly as the agent's L4Re runtime reports them
 * (l4re/pkg/capscope-agent/server/src/l4re_runtime.c). No threads, no
 * Genode cap map, no sessions. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

#include "capsim/genode.h"

#define L4RE_ENV_IFACE "L4Re::Env"

struct component *l4re_program_start(struct genode *g, const char *name);

/* What to put at a selector of a program's space. */
struct l4re_cap {
  const char *kind; /* l4re_cap_kinds(); ignored with copy_of */
  unsigned copy_of; /* nonzero: copy the program's own selector instead */
  const char *name; /* environment name, NULL for an unnamed cap */
  uint64_t label;   /* IPC gate label */
};

/* Fill `sel` of program `c` (replacing what was there). -1 with g->err set. */
int l4re_cap_put(struct genode *g, struct component *c, unsigned sel, const struct l4re_cap *cap);

/* The kind names l4re_cap_put takes, for messages. */
const char *l4re_cap_kinds(void);
