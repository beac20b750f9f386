#include "capsim/text.h"

#include <stdarg.h>
#include <stdio.h>

void text_fmt(char *dst, size_t size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(dst, size, fmt, ap);
  va_end(ap);
}
