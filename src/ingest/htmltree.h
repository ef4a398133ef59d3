/*
 * htmltree: a web page as a compact tree, for html.c to walk.
 *
 * libxml2's HTML parser reads the page: its tokenizer, its decoding, and
 * its recovery from tag soup (implied and omitted tags, misnested ones,
 * the cap on nesting) are all its own.  Only the tree is ours.  libxml2's
 * costs about 120 bytes an element and as much again for each attribute
 * and each text, 24 times the size of a page of many small elements;
 * here an element or a text is 24 bytes in one array, a text's bytes are
 * in one buffer, and of the attributes only those html.c reads are kept,
 * at 8 bytes each and their values: the tree stays within a few times the
 * page's size.  It is the tree libxml2 would have built, node for node,
 * less comments, processing instructions and the other attributes.
 *
 * Nodes are numbered in document order.  Node 0 is the document: its
 * children are the top-level elements, and as a parent, child or sibling
 * 0 means none.
 */
#ifndef DM_HTMLTREE_H
#define DM_HTMLTREE_H

#include <stddef.h>
#include <stdint.h>

#include "dictum_buf.h"

/* The attributes kept. */
typedef enum dm_attr {
	DM_ATTR_CLASS,
	DM_ATTR_ID,
	DM_ATTR_STYLE,
	DM_ATTR_HIDDEN,
	DM_ATTR_ARIA_HIDDEN,
	DM_ATTR_LANG,
	DM_ATTR_HREF,
	DM_ATTR_REL,
	DM_ATTR_TYPE,
	DM_ATTR_ITEMPROP,
	DM_ATTR_DATETIME,
	DM_ATTR_PROPERTY,
	DM_ATTR_NAME,
	DM_ATTR_CONTENT,
	DM_ATTR_HTTP_EQUIV,
	DM_ATTR_ALT,
	DM_N_ATTRS
} dm_attr;

typedef struct dm_hnode {
	uint32_t tag;                 /* an element's name, at names.data + tag; 0 for a text */
	uint32_t parent, first, next; /* 0 for none */
	uint32_t off, len;            /* a text's bytes in text; an element's attributes in attrs */
} dm_hnode;

typedef struct dm_hattr {
	uint32_t key;   /* a dm_attr */
	uint32_t value; /* its value in values, NUL-terminated */
} dm_hattr;

/* Offsets are 32 bits: a page whose text would not fit is refused. */
typedef struct dm_htree {
	dm_hnode *nodes;
	size_t n_nodes, cap_nodes;
	dm_hattr *attrs;
	size_t n_attrs, cap_attrs;
	dm_buf text;   /* the texts' bytes, one after another */
	dm_buf values; /* attribute values */
	dm_buf names;  /* tag names, each once, after an empty one (a text's) */
} dm_htree;

/* Parse the page HTML[N] in ENCODING (NULL: as libxml2 finds it) into T.
 * libxml2's complaints go where dm_xml_catch (html.h) sends them.
 * Returns 0, or -1 with a reason in ERR (libxml2 could not start on the
 * page, the page is too large, or memory ran out); T is then empty.
 * Free T with dm_htree_free. */
int dm_htree_parse(const char *html, size_t n, const char *encoding, dm_htree *t, char *err, size_t errlen);

void dm_htree_free(dm_htree *t);

/* Element X's tag name ("" for a text or the document). */
static inline const char *dm_htree_tag(const dm_htree *t, uint32_t x)
{
	return t->names.data + t->nodes[x].tag;
}

/* The name of attribute KEY ("class"). */
const char *dm_htree_attr_name(dm_attr key);

/* Element X's attribute KEY, or NULL when it has none with a value. */
const char *dm_htree_attr(const dm_htree *t, uint32_t x, dm_attr key);

#endif
