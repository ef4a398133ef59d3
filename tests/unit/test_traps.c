/* Traps for speaker attribution, on the invented articles of
 * tests/data/traps (see its README.md): unnamed sources next to named
 * people, verbs that only look like cues, title words in names, datelines,
 * pronouns, descriptions and venues.  One test a trap; each fails with the
 * statement dictum produced. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "dictum.h"

#ifndef DM_TRAPS
#error "DM_TRAPS: the folder of the trap articles (tests/data/traps)"
#endif

/* Extract tests/data/traps/NAME. */
static dm_document *load(const char *name)
{
	char path[1024], err[512];
	dm_document *d = NULL;
	snprintf(path, sizeof path, "%s/%s", DM_TRAPS, name);
	if (dm_extract_file(path, NULL, &d, err, sizeof err, NULL) != DM_OK)
		fail_msg("%s: %s", path, err);
	return d;
}

static const char *or_null(const char *s)
{
	return s ? s : "(null)";
}

/* One statement on one line, for failure messages. */
static const char *describe(const dm_statement *s)
{
	static char buf[1024];
	snprintf(buf, sizeof buf, "{%s speaker=%s mention=\"%s\" type=%s cue=\"%s\" venue=%s content=\"%s\"}",
	         dm_kind_name(s->kind), or_null(s->speaker), or_null(s->speaker_mention),
	         dm_speaker_type_name(s->speaker_type), or_null(s->cue_text), or_null(s->venue), s->content_text);
	return buf;
}

/* The first statement whose content holds NEEDLE, or NULL. */
static const dm_statement *lookup(const dm_document *d, const char *needle)
{
	for (size_t i = 0; i < d->n_statements; i++)
		if (strstr(d->statements[i].content_text, needle))
			return &d->statements[i];
	return NULL;
}

/* The statement whose content holds NEEDLE; fails the test if none. */
static const dm_statement *find(const dm_document *d, const char *needle)
{
	const dm_statement *s = lookup(d, needle);
	if (!s)
		fail_msg("%s: no statement holds '%s' (of %zu)", d->source, needle, d->n_statements);
	return s;
}

static int same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* The statement holding NEEDLE is by WHO (NULL: by nobody named). */
static void expect_speaker(const dm_document *d, const char *needle, const char *who)
{
	const dm_statement *s = find(d, needle);
	if (!same(s->speaker, who))
		fail_msg("'%s': speaker should be %s: %s", needle, or_null(who), describe(s));
}

/* The statement holding NEEDLE has a written source that names nobody. */
static void expect_unnamed(const dm_document *d, const char *needle)
{
	const dm_statement *s = find(d, needle);
	if (s->speaker || s->speaker_type != DM_UNNAMED)
		fail_msg("'%s': should be unnamed (speaker null): %s", needle, describe(s));
}

/* No statement's content holds NEEDLE. */
static void expect_no_statement(const dm_document *d, const char *needle)
{
	const dm_statement *s = lookup(d, needle);
	if (s)
		fail_msg("'%s' is no statement: %s", needle, describe(s));
}

/* No statement pinned on WHO holds NEEDLE: there is none, or it has
 * another speaker. */
static void expect_not_pinned(const dm_document *d, const char *needle, const char *who)
{
	for (size_t i = 0; i < d->n_statements; i++) {
		const dm_statement *s = &d->statements[i];
		if (strstr(s->content_text, needle) && same(s->speaker, who))
			fail_msg("'%s' is not %s's: %s", needle, who, describe(s));
	}
}

/* No statement's speaker or speaker mention holds WORD. */
static void expect_no_source_like(const dm_document *d, const char *word)
{
	for (size_t i = 0; i < d->n_statements; i++) {
		const dm_statement *s = &d->statements[i];
		if ((s->speaker && strstr(s->speaker, word)) ||
		    (s->speaker_mention && strstr(s->speaker_mention, word)))
			fail_msg("'%s' is nobody's source: %s", word, describe(s));
	}
}

/* ---- unnamed sources next to a named person ---------------------------- */

static void insider_next_to_the_mayor_is_unnamed(void **state)
{
	(void)state;
	dm_document *d = load("01-bridge-insider.txt");
	expect_unnamed(d, "run over budget");
	dm_document_free(d);
}

static void sources_and_officials_are_unnamed(void **state)
{
	(void)state;
	dm_document *d = load("01-bridge-insider.txt");
	expect_unnamed(d, "final bill would be presented");
	expect_unnamed(d, "closed to lorries");
	dm_document_free(d);
}

