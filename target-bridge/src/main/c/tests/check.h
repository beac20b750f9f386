/* A tiny test harness: CHECK records a failure and goes on, so one run
 * reports every broken expectation. The runner prints "N passed, M failed". */
#pragma once
#include <stdbool.h>
#include <stdio.h>

extern int check_failed_now;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      check_failed_now = 1;                                                    \
    }                                                                          \
  } while (0)

#define CHECK_EQ(a, b)                                                                                 \
  do {                                                                                                 \
    long long va_ = (long long)(a), vb_ = (long long)(b);                                              \
    if (va_ != vb_) {                                                                                  \
      fprintf(stderr, "%s:%d: CHECK_EQ failed: %s == %lld, %s == %lld\n", __FILE__, __LINE__, #a, va_, \
              #b, vb_);                                                                                \
      check_failed_now = 1;                                                                            \
    }                                                                                                  \
  } while (0)

struct test_case {
  const char *name;
  void (*fn)(void);
};

/* Waits for a condition, not for a time: asks cond(arg) every few milliseconds until it
 * holds (true) or timeout_ms have passed (false). */
bool check_poll(bool (*cond)(void *arg), void *arg, int timeout_ms);

/* Runs the tests whose name contains argv[1] (all without an argument). */
int run_tests(const struct test_case *tests, int n, int argc, char **argv);
