/*
 * What echo detection compares (link.h).  Text is case- and diacritic-
 * folded and cut into words; each word is hashed to 32 bits.
 *   - A statement of eight words or more gives the set of its word
 *     3-shingles: close repetition of a longer passage, word order kept.
 *   - Each sentence of a statement with four content words or more gives
 *     the set of its content words (function words out): a short talking
 *     point said again in other words or another order ("Peace is not in
 *     Washington, Brussels, or Paris" / "peace ... not in Brussels, Paris,
 *     Washington, Moscow"), which shingles would miss.
 *   - A document gives its 5-shingles: syndicated copies of one story.
 */
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "lex/lexicon.h"
#include "link.h"
#include "util/utf8.h"

#define MIN_CONTENT 4 /* a sentence with fewer content words says too little to be echoed */
#define MIN_WORDS   8

typedef struct word {
	uint32_t hash;
	uint8_t content, last; /* a content word; the last of its sentence */
} word;

static int function_word(const char *w, size_t n)
{
	return n < 16 && dm_lex_hasn(&dm_lex_stopwords, w, n);
}

static int word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
}

/* The words of TEXT[N], folded; *OUT malloc'd (caller frees).  Returns the
 * count, or -1 when memory ran out. */
static long words_of(const char *text, size_t n, word **out)
{
	*out = NULL;
	char *f = dm_fold(text, n);
	if (!f)
		return -1;
	size_t cap = 64, k = 0;
	word *w = malloc(cap * sizeof *w);
	if (!w) {
		free(f);
		return -1;
	}
	for (const char *p = f; *p;) {
		if (!word_byte((unsigned char)*p)) {
			if ((*p == '.' || *p == '!' || *p == '?' || *p == ';') && k)
				w[k - 1].last = 1;
			p++;
			continue;
		}
		const char *s = p;
		while (word_byte((unsigned char)*p) || (*p == '\'' && word_byte((unsigned char)p[1])))
			p++;
		if (k == cap) {
			word *v = realloc(w, 2 * cap * sizeof *w);
			if (!v) {
				free(w);
				free(f);
				return -1;
			}
			w = v;
			cap *= 2;
		}
		w[k++] = (word){(uint32_t)XXH3_64bits(s, (size_t)(p - s)), !function_word(s, (size_t)(p - s)), 0};
	}
	free(f);
	if (k)
		w[k - 1].last = 1;
	*out = w;
	return (long)k;
}

/* The set of the K-word runs of W[N] (one run when N < K), to EACH. */
static int shingles(const word *w, size_t n, size_t k, int kind, dm_set_fn each, void *arg)
{
	size_t m = n >= k ? n - k + 1 : 1;
	uint32_t *h = malloc(2 * m * sizeof *h);
	if (!h)
		return -1;
	for (size_t i = 0; i < m; i++) {
		uint64_t x = 0x9E3779B97F4A7C15ull;
		for (size_t j = i; j < i + k && j < n; j++)
			x = (x ^ w[j].hash) * 0x100000001B3ull;
		h[i] = (uint32_t)(x ^ (x >> 32));
	}
	int rc = each(arg, kind, h, dm_set_normalize(h, h + m, m)) ? -1 : 0;
	free(h);
	return rc;
}

int dm_echo_sets(const char *text, size_t n, dm_set_fn each, void *arg)
{
	word *w;
	long nw = words_of(text, n, &w);
	if (nw < 0)
		return -1;
	int rc = 0;
	if (nw >= MIN_WORDS)
		rc = shingles(w, (size_t)nw, 3, DM_SET_PASSAGE, each, arg);
	uint32_t *set = malloc(2 * ((size_t)nw + 1) * sizeof *set);
	if (!set)
		rc = -1;
	for (size_t i = 0, k = 0; i < (size_t)nw && !rc; i++) {
		if (w[i].content)
			set[k++] = w[i].hash;
		if (w[i].last) {
			if (k >= MIN_CONTENT)
				rc = each(arg, DM_SET_SENTENCE, set, dm_set_normalize(set, set + nw + 1, k)) ? -1 : 0;
			k = 0;
		}
	}
	free(set);
	free(w);
	return rc;
}

int dm_doc_sets(const char *text, size_t n, dm_set_fn each, void *arg)
{
	word *w;
	long nw = words_of(text, n, &w);
	if (nw < 0)
		return -1;
	int rc = nw ? shingles(w, (size_t)nw, 5, DM_SET_DOCUMENT, each, arg) : 0;
	free(w);
	return rc;
}

/* Little-endian, as records are stored whatever the machine. */
static void put_le(unsigned char *p, uint64_t v, int bytes)
{
	for (int k = 0; k < bytes; k++)
		p[k] = (unsigned char)(v >> (8 * k));
}

static uint64_t get_le(const unsigned char *p, int bytes)
{
	uint64_t v = 0;
	for (int k = 0; k < bytes; k++)
		v |= (uint64_t)p[k] << (8 * k);
	return v;
}

static int record_set(void *arg, int kind, const uint32_t *f, size_t n)
{
	dm_buf *out = arg;
	if (out->len >= DM_MAX_SETS * DM_SET_BYTES)
		return 0;
	uint32_t key[DM_BANDS];
	unsigned char b[DM_SET_BYTES];
	dm_near_keys(f, n, kind, key);
	b[0] = (unsigned char)kind;
	for (int i = 0; i < DM_BANDS; i++)
		put_le(b + 1 + 4 * i, key[i], 4);
	put_le(b + 1 + 4 * DM_BANDS, (uint32_t)n, 4);
	put_le(b + 5 + 4 * DM_BANDS, dm_set_words(f, n), 8);
	dm_buf_add(out, (const char *)b, sizeof b);
	return out->failed ? -1 : 0;
}

void dm_set_record_read(const unsigned char *r, dm_set_record *out)
{
	out->kind = r[0];
	for (int i = 0; i < DM_BANDS; i++)
		out->key[i] = (uint32_t)get_le(r + 1 + 4 * i, 4);
	out->n = (uint32_t)get_le(r + 1 + 4 * DM_BANDS, 4);
	out->words = get_le(r + 5 + 4 * DM_BANDS, 8);
}

int dm_near_record(const char *text, size_t n, int doc, dm_buf *out)
{
	return doc ? dm_doc_sets(text, n, record_set, out) : dm_echo_sets(text, n, record_set, out);
}