static void agent_spokesperson_expert_critics_analysts_are_unnamed(void **state)
{
	(void)state;
	dm_document *d = load("02-harbour-flats.txt");
	expect_unnamed(d, "buyers came mostly from Vellby"); /* the real estate agent */
	expect_unnamed(d, "start a second block");           /* a spokesperson */
	expect_unnamed(d, "could face objections");          /* one legal expert */
	expect_unnamed(d, "too expensive for families");     /* critics say */
	expect_unnamed(d, "risen by a fifth");               /* analysts said */
	dm_document_free(d);
}

static void friends_of_a_person_are_not_the_person(void **state)
{
	(void)state;
	dm_document *d = load("03-ek-court.txt");
	expect_unnamed(d, "shaken by the complaint");
	dm_document_free(d);
}

static void a_persons_lawyer_is_not_the_person(void **state)
{
	(void)state;
	dm_document *d = load("03-ek-court.txt");
	expect_unnamed(d, "without merit");
	dm_document_free(d);
}

/* ---- verbs that only look like cues ------------------------------------- */

static void passive_accusation_is_not_the_accuseds(void **state)
{
	(void)state;
	dm_document *d = load("03-ek-court.txt");
	expect_not_pinned(d, "fraud", "Tomas Ek");
	expect_not_pinned(d, "moving company money", "Tomas Ek"); /* "accuses Ek of" */
	dm_document_free(d);
}

static void a_goal_added_is_no_statement(void **state)
{
	(void)state;
	dm_document *d = load("04-vellby-match.txt");
	expect_no_statement(d, "a goal in the second half");
	expect_no_statement(d, "a third from the penalty spot");
	dm_document_free(d);
}

static void a_shop_offering_a_price_is_no_statement(void **state)
{
	(void)state;
	dm_document *d = load("05-ferry-pass.txt");
	expect_no_statement(d, "20 crowns");
	expect_no_statement(d, "kiosk");
	dm_document_free(d);
}

static void a_study_found_is_not_a_persons(void **state)
{
	(void)state;
	dm_document *d = load("05-ferry-pass.txt");
	const dm_statement *s = lookup(d, "ferry use rose");
	if (s && (s->speaker_type == DM_PERSON || same(s->speaker, "Ilse Maro")))
		fail_msg("a study's finding is pinned on a person: %s", describe(s));
	dm_document_free(d);
}

/* ---- names that hold title words --------------------------------------- */

static void surname_doctor_is_a_name(void **state)
{
	(void)state;
	dm_document *d = load("06-market-doctor.txt");
	expect_speaker(d, "market will cool", "Maria Doctor");
	expect_speaker(d, "stretched as far", "Maria Doctor");
	expect_speaker(d, "sharpest fall", "Maria Doctor");
	dm_document_free(d);
}

static void surname_general_is_a_name(void **state)
{
	(void)state;
	dm_document *d = load("06-market-doctor.txt");
	expect_speaker(d, "review its loan rules", "Erik General");
	expect_speaker(d, "borrow more than", "Erik General");
	dm_document_free(d);
}

static void surname_judge_is_a_name(void **state)
{
	(void)state;
	dm_document *d = load("06-market-doctor.txt");
	expect_speaker(d, "fixed their rates", "Sara Judge"); /* not "Vellby", the place in the apposition */
	expect_speaker(d, "halved since March", "Sara Judge");
	dm_document_free(d);
}

/* ---- datelines ---------------------------------------------------------- */

static void dateline_is_no_source(void **state)
{
	(void)state;
	dm_document *d = load("07-council-dateline.txt");
	const dm_statement *s = find(d, "harbour tax would be delayed");
	if (s->speaker && !strstr(s->speaker, "ouncil"))
		fail_msg("the council's statement, or nobody named: %s", describe(s));
	expect_no_source_like(d, "PORT AMSEL");
	expect_no_source_like(d, "Harbour Wire");
	dm_document_free(d);
}

static void dateline_of_a_new_town_is_no_source(void **state)
{
	(void)state;
	dm_document *d = load("08-new-vellby-plant.txt");
	expect_no_source_like(d, "NEW VELLBY");
	dm_document_free(d);
}

/* ---- places and nationalities ------------------------------------------ */

static void nationality_is_no_speaker(void **state)
{
	(void)state;
	dm_document *d = load("08-new-vellby-plant.txt");
	expect_speaker(d, "battery plant", NULL); /* "The Norwegian automaker", never named */
	for (size_t i = 0; i < d->n_statements; i++)
		if (same(d->statements[i].speaker, "Norwegian"))
			fail_msg("a nationality as speaker: %s", describe(&d->statements[i]));
	dm_document_free(d);
}

static void town_officials_are_unnamed(void **state)
{
	(void)state;
	dm_document *d = load("08-new-vellby-plant.txt");
	expect_unnamed(d, "sell the land"); /* "New Vellby officials" */
	dm_document_free(d);
}

