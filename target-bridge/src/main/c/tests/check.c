#include "tests/check.h"

#include <string.h>
#include <time.h>

int check_failed_now;

static long long mono_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool check_poll(bool (*cond)(void *arg), void *arg, int timeout_ms) {
  long long deadline = mono_ms() + timeout_ms;
  for (;;) {
    if (cond(arg))
      return true;
    if (mono_ms() >= deadline)
      return false;
    struct timespec pause = {.tv_nsec = 5 * 1000 * 1000}; /* between two looks */
    nanosleep(&pause, NULL);
  }
}

int run_tests(const struct test_case *tests, int n, int argc, char **argv) {
  int passed = 0, failed = 0;
  for (int i = 0; i < n; i++) {
    if (argc > 1 && !strstr(tests[i].name, argv[1]))
      continue;
    check_failed_now = 0;
    tests[i].fn();
    if (check_failed_now) {
      failed++;
      printf("FAIL %s\n", tests[i].name);
    } else {
      passed++;
      printf("ok   %s\n", tests[i].name);
    }
    fflush(stdout);
  }
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
