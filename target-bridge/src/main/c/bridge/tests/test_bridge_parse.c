/*
 * The response parsers against well-formed and hostile payloads: truncated at every byte,
 * lengths and counts past the end or over the limits, wrong echoes, disorder. A parser must
 * reject each with CB_E_PROTOCOL (never read or write out of bounds: run under ASan).
 */
#include <stdlib.h>

#include "../capbridge.h"
#include "../cb_parse.h"
#include "protocol/header.h"
#include "check.h"
#include "payload.h"

static int64_t nums[4297 * CB_CAPMAP_FIELDS];
static uint8_t arena[1 << 20];
static struct cb_err err;

/* Copy to an exactly sized heap block so ASan sees any read past the end. */
static uint8_t *exact(const uint8_t *src, size_t n)
{
	uint8_t *d = malloc(n ? n : 1);
	memcpy(d, src, n);
	return d;
}

static void build_validity(struct payload *p, uint32_t task, uint16_t first, uint16_t last)
{
	payload_init(p);
	cb_wr_u32(&p->w, task);
	cb_wr_u64(&p->w, 77);
	cb_wr_u16(&p->w, first);
	cb_wr_u16(&p->w, last);
	size_t bits = (size_t)last - first + 1;
	for (size_t i = 0; i < (bits + 7) / 8; i++) cb_wr_u8(&p->w, 0);
	p->buf[16] = 0x06; /* selectors first+1 and first+2 valid */
}

static void test_validity(void)
{
	struct payload p;
	uint8_t bitmap[CB_BITMAP_BYTES];
	uint64_t gen = 0;

	build_validity(&p, 3, 0, 4296);
	CHECK_EQ(cb_parse_validity(p.buf, p.w.len, 3, 0, 4296, bitmap, sizeof bitmap, &gen, &err), 538);
	CHECK_EQ(gen, 77);
	CHECK_EQ(bitmap[0], 0x06);

	/* truncated at every length */
	for (size_t n = 0; n < p.w.len; n++) {
		uint8_t *d = exact(p.buf, n);
		CHECK_EQ(cb_parse_validity(d, n, 3, 0, 4296, bitmap, sizeof bitmap, &gen, &err), CB_E_PROTOCOL);
		free(d);
	}
	/* one byte too many */
	CHECK_EQ(cb_parse_validity(p.buf, p.w.len + 1, 3, 0, 4296, bitmap, sizeof bitmap, &gen, &err), CB_E_PROTOCOL);
	/* wrong task, wrong range echoed */
	CHECK_EQ(cb_parse_validity(p.buf, p.w.len, 4, 0, 4296, bitmap, sizeof bitmap, &gen, &err), CB_E_PROTOCOL);
	CHECK_EQ(cb_parse_validity(p.buf, p.w.len, 3, 1, 4296, bitmap, sizeof bitmap, &gen, &err), CB_E_PROTOCOL);
	/* bits set past the last selector (4297 bits: the high 7 bits of byte 537 must be clear) */
	p.buf[16 + 537] = 0x02;
	CHECK_EQ(cb_parse_validity(p.buf, p.w.len, 3, 0, 4296, bitmap, sizeof bitmap, &gen, &err), CB_E_PROTOCOL);
	/* caller buffer too small: an internal error, nothing written past it */
	build_validity(&p, 3, 0, 4296);
	CHECK_EQ(cb_parse_validity(p.buf, p.w.len, 3, 0, 4296, bitmap, 10, &gen, &err), CB_E_INTERNAL);
	/* a single selector */
	build_validity(&p, 3, 7, 7);
	p.buf[16] = 1;
	CHECK_EQ(cb_parse_validity(p.buf, p.w.len, 3, 7, 7, bitmap, sizeof bitmap, &gen, &err), 1);
}

