/*
 * What a plain-text article carries besides its body: the date line and
 * byline at the top, the title, boilerplate from the page it was saved from,
 * an outlet's signature at the end, and paragraphs pasted twice.  Each is
 * marked on its paragraph; only PARA_BODY paragraphs make the cleaned text.
 */
#include <stdlib.h>
#include <string.h>

#include "lex/lexicon.h"
#include "text.h"
#include "util/utf8.h"

int dm_text_segment(dm_text *t); /* segment.c */
int dm_find_quotes(dm_text *t);  /* quotes.c */

#define META_LINES 3 /* metadata is looked for in this many first paragraphs */

static size_t para_words(const dm_text *t, const dm_para *p)
{
	size_t n = 0;
	for (uint32_t i = p->tok_start; i < p->tok_end; i++)
		n += (t->toks[i].flags & TK_WORD) != 0;
	return n;
}

/* "By Name Name and Name" from token I on; returns how many authors. */
static void read_byline(dm_text *t, const dm_para *p, uint32_t i, dm_arena *a)
{
	while (i < p->tok_end && t->n_authors < (int)(sizeof t->authors / sizeof *t->authors)) {
		uint32_t s = i;
		while (i < p->tok_end && (t->toks[i].flags & TK_CAP) && i - s < 4)
			i++;
		if (i - s < 1)
			break;
		t->authors[t->n_authors++] =
		    dm_arena_strndup(a, t->raw + t->toks[s].start, t->toks[i - 1].end - t->toks[s].start);
		if (i < p->tok_end && (dm_tok_eq(t, i, "and") || dm_tok_is(t, i, ',')))
			i++;
		else
			break;
	}
}

/* Date line and byline: " date 2020-05-14 By Akbar Mammadov". */
static void read_meta(dm_text *t, dm_para *p, dm_arena *a)
{
	int found = 0;
	size_t rest = 0; /* words that are neither date nor byline */
	for (uint32_t i = p->tok_start; i < p->tok_end; i++) {
		const dm_tok *k = &t->toks[i];
		int dateword = dm_tok_eq(t, i, "date") || dm_tok_eq(t, i, "published") || dm_tok_eq(t, i, "updated") ||
		               dm_tok_eq(t, i, "posted");
		size_t at = dateword && i + 1 < p->tok_end ? t->toks[i + 1].start : k->start;
		if (dateword && i + 1 < p->tok_end && dm_tok_is(t, i + 1, ':'))
			at = i + 2 < p->tok_end ? t->toks[i + 2].start : p->end;
		char d[11];
		size_t used = (dateword || i == p->tok_start) ? dm_parse_date(t->raw + at, p->end - at, d) : 0;
		if (used) {
			/* An "updated" stamp is not the publication date. */
			if (!t->date && !dm_tok_eq(t, i, "updated"))
				t->date = dm_arena_strdup(a, d);
			found = 1;
			while (i + 1 < p->tok_end && t->toks[i + 1].end <= at + used)
				i++;
			continue;
		}
		if (dm_tok_eq(t, i, "by") && (k->flags & TK_CAP) && i + 1 < p->tok_end &&
		    (t->toks[i + 1].flags & TK_CAP) && !t->n_authors) {
			read_byline(t, p, i + 1, a);
			found = 1;
			break;
		}
		if (k->flags & TK_WORD)
			rest++;
	}
	if (found && rest <= 6)
		p->kind = PARA_META;
}

static int is_widget(const dm_text *t, const dm_para *p)
{
	/* font-size controls: "+ ↺ − 16 px" */
	size_t words = 0;
	int px = 0;
	for (uint32_t i = p->tok_start; i < p->tok_end && words <= 2; i++) { /* past two words: text */
		if (dm_tok_eq(t, i, "px"))
			px = 1;
		else if (t->toks[i].flags & TK_WORD && !(t->toks[i].flags & TK_NUM))
			words++;
	}
	return px && words <= 2;
}

