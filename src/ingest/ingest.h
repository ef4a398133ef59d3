/*
 * ingest: bytes in.  Finds the files under the paths a user names and reads
 * each one whole, undoing gzip when the magic bytes say so.  Knows nothing
 * of what the bytes mean; the next stage (text) does.
 */
#ifndef DM_INGEST_H
#define DM_INGEST_H

#include <stddef.h>

#include "dictum.h"

/* Read PATH into a malloc'd buffer (*out, *len; NUL-terminated), gunzipping
 * gzip input and refusing more than MAX bytes.  On failure a message goes
 * to ERRBUF. */
dm_status dm_read_file(const char *path, size_t max, char **out, size_t *len, char *errbuf, size_t errlen);

/* Undo gzip (one or more members) of IN into a malloc'd buffer. */
dm_status dm_gunzip(const char *in, size_t n, size_t max, char **out, size_t *len, char *errbuf, size_t errlen);

int dm_is_gzip(const char *s, size_t n);

/* The files named by a command line: each path itself, or every regular
 * file below a directory, in name order.  Paths that cannot be read are
 * listed too, with their error, so the caller can report them in order. */
typedef struct dm_input {
	char *path;
	size_t size;
	char *error; /* NULL, or why it cannot be read */
} dm_input;

typedef struct dm_inputs {
	dm_input *items;
	size_t n, cap;
	size_t total_bytes;
} dm_inputs;

void dm_inputs_collect(dm_inputs *in, const char *path);
void dm_inputs_free(dm_inputs *in);

#endif
