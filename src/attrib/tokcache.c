/*
 * The token infos of word forms, kept by each thread from one document to
 * the next.  Most of a document's forms were in the documents before it,
 * and a form's infos (its lower case, three hashes, a shape, a look-up in
 * the tag lexicon) cost several times what finding them again does.
 *
 * A thread's table is a cache of SETS sets of two forms of at most
 * FORM_BYTES bytes, a form and its infos in one cache line: a form is
 * looked for in one set (two adjacent lines), the one found most recently
 * first; a new form takes the first place and pushes the other out.  Its
 * memory is bounded (2 MB) whatever the input, and the words of every
 * document stay while a run of names seen once passes through.  The
 * infos depend on the tag lexicon they were made with, so the table is
 * emptied before infos of another lexicon go in.  A thread's table is
 * freed when the thread ends.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "features.h"
#include "util/perthread.h"
#include "util/swar.h"

enum { SETS = 1 << 14, FORM_BYTES = 20 };

typedef struct entry {
	dm_tokinfo ti;
	uint16_t flags;
	uint8_t len; /* 0: empty */
	char bytes[FORM_BYTES];
} entry;
_Static_assert(sizeof(entry) == 64, "a form and its infos fill a cache line");

struct dm_tokcache {
	uint64_t tags; /* dm_model_serial of the tag lexicon, 0 for none */
	entry *set;    /* SETS pairs, the one found most recently first */
};

static void drop(void *p)
{
	dm_tokcache *c = p;
	if (c)
		free(c->set);
	free(c);
}

static dm_perthread kept = DM_PERTHREAD(drop);

/* BYTES of table on pages of 2 MB where the system gives them (Linux's
 * transparent huge pages, on request): every look-up lands on a random
 * line of the table, and one page-table entry maps it all where 512 did;
 * perf put half the wait of the look-ups' prefetches on the pages. */
static void *table_alloc(size_t bytes)
{
	enum { HUGE = 2 << 20 };
	void *p = aligned_alloc(HUGE, (bytes + HUGE - 1) / HUGE * HUGE);
#ifdef MADV_HUGEPAGE
	if (p)
		madvise(p, bytes, MADV_HUGEPAGE); /* a hint: without it, small pages */
#endif
	return p;
}

dm_tokcache *dm_tokcache_thread(const dm_model *tags)
{
	dm_tokcache *c = dm_perthread_get(&kept);
	uint64_t serial = tags ? dm_model_serial(tags) : 0;
	if (!c) {
		c = calloc(1, sizeof *c);
		if (c)
			c->set = table_alloc(2 * SETS * sizeof *c->set);
		if (!c || !c->set || dm_perthread_set(&kept, c)) {
			drop(c);
			return NULL;
		}
		memset(c->set, 0, 2 * SETS * sizeof *c->set);
		c->tags = serial; /* empty: of this lexicon as of any */
	}
	if (c->tags != serial) {
		memset(c->set, 0, 2 * SETS * sizeof *c->set);
		c->tags = serial;
	}
	return c;
}

static int holds(const entry *e, const char *bytes, size_t n, uint16_t flags)
{
	return e->len == n && e->flags == flags && dm_swar_same(e->bytes, bytes, n);
}

void dm_tokcache_prefetch(const dm_tokcache *c, uint64_t hash)
{
	const entry *e = &c->set[2 * (hash & (SETS - 1))];
	__builtin_prefetch(&e[0]);
	__builtin_prefetch(&e[1]);
}

const dm_tokinfo *dm_tokcache_get(dm_tokcache *c, uint64_t hash, const char *bytes, size_t n, uint16_t flags)
{
	entry *e = &c->set[2 * (hash & (SETS - 1))];
	if (n > FORM_BYTES)
		return NULL;
	if (holds(&e[0], bytes, n, flags))
		return &e[0].ti;
	if (!holds(&e[1], bytes, n, flags))
		return NULL;
	entry found = e[1]; /* found most recently: first */
	e[1] = e[0];
	e[0] = found;
	return &e[0].ti;
}

void dm_tokcache_put(dm_tokcache *c, uint64_t hash, const char *bytes, size_t n, uint16_t flags, const dm_tokinfo *ti)
{
	entry *e = &c->set[2 * (hash & (SETS - 1))];
	if (n > FORM_BYTES || !n)
		return;
	e[1] = e[0];
	e[0].ti = *ti;
	e[0].flags = flags;
	e[0].len = (uint8_t)n;
	memcpy(e[0].bytes, bytes, n);
}
