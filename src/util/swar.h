/*
 * swar: questions about eight bytes at once, in a 64-bit word, for the
 * scans that skip plain text quickly (JSON escaping, the tokenizer's
 * search for quotation marks).  Each answers whether any byte qualifies;
 * which one is left to a byte-by-byte look.
 */
#ifndef DM_SWAR_H
#define DM_SWAR_H
#include <stdint.h>
#include <string.h>

#define DM_SWAR_ONES 0x0101010101010101ull
#define DM_SWAR_TOP  0x8080808080808080ull

/* The eight bytes at S as a word. */
static inline uint64_t dm_swar_load(const char *s)
{
	uint64_t x;
	memcpy(&x, s, sizeof x);
	return x;
}

/* Is a byte of X below N (N at most 128)?  A byte's top bit is set in
 * (x - n) & ~x only when the subtraction borrowed through it, which it
 * does first at a byte below N; bytes of 0x80 and over are masked by ~x. */
static inline int dm_swar_below(uint64_t x, unsigned char n)
{
	return ((x - DM_SWAR_ONES * n) & ~x & DM_SWAR_TOP) != 0;
}

/* Is a byte of X equal to C: a zero byte of X ^ C? */
static inline int dm_swar_has(uint64_t x, unsigned char c)
{
	return dm_swar_below(x ^ (DM_SWAR_ONES * c), 1);
}

/* Are the eight bytes at S all ASCII, none with its top bit set? */
static inline int dm_swar_ascii(const char *s)
{
	return (dm_swar_load(s) & DM_SWAR_TOP) == 0;
}

#endif
