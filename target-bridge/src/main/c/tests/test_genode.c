/* Genode model tests, for each layout profile: what core builds for a
 * component, checked through the L4 API the way the agent sees it. */
#include <stdio.h>
#include <l4sim/obj_info.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <l4/sys/debugger.h>
#include <l4/sys/task.h>
#include <l4sim/sim.h>

#include "capsim/genode.h"
#include "capsim/scenario.h"
#include "tests/check.h"

#define KCAP(sel) ((l4_cap_idx_t)(sel) << L4_CAP_SHIFT)

static struct genode g;

static int valid_in(struct component *c, unsigned sel) {
  l4sim_enter_task(g.core_kid);
  return (int)l4_msgtag_label(l4_task_cap_valid(KCAP(c->task_core_sel), KCAP(sel)));
}

static l4_debugger_obj_info_t info_in(struct component *c, unsigned sel) {
  l4_debugger_obj_info_t i;
  memset(&i, 0, sizeof i);
  l4sim_enter_task(g.core_kid);
  l4_debugger_obj_info(L4_BASE_DEBUGGER_CAP, KCAP(c->task_core_sel), KCAP(sel), &i);
  return i;
}

static unsigned count_valid(struct component *c) {
  unsigned n = 0;
  for (unsigned s = 0; s <= 4296; s++)
    n += valid_in(c, s);
  return n;
}

/* fixed (task + parent) + thread slots + badged cap-map entries in the user area */
static unsigned expected_valid(struct component *c) {
  unsigned n = 2 + genode_thread_count(c) * g.prof->thread_slots_mapped;
  for (unsigned i = g.prof->user_base; i < c->map.size; i++)
    n += c->map.e[i].id && c->map.e[i].id != CAPMAP_ID_NO_BADGE;
  return n;
}

static void check_component_layout(struct component *c) {
  const struct profile *p = g.prof;
  CHECK_EQ(valid_in(c, 0), 0);
  CHECK_EQ(valid_in(c, p->task_cap), 1);
  CHECK_EQ(info_in(c, p->task_cap).kind, L4_KOBJ_TASK);
  CHECK_EQ(info_in(c, p->task_cap).global_id, c->task_kid);
  CHECK_EQ(valid_in(c, p->parent_cap), 1);
  CHECK_EQ(info_in(c, p->parent_cap).kind, L4_KOBJ_IPC_GATE);
  CHECK_EQ(info_in(c, p->parent_cap).label, c->map.e[p->parent_cap].id);
  CHECK_EQ(c->map.e[p->thread_base].id, 1); /* main thread */
  CHECK_EQ(valid_in(c, 2), 0);              /* components get no factory */
  if (p->debug_cap)
    CHECK_EQ(valid_in(c, p->debug_cap), 0);
  for (unsigned t = 0; t < GENODE_THREAD_MAX; t++) {
    unsigned base = p->thread_base + t * p->thread_slot;
    for (unsigned k = 0; k < p->thread_slot; k++)
      CHECK_EQ(valid_in(c, base + k), c->threads[t].used && k < p->thread_slots_mapped);
    if (c->threads[t].used) {
      CHECK_EQ(info_in(c, base + THREAD_GATE).kind, L4_KOBJ_THREAD);
      CHECK_EQ(info_in(c, base + THREAD_PAGER).kind, L4_KOBJ_IPC_GATE);
      CHECK_EQ(info_in(c, base + THREAD_PAGER).label, c->threads[t].badge);
      CHECK_EQ(info_in(c, base + THREAD_IRQ).kind, L4_KOBJ_IRQ_SENDER);
    }
  }
  unsigned windows = 0;
  for (unsigned i = 0; i < c->map.size; i++) {
    uint32_t id = c->map.e[i].id;
    if (!id)
      continue;
    if (id == CAPMAP_ID_NO_BADGE) {
      windows++;
      CHECK(i >= p->user_base);
      CHECK_EQ(valid_in(c, i), 0); /* windows are empty between receives */
      continue;
    }
    CHECK(id == 1 || id % g.prof->id_step == 0);
    if (i >= p->user_base) {
      CHECK_EQ(valid_in(c, i), 1);
      CHECK_EQ(info_in(c, i).label, id); /* badge = gate label */
      CHECK(c->map.e[i].sem != NULL);
    }
  }
  unsigned with_window = 0, servers = 0;
  for (unsigned i = 0; i < GENODE_THREAD_MAX; i++) {
    with_window += c->threads[i].used && c->threads[i].rcv_window >= 0;
    servers += i > 0 && c->threads[i].used && strncmp(c->threads[i].name, "signal", 6) != 0;
  }
  CHECK_EQ(windows, 4 * with_window);
  if (p->server_windows) {
    /* Genode 25.02: the RPC-serving threads keep one; main only until the first of them */
    CHECK_EQ(with_window, servers ? servers : 1);
    CHECK_EQ(c->threads[0].rcv_window >= 0, servers == 0);
  } else {
    CHECK_EQ(with_window, genode_thread_count(c));
    CHECK_EQ(c->map.e[p->user_base].id, CAPMAP_ID_NO_BADGE); /* first-fit: main's window */
  }
  CHECK_EQ(count_valid(c), expected_valid(c));
}

