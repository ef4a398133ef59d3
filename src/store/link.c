/*
 * Linking the archive (store.h): the link module's algorithms over what
 * the database holds, their results written back in one transaction.
 * Speakers are linked anew each time from statements, roles and the
 * user's aliases, so a correction can never leave a stale merge behind;
 * echoes and copies anew, or for what was stored since the last link
 * (near.c), which gives the same.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dictum_buf.h"
#include "internal.h"
#include "link/link.h"
#include "util/utf8.h"

typedef struct strs {
	char **v;
	size_t n, cap;
} strs;

static const char *keep(strs *s, const char *x)
{
	if (!x)
		return NULL;
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 256;
		char **v = realloc(s->v, cap * sizeof *v);
		if (!v)
			return NULL;
		s->v = v;
		s->cap = cap;
	}
	return s->v[s->n++] = strdup(x);
}

static void strs_free(strs *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

/* "Hikmat Hajiyev" -> "hikmat-hajiyev": ids that read as the name and
 * stay the same from one link to the next. */
static void slug(const char *name, dm_buf *out)
{
	char *f = dm_fold(name, strlen(name));
	dm_buf_reset(out);
	for (const char *p = f ? f : ""; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			dm_buf_putc(out, (char)c);
		else if (c < 0x80 && out->len && out->data[out->len - 1] != '-')
			dm_buf_putc(out, '-');
	}
	while (out->len && out->data[out->len - 1] == '-')
		out->len--;
	if (!out->len)
		dm_buf_puts(out, "speaker");
	dm_buf_putc(out, 0);
	out->len--;
	free(f);
}

typedef struct texts_ctx {
	sqlite3_stmt *q;
	int failed;
} texts_ctx;

/* dm_form_texts: the texts of the documents a form is a speaker in. */
static int form_texts(void *ctx, const dm_form *f, dm_each_text each, void *arg)
{
	texts_ctx *t = ctx;
	sqlite3_stmt *q = t->q;
	sqlite3_bind_text(q, 1, f->name, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, f->type);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if (each(dm_col(q, 0), (size_t)sqlite3_column_bytes(q, 0), arg))
			break;
	int bad = rc != SQLITE_ROW && rc != SQLITE_DONE;
	sqlite3_reset(q);
	t->failed |= bad;
	return bad ? -1 : 0;
}

/* A link of speakers after a batch starts from the last link's forms,
 * each with its count of statements, and people's records, kept aside
 * while the tables are made anew.  A form's count is its last one and
 * what the batch added; a person's record is the last one and what the
 * batch added (its documents are new ones, so they add too), unless a
 * form moved between people: then it is counted again from all their
 * statements.  So the link follows the batch and the number of forms,
 * not the statements of the archive (a batch's link at 10,000,000
 * spent 77 of its 149 s counting records).  Exact while no statement it
 * counted is removed; a removal makes the next link count everything. */
#define KEEP_OLD                                                                                                       \
	"CREATE TEMP TABLE old_forms AS SELECT form, type, person, statements FROM speaker_forms;"                     \
	"CREATE INDEX temp.old_forms_key ON old_forms(form, type);"                                                    \
	"CREATE TEMP TABLE old_persons AS SELECT id, statements, documents, first, last FROM persons;"                 \
	"CREATE UNIQUE INDEX temp.old_persons_id ON old_persons(id);"
#define DROP_OLD                                                                                                       \
	"DROP TABLE IF EXISTS temp.old_forms; DROP TABLE IF EXISTS temp.old_persons;"                                  \
	"DROP TABLE IF EXISTS temp.moved; DROP TABLE IF EXISTS temp.added;"
/* The people a form moved to or from (a new form moves nowhere: all its
 * statements are the batch's), counted again; what the batch added to
 * the others, added.  (NOT INDEXED: the planner would walk all of the
 * index of statements by form rather than the batch's rows.) */
