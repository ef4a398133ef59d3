/*
 * Training the attribution taggers.  Gold spans are in code points; tokens
 * are in bytes, so each article gets a table from code point to byte.  A
 * token belongs to a span when it starts inside it: spans that cut a token
 * in two (rare: "He’s" split as source "He", cue "’s") then still give every
 * token one label.  The span tagger learns from gold cues; at run time it
 * sees the cue tagger's, which is the usual greedy-pipeline trade.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "attrib/features.h"
#include "dictum_tools.h"
#include "eval/eval.h"
#include "ingest/ingest.h"
#include "train.h"
#include "util/utf8.h"
#include "util/vec.h"

typedef struct article {
	const char *name;
	dm_text t;
	dm_arena arena;
	dm_tokinfo *ti;    /* of each form (dm_ti) */
	uint32_t *cp_byte; /* code point -> byte, n_cp + 1 entries */
	size_t n_cp;
	dm_ev_doc gold;
	char *raw, *ann;
} article;

static void article_free(article *a)
{
	dm_text_free(&a->t);
	dm_arena_free(&a->arena);
	free(a->ti);
	free(a->cp_byte);
	dm_ev_doc_free(&a->gold);
	free(a->raw);
	free(a->ann);
}

static int article_read(article *a, const dm_corpus_item *it, FILE *log)
{
	memset(a, 0, sizeof *a);
	a->name = it->name;
	char err[256];
	size_t len, alen, line;
	if (dm_read_file(it->text, (size_t)1 << 28, &a->raw, &len, err, sizeof err) != DM_OK ||
	    dm_read_file(it->ann, (size_t)1 << 28, &a->ann, &alen, err, sizeof err) != DM_OK) {
		fprintf(log, "dictum train: %s: %s\n", it->name, err);
		return -1;
	}
	if (dm_ev_parse(a->ann, alen, &a->gold, &line)) {
		fprintf(log, "dictum train: %s:%zu: malformed brat line\n", it->ann, line);
		return -1;
	}
	a->cp_byte = malloc((len + 1) * sizeof *a->cp_byte);
	if (!a->cp_byte || dm_text_analyse(&a->t, a->raw, len, &a->arena) || !(a->ti = dm_tokinfo_new(&a->t, NULL))) {
		fprintf(log, "dictum train: %s: out of memory\n", it->name);
		return -1;
	}
	for (size_t i = 0; i < len;) {
		a->cp_byte[a->n_cp++] = (uint32_t)i;
		dm_utf8_next(a->raw, len, &i);
	}
	a->cp_byte[a->n_cp] = (uint32_t)len;
	return 0;
}

static uint32_t byte_of(const article *a, uint32_t cp)
{
	return a->cp_byte[cp < a->n_cp ? cp : a->n_cp];
}

/* The tokens that start inside part P of span S: [*first, *last). */
static void tokens_of(const article *a, const dm_ev_span *s, int p, uint32_t *first, uint32_t *last)
{
	uint32_t bs = byte_of(a, s->s[p]), be = byte_of(a, s->e[p]);
	uint32_t i = 0;
	while (i < a->t.n_toks && a->t.toks[i].start < bs)
		i++;
	*first = i;
	while (i < a->t.n_toks && a->t.toks[i].start < be)
		i++;
	*last = i;
}

/* Label the tokens of span S in LAB (one per token of the article): B at
 * the start of each part, I after. */
static void label_span(const article *a, const dm_ev_span *s, uint8_t *lab, uint8_t b, uint8_t in)
{
	for (int p = 0; p < s->n; p++) {
		uint32_t f, l;
		tokens_of(a, s, p, &f, &l);
		for (uint32_t i = f; i < l; i++)
			lab[i] = i == f ? b : in;
	}
}

static void label_cues(const article *a, uint8_t *lab)
{
	memset(lab, CUE_O, a->t.n_toks);
	for (size_t k = 0; k < a->gold.n_attrs; k++)
		if (a->gold.attrs[k].cue >= 0)
			label_span(a, &a->gold.spans[a->gold.attrs[k].cue], lab, CUE_B, CUE_I);
}

