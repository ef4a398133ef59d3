#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "text/text.h"

typedef struct fixture {
	dm_text t;
	dm_arena a;
} fixture;

static dm_text *analyse(fixture *f, const char *s)
{
	memset(f, 0, sizeof *f);
	assert_int_equal(dm_text_analyse(&f->t, s, strlen(s), &f->a), 0);
	return &f->t;
}

static void done(fixture *f)
{
	dm_text_free(&f->t);
	dm_arena_free(&f->a);
}

/* T's article text (dm_text_clean) is WANT. */
static void assert_clean_text(const dm_text *t, const char *want)
{
	dm_buf b = {0};
	dm_text_clean(t, &b, NULL, NULL);
	assert_string_equal(b.data, want);
	dm_buf_free(&b);
}

static void sentence_text(const dm_text *t, size_t i, char *out, size_t cap)
{
	const dm_sent *s = &t->sents[i];
	size_t a = t->toks[s->tok_start].start, b = t->toks[s->tok_end - 1].end;
	snprintf(out, cap, "%.*s", (int)(b - a), t->raw + a);
}

/* dm_sent_of finds each token of T in the sentence that holds it, and
 * none past the last token. */
static void assert_sentences_found(const dm_text *t)
{
	for (uint32_t i = 0; i < t->n_toks; i++) {
		const dm_sent *s = dm_sent_of(t, i);
		assert_non_null(s);
		assert_true(s->tok_start <= i && i < s->tok_end);
	}
	assert_null(dm_sent_of(t, (uint32_t)t->n_toks));
}

static void abbreviations_do_not_end_sentences(void **state)
{
	(void)state;
	fixture f;
	dm_text *t = analyse(&f, "Mr. Verhoeven met the U.S. envoy on Sept. 4 in Lund. Dr. Osei said no.\n\n"
	                         "The vote was 3.5 to 2. It passed.");
	char s[128];
	assert_int_equal(t->n_sents, 4);
	sentence_text(t, 0, s, sizeof s);
	assert_string_equal(s, "Mr. Verhoeven met the U.S. envoy on Sept. 4 in Lund.");
	sentence_text(t, 1, s, sizeof s);
	assert_string_equal(s, "Dr. Osei said no.");
	sentence_text(t, 2, s, sizeof s);
	assert_string_equal(s, "The vote was 3.5 to 2.");
	assert_int_equal(t->n_paras, 2);
	done(&f);
}

static void closing_quote_stays_with_its_sentence(void **state)
{
	(void)state;
	fixture f;
	dm_text *t = analyse(&f, "\xE2\x80\x9CWe will build it.\xE2\x80\x9D She smiled.");
	char s[128];
	assert_int_equal(t->n_sents, 2);
	sentence_text(t, 0, s, sizeof s);
	assert_string_equal(s, "\xE2\x80\x9CWe will build it.\xE2\x80\x9D");
	done(&f);
}

static void possessives_and_inner_joiners(void **state)
{
	(void)state;
	fixture f;
	dm_text *t = analyse(&f, "Valdoria\xE2\x80\x99s co-chair didn't sign News.Az items.");
	assert_int_equal(t->n_toks, 8);
	assert_true(t->toks[1].flags & TK_POSS);
	assert_true(dm_tok_eq(t, 2, "co-chair"));
	assert_true(t->toks[5].flags & TK_DOTS);
	done(&f);
}

/* A token equals a lower-case word in any case of its letters, and only
 * the whole word: neither a prefix nor a longer word. */
static void tokens_equal_whole_words_in_any_case(void **state)
{
	(void)state;
	fixture f;
	dm_text *t = analyse(&f, "THE Harbour said.");
	assert_true(dm_tok_eq(t, 0, "the"));
	assert_true(dm_tok_eq(t, 1, "harbour"));
	assert_false(dm_tok_eq(t, 1, "harbou"));
	assert_false(dm_tok_eq(t, 1, "harbours"));
	assert_false(dm_tok_eq(t, 1, "Harbour")); /* WORD is lower-case */
	assert_true(dm_tok_eq(t, 3, "."));
	assert_false(dm_tok_eq(t, 3, ""));
	done(&f);
}

