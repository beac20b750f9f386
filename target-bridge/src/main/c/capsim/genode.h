/* A Genode system on l4sim, as base-foc core builds it (docs/background.md §1-2):
 * core creates each component's task, maps TASK and PARENT caps and each
 * thread's slots per the layout profile, creates every RPC object's IPC gate
 * with label = badge (ids in steps of 4, allocated globally), and delegates
 * caps into components, which file them with insert_map. All kernel effects
 * go through the L4 API; capsim keeps the runtime knowledge on top. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

#include "agent/runtime.h"
#include "capsim/capmap.h"
#include "capsim/profile.h"

#define GENODE_THREAD_MAX 128
#define GENODE_SLOTS_MAX 5

enum rpc_kind { RPC_SESSION, RPC_DATASPACE, RPC_SIGNAL_CONTEXT, RPC_OBJECT, RPC_PARENT };

struct gthread {
  bool used;
  uint8_t state; /* 0 running, 1 stopped */
  char name[48];
  uint32_t badge;                      /* 1 for the main thread */
  unsigned core_sel[GENODE_SLOTS_MAX]; /* core's slots of the thread's objects */
  int rcv_window;                      /* cap-map index of its 4-entry window */
  int cpu_thread_rpc;                  /* rpc_cap of the Cpu_thread cap, -1 */
};

struct component {
  uint32_t id;
  char name[64];
  char label[AGENT_NAME_MAX];
  struct component *parent; /* NULL: started by core */
  unsigned task_core_sel;   /* the task cap in core's space */
  uint32_t task_kid;        /* kernel global id */
  struct capmap map;
  struct gthread threads[GENODE_THREAD_MAX];
  uint64_t rt_gen;
  uint64_t ram_quota;
};

/* An RPC object core created and delegated: who holds it at which index. */
struct rpc_cap {
  bool used;
  enum rpc_kind kind;
  bool env; /* opened at component start: churn leaves it alone */
  uint32_t badge;
  unsigned core_sel;
  struct component *client, *server, *parent;
  int client_idx, server_idx, parent_idx;
  struct agent_semantics sem;
};

struct genode {
  const struct profile *prof;
  uint32_t core_kid;
  struct component **comps;
  unsigned ncomps;
  struct rpc_cap *rpcs;
  unsigned nrpcs, caprpcs;
  unsigned rpc_free_from; /* no free entry in rpcs below this: keeps boot linear */
  uint8_t *badge_used;    /* by id / profile id_step */
  unsigned badge_slots, badge_next;
  uint8_t *core_used; /* core's own selectors */
  unsigned core_next;
  unsigned scratch_sel; /* for the agent */
  char err[160];
};

int genode_boot(struct genode *g, const struct profile *p);
/* Core's next capability ids from `first` on (a scenario's `ids-from`); 0 on success. */
int genode_ids_from(struct genode *g, uint32_t first);
void genode_shutdown(struct genode *g);

/* By name, label or decimal task id. */
struct component *genode_find(struct genode *g, const char *key);
struct component *genode_start(struct genode *g, const char *name, struct component *parent,
                               uint64_t ram_quota);
/* Only the task (own cap at TASK_CAP) and an empty cap map: what every
 * profile's programs start from (genode_start, l4re_program_start). */
struct component *genode_task_new(struct genode *g, const char *name, struct component *parent,
                                  uint64_t ram_quota);
/* A free selector in core's space (0 when none is left). */
unsigned genode_core_sel_alloc(struct genode *g);

int genode_thread_start(struct genode *g, struct component *c, const char *name);
int genode_thread_exit(struct genode *g, struct component *c, unsigned index);
int genode_thread_rename(struct genode *g, struct component *c, unsigned index, const char *name);
unsigned genode_thread_count(const struct component *c);

/* Open a session of `iface` at `server` (NULL = core). Returns the client's
 * cap-map index (= selector), -1 on error (g->err says why). */
int genode_session_open(struct genode *g, struct component *client, const char *iface, const char *label,
                        const char *args, struct component *server, uint64_t quota, bool env);
int genode_dataspace_alloc(struct genode *g, struct component *c, uint64_t size, const char *label);
int genode_signal_context_alloc(struct genode *g, struct component *c, const char *label);
/* Close a session / free a dataspace or signal context held at `sel`. */
int genode_rpc_close(struct genode *g, struct component *c, unsigned sel);
/* Close the session whose cap is at `sel`, as c's parent would: the server forgets it and
 * its gate goes (the cap vanishes everywhere), the parent's record and c's entry go. -1 (g->err
 * says why) if the cap there is no session. */
int genode_session_close(struct genode *g, struct component *c, unsigned sel);

/* Restore support: session re-created at a given selector. */
int genode_session_at(struct genode *g, struct component *client, unsigned sel,
                      const struct agent_semantics *sem, uint16_t *badge, uint32_t *obj_id);

/* Planting faults that lint must find: bypass Genode's bookkeeping. */
int genode_raw_gate(struct genode *g, struct component *c, unsigned sel, uint32_t label);
int genode_raw_unmap(struct genode *g, struct component *c, unsigned sel);

uint64_t genode_generation(const struct genode *g, const struct component *c);
/* Index of the rpc_cap the component holds at `sel` as client (by the cap in the slot, else by
 * the cap-map entry's badge, else by where it was filed), -1 if none. Call in core's task. */
int genode_rpc_at(const struct genode *g, const struct component *c, unsigned sel);
