/* What the files of the store share; not for use outside src/store. */
#ifndef DM_STORE_INTERNAL_H
#define DM_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>

#include "dictum_archive.h"
#include "dictum_buf.h"

/* rows.c: the rows of one table stored DM_ROWS at a time, one step of
 * SQLite for all of them (its program started, its cursors opened: a
 * third of what a small row costs).  prepare: for TABLE (a name, with
 * its columns if need be) of COLS columns, TAIL after the values (an ON
 * CONFLICT clause, or NULL); 0 or -1.  A row is its COLS values in order,
 * then dm_rows_end, which stores the rows waiting when DM_ROWS are;
 * dm_rows_flush stores the rest (0, or -1: SQLite's error on the
 * connection); dm_rows_drop forgets them. */
#define DM_ROWS     16
#define DM_ROW_COLS 11
typedef struct dm_row_value {
	int type; /* SQLITE_INTEGER, _FLOAT or _NULL */
	sqlite3_int64 i;
	double f;
} dm_row_value;
typedef struct dm_rows {
	sqlite3_stmt *one, *many; /* INSERT of one row, of DM_ROWS */
	int cols, at;             /* at: the next value's column */
	size_t n;                 /* rows waiting */
	dm_row_value v[DM_ROWS][DM_ROW_COLS];
} dm_rows;
int dm_rows_prepare(dm_rows *r, sqlite3 *db, const char *table, int cols, const char *tail);
void dm_rows_int(dm_rows *r, sqlite3_int64 v);
void dm_rows_double(dm_rows *r, double v);
void dm_rows_null(dm_rows *r);
int dm_rows_end(dm_rows *r);
int dm_rows_flush(dm_rows *r);
void dm_rows_drop(dm_rows *r);
void dm_rows_finalize(dm_rows *r);

struct dm_store {
	sqlite3 *db;
	sqlite3_stmt *find, *keep_input, *del, *ins_doc, *ins_stmt, *ins_role, *ins_keys, *ins_doc_keys;
	sqlite3_stmt *savepoint, *release, *rollback; /* per document: prepared once */
	dm_rows spans;                                /* a document's, waiting (rows.c) */
	dm_buf scratch;                               /* a document's link keys, when no dm_store_prepare made them */
	struct cached_query {
		const char *sql; /* a static string: its address names the query */
		sqlite3_stmt *st;
	} * queries; /* each query prepared once a connection (store.c) */
	size_t n_queries;
	struct dm_kept *kept; /* what is kept in memory of statements, if anything (kept.c) */
	/* the index's tokenizer, made when a search first needs it (impacts.c) */
	fts5_tokenizer tokenizer;
	Fts5Tokenizer *tokens;
	struct dm_checkpointer *checkpointer; /* the log copied back on a thread (checkpoint.c), or NULL */
	int add_only;                         /* DM_OPEN_ADD_ONLY: foreign keys not checked */
};

/* Foreign keys checked again on S's connection as it was opened to (not
 * for DM_OPEN_ADD_ONLY), after a link or a migration turned them off;
 * outside a transaction, where the pragma has effect. */
void dm_store_references(dm_store *s);

/* schema.c: the version this dictum writes; moving S's archive up to it
 * (0, or -1 with a message). */
int dm_store_current_version(void);
int dm_store_migrate(dm_store *s, char *err, size_t errlen);
/* An empty archive of schema VERSION on DB, as that version made it (for
 * the tests of migration); 0 or -1. */
int dm_store_create_at(sqlite3 *db, int version);
/* name_key(TEXT) in SQL on DB: dm_name_key, which groups a speaker's forms. */
int dm_store_name_key_register(sqlite3 *db);
/* The one number PRAGMA (SQL reading a pragma) gives on S's connection,
 * or OTHERWISE when it gives none. */
int dm_store_pragma_int(dm_store *s, const char *pragma, int otherwise);

/* checkpoint.c: is S's archive in WAL mode?  start: a writer's log
 * copied back into the archive by a thread of its own, woken by a commit
 * that leaves WAKE bytes of log or more, in place of SQLite's checkpoints
 * on the writer's thread; a commit that leaves WAIT bytes or more waits
 * for it (nothing changes when the archive is not a file in WAL mode, or
 * the thread cannot start).  stop: the thread ended, before S's connection
 * closes. */
#define DM_CHECKPOINT_WAKE (64LL << 20)
#define DM_CHECKPOINT_WAIT (1024LL << 20)
typedef struct dm_checkpointer dm_checkpointer;
int dm_store_wal(dm_store *s);
void dm_checkpointer_start(dm_store *s, long long wake, long long wait);
void dm_checkpointer_stop(dm_store *s);

