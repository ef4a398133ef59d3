/*
 * What the files of html.c's extraction share; not for use outside
 * src/ingest.  dm_html_extract (html.c) parses the page into a tree and
 * hands it to three stages, each of which adds to the page what it
 * finds: its metadata (html_meta.c), its article's body (html_body.c),
 * its readers' comments (html_comments.c).  The tree is the caller's and
 * is only read; every string a stage puts in the page is malloc'd and
 * the page's, freed by dm_page_free.
 */
#ifndef DM_HTML_INT_H
#define DM_HTML_INT_H

#include <stddef.h>
#include <stdint.h>

#include "html.h"
#include "htmltree.h"

/* The stages, each reading the tree T and adding to the page P. */
/* html_meta.c: the title, date, writers, site, language and URL, from
 * the document's first element ROOT down. */
void dm_html_metadata(const dm_htree *t, uint32_t root, dm_page *p);
/* html_body.c: the article's text and its credited quotations, from the
 * element BODY (0: none) down; nonzero when memory ran out. */
int dm_html_body(const dm_htree *t, uint32_t body, dm_page *p);
/* html_comments.c: the readers' comments below the element BODY (not 0). */
void dm_html_comments(const dm_htree *t, uint32_t body, dm_page *p);

/* html.c: of elements, their tags and their classes. */
int dm_tag_is(const dm_htree *t, uint32_t x, const char *name); /* is X a NAME element? */
int dm_among(const char *w, const char *const *list, size_t n); /* is W one of LIST[N]? */
#define AMONG(w, list) dm_among(w, list, sizeof list / sizeof *list)
int dm_dropped_tag(const char *t);                                   /* a tag whose subtree is never article text */
int dm_block_tag(const char *t);                                     /* a block element, not inline */
int dm_contains_ci(const char *hay, const char *needle);             /* case aside */
int dm_class_names(const dm_htree *t, uint32_t x, const char *word); /* X's class or id holds WORD */
int dm_hidden(const dm_htree *t, uint32_t x);                        /* hidden, aria-hidden, display: none */

/* html_meta.c: of text, each malloc'd for the caller to free, NULL when
 * nothing is left (or memory ran out). */
char *dm_dup_trim(const char *raw);                /* RAW decoded, trimmed, its white space collapsed */
char *dm_node_text(const dm_htree *t, uint32_t x); /* the text below element X, as dm_dup_trim leaves it */

#endif
