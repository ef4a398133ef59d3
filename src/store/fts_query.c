/*
 * A search as people type it, made into an FTS5 query that cannot fail to
 * parse.  FTS5's own syntax reads "Nagorno-Karabakh" as a column filter,
 * "Trump's" and "U.S." as syntax errors and a leading NOT as one too; a
 * newsroom types all of these.  So every word becomes an FTS5 string
 * ("Nagorno-Karabakh" in quotes), which the index's tokenizer splits into
 * the phrase it indexed (nagorno karabakh), and only what is written as an
 * operator is one:
 *
 *   "a phrase"         a phrase (also between curly quotes)
 *   AND  OR  NOT       in capitals, with something to join on each side
 *   NEAR(a b, N)       words within N of each other
 *   word*              a prefix
 *   speaker:word       a column filter, for the index's columns only
 *   ( ... )            a group; an unmatched bracket is ignored
 *
 * Anything else is a word: "NOT trump" looks for both words, "Clinton:"
 * for Clinton.  The work is linear in the query's length.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

#define MAX_DEPTH 16

typedef struct parser {
	const char *p, *end;
	int near; /* inside NEAR(...), where a comma ends a word */
} parser;

/* Curly double quotes open and close phrases as the straight one does. */
static size_t quote_at(const char *p, const char *end)
{
	if (p >= end)
		return 0;
	if (*p == '"')
		return 1;
	static const char *const curly[] = {"\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x9e"}; /* “ ” „ */
	for (size_t i = 0; i < sizeof curly / sizeof *curly; i++)
		if (end - p >= 3 && !memcmp(p, curly[i], 3))
			return 3;
	return 0;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Where a bare word at P ends: at a space, a bracket or a quote (in a
 * NEAR group, a comma too). */
static const char *word_end(const parser *x, const char *p)
{
	while (p < x->end && !is_space(*p) && *p != '(' && *p != ')' && !quote_at(p, x->end) && !(x->near && *p == ','))
		p++;
	return p;
}

/* TEXT as an FTS5 string: in double quotes, its own doubled. */
static void put_string(dm_buf *out, const char *text, size_t len)
{
	dm_buf_putc(out, '"');
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '"')
			dm_buf_putc(out, '"');
		dm_buf_putc(out, text[i]);
	}
	dm_buf_putc(out, '"');
}

/* One item of a sequence: an operand, or a word that may be an operator. */
typedef enum { OPERAND, OPERATOR, CLOSE, END } item;

static void skip_space(parser *x)
{
	while (x->p < x->end && is_space(*x->p))
		x->p++;
}

static int is_operator(const char *w, size_t n)
{
	return (n == 3 && (!memcmp(w, "AND", 3) || !memcmp(w, "NOT", 3))) || (n == 2 && !memcmp(w, "OR", 2));
}

/* The index's columns, which a "column:" prefix may name, before a word
 * or a phrase (the word W of N bytes ends at END). */
static size_t column_prefix(const char *w, size_t n, const char *end)
{
	static const char *const columns[] = {"content", "speaker"};
	for (size_t i = 0; i < sizeof columns / sizeof *columns; i++) {
		size_t k = strlen(columns[i]);
		if (n >= k + 1 && w[k] == ':' && !strncasecmp(w, columns[i], k) && (n > k + 1 || quote_at(w + n, end)))
			return k + 1;
	}
	return 0;
}

/* A quoted phrase at x->p (after its opening quote), to the next quote
 * or the end. */
static void phrase(parser *x, dm_buf *out)
{
	const char *start = x->p;
	while (x->p < x->end && !quote_at(x->p, x->end))
		x->p++;
	put_string(out, start, (size_t)(x->p - start));
	if (x->p < x->end)
		x->p += quote_at(x->p, x->end);
}

/* A word (with its prefix star) or a phrase at x->p into OUT; 0 when
 * there is none there. */
static int word_or_phrase(parser *x, dm_buf *out)
{
	size_t q = quote_at(x->p, x->end);
	if (q) {
		x->p += q;
		phrase(x, out);
		return 1;
	}
	const char *w = x->p, *e = word_end(x, x->p);
	if (e == w)
		return 0;
	x->p = e;
	size_t n = (size_t)(e - w);
	int prefix = 0;
	while (n > 0 && w[n - 1] == '*') {
		n--;
		prefix = 1;
	}
	if (n == 0)
		return 0;
	put_string(out, w, n);
	if (prefix)
		dm_buf_puts(out, " *");
	return 1;
}

