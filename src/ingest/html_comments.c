/*
 * Readers' comments below an article: each one's text, as paragraphs, with
 * its writer and date where the page shows them.  Every string is
 * malloc'd and handed to the page.
 */
#include "html_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "htmltree.h"
#include "util/vec.h"

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
	if (dm_tag_is(t, x, "li") && up && (dm_tag_is(t, up, "ol") || dm_tag_is(t, up, "ul")) &&
	    dm_class_names(t, up, "comment"))
		return 1; /* an item of the list of comments, whatever its own class */
	if (!dm_class_names(t, x, "comment"))
		return 0;
	static const char *const parts[] = {"content", "text", "body", "message", "entry"};
	static const char *const not [] = {"author", "meta", "form", "respond", "reply",  "count",
	                                   "title",  "list", "area", "action",  "header", "footer"};
	int part = 0;
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
		part |= dm_class_names(t, x, parts[i]);
	for (size_t i = 0; part && i < sizeof not / sizeof *not ; i++)
		part = !dm_class_names(t, x, not [i]);
	return part;
}

/* What a comment's text leaves out: its writer, date and meta lines, the
 * reply and share links, its picture. */
static int comment_chrome(const dm_htree *t, uint32_t x)
{
	static const char *const chrome[] = {"author", "meta",  "date",  "reply", "avatar", "footer",
	                                     "action", "vcard", "share", "like",  "rating"};
	const char *name = dm_htree_tag(t, x);
	if (dm_dropped_tag(name) || !strcmp(name, "form") || !strcmp(name, "cite")) /* "Comment by Mira Holt" */
		return 1;
	for (size_t i = 0; i < sizeof chrome / sizeof *chrome; i++)
		if (dm_class_names(t, x, chrome[i]))
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
		if (comment_chrome(t, c) || dm_hidden(t, c))
			continue;
		int block = dm_block_tag(dm_htree_tag(t, c));
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
		if (time && dm_tag_is(t, c, "time"))
			return c;
		for (size_t i = 0; i < n; i++)
			if (dm_class_names(t, c, words[i]) && !dm_class_names(t, c, "reply") &&
			    !dm_class_names(t, c, "avatar"))
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
	char *s = dm_node_text(t, x);
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
	char *save = NULL;
	for (char *line = strtok_r(raw, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *l = dm_dup_trim(line);
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
	int item = dm_tag_is(t, x, "li");
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
			c.date = dt ? dm_dup_trim(dt) : dm_node_text(t, d);
		}
		if (item || (dm_class_names(t, up, "comment") && !says_comment_text(t, up) && level > 0))
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
		if (!t->nodes[x].tag || dm_hidden(t, x))
			continue;
		if (says_comment_text(t, x) && !comment_text_below(t, x, 0))
			add_comment(t, x, p);
		else
			read_comments(t, t->nodes[x].first, p, depth + 1);
	}
}

void dm_html_comments(const dm_htree *t, uint32_t body, dm_page *p)
{
	read_comments(t, t->nodes[body].first, p, 0);
}
