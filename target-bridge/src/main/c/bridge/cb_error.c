#include "cb_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int cb_fail(struct cb_err *e, int code, const char *fmt, ...)
{
	va_list ap;
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return code;
}

void cb_err_clear(struct cb_err *e)
{
	e->code = 0;
	e->wire_status = 0;
	e->wire_detail = 0;
	e->msg[0] = '\0';
}