static void with_profile(const char *name, void (*body)(void)) {
  CHECK(genode_boot(&g, profile_find(name)) == 0);
  body();
  genode_shutdown(&g);
  CHECK_EQ(l4sim_live_objects(), 0);
}

static void body_layout(void) {
  struct component *init = genode_start(&g, "init", NULL, 64 << 20);
  CHECK(init != NULL);
  struct component *timer = genode_start(&g, "timer", init, 1 << 20);
  struct component *c = genode_start(&g, "client", init, 1 << 20);
  CHECK(timer && c);
  if (!init || !timer || !c)
    return;
  CHECK(genode_thread_start(&g, c, "ep") == 1);
  CHECK(genode_session_open(&g, c, "Timer", "", "", timer, 8192, false) >= (int)g.prof->user_base);
  CHECK(genode_dataspace_alloc(&g, c, 4096, "heap") > 0);
  CHECK(genode_signal_context_alloc(&g, c, "timeout") > 0);
  check_component_layout(init);
  check_component_layout(timer);
  check_component_layout(c);
  CHECK_EQ(strcmp(c->label, "init -> client"), 0);
}

static void body_session_close(void) {
  struct component *init = genode_start(&g, "init", NULL, 64 << 20);
  struct component *timer = genode_start(&g, "timer", init, 1 << 20);
  struct component *c = genode_start(&g, "client", init, 1 << 20);
  if (!init || !timer || !c) {
    CHECK(0);
    return;
  }
  uint32_t live = l4sim_live_objects();
  unsigned init_used = capmap_used(&init->map), timer_used = capmap_used(&timer->map);
  uint64_t gen = genode_generation(&g, c);
  int sel = genode_session_open(&g, c, "Timer", "", "", timer, 8192, false);
  CHECK(sel > 0);
  uint16_t badge = c->map.e[sel].id;
  CHECK(badge % 4 == 0 && badge != 0);
  CHECK(genode_generation(&g, c) > gen);
  /* Server and routing parent hold the same object under the same badge. */
  CHECK_EQ(capmap_used(&init->map), init_used + 1);
  CHECK_EQ(capmap_used(&timer->map), timer_used + 1);
  CHECK_EQ(info_in(c, (unsigned)sel).mappings, 4); /* core, server, parent, client */
  CHECK_EQ(strcmp(c->map.e[sel].sem->iface, "Timer"), 0);
  CHECK_EQ(strcmp(c->map.e[sel].sem->server, "init -> timer"), 0);
  CHECK(c->map.e[sel].flags & CAPMAP_FLAG_SESSION);
  gen = genode_generation(&g, c);
  CHECK_EQ(genode_rpc_close(&g, c, (unsigned)sel), 0);
  CHECK_EQ(valid_in(c, (unsigned)sel), 0);
  CHECK_EQ(c->map.e[sel].id, 0);
  CHECK_EQ(capmap_used(&init->map), init_used);
  CHECK_EQ(capmap_used(&timer->map), timer_used);
  CHECK_EQ(l4sim_live_objects(), live);
  CHECK(genode_generation(&g, c) > gen);
  CHECK(genode_rpc_close(&g, c, (unsigned)sel) < 0);
  /* First-fit: the freed entry is the next one handed out. */
  int sel2 = genode_session_open(&g, c, "ROM", "config", "", NULL, 0, false);
  CHECK_EQ(sel2, sel);
  CHECK(c->map.e[sel2].id != badge); /* next-fit ids: a new badge */
}

