#include "agent/wire.h"

#include <stdlib.h>
#include <string.h>

#include "protocol/proto.h"

void rd_init(struct reader *r, const uint8_t *p, size_t len) {
  r->p = p;
  r->len = len;
  r->off = 0;
  r->err = false;
  r->too_long = false;
}

static const uint8_t *take(struct reader *r, size_t n) {
  if (r->err || n > r->len - r->off) {
    r->err = true;
    return NULL;
  }
  const uint8_t *p = r->p + r->off;
  r->off += n;
  return p;
}

uint8_t rd_u8(struct reader *r) {
  const uint8_t *p = take(r, 1);
  return p ? p[0] : 0;
}

uint16_t rd_u16(struct reader *r) {
  const uint8_t *p = take(r, 2);
  return p ? get_u16(p) : 0;
}

uint32_t rd_u32(struct reader *r) {
  const uint8_t *p = take(r, 4);
  return p ? get_u32(p) : 0;
}

uint64_t rd_u64(struct reader *r) {
  const uint8_t *p = take(r, 8);
  return p ? get_u64(p) : 0;
}

void rd_str(struct reader *r, char *dst, size_t size) {
  if (size)
    dst[0] = 0;
  uint16_t n = rd_u16(r);
  if (n > PROTO_MAX_STRING) {
    r->err = true;
    return;
  }
  const uint8_t *p = take(r, n);
  if (!p)
    return;
  if (n >= size) {
    r->too_long = true;
    return;
  }
  memcpy(dst, p, n);
  dst[n] = 0;
  /* An embedded NUL would silently shorten the string: refuse it. */
  if (memchr(p, 0, n))
    r->err = true;
}

bool rd_done(const struct reader *r) { return !r->err && r->off == r->len; }

void wr_init(struct writer *w, size_t limit) {
  memset(w, 0, sizeof *w);
  w->limit = limit;
}

void wr_free(struct writer *w) {
  free(w->buf);
  w->buf = NULL;
  w->len = w->cap = 0;
}

static uint8_t *room(struct writer *w, size_t n) {
  if (w->overflow || n > w->limit - w->len) {
    w->overflow = true;
    return NULL;
  }
  if (w->len + n > w->cap) {
    size_t c = w->cap ? w->cap : 256;
    while (c < w->len + n)
      c *= 2;
    uint8_t *b = realloc(w->buf, c);
    if (!b) {
      w->overflow = true;
      return NULL;
    }
    w->buf = b;
    w->cap = c;
  }
  uint8_t *p = w->buf + w->len;
  w->len += n;
  return p;
}

void wr_u8(struct writer *w, uint8_t v) {
  uint8_t *p = room(w, 1);
  if (p)
    p[0] = v;
}

void wr_u16(struct writer *w, uint16_t v) {
  uint8_t *p = room(w, 2);
  if (p) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
  }
}

void wr_u32(struct writer *w, uint32_t v) {
  uint8_t *p = room(w, 4);
  if (p)
    for (int i = 0; i < 4; i++)
      p[i] = (uint8_t)(v >> (8 * i));
}

void wr_u64(struct writer *w, uint64_t v) {
  uint8_t *p = room(w, 8);
  if (p)
    for (int i = 0; i < 8; i++)
      p[i] = (uint8_t)(v >> (8 * i));
}

void wr_bytes(struct writer *w, const void *src, size_t n) {
  uint8_t *p = room(w, n);
  if (p && n)
    memcpy(p, src, n);
}

void wr_str(struct writer *w, const char *s) {
  size_t n = s ? strlen(s) : 0;
  if (n > PROTO_MAX_STRING)
    n = PROTO_MAX_STRING;
  wr_u16(w, (uint16_t)n);
  wr_bytes(w, s, n);
}

size_t wr_reserve(struct writer *w, size_t n) {
  size_t off = w->len;
  uint8_t *p = room(w, n);
  if (p)
    memset(p, 0, n);
  return off;
}

void wr_put_u16_at(struct writer *w, size_t off, uint16_t v) {
  if (!w->overflow && off + 2 <= w->len) {
    w->buf[off] = (uint8_t)v;
    w->buf[off + 1] = (uint8_t)(v >> 8);
  }
}

void wr_put_u32_at(struct writer *w, size_t off, uint32_t v) {
  if (!w->overflow && off + 4 <= w->len)
    for (int i = 0; i < 4; i++)
      w->buf[off + i] = (uint8_t)(v >> (8 * i));
}

size_t wr_frame_begin(struct writer *w, uint16_t op, uint32_t id) {
  size_t start = wr_reserve(w, PROTO_HEADER_SIZE);
  if (!w->overflow)
    proto_header_put(w->buf + start, op, id, ST_OK, 0);
  return start;
}

void wr_frame_end(struct writer *w, size_t start, uint16_t status) {
  if (w->overflow || start + PROTO_HEADER_SIZE > w->len)
    return;
  proto_put16(w->buf + start + PROTO_OFF_STATUS, status);
  proto_put32(w->buf + start + PROTO_OFF_LENGTH, (uint32_t)(w->len - start - PROTO_HEADER_SIZE));
}
