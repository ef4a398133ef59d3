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

static query_terms *terms_of(const Fts5ExtensionApi *api, Fts5Context *fts, int *rc)
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
	for (int i = 0; *rc == SQLITE_OK && i < phrases; i++) {
		sqlite3_int64 hits = 0;
		*rc = api->xQueryPhrase(fts, i, &hits, count_hit);
		/* a phrase in more than half the rows would weigh negative */
		double idf = log(((double)rows - (double)hits + 0.5) / ((double)hits + 0.5));
		q->idf[i] = idf > 0 ? idf : 1e-6;
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

static void bm25(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	int rc = SQLITE_OK;
	query_terms *q = terms_of(api, fts, &rc);
	double tokens = 0;
	if (rc == SQLITE_OK)
		rc = tokens_of(api, fts, &tokens);
	double score = 0, k1 = 1.2, b = 0.75;
	for (int i = 0; rc == SQLITE_OK && i < q->phrases; i++) {
		Fts5PhraseIter it;
		int col, off;
		double tf = 0;
		for (rc = api->xPhraseFirst(fts, i, &it, &col, &off); rc == SQLITE_OK && col >= 0;
		     api->xPhraseNext(fts, &it, &col, &off))
			tf += 1;
		score += q->idf[i] * tf * (k1 + 1) / (tf + k1 * (1 - b + b * tokens / q->avg_tokens));
	}
	if (rc == SQLITE_OK)
		sqlite3_result_double(ctx, -score); /* lower is better, as bm25() */
	else
		sqlite3_result_error_code(ctx, rc);
}

int dm_rank_register(dm_store *s)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "SELECT fts5(?1)", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	rc = sqlite3_finalize(st);
	if (rc == SQLITE_OK && !api)
		rc = SQLITE_ERROR;
	if (rc == SQLITE_OK)
		rc = api->xCreateFunction(api, "dictum_bm25", s, bm25, NULL);
	return rc;
}
