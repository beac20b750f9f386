/* l4sim control interface: everything a real kernel does by itself (booting,
 * switching between tasks) and that the simulation must be told. Code that
 * should also run on a real kernel (the agent's probing) never uses this. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include <l4/sys/types.h>

/* Slots per object space (the model's answer to "past the space"). */
#define L4SIM_SPACE_SLOTS (1u << 16)

struct l4sim_config {
  /* true: l4_task_cap_equal compares object identity (Genode kernel patch);
   * false: interface and W/S rights as stored (unpatched Fiasco.OC). */
  bool cap_equal_identity;
};

/* Boot the kernel: creates the root task with Fiasco's default caps (task 1,
 * factory 2, thread 3, pager 4, log 5, icu 6, scheduler 7, debugger 10) and
 * makes it the current task. Returns the root task's global id, 0 on error. */
uint32_t l4sim_boot(const struct l4sim_config *cfg);

/* Destroy every object and space. Safe to call when not booted. */
void l4sim_shutdown(void);

/* Global id of the task the next L4 call is issued from. */
uint32_t l4sim_current_task(void);

/* Issue subsequent calls from the task with global id `task_id`.
 * Returns the previous current task, or 0 if no such task lives. */
uint32_t l4sim_enter_task(uint32_t task_id);

/* Global id of the task object named by `task_cap` in the current space,
 * or 0 if the slot does not hold a task. */
uint32_t l4sim_task_id_of(l4_cap_idx_t task_cap);

/* Monotonic count of slot changes in a task's space (0 for unknown tasks):
 * the runtime folds it into its per-task generation. */
uint64_t l4sim_space_changes(uint32_t task_id);

/* Live kernel objects (for leak checks in tests). */
uint32_t l4sim_live_objects(void);

bool l4sim_cap_equal_identity(void);
