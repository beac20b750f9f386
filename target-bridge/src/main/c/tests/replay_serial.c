/* Replays a recorded serial conversation (a transcript written by
 * target-bridge/real-targets/serial-record.py) as a target: what a real
 * system in QEMU printed becomes something CI can talk to.
 *
 * Usage: replay_serial TRANSCRIPT SOCKET [SECTION]
 *
 * Listens on the Unix socket SOCKET like QEMU's -serial unix:... socket and
 * speaks armored frames (agent/armor.c). Each request frame is answered with
 * the answer the real target gave to the same request (same bytes apart from
 * the request id) in the recording: the first time with the first such
 * answer, the next time with the next one, and so on (a GENERATION asked
 * twice gets both recorded answers in order); the id is patched in. A request
 * the recording has no answer for gets an INTERNAL error frame saying so.
 * A CAP_INFOS request over a range the recording asked in parts is answered
 * by joining the recorded parts (see join_cap_infos): walkers before
 * 2026-11-29 asked 0..4296 in 1,100-selector chunks, leaving out chunks their
 * VALIDITY answer showed empty; a pipelined walk asks the whole range at once.
 * SECTION limits the recording to the client section after the line
 * "# run: SECTION"; without it every section counts, in order. Each new
 * connection starts from the first answers again. Prints "replay: listening"
 * once ready; ends when its standard input closes (its owner went away). */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "agent/armor.h"
#include "protocol/proto.h"
#include "agent/wire.h"

#define MAX_FRAME (PROTO_HEADER_SIZE + PROTO_MAX_RESPONSE_PAYLOAD)

struct frame {
  uint8_t *p;
  size_t n;
};

/* One recorded answer: the request it answered (id zeroed) and the answer. */
struct pair {
  struct frame req, ans;
  bool used;
};

static struct pair *pairs;
static size_t npairs, cap_pairs;
static struct frame pending[64]; /* requests without an answer yet, by recording order */
static size_t npending;

static struct frame copy(const uint8_t *p, size_t n) {
  struct frame f = {malloc(n ? n : 1), n};
  if (!f.p) {
    perror("replay_serial");
    exit(2);
  }
  memcpy(f.p, p, n);
  return f;
}

#define ID_END (PROTO_OFF_ID + 4)

static uint32_t frame_id(const struct frame *f) {
  return f->n >= ID_END ? get_u32(f->p + PROTO_OFF_ID) : 0;
}

static void zero_id(struct frame *f) {
  if (f->n >= ID_END)
    memset(f->p + PROTO_OFF_ID, 0, 4);
}

static void add_pair(struct frame req, struct frame ans) {
  if (npairs == cap_pairs) {
    cap_pairs = cap_pairs ? 2 * cap_pairs : 256;
    pairs = realloc(pairs, cap_pairs * sizeof *pairs);
    if (!pairs) {
      perror("replay_serial");
      exit(2);
    }
  }
  pairs[npairs++] = (struct pair){req, ans, false};
}

/* A frame line of the transcript ("> @CSCP ..." or "< @CSCP ..."). */
static void take_line(struct armor_rx *rx, char dir, const char *text) {
  size_t len = strlen(text);
  size_t off = 0;
  while (off < len) {
    off += armor_rx_feed(rx, (const uint8_t *)text + off, len - off);
    if (!rx->ready)
      continue;
    struct frame f = copy(rx->frame, rx->frame_len);
    if (dir == '>') {
      if (npending == sizeof pending / sizeof pending[0]) {
        free(pending[0].p);
        memmove(pending, pending + 1, (npending - 1) * sizeof pending[0]);
        npending--;
      }
      pending[npending++] = f;
      continue;
    }
    /* an answer: to the latest request with its id */
    for (size_t i = npending; i-- > 0;) {
      if (frame_id(&pending[i]) != frame_id(&f))
        continue;
      struct frame req = pending[i];
      memmove(pending + i, pending + i + 1, (npending - i - 1) * sizeof pending[0]);
      npending--;
      zero_id(&req);
      add_pair(req, f);
      f.p = NULL;
      break;
    }
    free(f.p);
  }
}

static int load(const char *path, const char *section) {
  FILE *in = fopen(path, "r");
  if (!in) {
    fprintf(stderr, "replay_serial: cannot open %s: %s\n", path, strerror(errno));
    return -1;
  }
  struct armor_rx rx;
  armor_rx_init(&rx, MAX_FRAME);
  char *line = NULL;
  size_t cap = 0;
  bool in_section = section == NULL, seen = false;
  char want[512];
  snprintf(want, sizeof want, "# run: %s", section ? section : "");
  while (getline(&line, &cap, in) > 0) {
    line[strcspn(line, "\r\n")] = 0;
    if (section && !strncmp(line, "# run: ", 7)) {
      in_section = !strcmp(line, want);
      seen |= in_section;
      continue;
    }
    if (in_section && (line[0] == '>' || line[0] == '<') && line[1] == ' ') {
      strcat(line, "\n");
      armor_rx_reset(&rx);
      take_line(&rx, line[0], line + 2);
    }
  }
  free(line);
  fclose(in);
  armor_rx_free(&rx);
  if (section && !seen) {
    fprintf(stderr, "replay_serial: no section '# run: %s' in %s\n", section, path);
    return -1;
  }
  if (npairs == 0) {
    fprintf(stderr, "replay_serial: no request with an answer in %s\n", path);
    return -1;
  }
  return 0;
}

