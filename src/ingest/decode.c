/*
 * Text as read, made UTF-8 (ingest.h): what a byte-order mark declares
 * (UTF-8, UTF-16, UTF-32) decoded; plain text that is not UTF-8 and has
 * no UTF-8 in it at all read as Windows-1252 (which Latin-1 text also is,
 * but for a few control codes nobody writes); lone carriage returns (old
 * Mac line ends) made line feeds, byte for byte, so that offsets into
 * the text are those of the input.  glibc's iconv does the decoding.
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "ingest.h"
#include "util/swar.h"

/* What a byte-order mark at S declares, and its length; NULL when none. */
static const char *bom(const unsigned char *s, size_t n, size_t *skip)
{
	static const struct {
		const char *name;
		unsigned char mark[4];
		size_t len;
	} marks[] = {/* UTF-32 first: its little-endian mark begins as UTF-16's does */
	             {"UTF-32LE", {0xFF, 0xFE, 0x00, 0x00}, 4},
	             {"UTF-32BE", {0x00, 0x00, 0xFE, 0xFF}, 4},
	             {"UTF-8", {0xEF, 0xBB, 0xBF, 0}, 3},
	             {"UTF-16LE", {0xFF, 0xFE, 0, 0}, 2},
	             {"UTF-16BE", {0xFE, 0xFF, 0, 0}, 2}};
	for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
		if (n >= marks[i].len && !memcmp(s, marks[i].mark, marks[i].len)) {
			*skip = marks[i].len;
			return marks[i].name;
		}
	return NULL;
}

/* Are S[N]'s bytes above ASCII all outside UTF-8 sequences?  Then the
 * text was written in a single-byte code page.  A text with some UTF-8
 * in it stays UTF-8, its stray bytes repaired later. */
static int single_byte_text(const unsigned char *s, size_t n)
{
	size_t utf8 = 0, stray = 0;
	for (size_t i = 0; i < n;) {
		if (s[i] < 0x80) {
			i++;
			while (i + 8 <= n && dm_swar_ascii((const char *)s + i))
				i += 8;
			continue;
		}
		size_t k = s[i] >= 0xF0 && s[i] < 0xF5 ? 4 : s[i] >= 0xE0 ? 3 : s[i] >= 0xC2 && s[i] < 0xE0 ? 2 : 0;
		size_t j = 1;
		while (k && j < k && i + j < n && (s[i + j] & 0xC0) == 0x80)
			j++;
		if (k && j == k) {
			utf8++;
			i += k;
		} else {
			stray++;
			i++;
		}
	}
	return stray > 0 && utf8 == 0;
}

/* FROM's bytes IN[N] into OUT as UTF-8; a sequence FROM cannot decode
 * becomes U+FFFD.  -1 when memory ran out or FROM is unknown. */
static int convert(const char *from, const char *in, size_t n, dm_buf *out)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return -1;
	char chunk[4096];
	char *src = (char *)in;
	size_t left = n;
	int rc = 0;
	while (left && !rc) {
		char *dst = chunk;
		size_t room = sizeof chunk;
		size_t r = iconv(cd, &src, &left, &dst, &room);
		dm_buf_add(out, chunk, sizeof chunk - room);
		if (r == (size_t)-1 && errno != E2BIG) {
			/* undecodable, or cut short at the end: one unit replaced */
			dm_buf_add(out, "\xEF\xBF\xBD", 3);
			size_t unit = strstr(from, "32") ? 4 : strstr(from, "16") ? 2 : 1;
			unit = unit < left ? unit : left;
			src += unit;
			left -= unit;
		}
		rc = out->failed ? -1 : 0;
	}
	iconv_close(cd);
	return rc;
}

int dm_decode_text(const char *bytes, size_t n, int plain, dm_buf *out, const char **encoding)
{
	*encoding = NULL;
	size_t skip = 0;
	const char *declared = bom((const unsigned char *)bytes, n, &skip);
	if (declared && !strcmp(declared, "UTF-8"))
		dm_buf_add(out, bytes + skip, n - skip);
	else if (declared && convert(declared, bytes + skip, n - skip, out))
		return -1;
	else if (!declared && plain && single_byte_text((const unsigned char *)bytes, n)) {
		declared = "Windows-1252";
		if (convert("WINDOWS-1252", bytes, n, out))
			return -1;
	} else if (!declared && plain && memchr(bytes, '\r', n))
		dm_buf_add(out, bytes, n);
	else if (!declared)
		return 0;
	*encoding = declared;
	if (plain) /* lone CRs as LFs, one byte for one */
		for (size_t i = 0; i < out->len; i++)
			if (out->data[i] == '\r' && (i + 1 == out->len || out->data[i + 1] != '\n'))
				out->data[i] = '\n';
	return out->failed ? -1 : 1;
}
