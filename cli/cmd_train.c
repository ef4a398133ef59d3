#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "cli.h"
#include "dictum_tools.h"

static const char help[] = "usage: dictum train --gold DIR [--out DIR] [--holdout N]\n\n"
                           "Train the attribution models on gold brat annotation laid out as PolNeAR is\n"
                           "(DIR/text/NAME.txt, DIR/attributions/NAME_ANNOTATOR.ann) and write\n"
                           "cue.dmm and span.dmm to --out (default: models).  The models in the\n"
                           "repository are made by\n\n"
                           "    dictum train --gold ../shared/polnear/train --out models\n\n"
                           "and built into dictum; 'dictum extract --models DIR' uses others.  With\n"
                           "--holdout N every Nth article is left out, for 'dictum eval --holdout N'.\n";

int cmd_train(int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return EXIT_OK;
	}
	static const struct option opts[] = {
	    {"gold", required_argument, 0, 'g'},    {"out", required_argument, 0, 'o'},
	    {"holdout", required_argument, 0, 'h'}, {"cue-c", required_argument, 0, 'c'},
	    {"span-c", required_argument, 0, 's'},  {0, 0, 0, 0}};
	dm_train_settings cfg = {.out_dir = "models"};
	int o;
	optind = 1;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'g')
			cfg.corpus = optarg;
		else if (o == 'o')
			cfg.out_dir = optarg;
		else if (o == 'h' && (cfg.holdout = atoi(optarg)) > 0)
			continue;
		else if (o == 'c' && (cfg.cue_c = atof(optarg)) > 0)
			continue;
		else if (o == 's' && (cfg.span_c = atof(optarg)) > 0)
			continue;
		else {
			cli_usage_error("train", "bad option");
			return EXIT_USAGE;
		}
	}
	if (!cfg.corpus || optind != argc) {
		cli_usage_error("train", "give --gold DIR");
		return EXIT_USAGE;
	}
	mkdir(cfg.out_dir, 0777);
	char err[256];
	if (dm_train(&cfg, stderr, err, sizeof err)) {
		fprintf(stderr, "dictum train: %s\n", err);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}
