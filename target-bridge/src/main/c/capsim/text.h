/* Bounded formatting into fixed buffers: labels longer than the buffer are
 * cut, which is what a Genode label buffer does too. */
#pragma once
#include <stddef.h>

void text_fmt(char *dst, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
