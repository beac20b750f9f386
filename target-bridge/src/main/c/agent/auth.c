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

void agent_op_auth(struct agent *a, struct reader *r, struct reply *rep) {
  char token[PROTO_MAX_TOKEN + 1];
  rd_str(r, token, sizeof token);
  bool over = r->too_long;
  r->too_long = false; /* an over-long token is a wrong token, not a BAD_RANGE */
  if (!request_parsed(r, rep))
    return;
  if (a->token[0] && (over || !token_equal(a->token, token)))
    reply_error(rep, ST_UNAUTHORIZED, 0, "wrong token");
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