#define ADD_BATCH                                                                                                      \
	"CREATE TEMP TABLE moved(person TEXT PRIMARY KEY) WITHOUT ROWID;"                                              \
	"INSERT OR IGNORE INTO moved SELECT f.person FROM speaker_forms f JOIN old_forms o"                            \
	"  ON o.form = f.form AND o.type = f.type WHERE f.person IS NOT NULL AND o.person IS NOT f.person;"            \
	"INSERT OR IGNORE INTO moved SELECT o.person FROM old_forms o LEFT JOIN speaker_forms f"                       \
	"  ON f.form = o.form AND f.type = o.type WHERE o.person IS NOT NULL AND f.person IS NOT o.person;"            \
	"CREATE TEMP TABLE added(person TEXT PRIMARY KEY, statements, documents, first, last) WITHOUT ROWID;"          \
	"INSERT INTO added SELECT f.person, count(*), count(DISTINCT s.doc_id), min(d.date), max(d.date)"              \
	"  FROM statements s NOT INDEXED JOIN speaker_forms f ON f.form = s.speaker AND f.type = s.speaker_type"       \
	"  JOIN documents d ON d.id = s.doc_id"                                                                        \
	"  WHERE s.id > (SELECT speakers_last FROM link_state) AND f.person IS NOT NULL GROUP BY f.person;"            \
	"UPDATE persons SET (statements, documents, first, last) = (SELECT ifnull(o.statements, 0)"                    \
	"  + ifnull(a.statements, 0), ifnull(o.documents, 0) + ifnull(a.documents, 0),"                                \
	"  coalesce(min(o.first, a.first), o.first, a.first), coalesce(max(o.last, a.last), o.last, a.last)"           \
	"  FROM (SELECT 1) LEFT JOIN old_persons o ON o.id = persons.id LEFT JOIN added a ON a.person = persons.id)"   \
	"  WHERE id NOT IN (SELECT person FROM moved);" DM_PERSON_RECORDS " WHERE id IN (SELECT person FROM moved);"

/* Link speakers: all of them anew, or (UPTO >= 0) as they were linked up
 * to statement UPTO and what was stored after it (the batch's rows read
 * NOT INDEXED, as above). */
