/* Shards: an ingest's mark of completion, and merging archives into one
 * as one ingest of the same inputs would have stored them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <fcntl.h>
#include <sqlite3.h>

#include "dictum_buf.h"
#include "scratch_db.h"
#include "store/internal.h"

/* The test's archives: [0] the one merged into (scratch_db.h's), then
 * shards. */
#define N_DBS 4
static char dbs[N_DBS][64];

static int setup_all(void **state)
{
	setup(state);
	snprintf(dbs[0], sizeof dbs[0], "%s", db);
	for (int i = 1; i < N_DBS; i++) {
		snprintf(dbs[i], sizeof dbs[i], "/tmp/dictum-shards-%d-%d.db", (int)getpid(), i);
		remove_db(dbs[i]);
	}
	return 0;
}

static int teardown_all(void **state)
{
	for (int i = 1; i < N_DBS; i++)
		remove_db(dbs[i]);
	return teardown(state);
}

static dm_store *open_db(const char *path)
{
	dm_store *s;
	char err[256];
	assert_int_equal(dm_store_open(path, 0, &s, err, sizeof err), 0);
	return s;
}

/* Articles: B's second copies A's second (the same text, another
 * source); the ferry line comes back, for the echoes. */
static const char *const names[] = {"a1.txt", "a2.txt", "b1.txt", "b2.txt", "b3.txt"};
static const char *const texts[] = {
    "Mayor Ines Kolar said that the ferry will run all winter long and the fares will not rise at all.\n\n"
    "Councillor Jonas Brandt said the harbour crane is safe.",
    "Minister Tomas Ek told reporters that the bridge vote would be held in March.",
    "\"The ferry will run all winter long and the fares will not rise at all,\" Mayor Ines Kolar said on Monday.",
    "Minister Tomas Ek told reporters that the bridge vote would be held in March.",
    "Councillor Jonas Brandt said that the pier will be rebuilt by the spring.",
};
static const int shard_of[] = {1, 1, 2, 2, 2}; /* b2 is a2 again */

static void put(dm_store *s, int k)
{
	dm_document *d;
	char err[256];
	assert_int_equal(dm_extract_bytes(names[k], texts[k], strlen(texts[k]), NULL, &d, err, sizeof err, NULL),
	                 DM_OK);
	memset(d->input_hash, k + 1, sizeof d->input_hash); /* each input its own */
	assert_int_not_equal(dm_store_put(s, d, NULL, 0, err, sizeof err), DM_STORE_FAILED);
	dm_document_free(d);
}

/* Every input in order into the archive at PATH, one batch; then linked. */
static void ingest(const char *path, int shard)
{
	dm_store *s = open_db(path);
	char err[256];
	assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
	for (int k = 0; k < 5; k++)
		if (!shard || shard_of[k] == shard)
			put(s, k);
	assert_int_equal(dm_store_commit(s, err, sizeof err), 0);
	dm_store_close(s);
}

static int add_json(const dm_row *r, void *ctx)
{
	dm_row_json(r, ctx);
	dm_buf_add(ctx, "\n", 1);
	return 0;
}

static int add_echo(const dm_row *r, void *ctx)
{
	dm_echo_json(r, ctx);
	dm_buf_add(ctx, "\n", 1);
	return 0;
}

static int add_speaker(const dm_speaker_row *r, void *ctx)
{
	dm_speaker_json(r, ctx);
	dm_buf_add(ctx, "\n", 1);
	return 0;
}

static int add_hash(const unsigned char hash[16], void *ctx)
{
	(*(int *)ctx)++;
	(void)hash;
	return 0;
}

/* What the archive answers, as JSON lines: statements, a search,
 * speakers, echoes, and the count of inputs known. */
static void answers(const char *path, dm_buf *out)
{
	dm_store *s = open_db(path);
	char err[256];
	dm_filter all = {0}, search = {.match = "ferry"};
	assert_int_equal(dm_store_quotes(s, &all, add_json, out, err, sizeof err), 0);
	assert_int_equal(dm_store_search(s, &search, add_json, out, err, sizeof err), 0);
	assert_int_equal(dm_store_speakers(s, NULL, 0, 0, add_speaker, out, err, sizeof err), 0);
	assert_int_equal(dm_store_echoes(s, &all, 0, add_echo, out, err, sizeof err), 0);
	int inputs = 0;
	assert_int_equal(dm_store_input_hashes(s, add_hash, &inputs, err, sizeof err), 0);
	dm_buf_printf(out, "inputs %d\n", inputs);
	dm_store_close(s);
}

