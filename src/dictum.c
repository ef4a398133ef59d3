/*
 * The library's front door: input bytes through every stage to a
 * dm_document.  The stages are ingest (bytes), text (structure and
 * metadata) and attrib (statements); store and export consume documents.
 */
#define _GNU_SOURCE /* memmem: the end of a long document's section; sched_getaffinity */
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <xxhash.h>

#include "attrib/attrib.h"
#include "attrib/learned.h"
#include "dictum.h"
#include "dictum_buf.h"
#include "ingest/container.h"
#include "ingest/html.h"
#include "ingest/ingest.h"
#include "text/text.h"
#include "util/arena.h"
#include "util/utf8.h"
#include "util/vec.h"

#define DEFAULT_MAX_BYTES ((size_t)256 << 20)
#define SMALL_INPUT       ((size_t)1 << 20) /* read in one go, without streaming */

static size_t max_bytes(const dm_options *opt)
{
	return opt && opt->max_bytes ? opt->max_bytes : DEFAULT_MAX_BYTES;
}

struct dm_doc_private {
	dm_arena arena;
	char *raw;           /* owned */
	char *text;          /* owned */
	uint32_t *cp_blocks; /* code points before each CP_BLOCK bytes of raw (owned) */
	dm_piece *pieces;    /* the body's paragraphs in text, in order (owned) */
	size_t n_pieces, cap_pieces;
	size_t cap_statements; /* room in dm_document.statements */
};

static void fail(char *errbuf, size_t errlen, const char *fmt, const char *arg)
{
	if (errbuf && errlen)
		snprintf(errbuf, errlen, fmt, arg);
}

static int all_space(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n)
		if (!dm_is_space(dm_utf8_next(s, n, &i)))
			return 0;
	return 1;
}

/* A date as YYYY-MM-DD, or NULL: metadata dates come as ISO 8601, as RFC
 * 822 ("Tue, 19 Nov 2019 10:00:00 GMT") or as prose. */
static const char *day_of(dm_arena *a, const char *s)
{
	char day[11];
	if (!s)
		return NULL;
	if (strlen(s) > 5 && s[3] == ',' && s[4] == ' ')
		s += 5; /* the weekday of RFC 822 */
	return dm_parse_date(s, strlen(s), day) ? dm_arena_strdup(a, day) : NULL;
}

/* The day in a URL's path ("/2019/11/19/", "/2019-11-19-"), as news
 * sites date their articles' addresses; NULL when there is none. */
static const char *url_day(dm_arena *a, const char *url)
{
	const char *path = url ? strstr(url, "://") : NULL;
	path = path ? strchr(path + 3, '/') : NULL;
	for (const char *p = path; p && *p; p++) {
		if (*p != '/')
			continue;
		int y, m, d, n = 0;
		if ((sscanf(p, "/%4d/%2d/%2d/%n", &y, &m, &d, &n) == 3 ||
		     sscanf(p, "/%4d-%2d-%2d%n", &y, &m, &d, &n) == 3) &&
		    n && y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
			char day[11];
			snprintf(day, sizeof day, "%04d-%02d-%02d", y, m, d);
			return dm_arena_strdup(a, day);
		}
	}
	return NULL;
}

static void set_authors(dm_document *d, const char *const *names, int n)
{
	const char **v = dm_arena_alloc(&d->priv->arena, sizeof *v * (size_t)n);
	if (!v)
		return;
	for (int i = 0; i < n; i++)
		v[i] = dm_arena_strdup(&d->priv->arena, names[i]);
	d->authors = v;
	d->n_authors = n;
}

/* What a container says of a record (JSONL fields, a feed item's) wins
 * over what a web page says of itself, which wins over what the text
 * stage guessed from the article; a date only when it reads as one
 * (never a made-up date, never a WARC record's crawl date).  The URL is
 * the page's canonical one where it names it, so that a page reads the
 * same from a file and from an archive. */
/* The host of URL without "www.": the outlet of a page that names itself
 * nowhere else ("news.example"); NULL when URL has none. */
