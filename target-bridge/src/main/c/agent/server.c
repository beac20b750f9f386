/* The agent's connection handling: framing, limits, error frames, poll. */
/* posix_openpt, grantpt, unlockpt, ptsname */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <stdlib.h>
#include <termios.h>
#include <time.h>

#include "agent/agent.h"
#include "agent/armor.h"

#define IN_CAP (PROTO_HEADER_SIZE + PROTO_MAX_REQUEST_PAYLOAD)
#define OUT_LIMIT ((size_t)PROTO_MAX_IN_FLIGHT * (PROTO_HEADER_SIZE + PROTO_MAX_RESPONSE_PAYLOAD) + 4096)

struct conn {
  int fd;
  uint8_t *in;
  size_t in_len;
  struct writer out;
  size_t out_off;
  uint64_t sent_total;
  uint64_t ends[PROTO_MAX_IN_FLIGHT]; /* queued_total at each response's end */
  unsigned nends;
  bool closing; /* close once the output is flushed */
  bool dead;
  bool line; /* a serial line: never closed, reset to a clean state instead */
  bool authed; /* sent the agent's token (or none is needed): see auth_gate */
  uint32_t client; /* identity for the restore lease: unique per connection, a line is one */
  /* Monotonic ms of the last sign of life: accepted, a complete request frame
   * received, or answer bytes taken by the client (see agent_expire_idle). */
  int64_t last_active_ms;
  struct armor_rx *arx; /* a line speaks armored frames (agent/armor.h) */
  /* FAULT_RESTORE_DROPS_LAST_OP: acknowledged, not yet performed. */
  bool has_pending;
  uint16_t pending_op;
  uint8_t *pending;
  size_t pending_len;
};

static int64_t mono_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void set_nonblock(int fd) {
  int fl = fcntl(fd, F_GETFL);
  if (fl >= 0)
    fcntl(fd, F_SETFL, fl | O_NONBLOCK);
  fcntl(fd, F_SETFD, FD_CLOEXEC);
}

/* ---- listening ---------------------------------------------------------- */

static int listen_unix(struct agent *a, const char *path, char *err, size_t errlen) {
  struct sockaddr_un sa;
  memset(&sa, 0, sizeof sa);
  sa.sun_family = AF_UNIX;
  if (strlen(path) == 0 || strlen(path) >= sizeof sa.sun_path) {
    snprintf(err, errlen, "unix socket path empty or longer than %zu bytes",
             sizeof sa.sun_path - 1);
    return -1;
  }
  strcpy(sa.sun_path, path);
  if (agent_unix_path_problem(path, err, errlen))
    return -1;
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (fd < 0) {
    snprintf(err, errlen, "socket: %s", strerror(errno));
    return -1;
  }
  /* A socket left behind by a dead capsim is replaced; a live one is not. */
  struct stat st;
  if (lstat(path, &st) == 0 && S_ISSOCK(st.st_mode)) {
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0) {
      snprintf(err, errlen, "%s is in use by another server", path);
      close(fd);
      return -1;
    }
    unlink(path);
  }
  mode_t old = umask(0177); /* the socket is born 0600 */
  int rc = bind(fd, (struct sockaddr *)&sa, sizeof sa);
  umask(old);
  if (rc != 0 || listen(fd, 64) != 0) {
    snprintf(err, errlen, "bind/listen %s: %s", path, strerror(errno));
    close(fd);
    return -1;
  }
  snprintf(a->unix_path, sizeof a->unix_path, "%s", path);
  snprintf(a->uri, sizeof a->uri, "unix:%s", path);
  return fd;
}

