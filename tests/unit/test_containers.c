/* Containers built from the bundled web pages (samples/web) give the same
 * article text and URL as the pages read directly: a .warc.gz (warcinfo,
 * request and response records, one gzip member each, cut off in its last
 * record), JSONL with a broken line in the middle, an RSS 2.0 feed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include <cmocka.h>
#include <jansson.h>

#include "dictum.h"
#include "ingest/ingest.h"
#include "dictum_buf.h"

static const char *const pages[] = {DM_SAMPLES "/bridge_vote.html", DM_SAMPLES "/ferry_delay.html"};
#define N_PAGES 2

typedef struct seen {
	char *source[8], *text[8], *url[8], *fetched[8], *date[8];
	int n;
	char problems[2048];
	int n_problems;
} seen;

static void on_doc(dm_document *d, void *ctx)
{
	seen *s = ctx;
	if (s->n < 8) {
		s->source[s->n] = strdup(d->source);
		s->text[s->n] = strdup(d->text);
		s->fetched[s->n] = d->fetched ? strdup(d->fetched) : NULL;
		s->date[s->n] = d->date ? strdup(d->date) : NULL;
		s->url[s->n++] = d->url ? strdup(d->url) : NULL;
	}
	dm_document_free(d);
}

static void on_problem(const char *source, const char *what, int warning, void *ctx)
{
	seen *s = ctx;
	if (warning)
		return;
	size_t k = strlen(s->problems);
	snprintf(s->problems + k, sizeof s->problems - k, "%s: %s\n", source, what);
	s->n_problems++;
}

static void seen_free(seen *s)
{
	for (int i = 0; i < s->n; i++) {
		free(s->source[i]);
		free(s->text[i]);
		free(s->url[i]);
		free(s->fetched[i]);
		free(s->date[i]);
	}
}

static seen read_all(const char *path)
{
	seen s = {0};
	dm_sink sink = {on_doc, on_problem, &s, NULL};
	assert_int_equal(dm_extract_each(path, NULL, &sink, NULL), DM_OK);
	return s;
}

/* What the pages give read directly. */
static seen direct;
static char *html[N_PAGES];
static size_t html_len[N_PAGES];

static int setup(void **state)
{
	(void)state;
	for (int i = 0; i < N_PAGES; i++) {
		char err[128];
		if (dm_read_file(pages[i], 1 << 20, &html[i], &html_len[i], err, sizeof err) != DM_OK)
			return -1;
		seen one = read_all(pages[i]);
		if (one.n != 1)
			return -1;
		direct.text[i] = one.text[0];
		direct.url[i] = one.url[0];
		free(one.source[0]);
		free(one.fetched[0]);
		free(one.date[0]);
	}
	direct.n = N_PAGES;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (int i = 0; i < N_PAGES; i++) {
		free(direct.text[i]);
		free(direct.url[i]);
		free(html[i]);
	}
	return 0;
}

static void same_as_direct(const seen *s)
{
	assert_int_equal(s->n, N_PAGES);
	for (int i = 0; i < N_PAGES; i++) {
		assert_string_equal(s->text[i], direct.text[i]);
		assert_non_null(s->url[i]);
		assert_string_equal(s->url[i], direct.url[i]);
	}
}

static char *tmp_path(const char *name)
{
	static char buf[512];
	snprintf(buf, sizeof buf, "%s/dictum-test-%d-%s", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid(),
	         name);
	return buf;
}

/* Append B[N] to F as one gzip member. */
static void gz_member(FILE *f, const char *b, size_t n)
{
	z_stream z = {0};
	deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
	size_t cap = deflateBound(&z, (uLong)n);
	unsigned char *out = malloc(cap);
	z.next_in = (Bytef *)b;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	fwrite(out, 1, cap - z.avail_out, f);
	deflateEnd(&z);
	free(out);
}

static void warc_record(dm_buf *b, const char *type, const char *uri, const char *ctype, const char *block, size_t n)
{
	dm_buf_reset(b);
	dm_buf_printf(b, "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Date: 2025-01-02T03:04:05Z\r\n", type);
	if (uri)
		dm_buf_printf(b, "WARC-Target-URI: %s\r\n", uri);
	dm_buf_printf(b, "Content-Type: %s\r\nContent-Length: %zu\r\n\r\n", ctype, n);
	dm_buf_add(b, block, n);
	dm_buf_puts(b, "\r\n\r\n");
}

