/*
 * One request and its answer: frames are built and checked here. Answers to requests announced
 * ahead (cb_walk_announce.c) are taken in order; ones nobody asked for are read and dropped.
 */
#include <string.h>

#include "cb_conn.h"

void cb_drop_connection(cb_conn *c)
{
	cb_transport_close(&c->t);
	c->connected = 0;
	cb_pipeline_reset(&c->pipe, 0);
}

void cb_write_header(uint8_t *frame, uint16_t opcode, uint32_t id, size_t payload_len)
{
	proto_header_put(frame, opcode, id, ST_OK, (uint32_t)payload_len);
}

/* Receives the answer to request `id` into c->rx; a closing error frame drops the connection. */
static int receive(cb_conn *c, uint16_t opcode, uint32_t id, int64_t deadline, const uint8_t **payload,
                   size_t *plen)
{
	struct cb_err *e = &c->err;
	struct proto_header h;
	int rc;
	if ((rc = c->framing->recv(&c->t, c->rx, PROTO_HEADER_SIZE, deadline, e)) < 0) goto broken;
	if ((rc = cb_parse_header(c->rx, CB_MAX_RESPONSE, &h, e)) < 0) goto broken;
	if (h.id != id || h.opcode != opcode) {
		rc = cb_fail(e, CB_E_PROTOCOL, "answer to request %u opcode 0x%x arrived for request %u opcode 0x%x", h.id,
		             h.opcode, id, opcode);
		goto broken;
	}
	if ((rc = c->framing->recv(&c->t, c->rx, h.payload_len, deadline, e)) < 0) goto broken;
	c->pipe.stats[CB_STAT_ANSWERS]++;

	if (h.status != ST_OK) {
		rc = cb_parse_error_frame(h.status, c->rx, h.payload_len, e);
		/* The agent closes the connection after these (protocol.md §2). */
		if (h.status == ST_BAD_MAGIC || h.status == ST_BAD_VERSION || h.status == ST_TOO_LARGE
		    || h.status == ST_BUSY || h.status == ST_UNAUTHORIZED || rc == CB_E_PROTOCOL)
			cb_drop_connection(c);
		return rc;
	}
	*payload = c->rx;
	*plen = h.payload_len;
	return 0;
broken:
	cb_drop_connection(c);
	return rc;
}

/* Takes and drops the answer to the first announced request: nobody asked for it after all. */
static int discard_first(cb_conn *c, int64_t deadline)
{
	struct cb_pending *q = &c->pipe.q[c->pipe.head];
	uint32_t id = q->id;
	uint16_t opcode = q->opcode;
	int sent = q->sent;
	cb_pipeline_pop(&c->pipe);
	if (!sent) return 0;
	const uint8_t *p;
	size_t n;
	int rc = receive(c, opcode, id, deadline, &p, &n);
	if (rc < 0 && !c->connected) return rc;
	cb_err_clear(&c->err); /* an error answer nobody asked for is nobody's error */
	c->pipe.stats[CB_STAT_DISCARDED]++;
	return 0;
}

int cb_exchange(cb_conn *c, uint16_t opcode, const struct cb_wr *w, const uint8_t **payload, size_t *plen)
{
	struct cb_err *e = &c->err;
	int64_t deadline = cb_now_ms() + c->timeout_ms;
	int rc;
	uint32_t id;

	cb_err_clear(e);
	if (!c->connected)
		return cb_fail(e, CB_E_UNREACHABLE, "not connected (the connection was closed after an earlier error)");
	if (w->overflow) return cb_fail(e, CB_E_INTERNAL, "request too large");

	int at = cb_pipeline_find(&c->pipe, opcode, c->tx + PROTO_HEADER_SIZE, w->len);
	if (at >= 0) {
		if ((rc = cb_pipeline_send(&c->pipe, &c->t, c->framing, at, deadline, e)) < 0) goto broken;
		while (c->pipe.head < at)
			if ((rc = discard_first(c, deadline)) < 0) return rc;
		id = c->pipe.q[at].id;
		cb_pipeline_pop(&c->pipe);
		/* keep the agent busy with what comes next while this answer is read */
		if ((rc = cb_pipeline_send(&c->pipe, &c->t, c->framing, -1, deadline, e)) < 0) goto broken;
	} else {
		while (!cb_pipeline_empty(&c->pipe)) /* the caller went another way: drop what is announced */
			if ((rc = discard_first(c, deadline)) < 0) return rc;
		id = ++c->next_id;
		cb_write_header(c->tx, opcode, id, w->len);
		if ((rc = c->framing->send_frame(&c->t, c->tx, PROTO_HEADER_SIZE + w->len, deadline, e)) < 0) goto broken;
		cb_pipeline_count_write(&c->pipe, 1);
	}
	return receive(c, opcode, id, deadline, payload, plen);
broken:
	cb_drop_connection(c);
	return rc;
}
