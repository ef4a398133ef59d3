/*
 * Page metadata against a gold made by hand (eval.h): the title, authors,
 * outlet and date a reader gives a page, kept in the gold as byte ranges of
 * the page's HTML (no third-party text in the repository) and compared
 * after one normalisation, dm_meta_norm.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "eval.h"
#include "ingest/html.h"
#include "util/utf8.h"

/* ---- the normaliser ---- */

/* S[0, N) with its character references decoded and invalid bytes
 * replaced; WS set: white space collapsed and trimmed too.  NULL when
 * memory ran out. */
static char *decoded(const char *s, size_t n, int ws)
{
	dm_buf fixed = {0}, b = {0};
	dm_utf8_repair(s, n, &fixed);
	if (fixed.failed) {
		dm_buf_free(&fixed);
		return NULL;
	}
	const char *t = fixed.data ? fixed.data : "";
	size_t tn = fixed.len;
	int space = 0;
	for (size_t i = 0; i < tn;) {
		size_t k = 0;
		int32_t c = t[i] == '&' ? dm_html_char_ref(t + i, tn - i, &k) : -1;
		if (c < 0) {
			size_t j = i;
			c = dm_utf8_next(t, tn, &j);
			k = j - i;
		}
		if (ws && dm_is_space(c)) {
			space = 1;
		} else {
			if (space && b.len)
				dm_buf_putc(&b, ' ');
			space = 0;
			utf8proc_uint8_t u[4];
			dm_buf_add(&b, (const char *)u, (size_t)utf8proc_encode_char(c, u));
		}
		i += k;
	}
	dm_buf_free(&fixed);
	if (!b.data)
		dm_buf_add(&b, "", 0);
	return dm_buf_finish(&b);
}

/* Typographic quotes, apostrophes, dashes and the ellipsis as ASCII. */
static const char *ascii_for(int32_t c)
{
	switch (c) {
	case 0x2018:
	case 0x2019:
	case 0x201A:
	case 0x201B:
	case 0x2032:
	case 0x00B4:
	case '`': return "'";
	case 0x201C:
	case 0x201D:
	case 0x201E:
	case 0x201F:
	case 0x2033:
	case 0x00AB:
	case 0x00BB: return "\"";
	case 0x2010:
	case 0x2011:
	case 0x2012:
	case 0x2013:
	case 0x2014:
	case 0x2015:
	case 0x2212: return "-";
	case 0x2026: return "...";
	default: return NULL;
	}
}

char *dm_meta_norm(const char *s, size_t n)
{
	char *d = decoded(s, n, 1);
	if (!d)
		return NULL;
	utf8proc_uint8_t *f = NULL;
	utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)d, (utf8proc_ssize_t)strlen(d), &f,
	                                  UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
	free(d);
	if (k < 0)
		return NULL;
	/* what folding made of spaces and marks is collapsed once more */
	dm_buf b = {0};
	int space = 0;
	for (size_t i = 0; i < (size_t)k;) {
		int32_t c = dm_utf8_next((const char *)f, (size_t)k, &i);
		if (dm_is_space(c)) {
			space = 1;
			continue;
		}
		if (space && b.len)
			dm_buf_putc(&b, ' ');
		space = 0;
		const char *a = ascii_for(c);
		if (a) {
			dm_buf_puts(&b, a);
		} else {
			utf8proc_uint8_t u[4];
			dm_buf_add(&b, (const char *)u, (size_t)utf8proc_encode_char(c, u));
		}
	}
	free(f);
	if (!b.data)
		dm_buf_add(&b, "", 0);
	return dm_buf_finish(&b);
}

/* ---- comparisons ---- */

static int same_norm(const char *a, const char *b, int (*eq)(const char *, const char *))
{
	if (!a || !b)
		return 0;
	char *x = dm_meta_norm(a, strlen(a)), *y = dm_meta_norm(b, strlen(b));
	int r = x && y && *y && eq(x, y);
	free(x);
	free(y);
	return r;
}

static int equal(const char *a, const char *b)
{
	return !strcmp(a, b);
}

int dm_meta_title_right(const char *got, const char *gold)
{
	return same_norm(got, gold, equal);
}

/* A normalised name that is a domain ("www.express.co.uk") as its core
 * ("express"): without "www.", its top-level label and a generic label
 * before that (co, com, org ...); else the name itself, less a leading
 * "the ".  Written to OUT (as long as NAME). */
