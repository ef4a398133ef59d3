/* Attribution through the public API, on sentences written for the test. */
#define _GNU_SOURCE /* sched_setaffinity */
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "dictum.h"

#define LQ "\xE2\x80\x9C" /* “ */
#define RQ "\xE2\x80\x9D" /* ” */

static dm_document *extract(const char *text)
{
	dm_document *d = NULL;
	char err[128];
	assert_int_equal(dm_extract_bytes("test.txt", text, strlen(text), NULL, &d, err, sizeof err, NULL), DM_OK);
	return d;
}

/* Every attribution PolNeAR's scheme counts, not only statements. */
static dm_document *extract_attributions(const char *text)
{
	dm_document *d = NULL;
	char err[128];
	dm_options opt = {.attributions = 1};
	assert_int_equal(dm_extract_bytes("test.txt", text, strlen(text), &opt, &d, err, sizeof err, NULL), DM_OK);
	return d;
}

/* Does a statement's content hold NEEDLE? */
static int holds(const dm_document *d, const char *needle)
{
	for (size_t i = 0; i < d->n_statements; i++)
		if (strstr(d->statements[i].content_text, needle))
			return 1;
	return 0;
}

/* The statement whose content holds NEEDLE; fails the test if none. */
static const dm_statement *find(const dm_document *d, const char *needle)
{
	for (size_t i = 0; i < d->n_statements; i++)
		if (strstr(d->statements[i].content_text, needle))
			return &d->statements[i];
	fail_msg("no statement holds '%s' (of %zu)", needle, d->n_statements);
	return NULL;
}

static void source_cue_that_content(void **state)
{
	(void)state;
	dm_document *d = extract("Harbour mayor Ines Kolar said that the bridge would reopen in May.");
	assert_int_equal(d->n_statements, 1);
	const dm_statement *s = &d->statements[0];
	assert_string_equal(s->speaker, "Ines Kolar");
	assert_string_equal(s->speaker_mention, "Harbour mayor Ines Kolar");
	assert_string_equal(s->cue_text, "said");
	assert_int_equal(s->kind, DM_INDIRECT);
	assert_int_equal(s->speaker_type, DM_PERSON);
	assert_string_equal(s->content_text, "that the bridge would reopen in May");
	dm_document_free(d);
}

static void quote_then_source_resolves_surname(void **state)
{
	(void)state;
	dm_document *d = extract("Ines Kolar has said that the works are on time.\n\n" LQ
	                         "We will not wait for the ministry," RQ " Kolar said.");
	const dm_statement *s = find(d, "We will not wait");
	assert_int_equal(s->kind, DM_DIRECT);
	assert_string_equal(s->speaker, "Ines Kolar");
	assert_string_equal(s->speaker_mention, "Kolar");
	assert_string_equal(find(d, "works are on time")->cue_text, "has said");
	dm_document_free(d);
}

static void inverted_cue_with_title(void **state)
{
	(void)state;
	dm_document *d = extract(LQ "The budget is fixed," RQ " said the finance minister.");
	assert_int_equal(d->n_statements, 1);
	assert_string_equal(d->statements[0].speaker_mention, "the finance minister");
	/* the article names no finance minister: the source stays unnamed */
	assert_null(d->statements[0].speaker);
	assert_int_equal(d->statements[0].speaker_type, DM_UNNAMED);
	dm_document_free(d);
	/* where it does, the title is that person's */
	d = extract("Finance minister Ivo Lund met the unions on Monday.\n\n" LQ "The budget is fixed," RQ
	            " said the finance minister.");
	assert_string_equal(find(d, "budget is fixed")->speaker, "Ivo Lund");
	dm_document_free(d);
}

static void according_to_an_organisation(void **state)
{
	(void)state;
	dm_document *d = extract("According to the Transport Ministry, the port will close for a week.");
	assert_int_equal(d->n_statements, 1);
	const dm_statement *s = &d->statements[0];
	assert_string_equal(s->cue_text, "According to");
	assert_string_equal(s->speaker, "Transport Ministry");
	assert_int_equal(s->speaker_type, DM_ORGANIZATION);
	assert_string_equal(s->content_text, "the port will close for a week");
	dm_document_free(d);
}

static void pronouns_titles_and_continued_quotes(void **state)
{
	(void)state;
	dm_document *d = extract("Harbour chief Tomas Ek said the cranes were old.\n\n"
	                         "He added that new ones would cost too much.\n\n"
	                         "The harbour chief stressed that safety came first.\n\n" LQ
	                         "We check every crane each morning and log what we find." RQ);
	assert_string_equal(find(d, "new ones")->speaker, "Tomas Ek");
	assert_string_equal(find(d, "new ones")->speaker_mention, "He");
	assert_string_equal(find(d, "safety came first")->speaker, "Tomas Ek");
	const dm_statement *c = find(d, "We check every crane");
	assert_string_equal(c->speaker, "Tomas Ek");
	assert_null(c->cue_text);
	assert_null(c->speaker_mention);
	assert_int_equal(c->kind, DM_DIRECT);
	dm_document_free(d);
}

static void quote_over_two_paragraphs_is_one_statement(void **state)
{
	(void)state;
	dm_document *d = extract("Nadia Orsk said: " LQ "The first part is here.\n\n" LQ "The second part ends it." RQ
	                         "\n\nThe meeting then closed.");
	assert_int_equal(d->n_statements, 1);
	const dm_statement *s = &d->statements[0];
	assert_int_equal(s->n_content, 2);
	assert_int_equal(s->kind, DM_DIRECT);
	assert_non_null(strstr(s->content_text, "second part"));
	dm_document_free(d);
}

static void scare_quotes_are_not_statements(void **state)
{
	(void)state;
	dm_document *d = extract("The shop in Vellby sells " LQ "Aurora" RQ " lamps and little else.");
	assert_int_equal(d->n_statements, 0);
	dm_document_free(d);
}

static void mixed_statement(void **state)
{
	(void)state;
	dm_document *d = extract("Nadia Orsk said the plan was " LQ "a gift to nobody" RQ " and should be dropped.");
	assert_int_equal(d->n_statements, 1);
	assert_int_equal(d->statements[0].kind, DM_MIXED);
	dm_document_free(d);
}

static void headline_and_provenance(void **state)
{
	(void)state;
	dm_document *d = extract("Ines Kolar: Ferries come first\n\n"
	                         "The bridge will reopen in May, Ines Kolar said in an interview with Radio Lumen, "
	                         "according to Daily Fjord, reporting NorthWire.\n\n"
	                         "Traffic has been diverted since March.");
	assert_string_equal(d->title, "Ines Kolar: Ferries come first");
	assert_int_equal(d->statements[0].kind, DM_HEADLINE);
	const dm_statement *s = find(d, "reopen in May");
	assert_string_equal(s->venue, "Radio Lumen");
	assert_int_equal(s->n_via, 2);
	assert_string_equal(s->via[0], "NorthWire");
	assert_string_equal(s->via[1], "Daily Fjord");
	assert_string_equal(d->outlet, "Daily Fjord");
	dm_document_free(d);
	/* a headline that says again what the body quotes is no second statement */
	d = extract("Ines Kolar: The bridge will reopen\n\n"
	            "The bridge will reopen in May, Ines Kolar said.");
	assert_int_equal(d->n_statements, 1);
	assert_int_not_equal(d->statements[0].kind, DM_HEADLINE);
	dm_document_free(d);
}

static void offsets_count_code_points(void **state)
{
	(void)state;
	/* "Ærø" is 3 code points, 5 bytes: offsets after it differ by 2. */
	const char *text = "\xC3\x86r\xC3\xB8 mayor Ola Berg said that taxes will fall.";
	dm_document *d = extract(text);
	assert_int_equal(d->n_statements, 1);
	const dm_statement *s = &d->statements[0];
	const char *that = strstr(text, "that");
	assert_int_equal(s->content[0].start, that - text);
	assert_int_equal(dm_cp_offset(d, s->content[0].start), (that - text) - 2);
	dm_document_free(d);
}

/* Offsets asked for in any order, across many blocks of the count, give
 * the code points before them. */
static void offsets_in_any_order(void **state)
{
	(void)state;
	const char *text = "\xC3\x86r\xC3\xB8 mayor Ola Berg said that the ferry to \xC3\x85lesund will run "
	                   "from Tuesday, and that the fares \xE2\x80\x94 cut by a third \xE2\x80\x94 "
	                   "will stay low \xE2\x80\x9C"
	                   "for the whole winter\xE2\x80\x9D, she said.";
	dm_document *d = extract(text);
	size_t n = strlen(text);
	assert_true(n > 2 * 64); /* three blocks of the count */
	for (size_t k = 0; k <= n; k++) {
		uint32_t off = (uint32_t)(k % 2 ? n - k : k); /* from both ends in turn */
		size_t cp = 0;
		for (uint32_t i = 0; i < off; i++)
			cp += ((unsigned char)text[i] & 0xC0) != 0x80;
		assert_int_equal(dm_cp_offset(d, off), cp);
	}
	dm_document_free(d);
}

static void wire_quotes_titles_and_modifiers(void **state)
{
	(void)state;
	dm_document *d = extract("Ola Berg spoke after the ruling.\n\n"
	                         "''We will appeal,'' Mr. Berg said. ''Nothing is settled.''\n\n"
	                         "\"The ruling stands,\" retired navy captain Ivo Lund said.");
	const dm_statement *s = find(d, "We will appeal");
	assert_string_equal(s->speaker_mention, "Mr. Berg");
	assert_string_equal(s->speaker, "Ola Berg");
	assert_int_equal(s->kind, DM_DIRECT);
	assert_string_equal(find(d, "Nothing is settled")->speaker, "Ola Berg");
	assert_string_equal(find(d, "The ruling stands")->speaker_mention, "retired navy captain Ivo Lund");
	dm_document_free(d);
}

static void organisation_descriptions_and_single_quotes(void **state)
{
	(void)state;
	dm_document *d = extract(
	    "The Valdorian Water Board said that tariffs will rise in May.\n\n"
	    "According to the board, the rise pays for new pipes.\n\n"
	    "\xE2\x80\x98It is overdue,\xE2\x80\x99 Karin Sved said. \xE2\x80\x98The pipes are old.\xE2\x80\x99");
	const dm_statement *s = find(d, "new pipes");
	assert_string_equal(s->speaker, "Valdorian Water Board");
	assert_string_equal(s->speaker_mention, "the board");
	assert_int_equal(s->speaker_type, DM_ORGANIZATION);
	assert_string_equal(find(d, "The pipes are old")->speaker, "Karin Sved");
	dm_document_free(d);
}

