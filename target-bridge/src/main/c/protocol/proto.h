/* The agent protocol, version 1 (docs/protocol.md): the one definition of its wire
 * constants and record layouts. The agent (capsim, L4Re, Genode), libcapbridge and the
 * native tests include this header; the Java side is held to it by a test
 * (ProtocolHeaderTest), so a number changes here and nowhere else.
 * Plain C, no includes: it builds inside Genode's namespace Foc too. */
#pragma once

#define PROTO_MAGIC 0x50435343u /* "CSCP" on the wire */
#define PROTO_VERSION 1
#define PROTO_MAX_REQUEST_PAYLOAD 65536u
#define PROTO_MAX_RESPONSE_PAYLOAD 1048576u
#define PROTO_MAX_IN_FLIGHT 16
#define PROTO_MAX_CONNECTIONS 128 /* issue 7: 100 concurrent clients walk without BUSY */
#define PROTO_MAX_STRING 4096
#define PROTO_LAST_SELECTOR 4296
#define PROTO_LAST_CAPMAP_INDEX 4095
#define PROTO_MAX_GENERATION_IDS 256
#define PROTO_MAX_TOKEN 256

/* The frame header (§2): 20 bytes, little-endian; protocol/header.h encodes and decodes it. */
#define PROTO_HEADER_SIZE 20
#define PROTO_OFF_MAGIC 0   /* u32 */
#define PROTO_OFF_VERSION 4 /* u16 */
#define PROTO_OFF_OPCODE 6  /* u16 */
#define PROTO_OFF_ID 8      /* u32, echoed in the answer */
#define PROTO_OFF_STATUS 12 /* u16, 0 in requests */
#define PROTO_OFF_FLAGS 14  /* u16, 0 */
#define PROTO_OFF_LENGTH 16 /* u32, payload bytes after the header */

/* Record sizes on the wire (§3): fixed records, and the smallest variable ones
 * (their strings empty), which bound how many records a payload can claim. */
#define PROTO_CAP_INFO_SIZE 24
#define PROTO_TASK_RECORD_MIN 26   /* 24 fixed + an empty name */
#define PROTO_THREAD_RECORD_MIN 8  /* 6 fixed + an empty name */
#define PROTO_CAPMAP_ENTRY_MIN 26  /* 18 fixed + 4 empty strings */
#define PROTO_ERROR_PAYLOAD_MIN 6u /* i32 detail + an empty message */

/* "Not known" markers in answers. */
#define PROTO_UNKNOWN_ID 0xFFFFFFFFu /* TASKS object id, CAP_INFOS object id */
#define PROTO_RIGHTS_UNKNOWN 0xFF    /* CAP_INFOS rights */
#define PROTO_CAPMAP_DONE 0xFFFF     /* CAP_MAP next index: no more entries */

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

/* Object kinds on the wire (CAP_INFOS, CREATE_OBJECT); Fiasco JDB names. CREATE_OBJECT
 * takes Task through Irq_sender only. */
enum proto_kind {
  KIND_UNKNOWN = 0,
  KIND_TASK = 1,
  KIND_THREAD = 2,
  KIND_IPC_GATE = 3,
  KIND_IRQ_SENDER = 4,
  KIND_IRQ_SEMAPHORE = 5,
  KIND_FACTORY = 6,
  KIND_SCHEDULER = 7,
  KIND_VLOG = 8,
  KIND_ICU = 9, /* the kernel's "Icu/Pfc" */
  KIND_VM = 10,
  KIND_JDB = 11,
  KIND_DMA_SPACE = 12,
  KIND_SEMAPHORE = 13,
  KIND_IOMMU = 14,
  KIND_LAST = KIND_IOMMU,
};

enum proto_cap_info_flags {
  CAPINFO_KIND_KNOWN = 1,
  CAPINFO_LABEL_VALID = 2,
  CAPINFO_MAPPINGS_KNOWN = 4,
};

/* Flags of a cap-map entry (CAP_MAP, SET_CAPMAP_ENTRY). */
enum proto_capmap_flags {
  CAPMAP_FLAG_RCV_WINDOW = 1,
  CAPMAP_FLAG_SESSION = 2,
  CAPMAP_FLAG_SEMANTICS = 4,
  /* On the wire only: bits 16-31 of the raw id follow the flags as a u16 (Genode
   * 25.02 ids are 32-bit); set for ids over 0xFFFF. */
  CAPMAP_FLAG_ID_HIGH = 8,
};

/* "Allocated without badge" on the wire and in snapshots, whatever the release
 * writes into its Cap_index (0xFFFF before 25.02, ~0u since). */
#define CAPMAP_ID_NO_BADGE 0xFFFFu

/* THREADS state byte. */
enum proto_thread_state {
  THREAD_RUNNING = 0,
  THREAD_STOPPED = 1,
};

#define PROTO_REFUSED_TEXT "refused: read-only target"
