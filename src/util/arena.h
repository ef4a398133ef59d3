/*
 * arena: many small allocations freed at once.  Every string and array that
 * a document points to lives in the document's arena, so freeing a document
 * is one call and nothing can be left dangling or freed twice.
 */
#ifndef DM_ARENA_H
#define DM_ARENA_H

#include <stddef.h>

typedef struct dm_arena {
	struct dm_arena_block *head;
	const char **interned; /* dm_arena_intern's table (malloc'd) */
	size_t n_interned, cap_interned;
} dm_arena;

void *dm_arena_alloc(dm_arena *a, size_t n); /* zeroed, 8-byte aligned; NULL on failure */
char *dm_arena_strndup(dm_arena *a, const char *s, size_t n);
char *dm_arena_strdup(dm_arena *a, const char *s);
/* S[N] as a string of the arena, one copy for equal strings: a document's
 * speakers, cues and mentions repeat.  Never to be written to. */
const char *dm_arena_intern(dm_arena *a, const char *s, size_t n);
void dm_arena_free(dm_arena *a);

#endif
