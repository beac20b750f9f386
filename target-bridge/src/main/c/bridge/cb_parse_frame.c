/*
 * Frame-level parsing: the header of every answer and the error frames an agent sends instead of
 * a payload (status name, detail and message into struct cb_err). Payload parsers are cb_parse.c.
 */
#include <stdio.h>

#include "capbridge.h"
#include "cb_parse.h"
#include "cb_wire.h"
#include "protocol/header.h"

static const char *status_name(uint16_t s)
{
	static const char *names[] = {
		"OK",        "BAD_MAGIC",    "BAD_VERSION", "UNKNOWN_OPCODE",   "BAD_LENGTH", "TOO_LARGE",
		"BAD_RANGE", "NO_SUCH_TASK", "COUNT_LIMIT", "REFUSED",          "L4_ERROR",   "BUSY",
		"INTERNAL",  "UNAUTHORIZED", "LEASE_HELD",  "GENERATION_MOVED", "NO_LEASE",
	};
	return s < sizeof names / sizeof names[0] ? names[s] : "UNKNOWN_STATUS";
}

int cb_parse_header(const uint8_t *hdr, size_t max_payload, struct proto_header *h, struct cb_err *e)
{
	proto_header_decode(hdr, h);
	if (h->magic != PROTO_MAGIC)
		return cb_fail(e, CB_E_PROTOCOL, "not a Capscope agent: frame magic 0x%08x, expected 0x%08x", h->magic,
		               PROTO_MAGIC);
	if (h->version != PROTO_VERSION)
		return cb_fail(e, CB_E_PROTOCOL, "frame version %u, this bridge speaks %u", h->version, PROTO_VERSION);
	if (h->payload_len > max_payload)
		return cb_fail(e, CB_E_PROTOCOL, "response payload of %u bytes is over the limit of %zu", h->payload_len,
		               max_payload);
	return 0;
}

int cb_parse_error_frame(uint16_t status, const uint8_t *p, size_t n, struct cb_err *e)
{
	struct cb_rd r = { p, n, 0 };
	uint32_t detail;
	const uint8_t *msg;
	uint16_t len;
	int code;

	e->wire_status = status;
	if (cb_rd_u32(&r, &detail) < 0 || cb_rd_str(&r, CB_MAX_STRING, &msg, &len) < 0 || cb_rd_left(&r) != 0) {
		e->wire_detail = 0;
		return cb_fail(e, CB_E_PROTOCOL, "malformed error frame (status %u %s)", status, status_name(status));
	}
	e->wire_detail = (int32_t)detail;
	switch (status) {
	case ST_REFUSED:
	case ST_NO_LEASE: /* a mutation this client may not make (yet) */ code = CB_E_REFUSED; break;
	case ST_LEASE_HELD: code = CB_E_LEASE_HELD; break;
	case ST_GENERATION_MOVED: code = CB_E_GENERATION_MOVED; break;
	case ST_BAD_MAGIC:
	case ST_BAD_VERSION:
	case ST_BAD_LENGTH:
	case ST_TOO_LARGE: code = CB_E_PROTOCOL; break; /* the agent did not understand us: a client/agent mismatch */
	case ST_BUSY: code = CB_E_UNREACHABLE; break;
	default: code = CB_E_REJECTED; break;
	}
	/* The message is UTF-8 from the agent; %.*s keeps it bounded, NULs just cut it short. */
	return cb_fail(e, code, "%s: %.*s", status_name(status), (int)len, (const char *)msg);
}
