/*
 * Who said what, scored as the reference scorers do (eval/said.h,
 * eval/words.h): the words and the match rule, fold(), each branch of
 * speaker_ok(), and the figures of small invented pages, exactly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "eval/said.h"
#include "eval/words.h"

/* ---- words ---- */

static size_t match(const char *g, const char *s)
{
	dm_ev_words a, b;
	assert_int_equal(dm_ev_words_of(&a, g), 0);
	assert_int_equal(dm_ev_words_of(&b, s), 0);
	size_t o = dm_ev_words_match(&a, &b);
	dm_ev_words_free(&a);
	dm_ev_words_free(&b);
	return o;
}

/* The words of S, one space apart, in their sorted order. */
static void assert_words(const char *s, const char *want)
{
	dm_ev_words w;
	assert_int_equal(dm_ev_words_of(&w, s), 0);
	char got[256] = "";
	for (size_t i = 0; i < w.n; i++) {
		if (i)
			strcat(got, " ");
		strcat(got, w.w[i]);
	}
	dm_ev_words_free(&w);
	assert_string_equal(got, want);
}

static void words_are_python_w(void **state)
{
	(void)state;
	assert_words("The ferry, the FERRY: snake_case 42!", "42 ferry ferry snake_case the the");
	assert_words("Zoë’s café", "café s zoë");
	/* a combining mark is no word character: it splits the word */
	assert_words("cafe\xCC\x81 open", "cafe open");
	/* Python lowers İ to i and a combining dot, which splits too */
	assert_words("\xC4\xB0zmir", "i zmir");
	assert_words(NULL, "");
	assert_words("-- ... --", "");
}

static void lower_is_python_lower(void **state)
{
	(void)state;
	char *s = dm_ev_lower("ΟΔΟΣ ΣΑΣ.", strlen("ΟΔΟΣ ΣΑΣ."));
	/* a capital sigma ending a word (a full stop does not count) is final */
	assert_string_equal(s, "οδος σας.");
	free(s);
	s = dm_ev_lower("ΣΑ Σ", strlen("ΣΑ Σ"));
	assert_string_equal(s, "σα σ"); /* alone, or starting a word: not final */
	free(s);
	/* inside a word, a full stop (case-ignorable) between letters */
	s = dm_ev_lower("ΑΣΑ ΑΣ.Α", strlen("ΑΣΑ ΑΣ.Α"));
	assert_string_equal(s, "ασα ασ.α");
	free(s);
}

static void match_rule(void **state)
{
	(void)state;
	/* all 4 of the statement's 4 words (of the gold's 6) */
	assert_int_equal(match("The ferry will run on Sunday", "the ferry will run"), 4);
	/* one word each, the same: all of the shorter one */
	assert_int_equal(match("Yes.", "yes"), 1);
	/* one shared word of a one-word statement is half of it */
	assert_int_equal(match("The harbour stays open all winter", "open"), 1);
	/* two shared words are enough, half of the gold's 4 */
	assert_int_equal(match("ferries stop at dusk", "ferries stop running"), 2);
	/* one shared word is not enough when both have two or more */
	assert_int_equal(match("ferries stop at dusk", "ferries and buses and trams and carts"), 0);
	/* 2 shared: under half of 5 and of 6 */
	assert_int_equal(match("one two three four five", "one two six seven eight nine"), 0);
	/* 3 shared: half of 5 at least */
	assert_int_equal(match("one two three four five", "one two three seven eight nine"), 3);
	/* multisets: each word as often as both have it */
	assert_int_equal(match("no no", "no no no"), 2);
	assert_int_equal(match("no no no", "no"), 1);
	assert_int_equal(match("", "anything at all"), 0);
}

/* ---- fold and speaker_ok ---- */

static void assert_fold(const char *name, const char *want)
{
	char *f = dm_said_fold(name);
	assert_non_null(f);
	assert_string_equal(f, want);
	free(f);
}

