/*
 * <stdio.h> for Capscope's agent core in a base-only Genode component:
 * snprintf/vsnprintf for its messages, formatted with Genode's print
 * (libc_subset.cc). Conversions: d i u x X s c p %, flags '-' '0', width,
 * length modifiers h hh l ll z.
 */
#ifndef _CAPSCOPE_LIBC_SUBSET_STDIO_H_
#define _CAPSCOPE_LIBC_SUBSET_STDIO_H_

#include <stdarg.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define snprintf  capscope_snprintf
#define vsnprintf capscope_vsnprintf

int capscope_snprintf(char *dst, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int capscope_vsnprintf(char *dst, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

#ifdef __cplusplus
}
#endif

#endif