/* ---- an advice column --------------------------------------------------- */

static void advice_column_salutations_are_no_speakers(void **state)
{
	(void)state;
	dm_document *d = load("09-advice-jetty.txt");
	expect_no_source_like(d, "DEAR MARTA");
	expect_no_source_like(d, "DEAR WORRIED");
	expect_no_source_like(d, "Worried in Vellby");
	dm_document_free(d);
}

/* ---- pronouns ----------------------------------------------------------- */

static void she_and_he_find_their_people(void **state)
{
	(void)state;
	dm_document *d = load("10-timetable-pronouns.txt");
	expect_speaker(d, "sleep at the hospital", "Ines Kolar");
	expect_speaker(d, "empty boat", "Tomas Ek");
	dm_document_free(d);
}

/* ---- titles and openers before a name ---------------------------------- */

static void title_glued_to_a_name_is_a_role(void **state)
{
	(void)state;
	dm_document *d = load("11-trawler-memorial.txt");
	expect_speaker(d, "hard lessons", "Ola Berg");
	int role = 0;
	for (size_t i = 0; i < d->n_roles; i++)
		if (same(d->roles[i].speaker, "Ola Berg") && strstr(d->roles[i].title, "chief"))
			role = 1;
	assert_true(role); /* "Harbour Authority chief" is a role, not a name */
	dm_document_free(d);
}

static void role_words_before_a_name_are_titles(void **state)
{
	(void)state;
	dm_document *d = load("04-vellby-match.txt");
	expect_speaker(d, "never stopped running", "Pia Lind"); /* "Coach Pia Lind" */
	dm_document_free(d);
	d = load("12-sea-wall.txt");
	expect_speaker(d, "moved their nets", "Jens Dahl"); /* "Fisherman Jens Dahl" */
	dm_document_free(d);
	d = load("08-new-vellby-plant.txt");
	expect_speaker(d, "local workers first", "Per Alm"); /* "Union leader Per Alm" */
	dm_document_free(d);
}

static void participle_opener_is_not_the_name(void **state)
{
	(void)state;
	dm_document *d = load("11-trawler-memorial.txt");
	expect_speaker(d, "youngest of the crew", "Pia Lind"); /* "Dressed in black, Pia Lind" */
	dm_document_free(d);
}

static void adverb_opener_is_not_the_name(void **state)
{
	(void)state;
	dm_document *d = load("11-trawler-memorial.txt");
	expect_speaker(d, "every family on the quay", "Karin Sved"); /* "Similarly, Karin Sved" */
	dm_document_free(d);
}

static void quantified_officials_are_unnamed(void **state)
{
	(void)state;
	dm_document *d = load("11-trawler-memorial.txt");
	expect_unnamed(d, "second lifeboat"); /* "Two Vellby officials" */
	dm_document_free(d);
}

/* ---- descriptions and surnames resolve to the fullest name ------------- */

static void description_resolves_through_an_apposition(void **state)
{
	(void)state;
	dm_document *d = load("12-sea-wall.txt");
	expect_speaker(d, "another winter", "Karl Oste"); /* "Karl Oste, the 56-year-old harbour master" */
	/* "Later the harbour master said", with fisherman Jens Dahl in between */
	expect_speaker(d, "stay in the inner basin", "Karl Oste");
	dm_document_free(d);
}

static void surname_resolves_to_the_fullest_name(void **state)
{
	(void)state;
	dm_document *d = load("01-bridge-insider.txt");
	expect_speaker(d, "We built this together", "Ines Kolar"); /* "Mayor Ines Kolar opened ..." */
	dm_document_free(d);
	d = load("10-timetable-pronouns.txt");
	expect_speaker(d, "last boat to leave", "Ines Kolar"); /* "Ines Kolar and Tomas Ek sat ..." */
	dm_document_free(d);
	d = load("13-budget-venue.txt");
	expect_speaker(d, "would not be cut", "Ines Kolar"); /* "Ines Kolar, the mayor of Port Amsel, met ..." */
	dm_document_free(d);
}

/* ---- venues ------------------------------------------------------------- */

static void told_an_outlet_is_a_venue(void **state)
{
	(void)state;
	dm_document *d = load("13-budget-venue.txt");
	const dm_statement *s = find(d, "would not be cut");
	if (!same(s->venue, "Harbour Courier") || strstr(s->content_text, "Courier"))
		fail_msg("venue Harbour Courier, out of the content: %s", describe(s));
	dm_document_free(d);
	d = load("01-bridge-insider.txt");
	s = find(d, "run over budget");
	if (!same(s->venue, "Harbour Courier") || strstr(s->content_text, "Courier"))
		fail_msg("venue Harbour Courier, out of the content: %s", describe(s));
	dm_document_free(d);
}

