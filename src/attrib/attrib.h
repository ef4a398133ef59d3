/*
 * attrib: who said what.  Pairs quotation marks (also across paragraphs),
 * finds cues (reporting verbs, "according to"), the source each cue has and
 * the content it introduces, and resolves sources to the fullest name of
 * the person in the document (surnames, pronouns, titles).  Reads a dm_text,
 * writes dm_statements whose strings live in the caller's arena.
 */
#ifndef DM_ATTRIB_H
#define DM_ATTRIB_H

#include "dictum.h"
#include "text/text.h"
#include "util/arena.h"

typedef struct dm_quote {
	uint32_t open;        /* token of the opening mark */
	uint32_t close;       /* token of the closing mark, or UINT32_MAX */
	uint32_t first, last; /* tokens inside, [first, last) */
} dm_quote;

/* Pair the quotation marks of body and title paragraphs; sets each token's
 * .quote.  *OUT is malloc'd (caller frees).  Returns -1 on no memory. */
int dm_find_quotes(dm_text *t, dm_quote **out, size_t *n);

/* Everything from cue to resolved speaker, with the trained MODELS (NULL:
 * rules alone); statements only, or with ATTRIBUTIONS every attribution
 * PolNeAR counts (dm_options.attributions).  Statements go to a malloc'd array (DOC->statements, caller
 * frees), the titles of their speakers to DOC->roles; strings and roles are
 * in ARENA. */
int dm_attribute(dm_text *t, const dm_models *models, int attributions, dm_arena *arena, dm_document *doc);

#endif