static void outlet_core(const char *name, char *out)
{
	const char *s = name;
	if (!strncmp(s, "the ", 4))
		s += 4;
	size_t n = strlen(s);
	const char *dot = strrchr(s, '.');
	int domain = dot && !strchr(s, ' ') && n - (size_t)(dot - s) >= 3 && n - (size_t)(dot - s) <= 7;
	for (const char *p = dot ? dot + 1 : s; domain && *p; p++)
		if (*p < 'a' || *p > 'z')
			domain = 0;
	if (domain) {
		if (!strncmp(s, "www.", 4))
			s += 4;
		n = (size_t)(dot - s);
		static const char *const generic[] = {".co", ".com", ".net", ".org", ".gov", ".ac", ".edu"};
		for (size_t i = 0; i < sizeof generic / sizeof *generic; i++) {
			size_t g = strlen(generic[i]);
			if (n > g && !memcmp(s + n - g, generic[i], g)) {
				n -= g;
				break;
			}
		}
	}
	memcpy(out, s, n);
	out[n] = 0;
}

static int same_outlet(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	char *x = malloc(na + 1), *y = malloc(nb + 1);
	int r = 0;
	if (x && y) {
		outlet_core(a, x);
		outlet_core(b, y);
		r = *x && !strcmp(x, y);
	}
	free(x);
	free(y);
	return r;
}

int dm_meta_outlet_right(const char *got, const char *gold)
{
	return same_norm(got, gold, same_outlet);
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The normalised names of V[N], sorted, each once, empty ones left out;
 * how many in *OUT (-1: no memory). */
static long name_set(const char *const *v, size_t n, char ***out)
{
	char **s = calloc(n + 1, sizeof *s);
	if (!s)
		return -1;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		char *x = v[i] ? dm_meta_norm(v[i], strlen(v[i])) : NULL;
		if (v[i] && !x) {
			for (size_t j = 0; j < k; j++)
				free(s[j]);
			free(s);
			return -1;
		}
		if (x && *x)
			s[k++] = x;
		else
			free(x);
	}
	qsort(s, k, sizeof *s, by_string);
	size_t u = 0;
	for (size_t i = 0; i < k; i++) {
		if (u && !strcmp(s[u - 1], s[i]))
			free(s[i]);
		else
			s[u++] = s[i];
	}
	*out = s;
	return (long)u;
}

int dm_meta_authors_right(const char *const *got, size_t n_got, const char *const *gold, size_t n_gold)
{
	char **a = NULL, **b = NULL;
	long na = name_set(got, n_got, &a), nb = name_set(gold, n_gold, &b);
	int r = na >= 0 && na == nb;
	for (long i = 0; r && i < na; i++)
		r = !strcmp(a[i], b[i]);
	for (long i = 0; i < na; i++)
		free(a[i]);
	for (long i = 0; i < nb; i++)
		free(b[i]);
	free(a);
	free(b);
	return r;
}

int dm_meta_date_right(const char *got, const char *gold)
{
	return got && gold && strlen(got) >= 10 && strlen(gold) >= 10 && !memcmp(got, gold, 10);
}

/* ---- the gold ---- */

static int is_range(json_t *r)
{
	return json_is_array(r) && json_array_size(r) == 2 && json_is_integer(json_array_get(r, 0)) &&
	       json_is_integer(json_array_get(r, 1)) && json_integer_value(json_array_get(r, 0)) >= 0 &&
	       json_integer_value(json_array_get(r, 0)) <= json_integer_value(json_array_get(r, 1));
}

