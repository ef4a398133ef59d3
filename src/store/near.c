/*
 * Echoes and syndicated copies in the archive (link.c calls it): the link
 * module's near-duplicate join over the band keys kept for every
 * statement and document (statement_keys, document_keys, made when each is
 * stored).
 *
 * A full link joins all the keys and writes every pair found (echo_pairs,
 * copy_pairs); a link after a batch joins only the rows stored since the
 * last link (ids above link_state's) to those before, and adds their pairs.
 * The pairs a join finds among sets never change when sets are added
 * after them (link.h), so both leave the same pairs.  What is read from
 * the pairs is then written again where they changed: the families of
 * copies (families: each document that copies an earlier one, with the
 * first of its family), and the echo clusters (echoes: a cluster is a
 * group of statements joined by pairs that spans two stories or more).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "link/link.h"

/* The tables of one kind of owner: statements or documents. */
typedef struct owners {
	const char *all;   /* id, text, keys of every owner, by id */
	const char *since; /* id, keys of the owners above ?1, by id */
	const char *upto;  /* id, keys of the owners up to ?1, by id */
	const char *text;  /* the text of owner ?1 */
	const char *keys;  /* the keys of owner ?1 */
	const char *pairs; /* the table of pairs (a, b[, similarity]) */
	const char *again; /* what storing a pair again does */
	int doc;
} owners;

static const owners statements = {
    "SELECT s.id, s.content, k.keys FROM statements s JOIN statement_keys k ON k.statement = s.id ORDER BY s.id",
    "SELECT statement, keys FROM statement_keys WHERE statement > ?1 ORDER BY statement",
    "SELECT statement, keys FROM statement_keys WHERE statement <= ?1 ORDER BY statement",
    "SELECT content FROM statements WHERE id = ?1",
    "SELECT keys FROM statement_keys WHERE statement = ?1",
    "echo_pairs(a, b, similarity)",
    " ON CONFLICT(a, b) DO UPDATE SET similarity = max(similarity, excluded.similarity)",
    0};
static const owners documents = {
    "SELECT d.id, d.text, k.keys FROM documents d JOIN document_keys k ON k.document = d.id ORDER BY d.id",
    "SELECT document, keys FROM document_keys WHERE document > ?1 ORDER BY document",
    "SELECT document, keys FROM document_keys WHERE document <= ?1 ORDER BY document",
    "SELECT text FROM documents WHERE id = ?1",
    "SELECT keys FROM document_keys WHERE document = ?1",
    "copy_pairs(a, b)",
    " ON CONFLICT DO NOTHING",
    1};

/* Sets with their features (and for a whole join, keys), by id. */
typedef struct sets {
	uint64_t *id; /* DM_SET_ID, rising */
	uint8_t *kind;
	size_t *start; /* per set: into f; start[n] is the end */
	uint32_t *f;
	uint32_t *keys; /* DM_BANDS a set, when joining them all */
	size_t n, cap, n_f, cap_f;
	/* the owner being read: its id, the place of its next set, how many
	 * of its sets have keys and where (NULL: keys not kept) */
	int64_t owner;
	size_t place, keyed;
	const unsigned char *blob;
	int failed;
} sets;

static void sets_free(sets *v)
{
	free(v->id);
	free(v->kind);
	free(v->start);
	free(v->f);
	free(v->keys);
}

/* dm_set_fn: a set of the owner being read, kept when it has keys. */
static int keep_set(void *arg, int kind, const uint32_t *f, size_t n)
{
	sets *v = arg;
	size_t place = v->place++;
	if (place >= v->keyed)
		return 0;
	if (v->n + 1 >= v->cap) {
		size_t cap = v->cap ? 2 * v->cap : 1024;
		uint64_t *id = realloc(v->id, cap * sizeof *id);
		if (id)
			v->id = id;
		uint8_t *k = id ? realloc(v->kind, cap) : NULL;
		if (k)
			v->kind = k;
		size_t *st = k ? realloc(v->start, (cap + 1) * sizeof *st) : NULL;
		if (st)
			v->start = st;
		uint32_t *y = st && v->blob ? realloc(v->keys, cap * DM_BANDS * sizeof *y) : NULL;
		if (y)
			v->keys = y;
		if (!st || (v->blob && !y))
			return v->failed = -1;
		v->cap = cap;
	}
	if (v->n_f + n > v->cap_f) {
		size_t cap = v->cap_f ? 2 * v->cap_f : 16384;
		while (cap < v->n_f + n)
			cap *= 2;
		uint32_t *w = realloc(v->f, cap * sizeof *w);
		if (!w)
			return v->failed = -1;
		v->f = w;
		v->cap_f = cap;
	}
	if (!v->n)
		v->start[0] = 0;
	v->id[v->n] = DM_SET_ID(v->owner, place);
	v->kind[v->n] = (uint8_t)kind;
	if (v->blob) {
		dm_set_record r;
		dm_set_record_read(v->blob + place * DM_SET_BYTES, &r);
		memcpy(v->keys + v->n * DM_BANDS, r.key, sizeof r.key);
	}
	memcpy(v->f + v->n_f, f, n * sizeof *f);
	v->n_f += n;
	v->start[++v->n] = v->n_f;
	return 0;
}

/* The sets of owner ID's TEXT[N] into V; those with keys in BLOB[LEN]
 * (or, BLOB NULL, all). */
static int read_owner(sets *v, int doc, int64_t id, const char *text, size_t n, const unsigned char *blob, size_t len)
{
	v->owner = id;
	v->place = 0;
	v->blob = blob;
	v->keyed = blob ? len / DM_SET_BYTES : DM_MAX_SETS;
	int rc = (doc ? dm_doc_sets : dm_echo_sets)(text, n, keep_set, v);
	return rc || v->failed ? -1 : 0;
}

