/*
 * A page's metadata: its title, authors, date, site, language and
 * canonical URL, from <head>, JSON-LD and the visible markup (the
 * headline, the byline, the logo).  Most fields are the first that a
 * source gives; the title, the writers and the site are chosen among what
 * all of them give.  Every string is malloc'd and handed to the page.
 */
#include "html_int.h"

#include <ctype.h>
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "htmltree.h"
#include "lex/lexicon.h"
#include "util/utf8.h"

/* ---- metadata ---- */

/* The character that the reference at S[0, N) ("&amp;", "&#8217;",
 * "&#x2019;") stands for, its length in *LEN; -1 when S holds none. */
int32_t dm_html_char_ref(const char *s, size_t n, size_t *len)
{
	const char *semi = memchr(s, ';', n < 34 ? n : 34);
	if (n < 3 || s[0] != '&' || !semi)
		return -1;
	size_t k = (size_t)(semi - s);
	long v = -1;
	if (s[1] == '#') {
		int hex = s[2] == 'x' || s[2] == 'X';
		size_t i = hex ? 3 : 2;
		if (i == k)
			return -1;
		v = 0;
		for (; i < k && v <= 0x10FFFF; i++) {
			int c = (unsigned char)s[i], d = c >= '0' && c <= '9'          ? c - '0'
			                                 : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
			                                 : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
			                                                               : -1;
			if (d < 0)
				return -1;
			v = v * (hex ? 16 : 10) + d;
		}
	} else {
		char name[33];
		memcpy(name, s + 1, k - 1);
		name[k - 1] = 0;
		const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
		if (e)
			v = (long)e->value;
		else if (!strcmp(name, "apos"))
			v = '\'';
	}
	if (v <= 0 || v > 0x10FFFF || !utf8proc_codepoint_valid((utf8proc_int32_t)v))
		return -1;
	*len = k + 1;
	return (int32_t)v;
}

/* Character references left in a string the parser already decoded once
 * (metadata written as "&#8216;Title&#8217;" in an attribute, "&amp;#163;"
 * in JSON-LD): decoded in place; a reference the decoder does not know
 * stays as written.  Every reference is at least as long as what it
 * stands for. */
static void decode_refs(char *s)
{
	char *w = s;
	size_t n = strlen(s);
	for (const char *r = s; *r;) {
		size_t k = 0;
		int32_t cp = *r == '&' ? dm_html_char_ref(r, n - (size_t)(r - s), &k) : -1;
		if (cp < 0) {
			*w++ = *r++;
			continue;
		}
		w += utf8proc_encode_char(cp, (utf8proc_uint8_t *)w);
		r += k;
	}
	*w = 0;
}

/* RAW with its references decoded, as read (dm_as_read), trimmed and its
 * white space collapsed; NULL when nothing is left. */
char *dm_dup_trim(const char *raw)
{
	char *copy = raw ? strdup(raw) : NULL;
	if (!copy)
		return NULL;
	decode_refs(copy);
	char *d = dm_as_read(copy, strlen(copy));
	free(copy);
	if (!d)
		return NULL;
	size_t k = 0;
	for (const char *c = d; *c; c++) {
		if (!isspace((unsigned char)*c))
			d[k++] = *c;
		else if (k && d[k - 1] != ' ')
			d[k++] = ' ';
	}
	while (k && d[k - 1] == ' ')
		k--;
	d[k] = 0;
	if (!k) {
		free(d);
		return NULL;
	}
	return d;
}

static void set_once(char **slot, const char *v)
{
	if (!*slot && v)
		*slot = dm_dup_trim(v);
}

/* The words of S, lower case (ASCII folded; other bytes kept), each
 * ended by a space, onto OUT; returns how many. */
static size_t words_of(const char *s, dm_buf *out)
{
	size_t n = 0;
	for (size_t i = 0; s[i];) {
		while (s[i] && isascii((unsigned char)s[i]) && !isalnum((unsigned char)s[i]))
			i++;
		if (!s[i])
			break;
		while (s[i] && !(isascii((unsigned char)s[i]) && !isalnum((unsigned char)s[i])))
			dm_buf_putc(out, (char)tolower((unsigned char)s[i++]));
		dm_buf_putc(out, ' ');
		n++;
	}
	return n;
}

/* A credit as the name alone: "By TOM KRISHER, AP Auto Writer" is "Tom
 * Krisher"; what follows a comma, a bar, " for " or a full stop after a
 * word (not an initial) is the writer's desk or outlet. */