static void venue_stays_with_its_statement(void **state)
{
	(void)state;
	dm_document *d = load("13-budget-venue.txt");
	const dm_statement *s = find(d, "better spent");
	if (s->venue)
		fail_msg("Ek argued, told no outlet: %s", describe(s));
	s = find(d, "no budget at all");
	if (s->venue)
		fail_msg("Ek said, told no outlet: %s", describe(s));
	expect_speaker(d, "better spent", "Tomas Ek");
	dm_document_free(d);
}

/* ---- headlines and the corpus as a whole ------------------------------- */

static void headline_statement_comes_from_the_title(void **state)
{
	(void)state;
	dm_document *d = load("14-night-ferry-headline.txt");
	int n = 0;
	for (size_t i = 0; i < d->n_statements; i++) {
		const dm_statement *s = &d->statements[i];
		if (s->kind != DM_HEADLINE)
			continue;
		n++;
		assert_string_equal(s->content_text, "The night ferry will not return");
		assert_true(s->content[s->n_content - 1].end <= strlen(d->title));
		if (!same(s->speaker, "Tomas Ek"))
			fail_msg("headline speaker should be Tomas Ek: %s", describe(s));
	}
	assert_int_equal(n, 1);
	dm_document_free(d);
}

/* Every article of the corpus: a title that is no headline form ("Name:
 * claim", "..., X says") makes no headline statement, however close a body
 * statement comes to it; and no source runs over a paragraph break (into
 * the title, say). */
static void corpus_titles_and_paragraphs(void **state)
{
	(void)state;
	DIR *dir = opendir(DM_TRAPS);
	assert_non_null(dir);
	int files = 0, wrong = 0;
	for (struct dirent *e; (e = readdir(dir));) {
		size_t len = strlen(e->d_name);
		if (len < 4 || strcmp(e->d_name + len - 4, ".txt") != 0)
			continue;
		files++;
		dm_document *d = load(e->d_name);
		int headline_form = strcmp(e->d_name, "14-night-ferry-headline.txt") == 0;
		for (size_t i = 0; i < d->n_statements; i++) {
			const dm_statement *s = &d->statements[i];
			if (s->kind == DM_HEADLINE && !headline_form) {
				print_error("%s: title '%s' is no headline form: %s\n", e->d_name, or_null(d->title),
				            describe(s));
				wrong++;
			}
			if (s->speaker_mention && strchr(s->speaker_mention, '\n')) {
				print_error("%s: source runs over a paragraph break: %s\n", e->d_name, describe(s));
				wrong++;
			}
		}
		dm_document_free(d);
	}
	closedir(dir);
	assert_true(files >= 12);
	assert_int_equal(wrong, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(insider_next_to_the_mayor_is_unnamed),
	    cmocka_unit_test(sources_and_officials_are_unnamed),
	    cmocka_unit_test(agent_spokesperson_expert_critics_analysts_are_unnamed),
	    cmocka_unit_test(friends_of_a_person_are_not_the_person),
	    cmocka_unit_test(a_persons_lawyer_is_not_the_person),
	    cmocka_unit_test(passive_accusation_is_not_the_accuseds),
	    cmocka_unit_test(a_goal_added_is_no_statement),
	    cmocka_unit_test(a_shop_offering_a_price_is_no_statement),
	    cmocka_unit_test(a_study_found_is_not_a_persons),
	    cmocka_unit_test(surname_doctor_is_a_name),
	    cmocka_unit_test(surname_general_is_a_name),
	    cmocka_unit_test(surname_judge_is_a_name),
	    cmocka_unit_test(dateline_is_no_source),
	    cmocka_unit_test(dateline_of_a_new_town_is_no_source),
	    cmocka_unit_test(nationality_is_no_speaker),
	    cmocka_unit_test(town_officials_are_unnamed),
	    cmocka_unit_test(advice_column_salutations_are_no_speakers),
	    cmocka_unit_test(she_and_he_find_their_people),
	    cmocka_unit_test(title_glued_to_a_name_is_a_role),
	    cmocka_unit_test(role_words_before_a_name_are_titles),
	    cmocka_unit_test(participle_opener_is_not_the_name),
	    cmocka_unit_test(adverb_opener_is_not_the_name),
	    cmocka_unit_test(quantified_officials_are_unnamed),
	    cmocka_unit_test(description_resolves_through_an_apposition),
	    cmocka_unit_test(surname_resolves_to_the_fullest_name),
	    cmocka_unit_test(told_an_outlet_is_a_venue),
	    cmocka_unit_test(venue_stays_with_its_statement),
	    cmocka_unit_test(headline_statement_comes_from_the_title),
	    cmocka_unit_test(corpus_titles_and_paragraphs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
