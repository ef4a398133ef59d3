/*
 * Near-duplicate sets (link.h): MinHash with banded locality-sensitive
 * hashing, then the exact Jaccard of each candidate pair.
 *
 * A band's key is the two smallest values of one hash function over a
 * set's features, folded with the set's kind into 32 bits; sets that share a
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
#include "util/hash.h"
#include "util/vec.h"

size_t dm_set_normalize(uint32_t *f, uint32_t *tmp, size_t n)
{
	if (!n)
		return 0;
	if (n <= 64) {
		for (size_t i = 1; i < n; i++) {
			uint32_t x = f[i];
			size_t j = i;
			for (; j && f[j - 1] > x; j--)
				f[j] = f[j - 1];
			f[j] = x;
		}
	} else {
		/* four passes of a byte: a set of a document has a thousand
		 * features or more, and qsort's calls cost sixteen times this */
		size_t count[4][256] = {{0}};
		for (size_t i = 0; i < n; i++)
			for (int b = 0; b < 4; b++)
				count[b][f[i] >> (8 * b) & 255]++;
		uint32_t *src = f, *dst = tmp;
		for (int b = 0; b < 4; b++) {
			for (size_t c = 0, sum = 0; c < 256; c++) {
				size_t k = count[b][c];
				count[b][c] = sum;
				sum += k;
			}
			for (size_t i = 0; i < n; i++)
				dst[count[b][src[i] >> (8 * b) & 255]++] = src[i];
			uint32_t *t = src;
			src = dst;
			dst = t;
		}
	}
	size_t k = 1;
	for (size_t i = 1; i < n; i++)
		if (f[i] != f[k - 1])
			f[k++] = f[i];
	return k;
}

/* Each band's hash, x * mul + add (mod 2^64), its upper half kept: the
 * multipliers odd.  The values are splitmix64's from the seed "dictum"
 * (0x64696374756d), mul then add for each band; they are written out
 * because stored keys depend on them and must never change. */
static const uint64_t band_hash[DM_BANDS][2] = {
    {0x249b8a40927988dfull, 0x94ee54876a72f985ull}, {0x837d59bea78e0603ull, 0x8899d3c51589bbc4ull},
    {0x2bf76f384b933d37ull, 0xeeb07b848d2269eeull}, {0x2458403ee58fabd5ull, 0x5de9f6f8c8f90ff2ull},
    {0x3032ef756185fd0dull, 0x949dfba1cb513f5aull}, {0xf95be882a6e82905ull, 0xefebf5c680a0a2b7ull},
    {0xcf5e8e223e78f3d9ull, 0x3c3777a313c765ffull}, {0xaadf92f1cf41d521ull, 0x898d2bdd9acfd750ull},
    {0x6bc09c39e3990835ull, 0x7af3152e12c4b993ull}, {0xd78718c89b11a84dull, 0x54680c760e8dceeeull},
    {0x59eafffd1b5a810dull, 0x83618ee894cfd1a6ull}, {0x75cf8db425db9f85ull, 0xccf7920913ff41f8ull},
    {0x74381e9556b1cbddull, 0xe8b5144b524ab35full}, {0xc1901667a8302905ull, 0xec2a05f2ad5908e8ull},
    {0x047e453a3de8b989ull, 0x9b8a81f04828edeeull}, {0x805a20b4f5b530e5ull, 0x14b85fb008ac123cull},
    {0x3782a4dabd3999c1ull, 0x91be7d76232f00dfull}, {0xe483786baab0bd1full, 0x60d92ff3e3470024ull},
    {0x7e8fdff5345a2939ull, 0x37007fd3f70b393eull}, {0xa9e8220f6039abf7ull, 0x447640c1dcdc92b2ull},
    {0xf375c2ffb0992ec3ull, 0xe38c548c17ba38a9ull}, {0xc89307485a107525ull, 0x5fe9b058eabb55b5ull},
    {0xc04db5639a8d76dfull, 0x2ab8dbc6d545ad1cull}, {0xff4aa3aaecc898b1ull, 0x7471468123077fe3ull},
    {0x8c6a4206be5d6357ull, 0xdfc89e509aae763dull}, {0x44ffc59a59b48773ull, 0xb5bf9da5e02030efull},
    {0xaaa8ded5db603e25ull, 0xefbbcb5c6e9feb9full}, {0xf235d4eb7cbd76d9ull, 0x01667e45a787111full},
    {0x309fb98430211641ull, 0x7fcab52682165d9full}, {0x6f2260ebbf8ef4c9ull, 0x0e9bc377f61143ecull},
    {0xa4480a4a7e9378f7ull, 0x8a5a925b80afc4dbull}, {0x34b3d13a28537a67ull, 0x9aeeedecbc3a7902ull},
};

