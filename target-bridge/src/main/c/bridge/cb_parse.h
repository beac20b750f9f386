/*
 * Response parsers: pure functions from a received payload to the caller's output arrays.
 * They are the part of the bridge that sees hostile bytes, so they are kept free of I/O and
 * tested (and fuzzed) on their own. Each checks every count and length against the payload
 * and the output capacity, requires the payload to be consumed exactly, and on failure
 * returns CB_E_PROTOCOL (or CB_E_INTERNAL for a too-small caller buffer) with a message.
 */
#ifndef CB_PARSE_H
#define CB_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include "cb_error.h"
#include "protocol/header.h"

/* Caller-owned byte arena for strings; append-only. */
struct cb_arena {
	uint8_t *buf;
	size_t cap;
	size_t used;
};

struct cb_hello {
	uint16_t version;
	uint16_t last_selector;
	uint32_t flags;
	uint32_t max_response;
	uint32_t max_request;
	uint16_t max_in_flight;
	uint16_t task_count;
	uint16_t kernel_len, profile_len, agent_len;
	char kernel[4096], profile[4096], agent[4096];
};

/* Decodes and checks a 20-byte header: magic, version, payload length <= max_payload. */
int cb_parse_header(const uint8_t *hdr, size_t max_payload, struct proto_header *h, struct cb_err *e);

/* Decodes an error frame payload into e (status, detail, message) and returns the CB_E_* code
 * that status maps to; a malformed error frame gives CB_E_PROTOCOL. */
int cb_parse_error_frame(uint16_t status, const uint8_t *p, size_t n, struct cb_err *e);

int cb_parse_hello(const uint8_t *p, size_t n, struct cb_hello *out, struct cb_err *e);
int cb_parse_tasks(const uint8_t *p, size_t n, int64_t *nums, size_t max_tasks, struct cb_arena *a,
                   struct cb_err *e);
int cb_parse_generation(const uint8_t *p, size_t n, uint32_t task, uint64_t *gen, struct cb_err *e);
int cb_parse_validity(const uint8_t *p, size_t n, uint32_t task, uint16_t first, uint16_t last, uint8_t *bitmap,
                      size_t cap, uint64_t *gen, struct cb_err *e);
int cb_parse_cap_infos(const uint8_t *p, size_t n, uint32_t task, uint16_t first, uint16_t last, int64_t *nums,
                       size_t max_infos, uint64_t *gen, struct cb_err *e);
int cb_parse_threads(const uint8_t *p, size_t n, uint32_t task, int64_t *nums, size_t max_threads,
                     struct cb_arena *a, uint64_t *gen, struct cb_err *e);
int cb_parse_cap_map(const uint8_t *p, size_t n, uint32_t task, uint16_t first, uint16_t last, int64_t *nums,
                     size_t max_entries, struct cb_arena *a, uint16_t *next, uint64_t *gen, struct cb_err *e);
/* UNMAP, MAP_COPY, SET/CLEAR_CAPMAP_ENTRY: payload is exactly one u64 generation. */
int cb_parse_generation_only(const uint8_t *p, size_t n, uint64_t *gen, struct cb_err *e);
int cb_parse_create_session(const uint8_t *p, size_t n, uint16_t *badge, uint32_t *object_id, uint64_t *gen,
                            struct cb_err *e);
int cb_parse_create_object(const uint8_t *p, size_t n, uint32_t *object_id, uint64_t *gen, struct cb_err *e);

#endif
