/*
 * Near-duplicate sets (link.h): MinHash with banded locality-sensitive
 * hashing, then the exact Jaccard of each candidate pair.
 *
 * A band's key is the pair of minima of two hash functions over a set's
 * features, folded with the set's kind into 32 bits; sets that share a
 * band's key are candidates.  With 32 bands of 2, a pair of Jaccard J is a
 * candidate with probability 1 - (1 - J^2)^32: 0.9999 at 0.5, 0.95 at 0.3,
 * so the threshold is met with room and the exact check keeps precision.
 * Keys are made once per set (128 bytes) and joined band by band: a radix
 * sort of (key, set) for the whole archive, or, for a batch added to it,
 * a table of the batch's keys that the archive's sets are looked up in.
 * Both take the same pairs of a bucket (each set with the DM_WINDOW before
 * it), so a batch joined to the archive finds what a join of everything
 * finds.
 */
#include <stdlib.h>
#include <string.h>

#include "link.h"

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

size_t dm_set_normalize(uint32_t *f, size_t n)
{
	if (!n)
		return 0;
	qsort(f, n, sizeof *f, cmp_u32);
	size_t k = 1;
	for (size_t i = 1; i < n; i++)
		if (f[i] != f[k - 1])
			f[k++] = f[i];
	return k;
}

/* The multipliers of one band's two hash functions: odd, from a fixed
 * seed, so that keys never depend on the run and stored keys stay valid. */
static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

void dm_near_keys(const uint32_t *f, size_t n, int kind, uint32_t key[DM_BANDS])
{
	uint64_t seed = 0x64696374756dull; /* "dictum" */
	for (int band = 0; band < DM_BANDS; band++) {
		uint64_t mul = splitmix(&seed) | 1, add = splitmix(&seed);
		uint32_t m0 = UINT32_MAX, m1 = UINT32_MAX;
		for (size_t i = 0; i < n; i++) {
			uint32_t h = (uint32_t)((f[i] * mul + add) >> 32);
			if (h < m1) {
				m1 = h < m0 ? m0 : h;
				m0 = h < m0 ? h : m0;
			}
		}
		uint64_t x = ((uint64_t)m0 << 32 | m1) ^ (uint64_t)kind << 61;
		key[band] = (uint32_t)splitmix(&x);
	}
}

/* V[N] sorted by their upper 32 bits, stably (so sets stay in order
 * within a key): two passes of 16 bits through TMP. */
static void radix_by_key(uint64_t *v, uint64_t *tmp, size_t n, size_t *count)
{
	for (int shift = 32; shift < 64; shift += 16) {
		memset(count, 0, 65536 * sizeof *count);
		for (size_t i = 0; i < n; i++)
			count[(v[i] >> shift) & 0xffff]++;
		for (size_t c = 0, sum = 0; c < 65536; c++) {
			size_t k = count[c];
			count[c] = sum;
			sum += k;
		}
		for (size_t i = 0; i < n; i++)
			tmp[count[(v[i] >> shift) & 0xffff]++] = v[i];
		memcpy(v, tmp, n * sizeof *v);
	}
}

int dm_near_join(const uint32_t *keys, size_t n, dm_pair_fn pair, void *arg)
{
	uint64_t *v = malloc((n + 1) * sizeof *v), *tmp = malloc((n + 1) * sizeof *tmp);
	size_t *count = malloc(65536 * sizeof *count);
	int rc = !v || !tmp || !count ? -1 : 0;
	for (int band = 0; band < DM_BANDS && !rc && n > 1; band++) {
		for (size_t i = 0; i < n; i++)
			v[i] = (uint64_t)keys[i * DM_BANDS + (size_t)band] << 32 | i;
		radix_by_key(v, tmp, n, count);
		for (size_t a = 0; a < n && !rc;) {
			size_t b = a + 1;
			while (b < n && v[b] >> 32 == v[a] >> 32)
				b++;
			for (size_t r = a + 1; r < b && !rc; r++)
				for (size_t q = r - a > DM_WINDOW ? r - DM_WINDOW : a; q < r && !rc; q++)
					rc = pair(arg, (uint32_t)v[q], (uint32_t)v[r]) ? -1 : 0;
			a = b;
		}
	}
	free(v);
	free(tmp);
	free(count);
	return rc;
}

/* ---- a batch against the sets before it ---- */

/* A bucket the batch falls in: its members from the batch, a chain
 * through `entry`, and the last DM_WINDOW earlier ones, made when the
 * first is met (most buckets never meet one). */
typedef struct bucket {
	uint32_t head, tail; /* entries; head UINT32_MAX: none yet */
	uint32_t n_fresh;
	uint64_t n_old;
	uint64_t *late; /* by n_old % DM_WINDOW */
} bucket;

typedef struct entry {
	uint64_t id;
	uint32_t next; /* the bucket's next member from the batch */
} entry;

struct dm_nearprobe {
	uint64_t *slot; /* band << 32 | key, + 1 (0: empty) */
	uint32_t *slot_bucket;
	size_t mask;
	uint64_t *filter; /* a bit per hash of a band's key: most lookups end here */
	unsigned filter_shift;
	bucket *b;
	size_t n_buckets;
	entry *e;
	size_t n_entries;
	int failed;
};

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	return x;
}

static bucket *find(const dm_nearprobe *p, uint64_t bk)
{
	uint64_t h = mix(bk);
	if (!(p->filter[h >> p->filter_shift >> 6] >> (h >> p->filter_shift & 63) & 1))
		return NULL;
	for (size_t i = h & p->mask;; i = (i + 1) & p->mask) {
		if (!p->slot[i])
			return NULL;
		if (p->slot[i] == bk + 1)
			return &p->b[p->slot_bucket[i]];
	}
}

