/*
 * 'dictum merge': the archives a cluster's tasks wrote (shards) added to
 * one, then linked (dm_store_merge says what is added and how).
 */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "dictum_archive.h"

static const char help[] = "usage: dictum merge [--db FILE] [--no-link] [--quiet] SHARD...\n\n"
                           "Add the archives SHARD... (each written by 'dictum ingest', as a cluster's\n"
                           "tasks write them: see scripts/slurm/) to the archive (--db, else\n"
                           "$DICTUM_DB, else ./dictum.db; made when missing), in the order given. A\n"
                           "document whose text is stored already, in the archive or in an earlier\n"
                           "shard, is passed over: the first stored wins, so the order of the shards\n"
                           "decides, not when their tasks ended. Documents come with their statements,\n"
                           "their places in the text and the inputs that gave them; a shard's aliases\n"
                           "come where the archive has none for the form. Then the archive is linked\n"
                           "(see 'dictum link'), only what is new where it can be; --no-link leaves\n"
                           "that for later. Merging a shard again adds nothing; a merge that was\n"
                           "stopped, run again, adds the rest. A shard that cannot be read is named\n"
                           "and passed over (exit status 1), the others merged.\n";

int cmd_merge(int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return EXIT_OK;
	}
	static const struct option opts[] = {{"db", required_argument, 0, 'd'},
	                                     {"quiet", no_argument, 0, 'q'},
	                                     {"no-link", no_argument, 0, 'L'},
	                                     {0, 0, 0, 0}};
	const char *db = NULL;
	int quiet = 0, no_link = 0, o;
	optind = 1;
	while ((o = getopt_long(argc, argv, "d:q", opts, NULL)) != -1) {
		switch (o) {
		case 'd': db = optarg; break;
		case 'q': quiet = 1; break;
		case 'L': no_link = 1; break;
		default: cli_usage_error("merge", "bad option"); return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		cli_usage_error("merge", "no shard given");
		return EXIT_USAGE;
	}
	db = cli_db_path(db);
	char err[1024];
	dm_store *s;
	if (dm_store_open(db, 0, &s, err, sizeof err)) {
		fprintf(stderr, "dictum merge: %s\n", err);
		return EXIT_USAGE;
	}
	dm_merge_stats all = {0};
	size_t bad = 0, aliases = 0;
	int fatal = 0;
	for (int i = optind; i < argc && !fatal; i++) {
		dm_merge_stats st;
		int rc = dm_store_merge(s, argv[i], &st, err, sizeof err);
		all.documents += st.documents;
		all.statements += st.statements;
		all.present += st.present;
		aliases += st.aliases;
		if (rc) {
			fprintf(stderr, "dictum merge: %s\n", err);
			bad += rc > 0;
			fatal = rc < 0;
		} else if (!quiet)
			fprintf(stderr, "dictum merge: %s: %zu documents (%zu statements) added, %zu stored already\n",
			        argv[i], st.documents, st.statements, st.present);
	}
	if (fatal)
		fprintf(stderr, "dictum merge: stopped: %zu documents (%zu statements) were added before -> %s\n",
		        all.documents, all.statements, db);
	else if (!quiet)
		fprintf(stderr,
		        "dictum merge: %zu of %d shards merged: %zu documents (%zu statements) added, %zu stored"
		        " already -> %s\n",
		        (size_t)(argc - optind) - bad, argc - optind, all.documents, all.statements, all.present, db);
	if (!fatal && !no_link && cli_link_added(s, aliases > 0, "merge", quiet))
		fatal = 1;
	dm_store_close(s);
	return fatal ? EXIT_USAGE : bad ? EXIT_INPUT : EXIT_OK;
}
