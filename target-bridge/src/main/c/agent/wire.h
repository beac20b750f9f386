/* Bounds-checked little-endian readers and writers for protocol payloads.
 * A reader never reads past its end: a short payload sets `err` and yields
 * zeros. A writer grows its buffer up to a limit and sets `overflow` past it. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocol/header.h"

struct reader {
  const uint8_t *p;
  size_t len, off;
  bool err;      /* ran past the end, or a string over PROTO_MAX_STRING */
  bool too_long; /* a string did not fit the caller's buffer */
};

void rd_init(struct reader *r, const uint8_t *p, size_t len);
uint8_t rd_u8(struct reader *r);
uint16_t rd_u16(struct reader *r);
uint32_t rd_u32(struct reader *r);
uint64_t rd_u64(struct reader *r);
/* A protocol string into a NUL-terminated buffer of `size` bytes. */
void rd_str(struct reader *r, char *dst, size_t size);
/* True if everything was read exactly: no error and nothing left over. */
bool rd_done(const struct reader *r);

struct writer {
  uint8_t *buf;
  size_t len, cap;
  size_t limit; /* no growth past this many bytes */
  bool overflow;
};

void wr_init(struct writer *w, size_t limit);
void wr_free(struct writer *w);
void wr_u8(struct writer *w, uint8_t v);
void wr_u16(struct writer *w, uint16_t v);
void wr_u32(struct writer *w, uint32_t v);
void wr_u64(struct writer *w, uint64_t v);
void wr_bytes(struct writer *w, const void *p, size_t n);
/* u16 length + bytes; strings over PROTO_MAX_STRING are cut there. */
void wr_str(struct writer *w, const char *s);
/* Reserve n zeroed bytes, returning their offset (for later patching). */
size_t wr_reserve(struct writer *w, size_t n);
void wr_put_u16_at(struct writer *w, size_t off, uint16_t v);
void wr_put_u32_at(struct writer *w, size_t off, uint32_t v);

/* Starts a frame: a header for (op, id) with status and length still 0; returns where it
 * starts, for wr_frame_end. */
size_t wr_frame_begin(struct writer *w, uint16_t op, uint32_t id);
/* Ends the frame begun at `start`: its status, and its length from what was written since. */
void wr_frame_end(struct writer *w, size_t start, uint16_t status);

static inline uint16_t get_u16(const uint8_t *p) { return proto_get16(p); }
static inline uint32_t get_u32(const uint8_t *p) { return proto_get32(p); }
static inline uint64_t get_u64(const uint8_t *p) {
  return (uint64_t)get_u32(p) | (uint64_t)get_u32(p + 4) << 32;
}
