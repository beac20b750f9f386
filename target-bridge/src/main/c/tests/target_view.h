/* Decoded protocol answers for tests and the benchmark. */
#pragma once
#include <stdint.h>

#include "agent/runtime.h"

struct tv_hello {
  uint16_t version, last_sel, in_flight, ntasks;
  uint32_t flags, max_resp, max_req;
  char kernel[128], profile[64], agent[128];
};

struct tv_task {
  uint32_t id, parent, kid;
  uint16_t threads, valid;
  uint64_t gen;
  char name[AGENT_NAME_MAX];
};

struct tv_capinfo {
  uint16_t sel;
  uint8_t kind, rights, flags;
  uint32_t obj, maps;
  uint64_t label;
};

struct tv_thread {
  uint16_t index, first;
  uint8_t slots, state;
  char name[48];
};

/* Each returns the protocol status (0 = OK), or -1 if no answer came. */
int tv_hello(int fd, struct tv_hello *h);
int tv_tasks(int fd, struct tv_task *out, int max, int *n);
int tv_validity(int fd, uint32_t task, uint16_t first, uint16_t last, uint8_t *bits, uint64_t *gen);
int tv_cap_infos(int fd, uint32_t task, uint16_t first, uint16_t last, struct tv_capinfo *out, int *n,
                 uint64_t *gen);
int tv_threads(int fd, uint32_t task, struct tv_thread *out, int max, int *n);
/* All entries of 0..4095 (following the pages). */
int tv_cap_map(int fd, uint32_t task, struct agent_capmap_entry *out, int max, int *n);
int tv_generation(int fd, uint32_t task, uint64_t *gen);
/* The restore lease; `confirmed` is the generation the agent answered. */
int tv_lease_acquire(int fd, uint32_t task, uint64_t gen, uint32_t timeout_ms, uint64_t *confirmed);
int tv_lease_release(int fd);
/* LEASE_ACQUIRE at the task's generation read just before. */
int tv_lease_current(int fd, uint32_t task, uint32_t timeout_ms);
int tv_close_session(int fd, uint32_t task, uint16_t sel, uint64_t *gen);
/* UNMAP mode 0 of one selector. */
int tv_unmap(int fd, uint32_t task, uint16_t sel, uint64_t *gen);
