/*
 * Containers (container.h).  WARC by its own grammar (ISO 28500: a
 * version line, header fields, a blank line, Content-Length bytes of
 * block, two line ends), JSONL with jansson, feeds with libxml2's XML
 * parser (no network, no external entities).
 */
#include "container.h"

#include <ctype.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "dictum_buf.h"
#include "html.h"
#include "ingest.h"

#define MAX_AUTHORS 16

static const char *skip_space(const char *s, const char *end)
{
	if (end - s >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		s += 3;
	while (s < end && isspace((unsigned char)*s))
		s++;
	return s;
}

static int starts(const char *s, const char *end, const char *prefix)
{
	size_t k = strlen(prefix);
	return (size_t)(end - s) >= k && !strncasecmp(s, prefix, k);
}

dm_format dm_detect_format(const char *s, size_t n)
{
	const char *end = s + n, *p = skip_space(s, end);
	if (starts(p, end, "WARC/"))
		return DM_FMT_WARC;
	if (p < end && *p == '{') {
		/* JSON lines when the first line is a whole object; a JSON
		 * document printed over many lines is no container */
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		json_t *j = json_loadb(p, (size_t)((eol ? eol : end) - p), 0, NULL);
		int lines = json_is_object(j);
		json_decref(j);
		if (lines)
			return DM_FMT_JSONL;
	}
	/* a feed: its root element, after an XML declaration and comments */
	const char *q = p;
	for (int k = 0; k < 8 && q < end && *q == '<' && (starts(q, end, "<?") || starts(q, end, "<!--")); k++) {
		const char *close = memchr(q, '>', (size_t)(end - q));
		if (!close)
			break;
		q = skip_space(close + 1, end);
	}
	if (starts(q, end, "<rss") || starts(q, end, "<feed") || starts(q, end, "<rdf:RDF"))
		return DM_FMT_FEED;
	return DM_FMT_DOCUMENT;
}

static void problem(dm_record_sink *sink, size_t index, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void problem(dm_record_sink *sink, size_t index, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (sink->problem)
		sink->problem(index, msg, sink->ctx);
}

/* ---- WARC ---- */

/* The value of header field NAME in HEAD[N] (lines "Name: value"),
 * copied to OUT; 0 when absent. */
static int field(const char *head, size_t n, const char *name, char *out, size_t cap)
{
	size_t k = strlen(name);
	for (const char *p = head, *end = head + n; p < end;) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		if ((size_t)(eol - p) > k && !strncasecmp(p, name, k) && p[k] == ':') {
			const char *v = p + k + 1, *e = eol;
			while (v < e && (*v == ' ' || *v == '\t'))
				v++;
			while (e > v && isspace((unsigned char)e[-1]))
				e--;
			size_t len = (size_t)(e - v) < cap - 1 ? (size_t)(e - v) : cap - 1;
			memcpy(out, v, len);
			out[len] = 0;
			return 1;
		}
		p = eol + 1;
	}
	return 0;
}

/* The end of a header block at P (after its blank line), or NULL. */
static const char *header_end(const char *p, const char *end)
{
	for (const char *q = p; q + 1 < end; q++) {
		if (q[0] == '\n' && q[1] == '\n')
			return q + 2;
		if (q + 3 < end && q[0] == '\r' && q[1] == '\n' && q[2] == '\r' && q[3] == '\n')
			return q + 4;
	}
	return NULL;
}

static const char *find(const char *p, const char *end, const char *needle)
{
	size_t k = strlen(needle);
	for (; p && (size_t)(end - p) >= k; p++) {
		p = memchr(p, needle[0], (size_t)(end - p));
		if (!p || (size_t)(end - p) < k)
			return NULL;
		if (!memcmp(p, needle, k))
			return p;
	}
	return NULL;
}

/* Undo chunked transfer coding in place; returns the new length, or 0 if
 * the body is not well chunked. */
static size_t unchunk(char *b, size_t n)
{
	size_t r = 0, w = 0;
	for (;;) {
		char *eol = memchr(b + r, '\n', n - r);
		if (!eol)
			return 0;
		size_t size = strtoul(b + r, NULL, 16);
		r = (size_t)(eol - b) + 1;
		if (size == 0)
			return w;
		if (size > n - r)
			return 0;
		memmove(b + w, b + r, size);
		w += size;
		r += size;
		while (r < n && (b[r] == '\r' || b[r] == '\n'))
			r++;
	}
}

static int text_type(const char *ctype, int *html)
{
	if (!*ctype || !strncasecmp(ctype, "text/html", 9) || !strncasecmp(ctype, "application/xhtml", 17)) {
		*html = 1;
		return 1;
	}
	*html = 0;
	return !strncasecmp(ctype, "text/plain", 10);
}

/* One WARC record's block: a document, or counted as skipped. */
static void warc_record(const char *head, size_t hn, const char *block, size_t bn, size_t index, size_t max,
                        dm_record_sink *sink)
{
	char type[32] = "", uri[2048] = "", ctype[256] = "", date[40] = "";
	field(head, hn, "WARC-Type", type, sizeof type);
	field(head, hn, "WARC-Target-URI", uri, sizeof uri);
	field(head, hn, "Content-Type", ctype, sizeof ctype);
	field(head, hn, "WARC-Date", date, sizeof date);
	dm_record r = {.index = index, .url = uri[0] ? uri : NULL, .fetched = date[0] ? date : NULL};
	char charset[64] = "";
	char *body = NULL;
	/* the payload and its type: a resource record's block, or the body of
	 * an HTTP response after its status line and headers */
	const char *payload = block, *end = block + bn;
	char h[256] = "", te[64] = "", ce[64] = "";
	if (!strcasecmp(type, "response")) {
		const char *hend = header_end(block, end);
		int status = 0;
		if (!hend || sscanf(block, "HTTP/%*s %d", &status) != 1 || status < 200 || status > 299) {
			sink->skipped++;
			return;
		}
		field(block, (size_t)(hend - block), "Content-Type", h, sizeof h);
		field(block, (size_t)(hend - block), "Transfer-Encoding", te, sizeof te);
		field(block, (size_t)(hend - block), "Content-Encoding", ce, sizeof ce);
		payload = hend;
	} else if (!strcasecmp(type, "resource")) {
		snprintf(h, sizeof h, "%s", ctype);
	} else {
		sink->skipped++; /* warcinfo, request, metadata, revisit, conversion */
		return;
	}
	if (!text_type(h, &r.html)) {
		sink->skipped++;
		return;
	}
	if (dm_find_charset(h, strlen(h), charset, sizeof charset))
		r.charset = charset;
	r.bytes = payload;
	r.len = (size_t)(end - payload);
	if (!strcasecmp(te, "chunked") || !strncasecmp(ce, "gzip", 4)) {
		body = malloc(r.len + 1);
		if (!body) {
			problem(sink, index, "out of memory for a payload of %zu bytes", r.len);
			return;
		}
		memcpy(body, r.bytes, r.len);
		body[r.len] = 0;
		if (!strcasecmp(te, "chunked") && !(r.len = unchunk(body, r.len))) {
			problem(sink, index, "chunked payload is malformed");
			free(body);
			return;
		}
		if (!strncasecmp(ce, "gzip", 4)) {
			char *plain, err[128];
			size_t plen;
			if (dm_gunzip(body, r.len, max, &plain, &plen, err, sizeof err) != DM_OK) {
				problem(sink, index, "payload: %s", err);
				free(body);
				return;
			}
			free(body);
			body = plain;
			r.len = plen;
		}
		r.bytes = body;
	}
	sink->record(&r, sink->ctx);
	free(body);
}

/* Where reading a WARC stands: the records counted, and whether it must
 * stop (the rest cannot be read) or wait for more bytes. */
typedef struct warc_state {
	size_t index;
	size_t max; /* what a gzip payload may expand to */
	int stop, more;
} warc_state;

/* Skip to the next line that opens a record, after saying why; returns
 * the bytes consumed. */
static size_t resync(const char *p, const char *from, const char *end, int eof, warc_state *w, dm_record_sink *sink,
                     const char *why, size_t at)
{
	const char *next = find(from, end, "\nWARC/");
	if (!next && !eof) {
		w->more = 1;
		return 0;
	}
	problem(sink, w->index, "%s (record at byte %zu)%s", why, at, next ? "; skipped to the next record" : "");
	if (!next) {
		w->stop = 1;
		return (size_t)(end - p);
	}
	return (size_t)(next + 1 - p);
}

/* Record W->index + 1 is damaged (WHY): skip to the next one, or wait for
 * more bytes without counting it yet. */
static size_t bad_record(const char *p, const char *from, const char *end, int eof, warc_state *w, dm_record_sink *sink,
                         const char *why, size_t at)
{
	w->index++;
	size_t k = resync(p, from, end, eof, w, sink, why, at);
	if (w->more)
		w->index--;
	return k;
}

/* One step of the WARC grammar over the bytes P..END at hand (EOF: no
 * more will come; AT: P's offset in the archive, for messages): a
 * record read and handed on, or a damaged part skipped.  Returns the
 * bytes consumed; sets W->more when it needs more bytes to go on. */
static size_t warc_step(const char *p, const char *end, int eof, size_t at, warc_state *w, dm_record_sink *sink)
{
	const char *r = skip_space(p, end);
	if (r == end || (!eof && end - r < 5)) {
		w->more = !eof;
		return (size_t)(r - p);
	}
	at += (size_t)(r - p);
	if (!starts(r, end, "WARC/"))
		return bad_record(p, r, end, eof, w, sink, "no WARC record", at);
	const char *body = header_end(r, end);
	if (!body) {
		if (!eof) {
			w->more = 1;
			return (size_t)(r - p);
		}
		problem(sink, 0,
		        "archive cut off in the header of record %zu (byte %zu); the records before it are read",
		        w->index + 1, at);
		w->stop = 1;
		return (size_t)(end - p);
	}
	char len_s[32] = "";
	size_t hn = (size_t)(body - r);
	char *bad = NULL;
	unsigned long long len = 0;
	/* digits only: strtoull would read "-5" as a huge number */
	if (field(r, hn, "Content-Length", len_s, sizeof len_s) && len_s[0] >= '0' && len_s[0] <= '9')
		len = strtoull(len_s, &bad, 10);
	char why[128];
	if (!bad || *bad) {
		snprintf(why, sizeof why, "record without a valid Content-Length ('%.20s')", len_s);
		return bad_record(p, body, end, eof, w, sink, why, at);
	}
	if (len > w->max) { /* never wait for, nor hold, more than a record may be */
		snprintf(why, sizeof why, "Content-Length %llu is over the limit of %zu bytes", len, w->max);
		return bad_record(p, body, end, eof, w, sink, why, at);
	}
	if (len > (unsigned long long)(end - body) || (!eof && (unsigned long long)(end - body) - len < 9)) {
		if (!eof) {
			w->more = 1;
			return (size_t)(r - p);
		}
		if (find(body, end, "\nWARC/")) { /* a length past the end, with records after it: it lies */
			snprintf(why, sizeof why, "Content-Length %llu runs past the end of the archive", len);
			return bad_record(p, body, end, eof, w, sink, why, at);
		}
		problem(sink, 0,
		        "archive cut off in record %zu (byte %zu: %zu of its %llu bytes); the records before it "
		        "are read",
		        w->index + 1, at, (size_t)(end - body), len);
		w->stop = 1;
		return (size_t)(end - p);
	}
	/* A block ends with two line ends and the next record (or the end):
	 * else its length lies, and nothing in it can be trusted. */
	const char *after = body + len, *q = after;
	while (q < end && (*q == '\r' || *q == '\n'))
		q++;
	if (q == after || (q < end && !starts(q, end, "WARC/"))) {
		snprintf(why, sizeof why, "Content-Length %llu does not end where the record does", len);
		return bad_record(p, body, end, eof, w, sink, why, at);
	}
	w->index++;
	warc_record(r, hn, body, (size_t)len, w->index, w->max, sink);
	return (size_t)(after - p);
}

static void each_warc(const char *s, size_t n, size_t max, dm_record_sink *sink)
{
	warc_state w = {.max = max};
	for (size_t at = 0; at < n && !w.stop;) {
		size_t k = warc_step(s + at, s + n, 1, at, &w, sink);
		if (!k)
			break;
		at += k;
	}
}

/* ---- WARC from a file, one record in memory at a time ---- */

#define WARC_CHUNK (1 << 16) /* bytes read from the file at a time */

typedef struct warc_file {
	FILE *f;
	int gz, eof, member_end;
	z_stream z;
	unsigned char *in;    /* compressed input, for gzip */
	dm_buf out;           /* decoded bytes; those before START are consumed */
	size_t start, member; /* bytes the current gzip member has given */
	size_t max;
} warc_file;

/* Decode more of the file into OUT; sets EOF at its end.  A gzip member
 * that expands past MAX, damage and a cut-off stream are reported and
 * end the reading. */
static void fill(warc_file *wf, dm_record_sink *sink)
{
	unsigned char tmp[WARC_CHUNK];
	if (!wf->gz) {
		size_t got = fread(tmp, 1, sizeof tmp, wf->f);
		dm_buf_add(&wf->out, (const char *)tmp, got);
		wf->eof = got == 0;
		return;
	}
	for (int produced = 0; !produced && !wf->eof;) {
		if (wf->z.avail_in == 0) {
			size_t got = fread(wf->in, 1, WARC_CHUNK, wf->f);
			if (!got) {
				if (!wf->member_end)
					problem(sink, 0, "gzip data is truncated after %zu bytes of output",
					        wf->out.len);
				wf->eof = 1;
				return;
			}
			wf->z.next_in = wf->in;
			wf->z.avail_in = (uInt)got;
		}
		if (wf->member_end) { /* another member follows */
			inflateReset(&wf->z);
			wf->member_end = 0;
			wf->member = 0;
		}
		wf->z.next_out = tmp;
		wf->z.avail_out = sizeof tmp;
		int rc = inflate(&wf->z, Z_NO_FLUSH);
		size_t n = sizeof tmp - wf->z.avail_out;
		dm_buf_add(&wf->out, (const char *)tmp, n);
		produced = n > 0;
		wf->member += n;
		if (rc == Z_STREAM_END)
			wf->member_end = 1;
		else if (rc != Z_OK && rc != Z_BUF_ERROR) {
			problem(sink, 0, "gzip data is corrupt (%s) after %zu bytes of output",
			        wf->z.msg ? wf->z.msg : "inflate failed", wf->out.len);
			wf->eof = 1;
		}
		if (wf->member > wf->max) {
			problem(sink, 0, "a gzip member expands past the limit of %zu bytes", wf->max);
			wf->eof = 1;
		}
	}
}

int dm_each_warc_file(const char *path, size_t max, dm_record_sink *sink)
{
	warc_file wf = {.max = max};
	if (!(wf.f = fopen(path, "rb")))
		return -1;
	/* Unbuffered: the reads are of whole chunks already, and most files
	 * are no archive, told by their first bytes in one read. */
	setvbuf(wf.f, NULL, _IONBF, 0);
	unsigned char peek[64];
	size_t got = fread(peek, 1, sizeof peek, wf.f);
	wf.gz = got >= 2 && peek[0] == 0x1f && peek[1] == 0x8b;
	if (wf.gz && (!(wf.in = malloc(WARC_CHUNK)) || inflateInit2(&wf.z, 16 + MAX_WBITS) != Z_OK)) {
		free(wf.in);
		fclose(wf.f);
		return -1;
	}
	/* the bytes read are the first of the file: decoded, or the first
	 * input of the decoder */
	if (wf.gz) {
		memcpy(wf.in, peek, got);
		wf.z.next_in = wf.in;
		wf.z.avail_in = (uInt)got;
	} else {
		dm_buf_add(&wf.out, (const char *)peek, got);
		wf.eof = got < sizeof peek;
	}
	/* quietly: damage in a file that is no archive is its reader's to
	 * report */
	dm_record_sink quiet = {0};
	while (!wf.eof && wf.out.len < 16)
		fill(&wf, &quiet);
	const char *head = wf.out.data ? skip_space(wf.out.data, wf.out.data + wf.out.len) : NULL;
	int warc = head && starts(head, wf.out.data + wf.out.len, "WARC/");
	warc_state w = {.max = max};
	size_t at = 0; /* archive offset of START */
	while (warc && !w.stop && !wf.out.failed) {
		w.more = 0;
		size_t k = warc_step(wf.out.data + wf.start, wf.out.data + wf.out.len, wf.eof, at, &w, sink);
		wf.start += k;
		at += k;
		if (!w.more) {
			if (wf.start == wf.out.len && wf.eof)
				break;
			continue;
		}
		if (wf.out.len - wf.start > max) {
			problem(sink, 0,
			        "record %zu is over the limit of %zu bytes; the rest of the archive is not read",
			        w.index + 1, max);
			break;
		}
		/* keep only what is not consumed, then read on */
		memmove(wf.out.data, wf.out.data + wf.start, wf.out.len - wf.start);
		wf.out.len -= wf.start;
		wf.start = 0;
		fill(&wf, sink);
	}
	if (wf.out.failed)
		problem(sink, 0, "out of memory reading the archive");
	if (wf.gz)
		inflateEnd(&wf.z);
	free(wf.in);
	fclose(wf.f);
	dm_buf_free(&wf.out);
	return warc;
}

/* ---- JSONL ---- */

static int authors_of(json_t *a, const char **out)
{
	int n = 0;
	if (json_is_string(a))
		out[n++] = json_string_value(a);
	size_t i;
	json_t *v;
	if (json_is_array(a))
		json_array_foreach(a, i, v) if (json_is_string(v) && n < MAX_AUTHORS) out[n++] = json_string_value(v);
	return n;
}

/* A JSON line's "comments": strings, or objects with "text" (and
 * "author", "date"), as 'dictum extract' writes them.  A malloc'd array
 * (*OUT) of its strings, which live as long as J. */
static size_t comments_of(json_t *a, dm_comment **out)
{
	*out = NULL;
	size_t n = 0, i;
	json_t *v;
	if (!json_is_array(a) || !(*out = malloc(json_array_size(a) * sizeof **out + 1)))
		return 0;
	json_array_foreach(a, i, v)
	{
		json_t *text = json_is_object(v) ? json_object_get(v, "text") : v;
		if (json_is_string(text))
			(*out)[n++] =
			    (dm_comment){json_string_value(text), json_string_value(json_object_get(v, "author")),
			                 json_string_value(json_object_get(v, "date"))};
	}
	return n;
}

static void each_jsonl(const char *s, size_t n, dm_record_sink *sink)
{
	size_t line = 0;
	for (const char *p = s, *end = s + n; p < end;) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		line++;
		const char *q = skip_space(p, eol);
		if (q < eol) {
			json_error_t err;
			json_t *j = json_loadb(p, (size_t)(eol - p), 0, &err);
			json_t *text = json_object_get(j, "text"), *html = json_object_get(j, "html");
			json_t *body = json_is_string(html) ? html : text;
			if (!j)
				problem(sink, line, "not JSON (%s)", err.text);
			else if (!json_is_object(j))
				problem(sink, line, "not a JSON object");
			else if (!json_is_string(body))
				problem(sink, line, "no \"text\" or \"html\" string");
			else {
				const char *authors[MAX_AUTHORS];
				dm_comment *comments;
				dm_record r = {.index = line,
				               .bytes = json_string_value(body),
				               .len = json_string_length(body),
				               .html = body == html,
				               .charset = "UTF-8", /* what the page declares was undone by the JSON */
				               .url = json_string_value(json_object_get(j, "url")),
				               .date = json_string_value(json_object_get(j, "date")),
				               .title = json_string_value(json_object_get(j, "title")),
				               .outlet = json_string_value(json_object_get(j, "outlet")),
				               .authors = authors,
				               .n_authors = authors_of(json_object_get(j, "authors"), authors),
				               .n_comments = comments_of(json_object_get(j, "comments"), &comments)};
				r.comments = comments;
				sink->record(&r, sink->ctx);
				free(comments);
			}
			json_decref(j);
		}
		p = eol + 1;
	}
}

