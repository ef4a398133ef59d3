/*
 * The attribution patterns of attrib.c (dm_patterns), one at a time, on
 * sentences written for the test: each pattern runs alone on one sentence
 * (dm_pattern_run), and the test checks the source, cue and content it
 * found, and that it does not fire where its shape is not.  The rules'
 * patterns run without the models, so that what they find is theirs alone;
 * learned and quote_verb need the built-in models.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "attrib/internal.h"
#include "attrib/learned.h"

#define LQ "\xE2\x80\x9C" /* “ */
#define RQ "\xE2\x80\x9D" /* ” */

typedef struct run {
	dm_text t;
	dm_arena a;
	dm_cand *cands;
	size_t n, first; /* the pattern's statements: cands[first, n) */
	int status;
	char buf[3][256];
	dm_credit credit; /* try_credited's */
} run;

/* Run pattern NAME alone on sentence SENT of TEXT (the sentences before it
 * through all the patterns), with the built-in models if MODELS. */
static void try_on(run *r, const char *name, const char *text, size_t sent, int models)
{
	memset(r, 0, sizeof *r);
	assert_int_equal(dm_text_analyse(&r->t, text, strlen(text), &r->a), 0);
	assert_true(sent < r->t.n_sents);
	const dm_models *m = models ? dm_models_builtin() : NULL;
	if (models)
		assert_non_null(m);
	r->status = dm_pattern_run(&r->t, m, &r->a, name, sent, &r->cands, &r->n, &r->first);
	assert_int_not_equal(r->status, DM_PAT_NO_MEMORY);
	assert_true(r->first <= r->n);
}

static void done(run *r)
{
	free(r->cands);
	dm_text_free(&r->t);
	dm_arena_free(&r->a);
}

/* The words of tokens G, in buffer K of R; "" when G is empty. */
static const char *words(run *r, int k, dm_range g)
{
	char *out = r->buf[k];
	out[0] = '\0';
	if (g.last > g.first) {
		const dm_tok *a = &r->t.toks[g.first], *b = &r->t.toks[g.last - 1];
		snprintf(out, sizeof r->buf[k], "%.*s", (int)(b->end - a->start), r->t.raw + a->start);
	}
	return out;
}

/* Statement K of those made: its source, cue and content (and the rest of
 * its content after the cue, REST, or "" for none). */
static void assert_statement(run *r, size_t k, const char *source, const char *cue, const char *content,
                             const char *rest)
{
	assert_true(k < r->n);
	const dm_cand *c = &r->cands[k];
	assert_string_equal(words(r, 0, c->source), source);
	assert_string_equal(words(r, 1, c->cue), cue);
	assert_string_equal(words(r, 2, c->content), content);
	assert_string_equal(words(r, 0, c->rest), rest);
}

/* The pattern made just one statement, with these parts. */
static void assert_made(run *r, const char *source, const char *cue, const char *content)
{
	assert_int_equal(r->status, DM_PAT_MADE);
	assert_int_equal(r->n - r->first, 1);
	assert_statement(r, r->first, source, cue, content, "");
}

/* The pattern made nothing: the shape is not here (DM_PAT_NOT_HERE), or it
 * is but makes no statement (DM_PAT_NOT_MADE). */
static void assert_none(run *r, int status)
{
	assert_int_equal(r->n - r->first, 0);
	assert_int_equal(r->status, status);
}

static void the_table_in_its_order(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		dm_stage stage;
	} order[] = {
	    {"colon_title", DM_STAGE_SENTENCE},
	    {"cue_noun", DM_STAGE_CUE},
	    {"participle", DM_STAGE_CUE},
	    {"second_verb", DM_STAGE_CUE},
	    {"according_to", DM_STAGE_CUE},
	    {"source_cue_content", DM_STAGE_CUE},
	    {"split_quote_source_cue", DM_STAGE_CUE},
	    {"content_source_cue", DM_STAGE_CUE},
	    {"content_cue_source", DM_STAGE_CUE},
	    {"learned", DM_STAGE_AFTER},
	    {"quote_verb", DM_STAGE_AFTER},
	    {"credited_quote", DM_STAGE_DOCUMENT},
	    {"tweet", DM_STAGE_DOCUMENT},
	    {"continued_quote", DM_STAGE_DOCUMENT},
	};
	assert_int_equal(dm_n_patterns, sizeof order / sizeof *order);
	for (size_t k = 0; k < dm_n_patterns; k++) {
		assert_string_equal(dm_patterns[k].name, order[k].name);
		assert_int_equal(dm_patterns[k].stage, order[k].stage);
		assert_non_null(dm_patterns[k].try);
	}
}

