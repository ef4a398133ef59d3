/*
 * learned: attributions found by the trained taggers (features.h).  The cue
 * tagger marks cue spans in a sentence; for each, the span tagger marks its
 * source and content, which are decoded to one source (the run of source
 * tokens nearest the cue) and a content on each side of it.  The models
 * are built into dictum (the .dmm files of models/, made by 'dictum train') or read
 * from a directory.
 */
#ifndef DM_LEARNED_H
#define DM_LEARNED_H

#include "features.h"

struct dm_models {
	dm_model *tags, *cue, *span;
};

/* The models built into dictum, read once; NULL if they cannot be. */
const dm_models *dm_models_builtin(void);

typedef struct dm_found {
	dm_range cue, source;
	dm_range content, rest; /* content before the cue and after it, or only one */
} dm_found;

/* The cues of sentence [SS, SE), none on a token with SKIP[i - ss] set
 * (SKIP may be NULL): at most CAP go to OUT; returns how many. */
size_t dm_learned_cues(const dm_models *m, const dm_text *t, const dm_tokinfo *ti, uint32_t ss, uint32_t se,
                       const uint8_t *skip, dm_range *out, size_t cap);
/* The source and content of CUE in [SS, SE).  Returns 0 when it has no
 * content.  Separate from the cues because it costs a pass over the
 * sentence per cue, which the caller spares where rules already hold it. */
int dm_learned_spans(const dm_models *m, const dm_text *t, const dm_tokinfo *ti, uint32_t ss, uint32_t se, dm_range cue,
                     dm_found *out);
/* Only the source of CUE in [SS, SE), looked for on one side of the cue
 * (SIDE < 0 before it, > 0 after it, 0 both), which costs a pass over that
 * side only; {0, 0} when there is none. */
dm_range dm_learned_source(const dm_models *m, const dm_text *t, const dm_tokinfo *ti, uint32_t ss, uint32_t se,
                           dm_range cue, int side);

#endif
