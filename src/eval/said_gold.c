/*
 * Reading the two gold files of who said what (said.h) into a dm_said_set.
 * Everything kept is copied into the set's arena, so the JSON is freed
 * at once.  What the scorers would read as absent (a missing or null
 * field) is absent here too; what they would fail on is an error.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "said.h"

/* Where a problem is: the page (or article) and the statement in it. */
typedef struct where {
	const char *page, *item; /* "statement", "attribution" */
	size_t index;
	char *err;
	size_t errlen;
} where;

#define BAD(w, ...)                                                                                                    \
	do {                                                                                                           \
		char what_[200];                                                                                       \
		snprintf(what_, sizeof what_, __VA_ARGS__);                                                            \
		dm_ev_fail((w)->err, (w)->errlen, "%s, %s %zu: %s", (w)->page, (w)->item, (w)->index + 1, what_);      \
	} while (0)

static int no_memory(const where *w)
{
	dm_ev_fail(w->err, w->errlen, "out of memory");
	return -1;
}

/* A string field, or NULL when it is absent or null; -1 when it is
 * something else. */
static int opt_string(dm_said_set *set, json_t *obj, const char *name, const char **out, const where *w)
{
	json_t *v = json_object_get(obj, name);
	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		BAD(w, "\"%s\" is not a string", name);
		return -1;
	}
	if (!(*out = dm_arena_strndup(&set->arena, json_string_value(v), json_string_length(v))))
		return no_memory(w);
	return 0;
}

/* The fields of a resolved source, shared by both files: speaker, aliases,
 * speaker_type, and the mention from field MENTION ("" when absent). */
static int read_source(dm_said_set *set, json_t *st, const char *mention, dm_said_gold *g, const where *w)
{
	if (opt_string(set, st, "speaker", &g->speaker, w) ||
	    opt_string(set, st, "speaker_type", &g->speaker_type, w) || opt_string(set, st, mention, &g->mention, w))
		return -1;
	if (!g->mention)
		g->mention = "";
	json_t *al = json_object_get(st, "aliases");
	if (!al || json_is_null(al))
		return 0;
	if (!json_is_array(al)) {
		BAD(w, "\"aliases\" is not an array");
		return -1;
	}
	g->n_aliases = json_array_size(al);
	if (!(g->aliases = dm_arena_alloc(&set->arena, (g->n_aliases + 1) * sizeof *g->aliases)))
		return no_memory(w);
	for (size_t i = 0; i < g->n_aliases; i++) {
		json_t *a = json_array_get(al, i);
		if (json_is_null(a)) /* the scorer folds None to "" */
			continue;
		if (!json_is_string(a)) {
			BAD(w, "alias %zu is not a string", i + 1);
			return -1;
		}
		if (!(g->aliases[i] = dm_arena_strndup(&set->arena, json_string_value(a), json_string_length(a))))
			return no_memory(w);
	}
	return 0;
}

/* content_offsets: a list of parts, each [start, end] or a list of them. */
static int read_offsets(dm_said_set *set, json_t *st, dm_said_gold *g, const where *w)
{
	json_t *co = json_object_get(st, "content_offsets");
	if (!json_is_array(co)) {
		BAD(w, "no \"content_offsets\" list");
		return -1;
	}
	size_t n = 0, cap = 0, ip;
	json_t *part;
	json_array_foreach(co, ip, part)
	{
		if (!json_is_array(part)) {
			BAD(w, "content_offsets part %zu is not a list", ip + 1);
			return -1;
		}
		cap += json_is_array(json_array_get(part, 0)) ? json_array_size(part) : 1;
	}
	dm_said_range *r = dm_arena_alloc(&set->arena, (cap + 1) * sizeof *r);
	if (!r)
		return no_memory(w);
	json_array_foreach(co, ip, part)
	{
		int pairs = json_is_array(json_array_get(part, 0));
		for (size_t k = 0; k < (pairs ? json_array_size(part) : 1); k++) {
			json_t *pair = pairs ? json_array_get(part, k) : part;
			json_t *a = json_array_get(pair, 0), *b = json_array_get(pair, 1);
			if (json_array_size(pair) != 2 || !json_is_integer(a) || !json_is_integer(b) ||
			    json_integer_value(a) < 0 || json_integer_value(b) > UINT32_MAX) {
				BAD(w, "content_offsets part %zu: not [start, end]", ip + 1);
				return -1;
			}
			if (json_integer_value(a) < json_integer_value(b))
				r[n++] =
				    (dm_said_range){(uint32_t)json_integer_value(a), (uint32_t)json_integer_value(b)};
		}
	}
	g->at = r;
	g->n_at = dm_said_ranges_merge(r, n);
	return 0;
}