static void name_alone(char *a)
{
	if (!strncasecmp(a, "by ", 3))
		memmove(a, a + 3, strlen(a + 3) + 1);
	static const char *const cuts[] = {", ", " | ", " - ", " for ", " / "};
	for (size_t k = 0; k < sizeof cuts / sizeof *cuts; k++) {
		char *c = strstr(a, cuts[k]);
		if (c && c > a)
			*c = 0;
	}
	for (char *c = strstr(a, ". "); c; c = strstr(c + 1, ". "))
		if (c - a >= 2 && isalpha((unsigned char)c[-1]) && isalpha((unsigned char)c[-2])) {
			*c = 0;
			break;
		}
	for (char *c = a; *c; c++) /* "Malcolm Owen Monday, November 18": the date after the name */
		if ((c == a || c[-1] == ' ') && c > a) {
			size_t n = strcspn(c, " ,.");
			char low[16];
			for (size_t k = 0; k < n && k + 1 < sizeof low; k++)
				low[k] = (char)tolower((unsigned char)c[k]);
			low[n < sizeof low - 1 ? n : sizeof low - 1] = 0;
			if (n < sizeof low && (dm_lex_has(&dm_lex_days, low) || dm_lex_has(&dm_lex_months, low))) {
				c[-1] = 0;
				break;
			}
		}
	int lower = 0, letters = 0;
	for (char *c = a; *c; c++)
		lower |= islower((unsigned char)*c), letters += isalpha((unsigned char)*c);
	for (char *c = a; !lower && letters > 3 && *c; c++) /* "TOM KRISHER": Tom Krisher */
		if (c > a && isalpha((unsigned char)c[-1]))
			*c = (char)tolower((unsigned char)*c);
}

/* The share of A's words that B has too. */
static double overlap(const char *a, const char *b)
{
	dm_buf wa = {0}, wb = {0}, key = {0};
	dm_buf_putc(&wb, ' ');
	size_t n = words_of(a, &wa), shared = 0;
	words_of(b, &wb);
	for (const char *w = wa.data, *e; n && !wb.failed && w && (e = strchr(w, ' ')); w = e + 1) {
		dm_buf_reset(&key);
		dm_buf_putc(&key, ' ');
		dm_buf_add(&key, w, (size_t)(e - w) + 1);
		shared += key.data && strstr(wb.data, key.data) != NULL;
	}
	dm_buf_free(&wa);
	dm_buf_free(&wb);
	dm_buf_free(&key);
	return n ? (double)shared / (double)n : 0;
}

static void add_author(dm_page *p, const char *name)
{
	char *a = dm_dup_trim(name);
	if (!a)
		return;
	name_alone(a);
	if (!*a || !strncmp(a, "http", 4) || strlen(a) > 80) { /* a profile URL, or a sentence */
		free(a);
		return;
	}
	for (int i = 0; i < p->n_authors; i++) {
		if (overlap(a, p->authors[i]) == 1) { /* the same writer, in fewer words */
			free(a);
			return;
		}
		if (overlap(p->authors[i], a) == 1) { /* in more */
			free(p->authors[i]);
			p->authors[i] = a;
			return;
		}
	}
	char **v = realloc(p->authors, (size_t)(p->n_authors + 1) * sizeof *v);
	if (!v) {
		free(a);
		return;
	}
	p->authors = v;
	p->authors[p->n_authors++] = a;
}

#define MAX_H1 8

typedef struct meta {
	char *title, *og_title, *date, *site, *app, *logo, *url, *og_url, *lang, *og_locale;
	char *h1[MAX_H1]; /* the page's top headings, the headline among them */
	int n_h1;
	char *byline[MAX_H1]; /* texts of elements marked as the writer's (rel, itemprop, class) */
	int n_byline;
	dm_buf persons; /* the JSON-LD authors typed Person, each ended by a NUL */
	char *owner;    /* the copyright line of its metadata: the holder named in it */
} meta;

/* Is the JSON-LD @type TYPE (a name or a list of names) one of LIST[N]? */
static int ld_type_among(json_t *type, const char *const *list, size_t n)
{
	if (json_is_string(type))
		return dm_among(json_string_value(type), list, n);
	size_t i;
	json_t *v;
	json_array_foreach(type, i, v) if (json_is_string(v) && dm_among(json_string_value(v), list, n)) return 1;
	return 0;
}

static int is_article_type(json_t *type)
{
	static const char *const types[] = {
	    "AnalysisNewsArticle",  "Article",           "BlogPosting",      "NewsArticle", "OpinionNewsArticle",
	    "ReportageNewsArticle", "ReviewNewsArticle", "ScholarlyArticle", "TechArticle", "WebPage"};
	return ld_type_among(type, types, sizeof types / sizeof *types);
}

