/*
 * Coreference, as far as attribution needs it.  Within one document each
 * source is resolved to the fullest name of the person or organisation it
 * is, or stays unnamed when the article does not say who it is: a wrong
 * name is worse than none.
 *   Persons are names with evidence: a given name, a form of address or a
 *   capitalised title before it ("Mr. Berg", "President Berg"), a word of
 *   sex, a statement's source; a name holding a place, party, title or
 *   organisation word, or in capitals, is no person (but a transcript's
 *   label, "BERG:", is the person of that surname).
 *   A name a source's apposition shows to be an organisation's ("The group
 *   that owns her music, Big Machine, says") is one wherever it speaks,
 *   and no pronoun's antecedent.
 *   A name stands for itself; a single word that could be a common word, a
 *   nationality or a dateline names nobody.  A place that is the whole
 *   source speaks as its government ("China said"), and capitals before a
 *   word in lower case are an organisation's ("VW says").
 *   A surname is the one person of the article whose name ends in it
 *   ("Ada B. Lind" and "Ada Lind" are one); where two people share it, it
 *   stays as written.
 *   "He" or "she" ("his" or "her" owning a cue noun: "his claim that")
 *   is the subject of the sentence just before, if of that sex, whoever
 *   that sentence names in passing; else the most salient
 *   person of that sex mentioned before it (a subject, the last speaker,
 *   or a name in passing known to be of that sex), unless another person
 *   of that sex was named since; else nobody.
 *   "It" is the organisation that spoke last, if nobody spoke since and
 *   its sentence opens with no other name; "they" too, from the paragraph
 *   before at most, while no person has been named since.
 *   "The statement", "the report" is the document an earlier cue spoke of
 *   ("said in a statement"), its issuer's.
 *   A title ("the governor") is the person the article gave that title,
 *   before or, word for word, after ("China's ambassador to Britain ...
 *   China's ambassador to Britain Liu Xiaming"); an owner's title ("Ada
 *   Lind's lawyer") only so, but a place for owner is the title's own
 *   ("Austria's interior minister" ... "Interior Minister X").
 *   A description of an organisation ("the ministry", "the Times") is the
 *   last organisation that spoke under a name ending in that word.
 *   Anything else ("sources", "an insider", "officials", "the expert",
 *   "X's lawyer", "the city's police") is an unnamed source, however close
 *   a name stands.
 *   A quotation with no cue goes on the previous speaker's, in the next
 *   paragraph, or further on in an interview, while no one else is named.
 *   A participle with no source is the source's of its sentence's
 *   statement after it ("Claiming X, Ada Lind said Y") or, after a comma,
 *   before it ("the union called her a champion, citing her work").
 */
#include <stdlib.h>
#include <string.h>

#include "features.h"
#include "util/bits.h"
#include "util/utf8.h"

#define MAX_PERSONS 128
/* Named organisations a description ("the ministry") may stand for: the
 * latest ones (a bound, so that a long document stays linear). */
#define MAX_ORGS 32
/* How many paragraphs back a pronoun looks for its antecedent. */
#define PRONOUN_REACH 4
/* ... and how many back for the last person quoted: a run of "he said"
 * paragraphs keeps to one speaker. */
#define SPEAKER_REACH 12
#define MAX_SPOKEN    16
/* How many paragraphs on a quotation with no cue may still be the last
 * speaker's. */
#define CONTINUE_REACH 5

typedef struct person {
	dm_range name;
	dm_range source;          /* the phrase the name came in, with its titles */
	char gender;              /* 'm', 'f' or 0 */
	uint8_t known;            /* KNOWN_SURE: a person by a given name, a word of address or a statement's
	                             source; KNOWN_NAME: a name of nothing else (no place, organisation or title
	                             word in it), enough for a surname to stand for it */
	uint8_t only;             /* only_a_name(name), asked once */
	uint64_t first_h, last_h; /* tok_hash of the name's first and last words */
} person;

enum { KNOWN_NOT, KNOWN_NAME, KNOWN_SURE };

typedef struct mention {
	uint32_t tok;
	uint16_t who;    /* index in the persons */
	uint8_t subject; /* opens its sentence, or names a statement's source */
} mention;

typedef struct doc {
	const dm_text *t;
	const dm_tokinfo *ti; /* of each form (dm_ti); NULL without the models */
	dm_arena *a;
	person persons[MAX_PERSONS];
	size_t np, n_sources;
	mention *m;
	size_t nm;
	mention spoken[MAX_SPOKEN]; /* the persons statements were resolved to, latest last (a ring) */
	size_t n_spoken;
	uint64_t *proper; /* hashes of words capitalised inside sentences, sorted */
	size_t n_proper;
	int proper_done;
} doc;

/* A word's bytes, hashed (FNV-1a): compared before the bytes are. */
static uint64_t tok_hash(const dm_text *t, uint32_t i)
{
	uint64_t h = 1469598103934665603u;
	for (uint32_t j = t->toks[i].start; j < t->toks[i].end; j++)
		h = (h ^ (unsigned char)t->raw[j]) * 1099511628211u;
	return h;
}

static int same_tokens(const dm_text *t, uint32_t a, uint32_t b)
{
	const dm_tok *x = &t->toks[a], *y = &t->toks[b];
	return x->end - x->start == y->end - y->start &&
	       memcmp(t->raw + x->start, t->raw + y->start, x->end - x->start) == 0;
}

/* Is the word at A in capitals the word at B ("WALLACE", "Wallace")? */
static int shouted_as(const dm_text *t, uint32_t a, uint32_t b)
{
	const dm_tok *x = &t->toks[a], *y = &t->toks[b];
	if (x->end - x->start != y->end - y->start || x->end - x->start < 2)
		return 0;
	for (uint32_t j = 0; j < x->end - x->start; j++) {
		char c = t->raw[x->start + j];
		if ((c >= 'a' && c <= 'z') || (c | 32) != (t->raw[y->start + j] | 32))
			return 0;
	}
	return 1;
}

static int same_range(const dm_text *t, dm_range a, uint32_t at)
{
	for (uint32_t i = 0; i < a.last - a.first; i++)
		if (at + i >= t->n_toks || !same_tokens(t, a.first + i, at + i))
			return 0;
	return 1;
}

/* Are the names A and B the same words? */
static int same_name(const dm_text *t, dm_range a, dm_range b)
{
	return a.last - a.first == b.last - b.first && same_range(t, a, b.first);
}

/* Are persons A and B one, named alike, or but for the middle names or
 * initials one of them leaves out ("Ada B. Lind", "Ada Lind")? */
static int same_person(const doc *d, size_t a, size_t b)
{
	dm_range x = d->persons[a].name, y = d->persons[b].name;
	if (a == b || same_name(d->t, x, y))
		return 1;
	uint32_t nx = x.last - x.first, ny = y.last - y.first;
	return nx >= 2 && ny >= 2 && (nx == 2 || ny == 2) && same_tokens(d->t, x.first, y.first) &&
	       same_tokens(d->t, x.last - 1, y.last - 1);
}

static const char *range_text(const dm_text *t, dm_arena *a, dm_range r)
{
	if (r.last <= r.first)
		return NULL;
	return dm_arena_intern(a, t->raw + t->toks[r.first].start, t->toks[r.last - 1].end - t->toks[r.first].start);
}

/* Do tokens A and B say the same word, or the same stem (the first five
 * letters of words of five or more: "presidential", "President")? */
static int same_stem(const dm_text *t, uint32_t a, uint32_t b)
{
	const dm_tok *x = &t->toks[a], *y = &t->toks[b];
	size_t nx = x->end - x->start, ny = y->end - y->start;
	size_t n = nx >= 5 && ny >= 5 ? 5 : nx;
	if (n != ny && (nx < 5 || ny < 5))
		return 0;
	for (size_t j = 0; j < n; j++)
		if ((t->raw[x->start + j] | 32) != (t->raw[y->start + j] | 32))
			return 0;
	return 1;
}

