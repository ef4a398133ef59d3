/*
 * Article extraction from HTML.  The page is parsed once; metadata is read
 * from <head>, JSON-LD and the visible markup, and the body in three
 * passes over the tree:
 *
 *  1. text blocks: every run of inline text under a block element (a
 *     paragraph, a heading, a list item, a div holding text), with its
 *     length, how much of it is link text, the element that owns it, and
 *     the innermost element above it whose class or id names page
 *     furniture (comments, share bars, related links); subtrees that are
 *     never article text (scripts, navigation, asides, figures) are
 *     skipped;
 *  2. scoring: each block of prose gives points to the elements above it,
 *     the way Readability does (more for long text and for commas, less
 *     for link text), and the best element is the article's container;
 *  3. output: the container's blocks, and those of siblings that score
 *     nearly as well and of cousins of its class, less link lists, labels
 *     and the furniture inside the container, as paragraphs.
 *
 * The page is read into a compact tree (htmltree.h), not libxml2's, so
 * that the memory for it is bounded by a few times the page's size.
 */
#include "html.h"

#include <ctype.h>
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "htmltree.h"
#include "lex/lexicon.h"
#include "util/utf8.h"
#include "util/vec.h"

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

static int is(const dm_htree *t, uint32_t x, const char *name)
{
	return !strcmp(dm_htree_tag(t, x), name);
}

static int among(const char *w, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(w, list[i]))
			return 1;
	return 0;
}

#define AMONG(w, list) among(w, list, sizeof list / sizeof *list)

/* Subtrees that are never article text. */
static int dropped_tag(const char *t)
{
	static const char *const tags[] = {
	    "aside",   "audio",  "button", "canvas", "dialog", "embed",    "figcaption", "figure",   "footer",
	    "head",    "header", "iframe", "input",  "map",    "math",     "nav",        "noscript", "object",
	    "picture", "script", "select", "style",  "svg",    "template", "textarea",   "video"};
	return AMONG(t, tags);
}

static int block_tag(const char *t)
{
	static const char *const tags[] = {"address", "article", "blockquote", "body",   "br",   "center", "dd", "div",
	                                   "dl",      "dt",      "figcaption", "figure", "h1",   "h2",     "h3", "h4",
	                                   "h5",      "h6",      "hr",         "li",     "main", "ol",     "p",  "pre",
	                                   "section", "table",   "td",         "th",     "tr",   "ul"};
	return AMONG(t, tags);
}

static int contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return 1;
	return 0;
}

/* Where in NAME the first of LIST[N] begins (case aside); strlen(NAME)
 * when none is in it. */
static size_t first_of(const char *name, const char *const *list, size_t n)
{
	size_t len = strlen(name);
	for (size_t at = 0; at < len; at++)
		for (size_t i = 0; i < n; i++)
			if (!strncasecmp(name + at, list[i], strlen(list[i])))
				return at;
	return len;
}

/* What an element's class and id say of it: > 0 article, < 0 page
 * furniture, 0 nothing. */
static int class_weight(const dm_htree *t, uint32_t x)
{
	static const char *const bad[] = {
	    "comment",   "share",   "social",    "related",  "promo",      "newsletter", "subscri",      "advert",
	    "sponsor",   "cookie",  "sidebar",   "footer",   "breadcrumb", "popup",      "modal",        "menu",
	    "outbrain",  "taboola", "recommend", "trending", "widget",     "signup",     "most-popular", "more-stories",
	    "read-more", "byline",  "author",    "caption",  "credit",     "toolbar",    "masthead",     "skip",
	    "print",     "tags",    "topics",    "rollover", "tooltip"};
	static const char *const good[] = {"article", "body", "content", "entry", "main", "post", "story", "text"};
	int w = 0, bad_alone = 0; /* an attribute saying furniture and nothing else */
	const char *v[2] = {dm_htree_attr(t, x, DM_ATTR_CLASS), dm_htree_attr(t, x, DM_ATTR_ID)};
	for (int k = 0; k < 2; k++) {
		if (!v[k])
			continue;
		/* each name of the attribute apart: in "jp-relatedposts" or
		 * "recommended-articles" the article's word after furniture's is
		 * what the furniture is of ("content-with-sidebar" is both) */
		int b = 0, g = 0;
		char name[64];
		for (const char *c = v[k]; *c;) {
			size_t len = strcspn(c, " \t\n");
			size_t n = len < sizeof name ? len : sizeof name - 1;
			memcpy(name, c, n);
			name[n] = 0;
			size_t at_bad = first_of(name, bad, sizeof bad / sizeof *bad);
			size_t at_good = first_of(name, good, sizeof good / sizeof *good);
			b |= at_bad < n;
			g |= at_good < at_bad;
			c += len;
			c += strspn(c, " \t\n");
		}
		w += 25 * (g - b);
		bad_alone |= b && !g;
	}
	/* a class that says furniture beside an id that happens to hold
	 * "post" ("sharedaddy", "like-post-wrapper") is furniture still */
	return bad_alone && w >= 0 ? -1 : w;
}

