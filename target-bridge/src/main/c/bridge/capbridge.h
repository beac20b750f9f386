/*
 * libcapbridge: host side of the Capscope agent protocol (docs/protocol.md).
 *
 * This header is the whole ABI the JNA binding maps. Everything is plain C types and
 * caller-owned buffers, so the Java side can fill arrays in one call per request and never
 * hands native code a length it has not sized itself.
 *
 * Rules every function follows:
 *   - returns >= 0 on success (a count or byte length where noted), a negative CB_E_* code
 *     on failure; the connection then holds the code and a message (cb_error_*);
 *   - every length and count read from the wire is checked against the payload and the
 *     caller's capacity before use; nothing is allocated from a wire value (the receive buffer
 *     has a fixed upper bound, CB_MAX_RESPONSE);
 *   - calls on one connection are serialised by a mutex; a caller sharing a connection
 *     between threads must hold its own lock across a call and the error read after it;
 *   - after a transport error, a timeout or a protocol violation the connection is closed
 *     (the byte stream can no longer be trusted); later calls fail with CB_E_UNREACHABLE.
 */
#ifndef CAPBRIDGE_H
#define CAPBRIDGE_H

#include <stdint.h>

#include "protocol/proto.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CB_API __attribute__((visibility("default")))

/* Error codes (negative return values). They match TargetException.Code on the Java side. */
#define CB_OK                 0
#define CB_E_UNREACHABLE      (-1) /* could not connect, connection broke, target died */
#define CB_E_TIMEOUT          (-2) /* no (complete) answer within the timeout */
#define CB_E_PROTOCOL         (-3) /* the answer is not a valid frame / payload */
#define CB_E_REFUSED          (-4) /* target refused: read-only */
#define CB_E_REJECTED         (-5) /* target reported an error for a well-formed request */
#define CB_E_INTERNAL         (-6) /* out of memory, bad argument from the caller */
#define CB_E_LEASE_HELD       (-7) /* another client holds the restore lease: a restore runs elsewhere */
#define CB_E_GENERATION_MOVED (-8) /* the task is no longer at the generation the caller expected */

/* Protocol limits we enforce on the client side (docs/protocol.md §1; protocol/proto.h). */
#define CB_LAST_SELECTOR     PROTO_LAST_SELECTOR
#define CB_LAST_CAPMAP_INDEX PROTO_LAST_CAPMAP_INDEX
#define CB_MAX_STRING        PROTO_MAX_STRING
#define CB_MAX_RESPONSE      PROTO_MAX_RESPONSE_PAYLOAD
#define CB_MAX_REQUEST       PROTO_MAX_REQUEST_PAYLOAD
#define CB_BITMAP_BYTES      ((CB_LAST_SELECTOR + 1 + 7) / 8) /* 538 */

/* Output record layouts: int64 fields per record, each at the index named below. Strings go
 * into a caller byte arena and are given as (offset, length) pairs at NAME and NAME + 1; they
 * are UTF-8, not NUL-terminated. The Java decoder reads records by these names
 * (ProtocolHeaderTest holds its copies to this header). */
#define CB_HELLO_FIELDS        10
#define CB_HELLO_VERSION       0
#define CB_HELLO_LAST_SELECTOR 1
#define CB_HELLO_FLAGS         2
#define CB_HELLO_MAX_RESPONSE  3
#define CB_HELLO_MAX_REQUEST   4
#define CB_HELLO_MAX_IN_FLIGHT 5
#define CB_HELLO_TASK_COUNT    6
#define CB_HELLO_KERNEL_LEN    7 /* the three strings follow each other in the arena */
#define CB_HELLO_PROFILE_LEN   8
#define CB_HELLO_AGENT_LEN     9

#define CB_TASK_FIELDS     8
#define CB_TASK_ID         0
#define CB_TASK_PARENT     1
#define CB_TASK_OBJECT     2 /* PROTO_UNKNOWN_ID: not known */
#define CB_TASK_THREADS    3
#define CB_TASK_VALID_CAPS 4
#define CB_TASK_GENERATION 5
#define CB_TASK_NAME       6 /* offset, length */