/* The cue vocabulary: the stems of words that begin gold cues often
 * enough, and often enough of the times they occur, for the tagger to look at them
 * ("said" yes; "the", which begins a cue like "the statement" once in a
 * thousand, no).  Chosen on held-out train articles: it loses few cues
 * and spares the tagger most tokens. */
#define VOCAB_MIN_CUES  2
#define VOCAB_MAX_RATIO 40 /* occurrences per cue */

typedef struct word_use {
	uint64_t word; /* first: dm_cmp_u64 sorts by it */
	int begins_cue;
} word_use;

/* Fill *VOCAB (sorted, malloc'd) from the articles and give it to TR. */
static int cue_vocab(dm_trainer *tr, const article *arts, size_t n_arts, uint8_t *lab, uint64_t **vocab,
                     size_t *n_vocab)
{
	size_t n = 0;
	for (size_t a = 0; a < n_arts; a++)
		n += arts[a].t.n_toks;
	word_use *u = malloc((n ? n : 1) * sizeof *u);
	*vocab = malloc((n ? n : 1) * sizeof **vocab);
	*n_vocab = 0;
	if (!u || !*vocab) {
		free(u);
		return -1;
	}
	n = 0;
	for (size_t a = 0; a < n_arts; a++) {
		label_cues(&arts[a], lab);
		for (uint32_t i = 0; i < arts[a].t.n_toks; i++)
			u[n++] = (word_use){dm_ti(&arts[a].t, arts[a].ti, i)->stem, lab[i] == CUE_B};
	}
	qsort(u, n, sizeof *u, dm_cmp_u64);
	for (size_t i = 0, j; i < n; i = j) {
		size_t cues = 0;
		for (j = i; j < n && u[j].word == u[i].word; j++)
			cues += (size_t)u[j].begins_cue;
		if (cues >= VOCAB_MIN_CUES && cues * VOCAB_MAX_RATIO >= j - i) {
			if (dm_trainer_vocab(tr, u[i].word)) {
				free(u);
				return -1;
			}
			(*vocab)[(*n_vocab)++] = u[i].word;
		}
	}
	free(u);
	return 0;
}

static int add_cues(dm_trainer *tr, const article *a, uint8_t *lab, const uint64_t *vocab, size_t n_vocab)
{
	label_cues(a, lab);
	uint64_t f[DM_MAX_FEATS];
	for (size_t s = 0; s < a->t.n_sents; s++) {
		const dm_sent *st = &a->t.sents[s];
		for (uint32_t i = st->tok_start; i < st->tok_end; i++) {
			int known =
			    bsearch(&dm_ti(&a->t, a->ti, i)->stem, vocab, n_vocab, sizeof *vocab, dm_cmp_u64) != NULL;
			if (!dm_cue_scored(known, lab + st->tok_start, st->tok_start, i))
				continue;
			size_t n = dm_cue_features(&a->t, a->ti, st->tok_start, st->tok_end, i, lab + st->tok_start, f);
			if (dm_trainer_add(tr, lab[i], f, n))
				return -1;
		}
	}
	return 0;
}

static int add_spans(dm_trainer *tr, const article *a, uint8_t *lab)
{
	uint64_t f[DM_MAX_FEATS];
	for (size_t k = 0; k < a->gold.n_attrs; k++) {
		const dm_ev_attr *at = &a->gold.attrs[k];
		if (at->cue < 0)
			continue;
		dm_range cue;
		tokens_of(a, &a->gold.spans[at->cue], 0, &cue.first, &cue.last);
		const dm_sent *st = cue.last > cue.first ? dm_sent_of(&a->t, cue.first) : NULL;
		if (!st)
			continue;
		if (cue.last > st->tok_end)
			cue.last = st->tok_end;
		memset(lab, SPAN_O, a->t.n_toks);
		if (at->source >= 0)
			label_span(a, &a->gold.spans[at->source], lab, SPAN_BS, SPAN_IS);
		if (at->content >= 0)
			label_span(a, &a->gold.spans[at->content], lab, SPAN_BC, SPAN_IC);
		for (uint32_t i = cue.first; i < cue.last; i++)
			lab[i] = SPAN_O;
		uint32_t ws, we;
		dm_span_window(st->tok_start, st->tok_end, cue, &ws, &we);
		for (uint32_t i = ws; i < we; i++) {
			if (i >= cue.first && i < cue.last)
				continue;
			size_t n = dm_span_features(&a->t, a->ti, ws, we, cue, i, lab + ws, f);
			if (dm_trainer_add(tr, lab[i], f, n))
				return -1;
		}
	}
	return 0;
}

