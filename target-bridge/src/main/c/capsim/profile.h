/* Layout profiles: the constants of Genode's base-foc native_capability.h
 * for the Genode releases capsim can emulate (docs/background.md §1), and `l4re` for
 * plain L4Re programs as moe starts them (docs/background.md §4, samples/profiles/l4re.json). */
#pragma once
#include <stdbool.h>

struct profile {
  const char *name;
  unsigned task_cap;  /* = L4_BASE_TASK_CAP >> 12 */
  unsigned debug_cap; /* 0 = none in this release */
  unsigned parent_cap;
  unsigned thread_base; /* THREAD_AREA_BASE = MAIN_THREAD_CAP */
  unsigned thread_slot; /* caps per thread */
  unsigned thread_max;
  unsigned user_base;      /* USER_BASE_CAP: first cap-map index the allocator hands out */
  unsigned capmap_size;    /* Cap_index array entries */
  bool cap_equal_identity; /* Genode's kernel patch */
  bool has_ram_session;    /* RAM sessions were merged into PD in 17.05 */
  bool l4re;               /* plain L4Re programs (capsim/l4re_env.c), not a Genode system */
  unsigned id_bits;        /* width of a cap-map id: 16, or 32 since Genode 25.02 */
  unsigned id_step;        /* core's capability ids come in these steps */
  /* Slots core fills for a thread that is no vCPU: all of them in the older
   * models; gate, pager and irq as observed on Genode 25.02 (vcpu slots stay empty). */
  unsigned thread_slots_mapped;
  /* Ref count of the entries core's startup files (parent, thread gates, receive
   * windows): 0 as observed on Genode 25.02, where nothing holds them as capabilities. */
  unsigned startup_ref;
  /* Receive windows as observed on Genode 25.02: one per RPC-serving thread (an
   * entrypoint: not the main thread, which is the initial entrypoint's signal proxy,
   * nor a signal thread); the main thread holds one only for its start-up calls.
   * Older models: every thread keeps one. */
  bool server_windows;
};

/* Per-thread slot offsets. */
enum { THREAD_GATE = 0, THREAD_PAGER = 1, THREAD_IRQ = 2, THREAD_VCPU = 3, THREAD_VCPU_IRQ = 4 };

const struct profile *profile_find(const char *name);
const struct profile *profile_default(void);
/* Space-separated list of known names, for messages. */
const char *profile_names(void);