static void participles_take_the_subject(void **state)
{
	(void)state;
	dm_document *d = extract("Mayor Ines Kolar defended the plan, saying that it would pay for itself.\n\n"
	                         "Tomas Ek spoke last, adding that the cranes were ready.");
	const dm_statement *s = find(d, "pay for itself");
	assert_string_equal(s->cue_text, "saying");
	assert_string_equal(s->speaker, "Ines Kolar");
	assert_string_equal(s->content_text, "that it would pay for itself");
	assert_string_equal(find(d, "the plan")->content_text, "the plan"); /* cut before the participle */
	s = find(d, "cranes were ready");
	assert_string_equal(s->speaker, "Tomas Ek");
	assert_string_equal(s->speaker_mention, "Tomas Ek");
	dm_document_free(d);
}

static void content_on_both_sides_of_the_cue(void **state)
{
	(void)state;
	dm_document *d = extract("Too often, Ines Kolar said, the debate over the harbour is about money alone.");
	assert_int_equal(d->n_statements, 1);
	const dm_statement *s = &d->statements[0];
	assert_int_equal(s->n_content, 2);
	assert_string_equal(s->content_text, "Too often the debate over the harbour is about money alone");
	assert_string_equal(s->speaker, "Ines Kolar");
	dm_document_free(d);
}

static void quote_after_its_cue_sentence_joins_it(void **state)
{
	(void)state;
	dm_document *d = extract(LQ "We are ready," RQ " Nadia Orsk said. " LQ "The draft is on the table." RQ "\n\n" LQ
	                            "A new paragraph is a new statement." RQ);
	assert_int_equal(d->n_statements, 2);
	const dm_statement *s = &d->statements[0];
	assert_int_equal(s->n_content, 2);
	assert_int_equal(s->kind, DM_DIRECT);
	assert_string_equal(s->content_text, LQ "We are ready," RQ " " LQ "The draft is on the table." RQ);
	assert_string_equal(d->statements[1].speaker, "Nadia Orsk");
	assert_null(d->statements[1].cue_text);
	dm_document_free(d);
}

static void source_with_a_relative_clause(void **state)
{
	(void)state;
	dm_document *d = extract("The talks will go on, Erin Moss, a former aide who travelled with the envoy, said.");
	assert_int_equal(d->n_statements, 1);
	const dm_statement *s = &d->statements[0];
	assert_string_equal(s->speaker, "Erin Moss");
	assert_string_equal(s->speaker_mention, "Erin Moss, a former aide who travelled with the envoy");
	assert_string_equal(s->content_text, "The talks will go on");
	dm_document_free(d);
}

/* Words set off by a pair of spaced dashes after a name are about the
 * source, who stands before them, commas inside or not. */
static void source_before_a_dash_pair(void **state)
{
	(void)state;
	dm_document *d = extract(
	    "In Lusk, the Green candidate, Tavi Ormond \xE2\x80\x94 whose mother, also a mayor, built the ferry "
	    "line \xE2\x80\x94 promised to keep the ferry running.\n\n"
	    "Dara Venn \xE2\x80\x94 whose firm built the bridge in the harbour \xE2\x80\x94 promised to repair "
	    "its cables.");
	assert_string_equal(find(d, "keep the ferry")->speaker, "Tavi Ormond");
	assert_string_equal(find(d, "repair its cables")->speaker, "Dara Venn");
	dm_document_free(d);
}

/* A brand's name that opens with one small letter before a capital is a
 * name as a capitalised word is. */
static void brand_with_a_small_first_letter(void **state)
{
	(void)state;
	dm_document *d =
	    extract("As eLumo points out in its review, the new keyboard is the old one with thinner keys.");
	const dm_statement *s = find(d, "thinner keys");
	assert_non_null(s->speaker);
	assert_string_equal(s->speaker, "eLumo");
	dm_document_free(d);
}

/* "the statement said" is the statement an earlier cue spoke of, and its
 * issuer's; "it" after another name opens its sentence is not the last
 * organisation that spoke. */
static void the_statement_is_its_issuers(void **state)
{
	(void)state;
	dm_document *d =
	    extract("Two ferries collided off Lusk, the Harbour Authority said in a statement on Monday.\n\n"
	            "\"The cause is under investigation,\" the statement said.\n\n"
	            "The Lusk Ferry Company, however, cancelled its crossings, which it said would "
	            "resume in a week.");
	assert_non_null(find(d, "under investigation")->speaker);
	assert_string_equal(find(d, "under investigation")->speaker, "Harbour Authority");
	const char *it = find(d, "resume in a week")->speaker;
	assert_true(it == NULL || strcmp(it, "Harbour Authority") != 0);
	dm_document_free(d);
	/* a nationality opens the name of no person: the organisation's */
	d = extract("Two ferries collided, the Harbour Authority said in a statement on Monday.\n\n"
	            "The Norwegian Ferry Crews, however, blamed the fog, which it said came in fast.");
	it = find(d, "came in fast")->speaker;
	assert_non_null(it);
	assert_string_equal(it, "Norwegian Ferry Crews");
	dm_document_free(d);
}

/* A middle initial is no acronym: "Mira K. Sand" is a person's name, of
 * the sex of her given name ("his attorney" is another's word), and with
 * or without the initial one person for her surname. */
static void names_with_a_middle_initial(void **state)
{
	(void)state;
	dm_document *d =
	    extract("Mira K. Sand, his attorney, told the Courier that her client meant no harm to Ilse Maro.\n\n"
	            "\"He regrets the call,\" she said in an email.\n\n"
	            "Mira Sand later said the plea was fair. \"He will pay,\" Sand said.");
	assert_non_null(find(d, "regrets the call")->speaker);
	assert_string_equal(find(d, "regrets the call")->speaker, "Mira K. Sand");
	const char *sand = find(d, "will pay")->speaker;
	assert_non_null(sand);
	assert_true(!strcmp(sand, "Mira K. Sand") || !strcmp(sand, "Mira Sand"));
	dm_document_free(d);
}

/* A paragraph that opens with a notice's label is the site's own notice:
 * nobody's statement, though its verbs are cues. */
static void notices_say_nothing(void **state)
{
	(void)state;
	dm_document *d = extract("The harbour will reopen in May, the council said.\n\n"
	                         "Disclaimer: Tidewire.com advises readers to check with a pilot before sailing.\n\n"
	                         "FTC: Tidewire says it earns money from links on this page.");
	assert_int_equal(d->n_statements, 1);
	assert_true(holds(d, "reopen in May"));
	dm_document_free(d);
}

/* A web page's blockquote with the line after it that credits a name:
 * each paragraph of it is a direct statement of that name, as written. */
static void credited_quotations_of_a_page(void **state)
{
	(void)state;
	dm_document *d = extract("<html><body><article><p>The new ferry opened this week, and the first reviews "
	                         "are in. Here is what the critics wrote about the crossing:</p>"
	                         "<blockquote><p>The crossing is smooth and the cabin is warm, though the coffee "
	                         "on board is weak.</p><p>Still, it beats the old boat by an hour, and every seat "
	                         "is wired for power.</p></blockquote>"
	                         "<p>[<a href=\"https://tide.example/review\">Wired</a>]</p>"
	                         "<blockquote><p>Too slow for anyone who has to be at work by eight in the "
	                         "morning.</p></blockquote><p>[Ma** Ho**]</p></article></body></html>");
	const dm_statement *s = find(d, "cabin is warm");
	assert_non_null(s->speaker);
	assert_string_equal(s->speaker, "Wired"); /* a common word, but the page names it */
	assert_int_equal(s->kind, DM_DIRECT);
	assert_string_equal(find(d, "beats the old boat")->speaker, "Wired");
	for (size_t i = 0; i < d->n_statements; i++)
		assert_null(strstr(d->statements[i].speaker ? d->statements[i].speaker : "", "Ma**"));
	dm_document_free(d);
}

/* A question ends the quotation's sentence; the source after it may hold
 * a title of prepositions ("director for the port at the Harbour Board"),
 * and it is still the name that opens the sentence.  "made no mention of"
 * says nothing. */
static void split_quote_with_a_long_title(void **state)
{
	(void)state;
	dm_document *d =
	    extract("While the mayor opened the new pier, he made no mention of raising the ferry fares.\n\n" LQ
	            "Why would anyone take the ferry now?" RQ " Ada Lind, the former director for the "
	            "port at the Harbour Board, said at a meeting.");
	assert_false(holds(d, "ferry fares"));
	const dm_statement *s = find(d, "take the ferry now");
	assert_non_null(s->speaker);
	assert_string_equal(s->speaker, "Ada Lind");
	dm_document_free(d);
}

/* "responded by pushing him": what was done, no statement. */
static void a_means_is_no_content(void **state)
{
	(void)state;
	dm_document *d =
	    extract("When the harbour master shouted at him, Tomas Ek responded by pushing him off the pier "
	            "into the cold water.\n\nLater, Ek responded that the pier had been unsafe for years.");
	assert_false(holds(d, "off the pier"));
	assert_true(holds(d, "unsafe for years"));
	dm_document_free(d);
}

/* "reported earnings", "posted a loss": a company's figures, what it made
 * or lost; "reported that sales rose" is what it said. */
static void company_figures_are_no_statement(void **state)
{
	(void)state;
	dm_document *d = extract("Vessmark Ferries reported third-quarter earnings of $4 million on Tuesday, and its "
	                         "rival Lusk Lines posted a loss for the year.\n\n"
	                         "Later, Vessmark Ferries reported that its sales had risen in every port.");
	for (size_t i = 0; i < d->n_statements; i++)
		assert_null(strstr(d->statements[i].content_text, "earnings"));
	assert_false(holds(d, "loss for the year"));
	assert_true(holds(d, "sales had risen"));
	dm_document_free(d);
}

/* "the purchases touted by Ada Lind in May": the participle describes the
 * noun before it; what follows it is another's content. */
