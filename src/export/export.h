/*
 * export: documents out, in the formats other tools read.  JSON (one object
 * a document, the `dictum extract` contract) and brat standoff (.ann), both
 * with offsets in code points of the input.  Appends to a dm_buf.
 */
#ifndef DM_EXPORT_H
#define DM_EXPORT_H

#include "dictum.h"
#include "util/buf.h"

void dm_export_json(const dm_document *d, dm_buf *out); /* one line, no newline */
void dm_export_via(const dm_statement *s, dm_buf *out); /* JSON array */

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
void dm_export_brat(const dm_document *d, dm_buf *out);

/* JSON value helpers: a string or null; an array of strings. */
void dm_json_str_or_null(dm_buf *out, const char *s);
void dm_json_str_array(dm_buf *out, const char *const *v, int n);
/* "name":value inside an object being written, with a comma if needed. */
void dm_json_field(dm_buf *out, const char *name, const char *value);

#endif
