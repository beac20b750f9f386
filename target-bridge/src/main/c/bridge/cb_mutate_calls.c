/* The exported mutations (and the lease that guards them): each answers the new generation. */
#include "cb_conn.h"

/* Mutations whose answer is just the new generation. */
static int mutate(cb_conn *c, uint16_t opcode, struct cb_wr *w, int64_t *meta)
{
	const uint8_t *p;
	size_t n;
	uint64_t gen = 0;
	int rc;
	if ((rc = cb_exchange(c, opcode, w, &p, &n)) < 0
	    || (rc = parsed(c, cb_parse_generation_only(p, n, &gen, &c->err))) < 0)
		return rc;
	meta[CB_META_GENERATION] = (int64_t)gen;
	return 0;
}

static int unmap_locked(cb_conn *c, uint32_t task, int selector, int order, int mode, int64_t *meta)
{
	int rc;
	struct cb_wr w = request(c);
	cb_wr_u32(&w, task);
	cb_wr_u16(&w, (uint16_t)selector);
	cb_wr_u8(&w, (uint8_t)order);
	cb_wr_u8(&w, (uint8_t)mode);
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
	cb_wr_u32(&w, dst_task);
	cb_wr_u32(&w, src_task);
	cb_wr_u16(&w, (uint16_t)from);
	cb_wr_u16(&w, (uint16_t)to);
	cb_wr_u8(&w, (uint8_t)order);
	cb_wr_u8(&w, (uint8_t)rights);
	cb_wr_u8(&w, grant ? 1 : 0);
	cb_wr_u8(&w, 0);
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
		cb_wr_str(w, ss->s[i], (size_t)ss->len[i]);
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
	cb_wr_u32(&w, task);
	cb_wr_u16(&w, (uint16_t)selector);
	cb_wr_u64(&w, (uint64_t)quota);
	if ((rc = check_range(c, selector, selector, CB_LAST_SELECTOR)) < 0 || (rc = write_strings(c, &w, ss)) < 0
	    || (rc = cb_exchange(c, OP_CREATE_SESSION, &w, &p, &n)) < 0
	    || (rc = parsed(c, cb_parse_create_session(p, n, &badge, &obj, &gen, &c->err))) < 0)
		return rc;
	meta[CB_META_GENERATION] = (int64_t)gen;
	meta[CB_META_BADGE] = badge;
	meta[CB_META_OBJECT] = obj;
	return 0;
}

int cb_create_session(cb_conn *c, uint32_t task, int selector, int64_t quota, const uint8_t *iface, int iface_len,
                      const uint8_t *label, int label_len, const uint8_t *args, int args_len,
                      const uint8_t *server, int server_len, int64_t *meta)
{
	struct semantics_strings ss = { { iface, label, args, server },
		                            { iface_len, label_len, args_len, server_len } };
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
	cb_wr_u32(&w, task);
	cb_wr_u16(&w, (uint16_t)selector);
	cb_wr_u8(&w, (uint8_t)kind);
	cb_wr_u8(&w, 0);
	cb_wr_u64(&w, (uint64_t)label);
	if ((rc = check_range(c, selector, selector, CB_LAST_SELECTOR)) < 0
	    || (rc = cb_exchange(c, OP_CREATE_OBJECT, &w, &p, &n)) < 0
	    || (rc = parsed(c, cb_parse_create_object(p, n, &obj, &gen, &c->err))) < 0)
		return rc;
	meta[CB_META_GENERATION] = (int64_t)gen;
	meta[CB_META_OBJECT] = obj;
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
	cb_wr_u32(&w, task);
	cb_wr_u16(&w, (uint16_t)index);
	cb_wr_u16(&w, (uint16_t)raw_id);
	cb_wr_u8(&w, (uint8_t)ref_count);
	if (raw_id > 0xFFFF) { /* Genode 25.02's 32-bit ids: the high half follows the flags */
		cb_wr_u8(&w, (uint8_t)(flags | CAPMAP_FLAG_ID_HIGH));
		cb_wr_u16(&w, (uint16_t)((uint32_t)raw_id >> 16));
	} else {
		cb_wr_u8(&w, (uint8_t)(flags & ~CAPMAP_FLAG_ID_HIGH));
	}
	cb_wr_u32(&w, server_task);
	cb_wr_u64(&w, (uint64_t)quota);
	if ((rc = check_range(c, index, index, CB_LAST_CAPMAP_INDEX)) < 0 || (rc = write_strings(c, &w, ss)) < 0)
		return rc;
	if (raw_id <= 0 || ref_count < 0 || ref_count > 255)
		return cb_fail(&c->err, CB_E_INTERNAL, "cap-map entry raw id %d / ref count %d out of range", raw_id,
		               ref_count);
	return mutate(c, OP_SET_CAPMAP_ENTRY, &w, meta);
}

int cb_set_capmap_entry(cb_conn *c, uint32_t task, int index, int raw_id, int ref_count, int flags,
                        uint32_t server_task, int64_t quota, const uint8_t *iface, int iface_len,
                        const uint8_t *label, int label_len, const uint8_t *args, int args_len,
                        const uint8_t *server, int server_len, int64_t *meta)
{
	struct semantics_strings ss = { { iface, label, args, server },
		                            { iface_len, label_len, args_len, server_len } };
	begin(c);
	return end(c,
	           set_capmap_entry_locked(c, task, index, raw_id, ref_count, flags, server_task, quota, &ss, meta));
}

static int clear_capmap_entry_locked(cb_conn *c, uint32_t task, int index, int64_t *meta)
{
	int rc;
	struct cb_wr w = request(c);
	cb_wr_u32(&w, task);
	cb_wr_u16(&w, (uint16_t)index);
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
	cb_wr_u32(&w, task);
	cb_wr_u16(&w, (uint16_t)selector);
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
	if (timeout_ms < 0) return cb_fail(&c->err, CB_E_INTERNAL, "negative lease timeout %d ms", timeout_ms);
	cb_wr_u32(&w, task);
	cb_wr_u64(&w, (uint64_t)generation);
	cb_wr_u32(&w, (uint32_t)timeout_ms);
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
	if ((rc = cb_exchange(c, OP_LEASE_RELEASE, &w, &p, &n)) < 0) return rc;
	if (n != 0) {
		cb_drop_connection(c);
		return cb_fail(&c->err, CB_E_PROTOCOL, "LEASE_RELEASE response has %zu unexpected bytes", n);
	}
	return 0;
}

int cb_lease_release(cb_conn *c)
{
	begin(c);
	return end(c, lease_release_locked(c));
}