static void body_threads(void) {
  struct component *c = genode_start(&g, "app", NULL, 1 << 20);
  if (!c) {
    CHECK(0);
    return;
  }
  int t1 = genode_thread_start(&g, c, "ep");
  int t2 = genode_thread_start(&g, c, "worker");
  CHECK_EQ(t1, 1);
  CHECK_EQ(t2, 2);
  check_component_layout(c);
  unsigned base1 = g.prof->thread_base + 1 * g.prof->thread_slot;
  CHECK_EQ(genode_thread_exit(&g, c, 1), 0);
  for (unsigned k = 0; k < g.prof->thread_slot; k++)
    CHECK_EQ(valid_in(c, base1 + k), 0);
  CHECK_EQ(c->map.e[base1].id, 0);
  check_component_layout(c);
  CHECK(genode_thread_exit(&g, c, 0) < 0);
  CHECK(genode_thread_exit(&g, c, 1) < 0);
  CHECK_EQ(genode_thread_start(&g, c, "again"), 1); /* lowest free index */
  check_component_layout(c);
}

static void body_insert_map(void) {
  struct component *c = genode_start(&g, "app", NULL, 1 << 20);
  if (!c) {
    CHECK(0);
    return;
  }
  int ds = genode_dataspace_alloc(&g, c, 4096, "ds");
  CHECK(ds > 0);
  uint32_t badge = c->map.e[ds].id;
  unsigned win = (unsigned)c->threads[0].rcv_window;
  /* The same cap arrives again: insert_map finds it equal, takes a ref. */
  l4sim_enter_task(c->task_kid);
  l4_task_map(L4_BASE_TASK_CAP, L4_BASE_TASK_CAP, l4_obj_fpage(KCAP(ds), 0, L4_FPAGE_RWX),
              KCAP(win) | L4_ITEM_MAP);
  CHECK_EQ(capmap_insert_map(&c->map, badge, win, NULL, 0), ds);
  CHECK_EQ(c->map.e[ds].ref_cnt, 2);
  CHECK_EQ(valid_in(c, win), 0);
  /* A different object under a live id is refused. */
  CHECK_EQ(genode_raw_gate(&g, c, win, 0x999), 0);
  l4sim_enter_task(c->task_kid);
  CHECK_EQ(capmap_insert_map(&c->map, badge, win, NULL, 0), -1);
  CHECK_EQ(valid_in(c, win), 0);
  /* A stale entry (object gone) is reused for the new cap. */
  CHECK_EQ(genode_raw_unmap(&g, c, (unsigned)ds), 0);
  CHECK_EQ(genode_raw_gate(&g, c, win, badge), 0);
  l4sim_enter_task(c->task_kid);
  CHECK_EQ(capmap_insert_map(&c->map, badge, win, NULL, 0), ds);
  CHECK_EQ(valid_in(c, (unsigned)ds), 1);
}

static void body_session_at(void) {
  struct component *c = genode_start(&g, "app", NULL, 1 << 20);
  if (!c) {
    CHECK(0);
    return;
  }
  struct agent_semantics sem;
  memset(&sem, 0, sizeof sem);
  strcpy(sem.iface, "LOG");
  strcpy(sem.label, "app -> restored");
  uint16_t badge = 0;
  uint32_t obj = 0;
  unsigned sel = g.prof->user_base + 0x40;
  CHECK_EQ(genode_session_at(&g, c, sel, &sem, &badge, &obj), 0);
  CHECK_EQ(valid_in(c, sel), 1);
  CHECK_EQ(c->map.e[sel].id, badge);
  CHECK_EQ(info_in(c, sel).label, badge);
  CHECK_EQ(info_in(c, sel).global_id, obj);
  strcpy(sem.server, "nobody");
  CHECK(genode_session_at(&g, c, sel + 1, &sem, &badge, &obj) < 0);
}

#define PROFILE_TESTS(body)                                            \
  static void body##_16(void) { with_profile("genode-foc-16", body); } \
  static void body##_17(void) { with_profile("genode-foc-17", body); } \
  static void body##_19(void) { with_profile("genode-foc-19", body); } \
  static void body##_25(void) { with_profile("genode-foc-25", body); }

PROFILE_TESTS(body_layout)
PROFILE_TESTS(body_session_close)
PROFILE_TESTS(body_threads)
PROFILE_TESTS(body_insert_map)
PROFILE_TESTS(body_session_at)