/* Do tokens A and B say the same word, one maybe with a plural s? */
static int same_word(const dm_text *t, uint32_t a, uint32_t b)
{
	const dm_tok *x = &t->toks[a], *y = &t->toks[b];
	size_t nx = x->end - x->start, ny = y->end - y->start, n = nx < ny ? nx : ny;
	if (nx > n + 1 || ny > n + 1 || (nx != ny && t->raw[(nx > ny ? x : y)->end - 1] != 's'))
		return 0;
	for (size_t j = 0; j < n; j++)
		if ((t->raw[x->start + j] | 32) != (t->raw[y->start + j] | 32))
			return 0;
	return 1;
}

/* Is the word at A an abbreviated title of the word at B ("Gov." of
 * "governor", "Sgt." of "sergeant"): a title of the honorifics, no form
 * of address ("Mr."), whose letters B holds in order from its first? */
static int abbreviates(const dm_text *t, uint32_t a, uint32_t b)
{
	const dm_tok *x = &t->toks[a], *y = &t->toks[b];
	char w[8];
	size_t n = dm_tok_lower(t, a, w, sizeof w);
	n -= n && w[n - 1] == '.'; /* "Gov." is "gov" */
	if (n < 2 || !dm_lex_hasn(&dm_lex_honorifics, w, n) || dm_tok_in(t, a, &dm_lex_female_words) ||
	    dm_tok_in(t, a, &dm_lex_male_words) || w[0] != (t->raw[y->start] | 32))
		return 0;
	uint32_t j = y->start;
	for (uint32_t i = x->start; i < x->start + n; i++) {
		while (j < y->end && (t->raw[j] | 32) != (t->raw[i] | 32))
			j++;
		if (j++ == y->end)
			return 0;
	}
	return 1;
}

/* Does the phrase P was named in give the word at token W (any case; by
 * its stem with STEM, else the word itself or its abbreviation), outside
 * the name itself? */
static int has_title_word(const dm_text *t, const person *p, uint32_t w, int stem)
{
	for (uint32_t i = p->source.first; i < p->source.last; i++)
		if ((i < p->name.first || i >= p->name.last) && (t->toks[i].flags & TK_WORD) &&
		    (stem ? same_stem(t, i, w) : same_word(t, i, w) || abbreviates(t, i, w)))
			return 1;
	return 0;
}

static int name_word(const dm_text *t, uint32_t i)
{
	const dm_tok *k = &t->toks[i];
	return (k->flags & TK_CAP) && !(k->flags & TK_NUM) && k->quote < 0 && !dm_tok_in(t, i, &dm_lex_roles) &&
	       !dm_tok_in(t, i, &dm_lex_orgs) && !dm_tok_in(t, i, &dm_lex_function) && !dm_tok_eq(t, i, "the") &&
	       !dm_tok_in(t, i, &dm_lex_not_names) && !dm_tok_in(t, i, &dm_lex_months) &&
	       !dm_tok_in(t, i, &dm_lex_days);
}

/* The titles written before a name, a chain of them set off by commas
 * ("presidential aide, Head of the Foreign Policy Department Ada Lind"),
 * and in an apposition after it ("Ada Lind, the 56-year-old, ..."): the
 * phrase a title resolves through. */
static dm_range titled_phrase(const dm_text *t, const dm_para *para, dm_range name)
{
	dm_range r = name;
	while (r.first > para->tok_start && name.first - r.first < 25) {
		uint32_t j = r.first - 1;
		const dm_tok *k = &t->toks[j];
		if (k->quote >= 0 ||
		    !(dm_tok_is(t, j, ',') ||
		      ((k->flags & TK_WORD) &&
		       ((k->flags & TK_CAP) || dm_tok_in(t, j, &dm_lex_roles) || dm_tok_in(t, j, &dm_lex_nameparts)))))
			break;
		r.first--;
	}
	while (r.first < name.first && !(t->toks[r.first].flags & TK_WORD))
		r.first++;
	if (r.last + 1 < para->tok_end && dm_tok_is(t, r.last, ',') &&
	    (dm_tok_eq(t, r.last + 1, "the") || dm_tok_eq(t, r.last + 1, "a") || dm_tok_eq(t, r.last + 1, "an") ||
	     dm_tok_in(t, r.last + 1, &dm_lex_roles) || (t->toks[r.last + 1].flags & TK_CAP))) {
		uint32_t e = r.last + 1;
		while (e < para->tok_end && e - r.last < 25 && t->toks[e].quote < 0 &&
		       ((t->toks[e].flags & TK_WORD) || dm_tok_is(t, e, ',')) && !dm_tok_in(t, e, &dm_lex_cues))
			e++;
		r.last = e;
	}
	return r;
}

static int names_nobody(doc *d, dm_range r);

/* "CBS", "DFW": a word in capitals, an organisation's more often than
 * a person's; an initial ("A.") is none. */
static int acronym(const dm_text *t, uint32_t i)
{
	const dm_tok *k = &t->toks[i];
	size_t n = k->end - k->start;
	return n >= 2 && !(n == 2 && t->raw[k->end - 1] == '.') && !dm_tok_has_lower(t, i);
}

/* Is R a name and nothing else: no word of a title, an organisation, a
 * party, a date or an acronym, and no place or nationality ("Kent County
 * Republican", "Election Day", "CBS DFW")? */
static int only_a_name(doc *d, dm_range r)
{
	const dm_text *t = d->t;
	/* a title word ends a name as a surname after a given name: "Maria Doctor" */
	int given = dm_tok_in(t, r.first, &dm_lex_given_female) || dm_tok_in(t, r.first, &dm_lex_given_male);
	for (uint32_t i = r.first; i < r.last; i++)
		if (((dm_tok_in(t, i, &dm_lex_roles) || dm_tok_in(t, i, &dm_lex_titles)) &&
		     !(given && i + 1 == r.last)) ||
		    dm_tok_in(t, i, &dm_lex_orgs) || dm_tok_in(t, i, &dm_lex_days) || dm_tok_in(t, i, &dm_lex_months) ||
		    dm_tok_in(t, i, &dm_lex_affiliations) || acronym(t, i))
			return 0;
	/* "Kent County", "German Chancellor": a place or nationality opens it */
	if ((dm_tok_in(t, r.first, &dm_lex_places) || dm_tok_in(t, r.first, &dm_lex_demonyms)) &&
	    !dm_tok_in(t, r.first, &dm_lex_given_female) && !dm_tok_in(t, r.first, &dm_lex_given_male))
		return 0;
	return !names_nobody(d, r);
}

/* Add the person named by NAME in PHRASE, once a name: a later phrase
 * with more titles takes the place of a bare one. */
static void add_person(doc *d, dm_range name, dm_range phrase, char gender, int titled)
{
	for (size_t p = 0; p < d->np; p++) {
		person *q = &d->persons[p];
		if (!same_name(d->t, q->name, name))
			continue;
		if (q->source.last - q->source.first < phrase.last - phrase.first && q->known != KNOWN_SURE)
			q->source = phrase;
		if (!q->gender)
			q->gender = gender;
		if (titled && q->known != KNOWN_SURE) {
			q->known = KNOWN_SURE;
			q->source = phrase;
		}
		return;
	}
	if (d->np < MAX_PERSONS)
		d->persons[d->np++] =
		    (person){name, phrase, gender, gender || titled ? KNOWN_SURE : KNOWN_NOT, 0, 0, 0};
}

/* Is the word at I a form of address that says he or she ("Mr.", "Ms.",
 * "Sir", "Miss")?  'm', 'f' or 0. */
static char address(const dm_text *t, uint32_t i)
{
	const dm_tok *k = &t->toks[i];
	if (k->quote >= 0 || !(t->raw[k->end - 1] == '.' || dm_tok_in(t, i, &dm_lex_honorifics_unabbreviated) ||
	                       dm_tok_in(t, i, &dm_lex_honorifics)))
		return 0;
	return dm_tok_in(t, i, &dm_lex_female_words) ? 'f' : dm_tok_in(t, i, &dm_lex_male_words) ? 'm' : 0;
}