static int hidden(const dm_htree *t, uint32_t x)
{
	const char *a = dm_htree_attr(t, x, DM_ATTR_ARIA_HIDDEN), *s = dm_htree_attr(t, x, DM_ATTR_STYLE);
	return dm_htree_attr(t, x, DM_ATTR_HIDDEN) || (a && !strcmp(a, "true")) ||
	       (s && (contains_ci(s, "display:none") || contains_ci(s, "display: none")));
}

/* ---- pass 1: text blocks ---- */

/* Offsets and counts of text are 32 bits, as the page's text is
 * (htmltree.h), and elements are nodes of the tree. */
typedef struct block {
	uint32_t off, len; /* in walker.text */
	uint32_t link;     /* bytes of link text */
	uint32_t commas;
	uint32_t owner;     /* the block element holding it */
	uint32_t furniture; /* the innermost element above whose class says page furniture, or 0 */
	int glue;           /* goes on the paragraph before: split off it by inline furniture */
} block;

typedef struct nstat {
	double score;
	uint32_t text, link; /* bytes of text and of link text below */
	uint32_t node;
	int candidate; /* has scored: its tag's score is in */
} nstat;

typedef struct walker {
	const dm_htree *t;
	dm_buf text; /* every block's text, one after another */
	block *blocks;
	size_t n, cap;
	size_t start; /* where the open block begins in text */
	size_t link;  /* link bytes of the open block */
	int space;    /* a space is pending before the next word */
	uint32_t owner, furniture;
	int glue; /* the next block goes on the paragraph before */
	nstat *stats;
	size_t n_stats, cap_stats;
	uint32_t *stat;  /* each node's: k + 1 for stats[k], 0 for none */
	int lenient;     /* the second reading of a page the first found no text in */
	uint32_t *below; /* each node's bytes of text below it, scripts and styles aside */
	uint32_t body;
	int failed;
} walker;

/* The open block in Unicode NFC ("e" and a combining accent as "é"). */
static void compose(walker *w)
{
	if (!dm_may_compose(w->text.data + w->start, w->text.len - w->start))
		return;
	char *nfc = dm_as_read(w->text.data + w->start, w->text.len - w->start);
	if (!nfc) {
		w->failed = 1;
		return;
	}
	w->text.len = w->start;
	dm_buf_puts(&w->text, nfc);
	free(nfc);
}

static void flush(walker *w)
{
	compose(w);
	size_t len = w->text.len - w->start;
	if (len && w->owner) {
		if (dm_reserve(&w->blocks, &w->cap, w->n, sizeof *w->blocks)) {
			w->failed = 1;
			return;
		}
		uint32_t off = (uint32_t)w->start, commas = 0;
		for (size_t i = w->start; i < w->text.len; i++)
			commas += w->text.data[i] == ',';
		w->blocks[w->n++] =
		    (block){off, (uint32_t)len, (uint32_t)w->link, commas, w->owner, w->furniture, w->glue};
	}
	w->glue = 0;
	w->start = w->text.len;
	w->link = 0;
	w->space = 0;
}

/* Text as a reader sees it: no-break spaces are spaces, soft hyphens go
 * (and flush composes what is left, NFC). */
static void add_text(walker *w, const char *s, size_t n, int in_link)
{
	size_t before = w->text.len;
	for (size_t i = 0, k; i < n; i += k) {
		unsigned char c = (unsigned char)s[i];
		int what = c >= 0xC2 ? dm_as_read_char(s + i, n - i, &k) : (k = 1, 0);
		if (what == 1)
			continue;
		if (what == 2 || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
			w->space = w->text.len > w->start;
			continue;
		}
		if (w->space) {
			dm_buf_putc(&w->text, ' ');
			w->space = 0;
		}
		dm_buf_add(&w->text, s + i, k);
	}
	if (in_link)
		w->link += w->text.len - before;
}

/* Is X, of a tag whose subtree is never article text, read all the same:
 * a <header> or an <aside> that holds most of the page's text (a tag the
 * page never closed swallowed the rest of it), or any on a second
 * reading? */
static int kept_anyway(const walker *w, uint32_t x, const char *name)
{
	return (!strcmp(name, "aside") || !strcmp(name, "header")) &&
	       (w->lenient || (uint64_t)w->below[x] * 2 > w->below[w->body]);
}

