/* Idle connections: closed after the idle timeout, and evicted when every slot is
 * taken and a new client knocks (docs/protocol.md §1 limits). Serial lines are exempt. */
#include <stdint.h>
#include <stdio.h>

#include "agent/conn.h"

/* All slots taken: the slot of the connection idle longest, if it has been idle
 * for at least half the idle timeout (a client pausing between the requests of a
 * walk keeps its connection); -1 if none qualifies or idle timeouts are off. */
int conn_evictable_slot(struct agent *a, int64_t now) {
  if (!a->idle_timeout_ms)
    return -1;
  int best = -1;
  int64_t best_idle = (int64_t)a->idle_timeout_ms / 2;
  for (int i = 0; i < PROTO_MAX_CONNECTIONS; i++) {
    struct conn *c = a->conns[i];
    if (!c || c->line)
      continue;
    int64_t idle = now - c->last_active_ms;
    if (idle >= best_idle) {
      best = i;
      best_idle = idle + 1; /* strictly longer wins; the first of equals stays */
    }
  }
  return best;
}

void conn_drop_idle(struct agent *a, int slot, const char *why, int64_t idle_ms) {
  fprintf(stderr, "agent: closed a connection idle for %lld.%03lld s (%s)\n",
          (long long)(idle_ms / 1000), (long long)(idle_ms % 1000), why);
  conn_drop(a, slot);
  a->idle_dropped++;
}

int agent_poll_timeout_ms(struct agent *a) {
  if (!a->idle_timeout_ms)
    return -1;
  int64_t now = conn_mono_ms(), next = -1;
  for (int i = 0; i < PROTO_MAX_CONNECTIONS; i++) {
    struct conn *c = a->conns[i];
    if (!c || c->line)
      continue;
    int64_t left = c->last_active_ms + (int64_t)a->idle_timeout_ms - now;
    if (left < 0)
      left = 0;
    if (next < 0 || left < next)
      next = left;
  }
  return next > INT32_MAX ? INT32_MAX : (int)next;
}

void agent_expire_idle(struct agent *a) {
  if (!a->idle_timeout_ms)
    return;
  int64_t now = conn_mono_ms();
  for (int i = 0; i < PROTO_MAX_CONNECTIONS; i++) {
    struct conn *c = a->conns[i];
    if (!c || c->line)
      continue;
    int64_t idle = now - c->last_active_ms;
    if (idle >= (int64_t)a->idle_timeout_ms)
      conn_drop_idle(a, i, c->in_len ? "stalled in the middle of a frame" : "idle timeout", idle);
  }
}
