/*
 * Near-duplicate sets (link.h): MinHash with banded locality-sensitive
 * hashing, then the exact Jaccard of each candidate pair.
 *
 * Bands are taken one at a time, two hash functions each: a band's key is
 * the pair of minima of every set, the keys are sorted, and sets that share
 * a key are candidates.  With 32 bands of 2, a pair of Jaccard J is a
 * candidate with probability 1 - (1 - J^2)^32: 0.9999 at 0.5, 0.95 at 0.3,
 * so the threshold is met with room and the exact check keeps precision.
 * One band at a time keeps memory at 16 bytes a set instead of a signature
 * of 64 minima; the hashing costs the same either way.
 */
#include <stdlib.h>
#include <string.h>

#include "link.h"

#define BANDS  32
#define ROWS   2
#define CROWD  512 /* a bucket this full is compared in a sliding window */
#define WINDOW 16

struct dm_nearset {
	uint32_t *owner; /* per set */
	size_t *start;   /* per set: into feat; start[n] is the end */
	uint32_t *feat;  /* sorted, distinct */
	size_t n, cap, n_feat, cap_feat;
	size_t min_common; /* two sets join only when they share this many features */
};

typedef struct keyed {
	uint64_t key;
	uint32_t set;
} keyed;

dm_nearset *dm_nearset_new(size_t min_common)
{
	dm_nearset *s = calloc(1, sizeof *s);
	if (s && !(s->start = calloc(1, sizeof *s->start))) {
		free(s);
		return NULL;
	}
	if (s)
		s->min_common = min_common;
	return s;
}

void dm_nearset_free(dm_nearset *s)
{
	if (!s)
		return;
	free(s->owner);
	free(s->start);
	free(s->feat);
	free(s);
}

size_t dm_nearset_count(const dm_nearset *s)
{
	return s->n;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

int dm_nearset_add(dm_nearset *s, uint32_t owner, uint32_t *f, size_t n)
{
	if (!n)
		return 0;
	qsort(f, n, sizeof *f, cmp_u32);
	size_t k = 1;
	for (size_t i = 1; i < n; i++)
		if (f[i] != f[k - 1])
			f[k++] = f[i];
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 1024;
		uint32_t *o = realloc(s->owner, cap * sizeof *o);
		if (!o)
			return -1;
		s->owner = o;
		size_t *st = realloc(s->start, (cap + 1) * sizeof *st);
		if (!st)
			return -1;
		s->start = st;
		s->cap = cap;
	}
	if (s->n_feat + k > s->cap_feat) {
		size_t cap = s->cap_feat ? 2 * s->cap_feat : 16384;
		while (cap < s->n_feat + k)
			cap *= 2;
		uint32_t *v = realloc(s->feat, cap * sizeof *v);
		if (!v)
			return -1;
		s->feat = v;
		s->cap_feat = cap;
	}
	memcpy(s->feat + s->n_feat, f, k * sizeof *f);
	s->n_feat += k;
	s->owner[s->n++] = owner;
	s->start[s->n] = s->n_feat;
	return 0;
}

/* |A and B| of two sorted sets. */
static size_t common(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t i = 0, j = 0, both = 0;
	while (i < na && j < nb) {
		if (a[i] == b[j]) {
			both++;
			i++;
			j++;
		} else if (a[i] < b[j]) {
			i++;
		} else {
			j++;
		}
	}
	return both;
}

double dm_jaccard(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t both = common(a, na, b, nb);
	return na + nb ? (double)both / (double)(na + nb - both) : 0;
}

uint32_t dm_nearset_root(uint32_t *parent, uint32_t i)
{
	while (parent[i] != i)
		i = parent[i] = parent[parent[i]];
	return i;
}

static int by_key(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->set < y->set ? -1 : x->set > y->set;
}

/* The multipliers of one band's two hash functions: odd, from a fixed
 * seed, so that results never depend on the run. */
static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static void try_pair(const dm_nearset *s, uint32_t a, uint32_t b, double min, uint32_t *parent, float *best)
{
	uint32_t oa = s->owner[a], ob = s->owner[b];
	if (oa == ob)
		return;
	int joined = dm_nearset_root(parent, oa) == dm_nearset_root(parent, ob);
	if (joined && best[oa] >= min && best[ob] >= min)
		return; /* nothing to learn */
	size_t na = s->start[a + 1] - s->start[a], nb = s->start[b + 1] - s->start[b];
	size_t both = common(s->feat + s->start[a], na, s->feat + s->start[b], nb);
	double j = na + nb ? (double)both / (double)(na + nb - both) : 0;
	if (j < min || both < s->min_common)
		return;
	if (j > best[oa])
		best[oa] = (float)j;
	if (j > best[ob])
		best[ob] = (float)j;
	if (!joined) {
		uint32_t ra = dm_nearset_root(parent, oa), rb = dm_nearset_root(parent, ob);
		if (ra < rb)
			parent[rb] = ra;
		else
			parent[ra] = rb;
	}
}

int dm_nearset_join(const dm_nearset *s, double min, uint32_t *parent, float *best)
{
	if (s->n < 2)
		return 0;
	keyed *k = malloc(s->n * sizeof *k);
	if (!k)
		return -1;
	uint64_t seed = 0x64696374756dull; /* "dictum" */
	for (int band = 0; band < BANDS; band++) {
		uint64_t mul[ROWS], add[ROWS];
		for (int r = 0; r < ROWS; r++) {
			mul[r] = splitmix(&seed) | 1;
			add[r] = splitmix(&seed);
		}
		for (size_t i = 0; i < s->n; i++) {
			uint32_t m0 = UINT32_MAX, m1 = UINT32_MAX;
			for (size_t f = s->start[i]; f < s->start[i + 1]; f++) {
				uint64_t x = s->feat[f];
				uint32_t h0 = (uint32_t)((x * mul[0] + add[0]) >> 32);
				uint32_t h1 = (uint32_t)((x * mul[1] + add[1]) >> 32);
				m0 = h0 < m0 ? h0 : m0;
				m1 = h1 < m1 ? h1 : m1;
			}
			k[i] = (keyed){(uint64_t)m0 << 32 | m1, (uint32_t)i};
		}
		qsort(k, s->n, sizeof *k, by_key);
		for (size_t a = 0; a < s->n;) {
			size_t b = a + 1;
			while (b < s->n && k[b].key == k[a].key)
				b++;
			for (size_t x = a; x < b; x++)
				for (size_t y = x + 1; y < b && (b - a <= CROWD || y - x <= WINDOW); y++)
					try_pair(s, k[x].set, k[y].set, min, parent, best);
			a = b;
		}
	}
	free(k);
	return 0;
}
