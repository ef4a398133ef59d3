/*
 * dictum serve: the archive in a browser and over JSON (src/serve/), until
 * interrupted.
 */
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "dictum_serve.h"

static const char help[] = "usage: dictum serve [--db FILE] [--port N] [--bind ADDRESS] [--threads N]\n"
                           "                    [--cors ORIGIN]\n\n"
                           "Serve the archive: a web page to search it, browse speakers, documents\n"
                           "and echoes, and the JSON API under /api/ (docs/API.md).  Read-only;\n"
                           "'dictum ingest' may add to the database meanwhile.  Listens on 127.0.0.1\n"
                           "(this machine only) port 8080 unless told otherwise; --port 0 takes any\n"
                           "free port.  Prints the address to open, then serves until interrupted\n"
                           "(Ctrl-C), finishing the requests in progress.  --cors lets the pages of\n"
                           "one other origin (https://desk.example) read the API.\n";

static int number(const char *opt, const char *v, int lo, int hi, int *out)
{
	char *end;
	long n = strtol(v, &end, 10);
	if (*end || end == v || n < lo || n > hi) {
		cli_usage_error("serve", "%s takes a number from %d to %d, not '%s'", opt, lo, hi, v);
		return -1;
	}
	*out = (int)n;
	return 0;
}

int cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, 0, 'd'},   {"port", required_argument, 0, 'p'},
	    {"bind", required_argument, 0, 'b'}, {"threads", required_argument, 0, 't'},
	    {"cors", required_argument, 0, 'c'}, {0, 0, 0, 0}};
	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return EXIT_OK;
	}
	dm_serve_options opt = {NULL, "127.0.0.1", 8080, 0, NULL};
	const char *db = NULL;
	int o;
	optind = 1;
	while ((o = getopt_long(argc, argv, "d:p:b:t:c:", opts, NULL)) != -1) {
		switch (o) {
		case 'd': db = optarg; break;
		case 'c':
			if (strncmp(optarg, "http://", 7) && strncmp(optarg, "https://", 8)) {
				cli_usage_error(
				    "serve", "--cors takes an origin such as https://desk.example, not '%s'", optarg);
				return EXIT_USAGE;
			}
			opt.cors = optarg;
			break;
		case 'b': opt.bind = optarg; break;
		case 'p':
			if (number("--port", optarg, 0, 65535, &opt.port))
				return EXIT_USAGE;
			break;
		case 't':
			if (number("--threads", optarg, 1, 256, &opt.threads))
				return EXIT_USAGE;
			break;
		default: cli_usage_error("serve", "bad option"); return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		cli_usage_error("serve", "unexpected argument '%s'", argv[optind]);
		return EXIT_USAGE;
	}
	opt.db = cli_db_path(db);
	if (access(opt.db, F_OK) != 0) {
		fprintf(stderr, "dictum serve: %s: no such database (run 'dictum ingest' first)\n", opt.db);
		return EXIT_USAGE;
	}
	/* the signals are taken by sigwait below, so every thread blocks them */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	char err[512];
	dm_server *srv = dm_server_start(&opt, err, sizeof err);
	if (!srv) {
		fprintf(stderr, "dictum serve: %s\n", err);
		return EXIT_USAGE;
	}
	int v6 = strchr(opt.bind, ':') != NULL;
	printf("dictum serve: http://%s%s%s:%d/ (%s; Ctrl-C stops)\n", v6 ? "[" : "", opt.bind, v6 ? "]" : "",
	       dm_server_port(srv), opt.db);
	fflush(stdout);
	int sig;
	sigwait(&stop, &sig);
	dm_server_stop(srv);
	fprintf(stderr, "dictum serve: stopped\n");
	return EXIT_OK;
}
