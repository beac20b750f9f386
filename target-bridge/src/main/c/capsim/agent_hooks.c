#include "capsim/agent_hooks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* FAULT_RESTORE_DROPS_LAST_OP: a mutation acknowledged, not yet performed. */
struct pending {
  bool has;
  uint16_t op;
  uint8_t *payload;
  size_t len;
};

static enum capsim_fault fault_of(const struct agent *a) {
  return (enum capsim_fault)(uintptr_t)a->hooks_ctx;
}

/* With a token configured, a socket client must send AUTH with it before any
 * request but HELLO (answered first, so a client can see it talks to an agent
 * before it hands over its token). Any other request before it, and any AUTH
 * that is not exactly the token (malformed, wrong, also after a right one),
 * gets one UNAUTHORIZED frame and the connection closes. */
static bool token_gate(struct agent *a, struct agent_peer *p, uint16_t op, const uint8_t *payload,
                       size_t len, struct reply *rep) {
  if (!a->token[0] || op == OP_HELLO || (p->authed && op != OP_AUTH))
    return false;
  if (op == OP_AUTH)
    agent_check_token(a, payload, len, rep);
  else
    reply_error(rep, ST_UNAUTHORIZED, 0, "authentication required: send AUTH with the token");
  if (rep->status != ST_OK)
    p->close = true;
  else
    p->authed = true;
  return true;
}

static void pending_drop(struct agent_peer *p) {
  struct pending *q = p->hook_state;
  if (q && q->has)
    fprintf(stderr, "capsim: fault restore-drops-last-op: dropped acknowledged op 0x%02x\n", q->op);
  if (q)
    q->has = false;
}

/* Perform the pending (acknowledged) mutation for real; its reply is gone. */
static void pending_flush(struct agent *a, struct agent_peer *p) {
  struct pending *q = p->hook_state;
  if (!q || !q->has)
    return;
  q->has = false;
  struct writer scratch;
  wr_init(&scratch, PROTO_MAX_RESPONSE_PAYLOAD);
  /* runs as the lease holder it was acknowledged to */
  struct reply rep = {.w = &scratch, .client = p->client};
  struct reader r;
  rd_init(&r, q->payload, q->len);
  agent_mutation_op(q->op)(a, &r, &rep);
  wr_free(&scratch);
}

static void fault_before(struct agent *a, struct agent_peer *p, uint16_t op, bool mutation,
                         struct reply *rep) {
  switch (fault_of(a)) {
  case FAULT_RESTORE_DROPS_LAST_OP:
    if (!mutation) {
      pending_drop(p);
    } else {
      pending_flush(a, p);
      rep->dry_run = agent_op_deferrable(op);
    }
    break;
  case FAULT_MUTATIONS_FAIL:
    if (mutation)
      reply_error(rep, ST_L4_ERROR, -1, "injected fault: mutation failed");
    break;
  case FAULT_NONE: break;
  }
}

/* An acknowledged dry run becomes the pending operation. */
static void fault_after(struct agent *a, struct agent_peer *p, uint16_t op, const uint8_t *payload,
                        size_t len, const struct reply *rep) {
  (void)a;
  if (!rep->dry_run)
    return;
  struct pending *q = p->hook_state ? p->hook_state : calloc(1, sizeof *q);
  if (!q)
    return;
  p->hook_state = q;
  uint8_t *copy = realloc(q->payload, len ? len : 1);
  if (copy) {
    memcpy(copy, payload, len);
    *q = (struct pending){.has = true, .op = op, .payload = copy, .len = len};
  }
}

static void peer_end(struct agent *a, struct agent_peer *p) {
  (void)a;
  pending_drop(p);
  struct pending *q = p->hook_state;
  if (q)
    free(q->payload);
  free(q);
  p->hook_state = NULL;
}

static const struct agent_hooks capsim_hooks = {
    .admit = token_gate,
    .before_op = fault_before,
    .after_op = fault_after,
    .peer_end = peer_end,
};

bool capsim_fault_parse(const char *name, enum capsim_fault *out) {
  if (!strcmp(name, "restore-drops-last-op"))
    *out = FAULT_RESTORE_DROPS_LAST_OP;
  else if (!strcmp(name, "mutations-fail"))
    *out = FAULT_MUTATIONS_FAIL;
  else
    return false;
  return true;
}

void capsim_hooks_install(struct agent *a, enum capsim_fault fault) {
  a->hooks = &capsim_hooks;
  a->hooks_ctx = (void *)(uintptr_t)fault;
}
