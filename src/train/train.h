/*
 * train: the attribution models from annotated text.  Reads a corpus laid
 * out as PolNeAR (eval.h), runs the text stage over each article, builds
 * the tag lexicon from the silver parses beside it (corenlp.conllu.gz),
 * labels its tokens from the gold Cue / Source / Content spans, and trains
 * the taggers of attrib/features.h through learn/.  Writes DIR/tags.dmm,
 * DIR/cue.dmm and DIR/span.dmm.
 */
#ifndef DM_TRAIN_H
#define DM_TRAIN_H

#include <stdint.h>
#include <stdio.h>

#include "learn/learn.h"

typedef struct dm_train_config {
	const char *corpus;  /* PolNeAR-like directory */
	const char *out_dir; /* where the models go */
	int holdout;         /* leave every Nth article out (0: none) */
	dm_train_opts cue, span;
} dm_train_config;

/* Calls FN for each token of the CoNLL-U file PATH (gzip'd) with its
 * document's name, the code point where it starts (MISC Start=) and its
 * Penn tag; stops when FN returns non-zero.  Returns 0, or -1 with the
 * reason in ERR[256]. */
typedef int (*dm_silver_fn)(void *ctx, const char *doc, uint32_t start, const char *penn);
int dm_silver_read(const char *path, dm_silver_fn fn, void *ctx, char *err);

/* Progress and figures go to LOG.  Returns 0, or -1 with the reason in
 * ERR[256]; articles that cannot be read are reported to LOG and skipped. */
int dm_train_attribution(const dm_train_config *cfg, FILE *log, char *err);

#endif
