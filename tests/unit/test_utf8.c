#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dictum_buf.h"
#include "util/swar.h"
#include "util/utf8.h"

static void repair_replaces_each_bad_byte(void **state)
{
	(void)state;
	dm_buf b = {0};
	size_t bad = dm_utf8_repair("a\xff"
	                            "b\xc3(",
	                            5, &b);
	assert_int_equal(bad, 2);
	assert_string_equal(b.data, "a\xEF\xBF\xBD"
	                            "b\xEF\xBF\xBD(");
	dm_buf_free(&b);
}

/* A bad byte anywhere in a run of ASCII, which repair skips eight bytes
 * at a time, is found. */
static void repair_finds_a_bad_byte_anywhere(void **state)
{
	(void)state;
	for (size_t at = 0; at < 24; at++) {
		char in[25] = "the ferry runs at eight.";
		in[at] = (char)0xFF;
		dm_buf b = {0};
		assert_int_equal(dm_utf8_repair(in, 24, &b), 1);
		assert_int_equal(b.len, 26);
		assert_memory_equal(b.data + at, "\xEF\xBF\xBD", 3);
		dm_buf_free(&b);
	}
}

static void repair_keeps_valid_text(void **state)
{
	(void)state;
	dm_buf b = {0};
	const char *s = "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D";
	assert_int_equal(dm_utf8_repair(s, strlen(s), &b), 0);
	assert_string_equal(b.data, s);
	dm_buf_free(&b);
}

static void classes(void **state)
{
	(void)state;
	assert_true(dm_is_upper(0xC9));  /* É */
	assert_false(dm_is_upper(0xE9)); /* é */
	assert_true(dm_is_letter(0x4E2D));
	assert_true(dm_is_space(0xA0));
	assert_true(dm_is_dash(0x2014));
	assert_false(dm_is_letter('1'));
}

