/* The armored framing of serial lines, on top of cb_transport (see cb_armor.h). */
#include "cb_armor.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "agent/armor.h" /* the one codec both ends use */
#include "capbridge.h"
#include "protocol/header.h"

/* Decoder state per transport: the frame being handed out, bytes read but not yet decoded. */
struct cb_armor_state {
	struct armor_rx rx;
	size_t frame_off; /* bytes of rx.frame already handed out */
	int have_frame;
	uint8_t raw[4096];
	size_t raw_off, raw_len;
};

static struct cb_armor_state *state_of(struct cb_transport *t, struct cb_err *e)
{
	if (!t->armor) {
		struct cb_armor_state *s = calloc(1, sizeof *s);
		if (!s) {
			cb_fail(e, CB_E_INTERNAL, "out of memory");
			return NULL;
		}
		armor_rx_init(&s->rx, PROTO_HEADER_SIZE + CB_MAX_RESPONSE);
		t->armor = s;
	}
	return t->armor;
}

void cb_armor_release(struct cb_transport *t)
{
	struct cb_armor_state *s = t->armor;
	if (!s) return;
	armor_rx_free(&s->rx);
	free(s);
	t->armor = NULL;
}

/*
 * A kernel console takes input into a small buffer (Fiasco's holds 255 bytes) that the agent
 * empties when it gets to run; a long line written at once overruns it and loses bytes. So a
 * line goes out in pieces of at most CB_SERIAL_CHUNK bytes, CB_SERIAL_GAP_US apart (requests of
 * a walk fit in one piece and pay nothing). CAPSCOPE_SERIAL_CHUNK and CAPSCOPE_SERIAL_GAP_US
 * override them; a chunk of 0 writes whole lines.
 */
#define CB_SERIAL_CHUNK  128
#define CB_SERIAL_GAP_US 2000

static long env_or(const char *name, long dflt, long max)
{
	const char *v = getenv(name);
	if (!v || !*v) return dflt;
	char *end;
	long n = strtol(v, &end, 10);
	return *end || n < 0 || n > max ? dflt : n;
}

static int send_paced(struct cb_transport *t, const char *line, size_t n, int64_t deadline, struct cb_err *e)
{
	size_t chunk = (size_t)env_or("CAPSCOPE_SERIAL_CHUNK", CB_SERIAL_CHUNK, 1 << 20);
	long gap_us = env_or("CAPSCOPE_SERIAL_GAP_US", CB_SERIAL_GAP_US, 1000000);
	if (chunk == 0) chunk = n;
	for (size_t off = 0; off < n; off += chunk) {
		if (off) {
			if (cb_now_ms() + gap_us / 1000 >= deadline)
				return cb_fail(e, CB_E_TIMEOUT, "target did not take the request in time");
			struct timespec ts = { .tv_sec = gap_us / 1000000, .tv_nsec = gap_us % 1000000 * 1000 };
			while (nanosleep(&ts, &ts) < 0 && errno == EINTR) {
			}
		}
		size_t len = n - off < chunk ? n - off : chunk;
		int rc = cb_transport_write(t, (const uint8_t *)line + off, len, deadline, e);
		if (rc < 0) return rc;
	}
	return 0;
}

static int send_armored(struct cb_transport *t, const uint8_t *frame, size_t len, int64_t deadline,
                        struct cb_err *e)
{
	char *line = malloc(armor_encoded_max(len));
	size_t n = line ? armor_encode(frame, len, line) : 0;
	if (!n) {
		free(line);
		return cb_fail(e, CB_E_INTERNAL, "out of memory");
	}
	int rc = send_paced(t, line, n, deadline, e);
	free(line);
	return rc;
}

/* The lines of several frames in one paced stream: the console gets them as fast as it takes one
 * long line (CB_SERIAL_CHUNK bytes per CB_SERIAL_GAP_US), and the agent answers them in order. */
static int send_batch_armored(struct cb_transport *t, const uint8_t *const *frames, const size_t *lens, size_t n,
                              size_t *wire, int64_t deadline, struct cb_err *e)
{
	size_t max = 0;
	for (size_t i = 0; i < n; i++) max += armor_encoded_max(lens[i]);
	char *lines = malloc(max ? max : 1);
	if (!lines) return cb_fail(e, CB_E_INTERNAL, "out of memory");
	size_t off = 0;
	for (size_t i = 0; i < n; i++) {
		wire[i] = armor_encode(frames[i], lens[i], lines + off);
		if (!wire[i]) {
			free(lines);
			return cb_fail(e, CB_E_INTERNAL, "out of memory");
		}
		off += wire[i];
	}
	int rc = send_paced(t, lines, off, deadline, e);
	free(lines);
	return rc;
}

/* Reads whatever the line has (at least one byte) into s->raw. */
static int fill(struct cb_transport *t, struct cb_armor_state *s, int64_t deadline, struct cb_err *e)
{
	for (;;) {
		ssize_t r = read(t->fd, s->raw, sizeof s->raw);
		if (r > 0) {
			s->raw_off = 0;
			s->raw_len = (size_t)r;
			return 0;
		}
		if (r == 0) return cb_fail(e, CB_E_UNREACHABLE, "serial line closed");
		if (errno == EINTR) continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			return cb_fail(e, CB_E_UNREACHABLE, "serial line broke: %s", strerror(errno));
		int64_t left = deadline - cb_now_ms();
		if (left <= 0)
			return cb_fail(e, CB_E_TIMEOUT, "no whole frame from the target in time (%lu dropped as noise)",
			               s->rx.dropped);
		struct pollfd p = { .fd = t->fd, .events = POLLIN };
		if (poll(&p, 1, left > 60000 ? 60000 : (int)left) < 0 && errno != EINTR)
			return cb_fail(e, CB_E_UNREACHABLE, "poll: %s", strerror(errno));
	}
}

/* Hands out decoded frame bytes; frames come whole, noise between them is skipped. */
static int recv_armored(struct cb_transport *t, uint8_t *dst, size_t len, int64_t deadline, struct cb_err *e)
{
	struct cb_armor_state *s = state_of(t, e);
	if (!s) return CB_E_INTERNAL;
	size_t done = 0;
	while (done < len) {
		if (s->have_frame && s->frame_off < s->rx.frame_len) {
			size_t n = s->rx.frame_len - s->frame_off;
			if (n > len - done) n = len - done;
			memcpy(dst + done, s->rx.frame + s->frame_off, n);
			s->frame_off += n;
			done += n;
			continue;
		}
		s->have_frame = 0;
		while (s->raw_off < s->raw_len && !s->have_frame) {
			s->raw_off += armor_rx_feed(&s->rx, s->raw + s->raw_off, s->raw_len - s->raw_off);
			if (s->rx.ready) {
				s->have_frame = 1;
				s->frame_off = 0;
			}
		}
		if (!s->have_frame) {
			int rc = fill(t, s, deadline, e);
			if (rc < 0) return rc;
		}
	}
	return 0;
}

const struct cb_framing cb_framing_armored = {
	.name = "armored",
	.send_frame = send_armored,
	.send_batch = send_batch_armored,
	.recv = recv_armored,
};
