/*
 * dictum_tools.h: measuring dictum and training its models (src/eval,
 * src/train), a library of its own (dictum_tools) beside the one every
 * program that reads news links (dictum).  Each measure extracts what it
 * scores as 'dictum extract' would, writes its report to OUT and each
 * problem, naming the input, to ERRS; it returns 0, 1 when some input
 * could not be read or extracted (the rest still scored), or 2 when it
 * could not score at all (a gold file or folder missing or malformed).
 */
#ifndef DICTUM_TOOLS_H
#define DICTUM_TOOLS_H

#include <stdio.h>

#include "dictum.h"

/* Attributions against gold brat annotation laid out as PolNeAR is
 * (GOLD/text/NAME.txt, GOLD/attributions/NAME_ANNOTATOR.ann): PRED/NAME.ann
 * when PRED is given, else extracted now with MODELS (NULL: built in);
 * HOLDOUT > 0 scores only every HOLDOUT-th article, those training left out. */
int dm_eval_attributions(const char *gold, const char *pred, const dm_models *models, int holdout, FILE *out,
                         FILE *errs);
/* Article extraction from web pages: DIR/ground-truth.json and
 * DIR/html/HASH.html.gz, as the extraction benchmark lays them out;
 * VERBOSE lists each page's F1, worst first.  With META (may be NULL), a
 * gold of the pages' metadata (tests/data/pages-meta.json): each page's
 * title, authors, outlet and date are scored too (VERBOSE: listed, gold
 * against extracted). */
int dm_eval_pages(const char *dir, const char *meta, int verbose, FILE *out, FILE *errs);
/* Who said what: GOLD (realnews' dev-gold.json) against the pages it names
 * in PAGES (html/HASH.html.gz, HASH.html.gz or HASH.html), as
 * realnews_score.py scores them. */
int dm_eval_statements(const char *gold, const char *pages, const dm_models *models, int verbose, FILE *out,
                       FILE *errs);
/* The speakers of PolNeAR attributions resolved by hand (GOLD), the texts
 * read from TEXTS/NAME.txt, as polnear_speaker_score.py scores them. */
int dm_eval_speakers(const char *gold, const char *texts, const dm_models *models, int verbose, FILE *out, FILE *errs);

/* Train the attribution models on CORPUS (laid out as for
 * dm_eval_attributions) into OUT_DIR/cue.dmm and span.dmm, leaving every
 * HOLDOUT-th article out when HOLDOUT > 0; CUE_C and SPAN_C are the
 * classifiers' costs of errors (0: the defaults, chosen on held-out train
 * articles).  Progress goes to LOG.  0, or -1 with a message in ERR. */
typedef struct dm_train_settings {
	const char *corpus, *out_dir;
	int holdout;
	double cue_c, span_c;
} dm_train_settings;
int dm_train(const dm_train_settings *s, FILE *log, char *err, size_t errlen);

#endif