static void walk(walker *w, uint32_t x, int in_link)
{
	const dm_htree *t = w->t;
	for (; x && !w->failed; x = t->nodes[x].next) {
		const dm_hnode *e = &t->nodes[x];
		if (!e->tag) {
			add_text(w, t->text.data + e->off, e->len, in_link);
			continue;
		}
		const char *name = dm_htree_tag(t, x);
		if ((dropped_tag(name) && !kept_anyway(w, x, name)) || hidden(t, x))
			continue;
		int weight = class_weight(t, x);
		if (dm_reserve(&w->stats, &w->cap_stats, w->n_stats, sizeof *w->stats)) {
			w->failed = 1;
			return;
		}
		w->stat[x] = (uint32_t)w->n_stats + 1;
		w->stats[w->n_stats++] = (nstat){(double)weight, 0, 0, x, 0};
		/* A furniture class does not drop the subtree here: a theme may
		 * wrap the whole article in "container penci_sidebar".  Only
		 * furniture inside the chosen container is left out (emit). */
		uint32_t outer_furniture = w->furniture;
		int inline_furniture = weight < 0 && !block_tag(name);
		if (inline_furniture) { /* a pop-up card in a paragraph: its own block */
			flush(w);
			w->glue = 1;
		}
		if (weight < 0)
			w->furniture = x;
		else if (is(t, x, "blockquote"))
			w->furniture = 0; /* a quotation, an embedded post, though a "social" wrapper holds it */
		if (block_tag(name)) {
			flush(w);
			uint32_t outer = w->owner;
			w->owner = x;
			walk(w, e->first, in_link);
			flush(w);
			w->owner = outer;
		} else {
			walk(w, e->first, in_link || is(t, x, "a"));
		}
		if (weight < 0) {
			flush(w);
			w->furniture = outer_furniture;
			w->glue = inline_furniture;
		}
	}
}

static nstat *st(walker *w, uint32_t x)
{
	uint32_t k = w->stat[x];
	return k ? &w->stats[k - 1] : NULL;
}

/* ---- pass 2: scoring ---- */

static double tag_score(const char *t)
{
	if (!strcmp(t, "div") || !strcmp(t, "article") || !strcmp(t, "main") || !strcmp(t, "section"))
		return 5;
	if (!strcmp(t, "pre") || !strcmp(t, "td") || !strcmp(t, "blockquote"))
		return 3;
	if (!strcmp(t, "ol") || !strcmp(t, "ul") || !strcmp(t, "dl") || !strcmp(t, "li") || !strcmp(t, "dd"))
		return -3;
	if (t[0] == 'h' && t[1] >= '1' && t[1] <= '6')
		return -5;
	return 0;
}

static void score(walker *w)
{
	const dm_htree *t = w->t;
	for (size_t i = 0; i < w->n; i++) {
		const block *b = &w->blocks[i];
		for (uint32_t x = b->owner; x; x = t->nodes[x].parent) {
			nstat *s = st(w, x);
			if (s) {
				s->text += b->len;
				s->link += b->link;
			}
		}
		if (b->len < 25 || b->link > b->len / 2) /* short, or mostly links */
			continue;
		double points = 1 + (double)b->commas + (b->len / 100 < 3 ? (double)(b->len / 100) : 3);
		uint32_t x = t->nodes[b->owner].parent;
		for (int level = 0; level < 3 && x; level++, x = t->nodes[x].parent) {
			nstat *s = st(w, x);
			if (!s)
				break;
			if (!s->candidate) {
				s->candidate = 1;
				s->score += tag_score(dm_htree_tag(t, x));
			}
			s->score += points / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
		}
	}
}

static double final_score(walker *w, uint32_t x)
{
	nstat *s = st(w, x);
	if (!s || !s->candidate)
		return 0;
	double density = s->text ? (double)s->link / (double)s->text : 0;
	/* a class that says "post" or "content" is no article by itself: a
	 * rating prompt of 30 bytes is not one (its score weighed by its text,
	 * up to a paragraph's worth) */
	double body = s->text < 200 ? (double)s->text / 200 : 1;
	return s->score * (1 - density) * body;
}

/* ---- pass 3: output ---- */

static int inside(const dm_htree *t, uint32_t x, uint32_t root)
{
	for (; x; x = t->nodes[x].parent)
		if (x == root)
			return 1;
	return 0;
}

/* Does a sibling of the container belong to the article too? */
static int sibling_joins(walker *w, uint32_t x, double threshold)
{
	if (final_score(w, x) >= threshold)
		return 1;
	nstat *s = st(w, x);
	if (!is(w->t, x, "p") || !s || !s->text)
		return 0;
	double density = (double)s->link / (double)s->text;
	return (s->text > 80 && density < 0.25) || (density == 0 && s->text > 0);
}

/* Is X the story's lead, just before its container BEST: an element of
 * prose (not a paragraph, which sibling_joins takes) that scored nothing
 * for holding its text itself, not furniture? */
static int leads_into(walker *w, uint32_t x, uint32_t best)
{
	const dm_htree *t = w->t;
	uint32_t next = t->nodes[x].next;
	while (next && !t->nodes[next].tag)
		next = t->nodes[next].next;
	nstat *s = st(w, x);
	if (next != best || !s || s->text < 80 || (double)s->link / (double)s->text >= 0.25 || class_weight(t, x) < 0 ||
	    is(t, x, "p"))
		return 0;
	for (size_t i = 0; i < w->n; i++) /* prose: a sentence's end in it */
		if (inside(t, w->blocks[i].owner, x) && w->blocks[i].len >= 80 &&
		    memchr(w->text.data + w->blocks[i].off, '.', w->blocks[i].len))
			return 1;
	return 0;
}

