#include "cb_framing.h"

const struct cb_framing cb_framing_raw = {
	.name = "raw",
	.send_frame = cb_transport_write,
	.recv = cb_transport_read,
};
