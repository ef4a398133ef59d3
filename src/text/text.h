/*
 * text: from raw UTF-8 to structure.  Splits the input into paragraphs
 * (lines), tokens and sentences, each word token with the lexicon's lists
 * it is in; reads the metadata a plain-text article carries (title, date
 * line, byline, outlet signature); marks boilerplate and back-to-back
 * duplicate paragraphs so later stages skip them; pairs the quotation marks
 * of body and title paragraphs (also across paragraphs: dm_text.quotes,
 * dm_tok.quote); and builds the cleaned article text.  Every position is
 * a byte offset into the raw input, which is never modified.
 */
#ifndef DM_TEXT_H
#define DM_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dictum_buf.h"
#include "lex/lexicon.h"
#include "util/arena.h"

enum {
	TK_WORD = 1 << 0,  /* starts with a letter or digit */
	TK_CAP = 1 << 1,   /* starts with an upper-case letter */
	TK_NUM = 1 << 2,   /* starts with a digit */
	TK_DOTS = 1 << 3,  /* has an inner period: U.S, News.Az */
	TK_POSS = 1 << 4,  /* the possessive 's split off its word */
	TK_QUOTE = 1 << 5, /* a quotation mark (see dm_qmark) */
};

/* What a quotation mark can be, judged from its shape and neighbours. */
typedef enum dm_qmark { QM_NONE, QM_OPEN, QM_CLOSE, QM_EITHER } dm_qmark;

/* A token's form: the bytes (and flags) of every token that has them.
 * A document's forms are found as it is tokenized, so that what depends on
 * a token's bytes alone (its lists here, the models' features later) is
 * worked out once per form, not once per token. */
typedef struct dm_form {
	uint64_t hash;       /* of the bytes and flags */
	dm_lexmask lex;      /* the lists its lower-case form is in; 0 but for words */
	uint32_t start, end; /* the bytes of its first token */
	uint16_t flags;
} dm_form;

/* Fields ordered so that the struct packs in 20 bytes: tokens are the
 * largest array of a document's extraction. */
typedef struct dm_tok {
	uint32_t form; /* index in dm_text.forms */
	uint32_t start, end;
	int32_t quote; /* index in dm_text.quotes of the quotation this token is inside, or -1 */
	uint16_t flags;
	uint8_t qmark;  /* dm_qmark, for TK_QUOTE tokens */
	uint8_t single; /* a single quotation mark */
} dm_tok;
_Static_assert(sizeof(dm_tok) == 20, "dm_tok packs in 20 bytes");

typedef enum dm_para_kind {
	PARA_BODY,
	PARA_TITLE,
	PARA_META,      /* date line, byline */
	PARA_BOILER,    /* share bars, consent text, widgets, disclaimers */
	PARA_DUP,       /* repeats the paragraph before it */
	PARA_SIGNATURE, /* the outlet's name alone at the end */
} dm_para_kind;

typedef struct dm_para {
	uint32_t start, end;         /* bytes, trimmed */
	uint32_t tok_start, tok_end; /* tokens */
	uint8_t kind;
} dm_para;

typedef struct dm_sent {
	uint32_t tok_start, tok_end;
	uint32_t para;
} dm_sent;

/* A quotation the page set apart with the name it credits, as a web page
 * shows a blockquote and a line after it ("[Engadget]", "— The Verge"):
 * byte ranges of the raw text, the quotation's paragraphs and the name.
 * The caller gives them (ingest/html.h); plain text has none. */
typedef struct dm_credit {
	size_t quote_start, quote_end;
	size_t name_start, name_end;
} dm_credit;

/* A quotation: paired marks of body and title paragraphs (quotes.c). */
typedef struct dm_quote {
	uint32_t open;        /* token of the opening mark */
	uint32_t close;       /* token of the closing mark, or UINT32_MAX */
	uint32_t first, last; /* tokens inside, [first, last) */
} dm_quote;

