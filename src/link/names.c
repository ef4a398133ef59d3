/*
 * Name keys (link.h).  Each part of the name is folded (case and
 * diacritics by utf8proc), honorifics are dropped, and inside a part e
 * becomes a and y becomes i, then runs of one letter become one: the
 * variants that transliteration from Azerbaijani, Russian or Arabic
 * scripts produces meet ("Hajiyev" and "Hajiev" are "hajiav"; the
 * schwa and the dotless i of Azerbaijani count as a and i).
 * Apostrophes go, straight or curly ("O'Neill", "O’Neill").
 * Consonants are left alone, so different names stay apart.
 */
#include <stdlib.h>
#include <string.h>

#include "lex/lexicon.h"
#include "link.h"
#include "dictum_buf.h"
#include "util/utf8.h"

static int honorific(const char *p, size_t n)
{
	while (n && p[n - 1] == '.')
		n--;
	return n && (dm_lex_hasn(&dm_lex_honorifics, p, n) || dm_lex_hasn(&dm_lex_honorifics_unabbreviated, p, n));
}

char *dm_name_key(const char *name, size_t n)
{
	char *folded = dm_fold(name, n);
	if (!folded)
		return NULL;
	dm_buf key = {0};
	for (char *p = folded; *p;) {
		size_t k = strcspn(p, " \t-");
		if (k && !honorific(p, k)) {
			size_t before = key.len;
			if (key.len)
				dm_buf_putc(&key, ' ');
			size_t start = key.len;
			char last = 0;
			for (size_t i = 0; i < k; i++) {
				char c = p[i];
				if (c == 'e' || (!memcmp(p + i, "\xC9\x99", 2) && ++i)) /* e, schwa */
					c = 'a';
				else if (c == 'y' || (!memcmp(p + i, "\xC4\xB1", 2) && ++i)) /* y, dotless i */
					c = 'i';
				if (c == '\'') /* O'Neill */
					continue;
				if (c == '\xE2' && p[i + 1] == '\x80' && p[i + 2] == '\x99') { /* O’Neill */
					i += 2;
					continue;
				}
				if (c == '.' || c == last)
					continue;
				dm_buf_putc(&key, c);
				last = c;
			}
			if (key.len == start && key.data) /* a part of nothing but dots or apostrophes */
				key.data[key.len = before] = 0;
		}
		p += k;
		while (*p == ' ' || *p == '\t' || *p == '-')
			p++;
	}
	free(folded);
	return dm_buf_finish(&key);
}