static int link_speakers(dm_store *s, int64_t upto, dm_link_stats *stats, char *err, size_t errlen)
{
	sqlite3_stmt *q = NULL, *titles = NULL, *alias = NULL, *ins_p = NULL, *ins_f = NULL, *texts = NULL;
	dm_form *forms = NULL;
	dm_person *people = NULL;
	size_t n = 0, cap = 0;
	strs mem = {0};
	int rc = -1;
	if (sqlite3_exec(s->db, DROP_OLD, NULL, NULL, NULL) != SQLITE_OK ||
	    (upto >= 0 && sqlite3_exec(s->db, KEEP_OLD, NULL, NULL, NULL) != SQLITE_OK) ||
	    sqlite3_exec(s->db, "DELETE FROM persons; DELETE FROM speaker_forms; DELETE FROM speaker_names;", NULL,
	                 NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db,
	                       upto < 0
	                           ? "SELECT speaker, speaker_type, count(*) FROM statements WHERE speaker IS NOT NULL"
	                             " GROUP BY speaker, speaker_type ORDER BY count(*) DESC, speaker, speaker_type"
	                           : "SELECT form, type, sum(n) FROM (SELECT form, type, statements AS n FROM old_forms"
	                             " UNION ALL SELECT speaker, speaker_type, count(*) FROM statements NOT INDEXED"
	                             " WHERE id > ?1 AND speaker IS NOT NULL GROUP BY speaker, speaker_type)"
	                             " GROUP BY form, type ORDER BY sum(n) DESC, form, type",
	                       -1, &q, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "SELECT DISTINCT title FROM roles WHERE speaker = ?1", -1, &titles, NULL) !=
	        SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "SELECT canonical FROM aliases WHERE form = ?1", -1, &alias, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db,
	                       "SELECT text FROM documents WHERE id IN"
	                       " (SELECT doc_id FROM statements WHERE speaker = ?1 AND speaker_type = ?2)",
	                       -1, &texts, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "INSERT OR IGNORE INTO persons(id, name, type) VALUES (?1, ?2, ?3)", -1, &ins_p,
	                       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db,
	                       "INSERT INTO speaker_forms(form, type, person, reason, key, statements)"
	                       " VALUES (?1, ?2, ?3, ?4, name_key(?1), ?5)",
	                       -1, &ins_f, NULL) != SQLITE_OK) {
		dm_sqlerr(s, err, errlen, "cannot link speakers");
		goto done;
	}
	sqlite3_bind_int64(q, 1, upto);
	while (sqlite3_step(q) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			dm_form *v = realloc(forms, cap * sizeof *v);
			if (!v)
				goto nomem;
			forms = v;
		}
		dm_form *f = memset(&forms[n++], 0, sizeof *forms);
		f->name = keep(&mem, dm_col(q, 0));
		f->type = sqlite3_column_int(q, 1);
		f->statements = sqlite3_column_int64(q, 2);
		if (!f->name)
			goto nomem;
		sqlite3_bind_text(titles, 1, f->name, -1, SQLITE_STATIC);
		size_t nt = 0;
		const char **tv = NULL;
		while (sqlite3_step(titles) == SQLITE_ROW) {
			const char **v = realloc(tv, (nt + 1) * sizeof *v);
			if (!v || !(v[nt] = keep(&mem, dm_col(titles, 0)))) {
				free(v ? v : tv);
				goto nomem;
			}
			tv = v;
			nt++;
		}
		sqlite3_reset(titles);
		f->titles = tv;
		f->n_titles = nt;
		sqlite3_bind_text(alias, 1, f->name, -1, SQLITE_STATIC);
		if (sqlite3_step(alias) == SQLITE_ROW) {
			if (sqlite3_column_type(alias, 0) == SQLITE_NULL)
				f->split = 1;
			else if (!(f->alias = keep(&mem, dm_col(alias, 0))))
				goto nomem;
		}
		sqlite3_reset(alias);
	}
	texts_ctx tc = {texts, 0};
	long np = dm_link_speakers(forms, n, form_texts, &tc, &people);
	if (np < 0) {
		if (!tc.failed)
			goto nomem;
		dm_sqlerr(s, err, errlen, "cannot read the documents of a speaker");
		goto done;
	}
	/* ids: the slug of the name, numbered when two people share it */
	char **ids = calloc((size_t)np + 1, sizeof *ids);
	dm_buf id = {0};
	int failed = !ids;
	for (long i = 0; i < np && !failed; i++) {
		slug(people[i].name, &id);
		size_t base = id.len;
		for (int k = 2; !failed; k++) {
			sqlite3_bind_text(ins_p, 1, id.data, -1, SQLITE_STATIC);
			sqlite3_bind_text(ins_p, 2, people[i].name, -1, SQLITE_STATIC);
			sqlite3_bind_int(ins_p, 3, people[i].type);
			failed = dm_step_done(ins_p);
			if (failed || sqlite3_changes(s->db))
				break;
			id.len = base;
			char num[16];
			snprintf(num, sizeof num, "-%d", k);
			dm_buf_puts(&id, num);
		}
		failed |= !(ids[i] = strdup(id.data ? id.data : ""));
	}
	dm_buf_free(&id);
	for (size_t i = 0; i < n && !failed; i++) {
		dm_form *f = &forms[i];
		sqlite3_bind_text(ins_f, 1, f->name, -1, SQLITE_STATIC);
		sqlite3_bind_int(ins_f, 2, f->type);
		dm_bind_text(ins_f, 3, f->person == SIZE_MAX ? NULL : ids[f->person]);
		dm_bind_text(ins_f, 4, f->reason);
		sqlite3_bind_int64(ins_f, 5, f->statements);
		failed = dm_step_done(ins_f);
	}
	for (long i = 0; ids && i < np; i++)
		free(ids[i]);
	free(ids);
	/* The names' index is rewritten whole, and FTS5 keeps the deleted
	 * rows and the new ones as segments that every lookup of a speaker
	 * filter reads: merged into one, a lookup at 20,000 forms went from
	 * 0.4 ms to 0.08, for 0.05 s a link. */
