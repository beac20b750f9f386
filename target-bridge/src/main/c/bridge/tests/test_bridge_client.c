/*
 * The client against a scripted fake agent on a Unix socket: silence, garbage, a peer that
 * dies mid-frame, mismatched answers, oversized lengths, refusals. Each must fail with the
 * right code within the timeout, and a refusal must leave the connection usable.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "../capbridge.h"
#include "protocol/header.h"
#include "../cb_transport.h"
#include "check.h"
#include "payload.h"

enum behaviour {
	SILENT,
	GARBAGE,
	HELLO_THEN_DIE_MID_FRAME,
	WRONG_ID,
	HUGE_LENGTH,
	HELLO_THEN_REFUSE,
	HELLO_THEN_LEASE
};

struct agent {
	int listen_fd;
	enum behaviour b;
	pthread_t thread;
	char path[108];
};

static int read_exact(int fd, uint8_t *buf, size_t n)
{
	size_t done = 0;
	while (done < n) {
		ssize_t r = read(fd, buf + done, n - done);
		if (r <= 0) return -1;
		done += (size_t)r;
	}
	return 0;
}

/* Reads one request; returns its request id and opcode. */
static int read_request(int fd, uint32_t *id, uint16_t *op)
{
	uint8_t hdr[PROTO_HEADER_SIZE], body[256];
	struct proto_header h;
	if (read_exact(fd, hdr, sizeof hdr) < 0) return -1;
	proto_header_decode(hdr, &h);
	*op = h.opcode;
	*id = h.id;
	return h.payload_len <= sizeof body ? read_exact(fd, body, h.payload_len) : -1;
}

static void send_frame(int fd, uint16_t op, uint32_t id, uint16_t status, const struct payload *p, size_t cut)
{
	struct payload f;
	payload_init(&f);
	uint8_t hdr[PROTO_HEADER_SIZE];
	proto_header_put(hdr, op, id, status, (uint32_t)p->w.len);
	cb_wr_bytes(&f.w, hdr, sizeof hdr);
	cb_wr_bytes(&f.w, p->buf, p->w.len);
	size_t n = cut ? cut : f.w.len;
	if (write(fd, f.buf, n) < 0) perror("fake agent write");
}

static void hello_payload(struct payload *p)
{
	payload_init(p);
	cb_wr_u16(&p->w, 1);
	cb_wr_u16(&p->w, 4296);
	cb_wr_u32(&p->w, 0);
	cb_wr_u32(&p->w, 1 << 20);
	cb_wr_u32(&p->w, 65536);
	cb_wr_u16(&p->w, 16);
	cb_wr_u16(&p->w, 1);
	put_cstr(p, "fake");
	put_cstr(p, "genode-foc-19");
	put_cstr(p, "fake agent");
}

