#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "link/link.h"
#include "scratch_db.h"
#include "store/internal.h"

static dm_document *doc(const char *name, const char *text)
{
	dm_document *d;
	char err[128];
	assert_int_equal(dm_extract_bytes(name, text, strlen(text), NULL, &d, err, sizeof err, NULL), DM_OK);
	return d;
}

static int count(const dm_row *r, void *ctx)
{
	(void)r;
	(*(int *)ctx)++;
	return 0;
}

static int first_snippet(const dm_row *r, void *ctx)
{
	snprintf(ctx, 256, "%s|%s", r->snippet, r->speaker);
	return 1;
}

static int first_snippet_or_content(const dm_row *r, void *ctx)
{
	snprintf(ctx, 256, "%s", r->snippet ? r->snippet : r->content);
	return 1;
}

static void put_again_is_a_no_op_and_replace_redoes(void **state)
{
	(void)state;
	dm_store *s;
	char err[256];
	assert_int_equal(dm_store_open(db, 0, &s, err, sizeof err), 0);
	assert_int_equal(dm_store_schema_version(s), dm_store_current_version());
	dm_document *d = doc("a.txt", "Mayor Ines Kolar said that the ferry will run all winter.");
	assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
	assert_int_equal(dm_store_put(s, d, NULL, 0, err, sizeof err), DM_STORED);
	assert_int_equal(dm_store_put(s, d, NULL, 0, err, sizeof err), DM_UNCHANGED);
	assert_int_equal(dm_store_put(s, d, NULL, 1, err, sizeof err), DM_STORED);
	assert_int_equal(dm_store_commit(s, err, sizeof err), 0);
	dm_document_free(d);
	int n = 0;
	dm_filter f = {0};
	assert_int_equal(dm_store_quotes(s, &f, count, &n, err, sizeof err), 0);
	assert_int_equal(n, 1); /* replaced, not doubled */
	dm_store_close(s);
}

static int speaker_forms(const dm_speaker_row *r, void *ctx)
{
	char *out = ctx;
	size_t k = strlen(out);
	snprintf(out + k, 512 - k, "%s|%s|%lld;", r->name, r->forms, r->statements);
	return 0;
}

/* Two spellings of one name are one speaker, under the form used most. */
static void speakers_group_the_forms_of_a_name(void **state)
{
	(void)state;
	dm_store *s;
	char err[256], out[512] = "";
	assert_int_equal(dm_store_open(db, 0, &s, err, sizeof err), 0);
	dm_document *a = doc("a.txt", "Hikmet Hajiyev said that the talks will go on.\n\n"
	                              "Hikmet Hajiyev said that the border is calm.");
	dm_document *b = doc("b.txt", "Hikmat Hajiyev said that the road will open.");
	dm_document *c = doc("c.txt", "Piet Hajiyev said that the harbour is full.");
	assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
	assert_int_equal(dm_store_put(s, a, NULL, 0, err, sizeof err), DM_STORED);
	assert_int_equal(dm_store_put(s, b, NULL, 0, err, sizeof err), DM_STORED);
	assert_int_equal(dm_store_put(s, c, NULL, 0, err, sizeof err), DM_STORED);
	assert_int_equal(dm_store_commit(s, err, sizeof err), 0);
	assert_false(dm_store_linked(s));
	dm_link_stats st;
	assert_int_equal(dm_store_link(s, DM_LINK_ALL, &st, err, sizeof err), 0);
	assert_true(dm_store_linked(s));
	assert_int_equal(st.people, 2);
	assert_int_equal(dm_store_speakers(s, NULL, 0, 0, speaker_forms, out, err, sizeof err), 0);
	assert_string_equal(out, "Hikmet Hajiyev|[\"Hikmet Hajiyev\",\"Hikmat Hajiyev\"]|3;"
	                         "Piet Hajiyev|[\"Piet Hajiyev\"]|1;");
	/* one spelling finds the statements of the others */
	int n = 0;
	dm_filter f = {.speaker = "Hikmat Hajiyev"};
	assert_int_equal(dm_store_quotes(s, &f, count, &n, err, sizeof err), 0);
	assert_int_equal(n, 3);
	dm_document_free(a);
	dm_document_free(b);
	dm_document_free(c);
	dm_store_close(s);
}

/* How many statements pass F: a search when F has a query. */
static int how_many(dm_store *s, dm_filter f)
{
	int n = 0;
	char err[256];
	int rc = f.match ? dm_store_search(s, &f, count, &n, err, sizeof err)
	                 : dm_store_quotes(s, &f, count, &n, err, sizeof err);
	assert_int_equal(rc, 0);
	return n;
}

static int count_search(dm_store *s, const char *q)
{
	return how_many(s, (dm_filter){.match = q});
}

/* Statements are indexed when the batch commits; replacing a document
 * before and after that must leave the index whole. */
static void full_text_index_follows_replaces(void **state)
{
	(void)state;
	dm_store *s;
	char err[256];
	assert_int_equal(dm_store_open(db, 0, &s, err, sizeof err), 0);
	dm_document *d = doc("a.txt", "Ines Kolar said that the lighthouse will be repainted.");
	assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
	assert_int_equal(dm_store_put(s, d, NULL, 1, err, sizeof err), DM_STORED);
	assert_int_equal(dm_store_put(s, d, NULL, 1, err, sizeof err), DM_STORED); /* not yet indexed */
	assert_int_equal(dm_store_commit(s, err, sizeof err), 0);
	assert_int_equal(count_search(s, "lighthouse"), 1);
	assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
	assert_int_equal(dm_store_put(s, d, NULL, 1, err, sizeof err), DM_STORED); /* indexed one replaced */
	assert_int_equal(dm_store_commit(s, err, sizeof err), 0);
	assert_int_equal(count_search(s, "lighthouse"), 1);
	assert_int_equal(count_search(s, "repainted"), 1);
	dm_document_free(d);
	dm_store_close(s);
}

/* A document that fails half way is rolled back whole; the rest of the
 * batch is stored. */
