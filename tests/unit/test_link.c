/* Name keys: the variants of one name meet, different names stay apart;
 * and the rules of linking speakers across documents, one test a rule, on
 * invented names and documents. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dictum.h"
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

/* The sets of several texts, with their owners and keys. */
typedef struct tsets {
	uint32_t owner[64], cur;
	int kind[64];
	uint32_t *f[64];
	size_t n[64], k;
	uint32_t keys[64 * DM_BANDS];
} tsets;

static int collect(void *arg, int kind, const uint32_t *f, size_t n)
{
	tsets *t = arg;
	assert_true(t->k < 64);
	t->owner[t->k] = t->cur;
	t->kind[t->k] = kind;
	t->f[t->k] = malloc((n + 1) * sizeof *f);
	assert_non_null(t->f[t->k]);
	memcpy(t->f[t->k], f, n * sizeof *f);
	t->n[t->k] = n;
	dm_near_keys(f, n, kind, t->keys + t->k * DM_BANDS);
	t->k++;
	return 0;
}

static uint32_t root_of(uint32_t *parent, uint32_t i)
{
	while (parent[i] != i)
		i = parent[i];
	return i;
}

typedef struct joined {
	tsets *t;
	uint32_t *parent;
	float *best;
} joined;

static int join_pair(void *arg, uint32_t a, uint32_t b)
{
	joined *g = arg;
	tsets *t = g->t;
	uint32_t oa = t->owner[a], ob = t->owner[b];
	double j;
	if (oa == ob || t->kind[a] != t->kind[b] ||
	    !dm_near_similar(t->kind[a], t->f[a], t->n[a], t->f[b], t->n[b], &j))
		return 0;
	g->best[oa] = (float)j > g->best[oa] ? (float)j : g->best[oa];
	g->best[ob] = (float)j > g->best[ob] ? (float)j : g->best[ob];
	uint32_t ra = root_of(g->parent, oa), rb = root_of(g->parent, ob);
	g->parent[ra > rb ? ra : rb] = ra < rb ? ra : rb;
	return 0;
}

/* Owners joined by the near-duplicate pairs of the echo sets of TEXTS:
 * PARENT[i] the first text of i's group, BEST[i] its best similarity. */
static void join_texts(const char *const *texts, uint32_t n, uint32_t *parent, float *best)
{
	tsets *t = calloc(1, sizeof *t);
	assert_non_null(t);
	for (uint32_t i = 0; i < n; i++) {
		t->cur = i;
		assert_int_equal(dm_echo_sets(texts[i], strlen(texts[i]), collect, t), 0);
		parent[i] = i;
		best[i] = 0;
	}
	joined g = {t, parent, best};
	assert_int_equal(dm_near_join(t->keys, t->k, join_pair, NULL, &g), 0);
	for (uint32_t i = 0; i < n; i++)
		parent[i] = root_of(parent, i);
	for (size_t i = 0; i < t->k; i++)
		free(t->f[i]);
	free(t);
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

/* Pairs labelled by hand (tests/data/echoes/pairs.txt): at the default
 * similarity every "same" pair is one echo and no "apart" pair is. */
static void labelled_pairs_meet_or_stay_apart(void **state)
{
	(void)state;
	FILE *f = fopen(DM_ECHO_PAIRS, "r");
	assert_non_null(f);
	char line[2048];
	int pairs = 0, wrong = 0;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = 0;
		char *a = strchr(line, '\t'), *b = a ? strchr(a + 1, '\t') : NULL;
		if (line[0] == '#' || !b)
			continue;
		*a++ = 0;
		*b++ = 0;
		const char *texts[2] = {a, b};
		uint32_t parent[2];
		float best[2];
		join_texts(texts, 2, parent, best);
		int same = !strcmp(line, "same");
		if (same != (parent[1] == parent[0])) {
			print_message("%s, but %s: %s | %s (%.2f)\n", same ? "same" : "apart",
			              same ? "apart" : "joined", a, b, (double)best[1]);
			wrong++;
		}
		pairs++;
	}
	fclose(f);
	assert_true(pairs >= 20);
	assert_int_equal(wrong, 0);
}

