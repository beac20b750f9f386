/* l4sim: compiler helpers named as in L4Re's l4sys (l4/sys/compiler.h). */
#pragma once

#ifdef __cplusplus
#define L4_BEGIN_DECLS extern "C" {
#define L4_END_DECLS }
#define L4_NOTHROW noexcept
#else
#define L4_BEGIN_DECLS
#define L4_END_DECLS
#define L4_NOTHROW
#endif

/* Real l4sys defines its calls as inline functions doing a syscall; in l4sim
 * the calls are ordinary functions of the model, small helpers stay inline. */
#define L4_INLINE static inline
