#include "capsim/profile.h"

#include <string.h>

static const struct profile profiles[] = {
    {"genode-foc-16", 1, 0, 0x8, 0x9, 3, 128, 0x200, 4096, true, true, false, 16, 4, 3, 1, false},
    {"genode-foc-17", 1, 0xa, 0xb, 0xc, 3, 128, 0x200, 4096, true, false, false, 16, 4, 3, 1, false},
    {"genode-foc-19", 1, 0xa, 0xb, 0xc, 5, 128, 0x300, 4096, true, false, false, 16, 4, 5, 1, false},
    /* Genode 25.02 as recorded on the real system (samples/recorded): the
     * selectors of 19.05, 32-bit ids that core's id allocator (an AVL allocator
     * of 4-byte ids) hands out 8-aligned on 64-bit, vcpu slots empty for normal
     * threads, startup entries with ref count 0, receive windows of RPC-serving
     * threads only. */
    {"genode-foc-25", 1, 0xa, 0xb, 0xc, 5, 128, 0x300, 4096, true, false, false, 32, 8, 3, 0, true},
    /* No thread area, no cap map; the cap allocator from 0x400 (the
     * environment's first free cap); unpatched l4_task_cap_equal. */
    {"l4re", 1, 0xa, 0x13, 0x30, 1, 0, 0x400, 4096, false, false, true, 16, 4, 1, 1, false},
};

const struct profile *profile_find(const char *name) {
  for (unsigned i = 0; i < sizeof profiles / sizeof *profiles; i++)
    if (name && strcmp(profiles[i].name, name) == 0)
      return &profiles[i];
  return NULL;
}

const struct profile *profile_default(void) { return &profiles[2]; }

const char *profile_names(void) {
  return "genode-foc-16 genode-foc-17 genode-foc-19 genode-foc-25 l4re";
}