static void put_info(struct payload *p, uint16_t sel, uint8_t kind, uint8_t rights)
{
	cb_wr_u16(&p->w, sel);
	cb_wr_u8(&p->w, kind);
	cb_wr_u8(&p->w, rights);
	cb_wr_u32(&p->w, 1000 + sel);
	cb_wr_u64(&p->w, kind == 3 ? 44 : 0);
	cb_wr_u32(&p->w, 2);
	cb_wr_u8(&p->w, 7);
	cb_wr_u8(&p->w, 0);
	cb_wr_u8(&p->w, 0);
	cb_wr_u8(&p->w, 0);
}

static void build_infos(struct payload *p, uint16_t count_claimed, const uint16_t *sels, int n)
{
	payload_init(p);
	cb_wr_u32(&p->w, 9);
	cb_wr_u64(&p->w, 5);
	cb_wr_u16(&p->w, count_claimed);
	for (int i = 0; i < n; i++) put_info(p, sels[i], 3, 7);
}

static void test_cap_infos(void)
{
	struct payload p;
	uint64_t gen;
	const uint16_t sels[] = { 1, 0xb, 0x200 };

	build_infos(&p, 3, sels, 3);
	CHECK_EQ(cb_parse_cap_infos(p.buf, p.w.len, 9, 0, 4296, nums, 4297, &gen, &err), 3);
	CHECK_EQ(nums[CB_CAPINFO_FIELDS * 2 + 0], 0x200);
	CHECK_EQ(nums[CB_CAPINFO_FIELDS * 2 + 3], 1000 + 0x200);
	CHECK_EQ(nums[CB_CAPINFO_FIELDS * 2 + 4], 44);
	for (size_t n = 0; n < p.w.len; n++) {
		uint8_t *d = exact(p.buf, n);
		CHECK_EQ(cb_parse_cap_infos(d, n, 9, 0, 4296, nums, 4297, &gen, &err), CB_E_PROTOCOL);
		free(d);
	}
	/* count says more records than the payload holds, or fewer */
	build_infos(&p, 4, sels, 3);
	CHECK_EQ(cb_parse_cap_infos(p.buf, p.w.len, 9, 0, 4296, nums, 4297, &gen, &err), CB_E_PROTOCOL);
	build_infos(&p, 2, sels, 3);
	CHECK_EQ(cb_parse_cap_infos(p.buf, p.w.len, 9, 0, 4296, nums, 4297, &gen, &err), CB_E_PROTOCOL);
	/* count over the range size (65535 records for a 3-selector range) */
	build_infos(&p, 0xFFFF, sels, 3);
	CHECK_EQ(cb_parse_cap_infos(p.buf, p.w.len, 9, 0, 2, nums, 4297, &gen, &err), CB_E_PROTOCOL);
	/* out of order, duplicates, outside the range */
	const uint16_t disorder[] = { 0xb, 1 }, dup[] = { 5, 5 }, outside[] = { 4000 };
	build_infos(&p, 2, disorder, 2);
	CHECK_EQ(cb_parse_cap_infos(p.buf, p.w.len, 9, 0, 4296, nums, 4297, &gen, &err), CB_E_PROTOCOL);
	build_infos(&p, 2, dup, 2);
	CHECK_EQ(cb_parse_cap_infos(p.buf, p.w.len, 9, 0, 4296, nums, 4297, &gen, &err), CB_E_PROTOCOL);
	build_infos(&p, 1, outside, 1);
	CHECK_EQ(cb_parse_cap_infos(p.buf, p.w.len, 9, 0, 100, nums, 4297, &gen, &err), CB_E_PROTOCOL);
	/* bad kind and rights */
	payload_init(&p);
	cb_wr_u32(&p.w, 9);
	cb_wr_u64(&p.w, 5);
	cb_wr_u16(&p.w, 1);
	put_info(&p, 3, 15, 7);
	CHECK_EQ(cb_parse_cap_infos(p.buf, p.w.len, 9, 0, 4296, nums, 4297, &gen, &err), CB_E_PROTOCOL);
	payload_init(&p);
	cb_wr_u32(&p.w, 9);
	cb_wr_u64(&p.w, 5);
	cb_wr_u16(&p.w, 1);
	put_info(&p, 3, 1, 0x10);
	CHECK_EQ(cb_parse_cap_infos(p.buf, p.w.len, 9, 0, 4296, nums, 4297, &gen, &err), CB_E_PROTOCOL);
	/* rights 0xFF = unknown is allowed */
	payload_init(&p);
	cb_wr_u32(&p.w, 9);
	cb_wr_u64(&p.w, 5);
	cb_wr_u16(&p.w, 1);
	put_info(&p, 3, 0, 0xFF);
	CHECK_EQ(cb_parse_cap_infos(p.buf, p.w.len, 9, 0, 4296, nums, 4297, &gen, &err), 1);
	/* caller capacity smaller than the (valid) count */
	build_infos(&p, 3, sels, 3);
	CHECK_EQ(cb_parse_cap_infos(p.buf, p.w.len, 9, 0, 4296, nums, 2, &gen, &err), CB_E_INTERNAL);
}

