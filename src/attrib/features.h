/*
 * features: what the learned taggers of attribution see.  Two
 * left-to-right taggers run over the tokens of a sentence: the cue tagger
 * marks cue spans (B/I/O) greedily, and for each cue the span tagger marks
 * its source and content (B/I of each, or O) with a small beam.  A token's features are hashes
 * (learn.h) of its words, shapes and word-list classes, of its neighbours,
 * of the labels already given to the tokens before it and, for the span
 * tagger, of where it stands relative to the cue.  Training (train/) and
 * tagging call the same functions, so the two cannot drift apart.
 */
#ifndef DM_FEATURES_H
#define DM_FEATURES_H

#include "internal.h"
#include "learn/learn.h"

enum { CUE_O, CUE_B, CUE_I, CUE_CLASSES };
enum { SPAN_O, SPAN_BS, SPAN_IS, SPAN_BC, SPAN_IC, SPAN_CLASSES };
/* Coarse parts of speech (Penn tags merged where attribution does not
 * care).  The tag model is a lexicon, not a tagger: for each word, and for
 * the suffixes of rare words, the set of tags it took often enough in
 * silver-parsed training text (one column, a bit per TAG_, held exactly
 * in a float).  A token's set costs one look-up and carries most of what
 * a tagger would tell the cue and span taggers ("said" is a past verb or
 * participle). */
enum {
	TAG_NN,
	TAG_NNP,
	TAG_PRP,
	TAG_POSS,
	TAG_VB,
	TAG_VBD,
	TAG_VBZ,
	TAG_VBN,
	TAG_VBG,
	TAG_MD,
	TAG_JJ,
	TAG_RB,
	TAG_IN,
	TAG_DT,
	TAG_TO,
	TAG_WH,
	TAG_CC,
	TAG_PUNCT,
	TAG_CLASSES
};
/* The tags of verb forms, as a tag set. */
#define DM_TAG_VERBS (1u << TAG_VB | 1u << TAG_VBD | 1u << TAG_VBZ | 1u << TAG_VBN | 1u << TAG_VBG)
extern const char *const dm_cue_classes[CUE_CLASSES];
extern const char *const dm_span_classes[SPAN_CLASSES];
/* The coarse tag of Penn tag PENN, or -1 for tags too rare to matter. */
int dm_tag_of_penn(const char *penn);

#define DM_MAX_FEATS 64
/* The span tagger looks this many tokens either side of the cue: sources
 * and contents lie close to it, and a run-on "sentence" of a million
 * tokens must not cost a million per cue. */
#define DM_SPAN_WINDOW 60
#define DM_SPAN_LABELS (2 * DM_SPAN_WINDOW + 64) /* a window and a cue of usual length */
/* Hypotheses the span decoder keeps (a greedy tagger keeps one), and how
 * far behind the best one may be, in log-probability.  On held-out train
 * a beam of 2 to 25 gives the same; cutting at 1 costs 0.7% more
 * instructions than a greedy tagger where 6 cost 11%, for the same F1. */
#define DM_SPAN_BEAM  4
#define DM_SPAN_PRUNE 1.0f

/* The window of the span tagger for CUE in sentence [SS, SE). */
static inline void dm_span_window(uint32_t ss, uint32_t se, dm_range cue, uint32_t *ws, uint32_t *we)
{
	*ws = cue.first > ss + DM_SPAN_WINDOW ? cue.first - DM_SPAN_WINDOW : ss;
	*we = se - cue.last > DM_SPAN_WINDOW ? cue.last + DM_SPAN_WINDOW : se;
}

/* Per-form values the features are built from (a token's are its form's); 40
 * bytes, so that a form's infos and its bytes fill a cache line
 * (tokcache.c). */
typedef struct dm_tokinfo {
	uint64_t word;  /* lower-case form, digits as 0 */
	uint64_t stem;  /* the word without its inflection (dm_stem) */
	uint64_t suf;   /* its last three bytes */
	uint64_t shape; /* Xxx, x, X.X, d ... */
	uint32_t tags;  /* coarse tags it often takes (bit per TAG_) */
	uint16_t lex;   /* the models' word lists it is in (features.c) */
	uint8_t rare;   /* the tag lexicon knows it by its suffix only */
} dm_tokinfo;

/* The length of the stem of the lower-case word W[0, n): -s, -es, -ed,
 * -ing and a final -e taken off, a doubled final consonant made single
 * ("slammed", "slams", "slamming": "slam"), so that a cue seen in one form
 * is known in the others. */
size_t dm_stem(char *w, size_t n);

/* A malloc'd array of the infos of T's n_forms forms, or NULL: a token's
 * infos are its form's (dm_ti), so none are copied to each token.  TAGS
 * (the tag lexicon) may be NULL: then every token's tags are 0. */
