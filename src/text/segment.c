/*
 * Paragraphs, tokens and sentences.  One line of input is one paragraph:
 * news text puts each paragraph on its own line, and a sentence never runs
 * over a line break.  Quotation marks are tokens of their own, classified by
 * shape and neighbours; pairing them is the attrib stage's job.
 */
#include <stdlib.h>
#include <string.h>
#define XXH_INLINE_ALL /* a token's hash is a few dozen instructions: no call through the PLT */
#include <xxhash.h>

#include "lex/lexicon.h"
#include "text.h"
#include "util/hash.h"
#include "util/perthread.h"
#include "util/swar.h"
#include "util/utf8.h"
#include "util/vec.h"

#define MAX_SENT_TOKENS 1000 /* a longer run is cut, to bound later work */

static int is_quote_cp(int32_t c, uint8_t *single)
{
	*single = 0;
	switch (c) {
	case '"':
	case 0x201C:
	case 0x201D:
	case 0x201E:
	case 0x201F:
	case 0xAB:
	case 0xBB:
	case 0x2033:
	case 0xFF02: return 1;
	case 0x2018:
	case 0x2019:
	case 0x201A:
	case 0x201B:
	case 0x2039:
	case 0x203A:
	case '\'': *single = 1; return 1;
	default: return 0;
	}
}

/* Decide what a quotation mark at [s, e) can be from the characters around
 * it: an opener is followed by text and preceded by space or punctuation. */
static dm_qmark classify(const char *raw, size_t ps, size_t pe, size_t s, size_t e, int32_t c)
{
	switch (c) {
	case 0x201C:
	case 0x201E:
	case 0xAB:
	case 0x2018:
	case 0x201A:
	case 0x2039: return QM_OPEN;
	case 0x201D:
	case 0xBB:
	case 0x203A: return QM_CLOSE;
	default: break;
	}
	int32_t before = s > ps ? dm_utf8_prev(raw, s) : -1;
	size_t k = e;
	int32_t after = e < pe ? dm_utf8_next(raw, pe, &k) : -1;
	int space_before = before < 0 || dm_is_space(before) || before == '(' || before == '[' || dm_is_dash(before);
	int space_after = after < 0 || dm_is_space(after);
	if (c == 0x2019 || c == '\'') {
		/* An apostrophe inside a word never reaches here; after a word
		 * and before space it closes (or is a plural possessive). */
		if (space_before && !space_after)
			return QM_OPEN;
		return space_after ? QM_CLOSE : QM_NONE;
	}
	if (space_before && !space_after)
		return QM_OPEN;
	if (space_after && !space_before)
		return QM_CLOSE;
	return QM_EITHER;
}

/* The slots of the table of forms of a text of LEN bytes, at first: a
 * news article has a new form every ten bytes or so, and a table grown
 * from the smallest was made and filled again three or four times a
 * document.  A long text repeats more of its forms: past 32,768 slots the
 * table grows as it fills. */
static size_t first_form_slots(size_t len)
{
	size_t cap = 256;
	while (cap < len / 4 && cap < (size_t)1 << 15)
		cap *= 2;
	return cap;
}

/* T's table of forms made, or made twice as large: 0, or -1 when memory
 * ran out. */
static int grow_forms(dm_text *t)
{
	size_t cap = t->form_slots ? 2 * ((size_t)t->form_mask + 1) : first_form_slots(t->len);
	uint32_t *slots = cap <= UINT32_MAX ? calloc(cap, sizeof *slots) : NULL;
	if (!slots)
		return -1;
	for (size_t f = 0; f < t->n_forms; f++) {
		size_t i = t->forms[f].hash & (cap - 1);
		while (slots[i])
			i = (i + 1) & (cap - 1);
		slots[i] = (uint32_t)f + 1;
	}
	free(t->form_slots);
	t->form_slots = slots;
	t->form_mask = (uint32_t)(cap - 1);
	return 0;
}

/* The form of the token [s, e) with FLAGS, added with its lists when the
 * document has not had it: its index in t->forms, or -1 when memory ran
 * out.  The table (made before the first token) is kept at most half
 * full, and only a new form can fill it: most tokens are forms seen
 * before, and ask nothing of its size. */
