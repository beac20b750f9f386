/* The shared token of a target that requires one (docs/protocol.md, AUTH): taken from the
 * URI's "?token=..." suffix or, failing that, the CAPSCOPE_TOKEN environment variable. */
#ifndef CB_AUTH_H
#define CB_AUTH_H

#include <stddef.h>

#define CB_MAX_TOKEN 256

/* Copies uri without its query into base and the token into token: the query is what
 * follows the last '?' when it has a token parameter ("?token=T", "?Token=T",
 * "?a=1&token=T"; the key in any case); else the token comes from $CAPSCOPE_TOKEN, or is
 * empty. Returns -1 if either does not fit. */
int cb_auth_split(const char *uri, char *base, size_t base_cap, char *token, size_t token_cap);

#endif
