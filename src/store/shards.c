/*
 * shards: what a cluster's tasks need of the archive.  A task ingests its
 * list of inputs into an archive of its own (a shard) and marks the list
 * done in the transaction of its last batch, so that the task run again
 * passes over it; one merge then adds every shard to the archive that is
 * served.
 *
 * A merge copies rows from the shard, attached to the archive's
 * connection, in SQL: documents the archive lacks (by the hash of their
 * text) get the next ids, in the shard's order, and their statements the
 * next statement ids, so that shards merged in the order of their inputs
 * number everything as one ingest of those inputs would.  The shard's
 * band keys come along; what linking made of the shard does not (the
 * merged archive is linked as a whole, after).  Documents go in chunks,
 * each a transaction with its statements indexed, so that a merge that is
 * stopped keeps what it committed and the same merge run again adds the
 * rest.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

#define CHUNK_DOCS 20000

int dm_store_completed(dm_store *s, const unsigned char key[16], dm_completion *out, char *err, size_t errlen)
{
	sqlite3_stmt *q;
	if (dm_query(s, "SELECT at, files, failed FROM completed WHERE inputs = ?1", &q) != SQLITE_OK)
		return dm_sqlerr(s, err, errlen, "cannot read what was ingested");
	sqlite3_bind_blob(q, 1, key, 16, SQLITE_STATIC);
	int rc = sqlite3_step(q), found = rc == SQLITE_ROW;
	if (found) {
		snprintf(out->at, sizeof out->at, "%s", dm_col(q, 0) ? dm_col(q, 0) : "");
		out->files = (size_t)sqlite3_column_int64(q, 1);
		out->failed = (size_t)sqlite3_column_int64(q, 2);
	}
	dm_query_done(s, q);
	if (!found && rc != SQLITE_DONE)
		return dm_sqlerr(s, err, errlen, "cannot read what was ingested");
	return found;
}

int dm_store_mark_completed(dm_store *s, const unsigned char key[16], const dm_completion *how, char *err,
                            size_t errlen)
{
	sqlite3_stmt *q;
	if (dm_query(s, "INSERT OR REPLACE INTO completed(inputs, files, failed) VALUES (?1, ?2, ?3)", &q) != SQLITE_OK)
		return dm_sqlerr(s, err, errlen, "cannot mark the inputs done");
	sqlite3_bind_blob(q, 1, key, 16, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, (sqlite3_int64)how->files);
	sqlite3_bind_int64(q, 3, (sqlite3_int64)how->failed);
	int rc = sqlite3_step(q) == SQLITE_DONE ? 0 : dm_sqlerr(s, err, errlen, "cannot mark the inputs done");
	dm_query_done(s, q);
	return rc;
}

/* ---- merging ---- */

/* A chunk: the shard's documents with ids in (?1, ?2].  Each step is
 * one statement; the maps are emptied first. */