static void fold_names(void **state)
{
	(void)state;
	assert_fold("Dr. Zoë Müller-Ávila", "zoe muller avila");
	assert_fold("The Mayor Tomas Örn’s", "tomas orn");
	assert_fold("Sen. Rep. Lila Varga", "lila varga");
	assert_fold("Spokeswoman Lila Varga", "lila varga");
	assert_fold("a Chief Justice Ivo Brandt Jr.", "ivo brandt jr");  /* only leading words go */
	assert_fold("\xEF\xAC\x81ne Arts Council", "fine arts council"); /* NFKD: the ligature */
	assert_fold("Ana's\n", "ana");
	assert_fold("O'Dara", "o'dara");
	assert_fold("the", "");
	assert_fold(NULL, "");
}

static int ok(const dm_said_gold *g, const char *speaker)
{
	int r = dm_said_speaker_ok(g, speaker);
	assert_true(r == 0 || r == 1);
	return r;
}

static void speaker_named(void **state)
{
	(void)state;
	dm_said_gold person = {.speaker = "Ana María Pérez", .speaker_type = "person", .mention = ""};
	assert_true(ok(&person, "Dr. Ana Maria Perez")); /* folded equal */
	assert_true(ok(&person, "Ana Pérez"));           /* same first and last word */
	assert_false(ok(&person, "Pérez"));              /* one word is not enough */
	assert_false(ok(&person, "Ana María"));          /* not the last word */
	assert_false(ok(&person, NULL));
	assert_false(ok(&person, ""));

	const char *aliases[] = {"HFA", NULL};
	dm_said_gold org = {.speaker = "Harbor Ferry Authority on River Tides",
	                    .aliases = aliases,
	                    .n_aliases = 2,
	                    .speaker_type = "organization",
	                    .mention = ""};
	assert_true(ok(&org, "HFA"));                 /* an alias */
	assert_true(ok(&org, "the Harbor Ferry"));    /* the head of the name */
	assert_false(ok(&org, "Harbor"));             /* a head of one word is not */
	assert_false(ok(&org, "Harbor Ferry Board")); /* not the head */
	assert_false(ok(&org, "Harbor Ferry Authority on River Tides Board"));
	assert_false(ok(&org, "Harbor Tides")); /* first and last word: persons only */

	/* the branches go by the gold's type */
	dm_said_gold person_like = person;
	person_like.speaker_type = "organization";
	assert_false(ok(&person_like, "Ana Pérez"));
	dm_said_gold org_like = org;
	org_like.speaker_type = "person";
	assert_false(ok(&org_like, "Harbor Ferry"));
	assert_true(ok(&org_like, "Harbor Tides"));
}

static void speaker_unnamed(void **state)
{
	(void)state;
	dm_said_gold g = {
	    .speaker = NULL, .speaker_type = "unnamed", .mention = "a spokesperson for the Lantern Council"};
	assert_true(ok(&g, NULL));
	assert_true(ok(&g, ""));
	assert_true(ok(&g, "Lantern Council")); /* named in the mention itself */
	assert_true(ok(&g, "The Lantern Council"));
	assert_false(ok(&g, "Lan")); /* not a whole word of it */
	assert_false(ok(&g, "Ana Pérez"));
	dm_said_gold short_name = {.speaker = NULL, .mention = "Al and a neighbour"};
	assert_false(ok(&short_name, "Al")); /* two letters are too few to tell */
	dm_said_gold no_mention = {.speaker = NULL, .mention = ""};
	assert_false(ok(&no_mention, "Lantern Council"));
}

/* ---- scoring ---- */

static dm_said_gold named(const char *content, const char *speaker)
{
	return (dm_said_gold){.content = content, .speaker = speaker, .speaker_type = "person", .mention = ""};
}

static dm_said_pred said(const char *content, const char *speaker)
{
	return (dm_said_pred){.content = content, .speaker = speaker};
}

static size_t errors_of(const dm_said *sc, dm_said_kind k)
{
	size_t n = 0;
	for (size_t i = 0; i < sc->n_errors; i++)
		n += sc->errors[i].kind == k;
	return n;
}

