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
void dm_export_statement_json(const dm_document *d, const dm_statement *s, dm_buf *out);
void dm_export_via(const dm_statement *s, dm_buf *out);                           /* JSON array */
void dm_export_offsets(const dm_document *d, const dm_statement *s, dm_buf *out); /* JSON object */
void dm_export_brat(const dm_document *d, dm_buf *out);

/* JSON value helpers: a string or null; an array of strings. */
void dm_json_str_or_null(dm_buf *out, const char *s);
void dm_json_str_array(dm_buf *out, const char *const *v, int n);
/* "name":value inside an object being written, with a comma if needed. */
void dm_json_field(dm_buf *out, const char *name, const char *value);

#endif
