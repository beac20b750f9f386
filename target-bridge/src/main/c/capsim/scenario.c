#include "capsim/scenario.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent/proto.h"
#include "capsim/l4re_env.h"
#include "capsim/text.h"

#define MAX_INCLUDE_DEPTH 8

static int err_at(struct scenario *s, const struct scn_line *l, const char *fmt, ...) {
  char msg[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (l)
    text_fmt(s->err, sizeof s->err, "%s:%u: %s", l->file, l->lineno, msg);
  else
    text_fmt(s->err, sizeof s->err, "%s", msg);
  return -1;
}

bool scn_parse_size(const char *t, uint64_t *out) {
  if (!t || !*t)
    return false;
  errno = 0;
  char *end;
  unsigned long long v = strtoull(t, &end, 0);
  if (errno || end == t || t[0] == '-')
    return false;
  uint64_t mul = 1;
  if (*end == 'K' || *end == 'k')
    mul = 1024, end++;
  else if (*end == 'M')
    mul = 1024 * 1024, end++;
  else if (*end == 'G')
    mul = 1024ull * 1024 * 1024, end++;
  if (*end || v > UINT64_MAX / mul)
    return false;
  *out = v * mul;
  return true;
}

/* Largest cap-map id of the layout in use: 16 bits, 32 since Genode 25.02. */
static unsigned long id_max(const struct genode *g) {
  return g->prof->id_bits == 32 ? 0xFFFFFFFFul : 0xFFFFul;
}

static bool parse_uint(const char *t, unsigned long max, unsigned long *out) {
  uint64_t v;
  if (!scn_parse_size(t, &v) || v > max || strpbrk(t, "KkMG"))
    return false;
  *out = (unsigned long)v;
  return true;
}

/* Split a line into tokens; "..." groups words, \" and \\ escape. Tokens
 * are written in place into `buf`. Returns the count, -1 on a bad line. */
static int tokenize(char *buf, char **tok, int max) {
  int n = 0;
  char *r = buf, *w = buf;
  for (;;) {
    while (*r == ' ' || *r == '\t' || *r == '\r' || *r == '\n')
      r++;
    if (!*r || *r == '#')
      return n;
    if (n == max)
      return -1;
    tok[n++] = w;
    bool quoted = false;
    while (*r && (quoted || !(*r == ' ' || *r == '\t' || *r == '\r' || *r == '\n'))) {
      if (*r == '"') {
        quoted = !quoted;
        r++;
      } else if (*r == '\\' && quoted && (r[1] == '"' || r[1] == '\\')) {
        *w++ = r[1];
        r += 2;
      } else {
        *w++ = *r++;
      }
    }
    if (quoted)
      return -1;
    bool end = !*r;
    *w++ = 0;
    if (end)
      return n;
    r++;
  }
}

/* Adds what one directive starts to the scenario's totals; fails on the line
 * that goes over a limit, so an oversized scenario is refused before it boots. */
static int count_sizes(struct scenario *s, const struct scn_line *l, char **tok, int ntok) {
  static const char *const caps[] = {"thread", "dataspace", "signal-context", "raw-gate", "raw-unmap",
                                     "raw-entry", "raw-window", "cap", "copy", NULL};
  unsigned long n = 1;
  for (int i = 1; i < ntok; i++) /* a bad count= is reported when the line is applied */
    if (!strncmp(tok[i], "count=", 6) && !parse_uint(tok[i] + 6, 4096, &n))
      n = 1;
  const char *what = NULL;
  unsigned long *total = NULL, max = 0;
  if (!strcmp(tok[0], "component") || !strcmp(tok[0], "program"))
    what = "components", total = &s->ncomponents, max = SCN_MAX_COMPONENTS;
  else if (!strcmp(tok[0], "session"))
    what = "sessions", total = &s->nsessions, max = SCN_MAX_SESSIONS;
  for (const char *const *c = caps; !what && *c; c++)
    if (!strcmp(tok[0], *c))
      what = "caps", total = &s->ncaps, max = SCN_MAX_CAPS;
  if (!what)
    return 0;
  *total += n;
  if (*total > max)
    return err_at(s, l, "this line takes the scenario past %lu %s, capsim's limit (per scenario: %u components, "
                        "%u sessions, %u caps); make the scenario smaller",
                  max, what, SCN_MAX_COMPONENTS, SCN_MAX_SESSIONS, SCN_MAX_CAPS);
  return 0;
}

/* Names end up on terminals and in snapshots: no control characters, no
 * invisible or direction-changing ones (UTF-8 of U+061C, U+200B..U+200F,
 * U+2028..U+202E, U+2060..U+206F, U+FEFF, and C1 controls). */
static const char *bad_char(const char *line, char *shown, size_t size) {
  const unsigned char *p = (const unsigned char *)line;
  for (; *p; p++) {
    bool nl = (*p == '\n' && !p[1]) || (*p == '\r' && p[1] == '\n' && !p[2]);
    if ((*p < 0x20 && *p != '\t' && !nl) || *p == 0x7f) {
      text_fmt(shown, size, "control character \\x%02x", *p);
      return (const char *)p;
    }
    unsigned cp = 0;
    if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
      cp = p[1];
    else if (p[0] == 0xD8 && p[1] == 0x9C)
      cp = 0x061C;
    else if (p[0] == 0xE2 && p[1] == 0x80 && ((p[2] >= 0x8B && p[2] <= 0x8F) || (p[2] >= 0xA8 && p[2] <= 0xAE)))
      cp = 0x2000 + (p[2] - 0x80);
    else if (p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA0 && p[2] <= 0xAF)
      cp = 0x2060 + (p[2] - 0xA0);
    else if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
      cp = 0xFEFF;
    if (cp) {
      text_fmt(shown, size, "invisible or control character \\u%04x", cp);
      return (const char *)p;
    }
  }
  return NULL;
}

static int add_line(struct scenario *s, char *file, unsigned lineno, char **tok, int ntok) {
  struct scn_line here = {.file = file, .lineno = lineno};
  if (count_sizes(s, &here, tok, ntok) != 0)
    return -1;
  if (s->nlines == s->caplines) {
    unsigned n = s->caplines ? s->caplines * 2 : 64;
    struct scn_line *l = realloc(s->lines, n * sizeof *l);
    if (!l)
      return err_at(s, NULL, "out of memory");
    s->lines = l;
    s->caplines = n;
  }
  struct scn_line *l = &s->lines[s->nlines];
  memset(l, 0, sizeof *l);
  l->file = file;
  l->lineno = lineno;
  for (int i = 0; i < ntok; i++) {
    if (!(l->tok[i] = strdup(tok[i]))) {
      for (int k = 0; k < i; k++)
        free(l->tok[k]);
      return err_at(s, NULL, "out of memory");
    }
    l->ntok++;
  }
  s->nlines++;
  return 0;
}

/* "repeat N DIRECTIVE..." expands to N directives with {i} = 1..N. */
static int expand_repeat(struct scenario *s, char *file, unsigned lineno, char **tok, int ntok) {
  struct scn_line here = {.file = file, .lineno = lineno};
  unsigned long n;
  if (ntok < 3 || !parse_uint(tok[1], 4096, &n))
    return err_at(s, &here, "usage: repeat COUNT DIRECTIVE...");
  for (unsigned long i = 1; i <= n; i++) {
    char store[SCN_MAX_TOKENS][256];
    char *t[SCN_MAX_TOKENS];
    for (int k = 2; k < ntok; k++) {
      char *o = store[k - 2];
      size_t used = 0;
      for (const char *p = tok[k]; *p && used < 240; p++) {
        if (!strncmp(p, "{i}", 3)) {
          used += (size_t)snprintf(o + used, sizeof store[0] - used, "%lu", i);
          p += 2;
        } else {
          o[used++] = *p;
        }
      }
      o[used] = 0;
      t[k - 2] = o;
    }
    if (add_line(s, file, lineno, t, ntok - 2) != 0)
      return -1;
  }
  return 0;
}

static int load_file(struct scenario *s, const char *path, int depth) {
  if (depth > MAX_INCLUDE_DEPTH)
    return err_at(s, NULL, "%s: includes nested too deep", path);
  FILE *f = fopen(path, "r");
  if (!f)
    return err_at(s, NULL, "%s: %s", path, strerror(errno));
  char **files = realloc(s->files, (s->nfiles + 1) * sizeof *files);
  char *name = strdup(path);
  if (!files || !name) {
    free(name);
    if (files)
      s->files = files;
    fclose(f);
    return err_at(s, NULL, "out of memory");
  }
  s->files = files;
  s->files[s->nfiles++] = name;
  char buf[2048];
  unsigned lineno = 0;
  int rc = 0;
  while (rc == 0 && fgets(buf, sizeof buf, f)) {
    lineno++;
    struct scn_line here = {.file = name, .lineno = lineno};
    if (!strchr(buf, '\n') && !feof(f)) {
      rc = err_at(s, &here, "line longer than %zu bytes", sizeof buf - 2);
      break;
    }
    char shown[48];
    const char *bad = bad_char(buf, shown, sizeof shown);
    if (bad) {
      rc = err_at(s, &here, "%s at column %zu: names must be printable text; remove it", shown,
                  (size_t)(bad - buf) + 1);
      break;
    }
    char *tok[SCN_MAX_TOKENS + 2];
    int n = tokenize(buf, tok, SCN_MAX_TOKENS + 2);
    if (n < 0)
      rc = err_at(s, &here, "unbalanced quotes or too many words");
    else if (n == 0)
      continue;
    else if (!strcmp(tok[0], "include")) {
      if (n != 2) {
        rc = err_at(s, &here, "usage: include FILE");
        break;
      }
      char inc[1024];
      const char *slash = strrchr(path, '/');
      if (tok[1][0] == '/' || !slash)
        text_fmt(inc, sizeof inc, "%s", tok[1]);
      else
        text_fmt(inc, sizeof inc, "%.*s/%s", (int)(slash - path), path, tok[1]);
      rc = load_file(s, inc, depth + 1);
    } else if (!strcmp(tok[0], "repeat")) {
      rc = expand_repeat(s, name, lineno, tok, n);
    } else if (n > SCN_MAX_TOKENS) {
      rc = err_at(s, &here, "too many words");
    } else {
      rc = add_line(s, name, lineno, tok, n);
    }
  }
  fclose(f);
  return rc;
}

/* Value of key=VALUE among tokens [from, ntok), NULL if absent. */
static const char *opt(const struct scn_line *l, int from, const char *key) {
  size_t k = strlen(key);
  for (int i = from; i < l->ntok; i++)
    if (!strncmp(l->tok[i], key, k) && l->tok[i][k] == '=')
      return l->tok[i] + k + 1;
  return NULL;
}

/* Every token from `from` must be one of the allowed key=value options. */
static int check_opts(struct scenario *s, const struct scn_line *l, int from, const char *const *keys) {
  for (int i = from; i < l->ntok; i++) {
    const char *eq = strchr(l->tok[i], '=');
    bool ok = false;
    for (const char *const *k = keys; eq && *k; k++)
      if (strlen(*k) == (size_t)(eq - l->tok[i]) && !strncmp(*k, l->tok[i], strlen(*k)))
        ok = true;
    if (!ok)
      return err_at(s, l, "unexpected '%s' for %s", l->tok[i], l->tok[0]);
  }
  return 0;
}

int scenario_load(struct scenario *s, const char *path) {
  memset(s, 0, sizeof *s);
  if (load_file(s, path, 0) != 0)
    return -1;
  /* Settings that must be known before the system boots. */
  for (unsigned i = 0; i < s->nlines; i++) {
    struct scn_line *l = &s->lines[i];
    if (!strcmp(l->tok[0], "profile")) {
      if (l->ntok != 2)
        return err_at(s, l, "usage: profile NAME");
      text_fmt(s->profile, sizeof s->profile, "%s", l->tok[1]);
    } else if (!strcmp(l->tok[0], "churn")) {
      static const char *const keys[] = {"seed", NULL};
      char *end;
      if (l->ntok < 2 || check_opts(s, l, 2, keys))
        return s->err[0] ? -1 : err_at(s, l, "usage: churn RATE [seed=N]");
      s->churn_rate = strtod(l->tok[1], &end);
      if (*end || s->churn_rate < 0 || s->churn_rate > 100000)
        return err_at(s, l, "churn rate must be 0..100000 events per second");
      s->has_churn = true;
      const char *seed = opt(l, 2, "seed");
      if (seed) {
        uint64_t v;
        if (!scn_parse_size(seed, &v))
          return err_at(s, l, "bad seed '%s'", seed);
        s->churn_seed = v;
        s->has_seed = true;
      }
    }
  }
  return 0;
}

void scenario_free(struct scenario *s) {
  for (unsigned i = 0; i < s->nlines; i++)
    for (int k = 0; k < s->lines[i].ntok; k++)
      free(s->lines[i].tok[k]);
  free(s->lines);
  for (unsigned i = 0; i < s->nfiles; i++)
    free(s->files[i]);
  free(s->files);
  memset(s, 0, sizeof *s);
}

/* ---- applying ----------------------------------------------------------- */

static struct component *need_comp(struct scenario *s, struct genode *g, const struct scn_line *l,
                                   int i) {
  if (i >= l->ntok) {
    err_at(s, l, "%s needs a component name", l->tok[0]);
    return NULL;
  }
  struct component *c = genode_find(g, l->tok[i]);
  if (!c)
    err_at(s, l, "no component '%s' (start it with a component line first)", l->tok[i]);
  return c;
}

static int count_opt(struct scenario *s, const struct scn_line *l, int from, unsigned long *n) {
  const char *c = opt(l, from, "count");
  *n = 1;
  if (c && !parse_uint(c, 4096, n))
    return err_at(s, l, "bad count '%s'", c);
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
  if (l->ntok < 2 || check_opts(s, l, 2, keys))
    return s->err[0] ? -1 : err_at(s, l, "usage: component NAME [parent=NAME|core] [ram=SIZE]");
  const char *pname = opt(l, 2, "parent"), *ram = opt(l, 2, "ram");
  struct component *parent = NULL;
  if (pname && strcmp(pname, "core") && !(parent = genode_find(g, pname)))
    return err_at(s, l, "no parent component '%s'", pname);
  uint64_t quota = 1 << 20;
  if (ram && !scn_parse_size(ram, &quota))
    return err_at(s, l, "bad size '%s'", ram);
  if (strlen(l->tok[1]) >= 64 || strchr(l->tok[1], ' '))
    return err_at(s, l, "component names are one word under 64 bytes");
  if (!genode_start(g, l->tok[1], parent, quota))
    return err_at(s, l, "%s", g->err);
  return 0;
}

static int do_session(struct scenario *s, struct genode *g, const struct scn_line *l) {
  static const char *const keys[] = {"label", "args", "server", "quota", "count", NULL};
  struct component *c = need_comp(s, g, l, 1);
  if (!c)
    return -1;
  if (l->ntok < 3 || l->tok[2][0] == 0 || strchr(l->tok[2], '=') || check_opts(s, l, 3, keys))
    return s->err[0] ? -1
                     : err_at(s, l, "usage: session COMPONENT SERVICE [label=..] [args=..] "
                                    "[server=NAME|core] [quota=SIZE] [count=N]");
  const char *sname = opt(l, 3, "server"), *q = opt(l, 3, "quota");
  struct component *server = NULL;
  if (sname && strcmp(sname, "core") && !(server = genode_find(g, sname)))
    return err_at(s, l, "no server component '%s'", sname);
  if (server == c)
    return err_at(s, l, "a component cannot open a session at itself");
  uint64_t quota = 0;
  if (q && !scn_parse_size(q, &quota))
    return err_at(s, l, "bad quota '%s'", q);
  unsigned long n;
  if (count_opt(s, l, 3, &n))
    return -1;
  for (unsigned long i = 0; i < n; i++)
    if (genode_session_open(g, c, l->tok[2], opt(l, 3, "label"), opt(l, 3, "args"), server, quota,
                            false) < 0)
      return err_at(s, l, "%s", g->err);
  remember_service(s, l->tok[2], server ? server->name : "core");
  return 0;
}

static int do_dataspace(struct scenario *s, struct genode *g, const struct scn_line *l) {
  static const char *const keys[] = {"label", "count", NULL};
  struct component *c = need_comp(s, g, l, 1);
  uint64_t size;
  if (!c)
    return -1;
  if (l->ntok < 3 || !scn_parse_size(l->tok[2], &size) || check_opts(s, l, 3, keys))
    return s->err[0] ? -1 : err_at(s, l, "usage: dataspace COMPONENT SIZE [label=..] [count=N]");
  unsigned long n;
  if (count_opt(s, l, 3, &n))
    return -1;
  for (unsigned long i = 0; i < n; i++)
    if (genode_dataspace_alloc(g, c, size, opt(l, 3, "label")) < 0)
      return err_at(s, l, "%s", g->err);
  return 0;
}

static int do_signal_context(struct scenario *s, struct genode *g, const struct scn_line *l) {
  static const char *const keys[] = {"label", "count", NULL};
  struct component *c = need_comp(s, g, l, 1);
  if (!c || check_opts(s, l, 2, keys))
    return -1;
  unsigned long n;
  if (count_opt(s, l, 2, &n))
    return -1;
  for (unsigned long i = 0; i < n; i++)
    if (genode_signal_context_alloc(g, c, opt(l, 2, "label")) < 0)
      return err_at(s, l, "%s", g->err);
  return 0;
}

static int do_thread(struct scenario *s, struct genode *g, const struct scn_line *l) {
  struct component *c = need_comp(s, g, l, 1);
  if (!c)
    return -1;
  if (l->ntok != 3)
    return err_at(s, l, "usage: thread COMPONENT NAME");
  if (genode_thread_start(g, c, l->tok[2]) < 0)
    return err_at(s, l, "%s", g->err);
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
  if (l->ntok < 3 || !parse_uint(l->tok[2], 0xFFFF, &a))
    return err_at(s, l, "usage: %s COMPONENT %s ...", d, selector ? "SELECTOR" : "INDEX");
  if (selector && (a == 0 || a > PROTO_LAST_SELECTOR))
    return err_at(s, l, "%s: selector %lu is outside 1..%u (0x%x, the last walkable selector); pick one in that range",
                  d, a, PROTO_LAST_SELECTOR, PROTO_LAST_SELECTOR);
  if (!strcmp(d, "raw-gate")) {
    static const char *const keys[] = {"label", NULL};
    const char *lab = opt(l, 3, "label");
    if (check_opts(s, l, 3, keys) || (lab && !parse_uint(lab, id_max(g), &b)))
      return s->err[0] ? -1 : err_at(s, l, "usage: raw-gate COMPONENT SELECTOR [label=N]");
    if (genode_raw_gate(g, c, (unsigned)a, (uint32_t)b) != 0)
      return err_at(s, l, "raw-gate failed: %s", g->err);
  } else if (!strcmp(d, "raw-unmap")) {
    if (l->ntok != 3)
      return err_at(s, l, "usage: raw-unmap COMPONENT SELECTOR");
    if (genode_raw_unmap(g, c, (unsigned)a) != 0)
      return err_at(s, l, "raw-unmap failed: %s", g->err);
  } else if (!strcmp(d, "raw-entry")) {
    static const char *const keys[] = {"interface", "label", NULL};
    if (l->ntok < 4 || !parse_uint(l->tok[3], id_max(g), &b) || b == 0 || a >= c->map.size ||
        check_opts(s, l, 4, keys))
      return s->err[0] ? -1
                       : err_at(s, l, "usage: raw-entry COMPONENT INDEX ID [interface=..] [label=..]");
    struct agent_semantics sem;
    memset(&sem, 0, sizeof sem);
    text_fmt(sem.iface, sizeof sem.iface, "%s", opt(l, 4, "interface") ? opt(l, 4, "interface") : "");
    text_fmt(sem.label, sizeof sem.label, "%s", opt(l, 4, "label") ? opt(l, 4, "label") : "");
    bool has = sem.iface[0] || sem.label[0];
    capmap_set(&c->map, (unsigned)a, (uint32_t)b, 1, has ? CAPMAP_FLAG_SEMANTICS : 0,
               has ? &sem : NULL);
    c->rt_gen++;
  } else if (!strcmp(d, "raw-window")) {
    if (l->ntok != 4 || !parse_uint(l->tok[3], 64, &b) || a + b > c->map.size)
      return err_at(s, l, "usage: raw-window COMPONENT INDEX COUNT");
    for (unsigned long k = 0; k < b; k++)
      capmap_set(&c->map, (unsigned)(a + k), CAPMAP_ID_NO_BADGE, 1, CAPMAP_FLAG_RCV_WINDOW, NULL);
    c->rt_gen++;
  } else {
    return err_at(s, l, "unknown directive '%s'", d);
  }
  return 0;
}

/* ---- L4Re programs (profile l4re) ---------------------------------------- */

static int do_program(struct scenario *s, struct genode *g, const struct scn_line *l) {
  if (l->ntok != 2 || strlen(l->tok[1]) >= 64)
    return err_at(s, l, "usage: program NAME (one word under 64 bytes)");
  if (!l4re_program_start(g, l->tok[1]))
    return err_at(s, l, "%s", g->err);
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
  if (l->ntok < 4 || !parse_uint(l->tok[2], 0xFFF, &sel) ||
      (copy && !parse_uint(l->tok[3], 0xFFF, &from)) ||
      check_opts(s, l, 4, copy ? copy_keys : cap_keys))
    return s->err[0] ? -1
                     : err_at(s, l, copy ? "usage: copy PROGRAM SELECTOR FROM-SELECTOR [name=NAME]"
                                         : "usage: cap PROGRAM SELECTOR KIND [name=NAME] "
                                           "[label=N] [count=N]");
  const char *lab = opt(l, 4, "label"), *name = opt(l, 4, "name");
  if ((lab && !parse_uint(lab, 0xFFFFFFFFul, &label)) || count_opt(s, l, 4, &n))
    return s->err[0] ? -1 : err_at(s, l, "bad label '%s'", lab);
  if (n > 1 && name)
    return err_at(s, l, "a name belongs to one selector (drop count=)");
  struct l4re_cap cap = {.kind = copy ? NULL : l->tok[3], .copy_of = (unsigned)from,
                         .name = name, .label = label};
  for (unsigned long i = 0; i < n; i++) {
    cap.label = lab ? label + i : 0; /* count= gates get consecutive labels */
    if (l4re_cap_put(g, c, (unsigned)(sel + i), &cap) != 0)
      return err_at(s, l, "%s (kinds: %s)", g->err, l4re_cap_kinds());
  }
  return 0;
}

/* ids-from ID: core's next capability ids from ID on (wide ids under genode-foc-25). */
static int do_ids_from(struct scenario *s, struct genode *g, const struct scn_line *l) {
  unsigned long id = 0;
  if (l->ntok != 2 || !parse_uint(l->tok[1], id_max(g), &id))
    return err_at(s, l, "usage: ids-from ID");
  if (genode_ids_from(g, (uint32_t)id) != 0)
    return err_at(s, l, "%s", g->err);
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
      rc = err_at(s, l, "'%s' needs %s profile (this one is %s)", d,
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
      rc = err_at(s, l, "unknown directive '%s'", d);
    if (rc)
      return -1;
  }
  if (g->ncomps == 0)
    return err_at(s, NULL, "scenario starts no component");
  return 0;
}