static void page_by_words(void **state)
{
	(void)state;
	dm_said_gold g[] = {
	    named("the lighthouse will close in March", "Ines Kolar"),
	    named("We have never seen the river this low", "Tomas Örn"),
	    {.content = "the bridge repairs will take two years", .speaker = NULL, .mention = "officials"},
	    named("Our volunteers rebuilt the pier", "Ines Kolar"),
	};
	dm_said_pred p[] = {
	    said("the lighthouse will close in March", "Ines Kolar"),      /* right */
	    said("We have never seen the river this low", "Ines Kolar"),   /* wrong name */
	    said("the bridge repairs will take two years", NULL),          /* unnamed, right */
	    said("The weather was mild", "Paul Dunne"),                    /* no statement: named */
	    said("Tickets cost more this year", NULL),                     /* no statement: unnamed */
	    {.content = "Our volunteers rebuilt the pier", .headline = 1}, /* a headline: not counted */
	};
	dm_said sc = {.by = DM_SAID_BY_WORDS};
	assert_int_equal(dm_said_score(&sc, "pageA", g, 4, p, 6), 0);
	assert_int_equal(sc.pages, 1);
	assert_int_equal(sc.gold, 4);
	assert_int_equal(sc.pred, 5);
	assert_int_equal(sc.found, 3);       /* the pier only in the headline */
	assert_int_equal(sc.right, 2);       /* lighthouse, bridge */
	assert_int_equal(sc.matched, 3);     /* precision 3 of 5 */
	assert_int_equal(sc.named, 3);       /* Kolar, Kolar, Dunne */
	assert_int_equal(sc.wrong_named, 2); /* river (another speaker), weather (no statement) */
	assert_int_equal(errors_of(&sc, DM_SAID_MISSED), 1);
	assert_int_equal(errors_of(&sc, DM_SAID_WRONG_SPEAKER), 1);
	assert_int_equal(errors_of(&sc, DM_SAID_NOT_STATEMENT), 2);
	assert_int_equal(errors_of(&sc, DM_SAID_WRONGLY_NAMED), 2);
	for (size_t i = 0; i < sc.n_errors; i++)
		if (sc.errors[i].kind == DM_SAID_WRONG_SPEAKER) {
			assert_string_equal(sc.errors[i].page, "pageA");
			assert_string_equal(sc.errors[i].gold, "Tomas Örn");
			assert_string_equal(sc.errors[i].speaker, "Ines Kolar");
		}
	dm_said_free(&sc);
}

/* The statement sharing most words judges the speaker; of equals, the
 * first. */
static void best_match_first_of_equals(void **state)
{
	(void)state;
	dm_said_gold g[] = {named("the council will vote on the harbour plan next week", "Ines Kolar")};
	dm_said_pred tie[] = {said("the council will vote on the harbour plan", "Paul Dunne"),
	                      said("the council will vote on the harbour plan", "Ines Kolar")};
	dm_said sc = {.by = DM_SAID_BY_WORDS};
	assert_int_equal(dm_said_score(&sc, "p", g, 1, tie, 2), 0);
	assert_int_equal(sc.found, 1);
	assert_int_equal(sc.right, 0);
	assert_int_equal(sc.wrong_named, 1); /* Dunne's meets the gold of another speaker; Kolar's is right */
	dm_said_free(&sc);

	dm_said_pred more[] = {said("the council will vote", "Paul Dunne"),
	                       said("the council will vote on the harbour plan", "Ines Kolar")};
	sc = (dm_said){.by = DM_SAID_BY_WORDS};
	assert_int_equal(dm_said_score(&sc, "p", g, 1, more, 2), 0);
	assert_int_equal(sc.right, 1);
	dm_said_free(&sc);
}