/* splitmix64's output for state X: a band's two minima made one key. */
static uint64_t splitmix(uint64_t x)
{
	return dm_mix64(x + 0x9E3779B97F4A7C15ull);
}

void dm_near_keys(const uint32_t *f, size_t n, int kind, uint32_t key[DM_BANDS])
{
	/* Every band at each feature, the hash in 32-bit halves and the two
	 * smallest kept without a branch, so that the compiler runs the bands
	 * side by side: four times faster on the small sets of sentences. */
	uint32_t mul_lo[DM_BANDS], mul_hi[DM_BANDS], add_lo[DM_BANDS], add_hi[DM_BANDS];
	uint32_t m0[DM_BANDS], m1[DM_BANDS];
	for (int b = 0; b < DM_BANDS; b++) {
		mul_lo[b] = (uint32_t)band_hash[b][0];
		mul_hi[b] = (uint32_t)(band_hash[b][0] >> 32);
		add_lo[b] = (uint32_t)band_hash[b][1];
		add_hi[b] = (uint32_t)(band_hash[b][1] >> 32);
		m0[b] = m1[b] = UINT32_MAX;
	}
	for (size_t i = 0; i < n; i++) {
		uint32_t x = f[i];
		for (int b = 0; b < DM_BANDS; b++) {
			uint32_t h =
			    (uint32_t)(((uint64_t)x * mul_lo[b] + add_lo[b]) >> 32) + add_hi[b] + x * mul_hi[b];
			uint32_t lo = h < m0[b] ? h : m0[b], hi = h < m0[b] ? m0[b] : h;
			m1[b] = hi < m1[b] ? hi : m1[b];
			m0[b] = lo;
		}
	}
	for (int b = 0; b < DM_BANDS; b++)
		key[b] = (uint32_t)splitmix(((uint64_t)m0[b] << 32 | m1[b]) ^ (uint64_t)kind << 61);
}

/* V[N] sorted by their upper 32 bits, stably (so sets stay in order
 * within a key): two passes of 16 bits, V to TMP and back. */
static void radix_by_key(uint64_t *v, uint64_t *tmp, size_t n, size_t *count)
{
	uint64_t *from = v, *to = tmp;
	for (int shift = 32; shift < 64; shift += 16) {
		memset(count, 0, 65536 * sizeof *count);
		for (size_t i = 0; i < n; i++)
			count[(from[i] >> shift) & 0xffff]++;
		for (size_t c = 0, sum = 0; c < 65536; c++) {
			size_t k = count[c];
			count[c] = sum;
			sum += k;
		}
		for (size_t i = 0; i < n; i++)
			to[count[(from[i] >> shift) & 0xffff]++] = from[i];
		uint64_t *t = from;
		from = to;
		to = t;
	}
}

/* Bands gathered at once: a set's keys are DM_BANDS in a row, so the
 * keys of JOIN_BANDS bands are read with one cache line a set, not one
 * each (a full link's join of 2.8 million sets: the gathering was half of
 * its own time). */
#define JOIN_BANDS 4
_Static_assert(DM_BANDS % JOIN_BANDS == 0, "bands gathered in whole groups");

