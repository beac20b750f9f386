/* Shared-token authentication (docs/protocol.md, AUTH): the request handler, used
 * the same on every transport. server.c gates socket connections on it when the
 * target was given a token; without one AUTH is accepted and changes nothing, so a
 * client that always sends its token works against any target. No OS calls. */
#include <string.h>

#include "agent/agent.h"

/* Compares in time independent of where the first difference is (no timing oracle
 * for guessing the token byte by byte). */
static bool token_equal(const char *want, const char *got) {
  size_t wn = strlen(want), gn = strlen(got);
  unsigned diff = (unsigned)(wn ^ gn);
  for (size_t i = 0; i < wn; i++)
    diff |= (unsigned)(unsigned char)want[i] ^ (unsigned)(unsigned char)(i < gn ? got[i] : 0);
  return diff == 0;
}

/* AUTH as an operation: where no token is checked (a target without one, a
 * serial line) it is accepted whatever token it carries; only its layout counts. */
void agent_op_auth(struct agent *a, struct reader *r, struct reply *rep) {
  (void)a;
  char token[PROTO_MAX_TOKEN + 1];
  rd_str(r, token, sizeof token);
  r->too_long = false; /* any token is as good as another here */
  request_parsed(r, rep);
}

/* AUTH on a socket of a target with a token: anything but the right token,
 * malformed requests included, is UNAUTHORIZED (the caller then closes). */
bool agent_check_token(const struct agent *a, const uint8_t *payload, size_t len, struct reply *rep) {
  struct reader r;
  char token[PROTO_MAX_TOKEN + 1];
  rd_init(&r, payload, len);
  rd_str(&r, token, sizeof token);
  bool over = r.too_long;
  r.too_long = false;
  struct reply layout = {0};
  if (!request_parsed(&r, &layout)) {
    reply_error(rep, ST_UNAUTHORIZED, 0, "malformed AUTH request (%s)", layout.msg);
    return false;
  }
  if (over || !token_equal(a->token, token)) {
    reply_error(rep, ST_UNAUTHORIZED, 0, "wrong token");
    return false;
  }
  return true;
}

bool agent_set_token(struct agent *a, const char *token) {
  size_t n = strlen(token);
  if (n == 0 || n > PROTO_MAX_TOKEN)
    return false;
  for (size_t i = 0; i < n; i++)
    if (token[i] < 0x21 || token[i] > 0x7e) /* printable ASCII, no spaces: survives files and URIs */
      return false;
  memcpy(a->token, token, n + 1);
  return true;
}