/* The object of the JSON-LD value V (a list or @graph, at any depth) that
 * describes the node ID: a graph names an article's author by reference,
 * {"@id": ...}, and describes the person elsewhere. */
static json_t *ld_node(json_t *v, const char *id, int depth)
{
	if (depth > 8)
		return NULL;
	if (json_is_array(v)) {
		size_t i;
		json_t *x, *found;
		json_array_foreach(v, i, x) if ((found = ld_node(x, id, depth + 1)) != NULL) return found;
		return NULL;
	}
	if (!json_is_object(v))
		return NULL;
	const char *own = json_string_value(json_object_get(v, "@id"));
	if (own && !strcmp(own, id) && json_object_size(v) > 1)
		return v;
	return ld_node(json_object_get(v, "@graph"), id, depth + 1);
}

static void add_writers(dm_page *p, const char *value);

/* The writers of author value A, of the JSON-LD ROOT; those it types as
 * persons onto M's persons too. */
static void ld_authors(dm_page *p, meta *m, json_t *root, json_t *a, int depth)
{
	if (depth > 8)
		return;
	if (json_is_string(a))
		add_writers(p, json_string_value(a));
	else if (json_is_object(a)) {
		const char *id = json_string_value(json_object_get(a, "@id"));
		json_t *described = id && !json_object_get(a, "name") ? ld_node(root, id, 0) : NULL;
		if (described)
			a = described;
		const char *name = json_string_value(json_object_get(a, "name"));
		static const char *const person[] = {"Person"};
		if (name && ld_type_among(json_object_get(a, "@type"), person, 1))
			dm_buf_add(&m->persons, name, strlen(name) + 1);
		add_writers(p, name);
	} else if (json_is_array(a)) {
		size_t i;
		json_t *v;
		json_array_foreach(a, i, v) ld_authors(p, m, root, v, depth + 1);
	}
}

/* Metadata from V, a value of the JSON-LD ROOT: an article (or the
 * WebPage that holds it), or a list or @graph of values holding one; the
 * first to give a field gives it. */
static void ld_read(dm_page *p, meta *m, json_t *root, json_t *v, int depth)
{
	if (depth > 8)
		return;
	if (json_is_array(v)) {
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x) ld_read(p, m, root, x, depth + 1);
		return;
	}
	if (!json_is_object(v))
		return;
	json_t *graph = json_object_get(v, "@graph");
	if (graph)
		ld_read(p, m, root, graph, depth + 1);
	if (!is_article_type(json_object_get(v, "@type")))
		return;
	set_once(&p->date, json_string_value(json_object_get(v, "datePublished")));
	set_once(&p->title, json_string_value(json_object_get(v, "headline")));
	/* beside the meta tag's, which may name one of several */
	ld_authors(p, m, root, json_object_get(v, "author"), 0);
	json_t *pub = json_object_get(v, "publisher");
	if (json_is_object(pub))
		set_once(&p->site, json_string_value(json_object_get(pub, "name")));
}

/* The texts below element X, in document order, onto OUT: what libxml2's
 * xmlNodeGetContent gave. */
static void gather(const dm_htree *t, uint32_t x, dm_buf *out)
{
	for (uint32_t c = t->nodes[x].first; c; c = t->nodes[c].next)
		if (t->nodes[c].tag)
			gather(t, c, out);
		else
			dm_buf_add(out, t->text.data + t->nodes[c].off, t->nodes[c].len);
}

/* The same as one string (malloc'd; NULL when memory runs out). */
static char *content(const dm_htree *t, uint32_t x)
{
	dm_buf b = {0};
	gather(t, x, &b);
	return dm_buf_finish(&b);
}

char *dm_node_text(const dm_htree *t, uint32_t x)
{
	char *c = content(t, x);
	char *s = dm_dup_trim(c);
	free(c);
	return s;
}
/* Is element X marked as the writer's name or byline: rel="author",
 * itemprop="author", a class or id naming a byline or an author (not the
 * author's biography or picture), a link to the writer's page
 * (".../author/lena-vos/")? */
static int marks_writer(const dm_htree *t, uint32_t x)
{
	const char *rel = dm_htree_attr(t, x, DM_ATTR_REL), *ip = dm_htree_attr(t, x, DM_ATTR_ITEMPROP);
	if ((rel && !strcasecmp(rel, "author")) || (ip && !strcasecmp(ip, "author")))
		return 1;
	const char *href = dm_tag_is(t, x, "a") ? dm_htree_attr(t, x, DM_ATTR_HREF) : NULL;
	if (href && (strstr(href, "/author/") || strstr(href, "/authors/")))
		return 1;
	const char *v[2] = {dm_htree_attr(t, x, DM_ATTR_CLASS), dm_htree_attr(t, x, DM_ATTR_ID)};
	for (int k = 0; k < 2; k++)
		if (v[k] && (dm_contains_ci(v[k], "byline") || dm_contains_ci(v[k], "author")) &&
		    !dm_contains_ci(v[k], "bio") && !dm_contains_ci(v[k], "avatar") && !dm_contains_ci(v[k], "image") &&
		    !dm_contains_ci(v[k], "photo"))
			return 1;
	return 0;
}

