/* Inside the Genode model (genode.c, genode_rpc.c, genode_sessions.c,
 * genode_threads.c, genode_components.c): what its parts share. Not for the
 * rest of capsim, which uses genode.h. */
#pragma once
#include "capsim/genode.h"

#define KCAP(sel) ((l4_cap_idx_t)(sel) << L4_CAP_SHIFT)
#define CORE_SEL_FIRST 0x200u

/* genode.c: errors, the task L4 calls run in, ids and core's selectors */
int gm_fail(struct genode *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void gm_enter_core(struct genode *g);
void gm_enter(const struct component *c);
uint32_t gm_badge_alloc(struct genode *g);
void gm_badge_free(struct genode *g, uint32_t badge);
unsigned gm_core_sel_alloc(struct genode *g);
void gm_core_sel_free(struct genode *g, unsigned sel);

/* genode_rpc.c: RPC objects and their delegation */
int gm_rpc_slot(struct genode *g);
int gm_rpc_create(struct genode *g, struct component *server, uint32_t *badge, unsigned *core_sel);
void gm_rpc_destroy(struct genode *g, uint32_t badge, unsigned core_sel);
int gm_deliver(struct genode *g, struct component *c, unsigned core_sel, uint32_t badge,
               const struct agent_semantics *sem, uint8_t flags);
void gm_holder_drop(struct component *c, int idx, uint32_t badge);
void gm_sem_fill(struct agent_semantics *s, const char *iface, const char *label, const char *args,
                 const struct component *server, uint64_t quota);
int gm_rpc_delegate(struct genode *g, enum rpc_kind kind, struct component *client,
                    struct component *server, const struct agent_semantics *sem, bool env);
void gm_rpc_release(struct genode *g, int r);
unsigned long gm_object_at(const struct component *c, unsigned sel);

/* genode_sessions.c */
int gm_rpc_object(struct genode *g, struct component *c, const char *iface, const char *label);
