/*
 * \brief  The few libc functions Capscope's agent core calls, from Genode base
 *
 * The agent core (target-bridge/src/main/c/agent, plain C) is the same code
 * in capsim, in the L4Re agent and here. A base-only component links no libc,
 * so the agent gives the core what it needs: allocation from the agent's own
 * heap, and snprintf formatted with Genode's print. The names are prefixed
 * (the headers in libc_subset/ rename them for the core's C files) so that a
 * component that does link a libc sees no clash. This file includes none of
 * those headers: their macros would rename Genode's own free/strlen.
 */

#include <base/heap.h>
#include <base/output.h>
#include <util/string.h>

#include <stdarg.h>

#include "libc_subset.h"

extern "C" {
	void  *capscope_malloc(Genode::size_t);
	void  *capscope_calloc(Genode::size_t, Genode::size_t);
	void  *capscope_realloc(void *, Genode::size_t);
	void   capscope_free(void *);
	void  *capscope_memchr(const void *, int, Genode::size_t);
	Genode::size_t capscope_strlen(const char *);
	int    capscope_strcmp(const char *, const char *);
	int    capscope_strncmp(const char *, const char *, Genode::size_t);
	int    capscope_vsnprintf(char *, Genode::size_t, const char *, va_list);
	int    capscope_snprintf(char *, Genode::size_t, const char *, ...);
}

using namespace Genode;

static Allocator *agent_alloc;

void Capscope::libc_subset_init(Allocator &alloc) { agent_alloc = &alloc; }


/*
 * Allocation: every block carries its size in front, for realloc. The
 * header keeps the block 16-byte aligned.
 */

namespace { struct Block_header { size_t size; size_t pad; }; }

extern "C" void *capscope_malloc(size_t size)
{
	if (!agent_alloc || size > ~size_t(0) - sizeof(Block_header))
		return nullptr;

	return agent_alloc->try_alloc(size + sizeof(Block_header)).convert<void *>(
		[&] (void *p) {
			Block_header *h = static_cast<Block_header *>(p);
			h->size = size;
			return (void *)(h + 1); },
		[&] (Allocator::Alloc_error) { return (void *)nullptr; });
}


extern "C" void capscope_free(void *p)
{
	if (!p || !agent_alloc)
		return;

	Block_header *h = static_cast<Block_header *>(p) - 1;
	agent_alloc->free(h, h->size + sizeof(Block_header));
}


extern "C" void *capscope_calloc(size_t n, size_t size)
{
	if (size && n > ~size_t(0) / size)
		return nullptr;

	void *p = capscope_malloc(n * size);
	if (p)
		Genode::memset(p, 0, n * size);
	return p;
}


extern "C" void *capscope_realloc(void *p, size_t size)
{
	if (!p)
		return capscope_malloc(size);

	size_t const old = (static_cast<Block_header *>(p) - 1)->size;
	void *q = capscope_malloc(size);
	if (!q)
		return nullptr; /* the old block stays valid, as realloc promises */

	Genode::memcpy(q, p, min(old, size));
	capscope_free(p);
	return q;
}


/*
 * Strings
 */

extern "C" void *capscope_memchr(const void *s, int c, size_t n)
{
	unsigned char const *p = static_cast<unsigned char const *>(s);
	for (size_t i = 0; i < n; i++)
		if (p[i] == (unsigned char)c)
			return (void *)(p + i);
	return nullptr;
}


extern "C" size_t capscope_strlen(const char *s) { return Genode::strlen(s); }


extern "C" int capscope_strncmp(const char *a, const char *b, size_t n)
{
	return Genode::strcmp(a, b, n);
}


extern "C" int capscope_strcmp(const char *a, const char *b)
{
	return Genode::strcmp(a, b);
}


/*
 * Formatting
 */

namespace {

	/* Genode output into a bounded buffer, counting what would not fit */
	struct Bounded_output : Output
	{
		char  *dst;
		size_t room;    /* bytes left for characters, the NUL excluded */
		size_t total = 0;

