/*
 * schema: the archive's tables, version by version.  PRAGMA user_version
 * says which; opening for writing moves an archive of any earlier version
 * to this one in one transaction, so that a failure leaves it as it was.
 * Each migration is SQL, and where SQL alone cannot do it, a step in C
 * between two pieces of SQL.  Never edit a released migration; add one.
 */
#define _GNU_SOURCE /* memmem: reading spans out of schema 5's JSON */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "link/link.h"
#include "util/utf8.h"

/* Kinds and speaker types are stored as their enums' values. */
_Static_assert(DM_DIRECT == 0 && DM_INDIRECT == 1 && DM_MIXED == 2 && DM_HEADLINE == 3, "stored kind codes");
_Static_assert(DM_UNKNOWN == 0 && DM_PERSON == 1 && DM_ORGANIZATION == 2 && DM_UNNAMED == 3, "stored type codes");
#define KIND_CODE " CASE kind WHEN 'direct' THEN 0 WHEN 'indirect' THEN 1 WHEN 'mixed' THEN 2 ELSE 3 END"
#define TYPE_CODE " CASE type WHEN 'person' THEN 1 WHEN 'organization' THEN 2 WHEN 'unnamed' THEN 3 ELSE 0 END"
#define STATEMENT_TYPE_CODE                                                                                            \
	" CASE speaker_type WHEN 'person' THEN 1 WHEN 'organization' THEN 2 WHEN 'unnamed' THEN 3 ELSE 0 END"

static int spans_from_offsets(sqlite3 *db);

typedef struct migration {
	const char *sql;
	int (*step)(sqlite3 *db); /* SQLite's result code */
	const char *after;
} migration;