static int listen_tcp(struct agent *a, const char *hostport, char *err, size_t errlen) {
  char host[256];
  const char *colon = strrchr(hostport, ':');
  if (!colon || (size_t)(colon - hostport) >= sizeof host || !colon[1]) {
    snprintf(err, errlen, "expected tcp:HOST:PORT");
    return -1;
  }
  memcpy(host, hostport, (size_t)(colon - hostport));
  host[colon - hostport] = 0;
  if (!host[0]) /* "tcp::PORT": loopback, never every interface by accident */
    strcpy(host, "127.0.0.1");
  if (host[0] == '[' && host[strlen(host) - 1] == ']') {
    memmove(host, host + 1, strlen(host));
    host[strlen(host) - 1] = 0;
  }
  struct addrinfo hints, *res = NULL;
  memset(&hints, 0, sizeof hints);
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  int gai = getaddrinfo(host, colon + 1, &hints, &res);
  if (gai != 0) {
    snprintf(err, errlen, "tcp %s: %s", hostport, gai_strerror(gai));
    return -1;
  }
  int fd = socket(res->ai_family, SOCK_STREAM, 0);
  int one = 1;
  if (fd >= 0)
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (fd < 0 || bind(fd, res->ai_addr, res->ai_addrlen) != 0 || listen(fd, 64) != 0) {
    snprintf(err, errlen, "bind/listen %s: %s", hostport, strerror(errno));
    if (fd >= 0)
      close(fd);
    freeaddrinfo(res);
    return -1;
  }
  freeaddrinfo(res);
  struct sockaddr_storage ss;
  socklen_t sl = sizeof ss;
  getsockname(fd, (struct sockaddr *)&ss, &sl);
  char addr[INET6_ADDRSTRLEN] = "?";
  unsigned port = 0;
  if (ss.ss_family == AF_INET) {
    struct sockaddr_in *in = (struct sockaddr_in *)&ss;
    inet_ntop(AF_INET, &in->sin_addr, addr, sizeof addr);
    port = ntohs(in->sin_port);
    snprintf(a->uri, sizeof a->uri, "tcp:%s:%u", addr, port);
  } else {
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
    inet_ntop(AF_INET6, &in6->sin6_addr, addr, sizeof addr);
    port = ntohs(in6->sin6_port);
    snprintf(a->uri, sizeof a->uri, "tcp:[%s]:%u", addr, port);
  }
  return fd;
}

static struct conn *conn_new(int fd);

/* A pseudo-terminal in raw mode; one client at a time speaks on it. */
static int listen_pty(struct agent *a, const char *link, char *err, size_t errlen) {
  int m = posix_openpt(O_RDWR | O_NOCTTY);
  const char *slave = m >= 0 && grantpt(m) == 0 && unlockpt(m) == 0 ? ptsname(m) : NULL;
  int s = slave ? open(slave, O_RDWR | O_NOCTTY) : -1;
  struct termios tio;
  if (s < 0 || tcgetattr(s, &tio) != 0) {
    snprintf(err, errlen, "pty: %s", strerror(errno));
    if (m >= 0)
      close(m);
    return -1;
  }
  cfmakeraw(&tio);
  tcsetattr(s, TCSANOW, &tio);
  unlink(link);
  if (strlen(link) >= sizeof a->pty_link || symlink(slave, link) != 0) {
    snprintf(err, errlen, "pty: cannot link %s to %s: %s", link, slave, strerror(errno));
    close(s);
    close(m);
    return -1;
  }
  set_nonblock(m);
  fcntl(s, F_SETFD, FD_CLOEXEC);
  struct conn *c = conn_new(m);
  if (!c) {
    snprintf(err, errlen, "out of memory");
    unlink(link);
    close(s);
    close(m);
    return -1;
  }
  c->line = true;
  c->client = AGENT_LINE_CLIENT;
  c->authed = true; /* a serial line is physical access: no token on it */
  c->arx = malloc(sizeof *c->arx);
  if (c->arx)
    armor_rx_init(c->arx, IN_CAP);
  a->conns[0] = c;
  a->pty_slave_fd = s;
  snprintf(a->pty_link, sizeof a->pty_link, "%s", link);
  snprintf(a->uri, sizeof a->uri, "serial:%s", link);
  return 0;
}