/* Does element X's class or id have a part, split at what is not a
 * letter or a digit ("o-article__intro", "dig-vorspann"), among LIST[N]? */
static int class_part_among(const dm_htree *t, uint32_t x, const char *const *list, size_t n)
{
	const char *v[2] = {dm_htree_attr(t, x, DM_ATTR_CLASS), dm_htree_attr(t, x, DM_ATTR_ID)};
	for (int k = 0; k < 2; k++)
		for (const char *c = v[k]; c && *c;) {
			size_t len = 0;
			while (isalnum((unsigned char)c[len]))
				len++;
			char part[16];
			if (len && len < sizeof part) {
				for (size_t i = 0; i < len; i++)
					part[i] = (char)tolower((unsigned char)c[i]);
				part[len] = 0;
				if (among(part, list, n))
					return 1;
			}
			c += len ? len : 1;
		}
	return 0;
}

/* Does element X's class or id name a story's lead? */
static int names_lead(const dm_htree *t, uint32_t x)
{
	static const char *const names[] = {"chapeau", "chapo", "dek",        "intro",
	                                    "lead",    "lede",  "standfirst", "vorspann"};
	return class_part_among(t, x, names, sizeof names / sizeof *names);
}

/* Is element X an article's own, by its tag or a part of its class or
 * id ("entry-content", "post-body")? */
static int says_article(const dm_htree *t, uint32_t x)
{
	static const char *const names[] = {"article", "entry", "post", "story"};
	return is(t, x, "article") || class_part_among(t, x, names, sizeof names / sizeof *names);
}

/* Is X the story's lead: named so (names_lead), itself or the element it
 * wraps alone, and a lead's prose: a few lines of text, not links, not
 * furniture? */
static int marked_lead(walker *w, uint32_t x)
{
	const dm_htree *t = w->t;
	nstat *s = st(w, x);
	if (!s || s->text < 80 || (double)s->link / (double)s->text >= 0.25 || class_weight(t, x) < 0)
		return 0;
	for (uint32_t y = x; y;) {
		if (names_lead(t, y))
			return 1;
		uint32_t only = 0, n = 0; /* the one element below y */
		for (uint32_t c = t->nodes[y].first; c; c = t->nodes[c].next)
			if (t->nodes[c].tag)
				only = c, n++;
		y = n == 1 ? only : 0;
	}
	return 0;
}

/* Is the block one of the labels pages put between paragraphs (an
 * advertisement slot, a "read more" link, a share prompt)? */
static int label(const char *s, size_t n)
{
	static const char *const labels[] = {"ad",
	                                     "advert",
	                                     "advertisement",
	                                     "anzeige",
	                                     "continue reading",
	                                     "continue reading below",
	                                     "iklan",
	                                     "publicidad",
	                                     "publicité",
	                                     "read more",
	                                     "related",
	                                     "related news",
	                                     "related articles",
	                                     "share",
	                                     "share this",
	                                     "terkait",
	                                     "this slideshow requires javascript"};
	char low[48];
	while (n && (s[n - 1] == '.' || s[n - 1] == ':' || s[n - 1] == ' '))
		n--;
	if (!n || n >= sizeof low)
		return 0;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	low[n] = 0;
	return AMONG(low, labels);
}

/* Is block I page furniture inside ROOT? */
static int furniture_in(const walker *w, size_t i, uint32_t root)
{
	const block *b = &w->blocks[i];
	return b->furniture && b->furniture != root && inside(w->t, b->furniture, root);
}

/* Is block I a few words inside a sentence of the article, between two
 * pieces of its paragraph ("Rep. <span class=rollover><a>Ilhan
 * Omar</a><span class=card>...</span></span> (D-Minn.) said")? */
static int inside_sentence(const walker *w, size_t i, uint32_t root)
{
	const block *b = &w->blocks[i];
	if (!b->glue || b->len >= 40 || i == 0 || w->blocks[i - 1].owner != b->owner || furniture_in(w, i - 1, root))
		return 0;
	for (size_t j = i + 1; j < w->n && w->blocks[j].owner == b->owner && w->blocks[j].glue; j++)
		if (!furniture_in(w, j, root))
			return 1;
	return 0;
}

/* The blockquote X is inside, below ROOT, or 0. */
static uint32_t quote_of(const dm_htree *t, uint32_t x, uint32_t root)
{
	for (; x && x != root; x = t->nodes[x].parent)
		if (is(t, x, "blockquote"))
			return x;
	return 0;
}

/* Is S[N] a line that credits a quotation to a name: the name alone, in
 * brackets or after a dash ("[Engadget]", "— The Verge"), or all of it a
 * link (LINKED)?  Sets [*from, *to) to the name in S. */
