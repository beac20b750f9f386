/*
 * The few <string.h> functions Capscope's agent core (plain C) calls, for a
 * base-only Genode component: no libc is linked. memcpy, memset, memmove and
 * memcmp are Genode base's own C symbols; the rest are renamed so that they
 * never clash with a libc a component may link besides.
 */
#ifndef _CAPSCOPE_LIBC_SUBSET_STRING_H_
#define _CAPSCOPE_LIBC_SUBSET_STRING_H_

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int   memcmp(const void *a, const void *b, size_t n);

#define memchr  capscope_memchr
#define strlen  capscope_strlen
#define strcmp  capscope_strcmp
#define strncmp capscope_strncmp

void  *capscope_memchr(const void *s, int c, size_t n);
size_t capscope_strlen(const char *s);
int    capscope_strcmp(const char *a, const char *b);
int    capscope_strncmp(const char *a, const char *b, size_t n);

#ifdef __cplusplus
}
#endif

#endif
