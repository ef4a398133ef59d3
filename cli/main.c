#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dictum.h"

static const struct {
	const char *name;
	int (*run)(int, char **);
	const char *summary;
} commands[] = {
    {"extract", cmd_extract, "print the statements of files as JSON lines or brat, no database"},
    {"ingest", cmd_ingest, "extract files into the database"},
    {"merge", cmd_merge, "add archives written apart (a cluster's shards) to one"},
    {"quotes", cmd_quotes, "list stored statements, filtered by speaker, date, outlet"},
    {"search", cmd_search, "full-text search over statements (BM25, highlighted)"},
    {"speakers", cmd_speakers, "who is quoted, how often, when"},
    {"echoes", cmd_echoes, "statements said again elsewhere: clusters with dates, speakers, outlets"},
    {"link", cmd_link, "link speakers and find echoes again (ingest does it)"},
    {"check", cmd_check, "is the archive whole? (file, references, full-text index, places)"},
    {"alias", cmd_alias, "correct speaker linking: add a form to a person, or keep it apart"},
    {"timeline", cmd_timeline, "one speaker's statements in date order, with a chart per month"},
    {"show", cmd_show, "a stored document with its statements marked"},
    {"export", cmd_export, "all statements as JSON lines or CSV"},
    {"serve", cmd_serve, "the archive in a browser, and a JSON API"},
    {"eval", cmd_eval, "score attributions against gold brat annotation (PolNeAR layout)"},
    {"train", cmd_train, "train the attribution models on gold brat annotation"},
};

static void usage(FILE *f)
{
	fprintf(f,
	        "dictum %s: who said what, when, where, in news text\n\n"
	        "usage: dictum COMMAND [OPTIONS] [ARGS]\n\ncommands:\n",
	        DICTUM_VERSION);
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n'dictum COMMAND --help' tells more.\n"
	           "exit status: 0 success, 1 some input failed, 2 usage error or fatal error\n");
}

int cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			return 0;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
	}
	return 0;
}

const char *cli_db_path(const char *given)
{
	if (given)
		return given;
	const char *env = getenv("DICTUM_DB");
	return env && *env ? env : "dictum.db";
}

void cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "dictum %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(see 'dictum %s --help')\n", cmd);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("dictum %s\n", DICTUM_VERSION);
		return EXIT_OK;
	}
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "dictum: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
