/*
 * Reading and scoring models.  The features sit in an open-addressing
 * table sized to a power of two at least twice their number, so a look-up
 * is one or two probes; a feature the model does not know costs a probe
 * that ends at an empty slot.  A slot holds the feature's key and its
 * weights together, in a power-of-two stride, so that a look-up touches
 * one cache line, not two; scoring asks for all its features' lines
 * before it reads the first.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define XXH_INLINE_ALL /* a word's hash is a few dozen instructions: no call through the PLT */
#include <xxhash.h>

#include "learn.h"
#include "util/bits.h"

/* Models read so far by the process, on any thread: a model's serial. */
static atomic_uint_fast64_t models_read;

struct dm_model {
	uint64_t serial;
	int n_classes;
	char names[DM_MAX_CLASSES][16];
	float bias[DM_MAX_CLASSES];
	uint32_t mask;
	size_t stride;        /* bytes per slot: the key, then n_classes weights */
	unsigned char *slots; /* mask + 1 slots; key 0 = empty */
	uint32_t vmask;       /* vocabulary: the same kind of table, without rows */
	uint64_t *vocab;
	uint64_t vbits[64]; /* a bit for each value's vfilter_bit: most values not there miss it */
};

/* Which of the 4096 bits of a vocabulary's filter is V's: from bits the
 * table's slot (the low ones) does not use.  The cue tagger asks after
 * every token, and the filter's 512 bytes stay in the nearest cache where
 * the table's 16 KB do not. */
static uint32_t vfilter_bit(uint64_t v)
{
	return (uint32_t)(v >> 40) & 4095;
}

static uint32_t table_size(uint32_t n)
{
	uint32_t cap = 2;
	while (cap < 2 * n)
		cap *= 2;
	return cap;
}

/* The slot of KEY in the table of slots of STRIDE bytes at TABLE[mask + 1],
 * each beginning with its key: where it is, or the empty one that ends
 * its probe. */
static uint64_t *probe(const unsigned char *table, size_t stride, uint32_t mask, uint64_t key)
{
	uint32_t s = (uint32_t)key & mask;
	for (;;) {
		uint64_t *k = (uint64_t *)(table + s * stride);
		if (!*k || *k == key)
			return k;
		s = (s + 1) & mask;
	}
}

/* Put KEY in the table: its slot, or NULL if it is 0 or there already. */
static uint64_t *place(unsigned char *table, size_t stride, uint32_t mask, uint64_t key)
{
	uint64_t *k = probe(table, stride, mask, key);
	if (!key || *k)
		return NULL;
	*k = key;
	return k;
}

uint64_t dm_feat_str(const char *s, size_t n)
{
	return XXH3_64bits(s, n);
}

static uint32_t get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get_u64(const unsigned char *p)
{
	return (uint64_t)get_u32(p) | (uint64_t)get_u32(p + 4) << 32;
}

static float get_f32(const unsigned char *p)
{
	uint32_t u = get_u32(p);
	float f;
	memcpy(&f, &u, sizeof f);
	return f;
}

dm_model *dm_model_read(const void *data, size_t len, char *err)
{
	const unsigned char *p = data;
	if (len < 20 || memcmp(p, "DMLM", 4) || get_u32(p + 4) != 2) {
		snprintf(err, 256, "not a dictum model (version 2)");
		return NULL;
	}
	uint32_t nc = get_u32(p + 8), nf = get_u32(p + 12), nv = get_u32(p + 16);
	if (nc < 1 || nc > DM_MAX_CLASSES || nf > (1u << 28) || nv > (1u << 28) ||
	    len != 20 + (size_t)nc * 20 + (size_t)nf * (8 + 4 * (size_t)nc) + (size_t)nv * 8) {
		snprintf(err, 256, "model is truncated or has a bad header");
		return NULL;
	}
	dm_model *m = calloc(1, sizeof *m);
	uint32_t cap = table_size(nf), vcap = nv ? table_size(nv) : 0;
	size_t stride = 16;
	while (stride < 8 + 4 * (size_t)nc)
		stride *= 2;
	if (m) {
		m->stride = stride;
		/* on a cache line, so that no slot of up to 64 bytes spans two;
		 * aligned_alloc wants a size that is a multiple of the alignment */
		size_t bytes = ((size_t)cap * stride + 63) & ~(size_t)63;
		m->slots = aligned_alloc(64, bytes);
		m->vocab = vcap ? calloc(vcap, sizeof *m->vocab) : NULL;
		if (m->slots)
			memset(m->slots, 0, bytes);
	}
	if (!m || !m->slots || (vcap && !m->vocab)) {
		dm_model_free(m);
		snprintf(err, 256, "out of memory");
		return NULL;
	}
	m->serial = atomic_fetch_add(&models_read, 1) + 1;
	m->n_classes = (int)nc;
	m->mask = cap - 1;
	m->vmask = vcap - 1;
	p += 20;
	for (uint32_t k = 0; k < nc; k++, p += 16) {
		memcpy(m->names[k], p, 15);
		m->names[k][15] = 0;
	}
	for (uint32_t k = 0; k < nc; k++, p += 4)
		m->bias[k] = get_f32(p);
	const unsigned char *w = p + (size_t)nf * 8;
	for (uint32_t i = 0; i < nf; i++) {
		uint64_t *k = place(m->slots, stride, m->mask, get_u64(p + (size_t)i * 8));
		if (!k) {
			dm_model_free(m);
			snprintf(err, 256, "model has a null or repeated feature");
			return NULL;
		}
		float *row = (float *)(k + 1);
		for (uint32_t c = 0; c < nc; c++)
			row[c] = get_f32(w + ((size_t)i * nc + c) * 4);
	}
	const unsigned char *v = w + (size_t)nf * nc * 4;
	for (uint32_t i = 0; i < nv; i++) {
		uint64_t x = get_u64(v + (size_t)i * 8);
		if (!place((unsigned char *)m->vocab, sizeof *m->vocab, m->vmask, x)) {
			dm_model_free(m);
			snprintf(err, 256, "model has a null or repeated vocabulary value");
			return NULL;
		}
		dm_bits_add(m->vbits, vfilter_bit(x));
	}
	return m;
}