static void *agent_main(void *arg)
{
	struct agent *a = arg;
	int fd = accept(a->listen_fd, NULL, NULL);
	uint32_t id;
	uint16_t op;
	struct payload p;
	if (fd < 0) return NULL;
	if (read_request(fd, &id, &op) < 0) goto out;
	switch (a->b) {
	case SILENT: { /* hold the connection until the client gives up */
		uint8_t b;
		while (read(fd, &b, 1) > 0) {
		}
		break;
	}
	case GARBAGE:
		if (write(fd, "HTTP/1.1 400 Bad Request\r\n\r\n", 28) < 0) perror("write");
		break;
	case WRONG_ID:
		hello_payload(&p);
		send_frame(fd, op, id + 1, 0, &p, 0);
		break;
	case HUGE_LENGTH: {
		uint8_t hdr[PROTO_HEADER_SIZE];
		proto_header_put(hdr, op, id, ST_OK, 0xFFFFFFF0u);
		if (write(fd, hdr, sizeof hdr) < 0) perror("write");
		break;
	}
	case HELLO_THEN_DIE_MID_FRAME:
		hello_payload(&p);
		send_frame(fd, op, id, 0, &p, 0);
		if (read_request(fd, &id, &op) < 0) break;
		payload_init(&p);
		for (int i = 0; i < 100; i++) cb_wr_u8(&p.w, 0);
		send_frame(fd, op, id, 0, &p, 30); /* header + 10 of 100 payload bytes, then gone */
		break;
	case HELLO_THEN_REFUSE:
		hello_payload(&p);
		send_frame(fd, op, id, 0, &p, 0);
		if (read_request(fd, &id, &op) < 0) break;
		payload_init(&p);
		cb_wr_u32(&p.w, 0);
		put_cstr(&p, "refused: read-only target");
		send_frame(fd, op, id, ST_REFUSED, &p, 0);
		if (read_request(fd, &id, &op) < 0) break; /* then a GENERATION that works */
		payload_init(&p);
		cb_wr_u16(&p.w, 1);
		cb_wr_u32(&p.w, 3);
		cb_wr_u64(&p.w, 99);
		send_frame(fd, op, id, 0, &p, 0);
		break;
	case HELLO_THEN_LEASE: { /* the lease's three refusals, then a grant, a release, a bad release */
		static const uint16_t refusals[] = { ST_LEASE_HELD, ST_GENERATION_MOVED, ST_NO_LEASE };
		hello_payload(&p);
		send_frame(fd, op, id, 0, &p, 0);
		for (int i = 0; i < 3; i++) {
			if (read_request(fd, &id, &op) < 0) goto out;
			payload_init(&p);
			cb_wr_u32(&p.w, 0);
			put_cstr(&p, "lease says no");
			send_frame(fd, op, id, refusals[i], &p, 0);
		}
		if (read_request(fd, &id, &op) < 0) break;
		payload_init(&p);
		cb_wr_u64(&p.w, 42);
		send_frame(fd, op, id, 0, &p, 0);
		if (read_request(fd, &id, &op) < 0) break;
		payload_init(&p);
		send_frame(fd, op, id, 0, &p, 0);
		if (read_request(fd, &id, &op) < 0) break;
		cb_wr_u8(&p.w, 1); /* a release answer must be empty */
		send_frame(fd, op, id, 0, &p, 0);
		break;
	}
	}
out:
	close(fd);
	return NULL;
}

static void start_agent(struct agent *a, enum behaviour b)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	static int n;
	a->b = b;
	snprintf(a->path, sizeof a->path, "/tmp/cb-test-%d-%d.sock", (int)getpid(), n++);
	unlink(a->path);
	strcpy(sa.sun_path, a->path);
	a->listen_fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (bind(a->listen_fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(a->listen_fd, 1) < 0) {
		perror("fake agent");
		exit(2);
	}
	pthread_create(&a->thread, NULL, agent_main, a);
}

static void stop_agent(struct agent *a)
{
	pthread_join(a->thread, NULL);
	close(a->listen_fd);
	unlink(a->path);
}

static int connect_to(cb_conn *c, struct agent *a, int timeout_ms)
{
	char uri[128];
	snprintf(uri, sizeof uri, "unix:%s", a->path);
	return cb_connect(c, uri, timeout_ms);
}

static void test_fault(enum behaviour b, int expected)
{
	struct agent a;
	cb_conn *c = cb_new();
	start_agent(&a, b);
	int64_t t0 = cb_now_ms();
	CHECK_EQ(connect_to(c, &a, 300), expected);
	CHECK(cb_now_ms() - t0 < 2000);
	CHECK_EQ(cb_error_code(c), expected);
	uint8_t msg[600];
	int n = cb_error_message(c, msg, sizeof msg);
	CHECK(n > 0);
	cb_free(c); /* closes the socket, which also releases a SILENT agent */
	stop_agent(&a);
}

