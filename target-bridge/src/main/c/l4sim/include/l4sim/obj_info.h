/* l4sim's per-slot object-info query: kind, id, label and mapping count of
 * the object behind a slot of a given task, the way a kernel debugger knows
 * them. Real Fiasco has no such per-slot call in its public API (newer
 * kernels dump all objects in bulk, l4_debugger_query_obj_infos), so only
 * l4sim, capsim and tests use this; the agent asks its runtime. */
#pragma once
#include <l4/sys/debugger.h>

#define L4_DEBUGGER_HAVE_OBJ_INFO 1

/* Object kinds, numbered as in docs/protocol.md (JDB type names). */
enum l4_debugger_kobj_kind {
  L4_KOBJ_UNKNOWN = 0,
  L4_KOBJ_TASK = 1,
  L4_KOBJ_THREAD = 2,
  L4_KOBJ_IPC_GATE = 3,
  L4_KOBJ_IRQ_SENDER = 4,
  L4_KOBJ_IRQ_SEMAPHORE = 5,
  L4_KOBJ_FACTORY = 6,
  L4_KOBJ_SCHEDULER = 7,
  L4_KOBJ_VLOG = 8,
  L4_KOBJ_ICU = 9,
  L4_KOBJ_VM = 10,
  L4_KOBJ_JDB = 11,
  L4_KOBJ_DMA_SPACE = 12,
  L4_KOBJ_SEMAPHORE = 13,
  L4_KOBJ_IOMMU = 14,
};

typedef struct l4_debugger_obj_info_t {
  l4_umword_t global_id; /* debugger id of the object */
  l4_umword_t label;     /* IPC gate label, 0 for other kinds */
  l4_umword_t mappings;  /* slots naming the object, all tasks */
  unsigned kind;         /* enum l4_debugger_kobj_kind */
  unsigned rights;       /* rights of the queried slot (L4_CAP_FPAGE_*) */
} l4_debugger_obj_info_t;

L4_BEGIN_DECLS

/* Info about the object behind slot `cap` of task `task`, asked through the
 * debugger object `dbg` (L4_BASE_DEBUGGER_CAP for the root task). Label 0 on
 * success, -L4_ENOENT if the slot is empty. */
l4_msgtag_t l4_debugger_obj_info(l4_cap_idx_t dbg, l4_cap_idx_t task, l4_cap_idx_t cap,
                                 l4_debugger_obj_info_t *info) L4_NOTHROW;

L4_END_DECLS
