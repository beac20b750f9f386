/*
 * The connection object shared by the files of the protocol client (capbridge.c: connecting and
 * errors, cb_exchange.c: one request and its answer, cb_read_calls.c and cb_mutate_calls.c: the
 * exported requests, cb_walk_announce.c: walks announced ahead). Internal to libcapbridge.
 */
#ifndef CB_CONN_H
#define CB_CONN_H

#include <pthread.h>
#include <stdint.h>

#include "capbridge.h"
#include "cb_error.h"
#include "cb_framing.h"
#include "cb_parse.h"
#include "cb_pipeline.h"
#include "cb_wire.h"
#include "protocol/header.h"

struct cb_conn {
	pthread_mutex_t lock;
	struct cb_transport t;
	const struct cb_framing *framing;
	int connected;
	int timeout_ms;
	uint32_t next_id;
	struct cb_err err;
	struct cb_hello hello;
	uint8_t tx[PROTO_HEADER_SIZE + CB_MAX_REQUEST];
	uint8_t *rx;             /* CB_MAX_RESPONSE bytes, allocated at connect */
	struct cb_pipeline pipe; /* requests announced ahead (cb_announce_walks) */
};

/* Closes the transport and forgets what was announced; the next request fails until reconnect. */
void cb_drop_connection(cb_conn *c);
void cb_write_header(uint8_t *frame, uint16_t opcode, uint32_t id, size_t payload_len);
/*
 * Sends the request in c->tx (payload already written) and receives its answer.
 * On success payload and plen name the response payload in c->rx. Any failure that leaves the
 * stream in an unknown state closes the connection. A request that was announced (cb_pipeline.h)
 * is not sent again: its answer is already on its way.
 */
int cb_exchange(cb_conn *c, uint16_t opcode, const struct cb_wr *w, const uint8_t **payload, size_t *plen);

/* Request payload writer over the tx buffer, after the header. */
static inline struct cb_wr request(cb_conn *c)
{
	struct cb_wr w = { c->tx + PROTO_HEADER_SIZE, CB_MAX_REQUEST, 0, 0 };
	return w;
}

/* A payload that does not parse means we can no longer trust the stream either. */
static inline int parsed(cb_conn *c, int rc)
{
	if (rc == CB_E_PROTOCOL) cb_drop_connection(c);
	return rc;
}

/* Checks a caller's selector range before it goes on the wire. */
static inline int check_range(cb_conn *c, int first, int last, int max)
{
	if (first < 0 || last > max || first > last)
		return cb_fail(&c->err, CB_E_INTERNAL, "range %d..%d outside 0..%d", first, last, max);
	return 0;
}

static inline int check_cap(cb_conn *c, int cap)
{
	return cap < 0 ? cb_fail(&c->err, CB_E_INTERNAL, "negative buffer capacity") : 0;
}

/* Every exported call holds the connection's lock for the whole request and its error state. */
static inline void begin(cb_conn *c)
{
	pthread_mutex_lock(&c->lock);
	cb_err_clear(&c->err);
}

static inline int end(cb_conn *c, int rc)
{
	pthread_mutex_unlock(&c->lock);
	return rc;
}

#endif
