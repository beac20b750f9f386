/* Scenario line syntax shared by reading and applying (scenario_syntax.c).
 * Internal to capsim's scenario files. */
#pragma once
#include <stdbool.h>

#include "capsim/scenario.h"

/* Sets s->err to "FILE:LINE: message" (just the message without a line);
 * returns -1. */
int scn_err_at(struct scenario *s, const struct scn_line *l, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A plain number (no K/M/G suffix) up to max. */
bool scn_parse_uint(const char *t, unsigned long max, unsigned long *out);
/* Value of key=VALUE among tokens [from, ntok), NULL if absent. */
const char *scn_opt(const struct scn_line *l, int from, const char *key);
/* Every token from `from` must be one of the allowed key=value options. */
int scn_check_opts(struct scenario *s, const struct scn_line *l, int from, const char *const *keys);