/* Names written anywhere in the body: two to four capitalised words ("Ola
 * Berg spoke ..." lets a later "Berg said" resolve), starting at the given
 * name where one follows a title ("Browns lineman Ola Berg"); or a surname
 * after a word of address, which says he or she ("Mr. Berg"). */
static void names_in_text(doc *d)
{
	const dm_text *t = d->t;
	for (size_t p = 0; p < t->n_paras && d->np < MAX_PERSONS; p++) {
		const dm_para *para = &t->paras[p];
		if (para->kind != PARA_BODY && para->kind != PARA_TITLE)
			continue;
		for (uint32_t i = para->tok_start; i < para->tok_end && d->np < MAX_PERSONS;) {
			if (!name_word(t, i)) {
				i++;
				continue;
			}
			uint32_t s = i;
			while (i < para->tok_end && name_word(t, i) && i - s < 5)
				i++;
			s = dm_name_start(t, s, i);
			char gender = s > para->tok_start ? address(t, s - 1) : 0;
			/* "President Trump": a title in capitals says a person too */
			int titled = i - s == 1 && s > para->tok_start && (t->toks[s - 1].flags & TK_CAP) &&
			             (dm_tok_in(t, s - 1, &dm_lex_roles) || dm_tok_in(t, s - 1, &dm_lex_titles)) &&
			             only_a_name(d, (dm_range){s, i});
			if ((i - s < 2 && !gender && !titled) || i - s > 4)
				continue;
			dm_range name = {s, i};
			add_person(d, name, titled_phrase(t, para, name), gender, titled);
		}
	}
}

/* Is the cue R one that outlets and studies take more than people
 * ("according to", "reported", "estimates", "shows")? */
static int outlet_cue(const dm_text *t, dm_range r)
{
	for (uint32_t i = r.first; i < r.last; i++)
		if (dm_tok_in(t, i, &dm_lex_outlet_cues))
			return 1;
	return 0;
}

/* A statement's source named by one word ("Obama said") that no fuller
 * name ends in: a person the pronouns after it may stand for, of either
 * sex until the text says. */
static void lone_sources(doc *d, const dm_cand *cands, size_t n)
{
	const dm_text *t = d->t;
	for (size_t i = 0; i < n && d->np < MAX_PERSONS; i++) {
		const dm_cand *c = &cands[i];
		uint32_t w = c->name.first;
		if (c->name.last != w + 1 || c->type == DM_ORGANIZATION || c->continued ||
		    (w > 0 && dm_tok_eq(t, w - 1, "the")) || !only_a_name(d, c->name) || outlet_cue(t, c->cue))
			continue;
		size_t p = 0;
		while (p < d->np && !same_tokens(t, d->persons[p].name.last - 1, w))
			p++;
		if (p == d->np)
			d->persons[d->np++] = (person){c->name, c->source, 0, KNOWN_SURE, 0, 0, 0};
	}
}

/* He or she, from a word of address or description next to the name
 * ("Mr.", "actress"), or a given name where the words are only a NAME. */
static char gender_of(const dm_text *t, const person *p, int name)
{
	uint32_t g = p->name.first;
	int f = name && dm_tok_in(t, g, &dm_lex_given_female), m = name && dm_tok_in(t, g, &dm_lex_given_male);
	for (uint32_t i = p->source.first; i < p->source.last; i++) {
		if (i >= p->name.first && i < p->name.last)
			continue;
		if (address(t, i) && i + 1 != p->name.first)
			continue; /* "Mr. Obama and Hillary Clinton": another's */
		char w[8];
		if (dm_tok_lower(t, i, w, sizeof w) && dm_lex_has(&dm_lex_possessives, w)) {
			i++; /* "Ada Lind, his attorney", "her father": another's */
			continue;
		}
		if (dm_tok_in(t, i, &dm_lex_female_words))
			return 'f';
		if (dm_tok_in(t, i, &dm_lex_male_words))
			return 'm';
	}
	if (f != m)
		return f ? 'f' : 'm';
	return 0;
}

