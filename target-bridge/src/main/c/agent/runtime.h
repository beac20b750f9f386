/* What the agent needs from the runtime it lives in, beyond the L4 API.
 *
 * The agent probes object spaces only through L4 calls (l4_task_cap_valid,
 * l4_debugger_global_id, ...) on task caps the runtime hands it. Everything a
 * kernel cannot know -- task names, threads, Genode cap-map entries and their
 * meaning -- comes from the runtime (capsim here; a Genode parent or monitor
 * on a real system), like a virtualizing parent keeps it. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

#include <l4/sys/types.h>

#include "protocol/proto.h"

#define AGENT_NAME_MAX 128
#define AGENT_IFACE_MAX 32
#define AGENT_LABEL_MAX 256
#define AGENT_ARGS_MAX 256

struct agent_semantics {
  char iface[AGENT_IFACE_MAX];
  char label[AGENT_LABEL_MAX];
  char args[AGENT_ARGS_MAX];
  char server[AGENT_NAME_MAX];
  uint32_t server_task;
  uint64_t quota;
};

struct agent_capmap_entry {
  uint16_t index;
  uint32_t raw_id; /* 0xFFFF: allocated without badge */
  uint8_t ref_cnt;
  uint8_t flags;
  struct agent_semantics sem;
};

struct agent_task_info {
  uint32_t id;
  uint32_t parent_id;
  char name[AGENT_NAME_MAX];
  /* In the agent's own space; L4_INVALID_CAP for a task the agent sees only
   * through the kernel debugger's records (the runtime's `mapped`). */
  l4_cap_idx_t task_cap;
  uint16_t thread_count;
  uint64_t generation;
  /* The task's debug id when known without a task cap; ~0UL = unknown. */
  unsigned long kernel_id;
};

struct agent_thread_info {
  uint16_t index;
  uint16_t first_sel;
  uint8_t slots;
  uint8_t state;
  char name[48];
};

/* What a kernel debugger says about the object behind one slot; kinds are
 * numbered as on the wire (docs/protocol.md CAP_INFOS). */
struct agent_obj_info {
  uint32_t global_id;
  uint64_t label;    /* IPC gate label, 0 for other kinds */
  uint32_t mappings; /* slots naming the object in all tasks */
  uint8_t kind;
  uint8_t rights; /* of the queried slot: W 1, S 2, R 4, D 8; PROTO_RIGHTS_UNKNOWN */
  /* A runtime that knows a slot's kind from its own records, not from a kernel
   * debugger (Genode), knows no label or mapping count for some: it sets these. */
  bool label_unknown;
  bool mappings_unknown;
};

/* Result of a runtime mutation: a protocol status (0 = OK) and an L4 error. */
struct agent_result {
  uint16_t status;
  int32_t detail;
  char message[128];
};

struct agent_runtime {
  void *ctx;
  const char *kernel;
  const char *profile;
  const char *version;
  bool restore_allowed;
  bool simulated;
  /* Debugger object in the agent's space for kind queries; L4_INVALID_CAP
   * if the kernel has none. */
  l4_cap_idx_t debugger_cap;
  /* Kernel factory in the agent's space (CREATE_OBJECT). */
  l4_cap_idx_t factory_cap;
  /* A free slot in the agent's space used to stage newly created objects. */
  l4_cap_idx_t scratch_cap;

  /* Kind, id, label of the object at `sel` in a task. The kernel has no
   * per-slot query; Fiasco's debugger dumps all objects with their slots in
   * bulk (l4_debugger_query_obj_infos, 2023+ kernels; agent/kdump.h), so it
   * sits here: NULL, or false for a slot, means "kind unknown". */
  bool (*obj_info)(void *ctx, const struct agent_task_info *task, unsigned sel,
                   struct agent_obj_info *out);
  /* Whether `sel` names an object in a task whose task_cap is invalid (seen
   * through the debugger's records only): 1 yes, 0 no, -1 cannot tell.
   * NULL when every task comes with a task cap. */
  int (*mapped)(void *ctx, const struct agent_task_info *task, unsigned sel);

  /* Make the agent's own task the one L4 calls are issued from. */
  void (*enter)(void *ctx);
  unsigned (*task_count)(void *ctx);
  bool (*task_at)(void *ctx, unsigned i, struct agent_task_info *out);
  bool (*task_by_id)(void *ctx, uint32_t id, struct agent_task_info *out);
  bool (*task_by_name)(void *ctx, const char *name, struct agent_task_info *out);
  unsigned (*threads)(void *ctx, uint32_t task, struct agent_thread_info *out, unsigned max);
  /* Entry at `index` if allocated (raw id != 0). */
  bool (*capmap_get)(void *ctx, uint32_t task, uint16_t index, struct agent_capmap_entry *out);

  /* Mutations (only called when restore_allowed). */
  struct agent_result (*create_session)(void *ctx, uint32_t task, uint16_t sel,
                                        const struct agent_semantics *sem, uint16_t *badge,
                                        uint32_t *object_id);
  struct agent_result (*set_capmap)(void *ctx, uint32_t task, const struct agent_capmap_entry *e);
  struct agent_result (*clear_capmap)(void *ctx, uint32_t task, uint16_t index);
  /* Close the session whose cap is at `sel` in the task at its server, as the task's parent
   * would: the server forgets it and its gate is destroyed, the parent's record and the task's
   * cap-map entry go. NULL: the runtime keeps no sessions (CLOSE_SESSION fails). */
  struct agent_result (*close_session)(void *ctx, uint32_t task, uint16_t sel);
  /* The agent changed a task's space through L4 calls. */
  void (*changed)(void *ctx, uint32_t task);
  /* A monotonic clock in milliseconds for the restore lease's timeout; NULL = leases never
   * time out (they still end with LEASE_RELEASE or their connection). */
  uint64_t (*now_ms)(void *ctx);
};
