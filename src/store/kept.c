/*
 * What a connection that answers many searches ('dictum serve') keeps in
 * memory of every indexed statement: its length in tokens, for ranking
 * (rank.c), and its document's date, for date filters.  Both are read in
 * SQLite a seek a match (FTS5 asks its docsize table for a length; a date
 * is two rows away, the statement's and its document's); from arrays by
 * statement id a search that matches thousands costs a tenth as much.
 *
 * The arrays are read whole once, then only the statements indexed since.
 * They are only ever a shortcut: what they do not know (a statement added
 * since, a length over 65,535) is asked of SQLite as before.  That is
 * sound because a statement's id is never reused and neither it nor its
 * document ever changes (store.c: ids only grow; a changed document is
 * deleted and stored anew), and because ids become visible in order:
 * there is one writer at a time, and it indexes at commit.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* A statement's date: an index into dates, or one of these. */
enum { DATE_UNKNOWN = 0, DATE_NONE = 1, FIRST_DATE = 2 };

/* What is kept of one statement: both in one place, so that a match
 * tested for its date and then ranked costs one miss of the cache, not two. */
typedef struct fact {
	uint16_t tokens; /* 0: not known */
	uint16_t date;
} fact;

struct dm_kept {
	int64_t known; /* statements with smaller ids were read */
	int64_t cap;
	fact *fact;       /* by statement id */
	char **dates;     /* each document date once, from FIRST_DATE on */
	uint32_t *sorted; /* the indexes of dates in the order of their text */
	uint32_t n_dates, dates_cap;
	sqlite3_stmt *more;
};

int dm_store_keep_facts(dm_store *s, char *err, size_t errlen)
{
	if (!s->kept && !(s->kept = calloc(1, sizeof *s->kept))) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return dm_kept_refresh(s, err, errlen);
}

static void free_kept(struct dm_kept *k)
{
	sqlite3_finalize(k->more);
	for (uint32_t j = FIRST_DATE; j < k->n_dates + FIRST_DATE; j++)
		free(k->dates[j]);
	free(k->dates);
	free(k->sorted);
	free(k->fact);
	free(k);
}

/* A copy of K's arrays; NULL when out of memory.  Its statement to read
 * more is its own connection's, made at its first refresh. */
static struct dm_kept *copy_of(const struct dm_kept *k)
{
	struct dm_kept *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->known = k->known;
	c->cap = k->cap;
	c->n_dates = k->n_dates;
	c->dates_cap = k->dates_cap;
	if ((k->cap && !(c->fact = malloc((size_t)k->cap * sizeof *c->fact))) ||
	    (k->dates_cap && (!(c->dates = calloc(k->dates_cap, sizeof *c->dates)) ||
	                      !(c->sorted = malloc(k->dates_cap * sizeof *c->sorted))))) {
		c->n_dates = 0;
		goto fail;
	}
	if (k->cap)
		memcpy(c->fact, k->fact, (size_t)k->cap * sizeof *c->fact);
	if (k->n_dates)
		memcpy(c->sorted, k->sorted, k->n_dates * sizeof *c->sorted);
	for (uint32_t j = FIRST_DATE; j < k->n_dates + FIRST_DATE; j++)
		if (!(c->dates[j] = strdup(k->dates[j]))) {
			c->n_dates = j - FIRST_DATE;
			goto fail;
		}
	return c;
fail:
	free_kept(c);
	return NULL;
}

int dm_store_keep_facts_from(dm_store *s, dm_store *from, char *err, size_t errlen)
{
	if (!s->kept && from->kept) {
		if (dm_kept_refresh(from, err, errlen))
			return -1;
		if (!(s->kept = copy_of(from->kept))) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
	}
	return dm_store_keep_facts(s, err, errlen);
}

int dm_kept_tokens(const dm_store *s, sqlite3_int64 id)
{
	const struct dm_kept *k = s->kept;
	return k && id >= 0 && id < k->known ? k->fact[id].tokens : 0;
}

