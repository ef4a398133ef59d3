/*
 * learn: sparse linear classifiers over hashed features.  A feature is a
 * 64-bit hash of a template and its values (dm_feat); a model maps the
 * features it kept to one weight per class and scores an instance as the
 * sum of its features' weights.  Scoring is ours and needs no library;
 * training goes through liblinear and keeps only features with a non-zero
 * weight, so model files stay small.  A model may also carry a
 * vocabulary: the values (word hashes, say) its caller scores at all, so
 * that a tagger can skip the tokens that never took a class other than
 * "outside" in training.  A model with one class is a table: a value
 * per key, read with dm_model_row.  Model files are little-endian:
 *
 *   "DMLM" u32 version=2, u32 n_classes, u32 n_feats, u32 n_vocab,
 *   n_classes x char[16] class names, n_classes x f32 biases,
 *   n_feats x u64 feature hashes, n_feats x n_classes x f32 weights,
 *   n_vocab x u64 vocabulary values.
 */
#ifndef DM_LEARN_H
#define DM_LEARN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "util/hash.h"

#define DM_MAX_CLASSES 24

/* The hash of feature template TPL with values A and B (0 when unused).
 * Values are hashes already, so mixing them is enough; this runs tens of
 * times per token and must stay cheap.  In two halves for a caller that
 * hashes many A with one TPL and B: dm_feat_half once, dm_feat_with for
 * each A, the same hash. */
static inline uint64_t dm_feat_half(uint32_t tpl, uint64_t b)
{
	return dm_mix64(b + 0x9e3779b97f4a7c15ull * (tpl + 1));
}
static inline uint64_t dm_feat_with(uint64_t half, uint64_t a)
{
	uint64_t h = dm_mix64(half ^ a);
	return h ? h : 1; /* 0 marks an empty slot */
}
static inline uint64_t dm_feat(uint32_t tpl, uint64_t a, uint64_t b)
{
	return dm_feat_with(dm_feat_half(tpl, b), a);
}
/* The hash of a string value, for use as A or B. */
uint64_t dm_feat_str(const char *s, size_t n);

typedef struct dm_model dm_model;

/* Read a model from the bytes DATA[0, len), which the model does not keep.
 * Returns NULL with a reason in ERR[256] when they are not a model or
 * memory ran out. */
dm_model *dm_model_read(const void *data, size_t len, char *err);
void dm_model_free(dm_model *m);
int dm_model_classes(const dm_model *m);
/* A number no other model read by this process has: what a cache of
 * values made with a model keeps, rather than an address malloc may hand
 * to the next one. */
uint64_t dm_model_serial(const dm_model *m);
const char *dm_model_class(const dm_model *m, int k);
/* SCORES[k] for each class k of the instance with features F[0, n). */
void dm_model_score(const dm_model *m, const uint64_t *f, size_t n, float *scores);
/* The same in steps, for instances that share some of their features: an
 * accumulator of DM_MODEL_LANES starts as the biases (dm_model_start),
 * takes the rows of the features F[0, n) (dm_model_add, as often as
 * needed; a copy of it may go on for each instance), and its first
 * n_classes lanes are the scores. */
#define DM_MODEL_LANES 32
void dm_model_start(const dm_model *m, float *acc);
void dm_model_add(const dm_model *m, const uint64_t *f, size_t n, float *acc);
/* Ask for the memory the rows of F[0, n) are in, ahead of their look-up:
 * a look-up is mostly a wait for memory, which other work can fill. */
void dm_model_prefetch(const dm_model *m, const uint64_t *f, size_t n);
/* The weights of feature F, one per class, or NULL when the model does
 * not have it: for models used as tables rather than classifiers. */
const float *dm_model_row(const dm_model *m, uint64_t f);
/* Whether V is in the model's vocabulary (always, when it has none). */
int dm_model_knows(const dm_model *m, uint64_t v);

/* A thread's kept sums of groups of rows (groups.c): for features that
 * always come together, such as a word's own, the sum of their rows under
 * a KEY the caller makes of what they depend on, so that one look-up
 * stands for several.  For models of at most DM_GROUP_LANES classes; a
 * sum has that many lanes, those past the classes zero.  _get is NULL
 * when the group is not kept; _put sums the rows of F[0, n) and keeps
 * them under KEY (pushing out what was in its slot); _add adds a sum to
 * an accumulator (dm_model_start).  The handle is the calling thread's
 * and stays valid while the thread runs; it is never NULL. */
#define DM_GROUP_LANES 6
typedef struct dm_groups dm_groups;
dm_groups *dm_groups_thread(void);
const float *dm_group_get(dm_groups *g, const dm_model *m, uint64_t key);
const float *dm_group_put(dm_groups *g, const dm_model *m, uint64_t key, const uint64_t *f, size_t n);
static inline void dm_group_add(const float *sum, float *acc)
{
	for (int c = 0; c < DM_GROUP_LANES; c++)
		acc[c] += sum[c];
}

/* Training: instances in, a model file out. */
typedef struct dm_trainer dm_trainer;

/* A trainer for the classes NAMES[0, n_classes). */
dm_trainer *dm_trainer_new(const char *const *names, int n_classes);
void dm_trainer_free(dm_trainer *tr);
/* One instance of class LABEL.  Returns -1 when memory ran out. */
int dm_trainer_add(dm_trainer *tr, int label, const uint64_t *f, size_t n);
size_t dm_trainer_size(const dm_trainer *tr);
/* Add V to the vocabulary written with the model.  Returns -1 when memory
 * ran out. */
int dm_trainer_vocab(dm_trainer *tr, uint64_t v);

typedef struct dm_train_opts {
	int min_count; /* drop features seen in fewer instances */
	double c;      /* liblinear's cost of errors */
	int l1;        /* L1 regularisation: sparser models */
} dm_train_opts;

/* Write a model that was not trained here: N_FEATS features KEYS with
 * N_FEATS x N_CLASSES WEIGHTS (row by row), BIAS[n_classes], and VOCAB
 * [n_vocab] (sorted, no repeats).  Returns -1 when OUT failed. */
int dm_model_write(FILE *out, const char *const *names, int n_classes, const float *bias, const uint64_t *keys,
                   const float *weights, size_t n_feats, const uint64_t *vocab, size_t n_vocab);

/* Train and write the model to OUT.  Returns the number of features kept,
 * or -1 with a reason in ERR[256]. */
long dm_trainer_write(dm_trainer *tr, const dm_train_opts *o, FILE *out, char *err);

#endif