static void jaccard_is_exact(void **state)
{
	(void)state;
	const uint32_t a[] = {1, 2, 3, 4}, b[] = {2, 3, 4, 5, 6};
	double j;
	assert_true(dm_near_similar(DM_SET_PASSAGE, a, 4, b, 5, &j) && j == 0.5);
	assert_true(dm_near_similar(DM_SET_DOCUMENT, a, 4, a, 4, &j) && j == 1.0);
	assert_false(dm_near_similar(DM_SET_DOCUMENT, a, 4, b, 5, &j)); /* copies are closer */
	assert_false(dm_near_similar(DM_SET_SENTENCE, a, 4, b, 5, &j)); /* three words in common */
	assert_false(dm_near_similar(DM_SET_PASSAGE, a, 0, b, 0, &j) || j != 0.0);
}

/* The filter a set's record keeps never turns a near-duplicate away, and
 * turns away most sets that only share some words: pairs of sets of 4 to
 * 19 features drawn from 1,024, the second with about half of the first's
 * (a sentence said again, or another that shares its words), each kind. */
static void filters_turn_away_only_the_unlike(void **state)
{
	(void)state;
	uint32_t vocab[1024], a[24], b[24], tmp[24], seed = 7;
	for (int i = 0; i < 1024; i++)
		vocab[i] = (uint32_t)(i + 1) * 2654435761u;
	size_t similar = 0, unlike = 0, turned = 0;
	uint64_t digest = 1469598103934665603ull;
	for (int i = 0; i < 30000; i++) {
		size_t na = 4, nb = 4;
		seed = seed * 1103515245u + 12345u;
		na += seed >> 16 & 15;
		seed = seed * 1103515245u + 12345u;
		nb += seed >> 16 & 15;
		for (size_t k = 0; k < na; k++) {
			seed = seed * 1103515245u + 12345u;
			a[k] = vocab[seed >> 16 & 1023];
		}
		for (size_t k = 0; k < nb; k++) { /* half of B copied from A */
			seed = seed * 1103515245u + 12345u;
			b[k] = k < na && (seed >> 28 & 1) ? a[k] : vocab[seed >> 16 & 1023];
		}
		na = dm_set_normalize(a, tmp, na);
		nb = dm_set_normalize(b, tmp, nb);
		uint64_t words = dm_set_words(a, na);
		digest = (digest ^ words) * 1099511628211ull;
		for (int kind = 0; kind < 3; kind++) {
			double j;
			int near = dm_near_similar(kind, a, na, b, nb, &j),
			    may = dm_near_may_be_similar(kind, na, words, b, nb);
			assert_true(may || !near);
			similar += near;
			unlike += !near;
			turned += !may;
		}
	}
	assert_true(similar > 1000);
	assert_true(turned > unlike / 4 * 3);
	assert_true(digest == 0xcab93f64cce989c3ull); /* filters are stored: they never change */
}

typedef struct pairlist {
	dm_setpair *v;
	size_t n, cap;
} pairlist;

static int list_pair(void *arg, uint32_t a, uint32_t b)
{
	pairlist *l = arg;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 1024;
		l->v = realloc(l->v, l->cap * sizeof *l->v);
		assert_non_null(l->v);
	}
	l->v[l->n++] = (dm_setpair){a, b};
	return 0;
}

static void pairlist_free(pairlist *l)
{
	free(l->v);
	free(l);
}

static int by_pair(const void *x, const void *y)
{
	const dm_setpair *p = x, *q = y;
	return p->a != q->a ? (p->a < q->a ? -1 : 1) : p->b < q->b ? -1 : p->b > q->b;
}

/* The pairs dm_near_join gives for KEYS[N], sorted and distinct. */
static pairlist *joined_pairs(const uint32_t *keys, size_t n)
{
	pairlist *l = calloc(1, sizeof *l);
	assert_non_null(l);
	assert_int_equal(dm_near_join(keys, n, list_pair, NULL, l), 0);
	if (l->n)
		qsort(l->v, l->n, sizeof *l->v, by_pair);
	size_t k = 0;
	for (size_t i = 0; i < l->n; i++)
		if (!k || by_pair(&l->v[i], &l->v[k - 1]))
			l->v[k++] = l->v[i];
	l->n = k;
	return l;
}

