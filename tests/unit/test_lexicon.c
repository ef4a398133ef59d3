/* The word lists of lang/ and the lexicon that reads them. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "lex/lexicon.h"

/* The entry of a line: the line less its "=N". */
static size_t entry_len(const char *line)
{
	const char *eq = strrchr(line, '=');
	if (eq && eq > line && eq[1] && strspn(eq + 1, "0123456789") == strlen(eq + 1))
		return (size_t)(eq - line);
	return strlen(line);
}

/* Is S[0, n) valid UTF-8 in lower case? */
static int lower_case(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
		if (k <= 0 || utf8proc_tolower(c) != c)
			return 0;
		i += (size_t)k;
	}
	return 1;
}

/* Check the file NAME of lang/en: a comment first, then entries one a
 * line, lower case, sorted, none twice, none blank. */
static void check_file(const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", DM_LANG, name);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char line[512], prev[512] = "";
	size_t no = 0, entries = 0;
	int have_prev = 0;
	while (fgets(line, sizeof line, f)) {
		no++;
		size_t n = strlen(line);
		if (!n || line[n - 1] != '\n')
			fail_msg("%s:%zu: too long or no newline at the end", name, no);
		line[--n] = 0;
		if (no == 1 && line[0] != '#')
			fail_msg("%s: does not open with a comment saying what the list is for", name);
		if (line[0] == '#')
			continue;
		if (!n || strspn(line, " \t\r") == n)
			fail_msg("%s:%zu: a blank entry", name, no);
		if (line[0] == ' ' || line[0] == '\t' || line[n - 1] == ' ' || line[n - 1] == '\t' ||
		    line[n - 1] == '\r')
			fail_msg("%s:%zu: white space around '%s'", name, no, line);
		size_t k = entry_len(line);
		line[k] = 0;
		if (!lower_case(line, k))
			fail_msg("%s:%zu: '%s' is not lower-case UTF-8", name, no, line);
		if (have_prev && strcmp(prev, line) >= 0)
			fail_msg("%s:%zu: '%s' after '%s' (sorted by bytes, LC_ALL=C sort, none twice)", name, no, line,
			         prev);
		strcpy(prev, line);
		have_prev = 1;
		entries++;
	}
	fclose(f);
	if (!entries)
		fail_msg("%s: no entries", name);
}

static const dm_wordlist *list_named(const char *name, size_t n)
{
	for (size_t i = 0; dm_lex_list(i); i++) {
		const char *l = dm_lex_list(i)->name;
		size_t j = 0;
		while (j < n && l[j] && (l[j] == name[j] || (l[j] == '_' && name[j] == '-')))
			j++;
		if (j == n && !l[j])
			return dm_lex_list(i);
	}
	return NULL;
}

static void every_file_is_well_formed_and_every_list_has_its_file(void **state)
{
	(void)state;
	DIR *d = opendir(DM_LANG);
	assert_non_null(d);
	struct dirent *e;
	size_t files = 0;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (e->d_name[0] == '.')
			continue;
		if (n < 5 || strcmp(e->d_name + n - 4, ".txt"))
			fail_msg("lang/en/%s: only NAME.txt files belong here", e->d_name);
		check_file(e->d_name);
		/* Told, not failed: a file may come before the code that reads it. */
		if (!list_named(e->d_name, n - 4))
			print_message("note: lang/en/%s is compiled in, but no list reads it (LISTS in "
			              "src/lex/lexicon.c)\n",
			              e->d_name);
		files++;
	}
	closedir(d);
	/* and every list has its file */
	for (size_t i = 0; dm_lex_list(i); i++) {
		char path[512];
		snprintf(path, sizeof path, "%s/%s.txt", DM_LANG, dm_lex_list(i)->name);
		FILE *f = fopen(path, "r");
		if (!f)
			fail_msg("list %s: no lang/en/%s.txt", dm_lex_list(i)->name, dm_lex_list(i)->name);
		fclose(f);
	}
	assert_true(files > 0);
}

