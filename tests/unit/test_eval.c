#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "eval/eval.h"

/*          0         1         2         3         4
 *          01234567890123456789012345678901234567890123456789 */
#define TEXT "Ines Kolar said that the ferry will run, it seems."

static void parse(const char *ann, dm_ev_doc *d)
{
	size_t bad = 0;
	assert_int_equal(dm_ev_parse(ann, strlen(ann), d, &bad), 0);
}

static void exact_overlap_and_one_to_one(void **state)
{
	(void)state;
	dm_ev_doc g, p;
	parse("T1\tSource 0 10\tInes Kolar\nT2\tCue 11 15\tsaid\nT3\tContent 16 39\tthat the ferry will run\n"
	      "T9\tAttribution 11 15\tsaid\nE1\tAttribution:T9 Source:T1 Cue:T2 Content:T3\n",
	      &g);
	/* source exact but for a trailing space (trimmed), cue overlapping
	 * only, content the same plus a comma (trimmed), and one extra content */
	parse("T1\tContent 16 40\tthat the ferry will run,\nT2\tSource 0 11\tInes Kolar \nT3\tCue 11 20\tsaid that\n"
	      "T4\tContent 17 30\that the ferry\n"
	      "E1\tAttribution:T3 Cue:T3 Source:T2 Content:T1\n",
	      &p);
	assert_int_equal(g.n_spans, 3);
	assert_int_equal(g.n_attrs, 1);
	dm_eval ev = {0};
	dm_ev_score(&ev, TEXT, strlen(TEXT), &g, &p);
	assert_int_equal(ev.exact[EV_SOURCE].tp, 1);
	assert_int_equal(ev.exact[EV_CUE].tp, 0);
	assert_int_equal(ev.overlap[EV_CUE].tp, 1);
	assert_int_equal(ev.exact[EV_CONTENT].tp, 1);
	assert_int_equal(ev.overlap[EV_CONTENT].tp, 1); /* one gold: one match, not two */
	assert_int_equal(ev.overlap[EV_CONTENT].pred, 2);
	assert_int_equal(ev.overlap[EV_TYPES].tp, 1);
	assert_int_equal(ev.exact[EV_TYPES].tp, 0); /* the cue is not exact */
	assert_int_equal(ev.unquoted.gold, 1);
	dm_ev_doc_free(&g);
	dm_ev_doc_free(&p);
}

static void span_text_over_several_lines(void **state)
{
	(void)state;
	dm_ev_doc d;
	const char *ann = "T1\tContent 0 10;12 20\tIt ran\n\nThe rest of it\nT2\tCue 30 34\tsaid\n"
	                  "E1\tAttribution:T2 Cue:T2 Content:T1\n";
	parse(ann, &d);
	assert_int_equal(d.n_spans, 2);
	assert_int_equal(d.spans[0].n, 2);
	assert_int_equal(d.n_attrs, 1);
	dm_ev_doc_free(&d);
}

static void malformed_line_is_reported(void **state)
{
	(void)state;
	dm_ev_doc d;
	size_t bad = 0;
	const char *ann = "T1\tCue 11 15\tsaid\nT2\tContent x y\toops\n";
	assert_int_equal(dm_ev_parse(ann, strlen(ann), &d, &bad), -1);
	assert_int_equal(bad, 2);
}

