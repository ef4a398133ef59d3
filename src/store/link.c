/*
 * Linking the archive (store.h): the link module's algorithms over what
 * the database holds, their results written back in one transaction.
 * Everything is rebuilt each time from documents, statements, roles and
 * the user's aliases, so a correction or a re-ingest can never leave a
 * stale merge behind.
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

static int link_speakers(dm_store *s, dm_link_stats *stats, char *err, size_t errlen)
{
	sqlite3_stmt *q = NULL, *titles = NULL, *alias = NULL, *ins_p = NULL, *ins_f = NULL, *texts = NULL;
	dm_form *forms = NULL;
	dm_person *people = NULL;
	size_t n = 0, cap = 0;
	strs mem = {0};
	int rc = -1;
	if (sqlite3_exec(s->db, "DELETE FROM persons; DELETE FROM speaker_forms; DELETE FROM speaker_names;", NULL,
	                 NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db,
	                       "SELECT speaker, speaker_type, count(*) FROM statements WHERE speaker IS NOT NULL"
	                       " GROUP BY speaker, speaker_type ORDER BY count(*) DESC, speaker",
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
	                       "INSERT INTO speaker_forms(form, type, person, reason, key)"
	                       " VALUES (?1, ?2, ?3, ?4, name_key(?1))",
	                       -1, &ins_f, NULL) != SQLITE_OK) {
		dm_sqlerr(s, err, errlen, "cannot link speakers");
		goto done;
	}
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
		failed = dm_step_done(ins_f);
	}
	for (long i = 0; ids && i < np; i++)
		free(ids[i]);
	free(ids);
	if (!failed)
		failed = sqlite3_exec(s->db,
		                      "INSERT INTO speaker_names SELECT form, key, type, person FROM "
		                      "speaker_forms;" DM_PERSON_RECORDS,
		                      NULL, NULL, NULL) != SQLITE_OK;
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

typedef struct member {
	uint32_t root, story, idx;
} member;

/* By cluster, then story, then date. */
static int by_root(const void *a, const void *b)
{
	const member *x = a, *y = b;
	if (x->root != y->root)
		return x->root < y->root ? -1 : 1;
	if (x->story != y->story)
		return x->story < y->story ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Documents that are one story at two outlets: FAMILY[i] is the same for
 * all copies (the index of the first). */
static int families(dm_store *s, sqlite3_int64 **ids_out, uint32_t **family, size_t *n_docs, dm_link_stats *stats,
                    char *err, size_t errlen)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(s->db, "SELECT id, text FROM documents ORDER BY id", -1, &q, NULL) != SQLITE_OK)
		return dm_sqlerr(s, err, errlen, "cannot read documents");
	dm_nearset *docs = dm_nearset_new(1);
	sqlite3_int64 *ids = NULL;
	size_t n = 0, cap = 0;
	int rc = docs ? 0 : -1;
	while (!rc && sqlite3_step(q) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			sqlite3_int64 *v = realloc(ids, cap * sizeof *v);
			if (!v) {
				rc = -1;
				break;
			}
			ids = v;
		}
		ids[n] = sqlite3_column_int64(q, 0);
		rc = dm_doc_units(dm_col(q, 1), (size_t)sqlite3_column_bytes(q, 1), (uint32_t)n, docs);
		n++;
	}
	sqlite3_finalize(q);
	uint32_t *parent = rc ? NULL : malloc((n + 1) * sizeof *parent);
	float *best = rc ? NULL : calloc(n + 1, sizeof *best);
	if (!parent || !best) {
		rc = -1;
	} else {
		for (size_t i = 0; i < n; i++)
			parent[i] = (uint32_t)i;
		rc = dm_nearset_join(docs, DM_SYNDICATED, parent, best);
		for (size_t i = 0; i < n && !rc; i++) {
			parent[i] = dm_nearset_root(parent, (uint32_t)i);
			stats->syndicated += parent[i] != i;
		}
	}
	free(best);
	dm_nearset_free(docs);
	if (rc) {
		free(ids);
		free(parent);
		snprintf(err, errlen, "out of memory while comparing documents");
		return -1;
	}
	*ids_out = ids;
	*family = parent;
	*n_docs = n;
	return 0;
}

