#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dictum_buf.h"
#include "export/export.h"
#include "internal.h"
#include "link/link.h"
#include "util/vec.h"

/* What went wrong, in the user's terms, by SQLite's primary code. */
static const char *trouble(int code)
{
	switch (code & 0xff) {
	case SQLITE_FULL: return "the disk is full";
	case SQLITE_IOERR: return "the disk could not be read or written (full, or failing)";
	case SQLITE_READONLY: return "the archive cannot be written here (read-only file or folder)";
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB: return "the archive file is damaged, or not an archive";
	case SQLITE_CANTOPEN: return "the archive file cannot be opened (missing folder, or no permission)";
	case SQLITE_BUSY:
	case SQLITE_LOCKED: return "another program keeps the archive busy";
	case SQLITE_NOMEM: return "out of memory";
	case SQLITE_PERM:
	case SQLITE_AUTH: return "no permission";
	default: return NULL;
	}
}

int dm_sqlerr(dm_store *s, char *err, size_t errlen, const char *what)
{
	int code = sqlite3_extended_errcode(s->db);
	const char *t = trouble(code);
	if (t)
		snprintf(err, errlen, "%s: %s", what, t);
	else
		snprintf(err, errlen, "%s: an error in the archive's database (SQLite code %d)", what, code);
	return -1;
}

static int prepare(dm_store *s, sqlite3_stmt **st, const char *sql, char *err, size_t errlen)
{
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
		return dm_sqlerr(s, err, errlen, "cannot prepare statement");
	return 0;
}

static int prepare_rows(dm_store *s, dm_rows *r, const char *table, int cols, char *err, size_t errlen)
{
	if (dm_rows_prepare(r, s->db, table, cols, NULL))
		return dm_sqlerr(s, err, errlen, "cannot prepare statement");
	return 0;
}

/* A reader's connection to PATH, which may lie in a folder it cannot write:
 * then the archive (in WAL mode, which wants a -shm file beside it) is
 * opened immutable, as it is now. */
