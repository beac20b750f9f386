/* Payload parsers (cb_parse.h): one function per response kind. Headers and error frames are
 * cb_parse_frame.c. */
#include "cb_parse.h"

#include <stdio.h>
#include <string.h>

#include "capbridge.h"
#include "protocol/header.h"
#include "cb_wire.h"

#define TRUNC(e, what) cb_fail((e), CB_E_PROTOCOL, "truncated %s response", (what))

/* The whole payload must have been read: a longer payload means we misunderstand the frame. */
static int finish(struct cb_rd *r, struct cb_err *e, const char *what)
{
	if (cb_rd_left(r) != 0)
		return cb_fail(e, CB_E_PROTOCOL, "%s response has %zu unexpected trailing bytes", what, cb_rd_left(r));
	return 0;
}

static int arena_put(struct cb_arena *a, const uint8_t *s, uint16_t n, int64_t *off, int64_t *len,
                     struct cb_err *e)
{
	if (a->cap - a->used < n) return cb_fail(e, CB_E_INTERNAL, "string arena of %zu bytes too small", a->cap);
	if (n) memcpy(a->buf + a->used, s, n);
	*off = (int64_t)a->used;
	*len = n;
	a->used += n;
	return 0;
}

/* Every per-task response starts with u32 task + u64 generation; the task must be ours. */
static int task_prefix(struct cb_rd *r, uint32_t task, uint64_t *gen, struct cb_err *e, const char *what)
{
	uint32_t t;
	if (cb_rd_u32(r, &t) < 0 || cb_rd_u64(r, gen) < 0) return TRUNC(e, what);
	if (t != task) return cb_fail(e, CB_E_PROTOCOL, "%s response for task %u, asked for task %u", what, t, task);
	return 0;
}

int cb_parse_hello(const uint8_t *p, size_t n, struct cb_hello *o, struct cb_err *e)
{
	struct cb_rd r = { p, n, 0 };
	const uint8_t *s[3];
	uint16_t len[3];

	if (cb_rd_u16(&r, &o->version) < 0 || cb_rd_u16(&r, &o->last_selector) < 0 || cb_rd_u32(&r, &o->flags) < 0
	    || cb_rd_u32(&r, &o->max_response) < 0 || cb_rd_u32(&r, &o->max_request) < 0
	    || cb_rd_u16(&r, &o->max_in_flight) < 0 || cb_rd_u16(&r, &o->task_count) < 0)
		return TRUNC(e, "HELLO");
	for (int i = 0; i < 3; i++)
		if (cb_rd_str(&r, CB_MAX_STRING, &s[i], &len[i]) < 0)
			return cb_fail(e, CB_E_PROTOCOL, "HELLO response: string %d runs past the payload or over %d bytes",
			               i + 1, CB_MAX_STRING);
	if (finish(&r, e, "HELLO") < 0) return e->code;
	if (o->version != PROTO_VERSION)
		return cb_fail(e, CB_E_PROTOCOL, "agent speaks protocol version %u, this bridge %u", o->version,
		               PROTO_VERSION);
	if (o->last_selector > CB_LAST_SELECTOR)
		return cb_fail(e, CB_E_PROTOCOL, "agent's last selector %u is past %u", o->last_selector,
		               CB_LAST_SELECTOR);
	memcpy(o->kernel, s[0], len[0]);
	memcpy(o->profile, s[1], len[1]);
	memcpy(o->agent, s[2], len[2]);
	o->kernel_len = len[0];
	o->profile_len = len[1];
	o->agent_len = len[2];
	return 0;
}

int cb_parse_tasks(const uint8_t *p, size_t n, int64_t *nums, size_t max_tasks, struct cb_arena *a,
                   struct cb_err *e)
{
	struct cb_rd r = { p, n, 0 };
	uint16_t count;