static int64_t form_of(dm_text *t, uint32_t s, uint32_t e, uint16_t flags)
{
	/* A token of up to eight bytes (most are) is hashed as a word, and its
	 * lists looked up by that word, lowered in place, when it has no byte
	 * past ASCII. */
	size_t len = e - s;
	uint64_t x = len <= 8 ? dm_swar_prefix(t->raw + s, len, t->len - s) : 0;
	uint64_t h = len <= 8 ? dm_mix64(x ^ len * 0x9e3779b97f4a7c15ull ^ flags * 0xc2b2ae3d27d4eb4full)
	                      : XXH3_64bits_withSeed(t->raw + s, len, flags);
	/* Of a token of up to eight bytes, the hash is a bijection of its
	 * bytes, length and flags mixed: a form of the same hash, length and
	 * flags has the same bytes, which need not be read again. */
	uint32_t i = (uint32_t)h & t->form_mask;
	for (; t->form_slots[i]; i = (i + 1) & t->form_mask) {
		const dm_form *f = &t->forms[t->form_slots[i] - 1];
		if (f->hash == h && f->flags == flags && f->end - f->start == e - s &&
		    (len <= 8 || dm_swar_same(t->raw + f->start, t->raw + s, e - s)))
			return t->form_slots[i] - 1;
	}
	if (2 * (t->n_forms + 1) > (size_t)t->form_mask + 1) {
		if (grow_forms(t))
			return -1;
		for (i = (uint32_t)h & t->form_mask; t->form_slots[i]; i = (i + 1) & t->form_mask)
			;
	}
	if (dm_reserve(&t->forms, &t->cap_forms, t->n_forms, sizeof *t->forms))
		return -1;
	t->forms[t->n_forms] = (dm_form){.hash = h, .start = s, .end = e, .flags = flags}; /* lists: form_lists */
	t->form_slots[i] = (uint32_t)++t->n_forms;
	return t->n_forms - 1;
}

/* The short word (dm_lex_classes_word) a word form of up to eight bytes,
 * all ASCII, is looked up by; 0 for any other form. */
static uint64_t short_word(const dm_text *t, const dm_form *f)
{
	size_t len = f->end - f->start;
	if (!(f->flags & TK_WORD) || len > 8)
		return 0;
	uint64_t x = dm_swar_prefix(t->raw + f->start, len, t->len - f->start);
	return x & DM_SWAR_TOP ? 0 : dm_swar_lower(x);
}

/* The lists of every word form, found once (attribution asks after them
 * many times) when the document's forms are all known: the look-ups of
 * the forms a few ahead are asked for while one is read. */
static void form_lists(dm_text *t)
{
	enum { AHEAD = 8 };
	uint64_t ahead[AHEAD] = {0}; /* the short words of the forms asked for, kept for their look-up */
	for (size_t f = 0; f < t->n_forms + AHEAD; f++) {
		uint64_t next = f < t->n_forms ? short_word(t, &t->forms[f]) : 0;
		if (next)
			dm_lex_prefetch_word(next);
		uint64_t w = ahead[f % AHEAD];
		ahead[f % AHEAD] = next;
		if (f < AHEAD)
			continue;
		dm_form *x = &t->forms[f - AHEAD];
		char low[48];
		size_t n;
		if (w)
			x->lex = dm_lex_classes_word(w);
		else if ((x->flags & TK_WORD) && (n = dm_lower(t->raw + x->start, x->end - x->start, low, sizeof low)))
			x->lex = dm_lex_classes_n(low, n);
	}
}

/* Inline where it is called (the tokenizer's every token): as a call it
 * saved and restored its registers once a token. */
static inline __attribute__((always_inline)) int add_token(dm_text *t, uint32_t s, uint32_t e, uint16_t flags)
{
	if (dm_reserve(&t->toks, &t->cap_toks, t->n_toks, sizeof *t->toks))
		return -1;
	int64_t form = form_of(t, s, e, flags);
	if (form < 0)
		return -1;
	dm_tok *k = &t->toks[t->n_toks++];
	k->form = (uint32_t)form;
	k->start = s;
	k->end = e;
	k->flags = flags;
	k->qmark = QM_NONE;
	k->single = 0;
	k->quote = -1;
	return 0;
}

/* An ASCII letter or digit: a byte of a word that needs no decoding.  By
 * table: the tokenizer asks this of every byte of every word. */
static int ascii_alnum(unsigned char c)
{
	static const uint8_t alnum[256] = {
	    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* controls */
	    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, /* 0-9 */
	    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, /* A-Z */
	    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, /* a-z */
	};
	return alnum[c];
}

static int is_apostrophe(int32_t c)
{
	return c == '\'' || c == 0x2019;
}