static void warc_gz(void **state)
{
	(void)state;
	const char *path = tmp_path("pages.warc.gz");
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	dm_buf rec = {0}, http = {0};
	const char *info = "software: dictum tests\r\nformat: WARC File Format 1.0\r\n";
	warc_record(&rec, "warcinfo", NULL, "application/warc-fields", info, strlen(info));
	gz_member(f, rec.data, rec.len);
	for (int i = 0; i < N_PAGES; i++) {
		dm_buf req = {0};
		dm_buf_printf(&req, "GET / HTTP/1.1\r\nHost: example\r\n\r\n");
		warc_record(&rec, "request", direct.url[i], "application/http; msgtype=request", req.data, req.len);
		gz_member(f, rec.data, rec.len);
		dm_buf_free(&req);
		dm_buf_reset(&http);
		dm_buf_printf(
		    &http, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %zu\r\n\r\n",
		    html_len[i]);
		dm_buf_add(&http, html[i], html_len[i]);
		warc_record(&rec, "response", direct.url[i], "application/http; msgtype=response", http.data, http.len);
		gz_member(f, rec.data, rec.len);
	}
	/* a last response, cut off in its middle */
	warc_record(&rec, "response", "https://cut.example/", "application/http; msgtype=response", http.data,
	            http.len);
	z_stream z = {0};
	deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
	unsigned char out[1 << 16];
	z.next_in = (Bytef *)rec.data;
	z.avail_in = (uInt)rec.len;
	z.next_out = out;
	z.avail_out = sizeof out;
	deflate(&z, Z_FINISH);
	fwrite(out, 1, (sizeof out - z.avail_out) / 2, f);
	deflateEnd(&z);
	fclose(f);
	dm_buf_free(&rec);
	dm_buf_free(&http);

	seen s = read_all(path);
	same_as_direct(&s);
	/* records 1 warcinfo, 2 request, 3 response, 4 request, 5 response */
	assert_non_null(strstr(s.source[0], "pages.warc.gz#3"));
	assert_non_null(strstr(s.source[1], "pages.warc.gz#5"));
	/* the crawl date is kept as such, never taken for the publication date */
	assert_string_equal(s.fetched[0], "2025-01-02T03:04:05Z");
	assert_string_equal(s.date[0], "2024-05-02");
	assert_non_null(strstr(s.problems, "gzip data is truncated"));
	assert_non_null(strstr(s.problems, "archive cut off in record 6"));
	seen_free(&s);
	unlink(path);
}

/* A record whose length field lies is skipped, and the next is read. */
static void warc_length_that_lies(void **state)
{
	(void)state;
	const char *path = tmp_path("lies.warc");
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	dm_buf rec = {0};
	const char *text = "Harbour master Tomas Ek said that the night ferry will sail again in May.";
	warc_record(&rec, "resource", "https://one.example/", "text/plain", text, strlen(text));
	/* claim 10 bytes fewer than the block holds */
	char *cl = strstr(rec.data, "Content-Length: ");
	assert_non_null(cl);
	char fixed[64];
	snprintf(fixed, sizeof fixed, "Content-Length: %zu\r\n", strlen(text) - 10);
	fwrite(rec.data, 1, (size_t)(cl - rec.data), f);
	fputs(fixed, f);
	fputs(strstr(cl, "\r\n") + 2, f);
	warc_record(&rec, "resource", "https://two.example/", "text/plain", text, strlen(text));
	fwrite(rec.data, 1, rec.len, f);
	fclose(f);
	dm_buf_free(&rec);
	seen s = read_all(path);
	assert_int_equal(s.n, 1);
	assert_non_null(strstr(s.source[0], "lies.warc#2"));
	assert_string_equal(s.url[0], "https://two.example/");
	char want[128];
	snprintf(want, sizeof want,
	         "lies.warc#1: Content-Length %zu does not end where the record does (record at byte 0)",
	         strlen(text) - 10);
	assert_non_null(strstr(s.problems, want));
	seen_free(&s);
	unlink(path);
}