int dm_near_join(const uint32_t *keys, size_t n, dm_pair_fn pair, dm_settled_fn settled, void *arg)
{
	uint64_t *all = malloc((JOIN_BANDS * n + 1) * sizeof *all), *tmp = malloc((n + 1) * sizeof *tmp);
	size_t *count = malloc(65536 * sizeof *count);
	int rc = !all || !tmp || !count ? -1 : 0;
	for (int band = 0; band < DM_BANDS && !rc && n > 1; band++) {
		uint64_t *v = all + (size_t)(band % JOIN_BANDS) * n;
		if (band % JOIN_BANDS == 0)
			for (size_t i = 0; i < n; i++)
				for (int g = 0; g < JOIN_BANDS; g++)
					all[(size_t)g * n + i] =
					    (uint64_t)keys[i * DM_BANDS + (size_t)(band + g)] << 32 | i;
		radix_by_key(v, tmp, n, count);
		for (size_t a = 0; a < n && !rc;) {
			size_t b = a + 1;
			while (b < n && v[b] >> 32 == v[a] >> 32)
				b++;
			if (b - a > 2 && settled && settled(arg, v + a, b - a)) {
				a = b;
				continue;
			}
			for (size_t r = a + 1; r < b && !rc; r++)
				for (size_t q = r - a > DM_WINDOW ? r - DM_WINDOW : a; q < r && !rc; q++)
					rc = pair(arg, (uint32_t)v[q], (uint32_t)v[r]) ? -1 : 0;
			a = b;
		}
	}
	free(all);
	free(tmp);
	free(count);
	return rc;
}

/* ---- a batch against the sets before it ---- */

/* A bucket the batch falls in: its members from the batch, a chain
 * through `entry`, and the last DM_WINDOW earlier ones, in a block of
 * the probe's pool made when the first is met and doubled as more come
 * (most buckets never meet one, and most that do meet one or two). */
typedef struct bucket {
	uint32_t head, tail; /* entries; head UINT32_MAX: none yet */
	uint32_t room;       /* of late: 0, 2, 4, ... DM_WINDOW */
	uint32_t late;       /* its block in the pool, by n_old % DM_WINDOW */
	uint64_t n_old;
} bucket;

/* The buckets' blocks of earlier members, of 2, 4, ... DM_WINDOW ids, in
 * one array: a block its bucket outgrew is kept for the next that needs
 * one of its size.  A batch of 1,000 articles into an archive of a million
 * statements made 447,768 calls of malloc and realloc for them, and each
 * block carried the allocator's own words: half again as much as its
 * ids. */
enum { BLOCK_SIZES = 4 }; /* 2 << k ids, k < BLOCK_SIZES: up to DM_WINDOW */
_Static_assert(2 << (BLOCK_SIZES - 1) == DM_WINDOW, "a bucket's room doubles from 2 up to DM_WINDOW");
typedef struct pool {
	uint64_t *v;
	size_t n, cap;
	/* each size's blocks given back, a chain through their first ids;
	 * UINT32_MAX: none */
	uint32_t freed[BLOCK_SIZES];
} pool;

/* A block of ROOM ids (a power of two, 2 to DM_WINDOW): its index, or
 * UINT32_MAX when memory ran out. */
static uint32_t pool_take(pool *pl, uint32_t room)
{
	int k = __builtin_ctz(room) - 1;
	uint32_t at = pl->freed[k];
	if (at != UINT32_MAX) {
		pl->freed[k] = (uint32_t)pl->v[at];
		return at;
	}
	/* indices of 32 bits; a block's room made at once (ROOM is at most
	 * DM_WINDOW, and dm_reserve's first capacity holds a window) */
	if (pl->n + room >= UINT32_MAX || dm_reserve(&pl->v, &pl->cap, pl->n + room - 1, sizeof *pl->v))
		return UINT32_MAX;
	at = (uint32_t)pl->n;
	pl->n += room;
	return at;
}

static void pool_give(pool *pl, uint32_t at, uint32_t room)
{
	int k = __builtin_ctz(room) - 1;
	pl->v[at] = pl->freed[k];
	pl->freed[k] = at;
}

typedef struct entry {
	uint64_t id;
	uint32_t next; /* the bucket's next member from the batch */
} entry;

struct dm_nearprobe {
	uint64_t *slot; /* band << 32 | key, + 1 (0: empty) */
	uint32_t *slot_bucket;
	size_t mask;
	/* per band, two bits in one word per key (keys are hashes already):
	 * most lookups end here, in a band's filter that a cache holds */
	uint64_t *filter;
	unsigned word_bits; /* a band has 2^word_bits words */
	bucket *b;
	size_t n_buckets;
	pool late;
	entry *e;
	size_t n_entries;
	/* what dm_nearprobe_pairs gives: the pairs of the owners in a range of
	 * bins, WIDTH owners each, at a time; the next bin */
	size_t *bins;
	int64_t width;
	size_t next;
	dm_setpair *pairs; /* what it gave last */
	size_t cap;
	int failed;
};

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	return x;
}

