/*
 * Impact lists: a search's best matches without ranking every match.
 *
 * Ranking a word that is in 3% of a million statements scores 30,000 of
 * them to show 20.  For each term in at least MIN_DF statements, the
 * lists keep its statements grouped by how often the term occurs in each
 * (tf, all columns), and each group in order of the statement's length
 * in tokens, shortest first.  Under BM25 a term's score grows with tf and
 * falls with length, whatever the archive's mean length: so each group's
 * first is its best, and a merge of the groups by score reads the term's
 * statements best first, exactly, as far as the page asks and no further.
 * A prefix of at least MIN_PREFIX bytes that begins several terms and is
 * in MIN_DF statements has a list too, its tf in each statement the sum
 * of its terms' (FTS5's count for the prefix), each group cut to the
 * DM_PREFIX_PAGES best, as far as a prefix's page goes.
 *
 * The lists cover the statements indexed when they were made (ids up to
 * impact_state.upto); those indexed since are ranked as before, by FTS5,
 * and merged in.  The link makes the lists anew when those pass a tenth
 * of the rest, and when a statement they hold was deleted (a trigger
 * marks them stale; until then searches rank every match, as before).
 * Scores are those of dictum_bm25 (rank.c) to the last bit: the same IDF
 * (the term's statements counted: those of the lists and those since),
 * the same mean length (FTS5's own totals), the same arithmetic.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "util/vec.h"

#define MIN_DF      1024  /* a rarer term's matches are few: ranking them all is cheap */
#define MIN_ROWS    20000 /* a smaller archive is ranked whole, always */
#define PART        512   /* (length, id) pairs a row of impacts */
#define MIN_PREFIX  3     /* bytes: a shorter prefix is ranked by a pass over its matches */
#define MAX_COUNT   65536 /* occurrences and lengths counted out up to this, compared past it */
#define AMONG_SHARE 48    /* a statement read and tokenized costs about as many matches walked by FTS5 */

/* ---- varints, as SQLite and FTS5 write them ---- */

/* V as a varint of SQLite's (big-endian groups of seven bits, the ninth
 * byte whole) at P; returns its length, at most 9. */
static size_t put_varint(unsigned char *p, uint64_t v)
{
	if (v >> 56) {
		p[8] = (unsigned char)v;
		v >>= 8;
		for (int i = 7; i >= 0; i--, v >>= 7)
			p[i] = (unsigned char)((v & 0x7f) | 0x80);
		return 9;
	}
	unsigned char b[9];
	size_t n = 0;
	do {
		b[n++] = (unsigned char)((v & 0x7f) | 0x80);
		v >>= 7;
	} while (v);
	b[0] &= 0x7f;
	for (size_t i = 0; i < n; i++)
		p[i] = b[n - 1 - i];
	return n;
}

int dm_get_varint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	uint64_t x = 0;
	for (int i = 0; i < 8; i++) {
		if (*p >= end)
			return 0;
		unsigned char c = *(*p)++;
		x = (x << 7) | (c & 0x7f);
		if (!(c & 0x80)) {
			*v = x;
			return 1;
		}
	}
	if (*p >= end)
		return 0;
	*v = (x << 8) | *(*p)++;
	return 1;
}

/* ---- making the lists ---- */

typedef struct posting {
	uint32_t tf, tokens;
	int64_t id;
	double score; /* a search's, of the statements indexed since the lists */
} posting;

