/* libcapbridge against capsim behind a model of Fiasco's kernel console, the
 * line a real L4Re agent speaks on (docs/real-targets.md). The relay between
 * the client's pty and capsim's has the real console's habits:
 *  - it echoes what the client types back to the client for as long as the
 *    console's echo is on (capsim's pty termios, which is l4sim's model of the
 *    kernel console's L4_VCON_ECHO; the agent clears it at start);
 *  - it prints kernel lines of its own (`KERNEL: Warning: ...`, as recorded
 *    on the real kernel) between the agent's frames;
 *  - its input buffer is small: of what arrives at once, bytes beyond
 *    MODEL_INPUT_MAX are lost (the real kernel's ring holds 255 bytes, which
 *    the agent empties while more arrives; larger bursts lost bytes there).
 * So regressions of "agent turns echo off", "bridge paces its writes" and
 * "kernel lines between frames are ignored" fail here. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "bridge/capbridge.h"
#include "tests/check.h"
#include "tests/spawn.h"

#define MODEL_INPUT_MAX 900

static char dir[64];

/* Byte for byte as the real system printed them between the agent's lines
 * (samples/recorded/l4re-qemu): the kernel's warning for a map that mapped
 * nothing, and a program's line. */
static const char *const kernel_lines[] = {
	"\r\n\x1b[31mKERNEL\x1b[m: Warning: nothing mapped: (Obj_space) from [0xfffffffee1edd4b8]: "
	"0000000000000014 size: 0000000000000001 to [0xfffffffee1edd598]\r\n",
	"\x1b[32mhello   | Hello World!\x1b[0m\r\n",
};

struct model {
	struct proc capsim, direct;
	pid_t relay;
	int stats_fd; /* the relay writes "drop N\n" / "echo N\n" here */
	char uri[300];
};

static void relay(int agent_fd, int client_fd, int stats_fd)
{
	unsigned k = 0;
	char buf[8192], note[64];
	for (;;) {
		struct pollfd p[2] = { { .fd = agent_fd, .events = POLLIN }, { .fd = client_fd, .events = POLLIN } };
		if (poll(p, 2, -1) < 0 && errno != EINTR) _exit(1);
		if (p[0].revents & (POLLIN | POLLHUP)) {
			ssize_t n = read(agent_fd, buf, sizeof buf);
			ssize_t start = 0;
			for (ssize_t j = 0; j < n; j++)
				if (buf[j] == '\n') {
					(void)!write(client_fd, buf + start, (size_t)(j + 1 - start));
					const char *kl = kernel_lines[k++ % (sizeof kernel_lines / sizeof *kernel_lines)];
					(void)!write(client_fd, kl, strlen(kl));
					start = j + 1;
				}
			if (n > start) (void)!write(client_fd, buf + start, (size_t)(n - start));
		}
		if (p[1].revents & (POLLIN | POLLHUP)) {
			ssize_t n = read(client_fd, buf, sizeof buf);
			if (n <= 0) {
				usleep(1000); /* the client side is closed for now; it may reopen */
				continue;
			}
			struct termios tio;
			/* Notes first: the client may act on what follows before the relay runs again. */
			bool echo = tcgetattr(agent_fd, &tio) == 0 && (tio.c_lflag & ECHO);
			size_t take = n > MODEL_INPUT_MAX ? MODEL_INPUT_MAX : (size_t)n;
			int l = snprintf(note, sizeof note, "echo %zd\ndrop %zu\n", echo ? n : 0, (size_t)n - take);
			(void)!write(stats_fd, note, (size_t)l);
			if (echo) (void)!write(client_fd, buf, (size_t)n);
			(void)!write(agent_fd, buf, take);
		}
	}
}

static int client_pty(char *path, size_t size)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0 || grantpt(m) || unlockpt(m) || !ptsname(m)) return -1;
	snprintf(path, size, "%s", ptsname(m));
	struct termios tio;
	tcgetattr(m, &tio);
	cfmakeraw(&tio);
	tcsetattr(m, TCSANOW, &tio);
	return m;
}