static void participle_of_a_noun_with_its_agent(void **state)
{
	(void)state;
	dm_document *d = extract("Ada Lind spoke on Monday.\n\n"
	                         "One harbour expert said that to achieve the 40 ferry crossings a day of new boats "
	                         "touted by Ada Lind in October, she would likely have to cut all of the fees the port "
	                         "put in place since 2018.");
	assert_true(holds(d, "cut all of the fees"));
	for (size_t i = 0; i < d->n_statements; i++)
		assert_true(d->statements[i].speaker == NULL || strcmp(d->statements[i].speaker, "Ada Lind") != 0);
	dm_document_free(d);
}

/* A word or two in quotation marks inside a sentence that goes on is the
 * writer's scare quote; a short cry with its stop is still said. */
static void scare_quotes_in_a_sentence(void **state)
{
	(void)state;
	dm_document *d =
	    extract("Ferries like those of Vessmark are popular with the council, because they are sending " LQ
	            "free tickets" RQ " to every school in the town.\n\n"
	            "Ada Lind shouted " LQ "Come back!" RQ " at the boat as it left.");
	assert_false(holds(d, "free tickets"));
	assert_true(holds(d, "Come back!"));
	dm_document_free(d);
}

/* "tells us you should ...": whom it was told is no part of what. */
static void whom_it_was_told_is_no_content(void **state)
{
	(void)state;
	dm_document *d = extract("Vessmark Ferries tells us you should expect to buy tickets at the pier.\n\n"
	                         "Ada Lind told reporters the pier was closed.");
	assert_string_equal(find(d, "expect to buy")->content_text, "you should expect to buy tickets at the pier");
	assert_string_equal(find(d, "pier was closed")->content_text, "the pier was closed");
	dm_document_free(d);
}

/* "Norway's fisheries minister said ... Fisheries Minister Ines Kolar": a
 * place for owner is the title's own; another owner is not. */
static void a_place_owns_its_title(void **state)
{
	(void)state;
	dm_document *d = extract("The house where Ada Lind was born will be turned into a ferry office, Norway's "
	                         "fisheries minister said on Tuesday.\n\n"
	                         "\"It will never again be a home,\" Fisheries Minister Ines Kolar said.\n\n"
	                         "The new pier is safe, Tomas Ek's lawyer said.\n\n"
	                         "\"We will see,\" Lawyer Mira Holt said.");
	const dm_statement *s = find(d, "ferry office");
	assert_non_null(s->speaker);
	assert_string_equal(s->speaker, "Ines Kolar");
	assert_null(find(d, "new pier is safe")->speaker);
	dm_document_free(d);
}

/* "they" is the organisation that spoke last, in this paragraph or the one
 * before, while no one has been named since. */
static void they_for_an_organisation(void **state)
{
	(void)state;
	dm_document *d = extract("The Harbour Board said on Monday that the pier would stay open.\n\n"
	                         "\"No final decision on the ferry has been made,\" they said in a statement.\n\n"
	                         "The Lusk Council said the fares would rise.\n\n"
	                         "Ada Lind and Tomas Ek, who run the kiosk, were at the meeting. "
	                         "\"We are tired of waiting,\" they said.");
	const dm_statement *s = find(d, "No final decision");
	assert_non_null(s->speaker);
	assert_string_equal(s->speaker, "Harbour Board");
	assert_null(find(d, "tired of waiting")->speaker);
	dm_document_free(d);
}

/* ", which" ends a content after its verb; before it the clause goes on
 * to its verb. */
static void which_before_the_verb(void **state)
{
	(void)state;
	dm_document *d = extract("The Harbour Institute has also estimated that 964 ferries, which carry about half "
	                         "of the island's goods, needed repairs in 2017.\n\n"
	                         "Ada Lind said that the pier needed repairs, which the council denied.");
	assert_true(holds(d, "needed repairs in 2017"));
	assert_string_equal(find(d, "pier needed")->content_text, "that the pier needed repairs");
	dm_document_free(d);
}

/* "His claim that ...": the owner of a cue noun, a pronoun, is resolved as
 * "he" is; "his lawyer" is another. */
static void his_claim_is_his(void **state)
{
	(void)state;
	dm_document *d = extract("Tomas Ek spoke to the board on Monday.\n\n"
	                         "His claim that the pier was safe was soon shown to be false.\n\n"
	                         "His lawyer said that the pier had been inspected.\n\n"
	                         "Ada Lind spoke after him. Her claim that the ferry was late was true.");
	const dm_statement *s = find(d, "pier was safe");
	assert_non_null(s->speaker);
	assert_string_equal(s->speaker, "Tomas Ek");
	assert_null(find(d, "been inspected")->speaker);
	s = find(d, "ferry was late");
	assert_non_null(s->speaker);
	assert_string_equal(s->speaker, "Ada Lind");
	dm_document_free(d);
}

/* "It did not say where and said ...": the pronoun that opens the sentence
 * is the second verb's subject. */
static void a_pronoun_subject_of_a_second_verb(void **state)
{
	(void)state;
	dm_document *d = extract("Two ferries collided, the Harbour Board said in a statement on Monday.\n\n"
	                         "It did not give the place and said it was withholding the names of the crews.");
	const dm_statement *s = find(d, "withholding the names");
	assert_non_null(s->speaker_mention);
	assert_string_equal(s->speaker_mention, "It");
	assert_non_null(s->speaker);
	assert_string_equal(s->speaker, "Harbour Board");
	dm_document_free(d);
}

/* "In an interview with the police, Ek confessed, admitting that ...": the
 * participle is the subject's, past the phrase that opens the sentence. */
static void a_participle_after_an_opening_phrase(void **state)
{
	(void)state;
	dm_document *d =
	    extract("The man who took the boat, Tomas Ek, was sentenced on Monday.\n\n"
	            "In a three-hour recorded interview with the harbour police, Ek confessed to the theft, "
	            "admitting that after fighting off the owner, he sailed to a church pier.");
	const dm_statement *s = find(d, "fighting off the owner");
	assert_non_null(s->speaker);
	assert_string_equal(s->speaker, "Tomas Ek");
	dm_document_free(d);
}

/* "threatened to ...": a threat is said. */
static void a_threat_is_a_statement(void **state)
{
	(void)state;
	dm_document *d = extract("Harbour police have laid siege to a college, pinning 800 students inside and "
	                         "threatened to use water cannon on them, as the latest round of protests grew.");
	assert_true(holds(d, "water cannon"));
	dm_document_free(d);
}

/* "Commenting on the vote, Ada Lind said that ...": a participle and its
 * preposition that open the sentence are the sentence's speaker's. */
static void a_participle_with_its_preposition_opens(void **state)
{
	(void)state;
	dm_document *d =
	    extract("Commenting on the illegal vote held in the harbour district recently, Ada Lind said "
	            "that \xE2\x80\x9Cso-called votes once again showed that the board has no plan\xE2\x80\x9D.");
	for (size_t i = 0; i < d->n_statements; i++) {
		assert_non_null(d->statements[i].speaker);
		assert_string_equal(d->statements[i].speaker, "Ada Lind");
	}
	assert_true(holds(d, "so-called votes"));
	dm_document_free(d);
}

/* "The group that runs the ferries, Vessmark Lines, says": the apposition
 * makes the name an organisation's, wherever it speaks, and no "he" is
 * it. */
static void an_organisation_by_its_apposition(void **state)
{
	(void)state;
	dm_document *d = extract("The group that owns most of her songs, Vessmark Lines, says she will be allowed to "
	                         "play her old songs at the harbour fair on Sunday.\n\n"
	                         "Brix Brenn has worked with the likes of many singers.\n\n"
	                         "He has consistently denied being unfair to her.\n\n"
	                         "Vessmark Lines have twice denied doing anything wrong.\n\n"
	                         "\"At no point did we close the pier,\" they said in a statement on Friday.");
	const dm_statement *s = find(d, "play her old songs");
	assert_int_equal(s->speaker_type, DM_ORGANIZATION);
	assert_int_equal(find(d, "doing anything wrong")->speaker_type, DM_ORGANIZATION);
	s = find(d, "At no point");
	assert_non_null(s->speaker);
	assert_string_equal(s->speaker, "Vessmark Lines");
	const char *he = find(d, "being unfair")->speaker;
	assert_true(he == NULL || strcmp(he, "Vessmark Lines") != 0);
	dm_document_free(d);
}

/* "A photo of the meeting was denied by Lind, hinting that ...": the
 * participle is the passive's agent's, not its subject's. */
static void a_participle_after_a_passive_agent(void **state)
{
	(void)state;
	dm_document *d = extract("Tomas Ek and Ada Lind met at the pier.\n\n"
	                         "A photo of the meeting was denied by Lind, hinting that it was a fake.");
	const dm_statement *s = find(d, "it was a fake");
	assert_non_null(s->speaker);
	assert_string_equal(s->speaker, "Ada Lind");
	dm_document_free(d);
}

/* "Lind got support last week, after accusing them of ...": a participle
 * after "after" is the sentence subject's. */
static void a_participle_after_after(void **state)
{
	(void)state;
	dm_document *d = extract("The harbour board says the ferry will run on Sunday.\n\n"
	                         "Lind got strong support last week, after accusing them of trying to stop the ferry.");
	const dm_statement *s = find(d, "trying to stop the ferry");
	assert_non_null(s->speaker);
	assert_string_equal(s->speaker, "Lind");
	dm_document_free(d);
}

/* "“...?” Lind tearfully asked": a manner adverb between the source and
 * its cue. */
static void an_adverb_between_source_and_cue(void **state)
{
	(void)state;
	dm_document *d = extract("Ada Lind offered her seat on the ferry.\n\n" LQ "Can I give it to Tomas?" RQ
	                         " Lind tearfully asked before leaving the pier.");
	const dm_statement *s = find(d, "give it to Tomas");
	assert_non_null(s->speaker);
	assert_string_equal(s->speaker, "Ada Lind");
	dm_document_free(d);
}

