/* capsim under the l4re profile: samples/scenarios/l4re-hello.scn has the
 * shape of the moe-started program of docs/background.md §4, checked through the wire
 * protocol against the facts written down here, not against capsim. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "protocol/proto.h"
#include "tests/check.h"
#include "tests/client.h"
#include "tests/spawn.h"
#include "tests/target_view.h"

/* Valid selectors of the observed program: 1 2 3 5 7 10 16 17 19 20 22-32
 * 35 37-46 1054 1055. */
static const unsigned observed[] = {1,  2,  3,  5,  7,  10, 16, 17, 19,   20,  22, 23,
                                    24, 25, 26, 27, 28, 29, 30, 31, 32,   35,  37, 38,
                                    39, 40, 41, 42, 43, 44, 45, 46, 1054, 1055};

static const struct {
  unsigned sel;
  const char *name;
} env_names[] = {{2, "factory"}, {5, "log"},      {7, "scheduler"}, {10, "jdb"},    {17, "mem_alloc"},
                 {19, "parent"}, {22, "dma_mgr"}, {23, "icu"},      {24, "kip"},    {25, "log"},
                 {26, "mem"},    {27, "rom"},     {28, "rwfs"},     {29, "sigma0"}, {37, "main_thread"},
                 {38, "rm"},     {39, "itas"}};

#define N(a) (sizeof a / sizeof a[0])

static struct tv_capinfo infos[4297];
static struct agent_capmap_entry entries[4096];

static const struct tv_capinfo *info_at(int n, unsigned sel) {
  for (int i = 0; i < n; i++)
    if (infos[i].sel == sel)
      return &infos[i];
  return NULL;
}

static unsigned kind_at(int n, unsigned sel) {
  const struct tv_capinfo *c = info_at(n, sel);
  return c && (c->flags & CAPINFO_KIND_KNOWN) ? c->kind : 0xFFu;
}

static void l4re_hello_shape(void) {
  char sock[300];
  snprintf(sock, sizeof sock, "unix:/tmp/capsim-l4re-%d.sock", (int)getpid());
  const char *args[] = {"capsim", "--scenario", scenario_path("l4re-hello"), "--listen", sock, NULL};
  struct proc p;
  int fd = -1;
  if (proc_start(&p, args) != 0 || (fd = cl_connect(p.uri)) < 0) {
    CHECK(!"capsim with l4re-hello did not start");
    proc_stop(&p);
    return;
  }
  struct tv_hello h;
  struct tv_task t[4];
  int nt = 0;
  CHECK_EQ(tv_hello(fd, &h), 0);
  CHECK_EQ(strcmp(h.profile, "l4re"), 0);
  CHECK(!(h.flags & HELLO_EQUAL_IDENTITY)); /* unpatched: interface and W/S rights */
  CHECK(h.flags & HELLO_OBJECT_KINDS);
  CHECK_EQ(tv_tasks(fd, t, 4, &nt), 0);
  CHECK_EQ(nt, 1);
  if (nt != 1)
    goto out;
  CHECK_EQ(strcmp(t[0].name, "hello"), 0);
  CHECK_EQ(t[0].valid, N(observed));

  uint8_t bits[538];
  uint64_t gen;
  CHECK_EQ(tv_validity(fd, t[0].id, 0, 4296, bits, &gen), 0);
  unsigned k = 0, extra = 0;
  for (unsigned s = 0; s <= 4296; s++) {
    bool valid = bits[s / 8] >> (s % 8) & 1;
    bool expected = k < N(observed) && observed[k] == s;
    k += expected;
    if (valid != expected) {
      fprintf(stderr, "selector %u: valid %d, observed %d\n", s, valid, expected);
      extra++;
    }
  }
  CHECK_EQ(extra, 0);

  /* The environment's names, as the agent's L4Re runtime reports them. */
  int ne = 0;
  CHECK_EQ(tv_cap_map(fd, t[0].id, entries, 4096, &ne), 0);
  CHECK_EQ(ne, N(env_names));
  for (int i = 0; i < ne && i < (int)N(env_names); i++) {
    CHECK_EQ(entries[i].index, env_names[i].sel);
    CHECK_EQ(entries[i].raw_id, 0xFFFF);
    CHECK_EQ(strcmp(entries[i].sem.iface, "L4Re::Env"), 0);
    CHECK_EQ(strcmp(entries[i].sem.label, env_names[i].name), 0);
  }
  int nthr = 1;
  struct tv_thread thr[2];
  CHECK_EQ(tv_threads(fd, t[0].id, thr, 2, &nthr), 0);
  CHECK_EQ(nthr, 0); /* L4Re keeps no thread table */

  /* Kinds through the debugger's object info (JDB names, protocol numbers). */
  int ni = 0;
  CHECK_EQ(tv_cap_infos(fd, t[0].id, 0, 4296, infos, &ni, &gen), 0);
  CHECK_EQ(ni, N(observed));
  CHECK_EQ(kind_at(ni, 1), 1);   /* Task */
  CHECK_EQ(kind_at(ni, 2), 6);   /* Factory */
  CHECK_EQ(kind_at(ni, 3), 2);   /* Thread */
  CHECK_EQ(kind_at(ni, 5), 8);   /* Vlog */
  CHECK_EQ(kind_at(ni, 7), 7);   /* Scheduler */
  CHECK_EQ(kind_at(ni, 10), 11); /* Jdb */
  CHECK_EQ(kind_at(ni, 23), 9);  /* Icu */
  CHECK_EQ(kind_at(ni, 35), 4);  /* Irq_sender */
  CHECK_EQ(kind_at(ni, 17), 3);  /* Ipc_gate ... */
  const struct tv_capinfo *mem_alloc = info_at(ni, 17), *t3 = info_at(ni, 3), *t37 = info_at(ni, 37);
  CHECK(mem_alloc && (mem_alloc->flags & CAPINFO_LABEL_VALID) && mem_alloc->label == 17);
  CHECK(t3 && t37 && t3->obj == t37->obj); /* env main_thread is a copy of 3 */
out:
  close(fd);
  CHECK_EQ(proc_stop(&p), 0);
}

int main(int argc, char **argv) {
  static const struct test_case tests[] = {
      {"l4re_hello_shape", l4re_hello_shape},
  };
  return run_tests(tests, (int)(sizeof tests / sizeof *tests), argc, argv);
}