dm_tokinfo *dm_tokinfo_new(const dm_text *t, const dm_model *tags);
/* The infos of token I of T, from the infos TI of T's forms. */
static inline const dm_tokinfo *dm_ti(const dm_text *t, const dm_tokinfo *ti, uint32_t i)
{
	return &ti[t->toks[i].form];
}
/* The calling thread's token infos of forms made with the tag lexicon
 * TAGS (NULL: none), kept from one document to the next (tokcache.c); NULL
 * when memory ran out.  A form is its bytes BYTES[0, n), its FLAGS and
 * their HASH (dm_form); _get is NULL for a form not there; _prefetch asks
 * for the memory a _get of HASH will read, some forms before it. */
typedef struct dm_tokcache dm_tokcache;
dm_tokcache *dm_tokcache_thread(const dm_model *tags);
void dm_tokcache_prefetch(const dm_tokcache *c, uint64_t hash);
const dm_tokinfo *dm_tokcache_get(dm_tokcache *c, uint64_t hash, const char *bytes, size_t n, uint16_t flags);
void dm_tokcache_put(dm_tokcache *c, uint64_t hash, const char *bytes, size_t n, uint16_t flags, const dm_tokinfo *ti);
/* The tag set of a word with tag shares P[TAG_CLASSES] (in training). */
uint32_t dm_tag_set(const float *p);
/* Fill the tags of the infos of T's forms from the lexicon TAGS. */
void dm_tokinfo_tag(const dm_text *t, dm_tokinfo *ti, const dm_model *tags);
/* The keys of the tag lexicon: a word, and the suffix of a word it does not
 * hold, with whether the token is capitalised. */
uint64_t dm_tag_key_word(const dm_tokinfo *ti);
uint64_t dm_tag_key_suffix(const dm_text *t, const dm_tokinfo *ti, uint32_t i);

/* The features of token I of sentence [SS, SE) for the cue tagger; LAB
 * holds the labels of tokens SS..I-1 (indexed from SS).  Writes at most
 * DM_MAX_FEATS to F and returns how many. */
size_t dm_cue_features(const dm_text *t, const dm_tokinfo *ti, uint32_t ss, uint32_t se, uint32_t i, const uint8_t *lab,
                       uint64_t *f);

/* The features of token I for the span tagger of cue CUE in [SS, SE). */
size_t dm_span_features(const dm_text *t, const dm_tokinfo *ti, uint32_t ss, uint32_t se, dm_range cue, uint32_t i,
                        const uint8_t *lab, uint64_t *f);

/* Whether the cue tagger scores token I of the sentence starting at SS,
 * given whether its stem is in the cue model's vocabulary (the stems that
 * began a cue in training) and the labels before it: a cue starts only at
 * such a word, and goes on after one.  Every other token is outside. */
static inline int dm_cue_scored(int known, const uint8_t *lab, uint32_t ss, uint32_t i)
{
	return known || (i > ss && lab[i - 1 - ss] != CUE_O);
}

/* Tag [FROM, TO) of the window [SS, SE) with MODEL, writing labels to
 * LAB[0, se - ss): the best sequence a beam of DM_SPAN_BEAM hypotheses
 * finds.  The tokens outside [FROM, TO) are outside (the features of the
 * tokens after them see them so). */
void dm_tag_spans(const dm_model *m, const dm_text *t, const dm_tokinfo *ti, uint32_t ss, uint32_t se, dm_range cue,
                  uint32_t from, uint32_t to, uint8_t *lab);
/* The span model's scores of token I of the window [SS, SE) for CUE after
 * labels L1, L2 (9: none), as dm_tag_spans adds them up from its parts:
 * the scores of dm_model_score over dm_span_features, but for the order
 * in which they are added (tests).  The rows of the features of the
 * token's word alone are summed once a thread (dm_group_get). */
void dm_span_scores(const dm_model *m, const dm_text *t, const dm_tokinfo *ti, uint32_t ss, uint32_t se, dm_range cue,
                    uint32_t i, uint8_t l1, uint8_t l2, float *scores);
/* The cue model's scores of token I of the sentence [SS, SE) after the
 * labels LAB, as dm_tag_cues adds them up: those of dm_model_score over
 * dm_cue_features, but for the order in which they are added (tests). */
void dm_cue_scores(const dm_model *m, const dm_text *t, const dm_tokinfo *ti, uint32_t ss, uint32_t se, uint32_t i,
                   const uint8_t *lab, float *scores);
/* The cue tagger does not score tokens with SKIP[i - ss] set (SKIP may be
 * NULL): cues the caller already holds, labelled as cues for the features
 * of the tokens after them. */
void dm_tag_cues(const dm_model *m, const dm_text *t, const dm_tokinfo *ti, uint32_t ss, uint32_t se,
                 const uint8_t *skip, uint8_t *lab);

#endif
