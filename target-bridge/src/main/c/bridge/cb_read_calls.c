/* The exported read requests: tasks, generation, validity, cap infos, threads, cap map. */
#include "cb_conn.h"

static int tasks_locked(cb_conn *c, int64_t *nums, int max_tasks, uint8_t *arena, int arena_cap)
{
	const uint8_t *p;
	size_t n;
	int rc;
	struct cb_wr w = request(c);
	if ((rc = check_cap(c, max_tasks)) < 0 || (rc = check_cap(c, arena_cap)) < 0
	    || (rc = cb_exchange(c, OP_TASKS, &w, &p, &n)) < 0)
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
	cb_wr_u16(&w, 1);
	cb_wr_u32(&w, task);
	if ((rc = cb_exchange(c, OP_GENERATION, &w, &p, &n)) < 0
	    || (rc = parsed(c, cb_parse_generation(p, n, task, &gen, &c->err))) < 0)
		return rc;
	meta[CB_META_GENERATION] = (int64_t)gen;
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
	cb_wr_u32(&w, task);
	cb_wr_u16(&w, (uint16_t)first);
	cb_wr_u16(&w, (uint16_t)last);
	if ((rc = check_range(c, first, last, max)) < 0) return rc;
	return cb_exchange(c, opcode, &w, p, n);
}

static int validity_locked(cb_conn *c, uint32_t task, int first, int last, uint8_t *bitmap, int cap, int64_t *meta)
{
	const uint8_t *p;
	size_t n;
	uint64_t gen = 0;
	int rc;
	if ((rc = check_cap(c, cap)) < 0
	    || (rc = range_request(c, OP_VALIDITY, task, first, last, CB_LAST_SELECTOR, &p, &n)) < 0
	    || (rc = parsed(c, cb_parse_validity(p, n, task, (uint16_t)first, (uint16_t)last, bitmap, (size_t)cap,
	                                         &gen, &c->err)))
	           < 0)
		return rc;
	meta[CB_META_GENERATION] = (int64_t)gen;
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
	    || (rc = parsed(c, cb_parse_cap_infos(p, n, task, (uint16_t)first, (uint16_t)last, nums, (size_t)max_infos,
	                                          &gen, &c->err)))
	           < 0)
		return rc;
	meta[CB_META_GENERATION] = (int64_t)gen;
	return rc;
}

int cb_cap_infos(cb_conn *c, uint32_t task, int first, int last, int64_t *nums, int max_infos, int64_t *meta)
{
	begin(c);
	return end(c, cap_infos_locked(c, task, first, last, nums, max_infos, meta));
}

static int threads_locked(cb_conn *c, uint32_t task, int64_t *nums, int max_threads, uint8_t *arena, int arena_cap,
                          int64_t *meta)
{
	const uint8_t *p;
	size_t n;
	uint64_t gen = 0;
	int rc;
	struct cb_wr w = request(c);
	cb_wr_u32(&w, task);
	if ((rc = check_cap(c, max_threads)) < 0 || (rc = check_cap(c, arena_cap)) < 0
	    || (rc = cb_exchange(c, OP_THREADS, &w, &p, &n)) < 0)
		return rc;
	struct cb_arena a = { arena, (size_t)arena_cap, 0 };
	rc = parsed(c, cb_parse_threads(p, n, task, nums, (size_t)max_threads, &a, &gen, &c->err));
	if (rc >= 0) meta[CB_META_GENERATION] = (int64_t)gen;
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
	uint16_t next = PROTO_CAPMAP_DONE;
	int rc;
	if ((rc = check_cap(c, max_entries)) < 0 || (rc = check_cap(c, arena_cap)) < 0
	    || (rc = range_request(c, OP_CAP_MAP, task, first, last, CB_LAST_CAPMAP_INDEX, &p, &n)) < 0)
		return rc;
	struct cb_arena a = { arena, (size_t)arena_cap, 0 };
	rc = parsed(c, cb_parse_cap_map(p, n, task, (uint16_t)first, (uint16_t)last, nums, (size_t)max_entries, &a,
	                                &next, &gen, &c->err));
	if (rc >= 0) {
		meta[CB_META_GENERATION] = (int64_t)gen;
		meta[CB_META_NEXT_INDEX] = next;
	}
	return rc;
}

int cb_cap_map(cb_conn *c, uint32_t task, int first, int last, int64_t *nums, int max_entries, uint8_t *arena,
               int arena_cap, int64_t *meta)
{
	begin(c);
	return end(c, cap_map_locked(c, task, first, last, nums, max_entries, arena, arena_cap, meta));
}
