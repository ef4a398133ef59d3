/*
 * What 'dictum eval' runs (dictum_tools.h): each measure reads its gold,
 * extracts what it scores as 'dictum extract' would, and reports.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dictum_tools.h"
#include "eval.h"
#include "said.h"
#include "util/vec.h"

enum { SCORED = 0, SOME_FAILED = 1, CANNOT = 2 };

static int read_all(const char *path, char **buf, size_t *len, FILE *errs)
{
	char err[256];
	if (dm_read_file(path, (size_t)1 << 30, buf, len, err, sizeof err) == DM_OK)
		return 0;
	fprintf(errs, "%s: %s\n", path, err);
	return -1;
}

static int parse(const char *path, const char *buf, size_t len, dm_ev_doc *doc, FILE *errs)
{
	size_t line = 0;
	if (dm_ev_parse(buf, len, doc, &line) == 0)
		return 0;
	fprintf(errs, "%s:%zu: malformed brat line\n", path, line);
	return -1;
}

typedef struct page_f1 {
	double f1;
	const char *hash;
} page_f1;

static int by_f1(const void *a, const void *b)
{
	const page_f1 *x = a, *y = b;
	return (x->f1 > y->f1) - (x->f1 < y->f1);
}

int dm_eval_pages(const char *dir, const char *meta_gold, int verbose, FILE *out, FILE *errs)
{
	char path[4096], err[256];
	dm_meta meta;
	if (meta_gold && dm_meta_load(&meta, meta_gold, err, sizeof err)) {
		fprintf(errs, "%s: %s\n", meta_gold, err);
		return CANNOT;
	}
	snprintf(path, sizeof path, "%s/ground-truth.json", dir);
	json_error_t jerr;
	json_t *gt = json_load_file(path, 0, &jerr);
	if (!json_is_object(gt)) {
		fprintf(errs, "%s: %s\n", path, gt ? "not a JSON object" : jerr.text);
		json_decref(gt);
		if (meta_gold)
			dm_meta_free(&meta);
		return CANNOT;
	}
	dm_pages acc = {0};
	page_f1 *list = calloc(json_object_size(gt) + 1, sizeof *list);
	size_t n = 0;
	int failed = 0;
	const char *hash;
	json_t *v;
	json_object_foreach(gt, hash, v)
	{
		const char *body = json_string_value(json_object_get(v, "articleBody"));
		if (!body)
			continue;
		snprintf(path, sizeof path, "%s/html/%s.html.gz", dir, hash);
		dm_document *d = NULL;
		dm_status st = dm_extract_file(path, NULL, &d, err, sizeof err, NULL);
		if (st != DM_OK && st != DM_ERR_EMPTY) {
			fprintf(errs, "%s: %s\n", path, err);
			failed++;
		}
		double f1 = dm_pages_score(&acc, d ? d->text : "", d ? d->text_len : 0, body, strlen(body));
		if (list)
			list[n++] = (page_f1){f1, hash};
		if (meta_gold) {
			/* the gold's ranges are in the page as read, gunzipped */
			char *raw = NULL;
			size_t len = 0;
			int rc = 0;
			if (dm_read_file(path, (size_t)1 << 30, &raw, &len, err, sizeof err) == DM_OK)
				rc = dm_meta_score(&meta, hash, d, raw, len,
				                   json_string_value(json_object_get(v, "url")), verbose, err,
				                   sizeof err);
			else
				rc = -1;
			if (rc == 1)
				fprintf(errs, "%s: no metadata for page %s\n", meta_gold, hash);
			else if (rc && raw)
				fprintf(errs, "%s: page %s: %s\n", meta_gold, hash, err);
			else if (rc)
				fprintf(errs, "%s: %s\n", path, err);
			failed += rc != 0;
			free(raw);
		}
		dm_document_free(d);
	}
	dm_pages_report(&acc, out);
	if (meta_gold) {
		json_t *p;
		json_object_foreach(meta.pages, hash, p)
		{
			if (!json_object_get(gt, hash)) {
				fprintf(errs, "%s: page %s is not in %s/ground-truth.json\n", meta_gold, hash, dir);
				failed++;
			}
		}
		dm_meta_report(&meta, out);
	}
	if (verbose && list) {
		qsort(list, n, sizeof *list, by_f1);
		if (meta_gold)
			fprintf(out, "\n");
		for (size_t i = 0; i < n; i++)
			fprintf(out, "%.3f %s\n", list[i].f1, list[i].hash);
	}
	if (verbose && meta_gold && meta.verbose.len)
		fprintf(out, "\n%s", meta.verbose.data);
	if (meta_gold)
		dm_meta_free(&meta);
	free(list);
	json_decref(gt);
	return failed ? SOME_FAILED : SCORED;
}

