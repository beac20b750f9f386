/*
 * Pipelined requests (docs/protocol.md §1 "Ordering and pipelining"): the requests a caller
 * announces are written ahead, several frames in one write, and the calls that follow take their
 * answers instead of asking again. A walk then costs one round trip instead of one per request,
 * so it pays the target's (and a loaded machine's scheduler's) wake-up latency once.
 *
 * The queue holds small fixed-size requests only (GENERATION of one task, VALIDITY, CAP_INFOS,
 * THREADS, CAP_MAP: at most 28 bytes each). Requests are sent in order, as many as fit in the
 * window: the wire bytes of requests sent and not yet answered. On a socket the window is large
 * (the agent reads 16 requests ahead and the rest waits in the socket buffer); on a serial line
 * it is small, so a kernel console whose input buffer holds a few hundred bytes is never sent
 * more than it can keep while the agent is busy answering.
 */
#ifndef CB_PIPELINE_H
#define CB_PIPELINE_H

#include <stddef.h>
#include <stdint.h>

#include "cb_framing.h"

#define CB_PIPELINE_MAX  1024 /* announced requests at once: 170 walks of 6 requests */
#define CB_PENDING_FRAME 28   /* header + the largest announced payload (task, first, last) */
#define CB_SOCKET_WINDOW (64u * 1024)
#define CB_SERIAL_WINDOW 512u /* one walk's 6 armored requests (~300 bytes), not two */

struct cb_pending {
	uint32_t id;
	uint16_t opcode;
	uint8_t len; /* frame bytes (header + payload) */
	uint8_t sent;
	uint32_t wire; /* bytes it took on the wire, once sent */
	uint8_t frame[CB_PENDING_FRAME];
};

/* Counters a test or benchmark reads through cb_stats (capbridge.h CB_STAT_*). */
enum { CB_STAT_WRITES, CB_STAT_FRAMES, CB_STAT_ANSWERS, CB_STAT_DISCARDED, CB_STAT_COUNT };

struct cb_pipeline {
	struct cb_pending q[CB_PIPELINE_MAX];
	int head, tail; /* q[head..tail) announced, answers not yet taken */
	size_t window, outstanding;
	int64_t stats[CB_STAT_COUNT];
};

/* Empties the queue (the connection was (re)opened or dropped); counters stay. */
void cb_pipeline_reset(struct cb_pipeline *p, size_t window);
int cb_pipeline_empty(const struct cb_pipeline *p);
int cb_pipeline_room(const struct cb_pipeline *p);
/* Appends a request frame (len <= CB_PENDING_FRAME); the caller checked the room. */
void cb_pipeline_add(struct cb_pipeline *p, const uint8_t *frame, size_t len, uint32_t id, uint16_t opcode);
/* Index of the first queued request with this opcode and payload, or -1. */
int cb_pipeline_find(const struct cb_pipeline *p, uint16_t opcode, const uint8_t *payload, size_t len);
/* Sends, in one write, the unsent requests that fit in the window (at least up to index `upto`,
 * -1 for none required). */
int cb_pipeline_send(struct cb_pipeline *p, struct cb_transport *t, const struct cb_framing *f, int upto,
                     int64_t deadline, struct cb_err *e);
/* The queue's first request has been answered: forget it. */
void cb_pipeline_pop(struct cb_pipeline *p);
/* Counts one write of n frames outside the queue (a plain request). */
void cb_pipeline_count_write(struct cb_pipeline *p, int frames);

#endif