static const char *const chunk_steps[] = {
    "DELETE FROM temp.merge_docs",
    "DELETE FROM temp.merge_stmts",
    /* the documents the archive has not, numbered on from its last */
    "INSERT INTO temp.merge_docs(old, new)"
    " SELECT d.id, (SELECT coalesce(max(id), 0) FROM main.documents) + row_number() OVER (ORDER BY d.id)"
    " FROM shard.documents d WHERE d.id > ?1 AND d.id <= ?2"
    " AND NOT EXISTS (SELECT 1 FROM main.documents m WHERE m.hash = d.hash)",
    "INSERT INTO main.documents(id, hash, source, title, date, outlet, authors, raw, text, ingested, url, language,"
    " fetched, date_source, comments)"
    " SELECT m.new, d.hash, d.source, d.title, d.date, d.outlet, d.authors, d.raw, d.text, d.ingested, d.url,"
    " d.language, d.fetched, d.date_source, d.comments"
    " FROM temp.merge_docs m JOIN shard.documents d ON d.id = m.old ORDER BY m.new",
    /* their statements, numbered on from the highest id ever given
     * (statement ids only grow: the index counts on it) */
    "INSERT INTO temp.merge_stmts(old, new)"
    " SELECT s.id, max(coalesce((SELECT seq FROM main.sqlite_sequence WHERE name = 'statements'), 0),"
    "  (SELECT coalesce(max(id), 0) FROM main.statements)) + row_number() OVER (ORDER BY s.id)"
    " FROM temp.merge_docs m JOIN shard.statements s ON s.doc_id = m.old",
    "INSERT INTO main.statements(id, doc_id, seq, kind, content, speaker, speaker_mention, speaker_type, cue,"
    " venue, via)"
    " SELECT ms.new, md.new, s.seq, s.kind, s.content, s.speaker, s.speaker_mention, s.speaker_type, s.cue,"
    " s.venue, s.via FROM temp.merge_stmts ms JOIN shard.statements s ON s.id = ms.old"
    " JOIN temp.merge_docs md ON md.old = s.doc_id ORDER BY ms.new",
    "INSERT INTO main.spans(statement, role, part, raw_start, raw_end, raw_cp_start, raw_cp_end, text_start,"
    " text_end, text_cp_start, text_cp_end)"
    " SELECT ms.new, p.role, p.part, p.raw_start, p.raw_end, p.raw_cp_start, p.raw_cp_end, p.text_start,"
    " p.text_end, p.text_cp_start, p.text_cp_end"
    " FROM temp.merge_stmts ms JOIN shard.spans p ON p.statement = ms.old",
    "INSERT INTO main.statement_keys(statement, keys)"
    " SELECT ms.new, k.keys FROM temp.merge_stmts ms JOIN shard.statement_keys k ON k.statement = ms.old",
    "INSERT INTO main.document_keys(document, keys)"
    " SELECT md.new, k.keys FROM temp.merge_docs md JOIN shard.document_keys k ON k.document = md.old",
    "INSERT INTO main.roles(doc_id, speaker, title)"
    " SELECT md.new, r.speaker, r.title FROM temp.merge_docs md JOIN shard.roles r ON r.doc_id = md.old"
    " ORDER BY md.new, r.rowid",
    /* every input that gave one of the chunk's documents gives the
     * archive's document of that text from now on, new or not */
    "INSERT OR IGNORE INTO main.inputs(hash, doc_id)"
    " SELECT i.hash, m.id FROM shard.documents d JOIN shard.inputs i ON i.doc_id = d.id"
    " JOIN main.documents m ON m.hash = d.hash WHERE d.id > ?1 AND d.id <= ?2",
};
enum { STEP_DOCS = 3, STEP_STATEMENTS = 5, N_STEPS = sizeof chunk_steps / sizeof *chunk_steps };

static int exec(dm_store *s, const char *sql, char *err, size_t errlen, const char *what)
{
	return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : dm_sqlerr(s, err, errlen, what);
}

/* The last document id of the chunk after LO, into *HI: 1, or 0 when the
 * shard has none after LO, -1 on error. */
