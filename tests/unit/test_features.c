/* The learned taggers' token features: stems, tag sets, the cue gate,
 * the token infos a thread keeps between documents. */
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "attrib/features.h"
#include "attrib/learned.h"
#include "util/arena.h"

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

/* A document's token infos made with TAGS, token by token: in THREAD, a
 * thread of its own, whose table of forms starts empty, or in the
 * caller's. */
typedef struct infos_job {
	const char *raw;
	const dm_model *tags;
	dm_tokinfo *ti;
	size_t n;
} infos_job;

static void *infos_of(void *arg)
{
	infos_job *j = arg;
	dm_arena a = {0};
	dm_text t;
	assert_int_equal(dm_text_analyse(&t, j->raw, strlen(j->raw), &a), 0);
	dm_tokinfo *forms = dm_tokinfo_new(&t, j->tags); /* each token's, for the tests */
	assert_non_null(forms);
	j->n = t.n_toks;
	j->ti = malloc((j->n ? j->n : 1) * sizeof *j->ti);
	assert_non_null(j->ti);
	for (uint32_t i = 0; i < j->n; i++)
		j->ti[i] = *dm_ti(&t, forms, i);
	free(forms);
	dm_text_free(&t);
	dm_arena_free(&a);
	return NULL;
}

static infos_job infos(const char *raw, const dm_model *tags, int thread)
{
	infos_job j = {raw, tags, NULL, 0};
	if (thread) {
		pthread_t th;
		assert_int_equal(pthread_create(&th, NULL, infos_of, &j), 0);
		assert_int_equal(pthread_join(th, NULL), 0);
	} else {
		infos_of(&j);
	}
	return j;
}

static void assert_same_info(dm_tokinfo a, dm_tokinfo b)
{
	assert_true(a.word == b.word && a.stem == b.stem && a.suf == b.suf && a.shape == b.shape);
	assert_true(a.lex == b.lex && a.tags == b.tags && a.rare == b.rare);
}

static void assert_same_infos(infos_job a, infos_job b)
{
	assert_int_equal(a.n, b.n);
	for (size_t i = 0; i < a.n; i++)
		assert_same_info(a.ti[i], b.ti[i]);
	free(a.ti);
	free(b.ti);
}

/* The infos of WORD alone, made anew: by a thread of its own. */
static dm_tokinfo made_anew(const char *word, const dm_model *tags)
{
	infos_job j = infos(word, tags, 1);
	assert_int_equal(j.n, 1);
	dm_tokinfo ti = j.ti[0];
	free(j.ti);
	return ti;
}

/* Infos kept from one document serve the next as made anew would. */
static void kept_infos_are_those_made_anew(void **state)
{
	(void)state;
	const dm_model *tags = dm_models_builtin()->tags;
	free(infos("Ines Kolar said the ferry to Port Amsel will run on Mondays", tags, 0).ti);
	const char *words[] = {"The",  "ferry", "will", "run",   "Ines",   "Kolar",
	                       "said", "and",   "Said", "Amsel", "nothing"};
	char raw[256] = "";
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		strcat(strcat(raw, words[i]), " ");
	infos_job next = infos(raw, tags, 0);
	assert_int_equal(next.n, sizeof words / sizeof *words);
	for (size_t i = 0; i < next.n; i++)
		assert_same_info(next.ti[i], made_anew(words[i], tags));
	free(next.ti);
}

/* Infos made with one tag lexicon are not those of another (or none). */
static void kept_infos_follow_the_tag_lexicon(void **state)
{
	(void)state;
	const char *raw = "Ines Kolar said the ferry will run.";
	infos_job with = infos(raw, dm_models_builtin()->tags, 0);
	infos_job without = infos(raw, NULL, 0);
	assert_true(with.ti[2].tags != 0); /* "said": a verb */
	assert_int_equal(without.ti[2].tags, 0);
	free(with.ti);
	assert_same_infos(without, infos(raw, NULL, 1));
}

/* In a thread of its own, whose table of forms starts empty, every form
 * of a document is new: each has the tags the lexicon gives it, the
 * last few as the first, though their look-ups wait for the forms after
 * them. */
