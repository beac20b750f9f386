/* Scenario files: a line-based description of a Genode system for capsim
 * (format: samples/scenarios/README.md). Parsing happens in two steps: read
 * (with includes) into directives, then apply them to a booted system. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

#include "capsim/genode.h"

#define SCN_MAX_TOKENS 16

/* Size limits of one scenario (samples/scenarios/README.md), checked while the
 * file is read, before anything boots: within them capsim starts in seconds
 * and never runs out of capability ids. */
#define SCN_MAX_COMPONENTS 1000 /* component and program lines */
#define SCN_MAX_SESSIONS 2000   /* session lines, each count= included */
#define SCN_MAX_CAPS 4000       /* threads, dataspaces, signal contexts, raw-*, cap and copy */

struct scn_line {
  char *file; /* shared, owned by the scenario */
  unsigned lineno;
  int ntok;
  char *tok[SCN_MAX_TOKENS];
};

/* A service some component serves, for churn to open sessions on. */
struct scn_service {
  char iface[AGENT_IFACE_MAX];
  char server[64]; /* "core" or a component name */
};

struct scenario {
  struct scn_line *lines;
  unsigned nlines, caplines;
  char **files;
  unsigned nfiles;
  char profile[64]; /* from a "profile" line, empty if none */
  double churn_rate;
  uint64_t churn_seed;
  bool has_churn, has_seed;
  struct scn_service services[64];
  unsigned nservices;
  unsigned long ncomponents, nsessions, ncaps; /* counted while reading, against SCN_MAX_* */
  char err[512];
};

int scenario_load(struct scenario *s, const char *path);
int scenario_apply(struct scenario *s, struct genode *g);
void scenario_free(struct scenario *s);

/* "4096", "4K", "16M", "1G" or "0x1000". */
bool scn_parse_size(const char *text, uint64_t *out);
