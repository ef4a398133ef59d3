/*
 * train: the attribution models from annotated text.  Reads a corpus laid
 * out as PolNeAR (eval.h), runs the text stage over each article, labels
 * its tokens from the gold Cue / Source / Content spans, and trains the
 * taggers of attrib/features.h through learn/.  Writes DIR/cue.dmm and
 * DIR/span.dmm.
 */
#ifndef DM_TRAIN_H
#define DM_TRAIN_H

#include <stdio.h>

#include "learn/learn.h"

typedef struct dm_train_config {
	const char *corpus;  /* PolNeAR-like directory */
	const char *out_dir; /* where the models go */
	int holdout;         /* leave every Nth article out (0: none) */
	dm_train_opts cue, span;
} dm_train_config;

/* Progress and figures go to LOG.  Returns 0, or -1 with the reason in
 * ERR[256]; articles that cannot be read are reported to LOG and skipped. */
int dm_train_attribution(const dm_train_config *cfg, FILE *log, char *err);

#endif
