/*
 * link: one speaker across documents.  A name's key folds what varies
 * between the ways one person's name is written (case, diacritics,
 * honorifics, and the a/e and y/i alternations of transliteration:
 * "Hikmat Hajiyev", "Hikmet Hajiyev", "HIKMET HACIYEV" are one key), and
 * keeps what tells people apart (every other letter, the number of name
 * parts, a "Jr." or "Sr.").  The store groups speakers by it.
 */
#ifndef DM_LINK_H
#define DM_LINK_H

#include <stddef.h>

/* The key of the name NAME[N], malloc'd (the caller frees it); NULL
 * when memory runs out. */
char *dm_name_key(const char *name, size_t n);

#endif
