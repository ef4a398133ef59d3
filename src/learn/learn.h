/*
 * learn: sparse linear classifiers over hashed features.  A feature is a
 * 64-bit hash of a template and its values (dm_feat); a model maps the
 * features it kept to one weight per class and scores an instance as the
 * sum of its features' weights.  Scoring is ours and needs no library;
 * training goes through liblinear and keeps only features with a non-zero
 * weight, so model files stay small.  Model files are little-endian:
 *
 *   "DMLM" u32 version=1, u32 n_classes, u32 n_feats,
 *   n_classes x char[16] class names, n_classes x f32 biases,
 *   n_feats x u64 feature hashes, n_feats x n_classes x f32 weights.
 */
#ifndef DM_LEARN_H
#define DM_LEARN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define DM_MAX_CLASSES 16

/* The hash of feature template TPL with values A and B (0 when unused). */
uint64_t dm_feat(uint32_t tpl, uint64_t a, uint64_t b);
/* The hash of a string value, for use as A or B. */
uint64_t dm_feat_str(const char *s, size_t n);

typedef struct dm_model dm_model;

/* Read a model from the bytes DATA[0, len), which the model does not keep.
 * Returns NULL with a reason in ERR[256] when they are not a model or
 * memory ran out. */
dm_model *dm_model_read(const void *data, size_t len, char *err);
void dm_model_free(dm_model *m);
int dm_model_classes(const dm_model *m);
const char *dm_model_class(const dm_model *m, int k);
/* SCORES[k] for each class k of the instance with features F[0, n). */
void dm_model_score(const dm_model *m, const uint64_t *f, size_t n, float *scores);
/* The class of highest score. */
int dm_model_best(const dm_model *m, const uint64_t *f, size_t n);

/* Training: instances in, a model file out. */
typedef struct dm_trainer dm_trainer;

/* A trainer for the classes NAMES[0, n_classes). */
dm_trainer *dm_trainer_new(const char *const *names, int n_classes);
void dm_trainer_free(dm_trainer *tr);
/* One instance of class LABEL.  Returns -1 when memory ran out. */
int dm_trainer_add(dm_trainer *tr, int label, const uint64_t *f, size_t n);
size_t dm_trainer_size(const dm_trainer *tr);

typedef struct dm_train_opts {
	int min_count; /* drop features seen in fewer instances */
	double c;      /* liblinear's cost of errors */
	int l1;        /* L1 regularisation: sparser models */
} dm_train_opts;

/* Train and write the model to OUT.  Returns the number of features kept,
 * or -1 with a reason in ERR[256]. */
long dm_trainer_write(dm_trainer *tr, const dm_train_opts *o, FILE *out, char *err);

#endif
