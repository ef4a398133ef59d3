#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "cli.h"
#include "eval/eval.h"
#include "export/export.h"
#include "ingest/ingest.h"

static const char help[] = "usage: dictum eval --gold DIR [--pred DIR | --models DIR] [--holdout N]\n\n"
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
                           "--holdout N' left out (every Nth) are scored.\n";

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
	                                     {0, 0, 0, 0}};
	const char *gold = NULL, *pred = NULL, *models = NULL;
	int o, holdout = 0;
	optind = 1;
	while ((o = getopt_long(argc, argv, "g:p:", opts, NULL)) != -1) {
		if (o == 'g')
			gold = optarg;
		else if (o == 'p')
			pred = optarg;
		else if (o == 'm')
			models = optarg;
		else if (o == 'h' && (holdout = atoi(optarg)) > 0)
			continue;
		else {
			cli_usage_error("eval", "bad option");
			return EXIT_USAGE;
		}
	}
	if (!gold || optind != argc) {
		cli_usage_error("eval", "give --gold DIR and nothing else");
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
