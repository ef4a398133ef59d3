/*
 * Roles: the titles a document gives the people it quotes.  A title is
 * read where news writes it: before a name ("Presidential aide Hikmat
 * Hajiyev"), in an apposition after it ("Hikmet Hajiyev, Assistant to the
 * President, said"), and as the whole source when the title stands for
 * the person ("the community head said", once resolved).  A phrase is a
 * title only if it holds a word of the roles list; a form of address
 * ("Mr.") alone is not one.  Cross-document linking compares them (a
 * minister and a footballer of one name are two people) and they make a
 * speaker's roles over time.
 */
#include <string.h>
#include <strings.h>

#include "internal.h"
#include "util/bits.h"

#define MAX_ROLES 64
#define MAX_NAMES 64
#define MAX_TITLE 20 /* tokens */

typedef struct roles {
	const dm_text *t;
	dm_arena *a;
	dm_role *v;
	size_t n;
} roles;

static int role_word(const dm_text *t, uint32_t i)
{
	const dm_tok *k = &t->toks[i];
	return dm_tok_in(t, i, &dm_lex_roles) && t->raw[k->end - 1] != '.';
}

/* Add the title in tokens [first, last) of SPEAKER, trimmed of articles and
 * punctuation, once per speaker. */
static void add(roles *r, const char *speaker, uint32_t first, uint32_t last)
{
	const dm_text *t = r->t;
	while (first < last && (!(t->toks[first].flags & TK_WORD) || dm_tok_in(t, first, &dm_lex_articles)))
		first++;
	while (last > first && !(t->toks[last - 1].flags & TK_WORD))
		last--;
	if (last <= first || last - first > MAX_TITLE || r->n == MAX_ROLES)
		return;
	int has_role = 0;
	for (uint32_t i = first; i < last; i++) {
		if (t->toks[i].quote >= 0)
			return;
		has_role |= role_word(t, i);
	}
	if (!has_role)
		return;
	const char *s = t->raw + t->toks[first].start;
	size_t len = t->toks[last - 1].end - t->toks[first].start;
	for (size_t k = 0; k < r->n; k++)
		if (!strcmp(r->v[k].speaker, speaker) && strlen(r->v[k].title) == len &&
		    !strncasecmp(r->v[k].title, s, len))
			return;
	char *title = dm_arena_strndup(r->a, s, len);
	if (title)
		r->v[r->n++] = (dm_role){speaker, title};
}

/* The segments between commas of [first, last), each a title. */
static void add_segments(roles *r, const char *speaker, uint32_t first, uint32_t last)
{
	for (uint32_t s = first; s < last;) {
		uint32_t e = s;
		while (e < last && !dm_tok_is(r->t, e, ','))
			e++;
		add(r, speaker, s, e);
		s = e + 1;
	}
}

static int same_name(const dm_text *t, uint32_t at, uint32_t limit, dm_range name)
{
	uint32_t n = name.last - name.first;
	if (at + n > limit)
		return 0;
	for (uint32_t k = 0; k < n; k++) {
		const dm_tok *x = &t->toks[at + k], *y = &t->toks[name.first + k];
		if (x->end - x->start != y->end - y->start ||
		    memcmp(t->raw + x->start, t->raw + y->start, x->end - x->start))
			return 0;
	}
	return 1;
}

/* A key of token I's bytes, 0 to 255: equal bytes, equal keys. */
static unsigned bytes_key(const dm_text *t, uint32_t i)
{
	const dm_tok *k = &t->toks[i];
	return ((k->end - k->start) * 31u + (unsigned char)t->raw[k->start] + 7u * (unsigned char)t->raw[k->end - 1]) &
	       255;
}