static void quote_marks_are_classified(void **state)
{
	(void)state;
	fixture f;
	dm_text *t = analyse(&f, "He said \"go now\" and left.");
	assert_int_equal(t->toks[2].qmark, QM_OPEN);
	assert_int_equal(t->toks[5].qmark, QM_CLOSE);
	done(&f);
}

static void metadata_lines_and_boilerplate(void **state)
{
	(void)state;
	fixture f;
	dm_text *t = analyse(&f, " date 2021-03-09 By Lena Marsh and Tomas Ek\n\n"
	                         "Share this article:\n\n"
	                         "Harbour plan wins approval\n\n"
	                         "The council approved the plan on Monday.\n\n"
	                         "The council approved the plan on Monday.\n\n"
	                         "Its cost is not yet known.\n\n"
	                         "Coastline Courier");
	assert_string_equal(t->date, "2021-03-09");
	assert_int_equal(t->n_authors, 2);
	assert_string_equal(t->authors[0], "Lena Marsh");
	assert_string_equal(t->authors[1], "Tomas Ek");
	assert_string_equal(t->title, "Harbour plan wins approval");
	assert_string_equal(t->outlet, "Coastline Courier");
	assert_clean_text(t, "The council approved the plan on Monday.\n\nIts cost is not yet known.");
	done(&f);
}

/* A font-size control ("+ A - 16 px") is the page's, not the article's;
 * a sentence that names a size in pixels is the article's. */
static void font_size_widget_is_boilerplate(void **state)
{
	(void)state;
	fixture f;
	dm_text *t = analyse(&f, "The ferry board met on Tuesday in Port Amsel.\n\n"
	                         "+ A \xE2\x88\x92 16 px\n\n"
	                         "Its new signs use letters 40 px tall, the board said.\n\n"
	                         "Text size 16 px");
	assert_clean_text(t, "The ferry board met on Tuesday in Port Amsel.\n\n"
	                     "Its new signs use letters 40 px tall, the board said.");
	done(&f);
}

static void glued_duplicate_paragraph_is_split_and_dropped(void **state)
{
	(void)state;
	fixture f;
	dm_text *t =
	    analyse(&f, "Intro line that is long enough to be body text.\n\n"
	                "\"A canal is needless for Ostrava. We favour rail.\xE2\x80\x9D\"A canal is needless for "
	                "Ostrava. We favor rail.\xE2\x80\x9D\n\nLast line of the body here.");
	dm_buf b = {0};
	dm_text_clean(t, &b, NULL, NULL);
	assert_non_null(strstr(b.data, "favour"));
	assert_null(strstr(b.data, "favor rail"));
	dm_buf_free(&b);
	done(&f);
}

/* A closing mark glued to the next paragraph's opening mark splits the
 * line wherever it falls among the bytes scanned eight at a time. */
static void glued_break_found_anywhere(void **state)
{
	(void)state;
	for (int pad = 0; pad < 20; pad++) {
		char line[128];
		snprintf(line, sizeof line, "\"%.*s the ferry runs.\xE2\x80\x9D\"The fares stay low.\xE2\x80\x9D", pad,
		         "Mostly because of the weather");
		fixture f;
		dm_text *t = analyse(&f, line);
		assert_int_equal(t->n_paras, 2);
		done(&f);
	}
}

/* A word or two repeated in paragraphs of their own (a table's cells, a
 * score "1" and "1") is no paragraph pasted twice. */
static void short_repeats_are_kept(void **state)
{
	(void)state;
	fixture f;
	dm_text *t = analyse(&f, "The standings after the last race of the year are below.\n\nTeam\n\nWins\n\nPoles\n\n"
	                         "Harbour Racing\n\n1\n\n1\n\nThe season starts again in March.");
	dm_buf b = {0};
	dm_text_clean(t, &b, NULL, NULL);
	assert_non_null(strstr(b.data, "Harbour Racing\n\n1\n\n1\n\n"));
	dm_buf_free(&b);
	done(&f);
}

static void dates_in_common_forms(void **state)
{
	(void)state;
	char d[11];
	assert_int_equal(dm_parse_date("2020-05-14", 10, d), 10);
	assert_string_equal(d, "2020-05-14");
	assert_true(dm_parse_date("May 3, 2019 at noon", 19, d) > 0);
	assert_string_equal(d, "2019-05-03");
	assert_true(dm_parse_date("14 Sept 2022", 12, d) > 0);
	assert_string_equal(d, "2022-09-14");
	assert_int_equal(dm_parse_date("2021-02-30", 10, d), 0); /* no such day */
	assert_int_equal(dm_parse_date("May 13", 6, d), 0);      /* no year: never guessed */
}