		Bounded_output(char *dst, size_t size)
		: dst(dst), room(size ? size - 1 : 0) { }

		Bounded_output(Bounded_output const &) = delete;
		Bounded_output &operator = (Bounded_output const &) = delete;

		void out_char(char c) override
		{
			if (total < room)
				dst[total] = c;
			total++;
		}

		void terminate(size_t size)
		{
			if (size)
				dst[min(total, size - 1)] = 0;
		}
	};

	/* digits of one conversion, before padding */
	struct Digits : Output
	{
		char   buf[32];
		size_t len = 0;

		void out_char(char c) override { if (len < sizeof(buf)) buf[len++] = c; }
	};
}


extern "C" int capscope_vsnprintf(char *dst, size_t size, const char *fmt, va_list ap)
{
	Bounded_output out(dst, size);

	for (char const *f = fmt; *f; f++) {

		if (*f != '%') { out.out_char(*f); continue; }
		f++;

		bool left = false, zero = false;
		for (;; f++) {
			if      (*f == '-') left = true;
			else if (*f == '0') zero = true;
			else break;
		}
		unsigned width = 0;
		while (*f >= '0' && *f <= '9')
			width = width*10 + unsigned(*f++ - '0');

		enum { INT, LONG, LLONG, SIZE } len = INT;
		while (*f == 'l' || *f == 'h' || *f == 'z') {
			if (*f == 'z') len = SIZE;
			if (*f == 'l') len = (len == LONG) ? LLONG : LONG;
			f++;
		}

		Digits d;
		char const *str = nullptr;
		switch (*f) {
		case 'd': case 'i': {
			long long v = len == LLONG ? va_arg(ap, long long)
			            : len == LONG  ? va_arg(ap, long)
			            : len == SIZE  ? (long long)va_arg(ap, size_t)
			            :                va_arg(ap, int);
			print(d, v);
			break; }
		case 'u': case 'x': case 'X': {
			unsigned long long v = len == LLONG ? va_arg(ap, unsigned long long)
			                     : len == LONG  ? va_arg(ap, unsigned long)
			                     : len == SIZE  ? va_arg(ap, size_t)
			                     :                va_arg(ap, unsigned);
			if (*f == 'u')
				print(d, v);
			else
				print(d, Hex(v, Hex::OMIT_PREFIX, Hex::NO_PAD));
			if (*f == 'X')
				for (size_t i = 0; i < d.len; i++)
					if (d.buf[i] >= 'a' && d.buf[i] <= 'f') d.buf[i] = char(d.buf[i] - 32);
			break; }
		case 'p':
			print(d, Hex((addr_t)va_arg(ap, void *)));
			break;
		case 'c':
			d.out_char(char(va_arg(ap, int)));
			break;
		case 's':
			str = va_arg(ap, char const *);
			if (!str) str = "(null)";
			break;
		case '%':
			d.out_char('%');
			break;
		default: /* unknown conversion: show it as written */
			d.out_char('%');
			if (*f) d.out_char(*f); else f--;
			break;
		}

		size_t const n = str ? Genode::strlen(str) : d.len;
		size_t const pad = width > n ? width - n : 0;
		char const fill = (zero && !left && !str) ? '0' : ' ';
		bool const sign = !str && d.len && d.buf[0] == '-' && fill == '0';

		if (sign) out.out_char('-');
		if (!left) for (size_t i = 0; i < pad; i++) out.out_char(fill);
		for (size_t i = sign ? 1 : 0; i < n; i++) out.out_char(str ? str[i] : d.buf[i]);
		if (left)  for (size_t i = 0; i < pad; i++) out.out_char(' ');
	}

	out.terminate(size);
	return int(out.total);
}


extern "C" int capscope_snprintf(char *dst, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int const n = capscope_vsnprintf(dst, size, fmt, ap);
	va_end(ap);
	return n;
}
