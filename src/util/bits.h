/*
 * bits: a set of small numbers kept as an array of 64-bit words, for the
 * filters that turn most look-ups away before a table or a list is read
 * (a document's persons' words, the speakers' names, a model's
 * vocabulary).  The caller keeps I below the set's number of bits.
 */
#ifndef DM_BITS_H
#define DM_BITS_H
#include <stdint.h>

static inline void dm_bits_add(uint64_t *set, uint32_t i)
{
	set[i >> 6] |= 1ull << (i & 63);
}

static inline int dm_bits_has(const uint64_t *set, uint32_t i)
{
	return (int)(set[i >> 6] >> (i & 63) & 1);
}

#endif
