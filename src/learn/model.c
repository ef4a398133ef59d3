/*
 * Reading and scoring models.  The features sit in an open-addressing
 * table sized to a power of two at least twice their number, so a look-up
 * is one or two probes; a feature the model does not know costs a probe
 * that ends at an empty slot.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "learn.h"

struct dm_model {
	int n_classes;
	char names[DM_MAX_CLASSES][16];
	float bias[DM_MAX_CLASSES];
	uint32_t mask;
	uint64_t *keys; /* 0 = empty slot */
	float *rows;    /* mask + 1 rows of n_classes weights */
	uint32_t vmask; /* vocabulary: the same kind of table, without rows */
	uint64_t *vocab;
};

static uint32_t table_size(uint32_t n)
{
	uint32_t cap = 2;
	while (cap < 2 * n)
		cap *= 2;
	return cap;
}

/* The slot of KEY in TABLE[mask + 1]: where it is, or the empty one that
 * ends its probe. */
static uint32_t probe(const uint64_t *table, uint32_t mask, uint64_t key)
{
	uint32_t s = (uint32_t)key & mask;
	while (table[s] && table[s] != key)
		s = (s + 1) & mask;
	return s;
}

/* Put KEY in TABLE: its slot, or -1 if it is 0 or there already. */
static int64_t place(uint64_t *table, uint32_t mask, uint64_t key)
{
	uint32_t s = probe(table, mask, key);
	if (!key || table[s])
		return -1;
	table[s] = key;
	return s;
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
	if (m) {
		m->keys = calloc(cap, sizeof *m->keys);
		m->rows = malloc((size_t)cap * nc * sizeof *m->rows);
		m->vocab = vcap ? calloc(vcap, sizeof *m->vocab) : NULL;
	}
	if (!m || !m->keys || !m->rows || (vcap && !m->vocab)) {
		dm_model_free(m);
		snprintf(err, 256, "out of memory");
		return NULL;
	}
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
		int64_t s = place(m->keys, m->mask, get_u64(p + (size_t)i * 8));
		if (s < 0) {
			dm_model_free(m);
			snprintf(err, 256, "model has a null or repeated feature");
			return NULL;
		}
		for (uint32_t k = 0; k < nc; k++)
			m->rows[(size_t)s * nc + k] = get_f32(w + ((size_t)i * nc + k) * 4);
	}
	const unsigned char *v = w + (size_t)nf * nc * 4;
	for (uint32_t i = 0; i < nv; i++) {
		if (place(m->vocab, m->vmask, get_u64(v + (size_t)i * 8)) < 0) {
			dm_model_free(m);
			snprintf(err, 256, "model has a null or repeated vocabulary value");
			return NULL;
		}
	}
	return m;
}

void dm_model_free(dm_model *m)
{
	if (!m)
		return;
	free(m->keys);
	free(m->rows);
	free(m->vocab);
	free(m);
}

int dm_model_classes(const dm_model *m)
{
	return m->n_classes;
}

const char *dm_model_class(const dm_model *m, int k)
{
	return m->names[k];
}

void dm_model_score(const dm_model *m, const uint64_t *f, size_t n, float *scores)
{
	int nc = m->n_classes;
	memcpy(scores, m->bias, nc * sizeof *scores);
	for (size_t i = 0; i < n; i++) {
		uint32_t s = probe(m->keys, m->mask, f[i]);
		if (!m->keys[s])
			continue;
		const float *row = m->rows + (size_t)s * nc;
		for (int k = 0; k < nc; k++)
			scores[k] += row[k];
	}
}

const float *dm_model_row(const dm_model *m, uint64_t f)
{
	uint32_t s = probe(m->keys, m->mask, f);
	return m->keys[s] ? m->rows + (size_t)s * m->n_classes : NULL;
}

int dm_model_best(const dm_model *m, const uint64_t *f, size_t n)
{
	float s[DM_MAX_CLASSES];
	dm_model_score(m, f, n, s);
	int best = 0;
	for (int k = 1; k < m->n_classes; k++)
		if (s[k] > s[best])
			best = k;
	return best;
}

int dm_model_knows(const dm_model *m, uint64_t v)
{
	return !m->vocab || (v && m->vocab[probe(m->vocab, m->vmask, v)] == v);
}
