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

#include "dictum_buf.h"

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

/* Near-duplicate sets (nearsets.c): MinHash in DM_BANDS bands, each the
 * two smallest values of one hash function.  A set is 32-bit features, sorted and distinct; its
 * band keys say which bucket of each band it falls in, and two sets that
 * share a bucket are a candidate pair, kept when the exact Jaccard of
 * their features says so.  Keys are computed once, when a statement is
 * stored, so that linking joins keys instead of hashing text again. */
#define DM_BANDS 32
enum { DM_SET_PASSAGE, DM_SET_SENTENCE, DM_SET_DOCUMENT };
/* Sort F[N] and drop repeats in place (TMP: room for N more); returns
 * how many are left. */
size_t dm_set_normalize(uint32_t *f, uint32_t *tmp, size_t n);
/* The band keys of the set F[N] of KIND (a kind is part of every key). */
void dm_near_keys(const uint32_t *f, size_t n, int kind, uint32_t key[DM_BANDS]);
/* Which members of one bucket are compared, members in the order of
 * their sets: each with the DM_WINDOW before it.  A bucket crowded by a
 * common word then costs linear work, and a talking point said a
 * thousand times is still one chain of pairs.  A pair depends only on the
 * sets before it: adding sets after the others never changes the pairs
 * found among them, which is what lets a new batch be joined to the
 * archive and give what a join of everything gives. */
#define DM_WINDOW 16
/* Call PAIR for every candidate pair (A < B) of the N sets whose keys are
 * KEYS[i * DM_BANDS ..] (a pair once for each band it shares) until it
 * returns non-zero.  -1 when memory ran out or PAIR said so.  Before the
 * pairs of a bucket of more than two sets, SETTLED (unless NULL) is asked
 * whether PAIR would do nothing with any of them, as it is now; if it
 * says so (1), they are not offered: in an archive of copies, a sentence's
 * thousands of copies are one bucket in every band, and after the first
 * band they are all one group.  It is given the bucket's N members, each
 * one's set in the low 32 bits of M[i]. */
typedef int (*dm_pair_fn)(void *arg, uint32_t a, uint32_t b);
typedef int (*dm_settled_fn)(void *arg, const uint64_t *m, size_t n);
int dm_near_join(const uint32_t *keys, size_t n, dm_pair_fn pair, dm_settled_fn settled, void *arg);
/* The same for sets added after others, sets named by ids that rise in
 * the order of the sets (DM_SET_ID: an owner's id and the set's place
 * among its sets; a statement's sets past DM_MAX_SETS have no keys).
 * Made with the new sets' N KEYS and IDS (above every earlier set's);
 * then the earlier sets, in order, offered with dm_nearprobe_old, N at a
 * time with their IDS and KEYS band by band (band B's N keys at KEYS + B *
 * N; memory it could not get is told by dm_nearprobe_pairs);
 * dm_nearprobe_pairs then gives the pairs with a new set that
 * dm_near_join would give among all of them, sorted and distinct, in
 * chunks of at most MAX (unless the owners of one 65,536th of the ids
 * have more), so that memory is bounded whatever the archive; a chunk
 * holds every pair of the earlier owners it has, so that each is read
 * once.  Each call: the next chunk in *OUT (the probe's, valid until the
 * next call), and how many; 0 when all are given, -1 when memory ran
 * out. */
#define DM_MAX_SETS     4096
#define DM_SET_ID(o, i) ((uint64_t)(o) << 12 | (uint64_t)(i))
#define DM_SET_OWNER(x) ((int64_t)((x) >> 12))
#define DM_SET_PLACE(x) ((size_t)((x) & (DM_MAX_SETS - 1)))
typedef struct dm_setpair {
	uint64_t a, b;
} dm_setpair;
typedef struct dm_nearprobe dm_nearprobe;
dm_nearprobe *dm_nearprobe_new(const uint32_t *keys, const uint64_t *ids, size_t n);
void dm_nearprobe_old(dm_nearprobe *p, const uint32_t *keys, const uint64_t *ids, size_t n);
long dm_nearprobe_pairs(dm_nearprobe *p, size_t max, const dm_setpair **out);
void dm_nearprobe_free(dm_nearprobe *p);
/* Whether two sets of KIND are near-duplicates: for statements' passages
 * and sentences, a Jaccard of DM_ECHO_MIN (and for sentences, at least
 * DM_ECHO_COMMON_WORDS words in common); for documents, DM_SYNDICATED.
 * *J is their Jaccard when they are. */
int dm_near_similar(int kind, const uint32_t *a, size_t na, const uint32_t *b, size_t nb, double *j);
/* A set's 64-bit filter of its features (a bit each).  A set of NA
 * features with filter WORDS may be a near-duplicate of B[NB], of KIND:
 * 0 only when dm_near_similar would say no, from what the filter shows
 * B has that A has not; so a pair is turned away without A's features. */
uint64_t dm_set_words(const uint32_t *f, size_t n);
int dm_near_may_be_similar(int kind, size_t na, uint64_t words, const uint32_t *b, size_t nb);

/* Statements this alike (the Jaccard of their passages' shingles or of a
 * sentence's content words) are echoes of one another; documents this
 * alike are one story at two outlets. */
#define DM_ECHO_MIN   0.5
#define DM_SYNDICATED 0.8
/* Two sentences echo each other only when they share this many content
 * words: three common ones ("going to make a deal") are no talking point. */
#define DM_ECHO_COMMON_WORDS 4

/* What echo detection compares (echoes.c): of a statement's TEXT, the
 * word 3-shingles of the whole (DM_SET_PASSAGE), then the content words of
 * each sentence (DM_SET_SENTENCE); of a document's text, its 5-shingles
 * (DM_SET_DOCUMENT).  EACH gets every set, sorted and distinct (valid
 * during the call), in that order, which numbers them.  -1 when memory
 * ran out or EACH returned non-zero. */
typedef int (*dm_set_fn)(void *arg, int kind, const uint32_t *f, size_t n);
int dm_echo_sets(const char *text, size_t n, dm_set_fn each, void *arg);
int dm_doc_sets(const char *text, size_t n, dm_set_fn each, void *arg);
/* The keys of every set of a statement's TEXT (DOC: a document's), up to
 * DM_MAX_SETS, as stored: per set, its kind in one byte, its DM_BANDS
 * keys in four bytes each, its number of features in four and its filter
 * (dm_set_words) in eight, little-endian.  Appended to OUT; -1 when
 * memory ran out. */
#define DM_SET_BYTES (1 + 4 * DM_BANDS + 4 + 8)
int dm_near_record(const char *text, size_t n, int doc, dm_buf *out);
/* One set's record (DM_SET_BYTES at R, as dm_near_record made it) read
 * back. */
typedef struct dm_set_record {
	int kind;
	uint32_t key[DM_BANDS];
	uint32_t n;     /* features */
	uint64_t words; /* dm_set_words */
} dm_set_record;
void dm_set_record_read(const unsigned char *r, dm_set_record *out);

#endif
