/*
 * What the read commands share (cmd_query.c): their options, opening the
 * database read-only, and printing statements as text or JSON.
 */
#ifndef DM_CLI_QUERY_H
#define DM_CLI_QUERY_H

#include "dictum_archive.h"
#include "dictum_buf.h"

typedef struct query_opts {
	const char *db;
	int json;
	const char *format;    /* export */
	const char *explain;   /* speakers */
	double min_similarity; /* echoes; -1 when not given */
	dm_filter f;
	int n_args;
	char **args;
} query_opts;

typedef struct cli_printer {
	int json, count;
	int array; /* JSON rows inside one array (not JSON lines) */
	dm_buf buf;
} cli_printer;

/* --help, then the shared options: returns 1 when the command is done,
 * with its exit status in *STATUS. */
int cli_query_begin(const char *cmd, const char *help, int argc, char **argv, query_opts *q, int *status);
/* Close a JSON array, free, and turn RC (with ERR) into an exit status. */
int cli_query_finish(cli_printer *pr, const char *cmd, int rc, const char *err);
int cli_print_row(const dm_row *r, void *printer); /* a dm_row_fn */

#endif
