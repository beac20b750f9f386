/*
 * Fuzz target for the agent's frame parser and dispatcher (issue 7).
 *
 * Input: byte 0 picks the target's mode (bit 0: --allow-restore, bit 1: l4re profile, bit 2:
 * the line holds the restore lease on the last task at its generation, so mutations reach their
 * handlers, bit 3: a socket client of capsim, behind its hooks: the token gate with token
 * FUZZ_TOKEN and an injected fault, bit 4 picking mutations-fail over restore-drops-last-op),
 * the rest is a byte stream a client sent, cut into frames the way the agent's socket loop does
 * (header, declared payload length). Each frame goes through agent_serve_frame_from, the one
 * request path of capsim, the L4Re and the Genode agent, against a small Genode system booted
 * fresh per input so a mutation of one input cannot make another irreproducible.
 *
 * Besides ASan/UBSan, it checks what a client relies on: every request gets exactly one
 * well-formed response frame (magic, version, echoed opcode and id, declared length = bytes
 * written, payload within the limit, an error frame's message string inside its payload).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent/agent.h"
#include "capsim/agent_glue.h"
#include "capsim/agent_hooks.h"
#include "capsim/genode.h"
#include "capsim/profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_TOKEN "fuzz-token"
#define MAX_FRAMES 32 /* per input: enough for pipelined sequences, keeps runs fast */

static void must(int ok, const char *what) {
  if (!ok) {
    fprintf(stderr, "fuzz_agent_frame: broken response: %s\n", what);
    abort();
  }
}

static void boot(struct genode *g, bool l4re) {
  if (l4re) {
    must(genode_boot(g, profile_find("l4re")) == 0, "boot l4re");
    genode_task_new(g, "hello", NULL, 1 << 20);
    return;
  }
  must(genode_boot(g, profile_default()) == 0, "boot");
  struct component *init = genode_start(g, "init", NULL, 64 << 20);
  struct component *timer = genode_start(g, "timer", init, 1 << 20);
  struct component *c = genode_start(g, "client", init, 1 << 20);
  genode_thread_start(g, c, "ep");
  genode_session_open(g, c, "Timer", "client", "", timer, 8192, false);
  genode_session_open(g, c, "LOG", "client", "", NULL, 4096, false);
  genode_dataspace_alloc(g, c, 4096, "heap");
  genode_signal_context_alloc(g, c, "timeout");
}

static void check_response(const struct writer *out, size_t start, const uint8_t *req, size_t req_len) {
  must(out->len - start >= PROTO_HEADER_SIZE, "shorter than a header");
  const uint8_t *r = out->buf + start;
  struct proto_header h, q;
  proto_header_decode(r, &h);
  uint32_t plen = h.payload_len;
  must(h.magic == PROTO_MAGIC, "magic");
  must(h.version == PROTO_VERSION, "version");
  must(plen == out->len - start - PROTO_HEADER_SIZE, "declared length");
  must(plen <= PROTO_MAX_RESPONSE_PAYLOAD, "payload over the limit");
  uint16_t status = h.status;
  bool trusted = req_len >= PROTO_HEADER_SIZE && get_u32(req) == PROTO_MAGIC;
  if (trusted) {
    proto_header_decode(req, &q);
    must(h.opcode == q.opcode, "opcode not echoed");
    must(h.id == q.id, "request id not echoed");
  }
  if (status != ST_OK) {
    must(status <= ST_NO_LEASE, "unknown status");
    must(plen >= PROTO_ERROR_PAYLOAD_MIN &&
             PROTO_ERROR_PAYLOAD_MIN + (uint32_t)get_u16(r + PROTO_HEADER_SIZE + 4) == plen,
         "error frame layout");
  }
}

static bool trace(void) {
  static int on = -1;
  if (on < 0)
    on = getenv("FUZZ_AGENT_TRACE") != NULL;
  return on;
}

/* The system each input starts from: booted again only when the mode changed or an earlier
 * input's mutation succeeded, so every input sees the same pristine target (reproducible)
 * without paying a boot per input. */