/* The extraction benchmark's measure: word 4-grams as multisets. */
static void pages_measure(void **state)
{
	(void)state;
	dm_pages acc = {0};
	/* 6 words, 3 4-grams; the prediction has the first 5 words (2 of 3) */
	double f1 = dm_pages_score(&acc, "One two three, four five.", 25, "one two three four five six", 27);
	assert_true(fabs(f1 - 0.4) < 1e-9); /* case counts: only "two three four five" shared, P 1/2, R 1/3 */
	f1 = dm_pages_score(&acc, "one two three, four five.", 25, "one two three four five six", 27);
	assert_true(fabs(f1 - 0.8) < 1e-9); /* P 2/2, R 2/3 */
	/* fewer than four words: one n-gram of them all; both empty: 1 */
	f1 = dm_pages_score(&acc, "caf\xc3\xa9 au_lait", 13, "caf\xc3\xa9 au_lait", 13);
	assert_true(fabs(f1 - 1) < 1e-9);
	f1 = dm_pages_score(&acc, "", 0, "...", 3);
	assert_true(fabs(f1 - 1) < 1e-9);
	/* a repeated 4-gram counts as often as it occurs in both */
	f1 = dm_pages_score(&acc, "a b c d a b c d", 15, "a b c d", 7);
	assert_true(fabs(f1 - 2 * 0.2 / 1.2) < 1e-9); /* P 1/5, R 1/1 */
	assert_int_equal(acc.pages, 5);
	assert_true(fabs(acc.precision / (double)acc.n_precision - (0.5 + 1 + 1 + 1 + 0.2) / 5) < 1e-9);
}

/* ---- page metadata (dm_meta_*), on strings of our own ---- */

static void assert_norm(const char *in, const char *want)
{
	char *got = dm_meta_norm(in, strlen(in));
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void meta_normaliser(void **state)
{
	(void)state;
	/* character references, named and numeric, decoded once */
	assert_norm("Ferries &amp; Tides", "ferries & tides");
	assert_norm("Kolar&#8217;s &#x201C;quiet&#x201D; bay", "kolar's \"quiet\" bay");
	assert_norm("Caf&eacute; &nbsp;Nord", "caf\xc3\xa9 nord");
	assert_norm("&bogus; &#0; &amp", "&bogus; &#0; &amp"); /* not references: kept */
	/* NFC: a decomposed e + acute is the composed one */
	assert_norm("Cafe\xcc\x81", "caf\xc3\xa9");
	/* typographic quotes, apostrophes, dashes, the ellipsis as ASCII */
	assert_norm("\xe2\x80\x98"
	            "Ferry\xe2\x80\x99 \xe2\x80\x93 bay \xe2\x80\x94 tide\xe2\x80\xa6",
	            "'ferry' - bay - tide...");
	/* white space, no-break spaces too, collapsed and trimmed; case folded */
	assert_norm("  The\tHarbour\n\xc2\xa0 GAZETTE  ", "the harbour gazette");
	assert_norm("STRA\xc3\x9f"
	            "E",
	            "strasse");
	assert_norm("", "");
}

static void meta_titles_and_dates(void **state)
{
	(void)state;
	assert_true(dm_meta_title_right("Tide tables &#8216;wrong&#8217;", "tide  tables 'WRONG'"));
	assert_false(dm_meta_title_right("Tide tables wrong | The Harbour Gazette", "Tide tables wrong"));
	assert_false(dm_meta_title_right(NULL, "Tide tables wrong"));
	assert_false(dm_meta_title_right("", ""));
	/* dates: the first 10 characters */
	assert_true(dm_meta_date_right("2031-04-05T23:10:00-05:00", "2031-04-05"));
	assert_true(dm_meta_date_right("2031-04-05", "2031-04-05"));
	assert_false(dm_meta_date_right("2031-04-06", "2031-04-05"));
	assert_false(dm_meta_date_right("2031-04", "2031-04-05"));
	assert_false(dm_meta_date_right(NULL, "2031-04-05"));
	assert_false(dm_meta_date_right("2031-04-05", NULL));
}

static void meta_outlets(void **state)
{
	(void)state;
	assert_true(dm_meta_outlet_right("Harbour Gazette", "The Harbour Gazette"));
	assert_true(dm_meta_outlet_right("THE HARBOUR GAZETTE", "harbour gazette"));
	/* a side that is a domain: "www." and its top-level suffix left out */
	assert_true(dm_meta_outlet_right("HarbourGazette.com", "HarbourGazette"));
	assert_true(dm_meta_outlet_right("harbourgazette", "www.harbourgazette.co.uk"));
	assert_true(dm_meta_outlet_right("Gazette.ie", "gazette.com"));
	assert_false(dm_meta_outlet_right("HarbourGazette.com", "Harbour Gazette")); /* words are not a domain */
	assert_false(dm_meta_outlet_right("Harbour Gazette Group", "Harbour Gazette"));
	assert_false(dm_meta_outlet_right("U.S.", "U.K."));
	assert_false(dm_meta_outlet_right(NULL, "Harbour Gazette"));
	assert_false(dm_meta_outlet_right("The Gazette", "  ")); /* a gold of nothing is never met */
}

static void meta_authors(void **state)
{
	(void)state;
	const char *gold[] = {"Ines Kolar", "Tomas Brenn&eacute;"};
	const char *same[] = {"TOMAS BRENN\xc3\x89", "ines  kolar", "Ines Kolar"}; /* order, case, repeats */
	const char *fewer[] = {"Ines Kolar"};
	const char *more[] = {"Ines Kolar", "Tomas Brenne", "Harbour Gazette"};
	assert_true(dm_meta_authors_right(same, 3, gold, 2));
	assert_false(dm_meta_authors_right(fewer, 1, gold, 2));
	assert_false(dm_meta_authors_right(more, 3, gold, 2));
	assert_true(dm_meta_authors_right(NULL, 0, NULL, 0)); /* none credited, none found */
	assert_false(dm_meta_authors_right(fewer, 1, NULL, 0));
}

/* A gold file of our own for the page below; the path is malloc'd. */
static char *meta_gold_file(const char *json)
{
	char *path = strdup("/tmp/dictum-meta-XXXXXX");
	int fd = path ? mkstemp(path) : -1;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, json, strlen(json)), (ssize_t)strlen(json));
	close(fd);
	return path;
}