static void lists_load_with_their_entries(void **state)
{
	(void)state;
	static const struct {
		const dm_wordlist *l;
		size_t n;
	} expect[] = {
	    {&dm_lex_cues, 154},
	    {&dm_lex_roles, 160},
	    {&dm_lex_orgs, 60},
	    {&dm_lex_between, 31},
	    {&dm_lex_aux, 11},
	    {&dm_lex_nameparts, 18},
	    {&dm_lex_venue_preps, 10},
	    {&dm_lex_participles, 16},
	    {&dm_lex_function, 44},
	    {&dm_lex_cue_nouns, 19},
	    {&dm_lex_days, 7},
	    {&dm_lex_months, 12},
	    {&dm_lex_month_abbrevs, 12},
	    {&dm_lex_honorifics, 12},
	    {&dm_lex_abbreviations, 17},
	    {&dm_lex_sentence_openers, 16},
	    {&dm_lex_boilerplate_starts, 23},
	    {&dm_lex_boilerplate_phrases, 3},
	    {&dm_lex_outlet_phrases, 1},
	    {&dm_lex_honorifics_unabbreviated, 3},
	    {&dm_lex_name_suffixes, 5},
	    {&dm_lex_title_stopwords, 12},
	    {&dm_lex_stopwords, 92},
	};
	for (size_t i = 0; i < sizeof expect / sizeof *expect; i++) {
		size_t n;
		const char *const *w = dm_lex_words(expect[i].l, &n);
		if (n != expect[i].n)
			fail_msg("%s: %zu entries, not %zu", expect[i].l->name, n, expect[i].n);
		for (size_t k = 1; k < n; k++)
			assert_true(strcmp(w[k - 1], w[k]) < 0);
	}

	assert_true(dm_lex_has(&dm_lex_cues, "said"));
	assert_true(dm_lex_has(&dm_lex_cues, "accused")); /* the first entry, not the comment */
	assert_true(dm_lex_has(&dm_lex_cues, "wrote"));   /* the last */
	assert_false(dm_lex_has(&dm_lex_cues, "sandwich"));
	assert_false(dm_lex_has(&dm_lex_cues, "Said")); /* entries are lower case; so must words be */
	assert_false(dm_lex_has(&dm_lex_cues, "#"));
	assert_true(dm_lex_has(&dm_lex_roles, "mr."));
	assert_true(dm_lex_has(&dm_lex_roles, "co-chair"));
	assert_true(dm_lex_has(&dm_lex_nameparts, "'s"));
	assert_false(dm_lex_has(&dm_lex_roles, "mr"));
	assert_true(dm_lex_has(&dm_lex_honorifics_unabbreviated, "sir"));
	assert_false(dm_lex_has(&dm_lex_honorifics, "sir"));
	assert_true(dm_lex_hasn(&dm_lex_stopwords, "theirs", 5)); /* "their" */
	assert_false(dm_lex_hasn(&dm_lex_stopwords, "theirs", 6));
	assert_true(dm_lex_hasn(&dm_lex_name_suffixes, "iii.", 3));
	assert_false(dm_lex_hasn(&dm_lex_name_suffixes, "iii", 0));

	/* numbers */
	assert_int_equal(dm_lex_value(&dm_lex_months, "january"), 1);
	assert_int_equal(dm_lex_value(&dm_lex_months, "march"), 3);
	assert_int_equal(dm_lex_value(&dm_lex_months, "december"), 12);
	assert_int_equal(dm_lex_value(&dm_lex_month_abbrevs, "sept"), 9);
	assert_int_equal(dm_lex_value(&dm_lex_month_abbrevs, "jun"), 6);
	assert_int_equal(dm_lex_value(&dm_lex_month_abbrevs, "may"), -1); /* a name in full */
	assert_int_equal(dm_lex_value(&dm_lex_months, "smarch"), -1);
	assert_int_equal(dm_lex_value(&dm_lex_cues, "said"), 0);
	/* the pronouns' kinds, as the models' features know them */
	assert_int_equal(dm_lex_pronoun("she"), 'p');
	assert_int_equal(dm_lex_pronoun("they"), 'g');
	assert_int_equal(dm_lex_pronoun("i"), 'i');
	assert_int_equal(dm_lex_pronoun("the"), 0);
	assert_true(dm_lex_has(&dm_lex_months, "march"));
	assert_false(dm_lex_has(&dm_lex_months, "march=3"));

	/* phrases: in their list, not in the token table */
	assert_true(dm_lex_has(&dm_lex_boilerplate_starts, "click here"));
	assert_true(dm_lex_has(&dm_lex_boilerplate_starts, "\xc2\xa9"));
	assert_true(dm_lex_has(&dm_lex_boilerplate_starts, "comments"));
	assert_false(dm_lex_has(&dm_lex_boilerplate_starts, "click"));
	assert_int_equal(dm_lex_classes("click here"), 0);
	assert_true(dm_lex_has(&dm_lex_outlet_phrases, "publishes articles from a variety of"));
	/* a phrase of a list with a bit is in the table too: one probe */
	assert_true(dm_lex_classes("abu dhabi") & dm_lex_places.bit);
	assert_true(dm_lex_hasn(&dm_lex_places, "abu dhabi airport", 9));
	assert_false(dm_lex_hasn(&dm_lex_places, "abu dhabi airport", 12));
}

