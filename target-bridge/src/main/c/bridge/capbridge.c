/*
 * The protocol client: one connection, one request at a time, each answered within the
 * connection's timeout. This file connects (HELLO, token) and reports errors; requests are
 * framed and answered in cb_exchange.c, the exported calls are in cb_read_calls.c,
 * cb_mutate_calls.c and cb_walk_announce.c; payloads are decoded by cb_parse.c.
 */
#define _GNU_SOURCE
#include "capbridge.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cb_armor.h"
#include "cb_auth.h"
#include "cb_conn.h"

#define CLIENT_NAME "libcapbridge 0.1"

cb_conn *cb_new(void)
{
	cb_conn *c = calloc(1, sizeof *c);
	if (!c) return NULL;
	pthread_mutex_init(&c->lock, NULL);
	c->t.fd = -1;
	c->framing = &cb_framing_raw;
	c->timeout_ms = 5000;
	return c;
}

/* How many wire bytes of requests may wait for answers: a kernel console keeps only a few hundred
 * (CAPSCOPE_SERIAL_WINDOW overrides it, at least one request always goes). */
static size_t window_for(const struct cb_transport *t)
{
	if (t->kind != CB_T_SERIAL) return CB_SOCKET_WINDOW;
	const char *v = getenv("CAPSCOPE_SERIAL_WINDOW");
	char *end;
	long n = v && *v ? strtol(v, &end, 10) : -1;
	return v && *v && !*end && n >= 0 && n <= (1 << 20) ? (size_t)n : CB_SERIAL_WINDOW;
}