static void put_entry(struct payload *p, uint16_t idx, uint16_t raw, const char *iface, const char *label)
{
	cb_wr_u16(&p->w, idx);
	cb_wr_u16(&p->w, raw);
	cb_wr_u8(&p->w, 1);
	cb_wr_u8(&p->w, 6);
	cb_wr_u32(&p->w, 2);
	cb_wr_u64(&p->w, 8192);
	put_cstr(p, iface);
	put_cstr(p, label);
	put_cstr(p, "ram_quota=8K");
	put_cstr(p, "core");
}

static void test_cap_map(void)
{
	struct payload p;
	uint64_t gen;
	uint16_t next;
	struct cb_arena a = { arena, sizeof arena, 0 };

	payload_init(&p);
	cb_wr_u32(&p.w, 2);
	cb_wr_u64(&p.w, 1);
	cb_wr_u16(&p.w, 2);
	cb_wr_u16(&p.w, 0xFFFF);
	put_entry(&p, 0x200, 4, "LOG", "init -> log");
	put_entry(&p, 0x201, 0xFFFF, "", "");
	CHECK_EQ(cb_parse_cap_map(p.buf, p.w.len, 2, 0, 4095, nums, 4096, &a, &next, &gen, &err), 2);
	CHECK_EQ(next, 0xFFFF);
	CHECK_EQ(nums[1], 4);
	CHECK_EQ(nums[7], 3); /* "LOG" */
	CHECK(memcmp(arena + nums[6], "LOG", 3) == 0);
	CHECK(memcmp(arena + nums[8], "init -> log", 11) == 0);
	for (size_t n = 0; n < p.w.len; n++) {
		uint8_t *d = exact(p.buf, n);
		a.used = 0;
		CHECK_EQ(cb_parse_cap_map(d, n, 2, 0, 4095, nums, 4096, &a, &next, &gen, &err), CB_E_PROTOCOL);
		free(d);
	}
	/* a string length pointing past the end: patch "LOG"'s length to 60000 */
	size_t iface_len_at = 16 + 18;
	CHECK_EQ(p.buf[iface_len_at], 3);
	p.buf[iface_len_at] = 0x60;
	p.buf[iface_len_at + 1] = 0xEA;
	a.used = 0;
	CHECK_EQ(cb_parse_cap_map(p.buf, p.w.len, 2, 0, 4095, nums, 4096, &a, &next, &gen, &err), CB_E_PROTOCOL);
	/* a string over the 4096-byte limit even though the payload holds it */
	payload_init(&p);
	cb_wr_u32(&p.w, 2);
	cb_wr_u64(&p.w, 1);
	cb_wr_u16(&p.w, 1);
	cb_wr_u16(&p.w, 0xFFFF);
	cb_wr_u16(&p.w, 0x200);
	cb_wr_u16(&p.w, 4);
	cb_wr_u8(&p.w, 1);
	cb_wr_u8(&p.w, 6);
	cb_wr_u32(&p.w, 2);
	cb_wr_u64(&p.w, 0);
	cb_wr_u16(&p.w, 5000);
	for (int i = 0; i < 5000; i++) cb_wr_u8(&p.w, 'x');
	put_cstr(&p, "");
	put_cstr(&p, "");
	put_cstr(&p, "");
	a.used = 0;
	CHECK_EQ(cb_parse_cap_map(p.buf, p.w.len, 2, 0, 4095, nums, 4096, &a, &next, &gen, &err), CB_E_PROTOCOL);
	/* raw id 0, a count over the range, a next index that does not make progress */
	payload_init(&p);
	cb_wr_u32(&p.w, 2);
	cb_wr_u64(&p.w, 1);
	cb_wr_u16(&p.w, 1);
	cb_wr_u16(&p.w, 0xFFFF);
	put_entry(&p, 0x200, 0, "LOG", "");
	a.used = 0;
	CHECK_EQ(cb_parse_cap_map(p.buf, p.w.len, 2, 0, 4095, nums, 4096, &a, &next, &gen, &err), CB_E_PROTOCOL);
	payload_init(&p);
	cb_wr_u32(&p.w, 2);
	cb_wr_u64(&p.w, 1);
	cb_wr_u16(&p.w, 60000);
	cb_wr_u16(&p.w, 0xFFFF);
	a.used = 0;
	CHECK_EQ(cb_parse_cap_map(p.buf, p.w.len, 2, 0, 4095, nums, 4096, &a, &next, &gen, &err), CB_E_PROTOCOL);
	payload_init(&p);
	cb_wr_u32(&p.w, 2);
	cb_wr_u64(&p.w, 1);
	cb_wr_u16(&p.w, 1);
	cb_wr_u16(&p.w, 0x200);
	put_entry(&p, 0x200, 8, "ROM", "");
	a.used = 0;
	CHECK_EQ(cb_parse_cap_map(p.buf, p.w.len, 2, 0x200, 4095, nums, 4096, &a, &next, &gen, &err), CB_E_PROTOCOL);
	/* a proper continuation */
	payload_init(&p);
	cb_wr_u32(&p.w, 2);
	cb_wr_u64(&p.w, 1);
	cb_wr_u16(&p.w, 1);
	cb_wr_u16(&p.w, 0x201);
	put_entry(&p, 0x200, 8, "ROM", "");
	a.used = 0;
	CHECK_EQ(cb_parse_cap_map(p.buf, p.w.len, 2, 0x200, 4095, nums, 4096, &a, &next, &gen, &err), 1);
	CHECK_EQ(next, 0x201);
	/* arena too small: caller error, not a crash */
	struct cb_arena tiny = { arena, 2, 0 };
	CHECK_EQ(cb_parse_cap_map(p.buf, p.w.len, 2, 0x200, 4095, nums, 4096, &tiny, &next, &gen, &err),
	         CB_E_INTERNAL);
}

