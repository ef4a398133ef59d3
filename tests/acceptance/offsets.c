/*
 * Acceptance: every stored statement is where its stored spans say.  The
 * samples, and where ../shared is there the seeds and the web pages of
 * extraction-bench, are stored in a fresh archive; then each statement
 * read back through the store has, at its stored places and with no
 * search: its content (the parts in raw, joined by a space), the same
 * words in the cleaned text where it is in the body, and code points that
 * count the bytes before them.  Runs on the samples alone where ../shared
 * is absent, and says so.
 *
 * usage: offsets SOURCE_DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dictum_archive.h"
#include "dictum_buf.h"
#include "ingest/ingest.h"
#include "util/utf8.h"

static long statements, failures;

typedef struct doc_check {
	char *raw, *text; /* copies: the view's strings last only its callback */
	size_t raw_len, text_len;
	char source[512];
} doc_check;

static int on_doc(const dm_doc_view *v, void *p)
{
	doc_check *c = p;
	free(c->raw);
	free(c->text);
	c->raw = strndup(v->raw, v->raw_len);
	c->raw_len = v->raw_len;
	c->text = strndup(v->text, v->text_len);
	c->text_len = v->text_len;
	snprintf(c->source, sizeof c->source, "%s", v->source);
	return 0;
}

static void fail(const doc_check *c, const dm_row *r, const char *what)
{
	if (failures++ < 20)
		printf("FAIL  %s, statement %lld: %s\n", c->source, r->id, what);
}

static int on_statement(const dm_row *r, void *p)
{
	const doc_check *c = p;
	dm_buf joined = {0};
	statements++;
	for (int i = 0; i < r->n_spans; i++) {
		const dm_row_span *sp = &r->spans[i];
		if (sp->raw_start < 0 || sp->raw_end > (long long)c->raw_len || sp->raw_start >= sp->raw_end) {
			fail(c, r, "a span outside its document");
			continue;
		}
		size_t len = (size_t)(sp->raw_end - sp->raw_start);
		if ((long long)dm_utf8_count(c->raw, (size_t)sp->raw_start) != sp->raw_cp_start ||
		    (long long)dm_utf8_count(c->raw, (size_t)sp->raw_end) != sp->raw_cp_end)
			fail(c, r, "code points that do not count the bytes before them");
		if (sp->text_start >= 0) {
			if (sp->text_end - sp->text_start != (long long)len || sp->text_end > (long long)c->text_len ||
			    memcmp(c->text + sp->text_start, c->raw + sp->raw_start, len))
				fail(c, r, "other words in the cleaned text than in raw");
			else if ((long long)dm_utf8_count(c->text, (size_t)sp->text_start) != sp->text_cp_start)
				fail(c, r, "code points in the cleaned text that do not count its bytes");
		}
		if (sp->role == DM_SPAN_CONTENT) {
			if (joined.len)
				dm_buf_putc(&joined, ' ');
			dm_buf_add(&joined, c->raw + sp->raw_start, len);
		}
	}
	if (!joined.data || strcmp(joined.data, r->content))
		fail(c, r, "its content is not at its places");
	dm_buf_free(&joined);
	return 0;
}

typedef struct putter {
	dm_store *s;
	long documents;
} putter;

static void put(dm_document *d, void *ctx)
{
	putter *p = ctx;
	char err[256];
	dm_put_result r = dm_store_put(p->s, d, NULL, 0, err, sizeof err);
	if (r == DM_STORE_FAILED)
		printf("FAIL  %s: %s\n", d->source, err), failures++;
	else if (r == DM_STORED)
		p->documents++;
	dm_document_free(d);
}

static void problem(const char *source, const char *what, int warning, void *ctx)
{
	(void)source, (void)what, (void)warning, (void)ctx;
}

static void store_all(putter *p, const char *path)
{
	dm_inputs in = {0};
	dm_inputs_collect(&in, path);
	dm_sink sink = {put, problem, p, NULL};
	for (size_t i = 0; i < in.n; i++)
		if (!in.items[i].error)
			dm_extract_each(in.items[i].path, NULL, &sink, NULL);
	dm_inputs_free(&in);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: offsets SOURCE_DIR\n");
		return 2;
	}
	char db[64], path[1024], shared[900];
	snprintf(db, sizeof db, "/tmp/dictum-offsets-%d.db", (int)getpid());
	unlink(db);
	dm_store *s;
	char err[256];
	if (dm_store_open(db, 0, &s, err, sizeof err) || dm_store_begin(s, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	putter p = {s, 0};
	snprintf(path, sizeof path, "%s/samples", argv[1]);
	store_all(&p, path);
	const char *env = getenv("DICTUM_SHARED");
	snprintf(shared, sizeof shared, "%s", env && *env ? env : "");
	if (!*shared)
		snprintf(shared, sizeof shared, "%s/../shared", argv[1]);
	snprintf(path, sizeof path, "%s/seeds", shared);
	int have_shared = access(path, R_OK) == 0;
	if (have_shared) {
		store_all(&p, path);
		snprintf(path, sizeof path, "%s/extraction-bench/html", shared);
		store_all(&p, path);
	} else {
		printf("the seeds and extraction-bench skipped: no %s (set DICTUM_SHARED)\n", path);
	}
	if (dm_store_commit(s, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	doc_check c = {0};
	for (long id = 1; id <= p.documents; id++) {
		char key[32];
		snprintf(key, sizeof key, "%ld", id);
		if (dm_store_document(s, key, on_doc, on_statement, &c, err, sizeof err))
			printf("FAIL  document %ld: %s\n", id, err), failures++;
	}
	free(c.raw);
	free(c.text);
	dm_store_close(s);
	unlink(db);
	snprintf(path, sizeof path, "%s-wal", db);
	unlink(path);
	snprintf(path, sizeof path, "%s-shm", db);
	unlink(path);
	printf("%ld documents, %ld statements, %ld misplaced\n", p.documents, statements, failures);
	return failures ? 1 : 0;
}
