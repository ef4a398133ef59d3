/*
 * A prefix's or a word's snippets, made here as FTS5's
 * snippet(statements_fts, 0, OPEN, CLOSE, '…', 24) makes them, from the
 * positions of the prefix in the statement's content that the ranking
 * pass read, or, for a page read off a list, from the content's tokens
 * that begin with the prefix or are the word.  FTS5 cannot be asked for a
 * prefix's: it gathers the words a prefix begins anew for each row it is
 * asked about, a walk of all their lists; and for a word, it looks each
 * row up in the word's list, a third of the time of a page of 20.
 *
 * FTS5's window, for a phrase one token long: for each occurrence, the
 * 24 tokens from it, scored 1000 for the first occurrence in them and 1
 * for each other, then moved back to centre those occurrences (not past
 * either end); and, when the content is longer than 24 tokens, the 24
 * from the start of the sentence the occurrence is in (a token after '.'
 * or ':' and white space), with 100 more (120 for the content's start).
 * The best, the first of equals, is printed with its occurrences marked
 * and '…' where the content goes on.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "util/vec.h"

#define SNIPPET_TOKENS 24
#define ELLIPSIS       "\xE2\x80\xA6"

/* The content's tokens, as the index's tokenizer cuts them, and, when
 * TERM is not NULL, where a term is TERM or, unless WHOLE, begins with it. */
typedef struct cut {
	int (*at)[2]; /* each token's first byte and the byte after it */
	size_t n, cap;
	const char *term;
	size_t len; /* TERM's */
	int whole;
	uint32_t *found;
	size_t n_found, cap_found;
	int failed;
} cut;

static int add_token(void *ctx, int flags, const char *token, int n, int start, int end)
{
	cut *c = ctx;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	if (dm_reserve(&c->at, &c->cap, c->n, sizeof *c->at)) {
		c->failed = 1;
		return SQLITE_NOMEM;
	}
	if (c->term && ((size_t)n == c->len || (!c->whole && (size_t)n > c->len)) && !memcmp(token, c->term, c->len)) {
		if (dm_reserve(&c->found, &c->cap_found, c->n_found, sizeof *c->found)) {
			c->failed = 1;
			return SQLITE_NOMEM;
		}
		c->found[c->n_found++] = (uint32_t)c->n;
	}
	c->at[c->n][0] = start;
	c->at[c->n][1] = end;
	c->n++;
	return SQLITE_OK;
}

/* Is token K the first of a sentence of TEXT: the first, or after white
 * space after '.' or ':'? */
static int opens_sentence(const char *text, const cut *c, size_t k)
{
	if (k == 0)
		return 1;
	int i = c->at[k][0] - 1;
	char ch = 0;
	for (; i >= 0; i--) {
		ch = text[i];
		if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r')
			break;
	}
	return i != c->at[k][0] - 1 && (ch == '.' || ch == ':');
}

/* The score of the window of SNIPPET_TOKENS from FROM, over the
 * occurrences AT[N]; in *START (when not NULL) where it begins once
 * centred on them in a content of SIZE tokens. */
static int window(const uint32_t *at, size_t n, int64_t from, int64_t size, int64_t *start)
{
	int score = 0;
	int64_t first = -1, last = 0;
	for (size_t i = 0; i < n; i++)
		if (at[i] >= from && at[i] < from + SNIPPET_TOKENS) {
			score += score ? 1 : 1000;
			if (first < 0)
				first = at[i];
			last = (int64_t)at[i] + 1;
		}
	if (start) {
		int64_t s = first - (SNIPPET_TOKENS - (last - first)) / 2;
		if (s + SNIPPET_TOKENS > size)
			s = size - SNIPPET_TOKENS;
		*start = s < 0 ? 0 : s;
	}
	return score;
}

/* Where the best window of the occurrences AT[N] begins, in a content of
 * C's tokens. */
