#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "cli.h"
#include "eval/eval.h"
#include "export/export.h"
#include "ingest/ingest.h"

static const char help[] = "usage: dictum eval --gold DIR [--pred DIR | --models DIR] [--holdout N]\n"
                           "       dictum eval --pages DIR [--verbose]\n\n"
                           "Score attributions against gold brat annotation laid out as PolNeAR is:\n"
                           "DIR/text/NAME.txt and DIR/attributions/NAME_ANNOTATOR.ann (where an article\n"
                           "has several annotators' files, the first in name order is the gold).\n"
                           "Predictions are DIR/NAME.ann from 'dictum extract --format brat' with\n"
                           "--pred, or else made now by extracting each text, with the models in\n"
                           "--models DIR instead of the built-in ones if given.\n\n"
                           "Prints precision, recall and F1 of Cue, Source, Content and whole\n"
                           "attributions, exact (same span once white space and punctuation are\n"
                           "trimmed from the ends) and by overlap (a shared character), matched one\n"
                           "to one; and content recall split into contents with and without\n"
                           "quotation marks.  With --holdout N, only the articles 'dictum train\n"
                           "--holdout N' left out (every Nth) are scored.\n\n"
                           "With --pages, score article extraction from web pages laid out as the\n"
                           "article-extraction benchmark is: DIR/ground-truth.json maps each page's\n"
                           "HASH to its articleBody, the page is DIR/html/HASH.html.gz.  Prints the\n"
                           "benchmark's precision, recall and F1 over word 4-grams (and, with\n"
                           "--verbose, each page's F1, worst first).\n";

static int read_all(const char *path, char **buf, size_t *len)
{
	char err[256];
	if (dm_read_file(path, (size_t)1 << 30, buf, len, err, sizeof err) == DM_OK)
		return 0;
	fprintf(stderr, "dictum eval: %s: %s\n", path, err);
	return -1;
}

static int parse(const char *path, const char *buf, size_t len, dm_ev_doc *doc)
{
	size_t line = 0;
	if (dm_ev_parse(buf, len, doc, &line) == 0)
		return 0;
	fprintf(stderr, "dictum eval: %s:%zu: malformed brat line\n", path, line);
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

static int eval_pages(const char *dir, int verbose)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/ground-truth.json", dir);
	json_error_t jerr;
	json_t *gt = json_load_file(path, 0, &jerr);
	if (!json_is_object(gt)) {
		fprintf(stderr, "dictum eval: %s: %s\n", path, gt ? "not a JSON object" : jerr.text);
		json_decref(gt);
		return EXIT_USAGE;
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
		char err[256];
		dm_status st = dm_extract_file(path, NULL, &d, err, sizeof err, NULL);
		if (st != DM_OK && st != DM_ERR_EMPTY) {
			fprintf(stderr, "dictum eval: %s: %s\n", path, err);
			failed++;
		}
		double f1 = dm_pages_score(&acc, d ? d->text : "", d ? d->text_len : 0, body, strlen(body));
		if (list)
			list[n++] = (page_f1){f1, hash};
		dm_document_free(d);
	}
	dm_pages_report(&acc, stdout);
	if (verbose && list) {
		qsort(list, n, sizeof *list, by_f1);
		for (size_t i = 0; i < n; i++)
			printf("%.3f %s\n", list[i].f1, list[i].hash);
	}
	free(list);
	json_decref(gt);
	return failed ? EXIT_INPUT : EXIT_OK;
}

int cmd_eval(int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return EXIT_OK;
	}
	static const struct option opts[] = {{"gold", required_argument, 0, 'g'},
	                                     {"pred", required_argument, 0, 'p'},
	                                     {"holdout", required_argument, 0, 'h'},
	                                     {"models", required_argument, 0, 'm'},
	                                     {"pages", required_argument, 0, 'P'},
	                                     {"verbose", no_argument, 0, 'v'},
	                                     {0, 0, 0, 0}};
	const char *gold = NULL, *pred = NULL, *models = NULL, *pages = NULL;
	int o, holdout = 0, verbose = 0;
	optind = 1;
	while ((o = getopt_long(argc, argv, "g:p:", opts, NULL)) != -1) {
		if (o == 'g')
			gold = optarg;
		else if (o == 'p')
			pred = optarg;
		else if (o == 'm')
			models = optarg;
		else if (o == 'P')
			pages = optarg;
		else if (o == 'v')
			verbose = 1;
		else if (o == 'h' && (holdout = atoi(optarg)) > 0)
			continue;
		else {
			cli_usage_error("eval", "bad option");
			return EXIT_USAGE;
		}
	}
	if (pages && !gold && !pred && !models && !holdout && optind == argc)
		return eval_pages(pages, verbose);
	if (!gold || pages || optind != argc) {
		cli_usage_error("eval", "give --gold DIR or --pages DIR and nothing else");
		return EXIT_USAGE;
	}
	dm_options opt = {0};
	dm_models *loaded = NULL;
	if (models && !(opt.models = loaded = cli_load_models("eval", models)))
		return EXIT_USAGE;
	dm_corpus corpus;
	if (dm_corpus_open(&corpus, gold)) {
		dm_models_free(loaded);
		fprintf(stderr, "dictum eval: %s: no text/*.txt and attributions/*.ann here\n", gold);
		return EXIT_USAGE;
	}
	dm_eval ev = {0};
	int failed = 0;
	for (size_t i = 0; i < corpus.n; i++) {
		const dm_corpus_item *it = &corpus.items[i];
		if (holdout && !dm_corpus_held_out(i, holdout))
			continue;
		char *text, *gbuf, *pbuf = NULL;
		size_t tlen, glen, plen = 0;
		if (read_all(it->text, &text, &tlen)) {
			failed++;
			continue;
		}
		if (read_all(it->ann, &gbuf, &glen)) {
			free(text);
			failed++;
			continue;
		}
		char ppath[4096];
		if (pred) {
			snprintf(ppath, sizeof ppath, "%s/%s.ann", pred, it->name);
			if (read_all(ppath, &pbuf, &plen))
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
				fprintf(stderr, "dictum eval: %s: %s\n", it->text, err);
				failed++;
			}
		}
		dm_ev_doc g, p;
		if (pbuf && !parse(it->ann, gbuf, glen, &g)) {
			if (!parse(ppath, pbuf, plen, &p)) {
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
	dm_ev_report(&ev, stdout);
	dm_corpus_free(&corpus);
	dm_models_free(loaded);
	return failed ? EXIT_INPUT : EXIT_OK;
}