void cb_free(cb_conn *c)
{
	if (!c) return;
	cb_drop_connection(c);
	free(c->rx);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

void cb_set_timeout(cb_conn *c, int timeout_ms)
{
	pthread_mutex_lock(&c->lock);
	c->timeout_ms = timeout_ms > 0 ? timeout_ms : 1;
	pthread_mutex_unlock(&c->lock);
}

int cb_connect(cb_conn *c, const char *uri, int timeout_ms)
{
	const uint8_t *p;
	size_t n;
	int rc;

	pthread_mutex_lock(&c->lock);
	cb_err_clear(&c->err);
	cb_drop_connection(c);
	c->timeout_ms = timeout_ms > 0 ? timeout_ms : 1;
	if (!c->rx && !(c->rx = malloc(CB_MAX_RESPONSE))) {
		rc = cb_fail(&c->err, CB_E_INTERNAL, "out of memory");
		goto out;
	}
	/* The token (cb_auth.h: URI ?token= or $CAPSCOPE_TOKEN) goes only to a peer whose HELLO
	 * answer parsed (it speaks this protocol) and said it needs one: a mistyped address or
	 * a target without a token never sees it. */
	char base[1024], token[PROTO_MAX_TOKEN + 1];
	if (cb_auth_split(uri ? uri : "", base, sizeof base, token, sizeof token) < 0) {
		rc = cb_fail(&c->err, CB_E_INTERNAL, "target address or token too long");
		goto out;
	}
	if ((rc = cb_transport_open(&c->t, uri ? base : NULL, cb_now_ms() + c->timeout_ms, &c->err)) < 0) goto out;
	c->framing = c->t.kind == CB_T_SERIAL ? &cb_framing_armored : &cb_framing_raw;
	c->connected = 1;
	cb_pipeline_reset(&c->pipe, window_for(&c->t));

	struct cb_wr w = request(c);
	cb_wr_u16(&w, PROTO_VERSION);
	cb_wr_str(&w, (const uint8_t *)CLIENT_NAME, strlen(CLIENT_NAME));
	if ((rc = cb_exchange(c, OP_HELLO, &w, &p, &n)) < 0) goto out;
	rc = cb_parse_hello(p, n, &c->hello, &c->err);
	if (rc < 0) {
		cb_drop_connection(c); /* not an agent we can talk to: it gets nothing more */
		goto out;
	}
	/* Serial lines need no token (holding the line is holding the machine). */
	if (!(c->hello.flags & HELLO_TOKEN_REQUIRED) || c->t.kind == CB_T_SERIAL) goto out;
	if (!token[0]) {
		cb_drop_connection(c);
		rc = cb_fail(&c->err, CB_E_REJECTED, "the target requires a token: %s",
		             "set CAPSCOPE_TOKEN or add ?token=TOKEN to the target address");
		goto out;
	}
	w = request(c);
	cb_wr_str(&w, (const uint8_t *)token, strlen(token));
	if ((rc = cb_exchange(c, OP_AUTH, &w, &p, &n)) < 0 && c->err.wire_status == ST_UNAUTHORIZED)
		rc = cb_fail(&c->err, CB_E_REJECTED, "wrong token: the target did not accept it (%s)",
		             "check CAPSCOPE_TOKEN or the ?token= of the target address");
out:
	pthread_mutex_unlock(&c->lock);
	return rc;
}

int cb_error_code(cb_conn *c)
{
	pthread_mutex_lock(&c->lock);
	int code = c->err.code;
	pthread_mutex_unlock(&c->lock);
	return code;
}

int cb_error_message(cb_conn *c, uint8_t *buf, int cap)
{
	pthread_mutex_lock(&c->lock);
	size_t n = strnlen(c->err.msg, sizeof c->err.msg);
	if (cap < 0) cap = 0;
	if (n > (size_t)cap) n = (size_t)cap;
	memcpy(buf, c->err.msg, n);
	pthread_mutex_unlock(&c->lock);
	return (int)n;
}

int cb_wire_status(cb_conn *c)
{
	pthread_mutex_lock(&c->lock);
	int s = c->err.wire_status;
	pthread_mutex_unlock(&c->lock);
	return s;
}

int cb_wire_detail(cb_conn *c)
{
	pthread_mutex_lock(&c->lock);
	int d = c->err.wire_detail;
	pthread_mutex_unlock(&c->lock);
	return d;
}

int cb_hello_info(cb_conn *c, int64_t *nums, uint8_t *arena, int arena_cap)
{
	int rc = 0;
	pthread_mutex_lock(&c->lock);
	const struct cb_hello *h = &c->hello;
	size_t total = (size_t)h->kernel_len + h->profile_len + h->agent_len;
	if (!c->connected) {
		rc = cb_fail(&c->err, CB_E_UNREACHABLE, "not connected");
	} else if (arena_cap < 0 || total > (size_t)arena_cap) {
		rc = cb_fail(&c->err, CB_E_INTERNAL, "arena too small for HELLO strings");
	} else {
		nums[CB_HELLO_VERSION] = h->version;
		nums[CB_HELLO_LAST_SELECTOR] = h->last_selector;
		nums[CB_HELLO_FLAGS] = h->flags;
		nums[CB_HELLO_MAX_RESPONSE] = h->max_response;
		nums[CB_HELLO_MAX_REQUEST] = h->max_request;
		nums[CB_HELLO_MAX_IN_FLIGHT] = h->max_in_flight;
		nums[CB_HELLO_TASK_COUNT] = h->task_count;
		nums[CB_HELLO_KERNEL_LEN] = h->kernel_len;
		nums[CB_HELLO_PROFILE_LEN] = h->profile_len;
		nums[CB_HELLO_AGENT_LEN] = h->agent_len;
		memcpy(arena, h->kernel, h->kernel_len);
		memcpy(arena + h->kernel_len, h->profile, h->profile_len);
		memcpy(arena + h->kernel_len + h->profile_len, h->agent, h->agent_len);
	}
	pthread_mutex_unlock(&c->lock);
	return rc;
}

int cb_stats(cb_conn *c, int64_t *out)
{
	pthread_mutex_lock(&c->lock);
	memcpy(out, c->pipe.stats, sizeof c->pipe.stats);
	pthread_mutex_unlock(&c->lock);
	return CB_STAT_COUNT;
}
