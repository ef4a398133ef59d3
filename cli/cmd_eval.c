#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "cli.h"
#include "dictum_tools.h"

static const char help[] = "usage: dictum eval --gold DIR [--pred DIR | --models DIR] [--holdout N]\n"
                           "       dictum eval --pages DIR [--meta GOLD.json] [--verbose]\n"
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
                           "--verbose, each page's F1, worst first).  With --meta GOLD.json (the\n"
                           "pages' metadata marked by hand: tests/data/pages-meta.json), also how\n"
                           "many pages have their title, authors and outlet right, and the dates\n"
                           "given, right, wrong (invented where the gold has none) and missed;\n"
                           "--verbose then lists each page's fields, gold against extracted.\n\n"
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
	static const struct option opts[] = {
	    {"gold", required_argument, 0, 'g'},       {"pred", required_argument, 0, 'p'},
	    {"holdout", required_argument, 0, 'h'},    {"models", required_argument, 0, 'm'},
	    {"pages", required_argument, 0, 'P'},      {"meta", required_argument, 0, 'M'},
	    {"statements", required_argument, 0, 'S'}, {"speakers", required_argument, 0, 'K'},
	    {"verbose", no_argument, 0, 'v'},          {0, 0, 0, 0}};
	const char *gold = NULL, *pred = NULL, *models = NULL, *pages = NULL, *statements = NULL, *speakers = NULL,
	           *meta = NULL;
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
		else if (o == 'M')
			meta = optarg;
		else if (o == 'v')
			verbose = 1;
		else if (o == 'h' && (holdout = atoi(optarg)) > 0)
			continue;
		else {
			cli_usage_error("eval", "bad option");
			return EXIT_USAGE;
		}
	}
	if (meta && !pages) {
		cli_usage_error("eval", "--meta GOLD.json goes with --pages DIR");
		return EXIT_USAGE;
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
		dm_models *loaded = NULL;
		if (models && !(loaded = cli_load_models("eval", models)))
			return EXIT_USAGE;
		int rc = statements ? dm_eval_statements(statements, dir, loaded, verbose, stdout, stderr)
		                    : dm_eval_speakers(speakers, dir, loaded, verbose, stdout, stderr);
		dm_models_free(loaded);
		return rc;
	}
	if (pages && !gold && !pred && !models && !holdout && optind == argc)
		return dm_eval_pages(pages, meta, verbose, stdout, stderr);
	if (!gold || pages || optind != argc) {
		cli_usage_error("eval",
		                "give --gold DIR, --pages DIR, --statements GOLD.json PAGES_DIR or --speakers FILE");
		return EXIT_USAGE;
	}
	dm_models *loaded = NULL;
	if (models && !(loaded = cli_load_models("eval", models)))
		return EXIT_USAGE;
	int rc = dm_eval_attributions(gold, pred, loaded, holdout, stdout, stderr);
	dm_models_free(loaded);
	return rc;
}
