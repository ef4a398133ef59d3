/*
 * dictum_archive.h: the archive, documents and statements in SQLite (the
 * store, src/store/).  A versioned schema migrated on open; WAL so readers
 * work while a writer ingests; an FTS5 index over statement content.  Writes go in batches, one
 * transaction each, every document in a savepoint of its own, so a failure
 * or a crash never leaves half a document.  A document is known by the hash
 * of its text: storing it again is a no-op unless replace is asked for.
 * Every statement is prepared with bound parameters.
 */
#ifndef DICTUM_ARCHIVE_H
#define DICTUM_ARCHIVE_H

#include <stddef.h>

#include "dictum.h"

typedef struct dm_store dm_store;

/* Open (or create) the archive at PATH.  FLAGS: DM_OPEN_READONLY for a
 * reader (which works without write access to PATH's folder, then seeing
 * the archive as it is when opened); DM_OPEN_ADOPT to add dictum's tables
 * to a SQLite file that holds others (refused otherwise); DM_OPEN_ADD_ONLY
 * for a writer that replaces nothing (dm_store_put's REPLACE refused): the
 * rows it adds name rows it has just added, so their references are not
 * looked up again (a tenth of storing a document).  Refused too:
 * an empty PATH, an archive of a newer dictum; a reader also refuses an
 * older archive (a writer brings it up to date). */
enum { DM_OPEN_READONLY = 1, DM_OPEN_ADOPT = 2, DM_OPEN_ADD_ONLY = 4 };
int dm_store_open(const char *path, int flags, dm_store **out, char *err, size_t errlen);
void dm_store_close(dm_store *s);
int dm_store_schema_version(dm_store *s);

int dm_store_begin(dm_store *s, char *err, size_t errlen);
int dm_store_commit(dm_store *s, char *err, size_t errlen);

typedef enum { DM_STORED, DM_UNCHANGED, DM_STORE_FAILED } dm_put_result;
/* What storing DOC needs that no archive is needed for (the band keys
 * that linking compares, of the document and of each statement; the code
 * points and cleaned text's offsets of its spans), made into OUT: a
 * worker thread makes it while another stores.  0, or -1 when
 * memory ran out (OUT then says it failed). */
int dm_store_prepare(const dm_document *doc, dm_buf *out);
/* Store DOC inside the open batch; KEYS: what dm_store_prepare made of
 * DOC, or NULL (or one that ran out of memory) to make it here. */
dm_put_result dm_store_put(dm_store *s, const dm_document *doc, const dm_buf *keys, int replace, char *err,
                           size_t errlen);

/* The hash of every input that gave a stored document (FN's non-zero
 * stops): what an ingest may skip before extracting (dm_sink.known). */
int dm_store_input_hashes(dm_store *s, int (*fn)(const unsigned char hash[16], void *ctx), void *ctx, char *err,
                          size_t errlen);

/* A cluster's shards (shards.c).  An ingest of a list of inputs that ran
 * to its end is marked by the list's fingerprint (dm_inputs_fingerprint),
 * with how many of its inputs failed: dm_store_completed gives 1 when KEY
 * is marked (with when and how it went), 0 when not, -1 on error;
 * dm_store_mark_completed marks it inside the open batch, so that the
 * mark and the last documents are committed together. */
typedef struct dm_completion {
	char at[32]; /* when: 2026-12-01T10:00:00Z */
	size_t files, failed;
} dm_completion;
int dm_store_completed(dm_store *s, const unsigned char key[16], dm_completion *out, char *err, size_t errlen);
int dm_store_mark_completed(dm_store *s, const unsigned char key[16], const dm_completion *how, char *err,
                            size_t errlen);

/* Add to S what the archive at SHARD holds that S has not: its documents
 * whose text S has not stored, in the shard's order and numbered on from
 * S's, with their statements, spans, roles, link keys and the inputs that
 * gave them (inputs of documents S had are kept too), and the aliases of
 * forms S has none for.  In transactions of whole documents: a merge that
 * is stopped keeps what it committed, and run again adds the rest; run
 * again after its end, it adds nothing.  S is not linked (dm_store_link).
 * 0; 1 with a message when SHARD is no archive this dictum reads (or is
 * S), nothing of it added; -1 with a message when S could not be written
 * (*STATS then counts what was committed). */
