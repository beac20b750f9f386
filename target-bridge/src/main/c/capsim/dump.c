/* Dump format, one record per line, fields separated by tabs (strings may hold spaces):
 *   task      ID  NAME
 *   slot      SELECTOR  OBJECT_ID  KIND  RIGHTS  LABEL      every valid selector 0..4296
 *   thread    INDEX  STATE  NAME                             STATE 0 running, 1 stopped
 *   entry     INDEX  RAW_ID  REF_COUNT  FLAGS  KNOWN  QUOTA  IFACE  LABEL  ARGS  SERVER
 *             (KNOWN 1: the runtime records semantics for the entry)
 *   end
 * Numbers are decimal; KIND is the protocol's kind number. */
#include "capsim/dump.h"

#include <stdio.h>

#include "capsim/text.h"
#include "l4sim/kobj.h"

#define DUMP_LAST_SELECTOR 4296

int capsim_dump(struct genode *g, struct component *c, const char *path, char *err, size_t errsize) {
  (void)g;
  struct kobj *task = find_task(c->task_kid);
  if (!task || !task->space) {
    text_fmt(err, errsize, "task %u has no object space", c->id);
    return -1;
  }
  FILE *f = fopen(path, "w");
  if (!f) {
    text_fmt(err, errsize, "cannot write %s", path);
    return -1;
  }
  fprintf(f, "task\t%u\t%s\n", c->id, c->label);
  for (uint32_t sel = 0; sel <= DUMP_LAST_SELECTOR; sel++) {
    struct slot *s = space_slot(task->space, sel, false);
    if (s && s->obj)
      fprintf(f, "slot\t%u\t%u\t%u\t%u\t%llu\n", sel, s->obj->id, s->obj->kind, s->rights,
              (unsigned long long)s->obj->label);
  }
  for (unsigned i = 0; i < GENODE_THREAD_MAX; i++)
    if (c->threads[i].used)
      fprintf(f, "thread\t%u\t%u\t%s\n", i, c->threads[i].state, c->threads[i].name);
  for (unsigned i = 0; i < c->map.size; i++) {
    const struct cap_entry *e = &c->map.e[i];
    if (!e->id)
      continue;
    const struct agent_semantics *m = e->sem;
    fprintf(f, "entry\t%u\t%u\t%u\t%u\t%d\t%llu\t%s\t%s\t%s\t%s\n", i, e->id, e->ref_cnt, e->flags,
            m != NULL, (unsigned long long)(m ? m->quota : 0), m ? m->iface : "", m ? m->label : "",
            m ? m->args : "", m ? m->server : "");
  }
  fprintf(f, "end\n");
  if (fclose(f) != 0) {
    text_fmt(err, errsize, "cannot write %s", path);
    return -1;
  }
  return 0;
}