/* store.c: the statement of SQL (a static string: its address names it)
 * on S's connection, prepared at its first use and kept (SQLite's result
 * code); let go of it with dm_query_done, which resets it. */
int dm_query(dm_store *s, const char *sql, sqlite3_stmt **st);
void dm_query_done(dm_store *s, sqlite3_stmt *st);

/* "WHAT: sqlite's message" into ERR; returns -1. */
int dm_sqlerr(dm_store *s, char *err, size_t errlen, const char *what);
void dm_bind_text(sqlite3_stmt *st, int i, const char *s); /* NULL binds NULL */
int dm_step_done(sqlite3_stmt *st);                        /* step, reset, clear; 0 when done */
const char *dm_col(sqlite3_stmt *st, int i);

/* Each person's record (statements, documents, first and last date), as
 * the link leaves it and migration 4 first made it. */
#define DM_PERSON_RECORDS                                                                                              \
	"UPDATE persons SET (statements, documents, first, last) = (SELECT count(*), count(DISTINCT s.doc_id),"        \
	"  min(d.date), max(d.date) FROM speaker_forms f JOIN statements s ON s.speaker = f.form"                      \
	"  AND s.speaker_type = f.type JOIN documents d ON d.id = s.doc_id WHERE f.person = persons.id)"

/* near.c: echoes and syndicated copies, linked anew (SINCE or DOCS_SINCE
 * below 0) or for the statements above SINCE and documents above
 * DOCS_SINCE, inside the caller's transaction, in two steps: begin, before
 * the transaction has written anything, starts the joins of statements and
 * of documents (each on a thread of its own, with a connection that reads
 * what the transaction first saw, when the archive is in WAL mode); end
 * waits for them (or joins on S's connection) and writes what was found
 * (0, or -1 with a message); drop lets go of a job not ended. */
typedef struct dm_near_job dm_near_job;
int dm_link_near_begin(dm_store *s, int64_t since, int64_t docs_since, dm_near_job **job, char *err, size_t errlen);
int dm_link_near_end(dm_store *s, dm_near_job *job, dm_link_stats *stats, char *err, size_t errlen);
void dm_link_near_drop(dm_near_job *job);

/* kept.c: statements' lengths and dates in memory, when S keeps them:
 * dictum_dated() on S's connection; reading what was indexed since the
 * last call; a statement's length, 0 when not known; freeing it all. */
int dm_kept_register(dm_store *s); /* SQLite's result code */
int dm_kept_refresh(dm_store *s, char *err, size_t errlen);
int dm_kept_tokens(const dm_store *s, sqlite3_int64 id);
/* A date filter of [SINCE, UNTIL] (either NULL: open; UNTIL a whole day)
 * tested on the kept dates, as dictum_dated tests it: dm_dates_new makes
 * it (NULL when nothing is kept, or out of memory); dm_dates_test gives 1
 * or 0 for statement ID, -1 when its date is not kept (SQL must say). */
typedef struct date_pass dm_dates;
dm_dates *dm_dates_new(const dm_store *s, const char *since, const char *until);
int dm_dates_test(const dm_store *s, const dm_dates *d, int64_t id);
/* Asks the cache for what is kept of statement ID, some tests ahead of
 * dm_dates_test's for it. */
void dm_kept_prefetch(const dm_store *s, int64_t id);
void dm_dates_free(dm_dates *d);
/* A row of FTS5's docsize table (a varint a column): the statement's
 * tokens in all columns; -1 when it does not parse. */
int64_t dm_fts_docsize(const unsigned char *p, int n);
void dm_kept_free(dm_store *s);
/* fts_query.c: the query a user typed as an FTS5 query that parses (""
 * when it has nothing to look for); NULL when out of memory.  Freed by
 * the caller. */
char *dm_fts_query(const char *query);
/* rank.c: dictum_bm25() and dictum_tf_tokens() on S's connection; the
 * parts of BM25 (k1 1.2, b 0.75) as FTS5 computes them; FTS5's API on DB
 * (NULL when it has none). */
int dm_rank_register(dm_store *s);
double dm_bm25_idf(double rows, double hits);
double dm_bm25_term(double idf, double tf, double tokens, double avg_tokens);
struct fts5_api *dm_fts5_api(sqlite3 *db);

