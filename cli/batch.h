/*
 * batch: run every input a command names through the library, in order,
 * reporting each failure with its path and going on.  Shows a progress
 * line on a terminal.
 */
#ifndef DM_CLI_BATCH_H
#define DM_CLI_BATCH_H

#include "dictum.h"

#define CLI_STOP       (-2)
#define CLI_RENDER_MAX (1u << 20)

typedef struct cli_batch {
	const char *cmd;
	const dm_options *opt; /* may be NULL */
	int quiet;
	int progress; /* show the progress line (stderr is a terminal) */
	/* 0: extract on this thread, then call EACH.  N > 0: N threads
	 * extract inputs side by side while EACH runs here, on every document
	 * in input order all the same */
	int jobs;
	/* Called with each document; returns 0, -1 to count it failed (after
	 * printing why), or CLI_STOP when nothing more can be done (the
	 * archive cannot be written): no further input is then read.
	 * RENDERED: what RENDER made of it, or NULL. */
	int (*each)(dm_document *doc, const dm_buf *rendered, void *ctx);
	/* May be NULL: what EACH will write of a document (or need to store
	 * it), made on the extracting thread into OUT so that the work is
	 * shared by the jobs; only for documents of at most CLI_RENDER_MAX
	 * bytes (a longer one is left to EACH, which writes as it goes, in
	 * bounded memory). */
	void (*render)(const dm_document *doc, dm_buf *out, void *ctx);
	void *ctx;
	/* May be NULL: called with the inputs once they are listed, before
	 * any is read; non-zero: read none of them (done before, say). */
	int (*begin)(const dm_inputs *in, void *ctx);
	/* May be NULL: an input whose hash this knows is not extracted
	 * (dm_sink.known; called on the extracting thread). */
	int (*known)(const unsigned char input_hash[16], void *ctx);
	/* results */
	size_t files, failed, warned, statements;
	size_t skipped;     /* container records that hold no document */
	size_t unchanged;   /* inputs known already, not extracted */
	size_t unattempted; /* inputs not read, once EACH stopped the batch */
	size_t dropped;     /* documents read, but not given to EACH once it stopped the batch */
} cli_batch;

/* --models DIR of extract, ingest and eval: the models in DIR, or NULL
 * after saying why on stderr. */
dm_models *cli_load_models(const char *cmd, const char *dir);

/* Returns EXIT_OK or EXIT_INPUT. */
int cli_batch_run(cli_batch *b, int npaths, char **paths);

/* -j/--jobs N of extract and ingest: N, the number of cores for 0 or
 * none given; -1 after saying on stderr that ARG is no count. */
int cli_jobs(const char *cmd, const char *arg);

#endif