static void common_noun_sources_brackets_and_shares(void **state)
{
	(void)state;
	dm_document *d = extract("Sen. Ola Berg (L-Lund) said that the bill would pass.\n\n"
	                         "The audit found gaps, the inquiry said.\n\n"
	                         "In the poll, 59 percent said they trusted the council.\n\n"
	                         "\"It was not convincing,\" said one councillor familiar with the talks.");
	assert_string_equal(find(d, "bill would pass")->speaker_mention, "Sen. Ola Berg (L-Lund)");
	assert_string_equal(find(d, "bill would pass")->speaker, "Ola Berg");
	assert_string_equal(find(d, "found gaps")->speaker_mention, "the inquiry");
	assert_string_equal(find(d, "trusted the council")->speaker_mention, "59 percent");
	assert_string_equal(find(d, "not convincing")->speaker_mention, "one councillor familiar with the talks");
	dm_document_free(d);
}

static void transcript_lines(void **state)
{
	(void)state;
	dm_document *d = extract("The debate went on past midnight.\n\n"
	                         "HOLT: Will you raise the harbour fees? Answer briefly.\n\n"
	                         "Update: the debate ended at one.");
	assert_int_equal(d->n_statements, 1);
	const dm_statement *s = &d->statements[0];
	assert_string_equal(s->speaker_mention, "HOLT");
	assert_string_equal(s->cue_text, ":");
	assert_string_equal(s->content_text, "Will you raise the harbour fees? Answer briefly");
	dm_document_free(d);
	/* a transcript quoted paragraph by paragraph; the label in capitals
	 * is the person of that surname */
	d = extract("Harbour chief Mira Holt spoke to the council on Sunday. Partial transcript as follows:\n\n" LQ
	            "EK: Will you raise the harbour fees this winter?\n\n" LQ
	            "HOLT: Well, the fees will stay where they are until May.\n\n" LQ
	            "CLARIFICATION: An earlier version misspelled a name.");
	s = NULL;
	for (size_t i = 0; i < d->n_statements; i++)
		if (!strncmp(d->statements[i].content_text, "Well, the fees", 14))
			s = &d->statements[i];
	assert_non_null(s);
	assert_string_equal(s->speaker_mention, "HOLT");
	assert_string_equal(s->speaker, "Mira Holt");
	for (size_t i = 0; i < d->n_statements; i++) {
		if (strstr(d->statements[i].content_text, "earlier version"))
			assert_null(d->statements[i].speaker);             /* a common word, no label */
		assert_null(strstr(d->statements[i].content_text, "EK:")); /* no quotation over the lines */
	}
	dm_document_free(d);
}

static void coordinated_cues_and_shares_of_groups(void **state)
{
	(void)state;
	dm_document *d = extract("Mira Holt rejected the budget, but says that she will not resign.\n\n"
	                         "Only 49 percent of voters say the same of the council.");
	const dm_statement *s = find(d, "will not resign");
	assert_string_equal(s->speaker, "Mira Holt");
	assert_string_equal(s->cue_text, "says");
	/* the whole share, as PolNeAR's annotators mark it ("only 49 percent
	 * of Republicans", "About 9 in 10 ... voters") */
	assert_string_equal(find(d, "the same of the council")->speaker_mention, "Only 49 percent of voters");
	dm_document_free(d);
}

static void content_boundaries(void **state)
{
	(void)state;
	dm_document *d =
	    extract("Tomas Ek told Radio Lumen, \"The cranes are safe.\"\n\n"
	            "Ines Kolar said the ferry will run, which pleased the islanders.\n\n"
	            "Mira Holt said the budget passed; the vote was close.\n\n"
	            "Germany said it was committed to the plan, while the city police say the reports are false.\n\n"
	            "Ada Lind said the pier was safe, but the harbour chief told reporters it was not.");
	const dm_statement *s = find(d, "cranes are safe");
	assert_string_equal(s->content_text, "\"The cranes are safe.\"");
	assert_string_equal(s->venue, "Radio Lumen");
	assert_string_equal(find(d, "ferry will run")->content_text, "the ferry will run");
	assert_string_equal(find(d, "budget passed")->content_text, "the budget passed");
	/* a clause with a source and a cue of its own ends the content */
	assert_string_equal(find(d, "committed to the plan")->content_text, "it was committed to the plan");
	assert_string_equal(find(d, "pier was safe")->content_text, "the pier was safe");
	dm_document_free(d);
	/* "said of X" after a quotation: X is what it was said about */
	d = extract(LQ "We performed careful checks to remove possible errors in the samples," RQ
	               " Vellby planetary scientist Ada Lind said of the water vapor discovery in the statement.");
	assert_string_equal(find(d, "careful checks")->speaker, "Ada Lind");
	assert_false(holds(d, "of the water vapor"));
	dm_document_free(d);
}

static void cue_nouns_with_an_owner(void **state)
{
	(void)state;
	dm_document *d = extract(
	    "Kolar was commenting on the Transport Ministry\xE2\x80\x99 recent claims that the bridge is unsafe.\n\n"
	    "The statement that followed was short.");
	assert_int_equal(d->n_statements, 1);
	const dm_statement *s = &d->statements[0];
	assert_string_equal(s->speaker, "Transport Ministry");
	assert_string_equal(s->cue_text, "claims");
	assert_string_equal(s->content_text, "that the bridge is unsafe");
	dm_document_free(d);
}

static void quotation_ending_the_sentence_before(void **state)
{
	(void)state;
	dm_document *d = extract("\"Is it all a show?\" Freddy Lund said.\n\n"
	                         "While not everything Berg says is true, Mira Holt said the plan is sound.");
	const dm_statement *s = find(d, "all a show");
	assert_string_equal(s->speaker, "Freddy Lund");
	assert_int_equal(s->kind, DM_DIRECT);
	s = find(d, "the plan is sound");
	assert_string_equal(s->speaker, "Mira Holt");
	assert_string_equal(s->content_text, "the plan is sound");
	dm_document_free(d);
}

static void appositives_and_relative_clauses_after_the_cue(void **state)
{
	(void)state;
	dm_document *d = extract("Joe Maloy, a councillor from the Vellby area, said that the bridge should wait.\n\n"
	                         "\"It was rushed,\" said Ola Brandt, who worked on the bridge for a decade.\n\n"
	                         "\"It was late,\" said a harbour official who asked not to be named.");
	const dm_statement *s = find(d, "bridge should wait");
	assert_string_equal(s->speaker, "Joe Maloy");
	assert_string_equal(s->speaker_mention, "Joe Maloy, a councillor from the Vellby area");
	/* a relative clause that describes the source is part of it (PolNeAR
	 * guidelines: "we include it as part of the source") */
	assert_string_equal(find(d, "It was rushed")->speaker_mention,
	                    "Ola Brandt, who worked on the bridge for a decade");
	/* but a request for anonymity is a statement of its own: PolNeAR's
	 * annotators mark "who requested anonymity" with its own cue and leave
	 * it out of the source before it */
	assert_string_equal(find(d, "It was late")->speaker_mention, "a harbour official");
	dm_document_free(d);
}

/* When and how a statement was made is no part of its source, unless a
 * verb in the source governs it; nor is a sentence adverb before it, or a
 * relative pronoun that is the cue's object. */
static void time_and_manner_stay_out_of_the_source(void **state)
{
	(void)state;
	static const char text[] = "Harbour Master Tomas Ek on Thursday declared that the ferry would not sail.\n\n"
	                           "Her office quickly denied that the pier was closed.\n\n"
	                           "A survey released Tuesday found that most riders want a later boat.\n\n"
	                           "Still, the harbour board says that the ferry will return in May.\n\n"
	                           "The new pier, which the harbour board says is safe, opens on Monday.";
	/* a survey's finding is no statement, but an attribution PolNeAR counts */
	dm_document *d = extract(text);
	assert_false(holds(d, "most riders"));
	dm_document_free(d);
	d = extract_attributions(text);
	assert_string_equal(find(d, "ferry would not sail")->speaker_mention, "Harbour Master Tomas Ek");
	assert_string_equal(find(d, "pier was closed")->speaker_mention, "Her office");
	assert_string_equal(find(d, "most riders")->speaker_mention, "A survey released Tuesday");
	assert_string_equal(find(d, "return in May")->speaker_mention, "the harbour board");
	assert_string_equal(find(d, "is safe")->speaker_mention, "the harbour board");
	dm_document_free(d);
}

/* A plural possessive belongs to the source it opens ("Nils Andersens'
 * office"), and an owned organisation is its own speaker, not the last
 * organisation with the same last word. */
static void possessive_owners_stay_with_their_source(void **state)
{
	(void)state;
	dm_document *d = extract("Nils Andersens’ office says the count was wrong.\n\n"
	                         "Ada Lind's office says the count was right.");
	const dm_statement *s = find(d, "count was wrong");
	assert_string_equal(s->speaker_mention, "Nils Andersens’ office");
	assert_string_equal(s->speaker, "Nils Andersens’ office");
	assert_string_equal(find(d, "count was right")->speaker, "Ada Lind's office");
	dm_document_free(d);
}

/* A cue that only says when ("the timetable the board proposed last
 * March") made no statement, and leaves the speaker thread alone. */
static void a_time_is_no_statement(void **state)
{
	(void)state;
	dm_document *d =
	    extract("Mayor Ines Kolar said her town was looking forward to work with the new harbour board, "
	            "and was attaching particular importance to the Board priorities for the Northern Ferry "
	            "policy post-2025 proposed last March.\n\n"
	            "\"We will not cut the night boat,\" the mayor stressed.");
	assert_int_equal(d->n_statements, 2);
	assert_string_equal(find(d, "night boat")->speaker, "Ines Kolar");
	dm_document_free(d);
}

/* The speaker is the name the source is about, not a place or a day in
 * it: an apposition describes the name before it. */
static void the_speaker_is_the_name_not_a_place_or_day(void **state)
{
	(void)state;
	dm_document *d = extract("Dara Venn, a teacher from Port Amsel, said that the school would reopen in May.\n\n"
	                         "Last Monday, Ilse Maro said that the harbour fees would rise.\n\n"
	                         "Chris Lund, Vellby director for the campaign, said that the count was fair.\n\n"
	                         "Port Amsel mayor Ines Kolar said that the ferry would keep running.\n\n"
	                         "Teravia's envoy to Britain Vell Aramo has said that the talks would go on.");
	assert_string_equal(find(d, "school would reopen")->speaker, "Dara Venn");
	assert_string_equal(find(d, "harbour fees")->speaker, "Ilse Maro");
	/* the day opens the sentence; it is no part of who spoke */
	assert_string_equal(find(d, "harbour fees")->speaker_mention, "Ilse Maro");
	assert_string_equal(find(d, "count was fair")->speaker, "Chris Lund");
	assert_string_equal(find(d, "ferry would keep")->speaker, "Ines Kolar");
	/* the place ends the title it follows */
	assert_string_equal(find(d, "talks would go on")->speaker, "Vell Aramo");
	dm_document_free(d);
}