/* The set of V with ID; SIZE_MAX when none. */
static size_t sets_find(const sets *v, uint64_t id)
{
	size_t lo = 0, hi = v->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (v->id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < v->n && v->id[lo] == id ? lo : SIZE_MAX;
}

/* Owners' pairs found, each with its similarity and the places of the
 * last two pairs of their sets checked (a pair of near-duplicates meets
 * in most of the bands: its check is not made again). */
typedef struct found {
	int64_t a, b;
	double j;
	uint32_t checked[2];
} found;

#define NO_PLACES UINT32_MAX

/* The owners' pairs found, each once (SLOT: an index of them by pair,
 * i + 1, 0 empty), at the best similarity of their sets' pairs. */
typedef struct founds {
	found *v;
	size_t n, cap;
	uint32_t *slot;
	size_t mask;
} founds;

static size_t slot_of(const founds *f, int64_t a, int64_t b)
{
	uint64_t h = (uint64_t)a * 0x9E3779B97F4A7C15ull + (uint64_t)b;
	h = (h ^ (h >> 31)) * 0xBF58476D1CE4E5B9ull;
	size_t i = (size_t)(h ^ (h >> 29)) & f->mask;
	while (f->slot[i] && (f->v[f->slot[i] - 1].a != a || f->v[f->slot[i] - 1].b != b))
		i = (i + 1) & f->mask;
	return i;
}

/* A's and B's pair (A < B) of similarity J, found by the sets at PLACES,
 * kept. */
static int keep_found(founds *f, size_t at, int64_t a, int64_t b, double j, uint32_t places)
{
	if (f->slot[at]) {
		found *e = &f->v[f->slot[at] - 1];
		e->j = j > e->j ? j : e->j;
		return 0;
	}
	if (f->n == f->cap) {
		size_t cap = f->cap ? 2 * f->cap : 1024;
		found *w = realloc(f->v, cap * sizeof *w);
		if (!w || cap >= UINT32_MAX)
			return -1;
		f->v = w;
		f->cap = cap;
	}
	f->v[f->n++] = (found){a, b, j, {places, NO_PLACES}};
	f->slot[at] = (uint32_t)f->n;
	if (2 * f->n <= f->mask)
		return 0;
	/* half full: twice the slots */
	size_t mask = 2 * f->mask + 1;
	uint32_t *slot = calloc(mask + 1, sizeof *slot);
	if (!slot)
		return -1;
	free(f->slot);
	f->slot = slot;
	f->mask = mask;
	for (size_t i = 0; i < f->n; i++)
		f->slot[slot_of(f, f->v[i].a, f->v[i].b)] = (uint32_t)(i + 1);
	return 0;
}

/* Sets X and Y of V, checked on their features; kept as their owners'
 * pair when near-duplicates (1; 0 not, -1 out of memory), *J their
 * similarity.  A pair of owners already found alike in full (a copy) has
 * nothing more to learn from its other sets. */
static int check(const sets *va, size_t x, const sets *vb, size_t y, founds *out, double *j)
{
	int64_t a = DM_SET_OWNER(va->id[x]), b = DM_SET_OWNER(vb->id[y]);
	if (a == b || va->kind[x] != vb->kind[y])
		return 0;
	uint32_t places = (uint32_t)(DM_SET_PLACE(va->id[x]) << 12 | DM_SET_PLACE(vb->id[y]));
	if (a > b) {
		int64_t t = a;
		a = b;
		b = t;
		places = (places & (DM_MAX_SETS - 1)) << 12 | places >> 12;
	}
	if (!out->slot) {
		out->mask = 1023;
		if (!(out->slot = calloc(out->mask + 1, sizeof *out->slot)))
			return -1;
	}
	size_t at = slot_of(out, a, b);
	found *e = out->slot[at] ? &out->v[out->slot[at] - 1] : NULL;
	if (e && (e->j >= 1.0 || e->checked[0] == places || e->checked[1] == places))
		return 0;
	if (e) {
		e->checked[1] = e->checked[0];
		e->checked[0] = places;
	}
	if (!dm_near_similar(va->kind[x], va->f + va->start[x], va->start[x + 1] - va->start[x], vb->f + vb->start[y],
	                     vb->start[y + 1] - vb->start[y], j))
		return 0;
	return keep_found(out, at, a, b, *j, places) ? -1 : 1;
}

/* A join of everything, and what it has learnt so far: owners (dense, by
 * id) in groups, each with its best similarity.  A candidate pair whose
 * owners are in one group already and both alike in full to another
 * teaches nothing (documents: in one group already): its check is
 * skipped, which in an archive of syndicated copies is most of them.  What is kept is then what checking
 * every pair would keep, except pairs that add neither a group nor a
 * better similarity, which is all that is read of the pairs. */
typedef struct whole {
	const sets *v;
	founds *out;
	uint32_t *owner; /* per set: its owner's number */
	uint32_t *parent;
	float *best;
	int doc; /* documents: only their groups are read, not similarities */
} whole;

static uint32_t root(uint32_t *parent, uint32_t i)
{
	while (parent[i] != i)
		i = parent[i] = parent[parent[i]];
	return i;
}

/* Can owner O learn nothing more of a pair inside its group: a document
 * (only groups are read of them), or a statement with its exact copy? */
static int complete(const whole *w, uint32_t o)
{
	return w->doc || w->best[o] >= 1.0f;
}

static int check_whole(void *arg, uint32_t x, uint32_t y)
{
	whole *w = arg;
	uint32_t ox = w->owner[x], oy = w->owner[y], rx = root(w->parent, ox), ry = root(w->parent, oy);
	if (rx == ry && complete(w, ox) && complete(w, oy))
		return 0;
	double j;
	int kept = check(w->v, x, w->v, y, w->out, &j);
	if (kept <= 0)
		return kept;
	w->best[ox] = (float)j > w->best[ox] ? (float)j : w->best[ox];
	w->best[oy] = (float)j > w->best[oy] ? (float)j : w->best[oy];
	w->parent[rx > ry ? rx : ry] = rx < ry ? rx : ry;
	return 0;
}

/* Would check_whole skip every pair of the sets M[N] (low 32 bits)?  So
 * when their owners are one group already and, for statements, each has
 * its exact copy. */
static int settled_whole(void *arg, const uint64_t *m, size_t n)
{
	whole *w = arg;
	uint32_t r = root(w->parent, w->owner[(uint32_t)m[0]]);
	for (size_t i = 0; i < n; i++) {
		uint32_t o = w->owner[(uint32_t)m[i]];
		if (!complete(w, o) || root(w->parent, o) != r)
			return 0;
	}
	return 1;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* The sets of owner ID, read again from its text, into V. */
static int reread(sqlite3_stmt *text, int doc, int64_t id, sets *v)
{
	sqlite3_bind_int64(text, 1, id);
	int bad = sqlite3_step(text) != SQLITE_ROW ||
	          read_owner(v, doc, id, dm_col(text, 0), (size_t)sqlite3_column_bytes(text, 0), NULL, 0);
	sqlite3_reset(text);
	return bad ? -1 : 0;
}

/* Whether a candidate pair of an earlier set and the batch's Y may be
 * near-duplicates, by the earlier set's RECORD (its size and filter)
 * and Y's features: most candidates, sets that share a common pair of
 * words, are turned away here without reading their owner's text. */
static int may_pair(const unsigned char *record, const sets *held, size_t y)
{
	dm_set_record r;
	dm_set_record_read(record, &r);
	return r.kind == held->kind[y] && dm_near_may_be_similar(r.kind, r.n, r.words, held->f + held->start[y],
	                                                         held->start[y + 1] - held->start[y]);
}

/* The candidate pairs of a batch, from PROBE chunk by chunk, checked on
 * their sets' features: the batch's owners BATCH[N] (rising) read again
 * from their texts and held, and for each chunk (sorted; the second set of
 * each pair is the batch's) each earlier owner's record read, and its
 * text only when a pair may be near-duplicates by the record, one at a
 * time, so that memory follows the batch and not the archive. */
#define CHUNK_PAIRS (1u << 19)
static int check_pairs(dm_store *s, const owners *o, dm_nearprobe *probe, const int64_t *batch, size_t nb, founds *out)
{
	sets held = {0}, one = {0};
	sqlite3_stmt *text = NULL, *keys = NULL;
	const dm_setpair *p;
	long np;
	int rc = -1;
	if (sqlite3_prepare_v2(s->db, o->text, -1, &text, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, o->keys, -1, &keys, NULL) != SQLITE_OK)
		goto done;
	for (size_t i = 0; i < nb; i++)
		if (reread(text, o->doc, batch[i], &held))
			goto done;
	while ((np = dm_nearprobe_pairs(probe, CHUNK_PAIRS, &p)) > 0) {
		size_t n = (size_t)np;
		for (size_t i = 0, end; i < n; i = end) {
			int64_t a = DM_SET_OWNER(p[i].a);
			for (end = i; end < n && DM_SET_OWNER(p[end].a) == a;)
				end++;
			const sets *va = &held;
			if (!bsearch(&a, batch, nb, sizeof *batch, cmp_i64)) {
				sqlite3_bind_int64(keys, 1, a);
				if (sqlite3_step(keys) != SQLITE_ROW)
					goto done;
				const unsigned char *r = sqlite3_column_blob(keys, 0);
				size_t nr = (size_t)sqlite3_column_bytes(keys, 0) / DM_SET_BYTES, maybe = 0;
				for (size_t k = i; k < end && !maybe; k++) {
					size_t x = DM_SET_PLACE(p[k].a), y = sets_find(&held, p[k].b);
					maybe = x < nr && y != SIZE_MAX && may_pair(r + x * DM_SET_BYTES, &held, y);
				}
				sqlite3_reset(keys);
				if (!maybe)
					continue;
				one.n = one.n_f = 0;
				if (reread(text, o->doc, a, &one))
					goto done;
				va = &one;
			}
			for (size_t k = i; k < end; k++) {
				size_t x = sets_find(va, p[k].a), y = sets_find(&held, p[k].b);
				double j;
				if (x != SIZE_MAX && y != SIZE_MAX && check(va, x, &held, y, out, &j) < 0)
					goto done;
			}
		}
	}
	rc = np < 0 ? -1 : 0;
done:
	sets_free(&held);
	sets_free(&one);
	sqlite3_finalize(text);
	sqlite3_finalize(keys);
	return rc;
}

/* What a join of everything leaves of its owners (by number, in id
 * order): each one's id, the number of the first owner of its group, and
 * its best similarity to another. */
typedef struct groups {
	int64_t *id;
	uint32_t *first;
	float *best;
	size_t n;
} groups;

static void groups_free(groups *g)
{
	free(g->id);
	free(g->first);
	free(g->best);
}

/* All of O's owners joined (the keys and features of every set in
 * memory, each candidate checked as the join finds it); their groups in
 * *G when G is not NULL. */
static int join_all(dm_store *s, const owners *o, founds *out, groups *g)
{
	sets v = {0};
	sqlite3_stmt *q;
	int rc = -1;
	if (sqlite3_prepare_v2(s->db, o->all, -1, &q, NULL) != SQLITE_OK)
		return -1;
	int step;
	while ((step = sqlite3_step(q)) == SQLITE_ROW)
		if (read_owner(&v, o->doc, sqlite3_column_int64(q, 0), dm_col(q, 1), (size_t)sqlite3_column_bytes(q, 1),
		               sqlite3_column_blob(q, 2), (size_t)sqlite3_column_bytes(q, 2)))
			break;
	sqlite3_finalize(q);
	whole w = {&v,
	           out,
	           malloc((v.n + 1) * sizeof *w.owner),
	           malloc((v.n + 1) * sizeof *w.parent),
	           calloc(v.n + 1, sizeof *w.best),
	           o->doc};
	if (step == SQLITE_DONE && w.owner && w.parent && w.best) {
		for (size_t i = 0, k = 0; i < v.n; i++) {
			k += i && DM_SET_OWNER(v.id[i]) != DM_SET_OWNER(v.id[i - 1]);
			w.owner[i] = (uint32_t)k;
			w.parent[i] = (uint32_t)i;
		}
		rc = dm_near_join(v.keys, v.n, check_whole, settled_whole, &w);
	}
	if (!rc && g) {
		size_t n = v.n ? (size_t)w.owner[v.n - 1] + 1 : 0;
		if (!(g->id = malloc((n + 1) * sizeof *g->id)))
			rc = -1;
		for (size_t i = 0; !rc && i < v.n; i++)
			g->id[w.owner[i]] = DM_SET_OWNER(v.id[i]);
		for (uint32_t k = 0; !rc && k < n; k++)
			w.parent[k] = root(w.parent, k);
		if (!rc) {
			g->first = w.parent;
			g->best = w.best;
			g->n = n;
			w.parent = NULL;
			w.best = NULL;
		}
	}
	free(w.owner);
	free(w.parent);
	free(w.best);
	sets_free(&v);
	return rc;
}

/* The earlier sets are looked up in the batch's this many at a time: a
 * run's keys of one band (64 KB) and the band's filter stay in the cache
 * while it is looked up. */
#define OLD_RUN 16384

/* The N keys of a run (as made: band B of set I at B * OLD_RUN + I) band
 * by band, and looked up. */
static void probe_run(dm_nearprobe *probe, uint32_t *keys, const uint64_t *ids, size_t n)
{
	for (size_t b = 1; n < OLD_RUN && b < DM_BANDS; b++)
		memmove(keys + b * n, keys + b * OLD_RUN, n * sizeof *keys);
	dm_nearprobe_old(probe, keys, ids, n);
}

/* The owners above SINCE joined to all. */
static int join_since(dm_store *s, const owners *o, int64_t since, founds *out)
{
	uint32_t *keys = NULL, *old = malloc(OLD_RUN * DM_BANDS * sizeof *old);
	uint64_t *ids = NULL, *old_ids = malloc(OLD_RUN * sizeof *old_ids);
	size_t n = 0, cap = 0, n_old = 0, n_owners = 0;
	int64_t *owner = NULL;
	dm_nearprobe *probe = NULL;
	sqlite3_stmt *q = NULL;
	int rc = -1, step = SQLITE_ERROR;
	if (!old || !old_ids)
		goto done;
	/* the batch's keys, then every earlier set looked up in them */
	for (int pass = 0; pass < 2; pass++) {
		if (sqlite3_prepare_v2(s->db, pass ? o->upto : o->since, -1, &q, NULL) != SQLITE_OK)
			goto done;
		sqlite3_bind_int64(q, 1, since);
		while ((step = sqlite3_step(q)) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(q, 0);
			const unsigned char *b = sqlite3_column_blob(q, 1);
			size_t k = (size_t)sqlite3_column_bytes(q, 1) / DM_SET_BYTES;
			for (size_t i = 0; i < k; i++) {
				dm_set_record r;
				dm_set_record_read(b + i * DM_SET_BYTES, &r);
				if (pass) {
					for (size_t band = 0; band < DM_BANDS; band++)
						old[band * OLD_RUN + n_old] = r.key[band];
					old_ids[n_old++] = DM_SET_ID(id, i);
					if (n_old == OLD_RUN) {
						probe_run(probe, old, old_ids, n_old);
						n_old = 0;
					}
					continue;
				}
				if (n == cap) {
					cap = cap ? 2 * cap : 1024;
					uint32_t *kv = realloc(keys, cap * DM_BANDS * sizeof *kv);
					if (kv)
						keys = kv;
					uint64_t *iv = kv ? realloc(ids, cap * sizeof *iv) : NULL;
					if (!iv)
						goto done;
					ids = iv;
				}
				memcpy(keys + n * DM_BANDS, r.key, sizeof r.key);
				ids[n++] = DM_SET_ID(id, i);
			}
		}
		sqlite3_finalize(q);
		q = NULL;
		if (step != SQLITE_DONE)
			goto done;
		if (!pass && (!n || !(probe = dm_nearprobe_new(keys, ids, n)))) {
			rc = n ? -1 : 0;
			goto done;
		}
		free(keys); /* the probe holds them */
		keys = NULL;
	}
	probe_run(probe, old, old_ids, n_old);
	/* the batch's owners, from its sets' ids (rising) */
	if (!(owner = malloc(n * sizeof *owner)))
		goto done;
	for (size_t i = 0; i < n; i++)
		if (!n_owners || DM_SET_OWNER(ids[i]) != owner[n_owners - 1])
			owner[n_owners++] = DM_SET_OWNER(ids[i]);
	rc = check_pairs(s, o, probe, owner, n_owners, out);
done:
	sqlite3_finalize(q);
	dm_nearprobe_free(probe);
	free(owner);
	free(keys);
	free(ids);
	free(old);
	free(old_ids);
	return rc;
}

static int by_owners(const void *x, const void *y)
{
	const found *p = x, *q = y;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->b < q->b ? -1 : p->b > q->b;
}

/* The pairs of F (sorted here) stored as O's, and their owners appended
 * to *ENDS. */
static int store_pairs(dm_store *s, const owners *o, founds *f, int64_t **ends, size_t *n_ends, char *err,
                       size_t errlen)
{
	dm_rows ins;
	int rc = -1;
	if (f->n)
		qsort(f->v, f->n, sizeof *f->v, by_owners);
	int64_t *e = realloc(*ends, (*n_ends + 2 * f->n + 1) * sizeof *e);
	if (!e || dm_rows_prepare(&ins, s->db, o->pairs, o->doc ? 2 : 3, o->again)) {
		if (e)
			*ends = e;
		return dm_sqlerr(s, err, errlen, "cannot store echoes");
	}
	*ends = e;
	for (size_t i = 0; i < f->n; i++) {
		const found *p = &f->v[i];
		if (i && p->a == p[-1].a && p->b == p[-1].b && p->j <= p[-1].j)
			continue;
		dm_rows_int(&ins, p->a);
		dm_rows_int(&ins, p->b);
		if (!o->doc)
			dm_rows_double(&ins, p->j);
		if (dm_rows_end(&ins))
			goto done;
		e[(*n_ends)++] = p->a;
		e[(*n_ends)++] = p->b;
	}
	rc = dm_rows_flush(&ins);
done:
	if (rc)
		dm_sqlerr(s, err, errlen, "cannot store echoes");
	dm_rows_finalize(&ins);
	return rc;
}

/* ---- what the pairs make: families of copies, echo clusters ---- */

/* Ids met (open addressing; 0 is never an id). */
typedef struct idset {
	int64_t *v;
	size_t mask, n;
} idset;

static int idset_add(idset *s, int64_t id)
{
	if (2 * (s->n + 1) > s->mask) {
		size_t cap = s->mask ? 2 * (s->mask + 1) : 1024;
		int64_t *v = calloc(cap, sizeof *v);
		if (!v)
			return -1;
		for (size_t i = 0; s->v && i <= s->mask; i++)
			if (s->v[i]) {
				size_t k = (size_t)((uint64_t)s->v[i] * 0x9E3779B97F4A7C15ull) & (cap - 1);
				while (v[k])
					k = (k + 1) & (cap - 1);
				v[k] = s->v[i];
			}
		free(s->v);
		s->v = v;
		s->mask = cap - 1;
	}
	size_t k = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15ull) & s->mask;
	for (; s->v[k]; k = (k + 1) & s->mask)
		if (s->v[k] == id)
			return 0;
	s->v[k] = id;
	s->n++;
	return 1;
}

typedef struct member {
	int64_t id, story;
	char *date; /* NULL: undated, after every date */
	double best;
} member;

typedef struct group {
	member *m;
	size_t n, cap;
} group;

static void group_clear(group *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->m[i].date);
	g->n = 0;
}

