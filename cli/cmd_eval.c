#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "cli.h"
#include "eval/eval.h"
#include "eval/said.h"
#include "export/export.h"
#include "ingest/ingest.h"
#include "util/vec.h"

static const char help[] = "usage: dictum eval --gold DIR [--pred DIR | --models DIR] [--holdout N]\n"
                           "       dictum eval --pages DIR [--verbose]\n"
                           "       dictum eval --statements GOLD.json PAGES_DIR [--models DIR] [--verbose]\n"
                           "       dictum eval --speakers FILE [TEXT_DIR] [--models DIR] [--verbose]\n\n"
                           "Score attributions against gold brat annotation laid out as PolNeAR is:\n"
                           "DIR/text/NAME.txt and DIR/attributions/NAME_ANNOTATOR.ann (where an article\n"
                           "has several annotators' files, the first in name order is the gold).\n"
                           "Predictions are DIR/NAME.ann from 'dictum extract --format brat\n"
                           "--attributions' with --pred, or else made now by extracting each text\n"
                           "the same way (every attribution PolNeAR's scheme counts, not only\n"
                           "statements), with the models in --models DIR instead of the built-in\n"
                           "ones if given.\n\n"
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
                           "--verbose, each page's F1, worst first).\n\n"
                           "With --statements, score who said what on web pages against GOLD.json\n"
                           "(../shared/realnews/dev-gold.json: each page's statements, speakers\n"
                           "resolved by hand), extracting each page HASH of it from PAGES_DIR/html/\n"
                           "HASH.html.gz, PAGES_DIR/HASH.html.gz or PAGES_DIR/HASH.html, exactly as\n"
                           "realnews_score.py scores 'dictum extract --format jsonl' output.  With\n"
                           "--speakers, score the speakers of PolNeAR attributions resolved by hand\n"
                           "(../shared/polnear/speakers/dev-speakers.json), extracting TEXT_DIR/NAME.txt\n"
                           "(default: FILE's folder/../dev/text), as polnear_speaker_score.py does.\n"
                           "Both print found, right speaker, precision (--statements only) and wrongly\n"
                           "named, then a line 'SUMMARY found=.. right_speaker=.. ..' as the scorer's;\n"
                           "--verbose lists the errors by kind before it.\n";

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

/* ---- who said what: --statements and --speakers (eval/said.h) ---- */

/* What one input file's extraction gave, as `dictum extract` reads it: each
 * document of the file (a container holds several), kept until scored. */
typedef struct extracted {
	dm_said_preds preds;
	dm_document **docs;
	size_t n, cap;
	int failed, nomem;
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
	fprintf(stderr, "dictum eval: %s: %s\n", source, what);
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

static int eval_said(dm_said_by by, const char *gold_path, const char *dir, const dm_options *opt, int verbose)
{
	char *buf, err[256];
	size_t len;
	if (read_all(gold_path, &buf, &len))
		return EXIT_USAGE;
	dm_said_set set;
	int bad = by == DM_SAID_BY_WORDS ? dm_said_load_statements(&set, buf, len, err, sizeof err)
	                                 : dm_said_load_speakers(&set, buf, len, err, sizeof err);
	free(buf);
	if (bad) {
		fprintf(stderr, "dictum eval: %s: %s\n", gold_path, err);
		return EXIT_USAGE;
	}
	if (!is_dir(dir)) {
		fprintf(stderr, "dictum eval: %s: not a folder\n", dir);
		dm_said_set_free(&set);
		return EXIT_USAGE;
	}
	dm_said sc = {.by = by};
	int failed = 0, nomem = 0;
	for (size_t i = 0; i < set.n_pages && !nomem; i++) {
		const dm_said_page *pg = &set.pages[i];
		char path[4096];
		extracted x = {0};
		if (by == DM_SAID_BY_POINTS) {
			snprintf(path, sizeof path, "%s/%s.txt", dir, pg->name);
		} else if (page_file(dir, pg->name, path, sizeof path)) {
			fprintf(
			    stderr,
			    "dictum eval: %s: page %s: not found (as html/HASH.html.gz, HASH.html.gz or HASH.html)\n",
			    dir, pg->name);
			failed++;
			*path = 0;
		}
		if (*path) {
			dm_sink sink = {on_document, on_problem, &x};
			dm_extract_each(path, opt, &sink, NULL);
			failed += x.failed;
		}
		nomem = x.nomem || dm_said_score(&sc, pg->name, pg->gold, pg->n_gold, x.preds.v, x.preds.n);
		extracted_free(&x);
	}
	if (nomem)
		fprintf(stderr, "dictum eval: out of memory scoring %s\n", gold_path);
	else
		dm_said_report(&sc, stdout, verbose);
	dm_said_free(&sc);
	dm_said_set_free(&set);
	return nomem ? EXIT_USAGE : failed ? EXIT_INPUT : EXIT_OK;
}

/* TEXT_DIR's default: FILE's folder/../dev/text, where PolNeAR dev's texts
 * lie beside speakers/. */
static void default_texts(const char *file, char *dir, size_t cap)
{
	const char *slash = strrchr(file, '/');
	if (slash)
		snprintf(dir, cap, "%.*s/../dev/text", (int)(slash - file), file);
	else
		snprintf(dir, cap, "../dev/text");
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
	                                     {"statements", required_argument, 0, 'S'},
	                                     {"speakers", required_argument, 0, 'K'},
	                                     {"verbose", no_argument, 0, 'v'},
	                                     {0, 0, 0, 0}};
	const char *gold = NULL, *pred = NULL, *models = NULL, *pages = NULL, *statements = NULL, *speakers = NULL;
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
		else if (o == 'S')
			statements = optarg;
		else if (o == 'K')
			speakers = optarg;
		else if (o == 'v')
			verbose = 1;
		else if (o == 'h' && (holdout = atoi(optarg)) > 0)
			continue;
		else {
			cli_usage_error("eval", "bad option");
			return EXIT_USAGE;
		}
	}
	if (statements || speakers) {
		int args = argc - optind;
		if (gold || pred || pages || holdout || (statements && speakers) ||
		    (statements ? args != 1 : args > 1)) {
			cli_usage_error("eval", "give --statements GOLD.json PAGES_DIR or --speakers FILE [TEXT_DIR], "
			                        "with --models DIR and --verbose only");
			return EXIT_USAGE;
		}
		char texts[4096];
		const char *dir = args ? argv[optind] : texts;
		if (!args)
			default_texts(speakers, texts, sizeof texts);
		dm_options opt = {0};
		dm_models *loaded = NULL;
		if (models && !(opt.models = loaded = cli_load_models("eval", models)))
			return EXIT_USAGE;
		int rc = statements ? eval_said(DM_SAID_BY_WORDS, statements, dir, &opt, verbose)
		                    : eval_said(DM_SAID_BY_POINTS, speakers, dir, &opt, verbose);
		dm_models_free(loaded);
		return rc;
	}
	if (pages && !gold && !pred && !models && !holdout && optind == argc)
		return eval_pages(pages, verbose);
	if (!gold || pages || optind != argc) {
		cli_usage_error("eval",
		                "give --gold DIR, --pages DIR, --statements GOLD.json PAGES_DIR or --speakers FILE");
		return EXIT_USAGE;
	}
	/* PolNeAR's attributions: also what polls show and topics talked about */
	dm_options opt = {.attributions = 1};
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
