/* Name keys: the variants of one name meet, different names stay apart. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "link/link.h"

static int same(const char *a, const char *b)
{
	char *x = dm_name_key(a, strlen(a)), *y = dm_name_key(b, strlen(b));
	assert_non_null(x);
	assert_non_null(y);
	int eq = !strcmp(x, y);
	free(x);
	free(y);
	return eq;
}

static void variants_of_one_name_meet(void **state)
{
	(void)state;
	assert_true(same("Hikmat Hajiyev", "Hikmet Hajiyev"));           /* a/e */
	assert_true(same("Hikmet Hajiyev", "HIKMET HAJIEV"));            /* case, y/i */
	assert_true(same("Mr. Tomas Ek", "Tomas Ek"));                   /* honorific */
	assert_true(same("Dr Ines Kolar", "Ines K\xc3\xb3lar"));         /* diacritics */
	assert_true(same("Ilk\xc9\x99 Ma\xc4\xb1rova", "Ilka Mairova")); /* schwa, dotless i */
	assert_true(same("Ines O'Dare", "Ines O\xe2\x80\x99"
	                                "Dare")); /* apostrophes */
	assert_true(same("O'Dare", "ODare"));
}

static void different_people_stay_apart(void **state)
{
	(void)state;
	assert_false(same("Ines Kolar", "Piet Kolar"));         /* one surname, two people */
	assert_false(same("Jonas Brandt", "Jonas Brandt Jr.")); /* father and son */
	assert_false(same("Ilse Maro", "Ilse Moro"));
	assert_false(same("Tomas Ek", "Tomas Ek Lind"));
}

/* Owners joined by dm_nearset_join on the echo units of TEXTS. */
static void join_texts(const char *const *texts, uint32_t n, uint32_t *parent, float *best)
{
	dm_nearset *sent = dm_nearset_new(), *pass = dm_nearset_new();
	assert_non_null(sent);
	assert_non_null(pass);
	for (uint32_t i = 0; i < n; i++) {
		assert_int_equal(dm_echo_units(texts[i], strlen(texts[i]), i, sent, pass), 0);
		parent[i] = i;
		best[i] = 0;
	}
	assert_int_equal(dm_nearset_join(pass, 0.5, parent, best), 0);
	assert_int_equal(dm_nearset_join(sent, 0.5, parent, best), 0);
	for (uint32_t i = 0; i < n; i++)
		parent[i] = dm_nearset_root(parent, i);
	dm_nearset_free(sent);
	dm_nearset_free(pass);
}

static void echoes_close_and_loose_are_found(void **state)
{
	(void)state;
	static const char *const texts[] = {
	    /* 0, 1: a talking point in other words and order, inside a longer statement */
	    "First, the harbour and the ferry line are not in Tindra, Velta, Lundar, or anywhere else. The harbour is "
	    "ours.",
	    "We rebuilt the quay this winter. The harbour is not in Lundar, Tindra, or Velta. The harbour is here, on "
	    "our coast, and it stays here.",
	    /* 2, 3: one passage quoted again with a word changed */
	    "The council will vote on the bridge budget in March and the works will start before the summer holidays "
	    "if the vote passes.",
	    "The council will vote on the bridge budget in April and the works will start before the summer holidays "
	    "if the vote passes.",
	    /* 4, 5: same subject, other claims */
	    "The ferry will run all winter because the new boats can break thin ice.",
	    "The bridge works will stop in winter because the river freezes over.",
	    /* 6: too short to echo */
	    "The harbour is ours."};
	uint32_t parent[7];
	float best[7];
	join_texts(texts, 7, parent, best);
	assert_int_equal(parent[0], parent[1]);
	assert_int_equal(parent[2], parent[3]);
	assert_true(best[2] > 0.7f && best[2] < 1.0f);
	assert_int_not_equal(parent[0], parent[2]);
	assert_int_equal(parent[4], 4);
	assert_int_equal(parent[5], 5);
	assert_int_equal(parent[6], 6);
}

static void jaccard_is_exact(void **state)
{
	(void)state;
	const uint32_t a[] = {1, 2, 3, 4}, b[] = {2, 3, 4, 5, 6};
	assert_true(dm_jaccard(a, 4, b, 5) == 0.5);
	assert_true(dm_jaccard(a, 4, a, 4) == 1.0);
	assert_true(dm_jaccard(a, 0, b, 0) == 0.0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(variants_of_one_name_meet),
	    cmocka_unit_test(different_people_stay_apart),
	    cmocka_unit_test(echoes_close_and_loose_are_found),
	    cmocka_unit_test(jaccard_is_exact),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
