/*
 * A page's snippets, made here as FTS5's
 * snippet(statements_fts, 0, OPEN, CLOSE, '…', 24) makes them, from the
 * statement's content: for a query of phrases joined by AND (a word is a
 * phrase of one term, a prefix one whose last term begins the token), or
 * from the positions of a prefix that the ranking pass read.  FTS5 cannot
 * be asked for them cheaply: for a prefix it gathers the words the prefix
 * begins anew for each row it is asked about, a walk of all their lists;
 * for a word or a phrase it looks each row up in the terms' lists, a third
 * of the time of a page of 20; and with the ranking in one statement it
 * walks words joined by AND twice, once to rank them and once more to
 * find the page's rows among them.
 *
 * FTS5's window: for each occurrence of a phrase, the 24 tokens from it,
 * scored 1000 for the first occurrence of each phrase in them and 1 for
 * each other, then moved back to centre those occurrences (not past
 * either end); and, when the content is longer than 24 tokens, the 24
 * from the start of the sentence the occurrence is in (a token after '.'
 * or ':' and white space), with 100 more (120 for the content's start).
 * The best, the first of equals, is printed with its occurrences marked,
 * occurrences that overlap marked as one, and '…' where the content goes
 * on.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "util/vec.h"

#define SNIPPET_TOKENS 24
#define ELLIPSIS       "\xE2\x80\xA6"

/* One occurrence of a phrase: its first token, the phrase, its tokens. */
typedef struct inst {
	uint32_t pos;
	uint16_t phrase, size;
} inst;

/* The content's tokens, as the index's tokenizer cuts them, and, for
 * marks M, which of M's terms each one is (a bit a term). */
typedef struct cut {
	int (*at)[2]; /* each token's first byte and the byte after it */
	uint64_t *is; /* each token's terms */
	size_t n, cap, cap_is;
	const dm_marks *m;
	int failed;
} cut;

