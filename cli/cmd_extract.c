#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "cli.h"

static const char help[] =
    "usage: dictum extract [--format jsonl|brat] [--out DIR] [--models DIR] [--attributions] [-j N] [--quiet]\n"
    "                      PATH...\n\n"
    "Read files, or every file below directories, and print one JSON object per\n"
    "document on standard output (jsonl), or write DIR/NAME.ann in brat standoff\n"
    "for each input (brat; NAME is the file name without its extension).\n"
    "Offsets count Unicode code points of the input as read. No database.\n\n"
    "Statements are speech, writing or a stated position with a clause, a\n"
    "quotation or \"according to\" for content.  With --attributions, every\n"
    "attribution PolNeAR's annotation scheme counts is kept too: what a poll\n"
    "shows or a study found, a topic talked about, a thing announced (as\n"
    "'dictum eval --gold' scores them).\n\n"
    "-j, --jobs N: extract N inputs at once (default: one a core); the output\n"
    "is in input order whatever N.\n";

typedef struct ctx {
	int brat;
	const char *out;
	dm_buf buf;
} ctx;

/* A document's output written as it is made: a long one is never whole
 * in memory.  F is the file; a failed write is remembered in *FAILED. */
typedef struct sink {
	FILE *f;
	int failed;
} sink;

static void write_out(dm_buf *b, void *p)
{
	sink *s = p;
	if (b->len && fwrite(b->data, 1, b->len, s->f) != b->len)
		s->failed = 1;
	dm_buf_reset(b);
}

/* D's brat standoff into DIR/NAME.ann: RENDERED, or made as it is written. */
static int write_brat(const char *dir, const dm_document *d, const dm_buf *rendered, dm_buf *b)
{
	/* NAME: the file name without its extension (and without .gz before it) */
	const char *base = strrchr(d->source, '/');
	base = base ? base + 1 : d->source;
	size_t n = strlen(base);
	if (n > 3 && !strcmp(base + n - 3, ".gz"))
		n -= 3;
	for (size_t k = n; k-- > 1;)
		if (base[k] == '.') {
			n = k;
			break;
		}
	size_t len = strlen(dir) + n + 6;
	char *path = malloc(len);
	if (!path)
		return -1;
	snprintf(path, len, "%s/%.*s.ann", dir, (int)n, base);
	sink s = {fopen(path, "wb"), 0};
	if (s.f && rendered)
		s.failed = rendered->len && fwrite(rendered->data, 1, rendered->len, s.f) != rendered->len;
	else if (s.f) {
		dm_export_brat_stream(d, b, write_out, &s);
		write_out(b, &s);
	}
	int rc = 0;
	if (!s.f || (fclose(s.f) != 0) | s.failed) {
		fprintf(stderr, "dictum extract: %s: cannot write: %s\n", path, strerror(errno));
		rc = -1;
	}
	free(path);
	return rc;
}

/* On an extracting thread: a document's output, whole. */
static void render(const dm_document *d, dm_buf *out, void *p)
{
	const ctx *c = p;
	if (c->brat) {
		dm_export_brat(d, out);
	} else {
		dm_export_json(d, out);
		dm_buf_putc(out, '\n');
	}
}

static int each(dm_document *d, const dm_buf *rendered, void *p)
{
	ctx *c = p;
	dm_buf_reset(&c->buf);
	if (c->brat)
		return write_brat(c->out, d, rendered, &c->buf);
	sink s = {stdout, 0};
	if (rendered) {
		s.failed = rendered->len && fwrite(rendered->data, 1, rendered->len, stdout) != rendered->len;
		return 0;
	}
	dm_export_json_stream(d, &c->buf, write_out, &s);
	dm_buf_putc(&c->buf, '\n');
	write_out(&c->buf, &s);
	return 0;
}

int cmd_extract(int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return EXIT_OK;
	}
	static const struct option opts[] = {{"format", required_argument, 0, 'f'},
	                                     {"out", required_argument, 0, 'o'},
	                                     {"quiet", no_argument, 0, 'q'},
	                                     {"models", required_argument, 0, 'm'},
	                                     {"attributions", no_argument, 0, 'a'},
	                                     {"jobs", required_argument, 0, 'j'},
	                                     {0, 0, 0, 0}};
	ctx c = {0};
	const char *models = NULL;
	const char *jobs = NULL;
	int quiet = 0, attributions = 0, o;
	optind = 1;
	while ((o = getopt_long(argc, argv, "f:o:qj:", opts, NULL)) != -1) {
		switch (o) {
		case 'f':
			if (!strcmp(optarg, "brat"))
				c.brat = 1;
			else if (strcmp(optarg, "jsonl") != 0) {
				cli_usage_error("extract", "unknown format '%s' (jsonl or brat)", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'o': c.out = optarg; break;
		case 'q': quiet = 1; break;
		case 'm': models = optarg; break;
		case 'a': attributions = 1; break;
		case 'j': jobs = optarg; break;
		default: cli_usage_error("extract", "bad option"); return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		cli_usage_error("extract", "no input path given");
		return EXIT_USAGE;
	}
	if (c.brat && !c.out) {
		cli_usage_error("extract", "--format brat needs --out DIR");
		return EXIT_USAGE;
	}
	if (c.out && mkdir(c.out, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "dictum extract: %s: cannot create: %s\n", c.out, strerror(errno));
		return EXIT_USAGE;
	}
	int n_jobs = cli_jobs("extract", jobs);
	if (n_jobs < 0)
		return EXIT_USAGE;
	dm_options opt = {.attributions = attributions};
	dm_models *loaded = NULL;
	if (models && !(opt.models = loaded = cli_load_models("extract", models)))
		return EXIT_USAGE;
	/* JSON lines to a file or a pipe in blocks of 64 KB, a pipe's size:
	 * a document's output is about 15 KB, and a write for each is many
	 * system calls over a corpus.  A terminal keeps its line buffering. */
	static char out_block[1 << 16];
	if (!c.brat && !isatty(fileno(stdout)))
		setvbuf(stdout, out_block, _IOFBF, sizeof out_block);
	cli_batch b = {
	    .cmd = "extract", .opt = &opt, .quiet = quiet, .jobs = n_jobs, .each = each, .render = render, .ctx = &c};
	int rc = cli_batch_run(&b, argc - optind, argv + optind);
	dm_models_free(loaded);
	dm_buf_free(&c.buf);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "dictum extract: cannot write output: %s\n", strerror(errno));
		return EXIT_USAGE;
	}
	return rc;
}