/* The boilerplate phrases of the lexicon, looked up once a document. */
typedef struct boiler {
	const char *const *starts, *const *phrases, *const *outlet;
	size_t n_starts, n_phrases, n_outlet;
} boiler;

static void boiler_init(boiler *b)
{
	b->starts = dm_lex_words(&dm_lex_boilerplate_starts, &b->n_starts);
	b->phrases = dm_lex_words(&dm_lex_boilerplate_phrases, &b->n_phrases);
	b->outlet = dm_lex_words(&dm_lex_outlet_phrases, &b->n_outlet);
}

static void mark_boilerplate(dm_text *t, dm_para *p, const boiler *b, dm_arena *a)
{
	enum { MAX_BOILER = 600 }; /* bytes: a longer paragraph is the article's */
	size_t n = p->end - p->start;
	if (n > MAX_BOILER)
		return;
	char low[MAX_BOILER + 1];
	dm_lower_ascii(t->raw + p->start, n, low);
	low[n] = 0;
	for (size_t i = 0; i < b->n_starts; i++) /* the first byte, then the rest */
		if (low[0] == b->starts[i][0] && strncmp(low, b->starts[i], strlen(b->starts[i])) == 0)
			p->kind = PARA_BOILER;
	for (size_t i = 0; i < b->n_phrases; i++)
		if (strstr(low, b->phrases[i]))
			p->kind = PARA_BOILER;
	/* "EU Reporter publishes articles from ...": the outlet speaks, and
	 * names itself before the space before the phrase. */
	for (size_t i = 0; i < b->n_outlet; i++) {
		const char *hit = strstr(low, b->outlet[i]);
		while (hit && (hit == low || hit[-1] != ' '))
			hit = strstr(hit + 1, b->outlet[i]);
		if (!hit)
			continue;
		p->kind = PARA_BOILER;
		if (!t->outlet && hit - 1 > low)
			t->outlet = dm_arena_strndup(a, t->raw + p->start, (size_t)(hit - 1 - low));
	}
	if (is_widget(t, p))
		p->kind = PARA_BOILER;
}

/* Two paragraphs are the same when their words are, but for a spelling
 * variant here and there (militarization / militarisation); a paragraph
 * pasted twice is a sentence, where a word or two repeated (the cells of
 * a table's row, "1" and "1") are no copy. */
static int same_words(const dm_text *t, const dm_para *a, const dm_para *b)
{
	size_t na = para_words(t, a), nb = para_words(t, b);
	if (na != nb || na < 3)
		return 0;
	size_t diff = 0, i = a->tok_start, j = b->tok_start;
	while (i < a->tok_end && j < b->tok_end) {
		if (!(t->toks[i].flags & TK_WORD)) {
			i++;
			continue;
		}
		if (!(t->toks[j].flags & TK_WORD)) {
			j++;
			continue;
		}
		const dm_tok *x = &t->toks[i++], *y = &t->toks[j++];
		size_t lx = x->end - x->start, ly = y->end - y->start;
		if (lx != ly)
			diff++;
		else
			for (size_t k = 0; k < lx; k++)
				if ((t->raw[x->start + k] | 32) != (t->raw[y->start + k] | 32)) {
					diff++;
					break;
				}
	}
	return diff == 0 || (na >= 6 && diff * 10 <= na + 9); /* one in ten, rounded up */
}

static int ends_sentence(const dm_text *t, const dm_para *p)
{
	uint32_t i = p->tok_end;
	while (i > p->tok_start && (t->toks[i - 1].flags & TK_QUOTE))
		i--;
	if (i == p->tok_start)
		return 0;
	char c = t->raw[t->toks[i - 1].start];
	return !(t->toks[i - 1].flags & TK_WORD) && (c == '.' || c == '!' || c == '?');
}

