/*
 * Fuzz target for the bridge's response parsers (issue 7). The first input byte picks the
 * parser, the rest is the response payload as it would arrive from an agent. Built with
 * libFuzzer (make bridge-fuzz, needs clang) and, without clang, replayed over the seed corpus
 * by replay.c in `make check` so every saved crash stays a regression test.
 */
#include <stddef.h>
#include <stdint.h>

#include "../capbridge.h"
#include "../cb_parse.h"

static int64_t nums[(CB_LAST_SELECTOR + 1) * CB_CAPMAP_FIELDS];
static uint8_t arena[CB_MAX_RESPONSE];
static uint8_t bitmap[CB_BITMAP_BYTES];
static struct cb_hello hello;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cb_err e;
	struct proto_header h;
	struct cb_arena a = { arena, sizeof arena, 0 };
	uint64_t gen;
	uint16_t next, badge;
	uint32_t obj;

	if (size < 1) return 0;
	const uint8_t *p = data + 1;
	size_t n = size - 1;
	switch (data[0] % 12) {
	case 0:
		if (n >= 20) cb_parse_header(p, CB_MAX_RESPONSE, &h, &e);
		break;
	case 1: cb_parse_error_frame((uint16_t)(n % 13), p, n, &e); break;
	case 2: cb_parse_hello(p, n, &hello, &e); break;
	case 3: cb_parse_tasks(p, n, nums, 4096, &a, &e); break;
	case 4: cb_parse_generation(p, n, 1, &gen, &e); break;
	case 5: cb_parse_validity(p, n, 1, 0, CB_LAST_SELECTOR, bitmap, sizeof bitmap, &gen, &e); break;
	case 6: cb_parse_cap_infos(p, n, 1, 0, CB_LAST_SELECTOR, nums, CB_LAST_SELECTOR + 1, &gen, &e); break;
	case 7: cb_parse_threads(p, n, 1, nums, 4096, &a, &gen, &e); break;
	case 8: cb_parse_cap_map(p, n, 1, 0, CB_LAST_CAPMAP_INDEX, nums, 4096, &a, &next, &gen, &e); break;
	case 9: cb_parse_generation_only(p, n, &gen, &e); break;
	case 10: cb_parse_create_session(p, n, &badge, &obj, &gen, &e); break;
	default: cb_parse_create_object(p, n, &obj, &gen, &e); break;
	}
	return 0;
}
