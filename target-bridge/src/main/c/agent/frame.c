/* Transport-independent request handling: error replies, exact-length
 * parsing, and serving one whole frame (used where no poll loop runs, as in
 * the L4Re agent). No OS calls, so it builds against l4sim and L4Re alike. */
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
    reply_error(rep, ST_BAD_LENGTH, 0, "payload of %zu bytes does not match the layout",
                r->len);
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

static void header(struct writer *w, uint16_t op, uint32_t id) {
  wr_u32(w, PROTO_MAGIC);
  wr_u16(w, PROTO_VERSION);
  wr_u16(w, op);
  wr_u32(w, id);
  wr_u16(w, 0);
  wr_u16(w, 0);
  wr_u32(w, 0);
}

static void error_frame(struct writer *out, size_t start, uint16_t op, uint32_t id,
                        const struct reply *rep) {
  out->len = start;
  out->overflow = false;
  header(out, op, id);
  wr_u32(out, (uint32_t)rep->detail);
  wr_str(out, rep->msg);
  wr_put_u16_at(out, start + 12, rep->status);
  wr_put_u32_at(out, start + 16, (uint32_t)(out->len - start - PROTO_HEADER_SIZE));
}

bool agent_serve_frame(struct agent *a, const uint8_t *f, size_t len, struct writer *out) {
  size_t start = out->len;
  struct reply rep = {.client = AGENT_LINE_CLIENT}; /* one line, one client */
  if (len < PROTO_HEADER_SIZE || get_u32(f) != PROTO_MAGIC) {
    reply_error(&rep, ST_BAD_MAGIC, 0, "bad magic");
    error_frame(out, start, 0, 0, &rep);
    return false;
  }
  uint16_t op = get_u16(f + 6);
  uint32_t id = get_u32(f + 8), plen = get_u32(f + 16);
  if (get_u16(f + 4) != PROTO_VERSION)
    reply_error(&rep, ST_BAD_VERSION, 0, "unsupported protocol version");
  else if (plen > PROTO_MAX_REQUEST_PAYLOAD)
    reply_error(&rep, ST_TOO_LARGE, 0, "request payload over 65536 bytes");
  else if (plen != len - PROTO_HEADER_SIZE)
    reply_error(&rep, ST_BAD_LENGTH, 0, "frame of %zu bytes declares %u payload bytes", len,
                (unsigned)plen);
  if (rep.status != ST_OK) {
    error_frame(out, start, op, id, &rep);
    return rep.status == ST_BAD_LENGTH;
  }
  agent_op_fn fn = agent_read_op(op);
  if (!fn)
    fn = agent_mutation_op(op);
  if (!fn) {
    reply_error(&rep, ST_UNKNOWN_OPCODE, 0, "unknown opcode");
    error_frame(out, start, op, id, &rep);
    return true;
  }
  /* An agent with a smaller exchange buffer (Genode) answers within it: CAP_MAP
   * then pages earlier, anything else over it is an INTERNAL error. */
  size_t max = a->max_response && a->max_response < PROTO_MAX_RESPONSE_PAYLOAD
                   ? a->max_response : PROTO_MAX_RESPONSE_PAYLOAD;
  out->limit = start + PROTO_HEADER_SIZE + max;
  header(out, op, id);
  struct reader r;
  rd_init(&r, f + PROTO_HEADER_SIZE, plen);
  rep.w = out;
  fn(a, &r, &rep);
  if (rep.status == ST_OK && out->overflow)
    reply_error(&rep, ST_INTERNAL, 0, "response over the payload limit");
  if (rep.status != ST_OK)
    error_frame(out, start, op, id, &rep);
  else
    wr_put_u32_at(out, start + 16, (uint32_t)(out->len - start - PROTO_HEADER_SIZE));
  return true;
}
