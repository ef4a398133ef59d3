#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "learn/learn.h"

/* The bytes written to F, which is then closed. */
static char *bytes_of(FILE *f, size_t *len)
{
	long n = ftell(f);
	assert_true(n > 0);
	char *b = malloc((size_t)n);
	rewind(f);
	assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return b;
}

static dm_model *read_back(FILE *f)
{
	size_t len;
	char err[256], *b = bytes_of(f, &len);
	dm_model *m = dm_model_read(b, len, err);
	free(b);
	assert_non_null(m);
	return m;
}

/* The class of highest score of the instance F[0, n). */
static int best_class(const dm_model *m, const uint64_t *f, size_t n)
{
	float s[DM_MAX_CLASSES];
	dm_model_score(m, f, n, s);
	int best = 0;
	for (int k = 1; k < dm_model_classes(m); k++)
		if (s[k] > s[best])
			best = k;
	return best;
}

static void features_hash_apart(void **state)
{
	(void)state;
	assert_true(dm_feat(1, 5, 0) != dm_feat(2, 5, 0));
	assert_true(dm_feat(1, 5, 6) != dm_feat(1, 6, 5));
	assert_true(dm_feat(1, 5, 6) == dm_feat(1, 5, 6));
	assert_true(dm_feat_str("said", 4) != dm_feat_str("says", 4));
}

static void written_model_scores_its_weights(void **state)
{
	(void)state;
	const char *names[] = {"O", "A", "B"};
	const float bias[] = {0.5f, 0, -1};
	const uint64_t keys[] = {11, 22};
	const float w[] = {1, 2, 3, /* 11 */ -1, 0, 4 /* 22 */};
	const uint64_t vocab[] = {7, 9};
	FILE *f = tmpfile();
	assert_int_equal(dm_model_write(f, names, 3, bias, keys, w, 2, vocab, 2), 0);
	dm_model *m = read_back(f);
	assert_int_equal(dm_model_classes(m), 3);
	assert_string_equal(dm_model_class(m, 2), "B");
	float s[DM_MAX_CLASSES];
	const uint64_t x[] = {11, 22, 33}; /* 33 is unknown: no weight */
	dm_model_score(m, x, 3, s);
	assert_true(s[0] == 0.5f && s[1] == 2 && s[2] == 6);
	assert_int_equal(best_class(m, x + 1, 1), 2);
	assert_int_equal(best_class(m, x + 2, 1), 0); /* the bias alone */
	const float *row = dm_model_row(m, 22);
	assert_non_null(row);
	assert_true(row[0] == -1 && row[2] == 4);
	assert_null(dm_model_row(m, 33));
	assert_true(dm_model_knows(m, 7) && dm_model_knows(m, 9));
	assert_false(dm_model_knows(m, 8));
	dm_model_free(m);
}

/* A vocabulary of many values, spread over all 64 bits as the stems'
 * hashes are: each is known, and no other value is, whether it shares a
 * member's bits or not. */
static void large_vocabulary_knows_its_own(void **state)
{
	(void)state;
	enum { N = 700, OTHERS = 20000 };
	const char *names[] = {"O", "A"};
	const float bias[] = {0, 0};
	const uint64_t keys[] = {1};
	const float w[] = {1, 1};
	uint64_t vocab[N];
	for (uint64_t i = 0; i < N; i++)
		vocab[i] = dm_feat(7, i, 0);
	FILE *f = tmpfile();
	assert_int_equal(dm_model_write(f, names, 2, bias, keys, w, 1, vocab, N), 0);
	dm_model *m = read_back(f);
	for (size_t i = 0; i < N; i++)
		assert_true(dm_model_knows(m, vocab[i]));
	size_t close = 0;
	for (uint64_t i = 0; i < OTHERS; i++) {
		assert_false(dm_model_knows(m, dm_feat(8, i, 0)));
		/* a member's high bits, another value */
		uint64_t near = (vocab[i % N] & ~0xFFFFull) | ((vocab[i % N] + 1 + i) & 0xFFFF);
		int member = 0;
		for (size_t k = 0; k < N && !member; k++)
			member = vocab[k] == near;
		close += !member;
		assert_int_equal(dm_model_knows(m, near), member);
	}
	assert_true(close > OTHERS / 2);
	dm_model_free(m);
}

/* Whatever its number of classes (and so its slots' width), a model
 * scores the sum of its known features' weights, and writes no further
 * than its classes. */