static void test_dies_mid_frame(void)
{
	struct agent a;
	int64_t meta[CB_META_FIELDS];
	uint8_t bitmap[CB_BITMAP_BYTES];
	cb_conn *c = cb_new();
	start_agent(&a, HELLO_THEN_DIE_MID_FRAME);
	CHECK_EQ(connect_to(c, &a, 1000), 0);
	CHECK_EQ(cb_validity(c, 3, 0, 4296, bitmap, sizeof bitmap, meta), CB_E_UNREACHABLE);
	CHECK_EQ(cb_validity(c, 3, 0, 4296, bitmap, sizeof bitmap, meta), CB_E_UNREACHABLE); /* stays closed */
	cb_free(c);
	stop_agent(&a);
}

static void test_refusal_keeps_connection(void)
{
	struct agent a;
	int64_t meta[CB_META_FIELDS] = { 0 };
	cb_conn *c = cb_new();
	start_agent(&a, HELLO_THEN_REFUSE);
	CHECK_EQ(connect_to(c, &a, 1000), 0);
	CHECK_EQ(cb_unmap(c, 3, 0x200, 0, 0, meta), CB_E_REFUSED);
	CHECK_EQ(cb_wire_status(c), ST_REFUSED);
	CHECK_EQ(cb_generation(c, 3, meta), 0);
	CHECK_EQ(meta[0], 99);
	cb_free(c);
	stop_agent(&a);
}

static void test_lease_statuses(void)
{
	struct agent a;
	int64_t meta[CB_META_FIELDS] = { 0 };
	cb_conn *c = cb_new();
	start_agent(&a, HELLO_THEN_LEASE);
	CHECK_EQ(connect_to(c, &a, 1000), 0);
	CHECK_EQ(cb_lease_acquire(c, 3, 7, 0, meta), CB_E_LEASE_HELD);
	CHECK_EQ(cb_wire_status(c), ST_LEASE_HELD);
	CHECK_EQ(cb_lease_acquire(c, 3, 7, 0, meta), CB_E_GENERATION_MOVED);
	CHECK_EQ(cb_close_session(c, 3, 0x300, meta), CB_E_REFUSED); /* NO_LEASE */
	CHECK_EQ(cb_wire_status(c), ST_NO_LEASE);
	CHECK_EQ(cb_lease_acquire(c, 3, 42, 0, meta), 0); /* the connection stayed usable */
	CHECK_EQ(meta[0], 42);
	CHECK_EQ(cb_lease_release(c), 0);
	CHECK_EQ(cb_lease_release(c), CB_E_PROTOCOL);
	CHECK_EQ(cb_lease_acquire(c, 3, 42, -1, meta), CB_E_INTERNAL);
	cb_free(c);
	stop_agent(&a);
}

static void test_bad_addresses(void)
{
	cb_conn *c = cb_new();
	CHECK_EQ(cb_connect(c, "unix:/nonexistent/capsim.sock", 200), CB_E_UNREACHABLE);
	CHECK_EQ(cb_connect(c, "carrier-pigeon:x", 200), CB_E_UNREACHABLE);
	CHECK_EQ(cb_connect(c, "tcp:nohostport", 200), CB_E_UNREACHABLE);
	CHECK_EQ(cb_connect(c, "serial:/nonexistent/ttyS9", 200), CB_E_UNREACHABLE);
	CHECK_EQ(cb_connect(c, "tcp:127.0.0.1:1", 500), CB_E_UNREACHABLE);
	int64_t meta[CB_META_FIELDS];
	CHECK_EQ(cb_generation(c, 1, meta), CB_E_UNREACHABLE); /* never connected */
	cb_free(c);
	cb_free(NULL);
}

int main(void)
{
	test_fault(SILENT, CB_E_TIMEOUT);
	test_fault(GARBAGE, CB_E_PROTOCOL);
	test_fault(WRONG_ID, CB_E_PROTOCOL);
	test_fault(HUGE_LENGTH, CB_E_PROTOCOL);
	test_dies_mid_frame();
	test_refusal_keeps_connection();
	test_lease_statuses();
	test_bad_addresses();
	return check_report("test_bridge_client");
}
