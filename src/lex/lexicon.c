#include "lexicon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define XXH_INLINE_ALL /* a word's hash is a few dozen instructions: no call through the PLT */
#include <xxhash.h>

#include "util/hash.h"
#include "util/once.h"
#include "util/swar.h"

/* The files of lang/, compiled in by CMakeLists.txt (lang.c): names are
 * LANGUAGE_LIST, "en_cues"; each file's bytes are NUL-terminated. */
extern const char *const dm_lang_names[];
extern const unsigned char *const dm_lang_data[];
extern const size_t dm_lang_sizes[];
extern const size_t dm_lang_count;

#define LANGUAGE "en"

#define BIT(n) ((dm_lexmask)1 << (n))

/* Every list: its name (that of its file and of its variable dm_lex_NAME)
 * and its bit, or 0 for no class.  The lists of attribution keep the bits
 * they have always had. */
#define LISTS(X)                                                                                                       \
	X(cues, BIT(0))                                                                                                \
	X(roles, BIT(1))                                                                                               \
	X(orgs, BIT(2))                                                                                                \
	X(between, BIT(3))                                                                                             \
	X(aux, BIT(4))                                                                                                 \
	X(nameparts, BIT(5))                                                                                           \
	X(venue_preps, BIT(6))                                                                                         \
	X(participles, BIT(7))                                                                                         \
	X(function, BIT(8))                                                                                            \
	X(cue_nouns, BIT(9))                                                                                           \
	X(days, BIT(10))                                                                                               \
	X(months, BIT(11))                                                                                             \
	/* text */                                                                                                     \
	X(month_abbrevs, BIT(12))                                                                                      \
	X(honorifics, BIT(13))                                                                                         \
	X(abbreviations, BIT(14))                                                                                      \
	X(sentence_openers, BIT(15))                                                                                   \
	X(boilerplate_starts, 0)                                                                                       \
	X(boilerplate_phrases, 0)                                                                                      \
	X(outlet_phrases, 0)                                                                                           \
	/* link */                                                                                                     \
	X(honorifics_unabbreviated, BIT(16))                                                                           \
	X(name_suffixes, BIT(17))                                                                                      \
	X(title_stopwords, BIT(18))                                                                                    \
	X(stopwords, BIT(19))                                                                                          \
	X(not_names, BIT(20))                                                                                          \
	X(numbers, BIT(21))                                                                                            \
	X(titles, BIT(22))                                                                                             \
	X(given_female, BIT(23))                                                                                       \
	X(given_male, BIT(24))                                                                                         \
	X(female_words, BIT(25))                                                                                       \
	X(male_words, BIT(26))                                                                                         \
	X(places, BIT(27))                                                                                             \
	X(demonyms, BIT(28))                                                                                           \
	X(unnamed_sources, BIT(29))                                                                                    \
	X(not_speech, BIT(30))                                                                                         \
	X(salutations, BIT(31))                                                                                        \
	X(affiliations, BIT(32))                                                                                       \
	X(compound_suffixes, BIT(33))                                                                                  \
	X(np_speech, BIT(34))                                                                                          \
	X(pronouns, BIT(43))                                                                                           \
	/* attribution, once arrays in its C: from BIT(62) down past BIT(39) */                                        \
	X(determiners, BIT(35))                                                                                        \
	X(apposition_openers, BIT(36))                                                                                 \
	X(governing_preps, BIT(37))                                                                                    \
	X(org_links, BIT(38))                                                                                          \
	X(relative_words, BIT(39))                                                                                     \
	X(phrase_openers, BIT(62))                                                                                     \
	X(cue_modifiers, BIT(61))                                                                                      \
	X(periods, BIT(60))                                                                                            \
	X(sentence_adverbs, BIT(59))                                                                                   \
	X(time_words, BIT(58))                                                                                         \
	X(be_forms, BIT(57))                                                                                           \
	X(indefinites, BIT(56))                                                                                        \
	X(be_have_do, BIT(55))                                                                                         \
	X(outlet_cues, BIT(54))                                                                                        \
	X(title_preps, BIT(53))                                                                                        \
	X(org_words, BIT(52))                                                                                          \
	X(question_words, BIT(51))                                                                                     \
	X(question_cues, BIT(50))                                                                                      \
	X(clause_speech, BIT(49))                                                                                      \
	X(writer_voice, BIT(48))                                                                                       \
	X(findings, BIT(47))                                                                                           \
	X(inverting_cues, BIT(46))                                                                                     \
	X(topic_preps, BIT(45))                                                                                        \
	X(articles, BIT(44))                                                                                           \
	X(place_parts, BIT(40))                                                                                        \
	X(cue_compounds, BIT(42))                                                                                      \
	X(documents, 0)                                                                                                \
	X(notice_labels, 0)                                                                                            \
	X(addressees, 0)                                                                                               \
	X(business_results, 0)                                                                                         \
	X(possessives, 0)                                                                                              \
	X(not_writers, 0)