static void link_db(const char *path)
{
	dm_store *s = open_db(path);
	char err[256];
	dm_link_stats st;
	assert_int_equal(dm_store_link(s, DM_LINK_ALL | DM_LINK_NEW, &st, err, sizeof err), 0);
	dm_store_close(s);
}

static long long scalar(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *q;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	long long v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(db);
	return v;
}

static void merge(const char *into, const char *shard, dm_merge_stats *st)
{
	dm_store *s = open_db(into);
	char err[512];
	assert_int_equal(dm_store_merge(s, shard, st, err, sizeof err), 0);
	dm_store_close(s);
}

static void merged_answers_as_one_ingest(void **state)
{
	(void)state;
	ingest(dbs[3], 0); /* one archive of every input */
	link_db(dbs[3]);
	ingest(dbs[1], 1);
	ingest(dbs[2], 2);
	dm_merge_stats a, b;
	merge(dbs[0], dbs[1], &a);
	merge(dbs[0], dbs[2], &b);
	assert_int_equal(a.documents, 2);
	assert_int_equal(a.present, 0);
	assert_int_equal(b.documents, 2);
	assert_int_equal(b.present, 1);
	assert_int_equal(a.statements + b.statements, scalar(dbs[3], "SELECT count(*) FROM statements"));
	/* the keys linking compares came along: none is made again */
	assert_int_equal(scalar(dbs[0], "SELECT count(*) FROM statement_keys"),
	                 scalar(dbs[3], "SELECT count(*) FROM statements"));
	assert_int_equal(scalar(dbs[0], "SELECT count(*) FROM document_keys"), 4);
	link_db(dbs[0]);
	dm_buf one = {0}, merged = {0};
	answers(dbs[3], &one);
	answers(dbs[0], &merged);
	assert_non_null(strstr(one.data, "\"similarity\"")); /* the ferry line echoes */
	assert_string_equal(merged.data, one.data);
	dm_buf_free(&one);
	dm_buf_free(&merged);
}

static void merging_again_adds_nothing(void **state)
{
	(void)state;
	ingest(dbs[1], 1);
	ingest(dbs[2], 2);
	dm_merge_stats st;
	merge(dbs[0], dbs[1], &st);
	merge(dbs[0], dbs[2], &st);
	link_db(dbs[0]);
	dm_buf before = {0}, after = {0};
	answers(dbs[0], &before);
	merge(dbs[0], dbs[2], &st);
	assert_int_equal(st.documents, 0);
	assert_int_equal(st.statements, 0);
	assert_int_equal(st.present, 3);
	merge(dbs[0], dbs[1], &st);
	assert_int_equal(st.present, 2);
	dm_store *s = open_db(dbs[0]);
	assert_int_equal(dm_store_linked(s), 1); /* nothing to link again */
	dm_store_close(s);
	answers(dbs[0], &after);
	assert_string_equal(after.data, before.data);
	dm_buf_free(&before);
	dm_buf_free(&after);
}

static int add_alias(const char *form, const char *canonical, void *ctx)
{
	dm_buf_printf(ctx, "%s=%s;", form, canonical ? canonical : "(apart)");
	return 0;
}

static void the_archives_aliases_win(void **state)
{
	(void)state;
	char err[256];
	dm_store *s = open_db(dbs[1]);
	assert_int_equal(dm_store_set_alias(s, "Kolar", NULL, err, sizeof err), 0);
	assert_int_equal(dm_store_set_alias(s, "Brandt", "Jonas Brandt", err, sizeof err), 0);
	dm_store_close(s);
	s = open_db(dbs[0]);
	assert_int_equal(dm_store_set_alias(s, "kolar", "Ines Kolar", err, sizeof err), 0);
	dm_store_close(s);
	dm_merge_stats st;
	merge(dbs[0], dbs[1], &st);
	assert_int_equal(st.aliases, 1);
	dm_buf got = {0};
	s = open_db(dbs[0]);
	assert_int_equal(dm_store_aliases(s, add_alias, &got, err, sizeof err), 0);
	dm_store_close(s);
	assert_non_null(strstr(got.data, "kolar=Ines Kolar;"));
	assert_non_null(strstr(got.data, "Brandt=Jonas Brandt;"));
	assert_null(strstr(got.data, "(apart)"));
	dm_buf_free(&got);
}