static const char *url_host(dm_arena *a, const char *url)
{
	const char *h = strstr(url, "://");
	if (!h)
		return NULL;
	h += 3;
	if (!strncasecmp(h, "www.", 4))
		h += 4;
	size_t n = strcspn(h, "/:?#");
	return n && memchr(h, '.', n) ? dm_arena_strndup(a, h, n) : NULL;
}

static void set_comments(dm_document *d, const dm_comment *c, size_t n)
{
	dm_arena *a = &d->priv->arena;
	dm_comment *v = dm_arena_alloc(a, n * sizeof *v);
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		v[i] = (dm_comment){dm_arena_strdup(a, c[i].text), c[i].author ? dm_arena_strdup(a, c[i].author) : NULL,
		                    c[i].date ? dm_arena_strdup(a, c[i].date) : NULL};
	d->comments = v;
	d->n_comments = n;
}

static void take_metadata(dm_document *d, const dm_page *pg, const dm_record *r)
{
	dm_arena *a = &d->priv->arena;
	const char *v;
	if ((v = r && r->title ? r->title : pg->title))
		d->title = dm_arena_strdup(a, v);
	const char *day;
	if ((day = r ? day_of(a, r->date) : NULL) != NULL)
		d->date = day, d->date_source = DM_DATE_RECORD;
	else if ((day = day_of(a, pg->date)) != NULL)
		d->date = day, d->date_source = DM_DATE_PAGE;
	if ((v = r && r->outlet ? r->outlet : pg->site))
		d->outlet = dm_arena_strdup(a, v);
	if ((v = pg->url ? pg->url : r ? r->url : NULL))
		d->url = dm_arena_strdup(a, v);
	if (!d->date && (day = url_day(a, d->url)))
		d->date = day, d->date_source = DM_DATE_URL;
	if (!d->outlet && d->url)
		d->outlet = url_host(a, d->url);
	if (pg->language)
		d->language = dm_arena_strdup(a, pg->language);
	if (r && r->fetched)
		d->fetched = dm_arena_strdup(a, r->fetched);
	if (r && r->n_authors)
		set_authors(d, r->authors, r->n_authors);
	else if (pg->n_authors)
		set_authors(d, (const char *const *)pg->authors, pg->n_authors);
	if (r && r->n_comments)
		set_comments(d, r->comments, r->n_comments);
	else if (pg->n_comments)
		set_comments(d, pg->comments, pg->n_comments);
}

/* Each body paragraph's place in code points, in raw and in text: with
 * them a span's code points in text cost no count (dm_text_offset). */
static void count_pieces(dm_document *d)
{
	struct dm_doc_private *p = d->priv;
	uint32_t text_cp = 0, text_at = 0;
	for (size_t i = 0; i < p->n_pieces; i++) {
		dm_piece *x = &p->pieces[i];
		x->raw_cp = dm_cp_offset(d, x->raw);
		text_cp += (uint32_t)dm_utf8_count(d->text + text_at, x->text - text_at);
		x->text_cp = text_cp;
		text_at = x->text;
	}
}

/* The input hash of BYTES and what REC (may be NULL) says of them: what
 * extraction reads, so that the same hash means the same document. */
static void input_hash(const char *bytes, size_t len, const dm_record *rec, unsigned char out[16])
{
	XXH3_state_t *st = XXH3_createState();
	XXH128_hash_t h;
	if (st && XXH3_128bits_reset(st) == XXH_OK) {
		XXH3_128bits_update(st, bytes, len);
		if (rec) {
			const char *fields[] = {rec->charset,
			                        rec->url,
			                        rec->date,
			                        rec->title,
			                        rec->outlet,
			                        rec->fetched,
			                        rec->html ? "html" : "text"};
			for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
				XXH3_128bits_update(st, fields[i] ? fields[i] : "",
				                    fields[i] ? strlen(fields[i]) + 1 : 1);
			for (int i = 0; i < rec->n_authors; i++)
				XXH3_128bits_update(st, rec->authors[i], strlen(rec->authors[i]) + 1);
			for (size_t i = 0; i < rec->n_comments; i++) {
				const char *parts[] = {rec->comments[i].text, rec->comments[i].author,
				                       rec->comments[i].date};
				for (int k = 0; k < 3; k++)
					XXH3_128bits_update(st, parts[k] ? parts[k] : "",
					                    parts[k] ? strlen(parts[k]) + 1 : 1);
			}
		}
		h = XXH3_128bits_digest(st);
	} else {
		h = XXH3_128bits(bytes, len);
	}
	XXH3_freeState(st);
	XXH128_canonical_t canon;
	XXH128_canonicalFromHash(&canon, h);
	memcpy(out, canon.digest, 16);
}

