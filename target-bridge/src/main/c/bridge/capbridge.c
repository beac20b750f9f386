/*
 * The protocol client: one connection, one request at a time, each answered within the
 * connection's timeout. Frames are built and checked here; payloads are decoded by cb_parse.c.
 */
#define _GNU_SOURCE
#include "capbridge.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cb_armor.h"
#include "cb_framing.h"
#include "cb_auth.h"
#include "cb_parse.h"
#include "cb_pipeline.h"
#include "cb_proto.h"
#include "cb_wire.h"

#define CLIENT_NAME "libcapbridge 0.1"

struct cb_conn {
	pthread_mutex_t lock;
	struct cb_transport t;
	const struct cb_framing *framing;
	int connected;
	int timeout_ms;
	uint32_t next_id;
	struct cb_err err;
	struct cb_hello hello;
	uint8_t tx[CB_HEADER_SIZE + CB_MAX_REQUEST];
	uint8_t *rx; /* CB_MAX_RESPONSE bytes, allocated at connect */
	struct cb_pipeline pipe; /* requests announced ahead (cb_announce_walks) */
};

cb_conn *cb_new(void)
{
	cb_conn *c = calloc(1, sizeof *c);
	if (!c) return NULL;
	pthread_mutex_init(&c->lock, NULL);
	c->t.fd = -1;
	c->framing = &cb_framing_raw;
	c->timeout_ms = 5000;
	return c;
}

static void drop_connection(cb_conn *c)
{
	cb_transport_close(&c->t);
	c->connected = 0;
	cb_pipeline_reset(&c->pipe, 0);
}

/* How many wire bytes of requests may wait for answers: a kernel console keeps only a few hundred
 * (CAPSCOPE_SERIAL_WINDOW overrides it, at least one request always goes). */
static size_t window_for(const struct cb_transport *t)
{
	if (t->kind != CB_T_SERIAL) return CB_SOCKET_WINDOW;
	const char *v = getenv("CAPSCOPE_SERIAL_WINDOW");
	char *end;
	long n = v && *v ? strtol(v, &end, 10) : -1;
	return v && *v && !*end && n >= 0 && n <= (1 << 20) ? (size_t)n : CB_SERIAL_WINDOW;
}

