/*
 * Speakers across documents (link.h).  A form is read for its name first:
 * the titles, honorifics and party words written before it go ("Democrat
 * Ada Lind", "Secretary of State Ada Lind" are "Ada Lind"), and a form
 * that names nobody (a pronoun, a quantifier, a common word, a month, a
 * place, a nationality, a party) is no person.  The names are then grouped
 * by their key (names.c) and merged only where nothing speaks against it:
 *   - forms of one key join unless the titles documents give them share no
 *     word (a mayor and an economist of one name are two people); a form
 *     with no title that could belong to two such people joins neither;
 *   - a name with middle names or initials joins the one person named
 *     without them ("Ada B. Lind", "Ada Lind"), unless forms with other
 *     middle initials could be that person too;
 *   - initials alone ("IMF") join the one organisation they abbreviate;
 *   - a surname alone ("Lind", "Oste Jr.", "de Vries") joins the person its
 *     own documents name: the full name they give it ("Ada Lind ... Lind
 *     said"), or the one person of that surname that a "Mr." or "Ms." or
 *     the title before it fits (a document that names two of them says
 *     for neither, unless no other document says); with no such evidence,
 *     the one person of the archive whose name ends in it, never one of
 *     several; a person name only, never an organisation's last word;
 *   - persons and organisations never merge;
 *   - what users said wins: 'alias split' keeps a form apart, 'alias add'
 *     puts it with the person of the name given.
 * Every form records why it is where it is, in words.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dictum.h"
#include "lex/lexicon.h"
#include "link.h"
#include "dictum_buf.h"
#include "util/utf8.h"

#define STEM       5   /* "presidential" and "President" share "presi" */
#define MAX_WORDS  24  /* of a name */
#define VOTE_SHARE 0.8 /* of a surname's documents that name someone, those that must name one person */
#define LOOK_BACK  6   /* words read before a surname for its full name, honorific and title */
#define DOC_STEMS  8

/* ---- the words of a name ---- */

typedef struct word {
	const char *p;
	size_t n;
} word;

static int space_at(const char *s)
{
	return *s == ' ' || *s == '\t' || (s[0] == '\xC2' && s[1] == '\xA0');
}

/* The words of S, split at spaces (no-break spaces too); a name longer
 * than MAX has its tail in its last word. */
static size_t words_of(const char *s, word *w, size_t max)
{
	size_t n = 0;
	for (;;) {
		while (space_at(s))
			s += *s == '\xC2' ? 2 : 1;
		if (!*s)
			return n;
		const char *b = s;
		while (*s && !space_at(s))
			s++;
		if (n < max)
			w[n++] = (word){b, (size_t)(s - b)};
		else
			w[max - 1].n = (size_t)(s - w[max - 1].p);
	}
}

/* W lower-cased (ASCII letters) into B[cap], NUL-terminated; 0 when too long. */
static size_t lower(word w, char *b, size_t cap)
{
	if (!w.n || w.n + 2 > cap)
		return 0;
	for (size_t i = 0; i < w.n; i++)
		b[i] = (char)(w.p[i] >= 'A' && w.p[i] <= 'Z' ? w.p[i] | 32 : w.p[i]);
	b[w.n] = 0;
	return w.n;
}

/* Is W in L, lower-cased, as written, without its final period or with
 * one ("Sen." and "sen", "Gov" and "gov.")? */
static int in(const dm_wordlist *l, word w)
{
	char b[64];
	size_t n = lower(w, b, sizeof b);
	if (!n)
		return 0;
	if (dm_lex_hasn(l, b, n))
		return 1;
	if (b[n - 1] == '.')
		return n > 1 && dm_lex_hasn(l, b, n - 1);
	b[n] = '.';
	return dm_lex_hasn(l, b, n + 1);
}

static int capitalised(word w)
{
	unsigned char c = (unsigned char)w.p[0];
	return (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* A given name, or a double one whose first part is ("Jean-Pierre"). */
static int given(word w)
{
	if (in(&dm_lex_given_female, w) || in(&dm_lex_given_male, w))
		return 1;
	const char *h = memchr(w.p, '-', w.n);
	return h && h > w.p && given((word){w.p, (size_t)(h - w.p)});
}

/* 'f' or 'm' when W is a given name of women or of men only. */
static char given_sex(word w)
{
	int f = in(&dm_lex_given_female, w), m = in(&dm_lex_given_male, w);
	return f && !m ? 'f' : m && !f ? 'm' : 0;
}

/* "de", "van", "bin": part of the surname that follows ("Al" and "Van"
 * written so are given names). */
static int particle(word w)
{
	return in(&dm_lex_nameparts, w) && !in(&dm_lex_stopwords, w) && !(capitalised(w) && given(w));
}

/* "J.", "J.R.": initials. */
static int initial(word w)
{
	if (w.n < 2 || w.n % 2)
		return 0;
	for (size_t i = 0; i < w.n; i += 2)
		if (w.p[i] < 'A' || w.p[i] > 'Z' || w.p[i + 1] != '.')
			return 0;
	return 1;
}

static int title_word(word w)
{
	return in(&dm_lex_honorifics, w) || in(&dm_lex_honorifics_unabbreviated, w) || in(&dm_lex_roles, w) ||
	       in(&dm_lex_titles, w);
}

/* A word written before a name that is no part of it. */
static int lead_word(word w)
{
	return title_word(w) || in(&dm_lex_affiliations, w) || in(&dm_lex_not_names, w) || in(&dm_lex_function, w) ||
	       in(&dm_lex_unnamed_sources, w) || in(&dm_lex_demonyms, w) || (!capitalised(w) && !particle(w));
}

static size_t phrase(const word *w, size_t n, char *b, size_t cap);
static int phrase_in(const dm_wordlist *l, const char *b, size_t k);

/* Do the words W[N] open with a place's name of two words or more ("San
 * Francisco Chronicle")?  Then they are an outlet's or a team's, not a
 * person's, whatever given name ("Francisco") they hold. */
static int placed(const word *w, size_t n)
{
	char b[160];
	for (size_t k = 2; k < n; k++) {
		size_t len = phrase(w, k, b, sizeof b);
		if (len && phrase_in(&dm_lex_places, b, len))
			return 1;
	}
	return 0;
}

/* Where the name of the form W[N] begins: past the titles, honorifics,
 * party and role words before it ("GOP nominee Ada Lind", "Sen. Lind"),
 * and past what precedes the given name of a longer form ("State Ada
 * Lind" of "Secretary of State Ada Lind").  A party word goes only where
 * two words stay, so "Democratic Unity Council" keeps it; an
 * organisation's name is left whole. */
static size_t name_start(const word *w, size_t n, int type)
{
	if (type == DM_ORGANIZATION || n < 2 || in(&dm_lex_orgs, w[n - 1]) || placed(w, n))
		return 0;
	size_t i = 0;
	for (; i + 1 < n; i++) {
		word x = w[i];
		if (i && in(&dm_lex_title_stopwords, x) && !particle(x))
			continue; /* "Secretary of State" */
		if (!lead_word(x))
			break;
		size_t rest = n - i - 1;
		if (rest < 2 && capitalised(x) && given(x))
			break; /* "Dean Baker" */
		if (rest < 2 && in(&dm_lex_affiliations, x) && !title_word(x))
			break;
	}
	if (n - i >= 3 && !given(w[i]))
		for (size_t j = i + 1; j + 1 < n; j++)
			if (capitalised(w[j]) && given(w[j])) {
				if (n - j >= 2)
					i = j;
				break;
			}
	return i;
}

static size_t acronym(word w, char *a, size_t cap);

/* A name has a capitalised word that is not a title, pronoun or function
 * word, or initials: "Hikmat Hajiyev", "Armenian Foreign Ministry", "WHO";
 * not "He", "The presidential aide". */
static int has_name_word(const word *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char b[64], a[16];
		if (acronym(w[i], a, sizeof a)) /* "WHO" */
			return 1;
		if (capitalised(w[i]) && lower(w[i], b, sizeof b) && !dm_lex_has(&dm_lex_roles, b) &&
		    !dm_lex_has(&dm_lex_function, b) && !dm_lex_pronoun(b) && strcmp(b, "the"))
			return 1;
	}
	return 0;
}

/* Initials written in capitals ("IMF", "U.S", "NAACP"): their letters in
 * A (NUL-terminated), or 0 when W is none. */
static size_t acronym(word w, char *a, size_t cap)
{
	size_t k = 0;
	for (size_t i = 0; i < w.n; i++) {
		char c = w.p[i];
		if (c >= 'A' && c <= 'Z') {
			if (k + 1 >= cap)
				return 0;
			a[k++] = c;
		} else if (c != '.') {
			return 0;
		}
	}
	a[k] = 0;
	return k >= 2 ? k : 0;
}

/* The phrase W[N] lower-cased, one space between words, in B[cap]. */
static size_t phrase(const word *w, size_t n, char *b, size_t cap)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (k + w[i].n + 3 > cap)
			return 0;
		if (i)
			b[k++] = ' ';
		k += lower(w[i], b + k, cap - k);
	}
	b[k] = 0;
	return k;
}