static int open_reader(const char *path, sqlite3 **db)
{
	int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_READONLY;
	int rc = sqlite3_open_v2(path, db, flags, NULL);
	if (rc == SQLITE_OK) /* a first read tells whether it can be read at all */
		rc = sqlite3_exec(*db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
	if (rc == SQLITE_OK || access(path, R_OK) != 0)
		return rc;
	sqlite3_close(*db);
	dm_buf uri = {0}; /* the path as a URI: what URIs give a meaning escaped */
	dm_buf_puts(&uri, "file:");
	for (const char *p = path; *p; p++)
		if (*p == '%' || *p == '?' || *p == '#')
			dm_buf_printf(&uri, "%%%02X", (unsigned char)*p);
		else
			dm_buf_putc(&uri, *p);
	dm_buf_puts(&uri, "?immutable=1");
	rc = uri.failed ? SQLITE_NOMEM : sqlite3_open_v2(uri.data, db, flags | SQLITE_OPEN_URI, NULL);
	dm_buf_free(&uri);
	return rc;
}

/* What is in a SQLite file that is not (yet) an archive: 0 when empty. */
static int foreign_tables(dm_store *s)
{
	sqlite3_stmt *st;
	int n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM sqlite_master", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	return n;
}

int dm_store_open(const char *path, int flags, dm_store **out, char *err, size_t errlen)
{
	*out = NULL;
	int readonly = flags & DM_OPEN_READONLY;
	if (!path || !*path) {
		/* SQLite would make a private temporary database, gone at close */
		snprintf(err, errlen, "no database named (an empty name would store into a temporary one)");
		return -1;
	}
	/* Memory statistics cost a global mutex on every allocation; nothing
	 * here reads them.  Only takes effect before SQLite's first use (later
	 * calls return SQLITE_MISUSE and change nothing). */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	dm_store *s = calloc(1, sizeof *s);
	if (!s) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	int rc = readonly ? open_reader(path, &s->db)
	                  : sqlite3_open_v2(path, &s->db,
	                                    SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		const char *t = trouble(rc);
		snprintf(err, errlen, "%s: cannot open the archive: %s", path,
		         t ? t : "the file cannot be opened as a database");
		dm_store_close(s);
		return -1;
	}
	sqlite3_busy_timeout(s->db, 10000);
	sqlite3_extended_result_codes(s->db, 1);
	dm_store_name_key_register(s->db);
	if (dm_rank_register(s) != SQLITE_OK || dm_kept_register(s) != SQLITE_OK) {
		snprintf(err, errlen, "%s: this SQLite has no full-text search (FTS5); install Debian's libsqlite3-0",
		         path);
		dm_store_close(s);
		return -1;
	}
	/* readers (queries, 'dictum serve') map the file: no read call a page */
	const char *setup =
	    readonly ? "PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768; PRAGMA mmap_size = 1073741824;"
	               " PRAGMA temp_store = MEMORY;"
	             : "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
	               " PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 16384;";
	if ((rc = sqlite3_exec(s->db, setup, NULL, NULL, NULL)) != SQLITE_OK) {
		const char *t = trouble(sqlite3_extended_errcode(s->db));
		snprintf(err, errlen, "%s: %s", path, t ? t : "not a dictum archive");
		dm_store_close(s);
		return -1;
	}
	int v = dm_store_schema_version(s), current = dm_store_current_version();
	if (v > current) {
		snprintf(err, errlen,
		         "%s: an archive of a newer dictum (schema %d; this dictum reads schema %d): use that dictum, "
		         "or a newer one",
		         path, v, current);
		dm_store_close(s);
		return -1;
	}
	if (v == 0 && !(flags & DM_OPEN_ADOPT) && foreign_tables(s) > 0) {
		snprintf(err, errlen,
		         "%s: a SQLite database of something else (it has tables, none of them dictum's); "
		         "give another file, or --init to add dictum's tables to this one",
		         path);
		dm_store_close(s);
		return -1;
	}
	s->add_only = !readonly && (flags & DM_OPEN_ADD_ONLY);
	if (readonly) {
		if (v != current) {
			if (v <= 0)
				snprintf(err, errlen, "%s: no dictum data here (run 'dictum ingest' first)", path);
			else
				snprintf(
				    err, errlen,
				    "%s: an archive of an older dictum (schema %d); 'dictum link --db %s' brings it up "
				    "to schema %d, which this dictum reads",
				    path, v, path, current);
			dm_store_close(s);
			return -1;
		}
	} else if (dm_store_migrate(s, err, errlen) ||
	           prepare(s, &s->find, "SELECT id FROM documents WHERE hash = ?1", err, errlen) ||
	           prepare(s, &s->keep_input, "INSERT OR IGNORE INTO inputs(hash, doc_id) VALUES (?1, ?2)", err,
	                   errlen) ||
	           prepare(s, &s->del, "DELETE FROM documents WHERE id = ?1", err, errlen) ||
	           prepare(s, &s->savepoint, "SAVEPOINT doc", err, errlen) ||
	           prepare(s, &s->release, "RELEASE doc", err, errlen) ||
	           prepare(s, &s->rollback, "ROLLBACK TO doc", err, errlen) ||
	           prepare(s, &s->ins_doc,
	                   "INSERT INTO documents(hash, source, title, date, outlet, authors, raw, text, url, language,"
	                   " fetched, date_source, comments)"
	                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
	                   err, errlen) ||
	           prepare(s, &s->ins_role, "INSERT INTO roles(doc_id, speaker, title) VALUES (?1, ?2, ?3)", err,
	                   errlen) ||
	           prepare(s, &s->ins_stmt,
	                   "INSERT INTO statements(doc_id, seq, kind, content, speaker, speaker_mention, speaker_type,"
	                   " cue, venue, via) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	                   err, errlen) ||
	           prepare_rows(s, &s->spans, "spans", 11, err, errlen) ||
	           prepare(s, &s->ins_keys, "INSERT INTO statement_keys(statement, keys) VALUES (?1, ?2)", err,
	                   errlen) ||
	           prepare(s, &s->ins_doc_keys, "INSERT INTO document_keys(document, keys) VALUES (?1, ?2)", err,
	                   errlen)) {
		char tmp[512];
		snprintf(tmp, sizeof tmp, "%s: %s", path, err);
		snprintf(err, errlen, "%s", tmp);
		dm_store_close(s);
		return -1;
	}
	if (!readonly)
		dm_checkpointer_start(s, DM_CHECKPOINT_WAKE, DM_CHECKPOINT_WAIT);
	*out = s;
	return 0;
}

void dm_store_references(dm_store *s)
{
	sqlite3_exec(s->db, s->add_only ? "PRAGMA foreign_keys = OFF" : "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
}

void dm_store_cache(dm_store *s, int megabytes)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld", -1024LL * (megabytes > 0 ? megabytes : 1));
	sqlite3_exec(s->db, sql, NULL, NULL, NULL); /* setting a number: nothing to fail */
}

void dm_store_close(dm_store *s)
{
	if (!s)
		return;
	dm_checkpointer_stop(s);
	sqlite3_finalize(s->find);
	sqlite3_finalize(s->keep_input);
	sqlite3_finalize(s->del);
	sqlite3_finalize(s->ins_doc);
	sqlite3_finalize(s->ins_stmt);
	sqlite3_finalize(s->ins_role);
	dm_rows_finalize(&s->spans);
	sqlite3_finalize(s->ins_keys);
	dm_buf_free(&s->scratch);
	sqlite3_finalize(s->ins_doc_keys);
	sqlite3_finalize(s->savepoint);
	sqlite3_finalize(s->release);
	sqlite3_finalize(s->rollback);
	for (size_t i = 0; i < s->n_queries; i++)
		sqlite3_finalize(s->queries[i].st);
	free(s->queries);
	dm_kept_free(s);
	dm_impacts_free(s);
	sqlite3_close(s->db);
	free(s);
}

int dm_store_begin(dm_store *s, char *err, size_t errlen)
{
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return dm_sqlerr(s, err, errlen, "cannot start transaction");
	return 0;
}

int dm_store_commit(dm_store *s, char *err, size_t errlen)
{
	static const char index_new[] =
	    "INSERT INTO statements_fts(rowid, content, speaker)"
	    "  SELECT id, content, speaker FROM statements WHERE id > (SELECT indexed FROM fts_state);"
	    "UPDATE fts_state SET indexed = (SELECT coalesce(max(id), 0) FROM statements);";
	if (sqlite3_exec(s->db, index_new, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		dm_sqlerr(s, err, errlen, "cannot commit");
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

void dm_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

int dm_step_done(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The spans of statement ST that are stored, in the order stored: its
 * content's parts, its source, its cue (those not empty), each with its
 * role and part; how many (at most DM_ROW_SPANS). */
static int stored_spans(const dm_statement *st, dm_span *sp, int *role, int *part)
{
	int n = 0;
	for (int k = 0, p = 0; k < st->n_content && n < DM_MAX_PARTS; k++)
		if (st->content[k].end > st->content[k].start) {
			sp[n] = st->content[k];
			role[n] = DM_SPAN_CONTENT;
			part[n++] = p++;
		}
	const dm_span *other[2] = {&st->source, &st->cue};
	for (int k = 0; k < 2; k++)
		if (other[k]->end > other[k]->start) {
			sp[n] = *other[k];
			role[n] = k ? DM_SPAN_CUE : DM_SPAN_SOURCE;
			part[n++] = 0;
		}
	return n;
}

/* What a span's row holds besides its bytes in raw, as dm_store_prepare
 * makes it: code points in raw, then bytes and code points in the cleaned
 * text (UINT32_MAX when the span is not in the article's body). */
enum { SPAN_CP_START, SPAN_CP_END, SPAN_TEXT_START, SPAN_TEXT_END, SPAN_TEXT_CP_START, SPAN_TEXT_CP_END, SPAN_WORDS };

static void span_offsets(const dm_document *d, dm_span sp, uint32_t w[SPAN_WORDS])
{
	w[SPAN_CP_START] = (uint32_t)dm_cp_offset(d, sp.start);
	w[SPAN_CP_END] = (uint32_t)dm_cp_offset(d, sp.end);
	w[SPAN_TEXT_START] = dm_text_offset(d, sp.start, 0, &w[SPAN_TEXT_CP_START]);
	w[SPAN_TEXT_END] = dm_text_offset(d, sp.end, 1, &w[SPAN_TEXT_CP_END]);
}

/* A statement's span SP (role ROLE, part PART) as the row of spans: its
 * bytes in raw, and W, its offsets as span_offsets made them.  It waits
 * with the document's others (rows.c). */
static int put_span(dm_store *s, sqlite3_int64 id, int role, int part, dm_span sp, const uint32_t *w)
{
	dm_rows *r = &s->spans;
	dm_rows_int(r, id);
	dm_rows_int(r, role);
	dm_rows_int(r, part);
	dm_rows_int(r, sp.start);
	dm_rows_int(r, sp.end);
	dm_rows_int(r, w[SPAN_CP_START]);
	dm_rows_int(r, w[SPAN_CP_END]);
	int in_text = w[SPAN_TEXT_START] != UINT32_MAX && w[SPAN_TEXT_END] != UINT32_MAX;
	for (int k = SPAN_TEXT_START; k <= SPAN_TEXT_CP_END; k++)
		if (in_text)
			dm_rows_int(r, w[k]);
		else
			dm_rows_null(r);
	return dm_rows_end(r);
}

/* What dm_store_prepare made, read back one record at a time. */
typedef struct prepared {
	const char *at, *end;
} prepared;

/* One record of what linking will compare of TEXT[N] (a document's, with
 * DOC): its length, then its sets' band keys (link.h). */
/* A record of OUT: record_begin makes room for its length and says
 * where; record_end writes there the length of what was added since (-1
 * when memory ran out). */
static size_t record_begin(dm_buf *out)
{
	size_t at = out->len;
	uint32_t len = 0;
	dm_buf_add(out, (const char *)&len, sizeof len);
	return at;
}

static int record_end(dm_buf *out, size_t at)
{
	if (out->failed)
		return -1;
	uint32_t len = (uint32_t)(out->len - at - sizeof len);
	memcpy(out->data + at, &len, sizeof len);
	return 0;
}

static int prepare_one(const char *text, size_t n, int doc, dm_buf *out)
{
	size_t at = record_begin(out);
	if (out->failed || dm_near_record(text ? text : "", text ? n : 0, doc, out))
		return -1;
	return record_end(out, at);
}

/* The record of D's spans' offsets, SPAN_WORDS a span, in the order
 * they are stored. */
static int prepare_spans(const dm_document *d, dm_buf *out)
{
	size_t at = record_begin(out);
	for (size_t i = 0; i < d->n_statements; i++) {
		dm_span sp[DM_ROW_SPANS];
		int role[DM_ROW_SPANS], part[DM_ROW_SPANS];
		int n = stored_spans(&d->statements[i], sp, role, part);
		for (int k = 0; k < n; k++) {
			uint32_t w[SPAN_WORDS];
			span_offsets(d, sp[k], w);
			dm_buf_add(out, (const char *)w, sizeof w);
		}
	}
	return record_end(out, at);
}

int dm_store_prepare(const dm_document *d, dm_buf *out)
{
	/* the offsets are made here, on a worker's thread, as the keys are */
	int rc = prepare_spans(d, out) || prepare_one(d->text, d->text_len, 1, out);
	for (size_t i = 0; i < d->n_statements && !rc; i++) {
		const char *c = d->statements[i].content_text;
		rc = prepare_one(c, c ? strlen(c) : 0, 0, out);
	}
	if (rc)
		out->failed = 1; /* made again by dm_store_put */
	return rc;
}

/* The next record of P: *LEN bytes at *R; -1 when P holds none. */
static int next_record(prepared *p, const char **r, uint32_t *len)
{
	if (p->end - p->at < (ptrdiff_t)sizeof *len)
		return -1;
	memcpy(len, p->at, sizeof *len);
	p->at += sizeof *len;
	if (p->end - p->at < (ptrdiff_t)*len)
		return -1;
	*r = p->at;
	p->at += *len;
	return 0;
}

/* The next record of P kept for row ID by Q. */
static int put_keys(sqlite3_stmt *q, sqlite3_int64 id, prepared *p)
{
	const char *r;
	uint32_t len;
	if (next_record(p, &r, &len))
		return -1;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_blob(q, 2, len ? r : "", (int)len, SQLITE_STATIC);
	return dm_step_done(q);
}

/* D's statements, each with its keys (the next records of KEYS) and its
 * spans (their offsets the record OFFSETS[LEN]). */
static int put_statements(dm_store *s, const dm_document *d, sqlite3_int64 doc_id, prepared *keys, const char *offsets,
                          size_t len)
{
	dm_buf via = {0};
	int rc = 0;
	dm_rows_drop(&s->spans); /* none left of a document that failed */
	for (size_t i = 0; i < d->n_statements && rc == 0; i++) {
		const dm_statement *st = &d->statements[i];
		dm_buf_reset(&via);
		dm_export_via(st, &via);
		sqlite3_stmt *q = s->ins_stmt;
		sqlite3_bind_int64(q, 1, doc_id);
		sqlite3_bind_int64(q, 2, (sqlite3_int64)i);
		sqlite3_bind_int(q, 3, (int)st->kind);
		dm_bind_text(q, 4, st->content_text);
		dm_bind_text(q, 5, st->speaker);
		dm_bind_text(q, 6, st->speaker_mention);
		sqlite3_bind_int(q, 7, (int)st->speaker_type);
		dm_bind_text(q, 8, st->cue_text);
		dm_bind_text(q, 9, st->venue);
		dm_bind_text(q, 10, via.data);
		if ((rc = dm_step_done(q)) != 0)
			break;
		sqlite3_int64 id = sqlite3_last_insert_rowid(s->db);
		rc = put_keys(s->ins_keys, id, keys);
		dm_span sp[DM_ROW_SPANS];
		int role[DM_ROW_SPANS], part[DM_ROW_SPANS];
		int n = stored_spans(st, sp, role, part);
		for (int k = 0; k < n && rc == 0; k++) {
			uint32_t w[SPAN_WORDS];
			if (len < sizeof w) {
				rc = -1;
				break;
			}
			memcpy(w, offsets, sizeof w);
			offsets += sizeof w;
			len -= sizeof w;
			rc = put_span(s, id, role[k], part[k], sp[k], w);
		}
	}
	if (rc == 0)
		rc = dm_rows_flush(&s->spans);
	dm_buf_free(&via);
	for (size_t i = 0; i < d->n_roles && rc == 0; i++) {
		sqlite3_bind_int64(s->ins_role, 1, doc_id);
		dm_bind_text(s->ins_role, 2, d->roles[i].speaker);
		dm_bind_text(s->ins_role, 3, d->roles[i].title);
		rc = dm_step_done(s->ins_role);
	}
	return rc;
}

/* D's input as one that gives document ID (an input met again is known). */
static int keep_input(dm_store *s, const dm_document *d, sqlite3_int64 id)
{
	sqlite3_bind_blob(s->keep_input, 1, d->input_hash, sizeof d->input_hash, SQLITE_STATIC);
	sqlite3_bind_int64(s->keep_input, 2, id);
	return dm_step_done(s->keep_input);
}

dm_put_result dm_store_put(dm_store *s, const dm_document *d, const dm_buf *keys, int replace, char *err, size_t errlen)
{
	sqlite3_bind_blob(s->find, 1, d->hash, sizeof d->hash, SQLITE_STATIC);
	sqlite3_int64 old = 0;
	int rc = sqlite3_step(s->find);
	if (rc == SQLITE_ROW)
		old = sqlite3_column_int64(s->find, 0);
	sqlite3_reset(s->find);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		dm_sqlerr(s, err, errlen, "lookup failed");
		return DM_STORE_FAILED;
	}
	if (old && replace && s->add_only) {
		snprintf(err, errlen, "this archive was opened to add documents, not to replace them");
		return DM_STORE_FAILED;
	}
	if (old && !replace) {
		/* known by its text: known by this input from now on */
		if (keep_input(s, d, old)) {
			dm_sqlerr(s, err, errlen, "cannot store document");
			return DM_STORE_FAILED;
		}
		return DM_UNCHANGED;
	}
	if (dm_step_done(s->savepoint)) {
		dm_sqlerr(s, err, errlen, "savepoint failed");
		return DM_STORE_FAILED;
	}
	int failed = 0;
	if (old) {
		sqlite3_bind_int64(s->del, 1, old);
		failed = dm_step_done(s->del);
	}
	dm_buf authors = {0}, comments = {0};
	dm_json_str_array(&authors, d->authors, d->n_authors);
	dm_export_comments(d, &comments);
	if (!failed) {
		sqlite3_stmt *q = s->ins_doc;
		sqlite3_bind_blob(q, 1, d->hash, sizeof d->hash, SQLITE_STATIC);
		dm_bind_text(q, 2, d->source);
		dm_bind_text(q, 3, d->title);
		dm_bind_text(q, 4, d->date);
		dm_bind_text(q, 5, d->outlet);
		dm_bind_text(q, 6, authors.data);
		sqlite3_bind_text(q, 7, d->raw, (int)d->raw_len, SQLITE_STATIC);
		sqlite3_bind_text(q, 8, d->text, (int)d->text_len, SQLITE_STATIC);
		dm_bind_text(q, 9, d->url);
		dm_bind_text(q, 10, d->language);
		dm_bind_text(q, 11, d->fetched);
		sqlite3_bind_int(q, 12, (int)d->date_source);
		dm_bind_text(q, 13, comments.data);
		failed = dm_step_done(q) || authors.failed || comments.failed;
	}
	dm_buf_free(&authors);
	dm_buf_free(&comments);
	if (!failed && (!keys || keys->failed)) { /* made here, as a worker would have */
		dm_buf_reset(&s->scratch);
		s->scratch.failed = 0; /* an earlier document that ran out of memory is no reason to fail this one */
		failed = dm_store_prepare(d, &s->scratch);
		keys = &s->scratch;
	}
	if (!failed) {
		sqlite3_int64 id = sqlite3_last_insert_rowid(s->db);
		prepared p = {keys->data, keys->data + keys->len};
		const char *offsets;
		uint32_t len;
		failed = next_record(&p, &offsets, &len) || put_keys(s->ins_doc_keys, id, &p) ||
		         put_statements(s, d, id, &p, offsets, len) || keep_input(s, d, id);
	}
	if (failed) {
		dm_sqlerr(s, err, errlen, "cannot store document");
		dm_step_done(s->rollback);
		dm_step_done(s->release);
		return DM_STORE_FAILED;
	}
	dm_step_done(s->release);
	return DM_STORED;
}

/* ---- queries ---- */

#define ROW_COLUMNS                                                                                                    \
	"s.id, s.doc_id, d.source, d.title, d.date, d.outlet, s.kind, s.content, s.speaker, s.speaker_mention,"        \
	" s.speaker_type, s.cue, s.venue, s.via, d.url, f.person, p.name,"                                             \
	" (SELECT json_group_array(title) FROM roles r WHERE r.doc_id = s.doc_id AND r.speaker = s.speaker)"
#define N_ROW_COLUMNS 18
/* a statement, its document, and the person its speaker was linked to */
#define ROW_JOINS                                                                                                      \
	" JOIN documents d ON d.id = s.doc_id LEFT JOIN speaker_forms f ON f.form = s.speaker AND f.type = "           \
	"s.speaker_type"                                                                                               \
	" LEFT JOIN persons p ON p.id = f.person"

const char *dm_col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static void read_row(sqlite3_stmt *st, dm_row *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->doc_id = sqlite3_column_int64(st, 1);
	r->source = dm_col(st, 2);
	r->title = dm_col(st, 3);
	r->date = dm_col(st, 4);
	r->outlet = dm_col(st, 5);
	r->kind = (dm_kind)sqlite3_column_int(st, 6);
	r->content = dm_col(st, 7);
	r->speaker = dm_col(st, 8);
	r->speaker_mention = dm_col(st, 9);
	r->speaker_type = (dm_speaker_type)sqlite3_column_int(st, 10);
	r->cue = dm_col(st, 11);
	r->venue = dm_col(st, 12);
	r->via = dm_col(st, 13);
	r->url = dm_col(st, 14);
	r->person_id = dm_col(st, 15);
	r->person = dm_col(st, 16);
	r->roles = dm_col(st, 17);
}

/* The statement of SQL (a static string) on this connection, prepared at
 * its first use and kept: a reader that answers many requests ('dictum
 * serve') parsed and planned each query every time, a third of the work
 * of a short search.  A query already running (a callback querying again)
 * gets a statement of its own, finalized after use. */
int dm_query(dm_store *s, const char *sql, sqlite3_stmt **st)
{
	for (size_t i = 0; i < s->n_queries; i++)
		if (s->queries[i].sql == sql && !sqlite3_stmt_busy(s->queries[i].st)) {
			*st = s->queries[i].st;
			return SQLITE_OK;
		}
	int rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	struct cached_query *q = realloc(s->queries, (s->n_queries + 1) * sizeof *q);
	if (q) {
		s->queries = q;
		q[s->n_queries++] = (struct cached_query){sql, *st};
	}
	return SQLITE_OK;
}

/* Done with ST from dm_query(): reset it for the next use, or finalize it
 * when it was not kept. */
void dm_query_done(dm_store *s, sqlite3_stmt *st)
{
	for (size_t i = 0; i < s->n_queries; i++)
		if (s->queries[i].st == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return;
		}
	sqlite3_finalize(st);
}

/* Step ST (from dm_query()) to its end, or until ROW returns non-zero, then
 * let it go.  Returns 0, or SQLite's primary error code with a message in
 * ERR. */
static int each_row(dm_store *s, sqlite3_stmt *st, int (*row)(sqlite3_stmt *, void *), void *ctx, char *err,
                    size_t errlen)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && !row(st, ctx))
		;
	int code = rc != SQLITE_ROW && rc != SQLITE_DONE ? sqlite3_errcode(s->db) & 0xff : 0;
	if (code)
		dm_sqlerr(s, err, errlen, "query failed");
	dm_query_done(s, st);
	return code;
}

/* Statement rows, with the columns a search or echoes query adds. */
enum { PLAIN, QUOTES, SEARCH, ECHOES };
typedef struct rows {
	dm_store *s;
	dm_row_fn fn;
	void *ctx;
	int extra;
	int failed; /* reading spans failed: SQLite's code */
} rows;

static long long int_or(sqlite3_stmt *st, int i, long long none)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? none : sqlite3_column_int64(st, i);
}

/* The stored spans of statement ID into V (DM_ROW_SPANS of them): their
 * number, or -1 with SQLite's code in *CODE. */
static int read_spans(dm_store *s, long long id, dm_row_span *v, int *code)
{
	sqlite3_stmt *st;
	if ((*code = dm_query(s,
	                      "SELECT role, part, raw_start, raw_end, raw_cp_start, raw_cp_end, text_start, text_end,"
	                      " text_cp_start, text_cp_end FROM spans WHERE statement = ?1 ORDER BY role, part",
	                      &st)) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int n = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < DM_ROW_SPANS)
		v[n++] = (dm_row_span){(dm_span_role)sqlite3_column_int(st, 0),
		                       sqlite3_column_int(st, 1),
		                       sqlite3_column_int64(st, 2),
		                       sqlite3_column_int64(st, 3),
		                       sqlite3_column_int64(st, 4),
		                       sqlite3_column_int64(st, 5),
		                       int_or(st, 6, -1),
		                       int_or(st, 7, -1),
		                       int_or(st, 8, -1),
		                       int_or(st, 9, -1)};
	*code = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
	dm_query_done(s, st);
	return *code == SQLITE_OK ? n : -1;
}

/* The row ST is on, with its spans in SPANS and the columns EXTRA adds:
 * 0, or -1 with SQLite's code in *CODE when its spans cannot be read. */
static int fill_row(dm_store *s, sqlite3_stmt *st, int extra, dm_row *r, dm_row_span *spans, int *code)
{
	read_row(st, r);
	if ((r->n_spans = read_spans(s, r->id, spans, code)) < 0)
		return -1;
	r->spans = spans;
	if (extra == QUOTES) {
		r->total = sqlite3_column_int64(st, N_ROW_COLUMNS);
	} else if (extra == SEARCH) {
		r->snippet = dm_col(st, N_ROW_COLUMNS);
		r->rank = sqlite3_column_double(st, N_ROW_COLUMNS + 1);
		r->total = sqlite3_column_int64(st, N_ROW_COLUMNS + 2);
		r->total_estimated = sqlite3_column_int(st, N_ROW_COLUMNS + 3); /* ?17, bound when so */
	} else if (extra == ECHOES) {
		r->cluster = sqlite3_column_int64(st, N_ROW_COLUMNS);
		r->similarity = sqlite3_column_double(st, N_ROW_COLUMNS + 1);
		r->copy_of = sqlite3_column_int64(st, N_ROW_COLUMNS + 2);
		r->echo = dm_col(st, N_ROW_COLUMNS + 3);
		r->total = sqlite3_column_int64(st, N_ROW_COLUMNS + 4);
		r->syndicated = sqlite3_column_int(st, N_ROW_COLUMNS + 5);
	}
	return 0;
}

static int statement_row(sqlite3_stmt *st, void *p)
{
	rows *x = p;
	dm_row r;
	dm_row_span spans[DM_ROW_SPANS];
	if (fill_row(x->s, st, x->extra, &r, spans, &x->failed))
		return 1;
	return x->fn(&r, x->ctx);
}

static int run_rows(dm_store *s, sqlite3_stmt *st, int extra, dm_row_fn fn, void *ctx, char *err, size_t errlen)
{
	rows x = {s, fn, ctx, extra, SQLITE_OK};
	int code = each_row(s, st, statement_row, &x, err, errlen);
	if (!code && x.failed)
		return dm_sqlerr(s, err, errlen, "cannot read a statement's place"), x.failed & 0xff;
	return code;
}

/* The last day an "until" date takes in: a year's or a month's last
 * (as text, the 31st is after every day of any month). */
static void until_day(const char *until, char out[11])
{
	size_t n = strlen(until);
	snprintf(out, 11, "%s%s", until, n == 4 ? "-12-31" : n == 7 ? "-31" : "");
}

static void bind_filter(sqlite3_stmt *st, const dm_filter *f)
{
	dm_bind_text(st, 1, f->speaker);
	dm_bind_text(st, 2, f->since);
	if (f->until) {
		char day[11];
		until_day(f->until, day);
		sqlite3_bind_text(st, 3, day, -1, SQLITE_TRANSIENT);
	}
	dm_bind_text(st, 4, f->outlet);
	sqlite3_bind_int64(st, 5, f->limit > 0 ? f->limit : -1);
	if (f->kind)
		sqlite3_bind_int(st, 9, dm_kind_parse(f->kind));
	sqlite3_bind_int64(st, 10, f->offset > 0 ? f->offset : 0);
	dm_bind_text(st, 11, f->person);
	sqlite3_bind_int(st, 12, f->order == DM_ORDER_NEWEST);
}

/* A date of the forms dm_filter takes that is a day of the calendar. */
static int real_date(const char *v)
{
	size_t n = strlen(v);
	int ok = n == 4 || n == 7 || n == 10;
	for (size_t i = 0; ok && i < n; i++)
		ok = i == 4 || i == 7 ? v[i] == '-' : v[i] >= '0' && v[i] <= '9';
	if (!ok)
		return 0;
	int y = atoi(v), m = n >= 7 ? atoi(v + 5) : 1, d = n == 10 ? atoi(v + 8) : 1;
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= (m == 2 && !leap ? 28 : days[m - 1]);
}

int dm_filter_check(const dm_filter *f, const char *arg_since, const char *arg_until, const char *arg_kind, char *err,
                    size_t errlen)
{
	const char *bad = f->since && !real_date(f->since)   ? arg_since
	                  : f->until && !real_date(f->until) ? arg_until
	                                                     : NULL;
	if (bad) {
		snprintf(err, errlen, "%s takes a date, YYYY-MM-DD (or YYYY-MM, YYYY), not '%.40s'", bad,
		         bad == arg_since ? f->since : f->until);
		return -1;
	}
	if (f->since && f->until) {
		char day[11];
		until_day(f->until, day);
		if (strcmp(f->since, day) > 0) {
			snprintf(err, errlen, "%s %s is after %s %s: no date is in between", arg_since, f->since,
			         arg_until, f->until);
			return -1;
		}
	}
	if (f->kind && dm_kind_parse(f->kind) < 0) {
		snprintf(err, errlen, "%s is direct, indirect, mixed or headline, not '%.40s'", arg_kind, f->kind);
		return -1;
	}
	return 0;
}

/* The statements of the speaker asked for (?1): of a person whose id it
 * is, or who has a form of which it is part as written or as a key, so
 * that one spelling finds them all (link.h); of a form of which it is
 * part, linked to no one; and of statements stored since the last link
 * whose speaker's name it is part of.  From the names' trigram index and
 * the statements' index by speaker: a few lookups, however big the
 * archive.  Of the person whose id is ?11 exactly, likewise. */
/* the names with the part asked for in a form as written or in a key,
 * each looked up once (a lookup of the trigram index, some 100 us at a
 * million statements, was a third of a filter's time), and the persons
 * they name, or whose id it is */
#define SPEAKER_NAMED                                                                                                  \
	"WITH named(form, type, person, written) AS MATERIALIZED ("                                                    \
	" SELECT form, type, person, 1 FROM speaker_names WHERE form LIKE '%' || ?1 || '%'"                            \
	" UNION ALL SELECT form, type, person, 0 FROM speaker_names WHERE key LIKE '%' || name_key(?1) || '%')"
#define NAMED_PERSONS   "SELECT person FROM named UNION ALL SELECT ?1"
#define SPEAKER_PERSONS SPEAKER_NAMED " " NAMED_PERSONS
#define SPEAKER_FORMS                                                                                                  \
	SPEAKER_NAMED " SELECT form, type FROM named WHERE written"                                                    \
	              " UNION SELECT g.form, g.type FROM speaker_forms g WHERE g.person IN (" NAMED_PERSONS ")"
#define SPEAKER_IDS                                                                                                    \
	"SELECT c.id FROM (" SPEAKER_FORMS ") m JOIN statements c ON c.speaker = m.form AND c.speaker_type = m.type"   \
	" UNION ALL SELECT id FROM statements WHERE id > (SELECT last FROM link_state)"                                \
	"  AND speaker LIKE '%' || ?1 || '%'"
#define PERSON_IDS                                                                                                     \
	"SELECT c.id FROM speaker_forms g JOIN statements c ON c.speaker = g.form AND c.speaker_type = g.type"         \
	" WHERE g.person = ?11"
#define DATES       " (?2 IS NULL OR d.date >= ?2) AND (?3 IS NULL OR d.date <= ?3)"
#define OUTLET_KIND " (?4 IS NULL OR d.outlet LIKE '%' || ?4 || '%') AND (?9 IS NULL OR s.kind = ?9)"
/* Where statements filtered by speaker (or else by person) are read from:
 * their own few, rather than every statement tested; read from the
 * speaker's, they need only the OTHER_FILTERS. */
#define BY_SPEAKER     "(SELECT DISTINCT id FROM (" SPEAKER_IDS ")) c JOIN statements s ON s.id = c.id"
#define BY_PERSON      "(" PERSON_IDS ") c JOIN statements s ON s.id = c.id"
#define ALL_STATEMENTS "statements s"
static const char *statements_of(const dm_filter *f, const char *by_speaker, const char *by_person, const char *all)
{
	return f->speaker ? by_speaker : f->person ? by_person : all;
}
#define OTHER_FILTERS " (?11 IS NULL OR s.id IN (" PERSON_IDS ")) AND" DATES " AND" OUTLET_KIND
#define FILTER_WHERE  " (?1 IS NULL OR s.id IN (" SPEAKER_IDS ")) AND" OTHER_FILTERS

/* F's query made into FTS5's (fts_query.c) in *FTS, or NULL when F has
 * none.  Returns 0; 1 when the query has nothing to look for (no rows);
 * -1 with a message when out of memory. */
static int fts_match(const dm_filter *f, char **fts, char *err, size_t errlen)
{
	*fts = NULL;
	if (!f->match)
		return 0;
	if (!(*fts = dm_fts_query(f->match))) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (**fts)
		return 0;
	free(*fts);
	*fts = NULL;
	return 1;
}

/* Undated last; newest first when ?12 asks for it, else oldest first. */
#define BY_DATE                                                                                                        \
	" d.date IS NULL, CASE WHEN ?12 THEN d.date END DESC, d.date, CASE WHEN ?12 THEN s.doc_id END DESC, s.doc_id"

/* Over a well-formed schema, a plain SQL error of a query with a MATCH
 * can only come from the MATCH expression, which fts_query.c makes so
 * that it parses: say so in the user's terms if one still does not. */
static void bad_match(const char *match, char *err, size_t errlen)
{
	snprintf(err, errlen, "malformed search query '%.200s': try words or a \"phrase in quotes\"", match);
}

/* The statement of F's quotes, prepared and bound, in *ST (NULL when
 * F's query has nothing to look for), its full-text query in *FTS (the
 * caller frees both, with query_done and free); 0, or -1. */
static int open_quotes(dm_store *s, const dm_filter *f, sqlite3_stmt **st, char **fts, char *err, size_t errlen)
{
#define QUOTES(FROM, WHERE)                                                                                            \
	"SELECT " ROW_COLUMNS ", count(*) OVER () FROM " FROM ROW_JOINS " WHERE" WHERE                                 \
	" AND (?6 IS NULL OR s.id IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?6))"                \
	" ORDER BY" BY_DATE ", s.seq LIMIT ?5 OFFSET ?10"
	const char *sql = statements_of(f, QUOTES(BY_SPEAKER, OTHER_FILTERS), QUOTES(BY_PERSON, FILTER_WHERE),
	                                QUOTES(ALL_STATEMENTS, FILTER_WHERE));
#undef QUOTES
	*st = NULL;
	int none = fts_match(f, fts, err, errlen);
	if (none)
		return none < 0 ? -1 : 0;
	if (dm_query(s, sql, st) != SQLITE_OK) {
		free(*fts);
		*fts = NULL;
		*st = NULL;
		return dm_sqlerr(s, err, errlen, "cannot prepare query");
	}
	bind_filter(*st, f);
	dm_bind_text(*st, 6, *fts);
	return 0;
}

/* A search or a listing makes several queries (a word's lists, dates,
 * the page, its rows): one read transaction over them gives them one
 * snapshot of the archive, and takes and gives back the file's locks
 * once, where each query alone took its own (18 fcntl calls a search; the
 * mixed list of the serving benchmark 8% faster).  Returns whether it
 * began one, which read_end then ends; none inside a transaction. */
static int read_begin(dm_store *s)
{
	static const char begin[] = "BEGIN";
	sqlite3_stmt *q;
	if (!sqlite3_get_autocommit(s->db) || dm_query(s, begin, &q) != SQLITE_OK)
		return 0;
	int rc = sqlite3_step(q);
	dm_query_done(s, q);
	return rc == SQLITE_DONE;
}

static void read_end(dm_store *s, int began)
{
	static const char commit[] = "COMMIT";
	sqlite3_stmt *q;
	if (!began)
		return;
	if (dm_query(s, commit, &q) == SQLITE_OK) {
		sqlite3_step(q);
		dm_query_done(s, q);
	}
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* F's statements to FN, from OPEN's statement (EXTRA its columns). */
static int statements(dm_store *s, const dm_filter *f, int extra,
                      int (*open)(dm_store *, const dm_filter *, sqlite3_stmt **, char **, char *, size_t),
                      dm_row_fn fn, void *ctx, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	char *fts;
	int began = read_begin(s);
	if (open(s, f, &st, &fts, err, errlen)) {
		read_end(s, began);
		return -1;
	}
	int code = st ? run_rows(s, st, extra, fn, ctx, err, errlen) : 0;
	read_end(s, began);
	free(fts);
	if (code == SQLITE_ERROR && f->match)
		bad_match(f->match, err, errlen);
	return code ? -1 : 0;
}

int dm_store_quotes(dm_store *s, const dm_filter *f, dm_row_fn fn, void *ctx, char *err, size_t errlen)
{
	return statements(s, f, QUOTES, open_quotes, fn, ctx, err, errlen);
}

static int filtered(const dm_filter *f)
{
	return f->speaker || f->since || f->until || f->outlet || f->kind || f->person;
}

/* What of F C tests (impacts.c): its dates against those the connection
 * keeps, into *DATES (NULL: any), and its speaker's or person's
 * statements, read here, into *IDS[*N] (rising; *N -1: any).  What C does
 * not test (an outlet, a kind, a speaker and a person at once, dates not
 * kept) is left to SQL: -1 then, or when memory ran out. */
static int filter_in_c(dm_store *s, const dm_filter *f, dm_dates **dates, int64_t **ids, long *n)
{
	*dates = NULL;
	*ids = NULL;
	*n = -1;
	if (f->outlet || f->kind || (f->speaker && f->person))
		return -1;
	if (f->since || f->until) {
		char day[11];
		if (f->until)
			until_day(f->until, day);
		if (!(*dates = dm_dates_new(s, f->since, f->until ? day : NULL)))
			return -1;
	}
	if (!f->speaker && !f->person)
		return 0;
	sqlite3_stmt *q;
	size_t got = 0, cap = 0;
	int rc = dm_query(s,
	                  f->speaker ? "SELECT DISTINCT id FROM (" SPEAKER_IDS ") ORDER BY id"
	                             : "SELECT DISTINCT id FROM (" PERSON_IDS ") ORDER BY id",
	                  &q);
	if (rc == SQLITE_OK) {
		bind_filter(q, f);
		while ((rc = sqlite3_step(q)) == SQLITE_ROW && !dm_reserve(ids, &cap, got, sizeof **ids))
			(*ids)[got++] = sqlite3_column_int64(q, 0);
		dm_query_done(s, q);
	}
	if (rc != SQLITE_DONE) {
		dm_dates_free(*dates);
		free(*ids);
		*dates = NULL;
		*ids = NULL;
		return -1;
	}
	*n = (long)got;
	return 0;
}

/* A filtered search of one word that has a list, read off the list and
 * tested in C (filter_in_c); 0 when it is left to SQL. */
static int filtered_by_lists(dm_store *s, const dm_filter *f, const char *fts, long skip, dm_hit **hits, size_t *n_hits,
                             sqlite3_int64 *total, int *estimated)
{
	dm_dates *dates;
	int64_t *ids;
	long n;
	if (filter_in_c(s, f, &dates, &ids, &n))
		return 0;
	int top =
	    dm_impacts_filtered(s, fts, dates, ids, n, skip, f->limit, NULL, NULL, hits, n_hits, total, estimated);
	free(ids);
	dm_dates_free(dates);
	return top;
}

/* As open_quotes, for a search. */
static int open_search(dm_store *s, const dm_filter *f, sqlite3_stmt **st, char **fts, char *err, size_t errlen)
{
	/* Rank first, then read and highlight only the page of rows asked
	 * for: a SELECT list is computed for every row before ORDER BY, and
	 * snippets and roles of every match made a common word slow.  The
	 * ranking reads the index alone and tests each match's id, before any
	 * row is read (reading a statement's row, and its document's, cost
	 * ten times the rest): against the speaker's statements, and its date
	 * where the connection keeps dates (kept.c).  The page's snippets come
	 * from one more pass over the matches, which is cheap, rather than a
	 * lookup of each row, which made FTS5 walk each term's list from its
	 * start.  Each '+' keeps rowid from FTS5 as a constraint (a lookup of
	 * each of a speaker's statements would cost more than the pass), and
	 * MATERIALIZED keeps SQLite from turning the pass into lookups. */
#define MATCH_ROW " FROM statements s JOIN documents d ON d.id = s.doc_id WHERE s.id = statements_fts.rowid"
#define SEARCH_FILTER                                                                                                  \
	" AND (?1 IS NULL OR +statements_fts.rowid IN (" SPEAKER_IDS "))"                                              \
	" AND (?11 IS NULL OR +statements_fts.rowid IN (" PERSON_IDS "))"                                              \
	" AND (?2 IS NULL AND ?3 IS NULL OR coalesce(dictum_dated(statements_fts.rowid, ?2, ?3), EXISTS (SELECT "      \
	"1" MATCH_ROW "  AND" DATES ")))"                                                                              \
	" AND (?4 IS NULL AND ?9 IS NULL OR EXISTS (SELECT 1" MATCH_ROW " AND" OUTLET_KIND "))"
#define SEARCH(FILTER)                                                                                                 \
	"WITH top AS (SELECT id, rank, count(*) OVER () AS total FROM (SELECT rowid AS id,"                            \
	"  dictum_bm25(statements_fts, ?15) AS rank FROM statements_fts WHERE statements_fts MATCH ?6" FILTER ")"      \
	"  ORDER BY rank, id LIMIT ?5 OFFSET ?10)," SNIPPETS " SELECT " ROW_COLUMNS                                    \
	", snip.text, top.rank, top.total, ?17"                                                                        \
	" FROM top JOIN snip ON snip.id = top.id JOIN statements s ON s.id = top.id" ROW_JOINS                         \
	" ORDER BY top.rank, top.id"
	/* by date: every match's date is read, the cost of the order asked for */
#define SEARCH_BY_DATE(FILTER)                                                                                         \
	"WITH top AS (SELECT id, rank, count(*) OVER () AS total FROM (SELECT statements_fts.rowid AS id,"             \
	"  dictum_bm25(statements_fts, ?15) AS rank, d.date AS date, s.doc_id AS doc, s.seq AS seq FROM "              \
	"statements_fts"                                                                                               \
	"  JOIN statements s ON s.id = statements_fts.rowid JOIN documents d ON d.id = s.doc_id"                       \
	"  WHERE statements_fts MATCH ?6" FILTER ") ORDER BY date IS NULL, CASE WHEN ?12 THEN date END DESC, date,"    \
	"  CASE WHEN ?12 THEN doc END DESC, doc, seq LIMIT ?5 OFFSET ?10)," SNIPPETS " SELECT " ROW_COLUMNS            \
	", snip.text, top.rank, top.total, ?17"                                                                        \
	" FROM top JOIN snip ON snip.id = top.id JOIN statements s ON s.id = top.id" ROW_JOINS " ORDER BY" BY_DATE     \
	", s.seq"
#define SNIPPETS                                                                                                       \
	" snip AS MATERIALIZED (SELECT rowid AS id, snippet(statements_fts, 0, ?7, ?8, '…', 24) AS text"             \
	"  FROM statements_fts WHERE statements_fts MATCH ?6 AND +rowid IN (SELECT id FROM top))"
	/* the page as impacts.c ranks it (by a term's lists, or every match
	 * read once): its ids and ranks in ?13, as JSON, and the number of
	 * matches in ?14; then the rows and snippets of those alone, FTS5
	 * looking each up */
#define SEARCH_TOP(LOOKUP)                                                                                             \
	"WITH top(id, rank, total) AS (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), ?14"           \
	"  FROM json_each(?13)),"                                                                                      \
	" snip AS MATERIALIZED (SELECT rowid AS id, snippet(statements_fts, 0, ?7, ?8, '…', 24) AS text"             \
	"  FROM statements_fts WHERE statements_fts MATCH ?6 AND " LOOKUP "rowid IN (SELECT id FROM top))"             \
	" SELECT " ROW_COLUMNS ", snip.text, top.rank, top.total, ?17 FROM top JOIN snip ON snip.id = top.id"          \
	" JOIN statements s ON s.id = top.id" ROW_JOINS " ORDER BY top.rank, top.id"
	/* the page with its snippets, as a prefix's pass made them */
#define SEARCH_SNIPPED                                                                                                 \
	"WITH top(id, rank, total, text) AS (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), ?14,"    \
	"  json_extract(value, '$[2]') FROM json_each(?13))"                                                           \
	" SELECT " ROW_COLUMNS                                                                                         \
	", top.text, top.rank, top.total, ?17 FROM top JOIN statements s ON s.id = top.id" ROW_JOINS                   \
	" ORDER BY top.rank, top.id"
	const char *sql = f->order != DM_ORDER_DEFAULT
	                      ? (filtered(f) ? SEARCH_BY_DATE(SEARCH_FILTER) : SEARCH_BY_DATE(""))
	                  : filtered(f) ? SEARCH(SEARCH_FILTER)
	                                : SEARCH("");
	*st = NULL;
	if (dm_kept_refresh(s, err, errlen))
		return -1;
	int none = fts_match(f, fts, err, errlen);
	if (none)
		return none < 0 ? -1 : 0;
	dm_hit *hits = NULL;
	size_t n_hits = 0;
	sqlite3_int64 total = 0;
	int estimated = 0;
	dm_buf page = {0};
	/* a one-phrase search with filters: the counts of the matches that
	 * pass them, ranked in C (impacts.c), the filters as in SEARCH */
#define SEARCH_PASS                                                                                                    \
	"SELECT rowid, dictum_tf_tokens(statements_fts) FROM statements_fts WHERE statements_fts MATCH "               \
	"?6" SEARCH_FILTER
	/* phrases joined, filtered or not: each match's rank */
#define JOINED_PASS(FILTER)                                                                                            \
	"SELECT rowid, dictum_bm25(statements_fts, ?15) FROM statements_fts WHERE statements_fts MATCH ?6" FILTER
	/* a prefix, filtered or not: its matches ranked in one pass, the
	 * page's snippets made from where the pass found it (impacts.c) */
#define PREFIX_PASS(FILTER)                                                                                            \
	"SELECT dictum_pass(statements_fts, ?16) FROM statements_fts WHERE statements_fts MATCH ?6" FILTER
	long skip = f->offset > 0 ? f->offset : 0;
	const char *open = f->mark_open ? f->mark_open : "[", *close = f->mark_close ? f->mark_close : "]";
	int top = 0, prefix = 0, one = dm_fts_one_phrase(*fts, &prefix);
	sqlite3_stmt *pass;
	if (f->order != DM_ORDER_DEFAULT || f->limit <= 0) {
		/* ranked in SQL */
	} else if (one && prefix && skip + f->limit <= DM_PREFIX_PAGES) {
		/* a frequent prefix: its page read off its list, as a word's */
		if (!filtered(f))
			top = dm_impacts_prefix(s, *fts, skip, f->limit, open, close, &hits, &n_hits, &total);
		/* filters C tests (filter_in_c): a speaker's or a person's few
		 * statements each read and looked through, rather than every
		 * statement the prefix is in; else the pass tests each match in
		 * C and counts every one itself, without a second walk of the
		 * prefix's words */
		dm_dates *dates;
		int64_t *ids;
		long n_ids;
		if (!top && filtered(f) && !filter_in_c(s, f, &dates, &ids, &n_ids)) {
			if (n_ids >= 0)
				top = dm_impacts_prefix_among(s, *fts, dates, ids, n_ids, skip, f->limit, open, close,
				                              &hits, &n_hits, &total);
			/* else the page off the prefix's list, its count estimated */
			if (!top)
				top = dm_impacts_filtered(s, *fts, dates, ids, n_ids, skip, f->limit, open, close,
				                          &hits, &n_hits, &total, &estimated);
			if (!top && dm_query(s, PREFIX_PASS(""), &pass) == SQLITE_OK) {
				dm_bind_text(pass, 6, *fts);
				if (dm_prefix_pass(s, pass, 16, 1, dates, ids, n_ids, skip, f->limit, open, close,
				                   &hits, &n_hits, &total))
					top = DM_TOP_PREFIX;
			}
			free(ids);
			dm_dates_free(dates);
		}
		if (!top &&
		    dm_query(s, filtered(f) ? PREFIX_PASS(SEARCH_FILTER) : PREFIX_PASS(""), &pass) == SQLITE_OK) {
			bind_filter(pass, f);
			dm_bind_text(pass, 6, *fts);
			if (dm_prefix_pass(s, pass, 16, !filtered(f), NULL, NULL, -1, skip, f->limit, open, close,
			                   &hits, &n_hits, &total))
				top = DM_TOP_PREFIX;
		}
	} else if (!filtered(f)) {
		top = dm_impacts_top(s, *fts, skip, f->limit, &hits, &n_hits, &total);
	} else if (one && !prefix && (top = filtered_by_lists(s, f, *fts, skip, &hits, &n_hits, &total, &estimated))) {
		/* read off the word's list */
	} else if (one && dm_query(s, SEARCH_PASS, &pass) == SQLITE_OK) {
		bind_filter(pass, f);
		dm_bind_text(pass, 6, *fts);
		if (dm_rank_pass(s, pass, *fts, skip, f->limit, &hits, &n_hits, &total))
			top = prefix ? DM_TOP_PREFIX : DM_TOP_PASS;
	}
	/* phrases joined by AND: ranked and counted in one walk, their page's
	 * snippets made here (SEARCH would walk them twice, the second time
	 * to find the page's rows for their snippets) */
	dm_marks marks;
	int marked = dm_marks_of(s, *fts, &marks);
	if (!top && !one && marked && f->order == DM_ORDER_DEFAULT && f->limit > 0 &&
	    dm_query(s, filtered(f) ? JOINED_PASS(SEARCH_FILTER) : JOINED_PASS(""), &pass) == SQLITE_OK) {
		bind_filter(pass, f);
		dm_bind_text(pass, 6, *fts);
		dm_buf counts = {0};
		if (dm_impacts_counts(s, *fts, &counts))
			sqlite3_bind_blob(pass, 15, counts.data, (int)counts.len, SQLITE_TRANSIENT);
		dm_buf_free(&counts);
		if (dm_rank_scored(s, pass, skip, f->limit, &hits, &n_hits, &total))
			top = DM_TOP_PASS;
	}
	/* the page's snippets made here from the rows' contents: FTS5 would
	 * look each row up in the terms' lists, a third of a page's time, and
	 * gather a prefix's words anew for each */
	if (top && n_hits && !hits[0].snippet && marked)
		dm_snip(s, &marks, open, close, hits, n_hits);
	if (top) {
		int snipped = n_hits && hits[0].snippet;
		dm_buf_putc(&page, '[');
		for (size_t i = 0; i < n_hits; i++) {
			dm_buf_printf(&page, "%s[%lld,%.17g", i ? "," : "", (long long)hits[i].id, hits[i].rank);
			if (snipped) {
				dm_buf_putc(&page, ',');
				dm_buf_json_string(&page, hits[i].snippet, strlen(hits[i].snippet));
			}
			dm_buf_putc(&page, ']');
			free(hits[i].snippet);
		}
		dm_buf_putc(&page, ']');
		free(hits);
		/* a prefix's snippets, when its pass did not make them, from one
		 * more pass over its matches: FTS5 would gather the words it
		 * begins anew for each lookup */
		sql = snipped ? SEARCH_SNIPPED : prefix ? SEARCH_TOP("+") : SEARCH_TOP("");
	}
#undef SEARCH
#undef SEARCH_BY_DATE
#undef SEARCH_TOP
#undef SEARCH_PASS
#undef PREFIX_PASS
#undef JOINED_PASS
#undef SEARCH_SNIPPED
#undef SNIPPETS
#undef SEARCH_FILTER
#undef MATCH_ROW
	if (page.failed) {
		dm_buf_free(&page);
		free(*fts);
		*fts = NULL;
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (dm_query(s, sql, st) != SQLITE_OK) {
		dm_buf_free(&page);
		free(*fts);
		*fts = NULL;
		*st = NULL;
		return dm_sqlerr(s, err, errlen, "cannot prepare search");
	}
	bind_filter(*st, f);
	dm_bind_text(*st, 6, *fts);
	dm_bind_text(*st, 7, open);
	dm_bind_text(*st, 8, close);
	if (page.data) {
		sqlite3_bind_text(*st, 13, page.data, (int)page.len, SQLITE_TRANSIENT);
		sqlite3_bind_int64(*st, 14, total);
		if (estimated)
			sqlite3_bind_int(*st, 17, 1);
	} else if (dm_impacts_counts(s, *fts, &page)) { /* words joined: their counts, known */
		sqlite3_bind_blob(*st, 15, page.data, (int)page.len, SQLITE_TRANSIENT);
	}
	dm_buf_free(&page);
	return 0;
}

int dm_store_search(dm_store *s, const dm_filter *f, dm_row_fn fn, void *ctx, char *err, size_t errlen)
{
	return statements(s, f, SEARCH, open_search, fn, ctx, err, errlen);
}

/* ---- rows one at a time, for a reader that pulls them (a stream) ---- */

struct dm_cursor {
	dm_store *s;
	sqlite3_stmt *st; /* NULL: no rows */
	char *fts;
	int extra, search;
	int first;       /* the first step's result, taken at once: a statement not yet
	                    stepped is not busy, and another query could take it */
	char match[256]; /* the query, for a message */
	dm_row row;
	dm_row_span spans[DM_ROW_SPANS];
};

int dm_store_cursor(dm_store *s, const dm_filter *f, dm_cursor **out, char *err, size_t errlen)
{
	dm_cursor *c = calloc(1, sizeof *c);
	*out = NULL;
	if (!c) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	c->s = s;
	c->search = f->match != NULL;
	c->extra = c->search ? SEARCH : QUOTES;
	snprintf(c->match, sizeof c->match, "%s", f->match ? f->match : "");
	if ((c->search ? open_search : open_quotes)(s, f, &c->st, &c->fts, err, errlen)) {
		free(c);
		return -1;
	}
	if (c->st)
		c->first = sqlite3_step(c->st);
	*out = c;
	return 0;
}

int dm_cursor_next(dm_cursor *c, const dm_row **row, char *err, size_t errlen)
{
	if (!c->st)
		return 0;
	int rc = c->first ? c->first : sqlite3_step(c->st), code = SQLITE_OK;
	c->first = 0;
	if (rc == SQLITE_ROW && !fill_row(c->s, c->st, c->extra, &c->row, c->spans, &code)) {
		*row = &c->row;
		return 1;
	}
	if (rc == SQLITE_DONE)
		return 0;
	if (rc == SQLITE_ERROR && c->search)
		bad_match(c->match, err, errlen);
	else
		dm_sqlerr(c->s, err, errlen, "query failed");
	return -1;
}

void dm_cursor_close(dm_cursor *c)
{
	if (!c)
		return;
	if (c->st)
		dm_query_done(c->s, c->st);
	free(c->fts);
	free(c);
}

typedef struct speaker_rows {
	int (*fn)(const dm_speaker_row *, void *);
	void *ctx;
} speaker_rows;

static int speaker_row(sqlite3_stmt *st, void *p)
{
	const speaker_rows *x = p;
	dm_speaker_row r = {dm_col(st, 0),
	                    dm_col(st, 1),
	                    dm_speaker_type_name((dm_speaker_type)sqlite3_column_int(st, 2)),
	                    dm_col(st, 5),
	                    dm_col(st, 6),
	                    dm_col(st, 7),
	                    dm_col(st, 8),
	                    sqlite3_column_int64(st, 3),
	                    sqlite3_column_int64(st, 4),
	                    sqlite3_column_int64(st, 9)};
	return x->fn(&r, x->ctx);
}

int dm_store_speakers(dm_store *s, const char *who, long limit, long offset, int (*fn)(const dm_speaker_row *, void *),
                      void *ctx, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	/* one row per person or organisation that linking found (link.c),
	 * with the record the link counted; forms most used first; titles in
	 * the order they were first given */
	const char *sql =
	    "SELECT p.id, p.name, p.type, p.statements, p.documents, p.first, p.last,"
	    "  (SELECT json_group_array(form) FROM (SELECT f2.form FROM speaker_forms f2 JOIN statements s2"
	    "   ON s2.speaker = f2.form AND s2.speaker_type = f2.type WHERE f2.person = p.id"
	    "   GROUP BY f2.form ORDER BY count(*) DESC, f2.form)),"
	    "  (SELECT json_group_array(json_object('title', t, 'first', a, 'last', z, 'documents', n)) FROM"
	    "   (SELECT min(r.title) AS t, min(d3.date) AS a, max(d3.date) AS z, count(DISTINCT r.doc_id) AS n"
	    "    FROM roles r JOIN documents d3 ON d3.id = r.doc_id"
	    "    WHERE r.speaker IN (SELECT form FROM speaker_forms WHERE person = p.id)"
	    "    GROUP BY lower(r.title) ORDER BY a IS NULL, a, t)), count(*) OVER ()"
	    " FROM persons p WHERE p.statements > 0 AND (?1 IS NULL OR p.id IN (" SPEAKER_PERSONS "))"
	    " ORDER BY p.statements DESC, p.name LIMIT ?2 OFFSET ?3";
	if (dm_query(s, sql, &st) != SQLITE_OK)
		return dm_sqlerr(s, err, errlen, "cannot prepare query");
	dm_bind_text(st, 1, who);
	sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
	sqlite3_bind_int64(st, 3, offset > 0 ? offset : 0);
	speaker_rows x = {fn, ctx};
	return each_row(s, st, speaker_row, &x, err, errlen) ? -1 : 0;
}

static int found(sqlite3_stmt *st, void *p)
{
	(void)st;
	*(int *)p = 1;
	return 1;
}

int dm_store_has_person(dm_store *s, const char *id, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	int yes = 0;
	if (dm_query(s, "SELECT 1 FROM persons WHERE id = ?1", &st) != SQLITE_OK)
		return dm_sqlerr(s, err, errlen, "cannot prepare query");
	dm_bind_text(st, 1, id);
	return each_row(s, st, found, &yes, err, errlen) ? -1 : yes;
}

typedef struct form_rows {
	int (*fn)(const dm_form_row *, void *);
	void *ctx;
} form_rows;

static int form_row(sqlite3_stmt *st, void *p)
{
	const form_rows *x = p;
	dm_form_row r = {dm_col(st, 0),
	                 dm_speaker_type_name((dm_speaker_type)sqlite3_column_int(st, 1)),
	                 dm_col(st, 2),
	                 dm_col(st, 5),
	                 dm_col(st, 6),
	                 sqlite3_column_int64(st, 3),
	                 sqlite3_column_int64(st, 4)};
	return x->fn(&r, x->ctx);
}

int dm_store_explain(dm_store *s, const char *person, int (*fn)(const dm_form_row *, void *), void *ctx, char *err,
                     size_t errlen)
{
	sqlite3_stmt *st;
	const char *sql =
	    "SELECT f.form, f.type, f.reason, count(s.id), count(DISTINCT s.doc_id),"
	    "  (SELECT json_group_array(src) FROM (SELECT DISTINCT d.source AS src FROM statements s2"
	    "   JOIN documents d ON d.id = s2.doc_id WHERE s2.speaker = f.form AND s2.speaker_type = f.type"
	    "   ORDER BY d.date, d.source)),"
	    "  (SELECT json_group_array(title) FROM (SELECT DISTINCT title FROM roles WHERE speaker = f.form))"
	    " FROM speaker_forms f JOIN statements s ON s.speaker = f.form AND s.speaker_type = f.type"
	    " WHERE f.person = ?1 GROUP BY f.form, f.type ORDER BY count(s.id) DESC, f.form";
	if (dm_query(s, sql, &st) != SQLITE_OK)
		return dm_sqlerr(s, err, errlen, "cannot prepare query");
	dm_bind_text(st, 1, person);
	form_rows x = {fn, ctx};
	return each_row(s, st, form_row, &x, err, errlen) ? -1 : 0;
}

int dm_store_echoes(dm_store *s, const dm_filter *f, double min_similarity, dm_row_fn fn, void *ctx, char *err,
                    size_t errlen)
{
	sqlite3_stmt *st;
	/* members at least this similar to another; clusters still said in
	 * two stories or more; the biggest first, members by date */
	const char *sql =
	    "WITH m AS (SELECT * FROM echoes WHERE similarity >= ?6),"
	    " c AS (SELECT m.cluster, count(*) AS n, json_object('statements', count(*),"
	    "   'stories', sum(m.copy_of IS NULL), 'first', min(d.date), 'last', max(d.date),"
	    "   'speakers', json_group_array(DISTINCT coalesce(p.name, s.speaker))"
	    "     FILTER (WHERE coalesce(p.name, s.speaker) IS NOT NULL),"
	    "   'outlets', json_group_array(DISTINCT d.outlet) FILTER (WHERE d.outlet IS NOT NULL)) AS summary"
	    "  FROM m JOIN statements s ON s.id = m.statement" ROW_JOINS
	    "  GROUP BY m.cluster HAVING sum(m.copy_of IS NULL) >= 2)"
	    " SELECT " ROW_COLUMNS ", m.cluster, m.similarity, m.copy_of, c.summary, (SELECT count(*) FROM c),"
	    "  coalesce((SELECT o.doc_id <> s.doc_id FROM statements o WHERE o.id = m.copy_of), 0)"
	    " FROM m JOIN c ON c.cluster = m.cluster"
	    " JOIN statements s ON s.id = m.statement" ROW_JOINS
	    " WHERE (?1 IS NULL OR m.cluster IN (SELECT m2.cluster FROM m m2 JOIN statements s ON s.id = m2.statement"
	    "   JOIN documents d ON d.id = s.doc_id WHERE" FILTER_WHERE "))"
	    " ORDER BY c.n DESC, m.cluster, d.date IS NULL, d.date, s.id LIMIT ?5 OFFSET ?10";
	if (dm_query(s, sql, &st) != SQLITE_OK)
		return dm_sqlerr(s, err, errlen, "cannot prepare query");
	bind_filter(st, f);
	sqlite3_bind_double(st, 6, min_similarity);
	return run_rows(s, st, ECHOES, fn, ctx, err, errlen) ? -1 : 0;
}

int dm_store_document(dm_store *s, const char *key, int (*doc_fn)(const dm_doc_view *, void *), dm_row_fn stmt_fn,
                      void *ctx, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	if (dm_query(s,
	             "SELECT id, source, title, date, outlet, authors, raw, text, url, language, fetched, date_source,"
	             " comments FROM documents"
	             " WHERE id = ?1 OR source = ?2 ORDER BY id LIMIT 1",
	             &st) != SQLITE_OK)
		return dm_sqlerr(s, err, errlen, "cannot prepare query");
	char *end;
	long long id = strtoll(key, &end, 10);
	sqlite3_bind_int64(st, 1, *key && !*end ? id : -1);
	dm_bind_text(st, 2, key);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		if (rc == SQLITE_DONE)
			snprintf(err, errlen, "no document '%s' in the database", key);
		else
			dm_sqlerr(s, err, errlen, "query failed");
		dm_query_done(s, st);
		return -1;
	}
	dm_doc_view v = {.id = sqlite3_column_int64(st, 0),
	                 .source = dm_col(st, 1),
	                 .title = dm_col(st, 2),
	                 .date = dm_col(st, 3),
	                 .outlet = dm_col(st, 4),
	                 .authors = dm_col(st, 5),
	                 .raw = dm_col(st, 6),
	                 .raw_len = (size_t)sqlite3_column_bytes(st, 6),
	                 .text = dm_col(st, 7),
	                 .text_len = (size_t)sqlite3_column_bytes(st, 7),
	                 .url = dm_col(st, 8),
	                 .language = dm_col(st, 9),
	                 .fetched = dm_col(st, 10),
	                 .date_source = sqlite3_column_type(st, 11) == SQLITE_NULL
	                                    ? NULL
	                                    : dm_date_source_name((dm_date_source)sqlite3_column_int(st, 11)),
	                 .comments = dm_col(st, 12)};
	int stop = doc_fn(&v, ctx);
	sqlite3_int64 doc_id = v.id;
	dm_query_done(s, st);
	if (stop)
		return 0;
	if (dm_query(s, "SELECT " ROW_COLUMNS " FROM statements s" ROW_JOINS " WHERE s.doc_id = ?1 ORDER BY s.seq",
	             &st) != SQLITE_OK)
		return dm_sqlerr(s, err, errlen, "cannot prepare query");
	sqlite3_bind_int64(st, 1, doc_id);
	return run_rows(s, st, PLAIN, stmt_fn, ctx, err, errlen) ? -1 : 0;
}

typedef struct month_rows {
	int (*fn)(const char *, long long, void *);
	void *ctx;
} month_rows;

static int month_row(sqlite3_stmt *st, void *p)
{
	const month_rows *x = p;
	return x->fn(dm_col(st, 0), sqlite3_column_int64(st, 1), x->ctx);
}

int dm_store_months(dm_store *s, const dm_filter *f, int (*fn)(const char *month, long long n, void *), void *ctx,
                    char *err, size_t errlen)
{
	sqlite3_stmt *st;
#define MONTHS(FROM, WHERE)                                                                                            \
	"SELECT CASE WHEN length(d.date) >= 7 THEN substr(d.date, 1, 7) END AS month, count(*) FROM " FROM ROW_JOINS   \
	" WHERE" WHERE " AND (?6 IS NULL OR s.id IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?6))" \
	" GROUP BY month ORDER BY month IS NULL, month"
	const char *sql = statements_of(f, MONTHS(BY_SPEAKER, OTHER_FILTERS), MONTHS(BY_PERSON, FILTER_WHERE),
	                                MONTHS(ALL_STATEMENTS, FILTER_WHERE));
#undef MONTHS
	char *fts;
	int none = fts_match(f, &fts, err, errlen);
	if (none)
		return none < 0 ? -1 : 0;
	if (dm_query(s, sql, &st) != SQLITE_OK) {
		free(fts);
		return dm_sqlerr(s, err, errlen, "cannot prepare query");
	}
	bind_filter(st, f);
	dm_bind_text(st, 6, fts);
	month_rows x = {fn, ctx};
	int code = each_row(s, st, month_row, &x, err, errlen);
	free(fts);
	if (code == SQLITE_ERROR && f->match)
		bad_match(f->match, err, errlen);
	return code ? -1 : 0;
}

typedef struct check_rows {
	void (*fn)(const char *, void *);
	void *ctx;
	const char *what;
	long problems;
} check_rows;

/* A row of a check: a problem, unless it says "ok" (integrity_check's). */
static int check_row(sqlite3_stmt *st, void *p)
{
	check_rows *x = p;
	const char *v = dm_col(st, 0);
	if (v && !strcmp(v, "ok"))
		return 0;
	char msg[512];
	snprintf(msg, sizeof msg, "%s%s%s", x->what, v ? ": " : "", v ? v : "");
	x->fn(msg, x->ctx);
	x->problems++;
	return 0;
}

long dm_store_check(dm_store *s, void (*fn)(const char *problem, void *ctx), void *ctx, char *err, size_t errlen)
{
	static const struct {
		const char *what, *sql;
	} checks[] = {
	    {"the database file is damaged", "PRAGMA integrity_check"},
	    {"a row refers to one that is gone",
	     "SELECT 'table ' || \"table\" || ', row ' || rowid FROM pragma_foreign_key_check"},
	    {"statements and the full-text index disagree",
	     "SELECT (SELECT count(*) FROM statements WHERE id <= (SELECT indexed FROM fts_state)) || ' statements, '"
	     " || (SELECT count(*) FROM statements_fts_docsize) || ' in the index'"
	     " WHERE (SELECT count(*) FROM statements WHERE id <= (SELECT indexed FROM fts_state))"
	     "  <> (SELECT count(*) FROM statements_fts_docsize)"},
	    {"a statement not yet in the full-text index",
	     "SELECT 'statement ' || id FROM statements WHERE id > (SELECT indexed FROM fts_state) LIMIT 10"},
	    {"a span outside its document",
	     "SELECT 'statement ' || p.statement FROM spans p JOIN statements s ON s.id = p.statement"
	     " JOIN documents d ON d.id = s.doc_id WHERE p.raw_end > length(CAST(d.raw AS BLOB)) OR p.raw_start < 0"
	     " OR p.raw_start > p.raw_end LIMIT 10"},
	};
	check_rows x = {fn, ctx, NULL, 0};
	for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(s->db, checks[i].sql, -1, &st, NULL) != SQLITE_OK)
			return dm_sqlerr(s, err, errlen, "cannot check the archive");
		x.what = checks[i].what;
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			check_row(st, &x);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return dm_sqlerr(s, err, errlen, "cannot check the archive");
	}
	/* FTS5's own check of its index against the statements */
	if (sqlite3_exec(s->db, "INSERT INTO statements_fts(statements_fts, rank) VALUES ('integrity-check', 1)", NULL,
	                 NULL, NULL) != SQLITE_OK) {
		fn("the full-text index is damaged", ctx);
		x.problems++;
	}
	return x.problems;
}

static int stats_row(sqlite3_stmt *st, void *p)
{
	dm_stats *o = p;
	o->documents = sqlite3_column_int64(st, 0);
	o->undated = sqlite3_column_int64(st, 1);
	o->outlets = sqlite3_column_int64(st, 2);
	snprintf(o->first, sizeof o->first, "%s", dm_col(st, 3) ? dm_col(st, 3) : "");
	snprintf(o->last, sizeof o->last, "%s", dm_col(st, 4) ? dm_col(st, 4) : "");
	o->statements = sqlite3_column_int64(st, 5);
	o->people = sqlite3_column_int64(st, 6);
	o->echo_clusters = sqlite3_column_int64(st, 7);
	return 0;
}

typedef struct input_rows {
	int (*fn)(const unsigned char *, void *);
	void *ctx;
} input_rows;

static int input_row(sqlite3_stmt *st, void *p)
{
	const input_rows *x = p;
	return sqlite3_column_bytes(st, 0) == 16 ? x->fn(sqlite3_column_blob(st, 0), x->ctx) : 0;
}

int dm_store_input_hashes(dm_store *s, int (*fn)(const unsigned char hash[16], void *ctx), void *ctx, char *err,
                          size_t errlen)
{
	sqlite3_stmt *st;
	if (dm_query(s, "SELECT hash FROM inputs", &st) != SQLITE_OK)
		return dm_sqlerr(s, err, errlen, "cannot prepare query");
	input_rows x = {fn, ctx};
	return each_row(s, st, input_row, &x, err, errlen) ? -1 : 0;
}

int dm_store_stats(dm_store *s, dm_stats *out, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	memset(out, 0, sizeof *out);
	const char *sql = "SELECT count(*), sum(date IS NULL), count(DISTINCT outlet), min(date), max(date),"
	                  " (SELECT count(*) FROM statements), (SELECT count(*) FROM persons),"
	                  " (SELECT count(DISTINCT cluster) FROM echoes) FROM documents";
	if (dm_query(s, sql, &st) != SQLITE_OK)
		return dm_sqlerr(s, err, errlen, "cannot prepare query");
	if (each_row(s, st, stats_row, out, err, errlen))
		return -1;
	out->linked = dm_store_linked(s);
	return 0;
}
