/*
 * ingest: bytes in.  Finds the files under the paths a user names and reads
 * each one whole, undoing gzip when the magic bytes say so (dm_inputs_collect
 * and dm_read_file, in dictum.h).  Knows nothing of what the bytes mean;
 * the next stage (text) does.
 */
#ifndef DM_INGEST_H
#define DM_INGEST_H

#include <stddef.h>

#include "dictum.h"

/* Undo gzip (one or more members) of IN into a malloc'd buffer. */
dm_status dm_gunzip(const char *in, size_t n, size_t max, char **out, size_t *len, char *errbuf, size_t errlen);

int dm_is_gzip(const char *s, size_t n);

#endif
