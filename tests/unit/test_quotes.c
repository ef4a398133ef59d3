#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text/text.h"

#define LQ "\xE2\x80\x9C"
#define RQ "\xE2\x80\x9D"

typedef struct q {
	dm_text t;
	dm_arena a;
	const dm_quote *qs; /* the text's own: t.quotes, t.n_quotes */
	size_t n;
} q;

static void run(q *x, const char *s)
{
	memset(x, 0, sizeof *x);
	assert_int_equal(dm_text_analyse(&x->t, s, strlen(s), &x->a), 0);
	x->qs = x->t.quotes;
	x->n = x->t.n_quotes;
}

static void done(q *x)
{
	dm_text_free(&x->t);
	dm_arena_free(&x->a);
}

static void text_of(const q *x, size_t i, char *out, size_t cap)
{
	const dm_quote *k = &x->qs[i];
	size_t a = x->t.toks[k->first].start, b = x->t.toks[k->last - 1].end;
	snprintf(out, cap, "%.*s", (int)(b - a), x->t.raw + a);
}

static void curly_opened_straight_closed(void **state)
{
	(void)state;
	q x;
	char s[128];
	run(&x, "Body text comes first here.\n\n" LQ "It cannot wait\", Orsk noted, \"not a day.\"");
	assert_int_equal(x.n, 2);
	text_of(&x, 0, s, sizeof s);
	assert_string_equal(s, "It cannot wait");
	text_of(&x, 1, s, sizeof s);
	assert_string_equal(s, "not a day.");
	done(&x);
}

static void quotation_runs_over_paragraphs(void **state)
{
	(void)state;
	q x;
	run(&x, "Body text comes first here.\n\n" LQ "One.\n\nTwo." RQ "\n\n" LQ "Three.\n\n" LQ "Four." RQ
	        "\n\nAn open " LQ "mark\n\nis not carried on.");
	assert_int_equal(x.n, 3);
	assert_true(x.qs[0].close != UINT32_MAX);    /* One..Two, closed in the next paragraph */
	assert_true(x.t.toks[x.qs[1].last].end > 0); /* Three..Four: reopened, then closed */
	assert_int_equal(x.t.toks[x.qs[1].close].start, strstr(x.t.raw, "Four.") - x.t.raw + 5);
	assert_int_equal(x.qs[2].close, UINT32_MAX); /* never closed: ends with its paragraph */
	assert_true(x.t.toks[x.qs[2].last - 1].end <= (uint32_t)(strstr(x.t.raw, "is not") - x.t.raw));
	done(&x);
}

static void apostrophes_are_not_quotes(void **state)
{
	(void)state;
	q x;
	run(&x, "Body text comes first here.\n\nThe voters\xE2\x80\x99 mood and Lund\xE2\x80\x99s port don't change.");
	assert_int_equal(x.n, 0);
	done(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(curly_opened_straight_closed),
	    cmocka_unit_test(quotation_runs_over_paragraphs),
	    cmocka_unit_test(apostrophes_are_not_quotes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
