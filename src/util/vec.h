/*
 * vec: growable arrays.  An array is a pointer, a count and a capacity kept
 * by its owner; dm_reserve() makes room for one more element, and
 * dm_cmp_u64() orders arrays of 64-bit values for qsort and bsearch.
 */
#ifndef DM_VEC_H
#define DM_VEC_H

#include <stddef.h>

/* Room for element N of SIZE bytes in *ARRP (a pointer to the array
 * pointer), whose capacity is *CAP.  Returns 0, or -1 with the array
 * untouched when memory runs out. */
int dm_reserve(void *arrp, size_t *cap, size_t n, size_t size);

/* Compares two uint64_t, or two records that start with one. */
int dm_cmp_u64(const void *a, const void *b);

#endif