static int credit_line(const char *s, size_t n, int linked, size_t *from, size_t *to)
{
	size_t a = 0, b = n;
	int marked = 0;
	for (;;) {
		if (a < b && (s[a] == '[' || s[a] == '(' || s[a] == '-' || s[a] == ' '))
			marked |= s[a++] != ' ';
		else if (b - a >= 3 && !memcmp(s + a, "\xE2\x80", 2) &&
		         ((unsigned char)s[a + 2] >= 0x93 && (unsigned char)s[a + 2] <= 0x95)) /* – — ― */
			a += 3, marked = 1;
		else
			break;
	}
	while (b > a && (s[b - 1] == ']' || s[b - 1] == ')' || s[b - 1] == ' '))
		b--;
	if ((!marked && !linked) || b == a || b - a > 48 ||
	    !((unsigned char)s[a] >= 0x80 || isupper((unsigned char)s[a])))
		return 0;
	int words = 1;
	for (size_t i = a; i < b; i++) {
		if (strchr(".!?:;,\"[]()*", s[i])) /* a sentence, or a name masked ("An** Fe**") */
			return 0;
		words += s[i] == ' ';
	}
	*from = a;
	*to = b;
	return words <= 5;
}

/* Record that the quotation [START, END) of OUT is credited to the name
 * [FROM, TO) of OUT. */
static void add_credit(walker *w, dm_page *page, size_t start, size_t end, size_t from, size_t to)
{
	if (dm_reserve(&page->credits, &page->cap_credits, page->n_credits, sizeof *page->credits)) {
		w->failed = 1;
		return;
	}
	page->credits[page->n_credits++] = (dm_credit){start, end, from, to};
}

static int mostly_links(const block *b)
{
	return b->link > b->len / 2;
}

/* Is block I a paragraph that is a link, between two of prose: a pointer
 * the writer put in the story ("Read the council's plan"), where
 * navigation is a run of links, a related story is introduced by a label
 * ("SEE MORE: Ferry fares rise") or shouted as a headline ("FERRY FARES
 * RISE AGAIN")? */
static int lone_link(const walker *w, size_t i)
{
	const block *b = &w->blocks[i];
	const char *s = w->text.data + b->off;
	int lower = 0, upper = 0;
	for (uint32_t k = 0; k < b->len; k++)
		lower |= islower((unsigned char)s[k]), upper |= isupper((unsigned char)s[k]);
	return is(w->t, b->owner, "p") && b->link == b->len && (lower || !upper) && (i == 0 || !mostly_links(b - 1)) &&
	       (i + 1 == w->n || !mostly_links(b + 1));
}

static void emit(walker *w, dm_page *page, const uint32_t *roots, size_t n_roots)
{
	dm_buf *out = &page->text;
	uint32_t quote = 0; /* the blockquote of the last block out */
	size_t quote_start = 0, quote_end = 0;
	/* A page that puts such a line before its first quotation credits
	 * each quotation before it, not after: there the line after one
	 * belongs to the next, and none is read. */
	int quoted = 0, credits_before = 0, last_credits = 0;
	for (size_t i = 0; i < w->n; i++) {
		const block *b = &w->blocks[i];
		uint32_t root = 0;
		for (size_t r = 0; r < n_roots && !root; r++)
			if (inside(w->t, b->owner, roots[r]))
				root = roots[r];
		if (!root)
			continue;
		int words = inside_sentence(w, i, root);
		uint32_t q = quote_of(w->t, b->owner, root);
		size_t from = 0, to = 0;
		int line = !q && !b->glue && credit_line(w->text.data + b->off, b->len, b->link == b->len, &from, &to);
		int credit = quote && line;
		/* furniture inside the article goes, and so does a list of
		 * links, which is navigation, but for the line that credits a
		 * quotation */
		if (!words &&
		    (furniture_in(w, i, root) || (mostly_links(b) && b->len < 300 && !credit && !lone_link(w, i))))
			continue;
		if (label(w->text.data + b->off, b->len))
			continue;
		if (out->len)
			dm_buf_add(out, b->glue ? " " : "\n\n", b->glue ? 1 : 2);
		size_t at = out->len;
		dm_buf_add(out, w->text.data + b->off, b->len);
		if (credit)
			add_credit(w, page, quote_start, quote_end, at + from, at + to);
		if (q && !quoted)
			credits_before = last_credits;
		if (q && q != quote)
			quote_start = at;
		if (q)
			quote_end = out->len, quoted = 1;
		quote = q;
		last_credits = line;
	}
	if (credits_before)
		page->n_credits = 0;
}

/* Are elements A and B of the same template: the same tag and class? */
static int same_template(const dm_htree *t, uint32_t a, uint32_t b)
{
	const char *ca = dm_htree_attr(t, a, DM_ATTR_CLASS), *cb = dm_htree_attr(t, b, DM_ATTR_CLASS);
	return ca && cb && !strcmp(ca, cb) && !strcmp(dm_htree_tag(t, a), dm_htree_tag(t, b));
}

