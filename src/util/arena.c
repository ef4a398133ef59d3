#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

struct dm_arena_block {
	struct dm_arena_block *next;
	size_t used, size;
	_Alignas(16) unsigned char data[];
};

#define BLOCK_SIZE (64 * 1024)

/* N bytes at a multiple of ALIGN (a power of two).  Strings take no
 * alignment: a statement's short strings would each waste half of a
 * 16-byte slot. */
static void *carve(dm_arena *a, size_t n, size_t align)
{
	struct dm_arena_block *b = a->head;
	size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
	if (!b || at > b->size || b->size - at < n) {
		/* A big request gets a block of its own, so the current block's
		 * free space is not thrown away. */
		size_t size = n > BLOCK_SIZE / 4 ? n : BLOCK_SIZE;
		struct dm_arena_block *nb = malloc(sizeof *nb + size);
		if (!nb)
			return NULL;
		nb->used = 0;
		nb->size = size;
		if (b && size != BLOCK_SIZE) {
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			a->head = nb;
		}
		b = nb;
		at = 0;
	}
	b->used = at + n;
	return b->data + at;
}

void *dm_arena_alloc(dm_arena *a, size_t n)
{
	void *p = carve(a, n ? n : 1, 8); /* pointers, 64-bit integers, doubles: all the arena holds */
	if (p)
		memset(p, 0, n);
	return p;
}

char *dm_arena_strndup(dm_arena *a, const char *s, size_t n)
{
	char *p = carve(a, n + 1, 1);
	if (p) {
		memcpy(p, s, n);
		p[n] = 0;
	}
	return p;
}

char *dm_arena_strdup(dm_arena *a, const char *s)
{
	return dm_arena_strndup(a, s, strlen(s));
}

/* The table of interned strings: open addressing, at most half full. */
static int intern_grow(dm_arena *a)
{
	size_t cap = a->cap_interned ? a->cap_interned * 2 : 256;
	const char **slot = calloc(cap, sizeof *slot);
	if (!slot)
		return -1;
	for (size_t i = 0; i < a->cap_interned; i++) {
		const char *s = a->interned[i];
		if (!s)
			continue;
		size_t h = (size_t)XXH3_64bits(s, strlen(s)) & (cap - 1);
		while (slot[h])
			h = (h + 1) & (cap - 1);
		slot[h] = s;
	}
	free(a->interned);
	a->interned = slot;
	a->cap_interned = cap;
	return 0;
}

const char *dm_arena_intern(dm_arena *a, const char *s, size_t n)
{
	if ((a->n_interned + 1) * 2 > a->cap_interned && intern_grow(a))
		return dm_arena_strndup(a, s, n); /* no room for the table: a copy of its own */
	size_t h = (size_t)XXH3_64bits(s, n) & (a->cap_interned - 1);
	for (const char *x; (x = a->interned[h]); h = (h + 1) & (a->cap_interned - 1))
		if (!strncmp(x, s, n) && !x[n])
			return x;
	char *p = dm_arena_strndup(a, s, n);
	if (p) {
		a->interned[h] = p;
		a->n_interned++;
	}
	return p;
}

void dm_arena_free(dm_arena *a)
{
	struct dm_arena_block *b = a->head;
	while (b) {
		struct dm_arena_block *next = b->next;
		free(b);
		b = next;
	}
	free(a->interned);
	memset(a, 0, sizeof *a);
}
