/* The agent's own named caps from the L4Re environment, as cap-map entries
 * (index = selector, no badge, interface "L4Re::Env", label = the name).
 * Compiled only in an L4Re tree. */
#include "l4re_env_caps.h"

#include <stdio.h>
#include <string.h>

#include <l4/re/env.h>
#include <l4/sys/consts.h>

#include "protocol/proto.h"

static bool named(unsigned sel, const char *name, struct agent_capmap_entry *out) {
  memset(out, 0, sizeof *out);
  out->index = (uint16_t)sel;
  out->raw_id = CAPMAP_ID_NO_BADGE;
  out->ref_cnt = 1;
  out->flags = CAPMAP_FLAG_SEMANTICS;
  snprintf(out->sem.iface, sizeof out->sem.iface, "L4Re::Env");
  snprintf(out->sem.label, sizeof out->sem.label, "%s", name);
  return true;
}

/* A cap index's selector: the loader may set flag bits below L4_CAP_SHIFT
 * (ned passes rm as 0x1f010), so compare selectors, never raw values. */
static bool names(l4_cap_idx_t cap, unsigned sel) {
  return !l4_is_invalid_cap(cap) && (cap >> L4_CAP_SHIFT) == sel;
}

bool l4re_env_cap_entry(uint16_t index, struct agent_capmap_entry *out) {
  l4re_env_t const *e = l4re_env();
  for (l4re_env_cap_entry_t const *c = e->caps; c && c->flags != ~0UL; c++)
    if (names(c->cap, index)) {
      char name[sizeof c->name + 1];
      memcpy(name, c->name, sizeof c->name);
      name[sizeof c->name] = 0;
      return named(index, name, out);
    }
  struct {
    l4_cap_idx_t cap;
    const char *name;
  } fixed[] = {
      {e->parent, "parent"},           {e->rm, "rm"},
      {e->mem_alloc, "mem_alloc"},     {e->log, "log"},
      {e->main_thread, "main_thread"}, {e->factory, "factory"},
      {e->scheduler, "scheduler"},     {e->itas, "itas"},
      {e->dbg_events, "dbg_events"},
  };
  for (unsigned i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
    if (names(fixed[i].cap, index))
      return named(index, fixed[i].name, out);
  return false;
}