typedef int (*read_fn)(dm_said_set *set, json_t *st, dm_said_gold *g, const where *w);

static int read_statement(dm_said_set *set, json_t *st, dm_said_gold *g, const where *w)
{
	json_t *c = json_object_get(st, "content");
	if (!json_is_string(c)) {
		BAD(w, "no \"content\" string");
		return -1;
	}
	if (!(g->content = dm_arena_strndup(&set->arena, json_string_value(c), json_string_length(c))))
		return no_memory(w);
	return read_source(set, st, "mention", g, w);
}

static int read_attribution(dm_said_set *set, json_t *st, dm_said_gold *g, const where *w)
{
	return read_offsets(set, st, g, w) || read_source(set, st, "source", g, w) ? -1 : 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const dm_said_page *)a)->name, ((const dm_said_page *)b)->name);
}

/* ROOT[TOP] maps names to objects whose LIST holds the gold statements,
 * each an ITEM (absent: none, unless NEED_LIST); with SKIP, objects
 * holding a "skipped" field are left out. */
static int load(dm_said_set *set, const char *json, size_t len, const char *top, const char *list, const char *item,
                int need_list, int skip, read_fn read, char *err, size_t errlen)
{
	memset(set, 0, sizeof *set);
	json_error_t je;
	json_t *root = json_loadb(json, len, 0, &je);
	if (!root) {
		dm_ev_fail(err, errlen, "line %d: %s", je.line, je.text);
		return -1;
	}
	json_t *pages = json_object_get(root, top);
	if (!json_is_object(pages)) {
		dm_ev_fail(err, errlen, "no \"%s\" object", top);
		json_decref(root);
		return -1;
	}
	int rc = 0;
	set->pages = dm_arena_alloc(&set->arena, (json_object_size(pages) + 1) * sizeof *set->pages);
	if (!set->pages) {
		dm_ev_fail(err, errlen, "out of memory");
		rc = -1;
	}
	const char *name;
	json_t *page;
	json_object_foreach(pages, name, page)
	{
		if (rc)
			break;
		where w = {name, item, 0, err, errlen};
		if (!json_is_object(page)) {
			dm_ev_fail(err, errlen, "%s: not an object", name);
			rc = -1;
			break;
		}
		if (skip && json_object_get(page, "skipped"))
			continue;
		json_t *sts = json_object_get(page, list);
		if (sts ? !json_is_array(sts) : need_list) {
			dm_ev_fail(err, errlen, "%s: no \"%s\" list", name, list);
			rc = -1;
			break;
		}
		dm_said_page *p = &set->pages[set->n_pages++];
		p->n_gold = json_array_size(sts);
		p->name = dm_arena_strdup(&set->arena, name);
		p->gold = dm_arena_alloc(&set->arena, (p->n_gold + 1) * sizeof *p->gold);
		if (!p->name || !p->gold) {
			rc = no_memory(&w);
			break;
		}
		for (w.index = 0; w.index < p->n_gold && rc == 0; w.index++) {
			json_t *st = json_array_get(sts, w.index);
			if (!json_is_object(st)) {
				BAD(&w, "not an object");
				rc = -1;
			} else {
				rc = read(set, st, &p->gold[w.index], &w);
			}
		}
	}
	json_decref(root);
	if (rc) {
		dm_said_set_free(set);
		return -1;
	}
	qsort(set->pages, set->n_pages, sizeof *set->pages, by_name);
	return 0;
}

int dm_said_load_statements(dm_said_set *set, const char *json, size_t len, char *err, size_t errlen)
{
	return load(set, json, len, "pages", "statements", "statement", 0, 1, read_statement, err, errlen);
}

int dm_said_load_speakers(dm_said_set *set, const char *json, size_t len, char *err, size_t errlen)
{
	return load(set, json, len, "articles", "attributions", "attribution", 1, 0, read_attribution, err, errlen);
}

void dm_said_set_free(dm_said_set *set)
{
	dm_arena_free(&set->arena);
	memset(set, 0, sizeof *set);
}
