/*
 * The library's front door: input bytes through every stage to a
 * dm_document.  The stages are ingest (bytes), text (structure and
 * metadata) and attrib (statements); store and export consume documents.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "attrib/attrib.h"
#include "attrib/learned.h"
#include "dictum.h"
#include "ingest/html.h"
#include "ingest/ingest.h"
#include "text/text.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/utf8.h"

#define DEFAULT_MAX_BYTES ((size_t)256 << 20)

static size_t max_bytes(const dm_options *opt)
{
	return opt && opt->max_bytes ? opt->max_bytes : DEFAULT_MAX_BYTES;
}

struct dm_doc_private {
	dm_arena arena;
	char *raw;                  /* owned */
	char *text;                 /* owned */
	uint32_t cp_byte, cp_index; /* cursor for dm_cp_offset */
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

/* What a web page says of itself wins over what the text stage guessed
 * from the article: its date only when it reads as one (never a made-up
 * date). */
static void take_page_metadata(dm_document *d, const dm_page *pg)
{
	dm_arena *a = &d->priv->arena;
	if (pg->title)
		d->title = dm_arena_strdup(a, pg->title);
	char day[11];
	if (pg->date && dm_parse_date(pg->date, strlen(pg->date), day))
		d->date = dm_arena_strdup(a, day);
	if (pg->site)
		d->outlet = dm_arena_strdup(a, pg->site);
	if (pg->url)
		d->url = dm_arena_strdup(a, pg->url);
	if (pg->language)
		d->language = dm_arena_strdup(a, pg->language);
	if (pg->n_authors) {
		const char **v = dm_arena_alloc(a, sizeof *v * (size_t)pg->n_authors);
		if (v) {
			for (int i = 0; i < pg->n_authors; i++)
				v[i] = dm_arena_strdup(a, pg->authors[i]);
			d->authors = v;
			d->n_authors = pg->n_authors;
		}
	}
}

dm_status dm_extract_bytes(const char *name, const char *bytes, size_t len, const dm_options *opt, dm_document **out,
                           char *errbuf, size_t errlen, int *warnings)
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
	if (dm_is_html(bytes, len)) {
		char why[128];
		if (dm_html_extract(bytes, len, NULL, &page, why, sizeof why)) {
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

	dm_text t;
	dm_statement *st = NULL;
	size_t n_st = 0;
	if (dm_text_analyse(&t, d->raw, d->raw_len, &p->arena) ||
	    dm_attribute(&t, opt && opt->models ? opt->models : dm_models_builtin(), &p->arena, &st, &n_st)) {
		dm_text_free(&t);
		dm_page_free(&page);
		dm_document_free(d);
		fail(errbuf, errlen, "%s", "out of memory");
		return DM_ERR_NOMEM;
	}
	dm_buf text = {0};
	dm_text_clean(&t, &text);
	d->text_len = text.len;
	p->text = dm_buf_detach(&text);
	d->text = p->text;
	d->title = t.title;
	d->date = t.date;
	d->outlet = t.outlet;
	d->n_authors = t.n_authors;
	if (t.n_authors) {
		d->authors = dm_arena_alloc(&p->arena, sizeof *d->authors * (size_t)t.n_authors);
		if (d->authors)
			memcpy(d->authors, t.authors, sizeof *d->authors * (size_t)t.n_authors);
		else
			d->n_authors = 0;
	}
	/* A relayed article: the outermost relay of a two-step chain is the
	 * outlet we read it at ("according to A, reporting B"). */
	for (size_t i = 0; i < n_st && !d->outlet; i++)
		if (st[i].n_via >= 2)
			d->outlet = st[i].via[st[i].n_via - 1];
	d->statements = st;
	d->n_statements = n_st;
	dm_text_free(&t);
	take_page_metadata(d, &page);
	dm_page_free(&page);
	*out = d;
	return DM_OK;
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
		dm_arena_free(&d->priv->arena);
		free(d->priv);
	}
	free(d->statements);
	free(d);
}

uint32_t dm_cp_offset(const dm_document *d, uint32_t off)
{
	struct dm_doc_private *p = d->priv;
	if (off > d->raw_len)
		off = (uint32_t)d->raw_len;
	if (off < p->cp_byte)
		p->cp_index -= (uint32_t)dm_utf8_count(d->raw + off, p->cp_byte - off);
	else
		p->cp_index += (uint32_t)dm_utf8_count(d->raw + p->cp_byte, off - p->cp_byte);
	p->cp_byte = off;
	return p->cp_index;
}

const char *dm_kind_name(dm_kind k)
{
	static const char *const names[] = {"direct", "indirect", "mixed", "headline"};
	return (unsigned)k < 4 ? names[k] : "unknown";
}

const char *dm_speaker_type_name(dm_speaker_type t)
{
	static const char *const names[] = {"unknown", "person", "organization"};
	return (unsigned)t < 3 ? names[t] : "unknown";
}
