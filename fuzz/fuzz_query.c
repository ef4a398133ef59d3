/* Fuzz target: any bytes as a search query (store/fts_query.c): what it
 * makes must parse, as FTS5 reads it over the archive's tokenizer, and
 * never be an error; and what impacts.c takes for one phrase must be one
 * string of it. */
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static sqlite3 *db;
	if (!db && (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	            sqlite3_exec(db,
	                         "CREATE VIRTUAL TABLE t USING fts5(content, speaker,"
	                         " tokenize='porter unicode61 remove_diacritics 2');"
	                         "INSERT INTO t VALUES ('the ferry runs in winter', 'Ines Kolar');",
	                         NULL, NULL, NULL) != SQLITE_OK))
		abort();
	char *typed = malloc(size + 1);
	memcpy(typed, data, size);
	typed[size] = 0; /* a query is a string: up to its first NUL */
	char *fts = dm_fts_query(typed);
	if (fts && *fts) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?1", -1, &st, NULL) != SQLITE_OK)
			abort();
		sqlite3_bind_text(st, 1, fts, -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		if (rc != SQLITE_ROW) {
			fprintf(stderr, "query '%s' became '%s': %s\n", typed, fts, sqlite3_errmsg(db));
			abort();
		}
		sqlite3_finalize(st);
		int prefix;
		if (dm_fts_one_phrase(fts, &prefix) && (fts[0] != '"' || (prefix && fts[strlen(fts) - 1] != '*')))
			abort();
	}
	free(fts);
	free(typed);
	return 0;
}