/* Genode 25.02's 32-bit ids: flag bit 3 and the high half after the flags (docs/protocol.md CAP_MAP). */
static void test_cap_map_wide_ids(void)
{
	struct payload p;
	uint64_t gen;
	uint16_t next;
	struct cb_arena a = { arena, sizeof arena, 0 };

	payload_init(&p);
	cb_wr_u32(&p.w, 2);
	cb_wr_u64(&p.w, 1);
	cb_wr_u16(&p.w, 3);
	cb_wr_u16(&p.w, 0xFFFF);
	/* 0x1fff8: low 0xfff8, high 0x0001 */
	cb_wr_u16(&p.w, 0x300);
	cb_wr_u16(&p.w, 0xFFF8);
	cb_wr_u8(&p.w, 2);
	cb_wr_u8(&p.w, 4 | CAPMAP_FLAG_ID_HIGH);
	cb_wr_u16(&p.w, 1);
	cb_wr_u32(&p.w, 0);
	cb_wr_u64(&p.w, 0);
	put_cstr(&p, "LOG");
	put_cstr(&p, "log_client -> demo");
	put_cstr(&p, "");
	put_cstr(&p, "");
	/* an id whose low half is 0xFFFF is a badge, not "allocated without badge" */
	cb_wr_u16(&p.w, 0x301);
	cb_wr_u16(&p.w, 0xFFFF);
	cb_wr_u8(&p.w, 1);
	cb_wr_u8(&p.w, CAPMAP_FLAG_ID_HIGH);
	cb_wr_u16(&p.w, 0x0FFF);
	cb_wr_u32(&p.w, 0);
	cb_wr_u64(&p.w, 0);
	put_cstr(&p, "");
	put_cstr(&p, "");
	put_cstr(&p, "");
	put_cstr(&p, "");
	put_entry(&p, 0x302, 0xFFFF, "", "");
	CHECK_EQ(cb_parse_cap_map(p.buf, p.w.len, 2, 0, 4095, nums, 4096, &a, &next, &gen, &err), 3);
	CHECK_EQ(nums[0 * CB_CAPMAP_FIELDS + 1], 0x1FFF8);
	CHECK_EQ(nums[0 * CB_CAPMAP_FIELDS + 2], 2);
	CHECK_EQ(nums[0 * CB_CAPMAP_FIELDS + 3], 4); /* the wire-only flag is not passed on */
	CHECK(memcmp(arena + nums[0 * CB_CAPMAP_FIELDS + 8], "log_client -> demo", 18) == 0);
	CHECK_EQ(nums[1 * CB_CAPMAP_FIELDS + 1], 0x0FFFFFFF);
	CHECK_EQ(nums[2 * CB_CAPMAP_FIELDS + 1], 0xFFFF);
	/* cut inside the high half */
	for (size_t n = 0; n < p.w.len; n++) {
		uint8_t *d = exact(p.buf, n);
		a.used = 0;
		CHECK_EQ(cb_parse_cap_map(d, n, 2, 0, 4095, nums, 4096, &a, &next, &gen, &err), CB_E_PROTOCOL);
		free(d);
	}
	/* high half 0 and low half 0: raw id 0 stays an error */
	payload_init(&p);
	cb_wr_u32(&p.w, 2);
	cb_wr_u64(&p.w, 1);
	cb_wr_u16(&p.w, 1);
	cb_wr_u16(&p.w, 0xFFFF);
	cb_wr_u16(&p.w, 0x300);
	cb_wr_u16(&p.w, 0);
	cb_wr_u8(&p.w, 1);
	cb_wr_u8(&p.w, CAPMAP_FLAG_ID_HIGH);
	cb_wr_u16(&p.w, 0);
	cb_wr_u32(&p.w, 0);
	cb_wr_u64(&p.w, 0);
	put_cstr(&p, "");
	put_cstr(&p, "");
	put_cstr(&p, "");
	put_cstr(&p, "");
	a.used = 0;
	CHECK_EQ(cb_parse_cap_map(p.buf, p.w.len, 2, 0, 4095, nums, 4096, &a, &next, &gen, &err), CB_E_PROTOCOL);
}