static void no_such_pattern(void **state)
{
	(void)state;
	dm_text t = {0};
	dm_arena a = {0};
	const char *s = "Ada Lindqvist said that the Vessmark bridge would reopen in May.";
	assert_int_equal(dm_text_analyse(&t, s, strlen(s), &a), 0);
	dm_cand *out = NULL;
	size_t n = 0, first = 0;
	assert_int_equal(dm_pattern_run(&t, NULL, &a, "no_such_shape", 0, &out, &n, &first), DM_PAT_NO_MEMORY);
	assert_null(out);
	dm_text_free(&t);
	dm_arena_free(&a);
}

static void colon_title(void **state)
{
	(void)state;
	run r;
	/* a transcript line: the name in capitals opens the paragraph */
	try_on(&r, "colon_title", "DORN: We will not leave the islands of Vessmark cut off.", 0, 0);
	assert_made(&r, "DORN", ":", "We will not leave the islands of Vessmark cut off");
	done(&r);
	/* a title */
	try_on(&r, "colon_title",
	       "Ada Lindqvist: the Vessmark bridge will reopen in May\n\n"
	       "Ada Lindqvist said the cables had been replaced.",
	       0, 0);
	assert_made(&r, "Ada Lindqvist", ":", "the Vessmark bridge will reopen in May");
	assert_true(r.cands[r.first].colon_title);
	done(&r);
}

static void colon_title_not_here(void **state)
{
	(void)state;
	run r;
	/* in the body, a name not in capitals is no speaker */
	try_on(&r, "colon_title", "Ada Lindqvist: the Vessmark bridge will reopen in May.", 0, 0);
	assert_none(&r, DM_PAT_NOT_HERE);
	done(&r);
	/* a salutation */
	try_on(&r, "colon_title", "DEAR PAVEL: thank you for the letter about the ferry.", 0, 0);
	assert_none(&r, DM_PAT_NOT_HERE);
	done(&r);
	/* not the first sentence of its paragraph */
	try_on(&r, "colon_title", "The ferry left. DORN: We will not leave the islands cut off.", 1, 0);
	assert_none(&r, DM_PAT_NOT_HERE);
	done(&r);
	/* too little after the colon */
	try_on(&r, "colon_title", "DORN: Yes.", 0, 0);
	assert_none(&r, DM_PAT_NOT_MADE);
	done(&r);
}

static void cue_noun(void **state)
{
	(void)state;
	run r;
	try_on(&r, "cue_noun",
	       "The council rejected the harbour office's repeated claims that the Vessmark ferry was safe.", 0, 0);
	assert_made(&r, "the harbour office", "claims", "that the Vessmark ferry was safe");
	done(&r);
	/* a date between the owner and the noun */
	try_on(&r, "cue_noun", "Despite Ms. Holt's Oct. 11 announcement that the ferry would run, the pier is closed.",
	       0, 0);
	assert_int_equal(r.status, DM_PAT_MADE);
	assert_string_equal(words(&r, 1, r.cands[r.first].cue), "announcement");
	done(&r);
	try_on(&r, "cue_noun", "Ms. Holt's Monday announcement that the ferry would run was a surprise.", 0, 0);
	assert_int_equal(r.status, DM_PAT_MADE);
	done(&r);
	/* a pronoun for owner */
	try_on(&r, "cue_noun", "The most telling was his claim that he sailed to Vessmark in 2010.", 0, 0);
	assert_made(&r, "his", "claim", "that he sailed to Vessmark in 2010");
	done(&r);
}

static void cue_noun_not_here(void **state)
{
	(void)state;
	run r;
	/* claims with no owner: the shape, but no statement */
	try_on(&r, "cue_noun", "The council rejected claims that the Vessmark ferry was safe.", 0, 0);
	assert_none(&r, DM_PAT_NOT_MADE);
	done(&r);
	/* no cue noun before "that" */
	try_on(&r, "cue_noun", "The harbour office's ferry that sails to Vessmark was late.", 0, 0);
	assert_none(&r, DM_PAT_NOT_HERE);
	done(&r);
	/* "claims" a verb, with no owner: the next shapes' to read */
	try_on(&r, "cue_noun", "Tomas Ek claims that when he sailed the ferry (1982), the pier was closed.", 0, 0);
	assert_none(&r, DM_PAT_NOT_HERE);
	done(&r);
}