/* Best first: more occurrences, then fewer tokens, then the older. */
static int by_impact(const void *a, const void *b)
{
	const posting *x = a, *y = b;
	if (x->tf != y->tf)
		return x->tf < y->tf ? 1 : -1;
	if (x->tokens != y->tokens)
		return x->tokens < y->tokens ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

/* Every statement's length in tokens up to UPTO, by id, from FTS5's
 * docsize table (a varint a column); malloc'd, NULL on failure. */
static uint32_t *lengths(dm_store *s, int64_t upto)
{
	uint32_t *len = calloc((size_t)upto + 1, sizeof *len);
	sqlite3_stmt *q;
	if (!len || sqlite3_prepare_v2(s->db, "SELECT id, sz FROM statements_fts_docsize WHERE id <= ?1", -1, &q,
	                               NULL) != SQLITE_OK) {
		free(len);
		return NULL;
	}
	sqlite3_bind_int64(q, 1, upto);
	while (sqlite3_step(q) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(q, 0);
		int64_t sum = dm_fts_docsize(sqlite3_column_blob(q, 1), sqlite3_column_bytes(q, 1));
		if (id >= 0 && id <= upto)
			len[id] = sum < 0 || sum > UINT32_MAX ? UINT32_MAX : (uint32_t)sum;
	}
	if (sqlite3_finalize(q) != SQLITE_OK) {
		free(len);
		return NULL;
	}
	return len;
}

/* Write KEY's postings P[N], sorted by impact, as rows of impacts: of
 * each group of the same tf, its DEPTH best. */
static int write_list(sqlite3_stmt *ins, const char *key, const posting *p, size_t n, size_t depth, unsigned char *buf)
{
	for (size_t i = 0; i < n;) {
		uint32_t tf = p[i].tf;
		size_t group = i, stop;
		while (group < n && p[group].tf == tf)
			group++;
		stop = group - i > depth ? i + depth : group;
		for (int part = 0; i < stop; part++) {
			size_t len = 0, k = 0;
			uint32_t last_tokens = 0;
			int64_t last_id = 0;
			for (; k < PART && i < stop; k++, i++) {
				/* the length's step from the last, the id's (zigzag) */
				int64_t d = p[i].id - last_id;
				len += put_varint(buf + len, p[i].tokens - last_tokens);
				len += put_varint(buf + len, ((uint64_t)d << 1) ^ (d < 0 ? UINT64_MAX : 0));
				last_tokens = p[i].tokens;
				last_id = p[i].id;
			}
			sqlite3_bind_text(ins, 1, key, -1, SQLITE_STATIC);
			sqlite3_bind_int64(ins, 2, tf);
			sqlite3_bind_int(ins, 3, part);
			sqlite3_bind_blob(ins, 4, buf, (int)len, SQLITE_STATIC);
			if (dm_step_done(ins))
				return -1;
		}
		i = group;
	}
	return 0;
}

/* A statement's occurrences of a term, or of the terms a prefix begins. */
typedef struct occ {
	int64_t id;
	uint32_t tf;
} occ;

/* The index's terms are walked in order, as a trie's nodes: the terms
 * under a prefix are read one after the other, and a node holds the
 * occurrences of those read so far (by id, a statement once).  The nodes
 * open are the last term's prefixes where earlier terms branched off,
 * deepest on top; the last term itself is the top. */
typedef struct node {
	char *first;   /* its first term (malloc'd): the prefix is its LEN bytes */
	size_t len;    /* bytes */
	size_t before; /* bytes its first term shares with the term before it */
	int terms;
	occ *o;
	size_t n;
} node;

typedef struct walk {
	const uint32_t *len; /* each statement's tokens */
	sqlite3_stmt *ins, *df;
	posting *p, *tmp; /* room to sort a list, and the list as written */
	size_t cap_p;
	unsigned char *buf;
	node *stack;
	size_t depth, cap;
} walk;

/* FROM[N] into TO, stably, by each one's tokens (BY_TF 0) or tf, most
 * first (BY_TF 1), none of which passes MOST; 0, or -1. */
static int count_sort(const posting *from, posting *to, size_t n, uint32_t most, int by_tf)
{
	size_t *at = calloc((size_t)most + 2, sizeof *at);
	if (!at)
		return -1;
	for (size_t i = 0; i < n; i++)
		at[by_tf ? most - from[i].tf : from[i].tokens]++;
	for (size_t k = 0, start = 0; k <= most; k++) {
		size_t count = at[k];
		at[k] = start;
		start += count;
	}
	for (size_t i = 0; i < n; i++)
		to[at[by_tf ? most - from[i].tf : from[i].tokens]++] = from[i];
	free(at);
	return 0;
}

/* A list for KEY of the occurrences O[N], of each tf its DEPTH best; a
 * prefix of at least SHORTEST bytes that KEY begins is KEY's alone.  O
 * is in id order, so two stable counting sorts, by tokens and then by
 * tf, give the lists' order in time linear in N; counts too large to
 * count out are sorted by comparison. */
static int emit(walk *w, const char *key, size_t shortest, const occ *o, size_t n, size_t depth)
{
	if (n > w->cap_p) {
		posting *p = realloc(w->p, n * sizeof *p), *t = p ? realloc(w->tmp, n * sizeof *t) : NULL;
		if (p)
			w->p = p;
		if (!t)
			return -1;
		w->tmp = t;
		w->cap_p = n;
	}
	uint32_t most_tf = 0, most_tokens = 0;
	for (size_t i = 0; i < n; i++) {
		w->tmp[i] = (posting){o[i].tf, w->len[o[i].id], o[i].id, 0};
		most_tf = o[i].tf > most_tf ? o[i].tf : most_tf;
		most_tokens = w->tmp[i].tokens > most_tokens ? w->tmp[i].tokens : most_tokens;
	}
	/* either way the list ends in TMP */
	if (most_tf > MAX_COUNT || most_tokens > MAX_COUNT)
		qsort(w->tmp, n, sizeof *w->tmp, by_impact);
	else if (count_sort(w->tmp, w->p, n, most_tokens, 0) || count_sort(w->p, w->tmp, n, most_tf, 1))
		return -1;
	sqlite3_bind_text(w->df, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(w->df, 2, (sqlite3_int64)n);
	sqlite3_bind_int64(w->df, 3, (sqlite3_int64)shortest);
	return write_list(w->ins, key, w->tmp, n, depth, w->buf) || dm_step_done(w->df) ? -1 : 0;
}

static size_t larger(size_t a, size_t b)
{
	return a > b ? a : b;
}

/* Done with X, whose last term shares AFTER bytes with the term after
 * it: a list for its prefix when the prefix is worth one (of two terms
 * or more, at least MIN_PREFIX bytes, in MIN_DF statements), under the
 * key "prefix*", which no term is; of each tf as many as a prefix's page
 * reaches (store.c). */
static int finish(walk *w, const node *x, size_t after)
{
	if (x->terms < 2 || x->len < MIN_PREFIX || x->n < MIN_DF)
		return 0;
	char *key = malloc(x->len + 2);
	if (!key)
		return -1;
	memcpy(key, x->first, x->len);
	memcpy(key + x->len, "*", 2);
	int rc = emit(w, key, larger(x->before, after) + 1, x->o, x->n, DM_PREFIX_PAGES);
	free(key);
	return rc;
}

/* X's occurrences into INTO's, then X let go. */
static int merge(node *into, node *x)
{
	occ *m = malloc((into->n + x->n) * sizeof *m + 1);
	if (!m)
		return -1;
	size_t i = 0, j = 0, k = 0;
	while (i < into->n || j < x->n) {
		if (j == x->n || (i < into->n && into->o[i].id < x->o[j].id))
			m[k++] = into->o[i++];
		else if (i == into->n || x->o[j].id < into->o[i].id)
			m[k++] = x->o[j++];
		else
			m[k++] = (occ){into->o[i].id, into->o[i++].tf + x->o[j++].tf};
	}
	free(into->o);
	into->o = m;
	into->n = k;
	into->terms += x->terms;
	return 0;
}

/* X finished (its last term shares AFTER bytes with the next) and its
 * occurrences given to INTO (NULL: to none), X let go. */
static int join(walk *w, node *into, node *x, size_t after)
{
	int rc = finish(w, x, after);
	if (!rc && into && into->len >= MIN_PREFIX)
		rc = merge(into, x);
	free(x->o);
	free(x->first);
	return rc;
}

/* Close the nodes deeper than L bytes, the next term sharing L bytes with
 * the last: each given to the one it hangs from, which is made when it is
 * not open yet. */
static int close_to(walk *w, size_t l)
{
	node x;
	int have = 0, rc = 0;
	while (w->depth && w->stack[w->depth - 1].len > l) {
		node up = w->stack[--w->depth];
		if (have)
			rc |= join(w, &up, &x, l);
		x = up;
		have = 1;
	}
	if (!have)
		return rc;
	node *top = w->depth ? &w->stack[w->depth - 1] : NULL;
	if ((!top || top->len < l) && l >= MIN_PREFIX) {
		char *first = strdup(x.first);
		if (!first || dm_reserve(&w->stack, &w->cap, w->depth, sizeof *w->stack)) {
			free(first);
			rc = -1;
		} else {
			top = &w->stack[w->depth++];
			*top = (node){first, l, x.before, 0, NULL, 0};
		}
	}
	return join(w, top && top->len == l ? top : NULL, &x, l) | rc;
}

/* The term T, read: its occurrences O[N] (the walk's now), L bytes
 * shared with the term before.  The last term's own list first, now that
 * the next is known. */
static int add_term(walk *w, const char *t, occ *o, size_t n, size_t l)
{
	int rc = 0;
	node *last = w->depth ? &w->stack[w->depth - 1] : NULL;
	if (last && last->n >= MIN_DF)
		rc = emit(w, last->first, larger(last->before, l) + 1, last->o, last->n, SIZE_MAX);
	if (last && last->len < MIN_PREFIX) { /* under no prefix with a list */
		free(last->o);
		last->o = NULL;
		last->n = 0;
	}
	rc |= close_to(w, l);
	char *first = strdup(t);
	if (!first || dm_reserve(&w->stack, &w->cap, w->depth, sizeof *w->stack)) {
		free(first);
		free(o);
		return -1;
	}
	w->stack[w->depth++] = (node){first, strlen(t), l, 1, o, n};
	return rc;
}

static size_t shared(const char *a, const char *b)
{
	size_t i = 0;
	while (a[i] && a[i] == b[i])
		i++;
	return i;
}

/* Make the lists anew over the statements indexed (inside the caller's
 * transaction): every term's occurrences read once, in the index's order,
 * for the frequent terms' lists and their prefixes'.  The full-text index
 * is first merged into one segment (FTS5's optimize), as often as the
 * lists are made, so at a cost that stays in proportion to what was
 * added: batches leave it in many, and a search looks up each of its
 * page's rows in every one of them (the page's snippets: 0.30 ms for
 * twenty rows of a common word at a million statements, 0.10 ms in one
 * segment). */
static int make_lists(dm_store *s, int64_t upto, char *err, size_t errlen)
{
	if (sqlite3_exec(s->db,
	                 "INSERT INTO statements_fts(statements_fts) VALUES ('optimize');"
	                 "DELETE FROM impacts; DELETE FROM impact_terms;"
	                 "CREATE VIRTUAL TABLE IF NOT EXISTS temp.impact_words"
	                 "  USING fts5vocab(main, statements_fts, 'row');"
	                 "CREATE VIRTUAL TABLE IF NOT EXISTS temp.impact_hits"
	                 "  USING fts5vocab(main, statements_fts, 'instance');",
	                 NULL, NULL, NULL) != SQLITE_OK)
		return dm_sqlerr(s, err, errlen, "cannot make the search lists");
	uint32_t *len = lengths(s, upto);
	walk w = {.len = len, .buf = malloc(PART * 20)};
	sqlite3_stmt *words = NULL, *hits = NULL;
	occ *o = NULL;
	size_t n = 0, cap = 0, l = 0; /* l: bytes TERM shares with the term before it */
	char *term = NULL;
	int rc = -1, step;
	if (!len || !w.buf || sqlite3_prepare_v2(s->db, "SELECT term, cnt FROM temp.impact_words", -1, &words, NULL) ||
	    sqlite3_prepare_v2(s->db, "SELECT doc FROM temp.impact_hits", -1, &hits, NULL) ||
	    sqlite3_prepare_v2(s->db, "INSERT INTO impacts(term, tf, part, postings) VALUES (?1, ?2, ?3, ?4)", -1,
	                       &w.ins, NULL) ||
	    sqlite3_prepare_v2(s->db, "INSERT INTO impact_terms(term, df, shortest) VALUES (?1, ?2, ?3)", -1, &w.df,
	                       NULL))
		goto done;
	/* Each occurrence is a row of the instances, a term's together in the
	 * terms' order, a statement's together; the terms and how many
	 * occurrences each has come from the index's rows of terms, so that
	 * no occurrence's row copies its term's text (two thirds of reading
	 * them). */
	while ((step = sqlite3_step(words)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(words, 0);
		int64_t cnt = sqlite3_column_int64(words, 1);
		if (!t)
			goto done;
		if (term && add_term(&w, term, o, n, l)) {
			o = NULL;
			goto done;
		}
		l = term ? shared(term, t) : 0;
		free(term);
		o = NULL;
		n = cap = 0;
		if (!(term = strdup(t)))
			goto done;
		for (int64_t k = 0; k < cnt; k++) {
			if (sqlite3_step(hits) != SQLITE_ROW)
				goto done;
			int64_t id = sqlite3_column_int64(hits, 0);
			if (id < 1 || id > upto)
				continue;
			if (n && o[n - 1].id == id) {
				o[n - 1].tf++;
				continue;
			}
			if (dm_reserve(&o, &cap, n, sizeof *o))
				goto done;
			o[n++] = (occ){id, 1};
		}
	}
	/* as many occurrences as the terms said, no more */
	if (step != SQLITE_DONE || sqlite3_step(hits) != SQLITE_DONE || (term && add_term(&w, term, o, n, l)))
		goto done;
	o = NULL;
	/* the last term's list, and every node still open */
	node *last = w.depth ? &w.stack[w.depth - 1] : NULL;
	if (last && last->n >= MIN_DF && emit(&w, last->first, last->before + 1, last->o, last->n, SIZE_MAX))
		goto done;
	if (close_to(&w, 0) == 0)
		rc = 0;
done:
	if (rc)
		dm_sqlerr(s, err, errlen, "cannot make the search lists");
	while (w.depth) {
		node *x = &w.stack[--w.depth];
		free(x->o);
		free(x->first);
	}
	free(w.stack);
	sqlite3_finalize(words);
	sqlite3_finalize(hits);
	sqlite3_finalize(w.ins);
	sqlite3_finalize(w.df);
	free(o);
	free(term);
	free(w.p);
	free(w.tmp);
	free(w.buf);
	free(len);
	return rc;
}

/* The lists' state: what they cover, whether stale, what is indexed; 0
 * or -1.  *FRESH: nothing to make (made and fresh enough, or none made
 * and none needed). */
static int lists_state(dm_store *s, int64_t *upto, int64_t *stale, int64_t *indexed, int *fresh)
{
	sqlite3_stmt *q;
	*upto = *indexed = 0;
	*stale = 1;
	if (sqlite3_prepare_v2(s->db, "SELECT upto, stale, (SELECT indexed FROM fts_state) FROM impact_state", -1, &q,
	                       NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(q) == SQLITE_ROW) {
		*upto = sqlite3_column_int64(q, 0);
		*stale = sqlite3_column_int64(q, 1);
		*indexed = sqlite3_column_int64(q, 2);
	}
	sqlite3_finalize(q);
	/* what came since is ranked as before, while it is a tenth at most */
	*fresh = (!*stale && *upto && *indexed - *upto <= *upto / 10) || (*indexed < MIN_ROWS && !*upto && *stale);
	return 0;
}

int dm_store_search_ready(dm_store *s)
{
	int64_t upto, stale, indexed;
	int fresh;
	return lists_state(s, &upto, &stale, &indexed, &fresh) == 0 && fresh;
}

int dm_impacts_update(dm_store *s, char *err, size_t errlen)
{
	int64_t upto, stale, indexed;
	int fresh;
	sqlite3_stmt *q;
	if (lists_state(s, &upto, &stale, &indexed, &fresh))
		return dm_sqlerr(s, err, errlen, "cannot read the search lists' state");
	if (fresh)
		return 0;
	if (indexed < MIN_ROWS) /* none needed: those there are go */
		return sqlite3_exec(s->db,
		                    "DELETE FROM impacts; DELETE FROM impact_terms;"
		                    "UPDATE impact_state SET upto = 0, stale = 1",
		                    NULL, NULL, NULL) == SQLITE_OK
		           ? 0
		           : dm_sqlerr(s, err, errlen, "cannot clear the search lists");
	if (make_lists(s, indexed, err, errlen))
		return -1;
	if (sqlite3_prepare_v2(s->db, "UPDATE impact_state SET upto = ?1, stale = 0", -1, &q, NULL) != SQLITE_OK)
		return dm_sqlerr(s, err, errlen, "cannot keep the search lists' state");
	sqlite3_bind_int64(q, 1, indexed);
	int rc = sqlite3_step(q) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(q);
	return rc ? dm_sqlerr(s, err, errlen, "cannot keep the search lists' state") : 0;
}

/* ---- a search by the lists ---- */

typedef struct caught {
	char *term;
	size_t cap;
	int n; /* tokens seen; the first kept when it fits */
} caught;

static int catch_token(void *ctx, int flags, const char *token, int n, int start, int end)
{
	(void)start;
	(void)end;
	caught *c = ctx;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	if (c->n++ == 0 && n > 0 && (size_t)n < c->cap) {
		memcpy(c->term, token, (size_t)n);
		c->term[n] = 0;
	} else if (c->n == 1) {
		c->n = 2; /* too long to keep: not one the lists know */
	}
	return SQLITE_OK;
}

int dm_store_tokenizer(dm_store *s)
{
	if (!s->tokens) {
		/* statements_fts's: tokenize='porter unicode61 remove_diacritics 2' */
		static const char *args[] = {"unicode61", "remove_diacritics", "2"};
		fts5_api *api = dm_fts5_api(s->db);
		void *ctx = NULL;
		if (!api || api->xFindTokenizer(api, "porter", &ctx, &s->tokenizer) != SQLITE_OK ||
		    s->tokenizer.xCreate(ctx, args, 3, &s->tokens) != SQLITE_OK) {
			s->tokens = NULL;
			return -1;
		}
	}
	return 0;
}

/* The one token of TEXT[N] as the index's tokenizer makes it under
 * FLAGS, into TERM[CAP]; 1, or 0 when it makes more or none. */
static int one_token(dm_store *s, const char *text, size_t n, int flags, char *term, size_t cap)
{
	caught c = {term, cap, 0};
	if (dm_store_tokenizer(s) ||
	    s->tokenizer.xTokenize(s->tokens, &c, flags, text, (int)n, catch_token) != SQLITE_OK)
		return 0;
	return c.n == 1;
}

int dm_fts_single_term(dm_store *s, const char *fts, char *term, size_t cap)
{
	size_t n = strlen(fts);
	if (n < 3 || fts[0] != '"' || fts[n - 1] != '"' || memchr(fts + 1, '"', n - 2))
		return 0;
	return one_token(s, fts + 1, n - 2, FTS5_TOKENIZE_QUERY, term, cap);
}

void dm_impacts_free(dm_store *s)
{
	if (s->tokens)
		s->tokenizer.xDelete(s->tokens);
	s->tokens = NULL;
}

/* A place in one tf group of a term's list: where in the part read, and
 * the part to read next. */
typedef struct cursor {
	uint32_t tf, part;
	const unsigned char *at, *end;
	unsigned char *blob; /* the part, copied */
	uint32_t tokens;     /* the entry at hand's */
	int64_t id;
	double score;
	int live;
} cursor;

/* The next entry of a part at *AT (before END): its length and id are
 * steps from the last's, in *TOKENS and *ID (zero at a part's start, as
 * write_list writes them).  0 when the part is malformed. */
static int next_entry(const unsigned char **at, const unsigned char *end, uint32_t *tokens, int64_t *id)
{
	uint64_t dt, did;
	if (!dm_get_varint(at, end, &dt) || !dm_get_varint(at, end, &did))
		return 0;
	*tokens += (uint32_t)dt;
	*id += (int64_t)(did >> 1) ^ -(int64_t)(did & 1);
	return 1;
}

/* The entry at C's place, read; the next part fetched when one ends.  0
 * when the group has no more, -1 on failure. */
static int advance(sqlite3_stmt *part, const char *term, cursor *c)
{
	for (;;) {
		if (c->at < c->end)
			return next_entry(&c->at, c->end, &c->tokens, &c->id) ? 1 : -1;
		free(c->blob);
		c->blob = NULL;
		c->at = c->end = NULL;
		sqlite3_bind_text(part, 1, term, -1, SQLITE_STATIC);
		sqlite3_bind_int64(part, 2, c->tf);
		sqlite3_bind_int64(part, 3, c->part++);
		int rc = sqlite3_step(part), n = rc == SQLITE_ROW ? sqlite3_column_bytes(part, 0) : 0;
		if (n > 0 && (c->blob = malloc((size_t)n)) != NULL) {
			memcpy(c->blob, sqlite3_column_blob(part, 0), (size_t)n);
			c->at = c->blob;
			c->end = c->blob + n;
			c->tokens = 0;
			c->id = 0;
		}
		sqlite3_reset(part);
		if (rc == SQLITE_DONE)
			return 0;
		if (rc != SQLITE_ROW || !c->blob)
			return -1;
	}
}

/* FTS5's count of rows and of tokens in all columns: its averages record
 * (row 1 of its data table: a varint for the rows, one a column). */
static int totals(dm_store *s, double *rows, double *tokens)
{
	static const char sql[] = "SELECT block FROM statements_fts_data WHERE id = 1";
	sqlite3_stmt *q;
	if (dm_query(s, sql, &q) != SQLITE_OK)
		return -1;
	int rc = -1;
	if (sqlite3_step(q) == SQLITE_ROW) {
		const unsigned char *p = sqlite3_column_blob(q, 0), *end = p + sqlite3_column_bytes(q, 0);
		uint64_t v, sum = 0;
		if (p && dm_get_varint(&p, end, &v)) {
			*rows = (double)v;
			while (p < end && dm_get_varint(&p, end, &v))
				sum += v;
			*tokens = (double)sum;
			rc = 0;
		}
	}
	dm_query_done(s, q);
	return rc;
}

/* Is A the better match: the higher score, or the same and the older? */
static int better(double sa, int64_t a, double sb, int64_t b)
{
	return sa > sb || (sa == sb && a < b);
}

static int by_score(const void *a, const void *b)
{
	const posting *x = a, *y = b;
	return better(x->score, x->id, y->score, y->id) ? -1 : better(y->score, y->id, x->score, x->id) ? 1 : 0;
}

/* The rows of Q (stepped to its end, then let go), each a match's id and
 * its phrase's occurrences and length (dictum_tf_tokens), into *OUT
 * (malloc'd, the caller frees); how many, or -1 on failure. */
static long matches_of(dm_store *s, sqlite3_stmt *q, posting **out)
{
	*out = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (dm_reserve(out, &cap, n, sizeof **out))
			break;
		int64_t v = sqlite3_column_int64(q, 1);
		(*out)[n++] = (posting){(uint32_t)(v >> 32), (uint32_t)v, sqlite3_column_int64(q, 0), 0};
	}
	dm_query_done(s, q);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return (long)n;
}

/* The matches of the one-phrase query FTS with ids over AFTER, as
 * matches_of gives them. */
static long matches(dm_store *s, const char *fts, int64_t after, posting **out)
{
	static const char sql[] = "SELECT rowid, dictum_tf_tokens(statements_fts) FROM statements_fts"
	                          " WHERE statements_fts MATCH ?1 AND rowid > ?2";
	sqlite3_stmt *q;
	*out = NULL;
	if (dm_query(s, sql, &q) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(q, 1, fts, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, after);
	return matches_of(s, q, out);
}

/* Whether a statement above UPTO is in the index: whether the lists made
 * up to UPTO have a tail.  A prefix's tail is not asked of FTS5 when it
 * has none: FTS5 reads and merges every list the prefix begins before it
 * applies the bound on the rowid (60 ms for a prefix in 340,000 of ten
 * million statements, with nothing above the bound). */
static int indexed_above(dm_store *s, int64_t upto)
{
	static const char sql[] = "SELECT indexed > ?1 FROM fts_state";
	sqlite3_stmt *q;
	if (dm_query(s, sql, &q) != SQLITE_OK)
		return 1; /* ask FTS5, as before */
	sqlite3_bind_int64(q, 1, upto);
	int above = sqlite3_step(q) != SQLITE_ROW || sqlite3_column_int(q, 0);
	dm_query_done(s, q);
	return above;
}

/* The best K of P[N] (by_score) to its front, best first; how many. */
static size_t best_of(posting *p, size_t n, size_t k)
{
	if (k > n)
		k = n;
	if (!k)
		return 0;
	/* a heap of the best K so far, the worst of them at its root */
	for (size_t i = 0; i < n; i++) {
		size_t at;
		if (i < k) {
			at = i;
			while (at && by_score(&p[at], &p[(at - 1) / 2]) > 0) { /* worse than its parent: up */
				posting t = p[at];
				p[at] = p[(at - 1) / 2];
				p[(at - 1) / 2] = t;
				at = (at - 1) / 2;
			}
			continue;
		}
		if (by_score(&p[i], &p[0]) >= 0)
			continue; /* no better than the worst kept */
		p[0] = p[i];
		for (at = 0;;) { /* down, to the worse child */
			size_t l = 2 * at + 1, r = l + 1, w = at;
			if (l < k && by_score(&p[l], &p[w]) > 0)
				w = l;
			if (r < k && by_score(&p[r], &p[w]) > 0)
				w = r;
			if (w == at)
				break;
			posting t = p[at];
			p[at] = p[w];
			p[w] = t;
			at = w;
		}
	}
	qsort(p, k, sizeof *p, by_score);
	return k;
}

int dm_fts_one_phrase(const char *fts, int *prefix)
{
	size_t n = strlen(fts);
	*prefix = n > 4 && !strcmp(fts + n - 2, " *");
	if (*prefix)
		n -= 2;
	return n >= 3 && fts[0] == '"' && fts[n - 1] == '"' && !memchr(fts + 1, '"', n - 2);
}

/* The best of the matches P[N] of ROWS (all the phrase's: its IDF), the
 * page SKIP to SKIP + WANT as hits; P is freed.  1, or 0 on failure. */
static int page_of(dm_store *s, posting *p, long n, long rows, long skip, long want, dm_hit **out, size_t *n_out)
{
	double all, tokens;
	dm_hit *hits = totals(s, &all, &tokens) ? NULL : malloc((size_t)want * sizeof *hits);
	if (!hits) {
		free(p);
		return 0;
	}
	double idf = dm_bm25_idf(all, (double)rows), avg = all > 0 ? tokens / all : 1;
	for (long i = 0; i < n; i++)
		p[i].score = dm_bm25_term(idf, p[i].tf, p[i].tokens, avg);
	size_t k = best_of(p, (size_t)n, (size_t)(skip + want)), m = 0;
	for (size_t i = (size_t)skip; i < k; i++)
		hits[m++] = (dm_hit){p[i].id, -p[i].score, NULL};
	free(p);
	*out = hits;
	*n_out = m;
	return 1;
}

int dm_rank_pass(dm_store *s, sqlite3_stmt *pass, const char *fts, long skip, long want, dm_hit **out, size_t *n_out,
                 sqlite3_int64 *total)
{
	static const char sql[] = "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH ?1";
	posting *p;
	long n, all = -1;
	sqlite3_stmt *q;
	if (want <= 0 || skip < 0) {
		dm_query_done(s, pass);
		return 0;
	}
	if ((n = matches_of(s, pass, &p)) < 0)
		return 0;
	if (dm_query(s, sql, &q) == SQLITE_OK) {
		sqlite3_bind_text(q, 1, fts, -1, SQLITE_STATIC);
		if (sqlite3_step(q) == SQLITE_ROW)
			all = (long)sqlite3_column_int64(q, 0);
		dm_query_done(s, q);
	}
	if (all < 0) {
		free(p);
		return 0;
	}
	if (!page_of(s, p, n, all, skip, want, out, n_out))
		return 0;
	*total = n;
	return 1;
}

int dm_rank_scored(dm_store *s, sqlite3_stmt *pass, long skip, long want, dm_hit **out, size_t *n_out,
                   sqlite3_int64 *total)
{
	posting *p = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(pass)) == SQLITE_ROW && !dm_reserve(&p, &cap, n, sizeof *p))
		p[n++] = (posting){0, 0, sqlite3_column_int64(pass, 0), -sqlite3_column_double(pass, 1)};
	dm_query_done(s, pass);
	dm_hit *hits = want > 0 && skip >= 0 && rc == SQLITE_DONE ? malloc((size_t)want * sizeof *hits) : NULL;
	if (!hits) {
		free(p);
		return 0;
	}
	size_t k = best_of(p, n, (size_t)(skip + want)), m = 0;
	for (size_t i = (size_t)skip; i < k; i++)
		hits[m++] = (dm_hit){p[i].id, -p[i].score, NULL};
	free(p);
	*out = hits;
	*n_out = m;
	*total = (sqlite3_int64)n;
	return 1;
}

/* ---- a prefix's pass, its page's snippets made from what it read ---- */

/* FTS5 gathers the words a prefix begins anew for each lookup of a row,
 * so the page's snippets cannot be asked of it after the ranking, as a
 * word's are.  The pass keeps instead, for each match that may still
 * reach the page when it is read (one whose score without the IDF, the
 * same for all and known only at the end, is not below the K-th best so
 * far), where the prefix is in its content; the page's snippets are made
 * from those (snippet.c).  Matches come in id order, so these are about
 * K ln(N/K) of N; past SNIP_CAP the pass stops keeping them and the page's
 * snippets are looked up by a second pass. */
#define SNIP_CAP(k) (8 * (k) + 256)

/* A match that may reach the page: its id and its positions, AT[N] of
 * the pass's. */
typedef struct kept_match {
	int64_t id;
	uint32_t at, n;
} kept_match;

typedef struct kth {
	double g;     /* a score without the IDF */
	uint64_t key; /* its occurrences and tokens: the same key, the same score */
} kth;

struct dm_pass {
	posting *p;
	size_t n, cap;
	double avg;
	size_t k;
	kth *heap; /* the best K so far, the worst at [0] */
	size_t n_heap;
	kept_match *snip; /* each match that might reach the page */
	size_t n_snip, cap_snip;
	uint32_t *at; /* their positions */
	size_t n_at, cap_at;
	const dm_store *s;
	const dm_dates *dates; /* the pass's own filters: dates, or NULL */
	const int64_t *ids;    /* and statements, IDS[N_IDS] (N_IDS < 0: any) */
	long n_ids;
	int64_t admitted;  /* matches, those that fail the filters too */
	int unknown;       /* a match's date was not kept */
	int failed, full;  /* out of memory; past SNIP_CAP */
	sqlite3_int64 all; /* filtered: all the phrase's matches, counted at the first that passes; else -1 */
};

/* Whether statement ID passes DATES (NULL: any) and is one of IDS[N]
 * (rising; N < 0: any): 1, 0, or -1 when its date is not kept. */
static int admitted(const dm_store *s, const dm_dates *dates, const int64_t *ids, long n, int64_t id)
{
	if (n >= 0) {
		long lo = 0, hi = n;
		while (lo < hi) {
			long mid = lo + (hi - lo) / 2;
			if (ids[mid] < id)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == n || ids[lo] != id)
			return 0;
	}
	return dates ? dm_dates_test(s, dates, id) : 1;
}

sqlite3_int64 *dm_pass_all(dm_pass *p)
{
	return p->all == -2 ? &p->all : NULL;
}

int dm_pass_admits(dm_pass *p, int64_t id)
{
	if (!p->dates && p->n_ids < 0)
		return 1;
	p->admitted++;
	int t = admitted(p->s, p->dates, p->ids, p->n_ids, id);
	p->unknown |= t < 0;
	return t > 0;
}

int dm_pass_row(dm_pass *p, int64_t id, int tf, int tokens)
{
	if (dm_reserve(&p->p, &p->cap, p->n, sizeof *p->p)) {
		p->failed = 1;
		return 0;
	}
	p->p[p->n++] = (posting){(uint32_t)tf, (uint32_t)tokens, id, 0};
	kth e = {dm_bm25_term(1.0, tf, tokens, p->avg), (uint64_t)(uint32_t)tf << 32 | (uint32_t)tokens};
	/* Better than the K-th best so far: the IDF's product may round two
	 * near scores either way, so a near one counts as better, except one
	 * of the same counts, which is the same score and loses to the older. */
	const kth *m = p->n_heap ? &p->heap[0] : NULL;
	int worth = p->n_heap < p->k || e.g > m->g * (1 + 1e-12) || (e.g >= m->g * (1 - 1e-12) && e.key != m->key);
	if (p->n_heap < p->k) {
		size_t at = p->n_heap++;
		for (; at && e.g < p->heap[(at - 1) / 2].g; at = (at - 1) / 2)
			p->heap[at] = p->heap[(at - 1) / 2];
		p->heap[at] = e;
	} else if (e.g > m->g) {
		size_t at = 0;
		for (;;) {
			size_t l = 2 * at + 1, r = l + 1, w = l;
			if (l >= p->n_heap)
				break;
			if (r < p->n_heap && p->heap[r].g < p->heap[l].g)
				w = r;
			if (p->heap[w].g >= e.g)
				break;
			p->heap[at] = p->heap[w];
			at = w;
		}
		p->heap[at] = e;
	}
	if (worth && p->n_snip >= SNIP_CAP(p->k))
		p->full = 1;
	if (!worth || p->full)
		return 0;
	if (dm_reserve(&p->snip, &p->cap_snip, p->n_snip, sizeof *p->snip)) {
		p->failed = 1;
		return 0;
	}
	p->snip[p->n_snip++] = (kept_match){id, (uint32_t)p->n_at, 0};
	return 1;
}

void dm_pass_at(dm_pass *p, uint32_t pos)
{
	if (dm_reserve(&p->at, &p->cap_at, p->n_at, sizeof *p->at)) {
		p->failed = 1;
		return;
	}
	p->at[p->n_at++] = pos;
	p->snip[p->n_snip - 1].n++;
}

static const kept_match *snip_of(const dm_pass *p, sqlite3_int64 id)
{
	for (size_t i = p->n_snip; i-- > 0;) /* the latest first: the page's are among them */
		if (p->snip[i].id == id)
			return &p->snip[i];
	return NULL;
}

int dm_prefix_pass(dm_store *s, sqlite3_stmt *pass, int param, int whole, const dm_dates *dates, const int64_t *ids,
                   long n_ids, long skip, long want, const char *open, const char *close, dm_hit **out, size_t *n_out,
                   sqlite3_int64 *total)
{
	double rows, tokens;
	dm_pass p = {0};
	p.s = s;
	p.dates = dates;
	p.ids = ids;
	p.n_ids = n_ids;
	p.k = (size_t)(skip + want);
	p.all = whole ? -1 : -2; /* -2: to be counted */
	int ok = 0, rc = SQLITE_DONE;
	long all = -1;
	if (want <= 0 || skip < 0 || totals(s, &rows, &tokens) || !(p.heap = malloc(p.k * sizeof *p.heap))) {
		dm_query_done(s, pass);
		goto done;
	}
	p.avg = rows > 0 ? tokens / rows : 1;
	sqlite3_bind_pointer(pass, param, &p, "dictum_pass", NULL);
	while ((rc = sqlite3_step(pass)) == SQLITE_ROW && !p.failed)
		;
	dm_query_done(s, pass);
	if (rc != SQLITE_DONE || p.failed || p.unknown)
		goto done;
	if (dates || n_ids >= 0) {
		all = (long)p.admitted;
	} else if (whole || !p.n) {
		all = (long)p.n;
	} else {
		all = (long)p.all;
		if (all < 0)
			goto done;
	}
	*total = (sqlite3_int64)p.n;
	ok = page_of(s, p.p, (long)p.n, all, skip, want, out, n_out);
	p.p = NULL;
	/* the page's snippets, when the pass kept where each one's prefix is */
	int every = ok && !p.full;
	for (size_t i = 0; every && i < *n_out; i++)
		every = snip_of(&p, (*out)[i].id) != NULL;
	for (size_t i = 0; every && i < *n_out; i++) {
		const kept_match *m = snip_of(&p, (*out)[i].id);
		every = ((*out)[i].snippet = dm_snippet(s, m->id, p.at + m->at, m->n, NULL, open, close)) != NULL;
	}
	for (size_t i = 0; ok && !every && i < *n_out; i++) { /* all or none */
		free((*out)[i].snippet);
		(*out)[i].snippet = NULL;
	}
done:
	free(p.snip);
	free(p.at);
	free(p.heap);
	free(p.p);
	return ok;
}

/* A query of one phrase the lists do not answer (a prefix, a phrase of
 * words, a rarer word): every match read once, its score made here from
 * its occurrences and length, the best kept; the phrase's count is the
 * matches', read in the same pass. */
static int ranked_in_one_pass(dm_store *s, const char *fts, long skip, long want, dm_hit **out, size_t *n_out,
                              sqlite3_int64 *total)
{
	posting *p;
	long n = matches(s, fts, 0, &p);
	if (n < 0 || !page_of(s, p, n, n, skip, want, out, n_out))
		return 0;
	*total = n;
	return 1;
}

/* Has TERM a list (and are the lists fresh)?  Then what they cover in
 * *UPTO and the term's count of statements among those in *DF. */
static int listed(dm_store *s, const char *term, int64_t *upto, int64_t *df)
{
	static const char sql[] = "SELECT upto, (SELECT df FROM impact_terms WHERE term = ?1) FROM impact_state"
	                          " WHERE stale = 0 AND upto > 0";
	sqlite3_stmt *q;
	int found = 0;
	if (dm_query(s, sql, &q) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(q, 1, term, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_type(q, 1) != SQLITE_NULL) {
		*upto = sqlite3_column_int64(q, 0);
		*df = sqlite3_column_int64(q, 1);
		found = 1;
	}
	dm_query_done(s, q);
	return found;
}

int dm_impacts_counts(dm_store *s, const char *fts, dm_buf *counts)
{
	static const char tail_sql[] =
	    "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH ?1 AND rowid > ?2";
	dm_buf_reset(counts);
	int n = 0;
	for (const char *p = fts; *p; n++) {
		/* "word" AND "word" ...: each a string of one term the lists know */
		const char *end = *p == '"' ? strchr(p + 1, '"') : NULL;
		if (!end || (end[1] && strncmp(end + 1, " AND \"", 6)))
			return 0;
		char phrase[256], term[256];
		size_t len = (size_t)(end + 1 - p);
		if (len >= sizeof phrase)
			return 0;
		memcpy(phrase, p, len);
		phrase[len] = 0;
		p = end[1] ? end + 6 : end + 1;
		sqlite3_stmt *q;
		int64_t upto, df;
		if (dm_fts_single_term(s, phrase, term, sizeof term) != 1 || !listed(s, term, &upto, &df) ||
		    dm_query(s, tail_sql, &q) != SQLITE_OK)
			return 0;
		sqlite3_bind_text(q, 1, phrase, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(q, 2, upto);
		int ok = sqlite3_step(q) == SQLITE_ROW;
		df += ok ? sqlite3_column_int64(q, 0) : 0;
		dm_query_done(s, q);
		if (!ok)
			return 0;
		dm_buf_add(counts, (const char *)&df, sizeof df);
	}
	return n >= 2 && !counts->failed;
}

/* The page SKIP to SKIP + WANT of FTS, a query of one phrase, by the
 * list of KEY (a term's, or a prefix's), which covers the statements up
 * to UPTO, of which DF match; as dm_impacts_top. */
static int from_lists(dm_store *s, const char *fts, const char *key, int64_t upto, int64_t df, long skip, long want,
                      dm_hit **out, size_t *n_out, sqlite3_int64 *total)
{
	static const char part_sql[] = "SELECT postings FROM impacts WHERE term = ?1 AND tf = ?2 AND part = ?3",
	                  groups_sql[] = "SELECT DISTINCT tf FROM impacts WHERE term = ?1 ORDER BY tf DESC";
	sqlite3_stmt *q;
	double rows, tokens;
	if (totals(s, &rows, &tokens))
		return 0;
	/* the matches since the lists were made, ranked by FTS5's counts */
	posting *tail = NULL;
	long got = indexed_above(s, upto) ? matches(s, fts, upto, &tail) : 0;
	if (got < 0)
		return 0;
	size_t n_tail = (size_t)got;
	df += (int64_t)n_tail;
	*total = df;
	double idf = dm_bm25_idf(rows, (double)df), avg = rows > 0 ? tokens / rows : 1;
	/* the groups' first entries */
	sqlite3_stmt *part = NULL;
	q = NULL;
	cursor *c = NULL;
	size_t n_c = 0, cap_c = 0;
	dm_hit *hits = NULL;
	size_t n_hits = 0;
	int ok = 0;
	if (dm_query(s, part_sql, &part) != SQLITE_OK) {
		part = NULL;
		goto done;
	}
	if (dm_query(s, groups_sql, &q) != SQLITE_OK) {
		q = NULL;
		goto done;
	}
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	while (sqlite3_step(q) == SQLITE_ROW) {
		if (dm_reserve(&c, &cap_c, n_c, sizeof *c))
			break;
		c[n_c] = (cursor){(uint32_t)sqlite3_column_int64(q, 0), 0, NULL, NULL, NULL, 0, 0, 0, 0};
		int r = advance(part, key, &c[n_c]);
		if (r < 0)
			break;
		c[n_c].live = r;
		if (r)
			c[n_c].score = dm_bm25_term(idf, c[n_c].tf, c[n_c].tokens, avg);
		n_c++;
	}
	dm_query_done(s, q);
	q = NULL;
	/* the tail's best first */
	for (size_t i = 0; i < n_tail; i++)
		tail[i].score = dm_bm25_term(idf, tail[i].tf, tail[i].tokens, avg);
	n_tail = best_of(tail, n_tail, (size_t)(skip + want));
	size_t next_tail = 0;
	hits = malloc((size_t)want * sizeof *hits);
	if (!hits)
		goto done;
	/* the best of the groups' heads and the tail's each time: the groups
	 * are few, one a number of occurrences */
	for (long k = 0; k < skip + want; k++) {
		int from = -1; /* a cursor, or -2 for the tail */
		double best = 0;
		int64_t best_id = 0;
		for (size_t i = 0; i < n_c; i++)
			if (c[i].live && (from == -1 || better(c[i].score, c[i].id, best, best_id)))
				from = (int)i, best = c[i].score, best_id = c[i].id;
		if (next_tail < n_tail &&
		    (from == -1 || better(tail[next_tail].score, tail[next_tail].id, best, best_id)))
			from = -2, best = tail[next_tail].score, best_id = tail[next_tail].id;
		if (from == -1)
			break;
		if (k >= skip)
			hits[n_hits++] = (dm_hit){best_id, -best, NULL};
		if (from == -2) {
			next_tail++;
		} else {
			cursor *b = &c[from];
			int r = advance(part, key, b);
			if (r < 0)
				goto done;
			b->live = r;
			if (r)
				b->score = dm_bm25_term(idf, b->tf, b->tokens, avg);
		}
	}
	ok = 1;
done:
	if (q)
		dm_query_done(s, q);
	if (part)
		dm_query_done(s, part);
	for (size_t i = 0; i < n_c; i++)
		free(c[i].blob);
	free(c);
	free(tail);
	if (!ok) {
		free(hits);
		return 0;
	}
	*out = hits;
	*n_out = n_hits;
	return DM_TOP_LISTS;
}

int dm_impacts_top(dm_store *s, const char *fts, long skip, long want, dm_hit **out, size_t *n_out,
                   sqlite3_int64 *total)
{
	*out = NULL;
	*n_out = 0;
	char term[256];
	int prefix;
	int64_t upto = 0, df = 0;
	if (want <= 0 || skip < 0 || skip + want > 10000 || !dm_fts_one_phrase(fts, &prefix))
		return 0;
	if (prefix || dm_fts_single_term(s, fts, term, sizeof term) != 1)
		return ranked_in_one_pass(s, fts, skip, want, out, n_out, total)
		           ? (prefix ? DM_TOP_PREFIX : DM_TOP_PASS)
		           : 0;
	if (!listed(s, term, &upto, &df)) /* a rarer term, or no lists made */
		return ranked_in_one_pass(s, fts, skip, want, out, n_out, total) ? DM_TOP_PASS : 0;
	return from_lists(s, fts, term, upto, df, skip, want, out, n_out, total);
}

/* E appended to *P (*N of *CAP) when it passes DATES and IDS[N_IDS], as
 * admitted says; 0, or -1 when its date is not kept or memory ran out. */
static int keep_admitted(dm_store *s, const dm_dates *dates, const int64_t *ids, long n_ids, posting e, posting **p,
                         size_t *n, size_t *cap)
{
	int pass = admitted(s, dates, ids, n_ids, e.id);
	if (pass < 0 || (pass && dm_reserve(p, cap, *n, sizeof **p)))
		return -1;
	if (pass)
		(*p)[(*n)++] = e;
	return 0;
}

/* Has the prefix Q a list (and are the lists fresh)?  Then its key (the
 * one term Q begins, or "prefix*" for the terms Q begins, their shared
 * prefix) in KEY[CAP], what the lists cover in *UPTO and the statements
 * of Q among those in *DF.  The keys Q begins are the list's and those of
 * longer prefixes of its terms, which sort after it, and a term's own
 * before its prefix's; the key that is Q's is the first of them whose
 * shortest prefix of its own Q reaches. */
static int prefix_listed(dm_store *s, const char *q, char *key, size_t cap, int64_t *upto, int64_t *df)
{
	static const char sql[] =
	    "SELECT k.term, k.df, s.upto FROM impact_state s, (SELECT term, df, shortest FROM impact_terms"
	    "  WHERE term >= ?1 AND term < ?2 ORDER BY term LIMIT 2) k"
	    " WHERE s.stale = 0 AND s.upto > 0 AND k.shortest <= ?3 LIMIT 1";
	size_t n = strlen(q);
	char after[256];
	if (!n || n >= sizeof after || (unsigned char)q[n - 1] == 0xFF)
		return 0;
	memcpy(after, q, n + 1); /* the first string past those Q begins */
	after[n - 1] = (char)((unsigned char)q[n - 1] + 1);
	sqlite3_stmt *st;
	int found = 0;
	if (dm_query(s, sql, &st) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, q, (int)n, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, after, (int)n, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)n);
	if (sqlite3_step(st) == SQLITE_ROW && (size_t)sqlite3_column_bytes(st, 0) < cap) {
		memcpy(key, sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0) + 1);
		*df = sqlite3_column_int64(st, 1);
		*upto = sqlite3_column_int64(st, 2);
		found = 1;
	}
	dm_query_done(s, st);
	return found;
}

/* A group of a list as read: its tf, how many entries it keeps, the
 * longest of them (its worst score), and how many of that length there
 * are and passed: where a cut group ends, those kept of a length are the
 * oldest of it, which a count's sample leaves out. */
typedef struct group_seen {
	uint32_t tf, tokens;
	size_t n, at_end, passed_at_end;
} group_seen;

int dm_impacts_filtered(dm_store *s, const char *fts, const dm_dates *dates, const int64_t *ids, long n_ids, long skip,
                        long want, const char *open, const char *close, dm_hit **out, size_t *n_out,
                        sqlite3_int64 *total, int *estimated)
{
	static const char sql[] = "SELECT tf, postings FROM impacts WHERE term = ?1";
	*out = NULL;
	*n_out = 0;
	*estimated = 0;
	char key[260], q[256];
	int prefix;
	int64_t upto, df;
	size_t len = strlen(fts);
	if (want <= 0 || skip < 0 || !dm_fts_one_phrase(fts, &prefix))
		return 0;
	if (prefix) {
		if (!one_token(s, fts + 1, len - 4, FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX, q, sizeof q) ||
		    !prefix_listed(s, q, key, sizeof key, &upto, &df))
			return 0;
	} else if (dm_fts_single_term(s, fts, key, sizeof key) != 1 || !listed(s, key, &upto, &df)) {
		return 0;
	}
	/* the statements since the lists, then every one of the lists:
	 * those that pass, with all of them counted for the IDF */
	posting *p = NULL, *tail = NULL;
	long got = indexed_above(s, upto) ? matches(s, fts, upto, &tail) : 0;
	if (got < 0)
		return 0;
	size_t n = 0, cap = 0;
	int ok = 1;
	for (long i = 0; ok && i < got; i++)
		ok = !keep_admitted(s, dates, ids, n_ids, tail[i], &p, &n, &cap);
	free(tail);
	size_t from_tail = n, listed_n = 0, n_g = 0, cap_g = 0;
	group_seen *g = NULL;
	sqlite3_stmt *rows_q;
	if (!ok || dm_query(s, sql, &rows_q) != SQLITE_OK) {
		free(p);
		return 0;
	}
	sqlite3_bind_text(rows_q, 1, key, -1, SQLITE_STATIC);
	int rc = SQLITE_DONE;
	while (ok && (rc = sqlite3_step(rows_q)) == SQLITE_ROW) {
		uint32_t tf = (uint32_t)sqlite3_column_int64(rows_q, 0), tokens = 0;
		const unsigned char *at = sqlite3_column_blob(rows_q, 1), *end = at + sqlite3_column_bytes(rows_q, 1);
		int64_t id = 0;
		size_t k = 0; /* the row's group */
		while (k < n_g && g[k].tf != tf)
			k++;
		if (k == n_g) {
			ok = !dm_reserve(&g, &cap_g, n_g, sizeof *g);
			if (ok)
				g[n_g++] = (group_seen){tf, 0, 0, 0, 0};
		}
		while (ok && at && at < end) {
			/* a part's entries decoded first, each one's date asked of
			 * the cache as it is, then tested: the tests' misses of the
			 * cache (ids far apart) overlap rather than follow one another */
			posting part[PART];
			size_t m = 0;
			while (ok && at < end && m < PART) {
				ok = next_entry(&at, end, &tokens, &id);
				part[m++] = (posting){tf, tokens, id, 0};
				if (dates)
					dm_kept_prefetch(s, id);
			}
			for (size_t i = 0; ok && i < m; i++) {
				size_t before = n;
				ok = !keep_admitted(s, dates, ids, n_ids, part[i], &p, &n, &cap);
				/* a longer length: the group's end so far */
				if (part[i].tokens > g[k].tokens || !g[k].n) {
					g[k].tokens = part[i].tokens;
					g[k].at_end = g[k].passed_at_end = 0;
				}
				if (part[i].tokens == g[k].tokens) {
					g[k].at_end++;
					g[k].passed_at_end += n > before;
				}
				g[k].n++;
				listed_n++;
			}
		}
	}
	ok = ok && rc == SQLITE_DONE;
	dm_query_done(s, rows_q);
	double rows = 0, tokens = 0, bound = -1;
	if (ok && totals(s, &rows, &tokens))
		ok = 0;
	/* A prefix's groups (its key ends in '*') keep their DM_PREFIX_PAGES
	 * best: one cut there may hold more that pass, none better than its
	 * last.  A word's lists keep every statement. */
	double idf = dm_bm25_idf(rows, (double)(df + got)), avg = rows > 0 ? tokens / rows : 1;
	int cut = key[strlen(key) - 1] == '*';
	size_t sample = listed_n, passed = n - from_tail;
	for (size_t k = 0; ok && cut && k < n_g; k++)
		if (g[k].n == DM_PREFIX_PAGES) {
			if (dm_bm25_term(idf, g[k].tf, g[k].tokens, avg) > bound)
				bound = dm_bm25_term(idf, g[k].tf, g[k].tokens, avg);
			sample -= g[k].at_end;
			passed -= g[k].passed_at_end;
		}
	free(g);
	if (!ok || !page_of(s, p, (long)n, (long)(df + got), skip, want, out, n_out)) {
		if (!ok)
			free(p);
		return 0;
	}
	*total = (sqlite3_int64)n;
	if (bound >= 0) {
		/* the page is exact when full and all of it better than what
		 * was cut; the count, the share that passed of what the lists
		 * keep, an estimate then, and only of a sample large enough to
		 * be within about a tenth */
		double est = (double)passed * (double)df / (double)(sample ? sample : 1) + (double)from_tail;
		if (*n_out < (size_t)want || -(*out)[*n_out - 1].rank <= bound || passed < DM_ESTIMATE_SAMPLE) {
			free(*out);
			*out = NULL;
			*n_out = 0;
			return 0;
		}
		*total = (sqlite3_int64)(est + 0.5);
		*estimated = 1;
	}
	if (prefix) /* FTS5 would gather the prefix's words again for each */
		dm_snip_term(s, q, 0, open, close, *out, *n_out);
	return DM_TOP_LISTS;
}

int dm_impacts_prefix(dm_store *s, const char *fts, long skip, long want, const char *open, const char *close,
                      dm_hit **out, size_t *n_out, sqlite3_int64 *total)
{
	*out = NULL;
	*n_out = 0;
	char q[256], key[260];
	int prefix;
	int64_t upto, df;
	size_t n = strlen(fts);
	if (want <= 0 || skip < 0 || skip + want > DM_PREFIX_PAGES || !dm_fts_one_phrase(fts, &prefix) || !prefix ||
	    !one_token(s, fts + 1, n - 4, FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX, q, sizeof q) ||
	    !prefix_listed(s, q, key, sizeof key, &upto, &df) ||
	    !from_lists(s, fts, key, upto, df, skip, want, out, n_out, total))
		return 0;
	dm_snip_term(s, q, 0, open, close, *out, *n_out);
	return DM_TOP_LISTS;
}

/* A prefix's occurrences in one statement's columns, as FTS5 counts them
 * for its match: tokens the index's tokenizer makes that begin the
 * prefix, and all the tokens (colocated ones are not counted). */
typedef struct occurrences {
	const char *q;
	size_t n_q;
	uint32_t tf, tokens;
} occurrences;

static int count_token(void *ctx, int flags, const char *token, int n, int start, int end)
{
	(void)start;
	(void)end;
	occurrences *o = ctx;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	o->tokens++;
	o->tf += (size_t)n >= o->n_q && !memcmp(token, o->q, o->n_q);
	return SQLITE_OK;
}

int dm_impacts_prefix_among(dm_store *s, const char *fts, const dm_dates *dates, const int64_t *ids, long n_ids,
                            long skip, long want, const char *open, const char *close, dm_hit **out, size_t *n_out,
                            sqlite3_int64 *total)
{
	static const char sql[] = "SELECT content, speaker FROM statements WHERE id = ?1";
	*out = NULL;
	*n_out = 0;
	char q[256], key[260];
	int prefix;
	int64_t upto, df;
	size_t n = strlen(fts);
	if (want <= 0 || skip < 0 || n_ids < 0 || !dm_fts_one_phrase(fts, &prefix) || !prefix ||
	    !one_token(s, fts + 1, n - 4, FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX, q, sizeof q) ||
	    !prefix_listed(s, q, key, sizeof key, &upto, &df) || n_ids > df / AMONG_SHARE)
		return 0;
	/* the IDF's count: the list's statements and those indexed since */
	posting *p = NULL;
	long got = indexed_above(s, upto) ? matches(s, fts, upto, &p) : 0;
	free(p);
	p = NULL;
	sqlite3_stmt *st;
	if (got < 0 || dm_query(s, sql, &st) != SQLITE_OK)
		return 0;
	size_t n_p = 0, cap = 0;
	int ok = 1;
	for (long i = 0; ok && i < n_ids; i++) {
		int pass = dates ? dm_dates_test(s, dates, ids[i]) : 1;
		if (pass <= 0) {
			ok = pass == 0;
			continue;
		}
		occurrences o = {q, strlen(q), 0, 0};
		sqlite3_bind_int64(st, 1, ids[i]);
		int rc = sqlite3_step(st);
		for (int c = 0; rc == SQLITE_ROW && ok && c < 2; c++) { /* content, speaker: both indexed */
			const char *text = (const char *)sqlite3_column_text(st, c);
			if (text)
				ok = s->tokenizer.xTokenize(s->tokens, &o, FTS5_TOKENIZE_DOCUMENT, text,
				                            sqlite3_column_bytes(st, c), count_token) == SQLITE_OK;
		}
		ok = ok && (rc == SQLITE_ROW || rc == SQLITE_DONE);
		sqlite3_reset(st);
		if (ok && o.tf && !dm_reserve(&p, &cap, n_p, sizeof *p))
			p[n_p++] = (posting){o.tf, o.tokens, ids[i], 0};
		else if (ok && o.tf)
			ok = 0;
	}
	dm_query_done(s, st);
	if (!ok) {
		free(p);
		return 0;
	}
	if (!page_of(s, p, (long)n_p, (long)(df + got), skip, want, out, n_out))
		return 0;
	*total = (sqlite3_int64)n_p;
	dm_snip_term(s, q, 0, open, close, *out, *n_out);
	return DM_TOP_LISTS;
}
