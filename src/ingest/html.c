/*
 * Article extraction from HTML.  The page is parsed once; metadata is read
 * from <head>, JSON-LD and the visible markup (html_meta.c), the body in
 * three passes over the tree (html_body.c), and readers' comments last
 * (html_comments.c).  Here: telling a page from other input, its encoding,
 * the helpers those files share (html_int.h), and the whole.
 *
 * The page is read into a compact tree (htmltree.h), not libxml2's, so
 * that the memory for it is bounded by a few times the page's size.
 */
#include "html.h"

#include <ctype.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html_int.h"
#include "htmltree.h"
#include "util/utf8.h"

/* ---- input ---- */

static int has_markup(const char *s, size_t n, const char *tag)
{
	size_t k = strlen(tag);
	for (size_t i = 0; i + k < n; i++)
		if (s[i] == '<' && !strncasecmp(s + i + 1, tag, k))
			return 1;
	return 0;
}

/* Past what may come before a page's markup: a byte-order mark, white
 * space, comments, an XML declaration, scripts and styles (a page saved
 * with a tracker before its doctype).  Returns where the markup starts. */
static size_t past_preamble(const char *s, size_t n)
{
	static const struct {
		const char *open, *close;
	} skips[] = {{"<!--", "-->"}, {"<?", "?>"}, {"<script", "</script>"}, {"<style", "</style>"}};
	size_t i = n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3) ? 3 : 0;
	for (;;) {
		while (i < n && isspace((unsigned char)s[i]))
			i++;
		size_t k = 0;
		while (k < sizeof skips / sizeof *skips &&
		       (n - i < strlen(skips[k].open) || strncasecmp(s + i, skips[k].open, strlen(skips[k].open))))
			k++;
		if (k == sizeof skips / sizeof *skips)
			return i;
		const char *end = NULL;
		for (size_t j = i; j + strlen(skips[k].close) <= n && !end; j++) /* linear: never revisited */
			if (!strncasecmp(s + j, skips[k].close, strlen(skips[k].close)))
				end = s + j;
		if (!end)
			return i;
		i = (size_t)(end - s) + strlen(skips[k].close);
	}
}

int dm_is_html(const char *s, size_t n)
{
	size_t i = past_preamble(s, n);
	size_t head = n - i < 1024 ? n - i : 1024;
	if (head >= 9 && !strncasecmp(s + i, "<!doctype", 9))
		return has_markup(s + i, head, "html") || (head >= 14 && !strncasecmp(s + i, "<!doctype html", 14));
	return head && s[i] == '<' &&
	       (has_markup(s + i, head, "html") || has_markup(s + i, head, "head") || has_markup(s + i, head, "body"));
}

int dm_find_charset(const char *s, size_t n, char *out, size_t cap)
{
	for (size_t i = 0; i + 8 < n; i++) {
		if (strncasecmp(s + i, "charset", 7))
			continue;
		size_t j = i + 7;
		while (j < n && (s[j] == ' ' || s[j] == '='))
			j++;
		while (j < n && (s[j] == '"' || s[j] == '\''))
			j++;
		size_t k = 0;
		while (j < n && k + 1 < cap && (isalnum((unsigned char)s[j]) || s[j] == '-' || s[j] == '_'))
			out[k++] = s[j++];
		out[k] = 0;
		if (k)
			return 1;
	}
	return 0;
}

static int valid_utf8(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t at = i;
		if (dm_utf8_next(s, n, &i) == 0xFFFD && !(i - at == 3 && !memcmp(s + at, "\xEF\xBF\xBD", 3)))
			return 0; /* a bad sequence, not a U+FFFD written in the page */
	}
	return 1;
}

/* ---- small helpers ---- */

int dm_tag_is(const dm_htree *t, uint32_t x, const char *name)
{
	return !strcmp(dm_htree_tag(t, x), name);
}

int dm_among(const char *w, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(w, list[i]))
			return 1;
	return 0;
}

/* Subtrees that are never article text. */
int dm_dropped_tag(const char *t)
{
	static const char *const tags[] = {
	    "aside",   "audio",  "button", "canvas", "dialog", "embed",    "figcaption", "figure",   "footer",
	    "head",    "header", "iframe", "input",  "map",    "math",     "nav",        "noscript", "object",
	    "picture", "script", "select", "style",  "svg",    "template", "textarea",   "video"};
	return AMONG(t, tags);
}