void cb_free(cb_conn *c)
{
	if (!c) return;
	drop_connection(c);
	free(c->rx);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

void cb_set_timeout(cb_conn *c, int timeout_ms)
{
	pthread_mutex_lock(&c->lock);
	c->timeout_ms = timeout_ms > 0 ? timeout_ms : 1;
	pthread_mutex_unlock(&c->lock);
}

/* Request payload writer over the tx buffer, after the header. */
static struct cb_wr request(cb_conn *c)
{
	struct cb_wr w = { c->tx + CB_HEADER_SIZE, CB_MAX_REQUEST, 0, 0 };
	return w;
}

static void write_header(uint8_t *frame, uint16_t opcode, uint32_t id, size_t payload_len)
{
	struct cb_wr hw = { frame, CB_HEADER_SIZE, 0, 0 };
	wr_u32(&hw, CB_MAGIC);
	wr_u16(&hw, CB_VERSION);
	wr_u16(&hw, opcode);
	wr_u32(&hw, id);
	wr_u16(&hw, 0);
	wr_u16(&hw, 0);
	wr_u32(&hw, (uint32_t)payload_len);
}

/* Receives the answer to request `id` into c->rx; a closing error frame drops the connection. */
static int receive(cb_conn *c, uint16_t opcode, uint32_t id, int64_t deadline, const uint8_t **payload,
                   size_t *plen)
{
	struct cb_err *e = &c->err;
	struct cb_header h;
	int rc;
	if ((rc = c->framing->recv(&c->t, c->rx, CB_HEADER_SIZE, deadline, e)) < 0) goto broken;
	if ((rc = cb_parse_header(c->rx, CB_MAX_RESPONSE, &h, e)) < 0) goto broken;
	if (h.request_id != id || h.opcode != opcode) {
		rc = cb_fail(e, CB_E_PROTOCOL, "answer to request %u opcode 0x%x arrived for request %u opcode 0x%x",
		             h.request_id, h.opcode, id, opcode);
		goto broken;
	}
	if ((rc = c->framing->recv(&c->t, c->rx, h.payload_len, deadline, e)) < 0) goto broken;
	c->pipe.stats[CB_STAT_ANSWERS]++;

	if (h.status != ST_OK) {
		rc = cb_parse_error_frame(h.status, c->rx, h.payload_len, e);
		/* The agent closes the connection after these (protocol.md §2). */
		if (h.status == ST_BAD_MAGIC || h.status == ST_BAD_VERSION || h.status == ST_TOO_LARGE
		    || h.status == ST_BUSY || h.status == ST_UNAUTHORIZED || rc == CB_E_PROTOCOL)
			drop_connection(c);
		return rc;
	}
	*payload = c->rx;
	*plen = h.payload_len;
	return 0;
broken:
	drop_connection(c);
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

/*
 * Sends the request in c->tx (payload already written) and receives its answer.
 * On success payload and plen name the response payload in c->rx. Any failure that leaves the
 * stream in an unknown state closes the connection. A request that was announced (cb_pipeline.h)
 * is not sent again: its answer is already on its way.
 */
static int exchange(cb_conn *c, uint16_t opcode, const struct cb_wr *w, const uint8_t **payload, size_t *plen)
{
	struct cb_err *e = &c->err;
	int64_t deadline = cb_now_ms() + c->timeout_ms;
	int rc;
	uint32_t id;

	cb_err_clear(e);
	if (!c->connected)
		return cb_fail(e, CB_E_UNREACHABLE, "not connected (the connection was closed after an earlier error)");
	if (w->overflow) return cb_fail(e, CB_E_INTERNAL, "request too large");

	int at = cb_pipeline_find(&c->pipe, opcode, c->tx + CB_HEADER_SIZE, w->len);
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
		write_header(c->tx, opcode, id, w->len);
		if ((rc = c->framing->send_frame(&c->t, c->tx, CB_HEADER_SIZE + w->len, deadline, e)) < 0) goto broken;
		cb_pipeline_count_write(&c->pipe, 1);
	}
	return receive(c, opcode, id, deadline, payload, plen);
broken:
	drop_connection(c);
	return rc;
}

/* A payload that does not parse means we can no longer trust the stream either. */
static int parsed(cb_conn *c, int rc)
{
	if (rc == CB_E_PROTOCOL) drop_connection(c);
	return rc;
}

int cb_connect(cb_conn *c, const char *uri, int timeout_ms)
{
	const uint8_t *p;
	size_t n;
	int rc;

	pthread_mutex_lock(&c->lock);
	cb_err_clear(&c->err);
	drop_connection(c);
	c->timeout_ms = timeout_ms > 0 ? timeout_ms : 1;
	if (!c->rx && !(c->rx = malloc(CB_MAX_RESPONSE))) {
		rc = cb_fail(&c->err, CB_E_INTERNAL, "out of memory");
		goto out;
	}
	/* The token (cb_auth.h: URI ?token= or $CAPSCOPE_TOKEN) goes only to a peer whose HELLO
	 * answer parsed (it speaks this protocol) and said it needs one: a mistyped address or
	 * a target without a token never sees it. */
	char base[1024], token[CB_MAX_TOKEN + 1];
	if (cb_auth_split(uri ? uri : "", base, sizeof base, token, sizeof token) < 0) {
		rc = cb_fail(&c->err, CB_E_INTERNAL, "target address or token too long");
		goto out;
	}
	if ((rc = cb_transport_open(&c->t, uri ? base : NULL, cb_now_ms() + c->timeout_ms, &c->err)) < 0) goto out;
	c->framing = c->t.kind == CB_T_SERIAL ? &cb_framing_armored : &cb_framing_raw;
	c->connected = 1;
	cb_pipeline_reset(&c->pipe, window_for(&c->t));

	struct cb_wr w = request(c);
	wr_u16(&w, CB_VERSION);
	wr_str(&w, (const uint8_t *)CLIENT_NAME, strlen(CLIENT_NAME));
	if ((rc = exchange(c, OP_HELLO, &w, &p, &n)) < 0) goto out;
	rc = cb_parse_hello(p, n, &c->hello, &c->err);
	if (rc < 0) {
		drop_connection(c); /* not an agent we can talk to: it gets nothing more */
		goto out;
	}
	/* Serial lines need no token (holding the line is holding the machine). */
	if (!(c->hello.flags & CB_HELLO_TOKEN_REQUIRED) || c->t.kind == CB_T_SERIAL) goto out;
	if (!token[0]) {
		drop_connection(c);
		rc = cb_fail(&c->err, CB_E_REJECTED, "the target requires a token: %s",
		             "set CAPSCOPE_TOKEN or add ?token=TOKEN to the target address");
		goto out;
	}
	w = request(c);
	wr_str(&w, (const uint8_t *)token, strlen(token));
	if ((rc = exchange(c, OP_AUTH, &w, &p, &n)) < 0 && c->err.wire_status == ST_UNAUTHORIZED)
		rc = cb_fail(&c->err, CB_E_REJECTED, "wrong token: the target did not accept it (%s)",
		             "check CAPSCOPE_TOKEN or the ?token= of the target address");
out:
	pthread_mutex_unlock(&c->lock);
	return rc;
}

int cb_error_code(cb_conn *c)
{
	pthread_mutex_lock(&c->lock);
	int code = c->err.code;
	pthread_mutex_unlock(&c->lock);
	return code;
}

int cb_error_message(cb_conn *c, uint8_t *buf, int cap)
{
	pthread_mutex_lock(&c->lock);
	size_t n = strnlen(c->err.msg, sizeof c->err.msg);
	if (cap < 0) cap = 0;
	if (n > (size_t)cap) n = (size_t)cap;
	memcpy(buf, c->err.msg, n);
	pthread_mutex_unlock(&c->lock);
	return (int)n;
}

int cb_wire_status(cb_conn *c)
{
	pthread_mutex_lock(&c->lock);
	int s = c->err.wire_status;
	pthread_mutex_unlock(&c->lock);
	return s;
}

int cb_wire_detail(cb_conn *c)
{
	pthread_mutex_lock(&c->lock);
	int d = c->err.wire_detail;
	pthread_mutex_unlock(&c->lock);
	return d;
}

int cb_hello_info(cb_conn *c, int64_t *nums, uint8_t *arena, int arena_cap)
{
	int rc = 0;
	pthread_mutex_lock(&c->lock);
	const struct cb_hello *h = &c->hello;
	size_t total = (size_t)h->kernel_len + h->profile_len + h->agent_len;
	if (!c->connected) {
		rc = cb_fail(&c->err, CB_E_UNREACHABLE, "not connected");
	} else if (arena_cap < 0 || total > (size_t)arena_cap) {
		rc = cb_fail(&c->err, CB_E_INTERNAL, "arena too small for HELLO strings");
	} else {
		nums[0] = h->version; nums[1] = h->last_selector; nums[2] = h->flags;
		nums[3] = h->max_response; nums[4] = h->max_request; nums[5] = h->max_in_flight;
		nums[6] = h->task_count; nums[7] = h->kernel_len; nums[8] = h->profile_len; nums[9] = h->agent_len;
		memcpy(arena, h->kernel, h->kernel_len);
		memcpy(arena + h->kernel_len, h->profile, h->profile_len);
		memcpy(arena + h->kernel_len + h->profile_len, h->agent, h->agent_len);
	}
	pthread_mutex_unlock(&c->lock);
	return rc;
}

/* Checks a caller's selector range before it goes on the wire. */
static int check_range(cb_conn *c, int first, int last, int max)
{
	if (first < 0 || last > max || first > last)
		return cb_fail(&c->err, CB_E_INTERNAL, "range %d..%d outside 0..%d", first, last, max);
	return 0;
}

static int check_cap(cb_conn *c, int cap)
{
	return cap < 0 ? cb_fail(&c->err, CB_E_INTERNAL, "negative buffer capacity") : 0;
}

/* Every exported call holds the connection's lock for the whole request and its error state. */
static void begin(cb_conn *c)
{
	pthread_mutex_lock(&c->lock);
	cb_err_clear(&c->err);
}

static int end(cb_conn *c, int rc)
{
	pthread_mutex_unlock(&c->lock);
	return rc;
}

static int tasks_locked(cb_conn *c, int64_t *nums, int max_tasks, uint8_t *arena, int arena_cap)
{
	const uint8_t *p;
	size_t n;
	int rc;
	struct cb_wr w = request(c);
	if ((rc = check_cap(c, max_tasks)) < 0 || (rc = check_cap(c, arena_cap)) < 0
	    || (rc = exchange(c, OP_TASKS, &w, &p, &n)) < 0)
		return rc;
	struct cb_arena a = { arena, (size_t)arena_cap, 0 };
	return parsed(c, cb_parse_tasks(p, n, nums, (size_t)max_tasks, &a, &c->err));
}

int cb_tasks(cb_conn *c, int64_t *nums, int max_tasks, uint8_t *arena, int arena_cap)
{
	begin(c);
	return end(c, tasks_locked(c, nums, max_tasks, arena, arena_cap));
}

static int generation_locked(cb_conn *c, uint32_t task, int64_t *meta)
{
	const uint8_t *p;
	size_t n;
	uint64_t gen = 0;
	int rc;
	struct cb_wr w = request(c);
	wr_u16(&w, 1);
	wr_u32(&w, task);
	if ((rc = exchange(c, OP_GENERATION, &w, &p, &n)) < 0
	    || (rc = parsed(c, cb_parse_generation(p, n, task, &gen, &c->err))) < 0)
		return rc;
	meta[0] = (int64_t)gen;
	return 0;
}

int cb_generation(cb_conn *c, uint32_t task, int64_t *meta)
{
	begin(c);
	return end(c, generation_locked(c, task, meta));
}

/* VALIDITY and CAP_INFOS share the request layout: task, first, last. */
static int range_request(cb_conn *c, uint16_t opcode, uint32_t task, int first, int last, int max,
                         const uint8_t **p, size_t *n)
{
	int rc;
	struct cb_wr w = request(c);
	wr_u32(&w, task);
	wr_u16(&w, (uint16_t)first);
	wr_u16(&w, (uint16_t)last);
	if ((rc = check_range(c, first, last, max)) < 0) return rc;
	return exchange(c, opcode, &w, p, n);
}

static int validity_locked(cb_conn *c, uint32_t task, int first, int last, uint8_t *bitmap, int cap,
                           int64_t *meta)
{
	const uint8_t *p;
	size_t n;
	uint64_t gen = 0;
	int rc;
	if ((rc = check_cap(c, cap)) < 0
	    || (rc = range_request(c, OP_VALIDITY, task, first, last, CB_LAST_SELECTOR, &p, &n)) < 0
	    || (rc = parsed(c, cb_parse_validity(p, n, task, (uint16_t)first, (uint16_t)last, bitmap,
	                                         (size_t)cap, &gen, &c->err))) < 0)
		return rc;
	meta[0] = (int64_t)gen;
	return rc;
}

int cb_validity(cb_conn *c, uint32_t task, int first, int last, uint8_t *bitmap, int cap, int64_t *meta)
{
	begin(c);
	return end(c, validity_locked(c, task, first, last, bitmap, cap, meta));
}

static int cap_infos_locked(cb_conn *c, uint32_t task, int first, int last, int64_t *nums, int max_infos,
                            int64_t *meta)
{
	const uint8_t *p;
	size_t n;
	uint64_t gen = 0;
	int rc;
	if ((rc = check_cap(c, max_infos)) < 0
	    || (rc = range_request(c, OP_CAP_INFOS, task, first, last, CB_LAST_SELECTOR, &p, &n)) < 0
	    || (rc = parsed(c, cb_parse_cap_infos(p, n, task, (uint16_t)first, (uint16_t)last, nums,
	                                          (size_t)max_infos, &gen, &c->err))) < 0)
		return rc;
	meta[0] = (int64_t)gen;
	return rc;
}

int cb_cap_infos(cb_conn *c, uint32_t task, int first, int last, int64_t *nums, int max_infos, int64_t *meta)
{
	begin(c);
	return end(c, cap_infos_locked(c, task, first, last, nums, max_infos, meta));
}

static int threads_locked(cb_conn *c, uint32_t task, int64_t *nums, int max_threads, uint8_t *arena,
                          int arena_cap, int64_t *meta)
{
	const uint8_t *p;
	size_t n;
	uint64_t gen = 0;
	int rc;
	struct cb_wr w = request(c);
	wr_u32(&w, task);
	if ((rc = check_cap(c, max_threads)) < 0 || (rc = check_cap(c, arena_cap)) < 0
	    || (rc = exchange(c, OP_THREADS, &w, &p, &n)) < 0)
		return rc;
	struct cb_arena a = { arena, (size_t)arena_cap, 0 };
	rc = parsed(c, cb_parse_threads(p, n, task, nums, (size_t)max_threads, &a, &gen, &c->err));
	if (rc >= 0) meta[0] = (int64_t)gen;
	return rc;
}

int cb_threads(cb_conn *c, uint32_t task, int64_t *nums, int max_threads, uint8_t *arena, int arena_cap,
               int64_t *meta)
{
	begin(c);
	return end(c, threads_locked(c, task, nums, max_threads, arena, arena_cap, meta));
}

static int cap_map_locked(cb_conn *c, uint32_t task, int first, int last, int64_t *nums, int max_entries,
                          uint8_t *arena, int arena_cap, int64_t *meta)
{
	const uint8_t *p;
	size_t n;
	uint64_t gen = 0;
	uint16_t next = 0xFFFF;
	int rc;
	if ((rc = check_cap(c, max_entries)) < 0 || (rc = check_cap(c, arena_cap)) < 0
	    || (rc = range_request(c, OP_CAP_MAP, task, first, last, CB_LAST_CAPMAP_INDEX, &p, &n)) < 0)
		return rc;
	struct cb_arena a = { arena, (size_t)arena_cap, 0 };
	rc = parsed(c, cb_parse_cap_map(p, n, task, (uint16_t)first, (uint16_t)last, nums, (size_t)max_entries,
	                                &a, &next, &gen, &c->err));
	if (rc >= 0) {
		meta[0] = (int64_t)gen;
		meta[1] = next;
	}
	return rc;
}

int cb_cap_map(cb_conn *c, uint32_t task, int first, int last, int64_t *nums, int max_entries,
               uint8_t *arena, int arena_cap, int64_t *meta)
{
	begin(c);
	return end(c, cap_map_locked(c, task, first, last, nums, max_entries, arena, arena_cap, meta));
}

/* Mutations whose answer is just the new generation. */
static int mutate(cb_conn *c, uint16_t opcode, struct cb_wr *w, int64_t *meta)
{
	const uint8_t *p;
	size_t n;
	uint64_t gen = 0;
	int rc;
	if ((rc = exchange(c, opcode, w, &p, &n)) < 0
	    || (rc = parsed(c, cb_parse_generation_only(p, n, &gen, &c->err))) < 0)
		return rc;
	meta[0] = (int64_t)gen;
	return 0;
}

static int unmap_locked(cb_conn *c, uint32_t task, int selector, int order, int mode, int64_t *meta)
{
	int rc;
	struct cb_wr w = request(c);
	wr_u32(&w, task);
	wr_u16(&w, (uint16_t)selector);
	wr_u8(&w, (uint8_t)order);
	wr_u8(&w, (uint8_t)mode);
	if ((rc = check_range(c, selector, selector, CB_LAST_SELECTOR)) < 0) return rc;
	return mutate(c, OP_UNMAP, &w, meta);
}

int cb_unmap(cb_conn *c, uint32_t task, int selector, int order, int mode, int64_t *meta)
{
	begin(c);
	return end(c, unmap_locked(c, task, selector, order, mode, meta));
}

static int map_copy_locked(cb_conn *c, uint32_t dst_task, uint32_t src_task, int from, int to, int order,
                           int rights, int grant, int64_t *meta)
{
	int rc;
	struct cb_wr w = request(c);
	wr_u32(&w, dst_task);
	wr_u32(&w, src_task);
	wr_u16(&w, (uint16_t)from);
	wr_u16(&w, (uint16_t)to);
	wr_u8(&w, (uint8_t)order);
	wr_u8(&w, (uint8_t)rights);
	wr_u8(&w, grant ? 1 : 0);
	wr_u8(&w, 0);
	if ((rc = check_range(c, from, from, CB_LAST_SELECTOR)) < 0
	    || (rc = check_range(c, to, to, CB_LAST_SELECTOR)) < 0)
		return rc;
	return mutate(c, OP_MAP_COPY, &w, meta);
}

int cb_map_copy(cb_conn *c, uint32_t dst_task, uint32_t src_task, int from, int to, int order, int rights,
                int grant, int64_t *meta)
{
	begin(c);
	return end(c, map_copy_locked(c, dst_task, src_task, from, to, order, rights, grant, meta));
}

/* The four semantics strings of CREATE_SESSION and SET_CAPMAP_ENTRY. */
struct semantics_strings {
	const uint8_t *s[4];
	int len[4];
};

static int write_strings(cb_conn *c, struct cb_wr *w, const struct semantics_strings *ss)
{
	for (int i = 0; i < 4; i++) {
		if (ss->len[i] < 0 || ss->len[i] > CB_MAX_STRING || (ss->len[i] > 0 && !ss->s[i]))
			return cb_fail(&c->err, CB_E_INTERNAL, "string of %d bytes (limit %d)", ss->len[i], CB_MAX_STRING);
		wr_str(w, ss->s[i], (size_t)ss->len[i]);
	}
	return 0;
}

static int create_session_locked(cb_conn *c, uint32_t task, int selector, int64_t quota,
                                 const struct semantics_strings *ss, int64_t *meta)
{
	const uint8_t *p;
	size_t n;
	uint16_t badge = 0;
	uint32_t obj = 0;
	uint64_t gen = 0;
	int rc;
	struct cb_wr w = request(c);
	wr_u32(&w, task);
	wr_u16(&w, (uint16_t)selector);
	wr_u64(&w, (uint64_t)quota);
	if ((rc = check_range(c, selector, selector, CB_LAST_SELECTOR)) < 0 || (rc = write_strings(c, &w, ss)) < 0
	    || (rc = exchange(c, OP_CREATE_SESSION, &w, &p, &n)) < 0
	    || (rc = parsed(c, cb_parse_create_session(p, n, &badge, &obj, &gen, &c->err))) < 0)
		return rc;
	meta[0] = (int64_t)gen;
	meta[2] = badge;
	meta[3] = obj;
	return 0;
}

int cb_create_session(cb_conn *c, uint32_t task, int selector, int64_t quota,
                      const uint8_t *iface, int iface_len, const uint8_t *label, int label_len,
                      const uint8_t *args, int args_len, const uint8_t *server, int server_len, int64_t *meta)
{
	struct semantics_strings ss = { { iface, label, args, server }, { iface_len, label_len, args_len, server_len } };
	begin(c);
	return end(c, create_session_locked(c, task, selector, quota, &ss, meta));
}

static int create_object_locked(cb_conn *c, uint32_t task, int selector, int kind, int64_t label, int64_t *meta)
{
	const uint8_t *p;
	size_t n;
	uint32_t obj = 0;
	uint64_t gen = 0;
	int rc;
	struct cb_wr w = request(c);
	wr_u32(&w, task);
	wr_u16(&w, (uint16_t)selector);
	wr_u8(&w, (uint8_t)kind);
	wr_u8(&w, 0);
	wr_u64(&w, (uint64_t)label);
	if ((rc = check_range(c, selector, selector, CB_LAST_SELECTOR)) < 0
	    || (rc = exchange(c, OP_CREATE_OBJECT, &w, &p, &n)) < 0
	    || (rc = parsed(c, cb_parse_create_object(p, n, &obj, &gen, &c->err))) < 0)
		return rc;
	meta[0] = (int64_t)gen;
	meta[3] = obj;
	return 0;
}

int cb_create_object(cb_conn *c, uint32_t task, int selector, int kind, int64_t label, int64_t *meta)
{
	begin(c);
	return end(c, create_object_locked(c, task, selector, kind, label, meta));
}

static int set_capmap_entry_locked(cb_conn *c, uint32_t task, int index, int raw_id, int ref_count, int flags,
                                   uint32_t server_task, int64_t quota, const struct semantics_strings *ss,
                                   int64_t *meta)
{
	int rc;
	struct cb_wr w = request(c);
	wr_u32(&w, task);
	wr_u16(&w, (uint16_t)index);
	wr_u16(&w, (uint16_t)raw_id);
	wr_u8(&w, (uint8_t)ref_count);
	if (raw_id > 0xFFFF) { /* Genode 25.02's 32-bit ids: the high half follows the flags */
		wr_u8(&w, (uint8_t)(flags | CAPMAP_ID_HIGH));
		wr_u16(&w, (uint16_t)((uint32_t)raw_id >> 16));
	} else {
		wr_u8(&w, (uint8_t)(flags & ~CAPMAP_ID_HIGH));
	}
	wr_u32(&w, server_task);
	wr_u64(&w, (uint64_t)quota);
	if ((rc = check_range(c, index, index, CB_LAST_CAPMAP_INDEX)) < 0 || (rc = write_strings(c, &w, ss)) < 0)
		return rc;
	if (raw_id <= 0 || ref_count < 0 || ref_count > 255)
		return cb_fail(&c->err, CB_E_INTERNAL, "cap-map entry raw id %d / ref count %d out of range",
		               raw_id, ref_count);
	return mutate(c, OP_SET_CAPMAP_ENTRY, &w, meta);
}

int cb_set_capmap_entry(cb_conn *c, uint32_t task, int index, int raw_id, int ref_count, int flags,
                        uint32_t server_task, int64_t quota,
                        const uint8_t *iface, int iface_len, const uint8_t *label, int label_len,
                        const uint8_t *args, int args_len, const uint8_t *server, int server_len, int64_t *meta)
{
	struct semantics_strings ss = { { iface, label, args, server }, { iface_len, label_len, args_len, server_len } };
	begin(c);
	return end(c, set_capmap_entry_locked(c, task, index, raw_id, ref_count, flags, server_task, quota, &ss, meta));
}

static int clear_capmap_entry_locked(cb_conn *c, uint32_t task, int index, int64_t *meta)
{
	int rc;
	struct cb_wr w = request(c);
	wr_u32(&w, task);
	wr_u16(&w, (uint16_t)index);
	if ((rc = check_range(c, index, index, CB_LAST_CAPMAP_INDEX)) < 0) return rc;
	return mutate(c, OP_CLEAR_CAPMAP_ENTRY, &w, meta);
}

int cb_clear_capmap_entry(cb_conn *c, uint32_t task, int index, int64_t *meta)
{
	begin(c);
	return end(c, clear_capmap_entry_locked(c, task, index, meta));
}

static int close_session_locked(cb_conn *c, uint32_t task, int selector, int64_t *meta)
{
	int rc;
	struct cb_wr w = request(c);
	wr_u32(&w, task);
	wr_u16(&w, (uint16_t)selector);
	if ((rc = check_range(c, selector, selector, CB_LAST_CAPMAP_INDEX)) < 0) return rc;
	return mutate(c, OP_CLOSE_SESSION, &w, meta);
}

int cb_close_session(cb_conn *c, uint32_t task, int selector, int64_t *meta)
{
	begin(c);
	return end(c, close_session_locked(c, task, selector, meta));
}

static int lease_acquire_locked(cb_conn *c, uint32_t task, int64_t generation, int timeout_ms, int64_t *meta)
{
	struct cb_wr w = request(c);
	if (timeout_ms < 0)
		return cb_fail(&c->err, CB_E_INTERNAL, "negative lease timeout %d ms", timeout_ms);
	wr_u32(&w, task);
	wr_u64(&w, (uint64_t)generation);
	wr_u32(&w, (uint32_t)timeout_ms);
	return mutate(c, OP_LEASE_ACQUIRE, &w, meta);
}

int cb_lease_acquire(cb_conn *c, uint32_t task, int64_t generation, int timeout_ms, int64_t *meta)
{
	begin(c);
	return end(c, lease_acquire_locked(c, task, generation, timeout_ms, meta));
}

static int lease_release_locked(cb_conn *c)
{
	const uint8_t *p;
	size_t n;
	int rc;
	struct cb_wr w = request(c);
	if ((rc = exchange(c, OP_LEASE_RELEASE, &w, &p, &n)) < 0) return rc;
	if (n != 0) {
		drop_connection(c);
		return cb_fail(&c->err, CB_E_PROTOCOL, "LEASE_RELEASE response has %zu unexpected bytes", n);
	}
	return 0;
}

int cb_lease_release(cb_conn *c)
{
	begin(c);
	return end(c, lease_release_locked(c));
}

/* One announced request: header and payload into the queue, id taken now. */
static void announce(cb_conn *c, uint16_t opcode, const struct cb_wr *payload)
{
	uint8_t frame[CB_PENDING_FRAME];
	uint32_t id = ++c->next_id;
	write_header(frame, opcode, id, payload->len);
	memcpy(frame + CB_HEADER_SIZE, payload->p, payload->len);
	cb_pipeline_add(&c->pipe, frame, CB_HEADER_SIZE + payload->len, id, opcode);
}

static void announce_range(cb_conn *c, uint16_t opcode, uint32_t task, int first, int last)
{
	uint8_t b[8];
	struct cb_wr w = { b, sizeof b, 0, 0 };
	wr_u32(&w, task);
	wr_u16(&w, (uint16_t)first);
	wr_u16(&w, (uint16_t)last);
	announce(c, opcode, &w);
}

static void announce_generation(cb_conn *c, uint32_t task)
{
	uint8_t b[6];
	struct cb_wr w = { b, sizeof b, 0, 0 };
	wr_u16(&w, 1);
	wr_u32(&w, task);
	announce(c, OP_GENERATION, &w);
}

static int announce_walks_locked(cb_conn *c, const uint32_t *tasks, int ntasks, int flags)
{
	int per_walk = (flags & CB_WALK_GENERATION_FIRST) ? 6 : 5, done = 0;
	if (!c->connected)
		return cb_fail(&c->err, CB_E_UNREACHABLE, "not connected (the connection was closed after an earlier error)");
	if (ntasks < 0 || (ntasks > 0 && !tasks)) return cb_fail(&c->err, CB_E_INTERNAL, "bad task list");
	for (; done < ntasks && cb_pipeline_room(&c->pipe) >= per_walk; done++) {
		uint32_t task = tasks[done];
		uint8_t b[4];
		struct cb_wr w = { b, sizeof b, 0, 0 };
		wr_u32(&w, task);
		if (flags & CB_WALK_GENERATION_FIRST) announce_generation(c, task);
		announce_range(c, OP_VALIDITY, task, 0, CB_LAST_SELECTOR);
		announce_range(c, OP_CAP_INFOS, task, 0, CB_LAST_SELECTOR);
		announce(c, OP_THREADS, &w);
		announce_range(c, OP_CAP_MAP, task, 0, CB_LAST_CAPMAP_INDEX);
		announce_generation(c, task);
	}
	int rc = cb_pipeline_send(&c->pipe, &c->t, c->framing, -1, cb_now_ms() + c->timeout_ms, &c->err);
	if (rc < 0) {
		drop_connection(c);
		return rc;
	}
	return done;
}

int cb_announce_walks(cb_conn *c, const uint32_t *tasks, int ntasks, int flags)
{
	begin(c);
	return end(c, announce_walks_locked(c, tasks, ntasks, flags));
}

int cb_stats(cb_conn *c, int64_t *out)
{
	pthread_mutex_lock(&c->lock);
	memcpy(out, c->pipe.stats, sizeof c->pipe.stats);
	pthread_mutex_unlock(&c->lock);
	return CB_STAT_COUNT;
}