static const migration migrations[] = {
    /* 1 */
    {"CREATE TABLE documents("
     "  id INTEGER PRIMARY KEY,"
     "  hash BLOB NOT NULL UNIQUE,"
     "  source TEXT NOT NULL,"
     "  title TEXT, date TEXT, outlet TEXT,"
     "  authors TEXT NOT NULL DEFAULT '[]',"
     "  raw TEXT NOT NULL,"
     "  text TEXT NOT NULL,"
     "  ingested TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
     "CREATE INDEX documents_source ON documents(source);"
     "CREATE INDEX documents_date ON documents(date);"
     "CREATE TABLE statements("
     "  id INTEGER PRIMARY KEY AUTOINCREMENT," /* ids only grow: see fts_state */
     "  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
     "  seq INTEGER NOT NULL,"
     "  kind TEXT NOT NULL,"
     "  content TEXT NOT NULL,"
     "  speaker TEXT, speaker_mention TEXT,"
     "  speaker_type TEXT NOT NULL,"
     "  cue TEXT, venue TEXT,"
     "  via TEXT NOT NULL DEFAULT '[]',"
     "  offsets TEXT NOT NULL);"
     "CREATE INDEX statements_doc ON statements(doc_id, seq);"
     "CREATE INDEX statements_speaker ON statements(speaker COLLATE NOCASE);"
     "CREATE VIRTUAL TABLE statements_fts USING fts5(content, speaker, content='statements',"
     "  content_rowid='id', tokenize='unicode61 remove_diacritics 2');"
     /* Statements are indexed in bulk when a batch commits (a row trigger
      * would make FTS5 flush at every per-document savepoint); fts_state
      * holds the highest id indexed, and only those are taken out again. */
     "CREATE TABLE fts_state(indexed INTEGER NOT NULL);"
     "INSERT INTO fts_state VALUES (0);"
     "CREATE TRIGGER statements_ad AFTER DELETE ON statements"
     "  WHEN old.id <= (SELECT indexed FROM fts_state) BEGIN"
     "  INSERT INTO statements_fts(statements_fts, rowid, content, speaker)"
     "  VALUES ('delete', old.id, old.content, old.speaker);"
     "END;",
     NULL, NULL},
    /* 2: roles, and what linking makes of the archive (link.c) */
    {"CREATE TABLE roles("
     "  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
     "  speaker TEXT NOT NULL, title TEXT NOT NULL);"
     "CREATE INDEX roles_doc ON roles(doc_id, speaker);"
     "CREATE INDEX roles_speaker ON roles(speaker);"
     "CREATE INDEX statements_form ON statements(speaker, speaker_type);"
     /* the user's corrections; canonical NULL: keep the form apart */
     "CREATE TABLE aliases(form TEXT PRIMARY KEY COLLATE NOCASE, canonical TEXT);"
     /* rebuilt by every link: */
     "CREATE TABLE persons(id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL);"
     "CREATE TABLE speaker_forms(form TEXT NOT NULL, type TEXT NOT NULL, person TEXT, reason TEXT NOT NULL,"
     "  PRIMARY KEY(form, type)) WITHOUT ROWID;"
     "CREATE INDEX speaker_forms_person ON speaker_forms(person);"
     "CREATE TABLE echoes(statement INTEGER PRIMARY KEY REFERENCES statements(id) ON DELETE CASCADE,"
     "  cluster INTEGER NOT NULL, similarity REAL NOT NULL, copy_of INTEGER);"
     "CREATE INDEX echoes_cluster ON echoes(cluster);"
     "CREATE TABLE link_state(statements INTEGER NOT NULL, last INTEGER NOT NULL);"
     "INSERT INTO link_state VALUES (-1, -1);",
     NULL, NULL},
    /* 3: each form's name key, kept, so that a speaker filter compares
     * keys instead of computing one for every form at every query */
    {"ALTER TABLE speaker_forms ADD COLUMN key TEXT;"
     "UPDATE speaker_forms SET key = name_key(form);",
     NULL, NULL},
    /* 4: the forms' names by trigrams, so that a speaker filter ('part of
     * a name') looks names up instead of matching LIKE against every form
     * at every query; rebuilt with speaker_forms by every link */
    {"CREATE VIRTUAL TABLE speaker_names USING fts5(form, key, type UNINDEXED, person UNINDEXED,"
     "  tokenize='trigram');"
     "INSERT INTO speaker_names SELECT form, key, type, person FROM speaker_forms;"
     /* and each person's record, counted by the link rather than by every
      * listing of speakers */
     "ALTER TABLE persons ADD COLUMN statements INTEGER NOT NULL DEFAULT 0;"
     "ALTER TABLE persons ADD COLUMN documents INTEGER NOT NULL DEFAULT 0;"
     "ALTER TABLE persons ADD COLUMN first TEXT;"
     "ALTER TABLE persons ADD COLUMN last TEXT;"
     "CREATE INDEX persons_by_statements ON persons(statements DESC, name);" DM_PERSON_RECORDS ";",
     NULL, NULL},
    /* 5: words meet their inflections ("emails" finds "email"): Porter's
     * English stemmer over the same tokenizer, the index rebuilt; the
     * snippets still mark the words as written */
    {"DROP TABLE statements_fts;"
     "CREATE VIRTUAL TABLE statements_fts USING fts5(content, speaker, content='statements',"
     "  content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');"
     "INSERT INTO statements_fts(rowid, content, speaker)"
     "  SELECT id, content, speaker FROM statements WHERE id <= (SELECT indexed FROM fts_state);",
     NULL, NULL},
    /* 6: what extraction knew, kept.  Each document's address, language,
     * crawl date and where its date was read (dm_date_source; NULL in
     * documents stored before, when it was not recorded).  Statements'
     * spans as integers (role 0 content, in parts; 1 source; 2 cue), in
     * bytes and code points of raw and, where they lie in the article's
     * body, of the cleaned text: no reader parses JSON or searches text
     * to place a statement.  Kinds and speaker types as codes, in the
     * statements and in what linking made of them. */
    {"ALTER TABLE documents ADD COLUMN url TEXT;"
     "ALTER TABLE documents ADD COLUMN language TEXT;"
     "ALTER TABLE documents ADD COLUMN fetched TEXT;"
     "ALTER TABLE documents ADD COLUMN date_source INTEGER;"
     "UPDATE documents SET date_source = 0 WHERE date IS NULL;"
     "CREATE TABLE spans("
     "  statement INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,"
     "  role INTEGER NOT NULL, part INTEGER NOT NULL,"
     "  raw_start INTEGER NOT NULL, raw_end INTEGER NOT NULL,"
     "  raw_cp_start INTEGER NOT NULL, raw_cp_end INTEGER NOT NULL,"
     "  text_start INTEGER, text_end INTEGER, text_cp_start INTEGER, text_cp_end INTEGER,"
     "  PRIMARY KEY(statement, role, part)) WITHOUT ROWID;",
     spans_from_offsets,
     "CREATE TABLE statements_v6("
     "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
     "  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
     "  seq INTEGER NOT NULL,"
     "  kind INTEGER NOT NULL,"
     "  content TEXT NOT NULL,"
     "  speaker TEXT, speaker_mention TEXT,"
     "  speaker_type INTEGER NOT NULL,"
     "  cue TEXT, venue TEXT,"
     "  via TEXT NOT NULL DEFAULT '[]');"
     "INSERT INTO statements_v6 SELECT id, doc_id, seq," KIND_CODE
     ", content, speaker, speaker_mention," STATEMENT_TYPE_CODE ", cue, venue, via FROM statements;"
     /* ids only grow, also over the copy: fts_state counts on it */
     "UPDATE sqlite_sequence SET seq = (SELECT seq FROM sqlite_sequence WHERE name = 'statements')"
     "  WHERE name = 'statements_v6';"
     "DROP TABLE statements;"
     "ALTER TABLE statements_v6 RENAME TO statements;"
     "CREATE INDEX statements_doc ON statements(doc_id, seq);"
     "CREATE INDEX statements_speaker ON statements(speaker COLLATE NOCASE);"
     "CREATE INDEX statements_form ON statements(speaker, speaker_type);"
     "CREATE TRIGGER statements_ad AFTER DELETE ON statements"
     "  WHEN old.id <= (SELECT indexed FROM fts_state) BEGIN"
     "  INSERT INTO statements_fts(statements_fts, rowid, content, speaker)"
     "  VALUES ('delete', old.id, old.content, old.speaker);"
     "END;"
     "CREATE TABLE speaker_forms_v6(form TEXT NOT NULL, type INTEGER NOT NULL, person TEXT, reason TEXT NOT NULL,"
     "  key TEXT, PRIMARY KEY(form, type)) WITHOUT ROWID;"
     "INSERT INTO speaker_forms_v6 SELECT form," TYPE_CODE ", person, reason, key FROM speaker_forms;"
     "DROP TABLE speaker_forms;"
     "ALTER TABLE speaker_forms_v6 RENAME TO speaker_forms;"
     "CREATE INDEX speaker_forms_person ON speaker_forms(person);"
     "CREATE TABLE persons_v6(id TEXT PRIMARY KEY, name TEXT NOT NULL, type INTEGER NOT NULL,"
     "  statements INTEGER NOT NULL DEFAULT 0, documents INTEGER NOT NULL DEFAULT 0, first TEXT, last TEXT);"
     "INSERT INTO persons_v6 SELECT id, name," TYPE_CODE ", statements, documents, first, last FROM persons;"
     "DROP TABLE persons;"
     "ALTER TABLE persons_v6 RENAME TO persons;"
     "CREATE INDEX persons_by_statements ON persons(statements DESC, name);"
     "DELETE FROM speaker_names;"
     "INSERT INTO speaker_names SELECT form, key, type, person FROM speaker_forms;"},
    /* 7: the hash of every input as read that gave a stored document
     * (several inputs may give one: a page fetched twice), so that an
     * unchanged input is known before it is extracted */
    {"CREATE TABLE inputs(hash BLOB PRIMARY KEY,"
     "  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE) WITHOUT ROWID;"
     "CREATE INDEX inputs_doc ON inputs(doc_id);",
     NULL, NULL},
    /* 8: readers' comments, kept apart from the article: a JSON array of
     * {text, author, date}, as 'dictum extract' writes them */
    {"ALTER TABLE documents ADD COLUMN comments TEXT NOT NULL DEFAULT '[]';", NULL, NULL},
    /* 9: each frequent term's statements best first under BM25, for a
     * search's first pages without ranking every match (impacts.c): made
     * by the link, stale once a statement they hold is deleted */
    {"CREATE TABLE impacts(term TEXT NOT NULL, tf INTEGER NOT NULL, part INTEGER NOT NULL, postings BLOB NOT NULL,"
     "  PRIMARY KEY(term, tf, part)) WITHOUT ROWID;"
     "CREATE TABLE impact_terms(term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;"
     "CREATE TABLE impact_state(upto INTEGER NOT NULL, stale INTEGER NOT NULL);"
     "INSERT INTO impact_state VALUES (0, 1);"
     "CREATE TRIGGER impacts_stale AFTER DELETE ON statements"
     "  WHEN old.id <= (SELECT upto FROM impact_state) BEGIN UPDATE impact_state SET stale = 1; END;",
     NULL, NULL},
    /* 10: what linking compares, kept (near.c): each statement's and
     * document's band keys, made when it is stored; the near-duplicate
     * pairs found and the families of copies, so that a batch is joined to
     * the archive instead of the archive to itself; link_state says up to
     * where, and whether anything linked was removed since (then the next
     * link is whole).  The first link after this one is whole. */
    {"CREATE TABLE statement_keys(statement INTEGER PRIMARY KEY REFERENCES statements(id) ON DELETE CASCADE,"
     "  keys BLOB NOT NULL);"
     "CREATE TABLE document_keys(document INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,"
     "  keys BLOB NOT NULL);"
     "CREATE TABLE echo_pairs(a INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,"
     "  b INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE, similarity REAL NOT NULL,"
     "  PRIMARY KEY(a, b)) WITHOUT ROWID;"
     "CREATE INDEX echo_pairs_b ON echo_pairs(b);"
     "CREATE TABLE copy_pairs(a INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
     "  b INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, PRIMARY KEY(a, b)) WITHOUT ROWID;"
     "CREATE INDEX copy_pairs_b ON copy_pairs(b);"
     "CREATE TABLE families(document INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,"
     "  family INTEGER NOT NULL);"
     "ALTER TABLE link_state ADD COLUMN documents_last INTEGER NOT NULL DEFAULT -1;"
     "ALTER TABLE link_state ADD COLUMN whole INTEGER NOT NULL DEFAULT 0;"
     "CREATE TRIGGER link_statement_gone AFTER DELETE ON statements"
     "  WHEN old.id <= (SELECT last FROM link_state) BEGIN UPDATE link_state SET whole = 0; END;"
     "CREATE TRIGGER link_document_gone AFTER DELETE ON documents"
     "  WHEN old.id <= (SELECT documents_last FROM link_state) BEGIN UPDATE link_state SET whole = 0; END;",
     NULL, NULL},
    /* 11: the index of statements by speaker form holds their documents
     * too, so that the link counts each person's statements, documents
     * and dates from the index alone (3 s to 0.8 s at a million) */
    {"DROP INDEX statements_form;"
     "CREATE INDEX statements_form ON statements(speaker, speaker_type, doc_id);",
     NULL, NULL},
    /* 12: lists for frequent prefixes too (impacts.c), each term's and
     * prefix's with the shortest prefix of it that begins no other term;
     * the lists are made anew by the next link */
    {"ALTER TABLE impact_terms ADD COLUMN shortest INTEGER NOT NULL DEFAULT 0;"
     "UPDATE impact_state SET stale = 1;",
     NULL, NULL},
    /* 13: the lists of inputs ingested to their end, by fingerprint
     * (dm_inputs_fingerprint), each marked in the transaction of its
     * last batch with the inputs that failed then: a cluster's task that
     * is run again on the same list passes over it (shards.c) */
    {"CREATE TABLE completed(inputs BLOB PRIMARY KEY, files INTEGER NOT NULL, failed INTEGER NOT NULL,"
     "  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))) WITHOUT ROWID;",
     NULL, NULL},
    /* 14: speakers linked for what is new (link.c): each form's count of
     * statements, and the last statement the speakers were linked with
     * (-1: the next link counts them all, as after a statement it
     * counted is removed) */
    {"ALTER TABLE speaker_forms ADD COLUMN statements INTEGER NOT NULL DEFAULT 0;"
     "ALTER TABLE link_state ADD COLUMN speakers_last INTEGER NOT NULL DEFAULT -1;"
     "CREATE TRIGGER link_speakers_gone AFTER DELETE ON statements"
     "  WHEN old.id <= (SELECT speakers_last FROM link_state) BEGIN UPDATE link_state SET speakers_last = -1; END;",
     NULL, NULL},
    /* 15: the index of roles by speaker holds their titles, so that the
     * link reads a form's titles from the index alone (3.5 of a batch's
     * 64 s at 10,000,000 statements went to reading roles' rows) */
    {"DROP INDEX roles_speaker;"
     "CREATE INDEX roles_speaker ON roles(speaker, title);",
     NULL, NULL},
    /* 16: each set's record holds its size and a filter of its features
     * beside its keys (link.h), so that a batch's link turns most
     * candidates away without reading texts; the keys are made anew by
     * the next link, which is whole */
    {"DELETE FROM statement_keys; DELETE FROM document_keys; UPDATE link_state SET whole = 0;", NULL, NULL},
    /* 17: no index of statements by speaker in any case: no query reads
     * it (each compares the speaker as it is, with its type, through
     * statements_form), and each statement stored paid for it (a fifth
     * of a statement row's cost in SQLite) */
    {"DROP INDEX statements_speaker;", NULL, NULL},
    /* 18: the full-text index keeps up to 16 MB of a batch's terms in
     * memory before it writes them (FTS5's default is 1 MB): a batch then
     * writes one segment or two, not dozens, each merged into the next
     * level as more came (callgrind, ingest of 2,000 bench files: the
     * writer 7.66 -> 7.32 G instructions; 64 MB did no better) */
    {"INSERT INTO statements_fts(statements_fts, rank) VALUES ('hashsize', 16777216);", NULL, NULL},
};
#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof *migrations))

