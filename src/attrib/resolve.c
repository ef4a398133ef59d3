/*
 * Coreference, as far as attribution needs it.  Within one document each
 * source is resolved to the fullest name of the person it refers to:
 *   a full name stands for itself;
 *   a surname is the full name that ends with it, among the sources first
 *   and then among the names written anywhere in the article;
 *   "he" or "she" is the last person quoted;
 *   a title ("the presidential aide") is the person who was given that
 *   title, or else the last person quoted;
 *   a description of an organisation ("the ministry") is the last named
 *   organisation whose name ends in that word;
 *   a quotation with no cue goes on the previous speaker's.
 */
#include <string.h>

#include "internal.h"
#include "util/utf8.h"

#define MAX_PERSONS 64

typedef struct person {
	dm_range name;
	dm_range source; /* the phrase the name came in, for its titles */
} person;

static int same_tokens(const dm_text *t, uint32_t a, uint32_t b)
{
	const dm_tok *x = &t->toks[a], *y = &t->toks[b];
	return x->end - x->start == y->end - y->start &&
	       memcmp(t->raw + x->start, t->raw + y->start, x->end - x->start) == 0;
}

static char *range_text(const dm_text *t, dm_arena *a, dm_range r)
{
	if (r.last <= r.first)
		return NULL;
	return dm_arena_strndup(a, t->raw + t->toks[r.first].start, t->toks[r.last - 1].end - t->toks[r.first].start);
}

/* Does the source phrase of P contain the word at token W (any case)? */
static int has_title_word(const dm_text *t, const person *p, uint32_t w)
{
	for (uint32_t i = p->source.first; i < p->source.last; i++) {
		if (i >= p->name.first && i < p->name.last)
			continue;
		const dm_tok *x = &t->toks[i], *y = &t->toks[w];
		if (x->end - x->start != y->end - y->start)
			continue;
		size_t n = x->end - x->start, j = 0;
		while (j < n && (t->raw[x->start + j] | 32) == (t->raw[y->start + j] | 32))
			j++;
		if (j == n)
			return 1;
	}
	return 0;
}

static int name_word(const dm_text *t, uint32_t i)
{
	const dm_tok *k = &t->toks[i];
	return (k->flags & TK_CAP) && !(k->flags & TK_NUM) && k->quote < 0 && !dm_tok_in(t, i, &dm_lex_roles) &&
	       !dm_tok_in(t, i, &dm_lex_orgs) && !dm_tok_in(t, i, &dm_lex_function) && !dm_tok_eq(t, i, "the");
}

/* Names of two to four capitalised words anywhere in the body: "Ola Berg
 * spoke ..." lets a later "Berg said" resolve. */
static size_t names_in_text(const dm_text *t, person *out, size_t max)
{
	size_t n = 0;
	for (size_t p = 0; p < t->n_paras && n < max; p++) {
		const dm_para *para = &t->paras[p];
		if (para->kind != PARA_BODY && para->kind != PARA_TITLE)
			continue;
		for (uint32_t i = para->tok_start; i < para->tok_end && n < max;) {
			if (!name_word(t, i)) {
				i++;
				continue;
			}
			uint32_t s = i;
			while (i < para->tok_end && name_word(t, i) && i - s < 5)
				i++;
			if (i - s >= 2 && i - s <= 4 && !(i < para->tok_end && (t->toks[i].flags & TK_POSS)))
				out[n++] = (person){{s, i}, {s, i}};
		}
	}
	return n;
}

/* Does NAME end with the word W (any case), as a whole word? */
static int ends_with_word(const char *name, const char *w, size_t n)
{
	size_t len = strlen(name);
	if (len < n || (len > n && name[len - n - 1] != ' '))
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((name[len - n + i] | 32) != (w[i] | 32))
			return 0;
	return len > n; /* a longer name, not the same word again */
}

void dm_resolve(const dm_text *t, dm_arena *a, dm_cand *cands, size_t n)
{
	person persons[MAX_PERSONS];
	size_t np = 0;
	for (size_t i = 0; i < n && np < MAX_PERSONS; i++) {
		dm_cand *c = &cands[i];
		if (c->type == DM_PERSON && c->name.last - c->name.first >= 2)
			persons[np++] = (person){c->name, c->source};
	}
	size_t n_sources = np;
	np += names_in_text(t, persons + np, MAX_PERSONS - np);
	const char *last_person = NULL, *last_speaker = NULL;
	dm_speaker_type last_type = DM_UNKNOWN;
	size_t last_person_idx = MAX_PERSONS;
	for (size_t i = 0; i < n; i++) {
		dm_cand *c = &cands[i];
		if (c->continued) {
			c->speaker = last_speaker;
			c->type = last_type;
			continue;
		}
		size_t len = c->name.last - c->name.first;
		if (len >= 2) {
			c->speaker = range_text(t, a, c->name);
			for (size_t p = 0; p < np; p++)
				if (persons[p].name.first == c->name.first)
					last_person_idx = p;
		} else if (len == 1) {
			/* A surname: the full name ending in it, the latest source
			 * first, then the first name written in the text. */
			size_t hit = np;
			for (size_t p = 0; p < n_sources; p++)
				if (same_tokens(t, persons[p].name.last - 1, c->name.first))
					hit = p;
			for (size_t p = n_sources; p < np && hit == np; p++)
				if (same_tokens(t, persons[p].name.last - 1, c->name.first))
					hit = p;
			if (hit < np) {
				c->speaker = range_text(t, a, persons[hit].name);
				c->type = DM_PERSON;
				last_person_idx = hit;
			} else {
				c->speaker = range_text(t, a, c->name);
			}
		} else if (c->pronoun == 'p') {
			c->speaker = last_person;
		} else if (c->type == DM_PERSON && c->source.last > c->source.first) {
			/* A title: whom was it given to? */
			uint32_t head = c->source.last - 1;
			size_t hit = np;
			if (last_person_idx < np && has_title_word(t, &persons[last_person_idx], head))
				hit = last_person_idx;
			for (size_t p = 0; p < np && hit == np; p++)
				if (has_title_word(t, &persons[p], head))
					hit = p;
			if (hit < np) {
				c->speaker = range_text(t, a, persons[hit].name);
				last_person_idx = hit;
			} else {
				c->speaker = last_person;
			}
		} else if (c->type == DM_ORGANIZATION) {
			dm_range r = c->source;
			while (r.first < r.last &&
			       (dm_tok_eq(t, r.first, "the") || !(t->toks[r.first].flags & TK_WORD)))
				r.first++;
			c->speaker = range_text(t, a, r);
			/* "the ministry": the last organisation named "... Ministry";
			 * not "Ada Lind's campaign", whose owner says whose it is */
			int owned = 0;
			for (uint32_t j = r.first; j < r.last; j++)
				owned |= dm_tok_possessive(t, j);
			for (size_t k = i; k-- > 0 && r.last > r.first && !owned;) {
				const dm_cand *o = &cands[k];
				if (o->type != DM_ORGANIZATION || !o->speaker || o->source.last <= o->source.first)
					continue;
				if (ends_with_word(o->speaker, t->raw + t->toks[r.last - 1].start,
				                   t->toks[r.last - 1].end - t->toks[r.last - 1].start)) {
					c->speaker = o->speaker;
					break;
				}
			}
		}
		/* An unresolved source ("we") does not break the thread of who
		 * is speaking. */
		if (c->speaker && c->type == DM_PERSON)
			last_person = c->speaker;
		if (c->speaker) {
			last_speaker = c->speaker;
			last_type = (dm_speaker_type)c->type;
		}
	}
}
