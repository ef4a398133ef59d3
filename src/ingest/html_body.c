/*
 * The article's body, in three passes over the page's tree:
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
 * Memory: the passes' blocks and scores are this file's, freed before
 * dm_html_body returns; the text goes into the page.
 */
#include "html_int.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "htmltree.h"
#include "util/utf8.h"
#include "util/vec.h"

/* ---- what a class says ---- */

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
		if ((dm_dropped_tag(name) && !kept_anyway(w, x, name)) || dm_hidden(t, x))
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
		int inline_furniture = weight < 0 && !dm_block_tag(name);
		if (inline_furniture) { /* a pop-up card in a paragraph: its own block */
			flush(w);
			w->glue = 1;
		}
		if (weight < 0)
			w->furniture = x;
		else if (dm_tag_is(t, x, "blockquote"))
			w->furniture = 0; /* a quotation, an embedded post, though a "social" wrapper holds it */
		if (dm_block_tag(name)) {
			flush(w);
			uint32_t outer = w->owner;
			w->owner = x;
			walk(w, e->first, in_link);
			flush(w);
			w->owner = outer;
		} else {
			walk(w, e->first, in_link || dm_tag_is(t, x, "a"));
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
	if (!dm_tag_is(w->t, x, "p") || !s || !s->text)
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
	    dm_tag_is(t, x, "p"))
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
				if (dm_among(part, list, n))
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
	return dm_tag_is(t, x, "article") || class_part_among(t, x, names, sizeof names / sizeof *names);
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
		if (dm_tag_is(t, x, "blockquote"))
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
	return dm_tag_is(w->t, b->owner, "p") && b->link == b->len && (lower || !upper) &&
	       (i == 0 || !mostly_links(b - 1)) && (i + 1 == w->n || !mostly_links(b + 1));
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

/* ---- the stage ---- */

int dm_html_body(const dm_htree *t, uint32_t body, dm_page *out)
{
	walker w = {.t = t,
	            .stat = calloc(t->n_nodes, sizeof(uint32_t)),
	            .below = calloc(t->n_nodes, sizeof(uint32_t)),
	            .body = body};
	if (!w.stat || !w.below)
		w.failed = 1;
	for (size_t x = t->n_nodes; x-- > 1 && !w.failed;) { /* children come after their parents */
		const char *name = dm_htree_tag(t, (uint32_t)x);
		int code = !strcmp(name, "script") || !strcmp(name, "style") || !strcmp(name, "template");
		w.below[t->nodes[x].parent] += !t->nodes[x].tag ? t->nodes[x].len : code ? 0 : w.below[x];
	}
	if (body && !w.failed)
		extract_body(&w, body, out);
	if (body && !w.failed && !out->text.len) {
		/* No text: a page that puts its article in an <aside> or a
		 * <header> (a teaser that is all the story there is).  Read again
		 * with those. */
		memset(w.stat, 0, t->n_nodes * sizeof *w.stat);
		dm_buf_reset(&w.text);
		w.n = w.n_stats = w.start = w.link = 0;
		w.space = w.glue = 0;
		w.owner = w.furniture = 0;
		w.lenient = 1;
		out->n_credits = 0;
		extract_body(&w, body, out);
	}
	int failed = w.failed || w.text.failed;
	dm_buf_free(&w.text);
	free(w.blocks);
	free(w.stats);
	free(w.stat);
	free(w.below);
	return failed;
}