/* The group of START over the pairs NEAR gives (?1: an id; rows: a
 * neighbour, the pair's similarity), each member marked in SEEN with its
 * best similarity to another. */
static int gather(sqlite3_stmt *near, int64_t start, idset *seen, group *g)
{
	group_clear(g);
	int added = idset_add(seen, start);
	if (added <= 0)
		return added;
	g->m = g->cap ? g->m : malloc(16 * sizeof *g->m);
	if (!g->m)
		return -1;
	g->cap = g->cap ? g->cap : 16;
	g->m[g->n++] = (member){start, 0, NULL, 0};
	for (size_t i = 0; i < g->n; i++) {
		sqlite3_bind_int64(near, 1, g->m[i].id);
		int rc;
		while ((rc = sqlite3_step(near)) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(near, 0);
			double j = sqlite3_column_double(near, 1);
			if (j > g->m[i].best)
				g->m[i].best = j;
			if ((added = idset_add(seen, id)) < 0)
				break;
			if (!added)
				continue;
			if (g->n == g->cap) {
				member *v = realloc(g->m, 2 * g->cap * sizeof *v);
				if (!v) {
					added = -1;
					break;
				}
				g->m = v;
				g->cap *= 2;
			}
			g->m[g->n++] = (member){id, 0, NULL, 0};
		}
		sqlite3_reset(near);
		if (added < 0 || (rc != SQLITE_ROW && rc != SQLITE_DONE))
			return -1;
	}
	return 1;
}

