/*
 * The JSON API (docs/API.md): one function a route, each reading its
 * arguments, checking them (a bad one is a 400 that names it), asking the
 * store, and writing JSON.  Lists come in pages: ?limit (1 to 100, 20 by
 * default) and ?offset, with next_offset null on the last page; a page is
 * found by asking the store for one row more than it shows.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve.h"

#define MAX_LIMIT     100
#define DEFAULT_LIMIT 20
#define MAX_OFFSET    1000000 /* deeper pages are for 'dictum export' */

/* Search snippets mark matched words with these (private use, so never in
 * an article): the page splits on them and escapes what is between. */
#define MARK_OPEN  "\xEE\x80\x80" /* U+E000 */
#define MARK_CLOSE "\xEE\x80\x81" /* U+E001 */

void dm_api_error(dm_response *out, int status, const char *fmt, ...)
{
	char msg[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* a message quoting the request may have cut a character in two */
	dm_buf clean = {0};
	dm_utf8_repair(msg, strlen(msg), &clean);
	out->status = status;
	dm_buf_reset(&out->body);
	dm_buf_printf(&out->body, "{\"error\":{\"status\":%d,", status);
	dm_buf_puts(&out->body, "\"message\":");
	dm_json_str_or_null(&out->body, clean.data ? clean.data : "");
	dm_buf_puts(&out->body, "}}");
	dm_buf_free(&clean);
}

/* ---- arguments ---- */

typedef struct args {
	const dm_request *req;
	dm_response *out;
	int bad; /* a 400 has been written */
} args;

static int valid_utf8(const char *s)
{
	dm_buf copy = {0};
	size_t bad = dm_utf8_repair(s, strlen(s), &copy);
	dm_buf_free(&copy);
	return !bad;
}

/* Argument NAME, or NULL when absent or empty; a 400 when not UTF-8. */
static const char *text_arg(args *a, const char *name)
{
	if (a->bad)
		return NULL;
	const char *v = a->req->arg(a->req->ctx, name);
	if (!v || !*v)
		return NULL;
	if (!valid_utf8(v)) {
		dm_api_error(a->out, 400, "argument '%s' is not UTF-8 text", name);
		a->bad = 1;
		return NULL;
	}
	return v;
}

static long number_arg(args *a, const char *name, long dflt, long lo, long hi)
{
	const char *v = text_arg(a, name);
	if (!v)
		return dflt;
	char *end;
	long n = strtol(v, &end, 10);
	if (*end || !isdigit((unsigned char)*v) || n < lo || n > hi) {
		dm_api_error(a->out, 400, "argument '%s' takes a whole number from %ld to %ld, not '%s'", name, lo, hi,
		             v);
		a->bad = 1;
		return dflt;
	}
	return n;
}

/* The arguments a route takes, a space before each: an argument it does
 * not take is a 400 that lists them, rather than silently ignored. */
#define PAGE_ARGS   " limit offset"
#define FILTER_ARGS " speaker person outlet since until kind" PAGE_ARGS
#define ORDER_ARG   " sort"
typedef struct known_args {
	const char *list;
	const char *unknown;
} known_args;

static int unknown_arg(const char *name, void *p)
{
	known_args *k = p;
	size_t n = strlen(name);
	for (const char *at = k->list; n && (at = strstr(at, name)) != NULL; at += n)
		if (at > k->list && at[-1] == ' ' && (at[n] == ' ' || !at[n]))
			return 0;
	k->unknown = name;
	return 1;
}

static int only_args(args *a, const char *route, const char *list)
{
	known_args k = {list, NULL};
	if (a->req->each_arg && a->req->each_arg(a->req->ctx, unknown_arg, &k)) {
		dm_buf name = {0};
		dm_utf8_repair(k.unknown, strlen(k.unknown), &name);
		dm_api_error(a->out, 400, "unknown argument '%.60s': %s takes%s", name.data ? name.data : "", route,
		             *list ? list : " none");
		dm_buf_free(&name);
		a->bad = 1;
	}
	return a->bad;
}

/* The filters every statement list takes, and its page. */
static void filters_only(args *a, dm_filter *f)
{
	f->speaker = text_arg(a, "speaker");
	f->person = text_arg(a, "person"); /* exactly the person linking found, by id */
	f->outlet = text_arg(a, "outlet");
	f->since = text_arg(a, "since");
	f->until = text_arg(a, "until");
	f->kind = text_arg(a, "kind");
	char err[256];
	if (!a->bad && dm_filter_check(f, "argument 'since'", "argument 'until'", "argument 'kind'", err, sizeof err)) {
		dm_api_error(a->out, 400, "%s", err);
		a->bad = 1;
	}
}

static void filter_args(args *a, dm_filter *f)
{
	filters_only(a, f);
	f->limit = number_arg(a, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
	f->offset = number_arg(a, "offset", 0, 0, MAX_OFFSET);
}

/* ?sort: relevance (a search's own order), newest or oldest. */
static void order_arg(args *a, dm_filter *f, int relevance)
{
	const char *v = text_arg(a, "sort");
	if (!v || (relevance && !strcmp(v, "relevance")))
		return;
	if (!strcmp(v, "newest"))
		f->order = DM_ORDER_NEWEST;
	else if (!strcmp(v, "oldest"))
		f->order = DM_ORDER_OLDEST;
	else {
		dm_api_error(a->out, 400, "argument 'sort' is %s, not '%.40s'",
		             relevance ? "relevance, newest or oldest" : "newest or oldest", v);
		a->bad = 1;
	}
}

/* ---- pages of rows ---- */

typedef struct page {
	dm_buf *b;
	long skip, limit; /* rows to pass over, rows to show */
	long seen;        /* rows the store gave, counting skipped ones */
	long long total;  /* rows in all, as the store counted them */
	int estimated;    /* and the count an estimate (a search's) */
	void (*write)(const void *row, dm_buf *b);
} page;

/* Show a row if it is on the page; stop one row after the page, which
 * tells that there is a next. */
static int page_row(page *p, const void *row)
{
	long i = p->seen++;
	if (i < p->skip)
		return 0;
	if (i >= p->skip + p->limit)
		return 1;
	if (!p->write)
		return 0;
	if (i > p->skip)
		dm_buf_putc(p->b, ',');
	p->write(row, p->b);
	return 0;
}

static void page_end(const page *p, long offset, long limit)
{
	dm_buf_printf(p->b, "],\"total\":%lld,%s\"offset\":%ld,\"limit\":%ld,\"next_offset\":", p->total,
	              p->estimated ? "\"total_estimated\":true," : "", offset, limit);
	if (p->seen > p->skip + p->limit)
		dm_buf_printf(p->b, "%ld", offset + limit);
	else
		dm_buf_puts(p->b, "null");
}

static void write_row(const void *row, dm_buf *b)
{
	dm_row_json(row, b);
}

static void write_speaker(const void *row, dm_buf *b)
{
	dm_speaker_json(row, b);
}

static int row_on_page(const dm_row *r, void *p)
{
	((page *)p)->total = r->total;
	((page *)p)->estimated = r->total_estimated;
	return page_row(p, r);
}

static int speaker_on_page(const dm_speaker_row *r, void *p)
{
	((page *)p)->total = r->total;
	return page_row(p, r);
}

/* "results": a page of statements that pass F, F's own offset and limit
 * given to the store (one row more, to know of a next page). */
typedef int (*statement_query)(dm_store *, const dm_filter *, dm_row_fn, void *, char *, size_t);

static int statements(dm_store *s, statement_query query, dm_filter f, dm_buf *b, char *err, size_t errlen)
{
	long limit = f.limit, offset = f.offset;
	page p = {.b = b, .limit = limit, .write = write_row};
	f.limit = limit + 1;
	dm_buf_puts(b, "\"results\":[");
	if (query(s, &f, row_on_page, &p, err, errlen))
		return -1;
	if (!p.seen && offset > 0) { /* past the end: the total from the first row */
		page first = {0};
		f.offset = 0;
		f.limit = 1;
		if (query(s, &f, row_on_page, &first, err, errlen))
			return -1;
		p.total = first.total;
		p.estimated = first.estimated;
	}
	page_end(&p, offset, limit);
	return 0;
}

/* The store says 'malformed search query' of the user's fault; any other
 * failure is the server's. */
static void store_failed(dm_response *out, const char *err)
{
	if (!strncmp(err, "malformed search query", 22))
		dm_api_error(out, 400, "%s", err);
	else
		dm_api_error(out, 500, "%s", err);
}

/* ---- routes ---- */

static void api_search(dm_store *s, args *a)
{
	dm_filter f = {0};
	if (only_args(a, "/api/search", " q" FILTER_ARGS ORDER_ARG))
		return;
	f.match = text_arg(a, "q");
	filter_args(a, &f);
	order_arg(a, &f, 1);
	if (a->bad)
		return;
	if (!f.match) {
		dm_api_error(a->out, 400, "give a full-text query: /api/search?q=WORDS");
		return;
	}
	f.mark_open = MARK_OPEN;
	f.mark_close = MARK_CLOSE;
	char err[512];
	dm_buf *b = &a->out->body;
	dm_buf_puts(b, "{\"query\":");
	dm_json_str_or_null(b, f.match);
	dm_buf_putc(b, ',');
	if (statements(s, dm_store_search, f, b, err, sizeof err)) {
		store_failed(a->out, err);
		return;
	}
	dm_buf_putc(b, '}');
}

static void api_speakers(dm_store *s, args *a)
{
	if (only_args(a, "/api/speakers", " q" PAGE_ARGS))
		return;
	const char *who = text_arg(a, "q");
	long limit = number_arg(a, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
	long offset = number_arg(a, "offset", 0, 0, MAX_OFFSET);
	if (a->bad)
		return;
	dm_buf *b = &a->out->body;
	page p = {.b = b, .limit = limit, .write = write_speaker};
	char err[512];
	dm_buf_puts(b, "{\"results\":[");
	if (dm_store_speakers(s, who, limit + 1, offset, speaker_on_page, &p, err, sizeof err)) {
		dm_api_error(a->out, 500, "%s", err);
		return;
	}
	page_end(&p, offset, limit);
	dm_buf_putc(b, '}');
}

/* The one person whose id is exactly ID (the store also matches forms). */
typedef struct one_speaker {
	const char *id;
	dm_buf *b;
	int found;
} one_speaker;

static int exact_speaker(const dm_speaker_row *r, void *p)
{
	one_speaker *x = p;
	if (strcmp(r->id, x->id))
		return 0;
	dm_speaker_json(r, x->b);
	x->found = 1;
	return 1;
}

static int form_item(const dm_form_row *r, void *p)
{
	dm_buf *b = p;
	if (b->data[b->len - 1] != '[')
		dm_buf_putc(b, ',');
	dm_form_json(r, b);
	return 0;
}

static void api_speaker(dm_store *s, args *a, const char *id)
{
	dm_filter f = {0};
	if (only_args(a, "/api/speakers/ID", FILTER_ARGS ORDER_ARG))
		return;
	filter_args(a, &f);
	order_arg(a, &f, 0);
	if (a->bad)
		return;
	f.person = id;
	dm_buf *b = &a->out->body;
	one_speaker x = {id, b, 0};
	char err[512];
	dm_buf_puts(b, "{\"speaker\":");
	if (dm_store_speakers(s, id, 0, 0, exact_speaker, &x, err, sizeof err)) {
		dm_api_error(a->out, 500, "%s", err);
		return;
	}
	if (!x.found) {
		dm_api_error(a->out, 404, "no speaker with id '%s'", id);
		return;
	}
	dm_buf_puts(b, ",\"forms\":[");
	if (dm_store_explain(s, id, form_item, b, err, sizeof err)) {
		dm_api_error(a->out, 500, "%s", err);
		return;
	}
	dm_buf_puts(b, "],\"statements\":{");
	if (statements(s, dm_store_quotes, f, b, err, sizeof err)) {
		store_failed(a->out, err);
		return;
	}
	dm_buf_puts(b, "}}");
}

/* ---- a document, with its statements in the cleaned text ---- */

/* A statement's stored spans in the cleaned text (code points); a span
 * outside the article's body is left out. */
static void text_offsets(const dm_row *r, dm_buf *b)
{
	static const char *const keys[] = {"content", "source", "cue"};
	dm_buf_putc(b, '{');
	for (int k = 0; k < 3; k++) {
		dm_buf_printf(b, "%s\"%s\":[", k ? "," : "", keys[k]);
		int shown = 0;
		for (int i = 0; i < r->n_spans; i++) {
			const dm_row_span *sp = &r->spans[i];
			if ((int)sp->role == k && sp->text_cp_start >= 0)
				dm_buf_printf(b, "%s[%lld,%lld]", shown++ ? "," : "", sp->text_cp_start,
				              sp->text_cp_end);
		}
		dm_buf_putc(b, ']');
	}
	dm_buf_putc(b, '}');
}

typedef struct doc_out {
	dm_buf *b;
	int statements;
	char *raw; /* a copy: the view's strings last only its callback */
	size_t raw_len;
} doc_out;

/* A statement whose content is not in the cleaned text (a headline's):
 * the line of raw its stored span lies in, and the span in that line, in
 * code points, so that the page can mark it where it is read. */
static void raw_line(const doc_out *d, const dm_row *r, dm_buf *b)
{
	const dm_row_span *c = NULL;
	for (int i = 0; i < r->n_spans && !c; i++)
		if (r->spans[i].role == DM_SPAN_CONTENT && r->spans[i].text_start < 0)
			c = &r->spans[i];
	if (!c || !d->raw || c->raw_end > (long long)d->raw_len)
		return;
	size_t start = (size_t)c->raw_start, end = (size_t)c->raw_end;
	while (start > 0 && d->raw[start - 1] != '\n')
		start--;
	while (end < d->raw_len && d->raw[end] != '\n')
		end++;
	dm_buf line = {0};
	dm_buf_add(&line, d->raw + start, end - start);
	dm_buf_puts(b, ",\"line\":");
	dm_json_str_or_null(b, line.data ? line.data : "");
	long long before = 0; /* code points of the line before the span */
	for (size_t i = start; i < (size_t)c->raw_start; i++)
		before += ((unsigned char)d->raw[i] & 0xC0) != 0x80;
	dm_buf_printf(b, ",\"line_offsets\":{\"content\":[[%lld,%lld]]}", before,
	              before + (c->raw_cp_end - c->raw_cp_start));
	dm_buf_free(&line);
}

static int doc_head(const dm_doc_view *v, void *p)
{
	doc_out *d = p;
	dm_buf *b = d->b;
	dm_buf_printf(b, "{\"id\":%lld", v->id);
	dm_json_field(b, "source", v->source);
	dm_json_field(b, "title", v->title);
	dm_json_field(b, "date", v->date);
	dm_json_field(b, "outlet", v->outlet);
	dm_json_field(b, "url", v->url);
	dm_json_field(b, "language", v->language);
	dm_json_field(b, "fetched", v->fetched);
	dm_json_field(b, "date_source", v->date_source);
	dm_buf_printf(b, ",\"authors\":%s", v->authors ? v->authors : "[]");
	dm_json_field(b, "text", v->text);
	dm_buf_printf(b, ",\"comments\":%s", v->comments ? v->comments : "[]");
	dm_buf_puts(b, ",\"statements\":[");
	d->raw = malloc(v->raw_len + 1);
	if (d->raw) {
		memcpy(d->raw, v->raw, v->raw_len);
		d->raw_len = v->raw_len;
	}
	return 0;
}

static int doc_statement(const dm_row *r, void *p)
{
	doc_out *d = p;
	if (d->statements++)
		dm_buf_putc(d->b, ',');
	dm_row_json(r, d->b);
	d->b->len--;
	dm_buf_puts(d->b, ",\"text_offsets\":");
	text_offsets(r, d->b);
	raw_line(d, r, d->b);
	dm_buf_putc(d->b, '}');
	return 0;
}

static void api_document(dm_store *s, args *a, const char *id)
{
	char *end;
	long long n = strtoll(id, &end, 10);
	if (*end || !isdigit((unsigned char)*id) || n <= 0) {
		dm_api_error(a->out, 404, "no document '%s': documents are known by number", id);
		return;
	}
	if (only_args(a, "/api/documents/ID", ""))
		return;
	doc_out d = {&a->out->body, 0, NULL, 0};
	char err[512];
	int rc = dm_store_document(s, id, doc_head, doc_statement, &d, err, sizeof err);
	free(d.raw);
	if (rc)
		dm_api_error(a->out, strncmp(err, "no document", 11) ? 500 : 404, "%s", err);
	else
		dm_buf_puts(&a->out->body, "]}");
}

/* ---- echoes: a page of clusters ---- */

typedef struct echo_page {
	dm_buf *b;
	long long total; /* clusters */
	long skip, limit, clusters;
	long long cluster; /* the one being written */
	int more;
} echo_page;

static int echo_member(const dm_row *r, void *p)
{
	echo_page *e = p;
	dm_buf *b = e->b;
	e->total = r->total;
	if (r->cluster != e->cluster) {
		if (e->clusters > e->skip)
			dm_buf_puts(b, "]}");
		e->cluster = r->cluster;
		if (e->clusters++ >= e->skip + e->limit) {
			e->more = 1;
			return 1;
		}
		if (e->clusters <= e->skip)
			return 0;
		if (e->clusters > e->skip + 1)
			dm_buf_putc(b, ',');
		dm_buf_printf(b, "{\"cluster\":%lld,\"summary\":%s,\"statements\":[", r->cluster, r->echo);
	} else if (e->clusters <= e->skip) {
		return 0;
	} else {
		dm_buf_putc(b, ',');
	}
	dm_echo_json(r, b);
	return 0;
}

static void api_echoes(dm_store *s, args *a)
{
	dm_filter f = {0};
	if (only_args(a, "/api/echoes", FILTER_ARGS " min_similarity"))
		return;
	filter_args(a, &f);
	const char *sim = text_arg(a, "min_similarity");
	if (a->bad)
		return;
	double min = 0;
	if (sim) {
		char *end;
		min = strtod(sim, &end);
		if (*end || !(min >= 0 && min <= 1)) {
			dm_api_error(a->out, 400, "argument 'min_similarity' is a number from 0 to 1, not '%s'", sim);
			return;
		}
	}
	echo_page e = {&a->out->body, 0, f.offset, f.limit, 0, 0, 0};
	f.limit = f.offset = 0; /* pages count clusters, not statements */
	char err[512];
	dm_buf_puts(e.b, "{\"results\":[");
	if (dm_store_echoes(s, &f, min, echo_member, &e, err, sizeof err)) {
		dm_api_error(a->out, 500, "%s", err);
		return;
	}
	if (!e.more && e.clusters > e.skip)
		dm_buf_puts(e.b, "]}");
	dm_buf_printf(e.b, "],\"total\":%lld,\"offset\":%ld,\"limit\":%ld,\"next_offset\":", e.total, e.skip, e.limit);
	if (e.more)
		dm_buf_printf(e.b, "%ld}", e.skip + e.limit);
	else
		dm_buf_puts(e.b, "null}");
}

/* A speaker's id names exactly that person (F's person); a name, all its
 * spellings (F's speaker): 1 for a person, 0 for a name, -1 after an error
 * answer. */
static int speaker_or_person(dm_store *s, args *a, dm_filter *f)
{
	char err[512];
	int person = f->speaker ? dm_store_has_person(s, f->speaker, err, sizeof err) : 0;
	if (person < 0) {
		dm_api_error(a->out, 500, "%s", err);
		return -1;
	}
	if (person) {
		f->person = f->speaker;
		f->speaker = NULL;
	}
	return person;
}

/* ---- timeline ---- */

typedef struct months {
	dm_buf *b;
	long long undated;
} months;

static int month_item(const char *month, long long n, void *p)
{
	months *m = p;
	if (!month) {
		m->undated = n;
		return 0;
	}
	if (m->b->data[m->b->len - 1] != '[')
		dm_buf_putc(m->b, ',');
	dm_buf_printf(m->b, "{\"month\":\"%s\",\"statements\":%lld}", month, n);
	return 0;
}

static void api_timeline(dm_store *s, args *a)
{
	dm_filter f = {0};
	if (only_args(a, "/api/timeline", " q" FILTER_ARGS ORDER_ARG))
		return;
	filter_args(a, &f);
	order_arg(a, &f, 0);
	f.match = text_arg(a, "q");
	if (a->bad)
		return;
	if (!f.speaker) {
		dm_api_error(a->out, 400, "give a speaker: /api/timeline?speaker=ID-OR-NAME");
		return;
	}
	char err[512];
	int person = speaker_or_person(s, a, &f);
	if (person < 0)
		return;
	dm_buf *b = &a->out->body;
	dm_buf_puts(b, "{\"speaker\":");
	dm_json_str_or_null(b, person ? f.person : f.speaker);
	dm_buf_puts(b, ",\"months\":[");
	months m = {b, 0};
	if (dm_store_months(s, &f, month_item, &m, err, sizeof err)) {
		store_failed(a->out, err);
		return;
	}
	/* what the chart leaves out, said */
	dm_buf_printf(b, "],\"undated\":%lld,", m.undated);
	if (statements(s, dm_store_quotes, f, b, err, sizeof err)) {
		store_failed(a->out, err);
		return;
	}
	dm_buf_putc(b, '}');
}

/* ---- export: every statement a search, a speaker or a timeline lists ---- */

static void api_export(dm_store *s, args *a)
{
	dm_filter f = {0};
	if (only_args(a, "/api/export", " format q speaker person outlet since until kind sort limit"))
		return;
	const char *format = text_arg(a, "format");
	filters_only(a, &f);
	f.match = text_arg(a, "q");
	order_arg(a, &f, f.match != NULL);
	f.limit = number_arg(a, "limit", 0, 1, 100000000);
	if (a->bad)
		return;
	if (format && strcmp(format, "csv") && strcmp(format, "jsonl")) {
		dm_api_error(a->out, 400, "argument 'format' is csv or jsonl, not '%.40s'", format);
		return;
	}
	char err[512];
	if (speaker_or_person(s, a, &f) < 0)
		return;
	if (dm_store_cursor(s, &f, &a->out->stream, err, sizeof err)) {
		store_failed(a->out, err);
		return;
	}
	a->out->csv = format && !strcmp(format, "csv");
	if (a->out->csv)
		dm_buf_puts(&a->out->body, DM_ROW_CSV_HEADER);
}

int dm_api_stream(dm_response *res, dm_buf *out, size_t want)
{
	char err[512];
	while (out->len < want) {
		const dm_row *r;
		int rc = dm_cursor_next(res->stream, &r, err, sizeof err);
		if (rc <= 0) {
			if (rc < 0)
				dm_buf_printf(out, "%sexport stopped: %s\n", res->csv ? "" : "# ", err);
			return rc;
		}
		if (res->csv) {
			dm_row_csv(r, out);
		} else {
			dm_row row = *r; /* the same fields as 'dictum export', whatever the order */
			row.snippet = NULL;
			dm_row_json(&row, out);
			dm_buf_putc(out, '\n');
		}
	}
	return 1;
}

static void api_stats(dm_store *s, args *a)
{
	if (only_args(a, "/api/stats", ""))
		return;
	dm_stats st;
	char err[512];
	if (dm_store_stats(s, &st, err, sizeof err)) {
		dm_api_error(a->out, 500, "%s", err);
		return;
	}
	dm_buf *b = &a->out->body;
	dm_buf_printf(b,
	              "{\"version\":\"%s\",\"documents\":%lld,\"statements\":%lld,\"speakers\":%lld,"
	              "\"outlets\":%lld,\"echo_clusters\":%lld,\"undated_documents\":%lld,\"linked\":%s",
	              DICTUM_VERSION, st.documents, st.statements, st.people, st.outlets, st.echo_clusters, st.undated,
	              st.linked ? "true" : "false");
	dm_json_field(b, "first", *st.first ? st.first : NULL);
	dm_json_field(b, "last", *st.last ? st.last : NULL);
	dm_buf_putc(b, '}');
}

void dm_api(dm_store *s, const dm_request *req, dm_response *out)
{
	args a = {req, out, 0};
	out->status = 200;
	const char *p = req->path;
	if (strncmp(p, "/api/", 5)) {
		dm_api_error(out, 404, "no such API path");
		return;
	}
	p += 5;
	if (!strcmp(p, "search"))
		api_search(s, &a);
	else if (!strcmp(p, "speakers"))
		api_speakers(s, &a);
	else if (!strncmp(p, "speakers/", 9) && p[9] && !strchr(p + 9, '/'))
		api_speaker(s, &a, p + 9);
	else if (!strncmp(p, "documents/", 10) && p[10] && !strchr(p + 10, '/'))
		api_document(s, &a, p + 10);
	else if (!strcmp(p, "echoes"))
		api_echoes(s, &a);
	else if (!strcmp(p, "timeline"))
		api_timeline(s, &a);
	else if (!strcmp(p, "stats"))
		api_stats(s, &a);
	else if (!strcmp(p, "export"))
		api_export(s, &a);
	else
		dm_api_error(out, 404, "no such API path: /api/%s (docs/API.md lists them)", p);
}
