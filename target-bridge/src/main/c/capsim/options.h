/* capsim's command line. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

struct options {
  const char *scenario, *listen, *profile, *fault, *token, *token_file;
  double churn, idle_timeout;
  uint64_t seed;
  bool has_churn, has_seed, allow_restore, has_idle_timeout;
  bool exit_on_eof; /* stdin's EOF ends capsim: set by parents that must not leave it behind */
};

/* Parses argv into o (usage and exit 0 on --help); -1 after a message on stderr. */
int capsim_parse_args(int argc, char **argv, struct options *o);