int agent_listen(struct agent *a, struct agent_runtime *rt, const char *spec, char *err,
                 size_t errlen) {
  memset(a, 0, sizeof *a);
  a->rt = rt;
  a->idle_timeout_ms = AGENT_DEFAULT_IDLE_TIMEOUT_MS;
  a->listen_fd = -1;
  a->pty_slave_fd = -1;
  int fd;
  if (!strncmp(spec, "pty:", 4))
    return listen_pty(a, spec + 4, err, errlen);
  if (!strncmp(spec, "unix:", 5))
    fd = listen_unix(a, spec + 5, err, errlen);
  else if (!strncmp(spec, "tcp:", 4))
    fd = listen_tcp(a, spec + 4, err, errlen);
  else {
    snprintf(err, errlen, "listen address must be unix:PATH, tcp:HOST:PORT or pty:PATH");
    return -1;
  }
  if (fd < 0)
    return -1;
  set_nonblock(fd);
  a->listen_fd = fd;
  return 0;
}

/* ---- connections -------------------------------------------------------- */

static void conn_free(struct conn *c) {
  if (c->fd >= 0)
    close(c->fd);
  free(c->in);
  free(c->pending);
  if (c->arx) {
    armor_rx_free(c->arx);
    free(c->arx);
  }
  wr_free(&c->out);
  free(c);
}

static void begin_frame(struct writer *w, uint16_t op, uint32_t req_id) {
  wr_u32(w, PROTO_MAGIC);
  wr_u16(w, PROTO_VERSION);
  wr_u16(w, op);
  wr_u32(w, req_id);
  wr_u16(w, 0);
  wr_u16(w, 0);
  wr_u32(w, 0);
}

/* On a serial line the binary frame just written from `start` is replaced
 * by its armored line. */
static void armor_frame(struct conn *c, size_t start) {
  size_t n = c->out.len - start;
  char *line = malloc(armor_encoded_max(n));
  size_t len = line ? armor_encode(c->out.buf + start, n, line) : 0;
  c->out.len = start;
  c->out.limit = start + armor_encoded_max(n);
  if (len)
    wr_bytes(&c->out, line, len);
  free(line);
}

static void queue_response_end(struct conn *c, size_t start) {
  if (c->arx)
    armor_frame(c, start);
  if (c->nends < PROTO_MAX_IN_FLIGHT)
    c->ends[c->nends++] = c->sent_total + (c->out.len - c->out_off);
}

static void queue_error(struct conn *c, uint16_t op, uint32_t req_id, uint16_t status,
                        int32_t detail, const char *msg) {
  size_t start = c->out.len;
  c->out.limit = start + PROTO_HEADER_SIZE + PROTO_MAX_RESPONSE_PAYLOAD;
  begin_frame(&c->out, op, req_id);
  wr_u32(&c->out, (uint32_t)detail);
  wr_str(&c->out, msg);
  wr_put_u16_at(&c->out, start + 12, status);
  wr_put_u32_at(&c->out, start + 16, (uint32_t)(c->out.len - start - PROTO_HEADER_SIZE));
  queue_response_end(c, start);
}

static void pending_drop(struct conn *c) {
  if (c->has_pending)
    fprintf(stderr, "capsim: fault restore-drops-last-op: dropped acknowledged op 0x%02x\n",
            c->pending_op);
  c->has_pending = false;
}

static void run_op(struct agent *a, agent_op_fn fn, const uint8_t *payload, size_t len,
                   struct writer *w, struct reply *rep) {
  struct reader r;
  rd_init(&r, payload, len);
  rep->w = w;
  rep->status = ST_OK;
  rep->detail = 0;
  rep->msg[0] = 0;
  fn(a, &r, rep);
}

/* Perform the pending (acknowledged) mutation for real; its reply is gone. */
static void pending_flush(struct agent *a, struct conn *c) {
  if (!c->has_pending)
    return;
  c->has_pending = false;
  struct writer scratch;
  wr_init(&scratch, PROTO_MAX_RESPONSE_PAYLOAD);
  struct reply rep = {.client = c->client}; /* runs as the lease holder it was acknowledged to */
  run_op(a, agent_mutation_op(c->pending_op), c->pending, c->pending_len, &scratch, &rep);
  wr_free(&scratch);
}