/* ---- RSS and Atom ---- */

static int named(const xmlNode *x, const char *name)
{
	return x->type == XML_ELEMENT_NODE && !strcmp((const char *)x->name, name);
}

static char *text_of(const xmlNode *x)
{
	return (char *)xmlNodeGetContent(x);
}

/* One item (RSS) or entry (Atom). */
static void feed_item(const xmlNode *item, size_t index, const char *outlet, dm_record_sink *sink)
{
	char *title = NULL, *link = NULL, *date = NULL, *updated = NULL, *content = NULL, *summary = NULL;
	char *authors[MAX_AUTHORS];
	int n_authors = 0;
	for (const xmlNode *x = item->children; x; x = x->next) {
		if (x->type != XML_ELEMENT_NODE)
			continue;
		const char *prefix = x->ns && x->ns->prefix ? (const char *)x->ns->prefix : "";
		if (named(x, "title") && !title)
			title = text_of(x);
		else if (named(x, "link") && !link) {
			xmlChar *href = xmlGetProp(x, (const xmlChar *)"href");
			xmlChar *rel = xmlGetProp(x, (const xmlChar *)"rel");
			if (href && (!rel || !strcmp((const char *)rel, "alternate")))
				link = (char *)href;
			else if (!href)
				link = text_of(x);
			else
				xmlFree(href);
			xmlFree(rel);
		} else if ((named(x, "pubDate") || named(x, "published") || (named(x, "date") && *prefix)) && !date)
			date = text_of(x);
		else if (named(x, "updated") && !updated)
			updated = text_of(x);
		else if ((named(x, "encoded") || named(x, "content")) && !content)
			content = text_of(x);
		else if ((named(x, "description") || named(x, "summary")) && !summary)
			summary = text_of(x);
		else if ((named(x, "creator") || named(x, "author")) && n_authors < MAX_AUTHORS) {
			const xmlNode *name = x->children;
			while (name && !named(name, "name"))
				name = name->next;
			authors[n_authors++] = text_of(name ? name : x);
		}
	}
	const char *body = content ? content : summary;
	if (body && *body) {
		dm_record r = {.index = index,
		               .bytes = body,
		               .len = strlen(body),
		               .html = 1,
		               .charset = "UTF-8", /* the feed's XML parser decoded it */
		               .url = link,
		               .date = date ? date : updated,
		               .title = title,
		               .outlet = outlet,
		               .authors = (const char *const *)authors,
		               .n_authors = n_authors};
		sink->record(&r, sink->ctx);
	} else {
		problem(sink, index, "feed item without content or description");
	}
	xmlFree(title);
	xmlFree(link);
	xmlFree(date);
	xmlFree(updated);
	xmlFree(content);
	xmlFree(summary);
	for (int i = 0; i < n_authors; i++)
		xmlFree(authors[i]);
}

