/* l4sim: kernel objects, spaces and the reverse mapping database. */
#include "kobj.h"
#include <l4sim/obj_info.h>

#include <stdlib.h>
#include <string.h>

#include <l4sim/sim.h>

struct kernel l4sim_k;

static void live_link(struct kobj *o) {
  o->next_live = l4sim_k.live_list;
  o->prev_live = NULL;
  if (l4sim_k.live_list)
    l4sim_k.live_list->prev_live = o;
  l4sim_k.live_list = o;
  l4sim_k.live++;
}

static void live_unlink(struct kobj *o) {
  if (o->prev_live)
    o->prev_live->next_live = o->next_live;
  else
    l4sim_k.live_list = o->next_live;
  if (o->next_live)
    o->next_live->prev_live = o->prev_live;
  l4sim_k.live--;
}

static uint32_t task_home(uint32_t id, uint32_t size) { return (id * 2654435761u) & (size - 1); }

static int task_tab_grow(void) {
  uint32_t size = l4sim_k.task_tab_size ? l4sim_k.task_tab_size * 2 : 64;
  struct kobj **tab = calloc(size, sizeof *tab);
  if (!tab)
    return -1;
  for (uint32_t i = 0; i < l4sim_k.task_tab_size; i++) {
    struct kobj *t = l4sim_k.task_tab[i];
    if (t) {
      uint32_t h = task_home(t->id, size);
      while (tab[h])
        h = (h + 1) & (size - 1);
      tab[h] = t;
    }
  }
  free(l4sim_k.task_tab);
  l4sim_k.task_tab = tab;
  l4sim_k.task_tab_size = size;
  return 0;
}

static int task_index_add(struct kobj *t) {
  if ((l4sim_k.task_count + 1) * 2 > l4sim_k.task_tab_size && task_tab_grow() != 0)
    return -1;
  uint32_t mask = l4sim_k.task_tab_size - 1, h = task_home(t->id, l4sim_k.task_tab_size);
  while (l4sim_k.task_tab[h])
    h = (h + 1) & mask;
  l4sim_k.task_tab[h] = t;
  l4sim_k.task_count++;
  return 0;
}

/* Backward-shift deletion keeps every probe chain unbroken without tombstones. */
static void task_index_remove(struct kobj *t) {
  if (!l4sim_k.task_tab_size)
    return;
  uint32_t mask = l4sim_k.task_tab_size - 1, h = task_home(t->id, l4sim_k.task_tab_size);
  while (l4sim_k.task_tab[h] && l4sim_k.task_tab[h] != t)
    h = (h + 1) & mask;
  if (!l4sim_k.task_tab[h])
    return;
  l4sim_k.task_tab[h] = NULL;
  l4sim_k.task_count--;
  for (uint32_t j = (h + 1) & mask; l4sim_k.task_tab[j]; j = (j + 1) & mask) {
    uint32_t home = task_home(l4sim_k.task_tab[j]->id, l4sim_k.task_tab_size);
    /* Move the entry at j into the hole at h unless its home lies in (h, j]. */
    bool stays = h <= j ? (home > h && home <= j) : (home > h || home <= j);
    if (!stays) {
      l4sim_k.task_tab[h] = l4sim_k.task_tab[j];
      l4sim_k.task_tab[j] = NULL;
      h = j;
    }
  }
  if (l4sim_k.task_count == 0) {
    free(l4sim_k.task_tab);
    l4sim_k.task_tab = NULL;
    l4sim_k.task_tab_size = 0;
  }
}

struct kobj *kobj_new(uint8_t kind) {
  struct kobj *o = calloc(1, sizeof *o);
  if (!o)
    return NULL;
  if (kind == L4_KOBJ_TASK) {
    o->space = calloc(1, sizeof *o->space);
    if (!o->space) {
      free(o);
      return NULL;
    }
  }
  o->kind = kind;
  o->id = l4sim_k.next_id++;
  if (kind == L4_KOBJ_TASK && task_index_add(o) != 0) {
    free(o->space);
    free(o);
    return NULL;
  }
  live_link(o);
  return o;
}

struct kobj *find_task(uint32_t id) {
  if (!l4sim_k.task_tab_size)
    return NULL;
  uint32_t mask = l4sim_k.task_tab_size - 1;
  for (uint32_t h = task_home(id, l4sim_k.task_tab_size); l4sim_k.task_tab[h]; h = (h + 1) & mask) {
    struct kobj *o = l4sim_k.task_tab[h];
    if (o->id == id)
      return o->dying ? NULL : o;
  }
  return NULL;
}

