/* The kernel debugger's object dump parser (agent/kdump.c): records built
 * here in the kernel's layout, and (when $REAL_L4RE points at the recorded
 * fixtures) a dump recorded on a real Fiasco.OC kernel in QEMU. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent/kdump.h"
#include "protocol/proto.h"
#include "tests/check.h"

static void put64(uint8_t *p, uint64_t v) {
  for (int i = 0; i < 8; i++)
    p[i] = (uint8_t)(v >> (8 * i));
}

static void put32(uint8_t *p, uint32_t v) {
  for (int i = 0; i < 4; i++)
    p[i] = (uint8_t)(v >> (8 * i));
}

/* An object record: JDB type, debug id, kernel address (never 0). */
static uint8_t *object(uint8_t *r, unsigned type, uint64_t id, uint64_t addr) {
  memset(r, 0, KDUMP_RECORD_SIZE);
  put64(r, (uint64_t)type | id << 5);
  put64(r + 8, addr);
  put64(r + 16, 1);
  return r + KDUMP_RECORD_SIZE;
}

/* A slot record: held by space `holder` (named `name`) at `sel` with `rights`. */
static uint8_t *slot(uint8_t *r, uint64_t holder, const char *name, uint32_t sel, unsigned rights) {
  memset(r, 0, KDUMP_RECORD_SIZE);
  put64(r, holder << 5);
  put64(r + 24, 0xffff800000001000u + sel);
  memcpy(r + 32, name, strlen(name) < 16 ? strlen(name) : 16);
  put32(r + 48, sel);
  r[52] = (uint8_t)(rights | 0x10); /* high bits: mapping flags, not rights */
  return r + KDUMP_RECORD_SIZE;
}

static uint8_t recs[64 * KDUMP_RECORD_SIZE];

/* Two tasks (0x21 "ned", 0x2a "hello"), the kernel's space, a gate held by
 * both, a factory, an object of a type the parser does not know. */
static size_t build(void) {
  uint8_t *r = recs;
  r = object(r, 2, 0x5, 0xa000);  /* the kernel's space */
  recs[24] = 1;                   /* ... is_kernel */
  r = object(r, 2, 0x21, 0xa100); /* ned's task */
  r = slot(r, 0x21, "ned", 1, 0xf);
  r = object(r, 2, 0x2a, 0xa200); /* hello's task */
  r = slot(r, 0x2a, "hello", 1, 0xf);
  r = slot(r, 0x21, "ned", 0x420, 0x5);
  uint8_t *gate = r;
  r = object(r, 4, 0x30, 0xa300); /* a gate, label 0x1234 */
  put64(gate + 24, 0x1234);
  r = slot(r, 0x21, "ned", 0x421, 0xf);
  r = slot(r, 0x2a, "hello", 0x16, 0x7);
  r = object(r, 7, 0x3, 0xa400); /* factory */
  r = slot(r, 0x2a, "hello", 2, 0x6);
  r = object(r, 0, 0x44, 0xa500); /* a kind the kernel did not name */
  r = slot(r, 0x2a, "hello", 0x417, 0x4);
  return (size_t)(r - recs) / KDUMP_RECORD_SIZE;
}

static void parses_tasks_slots_kinds(void) {
  struct kdump d;
  kdump_init(&d);
  size_t n = build();
  /* Fed in two pages split inside an object's slot list, as paging does. */
  kdump_feed(&d, recs, 5);
  kdump_feed(&d, recs + 5 * KDUMP_RECORD_SIZE, n - 5);
  CHECK(kdump_finish(&d));
  CHECK_EQ(d.nspaces, 2); /* the kernel's own space is left out */
  CHECK_EQ(d.spaces[0].id, 0x21);
  CHECK(!strcmp(d.spaces[0].name, "ned"));
  CHECK(!strcmp(d.spaces[1].name, "hello"));
  CHECK_EQ(d.spaces[1].nmaps, 4);

  const struct kdump_map *m = kdump_slot(&d, 0x2a, 0x16);
  CHECK(m != NULL);
  if (m) {
    CHECK_EQ(m->rights, 0x7);
    CHECK_EQ(d.objs[m->obj].kind, KIND_IPC_GATE);
    CHECK_EQ(d.objs[m->obj].label, 0x1234);
    CHECK_EQ(d.objs[m->obj].id, 0x30);
    CHECK_EQ(d.objs[m->obj].mappings, 2);
  }
  m = kdump_slot(&d, 0x2a, 2);
  CHECK(m && d.objs[m->obj].kind == 6 && m->rights == 0x6); /* Factory, RS... as given */
  m = kdump_slot(&d, 0x2a, 0x417);
  CHECK(m && d.objs[m->obj].kind == KIND_UNKNOWN && d.objs[m->obj].id == 0x44);
  m = kdump_slot(&d, 0x21, 0x420);
  CHECK(m && d.objs[m->obj].kind == KIND_TASK && d.objs[m->obj].id == 0x2a); /* ned holds hello */
  CHECK(kdump_slot(&d, 0x2a, 3) == NULL);
  CHECK(kdump_slot(&d, 0x99, 1) == NULL);

  /* The checksum moves when a slot's rights do, not otherwise. */
  uint32_t before = kdump_space_crc(&d, 0x2a, PROTO_LAST_SELECTOR);
  kdump_reset(&d);
  kdump_feed(&d, recs, n);
  kdump_finish(&d);
  CHECK_EQ(kdump_space_crc(&d, 0x2a, PROTO_LAST_SELECTOR), before);
  recs[(n - 1) * KDUMP_RECORD_SIZE + 52] = 0x5;
  kdump_reset(&d);
  kdump_feed(&d, recs, n);
  kdump_finish(&d);
  CHECK(kdump_space_crc(&d, 0x2a, PROTO_LAST_SELECTOR) != before);
  kdump_free(&d);
}