static void test_tasks_threads(void)
{
	struct payload p;
	uint64_t gen;
	struct cb_arena a = { arena, sizeof arena, 0 };

	payload_init(&p);
	cb_wr_u16(&p.w, 2);
	cb_wr_u32(&p.w, 1);
	cb_wr_u32(&p.w, 0);
	cb_wr_u32(&p.w, 10);
	cb_wr_u16(&p.w, 2);
	cb_wr_u16(&p.w, 12);
	cb_wr_u64(&p.w, 3);
	put_cstr(&p, "init");
	cb_wr_u32(&p.w, 2);
	cb_wr_u32(&p.w, 1);
	cb_wr_u32(&p.w, 11);
	cb_wr_u16(&p.w, 1);
	cb_wr_u16(&p.w, 9);
	cb_wr_u64(&p.w, 4);
	put_cstr(&p, "init -> log");
	CHECK_EQ(cb_parse_tasks(p.buf, p.w.len, nums, 64, &a, &err), 2);
	CHECK_EQ(nums[CB_TASK_FIELDS + 0], 2);
	CHECK_EQ(nums[CB_TASK_FIELDS + 7], 11);
	CHECK(memcmp(arena + nums[CB_TASK_FIELDS + 6], "init -> log", 11) == 0);
	for (size_t n = 0; n < p.w.len; n++) {
		uint8_t *d = exact(p.buf, n);
		a.used = 0;
		CHECK_EQ(cb_parse_tasks(d, n, nums, 64, &a, &err), CB_E_PROTOCOL);
		free(d);
	}
	a.used = 0;
	CHECK_EQ(cb_parse_tasks(p.buf, p.w.len, nums, 1, &a, &err), CB_E_PROTOCOL); /* over our limit */
	p.buf[0] = 0xFF;
	p.buf[1] = 0xFF; /* 65535 tasks claimed in ~60 bytes */
	a.used = 0;
	CHECK_EQ(cb_parse_tasks(p.buf, p.w.len, nums, 4096, &a, &err), CB_E_PROTOCOL);

	payload_init(&p);
	cb_wr_u32(&p.w, 5);
	cb_wr_u64(&p.w, 8);
	cb_wr_u16(&p.w, 2);
	cb_wr_u16(&p.w, 0);
	cb_wr_u16(&p.w, 0xc);
	cb_wr_u8(&p.w, 5);
	cb_wr_u8(&p.w, 0);
	put_cstr(&p, "main");
	cb_wr_u16(&p.w, 1);
	cb_wr_u16(&p.w, 0x11);
	cb_wr_u8(&p.w, 5);
	cb_wr_u8(&p.w, 1);
	put_cstr(&p, "ep");
	a.used = 0;
	CHECK_EQ(cb_parse_threads(p.buf, p.w.len, 5, nums, 256, &a, &gen, &err), 2);
	CHECK_EQ(gen, 8);
	CHECK_EQ(nums[CB_THREAD_FIELDS + 1], 0x11);
	for (size_t n = 0; n < p.w.len; n++) {
		uint8_t *d = exact(p.buf, n);
		a.used = 0;
		CHECK_EQ(cb_parse_threads(d, n, 5, nums, 256, &a, &gen, &err), CB_E_PROTOCOL);
		free(d);
	}
}

