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

void dm_buf_putc(dm_buf *b, char c)
{
	dm_buf_add(b, &c, 1);
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

/* Does one of the eight bytes at S need escaping in JSON: a control
 * character, a quotation mark or a backslash? */
static int needs_escape(const char *s)
{
	uint64_t x = dm_swar_load(s);
	return dm_swar_below(x, 0x20) || dm_swar_has(x, '"') || dm_swar_has(x, '\\');
}

void dm_buf_json_chars(dm_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t run = 0; /* copy unescaped stretches in one go */
	for (size_t i = 0; i < n; i++) {
		/* Skip eight bytes at a time while none needs escaping: no
		 * control character, quotation mark or backslash among them. */
		while (i + 8 <= n && !needs_escape(s + i))
			i += 8;
		if (i >= n)
			break;
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		dm_buf_add(b, s + run, i - run);
		run = i + 1;
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