static void participle(void **state)
{
	(void)state;
	run r;
	try_on(&r, "participle",
	       "Ada Lindqvist closed the Vessmark bridge on Monday, saying that the cables were worn.", 0, 0);
	assert_made(&r, "Ada Lindqvist", "saying", "that the cables were worn");
	done(&r);
}

static void participle_not_here(void **state)
{
	(void)state;
	run r;
	/* a participle that reports nothing */
	try_on(&r, "participle", "Ada Lindqvist closed the Vessmark bridge on Monday, leaving the island cut off.", 0,
	       0);
	assert_none(&r, DM_PAT_NOT_HERE);
	done(&r);
	/* the verb of the sentence's subject is no participle */
	try_on(&r, "participle", "Ada Lindqvist said that the cables of the Vessmark bridge were worn.", 0, 0);
	assert_none(&r, DM_PAT_NOT_HERE);
	done(&r);
}

static void second_verb(void **state)
{
	(void)state;
	run r;
	try_on(&r, "second_verb", "Pavel Dorn denied the report but says the works at Vessmark are running late.", 0,
	       0);
	assert_made(&r, "Pavel Dorn", "says", "the works at Vessmark are running late");
	done(&r);
}

static void second_verb_not_here(void **state)
{
	(void)state;
	run r;
	try_on(&r, "second_verb", "Pavel Dorn denied the report and left the meeting at Vessmark early.", 0, 0);
	assert_none(&r, DM_PAT_NOT_HERE);
	done(&r);
}

static void according_to(void **state)
{
	(void)state;
	run r;
	try_on(&r, "according_to", "According to the Vessmark harbour office, the ferry will run all winter.", 0, 0);
	assert_made(&r, "the Vessmark harbour office", "According to", "the ferry will run all winter");
	done(&r);
	try_on(&r, "according_to", "The ferry will run all winter, according to Ada Lindqvist.", 0, 0);
	assert_made(&r, "Ada Lindqvist", "according to", "The ferry will run all winter");
	done(&r);
}

static void according_to_not_here(void **state)
{
	(void)state;
	run r;
	/* "according to plan" in the middle of a clause */
	try_on(&r, "according_to", "The Vessmark ferry ran according to plan all winter.", 0, 0);
	assert_none(&r, DM_PAT_NOT_MADE);
	done(&r);
	try_on(&r, "according_to", "Ada Lindqvist said the Vessmark ferry would run all winter.", 0, 0);
	assert_none(&r, DM_PAT_NOT_HERE);
	done(&r);
}

static void source_cue_content(void **state)
{
	(void)state;
	run r;
	try_on(&r, "source_cue_content",
	       "Harbour mayor Ada Lindqvist said that the bridge at Vessmark would reopen in May.", 0, 0);
	assert_made(&r, "Harbour mayor Ada Lindqvist", "said", "that the bridge at Vessmark would reopen in May");
	done(&r);
	/* the content after a venue, the cue with its auxiliary */
	try_on(&r, "source_cue_content", "Mira Holt has told reporters that the Vessmark pier would close.", 0, 0);
	assert_made(&r, "Mira Holt", "has told", "that the Vessmark pier would close");
	done(&r);
}

static void source_cue_content_not_here(void **state)
{
	(void)state;
	run r;
	/* the content is before the source */
	try_on(&r, "source_cue_content", LQ "The pier at Vessmark will close," RQ " Mira Holt said.", 0, 0);
	assert_none(&r, DM_PAT_NOT_HERE);
	done(&r);
	/* no cue */
	try_on(&r, "source_cue_content", "Mira Holt closed the pier at Vessmark in May.", 0, 0);
	assert_none(&r, DM_PAT_NOT_HERE);
	done(&r);
}

static void split_quote_source_cue(void **state)
{
	(void)state;
	run r;
	/* the sentence splits inside the quotation, after its question marks */
	try_on(&r, "split_quote_source_cue", LQ "Is the Vessmark ferry late again? Yes?" RQ " Sven Arvik asked.", 2, 0);
	assert_made(&r, "Sven Arvik", "asked", LQ "Is the Vessmark ferry late again? Yes?" RQ);
	done(&r);
}