/* The next free bits: BIT(41) for attribution or link (attribution's
 * lists took 35-39 and then count down from 62 to 42, link's count up from
 * 40), and BIT(63), the last of dm_lexmask. */

#define PLACE(var, b) PLACE_##var,
enum { LISTS(PLACE) };
#define DEFINE(var, b) const dm_wordlist dm_lex_##var = {#var, NULL, 0, b, PLACE_##var + 1};
LISTS(DEFINE)
#define REFER(var, b) &dm_lex_##var,
static const dm_wordlist *const lists[] = {LISTS(REFER)};
#define N_LISTS (sizeof lists / sizeof *lists)

/* A list as read from its file: its entries sorted, and their numbers. */
typedef struct parsed {
	char *text; /* a copy of the file, lines cut at NULs: the entries point into it */
	const char **words;
	int *values;
	size_t n;
} parsed;

static parsed read_lists[N_LISTS];

/* Every entry of every list with a bit, word or phrase, in an
 * open-addressing table (those of up to eight bytes in the next one): a
 * token is classified with one hash probe instead of a search per list.
 * A slot holds the entry's hash and its index, 8 bytes, so that the table
 * stays in the cache of a core; a probe reads the entry (its lists, its
 * length and where its bytes are, in one line) only when the hashes
 * agree, and its bytes only when the lengths do too. */
typedef struct slot {
	uint32_t hash;
	uint32_t word; /* 1 + its index in words; 0: empty */
} slot;

typedef struct lex_word {
	dm_lexmask mask; /* its lists */
	const char *bytes;
	size_t len;
} lex_word;

/* Words of up to eight bytes, most of those looked up (a document's every
 * new word), have a table of their own: a slot holds the word's bytes as
 * a little-endian word, zero past its end, and its lists, so that a
 * look-up is one mix of the bytes and one line read, with no entry or
 * bytes elsewhere to fetch.  Entries hold no NUL byte, so the bytes tell
 * the length. */
typedef struct short_slot {
	uint64_t bytes; /* 0: empty */
	dm_lexmask mask;
} short_slot;

static short_slot *shorts;
static uint32_t shorts_mask;

static slot *table;
static uint32_t table_mask; /* its size less one: a power of two, over 1.5 times the words */
static lex_word *words;     /* the words of the table */
static uint32_t n_words;
static dm_once loaded = DM_ONCE_INIT; /* the lists are read: an atomic read a word */

static uint32_t hash_n(const char *s, size_t n)
{
	return (uint32_t)XXH3_64bits(s, n);
}

static void fail(const char *what, const char *name)
{
	fprintf(stderr, "dictum: lexicon: %s lang/%s/%s.txt\n", what, LANGUAGE, name);
	abort();
}

static void *need(void *p, const char *name)
{
	if (!p)
		fail("out of memory reading", name);
	return p;
}

