/* What the files of the store share; not for use outside src/store. */
#ifndef DM_STORE_INTERNAL_H
#define DM_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store.h"

struct dm_store {
	sqlite3 *db;
	sqlite3_stmt *find, *del, *ins_doc, *ins_stmt, *ins_role;
	sqlite3_stmt *savepoint, *release, *rollback; /* per document: prepared once */
	struct cached_query {
		const char *sql; /* a static string: its address names the query */
		sqlite3_stmt *st;
	} * queries; /* each query prepared once a connection (store.c) */
	size_t n_queries;
	struct dm_lengths *lengths; /* statements' lengths in tokens, when kept (rank.c) */
};

/* "WHAT: sqlite's message" into ERR; returns -1. */
int dm_sqlerr(dm_store *s, char *err, size_t errlen, const char *what);
void dm_bind_text(sqlite3_stmt *st, int i, const char *s); /* NULL binds NULL */
int dm_step_done(sqlite3_stmt *st);                        /* step, reset, clear; 0 when done */
const char *dm_col(sqlite3_stmt *st, int i);

/* rank.c: dictum_bm25() on S's connection; reading the lengths of the
 * statements indexed since the last call, when S keeps them; freeing them. */
int dm_rank_register(dm_store *s); /* SQLite's result code */
int dm_rank_refresh(dm_store *s, char *err, size_t errlen);
void dm_rank_free(dm_store *s);

#endif