/* The next unused recorded answer to `req` (its id zeroed in the copy). */
static const struct frame *answer_for(const uint8_t *req, size_t n) {
  const struct frame *last = NULL;
  for (size_t i = 0; i < npairs; i++) {
    struct pair *p = &pairs[i];
    if (p->req.n != n || n < ID_END || memcmp(p->req.p, req, PROTO_OFF_ID) ||
        memcmp(p->req.p + ID_END, req + ID_END, n - ID_END))
      continue;
    if (!p->used) {
      p->used = true;
      return &p->ans;
    }
    last = &p->ans; /* asked more often than recorded: the last answer again */
  }
  return last;
}

/* The VALIDITY answer last served on this connection, per task (small ids). */
#define MAX_TASK_ID 256
static const struct frame *last_validity[MAX_TASK_ID];

static bool is_request(const struct frame *f, uint16_t op) {
  return f->n >= PROTO_HEADER_SIZE + 8 && get_u16(f->p + 6) == op;
}

/* Whether the VALIDITY answer `v` shows no valid selector in first..last. */
static bool shows_empty(const struct frame *v, unsigned first, unsigned last) {
  const uint8_t *p = v->p + PROTO_HEADER_SIZE;
  size_t n = v->n - PROTO_HEADER_SIZE;
  if (n < 16 || get_u16(v->p + 12) != ST_OK)
    return false;
  unsigned vf = get_u16(p + 12), vl = get_u16(p + 14);
  if (first < vf || last > vl || n < 16 + (vl - vf + 8) / 8)
    return false;
  for (unsigned sel = first; sel <= last; sel++)
    if (p[16 + (sel - vf) / 8] >> ((sel - vf) % 8) & 1)
      return false;
  return true;
}

/*
 * CAP_INFOS of task..first..last from recorded CAP_INFOS answers of the same task
 * over parts of that range: the records of every distinct recorded part (its next
 * unused answer, as for any request), in order, provided all parts carry one
 * generation and the VALIDITY answer served before shows the rest of the range
 * empty (CAP_INFOS lists valid selectors only, so nothing is left out). Anything
 * else: NULL, and the client hears that the recording has no answer.
 */
static struct frame joined;

static const struct frame *join_cap_infos(const uint8_t *req, size_t n) {
  if (n != PROTO_HEADER_SIZE + 8)
    return NULL;
  uint32_t task = get_u32(req + PROTO_HEADER_SIZE);
  unsigned first = get_u16(req + PROTO_HEADER_SIZE + 4), last = get_u16(req + PROTO_HEADER_SIZE + 6);
  if (task >= MAX_TASK_ID || !last_validity[task] || first > last)
    return NULL;
  struct writer w;
  wr_init(&w, MAX_FRAME);
  unsigned at = first, count = 0;
  uint64_t gen = 0;
  bool any = false;
  while (at <= last) {
    /* the recorded part that starts next at or after `at` */
    struct pair *part = NULL;
    for (size_t i = 0; i < npairs; i++) {
      struct pair *p = &pairs[i];
      if (!is_request(&p->req, OP_CAP_INFOS) || get_u32(p->req.p + PROTO_HEADER_SIZE) != task)
        continue;
      unsigned a = get_u16(p->req.p + PROTO_HEADER_SIZE + 4),
               b = get_u16(p->req.p + PROTO_HEADER_SIZE + 6);
      if (a < at || b > last || p->ans.n < PROTO_HEADER_SIZE + 14 || get_u16(p->ans.p + 12) != ST_OK)
        continue;
      /* the first unused answer of a range, else its last one (as answer_for does) */
      unsigned pa = part ? get_u16(part->req.p + PROTO_HEADER_SIZE + 4) : 0;
      if (!part || a < pa || (a == pa && part->used))
        part = p;
    }
    unsigned a = part ? get_u16(part->req.p + PROTO_HEADER_SIZE + 4) : last + 1;
    if (a > at && !shows_empty(last_validity[task], at, a - 1))
      goto none;
    if (!part)
      break;
    const uint8_t *ap = part->ans.p + PROTO_HEADER_SIZE;
    uint64_t g = get_u64(ap + 4);
    unsigned c = get_u16(ap + 12);
    if ((any && g != gen) || part->ans.n != PROTO_HEADER_SIZE + 14 + 24 * (size_t)c)
      goto none;
    if (!any) {
      wr_bytes(&w, part->ans.p, PROTO_HEADER_SIZE + 14); /* header and task, generation, count */
      any = true;
    }
    gen = g;
    wr_bytes(&w, ap + 14, 24 * (size_t)c);
    count += c;
    part->used = true;
    at = get_u16(part->req.p + PROTO_HEADER_SIZE + 6) + 1u;
  }
  if (!any)
    goto none;
  wr_put_u16_at(&w, PROTO_HEADER_SIZE + 12, (uint16_t)count);
  wr_put_u32_at(&w, 16, (uint32_t)(w.len - PROTO_HEADER_SIZE));
  free(joined.p);
  joined = copy(w.buf, w.len);
  wr_free(&w);
  return &joined;
none:
  wr_free(&w);
  return NULL;
}

