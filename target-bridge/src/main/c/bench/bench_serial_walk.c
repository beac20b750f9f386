/* What a walk costs on a serial line to a running agent (a real kernel's
 * console in QEMU, or capsim's pty): bytes both ways and wall time of a first
 * walk of one task (HELLO, TASKS, VALIDITY 0..4296, CAP_INFOS 0..4296,
 * CAP_MAP 0..4095) and of an unchanged walk (one GENERATION request).
 * Usage: bench_serial_walk serial:PATH TASK-NAME [ROUNDS] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tests/client.h"
#include "tests/target_view.h"

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static struct tv_capinfo infos[4297];
static struct agent_capmap_entry entries[4096];

int main(int argc, char **argv) {
  if (argc < 3 || strncmp(argv[1], "serial:", 7)) {
    fprintf(stderr, "usage: %s serial:PATH TASK-NAME [ROUNDS]\n", argv[0]);
    return 2;
  }
  int rounds = argc > 3 ? atoi(argv[3]) : 5;
  for (int round = 0; round < rounds; round++) {
    int fd = cl_connect(argv[1]);
    if (fd < 0) {
      fprintf(stderr, "cannot open %s\n", argv[1]);
      return 1;
    }
    uint64_t in0 = cl_armored_in, out0 = cl_armored_out;
    double t0 = now_ms();
    struct tv_hello h;
    struct tv_task tasks[128];
    int n = 0, count = 0, ne = 0;
    uint8_t bits[538];
    uint64_t gen;
    if (tv_hello(fd, &h) || tv_tasks(fd, tasks, 128, &n)) {
      fprintf(stderr, "HELLO/TASKS failed\n");
      return 1;
    }
    int t = -1;
    for (int i = 0; i < n; i++)
      if (!strcmp(tasks[i].name, argv[2]))
        t = i;
    if (t < 0) {
      fprintf(stderr, "no task '%s'\n", argv[2]);
      return 1;
    }
    if (tv_validity(fd, tasks[t].id, 0, 4296, bits, &gen) ||
        tv_cap_infos(fd, tasks[t].id, 0, 4296, infos, &count, &gen) ||
        tv_cap_map(fd, tasks[t].id, entries, 4096, &ne)) {
      fprintf(stderr, "walk failed\n");
      return 1;
    }
    double t1 = now_ms();
    uint64_t first_in = cl_armored_in - in0, first_out = cl_armored_out - out0;
    in0 = cl_armored_in;
    out0 = cl_armored_out;
    struct writer w;
    wr_init(&w, 16);
    wr_u16(&w, 1);
    wr_u32(&w, tasks[t].id);
    struct resp r;
    int rc = cl_call(fd, OP_GENERATION, &w, &r);
    double t2 = now_ms();
    wr_free(&w);
    if (rc || r.status) {
      fprintf(stderr, "GENERATION failed\n");
      return 1;
    }
    resp_free(&r);
    printf(
        "%s: %u valid, %d cap infos, %d cap-map entries; first walk %.1f ms, %llu bytes in + %llu out; "
        "unchanged walk (GENERATION) %.1f ms, %llu + %llu bytes\n",
        argv[2], tasks[t].valid, count, ne, t1 - t0, (unsigned long long)first_in,
        (unsigned long long)first_out, t2 - t1, (unsigned long long)(cl_armored_in - in0),
        (unsigned long long)(cl_armored_out - out0));
    cl_forget(fd);
    close(fd);
  }
  return 0;
}