/* Is the byline X, of text TEXT, part of a link to another story: a
 * teaser whose link holds a headline beside the writer's name? */
static int in_teaser(const dm_htree *t, uint32_t x, const char *text)
{
	for (int up = 0; x && up < 8; up++, x = t->nodes[x].parent)
		if (dm_tag_is(t, x, "a")) {
			char *all = dm_node_text(t, x);
			int more = all && strlen(all) > strlen(text);
			free(all);
			return more;
		}
	return 0;
}

/* NO_BYLINE: X is inside readers' comments or a form, whose writers and
 * "Name" fields are no byline of the article. */
static void read_meta(const dm_htree *t, uint32_t x, dm_page *p, meta *m, int depth, int no_byline)
{
	for (; x && depth < 512; x = t->nodes[x].next) {
		if (!t->nodes[x].tag)
			continue;
		const char *name = dm_htree_tag(t, x);
		int below = no_byline || !strcmp(name, "form") || dm_class_names(t, x, "comment") ||
		            dm_class_names(t, x, "related");
		if (!below && m->n_byline < MAX_H1 && marks_writer(t, x) && !dm_hidden(t, x)) {
			char *s = dm_node_text(t, x);
			if (s && strlen(s) <= 120 && !in_teaser(t, x, s))
				m->byline[m->n_byline++] = s;
			else
				free(s);
		}
		if (!strcmp(name, "meta")) {
			const char *k = dm_htree_attr(t, x, DM_ATTR_PROPERTY);
			if (!k)
				k = dm_htree_attr(t, x, DM_ATTR_NAME);
			if (!k)
				k = dm_htree_attr(t, x, DM_ATTR_ITEMPROP);
			const char *v = dm_htree_attr(t, x, DM_ATTR_CONTENT);
			if (k && v) {
				if (!strcasecmp(k, "og:title") || !strcasecmp(k, "twitter:title"))
					set_once(&m->og_title, v);
				else if (!strcasecmp(k, "og:site_name"))
					set_once(&m->site, v);
				else if (!strcasecmp(k, "apple-mobile-web-app-title") ||
				         !strcasecmp(k, "application-name"))
					set_once(&m->app, v);
				else if (!strcasecmp(k, "og:url"))
					set_once(&m->og_url, v);
				else if (!strcasecmp(k, "og:locale"))
					set_once(&m->og_locale, v);
				else if (!strcasecmp(k, "article:published_time") || !strcasecmp(k, "datePublished") ||
				         !strcasecmp(k, "pubdate") || !strcasecmp(k, "publishdate") ||
				         !strcasecmp(k, "publish-date") || !strcasecmp(k, "date") ||
				         !strcasecmp(k, "dc.date") || !strcasecmp(k, "dc.date.issued") ||
				         !strcasecmp(k, "dcterms.date") || !strcasecmp(k, "dcterms.created") ||
				         !strcasecmp(k, "sailthru.date") || !strcasecmp(k, "parsely-pub-date") ||
				         !strcasecmp(k, "citation_publication_date") ||
				         !strcasecmp(k, "og:published_time") || !strcasecmp(k, "article.published"))
					set_once(&m->date, v);
				else if (!strcasecmp(k, "author") || !strcasecmp(k, "article:author") ||
				         !strcasecmp(k, "parsely-author") || !strcasecmp(k, "sailthru.author") ||
				         !strcasecmp(k, "dc.creator") || !strcasecmp(k, "byl"))
					add_writers(p, v);
				else if (!strcasecmp(k, "content-language"))
					set_once(&m->lang, v);
				else if (!strcasecmp(k, "copyright") || !strcasecmp(k, "dc.rights"))
					set_once(&m->owner, v);
			}
			const char *he = dm_htree_attr(t, x, DM_ATTR_HTTP_EQUIV);
			if (he && v && !strcasecmp(he, "content-language"))
				set_once(&m->lang, v);
		} else if (!strcmp(name, "img") && !m->logo) {
			/* the site's logo: an image of class "logo", or in a link of that class */
			const char *alt = dm_htree_attr(t, x, DM_ATTR_ALT), *c = dm_htree_attr(t, x, DM_ATTR_CLASS);
			uint32_t up = t->nodes[x].parent;
			const char *uc = up ? dm_htree_attr(t, up, DM_ATTR_CLASS) : NULL;
			if (alt && ((c && dm_contains_ci(c, "logo")) || (uc && dm_contains_ci(uc, "logo"))))
				m->logo = dm_dup_trim(alt);
		} else if (!strcmp(name, "h1")) {
			if (m->n_h1 < MAX_H1 && !dm_hidden(t, x) && (m->h1[m->n_h1] = dm_node_text(t, x)) != NULL)
				m->n_h1++;
		} else if (!strcmp(name, "title")) {
			if (!m->title)
				if ((m->title = dm_node_text(t, x)) != NULL)
					decode_refs(m->title);
		} else if (!strcmp(name, "link")) {
			const char *rel = dm_htree_attr(t, x, DM_ATTR_REL);
			if (rel && !strcasecmp(rel, "canonical"))
				set_once(&m->url, dm_htree_attr(t, x, DM_ATTR_HREF));
		} else if (!strcmp(name, "script")) {
			const char *ty = dm_htree_attr(t, x, DM_ATTR_TYPE);
			if (ty && !strcasecmp(ty, "application/ld+json")) {
				char *c = content(t, x);
				json_t *j = c ? json_loads(c, JSON_DECODE_ANY, NULL) : NULL;
				if (j)
					ld_read(p, m, j, j, 0);
				json_decref(j);
				free(c);
			}
		} else {
			/* <time itemprop="datePublished" datetime=...> */
			const char *ip = dm_htree_attr(t, x, DM_ATTR_ITEMPROP);
			if (ip && !strcmp(ip, "datePublished")) {
				const char *dt = dm_htree_attr(t, x, DM_ATTR_DATETIME);
				set_once(&m->date, dt ? dt : dm_htree_attr(t, x, DM_ATTR_CONTENT));
			}
		}
		read_meta(t, t->nodes[x].first, p, m, depth + 1, below);
	}
}

