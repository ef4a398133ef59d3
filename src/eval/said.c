/*
 * Scoring who said what (said.h): the loops of realnews_score.py and
 * polnear_speaker_score.py, the figures they count, and the errors they
 * list.
 */
#include "said.h"

#include <stdlib.h>
#include <string.h>

#include "dictum_buf.h"
#include "util/utf8.h"
#include "util/vec.h"
#include "words.h"

static int by_start(const void *a, const void *b)
{
	const dm_said_range *x = a, *y = b;
	return (x->start > y->start) - (x->start < y->start);
}

size_t dm_said_ranges_merge(dm_said_range *r, size_t n)
{
	if (n < 2)
		return n;
	qsort(r, n, sizeof *r, by_start);
	size_t k = 0;
	for (size_t i = 1; i < n; i++) {
		if (r[i].start <= r[k].end) {
			if (r[i].end > r[k].end)
				r[k].end = r[i].end;
		} else {
			r[++k] = r[i];
		}
	}
	return k + 1;
}

/* Code points two sorted, disjoint range lists share. */
static size_t points_shared(const dm_said_range *a, size_t na, const dm_said_range *b, size_t nb)
{
	size_t k = 0;
	for (size_t i = 0, j = 0; i < na && j < nb;) {
		uint32_t s = a[i].start > b[j].start ? a[i].start : b[j].start;
		uint32_t e = a[i].end < b[j].end ? a[i].end : b[j].end;
		if (s < e)
			k += e - s;
		if (a[i].end < b[j].end)
			i++;
		else
			j++;
	}
	return k;
}

/* One page's statements on both sides, with their words when by words. */
typedef struct page {
	dm_said_by by;
	const dm_said_gold *g;
	const dm_said_pred **p; /* headlines aside */
	size_t ng, np;
	dm_ev_words *gw, *pw;
} page;

/* How well gold I and statement J meet: 0 not at all, more is better. */
static size_t fit(const page *pg, size_t i, size_t j)
{
	if (pg->by == DM_SAID_BY_WORDS)
		return dm_ev_words_match(&pg->gw[i], &pg->pw[j]);
	return points_shared(pg->g[i].at, pg->g[i].n_at, pg->p[j]->at, pg->p[j]->n_at);
}

/* Of the other side, the statement that meets statement K best (the first
 * of equals), or -1: of dictum's statements for gold K with OF_GOLD, of the
 * gold for dictum's K without. */
static long best_match(const page *pg, size_t k, int of_gold)
{
	size_t best = 0, n = of_gold ? pg->np : pg->ng;
	long at = -1;
	for (size_t x = 0; x < n; x++) {
		size_t o = of_gold ? fit(pg, k, x) : fit(pg, x, k);
		if (o > best) {
			best = o;
			at = (long)x;
		}
	}
	return at;
}

/* The first 90 code points of S (as the scorers' [:90]), line breaks and
 * tabs as spaces so that an error stays on its line; malloc'd. */
static char *excerpt(const char *s)
{
	dm_buf b = {0};
	size_t n = s ? strlen(s) : 0, i = 0;
	for (int k = 0; k < 90 && i < n; k++) {
		size_t at = i;
		int32_t c = dm_utf8_next(s, n, &i);
		if (c < 0x20)
			dm_buf_putc(&b, ' ');
		else
			dm_buf_add(&b, s + at, i - at);
	}
	return dm_buf_finish(&b);
}

static char *copy_or_null(const char *s, int *failed)
{
	if (!s)
		return NULL;
	char *c = strdup(s);
	*failed |= !c;
	return c;
}

static void error_free(dm_said_error *e)
{
	free(e->page);
	free(e->text);
	free(e->gold);
	free(e->speaker);
}