static void meta_gold_and_score(void **state)
{
	(void)state;
	/*                 0         1         2         3         4         5         6
	 *                 0123456789012345678901234567890123456789012345678901234567890123456789 */
	const char *page = "<h1>Ferries &amp; tides</h1><p>By Ines Kolar</p><i>Harbour Gazette</i>";
	char *path = meta_gold_file("{\"about\": \"ours\", \"pages\": {"
	                            "\"p1\": {\"title\": [4, 23], \"authors\": [[34, 44]], \"date\": \"2031-04-05\","
	                            " \"date_also\": [\"2031-04-06\"], \"outlet\": [51, 66], \"note\": \"ours\"},"
	                            "\"p2\": {\"title\": [4, 23], \"authors\": [], \"date\": null,"
	                            " \"outlet\": {\"domain\": true}}}}");
	dm_meta m;
	char err[256];
	assert_int_equal(dm_meta_load(&m, path, err, sizeof err), 0);
	const char *authors[] = {"Ines Kolar"};
	dm_document d = {.title = "Ferries & Tides",
	                 .outlet = "harbour gazette",
	                 .date = "2031-04-06T01:00:00Z",
	                 .authors = authors,
	                 .n_authors = 1};
	assert_int_equal(dm_meta_score(&m, "p1", &d, page, strlen(page), NULL, 1, err, sizeof err), 0);
	/* p2: nothing credited, no date; the outlet is the address's host */
	dm_document e = {.title = "Ferries", .outlet = "Gazette.com", .date = "2031-04-05"};
	assert_int_equal(
	    dm_meta_score(&m, "p2", &e, page, strlen(page), "https://www.gazette.com/x", 1, err, sizeof err), 0);
	assert_int_equal(dm_meta_score(&m, "p3", &e, page, strlen(page), NULL, 0, err, sizeof err), 1);
	/* a range past the page's end */
	assert_int_equal(dm_meta_score(&m, "p1", &d, page, 40, NULL, 0, err, sizeof err), -1);
	assert_non_null(strstr(err, "outside the page"));
	assert_int_equal(m.scored, 2);
	assert_int_equal(m.title_right, 1);
	assert_int_equal(m.authors_right, 2);
	assert_int_equal(m.outlet_right, 2);
	assert_int_equal(m.dates_given, 2);
	assert_int_equal(m.dates_right, 1);
	assert_int_equal(m.dates_wrong, 1);
	assert_int_equal(m.dates_invented, 1);
	assert_int_equal(m.dates_missed, 0);
	assert_non_null(strstr(m.verbose.data, "title    right gold \"Ferries & tides\""));
	assert_non_null(strstr(m.verbose.data, "(the address's host)"));
	FILE *f = tmpfile();
	assert_non_null(f);
	dm_meta_report(&m, f);
	char out[1024] = {0};
	rewind(f);
	assert_true(fread(out, 1, sizeof out - 1, f) > 0);
	fclose(f);
	assert_non_null(strstr(out, "Title right   0.500 (1 of 2)\n"));
	assert_non_null(strstr(out, "Outlet right  1.000 (2 of 2)\n"));
	assert_non_null(strstr(out, "Dates given   2, right 1, wrong 1 (invented: given where the gold has none 1); "
	                            "missed 0\n"));
	dm_meta_free(&m);
	unlink(path);
	free(path);
}