static void profiles_table(void) {
  const struct profile *p16 = profile_find("genode-foc-16");
  const struct profile *p19 = profile_find("genode-foc-19");
  CHECK(p16 && p19 && !profile_find("genode-foc-99"));
  if (!p16 || !p19)
    return;
  CHECK_EQ(p16->parent_cap, 8);
  CHECK_EQ(p16->thread_base, 9);
  CHECK_EQ(p16->user_base, 0x200);
  CHECK_EQ(p19->parent_cap, 0xb);
  CHECK_EQ(p19->thread_slot, 5);
  CHECK_EQ(p19->user_base, 0x300);
  CHECK_EQ(p19->id_bits, 16);
  /* Genode 25.02: the selectors of 19.05, 32-bit ids 8-aligned */
  const struct profile *p25 = profile_find("genode-foc-25");
  CHECK(p25 != NULL);
  if (!p25)
    return;
  CHECK_EQ(p25->parent_cap, p19->parent_cap);
  CHECK_EQ(p25->thread_base, p19->thread_base);
  CHECK_EQ(p25->thread_slot, p19->thread_slot);
  CHECK_EQ(p25->user_base, p19->user_base);
  CHECK_EQ(p25->id_bits, 32);
  CHECK_EQ(p25->id_step, 8);
  /* as recorded: vcpu slots of normal threads empty, startup entries unreferenced */
  CHECK_EQ(p25->thread_slots_mapped, 3);
  CHECK_EQ(p25->startup_ref, 0);
  CHECK_EQ(p19->thread_slots_mapped, 5);
  CHECK_EQ(p19->startup_ref, 1);
}

/* genode-foc-25 with core's ids past 16 bits: entries hold them whole, gates
 * carry them as labels; CREATE_SESSION, whose answer has 16 bits, refuses. */
static void wide_ids_foc25(void) {
  CHECK(genode_boot(&g, profile_find("genode-foc-25")) == 0);
  CHECK(genode_ids_from(&g, 0x3) != 0); /* not a multiple of 8 */
  CHECK_EQ(genode_ids_from(&g, 0xFFE0), 0);
  struct component *init = genode_start(&g, "init", NULL, 64 << 20);
  struct component *c = genode_start(&g, "client", init, 1 << 20);
  CHECK(init && c);
  if (init && c) {
    CHECK(genode_session_open(&g, c, "LOG", "", "", init, 8192, false) >= (int)g.prof->user_base);
    unsigned wide = 0;
    for (unsigned i = 0; i < c->map.size; i++)
      wide += c->map.e[i].id > 0xFFFF && c->map.e[i].id != CAPMAP_ID_NO_BADGE;
    CHECK(wide >= 3);
    check_component_layout(init);
    check_component_layout(c);
    struct agent_semantics sem;
    memset(&sem, 0, sizeof sem);
    strcpy(sem.iface, "LOG");
    uint16_t badge = 0;
    uint32_t obj = 0;
    uint32_t live = l4sim_live_objects();
    CHECK(genode_session_at(&g, c, g.prof->user_base + 0x40, &sem, &badge, &obj) < 0);
    CHECK(strstr(g.err, "16-bit badge") != NULL);
    CHECK_EQ(l4sim_live_objects(), live); /* nothing left behind */
  }
  genode_shutdown(&g);
  CHECK_EQ(l4sim_live_objects(), 0);
}

/* ---- scenario files ------------------------------------------------------ */

static char scn_dir[64];

static const char *write_scn(const char *name, const char *text) {
  static char path[128];
  snprintf(path, sizeof path, "%s/%s", scn_dir, name);
  FILE *f = fopen(path, "w");
  if (f) {
    fputs(text, f);
    fclose(f);
  }
  return path;
}

/* Load and apply; returns 0 or -1 with the error in err. */
static int run_scn(const char *path, char *err, size_t n) {
  struct scenario sc;
  int rc = scenario_load(&sc, path);
  if (rc == 0) {
    rc = genode_boot(&g, profile_find(sc.profile[0] ? sc.profile : "genode-foc-19"));
    if (rc == 0)
      rc = scenario_apply(&sc, &g);
  }
  snprintf(err, n, "%s", sc.err);
  scenario_free(&sc);
  genode_shutdown(&g);
  return rc;
}

