/*
 * said: who said what, scored the way the reference scorers under
 * ../shared score it, to the same figures:
 *
 * - by words (realnews/realnews_score.py): gold statements of web pages
 *   and dictum's statements meet when they share enough lower-case words
 *   (words.h);
 * - by code points (polnear/speakers/polnear_speaker_score.py): PolNeAR
 *   attributions with their sources resolved by hand meet dictum's
 *   statements when their contents share a code point.
 *
 * A gold statement is found when some statement meets it; its speaker is
 * judged (dm_said_speaker_ok) on the one sharing most, the first of equals.
 * Precision (by words only): dictum's statements that meet a gold one.
 * Wrongly named: dictum's statements carrying a speaker's name that meet
 * no gold statement, or whose best-meeting gold statement has another
 * speaker, over all that carry one.  Headlines are no statements here.
 *
 * Strings are UTF-8.  A dm_said_set owns its gold; predictions point into
 * the documents they come from, which must outlive their scoring; a
 * dm_said owns copies of what its errors quote.
 */
#ifndef DM_EVAL_SAID_H
#define DM_EVAL_SAID_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "dictum.h"
#include "util/arena.h"

typedef struct dm_said_range {
	uint32_t start, end; /* code points [start, end) */
} dm_said_range;

typedef struct dm_said_gold {
	const char *content; /* the words said; NULL by code points */
	const char *speaker; /* NULL: unnamed */
	const char **aliases;
	size_t n_aliases;
	const char *mention;      /* the words naming the source; "" when none */
	const char *speaker_type; /* "person", "organization", "unnamed"; may be NULL */
	const dm_said_range *at;  /* by code points: the content, sorted, disjoint */
	size_t n_at;
} dm_said_gold;

typedef struct dm_said_pred {
	const char *content, *speaker; /* either may be NULL */
	int headline;
	const dm_said_range *at; /* the content, sorted, disjoint */
	size_t n_at;
} dm_said_pred;

/* Sort ranges R[N] and merge those that overlap or touch (sets of code
 * points, as the scorers' set()); returns how many are left. */
size_t dm_said_ranges_merge(dm_said_range *r, size_t n);

/* ---- gold ---- */

/* The pages (or articles) of a gold file, in name order (as the scorers'
 * sorted()). */
typedef struct dm_said_page {
	const char *name;
	dm_said_gold *gold;
	size_t n_gold;
} dm_said_page;

typedef struct dm_said_set {
	dm_said_page *pages;
	size_t n_pages;
	dm_arena arena; /* everything above */
} dm_said_set;

/* realnews gold: {"pages": {HASH: {"statements": [{content, speaker,
 * aliases, mention, speaker_type}, ...]}}}; pages with "skipped" are left
 * out.  PolNeAR speakers: {"articles": {NAME: {"attributions": [{source,
 * content_offsets, speaker, aliases, speaker_type}, ...]}}}, the source
 * being the mention.  Both return 0, or -1 with a message in ERR that
 * says what is wrong where (and nothing to free). */
int dm_said_load_statements(dm_said_set *set, const char *json, size_t len, char *err, size_t errlen);
int dm_said_load_speakers(dm_said_set *set, const char *json, size_t len, char *err, size_t errlen);
void dm_said_set_free(dm_said_set *set);

/* ---- predictions ---- */

/* dictum's statements of documents, as `dictum extract --format jsonl`
 * prints them: content, speaker and kind, and the content's code points
 * (offsets.content). */
typedef struct dm_said_preds {
	dm_said_pred *v;
	size_t n, cap;
	dm_arena arena; /* the ranges */
} dm_said_preds;

/* Append D's statements; 0, or -1 when memory runs out. */
int dm_said_preds_add(dm_said_preds *p, const dm_document *d);
void dm_said_preds_free(dm_said_preds *p);

/* ---- names ---- */

/* realnews_score.py's fold(): NFKD, combining marks dropped, lower case,
 * ’ as ', a final 's dropped, the [\w']+ words after any leading "the",
 * "a", "an" and honorifics, one space apart.  NAME may be NULL (giving "").
 * A new malloc'd string, or NULL when memory runs out. */
char *dm_said_fold(const char *name);

/* realnews_score.py's speaker_ok(): is SPEAKER (dictum's, may be NULL) the
 * source of gold G?  1 or 0, or -1 when memory runs out. */
int dm_said_speaker_ok(const dm_said_gold *g, const char *speaker);

/* ---- scoring ---- */

typedef enum { DM_SAID_BY_WORDS, DM_SAID_BY_POINTS } dm_said_by;

typedef enum {
	DM_SAID_MISSED,        /* a gold statement no statement meets */
	DM_SAID_WRONG_SPEAKER, /* found, with the wrong speaker */
	DM_SAID_NOT_STATEMENT, /* dictum's, meeting no gold statement (by words) */
	DM_SAID_WRONGLY_NAMED, /* dictum's, counted as wrongly named */
	DM_SAID_KINDS
} dm_said_kind;

typedef struct dm_said_error {
	dm_said_kind kind;
	char *page;
	char *text;    /* an excerpt of the content (by code points, of a gold
	                  statement: its mention) */
	char *gold;    /* the gold speaker; NULL: unnamed, or no gold statement */
	char *speaker; /* dictum's; NULL: none */
	int met;       /* a gold statement is there (GOLD is its speaker) */
} dm_said_error;

typedef struct dm_said {
	dm_said_by by;
	long pages, gold, pred, found, right, matched, named, wrong_named;
	dm_said_error *errors;
	size_t n_errors, cap_errors;
} dm_said;

/* Score one page or article, called PAGE in the errors.  Returns 0, or -1
 * when memory runs out (the figures are then incomplete). */
int dm_said_score(dm_said *sc, const char *page, const dm_said_gold *g, size_t ng, const dm_said_pred *p, size_t np);

/* The figures, the errors grouped by kind with VERBOSE, and last a line
 * as the reference scorer's:
 * SUMMARY found=.. right_speaker=.. [precision=..] wrongly_named=.. gold=N
 * pred=N pages=N (by code points: articles=N). */
void dm_said_report(const dm_said *sc, FILE *f, int verbose);
void dm_said_free(dm_said *sc);

#endif
