/* Start capsim as a separate process, wait for its ready line, talk to it
 * on stdin/stdout, stop it. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct proc {
  pid_t pid;
  int in_fd, out_fd;
  char buf[8192];
  size_t len;
  char uri[300];
};

/* argv[0] is ignored (the capsim binary comes from $CAPSIM). Returns 0 once
 * "listening <uri>" was printed (within 10 s). */
int proc_start(struct proc *p, const char *const *args);
/* Next stdout line (without newline) within timeout_ms; -1 if none. */
int proc_line(struct proc *p, char *line, size_t size, int timeout_ms);
/* Send one command line and read its one-line answer. */
int proc_cmd(struct proc *p, const char *cmd, char *answer, size_t size);
bool proc_alive(struct proc *p);
/* SIGTERM and wait; returns the exit status (or 128+signal). */
int proc_stop(struct proc *p);
/* Path of a scenario file under $SAMPLES/scenarios. */
const char *scenario_path(const char *name);
const char *capsim_path(void);