void dm_model_free(dm_model *m)
{
	if (!m)
		return;
	free(m->slots);
	free(m->vocab);
	free(m);
}

int dm_model_classes(const dm_model *m)
{
	return m->n_classes;
}

uint64_t dm_model_serial(const dm_model *m)
{
	return m->serial;
}

const char *dm_model_class(const dm_model *m, int k)
{
	return m->names[k];
}

typedef float lanes4 __attribute__((vector_size(16)));

static inline lanes4 load4(const float *p)
{
	lanes4 v;
	memcpy(&v, p, sizeof v); /* a row is 4-byte aligned only */
	return v;
}

/* Add the rows of the features F[0, n) the model has to ACC, LANES
 * weights a row: the slot's whole width, its unused lanes zero.  The
 * weights are added four at a time, the last four ending at the row's end
 * (overlapping the four before when LANES is not a multiple of four): each
 * class is still summed in the same order as one at a time, so the scores
 * are the same to the bit. */
static inline void add_rows(const dm_model *m, const uint64_t *f, size_t n, float *acc, int lanes)
{
	enum { MAX_CHUNKS = (128 - 8) / 16 + 1 };
	int chunks = (lanes + 3) / 4, at[MAX_CHUNKS];
	lanes4 sum[MAX_CHUNKS];
	for (int c = 0; c < chunks; c++) {
		at[c] = c + 1 < chunks ? 4 * c : lanes - 4;
		sum[c] = load4(acc + at[c]);
	}
	for (size_t i = 0; i < n; i++) {
		const uint64_t *k = probe(m->slots, m->stride, m->mask, f[i]);
		if (!*k)
			continue;
		const float *row = (const float *)(k + 1);
		for (int c = 0; c < chunks; c++)
			sum[c] += load4(row + at[c]);
	}
	for (int c = 0; c < chunks; c++)
		memcpy(acc + at[c], &sum[c], sizeof sum[c]);
}

/* The same for rows of two weights, too narrow for four at a time. */
static inline void add_pairs(const dm_model *m, const uint64_t *f, size_t n, float *acc)
{
	for (size_t i = 0; i < n; i++) {
		const uint64_t *k = probe(m->slots, m->stride, m->mask, f[i]);
		if (!*k)
			continue;
		const float *row = (const float *)(k + 1);
		acc[0] += row[0];
		acc[1] += row[1];
	}
}

_Static_assert(DM_MODEL_LANES >= (128 - 8) / 4, "an accumulator holds the widest slot's lanes");

void dm_model_start(const dm_model *m, float *acc)
{
	memset(acc, 0, DM_MODEL_LANES * sizeof *acc);
	memcpy(acc, m->bias, m->n_classes * sizeof *acc);
}

void dm_model_prefetch(const dm_model *m, const uint64_t *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		__builtin_prefetch(m->slots + ((uint32_t)f[i] & m->mask) * m->stride);
}

void dm_model_add(const dm_model *m, const uint64_t *f, size_t n, float *acc)
{
	dm_model_prefetch(m, f, n); /* every line asked for before the first is read */
	switch (m->stride) {        /* a constant width for each, unrolled */
	case 16: add_pairs(m, f, n, acc); break;
	case 32: add_rows(m, f, n, acc, 6); break;
	case 64: add_rows(m, f, n, acc, 14); break;
	default: add_rows(m, f, n, acc, 30);
	}
}

void dm_model_score(const dm_model *m, const uint64_t *f, size_t n, float *scores)
{
	float acc[DM_MODEL_LANES]; /* the bias first: sums in the order of training's tests */
	dm_model_start(m, acc);
	dm_model_add(m, f, n, acc);
	memcpy(scores, acc, m->n_classes * sizeof *scores);
}

const float *dm_model_row(const dm_model *m, uint64_t f)
{
	const uint64_t *k = probe(m->slots, m->stride, m->mask, f);
	return *k ? (const float *)(k + 1) : NULL;
}

int dm_model_knows(const dm_model *m, uint64_t v)
{
	if (!m->vocab)
		return 1;
	return v && dm_bits_has(m->vbits, vfilter_bit(v)) &&
	       *probe((const unsigned char *)m->vocab, sizeof *m->vocab, m->vmask, v) == v;
}