	if (cb_rd_u16(&r, &count) < 0) return TRUNC(e, "TASKS");
	if ((size_t)count * PROTO_TASK_RECORD_MIN > cb_rd_left(&r))
		return cb_fail(e, CB_E_PROTOCOL, "TASKS response claims %u tasks in %zu bytes", count, cb_rd_left(&r));
	if (count > max_tasks)
		return cb_fail(e, CB_E_PROTOCOL, "TASKS response has %u tasks, this bridge takes at most %zu", count,
		               max_tasks);
	for (size_t i = 0; i < count; i++) {
		uint32_t id, parent, obj;
		uint16_t threads, valid, len;
		uint64_t gen;
		const uint8_t *name;
		int64_t *t = nums + i * CB_TASK_FIELDS;
		if (cb_rd_u32(&r, &id) < 0 || cb_rd_u32(&r, &parent) < 0 || cb_rd_u32(&r, &obj) < 0
		    || cb_rd_u16(&r, &threads) < 0 || cb_rd_u16(&r, &valid) < 0 || cb_rd_u64(&r, &gen) < 0
		    || cb_rd_str(&r, CB_MAX_STRING, &name, &len) < 0)
			return cb_fail(e, CB_E_PROTOCOL, "TASKS response: task record %zu runs past the payload", i);
		if (id == 0) return cb_fail(e, CB_E_PROTOCOL, "TASKS response: task record %zu has id 0", i);
		if (valid > CB_LAST_SELECTOR + 1)
			return cb_fail(e, CB_E_PROTOCOL, "TASKS response: task %u claims %u valid selectors", id, valid);
		t[CB_TASK_ID] = id;
		t[CB_TASK_PARENT] = parent;
		t[CB_TASK_OBJECT] = obj;
		t[CB_TASK_THREADS] = threads;
		t[CB_TASK_VALID_CAPS] = valid;
		t[CB_TASK_GENERATION] = (int64_t)gen;
		if (arena_put(a, name, len, &t[CB_TASK_NAME], &t[CB_TASK_NAME + 1], e) < 0) return e->code;
	}
	if (finish(&r, e, "TASKS") < 0) return e->code;
	return count;
}

int cb_parse_generation(const uint8_t *p, size_t n, uint32_t task, uint64_t *gen, struct cb_err *e)
{
	struct cb_rd r = { p, n, 0 };
	uint16_t count;
	uint32_t t;
	if (cb_rd_u16(&r, &count) < 0) return TRUNC(e, "GENERATION");
	if (count != 1) return cb_fail(e, CB_E_PROTOCOL, "GENERATION response has %u records, asked for 1", count);
	if (cb_rd_u32(&r, &t) < 0 || cb_rd_u64(&r, gen) < 0) return TRUNC(e, "GENERATION");
	if (t != task) return cb_fail(e, CB_E_PROTOCOL, "GENERATION response for task %u, asked for task %u", t, task);
	return finish(&r, e, "GENERATION");
}

int cb_parse_validity(const uint8_t *p, size_t n, uint32_t task, uint16_t first, uint16_t last, uint8_t *bitmap,
                      size_t cap, uint64_t *gen, struct cb_err *e)
{
	struct cb_rd r = { p, n, 0 };
	uint16_t f, l;
	const size_t bits = (size_t)last - first + 1;
	const size_t bytes = (bits + 7) / 8;

	if (task_prefix(&r, task, gen, e, "VALIDITY") < 0) return e->code;
	if (cb_rd_u16(&r, &f) < 0 || cb_rd_u16(&r, &l) < 0) return TRUNC(e, "VALIDITY");
	if (f != first || l != last)
		return cb_fail(e, CB_E_PROTOCOL, "VALIDITY response covers %u..%u, asked for %u..%u", f, l, first, last);
	if (cb_rd_left(&r) != bytes)
		return cb_fail(e, CB_E_PROTOCOL, "VALIDITY bitmap has %zu bytes, %zu selectors need %zu", cb_rd_left(&r),
		               bits, bytes);
	if (bytes > cap) return cb_fail(e, CB_E_INTERNAL, "bitmap buffer of %zu bytes too small for %zu", cap, bytes);
	memcpy(bitmap, r.p + r.off, bytes);
	if (bits % 8 && (bitmap[bytes - 1] >> (bits % 8)))
		return cb_fail(e, CB_E_PROTOCOL, "VALIDITY bitmap sets bits past selector %u", last);
	return (int)bytes;
}

