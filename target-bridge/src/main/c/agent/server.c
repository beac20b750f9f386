/* capsim's socket server: one poll loop over many connections (non-blocking
 * sockets, per-client buffers, at most PROTO_MAX_IN_FLIGHT unanswered requests
 * per client). Each request is answered by agent_serve_frame_from, the path
 * every agent runs; this file only moves bytes. Listeners: listen.c; idle
 * eviction: idle.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "agent/armor.h"
#include "agent/conn.h"

int64_t conn_mono_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void conn_free(struct conn *c) {
  if (c->fd >= 0)
    close(c->fd);
  free(c->in);
  if (c->arx) {
    armor_rx_free(c->arx);
    free(c->arx);
  }
  wr_free(&c->out);
  free(c);
}

void conn_drop(struct agent *a, int slot) {
  struct conn *c = a->conns[slot];
  agent_peer_end(a, &c->peer);
  conn_free(c);
  a->conns[slot] = NULL;
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

/* Answers one request (or the bad header of one) that starts the input at h. */
static void answer(struct agent *a, struct conn *c, const uint8_t *h, size_t len) {
  size_t start = c->out.len;
  if (!agent_serve_frame_from(a, &c->peer, h, len, &c->out))
    c->closing = true;
  c->peer.close = false;
  queue_response_end(c, start);
}

static void flush_output(struct conn *c);

/* Unsent answer bytes that go out before the next pipelined request is answered. A walk's large
 * answers (cap infos, cap map) then reach the client while the agent makes the next one, and
 * small answers travel together: every send can wake the client, which costs more than it gives
 * on a loaded machine. */
#define FLUSH_EARLY 4096

/* Parse complete frames from the input buffer, as many as the in-flight
 * limit allows. A bad header is answered at once, and the connection closes.
 * Once FLUSH_EARLY bytes of answers wait, they go out before the next request
 * is answered: a client that pipelined a walk decodes them meanwhile. */
static void process_input(struct agent *a, struct conn *c) {
  size_t off = 0;
  while (!c->closing && !c->dead && c->nends < PROTO_MAX_IN_FLIGHT &&
         c->in_len - off >= PROTO_HEADER_SIZE) {
    const uint8_t *h = c->in + off;
    struct proto_header hd;
    proto_header_decode(h, &hd);
    if (!agent_header_ok(&hd)) {
      answer(a, c, h, PROTO_HEADER_SIZE);
      break;
    }
    size_t len = PROTO_HEADER_SIZE + (size_t)hd.payload_len;
    if (c->in_len - off < len)
      break;                            /* wait for the rest */
    c->last_active_ms = conn_mono_ms(); /* a complete frame arrived */
    answer(a, c, h, len);
    off += len;
    if (c->out.len - c->out_off >= FLUSH_EARLY)
      flush_output(c);
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
      c->last_active_ms = conn_mono_ms(); /* the client is taking its answers */
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
 * in-flight limit holds us back (then POLLOUT progress resumes us). A flush
 * that makes room under the limit goes on at once: the client may have sent
 * everything already, and nothing else would wake us for the frames left. */
static void pump(struct agent *a, struct conn *c) {
  for (;;) {
    size_t before = c->in_len;
    process_input(a, c);
    bool held_back = c->nends >= PROTO_MAX_IN_FLIGHT;
    flush_output(c);
    if (c->dead || c->closing || c->in_len < PROTO_HEADER_SIZE)
      return;
    if (c->in_len == before && !(held_back && c->nends < PROTO_MAX_IN_FLIGHT))
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

struct conn *conn_new(int fd) {
  struct conn *c = calloc(1, sizeof *c);
  if (c)
    c->in = malloc(IN_CAP);
  if (!c || !c->in) {
    free(c);
    return NULL;
  }
  c->fd = fd;
  c->last_active_ms = conn_mono_ms();
  wr_init(&c->out, OUT_LIMIT);
  return c;
}

/* A serial line after a broken frame: forget the partial state, go on. */
static void line_reset(struct agent *a, struct conn *c) {
  /* The line stays the same client: its restore lease survives, the hooks' state does not. */
  if (a->hooks && a->hooks->peer_end)
    a->hooks->peer_end(a, &c->peer);
  c->in_len = 0;
  c->out.len = c->out_off = 0;
  c->nends = 0;
  c->closing = c->dead = false;
  if (c->arx)
    armor_rx_reset(c->arx);
}

static void accept_clients(struct agent *a) {
  for (;;) {
    int fd = accept(a->listen_fd, NULL, NULL);
    if (fd < 0)
      return;
    conn_set_nonblock(fd);
    int slot = -1;
    for (int i = 0; i < PROTO_MAX_CONNECTIONS; i++)
      if (!a->conns[i]) {
        slot = i;
        break;
      }
    if (slot < 0) {
      int64_t now = conn_mono_ms();
      slot = conn_evictable_slot(a, now);
      if (slot >= 0)
        conn_drop_idle(a, slot, "all slots taken, it was idle longest",
                       now - a->conns[slot]->last_active_ms);
    }
    struct conn *c = slot >= 0 ? conn_new(fd) : NULL;
    if (c) {
      if (++a->last_client <= AGENT_LINE_CLIENT) /* never 0 or the line's id, even after wrapping */
        a->last_client = AGENT_LINE_CLIENT + 1;
      c->peer.client = a->last_client;
    }
    if (!c) {
      /* Full: say so once and hang up. */
      struct writer busy;
      wr_init(&busy, OUT_LIMIT);
      agent_error_frame(&busy, 0, 0, ST_BUSY, "too many connections");
      (void)!send(fd, busy.buf, busy.len, MSG_NOSIGNAL);
      wr_free(&busy);
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
    if (c->line && (c->dead || (c->closing && c->out_off == c->out.len)))
      line_reset(a, c);
    else if (c->dead)
      conn_drop(a, slot);
  }
  agent_expire_idle(a);
}

void agent_close(struct agent *a) {
  for (int i = 0; i < PROTO_MAX_CONNECTIONS; i++)
    if (a->conns[i])
      conn_drop(a, i);
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