static void split_quote_source_cue_not_here(void **state)
{
	(void)state;
	run r;
	/* the sentence before is no quotation */
	try_on(&r, "split_quote_source_cue", "The Vessmark ferry was late again. Sven Arvik asked about it.", 1, 0);
	assert_none(&r, DM_PAT_NOT_HERE);
	done(&r);
	/* the quotation is in the paragraph before */
	try_on(&r, "split_quote_source_cue", LQ "Is the Vessmark ferry late again?" RQ "\n\nSven Arvik asked.", 1, 0);
	assert_none(&r, DM_PAT_NOT_HERE);
	done(&r);
}

static void content_source_cue(void **state)
{
	(void)state;
	run r;
	try_on(&r, "content_source_cue",
	       LQ "The budget for the Vessmark pier is fixed," RQ " Mira Holt said on Tuesday.", 0, 0);
	assert_made(&r, "Mira Holt", "said", LQ "The budget for the Vessmark pier is fixed," RQ);
	done(&r);
	try_on(&r, "content_source_cue", "The ferry to Vessmark is late, the harbour chief said.", 0, 0);
	assert_made(&r, "the harbour chief", "said", "The ferry to Vessmark is late");
	done(&r);
	/* the content goes on after the cue */
	try_on(&r, "content_source_cue", "Too often, Mira Holt said, the debate about the pier is about money.", 0, 0);
	assert_int_equal(r.status, DM_PAT_MADE);
	assert_int_equal(r.n - r.first, 1);
	assert_statement(&r, r.first, "Mira Holt", "said", "Too often", "the debate about the pier is about money");
	done(&r);
}

static void content_source_cue_not_here(void **state)
{
	(void)state;
	run r;
	/* the content follows the cue: "On Monday" is no content */
	try_on(&r, "content_source_cue", "On Monday, Mira Holt said that the Vessmark pier would close in May.", 0, 0);
	assert_none(&r, DM_PAT_NOT_HERE);
	done(&r);
	/* the source after the cue */
	try_on(&r, "content_source_cue",
	       LQ "The budget for the Vessmark pier is fixed," RQ " said the finance minister.", 0, 0);
	assert_none(&r, DM_PAT_NOT_HERE);
	done(&r);
}

static void content_cue_source(void **state)
{
	(void)state;
	run r;
	try_on(&r, "content_cue_source",
	       LQ "The budget for the Vessmark pier is fixed," RQ " said the finance minister.", 0, 0);
	assert_made(&r, "the finance minister", "said", LQ "The budget for the Vessmark pier is fixed," RQ);
	done(&r);
}

static void content_cue_source_not_here(void **state)
{
	(void)state;
	run r;
	/* the source before the cue */
	try_on(&r, "content_cue_source", LQ "The budget for the Vessmark pier is fixed," RQ " Mira Holt said.", 0, 0);
	assert_none(&r, DM_PAT_NOT_HERE);
	done(&r);
	/* a source before the cue, set off by commas: not "the finance
	 * minister", who was told */
	try_on(&r, "content_cue_source", "The harbour chief of Vessmark, Mira Holt, told the finance minister.", 0, 0);
	assert_none(&r, DM_PAT_NOT_HERE);
	done(&r);
	/* no comma or quotation before the cue */
	try_on(&r, "content_cue_source", "The pier will close, and so said the finance minister of Vessmark.", 0, 0);
	assert_none(&r, DM_PAT_NOT_HERE);
	done(&r);
}

static void learned(void **state)
{
	(void)state;
	run r;
	/* "hinted" is no cue of the rules' */
	const char *s = "Mira Holt hinted that the Vessmark pier would close before the winter.";
	try_on(&r, "source_cue_content", s, 0, 1);
	assert_none(&r, DM_PAT_NOT_HERE);
	done(&r);
	try_on(&r, "learned", s, 0, 1);
	assert_made(&r, "Mira Holt", "hinted", "that the Vessmark pier would close before the winter");
	assert_true(r.cands[r.first].learned);
	done(&r);
}

static void learned_not_here(void **state)
{
	(void)state;
	run r;
	try_on(&r, "learned", "The ferry to Vessmark sails at noon every day.", 0, 1);
	assert_none(&r, DM_PAT_NOT_HERE);
	done(&r);
	/* the taggers are the models' */
	try_on(&r, "learned", "Mira Holt hinted that the Vessmark pier would close before the winter.", 0, 0);
	assert_none(&r, DM_PAT_NOT_HERE);
	done(&r);
}