int cb_parse_cap_infos(const uint8_t *p, size_t n, uint32_t task, uint16_t first, uint16_t last, int64_t *nums,
                       size_t max_infos, uint64_t *gen, struct cb_err *e)
{
	struct cb_rd r = { p, n, 0 };
	uint16_t count;
	long prev = -1;

	if (task_prefix(&r, task, gen, e, "CAP_INFOS") < 0) return e->code;
	if (cb_rd_u16(&r, &count) < 0) return TRUNC(e, "CAP_INFOS");
	if (count > (size_t)last - first + 1)
		return cb_fail(e, CB_E_PROTOCOL, "CAP_INFOS response has %u records for %u selectors", count,
		               last - first + 1);
	if (cb_rd_left(&r) != (size_t)count * PROTO_CAP_INFO_SIZE)
		return cb_fail(e, CB_E_PROTOCOL, "CAP_INFOS response: %u records need %zu bytes, payload has %zu", count,
		               (size_t)count * PROTO_CAP_INFO_SIZE, cb_rd_left(&r));
	if (count > max_infos)
		return cb_fail(e, CB_E_INTERNAL, "cap info buffer for %zu records too small for %u", max_infos, count);
	for (size_t i = 0; i < count; i++) {
		uint16_t sel = 0;
		uint8_t kind = 0, rights = 0, flags = 0;
		uint32_t obj = 0, maps = 0;
		uint64_t label = 0;
		int64_t *c = nums + i * CB_CAPINFO_FIELDS;
		cb_rd_u16(&r, &sel);
		cb_rd_u8(&r, &kind);
		cb_rd_u8(&r, &rights);
		cb_rd_u32(&r, &obj);
		cb_rd_u64(&r, &label);
		cb_rd_u32(&r, &maps);
		cb_rd_u8(&r, &flags);
		cb_rd_skip(&r, 3);
		if (sel < first || sel > last || (long)sel <= prev)
			return cb_fail(e, CB_E_PROTOCOL, "CAP_INFOS record %zu: selector %u out of order or outside %u..%u", i,
			               sel, first, last);
		if (kind > KIND_LAST)
			return cb_fail(e, CB_E_PROTOCOL, "CAP_INFOS selector %u: unknown kind %u", sel, kind);
		if (rights > 0xF && rights != PROTO_RIGHTS_UNKNOWN)
			return cb_fail(e, CB_E_PROTOCOL, "CAP_INFOS selector %u: rights 0x%x", sel, rights);
		prev = sel;
		c[CB_CAPINFO_SELECTOR] = sel;
		c[CB_CAPINFO_KIND] = kind;
		c[CB_CAPINFO_RIGHTS] = rights;
		c[CB_CAPINFO_OBJECT] = obj;
		c[CB_CAPINFO_LABEL] = (int64_t)label;
		c[CB_CAPINFO_MAPPINGS] = maps;
		c[CB_CAPINFO_FLAGS] = flags;
	}
	return count;
}

int cb_parse_threads(const uint8_t *p, size_t n, uint32_t task, int64_t *nums, size_t max_threads,
                     struct cb_arena *a, uint64_t *gen, struct cb_err *e)
{
	struct cb_rd r = { p, n, 0 };
	uint16_t count;

	if (task_prefix(&r, task, gen, e, "THREADS") < 0) return e->code;
	if (cb_rd_u16(&r, &count) < 0) return TRUNC(e, "THREADS");
	if ((size_t)count * PROTO_THREAD_RECORD_MIN > cb_rd_left(&r))
		return cb_fail(e, CB_E_PROTOCOL, "THREADS response claims %u threads in %zu bytes", count, cb_rd_left(&r));
	if (count > max_threads)
		return cb_fail(e, CB_E_PROTOCOL, "THREADS response has %u threads, at most %zu taken", count, max_threads);
	for (size_t i = 0; i < count; i++) {
		uint16_t idx, sel, len;
		uint8_t slots, state;
		const uint8_t *name;
		int64_t *t = nums + i * CB_THREAD_FIELDS;
		if (cb_rd_u16(&r, &idx) < 0 || cb_rd_u16(&r, &sel) < 0 || cb_rd_u8(&r, &slots) < 0
		    || cb_rd_u8(&r, &state) < 0 || cb_rd_str(&r, CB_MAX_STRING, &name, &len) < 0)
			return cb_fail(e, CB_E_PROTOCOL, "THREADS response: record %zu runs past the payload", i);
		if (sel > CB_LAST_SELECTOR)
			return cb_fail(e, CB_E_PROTOCOL, "THREADS response: thread %u starts at selector %u", idx, sel);
		t[CB_THREAD_INDEX] = idx;
		t[CB_THREAD_FIRST_SELECTOR] = sel;
		t[CB_THREAD_SLOTS] = slots;
		t[CB_THREAD_STATE] = state;
		if (arena_put(a, name, len, &t[CB_THREAD_NAME], &t[CB_THREAD_NAME + 1], e) < 0) return e->code;
	}
	if (finish(&r, e, "THREADS") < 0) return e->code;
	return count;
}