typedef struct dm_merge_stats {
	size_t documents, statements; /* added */
	size_t present;               /* the shard's documents S had already */
	size_t aliases;               /* added */
} dm_merge_stats;
int dm_store_merge(dm_store *s, const char *shard, dm_merge_stats *stats, char *err, size_t errlen);

/* Link the archive (link.c): group the forms of speakers' names into
 * people (link.h says on what evidence, and each form's reason is kept),
 * find echoes, and mark documents that are syndicated copies; and make
 * the search's lists of frequent words anew where they are stale (a
 * search ranks whole without them).  In one transaction.  Everything is
 * linked anew, unless WHAT has DM_LINK_NEW: then echoes and copies are
 * found for what was stored since the last link only (joined to what was
 * there, with the same result as linking all), when nothing linked was
 * removed since; 'dictum ingest' links so after every batch. */
typedef struct dm_link_stats {
	size_t people, forms;
	size_t echo_clusters, echo_statements;
	size_t syndicated; /* documents that copy another */
} dm_link_stats;
enum { DM_LINK_SPEAKERS = 1, DM_LINK_ECHOES = 2, DM_LINK_SEARCH = 4, DM_LINK_ALL = 7, DM_LINK_NEW = 8 };
int dm_store_link(dm_store *s, unsigned what, dm_link_stats *stats, char *err, size_t errlen);
/* 1 when nothing was stored or removed since the last link. */
int dm_store_linked(dm_store *s);
/* 1 when the search's lists are as the archive needs them (made, not
 * stale, or not needed for an archive this small). */
int dm_store_search_ready(dm_store *s);

/* The user's corrections to linking, kept apart from what ingest writes
 * so that they survive re-ingest: FORM goes with the person named
 * CANONICAL, or (CANONICAL NULL) is kept apart.  Take effect at the next
 * link.  remove returns 1 (with a message) when FORM has no alias. */
int dm_store_set_alias(dm_store *s, const char *form, const char *canonical, char *err, size_t errlen);
int dm_store_remove_alias(dm_store *s, const char *form, char *err, size_t errlen);
int dm_store_aliases(dm_store *s, int (*fn)(const char *form, const char *canonical, void *), void *ctx, char *err,
                     size_t errlen);

/* Where a statement's words are, as stored: in bytes and code points of
 * the document's raw text and, when they lie in the article's body, of
 * its cleaned text (-1 when not). */
typedef struct dm_row_span {
	dm_span_role role;
	int part; /* the content's parts in order; 0 for the others */
	long long raw_start, raw_end, raw_cp_start, raw_cp_end;
	long long text_start, text_end, text_cp_start, text_cp_end;
} dm_row_span;
#define DM_ROW_SPANS (DM_MAX_PARTS + 2)

/* One statement with its document, as the queries return it.  Strings are
 * valid during the callback only. */
typedef struct dm_row {
	long long id, doc_id;
	const char *source, *title, *date, *outlet, *url;
	dm_kind kind;
	dm_speaker_type speaker_type;
	const char *content, *speaker, *speaker_mention, *cue, *venue;
	const char *via;          /* JSON array */
	const dm_row_span *spans; /* content's parts, then source, then cue */
	int n_spans;
	const char *person_id, *person; /* the person linked, or NULL */
	const char *roles;              /* JSON array: the titles the document gives the speaker */
	const char *snippet;            /* search only */
	double rank;                    /* search only: bm25, lower is better */
	long long total;                /* rows the query finds, before limit and offset (echoes: clusters) */
	int total_estimated;            /* search only: total is an estimate (a filtered prefix found in many) */
	long long cluster, copy_of;     /* echoes only: the cluster; the statement this one's story copies, or 0 */
	int syndicated;                 /* echoes only: copy_of is in another document (else the story repeats it) */
	double similarity;              /* echoes only: to the member most like it */
	const char *echo;               /* echoes only: the cluster as a JSON object: statements, stories (not
	                                   counting syndicated copies), first, last, speakers, outlets */
} dm_row;