static int add_error(dm_said *sc, dm_said_kind kind, const char *pg, const char *text, const dm_said_gold *g,
                     const char *speaker)
{
	if (dm_reserve(&sc->errors, &sc->cap_errors, sc->n_errors, sizeof *sc->errors))
		return -1;
	int failed = 0;
	dm_said_error e = {.kind = kind, .met = g != NULL};
	e.page = copy_or_null(pg, &failed);
	e.text = excerpt(text);
	e.gold = copy_or_null(g ? g->speaker : NULL, &failed);
	e.speaker = copy_or_null(speaker, &failed);
	if (failed || !e.text) {
		error_free(&e);
		return -1;
	}
	sc->errors[sc->n_errors++] = e;
	return 0;
}

/* What an error about gold G quotes: its content, or by code points (where
 * the gold has none) the words naming its source, as the scorer does. */
static const char *gold_text(const dm_said_gold *g)
{
	return g->content ? g->content : g->mention;
}

static int named(const dm_said_pred *p)
{
	return p->speaker && *p->speaker;
}

static int score(dm_said *sc, const char *name, const page *pg)
{
	for (size_t i = 0; i < pg->ng; i++) {
		const dm_said_gold *g = &pg->g[i];
		long j = best_match(pg, i, 1);
		if (j < 0) {
			if (add_error(sc, DM_SAID_MISSED, name, gold_text(g), g, NULL))
				return -1;
			continue;
		}
		sc->found++;
		int ok = dm_said_speaker_ok(g, pg->p[j]->speaker);
		if (ok < 0)
			return -1;
		if (ok)
			sc->right++;
		else if (add_error(sc, DM_SAID_WRONG_SPEAKER, name, gold_text(g), g, pg->p[j]->speaker))
			return -1;
	}
	for (size_t j = 0; j < pg->np; j++) {
		const dm_said_pred *p = pg->p[j];
		/* polnear_speaker_score.py looks at named statements only: PolNeAR
		 * annotates studies and polls too, so it measures no precision */
		if (pg->by == DM_SAID_BY_POINTS && !named(p))
			continue;
		long i = best_match(pg, j, 0);
		const dm_said_gold *g = i >= 0 ? &pg->g[i] : NULL;
		if (pg->by == DM_SAID_BY_WORDS) {
			if (g)
				sc->matched++;
			else if (add_error(sc, DM_SAID_NOT_STATEMENT, name, p->content, NULL, p->speaker))
				return -1;
		}
		if (!named(p))
			continue;
		sc->named++;
		int ok = g ? dm_said_speaker_ok(g, p->speaker) : 0;
		if (ok < 0)
			return -1;
		if (!ok) {
			sc->wrong_named++;
			if (add_error(sc, DM_SAID_WRONGLY_NAMED, name, p->content, g, p->speaker))
				return -1;
		}
	}
	return 0;
}

int dm_said_score(dm_said *sc, const char *name, const dm_said_gold *g, size_t ng, const dm_said_pred *p, size_t np)
{
	page pg = {.by = sc->by, .g = g, .ng = ng};
	pg.p = malloc((np + 1) * sizeof *pg.p);
	if (!pg.p)
		return -1;
	for (size_t j = 0; j < np; j++)
		if (!p[j].headline)
			pg.p[pg.np++] = &p[j];
	int rc = 0;
	if (sc->by == DM_SAID_BY_WORDS) {
		pg.gw = calloc(ng + 1, sizeof *pg.gw);
		pg.pw = calloc(pg.np + 1, sizeof *pg.pw);
		rc = pg.gw && pg.pw ? 0 : -1;
		for (size_t i = 0; i < ng && rc == 0; i++)
			rc = dm_ev_words_of(&pg.gw[i], g[i].content);
		for (size_t j = 0; j < pg.np && rc == 0; j++)
			rc = dm_ev_words_of(&pg.pw[j], pg.p[j]->content);
	}
	sc->pages++;
	sc->gold += (long)ng;
	sc->pred += (long)pg.np;
	if (rc == 0)
		rc = score(sc, name, &pg);
	for (size_t i = 0; pg.gw && i < ng; i++)
		dm_ev_words_free(&pg.gw[i]);
	for (size_t j = 0; pg.pw && j < pg.np; j++)
		dm_ev_words_free(&pg.pw[j]);
	free(pg.gw);
	free(pg.pw);
	free(pg.p);
	return rc;
}

