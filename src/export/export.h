/*
 * export: documents out, in the formats other tools read (dm_export_json
 * and dm_export_brat, in dictum.h), and what the archive's writers share
 * with them: a statement's fields as JSON.  Appends to a dm_buf.
 */
#ifndef DM_EXPORT_H
#define DM_EXPORT_H

#include "dictum.h"
#include "dictum_buf.h"

void dm_export_via(const dm_statement *s, dm_buf *out); /* JSON array */
/* D's readers' comments, a JSON array of {text, author, date}: for
 * 'dictum extract' and the archive alike. */
void dm_export_comments(const dm_document *d, dm_buf *out);

/* OUT to FLUSH (if any) once it holds 64 KiB: the streaming writers' step. */
static inline void dm_export_flush(dm_buf *out, dm_flush_fn flush, void *ctx)
{
	if (flush && out->len >= (size_t)64 << 10)
		flush(out, ctx);
}

/* A statement as every program shows it, from a document being extracted
 * or from the archive: the one writer of its JSON fields (kind, content,
 * speaker, speaker_mention, speaker_type, cue, venue, via, offsets), for
 * 'dictum extract', the CLI's queries and the API alike. */
typedef struct dm_place {
	dm_span_role role;
	uint32_t start, end; /* code points of the input */
} dm_place;
typedef struct dm_statement_view {
	dm_kind kind;
	dm_speaker_type speaker_type;
	const char *content, *speaker, *speaker_mention, *cue, *venue;
	const char *via;                   /* a JSON array */
	dm_place places[DM_MAX_PARTS + 2]; /* content's parts in order, source, cue */
	int n_places;
} dm_statement_view;
/* The fields of V, appended inside the object OUT is writing. */
void dm_statement_view_json(const dm_statement_view *v, dm_buf *out);

#endif