/* NEAR(...) after its bracket: words and phrases, and ", N" */
static void near_group(parser *x, dm_buf *out)
{
	dm_buf inner = {0};
	long distance = -1;
	int phrases = 0;
	x->near = 1;
	for (;;) {
		skip_space(x);
		if (x->p >= x->end)
			break;
		if (*x->p == ')') {
			x->p++;
			break;
		}
		if (*x->p == ',') {
			char *e;
			long d = strtol(x->p + 1, &e, 10);
			if (e > x->p + 1 && d >= 0 && d < 100000)
				distance = d;
			x->p = e > x->p + 1 ? e : x->p + 1;
			continue;
		}
		if (*x->p == '(') {
			x->p++;
			continue;
		}
		if (phrases)
			dm_buf_putc(&inner, ' ');
		if (word_or_phrase(x, &inner))
			phrases++;
	}
	x->near = 0;
	if (phrases) {
		dm_buf_puts(out, "NEAR(");
		dm_buf_add(out, inner.data, inner.len);
		if (distance >= 0) {
			char n[32];
			snprintf(n, sizeof n, ", %ld", distance);
			dm_buf_puts(out, n);
		}
		dm_buf_putc(out, ')');
	}
	dm_buf_free(&inner);
}

static int sequence(parser *x, dm_buf *out, int depth);

/* The next item at x->p: an operand written into OPERAND_TEXT, a
 * candidate operator (its word in *W, *N), a closing bracket, or the end. */
static item next_item(parser *x, dm_buf *operand_text, const char **w, size_t *n, int depth)
{
	for (;;) {
		skip_space(x);
		if (x->p >= x->end)
			return END;
		if (*x->p == ')') {
			x->p++;
			if (depth > 0)
				return CLOSE;
			continue; /* a bracket never opened */
		}
		if (*x->p == '(' && depth >= MAX_DEPTH) {
			x->p++; /* deeper groups only group what is grouped already */
			continue;
		}
		if (*x->p == '(') {
			x->p++;
			dm_buf group = {0};
			int operands = sequence(x, &group, depth + 1);
			if (operands) {
				dm_buf_putc(operand_text, '(');
				dm_buf_add(operand_text, group.data, group.len);
				dm_buf_putc(operand_text, ')');
			}
			dm_buf_free(&group);
			if (operands)
				return OPERAND;
			continue;
		}
		const char *e = quote_at(x->p, x->end) ? x->p : word_end(x, x->p);
		*w = x->p;
		*n = (size_t)(e - x->p);
		if (*n == 4 && !memcmp(x->p, "NEAR", 4) && e < x->end && *e == '(') {
			x->p = e + 1;
			near_group(x, operand_text);
			if (operand_text->len)
				return OPERAND;
			continue;
		}
		if (is_operator(x->p, *n)) {
			x->p = e;
			return OPERATOR;
		}
		size_t col = *n ? column_prefix(x->p, *n, x->end) : 0;
		if (col) {
			dm_buf_add(operand_text, x->p, col - 1);
			dm_buf_puts(operand_text, " : ");
			x->p += col;
		}
		if (word_or_phrase(x, operand_text))
			return OPERAND;
		operand_text->len = 0;
	}
}

/* Operands and operators up to a closing bracket at DEPTH (or the end)
 * into OUT; returns the number of operands.  An operator stays one only
 * with an operand on each side; otherwise it is a word. */
static int sequence(parser *x, dm_buf *out, int depth)
{
	int operands = 0;
	const char *pending = NULL; /* an operator waiting for its right side */
	size_t pending_n = 0;
	dm_buf text = {0};
	for (;;) {
		const char *w = NULL;
		size_t n = 0;
		dm_buf_reset(&text);
		item it = next_item(x, &text, &w, &n, depth);
		if (it == CLOSE || it == END)
			break;
		if (it == OPERATOR) {
			if (pending) { /* two in a row: the first was a word */
				dm_buf_puts(out, " AND ");
				put_string(out, pending, pending_n);
				operands++;
				pending = NULL;
			}
			if (operands) {
				pending = w;
				pending_n = n;
			} else { /* nothing on its left: a word */
				put_string(out, w, n);
				operands++;
			}
			continue;
		}
		if (pending) {
			dm_buf_putc(out, ' ');
			dm_buf_add(out, pending, pending_n);
			dm_buf_putc(out, ' ');
			pending = NULL;
		} else if (operands) {
			dm_buf_puts(out, " AND "); /* FTS5 allows no implicit AND after a group or a NEAR */
		}
		dm_buf_add(out, text.data, text.len);
		operands++;
	}
	if (pending) { /* nothing on its right: a word */
		dm_buf_puts(out, " AND ");
		put_string(out, pending, pending_n);
		operands++;
	}
	dm_buf_free(&text);
	return operands;
}

char *dm_fts_query(const char *query)
{
	dm_buf out = {0};
	parser x = {query, query + strlen(query), 0};
	sequence(&x, &out, 0);
	if (!out.data)
		dm_buf_puts(&out, "");
	return dm_buf_finish(&out);
}