static void scenario_errors_name_file_and_line(void) {
  static const struct {
    const char *text, *expect;
  } cases[] = {
      {"component a\nfrobnicate a\n", ":2: unknown directive 'frobnicate'"},
      {"component a\nsession b LOG\n", ":2: no component 'b'"},
      {"component a\ndataspace a lots\n", ":2: usage: dataspace"},
      {"component a parent=nobody\n", ":1: no parent component 'nobody'"},
      {"component a\nsession a LOG server=a\n", ":2: a component cannot open a session at itself"},
      {"component a\nsession a LOG label=\"open\n", ":2: unbalanced quotes"},
      {"component a\ncomponent a\n", ":2: component 'a' exists"},
      {"component a colour=red\n", ":1: unexpected 'colour=red'"},
      {"churn fast\n", ":1: churn rate"},
      {"# nothing\n", "scenario starts no component"},
      {"component a\nraw-window a 0x3ff 4\nraw-window a 4095 2\n", ":3: usage: raw-window"},
      {"include missing.scn\n", "missing.scn"},
      {"profile l4re\ncomponent a\n", ":2: 'component' needs a Genode profile"},
      {"component a\nprogram p\n", ":2: 'program' needs the l4re profile"},
      {"profile l4re\nprogram p\ncap p 5 widget\n", ":3: unknown kind widget"},
      {"profile l4re\nprogram p\ncap p 5 gate name=x count=2\n", ":3: a name belongs to one"},
      {"profile l4re\nprogram p\ncopy p 0x1000 3\n", ":3: usage: copy"},
      {"component a\nraw-gate a 4297\n", ":2: raw-gate: selector 4297 is outside 1..4296"},
      {"component a\nraw-unmap a 0x10c9\n", ":2: raw-unmap: selector 4297 is outside 1..4296"},
      {"component a\ncomponent \"b\x1b]0;x\x07\"\n", ":2: control character \\x1b at column 13"},
      {"component a\ncomponent b\rFAKE\n", ":2: control character \\x0d at column 12"},
      {"component a\nsession a LOG label=\"\xe2\x80\xaegnp.exe\"\n",
       ":2: invisible or control character \\u202e"},
      {"component a\nthread a w\xe2\x80\x8bx\n", ":2: invisible or control character \\u200b"},
      {"component a\nthread a \xc2\x9b"
       "2J\n",
       ":2: invisible or control character \\u009b"},
  };
  for (unsigned i = 0; i < sizeof cases / sizeof *cases; i++) {
    char err[512];
    const char *path = write_scn("bad.scn", cases[i].text);
    CHECK_EQ(run_scn(path, err, sizeof err), -1);
    if (!strstr(err, cases[i].expect))
      fprintf(stderr, "case %u: got '%s', want '%s'\n", i, err, cases[i].expect);
    CHECK(strstr(err, cases[i].expect) != NULL);
  }
  CHECK_EQ(l4sim_live_objects(), 0);
}

/* The documented limits hold on the line that crosses them, before anything boots (no objects made). */
static void scenario_size_limits(void) {
  static const struct {
    const char *text, *expect;
  } cases[] = {
      {"component init\nrepeat 999 component c{i} parent=init\ncomponent one-too-many\n",
       ":3: this line takes the scenario past 1000 components"},
      {"repeat 1001 component c{i}\n", ":1: this line takes the scenario past 1000 components"},
      {"component a\nsession a LOG count=2000\nsession a ROM\n",
       ":3: this line takes the scenario past 2000 sessions"},
      {"component a\nrepeat 1000 dataspace a 4K count=4\nsignal-context a\n",
       ":3: this line takes the scenario past 4000 caps"},
      {"component a\nrepeat 4000 thread a t{i}\nraw-gate a 5\n",
       ":3: this line takes the scenario past 4000 caps"},
  };
  for (unsigned i = 0; i < sizeof cases / sizeof *cases; i++) {
    struct scenario sc;
    const char *path = write_scn("big.scn", cases[i].text);
    CHECK_EQ(scenario_load(&sc, path), -1);
    if (!strstr(sc.err, cases[i].expect))
      fprintf(stderr, "case %u: got '%s', want '%s'\n", i, sc.err, cases[i].expect);
    CHECK(strstr(sc.err, cases[i].expect) != NULL);
    CHECK(strstr(sc.err, "make the scenario smaller") != NULL);
    scenario_free(&sc);
    CHECK_EQ(l4sim_live_objects(), 0);
  }
  /* Exactly at the limits it loads. */
  const char *path =
      write_scn("max.scn", "component init\nrepeat 999 component c{i} parent=init\n"
                           "session c1 LOG count=2000\nrepeat 1000 dataspace c{i} 4K count=4\n");
  struct scenario sc;
  CHECK_EQ(scenario_load(&sc, path), 0);
  CHECK_EQ(sc.ncomponents, 1000ul);
  CHECK_EQ(sc.nsessions, 2000ul);
  CHECK_EQ(sc.ncaps, 4000ul);
  scenario_free(&sc);
}

