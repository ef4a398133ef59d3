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
#include "eval/eval.h"
#include "ingest/ingest.h"
#include "train.h"
#include "util/utf8.h"

typedef struct article {
	dm_text t;
	dm_arena arena;
	dm_quote *quotes;
	size_t n_quotes;
	dm_tokinfo *ti;
	uint32_t *cp_byte; /* code point -> byte, n_cp + 1 entries */
	size_t n_cp;
	dm_ev_doc gold;
	char *raw, *ann;
} article;

static void article_free(article *a)
{
	dm_text_free(&a->t);
	dm_arena_free(&a->arena);
	free(a->quotes);
	free(a->ti);
	free(a->cp_byte);
	dm_ev_doc_free(&a->gold);
	free(a->raw);
	free(a->ann);
}

static int article_read(article *a, const dm_corpus_item *it, FILE *log)
{
	memset(a, 0, sizeof *a);
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
	if (!a->cp_byte || dm_text_analyse(&a->t, a->raw, len, &a->arena) ||
	    dm_find_quotes(&a->t, &a->quotes, &a->n_quotes) || !(a->ti = dm_tokinfo_new(&a->t))) {
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

static const dm_sent *sentence_of(const dm_text *t, uint32_t tok)
{
	for (size_t s = 0; s < t->n_sents; s++)
		if (tok >= t->sents[s].tok_start && tok < t->sents[s].tok_end)
			return &t->sents[s];
	return NULL;
}

static int add_cues(dm_trainer *tr, const article *a, uint8_t *lab)
{
	memset(lab, CUE_O, a->t.n_toks);
	for (size_t k = 0; k < a->gold.n_attrs; k++)
		if (a->gold.attrs[k].cue >= 0)
			label_span(a, &a->gold.spans[a->gold.attrs[k].cue], lab, CUE_B, CUE_I);
	uint64_t f[DM_MAX_FEATS];
	for (size_t s = 0; s < a->t.n_sents; s++) {
		const dm_sent *st = &a->t.sents[s];
		for (uint32_t i = st->tok_start; i < st->tok_end; i++) {
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
		const dm_sent *st = cue.last > cue.first ? sentence_of(&a->t, cue.first) : NULL;
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
	size_t used = 0;
	for (size_t i = 0; cue && span && i < corpus.n; i++) {
		if (dm_corpus_held_out(i, cfg->holdout))
			continue;
		article a;
		if (article_read(&a, &corpus.items[i], log) == 0) {
			uint8_t *lab = malloc(a.t.n_toks + 1);
			int bad = !lab || add_cues(cue, &a, lab) || add_spans(span, &a, lab);
			free(lab);
			if (bad) {
				article_free(&a);
				snprintf(err, 256, "out of memory at %s", corpus.items[i].name);
				goto done;
			}
			used++;
		}
		article_free(&a);
	}
	if (!cue || !span) {
		snprintf(err, 256, "out of memory");
		goto done;
	}
	fprintf(log, "%zu articles of %zu used for training\n", used, corpus.n);
	if (write_model(cue, &cfg->cue, cfg->out_dir, "cue.dmm", log, err) ||
	    write_model(span, &cfg->span, cfg->out_dir, "span.dmm", log, err))
		goto done;
	rc = 0;
done:
	dm_trainer_free(cue);
	dm_trainer_free(span);
	dm_corpus_free(&corpus);
	return rc;
}
