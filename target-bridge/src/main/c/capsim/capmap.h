/* A component's Genode cap map (base-foc Capability_map over the Cap_index
 * array): index = selector, raw id 0 = free, 0xFFFF = allocated without badge
 * (the wire value, whatever the release keeps in memory),
 * else the badge. Allocation is first-fit from USER_BASE. */
#pragma once
#include <stdint.h>

#include "agent/runtime.h"

struct cap_entry {
  uint32_t id;
  uint8_t ref_cnt;
  uint8_t flags;
  struct agent_semantics *sem; /* what the runtime knows, NULL if nothing */
};

struct capmap {
  unsigned size, user_base;
  struct cap_entry *e;
};

int capmap_init(struct capmap *m, unsigned size, unsigned user_base);
void capmap_free(struct capmap *m);

/* Index of the entry with badge `id`, -1 if none. */
int capmap_find_id(const struct capmap *m, uint32_t id);
/* First free index from user_base, -1 if the map is full. */
int capmap_alloc(const struct capmap *m);
/* First run of `n` consecutive free indices from user_base, -1 if none. */
int capmap_alloc_range(const struct capmap *m, unsigned n);

/* Set an entry; semantics are copied (NULL clears them). */
int capmap_set(struct capmap *m, unsigned index, uint32_t id, uint8_t ref_cnt, uint8_t flags,
               const struct agent_semantics *sem);
void capmap_clear(struct capmap *m, unsigned index);
unsigned capmap_used(const struct capmap *m);

/* Genode's insert_map, issued from the component itself (current task):
 * reuse an entry with the same badge if l4_task_cap_equal says it is the same
 * object; refuse a forged id whose entry is still valid; else grant `kcap`
 * into the (stale or fresh) entry. Returns the index or -1. */
int capmap_insert_map(struct capmap *m, uint32_t id, unsigned rcv_sel, const struct agent_semantics *sem,
                      uint8_t flags);

/* Genode's Capability_map::remove: unmap the slot, free the entry. */
void capmap_remove(struct capmap *m, unsigned index);