/* KEY's word in its band's filter, and its two bits there. */
static uint64_t *filter_word(const dm_nearprobe *p, size_t band, uint32_t key, uint64_t *bits)
{
	*bits = 1ull << (key & 63) | 1ull << (key >> 6 & 63);
	return p->filter + (band << p->word_bits) + (p->word_bits ? key >> (32 - p->word_bits) : 0);
}

static bucket *find(const dm_nearprobe *p, uint64_t bk)
{
	uint64_t h = mix(bk);
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
	size_t entries = n * DM_BANDS, slots = 64;
	while (slots < 2 * entries)
		slots *= 2;
	/* 16 bits a key: about one lookup in 60 passes the filter (20 at most:
	 * the word's index has 20 bits beside the two bits' 12) */
	while (p->word_bits < 20 && (size_t)64 << p->word_bits < 16 * n)
		p->word_bits++;
	p->mask = slots - 1;
	memset(p->late.freed, 0xff, sizeof p->late.freed);
	p->slot = calloc(slots, sizeof *p->slot);
	p->slot_bucket = malloc(slots * sizeof *p->slot_bucket);
	p->filter = calloc((size_t)DM_BANDS << p->word_bits, sizeof *p->filter);
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
				p->b[p->n_buckets++] = (bucket){UINT32_MAX, UINT32_MAX, 0, 0, 0};
				uint64_t bits;
				*filter_word(p, band, keys[i * DM_BANDS + band], &bits) |= bits;
			}
			bucket *b = &p->b[p->slot_bucket[s]];
			uint32_t e = (uint32_t)p->n_entries++;
			p->e[e] = (entry){ids[i], UINT32_MAX};
			if (b->tail == UINT32_MAX)
				b->head = e;
			else
				p->e[b->tail].next = e;
			b->tail = e;
		}
	return p;
}

void dm_nearprobe_old(dm_nearprobe *p, const uint32_t *keys, const uint64_t *ids, size_t n)
{
	/* band by band, so that one band's filter and keys are in the cache
	 * at a time; a bucket still meets its sets in order */
	for (size_t band = 0; band < DM_BANDS; band++)
		for (size_t i = 0; i < n; i++) {
			uint32_t key = keys[band * n + i];
			uint64_t bits;
			if ((*filter_word(p, band, key, &bits) & bits) != bits)
				continue;
			bucket *b = find(p, (uint64_t)band << 32 | key);
			if (!b)
				continue;
			if (b->n_old == b->room && b->room < DM_WINDOW) {
				/* full, and in order: moved to a block twice the size */
				uint32_t room = b->room ? 2 * b->room : 2, at = pool_take(&p->late, room);
				if (at == UINT32_MAX) {
					p->failed = 1;
					continue;
				}
				if (b->room) {
					memcpy(p->late.v + at, p->late.v + b->late, b->room * sizeof *p->late.v);
					pool_give(&p->late, b->late, b->room);
				}
				b->late = at;
				b->room = room;
			}
			p->late.v[b->late + b->n_old++ % DM_WINDOW] = ids[i];
		}
}

#define PAIR_BINS 65536

static int by_pair(const void *x, const void *y)
{
	const dm_setpair *p = x, *q = y;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->b < q->b ? -1 : p->b > q->b;
}

/* Every candidate pair of the buckets, in bucket order: with a WIDTH,
 * counted in the bin of its first set's owner (WIDTH owners a bin); with
 * none, kept in p->pairs (room for them all made before) when that owner
 * is in [LO, HI); how many were kept. */