/* Titles around the name at [s, e) of sentence SN. */
static void around(roles *r, const dm_sent *sn, uint32_t s, uint32_t e, const char *speaker)
{
	const dm_text *t = r->t;
	/* before: a run of title words and capitalised words ("Presidential
	 * aide", "Head of the Presidential Administration") ending at the name */
	uint32_t b = s;
	while (b > sn->tok_start) {
		uint32_t i = b - 1;
		const dm_tok *k = &t->toks[i];
		int word = (k->flags & TK_WORD) && k->quote < 0 && !dm_tok_in(t, i, &dm_lex_function);
		if (!word || !(role_word(t, i) || (k->flags & TK_CAP) || dm_tok_in(t, i, &dm_lex_nameparts)))
			break;
		b = i;
	}
	while (b < s && dm_tok_in(t, b, &dm_lex_nameparts))
		b++;
	if (b < s && (role_word(t, s - 1) || (t->toks[s - 1].flags & TK_CAP)))
		add(r, speaker, b, s);
	/* after: ", Assistant to the President, Head of ..., said" */
	if (e < sn->tok_end && dm_tok_is(t, e, ',')) {
		uint32_t f = e + 1, l = f;
		while (l < sn->tok_end && l - f <= 3 * MAX_TITLE && !dm_tok_is(t, l, ';') && t->toks[l].quote < 0 &&
		       !(t->toks[l].flags & TK_QUOTE))
			l++;
		/* each comma-separated segment, as long as each is a title */
		for (uint32_t x = f; x < l;) {
			uint32_t y = x;
			while (y < l && !dm_tok_is(t, y, ','))
				y++;
			uint32_t w = x;
			while (w < y && dm_tok_in(t, w, &dm_lex_articles))
				w++;
			if (w == y || !(role_word(t, w) || (t->toks[w].flags & TK_CAP)) || (y == l && l < sn->tok_end))
				break; /* not a title, or not closed by a comma or the sentence's end */
			size_t before = r->n;
			add(r, speaker, x, y);
			if (r->n == before)
				break;
			x = y + 1;
		}
	}
}

size_t dm_find_roles(const dm_text *t, dm_arena *a, const dm_cand *cands, size_t n, dm_role **out)
{
	dm_role *v = dm_arena_alloc(a, MAX_ROLES * sizeof *v);
	*out = v;
	if (!v)
		return 0;
	roles r = {t, a, v, 0};
	/* the names of the people quoted, and titles standing for them */
	dm_range names[MAX_NAMES];
	const char *who[MAX_NAMES];
	size_t nn = 0;
	for (size_t i = 0; i < n; i++) {
		const dm_cand *c = &cands[i];
		if (!c->speaker || c->type != DM_PERSON || c->continued || c->pronoun)
			continue;
		if (c->name.last - c->name.first >= 2) {
			size_t k = 0;
			while (k < nn && !same_name(t, names[k].first, names[k].last, c->name))
				k++;
			if (k == nn && nn < MAX_NAMES) {
				names[nn] = c->name;
				who[nn++] = c->speaker;
			}
		} else if (c->name.last == c->name.first) {
			add_segments(&r, c->speaker, c->source.first, c->source.last);
		}
	}
	/* A word is compared with the names only when the names' first words
	 * have its bytes' key: most capitalised words begin no name. */
	uint64_t firsts[4] = {0};
	for (size_t k = 0; k < nn; k++) {
		unsigned key = bytes_key(t, names[k].first);
		dm_bits_add(firsts, key);
	}
	for (size_t si = 0; si < t->n_sents && nn; si++) {
		const dm_sent *sn = &t->sents[si];
		uint8_t kind = t->paras[sn->para].kind;
		if (kind != PARA_BODY && kind != PARA_TITLE)
			continue;
		for (uint32_t i = sn->tok_start; i < sn->tok_end; i++) {
			if (!(t->toks[i].flags & TK_CAP)) /* names are capitalised */
				continue;
			unsigned key = bytes_key(t, i);
			for (size_t k = 0; k < nn && dm_bits_has(firsts, key); k++)
				if (same_name(t, i, sn->tok_end, names[k])) {
					uint32_t e = i + names[k].last - names[k].first;
					around(&r, sn, i, e, who[k]);
					i = e - 1;
					break;
				}
		}
	}
	return r.n;
}