/* With a token configured, a socket client must send AUTH with it before any
 * request but HELLO (answered first, so a client can see it talks to an agent
 * before it hands over its token). Any other request before it, and any AUTH
 * that is not exactly the token (malformed, wrong, also after a right one),
 * gets one UNAUTHORIZED frame and the connection closes. Returns true when
 * the request was answered here. */
static bool auth_gate(struct agent *a, struct conn *c, uint16_t op, uint32_t req_id,
                      const uint8_t *payload, size_t len) {
  if (!a->token[0] || op == OP_HELLO || (c->authed && op != OP_AUTH))
    return false;
  struct reply rep = {0};
  if (op == OP_AUTH)
    agent_check_token(a, payload, len, &rep);
  else
    reply_error(&rep, ST_UNAUTHORIZED, 0, "authentication required: send AUTH with the token");
  if (rep.status != ST_OK) {
    queue_error(c, op, req_id, rep.status, rep.detail, rep.msg);
    c->closing = true;
    return true;
  }
  c->authed = true;
  size_t start = c->out.len;
  c->out.limit = start + PROTO_HEADER_SIZE + PROTO_MAX_RESPONSE_PAYLOAD;
  begin_frame(&c->out, op, req_id);
  queue_response_end(c, start);
  return true;
}

static void dispatch(struct agent *a, struct conn *c, uint16_t op, uint32_t req_id,
                     const uint8_t *payload, size_t len) {
  c->last_active_ms = mono_ms(); /* a complete frame arrived */
  if (auth_gate(a, c, op, req_id, payload, len))
    return;
  agent_op_fn read_fn = agent_read_op(op), mut_fn = agent_mutation_op(op);
  if (!read_fn && !mut_fn) {
    queue_error(c, op, req_id, ST_UNKNOWN_OPCODE, 0, "unknown opcode");
    return;
  }
  bool defer = false;
  if (a->fault == FAULT_RESTORE_DROPS_LAST_OP) {
    if (read_fn) {
      pending_drop(c);
    } else {
      pending_flush(a, c);
      defer = agent_op_deferrable(op);
    }
  }
  size_t start = c->out.len;
  c->out.limit = start + PROTO_HEADER_SIZE + PROTO_MAX_RESPONSE_PAYLOAD;
  begin_frame(&c->out, op, req_id);
  struct reply rep = {.client = c->client};
  rep.dry_run = defer;
  if (mut_fn && a->fault == FAULT_MUTATIONS_FAIL) {
    struct reader r;
    rd_init(&r, payload, len);
    rep.w = &c->out;
    reply_error(&rep, ST_L4_ERROR, -1, "injected fault: mutation failed");
  } else {
    run_op(a, read_fn ? read_fn : mut_fn, payload, len, &c->out, &rep);
  }
  if (rep.status == ST_OK && c->out.overflow)
    reply_error(&rep, ST_INTERNAL, 0, "response over the payload limit");
  if (rep.status != ST_OK) {
    c->out.len = start;
    c->out.overflow = false;
    queue_error(c, op, req_id, rep.status, rep.detail, rep.msg);
    return;
  }
  if (defer) {
    uint8_t *copy = realloc(c->pending, len ? len : 1);
    if (copy) {
      memcpy(copy, payload, len);
      c->pending = copy;
      c->pending_len = len;
      c->pending_op = op;
      c->has_pending = true;
    }
  }
  wr_put_u32_at(&c->out, start + 16, (uint32_t)(c->out.len - start - PROTO_HEADER_SIZE));
  queue_response_end(c, start);
}

/* Parse complete frames from the input buffer, as many as the in-flight
 * limit allows. */
