/*
 * Byte transports to an agent: unix:PATH, tcp:HOST:PORT, serial:PATH (a tty/pty, or a Unix
 * socket such as QEMU's `-serial unix:PATH,server`). Descriptors are non-blocking; every read
 * and write waits with poll() against an absolute deadline, so no call can hang.
 */
#ifndef CB_TRANSPORT_H
#define CB_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

#include "cb_error.h"

enum cb_transport_kind { CB_T_UNIX, CB_T_TCP, CB_T_SERIAL };

/* Bytes cb_transport_read takes from the descriptor beyond what it was asked for: the answers of
 * a pipelined walk arrive back to back, and one read then carries several small ones. */
#define CB_READ_AHEAD 8192

struct cb_transport {
	int fd;
	int is_socket; /* send(MSG_NOSIGNAL) instead of write(): a dead peer must not raise SIGPIPE */
	enum cb_transport_kind kind;
	void *armor;                 /* serial: armored-line decoder state (cb_armor.c) */
	size_t ahead_off, ahead_len; /* ahead[ahead_off..ahead_len) read, not yet taken */
	uint8_t ahead[CB_READ_AHEAD];
};

/* Monotonic milliseconds, for deadlines. */
int64_t cb_now_ms(void);

int cb_transport_open(struct cb_transport *t, const char *uri, int64_t deadline, struct cb_err *e);
int cb_transport_write(struct cb_transport *t, const uint8_t *buf, size_t n, int64_t deadline, struct cb_err *e);
/* Reads exactly n bytes or fails: CB_E_UNREACHABLE on EOF/error, CB_E_TIMEOUT past the deadline.
 * A short read asks the descriptor for up to CB_READ_AHEAD bytes and keeps the rest for the next
 * call; a long one goes straight into buf. */
int cb_transport_read(struct cb_transport *t, uint8_t *buf, size_t n, int64_t deadline, struct cb_err *e);
void cb_transport_close(struct cb_transport *t);

#endif