static void models_of_every_width_score_their_sums(void **state)
{
	(void)state;
	static const int widths[] = {1, 2, 3, 5, 6, 7, 14, 15, DM_MAX_CLASSES};
	enum { FEATS = 300 };
	const char *names[DM_MAX_CLASSES];
	float bias[DM_MAX_CLASSES], w[FEATS * DM_MAX_CLASSES];
	uint64_t keys[FEATS];
	for (int k = 0; k < DM_MAX_CLASSES; k++) {
		names[k] = "c";
		bias[k] = (float)k / 4;
	}
	for (int i = 0; i < FEATS; i++)
		keys[i] = (uint64_t)(i + 1) * 1024; /* the same low bits: long probes */
	for (size_t wi = 0; wi < sizeof widths / sizeof *widths; wi++) {
		int nc = widths[wi];
		for (int i = 0; i < FEATS; i++)
			for (int k = 0; k < nc; k++)
				w[i * nc + k] = (float)((i * 7 + k * 3) % 17) / 8;
		FILE *f = tmpfile();
		assert_int_equal(dm_model_write(f, names, nc, bias, keys, w, FEATS, NULL, 0), 0);
		dm_model *m = read_back(f);
		uint64_t x[40];
		size_t n = 0;
		for (int i = 0; i < FEATS && n < 39; i += 8)
			x[n++] = keys[i];
		x[n++] = 5; /* unknown */
		float s[DM_MAX_CLASSES + 1];
		s[nc] = -99;
		dm_model_score(m, x, n, s);
		for (int k = 0; k < nc; k++) {
			float want = bias[k];
			for (int i = 0; i < FEATS && i / 8 < 39; i += 8)
				want += w[i * nc + k];
			assert_true(s[k] == want);
		}
		assert_true(s[nc] == -99);
		dm_model_free(m);
	}
}

/* Scoring many features at once, the model's keys spread over the whole
 * 64 bits and unknown keys beside each known one (sharing its home slot
 * and its top bits): the sum is that of the known keys, in order. */
static void many_features_score_their_sums(void **state)
{
	(void)state;
	enum { FEATS = 5000, ASK = 300 };
	const char *names[] = {"O", "A", "B", "C", "D"};
	const float bias[] = {0, 1, 2, 3, 4};
	static uint64_t keys[FEATS];
	static float w[FEATS * 5];
	uint64_t x = 88172645463325252ull;
	for (int i = 0; i < FEATS; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift: any bits */
		keys[i] = x | 1;
		for (int k = 0; k < 5; k++)
			w[i * 5 + k] = (float)((i * 5 + k) % 23) / 16;
	}
	FILE *f = tmpfile();
	assert_int_equal(dm_model_write(f, names, 5, bias, keys, w, FEATS, NULL, 0), 0);
	dm_model *m = read_back(f);
	uint64_t ask[ASK];
	float want[5];
	memcpy(want, bias, sizeof want);
	for (int i = 0; i < ASK; i++) {
		int known = i % 3 != 2, j = (i * 37) % FEATS;
		/* an unknown key: a known one's top byte and low bits, other middle bits */
		ask[i] = known ? keys[j] : keys[j] ^ (uint64_t)0x5a5a5a << 24;
		for (int k = 0; known && k < 5; k++)
			want[k] += w[j * 5 + k];
	}
	float s[DM_MAX_CLASSES];
	dm_model_score(m, ask, ASK, s);
	for (int k = 0; k < 5; k++)
		assert_true(s[k] == want[k]);
	for (int i = 0; i < FEATS; i++)
		assert_true(dm_model_row(m, keys[i]) && dm_model_row(m, keys[i])[4] == w[i * 5 + 4]);
	dm_model_free(m);
}

static void model_without_vocabulary_knows_everything(void **state)
{
	(void)state;
	const char *names[] = {"O", "A"};
	const float bias[] = {0, 0};
	FILE *f = tmpfile();
	assert_int_equal(dm_model_write(f, names, 2, bias, NULL, NULL, 0, NULL, 0), 0);
	dm_model *m = read_back(f);
	assert_true(dm_model_knows(m, 12345));
	dm_model_free(m);
}

static void one_column_model_is_a_table(void **state)
{
	(void)state;
	const char *names[] = {"set"};
	const float zero[] = {0}, sets[] = {5, 1u << 17};
	const uint64_t keys[] = {70, 80};
	FILE *f = tmpfile();
	assert_int_equal(dm_model_write(f, names, 1, zero, keys, sets, 2, NULL, 0), 0);
	dm_model *m = read_back(f);
	assert_int_equal(dm_model_classes(m), 1);
	assert_int_equal((uint32_t)dm_model_row(m, 80)[0], 1u << 17);
	assert_null(dm_model_row(m, 90));
	dm_model_free(m);
}