/* ---- who said what: --statements and --speakers (eval/said.h) ---- */

/* What one input file's extraction gave, as `dictum extract` reads it: each
 * document of the file (a container holds several), kept until scored. */
typedef struct extracted {
	dm_said_preds preds;
	dm_document **docs;
	size_t n, cap;
	int failed, nomem;
	FILE *errs;
} extracted;

static void on_document(dm_document *d, void *ctx)
{
	extracted *x = ctx;
	if (dm_reserve(&x->docs, &x->cap, x->n, sizeof *x->docs) || dm_said_preds_add(&x->preds, d)) {
		x->nomem = 1;
		dm_document_free(d);
		return;
	}
	x->docs[x->n++] = d;
}

/* Repairs (warnings) change nothing scored; failures leave the page with
 * no statements, as a page missing from the scorer's input. */
static void on_problem(const char *source, const char *what, int warning, void *ctx)
{
	extracted *x = ctx;
	if (warning)
		return;
	fprintf(x->errs, "%s: %s\n", source, what);
	x->failed = 1;
}

static void extracted_free(extracted *x)
{
	for (size_t i = 0; i < x->n; i++)
		dm_document_free(x->docs[i]);
	free(x->docs);
	dm_said_preds_free(&x->preds);
	memset(x, 0, sizeof *x);
}

/* The file of page HASH in DIR: the benchmark's html/HASH.html.gz, or
 * HASH.html.gz or HASH.html in DIR itself.  0, or -1 when none exists. */
static int page_file(const char *dir, const char *hash, char *path, size_t cap)
{
	static const char *const forms[] = {"%s/html/%s.html.gz", "%s/%s.html.gz", "%s/%s.html"};
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
		snprintf(path, cap, forms[i], dir, hash);
		if (access(path, F_OK) == 0)
			return 0;
	}
	return -1;
}

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int eval_said(dm_said_by by, const char *gold_path, const char *dir, const dm_models *models, int verbose,
                     FILE *out, FILE *errs)
{
	dm_options opt = {.models = models};
	char *buf, err[256];
	size_t len;
	if (read_all(gold_path, &buf, &len, errs))
		return CANNOT;
	dm_said_set set;
	int bad = by == DM_SAID_BY_WORDS ? dm_said_load_statements(&set, buf, len, err, sizeof err)
	                                 : dm_said_load_speakers(&set, buf, len, err, sizeof err);
	free(buf);
	if (bad) {
		fprintf(errs, "%s: %s\n", gold_path, err);
		return CANNOT;
	}
	if (!is_dir(dir)) {
		fprintf(errs, "%s: not a folder\n", dir);
		dm_said_set_free(&set);
		return CANNOT;
	}
	dm_said sc = {.by = by};
	int failed = 0, nomem = 0;
	for (size_t i = 0; i < set.n_pages && !nomem; i++) {
		const dm_said_page *pg = &set.pages[i];
		char path[4096];
		extracted x = {.errs = errs};
		if (by == DM_SAID_BY_POINTS) {
			snprintf(path, sizeof path, "%s/%s.txt", dir, pg->name);
		} else if (page_file(dir, pg->name, path, sizeof path)) {
			fprintf(errs, "%s: page %s: not found (as html/HASH.html.gz, HASH.html.gz or HASH.html)\n", dir,
			        pg->name);
			failed++;
			*path = 0;
		}
		if (*path) {
			dm_sink sink = {on_document, on_problem, &x, NULL};
			dm_extract_each(path, &opt, &sink, NULL);
			failed += x.failed;
		}
		nomem = x.nomem || dm_said_score(&sc, pg->name, pg->gold, pg->n_gold, x.preds.v, x.preds.n);
		extracted_free(&x);
	}
	if (nomem)
		fprintf(errs, "out of memory scoring %s\n", gold_path);
	else
		dm_said_report(&sc, out, verbose);
	dm_said_free(&sc);
	dm_said_set_free(&set);
	return nomem ? CANNOT : failed ? SOME_FAILED : SCORED;
}

