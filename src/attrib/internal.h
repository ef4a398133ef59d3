/*
 * Shared between the files of the attrib stage: a statement while it is
 * being built, as token ranges, before it becomes a dm_statement.
 */
#ifndef DM_ATTRIB_INTERNAL_H
#define DM_ATTRIB_INTERNAL_H

#include "attrib.h"
#include "lexicon.h"

struct dm_tokinfo;

typedef struct dm_range {
	uint32_t first, last; /* tokens [first, last); empty when equal */
} dm_range;

typedef struct dm_cand {
	dm_range content, source, cue;
	dm_range rest;       /* content after a cue set in its middle: "X, he said, Y" */
	dm_range name;       /* the name inside the source, if any */
	uint8_t kind;        /* dm_kind */
	uint8_t type;        /* dm_speaker_type, as far as the source shows */
	char pronoun;        /* 'p', 'g', 'i' or 0 (see dm_lex_pronoun) */
	uint8_t continued;   /* a quotation with no cue: the previous speaker's */
	uint8_t learned;     /* found by the trained taggers, not the rules */
	uint8_t colon_title; /* a title "Name: claim": kept if the body quotes Name */
	const char *venue;
	const char *via[DM_MAX_VIA];
	int n_via;
	const char *speaker; /* set by dm_resolve */
} dm_cand;

/* The word lists token I is in (a mask of their bits), as the text stage
 * found them when it made the token. */
static inline dm_lexmask dm_tok_lex(const dm_text *t, size_t i)
{
	return t->forms[t->toks[i].form].lex;
}
/* Is token I in list L (compared in lower case)? */
static inline int dm_tok_in(const dm_text *t, size_t i, const dm_wordlist *l)
{
	return (t->forms[t->toks[i].form].lex & l->bit) != 0;
}
/* Is token I a dash set off by spaces: "—", "–" or "-"? */
int dm_tok_dash(const dm_text *t, uint32_t i);
/* Is token I "his" or "her", a person owning a noun ("his claim")?  'm',
 * 'f' or 0. */
char dm_owner_pronoun(const dm_text *t, uint32_t i);
/* Is token I a possessive ending: "'s", or the apostrophe of "Ministry’"? */
int dm_tok_possessive(const dm_text *t, uint32_t i);

/* The source that ends at token END (exclusive), not reaching before
 * FLOOR: a pronoun, or a chain of name and title segments ("presidential
 * aide, Head of ... Hikmat Hajiyev").  Fills c->source, c->name, c->type,
 * c->pronoun; returns 0 when there is none. */
int dm_source_left(const dm_text *t, uint32_t floor, uint32_t end, dm_cand *c);

/* Does the word at I open a phrase that goes before a sentence's subject
 * ("During the campaign, ...", "Facing criticism, ...", "Instead of ...")? */
int dm_opens_phrase(const dm_text *t, uint32_t i);

/* If token I is a pronoun, make it C's source (with its pronoun class and,
 * for he, she and I, the type person) and return 1; else 0. */
int dm_source_pronoun(const dm_text *t, uint32_t i, dm_cand *c);
/* The subject that opens the sentence at SS, ending before LIMIT: a pronoun
 * or a name-and-title phrase followed by a lower-case word. */
int dm_source_subject(const dm_text *t, uint32_t ss, uint32_t limit, dm_cand *c);

/* The source that starts at token START, up to LIMIT: "said the spokesman". */
int dm_source_right(const dm_text *t, uint32_t start, uint32_t limit, dm_cand *c);

/* The titles the document gives the resolved speakers of CANDS (roles.c):
 * an array in A (*OUT), its length returned. */
size_t dm_find_roles(const dm_text *t, dm_arena *a, const dm_cand *cands, size_t n, dm_role **out);

/* Where a person's name begins in the capitalised run [S, E): at its given
 * name, past a team, a party or an unlisted title ("Browns DL Ola Berg",
 * "Democrat Ada Lind"); S when no given name follows such words; E when
 * the run is no name ("Living History"). */
uint32_t dm_name_start(const dm_text *t, uint32_t s, uint32_t e);

/* Do the tokens of R name a place or a nationality ("New Delhi", "U.S",
 * "German")? */
int dm_names_place(const dm_text *t, dm_range r);
/* The place that is the whole source R and speaks as its government
 * ("China said", "the United States urged"), or an empty range. */
dm_range dm_government_voice(const dm_text *t, dm_range r);

/* The name in the tokens of R (see sources.c); sets c->name and c->type. */
void dm_find_name(const dm_text *t, dm_range r, dm_cand *c);

/* Fill in each candidate's speaker: full names, surnames, pronouns and
 * titles resolved within the document.  CANDS are in text order; TI (the
 * tag lexicon's facts, NULL without models) tells common words. */
void dm_resolve(const dm_text *t, const struct dm_tokinfo *ti, dm_arena *a, dm_cand *cands, size_t n);

/* The shapes of attribution (attrib.c): a table of named patterns, tried in
 * its order.  A pattern tries its shape on the statements of a document in
 * the making, at a place in it. */
struct dm_builder;

typedef struct dm_where {
	const dm_sent *s; /* the sentence; NULL for a pattern of the document */
	uint32_t i;       /* the token a cue pattern tries (else s->tok_start) */
	int headline;     /* the sentence is in the title */
	size_t first;     /* the first statement made from this sentence */
	int cue;          /* token i is a cue still to try (a cue pattern) */
} dm_where;

/* What a pattern returns. */
enum {
	DM_PAT_NO_MEMORY = -1,
	DM_PAT_NOT_MADE = 0, /* the shape is here, but it makes no statement */
	DM_PAT_MADE = 1,     /* statements made (finish() drops some: times, acts) */
	DM_PAT_NOT_HERE = 2, /* not this shape: the next pattern is tried */
};

typedef enum dm_stage {
	DM_STAGE_SENTENCE, /* once a sentence, before its cues */
	DM_STAGE_CUE,      /* on each token of a sentence */
	DM_STAGE_AFTER,    /* once a sentence, after its cues */
	DM_STAGE_DOCUMENT, /* once, after every sentence */
} dm_stage;

typedef struct dm_pattern {
	const char *name; /* the shape: "source_cue_content" */
	dm_stage stage;
	int (*try)(struct dm_builder *b, const dm_where *at);
} dm_pattern;

extern const dm_pattern dm_patterns[];
extern const size_t dm_n_patterns;

/* For the tests of the patterns: T through the patterns as dm_attribute
 * puts it, with MODELS (NULL: the rules alone), but only the pattern NAME
 * tried on sentence SENT (a cue pattern on each of its tokens) and nothing
 * after it; a document pattern alone after every sentence.  The statements
 * made, as finish() leaves them (no speaker resolved, strings in A), go to
 * *OUT (malloc'd, caller frees), *N of them, the pattern's from *FIRST on.
 * Returns what the pattern returned (over several tokens: made, else not
 * made, else not here), or DM_PAT_NO_MEMORY, also when there is no pattern
 * NAME (then *OUT is not set). */
int dm_pattern_run(dm_text *t, const dm_models *models, dm_arena *a, const char *name, size_t sent, dm_cand **out,
                   size_t *n, size_t *first);

#endif
