/* What the files of the store share; not for use outside src/store. */
#ifndef DM_STORE_INTERNAL_H
#define DM_STORE_INTERNAL_H

#include <sqlite3.h>

#include "dictum_archive.h"

struct dm_store {
	sqlite3 *db;
	sqlite3_stmt *find, *keep_input, *del, *ins_doc, *ins_stmt, *ins_role, *ins_span;
	sqlite3_stmt *savepoint, *release, *rollback; /* per document: prepared once */
	struct cached_query {
		const char *sql; /* a static string: its address names the query */
		sqlite3_stmt *st;
	} * queries; /* each query prepared once a connection (store.c) */
	size_t n_queries;
	struct dm_kept *kept; /* what is kept in memory of statements, if anything (kept.c) */
};

/* schema.c: the version this dictum writes; moving S's archive up to it
 * (0, or -1 with a message). */
int dm_store_current_version(void);
int dm_store_migrate(dm_store *s, char *err, size_t errlen);
/* An empty archive of schema VERSION on DB, as that version made it (for
 * the tests of migration); 0 or -1. */
int dm_store_create_at(sqlite3 *db, int version);
/* name_key(TEXT) in SQL on DB: dm_name_key, which groups a speaker's forms. */
int dm_store_name_key_register(sqlite3 *db);

/* "WHAT: sqlite's message" into ERR; returns -1. */
int dm_sqlerr(dm_store *s, char *err, size_t errlen, const char *what);
void dm_bind_text(sqlite3_stmt *st, int i, const char *s); /* NULL binds NULL */
int dm_step_done(sqlite3_stmt *st);                        /* step, reset, clear; 0 when done */
const char *dm_col(sqlite3_stmt *st, int i);

/* Each person's record (statements, documents, first and last date), as
 * the link leaves it and migration 4 first made it. */
#define DM_PERSON_RECORDS                                                                                              \
	"UPDATE persons SET (statements, documents, first, last) = (SELECT count(*), count(DISTINCT s.doc_id),"        \
	"  min(d.date), max(d.date) FROM speaker_forms f JOIN statements s ON s.speaker = f.form"                      \
	"  AND s.speaker_type = f.type JOIN documents d ON d.id = s.doc_id WHERE f.person = persons.id)"

/* kept.c: statements' lengths and dates in memory, when S keeps them:
 * dictum_dated() on S's connection; reading what was indexed since the
 * last call; a statement's length, 0 when not known; freeing it all. */
int dm_kept_register(dm_store *s); /* SQLite's result code */
int dm_kept_refresh(dm_store *s, char *err, size_t errlen);
int dm_kept_tokens(const dm_store *s, sqlite3_int64 id);
void dm_kept_free(dm_store *s);
/* fts_query.c: the query a user typed as an FTS5 query that parses (""
 * when it has nothing to look for); NULL when out of memory.  Freed by
 * the caller. */
char *dm_fts_query(const char *query);
/* rank.c: dictum_bm25() on S's connection */
int dm_rank_register(dm_store *s);

#endif