/* Stored keys stay valid only while a set's keys never change: a digest
 * of the keys of 300 sets of 0 to 2,997 features, of every kind, as the
 * first version of the keys (two smallest of one hash per band) made them. */
static void band_keys_never_change(void **state)
{
	(void)state;
	static uint32_t f[3000];
	uint32_t key[DM_BANDS], seed = 11;
	uint64_t digest = 1469598103934665603ull;
	for (size_t i = 0; i < 300; i++) {
		size_t n = (i * 37) % 3000;
		for (size_t k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			f[k] = seed ^ (seed >> 16) * 2654435761u;
		}
		dm_near_keys(f, n, (int)(i % 3), key);
		for (int b = 0; b < DM_BANDS; b++)
			digest = (digest ^ key[b]) * 1099511628211ull;
	}
	assert_true(digest == 0xd14a7b7ee06206c6ull);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* A set is sorted and its repeats dropped, small or large (the two ways
 * of sorting meet at 64), as qsort would leave it. */
static void sets_are_sorted_and_distinct(void **state)
{
	(void)state;
	static uint32_t f[2000], tmp[2000], want[2000];
	uint32_t seed = 5;
	for (size_t n = 0; n < 2000; n += n < 130 ? 1 : 97) {
		for (size_t k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			/* repeats: few values for some sizes, any for others */
			f[k] = n % 2 ? seed % (n / 2 + 1) : seed ^ seed << 13;
		}
		memcpy(want, f, n * sizeof *f);
		if (n)
			qsort(want, n, sizeof *want, cmp_u32);
		size_t k = 0;
		for (size_t i = 0; i < n; i++)
			if (!k || want[i] != want[k - 1])
				want[k++] = want[i];
		assert_int_equal(dm_set_normalize(f, tmp, n), k);
		if (k)
			assert_memory_equal(f, want, k * sizeof *f);
	}
}

/* Sets added after others, joined to them by the probe, give the pairs a
 * join of all of them gives: random sets, many near-duplicates and
 * crowded buckets (a few features only), cut at every place. */
/* A bucket its caller calls settled is not offered, whatever its size;
 * one of two sets always is (one pair: asking costs as much). */
typedef struct asked_pairs {
	pairlist l; /* first: list_pair takes the same ARG */
	size_t asked;
} asked_pairs;

static int settle_big(void *arg, const uint64_t *m, size_t n)
{
	((asked_pairs *)arg)->asked += n;
	for (size_t i = 0; i < n; i++)
		assert_true((uint32_t)m[i] < 3); /* the three copies' bucket only */
	return 1;
}

static void a_settled_bucket_is_not_offered(void **state)
{
	(void)state;
	/* sets 0-2 have one set of keys, 3 and 4 another: 32 buckets each */
	uint32_t keys[5 * DM_BANDS];
	for (int b = 0; b < DM_BANDS; b++) {
		keys[0 * DM_BANDS + b] = keys[1 * DM_BANDS + b] = keys[2 * DM_BANDS + b] = 100u + (uint32_t)b;
		keys[3 * DM_BANDS + b] = keys[4 * DM_BANDS + b] = 900u + (uint32_t)b;
	}
	asked_pairs all = {{0}, 0}, settled = {{0}, 0};
	assert_int_equal(dm_near_join(keys, 5, list_pair, NULL, &all), 0);
	assert_int_equal(all.l.n, (size_t)DM_BANDS * 4); /* 0-1, 0-2, 1-2 and 3-4 in every band */
	assert_int_equal(dm_near_join(keys, 5, list_pair, settle_big, &settled), 0);
	assert_int_equal(settled.asked, (size_t)DM_BANDS * 3);
	assert_int_equal(settled.l.n, (size_t)DM_BANDS);
	for (size_t i = 0; i < settled.l.n; i++)
		assert_true(settled.l.v[i].a == 3 && settled.l.v[i].b == 4);
	free(all.l.v);
	free(settled.l.v);
}

/* The set of the test's id X (three sets an owner, owners from 1). */
static uint64_t set_index(uint64_t x)
{
	return (uint64_t)(DM_SET_OWNER(x) - 1) * 3 + DM_SET_PLACE(x);
}

static void a_batch_joins_as_the_whole_does(void **state)
{
	(void)state;
	enum { N = 2400 };
	uint32_t *keys = malloc(N * DM_BANDS * sizeof *keys), seed = 7;
	uint64_t *ids = malloc(N * sizeof *ids);
	assert_non_null(keys);
	assert_non_null(ids);
	for (size_t i = 0; i < N; i++) {
		uint32_t f[6];
		size_t n = 1 + i % 6;
		for (size_t k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			f[k] = (seed >> 16) % (i % 3 ? 6 : 4000); /* a third rare, the rest crowded */
		}
		uint32_t tmp[6];
		n = dm_set_normalize(f, tmp, n);
		dm_near_keys(f, n, (int)(i % 2), keys + i * DM_BANDS);
		ids[i] = DM_SET_ID(i / 3 + 1, i % 3); /* three sets an owner */
	}
	pairlist *all = joined_pairs(keys, N);
	assert_true(all->n > 10000);                   /* crowded buckets: windows at work */
	for (size_t cut = 0; cut <= N; cut += N / 7) { /* whole owners */
		pairlist *before = joined_pairs(keys, cut);
		dm_setpair *after = NULL;
		dm_nearprobe *p = dm_nearprobe_new(keys + cut * DM_BANDS, ids + cut, N - cut);
		assert_non_null(p);
		for (size_t i = 0, m; i < cut; i += m) { /* in runs of 1 to 97 */
			uint32_t run[97 * DM_BANDS];
			m = cut - i < 1 + i % 97 ? cut - i : 1 + i % 97;
			for (size_t k = 0; k < m; k++)
				for (size_t b = 0; b < DM_BANDS; b++)
					run[b * m + k] = keys[(i + k) * DM_BANDS + b];
			dm_nearprobe_old(p, run, ids + i, m);
		}
		/* in chunks of at most MAX, sorted and distinct, and each
		 * chunk's pairs after the last's: each earlier owner in one */
		size_t na = 0, max = 64 + cut % 512, chunks = 0;
		const dm_setpair *chunk;
		long nc;
		while ((nc = dm_nearprobe_pairs(p, max, &chunk)) > 0) {
			chunks++;
			/* more only for one bin: here, with fewer owners than bins, one
			 * owner */
			assert_true((size_t)nc <= max || DM_SET_OWNER(chunk[0].a) == DM_SET_OWNER(chunk[nc - 1].a));
			after = realloc(after, (na + (size_t)nc) * sizeof *after);
			assert_non_null(after);
			for (long k = 0; k < nc; k++, na++) {
				after[na] = (dm_setpair){set_index(chunk[k].a), set_index(chunk[k].b)};
				assert_true(!na || by_pair(&after[na - 1], &after[na]) < 0);
			}
		}
		assert_int_equal(nc, 0);
		assert_true(na <= max || chunks > 1);
		assert_int_equal(before->n + na, all->n);
		/* the pairs before the cut, then those with a set after it */
		size_t i = 0, j = 0;
		for (size_t k = 0; k < all->n; k++) {
			if (all->v[k].b < cut)
				assert_true(i < before->n && !by_pair(&before->v[i++], &all->v[k]));
			else
				assert_true(j < na && !by_pair(&after[j++], &all->v[k]));
		}
		pairlist_free(before);
		free(after);
		dm_nearprobe_free(p);
	}
	pairlist_free(all);
	free(keys);
	free(ids);
}

/* ---- dm_link_speakers ---- */

/* A form as the store gives it: NAME of TYPE with STATEMENTS, TITLES (up
 * to three, NULL-ended) and the texts of its documents (up to three). */
typedef struct tform {
	const char *name;
	int type;
	long statements;
	const char *titles[4];
	const char *texts[4];
} tform;

typedef struct linked {
	dm_form forms[24];
	const tform *t;
	size_t n;
	dm_person *people;
	long np;
} linked;

static int texts_cb(void *ctx, const dm_form *f, dm_each_text each, void *arg)
{
	linked *l = ctx;
	const tform *t = &l->t[f - l->forms];
	for (size_t i = 0; i < sizeof t->texts / sizeof *t->texts && t->texts[i]; i++)
		if (each(t->texts[i], strlen(t->texts[i]), arg))
			break;
	return 0;
}

static linked *link_forms(const tform *t, size_t n)
{
	linked *l = calloc(1, sizeof *l);
	assert_non_null(l);
	assert_true(n <= 24);
	l->t = t;
	l->n = n;
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		while (k < 3 && t[i].titles[k])
			k++;
		l->forms[i] = (dm_form){.name = t[i].name,
		                        .type = t[i].type,
		                        .statements = t[i].statements ? t[i].statements : 1,
		                        .titles = t[i].titles,
		                        .n_titles = k};
	}
	l->np = dm_link_speakers(l->forms, n, texts_cb, l, &l->people);
	assert_true(l->np >= 0);
	return l;
}