int dm_store_current_version(void)
{
	return SCHEMA_VERSION;
}

/* ---- schema 5's JSON offsets as spans ---- */

/* Code points of a text to bytes, by a cursor that moves forward. */
typedef struct cp_cursor {
	const char *s;
	size_t len, byte, cp;
} cp_cursor;

static size_t cp_to_byte(cp_cursor *c, size_t cp)
{
	if (cp < c->cp)
		c->byte = c->cp = 0;
	while (c->cp < cp && c->byte < c->len) {
		dm_utf8_next(c->s, c->len, &c->byte);
		c->cp++;
	}
	return c->byte;
}

/* A piece of the cleaned text (body paragraphs joined by blank lines)
 * where it was found in raw, as extraction made it. */
typedef struct found_piece {
	size_t raw, text, len, raw_cp, text_cp;
} found_piece;

/* The cleaned text's pieces in raw, found in order: what schema 5 did not
 * keep, found once for every document by the migration. */
static found_piece *find_pieces(const char *raw, size_t raw_len, const char *text, size_t text_len, size_t *n)
{
	size_t cap = 16, at = 0, rcp = 0, tcp = 0;
	found_piece *v = malloc(cap * sizeof *v);
	*n = 0;
	for (size_t t = 0; v && t < text_len;) {
		const char *end = memmem(text + t, text_len - t, "\n\n", 2);
		size_t len = end ? (size_t)(end - text) - t : text_len - t;
		const char *hit = len ? memmem(raw + at, raw_len - at, text + t, len) : NULL;
		size_t ncp = dm_utf8_count(text + t, len);
		if (hit) {
			if (*n == cap) {
				found_piece *w = realloc(v, (cap *= 2) * sizeof *v);
				if (!w) {
					free(v);
					return NULL;
				}
				v = w;
			}
			size_t r = (size_t)(hit - raw);
			rcp += dm_utf8_count(raw + at, r - at);
			v[(*n)++] = (found_piece){r, t, len, rcp, tcp};
			rcp += ncp;
			at = r + len;
		}
		tcp += ncp + (end ? 2 : 0);
		t += len + (end ? 2 : 0);
	}
	return v;
}

