/*
 * buf: a growable byte string, always NUL-terminated.  The owner frees it
 * with dm_buf_free(); dm_buf_detach() hands the bytes over to the caller.
 */
#ifndef DM_BUF_H
#define DM_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

typedef struct dm_buf {
	char *data;
	size_t len, cap;
	int failed; /* an allocation failed; contents are then truncated */
} dm_buf;

void dm_buf_add(dm_buf *b, const char *s, size_t n);
void dm_buf_puts(dm_buf *b, const char *s);
void dm_buf_putc(dm_buf *b, char c);
void dm_buf_printf(dm_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dm_buf_u32(dm_buf *b, uint32_t v);                      /* decimal, without printf: it is on hot paths */
void dm_buf_json_string(dm_buf *b, const char *s, size_t n); /* quoted, escaped */
void dm_buf_reset(dm_buf *b);
char *dm_buf_detach(dm_buf *b);
/* dm_buf_detach(), or NULL (B freed) when an allocation failed on the way:
 * the end of every function that builds a string and returns it. */
char *dm_buf_finish(dm_buf *b);
void dm_buf_free(dm_buf *b);

#endif
