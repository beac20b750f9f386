/* Wire constants of docs/protocol.md. */
#ifndef CB_PROTO_H
#define CB_PROTO_H

#define CB_MAGIC        0x50435343u /* "CSCP" on the wire */
#define CB_VERSION      1
#define CB_HEADER_SIZE  20

enum cb_opcode {
	OP_HELLO = 0x01, OP_TASKS = 0x02, OP_GENERATION = 0x03, OP_VALIDITY = 0x04,
	OP_CAP_INFOS = 0x05, OP_THREADS = 0x06, OP_CAP_MAP = 0x07, OP_AUTH = 0x08,
	OP_UNMAP = 0x10, OP_MAP_COPY = 0x11, OP_CREATE_SESSION = 0x12, OP_CREATE_OBJECT = 0x13,
	OP_SET_CAPMAP_ENTRY = 0x14, OP_CLEAR_CAPMAP_ENTRY = 0x15, OP_LEASE_ACQUIRE = 0x16,
	OP_LEASE_RELEASE = 0x17, OP_CLOSE_SESSION = 0x18,
};

enum cb_status {
	ST_OK = 0, ST_BAD_MAGIC = 1, ST_BAD_VERSION = 2, ST_UNKNOWN_OPCODE = 3, ST_BAD_LENGTH = 4,
	ST_TOO_LARGE = 5, ST_BAD_RANGE = 6, ST_NO_SUCH_TASK = 7, ST_COUNT_LIMIT = 8, ST_REFUSED = 9,
	ST_L4_ERROR = 10, ST_BUSY = 11, ST_INTERNAL = 12, ST_UNAUTHORIZED = 13, ST_LEASE_HELD = 14,
	ST_GENERATION_MOVED = 15, ST_NO_LEASE = 16,
};

#define CB_KIND_MAX 14 /* Iommu; 0 = unknown */

/* HELLO flag bit 4: socket clients must AUTH before any request but HELLO. */
#define CB_HELLO_TOKEN_REQUIRED 0x10

/* CAP_MAP / SET_CAPMAP_ENTRY entry flag: bits 16-31 of the raw id follow the flags
 * (a u16), for Genode 25.02's 32-bit ids. */
#define CAPMAP_ID_HIGH 0x08

#endif
