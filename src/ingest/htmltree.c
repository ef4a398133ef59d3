/*
 * The tree is built from libxml2's SAX events, the way its own tree
 * builder (SAX2.c) would link the nodes.  The parser also looks at the
 * tree it believes it is building, in two places, and sees what it would
 * have seen:
 *
 *  - nesting: the open elements are on its node stack (nodePush and
 *    nodePop), which caps the depth at 256 with an error and a stop, and
 *    which it pops itself at a start tag cut off by the end of the input;
 *  - white space between tags is text or nothing depending on the
 *    current element's last child and the doctype (areBlanks in
 *    HTMLparser.c).
 *
 * So ctxt->node is a stand-in xmlNode for each open element, holding its
 * name and a stand-in of its last child (the kind, the name, and behind
 * comments the child before them, which areBlanks looks through); the
 * document is libxml2's own (xmlSAX2StartDocument), and holds only the
 * doctype.
 */
#include "htmltree.h"

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/hash.h>
#include <libxml/parserInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "util/vec.h"

/* The kept attributes' names, in the order of dm_attr. */
static const char *const attr_names[DM_N_ATTRS] = {
    "class", "id",       "style",    "hidden",   "aria-hidden", "lang",    "href",       "rel",
    "type",  "itemprop", "datetime", "property", "name",        "content", "http-equiv", "alt"};

/* An open element, as the parser sees it and as we build it. */
typedef struct level {
	xmlNode node;   /* ctxt->node while it is the current element */
	xmlNode last;   /* its last child, once it has one */
	xmlNode before; /* when that is a comment, the child before the comments */
	uint32_t id;    /* in the tree */
	size_t run;     /* bytes in its last child, when that is a text */
} level;

typedef struct builder {
	dm_htree *t;
	uint32_t *last; /* each node's last child, to link the next */
	size_t cap_last;
	level **levels; /* one for each depth reached, reused */
	size_t n_levels, cap_levels;
	xmlHashTablePtr tags; /* tag name -> its offset in names */
	/* An element that starts when none is open (after </html>) goes
	 * into the document's first child in libxml2's tree when that is an
	 * element, else after it. */
	int doc_has_child;  /* an element, a comment, a PI or the doctype */
	uint32_t doc_first; /* that child when an element, else 0 */
	int failed, too_large;
} builder;

/* ---- building ---- */

/* Stop the parser as libxml2's tree builder does when it cannot go on: it
 * ends at its next check.  (xmlStopParser also empties the input, which
 * the HTML parser may still step forward in before it checks.) */
static void stop(xmlParserCtxtPtr ctxt)
{
	ctxt->instate = XML_PARSER_EOF;
	ctxt->disableSAX = 1;
}

static void fail(xmlParserCtxtPtr ctxt)
{
	((builder *)ctxt->_private)->failed = 1;
	stop(ctxt);
}

/* Room for N more bytes in a buffer of the tree, whose offsets are 32 bits. */
static int fits(builder *b, const dm_buf *buf, size_t n)
{
	if (buf->len + n < UINT32_MAX)
		return 1;
	b->too_large = 1;
	return 0;
}

/* A new node with TAG, unlinked; 0 when there is no room. */
static uint32_t new_node(builder *b, uint32_t tag)
{
	dm_htree *t = b->t;
	if (t->n_nodes >= UINT32_MAX) {
		b->too_large = 1;
		return 0;
	}
	if (dm_reserve(&t->nodes, &t->cap_nodes, t->n_nodes, sizeof *t->nodes) ||
	    dm_reserve(&b->last, &b->cap_last, t->n_nodes, sizeof *b->last))
		return 0;
	t->nodes[t->n_nodes] = (dm_hnode){.tag = tag};
	b->last[t->n_nodes] = 0;
	return (uint32_t)t->n_nodes++;
}

/* Make CHILD the last child of PARENT. */
static void link(builder *b, uint32_t parent, uint32_t child)
{
	dm_hnode *nodes = b->t->nodes;
	nodes[child].parent = parent;
	if (b->last[parent])
		nodes[b->last[parent]].next = child;
	else
		nodes[parent].first = child;
	b->last[parent] = child;
}