/* The number of mentions that start before token AT. */
static size_t mentions_before(const doc *d, uint32_t at)
{
	size_t lo = 0, hi = d->nm;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (d->m[mid].tok < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int by_tok(const void *x, const void *y)
{
	const mention *a = x, *b = y;
	return a->tok < b->tok ? -1 : a->tok > b->tok;
}

/* Does the mention at token I open its sentence: only titles, small words
 * and punctuation before it ("But Gov. Ada Lind said"), or an opening
 * phrase and its comma ("As it turned out, Ada Lind had")? */
static int opens_sentence(const dm_text *t, uint32_t i)
{
	const dm_sent *s = dm_sent_of(t, i);
	if (!s)
		return 0;
	uint32_t first = s->tok_start;
	while (first < i && !(t->toks[first].flags & TK_WORD))
		first++;
	int phrase = first < i && (dm_opens_phrase(t, first) || dm_tok_in(t, first, &dm_lex_function)), loose = 0;
	for (uint32_t j = s->tok_start; j < i; j++) {
		const dm_tok *k = &t->toks[j];
		if (dm_tok_is(t, j, ','))
			return phrase && j + 1 == i;
		if ((k->flags & TK_WORD) && !(k->flags & TK_CAP) && !dm_tok_in(t, j, &dm_lex_roles) &&
		    !dm_tok_in(t, j, &dm_lex_function))
			loose = 1; /* the subject only after the phrase's comma */
	}
	return !loose;
}

/* Every mention of a known person outside quotations, in text order: the
 * full name, or the surname alone (of the person whose full name was
 * written last, where several share it). */
static void find_mentions(doc *d, const dm_cand *cands, size_t n)
{
	const dm_text *t = d->t;
	size_t cap = 0;
	uint32_t *last_full = calloc(d->np ? d->np : 1, sizeof *last_full);
	if (!last_full)
		return;
	/* The hashes of sure persons' first and last words, 256 bits each: a
	 * capitalised word is compared with the persons only when its bit is
	 * set, and most are no person's. */
	uint64_t firsts[4] = {0}, lasts[4] = {0};
	for (size_t q = 0; q < d->np; q++)
		if (d->persons[q].known == KNOWN_SURE) {
			dm_bits_add(firsts, d->persons[q].first_h & 255);
			dm_bits_add(lasts, d->persons[q].last_h & 255);
		}
	for (size_t p = 0; p < t->n_paras; p++) {
		const dm_para *para = &t->paras[p];
		if (para->kind != PARA_BODY && para->kind != PARA_TITLE)
			continue;
		for (uint32_t i = para->tok_start; i < para->tok_end; i++) {
			const dm_tok *k = &t->toks[i];
			if (!(k->flags & TK_CAP) || k->quote >= 0)
				continue;
			size_t who = d->np, len = 0;
			uint64_t h = tok_hash(t, i);
			int first = dm_bits_has(firsts, h & 255), last = dm_bits_has(lasts, h & 255);
			for (size_t q = 0; first && q < d->np; q++) {
				dm_range nm = d->persons[q].name;
				if (d->persons[q].first_h == h && d->persons[q].known == KNOWN_SURE &&
				    same_range(t, nm, i)) {
					who = q;
					len = nm.last - nm.first;
					last_full[q] = i + 1;
					break;
				}
			}
			if (who == d->np && last && !(i + 1 < para->tok_end && name_word(t, i + 1)) &&
			    !(i > para->tok_start && name_word(t, i - 1))) {
				for (size_t q = 0; q < d->np; q++)
					if (d->persons[q].last_h == h && d->persons[q].known == KNOWN_SURE &&
					    same_tokens(t, d->persons[q].name.last - 1, i) &&
					    (who == d->np || last_full[q] > last_full[who]))
						who = q;
				len = 1;
			}
			if (who == d->np)
				continue;
			if (d->nm == cap) {
				size_t nc = cap ? cap * 2 : 64;
				mention *m = realloc(d->m, nc * sizeof *m);
				if (!m)
					break;
				d->m = m;
				cap = nc;
			}
			d->m[d->nm++] = (mention){i, (uint16_t)who, (uint8_t)opens_sentence(t, i)};
			i += (uint32_t)len - 1;
		}
	}
	free(last_full);
	if (d->nm)
		qsort(d->m, d->nm, sizeof *d->m, by_tok);
	/* A statement's source is salient wherever it stands. */
	for (size_t i = 0; i < n; i++) {
		size_t k = mentions_before(d, cands[i].name.first);
		if (k < d->nm && d->m[k].tok < cands[i].name.last && cands[i].name.last > cands[i].name.first)
			d->m[k].subject = 1;
	}
}

/* Pronoun evidence for the gender of persons with none: the first he or
 * she (his, her ...) after a mention in its sentence, with no other
 * mention between. */
static void pronoun_genders(doc *d)
{
	const dm_text *t = d->t;
	int votes[MAX_PERSONS][2];
	memset(votes, 0, sizeof votes);
	for (size_t k = 0; k < d->nm; k++) {
		const dm_sent *s = dm_sent_of(t, d->m[k].tok);
		if (!s)
			continue;
		uint32_t end = k + 1 < d->nm && d->m[k + 1].tok < s->tok_end ? d->m[k + 1].tok : s->tok_end;
		for (uint32_t i = d->m[k].tok + 1; i < end; i++) {
			if (t->toks[i].quote >= 0)
				continue;
			if (dm_tok_in(t, i, &dm_lex_female_words) && !(t->toks[i].flags & TK_CAP)) {
				votes[d->m[k].who][0]++;
				break;
			}
			if (dm_tok_in(t, i, &dm_lex_male_words) && !(t->toks[i].flags & TK_CAP)) {
				votes[d->m[k].who][1]++;
				break;
			}
		}
	}
	for (size_t p = 0; p < d->np; p++)
		if (!d->persons[p].gender && votes[p][0] != votes[p][1])
			d->persons[p].gender = votes[p][0] > votes[p][1] ? 'f' : 'm';
}

/* Is a person other than WHO, of GENDER, mentioned after FROM and before
 * AT (a subject, with SUBJECTS; "Ada Lind spoke. The board thanked Mira
 * Holt. 'It was hard,' she said")?  Then the pronoun could be either:
 * nobody's rather than a guess. */
static int rival_between(const doc *d, uint32_t from, uint32_t at, size_t who, char gender, int subjects)
{
	size_t first = mentions_before(d, from + 1);
	for (size_t k = first; k < d->nm && d->m[k].tok < at; k++) {
		if (k - first >= MAX_PERSONS)
			return 1; /* too many names between to tell (and a bound, for long texts) */
		if (d->persons[d->m[k].who].gender == gender && !same_person(d, d->m[k].who, who) &&
		    (!subjects || d->m[k].subject))
			return 1;
	}
	return 0;
}

/* Is the mention at token AT a subject? */
static int subject_of(const doc *d, uint32_t at)
{
	size_t k = mentions_before(d, at);
	return k < d->nm && d->m[k].tok == at && d->m[k].subject;
}

/* The person "he" or "she" at token AT stands for: the latest mention of
 * a person of that gender (or, for a subject or the last person quoted,
 * of none known) within PRONOUN_REACH paragraphs, a subject before one in
 * passing, unless the last person quoted, within SPEAKER_REACH, is later
 * still; and no other person of that gender named since, or, where the
 * person is the subject of the sentence just before, no other subject.
 * MAX_PERSONS when none. */
static size_t antecedent(const doc *d, uint32_t at, char gender)
{
	const dm_text *t = d->t;
	const dm_sent *s = dm_sent_of(t, at);
	uint32_t para = s ? s->para : 0, found_at = 0;
	size_t found = MAX_PERSONS, passing = MAX_PERSONS, from = mentions_before(d, at);
	for (size_t k = from; k-- > 0 && from - k <= MAX_PERSONS;) {
		const mention *m = &d->m[k];
		const dm_sent *ms = dm_sent_of(t, m->tok);
		if (ms && ms->para + PRONOUN_REACH < para)
			break;
		char g = d->persons[m->who].gender;
		if (g && g != gender)
			continue;
		if (m->subject) {
			found = m->who;
			found_at = m->tok;
			break;
		}
		if (passing == MAX_PERSONS && g) { /* in passing, only one known to be of that sex */
			passing = m->who;
			found_at = m->tok;
		}
	}
	if (found == MAX_PERSONS)
		found = passing;
	for (size_t k = d->n_spoken; k-- > 0 && d->n_spoken - k <= MAX_SPOKEN;) {
		const mention *m = &d->spoken[k % MAX_SPOKEN];
		const dm_sent *ms = dm_sent_of(t, m->tok);
		if ((ms && ms->para + SPEAKER_REACH < para) || (found < MAX_PERSONS && m->tok <= found_at))
			break;
		char g = d->persons[m->who].gender;
		if (!g || g == gender)
			return rival_between(d, m->tok, at, m->who, gender, 0) ? MAX_PERSONS : m->who;
	}
	/* The subject of the sentence just before: only another subject
	 * since is a rival ("Morrison was the witness who heard Trump's call.
	 * He said ...") */
	const dm_sent *fs = found < MAX_PERSONS ? dm_sent_of(t, found_at) : NULL;
	int centre = fs && s && fs + 1 == s && d->persons[found].gender == gender && subject_of(d, found_at);
	if (found < MAX_PERSONS && rival_between(d, found_at, at, found, gender, centre))
		return MAX_PERSONS;
	return found;
}

/* How many words of the description [FIRST, HEAD] (the head itself, and
 * its modifiers by stem: "Republican", "presidential") the phrase P was
 * named in gives; 0 unless it gives the head. */
static int title_score(const dm_text *t, const person *p, uint32_t first, uint32_t head)
{
	if (!has_title_word(t, p, head, 0))
		return 0;
	int score = 1;
	for (uint32_t i = first; i < head; i++)
		score += t->toks[i].end - t->toks[i].start >= 4 && (t->toks[i].flags & TK_WORD) &&
		         !dm_tok_in(t, i, &dm_lex_function) && has_title_word(t, p, i, 1);
	return score;
}

/* Do the words before P's name hold the description R word for word,
 * but an article ("China's ambassador to Britain"), and two words of it at
 * least? */
static int titled_so(const dm_text *t, const person *p, dm_range r)
{
	while (r.first < r.last && (dm_tok_in(t, r.first, &dm_lex_articles) || !(t->toks[r.first].flags & TK_WORD)))
		r.first++;
	uint32_t n = r.last - r.first;
	if (n < 2 || p->source.first + n > p->name.first)
		return 0;
	for (uint32_t s = p->source.first; s + n <= p->name.first; s++) {
		uint32_t i = 0;
		while (i < n && same_word(t, s + i, r.first + i) &&
		       t->toks[s + i].end - t->toks[s + i].start ==
		           t->toks[r.first + i].end - t->toks[r.first + i].start)
			i++;
		if (i == n)
			return 1;
	}
	return 0;
}

/* Whom did the article give the title SOURCE, with its head word at HEAD
 * ("the Republican nominee")?  Of the people mentioned before it whose
 * titles hold the head word, the one whose titles hold most of its other
 * words, the latest mentioned among equals.  Where the article names one
 * person only, that person's titles may hold another of its words instead
 * ("the presidential aide", "Presidential Administration").  MAX_PERSONS
 * when none. */
static size_t titled_person(const doc *d, dm_range source, uint32_t head)
{
	const dm_text *t = d->t;
	uint32_t f = source.first;
	while (f < source.last && !(t->toks[f].flags & TK_WORD))
		f++;
	if (f + 1 < source.last && (t->toks[f].flags & TK_CAP) && dm_tok_possessive(t, f + 1)) {
		/* an owner's title ("Teravia's spokeswoman") is only the one
		 * person given it word for word, owner and all */
		size_t hit = MAX_PERSONS;
		for (size_t p = 0; p < d->np; p++)
			if (d->persons[p].known == KNOWN_SURE && titled_so(t, &d->persons[p], source)) {
				if (hit < MAX_PERSONS && !same_person(d, hit, p))
					return MAX_PERSONS;
				hit = p;
			}
		/* a place for owner is the title's own ("Austria's interior
		 * minister" ... "Interior Minister Wolfgang Peschorn") */
		dm_range rest = {f + 2, source.last};
		if (hit < MAX_PERSONS || !dm_names_place(t, (dm_range){f, f + 1}))
			return hit;
		for (size_t p = 0; p < d->np; p++)
			if (d->persons[p].known == KNOWN_SURE && titled_so(t, &d->persons[p], rest)) {
				for (size_t q = p + 1; q < d->np; q++)
					if (d->persons[q].known == KNOWN_SURE && !same_person(d, p, q) &&
					    titled_so(t, &d->persons[q], rest))
						return MAX_PERSONS; /* two people could be meant */
				return p;
			}
		return hit;
	}
	size_t from = mentions_before(d, source.first), best = MAX_PERSONS;
	int best_score = 0;
	for (size_t k = from; k-- > 0 && from - k <= MAX_PERSONS;) {
		int score = title_score(t, &d->persons[d->m[k].who], source.first, head);
		if (score > best_score) {
			best = d->m[k].who;
			best_score = score;
		}
	}
	for (size_t p = 0; p < d->np && best == MAX_PERSONS; p++) {
		const person *ps = &d->persons[p];
		if (ps->known == KNOWN_SURE && ps->name.first < source.first && title_score(t, ps, source.first, head))
			best = p;
	}
	/* named later under the very words of it ("China's ambassador to
	 * Britain accused ... China's ambassador to Britain Liu Xiaming has
	 * said"), one person only */
	for (size_t p = 0; p < d->np && best == MAX_PERSONS; p++) {
		const person *ps = &d->persons[p];
		if (ps->known != KNOWN_SURE || ps->name.first < source.last || !titled_so(t, ps, source))
			continue;
		for (size_t q = p + 1; q < d->np; q++)
			if (d->persons[q].known == KNOWN_SURE && d->persons[q].name.first >= source.last &&
			    !same_person(d, p, q) && titled_so(t, &d->persons[q], source))
				return MAX_PERSONS; /* two people could be meant */
		best = p;
	}
	if (best < MAX_PERSONS || !(dm_tok_in(t, head, &dm_lex_roles) || dm_tok_in(t, head, &dm_lex_titles)))
		return best;
	/* the one person named so far, by another word of the title */
	size_t hit = MAX_PERSONS;
	for (size_t p = 0; p < d->np; p++) {
		const person *ps = &d->persons[p];
		if (ps->known != KNOWN_SURE || ps->name.first >= source.first)
			continue;
		if (hit < MAX_PERSONS && !same_person(d, hit, p))
			return MAX_PERSONS; /* two people could be meant */
		hit = p;
	}
	int match = 0;
	for (uint32_t i = source.first; i < head && hit < MAX_PERSONS && !match; i++)
		match = t->toks[i].end - t->toks[i].start >= 4 && (t->toks[i].flags & TK_WORD) &&
		        !dm_tok_in(t, i, &dm_lex_function) && has_title_word(t, &d->persons[hit], i, 1);
	return match ? hit : MAX_PERSONS;
}

/* A source of one capitalised word that is the surname of a person the
 * article named, though it is a title word too ("Maria Doctor" ...
 * "Doctor said"): the surname, as a name.  Empty when it is not. */
static dm_range lone_surname(const doc *d, dm_range r)
{
	const dm_text *t = d->t;
	dm_range none = {0, 0};
	uint32_t w = UINT32_MAX;
	for (uint32_t i = r.first; i < r.last; i++)
		if (t->toks[i].flags & TK_WORD) {
			if (w != UINT32_MAX)
				return none;
			w = i;
		}
	if (w == UINT32_MAX || !(t->toks[w].flags & TK_CAP))
		return none;
	for (size_t p = 0; p < d->np; p++)
		if (d->persons[p].known == KNOWN_SURE && d->persons[p].name.last - d->persons[p].name.first >= 2 &&
		    same_tokens(t, d->persons[p].name.last - 1, w))
			return (dm_range){w, w + 1};
	return none;
}

/* The person whose surname is the word at W, named in SOURCE: the one
 * person of two words or more whose name ends in it, of the sex a form of
 * address in SOURCE says ("Mr. Cruz"); MAX_PERSONS when there is none, or
 * more than one (a wrong name is worse than a surname). */
static size_t surname_of(const doc *d, uint32_t w, dm_range source)
{
	const dm_text *t = d->t;
	char sex = 0;
	for (uint32_t i = source.first; i < w && !sex; i++)
		sex = address(t, i);
	size_t hit = MAX_PERSONS;
	int sexes = 0; /* of the surname alone after a form of address: 1 he, 2 she */
	for (size_t p = 0; p < d->np; p++) {
		const person *ps = &d->persons[p];
		if (!ps->known || !(same_tokens(t, ps->name.last - 1, w) || shouted_as(t, w, ps->name.last - 1)) ||
		    (sex && ps->gender && ps->gender != sex))
			continue;
		if (ps->name.last - ps->name.first < 2) {
			sexes |= ps->gender == 'm' ? 1 : ps->gender == 'f' ? 2 : 0;
			continue;
		}
		if (hit < MAX_PERSONS && !same_person(d, hit, p))
			return MAX_PERSONS;
		hit = p;
	}
	/* "Mrs. Clinton" beside "Bill Clinton": two people */
	if (hit < MAX_PERSONS && d->persons[hit].gender && (sexes & (d->persons[hit].gender == 'm' ? 2 : 1)))
		return MAX_PERSONS;
	return hit;
}

/* Does the article name one person only (an interview's)? */
static int one_person(const doc *d)
{
	size_t one = MAX_PERSONS;
	for (size_t p = 0; p < d->np; p++) {
		const person *ps = &d->persons[p];
		if (ps->known != KNOWN_SURE)
			continue;
		if (one < MAX_PERSONS && !same_person(d, one, p))
			return 0;
		one = p;
	}
	return 1;
}

/* Is a person other than WHO mentioned in [FROM, TO)? */
static int other_named(const doc *d, uint32_t from, uint32_t to, size_t who)
{
	size_t first = mentions_before(d, from);
	for (size_t k = first; k < d->nm && d->m[k].tok < to; k++)
		if (d->m[k].who != who || k - first >= MAX_PERSONS)
			return 1; /* past MAX_PERSONS names: too far to tell, and a bound */
	return 0;
}

/* The person whose name is the tokens R, or MAX_PERSONS. */
static size_t person_named(const doc *d, dm_range r)
{
	for (size_t p = 0; p < d->np; p++)
		if (same_name(d->t, d->persons[p].name, r))
			return p;
	return MAX_PERSONS;
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

/* The latest of the organisations ORGS[n] (a ring of MAX_ORGS) whose
 * longer name ends in the word at token W ("the ministry", "the Times"),
 * or NULL. */
static const char *last_org_ending(const char *const *orgs, size_t n, const dm_text *t, uint32_t w)
{
	for (size_t k = n; k-- > 0 && n - k <= MAX_ORGS;)
		if (ends_with_word(orgs[k % MAX_ORGS], t->raw + t->toks[w].start, t->toks[w].end - t->toks[w].start))
			return orgs[k % MAX_ORGS];
	return NULL;
}

static int by_hash(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return a < b ? -1 : a > b;
}

/* Is the word at I capitalised somewhere in the text where a sentence does
 * not begin: a proper noun, not a sentence's first word ("Similarly")?
 * The words are collected once a document, on the first question. */
static int proper_elsewhere(doc *d, uint32_t i)
{
	const dm_text *t = d->t;
	if (!d->proper_done) {
		d->proper_done = 1;
		d->proper = malloc((t->n_toks + 1) * sizeof *d->proper);
		for (size_t s = 0; s < t->n_sents && d->proper; s++) {
			const dm_sent *se = &t->sents[s];
			for (uint32_t j = se->tok_start + 1; j < se->tok_end; j++)
				if ((t->toks[j].flags & TK_CAP) && !(t->toks[j - 1].flags & TK_QUOTE) &&
				    !dm_tok_is(t, j - 1, ':'))
					d->proper[d->n_proper++] = tok_hash(t, j);
		}
		if (d->n_proper)
			qsort(d->proper, d->n_proper, sizeof *d->proper, by_hash);
	}
	uint64_t h = tok_hash(t, i);
	return d->n_proper && bsearch(&h, d->proper, d->n_proper, sizeof h, by_hash) != NULL;
}

/* Can the word at I be a common word ("Similarly", "Dressed"), not only a
 * proper noun ("Clinton")?  A word the tag lexicon has never seen, but a
 * plural ("Paramedics"), a compound ("Twenty-seven") or a word in
 * capitals, is a name ("Nomura").  Without the tag lexicon, any may. */
static int common_word(const doc *d, uint32_t i)
{
	const dm_tok *k = &d->t->toks[i];
	const dm_tokinfo *x = d->ti ? dm_ti(d->t, d->ti, i) : NULL;
	if (x && x->rare && !dm_tok_ends(d->t, i, "s", 3) && !acronym(d->t, i) &&
	    !memchr(d->t->raw + k->start, '-', k->end - k->start))
		return 0; /* not "Twenty-seven", "CLARIFICATION" */
	return !x || (x->tags & ~(1u << TAG_NNP)) || !x->tags;
}

/* Is the name R a place, a nationality, a dateline ("NEW DELHI —") or, a
 * single word opening its sentence, a word never capitalised elsewhere? */
static int names_nobody(doc *d, dm_range r)
{
	const dm_text *t = d->t;
	if (dm_names_place(t, r))
		return 1;
	if (r.last - r.first == 1 && (t->toks[r.first].flags & TK_WORD) &&
	    (dm_tok_in(t, r.first, &dm_lex_unnamed_sources) || dm_tok_in(t, r.first, &dm_lex_affiliations)))
		return 1; /* "Teachers", "Republican" */
	const dm_sent *s = dm_sent_of(t, r.first);
	int upper = 1;
	for (uint32_t i = r.first; i < r.last && upper; i++)
		upper = !dm_tok_has_lower(t, i);
	if (upper && s && r.first == t->paras[s->para].tok_start && r.last < t->n_toks &&
	    !(t->toks[r.last].flags & TK_WORD))
		return 1; /* a dateline */
	if (r.last - r.first == 1 && s) {
		uint32_t k = s->tok_start;
		while (k < r.first && !(t->toks[k].flags & TK_WORD))
			k++;
		/* "VW says": letters in capitals before a word in lower case
		 * are an abbreviation, no common word */
		int shouted = acronym(t, r.first) && !(r.last < s->tok_end && (t->toks[r.last].flags & TK_WORD) &&
		                                       !(t->toks[r.last].flags & TK_CAP));
		if (k == r.first && common_word(d, r.first) && !proper_elsewhere(d, r.first) &&
		    (shouted || !acronym(t, r.first)))
			return 1;
	}
	return 0;
}

/* Does the word at I name a kind of person: a title, an occupation, a
 * description ("expert")? */
static int person_noun(const dm_text *t, uint32_t i)
{
	return dm_tok_in(t, i, &dm_lex_roles) || dm_tok_in(t, i, &dm_lex_titles) ||
	       dm_tok_in(t, i, &dm_lex_unnamed_sources);
}

/* A source with no name: is it a title standing for a person ("the
 * governor", "the assistant to the president", "the harbour master"),
 * definite and singular?
 * Returns its head word's token, or UINT32_MAX for an unnamed source
 * ("officials", "an insider", "Ada Lind's lawyer", "two people"). */
static uint32_t definite_title(const dm_text *t, dm_range r)
{
	uint32_t f = r.first;
	while (f < r.last && (!(t->toks[f].flags & TK_WORD) ||
	                      ((dm_tok_in(t, f, &dm_lex_not_names) || dm_tok_in(t, f, &dm_lex_between)) &&
	                       !dm_tok_eq(t, f, "the") && !dm_tok_eq(t, f, "this") && !dm_tok_eq(t, f, "that"))))
		f++; /* "Later the harbour master" */
	/* "China's ambassador to Britain": an owner's name is its article */
	if (f + 2 < r.last && (t->toks[f].flags & TK_CAP) && dm_tok_possessive(t, f + 1))
		f++;
	else if (f == r.last || !(dm_tok_eq(t, f, "the") || dm_tok_eq(t, f, "this") || dm_tok_eq(t, f, "that")))
		return UINT32_MAX;
	uint32_t e = f + 1;
	while (e < r.last && !dm_tok_in(t, e, &dm_lex_title_preps) && !dm_tok_is(t, e, ','))
		e++;
	if (e == f + 1 || !person_noun(t, e - 1))
		return UINT32_MAX;
	const dm_tok *h = &t->toks[e - 1];
	if (t->raw[h->end - 1] == 's' && h->end - h->start > 3)
		return UINT32_MAX; /* a plural: "the officials" */
	for (uint32_t i = f + 1; i < e; i++)
		if (dm_tok_possessive(t, i))
			return UINT32_MAX; /* "the campaign's spokesman" */
	return e - 1;
}

/* The name that opens the sentence from SS, before the pronoun at IT, if
 * it is not LAST (the organisation that spoke last): a capitalised run
 * after an article ("The Afghan Taliban, however, claimed ..., which it
 * said ...").  Returns its range; {1, 0} when the sentence opens with
 * another name that is no organisation's (the pronoun stays unresolved);
 * {0, 0} when it opens with LAST or with no name. */
static dm_range other_opener(const dm_text *t, uint32_t ss, uint32_t it, const char *last)
{
	uint32_t k = ss;
	while (k < it && (!(t->toks[k].flags & TK_WORD) || dm_tok_in(t, k, &dm_lex_articles)))
		k++;
	uint32_t e = k;
	while (e < it && e - k < 8 && (t->toks[e].flags & TK_CAP) && t->toks[e].quote < 0 &&
	       !dm_tok_in(t, e, &dm_lex_function))
		e++;
	if (e == k || e == it ||
	    (k == ss && e == k + 1 && !(t->toks[k].flags & TK_DOTS) && dm_tok_has_lower(t, k) &&
	     !dm_tok_in(t, k, &dm_lex_orgs)))
		return (dm_range){0, 0}; /* no name, or one capitalised word that opens the sentence */
	dm_cand probe = {0};
	dm_find_name(t, (dm_range){k, e}, &probe);
	size_t n =
	    probe.name.last > probe.name.first ? t->toks[probe.name.last - 1].end - t->toks[probe.name.first].start : 0;
	if (!n || (last && strlen(last) == n && !memcmp(last, t->raw + t->toks[probe.name.first].start, n)))
		return (dm_range){0, 0};
	/* "The Afghan Taliban": a nationality or a place opens no person's
	 * name */
	int person = probe.type == DM_PERSON && !dm_tok_in(t, probe.name.first, &dm_lex_demonyms) &&
	             !dm_tok_in(t, probe.name.first, &dm_lex_places);
	return person ? (dm_range){1, 0} : probe.name;
}

/* Is the source R "the statement", "the report": a document the article
 * has spoken of?  Returns the document word's token, or UINT32_MAX. */
static uint32_t the_document(const dm_text *t, dm_range r)
{
	char w[16];
	if (r.last != r.first + 2 || !dm_tok_eq(t, r.first, "the") || !dm_tok_lower(t, r.first + 1, w, sizeof w) ||
	    !dm_lex_has(&dm_lex_documents, w))
		return UINT32_MAX;
	return r.first + 1;
}

/* Who issued the document at W ("the statement said"): the speaker of the
 * latest statement before cands[i], of the last MAX_SPOKEN, within
 * PRONOUN_REACH paragraphs, whose cue or source speaks of such a document
 * ("the army said in a statement"), if it has one. */
static const dm_cand *issuer(const dm_text *t, const dm_cand *cands, size_t i, uint32_t w)
{
	const dm_sent *s = dm_sent_of(t, w);
	for (size_t back = 0; s && i-- > 0 && back < MAX_SPOKEN; back++) { /* a bound: long texts stay linear */
		const dm_cand *p = &cands[i];
		const dm_sent *ps = dm_sent_of(t, p->cue.first);
		if (!ps || ps->para + PRONOUN_REACH < s->para)
			break;
		const dm_range own[2] = {p->cue, p->source};
		for (int r = 0; r < 2; r++)
			for (uint32_t j = own[r].first; j < own[r].last; j++)
				if (same_word(t, j, w))
					return p->speaker ? p : NULL;
	}
	return NULL;
}

/* Is the source R "his", or "his" or "her" and a word or two in lower
 * case after it, the owner of a cue noun ("His claim that ...", "His
 * repeated claims of ...")?  Not "her" alone but before its cue noun
 * ("her claim"; else whom it was said to), not
 * another's ("his lawyer", "his surrogates"), not a phrase ("his concern
 * about ..."). */
static int owner_pronoun(const dm_text *t, dm_range r)
{
	char g = r.last > r.first && r.last - r.first <= 3 ? dm_owner_pronoun(t, r.first) : 0;
	if (!g ||
	    (g == 'f' && r.last == r.first + 1 && !(r.last < t->n_toks && dm_tok_in(t, r.last, &dm_lex_cue_nouns))))
		return 0;
	for (uint32_t i = r.first + 1; i < r.last; i++)
		if (!(t->toks[i].flags & TK_WORD) || (t->toks[i].flags & TK_CAP) || dm_tok_in(t, i, &dm_lex_roles) ||
		    dm_tok_in(t, i, &dm_lex_orgs) || dm_tok_in(t, i, &dm_lex_unnamed_sources) ||
		    dm_tok_in(t, i, &dm_lex_function) || t->raw[t->toks[i].end - 1] == 's')
			return 0;
	return 1;
}

/* A name a source showed to be an organisation ("The group that owns her
 * music, Big Machine, says") is one wherever it is a source ("Big Machine
 * have denied it"), though its words alone look like a person's.  Of the
 * first MAX_ORGS such names, so that a long document stays linear. */
static void orgs_everywhere(const dm_text *t, dm_cand *cands, size_t n)
{
	dm_range orgs[MAX_ORGS];
	size_t n_orgs = 0;
	for (size_t i = 0; i < n && n_orgs < MAX_ORGS; i++)
		if (cands[i].type == DM_ORGANIZATION && cands[i].name.last - cands[i].name.first >= 2)
			orgs[n_orgs++] = cands[i].name;
	for (size_t i = 0; i < n && n_orgs; i++)
		for (size_t k = 0; k < n_orgs && cands[i].type == DM_PERSON; k++)
			if (same_name(t, orgs[k], cands[i].name))
				cands[i].type = DM_ORGANIZATION;
}

void dm_resolve(const dm_text *t, const dm_tokinfo *ti, dm_arena *a, dm_cand *cands, size_t n)
{
	doc *d = calloc(1, sizeof *d);
	if (!d)
		return;
	d->t = t;
	d->ti = ti;
	d->a = a;
	orgs_everywhere(t, cands, n);
	for (size_t i = 0; i < n && d->np < MAX_PERSONS; i++) {
		dm_cand *c = &cands[i];
		if (c->type == DM_PERSON && c->name.last - c->name.first >= 2) {
			const dm_sent *se = dm_sent_of(t, c->name.first);
			dm_range tp = se ? titled_phrase(t, &t->paras[se->para], c->name) : c->name;
			if (c->source.first < tp.first)
				tp.first = c->source.first;
			if (c->source.last > tp.last)
				tp.last = c->source.last;
			int only = only_a_name(d, c->name);
			d->persons[d->np++] =
			    (person){c->name, tp, 0, only ? KNOWN_SURE : KNOWN_NAME, (uint8_t)only, 0, 0};
		}
	}
	d->n_sources = d->np;
	names_in_text(d);
	lone_sources(d, cands, n);
	for (size_t p = d->n_sources; p < d->np; p++)
		d->persons[p].only = (uint8_t)only_a_name(d, d->persons[p].name);
	for (size_t p = 0; p < d->np; p++) {
		person *ps = &d->persons[p];
		int name = ps->only;
		ps->first_h = tok_hash(t, ps->name.first);
		ps->last_h = tok_hash(t, ps->name.last - 1);
		ps->gender = gender_of(t, ps, name);
		if (ps->gender || (name && (dm_tok_in(t, ps->name.first, &dm_lex_given_female) ||
		                            dm_tok_in(t, ps->name.first, &dm_lex_given_male))))
			ps->known = KNOWN_SURE;
		else if (!ps->known && name)
			ps->known = KNOWN_NAME;
	}
	find_mentions(d, cands, n);
	pronoun_genders(d);
	/* A person's gender is every occurrence's: the same name written twice
	 * is one person. */
	for (size_t p = 0; p < d->np; p++)
		for (size_t q = 0; q < d->np && !d->persons[p].gender; q++)
			if (d->persons[q].gender && same_person(d, p, q))
				d->persons[p].gender = d->persons[q].gender;

	const char *last_speaker = NULL, *orgs[MAX_ORGS];
	size_t n_orgs = 0;
	uint32_t last_para = 0, last_tok = 0, org_para = 0;
	size_t last_who = MAX_PERSONS;
	dm_speaker_type last_type = DM_UNKNOWN;
	for (size_t i = 0; i < n; i++) {
		dm_cand *c = &cands[i];
		uint32_t head;
		if (c->continued) {
			/* more of the last statement's words, if no other person
			 * has been named since: in the next paragraph, or within
			 * CONTINUE_REACH paragraphs of an interview (one person
			 * named in the whole article) */
			const dm_sent *cs = dm_sent_of(t, c->content.first);
			if (cs &&
			    (cs->para <= last_para + 1 || (cs->para <= last_para + CONTINUE_REACH && one_person(d))) &&
			    !other_named(d, last_tok, c->content.first, last_who)) {
				c->speaker = last_speaker;
				c->type = last_type;
				last_para = dm_sent_of(t, c->content.last - 1)->para;
				last_tok = c->content.last;
			}
			continue;
		}
		size_t len = c->name.last - c->name.first;
		dm_range v = len && c->type == DM_ORGANIZATION ? dm_government_voice(t, c->source) : (dm_range){0, 0};
		int voice = len && v.first == c->name.first && v.last == c->name.last;
		/* "WALLACE: ...": a transcript's label in capitals is the
		 * person of the article with that surname ("Chris Wallace") */
		int label = len == 1 && dm_tok_is(t, c->cue.first, ':') && acronym(t, c->name.first) &&
		            surname_of(d, c->name.first, c->source) < d->np;
		if (len && !voice && !label && names_nobody(d, c->name)) {
			c->name = (dm_range){0, 0};
			c->type = DM_UNKNOWN;
			len = 0;
		}
		if (!len && !c->pronoun) {
			c->name = lone_surname(d, c->source); /* "Doctor said" */
			len = c->name.last - c->name.first;
		}
		size_t who = MAX_PERSONS;
		if (len >= 2) {
			c->speaker = range_text(t, a, c->name);
			/* "North Korea", "Big Machine" are nobody's antecedent */
			who = voice || c->type == DM_ORGANIZATION ? MAX_PERSONS : person_named(d, c->name);
		} else if (len == 1 && c->name.first > 0 && dm_tok_eq(t, c->name.first - 1, "the")) {
			/* "the Pentagon": no one's surname; "the Times": the
			 * organisation that spoke as "The New York Times" */
			const char *o = last_org_ending(orgs, n_orgs, t, c->name.first);
			c->speaker = o ? o : range_text(t, a, c->name);
			if (o)
				c->type = DM_ORGANIZATION;
		} else if (len == 1) {
			/* A surname: the one full name ending in it; where two
			 * people share it, the surname as written. */
			size_t hit = surname_of(d, c->name.first, c->source);
			if (hit < d->np &&
			    (!voice || d->persons[hit].known == KNOWN_SURE)) { /* "Jim Jordan", not "Say Mexico" */
				c->speaker = range_text(t, a, d->persons[hit].name);
				c->type = DM_PERSON;
				who = hit;
			} else {
				c->speaker = range_text(t, a, c->name);
				if (acronym(t, c->name.first) && !dm_tok_is(t, c->cue.first, ':'))
					c->type = DM_ORGANIZATION; /* "VW", "CNS"; not "WALLACE:" */
			}
		} else if (c->pronoun == 'p' || owner_pronoun(t, c->source)) {
			/* "he said", and "his claim that ...", "her repeated
			 * denials" */
			char g = dm_owner_pronoun(t, c->source.first);
			if (!g)
				g = dm_tok_eq(t, c->source.first, "she") ? 'f' : 'm';
			who = antecedent(d, c->source.first, g);
			c->type = DM_PERSON;
			if (who < d->np)
				c->speaker = range_text(t, a, d->persons[who].name);
		} else if (c->pronoun == 'g' && dm_tok_eq(t, c->source.first, "it")) {
			/* "it" is the organisation that spoke last, if it was the
			 * last to speak, within PRONOUN_REACH paragraphs */
			const dm_sent *cs = dm_sent_of(t, c->source.first);
			dm_range other = cs ? other_opener(t, cs->tok_start, c->source.first,
			                                   n_orgs ? orgs[(n_orgs - 1) % MAX_ORGS] : NULL)
			                    : (dm_range){0, 0};
			if (other.last > other.first) {
				/* "The Taliban claimed the attack, which it said ...": not
				 * the last organisation's words but its sentence's subject's */
				c->speaker = range_text(t, a, other);
				c->type = DM_ORGANIZATION;
			} else if (other.first == 0 && n_orgs && cs && cs->para <= org_para + PRONOUN_REACH &&
			           last_type == DM_ORGANIZATION) {
				c->speaker = orgs[(n_orgs - 1) % MAX_ORGS];
				c->type = DM_ORGANIZATION;
			}
		} else if (c->pronoun == 'g' && dm_tok_eq(t, c->source.first, "they")) {
			/* "they" is an organisation that spoke in the paragraph
			 * before or this one, if it was the last to speak and no
			 * one has been named since ("Big Machine have denied it.
			 * '...,' they said") */
			const dm_sent *cs = dm_sent_of(t, c->source.first);
			if (n_orgs && cs && cs->para <= org_para + 1 && last_type == DM_ORGANIZATION &&
			    !other_named(d, last_tok, c->source.first, MAX_PERSONS)) {
				c->speaker = orgs[(n_orgs - 1) % MAX_ORGS];
				c->type = DM_ORGANIZATION;
			}
		} else if (c->pronoun) {
			/* "I" outside a quotation is the writer; "we" is left
			 * unresolved. */
		} else if ((head = the_document(t, c->source)) != UINT32_MAX) {
			const dm_cand *by = issuer(t, cands, i, head);
			c->speaker = by ? by->speaker : NULL;
			c->type = by ? by->type : DM_UNNAMED;
		} else if ((head = definite_title(t, c->source)) != UINT32_MAX) {
			who = titled_person(d, c->source, head);
			if (who < d->np) {
				c->speaker = range_text(t, a, d->persons[who].name);
				c->type = DM_PERSON;
			} else {
				c->type = DM_UNNAMED;
			}
		} else if (c->type == DM_ORGANIZATION) {
			dm_range r = c->source;
			while (r.first < r.last &&
			       (dm_tok_eq(t, r.first, "the") || !(t->toks[r.first].flags & TK_WORD)))
				r.first++;
			/* "the ministry": the last organisation named "... Ministry";
			 * "Ada Lind's campaign" is the campaign, whose owner says
			 * whose it is; "the city's police" names no owner: unnamed */
			int owned = 0;
			for (uint32_t j = r.first; j < r.last && owned <= 0; j++)
				if (dm_tok_possessive(t, j))
					owned = j > r.first && (t->toks[j - 1].flags & TK_CAP) ? 1 : -1;
			for (uint32_t j = r.first; j < r.last; j++)
				if (dm_tok_is(t, j, ',')) {
					r.last = j; /* "the People's Daily, the mouthpiece of ..." */
					break;
				}
			if (owned > 0)
				c->speaker = range_text(t, a, r);
			if (r.last > r.first && !owned)
				c->speaker = last_org_ending(orgs, n_orgs, t, r.last - 1);
			if (!c->speaker)
				c->type = DM_UNNAMED;
		} else if (c->source.last > c->source.first) {
			c->type = DM_UNNAMED;
		}
		if (c->speaker && c->type == DM_ORGANIZATION && c->source.last > c->source.first) {
			/* an organisation that speaks again ("It said", "the
			 * Times said") moves to the end of the list, not in twice:
			 * the list is for other descriptions to find theirs */
			const dm_sent *cs = dm_sent_of(t, c->source.first);
			size_t k = n_orgs;
			while (k-- > 0 && n_orgs - k <= MAX_ORGS && orgs[k % MAX_ORGS] != c->speaker)
				;
			if (k == SIZE_MAX || n_orgs - k > MAX_ORGS)
				orgs[n_orgs++ % MAX_ORGS] = c->speaker;
			else {
				for (; k + 1 < n_orgs; k++)
					orgs[k % MAX_ORGS] = orgs[(k + 1) % MAX_ORGS];
				orgs[(n_orgs - 1) % MAX_ORGS] = c->speaker;
			}
			org_para = cs ? cs->para : org_para;
		}
		if (who < d->np && c->source.last > c->source.first)
			d->spoken[d->n_spoken++ % MAX_SPOKEN] = (mention){c->source.first, (uint16_t)who, 1};
		/* An unresolved "we" or "they" does not break the thread of who
		 * is speaking; an unnamed source does. */
		if (c->speaker || (c->source.last > c->source.first && (!c->pronoun || c->pronoun == 'p'))) {
			uint32_t end = c->content.last > c->content.first ? c->content.last : c->cue.last;
			const dm_sent *cs = dm_sent_of(t, end > 0 ? end - 1 : 0);
			last_speaker = c->speaker;
			last_type = (dm_speaker_type)c->type;
			last_para = cs ? cs->para : last_para;
			last_tok = end;
			last_who = who;
		}
	}
	/* "Claiming the criticism is unfair, Trump told Fox that ...",
	 * "Commenting on the vote, Lind said ...": a participle that opens its
	 * sentence (with its preposition), with no source of its own, is the
	 * source's of the sentence's own statement after it */
	for (size_t i = 0; i + 1 < n; i++) {
		dm_cand *c = &cands[i];
		const dm_sent *s = dm_sent_of(t, c->cue.first);
		uint32_t len = c->cue.last - c->cue.first;
		if (c->speaker || c->source.last > c->source.first || !s || c->cue.first != s->tok_start ||
		    !dm_tok_ends(t, c->cue.first, "ing", 4) ||
		    !(len == 1 || (len == 2 && dm_tok_in(t, c->cue.first + 1, &dm_lex_governing_preps))))
			continue;
		for (size_t j = i + 1; j < n && cands[j].cue.first < s->tok_end; j++)
			if (cands[j].source.last > cands[j].source.first && cands[j].cue.first > c->cue.first) {
				c->speaker = cands[j].speaker;
				c->type = cands[j].type;
				break;
			}
	}
	for (size_t i = 1; i < n; i++) {
		dm_cand *c = &cands[i], *p = &cands[i - 1];
		const dm_sent *s = dm_sent_of(t, c->cue.first);
		if (c->speaker || c->source.last > c->source.first || c->cue.last != c->cue.first + 1 || !s ||
		    c->cue.first == s->tok_start || !dm_tok_ends(t, c->cue.first, "ing", 4) ||
		    !dm_tok_is(t, c->cue.first - 1, ',') || p->cue.first < s->tok_start ||
		    p->cue.first > c->cue.first || p->source.last <= p->source.first)
			continue;
		c->speaker = p->speaker; /* "..., Ada Lind said, adding that ..." */
		c->type = p->type;
	}
	free(d->m);
	free(d->proper);
	free(d);
}