static void unlink_forms(linked *l)
{
	free(l->people);
	free(l);
}

/* The form named NAME. */
static const dm_form *form(linked *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->forms[i].name, name))
			return &l->forms[i];
	fail_msg("no form '%s'", name);
	return NULL;
}

static int together(linked *l, const char *a, const char *b)
{
	const dm_form *x = form(l, a), *y = form(l, b);
	return x->person != SIZE_MAX && x->person == y->person;
}

static int nobody(linked *l, const char *a)
{
	return form(l, a)->person == SIZE_MAX;
}

static void words_that_name_nobody(void **state)
{
	(void)state;
	static const tform t[] = {
	    {"Similarly", DM_UNKNOWN, 0, {0}, {0}},          /* an adverb */
	    {"Two", DM_PERSON, 0, {0}, {0}},                 /* a quantifier */
	    {"His", DM_PERSON, 0, {0}, {0}},                 /* a pronoun */
	    {"They\xe2\x80\x99ll", DM_UNKNOWN, 0, {0}, {0}}, /* a pronoun, contracted */
	    {"May", DM_PERSON, 0, {0}, {0}},                 /* a month */
	    {"New York", DM_PERSON, 0, {0}, {0}},            /* a place */
	    {"U.S", DM_UNKNOWN, 0, {0}, {0}},                /* a place, in initials */
	    {"Germany", DM_ORGANIZATION, 0, {0}, {0}},       /* a place, speaking as its government */
	    {"UK", DM_ORGANIZATION, 0, {0}, {0}},
	    {"German", DM_PERSON, 0, {0}, {0}},      /* a nationality */
	    {"Republican", DM_UNKNOWN, 0, {0}, {0}}, /* a party */
	    {"GOP", DM_UNKNOWN, 0, {0}, {0}},
	    {"Port Amsel", DM_PERSON, 0, {0}, {0}},    /* a town: "Port ..." */
	    {"Vellby County", DM_PERSON, 0, {0}, {0}}, /* a county */
	    {"Water", DM_UNKNOWN, 0, {0}, {"The water board said the water was clean. Water was tested daily."}},
	    {"Norland", DM_PERSON, 0, {0}, {"Officials in Norland Bay said the Norland Bay ferry will run."}},
	    {"WHO", DM_UNKNOWN, 0, {0}, {0}}, /* initials, not the pronoun */
	    {"Ada Lind", DM_PERSON, 0, {0}, {0}},
	};
	linked *l = link_forms(t, sizeof t / sizeof *t);
	for (size_t i = 0; i < 16; i++)
		if (!nobody(l, t[i].name))
			fail_msg("'%s' became a person", t[i].name);
	assert_false(nobody(l, "WHO"));
	assert_false(nobody(l, "Ada Lind"));
	assert_non_null(strstr(form(l, "Port Amsel")->reason, "place"));
	assert_true((size_t)l->np == 2);
	unlink_forms(l);
}