static void quote_verb(void **state)
{
	(void)state;
	run r;
	try_on(&r, "quote_verb", "Sven Arvik turned on the " LQ "lazy dreamers" RQ " of the Vessmark council.", 0, 1);
	assert_made(&r, "Sven Arvik", "turned", "on the " LQ "lazy dreamers" RQ);
	done(&r);
}

static void quote_verb_not_here(void **state)
{
	(void)state;
	run r;
	/* a quotation of capitalised words is a name */
	try_on(&r, "quote_verb", "The " LQ "Vessmark Pier" RQ " opened in May after the winter storms.", 0, 1);
	assert_none(&r, DM_PAT_NOT_HERE);
	done(&r);
	/* not in a title */
	try_on(&r, "quote_verb",
	       "Sven Arvik turns on the " LQ "lazy dreamers" RQ
	       " of the Vessmark council\n\nThe council met on Monday.",
	       0, 1);
	assert_none(&r, DM_PAT_NOT_HERE);
	done(&r);
	/* a single word is a scare quote */
	try_on(&r, "quote_verb", "Sven Arvik turned on the " LQ "dreamers" RQ " of the Vessmark council.", 0, 1);
	assert_none(&r, DM_PAT_NOT_HERE);
	done(&r);
}

/* A page's quotation and the name its next line credits, as the web page
 * reader gives them (dm_text.credits): the byte ranges of QUOTE and NAME in
 * TEXT. */
static void try_credited(run *r, const char *text, const char *quote, const char *name)
{
	const char *q = strstr(text, quote), *n = strstr(text, name);
	assert_non_null(q);
	assert_non_null(n);
	dm_credit *c = &r->credit;
	*c = (dm_credit){(size_t)(q - text), (size_t)(q - text) + strlen(quote), (size_t)(n - text),
	                 (size_t)(n - text) + strlen(name)};
	memset(&r->t, 0, sizeof r->t);
	memset(&r->a, 0, sizeof r->a);
	r->cands = NULL;
	assert_int_equal(dm_text_analyse(&r->t, text, strlen(text), &r->a), 0);
	r->t.credits = c;
	r->t.n_credits = 1;
	r->status = dm_pattern_run(&r->t, NULL, &r->a, "credited_quote", 0, &r->cands, &r->n, &r->first);
	assert_int_not_equal(r->status, DM_PAT_NO_MEMORY);
}

static void credited_quote(void **state)
{
	(void)state;
	run r;
	const char *page = "What the critics wrote of the new ferry:\n\n"
	                   "The crossing is smooth and the cabin is warm.\n\n"
	                   "Still, it beats the old boat by an hour.\n\n"
	                   "[Tide Review]";
	try_credited(&r, page,
	             "The crossing is smooth and the cabin is warm.\n\nStill, it beats the old boat by an hour.",
	             "Tide Review");
	assert_int_equal(r.status, DM_PAT_MADE);
	assert_int_equal(r.n - r.first, 2);
	assert_statement(&r, r.first, "Tide Review", "[", "The crossing is smooth and the cabin is warm", "");
	assert_statement(&r, r.first + 1, "Tide Review", "[", "Still, it beats the old boat by an hour", "");
	assert_int_equal(r.cands[r.first].kind, DM_DIRECT);
	done(&r);
	/* a name alone on its line, credited with no bracket: no cue word */
	try_credited(&r, "What the critics wrote:\n\nThe crossing is smooth and quick.\n\nTide Review",
	             "The crossing is smooth and quick.", "Tide Review");
	assert_made(&r, "Tide Review", "", "The crossing is smooth and quick");
	done(&r);
}

static void credited_quote_not_here(void **state)
{
	(void)state;
	run r;
	/* no credit from the page: a bracketed name in plain text is not one */
	try_on(&r, "credited_quote", "The crossing is smooth and the cabin is warm.\n\n[Tide Review]", 0, 0);
	assert_none(&r, DM_PAT_NOT_HERE);
	done(&r);
}

