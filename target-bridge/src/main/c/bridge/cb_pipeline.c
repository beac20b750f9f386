/* The queue of pipelined requests (see cb_pipeline.h). */
#include "cb_pipeline.h"

#include <string.h>

#include "capbridge.h"
#include "cb_proto.h"

void cb_pipeline_reset(struct cb_pipeline *p, size_t window)
{
	p->head = p->tail = 0;
	p->outstanding = 0;
	p->window = window;
}

int cb_pipeline_empty(const struct cb_pipeline *p)
{
	return p->head == p->tail;
}

int cb_pipeline_room(const struct cb_pipeline *p)
{
	return CB_PIPELINE_MAX - (p->tail - p->head);
}

void cb_pipeline_add(struct cb_pipeline *p, const uint8_t *frame, size_t len, uint32_t id, uint16_t opcode)
{
	if (p->tail == CB_PIPELINE_MAX) { /* room is there, at the front: move the queue down */
		memmove(p->q, p->q + p->head, (size_t)(p->tail - p->head) * sizeof p->q[0]);
		p->tail -= p->head;
		p->head = 0;
	}
	struct cb_pending *q = &p->q[p->tail++];
	q->id = id;
	q->opcode = opcode;
	q->len = (uint8_t)len;
	q->sent = 0;
	q->wire = 0;
	memcpy(q->frame, frame, len);
}

int cb_pipeline_find(const struct cb_pipeline *p, uint16_t opcode, const uint8_t *payload, size_t len)
{
	for (int i = p->head; i < p->tail; i++) {
		const struct cb_pending *q = &p->q[i];
		if (q->opcode == opcode && q->len == CB_HEADER_SIZE + len
		    && memcmp(q->frame + CB_HEADER_SIZE, payload, len) == 0)
			return i;
	}
	return -1;
}

int cb_pipeline_send(struct cb_pipeline *p, struct cb_transport *t, const struct cb_framing *f, int upto,
                     int64_t deadline, struct cb_err *e)
{
	const uint8_t *frames[CB_PIPELINE_MAX];
	size_t lens[CB_PIPELINE_MAX], wire[CB_PIPELINE_MAX];
	size_t n = 0, budget = p->outstanding;
	int first = p->head;
	while (first < p->tail && p->q[first].sent) first++;
	for (int i = first; i < p->tail; i++) {
		/* an armored line is about 2x the frame; the exact size is known once encoded */
		size_t guess = t->kind == CB_T_SERIAL ? 2u * p->q[i].len + 20 : p->q[i].len;
		if (i > upto && budget + guess > p->window && (n > 0 || p->outstanding > 0)) break;
		frames[n] = p->q[i].frame;
		lens[n] = p->q[i].len;
		budget += guess;
		n++;
	}
	if (n == 0) return 0;
	int rc = f->send_batch(t, frames, lens, n, wire, deadline, e);
	if (rc < 0) return rc;
	for (size_t k = 0; k < n; k++) {
		p->q[first + (int)k].sent = 1;
		p->q[first + (int)k].wire = (uint32_t)wire[k];
		p->outstanding += wire[k];
	}
	p->stats[CB_STAT_WRITES]++;
	p->stats[CB_STAT_FRAMES] += (int64_t)n;
	return 0;
}

void cb_pipeline_pop(struct cb_pipeline *p)
{
	struct cb_pending *q = &p->q[p->head++];
	if (q->sent) p->outstanding -= q->wire;
	if (p->head == p->tail) p->head = p->tail = 0;
}

void cb_pipeline_count_write(struct cb_pipeline *p, int frames)
{
	p->stats[CB_STAT_WRITES]++;
	p->stats[CB_STAT_FRAMES] += frames;
}
