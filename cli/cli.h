/*
 * The dictum command line: one function per command, each parsing its own
 * options.  Exit status: 0 success, 1 some input failed (the rest was
 * done), 2 usage error or a failure that stopped the command.
 */
#ifndef DM_CLI_H
#define DM_CLI_H

#include <stdio.h>

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

int cmd_extract(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_quotes(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_speakers(int argc, char **argv);
int cmd_link(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_alias(int argc, char **argv);
int cmd_echoes(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_train(int argc, char **argv);

/* Shared option handling. */
int cli_wants_help(int argc, char **argv);
const char *cli_db_path(const char *given); /* --db, else $DICTUM_DB, else dictum.db */
void cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Link the open database S (dm_store_link, WHAT of it), saying what came
 * of it on stderr unless QUIET; 0, or -1 with the message printed. */
struct dm_store;
/* Open the database at PATH, which must exist; NULL, said on stderr. */
struct dm_store *cli_open_db(const char *cmd, const char *path, int readonly);
int cli_link(struct dm_store *s, unsigned what, const char *cmd, int quiet);
/* After an ingest or a merge: link what was added since the last link
 * (joined to what was there), or only the speakers when just aliases
 * came (ALIASES_ADDED), or only the search's lists where they are
 * wanting; 0, or -1 with the message printed. */
int cli_link_added(struct dm_store *s, int aliases_added, const char *cmd, int quiet);

#endif