/* The open element that content goes into, or NULL. */
static level *current(xmlParserCtxtPtr ctxt)
{
	builder *b = ctxt->_private;
	return ctxt->nodeNr ? b->levels[ctxt->nodeNr - 1] : NULL;
}

/* The stand-in for depth D, made the first time the page goes that deep. */
static level *level_at(builder *b, size_t d)
{
	if (d < b->n_levels)
		return b->levels[d];
	if (dm_reserve(&b->levels, &b->cap_levels, b->n_levels, sizeof *b->levels))
		return NULL;
	level *l = malloc(sizeof *l);
	if (l)
		b->levels[b->n_levels++] = l;
	return l;
}

/* L got a child of type TYPE named NAME: what areBlanks sees as its last
 * child.  It looks through comments to the child before them. */
static void set_last(level *l, xmlElementType type, const xmlChar *name)
{
	xmlNode *prev = NULL;
	if (type == XML_COMMENT_NODE && l->node.last) {
		if (l->last.type == XML_COMMENT_NODE)
			return;
		l->before = l->last;
		prev = &l->before;
	}
	l->last = (xmlNode){.type = type, .name = name, .prev = prev};
	l->node.last = &l->last;
}

/* A comment or PI with no element open is a child of the document. */
static void doc_child(xmlParserCtxtPtr ctxt)
{
	builder *b = ctxt->_private;
	b->doc_has_child = 1;
}

/* Offset of NAME in names, added the first time; 0 when memory runs out. */
static uint32_t tag_of(builder *b, const xmlChar *name)
{
	void *known = xmlHashLookup(b->tags, name);
	if (known)
		return (uint32_t)(uintptr_t)known;
	dm_buf *names = &b->t->names;
	size_t n = strlen((const char *)name) + 1;
	if (!fits(b, names, n))
		return 0;
	uint32_t off = (uint32_t)names->len;
	dm_buf_add(names, (const char *)name, n);
	if (names->failed || xmlHashAddEntry(b->tags, name, (void *)(uintptr_t)off))
		return 0;
	return off;
}

const char *dm_htree_attr_name(dm_attr key)
{
	return attr_names[key];
}

/* Which kept attribute NAME is, or DM_N_ATTRS. */
static dm_attr attr_key(const xmlChar *name)
{
	int k = 0;
	while (k < DM_N_ATTRS && strcmp((const char *)name, attr_names[k]))
		k++;
	return (dm_attr)k;
}

/* The kept attributes of ATTS (name, value, ..., NULL) for element X.  An
 * attribute written without a value has none: libxml2 gives one only to
 * HTML 4's boolean attributes ("checked"), none of which is kept. */
static int add_attrs(builder *b, uint32_t x, const xmlChar **atts)
{
	dm_htree *t = b->t;
	t->nodes[x].off = (uint32_t)t->n_attrs;
	for (size_t i = 0; atts && atts[i]; i += 2) {
		dm_attr key = attr_key(atts[i]);
		if (key == DM_N_ATTRS || !atts[i + 1])
			continue;
		size_t n = strlen((const char *)atts[i + 1]) + 1;
		if (!fits(b, &t->values, n) || t->n_attrs >= UINT32_MAX ||
		    dm_reserve(&t->attrs, &t->cap_attrs, t->n_attrs, sizeof *t->attrs))
			return -1;
		t->attrs[t->n_attrs++] = (dm_hattr){key, (uint32_t)t->values.len};
		dm_buf_add(&t->values, (const char *)atts[i + 1], n);
		t->nodes[x].len++;
	}
	return t->values.failed ? -1 : 0;
}

/* The element's name as libxml2's tree has it: without a prefix ("fb:like"
 * is "like"), interned.  Splitting reports a name that is not a QName, as
 * libxml2's tree builder does. */
static const xmlChar *local_name(xmlParserCtxtPtr ctxt, const xmlChar *name)
{
	if (!xmlStrchr(name, ':'))
		return xmlDictLookup(ctxt->dict, name, -1);
	xmlChar *prefix = NULL, *local = xmlSplitQName(ctxt, name, &prefix);
	const xmlChar *interned = local ? xmlDictLookup(ctxt->dict, local, -1) : NULL;
	xmlFree(local);
	xmlFree(prefix);
	return interned;
}