static void *new_forms_tagged(void *arg)
{
	(void)arg;
	const char *raw = "Ines Kolar said the ferry to Port Amsel will run on Mondays and Tuesdays";
	const dm_model *tags = dm_models_builtin()->tags;
	dm_arena a = {0};
	dm_text t;
	assert_int_equal(dm_text_analyse(&t, raw, strlen(raw), &a), 0);
	dm_tokinfo *forms = dm_tokinfo_new(&t, tags);
	assert_non_null(forms);
	dm_tokinfo *again = malloc(t.n_forms * sizeof *again);
	assert_non_null(again);
	memcpy(again, forms, t.n_forms * sizeof *again);
	for (size_t f = 0; f < t.n_forms; f++)
		again[f].tags = again[f].rare = 0;
	dm_tokinfo_tag(&t, again, tags);
	for (size_t f = 0; f < t.n_forms; f++)
		assert_true(forms[f].tags == again[f].tags && forms[f].rare == again[f].rare);
	assert_true(forms[t.toks[2].form].tags != 0);            /* "said" */
	assert_true(forms[t.toks[t.n_toks - 1].form].tags != 0); /* "Tuesdays" */
	free(again);
	free(forms);
	dm_text_free(&t);
	dm_arena_free(&a);
	return NULL;
}

static void new_forms_are_tagged(void **state)
{
	(void)state;
	pthread_t th;
	assert_int_equal(pthread_create(&th, NULL, new_forms_tagged, NULL), 0);
	assert_int_equal(pthread_join(th, NULL), 0);
}

/* Word I of many, each of other letters (digits would all read as 0):
 * "vabcd", now and then capitalised. */
static const char *word_of(int i)
{
	static char w[8];
	w[0] = i % 7 ? 'v' : 'V';
	for (int k = 4; k >= 1; k--, i /= 26)
		w[k] = (char)('a' + i % 26);
	w[5] = 0;
	return w;
}

/* Far more forms than a thread keeps, twice: forms pushed out and forms
 * sharing a place in the table, every info still right. */
static void kept_infos_stay_right_past_the_tables_size(void **state)
{
	(void)state;
	enum { WORDS = 100000 };
	char *raw = malloc(WORDS * 10 + 1);
	assert_non_null(raw);
	size_t n = 0;
	for (int i = 0; i < WORDS; i++)
		n += (size_t)sprintf(raw + n, "%s ", word_of(i));
	raw[n] = 0;
	const dm_model *tags = dm_models_builtin()->tags;
	free(infos(raw, tags, 0).ti);
	infos_job again = infos(raw, tags, 0);
	assert_int_equal(again.n, WORDS);
	for (int i = 0; i < WORDS; i += 997) {
		assert_same_info(again.ti[i], made_anew(word_of(i), tags));
	}
	free(again.ti);
	free(raw);
}

/* Scores added up from parts are those of the whole features, but for
 * the rounding of the order they are added in: a part left out or added
 * twice is a weight away, far more than that. */
static void assert_close(const float *got, const float *want, int n)
{
	for (int k = 0; k < n; k++)
		assert_true(fabsf(got[k] - want[k]) <= 1e-5f * (1 + fabsf(want[k])));
}

/* A text analysed, with its token infos made with the built-in models. */
typedef struct analysed {
	const dm_models *models;
	dm_arena a;
	dm_text t;
	dm_tokinfo *ti;
} analysed;

static void analyse(analysed *x, const char *raw)
{
	x->models = dm_models_builtin();
	memset(&x->a, 0, sizeof x->a);
	assert_int_equal(dm_text_analyse(&x->t, raw, strlen(raw), &x->a), 0);
	x->ti = dm_tokinfo_new(&x->t, x->models->tags);
	assert_non_null(x->ti);
}

static void release(analysed *x)
{
	free(x->ti);
	dm_text_free(&x->t);
	dm_arena_free(&x->a);
}

