/* l4sim: kernel-debugger (JDB) queries of l4/sys/debugger.h.
 *
 * l4_debugger_global_id() exists on every JDB-enabled Fiasco. The object-info
 * query below models the debugger's per-object info facility of newer
 * kernels (kind, id, label, mapping count of the object behind a slot of a
 * given task). Code that must also run where the facility is missing checks
 * L4_DEBUGGER_HAVE_OBJ_INFO and otherwise reports "kind unknown". */
#pragma once
#include <l4/sys/compiler.h>
#include <l4/sys/ipc.h>
#include <l4/sys/types.h>

enum {
  L4_DEBUGGER_NAME_SET_OP = 0UL,
  L4_DEBUGGER_GLOBAL_ID_OP = 1UL,
  L4_DEBUGGER_KOBJ_TO_ID_OP = 2UL,
  L4_DEBUGGER_QUERY_LOG_TYPEID_OP = 3UL,
  L4_DEBUGGER_SWITCH_LOG_OP = 4UL,
  L4_DEBUGGER_NAME_GET_OP = 5UL,
  L4_DEBUGGER_QUERY_LOG_NAME_OP = 6UL,
  L4_DEBUGGER_OBJ_INFO_OP = 7UL,
};

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

/* Global id of the object behind `cap` (caller's space); ~0UL if invalid. */
unsigned long l4_debugger_global_id(l4_cap_idx_t cap) L4_NOTHROW;

/* Info about the object behind slot `cap` of task `task`, asked through the
 * debugger object `dbg` (L4_BASE_DEBUGGER_CAP for the root task). Label 0 on
 * success, -L4_ENOENT if the slot is empty. */
l4_msgtag_t l4_debugger_obj_info(l4_cap_idx_t dbg, l4_cap_idx_t task, l4_cap_idx_t cap,
                                 l4_debugger_obj_info_t *info) L4_NOTHROW;

L4_END_DECLS