/* A word's (or a phrase's) classes are the bits of every list it is in:
 * "and" is a name part ("Bosnia and Herzegovina") and a function word at
 * once. */
static void a_word_has_the_bits_of_all_its_lists(void **state)
{
	(void)state;
	dm_lexmask seen = 0;
	for (size_t i = 0; dm_lex_list(i); i++) {
		dm_lexmask bit = dm_lex_list(i)->bit;
		assert_false(bit & seen); /* one bit a list */
		assert_true(!bit || !(bit & (bit - 1)));
		seen |= bit;
	}
	for (size_t i = 0; dm_lex_list(i); i++) {
		size_t n;
		const char *const *w = dm_lex_words(dm_lex_list(i), &n);
		for (size_t k = 0; k < n; k++) {
			dm_lexmask want = 0;
			for (size_t j = 0; dm_lex_list(j); j++)
				if (dm_lex_list(j)->bit && dm_lex_has(dm_lex_list(j), w[k]))
					want |= dm_lex_list(j)->bit;
			if (dm_lex_classes(w[k]) != want)
				fail_msg("'%s': classes %llx, lists %llx", w[k],
				         (unsigned long long)dm_lex_classes(w[k]), (unsigned long long)want);
		}
	}
	dm_lexmask and = dm_lex_classes("and");
	assert_int_equal(and&(dm_lex_nameparts.bit | dm_lex_function.bit), dm_lex_nameparts.bit | dm_lex_function.bit);
	assert_true(and&dm_lex_stopwords.bit);
	assert_false(and&dm_lex_cues.bit);
	assert_int_equal(dm_lex_classes("saying"), dm_lex_cues.bit | dm_lex_participles.bit | dm_lex_np_speech.bit);
	assert_int_equal(dm_lex_classes("sandwich"), 0);
	assert_int_equal(dm_lex_classes(""), 0);
	/* words of up to eight bytes have a table of their own, keyed by their
	 * bytes as a word; a NUL does not end a word early */
	uint64_t said = 0;
	memcpy(&said, "said", 4);
	assert_true(dm_lex_classes_word(said) & dm_lex_cues.bit);
	assert_int_equal(dm_lex_classes_word(said), dm_lex_classes_n("said", 4));
	assert_int_equal(dm_lex_classes_n("said\0", 5), 0);
	assert_int_equal(dm_lex_classes_n("said\0\0\0\0", 8), 0);
	assert_true(dm_lex_classes_n("minister", 8) & dm_lex_roles.bit);
	assert_true(dm_lex_classes_n("president", 9) & dm_lex_roles.bit);
	assert_int_equal(dm_lex_classes_n("presiden", 8), 0);
}

/* A list made in C (no file) is searched by bisection. */
static void a_list_of_ones_own(void **state)
{
	(void)state;
	static const char *const words[] = {"alpha", "beta", "gamma"};
	const dm_wordlist mine = {"mine", words, 3, 0, 0};
	assert_true(dm_lex_has(&mine, "beta"));
	assert_false(dm_lex_has(&mine, "delta"));
	assert_true(dm_lex_hasn(&mine, "gammas", 5));
	assert_int_equal(dm_lex_value(&mine, "alpha"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_file_is_well_formed_and_every_list_has_its_file),
	    cmocka_unit_test(lists_load_with_their_entries),
	    cmocka_unit_test(a_word_has_the_bits_of_all_its_lists),
	    cmocka_unit_test(a_list_of_ones_own),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