static void meta_gold_errors(void **state)
{
	(void)state;
	static const struct {
		const char *json, *says;
	} bad[] = {
	    {"{\"pages\": {\"p1\": ", "not valid JSON (line 1"},
	    {"{\"about\": \"x\"}", "no \"pages\" object"},
	    {"{\"pages\": {\"p1\": {\"title\": [9, 4], \"authors\": [], \"date\": null, \"outlet\": [0, 1]}}}",
	     "page p1: title is not a byte range"},
	    {"{\"pages\": {\"p1\": {\"title\": [0, 4], \"authors\": [\"Ines\"], \"date\": null, \"outlet\": [0, 1]}}}",
	     "page p1: authors is not a list of byte ranges"},
	    {"{\"pages\": {\"p1\": {\"title\": [0, 4], \"authors\": [], \"date\": \"5 April\", \"outlet\": [0, 1]}}}",
	     "page p1: date is not"},
	    {"{\"pages\": {\"p1\": {\"title\": [0, 4], \"authors\": [], \"date\": null, \"outlet\": \"x\"}}}",
	     "page p1: outlet is not"},
	    {"{\"pages\": {\"p1\": {\"title\": [0, 4], \"authors\": [], \"date\": null, \"outlet\": [0, 1], "
	     "\"outlets\": []}}}",
	     "page p1: a field that is none of"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char *path = meta_gold_file(bad[i].json), err[256] = "";
		dm_meta m;
		assert_int_equal(dm_meta_load(&m, path, err, sizeof err), -1);
		if (!strstr(err, bad[i].says))
			fail_msg("gold %zu: \"%s\" does not say \"%s\"", i, err, bad[i].says);
		unlink(path);
		free(path);
	}
	char err[256];
	dm_meta m;
	assert_int_equal(dm_meta_load(&m, "/nonexistent/pages-meta.json", err, sizeof err), -1);
	assert_string_equal(err, "cannot be read");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(pages_measure),
	    cmocka_unit_test(exact_overlap_and_one_to_one),
	    cmocka_unit_test(span_text_over_several_lines),
	    cmocka_unit_test(malformed_line_is_reported),
	    cmocka_unit_test(meta_normaliser),
	    cmocka_unit_test(meta_titles_and_dates),
	    cmocka_unit_test(meta_outlets),
	    cmocka_unit_test(meta_authors),
	    cmocka_unit_test(meta_gold_and_score),
	    cmocka_unit_test(meta_gold_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
