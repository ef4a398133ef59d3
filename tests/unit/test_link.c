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
	assert_true(same("Hikmat Hajiyev", "Hikmet Hajiyev"));                 /* a/e */
	assert_true(same("Hikmet Hajiyev", "HIKMET HAJIEV"));                  /* case, y/i */
	assert_true(same("Mr. Tomas Ek", "Tomas Ek"));                         /* honorific */
	assert_true(same("Dr Ines Kolar", "Ines K\xc3\xb3lar"));               /* diacritics */
	assert_true(same("Ilk\xc9\x99 Ma\xc4\xb1rova", "Ilka Mairova"));       /* schwa, dotless i */
}

static void different_people_stay_apart(void **state)
{
	(void)state;
	assert_false(same("Ines Kolar", "Piet Kolar"));         /* one surname, two people */
	assert_false(same("Jonas Brandt", "Jonas Brandt Jr.")); /* father and son */
	assert_false(same("Ilse Maro", "Ilse Moro"));
	assert_false(same("Tomas Ek", "Tomas Ek Lind"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(variants_of_one_name_meet),
	    cmocka_unit_test(different_people_stay_apart),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