/* A name and its title set off by commas after "but" open a clause: the
 * name is the source, not the title alone. */
static void titled_source_after_a_conjunction(void **state)
{
	(void)state;
	dm_document *d = extract("Some 300 troops remain in the region, but General Pia Sund, chairman of the Joint "
	                         "Staff, told reporters that the troops would stay for years.");
	const dm_statement *s = find(d, "troops would stay");
	assert_string_equal(s->speaker, "Pia Sund");
	assert_string_equal(s->speaker_mention, "General Pia Sund, chairman of the Joint Staff");
	dm_document_free(d);
}

/* "Primarily, Vexcorp tells": the adverb says how, the name who. */
static void an_adverb_is_no_part_of_the_source(void **state)
{
	(void)state;
	dm_document *d = extract("Primarily, Vexcorp tells us that buyers should expect to own their games.");
	const dm_statement *s = find(d, "expect to own");
	assert_string_equal(s->speaker, "Vexcorp");
	assert_string_equal(s->speaker_mention, "Vexcorp");
	dm_document_free(d);
}

/* A title the article gives a name later, word for word, is that person's
 * ("Vellby's envoy to Britain ... Vellby's envoy to Britain Vell Aramo");
 * a title that only shares words with another's is not ("the Harbour
 * party's nominee" is not "the Harbour party's deputy nominee"). */
static void a_title_named_later_word_for_word(void **state)
{
	(void)state;
	dm_document *d =
	    extract("Vellby's envoy to Britain said that the talks had stalled.\n\n"
	            "Later, Vellby's envoy to Britain Vell Aramo has said that the border would stay open.");
	assert_string_equal(find(d, "talks had stalled")->speaker, "Vell Aramo");
	dm_document_free(d);
	d = extract("The Harbour presidential nominee said that the port would grow.\n\n"
	            "Harbour vice presidential nominee Tomas Ek has said that the port was full.");
	assert_null(find(d, "port would grow")->speaker);
	dm_document_free(d);
}

/* "Gov. Eric Dalby" was given the title "the governor" stands for; "Mr."
 * gives no title ("the minister" stays unnamed). */
static void an_abbreviated_title_is_the_title(void **state)
{
	(void)state;
	dm_document *d = extract("Republican Gov. Eric Dalby and leaders of the assembly met on Monday.\n\n"
	                         "The governor said that he was waiting for the pay commission.");
	assert_string_equal(find(d, "pay commission")->speaker, "Eric Dalby");
	dm_document_free(d);
	/* "President Lind" gives "the president" to Lind, named since a
	 * president of something else was */
	d = extract("When President Lind's advisers met the board, nothing was agreed.\n\n"
	            "Ola Berg, the president of the Vellby Harbour Board, said that the talks were over.\n\n"
	            "Since then Lind has called the board twice.\n\n"
	            "The president says his approach has created leverage.");
	assert_string_equal(find(d, "created leverage")->speaker, "Lind");
	dm_document_free(d);
	d = extract("Mr. Tomas Ek met the harbour board on Monday.\n\n"
	            "The minister said that the board would meet again.");
	const dm_statement *s = find(d, "meet again");
	assert_null(s->speaker);
	assert_int_equal(s->speaker_type, DM_UNNAMED);
	dm_document_free(d);
}

/* A capitalised word the tag lexicon has never seen, opening its sentence,
 * is a name; a plural or a compound of such words is not. */
static void a_word_never_seen_opening_a_sentence_names(void **state)
{
	(void)state;
	dm_document *d = extract("Vexlund said that the order favoured banks.\n\n"
	                         "Paramedics said that the road was closed.\n\n"
	                         "Twenty-seven said that the vote was unfair.");
	assert_string_equal(find(d, "favoured banks")->speaker, "Vexlund");
	assert_null(find(d, "road was closed")->speaker);
	assert_null(find(d, "vote was unfair")->speaker);
	dm_document_free(d);
}

/* Capitals before a word in lower case are an abbreviation, the name of
 * an organisation, not a common word that opens the sentence. */
static void an_abbreviation_opening_a_sentence_names(void **state)
{
	(void)state;
	dm_document *d = extract("VW says the wagon is a preview of a production car.");
	const dm_statement *s = find(d, "preview of a production car");
	assert_string_equal(s->speaker, "VW");
	assert_int_equal(s->speaker_type, DM_ORGANIZATION);
	dm_document_free(d);
}

/* "the Lind campaign", "the Vellby government": a name and the noun of an
 * organisation after it name the organisation; "the Lind campaign's
 * spokesman" is no one named. */
static void a_name_and_an_organisation_noun_name_it(void **state)
{
	(void)state;
	dm_document *d = extract("The Lind campaign said that the poll was wrong.\n\n"
	                         "The US military said that the crash was under investigation.\n\n"
	                         "The Lind campaign's spokesman said that the count was fair.");
	const dm_statement *s = find(d, "poll was wrong");
	assert_string_equal(s->speaker, "Lind campaign");
	assert_int_equal(s->speaker_type, DM_ORGANIZATION);
	assert_string_equal(find(d, "under investigation")->speaker, "US military");
	assert_null(find(d, "count was fair")->speaker);
	dm_document_free(d);
}

/* "It" is the organisation that spoke last; after a person spoke, no one. */
static void it_is_the_organisation_that_spoke(void **state)
{
	(void)state;
	dm_document *d = extract("The Vellby Ferry Company said that the new boat would run in May.\n\n"
	                         "It said that tickets would cost less.");
	const dm_statement *s = find(d, "tickets would cost less");
	assert_string_equal(s->speaker, "Vellby Ferry Company");
	assert_int_equal(s->speaker_type, DM_ORGANIZATION);
	dm_document_free(d);
	d = extract("The Vellby Ferry Company said that the new boat would run in May.\n\n"
	            "Ada Lind said that the boat was late.\n\nIt said that tickets would cost less.");
	assert_null(find(d, "tickets would cost less")->speaker);
	dm_document_free(d);
}

/* "The" capitalised inside a sentence opens a publication's name, though
 * its last word is a role ("The Vellby Reporter"); a role after "the"
 * names no one ("the harbour master"). */
static void a_title_with_the_names_a_publication(void **state)
{
	(void)state;
	dm_document *d = extract("Both actors ran into contract issues in 2018, according to The Vellby Reporter.\n\n"
	                         "The ferry will run all winter, according to the Harbour Master.");
	const dm_statement *s = find(d, "contract issues");
	assert_string_equal(s->speaker, "Vellby Reporter");
	assert_int_equal(s->speaker_type, DM_ORGANIZATION);
	assert_null(find(d, "ferry will run")->speaker);
	dm_document_free(d);
}

/* "a report from X", "an analysis released by X": X issued it and speaks
 * in it; "a friend of X" is not X. */
static void a_document_is_its_issuers(void **state)
{
	(void)state;
	dm_document *d = extract("A report from Vellby Harbour Partners said that the market was recovering.\n\n"
	                         "An analysis released by the Teravia Ferry Board said that fares would rise.\n\n"
	                         "A friend of Ada Lind said that the pier was safe.");
	assert_string_equal(find(d, "market was recovering")->speaker, "Vellby Harbour Partners");
	assert_string_equal(find(d, "fares would rise")->speaker, "Teravia Ferry Board");
	assert_null(find(d, "pier was safe")->speaker);
	dm_document_free(d);
}

/* "X, which contended that ...": "which" is the source as written, X the
 * speaker; one of a list before it is none. */
static void which_is_the_one_named_before(void **state)
{
	(void)state;
	dm_document *d =
	    extract("To settle it, they turned to the Vellby Police Department which reported that 2,521 "
	            "shootings took place in the city.\n\n"
	            "The ferry fee was cut by the Teravia Harbour Board, which contended that the pier was "
	            "unsafe.\n\nThe gala drew Ada Lind, Mira Holt and Tomas Ek, who joked that the hall was "
	            "too small.");
	const dm_statement *s = find(d, "2,521 shootings");
	assert_string_equal(s->speaker, "Vellby Police Department");
	assert_string_equal(s->speaker_mention, "which");
	assert_string_equal(find(d, "pier was unsafe")->speaker, "Teravia Harbour Board");
	assert_null(find(d, "hall was too small")->speaker);
	dm_document_free(d);
}

/* "Claiming X, Tomas Ek told the Courier that Y": the participle opening
 * the sentence speaks as the source of the statement after it. */
static void an_opening_participle_is_the_sentences_speakers(void **state)
{
	(void)state;
	dm_document *d =
	    extract("The vote was counted on Monday.\n\n"
	            "Claiming the criticism of the board is designed to pressure the judges, Tomas Ek told "
	            "the Courier that the vote was fair.");
	assert_string_equal(find(d, "criticism of the board")->speaker, "Tomas Ek");
	assert_string_equal(find(d, "vote was fair")->speaker, "Tomas Ek");
	dm_document_free(d);
	/* a participle after the statement's comma is its source's too */
	d = extract("The union made its choice on Monday.\n\n"
	            "In a statement announcing the pick, the Vellby Nurses Union called Ada Lind a " LQ "champion" RQ
	            " for its members, citing her work after the storm and her position on leave for nurses.");
	assert_string_equal(find(d, "her work after the storm")->speaker, "Vellby Nurses Union");
	dm_document_free(d);
	/* "said in a statement, adding that ...": the "that" is the adding's,
	 * the quotation before is what was said */
	d = extract("The pier reopened on Monday.\n\n" LQ "The deals should not be a requirement for working with the "
	            "board," RQ " Harbour Chairman Ola Berg said in a statement, adding that the passes were handed "
	            "out like candy.");
	assert_string_equal(find(d, "deals should not be")->cue_text, "said in a statement");
	assert_string_equal(find(d, "handed out")->cue_text, "adding");
	dm_document_free(d);
}

/* A place that is the whole source speaks as its government; a place in
 * a dateline, after a preposition or as a name's surname does not. */
