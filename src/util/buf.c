#include "dictum_buf.h"
#include "swar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int grow(dm_buf *b, size_t need)
{
	if (b->failed)
		return 0;
	if (b->len + need + 1 <= b->cap)
		return 1;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + need + 1)
		cap *= 2;
	char *p = realloc(b->data, cap);
	if (!p) {
		b->failed = 1;
		return 0;
	}
	b->data = p;
	b->cap = cap;
	return 1;
}

void dm_buf_add(dm_buf *b, const char *s, size_t n)
{
	if (!grow(b, n))
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = 0;
}

void dm_buf_puts(dm_buf *b, const char *s)
{
	dm_buf_add(b, s, strlen(s));
}

void dm_buf_reserve(dm_buf *b, size_t n)
{
	grow(b, n);
}

void dm_buf_printf(dm_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !grow(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void dm_buf_u32(dm_buf *b, uint32_t v)
{
	char tmp[10];
	int n = 0;
	do {
		tmp[sizeof tmp - 1 - n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	dm_buf_add(b, tmp + sizeof tmp - n, (size_t)n);
}

void dm_buf_json_string(dm_buf *b, const char *s, size_t n)
{
	dm_buf_putc(b, '"');
	dm_buf_json_chars(b, s, n);
	dm_buf_putc(b, '"');
}

/* Sixteen bytes in a vector: GCC's and clang's vector extensions, SSE2 on
 * x86-64 and NEON on ARM, twice the bytes of a word at each step. */
typedef unsigned char bytes16 __attribute__((vector_size(16)));

/* The place of the first of the sixteen bytes at S that needs escaping in
 * JSON (a control character, a quotation mark or a backslash), or 16. */
static size_t first_escape(const char *s)
{
	bytes16 x;
	memcpy(&x, s, sizeof x);
	bytes16 m = (x < 0x20) | (x == '"') | (x == '\\'); /* 0xFF where one is */
	uint64_t lo, hi;
	memcpy(&lo, &m, 8);
	memcpy(&hi, (const char *)&m + 8, 8);
	return lo ? dm_swar_first(lo & DM_SWAR_TOP) : hi ? 8 + dm_swar_first(hi & DM_SWAR_TOP) : 16;
}

/* C escaped into B. */
static void escape(dm_buf *b, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	switch (c) {
	case '"': dm_buf_add(b, "\\\"", 2); break;
	case '\\': dm_buf_add(b, "\\\\", 2); break;
	case '\n': dm_buf_add(b, "\\n", 2); break;
	case '\r': dm_buf_add(b, "\\r", 2); break;
	case '\t': dm_buf_add(b, "\\t", 2); break;
	default: {
		char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
		dm_buf_add(b, e, 6);
	}
	}
}

void dm_buf_json_chars(dm_buf *b, const char *s, size_t n)
{
	size_t run = 0, i = 0; /* unescaped stretches are copied in one go */
	while (i + 16 <= n) {  /* sixteen bytes at a time, to the first that needs escaping */
		size_t k = first_escape(s + i);
		i += k;
		if (k == 16)
			continue;
		dm_buf_add(b, s + run, i - run);
		escape(b, (unsigned char)s[i]);
		run = ++i;
	}
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		dm_buf_add(b, s + run, i - run);
		escape(b, c);
		run = i + 1;
	}
	dm_buf_add(b, s + run, n - run);
}

void dm_buf_reset(dm_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = 0;
}

char *dm_buf_detach(dm_buf *b)
{
	char *p = b->data;
	if (!p)
		p = calloc(1, 1);
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

char *dm_buf_finish(dm_buf *b)
{
	if (b->failed) {
		dm_buf_free(b);
		return NULL;
	}
	return dm_buf_detach(b);
}

void dm_buf_free(dm_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
}
