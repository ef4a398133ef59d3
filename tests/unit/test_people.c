/* Linking on tests/data/people: different people stay apart, one person's
 * spellings meet, the user's corrections hold across re-ingest, and
 * speakers linked batch by batch are those a link of everything makes. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "dictum_archive.h"
#include "scratch_db.h"

/* Store every article of the corpus (again, with REPLACE), then link. */
static void ingest(dm_store *s, int replace)
{
	char err[512], path[1024];
	DIR *d = opendir(DM_PEOPLE);
	assert_non_null(d);
	assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
	for (struct dirent *e; (e = readdir(d));) {
		if (!strstr(e->d_name, ".txt"))
			continue;
		snprintf(path, sizeof path, "%s/%s", DM_PEOPLE, e->d_name);
		dm_document *doc;
		assert_int_equal(dm_extract_file(path, NULL, &doc, err, sizeof err, NULL), DM_OK);
		assert_int_equal(dm_store_put(s, doc, NULL, replace, err, sizeof err), DM_STORED);
		dm_document_free(doc);
	}
	closedir(d);
	assert_int_equal(dm_store_commit(s, err, sizeof err), 0);
	dm_link_stats st;
	assert_int_equal(dm_store_link(s, DM_LINK_ALL, &st, err, sizeof err), 0);
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct listing {
	char *lines[32];
	int n;
} listing;

static int collect(const dm_speaker_row *r, void *p)
{
	listing *l = p;
	char line[512];
	snprintf(line, sizeof line, "%s %s;", r->name, r->forms);
	assert_true(l->n < 32);
	l->lines[l->n++] = strdup(line);
	return 0;
}

/* Every person as "Name [forms];", in name order. */
static char *people(dm_store *s)
{
	listing l = {0};
	char err[512];
	assert_int_equal(dm_store_speakers(s, NULL, 0, 0, collect, &l, err, sizeof err), 0);
	qsort(l.lines, (size_t)l.n, sizeof *l.lines, by_string);
	static char out[4096];
	out[0] = 0;
	for (int i = 0; i < l.n; i++) {
		strcat(out, l.lines[i]);
		free(l.lines[i]);
	}
	return out;
}

static void different_people_stay_apart(void **state)
{
	(void)state;
	dm_store *s;
	char err[512];
	assert_int_equal(dm_store_open(db, 0, &s, err, sizeof err), 0);
	ingest(s, 0);
	assert_string_equal(people(s),
	                    /* a mayor and an economist whose names are one up to
	                     * transliteration; a third spelling with no title
	                     * could be either */
	                    "Amin Hasanov [\"Amin Hasanov\"];"
	                    "Amin Hassanov [\"Amin Hassanov\"];"
	                    /* a surname shared by two people, used alone */
	                    "Brenn [\"Brenn\"];"
	                    /* the mayor again, spelt another way: one person */
	                    "Emin Hasanov [\"Emin Hasanov\",\"Emin Hassanov\"];"
	                    /* son and father */
	                    "Karl Oste Jr. [\"Karl Oste Jr.\",\"Oste Jr.\"];"
	                    "Karl Oste [\"Karl Oste\"];"
	                    /* one surname, two people */
	                    "Oskar Brenn [\"Oskar Brenn\"];"
	                    "Vilma Brenn [\"Vilma Brenn\"];");
	dm_store_close(s);
}

static void corrections_hold_across_reingest(void **state)
{
	(void)state;
	dm_store *s;
	char err[512];
	assert_int_equal(dm_store_open(db, 0, &s, err, sizeof err), 0);
	ingest(s, 0);
	assert_int_equal(dm_store_set_alias(s, "amin hassanov", "Amin Hasanov", err, sizeof err), 0);
	assert_int_equal(dm_store_set_alias(s, "Emin Hassanov", NULL, err, sizeof err), 0);
	ingest(s, 1); /* every document stored anew */
	const char *p = people(s);
	assert_non_null(strstr(p, "Amin Hasanov [\"Amin Hasanov\",\"Amin Hassanov\"];"));
	assert_non_null(strstr(p, "Emin Hasanov [\"Emin Hasanov\"];"));
	assert_non_null(strstr(p, "Emin Hassanov [\"Emin Hassanov\"];"));
	/* and forgetting a correction undoes it */
	assert_int_equal(dm_store_remove_alias(s, "Emin Hassanov", err, sizeof err), 0);
	assert_int_equal(dm_store_remove_alias(s, "Emin Hassanov", err, sizeof err), 1);
	dm_link_stats st;
	assert_int_equal(dm_store_link(s, DM_LINK_ALL, &st, err, sizeof err), 0);
	assert_non_null(strstr(people(s), "Emin Hasanov [\"Emin Hasanov\",\"Emin Hassanov\"];"));
	dm_store_close(s);
}

/* Store the corpus's file NAME (again, with REPLACE); a NAME that is
 * not a file's is the text of a document. */
static void put_file(dm_store *s, const char *name, int replace)
{
	char err[512], path[1024];
	if (strstr(name, ".txt")) {
		snprintf(path, sizeof path, "%s/%s", DM_PEOPLE, name);
	} else {
		snprintf(path, sizeof path, "%s.txt", db);
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs(name, f);
		fclose(f);
	}
	dm_document *doc;
	assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
	assert_int_equal(dm_extract_file(path, NULL, &doc, err, sizeof err, NULL), DM_OK);
	assert_int_equal(dm_store_put(s, doc, NULL, replace, err, sizeof err), DM_STORED);
	dm_document_free(doc);
	assert_int_equal(dm_store_commit(s, err, sizeof err), 0);
	if (!strstr(name, ".txt"))
		unlink(path);
}

/* One value of the archive as text, malloc'd. */
static char *value(const char *sql)
{
	sqlite3 *d;
	sqlite3_stmt *q;
	assert_int_equal(sqlite3_open(db, &d), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(d, sql, -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	char *v = strdup(sqlite3_column_text(q, 0) ? (const char *)sqlite3_column_text(q, 0) : "");
	sqlite3_finalize(q);
	sqlite3_close(d);
	return v;
}

/* Every person's and form's row, every column. */
static char *linked(void)
{
	return value("SELECT group_concat(r, char(10)) FROM (SELECT 'P ' || id || '|' || name || '|' || type || '|'"
	             " || statements || '|' || documents || '|' || ifnull(first, '-') || '|' || ifnull(last, '-') AS r"
	             " FROM persons UNION ALL SELECT 'F ' || form || '|' || type || '|' || ifnull(person, '-') || '|'"
	             " || statements || '|' || reason FROM speaker_forms ORDER BY 1)");
}

/* A link after each batch adds what the batch added to the records of
 * people and forms; at every step it leaves what a link of everything
 * leaves: forms that join a person, a form said again on an earlier, a
 * later and no date, a surname that becomes ambiguous, a correction
 * between batches, and a document stored again (a removal: all is
 * counted again). */
static void batch_links_equal_a_link_of_all(void **state)
{
	(void)state;
	static const char *const files[] = {
	    "01-dornvik-harbour.txt", "08-islands-talks.txt", "02-tindra-prices.txt", "04-sarnvik-ferry.txt",
	    /* a form the archive has, on an earlier date than its others */
	    "Published: 2021-03-04\n\nQuay fees stay\n\nTINDRA - \"Fees at the quay will not rise this year,\" Oskar "
	    "Brenn said on Monday.\n",
	    "03-velta-bridge.txt",
	    /* later, with no date, and earlier than all */
	    "Published: 2025-09-30\n\nHarbour opens\n\nTINDRA - \"The new pier is open to every boat,\" Oskar Brenn "
	    "said.\n",
	    "Ferry line\n\n\"The winter ferry will keep its Sunday crossing,\" Emin Hasanov said at the port.\n",
	    "Published: 2020-01-15\n\nBoats\n\nTINDRA - \"Our boats leave at dawn and come back by noon,\" Oskar Brenn "
	    "said.\n",
	    "06-sarnvik-budget.txt", "05-lundar-rates.txt", "07-harbour-letter.txt"};
	dm_store *s;
	char err[512];
	dm_link_stats st;
	assert_int_equal(dm_store_open(db, 0, &s, err, sizeof err), 0);
	for (size_t i = 0; i < sizeof files / sizeof *files + 1; i++) {
		int again = i == sizeof files / sizeof *files;
		put_file(s, again ? files[2] : files[i], again);
		if (i == 9)
			assert_int_equal(dm_store_set_alias(s, "Amin Hassanov", "Amin Hasanov", err, sizeof err), 0);
		/* where the batch's link starts: nothing counted yet, or all
		 * again after the removal */
		char *from = value("SELECT speakers_last FROM link_state");
		if (i == 0 || again)
			assert_string_equal(from, "-1");
		else
			assert_true(atol(from) > 0);
		free(from);
		assert_int_equal(dm_store_link(s, DM_LINK_ALL | DM_LINK_NEW, &st, err, sizeof err), 0);
		char *batch = linked();
		/* the speakers' names are looked up in one segment */
		char *segments = value("SELECT count(DISTINCT segid) FROM speaker_names_idx");
		assert_string_equal(segments, "1");
		free(segments);
		assert_int_equal(dm_store_link(s, DM_LINK_ALL, &st, err, sizeof err), 0);
		char *all = linked();
		assert_string_equal(batch, all);
		free(batch);
		free(all);
	}
	dm_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(different_people_stay_apart, setup, teardown),
	    cmocka_unit_test_setup_teardown(corrections_hold_across_reingest, setup, teardown),
	    cmocka_unit_test_setup_teardown(batch_links_equal_a_link_of_all, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