static void take(char **slot, char **v)
{
	if (!*slot && *v) {
		*slot = *v;
		*v = NULL;
	}
}

/* Is PART (N bytes) the site's name, or its domain's ("TheHill",
 * "thehill.com" for "The Hill")?  Letters and digits compared, case
 * aside. */
static int names_site(const char *part, size_t n, const char *site, const char *url)
{
	char a[128], b[128];
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < sizeof a; i++)
		if (isalnum((unsigned char)part[i]) || (unsigned char)part[i] >= 0x80)
			a[k++] = (char)tolower((unsigned char)part[i]);
	a[k] = 0;
	if (!k)
		return 0;
	const char *host = url && strstr(url, "://") ? strstr(url, "://") + 3 : NULL;
	if (host && !strncmp(host, "www.", 4))
		host += 4;
	const char *names[2] = {site, host};
	for (int s = 0; s < 2; s++) {
		size_t j = 0;
		for (const char *c = names[s]; c && *c && *c != '/' && j + 1 < sizeof b; c++)
			if (isalnum((unsigned char)*c) || (unsigned char)*c >= 0x80)
				b[j++] = (char)tolower((unsigned char)*c);
		b[j] = 0;
		if (j && (!strcmp(a, b) || (s == 1 && !strncmp(b, a, k) && strlen(b) - k <= 4))) /* "thehillcom" */
			return 1;
	}
	return 0;
}

static size_t word_count(const char *s, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		w += !isspace((unsigned char)s[i]) && (i == 0 || isspace((unsigned char)s[i - 1]));
	return w;
}

/* What stands between a headline and the site's name or a section in a
 * title: " | ", " :: ", " » ", " · ", dashes and a hyphen between spaces. */
