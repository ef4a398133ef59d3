/*
 * words: the text questions of the reference scorers (Python, under
 * ../shared), answered the way Python answers them, so that dictum's own
 * figures equal theirs to the last digit.
 *
 * - A word character is Python's Unicode `\w`: a letter (L*), a number (N*)
 *   or '_'.  Combining marks are not.
 * - Lower-casing is Python's str.lower(): utf8proc's simple mapping, plus the
 *   two places where Python's full mapping differs (U+0130 and a final
 *   capital sigma).
 * - Words of a statement: the lower-case `\w+` runs, as a multiset; two
 *   statements match by realnews_score.py's rule (dm_ev_words_match).
 */
#ifndef DM_EVAL_WORDS_H
#define DM_EVAL_WORDS_H

#include <stddef.h>
#include <stdint.h>

int dm_ev_word_char(int32_t c);

/* S lower-cased as Python's str.lower(); a new malloc'd string (NULL when
 * memory runs out). */
char *dm_ev_lower(const char *s, size_t n);

/* The lower-case \w+ words of a text, sorted (byte order), so that two
 * multisets meet in one merge.  The words point into TEXT, which the
 * dm_ev_words owns. */
typedef struct dm_ev_words {
	char *text; /* the lower-cased text, words NUL-terminated in place */
	const char **w;
	size_t n;
} dm_ev_words;

/* S may be NULL (no words).  Returns 0, or -1 when memory runs out (then
 * there is nothing to free). */
int dm_ev_words_of(dm_ev_words *out, const char *s);
void dm_ev_words_free(dm_ev_words *w);

/* How many words the two multisets share (each word min(count) times). */
size_t dm_ev_words_shared(const dm_ev_words *a, const dm_ev_words *b);

/* realnews_score.py's matches(): the shared words when gold G and
 * statement S match, else 0.  They match when they share at least
 * min(2, |G|, |S|) words and at least half of G's or half of S's. */
size_t dm_ev_words_match(const dm_ev_words *g, const dm_ev_words *s);

#endif