static void a_place_speaks_as_its_government(void **state)
{
	(void)state;
	dm_document *d = extract("Germany said that the border would stay open.\n\n"
	                         "The UK has urged an end to the fighting.\n\n"
	                         "Ada Lind, speaking to a veterans group in Norway, said that the plan was sound.");
	const dm_statement *s = find(d, "border would stay open");
	assert_string_equal(s->speaker, "Germany");
	assert_int_equal(s->speaker_type, DM_ORGANIZATION);
	assert_string_equal(find(d, "end to the fighting")->speaker, "UK");
	assert_string_equal(find(d, "plan was sound")->speaker, "Ada Lind");
	dm_document_free(d);
	d = extract("BERLIN \xE2\x80\x94 Officials said that the border would stay open.\n\n"
	            "Rep. Tom Jordan met the board.\n\nJordan said that the board was wrong.");
	assert_null(find(d, "border would stay open")->speaker);
	assert_string_equal(find(d, "board was wrong")->speaker, "Tom Jordan");
	dm_document_free(d);
}

/* "..., while the city police deny X and say Y": the second verb's source
 * is the subject of its own clause, not that of the statement before. */
static void a_second_verb_takes_its_clauses_subject(void **state)
{
	(void)state;
	dm_document *d = extract("Germany said that it was committed to the plan, while the city police deny "
	                         "the reports and say they show restraint.");
	const dm_statement *s = find(d, "they show restraint");
	assert_null(s->speaker);
	assert_string_equal(s->speaker_mention, "the city police");
	dm_document_free(d);
}

/* "said NAME in an email": the source after the cue ends where the
 * words of where it was said begin; a day there is no source. */
static void a_source_after_its_cue_before_where_it_was_said(void **state)
{
	(void)state;
	dm_document *d = extract("Job cuts will be announced later this week, said the Vellby Company's recently named "
	                         "chair Ada Lind in an email to staff.\n\n" LQ "We had some issues," RQ
	                         " Tomas Ek, the company's chief, said Tuesday at the conference.");
	assert_string_equal(find(d, "Job cuts")->speaker, "Ada Lind");
	assert_string_equal(find(d, "some issues")->speaker, "Tomas Ek");
	dm_document_free(d);
	/* a name governed by a preposition is content, not the source */
	d = extract("Ola Berg, who served as envoy until May, said Lind reached out to Holt on the ferry deal.");
	assert_string_equal(find(d, "reached out to Holt")->speaker, "Ola Berg");
	dm_document_free(d);
}

/* An owner's title is only a person given it word for word ("Teravia's
 * spokeswoman" is not Vellby's); a clause opened by "because" is no
 * subject for the verb after ", and"; "say trials" is no compound; a
 * clause with "has said" ends the content before it. */
static void review_fixes_owner_clause_compound(void **state)
{
	(void)state;
	dm_document *d = extract("Ada Lind, Vellby's spokeswoman, spoke on Monday.\n\n"
	                         "Teravia's spokeswoman said that the talks would go on.");
	assert_null(find(d, "talks would go on")->speaker);
	dm_document_free(d);
	d = extract("The minister Ada Lind said taxes would fall, because voters demand it, and promised that "
	            "spending would rise.");
	assert_string_equal(find(d, "spending would rise")->speaker, "Ada Lind");
	dm_document_free(d);
	d = extract("Prosecutors say trials could take years, Tomas Ek told reporters.");
	assert_false(holds(d, "Tomas Ek told"));
	dm_document_free(d);
	d = extract("Tomas Ek said the ferry will run all winter, but Ines Kolar has said the cables are worn.");
	assert_string_equal(find(d, "ferry will run")->content_text, "the ferry will run all winter");
	dm_document_free(d);
}

static void appositions_of_a_source_after_its_cue(void **state)
{
	(void)state;
	dm_document *d = extract(LQ "It was rushed," RQ " said Jo Park, 41, a nurse from Orsk.");
	const dm_statement *s = find(d, "It was rushed");
	assert_string_equal(s->speaker, "Jo Park");
	assert_string_equal(s->speaker_mention, "Jo Park, 41, a nurse from Orsk");
	dm_document_free(d);
	/* an abbreviation's period inside the sentence ends no apposition */
	d = extract(LQ "It was rushed," RQ " said Ola Brenn, a former U.N. envoy who lives in Ft. Vell.");
	assert_string_equal(find(d, "It was rushed")->speaker_mention,
	                    "Ola Brenn, a former U.N. envoy who lives in Ft. Vell");
	dm_document_free(d);
}

static void source_takes_its_modifiers(void **state)
{
	(void)state;
	dm_document *d = extract("The veteran harbour pilot Ines Kolar said that the ferry would run.");
	const dm_statement *s = find(d, "ferry would run");
	assert_string_equal(s->speaker, "Ines Kolar");
	assert_string_equal(s->speaker_mention, "The veteran harbour pilot Ines Kolar");
	dm_document_free(d);
}

/* A participle after the head noun modifies it ("people briefed on the
 * plan"); it is not the sentence's verb, so the phrase is the source. */
/* An age set off by commas is part of the source; the pronoun after the
 * cue then opens the content, not a second source. */
static void sources_joined_by_and(void **state)
{
	(void)state;
	dm_document *d = extract("The ferry is late, Ilse Maro and the harbour chief said.");
	assert_string_equal(find(d, "ferry is late")->speaker_mention, "Ilse Maro and the harbour chief");
	dm_document_free(d);
}

/* Two people joined by "and" are no one speaker; the last word of a list
 * is no name ("Energy, Environment and Water"). */
static void two_names_joined_are_nobody_alone(void **state)
{
	(void)state;
	dm_document *d = extract("Ada Lind and Mira Holt met the board on Monday.\n\n"
	                         "Lind and Holt said that the ferry would run all winter.");
	assert_null(find(d, "ferry would run")->speaker);
	dm_document_free(d);
	/* a name and others joined by "and" are no one speaker, but "and his
	 * team" are his */
	d = extract("Eric Dalby and harbour leaders said that the plan was sound.\n\n"
	            "Lucas Berg and his team said that the water was clean.");
	assert_null(find(d, "plan was sound")->speaker);
	assert_string_equal(find(d, "water was clean")->speaker, "Lucas Berg");
	dm_document_free(d);
}

static void source_with_an_age(void **state)
{
	(void)state;
	dm_document *d = extract("Tomas Ek, 61, said he had waited two hours for the ferry.");
	const dm_statement *s = find(d, "waited two hours");
	assert_string_equal(s->speaker, "Tomas Ek");
	assert_string_equal(s->speaker_mention, "Tomas Ek, 61");
	assert_string_equal(s->content_text, "he had waited two hours for the ferry");
	dm_document_free(d);
}

/* A phrase before the subject is not the subject a second verb shares. */
static void subject_after_an_opening_phrase(void **state)
{
	(void)state;
	dm_document *d = extract("During the long winter, Ilse Maro ran the ferry herself and warned that the fares "
	                         "would rise.\n\n"
	                         "Facing questions from the council, Tomas Ek stayed calm, insisting that the pier was "
	                         "safe.");
	assert_string_equal(find(d, "fares would rise")->speaker_mention, "Ilse Maro");
	assert_string_equal(find(d, "pier was safe")->speaker_mention, "Tomas Ek");
	dm_document_free(d);
	/* a name that looks like a participle is still the subject */
	d = extract("Dorling backed the plan and warned that the toll would rise.");
	assert_string_equal(find(d, "toll would rise")->speaker_mention, "Dorling");
	dm_document_free(d);
}

/* "think tank" is a noun, no cue. */
static void a_think_tank_thinks_nothing(void **state)
{
	(void)state;
	dm_document *d = extract("Ada Lind, an analyst at the Vellby Energy think tank told reporters that the levy "
	                         "would fail.");
	assert_false(holds(d, "tank told"));
	dm_document_free(d);
}

/* A statement's content is a clause, a quotation or what "according to"
 * introduces; a thing for object is one only for the verbs whose object is
 * what was said ("criticised the plan", "said the same").  A poll's or a
 * study's finding is none.  PolNeAR's attributions keep them all. */
static void statements_need_something_said(void **state)
{
	(void)state;
	static const char text[] = "Harbour coach Ada Lind expressed confidence in the young winger.\n\n"
	                           "Tomas Ek criticised the new timetable.\n\n"
	                           "A poll by the Vellby Courier shows that most riders want a later boat.\n\n"
	                           "Ines Kolar said the same of the council.";
	dm_document *d = extract(text);
	assert_false(holds(d, "confidence in the young winger"));
	assert_string_equal(find(d, "new timetable")->speaker, "Tomas Ek");
	assert_false(holds(d, "most riders"));
	assert_string_equal(find(d, "the same of the council")->speaker, "Ines Kolar");
	dm_document_free(d);
	d = extract_attributions(text);
	assert_true(holds(d, "confidence in the young winger"));
	assert_true(holds(d, "most riders"));
	dm_document_free(d);
}

/* ", via NAME of OUTLET" after the cue names a relay, not more content. */
static void a_relay_after_the_cue_is_no_content(void **state)
{
	(void)state;
	dm_document *d = extract(LQ "We lost that game," RQ " Ola Berg said, via Mira Holt of the Vellby Post.");
	const dm_statement *s = find(d, "lost that game");
	assert_null(strstr(s->content_text, "via"));
	assert_int_equal(s->n_via, 1);
	assert_string_equal(s->via[0], "Mira Holt");
	dm_document_free(d);
}

/* A venue is read where it is written; relays go with the speaker's later
 * words. */
static void venue_stays_with_its_cue(void **state)
{
	(void)state;
	dm_document *d =
	    extract("Ines Kolar told Radio Lumen that the ferry would run, according to the Vellby Courier.\n\n"
	            "Later Kolar said that the bridge would wait.");
	const dm_statement *s = find(d, "ferry would run");
	assert_string_equal(s->venue, "Radio Lumen");
	s = find(d, "bridge would wait");
	assert_string_equal(s->speaker, "Ines Kolar");
	assert_null(s->venue);
	assert_int_equal(s->n_via, 1);
	assert_string_equal(s->via[0], "Vellby Courier");
	dm_document_free(d);
}

/* A name ending in a word organisations' names end in is an
 * organisation's. */