/* Does the word [s, e) take the period after it ("Mr.", "Sept.", "J.")?
 * Then the period is part of the word and ends no sentence. */
static int takes_period(const char *r, size_t s, size_t e)
{
	char w[16];
	size_t n = e - s;
	if (n == 1)
		return r[s] >= 'A' && r[s] <= 'Z'; /* an initial */
	if (n >= sizeof w)
		return 0;
	dm_lower_ascii(r + s, n, w);
	return (dm_lex_classes_n(w, n) &
	        (dm_lex_honorifics.bit | dm_lex_month_abbrevs.bit | dm_lex_abbreviations.bit)) != 0;
}

/* Tokens of the paragraph [ps, pe). */
static int tokenize(dm_text *t, size_t ps, size_t pe)
{
	const char *r = t->raw;
	size_t i = ps;
	while (i < pe) {
		if (r[i] == ' ') { /* most of what lies between tokens: no decoding */
			i++;
			continue;
		}
		size_t s = i;
		int32_t c = dm_utf8_next(r, pe, &i);
		if (dm_is_space(c))
			continue;
		if (dm_is_letter(c) || dm_is_digit(c)) {
			uint16_t flags = TK_WORD;
			if (dm_is_upper(c))
				flags |= TK_CAP;
			if (dm_is_digit(c))
				flags |= TK_NUM;
			size_t e = i;
			for (;;) {
				/* the common case, without decoding: eight bytes at a
				 * time to the first that is no ASCII letter or digit */
				uint64_t other = 0;
				while (e + 8 <= pe && !(other = ~dm_swar_alnum(dm_swar_load(r + e)) & DM_SWAR_TOP))
					e += 8;
				if (e + 8 <= pe)
					e += dm_swar_first(other);
				else
					while (e < pe && ascii_alnum((unsigned char)r[e]))
						e++;
				size_t j = e;
				if (j >= pe || r[j] == ' ') /* mostly a space: nothing to decode */
					break;
				int32_t d = dm_utf8_next(r, pe, &j);
				if (dm_is_letter(d) || dm_is_digit(d)) {
					e = j;
					continue;
				}
				/* Joiners stay inside a word only between letters or
				 * digits: U.S, 2,000, Nagorno-Karabakh, don't. */
				int joiner = d == '.' || d == ',' || d == '-' || d == 0x2011 || d == '&' ||
				             is_apostrophe(d) || d == 0xB7;
				if (!joiner || j >= pe)
					break;
				size_t m = j;
				int32_t n2 = dm_utf8_next(r, pe, &m);
				if (!(dm_is_letter(n2) || dm_is_digit(n2)))
					break;
				if (d == ',' && !((flags & TK_NUM) && dm_is_digit(n2)))
					break;
				if (is_apostrophe(d) && (n2 == 's' || n2 == 'S')) {
					size_t m2 = m;
					int32_t n3 = m < pe ? dm_utf8_next(r, pe, &m2) : -1;
					if (n3 < 0 || !dm_is_letter(n3))
						break; /* possessive 's: its own token */
				}
				if (d == '.')
					flags |= TK_DOTS;
				e = j;
			}
			if (e < pe && t->raw[e] == '.' && !(flags & TK_DOTS) && takes_period(r, s, e))
				e++;
			/* "iFixit", "eBay": one small letter before a capital opens a
			 * brand's name as a capital would */
			if (!(flags & (TK_CAP | TK_NUM)) && i < e) {
				size_t j = i;
				int32_t d = dm_utf8_next(r, e, &j);
				if (dm_is_upper(d) && j < e)
					flags |= TK_CAP;
			}
			if (add_token(t, (uint32_t)s, (uint32_t)e, flags))
				return -1;
			i = e;
			/* The possessive after the word. */
			if (i < pe && r[i] != ' ') {
				size_t j = i;
				int32_t d = dm_utf8_next(r, pe, &j);
				if (is_apostrophe(d) && j < pe && (r[j] == 's' || r[j] == 'S')) {
					size_t m = j + 1;
					int32_t n3 = m < pe ? dm_utf8_next(r, pe, &m) : -1;
					if (n3 < 0 || !dm_is_letter(n3)) {
						if (add_token(t, (uint32_t)i, (uint32_t)(j + 1), TK_WORD | TK_POSS))
							return -1;
						i = j + 1;
					}
				}
			}
			continue;
		}
		uint8_t single;
		if ((c == '\'' || c == '`') && i < pe && r[i] == c) {
			/* '' and `` stand for double quotation marks in some wires */
			i++;
			if (add_token(t, (uint32_t)s, (uint32_t)i, TK_QUOTE))
				return -1;
			dm_tok *k = &t->toks[t->n_toks - 1];
			k->qmark = (uint8_t)(c == '`' ? QM_OPEN : classify(r, ps, pe, s, i, '"'));
			continue;
		}
		if (is_quote_cp(c, &single)) {
			if (add_token(t, (uint32_t)s, (uint32_t)i, TK_QUOTE))
				return -1;
			dm_tok *k = &t->toks[t->n_toks - 1];
			k->single = single;
			k->qmark = (uint8_t)classify(r, ps, pe, s, i, c);
			continue;
		}
		/* Other punctuation; a run of the same mark (..., --) is one token. */
		size_t e = i;
		while (e < pe) {
			size_t j = e;
			if (dm_utf8_next(r, pe, &j) != c)
				break;
			e = j;
		}
		if (add_token(t, (uint32_t)s, (uint32_t)e, 0))
			return -1;
		i = e;
	}
	return 0;
}