int64_t dm_fts_docsize(const unsigned char *p, int n)
{
	const unsigned char *end = p + (n > 0 ? n : 0);
	uint64_t v, sum = 0;
	while (p && p < end)
		if (!dm_get_varint(&p, end, &v) || (sum += v) > INT64_MAX)
			return -1;
	return (int64_t)sum;
}

/* A statement's tokens as kept: 0 when its docsize row does not parse or
 * the sum does not fit, so that FTS5 is asked instead. */
static uint16_t sum_varints(const unsigned char *p, int n)
{
	int64_t sum = dm_fts_docsize(p, n);
	return sum > 0 && sum <= UINT16_MAX ? (uint16_t)sum : 0;
}

/* The index of DATE in k->dates, added if new; DATE_UNKNOWN when out of
 * memory.  Documents are few next to statements, and a document's
 * statements come one after another: the last date answers most calls. */
static uint32_t date_index(struct dm_kept *k, const char *date, uint32_t last)
{
	if (!date)
		return DATE_NONE;
	if (last >= FIRST_DATE && !strcmp(k->dates[last], date))
		return last;
	uint32_t lo = 0, hi = k->n_dates;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = strcmp(k->dates[k->sorted[mid]], date);
		if (!c)
			return k->sorted[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (k->n_dates + FIRST_DATE > UINT16_MAX)
		return DATE_UNKNOWN; /* more dates than a fact holds: asked of SQLite */
	if (k->n_dates + FIRST_DATE >= k->dates_cap) {
		uint32_t cap = k->dates_cap ? 2 * k->dates_cap : 256;
		char **d = realloc(k->dates, cap * sizeof *d);
		if (d)
			k->dates = d;
		uint32_t *o = d ? realloc(k->sorted, cap * sizeof *o) : NULL;
		if (!o)
			return DATE_UNKNOWN;
		k->sorted = o;
		k->dates_cap = cap;
	}
	uint32_t i = k->n_dates + FIRST_DATE;
	if (!(k->dates[i] = strdup(date)))
		return DATE_UNKNOWN;
	memmove(k->sorted + lo + 1, k->sorted + lo, (k->n_dates - lo) * sizeof *k->sorted);
	k->sorted[lo] = i;
	k->n_dates++;
	return i;
}

static int grow(struct dm_kept *k, int64_t id)
{
	int64_t cap = k->cap ? k->cap : 4096;
	while (cap <= id)
		cap *= 2;
	fact *f = realloc(k->fact, (size_t)cap * sizeof *f);
	if (!f)
		return -1;
	k->fact = f;
	memset(k->fact + k->cap, 0, (size_t)(cap - k->cap) * sizeof *k->fact);
	k->cap = cap;
	return 0;
}

int dm_kept_refresh(dm_store *s, char *err, size_t errlen)
{
	struct dm_kept *k = s->kept;
	if (!k)
		return 0;
	if (!k->more && sqlite3_prepare_v3(s->db,
	                                   "SELECT z.id, z.sz, d.date FROM statements_fts_docsize z"
	                                   " JOIN statements s ON s.id = z.id JOIN documents d ON d.id = s.doc_id"
	                                   " WHERE z.id >= ?1 ORDER BY z.id",
	                                   -1, SQLITE_PREPARE_PERSISTENT, &k->more, NULL) != SQLITE_OK)
		return dm_sqlerr(s, err, errlen, "cannot read what to keep of statements");
	sqlite3_bind_int64(k->more, 1, k->known);
	int rc;
	uint32_t last = DATE_UNKNOWN;
	while ((rc = sqlite3_step(k->more)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(k->more, 0);
		if (id < 0)
			continue;
		if (id >= k->cap && grow(k, id))
			break; /* the rest stays unknown: asked of SQLite */
		k->fact[id].tokens = sum_varints(sqlite3_column_blob(k->more, 1), sqlite3_column_bytes(k->more, 1));
		k->fact[id].date =
		    (uint16_t)(last = date_index(k, (const char *)sqlite3_column_text(k->more, 2), last));
		k->known = id + 1;
	}
	sqlite3_reset(k->more);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dm_sqlerr(s, err, errlen, "cannot read what to keep of statements");
	return 0;
}

/* Which dates pass one query's bounds: a byte a date, made at the first
 * row and kept by SQLite for the next while the bounds stay. */
typedef struct date_pass {
	uint32_t n_dates; /* as many as were known when made */
	char *since, *until;
	unsigned char pass[];
} date_pass;

static void free_pass(void *v)
{
	date_pass *p = v;
	free(p->since);
	free(p->until);
	free(p);
}

static int same(const char *a, const char *b)
{
	return a && b ? !strcmp(a, b) : a == b;
}

static int within(const char *date, const char *since, const char *until)
{
	/* SQLite compares text by its bytes, as strcmp does */
	return (!since || strcmp(date, since) >= 0) && (!until || strcmp(date, until) <= 0);
}

static date_pass *make_pass(const struct dm_kept *k, const char *since, const char *until)
{
	date_pass *p = calloc(1, sizeof *p + k->n_dates + FIRST_DATE);
	if (!p || (since && !(p->since = strdup(since))) || (until && !(p->until = strdup(until)))) {
		if (p)
			free_pass(p);
		return NULL;
	}
	p->n_dates = k->n_dates;
	for (uint32_t j = FIRST_DATE; j < k->n_dates + FIRST_DATE; j++)
		p->pass[j] = (unsigned char)within(k->dates[j], since, until);
	return p;
}

/* Statement ID's date as kept: an index into k->dates, DATE_NONE, or
 * DATE_UNKNOWN when K does not know it. */
static uint32_t date_of(const struct dm_kept *k, int64_t id)
{
	return k && id >= 0 && id < k->known ? k->fact[id].date : DATE_UNKNOWN;
}

/* dictum_dated(ID, SINCE, UNTIL): 1 when statement ID's document has a
 * date in [SINCE, UNTIL] (either NULL: open), 0 when it has not or has no
 * date, NULL when this connection does not know. */
static void sql_dated(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const struct dm_kept *k = ((const dm_store *)sqlite3_user_data(ctx))->kept;
	uint32_t i = date_of(k, sqlite3_value_int64(argv[0]));
	if (i == DATE_UNKNOWN)
		return; /* NULL */
	const char *since = (const char *)sqlite3_value_text(argv[1]);
	const char *until = (const char *)sqlite3_value_text(argv[2]);
	if (i == DATE_NONE) {
		sqlite3_result_int(ctx, !since && !until);
		return;
	}
	date_pass *p = sqlite3_get_auxdata(ctx, 1);
	if (p && p->n_dates == k->n_dates && same(p->since, since) && same(p->until, until)) {
		sqlite3_result_int(ctx, p->pass[i]);
		return;
	}
	sqlite3_result_int(ctx, within(k->dates[i], since, until));
	if ((p = make_pass(k, since, until)))
		sqlite3_set_auxdata(ctx, 1, p, free_pass); /* may be freed at once: not used after */
}

dm_dates *dm_dates_new(const dm_store *s, const char *since, const char *until)
{
	return s->kept ? make_pass(s->kept, since, until) : NULL;
}

void dm_kept_prefetch(const dm_store *s, int64_t id)
{
	const struct dm_kept *k = s->kept;
	if (k && id >= 0 && id < k->known)
		__builtin_prefetch(&k->fact[id]);
}

int dm_dates_test(const dm_store *s, const dm_dates *d, int64_t id)
{
	const struct dm_kept *k = s->kept;
	uint32_t i = date_of(k, id);
	if (i == DATE_UNKNOWN)
		return -1;
	if (i == DATE_NONE)
		return !d->since && !d->until;
	return i < d->n_dates + FIRST_DATE ? d->pass[i] : within(k->dates[i], d->since, d->until);
}

void dm_dates_free(dm_dates *d)
{
	if (d)
		free_pass(d);
}

int dm_kept_register(dm_store *s)
{
	return sqlite3_create_function_v2(s->db, "dictum_dated", 3, SQLITE_UTF8, s, sql_dated, NULL, NULL, NULL);
}

void dm_kept_free(dm_store *s)
{
	if (s->kept)
		free_kept(s->kept);
	s->kept = NULL;
}