static void scenario_repeat_include_quotes(void) {
  write_scn("part.scn", "repeat 3 component w{i} parent=init\n");
  const char *path =
      write_scn("main.scn", "profile genode-foc-17 # trailing comment\n"
                            "component init ram=4M\n"
                            "include part.scn\n"
                            "session w2 ROM label=\"my \\\"config\\\"\" quota=0x2000 count=2\n"
                            "churn 12.5 seed=99\n");
  struct scenario sc;
  CHECK_EQ(scenario_load(&sc, path), 0);
  CHECK_EQ(strcmp(sc.profile, "genode-foc-17"), 0);
  CHECK(sc.has_churn && sc.churn_rate == 12.5 && sc.has_seed && sc.churn_seed == 99);
  CHECK_EQ(genode_boot(&g, profile_find(sc.profile)), 0);
  CHECK_EQ(scenario_apply(&sc, &g), 0);
  CHECK_EQ(g.ncomps, 4);
  struct component *w2 = genode_find(&g, "w2");
  CHECK(w2 != NULL);
  if (w2) {
    CHECK_EQ(strcmp(w2->label, "init -> w2"), 0);
    unsigned found = 0;
    for (unsigned i = 0; i < w2->map.size; i++)
      if (w2->map.e[i].sem && !strcmp(w2->map.e[i].sem->label, "init -> w2 -> my \"config\"")) {
        found++;
        CHECK_EQ(w2->map.e[i].sem->quota, 0x2000);
        CHECK_EQ(strcmp(w2->map.e[i].sem->iface, "ROM"), 0);
      }
    CHECK_EQ(found, 2);
  }
  genode_shutdown(&g);
  scenario_free(&sc);
  uint64_t v;
  CHECK(scn_parse_size("64K", &v) && v == 65536);
  CHECK(scn_parse_size("0x10", &v) && v == 16);
  CHECK(!scn_parse_size("-1", &v));
  CHECK(!scn_parse_size("12Q", &v));
}

int main(int argc, char **argv) {
  snprintf(scn_dir, sizeof scn_dir, "/tmp/capsim-scn-XXXXXX");
  if (!mkdtemp(scn_dir))
    return 1;
  static const struct test_case tests[] = {
      {"profiles_table", profiles_table},
      {"layout_foc16", body_layout_16},
      {"layout_foc17", body_layout_17},
      {"layout_foc19", body_layout_19},
      {"layout_foc25", body_layout_25},
      {"session_close_foc16", body_session_close_16},
      {"session_close_foc17", body_session_close_17},
      {"session_close_foc19", body_session_close_19},
      {"session_close_foc25", body_session_close_25},
      {"threads_foc16", body_threads_16},
      {"threads_foc17", body_threads_17},
      {"threads_foc19", body_threads_19},
      {"threads_foc25", body_threads_25},
      {"insert_map_foc16", body_insert_map_16},
      {"insert_map_foc17", body_insert_map_17},
      {"insert_map_foc19", body_insert_map_19},
      {"insert_map_foc25", body_insert_map_25},
      {"session_at_foc16", body_session_at_16},
      {"session_at_foc17", body_session_at_17},
      {"session_at_foc19", body_session_at_19},
      {"session_at_foc25", body_session_at_25},
      {"wide_ids_foc25", wide_ids_foc25},
      {"scenario_errors_name_file_and_line", scenario_errors_name_file_and_line},
      {"scenario_repeat_include_quotes", scenario_repeat_include_quotes},
      {"scenario_size_limits", scenario_size_limits},
  };
  int rc = run_tests(tests, (int)(sizeof tests / sizeof *tests), argc, argv);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", scn_dir);
  if (system(cmd) != 0)
    fprintf(stderr, "could not remove %s\n", scn_dir);
  return rc;
}