#define CB_CAPINFO_FIELDS   7
#define CB_CAPINFO_SELECTOR 0
#define CB_CAPINFO_KIND     1 /* enum proto_kind */
#define CB_CAPINFO_RIGHTS   2 /* PROTO_RIGHTS_UNKNOWN: not known */
#define CB_CAPINFO_OBJECT   3 /* PROTO_UNKNOWN_ID: not known */
#define CB_CAPINFO_LABEL    4
#define CB_CAPINFO_MAPPINGS 5
#define CB_CAPINFO_FLAGS    6 /* enum proto_cap_info_flags */

#define CB_THREAD_FIELDS         6
#define CB_THREAD_INDEX          0
#define CB_THREAD_FIRST_SELECTOR 1
#define CB_THREAD_SLOTS          2
#define CB_THREAD_STATE          3 /* enum proto_thread_state */
#define CB_THREAD_NAME           4 /* offset, length */

#define CB_CAPMAP_FIELDS      14
#define CB_CAPMAP_INDEX       0
#define CB_CAPMAP_RAW_ID      1
#define CB_CAPMAP_REF_COUNT   2
#define CB_CAPMAP_FLAGS       3 /* enum proto_capmap_flags, without CAPMAP_FLAG_ID_HIGH */
#define CB_CAPMAP_SERVER_TASK 4
#define CB_CAPMAP_QUOTA       5
#define CB_CAPMAP_IFACE       6  /* offset, length */
#define CB_CAPMAP_LABEL       8  /* offset, length */
#define CB_CAPMAP_ARGS        10 /* offset, length */
#define CB_CAPMAP_SERVER      12 /* offset, length */

#define CB_META_FIELDS     4
#define CB_META_GENERATION 0
#define CB_META_NEXT_INDEX 1 /* cap maps: PROTO_CAPMAP_DONE when done */
#define CB_META_BADGE      2 /* CREATE_SESSION */
#define CB_META_OBJECT     3 /* CREATE_SESSION, CREATE_OBJECT */

typedef struct cb_conn cb_conn;

/* Lifecycle. cb_new never connects; NULL only when out of memory. */
CB_API cb_conn *cb_new(void);
/* uri: unix:PATH | tcp:HOST:PORT | serial:PATH. Connects and performs HELLO within timeout_ms.
 * The same timeout then applies to every request until cb_set_timeout changes it. */
CB_API int cb_connect(cb_conn *c, const char *uri, int timeout_ms);
CB_API void cb_set_timeout(cb_conn *c, int timeout_ms);
CB_API void cb_free(cb_conn *c); /* closes and frees; NULL is fine */

/* Errors of the last failed call on this connection. */
CB_API int cb_error_code(cb_conn *c);
CB_API int cb_error_message(cb_conn *c, uint8_t *buf, int cap); /* bytes written (no NUL) */
CB_API int cb_wire_status(cb_conn *c); /* agent status of the last error frame, 0 if none */
CB_API int cb_wire_detail(cb_conn *c); /* its detail code (L4 error), 0 if none */

/* HELLO answer captured at connect. nums: CB_HELLO_FIELDS; arena >= 3 * CB_MAX_STRING. */
CB_API int cb_hello_info(cb_conn *c, int64_t *nums, uint8_t *arena, int arena_cap);

/* Reads. meta (CB_META_FIELDS int64) receives the generation and, for cap maps, the next index. */
CB_API int cb_tasks(cb_conn *c, int64_t *nums, int max_tasks, uint8_t *arena, int arena_cap);
CB_API int cb_generation(cb_conn *c, uint32_t task, int64_t *meta);
/* bitmap: bit i = selector first+i, LSB first; returns the number of bytes written. */
CB_API int cb_validity(cb_conn *c, uint32_t task, int first, int last, uint8_t *bitmap, int cap, int64_t *meta);
CB_API int cb_cap_infos(cb_conn *c, uint32_t task, int first, int last, int64_t *nums, int max_infos,
                        int64_t *meta);
