/* Reading a scenario file into directive lines (include, repeat), refusing
 * bad text and oversized scenarios before anything boots. Applying them is
 * scenario_apply.c. */
#include "capsim/scenario.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capsim/scenario_syntax.h"
#include "capsim/text.h"

#define MAX_INCLUDE_DEPTH 8

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
  static const char *const caps[] = {"thread",    "dataspace", "signal-context", "raw-gate",
                                     "raw-unmap", "raw-entry", "raw-window",     "cap",
                                     "copy",      NULL};
  unsigned long n = 1;
  for (int i = 1; i < ntok; i++) /* a bad count= is reported when the line is applied */
    if (!strncmp(tok[i], "count=", 6) && !scn_parse_uint(tok[i] + 6, 4096, &n))
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
    return scn_err_at(
        s, l,
        "this line takes the scenario past %lu %s, capsim's limit (per scenario: %u components, "
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
    else if (p[0] == 0xE2 && p[1] == 0x80 &&
             ((p[2] >= 0x8B && p[2] <= 0x8F) || (p[2] >= 0xA8 && p[2] <= 0xAE)))
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
      return scn_err_at(s, NULL, "out of memory");
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
      return scn_err_at(s, NULL, "out of memory");
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
  if (ntok < 3 || !scn_parse_uint(tok[1], 4096, &n))
    return scn_err_at(s, &here, "usage: repeat COUNT DIRECTIVE...");
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
    return scn_err_at(s, NULL, "%s: includes nested too deep", path);
  FILE *f = fopen(path, "r");
  if (!f)
    return scn_err_at(s, NULL, "%s: %s", path, strerror(errno));
  char **files = realloc(s->files, (s->nfiles + 1) * sizeof *files);
  char *name = strdup(path);
  if (!files || !name) {
    free(name);
    if (files)
      s->files = files;
    fclose(f);
    return scn_err_at(s, NULL, "out of memory");
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
      rc = scn_err_at(s, &here, "line longer than %zu bytes", sizeof buf - 2);
      break;
    }
    char shown[48];
    const char *bad = bad_char(buf, shown, sizeof shown);
    if (bad) {
      rc = scn_err_at(s, &here, "%s at column %zu: names must be printable text; remove it", shown,
                      (size_t)(bad - buf) + 1);
      break;
    }
    char *tok[SCN_MAX_TOKENS + 2];
    int n = tokenize(buf, tok, SCN_MAX_TOKENS + 2);
    if (n < 0)
      rc = scn_err_at(s, &here, "unbalanced quotes or too many words");
    else if (n == 0)
      continue;
    else if (!strcmp(tok[0], "include")) {
      if (n != 2) {
        rc = scn_err_at(s, &here, "usage: include FILE");
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
      rc = scn_err_at(s, &here, "too many words");
    } else {
      rc = add_line(s, name, lineno, tok, n);
    }
  }
  fclose(f);
  return rc;
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
        return scn_err_at(s, l, "usage: profile NAME");
      text_fmt(s->profile, sizeof s->profile, "%s", l->tok[1]);
    } else if (!strcmp(l->tok[0], "churn")) {
      static const char *const keys[] = {"seed", NULL};
      char *end;
      if (l->ntok < 2 || scn_check_opts(s, l, 2, keys))
        return s->err[0] ? -1 : scn_err_at(s, l, "usage: churn RATE [seed=N]");
      s->churn_rate = strtod(l->tok[1], &end);
      if (*end || s->churn_rate < 0 || s->churn_rate > 100000)
        return scn_err_at(s, l, "churn rate must be 0..100000 events per second");
      s->has_churn = true;
      const char *seed = scn_opt(l, 2, "seed");
      if (seed) {
        uint64_t v;
        if (!scn_parse_size(seed, &v))
          return scn_err_at(s, l, "bad seed '%s'", seed);
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