/* Raw byte B (code point CP) in the text: binds its byte at I and its
 * code point at I + 2 (the columns of spans), or NULL outside every piece. */
static void bind_text_place(sqlite3_stmt *st, int i, const found_piece *v, size_t n, size_t b, size_t cp, int as_end)
{
	for (size_t k = 0; k < n; k++)
		if (b >= v[k].raw && (as_end ? b > v[k].raw && b <= v[k].raw + v[k].len : b < v[k].raw + v[k].len)) {
			sqlite3_bind_int64(st, i, (sqlite3_int64)(v[k].text + (b - v[k].raw)));
			sqlite3_bind_int64(st, i + 2, (sqlite3_int64)(v[k].text_cp + (cp - v[k].raw_cp)));
			return;
		}
	sqlite3_bind_null(st, i);
	sqlite3_bind_null(st, i + 2);
}

static int spans_of_statement(sqlite3_stmt *ins, sqlite3_int64 id, const char *offsets, cp_cursor *raw,
                              const found_piece *v, size_t n)
{
	static const char *const roles[] = {"content", "source", "cue"};
	json_t *o = json_loads(offsets ? offsets : "{}", 0, NULL);
	int rc = SQLITE_OK;
	for (int role = 0; role < 3 && rc == SQLITE_OK; role++) {
		json_t *list = o ? json_object_get(o, roles[role]) : NULL, *sp;
		size_t part;
		json_array_foreach(list, part, sp)
		{
			json_int_t a = json_integer_value(json_array_get(sp, 0)),
			           z = json_integer_value(json_array_get(sp, 1));
			if (a < 0 || z <= a)
				continue;
			size_t sb = cp_to_byte(raw, (size_t)a), eb = cp_to_byte(raw, (size_t)z);
			sqlite3_bind_int64(ins, 1, id);
			sqlite3_bind_int(ins, 2, role);
			sqlite3_bind_int64(ins, 3, (sqlite3_int64)part);
			sqlite3_bind_int64(ins, 4, (sqlite3_int64)sb);
			sqlite3_bind_int64(ins, 5, (sqlite3_int64)eb);
			sqlite3_bind_int64(ins, 6, a);
			sqlite3_bind_int64(ins, 7, z);
			bind_text_place(ins, 8, v, n, sb, (size_t)a, 0);
			bind_text_place(ins, 9, v, n, eb, (size_t)z, 1);
			if ((rc = dm_step_done(ins) ? SQLITE_ERROR : SQLITE_OK) != SQLITE_OK)
				break;
		}
	}
	json_decref(o);
	return rc;
}

