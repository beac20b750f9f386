#include "capsim/options.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capsim/profile.h"

static void usage(FILE *f) {
  fprintf(f,
          "usage: capsim --scenario FILE --listen unix:PATH|tcp:HOST:PORT|pty:PATH [--profile NAME]\n"
          "              [--churn RATE] [--seed N] [--allow-restore] [--inject-fault NAME]\n"
          "              [--token TOKEN | --token-file FILE]  (required off loopback)\n"
          "              [--idle-timeout SECONDS]  (default 30, 0 = never)\n"
          "              [--exit-on-stdin-eof]  (a parent that dies takes capsim with it)\n"
          "profiles: %s\n"
          "faults:   restore-drops-last-op mutations-fail\n",
          profile_names());
}

enum {
  OPT_SCENARIO = 256,
  OPT_LISTEN,
  OPT_PROFILE,
  OPT_FAULT,
  OPT_TOKEN,
  OPT_TOKEN_FILE,
  OPT_CHURN,
  OPT_IDLE_TIMEOUT,
  OPT_SEED,
  OPT_ALLOW_RESTORE,
  OPT_EXIT_ON_EOF
};

static const struct option long_options[] = {
    {"help", no_argument, NULL, 'h'},
    {"scenario", required_argument, NULL, OPT_SCENARIO},
    {"listen", required_argument, NULL, OPT_LISTEN},
    {"profile", required_argument, NULL, OPT_PROFILE},
    {"inject-fault", required_argument, NULL, OPT_FAULT},
    {"token", required_argument, NULL, OPT_TOKEN},
    {"token-file", required_argument, NULL, OPT_TOKEN_FILE},
    {"churn", required_argument, NULL, OPT_CHURN},
    {"idle-timeout", required_argument, NULL, OPT_IDLE_TIMEOUT},
    {"seed", required_argument, NULL, OPT_SEED},
    {"allow-restore", no_argument, NULL, OPT_ALLOW_RESTORE},
    {"exit-on-stdin-eof", no_argument, NULL, OPT_EXIT_ON_EOF},
    {NULL, 0, NULL, 0},
};

/* One option's value into o; -1 (with a message) if it is out of range. */
static int take_option(int opt, const char *v, struct options *o) {
  char *end;
  switch (opt) {
  case OPT_SCENARIO: o->scenario = v; break;
  case OPT_LISTEN: o->listen = v; break;
  case OPT_PROFILE: o->profile = v; break;
  case OPT_FAULT: o->fault = v; break;
  case OPT_TOKEN: o->token = v; break;
  case OPT_TOKEN_FILE: o->token_file = v; break;
  case OPT_ALLOW_RESTORE: o->allow_restore = true; break;
  case OPT_EXIT_ON_EOF: o->exit_on_eof = true; break;
  case OPT_CHURN:
    o->churn = strtod(v, &end);
    if (*end || o->churn < 0 || o->churn > 100000) {
      fprintf(stderr, "capsim: --churn takes 0..100000 events per second\n");
      return -1;
    }
    o->has_churn = true;
    break;
  case OPT_IDLE_TIMEOUT:
    o->idle_timeout = strtod(v, &end);
    if (*end || end == v || !(o->idle_timeout >= 0 && o->idle_timeout <= 86400)) {
      fprintf(stderr, "capsim: --idle-timeout takes 0..86400 seconds (0 = never)\n");
      return -1;
    }
    o->has_idle_timeout = true;
    break;
  case OPT_SEED:
    errno = 0;
    o->seed = strtoull(v, &end, 0);
    if (*end || errno || v[0] == '-') {
      fprintf(stderr, "capsim: --seed takes an unsigned number\n");
      return -1;
    }
    o->has_seed = true;
    break;
  }
  return 0;
}

int capsim_parse_args(int argc, char **argv, struct options *o) {
  memset(o, 0, sizeof *o);
  opterr = 0; /* the messages below name the option as it was given */
  for (;;) {
    int prev = optind;
    int opt = getopt_long(argc, argv, ":h", long_options, NULL);
    if (opt == -1)
      break;
    if (opt == 'h') {
      usage(stdout);
      exit(0);
    }
    if (opt == ':') {
      fprintf(stderr, "capsim: %s needs a value\n", argv[prev]);
      return -1;
    }
    if (opt == '?') {
      fprintf(stderr, "capsim: unknown option %s\n", argv[prev]);
      return -1;
    }
    if (take_option(opt, optarg, o) != 0)
      return -1;
  }
  if (optind < argc) {
    fprintf(stderr, "capsim: unknown option %s\n", argv[optind]);
    return -1;
  }
  if (!o->scenario || !o->listen) {
    usage(stderr);
    return -1;
  }
  if (o->token && o->token_file) {
    fprintf(stderr, "capsim: give --token or --token-file, not both\n");
    return -1;
  }
  return 0;
}
