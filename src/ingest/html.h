/*
 * html: a web page in, its article out.  Parses with libxml2's HTML parser
 * (which recovers from any tag soup and caps the nesting depth), reads the
 * page's metadata (title, publication date, authors, site, language,
 * canonical URL) and finds the main text: the container whose paragraphs
 * carry the most prose, less navigation, link lists, share bars and the
 * like, as paragraphs separated by blank lines, and the blockquotes
 * whose next line credits them to a name.  Knows nothing of statements;
 * the text stage reads the article as it reads a text file.
 */
#ifndef DM_HTML_H
#define DM_HTML_H

#include <stddef.h>
#include <stdint.h>

#include "dictum.h"
#include "dictum_buf.h"
#include "text/text.h"

typedef struct dm_page {
	dm_buf text;        /* the article body, UTF-8 */
	dm_credit *credits; /* blockquotes with the line that credits them, in text; malloc'd */
	size_t n_credits, cap_credits;
	/* NULL when the page does not say; each malloc'd, owned by the page */
	char *title, *date, *site, *language, *url;
	char **authors;
	int n_authors;
	dm_comment *comments; /* readers' comments, each string malloc'd */
	size_t n_comments, cap_comments;
} dm_page;

/* The value of the first "charset" parameter in S[N] (a <meta> tag, a
 * Content-Type header), copied to OUT[CAP]; 0 when there is none. */
int dm_find_charset(const char *s, size_t n, char *out, size_t cap);

/* The character the reference at S[0, N) stands for ("&amp;", "&eacute;",
 * "&#8217;", "&#x2019;"), its length in *LEN; -1 when S begins with none. */
int32_t dm_html_char_ref(const char *s, size_t n, size_t *len);

/* Does the input look like HTML (markup within its first bytes)? */
int dm_is_html(const char *s, size_t n);

/* Extract the article of the page HTML[N].  CHARSET is the transport's
 * (an HTTP Content-Type header's), or NULL: then the page's own
 * declaration, or UTF-8 when the bytes are valid UTF-8, or Windows-1252.
 * Returns 0, or -1 with a reason in ERR (the page could not be parsed, or
 * memory ran out); OUT is then empty.  Free OUT with dm_page_free. */
int dm_html_extract(const char *html, size_t n, const char *charset, dm_page *out, char *err, size_t errlen);

void dm_page_free(dm_page *p);

/* libxml2's complaints (bad markup, bytes its encoder refuses) caught
 * between dm_xml_catch and dm_xml_release instead of printed on stderr:
 * the first fatal one is kept, to be told in the user's terms when it
 * cost the input its text.  One parse at a time per thread. */
typedef struct dm_xml_error {
	int line;
	char msg[96];
} dm_xml_error;

void dm_xml_catch(dm_xml_error *e);
void dm_xml_release(void);

/* libxml2 set up for the process, once, whichever thread comes first: its
 * own set-up is not reentrant.  dm_xml_catch calls it. */
void dm_xml_init(void);

#endif