static int spans_from_offsets(sqlite3 *db)
{
	sqlite3_stmt *docs = NULL, *stmts = NULL, *ins = NULL;
	int rc = sqlite3_prepare_v2(db, "SELECT id, raw, text FROM documents ORDER BY id", -1, &docs, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "SELECT id, offsets FROM statements WHERE doc_id = ?1 ORDER BY seq", -1,
		                        &stmts, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "INSERT INTO spans VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
		                        -1, &ins, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(docs)) == SQLITE_ROW) {
		rc = SQLITE_OK;
		cp_cursor raw = {(const char *)sqlite3_column_text(docs, 1), (size_t)sqlite3_column_bytes(docs, 1), 0,
		                 0};
		const char *text = (const char *)sqlite3_column_text(docs, 2);
		size_t n;
		found_piece *v = find_pieces(raw.s, raw.len, text, (size_t)sqlite3_column_bytes(docs, 2), &n);
		if (!v) {
			rc = SQLITE_NOMEM;
			break;
		}
		sqlite3_bind_int64(stmts, 1, sqlite3_column_int64(docs, 0));
		while (rc == SQLITE_OK && sqlite3_step(stmts) == SQLITE_ROW)
			rc = spans_of_statement(ins, sqlite3_column_int64(stmts, 0),
			                        (const char *)sqlite3_column_text(stmts, 1), &raw, v, n);
		sqlite3_reset(stmts);
		free(v);
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(docs);
	sqlite3_finalize(stmts);
	sqlite3_finalize(ins);
	return rc;
}