struct slot *space_slot_create(struct space *sp, uint32_t sel) {
  struct slot **page = &sp->pages[sel / SPACE_PAGE_SLOTS];
  if (!*page && !(*page = calloc(SPACE_PAGE_SLOTS, sizeof **page)))
    return NULL;
  return &(*page)[sel % SPACE_PAGE_SLOTS];
}

static int add_ref(struct kobj *o, struct kobj *task, uint32_t sel) {
  if (o->nmaps == o->capmaps) {
    uint32_t n = o->capmaps ? o->capmaps * 2 : 4;
    struct mapping_ref *m = realloc(o->maps, n * sizeof *m);
    if (!m)
      return -1;
    o->maps = m;
    o->capmaps = n;
  }
  o->maps[o->nmaps].task = task;
  o->maps[o->nmaps].sel = sel;
  o->nmaps++;
  return 0;
}

static void drop_ref(struct kobj *o, struct kobj *task, uint32_t sel) {
  for (uint32_t i = 0; i < o->nmaps; i++) {
    if (o->maps[i].task == task && o->maps[i].sel == sel) {
      o->maps[i] = o->maps[--o->nmaps];
      return;
    }
  }
}

static void kobj_free(struct kobj *o) {
  if (l4sim_k.current == o)
    l4sim_k.current = NULL;
  live_unlink(o);
  if (o->kind == L4_KOBJ_TASK)
    task_index_remove(o);
  free(o->maps);
  free(o);
}

/* The object lost its last mapping: it dies, unless an operation holds it. */
static void last_mapping_gone(struct kobj *o) {
  if (o->nmaps == 0 && o->pins == 0 && !o->dying)
    kobj_delete(o);
}

bool slot_put(struct kobj *task, uint32_t sel, struct kobj *obj, uint8_t rights, bool ctl) {
  struct slot *s = space_slot(task->space, sel, true);
  if (!s || s->obj || obj->dying)
    return false;
  if (add_ref(obj, task, sel) != 0)
    return false;
  s->obj = obj;
  s->rights = (uint8_t)(rights | L4_CAP_FPAGE_R);
  /* Only an IPC gate has a separate control interface. */
  s->ctl = ctl && obj->kind == L4_KOBJ_IPC_GATE;
  task->space->changes++;
  return true;
}

void slot_clear(struct kobj *task, uint32_t sel) {
  struct slot *s = space_slot(task->space, sel, false);
  if (!s || !s->obj)
    return;
  struct kobj *old = s->obj;
  s->obj = NULL;
  s->rights = 0;
  s->ctl = false;
  task->space->changes++;
  drop_ref(old, task, sel);
  last_mapping_gone(old);
}

void slot_flush(struct kobj *task, uint32_t sel, bool del) {
  struct slot *s = space_slot(task->space, sel, false);
  if (!s || !s->obj)
    return;
  if (del && (s->rights & L4_CAP_FPAGE_D))
    kobj_delete(s->obj);
  else
    slot_clear(task, sel);
}

/* A dying task's space is unmapped fully: objects it held with D die too. */
static void space_destroy(struct kobj *task) {
  struct space *sp = task->space;
  for (uint32_t p = 0; p < SPACE_PAGES; p++) {
    if (!sp->pages[p])
      continue;
    for (uint32_t i = 0; i < SPACE_PAGE_SLOTS; i++)
      if (sp->pages[p][i].obj)
        slot_flush(task, p * SPACE_PAGE_SLOTS + i, true);
  }
  for (uint32_t p = 0; p < SPACE_PAGES; p++)
    free(sp->pages[p]);
  free(sp);
  task->space = NULL;
}

void kobj_delete(struct kobj *o) {
  if (o->dying)
    return;
  o->dying = true;
  o->pins++;
  while (o->nmaps) {
    struct mapping_ref m = o->maps[o->nmaps - 1];
    slot_clear(m.task, m.sel);
  }
  if (o->space)
    space_destroy(o);
  if (--o->pins == 0)
    kobj_free(o);
}

void kobj_pin(struct kobj *o) { o->pins++; }

void kobj_unpin(struct kobj *o) {
  if (--o->pins)
    return;
  if (o->dying)
    kobj_free(o);
  else
    last_mapping_gone(o);
}
