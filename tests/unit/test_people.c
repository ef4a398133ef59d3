/* Linking on tests/data/people: different people stay apart, one person's
 * spellings meet, and the user's corrections hold across re-ingest. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(different_people_stay_apart, setup, teardown),
	    cmocka_unit_test_setup_teardown(corrections_hold_across_reingest, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