typedef int (*dm_row_fn)(const dm_row *row, void *ctx); /* non-zero stops */

/* The order of a list: a search's by rank, other lists oldest first,
 * unless newest or oldest first is asked for (undated last either way). */
typedef enum { DM_ORDER_DEFAULT, DM_ORDER_NEWEST, DM_ORDER_OLDEST } dm_order;

typedef struct dm_filter {
	const char *speaker, *since, *until, *outlet; /* dates: YYYY, YYYY-MM or YYYY-MM-DD, inclusive */
	const char *kind;                             /* dm_kind_name() of one kind */
	const char *person;                           /* a linked person's id, exactly */
	const char *match;                            /* FTS5 query: search, and quotes when set */
	const char *mark_open, *mark_close;           /* snippet highlighting */
	long limit;                                   /* 0: no limit */
	long offset;                                  /* rows to pass over first */
	dm_order order;
} dm_filter;

/* 0 when F's dates are real dates (in the forms above) with since not
 * after until, and its kind is a kind; else -1 with a message that names
 * the argument (ARG_SINCE / ARG_UNTIL / ARG_KIND, for "--since" or "since"). */
int dm_filter_check(const dm_filter *f, const char *arg_since, const char *arg_until, const char *arg_kind, char *err,
                    size_t errlen);

/* Statements that pass F, in date order (search: by rank).  Returns 0, or
 * -1 with a message (a malformed full-text query is one). */
int dm_store_quotes(dm_store *s, const dm_filter *f, dm_row_fn fn, void *ctx, char *err, size_t errlen);
int dm_store_search(dm_store *s, const dm_filter *f, dm_row_fn fn, void *ctx, char *err, size_t errlen);
/* The same rows one at a time, for a reader that pulls them (an export
 * streamed as it is read): a search's when F has a query, else quotes'.
 * dm_cursor_next gives 1 and *ROW (valid until the next call), 0 at the
 * end, -1 with a message.  The cursor holds S until it is closed. */
typedef struct dm_cursor dm_cursor;
int dm_store_cursor(dm_store *s, const dm_filter *f, dm_cursor **out, char *err, size_t errlen);
int dm_cursor_next(dm_cursor *c, const dm_row **row, char *err, size_t errlen);
void dm_cursor_close(dm_cursor *c);
/* For a connection that answers many searches: keep every statement's
 * length and date in memory (6 bytes a statement, read now, then as
 * statements are added) so that ranking and date filters need not look
 * them up match by match (kept.c). */
int dm_store_keep_facts(dm_store *s, char *err, size_t errlen);
/* The same, starting from a copy of what FROM keeps (brought up to date
 * first), which costs a copy in memory instead of a read of every
 * statement: seconds at ten million.  FROM must not be in use by another
 * thread meanwhile. */
int dm_store_keep_facts_from(dm_store *s, dm_store *from, char *err, size_t errlen);
/* The most memory S may keep of the archive's pages (SQLite's page
 * cache; 32 MB for a reader unless set).  A server's connections read
 * the same index pages and rows over and over: at ten million statements
 * (16 GB) every page past the 1 GB that readers map is a read call. */
void dm_store_cache(dm_store *s, int megabytes);

/* A person or organisation that linking found (link.c). */
typedef struct dm_speaker_row {
	const char *id, *name, *type, *first, *last;
	const char *forms; /* a JSON array of the forms, the most used first */
	const char *roles; /* a JSON array of {title, first, last, documents}, in order of first date */
	long long statements, documents;
	long long total; /* speakers the listing finds, before limit and offset */
} dm_speaker_row;
/* Every person (WHO NULL), or those whose id is WHO or who have a form
 * that contains WHO (any case, or as a key); the most quoted first, as
 * the last link counted them.  LIMIT rows at most (0: all) after OFFSET. */
