#include "capsim/churn.h"

#include <string.h>

#include "capsim/text.h"

#define CAPMAP_HIGH_WATER 1500u /* past this, churn frees before it allocates */

/* splitmix64: small, fast, and the same everywhere. */
static uint64_t next(struct churn *c) {
  uint64_t z = (c->rng += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static unsigned pick(struct churn *c, unsigned n) { return n ? (unsigned)(next(c) % n) : 0; }

void churn_init(struct churn *c, struct genode *g, const struct scenario *scn, uint64_t seed) {
  memset(c, 0, sizeof *c);
  c->g = g;
  c->scn = scn;
  c->rng = seed;
}

/* The n-th rpc_cap held by `comp` of the given kind, -1 if fewer. */
static int held(struct genode *g, struct component *comp, enum rpc_kind kind, unsigned *count,
                unsigned nth) {
  unsigned k = 0;
  for (unsigned i = 0; i < g->nrpcs; i++) {
    struct rpc_cap *r = &g->rpcs[i];
    if (r->used && r->client == comp && r->kind == kind && !r->env) {
      if (count == NULL && k == nth)
        return (int)i;
      k++;
    }
  }
  if (count)
    *count = k;
  return -1;
}

static int open_one(struct churn *c, struct component *comp, char *desc, size_t size) {
  struct genode *g = c->g;
  const char *iface = "ROM";
  struct component *server = NULL;
  unsigned n = c->scn ? c->scn->nservices : 0;
  if (n) {
    const struct scn_service *sv = &c->scn->services[pick(c, n)];
    struct component *cand = strcmp(sv->server, "core") ? genode_find(g, sv->server) : NULL;
    if (cand != comp) {
      iface = sv->iface;
      server = cand;
    }
  }
  char label[32];
  text_fmt(label, sizeof label, "churn-%u", ++c->serial);
  int sel = genode_session_open(g, comp, iface, label, "", server, 4096, false);
  if (sel < 0) {
    text_fmt(desc, size, "open-session %s %s failed: %s", comp->name, iface, g->err);
    return -1;
  }
  text_fmt(desc, size, "open-session %s %s %s -> 0x%x", comp->name, iface, label, (unsigned)sel);
  return 0;
}

static int close_one(struct churn *c, struct component *comp, enum rpc_kind kind, char *desc,
                     size_t size) {
  unsigned n;
  held(c->g, comp, kind, &n, 0);
  if (!n)
    return 1;
  int r = held(c->g, comp, kind, NULL, pick(c, n));
  unsigned sel = (unsigned)c->g->rpcs[r].client_idx;
  const char *what = kind == RPC_SESSION ? "close-session" : "free-dataspace";
  genode_rpc_close(c->g, comp, sel);
  text_fmt(desc, size, "%s %s 0x%x", what, comp->name, sel);
  return 0;
}

static int thread_start(struct churn *c, struct component *comp, char *desc, size_t size) {
  char name[32];
  text_fmt(name, sizeof name, "churn-%u", ++c->serial);
  int i = genode_thread_start(c->g, comp, name);
  if (i < 0) {
    text_fmt(desc, size, "start-thread %s failed: %s", comp->name, c->g->err);
    return -1;
  }
  text_fmt(desc, size, "start-thread %s %s -> %d", comp->name, name, i);
  return 0;
}

static int thread_exit(struct churn *c, struct component *comp, char *desc, size_t size) {
  unsigned idx[GENODE_THREAD_MAX], n = 0;
  for (unsigned i = 1; i < GENODE_THREAD_MAX; i++)
    if (comp->threads[i].used)
      idx[n++] = i;
  if (!n)
    return 1;
  unsigned i = idx[pick(c, n)];
  genode_thread_exit(c->g, comp, i);
  text_fmt(desc, size, "exit-thread %s %u", comp->name, i);
  return 0;
}

int churn_step(struct churn *c, char *desc, size_t size) {
  struct genode *g = c->g;
  if (!g->ncomps) {
    text_fmt(desc, size, "no components");
    return -1;
  }
  struct component *comp = g->comps[pick(c, g->ncomps)];
  unsigned ev = pick(c, 6);
  bool full = capmap_used(&comp->map) > CAPMAP_HIGH_WATER ||
              genode_thread_count(comp) + 2 >= g->prof->thread_max;
  if (full && (ev == 0 || ev == 2 || ev == 4))
    ev++; /* free instead of allocate */
  int rc;
  switch (ev) {
  case 0: rc = open_one(c, comp, desc, size); break;
  case 1: rc = close_one(c, comp, RPC_SESSION, desc, size); break;
  case 2: rc = thread_start(c, comp, desc, size); break;
  case 3: rc = thread_exit(c, comp, desc, size); break;
  case 4: {
    uint64_t sz = 4096ull << pick(c, 8);
    int sel = genode_dataspace_alloc(g, comp, sz, "churn");
    if (sel < 0) {
      text_fmt(desc, size, "alloc-dataspace %s failed: %s", comp->name, g->err);
      rc = -1;
    } else {
      text_fmt(desc, size, "alloc-dataspace %s %llu -> 0x%x", comp->name, (unsigned long long)sz,
               (unsigned)sel);
      rc = 0;
    }
    break;
  }
  default: rc = close_one(c, comp, RPC_DATASPACE, desc, size); break;
  }
  if (rc == 1) /* nothing to free: open something instead */
    rc = full ? (text_fmt(desc, size, "nothing to do in %s", comp->name), 0)
              : open_one(c, comp, desc, size);
  return rc;
}
