#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "cli.h"
#include "dictum_archive.h"

static const char help[] =
    "usage: dictum ingest [--db FILE] [--replace] [--no-link] [--models DIR] [--init] [-j N] [--batch N]\n"
    "                     [--files-from LIST] [--quiet] PATH...\n\n"
    "Extract files, or every file below directories, and store documents and\n"
    "statements in the database (--db, else $DICTUM_DB, else ./dictum.db).\n"
    "An input stored before (the same bytes) is not extracted again, and a\n"
    "document already stored (same text) is skipped; --replace extracts them\n"
    "again. Documents are committed in batches; a failure never leaves half\n"
    "a document. A progress line is shown when stderr is a terminal.\n"
    "Then the archive is linked (see 'dictum link'); --no-link leaves that\n"
    "for later, when many batches are loaded one after another.  A SQLite file\n"
    "that holds other tables is refused unless --init says to add dictum's.\n"
    "-j, --jobs N: extract N inputs at once (default: one a core), stored in\n"
    "input order whatever N.\n"
    "--batch N: documents a transaction (default 4000); fewer lose less work\n"
    "to a kill, more ingest faster.\n"
    "--files-from LIST: the inputs are also the paths in LIST, one a line ('-':\n"
    "standard input). An ingest of a list that runs to its end marks it done\n"
    "in the archive, with its last batch; the same list again, its files\n"
    "unchanged (the same paths, sizes and times of change), is then passed\n"
    "over without reading them (exit status 1 if inputs failed then): a\n"
    "cluster's task run again (see scripts/slurm/) does nothing when it had\n"
    "finished, and the rest when it had not.\n";

#define BATCH_DOCS  4000
#define BATCH_BYTES (64u << 20)
#define MAX_LIST    (1u << 24) /* paths in a --files-from list */

typedef struct ctx {
	dm_store *store;
	int replace, in_tx;
	size_t docs, bytes, batch_docs;
	int listed;                 /* inputs came from --files-from: mark them done */
	unsigned char list_key[16]; /* their fingerprint, once known */
	int have_key;
	dm_completion done;                         /* the list's mark, if it had one (done.at set) */
	size_t committed, pending, lost, unchanged; /* stored and committed; stored in the open batch; lost with it */
	int fatal;
	char why[640];              /* what stopped the ingest */
	unsigned char (*known)[16]; /* the stored documents' input hashes, sorted */
	size_t n_known, cap_known;
} ctx;

/* The archive cannot be written (disk full, read-only, damaged): one
 * message, and no more input read. */
static int stop(ctx *c, const char *what, const char *err)
{
	snprintf(c->why, sizeof c->why, "%s%s%s", what ? what : "", what ? ": " : "", err);
	c->fatal = 1;
	return CLI_STOP;
}

/* Commit the open batch: its documents are stored, or lost with it. */
static int commit(ctx *c)
{
	char err[512];
	c->in_tx = 0;
	c->docs = c->bytes = 0;
	if (dm_store_commit(c->store, err, sizeof err)) {
		c->lost += c->pending;
		c->pending = 0;
		return stop(c, NULL, err);
	}
	c->committed += c->pending;
	c->pending = 0;
	return 0;
}

static int add_known(const unsigned char hash[16], void *p)
{
	ctx *c = p;
	if (c->n_known == c->cap_known) {
		size_t cap = c->cap_known ? 2 * c->cap_known : 1024;
		unsigned char(*v)[16] = realloc(c->known, cap * sizeof *v);
		if (!v)
			return 1;
		c->known = v;
		c->cap_known = cap;
	}
	memcpy(c->known[c->n_known++], hash, 16);
	return 0;
}

static int by_hash(const void *a, const void *b)
{
	return memcmp(a, b, 16);
}

/* An input stored already, by the hash of its bytes: not extracted again. */
static int is_known(const unsigned char input_hash[16], void *p)
{
	const ctx *c = p;
	return c->n_known && bsearch(input_hash, c->known, c->n_known, 16, by_hash) != NULL;
}

/* On the extracting thread: what storing D needs of no archive. */
static void prepare(const dm_document *d, dm_buf *out, void *p)
{
	(void)p;
	dm_store_prepare(d, out);
}

