/* Builds response payloads for tests (and seeds for the fuzzer) with the wire writer. */
#ifndef BRIDGE_PAYLOAD_H
#define BRIDGE_PAYLOAD_H

#include <string.h>

#include "../cb_wire.h"

struct payload {
	uint8_t buf[1 << 16];
	struct cb_wr w;
};

static inline void payload_init(struct payload *p)
{
	p->w.p = p->buf;
	p->w.cap = sizeof p->buf;
	p->w.len = 0;
	p->w.overflow = 0;
}

static inline void put_cstr(struct payload *p, const char *s)
{
	cb_wr_str(&p->w, (const uint8_t *)s, strlen(s));
}

#endif