int dm_store_speakers(dm_store *s, const char *who, long limit, long offset, int (*fn)(const dm_speaker_row *, void *),
                      void *ctx, char *err, size_t errlen);

/* 1 when linking found a person with the id ID, 0 when not, -1 on error. */
int dm_store_has_person(dm_store *s, const char *id, char *err, size_t errlen);

/* Why the forms of PERSON (an id) are with it. */
typedef struct dm_form_row {
	const char *form, *type, *reason;
	const char *documents; /* JSON array of sources */
	const char *titles;    /* JSON array */
	long long statements, n_documents;
} dm_form_row;
int dm_store_explain(dm_store *s, const char *person, int (*fn)(const dm_form_row *, void *), void *ctx, char *err,
                     size_t errlen);

/* The members of echo clusters (link.c) with F's speaker among them, those
 * at least MIN_SIMILARITY like another member; the biggest cluster first,
 * each in date order.  Rows carry cluster, similarity and copy_of. */
int dm_store_echoes(dm_store *s, const dm_filter *f, double min_similarity, dm_row_fn fn, void *ctx, char *err,
                    size_t errlen);

/* A document by id or source path, then its statements in order. */
typedef struct dm_doc_view {
	long long id;
	const char *source, *title, *date, *outlet, *authors;
	const char *url, *language, *fetched;
	const char *date_source; /* dm_date_source_name(), or NULL when not known */
	const char *raw;         /* statements' offsets count code points of raw */
	size_t raw_len;
	const char *text; /* the cleaned article: raw's body paragraphs */
	size_t text_len;
	const char *comments; /* readers' comments: a JSON array of {text, author, date} */
} dm_doc_view;
int dm_store_document(dm_store *s, const char *key, int (*doc_fn)(const dm_doc_view *, void *), dm_row_fn stmt_fn,
                      void *ctx, char *err, size_t errlen);

/* Statements that pass F per month ("2024-03"), oldest first, only months
 * that have some; then, when there are any, the undated ones (MONTH NULL). */
int dm_store_months(dm_store *s, const dm_filter *f, int (*fn)(const char *month, long long n, void *), void *ctx,
                    char *err, size_t errlen);

/* Is the archive whole?  SQLite's own checks of the file and of every
 * reference between tables, the full-text index against the statements
 * it indexes, every statement's spans inside its document.  Each problem
 * goes to FN (in the user's terms); returns how many, or -1 with a
 * message when the checks could not run. */
long dm_store_check(dm_store *s, void (*fn)(const char *problem, void *ctx), void *ctx, char *err, size_t errlen);

/* What the archive holds. */
typedef struct dm_stats {
	long long documents, statements, people, outlets, echo_clusters;
	long long undated;        /* documents without a date */
	char first[16], last[16]; /* dates of the oldest and newest document, or "" */
	int linked;               /* dm_store_linked() */
} dm_stats;
int dm_store_stats(dm_store *s, dm_stats *out, char *err, size_t errlen);

/* The JSON of a row (json.c), as 'dictum quotes --json' and the API give
 * it: appended to OUT. */
void dm_row_json(const dm_row *r, dm_buf *out);
/* A member of an echo cluster: the row, its similarity, and what it copies. */
void dm_echo_json(const dm_row *r, dm_buf *out);
/* The same as a line of CSV (RFC 4180), under DM_ROW_CSV_HEADER, as
 * 'dictum export --format csv' and the API's exports give it. */
#define DM_ROW_CSV_HEADER                                                                                              \
	"id,source,url,date,outlet,title,speaker,speaker_type,speaker_mention,cue,kind,venue,via,content\n"
void dm_row_csv(const dm_row *r, dm_buf *out);
void dm_speaker_json(const dm_speaker_row *r, dm_buf *out);
void dm_form_json(const dm_form_row *r, dm_buf *out);

#endif