/* Words that start sentences often enough to end an abbreviation with
 * inner periods ("... in the U.S. The ..."). */
static int is_sentence_starter(const dm_text *t, size_t i)
{
	char w[16];
	return dm_tok_lower(t, i, w, sizeof w) && dm_lex_has(&dm_lex_sentence_openers, w);
}

static int is_terminal(const dm_text *t, size_t i)
{
	const dm_tok *k = &t->toks[i];
	if (k->flags & (TK_WORD | TK_QUOTE))
		return 0;
	char c = t->raw[k->start];
	if (c == '!' || c == '?')
		return 1;
	if (c == '.')
		return 1;
	return k->end - k->start == 3 && memcmp(t->raw + k->start, "\xE2\x80\xA6", 3) == 0;
}

static int add_sentence(dm_text *t, uint32_t s, uint32_t e, uint32_t para)
{
	if (s >= e)
		return 0;
	if (dm_reserve(&t->sents, &t->cap_sents, t->n_sents, sizeof *t->sents))
		return -1;
	for (uint32_t k = s; k < e; k++) {
		if (dm_reserve(&t->tok_sent, &t->cap_tok_sent, k, sizeof *t->tok_sent))
			return -1;
		t->tok_sent[k] = (uint32_t)t->n_sents;
	}
	t->sents[t->n_sents++] = (dm_sent){s, e, para};
	return 0;
}

static int split_sentences(dm_text *t, uint32_t para)
{
	const dm_para *p = &t->paras[para];
	uint32_t s = p->tok_start;
	for (uint32_t i = p->tok_start; i < p->tok_end; i++) {
		int cut = 0;
		uint32_t end = i + 1;
		if (is_terminal(t, i)) {
			/* Closing quotes and brackets belong to the sentence they end. */
			while (end < p->tok_end &&
			       (((t->toks[end].flags & TK_QUOTE) && t->toks[end].qmark != QM_OPEN) ||
			        dm_tok_is(t, end, ')')))
				end++;
			if (end == p->tok_end) {
				cut = 1;
			} else {
				const dm_tok *n = &t->toks[end];
				int upper =
				    (n->flags & (TK_CAP | TK_NUM)) || (n->flags & TK_QUOTE) || dm_tok_is(t, end, '(');
				cut = upper;
				/* "in the U.S. The": an inner-period abbreviation ends a
				 * sentence only before a common sentence opener. */
				if (cut && t->raw[t->toks[i].start] == '.' && i > p->tok_start &&
				    t->toks[i - 1].end == t->toks[i].start && (t->toks[i - 1].flags & TK_DOTS) &&
				    !is_sentence_starter(t, end))
					cut = 0;
			}
		}
		if (!cut && i + 1 - s >= MAX_SENT_TOKENS)
			cut = 1;
		if (cut) {
			if (add_sentence(t, s, end, para))
				return -1;
			s = end;
			i = end - 1;
		}
	}
	return add_sentence(t, s, p->tok_end, para);
}

/* Where a closing mark is glued to the opening mark of the next paragraph
 * (a lost line break: ...bad.”"A militarisation ...), split the line. */