static const char *const title_seps[] = {" | ", " :: ", " \xC2\xBB ", " \xC2\xB7 ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                         " - "};

/* The first and last places in S where a separator of SEPS[N] stands,
 * with their lengths; 0 when there is none. */
static int find_seps(const char *s, const char *const *seps, size_t n, const char **first, size_t *first_len,
                     const char **last, size_t *last_len)
{
	*first = *last = NULL;
	for (size_t k = 0; k < n; k++)
		for (const char *x = strstr(s, seps[k]); x; x = strstr(x + 1, seps[k])) {
			if (!*first || x < *first)
				*first = x, *first_len = strlen(seps[k]);
			if (!*last || x > *last)
				*last = x, *last_len = strlen(seps[k]);
		}
	return *first != NULL;
}

/* A title without the site's name or a section around it: "Headline |
 * Site", "Site - Headline", "Opinion | Headline".  A part cut off by " | ",
 * " :: ", " » ", " · ", a dash or a hyphen between spaces goes when it
 * names the site; a part of three words or fewer goes from the end, and
 * of two or fewer from the start, of a headline of four words or more,
 * where the separator is not a hyphen (headlines use those). */
static void strip_site(char *title, const char *site, const char *url)
{
	static const char *const strong[] = {" | ",        " :: ",           " \xC2\xBB ",
	                                     " \xC2\xB7 ", " \xE2\x80\x93 ", " \xE2\x80\x94 "};
	for (int round = 0; round < 2; round++) {
		const char *first, *last;
		size_t first_len = 0, last_len = 0;
		if (!find_seps(title, title_seps, sizeof title_seps / sizeof *title_seps, &first, &first_len, &last,
		               &last_len))
			return;
		size_t n = strlen(title), head = (size_t)(first - title);
		const char *tail = last + last_len;
		if (names_site(tail, strlen(tail), site, url)) {
			title[last - title] = 0; /* "Headline | Site" */
			continue;
		}
		if (names_site(title, head, site, url)) {
			memmove(title, first + first_len, n - head - first_len + 1); /* "Site - Headline" */
			continue;
		}
		if (!find_seps(title, strong, sizeof strong / sizeof *strong, &first, &first_len, &last, &last_len))
			return;
		head = (size_t)(first - title);
		tail = last + last_len;
		if (word_count(tail, strlen(tail)) <= 3 && word_count(title, (size_t)(last - title)) >= 4)
			title[last - title] = 0;
		else if (word_count(title, head) <= 2 && word_count(first + first_len, n - head - first_len) >= 4)
			memmove(title, first + first_len, n - head - first_len + 1); /* "Opinion | Headline" */
		else
			return;
	}
}

/* A site's name without the tagline after it: "Harbour Gazette | News
 * of the islands", "Harbour Gazette - Memories". */
static void cut_tagline(char *name)
{
	static const char *const taglines[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", ": "};
	const char *first, *last;
	size_t first_len, last_len;
	if (find_seps(name, taglines, sizeof taglines / sizeof *taglines, &first, &first_len, &last, &last_len))
		name[first - name] = 0;
}

/* The part of the page's <title> around the headline, when the rest of
 * it is the headline: "Headline - Site", "Site | Headline" name the site
 * (malloc'd, or NULL). */
static char *site_in_title(const char *title, const char *headline)
{
	const char *first, *last;
	size_t first_len = 0, last_len = 0;
	if (!title || !headline ||
	    !find_seps(title, title_seps, sizeof title_seps / sizeof *title_seps, &first, &first_len, &last, &last_len))
		return NULL;
	const char *tail = last + last_len;
	char *rest = strndup(title, (size_t)(last - title));
	char *site = NULL;
	if (rest && word_count(tail, strlen(tail)) <= 4 && overlap(rest, headline) >= 0.8 &&
	    overlap(headline, rest) >= 0.8)
		site = strdup(tail);
	else if (rest && word_count(title, (size_t)(first - title)) <= 4 &&
	         overlap(first + first_len, headline) >= 0.8 && overlap(headline, first + first_len) >= 0.8)
		site = strndup(title, (size_t)(first - title));
	free(rest);
	return site;
}

/* The headline: a top heading of the page that one of the metadata's
 * titles (JSON-LD, og:title, <title>) mostly agrees with, as the reader
 * sees it, never the site's name nor a section's heading that a title
 * merely contains; else the first of those titles without the site's
 * name around it. */
static void choose_title(dm_page *p, meta *m)
{
	const char *cands[3] = {p->title, m->og_title, m->title};
	int best = -1;
	double best_share = 0;
	for (int i = 0; i < m->n_h1; i++) {
		const char *h = m->h1[i];
		if (word_count(h, strlen(h)) < 2 || names_site(h, strlen(h), p->site, p->url))
			continue;
		for (int c = 0; c < 3; c++) {
			double share = cands[c] ? overlap(h, cands[c]) : 0;
			if (share >= 0.6 && share > best_share && overlap(cands[c], h) >= 0.5)
				best_share = share, best = i;
		}
	}
	if (best >= 0) {
		free(p->title);
		p->title = m->h1[best];
		m->h1[best] = NULL;
		return;
	}
	take(&p->title, &m->og_title);
	take(&p->title, &m->title);
	if (p->title)
		strip_site(p->title, p->site, p->url);
}

/* Does S look like a name as a byline prints it: two to four words, each
 * opening with a capital (or a letter outside ASCII), of letters and the
 * marks names take? */
static int name_shaped(const char *s)
{
	size_t words = word_count(s, strlen(s));
	if (words < 2 || words > 4)
		return 0;
	for (const char *c = s; *c; c++) {
		unsigned char u = (unsigned char)*c;
		if ((c == s || c[-1] == ' ') && u < 0x80 && !isupper(u))
			return 0;
		if (u < 0x80 && !isalpha(u) && !strchr(" .-'", u))
			return 0;
	}
	return 1;
}

/* The writers a visible byline names: "By Lena Vos and Oskar Lind",
 * "Written by Mira Holt | 2 May 2024", "Text: Mira Holt". */
static void add_byline(dm_page *p, const char *line)
{
	const char *s = line;
	for (const char *c = line; *c && c - line < 40; c++) /* "Posted by", "Text by" */
		if ((c == line || c[-1] == ' ') && !strncasecmp(c, "by ", 3)) {
			s = c + 3;
			break;
		}
	const char *colon = strstr(s, ": ");
	if (colon && word_count(s, (size_t)(colon - s)) == 1) /* a label: "Text: Name" */
		s = colon + 2;
	char *names = strdup(s);
	if (!names)
		return;
	static const char *const joins[] = {" and ", " & ", ", ", " und ", " et ", " y "};
	for (char *at = names, *next; at && *at; at = next) {
		next = NULL;
		char *cut = NULL;
		size_t len = 0;
		for (size_t k = 0; k < sizeof joins / sizeof *joins; k++) {
			char *j = strstr(at, joins[k]);
			if (j && (!cut || j < cut))
				cut = j, len = strlen(joins[k]);
		}
		if (cut) {
			*cut = 0;
			next = cut + len;
		}
		char *a = dm_dup_trim(at);
		if (a) {
			name_alone(a);
			if (name_shaped(a))
				add_author(p, a);
			free(a);
		}
	}
	free(names);
}

/* A credit from the page's metadata: "Lena Vos, Oskar Lind and Mira Holt"
 * names three writers when each part is shaped as a name; else it is one
 * (with what a byline adds after it, which add_author cuts). */
static void add_writers(dm_page *p, const char *value)
{
	char *v = value ? dm_dup_trim(value) : NULL;
	if (!v)
		return;
	char *s = strncasecmp(v, "by ", 3) ? v : v + 3;
	char *parts[8];
	int n = 0, shaped = 1;
	for (char *at = s; at && n < 8;) {
		char *cut = NULL;
		size_t len = 0;
		static const char *const joins[] = {", and ", " and ", ", ", " & "};
		for (size_t k = 0; k < sizeof joins / sizeof *joins; k++) {
			char *j = strstr(at, joins[k]);
			if (j && (!cut || j < cut))
				cut = j, len = strlen(joins[k]);
		}
		if (cut)
			*cut = 0;
		parts[n++] = at;
		shaped &= name_shaped(at);
		at = cut ? cut + len : NULL;
	}
	if (n >= 2 && shaped)
		for (int i = 0; i < n; i++)
			add_author(p, parts[i]);
	else
		add_author(p, value);
	free(v);
}

/* Do A and B name the same writer, one of them in fewer words? */
static int same_writer(const char *a, const char *b)
{
	return overlap(a, b) == 1 || overlap(b, a) == 1;
}

/* Is A among the names M's JSON-LD types as persons? */
static int typed_person(const char *a, const meta *m)
{
	for (size_t i = 0; i < m->persons.len; i += strlen(m->persons.data + i) + 1)
		if (same_writer(a, m->persons.data + i))
			return 1;
	return 0;
}

/* Does the credit A name a person: two words or more (a lone "admin",
 * "Reuters", "SiteName" is an account or an agency) unless the page's
 * JSON-LD says a person goes by the one ("Regan"), none of them a desk's
 * or a service's (not_writers), not a title ("The Morning Brief"), and
 * not the site's nor its publisher's name? */
static int a_person(const char *a, const dm_page *p, const char *publisher, const meta *m)
{
	if ((word_count(a, strlen(a)) < 2 && !typed_person(a, m)) || !strncmp(a, "The ", 4) ||
	    names_site(a, strlen(a), p->site, p->url) || names_site(a, strlen(a), publisher, NULL))
		return 0;
	dm_buf w = {0};
	size_t n = words_of(a, &w);
	int person = !w.failed;
	for (const char *x = w.data, *e; person && n && x && (e = strchr(x, ' ')); x = e + 1)
		person = !dm_lex_hasn(&dm_lex_not_writers, x, (size_t)(e - x));
	dm_buf_free(&w);
	return person;
}

/* P's writers less those that are no person of PAGE (a_person), and
 * less the page's owner where persons are credited beside it (a company
 * named in the author field as well as the copyright line). */
static void keep_persons(dm_page *p, const dm_page *page, const char *publisher, const meta *m)
{
	int kept = 0;
	for (int i = 0; i < p->n_authors; i++)
		if (a_person(p->authors[i], page, publisher, m))
			p->authors[kept++] = p->authors[i];
		else
			free(p->authors[i]);
	p->n_authors = kept;
	kept = 0;
	for (int i = 0; i < p->n_authors; i++)
		if (p->n_authors == 1 || !m->owner || overlap(p->authors[i], m->owner) < 1)
			p->authors[kept++] = p->authors[i];
		else
			free(p->authors[i]);
	p->n_authors = kept;
}

/* Does Q name every writer of P, and more? */
static int names_more(const dm_page *q, const dm_page *p)
{
	if (q->n_authors <= p->n_authors)
		return 0;
	for (int i = 0; i < p->n_authors; i++) {
		int found = 0;
		for (int k = 0; k < q->n_authors && !found; k++)
			found = same_writer(p->authors[i], q->authors[k]);
		if (!found)
			return 0;
	}
	return 1;
}

void dm_html_metadata(const dm_htree *t, uint32_t root, dm_page *p)
{
	meta m = {0};
	read_meta(t, root, p, &m, 0, 0);
	char *publisher = p->site; /* JSON-LD's: a parent company, an agency, as often as the site */
	p->site = NULL;
	if (root && dm_htree_attr(t, root, DM_ATTR_LANG))
		set_once(&p->language, dm_htree_attr(t, root, DM_ATTR_LANG));
	take(&p->language, &m.lang);
	take(&p->language, &m.og_locale);
	take(&p->date, &m.date);
	take(&p->url, &m.url);
	take(&p->url, &m.og_url);
	/* the site's name: as it names itself (og:site_name, without a tagline
	 * after it), as its <title> names it, its publisher, its application,
	 * its logo */
	if (m.site && strstr(m.site, "://")) { /* an address is no name */
		free(m.site);
		m.site = NULL;
	}
	if (m.site)
		cut_tagline(m.site);
	take(&p->site, &m.site);
	choose_title(p, &m);
	char *named = p->site ? NULL : site_in_title(m.title, p->title);
	take(&p->site, &named);
	keep_persons(p, p, publisher, &m);
	/* the page's visible byline where the metadata names no writer (or
	 * none that is a person), or fewer than the byline does ("By Lena
	 * Vos, Oskar Lind" where the JSON-LD gives the first): the shortest
	 * marked text that gives the most, the names rather than the line
	 * around them */
	for (int i = 1; i < m.n_byline; i++)
		for (int k = i; k > 0 && strlen(m.byline[k]) < strlen(m.byline[k - 1]); k--) {
			char *s = m.byline[k];
			m.byline[k] = m.byline[k - 1];
			m.byline[k - 1] = s;
		}
	for (int i = 0; i < m.n_byline; i++) {
		dm_page q = {0};
		add_byline(&q, m.byline[i]);
		keep_persons(&q, p, publisher, &m);
		if (names_more(&q, p)) {
			char **swap = p->authors;
			p->authors = q.authors, q.authors = swap;
			int n = p->n_authors;
			p->n_authors = q.n_authors, q.n_authors = n;
		}
		dm_page_free(&q);
		free(m.byline[i]);
	}
	take(&p->site, &publisher);
	take(&p->site, &m.app);
	if (!p->site && m.logo) { /* "Harbour Gazette Logo", "Harbour Gazette - News" */
		size_t n = strlen(m.logo);
		if (n > 5 && !strcasecmp(m.logo + n - 5, " logo"))
			m.logo[n - 5] = 0;
		cut_tagline(m.logo);
		if (word_count(m.logo, strlen(m.logo)) <= 4)
			take(&p->site, &m.logo);
	}
	free(named);
	free(publisher);
	for (int i = 0; i < m.n_h1; i++)
		free(m.h1[i]);
	free(m.title);
	free(m.og_title);
	free(m.date);
	free(m.site);
	free(m.app);
	free(m.logo);
	free(m.url);
	free(m.og_url);
	free(m.lang);
	free(m.og_locale);
	free(m.owner);
	dm_buf_free(&m.persons);
	/* "en-US", "en_GB": the language is the part before */
	if (p->language) {
		size_t k = strcspn(p->language, "-_");
		p->language[k] = 0;
		for (char *c = p->language; *c; c++)
			*c = (char)tolower((unsigned char)*c);
	}
}
