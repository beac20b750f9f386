/* Applying a read scenario to a booted system: one function per directive
 * (Genode components, sessions, planted faults; L4Re programs and caps). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/proto.h"
#include "capsim/l4re_env.h"
#include "capsim/scenario.h"
#include "capsim/scenario_syntax.h"
#include "capsim/text.h"

/* Largest cap-map id of the layout in use: 16 bits, 32 since Genode 25.02. */
static unsigned long id_max(const struct genode *g) {
  return g->prof->id_bits == 32 ? 0xFFFFFFFFul : 0xFFFFul;
}

static struct component *need_comp(struct scenario *s, struct genode *g, const struct scn_line *l,
                                   int i) {
  if (i >= l->ntok) {
    scn_err_at(s, l, "%s needs a component name", l->tok[0]);
    return NULL;
  }
  struct component *c = genode_find(g, l->tok[i]);
  if (!c)
    scn_err_at(s, l, "no component '%s' (start it with a component line first)", l->tok[i]);
  return c;
}

static int count_opt(struct scenario *s, const struct scn_line *l, int from, unsigned long *n) {
  const char *c = scn_opt(l, from, "count");
  *n = 1;
  if (c && !scn_parse_uint(c, 4096, n))
    return scn_err_at(s, l, "bad count '%s'", c);
  return 0;
}

static void remember_service(struct scenario *s, const char *iface, const char *server) {
  for (unsigned i = 0; i < s->nservices; i++)
    if (!strcmp(s->services[i].iface, iface) && !strcmp(s->services[i].server, server))
      return;
  if (s->nservices < sizeof s->services / sizeof s->services[0]) {
    text_fmt(s->services[s->nservices].iface, sizeof s->services[0].iface, "%s", iface);
    text_fmt(s->services[s->nservices].server, sizeof s->services[0].server, "%s", server);
    s->nservices++;
  }
}

static int do_component(struct scenario *s, struct genode *g, const struct scn_line *l) {
  static const char *const keys[] = {"parent", "ram", NULL};
  if (l->ntok < 2 || scn_check_opts(s, l, 2, keys))
    return s->err[0] ? -1 : scn_err_at(s, l, "usage: component NAME [parent=NAME|core] [ram=SIZE]");
  const char *pname = scn_opt(l, 2, "parent"), *ram = scn_opt(l, 2, "ram");
  struct component *parent = NULL;
  if (pname && strcmp(pname, "core") && !(parent = genode_find(g, pname)))
    return scn_err_at(s, l, "no parent component '%s'", pname);
  uint64_t quota = 1 << 20;
  if (ram && !scn_parse_size(ram, &quota))
    return scn_err_at(s, l, "bad size '%s'", ram);
  if (strlen(l->tok[1]) >= 64 || strchr(l->tok[1], ' '))
    return scn_err_at(s, l, "component names are one word under 64 bytes");
  if (!genode_start(g, l->tok[1], parent, quota))
    return scn_err_at(s, l, "%s", g->err);
  return 0;
}

static int do_session(struct scenario *s, struct genode *g, const struct scn_line *l) {
  static const char *const keys[] = {"label", "args", "server", "quota", "count", NULL};
  struct component *c = need_comp(s, g, l, 1);
  if (!c)
    return -1;
  if (l->ntok < 3 || l->tok[2][0] == 0 || strchr(l->tok[2], '=') || scn_check_opts(s, l, 3, keys))
    return s->err[0] ? -1
                     : scn_err_at(s, l,
                                  "usage: session COMPONENT SERVICE [label=..] [args=..] "
                                  "[server=NAME|core] [quota=SIZE] [count=N]");
  const char *sname = scn_opt(l, 3, "server"), *q = scn_opt(l, 3, "quota");
  struct component *server = NULL;
  if (sname && strcmp(sname, "core") && !(server = genode_find(g, sname)))
    return scn_err_at(s, l, "no server component '%s'", sname);
  if (server == c)
    return scn_err_at(s, l, "a component cannot open a session at itself");
  uint64_t quota = 0;
  if (q && !scn_parse_size(q, &quota))
    return scn_err_at(s, l, "bad quota '%s'", q);
  unsigned long n;
  if (count_opt(s, l, 3, &n))
    return -1;
  for (unsigned long i = 0; i < n; i++)
    if (genode_session_open(g, c, l->tok[2], scn_opt(l, 3, "label"), scn_opt(l, 3, "args"), server,
                            quota, false) < 0)
      return scn_err_at(s, l, "%s", g->err);
  remember_service(s, l->tok[2], server ? server->name : "core");
  return 0;
}

static int do_dataspace(struct scenario *s, struct genode *g, const struct scn_line *l) {
  static const char *const keys[] = {"label", "count", NULL};
  struct component *c = need_comp(s, g, l, 1);
  uint64_t size;
  if (!c)
    return -1;
  if (l->ntok < 3 || !scn_parse_size(l->tok[2], &size) || scn_check_opts(s, l, 3, keys))
    return s->err[0] ? -1 : scn_err_at(s, l, "usage: dataspace COMPONENT SIZE [label=..] [count=N]");
  unsigned long n;
  if (count_opt(s, l, 3, &n))
    return -1;
  for (unsigned long i = 0; i < n; i++)
    if (genode_dataspace_alloc(g, c, size, scn_opt(l, 3, "label")) < 0)
      return scn_err_at(s, l, "%s", g->err);
  return 0;
}

