/*
 * eval: scoring attributions against gold annotation in brat standoff, the
 * way PolNeAR is distributed.  Spans are compared per type (Cue, Source,
 * Content) exactly (same parts once white space and punctuation are trimmed
 * from their ends) and by overlap (a shared character), each gold span
 * matched to at most one predicted span; whole attributions match when
 * their cue, source and content all do.  Offsets are code points.
 */
#ifndef DM_EVAL_H
#define DM_EVAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "dictum.h"
#include "dictum_buf.h"

#define DM_EVAL_PARTS 8

typedef enum { EV_CUE, EV_SOURCE, EV_CONTENT, EV_TYPES } dm_ev_type;

typedef struct dm_ev_span {
	uint8_t type, n;
	uint32_t s[DM_EVAL_PARTS], e[DM_EVAL_PARTS];
} dm_ev_span;

typedef struct dm_ev_attr {
	int cue, source, content; /* indexes of spans, -1 when absent */
} dm_ev_attr;

typedef struct dm_ev_doc {
	dm_ev_span *spans;
	size_t n_spans, cap_spans;
	dm_ev_attr *attrs;
	size_t n_attrs, cap_attrs;
} dm_ev_doc;

/* Parse brat standoff; lines of other types are ignored.  Returns 0 (free
 * OUT with dm_ev_doc_free), or -1 with the line number of the first
 * malformed line in *bad_line and nothing left to free. */
int dm_ev_parse(const char *ann, size_t len, dm_ev_doc *out, size_t *bad_line);
void dm_ev_doc_free(dm_ev_doc *d);

typedef struct dm_ev_count {
	long tp, gold, pred;
} dm_ev_count;

typedef struct dm_eval {
	dm_ev_count exact[EV_TYPES + 1], overlap[EV_TYPES + 1]; /* + whole attributions */
	dm_ev_count quoted, unquoted; /* content recall by overlap, split by quotation marks */
	long documents;
} dm_eval;

/* Score one document; TEXT is its UTF-8 text (for trimming and quotes). */
void dm_ev_score(dm_eval *ev, const char *text, size_t len, const dm_ev_doc *gold, const dm_ev_doc *pred);
void dm_ev_report(const dm_eval *ev, FILE *f);

/* A corpus laid out as PolNeAR is: DIR/text/NAME.txt, and
 * DIR/attributions/NAME_ANNOTATOR.ann; where an article has several
 * annotators' files, the first in name order is its gold.  Articles with
 * no annotation are left out.  Paths are malloc'd, freed with the corpus. */
typedef struct dm_corpus_item {
	char *name, *text, *ann; /* NAME, and the paths of its text and gold */
} dm_corpus_item;

typedef struct dm_corpus {
	dm_corpus_item *items;
	size_t n;
} dm_corpus;

/* Returns 0, or -1 when DIR holds no annotated article. */
int dm_corpus_open(dm_corpus *c, const char *dir);
void dm_corpus_free(dm_corpus *c);

/* Held-out articles for development: with HOLDOUT = N > 0, every Nth
 * article (index 0, N, 2N ...) is held out of training. */
static inline int dm_corpus_held_out(size_t i, int holdout)
{
	return holdout > 0 && i % (size_t)holdout == 0;
}

/* Article extraction, as the article-extraction benchmark of Scrapinghub
 * measures it: words are runs of Unicode letters, digits and underscores;
 * a body is the multiset of its word 4-grams (a body of fewer than four
 * words is one n-gram of them all); per page, precision is tp / (tp + fp)
 * and recall tp / (tp + fn) over the two multisets, each averaged over the
 * pages where it is defined (a page where both bodies are empty scores 1);
 * F1 comes from the two means. */
typedef struct dm_pages {
	double precision, recall; /* sums over pages */
	long n_precision, n_recall, pages;
} dm_pages;

/* Score one page; returns its F1 (for a listing of the worst pages). */
double dm_pages_score(dm_pages *acc, const char *pred, size_t plen, const char *gold, size_t glen);
void dm_pages_report(const dm_pages *acc, FILE *f);

/* A page's metadata against a gold made by hand (tests/data/pages-meta.json,
 * its "about" says how): title, authors, outlet and date, each text kept as
 * a byte range [start, end) of the page's HTML.  Both sides are compared
 * after dm_meta_norm: character references decoded, NFC, typographic quotes,
 * apostrophes, dashes and the ellipsis as ASCII, white space collapsed and
 * trimmed, case folded.  A new malloc'd string, NULL when memory ran out. */
char *dm_meta_norm(const char *s, size_t n);
/* Is GOT (the extracted value, may be NULL) right against GOLD?  A title
 * when equal; an outlet also when a leading "the" and, on a side that is
 * a domain, its "www." and top-level suffix are left out; authors when the
 * two sets of names are equal; a date when the first 10 characters are. */
int dm_meta_title_right(const char *got, const char *gold);
int dm_meta_outlet_right(const char *got, const char *gold);
int dm_meta_authors_right(const char *const *got, size_t n_got, const char *const *gold, size_t n_gold);
int dm_meta_date_right(const char *got, const char *gold);

typedef struct dm_meta {
	struct json_t *root, *pages; /* the gold: pages maps HASH to its fields */
	long scored, title_right, authors_right, outlet_right;
	long dates_given, dates_right, dates_wrong, dates_invented, dates_missed;
	dm_buf verbose; /* each page's fields, gold against extracted */
} dm_meta;

/* Read the gold at PATH, each page's fields checked.  0, or -1 with what
 * is wrong in ERR. */
int dm_meta_load(dm_meta *m, const char *path, char *err, size_t errlen);
/* Score page HASH: D as extracted (NULL: nothing was), RAW[LEN] the page's
 * HTML (where the gold's ranges are), URL its address (a gold outlet of
 * {"domain": true} is its host); VERBOSE adds its lines to M->verbose.
 * 0; 1 when the gold has no such page; -1 with a message in ERR when a
 * range of the gold is outside the page or memory ran out. */
int dm_meta_score(dm_meta *m, const char *hash, const dm_document *d, const char *raw, size_t len, const char *url,
                  int verbose, char *err, size_t errlen);
/* The lines that follow the article F1: titles, authors and outlets right,
 * dates given, right, wrong, invented and missed. */
void dm_meta_report(const dm_meta *m, FILE *f);
void dm_meta_free(dm_meta *m);

/* A message into ERR[ERRLEN] (either may be 0: then nothing), as printf. */
void dm_ev_fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
