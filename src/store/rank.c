/*
 * Ranking full-text matches: dictum_bm25(statements_fts), the BM25 that
 * FTS5's bm25() computes (k1 1.2, b 0.75, every column of weight 1; the
 * same numbers), faster on a connection that keeps statements' lengths.
 *
 * bm25() asks FTS5 for each match's length in tokens, and FTS5 answers by
 * running a query on its docsize table: a statement step a match, three
 * quarters of the time of ranking a common word.  A connection that
 * answers many searches ('dictum serve') reads all the lengths once into
 * an array indexed by statement id, then only the statements added since.
 * The array is only ever a shortcut: a statement it does not know (added
 * since, or longer than 65,535 tokens) is asked of FTS5 as bm25() does.
 * That is sound because a statement's id is never reused and its text
 * never changes (store.c: ids only grow; a changed document is deleted and
 * stored anew), and because ids become visible in order: there is one
 * writer at a time, and it indexes at commit.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct dm_lengths {
	uint16_t *tokens; /* by statement id; 0: not known */
	int64_t known;    /* ids below this were read */
	int64_t cap;
	sqlite3_stmt *more;
};

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

static int tokens_of(const Fts5ExtensionApi *api, Fts5Context *fts, const struct dm_lengths *len, double *out)
{
	sqlite3_int64 id = api->xRowid(fts);
	if (len && id >= 0 && id < len->known && len->tokens[id]) {
		*out = len->tokens[id];
		return SQLITE_OK;
	}
	int n = 0;
	int rc = api->xColumnSize(fts, -1, &n);
	*out = n;
	return rc;
}

static void bm25(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	const dm_store *s = api->xUserData(fts);
	int rc = SQLITE_OK;
	query_terms *q = terms_of(api, fts, &rc);
	double tokens = 0;
	if (rc == SQLITE_OK)
		rc = tokens_of(api, fts, s->lengths, &tokens);
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

/* A docsize row is a varint a column (FTS5's file format, which SQLite
 * keeps): the statement's tokens are their sum.  0 when it does not parse
 * or does not fit, so that FTS5 is asked instead. */
static uint16_t sum_varints(const unsigned char *p, int n)
{
	uint64_t sum = 0;
	for (int i = 0; i < n;) {
		uint64_t v = 0;
		int shift = 0;
		unsigned char c;
		do {
			if (i >= n || shift > 56)
				return 0;
			c = p[i++];
			v |= (uint64_t)(c & 0x7f) << shift;
			shift += 7;
		} while (c & 0x80);
		sum += v;
	}
	return sum <= UINT16_MAX ? (uint16_t)sum : 0;
}

int dm_store_keep_lengths(dm_store *s, char *err, size_t errlen)
{
	if (!s->lengths) {
		s->lengths = calloc(1, sizeof *s->lengths);
		if (!s->lengths) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
	}
	return dm_rank_refresh(s, err, errlen);
}

int dm_rank_refresh(dm_store *s, char *err, size_t errlen)
{
	struct dm_lengths *len = s->lengths;
	if (!len)
		return 0;
	if (!len->more && sqlite3_prepare_v3(s->db, "SELECT id, sz FROM statements_fts_docsize WHERE id >= ?1", -1,
	                                     SQLITE_PREPARE_PERSISTENT, &len->more, NULL) != SQLITE_OK)
		return dm_sqlerr(s, err, errlen, "cannot read statement lengths");
	sqlite3_bind_int64(len->more, 1, len->known);
	int rc;
	while ((rc = sqlite3_step(len->more)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(len->more, 0);
		if (id < 0)
			continue;
		if (id >= len->cap) {
			int64_t cap = len->cap ? len->cap : 4096;
			while (cap <= id)
				cap *= 2;
			uint16_t *t = realloc(len->tokens, (size_t)cap * sizeof *t);
			if (!t)
				break; /* the rest stays unknown: asked of FTS5 */
			memset(t + len->cap, 0, (size_t)(cap - len->cap) * sizeof *t);
			len->tokens = t;
			len->cap = cap;
		}
		len->tokens[id] = sum_varints(sqlite3_column_blob(len->more, 1), sqlite3_column_bytes(len->more, 1));
		len->known = id + 1;
	}
	sqlite3_reset(len->more);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dm_sqlerr(s, err, errlen, "cannot read statement lengths");
	return 0;
}

void dm_rank_free(dm_store *s)
{
	if (!s->lengths)
		return;
	sqlite3_finalize(s->lengths->more);
	free(s->lengths->tokens);
	free(s->lengths);
	s->lengths = NULL;
}
