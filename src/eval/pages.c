/*
 * The article-extraction measure (eval.h).  Each 4-gram is a 64-bit hash
 * of its four word hashes; the two multisets are sorted arrays, and their
 * intersection is a merge.
 */
#include <stdlib.h>
#include <xxhash.h>

#include "eval.h"
#include "util/utf8.h"
#include "util/vec.h"
#include "words.h"

/* The sorted n-gram hashes of S[N] into *OUT (malloc'd); returns how
 * many, or -1 when memory ran out. */
static long ngrams(const char *s, size_t n, uint64_t **out)
{
	size_t cap = 64, nw = 0;
	uint64_t *w = malloc(cap * sizeof *w);
	if (!w)
		return -1;
	for (size_t i = 0; i < n;) {
		size_t start = i, j = i;
		if (!dm_ev_word_char(dm_utf8_next(s, n, &j))) {
			i = j;
			continue;
		}
		size_t end = j;
		for (i = j; i < n;) {
			size_t k = i;
			if (!dm_ev_word_char(dm_utf8_next(s, n, &k)))
				break;
			end = i = k;
		}
		if (nw == cap) {
			uint64_t *g = realloc(w, (cap *= 2) * sizeof *w);
			if (!g) {
				free(w);
				return -1;
			}
			w = g;
		}
		w[nw++] = XXH3_64bits(s + start, end - start);
	}
	size_t ng = nw == 0 ? 0 : nw < 4 ? 1 : nw - 3;
	uint64_t *g = malloc((ng ? ng : 1) * sizeof *g);
	if (!g) {
		free(w);
		return -1;
	}
	if (nw && nw < 4) {
		g[0] = XXH3_64bits(w, nw * sizeof *w);
	} else {
		for (size_t i = 0; i < ng; i++)
			g[i] = XXH3_64bits(w + i, 4 * sizeof *w);
	}
	free(w);
	qsort(g, ng, sizeof *g, dm_cmp_u64);
	*out = g;
	return (long)ng;
}

double dm_pages_score(dm_pages *acc, const char *pred, size_t plen, const char *gold, size_t glen)
{
	uint64_t *p = NULL, *g = NULL;
	long np = ngrams(pred, plen, &p), ng = ngrams(gold, glen, &g);
	acc->pages++;
	if (np < 0 || ng < 0) { /* out of memory: the page counts as missed */
		free(p);
		free(g);
		acc->n_precision++;
		acc->n_recall++;
		return 0;
	}
	long tp = 0;
	for (long i = 0, j = 0; i < np && j < ng;) {
		if (p[i] == g[j]) {
			tp++;
			i++;
			j++;
		} else if (p[i] < g[j]) {
			i++;
		} else {
			j++;
		}
	}
	free(p);
	free(g);
	long fp = np - tp, fn = ng - tp;
	if (fp == 0 && fn == 0) {
		acc->precision += 1;
		acc->recall += 1;
		acc->n_precision++;
		acc->n_recall++;
		return 1;
	}
	double pr = 0, rc = 0;
	if (tp + fp) {
		pr = (double)tp / (double)(tp + fp);
		acc->precision += pr;
		acc->n_precision++;
	}
	if (tp + fn) {
		rc = (double)tp / (double)(tp + fn);
		acc->recall += rc;
		acc->n_recall++;
	}
	return pr + rc > 0 ? 2 * pr * rc / (pr + rc) : 0;
}

void dm_pages_report(const dm_pages *acc, FILE *f)
{
	double p = acc->n_precision ? acc->precision / (double)acc->n_precision : 0;
	double r = acc->n_recall ? acc->recall / (double)acc->n_recall : 0;
	fprintf(f, "%ld pages\n\n", acc->pages);
	fprintf(f, "              P     R     F1\n");
	fprintf(f, "Article     %.3f %.3f %.3f\n", p, r, p + r > 0 ? 2 * p * r / (p + r) : 0);
}
