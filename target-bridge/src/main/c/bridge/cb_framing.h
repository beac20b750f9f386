/*
 * How frames travel over a transport. Unix sockets and TCP carry them raw; a serial line will
 * get an armored framing (sync marker, escaping, checksum) so that boot noise and lost bytes
 * cannot desynchronise the stream. The client only ever sends whole frames and reads exact
 * byte counts through this table, so that framing slots in here without touching the client.
 */
#ifndef CB_FRAMING_H
#define CB_FRAMING_H

#include "cb_transport.h"

struct cb_framing {
	const char *name;
	int (*send_frame)(struct cb_transport *t, const uint8_t *frame, size_t len, int64_t deadline,
	                  struct cb_err *e);
	/* Sends n frames in one write (a serial line: one paced stream of lines); wire[i] receives
	 * the bytes frame i took on the wire. */
	int (*send_batch)(struct cb_transport *t, const uint8_t *const *frames, const size_t *lens, size_t n,
	                  size_t *wire, int64_t deadline, struct cb_err *e);
	/* Reads exactly len decoded bytes of the incoming frame stream. */
	int (*recv)(struct cb_transport *t, uint8_t *dst, size_t len, int64_t deadline, struct cb_err *e);
};

extern const struct cb_framing cb_framing_raw;

#endif