#define NAMES                                                                                                          \
	"INSERT INTO speaker_names SELECT form, key, type, person FROM speaker_forms;"                                 \
	"INSERT INTO speaker_names(speaker_names) VALUES('optimize');"
	if (!failed)
		failed =
		    sqlite3_exec(s->db, upto < 0 ? NAMES DM_PERSON_RECORDS : NAMES ADD_BATCH, NULL, NULL, NULL) !=
		        SQLITE_OK ||
		    sqlite3_exec(s->db,
		                 DROP_OLD
		                 "UPDATE link_state SET speakers_last = (SELECT coalesce(max(id), 0) FROM statements)",
		                 NULL, NULL, NULL) != SQLITE_OK;
#undef NAMES
	if (failed) {
		dm_sqlerr(s, err, errlen, "cannot store the people linked");
		goto done;
	}
	stats->people = (size_t)np;
	stats->forms = n;
	rc = 0;
	goto done;
nomem:
	snprintf(err, errlen, "out of memory while linking speakers");
done:
	for (size_t i = 0; i < n; i++)
		free((void *)forms[i].titles);
	free(forms);
	free(people);
	strs_free(&mem);
	sqlite3_finalize(q);
	sqlite3_finalize(titles);
	sqlite3_finalize(alias);
	sqlite3_finalize(ins_p);
	sqlite3_finalize(ins_f);
	sqlite3_finalize(texts);
	return rc;
}

/* Where a link of what is new may start: the last statement and document
 * linked, when nothing linked was removed since; else -1 (link all); and
 * so for speakers, whose link may have been made alone. */
