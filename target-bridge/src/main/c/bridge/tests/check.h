/* Minimal test helpers for the bridge's native tests: count failures, never abort early. */
#ifndef BRIDGE_CHECK_H
#define BRIDGE_CHECK_H

#include <stdio.h>

static int check_failures;
static int check_count;

#define CHECK(cond)                                                                  \
	do {                                                                             \
		check_count++;                                                               \
		if (!(cond)) {                                                               \
			check_failures++;                                                        \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
		}                                                                            \
	} while (0)

#define CHECK_EQ(a, b)                                                                                        \
	do {                                                                                                      \
		long long _a = (long long)(a), _b = (long long)(b);                                                   \
		check_count++;                                                                                        \
		if (_a != _b) {                                                                                       \
			check_failures++;                                                                                 \
			fprintf(stderr, "%s:%d: CHECK_EQ failed: %s = %lld, %s = %lld\n", __FILE__, __LINE__, #a, _a, #b, \
			        _b);                                                                                      \
		}                                                                                                     \
	} while (0)

static inline int check_report(const char *name)
{
	printf("%s: %d checks\n%d passed, %d failed\n", name, check_count, check_count - check_failures,
	       check_failures);
	return check_failures ? 1 : 0;
}

#endif
