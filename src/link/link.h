/*
 * link: one speaker across documents.  A name's key folds what varies
 * between the ways one person's name is written (case, diacritics,
 * honorifics, apostrophes, and the a/e and y/i alternations of
 * transliteration: "Hikmat Hajiyev", "Hikmet Hajiyev", "HIKMET HACIYEV"
 * are one key), and keeps what tells people apart (every other letter,
 * the number of name parts, a "Jr." or "Sr.").  The store groups speakers
 * by it.
 */
#ifndef DM_LINK_H
#define DM_LINK_H

#include <stddef.h>
#include <stdint.h>

/* The key of the name NAME[N], malloc'd (the caller frees it); NULL
 * when memory runs out. */
char *dm_name_key(const char *name, size_t n);

/* A form of a speaker's name as the archive holds it (caller's strings),
 * and the person linking puts it with. */
typedef struct dm_form {
	const char *name; /* as written */
	int type;         /* dm_speaker_type */
	long statements;
	const char *const *titles; /* the roles documents give this form */
	size_t n_titles;
	const char *alias; /* 'dictum alias add': the name it belongs with */
	int split;         /* 'dictum alias split': keep it apart */
	/* set by dm_link_speakers: */
	size_t person;    /* index into the people; SIZE_MAX: not a name */
	char reason[200]; /* why, in words */
} dm_form;

typedef struct dm_person {
	const char *name; /* its most used form, or the name an alias gave */
	int type;
	long statements;
} dm_person;

/* The texts of the documents FORM is a speaker in, for what they say of a
 * surname written alone ("Ada Lind ... Lind said", "Mr. Lind"): calls EACH
 * on each text (valid during the call) until it returns non-zero.  -1
 * when they could not be read. */
typedef int (*dm_each_text)(const char *text, size_t n, void *arg);
typedef int (*dm_form_texts)(void *ctx, const dm_form *form, dm_each_text each, void *arg);

/* Put the N FORMS with the people they name (speakers.c says on what
 * evidence), asking TEXTS (with CTX; NULL: no texts) for the documents of
 * the forms that are surnames alone.  *PEOPLE is a malloc'd array (caller
 * frees) whose names point into FORMS.  Returns how many people, or -1
 * when memory ran out or TEXTS failed. */
long dm_link_speakers(dm_form *forms, size_t n, dm_form_texts texts, void *ctx, dm_person **people);

/* Sets of 32-bit features, each owned by a statement or document, and
 * the owners whose sets are near-duplicates (nearsets.c). */
typedef struct dm_nearset dm_nearset;
/* Two sets join only when they share MIN_COMMON features at least. */
dm_nearset *dm_nearset_new(size_t min_common);
void dm_nearset_free(dm_nearset *s);
size_t dm_nearset_count(const dm_nearset *s);
/* Add the set F[N] (sorted and deduplicated in place, then copied) for
 * OWNER; an owner may have several.  -1 when memory ran out. */
int dm_nearset_add(dm_nearset *s, uint32_t owner, uint32_t *f, size_t n);
/* Join, in the union-find PARENT over owners, every two owners with sets
 * of Jaccard similarity at least MIN (as far as MinHash finds them: a
 * pair at MIN is missed with odds under 1 in 10,000); BEST[owner] is
 * raised to the best similarity found.  A group's root is always its
 * smallest owner.  -1 when memory ran out. */
int dm_nearset_join(const dm_nearset *s, double min, uint32_t *parent, float *best);
/* The root of owner I's group in PARENT (compressing the path). */
uint32_t dm_nearset_root(uint32_t *parent, uint32_t i);
/* |A and B| / |A or B| of two sorted sets. */
double dm_jaccard(const uint32_t *a, size_t na, const uint32_t *b, size_t nb);

/* Statements this alike (the Jaccard of their passages' shingles or of a
 * sentence's content words) are echoes of one another; documents this
 * alike are one story at two outlets. */
#define DM_ECHO_MIN   0.5
#define DM_SYNDICATED 0.8
/* Two sentences echo each other only when they share this many content
 * words: three common ones ("going to make a deal") are no talking point. */
#define DM_ECHO_COMMON_WORDS 4

/* What echo detection compares (echoes.c): of a statement's TEXT, the
 * content words of each sentence go to SENTENCES and the word 3-shingles
 * of the whole to PASSAGES; of a document's text, its 5-shingles go to
 * DOCS.  -1 when memory ran out. */
int dm_echo_units(const char *text, size_t n, uint32_t owner, dm_nearset *sentences, dm_nearset *passages);
int dm_doc_units(const char *text, size_t n, uint32_t owner, dm_nearset *docs);

#endif