static void trainer_learns_what_tells_classes_apart(void **state)
{
	(void)state;
	for (int l1 = 0; l1 <= 1; l1++) {
		const char *names[] = {"no", "yes"};
		dm_trainer *tr = dm_trainer_new(names, 2);
		uint64_t yes[] = {100, 1}, no[] = {200, 1}; /* 1 is in every instance */
		for (int i = 0; i < 20; i++) {
			assert_int_equal(dm_trainer_add(tr, 1, yes, 2), 0);
			assert_int_equal(dm_trainer_add(tr, 0, no, 2), 0);
		}
		uint64_t rare = 300; /* seen once: below min_count */
		assert_int_equal(dm_trainer_add(tr, 1, &rare, 1), 0);
		assert_int_equal(dm_trainer_vocab(tr, 42), 0);
		assert_int_equal(dm_trainer_vocab(tr, 42), 0); /* written once */
		assert_int_equal(dm_trainer_size(tr), 41);
		dm_train_opts o = {.min_count = 2, .c = 1, .l1 = l1};
		char err[256];
		FILE *f = tmpfile();
		long kept = dm_trainer_write(tr, &o, f, err);
		assert_true(kept >= 2 && kept <= 3);
		dm_trainer_free(tr);
		dm_model *m = read_back(f);
		assert_int_equal(best_class(m, yes, 2), 1);
		assert_int_equal(best_class(m, no, 2), 0);
		float s[DM_MAX_CLASSES], base[DM_MAX_CLASSES];
		dm_model_score(m, &rare, 1, s);
		dm_model_score(m, NULL, 0, base);
		assert_true(s[0] == base[0] && s[1] == base[1]); /* dropped */
		assert_true(dm_model_knows(m, 42));
		assert_false(dm_model_knows(m, 43));
		dm_model_free(m);
	}
}

static void damaged_models_are_refused(void **state)
{
	(void)state;
	const char *names[] = {"O", "A"};
	const float bias[] = {0, 0}, w[] = {1, 2, 3, 4};
	const uint64_t keys[] = {5, 5};
	char err[256];
	size_t len;
	FILE *f = tmpfile();
	assert_int_equal(dm_model_write(f, names, 2, bias, keys, w, 2, NULL, 0), 0);
	char *b = bytes_of(f, &len);
	assert_null(dm_model_read(b, len, err));
	assert_non_null(strstr(err, "repeated"));
	assert_null(dm_model_read(b, len - 1, err));
	assert_non_null(strstr(err, "truncated"));
	b[0] = 'X';
	assert_null(dm_model_read(b, len, err));
	assert_non_null(strstr(err, "not a dictum model"));
	assert_null(dm_model_read(b, 3, err));
	free(b);
}

/* A group's kept sum is the sum of its rows, kept under its key for the
 * model it was summed with only: another model's look-up of the same key
 * finds nothing, and once summed there finds its own. */
static void kept_groups_follow_their_model(void **state)
{
	(void)state;
	const char *names[] = {"O", "A", "B"};
	const float bias[] = {0, 0, 0};
	const uint64_t keys[] = {11, 22};
	const float wa[] = {1, 2, 3, -1, 0, 4}, wb[] = {5, 6, 7, 8, 9, 10};
	FILE *f = tmpfile();
	assert_int_equal(dm_model_write(f, names, 3, bias, keys, wa, 2, NULL, 0), 0);
	dm_model *a = read_back(f);
	f = tmpfile();
	assert_int_equal(dm_model_write(f, names, 3, bias, keys, wb, 2, NULL, 0), 0);
	dm_model *b = read_back(f);
	dm_groups *g = dm_groups_thread();
	assert_non_null(g);
	const uint64_t x[] = {11, 22, 33};
	assert_null(dm_group_get(g, a, 777));
	const float *sa = dm_group_put(g, a, 777, x, 3);
	assert_true(sa[0] == 0 && sa[1] == 2 && sa[2] == 7 && sa[3] == 0);
	assert_true(dm_group_get(g, a, 777) == sa);
	assert_null(dm_group_get(g, b, 777));
	assert_null(dm_group_get(g, a, 778));
	const float *sb = dm_group_put(g, b, 777, x, 2);
	assert_true(sb[0] == 13 && sb[1] == 15 && sb[2] == 17);
	const float *again = dm_group_get(g, b, 777);
	assert_true(again && again[2] == 17);
	float acc[DM_MODEL_LANES];
	dm_model_start(b, acc);
	dm_group_add(again, acc);
	assert_true(acc[0] == 13 && acc[1] == 15 && acc[2] == 17);
	dm_model_free(a);
	dm_model_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(features_hash_apart),
	    cmocka_unit_test(written_model_scores_its_weights),
	    cmocka_unit_test(models_of_every_width_score_their_sums),
	    cmocka_unit_test(many_features_score_their_sums),
	    cmocka_unit_test(model_without_vocabulary_knows_everything),
	    cmocka_unit_test(large_vocabulary_knows_its_own),
	    cmocka_unit_test(one_column_model_is_a_table),
	    cmocka_unit_test(trainer_learns_what_tells_classes_apart),
	    cmocka_unit_test(damaged_models_are_refused),
	    cmocka_unit_test(kept_groups_follow_their_model),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