static dm_status extract_text(const char *name, const char *bytes, size_t len, const dm_record *rec, int html,
                              const char *charset, const dm_options *opt, dm_document **out, char *errbuf,
                              size_t errlen, int *warnings);

/* One document from BYTES; REC (may be NULL) is the container record they
 * came from. */
static dm_status extract(const char *name, const char *bytes, size_t len, const dm_record *rec, const dm_options *opt,
                         dm_document **out, char *errbuf, size_t errlen, int *warnings)
{
	size_t max = max_bytes(opt);
	*out = NULL;
	if (warnings)
		*warnings = 0;
	if (len > max) {
		if (errbuf && errlen)
			snprintf(errbuf, errlen, "input is %zu bytes, over the limit of %zu", len, max);
		return DM_ERR_TOOBIG;
	}
	/* What the bytes are written in: UTF-8 from here on.  A byte-order
	 * mark first; then, for plain text (a web page declares its own
	 * encoding, a container record its transport's), a single-byte code
	 * page and old Mac line ends. */
	dm_buf marked = {0}, plain = {0};
	const char *encoding = NULL, *charset = rec ? rec->charset : NULL;
	int dec = dm_decode_text(bytes, len, 0, &marked, &encoding);
	if (dec > 0) {
		bytes = marked.data ? marked.data : "";
		len = marked.len;
		charset = "UTF-8";
	}
	int html = rec ? rec->html : dm_is_html(bytes, len);
	if (dec >= 0 && !html && !charset && (dec = dm_decode_text(bytes, len, 1, &plain, &encoding)) > 0) {
		bytes = plain.data ? plain.data : "";
		len = plain.len;
		if (encoding && warnings) {
			*warnings = 1;
			if (errbuf && errlen)
				snprintf(errbuf, errlen, "not UTF-8: read as %s", encoding);
		}
	}
	if (dec < 0) {
		dm_buf_free(&marked);
		dm_buf_free(&plain);
		fail(errbuf, errlen, "%s", "out of memory");
		return DM_ERR_NOMEM;
	}
	dm_status st = extract_text(name, bytes, len, rec, html, charset, opt, out, errbuf, errlen, warnings);
	dm_buf_free(&marked);
	dm_buf_free(&plain);
	return st;
}

/* A long document is read a section at a time, each a run of whole
 * paragraphs of about SECTION bytes, so that what reading keeps per token
 * (tokens, the models' facts, candidates) is bounded by a section, not
 * the document: memory follows the document's size by a small factor.
 * A section's statements are its own: a pronoun or a description at the
 * head of one is not resolved to a name in the one before (it stays
 * unnamed).  No news article is near this size. */
#define SECTION ((size_t)256 << 10)

/* Where the section of RAW[LEN] that begins at FROM ends: after a blank
 * line at or past FROM + SECTION, or else a line end, a sentence end, a
 * space, a character's end, looked for in a window of SECTION / 2 bytes
 * (so that finding ends is linear). */
static size_t section_end(const char *raw, size_t len, size_t from)
{
	if (len - from <= SECTION + SECTION / 2)
		return len;
	size_t at = from + SECTION, win = SECTION / 2;
	static const char *const ends[] = {"\n\n", "\n", ". ", " "};
	for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
		const char *e = memmem(raw + at, win, ends[k], strlen(ends[k]));
		if (e)
			return (size_t)(e - raw) + strlen(ends[k]);
	}
	while (at > from && ((unsigned char)raw[at] & 0xC0) == 0x80)
		at--;
	return at;
}

/* Add to D the roles of a section, SRC[N], that it lacks: each speaker's title once. */
#define MAX_DOC_ROLES 256 /* a document's titles kept: a bound on the work of merging them */