/* Link the new element X where libxml2 would: into the current element,
 * or when none is open into the document or its first child. */
static void place(builder *b, level *parent, uint32_t x)
{
	if (parent)
		link(b, parent->id, x);
	else if (!b->doc_has_child) {
		b->doc_has_child = 1;
		b->doc_first = x;
		link(b, 0, x);
	} else {
		link(b, b->doc_first, x); /* 0: after it, in the document */
	}
}

/* ---- the parser's events ---- */

static void on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	xmlParserCtxtPtr ctxt = ctx;
	builder *b = ctxt->_private;
	if (!ctxt->myDoc)
		return; /* the document did not start: nothing is built */
	const xmlChar *local = local_name(ctxt, name);
	level *parent = current(ctxt), *l = local ? level_at(b, (size_t)ctxt->nodeNr) : NULL;
	if (!l) {
		fail(ctxt);
		return;
	}
	if (nodePush(ctxt, &l->node) < 0)
		return; /* too deep: libxml2 has said so and stopped */
	uint32_t tag = tag_of(b, local), x = tag ? new_node(b, tag) : 0;
	if (!x || add_attrs(b, x, atts)) {
		fail(ctxt);
		return;
	}
	place(b, parent, x);
	memset(l, 0, sizeof *l);
	l->node.type = XML_ELEMENT_NODE;
	l->node.name = local;
	l->id = x;
	if (parent)
		set_last(parent, XML_ELEMENT_NODE, local);
}

static void on_end(void *ctx, const xmlChar *name)
{
	(void)name;
	nodePop(ctx);
}

/* Text or a CDATA block (a script's, a style's) goes on the current
 * element's last child when that is of its kind, as libxml2 merges them,
 * up to its cap on a text node (10 MB), where it stops. */
static void add_text(xmlParserCtxtPtr ctxt, const xmlChar *s, int len, xmlElementType kind)
{
	builder *b = ctxt->_private;
	dm_htree *t = b->t;
	level *l = current(ctxt);
	if (!l)
		return; /* outside any element: libxml2 drops it */
	int more = l->node.last && l->last.type == kind;
	if (more && l->run + (size_t)len > XML_MAX_TEXT_LENGTH) {
		stop(ctxt);
		return;
	}
	if (!fits(b, &t->text, (size_t)len)) {
		fail(ctxt);
		return;
	}
	uint32_t x = more ? b->last[l->id] : new_node(b, 0);
	if (!x) {
		fail(ctxt);
		return;
	}
	if (!more) {
		t->nodes[x].off = (uint32_t)t->text.len;
		link(b, l->id, x);
		set_last(l, kind, NULL);
		l->run = 0;
	}
	dm_buf_add(&t->text, (const char *)s, (size_t)len);
	t->nodes[x].len += (uint32_t)len;
	l->run += (size_t)len;
	if (t->text.failed)
		fail(ctxt);
}

static void on_characters(void *ctx, const xmlChar *s, int len)
{
	add_text(ctx, s, len, XML_TEXT_NODE);
}

static void on_cdata(void *ctx, const xmlChar *s, int len)
{
	add_text(ctx, s, len, XML_CDATA_SECTION_NODE);
}

static void on_comment(void *ctx, const xmlChar *value)
{
	(void)value;
	level *l = current(ctx);
	if (l)
		set_last(l, XML_COMMENT_NODE, NULL);
	else
		doc_child(ctx);
}

static void on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	(void)data;
	xmlParserCtxtPtr ctxt = ctx;
	level *l = current(ctxt);
	if (!l) {
		doc_child(ctxt);
		return;
	}
	const xmlChar *name = xmlDictLookup(ctxt->dict, target, -1);
	if (name)
		set_last(l, XML_PI_NODE, name);
	else
		fail(ctxt);
}

