/* The restore lease (docs/protocol.md LEASE_ACQUIRE): one per agent, held by one client for
 * one task. While it is held only its holder may mutate that task, and every mutation is a
 * compare-and-swap against the generation the lease expects, so two restores can never
 * interleave and a plan made before the task moved is never applied. */
#include "agent/agent.h"

#define LEASE_DEFAULT_MS 30000u
#define LEASE_MAX_MS 600000u

static uint64_t now_ms(struct agent *a) { return a->rt->now_ms(a->rt->ctx); }

/* Held and not timed out; a lease whose deadline passed is ended here. */
static bool lease_live(struct agent *a) {
  struct agent_lease *l = &a->lease;
  if (l->held && a->rt->now_ms && now_ms(a) >= l->deadline_ms)
    l->held = false;
  return l->held;
}

static void renew(struct agent *a) {
  if (a->rt->now_ms)
    a->lease.deadline_ms = now_ms(a) + a->lease.timeout_ms;
}

static void refuse_held(struct reply *rep) {
  reply_error(rep, ST_LEASE_HELD, 0,
              "a restore is in progress elsewhere: another client holds the restore lease; wait for "
              "it to finish (or for its lease to time out), then plan again");
}

static bool same_generation(uint32_t task, uint64_t now, uint64_t expected, struct reply *rep) {
  if (now == expected)
    return true;
  reply_error(rep, ST_GENERATION_MOVED, 0,
              "task %u is at generation %llu, not the expected %llu: it changed since the plan "
              "was made; plan again",
              task, (unsigned long long)now, (unsigned long long)expected);
  return false;
}

void agent_op_lease_acquire(struct agent *a, struct reader *r, struct reply *rep) {
  uint32_t task = rd_u32(r);
  uint64_t generation = rd_u64(r);
  uint32_t timeout_ms = rd_u32(r);
  struct agent_task_info ti;
  if (!request_parsed(r, rep))
    return;
  if (!a->rt->restore_allowed) {
    reply_error(rep, ST_REFUSED, 0, PROTO_REFUSED_TEXT);
    return;
  }
  if (timeout_ms > LEASE_MAX_MS) {
    reply_error(rep, ST_BAD_RANGE, 0, "lease timeout %u ms is over the limit of %u ms", timeout_ms,
                LEASE_MAX_MS);
    return;
  }
  if (!agent_task(a, task, &ti, rep))
    return;
  if (lease_live(a) && a->lease.client != rep->client) {
    refuse_held(rep);
    return;
  }
  if (!same_generation(task, ti.generation, generation, rep))
    return; /* not acquired; a lease this client held stays as it was */
  a->lease = (struct agent_lease){.held = true,
                                  .client = rep->client,
                                  .task = task,
                                  .generation = generation,
                                  .timeout_ms = timeout_ms ? timeout_ms : LEASE_DEFAULT_MS};
  renew(a);
  wr_u64(rep->w, generation);
}

void agent_op_lease_release(struct agent *a, struct reader *r, struct reply *rep) {
  if (!request_parsed(r, rep))
    return;
  if (a->lease.held && a->lease.client == rep->client)
    a->lease.held = false; /* someone else's lease is not ours to end */
}

bool agent_lease_check(struct agent *a, uint32_t task, struct reply *rep) {
  struct agent_task_info ti;
  if (!lease_live(a)) {
    reply_error(rep, ST_NO_LEASE, 0, "acquire the restore lease (LEASE_ACQUIRE) before changing a task");
    return false;
  }
  struct agent_lease *l = &a->lease;
  if (l->client != rep->client) {
    refuse_held(rep);
    return false;
  }
  if (task != l->task) {
    reply_error(rep, ST_BAD_RANGE, 0,
                "the restore lease is on task %u, not task %u: acquire it for this task first", l->task,
                task);
    return false;
  }
  if (!agent_task(a, task, &ti, rep) || !same_generation(task, ti.generation, l->generation, rep))
    return false;
  renew(a);
  return true;
}

void agent_lease_confirm(struct agent *a, uint32_t client, uint32_t task, uint64_t generation) {
  struct agent_lease *l = &a->lease;
  if (l->held && l->client == client && l->task == task)
    l->generation = generation;
}

void agent_lease_client_gone(struct agent *a, uint32_t client) {
  if (a->lease.held && a->lease.client == client)
    a->lease.held = false;
}
