#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "export/export.h"

#define LQ "\xE2\x80\x9C"
#define RQ "\xE2\x80\x9D"

static dm_document *doc(const char *text)
{
	dm_document *d;
	char err[128];
	assert_int_equal(dm_extract_bytes("dir/story.txt", text, strlen(text), NULL, &d, err, sizeof err, NULL), DM_OK);
	return d;
}

static void json_follows_the_contract(void **state)
{
	(void)state;
	const char *text = "\xC3\x86r\xC3\xB8 mayor Ola Berg said that taxes will fall.";
	dm_document *d = doc(text);
	dm_buf b = {0};
	dm_export_json(d, &b);
	json_error_t e;
	json_t *j = json_loads(b.data, 0, &e);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "source")), "dir/story.txt");
	assert_true(json_is_null(json_object_get(j, "date")));
	json_t *s = json_array_get(json_object_get(j, "statements"), 0);
	assert_string_equal(json_string_value(json_object_get(s, "kind")), "indirect");
	assert_string_equal(json_string_value(json_object_get(s, "speaker")), "Ola Berg");
	assert_string_equal(json_string_value(json_object_get(s, "speaker_type")), "person");
	json_t *content = json_array_get(json_object_get(json_object_get(s, "offsets"), "content"), 0);
	/* code points: "Ærø mayor Ola Berg said " is 24 of them, "that taxes will fall" 20 */
	assert_int_equal(json_integer_value(json_array_get(content, 0)), 24);
	assert_int_equal(json_integer_value(json_array_get(content, 1)), 24 + 20);
	json_decref(j);
	dm_buf_free(&b);
	dm_document_free(d);
}

static void brat_lines(void **state)
{
	(void)state;
	dm_document *d = doc(LQ "Rates stay put," RQ " Mira Holt told reporters.");
	dm_buf b = {0};
	dm_export_brat(d, &b);
	assert_string_equal(b.data, "T1\tContent 0 17\t" LQ "Rates stay put," RQ "\n"
	                            "T2\tSource 18 27\tMira Holt\n"
	                            "T3\tCue 28 32\ttold\n"
	                            "E1\tAttribution:T3 Cue:T3 Source:T2 Content:T1\n");
	dm_buf_free(&b);
	dm_document_free(d);
}

/* Two statements of one source mention share its T line, as PolNeAR's
 * annotators wrote them; a second Source line would score as a spurious
 * source. */
static void brat_shares_a_source(void **state)
{
	(void)state;
	dm_document *d = doc("Mira Holt said the rates would stay put and warned that loans would cost more.");
	dm_buf b = {0};
	dm_export_brat(d, &b);
	assert_non_null(strstr(b.data, "T2\tSource 0 9\tMira Holt\n"));
	assert_null(strstr(b.data, "T5\tSource"));
	assert_non_null(strstr(b.data, "E1\tAttribution:T3 Cue:T3 Source:T2 Content:T1\n"));
	assert_non_null(strstr(b.data, "E2\tAttribution:T5 Cue:T5 Source:T2 Content:T4\n"));
	dm_buf_free(&b);
	dm_document_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(json_follows_the_contract),
	    cmocka_unit_test(brat_lines),
	    cmocka_unit_test(brat_shares_a_source),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