/* The tag lexicon.  Every silver token that starts where one of our
 * tokens does gives a (word, tag) use; words seen often get their own
 * entry when their tags differ from what their suffix says, and the uses
 * of rare words make the suffix entries that stand in for unknown words. */
#define TAG_WORD_MIN   6 /* uses for a word entry */
#define TAG_SUFFIX_MIN 2

typedef struct tag_use {
	uint64_t key; /* word, later suffix key; first: dm_cmp_u64 sorts by it */
	uint64_t suffix;
	int tag;
} tag_use;

typedef struct silver {
	article *arts;
	size_t n_arts, cur;
	tag_use *uses;
	size_t n, cap;
} silver;

static int on_silver(void *ctx, const char *doc, uint32_t start, const char *penn)
{
	silver *sv = ctx;
	int tag = dm_tag_of_penn(penn);
	if (tag < 0 || !sv->n_arts)
		return 0;
	/* Documents come in the corpus's order, so the search is short. */
	for (size_t k = 0; k < sv->n_arts && strcmp(sv->arts[sv->cur].name, doc); k++)
		sv->cur = (sv->cur + 1) % sv->n_arts;
	const article *a = &sv->arts[sv->cur];
	if (strcmp(a->name, doc))
		return 0; /* held out, or unreadable */
	uint32_t b = byte_of(a, start), lo = 0, hi = (uint32_t)a->t.n_toks;
	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;
		if (a->t.toks[mid].start < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == a->t.n_toks || a->t.toks[lo].start != b)
		return 0;
	if (dm_reserve(&sv->uses, &sv->cap, sv->n, sizeof *sv->uses))
		return -1;
	sv->uses[sv->n++] = (tag_use){dm_ti(&a->t, a->ti, lo)->word, dm_tag_key_suffix(&a->t, a->ti, lo), tag};
	return 0;
}

/* Shares of each tag among U[0, n) (one key). */
static void shares(const tag_use *u, size_t n, float *p)
{
	memset(p, 0, TAG_CLASSES * sizeof *p);
	for (size_t i = 0; i < n; i++)
		p[u[i].tag] += 1.0f / (float)n;
}

/* Entries of the lexicon: keys and their tag sets (as the model's one
 * float column, which holds them exactly). */
typedef struct entries {
	uint64_t *keys;
	float *sets;
	size_t n, cap_keys, cap_sets;
} entries;

static int add_entry(entries *e, uint64_t key, uint32_t set)
{
	if (dm_reserve(&e->keys, &e->cap_keys, e->n, sizeof *e->keys) ||
	    dm_reserve(&e->sets, &e->cap_sets, e->n, sizeof *e->sets))
		return -1;
	e->keys[e->n] = key;
	e->sets[e->n++] = (float)set;
	return 0;
}

