#define _GNU_SOURCE /* cfmakeraw, MSG_NOSIGNAL, accept4-era flags */
#include "cb_transport.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "capbridge.h"
#include "cb_armor.h"

int64_t cb_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Microseconds to keep polling without sleeping before a blocking wait: on a VM an idle vCPU
 * takes hundreds of µs to wake, paid per request in a ping-pong; an answer usually comes sooner. */
#define CB_SPIN_US 200

static int64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Waits for events until the deadline; 1 ready, 0 timed out, -1 error (errno set). */
static int wait_fd(int fd, short events, int64_t deadline)
{
	int64_t spin_until = now_us() + CB_SPIN_US;
	do {
		struct pollfd p = { .fd = fd, .events = events };
		int r = poll(&p, 1, 0);
		if (r > 0) return 1;
		if (r < 0 && errno != EINTR) return -1;
	} while (now_us() < spin_until);
	for (;;) {
		int64_t left = deadline - cb_now_ms();
		if (left <= 0) return 0;
		struct pollfd p = { .fd = fd, .events = events };
		int r = poll(&p, 1, left > 60000 ? 60000 : (int)left);
		if (r > 0) return 1;
		if (r < 0 && errno != EINTR) return -1;
	}
}

/* A failed connect in one sentence that says what to do; for a Unix socket path
 * (unix != 0) the usual causes are told apart. */
static int connect_failed(struct cb_err *e, const char *what, int err, int unix)
{
	struct stat st;
	if (unix && err == EACCES && stat(what, &st) == 0)
		return cb_fail(e, CB_E_UNREACHABLE,
		               "permission denied on the socket %s: it belongs to user id %u "
		               "and you are %u; run Capscope as that user or start a target of your own",
		               what, (unsigned)st.st_uid, (unsigned)geteuid());
	if (unix && err == EACCES)
		return cb_fail(e, CB_E_UNREACHABLE,
		               "permission denied on a folder above %s: run Capscope as a user "
		               "who may enter it",
		               what);
	if (unix && err == ECONNREFUSED)
		return cb_fail(e, CB_E_UNREACHABLE,
		               "nothing listens on %s (a socket left by a target that stopped): "
		               "start the target again",
		               what);
	return cb_fail(e, CB_E_UNREACHABLE, "cannot connect to %s: %s", what, strerror(err));
}

static int connect_with_deadline(int fd, const struct sockaddr *sa, socklen_t len, int64_t deadline,
                                 const char *what, int unix, struct cb_err *e)
{
	if (connect(fd, sa, len) == 0) return 0;
	if (errno != EINPROGRESS && errno != EAGAIN && errno != EINTR) return connect_failed(e, what, errno, unix);
	int w = wait_fd(fd, POLLOUT, deadline);
	if (w == 0) return cb_fail(e, CB_E_TIMEOUT, "connecting to %s timed out", what);
	if (w < 0) return connect_failed(e, what, errno, unix);
	int err = 0;
	socklen_t el = sizeof err;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el) < 0) err = errno;
	if (err) return connect_failed(e, what, err, unix);
	return 0;
}

static int open_unix(struct cb_transport *t, const char *path, int64_t deadline, struct cb_err *e)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	if (strlen(path) >= sizeof sa.sun_path)
		return cb_fail(e, CB_E_UNREACHABLE, "socket path too long (max %zu bytes): %s", sizeof sa.sun_path - 1,
		               path);
	strcpy(sa.sun_path, path);
	struct stat st; /* follows symbolic links: one to a socket is fine */
	if (stat(path, &st) != 0 && errno == ENOENT)
		return cb_fail(e, CB_E_UNREACHABLE,
		               "no socket at %s: start the target there (it prints its "
		               "address once it listens) or check the path",
		               path);
	if (stat(path, &st) == 0 && !S_ISSOCK(st.st_mode))
		return cb_fail(e, CB_E_UNREACHABLE,
		               "%s is a %s, not a socket: check the path (the target prints "
		               "its address once it listens)",
		               path,
		               S_ISDIR(st.st_mode)   ? "directory"
		               : S_ISREG(st.st_mode) ? "regular file"
		                                     : "file");
	t->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (t->fd < 0) return cb_fail(e, CB_E_INTERNAL, "socket: %s", strerror(errno));
	t->is_socket = 1;
	return connect_with_deadline(t->fd, (struct sockaddr *)&sa, sizeof sa, deadline, path, 1, e);
}