static void extract_body(walker *w, uint32_t body, dm_page *out)
{
	const dm_htree *t = w->t;
	walk(w, body, 0);
	flush(w);
	if (w->failed)
		return;
	score(w);
	uint32_t best = 0;
	double best_score = 0;
	for (size_t i = 0; i < w->n_stats; i++) {
		double s = final_score(w, w->stats[i].node);
		if (s > best_score) {
			best_score = s;
			best = w->stats[i].node;
		}
	}
	/* A page that goes on with the next story (an endless scroll): the
	 * first story that scores nearly as well as the best, or half as well
	 * in the same template (the same tag and class: the stories of the
	 * scroll, scored by their length), and is nearly as long (not its
	 * summary), is the page's.  Elements are numbered in document order. */
	for (size_t i = 0; best && i < w->n_stats; i++) {
		uint32_t x = w->stats[i].node;
		double as_good = same_template(t, x, best) ? 0.5 : 0.85;
		if (x < best && final_score(w, x) >= best_score * as_good &&
		    w->stats[i].text * 2 >= st(w, best)->text && !inside(t, best, x)) {
			best = x;
			best_score = final_score(w, x);
			break;
		}
	}
	if (!best) {
		emit(w, out, &body, 1);
		return;
	}
	uint32_t roots[512];
	size_t n = 0;
	double threshold = best_score * 0.2 > 10 ? best_score * 0.2 : 10;
	uint32_t parent = t->nodes[best].parent; /* 0: the document's */
	if (parent) {
		for (uint32_t x = t->nodes[parent].first; x && n < 512; x = t->nodes[x].next)
			if (x == best ||
			    (t->nodes[x].tag && (sibling_joins(w, x, threshold) || leads_into(w, x, best))))
				roots[n++] = x;
	} else {
		roots[n++] = best;
	}
	/* The story's lead, marked as such, before a wrapper of the
	 * container that holds little else (a heading, a picture); one
	 * beside the container itself, below its parent, was looked at above */
	for (uint32_t up = best; up && t->nodes[up].parent && n < 512; up = t->nodes[up].parent) {
		nstat *s = st(w, t->nodes[up].parent);
		if (!s || s->text > st(w, best)->text * 2)
			break;
		for (uint32_t x = t->nodes[t->nodes[up].parent].first; x != up && n < 512; x = t->nodes[x].next)
			if (t->nodes[x].tag && marked_lead(w, x) && !inside(t, x, parent))
				roots[n++] = x;
	}
	/* An article cut into chunks, each in a wrapper of its own (a grid
	 * row with an advertisement rail, a page builder's widgets between
	 * pictures and product rails): below the article's own element (the
	 * nearest above the container's parent that says_article, else its
	 * grandparent), the elements of the container's template at its depth
	 * are its parts. */
	uint32_t scope = parent ? t->nodes[parent].parent : 0, depth = 2;
	for (uint32_t up = scope, d = 2; up && up != body && d < 32; up = t->nodes[up].parent, d++)
		if (says_article(t, up)) {
			scope = up, depth = d;
			break;
		}
	for (size_t i = 0; scope && i < w->n_stats && n < 512; i++) {
		uint32_t x = w->stats[i].node, d = 0, up = x;
		while (d < depth && up)
			up = t->nodes[up].parent, d++;
		if (x != best && up == scope && t->nodes[x].parent != parent && same_template(t, x, best))
			roots[n++] = x;
	}
	emit(w, out, roots, n);
}

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
static char *dup_trim(const char *raw)
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
		*slot = dup_trim(v);
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
	char *a = dup_trim(name);
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
		return among(json_string_value(type), list, n);
	size_t i;
	json_t *v;
	json_array_foreach(type, i, v) if (json_is_string(v) && among(json_string_value(v), list, n)) return 1;
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

static char *node_text(const dm_htree *t, uint32_t x)
{
	char *c = content(t, x);
	char *s = dup_trim(c);
	free(c);
	return s;
}

/* Does element X's class or id hold WORD (case aside)? */
static int class_names(const dm_htree *t, uint32_t x, const char *word)
{
	const char *c = dm_htree_attr(t, x, DM_ATTR_CLASS), *i = dm_htree_attr(t, x, DM_ATTR_ID);
	return (c && contains_ci(c, word)) || (i && contains_ci(i, word));
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
	const char *href = is(t, x, "a") ? dm_htree_attr(t, x, DM_ATTR_HREF) : NULL;
	if (href && (strstr(href, "/author/") || strstr(href, "/authors/")))
		return 1;
	const char *v[2] = {dm_htree_attr(t, x, DM_ATTR_CLASS), dm_htree_attr(t, x, DM_ATTR_ID)};
	for (int k = 0; k < 2; k++)
		if (v[k] && (contains_ci(v[k], "byline") || contains_ci(v[k], "author")) && !contains_ci(v[k], "bio") &&
		    !contains_ci(v[k], "avatar") && !contains_ci(v[k], "image") && !contains_ci(v[k], "photo"))
			return 1;
	return 0;
}

/* Is the byline X, of text TEXT, part of a link to another story: a
 * teaser whose link holds a headline beside the writer's name? */
