#include "tests/client.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <termios.h>
#include <netdb.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "agent/armor.h"

/* Serial lines speak armored frames: per-fd decoder and unread bytes. */
struct armored {
  struct armor_rx rx;
  uint8_t buf[4096];
  size_t off, len;
};
static struct armored *armored_fd[1024];
uint64_t cl_armored_in, cl_armored_out;

bool cl_is_armored(int fd) { return fd >= 0 && fd < 1024 && armored_fd[fd]; }

void cl_forget(int fd) {
  if (!cl_is_armored(fd))
    return;
  armor_rx_free(&armored_fd[fd]->rx);
  free(armored_fd[fd]);
  armored_fd[fd] = NULL;
}

int cl_connect(const char *uri) {
  signal(SIGPIPE, SIG_IGN); /* a peer that hung up is an error code, not a death */
  if (!strncmp(uri, "serial:", 7)) {
    struct stat st;
    int fd = -1;
    if (stat(uri + 7, &st) == 0 && S_ISSOCK(st.st_mode)) { /* QEMU's -serial unix:PATH,server */
      struct sockaddr_un sa;
      memset(&sa, 0, sizeof sa);
      sa.sun_family = AF_UNIX;
      if (strlen(uri + 7) >= sizeof sa.sun_path)
        return -1;
      strcpy(sa.sun_path, uri + 7);
      fd = socket(AF_UNIX, SOCK_STREAM, 0);
      if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        close(fd);
        fd = -1;
      }
    } else {
      fd = open(uri + 7, O_RDWR | O_NOCTTY);
    }
    struct termios tio;
    if (fd >= 0 && isatty(fd) && tcgetattr(fd, &tio) == 0) {
      cfmakeraw(&tio);
      tcsetattr(fd, TCSANOW, &tio);
    }
    if (fd >= 0 && fd < 1024) {
      cl_forget(fd);
      armored_fd[fd] = calloc(1, sizeof *armored_fd[fd]);
      if (armored_fd[fd])
        armor_rx_init(&armored_fd[fd]->rx, PROTO_HEADER_SIZE + PROTO_MAX_RESPONSE_PAYLOAD);
    }
    return fd;
  }
  if (!strncmp(uri, "unix:", 5)) {
    struct sockaddr_un sa;
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    if (strlen(uri + 5) >= sizeof sa.sun_path)
      return -1;
    strcpy(sa.sun_path, uri + 5);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0) {
      cl_forget(fd); /* a closed serial fd's number, reused */
      return fd;
    }
    if (fd >= 0)
      close(fd);
    return -1;
  }
  if (!strncmp(uri, "tcp:", 4)) {
    char host[256];
    const char *colon = strrchr(uri + 4, ':');
    if (!colon || (size_t)(colon - uri - 4) >= sizeof host)
      return -1;
    memcpy(host, uri + 4, (size_t)(colon - uri - 4));
    host[colon - uri - 4] = 0;
    struct addrinfo hints, *res;
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, colon + 1, &hints, &res) != 0)
      return -1;
    int fd = socket(res->ai_family, SOCK_STREAM, 0);
    int ok = fd >= 0 && connect(fd, res->ai_addr, res->ai_addrlen) == 0;
    freeaddrinfo(res);
    if (ok) {
      cl_forget(fd);
      return fd;
    }
    if (fd >= 0)
      close(fd);
  }
  return -1;
}

int cl_send_raw(int fd, const void *p, size_t n) {
  const uint8_t *b = p;
  while (n) {
    ssize_t w = write(fd, b, n); /* write: works on sockets and ttys alike */
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return -1;
    b += w;
    n -= (size_t)w;
  }
  return 0;
}

int cl_send(int fd, uint16_t op, uint32_t id, const void *payload, uint32_t len) {
  struct writer w;
  wr_init(&w, PROTO_HEADER_SIZE + (size_t)len);
  size_t start = wr_frame_begin(&w, op, id);
  wr_bytes(&w, payload, len);
  wr_frame_end(&w, start, ST_OK);
  int rc;
  if (cl_is_armored(fd)) {
    char *line = malloc(armor_encoded_max(w.len));
    size_t n = line ? armor_encode(w.buf, w.len, line) : 0;
    rc = n ? cl_send_raw(fd, line, n) : -1;
    cl_armored_out += n;
    free(line);
  } else {
    rc = cl_send_raw(fd, w.buf, w.len);
  }
  wr_free(&w);
  return rc;
}

