/* l4sim: kernel-debugger (JDB) queries of l4/sys/debugger.h, real names only.
 * l4_debugger_global_id() exists on every JDB-enabled Fiasco. l4sim's
 * per-slot object-info query is no public l4sys call: it lives in
 * <l4sim/obj_info.h>, reached by the agent only through its runtime. */
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
  L4_DEBUGGER_OBJ_INFO_OP = 7UL, /* the bulk object dump of 2023+ kernels */
};

L4_BEGIN_DECLS

/* Global id of the object behind `cap` (caller's space); ~0UL if invalid. */
unsigned long l4_debugger_global_id(l4_cap_idx_t cap) L4_NOTHROW;

L4_END_DECLS