static void titles_and_parties_are_no_part_of_a_name(void **state)
{
	(void)state;
	static const tform t[] = {
	    {"Ada Lind", DM_PERSON, 9, {0}, {0}},
	    {"Democrat Ada Lind", DM_PERSON, 0, {0}, {0}},
	    {"Republican Ada Lind", DM_PERSON, 0, {0}, {0}},
	    {"Secretary of State Ada Lind", DM_PERSON, 0, {0}, {0}},
	    {"Rival Ada Lind", DM_PERSON, 0, {0}, {0}},
	    {"GOP nominee Ada Lind", DM_PERSON, 0, {0}, {0}},
	    {"Sen. Ada Lind", DM_PERSON, 0, {0}, {0}},
	    /* an organisation keeps its party word, and is no one else */
	    {"Democratic Harbour Council", DM_ORGANIZATION, 0, {0}, {0}},
	    {"Harbour Council", DM_ORGANIZATION, 0, {0}, {0}},
	};
	linked *l = link_forms(t, sizeof t / sizeof *t);
	for (size_t i = 1; i < 7; i++)
		if (!together(l, "Ada Lind", t[i].name))
			fail_msg("'%s' is not Ada Lind: %s", t[i].name, form(l, t[i].name)->reason);
	assert_false(together(l, "Democratic Harbour Council", "Harbour Council"));
	assert_string_equal(l->people[form(l, "Democrat Ada Lind")->person].name, "Ada Lind");
	unlink_forms(l);
}