/* The cue tagger adds up each token's scores from its word's own rows,
 * kept from one token of the word to the next, and the rest: for every
 * token and labels before it, they are those of the features training
 * made.  Twice over the text: the second time the words' sums are kept. */
static void cue_tagger_scores_the_training_features(void **state)
{
	(void)state;
	analysed x;
	analyse(&x, "Ines Kolar said the ferry would run, and Oskar Lind said it would not. \"It will,\" "
	            "the council said. SAID THE MAYOR: \"Later.\"");
	const dm_text *t = &x.t;
	uint32_t checked = 0;
	uint8_t lab[256];
	for (int round = 0; round < 2; round++)
		for (size_t k = 0; k < t->n_sents; k++)
			for (uint32_t ss = t->sents[k].tok_start, se = t->sents[k].tok_end, i = ss; i < se; i++)
				for (uint8_t h = 0; h < CUE_CLASSES; h++) {
					memset(lab, h, sizeof lab);
					uint64_t f[DM_MAX_FEATS];
					float want[DM_MAX_CLASSES], got[CUE_CLASSES];
					dm_model_score(x.models->cue, f, dm_cue_features(t, x.ti, ss, se, i, lab, f),
					               want);
					dm_cue_scores(x.models->cue, t, x.ti, ss, se, i, lab, got);
					assert_close(got, want, CUE_CLASSES);
					checked++;
				}
	assert_true(checked > 100);
	release(&x);
}

/* The span decoder adds up each token's scores from parts (the cue's, by
 * side and distance; the word's own, kept; the token's; the history's
 * rows, kept by label): for every token and history they are those of the
 * features training made. */
static void span_decoder_scores_the_training_features(void **state)
{
	(void)state;
	analysed x;
	analyse(&x, "After the vote, Ines Kolar, the harbour master, said on Monday that the ferry to Port Amsel "
	            "\"will run all winter\", and Oskar Lind told reporters it would not.");
	const dm_text *t = &x.t;
	uint32_t ss = t->sents[0].tok_start, se = t->sents[0].tok_end, checked = 0;
	for (uint32_t c = ss; c < se; c++) {
		if (!dm_tok_eq(t, c, "said") && !dm_tok_eq(t, c, "told"))
			continue;
		dm_range cue = {c, c + 1};
		uint8_t lab[256];
		assert_true(se - ss <= sizeof lab);
		static const uint8_t hist[][2] = {{0, 0}, {1, 0}, {2, 1}, {3, 0}, {4, 3}, {0, 4}};
		for (uint32_t i = ss; i < se; i++)
			for (size_t h = 0; h < sizeof hist / sizeof *hist; h++) {
				if (i >= cue.first && i < cue.last)
					continue; /* the cue's own tokens are not scored */
				memset(lab, 0, sizeof lab);
				if (i > ss)
					lab[i - 1 - ss] = hist[h][0];
				if (i > ss + 1)
					lab[i - 2 - ss] = hist[h][1];
				uint64_t f[DM_MAX_FEATS];
				float want[DM_MAX_CLASSES], got[SPAN_CLASSES];
				dm_model_score(x.models->span, f, dm_span_features(t, x.ti, ss, se, cue, i, lab, f),
				               want);
				dm_span_scores(x.models->span, t, x.ti, ss, se, cue, i, i > ss ? hist[h][0] : 9,
				               i > ss + 1 ? hist[h][1] : 9, got);
				assert_close(got, want, SPAN_CLASSES);
				checked++;
			}
	}
	assert_true(checked > 100);
	release(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(stems_join_the_forms_of_a_word),
	    cmocka_unit_test(penn_tags_map_to_coarse_ones),
	    cmocka_unit_test(cue_tagger_scores_known_stems_and_continuations),
	    cmocka_unit_test(cue_tagger_scores_the_training_features),
	    cmocka_unit_test(span_decoder_scores_the_training_features),
	    cmocka_unit_test(kept_infos_are_those_made_anew),
	    cmocka_unit_test(new_forms_are_tagged),
	    cmocka_unit_test(kept_infos_follow_the_tag_lexicon),
	    cmocka_unit_test(kept_infos_stay_right_past_the_tables_size),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