/* Code points counted one byte at a time. */
static size_t naive_count(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

static void count_code_points(void **state)
{
	(void)state;
	/* characters of one to four bytes, so that every kind of byte falls
	 * at every place of an eight-byte word */
	const char *s =
	    "a\xC3\xA9"
	    "b\xE2\x80\x9C\xF0\x9F\x98\x80z\xC3\x86r\xC3\xB8 \xE2\x80\x94q\xF0\x9F\x98\x80\xC3\xA9\xC3\xA9xy";
	size_t len = strlen(s);
	for (size_t from = 0; from < len; from++)
		for (size_t n = 0; from + n <= len; n++)
			assert_int_equal(dm_utf8_count(s + from, n), naive_count(s + from, n));
	assert_int_equal(dm_utf8_count(s, len), 17);
}

static void fold_strips_case_and_marks(void **state)
{
	(void)state;
	char *f = dm_fold("H\xC3\xA9LLO", 6);
	assert_string_equal(f, "hello");
	free(f);
}

static void json_escaping(void **state)
{
	(void)state;
	dm_buf b = {0};
	dm_buf_json_string(&b, "a\"b\\c\n\x01", 7);
	assert_string_equal(b.data, "\"a\\\"b\\\\c\\n\\u0001\"");
	dm_buf_free(&b);
}

/* A reserved buffer takes what was reserved without moving; byte by byte
 * it stays NUL-terminated as it grows past its room; after a failed
 * allocation nothing more is added. */
static void buffer_reserves_and_grows(void **state)
{
	(void)state;
	dm_buf b = {0};
	dm_buf_reserve(&b, 1000);
	assert_non_null(b.data);
	assert_true(b.cap >= 1001);
	const char *at = b.data;
	for (int i = 0; i < 1000; i++)
		dm_buf_putc(&b, (char)('a' + i % 26));
	assert_ptr_equal(b.data, at);
	for (int i = 0; i < 3000; i++)
		dm_buf_putc(&b, 'z');
	assert_int_equal(b.len, 4000);
	assert_int_equal(strlen(b.data), 4000);
	assert_int_equal(b.data[0], 'a');
	assert_int_equal(b.data[3999], 'z');
	b.failed = 1;
	dm_buf_putc(&b, 'q');
	assert_int_equal(b.len, 4000);
	dm_buf_free(&b);
}

/* Each character that needs escaping, at each place of a string
 * longer than the sixteen bytes the escaper skips at a time, among UTF-8
 * letters. */
static void json_escaping_anywhere(void **state)
{
	(void)state;
	const char specials[] = {'"', '\\', '\n', '\r', '\t', 0x01, 0x1f};
	const char *escaped[] = {"\\\"", "\\\\", "\\n", "\\r", "\\t", "\\u0001", "\\u001f"};
	for (size_t k = 0; k < sizeof specials; k++)
		for (size_t at = 0; at < 24; at++) {
			char in[32], want[64];
			memcpy(in,
			       "ab\xC3\xA9"
			       "cdefghijklmnop\xE2\x80\x94qrs",
			       24); /* 24 bytes */
			in[at] = specials[k];
			size_t w = 0;
			for (size_t i = 0; i < 24; i++)
				if (i == at)
					w += (size_t)sprintf(want + w, "%s", escaped[k]);
				else
					want[w++] = in[i];
			want[w] = 0;
			dm_buf b = {0};
			dm_buf_json_chars(&b, in, 24);
			assert_string_equal(b.data, want);
			dm_buf_free(&b);
		}
}

/* Every byte value at every place of a string that spans two of the
 * escaper's sixteen-byte steps and a tail: only control characters, '"'
 * and '\\' are escaped; bytes past ASCII (of UTF-8 sequences) never are. */
static void json_escaping_every_byte(void **state)
{
	(void)state;
	for (int c = 0; c < 256; c++)
		for (size_t at = 0; at < 40; at++) {
			char in[40], want[64];
			memset(in, 'x', sizeof in);
			in[at] = (char)c;
			size_t w = 0;
			for (size_t i = 0; i < sizeof in; i++) {
				unsigned char x = (unsigned char)in[i];
				if (x == '"' || x == '\\')
					w += (size_t)sprintf(want + w, "\\%c", x);
				else if (x == '\n')
					w += (size_t)sprintf(want + w, "\\n");
				else if (x == '\r')
					w += (size_t)sprintf(want + w, "\\r");
				else if (x == '\t')
					w += (size_t)sprintf(want + w, "\\t");
				else if (x < 0x20)
					w += (size_t)sprintf(want + w, "\\u%04x", x);
				else
					want[w++] = (char)x;
			}
			dm_buf b = {0};
			dm_buf_json_chars(&b, in, sizeof in);
			assert_int_equal(b.len, w);
			assert_memory_equal(b.data, want, w);
			dm_buf_free(&b);
		}
}

/* Two characters that need escaping in a string, at every pair of places,
 * each beside the byte after it in the code table ("\x1f" then " ", '"'
 * then '#'): the scan that finds the first of sixteen bytes must neither skip
 * the second nor take its neighbour for one. */
static void json_escaping_pairs(void **state)
{
	(void)state;
	const char specials[] = {'"', '\\', '\x1f'};
	const char *escaped[] = {"\\\"", "\\\\", "\\u001f"};
	for (size_t k = 0; k < sizeof specials; k++)
		for (size_t a = 0; a < 20; a++)
			for (size_t z = a + 1; z < 20; z++) {
				char in[20], want[64];
				memset(in, 'x', sizeof in);
				in[a] = specials[k];
				in[z] = specials[(k + 1) % sizeof specials];
				for (size_t i = 0; i < sizeof in; i++)
					if (i != a && i != z && (i == a + 1 || i == z + 1))
						in[i] = (char)(in[i - 1] + 1); /* the next code: no escape */
				size_t w = 0;
				for (size_t i = 0; i < sizeof in; i++)
					if (i == a)
						w += (size_t)sprintf(want + w, "%s", escaped[k]);
					else if (i == z)
						w +=
						    (size_t)sprintf(want + w, "%s", escaped[(k + 1) % sizeof specials]);
					else
						want[w++] = in[i];
				want[w] = 0;
				dm_buf b = {0};
				dm_buf_json_chars(&b, in, sizeof in);
				assert_string_equal(b.data, want);
				dm_buf_free(&b);
			}
}

/* Every byte value at every place of a word: dm_swar_capitals marks the
 * bytes from 'A' to 'Z' and no other, dm_swar_alnum the ASCII letters and
 * digits and no other, dm_swar_lower lowers them and no
 * other; dm_swar_same sees a byte that differs anywhere; dm_swar_prefix
 * keeps the first N bytes, whether it may read eight or fewer. */
static void words_of_eight_bytes(void **state)
{
	(void)state;
	for (int c = 0; c < 256; c++)
		for (int at = 0; at < 8; at++) {
			char b[8];
			memset(b, 'q', sizeof b);
			b[at] = (char)c;
			uint64_t low = dm_swar_lower(dm_swar_load(b));
			for (int k = 0; k < 8; k++) {
				int marked = (dm_swar_capitals(dm_swar_load(b)) >> (8 * k + 7)) & 1;
				assert_int_equal(marked, b[k] >= 'A' && b[k] <= 'Z');
				int alnum = (dm_swar_alnum(dm_swar_load(b)) >> (8 * k + 7)) & 1;
				assert_int_equal(alnum, (b[k] >= 'A' && b[k] <= 'Z') || (b[k] >= 'a' && b[k] <= 'z') ||
				                            (b[k] >= '0' && b[k] <= '9'));
				unsigned char want = (unsigned char)(b[k] >= 'A' && b[k] <= 'Z' ? b[k] + 32 : b[k]);
				assert_int_equal((low >> (8 * k)) & 0xFF, want);
			}
		}
	/* dm_swar_same: a difference found at every place, whole words or not */
	char x[20], y[20];
	for (size_t n = 0; n <= sizeof x; n++)
		for (size_t at = 0; at < n; at++) {
			memset(x, 'k', sizeof x);
			memset(y, 'k', sizeof y);
			assert_true(dm_swar_same(x, y, n));
			y[at] = 'K';
			assert_false(dm_swar_same(x, y, n));
			assert_true(dm_swar_same(x, y, at));
		}
	const char *s = "abcdefghij";
	for (size_t n = 0; n <= 8; n++) {
		uint64_t want = 0;
		memcpy(&want, s, n);
		assert_true(dm_swar_prefix(s, n, 10) == want);
		assert_true(dm_swar_prefix(s, n, n) == want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(repair_replaces_each_bad_byte),
	    cmocka_unit_test(repair_finds_a_bad_byte_anywhere),
	    cmocka_unit_test(repair_keeps_valid_text),
	    cmocka_unit_test(classes),
	    cmocka_unit_test(count_code_points),
	    cmocka_unit_test(fold_strips_case_and_marks),
	    cmocka_unit_test(words_of_eight_bytes),
	    cmocka_unit_test(json_escaping),
	    cmocka_unit_test(buffer_reserves_and_grows),
	    cmocka_unit_test(json_escaping_pairs),
	    cmocka_unit_test(json_escaping_every_byte),
	    cmocka_unit_test(json_escaping_anywhere),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