static int is_date(json_t *d)
{
	const char *s = json_string_value(d);
	if (!s || strlen(s) != 10)
		return 0;
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int is_list_of(json_t *v, int (*is)(json_t *))
{
	if (!json_is_array(v))
		return 0;
	size_t i;
	json_t *x;
	json_array_foreach(v, i, x) if (!is(x)) return 0;
	return 1;
}

/* What is wrong with one page's gold, or NULL. */
static const char *bad_page(json_t *p)
{
	static const char *const known[] = {"title", "authors", "date", "date_also", "outlet", "outlet_also", "note"};
	if (!json_is_object(p))
		return "not an object";
	const char *key;
	json_t *v;
	json_object_foreach(p, key, v)
	{
		size_t i = 0;
		while (i < sizeof known / sizeof *known && strcmp(key, known[i]))
			i++;
		if (i == sizeof known / sizeof *known)
			return "a field that is none of title, authors, date, date_also, outlet, outlet_also, note";
	}
	json_t *t = json_object_get(p, "title"), *o = json_object_get(p, "outlet"), *d = json_object_get(p, "date");
	if (!t || !(json_is_null(t) || is_range(t)))
		return "title is not a byte range [start, end] (or null)";
	if (!is_list_of(json_object_get(p, "authors"), is_range))
		return "authors is not a list of byte ranges";
	if (!d || !(json_is_null(d) || is_date(d)))
		return "date is not \"YYYY-MM-DD\" (or null)";
	if (json_object_get(p, "date_also") && !is_list_of(json_object_get(p, "date_also"), is_date))
		return "date_also is not a list of \"YYYY-MM-DD\"";
	if (!o || !(is_range(o) || (json_is_object(o) && json_is_true(json_object_get(o, "domain")))))
		return "outlet is not a byte range [start, end] or {\"domain\": true}";
	if (json_object_get(p, "outlet_also") && !is_list_of(json_object_get(p, "outlet_also"), is_range))
		return "outlet_also is not a list of byte ranges";
	if (json_object_get(p, "note") && !json_is_string(json_object_get(p, "note")))
		return "note is not a string";
	return NULL;
}

int dm_meta_load(dm_meta *m, const char *path, char *err, size_t errlen)
{
	memset(m, 0, sizeof *m);
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je);
	if (!root) {
		if (je.line < 1)
			dm_ev_fail(err, errlen, "cannot be read");
		else
			dm_ev_fail(err, errlen, "not valid JSON (line %d, column %d)", je.line, je.column);
		return -1;
	}
	json_t *pages = json_object_get(root, "pages");
	if (!json_is_object(pages) || !json_object_size(pages)) {
		dm_ev_fail(err, errlen, "no \"pages\" object of page metadata");
		json_decref(root);
		return -1;
	}
	const char *hash;
	json_t *p;
	json_object_foreach(pages, hash, p)
	{
		const char *why = bad_page(p);
		if (why) {
			dm_ev_fail(err, errlen, "page %s: %s", hash, why);
			json_decref(root);
			return -1;
		}
	}
	m->root = root;
	m->pages = pages;
	return 0;
}

void dm_meta_free(dm_meta *m)
{
	json_decref(m->root);
	dm_buf_free(&m->verbose);
	memset(m, 0, sizeof *m);
}

/* ---- scoring ---- */

/* The text of byte range R of RAW[LEN], decoded; NULL when R is outside
 * RAW (with a message in ERR) or memory ran out. */
static char *range_text(json_t *r, const char *raw, size_t len, const char *field, char *err, size_t errlen)
{
	json_int_t s = json_integer_value(json_array_get(r, 0)), e = json_integer_value(json_array_get(r, 1));
	if ((json_int_t)len < e) {
		dm_ev_fail(err, errlen, "%s: range [%lld, %lld) is outside the page (%zu bytes)", field, (long long)s,
		           (long long)e, len);
		return NULL;
	}
	char *t = decoded(raw + s, (size_t)(e - s), 1);
	if (!t)
		dm_ev_fail(err, errlen, "out of memory");
	return t;
}

/* The host of URL ("https://www.wsj.com/articles/..." -> "www.wsj.com"). */
static char *url_host(const char *url)
{
	const char *s = url ? strstr(url, "://") : NULL;
	s = s ? s + 3 : url ? url : "";
	size_t n = strcspn(s, "/:?#");
	char *h = malloc(n + 1);
	if (h) {
		memcpy(h, s, n);
		h[n] = 0;
	}
	return h;
}

static void put_quoted(dm_buf *b, const char *s)
{
	if (s)
		dm_buf_printf(b, "\"%s\"", s);
	else
		dm_buf_puts(b, "none");
}

static void put_list(dm_buf *b, const char *const *v, size_t n)
{
	dm_buf_putc(b, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			dm_buf_puts(b, ", ");
		put_quoted(b, v[i]);
	}
	dm_buf_putc(b, ']');
}

/* One field's line of the verbose listing begins: "  title    right ". */
static void put_mark(dm_buf *b, const char *field, int right)
{
	dm_buf_printf(b, "  %-8s %-5s ", field, right ? "right" : "wrong");
}

