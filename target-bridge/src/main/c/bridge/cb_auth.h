/* The shared token of a target that requires one (docs/protocol.md, AUTH): taken from the
 * URI's "?token=..." suffix or, failing that, the CAPSCOPE_TOKEN environment variable. */
#ifndef CB_AUTH_H
#define CB_AUTH_H

#include <stddef.h>

/* Copies uri without a trailing "?token=..." into base and the token (URI first, then
 * $CAPSCOPE_TOKEN, else empty) into token. Returns -1 if either does not fit. */
int cb_auth_split(const char *uri, char *base, size_t base_cap, char *token, size_t token_cap);

#endif