/* The suffix entry for KEY among the first N_SUF entries (sorted), or 0. */
static uint32_t suffix_set(const entries *e, size_t n_suf, uint64_t key)
{
	size_t lo = 0, hi = n_suf;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (e->keys[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n_suf && e->keys[lo] == key ? (uint32_t)e->sets[lo] : 0;
}

static int train_tags(const dm_train_config *cfg, article *arts, size_t n_arts, FILE *log, char *err)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/corenlp.conllu.gz", cfg->corpus);
	silver sv = {arts, n_arts, 0, NULL, 0, 0};
	entries e = {0};
	int rc = -1;
	FILE *probe = fopen(path, "rb");
	int have_silver = probe != NULL;
	if (probe)
		fclose(probe);
	else
		fprintf(log, "%s: not found; the tag lexicon will be empty\n", path);
	if (have_silver && dm_silver_read(path, on_silver, &sv, err))
		goto done;
	/* Rare words' uses, by suffix, make the suffix entries. */
	if (sv.n)
		qsort(sv.uses, sv.n, sizeof *sv.uses, dm_cmp_u64);
	size_t n_rare = 0;
	for (size_t i = 0, j; i < sv.n; i = j) {
		for (j = i; j < sv.n && sv.uses[j].key == sv.uses[i].key; j++)
			;
		if (j - i < TAG_WORD_MIN)
			for (size_t k = i; k < j; k++)
				sv.uses[n_rare++] = (tag_use){sv.uses[k].suffix, 0, sv.uses[k].tag};
	}
	if (n_rare)
		qsort(sv.uses, n_rare, sizeof *sv.uses, dm_cmp_u64);
	float p[TAG_CLASSES];
	for (size_t i = 0, j; i < n_rare; i = j) {
		for (j = i; j < n_rare && sv.uses[j].key == sv.uses[i].key; j++)
			;
		shares(sv.uses + i, j - i, p);
		if (j - i >= TAG_SUFFIX_MIN && add_entry(&e, sv.uses[i].key, dm_tag_set(p)))
			goto nomem;
	}
	size_t n_suf = e.n;
	/* Uses again, by word: the silver file is read a second time rather
	 * than the first pass keeping a copy. */
	sv.n = 0;
	sv.cur = 0;
	if (have_silver && dm_silver_read(path, on_silver, &sv, err))
		goto done;
	if (sv.n)
		qsort(sv.uses, sv.n, sizeof *sv.uses, dm_cmp_u64);
	for (size_t i = 0, j; i < sv.n; i = j) {
		for (j = i; j < sv.n && sv.uses[j].key == sv.uses[i].key; j++)
			;
		if (j - i < TAG_WORD_MIN)
			continue;
		shares(sv.uses + i, j - i, p);
		dm_tokinfo ti = {.word = sv.uses[i].key};
		uint32_t set = dm_tag_set(p);
		if (set != suffix_set(&e, n_suf, sv.uses[i].suffix) && add_entry(&e, dm_tag_key_word(&ti), set))
			goto nomem;
	}
	static const float zero[1];
	static const char *const column[1] = {"tagset"};
	snprintf(path, sizeof path, "%s/tags.dmm", cfg->out_dir);
	FILE *out = fopen(path, "wb");
	if (!out || dm_model_write(out, column, 1, zero, e.keys, e.sets, e.n, NULL, 0) || fclose(out)) {
		snprintf(err, 256, "%.200s: cannot write", path);
		goto done;
	}
	fprintf(log, "%s: %zu tagged tokens, %zu suffixes and %zu words kept\n", path, sv.n, n_suf, e.n - n_suf);
	rc = 0;
	goto done;
nomem:
	snprintf(err, 256, "out of memory");
done:
	free(sv.uses);
	free(e.keys);
	free(e.sets);
	return rc;
}

/* Tag the articles with the lexicon just written, as extraction will. */
static int load_tags(const dm_train_config *cfg, article *arts, size_t n_arts, char *err)
{
	char path[4096], *data;
	size_t len;
	snprintf(path, sizeof path, "%s/tags.dmm", cfg->out_dir);
	if (dm_read_file(path, (size_t)1 << 30, &data, &len, err, 256) != DM_OK)
		return -1;
	dm_model *tags = dm_model_read(data, len, err);
	free(data);
	if (!tags)
		return -1;
	for (size_t i = 0; i < n_arts; i++)
		dm_tokinfo_tag(&arts[i].t, arts[i].ti, tags);
	dm_model_free(tags);
	return 0;
}

static int write_model(dm_trainer *tr, const dm_train_opts *o, const char *dir, const char *file, FILE *log, char *err)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	FILE *out = fopen(path, "wb");
	if (!out) {
		snprintf(err, 256, "%.200s: cannot write", path);
		return -1;
	}
	clock_t c0 = clock();
	long kept = dm_trainer_write(tr, o, out, err);
	if (fclose(out) || kept < 0) {
		if (kept >= 0)
			snprintf(err, 256, "%.200s: cannot write", path);
		remove(path);
		return -1;
	}
	fprintf(log, "%s: %zu instances, %ld features kept, %.1f s\n", path, dm_trainer_size(tr), kept,
	        (double)(clock() - c0) / CLOCKS_PER_SEC);
	return 0;
}