/* The doctype, kept in libxml2's document for areBlanks; the first one
 * goes before all else in it. */
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *external, const xmlChar *system)
{
	xmlParserCtxtPtr ctxt = ctx;
	builder *b = ctxt->_private;
	int had = xmlGetIntSubset(ctxt->myDoc) != NULL;
	xmlSAX2InternalSubset(ctx, name, external, system);
	if (!had && xmlGetIntSubset(ctxt->myDoc)) {
		b->doc_has_child = 1;
		b->doc_first = 0;
	}
}

static const xmlSAXHandler handler = {
    .internalSubset = on_doctype,
    .startDocument = xmlSAX2StartDocument,
    .startElement = on_start,
    .endElement = on_end,
    .characters = on_characters,
    .cdataBlock = on_cdata,
    .comment = on_comment,
    .processingInstruction = on_pi,
    .initialized = 1,
};

/* ---- the whole ---- */

static int start(builder *b)
{
	dm_htree *t = b->t;
	dm_buf_add(&t->names, "", 1);
	b->tags = xmlHashCreate(64);
	if (!b->tags || t->names.failed || dm_reserve(&t->nodes, &t->cap_nodes, 0, sizeof *t->nodes) ||
	    dm_reserve(&b->last, &b->cap_last, 0, sizeof *b->last))
		return -1;
	t->nodes[0] = (dm_hnode){0}; /* the document */
	b->last[0] = 0;
	t->n_nodes = 1;
	return 0;
}

static void finish(builder *b)
{
	for (size_t d = 0; d < b->n_levels; d++)
		free(b->levels[d]);
	free(b->levels);
	free(b->last);
	xmlHashFree(b->tags, NULL);
}

/* htmlReadMemory's steps, with our handler in the context it makes (an
 * XML parser's: that starts out reading UTF-8, an HTML parser's does not).
 * Returns whether the parser made a document. */
static int parse(builder *b, const char *html, int n, const char *encoding)
{
	dm_xml_init();
	xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(html, n);
	if (!ctxt)
		return 0;
	*ctxt->sax = handler;
	ctxt->_private = b;
	htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
	                             HTML_PARSE_NOBLANKS);
	ctxt->html = 1;
	xmlCharEncodingHandlerPtr coder = encoding ? xmlFindCharEncodingHandler(encoding) : NULL;
	if (coder) {
		xmlSwitchToEncoding(ctxt, coder);
		xmlFree((xmlChar *)ctxt->input->encoding);
		ctxt->input->encoding = xmlStrdup((const xmlChar *)encoding);
	}
	htmlParseDocument(ctxt);
	xmlDocPtr doc = ctxt->myDoc; /* holding the doctype alone */
	int made = doc != NULL;
	xmlFreeParserCtxt(ctxt);
	xmlFreeDoc(doc);
	return made;
}

int dm_htree_parse(const char *html, size_t n, const char *encoding, dm_htree *t, char *err, size_t errlen)
{
	memset(t, 0, sizeof *t);
	if (n > INT32_MAX) {
		snprintf(err, errlen, "page of %zu bytes is too large to parse", n);
		return -1;
	}
	builder b = {.t = t};
	int started = !start(&b), made = started && parse(&b, html, (int)n, encoding);
	finish(&b);
	if (made && !b.failed && !b.too_large)
		return 0;
	if (b.too_large)
		snprintf(err, errlen, "page of %zu bytes is too large to parse", n);
	else if (!started || b.failed)
		snprintf(err, errlen, "out of memory while extracting the page");
	else
		snprintf(err, errlen, "HTML could not be parsed%s%s", encoding ? " as " : "", encoding ? encoding : "");
	dm_htree_free(t);
	return -1;
}

void dm_htree_free(dm_htree *t)
{
	free(t->nodes);
	free(t->attrs);
	dm_buf_free(&t->text);
	dm_buf_free(&t->values);
	dm_buf_free(&t->names);
	memset(t, 0, sizeof *t);
}

const char *dm_htree_attr(const dm_htree *t, uint32_t x, dm_attr key)
{
	const dm_hnode *e = &t->nodes[x];
	if (!e->tag)
		return NULL;
	for (uint32_t i = e->off; i < e->off + e->len; i++)
		if (t->attrs[i].key == key)
			return t->values.data + t->attrs[i].value;
	return NULL;
}
