/* capsim's socket server, shared by its parts: listeners (listen.c), the poll
 * loop and its connections (server.c), idle-connection eviction (idle.c).
 * POSIX only; the L4Re and Genode agents serve their line without it. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

#include "agent/agent.h"

#define IN_CAP (PROTO_HEADER_SIZE + PROTO_MAX_REQUEST_PAYLOAD)
#define OUT_LIMIT ((size_t)PROTO_MAX_IN_FLIGHT * (PROTO_HEADER_SIZE + PROTO_MAX_RESPONSE_PAYLOAD) + 4096)

struct conn {
  int fd;
  uint8_t *in;
  size_t in_len;
  struct writer out;
  size_t out_off;
  uint64_t sent_total;
  uint64_t ends[PROTO_MAX_IN_FLIGHT]; /* queued_total at each response's end */
  unsigned nends;
  bool closing; /* close once the output is flushed */
  bool dead;
  bool line;              /* a serial line: never closed, reset to a clean state instead */
  struct agent_peer peer; /* the lease identity (unique per connection, a line is one), auth */
  /* Monotonic ms of the last sign of life: accepted, a complete request frame
   * received, or answer bytes taken by the client (see agent_expire_idle). */
  int64_t last_active_ms;
  struct armor_rx *arx; /* a line speaks armored frames (agent/armor.h) */
};

int64_t conn_mono_ms(void);
void conn_set_nonblock(int fd);
struct conn *conn_new(int fd);
void conn_free(struct conn *c);
/* Frees the connection in `slot` and ends its peer (hooks' state, restore lease). */
void conn_drop(struct agent *a, int slot);

/* idle.c: the slot to give a new client when all are taken (-1: none is idle
 * enough), and closing an idle connection with a note on stderr. */
int conn_evictable_slot(struct agent *a, int64_t now);
void conn_drop_idle(struct agent *a, int slot, const char *why, int64_t idle_ms);