static void no_date_is_invented(void **state)
{
	(void)state;
	fixture f;
	dm_text *t = analyse(&f, "Officials met on May 13, 2020 in Lund.\n\nThey agreed on little.");
	assert_null(t->date);
	done(&f);
}

static void hard_wrapped_paragraphs_are_joined(void **state)
{
	(void)state;
	fixture f;
	dm_text *t = analyse(&f, "The harbour council met on Monday evening to discuss the\n"
	                         "budget for the coming year, and the session ran late.\n\n"
	                         "Mayor Ines Kolar said that the ferry would run through the\n"
	                         "winter months, whatever the cost of fuel turned out to be.\n\n"
	                         "Councillors from both sides of the chamber agreed with her on\n"
	                         "that point, though not on much else in the long debate.\n");
	assert_int_equal(t->n_paras, 3);
	assert_int_equal(t->n_sents, 3);
	done(&f);
	/* short lines without blank lines between: each is its own paragraph */
	t = analyse(&f, "Harbour news\nBy Lena Marsh\nThe ferry runs.\n");
	assert_int_equal(t->n_paras, 3);
	done(&f);
}

static dm_lexmask lex_of(const dm_text *t, size_t i)
{
	return t->forms[t->toks[i].form].lex;
}

/* Each word token carries the lexicon's lists its lower-case form is in. */
static void words_carry_their_word_lists(void **state)
{
	(void)state;
	fixture f;
	dm_text *t = analyse(&f, "The ferry then ran; Ilse\xE2\x80\x99s boat too.");
	assert_int_equal(lex_of(t, 0), dm_lex_classes("the")); /* "The", in any case */
	assert_true(lex_of(t, 0) & dm_lex_determiners.bit);
	assert_false(lex_of(t, 2) & dm_lex_determiners.bit); /* "then" */
	assert_int_equal(lex_of(t, 4), 0);                   /* ";" is no word */
	assert_true(t->toks[6].flags & TK_POSS);
	assert_int_equal(lex_of(t, 6), dm_lex_classes("'s")); /* a curly apostrophe reads as a straight one */
	assert_true(lex_of(t, 6) & dm_lex_be_have_do.bit);
	done(&f);
}

/* Tokens of the same bytes share a form, and only they: the forms' table
 * grows past its first size without losing one. */
static void tokens_of_the_same_bytes_share_a_form(void **state)
{
	(void)state;
	fixture f;
	dm_buf b = {0};
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 700; i++)
			dm_buf_printf(&b, "w%d The the %s", i, i % 10 == 9 ? ".\n" : "");
	dm_text *t = analyse(&f, b.data);
	assert_int_equal(t->n_forms, 700 + 3); /* w0..w699, The, the, "." */
	size_t half = t->n_toks / 2;
	for (size_t i = 0; i < half; i++) {
		assert_int_equal(t->toks[i].form, t->toks[half + i].form);
		const dm_form *fm = &t->forms[t->toks[i].form];
		assert_int_equal(fm->end - fm->start, t->toks[i].end - t->toks[i].start);
		assert_memory_equal(t->raw + fm->start, t->raw + t->toks[i].start, fm->end - fm->start);
	}
	assert_int_not_equal(t->toks[1].form, t->toks[2].form); /* "The", "the" */
	assert_int_equal(lex_of(t, 1), lex_of(t, 2));
	dm_buf_free(&b);
	done(&f);
}

/* 600 forms of two bytes, then each again: the table of forms, first
 * sized for the text's length (1,024 slots), grows as it fills, and the
 * forms found before it grew are found after. */
