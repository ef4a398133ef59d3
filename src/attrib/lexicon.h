/*
 * lexicon: the word lists attribution rests on, each a sorted array of
 * lower-case words searched by bisection.  Lists are data: extend them
 * here, keep them sorted (a unit test checks).
 */
#ifndef DM_LEXICON_H
#define DM_LEXICON_H

#include <stddef.h>
#include <stdint.h>

typedef struct dm_wordlist {
	const char *name;
	const char *const *words;
	size_t n;
	uint16_t bit; /* its class in dm_lex_classes() */
} dm_wordlist;

extern const dm_wordlist dm_lex_cues;        /* reporting verbs, inflected */
extern const dm_wordlist dm_lex_roles;       /* titles and roles: aide, minister, presidential */
extern const dm_wordlist dm_lex_orgs;        /* heads of organisation names: ministry, council */
extern const dm_wordlist dm_lex_between;     /* may stand between source and cue: also, has */
extern const dm_wordlist dm_lex_aux;         /* auxiliaries a cue span takes in: has, had */
extern const dm_wordlist dm_lex_nameparts;   /* lower-case parts of names: of, the, al, von */
extern const dm_wordlist dm_lex_venue_preps; /* in, at, during: after a cue, not content */
extern const dm_wordlist dm_lex_participles; /* ", saying ...": cues whose source is the subject */
extern const dm_wordlist dm_lex_function;
extern const dm_wordlist dm_lex_cue_nouns;
extern const dm_wordlist dm_lex_days;
extern const dm_wordlist dm_lex_months;
/* statement, claims: "X's statement that ..." */ /* never names, even capitalised: When, If, This */

int dm_lex_has(const dm_wordlist *l, const char *word);

/* The lists WORD is in, as a mask of their bits (never DM_LEX_KNOWN). */
uint16_t dm_lex_classes(const char *word);
#define DM_LEX_KNOWN 0x8000u /* set on a token once its classes are known */

/* Pronouns that can be sources: returns 'p' for he/she (a person), 'g' for
 * they/we/it (a group or thing), 'i' for I, or 0. */
int dm_lex_pronoun(const char *word);

#endif