static void add_roles(dm_document *d, dm_arena *a, const dm_role *src, size_t n)
{
	if (!n || d->n_roles >= MAX_DOC_ROLES)
		return;
	dm_role *all = dm_arena_alloc(a, (d->n_roles + n) * sizeof *all);
	if (!all)
		return;
	if (d->n_roles)
		memcpy(all, d->roles, d->n_roles * sizeof *all);
	size_t k = d->n_roles;
	for (size_t i = 0; i < n && k < MAX_DOC_ROLES; i++) {
		size_t j = 0;
		while (j < k && (strcmp(all[j].speaker, src[i].speaker) || strcmp(all[j].title, src[i].title)))
			j++;
		if (j == k)
			all[k++] = src[i];
	}
	d->roles = all;
	d->n_roles = k;
}

/* Section [FROM, TO) of D's raw text: its statements, roles and body
 * paragraphs added to D's, its cleaned text to TEXT; the page's credits
 * (CREDITS: its byte ranges hold in raw) read where they fall in it. */
static int read_section(dm_document *d, size_t from, size_t to, const dm_page *page, int credits, const dm_options *opt,
                        dm_buf *text)
{
	struct dm_doc_private *p = d->priv;
	char *raw = p->raw + from, kept = raw[to - from];
	raw[to - from] = 0; /* the text stage reads a NUL-terminated string */
	int part = (from == 0 ? DM_PART_HEAD : 0) | (to == d->raw_len ? DM_PART_TAIL : 0);
	dm_text t;
	dm_credit *cr = NULL;
	dm_document sec = {0};
	int failed = dm_text_analyse_part(&t, raw, to - from, part, &p->arena);
	if (!failed && credits && page->n_credits) {
		cr = malloc(page->n_credits * sizeof *cr);
		failed = !cr;
		for (size_t i = 0; cr && i < page->n_credits; i++) {
			const dm_credit *c = &page->credits[i];
			if (c->quote_start >= from && c->quote_end <= to && c->name_start >= from && c->name_end <= to)
				cr[t.n_credits++] = (dm_credit){c->quote_start - from, c->quote_end - from,
				                                c->name_start - from, c->name_end - from};
		}
		t.credits = cr;
	}
	if (!failed)
		failed = dm_attribute(&t, opt && opt->models ? opt->models : dm_models_builtin(),
		                      opt && opt->attributions, &p->arena, &sec);
	/* the document's statements grow by doubling: sections' appends stay
	 * linear in the document's length */
	size_t need = d->n_statements + sec.n_statements, cap = p->cap_statements;
	while (cap < need)
		cap = cap ? cap * 2 : need;
	dm_statement *all = failed || !sec.n_statements ? NULL
	                    : cap == p->cap_statements  ? d->statements
	                                                : realloc(d->statements, cap * sizeof *all);
	if (!failed && sec.n_statements && !all)
		failed = 1;
	else if (all)
		p->cap_statements = cap;
	if (all) {
		d->statements = all;
		for (size_t i = 0; i < sec.n_statements; i++) {
			dm_statement *st = &all[d->n_statements++];
			*st = sec.statements[i];
			for (int k = 0; k < st->n_content; k++) { /* the arena's own copy: moved in place */
				dm_span *c = (dm_span *)&st->content[k];
				c->start += (uint32_t)from, c->end += (uint32_t)from;
			}
			st->source.start += (uint32_t)from, st->source.end += (uint32_t)from;
			st->cue.start += (uint32_t)from, st->cue.end += (uint32_t)from;
		}
		add_roles(d, &p->arena, sec.roles, sec.n_roles);
	}
	free(sec.statements);
	free(cr);
	size_t first = p->n_pieces;
	for (size_t i = 0; !failed && i < t.n_paras; i++)
		failed = dm_reserve(&p->pieces, &p->cap_pieces, first + i, sizeof *p->pieces);
	if (!failed) {
		size_t n;
		dm_text_clean(&t, text, p->pieces + first, &n);
		p->n_pieces += n;
		for (size_t i = first; i < p->n_pieces; i++)
			p->pieces[i].raw += (uint32_t)from;
		failed = text->failed;
	}
	if (!failed && from == 0) {
		d->title = t.title;
		d->date = t.date;
		d->date_source = t.date ? DM_DATE_TEXT : DM_DATE_NONE;
		d->outlet = t.outlet;
		d->n_authors = t.n_authors;
		d->authors = t.n_authors ? dm_arena_alloc(&p->arena, sizeof *d->authors * (size_t)t.n_authors) : NULL;
		if (d->authors)
			memcpy(d->authors, t.authors, sizeof *d->authors * (size_t)t.n_authors);
		else
			d->n_authors = 0;
	} else if (!failed && !d->outlet)
		d->outlet = t.outlet; /* the signature at the end */
	dm_text_free(&t);
	raw[to - from] = kept;
	return failed ? -1 : 0;
}