static void slot_before_any_object_is_inconsistent(void) {
  struct kdump d;
  kdump_init(&d);
  uint8_t r[KDUMP_RECORD_SIZE];
  slot(r, 0x21, "ned", 1, 0xf);
  kdump_feed(&d, r, 1);
  CHECK(!kdump_finish(&d));
  kdump_free(&d);
}

/* A dump recorded on the real kernel (the agent's --print-dump: one hex record
 * per line after "capscope-agent: kdump ", "kdump-restart" when it read the
 * dump again, then "kdump-task ID NAME VALID [probed N]" per task: what the
 * agent made of it there, and for its own task what l4_task_cap_valid said). */
static void real_kernel_dump(void) {
  const char *dir = getenv("REAL_L4RE");
  CHECK(dir != NULL);
  if (!dir)
    return;
  char path[512];
  snprintf(path, sizeof path, "%s/kdump.txt", dir);
  FILE *f = fopen(path, "r");
  CHECK(f != NULL);
  if (!f)
    return;
  struct kdump d;
  kdump_init(&d);
  static char line[512];
  size_t n = 0;
  unsigned tasks = 0, probed_tasks = 0;
  bool finished = false;
  while (fgets(line, sizeof line, f)) {
    char *at;
    if ((at = strstr(line, "capscope-agent: kdump-restart"))) {
      kdump_reset(&d);
      n = 0;
    } else if ((at = strstr(line, "capscope-agent: kdump-task "))) {
      if (!finished) {
        CHECK(n > 100);
        CHECK(kdump_finish(&d));
        finished = true;
      }
      unsigned long id;
      unsigned valid, probed;
      char name[64];
      int k = sscanf(at + 27, "%lx %63s %u probed %u", &id, name, &valid, &probed);
      CHECK(k >= 3);
      const struct kdump_space *s = kdump_space(&d, id);
      CHECK(s != NULL);
      unsigned have = 0;
      for (unsigned sel = 0; sel <= PROTO_LAST_SELECTOR; sel++)
        have += kdump_slot(&d, id, sel) != NULL;
      CHECK_EQ(have, valid);
      CHECK(s && !strcmp(s->name[0] ? s->name : "-", name));
      if (k == 4) { /* the agent's own task: the dump agrees with l4_task_cap_valid */
        CHECK_EQ(have, probed);
        probed_tasks++;
      }
      tasks++;
    } else if ((at = strstr(line, "capscope-agent: kdump "))) {
      const char *hex = at + 22;
      uint8_t rec[KDUMP_RECORD_SIZE];
      bool ok = strlen(hex) >= 2 * KDUMP_RECORD_SIZE;
      for (int i = 0; ok && i < KDUMP_RECORD_SIZE; i++) {
        unsigned v;
        ok = sscanf(hex + 2 * i, "%2x", &v) == 1;
        rec[i] = (uint8_t)v;
      }
      CHECK(ok);
      kdump_feed(&d, rec, 1);
      n++;
    }
  }
  fclose(f);
  CHECK(tasks >= 3);
  CHECK_EQ(probed_tasks, 1);
  printf("recorded dump: %zu records, %zu objects, %zu slots, %u tasks\n", d.records, d.nobjs, d.nmaps,
         tasks);
  kdump_free(&d);
}

int main(int argc, char **argv) {
  static const struct test_case tests[] = {
      {"parses_tasks_slots_kinds", parses_tasks_slots_kinds},
      {"slot_before_any_object_is_inconsistent", slot_before_any_object_is_inconsistent},
      {"real_kernel_dump", real_kernel_dump},
  };
  return run_tests(tests, 3, argc, argv);
}
