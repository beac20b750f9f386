/*
 * <stdlib.h> for Capscope's agent core in a base-only Genode component: the
 * allocation functions over the agent's own Genode::Heap (libc_subset.cc).
 */
#ifndef _CAPSCOPE_LIBC_SUBSET_STDLIB_H_
#define _CAPSCOPE_LIBC_SUBSET_STDLIB_H_

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define malloc  capscope_malloc
#define calloc  capscope_calloc
#define realloc capscope_realloc
#define free    capscope_free

void *capscope_malloc(size_t size);
void *capscope_calloc(size_t n, size_t size);
void *capscope_realloc(void *p, size_t size);
void  capscope_free(void *p);

#ifdef __cplusplus
}
#endif

#endif
