/* A tiny blocking protocol client for tests and the benchmark. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocol/proto.h"
#include "agent/wire.h"

struct resp {
  uint16_t op, status, version;
  uint32_t id, magic;
  uint8_t *payload;
  uint32_t len;
};

/* Connect to "unix:PATH", "tcp:HOST:PORT" or "serial:PATH" (armored frames,
 * agent/armor.h); -1 on failure. */
int cl_connect(const char *uri);
int cl_send_raw(int fd, const void *p, size_t n);
int cl_send(int fd, uint16_t op, uint32_t id, const void *payload, uint32_t len);
/* Next frame; -1 on timeout, error or a closed connection. */
int cl_recv(int fd, struct resp *r, int timeout_ms);
/* Send and wait for the answer (5 s); -1 if none came. */
int cl_call(int fd, uint16_t op, const struct writer *req, struct resp *r);
void resp_free(struct resp *r);
/* 1 if the peer closed the connection within timeout_ms (reads it dry). */
int cl_closed(int fd, int timeout_ms);
/* A serial fd speaks armored frames; forget its decoder before close(). */
bool cl_is_armored(int fd);
void cl_forget(int fd);
/* Bytes read from / written to armored (serial) fds so far. */
extern uint64_t cl_armored_in, cl_armored_out;