int dm_eval_statements(const char *gold, const char *pages, const dm_models *models, int verbose, FILE *out, FILE *errs)
{
	return eval_said(DM_SAID_BY_WORDS, gold, pages, models, verbose, out, errs);
}

int dm_eval_speakers(const char *gold, const char *texts, const dm_models *models, int verbose, FILE *out, FILE *errs)
{
	return eval_said(DM_SAID_BY_POINTS, gold, texts, models, verbose, out, errs);
}

int dm_eval_attributions(const char *gold, const char *pred, const dm_models *models, int holdout, FILE *out,
                         FILE *errs)
{
	/* PolNeAR's attributions: also what polls show and topics talked about */
	dm_options opt = {.models = models, .attributions = 1};
	dm_corpus corpus;
	if (dm_corpus_open(&corpus, gold)) {
		fprintf(errs, "%s: no text/*.txt and attributions/*.ann here\n", gold);
		return CANNOT;
	}
	dm_eval ev = {0};
	int failed = 0;
	for (size_t i = 0; i < corpus.n; i++) {
		const dm_corpus_item *it = &corpus.items[i];
		if (holdout && !dm_corpus_held_out(i, holdout))
			continue;
		char *text, *gbuf, *pbuf = NULL;
		size_t tlen, glen, plen = 0;
		if (read_all(it->text, &text, &tlen, errs)) {
			failed++;
			continue;
		}
		if (read_all(it->ann, &gbuf, &glen, errs)) {
			free(text);
			failed++;
			continue;
		}
		char ppath[4096];
		if (pred) {
			snprintf(ppath, sizeof ppath, "%s/%s.ann", pred, it->name);
			if (read_all(ppath, &pbuf, &plen, errs))
				failed++;
		} else {
			dm_document *d;
			char err[256];
			snprintf(ppath, sizeof ppath, "%s", it->text);
			if (dm_extract_bytes(it->text, text, tlen, &opt, &d, err, sizeof err, NULL) == DM_OK) {
				dm_buf b = {0};
				dm_export_brat(d, &b);
				plen = b.len;
				pbuf = dm_buf_detach(&b);
				dm_document_free(d);
			} else {
				fprintf(errs, "%s: %s\n", it->text, err);
				failed++;
			}
		}
		dm_ev_doc g, p;
		if (pbuf && !parse(it->ann, gbuf, glen, &g, errs)) {
			if (!parse(ppath, pbuf, plen, &p, errs)) {
				dm_ev_score(&ev, text, tlen, &g, &p);
				dm_ev_doc_free(&p);
			} else {
				failed++;
			}
			dm_ev_doc_free(&g);
		}
		free(text);
		free(gbuf);
		free(pbuf);
	}
	dm_ev_report(&ev, out);
	dm_corpus_free(&corpus);
	return failed ? SOME_FAILED : SCORED;
}
