/* The kernel debugger's object dump on L4Re (compiled only in an L4Re tree):
 * the kernel writes it page by page into kernel-user memory when asked
 * through the jdb cap; agent/kdump.c decodes the records. */
#include "l4re_kernel_dump.h"

#include <stdio.h>
#include <string.h>

#include <l4/re/c/util/kumem_alloc.h>
#include <l4/re/env.h>
#include <l4/sys/consts.h>
#include <l4/sys/debugger.h>
#include <l4/sys/utcb.h>
#include <l4/sys/vcon.h>

/* The debugger object's "object infos" operation (l4sys obj_info.h; the
 * opcode has a name only in l4sys since 2025). */
enum { JDB_OBJ_INFO_OP = 16 };

static struct {
  l4_cap_idx_t jdb;
  uint8_t *ku; /* kernel-user memory the kernel writes the dump into */
  unsigned long ku_size;
} st = {L4_INVALID_CAP, NULL, 0};

/* Set while the dump is being printed: every page goes to this console too. */
static l4_cap_idx_t print_to = L4_INVALID_CAP;

/* One page of the dump: `written` records at st.ku, `rest` = records from
 * `skip` on. */
static bool query_page(unsigned long skip, unsigned long *written, unsigned long *rest) {
  memset(st.ku, 0, st.ku_size); /* slot records leave the object-address word alone */
  l4_msg_regs_t *mr = l4_utcb_mr();
  mr->mr[0] = JDB_OBJ_INFO_OP;
  mr->mr[1] = (l4_umword_t)st.ku;
  mr->mr[2] = st.ku_size;
  mr->mr[3] = skip;
  if (l4_error(l4_invoke_debugger(st.jdb, l4_msgtag(0, 4, 0, 0), l4_utcb())))
    return false;
  unsigned long a = mr->mr[0], b = mr->mr[1];
  *written = a < b ? a : b;
  *rest = a < b ? b : a;
  return *written <= st.ku_size / KDUMP_RECORD_SIZE;
}

static void print_page(unsigned long written) {
  char line[32 + 2 * KDUMP_RECORD_SIZE];
  for (unsigned long r = 0; r < written; r++) {
    int k = snprintf(line, sizeof line, "capscope-agent: kdump ");
    for (int b = 0; b < KDUMP_RECORD_SIZE; b++)
      k += snprintf(line + k, sizeof line - (size_t)k, "%02x", st.ku[r * KDUMP_RECORD_SIZE + b]);
    line[k++] = '\n';
    l4_vcon_write(print_to, line, k);
  }
}

/* The whole dump, page by page; again from the start if the number of
 * records moved under us (objects created or deleted between pages). */
static bool query_dump(struct kdump *dump) {
  if (!st.ku)
    return false;
  for (int attempt = 0; attempt < 4; attempt++) {
    if (attempt && !l4_is_invalid_cap(print_to))
      l4_vcon_write(print_to, "capscope-agent: kdump-restart\n", 30);
    kdump_reset(dump);
    unsigned long skip = 0, total = 0, written, rest;
    bool moved = false;
    do {
      if (!query_page(skip, &written, &rest))
        return false;
      if (skip == 0)
        total = rest;
      else if (skip + rest != total)
        moved = true;
      kdump_feed(dump, st.ku, written);
      if (!l4_is_invalid_cap(print_to))
        print_page(written);
      skip += written;
    } while (!moved && written && skip < total);
    if (!moved)
      return kdump_finish(dump);
  }
  return false;
}

/* Kernel-user memory for the dump: as much as the kernel gives, 64 KiB down
 * to one page (portable code may rely on 16 KiB only). */
static void alloc_ku(void) {
  for (int order = 4; order >= 0; order -= 2) {
    l4_addr_t a = 0;
    if (l4re_util_kumem_alloc(&a, (unsigned)order, L4_BASE_TASK_CAP, l4re_env()->rm) == 0) {
      st.ku = (uint8_t *)a;
      st.ku_size = (1UL << order) * L4_PAGESIZE;
      return;
    }
  }
}

void l4re_kernel_dump_setup(l4_cap_idx_t jdb, bool memory) {
  st.jdb = jdb;
  if (memory)
    alloc_ku();
}

bool l4re_kernel_dump_has_memory(void) { return st.ku != NULL; }

bool l4re_kernel_dump_read(struct kdump *dump, l4_cap_idx_t con) {
  print_to = con;
  bool ok = query_dump(dump);
  print_to = L4_INVALID_CAP;
  return ok;
}