int dm_train_attribution(const dm_train_config *cfg, FILE *log, char *err)
{
	dm_corpus corpus;
	if (dm_corpus_open(&corpus, cfg->corpus)) {
		snprintf(err, 256, "%s: no text/*.txt and attributions/*.ann here", cfg->corpus);
		return -1;
	}
	int rc = -1;
	dm_trainer *cue = dm_trainer_new(dm_cue_classes, CUE_CLASSES);
	dm_trainer *span = dm_trainer_new(dm_span_classes, SPAN_CLASSES);
	article *arts = calloc(corpus.n ? corpus.n : 1, sizeof *arts);
	uint8_t *lab = NULL; /* labels of one article's tokens */
	size_t n_arts = 0, max_toks = 0;
	uint64_t *vocab = NULL;
	size_t n_vocab = 0;
	if (!cue || !span || !arts) {
		snprintf(err, 256, "out of memory");
		goto done;
	}
	/* Two passes: the cue vocabulary decides which tokens are instances. */
	for (size_t i = 0; i < corpus.n; i++) {
		if (dm_corpus_held_out(i, cfg->holdout))
			continue;
		if (article_read(&arts[n_arts], &corpus.items[i], log) == 0) {
			size_t n = arts[n_arts].t.n_toks + 1;
			max_toks = n > max_toks ? n : max_toks;
			n_arts++;
		} else {
			article_free(&arts[n_arts]);
		}
	}
	if (train_tags(cfg, arts, n_arts, log, err) || load_tags(cfg, arts, n_arts, err))
		goto done;
	if (!(lab = malloc(max_toks))) {
		snprintf(err, 256, "out of memory");
		goto done;
	}
	if (cue_vocab(cue, arts, n_arts, lab, &vocab, &n_vocab)) {
		snprintf(err, 256, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < n_arts; i++)
		if (add_cues(cue, &arts[i], lab, vocab, n_vocab) || add_spans(span, &arts[i], lab)) {
			snprintf(err, 256, "out of memory");
			goto done;
		}
	fprintf(log, "%zu articles of %zu used for training; %zu words can begin a cue\n", n_arts, corpus.n, n_vocab);
	if (write_model(cue, &cfg->cue, cfg->out_dir, "cue.dmm", log, err) ||
	    write_model(span, &cfg->span, cfg->out_dir, "span.dmm", log, err))
		goto done;
	rc = 0;
done:
	for (size_t i = 0; i < n_arts; i++)
		article_free(&arts[i]);
	free(arts);
	free(lab);
	free(vocab);
	dm_trainer_free(cue);
	dm_trainer_free(span);
	dm_corpus_free(&corpus);
	return rc;
}

int dm_train(const dm_train_settings *s, FILE *log, char *err, size_t errlen)
{
	/* costs and regularisation chosen on held-out train articles
	 * (docs/BENCHMARKS.md) */
	dm_train_config cfg = {.corpus = s->corpus,
	                       .out_dir = s->out_dir ? s->out_dir : "models",
	                       .holdout = s->holdout,
	                       .cue = {.min_count = 2, .c = s->cue_c > 0 ? s->cue_c : 0.3, .l1 = 1},
	                       .span = {.min_count = 2, .c = s->span_c > 0 ? s->span_c : 0.3, .l1 = 1}};
	char msg[256] = "";
	int rc = dm_train_attribution(&cfg, log, msg);
	if (rc)
		snprintf(err, errlen, "%s", msg);
	return rc;
}
