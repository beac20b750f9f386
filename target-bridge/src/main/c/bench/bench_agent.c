/* Request timings against a running capsim on a Unix socket: the validity
 * bitmap of 0..4296 and all cap infos of one task, one request in flight.
 * Usage: bench_agent [ITERATIONS] (CAPSIM and SAMPLES from the environment). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tests/client.h"
#include "tests/spawn.h"
#include "tests/target_view.h"

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static void report(const char *what, double *t, int n) {
  qsort(t, (size_t)n, sizeof *t, cmp);
  printf("%-44s median %7.1f us   p90 %7.1f us   min %7.1f us  (n=%d)\n", what, t[n / 2], t[n * 9 / 10],
         t[0], n);
}

int main(int argc, char **argv) {
  int iters = argc > 1 ? atoi(argv[1]) : 2000;
  if (iters < 10)
    iters = 10;
  char dir[] = "/tmp/capsim-bench-XXXXXX";
  if (!mkdtemp(dir))
    return 1;
  char listen[128];
  snprintf(listen, sizeof listen, "unix:%s/agent.sock", dir);
  const char *args[] = {"capsim", "--scenario", scenario_path("gui-stack"), "--listen", listen, NULL};
  struct proc p;
  if (proc_start(&p, args) != 0) {
    fprintf(stderr, "bench: capsim did not start\n");
    return 1;
  }
  int fd = cl_connect(p.uri);
  struct tv_hello h;
  static struct tv_task tasks[128];
  int ntasks = 0;
  if (fd < 0 || tv_hello(fd, &h) != 0 || tv_tasks(fd, tasks, 128, &ntasks) != 0 || !ntasks) {
    fprintf(stderr, "bench: no answer from capsim\n");
    proc_stop(&p);
    return 1;
  }
  const struct tv_task *big = &tasks[0];
  for (int i = 1; i < ntasks; i++)
    if (tasks[i].valid > big->valid)
      big = &tasks[i];
  printf("capsim gui-stack, task '%s': %u valid caps of 0..4296, %s\n", big->name, big->valid,
         h.profile);

  /* Timed: sending the request and receiving the whole answer frame; the
   * answer is decoded (and checked) once, outside the timing. */
  double *t = malloc(sizeof *t * (size_t)iters);
  static uint8_t bits[538];
  static struct tv_capinfo infos[4297];
  uint64_t gen;
  int n = 0;
  if (tv_validity(fd, big->id, 0, 4296, bits, &gen) != 0 ||
      tv_cap_infos(fd, big->id, 0, 4296, infos, &n, &gen) != 0) {
    fprintf(stderr, "bench: bad answers\n");
    return 1;
  }
  struct writer req;
  wr_init(&req, 64);
  wr_u32(&req, big->id);
  wr_u16(&req, 0);
  wr_u16(&req, 4296);
  /* CAP_MAP takes the same (task, first, last) request; its last index is 4095 */
  static struct agent_capmap_entry entries[4096];
  int nmap = 0;
  if (tv_cap_map(fd, big->id, entries, 4096, &nmap) != 0) {
    fprintf(stderr, "bench: bad cap map answer\n");
    return 1;
  }
  struct writer map_req;
  wr_init(&map_req, 64);
  wr_u32(&map_req, big->id);
  wr_u16(&map_req, 0);
  wr_u16(&map_req, 4095);
  const uint16_t ops[3] = {OP_VALIDITY, OP_CAP_INFOS, OP_CAP_MAP};
  struct writer *reqs[3] = {&req, &req, &map_req};
  for (int k = 0; k < 3; k++) {
    for (int i = 0; i < 200; i++) { /* warm up */
      struct resp r;
      if (cl_call(fd, ops[k], reqs[k], &r) == 0)
        resp_free(&r);
    }
    for (int i = 0; i < iters; i++) {
      struct resp r;
      double t0 = now_us();
      int rc = cl_call(fd, ops[k], reqs[k], &r);
      t[i] = now_us() - t0;
      if (rc != 0 || r.status != 0) {
        fprintf(stderr, "bench: request failed\n");
        return 1;
      }
      resp_free(&r);
    }
    char what[80];
    if (k == 0)
      snprintf(what, sizeof what, "VALIDITY 0..4296 (538-byte bitmap)");
    else if (k == 1)
      snprintf(what, sizeof what, "CAP_INFOS 0..4296 (%d records)", n);
    else
      snprintf(what, sizeof what, "CAP_MAP 0..4095 (%d entries)", nmap);
    report(what, t, iters);
  }
  wr_free(&req);
  wr_free(&map_req);
  free(t);
  close(fd);
  proc_stop(&p);
  rmdir(dir);
  return 0;
}