/* D's raw text read section by section: its statements, roles,
 * metadata, and its cleaned text in TEXT.  Returns -1 when memory ran out. */
static int read_sections(dm_document *d, const dm_page *page, int credits, const dm_options *opt, dm_buf *text)
{
	for (size_t from = 0, to; from < d->raw_len; from = to) {
		to = section_end(d->raw, d->raw_len, from);
		if (read_section(d, from, to, page, credits, opt, text))
			return -1;
	}
	return 0;
}

/* One document from BYTES, UTF-8 or a web page (HTML) in CHARSET. */
static dm_status extract_text(const char *name, const char *bytes, size_t len, const dm_record *rec, int html,
                              const char *charset, const dm_options *opt, dm_document **out, char *errbuf,
                              size_t errlen, int *warnings)
{
	const char *nul = memchr(bytes, 0, len);
	if (nul) {
		char msg[64];
		snprintf(msg, sizeof msg, "%zu", (size_t)(nul - bytes));
		fail(errbuf, errlen, "binary file (NUL byte at offset %s), not text", msg);
		return DM_ERR_BINARY;
	}
	if (len == 0 || all_space(bytes, len)) {
		fail(errbuf, errlen, "%s", len ? "file holds only white space" : "empty file");
		return DM_ERR_EMPTY;
	}
	/* A web page: its article is the document's text, and its metadata
	 * comes before what the text stage reads from the article. */
	dm_page page = {0};
	if (html) {
		char why[128];
		if (dm_html_extract(bytes, len, charset, &page, why, sizeof why)) {
			fail(errbuf, errlen, "%s", why);
			return DM_ERR_CORRUPT;
		}
		bytes = page.text.data;
		len = page.text.len;
		if (all_space(bytes, len)) {
			dm_page_free(&page);
			fail(errbuf, errlen, "%s", "web page without article text");
			return DM_ERR_EMPTY;
		}
	}
	dm_document *d = calloc(1, sizeof *d);
	struct dm_doc_private *p = d ? calloc(1, sizeof *p) : NULL;
	if (!p) {
		free(d);
		dm_page_free(&page);
		fail(errbuf, errlen, "%s", "out of memory");
		return DM_ERR_NOMEM;
	}
	d->priv = p;
	dm_buf raw = {0};
	size_t bad = dm_utf8_repair(bytes, len, &raw);
	if (raw.failed) {
		dm_buf_free(&raw);
		dm_page_free(&page);
		dm_document_free(d);
		fail(errbuf, errlen, "%s", "out of memory");
		return DM_ERR_NOMEM;
	}
	if (bad) {
		if (warnings)
			*warnings = 1;
		if (errbuf && errlen)
			snprintf(errbuf, errlen, "invalid UTF-8: %zu byte%s replaced with U+FFFD", bad,
			         bad == 1 ? "" : "s");
	}
	d->raw_len = raw.len;
	p->raw = dm_buf_detach(&raw);
	d->raw = p->raw;
	d->source = dm_arena_strdup(&p->arena, name);

	XXH128_hash_t h = XXH3_128bits(d->raw, d->raw_len);
	XXH128_canonical_t canon;
	XXH128_canonicalFromHash(&canon, h);
	memcpy(d->hash, canon.digest, sizeof d->hash);

	dm_buf text = {0};
	if (read_sections(d, &page, !bad, opt, &text)) {
		dm_buf_free(&text);
		dm_page_free(&page);
		dm_document_free(d);
		fail(errbuf, errlen, "%s", "out of memory");
		return DM_ERR_NOMEM;
	}
	d->text_len = text.len;
	p->text = dm_buf_detach(&text);
	d->text = p->text ? p->text : "";
	count_pieces(d);
	/* A relayed article: the outermost relay of a two-step chain is the
	 * outlet we read it at ("according to A, reporting B"). */
	for (size_t i = 0; i < d->n_statements && !d->outlet; i++)
		if (d->statements[i].n_via >= 2)
			d->outlet = d->statements[i].via[d->statements[i].n_via - 1];
	take_metadata(d, &page, rec);
	dm_page_free(&page);
	*out = d;
	return DM_OK;
}