typedef struct dm_text {
	const char *raw;
	size_t len;
	dm_tok *toks;
	size_t n_toks, cap_toks;
	dm_form *forms;
	size_t n_forms, cap_forms;
	uint32_t *form_slots; /* a hash table of forms: index + 1, 0 empty */
	uint32_t form_mask;
	dm_para *paras;
	size_t n_paras, cap_paras;
	dm_sent *sents;
	size_t n_sents, cap_sents;
	uint32_t *tok_sent; /* each token's sentence: dm_sent_of without a search */
	size_t cap_tok_sent;
	dm_quote *quotes; /* the quotations: double marks' in text order, then single marks' */
	size_t n_quotes;
	const dm_credit *credits; /* the caller's, set after dm_text_analyse; may be NULL */
	size_t n_credits;
	/* metadata, in the caller's arena; NULL when not found */
	const char *title, *date, *outlet;
	const char *authors[8];
	int n_authors;
} dm_text;

/* Analyse RAW (valid UTF-8, NUL-terminated).  Strings go to ARENA; the
 * arrays are the dm_text's own and go with dm_text_free().  Returns 0, or
 * -1 when memory ran out. */
int dm_text_analyse(dm_text *t, const char *raw, size_t len, dm_arena *arena);
/* The same for a section of a long document (dictum.c reads those a
 * section at a time): its head (title, byline, date lines) is read only in
 * the first section, its signature only in the last.  RAW[LEN] must be
 * NUL. */
enum { DM_PART_HEAD = 1, DM_PART_TAIL = 2 };
int dm_text_analyse_part(dm_text *t, const char *raw, size_t len, int part, dm_arena *arena);
void dm_text_free(dm_text *t);

/* The cleaned article: body paragraphs, blank line between them.  Where
 * each went (PIECES, room for n_paras, or NULL): raw bytes [raw, raw +
 * len) are its bytes [text, text + len). */
typedef struct dm_piece {
	uint32_t raw, text, len;
	uint32_t raw_cp, text_cp; /* the same places in code points (filled by the caller) */
} dm_piece;
void dm_text_clean(const dm_text *t, dm_buf *out, dm_piece *pieces, size_t *n_pieces);

/* Token helpers. */
/* Is token I the lower-case WORD, in any case of ASCII letters?  Inline:
 * attribution asks it of most tokens with a literal WORD, whose length
 * the compiler then knows, so most calls end at a comparison of lengths. */
static inline int dm_tok_eq(const dm_text *t, size_t i, const char *word)
{
	const dm_tok *k = &t->toks[i];
	size_t n = k->end - k->start;
	if (n != strlen(word))
		return 0;
	for (size_t j = 0; j < n; j++) {
		char c = t->raw[k->start + j];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c != word[j])
			return 0;
	}
	return 1;
}
size_t dm_tok_lower(const dm_text *t, size_t i, char *buf, size_t cap); /* 0 if too long */
/* S[0, n) with ASCII capitals in lower case into OUT[n] (no NUL): whether
 * a byte of it is past ASCII. */
int dm_lower_ascii(const char *s, size_t n, char *out);
/* S[0, n) in lower case (ASCII letters; curly apostrophes as straight
 * ones) into BUF[cap], NUL-terminated: its length, 0 if too long. */
size_t dm_lower(const char *s, size_t n, char *buf, size_t cap);
static inline int dm_tok_is(const dm_text *t, size_t i, char c)
{
	return t->toks[i].end - t->toks[i].start == 1 && t->raw[t->toks[i].start] == c;
}
/* Is token I longer than MIN bytes and ending in SUFFIX (lower case, as
 * written): "saying" ends in "ing", "denied" in "ed"? */
static inline int dm_tok_ends(const dm_text *t, size_t i, const char *suffix, size_t min)
{
	size_t n = t->toks[i].end - t->toks[i].start, m = strlen(suffix);
	return n > min && n >= m && !memcmp(t->raw + t->toks[i].end - m, suffix, m);
}
/* Does token I hold a letter in lower case (no: "UK", "WALLACE", "U.S")? */
static inline int dm_tok_has_lower(const dm_text *t, size_t i)
{
	for (uint32_t j = t->toks[i].start; j < t->toks[i].end; j++)
		if (t->raw[j] >= 'a' && t->raw[j] <= 'z')
			return 1;
	return 0;
}
/* The sentence that holds token I, or NULL past the last token. */
const dm_sent *dm_sent_of(const dm_text *t, uint32_t i);

/* Date parsing shared by metadata readers: "2020-05-14", "May 14, 2020",
 * "14 May 2020" at S; writes YYYY-MM-DD to OUT[11] and returns the bytes
 * used, or 0. */
size_t dm_parse_date(const char *s, size_t n, char out[11]);

#endif