static void send_line(int fd, const uint8_t *frame, size_t n) {
  char *line = malloc(armor_encoded_max(n));
  size_t len = line ? armor_encode(frame, n, line) : 0;
  for (size_t off = 0; off < len;) {
    ssize_t w = write(fd, line + off, len - off);
    if (w <= 0)
      break;
    off += (size_t)w;
  }
  free(line);
}

static void answer(int fd, const uint8_t *req, size_t n) {
  uint32_t id = n >= ID_END ? get_u32(req + PROTO_OFF_ID) : 0;
  const struct frame *a = answer_for(req, n);
  if (!a && n >= 8 && get_u16(req + 6) == OP_CAP_INFOS)
    a = join_cap_infos(req, n);
  if (a && n >= PROTO_HEADER_SIZE + 4 && get_u16(req + 6) == OP_VALIDITY &&
      get_u32(req + PROTO_HEADER_SIZE) < MAX_TASK_ID)
    last_validity[get_u32(req + PROTO_HEADER_SIZE)] = a;
  if (a) {
    struct frame out = copy(a->p, a->n);
    if (out.n >= ID_END)
      proto_put32(out.p + PROTO_OFF_ID, id);
    send_line(fd, out.p, out.n);
    free(out.p);
    return;
  }
  uint16_t op = n >= PROTO_OFF_OPCODE + 2 ? get_u16(req + PROTO_OFF_OPCODE) : 0;
  struct writer w;
  wr_init(&w, MAX_FRAME);
  size_t start = wr_frame_begin(&w, op, id);
  wr_u32(&w, 0);
  char msg[128];
  snprintf(msg, sizeof msg, "replay: the recording has no answer to this request (op 0x%02x, %zu bytes)",
           op, n);
  wr_str(&w, msg);
  wr_frame_end(&w, start, ST_INTERNAL);
  send_line(fd, w.buf, w.len);
  wr_free(&w);
}

static void serve(int fd) {
  for (size_t i = 0; i < npairs; i++)
    pairs[i].used = false;
  memset(last_validity, 0, sizeof last_validity);
  struct armor_rx rx;
  armor_rx_init(&rx, MAX_FRAME);
  uint8_t buf[4096];
  for (;;) {
    struct pollfd p[2] = {{fd, POLLIN, 0}, {0, POLLIN, 0}};
    if (poll(p, 2, -1) < 0 && errno != EINTR)
      break;
    if (p[1].revents)
      exit(0); /* the owner closed our stdin */
    if (!p[0].revents)
      continue;
    ssize_t r = read(fd, buf, sizeof buf);
    if (r <= 0)
      break;
    for (size_t off = 0; off < (size_t)r;) {
      off += armor_rx_feed(&rx, buf + off, (size_t)r - off);
      if (rx.ready)
        answer(fd, rx.frame, rx.frame_len);
    }
  }
  armor_rx_free(&rx);
  close(fd);
}

int main(int argc, char **argv) {
  if (argc < 3 || argc > 4) {
    fprintf(stderr, "usage: replay_serial TRANSCRIPT SOCKET [SECTION]\n");
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  if (load(argv[1], argc > 3 ? argv[3] : NULL) != 0)
    return 2;
  struct sockaddr_un sa;
  memset(&sa, 0, sizeof sa);
  sa.sun_family = AF_UNIX;
  if (strlen(argv[2]) >= sizeof sa.sun_path) {
    fprintf(stderr, "replay_serial: socket path too long\n");
    return 2;
  }
  strcpy(sa.sun_path, argv[2]);
  unlink(argv[2]);
  int ls = socket(AF_UNIX, SOCK_STREAM, 0);
  if (ls < 0 || bind(ls, (struct sockaddr *)&sa, sizeof sa) || listen(ls, 4)) {
    fprintf(stderr, "replay_serial: %s: %s\n", argv[2], strerror(errno));
    return 2;
  }
  printf("replay: listening on %s with %zu recorded answers\n", argv[2], npairs);
  fflush(stdout);
  for (;;) {
    struct pollfd p[2] = {{ls, POLLIN, 0}, {0, POLLIN, 0}};
    if (poll(p, 2, -1) < 0 && errno != EINTR)
      break;
    if (p[1].revents)
      break;
    if (p[0].revents) {
      int fd = accept(ls, NULL, NULL);
      if (fd >= 0)
        serve(fd);
    }
  }
  unlink(argv[2]);
  return 0;
}