static void process_input(struct agent *a, struct conn *c) {
  size_t off = 0;
  while (!c->closing && c->nends < PROTO_MAX_IN_FLIGHT && c->in_len - off >= PROTO_HEADER_SIZE) {
    const uint8_t *h = c->in + off;
    uint32_t magic = get_u32(h);
    uint16_t version = get_u16(h + 4), op = get_u16(h + 6);
    uint32_t req_id = get_u32(h + 8), len = get_u32(h + 16);
    if (magic != PROTO_MAGIC) {
      queue_error(c, 0, 0, ST_BAD_MAGIC, 0, "bad magic");
      c->closing = true;
      break;
    }
    if (version != PROTO_VERSION) {
      queue_error(c, op, req_id, ST_BAD_VERSION, 0, "unsupported protocol version");
      c->closing = true;
      break;
    }
    if (len > PROTO_MAX_REQUEST_PAYLOAD) {
      queue_error(c, op, req_id, ST_TOO_LARGE, 0, "request payload over 65536 bytes");
      c->closing = true;
      break;
    }
    if (c->in_len - off < PROTO_HEADER_SIZE + (size_t)len)
      break; /* wait for the rest */
    dispatch(a, c, op, req_id, h + PROTO_HEADER_SIZE, len);
    off += PROTO_HEADER_SIZE + len;
  }
  if (off) {
    memmove(c->in, c->in + off, c->in_len - off);
    c->in_len -= off;
  }
}

static void flush_output(struct conn *c) {
  while (c->out_off < c->out.len) {
    const void *p = c->out.buf + c->out_off;
    size_t len = c->out.len - c->out_off;
    ssize_t n = c->line ? write(c->fd, p, len) : send(c->fd, p, len, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK)
        c->dead = true;
      break;
    }
    c->out_off += (size_t)n;
    c->sent_total += (uint64_t)n;
    if (n > 0)
      c->last_active_ms = mono_ms(); /* the client is taking its answers */
  }
  unsigned k = 0;
  while (k < c->nends && c->ends[k] <= c->sent_total)
    k++;
  if (k) {
    memmove(c->ends, c->ends + k, (c->nends - k) * sizeof c->ends[0]);
    c->nends -= k;
  }
  if (c->out_off == c->out.len) {
    c->out.len = 0;
    c->out_off = 0;
    if (c->out.cap > (1u << 20)) { /* give a burst's memory back */
      wr_free(&c->out);
      wr_init(&c->out, OUT_LIMIT);
    }
    if (c->closing)
      c->dead = true;
  }
}

/* Answer buffered requests until the input holds no complete frame or the
 * in-flight limit holds us back (then POLLOUT progress resumes us). */
static void pump(struct agent *a, struct conn *c) {
  for (;;) {
    size_t before = c->in_len;
    process_input(a, c);
    flush_output(c);
    if (c->dead || c->closing || c->in_len == before || c->in_len < PROTO_HEADER_SIZE)
      return;
  }
}

/* Decoded frames of armored lines go to the input buffer; a frame that does
 * not fit is dropped like line noise (the client times out and retries). */
static void read_armored(struct agent *a, struct conn *c) {
  uint8_t raw[4096];
  for (;;) {
    if (c->closing || c->nends >= PROTO_MAX_IN_FLIGHT)
      return;
    ssize_t n = read(c->fd, raw, sizeof raw);
    if (n <= 0) {
      if (n == 0 || (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK))
        c->dead = true;
      if (n < 0 && errno == EINTR)
        continue;
      return;
    }
    size_t off = 0;
    while (off < (size_t)n) {
      off += armor_rx_feed(c->arx, raw + off, (size_t)n - off);
      if (c->arx->ready && c->arx->frame_len <= IN_CAP - c->in_len) {
        memcpy(c->in + c->in_len, c->arx->frame, c->arx->frame_len);
        c->in_len += c->arx->frame_len;
      }
    }
    pump(a, c);
    if (c->dead)
      return;
  }
}

static void read_input(struct agent *a, struct conn *c) {
  if (c->arx) {
    read_armored(a, c);
    return;
  }
  for (;;) {
    if (c->in_len == IN_CAP || c->closing || c->nends >= PROTO_MAX_IN_FLIGHT)
      return;
    ssize_t n = c->line ? read(c->fd, c->in + c->in_len, IN_CAP - c->in_len)
                        : recv(c->fd, c->in + c->in_len, IN_CAP - c->in_len, 0);
    if (n == 0) {
      c->dead = true; /* a frame cut off by the disconnect is dropped */
      return;
    }
    if (n < 0) {
      if (errno == EINTR)
        continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK)
        c->dead = true;
      return;
    }
    c->in_len += (size_t)n;
    pump(a, c);
    if (c->dead)
      return;
  }
}

