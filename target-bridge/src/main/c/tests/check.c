#include "tests/check.h"

#include <string.h>

int check_failed_now;

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
