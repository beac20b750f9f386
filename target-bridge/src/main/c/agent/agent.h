/* The on-target agent: serves the protocol of docs/protocol.md. Every agent
 * (capsim's socket server, the L4Re and Genode agents) answers each request
 * frame through agent_serve_frame_from (agent/frame.c); capsim's poll loop
 * (agent/server.c) adds many clients at once, and installs hooks for what only
 * capsim does: the token gate and injected faults. */
#pragma once
#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocol/proto.h"
#include "agent/runtime.h"
#include "agent/wire.h"

struct agent;
struct conn;
struct reply;

/* Idle timeout of a socket connection (docs/protocol.md §1 limits): closed when it
 * has sent no complete request frame and taken no answer bytes for this long. */
#define AGENT_DEFAULT_IDLE_TIMEOUT_MS 30000u

/* The restore lease (agent/lease.c). */
struct agent_lease {
  bool held;
  uint32_t client; /* who holds it: a connection's id, or AGENT_LINE_CLIENT */
  uint32_t task;
  uint64_t generation; /* the task's generation the next mutation must find */
  uint32_t timeout_ms;
  uint64_t deadline_ms; /* on rt->now_ms's clock */
};

/* The client id of agent_serve_frame's caller and of a pty line: the line is the client. */
#define AGENT_LINE_CLIENT 1u

/* Who sent a request: one per connection (or line). */
struct agent_peer {
  uint32_t client;  /* identity for the restore lease: unique per connection, a line is one */
  bool authed;      /* passed the token gate (a line always has: it is physical access) */
  bool close;       /* set while serving: close once this answer is out */
  void *hook_state; /* the hooks' own per-peer state (agent_hooks.peer_end frees it) */
};

/* What a transport may add around each request (capsim: token gate, injected
 * faults). Any member may be NULL; the L4Re and Genode agents install none. */
struct agent_hooks {
  /* Before the opcode is looked up: true = answered here (rep holds the error, or
   * status OK for an empty answer); may set p->close. */
  bool (*admit)(struct agent *a, struct agent_peer *p, uint16_t op, const uint8_t *payload, size_t len,
                struct reply *rep);
  /* Before a known operation runs: may fail it (reply_error) or make it a dry run. */
  void (*before_op)(struct agent *a, struct agent_peer *p, uint16_t op, bool mutation,
                    struct reply *rep);
  /* After an operation answered OK. */
  void (*after_op)(struct agent *a, struct agent_peer *p, uint16_t op, const uint8_t *payload,
                   size_t len, const struct reply *rep);
  /* The peer's connection ends or its line is reset. */
  void (*peer_end)(struct agent *a, struct agent_peer *p);
};

struct agent {
  struct agent_runtime *rt;
  int listen_fd;
  char uri[300];
  char unix_path[108];
  char pty_link[256]; /* symlink to the pty's slave side, removed on close */
  int pty_slave_fd;   /* held open so the line survives clients coming and going */
  struct conn *conns[PROTO_MAX_CONNECTIONS];
  const struct agent_hooks *hooks; /* NULL: none */
  void *hooks_ctx;
  /* 0 = never; agent_listen sets AGENT_DEFAULT_IDLE_TIMEOUT_MS. Serial lines are exempt. */
  unsigned idle_timeout_ms;
  unsigned long idle_dropped; /* connections closed for idleness so far */
  /* Shared token (agent/auth.c); empty = none. With one, a socket client must send AUTH
   * with it before anything else. */
  char token[PROTO_MAX_TOKEN + 1];
  /* Largest response payload agent_serve_frame writes (0 = the protocol's
   * PROTO_MAX_RESPONSE_PAYLOAD); an agent answering into a fixed buffer sets it. */
  size_t max_response;
  /* Valid-selector counts cached per task and generation (TASKS). */
  struct valid_cache {
    uint32_t task;
    uint64_t gen;
    uint16_t count;
  } cache[256];
  /* What the last VALIDITY probed (task 0: nothing). A CAP_INFOS of the same task at the same
   * generation, inside the same range, probes only the selectors found valid there: a pipelined
   * walk asks the two one after the other, and the generation moves with every change. */
  struct valid_bits {
    uint32_t task;
    uint64_t gen;
    uint16_t first, last;
    uint8_t bits[(PROTO_LAST_SELECTOR + 8) / 8]; /* bit i: selector first + i */
  } last_validity;
  struct agent_lease lease;
  uint32_t last_client; /* the last socket connection's id */
};

/* Listen on "unix:PATH", "tcp:HOST:PORT" or "pty:LINK" (a pseudo-terminal,
 * like the serial line of a Genode target in QEMU, whose slave side LINK
 * points to); a.uri then names the real endpoint ("serial:LINK" for a pty,
 * the chosen port for tcp port 0). */