static int phrase_in(const dm_wordlist *l, const char *b, size_t k)
{
	if (dm_lex_hasn(l, b, k))
		return 1;
	char d[160]; /* "u.s" is "u.s." */
	if (k + 2 > sizeof d || b[k - 1] == '.')
		return 0;
	memcpy(d, b, k);
	d[k] = '.';
	return dm_lex_hasn(l, d, k + 1);
}

/* Is W a place in initials ("U.S", "UK")? */
static int acronym_place(word w)
{
	char a[16], d[2 * sizeof a];
	size_t na = acronym(w, a, sizeof a); /* A is NUL-terminated */
	for (size_t i = 0; i < na; i++) {
		a[i] = (char)(a[i] | 32);
		d[2 * i] = a[i];
		d[2 * i + 1] = '.';
	}
	d[2 * na] = 0;
	return na && (dm_lex_has(&dm_lex_places, d) || dm_lex_has(&dm_lex_places, a));
}

/* Why the words W[N] of a form of TYPE name nobody, in WHY; 0 when they
 * may name someone. */
static int names_nobody(const word *w, size_t n, int type, char *why, size_t len)
{
	char b[160];
	if (!n || !has_name_word(w, n)) {
		snprintf(why, len, "not a name (a pronoun or a bare title): no person");
		return 1;
	}
	/* "China said": a place speaks as its government in its statement,
	 * but is no one's name across documents */
	size_t k = phrase(w, n, b, sizeof b);
	if (k && phrase_in(&dm_lex_places, b, k)) {
		snprintf(why, len, "a place, not a name: no person");
		return 1;
	}
	if (n == 1 && acronym_place(w[0])) {
		snprintf(why, len, "a place, not a name: no person");
		return 1;
	}
	if (type == DM_ORGANIZATION)
		return 0;
	if (k && phrase_in(&dm_lex_demonyms, b, k)) {
		snprintf(why, len, "a nationality, not a name: no person");
		return 1;
	}
	if (n == 1) {
		char a[16];
		size_t na = acronym(w[0], a, sizeof a);
		if (na) { /* "GOP"; not "WHO" */
			for (size_t i = 0; i < na; i++)
				a[i] = (char)(a[i] | 32);
			if (dm_lex_has(&dm_lex_affiliations, a)) {
				snprintf(why, len, "a party, not a person: no person");
				return 1;
			}
			return 0;
		}
		/* "They'll" is "they" */
		word base = w[0];
		for (size_t i = 1; i < base.n; i++)
			if (base.p[i] == '\'' || (base.p[i] == '\xE2' && i + 2 < base.n && base.p[i + 1] == '\x80' &&
			                          base.p[i + 2] == '\x99')) {
				base.n = i;
				break;
			}
		const char *what = NULL;
		if (lower(base, b, sizeof b) && dm_lex_pronoun(b))
			what = "a pronoun";
		else if (in(&dm_lex_months, base) || in(&dm_lex_days, base))
			what = "a month or a day";
		else if (in(&dm_lex_numbers, base))
			what = "a number";
		else if (in(&dm_lex_not_names, base) || in(&dm_lex_function, base) || in(&dm_lex_stopwords, base))
			what = "a common word";
		else if (in(&dm_lex_affiliations, base))
			what = "a party";
		else if (title_word(base) || in(&dm_lex_unnamed_sources, base))
			what = "a title";
		if (what) {
			snprintf(why, len, "%s, not a name: no person", what);
			return 1;
		}
		return 0;
	}
	/* "Port Amsel", "Kent County", "National Mall" */
	if (dm_lex_value(&dm_lex_place_parts, lower(w[0], b, sizeof b) ? b : "") == 1) {
		snprintf(why, len, "a place ('%.*s ...'), not a name: no person", (int)w[0].n, w[0].p);
		return 1;
	}
	if (lower(w[n - 1], b, sizeof b) && dm_lex_value(&dm_lex_place_parts, b) == 2) {
		snprintf(why, len, "a place ('... %.*s'), not a name: no person", (int)w[n - 1].n, w[n - 1].p);
		return 1;
	}
	for (size_t i = 1; i < n; i++) {
		if (in(&dm_lex_affiliations, w[i])) {
			snprintf(why, len, "a party's people ('%.*s'), not a person: no person", (int)w[i].n, w[i].p);
			return 1;
		}
		if (capitalised(w[i]) && !particle(w[i]) &&
		    (in(&dm_lex_not_names, w[i]) || in(&dm_lex_function, w[i]))) {
			snprintf(why, len, "'%.*s' is no part of a name: no person", (int)w[i].n, w[i].p);
			return 1;
		}
	}
	return 0;
}

/* ---- what a form's documents say of a surname written alone ---- */

typedef struct docev {
	dm_buf names;              /* the fuller names the document writes it in (read_use) */
	int sexes;                 /* 1 for women, 2 for men: the honorifics before it ("Ms. Lind") */
	uint32_t stems[DOC_STEMS]; /* of the title words before it ("President Lind") */
	unsigned n_stems;
} docev;

typedef struct textev {
	word surname; /* as the form writes it */
	int count_case;
	docev *docs;
	size_t n, cap;
	long lower, capital; /* uses in lower case, and capitalised inside a sentence */
	long uses, alone;    /* as written, and not followed by another capitalised word ("South" of "South Dakota") */
	int failed;
} textev;