/* Families anew for the groups of copies of DOCS[N]; every document of
 * those groups appended to *TOUCHED. */
static int refamily(dm_store *s, const int64_t *docs, size_t n, int64_t **touched, size_t *n_touched)
{
	sqlite3_stmt *near = NULL, *put = NULL, *drop = NULL;
	idset seen = {0};
	group g = {0};
	int rc = -1;
	if (sqlite3_prepare_v2(
	        s->db, "SELECT b, 0 FROM copy_pairs WHERE a = ?1 UNION ALL SELECT a, 0 FROM copy_pairs WHERE b = ?1",
	        -1, &near, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO families(document, family) VALUES (?1, ?2)", -1, &put,
	                       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "DELETE FROM families WHERE document = ?1", -1, &drop, NULL) != SQLITE_OK)
		goto done;
	for (size_t i = 0; i < n; i++) {
		int got = gather(near, docs[i], &seen, &g);
		if (got < 0)
			goto done;
		if (!got)
			continue;
		int64_t first = g.m[0].id;
		for (size_t k = 1; k < g.n; k++)
			first = g.m[k].id < first ? g.m[k].id : first;
		int64_t *t = touched ? realloc(*touched, (*n_touched + g.n) * sizeof *t) : NULL;
		if (touched && !t)
			goto done;
		for (size_t k = 0; k < g.n; k++) {
			int64_t d = g.m[k].id;
			if (d == first) {
				sqlite3_bind_int64(drop, 1, d);
				if (dm_step_done(drop))
					goto done;
			} else {
				sqlite3_bind_int64(put, 1, d);
				sqlite3_bind_int64(put, 2, first);
				if (dm_step_done(put))
					goto done;
			}
			if (t)
				t[(*n_touched)++] = d;
		}
		if (touched)
			*touched = t;
	}
	rc = 0;
done:
	group_clear(&g);
	free(g.m);
	free(seen.v);
	sqlite3_finalize(near);
	sqlite3_finalize(put);
	sqlite3_finalize(drop);
	return rc;
}