int agent_listen(struct agent *a, struct agent_runtime *rt, const char *spec, char *err, size_t errlen);
/* Fill pollfds for the listener and every client; returns how many. */
int agent_pollfds(struct agent *a, struct pollfd *fds, int max);
/* Handle the events of fds filled by agent_pollfds, then close idle connections. */
void agent_handle(struct agent *a, struct pollfd *fds, int n);
/* Milliseconds until the next connection's idle timeout runs out (0 = due now;
 * -1 = none pending): the poll timeout the loop must not exceed. */
int agent_poll_timeout_ms(struct agent *a);
/* Close connections idle for the idle timeout (agent_handle does this too). */
void agent_expire_idle(struct agent *a);
/* Close every connection and the listener (removes the Unix socket). */
void agent_close(struct agent *a);

/* Answer one request frame from peer p into `out` as one response frame
 * (agent/frame.c): the one request path of every agent. `len` is the frame's
 * length; a header alone (len == PROTO_HEADER_SIZE) whose magic, version or size
 * is bad gets its error frame too, so a stream reader can answer before the
 * payload arrives. Returns false if the stream cannot be trusted afterwards (bad
 * magic, version or size) or a hook closes the peer: the connection then closes. */
bool agent_serve_frame_from(struct agent *a, struct agent_peer *p, const uint8_t *frame, size_t len,
                            struct writer *out);
/* The same for the one client of a line (the L4Re and Genode agents' loops). */
bool agent_serve_frame(struct agent *a, const uint8_t *frame, size_t len, struct writer *out);
/* The header's magic, version and payload size are acceptable. */
bool agent_header_ok(const struct proto_header *h);
/* Peer p is gone (or its line reset): its hooks' state and its restore lease end. */
void agent_peer_end(struct agent *a, struct agent_peer *p);
/* Appends an error frame that answers no request in particular (BUSY). */
void agent_error_frame(struct writer *out, uint16_t op, uint32_t id, uint16_t status, const char *msg);

/* --- used by the op handlers --------------------------------------------- */

struct reply {
  struct writer *w;
  uint16_t status;
  int32_t detail;
  char msg[200];
  bool dry_run;    /* validate and acknowledge, do not perform (fault injection) */
  uint32_t client; /* who asked (set by the dispatcher): the restore lease's holder identity */
};

void reply_error(struct reply *rep, uint16_t status, int32_t detail, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* False (and BAD_LENGTH / BAD_RANGE set) unless the request parsed exactly. */
bool request_parsed(struct reader *r, struct reply *rep);
/* Its two halves, for mutations, which check access between them: exact length
 * (BAD_LENGTH), then strings within what the target keeps (BAD_RANGE). */
bool request_layout(struct reader *r, struct reply *rep);
bool request_fits(struct reader *r, struct reply *rep);

typedef void (*agent_op_fn)(struct agent *a, struct reader *r, struct reply *rep);
agent_op_fn agent_read_op(uint16_t opcode);
agent_op_fn agent_mutation_op(uint16_t opcode);
/* Mutations whose acknowledgement carries no result of the operation. */
bool agent_op_deferrable(uint16_t opcode);

void agent_write_capmap_entry(struct writer *w, const struct agent_capmap_entry *e);
void agent_read_capmap_entry(struct reader *r, struct agent_capmap_entry *e);

/* AUTH (agent/auth.c): accepted without a token, else UNAUTHORIZED unless it matches. */
void agent_op_auth(struct agent *a, struct reader *r, struct reply *rep);
/* True (and err set) when something capsim must not replace stands at the
 * Unix socket path: a file, directory, symbolic link or another user's socket. */
bool agent_unix_path_problem(const char *path, char *err, size_t errlen);
/* The socket gate's check (capsim/agent_hooks.c): true for exactly the target's token; else
 * rep holds UNAUTHORIZED, also for a malformed AUTH. */
bool agent_check_token(const struct agent *a, const uint8_t *payload, size_t len, struct reply *rep);
/* False if the token is empty, longer than PROTO_MAX_TOKEN or not printable ASCII. */
bool agent_set_token(struct agent *a, const char *token);

/* The restore lease (agent/lease.c). LEASE_ACQUIRE and LEASE_RELEASE come through
 * agent_read_op: they change no task. */
void agent_op_lease_acquire(struct agent *a, struct reader *r, struct reply *rep);
void agent_op_lease_release(struct agent *a, struct reader *r, struct reply *rep);
/* May rep->client mutate `task` now? Sets NO_LEASE, LEASE_HELD, BAD_RANGE or GENERATION_MOVED
 * when not; renews the lease's deadline when it may. */
bool agent_lease_check(struct agent *a, uint32_t task, struct reply *rep);
/* After a mutation by `client`: the lease now expects the task's new generation. */
void agent_lease_confirm(struct agent *a, uint32_t client, uint32_t task, uint64_t generation);
/* The client's connection closed: its lease ends. */
void agent_lease_client_gone(struct agent *a, uint32_t client);

/* Task lookup shared by the handlers; sets NO_SUCH_TASK. */
bool agent_task(struct agent *a, uint32_t id, struct agent_task_info *out, struct reply *rep);
