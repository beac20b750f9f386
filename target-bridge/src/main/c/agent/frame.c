/* The one request path of every agent: a request frame in, one response frame
 * out. capsim's socket server, the L4Re agent and the Genode agent all answer
 * through agent_serve_frame_from; what only capsim does (the token gate,
 * injected faults) comes in through the hooks it installs. No OS calls, so it
 * builds against l4sim, L4Re and Genode alike. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "agent/agent.h"

void reply_error(struct reply *rep, uint16_t status, int32_t detail, const char *fmt, ...) {
  if (rep->status != ST_OK)
    return; /* the first error wins */
  rep->status = status;
  rep->detail = detail;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(rep->msg, sizeof rep->msg, fmt, ap);
  va_end(ap);
}

bool request_layout(struct reader *r, struct reply *rep) {
  if (!rd_done(r)) {
    reply_error(rep, ST_BAD_LENGTH, 0, "payload of %zu bytes does not match the layout", r->len);
    return false;
  }
  return true;
}

bool request_fits(struct reader *r, struct reply *rep) {
  if (r->too_long) {
    reply_error(rep, ST_BAD_RANGE, 0, "string longer than this target keeps");
    return false;
  }
  return true;
}

/* The layout (BAD_LENGTH) is judged before the values (BAD_RANGE), as protocol.md §3 says. */
bool request_parsed(struct reader *r, struct reply *rep) {
  return request_layout(r, rep) && request_fits(r, rep);
}

/* Replaces whatever was written from `start` with rep's error frame. */
static void error_frame(struct writer *out, size_t start, uint16_t op, uint32_t id,
                        const struct reply *rep) {
  out->len = start;
  out->overflow = false;
  wr_frame_begin(out, op, id);
  wr_u32(out, (uint32_t)rep->detail);
  wr_str(out, rep->msg);
  wr_frame_end(out, start, rep->status);
}

bool agent_header_ok(const struct proto_header *h) {
  return h->magic == PROTO_MAGIC && h->version == PROTO_VERSION &&
         h->payload_len <= PROTO_MAX_REQUEST_PAYLOAD;
}

void agent_peer_end(struct agent *a, struct agent_peer *p) {
  if (a->hooks && a->hooks->peer_end)
    a->hooks->peer_end(a, p);
  agent_lease_client_gone(a, p->client); /* the lease lives and dies with its connection */
}

/* A request whose header is good: hooks, the operation, its answer. */
static void serve_request(struct agent *a, struct agent_peer *p, uint16_t op, uint32_t id,
                          const uint8_t *payload, size_t plen, struct writer *out, size_t start,
                          struct reply *rep) {
  const struct agent_hooks *h = a->hooks;
  if (h && h->admit && h->admit(a, p, op, payload, plen, rep)) {
    if (rep->status == ST_OK) {
      wr_frame_begin(out, op, id);
      wr_frame_end(out, start, ST_OK);
    }
    return;
  }
  agent_op_fn fn = agent_read_op(op);
  bool mutation = false;
  if (!fn) {
    fn = agent_mutation_op(op);
    mutation = fn != NULL;
  }
  if (!fn) {
    reply_error(rep, ST_UNKNOWN_OPCODE, 0, "unknown opcode");
    return;
  }
  if (h && h->before_op)
    h->before_op(a, p, op, mutation, rep);
  wr_frame_begin(out, op, id);
  if (rep->status == ST_OK) {
    struct reader r;
    rd_init(&r, payload, plen);
    rep->w = out;
    fn(a, &r, rep);
  }
  if (rep->status == ST_OK && out->overflow)
    reply_error(rep, ST_INTERNAL, 0, "response over the payload limit");
  if (rep->status != ST_OK)
    return;
  if (h && h->after_op)
    h->after_op(a, p, op, payload, plen, rep);
  wr_frame_end(out, start, ST_OK);
}

bool agent_serve_frame_from(struct agent *a, struct agent_peer *p, const uint8_t *f, size_t len,
                            struct writer *out) {
  size_t start = out->len;
  /* An agent with a smaller exchange buffer (Genode) answers within it: CAP_MAP
   * then pages earlier, anything else over it is an INTERNAL error. */
  size_t max = a->max_response && a->max_response < PROTO_MAX_RESPONSE_PAYLOAD
                   ? a->max_response
                   : PROTO_MAX_RESPONSE_PAYLOAD;
  out->limit = start + PROTO_HEADER_SIZE + max;
  struct reply rep = {.client = p->client};
  struct proto_header h = {0};
  if (len >= PROTO_HEADER_SIZE)
    proto_header_decode(f, &h);
  if (len < PROTO_HEADER_SIZE || h.magic != PROTO_MAGIC) {
    reply_error(&rep, ST_BAD_MAGIC, 0, "bad magic");
    error_frame(out, start, 0, 0, &rep);
    return false;
  }
  if (h.version != PROTO_VERSION)
    reply_error(&rep, ST_BAD_VERSION, 0, "unsupported protocol version");
  else if (h.payload_len > PROTO_MAX_REQUEST_PAYLOAD)
    reply_error(&rep, ST_TOO_LARGE, 0, "request payload over 65536 bytes");
  else if (h.payload_len != len - PROTO_HEADER_SIZE)
    reply_error(&rep, ST_BAD_LENGTH, 0, "frame of %zu bytes declares %u payload bytes", len,
                (unsigned)h.payload_len);
  if (rep.status != ST_OK) {
    error_frame(out, start, h.opcode, h.id, &rep);
    return rep.status == ST_BAD_LENGTH;
  }
  serve_request(a, p, h.opcode, h.id, f + PROTO_HEADER_SIZE, h.payload_len, out, start, &rep);
  if (rep.status != ST_OK)
    error_frame(out, start, h.opcode, h.id, &rep);
  return !p->close;
}

bool agent_serve_frame(struct agent *a, const uint8_t *f, size_t len, struct writer *out) {
  struct agent_peer line = {.client = AGENT_LINE_CLIENT, .authed = true};
  return agent_serve_frame_from(a, &line, f, len, out);
}

void agent_error_frame(struct writer *out, uint16_t op, uint32_t id, uint16_t status, const char *msg) {
  struct reply rep = {.status = ST_OK};
  reply_error(&rep, status, 0, "%s", msg);
  error_frame(out, out->len, op, id, &rep);
}
