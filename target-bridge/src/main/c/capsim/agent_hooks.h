/* What capsim adds around each request of the shared agent (agent/frame.c): the
 * token gate of socket clients and the faults a test can inject. The L4Re and
 * Genode agents install none of this. */
#pragma once
#include "agent/agent.h"

/* Faults capsim can inject so that clients can test their recovery. */
enum capsim_fault {
  FAULT_NONE = 0,
  /* The last UNMAP/MAP_COPY/SET_CAPMAP_ENTRY/CLEAR_CAPMAP_ENTRY/CLOSE_SESSION
   * before a read request (or disconnect) is acknowledged but not performed. */
  FAULT_RESTORE_DROPS_LAST_OP = 1,
  /* Every mutation fails with status ST_L4_ERROR, detail -1. */
  FAULT_MUTATIONS_FAIL = 2,
};

/* "restore-drops-last-op" / "mutations-fail"; false for any other name. */
bool capsim_fault_parse(const char *name, enum capsim_fault *out);

/* Installs the token gate (effective once agent_set_token gave a token) and the
 * fault on agent a; call after agent_listen. */
void capsim_hooks_install(struct agent *a, enum capsim_fault fault);
