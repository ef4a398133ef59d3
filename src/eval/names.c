/*
 * Is dictum's speaker the gold one: realnews_score.py's fold() and
 * speaker_ok() (said.h), step for step.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "dictum_buf.h"
#include "said.h"
#include "util/utf8.h"
#include "words.h"

/* The words fold() drops from the front of a name.  This is part of the
 * measure's definition: it mirrors HONORIFICS of the reference scorer,
 * ../shared/realnews/realnews_score.py, and must change with it. */
static const char *const honorifics[] = {
    "mr",         "mrs",        "ms",       "miss",  "dr",       "prof",       "professor", "sir",        "dame",
    "lord",       "lady",       "rev",      "sen",   "senator",  "rep",        "president", "gov",        "governor",
    "gen",        "general",    "col",      "lt",    "capt",     "judge",      "minister",  "secretary",  "mayor",
    "chairman",   "ceo",        "director", "jr",    "sr",       "cmdr",       "cdr",       "commander",  "adm",
    "admiral",    "maj",        "major",    "sgt",   "sergeant", "lieutenant", "colonel",   "captain",    "prime",
    "chancellor", "ambassador", "attorney", "chief", "justice",  "rabbi",      "father",    "pope",       "king",
    "queen",      "prince",     "princess", "coach", "speaker",  "leader",     "spokesman", "spokeswoman"};

/* A word fold() drops from the front: an article, or an honorific once
 * trailing dots are stripped (as the scorer's w[0].rstrip('.')). */
static int droppable(const char *w, size_t n)
{
	if ((n == 3 && !memcmp(w, "the", 3)) || (n == 1 && w[0] == 'a') || (n == 2 && !memcmp(w, "an", 2)))
		return 1;
	while (n > 0 && w[n - 1] == '.')
		n--;
	for (size_t i = 0; i < sizeof honorifics / sizeof *honorifics; i++)
		if (strlen(honorifics[i]) == n && !memcmp(honorifics[i], w, n))
			return 1;
	return 0;
}

/* NFKD without the characters of a non-zero combining class (the
 * scorer's unicodedata.combining()); malloc'd, or NULL. */
static char *decompose_bare(const char *s)
{
	utf8proc_uint8_t *d = NULL;
	utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)strlen(s), &d,
	                                  UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT);
	if (k == UTF8PROC_ERROR_NOMEM)
		return NULL;
	if (k < 0) /* not UTF-8, which neither gold (JSON) nor dictum gives: as it is */
		return strdup(s);
	size_t n = (size_t)k, o = 0;
	for (size_t i = 0; i < n;) {
		size_t at = i;
		int32_t c = dm_utf8_next((const char *)d, n, &i);
		if (utf8proc_get_property(c)->combining_class == 0) {
			memmove(d + o, d + at, i - at);
			o += i - at;
		}
	}
	d[o] = 0;
	return (char *)d;
}

char *dm_said_fold(const char *name)
{
	if (!name || !*name)
		return strdup("");
	char *bare = decompose_bare(name);
	char *s = bare ? dm_ev_lower(bare, strlen(bare)) : NULL;
	free(bare);
	if (!s)
		return NULL;
	/* ’ as ' (U+2019 is three bytes, ' one: the string only shrinks) */
	size_t n = 0;
	for (size_t i = 0; s[i];) {
		if (!memcmp(s + i, "\xE2\x80\x99", 3)) {
			s[n++] = '\'';
			i += 3;
		} else {
			s[n++] = s[i++];
		}
	}
	s[n] = 0;
	/* re.sub(r"'s$", ''): $ is the end, or before a newline that ends it */
	size_t end = n > 0 && s[n - 1] == '\n' ? n - 1 : n;
	if (end >= 2 && s[end - 2] == '\'' && s[end - 1] == 's') {
		memmove(s + end - 2, s + end, n - end + 1);
		n -= 2;
	}
	/* the [\w']+ words, leading ones dropped while droppable */
	dm_buf out = {0};
	int leading = 1;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		int32_t c = dm_utf8_next(s, n, &j);
		if (c != '\'' && !dm_ev_word_char(c)) {
			i = j;
			continue;
		}
		size_t start = i;
		for (i = j; i < n;) {
			j = i;
			c = dm_utf8_next(s, n, &j);
			if (c != '\'' && !dm_ev_word_char(c))
				break;
			i = j;
		}
		if (leading && droppable(s + start, i - start))
			continue;
		leading = 0;
		if (out.len)
			dm_buf_putc(&out, ' ');
		dm_buf_add(&out, s + start, i - start);
	}
	free(s);
	return dm_buf_finish(&out);
}

/* Does the space-separated word list S begin with the words of P? */
static int starts_with_words(const char *s, const char *p)
{
	size_t n = strlen(p);
	return !strncmp(s, p, n) && (s[n] == 0 || s[n] == ' ');
}

/* Same first word and same last word, each of two words or more. */
static int same_ends(const char *a, const char *b)
{
	const char *a1 = strchr(a, ' '), *b1 = strchr(b, ' ');
	if (!a1 || !b1 || a1 - a != b1 - b || strncmp(a, b, (size_t)(a1 - a)) != 0)
		return 0;
	return !strcmp(strrchr(a, ' '), strrchr(b, ' '));
}

static int is(const char *s, const char *what)
{
	return s && !strcmp(s, what);
}

/* The named gold's branches, on folded names P (dictum's) and G. */
static int same_speaker(const dm_said_gold *g, const char *p, const char *gs)
{
	if (!strcmp(p, gs))
		return 1;
	for (size_t i = 0; i < g->n_aliases; i++) {
		char *a = dm_said_fold(g->aliases[i]);
		if (!a)
			return -1;
		int same = !strcmp(p, a);
		free(a);
		if (same)
			return 1;
	}
	int two = strchr(p, ' ') != NULL; /* two words or more */
	if (is(g->speaker_type, "person") && two && same_ends(p, gs))
		return 1;
	/* the head of a longer organisation name: "Harbor Council" for
	 * "Harbor Council on Tides" */
	if (is(g->speaker_type, "organization") && two && starts_with_words(gs, p))
		return 1;
	return 0;
}

/* An unnamed source: right when dictum names nobody, or names what the
 * gold mention itself names ("a spokesperson for the Harbor Council"). */
static int unnamed_ok(const dm_said_gold *g, const char *speaker)
{
	if (!speaker || !*speaker)
		return 1;
	char *p = dm_said_fold(speaker), *m = dm_said_fold(g->mention);
	int ok = -1;
	if (p && m) {
		size_t pn = strlen(p), mn = strlen(m);
		char *pp = malloc(pn + 3), *mm = malloc(mn + 3);
		if (pp && mm) {
			snprintf(pp, pn + 3, " %s ", p);
			snprintf(mm, mn + 3, " %s ", m);
			ok = dm_utf8_count(p, pn) > 2 && strstr(mm, pp) != NULL;
		}
		free(pp);
		free(mm);
	}
	free(p);
	free(m);
	return ok;
}

int dm_said_speaker_ok(const dm_said_gold *g, const char *speaker)
{
	if (!g->speaker)
		return unnamed_ok(g, speaker);
	if (!speaker || !*speaker)
		return 0;
	char *p = dm_said_fold(speaker), *gs = dm_said_fold(g->speaker);
	int ok = p && gs ? same_speaker(g, p, gs) : -1;
	free(p);
	free(gs);
	return ok;
}