static void middle_names_and_initials_meet(void **state)
{
	(void)state;
	static const tform one[] = {
	    {"Ada Lind", DM_PERSON, 5, {0}, {0}},
	    {"Ada B. Lind", DM_PERSON, 2, {0}, {0}},
	    {"Ada Berit Lind", DM_PERSON, 1, {0}, {0}},
	    /* titles that show two people keep them apart */
	    {"Oskar Brenn", DM_PERSON, 3, {"mayor of Dornvik"}, {0}},
	    {"Oskar T. Brenn", DM_PERSON, 1, {"economist"}, {0}},
	};
	linked *l = link_forms(one, sizeof one / sizeof *one);
	assert_true(together(l, "Ada Lind", "Ada B. Lind"));
	assert_true(together(l, "Ada Lind", "Ada Berit Lind"));
	assert_false(together(l, "Oskar Brenn", "Oskar T. Brenn"));
	assert_string_equal(l->people[form(l, "Ada B. Lind")->person].name, "Ada Lind");
	unlink_forms(l);
	/* two middle initials: the name without one could be either */
	static const tform two[] = {
	    {"Tomas Ek", DM_PERSON, 5, {0}, {0}},
	    {"Tomas A. Ek", DM_PERSON, 2, {0}, {0}},
	    {"Tomas K. Ek", DM_PERSON, 2, {0}, {0}},
	};
	l = link_forms(two, sizeof two / sizeof *two);
	assert_false(together(l, "Tomas Ek", "Tomas A. Ek"));
	assert_false(together(l, "Tomas Ek", "Tomas K. Ek"));
	assert_false(together(l, "Tomas A. Ek", "Tomas K. Ek"));
	unlink_forms(l);
}