/* The file of the list NAME: "en_" NAME. */
static size_t find_file(const char *name)
{
	size_t k = strlen(LANGUAGE);
	for (size_t f = 0; f < dm_lang_count; f++) {
		const char *s = dm_lang_names[f];
		if (!strncmp(s, LANGUAGE, k) && s[k] == '_' && !strcmp(s + k + 1, name))
			return f;
	}
	return SIZE_MAX;
}

typedef struct entry {
	const char *word;
	int value;
} entry;

static int by_word(const void *a, const void *b)
{
	return strcmp(((const entry *)a)->word, ((const entry *)b)->word);
}

/* Entries are lines but comments and blank lines, trailing white space
 * taken off; "word=12" gives the entry "word" and its number 12. */
static void read_list(const dm_wordlist *l, parsed *p)
{
	size_t f = find_file(l->name);
	if (f == SIZE_MAX)
		fail("no file", l->name);
	size_t size = dm_lang_sizes[f];
	p->text = need(malloc(size + 1), l->name);
	memcpy(p->text, dm_lang_data[f], size);
	p->text[size] = 0;
	size_t lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += p->text[i] == '\n';
	entry *e = need(malloc(lines * sizeof *e), l->name);
	size_t n = 0;
	for (char *s = p->text; s;) {
		char *nl = strchr(s, '\n');
		if (nl)
			*nl = 0;
		size_t len = strlen(s);
		while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
			s[--len] = 0;
		if (len && s[0] != '#') {
			int value = 0;
			char *eq = strrchr(s, '=');
			if (eq && eq > s && eq[1] && strspn(eq + 1, "0123456789") == strlen(eq + 1)) {
				value = atoi(eq + 1);
				*eq = 0;
			}
			e[n++] = (entry){s, value};
		}
		s = nl ? nl + 1 : NULL;
	}
	qsort(e, n, sizeof *e, by_word); /* the files are sorted; a slip must not break bisection */
	p->words = need(malloc((n ? n : 1) * sizeof *p->words), l->name);
	p->values = need(malloc((n ? n : 1) * sizeof *p->values), l->name);
	for (size_t i = 0; i < n; i++) {
		p->words[i] = e[i].word;
		p->values[i] = e[i].value;
	}
	p->n = n;
	free(e);
}

/* The slot of the word W[0, n) of hash H: where it is, or the empty slot
 * that ends its probe. */
static slot *probe(const char *w, size_t n, uint32_t h)
{
	for (uint32_t i = h & table_mask;; i = (i + 1) & table_mask) {
		slot *x = &table[i];
		if (!x->word)
			return x;
		const lex_word *y = &words[x->word - 1];
		if (x->hash == h && y->len == n && !memcmp(y->bytes, w, n))
			return x;
	}
}

/* The slot of the short word W (short_slot's bytes): where it is, or the
 * empty slot that ends its probe. */
static short_slot *probe_short(uint64_t w)
{
	for (uint32_t i = (uint32_t)dm_mix64(w) & shorts_mask;; i = (i + 1) & shorts_mask)
		if (!shorts[i].bytes || shorts[i].bytes == w)
			return &shorts[i];
}

static void put(const char *w, dm_lexmask bit)
{
	size_t n = strlen(w);
	if (!n)
		return; /* no word: 0 marks an empty short slot */
	if (n <= 8) {
		short_slot *x = probe_short(dm_swar_prefix(w, n, n));
		x->bytes = dm_swar_prefix(w, n, n);
		x->mask |= bit;
		return;
	}
	uint32_t h = hash_n(w, n);
	slot *x = probe(w, n, h);
	if (!x->word) {
		words[n_words] = (lex_word){0, w, n};
		*x = (slot){h, ++n_words};
	}
	words[x->word - 1].mask |= bit;
}

