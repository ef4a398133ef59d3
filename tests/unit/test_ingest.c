#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cmocka.h>

#include "ingest/ingest.h"

static size_t gzip(const char *in, size_t n, char *out, size_t cap)
{
	z_stream z = {0};
	deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
	z.next_in = (Bytef *)in;
	z.avail_in = (uInt)n;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	deflate(&z, Z_FINISH);
	size_t len = z.total_out;
	deflateEnd(&z);
	return len;
}

static void gunzip_round_trip_and_members(void **state)
{
	(void)state;
	char gz[512];
	size_t a = gzip("first member. ", 14, gz, sizeof gz);
	size_t b = gzip("second member.", 14, gz + a, sizeof gz - a);
	assert_true(dm_is_gzip(gz, a + b));
	char *out, err[128];
	size_t len;
	assert_int_equal(dm_gunzip(gz, a + b, 1 << 20, &out, &len, err, sizeof err), DM_OK);
	assert_int_equal(len, 28);
	assert_string_equal(out, "first member. second member.");
	free(out);
}

static void gunzip_limit_and_truncation(void **state)
{
	(void)state;
	char big[4096], gz[4096], err[128], *out;
	memset(big, 'x', sizeof big);
	size_t n = gzip(big, sizeof big, gz, sizeof gz);
	size_t len;
	assert_int_equal(dm_gunzip(gz, n, 1000, &out, &len, err, sizeof err), DM_ERR_TOOBIG);
	assert_non_null(strstr(err, "limit"));
	assert_int_equal(dm_gunzip(gz, n / 2, 1 << 20, &out, &len, err, sizeof err), DM_ERR_CORRUPT);
	assert_non_null(strstr(err, "truncated"));
}

static void collect_walks_directories_in_order(void **state)
{
	(void)state;
	char dir[] = "/tmp/dictum-walk-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256];
	const char *names[] = {"b.txt", "a.txt", "sub/c.txt"};
	snprintf(path, sizeof path, "%s/sub", dir);
	mkdir(path, 0777);
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		FILE *f = fopen(path, "w");
		fputs("text", f);
		fclose(f);
	}
	dm_inputs in = {0};
	dm_inputs_collect(&in, dir);
	snprintf(path, sizeof path, "%s/missing", dir);
	dm_inputs_collect(&in, path);
	assert_int_equal(in.n, 4);
	assert_non_null(strstr(in.items[0].path, "/a.txt"));
	assert_non_null(strstr(in.items[1].path, "/b.txt"));
	assert_non_null(strstr(in.items[2].path, "/sub/c.txt"));
	assert_null(in.items[0].error);
	assert_non_null(in.items[3].error);
	assert_int_equal(in.total_bytes, 12);
	dm_inputs_free(&in);
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
	}
	snprintf(path, sizeof path, "%s/sub", dir);
	rmdir(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(gunzip_round_trip_and_members),
	    cmocka_unit_test(gunzip_limit_and_truncation),
	    cmocka_unit_test(collect_walks_directories_in_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