dm_nearprobe *dm_nearprobe_new(const uint32_t *keys, const uint64_t *ids, size_t n)
{
	dm_nearprobe *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	size_t entries = n * DM_BANDS, slots = 64, bits = 1 << 16;
	while (slots < 2 * entries)
		slots *= 2;
	while (bits < 16 * entries)
		bits *= 2;
	p->mask = slots - 1;
	p->filter_shift = 64;
	for (size_t b = bits; b > 1; b /= 2)
		p->filter_shift--;
	p->slot = calloc(slots, sizeof *p->slot);
	p->slot_bucket = malloc(slots * sizeof *p->slot_bucket);
	p->filter = calloc(bits / 64, sizeof *p->filter);
	p->b = malloc((entries + 1) * sizeof *p->b);
	p->e = malloc((entries + 1) * sizeof *p->e);
	if (!p->slot || !p->slot_bucket || !p->filter || !p->b || !p->e || entries >= UINT32_MAX) {
		dm_nearprobe_free(p);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		for (size_t band = 0; band < DM_BANDS; band++) {
			uint64_t bk = (uint64_t)band << 32 | keys[i * DM_BANDS + band], h = mix(bk);
			size_t s = h & p->mask;
			while (p->slot[s] && p->slot[s] != bk + 1)
				s = (s + 1) & p->mask;
			if (!p->slot[s]) {
				p->slot[s] = bk + 1;
				p->slot_bucket[s] = (uint32_t)p->n_buckets;
				p->b[p->n_buckets++] = (bucket){UINT32_MAX, UINT32_MAX, 0, 0, NULL};
				p->filter[h >> p->filter_shift >> 6] |= 1ull << (h >> p->filter_shift & 63);
			}
			bucket *b = &p->b[p->slot_bucket[s]];
			uint32_t e = (uint32_t)p->n_entries++;
			p->e[e] = (entry){ids[i], UINT32_MAX};
			if (b->tail == UINT32_MAX)
				b->head = e;
			else
				p->e[b->tail].next = e;
			b->tail = e;
			b->n_fresh++;
		}
	return p;
}

void dm_nearprobe_old(dm_nearprobe *p, const uint32_t key[DM_BANDS], uint64_t id)
{
	for (size_t band = 0; band < DM_BANDS; band++) {
		bucket *b = find(p, (uint64_t)band << 32 | key[band]);
		if (!b)
			continue;
		if (!b->late && !(b->late = malloc(DM_WINDOW * sizeof *b->late))) {
			p->failed = 1;
			continue;
		}
		b->late[b->n_old++ % DM_WINDOW] = id;
	}
}

static int by_pair(const void *x, const void *y)
{
	const dm_setpair *p = x, *q = y;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->b < q->b ? -1 : p->b > q->b;
}

long dm_nearprobe_pairs(dm_nearprobe *p, dm_setpair **out)
{
	dm_setpair *v = NULL;
	size_t n = 0, cap = 0;
	uint64_t window[DM_WINDOW]; /* the members before the one at hand, by rank % DM_WINDOW */
	*out = NULL;
	if (p->failed)
		return -1;
	for (size_t i = 0; i < p->n_buckets; i++) {
		const bucket *b = &p->b[i];
		uint64_t r = b->n_old;
		for (uint64_t q = r > DM_WINDOW ? r - DM_WINDOW : 0; q < r; q++)
			window[q % DM_WINDOW] = b->late[q % DM_WINDOW];
		for (uint32_t e = b->head; e != UINT32_MAX; e = p->e[e].next, r++) {
			for (uint64_t q = r > DM_WINDOW ? r - DM_WINDOW : 0; q < r; q++) {
				if (n == cap) {
					cap = cap ? 2 * cap : 1024;
					dm_setpair *w = realloc(v, cap * sizeof *w);
					if (!w) {
						free(v);
						return -1;
					}
					v = w;
				}
				v[n++] = (dm_setpair){window[q % DM_WINDOW], p->e[e].id};
			}
			window[r % DM_WINDOW] = p->e[e].id;
		}
	}
	if (n)
		qsort(v, n, sizeof *v, by_pair);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!k || by_pair(&v[i], &v[k - 1]))
			v[k++] = v[i];
	*out = v;
	return (long)k;
}

void dm_nearprobe_free(dm_nearprobe *p)
{
	if (!p)
		return;
	for (size_t i = 0; p->b && i < p->n_buckets; i++)
		free(p->b[i].late);
	free(p->b);
	free(p->e);
	free(p->slot);
	free(p->slot_bucket);
	free(p->filter);
	free(p);
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

int dm_near_similar(int kind, const uint32_t *a, size_t na, const uint32_t *b, size_t nb, double *j)
{
	double min = kind == DM_SET_DOCUMENT ? DM_SYNDICATED : DM_ECHO_MIN;
	if ((double)(na < nb ? na : nb) < min * (double)(na < nb ? nb : na)) { /* too unlike in size */
		*j = 0;
		return 0;
	}
	size_t both = common(a, na, b, nb);
	*j = na + nb ? (double)both / (double)(na + nb - both) : 0;
	if (kind == DM_SET_DOCUMENT)
		return *j >= DM_SYNDICATED;
	return *j >= DM_ECHO_MIN && both >= (kind == DM_SET_SENTENCE ? DM_ECHO_COMMON_WORDS : 1);
}