static void a_surname_joins_one_person_only(void **state)
{
	(void)state;
	static const tform t[] = {
	    {"Ada Lind", DM_PERSON, 5, {0}, {0}},
	    {"Lind", DM_UNKNOWN, 2, {0}, {0}}, /* one person of that name: joins */
	    {"Oskar Brenn", DM_PERSON, 2, {0}, {0}},
	    {"Anna Brenn", DM_PERSON, 2, {0}, {0}},
	    {"Brenn", DM_PERSON, 2, {0}, {0}}, /* two: joins neither */
	    {"Vellby Harbour Trust", DM_ORGANIZATION, 2, {0}, {0}},
	    {"Trust", DM_UNKNOWN, 2, {0}, {0}},   /* an organisation's last word */
	    {"De Vries", DM_PERSON, 1, {0}, {0}}, /* a surname with its particle */
	    {"Mira de Vries", DM_PERSON, 3, {0}, {0}},
	};
	linked *l = link_forms(t, sizeof t / sizeof *t);
	assert_true(together(l, "Lind", "Ada Lind"));
	assert_false(together(l, "Brenn", "Oskar Brenn"));
	assert_false(together(l, "Brenn", "Anna Brenn"));
	assert_false(together(l, "Trust", "Vellby Harbour Trust"));
	assert_true(together(l, "De Vries", "Mira de Vries"));
	/* the person is named by its full name, however often the surname alone is used */
	assert_string_equal(l->people[form(l, "Lind")->person].name, "Ada Lind");
	unlink_forms(l);
}

static void a_surname_takes_the_name_its_document_gives(void **state)
{
	(void)state;
	static const tform t[] = {
	    {"Oskar Brenn", DM_PERSON, 2, {"economist"}, {0}},
	    {"Anna Brenn", DM_PERSON, 2, {"mayor"}, {0}},
	    {"Peter Brenn", DM_PERSON, 2, {0}, {0}},
	    /* the full name written in its own document */
	    {"Brenn",
	     DM_PERSON,
	     4,
	     {0},
	     {"TINDRA - Oskar Brenn, a senior economist, said prices will rise.\n\n\"Costs are up,\" Brenn said."}},
	};
	linked *l = link_forms(t, 4);
	assert_true(together(l, "Brenn", "Oskar Brenn"));
	unlink_forms(l);
	/* the one of them a "Ms." fits */
	static const tform ms[] = {
	    {"Oskar Brenn", DM_PERSON, 2, {0}, {0}},
	    {"Anna Brenn", DM_PERSON, 2, {0}, {0}},
	    {"Brenn", DM_UNKNOWN, 1, {0}, {"\"The quay is ready,\" Ms. Brenn told reporters."}},
	};
	l = link_forms(ms, 3);
	assert_true(together(l, "Brenn", "Anna Brenn"));
	unlink_forms(l);
	/* the one whose title its document gives */
	static const tform titled[] = {
	    {"Oskar Brenn", DM_PERSON, 2, {"economist"}, {0}},
	    {"Peter Brenn", DM_PERSON, 2, {"mayor"}, {0}},
	    {"Brenn", DM_PERSON, 1, {0}, {"Mayor Brenn said the harbour will reopen."}},
	};
	l = link_forms(titled, 3);
	assert_true(together(l, "Brenn", "Peter Brenn"));
	unlink_forms(l);
	/* documents that name two people of the surname: neither */
	static const tform two[] = {
	    {"Oskar Brenn", DM_PERSON, 2, {0}, {0}},
	    {"Peter Brenn", DM_PERSON, 2, {0}, {0}},
	    {"Brenn",
	     DM_PERSON,
	     1,
	     {0},
	     {"Oskar Brenn and his brother Peter Brenn own the yard. Brenn said it will stay."}},
	};
	l = link_forms(two, 3);
	assert_false(together(l, "Brenn", "Oskar Brenn"));
	assert_false(together(l, "Brenn", "Peter Brenn"));
	unlink_forms(l);
	/* a document that names someone the archive does not know: not the one it knows */
	static const tform other[] = {
	    {"Oskar Brenn", DM_PERSON, 2, {0}, {0}},
	    {"Brenn", DM_PERSON, 1, {0}, {"Karin Brenn runs the yard. Brenn said it will stay."}},
	};
	l = link_forms(other, 2);
	assert_false(together(l, "Brenn", "Oskar Brenn"));
	unlink_forms(l);
	/* nor where that name opens with no given name the lists know, inside a sentence */
	static const tform stranger[] = {
	    {"Oskar Brenn", DM_PERSON, 2, {0}, {0}},
	    {"Brenn",
	     DM_PERSON,
	     1,
	     {0},
	     {"With the yard sold, Zofe Brenn spoke to the crews. Brenn said it will stay."}},
	};
	l = link_forms(stranger, 2);
	assert_false(together(l, "Brenn", "Oskar Brenn"));
	unlink_forms(l);
	/* the same surname of no type is read in its own documents too */
	static const tform untyped[] = {
	    {"Ada Lind", DM_PERSON, 2, {0}, {0}},
	    {"Karl Lind", DM_PERSON, 2, {0}, {0}},
	    {"Lind", DM_PERSON, 3, {0}, {"Ada Lind spoke first. Lind said the vote was fair."}},
	    {"Lind", DM_UNKNOWN, 2, {0}, {"Ada Lind and Karl Lind spoke. Lind said the vote was fair."}},
	};
	l = link_forms(untyped, 4);
	assert_true(l->forms[2].person == form(l, "Ada Lind")->person);
	assert_true(l->forms[3].person != form(l, "Ada Lind")->person);
	assert_true(l->forms[3].person != form(l, "Karl Lind")->person);
	unlink_forms(l);
	/* a document that names both says for neither, while the others name one */
	static const tform most[] = {
	    {"Ada Lind", DM_PERSON, 2, {0}, {0}},
	    {"Karl Lind", DM_PERSON, 2, {0}, {0}},
	    {"Lind",
	     DM_UNKNOWN,
	     4,
	     {0},
	     {"Ada Lind spoke first. Lind said the vote was fair.", "Ada Lind spoke. Lind said it again.",
	      "Ada Lind came late. Lind said so.", "Ada Lind and Karl Lind spoke. Lind said the vote was fair."}},
	};
	l = link_forms(most, 3);
	assert_true(together(l, "Lind", "Ada Lind"));
	unlink_forms(l);
}