static struct conn *conn_new(int fd) {
  struct conn *c = calloc(1, sizeof *c);
  if (c)
    c->in = malloc(IN_CAP);
  if (!c || !c->in) {
    free(c);
    return NULL;
  }
  c->fd = fd;
  c->last_active_ms = mono_ms();
  wr_init(&c->out, OUT_LIMIT);
  return c;
}

/* A serial line after a broken frame: forget the partial state, go on. */
static void line_reset(struct conn *c) {
  c->in_len = 0;
  c->out.len = c->out_off = 0;
  c->nends = 0;
  c->closing = c->dead = false;
  c->has_pending = false;
  if (c->arx)
    armor_rx_reset(c->arx);
}

/* All slots taken: the slot of the connection idle longest, if it has been idle
 * for at least half the idle timeout (a client pausing between the requests of a
 * walk keeps its connection); -1 if none qualifies or idle timeouts are off. */
static int evictable_slot(struct agent *a, int64_t now) {
  if (!a->idle_timeout_ms)
    return -1;
  int best = -1;
  int64_t best_idle = (int64_t)a->idle_timeout_ms / 2;
  for (int i = 0; i < PROTO_MAX_CONNECTIONS; i++) {
    struct conn *c = a->conns[i];
    if (!c || c->line)
      continue;
    int64_t idle = now - c->last_active_ms;
    if (idle >= best_idle) {
      best = i;
      best_idle = idle + 1; /* strictly longer wins; the first of equals stays */
    }
  }
  return best;
}

static void drop_conn(struct agent *a, int slot, const char *why, int64_t idle_ms) {
  struct conn *c = a->conns[slot];
  fprintf(stderr, "agent: closed a connection idle for %lld.%03lld s (%s)\n",
          (long long)(idle_ms / 1000), (long long)(idle_ms % 1000), why);
  if (a->fault == FAULT_RESTORE_DROPS_LAST_OP)
    pending_drop(c);
  agent_lease_client_gone(a, c->client);
  conn_free(c);
  a->conns[slot] = NULL;
  a->idle_dropped++;
}

static void accept_clients(struct agent *a) {
  for (;;) {
    int fd = accept(a->listen_fd, NULL, NULL);
    if (fd < 0)
      return;
    set_nonblock(fd);
    int slot = -1;
    for (int i = 0; i < PROTO_MAX_CONNECTIONS; i++)
      if (!a->conns[i]) {
        slot = i;
        break;
      }
    if (slot < 0) {
      int64_t now = mono_ms();
      slot = evictable_slot(a, now);
      if (slot >= 0)
        drop_conn(a, slot, "all slots taken, it was idle longest",
                  now - a->conns[slot]->last_active_ms);
    }
    struct conn *c = slot >= 0 ? conn_new(fd) : NULL;
    if (c) {
      if (++a->last_client <= AGENT_LINE_CLIENT) /* never 0 or the line's id, even after wrapping */
        a->last_client = AGENT_LINE_CLIENT + 1;
      c->client = a->last_client;
    }
    if (!c) {
      /* Full: say so once and hang up. */
      struct conn tmp = {.fd = fd};
      wr_init(&tmp.out, OUT_LIMIT);
      queue_error(&tmp, 0, 0, ST_BUSY, 0, "too many connections");
      (void)!send(fd, tmp.out.buf, tmp.out.len, MSG_NOSIGNAL);
      wr_free(&tmp.out);
      close(fd);
      continue;
    }
    a->conns[slot] = c;
  }
}

