/*
 * Training through liblinear.  Instances are kept as hashes; at the end the
 * features seen often enough get liblinear's dense indices, liblinear
 * trains one-against-the-rest, and the features left with a weight are
 * written in the model format of learn.h.
 */
#include <linear.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "learn.h"
#include "util/vec.h"

struct dm_trainer {
	int n_classes;
	char names[DM_MAX_CLASSES][16];
	int *labels;
	size_t n, cap;
	size_t *ends; /* instance i's features are feats[ends[i-1], ends[i]) */
	size_t cap_ends;
	uint64_t *feats;
	size_t n_feats, cap_feats;
	uint64_t *vocab; /* may repeat; written once each */
	size_t n_vocab, cap_vocab;
};

dm_trainer *dm_trainer_new(const char *const *names, int n_classes)
{
	if (n_classes < 2 || n_classes > DM_MAX_CLASSES)
		return NULL;
	dm_trainer *tr = calloc(1, sizeof *tr);
	if (!tr)
		return NULL;
	tr->n_classes = n_classes;
	for (int k = 0; k < n_classes; k++)
		strncpy(tr->names[k], names[k], 15);
	return tr;
}

void dm_trainer_free(dm_trainer *tr)
{
	if (!tr)
		return;
	free(tr->labels);
	free(tr->ends);
	free(tr->feats);
	free(tr->vocab);
	free(tr);
}

size_t dm_trainer_size(const dm_trainer *tr)
{
	return tr->n;
}

int dm_trainer_vocab(dm_trainer *tr, uint64_t v)
{
	if (dm_reserve(&tr->vocab, &tr->cap_vocab, tr->n_vocab, sizeof *tr->vocab))
		return -1;
	tr->vocab[tr->n_vocab++] = v ? v : 1;
	return 0;
}

int dm_trainer_add(dm_trainer *tr, int label, const uint64_t *f, size_t n)
{
	if (dm_reserve(&tr->labels, &tr->cap, tr->n, sizeof *tr->labels) ||
	    dm_reserve(&tr->ends, &tr->cap_ends, tr->n, sizeof *tr->ends))
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (dm_reserve(&tr->feats, &tr->cap_feats, tr->n_feats, sizeof *tr->feats))
			return -1;
		tr->feats[tr->n_feats++] = f[i];
	}
	tr->labels[tr->n] = label;
	tr->ends[tr->n++] = tr->n_feats;
	return 0;
}

/* Feature hash -> count while counting, then -> liblinear index (1-based,
 * 0 when dropped). */
typedef struct table {
	uint64_t *keys;
	uint32_t *vals;
	size_t mask, n;
} table;

static uint32_t *slot(table *t, uint64_t key)
{
	size_t s = key & t->mask;
	while (t->keys[s] && t->keys[s] != key)
		s = (s + 1) & t->mask;
	t->keys[s] = key;
	return &t->vals[s];
}

static void quiet(const char *s)
{
	(void)s;
}

static int by_index(const void *a, const void *b)
{
	const struct feature_node *x = a, *y = b;
	return (x->index > y->index) - (x->index < y->index);
}

static void put_u32(FILE *f, uint32_t v)
{
	unsigned char b[4] = {v, v >> 8, v >> 16, v >> 24};
	fwrite(b, 1, 4, f);
}

static void put_u64(FILE *f, uint64_t v)
{
	put_u32(f, (uint32_t)v);
	put_u32(f, (uint32_t)(v >> 32));
}

static void put_f32(FILE *f, float x)
{
	uint32_t u;
	memcpy(&u, &x, sizeof u);
	put_u32(f, u);
}

int dm_model_write(FILE *out, const char *const *names, int n_classes, const float *bias, const uint64_t *keys,
                   const float *weights, size_t n_feats, const uint64_t *vocab, size_t n_vocab)
{
	fwrite("DMLM", 1, 4, out);
	put_u32(out, 2);
	put_u32(out, (uint32_t)n_classes);
	put_u32(out, (uint32_t)n_feats);
	put_u32(out, (uint32_t)n_vocab);
	for (int k = 0; k < n_classes; k++) {
		char name[16] = {0};
		strncpy(name, names[k], 15);
		fwrite(name, 1, 16, out);
	}
	for (int k = 0; k < n_classes; k++)
		put_f32(out, bias[k]);
	for (size_t i = 0; i < n_feats; i++)
		put_u64(out, keys[i]);
	for (size_t i = 0; i < n_feats * (size_t)n_classes; i++)
		put_f32(out, weights[i]);
	for (size_t i = 0; i < n_vocab; i++)
		put_u64(out, vocab[i]);
	return ferror(out) ? -1 : 0;
}