static size_t glued_break(const char *r, size_t s, size_t e)
{
	for (size_t i = s; i + 1 < e; i++) {
		uint64_t x;
		while (i + 9 < e && !dm_swar_has(x = dm_swar_load(r + i), '"') && !dm_swar_has(x, 0xE2))
			i += 8; /* eight bytes of neither at a time */
		if (r[i] != '"' && r[i] != '\xE2')
			continue; /* neither '"' nor the first byte of '”' */
		size_t a = i, b;
		int32_t c1 = dm_utf8_next(r, e, &a);
		if (c1 != 0x201D && c1 != '"')
			continue;
		if (i == s || (unsigned char)r[i - 1] == ' ')
			continue; /* the first mark must close: right after text */
		b = a;
		int32_t c2 = a < e ? dm_utf8_next(r, e, &b) : -1;
		if (c2 != '"' && c2 != 0x201C)
			continue;
		size_t d = b;
		int32_t c3 = b < e ? dm_utf8_next(r, e, &d) : -1;
		if (c3 >= 0 && dm_is_upper(c3))
			return a;
	}
	return 0;
}

static int add_para(dm_text *t, size_t s, size_t e)
{
	/* trim */
	while (s < e) {
		size_t j = s;
		if (!dm_is_space(dm_utf8_next(t->raw, e, &j)))
			break;
		s = j;
	}
	while (e > s) {
		int32_t c = dm_utf8_prev(t->raw, e);
		if (!dm_is_space(c))
			break;
		size_t k = e - 1;
		while (k > s && ((unsigned char)t->raw[k] & 0xC0) == 0x80)
			k--;
		e = k;
	}
	if (s >= e)
		return 0;
	size_t g = glued_break(t->raw, s, e);
	if (g)
		return add_para(t, s, g) || add_para(t, g, e) ? -1 : 0;
	if (dm_reserve(&t->paras, &t->cap_paras, t->n_paras, sizeof *t->paras))
		return -1;
	dm_para *p = &t->paras[t->n_paras++];
	p->start = (uint32_t)s;
	p->end = (uint32_t)e;
	p->tok_start = (uint32_t)t->n_toks;
	if (tokenize(t, s, e))
		return -1;
	p = &t->paras[t->n_paras - 1];
	p->tok_end = (uint32_t)t->n_toks;
	p->kind = PARA_BODY;
	return 0;
}

/* The end of the line that starts at I of R[N]: its '\n', or N. */
static size_t line_end(const char *r, size_t n, size_t i)
{
	const char *nl = i < n ? memchr(r + i, '\n', n - i) : NULL;
	return nl ? (size_t)(nl - r) : n;
}

static int blank_line(const char *r, size_t s, size_t e)
{
	for (size_t i = s; i < e; i++)
		if (r[i] != ' ' && r[i] != '\t' && r[i] != '\r')
			return 0;
	return 1;
}

/* Is the text hard-wrapped: paragraphs of several lines, set apart by
 * blank lines?  Then a paragraph is a block of lines, not a line.  Lines
 * followed by another line of their block must mostly be 50 to 100 bytes
 * long, in at least three blocks of two lines or more. */
static int hard_wrapped(const char *r, size_t n)
{
	size_t wrapped = 0, fitting = 0, blocks = 0, run = 0, s = 0, prev_len = 0;
	for (size_t i = line_end(r, n, 0);; i = line_end(r, n, i + 1)) {
		if (blank_line(r, s, i)) {
			blocks += run >= 2;
			run = 0;
		} else {
			if (run) { /* the previous line wrapped into this one */
				wrapped++;
				fitting += prev_len >= 50 && prev_len <= 100;
			}
			run++;
			prev_len = i - s;
		}
		s = i + 1;
		if (i == n)
			break;
	}
	blocks += run >= 2;
	return blocks >= 3 && fitting * 10 >= wrapped * 7;
}

/* A thread's arrays of its last text, kept for the next: most texts are
 * of a size, and arrays grown anew by doubling for each copied every
 * token several times, into memory not yet in the cache.  Arrays of
 * more than SPARE_TOKS tokens are not kept, so a thread keeps a few MB
 * at most (dictum.c reads a long document a section at a time anyway). */
enum { SPARE_TOKS = 1 << 17 };

typedef struct spare {
	dm_tok *toks;
	size_t cap_toks;
	dm_form *forms;
	size_t cap_forms;
	dm_para *paras;
	size_t cap_paras;
	dm_sent *sents;
	size_t cap_sents;
	uint32_t *tok_sent;
	size_t cap_tok_sent;
} spare;

static void drop_spare(void *p)
{
	spare *k = p;
	if (k) {
		free(k->toks);
		free(k->forms);
		free(k->paras);
		free(k->sents);
		free(k->tok_sent);
	}
	free(k);
}

static dm_perthread spares = DM_PERTHREAD(drop_spare);

