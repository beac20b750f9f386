/* Token lookup for cb_connect (cb_auth.h). */
#include "cb_auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The value of the first "token=" parameter (key in any case) of the query
 * `q` ("a=1&Token=x"), with its length; NULL when there is none. */
static const char *token_param(const char *q, size_t *len)
{
	while (*q) {
		size_t n = strcspn(q, "&");
		if (n >= 6 && !strncasecmp(q, "token=", 6)) {
			*len = n - 6;
			return q + 6;
		}
		q += n;
		if (*q == '&') q++;
	}
	return NULL;
}

int cb_auth_split(const char *uri, char *base, size_t base_cap, char *token, size_t token_cap)
{
	const char *q = strrchr(uri, '?');
	size_t tlen = 0;
	const char *t = q ? token_param(q + 1, &tlen) : NULL;
	if (!t) q = NULL; /* a '?' without a token parameter is part of the path */
	size_t n = q ? (size_t)(q - uri) : strlen(uri);
	if (!t) {
		t = getenv("CAPSCOPE_TOKEN");
		if (!t) t = "";
		tlen = strlen(t);
	}
	if (n >= base_cap || tlen >= token_cap) return -1;
	memcpy(base, uri, n);
	base[n] = 0;
	memcpy(token, t, tlen);
	token[tlen] = 0;
	return 0;
}