static int open_tcp(struct cb_transport *t, const char *hostport, int64_t deadline, struct cb_err *e)
{
	char host[256];
	const char *colon = strrchr(hostport, ':');
	if (!colon || colon == hostport || !colon[1])
		return cb_fail(e, CB_E_UNREACHABLE, "bad tcp address '%s' (use tcp:HOST:PORT)", hostport);
	size_t hl = (size_t)(colon - hostport);
	if (hostport[0] == '[' && hl >= 2 && hostport[hl - 1] == ']') { /* tcp:[::1]:PORT */
		hostport++;
		hl -= 2;
	}
	if (hl >= sizeof host) return cb_fail(e, CB_E_UNREACHABLE, "host name too long in '%s'", hostport);
	memcpy(host, hostport, hl);
	host[hl] = '\0';

	struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM }, *res = NULL;
	int g = getaddrinfo(host, colon + 1, &hints, &res);
	if (g != 0) return cb_fail(e, CB_E_UNREACHABLE, "cannot resolve %s: %s", hostport, gai_strerror(g));
	int rc = cb_fail(e, CB_E_UNREACHABLE, "no address for %s", hostport);
	for (struct addrinfo *a = res; a; a = a->ai_next) {
		t->fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
		if (t->fd < 0) continue;
		rc = connect_with_deadline(t->fd, a->ai_addr, a->ai_addrlen, deadline, hostport, 0, e);
		if (rc == 0) break;
		close(t->fd);
		t->fd = -1;
		if (rc == CB_E_TIMEOUT) break;
	}
	freeaddrinfo(res);
	if (rc == 0) {
		int one = 1; /* small request/response frames: do not wait for Nagle */
		setsockopt(t->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
		t->is_socket = 1;
	}
	return rc;
}

static int open_serial(struct cb_transport *t, const char *path, int64_t deadline, struct cb_err *e)
{
	struct stat st;
	if (stat(path, &st) < 0) return cb_fail(e, CB_E_UNREACHABLE, "serial line %s: %s", path, strerror(errno));
	if (S_ISSOCK(st.st_mode)) /* QEMU -serial unix:PATH,server */
		return open_unix(t, path, deadline, e);
	if (!S_ISCHR(st.st_mode))
		return cb_fail(e, CB_E_UNREACHABLE, "serial line %s is neither a tty/pty nor a socket", path);
	t->fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (t->fd < 0) return cb_fail(e, CB_E_UNREACHABLE, "serial line %s: %s", path, strerror(errno));
	if (isatty(t->fd)) { /* binary frames: no line discipline, no echo, no CR/LF mangling */
		struct termios tio;
		if (tcgetattr(t->fd, &tio) == 0) {
			cfmakeraw(&tio);
			tcsetattr(t->fd, TCSANOW, &tio);
		}
	}
	return 0;
}

int cb_transport_open(struct cb_transport *t, const char *uri, int64_t deadline, struct cb_err *e)
{
	int rc;
	t->fd = -1;
	t->is_socket = 0;
	t->armor = NULL;
	t->ahead_off = t->ahead_len = 0;
	if (!uri) return cb_fail(e, CB_E_INTERNAL, "no target address");
	if (strncmp(uri, "unix:", 5) == 0) {
		t->kind = CB_T_UNIX;
		rc = open_unix(t, uri + 5, deadline, e);
	} else if (strncmp(uri, "tcp:", 4) == 0) {
		t->kind = CB_T_TCP;
		rc = open_tcp(t, uri + 4, deadline, e);
	} else if (strncmp(uri, "serial:", 7) == 0) {
		t->kind = CB_T_SERIAL;
		rc = open_serial(t, uri + 7, deadline, e);
	} else {
		return cb_fail(e, CB_E_UNREACHABLE,
		               "unknown target address '%.200s' (use unix:PATH, tcp:HOST:PORT "
		               "or serial:PATH)",
		               uri);
	}
	if (rc < 0) cb_transport_close(t);
	return rc;
}