static void jsonl_with_a_broken_line(void **state)
{
	(void)state;
	const char *path = tmp_path("pages.jsonl");
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	for (int i = 0; i < N_PAGES; i++) {
		json_t *o = json_pack("{s:s%, s:s, s:s}", "html", html[i], html_len[i], "url", direct.url[i], "source",
		                      "ignored field");
		char *line = json_dumps(o, JSON_COMPACT);
		fprintf(f, "%s\n", line);
		free(line);
		json_decref(o);
		if (i == 0)
			fputs("{\"html\": \"<p>a line cut off in the mid\n", f);
	}
	fclose(f);
	seen s = read_all(path);
	same_as_direct(&s);
	assert_non_null(strstr(s.source[1], "pages.jsonl#3"));
	assert_int_equal(s.n_problems, 1);
	assert_non_null(strstr(s.problems, "pages.jsonl#2: not JSON"));
	seen_free(&s);
	unlink(path);
}

/* The html of a JSON line is UTF-8 whatever the page declared: JSON
 * decoding undid the page's own charset. */
static void jsonl_html_is_utf8(void **state)
{
	(void)state;
	const char *path = tmp_path("latin.jsonl");
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(
	    "{\"html\": \"<html><head><meta charset=\\\"iso-8859-1\\\"></head><body><div><p>The caf\\u00e9 on the "
	    "quay will stay open all winter, the harbour master Tomas Ek said on Monday.</p></div></body></html>\"}\n",
	    f);
	fclose(f);
	seen s = read_all(path);
	assert_int_equal(s.n, 1);
	assert_non_null(strstr(s.text[0], "The caf\xc3\xa9 on the quay"));
	seen_free(&s);
	unlink(path);
}

static void rss_feed(void **state)
{
	(void)state;
	const char *path = tmp_path("pages.rss");
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
	    "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
	    "<channel><title>Town papers</title><link>https://papers.example/</link>\n",
	    f);
	for (int i = 0; i < N_PAGES; i++) {
		fprintf(
		    f,
		    "<item><title>Item %d</title><link>%s</link><pubDate>Tue, 19 Nov 2024 10:00:00 GMT</pubDate>"
		    "<dc:creator>Ola Berg</dc:creator><description>A summary.</description><content:encoded><![CDATA[",
		    i, direct.url[i]);
		fwrite(html[i], 1, html_len[i], f);
		fputs("]]></content:encoded></item>\n", f);
	}
	fputs("</channel></rss>\n", f);
	fclose(f);
	seen s = read_all(path);
	same_as_direct(&s);
	assert_int_equal(s.n_problems, 0);
	seen_free(&s);
	unlink(path);
}

/* A page's date: its metadata, else the day in its URL; else none, never
 * one made up. */
static void page_dates(void **state)
{
	(void)state;
	const char *dated = "<html><head><link rel=\"canonical\" href=\"https://news.example/2019/11/19/ferry\"></head>"
	                    "<body><div><p>The ferry will sail again in spring, the harbour master said on Tuesday, "
	                    "after the repairs to the far pier were finished.</p></div></body></html>";
	const char *undated =
	    "<html><body><div><p>The ferry will sail again in spring, the harbour master said on "
	    "Tuesday 3 May 2011, after the repairs to the far pier were finished.</p></div></body></html>";
	dm_document *d;
	char err[128];
	assert_int_equal(dm_extract_bytes("dated.html", dated, strlen(dated), NULL, &d, err, sizeof err, NULL), DM_OK);
	assert_string_equal(d->date, "2019-11-19");
	dm_document_free(d);
	assert_int_equal(dm_extract_bytes("undated.html", undated, strlen(undated), NULL, &d, err, sizeof err, NULL),
	                 DM_OK);
	assert_null(d->date);
	assert_null(d->url);
	dm_document_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(warc_gz),
	    cmocka_unit_test(warc_length_that_lies),
	    cmocka_unit_test(jsonl_with_a_broken_line),
	    cmocka_unit_test(jsonl_html_is_utf8),
	    cmocka_unit_test(rss_feed),
	    cmocka_unit_test(page_dates),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
