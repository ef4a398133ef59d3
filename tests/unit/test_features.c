/* The learned taggers' token features: stems, tag sets, the cue gate. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "attrib/features.h"

static void assert_stem(const char *word, const char *stem)
{
	char w[32];
	size_t n = strlen(word);
	memcpy(w, word, n + 1);
	n = dm_stem(w, n);
	w[n] = '\0';
	assert_string_equal(w, stem);
}

static void stems_join_the_forms_of_a_word(void **state)
{
	(void)state;
	const char *slam[] = {"slam", "slams", "slammed", "slamming"};
	for (size_t i = 0; i < 4; i++)
		assert_stem(slam[i], "slam");
	const char *announce[] = {"announce", "announces", "announced", "announcing"};
	for (size_t i = 0; i < 4; i++)
		assert_stem(announce[i], "announc");
	assert_stem("tries", "try");
	assert_stem("tried", "try");
	assert_stem("says", "say");
	assert_stem("said", "said");
	assert_stem("calls", "call");
	assert_stem("discuss", "discuss");
	assert_stem("has", "has"); /* too short to lose its s */
}

static void penn_tags_map_to_coarse_ones(void **state)
{
	(void)state;
	assert_int_equal(dm_tag_of_penn("VBD"), TAG_VBD);
	assert_int_equal(dm_tag_of_penn("VBP"), TAG_VBZ);
	assert_int_equal(dm_tag_of_penn("NNPS"), TAG_NNP);
	assert_int_equal(dm_tag_of_penn("WDT"), TAG_WH);
	assert_int_equal(dm_tag_of_penn("SYM"), -1);
	float p[TAG_CLASSES] = {0};
	p[TAG_VBD] = 0.6f;
	p[TAG_VBN] = 0.3f;
	p[TAG_JJ] = 0.1f; /* too rare to count */
	assert_int_equal(dm_tag_set(p), 1u << TAG_VBD | 1u << TAG_VBN);
}

static void cue_tagger_scores_known_stems_and_continuations(void **state)
{
	(void)state;
	const uint8_t lab[] = {CUE_O, CUE_B, CUE_O};
	assert_true(dm_cue_scored(1, lab, 10, 10));
	assert_false(dm_cue_scored(0, lab, 10, 10));
	assert_true(dm_cue_scored(0, lab, 10, 12));  /* after a B */
	assert_false(dm_cue_scored(0, lab, 10, 13)); /* after an O */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(stems_join_the_forms_of_a_word),
	    cmocka_unit_test(penn_tags_map_to_coarse_ones),
	    cmocka_unit_test(cue_tagger_scores_known_stems_and_continuations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