/* Earlier first: by date, undated last, then by id. */
static int earlier(const member *a, const member *b)
{
	if (!a->date != !b->date)
		return a->date ? -1 : 1;
	int c = a->date ? strcmp(a->date, b->date) : 0;
	if (c)
		return c;
	return a->id < b->id ? -1 : a->id > b->id;
}

static int by_story(const void *x, const void *y)
{
	const member *a = x, *b = y;
	if (a->story != b->story)
		return a->story < b->story ? -1 : 1;
	return earlier(a, b);
}

/* The echo rows of the group M[N] (their stories and dates known) by INS:
 * none unless it spans two stories or more. */
static int write_group(member *m, size_t n, sqlite3_stmt *ins)
{
	size_t stories = 0, first_said = 0;
	qsort(m, n, sizeof *m, by_story);
	for (size_t k = 0; k < n; k++) {
		stories += !k || m[k].story != m[k - 1].story;
		if (earlier(&m[k], &m[first_said]) < 0)
			first_said = k;
	}
	for (size_t k = 0, first = 0; k < n && stories >= 2; k++) {
		if (m[k].story != m[first].story)
			first = k;
		sqlite3_bind_int64(ins, 1, m[k].id);
		sqlite3_bind_int64(ins, 2, m[first_said].id);
		sqlite3_bind_double(ins, 3, (float)m[k].best);
		if (first != k)
			sqlite3_bind_int64(ins, 4, m[first].id);
		if (dm_step_done(ins))
			return -1;
	}
	return 0;
}