static void headlines_aside(void **state)
{
	(void)state;
	dm_said_gold g[] = {named("the lighthouse will close in March", "Ines Kolar")};
	dm_said_pred p[] = {{.content = "the lighthouse will close in March", .speaker = "Ines Kolar", .headline = 1}};
	dm_said sc = {.by = DM_SAID_BY_WORDS};
	assert_int_equal(dm_said_score(&sc, "p", g, 1, p, 1), 0);
	assert_int_equal(sc.gold, 1);
	assert_int_equal(sc.pred, 0);
	assert_int_equal(sc.found, 0);
	assert_int_equal(sc.named, 0);
	dm_said_free(&sc);
}

static void ranges_merge(void **state)
{
	(void)state;
	dm_said_range r[] = {{30, 40}, {0, 10}, {5, 12}, {12, 14}, {50, 60}};
	assert_int_equal(dm_said_ranges_merge(r, 5), 3);
	assert_int_equal(r[0].start, 0);
	assert_int_equal(r[0].end, 14);
	assert_int_equal(r[1].start, 30);
	assert_int_equal(r[2].end, 60);
}

static void page_by_points(void **state)
{
	(void)state;
	dm_said_range g1[] = {{0, 40}}, g2[] = {{50, 60}, {70, 90}}, g3[] = {{100, 120}};
	dm_said_range p1[] = {{10, 20}}, p2[] = {{55, 58}}, p3[] = {{75, 95}}, p4[] = {{200, 210}}, p5[] = {{100, 110}};
	dm_said_gold g[] = {
	    {.speaker = "Ines Kolar", .speaker_type = "person", .mention = "Kolar", .at = g1, .n_at = 1},
	    {.speaker = "Tomas Örn", .speaker_type = "person", .mention = "he", .at = g2, .n_at = 2},
	    {.speaker = "Lantern Council",
	     .speaker_type = "organization",
	     .mention = "the council",
	     .at = g3,
	     .n_at = 1},
	};
	dm_said_pred p[] = {
	    {.speaker = "Ines Kolar", .at = p1, .n_at = 1},
	    {.speaker = "Ines Kolar", .at = p2, .n_at = 1}, /* 3 points of Örn's */
	    {.speaker = "Tomas Orn", .at = p3, .n_at = 1},  /* 15 points of Örn's: his best */
	    {.speaker = "Paul Dunne", .at = p4, .n_at = 1}, /* meets nothing */
	    {.speaker = NULL, .at = p5, .n_at = 1},         /* unnamed: only found counts it */
	};
	dm_said sc = {.by = DM_SAID_BY_POINTS};
	assert_int_equal(dm_said_score(&sc, "article", g, 3, p, 5), 0);
	assert_int_equal(sc.gold, 3);
	assert_int_equal(sc.pred, 5);
	assert_int_equal(sc.found, 3);
	assert_int_equal(sc.right, 2); /* Kolar; Örn; not the council (dictum names nobody) */
	assert_int_equal(sc.named, 4);
	assert_int_equal(sc.wrong_named, 2); /* Kolar on Örn's words; Dunne on none */
	assert_int_equal(sc.matched, 0);     /* no precision by code points */
	assert_int_equal(errors_of(&sc, DM_SAID_NOT_STATEMENT), 0);
	dm_said_free(&sc);
}

/* ---- gold files and the report ---- */