static void forms_found_as_their_table_grows(void **state)
{
	(void)state;
	enum { FORMS = 600 };
	fixture f;
	dm_buf b = {0};
	for (int i = 0; i < 2 * FORMS; i++)
		dm_buf_printf(&b, "%c%c ", 'a' + i % FORMS / 36,
		              "0123456789abcdefghijklmnopqrstuvwxyz"[i % FORMS % 36]);
	dm_text *t = analyse(&f, b.data);
	assert_int_equal(t->n_toks, 2 * FORMS);
	assert_int_equal(t->n_forms, FORMS);
	assert_int_equal(t->form_mask + 1, 2048); /* it grew */
	for (size_t i = 0; i < t->n_toks; i++) {
		const dm_tok *k = &t->toks[i];
		const dm_form *fm = &t->forms[k->form];
		assert_int_equal(k->form, i % FORMS);
		assert_int_equal(fm->end - fm->start, 2);
		assert_memory_equal(t->raw + fm->start, t->raw + k->start, 2);
	}
	dm_buf_free(&b);
	done(&f);
}

/* A thread keeps a text's arrays for its next: a text read after a larger
 * one has its own tokens, forms, paragraphs and sentences, none of the
 * other's, and each token its own sentence. */
static void a_text_after_a_larger_one_has_only_its_own(void **state)
{
	(void)state;
	fixture f;
	char big[8192] = "";
	for (int i = 0; i < 100; i++) {
		char line[64];
		snprintf(line, sizeof line, "Paragraph %d names Torvik%d and Amsel%d.\n\n", i, i, i);
		strcat(big, line);
	}
	dm_text *t = analyse(&f, big);
	assert_int_equal(t->n_paras, 100);
	assert_sentences_found(t);
	done(&f);
	t = analyse(&f, "Ines Kolar said the ferry will run.\nThe ferry ran.");
	assert_int_equal(t->n_paras, 2);
	assert_int_equal(t->n_sents, 2);
	assert_sentences_found(t);
	assert_ptr_equal(dm_sent_of(t, 8), &t->sents[1]); /* "The" */
	assert_int_equal(t->n_toks, 12);
	assert_int_equal(t->n_forms, 10); /* "ferry" and "." twice; "The" is not "the" */
	for (size_t i = 0; i < t->n_toks; i++) {
		const dm_tok *k = &t->toks[i];
		const dm_form *fm = &t->forms[k->form];
		assert_int_equal(fm->end - fm->start, k->end - k->start);
		assert_memory_equal(t->raw + fm->start, t->raw + k->start, k->end - k->start);
	}
	done(&f);
}

/* Lowering, eight bytes at a time and byte by byte: ASCII capitals only,
 * curly apostrophes read as straight ones by dm_lower. */
static void words_lowered_whole(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(dm_lower_ascii("NAGORNO-Karabakh [Z@]", 21, out), 0);
	assert_memory_equal(out, "nagorno-karabakh [z@]", 21);
	assert_int_equal(dm_lower_ascii("\xC3\x89LYS\xC3\x89"
	                                "E",
	                                9, out),
	                 1);
	assert_memory_equal(out,
	                    "\xC3\x89lys\xC3\x89"
	                    "e",
	                    9);
	assert_int_equal(dm_lower("DON\xE2\x80\x99T WORRY, DON\xE2\x80\x99T", 23, out, sizeof out), 19);
	assert_string_equal(out, "don't worry, don't");
	assert_int_equal(dm_lower("ABCDEFGH", 8, out, 8), 0); /* no room for the NUL */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(abbreviations_do_not_end_sentences),
	    cmocka_unit_test(closing_quote_stays_with_its_sentence),
	    cmocka_unit_test(possessives_and_inner_joiners),
	    cmocka_unit_test(quote_marks_are_classified),
	    cmocka_unit_test(metadata_lines_and_boilerplate),
	    cmocka_unit_test(font_size_widget_is_boilerplate),
	    cmocka_unit_test(glued_duplicate_paragraph_is_split_and_dropped),
	    cmocka_unit_test(glued_break_found_anywhere),
	    cmocka_unit_test(short_repeats_are_kept),
	    cmocka_unit_test(dates_in_common_forms),
	    cmocka_unit_test(no_date_is_invented),
	    cmocka_unit_test(hard_wrapped_paragraphs_are_joined),
	    cmocka_unit_test(tokens_equal_whole_words_in_any_case),
	    cmocka_unit_test(words_carry_their_word_lists),
	    cmocka_unit_test(tokens_of_the_same_bytes_share_a_form),
	    cmocka_unit_test(forms_found_as_their_table_grows),
	    cmocka_unit_test(a_text_after_a_larger_one_has_only_its_own),
	    cmocka_unit_test(words_lowered_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
