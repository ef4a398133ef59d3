/*
 * The token infos of word forms, kept by each thread from one document to
 * the next.  Most of a document's forms were in the documents before it,
 * and a form's infos (its lower case, three hashes, a shape, a look-up in
 * the tag lexicon that misses the processor's caches) cost several times
 * what finding them again does.  A thread's table holds at most MAX_FORMS
 * forms of at most FORM_BYTES bytes, so its memory is bounded (about 3 MB)
 * whatever the input.  When it is full it keeps the forms found again
 * since it was last full (at most half of it) and drops the others: the
 * words of every document stay, a run of names seen once goes.  The infos depend on
 * the tag lexicon they were made with, so a table is emptied before infos
 * of another lexicon go in.  A thread's table is freed when it ends.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "features.h"

enum { SLOTS = 1 << 16, MAX_FORMS = SLOTS / 2, FORM_BYTES = 24 };

typedef struct entry {
	uint64_t hash; /* the form's (dm_form.hash) */
	dm_tokinfo ti;
	uint16_t flags;
	uint8_t len;
	uint8_t found; /* found again since the table was last full */
	char bytes[FORM_BYTES];
} entry;

struct dm_tokcache {
	uint64_t tags;        /* dm_model_serial of the tag lexicon, 0 for none */
	uint32_t slot[SLOTS]; /* index + 1 in forms; 0 is empty */
	entry *forms;
	size_t n, cap;
};

static pthread_key_t key;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int have_key;

static void drop(void *p)
{
	dm_tokcache *c = p;
	if (c)
		free(c->forms);
	free(c);
}

static void make_key(void)
{
	have_key = !pthread_key_create(&key, drop);
}

static void empty(dm_tokcache *c)
{
	memset(c->slot, 0, sizeof c->slot);
	c->n = 0;
}

dm_tokcache *dm_tokcache_thread(const dm_model *tags)
{
	pthread_once(&once, make_key);
	if (!have_key)
		return NULL;
	dm_tokcache *c = pthread_getspecific(key);
	if (!c) {
		c = calloc(1, sizeof *c);
		if (!c || pthread_setspecific(key, c)) {
			free(c);
			return NULL;
		}
	}
	uint64_t serial = tags ? dm_model_serial(tags) : 0;
	if (c->tags != serial) {
		empty(c);
		c->tags = serial;
	}
	return c;
}

/* The table full: the forms found again since it last was (at most half
 * of it) kept, in their order, the others dropped. */
static void thin(dm_tokcache *c)
{
	size_t kept = 0;
	for (size_t i = 0; i < c->n && kept < MAX_FORMS / 2; i++)
		if (c->forms[i].found) {
			c->forms[kept] = c->forms[i];
			c->forms[kept++].found = 0;
		}
	empty(c);
	for (; c->n < kept; c->n++) {
		uint32_t s = (uint32_t)c->forms[c->n].hash & (SLOTS - 1);
		while (c->slot[s])
			s = (s + 1) & (SLOTS - 1);
		c->slot[s] = (uint32_t)c->n + 1;
	}
}

/* The slot of the form, or the empty one that ends its probe. */
static uint32_t *find(dm_tokcache *c, uint64_t hash, const char *bytes, size_t n, uint16_t flags)
{
	uint32_t i = (uint32_t)hash & (SLOTS - 1);
	for (; c->slot[i]; i = (i + 1) & (SLOTS - 1)) {
		const entry *e = &c->forms[c->slot[i] - 1];
		if (e->hash == hash && e->flags == flags && e->len == n && !memcmp(e->bytes, bytes, n))
			break;
	}
	return &c->slot[i];
}

const dm_tokinfo *dm_tokcache_get(dm_tokcache *c, uint64_t hash, const char *bytes, size_t n, uint16_t flags)
{
	if (n > FORM_BYTES)
		return NULL;
	uint32_t *s = find(c, hash, bytes, n, flags);
	if (!*s)
		return NULL;
	c->forms[*s - 1].found = 1;
	return &c->forms[*s - 1].ti;
}

void dm_tokcache_put(dm_tokcache *c, uint64_t hash, const char *bytes, size_t n, uint16_t flags, const dm_tokinfo *ti)
{
	if (n > FORM_BYTES)
		return;
	if (c->n == MAX_FORMS)
		thin(c);
	if (c->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 1024;
		entry *grown = realloc(c->forms, cap * sizeof *grown);
		if (!grown)
			return; /* out of memory: the infos are made again next time */
		c->forms = grown;
		c->cap = cap;
	}
	uint32_t *s = find(c, hash, bytes, n, flags);
	if (*s)
		return;
	entry *e = &c->forms[c->n++];
	e->hash = hash;
	e->ti = *ti;
	e->flags = flags;
	e->len = (uint8_t)n;
	e->found = 0;
	memcpy(e->bytes, bytes, n);
	*s = (uint32_t)c->n;
}