static int each(dm_document *d, const dm_buf *prepared, void *p)
{
	ctx *c = p;
	char err[512];
	if (c->fatal)
		return CLI_STOP;
	if (!c->in_tx) {
		if (dm_store_begin(c->store, err, sizeof err))
			return stop(c, NULL, err);
		c->in_tx = 1;
	}
	dm_put_result r = dm_store_put(c->store, d, prepared, c->replace, err, sizeof err);
	if (r == DM_STORE_FAILED)
		return stop(c, d->source, err);
	if (r == DM_STORED)
		c->pending++;
	else
		c->unchanged++;
	c->docs++;
	c->bytes += d->raw_len;
	if (c->docs >= c->batch_docs || c->bytes >= BATCH_BYTES)
		return commit(c);
	return 0;
}

/* The inputs listed, before any is read: a list marked done, as it is
 * now, is passed over (unless --replace). */
static int begin(const dm_inputs *in, void *p)
{
	ctx *c = p;
	char err[512];
	if (!c->listed || dm_inputs_fingerprint(in, c->list_key))
		return 0; /* not marked then: the inputs' hashes still spare the work done */
	c->have_key = 1;
	return !c->replace && dm_store_completed(c->store, c->list_key, &c->done, err, sizeof err) == 1;
}

/* The list ingested to its end: marked with the last batch, or alone. */
static void mark_done(ctx *c, const dm_completion *how)
{
	char err[512];
	if (!c->in_tx) {
		if (dm_store_begin(c->store, err, sizeof err)) {
			stop(c, NULL, err);
			return;
		}
		c->in_tx = 1;
	}
	if (dm_store_mark_completed(c->store, c->list_key, how, err, sizeof err)) {
		dm_store_commit(c->store, err, sizeof err); /* what was stored stays */
		c->in_tx = 0;
		stop(c, NULL, err);
	}
}