static double ratio(long a, long b)
{
	return b ? (double)a / (double)b : 0;
}

static void quoted(FILE *f, const char *label, const char *s)
{
	if (s)
		fprintf(f, "  %s=\"%s\"", label, s);
	else
		fprintf(f, "  %s=null", label);
}

static void list_errors(const dm_said *sc, FILE *f)
{
	static const char *const heads[] = {
	    "missed: gold statements no statement of dictum's meets",
	    "wrong speaker: gold statements found with the wrong speaker (on the statement meeting most)",
	    "not a statement: dictum's statements that meet no gold one",
	    "wrongly named: dictum's statements with a speaker, meeting no gold statement or another speaker's"};
	/* a hash is told apart by its first 8 characters, an article's name
	 * needs more (as the scorers print them) */
	int width = sc->by == DM_SAID_BY_WORDS ? 8 : 40;
	for (int k = 0; k < DM_SAID_KINDS; k++) {
		size_t n = 0;
		for (size_t i = 0; i < sc->n_errors; i++)
			n += sc->errors[i].kind == (dm_said_kind)k;
		if (n == 0)
			continue;
		fprintf(f, "\n%s (%zu)\n", heads[k], n);
		for (size_t i = 0; i < sc->n_errors; i++) {
			const dm_said_error *e = &sc->errors[i];
			if (e->kind != (dm_said_kind)k)
				continue;
			int source = sc->by == DM_SAID_BY_POINTS && e->kind <= DM_SAID_WRONG_SPEAKER;
			fprintf(f, "  %-*.*s  %s\"%s\"", width, width, e->page, source ? "source=" : "", e->text);
			if (e->kind != DM_SAID_NOT_STATEMENT) {
				if (e->met)
					quoted(f, "gold", e->gold);
				else
					fputs("  gold=(no statement)", f);
			}
			if (e->kind != DM_SAID_MISSED)
				quoted(f, "dictum", e->speaker);
			fputc('\n', f);
		}
	}
}

void dm_said_report(const dm_said *sc, FILE *f, int verbose)
{
	int words = sc->by == DM_SAID_BY_WORDS;
	const char *pages = words ? "pages" : "articles", *gold = words ? "gold statements" : "attributions";
	fprintf(f, "%ld %s, %ld %s, %ld statements of dictum's (headlines aside), %ld naming a speaker\n\n", sc->pages,
	        pages, sc->gold, gold, sc->pred, sc->named);
	fprintf(f, "found          %.3f  %ld of %ld %s meet a statement of dictum's\n", ratio(sc->found, sc->gold),
	        sc->found, sc->gold, gold);
	fprintf(f, "right speaker  %.3f  %ld of %ld found with the right speaker\n", ratio(sc->right, sc->gold),
	        sc->right, sc->gold);
	if (words)
		fprintf(f, "precision      %.3f  %ld of %ld statements of dictum's meet a gold one\n",
		        ratio(sc->matched, sc->pred), sc->matched, sc->pred);
	fprintf(f, "wrongly named  %.3f  %ld of %ld naming a speaker: no gold statement, or another speaker\n",
	        ratio(sc->wrong_named, sc->named), sc->wrong_named, sc->named);
	if (verbose)
		list_errors(sc, f);
	fprintf(f, "\nSUMMARY found=%.3f right_speaker=%.3f", ratio(sc->found, sc->gold), ratio(sc->right, sc->gold));
	if (words)
		fprintf(f, " precision=%.3f", ratio(sc->matched, sc->pred));
	fprintf(f, " wrongly_named=%.3f gold=%ld pred=%ld %s=%ld\n", ratio(sc->wrong_named, sc->named), sc->gold,
	        sc->pred, pages, sc->pages);
}

void dm_said_free(dm_said *sc)
{
	for (size_t i = 0; i < sc->n_errors; i++)
		error_free(&sc->errors[i]);
	free(sc->errors);
	sc->errors = NULL;
	sc->n_errors = sc->cap_errors = 0;
}