static int do_signal_context(struct scenario *s, struct genode *g, const struct scn_line *l) {
  static const char *const keys[] = {"label", "count", NULL};
  struct component *c = need_comp(s, g, l, 1);
  if (!c || scn_check_opts(s, l, 2, keys))
    return -1;
  unsigned long n;
  if (count_opt(s, l, 2, &n))
    return -1;
  for (unsigned long i = 0; i < n; i++)
    if (genode_signal_context_alloc(g, c, scn_opt(l, 2, "label")) < 0)
      return scn_err_at(s, l, "%s", g->err);
  return 0;
}

static int do_thread(struct scenario *s, struct genode *g, const struct scn_line *l) {
  struct component *c = need_comp(s, g, l, 1);
  if (!c)
    return -1;
  if (l->ntok != 3)
    return scn_err_at(s, l, "usage: thread COMPONENT NAME");
  if (genode_thread_start(g, c, l->tok[2]) < 0)
    return scn_err_at(s, l, "%s", g->err);
  return 0;
}

/* Planted faults: the kernel or the cap map changed behind Genode's back. */
static int do_raw(struct scenario *s, struct genode *g, const struct scn_line *l) {
  struct component *c = need_comp(s, g, l, 1);
  unsigned long a = 0, b = 0;
  if (!c)
    return -1;
  const char *d = l->tok[0];
  bool selector = !strcmp(d, "raw-gate") || !strcmp(d, "raw-unmap");
  if (l->ntok < 3 || !scn_parse_uint(l->tok[2], 0xFFFF, &a))
    return scn_err_at(s, l, "usage: %s COMPONENT %s ...", d, selector ? "SELECTOR" : "INDEX");
  if (selector && (a == 0 || a > PROTO_LAST_SELECTOR))
    return scn_err_at(
        s, l,
        "%s: selector %lu is outside 1..%u (0x%x, the last walkable selector); pick one in that range",
        d, a, PROTO_LAST_SELECTOR, PROTO_LAST_SELECTOR);
  if (!strcmp(d, "raw-gate")) {
    static const char *const keys[] = {"label", NULL};
    const char *lab = scn_opt(l, 3, "label");
    if (scn_check_opts(s, l, 3, keys) || (lab && !scn_parse_uint(lab, id_max(g), &b)))
      return s->err[0] ? -1 : scn_err_at(s, l, "usage: raw-gate COMPONENT SELECTOR [label=N]");
    if (genode_raw_gate(g, c, (unsigned)a, (uint32_t)b) != 0)
      return scn_err_at(s, l, "raw-gate failed: %s", g->err);
  } else if (!strcmp(d, "raw-unmap")) {
    if (l->ntok != 3)
      return scn_err_at(s, l, "usage: raw-unmap COMPONENT SELECTOR");
    if (genode_raw_unmap(g, c, (unsigned)a) != 0)
      return scn_err_at(s, l, "raw-unmap failed: %s", g->err);
  } else if (!strcmp(d, "raw-entry")) {
    static const char *const keys[] = {"interface", "label", NULL};
    if (l->ntok < 4 || !scn_parse_uint(l->tok[3], id_max(g), &b) || b == 0 || a >= c->map.size ||
        scn_check_opts(s, l, 4, keys))
      return s->err[0]
                 ? -1
                 : scn_err_at(s, l, "usage: raw-entry COMPONENT INDEX ID [interface=..] [label=..]");
    struct agent_semantics sem;
    memset(&sem, 0, sizeof sem);
    text_fmt(sem.iface, sizeof sem.iface, "%s",
             scn_opt(l, 4, "interface") ? scn_opt(l, 4, "interface") : "");
    text_fmt(sem.label, sizeof sem.label, "%s", scn_opt(l, 4, "label") ? scn_opt(l, 4, "label") : "");
    bool has = sem.iface[0] || sem.label[0];
    capmap_set(&c->map, (unsigned)a, (uint32_t)b, 1, has ? CAPMAP_FLAG_SEMANTICS : 0, has ? &sem : NULL);
    c->rt_gen++;
  } else if (!strcmp(d, "raw-window")) {
    if (l->ntok != 4 || !scn_parse_uint(l->tok[3], 64, &b) || a + b > c->map.size)
      return scn_err_at(s, l, "usage: raw-window COMPONENT INDEX COUNT");
    for (unsigned long k = 0; k < b; k++)
      capmap_set(&c->map, (unsigned)(a + k), CAPMAP_ID_NO_BADGE, 1, CAPMAP_FLAG_RCV_WINDOW, NULL);
    c->rt_gen++;
  } else {
    return scn_err_at(s, l, "unknown directive '%s'", d);
  }
  return 0;
}

/* ---- L4Re programs (profile l4re) ---------------------------------------- */