int dm_meta_score(dm_meta *m, const char *hash, const dm_document *d, const char *raw, size_t len, const char *url,
                  int verbose, char *err, size_t errlen)
{
	json_t *p = json_object_get(m->pages, hash);
	if (!p)
		return 1;
	/* the gold's values, resolved */
	json_t *t = json_object_get(p, "title"), *au = json_object_get(p, "authors"), *o = json_object_get(p, "outlet");
	json_t *oa = json_object_get(p, "outlet_also"), *da = json_object_get(p, "date_also");
	const char *date = json_string_value(json_object_get(p, "date"));
	size_t n_au = json_array_size(au), n_o = 1 + json_array_size(oa);
	char *title = NULL, **authors = calloc(n_au + 1, sizeof *authors), **outlets = calloc(n_o, sizeof *outlets);
	int rc = authors && outlets ? 0 : -1;
	if (rc)
		dm_ev_fail(err, errlen, "out of memory");
	if (!rc && json_is_array(t) && !(title = range_text(t, raw, len, "title", err, errlen)))
		rc = -1;
	for (size_t i = 0; !rc && i < n_au; i++)
		if (!(authors[i] = range_text(json_array_get(au, i), raw, len, "authors", err, errlen)))
			rc = -1;
	if (!rc && !(outlets[0] = json_is_array(o) ? range_text(o, raw, len, "outlet", err, errlen) : url_host(url)))
		rc = -1;
	for (size_t i = 1; !rc && i < n_o; i++)
		if (!(outlets[i] = range_text(json_array_get(oa, i - 1), raw, len, "outlet_also", err, errlen)))
			rc = -1;
	if (!rc) {
		const char *g_title = d ? d->title : NULL, *g_outlet = d ? d->outlet : NULL,
		           *g_date = d ? d->date : NULL;
		int title_ok = title ? dm_meta_title_right(g_title, title) : !g_title || !*g_title;
		int authors_ok = dm_meta_authors_right(d ? d->authors : NULL, d ? (size_t)d->n_authors : 0,
		                                       (const char *const *)authors, n_au);
		int outlet_ok = 0;
		for (size_t i = 0; i < n_o && !outlet_ok; i++)
			outlet_ok = dm_meta_outlet_right(g_outlet, outlets[i]);
		int date_ok = dm_meta_date_right(g_date, date);
		for (size_t i = 0; i < json_array_size(da) && !date_ok; i++)
			date_ok = dm_meta_date_right(g_date, json_string_value(json_array_get(da, i)));
		m->scored++;
		m->title_right += title_ok;
		m->authors_right += authors_ok;
		m->outlet_right += outlet_ok;
		if (g_date && *g_date) {
			m->dates_given++;
			if (date_ok)
				m->dates_right++;
			else
				m->dates_wrong++;
			if (!date)
				m->dates_invented++;
		} else if (date) {
			m->dates_missed++;
		}
		if (verbose) {
			dm_buf *b = &m->verbose;
			dm_buf_printf(b, "%s\n", hash);
			put_mark(b, "title", title_ok);
			dm_buf_puts(b, "gold ");
			put_quoted(b, title);
			dm_buf_puts(b, ", got ");
			put_quoted(b, g_title);
			dm_buf_putc(b, '\n');
			put_mark(b, "authors", authors_ok);
			dm_buf_puts(b, "gold ");
			put_list(b, (const char *const *)authors, n_au);
			dm_buf_puts(b, ", got ");
			put_list(b, d ? d->authors : NULL, d ? (size_t)d->n_authors : 0);
			dm_buf_putc(b, '\n');
			put_mark(b, "outlet", outlet_ok);
			dm_buf_puts(b, "gold ");
			put_quoted(b, outlets[0]);
			if (!json_is_array(o))
				dm_buf_puts(b, " (the address's host)");
			for (size_t i = 1; i < n_o; i++) {
				dm_buf_puts(b, i == 1 ? " or " : ", ");
				put_quoted(b, outlets[i]);
			}
			dm_buf_puts(b, ", got ");
			put_quoted(b, g_outlet);
			dm_buf_putc(b, '\n');
			put_mark(b, "date", date_ok || (!date && !(g_date && *g_date)));
			dm_buf_printf(b, "gold %s", date ? date : "none");
			for (size_t i = 0; i < json_array_size(da); i++)
				dm_buf_printf(b, "%s%s", i ? ", " : " or ", json_string_value(json_array_get(da, i)));
			dm_buf_printf(b, ", got %s", g_date && *g_date ? g_date : "none");
			if (g_date && *g_date && d && dm_date_source_name(d->date_source))
				dm_buf_printf(b, " (from the %s)", dm_date_source_name(d->date_source));
			dm_buf_putc(b, '\n');
		}
	}
	free(title);
	for (size_t i = 0; authors && i < n_au; i++)
		free(authors[i]);
	for (size_t i = 0; outlets && i < n_o; i++)
		free(outlets[i]);
	free(authors);
	free(outlets);
	return rc;
}

void dm_meta_report(const dm_meta *m, FILE *f)
{
	double n = m->scored ? (double)m->scored : 1;
	fprintf(f, "\n");
	fprintf(f, "Title right   %.3f (%ld of %ld)\n", (double)m->title_right / n, m->title_right, m->scored);
	fprintf(f, "Authors right %.3f (%ld of %ld)\n", (double)m->authors_right / n, m->authors_right, m->scored);
	fprintf(f, "Outlet right  %.3f (%ld of %ld)\n", (double)m->outlet_right / n, m->outlet_right, m->scored);
	fprintf(f,
	        "Dates given   %ld, right %ld, wrong %ld (invented: given where the gold has none %ld); missed %ld\n",
	        m->dates_given, m->dates_right, m->dates_wrong, m->dates_invented, m->dates_missed);
}
