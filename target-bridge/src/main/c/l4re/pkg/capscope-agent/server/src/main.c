/* The agent's main loop on L4Re (compiled only in an L4Re tree).
 *
 * It talks armored frames (agent/armor.h) over its log capability, a vcon:
 * with `log = L4.Env.log` in the ned script that is the kernel console, i.e.
 * the serial line, shared with the kernel's and other programs' output.
 *
 * The kernel console has habits a pty does not:
 *  - it echoes input by default, so a client would read its own request back
 *    before the answer: the agent clears L4_VCON_ECHO first (JDB still works);
 *  - its input buffer is small (256 bytes in Fiasco's Vkey): the agent binds
 *    an IRQ to the vcon and drains the buffer as soon as input arrives, and
 *    clients pace what they write (libcapbridge's serial transport does);
 *  - the kernel prints lines of its own (`KERNEL: Warning: ...`) between the
 *    agent's; armored framing ignores them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <l4/re/c/util/cap_alloc.h>
#include <l4/re/env.h>
#include <l4/sys/factory.h>
#include <l4/sys/icu.h>
#include <l4/sys/irq.h>
#include <l4/sys/kip.h>
#include <l4/sys/rcv_endpoint.h>
#include <l4/sys/vcon.h>
#include <l4/util/util.h>

#include "agent/agent.h"
#include "agent/armor.h"
#include "agent/console.h"
#include "l4re_runtime.h"

static void vcon_write_all(l4_cap_idx_t con, const char *p, size_t n) {
  while (n) {
    int chunk = n > L4_VCON_WRITE_SIZE ? L4_VCON_WRITE_SIZE : (int)n;
    l4_vcon_write(con, p, chunk);
    p += chunk;
    n -= (size_t)chunk;
  }
}

static void say(l4_cap_idx_t con, const char *fmt, const char *arg) {
  char line[512];
  snprintf(line, sizeof line, fmt, arg);
  vcon_write_all(con, line, strlen(line));
}

static void answer(struct agent *a, l4_cap_idx_t con, const uint8_t *frame, size_t len) {
  struct writer out;
  wr_init(&out, PROTO_HEADER_SIZE + PROTO_MAX_RESPONSE_PAYLOAD);
  l4re_runtime_refresh(a->rt);
  agent_serve_frame(a, frame, len, &out);
  char *line = out.len ? malloc(armor_encoded_max(out.len)) : NULL;
  size_t n = line ? armor_encode(out.buf, out.len, line) : 0;
  if (n)
    vcon_write_all(con, line, n);
  free(line);
  wr_free(&out);
}

/* An IRQ the console triggers when input arrives; invalid if it cannot be
 * bound (the loop then polls). */
static l4_cap_idx_t input_irq(l4_cap_idx_t con) {
  l4_cap_idx_t irq = l4re_util_cap_alloc();
  if (l4_is_invalid_cap(irq) || l4_error(l4_factory_create_irq(l4re_env()->factory, irq)))
    return L4_INVALID_CAP;
  if (l4_error(l4_rcv_ep_bind_thread(irq, l4re_env()->main_thread, 0)) ||
      l4_error(l4_icu_bind(con, 0, irq)))
    return L4_INVALID_CAP;
  return irq;
}

int main(int argc, char **argv) {
  l4_cpu_time_t t0 = l4_kip_clock(l4re_kip());
  static struct agent a;
  static struct agent_runtime rt;
  static struct armor_rx rx;
  l4_cap_idx_t con = l4re_env()->log;
  bool echo = !console_echo_off(con); /* first: before anything is read or written */
  l4_cap_idx_t irq = input_irq(con);

  bool kernel_objects = false, print_dump = false;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--kernel-objects"))
      kernel_objects = true;
    else if (!strcmp(argv[i], "--print-dump"))
      kernel_objects = print_dump = true;
    else
      say(con, "capscope-agent: unknown argument %s (known: --kernel-objects, --print-dump)\n", argv[i]);
  }
  l4re_runtime_init(&rt, kernel_objects);
  memset(&a, 0, sizeof a);
  a.rt = &rt;
  a.listen_fd = -1;
  a.pty_slave_fd = -1;
  armor_rx_init(&rx, PROTO_HEADER_SIZE + PROTO_MAX_REQUEST_PAYLOAD);

  if (print_dump)
    l4re_runtime_print_dump(&rt, con);
  char report[256];
  l4re_runtime_report(report, sizeof report);
  say(con, "capscope-agent: %s\n", report);
  if (echo)
    say(con, "capscope-agent: %s\n",
        "cannot turn the console's echo off: clients will read their requests back");
  char took[160];
  snprintf(took, sizeof took, "%llu us after start, input %s",
           (unsigned long long)(l4_kip_clock(l4re_kip()) - t0),
           l4_is_invalid_cap(irq) ? "polled every 1 ms" : "by IRQ");
  say(con, "capscope-agent: ready %s\n", took);
  static const char ready[] = "capscope-agent: serving armored frames on this console\n";
  vcon_write_all(con, ready, sizeof ready - 1);

  char buf[L4_VCON_READ_SIZE];
  for (;;) {
    int n = l4_vcon_read(con, buf, sizeof buf);
    if (n <= 0) {
      /* Empty: wait for the console's IRQ (with a timeout, should one be
       * missed) or poll again shortly. */
      if (l4_is_invalid_cap(irq))
        l4_sleep(1);
      else
        l4_irq_receive(irq, l4_timeout(L4_IPC_TIMEOUT_NEVER, l4_timeout_from_us(20000)));
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
