/*
 * The write side of linking: 'dictum link' rebuilds speakers and echoes,
 * 'dictum alias' records the user's corrections and links again; and
 * 'dictum check', whether the archive is whole.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "dictum_archive.h"

int cli_link(dm_store *s, unsigned what, const char *cmd, int quiet)
{
	char err[512];
	dm_link_stats st;
	if (dm_store_link(s, what, &st, err, sizeof err)) {
		fprintf(stderr, "dictum %s: linking failed: %s\n", cmd, err);
		return -1;
	}
	if (!quiet && (what & DM_LINK_SPEAKERS))
		fprintf(stderr, "dictum %s: linked %zu speaker forms into %zu people and organisations\n", cmd,
		        st.forms, st.people);
	if (!quiet && (what & DM_LINK_ECHOES))
		fprintf(stderr, "dictum %s: %zu echoes of %zu statements; %zu syndicated copies\n", cmd,
		        st.echo_clusters, st.echo_statements, st.syndicated);
	return 0;
}

int cli_link_added(dm_store *s, int aliases_added, const char *cmd, int quiet)
{
	if (!dm_store_linked(s))
		return cli_link(s, DM_LINK_ALL | DM_LINK_NEW, cmd, quiet);
	if (aliases_added) /* a correction changes no echo */
		return cli_link(s, DM_LINK_SPEAKERS, cmd, quiet);
	/* linked already, the search's lists may still be wanting: an
	 * archive of an earlier dictum */
	return dm_store_search_ready(s) ? 0 : cli_link(s, DM_LINK_SEARCH, cmd, quiet);
}

/* --db, --quiet, and for link --only. */
static int options(const char *cmd, int argc, char **argv, const char **db, int *quiet, unsigned *what)
{
	static const struct option opts[] = {{"db", required_argument, 0, 'd'},
	                                     {"quiet", no_argument, 0, 'q'},
	                                     {"only", required_argument, 0, 'o'},
	                                     {0, 0, 0, 0}};
	int o;
	optind = 1;
	while ((o = getopt_long(argc, argv, "d:q", opts, NULL)) != -1) {
		switch (o) {
		case 'd': *db = optarg; break;
		case 'q': *quiet = 1; break;
		case 'o':
			*what = !strcmp(optarg, "speakers") ? DM_LINK_SPEAKERS
			        : !strcmp(optarg, "echoes") ? DM_LINK_ECHOES
			        : !strcmp(optarg, "search") ? DM_LINK_SEARCH
			                                    : 0;
			if (!*what) {
				cli_usage_error(cmd, "--only takes speakers, echoes or search, not '%s'", optarg);
				return -1;
			}
			break;
		default: cli_usage_error(cmd, "bad option"); return -1;
		}
	}
	*db = cli_db_path(*db);
	return 0;
}

static const char link_help[] = "usage: dictum link [--db FILE] [--only speakers|echoes|search] [--quiet]\n\n"
                                "Link the archive again: group the spellings of each speaker's name into\n"
                                "one person (see 'dictum speakers --explain'), apply the aliases, find\n"
                                "echoes and syndicated copies, and make the search's lists of frequent\n"
                                "words anew where they are stale. 'dictum ingest' does this after each\n"
                                "batch unless given --no-link. --only does one of the three.\n";

int cmd_link(int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		fputs(link_help, stdout);
		return EXIT_OK;
	}
	const char *db = NULL;
	int quiet = 0;
	unsigned what = DM_LINK_ALL;
	if (options("link", argc, argv, &db, &quiet, &what))
		return EXIT_USAGE;
	if (optind < argc) {
		cli_usage_error("link", "unexpected argument '%s'", argv[optind]);
		return EXIT_USAGE;
	}
	dm_store *s = cli_open_db("link", db, 0);
	if (!s)
		return EXIT_USAGE;
	int rc = cli_link(s, what, "link", quiet);
	dm_store_close(s);
	return rc ? EXIT_USAGE : EXIT_OK;
}

static const char alias_help[] = "usage: dictum alias [--db FILE] add FORM CANONICAL\n"
                                 "       dictum alias [--db FILE] split FORM\n"
                                 "       dictum alias [--db FILE] remove FORM\n"
                                 "       dictum alias [--db FILE] list\n\n"
                                 "Correct speaker linking. 'add' puts the speaker written FORM with the\n"
                                 "person named CANONICAL (any of that person's forms); 'split' keeps FORM\n"
                                 "a person of its own, merged with nothing; 'remove' forgets the\n"
                                 "correction. Forms are compared ignoring case. Corrections are kept in the\n"
                                 "database apart from documents and survive re-ingest; the archive is\n"
                                 "linked again at once.\n";