CB_API int cb_threads(cb_conn *c, uint32_t task, int64_t *nums, int max_threads, uint8_t *arena, int arena_cap,
                      int64_t *meta);
/* One page of the cap map; meta[1] is the index to continue at, 0xFFFF when complete. A string
 * equal to the previous entry's same string names the same arena bytes (offset and length). */
CB_API int cb_cap_map(cb_conn *c, uint32_t task, int first, int last, int64_t *nums, int max_entries,
                      uint8_t *arena, int arena_cap, int64_t *meta);

/*
 * Pipelining (docs/protocol.md §1): announces that the next calls will walk these tasks, each as
 * [GENERATION,] VALIDITY 0..4296, CAP_INFOS 0..4296, THREADS, CAP_MAP 0..4095, GENERATION, and sends
 * those requests now, in one write (on a serial line as many as the console's window takes,
 * paced; the rest follow as answers arrive). The calls that follow take their answers without
 * asking again; a call that was not announced first drops the announced answers nobody took.
 * Returns how many of the tasks (from the front) were announced: the queue holds 1024 requests.
 */
#define CB_WALK_GENERATION_FIRST 1
CB_API int cb_announce_walks(cb_conn *c, const uint32_t *tasks, int ntasks, int flags);
/* Counters since cb_new, for tests and benchmarks: writes (each a batch of requests the client then
 * waits on: a round trip), frames sent, answers read, announced answers dropped unasked. */
#define CB_STATS_FIELDS 4
CB_API int cb_stats(cb_conn *c, int64_t *out);

/* The restore lease (docs/protocol.md LEASE_ACQUIRE): this connection alone may then mutate
 * `task`, each mutation a compare-and-swap against the task's generation, starting at
 * `generation`. timeout_ms 0 = the agent's default (30 s); the lease also ends when this
 * connection closes. meta[0] = the task's generation. CB_E_LEASE_HELD: another client holds it;
 * CB_E_GENERATION_MOVED: the task is not at `generation`; CB_E_REFUSED: read-only target. */
CB_API int cb_lease_acquire(cb_conn *c, uint32_t task, int64_t generation, int timeout_ms, int64_t *meta);
/* Ends this connection's lease; succeeds also when it holds none. */
CB_API int cb_lease_release(cb_conn *c);

/* Mutations (answer CB_E_REFUSED on a read-only target or without the lease, CB_E_LEASE_HELD when
 * another client holds it, CB_E_GENERATION_MOVED when the task moved). meta[0] = new generation. */
CB_API int cb_unmap(cb_conn *c, uint32_t task, int selector, int order, int mode, int64_t *meta);
CB_API int cb_map_copy(cb_conn *c, uint32_t dst_task, uint32_t src_task, int from, int to, int order, int rights,
                       int grant, int64_t *meta);
/* Strings are UTF-8 bytes with explicit lengths (each <= CB_MAX_STRING).
 * meta[2] = badge handed out, meta[3] = kernel object id of the new gate. */
CB_API int cb_create_session(cb_conn *c, uint32_t task, int selector, int64_t quota, const uint8_t *iface,
                             int iface_len, const uint8_t *label, int label_len, const uint8_t *args, int args_len,
                             const uint8_t *server, int server_len, int64_t *meta);
/* meta[3] = kernel object id. */
CB_API int cb_create_object(cb_conn *c, uint32_t task, int selector, int kind, int64_t label, int64_t *meta);
CB_API int cb_set_capmap_entry(cb_conn *c, uint32_t task, int index, int raw_id, int ref_count, int flags,
                               uint32_t server_task, int64_t quota, const uint8_t *iface, int iface_len,
                               const uint8_t *label, int label_len, const uint8_t *args, int args_len,
                               const uint8_t *server, int server_len, int64_t *meta);
CB_API int cb_clear_capmap_entry(cb_conn *c, uint32_t task, int index, int64_t *meta);
/* Closes the session whose cap is at `selector` at its server, as the task's parent would. */
CB_API int cb_close_session(cb_conn *c, uint32_t task, int selector, int64_t *meta);

#ifdef __cplusplus
}
#endif
#endif
