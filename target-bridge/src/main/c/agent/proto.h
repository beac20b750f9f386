/* Wire constants of the agent protocol, version 1 (docs/protocol.md). */
#pragma once

#define PROTO_MAGIC 0x50435343u /* "CSCP" on the wire */
#define PROTO_VERSION 1
#define PROTO_HEADER_SIZE 20
#define PROTO_MAX_REQUEST_PAYLOAD 65536u
#define PROTO_MAX_RESPONSE_PAYLOAD 1048576u
#define PROTO_MAX_IN_FLIGHT 16
#define PROTO_MAX_CONNECTIONS 128 /* issue 7: 100 concurrent clients walk without BUSY */
#define PROTO_MAX_STRING 4096
#define PROTO_LAST_SELECTOR 4296
#define PROTO_LAST_CAPMAP_INDEX 4095
#define PROTO_MAX_GENERATION_IDS 256
#define PROTO_CAP_INFO_SIZE 24
#define PROTO_MAX_TOKEN 256

enum proto_op {
  OP_HELLO = 0x01,
  OP_TASKS = 0x02,
  OP_GENERATION = 0x03,
  OP_VALIDITY = 0x04,
  OP_CAP_INFOS = 0x05,
  OP_THREADS = 0x06,
  OP_CAP_MAP = 0x07,
  OP_AUTH = 0x08,
  OP_UNMAP = 0x10,
  OP_MAP_COPY = 0x11,
  OP_CREATE_SESSION = 0x12,
  OP_CREATE_OBJECT = 0x13,
  OP_SET_CAPMAP_ENTRY = 0x14,
  OP_CLEAR_CAPMAP_ENTRY = 0x15,
  OP_LEASE_ACQUIRE = 0x16,
  OP_LEASE_RELEASE = 0x17,
  OP_CLOSE_SESSION = 0x18,
};

enum proto_status {
  ST_OK = 0,
  ST_BAD_MAGIC = 1,
  ST_BAD_VERSION = 2,
  ST_UNKNOWN_OPCODE = 3,
  ST_BAD_LENGTH = 4,
  ST_TOO_LARGE = 5,
  ST_BAD_RANGE = 6,
  ST_NO_SUCH_TASK = 7,
  ST_COUNT_LIMIT = 8,
  ST_REFUSED = 9,
  ST_L4_ERROR = 10,
  ST_BUSY = 11,
  ST_INTERNAL = 12,
  ST_UNAUTHORIZED = 13,
  ST_LEASE_HELD = 14,
  ST_GENERATION_MOVED = 15,
  ST_NO_LEASE = 16,
};

enum proto_hello_flags {
  HELLO_RESTORE_ALLOWED = 1,
  HELLO_EQUAL_IDENTITY = 2,
  HELLO_OBJECT_KINDS = 4,
  HELLO_SIMULATED = 8,
  HELLO_TOKEN_REQUIRED = 16, /* socket clients must AUTH before anything but HELLO */
};

/* Object kinds on the wire (CAP_INFOS, CREATE_OBJECT); Fiasco JDB names. */
enum proto_kind {
  KIND_UNKNOWN = 0,
  KIND_TASK = 1,
  KIND_THREAD = 2,
  KIND_IPC_GATE = 3,
  KIND_IRQ_SENDER = 4,
};

enum proto_cap_info_flags {
  CAPINFO_KIND_KNOWN = 1,
  CAPINFO_LABEL_VALID = 2,
  CAPINFO_MAPPINGS_KNOWN = 4,
};

#define PROTO_REFUSED_TEXT "refused: read-only target"