/* capsim with --allow-restore on a pty behind the model, and one on a socket. */
static int model_start(struct model *md, const char *scenario)
{
	char pty_spec[128], unix_spec[128];
	snprintf(pty_spec, sizeof pty_spec, "pty:%s/%s.pty", dir, scenario);
	snprintf(unix_spec, sizeof unix_spec, "unix:%s/%s.sock", dir, scenario);
	const char *a1[] = { "capsim",          "--scenario", scenario_path(scenario), "--listen", pty_spec,
		                 "--allow-restore", NULL };
	const char *a2[] = { "capsim",          "--scenario", scenario_path(scenario), "--listen", unix_spec,
		                 "--allow-restore", NULL };
	if (proc_start(&md->capsim, a1) != 0) return -1;
	if (proc_start(&md->direct, a2) != 0) {
		proc_stop(&md->capsim);
		return -1;
	}
	/* Opened as it is: the console's attributes are the agent's to set. */
	int agent_fd = open(pty_spec + 4, O_RDWR | O_NOCTTY);
	char path[128];
	int m = client_pty(path, sizeof path);
	int st[2];
	if (agent_fd < 0 || m < 0 || pipe(st) != 0) return -1;
	fcntl(st[0], F_SETFL, O_NONBLOCK);
	snprintf(md->uri, sizeof md->uri, "serial:%s", path);
	md->relay = fork();
	if (md->relay == 0) {
		close(st[0]);
		relay(agent_fd, m, st[1]);
	}
	close(st[1]);
	close(agent_fd);
	close(m);
	md->stats_fd = st[0];
	return 0;
}

