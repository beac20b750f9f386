/* The frame header (docs/protocol.md §2) encoded and decoded in one place, for every
 * end: agents, libcapbridge, test clients, the fuzz corpus. Byte-wise little-endian,
 * no library calls, plain C that also compiles as C++ (Genode's hub). */
#pragma once
#include <stdint.h>

#include "protocol/proto.h"

struct proto_header {
  uint32_t magic;
  uint16_t version;
  uint16_t opcode;
  uint32_t id;
  uint16_t status;
  uint16_t flags;
  uint32_t payload_len;
};

static inline void proto_put16(uint8_t *p, uint16_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
}

static inline void proto_put32(uint8_t *p, uint32_t v) {
  for (int i = 0; i < 4; i++)
    p[i] = (uint8_t)(v >> (8 * i));
}

static inline uint16_t proto_get16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

static inline uint32_t proto_get32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Writes all PROTO_HEADER_SIZE bytes of h, as given (magic and version included, so tests
 * can write wrong ones). */
static inline void proto_header_encode(uint8_t *out, const struct proto_header *h) {
  proto_put32(out + PROTO_OFF_MAGIC, h->magic);
  proto_put16(out + PROTO_OFF_VERSION, h->version);
  proto_put16(out + PROTO_OFF_OPCODE, h->opcode);
  proto_put32(out + PROTO_OFF_ID, h->id);
  proto_put16(out + PROTO_OFF_STATUS, h->status);
  proto_put16(out + PROTO_OFF_FLAGS, h->flags);
  proto_put32(out + PROTO_OFF_LENGTH, h->payload_len);
}

/* A well-formed header of this protocol version. */
static inline void proto_header_put(uint8_t *out, uint16_t opcode, uint32_t id, uint16_t status,
                                    uint32_t payload_len) {
  struct proto_header h = {PROTO_MAGIC, PROTO_VERSION, opcode, id, status, 0, payload_len};
  proto_header_encode(out, &h);
}

/* Reads the PROTO_HEADER_SIZE bytes at `in`; checking them is the caller's business. */
static inline void proto_header_decode(const uint8_t *in, struct proto_header *h) {
  h->magic = proto_get32(in + PROTO_OFF_MAGIC);
  h->version = proto_get16(in + PROTO_OFF_VERSION);
  h->opcode = proto_get16(in + PROTO_OFF_OPCODE);
  h->id = proto_get32(in + PROTO_OFF_ID);
  h->status = proto_get16(in + PROTO_OFF_STATUS);
  h->flags = proto_get16(in + PROTO_OFF_FLAGS);
  h->payload_len = proto_get32(in + PROTO_OFF_LENGTH);
}