#define ECHO_ROW "INSERT INTO echoes(statement, cluster, similarity, copy_of) VALUES (?1, ?2, ?3, ?4)"

/* The echo rows of every group a join of everything left in G (the
 * echoes table empty).  The members' stories and dates are read in two
 * passes in document order, the documents' and the statements' index,
 * instead of a lookup for each member. */
static int recluster_all(dm_store *s, const groups *g, char *err, size_t errlen)
{
	uint32_t *size = calloc(g->n + 1, sizeof *size);
	size_t *at = malloc((g->n + 2) * sizeof *at), n = 0;
	member *m = NULL;
	sqlite3_stmt *docs = NULL, *stmts = NULL, *ins = NULL;
	int rc = -1, step = SQLITE_DONE;
	if (!size || !at)
		goto done;
	for (size_t k = 0; k < g->n; k++)
		size[g->first[k]]++;
	/* the members of groups of two or more, each group's together */
	for (size_t k = 0; k < g->n; k++) {
		at[k] = n;
		n += size[k] >= 2 ? size[k] : 0;
	}
	if (!(m = calloc(n + 1, sizeof *m)) ||
	    sqlite3_prepare_v2(s->db,
	                       "SELECT d.id, coalesce(f.family, d.id), d.date FROM documents d"
	                       " LEFT JOIN families f ON f.document = d.id ORDER BY d.id",
	                       -1, &docs, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "SELECT doc_id, id FROM statements INDEXED BY statements_doc ORDER BY doc_id", -1,
	                       &stmts, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, ECHO_ROW, -1, &ins, NULL) != SQLITE_OK)
		goto done;
	int have_doc = 0;
	while ((step = sqlite3_step(stmts)) == SQLITE_ROW) {
		int64_t doc = sqlite3_column_int64(stmts, 0), id = sqlite3_column_int64(stmts, 1);
		size_t lo = 0, hi = g->n;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (g->id[mid] < id)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == g->n || g->id[lo] != id || size[g->first[lo]] < 2)
			continue;
		while (!have_doc || sqlite3_column_int64(docs, 0) < doc) {
			if ((step = sqlite3_step(docs)) != SQLITE_ROW)
				goto done;
			have_doc = 1;
		}
		member *e = &m[at[g->first[lo]]++];
		*e = (member){id, sqlite3_column_int64(docs, 1), NULL, g->best[lo]};
		if (sqlite3_column_type(docs, 2) != SQLITE_NULL && !(e->date = strdup(dm_col(docs, 2))))
			goto done;
	}
	if (step != SQLITE_DONE)
		goto done;
	/* at[] now ends each group: write them */
	for (size_t k = 0, start = 0; k < g->n; k++)
		if (size[k] >= 2) {
			if (write_group(m + start, at[k] - start, ins))
				goto done;
			start += size[k];
		}
	rc = 0;
done:
	if (rc)
		dm_sqlerr(s, err, errlen, "cannot store echoes");
	for (size_t i = 0; m && i < n; i++)
		free(m[i].date);
	free(m);
	free(size);
	free(at);
	sqlite3_finalize(docs);
	sqlite3_finalize(stmts);
	sqlite3_finalize(ins);
	return rc;
}

/* The echo rows of the groups of STMTS[N], written anew.  A group's
 * statements in two stories or more are an echo: each row names the
 * group's earliest statement (its cluster), and, where the statement is a
 * copy of its story's earliest, that one. */