/* T's arrays from the thread's spare, if it has them. */
static void take_spare(dm_text *t)
{
	spare *k = dm_perthread_get(&spares);
	if (!k)
		return;
	t->toks = k->toks, t->cap_toks = k->cap_toks;
	t->forms = k->forms, t->cap_forms = k->cap_forms;
	t->paras = k->paras, t->cap_paras = k->cap_paras;
	t->sents = k->sents, t->cap_sents = k->cap_sents;
	t->tok_sent = k->tok_sent, t->cap_tok_sent = k->cap_tok_sent;
	*k = (spare){0};
}

/* T's arrays to the thread's spare: 0, or -1 when the caller is to free
 * them (too large, the spare holds others, or memory ran out). */
static int keep_spare(dm_text *t)
{
	if (t->cap_toks > SPARE_TOKS || t->cap_forms > SPARE_TOKS)
		return -1;
	spare *k = dm_perthread_get(&spares);
	if (!k && (!(k = calloc(1, sizeof *k)) || dm_perthread_set(&spares, k))) {
		free(k);
		return -1;
	}
	if (k->toks || k->forms || k->paras || k->sents || k->tok_sent)
		return -1;
	*k = (spare){t->toks,      t->cap_toks, t->forms,     t->cap_forms, t->paras,
	             t->cap_paras, t->sents,    t->cap_sents, t->tok_sent,  t->cap_tok_sent};
	return 0;
}

int dm_text_segment(dm_text *t)
{
	take_spare(t);
	if (!t->form_slots && grow_forms(t))
		return -1;
	int wrapped = hard_wrapped(t->raw, t->len);
	size_t s = 0;
	for (size_t i = line_end(t->raw, t->len, 0); i <= t->len; i = line_end(t->raw, t->len, i + 1)) {
		/* in wrapped text a paragraph ends only at a blank line */
		if (wrapped && i < t->len && !blank_line(t->raw, i + 1, line_end(t->raw, t->len, i + 1)))
			continue;
		if (add_para(t, s, i))
			return -1;
		s = i + 1;
		if (i == t->len)
			break;
	}
	for (uint32_t p = 0; p < t->n_paras; p++)
		if (split_sentences(t, p))
			return -1;
	form_lists(t);
	return 0;
}

const dm_sent *dm_sent_of(const dm_text *t, uint32_t i)
{
	return i < t->n_toks && t->n_sents ? &t->sents[t->tok_sent[i]] : NULL;
}

int dm_lower_ascii(const char *s, size_t n, char *out)
{
	uint64_t any = 0; /* the bits of every byte */
	size_t j = 0;
	for (; j + 8 <= n; j += 8) { /* eight bytes at a time */
		uint64_t x = dm_swar_load(s + j), y = dm_swar_lower(x);
		any |= x;
		memcpy(out + j, &y, sizeof y);
	}
	for (; j < n; j++) {
		unsigned char c = (unsigned char)s[j];
		any |= c;
		out[j] = (char)((unsigned)(c - 'A') < 26 ? c + 32 : c);
	}
	return (any & DM_SWAR_TOP) != 0;
}

size_t dm_lower(const char *s, size_t n, char *buf, size_t cap)
{
	if (n + 1 > cap)
		return 0;
	int wide = dm_lower_ascii(s, n, buf);
	buf[n] = 0;
	/* Curly apostrophes read as straight ones in lexicon look-ups. */
	char *q;
	while (wide && (q = strstr(buf, "\xE2\x80\x99"))) {
		*q = '\'';
		memmove(q + 1, q + 3, strlen(q + 3) + 1);
		n -= 2;
	}
	return n;
}

size_t dm_tok_lower(const dm_text *t, size_t i, char *buf, size_t cap)
{
	const dm_tok *k = &t->toks[i];
	return dm_lower(t->raw + k->start, k->end - k->start, buf, cap);
}

void dm_text_free(dm_text *t)
{
	if (keep_spare(t)) {
		free(t->toks);
		free(t->forms);
		free(t->paras);
		free(t->sents);
		free(t->tok_sent);
	}
	free(t->form_slots);
	free(t->quotes);
	t->toks = NULL;
	t->forms = NULL;
	t->form_slots = NULL;
	t->paras = NULL;
	t->sents = NULL;
	t->tok_sent = NULL;
	t->quotes = NULL;
	t->cap_toks = t->cap_forms = t->cap_paras = t->cap_sents = t->cap_tok_sent = 0;
}
