#include "capsim/capmap.h"

#include <stdlib.h>
#include <string.h>

#include <l4/sys/task.h>

#define KCAP(sel) ((l4_cap_idx_t)(sel) << L4_CAP_SHIFT)

int capmap_init(struct capmap *m, unsigned size, unsigned user_base) {
  m->size = size;
  m->user_base = user_base;
  m->e = calloc(size, sizeof *m->e);
  return m->e ? 0 : -1;
}

void capmap_free(struct capmap *m) {
  if (!m->e)
    return;
  for (unsigned i = 0; i < m->size; i++)
    free(m->e[i].sem);
  free(m->e);
  m->e = NULL;
}

int capmap_find_id(const struct capmap *m, uint32_t id) {
  if (id == 0 || id == CAPMAP_ID_NO_BADGE)
    return -1;
  for (unsigned i = 0; i < m->size; i++)
    if (m->e[i].id == id)
      return (int)i;
  return -1;
}

int capmap_alloc(const struct capmap *m) { return capmap_alloc_range(m, 1); }

int capmap_alloc_range(const struct capmap *m, unsigned n) {
  unsigned run = 0;
  for (unsigned i = m->user_base; i < m->size; i++) {
    run = m->e[i].id ? 0 : run + 1;
    if (run == n)
      return (int)(i + 1 - n);
  }
  return -1;
}

int capmap_set(struct capmap *m, unsigned index, uint32_t id, uint8_t ref_cnt, uint8_t flags,
               const struct agent_semantics *sem) {
  if (index >= m->size)
    return -1;
  struct cap_entry *e = &m->e[index];
  if (sem) {
    if (!e->sem && !(e->sem = malloc(sizeof *e->sem)))
      return -1;
    *e->sem = *sem;
  } else {
    free(e->sem);
    e->sem = NULL;
  }
  e->id = id;
  e->ref_cnt = ref_cnt;
  e->flags = flags;
  return 0;
}

void capmap_clear(struct capmap *m, unsigned index) {
  if (index >= m->size)
    return;
  free(m->e[index].sem);
  memset(&m->e[index], 0, sizeof m->e[index]);
}

unsigned capmap_used(const struct capmap *m) {
  unsigned n = 0;
  for (unsigned i = 0; i < m->size; i++)
    n += m->e[i].id != 0;
  return n;
}

int capmap_insert_map(struct capmap *m, uint32_t id, unsigned rcv_sel, const struct agent_semantics *sem,
                      uint8_t flags) {
  int i = capmap_find_id(m, id);
  if (i >= 0) {
    if (l4_msgtag_label(l4_task_cap_equal(L4_BASE_TASK_CAP, KCAP(i), KCAP(rcv_sel)))) {
      /* Same capability already known: take a reference, drop the copy. */
      if (m->e[i].ref_cnt < 255)
        m->e[i].ref_cnt++;
      l4_task_release_cap(L4_BASE_TASK_CAP, KCAP(rcv_sel));
      return i;
    }
    if (l4_msgtag_label(l4_task_cap_valid(L4_BASE_TASK_CAP, KCAP(i)))) {
      /* A different, live object under a known id: a forged id. */
      l4_task_release_cap(L4_BASE_TASK_CAP, KCAP(rcv_sel));
      return -1;
    }
    /* Stale entry (its object went away): reuse it below. */
  } else {
    i = capmap_alloc(m);
    if (i < 0) {
      l4_task_release_cap(L4_BASE_TASK_CAP, KCAP(rcv_sel));
      return -1;
    }
  }
  if (capmap_set(m, (unsigned)i, id, 1, flags, sem) != 0)
    return -1;
  l4_task_map(L4_BASE_TASK_CAP, L4_BASE_TASK_CAP, l4_obj_fpage(KCAP(rcv_sel), 0, L4_FPAGE_RWX),
              KCAP(i) | L4_ITEM_MAP | L4_MAP_ITEM_GRANT);
  return i;
}

void capmap_remove(struct capmap *m, unsigned index) {
  if (index >= m->size)
    return;
  l4_task_unmap(L4_BASE_TASK_CAP, l4_obj_fpage(KCAP(index), 0, L4_FPAGE_RWX), L4_FP_ALL_SPACES);
  capmap_clear(m, index);
}