static int do_program(struct scenario *s, struct genode *g, const struct scn_line *l) {
  if (l->ntok != 2 || strlen(l->tok[1]) >= 64)
    return scn_err_at(s, l, "usage: program NAME (one word under 64 bytes)");
  if (!l4re_program_start(g, l->tok[1]))
    return scn_err_at(s, l, "%s", g->err);
  return 0;
}

/* "cap PROGRAM SEL KIND [name=..] [label=N] [count=N]", "copy PROGRAM SEL FROM [name=..]" */
static int do_l4re_cap(struct scenario *s, struct genode *g, const struct scn_line *l) {
  bool copy = !strcmp(l->tok[0], "copy");
  static const char *const cap_keys[] = {"name", "label", "count", NULL};
  static const char *const copy_keys[] = {"name", NULL};
  struct component *c = need_comp(s, g, l, 1);
  unsigned long sel, from = 0, label = 0, n = 1;
  if (!c)
    return -1;
  if (l->ntok < 4 || !scn_parse_uint(l->tok[2], 0xFFF, &sel) ||
      (copy && !scn_parse_uint(l->tok[3], 0xFFF, &from)) ||
      scn_check_opts(s, l, 4, copy ? copy_keys : cap_keys))
    return s->err[0] ? -1
                     : scn_err_at(s, l,
                                  copy ? "usage: copy PROGRAM SELECTOR FROM-SELECTOR [name=NAME]"
                                       : "usage: cap PROGRAM SELECTOR KIND [name=NAME] "
                                         "[label=N] [count=N]");
  const char *lab = scn_opt(l, 4, "label"), *name = scn_opt(l, 4, "name");
  if ((lab && !scn_parse_uint(lab, 0xFFFFFFFFul, &label)) || count_opt(s, l, 4, &n))
    return s->err[0] ? -1 : scn_err_at(s, l, "bad label '%s'", lab);
  if (n > 1 && name)
    return scn_err_at(s, l, "a name belongs to one selector (drop count=)");
  struct l4re_cap cap = {
      .kind = copy ? NULL : l->tok[3], .copy_of = (unsigned)from, .name = name, .label = label};
  for (unsigned long i = 0; i < n; i++) {
    cap.label = lab ? label + i : 0; /* count= gates get consecutive labels */
    if (l4re_cap_put(g, c, (unsigned)(sel + i), &cap) != 0)
      return scn_err_at(s, l, "%s (kinds: %s)", g->err, l4re_cap_kinds());
  }
  return 0;
}

/* ids-from ID: core's next capability ids from ID on (wide ids under genode-foc-25). */
static int do_ids_from(struct scenario *s, struct genode *g, const struct scn_line *l) {
  unsigned long id = 0;
  if (l->ntok != 2 || !scn_parse_uint(l->tok[1], id_max(g), &id))
    return scn_err_at(s, l, "usage: ids-from ID");
  if (genode_ids_from(g, (uint32_t)id) != 0)
    return scn_err_at(s, l, "%s", g->err);
  return 0;
}

static bool l4re_directive(const char *d) {
  return !strcmp(d, "program") || !strcmp(d, "cap") || !strcmp(d, "copy");
}

static bool genode_directive(const char *d) {
  return !strcmp(d, "component") || !strcmp(d, "thread") || !strcmp(d, "session") ||
         !strcmp(d, "dataspace") || !strcmp(d, "signal-context") || !strncmp(d, "raw-", 4) ||
         !strcmp(d, "ids-from");
}

int scenario_apply(struct scenario *s, struct genode *g) {
  for (unsigned i = 0; i < s->nlines; i++) {
    const struct scn_line *l = &s->lines[i];
    const char *d = l->tok[0];
    int rc;
    if (!strcmp(d, "profile") || !strcmp(d, "churn"))
      rc = 0;
    else if (g->prof->l4re ? genode_directive(d) : l4re_directive(d))
      rc = scn_err_at(s, l, "'%s' needs %s profile (this one is %s)", d,
                      g->prof->l4re ? "a Genode" : "the l4re", g->prof->name);
    else if (!strcmp(d, "program"))
      rc = do_program(s, g, l);
    else if (!strcmp(d, "cap") || !strcmp(d, "copy"))
      rc = do_l4re_cap(s, g, l);
    else if (!strcmp(d, "component"))
      rc = do_component(s, g, l);
    else if (!strcmp(d, "thread"))
      rc = do_thread(s, g, l);
    else if (!strcmp(d, "session"))
      rc = do_session(s, g, l);
    else if (!strcmp(d, "dataspace"))
      rc = do_dataspace(s, g, l);
    else if (!strcmp(d, "signal-context"))
      rc = do_signal_context(s, g, l);
    else if (!strncmp(d, "raw-", 4))
      rc = do_raw(s, g, l);
    else if (!strcmp(d, "ids-from"))
      rc = do_ids_from(s, g, l);
    else
      rc = scn_err_at(s, l, "unknown directive '%s'", d);
    if (rc)
      return -1;
  }
  if (g->ncomps == 0)
    return scn_err_at(s, NULL, "scenario starts no component");
  return 0;
}
