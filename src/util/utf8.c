#include "utf8.h"

#include "swar.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int32_t dm_utf8_next(const char *s, size_t n, size_t *i)
{
	unsigned char c = (unsigned char)s[*i];
	if (c < 0x80) { /* the common case, without a call */
		(*i)++;
		return c;
	}
	utf8proc_int32_t cp;
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + *i, (utf8proc_ssize_t)(n - *i), &cp);
	if (k <= 0) {
		(*i)++;
		return 0xFFFD;
	}
	*i += (size_t)k;
	return cp;
}

int32_t dm_utf8_prev(const char *s, size_t i)
{
	if (i == 0)
		return -1;
	size_t j = i - 1;
	while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	size_t k = j;
	int32_t c = dm_utf8_next(s, i, &k);
	return k == i ? c : 0xFFFD;
}

size_t dm_utf8_repair(const char *s, size_t n, dm_buf *out)
{
	size_t bad = 0, i = 0, run = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			i++;
			while (i + 8 <= n && dm_swar_ascii(s + i))
				i += 8;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k > 0) {
			i += (size_t)k;
			continue;
		}
		dm_buf_add(out, s + run, i - run);
		dm_buf_add(out, "\xEF\xBF\xBD", 3);
		bad++;
		i++;
		run = i;
	}
	dm_buf_add(out, s + run, n - run);
	return bad;
}

int dm_is_letter(int32_t c)
{
	if (c < 0x80)
		return (c | 32) >= 'a' && (c | 32) <= 'z';
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: return 1;
	default: return 0;
	}
}

int dm_is_upper(int32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	utf8proc_category_t k = utf8proc_category(c);
	return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

int dm_is_digit(int32_t c)
{
	if (c < 0x80)
		return c >= '0' && c <= '9';
	return utf8proc_category(c) == UTF8PROC_CATEGORY_ND;
}

int dm_is_space(int32_t c)
{
	if (c < 0x80)
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
	if (c == 0x200B || c == 0xFEFF) /* zero width space, BOM: no text */
		return 1;
	utf8proc_category_t k = utf8proc_category(c);
	return k == UTF8PROC_CATEGORY_ZS || k == UTF8PROC_CATEGORY_ZL || k == UTF8PROC_CATEGORY_ZP;
}

int dm_is_dash(int32_t c)
{
	return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

int dm_as_read_char(const char *s, size_t n, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n >= 2 && u[0] == 0xC2 && (u[1] == 0xAD || u[1] == 0xA0)) {
		*len = 2;
		return u[1] == 0xAD ? 1 : 2;
	}
	if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x87 || u[2] == 0xAF)) {
		*len = 3;
		return 2;
	}
	*len = 1;
	return 0;
}

int dm_may_compose(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		int32_t c = dm_utf8_next(s, n, &i);
		if ((c >= 0x1100 && c <= 0x11FF) || utf8proc_get_property(c)->combining_class)
			return 1;
	}
	return 0;
}

char *dm_as_read(const char *s, size_t n)
{
	dm_buf b = {0};
	size_t run = 0; /* bytes kept as they are are copied in runs */
	for (size_t i = 0, k; i < n; i += k) {
		int what = (unsigned char)s[i] < 0xC2 ? (k = 1, 0) : dm_as_read_char(s + i, n - i, &k);
		if (!what)
			continue;
		dm_buf_add(&b, s + run, i - run);
		if (what == 2)
			dm_buf_putc(&b, ' ');
		run = i + k;
	}
	dm_buf_add(&b, s + run, n - run);
	char *p = dm_buf_finish(&b);
	if (!p || !dm_may_compose(p, strlen(p)))
		return p;
	utf8proc_uint8_t *nfc = NULL;
	if (utf8proc_map((const utf8proc_uint8_t *)p, (utf8proc_ssize_t)strlen(p), &nfc,
	                 UTF8PROC_COMPOSE | UTF8PROC_STABLE) < 0)
		return p; /* not valid UTF-8: as it is */
	free(p);
	return (char *)nfc;
}

/* utf8proc on the non-ASCII runs only: an ASCII letter folds to itself
 * in lower case whatever follows it (a combining mark after it is
 * stripped either way), and most of a news text is ASCII. */
char *dm_fold(const char *s, size_t n)
{
	dm_buf b = {0};
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && (unsigned char)s[j] < 0x80)
			j++;
		size_t at = b.len;
		dm_buf_add(&b, s + i, j - i);
		for (size_t k = at; k < b.len; k++)
			if (b.data[k] >= 'A' && b.data[k] <= 'Z')
				b.data[k] += 32;
		i = j;
		while (j < n && (unsigned char)s[j] >= 0x80)
			j++;
		if (j == i)
			continue;
		utf8proc_uint8_t *out = NULL;
		utf8proc_ssize_t k =
		    utf8proc_map((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(j - i), &out,
		                 UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
		if (k < 0) /* not valid UTF-8: as it is */
			dm_buf_add(&b, s + i, j - i);
		else
			dm_buf_add(&b, (const char *)out, (size_t)k);
		free(out);
		i = j;
	}
	if (!b.data && !b.failed)
		dm_buf_add(&b, "", 0);
	return dm_buf_finish(&b);
}

size_t dm_utf8_count(const char *s, size_t n)
{
	/* Eight bytes at a time: a continuation byte is 10xxxxxx, so its top
	 * bit is set where the next bit, shifted up into its place, is not;
	 * the flags summed by a multiply. */
	const uint64_t top = 0x8080808080808080ull;
	size_t k = n, i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, sizeof x);
		uint64_t cont = (x & ~(x << 1) & top) >> 7;
		k -= (size_t)((cont * 0x0101010101010101ull) >> 56);
	}
	for (; i < n; i++)
		k -= ((unsigned char)s[i] & 0xC0) == 0x80;
	return k;
}