static uint32_t stem_hash(const char *w, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n && i < STEM; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h;
}

static int word_char(int32_t c)
{
	return c >= 0 && (dm_is_letter(c) || dm_is_digit(c));
}

/* The word before byte P of TEXT: one run of spaces (not a line break)
 * back, then the run of other bytes before it. */
static int word_before(const char *text, size_t p, word *w)
{
	size_t q = p;
	while (q > 0 && (text[q - 1] == ' ' || (q >= 2 && text[q - 2] == '\xC2' && text[q - 1] == '\xA0')))
		q -= text[q - 1] == ' ' ? 1 : 2;
	if (q == p || q == 0)
		return 0;
	size_t e = q;
	while (q > 0 && text[q - 1] != ' ' && text[q - 1] != '\n' && text[q - 1] != '\t' &&
	       !(q >= 2 && text[q - 2] == '\xC2' && text[q - 1] == '\xA0'))
		q--;
	if (q == e) /* a line break */
		return 0;
	*w = (word){text + q, e - q};
	return 1;
}

/* A word that ends where no name goes on: a comma, a quote, a
 * possessive, a sentence's end. */
static int closed(word w)
{
	char c = w.p[w.n - 1];
	if (c == ',' || c == ';' || c == ':' || c == ')' || c == '"' || c == '!' || c == '?')
		return 1;
	if (w.n >= 3 && (unsigned char)w.p[w.n - 3] == 0xE2 && (unsigned char)w.p[w.n - 2] == 0x80)
		return 1; /* ’ ” – — */
	return w.n >= 2 &&
	       (!memcmp(w.p + w.n - 2, "'s", 2) || (w.n >= 4 && !memcmp(w.p + w.n - 4, "\xE2\x80\x99s", 4)));
}

/* Does a sentence, or a quotation, end with W? */
static int ends_sentence(word w)
{
	char c = w.p[w.n - 1];
	if (c == '.' || c == '!' || c == '?' || c == ':' || c == '"')
		return 1;
	return w.n >= 3 && (unsigned char)w.p[w.n - 3] == 0xE2 && (unsigned char)w.p[w.n - 2] == 0x80 &&
	       (unsigned char)w.p[w.n - 1] == 0x9D; /* ” */
}

/* A word that opens a quotation or an aside ("\u201cThe", "(Lind"): its
 * opening marks taken off, 1.  Nothing of a name goes on before it. */
static int opened(word *w)
{
	int open = 0;
	for (;;) {
		if (w->n && (w->p[0] == '"' || w->p[0] == '(' || w->p[0] == '[' || w->p[0] == '\'')) {
			w->p++;
			w->n--;
		} else if (w->n >= 3 && (unsigned char)w->p[0] == 0xE2 && (unsigned char)w->p[1] == 0x80 &&
		           ((unsigned char)w->p[2] == 0x9C || (unsigned char)w->p[2] == 0x98)) {
			w->p += 3;
			w->n -= 3;
		} else {
			return open;
		}
		open = 1;
	}
}

/* Can W be a word of a person's name written in running text? */
static int name_token(word w)
{
	if (initial(w) || (particle(w) && !capitalised(w)))
		return 1;
	if (!capitalised(w) || w.p[w.n - 1] == '.')
		return 0;
	return !title_word(w) && !in(&dm_lex_function, w) && !in(&dm_lex_not_names, w) &&
	       !in(&dm_lex_affiliations, w) && !in(&dm_lex_months, w) && !in(&dm_lex_days, w) && !in(&dm_lex_orgs, w) &&
	       !in(&dm_lex_demonyms, w) && !in(&dm_lex_places, w) && !in(&dm_lex_stopwords, w) &&
	       !in(&dm_lex_numbers, w) && !in(&dm_lex_unnamed_sources, w);
}

/* Read one use of the surname, at byte AT of TEXT, into D. */
static void read_use(textev *ev, docev *d, const char *text, size_t at)
{
	size_t cur = at, name_from = at;
	int names = 0, stage = 0;
	word x;
	for (int k = 0; k < LOOK_BACK && word_before(text, cur, &x); k++) {
		if (closed(x))
			break;
		int open = opened(&x);
		if (!x.n)
			break;
		if (!stage && name_token(x)) {
			name_from = (size_t)(x.p - text);
			cur = name_from;
			if (++names == 3 || open)
				break;
			continue;
		}
		stage = 1;
		char b[64];
		if (in(&dm_lex_honorifics, x) || in(&dm_lex_honorifics_unabbreviated, x)) {
			d->sexes |= in(&dm_lex_female_words, x) ? 1 : in(&dm_lex_male_words, x) ? 2 : 0;
		} else if (title_word(x) || in(&dm_lex_affiliations, x)) {
			size_t n = lower(x, b, sizeof b);
			while (n && b[n - 1] == '.')
				n--;
			if (n && d->n_stems < DOC_STEMS)
				d->stems[d->n_stems++] = stem_hash(b, n);
		} else if (open || !in(&dm_lex_title_stopwords, x)) {
			break;
		}
		if (open)
			break;
		cur = (size_t)(x.p - text);
	}
	if (!names)
		return;
	/* each name once, marked '+' where it stands inside a sentence (not
	 * a capitalised opener taken for a name): "\n+Ada Lind\n-Ada B. Lind\n" */
	const char *name = text + name_from;
	size_t n = at + ev->surname.n - name_from;
	char mark = word_before(text, name_from, &x) && !ends_sentence(x) ? '+' : '-';
	for (const char *s = d->names.data; s && (s = strstr(s, "\n")) && s[1];) {
		s += 2;
		if (!strncmp(s, name, n) && s[n] == '\n')
			return;
	}
	if (!d->names.len)
		dm_buf_putc(&d->names, '\n');
	dm_buf_putc(&d->names, mark);
	dm_buf_add(&d->names, name, n);
	dm_buf_putc(&d->names, '\n');
	if (d->names.failed)
		ev->failed = 1;
}

/* Is the text at AT, N bytes long, a word of its own? */
static int whole_word(const char *text, size_t len, size_t at, size_t n)
{
	if (at && word_char(dm_utf8_prev(text, at)))
		return 0;
	if (at && text[at - 1] == '-')
		return 0;
	size_t e = at + n;
	return e >= len || !word_char(dm_utf8_next(text, len, &e));
}

static size_t find(const char *text, size_t len, size_t from, const char *w, size_t n)
{
	for (size_t i = from; i + n <= len; i++) {
		const char *p = memchr(text + i, w[0], len - i - n + 1);
		if (!p)
			return SIZE_MAX;
		i = (size_t)(p - text);
		if (!memcmp(p, w, n))
			return i;
	}
	return SIZE_MAX;
}

