/*
 * store: documents and statements in SQLite.  A versioned schema migrated
 * on open; WAL so readers work while a writer ingests; an FTS5 index over
 * statement content kept in step by triggers.  Writes go in batches, one
 * transaction each, every document in a savepoint of its own, so a failure
 * or a crash never leaves half a document.  A document is known by the hash
 * of its text: storing it again is a no-op unless replace is asked for.
 * Every statement is prepared with bound parameters.
 */
#ifndef DM_STORE_H
#define DM_STORE_H

#include <stddef.h>

#include "dictum.h"

typedef struct dm_store dm_store;

int dm_store_open(const char *path, int readonly, dm_store **out, char *err, size_t errlen);
void dm_store_close(dm_store *s);
int dm_store_schema_version(dm_store *s);

int dm_store_begin(dm_store *s, char *err, size_t errlen);
int dm_store_commit(dm_store *s, char *err, size_t errlen);

typedef enum { DM_STORED, DM_UNCHANGED, DM_STORE_FAILED } dm_put_result;
/* Store DOC inside the open batch. */
dm_put_result dm_store_put(dm_store *s, const dm_document *doc, int replace, char *err, size_t errlen);

/* One statement with its document, as the queries return it.  Strings are
 * valid during the callback only. */
typedef struct dm_row {
	long long id, doc_id;
	const char *source, *title, *date, *outlet;
	const char *kind, *content, *speaker, *speaker_mention, *speaker_type, *cue, *venue;
	const char *via;     /* JSON array */
	const char *offsets; /* JSON object, code points */
	const char *snippet; /* search only */
	double rank;         /* search only: bm25, lower is better */
} dm_row;

typedef int (*dm_row_fn)(const dm_row *row, void *ctx); /* non-zero stops */

typedef struct dm_filter {
	const char *speaker, *since, *until, *outlet;
	const char *match;                  /* FTS5 query: search, and quotes when set */
	const char *mark_open, *mark_close; /* snippet highlighting */
	long limit;                         /* 0: no limit */
} dm_filter;

/* Statements that pass F, in date order (search: by rank).  Returns 0, or
 * -1 with a message (a malformed full-text query is one). */
int dm_store_quotes(dm_store *s, const dm_filter *f, dm_row_fn fn, void *ctx, char *err, size_t errlen);
int dm_store_search(dm_store *s, const dm_filter *f, dm_row_fn fn, void *ctx, char *err, size_t errlen);

/* A speaker: the forms of one name (link.h) under the most used one. */
typedef struct dm_speaker_row {
	const char *name, *type, *first, *last;
	const char *forms; /* a JSON array of the forms, the most used first */
	long long statements, documents;
} dm_speaker_row;
int dm_store_speakers(dm_store *s, int (*fn)(const dm_speaker_row *, void *), void *ctx, char *err, size_t errlen);

/* A document by id or source path, then its statements in order. */
typedef struct dm_doc_view {
	long long id;
	const char *source, *title, *date, *outlet, *authors;
	const char *raw;
	size_t raw_len;
} dm_doc_view;
int dm_store_document(dm_store *s, const char *key, int (*doc_fn)(const dm_doc_view *, void *), dm_row_fn stmt_fn,
                      void *ctx, char *err, size_t errlen);

#endif