static void load(void)
{
	size_t n = 0, n_short = 0; /* entries (some in several lists), of them short */
	for (size_t l = 0; l < N_LISTS; l++) {
		read_list(lists[l], &read_lists[l]);
		n += read_lists[l].n;
		for (size_t i = 0; i < read_lists[l].n; i++)
			n_short += strlen(read_lists[l].words[i]) <= 8;
	}
	size_t size = 64, size_short = 64;
	while (size < (n - n_short) + (n - n_short) / 2)
		size *= 2;
	while (size_short < n_short + n_short / 2)
		size_short *= 2;
	table = need(calloc(size, sizeof *table), "(all)");
	shorts = need(calloc(size_short, sizeof *shorts), "(all)");
	shorts_mask = (uint32_t)(size_short - 1);
	words = need(malloc((n ? n : 1) * sizeof *words), "(all)");
	table_mask = (uint32_t)(size - 1);
	for (size_t l = 0; l < N_LISTS; l++)
		if (lists[l]->bit)
			for (size_t i = 0; i < read_lists[l].n; i++)
				put(read_lists[l].words[i], lists[l]->bit);
}

static void ready(void)
{
	dm_once_run(&loaded, load);
}

dm_lexmask dm_lex_classes_word(uint64_t w)
{
	ready();
	return w ? probe_short(w)->mask : 0;
}

void dm_lex_prefetch_word(uint64_t w)
{
	ready();
	__builtin_prefetch(&shorts[(uint32_t)dm_mix64(w) & shorts_mask]);
}

dm_lexmask dm_lex_classes_n(const char *word, size_t n)
{
	if (n <= 8) {
		uint64_t w = dm_swar_prefix(word, n, n);
		/* a NUL in it would read as its end */
		return dm_swar_has(w | (n < 8 ? ~0ull << 8 * n : 0), 0) ? 0 : dm_lex_classes_word(w);
	}
	ready();
	const slot *x = probe(word, n, hash_n(word, n));
	return x->word ? words[x->word - 1].mask : 0;
}

dm_lexmask dm_lex_classes(const char *word)
{
	return dm_lex_classes_n(word, strlen(word));
}

/* L as read from its file, or NULL for a list made in C. */
static const parsed *parsed_of(const dm_wordlist *l)
{
	ready();
	return l->place ? &read_lists[l->place - 1] : NULL;
}

static int cmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

/* The index of WORD in L's entries, or -1. */
static long find(const dm_wordlist *l, const char *word)
{
	const parsed *p = parsed_of(l);
	const char *const *words = p ? p->words : l->words;
	const char *const *hit = bsearch(word, words, p ? p->n : l->n, sizeof *words, cmp);
	return hit ? (long)(hit - words) : -1;
}

int dm_lex_has(const dm_wordlist *l, const char *word)
{
	if (l->bit)
		return (dm_lex_classes(word) & l->bit) != 0;
	return find(l, word) >= 0;
}

int dm_lex_hasn(const dm_wordlist *l, const char *word, size_t n)
{
	char buf[256];
	if (n >= sizeof buf)
		return 0; /* longer than any entry */
	if (l->bit && !memchr(word, 0, n))
		return (dm_lex_classes_n(word, n) & l->bit) != 0;
	memcpy(buf, word, n);
	buf[n] = 0;
	return find(l, buf) >= 0;
}

int dm_lex_value(const dm_wordlist *l, const char *word)
{
	const parsed *p = parsed_of(l);
	long i = find(l, word);
	return i < 0 ? -1 : p ? p->values[i] : 0;
}

const char *const *dm_lex_words(const dm_wordlist *l, size_t *n)
{
	const parsed *p = parsed_of(l);
	*n = p ? p->n : l->n;
	return p ? p->words : l->words;
}

const dm_wordlist *dm_lex_list(size_t i)
{
	return i < N_LISTS ? lists[i] : NULL;
}

int dm_lex_pronoun(const char *w)
{
	static const char kind[] = {0, 'p', 'g', 'i'}; /* by the values of lang/en/pronouns.txt */
	if (!dm_lex_has(&dm_lex_pronouns, w))
		return 0; /* most words: one probe of the hash, no search */
	int v = dm_lex_value(&dm_lex_pronouns, w);
	return v > 0 && v < (int)sizeof kind ? kind[v] : 0;
}
