/*
 * Python's `\w`, str.lower() and realnews_score.py's word matching
 * (words.h).
 */
#include "words.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "dictum_buf.h"
#include "util/utf8.h"
#include "util/vec.h"

int dm_ev_word_char(int32_t c)
{
	if (c == '_')
		return 1;
	if (c < 0x80)
		return (c | 32) >= 'a' && (c | 32) <= 'z' ? 1 : c >= '0' && c <= '9';
	utf8proc_category_t k = utf8proc_category(c);
	return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO
	           ? 1
	           : k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO;
}

/* Unicode's Cased: upper, lower and title case letters, and the
 * Other_Lowercase and Other_Uppercase characters, which utf8proc does not
 * carry: those below (the rest of them are modifiers, case-ignorable,
 * which the final sigma's test skips first).  Checked against Python 3.11
 * on every code point. */
static int cased(int32_t c)
{
	static const int32_t other[][2] = {{0xAA, 0xAA},       {0xBA, 0xBA},       {0x2160, 0x217F},  {0x24B6, 0x24E9},
	                                   {0x1F130, 0x1F149}, {0x1F150, 0x1F169}, {0x1F170, 0x1F189}};
	for (size_t i = 0; i < sizeof other / sizeof *other; i++)
		if (c >= other[i][0] && c <= other[i][1])
			return 1;
	utf8proc_category_t k = utf8proc_category(c);
	return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LL || k == UTF8PROC_CATEGORY_LT;
}

/* Unicode's Case_Ignorable: marks, format characters, modifiers, and the
 * Word_Break MidLetter, MidNumLet and Single_Quote characters. */
static int case_ignorable(int32_t c)
{
	static const int32_t mid[] = {0x27,   0x2E,   0x3A,   0xB7,   0x387,  0x55F,  0x5F4,  0x2018, 0x2019,
	                              0x2024, 0x2027, 0xFE13, 0xFE52, 0xFE55, 0xFF07, 0xFF0E, 0xFF1A};
	for (size_t i = 0; i < sizeof mid / sizeof *mid; i++)
		if (c == mid[i])
			return 1;
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_CF:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_SK: return 1;
	default: return 0;
	}
}

/* Python lowers a capital sigma to a final sigma when a cased letter comes
 * before it and none after it (case-ignorable characters skipped both
 * ways). */
static int final_sigma(const int32_t *cp, size_t n, size_t i)
{
	size_t j = i;
	while (j > 0 && case_ignorable(cp[j - 1]))
		j--;
	if (j == 0 || !cased(cp[j - 1]))
		return 0;
	for (j = i + 1; j < n && case_ignorable(cp[j]); j++)
		;
	return j == n || !cased(cp[j]);
}

static void put_cp(dm_buf *b, int32_t c)
{
	utf8proc_uint8_t u[4];
	utf8proc_ssize_t k = utf8proc_encode_char(c, u);
	dm_buf_add(b, (const char *)u, (size_t)k);
}

char *dm_ev_lower(const char *s, size_t n)
{
	/* code points first: the final sigma looks both ways */
	int32_t *cp = malloc((n + 1) * sizeof *cp);
	if (!cp)
		return NULL;
	size_t m = 0;
	for (size_t i = 0; i < n;)
		cp[m++] = dm_utf8_next(s, n, &i);
	dm_buf b = {0};
	for (size_t i = 0; i < m; i++) {
		int32_t c = cp[i];
		if (c < 0x80) {
			dm_buf_putc(&b, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
		} else if (c == 0x130) { /* İ: Python's full mapping, i and a combining dot */
			put_cp(&b, 'i');
			put_cp(&b, 0x307);
		} else if (c == 0x3A3) {
			put_cp(&b, final_sigma(cp, m, i) ? 0x3C2 : 0x3C3);
		} else {
			put_cp(&b, utf8proc_tolower(c));
		}
	}
	free(cp);
	return dm_buf_finish(&b);
}

static int by_bytes(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int dm_ev_words_of(dm_ev_words *out, const char *s)
{
	memset(out, 0, sizeof *out);
	size_t n = s ? strlen(s) : 0;
	char *t = dm_ev_lower(s ? s : "", n);
	if (!t)
		return -1;
	n = strlen(t);
	/* word ends are marked after the scan: each is the first byte of a
	 * character that must be decoded first */
	size_t *ends = NULL, cap = 0, cap_ends = 0;
	const char **w = NULL;
	size_t nw = 0, start = 0;
	int in = 0;
	for (size_t i = 0; i <= n;) {
		size_t j = i;
		int word = i < n && dm_ev_word_char(dm_utf8_next(t, n, &j));
		if (word && !in) {
			start = i;
			in = 1;
		} else if (!word && in) {
			if (dm_reserve(&w, &cap, nw, sizeof *w) || dm_reserve(&ends, &cap_ends, nw, sizeof *ends)) {
				free(w);
				free(ends);
				free(t);
				return -1;
			}
			w[nw] = t + start;
			ends[nw++] = i;
			in = 0;
		}
		i = i < n ? j : n + 1;
	}
	for (size_t k = 0; k < nw; k++)
		t[ends[k]] = 0;
	free(ends);
	if (nw)
		qsort(w, nw, sizeof *w, by_bytes);
	out->text = t;
	out->w = w;
	out->n = nw;
	return 0;
}

void dm_ev_words_free(dm_ev_words *w)
{
	free(w->text);
	free(w->w);
	memset(w, 0, sizeof *w);
}

size_t dm_ev_words_shared(const dm_ev_words *a, const dm_ev_words *b)
{
	size_t k = 0;
	for (size_t i = 0, j = 0; i < a->n && j < b->n;) {
		int c = strcmp(a->w[i], b->w[j]);
		if (c == 0) {
			k++;
			i++;
			j++;
		} else if (c < 0) {
			i++;
		} else {
			j++;
		}
	}
	return k;
}

size_t dm_ev_words_match(const dm_ev_words *g, const dm_ev_words *s)
{
	size_t o = dm_ev_words_shared(g, s);
	if (o == 0)
		return 0;
	size_t need = g->n < s->n ? g->n : s->n;
	if (need > 2)
		need = 2;
	if (o >= need && (o * 2 >= g->n || o * 2 >= s->n))
		return o;
	return 0;
}
