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

/* PATH whole, as it is (no gzip undone), in one open and one read, when it
 * is a regular file of at most LIMIT bytes: a malloc'd, NUL-terminated
 * buffer in *OUT, *LEN, and 1.  0 for anything else, a failure included,
 * which dm_read_file then meets and reports: most inputs are small files,
 * read so in the fewest system calls. */
int dm_read_small(const char *path, size_t limit, char **out, size_t *len);

/* BYTES[N] as UTF-8 text (decode.c): a byte-order mark's encoding (UTF-8,
 * UTF-16, UTF-32) decoded; and when PLAIN (text, not a web page, which
 * declares its own), bytes with no UTF-8 in them read as Windows-1252 and
 * lone carriage returns made line feeds, byte for byte.  1 with the text
 * in OUT and *ENCODING the encoding decoded (NULL: none, only line ends),
 * 0 when BYTES are fine as they are, -1 when memory ran out. */
int dm_decode_text(const char *bytes, size_t n, int plain, dm_buf *out, const char **encoding);

#endif