/* Append the paths in LIST ('-': standard input), one a line, to *V. */
static int read_list(const char *list, char ***v, size_t *n, size_t *cap)
{
	FILE *f = strcmp(list, "-") ? fopen(list, "r") : stdin;
	if (!f) {
		cli_usage_error("ingest", "--files-from %s: %s", list, strerror(errno));
		return -1;
	}
	char *line = NULL;
	size_t len = 0;
	ssize_t got;
	int rc = 0;
	while (!rc && (got = getline(&line, &len, f)) >= 0) {
		while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
			line[--got] = 0;
		if (!got)
			continue;
		if (*n == *cap) {
			size_t want = *cap ? 2 * *cap : 256;
			char **w = want <= MAX_LIST ? realloc(*v, want * sizeof *w) : NULL;
			if (!w) {
				cli_usage_error("ingest", "--files-from %s: more paths than %u, or out of memory", list,
				                MAX_LIST);
				rc = -1;
				break;
			}
			*v = w;
			*cap = want;
		}
		if (!((*v)[*n] = strdup(line))) {
			cli_usage_error("ingest", "--files-from %s: out of memory", list);
			rc = -1;
			break;
		}
		(*n)++;
	}
	if (!rc && ferror(f)) {
		cli_usage_error("ingest", "--files-from %s: %s", list, strerror(errno));
		rc = -1;
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return rc;
}

typedef struct options {
	const char *db, *models, *jobs;
	int quiet, no_link, adopt;
} options;

/* Ingest PATHS into the archive as O says. */
static int ingest(ctx *c, const options *o, int npaths, char **paths)
{
	int n_jobs = cli_jobs("ingest", o->jobs);
	if (n_jobs < 0)
		return EXIT_USAGE;
	dm_options opt = {0};
	dm_models *loaded = NULL;
	if (o->models && !(opt.models = loaded = cli_load_models("ingest", o->models)))
		return EXIT_USAGE;
	char err[512];
	const char *db = cli_db_path(o->db);
	/* without --replace, an ingest only adds */
	if (dm_store_open(db, o->adopt | (c->replace ? 0 : DM_OPEN_ADD_ONLY), &c->store, err, sizeof err)) {
		fprintf(stderr, "dictum ingest: %s\n", err);
		dm_models_free(loaded);
		return EXIT_USAGE;
	}
	/* what is stored already is known by its input's hash, before any
	 * extraction: an unchanged file costs a read and a hash */
	if (!c->replace && dm_store_input_hashes(c->store, add_known, c, err, sizeof err) == 0 && c->n_known)
		qsort(c->known, c->n_known, 16, by_hash);
	cli_batch b = {.cmd = "ingest",
	               .opt = &opt,
	               .quiet = o->quiet,
	               .progress = !o->quiet && isatty(2),
	               .jobs = n_jobs,
	               .each = each,
	               .render = prepare,
	               .ctx = c,
	               .begin = begin,
	               .known = c->replace ? NULL : is_known};
	int rc = cli_batch_run(&b, npaths, paths);
	int passed = c->done.at[0] != 0;
	if (c->have_key && !passed && !c->fatal && !b.unattempted)
		mark_done(c, &(dm_completion){.files = b.files, .failed = b.failed});
	if (c->in_tx)
		commit(c);
	dm_models_free(loaded);
	free(c->known);
	if (c->fatal) /* one message, and what was and was not done */
		fprintf(
		    stderr,
		    "dictum ingest: stopped: %s\n"
		    "dictum ingest: %zu stored, %zu not stored (their batch could not be committed), %zu unchanged, "
		    "%zu files not read -> %s\n",
		    c->why, c->committed, c->lost + b.dropped, c->unchanged + b.unchanged, b.unattempted, db);
	else if (passed && !o->quiet)
		fprintf(stderr,
		        "dictum ingest: these %zu files were ingested to their end on %s%s: nothing to do -> %s\n",
		        b.files, c->done.at, c->done.failed ? ", with failures then" : "", db);
	else if (!o->quiet)
		fprintf(
		    stderr,
		    "dictum ingest: %zu files, %zu stored, %zu unchanged, %zu failed, %zu repaired, %zu statements, "
		    "%zu archive records without a document -> %s\n",
		    b.files, c->committed, c->unchanged + b.unchanged, b.failed, b.warned, b.statements, b.skipped, db);
	if (!c->fatal && !o->no_link && cli_link_added(c->store, 0, "ingest", o->quiet))
		c->fatal = 1;
	dm_store_close(c->store);
	/* a list passed over fails as it failed when it was done */
	return c->fatal ? EXIT_USAGE : passed && c->done.failed ? EXIT_INPUT : rc;
}

int cmd_ingest(int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return EXIT_OK;
	}
	static const struct option opts[] = {{"db", required_argument, 0, 'd'},
	                                     {"replace", no_argument, 0, 'r'},
	                                     {"quiet", no_argument, 0, 'q'},
	                                     {"models", required_argument, 0, 'm'},
	                                     {"no-link", no_argument, 0, 'L'},
	                                     {"init", no_argument, 0, 'I'},
	                                     {"jobs", required_argument, 0, 'j'},
	                                     {"batch", required_argument, 0, 'b'},
	                                     {"files-from", required_argument, 0, 'F'},
	                                     {0, 0, 0, 0}};
	const char *list = NULL;
	options opt = {0};
	int o;
	ctx c = {.batch_docs = BATCH_DOCS};
	char *end;
	optind = 1;
	while ((o = getopt_long(argc, argv, "d:rqj:", opts, NULL)) != -1) {
		switch (o) {
		case 'd': opt.db = optarg; break;
		case 'r': c.replace = 1; break;
		case 'q': opt.quiet = 1; break;
		case 'm': opt.models = optarg; break;
		case 'L': opt.no_link = 1; break;
		case 'I': opt.adopt = DM_OPEN_ADOPT; break;
		case 'j': opt.jobs = optarg; break;
		case 'F': list = optarg; break;
		case 'b':
			errno = 0;
			c.batch_docs = (size_t)strtoul(optarg, &end, 10);
			if (errno || *end || *optarg == '-' || c.batch_docs == 0 || c.batch_docs > 1000000) {
				cli_usage_error("ingest", "--batch '%s' is no count of documents (1 to 1000000)",
				                optarg);
				return EXIT_USAGE;
			}
			break;
		default: cli_usage_error("ingest", "bad option"); return EXIT_USAGE;
		}
	}
	if (optind >= argc && !list) {
		cli_usage_error("ingest", "no input path given");
		return EXIT_USAGE;
	}
	if (!list)
		return ingest(&c, &opt, argc - optind, argv + optind);
	/* the paths named, then those listed */
	size_t named = (size_t)(argc - optind), n_paths = named, cap_paths = named + 256;
	char **paths = malloc(cap_paths * sizeof *paths);
	if (!paths) {
		cli_usage_error("ingest", "out of memory");
		return EXIT_USAGE;
	}
	memcpy(paths, argv + optind, named * sizeof *paths);
	int rc = read_list(list, &paths, &n_paths, &cap_paths) ? EXIT_USAGE
	                                                       : (c.listed = 1, ingest(&c, &opt, (int)n_paths, paths));
	for (size_t i = named; i < n_paths; i++)
		free(paths[i]);
	free(paths);
	return rc;
}