/* Bytes the model dropped and echoed so far. */
static void model_stats(struct model *md, long *dropped, long *echoed)
{
	static char buf[4096];
	ssize_t n = read(md->stats_fd, buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = 0;
	for (char *l = strtok(buf, "\n"); l; l = strtok(NULL, "\n")) {
		if (!strncmp(l, "drop ", 5)) *dropped += atol(l + 5);
		if (!strncmp(l, "echo ", 5)) *echoed += atol(l + 5);
	}
}

static void model_stop(struct model *md)
{
	kill(md->relay, SIGKILL);
	waitpid(md->relay, NULL, 0);
	close(md->stats_fd);
	proc_stop(&md->capsim);
	proc_stop(&md->direct);
}

static int64_t nums_a[64 * CB_TASK_FIELDS], nums_b[64 * CB_TASK_FIELDS];
static int64_t infos_a[4297 * CB_CAPINFO_FIELDS], infos_b[4297 * CB_CAPINFO_FIELDS];
static uint8_t arena[1 << 16];

/* A walk of every task through the console gives what the socket gives. */
static void walk_through_console_matches_socket(void)
{
	struct model md;
	if (model_start(&md, "default") != 0) {
		CHECK(0);
		return;
	}
	cb_conn *a = cb_new(), *b = cb_new();
	CHECK_EQ(cb_connect(a, md.direct.uri, 5000), CB_OK);
	CHECK_EQ(cb_connect(b, md.uri, 5000), CB_OK);
	int na = cb_tasks(a, nums_a, 64, arena, sizeof arena);
	int nb = cb_tasks(b, nums_b, 64, arena, sizeof arena);
	CHECK(na > 1);
	CHECK_EQ(na, nb);
	for (int i = 0; i < na && i < nb; i++) {
		int64_t meta[CB_META_FIELDS];
		uint32_t task = (uint32_t)nums_a[i * CB_TASK_FIELDS];
		CHECK_EQ(task, nums_b[i * CB_TASK_FIELDS]);
		int ca = cb_cap_infos(a, task, 0, 4296, infos_a, 4297, meta);
		int cbn = cb_cap_infos(b, task, 0, 4296, infos_b, 4297, meta);
		CHECK(ca > 0);
		CHECK_EQ(ca, cbn);
		CHECK(ca == cbn && memcmp(infos_a, infos_b, (size_t)ca * CB_CAPINFO_FIELDS * sizeof infos_a[0]) == 0);
	}
	long dropped = 0, echoed = 0;
	model_stats(&md, &dropped, &echoed);
	CHECK_EQ(echoed, 0);
	CHECK_EQ(dropped, 0);
	cb_free(a);
	cb_free(b);
	model_stop(&md);
}

static int64_t walk_nums[4096 * CB_CAPMAP_FIELDS];
static uint8_t walk_arena[1 << 20];

/* One walk's six requests taken from what was announced; returns the cap-info count. */
static int walk_announced(cb_conn *c, uint32_t task, int64_t *infos)
{
	int64_t meta[CB_META_FIELDS], before = -1, after = -2;
	uint8_t bitmap[CB_BITMAP_BYTES];
	CHECK_EQ(cb_generation(c, task, meta), CB_OK);
	before = meta[0];
	CHECK(cb_validity(c, task, 0, 4296, bitmap, sizeof bitmap, meta) > 0);
	int n = cb_cap_infos(c, task, 0, 4296, infos, 4297, meta);
	CHECK(cb_threads(c, task, walk_nums, 4096, walk_arena, sizeof walk_arena, meta) >= 0);
	CHECK(cb_cap_map(c, task, 0, 4095, walk_nums, 4096, walk_arena, sizeof walk_arena, meta) >= 0);
	CHECK_EQ(meta[1], 0xFFFF);
	CHECK_EQ(cb_generation(c, task, meta), CB_OK);
	after = meta[0];
	CHECK_EQ(before, after);
	return n;
}

/* Pipelined walks over the console: the requests go out paced and within the
 * window, none is lost in the console's small buffer, every answer is taken by
 * its own call, and the answers are what the socket gives. */
static void pipelined_walks_through_console(void)
{
	struct model md;
	if (model_start(&md, "default") != 0) {
		CHECK(0);
		return;
	}
	cb_conn *a = cb_new(), *b = cb_new();
	CHECK_EQ(cb_connect(a, md.direct.uri, 5000), CB_OK);
	CHECK_EQ(cb_connect(b, md.uri, 5000), CB_OK);
	int nt = cb_tasks(b, nums_b, 64, arena, sizeof arena);
	CHECK(nt > 1);
	uint32_t tasks[64];
	for (int i = 0; i < nt && i < 64; i++) tasks[i] = (uint32_t)nums_b[i * CB_TASK_FIELDS];
	int64_t s0[CB_STATS_FIELDS], s1[CB_STATS_FIELDS], meta[CB_META_FIELDS];

	/* one walk: one write of six requests */
	cb_stats(b, s0);
	CHECK_EQ(cb_announce_walks(b, tasks, 1, CB_WALK_GENERATION_FIRST), 1);
	int n1 = walk_announced(b, tasks[0], infos_b);
	cb_stats(b, s1);
	CHECK_EQ(s1[0] - s0[0], 1);
	CHECK_EQ(s1[1] - s0[1], 6);
	CHECK_EQ(s1[2] - s0[2], 6);
	CHECK_EQ(cb_cap_infos(a, tasks[0], 0, 4296, infos_a, 4297, meta), n1);

	/* every task: windowed, all answered, same as the socket */
	cb_stats(b, s0);
	CHECK_EQ(cb_announce_walks(b, tasks, nt, CB_WALK_GENERATION_FIRST), nt);
	for (int i = 0; i < nt; i++) {
		int n = walk_announced(b, tasks[i], infos_b);
		CHECK(n > 0);
		CHECK_EQ(cb_cap_infos(a, tasks[i], 0, 4296, infos_a, 4297, meta), n);
		CHECK(memcmp(infos_a, infos_b, (size_t)n * CB_CAPINFO_FIELDS * sizeof infos_a[0]) == 0);
	}
	cb_stats(b, s1);
	CHECK_EQ(s1[1] - s0[1], 6 * nt);
	CHECK_EQ(s1[2] - s0[2], 6 * nt);
	CHECK_EQ(s1[3] - s0[3], 0);
	CHECK(s1[0] - s0[0] >= 2); /* the 512-byte window holds one walk's lines, not all */

	/* a call that was not announced: the rest of the announcement is dropped */
	CHECK_EQ(cb_announce_walks(b, tasks, 1, CB_WALK_GENERATION_FIRST), 1);
	CHECK_EQ(cb_generation(b, tasks[0], meta), CB_OK);
	cb_stats(b, s0);
	CHECK(cb_cap_infos(b, tasks[1], 0, 4296, infos_b, 4297, meta) > 0);
	cb_stats(b, s1);
	CHECK_EQ(s1[3] - s0[3], 5);

	long dropped = 0, echoed = 0;
	model_stats(&md, &dropped, &echoed);
	CHECK_EQ(echoed, 0);
	CHECK_EQ(dropped, 0);
	cb_free(a);
	cb_free(b);
	model_stop(&md);
}

/* The largest request a client sends: a cap-map entry with every string at
 * the length capsim keeps (interface 31, label 255, args 255, server 127),
 * one armored line of ~980 bytes. */
static int big_entry(cb_conn *c, uint32_t task, int index)
{
	char text[4][256];
	static const int len[4] = { 31, 255, 255, 127 };
	unsigned x = 12345; /* letters without a pattern armor's packing could shrink */
	for (int k = 0; k < 4; k++)
		for (int i = 0; i < len[k]; i++) {
			x = x * 1103515245u + 12345u;
			text[k][i] = (char)('a' + (x >> 16) % 26);
		}
	int64_t meta[CB_META_FIELDS];
	return cb_set_capmap_entry(c, task, index, 0x7ffc, 1, 6, 0, 1 << 20, (const uint8_t *)text[0], len[0],
	                           (const uint8_t *)text[1], len[1], (const uint8_t *)text[2], len[2],
	                           (const uint8_t *)text[3], len[3], meta);
}

static uint32_t last_task(cb_conn *c)
{
	int n = cb_tasks(c, nums_b, 64, arena, sizeof arena);
	return n > 0 ? (uint32_t)nums_b[(n - 1) * CB_TASK_FIELDS] : 0;
}

/* Paced, a ~1 KB request arrives whole; written at once, the console loses part
 * of it and the agent never answers. */
static void long_requests_need_pacing(void)
{
	struct model md;
	if (model_start(&md, "default") != 0) {
		CHECK(0);
		return;
	}
	cb_conn *b = cb_new();
	CHECK_EQ(cb_connect(b, md.uri, 5000), CB_OK);
	uint32_t task = last_task(b);
	CHECK(task != 0);
	int64_t meta[CB_META_FIELDS];
	CHECK_EQ(cb_generation(b, task, meta), CB_OK); /* mutations need the restore lease */
	CHECK_EQ(cb_lease_acquire(b, task, meta[0], 0, meta), CB_OK);
	CHECK_EQ(big_entry(b, task, 0xF00), CB_OK);
	long dropped = 0, echoed = 0;
	model_stats(&md, &dropped, &echoed);
	CHECK_EQ(dropped, 0);

	setenv("CAPSCOPE_SERIAL_CHUNK", "0", 1); /* whole lines at once */
	cb_set_timeout(b, 1500);
	CHECK_EQ(big_entry(b, task, 0xF01), CB_E_TIMEOUT);
	unsetenv("CAPSCOPE_SERIAL_CHUNK");
	model_stats(&md, &dropped, &echoed);
	CHECK(dropped > 0);
	CHECK_EQ(echoed, 0);
	cb_free(b);
	model_stop(&md);
}

/* A console whose echo stays on hands the client its own request first. */
static void echo_left_on_breaks_the_first_request(void)
{
	struct model md;
	if (model_start(&md, "default") != 0) {
		CHECK(0);
		return;
	}
	/* Undo the agent's echo-off, as an agent that forgot it would leave it. */
	char path[160];
	snprintf(path, sizeof path, "%s/default.pty", dir);
	int fd = open(path, O_RDWR | O_NOCTTY);
	struct termios tio;
	CHECK(fd >= 0 && tcgetattr(fd, &tio) == 0);
	tio.c_lflag |= ECHO;
	CHECK(fd >= 0 && tcsetattr(fd, TCSANOW, &tio) == 0);
	cb_conn *b = cb_new();
	int rc = cb_connect(b, md.uri, 3000);
	CHECK(rc != CB_OK);

	long dropped = 0, echoed = 0;
	model_stats(&md, &dropped, &echoed);
	CHECK(echoed > 0);
	cb_free(b);
	if (fd >= 0) close(fd);
	model_stop(&md);
}

int main(int argc, char **argv)
{
	signal(SIGPIPE, SIG_IGN);
	snprintf(dir, sizeof dir, "/tmp/capsim-console-XXXXXX");
	if (!mkdtemp(dir)) return 1;
	static const struct test_case tests[] = {
		{ "walk_through_console_matches_socket", walk_through_console_matches_socket },
		{ "long_requests_need_pacing", long_requests_need_pacing },
		{ "echo_left_on_breaks_the_first_request", echo_left_on_breaks_the_first_request },
		{ "pipelined_walks_through_console", pipelined_walks_through_console },
	};
	int rc = run_tests(tests, 4, argc, argv);
	rmdir(dir);
	return rc;
}