int dm_block_tag(const char *t)
{
	static const char *const tags[] = {"address", "article", "blockquote", "body",   "br",   "center", "dd", "div",
	                                   "dl",      "dt",      "figcaption", "figure", "h1",   "h2",     "h3", "h4",
	                                   "h5",      "h6",      "hr",         "li",     "main", "ol",     "p",  "pre",
	                                   "section", "table",   "td",         "th",     "tr",   "ul"};
	return AMONG(t, tags);
}

int dm_contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return 1;
	return 0;
}

/* Does element X's class or id hold WORD (case aside)? */
int dm_class_names(const dm_htree *t, uint32_t x, const char *word)
{
	const char *c = dm_htree_attr(t, x, DM_ATTR_CLASS), *i = dm_htree_attr(t, x, DM_ATTR_ID);
	return (c && dm_contains_ci(c, word)) || (i && dm_contains_ci(i, word));
}

int dm_hidden(const dm_htree *t, uint32_t x)
{
	const char *a = dm_htree_attr(t, x, DM_ATTR_ARIA_HIDDEN), *s = dm_htree_attr(t, x, DM_ATTR_STYLE);
	return dm_htree_attr(t, x, DM_ATTR_HIDDEN) || (a && !strcmp(a, "true")) ||
	       (s && (dm_contains_ci(s, "display:none") || dm_contains_ci(s, "display: none")));
}

/* ---- the whole ---- */

static void on_error(void *ctx, xmlErrorPtr e)
{
	dm_xml_error *pe = ctx;
	if (e && e->level == XML_ERR_FATAL && !pe->msg[0] && e->message) {
		pe->line = e->line;
		if (e->domain == XML_FROM_I18N || e->domain == XML_FROM_IO) /* its encoder's, in its own terms */
			snprintf(pe->msg, sizeof pe->msg, "bytes not valid in the declared encoding");
		else
			snprintf(pe->msg, sizeof pe->msg, "%s", e->message);
		pe->msg[strcspn(pe->msg, ":\n")] = 0; /* libxml2 adds advice on its own options */
	}
}

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

void dm_xml_init(void)
{
	pthread_once(&xml_once, xmlInitParser);
}

void dm_xml_catch(dm_xml_error *e)
{
	dm_xml_init();
	memset(e, 0, sizeof *e);
	xmlSetStructuredErrorFunc(e, on_error);
}

void dm_xml_release(void)
{
	xmlSetStructuredErrorFunc(NULL, NULL);
}

int dm_html_extract(const char *html, size_t n, const char *charset, dm_page *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	char declared[32];
	const char *enc = charset;
	if (!enc && !dm_find_charset(html, n < 2048 ? n : 2048, declared, sizeof declared))
		enc = valid_utf8(html, n) ? "UTF-8" : "windows-1252";
	dm_xml_error pe;
	dm_xml_catch(&pe);
	dm_htree t;
	int parsed = dm_htree_parse(html, n, enc, &t, err, errlen);
	dm_xml_release();
	if (parsed)
		return -1;
	uint32_t root = t.nodes[0].first; /* the first top-level element */
	dm_html_metadata(&t, root, out);
	uint32_t body = root;
	for (uint32_t x = root ? t.nodes[root].first : 0; x; x = t.nodes[x].next)
		if (dm_tag_is(&t, x, "body"))
			body = x;
	int failed = dm_html_body(&t, body, out);
	if (body)
		dm_html_comments(&t, body, out);
	failed = failed || out->text.failed;
	dm_htree_free(&t);
	if (failed) {
		dm_page_free(out);
		snprintf(err, errlen, "out of memory while extracting the page");
		return -1;
	}
	if (!out->text.len && pe.msg[0]) {
		dm_page_free(out);
		snprintf(err, errlen, "HTML parsing stopped at line %d (%s), before any article text", pe.line, pe.msg);
		return -1;
	}
	if (!out->text.data)
		dm_buf_add(&out->text, "", 0);
	return 0;
}

void dm_page_free(dm_page *p)
{
	dm_buf_free(&p->text);
	free(p->credits);
	free(p->title);
	free(p->date);
	free(p->site);
	free(p->language);
	free(p->url);
	for (int i = 0; i < p->n_authors; i++)
		free(p->authors[i]);
	free(p->authors);
	for (size_t i = 0; i < p->n_comments; i++) {
		free((char *)p->comments[i].text);
		free((char *)p->comments[i].author);
		free((char *)p->comments[i].date);
	}
	free(p->comments);
	memset(p, 0, sizeof *p);
}