dm_status dm_extract_bytes(const char *name, const char *bytes, size_t len, const dm_options *opt, dm_document **out,
                           char *errbuf, size_t errlen, int *warnings)
{
	dm_status s = extract(name, bytes, len, NULL, opt, out, errbuf, errlen, warnings);
	if (s == DM_OK)
		input_hash(bytes, len, NULL, (*out)->input_hash);
	return s;
}

dm_status dm_extract_file(const char *path, const dm_options *opt, dm_document **out, char *errbuf, size_t errlen,
                          int *warnings)
{
	size_t max = max_bytes(opt);
	char *bytes;
	size_t len;
	char tmp[256];
	*out = NULL;
	if (warnings)
		*warnings = 0;
	dm_status s = dm_read_file(path, max, &bytes, &len, tmp, sizeof tmp);
	if (s != DM_OK) {
		fail(errbuf, errlen, "%s", tmp);
		return s;
	}
	s = dm_extract_bytes(path, bytes, len, opt, out, errbuf, errlen, warnings);
	free(bytes);
	return s;
}

void dm_document_free(dm_document *d)
{
	if (!d)
		return;
	if (d->priv) {
		free(d->priv->raw);
		free(d->priv->text);
		free(d->priv->pieces);
		free(d->priv->cp_blocks);
		dm_arena_free(&d->priv->arena);
		free(d->priv);
	}
	free(d->statements);
	free(d);
}

/* Code points are counted once a document, in blocks of this many bytes
 * of raw: then any offset costs at most a block's count, in whatever order
 * the spans of a document's statements ask (a cursor moved back and forth
 * made output quadratic in a document's size). */
#define CP_BLOCK 64

static uint32_t *count_blocks(const dm_document *d)
{
	size_t n = d->raw_len / CP_BLOCK + 1;
	uint32_t *b = malloc(n * sizeof *b), k = 0;
	for (size_t i = 0; b && i < n; i++) {
		b[i] = k;
		if (i + 1 < n)
			k += (uint32_t)dm_utf8_count(d->raw + i * CP_BLOCK, CP_BLOCK);
	}
	return b;
}

uint32_t dm_cp_offset(const dm_document *d, uint32_t off)
{
	struct dm_doc_private *p = d->priv;
	if (off > d->raw_len)
		off = (uint32_t)d->raw_len;
	if (!p->cp_blocks && !(p->cp_blocks = count_blocks(d)))
		return (uint32_t)dm_utf8_count(d->raw, off); /* out of memory: slower, not wrong */
	size_t b = off / CP_BLOCK;
	return p->cp_blocks[b] + (uint32_t)dm_utf8_count(d->raw + b * CP_BLOCK, off - b * CP_BLOCK);
}

uint32_t dm_text_offset(const dm_document *d, uint32_t off, int as_end, uint32_t *cp)
{
	const struct dm_doc_private *p = d->priv;
	size_t lo = 0, hi = p->n_pieces; /* the first piece that ends at or after OFF */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->pieces[mid].raw + p->pieces[mid].len < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < p->n_pieces; lo++) {
		const dm_piece *x = &p->pieces[lo];
		if (off < x->raw || off > x->raw + x->len)
			return UINT32_MAX;
		if (as_end ? off > x->raw : off < x->raw + x->len) {
			if (cp)
				*cp = x->text_cp + (dm_cp_offset(d, off) - x->raw_cp);
			return x->text + (off - x->raw);
		}
	}
	return UINT32_MAX;
}

static const char *const kind_names[] = {"direct", "indirect", "mixed", "headline"};

const char *dm_kind_name(dm_kind k)
{
	return (unsigned)k < 4 ? kind_names[k] : "unknown";
}