static void initials_and_untyped_names_join_their_organisation(void **state)
{
	(void)state;
	static const tform t[] = {
	    {"Vellby Harbour Authority", DM_ORGANIZATION, 3, {0}, {0}},
	    {"VHA", DM_UNKNOWN, 2, {0}, {0}},
	    {"Nordpost", DM_ORGANIZATION, 2, {0}, {0}},
	    {"Nordpost", DM_UNKNOWN, 1, {0}, {0}},
	    {"Tindra Fishing Board", DM_ORGANIZATION, 2, {0}, {0}},
	    {"Tindra Ferry Board", DM_ORGANIZATION, 2, {0}, {0}},
	    {"TFB", DM_UNKNOWN, 1, {0}, {0}}, /* fits two: neither */
	};
	linked *l = link_forms(t, sizeof t / sizeof *t);
	assert_true(together(l, "VHA", "Vellby Harbour Authority"));
	assert_true(l->forms[2].person == l->forms[3].person);
	assert_false(together(l, "TFB", "Tindra Fishing Board"));
	assert_false(together(l, "TFB", "Tindra Ferry Board"));
	unlink_forms(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(variants_of_one_name_meet),
	    cmocka_unit_test(different_people_stay_apart),
	    cmocka_unit_test(echoes_close_and_loose_are_found),
	    cmocka_unit_test(labelled_pairs_meet_or_stay_apart),
	    cmocka_unit_test(jaccard_is_exact),
	    cmocka_unit_test(band_keys_never_change),
	    cmocka_unit_test(sets_are_sorted_and_distinct),
	    cmocka_unit_test(a_settled_bucket_is_not_offered),
	    cmocka_unit_test(a_batch_joins_as_the_whole_does),
	    cmocka_unit_test(filters_turn_away_only_the_unlike),
	    cmocka_unit_test(words_that_name_nobody),
	    cmocka_unit_test(titles_and_parties_are_no_part_of_a_name),
	    cmocka_unit_test(middle_names_and_initials_meet),
	    cmocka_unit_test(a_surname_joins_one_person_only),
	    cmocka_unit_test(a_surname_takes_the_name_its_document_gives),
	    cmocka_unit_test(initials_and_untyped_names_join_their_organisation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