static void load_statements(void **state)
{
	(void)state;
	const char *json = "{\"pages\": {"
	                   "\"bb\": {\"statements\": [{\"content\": \"the pier is safe\", \"speaker\": null,"
	                   " \"aliases\": [], \"mention\": \"officials\", \"speaker_type\": \"unnamed\"}]},"
	                   "\"cc\": {\"skipped\": \"not English\"},"
	                   "\"aa\": {\"statements\": [{\"content\": \"rain is coming\", \"speaker\": \"Ines Kolar\","
	                   " \"aliases\": [\"Kolar\"], \"mention\": \"she\", \"speaker_type\": \"person\"}]}}}";
	dm_said_set set;
	char err[200];
	assert_int_equal(dm_said_load_statements(&set, json, strlen(json), err, sizeof err), 0);
	assert_int_equal(set.n_pages, 2); /* skipped left out, in name order */
	assert_string_equal(set.pages[0].name, "aa");
	assert_string_equal(set.pages[1].name, "bb");
	const dm_said_gold *g = &set.pages[0].gold[0];
	assert_string_equal(g->content, "rain is coming");
	assert_string_equal(g->aliases[0], "Kolar");
	assert_string_equal(g->mention, "she");
	assert_null(set.pages[1].gold[0].speaker);
	dm_said_set_free(&set);

	const char *bad = "{\"pages\": {\"aa\": {\"statements\": [{\"content\": \"x\"}, {\"speaker\": \"Ana\"}]}}}";
	assert_int_equal(dm_said_load_statements(&set, bad, strlen(bad), err, sizeof err), -1);
	assert_string_equal(err, "aa, statement 2: no \"content\" string");
	assert_int_equal(dm_said_load_statements(&set, "[]", 2, err, sizeof err), -1);
	assert_string_equal(err, "no \"pages\" object");
}

static void load_speakers(void **state)
{
	(void)state;
	const char *json = "{\"articles\": {\"a1\": {\"attributions\": ["
	                   "{\"source\": \"Kolar\", \"content_offsets\": [[[20, 30], [0, 10]], [5, 12]],"
	                   " \"speaker\": \"Ines Kolar\", \"aliases\": [], \"speaker_type\": \"person\"},"
	                   "{\"source\": null, \"content_offsets\": [], \"speaker\": null}]}}}";
	dm_said_set set;
	char err[200];
	assert_int_equal(dm_said_load_speakers(&set, json, strlen(json), err, sizeof err), 0);
	const dm_said_gold *g = set.pages[0].gold;
	assert_int_equal(g[0].n_at, 2); /* [0, 12) and [20, 30) */
	assert_int_equal(g[0].at[0].end, 12);
	assert_string_equal(g[0].mention, "Kolar");
	assert_int_equal(g[1].n_at, 0);
	assert_string_equal(g[1].mention, "");
	dm_said_set_free(&set);

	const char *bad = "{\"articles\": {\"a1\": {\"ann\": \"a1.ann\"}}}";
	assert_int_equal(dm_said_load_speakers(&set, bad, strlen(bad), err, sizeof err), -1);
	assert_string_equal(err, "a1: no \"attributions\" list");
}

/* The last line of the report, as the reference scorer prints it. */
static void summary_line(void **state)
{
	(void)state;
	dm_said sc = {.by = DM_SAID_BY_WORDS,
	              .pages = 3,
	              .gold = 12,
	              .pred = 9,
	              .found = 10,
	              .right = 7,
	              .matched = 8,
	              .named = 6,
	              .wrong_named = 2};
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	dm_said_report(&sc, f, 0);
	fclose(f);
	const char *last = strstr(out, "SUMMARY");
	assert_non_null(last);
	assert_string_equal(last, "SUMMARY found=0.833 right_speaker=0.583 precision=0.889 wrongly_named=0.333 gold=12 "
	                          "pred=9 pages=3\n");
	free(out);
	sc.by = DM_SAID_BY_POINTS;
	f = open_memstream(&out, &len);
	dm_said_report(&sc, f, 0);
	fclose(f);
	assert_string_equal(strstr(out, "SUMMARY"),
	                    "SUMMARY found=0.833 right_speaker=0.583 wrongly_named=0.333 gold=12 pred=9 articles=3\n");
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(words_are_python_w), cmocka_unit_test(lower_is_python_lower),
	    cmocka_unit_test(match_rule),         cmocka_unit_test(fold_names),
	    cmocka_unit_test(speaker_named),      cmocka_unit_test(speaker_unnamed),
	    cmocka_unit_test(page_by_words),      cmocka_unit_test(best_match_first_of_equals),
	    cmocka_unit_test(headlines_aside),    cmocka_unit_test(ranges_merge),
	    cmocka_unit_test(page_by_points),     cmocka_unit_test(load_statements),
	    cmocka_unit_test(load_speakers),      cmocka_unit_test(summary_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