int dm_kind_parse(const char *name)
{
	for (int k = 0; k < 4; k++)
		if (!strcmp(name, kind_names[k]))
			return k;
	return -1;
}

const char *dm_date_source_name(dm_date_source s)
{
	static const char *const names[] = {NULL, "text", "page", "record", "url"};
	return (unsigned)s < 5 ? names[s] : NULL;
}

const char *dm_speaker_type_name(dm_speaker_type t)
{
	static const char *const names[] = {"unknown", "person", "organization", "unnamed"};
	return (unsigned)t < 4 ? names[t] : "unknown";
}

/* ---- containers ---- */

typedef struct each_ctx {
	const char *path;
	const dm_options *opt;
	const dm_sink *sink;
	dm_each_stats *stats;
} each_ctx;

static void one(each_ctx *e, const char *name, const char *bytes, size_t len, const dm_record *rec)
{
	dm_document *d;
	char err[256] = "";
	int warn = 0;
	unsigned char h[16];
	input_hash(bytes, len, rec, h);
	if (e->sink->known && e->sink->known(h, e->sink->ctx)) {
		e->stats->unchanged++;
		return;
	}
	if (extract(name, bytes, len, rec, e->opt, &d, err, sizeof err, &warn) != DM_OK) {
		e->stats->failed++;
		e->sink->problem(name, err, 0, e->sink->ctx);
		return;
	}
	if (warn) {
		e->stats->warned++;
		e->sink->problem(name, err, 1, e->sink->ctx);
	}
	memcpy(d->input_hash, h, sizeof h);
	e->stats->documents++;
	e->sink->document(d, e->sink->ctx);
}

/* The source name of record INDEX of the container: PATH#INDEX, or
 * PATH for the container as a whole (INDEX 0). */
static const char *record_name(const each_ctx *e, size_t index, char *buf, size_t cap)
{
	snprintf(buf, cap, index ? "%s#%zu" : "%s", e->path, index);
	return buf;
}

static void on_record(const dm_record *r, void *ctx)
{
	char name[4096];
	one(ctx, record_name(ctx, r->index, name, sizeof name), r->bytes, r->len, r);
}

static void on_problem(size_t index, const char *what, void *ctx)
{
	each_ctx *e = ctx;
	char name[4096];
	e->stats->failed++;
	e->sink->problem(record_name(e, index, name, sizeof name), what, 0, e->sink->ctx);
}

dm_status dm_extract_each(const char *path, const dm_options *opt, const dm_sink *sink, dm_each_stats *stats)
{
	dm_each_stats local;
	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof *stats);
	each_ctx e = {path, opt, sink, stats};
	dm_record_sink rs = {on_record, on_problem, &e, 0};
	char *bytes = NULL, err[256];
	size_t len = 0;
	dm_format f = DM_FMT_DOCUMENT;
	/* Most inputs are small files of text or HTML: read in one go.  The
	 * rest, and any archive (gzip, a web archive), are read as below. */
	if (dm_read_small(path, SMALL_INPUT < max_bytes(opt) ? SMALL_INPUT : max_bytes(opt), &bytes, &len) &&
	    (dm_is_gzip(bytes, len) || (f = dm_detect_format(bytes, len)) == DM_FMT_WARC)) {
		free(bytes);
		bytes = NULL;
	}
	if (!bytes) {
		/* a web archive streams, a record at a time */
		if (dm_each_warc_file(path, max_bytes(opt), &rs) == 1) {
			stats->skipped = rs.skipped;
			return DM_OK;
		}
		dm_status st = dm_read_file(path, max_bytes(opt), &bytes, &len, err, sizeof err);
		if (st != DM_OK) {
			stats->failed++;
			sink->problem(path, err, 0, sink->ctx);
			return st;
		}
		f = dm_detect_format(bytes, len);
	}
	if (f == DM_FMT_DOCUMENT)
		one(&e, path, bytes, len, NULL);
	else
		dm_each_record(bytes, len, f, max_bytes(opt), &rs);
	free(bytes);
	return DM_OK;
}

int dm_cores(void)
{
	cpu_set_t set;
	if (!sched_getaffinity(0, sizeof set, &set) && CPU_COUNT(&set) > 0)
		return CPU_COUNT(&set);
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}