static void a_failed_document_leaves_nothing_behind(void **state)
{
	(void)state;
	dm_store *s;
	char err[256];
	assert_int_equal(dm_store_open(db, 0, &s, err, sizeof err), 0);
	dm_store_close(s);
	sqlite3 *raw;
	assert_int_equal(sqlite3_open(db, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw,
	                              "CREATE TRIGGER fail_second BEFORE INSERT ON statements"
	                              " WHEN new.content LIKE '%explode%' BEGIN SELECT RAISE(ABORT, 'injected'); END;",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(raw);

	assert_int_equal(dm_store_open(db, 0, &s, err, sizeof err), 0);
	dm_document *a = doc("a.txt", "Ines Kolar said that the ferry runs.");
	dm_document *b =
	    doc("b.txt", "Tomas Ek said that the cranes are fine. Tomas Ek said that the boiler may explode.");
	dm_document *c = doc("c.txt", "Mira Holt said that the budget passed.");
	assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
	assert_int_equal(dm_store_put(s, a, NULL, 0, err, sizeof err), DM_STORED);
	assert_int_equal(dm_store_put(s, b, NULL, 0, err, sizeof err), DM_STORE_FAILED);
	assert_non_null(strstr(err, "cannot store document")); /* in the user's terms, not SQLite's */
	assert_null(strstr(err, "injected"));
	assert_int_equal(dm_store_put(s, c, NULL, 0, err, sizeof err), DM_STORED);
	assert_int_equal(dm_store_commit(s, err, sizeof err), 0);
	int n = 0;
	dm_filter f = {0};
	assert_int_equal(dm_store_quotes(s, &f, count, &n, err, sizeof err), 0);
	assert_int_equal(n, 2); /* a and c; nothing of b, not even its first statement */
	assert_int_equal(count_search(s, "cranes"), 0);
	dm_document_free(a);
	dm_document_free(b);
	dm_document_free(c);
	dm_store_close(s);
}

/* Does every stored key of statements (DOC 0) or documents (DOC 1) equal
 * what linking makes of its text, read back from the archive? */
static void keys_are_their_texts(dm_store *s, int doc)
{
	sqlite3_stmt *q;
	assert_int_equal(
	    sqlite3_prepare_v2(s->db,
	                       doc ? "SELECT d.text, k.keys FROM document_keys k JOIN documents d ON d.id = "
	                             "k.document"
	                           : "SELECT s.content, k.keys FROM statement_keys k JOIN statements s ON "
	                             "s.id = k.statement",
	                       -1, &q, NULL),
	    SQLITE_OK);
	int n = 0;
	while (sqlite3_step(q) == SQLITE_ROW) {
		dm_buf want = {0};
		const char *text = (const char *)sqlite3_column_text(q, 0);
		assert_int_equal(dm_near_record(text, strlen(text), doc, &want), 0);
		assert_int_equal((size_t)sqlite3_column_bytes(q, 1), want.len);
		assert_memory_equal(sqlite3_column_blob(q, 1), want.data, want.len);
		dm_buf_free(&want);
		n++;
	}
	sqlite3_finalize(q);
	assert_int_equal(n, doc ? 2 : 3);
}

/* Keys a worker made (dm_store_prepare) are stored as the writer would
 * have made them; a record cut short fails its document and leaves
 * nothing of it; keys whose making ran out of memory are made again. */
static void prepared_keys_are_stored_as_made(void **state)
{
	(void)state;
	dm_store *s;
	char err[256];
	assert_int_equal(dm_store_open(db, 0, &s, err, sizeof err), 0);
	dm_document *a = doc("a.txt", "Ines Kolar said that the ferry runs all winter. Tomas Ek said that the cranes "
	                              "are fine.");
	dm_document *b = doc("b.txt", "Mira Holt said that the budget passed.");
	dm_document *c = doc("c.txt", "Oskar Holm said that the harbour will close for a week in spring.");
	dm_buf ka = {0}, kc = {0}, failed = {0};
	assert_int_equal(dm_store_prepare(a, &ka), 0);
	assert_int_equal(dm_store_prepare(c, &kc), 0);
	kc.len--; /* the last statement's record cut short */
	failed.failed = 1;
	assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
	assert_int_equal(dm_store_put(s, a, &ka, 0, err, sizeof err), DM_STORED);
	assert_int_equal(dm_store_put(s, c, &kc, 0, err, sizeof err), DM_STORE_FAILED);
	assert_non_null(strstr(err, "cannot store document"));
	assert_int_equal(dm_store_put(s, b, &failed, 0, err, sizeof err), DM_STORED);
	assert_int_equal(dm_store_commit(s, err, sizeof err), 0);
	keys_are_their_texts(s, 0);
	keys_are_their_texts(s, 1);
	assert_int_equal(count_search(s, "harbour"), 0);
	dm_buf_free(&ka);
	dm_buf_free(&kc);
	dm_document_free(a);
	dm_document_free(b);
	dm_document_free(c);
	dm_store_close(s);
}

/* Every pair of echoes and copies, as one string. */
static void pairs_of(dm_store *s, char *out, size_t cap)
{
	sqlite3_stmt *q;
	assert_int_equal(sqlite3_prepare_v2(s->db,
	                                    "SELECT group_concat(r, ' ') FROM (SELECT 'e' || a || '-' || b || ':' ||"
	                                    " round(similarity, 3) AS r FROM echo_pairs UNION ALL SELECT 'c' || a ||"
	                                    " '-' || b FROM copy_pairs ORDER BY 1)",
	                                    -1, &q, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	snprintf(out, cap, "%s", sqlite3_column_text(q, 0) ? (const char *)sqlite3_column_text(q, 0) : "");
	sqlite3_finalize(q);
}

/* A link's join of statements runs beside it on a connection of its own,
 * which sees only what is committed: keys the link makes itself (rows
 * stored by an older dictum, or another tool) are joined on the link's
 * connection, and the pairs are those of the keys stored with the rows. */
static void echoes_are_found_when_keys_are_made_by_the_link(void **state)
{
	(void)state;
	dm_store *s;
	char err[256], stored[1024], made[1024];
	assert_int_equal(dm_store_open(db, 0, &s, err, sizeof err), 0);
	const char *line = "\"The north quay will stay open to every fishing boat through the winter,\" ";
	char ta[256], tb[256];
	snprintf(ta, sizeof ta, "%sIlse Brand said on Monday.", line);
	snprintf(tb, sizeof tb, "%sIlse Brand told the council.", line);
	dm_document *a = doc("a.txt", ta), *b = doc("b.txt", tb);
	assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
	assert_int_equal(dm_store_put(s, a, NULL, 0, err, sizeof err), DM_STORED);
	assert_int_equal(dm_store_put(s, b, NULL, 0, err, sizeof err), DM_STORED);
	assert_int_equal(dm_store_commit(s, err, sizeof err), 0);
	dm_link_stats st;
	assert_int_equal(dm_store_link(s, DM_LINK_ALL, &st, err, sizeof err), 0);
	pairs_of(s, stored, sizeof stored);
	assert_non_null(strstr(stored, "e1-2:"));
	assert_int_equal(sqlite3_exec(s->db, "DELETE FROM statement_keys; DELETE FROM document_keys", NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(dm_store_link(s, DM_LINK_ALL, &st, err, sizeof err), 0);
	pairs_of(s, made, sizeof made);
	assert_string_equal(made, stored);
	dm_document_free(a);
	dm_document_free(b);
	dm_store_close(s);
}

/* The first column of the one row of SQL on DB, as an integer. */
static int one_number(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *q;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	int n = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return n;
}

/* A writer's log is copied back by a thread of its own: past the bound a
 * commit waits for it, so however much is written the log stays within
 * the bound and a transaction (SQLite's own checkpoints would let this one
 * grow to 64 MB), and everything written is in the archive after. */
static void the_log_is_copied_back_and_stays_bounded(void **state)
{
	(void)state;
	dm_store *s;
	char err[256], wal[300], text[1024];
	assert_int_equal(dm_store_open(db, 0, &s, err, sizeof err), 0);
	assert_non_null(s->checkpointer);
	dm_checkpointer_stop(s);
	dm_checkpointer_start(s, 16 << 10, 256 << 10);
	snprintf(wal, sizeof wal, "%s-wal", db);
	long most = 0;
	for (int i = 0; i < 400; i++) {
		snprintf(text, sizeof text,
		         "Harbour master Lene Vos said on day %d that quay %d will open in the spring. \"We have "
		         "mended the north wall for the %dth time,\" she said, and pier %d will follow in %d weeks.",
		         i, i * 7, i, i * 13, i % 9 + 2);
		dm_document *d = doc("quay.txt", text);
		assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
		assert_int_equal(dm_store_put(s, d, NULL, 0, err, sizeof err), DM_STORED);
		assert_int_equal(dm_store_commit(s, err, sizeof err), 0);
		dm_document_free(d);
		struct stat st;
		if (stat(wal, &st) == 0 && st.st_size > most)
			most = (long)st.st_size;
	}
	dm_store_close(s);
	assert_true(most > 0);
	assert_true(most < 1 << 20);
	sqlite3 *r;
	assert_int_equal(sqlite3_open_v2(db, &r, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(one_number(r, "SELECT count(*) FROM documents"), 400);
	sqlite3_close(r);
}

/* The link checks no foreign keys while it writes (it deletes no parent,
 * and names only rows it read); the archive's are checked again after
 * it: removing a document removes its statements. */
static void foreign_keys_hold_again_after_a_link(void **state)
{
	(void)state;
	dm_store *s;
	char err[256];
	assert_int_equal(dm_store_open(db, 0, &s, err, sizeof err), 0);
	dm_document *a = doc("a.txt", "\"The ferry will run all winter,\" Ines Kolar said on Monday.");
	assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
	assert_int_equal(dm_store_put(s, a, NULL, 0, err, sizeof err), DM_STORED);
	assert_int_equal(dm_store_commit(s, err, sizeof err), 0);
	dm_document_free(a);
	dm_link_stats st;
	assert_int_equal(dm_store_link(s, DM_LINK_ALL, &st, err, sizeof err), 0);
	assert_int_equal(sqlite3_exec(s->db, "DELETE FROM documents", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(one_number(s->db, "SELECT count(*) FROM statements"), 0);
	dm_store_close(s);
}

/* A writer opened to add (an ingest without --replace) checks no
 * references, a link leaves it so, and it refuses to replace; what it
 * stored still holds every reference. */
static void an_add_only_writer_adds_and_refuses_to_replace(void **state)
{
	(void)state;
	dm_store *s;
	char err[256];
	assert_int_equal(dm_store_open(db, DM_OPEN_ADD_ONLY, &s, err, sizeof err), 0);
	assert_int_equal(one_number(s->db, "PRAGMA foreign_keys"), 0);
	dm_document *a = doc("a.txt", "\"The ferry will run all winter,\" Ines Kolar said on Monday.");
	assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
	assert_int_equal(dm_store_put(s, a, NULL, 0, err, sizeof err), DM_STORED);
	assert_int_equal(dm_store_put(s, a, NULL, 1, err, sizeof err), DM_STORE_FAILED);
	assert_non_null(strstr(err, "not to replace"));
	assert_int_equal(dm_store_commit(s, err, sizeof err), 0);
	dm_link_stats st;
	assert_int_equal(dm_store_link(s, DM_LINK_ALL, &st, err, sizeof err), 0);
	assert_int_equal(one_number(s->db, "PRAGMA foreign_keys"), 0);
	assert_int_equal(one_number(s->db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	assert_int_equal(one_number(s->db, "SELECT count(*) FROM statements"), 1);
	dm_store_close(s);
	/* opened again to replace: references checked, the document redone */
	assert_int_equal(dm_store_open(db, 0, &s, err, sizeof err), 0);
	assert_int_equal(one_number(s->db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
	assert_int_equal(dm_store_put(s, a, NULL, 1, err, sizeof err), DM_STORED);
	assert_int_equal(dm_store_commit(s, err, sizeof err), 0);
	assert_int_equal(one_number(s->db, "SELECT count(*) FROM statements"), 1);
	assert_int_equal(
	    one_number(s->db, "SELECT count(*) FROM spans WHERE statement NOT IN (SELECT id FROM statements)"), 0);
	dm_document_free(a);
	dm_store_close(s);
}

/* The full-text index keeps a batch's terms in memory up to 16 MB, in a
 * new archive as in one migrated (schema 18), so that a batch writes a
 * segment or two rather than one a megabyte. */
static void the_index_keeps_16_mb_of_a_batch(void **state)
{
	(void)state;
	dm_store *s;
	char err[256];
	assert_int_equal(dm_store_open(db, DM_OPEN_ADD_ONLY, &s, err, sizeof err), 0);
	assert_int_equal(one_number(s->db, "SELECT v FROM statements_fts_config WHERE k = 'hashsize'"), 16 << 20);
	dm_store_close(s);
}

/* What the spans test reads back: each statement of D's spans as put. */
typedef struct spans_read {
	const dm_document *d;
	int n;
} spans_read;

static int check_spans(const dm_row *r, void *ctx)
{
	spans_read *m = ctx;
	const dm_statement *st = &m->d->statements[m->n++];
	int content = 0, source = 0, cue = 0;
	for (int i = 0; i < r->n_spans; i++) {
		const dm_row_span *sp = &r->spans[i];
		const dm_span *want = sp->role == DM_SPAN_CONTENT  ? &st->content[content++]
		                      : sp->role == DM_SPAN_SOURCE ? (source++, &st->source)
		                                                   : (cue++, &st->cue);
		assert_int_equal(sp->raw_start, want->start);
		assert_int_equal(sp->raw_end, want->end);
		assert_int_equal(sp->raw_cp_start, dm_cp_offset(m->d, want->start));
		assert_int_equal(sp->raw_cp_end, dm_cp_offset(m->d, want->end));
	}
	assert_int_equal(content, st->n_content);
	assert_int_equal(source, st->source.end > st->source.start);
	assert_int_equal(cue, st->cue.end > st->cue.start);
	return 0;
}

/* A document's spans go in by rows of DM_SPAN_ROWS and the rest one by
 * one: documents of 1 to 12 statements (3 to 36 spans: fewer than a row,
 * exactly one, one and some) keep every span, each where it was. */
static void every_span_is_stored_whatever_their_number(void **state)
{
	(void)state;
	static const char *names[] = {"Ines Kolar",   "Tomas Ek",   "Lene Vos",  "Ilse Brand", "Jon Marek",  "Ada Lind",
	                              "Piet Houtman", "Mara Quist", "Olof Renn", "Sanne Bij",  "Kai Torvik", "Rut Alm"};
	char text[4096], err[256];
	for (int n = 1; n <= 12; n++) {
		size_t at = 0;
		for (int i = 0; i < n; i++)
			at += (size_t)snprintf(text + at, sizeof text - at,
			                       "\"The %s quay will open in week %d,\" %s said.\n\n",
			                       i % 2 ? "north" : "south", i + 2, names[i]);
		dm_document *d = doc("quay.txt", text);
		size_t spans = 0;
		for (size_t i = 0; i < d->n_statements; i++)
			spans += (size_t)d->statements[i].n_content +
			         (d->statements[i].source.end > d->statements[i].source.start) +
			         (d->statements[i].cue.end > d->statements[i].cue.start);
		assert_int_equal(d->n_statements, n);
		dm_store *s;
		assert_int_equal(dm_store_open(db, DM_OPEN_ADD_ONLY, &s, err, sizeof err), 0);
		assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
		assert_int_equal(dm_store_put(s, d, NULL, 0, err, sizeof err), DM_STORED);
		assert_int_equal(dm_store_commit(s, err, sizeof err), 0);
		assert_int_equal(one_number(s->db, "SELECT count(*) FROM spans"), (int)spans);
		spans_read m = {d, 0};
		dm_filter all = {0};
		assert_int_equal(dm_store_quotes(s, &all, check_spans, &m, err, sizeof err), 0);
		assert_int_equal(m.n, n);
		dm_store_close(s);
		dm_document_free(d);
		remove_db(db);
	}
}

/* Twelve statements of one talking point, each a word apart: every two
 * are echoes, and a link stores all 66 pairs, each once. */
static void every_pair_of_a_talking_point_is_stored(void **state)
{
	(void)state;
	static const char *names[] = {"Ines Kolar",   "Tomas Ek",   "Lene Vos",  "Ilse Brand", "Jon Marek",  "Ada Lind",
	                              "Piet Houtman", "Mara Quist", "Olof Renn", "Sanne Bij",  "Kai Torvik", "Rut Alm"};
	static const char *ends[] = {"bring", "throw", "carry", "send",  "blow", "drive",
	                             "hurl",  "push",  "sweep", "force", "lash", "fling"};
	dm_store *s;
	char err[256], text[512];
	assert_int_equal(dm_store_open(db, 0, &s, err, sizeof err), 0);
	assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
	for (int i = 0; i < 12; i++) {
		snprintf(
		    text, sizeof text,
		    "On day %d of the council's session in hall %d, %s spoke for the harbour board. \"The north quay "
		    "will stay open to every fishing boat through the long winter months, whatever storms the sea "
		    "may %s at us,\" %s said.",
		    i + 3, i * 7 + 2, names[i], ends[i], names[i]);
		dm_document *d = doc("quay.txt", text);
		assert_int_equal(dm_store_put(s, d, NULL, 0, err, sizeof err), DM_STORED);
		dm_document_free(d);
	}
	assert_int_equal(dm_store_commit(s, err, sizeof err), 0);
	dm_link_stats st;
	assert_int_equal(dm_store_link(s, DM_LINK_ALL, &st, err, sizeof err), 0);
	assert_int_equal(one_number(s->db, "SELECT count(*) FROM echo_pairs"), 66);
	assert_int_equal(one_number(s->db, "SELECT count(DISTINCT a) FROM echo_pairs"), 11);
	assert_int_equal(one_number(s->db, "SELECT count(*) FROM echo_pairs WHERE similarity < 0.5 OR similarity >= 1"),
	                 0);
	dm_store_close(s);
}

static void search_ranks_and_rejects_bad_queries(void **state)
{
	(void)state;
	dm_store *s;
	char err[256], got[256];
	assert_int_equal(dm_store_open(db, 0, &s, err, sizeof err), 0);
	dm_document *a = doc("a.txt", "Ines Kolar said that the ferry will run all winter.");
	dm_document *b = doc("b.txt", "Tomas Ek said that the ferry fares will rise.");
	assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
	dm_store_put(s, a, NULL, 0, err, sizeof err);
	dm_store_put(s, b, NULL, 0, err, sizeof err);
	assert_int_equal(dm_store_commit(s, err, sizeof err), 0);
	dm_document_free(a);
	dm_document_free(b);
	dm_store_close(s);

	assert_int_equal(dm_store_open(db, 1, &s, err, sizeof err), 0);
	dm_filter f = {.match = "fares", .mark_open = "<", .mark_close = ">"};
	assert_int_equal(dm_store_search(s, &f, first_snippet, got, err, sizeof err), 0);
	assert_string_equal(got, "that the ferry <fares> will rise|Tomas Ek");
	f.match = "\"ferry fares";
	got[0] = 0;
	assert_int_equal(dm_store_search(s, &f, first_snippet, got, err, sizeof err), 0);
	assert_string_equal(got, "that the <ferry fares> will rise|Tomas Ek"); /* the quote closed at the end */
	f.match = "fare"; /* the index stems: a word meets its inflections */
	assert_int_equal(dm_store_search(s, &f, first_snippet, got, err, sizeof err), 0);
	assert_string_equal(got, "that the ferry <fares> will rise|Tomas Ek");
	int n = 0;
	dm_filter by = {.speaker = "kolar"};
	assert_int_equal(dm_store_quotes(s, &by, count, &n, err, sizeof err), 0);
	assert_int_equal(n, 1);
	dm_store_close(s);
}

/* What the index is asked for each query as typed. */
static void queries_as_typed_become_fts5_queries(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
	    {"ferry", "\"ferry\""},
	    {"Trump's emails", "\"Trump's\" AND \"emails\""},
	    {"Nagorno-Karabakh", "\"Nagorno-Karabakh\""},
	    {"U.S. 9/11 e-mail Clinton:", "\"U.S.\" AND \"9/11\" AND \"e-mail\" AND \"Clinton:\""},
	    {"NOT trump", "\"NOT\" AND \"trump\""},
	    {"trump NOT", "\"trump\" AND \"NOT\""},
	    {"ferry NOT fares", "\"ferry\" NOT \"fares\""},
	    {"a AND OR b", "\"a\" AND \"AND\" OR \"b\""},
	    {"a or b", "\"a\" AND \"or\" AND \"b\""},
	    {"\"the ferry\" fares", "\"the ferry\" AND \"fares\""},
	    {"\u201cthe ferry\u201d", "\"the ferry\""},
	    {"\"he said \"no\" today\"", "\"he said \" AND \"no\" AND \" today\""},
	    {"\"unclosed", "\"unclosed\""},
	    {"ferr* *", "\"ferr\" *"},
	    {"speaker:Kolar ferry", "speaker : \"Kolar\" AND \"ferry\""},
	    {"speaker:\"Ines Kolar\"", "speaker : \"Ines Kolar\""},
	    {"mayor:Kolar", "\"mayor:Kolar\""},
	    {"NEAR(ferry winter, 5)", "NEAR(\"ferry\" \"winter\", 5)"},
	    {"(a OR b) NEAR(c d) e",
	     "(\"a\" OR \"b\") AND NEAR(\"c\" \"d\") AND \"e\""}, /* FTS5 has no implicit AND there */
	    {"NEAR ferry", "\"NEAR\" AND \"ferry\""},
	    {"(a OR b) c)", "(\"a\" OR \"b\") AND \"c\""},
	    {"((a", "((\"a\"))"},
	    {"() ) (", ""},
	    {"   ", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *q = dm_fts_query(cases[i][0]);
		assert_non_null(q);
		if (strcmp(q, cases[i][1]))
			fail_msg("'%s' became '%s', not '%s'", cases[i][0], q, cases[i][1]);
		free(q);
	}
}

static int keep_view(const dm_doc_view *v, void *ctx)
{
#define OR_DASH(x) ((x) ? (x) : "-")
	snprintf(ctx, 256, "%s|%s|%s|%s|%s|%s", OR_DASH(v->url), OR_DASH(v->language), OR_DASH(v->fetched),
	         OR_DASH(v->date), OR_DASH(v->date_source), OR_DASH(v->comments));
#undef OR_DASH
	return 1;
}

/* What extraction read of a page is kept: its address, language, where
 * its date came from, its readers' comments. */
static void the_archive_keeps_what_extraction_knew(void **state)
{
	(void)state;
	dm_store *s;
	char err[256], got[256];
	static const char page[] =
	    "<html lang=\"en\"><head><title>Quay</title><link rel=\"canonical\" href=\"https://news.example/quay\">"
	    "<meta property=\"article:published_time\" content=\"2024-05-02T10:00:00Z\"></head>"
	    "<body><article><p>Mayor Ines Kolar said that the quay opens in May, after two years of work on the "
	    "harbour walls.</p></article></body></html>";
	assert_int_equal(dm_store_open(db, 0, &s, err, sizeof err), 0);
	dm_document *d = doc("quay.html", page);
	dm_document *t = doc("pier.txt", "Published: 2024-06-01\n\nMayor Ines Kolar said that the pier is safe.");
	static const dm_comment comments[] = {{"Safe? \"Never\".", "Lina", "2024-06-02"}, {"Agreed.", NULL, NULL}};
	d->comments = comments;
	d->n_comments = 2;
	assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
	assert_int_equal(dm_store_put(s, d, NULL, 0, err, sizeof err), DM_STORED);
	assert_int_equal(dm_store_put(s, t, NULL, 0, err, sizeof err), DM_STORED);
	assert_int_equal(dm_store_commit(s, err, sizeof err), 0);
	dm_document_free(d);
	dm_document_free(t);
	assert_int_equal(dm_store_document(s, "quay.html", keep_view, NULL, got, err, sizeof err), 0);
	assert_string_equal(got, "https://news.example/quay|en|-|2024-05-02|page|"
	                         "[{\"text\":\"Safe? \\\"Never\\\".\",\"author\":\"Lina\",\"date\":\"2024-06-02\"},"
	                         "{\"text\":\"Agreed.\",\"author\":null,\"date\":null}]");
	assert_int_equal(dm_store_document(s, "pier.txt", keep_view, NULL, got, err, sizeof err), 0);
	assert_string_equal(got, "-|-|-|2024-06-01|text|[]");
	dm_store_close(s);
}

/* What the archive refuses to open, each said in the user's terms. */
static void opens_that_are_refused(void **state)
{
	(void)state;
	dm_store *s;
	char err[512];
	assert_int_equal(dm_store_open("", 0, &s, err, sizeof err), -1);
	assert_non_null(strstr(err, "no database named"));

	sqlite3 *raw; /* somebody else's SQLite file */
	assert_int_equal(sqlite3_open(db, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "CREATE TABLE notes(x); INSERT INTO notes VALUES (1)", NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(raw);
	assert_int_equal(dm_store_open(db, 0, &s, err, sizeof err), -1);
	assert_non_null(strstr(err, "a SQLite database of something else"));
	assert_int_equal(dm_store_open(db, DM_OPEN_READONLY, &s, err, sizeof err), -1);
	assert_int_equal(dm_store_open(db, DM_OPEN_ADOPT, &s, err, sizeof err), 0); /* --init */
	dm_store_close(s);
	assert_int_equal(sqlite3_open(db, &raw), SQLITE_OK);
	int notes = 0;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(raw, "SELECT count(*) FROM notes", -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		notes = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	assert_int_equal(notes, 1); /* theirs kept */

	/* an archive of a newer dictum, then of an older one */
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", dm_store_current_version() + 1);
	assert_int_equal(sqlite3_exec(raw, sql, NULL, NULL, NULL), SQLITE_OK);
	for (int flags = 0; flags <= DM_OPEN_READONLY; flags++) {
		assert_int_equal(dm_store_open(db, flags, &s, err, sizeof err), -1);
		assert_non_null(strstr(err, "an archive of a newer dictum"));
		assert_null(strstr(err, "migrate"));
	}
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", dm_store_current_version() - 1);
	assert_int_equal(sqlite3_exec(raw, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	assert_int_equal(dm_store_open(db, DM_OPEN_READONLY, &s, err, sizeof err), -1);
	assert_non_null(strstr(err, "an archive of an older dictum"));
	assert_non_null(strstr(err, "dictum link --db"));
}

static void count_problem(const char *problem, void *ctx)
{
	(void)problem;
	(*(int *)ctx)++;
}

/* The check finds an archive whole, then each kind of damage. */
static void check_finds_what_is_broken(void **state)
{
	(void)state;
	dm_store *s;
	char err[256];
	assert_int_equal(dm_store_open(db, 0, &s, err, sizeof err), 0);
	dm_document *d = doc("a.txt", "Mayor Ines Kolar said that the ferry will run all winter.");
	assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
	assert_int_equal(dm_store_put(s, d, NULL, 0, err, sizeof err), DM_STORED);
	assert_int_equal(dm_store_commit(s, err, sizeof err), 0);
	dm_document_free(d);
	int problems = 0;
	assert_int_equal(dm_store_check(s, count_problem, &problems, err, sizeof err), 0);
	dm_store_close(s);
	static const char *const damage[] = {
	    "UPDATE spans SET raw_end = 100000",                /* a span past its document */
	    "UPDATE fts_state SET indexed = 0",                 /* statements the index lacks */
	    "PRAGMA foreign_keys = OFF; DELETE FROM documents", /* statements of no document */
	};
	for (size_t i = 0; i < sizeof damage / sizeof *damage; i++) {
		teardown(state);
		assert_int_equal(dm_store_open(db, 0, &s, err, sizeof err), 0);
		d = doc("a.txt", "Mayor Ines Kolar said that the ferry will run all winter.");
		assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
		assert_int_equal(dm_store_put(s, d, NULL, 0, err, sizeof err), DM_STORED);
		assert_int_equal(dm_store_commit(s, err, sizeof err), 0);
		dm_document_free(d);
		dm_store_close(s);
		sqlite3 *raw;
		assert_int_equal(sqlite3_open(db, &raw), SQLITE_OK);
		assert_int_equal(sqlite3_exec(raw, damage[i], NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(raw);
		assert_int_equal(dm_store_open(db, 0, &s, err, sizeof err), 0);
		problems = 0;
		long n = dm_store_check(s, count_problem, &problems, err, sizeof err);
		if (n < 1)
			fail_msg("'%s' went unseen", damage[i]);
		dm_store_close(s);
	}
}

static void readonly_open_of_a_missing_schema_fails_clearly(void **state)
{
	(void)state;
	dm_store *s;
	char err[256];
	FILE *f = fopen(db, "w");
	fclose(f);
	assert_int_equal(dm_store_open(db, 1, &s, err, sizeof err), -1);
	assert_non_null(strstr(err, "no dictum data"));
}

/* What the migration test reads back of each statement. */
typedef struct migrated {
	const dm_document *d;
	int n;
	long long max_id;
} migrated;

static int check_migrated(const dm_row *r, void *ctx)
{
	migrated *m = ctx;
	const dm_statement *st = &m->d->statements[m->n++];
	assert_string_equal(r->content, st->content_text);
	assert_int_equal(r->kind, st->kind);
	assert_int_equal(r->speaker_type, st->speaker_type);
	int parts = 0;
	for (int i = 0; i < r->n_spans; i++) {
		const dm_row_span *sp = &r->spans[i];
		if (sp->role == DM_SPAN_CONTENT) {
			assert_int_equal(sp->raw_start, st->content[parts].start);
			assert_int_equal(sp->raw_end, st->content[parts].end);
			assert_int_equal(sp->raw_cp_start, dm_cp_offset(m->d, st->content[parts].start));
			parts++;
			/* in the body: the cleaned text holds the same words there */
			assert_true(sp->text_start >= 0);
			assert_memory_equal(m->d->text + sp->text_start, m->d->raw + sp->raw_start,
			                    (size_t)(sp->raw_end - sp->raw_start));
			uint32_t cp;
			assert_int_equal(dm_text_offset(m->d, (uint32_t)sp->raw_start, 0, &cp), sp->text_start);
			assert_int_equal(cp, sp->text_cp_start);
		} else if (sp->role == DM_SPAN_SOURCE) {
			assert_int_equal(sp->raw_start, st->source.start);
		}
	}
	assert_int_equal(parts, st->n_content);
	if (r->id > m->max_id)
		m->max_id = r->id;
	return 0;
}

/* The statement's spans as schema 1 to 5 stored them: JSON, code points. */
static void old_offsets(const dm_document *d, const dm_statement *st, char *out, size_t cap)
{
	size_t n = (size_t)snprintf(out, cap, "{\"content\":[");
	for (int i = 0; i < st->n_content; i++)
		n += (size_t)snprintf(out + n, cap - n, "%s[%u,%u]", i ? "," : "",
		                      dm_cp_offset(d, st->content[i].start), dm_cp_offset(d, st->content[i].end));
	n += (size_t)snprintf(out + n, cap - n, "],\"source\":[");
	if (st->source.end > st->source.start)
		n += (size_t)snprintf(out + n, cap - n, "[%u,%u]", dm_cp_offset(d, st->source.start),
		                      dm_cp_offset(d, st->source.end));
	n += (size_t)snprintf(out + n, cap - n, "],\"cue\":[");
	if (st->cue.end > st->cue.start)
		n += (size_t)snprintf(out + n, cap - n, "[%u,%u]", dm_cp_offset(d, st->cue.start),
		                      dm_cp_offset(d, st->cue.end));
	snprintf(out + n, cap - n, "]}");
}

/* D's statements as schemas 1 to 5 stored them: kinds and types by name,
 * spans as JSON. */
static void old_statements(sqlite3 *raw, const dm_document *d)
{
	sqlite3_stmt *ins;
	assert_int_equal(sqlite3_prepare_v2(raw,
	                                    "INSERT INTO statements(id, doc_id, seq, kind, content, speaker,"
	                                    " speaker_mention, speaker_type, cue, venue, via, offsets)"
	                                    " VALUES (?1 + 40, 7, ?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, '[]', ?8)",
	                                    -1, &ins, NULL),
	                 SQLITE_OK);
	for (size_t i = 0; i < d->n_statements; i++) {
		const dm_statement *st = &d->statements[i];
		char offsets[512];
		old_offsets(d, st, offsets, sizeof offsets);
		sqlite3_bind_int(ins, 1, (int)i);
		sqlite3_bind_text(ins, 2, dm_kind_name(st->kind), -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, st->content_text, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 4, st->speaker, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 5, st->speaker_mention, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 6, dm_speaker_type_name(st->speaker_type), -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 7, st->cue_text, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 8, offsets, -1, SQLITE_TRANSIENT);
		assert_int_equal(sqlite3_step(ins), SQLITE_DONE);
		sqlite3_reset(ins);
	}
	sqlite3_finalize(ins);
}

/* D's statements as schema 6 stored them: codes, and spans as rows. */
static void coded_statements(sqlite3 *raw, const dm_document *d)
{
	sqlite3_stmt *ins, *span;
	assert_int_equal(sqlite3_prepare_v2(raw,
	                                    "INSERT INTO statements(id, doc_id, seq, kind, content, speaker,"
	                                    " speaker_mention, speaker_type, cue, venue, via)"
	                                    " VALUES (?1 + 40, 7, ?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, '[]')",
	                                    -1, &ins, NULL),
	                 SQLITE_OK);
	assert_int_equal(
	    sqlite3_prepare_v2(raw, "INSERT INTO spans VALUES (?1 + 40, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", -1,
	                       &span, NULL),
	    SQLITE_OK);
	for (size_t i = 0; i < d->n_statements; i++) {
		const dm_statement *st = &d->statements[i];
		sqlite3_bind_int(ins, 1, (int)i);
		sqlite3_bind_int(ins, 2, (int)st->kind);
		sqlite3_bind_text(ins, 3, st->content_text, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 4, st->speaker, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 5, st->speaker_mention, -1, SQLITE_STATIC);
		sqlite3_bind_int(ins, 6, (int)st->speaker_type);
		sqlite3_bind_text(ins, 7, st->cue_text, -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(ins), SQLITE_DONE);
		sqlite3_reset(ins);
		for (int k = 0; k < st->n_content + 2; k++) {
			dm_span sp = k < st->n_content ? st->content[k] : k == st->n_content ? st->source : st->cue;
			if (sp.end <= sp.start)
				continue;
			uint32_t cs = 0, ce = 0, ts = dm_text_offset(d, sp.start, 0, &cs),
			         te = dm_text_offset(d, sp.end, 1, &ce);
			sqlite3_bind_int(span, 1, (int)i);
			sqlite3_bind_int(span, 2,
			                 k < st->n_content    ? DM_SPAN_CONTENT
			                 : k == st->n_content ? DM_SPAN_SOURCE
			                                      : DM_SPAN_CUE);
			sqlite3_bind_int(span, 3, k < st->n_content ? k : 0);
			sqlite3_bind_int64(span, 4, sp.start);
			sqlite3_bind_int64(span, 5, sp.end);
			sqlite3_bind_int64(span, 6, dm_cp_offset(d, sp.start));
			sqlite3_bind_int64(span, 7, dm_cp_offset(d, sp.end));
			if (ts != UINT32_MAX && te != UINT32_MAX) {
				sqlite3_bind_int64(span, 8, ts);
				sqlite3_bind_int64(span, 9, te);
				sqlite3_bind_int64(span, 10, cs);
				sqlite3_bind_int64(span, 11, ce);
			}
			assert_int_equal(sqlite3_step(span), SQLITE_DONE);
			sqlite3_reset(span);
			sqlite3_clear_bindings(span);
		}
	}
	sqlite3_finalize(ins);
	sqlite3_finalize(span);
}

/* An archive of each earlier schema, holding a document as that version
 * stored it, moves to the current one on a writable open: its statements
 * keep their words, kinds and speakers and get their places as integers
 * in the raw and the cleaned text; the index finds them by stems; they
 * link; the same document again is a no-op; new statements get new ids. */
static void migration_from_every_earlier_version(void **state)
{
	static const char text[] = "Ferry row\n\nPublished: 2024-01-10\n\n"
	                           "Harbour chief Tom\xc3\xa1s \xc3\x89k said that the ferries will run all winter.\n\n"
	                           "\"We have the crews for it,\" \xc3\x89k said.\n";
	for (int version = 1; version < dm_store_current_version(); version++) {
		teardown(state);
		dm_document *d = doc("old.txt", text);
		assert_true(d->n_statements >= 2);
		assert_true(d->text_len < d->raw_len); /* the title is not in the cleaned text */
		sqlite3 *raw;
		sqlite3_stmt *ins;
		assert_int_equal(sqlite3_open(db, &raw), SQLITE_OK);
		assert_int_equal(dm_store_create_at(raw, version), 0);
		assert_int_equal(
		    sqlite3_prepare_v2(raw,
		                       "INSERT INTO documents(id, hash, source, title, date, authors, raw, text)"
		                       " VALUES (7, ?1, 'old.txt', ?2, ?3, '[]', ?4, ?5)",
		                       -1, &ins, NULL),
		    SQLITE_OK);
		sqlite3_bind_blob(ins, 1, d->hash, sizeof d->hash, SQLITE_STATIC);
		sqlite3_bind_text(ins, 2, d->title, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, d->date, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 4, d->raw, (int)d->raw_len, SQLITE_STATIC);
		sqlite3_bind_text(ins, 5, d->text, (int)d->text_len, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(ins), SQLITE_DONE);
		sqlite3_finalize(ins);
		if (version < 6)
			old_statements(raw, d);
		else
			coded_statements(raw, d);
		/* as a batch's commit indexed them; statement 50 was stored and removed since */
		assert_int_equal(sqlite3_exec(raw,
		                              "INSERT INTO statements_fts(rowid, content, speaker)"
		                              "  SELECT id, content, speaker FROM statements;"
		                              "UPDATE fts_state SET indexed = 50;"
		                              "UPDATE sqlite_sequence SET seq = 50 WHERE name = 'statements';",
		                              NULL, NULL, NULL),
		                 SQLITE_OK);
		sqlite3_close(raw);

		dm_store *s;
		char err[256];
		if (dm_store_open(db, 0, &s, err, sizeof err))
			fail_msg("version %d: %s", version, err);
		assert_int_equal(dm_store_schema_version(s), dm_store_current_version());
		assert_int_equal(one_number(s->db, "SELECT v FROM statements_fts_config WHERE k = 'hashsize'"), 16 << 20);
		migrated m = {d, 0, 0};
		dm_filter all = {0};
		assert_int_equal(dm_store_quotes(s, &all, check_migrated, &m, err, sizeof err), 0);
		assert_int_equal(m.n, (int)d->n_statements);
		int n = 0;
		dm_filter f = {.match = "ferry"}; /* "ferries" in the text */
		assert_int_equal(dm_store_search(s, &f, count, &n, err, sizeof err), 0);
		assert_int_equal(n, 1);
		dm_link_stats ls;
		assert_int_equal(dm_store_link(s, DM_LINK_ALL, &ls, err, sizeof err), 0);
		n = 0;
		dm_filter by = {.speaker = "Tomas Ek"};
		assert_int_equal(dm_store_quotes(s, &by, count, &n, err, sizeof err), 0);
		assert_int_equal(n, (int)d->n_statements);
		assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
		assert_int_equal(dm_store_put(s, d, NULL, 0, err, sizeof err), DM_UNCHANGED);
		dm_document *e = doc("new.txt", "Mayor Ines Kolar said that the quay opens in May.");
		assert_int_equal(dm_store_put(s, e, NULL, 0, err, sizeof err), DM_STORED);
		assert_int_equal(dm_store_commit(s, err, sizeof err), 0);
		dm_document_free(e);
		migrated later = {NULL, 0, 0};
		dm_filter kolar = {.speaker = "Kolar"};
		assert_int_equal(dm_store_quotes(s, &kolar, count, &later.n, err, sizeof err), 0);
		assert_int_equal(later.n, 1);
		n = 0;
		dm_filter quay = {.match = "quay"}; /* indexed: its id is past what was indexed before */
		assert_int_equal(dm_store_search(s, &quay, count, &n, err, sizeof err), 0);
		assert_int_equal(n, 1);
		dm_store_close(s);
		dm_document_free(d);
	}
}

/* A statement's id and rank, as the search gives them. */
typedef struct ranked {
	long long id[16];
	double rank[16];
	char snippet[16][512];
	int n;
	long long total; /* as the first row says */
	int estimated;   /* and whether it says the total is an estimate */
} ranked;

static int collect_rank(const dm_row *r, void *ctx)
{
	ranked *x = ctx;
	assert_true(x->n < 16);
	x->id[x->n] = r->id;
	snprintf(x->snippet[x->n], sizeof x->snippet[0], "%s", r->snippet ? r->snippet : "");
	x->total = r->total;
	x->estimated = r->total_estimated;
	x->rank[x->n++] = r->rank;
	return 0;
}

/* Store each of TEXTS as a document, dated DATES[i] (DATES or an entry
 * NULL: undated). */
static void store_dated(const char **texts, const char **dates, int n)
{
	dm_store *s;
	char err[256];
	assert_int_equal(dm_store_open(db, 0, &s, err, sizeof err), 0);
	assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
	for (int i = 0; i < n; i++) {
		char name[64];
		snprintf(name, sizeof name, "t%d-%zu.txt", i, strlen(texts[i]));
		dm_document *d = doc(name, texts[i]);
		if (dates)
			d->date = dates[i];
		assert_int_equal(dm_store_put(s, d, NULL, 0, err, sizeof err), DM_STORED);
		dm_document_free(d);
	}
	assert_int_equal(dm_store_commit(s, err, sizeof err), 0);
	dm_store_close(s);
}

static void store_texts(const char **texts, int n)
{
	store_dated(texts, NULL, n);
}

/* dm_row_fn: whether each row came inside a transaction of S's, ANDed
 * into the first int of CTX (the second holds S's connection). */
typedef struct in_txn {
	int all;
	sqlite3 *db;
} in_txn;

static int row_in_txn(const dm_row *r, void *ctx)
{
	(void)r;
	in_txn *t = ctx;
	t->all &= !sqlite3_get_autocommit(t->db);
	return 0;
}

static void a_search_is_one_read_transaction(void **state)
{
	(void)state;
	const char *texts[] = {"Ines Kolar said that the ferry will run all winter.",
	                       "Tomas Ek said that the ferry fares will rise."};
	store_texts(texts, 2);
	dm_store *s;
	char err[256], got[256];
	assert_int_equal(dm_store_open(db, 0, &s, err, sizeof err), 0);
	/* its queries in one snapshot, ended when it is done, whether the
	 * caller read every row or not; a search inside the caller's
	 * transaction is part of it */
	in_txn t = {1, s->db};
	dm_filter f = {.match = "ferry"};
	assert_int_equal(dm_store_search(s, &f, row_in_txn, &t, err, sizeof err), 0);
	assert_true(t.all);
	assert_true(sqlite3_get_autocommit(s->db));
	dm_filter by = {.speaker = "kolar"};
	assert_int_equal(dm_store_quotes(s, &by, row_in_txn, &t, err, sizeof err), 0);
	assert_true(t.all);
	assert_true(sqlite3_get_autocommit(s->db));
	dm_filter more = {.match = "ferry OR winter OR kolar"};
	assert_int_equal(dm_store_search(s, &more, first_snippet_or_content, got, err, sizeof err), 0);
	assert_true(sqlite3_get_autocommit(s->db));
	assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
	assert_int_equal(dm_store_search(s, &f, row_in_txn, &t, err, sizeof err), 0);
	assert_false(sqlite3_get_autocommit(s->db));
	assert_int_equal(dm_store_commit(s, err, sizeof err), 0);
	dm_store_close(s);
}

/* Q's matches ranked by the search on S equal FTS5's own bm25(), match by
 * match, in the same order. */
static void ranks_are_fts5_bm25(dm_store *s, const char *q, int expect)
{
	ranked got = {0};
	char err[256];
	dm_filter f = {.match = q};
	assert_int_equal(dm_store_search(s, &f, collect_rank, &got, err, sizeof err), 0);
	assert_int_equal(got.n, expect);
	sqlite3 *raw;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open_v2(db, &raw, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(raw,
	                                    "SELECT rowid, bm25(statements_fts) AS r,"
	                                    " snippet(statements_fts, 0, '[', ']', '…', 24) FROM statements_fts"
	                                    " WHERE statements_fts MATCH ?1 ORDER BY r",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	for (int i = 0; i < got.n; i++) {
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int64(st, 0), got.id[i]);
		assert_float_equal(sqlite3_column_double(st, 1), got.rank[i], 1e-12);
	}
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	sqlite3_close(raw);
}

/* dictum_bm25 (rank.c) gives bm25()'s numbers whether or not the
 * connection keeps the statements' lengths, and a connection that keeps
 * them learns the lengths of statements stored after it opened. */
static void ranking_is_bm25_with_or_without_kept_lengths(void **state)
{
	(void)state;
	const char *first[] = {
	    "Ines Kolar said that the ferry will run.",
	    "Tomas Ek said that the ferry, the ferry and once more the ferry will be late all winter because of the "
	    "storms on the northern coast.",
	    "Mira Holt said that a new harbour for the ferry is planned for next spring, with more seats and a cafe.",
	    "Oskar Lind said that the bridge is closed.",
	};
	char long_one[2000] = "Dara Venn said that the ferry";
	for (int i = 0; i < 140; i++) /* over 127 tokens: two bytes of a varint */
		strcat(long_one, i % 10 ? " and more" : " ferry");
	strcat(long_one, ".");
	const char *later[] = {
	    "Vilma Dale said that the ferry ferry ferry is the only way home.",
	    "Karin Sund said that nobody asked the islanders about the bridge or the ferry before the vote.",
	    long_one,
	};
	store_texts(first, 4);
	dm_store *plain, *kept;
	char err[256];
	assert_int_equal(dm_store_open(db, 1, &plain, err, sizeof err), 0);
	assert_int_equal(dm_store_open(db, 1, &kept, err, sizeof err), 0);
	assert_int_equal(dm_store_keep_facts(kept, err, sizeof err), 0);
	ranks_are_fts5_bm25(plain, "ferry", 3);
	ranks_are_fts5_bm25(kept, "ferry", 3);
	ranks_are_fts5_bm25(kept, "ferry OR bridge", 4);
	ranks_are_fts5_bm25(kept, "\"the ferry\" winter", 1);

	store_texts(later, 3); /* while both are open */
	ranks_are_fts5_bm25(plain, "ferry", 6);
	ranks_are_fts5_bm25(kept, "ferry", 6);
	ranks_are_fts5_bm25(kept, "ferry OR bridge", 7);
	ranks_are_fts5_bm25(kept, "isl*", 1);
	dm_store_close(plain);
	dm_store_close(kept);
}

/* The hits of FTS5's own ranking of its query Q (of SPEAKER's statements
 * alone, when not NULL), with ties in id order: ranks into RANK and ids
 * into ID, from OFFSET, at most 20; returns how many. */
/* FTS5's own page of Q (20 from OFFSET, of SPEAKER's statements or all):
 * each one's id, bm25() and snippet as the search asks for it. */
static int fts5_page_of(const char *q, const char *speaker, int offset, long long *id, double *rank,
                        char snippet[][512])
{
	sqlite3 *raw;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open_v2(db, &raw, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(raw,
	                                    "SELECT rowid, bm25(statements_fts) AS r,"
	                                    " snippet(statements_fts, 0, '[', ']', '…', 24) FROM statements_fts"
	                                    " WHERE statements_fts MATCH ?1 AND (?3 IS NULL OR rowid IN"
	                                    "  (SELECT id FROM statements WHERE speaker = ?3))"
	                                    " ORDER BY r, rowid LIMIT 20 OFFSET ?2",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, offset);
	if (speaker)
		sqlite3_bind_text(st, 3, speaker, -1, SQLITE_STATIC);
	int n = 0;
	for (; sqlite3_step(st) == SQLITE_ROW; n++) {
		id[n] = sqlite3_column_int64(st, 0);
		rank[n] = sqlite3_column_double(st, 1);
		snprintf(snippet[n], 512, "%s", (const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_finalize(st);
	sqlite3_close(raw);
	return n;
}

/* F's search on A and on B (whose page is left in *GOT): the same page,
 * ranks, snippets and count; how many rows. */
static int same_search(dm_store *a, dm_store *b, const dm_filter *f, ranked *got)
{
	ranked x = {0};
	char err[256];
	assert_int_equal(dm_store_search(a, f, collect_rank, &x, err, sizeof err), 0);
	assert_int_equal(dm_store_search(b, f, collect_rank, got, err, sizeof err), 0);
	assert_int_equal(x.n, got->n);
	assert_int_equal(x.total, got->total);
	assert_int_equal(x.estimated, got->estimated);
	for (int j = 0; j < x.n; j++) {
		assert_int_equal(x.id[j], got->id[j]);
		assert_float_equal(x.rank[j], got->rank[j], 1e-12);
		assert_string_equal(x.snippet[j], got->snippet[j]);
	}
	return x.n;
}

/* The search W of SPEAKER's statements gives FTS5's page of them. */
static void speaker_page_as_fts5(dm_store *s, const char *w, const char *q, const char *speaker)
{
	long long id[20];
	double rank[20];
	static char snippet[20][512];
	int n = fts5_page_of(q, speaker, 0, id, rank, snippet);
	ranked got = {0};
	char err[256];
	dm_filter f = {.match = w, .speaker = speaker, .limit = 16};
	assert_int_equal(dm_store_search(s, &f, collect_rank, &got, err, sizeof err), 0);
	assert_true(n > 0);
	sqlite3 *raw;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open_v2(db, &raw, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(raw,
	                                    "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH ?1 AND"
	                                    " (?2 IS NULL OR rowid IN (SELECT id FROM statements WHERE speaker = ?2))",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, speaker, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(got.total, sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(raw);
	assert_int_equal(got.n, n < 16 ? n : 16);
	for (int i = 0; i < got.n; i++) {
		assert_int_equal(got.id[i], id[i]);
		assert_float_equal(got.rank[i], rank[i], 1e-9);
		assert_string_equal(got.snippet[i], snippet[i]);
	}
}

/* The search W, FTS5's query Q, is answered by impacts.c, HOW (0: not;
 * DM_TOP_LISTS: by lists): by dm_impacts_prefix when PREFIX, each hit
 * with its snippet, else by dm_impacts_top; with FTS5's page, rank for
 * rank, and count of matches; and the search gives that page too. */
static void answered(dm_store *s, const char *w, const char *q, int offset, int how, int prefix)
{
	long long id[20];
	double rank[20];
	static char snippet[20][512];
	int n = fts5_page_of(q, NULL, offset, id, rank, snippet);
	dm_hit *hits;
	size_t n_hits;
	sqlite3_int64 total;
	int used = prefix ? dm_impacts_prefix(s, q, offset, 20, "[", "]", &hits, &n_hits, &total)
	                  : dm_impacts_top(s, q, offset, 20, &hits, &n_hits, &total);
	if (used != how)
		fail_msg("'%s': answered %d ways, not %d", w, used, how);
	if (used) {
		assert_int_equal(n_hits, n);
		for (int i = 0; i < n; i++) {
			if (hits[i].id != id[i])
				fail_msg("'%s' from %d: hit %d is %lld, FTS5 ranks %lld there", w, offset, i,
				         hits[i].id, id[i]);
			assert_float_equal(hits[i].rank, rank[i], 1e-9);
			if (prefix)
				assert_string_equal(hits[i].snippet, snippet[i]);
			free(hits[i].snippet);
		}
		free(hits);
		sqlite3 *raw;
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_open_v2(db, &raw, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_prepare_v2(raw,
		                                    "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH ?1",
		                                    -1, &st, NULL),
		                 SQLITE_OK);
		sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(total, sqlite3_column_int64(st, 0));
		sqlite3_finalize(st);
		sqlite3_close(raw);
	}
	ranked got = {0};
	char err[256];
	dm_filter f = {.match = w, .limit = 16, .offset = offset};
	assert_int_equal(dm_store_search(s, &f, collect_rank, &got, err, sizeof err), 0);
	assert_int_equal(got.n, n < 16 ? n : 16);
	for (int i = 0; i < got.n; i++) {
		assert_int_equal(got.id[i], id[i]);
		assert_float_equal(got.rank[i], rank[i], 1e-9);
		assert_string_equal(got.snippet[i], snippet[i]);
	}
}

static void page_as(dm_store *s, const char *w, const char *q, int offset, int how)
{
	answered(s, w, q, offset, how, 0);
}

static void prefix_page_as(dm_store *s, const char *w, const char *q, int offset, int how)
{
	answered(s, w, q, offset, how, 1);
}

static void page_as_fts5(dm_store *s, const char *w, int offset, int how)
{
	char q[64];
	snprintf(q, sizeof q, "\"%s\"", w);
	page_as(s, w, q, offset, how);
}

/* The ids of SPEAKER's statements, rising, into IDS[CAP]: how many. */
static long speaker_ids(dm_store *s, const char *speaker, int64_t *ids, long cap)
{
	(void)s;
	sqlite3 *raw;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open_v2(db, &raw, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(
	    sqlite3_prepare_v2(raw, "SELECT id FROM statements WHERE speaker = ?1 ORDER BY id", -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(st, 1, speaker, -1, SQLITE_STATIC);
	long n = 0;
	while (sqlite3_step(st) == SQLITE_ROW && n < cap)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(raw);
	return n;
}

/* A large archive's frequent words are ranked by their impact lists
 * (impacts.c), a prefix, a phrase, a rarer word and a search of one
 * speaker's statements by a pass over their matches, a prefix among a
 * speaker's few statements by reading each: the pages are FTS5's own
 * ranking, exactly, for random words and offsets, before and after
 * statements are added since the lists were made and, once one they hold
 * is deleted, by a pass again. */
static void impact_lists_rank_as_every_match(void **state)
{
	(void)state;
	static const char *const words[] = {"ferry", "harbour", "winter", "bridge", "island", "council", "storm",
	                                    "fares", "pier",    "budget", "school", "road",   "harvest", "stormy"};
	static const char *const names[] = {"Ines Kolar", "Tomas Ek", "Mira Holt", "Oskar Holm", "Vilma Dale"};
	static const char *const days[] = {"2023-01-04", "2023-02-11", "2023-03-20", "2023-05-02", "2023-06-30",
	                                   "2023-08-15", "2023-10-01", "2024-01-09", "2024-03-03", NULL};
	unsigned seed = 7;
	dm_store *s;
	char err[256];
	assert_int_equal(dm_store_open(db, 0, &s, err, sizeof err), 0);
	dm_buf text = {0}, first_text = {0};
	for (int round = 0; round < 2; round++) {
		assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
		for (int d = 0; d < (round ? 30 : 450); d++) {
			dm_buf_reset(&text);
			for (int k = 0; k < 50; k++) {
				seed = seed * 1103515245u + 12345u;
				/* and one who speaks seldom */
				dm_buf_printf(&text, "%s said that the",
				              k == 1 && d % 5 == 0 ? "Pia Lund" : names[(seed >> 16) % 5]);
				int len = 2 + (int)((seed >> 8) % 9);
				for (int j = 0; j < len; j++) {
					seed = seed * 1103515245u + 12345u;
					dm_buf_printf(&text, " %s", words[(seed >> 16) % 14]);
				}
				dm_buf_puts(&text, k == 0 && d % 10 == 0 ? " quay.\n\n" : ".\n\n");
			}
			char name[32];
			snprintf(name, sizeof name, "r%d-%d.txt", round, d);
			if (!first_text.len)
				dm_buf_puts(&first_text, text.data);
			dm_document *doc_ = doc(name, text.data);
			doc_->date = days[d % 10]; /* for filters by date */
			assert_int_equal(dm_store_put(s, doc_, NULL, 0, err, sizeof err), DM_STORED);
			dm_document_free(doc_);
		}
		assert_int_equal(dm_store_commit(s, err, sizeof err), 0);
		if (round == 0) {
			assert_false(dm_store_search_ready(s)); /* large enough to want lists */
			dm_link_stats st;
			assert_int_equal(dm_store_link(s, DM_LINK_ALL, &st, err, sizeof err), 0);
			assert_true(dm_store_search_ready(s));
		}
		for (int i = 0; i < 12; i++) {
			seed = seed * 1103515245u + 12345u;
			page_as_fts5(s, words[i], (int)((seed >> 16) % 40), DM_TOP_LISTS);
		}
		page_as_fts5(s, "ferries", 0, DM_TOP_LISTS); /* the same term, as the index stems it */
		page_as_fts5(s, "quay", 0, DM_TOP_PASS);     /* in too few statements for a list */
		/* a prefix of terms with a list: the list of the terms it begins
		 * (har: harbour, harvest; st: storm, stormi; storm: both, and a
		 * term of its own), or of the one term it begins (fer: ferri),
		 * to the page's end */
		for (int i = 0; i < 3; i++) {
			seed = seed * 1103515245u + 12345u;
			int offset = (int)((seed >> 16) % (DM_PREFIX_PAGES - 20));
			prefix_page_as(s, "har*", "\"har\" *", offset, DM_TOP_LISTS);
			prefix_page_as(s, "st*", "\"st\" *", offset / 7, DM_TOP_LISTS);
			prefix_page_as(s, "storm*", "\"storm\" *", offset / 3, DM_TOP_LISTS);
			prefix_page_as(s, "fer*", "\"fer\" *", offset / 5, DM_TOP_LISTS);
		}
		prefix_page_as(s, "har*", "\"har\" *", DM_PREFIX_PAGES - 20, DM_TOP_LISTS);
		/* hol: holt, holm, once in a statement each: one group of the
		 * same tf, its page at the end of what the lists keep */
		prefix_page_as(s, "hol*", "\"hol\" *", DM_PREFIX_PAGES - 20, DM_TOP_LISTS);
		prefix_page_as(s, "har*", "\"har\" *", DM_PREFIX_PAGES - 19, 0); /* past what the lists keep */
		prefix_page_as(s, "s*", "\"s\" *", 0, 0);   /* said, school, storm: too short a prefix */
		prefix_page_as(s, "h*", "\"h\" *", 0, 0);   /* harbour ... holt: not har's list */
		prefix_page_as(s, "qu*", "\"qu\" *", 0, 0); /* quai: in too few statements */
		/* a prefix, a phrase: every match read once */
		page_as(s, "fer*", "\"fer\" *", 3, DM_TOP_PREFIX);
		page_as(s, "\"the ferry\"", "\"the ferry\"", 11, DM_TOP_PASS);
		/* words joined: ranked in SQL, their counts from the lists */
		dm_buf counts = {0};
		assert_int_equal(dm_impacts_counts(s, "\"ferry\" AND \"harbour\"", &counts), 1);
		assert_int_equal(counts.len, 2 * sizeof(sqlite3_int64));
		assert_int_equal(dm_impacts_counts(s, "\"ferry\" AND \"quay\"", &counts), 0); /* quay has none */
		dm_buf_free(&counts);
		page_as(s, "ferry harbour", "\"ferry\" AND \"harbour\"", 5, 0);
		/* with a filter: one pass, those that pass ranked */
		speaker_page_as_fts5(s, "ferry", "\"ferry\"", "Mira Holt");
		speaker_page_as_fts5(s, "fer*", "\"fer\" *", "Tomas Ek");
		/* a prefix among a speaker's few statements: each read and looked
		 * through (a sixth of har's is too many) */
		speaker_page_as_fts5(s, "har*", "\"har\" *", "Pia Lund");
		speaker_page_as_fts5(s, "st*", "\"st\" *", "Pia Lund");
		{
			int64_t few[64], many[8192];
			long n_few = speaker_ids(s, "Pia Lund", few, 64),
			     n_many = speaker_ids(s, "Tomas Ek", many, 8192);
			dm_hit *hits;
			size_t n_hits;
			sqlite3_int64 total;
			assert_int_equal(dm_impacts_prefix_among(s, "\"har\" *", NULL, few, n_few, 0, 16, "[", "]",
			                                         &hits, &n_hits, &total),
			                 DM_TOP_LISTS);
			assert_true(n_hits > 0 && hits[0].snippet);
			for (size_t i = 0; i < n_hits; i++)
				free(hits[i].snippet);
			free(hits);
			assert_int_equal(dm_impacts_prefix_among(s, "\"har\" *", NULL, many, n_many, 0, 16, "[", "]",
			                                         &hits, &n_hits, &total),
			                 0);
		}
		/* a word with a list and filters C can test: read off the list
		 * (dates kept by the connection, a speaker's or a person's
		 * statements), as SQL's pass gives it on a connection that keeps
		 * no dates, page, ranks, snippets and count */
		dm_store *kept, *plain;
		assert_int_equal(dm_store_open(db, 1, &kept, err, sizeof err), 0);
		assert_int_equal(dm_store_keep_facts(kept, err, sizeof err), 0);
		assert_int_equal(dm_store_open(db, 1, &plain, err, sizeof err), 0);
		for (int i = 0; i < 6; i++) {
			seed = seed * 1103515245u + 12345u;
			dm_filter f = {
			    .match = words[i], .since = days[i % 8], .limit = 16, .offset = (int)((seed >> 16) % 30)};
			if (i % 2)
				f.until = "2024";
			if (i % 3)
				f.speaker = names[i % 5];
			if (i == 5)
				f.speaker = NULL, f.person = "oskar-holm";
			ranked k = {0};
			assert_true(same_search(plain, kept, &f, &k) > 0);
			/* and it was the list that answered: none of no one's */
			char q[64];
			snprintf(q, sizeof q, "\"%s\"", words[i]);
			dm_dates *dates = dm_dates_new(kept, f.since, f.until ? "2024-12-31" : NULL);
			dm_hit *hits;
			size_t n_hits;
			sqlite3_int64 total;
			int estimated;
			assert_int_equal(dm_impacts_filtered(kept, q, dates, NULL, -1, f.offset, 16, NULL, NULL, &hits,
			                                     &n_hits, &total, &estimated),
			                 DM_TOP_LISTS);
			assert_false(estimated); /* a word's lists keep every statement */
			if (!f.speaker && !f.person) {
				assert_int_equal(total, k.total);
				assert_int_equal(hits[0].id, k.id[0]);
			}
			free(hits);
			int64_t no_one = 0;
			assert_int_equal(dm_impacts_filtered(kept, q, dates, &no_one, 0, 0, 16, NULL, NULL, &hits,
			                                     &n_hits, &total, &estimated),
			                 DM_TOP_LISTS);
			assert_int_equal(total, 0);
			assert_int_equal(n_hits, 0);
			free(hits);
			dm_dates_free(dates);
		}
		/* a prefix with dates: its page off its list, FTS5's own, and
		 * its count estimated from the list's share that passed; with
		 * none of its statements passing, a pass's count, exact */
		for (int i = 0; i < 4; i++) {
			dm_filter f = {
			    .match = i % 2 ? "har*" : "st*", .since = days[2 + i], .limit = 16, .offset = 3 * i};
			ranked k = {0}, x = {0};
			assert_int_equal(dm_store_search(plain, &f, collect_rank, &x, err, sizeof err), 0);
			assert_int_equal(dm_store_search(kept, &f, collect_rank, &k, err, sizeof err), 0);
			assert_int_equal(k.n, 16);
			for (int j = 0; j < k.n; j++) {
				assert_int_equal(x.id[j], k.id[j]);
				assert_float_equal(x.rank[j], k.rank[j], 1e-12);
				assert_string_equal(x.snippet[j], k.snippet[j]);
			}
			assert_false(x.estimated);
			assert_true(k.estimated);
			if (k.total < x.total * 0.9 || k.total > x.total * 1.1)
				fail_msg("'%s' since %s: %lld estimated, %lld in all", f.match, f.since, k.total,
				         x.total);
		}
		/* deeper, past what the list's cut groups vouch for: a pass's page */
		for (int i = 0; i < 8; i++) {
			/* nine tenths of the statements pass, then one tenth: from an
			 * offset of about 300 on, the page is past the list's cut */
			int offset = i < 4 ? 100 + 290 * i : 60 * (i - 3);
			dm_filter f = {.match = "har*", .since = days[i < 4 ? 1 : 8], .limit = 16, .offset = offset};
			ranked k = {0}, x = {0};
			assert_int_equal(dm_store_search(plain, &f, collect_rank, &x, err, sizeof err), 0);
			assert_int_equal(dm_store_search(kept, &f, collect_rank, &k, err, sizeof err), 0);
			assert_int_equal(k.n, x.n);
			for (int j = 0; j < k.n; j++)
				if (x.id[j] != k.id[j])
					fail_msg("har* since %s from %d: hit %d is %lld, the pass's %lld", f.since,
					         offset, j, k.id[j], x.id[j]);
		}
		{
			dm_filter f = {.match = "har*", .since = "2030-01-01", .limit = 16};
			ranked k = {0};
			assert_int_equal(dm_store_search(kept, &f, collect_rank, &k, err, sizeof err), 0);
			assert_int_equal(k.n, 0);
		}
		/* a prefix among a speaker's few statements, with dates */
		for (int i = 0; i < 3; i++) {
			dm_filter f = {
			    .match = i ? "har*" : "st*", .speaker = "Pia Lund", .since = days[2 * i], .limit = 16};
			ranked k = {0};
			assert_true(same_search(plain, kept, &f, &k) > 0);
		}
		dm_store_close(kept);
		dm_store_close(plain);
	}
	/* a document stored anew: the statements the lists hold of it are gone */
	assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
	dm_document *first = doc("r0-0.txt", first_text.data);
	assert_int_equal(dm_store_put(s, first, NULL, 1, err, sizeof err), DM_STORED);
	dm_document_free(first);
	assert_int_equal(dm_store_commit(s, err, sizeof err), 0);
	page_as_fts5(s, "ferry", 0, DM_TOP_PASS);
	prefix_page_as(s, "har*", "\"har\" *", 0, 0);
	/* the lists made again, alone (as ingest does for an archive that is
	 * linked but whose lists are wanting) */
	assert_false(dm_store_search_ready(s));
	dm_link_stats st;
	assert_int_equal(dm_store_link(s, DM_LINK_SEARCH, &st, err, sizeof err), 0);
	assert_true(dm_store_search_ready(s));
	page_as_fts5(s, "ferry", 0, DM_TOP_LISTS);
	prefix_page_as(s, "har*", "\"har\" *", 0, DM_TOP_LISTS);
	dm_buf_free(&text);
	dm_buf_free(&first_text);
	dm_store_close(s);
}

/* Snippets are made by dictum (snippet.c), from where a prefix's pass
 * found the prefix or from the content, and are FTS5's own: in quotations
 * longer than a snippet, of several sentences (FTS5 prefers a window from
 * a sentence's start), with colons, a word repeated, side by side, at
 * either end, after a letter with an accent, all the search's pages and a
 * speaker's; for a prefix, a phrase, and words and phrases joined, which
 * FTS5 marks as one where they overlap and scores by how many of them a
 * window holds. */
static void snippets_are_fts5s(void **state)
{
	(void)state;
	static const char *const words[] = {"ferry",  "ferries",      "fervent", "harbour", "hardly", "the", "and",
	                                    "winter", "F\xC3\xA9rry", "council", "road",    "pier",   "is",  "late"};
	static const char *const ends[] = {".", ":", ";", ",", "!"};
	static const char *const names[] = {"Ines Kolar", "Tomas Ek", "Mira Holt"};
	enum { DOCS = 60 };
	static char text[DOCS][2000];
	const char *texts[DOCS];
	unsigned seed = 11;
	for (int d = 0; d < DOCS; d++) {
		int at = snprintf(text[d], sizeof text[d], "%s said: \xE2\x80\x9C", names[d % 3]);
		seed = seed * 1103515245u + 12345u;
		int sentences = 1 + (int)((seed >> 16) % 4);
		for (int k = 0; k < sentences; k++) {
			seed = seed * 1103515245u + 12345u;
			int len = 3 + (int)((seed >> 16) % 25);
			for (int j = 0; j < len; j++) {
				seed = seed * 1103515245u + 12345u;
				at += snprintf(text[d] + at, sizeof text[d] - (size_t)at, "%s%s", j || k ? " " : "",
				               words[(seed >> 16) % 14]);
			}
			seed = seed * 1103515245u + 12345u;
			at += snprintf(text[d] + at, sizeof text[d] - (size_t)at, "%s",
			               k + 1 < sentences ? ends[(seed >> 16) % 5] : ".");
		}
		snprintf(text[d] + at, sizeof text[d] - (size_t)at, "\xE2\x80\x9D\n");
		texts[d] = text[d];
	}
	static const char *const days[] = {"2023-01-15", "2023-06-01", "2024-02-29", NULL};
	const char *dates[DOCS];
	for (int d = 0; d < DOCS; d++)
		dates[d] = days[d % 4];
	store_dated(texts, dates, DOCS);
	/* the prefix only at a sentence's start: the window centred on it */
	const char *centred[] = {
	    "Oskar Lind said: \xE2\x80\x9CThe council and the road and the winter and the road and the "
	    "council is late again this year. Pierside shops close early and the road is shut "
	    "and the council is late and the winter is long and the road is cold.\xE2\x80\x9D\n"};
	store_texts(centred, 1);
	dm_store *s;
	char err[256];
	assert_int_equal(dm_store_open(db, 1, &s, err, sizeof err), 0);
	static const char *const prefixes[][2] = {{"fer*", "\"fer\" *"}, {"ferr*", "\"ferr\" *"}, {"har*", "\"har\" *"},
	                                          {"f*", "\"f\" *"},     {"w*", "\"w\" *"},       {"pi*", "\"pi\" *"}};
	for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
		speaker_page_as_fts5(s, prefixes[i][0], prefixes[i][1], NULL);
		speaker_page_as_fts5(s, prefixes[i][0], prefixes[i][1], names[i % 3]);
	}
	speaker_page_as_fts5(s, "pier*", "\"pier\" *", "Oskar Lind");
	static const char *const joined[][2] = {
	    {"\"the road\"", "\"the road\""},
	    {"\"the road\" winter", "\"the road\" AND \"winter\""},
	    {"ferry harbour", "\"ferry\" AND \"harbour\""},
	    {"late council road", "\"late\" AND \"council\" AND \"road\""},
	    {"\"road and the\" \"and the road\"", "\"road and the\" AND \"and the road\""},
	    {"\"the winter\" winter", "\"the winter\" AND \"winter\""},
	    {"road road", "\"road\" AND \"road\""},
	    {"ferry har*", "\"ferry\" AND \"har\" *"},
	    {"F\xC3\xA9rry \"is late\"", "\"F\xC3\xA9rry\" AND \"is late\""},
	};
	for (size_t i = 0; i < sizeof joined / sizeof *joined; i++) {
		speaker_page_as_fts5(s, joined[i][0], joined[i][1], NULL);
		for (int k = 0; k < 3; k++) /* and of each speaker who said them */
			if (how_many(s, (dm_filter){.match = joined[i][0], .speaker = names[k]}))
				speaker_page_as_fts5(s, joined[i][0], joined[i][1], names[k]);
	}
	/* with dates: the pass that tests the kept dates gives the page SQL's
	 * filter gives, ranks, snippets and count */
	dm_store *kept;
	assert_int_equal(dm_store_open(db, 1, &kept, err, sizeof err), 0);
	assert_int_equal(dm_store_keep_facts(kept, err, sizeof err), 0);
	static const char *const bounds[][2] = {{"2023-02-01", NULL}, {NULL, "2023-06"}, {"2024", "2024"}};
	for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
		for (size_t b = 0; b < 3; b++) {
			ranked k = {0};
			dm_filter f = {
			    .match = prefixes[i][0], .since = bounds[b][0], .until = bounds[b][1], .limit = 16};
			same_search(s, kept, &f, &k);
		}
	dm_store_close(kept);
	dm_store_close(s);
}

static int count_with(dm_store *s, const char *match, const char *speaker, const char *person)
{
	return how_many(s, (dm_filter){.match = match, .speaker = speaker, .person = person});
}

/* A speaker filter finds a person by part of any form, in any case, by
 * another spelling of the name (its key), by the person's id; a form
 * linked to no one by part of it; and a statement stored since the last
 * link by its speaker's name as written. */
static void speaker_filter_finds_every_spelling_and_the_unlinked(void **state)
{
	(void)state;
	const char *linked[] = {
	    "Hikmet Hajiyev said that the talks will go on.",
	    "Hikmat Hajiyev said that the talks must resume.",
	    "Ines Kolar said that the talks are over.",
	};
	const char *unlinked[] = {"Mira Holt said that the talks bore her."};
	store_texts(linked, 3);
	dm_store *s;
	char err[256];
	dm_link_stats st;
	assert_int_equal(dm_store_open(db, 0, &s, err, sizeof err), 0);
	assert_int_equal(dm_store_link(s, DM_LINK_ALL, &st, err, sizeof err), 0);
	dm_store_close(s);
	store_texts(unlinked, 1);

	assert_int_equal(dm_store_open(db, 1, &s, err, sizeof err), 0);
	for (int search = 0; search < 2; search++) {
		const char *q = search ? "talks" : NULL;
		assert_int_equal(count_with(s, q, "hajiyev", NULL), 2);
		assert_int_equal(count_with(s, q, "Hikmat", NULL), 2); /* one form has it; its key finds the other's */
		assert_int_equal(count_with(s, q, "KOLAR", NULL), 1);
		assert_int_equal(count_with(s, q, "Holt", NULL), 1); /* not linked yet */
		assert_int_equal(count_with(s, q, "Holtz", NULL), 0);
		assert_int_equal(count_with(s, q, "ol", NULL), 2); /* Kolar, Holt: shorter than a trigram */
		assert_int_equal(count_with(s, q, NULL, "ines-kolar"), 1);
		assert_int_equal(count_with(s, q, NULL, "ines"), 0); /* a person's id is exact */
		assert_int_equal(count_with(s, q, "ines-kolar", NULL), 1);
		assert_int_equal(count_with(s, q, "Hajiyev", "ines-kolar"), 0);
	}
	dm_store_close(s);
	/* a person's id numbered (two people's names made the same id) is
	 * part of no name or key, and still finds its person */
	sqlite3 *raw;
	assert_int_equal(sqlite3_open(db, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw,
	                              "UPDATE persons SET id = 'ines-kolar-2' WHERE id = 'ines-kolar';"
	                              "UPDATE speaker_forms SET person = 'ines-kolar-2' WHERE person = 'ines-kolar';"
	                              "UPDATE speaker_names SET person = 'ines-kolar-2' WHERE person = 'ines-kolar';",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_changes(raw), 1);
	sqlite3_close(raw);
	assert_int_equal(dm_store_open(db, 1, &s, err, sizeof err), 0);
	for (int search = 0; search < 2; search++) {
		const char *q = search ? "talks" : NULL;
		assert_int_equal(count_with(s, q, "ines-kolar-2", NULL), 1);
		assert_int_equal(count_with(s, q, NULL, "ines-kolar-2"), 1);
		assert_int_equal(count_with(s, q, "ines-kolar-3", NULL), 0);
	}
	dm_store_close(s);
}

static int dated(dm_store *s, const char *q, const char *since, const char *until)
{
	return how_many(s, (dm_filter){.match = q, .since = since, .until = until});
}

/* A search's date filter gives the same answers from the dates a
 * connection keeps (kept.c), or copied from another's, as from the
 * documents: a month or a year since is before its first day, until
 * takes in its last; undated documents pass no bound; documents stored
 * after the dates were read are found too. */
static void date_filters_agree_with_or_without_kept_dates(void **state)
{
	(void)state;
	const char *texts[] = {
	    "Ines Kolar said that the ferry runs in January.",
	    "Tomas Ek said that the ferry runs in May.",
	    "Mira Holt said that the ferry runs in leap years.",
	    "Oskar Lind said that the ferry runs whenever.",
	};
	const char *dates[] = {"2023-01-05", "2023-05", "2024-02-29", NULL};
	const char *later[] = {"Vilma Dale said that the ferry runs on Sundays."};
	const char *later_date[] = {"2023-05-20"};
	store_dated(texts, dates, 4);
	dm_store *plain, *kept, *copied;
	char err[256];
	assert_int_equal(dm_store_open(db, 1, &plain, err, sizeof err), 0);
	assert_int_equal(dm_store_open(db, 1, &kept, err, sizeof err), 0);
	assert_int_equal(dm_store_keep_facts(kept, err, sizeof err), 0);
	/* what a server's new connection does: a copy of another's */
	assert_int_equal(dm_store_open(db, 1, &copied, err, sizeof err), 0);
	assert_int_equal(dm_store_keep_facts_from(copied, kept, err, sizeof err), 0);
	for (int round = 0; round < 2; round++) {
		int more = round; /* the later document, 2023-05-20 */
		for (int k = 0; k < 3; k++) {
			dm_store *s = k == 2 ? copied : k ? kept : plain;
			assert_int_equal(dated(s, "ferry", NULL, NULL), 4 + more);
			assert_int_equal(dated(s, "ferry", "2023-01-01", NULL), 3 + more);
			assert_int_equal(dated(s, "ferry", "2023-05-01", NULL), 1 + more); /* "2023-05" is before */
			assert_int_equal(dated(s, "ferry", "2023-05", "2023-12-31"), 1 + more);
			assert_int_equal(dated(s, "ferry", NULL, "2023-05"), 2 + more); /* until a month: all of it */
			assert_int_equal(dated(s, "ferry", NULL, "2023"), 2 + more);
			assert_int_equal(dated(s, "ferry", "2024", NULL), 1);
			assert_int_equal(dated(s, "ferry", "2025-01-01", NULL), 0);
			assert_int_equal(dated(s, "January", NULL, "2023-01-05"), 1);
			assert_int_equal(dated(s, "January", "2023-01-06", NULL), 0);
			/* a prefix: the kept dates are tested in its ranking pass */
			assert_int_equal(dated(s, "fer*", "2023-01-01", NULL), 3 + more);
			assert_int_equal(dated(s, "fer*", NULL, "2023-05"), 2 + more);
			assert_int_equal(dated(s, "fer*", "2025-01-01", NULL), 0);
		}
		if (!round)
			store_dated(later, later_date, 1);
	}
	dm_store_close(plain);
	dm_store_close(kept);
	dm_store_close(copied);
}

static int month_counts(const char *month, long long n, void *ctx)
{
	char *out = ctx;
	size_t k = strlen(out);
	snprintf(out + k, 256 - k, "%s=%lld;", month ? month : "undated", n);
	return 0;
}

/* Per month, then how many the months leave out; newest first on asking. */
static void months_say_how_many_are_undated(void **state)
{
	(void)state;
	const char *texts[] = {
	    "Ines Kolar said that the ferry runs in January.",
	    "Ines Kolar said that the ferry runs in March.",
	    "Ines Kolar said that the ferry runs whenever.",
	    "Ines Kolar said that the ferry runs on Sundays.",
	};
	const char *dates[] = {"2023-01-05", "2023-03-02", NULL, NULL};
	store_dated(texts, dates, 4);
	dm_store *s;
	char err[256], got[256] = "";
	assert_int_equal(dm_store_open(db, 1, &s, err, sizeof err), 0);
	dm_filter f = {.speaker = "Kolar"};
	assert_int_equal(dm_store_months(s, &f, month_counts, got, err, sizeof err), 0);
	assert_string_equal(got, "2023-01=1;2023-03=1;undated=2;");
	f.order = DM_ORDER_NEWEST;
	assert_int_equal(dm_store_quotes(s, &f, first_snippet_or_content, got, err, sizeof err), 0);
	assert_string_equal(got, "that the ferry runs in March");
	dm_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(put_again_is_a_no_op_and_replace_redoes, setup, teardown),
	    cmocka_unit_test_setup_teardown(search_ranks_and_rejects_bad_queries, setup, teardown),
	    cmocka_unit_test_setup_teardown(full_text_index_follows_replaces, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_failed_document_leaves_nothing_behind, setup, teardown),
	    cmocka_unit_test_setup_teardown(prepared_keys_are_stored_as_made, setup, teardown),
	    cmocka_unit_test_setup_teardown(echoes_are_found_when_keys_are_made_by_the_link, setup, teardown),
	    cmocka_unit_test_setup_teardown(the_log_is_copied_back_and_stays_bounded, setup, teardown),
	    cmocka_unit_test_setup_teardown(foreign_keys_hold_again_after_a_link, setup, teardown),
	    cmocka_unit_test_setup_teardown(an_add_only_writer_adds_and_refuses_to_replace, setup, teardown),
	    cmocka_unit_test_setup_teardown(every_span_is_stored_whatever_their_number, setup, teardown),
	    cmocka_unit_test_setup_teardown(the_index_keeps_16_mb_of_a_batch, setup, teardown),
	    cmocka_unit_test_setup_teardown(every_pair_of_a_talking_point_is_stored, setup, teardown),
	    cmocka_unit_test(a_search_is_one_read_transaction),
	    cmocka_unit_test(queries_as_typed_become_fts5_queries),
	    cmocka_unit_test_setup_teardown(the_archive_keeps_what_extraction_knew, setup, teardown),
	    cmocka_unit_test_setup_teardown(opens_that_are_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(check_finds_what_is_broken, setup, teardown),
	    cmocka_unit_test_setup_teardown(readonly_open_of_a_missing_schema_fails_clearly, setup, teardown),
	    cmocka_unit_test_setup_teardown(speakers_group_the_forms_of_a_name, setup, teardown),
	    cmocka_unit_test_setup_teardown(migration_from_every_earlier_version, setup, teardown),
	    cmocka_unit_test_setup_teardown(ranking_is_bm25_with_or_without_kept_lengths, setup, teardown),
	    cmocka_unit_test_setup_teardown(impact_lists_rank_as_every_match, setup, teardown),
	    cmocka_unit_test_setup_teardown(snippets_are_fts5s, setup, teardown),
	    cmocka_unit_test_setup_teardown(speaker_filter_finds_every_spelling_and_the_unlinked, setup, teardown),
	    cmocka_unit_test_setup_teardown(date_filters_agree_with_or_without_kept_dates, setup, teardown),
	    cmocka_unit_test_setup_teardown(months_say_how_many_are_undated, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