static void organisations_by_their_last_word(void **state)
{
	(void)state;
	dm_document *d = extract("Harbour Records said that the album would come out in May.");
	const dm_statement *s = find(d, "album would come out");
	assert_string_equal(s->speaker, "Harbour Records");
	assert_int_equal(s->speaker_type, DM_ORGANIZATION);
	dm_document_free(d);
	/* "the Courier" is the organisation that spoke by its full name */
	d = extract("The Vellby Courier reported that the ferry was late.\n\n"
	            "The Courier said that the captain had resigned.");
	assert_string_equal(find(d, "captain had resigned")->speaker, "Vellby Courier");
	dm_document_free(d);
}

/* A question with no answer in it, and "what X said were ...", say
 * nothing; a thing for object after a possessive is still a thing. */
static void questions_and_fragments_are_no_statements(void **state)
{
	(void)state;
	dm_document *d = extract("Asked whether the ferry would run in January, Ines Kolar smiled.\n\n"
	                         "The money went to what Kolar said were urgent repairs.\n\n"
	                         "Tomas Ek discussed the harbour's future with the council.\n\n"
	                         "Kolar said that the bridge would wait.");
	assert_false(holds(d, "ferry would run"));
	assert_false(holds(d, "urgent repairs"));
	assert_false(holds(d, "future with the council"));
	assert_string_equal(find(d, "bridge would wait")->speaker, "Ines Kolar");
	dm_document_free(d);
}

/* The writer's own "I" and the reader's "you" report nobody's statement;
 * "I" inside a quotation is the quoted speaker's. */
static void the_writers_voice_is_no_statement(void **state)
{
	(void)state;
	dm_document *d = extract("I wrote last week that the ferry would run late.\n\n"
	                         "You can say all you want that the pier is safe.\n\n"
	                         "Ines Kolar said: " LQ "I told the council that the bridge would wait." RQ);
	assert_false(holds(d, "ferry would run late"));
	assert_false(holds(d, "pier is safe"));
	assert_string_equal(find(d, "bridge would wait")->speaker, "Ines Kolar");
	dm_document_free(d);
}

/* What a study, a poll or data show is a finding, no statement; analysts
 * who did the calculations speak for themselves. */
static void findings_are_no_statements(void **state)
{
	(void)state;
	dm_document *d = extract("According to a new study by the Vellby institute, the ferry runs late.\n\n"
	                         "Data from the harbour office show that the pier is busier.\n\n"
	                         "Analysts who have done the calculations say the bridge will wait.");
	assert_false(holds(d, "ferry runs late"));
	assert_false(holds(d, "pier is busier"));
	assert_true(holds(d, "bridge will wait"));
	dm_document_free(d);
}

/* A cue that ends in "about" or "at" names a topic, not what was said. */
static void topics_are_no_statements(void **state)
{
	(void)state;
	dm_document *d = extract("Kolar talked about bringing the harbour towns together.\n\n"
	                         "Tomas Ek said that the ferry would run late.");
	assert_false(holds(d, "harbour towns together"));
	assert_string_equal(find(d, "ferry would run late")->speaker, "Tomas Ek");
	dm_document_free(d);
}

/* "CONTENT, said NAME, TITLE": the name after the cue is the source, the
 * words before the comma content, however they end; after "told" the
 * name is the one addressed. */
static void said_then_the_name(void **state)
{
	(void)state;
	dm_document *d =
	    extract("The ferry may be in for some delays, said Ines Kolar, a senior pilot at Vellby Port.\n\n"
	            "The east is drier than the poles, said study co-author Tomas Ek, a fellow at the institute.\n\n"
	            "The deal was announced in October, said Mira Holt, a scholar with the Vellby Institute.\n\n"
	            "Ada Lind, 56, who has run the harbour for a decade, told Harbour Radio the pier would close.");
	assert_string_equal(find(d, "in for some delays")->speaker, "Ines Kolar");
	assert_string_equal(find(d, "drier than the poles")->speaker, "Tomas Ek");
	assert_string_equal(find(d, "announced in October")->speaker, "Mira Holt");
	assert_string_equal(find(d, "pier would close")->speaker, "Ada Lind");
	dm_document_free(d);
}

/* "The city's police" names no owner; "Vellby's harbour office" does.
 * "Agreed" states a position with a clause, not with a thing. */
static void owners_and_positions(void **state)
{
	(void)state;
	dm_document *d = extract("The city's police said that the pier would stay closed.\n\n"
	                         "Vellby's harbour office said that the ferry would run.\n\n"
	                         "Harbour Mart agreed to a rescue by its largest shareholder.\n\n"
	                         "Tomas Ek agreed that the timetable was too tight.");
	const dm_statement *s = find(d, "pier would stay closed");
	assert_null(s->speaker);
	assert_int_equal(s->speaker_type, DM_UNNAMED);
	assert_string_equal(find(d, "ferry would run")->speaker, "Vellby's harbour office");
	assert_false(holds(d, "a rescue"));
	assert_string_equal(find(d, "timetable was too tight")->speaker, "Tomas Ek");
	dm_document_free(d);
}

/* A name before "'s" is a person too: a surname two people share stays as
 * written ("Mira Lind's health" and "Tomas Lind": "Lind" is either). */
static void a_name_before_a_possessive_is_a_person(void **state)
{
	(void)state;
	dm_document *d =
	    extract("Secrecy is nothing new when it comes to Mira Lind's health, her former doctor says.\n\n"
	            "The doctor served under former President Tomas Lind.\n\n"
	            "Lind said that the leg was fine.");
	assert_string_equal(find(d, "leg was fine")->speaker, "Lind");
	dm_document_free(d);
}

/* "Mr." says the sex of the name right after it only: in "Mr. Tomas Ek and
 * Kim Lind", Kim Lind is no man, and "Mrs. Lind" is she. */
static void a_form_of_address_is_its_own_names(void **state)
{
	(void)state;
	dm_document *d = extract("Mr. Tomas Ek and Kim Lind visited the pier on Monday.\n\n"
	                         "Mrs. Lind said that the pier was safe.");
	assert_string_equal(find(d, "pier was safe")->speaker, "Kim Lind");
	dm_document_free(d);
}

/* "She" is the subject of the sentence just before: a woman named there in
 * passing is no rival.
 * Further back, a woman named since makes her nobody's; with one woman
 * named, hers. */
static void a_pronoun_with_two_candidates_is_nobodys(void **state)
{
	(void)state;
	dm_document *d = extract("Harbour chief Ada Lind spoke at the meeting. The board thanked Mira Holt.\n\n" LQ
	                         "It was hard work," RQ " she said.");
	const dm_statement *s = find(d, "hard work");
	assert_null(s->speaker);
	dm_document_free(d);
	d = extract("Harbour chief Ada Lind praised Mira Holt at the meeting.\n\n" LQ "It was hard work," RQ
	            " she said.");
	assert_string_equal(find(d, "hard work")->speaker, "Ada Lind");
	dm_document_free(d);
	d = extract("Harbour chief Ada Lind praised Mira Holt at the meeting. She said that the work was hard.");
	assert_string_equal(find(d, "work was hard")->speaker, "Ada Lind");
	dm_document_free(d);
	d = extract("Harbour chief Ada Lind praised Mira Holt at the meeting. The pier is safe again, she said.");
	assert_string_equal(find(d, "pier is safe")->speaker, "Ada Lind");
	dm_document_free(d);
	d = extract("Harbour chief Ada Lind spoke at the meeting.\n\n" LQ "It was hard work," RQ " she said.");
	assert_string_equal(find(d, "hard work")->speaker, "Ada Lind");
	dm_document_free(d);
	/* named in passing, a person whose sex nothing says is no "he" */
	d = extract("The manager has worked with Kim Berg and Ada Lind in the past.\n\n"
	            "He has consistently denied being unfair to her.");
	assert_null(find(d, "being unfair")->speaker);
	dm_document_free(d);
	/* the subject after an opening phrase is the one the story is about */
	d = extract("Mira Holt said that the pier would close.\n\nAs it turned out, Ada Lind had spent years on the "
	            "plan. " LQ "It was terrifying," RQ " she said.");
	assert_string_equal(find(d, "terrifying")->speaker, "Ada Lind");
	dm_document_free(d);
}

/* A paragraph that is only a quoted line with no sentence's end in it or
 * after it is a subheading; one that ends a sentence is a statement. */
static void quoted_subheading_is_no_statement(void **state)
{
	(void)state;
	dm_document *d = extract("Ines Kolar said the ferry would run all winter.\n\n"
	                         "\"A harbour for everyone\"\n\n"
	                         "The council voted on Monday.\n\n"
	                         "Tomas Ek said the vote was fair.\n\n"
	                         "\"\xE2\x80\xA6 to close the old pier to every ferry of the northern line\"\n\n"
	                         "\"It will not close this winter whatever the board decides\".");
	assert_false(holds(d, "harbour for everyone"));
	assert_false(holds(d, "old pier to every ferry"));
	assert_true(holds(d, "whatever the board"));
	dm_document_free(d);
}

static void source_keeps_a_participle_modifier(void **state)
{
	(void)state;
	dm_document *d =
	    extract_attributions("People briefed on the ferry plan said that it would cost more.\n\n"
	                         "A survey of Vellby residents released Tuesday found that most want the bridge.");
	assert_string_equal(find(d, "cost more")->speaker_mention, "People briefed on the ferry plan");
	assert_string_equal(find(d, "want the bridge")->speaker_mention,
	                    "A survey of Vellby residents released Tuesday");
	dm_document_free(d);
}

static void cue_takes_auxiliaries_adverbs_and_colon(void **state)
{
	(void)state;
	dm_document *d = extract("Ines Kolar has also said: " LQ "The ferry will run all winter." RQ);
	const dm_statement *s = find(d, "ferry will run");
	assert_string_equal(s->speaker, "Ines Kolar");
	assert_string_equal(s->cue_text, "has also said:");
	dm_document_free(d);
}

static void quotation_after_another_verb(void **state)
{
	(void)state;
	dm_document *d = extract("At the opening, the mayor praised the crews as " LQ "the best the harbour ever had" RQ
	                         ".\n\nThe shop sells " LQ "Aurora Borealis" RQ " lamps.");
	assert_int_equal(d->n_statements, 1); /* a quoted name is no statement */
	const dm_statement *s = find(d, "the best the harbour ever had");
	assert_string_equal(s->cue_text, "praised");
	assert_string_equal(s->speaker_mention, "the mayor");
	dm_document_free(d);
}