static void each_feed(const char *s, size_t n, dm_record_sink *sink)
{
	if (n > 0x7fffffff) {
		problem(sink, 0, "feed of %zu bytes is too large to parse", n);
		return;
	}
	dm_xml_error e;
	dm_xml_catch(&e);
	xmlDoc *doc = xmlReadMemory(s, (int)n, NULL, NULL,
	                            XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	                                XML_PARSE_NOCDATA);
	dm_xml_release();
	const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root) {
		if (e.msg[0])
			problem(sink, 0, "feed could not be parsed as XML%s%.0d (%s)", e.line ? " at line " : "",
			        e.line, e.msg);
		else
			problem(sink, 0, "feed could not be parsed as XML");
		xmlFreeDoc(doc);
		return;
	}
	/* RSS 2.0: rss/channel/item; RSS 1.0: RDF/item; Atom: feed/entry */
	const xmlNode *channel = root;
	for (const xmlNode *x = root->children; x; x = x->next)
		if (named(x, "channel"))
			channel = x;
	char *outlet = NULL;
	for (const xmlNode *x = channel->children; x && !outlet; x = x->next)
		if (named(x, "title"))
			outlet = text_of(x);
	size_t index = 0;
	const xmlNode *lists[2] = {channel, root != channel ? root : NULL};
	for (int l = 0; l < 2; l++)
		for (const xmlNode *x = lists[l] ? lists[l]->children : NULL; x; x = x->next)
			if (named(x, "item") || named(x, "entry"))
				feed_item(x, ++index, outlet, sink);
	if (!index)
		problem(sink, 0, "feed without items");
	else if (e.msg[0]) /* the parser recovered, but what followed the damage is lost */
		problem(sink, 0, "feed damaged%s%.0d (%s): what follows may be missing", e.line ? " at line " : "",
		        e.line, e.msg);
	xmlFree(outlet);
	xmlFreeDoc(doc);
}

void dm_each_record(const char *s, size_t n, dm_format f, size_t max, dm_record_sink *sink)
{
	if (f == DM_FMT_WARC)
		each_warc(s, n, max, sink);
	else if (f == DM_FMT_JSONL)
		each_jsonl(s, n, sink);
	else if (f == DM_FMT_FEED)
		each_feed(s, n, sink);
}