int cb_parse_cap_map(const uint8_t *p, size_t n, uint32_t task, uint16_t first, uint16_t last, int64_t *nums,
                     size_t max_entries, struct cb_arena *a, uint16_t *next, uint64_t *gen, struct cb_err *e)
{
	struct cb_rd r = { p, n, 0 };
	uint16_t count;
	long prev = -1;

	if (task_prefix(&r, task, gen, e, "CAP_MAP") < 0) return e->code;
	if (cb_rd_u16(&r, &count) < 0 || cb_rd_u16(&r, next) < 0) return TRUNC(e, "CAP_MAP");
	if (count > (size_t)last - first + 1)
		return cb_fail(e, CB_E_PROTOCOL, "CAP_MAP response has %u entries for %u indices", count,
		               last - first + 1);
	if ((size_t)count * PROTO_CAPMAP_ENTRY_MIN > cb_rd_left(&r))
		return cb_fail(e, CB_E_PROTOCOL, "CAP_MAP response claims %u entries in %zu bytes", count, cb_rd_left(&r));
	if (count > max_entries)
		return cb_fail(e, CB_E_INTERNAL, "cap-map buffer for %zu entries too small for %u", max_entries, count);
	for (size_t i = 0; i < count; i++) {
		uint16_t idx, raw, raw_high = 0;
		uint8_t refs, flags;
		uint32_t server;
		uint64_t quota;
		int64_t *m = nums + i * CB_CAPMAP_FIELDS;
		if (cb_rd_u16(&r, &idx) < 0 || cb_rd_u16(&r, &raw) < 0 || cb_rd_u8(&r, &refs) < 0
		    || cb_rd_u8(&r, &flags) < 0 || ((flags & CAPMAP_FLAG_ID_HIGH) && cb_rd_u16(&r, &raw_high) < 0)
		    || cb_rd_u32(&r, &server) < 0 || cb_rd_u64(&r, &quota) < 0)
			return cb_fail(e, CB_E_PROTOCOL, "CAP_MAP response: entry %zu runs past the payload", i);
		if (idx < first || idx > last || (long)idx <= prev)
			return cb_fail(e, CB_E_PROTOCOL, "CAP_MAP entry %zu: index %u out of order or outside %u..%u", i, idx,
			               first, last);
		uint32_t raw_id = (uint32_t)raw_high << 16 | raw;
		if (raw_id == 0)
			return cb_fail(e, CB_E_PROTOCOL, "CAP_MAP entry %u has raw id 0 (free entries are never sent)", idx);
		prev = idx;
		m[CB_CAPMAP_INDEX] = idx;
		m[CB_CAPMAP_RAW_ID] = raw_id;
		m[CB_CAPMAP_REF_COUNT] = refs;
		m[CB_CAPMAP_FLAGS] = flags & ~CAPMAP_FLAG_ID_HIGH;
		m[CB_CAPMAP_SERVER_TASK] = server;
		m[CB_CAPMAP_QUOTA] = (int64_t)quota;
		static const int strings[4] = { CB_CAPMAP_IFACE, CB_CAPMAP_LABEL, CB_CAPMAP_ARGS, CB_CAPMAP_SERVER };
		for (int s = 0; s < 4; s++) {
			const uint8_t *str;
			uint16_t len;
			if (cb_rd_str(&r, CB_MAX_STRING, &str, &len) < 0)
				return cb_fail(e, CB_E_PROTOCOL,
				               "CAP_MAP entry %u: string %d runs past the payload or over %d bytes", idx, s + 1,
				               CB_MAX_STRING);
			/* The previous entry's same string again (a server's dataspaces, its sessions): its bytes. */
			int64_t *at = &m[strings[s]], *was = i ? at - CB_CAPMAP_FIELDS : NULL;
			if (was && was[1] == len && memcmp(a->buf + was[0], str, len) == 0) {
				at[0] = was[0];
				at[1] = len;
			} else if (arena_put(a, str, len, &at[0], &at[1], e) < 0) {
				return e->code;
			}
		}
	}
	if (finish(&r, e, "CAP_MAP") < 0) return e->code;
	/* A continuation must make progress and stay in the range, or a client could loop forever. */
	if (*next != PROTO_CAPMAP_DONE && (*next <= first || *next > last || (long)*next <= prev))
		return cb_fail(e, CB_E_PROTOCOL, "CAP_MAP next index %u does not continue %u..%u after %ld", *next, first,
		               last, prev);
	return count;
}

int cb_parse_generation_only(const uint8_t *p, size_t n, uint64_t *gen, struct cb_err *e)
{
	struct cb_rd r = { p, n, 0 };
	if (cb_rd_u64(&r, gen) < 0) return TRUNC(e, "mutation");
	return finish(&r, e, "mutation");
}

int cb_parse_create_session(const uint8_t *p, size_t n, uint16_t *badge, uint32_t *object_id, uint64_t *gen,
                            struct cb_err *e)
{
	struct cb_rd r = { p, n, 0 };
	if (cb_rd_u16(&r, badge) < 0 || cb_rd_u32(&r, object_id) < 0 || cb_rd_u64(&r, gen) < 0)
		return TRUNC(e, "CREATE_SESSION");
	return finish(&r, e, "CREATE_SESSION");
}

int cb_parse_create_object(const uint8_t *p, size_t n, uint32_t *object_id, uint64_t *gen, struct cb_err *e)
{
	struct cb_rd r = { p, n, 0 };
	if (cb_rd_u32(&r, object_id) < 0 || cb_rd_u64(&r, gen) < 0) return TRUNC(e, "CREATE_OBJECT");
	return finish(&r, e, "CREATE_OBJECT");
}