/* impacts.c: a search's page without ranking every match (the file says
 * how).  dm_impacts_update makes the frequent terms' lists anew when they
 * are stale or the statements since them pass a tenth (inside the
 * caller's transaction; 0, or -1 with a message).  dm_impacts_top: when
 * FTS, a query of FTS5's, is one phrase (a word, words in quotes, a
 * prefix), the hits SKIP to SKIP + WANT of its ranking (malloc'd, the
 * caller frees), by the word's lists or every match read once, and the
 * number of its matches; returns how (DM_TOP_LISTS, DM_TOP_PASS, or
 * DM_TOP_PREFIX: a prefix, whose matches FTS5 looks up dearly, one by
 * one), or 0 when it is none of these (store.c ranks every match then).
 * dm_rank_pass: a one-phrase search FTS with filters, ranked in one
 * pass: PASS, prepared (dm_query) and bound by the caller, gives each
 * match that passes them: its id and its dictum_tf_tokens; the page,
 * with the IDF of all the phrase's matches (counted by FTS5), and in
 * *TOTAL how many pass; 1, or 0 on failure (PASS is let go either way). */
typedef struct dm_hit {
	sqlite3_int64 id;
	double rank;   /* as dictum_bm25's: the score negated */
	char *snippet; /* made by dm_prefix_pass or dm_impacts_prefix (malloc'd), or NULL */
} dm_hit;
enum { DM_TOP_LISTS = 1, DM_TOP_PASS, DM_TOP_PREFIX };
int dm_impacts_update(dm_store *s, char *err, size_t errlen);
int dm_impacts_top(dm_store *s, const char *fts, long skip, long want, dm_hit **out, size_t *n_out,
                   sqlite3_int64 *total);
/* dm_impacts_prefix: as dm_impacts_top for a prefix whose terms the lists
 * know together (a frequent prefix's, or a frequent term's when the
 * prefix begins it alone), each hit with its snippet marked with OPEN and
 * CLOSE when all could be made; DM_TOP_LISTS, or 0 when the lists have
 * none or the page goes past DM_PREFIX_PAGES (the lists keep no more). */
#define DM_PREFIX_PAGES 1000
int dm_impacts_prefix(dm_store *s, const char *fts, long skip, long want, const char *open, const char *close,
                      dm_hit **out, size_t *n_out, sqlite3_int64 *total);
/* dm_impacts_prefix_among: as dm_impacts_prefix for a prefix with a list,
 * among a few statements, IDS[N_IDS] (rising: a speaker's or a person's)
 * that pass DATES (or NULL): each read and tokenized as the index did,
 * its occurrences of the prefix counted in C, rather than a walk of every
 * statement the prefix is in.  The IDF counts all the prefix's
 * statements, as a pass does.  DM_TOP_LISTS, or 0 when the prefix has no
 * list, the statements are more than a 48th of its, or a date is not
 * kept. */
int dm_impacts_prefix_among(dm_store *s, const char *fts, const dm_dates *dates, const int64_t *ids, long n_ids,
                            long skip, long want, const char *open, const char *close, dm_hit **out, size_t *n_out,
                            sqlite3_int64 *total);
int dm_rank_pass(dm_store *s, sqlite3_stmt *pass, const char *fts, long skip, long want, dm_hit **out, size_t *n_out,
                 sqlite3_int64 *total);
/* dm_rank_scored: the same for any query, PASS giving each match's id and
 * its rank as dictum_bm25's (ties in id order): words and phrases joined,
 * ranked and counted in one walk of their lists. */
int dm_rank_scored(dm_store *s, sqlite3_stmt *pass, long skip, long want, dm_hit **out, size_t *n_out,
                   sqlite3_int64 *total);
/* dm_impacts_filtered: as dm_rank_pass for one word or prefix that has a
 * list, its statements read off the list (and those indexed since from
 * FTS5), each tested in C: against DATES (dm_dates_new's, or NULL) and
 * IDS[N_IDS] (rising, the statements of a speaker; N_IDS < 0: any).  A
 * prefix's list keeps the DM_PREFIX_PAGES best of each group: its page is
 * given when full and better than any the list cut off, with snippets
 * marked with OPEN and CLOSE, and its count is estimated (*ESTIMATED 1)
 * from the share of the list's statements that passed, when
 * DM_ESTIMATE_SAMPLE or more did (a share then within about a tenth).
 * DM_TOP_LISTS, or 0 when there is no list, a date is not kept or the
 * list cannot tell (ask a pass). */
#define DM_ESTIMATE_SAMPLE 100
int dm_impacts_filtered(dm_store *s, const char *fts, const dm_dates *dates, const int64_t *ids, long n_ids, long skip,
                        long want, const char *open, const char *close, dm_hit **out, size_t *n_out,
                        sqlite3_int64 *total, int *estimated);
