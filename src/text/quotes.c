/*
 * Pairing quotation marks.  Real text mixes “curly”, "straight" and
 * «guillemet» marks, closes a curly opener with a straight mark, and runs
 * one quotation over several paragraphs, where each new paragraph opens
 * again and only the last one closes.  A quotation open at the end of a
 * paragraph goes on into the next one when that one starts with an opening
 * mark, or when its first mark can only close; otherwise it ends with its
 * paragraph.  Single marks pair only inside one paragraph and outside
 * double quotes, since most of them are apostrophes.  The last step of
 * dm_text_analyse (clean.c), once every paragraph's kind is known.
 */
#include <stdlib.h>

#include "text.h"
#include "util/vec.h"

static int push(dm_quote **qs, size_t *n, size_t *cap, uint32_t open)
{
	if (dm_reserve(qs, cap, *n, sizeof **qs))
		return -1;
	(*qs)[(*n)++] = (dm_quote){open, UINT32_MAX, open + 1, open + 1};
	return 0;
}

static int analysed(const dm_para *p)
{
	return p->kind == PARA_BODY || p->kind == PARA_TITLE;
}

/* Does paragraph P carry on a quotation left open before it? */
static int continues(const dm_text *t, const dm_para *p, uint32_t *marker)
{
	*marker = UINT32_MAX;
	if (p->tok_start == p->tok_end)
		return 0;
	const dm_tok *first = &t->toks[p->tok_start];
	if ((first->flags & TK_QUOTE) && !first->single && first->qmark != QM_CLOSE) {
		*marker = p->tok_start;
		return 1;
	}
	for (uint32_t i = p->tok_start; i < p->tok_end; i++) {
		const dm_tok *k = &t->toks[i];
		if ((k->flags & TK_QUOTE) && !k->single)
			return k->qmark == QM_CLOSE;
	}
	return 0;
}

static void fill(dm_text *t, const dm_quote *q, int32_t idx, uint32_t end)
{
	for (uint32_t i = q->open; i < end && i < t->n_toks; i++)
		t->toks[i].quote = idx;
}

/* Single-mark pairs ‘like this’ inside one paragraph, outside double quotes. */
static int pair_singles(dm_text *t, const dm_para *p, dm_quote **qs, size_t *n, size_t *cap)
{
	for (uint32_t i = p->tok_start; i < p->tok_end; i++) {
		dm_tok *k = &t->toks[i];
		if (!(k->flags & TK_QUOTE) || !k->single || k->quote >= 0 || k->qmark != QM_OPEN)
			continue;
		for (uint32_t j = i + 1; j < p->tok_end && j < i + 60; j++) {
			dm_tok *c = &t->toks[j];
			if (c->quote >= 0)
				break;
			if ((c->flags & TK_QUOTE) && c->single && c->qmark == QM_CLOSE) {
				if (push(qs, n, cap, i))
					return -1;
				dm_quote *q = &(*qs)[*n - 1];
				q->close = j;
				q->last = j;
				fill(t, q, (int32_t)(*n - 1), j + 1);
				i = j;
				break;
			}
		}
	}
	return 0;
}

/* Pair the quotation marks of body and title paragraphs into t->quotes
 * and set each token's .quote.  Once, on freshly segmented tokens (all
 * .quote -1).  Returns -1 on no memory. */
int dm_find_quotes(dm_text *t)
{
	dm_quote *qs = NULL;
	size_t n = 0, cap = 0;
	long open = -1;        /* index in qs of the quotation open now */
	uint32_t prev_end = 0; /* token end of the last analysed paragraph */
	for (size_t pi = 0; pi < t->n_paras; pi++) {
		const dm_para *p = &t->paras[pi];
		if (!analysed(p))
			continue;
		uint32_t skip = UINT32_MAX;
		if (open >= 0) {
			if (!(p->kind == PARA_BODY && continues(t, p, &skip))) {
				qs[open].last = prev_end;
				open = -1;
			}
		}
		for (uint32_t i = p->tok_start; i < p->tok_end; i++) {
			dm_tok *k = &t->toks[i];
			if (open >= 0)
				k->quote = (int32_t)open;
			if (!(k->flags & TK_QUOTE) || k->single || i == skip)
				continue;
			if (open < 0) {
				if (k->qmark == QM_CLOSE)
					continue; /* a stray closing mark */
				if (push(&qs, &n, &cap, i)) {
					free(qs);
					return -1;
				}
				open = (long)(n - 1);
				k->quote = (int32_t)open;
			} else if (k->qmark == QM_OPEN && i > p->tok_start && t->toks[i - 1].end < k->start) {
				/* An opener after a space while open: the closing mark was
				 * lost; end there and start again. */
				qs[open].last = i;
				k->quote = -1;
				if (push(&qs, &n, &cap, i)) {
					free(qs);
					return -1;
				}
				open = (long)(n - 1);
				k->quote = (int32_t)open;
			} else {
				qs[open].close = i;
				qs[open].last = i;
				open = -1;
			}
		}
		if (open >= 0)
			qs[open].last = p->tok_end;
		prev_end = p->tok_end;
		/* A title stands alone: nothing runs out of it. */
		if (p->kind == PARA_TITLE && open >= 0)
			open = -1;
	}
	for (size_t pi = 0; pi < t->n_paras; pi++)
		if (analysed(&t->paras[pi]) && pair_singles(t, &t->paras[pi], &qs, &n, &cap)) {
			free(qs);
			return -1;
		}
	t->quotes = qs;
	t->n_quotes = n;
	return 0;
}