static void linked_upto(dm_store *s, int64_t *since, int64_t *docs_since, int64_t *speakers_since)
{
	sqlite3_stmt *q;
	*since = *docs_since = *speakers_since = -1;
	if (sqlite3_prepare_v2(
	        s->db, "SELECT iif(whole, last, -1), iif(whole, documents_last, -1), speakers_last FROM link_state", -1,
	        &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW) {
		*since = sqlite3_column_int64(q, 0);
		*docs_since = sqlite3_column_int64(q, 1);
		*speakers_since = sqlite3_column_int64(q, 2);
	}
	sqlite3_finalize(q);
}

/* dm_store_link in its transaction: what WHAT asks linked. */
static int link_all_asked(dm_store *s, unsigned what, dm_link_stats *stats, char *err, size_t errlen)
{
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return dm_sqlerr(s, err, errlen, "cannot start linking");
	int64_t since = -1, docs_since = -1, speakers_since = -1;
	if (what & DM_LINK_NEW)
		linked_upto(s, &since, &docs_since, &speakers_since);
	/* the joins of statements and of documents for echoes and copies
	 * (most of a link's work) run on threads of their own beside the
	 * speakers and the search's lists */
	dm_near_job *near = NULL;
	int bad = ((what & DM_LINK_ECHOES) && dm_link_near_begin(s, since, docs_since, &near, err, errlen)) ||
	          ((what & DM_LINK_SPEAKERS) && link_speakers(s, speakers_since, stats, err, errlen)) ||
	          ((what & DM_LINK_SEARCH) && dm_impacts_update(s, err, errlen));
	if (near && bad)
		dm_link_near_drop(near);
	else if (near)
		bad = dm_link_near_end(s, near, stats, err, errlen);
	if (bad ||
	    ((what & DM_LINK_ALL) == DM_LINK_ALL &&
	     sqlite3_exec(s->db,
	                  "UPDATE link_state SET statements = (SELECT count(*) FROM statements),"
	                  " last = (SELECT coalesce(max(id), 0) FROM statements),"
	                  " documents_last = (SELECT coalesce(max(id), 0) FROM documents), whole = 1",
	                  NULL, NULL, NULL) != SQLITE_OK) ||
	    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		if (!*err)
			dm_sqlerr(s, err, errlen, "cannot link");
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

int dm_store_link(dm_store *s, unsigned what, dm_link_stats *stats, char *err, size_t errlen)
{
	memset(stats, 0, sizeof *stats);
	*err = 0;
	/* The link deletes no statement or document, so no cascade is owed,
	 * and what it inserts names statements and documents it read in its
	 * transaction, under the write lock.  Foreign keys checked would cost
	 * two lookups a pair stored (a full link: 2.6 million pairs, a third
	 * of their time) and keep SQLite from emptying a table at once (the
	 * old pairs: 2.7 s instead of 0.5). */
	sqlite3_exec(s->db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
	int rc = link_all_asked(s, what, stats, err, errlen);
	dm_store_references(s);
	return rc;
}

int dm_store_linked(dm_store *s)
{
	sqlite3_stmt *q;
	int linked = 0;
	if (sqlite3_prepare_v2(s->db,
	                       "SELECT statements = (SELECT count(*) FROM statements) AND"
	                       " last = (SELECT coalesce(max(id), 0) FROM statements) FROM link_state",
	                       -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		linked = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return linked;
}

int dm_store_set_alias(dm_store *s, const char *form, const char *canonical, char *err, size_t errlen)
{
	sqlite3_stmt *q;
	const char *sql = form && canonical ? "INSERT OR REPLACE INTO aliases(form, canonical) VALUES (?1, ?2)"
	                  : form            ? "INSERT OR REPLACE INTO aliases(form, canonical) VALUES (?1, NULL)"
	                                    : NULL;
	if (!sql || sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK)
		return dm_sqlerr(s, err, errlen, "cannot store the alias");
	dm_bind_text(q, 1, form);
	if (canonical)
		dm_bind_text(q, 2, canonical);
	int rc = sqlite3_step(q) == SQLITE_DONE ? 0 : dm_sqlerr(s, err, errlen, "cannot store the alias");
	sqlite3_finalize(q);
	return rc;
}

int dm_store_remove_alias(dm_store *s, const char *form, char *err, size_t errlen)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(s->db, "DELETE FROM aliases WHERE form = ?1", -1, &q, NULL) != SQLITE_OK)
		return dm_sqlerr(s, err, errlen, "cannot remove the alias");
	dm_bind_text(q, 1, form);
	int rc = sqlite3_step(q) == SQLITE_DONE ? 0 : dm_sqlerr(s, err, errlen, "cannot remove the alias");
	sqlite3_finalize(q);
	if (!rc && !sqlite3_changes(s->db)) {
		snprintf(err, errlen, "no alias for '%s'", form);
		rc = 1;
	}
	return rc;
}

int dm_store_aliases(dm_store *s, int (*fn)(const char *form, const char *canonical, void *), void *ctx, char *err,
                     size_t errlen)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(s->db, "SELECT form, canonical FROM aliases ORDER BY form", -1, &q, NULL) != SQLITE_OK)
		return dm_sqlerr(s, err, errlen, "cannot read aliases");
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW && !fn(dm_col(q, 0), dm_col(q, 1), ctx))
		;
	int bad = rc != SQLITE_ROW && rc != SQLITE_DONE;
	if (bad)
		dm_sqlerr(s, err, errlen, "cannot read aliases");
	sqlite3_finalize(q);
	return bad ? -1 : 0;
}