int cb_transport_write(struct cb_transport *t, const uint8_t *buf, size_t n, int64_t deadline, struct cb_err *e)
{
	size_t done = 0;
	while (done < n) {
		ssize_t w =
		    t->is_socket ? send(t->fd, buf + done, n - done, MSG_NOSIGNAL) : write(t->fd, buf + done, n - done);
		if (w > 0) {
			done += (size_t)w;
			continue;
		}
		if (w < 0 && errno == EINTR) continue;
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			int r = wait_fd(t->fd, POLLOUT, deadline);
			if (r == 0) return cb_fail(e, CB_E_TIMEOUT, "target did not take the request in time");
			if (r < 0) return cb_fail(e, CB_E_UNREACHABLE, "write: %s", strerror(errno));
			continue;
		}
		return cb_fail(e, CB_E_UNREACHABLE, "connection to the target broke: %s",
		               w < 0 ? strerror(errno) : "write returned 0");
	}
	return 0;
}

/* One read(2) into dst (at most cap bytes), waiting for the descriptor as needed: bytes read, or
 * a negative error with `done` bytes of the caller's n already in hand (for the message). */
static ssize_t read_some(struct cb_transport *t, uint8_t *dst, size_t cap, size_t done, size_t n, int64_t deadline,
                         struct cb_err *e)
{
	for (;;) {
		ssize_t r = read(t->fd, dst, cap);
		if (r > 0) return r;
		if (r == 0)
			return cb_fail(e, CB_E_UNREACHABLE, "target closed the connection%s",
			               done ? " in the middle of a frame" : "");
		if (errno == EINTR) continue;
		if (errno == EAGAIN || errno == EWOULDBLOCK) {
			int w = wait_fd(t->fd, POLLIN, deadline);
			if (w == 0)
				return cb_fail(e, CB_E_TIMEOUT, "no answer from the target in time (%zu of %zu bytes)", done, n);
			if (w < 0) return cb_fail(e, CB_E_UNREACHABLE, "read: %s", strerror(errno));
			continue;
		}
		if (errno == ECONNRESET && !done) /* protocol.md §2: how BUSY looks to a client that wrote first */
			return cb_fail(e, CB_E_UNREACHABLE,
			               "the target reset the connection before answering: it may be "
			               "busy (all its connections in use); try again shortly");
		return cb_fail(e, CB_E_UNREACHABLE, "connection to the target broke: %s", strerror(errno));
	}
}

int cb_transport_read(struct cb_transport *t, uint8_t *buf, size_t n, int64_t deadline, struct cb_err *e)
{
	size_t done = 0;
	while (done < n) {
		if (t->ahead_off < t->ahead_len) {
			size_t k = t->ahead_len - t->ahead_off;
			if (k > n - done) k = n - done;
			memcpy(buf + done, t->ahead + t->ahead_off, k);
			t->ahead_off += k;
			done += k;
			continue;
		}
		if (n - done >= CB_READ_AHEAD) { /* a long payload: no detour through the buffer */
			ssize_t r = read_some(t, buf + done, n - done, done, n, deadline, e);
			if (r < 0) return (int)r;
			done += (size_t)r;
			continue;
		}
		ssize_t r = read_some(t, t->ahead, CB_READ_AHEAD, done, n, deadline, e);
		if (r < 0) return (int)r;
		t->ahead_off = 0;
		t->ahead_len = (size_t)r;
	}
	return 0;
}

void cb_transport_close(struct cb_transport *t)
{
	cb_armor_release(t);
	if (t->fd >= 0) close(t->fd);
	t->fd = -1;
	t->ahead_off = t->ahead_len = 0;
}