static int recluster(dm_store *s, const int64_t *stmts, size_t n, char *err, size_t errlen)
{
	sqlite3_stmt *near = NULL, *info = NULL, *drop = NULL, *ins = NULL;
	idset seen = {0};
	group g = {0};
	int rc = -1;
	if (sqlite3_prepare_v2(s->db,
	                       "SELECT b, similarity FROM echo_pairs WHERE a = ?1"
	                       " UNION ALL SELECT a, similarity FROM echo_pairs WHERE b = ?1",
	                       -1, &near, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db,
	                       "SELECT coalesce(f.family, s.doc_id), d.date FROM statements s"
	                       " JOIN documents d ON d.id = s.doc_id LEFT JOIN families f ON f.document = s.doc_id"
	                       " WHERE s.id = ?1",
	                       -1, &info, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "DELETE FROM echoes WHERE statement = ?1", -1, &drop, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, ECHO_ROW, -1, &ins, NULL) != SQLITE_OK) {
		dm_sqlerr(s, err, errlen, "cannot link echoes");
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		int got = gather(near, stmts[i], &seen, &g);
		if (got < 0)
			goto failed;
		if (!got)
			continue;
		for (size_t k = 0; k < g.n; k++) {
			member *m = &g.m[k];
			sqlite3_bind_int64(info, 1, m->id);
			if (sqlite3_step(info) == SQLITE_ROW) {
				m->story = sqlite3_column_int64(info, 0);
				if (sqlite3_column_type(info, 1) != SQLITE_NULL &&
				    !(m->date = strdup(dm_col(info, 1)))) {
					sqlite3_reset(info);
					goto failed;
				}
			}
			sqlite3_reset(info);
			sqlite3_bind_int64(drop, 1, m->id);
			if (dm_step_done(drop))
				goto failed;
		}
		if (write_group(g.m, g.n, ins))
			goto failed;
	}
	rc = 0;
	goto done;
failed:
	dm_sqlerr(s, err, errlen, "cannot store echoes");
done:
	group_clear(&g);
	free(g.m);
	free(seen.v);
	sqlite3_finalize(near);
	sqlite3_finalize(info);
	sqlite3_finalize(drop);
	sqlite3_finalize(ins);
	return rc;
}

/* The ids of the rows of SQL (with ?1 bound to ARG when ARG >= 0) appended to *V. */
static int ids_of(dm_store *s, const char *sql, int64_t arg, int64_t **v, size_t *n)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK)
		return -1;
	if (arg >= 0)
		sqlite3_bind_int64(q, 1, arg);
	int rc;
	size_t cap = *n;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 256;
			int64_t *w = realloc(*v, cap * sizeof *w);
			if (!w)
				break;
			*v = w;
		}
		(*v)[(*n)++] = sqlite3_column_int64(q, 0);
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Keys for the rows above SINCE that have none (stored by an earlier
 * dictum, or by another tool). */
static int fill_keys(dm_store *s, int doc, int64_t since)
{
	sqlite3_stmt *q = NULL, *ins = NULL;
	dm_buf b = {0};
	int rc = -1;
	if (sqlite3_prepare_v2(
	        s->db,
	        doc ? "SELECT d.id, d.text FROM documents d LEFT JOIN document_keys k ON k.document = d.id"
	              " WHERE d.id > ?1 AND k.document IS NULL"
	            : "SELECT s.id, s.content FROM statements s LEFT JOIN statement_keys k"
	              " ON k.statement = s.id WHERE s.id > ?1 AND k.statement IS NULL",
	        -1, &q, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db,
	                       doc ? "INSERT INTO document_keys(document, keys) VALUES (?1, ?2)"
	                           : "INSERT INTO statement_keys(statement, keys) VALUES (?1, ?2)",
	                       -1, &ins, NULL) != SQLITE_OK)
		goto done;
	sqlite3_bind_int64(q, 1, since);
	int step;
	while ((step = sqlite3_step(q)) == SQLITE_ROW) {
		dm_buf_reset(&b);
		if (dm_near_record(dm_col(q, 1), (size_t)sqlite3_column_bytes(q, 1), doc, &b))
			goto done;
		sqlite3_bind_int64(ins, 1, sqlite3_column_int64(q, 0));
		sqlite3_bind_blob(ins, 2, b.data ? b.data : "", (int)b.len, SQLITE_STATIC);
		if (dm_step_done(ins))
			goto done;
	}
	rc = step == SQLITE_DONE ? 0 : -1;
done:
	dm_buf_free(&b);
	sqlite3_finalize(q);
	sqlite3_finalize(ins);
	return rc;
}

/* ---- a link's joins, on threads of their own ---- */

/* One of a link's two joins (of statements, of documents) on a thread
 * of its own: what it ends with, and whether it could read the archive. */
typedef struct apart {
	struct dm_near_job *job;
	int doc;
	int rc; /* 0, or -1 with the message in ERR */
	char err[256];
	pthread_t thread;
	int threaded, opened; /* a thread runs; it could read the archive */
} apart;

/* What a link's joins find before anything is written (the pairs of
 * documents and of statements, and after a join of everything the
 * statements' groups), and the threads that find them. */
struct dm_near_job {
	int64_t since, docs_since; /* below 0: all joined anew */
	founds docs, stmts;
	groups g;
	char *path;     /* the archive's file, for the threads' connections */
	apart joins[2]; /* [0] statements, [1] documents */
};

/* J's join of documents, or of statements, on S's connection (0, or -1
 * with a message in ERR). */
static int find_pairs(dm_store *s, dm_near_job *j, int doc, char *err, size_t errlen)
{
	int64_t since = doc ? j->docs_since : j->since;
	const owners *o = doc ? &documents : &statements;
	founds *f = doc ? &j->docs : &j->stmts;
	if (j->since < 0 || j->docs_since < 0 ? join_all(s, o, f, doc ? NULL : &j->g) : join_since(s, o, since, f))
		return dm_sqlerr(s, err, errlen, doc ? "cannot compare documents" : "cannot compare statements");
	return 0;
}

/* A thread: a connection of its own reads the archive as the link found
 * it (what is committed: the link holds the write lock, so nothing is
 * committed until it ends), in one read transaction, and one join runs
 * on it. */
