/*
 * attrib: who said what.  Finds cues (reporting verbs, "according to"),
 * the source each cue has and the content it introduces, taking in the
 * quotations the text stage paired (dm_text.quotes), and resolves sources
 * to the fullest name of the person in the document (surnames, pronouns,
 * titles).  Reads a dm_text, writes dm_statements whose strings live in the
 * caller's arena.
 */
#ifndef DM_ATTRIB_H
#define DM_ATTRIB_H

#include "dictum.h"
#include "text/text.h"
#include "util/arena.h"

/* Everything from cue to resolved speaker, with the trained MODELS (NULL:
 * rules alone); statements only, or with ATTRIBUTIONS every attribution
 * PolNeAR counts (dm_options.attributions).  Statements go to a malloc'd array (DOC->statements, caller
 * frees), the titles of their speakers to DOC->roles; strings and roles are
 * in ARENA. */
int dm_attribute(dm_text *t, const dm_models *models, int attributions, dm_arena *arena, dm_document *doc);

#endif