static size_t doc_index(const sqlite3_int64 *ids, size_t n, sqlite3_int64 id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int link_echoes(dm_store *s, dm_link_stats *stats, char *err, size_t errlen)
{
	sqlite3_int64 *doc_ids = NULL, *ids = NULL;
	uint32_t *family = NULL, *fam = NULL, *parent = NULL;
	float *best = NULL;
	member *m = NULL;
	size_t n_docs = 0, n = 0, cap = 0;
	dm_nearset *sentences = dm_nearset_new(DM_ECHO_COMMON_WORDS), *passages = dm_nearset_new(1);
	sqlite3_stmt *q = NULL, *ins = NULL;
	int rc = -1;
	if (!sentences || !passages)
		goto nomem;
	if (families(s, &doc_ids, &family, &n_docs, stats, err, errlen))
		goto done;
	if (sqlite3_exec(s->db, "DELETE FROM echoes", NULL, NULL, NULL) != SQLITE_OK ||
	    /* in date order, so that the first of a story's copies is the original */
	    sqlite3_prepare_v2(s->db,
	                       "SELECT s.id, s.doc_id, s.content FROM statements s JOIN documents d ON d.id = s.doc_id"
	                       " ORDER BY d.date IS NULL, d.date, s.id",
	                       -1, &q, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db,
	                       "INSERT INTO echoes(statement, cluster, similarity, copy_of) VALUES (?1, ?2, ?3, ?4)",
	                       -1, &ins, NULL) != SQLITE_OK) {
		dm_sqlerr(s, err, errlen, "cannot link echoes");
		goto done;
	}
	while (sqlite3_step(q) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 4096;
			sqlite3_int64 *v = realloc(ids, cap * sizeof *v);
			if (!v)
				goto nomem;
			ids = v;
			uint32_t *f = realloc(fam, cap * sizeof *f);
			if (!f)
				goto nomem;
			fam = f;
		}
		ids[n] = sqlite3_column_int64(q, 0);
		fam[n] = family[doc_index(doc_ids, n_docs, sqlite3_column_int64(q, 1))];
		if (dm_echo_units(dm_col(q, 2), (size_t)sqlite3_column_bytes(q, 2), (uint32_t)n, sentences, passages))
			goto nomem;
		n++;
	}
	if (!(parent = malloc((n + 1) * sizeof *parent)) || !(best = calloc(n + 1, sizeof *best)) ||
	    !(m = malloc((n + 1) * sizeof *m)))
		goto nomem;
	for (size_t i = 0; i < n; i++)
		parent[i] = (uint32_t)i;
	if (dm_nearset_join(passages, DM_ECHO_MIN, parent, best) ||
	    dm_nearset_join(sentences, DM_ECHO_MIN, parent, best))
		goto nomem;
	for (size_t i = 0; i < n; i++)
		m[i] = (member){dm_nearset_root(parent, (uint32_t)i), fam[i], (uint32_t)i};
	qsort(m, n, sizeof *m, by_root);
	rc = 0;
	for (size_t a = 0; a < n && !rc;) {
		/* an echo is said again in another story: the copies of one
		 * story count once, and point to its earliest statement */
		size_t b = a + 1, stories = 1;
		for (; b < n && m[b].root == m[a].root; b++)
			stories += m[b].story != m[b - 1].story;
		if (stories >= 2) {
			stats->echo_clusters++;
			for (size_t i = a, first = a; i < b && !rc; i++) {
				if (m[i].story != m[first].story)
					first = i;
				sqlite3_bind_int64(ins, 1, ids[m[i].idx]);
				sqlite3_bind_int64(ins, 2, ids[m[i].root]); /* the root is the earliest member */
				sqlite3_bind_double(ins, 3, best[m[i].idx]);
				if (first != i)
					sqlite3_bind_int64(ins, 4, ids[m[first].idx]);
				if (dm_step_done(ins))
					rc = dm_sqlerr(s, err, errlen, "cannot store echoes");
				stats->echo_statements++;
			}
		}
		a = b;
	}
	goto done;
nomem:
	snprintf(err, errlen, "out of memory while finding echoes");
	rc = -1;
done:
	sqlite3_finalize(q);
	sqlite3_finalize(ins);
	dm_nearset_free(sentences);
	dm_nearset_free(passages);
	free(doc_ids);
	free(family);
	free(ids);
	free(fam);
	free(parent);
	free(best);
	free(m);
	return rc;
}

int dm_store_link(dm_store *s, unsigned what, dm_link_stats *stats, char *err, size_t errlen)
{
	memset(stats, 0, sizeof *stats);
	*err = 0;
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return dm_sqlerr(s, err, errlen, "cannot start linking");
	if (((what & DM_LINK_SPEAKERS) && link_speakers(s, stats, err, errlen)) ||
	    ((what & DM_LINK_ECHOES) && link_echoes(s, stats, err, errlen)) ||
	    ((what & DM_LINK_SEARCH) && dm_impacts_update(s, err, errlen)) ||
	    (what == DM_LINK_ALL && sqlite3_exec(s->db,
	                                         "UPDATE link_state SET statements = (SELECT count(*) FROM statements),"
	                                         " last = (SELECT coalesce(max(id), 0) FROM statements)",
	                                         NULL, NULL, NULL) != SQLITE_OK) ||
	    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		if (!*err)
			dm_sqlerr(s, err, errlen, "cannot link");
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
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