static int read_full(int fd, uint8_t *p, size_t n, int timeout_ms) {
  while (n) {
    struct pollfd pf = {.fd = fd, .events = POLLIN};
    int pr = poll(&pf, 1, timeout_ms);
    if (pr < 0 && errno == EINTR)
      continue;
    if (pr <= 0)
      return -1;
    ssize_t r = read(fd, p, n);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      return -1;
    p += r;
    n -= (size_t)r;
  }
  return 0;
}

/* The next armored frame from a serial line into a fresh buffer. */
static uint8_t *recv_armored(int fd, size_t *len, int timeout_ms) {
  struct armored *a = armored_fd[fd];
  for (;;) {
    while (a->off < a->len) {
      a->off += armor_rx_feed(&a->rx, a->buf + a->off, a->len - a->off);
      if (a->rx.ready) {
        uint8_t *f = malloc(a->rx.frame_len);
        if (f)
          memcpy(f, a->rx.frame, a->rx.frame_len);
        *len = a->rx.frame_len;
        return f;
      }
    }
    struct pollfd pf = {.fd = fd, .events = POLLIN};
    int pr = poll(&pf, 1, timeout_ms);
    if (pr < 0 && errno == EINTR)
      continue;
    if (pr <= 0)
      return NULL;
    ssize_t r = read(fd, a->buf, sizeof a->buf);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      return NULL;
    a->off = 0;
    a->len = (size_t)r;
    cl_armored_in += (uint64_t)r;
  }
}

static void resp_header(struct resp *r, const uint8_t *h) {
  struct proto_header hd;
  proto_header_decode(h, &hd);
  r->magic = hd.magic;
  r->version = hd.version;
  r->op = hd.opcode;
  r->id = hd.id;
  r->status = hd.status;
  r->len = hd.payload_len;
}

int cl_recv(int fd, struct resp *r, int timeout_ms) {
  memset(r, 0, sizeof *r);
  uint8_t h[PROTO_HEADER_SIZE];
  if (cl_is_armored(fd)) {
    size_t n = 0;
    uint8_t *f = recv_armored(fd, &n, timeout_ms);
    if (!f || n < PROTO_HEADER_SIZE || get_u32(f + PROTO_OFF_LENGTH) != n - PROTO_HEADER_SIZE) {
      free(f);
      return -1;
    }
    resp_header(r, f);
    r->payload = malloc(r->len ? r->len : 1);
    if (r->payload)
      memcpy(r->payload, f + PROTO_HEADER_SIZE, r->len);
    free(f);
    return r->payload ? 0 : -1;
  }
  if (read_full(fd, h, sizeof h, timeout_ms) != 0)
    return -1;
  resp_header(r, h);
  if (r->len > PROTO_MAX_RESPONSE_PAYLOAD)
    return -1;
  r->payload = malloc(r->len ? r->len : 1);
  if (!r->payload || read_full(fd, r->payload, r->len, timeout_ms) != 0) {
    resp_free(r);
    return -1;
  }
  return 0;
}

int cl_call(int fd, uint16_t op, const struct writer *req, struct resp *r) {
  static uint32_t next_id = 1;
  uint32_t id = next_id++;
  if (cl_send(fd, op, id, req ? req->buf : NULL, req ? (uint32_t)req->len : 0) != 0)
    return -1;
  if (cl_recv(fd, r, 5000) != 0)
    return -1;
  if (r->id != id) { /* not our answer (BUSY answers no request in particular) */
    resp_free(r);
    return -1;
  }
  return 0;
}

void resp_free(struct resp *r) {
  free(r->payload);
  r->payload = NULL;
}

int cl_closed(int fd, int timeout_ms) {
  uint8_t buf[4096];
  for (;;) {
    struct pollfd pf = {.fd = fd, .events = POLLIN};
    if (poll(&pf, 1, timeout_ms) <= 0)
      return 0;
    ssize_t r = recv(fd, buf, sizeof buf, 0);
    if (r == 0 || (r < 0 && errno != EINTR && errno != EAGAIN))
      return 1;
  }
}
