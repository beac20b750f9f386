/* Walks announced ahead (cb_pipeline.h): their requests go out now, the calls take the answers. */
#include <string.h>

#include "cb_conn.h"

/* One announced request: header and payload into the queue, id taken now. */
static void announce(cb_conn *c, uint16_t opcode, const struct cb_wr *payload)
{
	uint8_t frame[CB_PENDING_FRAME];
	uint32_t id = ++c->next_id;
	cb_write_header(frame, opcode, id, payload->len);
	memcpy(frame + PROTO_HEADER_SIZE, payload->p, payload->len);
	cb_pipeline_add(&c->pipe, frame, PROTO_HEADER_SIZE + payload->len, id, opcode);
}

static void announce_range(cb_conn *c, uint16_t opcode, uint32_t task, int first, int last)
{
	uint8_t b[8];
	struct cb_wr w = { b, sizeof b, 0, 0 };
	cb_wr_u32(&w, task);
	cb_wr_u16(&w, (uint16_t)first);
	cb_wr_u16(&w, (uint16_t)last);
	announce(c, opcode, &w);
}

static void announce_generation(cb_conn *c, uint32_t task)
{
	uint8_t b[6];
	struct cb_wr w = { b, sizeof b, 0, 0 };
	cb_wr_u16(&w, 1);
	cb_wr_u32(&w, task);
	announce(c, OP_GENERATION, &w);
}

static int announce_walks_locked(cb_conn *c, const uint32_t *tasks, int ntasks, int flags)
{
	int per_walk = (flags & CB_WALK_GENERATION_FIRST) ? 6 : 5, done = 0;
	if (!c->connected)
		return cb_fail(&c->err, CB_E_UNREACHABLE,
		               "not connected (the connection was closed after an earlier error)");
	if (ntasks < 0 || (ntasks > 0 && !tasks)) return cb_fail(&c->err, CB_E_INTERNAL, "bad task list");
	for (; done < ntasks && cb_pipeline_room(&c->pipe) >= per_walk; done++) {
		uint32_t task = tasks[done];
		uint8_t b[4];
		struct cb_wr w = { b, sizeof b, 0, 0 };
		cb_wr_u32(&w, task);
		if (flags & CB_WALK_GENERATION_FIRST) announce_generation(c, task);
		announce_range(c, OP_VALIDITY, task, 0, CB_LAST_SELECTOR);
		announce_range(c, OP_CAP_INFOS, task, 0, CB_LAST_SELECTOR);
		announce(c, OP_THREADS, &w);
		announce_range(c, OP_CAP_MAP, task, 0, CB_LAST_CAPMAP_INDEX);
		announce_generation(c, task);
	}
	int rc = cb_pipeline_send(&c->pipe, &c->t, c->framing, -1, cb_now_ms() + c->timeout_ms, &c->err);
	if (rc < 0) {
		cb_drop_connection(c);
		return rc;
	}
	return done;
}

int cb_announce_walks(cb_conn *c, const uint32_t *tasks, int ntasks, int flags)
{
	begin(c);
	return end(c, announce_walks_locked(c, tasks, ntasks, flags));
}
