#include "arena.h"

#include <stdlib.h>
#include <string.h>

struct dm_arena_block {
	struct dm_arena_block *next;
	size_t used, size;
	_Alignas(16) unsigned char data[];
};

#define BLOCK_SIZE (64 * 1024)

void *dm_arena_alloc(dm_arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	struct dm_arena_block *b = a->head;
	if (!b || b->size - b->used < n) {
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
	}
	void *p = b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *dm_arena_strndup(dm_arena *a, const char *s, size_t n)
{
	char *p = dm_arena_alloc(a, n + 1);
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

void dm_arena_free(dm_arena *a)
{
	struct dm_arena_block *b = a->head;
	while (b) {
		struct dm_arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
}