static int chunk_end(dm_store *s, sqlite3_int64 lo, sqlite3_int64 *hi)
{
	sqlite3_stmt *q;
	if (dm_query(s, "SELECT max(id) FROM (SELECT id FROM shard.documents WHERE id > ?1 ORDER BY id LIMIT ?2)",
	             &q) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(q, 1, lo);
	sqlite3_bind_int(q, 2, CHUNK_DOCS);
	int rc = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_type(q, 0) != SQLITE_NULL : -1;
	if (rc == 1)
		*hi = sqlite3_column_int64(q, 0);
	dm_query_done(s, q);
	return rc;
}

/* The chunk (LO, HI] in the open transaction, counted into ST. */
static int merge_chunk(dm_store *s, sqlite3_int64 lo, sqlite3_int64 hi, dm_merge_stats *st)
{
	for (size_t i = 0; i < N_STEPS; i++) {
		sqlite3_stmt *q;
		if (dm_query(s, chunk_steps[i], &q) != SQLITE_OK)
			return -1;
		if (sqlite3_bind_parameter_count(q) == 2) {
			sqlite3_bind_int64(q, 1, lo);
			sqlite3_bind_int64(q, 2, hi);
		}
		int rc = sqlite3_step(q);
		dm_query_done(s, q);
		if (rc != SQLITE_DONE)
			return -1;
		if (i == STEP_DOCS)
			st->documents += (size_t)sqlite3_changes(s->db);
		else if (i == STEP_STATEMENTS)
			st->statements += (size_t)sqlite3_changes(s->db);
	}
	return 0;
}

/* 1 when PATH is the file S is open on. */
static int same_file(dm_store *s, const char *path)
{
	const char *mine = sqlite3_db_filename(s->db, "main");
	struct stat a, b;
	return mine && *mine && stat(mine, &a) == 0 && stat(path, &b) == 0 && a.st_dev == b.st_dev &&
	       a.st_ino == b.st_ino;
}

/* Is SHARD an archive this dictum reads?  0, or 1 with a message. */
static int check_shard(dm_store *s, const char *shard, char *err, size_t errlen)
{
	struct stat st;
	if (stat(shard, &st) != 0) {
		snprintf(err, errlen, "%s: %s", shard, strerror(errno));
		return 1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not an archive file (a folder, or a device)", shard);
		return 1;
	}
	if (same_file(s, shard)) {
		snprintf(err, errlen, "%s: this is the archive merged into, not a shard of it", shard);
		return 1;
	}
	dm_store *probe;
	if (dm_store_open(shard, DM_OPEN_READONLY, &probe, err, errlen))
		return 1;
	dm_store_close(probe);
	return 0;
}

/* ST's count of the shard's documents the archive had already. */
static void count_present(dm_store *s, dm_merge_stats *st)
{
	sqlite3_stmt *q;
	if (dm_query(s, "SELECT count(*) FROM shard.documents", &q) != SQLITE_OK)
		return;
	if (sqlite3_step(q) == SQLITE_ROW && (size_t)sqlite3_column_int64(q, 0) >= st->documents)
		st->present = (size_t)sqlite3_column_int64(q, 0) - st->documents;
	dm_query_done(s, q);
}

/* The shard's aliases, where the archive has none of its own, then its
 * documents chunk by chunk (the shard attached): 0 or -1. */
static int merge_attached(dm_store *s, dm_merge_stats *st, char *err, size_t errlen)
{
	if (exec(s,
	         "CREATE TEMP TABLE IF NOT EXISTS merge_docs(old INTEGER PRIMARY KEY, new INTEGER NOT NULL);"
	         "CREATE TEMP TABLE IF NOT EXISTS merge_stmts(old INTEGER PRIMARY KEY, new INTEGER NOT NULL);",
	         err, errlen, "cannot merge") ||
	    dm_store_begin(s, err, errlen))
		return -1;
	if (exec(s, "INSERT OR IGNORE INTO main.aliases(form, canonical) SELECT form, canonical FROM shard.aliases",
	         err, errlen, "cannot merge the aliases")) {
		exec(s, "ROLLBACK", NULL, 0, "");
		return -1;
	}
	st->aliases = (size_t)sqlite3_changes(s->db);
	if (dm_store_commit(s, err, errlen)) {
		st->aliases = 0;
		return -1;
	}
	for (sqlite3_int64 lo = 0, hi;; lo = hi) {
		int more = chunk_end(s, lo, &hi);
		if (more <= 0)
			return more < 0 ? dm_sqlerr(s, err, errlen, "cannot read the shard") : 0;
		dm_merge_stats was = *st;
		if (dm_store_begin(s, err, errlen))
			return -1;
		if (merge_chunk(s, lo, hi, st)) {
			dm_sqlerr(s, err, errlen, "cannot merge");
			exec(s, "ROLLBACK", NULL, 0, "");
			*st = was;
			return -1;
		}
		if (dm_store_commit(s, err, errlen)) {
			*st = was;
			return -1;
		}
	}
}

int dm_store_merge(dm_store *s, const char *shard, dm_merge_stats *st, char *err, size_t errlen)
{
	memset(st, 0, sizeof *st);
	if (check_shard(s, shard, err, errlen))
		return 1;
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(s->db, "ATTACH ?1 AS shard", -1, &q, NULL) != SQLITE_OK)
		return dm_sqlerr(s, err, errlen, "cannot merge");
	sqlite3_bind_text(q, 1, shard, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		char why[256];
		dm_sqlerr(s, why, sizeof why, "cannot open it");
		snprintf(err, errlen, "%s: %s", shard, why);
		return 1;
	}
	char why[384];
	rc = merge_attached(s, st, why, sizeof why);
	if (!rc)
		count_present(s, st);
	exec(s, "DETACH shard", NULL, 0, "");
	if (rc)
		snprintf(err, errlen, "merging %s into %s: %s", shard, sqlite3_db_filename(s->db, "main"), why);
	return rc;
}
