#include "capsim/commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capsim/dump.h"
#include "capsim/scenario.h"
#include "capsim/text.h"

#define MAX_ARGS 8

static const char *const help =
    "ok commands: open-session TASK SERVICE [LABEL] [SERVER] | close-session TASK SELECTOR | "
    "start-thread TASK NAME | exit-thread TASK INDEX | rename-thread TASK INDEX NAME | alloc-dataspace "
    "TASK SIZE [LABEL] | "
    "free-dataspace TASK SELECTOR | churn-step [COUNT] | generation TASK | dump TASK FILE | tasks | "
    "quit";

static bool number(const char *t, unsigned long max, unsigned long *v) {
  char *end;
  if (!t || !*t || *t == '-')
    return false;
  *v = strtoul(t, &end, 0);
  return !*end && *v <= max;
}

void command_run(struct genode *g, struct churn *ch, const char *line, char *out, size_t size,
                 bool *quit) {
  char buf[512];
  text_fmt(buf, sizeof buf, "%s", line);
  char *argv[MAX_ARGS + 1];
  int argc = 0;
  for (char *t = strtok(buf, " \t\r\n"); t && argc <= MAX_ARGS; t = strtok(NULL, " \t\r\n"))
    argv[argc++] = t;
  if (argc == 0) {
    text_fmt(out, size, "error empty command");
    return;
  }
  const char *cmd = argv[0];
  struct component *c = argc > 1 ? genode_find(g, argv[1]) : NULL;
  unsigned long n = 0;
  uint64_t sz = 0;

  if (!strcmp(cmd, "quit")) {
    *quit = true;
    text_fmt(out, size, "ok bye");
  } else if (!strcmp(cmd, "help")) {
    text_fmt(out, size, "%s", help);
  } else if (!strcmp(cmd, "tasks")) {
    size_t used = (size_t)snprintf(out, size, "ok");
    for (unsigned i = 0; i < g->ncomps && used < size; i++)
      used += (size_t)snprintf(out + used, size - used, " %u:%s", g->comps[i]->id, g->comps[i]->name);
  } else if (!strcmp(cmd, "churn-step")) {
    if (argc > 2 || (argc == 2 && (!number(argv[1], 100000, &n) || n == 0))) {
      text_fmt(out, size, "error usage: churn-step [COUNT]");
      return;
    }
    unsigned long count = argc == 2 ? n : 1;
    char desc[256] = "";
    for (unsigned long i = 0; i < count; i++)
      if (churn_step(ch, desc, sizeof desc) != 0) {
        text_fmt(out, size, "error %s", desc);
        return;
      }
    text_fmt(out, size, "ok %s", desc);
  } else if (argc < 2) {
    text_fmt(out, size, "error usage: %s TASK ... (try help)", cmd);
  } else if (!c) {
    text_fmt(out, size, "error no task '%s'", argv[1]);
  } else if (!strcmp(cmd, "dump") && argc == 3) { /* capsim/dump.c: the true state, for tests */
    char why[160];
    if (capsim_dump(g, c, argv[2], why, sizeof why) == 0)
      text_fmt(out, size, "ok %s", argv[2]);
    else
      text_fmt(out, size, "error %s", why);
  } else if (!strcmp(cmd, "generation") && argc == 2) {
    text_fmt(out, size, "ok %llu", (unsigned long long)genode_generation(g, c));
  } else if (!strcmp(cmd, "open-session") && argc >= 3 && argc <= 5) {
    struct component *server = NULL;
    if (argc == 5 && strcmp(argv[4], "core") && !(server = genode_find(g, argv[4]))) {
      text_fmt(out, size, "error no server '%s'", argv[4]);
      return;
    }
    if (server == c) {
      text_fmt(out, size, "error a component cannot open a session at itself");
      return;
    }
    int sel = genode_session_open(g, c, argv[2], argc >= 4 ? argv[3] : "", "", server, 4096, false);
    if (sel < 0)
      text_fmt(out, size, "error %s", g->err);
    else
      text_fmt(out, size, "ok 0x%x badge=%u", (unsigned)sel, c->map.e[sel].id);
  } else if ((!strcmp(cmd, "close-session") || !strcmp(cmd, "free-dataspace")) && argc == 3) {
    if (!number(argv[2], 0xFFFF, &n))
      text_fmt(out, size, "error bad selector '%s'", argv[2]);
    else if (genode_rpc_close(g, c, (unsigned)n) != 0)
      text_fmt(out, size, "error %s", g->err);
    else
      text_fmt(out, size, "ok");
  } else if (!strcmp(cmd, "start-thread") && argc == 3) {
    int i = genode_thread_start(g, c, argv[2]);
    if (i < 0)
      text_fmt(out, size, "error %s", g->err);
    else
      text_fmt(out, size, "ok %d", i);
  } else if (!strcmp(cmd, "exit-thread") && argc == 3) {
    if (!number(argv[2], GENODE_THREAD_MAX, &n))
      text_fmt(out, size, "error bad thread index '%s'", argv[2]);
    else if (genode_thread_exit(g, c, (unsigned)n) != 0)
      text_fmt(out, size, "error %s", g->err);
    else
      text_fmt(out, size, "ok");
  } else if (!strcmp(cmd, "rename-thread") && argc == 4) {
    if (!number(argv[2], GENODE_THREAD_MAX, &n))
      text_fmt(out, size, "error bad thread index '%s'", argv[2]);
    else if (genode_thread_rename(g, c, (unsigned)n, argv[3]) != 0)
      text_fmt(out, size, "error %s", g->err);
    else
      text_fmt(out, size, "ok");
  } else if (!strcmp(cmd, "alloc-dataspace") && (argc == 3 || argc == 4)) {
    if (!scn_parse_size(argv[2], &sz) || sz == 0) {
      text_fmt(out, size, "error bad size '%s'", argv[2]);
      return;
    }
    int sel = genode_dataspace_alloc(g, c, sz, argc == 4 ? argv[3] : "");
    if (sel < 0)
      text_fmt(out, size, "error %s", g->err);
    else
      text_fmt(out, size, "ok 0x%x badge=%u", (unsigned)sel, c->map.e[sel].id);
  } else {
    text_fmt(out, size, "error unknown command or wrong arguments: %s (try help)", cmd);
  }
}
