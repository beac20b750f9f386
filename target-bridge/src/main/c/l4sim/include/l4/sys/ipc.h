/* l4sim: IPC error reporting as in l4/sys/ipc.h. Invoking an empty or
 * invalid capability fails at the IPC level: the tag carries L4_MSGTAG_ERROR
 * and the UTCB the IPC error code; l4_error() folds both conventions into
 * one negative number, or returns the label (>= 0) on success. */
#pragma once
#include <l4/sys/compiler.h>
#include <l4/sys/err.h>
#include <l4/sys/types.h>
#include <l4/sys/utcb.h>

enum l4_ipc_tcr_error_t {
  L4_IPC_ERROR_MASK = 0x1F,
  L4_IPC_SND_ERR_MASK = 0x01,
  L4_IPC_ENOT_EXISTENT = 0x04,
  L4_IPC_RETIMEOUT = 0x03,
  L4_IPC_SETIMEOUT = 0x02,
  L4_IPC_RECANCELED = 0x07,
  L4_IPC_SECANCELED = 0x06,
  L4_IPC_REMAPFAILED = 0x11,
  L4_IPC_SEMAPFAILED = 0x10,
};

L4_BEGIN_DECLS
/* IPC error code stored in the UTCB by the last failed invocation. */
l4_umword_t l4_ipc_error(l4_msgtag_t tag, l4_utcb_t *utcb) L4_NOTHROW;
L4_END_DECLS

L4_INLINE l4_ret_t l4_ipc_to_errno(unsigned long ipc_error_code) L4_NOTHROW {
  return (l4_ret_t) - (long)(L4_EIPC_LO + ipc_error_code);
}

L4_INLINE l4_ret_t l4_error_u(l4_msgtag_t tag, l4_utcb_t *utcb) L4_NOTHROW {
  if (l4_msgtag_has_error(tag))
    return l4_ipc_to_errno(l4_ipc_error(tag, utcb));
  return (l4_ret_t)l4_msgtag_label(tag);
}

/* Same result as l4_error_u(tag, l4_utcb()); the UTCB is only read on error. */
L4_INLINE l4_ret_t l4_error(l4_msgtag_t tag) L4_NOTHROW {
  return l4_msgtag_has_error(tag) ? l4_error_u(tag, l4_utcb()) : (l4_ret_t)l4_msgtag_label(tag);
}