int agent_pollfds(struct agent *a, struct pollfd *fds, int max) {
  int n = 0;
  if (a->listen_fd >= 0 && n < max)
    fds[n++] = (struct pollfd){.fd = a->listen_fd, .events = POLLIN};
  for (int i = 0; i < PROTO_MAX_CONNECTIONS && n < max; i++) {
    struct conn *c = a->conns[i];
    if (!c)
      continue;
    short ev = 0;
    if (!c->closing && c->nends < PROTO_MAX_IN_FLIGHT && c->in_len < IN_CAP)
      ev |= POLLIN;
    if (c->out_off < c->out.len)
      ev |= POLLOUT;
    fds[n++] = (struct pollfd){.fd = c->fd, .events = ev};
  }
  return n;
}

static struct conn *conn_by_fd(struct agent *a, int fd, int *slot) {
  for (int i = 0; i < PROTO_MAX_CONNECTIONS; i++)
    if (a->conns[i] && a->conns[i]->fd == fd) {
      *slot = i;
      return a->conns[i];
    }
  return NULL;
}

void agent_handle(struct agent *a, struct pollfd *fds, int n) {
  for (int i = 0; i < n; i++) {
    if (!fds[i].revents)
      continue;
    if (fds[i].fd == a->listen_fd) {
      accept_clients(a);
      continue;
    }
    int slot;
    struct conn *c = conn_by_fd(a, fds[i].fd, &slot);
    if (!c)
      continue;
    if (fds[i].revents & POLLOUT)
      flush_output(c);
    if (fds[i].revents & (POLLIN | POLLHUP | POLLERR))
      read_input(a, c);
    /* Requests held back by the in-flight limit go on once there is room. */
    if (!c->dead)
      pump(a, c);
    if ((fds[i].revents & (POLLERR | POLLNVAL)) && !(fds[i].revents & POLLIN))
      c->dead = true;
    if (c->line && (c->dead || (c->closing && c->out_off == c->out.len))) {
      line_reset(c);
    } else if (c->dead) {
      if (a->fault == FAULT_RESTORE_DROPS_LAST_OP)
        pending_drop(c);
      agent_lease_client_gone(a, c->client); /* the lease lives and dies with its connection */
      conn_free(c);
      a->conns[slot] = NULL;
    }
  }
  agent_expire_idle(a);
}

int agent_poll_timeout_ms(struct agent *a) {
  if (!a->idle_timeout_ms)
    return -1;
  int64_t now = mono_ms(), next = -1;
  for (int i = 0; i < PROTO_MAX_CONNECTIONS; i++) {
    struct conn *c = a->conns[i];
    if (!c || c->line)
      continue;
    int64_t left = c->last_active_ms + (int64_t)a->idle_timeout_ms - now;
    if (left < 0)
      left = 0;
    if (next < 0 || left < next)
      next = left;
  }
  return next > INT32_MAX ? INT32_MAX : (int)next;
}

void agent_expire_idle(struct agent *a) {
  if (!a->idle_timeout_ms)
    return;
  int64_t now = mono_ms();
  for (int i = 0; i < PROTO_MAX_CONNECTIONS; i++) {
    struct conn *c = a->conns[i];
    if (!c || c->line)
      continue;
    int64_t idle = now - c->last_active_ms;
    if (idle >= (int64_t)a->idle_timeout_ms)
      drop_conn(a, i, c->in_len ? "stalled in the middle of a frame" : "idle timeout", idle);
  }
}

void agent_close(struct agent *a) {
  for (int i = 0; i < PROTO_MAX_CONNECTIONS; i++)
    if (a->conns[i]) {
      agent_lease_client_gone(a, a->conns[i]->client);
      conn_free(a->conns[i]);
      a->conns[i] = NULL;
    }
  if (a->listen_fd >= 0)
    close(a->listen_fd);
  a->listen_fd = -1;
  if (a->unix_path[0])
    unlink(a->unix_path);
  a->unix_path[0] = 0;
  if (a->pty_link[0])
    unlink(a->pty_link);
  a->pty_link[0] = 0;
  if (a->pty_slave_fd >= 0)
    close(a->pty_slave_fd);
  a->pty_slave_fd = -1;
}