static void test_hello_header_error(void)
{
	struct payload p;
	struct cb_hello h;
	struct proto_header hd;

	payload_init(&p);
	cb_wr_u16(&p.w, 1);
	cb_wr_u16(&p.w, 4296);
	cb_wr_u32(&p.w, 1);
	cb_wr_u32(&p.w, 1 << 20);
	cb_wr_u32(&p.w, 65536);
	cb_wr_u16(&p.w, 16);
	cb_wr_u16(&p.w, 3);
	put_cstr(&p, "l4sim (Fiasco.OC model)");
	put_cstr(&p, "genode-foc-19");
	put_cstr(&p, "capsim 0.1.0 / agent 1");
	CHECK_EQ(cb_parse_hello(p.buf, p.w.len, &h, &err), 0);
	CHECK_EQ(h.profile_len, 13);
	CHECK(memcmp(h.profile, "genode-foc-19", 13) == 0);
	for (size_t n = 0; n < p.w.len; n++) {
		uint8_t *d = exact(p.buf, n);
		CHECK_EQ(cb_parse_hello(d, n, &h, &err), CB_E_PROTOCOL);
		free(d);
	}
	p.buf[0] = 2; /* protocol version 2 */
	CHECK_EQ(cb_parse_hello(p.buf, p.w.len, &h, &err), CB_E_PROTOCOL);

	/* header: bad magic, bad version, payload over the limit, a good one */
	payload_init(&p);
	proto_header_put(p.buf, OP_VALIDITY, 7, ST_OK, 100);
	CHECK_EQ(cb_parse_header(p.buf, CB_MAX_RESPONSE, &hd, &err), 0);
	CHECK_EQ(hd.id, 7);
	p.buf[16] = 0xFF;
	p.buf[17] = 0xFF;
	p.buf[18] = 0xFF;
	p.buf[19] = 0x7F;
	CHECK_EQ(cb_parse_header(p.buf, CB_MAX_RESPONSE, &hd, &err), CB_E_PROTOCOL);
	p.buf[4] = 2;
	CHECK_EQ(cb_parse_header(p.buf, CB_MAX_RESPONSE, &hd, &err), CB_E_PROTOCOL);
	memcpy(p.buf, "HTTP/1.1 400 Bad Req", 20);
	CHECK_EQ(cb_parse_header(p.buf, CB_MAX_RESPONSE, &hd, &err), CB_E_PROTOCOL);

	/* error frames: refusal, rejection, malformed */
	payload_init(&p);
	cb_wr_u32(&p.w, 0);
	put_cstr(&p, "refused: read-only target");
	CHECK_EQ(cb_parse_error_frame(ST_REFUSED, p.buf, p.w.len, &err), CB_E_REFUSED);
	CHECK(strstr(err.msg, "refused: read-only target") != NULL);
	CHECK_EQ(err.wire_status, ST_REFUSED);
	CHECK_EQ(cb_parse_error_frame(ST_NO_SUCH_TASK, p.buf, p.w.len, &err), CB_E_REJECTED);
	payload_init(&p);
	cb_wr_u32(&p.w, (uint32_t)-22);
	put_cstr(&p, "l4_task_map: -EINVAL");
	CHECK_EQ(cb_parse_error_frame(ST_L4_ERROR, p.buf, p.w.len, &err), CB_E_REJECTED);
	CHECK_EQ(err.wire_detail, -22);
	CHECK_EQ(cb_parse_error_frame(ST_L4_ERROR, p.buf, p.w.len - 1, &err), CB_E_PROTOCOL);
	CHECK_EQ(cb_parse_error_frame(ST_L4_ERROR, p.buf, 3, &err), CB_E_PROTOCOL);
}