/* name_key(TEXT): dm_name_key in SQL, to group a speaker's forms. */
static void sql_name_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *name = (const char *)sqlite3_value_text(argv[0]);
	if (!name) {
		sqlite3_result_null(ctx);
		return;
	}
	char *key = dm_name_key(name, (size_t)sqlite3_value_bytes(argv[0]));
	if (key)
		sqlite3_result_text(ctx, key, -1, free);
	else
		sqlite3_result_error_nomem(ctx);
}

int dm_store_name_key_register(sqlite3 *db)
{
	return sqlite3_create_function_v2(db, "name_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_name_key,
	                                  NULL, NULL, NULL);
}

/* ---- moving an archive up ---- */

int dm_store_pragma_int(dm_store *s, const char *pragma, int otherwise)
{
	sqlite3_stmt *st;
	int v = otherwise;
	if (sqlite3_prepare_v2(s->db, pragma, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	return v;
}

int dm_store_schema_version(dm_store *s)
{
	return dm_store_pragma_int(s, "PRAGMA user_version", -1);
}

/* Migration V (to version V + 1) on DB, inside the caller's transaction. */
static int run(sqlite3 *db, int v)
{
	const migration *m = &migrations[v];
	char pragma[64];
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
	return sqlite3_exec(db, m->sql, NULL, NULL, NULL) == SQLITE_OK && (!m->step || m->step(db) == SQLITE_OK) &&
	               (!m->after || sqlite3_exec(db, m->after, NULL, NULL, NULL) == SQLITE_OK) &&
	               sqlite3_exec(db, pragma, NULL, NULL, NULL) == SQLITE_OK
	           ? 0
	           : -1;
}

int dm_store_create_at(sqlite3 *db, int version)
{
	if (version > SCHEMA_VERSION || dm_store_name_key_register(db) != SQLITE_OK ||
	    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	int rc = 0;
	for (int v = 0; v < version && !rc; v++)
		rc = run(db, v);
	sqlite3_exec(db, rc ? "ROLLBACK" : "COMMIT", NULL, NULL, NULL);
	return rc;
}

int dm_store_migrate(dm_store *s, char *err, size_t errlen)
{
	int v = dm_store_schema_version(s);
	if (v > SCHEMA_VERSION) {
		snprintf(err, errlen, "an archive of a newer dictum (schema %d; this dictum reads schema %d)", v,
		         SCHEMA_VERSION);
		return -1;
	}
	if (v == SCHEMA_VERSION) {
		dm_store_references(s);
		return 0;
	}
	/* Tables are rebuilt under their own names: references must not
	 * cascade meanwhile (the pragma is a no-op inside a transaction). */
	sqlite3_exec(s->db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		dm_sqlerr(s, err, errlen, "cannot start migration");
		dm_store_references(s);
		return -1;
	}
	v = dm_store_schema_version(s); /* another writer may have migrated meanwhile */
	int rc = 0;
	for (; v < SCHEMA_VERSION && !rc; v++)
		if ((rc = run(s->db, v)) != 0)
			dm_sqlerr(s, err, errlen, "schema migration failed");
	if (rc)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	else if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		rc = dm_sqlerr(s, err, errlen, "cannot commit migration");
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	}
	dm_store_references(s);
	return rc;
}
