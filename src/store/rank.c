/*
 * Ranking full-text matches: dictum_bm25(statements_fts), the BM25 that
 * FTS5's bm25() computes (k1 1.2, b 0.75, every column of weight 1; the
 * same numbers), but with each match's length in tokens from what the
 * connection keeps (kept.c) when it does: bm25() asks FTS5, which runs a
 * query on its docsize table for each match, three quarters of the time
 * of ranking a common word.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* What stays the same for every match of one query: each phrase's IDF
 * and the mean length. */
typedef struct query_terms {
	int phrases;
	double avg_tokens;
	double idf[];
} query_terms;

static int count_hit(const Fts5ExtensionApi *api, Fts5Context *fts, void *n)
{
	(void)api;
	(void)fts;
	++*(sqlite3_int64 *)n;
	return SQLITE_OK;
}

/* GIVEN: each phrase's count of matching rows, as known elsewhere (the
 * search's lists, impacts.c), a blob of one int64 a phrase; else NULL,
 * and each is counted here, a walk of the phrase's whole list. */
static query_terms *terms_of(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_value *given, int *rc)
{
	query_terms *q = api->xGetAuxdata(fts, 0);
	if (q)
		return q;
	int phrases = api->xPhraseCount(fts);
	q = calloc(1, sizeof *q + (size_t)phrases * sizeof q->idf[0]);
	if (!q) {
		*rc = SQLITE_NOMEM;
		return NULL;
	}
	q->phrases = phrases;
	sqlite3_int64 rows = 0, tokens = 0;
	*rc = api->xRowCount(fts, &rows);
	if (*rc == SQLITE_OK)
		*rc = api->xColumnTotalSize(fts, -1, &tokens);
	q->avg_tokens = rows > 0 ? (double)tokens / (double)rows : 1;
	const unsigned char *known = NULL;
	if (given && sqlite3_value_type(given) == SQLITE_BLOB &&
	    sqlite3_value_bytes(given) == phrases * (int)sizeof(sqlite3_int64))
		known = sqlite3_value_blob(given);
	for (int i = 0; *rc == SQLITE_OK && i < phrases; i++) {
		sqlite3_int64 hits = 0;
		if (known)
			memcpy(&hits, known + (size_t)i * sizeof hits, sizeof hits); /* a blob need not be aligned */
		else
			*rc = api->xQueryPhrase(fts, i, &hits, count_hit);
		q->idf[i] = dm_bm25_idf((double)rows, (double)hits);
	}
	if (*rc == SQLITE_OK)
		*rc = api->xSetAuxdata(fts, q, free);
	else
		free(q);
	return *rc == SQLITE_OK ? q : NULL;
}

static int tokens_of(const Fts5ExtensionApi *api, Fts5Context *fts, double *out)
{
	int n = dm_kept_tokens(api->xUserData(fts), api->xRowid(fts));
	int rc = n ? SQLITE_OK : api->xColumnSize(fts, -1, &n);
	*out = n;
	return rc;
}

double dm_bm25_idf(double rows, double hits)
{
	/* a phrase in more than half the rows would weigh negative */
	double idf = log((rows - hits + 0.5) / (hits + 0.5));
	return idf > 0 ? idf : 1e-6;
}

double dm_bm25_term(double idf, double tf, double tokens, double avg_tokens)
{
	const double k1 = 1.2, b = 0.75;
	return idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * tokens / avg_tokens));
}

/* dictum_bm25(statements_fts [, COUNTS]): COUNTS as terms_of takes them. */
static void bm25(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	int rc = SQLITE_OK;
	query_terms *q = terms_of(api, fts, argc > 0 ? argv[0] : NULL, &rc);
	double tokens = 0;
	if (rc == SQLITE_OK)
		rc = tokens_of(api, fts, &tokens);
	double score = 0;
	for (int i = 0; rc == SQLITE_OK && i < q->phrases; i++) {
		Fts5PhraseIter it;
		int col, off;
		double tf = 0;
		for (rc = api->xPhraseFirst(fts, i, &it, &col, &off); rc == SQLITE_OK && col >= 0;
		     api->xPhraseNext(fts, &it, &col, &off))
			tf += 1;
		score += dm_bm25_term(q->idf[i], tf, tokens, q->avg_tokens);
	}
	if (rc == SQLITE_OK)
		sqlite3_result_double(ctx, -score); /* lower is better, as bm25() */
	else
		sqlite3_result_error_code(ctx, rc);
}

/* dictum_tf_tokens(statements_fts): of a match of a one-phrase query,
 * the phrase's occurrences in all columns times 2^32 plus the match's
 * length in tokens: what impacts.c ranks it by. */
static void tf_tokens(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int argc,
                      sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	int n = 0;
	double tokens = 0;
	int rc = api->xInstCount(fts, &n);
	if (rc == SQLITE_OK)
		rc = tokens_of(api, fts, &tokens);
	if (rc == SQLITE_OK)
		sqlite3_result_int64(ctx, ((sqlite3_int64)n << 32) | (sqlite3_int64)tokens);
	else
		sqlite3_result_error_code(ctx, rc);
}

/* dictum_pass(statements_fts, PASS): a match of a prefix's pass kept in
 * PASS (a dm_pass bound as a pointer), the first one filtered counting
 * all the phrase's, and where the phrase is in its content when it may
 * reach the page; 1 then. */
static void pass_row(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int argc,
                     sqlite3_value **argv)
{
	dm_pass *p = argc == 1 ? sqlite3_value_pointer(argv[0], "dictum_pass") : NULL;
	int n = 0;
	double tokens = 0;
	sqlite3_int64 id = api->xRowid(fts);
	if (p && !dm_pass_admits(p, id)) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	int rc = p ? api->xInstCount(fts, &n) : SQLITE_MISUSE;
	if (rc == SQLITE_OK)
		rc = tokens_of(api, fts, &tokens);
	sqlite3_int64 *all = rc == SQLITE_OK ? dm_pass_all(p) : NULL;
	if (all) { /* a walk of the phrase's list, without a row of SQL for each */
		*all = 0;
		rc = api->xQueryPhrase(fts, 0, all, count_hit);
	}
	int wanted = rc == SQLITE_OK && dm_pass_row(p, id, n, (int)tokens);
	for (int i = 0; wanted && rc == SQLITE_OK && i < n; i++) {
		int phrase, col, off;
		rc = api->xInst(fts, i, &phrase, &col, &off);
		if (rc == SQLITE_OK && col == 0)
			dm_pass_at(p, (uint32_t)off);
	}
	if (rc == SQLITE_OK)
		sqlite3_result_int(ctx, wanted);
	else
		sqlite3_result_error_code(ctx, rc);
}

fts5_api *dm_fts5_api(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	return sqlite3_finalize(st) == SQLITE_OK ? api : NULL;
}

int dm_rank_register(dm_store *s)
{
	fts5_api *api = dm_fts5_api(s->db);
	if (!api)
		return SQLITE_ERROR;
	int rc = api->xCreateFunction(api, "dictum_bm25", s, bm25, NULL);
	if (rc == SQLITE_OK)
		rc = api->xCreateFunction(api, "dictum_tf_tokens", s, tf_tokens, NULL);
	if (rc == SQLITE_OK)
		rc = api->xCreateFunction(api, "dictum_pass", s, pass_row, NULL);
	return rc;
}
