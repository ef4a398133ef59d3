/*
 * dictum_buf.h: a growable byte string, always NUL-terminated, and JSON
 * written into one: what dictum's writers append to (a document as JSON,
 * a stored statement as JSON or CSV), so that a caller can write many
 * without an allocation each.  The owner frees it with dm_buf_free();
 * dm_buf_detach() hands the bytes over to the caller.
 */
#ifndef DICTUM_BUF_H
#define DICTUM_BUF_H

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
/* One byte: inline where it fits, as a writer adds most of its marks so. */
static inline void dm_buf_putc(dm_buf *b, char c)
{
	if (b->len + 2 <= b->cap && !b->failed) {
		b->data[b->len++] = c;
		b->data[b->len] = 0;
	} else {
		dm_buf_add(b, &c, 1);
	}
}
/* Room for N more bytes, so that a writer who knows about how much it will
 * write grows the buffer once. */
void dm_buf_reserve(dm_buf *b, size_t n);
void dm_buf_printf(dm_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dm_buf_u32(dm_buf *b, uint32_t v);                      /* decimal, without printf: it is on hot paths */
void dm_buf_json_string(dm_buf *b, const char *s, size_t n); /* quoted, escaped */
void dm_buf_json_chars(dm_buf *b, const char *s, size_t n);  /* escaped, unquoted: a string's part */
void dm_buf_reset(dm_buf *b);
char *dm_buf_detach(dm_buf *b);
/* dm_buf_detach(), or NULL (B freed) when an allocation failed on the way:
 * the end of every function that builds a string and returns it. */
char *dm_buf_finish(dm_buf *b);
void dm_buf_free(dm_buf *b);

/* Copy S to OUT with every invalid byte replaced by U+FFFD; returns how many
 * bytes were replaced. */
size_t dm_utf8_repair(const char *s, size_t n, dm_buf *out);

/* JSON values: a string or null; an array of strings; "name":value inside
 * an object being written, with a comma if one is needed. */
void dm_json_str_or_null(dm_buf *out, const char *s);
void dm_json_str_array(dm_buf *out, const char *const *v, int n);
void dm_json_field(dm_buf *out, const char *name, const char *value);

#endif