/* Random bytes must never crash a parser (a cheap stand-in between fuzz runs). */
static void test_random_noise(void)
{
	static uint8_t buf[4096];
	uint64_t gen;
	uint16_t next;
	uint8_t bitmap[CB_BITMAP_BYTES];
	struct cb_hello h;
	struct cb_arena a = { arena, sizeof arena, 0 };
	srand(42);
	for (int round = 0; round < 20000; round++) {
		size_t n = (size_t)(rand() % (int)sizeof buf);
		for (size_t i = 0; i < n; i++) buf[i] = (uint8_t)rand();
		if (n >= 4) {
			buf[0] = 1;
			buf[1] = 0;
			buf[2] = 0;
			buf[3] = 0;
		} /* task 1, to get further in */
		uint8_t *d = exact(buf, n);
		a.used = 0;
		cb_parse_tasks(d, n, nums, 4096, &a, &err);
		a.used = 0;
		cb_parse_threads(d, n, 1, nums, 4096, &a, &gen, &err);
		a.used = 0;
		cb_parse_cap_map(d, n, 1, 0, 4095, nums, 4096, &a, &next, &gen, &err);
		cb_parse_cap_infos(d, n, 1, 0, 4296, nums, 4297, &gen, &err);
		cb_parse_validity(d, n, 1, 0, 4296, bitmap, sizeof bitmap, &gen, &err);
		cb_parse_hello(d, n, &h, &err);
		cb_parse_error_frame((uint16_t)(round % 13), d, n, &err);
		free(d);
	}
	CHECK(1);
}

int main(void)
{
	test_validity();
	test_cap_infos();
	test_cap_map();
	test_cap_map_wide_ids();
	test_tasks_threads();
	test_hello_header_error();
	test_random_noise();
	return check_report("test_bridge_parse");
}
