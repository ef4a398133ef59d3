/*
 * swar: questions about eight bytes at once, in a 64-bit word, for the
 * scans that skip plain text quickly (the tokenizer's words, the search
 * for quotation marks).  Each answers whether any byte qualifies;
 * which one is left to a byte-by-byte look.
 */
#ifndef DM_SWAR_H
#define DM_SWAR_H
#include <stdint.h>
#include <string.h>

#define DM_SWAR_ONES 0x0101010101010101ull
#define DM_SWAR_TOP  0x8080808080808080ull

/* Where a byte is in a word (dm_swar_first, dm_swar_prefix) is that of a
 * little-endian load, as on every machine we build for. */
#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "util/swar.h: byte places are those of a little-endian word"
#endif

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

/* The first N bytes (at most 8) at S as a word, the rest zero; READABLE
 * bytes from S may be read (at least N): a whole word when there are 8. */
static inline uint64_t dm_swar_prefix(const char *s, size_t n, size_t readable)
{
	uint64_t x = 0;
	if (readable < 8) {
		memcpy(&x, s, n);
		return x;
	}
	x = dm_swar_load(s);
	return n >= 8 ? x : x & ((1ull << (8 * n)) - 1);
}

/* The place of the first byte of a mask of top bits (not 0) whose lowest
 * bit set is exact, as dm_swar_below's are. */
static inline size_t dm_swar_first(uint64_t mask)
{
	return (size_t)__builtin_ctzll(mask) >> 3;
}

/* The bytes of X from LO to HI (ASCII), as top bits: exact (each byte's
 * sums stay below 0x100, so none carries into the next). */
static inline uint64_t dm_swar_between(uint64_t x, unsigned char lo, unsigned char hi)
{
	uint64_t low = x & ~DM_SWAR_TOP;
	uint64_t from = low + DM_SWAR_ONES * (0x80 - lo), past = low + DM_SWAR_ONES * (0x80 - hi - 1);
	return from & ~past & ~x & DM_SWAR_TOP;
}

/* The bytes of X from 'A' to 'Z', as top bits. */
static inline uint64_t dm_swar_capitals(uint64_t x)
{
	return dm_swar_between(x, 'A', 'Z');
}

/* The bytes of X that are ASCII letters or digits, as top bits: a letter
 * with 0x20 set is one from 'a' to 'z'. */
static inline uint64_t dm_swar_alnum(uint64_t x)
{
	return dm_swar_between(x | DM_SWAR_ONES * 0x20, 'a', 'z') | dm_swar_between(x, '0', '9');
}

/* X with its bytes from 'A' to 'Z' in lower case: a capital's top bit,
 * moved down to 0x20, is the bit it lacks. */
static inline uint64_t dm_swar_lower(uint64_t x)
{
	return x | dm_swar_capitals(x) >> 2;
}

/* Are the N bytes at A those at B?  For a few bytes whose hashes agree
 * already (a token's, a form's): a word at a time, inline, is quicker
 * than a call to memcmp. */
static inline int dm_swar_same(const char *a, const char *b, size_t n)
{
	for (; n >= 8; n -= 8, a += 8, b += 8)
		if (dm_swar_load(a) != dm_swar_load(b))
			return 0;
	for (; n; n--)
		if (*a++ != *b++)
			return 0;
	return 1;
}

/* Are the eight bytes at S all ASCII, none with its top bit set? */
static inline int dm_swar_ascii(const char *s)
{
	return (dm_swar_load(s) & DM_SWAR_TOP) == 0;
}

#endif