static int64_t best_window(const char *text, const cut *c, const uint32_t *at, size_t n)
{
	int64_t size = (int64_t)c->n, best = 0;
	int best_score = 0;
	size_t sentence = 0, seen = 0; /* the last sentence start up to token SEEN */
	for (size_t i = 0; i < n; i++) {
		if (at[i] > size)
			continue;
		int64_t start;
		int score = window(at, n, at[i], size, &start);
		if (score > best_score) {
			best_score = score;
			best = start;
		}
		if (size <= SNIPPET_TOKENS)
			continue;
		for (; seen < at[i] && seen + 1 < c->n; seen++)
			if (opens_sentence(text, c, seen + 1))
				sentence = seen + 1;
		if (sentence < at[i]) {
			score = window(at, n, (int64_t)sentence, size, NULL) + (sentence == 0 ? 120 : 100);
			if (score > best_score) {
				best_score = score;
				best = (int64_t)sentence;
			}
		}
	}
	return best;
}

/* TEXT[N] with C's tokens from FROM marked where AT[N_AT] says, as FTS5's
 * snippet prints it, into OUT. */
static void print(const char *text, int n, const cut *c, int64_t from, const uint32_t *at, size_t n_at,
                  const char *open, const char *close, dm_buf *out)
{
	int64_t to = from + SNIPPET_TOKENS - 1; /* the window's last token */
	size_t next = 0;                        /* the next occurrence to mark */
	while (next < n_at && at[next] < from)
		next++;
	int off = 0, is_open = 0;
	if (from > 0)
		dm_buf_puts(out, ELLIPSIS);
	for (int64_t k = from; k <= to && k < (int64_t)c->n; k++) {
		int start = c->at[k][0], end = c->at[k][1];
		int64_t mark = next < n_at ? (int64_t)at[next] : -1;
		if (k == from && from)
			off = start;
		if (is_open && (k <= mark || mark < 0) && start > off) {
			dm_buf_puts(out, close);
			is_open = 0;
		}
		if (k == mark && !is_open) {
			dm_buf_add(out, text + off, (size_t)(start - off));
			dm_buf_puts(out, open);
			off = start;
			is_open = 1;
		}
		if (k == mark) {
			dm_buf_add(out, text + off, (size_t)(end - off));
			off = end;
			while (next < n_at && (int64_t)at[next] <= k)
				next++;
			mark = next < n_at ? (int64_t)at[next] : -1;
		}
		if (k == to) {
			if (is_open) {
				if (mark >= 0 && k >= mark) {
					dm_buf_add(out, text + off, (size_t)(end - off));
					off = end;
				}
				dm_buf_puts(out, close);
				is_open = 0;
			}
			dm_buf_add(out, text + off, (size_t)(end - off));
			off = end;
		}
	}
	if (is_open)
		dm_buf_puts(out, close);
	if (to >= (int64_t)c->n - 1)
		dm_buf_add(out, text + off, (size_t)(n - off));
	else
		dm_buf_puts(out, ELLIPSIS);
}

char *dm_snippet(dm_store *s, sqlite3_int64 id, const uint32_t *at, size_t n, const char *term, int whole,
                 const char *open, const char *close)
{
	static const char sql[] = "SELECT content FROM statements WHERE id = ?1";
	sqlite3_stmt *q;
	if (dm_store_tokenizer(s) || dm_query(s, sql, &q) != SQLITE_OK)
		return NULL;
	sqlite3_bind_int64(q, 1, id);
	char *made = NULL;
	cut c = {0};
	if (!at) {
		c.term = term;
		c.len = strlen(term);
		c.whole = whole;
	}
	if (sqlite3_step(q) == SQLITE_ROW) {
		const char *text = dm_col(q, 0);
		int len = sqlite3_column_bytes(q, 0);
		if (s->tokenizer.xTokenize(s->tokens, &c, FTS5_TOKENIZE_AUX, text, len, add_token) == SQLITE_OK &&
		    !c.failed) {
			dm_buf out = {0};
			if (!at) {
				at = c.found;
				n = c.n_found;
			}
			print(text, len, &c, best_window(text, &c, at, n), at, n, open, close, &out);
			made = out.failed ? NULL : dm_buf_detach(&out);
			dm_buf_free(&out);
		}
	}
	dm_query_done(s, q);
	free(c.at);
	free(c.found);
	return made;
}

void dm_snip(dm_store *s, const char *term, int whole, const char *open, const char *close, dm_hit *out, size_t n)
{
	int every = 1;
	for (size_t i = 0; every && i < n; i++)
		every = (out[i].snippet = dm_snippet(s, out[i].id, NULL, 0, term, whole, open, close)) != NULL;
	for (size_t i = 0; !every && i < n; i++) {
		free(out[i].snippet);
		out[i].snippet = NULL;
	}
}
