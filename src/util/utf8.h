/*
 * utf8: the few Unicode questions the engine asks, answered by utf8proc.
 * Text is always UTF-8; positions are byte offsets.
 */
#ifndef DM_UTF8_H
#define DM_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "dictum_buf.h"

/* Decode the code point at S[*I] (bounded by N) and advance *I.  Invalid
 * bytes decode as U+FFFD one byte at a time. */
int32_t dm_utf8_next(const char *s, size_t n, size_t *i);
/* The code point that ends just before byte I, or -1 at the start. */
int32_t dm_utf8_prev(const char *s, size_t i);
/* dm_utf8_repair, which makes a buffer of its own, is in dictum_buf.h. */

int dm_is_letter(int32_t c);
int dm_is_upper(int32_t c);
int dm_is_digit(int32_t c);
int dm_is_space(int32_t c); /* white space, including no-break spaces */
int dm_is_dash(int32_t c);

/* Text as a reader sees it: Unicode NFC, soft hyphens left out, no-break
 * spaces (U+00A0, U+2007, U+202F) as spaces; a new malloc'd string, or
 * NULL when memory runs out. */
char *dm_as_read(const char *s, size_t n);
/* Might composing (NFC) change S[N]: is a combining mark (an accent
 * written after its letter) or a Hangul jamo in it?  Text without either
 * is in NFC already: the common case costs a scan. */
int dm_may_compose(const char *s, size_t n);
/* Is the code point at S[0, N) one that text as read leaves out (1), reads
 * as a space (2), or neither (0)?  *LEN is its length in bytes. */
int dm_as_read_char(const char *s, size_t n, size_t *len);

/* Case-fold and strip diacritics; a new malloc'd string. */
char *dm_fold(const char *s, size_t n);

/* Code points in S[0, n). */
size_t dm_utf8_count(const char *s, size_t n);

#endif
