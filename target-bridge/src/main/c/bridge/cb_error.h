/* Error state: a code, the agent's status/detail when it sent an error frame, a message. */
#ifndef CB_ERROR_H
#define CB_ERROR_H

#include <stdint.h>

#define CB_MSG_MAX 512

struct cb_err {
	int code;
	int wire_status;
	int wire_detail;
	char msg[CB_MSG_MAX];
};

/* Sets code and message (printf style); returns code so callers can `return cb_fail(...)`. */
int cb_fail(struct cb_err *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void cb_err_clear(struct cb_err *e);

#endif