static void *find_apart(void *arg)
{
	apart *p = arg;
	dm_store h = {0};
	p->opened =
	    sqlite3_open_v2(p->job->path, &h.db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK &&
	    sqlite3_busy_timeout(h.db, 10000) == SQLITE_OK &&
	    sqlite3_exec(h.db, "PRAGMA cache_size = -4096; BEGIN", NULL, NULL, NULL) == SQLITE_OK;
	if (p->opened) {
		p->rc = find_pairs(&h, p->job, p->doc, p->err, sizeof p->err);
		sqlite3_exec(h.db, "COMMIT", NULL, NULL, NULL);
	}
	sqlite3_close(h.db);
	return NULL;
}

int dm_link_near_begin(dm_store *s, int64_t since, int64_t docs_since, dm_near_job **out, char *err, size_t errlen)
{
	*out = NULL;
	int full = since < 0 || docs_since < 0;
	if (full && sqlite3_exec(s->db,
	                         "DELETE FROM echo_pairs; DELETE FROM copy_pairs; DELETE FROM families;"
	                         " DELETE FROM echoes;",
	                         NULL, NULL, NULL) != SQLITE_OK)
		return dm_sqlerr(s, err, errlen, "cannot link echoes");
	sqlite3_int64 changes = sqlite3_total_changes64(s->db);
	if (fill_keys(s, 1, full ? 0 : docs_since) || fill_keys(s, 0, full ? 0 : since))
		return dm_sqlerr(s, err, errlen, "cannot compare statements");
	dm_near_job *j = calloc(1, sizeof *j);
	if (!j) {
		snprintf(err, errlen, "cannot link echoes: out of memory");
		return -1;
	}
	j->since = since;
	j->docs_since = docs_since;
	/* Apart only when they read what this connection sees (no keys made
	 * just now: not committed), and in WAL mode (so a file), where a
	 * reader never holds back this connection's writes (with a rollback
	 * journal, writes past the cache would wait for it). */
	int apart_ok = sqlite3_total_changes64(s->db) == changes && dm_store_wal(s) &&
	               (j->path = strdup(sqlite3_db_filename(s->db, "main")));
	for (int k = 0; k < 2; k++) {
		apart *p = &j->joins[k];
		p->job = j;
		p->doc = k;
		p->threaded = apart_ok && pthread_create(&p->thread, NULL, find_apart, p) == 0;
	}
	*out = j;
	return 0;
}

/* Both joins ended: on their threads, or here on S's connection when a
 * thread could not start or read the archive (not once the other has
 * failed: the link fails); 0, or -1 with a message. */
static int joins_end(dm_store *s, dm_near_job *j, char *err, size_t errlen)
{
	int rc = 0;
	for (int k = 0; k < 2; k++) {
		apart *p = &j->joins[k];
		if (p->threaded) {
			pthread_join(p->thread, NULL);
			p->threaded = 0;
		}
		if (!p->opened && !rc)
			p->rc = find_pairs(s, j, p->doc, p->err, sizeof p->err);
		if (p->rc && !rc) {
			snprintf(err, errlen, "%s", p->err);
			rc = -1;
		}
	}
	return rc;
}

void dm_link_near_drop(dm_near_job *j)
{
	if (!j)
		return;
	for (int k = 0; k < 2; k++)
		if (j->joins[k].threaded)
			pthread_join(j->joins[k].thread, NULL);
	free(j->path);
	free(j->docs.v);
	free(j->docs.slot);
	free(j->stmts.v);
	free(j->stmts.slot);
	groups_free(&j->g);
	free(j);
}

int dm_link_near_end(dm_store *s, dm_near_job *j, dm_link_stats *stats, char *err, size_t errlen)
{
	int64_t *docs = NULL, *stmts = NULL;
	size_t n_docs = 0, n_stmts = 0;
	int full = j->since < 0 || j->docs_since < 0, rc = -1;
	if (joins_end(s, j, err, errlen))
		goto done;
	if (store_pairs(s, &documents, &j->docs, &docs, &n_docs, err, errlen))
		goto done;
	int64_t *touched = NULL;
	size_t n_touched = 0;
	int bad = refamily(s, docs, n_docs, full ? NULL : &touched, &n_touched);
	/* the echoes of the statements of documents whose family changed */
	for (size_t i = 0; i < n_touched && !bad; i++)
		bad = ids_of(s,
		             "SELECT id FROM statements s WHERE doc_id = ?1 AND (EXISTS (SELECT 1 FROM echo_pairs"
		             " WHERE a = s.id) OR EXISTS (SELECT 1 FROM echo_pairs WHERE b = s.id))",
		             touched[i], &stmts, &n_stmts);
	free(touched);
	if (bad)
		goto sql;
	if (store_pairs(s, &statements, &j->stmts, &stmts, &n_stmts, err, errlen))
		goto done;
	if (full ? recluster_all(s, &j->g, err, errlen) : recluster(s, stmts, n_stmts, err, errlen))
		goto done;
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(s->db,
	                       "SELECT (SELECT count(DISTINCT cluster) FROM echoes), (SELECT count(*) FROM echoes),"
	                       " (SELECT count(*) FROM families)",
	                       -1, &q, NULL) != SQLITE_OK)
		goto sql;
	if (sqlite3_step(q) == SQLITE_ROW) {
		stats->echo_clusters = (size_t)sqlite3_column_int64(q, 0);
		stats->echo_statements = (size_t)sqlite3_column_int64(q, 1);
		stats->syndicated = (size_t)sqlite3_column_int64(q, 2);
	}
	sqlite3_finalize(q);
	rc = 0;
	goto done;
sql:
	dm_sqlerr(s, err, errlen, "cannot link echoes");
done:
	free(docs);
	free(stmts);
	dm_link_near_drop(j);
	return rc;
}