static int add_token(void *ctx, int flags, const char *token, int n, int start, int end)
{
	cut *c = ctx;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	if (dm_reserve(&c->at, &c->cap, c->n, sizeof *c->at) ||
	    (c->m && dm_reserve(&c->is, &c->cap_is, c->n, sizeof *c->is))) {
		c->failed = 1;
		return SQLITE_NOMEM;
	}
	if (c->m) {
		const dm_marks *m = c->m;
		uint64_t is = 0;
		for (int p = 0; p < m->n; p++)
			for (int t = m->first[p]; t < m->first[p + 1]; t++) {
				size_t len = m->len[t];
				int begins = m->prefix[p] && t == m->first[p + 1] - 1;
				if (((size_t)n == len || (begins && (size_t)n > len)) &&
				    !memcmp(token, m->text + m->term[t], len))
					is |= (uint64_t)1 << t;
			}
		c->is[c->n] = is;
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
 * occurrences IN[N]; in *START (when not NULL) where it begins once
 * centred on them in a content of SIZE tokens. */
static int window(const inst *in, size_t n, int64_t from, int64_t size, int64_t *start)
{
	int score = 0;
	uint32_t seen = 0; /* the phrases met */
	int64_t first = -1, last = 0;
	for (size_t i = 0; i < n; i++)
		if (in[i].pos >= from && in[i].pos < from + SNIPPET_TOKENS) {
			score += seen >> in[i].phrase & 1 ? 1 : 1000;
			seen |= (uint32_t)1 << in[i].phrase;
			if (first < 0)
				first = in[i].pos;
			last = (int64_t)in[i].pos + in[i].size;
		}
	if (start) {
		int64_t s = first - (SNIPPET_TOKENS - (last - first)) / 2;
		if (s + SNIPPET_TOKENS > size)
			s = size - SNIPPET_TOKENS;
		*start = s < 0 ? 0 : s;
	}
	return score;
}

/* Where the best window of the occurrences IN[N] begins, in a content of
 * C's tokens. */
static int64_t best_window(const char *text, const cut *c, const inst *in, size_t n)
{
	int64_t size = (int64_t)c->n, best = 0;
	int best_score = 0;
	size_t sentence = 0, seen = 0; /* the last sentence start up to token SEEN */
	for (size_t i = 0; i < n; i++) {
		if (in[i].pos > size)
			continue;
		int64_t start;
		int score = window(in, n, in[i].pos, size, &start);
		if (score > best_score) {
			best_score = score;
			best = start;
		}
		if (size <= SNIPPET_TOKENS)
			continue;
		for (; seen < in[i].pos && seen + 1 < c->n; seen++)
			if (opens_sentence(text, c, seen + 1))
				sentence = seen + 1;
		if (sentence < in[i].pos) {
			score = window(in, n, (int64_t)sentence, size, NULL) + (sentence == 0 ? 120 : 100);
			if (score > best_score) {
				best_score = score;
				best = (int64_t)sentence;
			}
		}
	}
	return best;
}

/* The occurrences from IN[*I] on that overlap, as one: their first token
 * in *START and last in *END (-1 when there are no more), *I past them. */
static void next_run(const inst *in, size_t n, size_t *i, int64_t *start, int64_t *end)
{
	*start = *end = -1;
	for (; *i < n; ++*i) {
		int64_t last = (int64_t)in[*i].pos + in[*i].size - 1;
		if (*start < 0) {
			*start = in[*i].pos;
			*end = last;
		} else if (in[*i].pos <= *end) {
			if (last > *end)
				*end = last;
		} else {
			break;
		}
	}
}

/* TEXT[N] with C's tokens from FROM marked where IN[N_IN] says, as FTS5's
 * snippet prints it, into OUT. */
static void print(const char *text, int n, const cut *c, int64_t from, const inst *in, size_t n_in, const char *open,
                  const char *close, dm_buf *out)
{
	int64_t to = from + SNIPPET_TOKENS - 1; /* the window's last token */
	size_t next = 0;
	int64_t start, end; /* the marks at hand: tokens START to END */
	do
		next_run(in, n_in, &next, &start, &end);
	while (start >= 0 && start < from);
	int off = 0, is_open = 0;
	if (from > 0)
		dm_buf_puts(out, ELLIPSIS);
	for (int64_t k = from; k <= to && k < (int64_t)c->n; k++) {
		int first = c->at[k][0], after = c->at[k][1];
		if (k == from && from)
			off = first;
		if (is_open && (k <= start || start < 0) && first > off) {
			dm_buf_puts(out, close);
			is_open = 0;
		}
		if (k == start && !is_open) {
			dm_buf_add(out, text + off, (size_t)(first - off));
			dm_buf_puts(out, open);
			off = first;
			is_open = 1;
		}
		if (k == end) {
			if (!is_open) {
				dm_buf_puts(out, open);
				is_open = 1;
			}
			dm_buf_add(out, text + off, (size_t)(after - off));
			off = after;
			next_run(in, n_in, &next, &start, &end);
		}
		if (k == to) {
			if (is_open) {
				if (start >= 0 && k >= start) {
					dm_buf_add(out, text + off, (size_t)(after - off));
					off = after;
				}
				dm_buf_puts(out, close);
				is_open = 0;
			}
			dm_buf_add(out, text + off, (size_t)(after - off));
			off = after;
		}
	}
	if (is_open)
		dm_buf_puts(out, close);
	if (to >= (int64_t)c->n - 1)
		dm_buf_add(out, text + off, (size_t)(n - off));
	else
		dm_buf_puts(out, ELLIPSIS);
}

/* Where M's phrases are in C's tokens, in the order FTS5 gives them (by
 * token, then by phrase), into *IN (malloc'd); how many, or -1. */
static long find(const cut *c, const dm_marks *m, inst **in)
{
	size_t n = 0, cap = 0;
	*in = NULL;
	for (size_t k = 0; k < c->n; k++)
		for (int p = 0; p < m->n; p++) {
			size_t size = (size_t)(m->first[p + 1] - m->first[p]), j = 0;
			while (j < size && k + j < c->n && c->is[k + j] >> (m->first[p] + (int)j) & 1)
				j++;
			if (j < size)
				continue;
			if (dm_reserve(in, &cap, n, sizeof **in)) {
				free(*in);
				return -1;
			}
			(*in)[n++] = (inst){(uint32_t)k, (uint16_t)p, (uint16_t)size};
		}
	return (long)n;
}

char *dm_snippet(dm_store *s, sqlite3_int64 id, const uint32_t *at, size_t n, const dm_marks *m, const char *open,
                 const char *close)
{
	static const char sql[] = "SELECT content FROM statements WHERE id = ?1";
	sqlite3_stmt *q;
	if (dm_store_tokenizer(s) || dm_query(s, sql, &q) != SQLITE_OK)
		return NULL;
	sqlite3_bind_int64(q, 1, id);
	char *made = NULL;
	cut c = {.m = at ? NULL : m};
	inst *in = NULL;
	if (sqlite3_step(q) == SQLITE_ROW) {
		const char *text = dm_col(q, 0);
		int len = sqlite3_column_bytes(q, 0);
		long n_in = -1;
		if (s->tokenizer.xTokenize(s->tokens, &c, FTS5_TOKENIZE_AUX, text, len, add_token) == SQLITE_OK &&
		    !c.failed) {
			if (!at) {
				n_in = find(&c, m, &in);
			} else if ((in = malloc((n ? n : 1) * sizeof *in)) != NULL) {
				for (size_t i = 0; i < n; i++)
					in[i] = (inst){at[i], 0, 1};
				n_in = (long)n;
			}
		}
		if (n_in >= 0) {
			dm_buf out = {0};
			print(text, len, &c, best_window(text, &c, in, (size_t)n_in), in, (size_t)n_in, open, close,
			      &out);
			made = out.failed ? NULL : dm_buf_detach(&out);
			dm_buf_free(&out);
		}
	}
	dm_query_done(s, q);
	free(c.at);
	free(c.is);
	free(in);
	return made;
}

void dm_snip(dm_store *s, const dm_marks *m, const char *open, const char *close, dm_hit *out, size_t n)
{
	int every = 1;
	for (size_t i = 0; every && i < n; i++)
		every = (out[i].snippet = dm_snippet(s, out[i].id, NULL, 0, m, open, close)) != NULL;
	for (size_t i = 0; !every && i < n; i++) {
		free(out[i].snippet);
		out[i].snippet = NULL;
	}
}

/* ---- what to mark ---- */

/* Adds the term TOKEN[N] to the phrase M is making. */
static int add_term(void *ctx, int flags, const char *token, int n, int start, int end)
{
	(void)start;
	(void)end;
	dm_marks *m = ctx;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	int t = m->first[m->n + 1];
	if (t >= DM_MARK_TERMS || n <= 0 || (size_t)n > sizeof m->text - m->used)
		return SQLITE_ERROR; /* more than a snippet marks */
	m->term[t] = (uint16_t)m->used;
	m->len[t] = (uint16_t)n;
	memcpy(m->text + m->used, token, (size_t)n);
	m->used += (size_t)n;
	m->first[m->n + 1]++;
	return SQLITE_OK;
}

/* The phrase TEXT[N] (the string's inside, its quotes not doubled) added
 * to M, a prefix when PREFIX; 0, or -1 when it makes no term or too
 * many. */
static int add_phrase(dm_store *s, dm_marks *m, const char *text, size_t n, int prefix)
{
	if (m->n >= DM_MARK_PHRASES || dm_store_tokenizer(s))
		return -1;
	m->first[m->n + 1] = m->first[m->n];
	m->prefix[m->n] = (unsigned char)prefix;
	int flags = FTS5_TOKENIZE_QUERY | (prefix ? FTS5_TOKENIZE_PREFIX : 0);
	if (s->tokenizer.xTokenize(s->tokens, m, flags, text, (int)n, add_term) != SQLITE_OK)
		return -1;
	int terms = m->first[m->n + 1] - m->first[m->n];
	if (terms == 0 || (prefix && terms > 1))
		return -1; /* FTS5's own rules for these, not followed here */
	m->n++;
	return 0;
}

int dm_marks_of(dm_store *s, const char *fts, dm_marks *m)
{
	memset(m, 0, sizeof *m);
	for (const char *p = fts;;) {
		/* "a phrase" or "a prefix" *, then " AND " or the end */
		const char *end = *p == '"' ? strchr(p + 1, '"') : NULL;
		if (!end || end[1] == '"')
			return 0;
		int prefix = !strncmp(end + 1, " *", 2);
		if (add_phrase(s, m, p + 1, (size_t)(end - p - 1), prefix))
			return 0;
		p = end + 1 + (prefix ? 2 : 0);
		if (!*p)
			return 1;
		if (strncmp(p, " AND ", 5))
			return 0;
		p += 5;
	}
}

void dm_snip_term(dm_store *s, const char *term, int whole, const char *open, const char *close, dm_hit *out, size_t n)
{
	dm_marks m = {.n = 1, .first = {0, 1}, .prefix = {(unsigned char)!whole}};
	size_t len = strlen(term);
	if (len > sizeof m.text)
		return;
	memcpy(m.text, term, len);
	m.len[0] = (uint16_t)len;
	m.used = len;
	dm_snip(s, &m, open, close, out, n);
}
