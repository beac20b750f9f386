/*
 * Little-endian, bounds-checked reading and writing of protocol payloads.
 * A reader never reads past its buffer: each getter checks what is left first and
 * returns -1 instead. Writers flag overflow instead of writing past their capacity.
 */
#ifndef CB_WIRE_H
#define CB_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct cb_rd {
	const uint8_t *p;
	size_t len;
	size_t off;
};

static inline size_t cb_rd_left(const struct cb_rd *r)
{
	return r->len - r->off;
}

static inline int cb_rd_u8(struct cb_rd *r, uint8_t *v)
{
	if (cb_rd_left(r) < 1) return -1;
	*v = r->p[r->off++];
	return 0;
}

static inline int cb_rd_u16(struct cb_rd *r, uint16_t *v)
{
	if (cb_rd_left(r) < 2) return -1;
	const uint8_t *b = r->p + r->off;
	*v = (uint16_t)(b[0] | (b[1] << 8));
	r->off += 2;
	return 0;
}

static inline int cb_rd_u32(struct cb_rd *r, uint32_t *v)
{
	if (cb_rd_left(r) < 4) return -1;
	const uint8_t *b = r->p + r->off;
	*v = (uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24);
	r->off += 4;
	return 0;
}

static inline int cb_rd_u64(struct cb_rd *r, uint64_t *v)
{
	uint32_t lo = 0, hi = 0;
	if (cb_rd_left(r) < 8) return -1;
	cb_rd_u32(r, &lo);
	cb_rd_u32(r, &hi);
	*v = ((uint64_t)hi << 32) | lo;
	return 0;
}

static inline int cb_rd_skip(struct cb_rd *r, size_t n)
{
	if (cb_rd_left(r) < n) return -1;
	r->off += n;
	return 0;
}

/* str: u16 length + bytes; the length must be <= max_len and inside the buffer. */
static inline int cb_rd_str(struct cb_rd *r, size_t max_len, const uint8_t **s, uint16_t *n)
{
	uint16_t len;
	if (cb_rd_u16(r, &len) < 0) return -1;
	if (len > max_len || cb_rd_left(r) < len) return -1;
	*s = r->p + r->off;
	*n = len;
	r->off += len;
	return 0;
}

struct cb_wr {
	uint8_t *p;
	size_t cap;
	size_t len;
	int overflow;
};

static inline void cb_wr_bytes(struct cb_wr *w, const void *src, size_t n)
{
	if (w->overflow || w->cap - w->len < n) {
		w->overflow = 1;
		return;
	}
	if (n) memcpy(w->p + w->len, src, n);
	w->len += n;
}

static inline void cb_wr_u8(struct cb_wr *w, uint8_t v)
{
	cb_wr_bytes(w, &v, 1);
}

static inline void cb_wr_u16(struct cb_wr *w, uint16_t v)
{
	uint8_t b[2] = { (uint8_t)v, (uint8_t)(v >> 8) };
	cb_wr_bytes(w, b, 2);
}

static inline void cb_wr_u32(struct cb_wr *w, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
	cb_wr_bytes(w, b, 4);
}

static inline void cb_wr_u64(struct cb_wr *w, uint64_t v)
{
	cb_wr_u32(w, (uint32_t)v);
	cb_wr_u32(w, (uint32_t)(v >> 32));
}

static inline void cb_wr_str(struct cb_wr *w, const uint8_t *s, size_t n)
{
	cb_wr_u16(w, (uint16_t)n);
	cb_wr_bytes(w, s, n);
}

#endif
