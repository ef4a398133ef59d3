/*
 * hash: the mixing step every hash of ours ends with, for values that are
 * already numbers (feature values, a short token's bytes, MinHash
 * minima).  Hashes of longer byte strings go through xxhash.
 */
#ifndef DM_HASH_H
#define DM_HASH_H
#include <stdint.h>

/* splitmix64's finalizer: a bijection of 64-bit words whose every output
 * bit depends on every input bit. */
static inline uint64_t dm_mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

#endif