static void what_is_no_shard_is_refused(void **state)
{
	(void)state;
	ingest(dbs[0], 1);
	FILE *f = fopen(dbs[2], "w");
	assert_non_null(f);
	fputs("not an archive at all, only words in a file that is long enough to be read", f);
	fclose(f);
	dm_store *s = open_db(dbs[0]);
	char err[512];
	dm_merge_stats st;
	const char *bad[] = {"/nonexistent/shard.db", dbs[0], dbs[2]};
	const char *why[] = {"No such file", "the archive merged into", "damaged, or not an archive"};
	for (int i = 0; i < 3; i++) {
		err[0] = 0;
		assert_int_equal(dm_store_merge(s, bad[i], &st, err, sizeof err), 1);
		assert_non_null(strstr(err, bad[i]));
		assert_non_null(strstr(err, why[i]));
		assert_int_equal(st.documents, 0);
	}
	dm_store_close(s);
	assert_int_equal(scalar(dbs[0], "SELECT count(*) FROM documents"), 2);
}

static void completion_is_marked_with_its_batch(void **state)
{
	(void)state;
	dm_store *s = open_db(dbs[0]);
	char err[256];
	dm_completion how = {.files = 1, .failed = 2}, got;
	memset(&got, 0, sizeof got);
	unsigned char key[16], other[16];
	memset(key, 7, sizeof key);
	memset(other, 8, sizeof other);
	assert_int_equal(dm_store_completed(s, key, &got, err, sizeof err), 0);
	/* a batch that is not committed takes its mark with it */
	assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
	put(s, 0);
	assert_int_equal(dm_store_mark_completed(s, key, &how, err, sizeof err), 0);
	assert_int_equal(sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(dm_store_completed(s, key, &got, err, sizeof err), 0);
	assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
	put(s, 0);
	assert_int_equal(dm_store_mark_completed(s, key, &how, err, sizeof err), 0);
	assert_int_equal(dm_store_commit(s, err, sizeof err), 0);
	assert_int_equal(dm_store_completed(s, key, &got, err, sizeof err), 1);
	assert_int_equal(strlen(got.at), 20); /* 2026-12-01T10:00:00Z */
	assert_int_equal(got.files, 1);
	assert_int_equal(got.failed, 2);
	assert_int_equal(dm_store_completed(s, other, &got, err, sizeof err), 0);
	dm_store_close(s);
}

/* The fingerprint of the list of files A (and B, when not NULL). */
static void fingerprint(const char *a, const char *b, unsigned char out[16])
{
	dm_inputs in = {0};
	dm_inputs_collect(&in, a);
	if (b)
		dm_inputs_collect(&in, b);
	assert_int_equal(dm_inputs_fingerprint(&in, out), 0);
	dm_inputs_free(&in);
}

/* A list's fingerprint is the same while its files are, and changes with
 * any file's size, time of change, name, or place in the list. */
static void fingerprints_follow_the_files(void **state)
{
	(void)state;
	for (int i = 0; i < 2; i++) {
		FILE *f = fopen(dbs[i], "w");
		assert_non_null(f);
		fputs(texts[i], f);
		fclose(f);
	}
	unsigned char first[16], again[16];
	fingerprint(dbs[0], dbs[1], first);
	fingerprint(dbs[0], dbs[1], again);
	assert_memory_equal(first, again, 16);
	/* the other order */
	fingerprint(dbs[1], dbs[0], again);
	assert_memory_not_equal(first, again, 16);
	/* a file changed in place, its size the same */
	struct timespec times[2] = {{0, UTIME_OMIT}, {1000000000, 5}};
	assert_int_equal(utimensat(AT_FDCWD, dbs[1], times, 0), 0);
	fingerprint(dbs[0], dbs[1], again);
	assert_memory_not_equal(first, again, 16);
	/* one file fewer */
	fingerprint(dbs[0], NULL, again);
	assert_memory_not_equal(first, again, 16);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(merged_answers_as_one_ingest, setup_all, teardown_all),
	    cmocka_unit_test_setup_teardown(merging_again_adds_nothing, setup_all, teardown_all),
	    cmocka_unit_test_setup_teardown(the_archives_aliases_win, setup_all, teardown_all),
	    cmocka_unit_test_setup_teardown(what_is_no_shard_is_refused, setup_all, teardown_all),
	    cmocka_unit_test_setup_teardown(completion_is_marked_with_its_batch, setup_all, teardown_all),
	    cmocka_unit_test_setup_teardown(fingerprints_follow_the_files, setup_all, teardown_all),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
