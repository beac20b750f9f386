/* l4sim: the user thread control block, reduced to what l4sim needs (the
 * error code of a failed invocation, see l4/sys/ipc.h). */
#pragma once
#include <l4/sys/compiler.h>
#include <l4/sys/l4int.h>

typedef struct l4_utcb_t l4_utcb_t;

L4_BEGIN_DECLS
/* The calling thread's UTCB (one per process in l4sim). */
l4_utcb_t *l4_utcb(void) L4_NOTHROW;
L4_END_DECLS