/* dm_each_text: what one document says of the surname. */
static int read_text(const char *text, size_t len, void *arg)
{
	textev *ev = arg;
	if (ev->n == ev->cap) {
		size_t cap = ev->cap ? 2 * ev->cap : 8;
		docev *v = realloc(ev->docs, cap * sizeof *v);
		if (!v) {
			ev->failed = 1;
			return 1;
		}
		ev->docs = v;
		ev->cap = cap;
	}
	docev *d = memset(&ev->docs[ev->n++], 0, sizeof *ev->docs);
	const char *s = ev->surname.p;
	size_t n = ev->surname.n;
	for (size_t at = 0; (at = find(text, len, at, s, n)) != SIZE_MAX; at += n) {
		if (!whole_word(text, len, at, n))
			continue;
		word x;
		if (word_before(text, at, &x) && !closed(x) && x.p[x.n - 1] != '.')
			ev->capital++;
		size_t e = at + n;
		while (e < len && text[e] == ' ')
			e++;
		int capital_next = e > at + n && e < len &&
		                   ((text[e] >= 'A' && text[e] <= 'Z') ||
		                    (e + 1 < len && text[e] == '\xC3' && (unsigned char)text[e + 1] <= 0x9E));
		ev->uses++;
		ev->alone += !capital_next;
		read_use(ev, d, text, at);
	}
	if (ev->count_case) {
		char low[64];
		memcpy(low, s, n);
		low[0] = (char)(low[0] | 32);
		for (size_t at = 0; (at = find(text, len, at, low, n)) != SIZE_MAX; at += n)
			ev->lower += whole_word(text, len, at, n);
	}
	return ev->failed;
}

/* The next of the names of D at *A (NULL at first) in B[cap]; *MID: it
 * stands inside a sentence.  0 past the last. */
static int next_name(const docev *d, const char **a, char *b, size_t cap, int *mid)
{
	if (!*a)
		*a = d->names.data ? d->names.data + 1 : "";
	if (!**a)
		return 0;
	const char *nl = strchr(*a, '\n');
	*mid = **a == '+';
	size_t k = (size_t)(nl - *a) - 1;
	if (k >= cap)
		k = cap - 1;
	memcpy(b, *a + 1, k);
	b[k] = 0;
	*a = nl + 1;
	return 1;
}

static void textev_free(textev *ev)
{
	for (size_t i = 0; i < ev->n; i++)
		dm_buf_free(&ev->docs[i].names);
	free(ev->docs);
}

/* ---- forms, clusters and the indexes that find them ---- */

typedef struct prep {
	const dm_form *form;
	size_t index;    /* of form */
	char *key;       /* of the name, titles and honorifics out */
	char *bare;      /* the key less a generational suffix ("lind jr" -> "lind"), or NULL */
	char *brief;     /* the key less middle names and initials ("ada b lind" -> "ada lind"), or NULL */
	char middle[8];  /* the initials of the middle names it leaves out */
	int parts;       /* words of the name */
	int surname;     /* a surname alone, with its particles or suffix: "Lind", "de Vries", "Oste Jr." */
	char sex;        /* of the given name: 'f', 'm' or 0 */
	char acro[16];   /* its letters when the name is initials ("IMF") */
	int placed;      /* it opens with a place ("San Francisco Chronicle"): no person's name */
	uint32_t *stems; /* of the title words */
	size_t n_stems;
	textev ev; /* what its documents say, when it is a surname alone */
} prep;

typedef struct cluster {
	size_t parent; /* union-find */
	size_t rep;    /* the form it began with: the most used of its key */
	const char *name;
	int type, split, parts, by_user;
	int disputed; /* a surname whose documents name other people than the one of its key */
	const char *key;
	uint32_t *stems;
	size_t n_stems;
} cluster;

static int stop_word(const char *w, size_t n)
{
	return dm_lex_hasn(&dm_lex_title_stopwords, w, n);
}

static int title_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

/* The stems of the words of F's titles, lower-cased, stop words out. */
static int title_stems(const dm_form *f, prep *p)
{
	for (size_t t = 0; t < f->n_titles; t++) {
		for (const char *s = f->titles[t]; *s;) {
			char w[16];
			size_t n = 0;
			for (; title_byte((unsigned char)*s); s++)
				if (n < sizeof w)
					w[n++] = (char)((unsigned char)*s < 0x80 ? *s | 32 : *s);
			if (n && !stop_word(w, n)) {
				uint32_t *v = realloc(p->stems, (p->n_stems + 1) * sizeof *v);
				if (!v)
					return -1;
				p->stems = v;
				p->stems[p->n_stems++] = stem_hash(w, n);
			}
			while (*s && !title_byte((unsigned char)*s))
				s++;
		}
	}
	return 0;
}

static int share(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < nb; j++)
			if (a[i] == b[j])
				return 1;
	return 0;
}

/* Roles do not speak against a merge: one side has none, or they share a word. */
static int compatible(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	return !na || !nb || share(a, na, b, nb);
}

/* Does the key NAME end with the whole parts of SURNAME? */
static int ends_with(const char *name, const char *surname)
{
	size_t n = strlen(name), k = strlen(surname);
	return n > k && name[n - k - 1] == ' ' && !strcmp(name + n - k, surname);
}

static size_t root(cluster *c, size_t i)
{
	while (c[i].parent != i)
		i = c[i].parent = c[c[i].parent].parent;
	return i;
}

static int add_stems(cluster *c, const uint32_t *s, size_t n)
{
	if (!n)
		return 0;
	uint32_t *v = realloc(c->stems, (c->n_stems + n) * sizeof *v);
	if (!v)
		return -1;
	memcpy(v + c->n_stems, s, n * sizeof *v);
	c->stems = v;
	c->n_stems += n;
	return 0;
}

/* J joins the person of I; their titles are one person's now. */
static int join(cluster *c, size_t j, size_t i)
{
	j = root(c, j);
	i = root(c, i);
	if (i == j)
		return 0;
	c[j].parent = i;
	return add_stems(&c[i], c[j].stems, c[j].n_stems);
}

static char *key_of(const word *w, size_t n)
{
	if (!n)
		return strdup("");
	return dm_name_key(w[0].p, (size_t)(w[n - 1].p + w[n - 1].n - w[0].p));
}

/* The key of the words W[N] picked by USE (a bit a word), spaces between. */
static char *key_of_some(const word *w, size_t n, unsigned long use)
{
	dm_buf b = {0};
	for (size_t i = 0; i < n; i++)
		if (use & (1ul << i)) {
			if (b.len)
				dm_buf_putc(&b, ' ');
			dm_buf_add(&b, w[i].p, w[i].n);
		}
	if (b.failed) {
		dm_buf_free(&b);
		return NULL;
	}
	char *k = dm_name_key(b.data ? b.data : "", b.len);
	dm_buf_free(&b);
	return k;
}

/* Read the name of the words W[N] (those of the name itself, titles out)
 * into P's keys.  -1 when memory ran out. */
static int read_name(const word *w, size_t n, int type, prep *p)
{
	if (!(p->key = key_of(w, n)))
		return -1;
	p->parts = 1;
	for (const char *s = p->key; *s; s++)
		p->parts += *s == ' ';
	if (!n)
		return 0;
	size_t last = n; /* the generational suffix, if any */
	if (n >= 2 && in(&dm_lex_name_suffixes, w[n - 1]))
		last = n - 1;
	size_t sur = last - 1; /* where the surname begins: its particles are its own */
	while (sur > 0 && particle(w[sur - 1]))
		sur--;
	p->surname = sur == 0 && type != DM_ORGANIZATION;
	if (last < n && !(p->bare = key_of(w, last)))
		return -1;
	p->sex = n > 1 ? given_sex(w[0]) : 0;
	if (n == 1 && !acronym(w[0], p->acro, sizeof p->acro))
		p->acro[0] = 0;
	if (type == DM_PERSON && sur >= 2 && n <= 8 * sizeof(unsigned long)) {
		/* "Ada B. Lind" -> "Ada Lind" */
		unsigned long use = 1;
		size_t m = 0;
		for (size_t i = sur; i < n; i++)
			use |= 1ul << i;
		for (size_t i = 1; i < sur && m + 1 < sizeof p->middle; i++)
			p->middle[m++] = (char)(w[i].p[0] | 32);
		if (!(p->brief = key_of_some(w, n, use)))
			return -1;
	}
	return 0;
}

