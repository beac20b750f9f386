/* The agent's main loop on L4Re (compiled only in an L4Re tree).
 *
 * It talks armored frames (agent/armor.h) over its log capability, a vcon:
 * with `log = L4.Env.log` in the ned script that is the kernel console, i.e.
 * the serial line, shared with the kernel's and other programs' output.
 * Kept minimal: it polls l4_vcon_read every few milliseconds instead of
 * binding the vcon's IRQ, and serves one request at a time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <l4/re/env.h>
#include <l4/sys/vcon.h>
#include <l4/util/util.h>

#include "agent/agent.h"
#include "agent/armor.h"
#include "l4re_runtime.h"

static void vcon_write_all(l4_cap_idx_t con, const char *p, size_t n) {
  while (n) {
    int chunk = n > L4_VCON_WRITE_SIZE ? L4_VCON_WRITE_SIZE : (int)n;
    l4_vcon_write(con, p, chunk);
    p += chunk;
    n -= (size_t)chunk;
  }
}

static void answer(struct agent *a, l4_cap_idx_t con, const uint8_t *frame, size_t len) {
  struct writer out;
  wr_init(&out, PROTO_HEADER_SIZE + PROTO_MAX_RESPONSE_PAYLOAD);
  agent_serve_frame(a, frame, len, &out);
  char *line = out.len ? malloc(armor_encoded_max(out.len)) : NULL;
  size_t n = line ? armor_encode(out.buf, out.len, line) : 0;
  if (n)
    vcon_write_all(con, line, n);
  free(line);
  wr_free(&out);
}

int main(void) {
  static struct agent a;
  static struct agent_runtime rt;
  static struct armor_rx rx;
  l4re_runtime_init(&rt);
  memset(&a, 0, sizeof a);
  a.rt = &rt;
  a.listen_fd = -1;
  a.pty_slave_fd = -1;
  armor_rx_init(&rx, PROTO_HEADER_SIZE + PROTO_MAX_REQUEST_PAYLOAD);

  l4_cap_idx_t con = l4re_env()->log;
  static const char ready[] = "capscope-agent: serving armored frames on this console\n";
  vcon_write_all(con, ready, sizeof ready - 1);

  char buf[L4_VCON_READ_SIZE];
  for (;;) {
    int n = l4_vcon_read(con, buf, sizeof buf);
    if (n <= 0) {
      l4_sleep(5); /* nothing there (or an error): poll again shortly */
      continue;
    }
    if (n > (int)sizeof buf)
      n = sizeof buf; /* more is waiting; the next read gets it */
    size_t off = 0;
    while (off < (size_t)n) {
      off += armor_rx_feed(&rx, (const uint8_t *)buf + off, (size_t)n - off);
      if (rx.ready)
        answer(&a, con, rx.frame, rx.frame_len);
    }
  }
}
