/*
 * serve: the archive over HTTP, for browsers and for programs (the
 * server's public face is dictum_serve.h; this is what its files share).
 *
 * api.c answers GET /api/... with JSON (docs/API.md) from one read-only
 * store, knowing nothing of sockets; assets.c holds the page (web/,
 * compiled in); http.c is libmicrohttpd under both: a pool of threads, a
 * read-only connection each (so 'dictum ingest' may write meanwhile),
 * limits on what a request may carry, and nothing read from disk but the
 * database.  Everything from articles leaves as JSON; the page puts it in
 * the document as text, never as markup.
 */
#ifndef DM_SERVE_H
#define DM_SERVE_H

#include <stddef.h>

#include "dictum_archive.h"
#include "dictum_serve.h"

/* A request to the API: PATH (from "/api/"), and its query arguments,
 * already percent-decoded, looked up by name (NULL when absent) or each
 * in turn (FN's non-zero stops; returns that). */
typedef struct dm_request {
	const char *path;
	const char *(*arg)(void *ctx, const char *name);
	int (*each_arg)(void *ctx, int (*fn)(const char *name, void *arg), void *arg);
	void *ctx;
} dm_request;

/* What to send: a status, and a JSON body the caller frees. */
/* What to send: a status, and a JSON body the caller frees; or (an
 * export) BODY first, then the rows of STREAM as CSV or JSON lines, pulled
 * with dm_api_stream as the client reads them: the caller keeps the store
 * until it closes STREAM. */
typedef struct dm_response {
	int status;
	dm_buf body;
	dm_cursor *stream;
	int csv; /* the stream's rows as CSV, else JSON lines */
} dm_response;

void dm_api(dm_store *s, const dm_request *req, dm_response *out);
/* The stream's next rows into OUT, until it holds WANT bytes or the rows
 * end: 1 while there are more, 0 at the end, -1 when reading failed (the
 * message, as a last line, in OUT). */
int dm_api_stream(dm_response *res, dm_buf *out, size_t want);
/* OUT becomes the error answer, {"error": {"status", "message"}}. */
void dm_api_error(dm_response *out, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* An embedded file of the page: "/" and the names under web/. */
typedef struct dm_asset {
	const char *path, *type;
	const unsigned char *data;
	size_t size;
} dm_asset;
const dm_asset *dm_asset_find(const char *path); /* NULL: no such asset */

#endif
