/* Token lookup for cb_connect (cb_auth.h). */
#include "cb_auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cb_auth_split(const char *uri, char *base, size_t base_cap, char *token, size_t token_cap)
{
	const char *q = strstr(uri, "?token=");
	size_t n = q ? (size_t)(q - uri) : strlen(uri);
	const char *t = q ? q + 7 : getenv("CAPSCOPE_TOKEN");
	if (!t) t = "";
	if (n >= base_cap || strlen(t) >= token_cap) return -1;
	memcpy(base, uri, n);
	base[n] = 0;
	snprintf(token, token_cap, "%s", t);
	return 0;
}