static size_t walk(dm_nearprobe *p, int64_t width, int64_t lo, int64_t hi)
{
	size_t n = 0;
	uint64_t window[DM_WINDOW]; /* the members before the one at hand, by rank % DM_WINDOW */
	for (size_t i = 0; i < p->n_buckets; i++) {
		const bucket *b = &p->b[i];
		uint64_t r = b->n_old;
		const uint64_t *late = r ? p->late.v + b->late : NULL;
		for (uint64_t q = r > DM_WINDOW ? r - DM_WINDOW : 0; q < r; q++)
			window[q % DM_WINDOW] = late[q % DM_WINDOW];
		for (uint32_t e = b->head; e != UINT32_MAX; e = p->e[e].next, r++) {
			for (uint64_t q = r > DM_WINDOW ? r - DM_WINDOW : 0; q < r; q++) {
				int64_t o = DM_SET_OWNER(window[q % DM_WINDOW]);
				if (width)
					p->bins[o / width]++;
				else if (o >= lo && o < hi)
					p->pairs[n++] = (dm_setpair){window[q % DM_WINDOW], p->e[e].id};
			}
			window[r % DM_WINDOW] = p->e[e].id;
		}
	}
	return n;
}

long dm_nearprobe_pairs(dm_nearprobe *p, size_t max, const dm_setpair **out)
{
	*out = p->pairs;
	if (p->failed)
		return -1;
	if (!p->bins) {
		/* the pairs counted by ranges of their first set's owner (all
		 * owners are below the batch's last) */
		int64_t top = 0;
		for (size_t i = 0; i < p->n_entries; i++)
			if (DM_SET_OWNER(p->e[i].id) > top)
				top = DM_SET_OWNER(p->e[i].id);
		p->width = top / PAIR_BINS + 1;
		if (!(p->bins = calloc(PAIR_BINS, sizeof *p->bins))) {
			p->failed = 1;
			return -1;
		}
		walk(p, p->width, 0, 0);
	}
	/* the next bins, as many as MAX holds, at least one with pairs */
	size_t from = p->next, n = 0;
	while (p->next < PAIR_BINS && (!n || n + p->bins[p->next] <= max))
		n += p->bins[p->next++];
	if (!n)
		return 0;
	if (n > p->cap) {
		free(p->pairs);
		if (!(p->pairs = malloc(n * sizeof *p->pairs))) {
			p->cap = 0;
			p->failed = 1;
			return -1;
		}
		p->cap = n;
	}
	n = walk(p, 0, (int64_t)from * p->width, (int64_t)p->next * p->width);
	dm_setpair *v = p->pairs;
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
	free(p->late.v);
	free(p->b);
	free(p->e);
	free(p->pairs);
	free(p->bins);
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

/* Whether sets of KIND of NA and NB features, BOTH of them in common,
 * are near-duplicates, and *J their Jaccard. */
static int similar_by_counts(int kind, size_t na, size_t nb, size_t both, double *j)
{
	double min = kind == DM_SET_DOCUMENT ? DM_SYNDICATED : DM_ECHO_MIN;
	*j = 0;
	if ((double)(na < nb ? na : nb) < min * (double)(na < nb ? nb : na)) /* too unlike in size */
		return 0;
	*j = na + nb ? (double)both / (double)(na + nb - both) : 0;
	if (kind == DM_SET_DOCUMENT)
		return *j >= DM_SYNDICATED;
	return *j >= DM_ECHO_MIN && both >= (kind == DM_SET_SENTENCE ? DM_ECHO_COMMON_WORDS : 1);
}

int dm_near_similar(int kind, const uint32_t *a, size_t na, const uint32_t *b, size_t nb, double *j)
{
	return similar_by_counts(kind, na, nb, common(a, na, b, nb), j);
}

/* A feature's bit among 64 (the features are hashes: any six bits do;
 * the multiplier mixes them for sets made of a few) */
static uint64_t word_bit(uint32_t x)
{
	return 1ull << ((x * 0x9E3779B1u) >> 26);
}

uint64_t dm_set_words(const uint32_t *f, size_t n)
{
	uint64_t w = 0;
	for (size_t i = 0; i < n; i++)
		w |= word_bit(f[i]);
	return w;
}

int dm_near_may_be_similar(int kind, size_t na, uint64_t words, const uint32_t *b, size_t nb)
{
	/* a feature of B whose bit A lacks is not A's: what is left bounds
	 * what they share, and the Jaccard grows with it */
	size_t both = 0;
	for (size_t i = 0; i < nb; i++)
		both += (words & word_bit(b[i])) != 0;
	double j;
	return similar_by_counts(kind, na, nb, both < na ? both : na, &j);
}