static int print_alias(const char *form, const char *canonical, void *p)
{
	(void)p;
	if (canonical)
		printf("%s -> %s\n", form, canonical);
	else
		printf("%s (kept apart)\n", form);
	return 0;
}

int cmd_alias(int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		fputs(alias_help, stdout);
		return EXIT_OK;
	}
	const char *db = NULL;
	int quiet = 0;
	unsigned what = DM_LINK_SPEAKERS; /* a correction changes no echo */
	if (options("alias", argc, argv, &db, &quiet, &what) || what != DM_LINK_SPEAKERS) {
		if (what != DM_LINK_SPEAKERS)
			cli_usage_error("alias", "--only is an option of 'dictum link'");
		return EXIT_USAGE;
	}
	int n = argc - optind;
	char **a = argv + optind;
	const char *verb = n ? a[0] : "";
	int want = !strcmp(verb, "add")                                ? 3
	           : !strcmp(verb, "split") || !strcmp(verb, "remove") ? 2
	           : !strcmp(verb, "list")                             ? 1
	                                                               : 0;
	if (!want) {
		cli_usage_error("alias", "say add, split, remove or list");
		return EXIT_USAGE;
	}
	if (n != want) {
		cli_usage_error("alias", "'%s' takes %d argument(s)", verb, want - 1);
		return EXIT_USAGE;
	}
	for (int i = 1; i < n; i++)
		if (!*a[i]) {
			cli_usage_error("alias", "an empty name");
			return EXIT_USAGE;
		}
	dm_store *s = cli_open_db("alias", db, 0);
	if (!s)
		return EXIT_USAGE;
	char err[512];
	int rc = !strcmp(verb, "add")      ? dm_store_set_alias(s, a[1], a[2], err, sizeof err)
	         : !strcmp(verb, "split")  ? dm_store_set_alias(s, a[1], NULL, err, sizeof err)
	         : !strcmp(verb, "remove") ? dm_store_remove_alias(s, a[1], err, sizeof err)
	                                   : dm_store_aliases(s, print_alias, NULL, err, sizeof err);
	if (rc)
		fprintf(stderr, "dictum alias: %s\n", err);
	else if (strcmp(verb, "list") && cli_link(s, DM_LINK_SPEAKERS, "alias", quiet))
		rc = -1;
	dm_store_close(s);
	return rc ? EXIT_USAGE : EXIT_OK;
}

/* ---- check ---- */

static const char check_help[] = "usage: dictum check [--db FILE]\n\n"
                                 "Is the archive whole?  SQLite's checks of the file and of every reference\n"
                                 "between its tables, the full-text index against the statements, every\n"
                                 "statement's place inside its document.  Prints what it holds, or each\n"
                                 "problem; exit 0 when whole, 1 when not.\n";

static void print_problem(const char *problem, void *ctx)
{
	(void)ctx;
	printf("problem: %s\n", problem);
}

int cmd_check(int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		fputs(check_help, stdout);
		return EXIT_OK;
	}
	static const struct option opts[] = {{"db", required_argument, 0, 'd'}, {0, 0, 0, 0}};
	const char *db = NULL;
	int o;
	optind = 1;
	while ((o = getopt_long(argc, argv, "d:", opts, NULL)) != -1) {
		if (o != 'd') {
			cli_usage_error("check", "bad option");
			return EXIT_USAGE;
		}
		db = optarg;
	}
	if (optind < argc) {
		cli_usage_error("check", "unexpected argument '%s'", argv[optind]);
		return EXIT_USAGE;
	}
	db = cli_db_path(db);
	dm_store *s = cli_open_db("check", db, 0);
	if (!s)
		return EXIT_USAGE;
	char err[512];
	dm_stats st;
	long problems = dm_store_check(s, print_problem, NULL, err, sizeof err);
	if (problems < 0 || dm_store_stats(s, &st, err, sizeof err)) {
		fprintf(stderr, "dictum check: %s\n", err);
		dm_store_close(s);
		return EXIT_USAGE;
	}
	dm_store_close(s);
	printf("%s: %lld documents, %lld statements: %s\n", db, st.documents, st.statements,
	       problems ? "NOT whole" : "whole");
	return problems ? EXIT_INPUT : EXIT_OK;
}