static int in_teaser(const dm_htree *t, uint32_t x, const char *text)
{
	for (int up = 0; x && up < 8; up++, x = t->nodes[x].parent)
		if (is(t, x, "a")) {
			char *all = node_text(t, x);
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
		int below =
		    no_byline || !strcmp(name, "form") || class_names(t, x, "comment") || class_names(t, x, "related");
		if (!below && m->n_byline < MAX_H1 && marks_writer(t, x) && !hidden(t, x)) {
			char *s = node_text(t, x);
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
			if (alt && ((c && contains_ci(c, "logo")) || (uc && contains_ci(uc, "logo"))))
				m->logo = dup_trim(alt);
		} else if (!strcmp(name, "h1")) {
			if (m->n_h1 < MAX_H1 && !hidden(t, x) && (m->h1[m->n_h1] = node_text(t, x)) != NULL)
				m->n_h1++;
		} else if (!strcmp(name, "title")) {
			if (!m->title)
				if ((m->title = node_text(t, x)) != NULL)
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
		char *a = dup_trim(at);
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
	char *v = value ? dup_trim(value) : NULL;
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

static void read_metadata(const dm_htree *t, uint32_t root, dm_page *p)
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

/* ---- readers' comments ---- */

/* Comments are found by their text: an element whose class or id says a
 * comment's content ("comment-content", "comment-text", "comment-body"),
 * or an item of a list whose class or id says comments, the innermost of
 * such.  Its writer and date are the elements near it
 * whose class says so; its text is its own less those and the reply
 * links. */

static int says_comment_text(const dm_htree *t, uint32_t x)
{
	uint32_t up = t->nodes[x].parent;
	if (is(t, x, "li") && up && (is(t, up, "ol") || is(t, up, "ul")) && class_names(t, up, "comment"))
		return 1; /* an item of the list of comments, whatever its own class */
	if (!class_names(t, x, "comment"))
		return 0;
	static const char *const parts[] = {"content", "text", "body", "message", "entry"};
	static const char *const not [] = {"author", "meta", "form", "respond", "reply",  "count",
	                                   "title",  "list", "area", "action",  "header", "footer"};
	int part = 0;
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
		part |= class_names(t, x, parts[i]);
	for (size_t i = 0; part && i < sizeof not / sizeof *not ; i++)
		part = !class_names(t, x, not [i]);
	return part;
}

/* What a comment's text leaves out: its writer, date and meta lines, the
 * reply and share links, its picture. */
static int comment_chrome(const dm_htree *t, uint32_t x)
{
	static const char *const chrome[] = {"author", "meta",  "date",  "reply", "avatar", "footer",
	                                     "action", "vcard", "share", "like",  "rating"};
	const char *name = dm_htree_tag(t, x);
	if (dropped_tag(name) || !strcmp(name, "form") || !strcmp(name, "cite")) /* "Comment by Mira Holt" */
		return 1;
	for (size_t i = 0; i < sizeof chrome / sizeof *chrome; i++)
		if (class_names(t, x, chrome[i]))
			return 1;
	return 0;
}

/* The text below X less comment chrome, as paragraphs: blocks end lines. */
static void comment_text(const dm_htree *t, uint32_t x, dm_buf *out, int depth)
{
	for (uint32_t c = t->nodes[x].first; c && depth < 64; c = t->nodes[c].next) {
		if (!t->nodes[c].tag) {
			dm_buf_add(out, t->text.data + t->nodes[c].off, t->nodes[c].len);
			continue;
		}
		if (comment_chrome(t, c) || hidden(t, c))
			continue;
		int block = block_tag(dm_htree_tag(t, c));
		if (block)
			dm_buf_putc(out, '\n');
		comment_text(t, c, out, depth + 1);
		if (block)
			dm_buf_putc(out, '\n');
	}
}

/* The first element below X (not below SKIP) whose class holds one of
 * WORDS, or a <time> when TIME; 0 when none. */
static uint32_t find_below(const dm_htree *t, uint32_t x, uint32_t skip, const char *const *words, size_t n, int time,
                           int depth)
{
	for (uint32_t c = t->nodes[x].first; c && depth < 32; c = t->nodes[c].next) {
		if (!t->nodes[c].tag || c == skip)
			continue;
		if (time && is(t, c, "time"))
			return c;
		for (size_t i = 0; i < n; i++)
			if (class_names(t, c, words[i]) && !class_names(t, c, "reply") && !class_names(t, c, "avatar"))
				return c;
		uint32_t f = find_below(t, c, skip, words, n, time, depth + 1);
		if (f)
			return f;
	}
	return 0;
}

/* A comment writer's name without what follows it ("Mira Holt says:"). */
static char *writer_of(const dm_htree *t, uint32_t x)
{
	char *s = node_text(t, x);
	size_t n = s ? strlen(s) : 0;
	if (n && s[n - 1] == ':') { /* a verb after the name: "says:", "sagt:" */
		char *sp = strrchr(s, ' ');
		if (sp)
			*sp = 0;
		else
			s[n - 1] = 0;
	}
	if (s && (!*s || strlen(s) > 80)) {
		free(s);
		return NULL;
	}
	return s;
}

static void add_comment(const dm_htree *t, uint32_t x, dm_page *p)
{
	dm_buf b = {0};
	comment_text(t, x, &b, 0);
	char *raw = dm_buf_finish(&b);
	if (!raw)
		return;
	/* paragraphs kept, white space in them collapsed */
	dm_buf text = {0};
	for (char *line = strtok(raw, "\n"); line; line = strtok(NULL, "\n")) {
		char *l = dup_trim(line);
		if (l) {
			if (text.len)
				dm_buf_add(&text, "\n\n", 2);
			dm_buf_puts(&text, l);
			free(l);
		}
	}
	free(raw);
	if (!text.len || dm_reserve(&p->comments, &p->cap_comments, p->n_comments, sizeof *p->comments)) {
		dm_buf_free(&text);
		return;
	}
	static const char *const writer[] = {"author", "fn", "comment-name", "commenter", "user"};
	static const char *const when[] = {"date", "time", "published"};
	dm_comment c = {dm_buf_detach(&text), NULL, NULL};
	/* the writer and the date are beside the text, a few levels up; in
	 * an item of the list of comments, which is the comment's own
	 * element, below it */
	int item = is(t, x, "li");
	uint32_t up = x;
	for (int level = 0; level < 4 && (!c.author || !c.date); level++) {
		if (!item && !(up = t->nodes[up].parent))
			break;
		uint32_t a = c.author ? 0 : find_below(t, up, x, writer, sizeof writer / sizeof *writer, 0, 0);
		uint32_t d = c.date ? 0 : find_below(t, up, x, when, sizeof when / sizeof *when, 1, 0);
		if (a)
			c.author = writer_of(t, a);
		if (d) {
			const char *dt = dm_htree_attr(t, d, DM_ATTR_DATETIME);
			c.date = dt ? dup_trim(dt) : node_text(t, d);
		}
		if (item || (class_names(t, up, "comment") && !says_comment_text(t, up) && level > 0))
			break; /* the comment's own element: beyond it is the next comment's */
	}
	p->comments[p->n_comments++] = c;
}

static int comment_text_below(const dm_htree *t, uint32_t x, int depth)
{
	for (uint32_t c = t->nodes[x].first; c && depth < 64; c = t->nodes[c].next)
		if (t->nodes[c].tag && (says_comment_text(t, c) || comment_text_below(t, c, depth + 1)))
			return 1;
	return 0;
}

/* Each comment text below X, in page order; one that holds others (a
 * thread's body with its replies) is a wrapper, its inner ones the
 * comments. */
static void read_comments(const dm_htree *t, uint32_t x, dm_page *p, int depth)
{
	for (; x && depth < 512; x = t->nodes[x].next) {
		if (!t->nodes[x].tag || hidden(t, x))
			continue;
		if (says_comment_text(t, x) && !comment_text_below(t, x, 0))
			add_comment(t, x, p);
		else
			read_comments(t, t->nodes[x].first, p, depth + 1);
	}
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

void dm_xml_catch(dm_xml_error *e)
{
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
	read_metadata(&t, root, out);
	uint32_t body = root;
	for (uint32_t x = root ? t.nodes[root].first : 0; x; x = t.nodes[x].next)
		if (is(&t, x, "body"))
			body = x;
	walker w = {.t = &t,
	            .stat = calloc(t.n_nodes, sizeof(uint32_t)),
	            .below = calloc(t.n_nodes, sizeof(uint32_t)),
	            .body = body};
	if (!w.stat || !w.below)
		w.failed = 1;
	for (size_t x = t.n_nodes; x-- > 1 && !w.failed;) { /* children come after their parents */
		const char *name = dm_htree_tag(&t, (uint32_t)x);
		int code = !strcmp(name, "script") || !strcmp(name, "style") || !strcmp(name, "template");
		w.below[t.nodes[x].parent] += !t.nodes[x].tag ? t.nodes[x].len : code ? 0 : w.below[x];
	}
	if (body && !w.failed)
		extract_body(&w, body, out);
	if (body && !w.failed && !out->text.len) {
		/* No text: a page that puts its article in an <aside> or a
		 * <header> (a teaser that is all the story there is).  Read again
		 * with those. */
		memset(w.stat, 0, t.n_nodes * sizeof *w.stat);
		dm_buf_reset(&w.text);
		w.n = w.n_stats = w.start = w.link = 0;
		w.space = w.glue = 0;
		w.owner = w.furniture = 0;
		w.lenient = 1;
		out->n_credits = 0;
		extract_body(&w, body, out);
	}
	if (body)
		read_comments(&t, t.nodes[body].first, out, 0);
	int failed = w.failed || w.text.failed || out->text.failed;
	dm_buf_free(&w.text);
	free(w.blocks);
	free(w.stats);
	free(w.stat);
	free(w.below);
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