static void find_title(dm_text *t, dm_arena *a)
{
	size_t first = t->n_paras, next = t->n_paras;
	for (size_t i = 0; i < t->n_paras; i++) {
		if (t->paras[i].kind != PARA_BODY)
			continue;
		if (first == t->n_paras)
			first = i;
		else {
			next = i;
			break;
		}
	}
	if (next == t->n_paras)
		return;
	dm_para *p = &t->paras[first];
	size_t words = para_words(t, p), caps = 0;
	for (uint32_t i = p->tok_start; i < p->tok_end; i++)
		caps += (t->toks[i].flags & TK_CAP) != 0;
	if (words == 0 || words > 30 || p->end - p->start > 250)
		return;
	/* A headline has no final period, or capitalises most of its words. */
	if (ends_sentence(t, p) && caps * 5 < words * 3)
		return;
	p->kind = PARA_TITLE;
	t->title = dm_arena_strndup(a, t->raw + p->start, p->end - p->start);
}

static void find_signature(dm_text *t, dm_arena *a)
{
	size_t body = 0, last = t->n_paras;
	for (size_t i = 0; i < t->n_paras; i++)
		if (t->paras[i].kind == PARA_BODY) {
			body++;
			last = i;
		}
	if (body < 3)
		return;
	dm_para *p = &t->paras[last];
	size_t words = para_words(t, p);
	if (words == 0 || words > 3 || p->end - p->start > 40 || !(t->toks[p->tok_start].flags & TK_CAP) ||
	    ends_sentence(t, p))
		return;
	for (uint32_t i = p->tok_start; i < p->tok_end; i++)
		if (t->toks[i].flags & TK_QUOTE)
			return;
	p->kind = PARA_SIGNATURE;
	if (!t->outlet)
		t->outlet = dm_arena_strndup(a, t->raw + p->start, p->end - p->start);
}

int dm_text_analyse(dm_text *t, const char *raw, size_t len, dm_arena *arena)
{
	return dm_text_analyse_part(t, raw, len, DM_PART_HEAD | DM_PART_TAIL, arena);
}

int dm_text_analyse_part(dm_text *t, const char *raw, size_t len, int part, dm_arena *arena)
{
	memset(t, 0, sizeof *t);
	t->raw = raw;
	t->len = len;
	if (dm_text_segment(t))
		return -1;
	size_t seen = 0;
	for (size_t i = 0; i < t->n_paras && seen < META_LINES && (part & DM_PART_HEAD); i++, seen++)
		read_meta(t, &t->paras[i], arena);
	boiler b;
	boiler_init(&b);
	for (size_t i = 0; i < t->n_paras; i++)
		if (t->paras[i].kind == PARA_BODY)
			mark_boilerplate(t, &t->paras[i], &b, arena);
	size_t prev = t->n_paras;
	for (size_t i = 0; i < t->n_paras; i++) {
		if (t->paras[i].kind != PARA_BODY)
			continue;
		if (prev < t->n_paras && same_words(t, &t->paras[prev], &t->paras[i]))
			t->paras[i].kind = PARA_DUP;
		else
			prev = i;
	}
	if (part & DM_PART_HEAD)
		find_title(t, arena);
	if (part & DM_PART_TAIL)
		find_signature(t, arena);
	return dm_find_quotes(t);
}

void dm_text_clean(const dm_text *t, dm_buf *out, dm_piece *pieces, size_t *n_pieces)
{
	size_t n = 0;
	for (size_t i = 0; i < t->n_paras; i++) {
		const dm_para *p = &t->paras[i];
		if (p->kind != PARA_BODY)
			continue;
		if (out->len)
			dm_buf_add(out, "\n\n", 2);
		if (pieces)
			pieces[n++] = (dm_piece){p->start, (uint32_t)out->len, p->end - p->start, 0, 0};
		dm_buf_add(out, t->raw + p->start, p->end - p->start);
	}
	if (n_pieces)
		*n_pieces = n;
}
