/*
 * vec: growable arrays.  An array is a pointer, a count and a capacity kept
 * by its owner; dm_reserve() makes room for one more element.
 */
#ifndef DM_VEC_H
#define DM_VEC_H

#include <stddef.h>

/* Room for element N of SIZE bytes in *ARRP (a pointer to the array
 * pointer), whose capacity is *CAP.  Returns 0, or -1 with the array
 * untouched when memory runs out. */
int dm_reserve(void *arrp, size_t *cap, size_t n, size_t size);

#endif