static struct genode g;
static int booted_mode = -1;
static bool dirty;
static struct agent_runtime rt;
static struct agent a; /* no listener: agent_serve_frame needs only the runtime */

static void fresh_target(int mode) {
  if (booted_mode == mode && !dirty)
    return;
  if (booted_mode >= 0)
    genode_shutdown(&g);
  memset(&g, 0, sizeof g);
  boot(&g, mode & 2);
  capsim_runtime_init(&rt, &g, mode & 1);
  memset(&a, 0, sizeof a);
  a.rt = &rt;
  a.listen_fd = -1;
  a.pty_slave_fd = -1;
  booted_mode = mode;
  dirty = false;
}

/* LEASE_ACQUIRE by the line, as a client would send it, for the last task at its generation. */
static void take_lease(void) {
  struct agent_task_info ti;
  unsigned n = rt.task_count(rt.ctx);
  if (!n || !rt.task_at(rt.ctx, n - 1, &ti))
    return;
  uint8_t req[PROTO_HEADER_SIZE + 16];
  struct writer in, out;
  wr_init(&in, sizeof req);
  size_t start = wr_frame_begin(&in, OP_LEASE_ACQUIRE, 0);
  wr_u32(&in, ti.id);
  wr_u64(&in, ti.generation);
  wr_u32(&in, 0);
  wr_frame_end(&in, start, ST_OK);
  memcpy(req, in.buf, sizeof req);
  wr_free(&in);
  wr_init(&out, PROTO_HEADER_SIZE + PROTO_MAX_RESPONSE_PAYLOAD);
  agent_serve_frame(&a, req, sizeof req, &out);
  wr_free(&out);
  dirty = true; /* the next input starts without it */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  fresh_target(data[0] & 3);
  if (data[0] & 4)
    take_lease();
  struct agent_peer peer = {.client = AGENT_LINE_CLIENT, .authed = true};
  if (data[0] & 8) { /* a socket client of capsim */
    capsim_hooks_install(&a, data[0] & 16 ? FAULT_MUTATIONS_FAIL : FAULT_RESTORE_DROPS_LAST_OP);
    agent_set_token(&a, FUZZ_TOKEN);
    peer.authed = false; /* same client id: a lease taken by bit 2 is this client's */
  }
  const uint8_t *p = data + 1;
  size_t n = size - 1;
  struct writer out;
  wr_init(&out, (size_t)MAX_FRAMES * (PROTO_HEADER_SIZE + PROTO_MAX_RESPONSE_PAYLOAD));
  for (int frames = 0; frames < MAX_FRAMES && n > 0; frames++) {
    /* Frame boundaries as the socket loop finds them; a short tail is one (cut) frame. */
    size_t len = n;
    if (n >= PROTO_HEADER_SIZE) {
      uint64_t want = PROTO_HEADER_SIZE + (uint64_t)get_u32(p + PROTO_OFF_LENGTH);
      if (want <= n)
        len = (size_t)want;
    }
    size_t start = out.len;
    bool keep_going = agent_serve_frame_from(&a, &peer, p, len, &out);
    check_response(&out, start, p, len);
    if (trace()) /* FUZZ_AGENT_TRACE=1: what the seeds exercise (op, status) */
      fprintf(stderr, "op 0x%02x status %u len %u\n", get_u16(out.buf + start + PROTO_OFF_OPCODE),
              get_u16(out.buf + start + PROTO_OFF_STATUS), get_u32(out.buf + start + PROTO_OFF_LENGTH));
    uint16_t op = get_u16(out.buf + start + PROTO_OFF_OPCODE);
    uint16_t status = get_u16(out.buf + start + PROTO_OFF_STATUS);
    if (op >= OP_UNMAP && status == ST_OK)
      dirty = true;
    out.len = 0; /* responses are checked one by one */
    p += len;
    n -= len;
    if (!keep_going)
      break; /* the socket loop would close the connection here */
  }
  wr_free(&out);
  agent_peer_end(&a, &peer); /* as when its connection closes: pending op, lease */
  a.hooks = NULL;
  a.token[0] = 0;
  return 0;
}
