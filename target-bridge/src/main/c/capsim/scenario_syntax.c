/* The words of scenario lines: sizes, numbers, key=value options, errors
 * that name FILE:LINE. Shared by reading (scenario.c) and applying
 * (scenario_apply.c). */
#include "capsim/scenario_syntax.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capsim/text.h"

int scn_err_at(struct scenario *s, const struct scn_line *l, const char *fmt, ...) {
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

bool scn_parse_uint(const char *t, unsigned long max, unsigned long *out) {
  uint64_t v;
  if (!scn_parse_size(t, &v) || v > max || strpbrk(t, "KkMG"))
    return false;
  *out = (unsigned long)v;
  return true;
}

/* Value of key=VALUE among tokens [from, ntok), NULL if absent. */
const char *scn_opt(const struct scn_line *l, int from, const char *key) {
  size_t k = strlen(key);
  for (int i = from; i < l->ntok; i++)
    if (!strncmp(l->tok[i], key, k) && l->tok[i][k] == '=')
      return l->tok[i] + k + 1;
  return NULL;
}

/* Every token from `from` must be one of the allowed key=value options. */
int scn_check_opts(struct scenario *s, const struct scn_line *l, int from, const char *const *keys) {
  for (int i = from; i < l->ntok; i++) {
    const char *eq = strchr(l->tok[i], '=');
    bool ok = false;
    for (const char *const *k = keys; eq && *k; k++)
      if (strlen(*k) == (size_t)(eq - l->tok[i]) && !strncmp(*k, l->tok[i], strlen(*k)))
        ok = true;
    if (!ok)
      return scn_err_at(s, l, "unexpected '%s' for %s", l->tok[i], l->tok[0]);
  }
  return 0;
}
