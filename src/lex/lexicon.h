/*
 * lexicon: the language knowledge of the engine, as word lists.  Each list
 * is a file lang/en/NAME.txt, compiled into the binary (CMakeLists.txt
 * embeds every lang/LANGUAGE/NAME.txt): one lower-case UTF-8 entry a line,
 * sorted by bytes (LC_ALL=C sort), lines opening with '#' comments.  An
 * entry may be a phrase (it holds a space) or carry a number after '='
 * ("march=3", read with dm_lex_value).  The files are read once, on first
 * use, into one hash table of every single-word entry of every list: a
 * word's lists are one probe away.  What is read stays for the life of the
 * process.
 *
 * To add a list: write lang/en/NAME.txt (NAME a C identifier); declare it
 * here,
 *     extern const dm_wordlist dm_lex_NAME;
 * and add it to LISTS in lexicon.c, X(NAME, bit), with the next free bit
 * (or 0 for a list of phrases only iterated or bisected: it then has no
 * class in dm_lex_classes).  tests/unit/test_lexicon.c checks the files,
 * and tells of a file no list reads.
 *
 * The trained models see a fixed set of lists (features.c), never a list
 * added here, whatever its bit.
 */
#ifndef DM_LEXICON_H
#define DM_LEXICON_H

#include <stddef.h>
#include <stdint.h>

typedef uint64_t dm_lexmask; /* a set of lists, by their bits */

typedef struct dm_wordlist {
	const char *name; /* the file lang/en/NAME.txt */
	/* Only for a list made in C rather than read from lang/: its sorted
	 * entries, searched by bisection.  NULL and 0 for lists of lang/
	 * (dm_lex_words gives their entries). */
	const char *const *words;
	size_t n;
	dm_lexmask bit; /* its class in dm_lex_classes(); 0: none */
	unsigned place; /* a list of lang/: 1 + its place in lexicon.c's LISTS */
} dm_wordlist;

/* The lists of attribution.  The first ten are the ones the models were
 * trained with (features.c). */
extern const dm_wordlist dm_lex_cues;        /* reporting verbs, inflected */
extern const dm_wordlist dm_lex_roles;       /* titles and roles: aide, minister, presidential */
extern const dm_wordlist dm_lex_orgs;        /* heads of organisation names: ministry, council */
extern const dm_wordlist dm_lex_between;     /* may stand between source and cue: also, has */
extern const dm_wordlist dm_lex_aux;         /* auxiliaries a cue span takes in: has, had */
extern const dm_wordlist dm_lex_nameparts;   /* lower-case parts of names: of, the, al, von */
extern const dm_wordlist dm_lex_venue_preps; /* in, at, during: after a cue, not content */
extern const dm_wordlist dm_lex_participles; /* ", saying ...": cues whose source is the subject */
extern const dm_wordlist dm_lex_function;    /* never names, even capitalised: When, If, This */
extern const dm_wordlist dm_lex_cue_nouns;   /* statement, claims: "X's statement that ..." */
extern const dm_wordlist dm_lex_days;        /* monday: "Last Monday" names no one */
extern const dm_wordlist dm_lex_months;      /* march=3: when, not what; a date's month */

/* Attribution's words of grammar and of time (once arrays in its C). */
extern const dm_wordlist dm_lex_articles;           /* a, an, the: a description opens so; a name starts after */
extern const dm_wordlist dm_lex_determiners;        /* the, several, their: open a noun phrase */
extern const dm_wordlist dm_lex_apposition_openers; /* a, his, who: ", a nurse from Orsk" after a source */
extern const dm_wordlist dm_lex_governing_preps;    /* of, by, via: a name after one is not the source's */
extern const dm_wordlist dm_lex_org_links;          /* and, of, on: "Commission on Presidential Debates" */
extern const dm_wordlist dm_lex_relative_words;     /* who, which, when: the name is the phrase before */
extern const dm_wordlist dm_lex_phrase_openers;     /* amid, despite: "Despite ..., X said" */
extern const dm_wordlist dm_lex_cue_modifiers;      /* has, also, never: "has also said" is one cue */
extern const dm_wordlist dm_lex_periods;            /* week, year: "this week" says when */
extern const dm_wordlist dm_lex_sentence_adverbs;   /* still, perhaps: "Still, the poll shows" */
extern const dm_wordlist dm_lex_time_words;         /* ago, last, this: "last March" says only when */
extern const dm_wordlist dm_lex_be_forms;           /* was, were: "was accused of" is passive */
extern const dm_wordlist dm_lex_indefinites;        /* a, another: "added a goal" reports no speech */
extern const dm_wordlist dm_lex_be_have_do;         /* is, has, did: no content verb */
extern const dm_wordlist dm_lex_outlet_cues;        /* according, reported, shows: outlets' cues */
extern const dm_wordlist dm_lex_title_preps;        /* to, of: "the assistant to the president" */

