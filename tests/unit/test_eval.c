#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(pages_measure),
	    cmocka_unit_test(exact_overlap_and_one_to_one),
	    cmocka_unit_test(span_text_over_several_lines),
	    cmocka_unit_test(malformed_line_is_reported),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