/* A long document is read a section at a time (dictum.c): every
 * paragraph's statements found, each span where its text is, the head read
 * once, the body whole in the cleaned text. */
static void a_long_document_is_read_in_sections(void **state)
{
	(void)state;
	dm_buf b = {0};
	dm_buf_puts(&b, "Harbour report\n\nBy Lena Marsh\n\n");
	static const char *const says[] = {
	    "Mira Holt said that crossing %zu would run on time. " LQ "It is ready," RQ " she added.\n\n",
	    "Tomas Ek said that pier %zu opens in May. " LQ "We are late," RQ " he added.\n\n",
	    "Vilma Dale said that ferry %zu was full. " LQ "Book early," RQ " she added.\n\n"};
	size_t n = 0;
	for (; b.len < (size_t)1200 << 10; n++)
		dm_buf_printf(&b, says[n % 3], n);
	dm_buf_puts(&b, "Oskar Lind said that the last crossing closed.\n");
	dm_document *d = extract(b.data);
	assert_string_equal(d->title, "Harbour report");
	assert_int_equal(d->n_authors, 1);
	assert_int_equal(d->n_statements, 2 * n + 1);
	size_t holt = 0;
	for (size_t i = 0; i < d->n_statements; i++) {
		const dm_statement *s = &d->statements[i];
		assert_int_equal(s->n_content, 1);
		size_t len = s->content[0].end - s->content[0].start;
		assert_int_equal(strlen(s->content_text), len);
		assert_memory_equal(d->raw + s->content[0].start, s->content_text, len);
		assert_memory_equal(d->raw + s->source.start, s->speaker_mention, s->source.end - s->source.start);
		assert_memory_equal(d->raw + s->cue.start, s->cue_text, s->cue.end - s->cue.start);
		holt += s->speaker && !strcmp(s->speaker, "Mira Holt");
		assert_non_null(s->speaker); /* each paragraph names its speaker */
		uint32_t at = dm_text_offset(d, s->content[0].start, 0, NULL);
		assert_true(at != UINT32_MAX);
		assert_memory_equal(d->text + at, s->content_text, len);
	}
	assert_int_equal(holt, 2 * ((n + 2) / 3));
	assert_string_equal(d->statements[d->n_statements - 1].speaker, "Oskar Lind");
	size_t paras = 0;
	for (const char *p = d->text; (p = strstr(p, " added.\n\n")); p++)
		paras++;
	assert_int_equal(paras, n);
	dm_document_free(d);
	dm_buf_free(&b);
}

static void size_limit_applies_to_bytes_too(void **state)
{
	(void)state;
	dm_document *d = NULL;
	char err[128];
	dm_options opt = {.max_bytes = 10};
	const char *text = "Ines Kolar said that the ferry runs.";
	assert_int_equal(dm_extract_bytes("x", text, strlen(text), &opt, &d, err, sizeof err, NULL), DM_ERR_TOOBIG);
	assert_null(d);
	assert_non_null(strstr(err, "over the limit"));
}

/* The default number of threads is the cores the process may run on
 * (taskset, a Slurm task's CPUs), not the machine's. */
static void cores_follow_the_affinity(void **state)
{
	(void)state;
	cpu_set_t all, one;
	assert_int_equal(sched_getaffinity(0, sizeof all, &all), 0);
	assert_int_equal(dm_cores(), CPU_COUNT(&all));
	int first = 0;
	while (!CPU_ISSET(first, &all))
		first++;
	CPU_ZERO(&one);
	CPU_SET(first, &one);
	assert_int_equal(sched_setaffinity(0, sizeof one, &one), 0);
	int n = dm_cores();
	assert_int_equal(sched_setaffinity(0, sizeof all, &all), 0);
	assert_int_equal(n, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(cores_follow_the_affinity),
	    cmocka_unit_test(source_cue_that_content),
	    cmocka_unit_test(quote_then_source_resolves_surname),
	    cmocka_unit_test(inverted_cue_with_title),
	    cmocka_unit_test(according_to_an_organisation),
	    cmocka_unit_test(pronouns_titles_and_continued_quotes),
	    cmocka_unit_test(quote_over_two_paragraphs_is_one_statement),
	    cmocka_unit_test(scare_quotes_are_not_statements),
	    cmocka_unit_test(mixed_statement),
	    cmocka_unit_test(headline_and_provenance),
	    cmocka_unit_test(offsets_count_code_points),
	    cmocka_unit_test(offsets_in_any_order),
	    cmocka_unit_test(wire_quotes_titles_and_modifiers),
	    cmocka_unit_test(organisation_descriptions_and_single_quotes),
	    cmocka_unit_test(participles_take_the_subject),
	    cmocka_unit_test(content_on_both_sides_of_the_cue),
	    cmocka_unit_test(quote_after_its_cue_sentence_joins_it),
	    cmocka_unit_test(source_with_a_relative_clause),
	    cmocka_unit_test(source_before_a_dash_pair),
	    cmocka_unit_test(brand_with_a_small_first_letter),
	    cmocka_unit_test(the_statement_is_its_issuers),
	    cmocka_unit_test(names_with_a_middle_initial),
	    cmocka_unit_test(notices_say_nothing),
	    cmocka_unit_test(credited_quotations_of_a_page),
	    cmocka_unit_test(split_quote_with_a_long_title),
	    cmocka_unit_test(a_means_is_no_content),
	    cmocka_unit_test(company_figures_are_no_statement),
	    cmocka_unit_test(participle_of_a_noun_with_its_agent),
	    cmocka_unit_test(scare_quotes_in_a_sentence),
	    cmocka_unit_test(whom_it_was_told_is_no_content),
	    cmocka_unit_test(a_place_owns_its_title),
	    cmocka_unit_test(they_for_an_organisation),
	    cmocka_unit_test(which_before_the_verb),
	    cmocka_unit_test(his_claim_is_his),
	    cmocka_unit_test(a_pronoun_subject_of_a_second_verb),
	    cmocka_unit_test(a_participle_after_an_opening_phrase),
	    cmocka_unit_test(a_threat_is_a_statement),
	    cmocka_unit_test(a_participle_with_its_preposition_opens),
	    cmocka_unit_test(an_organisation_by_its_apposition),
	    cmocka_unit_test(a_participle_after_a_passive_agent),
	    cmocka_unit_test(a_participle_after_after),
	    cmocka_unit_test(an_adverb_between_source_and_cue),
	    cmocka_unit_test(common_noun_sources_brackets_and_shares),
	    cmocka_unit_test(transcript_lines),
	    cmocka_unit_test(coordinated_cues_and_shares_of_groups),
	    cmocka_unit_test(a_think_tank_thinks_nothing),
	    cmocka_unit_test(statements_need_something_said),
	    cmocka_unit_test(quoted_subheading_is_no_statement),
	    cmocka_unit_test(a_relay_after_the_cue_is_no_content),
	    cmocka_unit_test(venue_stays_with_its_cue),
	    cmocka_unit_test(organisations_by_their_last_word),
	    cmocka_unit_test(questions_and_fragments_are_no_statements),
	    cmocka_unit_test(the_writers_voice_is_no_statement),
	    cmocka_unit_test(findings_are_no_statements),
	    cmocka_unit_test(said_then_the_name),
	    cmocka_unit_test(topics_are_no_statements),
	    cmocka_unit_test(a_name_before_a_possessive_is_a_person),
	    cmocka_unit_test(a_form_of_address_is_its_own_names),
	    cmocka_unit_test(a_pronoun_with_two_candidates_is_nobodys),
	    cmocka_unit_test(owners_and_positions),
	    cmocka_unit_test(content_boundaries),
	    cmocka_unit_test(cue_nouns_with_an_owner),
	    cmocka_unit_test(quotation_ending_the_sentence_before),
	    cmocka_unit_test(appositives_and_relative_clauses_after_the_cue),
	    cmocka_unit_test(time_and_manner_stay_out_of_the_source),
	    cmocka_unit_test(possessive_owners_stay_with_their_source),
	    cmocka_unit_test(a_time_is_no_statement),
	    cmocka_unit_test(the_speaker_is_the_name_not_a_place_or_day),
	    cmocka_unit_test(titled_source_after_a_conjunction),
	    cmocka_unit_test(an_adverb_is_no_part_of_the_source),
	    cmocka_unit_test(a_title_named_later_word_for_word),
	    cmocka_unit_test(an_abbreviated_title_is_the_title),
	    cmocka_unit_test(a_word_never_seen_opening_a_sentence_names),
	    cmocka_unit_test(an_abbreviation_opening_a_sentence_names),
	    cmocka_unit_test(a_name_and_an_organisation_noun_name_it),
	    cmocka_unit_test(it_is_the_organisation_that_spoke),
	    cmocka_unit_test(a_title_with_the_names_a_publication),
	    cmocka_unit_test(a_document_is_its_issuers),
	    cmocka_unit_test(which_is_the_one_named_before),
	    cmocka_unit_test(an_opening_participle_is_the_sentences_speakers),
	    cmocka_unit_test(a_place_speaks_as_its_government),
	    cmocka_unit_test(a_second_verb_takes_its_clauses_subject),
	    cmocka_unit_test(a_source_after_its_cue_before_where_it_was_said),
	    cmocka_unit_test(review_fixes_owner_clause_compound),
	    cmocka_unit_test(appositions_of_a_source_after_its_cue),
	    cmocka_unit_test(source_takes_its_modifiers),
	    cmocka_unit_test(sources_joined_by_and),
	    cmocka_unit_test(two_names_joined_are_nobody_alone),
	    cmocka_unit_test(source_with_an_age),
	    cmocka_unit_test(subject_after_an_opening_phrase),
	    cmocka_unit_test(source_keeps_a_participle_modifier),
	    cmocka_unit_test(cue_takes_auxiliaries_adverbs_and_colon),
	    cmocka_unit_test(quotation_after_another_verb),
	    cmocka_unit_test(size_limit_applies_to_bytes_too),
	    cmocka_unit_test(a_long_document_is_read_in_sections),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