long dm_trainer_write(dm_trainer *tr, const dm_train_opts *o, FILE *out, char *err)
{
	long kept = -1;
	table t = {0};
	size_t cap = 2;
	while (cap < 2 * tr->n_feats + 2)
		cap *= 2;
	t.mask = cap - 1;
	t.keys = calloc(cap, sizeof *t.keys);
	t.vals = calloc(cap, sizeof *t.vals);
	struct feature_node *nodes = malloc((tr->n_feats + 2 * tr->n) * sizeof *nodes);
	struct feature_node **x = malloc(tr->n * sizeof *x);
	double *y = malloc(tr->n * sizeof *y);
	uint64_t *hash_of = NULL; /* liblinear index -> hash */
	struct model *model = NULL;
	char *keep = NULL; /* liblinear index -> has a weight */
	uint64_t *keys = NULL;
	float *weights = NULL;
	if (!t.keys || !t.vals || !nodes || !x || !y) {
		snprintf(err, 256, "out of memory for %zu instances", tr->n);
		goto done;
	}
	/* Count each feature once per instance. */
	for (size_t i = 0, b = 0; i < tr->n; b = tr->ends[i++])
		for (size_t j = b; j < tr->ends[i]; j++) {
			int seen = 0;
			for (size_t k = b; k < j && !seen; k++)
				seen = tr->feats[k] == tr->feats[j];
			if (!seen)
				(*slot(&t, tr->feats[j]))++;
		}
	size_t n_index = 0;
	for (size_t s = 0; s <= t.mask; s++)
		if (t.keys[s])
			n_index += t.vals[s] >= (uint32_t)o->min_count;
	hash_of = malloc((n_index + 1) * sizeof *hash_of);
	if (!hash_of) {
		snprintf(err, 256, "out of memory for %zu features", n_index);
		goto done;
	}
	n_index = 0;
	for (size_t s = 0; s <= t.mask; s++)
		if (t.keys[s]) {
			if (t.vals[s] >= (uint32_t)o->min_count) {
				t.vals[s] = (uint32_t)++n_index;
				hash_of[n_index] = t.keys[s];
			} else {
				t.vals[s] = 0;
			}
		}
	size_t at = 0;
	for (size_t i = 0, b = 0; i < tr->n; b = tr->ends[i++]) {
		x[i] = nodes + at;
		size_t first = at;
		for (size_t j = b; j < tr->ends[i]; j++) {
			uint32_t idx = *slot(&t, tr->feats[j]);
			if (idx)
				nodes[at++] = (struct feature_node){(int)idx, 1.0};
		}
		qsort(nodes + first, at - first, sizeof *nodes, by_index);
		size_t w = first;
		for (size_t j = first; j < at; j++)
			if (w == first || nodes[w - 1].index != nodes[j].index)
				nodes[w++] = nodes[j];
		at = w;
		nodes[at++] = (struct feature_node){(int)n_index + 1, 1.0}; /* bias */
		nodes[at++] = (struct feature_node){-1, 0};
		y[i] = tr->labels[i];
	}
	struct problem prob = {.l = (int)tr->n, .n = (int)n_index + 1, .y = y, .x = x, .bias = 1};
	struct parameter param = {
	    .solver_type = o->l1 ? L1R_L2LOSS_SVC : L2R_L2LOSS_SVC_DUAL, .eps = o->l1 ? 0.01 : 0.1, .C = o->c};
	const char *bad = check_parameter(&prob, &param);
	if (bad) {
		snprintf(err, 256, "liblinear: %s", bad);
		goto done;
	}
	set_print_string_function(quiet);
	/* liblinear's solvers shuffle with rand(): a fixed seed makes each
	 * model the same whatever was trained before it. */
	srand(1);
	model = train(&prob, &param);
	if (!model) {
		snprintf(err, 256, "liblinear could not train");
		goto done;
	}
	/* liblinear's class order is first appearance; ours is the label. */
	int nr = get_nr_class(model), lab[DM_MAX_CLASSES], col[DM_MAX_CLASSES];
	for (int k = 0; k < tr->n_classes; k++)
		col[k] = -1;
	get_labels(model, lab);
	for (int j = 0; j < nr; j++)
		if (lab[j] >= 0 && lab[j] < tr->n_classes)
			col[lab[j]] = j;
	keep = calloc(n_index + 1, 1);
	if (!keep) {
		snprintf(err, 256, "out of memory");
		goto done;
	}
	size_t n_kept = 0;
	for (size_t i = 1; i <= n_index; i++) {
		for (int k = 0; k < tr->n_classes && !keep[i]; k++)
			keep[i] = col[k] >= 0 && fabs(get_decfun_coef(model, (int)i, col[k])) > 1e-6;
		n_kept += keep[i];
	}
	size_t n_vocab = 0;
	if (tr->n_vocab)
		qsort(tr->vocab, tr->n_vocab, sizeof *tr->vocab, dm_cmp_u64);
	for (size_t i = 0; i < tr->n_vocab; i++)
		if (!i || tr->vocab[i] != tr->vocab[i - 1])
			tr->vocab[n_vocab++] = tr->vocab[i];
	tr->n_vocab = n_vocab;
	float bias[DM_MAX_CLASSES];
	const char *names[DM_MAX_CLASSES];
	for (int k = 0; k < tr->n_classes; k++) {
		names[k] = tr->names[k];
		bias[k] = col[k] >= 0 ? (float)get_decfun_bias(model, col[k]) : -1e9f;
	}
	keys = malloc((n_kept ? n_kept : 1) * sizeof *keys);
	weights = malloc((n_kept ? n_kept : 1) * tr->n_classes * sizeof *weights);
	if (!keys || !weights) {
		snprintf(err, 256, "out of memory");
		goto done;
	}
	size_t w = 0;
	for (size_t i = 1; i <= n_index; i++)
		if (keep[i]) {
			keys[w] = hash_of[i];
			for (int k = 0; k < tr->n_classes; k++)
				weights[w * tr->n_classes + k] =
				    col[k] >= 0 ? (float)get_decfun_coef(model, (int)i, col[k]) : 0;
			w++;
		}
	if (dm_model_write(out, names, tr->n_classes, bias, keys, weights, n_kept, tr->vocab, n_vocab)) {
		snprintf(err, 256, "could not write the model");
		goto done;
	}
	kept = (long)n_kept;
done:
	if (model)
		free_and_destroy_model(&model);
	free(t.keys);
	free(t.vals);
	free(nodes);
	free(x);
	free(y);
	free(hash_of);
	free(keep);
	free(keys);
	free(weights);
	return kept;
}
