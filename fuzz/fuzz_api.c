/* Fuzz target: any bytes as a request to the API (serve/api.c): the first
 * line a path, each further line NAME=VALUE an argument.  No request may
 * be a server error (500). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "serve/serve.h"

typedef struct req {
	char *lines[64];
	int n;
} req;

static const char *arg(void *ctx, const char *name)
{
	req *r = ctx;
	size_t k = strlen(name);
	for (int i = 1; i < r->n; i++)
		if (!strncmp(r->lines[i], name, k) && r->lines[i][k] == '=')
			return r->lines[i] + k + 1;
	return NULL;
}

static int each_arg(void *ctx, int (*fn)(const char *name, void *arg), void *a)
{
	req *r = ctx;
	for (int i = 1; i < r->n; i++) {
		char name[256];
		snprintf(name, sizeof name, "%.*s", (int)strcspn(r->lines[i], "="), r->lines[i]);
		if (fn(name, a))
			return 1;
	}
	return 0;
}

static dm_store *s;
static char path[64];

/* The archive goes with the process: one a run, left in /tmp, piled up. */
static void remove_archive(void)
{
	static const char *const ends[] = {"", "-wal", "-shm"};
	dm_store_close(s);
	for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
		char file[80];
		snprintf(file, sizeof file, "%s%s", path, ends[i]);
		unlink(file);
	}
}

static dm_store *archive(void)
{
	if (s)
		return s;
	char err[256];
	snprintf(path, sizeof path, "/tmp/dictum-fuzz-api-%d.db", (int)getpid());
	unlink(path);
	atexit(remove_archive);
	static const char text[] =
	    "Published: 2024-01-10\n\nPort Amsel mayor Ines Kolar said that the ferry will run.\n\n"
	    "\"We will not leave the islands cut off,\" Kolar said.\n";
	dm_document *d;
	dm_link_stats ls;
	if (dm_store_open(path, 0, &s, err, sizeof err) ||
	    dm_extract_bytes("a.txt", text, sizeof text - 1, NULL, &d, err, sizeof err, NULL) != DM_OK ||
	    dm_store_begin(s, err, sizeof err) || dm_store_put(s, d, NULL, 0, err, sizeof err) == DM_STORE_FAILED ||
	    dm_store_commit(s, err, sizeof err) || dm_store_link(s, DM_LINK_ALL, &ls, err, sizeof err))
		abort();
	dm_document_free(d);
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = 0;
	req r = {{0}, 0};
	for (char *line = strtok(text, "\n"); line && r.n < 64; line = strtok(NULL, "\n"))
		r.lines[r.n++] = line;
	char path[512];
	snprintf(path, sizeof path, "/api/%s", r.n ? r.lines[0] : "");
	dm_request rq = {path, arg, each_arg, &r};
	dm_response res = {0};
	dm_api(archive(), &rq, &res);
	if (res.stream) { /* an export: every row, then done */
		dm_buf out = {0};
		while (dm_api_stream(&res, &out, 1 << 16) > 0)
			dm_buf_reset(&out);
		dm_buf_free(&out);
		dm_cursor_close(res.stream);
	}
	if (res.status >= 500) {
		fprintf(stderr, "%s: %d %s\n", path, res.status, res.body.data);
		abort();
	}
	dm_buf_free(&res.body);
	free(text);
	return 0;
}