/* dm_prefix_pass: the same for a prefix, filtered or not (WHOLE: PASS gives
 * every match), where PASS's rows are dictum_pass(statements_fts, ?PARAM)
 * of each match: the pass binds ?PARAM, and each hit of the page has its
 * snippet, marked with OPEN and CLOSE, when the pass kept where the prefix
 * is in all of them (else none has).  With DATES or IDS[N_IDS] (as
 * dm_impacts_filtered's), PASS gives every match and the pass keeps those
 * that pass them (0 when one's date is not kept).  dm_pass_admits:
 * whether the match ID passes the pass's own filters, counted as one of
 * the phrase's.  dm_pass_row: dictum_pass's work
 * for the match ID of TF occurrences in TOKENS: kept, and 1 when it may
 * reach the page, when dictum_pass then gives the position (in tokens) of
 * each occurrence in its content to dm_pass_at; dm_pass_all: where
 * dictum_pass puts the count of all the phrase's matches (for the IDF of
 * a filtered pass), or NULL when not wanted now. */
typedef struct dm_pass dm_pass;
int dm_prefix_pass(dm_store *s, sqlite3_stmt *pass, int param, int whole, const dm_dates *dates, const int64_t *ids,
                   long n_ids, long skip, long want, const char *open, const char *close, dm_hit **out, size_t *n_out,
                   sqlite3_int64 *total);
int dm_pass_admits(dm_pass *p, int64_t id);
int dm_pass_row(dm_pass *p, int64_t id, int tf, int tokens);
void dm_pass_at(dm_pass *p, uint32_t pos);
sqlite3_int64 *dm_pass_all(dm_pass *p);
/* snippet.c: what FTS5's snippet(statements_fts, 0, OPEN, CLOSE, '…', 24)
 * gives for the statement ID of a query's matches: a query of phrases
 * joined by AND, as dm_marks_of reads it into marks M, or a one-phrase
 * query of one token found at the token positions AT[N] (rising; M is
 * then not read); malloc'd, NULL when it cannot be made.  dm_snip: those
 * of the page OUT[N] for M, into each hit's snippet: all, or none;
 * dm_snip_term: for the one term TERM, or any term it begins unless
 * WHOLE.  dm_marks_of: the phrases of FTS (fts_query.c's strings, "a
 * phrase" or "a prefix" *, joined by AND), as the index's tokenizer makes
 * their terms, into *M; 1, or 0 when FTS is any other query or more than
 * M holds.  dm_store_tokenizer: statements_fts's tokenizer made in
 * S->tokens (impacts.c), 0 or -1. */
#define DM_MARK_PHRASES 16
#define DM_MARK_TERMS   64
typedef struct dm_marks {
	int n;                                            /* phrases */
	int first[DM_MARK_PHRASES + 1];                   /* phrase P's terms: FIRST[P] up to FIRST[P + 1] */
	unsigned char prefix[DM_MARK_PHRASES];            /* P's last term begins a token, rather than is one */
	uint16_t term[DM_MARK_TERMS], len[DM_MARK_TERMS]; /* each term: TEXT + TERM, LEN bytes */
	size_t used;
	char text[1024];
} dm_marks;
char *dm_snippet(dm_store *s, sqlite3_int64 id, const uint32_t *at, size_t n, const dm_marks *m, const char *open,
                 const char *close);
void dm_snip(dm_store *s, const dm_marks *m, const char *open, const char *close, dm_hit *out, size_t n);
void dm_snip_term(dm_store *s, const char *term, int whole, const char *open, const char *close, dm_hit *out, size_t n);
int dm_marks_of(dm_store *s, const char *fts, dm_marks *m);
int dm_store_tokenizer(dm_store *s);
/* When FTS is words joined ("word" AND "word" ...) that the lists all
 * know, each one's count of matching statements into COUNTS (an int64 a
 * word, for dictum_bm25's second argument: its IDF without a walk of the
 * word's whole list); 1, or 0 when they are not such. */
int dm_impacts_counts(dm_store *s, const char *fts, dm_buf *counts);
/* Is FTS a query of one phrase: a string of fts_query.c's, perhaps a
 * prefix ("word" *)?  Sets *PREFIX. */
int dm_fts_one_phrase(const char *fts, int *prefix);
/* The one term of the FTS5 query FTS (a string, "word", as fts_query.c
 * writes a word), as the index's tokenizer makes it, into TERM[CAP];
 * returns 1, or 0 when FTS is anything else. */
int dm_fts_single_term(dm_store *s, const char *fts, char *term, size_t cap);
void dm_impacts_free(dm_store *s); /* the tokenizer */
/* The varint at *P, as SQLite and FTS5 write them, into *V, *P moved
 * past it; 0 (and *P anywhere up to END) when it does not end before END. */
int dm_get_varint(const unsigned char **p, const unsigned char *end, uint64_t *v);

#endif