static void tweet(void **state)
{
	(void)state;
	run r;
	try_on(&r, "tweet",
	       "The ferry to Vessmark ran late again.\n\n"
	       "The ferry is late again and the pier is closed. https://t.co/x1Ab\n\n"
	       "\xE2\x80\x94 Mira Holt (@miraholt) November 18, 2019",
	       0, 0);
	assert_made(&r, "Mira Holt", "\xE2\x80\x94", "The ferry is late again and the pier is closed");
	assert_int_equal(r.cands[r.first].kind, DM_DIRECT);
	done(&r);
	/* a display name may end in an emoji */
	try_on(&r, "tweet",
	       "The ferry to Vessmark ran late again.\n\n"
	       "The ferry is late again and the pier is closed.\n\n"
	       "\xE2\x80\x94 Mira Holt \xF0\x9F\x8C\x8A (@miraholt) November 18, 2019",
	       0, 0);
	assert_made(&r, "Mira Holt", "\xE2\x80\x94", "The ferry is late again and the pier is closed");
	done(&r);
}

static void tweet_not_here(void **state)
{
	(void)state;
	run r;
	/* a dash and a name, but no handle: a byline or a signature */
	try_on(&r, "tweet", "The ferry is late again and the pier is closed.\n\n\xE2\x80\x94 Mira Holt, Vessmark", 0,
	       0);
	assert_none(&r, DM_PAT_NOT_HERE);
	done(&r);
}

static void continued_quote(void **state)
{
	(void)state;
	run r;
	/* in the paragraph of a statement that ended on its cue: more of it */
	try_on(&r, "continued_quote",
	       LQ "The budget for the pier is fixed," RQ " Mira Holt said. " LQ
	          "We will not wait for the ministry in Vessmark." RQ,
	       0, 0);
	assert_int_equal(r.status, DM_PAT_MADE);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.first, 1);
	assert_statement(&r, 0, "Mira Holt", "said", LQ "The budget for the pier is fixed," RQ,
	                 LQ "We will not wait for the ministry in Vessmark." RQ);
	done(&r);
	/* else a statement of its own, whose speaker resolve.c finds */
	try_on(&r, "continued_quote",
	       "Mira Holt said the budget for the pier was fixed.\n\n" LQ
	       "We will not wait for the ministry in Vessmark." RQ,
	       0, 0);
	assert_made(&r, "", "", LQ "We will not wait for the ministry in Vessmark." RQ);
	assert_true(r.cands[r.first].continued);
	done(&r);
}

static void continued_quote_not_here(void **state)
{
	(void)state;
	run r;
	/* the quotation has a cue of its own */
	try_on(&r, "continued_quote",
	       "Mira Holt said the budget for the pier was fixed.\n\n" LQ "We will not wait for the ministry," RQ
	       " Sven Arvik said.",
	       0, 0);
	assert_none(&r, DM_PAT_NOT_HERE);
	assert_int_equal(r.cands[1].rest.last, r.cands[1].rest.first);
	done(&r);
	/* too short */
	try_on(&r, "continued_quote",
	       "Mira Holt said the budget for the pier was fixed.\n\n" LQ "Not now." RQ " The ferry left.", 0, 0);
	assert_none(&r, DM_PAT_NOT_HERE);
	done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(the_table_in_its_order),
	    cmocka_unit_test(no_such_pattern),
	    cmocka_unit_test(colon_title),
	    cmocka_unit_test(colon_title_not_here),
	    cmocka_unit_test(cue_noun),
	    cmocka_unit_test(cue_noun_not_here),
	    cmocka_unit_test(participle),
	    cmocka_unit_test(participle_not_here),
	    cmocka_unit_test(second_verb),
	    cmocka_unit_test(second_verb_not_here),
	    cmocka_unit_test(according_to),
	    cmocka_unit_test(according_to_not_here),
	    cmocka_unit_test(source_cue_content),
	    cmocka_unit_test(source_cue_content_not_here),
	    cmocka_unit_test(split_quote_source_cue),
	    cmocka_unit_test(split_quote_source_cue_not_here),
	    cmocka_unit_test(content_source_cue),
	    cmocka_unit_test(content_source_cue_not_here),
	    cmocka_unit_test(content_cue_source),
	    cmocka_unit_test(content_cue_source_not_here),
	    cmocka_unit_test(learned),
	    cmocka_unit_test(learned_not_here),
	    cmocka_unit_test(quote_verb),
	    cmocka_unit_test(quote_verb_not_here),
	    cmocka_unit_test(credited_quote),
	    cmocka_unit_test(credited_quote_not_here),
	    cmocka_unit_test(tweet),
	    cmocka_unit_test(tweet_not_here),
	    cmocka_unit_test(continued_quote),
	    cmocka_unit_test(continued_quote_not_here),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
