#include "cb_framing.h"

#include <stdlib.h>
#include <string.h>

#include "capbridge.h"

/* Frames back to back in one buffer, written at once: the agent sees them as one pipelined burst. */
static int send_batch_raw(struct cb_transport *t, const uint8_t *const *frames, const size_t *lens, size_t n,
                          size_t *wire, int64_t deadline, struct cb_err *e)
{
	size_t total = 0;
	for (size_t i = 0; i < n; i++) total += lens[i];
	uint8_t *buf = malloc(total ? total : 1);
	if (!buf) return cb_fail(e, CB_E_INTERNAL, "out of memory");
	size_t off = 0;
	for (size_t i = 0; i < n; i++) {
		memcpy(buf + off, frames[i], lens[i]);
		off += lens[i];
		wire[i] = lens[i];
	}
	int rc = cb_transport_write(t, buf, total, deadline, e);
	free(buf);
	return rc;
}

const struct cb_framing cb_framing_raw = {
	.name = "raw",
	.send_frame = cb_transport_write,
	.send_batch = send_batch_raw,
	.recv = cb_transport_read,
};