/* A sorted index of keys to clusters. */
typedef struct entry {
	const char *key;
	size_t len;
	size_t cluster;
} entry;

static int by_entry(const void *a, const void *b)
{
	const entry *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int k = memcmp(x->key, y->key, n);
	if (k)
		return k;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->cluster < y->cluster ? -1 : x->cluster > y->cluster;
}

/* The first entry of E[N] whose key is KEY[LEN], or N. */
static size_t lookup(const entry *e, size_t n, const char *key, size_t len)
{
	size_t lo = 0, hi = n;
	entry probe = {key, len, 0};
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (by_entry(&e[mid], &probe) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && e[lo].len == len && !memcmp(e[lo].key, key, len) ? lo : n;
}

static int push(entry **e, size_t *n, size_t *cap, const char *key, size_t len, size_t cluster)
{
	if (*n == *cap) {
		size_t c = *cap ? 2 * *cap : 64;
		entry *v = realloc(*e, c * sizeof *v);
		if (!v)
			return -1;
		*e = v;
		*cap = c;
	}
	(*e)[(*n)++] = (entry){key, len, cluster};
	return 0;
}

/* The last part of a key, its suffix aside: "ada b lind jr" -> "lind". */
static const char *last_part(const char *key, const char *bare, size_t *len)
{
	const char *k = bare ? bare : key;
	const char *sp = strrchr(k, ' ');
	const char *s = sp ? sp + 1 : k;
	*len = strlen(s);
	return s;
}

/* Up to MAX distinct roots of the entries with KEY[LEN] that satisfy the
 * person test; returns how many (MAX+1 when there were more). */
static size_t roots_of(cluster *c, const entry *e, size_t n, const char *key, size_t len, size_t *out, size_t max)
{
	size_t k = 0;
	for (size_t i = lookup(e, n, key, len); i < n && e[i].len == len && !memcmp(e[i].key, key, len); i++) {
		size_t r = root(c, e[i].cluster), j = 0;
		while (j < k && out[j] != r)
			j++;
		if (j < k)
			continue;
		if (k == max)
			return max + 1;
		out[k++] = r;
	}
	return k;
}

/* By type, then key, then most statements first. */
static int by_key(const void *a, const void *b)
{
	const prep *x = *(const prep *const *)a, *y = *(const prep *const *)b;
	const dm_form *f = x->form, *g = y->form;
	if (f->type != g->type)
		return f->type - g->type;
	int k = strcmp(x->key, y->key);
	if (k)
		return k;
	if (f->statements != g->statements)
		return f->statements > g->statements ? -1 : 1;
	return strcmp(f->name, g->name);
}

static int same_group(const prep *a, const prep *b)
{
	return a->form->type == b->form->type && !strcmp(a->key, b->key);
}

static size_t new_cluster(cluster *c, size_t *nc, const dm_form *f, size_t fi, const prep *p)
{
	size_t i = (*nc)++;
	c[i] = (cluster){i, fi, f->name, f->type, f->split, p->parts, 0, 0, p->key, NULL, 0};
	return add_stems(&c[i], p->stems, p->n_stems) ? SIZE_MAX : i;
}

typedef struct linker {
	dm_form *forms;
	size_t n;
	prep *p;
	size_t *home; /* cluster of each form */
	cluster *c;
	size_t nc;
	size_t *first, *next; /* the forms of each cluster: first[cluster], next[form]; SIZE_MAX ends */
	entry *names;         /* every person's keys: key, bare, brief */
	size_t n_names;
} linker;

/* Say why of every form of cluster S. */
static void tell(linker *L, size_t s, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void tell(linker *L, size_t s, const char *fmt, ...)
{
	for (size_t i = L->first[s]; i != SIZE_MAX; i = L->next[i]) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(L->forms[i].reason, sizeof L->forms[i].reason, fmt, ap);
		va_end(ap);
	}
}

/* The first of the forms ORDER[N] (sorted by_key) of TYPE and KEY, or N. */
static size_t first_of(const prep **order, size_t n, int type, const char *key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const prep *m = order[mid];
		int k = m->form->type != type ? m->form->type - type : strcmp(m->key, key);
		if (k < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && order[lo]->form->type == type && !strcmp(order[lo]->key, key) ? lo : n;
}

/* The one root cluster, titles allowing, of the forms of TYPE and KEY
 * (other than cluster J): SIZE_MAX when none or several.  With FOLLOW, a
 * cluster joined to another person stands for that person's root;
 * without, it is passed over. */
static size_t one_cluster(linker *L, const prep **order, size_t no, int type, const char *key, size_t j, int follow)
{
	cluster *c = L->c;
	size_t hit = SIZE_MAX, hits = 0;
	for (size_t k = first_of(order, no, type, key);
	     k < no && order[k]->form->type == type && !strcmp(order[k]->key, key); k++) {
		size_t h = L->home[order[k]->index];
		if (h == SIZE_MAX || c[h].split)
			continue;
		if (root(c, h) != h) {
			if (!follow)
				continue;
			h = root(c, h);
		}
		if (h == hit || h == j)
			continue;
		if (compatible(c[h].stems, c[h].n_stems, c[j].stems, c[j].n_stems)) {
			hit = h;
			hits++;
		}
	}
	return hits == 1 ? hit : SIZE_MAX;
}

/* A name whose type attribution could not tell ("Ada Lind", "Reuters")
 * joins the one person, or else the one organisation, of that name.  A
 * surname alone is read in its own documents first (join_surnames), so
 * SURNAMES: 0 for the other names, before; 1 for the surnames, after,
 * where one whose documents named other people joins a person of its
 * key only if that person is still a surname alone. */
static int join_untyped(linker *L, const prep **order, size_t no, int surnames)
{
	cluster *c = L->c;
	for (size_t j = 0; j < L->nc; j++) {
		const prep *pj = &L->p[c[j].rep];
		if (c[j].type != DM_UNKNOWN || c[j].split || root(c, j) != j ||
		    (pj->surname && !pj->acro[0]) != surnames)
			continue;
		int follow = surnames && !c[j].disputed;
		size_t person = one_cluster(L, order, no, DM_PERSON, c[j].key, j, follow);
		size_t org = one_cluster(L, order, no, DM_ORGANIZATION, c[j].key, j, follow);
		size_t to = person != SIZE_MAX && org == SIZE_MAX   ? person
		            : org != SIZE_MAX && person == SIZE_MAX ? org
		                                                    : SIZE_MAX;
		if (to == SIZE_MAX)
			continue;
		if (join(c, j, to))
			return -1;
		tell(L, j, "same name as '%s', of no type of its own", L->forms[c[to].rep].name);
	}
	return 0;
}

/* A person's name with middle names or initials, by its key without them
 * ("ada lind") and the initials ("b"); sorted so, with no global. */
typedef struct long_name {
	const prep *p;
	cluster *c;
} long_name;

static int by_brief(const void *a, const void *b)
{
	const long_name *x = a, *y = b;
	int k = strcmp(x->p->brief, y->p->brief);
	return k ? k : strcmp(x->p->middle, y->p->middle);
}

/* May middle initials A and B be one person's ("b" and "bk" may; "b" and "k" not)? */
static int same_middle(const char *a, const char *b)
{
	size_t n = strlen(a), k = strlen(b);
	return !strncmp(a, b, n < k ? n : k);
}

/* "Ada B. Lind" joins "Ada Lind": every person whose name has middle
 * names or initials joins the one person named without them, titles
 * allowing, unless names with other middle initials could be that person
 * too ("Ada B. Lind", "Ada K. Lind"). */
static int join_middles(linker *L, const prep **order, size_t no)
{
	cluster *c = L->c;
	long_name *longs = malloc((L->nc + 1) * sizeof *longs);
	size_t nl = 0;
	if (!longs)
		return -1;
	for (size_t j = 0; j < L->nc; j++)
		if (c[j].type == DM_PERSON && L->p[c[j].rep].brief && !c[j].split)
			longs[nl++] = (long_name){&L->p[c[j].rep], &c[j]};
	if (nl)
		qsort(longs, nl, sizeof *longs, by_brief);
	for (size_t a = 0, b; a < nl; a = b) {
		const char *brief = longs[a].p->brief;
		int rival = 0;
		for (b = a + 1; b < nl && !strcmp(longs[b].p->brief, brief); b++)
			rival |= !same_middle(longs[b].p->middle, longs[a].p->middle) ||
			         !same_middle(longs[b].p->middle, longs[b - 1].p->middle);
		for (size_t i = a; i < b; i++) {
			size_t j = (size_t)(longs[i].c - c), hit = one_cluster(L, order, no, DM_PERSON, brief, j, 0);
			if (hit == SIZE_MAX)
				continue;
			if (rival) {
				tell(L, j,
				     "'%s' with a middle name, but other middle initials are in the archive too: not "
				     "merged",
				     L->forms[c[hit].rep].name);
				continue;
			}
			if (join(c, j, hit)) {
				free(longs);
				return -1;
			}
			tell(L, j, "'%s' with a middle name or initial", L->forms[c[hit].rep].name);
		}
	}
	free(longs);
	return 0;
}

/* "IMF" joins the one organisation whose capitalised words it abbreviates. */
static int join_acronyms(linker *L)
{
	cluster *c = L->c;
	entry *e = NULL;
	size_t ne = 0, cap = 0;
	char(*initials)[16] = calloc(L->nc + 1, sizeof *initials);
	if (!initials)
		return -1;
	for (size_t j = 0; j < L->nc; j++) {
		if (c[j].type != DM_ORGANIZATION || c[j].parts < 2 || root(c, j) != j)
			continue;
		word w[MAX_WORDS];
		size_t n = words_of(c[j].name, w, MAX_WORDS), k = 0;
		for (size_t i = 0; i < n && k + 1 < sizeof initials[j]; i++)
			if (w[i].p[0] >= 'A' && w[i].p[0] <= 'Z')
				initials[j][k++] = w[i].p[0];
		if (k >= 2 && push(&e, &ne, &cap, initials[j], k, j)) {
			free(initials);
			free(e);
			return -1;
		}
	}
	if (ne)
		qsort(e, ne, sizeof *e, by_entry);
	int rc = 0;
	for (size_t j = 0; j < L->nc && !rc; j++) {
		const prep *pj = &L->p[c[j].rep];
		if (!pj->acro[0] || c[j].type == DM_PERSON || c[j].split || root(c, j) != j)
			continue;
		size_t out[2];
		if (roots_of(c, e, ne, pj->acro, strlen(pj->acro), out, 1) != 1 || out[0] == j)
			continue;
		rc = join(c, j, out[0]);
		tell(L, j, "the initials of '%s', the only organisation they fit", L->forms[c[out[0]].rep].name);
	}
	free(initials);
	free(e);
	return rc;
}

/* The person a fuller name of a document ("Ada B. Lind") is: its root in
 * *R; 1 when found, 0 when nobody of the archive (*GIVEN: it opens with a
 * given name or an initial, so it is somebody), -1 when more than one, 2
 * when no name is left once its titles are out.
 * *SEX: that of its given name, or 0. */
static int person_named(linker *L, word *w, size_t n, size_t *r, int *given_first, char *sex)
{
	size_t s = name_start(w, n, DM_PERSON);
	w += s;
	n -= s;
	*given_first = n >= 2 && (given(w[0]) || initial(w[0]));
	*sex = n >= 2 ? given_sex(w[0]) : 0;
	if (n < 2)
		return 2; /* "Meanwhile Lind": no fuller name */
	prep q = {0};
	if (read_name(w, n, DM_PERSON, &q)) {
		free(q.key);
		free(q.bare);
		free(q.brief);
		return -2;
	}
	size_t out[2], k = roots_of(L->c, L->names, L->n_names, q.key, strlen(q.key), out, 1);
	if (!k && q.brief)
		k = roots_of(L->c, L->names, L->n_names, q.brief, strlen(q.brief), out, 1);
	free(q.key);
	free(q.bare);
	free(q.brief);
	if (k == 1)
		*r = out[0];
	return k == 1 ? 1 : k ? -1 : 0;
}

typedef struct vote {
	size_t person;
	long n;
} vote;

/* A surname alone joins the person its documents name, or else the one
 * person of the archive whose name ends in it. */
static int join_surnames(linker *L)
{
	cluster *c = L->c;
	entry *e = NULL;
	size_t ne = 0, cap = 0;
	int rc = -1;
	for (size_t j = 0; j < L->nc; j++) {
		const prep *pj = &L->p[c[j].rep];
		if (c[j].type != DM_PERSON || pj->placed)
			continue;
		size_t len;
		const char *last = last_part(pj->key, pj->bare, &len);
		if (push(&e, &ne, &cap, last, len, j))
			goto done;
	}
	if (ne)
		qsort(e, ne, sizeof *e, by_entry);
	size_t cand[64];
	vote votes[16];
	for (size_t s = 0; s < L->nc; s++) {
		const prep *ps = &L->p[c[s].rep];
		if (!ps->surname || c[s].type == DM_ORGANIZATION || c[s].split || root(c, s) != s || ps->acro[0])
			continue;
		/* the people whose names end in it */
		size_t len, nc = 0;
		const char *last = last_part(ps->key, ps->bare, &len);
		for (size_t i = lookup(e, ne, last, len); i < ne && e[i].len == len && !memcmp(e[i].key, last, len);
		     i++) {
			size_t j = e[i].cluster, r = root(c, j);
			const prep *pj = &L->p[c[j].rep];
			if (r == s || pj->parts <= ps->parts ||
			    !(ends_with(pj->key, ps->key) || (!ps->bare && pj->bare && ends_with(pj->bare, ps->key))))
				continue;
			size_t k = 0;
			while (k < nc && cand[k] != r)
				k++;
			if (k == nc && nc < sizeof cand / sizeof *cand)
				cand[nc++] = r;
		}
		/* what its documents say, form by form */
		size_t nv = 0;
		long against = 0, both = 0;
		char stranger[256] = ""; /* a full name its documents give that the archive does not know */
		for (size_t f = L->first[s]; f != SIZE_MAX; f = L->next[f]) {
			const textev *ev = &L->p[f].ev;
			for (size_t d = 0; d < ev->n; d++) {
				const docev *de = &ev->docs[d];
				size_t named = SIZE_MAX;
				int known = 0, others = 0;
				char sex = de->sexes == 1 ? 'f' : de->sexes == 2 ? 'm' : 0;
				const char *a = NULL;
				char buf[256];
				int mid;
				while (next_name(de, &a, buf, sizeof buf, &mid)) {
					word w[MAX_WORDS];
					size_t nw = words_of(buf, w, MAX_WORDS), r = 0;
					int g;
					char gs;
					int m = person_named(L, w, nw, &r, &g, &gs);
					if (m == -2)
						goto done;
					if (m == 2)
						continue;
					if (sex && gs && gs != sex)
						continue; /* "Mr. Lind" is not Ada Lind */
					int candidate = 0;
					for (size_t k = 0; m == 1 && k < nc; k++)
						candidate |= cand[k] == r;
					if (m == 1 && r == s)
						continue;
					if (candidate && r != named) {
						known++;
						named = r;
					} else if (m == -1 || (m == 1 && !candidate) || (!m && (g || mid))) {
						others++;
						if (!stranger[0] && !m)
							snprintf(stranger, sizeof stranger, "%s", buf);
					}
				}
				if (others) {
					against++;
					continue;
				}
				if (known > 1) {
					both++; /* names two of the candidates: for neither, unless no other says */
					continue;
				}
				if (!known) { /* "Ms. Lind", "President Lind": the one candidate that fits */
					if (!sex && !de->n_stems)
						continue;
					size_t fit = SIZE_MAX, fits = 0, titled = SIZE_MAX, titles = 0;
					for (size_t k = 0; k < nc; k++) {
						const cluster *ck = &c[cand[k]];
						if (sex && L->p[ck->rep].sex && L->p[ck->rep].sex != sex)
							continue;
						fit = cand[k];
						fits++;
						if (de->n_stems &&
						    share(de->stems, de->n_stems, ck->stems, ck->n_stems)) {
							titled = cand[k];
							titles++;
						}
					}
					if (sex && fits == 1)
						named = fit;
					else if (titles == 1)
						named = titled;
					else
						continue;
				}
				size_t v = 0;
				while (v < nv && votes[v].person != named)
					v++;
				if (v == nv) {
					if (nv == sizeof votes / sizeof *votes) {
						against++;
						continue;
					}
					votes[nv++] = (vote){named, 0};
				}
				votes[v].n++;
			}
		}
		if (!against && !nv)
			against = both;
		long total = against, top = 0;
		size_t best = SIZE_MAX;
		for (size_t v = 0; v < nv; v++) {
			total += votes[v].n;
			if (votes[v].n > top) {
				top = votes[v].n;
				best = votes[v].person;
			}
		}
		if (total) {
			if (top && top >= VOTE_SHARE * (double)total) {
				best = root(c, best);
				if (join(c, s, best))
					goto done;
				tell(L, s, "surname of '%s', whom %ld of its documents name",
				     L->forms[c[best].rep].name, top);
			} else {
				c[s].disputed = 1;
				if (nv > 1)
					tell(L, s, "surname of %zu people its documents name ('%s', ...): not merged",
					     nv, L->forms[c[root(c, votes[0].person)].rep].name);
				else if (stranger[0])
					tell(L, s,
					     "its documents name '%s', whom the archive quotes under no other name: "
					     "not merged",
					     stranger);
				else
					tell(L, s, "its documents name two people of that surname: not merged");
			}
			continue;
		}
		/* no word of its documents: the one person whose name ends in it */
		size_t hit = SIZE_MAX;
		for (size_t k = 0; k < nc; k++)
			if (compatible(c[cand[k]].stems, c[cand[k]].n_stems, c[s].stems, c[s].n_stems) &&
			    hit == SIZE_MAX)
				hit = cand[k];
		if (nc == 1 && hit != SIZE_MAX) {
			if (join(c, s, hit))
				goto done;
			tell(L, s, "surname of '%s', the only person of that name in the archive",
			     L->forms[c[hit].rep].name);
		} else if (nc) {
			tell(L, s, "surname of %zu people in the archive: could be any, not merged", nc);
		}
	}
	rc = 0;
done:
	free(e);
	return rc;
}

/* Every person's keys, for the names documents write. */
static int index_names(linker *L)
{
	size_t cap = 0;
	for (size_t j = 0; j < L->nc; j++) {
		const prep *p = &L->p[L->c[j].rep];
		if (L->c[j].type != DM_PERSON || p->placed)
			continue;
		const char *k[3] = {p->key, p->bare, p->brief};
		for (int i = 0; i < 3; i++)
			if (k[i] && push(&L->names, &L->n_names, &cap, k[i], strlen(k[i]), j))
				return -1;
	}
	if (L->n_names)
		qsort(L->names, L->n_names, sizeof *L->names, by_entry);
	return 0;
}

/* Does a fuller name of D open with a given name or an initial ("Ada
 * Lind", "A. Lind"; not "Enter Lind")? */
static int gives_given(const docev *d)
{
	const char *a = NULL;
	char buf[256];
	int mid;
	while (next_name(d, &a, buf, sizeof buf, &mid)) {
		word w[MAX_WORDS];
		size_t n = words_of(buf, w, MAX_WORDS), s = name_start(w, n, DM_PERSON);
		if (n - s >= 2 && (given(w[s]) || initial(w[s])))
			return 1;
	}
	return 0;
}

/* Read form F: its name's words and keys, whether it names anybody, and
 * for a surname alone, what its documents say.  1: no name; -1: memory. */
static int read_form(dm_form *f, prep *p, dm_form_texts texts, void *ctx)
{
	word w[MAX_WORDS];
	size_t n = words_of(f->name, w, MAX_WORDS);
	size_t s = name_start(w, n, f->type);
	if (read_name(w + s, n - s, f->type, p) || title_stems(f, p))
		return -1;
	p->placed = placed(w + s, n - s);
	if (f->alias)
		return 0;
	if (names_nobody(w + s, n - s, f->type, f->reason, sizeof f->reason))
		return 1;
	if (!*p->key) {
		snprintf(f->reason, sizeof f->reason, "not a name (a pronoun or a bare title): no person");
		return 1;
	}
	if (!p->surname || p->acro[0] || !texts)
		return 0;
	word sur = w[n - 1]; /* what is looked for: "Lind", "Oste Jr." */
	if (n - s >= 2 && in(&dm_lex_name_suffixes, sur))
		sur = (word){w[n - 2].p, (size_t)(w[n - 1].p + w[n - 1].n - w[n - 2].p)};
	int plain = n - s == 1 && sur.n < 60 && sur.p[0] >= 'A' && sur.p[0] <= 'Z';
	for (size_t i = 1; plain && i < sur.n; i++)
		plain = sur.p[i] >= 'a' && sur.p[i] <= 'z';
	p->ev = (textev){.surname = sur, .count_case = plain};
	if (texts(ctx, f, read_text, &p->ev) || p->ev.failed)
		return -1;
	int given_name = 0, named = 0; /* a given name before it somewhere; or an honorific or a title */
	for (size_t d = 0; d < p->ev.n; d++) {
		given_name |= gives_given(&p->ev.docs[d]);
		named |= p->ev.docs[d].sexes || p->ev.docs[d].n_stems;
	}
	named |= given_name;
	if (plain && !given_name && p->ev.uses && !p->ev.alone) {
		snprintf(f->reason, sizeof f->reason,
		         "a part of longer names, not a name: its documents never write it but before another "
		         "capitalised word: no person");
		return 1;
	}
	if (plain && !named && p->ev.lower && p->ev.lower >= p->ev.capital) {
		snprintf(f->reason, sizeof f->reason,
		         "a common word, not a name: its documents write it in lower case %ld times, capitalised "
		         "inside a sentence %ld: no person",
		         p->ev.lower, p->ev.capital);
		return 1;
	}
	return 0;
}

long dm_link_speakers(dm_form *forms, size_t n, dm_form_texts texts, void *ctx, dm_person **out)
{
	*out = NULL;
	prep *p = calloc(n + 1, sizeof *p);
	const prep **order = calloc(n + 1, sizeof *order);
	size_t *home = calloc(n + 1, sizeof *home);
	cluster *c = calloc(n + 1, sizeof *c);
	linker L = {forms, n, p, home, c, 0, NULL, NULL, NULL, 0};
	long result = -1;
	size_t no = 0;
	if (!p || !order || !home || !c)
		goto done;
	for (size_t i = 0; i < n; i++) {
		dm_form *f = &forms[i];
		p[i].form = f;
		p[i].index = i;
		f->person = SIZE_MAX;
		f->reason[0] = 0;
		home[i] = SIZE_MAX;
		int r = read_form(f, &p[i], texts, ctx);
		if (r < 0)
			goto done;
		if (!r && !f->alias)
			order[no++] = &p[i];
	}
	if (no)
		qsort(order, no, sizeof *order, by_key);

	/* one key at a time: its forms join the clusters their roles allow */
	for (size_t g = 0; g < no;) {
		size_t e = g, first = L.nc;
		while (e < no && same_group(order[g], order[e]))
			e++;
		for (size_t k = g; k < e; k++) {
			size_t fi = order[k]->index;
			dm_form *f = &forms[fi];
			if (f->split || first == L.nc) {
				if ((home[fi] = new_cluster(c, &L.nc, f, fi, &p[fi])) == SIZE_MAX)
					goto done;
				if (f->split)
					snprintf(f->reason, sizeof f->reason, "kept apart by 'dictum alias split'");
				continue;
			}
			size_t hit = SIZE_MAX, hits = 0;
			for (size_t j = first; j < L.nc; j++)
				if (!c[j].split && compatible(c[j].stems, c[j].n_stems, p[fi].stems, p[fi].n_stems)) {
					if (hit == SIZE_MAX)
						hit = j;
					hits++;
				}
			if (hits == 1 || (hits > 1 && p[fi].n_stems)) {
				home[fi] = hit;
				if (add_stems(&c[hit], p[fi].stems, p[fi].n_stems))
					goto done;
				snprintf(f->reason, sizeof f->reason, "same name as '%s' up to spelling ('%s')%s",
				         forms[c[hit].rep].name, p[fi].key,
				         p[fi].n_stems && c[hit].n_stems > p[fi].n_stems ? "; their titles share a word"
				                                                         : "");
				continue;
			}
			if ((home[fi] = new_cluster(c, &L.nc, f, fi, &p[fi])) == SIZE_MAX)
				goto done;
			snprintf(f->reason, sizeof f->reason,
			         hits ? "same name as '%s' and others whose titles differ: could be any, not merged"
			              : "same name as '%s' up to spelling, but their titles share no word: not merged",
			         forms[c[first].rep].name);
		}
		g = e;
	}

	if (!(L.first = malloc((L.nc + 1) * sizeof *L.first)) || !(L.next = malloc((n + 1) * sizeof *L.next)))
		goto done;
	for (size_t j = 0; j < L.nc; j++)
		L.first[j] = SIZE_MAX;
	for (size_t i = n; i-- > 0;) {
		L.next[i] = home[i] == SIZE_MAX ? SIZE_MAX : L.first[home[i]];
		if (home[i] != SIZE_MAX)
			L.first[home[i]] = i;
	}
	if (join_untyped(&L, order, no, 0) || join_middles(&L, order, no) || join_acronyms(&L) || index_names(&L) ||
	    join_surnames(&L) || join_untyped(&L, order, no, 1))
		goto done;

	/* the user's aliases */
	for (size_t i = 0; i < n; i++) {
		dm_form *f = &forms[i];
		if (!f->alias)
			continue;
		size_t hit = SIZE_MAX;
		for (size_t j = 0; j < n && hit == SIZE_MAX; j++)
			if (home[j] != SIZE_MAX && !strcasecmp(forms[j].name, f->alias))
				hit = root(c, home[j]);
		if (hit == SIZE_MAX) {
			if ((hit = new_cluster(c, &L.nc, f, i, &p[i])) == SIZE_MAX)
				goto done;
			c[hit].name = f->alias;
			c[hit].by_user = 1;
		}
		home[i] = hit;
		snprintf(f->reason, sizeof f->reason, "put with '%s' by 'dictum alias add'", f->alias);
	}

	/* number the people; each is named by the most used form of its own
	 * name, not by a surname or initials that joined it */
	size_t *num = malloc((L.nc + 1) * sizeof *num);
	dm_person *people = calloc(L.nc + 1, sizeof *people);
	long *best = calloc(L.nc + 1, sizeof *best);
	if (!num || !people || !best) {
		free(num);
		free(people);
		free(best);
		goto done;
	}
	size_t np = 0;
	for (size_t j = 0; j < L.nc; j++)
		if (root(c, j) == j) {
			num[j] = np;
			people[np++] = (dm_person){c[j].name, c[j].type, 0};
		}
	for (size_t i = 0; i < n; i++) {
		if (home[i] == SIZE_MAX)
			continue;
		size_t r = root(c, home[i]), k = num[r];
		forms[i].person = k;
		people[k].statements += forms[i].statements;
		if (!c[r].by_user && home[i] == r && forms[i].statements > best[k]) {
			best[k] = forms[i].statements;
			people[k].name = forms[i].name;
		}
		if (!forms[i].reason[0])
			snprintf(forms[i].reason, sizeof forms[i].reason, "the form the person is known by");
	}
	free(num);
	free(best);
	*out = people;
	result = (long)np;
done:
	for (size_t i = 0; p && i < n; i++) {
		free(p[i].key);
		free(p[i].bare);
		free(p[i].brief);
		free(p[i].stems);
		textev_free(&p[i].ev);
	}
	for (size_t j = 0; c && j < L.nc; j++)
		free(c[j].stems);
	free(L.names);
	free(L.first);
	free(L.next);
	free(p);
	free(order);
	free(home);
	free(c);
	return result;
}