/* The lists of speakers: who a source is, and whether a cue reports speech. */
extern const dm_wordlist dm_lex_not_names;         /* similarly, his, whatever: open a phrase, never a name */
extern const dm_wordlist dm_lex_numbers;           /* two, fifty: a quantity, never a name */
extern const dm_wordlist dm_lex_titles;            /* coach, fisherman: occupations written before a name */
extern const dm_wordlist dm_lex_given_female;      /* mary: a given name used for women */
extern const dm_wordlist dm_lex_given_male;        /* john: a given name used for men */
extern const dm_wordlist dm_lex_female_words;      /* ms., actress, she: a woman */
extern const dm_wordlist dm_lex_male_words;        /* mr., actor, he: a man */
extern const dm_wordlist dm_lex_places;            /* phrases: new delhi, u.s.: a place is no speaker */
extern const dm_wordlist dm_lex_demonyms;          /* phrases: german, jordanian: nor is a nationality */
extern const dm_wordlist dm_lex_unnamed_sources;   /* insider, officials: a source described, not named */
extern const dm_wordlist dm_lex_not_speech;        /* seemed, offers, found: a learned cue that reports no speech */
extern const dm_wordlist dm_lex_salutations;       /* dear: "DEAR MARTA:" is written to, not by */
extern const dm_wordlist dm_lex_affiliations;      /* democrat, gop: a party, never part of a name */
extern const dm_wordlist dm_lex_compound_suffixes; /* based, backed: "Vellby-based" is no name */
extern const dm_wordlist dm_lex_question_words;    /* whether, why: "asked whether ..." is a question */
extern const dm_wordlist dm_lex_clause_speech;     /* agreed, realised: speech only with a clause */
extern const dm_wordlist dm_lex_question_cues;     /* asked, wondered: cues of a question */
extern const dm_wordlist dm_lex_org_words;         /* records, depot: the end of an organisation's name */
extern const dm_wordlist dm_lex_np_speech;         /* criticised, called: a thing for object is what was said */
extern const dm_wordlist dm_lex_pronouns;          /* he=1, they=2, i=3: a source's pronoun and its kind */
extern const dm_wordlist dm_lex_inverting_cues;    /* said, added: "..., said Tomas Ek" names its source after */
extern const dm_wordlist dm_lex_topic_preps;       /* about, at: "talked about X" names a topic */
extern const dm_wordlist dm_lex_findings;          /* study, data, poll: a finding's source, no speaker */
extern const dm_wordlist dm_lex_writer_voice;      /* i, we, you: outside quotations, the writer's own voice */

/* The lists of text: sentences and metadata. */
extern const dm_wordlist dm_lex_month_abbrevs;       /* sep=9, sept=9: a date's month, abbreviated */
extern const dm_wordlist dm_lex_honorifics;          /* dr, mrs, sen: abbreviated, before a name */
extern const dm_wordlist dm_lex_abbreviations;       /* capt, vs: other words that take their period */
extern const dm_wordlist dm_lex_sentence_openers;    /* the, they: "... in the U.S. The ..." ends there */
extern const dm_wordlist dm_lex_boilerplate_starts;  /* phrases: a paragraph opening so is boilerplate */
extern const dm_wordlist dm_lex_boilerplate_phrases; /* phrases: a paragraph holding one is boilerplate */
extern const dm_wordlist dm_lex_outlet_phrases;      /* "X publishes articles from ...": X is the outlet */
extern const dm_wordlist dm_lex_cue_compounds;       /* "tank": after a cue word ("think tank"), a noun */
extern const dm_wordlist dm_lex_documents;           /* "a report from X": X issued it */
extern const dm_wordlist dm_lex_business_results;    /* "reported earnings": a company's figures */
extern const dm_wordlist dm_lex_addressees;          /* "told reporters": whom, not what */
extern const dm_wordlist dm_lex_notice_labels;       /* "Disclaimer:": the site's notice, no statement */
extern const dm_wordlist dm_lex_possessives;         /* his, its: "X and his team" is X */
extern const dm_wordlist dm_lex_not_writers;         /* desk, staff: a page's credit naming no person */

/* The lists of link: names across documents. */
extern const dm_wordlist dm_lex_honorifics_unabbreviated; /* sir, dame, miss: with dm_lex_honorifics */
extern const dm_wordlist dm_lex_name_suffixes;            /* jr, iii: "Oste Jr." is a surname alone */
extern const dm_wordlist dm_lex_title_stopwords;          /* of, the: no evidence when titles are compared */
extern const dm_wordlist dm_lex_stopwords;                /* function words, out of echoes' content words */
extern const dm_wordlist dm_lex_place_parts; /* port=1, county=2: a phrase that opens or ends so is a place */

/* Is WORD (lower case, NUL-terminated; a word or a phrase) an entry of L?
 * One hash probe for a list with a bit; bisection for a list without one. */
int dm_lex_has(const dm_wordlist *l, const char *word);
/* The same for the N bytes at WORD (no NUL needed). */
int dm_lex_hasn(const dm_wordlist *l, const char *word, size_t n);

/* The lists WORD (a word or a phrase) is in, as a mask of their bits. */
dm_lexmask dm_lex_classes(const char *word);
/* The same for the N bytes at WORD (no NUL needed). */
dm_lexmask dm_lex_classes_n(const char *word, size_t n);
/* The same for a word of one to eight bytes, none NUL, given as a
 * little-endian word with zeros past its end (dm_swar_prefix). */
dm_lexmask dm_lex_classes_word(uint64_t w);
/* Ask for the memory dm_lex_classes_word(W) will read, some words before
 * it: a look-up mostly waits for memory. */
void dm_lex_prefetch_word(uint64_t w);

/* The number after '=' of WORD's entry in L: 0 for an entry without one,
 * -1 when WORD is not in L. */
int dm_lex_value(const dm_wordlist *l, const char *word);

/* L's entries, sorted (numbers after '=' taken off); *N their count. */
const char *const *dm_lex_words(const dm_wordlist *l, size_t *n);

/* The I-th list of lang/ the lexicon knows, or NULL past the last. */
const dm_wordlist *dm_lex_list(size_t i);

/* Pronouns that can be sources (lang/en/pronouns.txt): returns 'p' for
 * he/she (a person), 'g' for they/we/it (a group or thing), 'i' for I, or
 * 0.  The letters are features of the trained models: keep them. */
int dm_lex_pronoun(const char *word);

#endif
