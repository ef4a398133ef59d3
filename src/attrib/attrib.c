/*
 * The attribution driver.  The shapes news writing uses are the named
 * patterns of the table dm_patterns (after the last pattern, before
 * sentence()), tried in its order, stage by stage:
 *
 * once a sentence, before its cues (a statement made is the sentence's only one)
 *   colon_title           (H)  Name: claim                    a title, or "KOLAR: ..." opening a paragraph
 * on each token of a sentence (the first pattern whose shape the token has decides it)
 *   cue_noun                   OWNER's CUE-NOUN that CONTENT  the office's repeated claims that ...
 *   participle                 ..., CUE-ING CONTENT           ..., saying that ...
 *   second_verb                ... and|but CUE CONTENT        ... but says ...
 *   according_to          (C)  According to SOURCE, CONTENT   and CONTENT, according to SOURCE
 *   source_cue_content    (A)  SOURCE CUE [that|:] CONTENT    Hajiyev said that ...
 *   split_quote_source_cue     "...?" SOURCE CUE.             the quotation ended the sentence before
 *   content_source_cue    (B)  CONTENT, SOURCE CUE [venue].   "...," he said in an interview
 *   content_cue_source    (B') CONTENT, CUE SOURCE.           "...," said the aide.
 * once a sentence, after its cues, each in turn (with the models)
 *   learned                    the trained taggers' attributions, where the rules found none
 *   quote_verb                 SUBJECT VERB ... "QUOTATION"   he turned on the "lazy dreamers"
 * once, after every sentence
 *   continued_quote            "QUOTATION" opening a sentence with no cue: the previous speaker's
 *
 * A pattern returns DM_PAT_NOT_HERE where its shape is not, and the next
 * is tried; DM_PAT_NOT_MADE where its shape is but makes no statement, and
 * DM_PAT_MADE, which end a token's tries (internal.h).  A content that
 * touches a quotation takes in the whole quotation, however many sentences
 * and paragraphs it runs over.  Finally sources are resolved (resolve.c)
 * and candidates become dm_statements.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dictum_buf.h"
#include "internal.h"
#include "learned.h"
#include "util/vec.h"

/* A quotation of this many words or fewer is a name or a scare quote more
 * often than words someone said. */
#define QUOTE_VERB_WORDS 2

/* What the shapes with a source before the cue share (source_cue_content,
 * split_quote_source_cue, content_source_cue). */
typedef struct left_shape {
	dm_cand c;         /* the source, and the cue with its auxiliaries */
	uint32_t cs;       /* where a content after the cue starts; the sentence's end when none does */
	int left_text;     /* text before the source, which a comma or a quotation ends */
	int content_after; /* the content follows the cue: source_cue_content */
} left_shape;

typedef struct dm_builder {
	dm_text *t;
	dm_arena *a;
	dm_cand *cands;
	size_t n, cap;
	size_t *sent_last; /* per sentence: 1 + the last statement made from it, or 0 */
	const dm_models *models;
	dm_tokinfo *ti;   /* for the models: of each form (dm_ti) */
	int attributions; /* every attribution PolNeAR counts, not only statements */
	/* source_left_of_cue's last answer, which the patterns after it on the
	 * same cue ask again: for token left_i of sentence left_s, when left_n
	 * statements were made */
	const dm_sent *left_s;
	uint32_t left_i;
	size_t left_n;
	int left_found;
	left_shape left;
} builder;

/* The coarse tags token I often takes, by the tag lexicon (with the
 * models only: B->ti set). */
static uint32_t tags_of(const builder *b, uint32_t i)
{
	return dm_ti(b->t, b->ti, i)->tags;
}

static dm_cand *new_cand(builder *b)
{
	if (dm_reserve(&b->cands, &b->cap, b->n, sizeof *b->cands))
		return NULL;
	dm_cand *c = &b->cands[b->n];
	memset(c, 0, sizeof *c);
	return c;
}

static const char *span_text(builder *b, uint32_t first, uint32_t last)
{
	if (last <= first)
		return NULL;
	const dm_text *t = b->t;
	return dm_arena_intern(b->a, t->raw + t->toks[first].start, t->toks[last - 1].end - t->toks[first].start);
}

/* Does the cue word at I open a compound noun ("a think tank", "the
 * Vellby Energy think tank", not "Prosecutors say trials ...")?  The noun
 * after it says so where an article, a name inside the sentence or a
 * hyphenated modifier stands before it. */
static int compound_noun(const dm_text *t, uint32_t i)
{
	if (i == 0 || i + 1 >= t->n_toks || !dm_tok_in(t, i + 1, &dm_lex_cue_compounds))
		return 0;
	const dm_tok *p = &t->toks[i - 1];
	if (!(p->flags & TK_WORD))
		return 0;
	if (dm_tok_in(t, i - 1, &dm_lex_articles) || dm_tok_in(t, i - 1, &dm_lex_determiners) ||
	    memchr(t->raw + p->start, '-', p->end - p->start))
		return 1;
	return (p->flags & TK_CAP) && i >= 2 && (t->toks[i - 2].flags & TK_WORD);
}

static int is_cue(const dm_text *t, uint32_t i)
{
	const dm_tok *k = &t->toks[i];
	return k->quote < 0 && !(k->flags & TK_CAP) &&
	       (dm_tok_in(t, i, &dm_lex_cues) || dm_tok_in(t, i, &dm_lex_participles)) && !compound_noun(t, i);
}

static int is_according(const dm_text *t, uint32_t i, uint32_t end)
{
	return i + 1 < end && t->toks[i].quote < 0 && dm_tok_eq(t, i, "according") && dm_tok_eq(t, i + 1, "to");
}

/* Grow a content range so that it holds every quotation it touches. */
static dm_range take_in_quotes(const builder *b, dm_range r)
{
	const dm_text *t = b->t;
	if (r.last <= r.first)
		return r;
	int32_t q = t->toks[r.first].quote;
	if (q >= 0 && t->quotes[q].open < r.first)
		r.first = t->quotes[q].open;
	q = t->toks[r.last - 1].quote;
	if (q >= 0) {
		const dm_quote *x = &t->quotes[q];
		uint32_t end = x->close != UINT32_MAX ? x->close + 1 : x->last;
		if (end > r.last)
			r.last = end;
	}
	return r;
}

/* Drop what is not content at the ends: a final period or comma outside
 * quotation marks, a leading colon. */
static dm_range trim(const dm_text *t, dm_range r)
{
	while (r.last > r.first) {
		const dm_tok *k = &t->toks[r.last - 1];
		if ((k->flags & (TK_WORD | TK_QUOTE)) || k->quote >= 0 || dm_tok_is(t, r.last - 1, ')'))
			break;
		r.last--;
	}
	while (r.first < r.last) {
		const dm_tok *k = &t->toks[r.first];
		if ((k->flags & (TK_WORD | TK_QUOTE)) || dm_tok_is(t, r.first, '('))
			break;
		r.first++;
	}
	return r;
}

static int words_in(const dm_text *t, dm_range r)
{
	int n = 0;
	for (uint32_t i = r.first; i < r.last; i++)
		n += (t->toks[i].flags & TK_WORD) != 0;
	return n;
}

static uint8_t kind_of(const dm_text *t, dm_range r)
{
	int in = 0, out = 0;
	for (uint32_t i = r.first; i < r.last; i++) {
		if (!(t->toks[i].flags & TK_WORD))
			continue;
		if (t->toks[i].quote >= 0)
			in++;
		else
			out++;
	}
	return in == 0 ? DM_INDIRECT : out == 0 ? DM_DIRECT : DM_MIXED;
}

/* The cue span takes in auxiliaries right before the verb: "has said". */
static dm_range cue_span(const dm_text *t, uint32_t floor, uint32_t cue, uint32_t len)
{
	uint32_t s = cue;
	while (s > floor && cue - s < 2 && !(t->toks[s - 1].flags & TK_CAP) && dm_tok_in(t, s - 1, &dm_lex_aux))
		s--;
	return (dm_range){s, cue + len};
}

/* A capitalised run from token I: the name of a venue or relay, small
 * words inside allowed ("Azerbaijan in Focus", "Voice of America"). */
static uint32_t cap_run(const dm_text *t, uint32_t i, uint32_t end)
{
	uint32_t k = i;
	while (k < end && (t->toks[k].flags & TK_CAP) && t->toks[k].quote < 0 && k - i < 6) {
		k++;
		if (k + 1 < end && (t->toks[k + 1].flags & TK_CAP) &&
		    (dm_tok_eq(t, k, "in") || dm_tok_eq(t, k, "of") || dm_tok_eq(t, k, "for")))
			k++;
	}
	return k;
}

static int is_demonym(const dm_text *t, uint32_t i)
{
	const dm_tok *k = &t->toks[i];
	size_t n = k->end - k->start;
	const char *w = t->raw + k->start;
	return n > 4 && (!memcmp(w + n - 3, "ese", 3) || !memcmp(w + n - 3, "ian", 3) || !memcmp(w + n - 3, "ish", 3));
}

/* Venue and relays in [from, end) of a sentence: "in an interview with
 * TASS", "told EURACTIV", "according to A, reporting B", ", News.Az reports". */
static void read_provenance(builder *b, dm_cand *c, uint32_t from, uint32_t end)
{
	dm_text *t = b->t;
	for (uint32_t i = from; i < end; i++) {
		if (t->toks[i].quote >= 0)
			continue;
		if (!c->venue &&
		    (dm_tok_eq(t, i, "interview") || dm_tok_eq(t, i, "told") || dm_tok_eq(t, i, "speaking"))) {
			uint32_t k = i + 1;
			while (k < end && (dm_tok_eq(t, k, "with") || dm_tok_eq(t, k, "to") || dm_tok_eq(t, k, "the")))
				k++;
			uint32_t e = cap_run(t, k, end);
			if (e - k >= 2 && is_demonym(t, k))
				k++;
			if (e > k)
				c->venue = span_text(b, k, e);
		} else if (!c->venue && (dm_tok_eq(t, i, "conference") || dm_tok_eq(t, i, "briefing")) && i > from) {
			uint32_t s = i;
			if (s > from && (dm_tok_eq(t, s - 1, "press") || dm_tok_eq(t, s - 1, "news")))
				s--;
			uint32_t e = i + 1;
			if (e + 1 < end && (dm_tok_eq(t, e, "in") || dm_tok_eq(t, e, "at")) &&
			    (t->toks[e + 1].flags & TK_CAP))
				e = cap_run(t, e + 1, end);
			c->venue = span_text(b, s, e);
		} else if (is_according(t, i, end) && c->n_via < DM_MAX_VIA) {
			uint32_t k = i + 2 + (i + 2 < end && dm_tok_eq(t, i + 2, "the")), e = cap_run(t, k, end);
			if (e > k) {
				const char *outer = span_text(b, k, e);
				/* ", reporting B": B is further in. */
				if (e + 2 < end && dm_tok_is(t, e, ',') &&
				    (dm_tok_eq(t, e + 1, "reporting") || dm_tok_eq(t, e + 1, "citing"))) {
					uint32_t e2 = cap_run(t, e + 2, end);
					if (e2 > e + 2 && c->n_via < DM_MAX_VIA)
						c->via[c->n_via++] = span_text(b, e + 2, e2);
				}
				if (c->n_via < DM_MAX_VIA)
					c->via[c->n_via++] = outer;
			}
			i = e;
		} else if (dm_tok_eq(t, i, "via") && i + 1 < end && c->n_via < DM_MAX_VIA) {
			/* ", via Ola Lind of the Vellby Post": a relay */
			uint32_t k = i + 1 + (dm_tok_eq(t, i + 1, "the") && i + 2 < end), e = cap_run(t, k, end);
			if (e > k)
				c->via[c->n_via++] = span_text(b, k, e);
			i = e > k ? e - 1 : i;
		} else if (dm_tok_is(t, i, ',') && i + 2 < end + 1 && c->n_via < DM_MAX_VIA) {
			uint32_t e = cap_run(t, i + 1, end);
			if (e > i + 1 && e < end && (dm_tok_eq(t, e, "reports") || dm_tok_eq(t, e, "reported")))
				c->via[c->n_via++] = span_text(b, i + 1, e);
		}
	}
}

/* Does anything after the cue (skipping "out" of "pointed out") read as
 * content rather than as the venue of a content already given? */
/* Is the word at I one a cue is said to (lang/en/addressees.txt:
 * "reporters", "him", "us")? */
static int addressee(const dm_text *t, uint32_t i)
{
	char w[16];
	return dm_tok_lower(t, i, w, sizeof w) && dm_lex_has(&dm_lex_addressees, w);
}

static uint32_t content_start(const dm_text *t, uint32_t after, uint32_t end)
{
	uint32_t i = after;
	if (i < end && dm_tok_eq(t, i, "out"))
		i++;
	if (i >= end)
		return end;
	if (dm_tok_eq(t, i, "that"))
		return i;
	if (dm_tok_is(t, i, ':') || (dm_tok_is(t, i, ',') && i + 1 < end && (t->toks[i + 1].flags & TK_QUOTE)))
		return i + 1;
	if (t->toks[i].flags & TK_QUOTE)
		return i;
	/* "said in an interview with TASS that ...", "told reporters that",
	 * "told Reuters, “...”" */
	/* "said of the discovery": what it was said about, not what (but
	 * "claims of having ...": a noun's content) */
	int about = dm_tok_eq(t, i, "of") && i > 0 && !dm_tok_in(t, i - 1, &dm_lex_cue_nouns);
	int object = about || dm_tok_in(t, i, &dm_lex_venue_preps) || (t->toks[i].flags & TK_CAP) ||
	             (dm_tok_eq(t, i, "the") && i + 1 < end && (t->toks[i + 1].flags & TK_CAP)) || addressee(t, i);
	for (uint32_t k = i; object && k < end && k < i + 14; k++) {
		if (t->toks[k].quote >= 0 || dm_tok_is(t, k, '.') ||
		    (dm_tok_is(t, k, ',') && k + 1 < end && dm_tok_in(t, k + 1, &dm_lex_participles)))
			break; /* "said in a statement, adding that ...": the "that" is the participle's */
		if (dm_tok_eq(t, k, "that"))
			return k;
		if ((dm_tok_is(t, k, ',') || dm_tok_is(t, k, ':')) && k + 1 < end && t->toks[k + 1].qmark == QM_OPEN)
			return k + 1;
	}
	int day =
	    dm_tok_in(t, i, &dm_lex_days) && !(i + 1 < end && dm_tok_possessive(t, i + 1)); /* not "Monday's vote" */
	if (about || day || dm_tok_in(t, i, &dm_lex_venue_preps) || dm_tok_is(t, i, ',') || dm_tok_is(t, i, '.') ||
	    dm_tok_is(t, i, ';') || is_according(t, i, end))
		return end; /* no content here ("said Tuesday at the conference") */
	/* "tells us you should ...", "told reporters the pier ...": whom it
	 * was told is no part of what */
	if (i > 0 && i + 1 < end && (t->toks[i + 1].flags & TK_WORD) && addressee(t, i) &&
	    (dm_tok_eq(t, i - 1, "told") || dm_tok_eq(t, i - 1, "tells") || dm_tok_eq(t, i - 1, "tell") ||
	     dm_tok_eq(t, i - 1, "telling")))
		return i + 1;
	return i;
}

/* The paragraph of token I (every token is in a sentence). */
static uint32_t para_of(const dm_text *t, uint32_t i)
{
	const dm_sent *s = dm_sent_of(t, i);
	return s ? s->para : (uint32_t)t->n_paras;
}

/* Does [from, se) end in an attribution of its own, ", the inquiry said."?
 * Then that is the sentence's statement, and an earlier cue ("The audit
 * found gaps, the inquiry said") is part of its content. */
static int ends_in_attribution(const dm_text *t, uint32_t from, uint32_t se)
{
	for (uint32_t j = se; j-- > from + 1 && se - j <= 12;) {
		if (!is_cue(t, j))
			continue;
		dm_cand probe = {0};
		if (content_start(t, j + 1, se) < se || !dm_source_left(t, from, j, &probe))
			return 0;
		uint32_t before = probe.source.first;
		return before > from && (dm_tok_is(t, before - 1, ',') || t->toks[before - 1].quote >= 0);
	}
	return 0;
}

static uint32_t range_hi(const dm_cand *c)
{
	uint32_t hi = c->content.last;
	if (c->rest.last > hi)
		hi = c->rest.last;
	if (c->source.last > hi)
		hi = c->source.last;
	return c->cue.last > hi ? c->cue.last : hi;
}

static int in_range(dm_range r, uint32_t first, uint32_t last)
{
	return r.first < r.last && r.first < last && first < r.last;
}

/* Does a statement made so far hold any token of [first, last)?  Statements
 * are made in text order, so the search goes back only as far as the
 * first one that ends before FIRST. */
static int taken(const builder *b, uint32_t first, uint32_t last)
{
	for (size_t i = b->n; i-- > 0;) {
		const dm_cand *c = &b->cands[i];
		if (in_range(c->content, first, last) || in_range(c->rest, first, last) ||
		    in_range(c->source, first, last) || in_range(c->cue, first, last))
			return 1;
		if (range_hi(c) <= first)
			break;
	}
	return 0;
}

/* A later cue must not take in what an earlier statement already holds:
 * in "X, Hajiyev said ..., News.Az reports", "reports" is a relay. */
static int overlaps(const builder *b, dm_range r)
{
	return taken(b, r.first, r.last);
}

/* Does token I modify a cue from its left: an auxiliary, a modal, a
 * negation or an adverb ("has also said", "would never endorse")? */
static int cue_modifier(const builder *b, uint32_t i)
{
	const dm_tok *k = &b->t->toks[i];
	if (k->quote >= 0 || (k->flags & TK_CAP))
		return 0;
	if (dm_tok_in(b->t, i, &dm_lex_cue_modifiers))
		return 1;
	/* other adverbs, where the tag lexicon knows them as only that */
	char w[16];
	size_t n = dm_tok_lower(b->t, i, w, sizeof w);
	return b->ti && tags_of(b, i) == 1u << TAG_RB && n > 4 && !strcmp(w + n - 2, "ly");
}

/* PolNeAR's cues take in the auxiliaries and adverbs before the verb and
 * a colon right after it ("has also said:"): grow C's cue over them where
 * no other part of the statement, or another statement, holds them. */
static void grow_cue(const builder *b, dm_cand *c)
{
	const dm_text *t = b->t;
	if (c->cue.last <= c->cue.first)
		return;
	const dm_range own[3] = {c->source, c->content, c->rest};
	uint32_t first = c->cue.first;
	while (first > 0 && cue_modifier(b, first - 1) && !taken(b, first - 1, first)) {
		int mine = 0;
		for (int k = 0; k < 3; k++)
			mine |= in_range(own[k], first - 1, first);
		if (mine)
			break;
		first--;
	}
	c->cue.first = first;
	uint32_t l = c->cue.last;
	if (l < t->n_toks && dm_tok_is(t, l, ':') && t->toks[l].quote < 0 && !taken(b, l, l + 1) &&
	    !in_range(c->content, l, l + 1) && !in_range(c->rest, l, l + 1))
		c->cue.last = l + 1;
}

/* A source's noun phrase takes the modifiers before it that the rules
 * leave out ("Republican presidential hopeful Donald Trump", "the
 * progressive Center for ..."): lower-case words the tag lexicon knows
 * only as nouns or adjectives, capitalised adjectives ("Republican"), and
 * a determiner, which opens the phrase.  A relative pronoun is a source
 * of its own, as the annotators mark it. */
static void grow_source(const builder *b, dm_cand *c)
{
	if (!b->ti || c->pronoun || c->source.last <= c->source.first || dm_tok_eq(b->t, c->source.first, "who") ||
	    dm_tok_eq(b->t, c->source.first, "that") || dm_tok_eq(b->t, c->source.first, "which"))
		return;
	const uint32_t mod = 1u << TAG_NN | 1u << TAG_JJ;
	const dm_range own[3] = {c->cue, c->content, c->rest};
	const dm_sent *s = dm_sent_of(b->t, c->source.first);
	uint32_t first = c->source.first, floor = s ? s->tok_start : first;
	while (first > floor) { /* a phrase never leaves its sentence */
		uint32_t i = first - 1, tags = tags_of(b, i);
		const dm_tok *k = &b->t->toks[i];
		int mine = 0;
		for (int r = 0; r < 3; r++)
			mine |= in_range(own[r], i, i + 1);
		if (mine || k->quote >= 0 || !(k->flags & TK_WORD) || (k->flags & TK_NUM) || taken(b, i, i + 1))
			break;
		if (tags == 1u << TAG_DT) {
			first = i; /* a determiner opens the phrase */
			break;
		}
		int ok = (k->flags & TK_CAP) ? (tags & (1u << TAG_JJ)) && !(tags & ~(1u << TAG_JJ | 1u << TAG_NNP))
		                             : tags && !(tags & ~mod);
		if (!ok)
			break;
		first = i;
	}
	c->source.first = first;
}

/* Does R hold a word that can only be a verb, other than in a relative
 * clause or an apposition ("Tomas Ek spoke last" is no source; "a nurse
 * who lives in Orsk" is)?  A participle after a common noun modifies it
 * ("people briefed on the plan", "voters surveyed"); after a name it is
 * more often the name's verb ("Tomas Ek stayed calm"). */
static int verb_outside_clause(const builder *b, dm_range r)
{
	const uint32_t verbs = DM_TAG_VERBS | 1u << TAG_MD;
	for (uint32_t i = r.first; i < r.last; i++) {
		if (dm_tok_is(b->t, i, ',') || dm_tok_eq(b->t, i, "who") || dm_tok_eq(b->t, i, "which") ||
		    dm_tok_eq(b->t, i, "that"))
			return 0;
		uint32_t tags = tags_of(b, i);
		if (i > r.first && (i - 1 == r.first || !(b->t->toks[i - 1].flags & TK_CAP)) &&
		    (tags & (1u << TAG_VBN | 1u << TAG_VBG)))
			continue;
		if ((tags & verbs) && !(tags & ~verbs))
			return 1;
	}
	return 0;
}

/* Whether the rules' source for C plainly has the right extent: a
 * pronoun; or a phrase without a comma that runs to the cue from the start
 * of the sentence, from a comma or from a quotation ("'...,' Tomas Ek
 * said", "The ferry is late, the harbour chief said"); or from the cue to
 * the end of the sentence ("..., said Tomas Ek.").  On held-out train the
 * span tagger's extent is as good as the rules' on these (source exact F1
 * 0.664 with them spared, 0.663 without), and they are most of the rules'
 * statements, so they are spared its pass.  A comma inside may set off an
 * apposition or an opening phrase ("Last Monday, Ilse Maro said"), which
 * the tagger tells apart better (0.683 with such sources spared, 0.686
 * without). */
static int plain_source(const dm_text *t, const dm_sent *s, const dm_cand *c)
{
	dm_range r = c->source;
	if (r.last <= r.first)
		return 0;
	if (c->pronoun && r.last == r.first + 1)
		return 1;
	for (uint32_t i = r.first; i < r.last; i++)
		if (dm_tok_is(t, i, ','))
			return 0;
	if (r.first == c->cue.last)
		return r.last == s->tok_end || dm_tok_is(t, r.last, '.');
	if (r.last != c->cue.first)
		return 0;
	if (r.first == s->tok_start)
		return 1;
	const dm_tok *p = &t->toks[r.first - 1];
	return dm_tok_is(t, r.first - 1, ',') || ((p->flags & TK_QUOTE) && p->qmark != QM_OPEN);
}

/* The span tagger draws a source's extent as the annotators do better
 * than the rules (held-out train: source exact F1 0.637 with the rules'
 * extents, 0.664 with the tagger's), so a statement from the rules takes
 * the tagger's source for its cue, if that source holds the name the rules
 * found (or they found none): the speaker stays the rules', the words
 * around it are the tagger's.  The tagger looks only on the side of the
 * cue where the rules found the source, if they found one. */
static void learned_source(const builder *b, dm_cand *c)
{
	const dm_text *t = b->t;
	const dm_sent *s = dm_sent_of(t, c->cue.first);
	if (!s || c->cue.last > s->tok_end || plain_source(t, s, c))
		return;
	int side = c->source.last <= c->source.first ? 0 : c->source.first >= c->cue.last ? 1 : -1;
	dm_range src = trim(t, dm_learned_source(b->models, t, b->ti, s->tok_start, s->tok_end, c->cue, side));
	if (src.last <= src.first || verb_outside_clause(b, src))
		return;
	if (c->source.last > c->source.first && c->name.last > c->name.first) {
		if (src.first > c->name.first || src.last < c->name.last)
			return;
		/* the wider source may show whose the name is: "Dara Venn, a
		 * teacher from Port Amsel" is Dara Venn's */
		dm_cand wide = *c;
		dm_find_name(t, src, &wide);
		if (wide.name.last > wide.name.first && src.first <= c->source.first) {
			c->name = wide.name;
			c->type = wide.type;
		}
		c->source = src;
		return;
	}
	memset(&c->name, 0, sizeof c->name);
	c->pronoun = 0;
	c->source = src;
	if (src.last != src.first + 1 || !dm_source_pronoun(t, src.first, c))
		dm_find_name(t, src, c);
}

/* Where the words of when or how a statement was made begin, if they end
 * R: "on Thursday", "this week", "recently", "in a statement", "of
 * course", or a word that modifies the cue ("one might think", "Her
 * campaign quickly blasted");
 * R.last when there are none.  Not "last week": after a noun it mostly
 * dates the noun ("a poll last week"). */
static uint32_t adjunct_start(const builder *b, dm_range r)
{
	const dm_text *t = b->t;
	uint32_t e = r.last;
	if (e > r.first + 1 && dm_tok_in(t, e - 1, &dm_lex_days))
		return dm_tok_eq(t, e - 2, "on") ? e - 2 : e - 1;
	if (e > r.first + 2 && dm_tok_in(t, e - 1, &dm_lex_periods) && dm_tok_eq(t, e - 2, "this"))
		return e - 2;
	if (e > r.first + 1 && cue_modifier(b, e - 1))
		return e - 1;
	if (e > r.first + 3 &&
	    ((dm_tok_eq(t, e - 3, "in") && dm_tok_eq(t, e - 2, "a") && dm_tok_eq(t, e - 1, "statement")) ||
	     (dm_tok_eq(t, e - 3, "at") && dm_tok_eq(t, e - 2, "the") && dm_tok_eq(t, e - 1, "time"))))
		return e - 3;
	if (e > r.first + 2 && dm_tok_eq(t, e - 2, "of") && dm_tok_eq(t, e - 1, "course"))
		return e - 2;
	return e;
}

/* Where the noun phrase of R begins after a sentence adverb ("Still, the
 * poll shows", "Perhaps young voters prefer") or a relative pronoun that
 * is the object of the cue ("which the campaign says", "which Ada Lind
 * thinks"); R.first when neither opens it. */
static uint32_t opener_end(const builder *b, dm_range r)
{
	const dm_text *t = b->t;
	uint32_t i = r.first;
	if (i + 1 >= r.last)
		return i;
	if (dm_tok_in(t, i, &dm_lex_sentence_adverbs))
		return dm_tok_is(t, i + 1, ',') ? i + 2 : i + 1;
	if (dm_tok_eq(t, i, "which") &&
	    ((t->toks[i + 1].flags & TK_CAP) || (tags_of(b, i + 1) & (1u << TAG_DT | 1u << TAG_PRP))))
		return i + 1;
	return i;
}

/* A source before its cue is the noun phrase of who spoke: PolNeAR's
 * annotators leave out when and how the statement was made ("House
 * Speaker Tomas Ek on Thursday declared", "Her campaign quickly
 * blasted"), an auxiliary, which goes to the cue, and a sentence adverb
 * before the phrase.  Words of time stay where a verb or relative clause
 * in the source governs them ("a poll released Tuesday", "voters who met
 * him on Sunday").  In train, 611 such adjuncts fall between a source and
 * its cue and 61 end a source, nearly all of those so governed. */
static void bare_source(const builder *b, dm_cand *c)
{
	dm_range r = c->source;
	if (!b->ti || r.last <= r.first || r.last > c->cue.first)
		return;
	uint32_t first = opener_end(b, r);
	if (first > r.first && first < r.last && tags_of(b, first) != 1u << TAG_IN) { /* not "Instead of" */
		c->source.first = r.first = first;
		if (c->name.first < first && c->name.last > c->name.first) { /* "Still" is no name */
			memset(&c->name, 0, sizeof c->name);
			dm_find_name(b->t, r, c);
		}
	}
	uint32_t a = adjunct_start(b, r);
	if (a == r.last)
		return;
	for (uint32_t i = r.first; i < a; i++) {
		uint32_t tags = tags_of(b, i);
		if ((tags & DM_TAG_VERBS) && !(tags & ~(DM_TAG_VERBS | 1u << TAG_JJ)))
			return;
		if (dm_tok_eq(b->t, i, "who") || dm_tok_eq(b->t, i, "which") || dm_tok_eq(b->t, i, "that"))
			return;
	}
	while (a > r.first && dm_tok_is(b->t, a - 1, ','))
		a--;
	if (a > r.first && tags_of(b, a - 1) != 1u << TAG_DT && c->name.last <= a)
		c->source.last = a;
}

/* Does R say only when ("last March", "Tuesday", "earlier this year")?
 * A cue before such words ("the policy proposed last March") made no
 * statement. */
static int only_a_time(const dm_text *t, dm_range r)
{
	int words = 0;
	for (uint32_t i = r.first; i < r.last; i++) {
		const dm_tok *k = &t->toks[i];
		if (k->flags & TK_QUOTE)
			return 0;
		if (!(k->flags & TK_WORD))
			continue;
		if (!(k->flags & TK_NUM) && !dm_tok_in(t, i, &dm_lex_days) && !dm_tok_in(t, i, &dm_lex_months) &&
		    !dm_tok_in(t, i, &dm_lex_time_words))
			return 0;
		words++;
	}
	return words > 0;
}

/* Is the cue R passive ("was accused of", "were told")?  Its subject is
 * then whom the words were about or to, not who said them; only "was
 * quoted" keeps its speaker. */
static int passive(const dm_text *t, dm_range r)
{
	for (uint32_t i = r.first; i + 1 < r.last; i++) {
		if (!dm_tok_in(t, i, &dm_lex_be_forms))
			continue;
		uint32_t v = i + 1;
		while (v + 1 < r.last && dm_tok_in(t, v, &dm_lex_between))
			v++; /* "was also told" */
		return !dm_tok_ends(t, v, "ing", 3) && !dm_tok_eq(t, v, "quoted") && !dm_tok_in(t, v, &dm_lex_be_forms);
	}
	return 0;
}

/* Does R open with a company's figures as a thing, not a clause ("third-
 * quarter earnings that topped estimates", "a loss of $2 billion"): one of
 * lang/en/business_results.txt within its first three words, not followed
 * by a verb ("sales rose" is a clause)? */
static int company_figures(const builder *b, dm_range r)
{
	const dm_text *t = b->t;
	for (uint32_t i = r.first; i < r.last && i < r.first + 3; i++) {
		char w[16];
		if (t->toks[i].quote >= 0 || !dm_tok_lower(t, i, w, sizeof w))
			return 0;
		if (dm_lex_has(&dm_lex_business_results, w))
			return !(b->ti && i + 1 < r.last && (tags_of(b, i + 1) & DM_TAG_VERBS) &&
			         !(tags_of(b, i + 1) & (1u << TAG_NN | 1u << TAG_IN)));
	}
	return 0;
}

/* Does C report no speech, whatever its cue's form?  A passive cue with
 * its subject for source ("Ek was accused of fraud") or a participle of a
 * noun with its agent ("the purchases touted by Lind"), a means for content
 * ("responded by hitting him"), "report" or "post" with a company's
 * figures ("reported earnings"), or "add" with a thing for its object
 * ("added a goal", "adds another layer"). */
static int no_speech(const builder *b, const dm_cand *c)
{
	const dm_text *t = b->t;
	/* "the purchases touted by Ada Lind in May, ...": a participle after
	 * its noun with its agent after it describes the noun; what follows is
	 * no content of it */
	uint32_t v = c->cue.first;
	if (b->ti && c->cue.last == v + 1 && v > 0 && v + 1 < t->n_toks && dm_tok_ends(t, v, "ed", 3) &&
	    dm_tok_eq(t, v + 1, "by") && (tags_of(b, v - 1) & (1u << TAG_NN | 1u << TAG_NNP)) && c->source.first > v &&
	    c->content.first > v)
		return 1;
	/* "responded by hitting him": what was done, the means */
	if (c->content.last > c->content.first + 1 && t->toks[c->content.first].quote < 0 &&
	    dm_tok_eq(t, c->content.first, "by") && dm_tok_ends(t, c->content.first + 1, "ing", 4))
		return 1;
	if (c->source.last > c->source.first && c->source.last <= c->cue.first && passive(t, c->cue))
		return 1;
	uint32_t head = c->cue.last > c->cue.first ? c->cue.last - 1 : c->cue.first;
	char w[16];
	size_t n = c->cue.last > c->cue.first ? dm_tok_lower(t, head, w, sizeof w) : 0;
	uint32_t f = c->content.first;
	if (n >= 4 && (!memcmp(w, "repo", 4) || !memcmp(w, "post", 4)) && company_figures(b, c->content))
		return 1;
	return n >= 3 && !memcmp(w, "add", 3) && c->content.last > f && t->toks[f].quote < 0 &&
	       (dm_tok_in(t, f, &dm_lex_indefinites) || (t->toks[f].flags & TK_NUM) ||
	        dm_tok_in(t, f, &dm_lex_numbers));
}

/* A source that runs back over a dash starts after it: "PORT AMSEL (Harbour
 * Wire) — The council said" is the council's. */
static void after_dash(const dm_text *t, dm_cand *c)
{
	for (uint32_t i = c->source.last; i-- > c->source.first;)
		if (dm_tok_dash(t, i)) {
			if (i + 1 < c->source.last) {
				c->source.first = i + 1;
				if (c->name.first <= i)
					dm_find_name(t, c->source, c);
			}
			return;
		}
}

/* Does the cue R report speech, writing or a stated position?  The cue
 * tagger learned PolNeAR's attributions, which take in what polls show,
 * what people know and how they seem; a statement needs more than a
 * perception, a finding or an act ("offers", "seemed", "voted for"). */
/* Does R hold a word of the list L? */
static int holds_word(const dm_text *t, dm_range r, const dm_wordlist *l)
{
	for (uint32_t i = r.first; i < r.last; i++)
		if (dm_tok_in(t, i, l))
			return 1;
	return 0;
}

static int reports_speech(const dm_text *t, dm_range r)
{
	return !holds_word(t, r, &dm_lex_not_speech);
}

/* A cue that states a position only with a clause or a quotation ("agreed
 * that ...", lang/en/clause_speech.txt), without one ("agreed to a
 * rescue")? */
static int position_without_clause(const dm_text *t, const dm_cand *c)
{
	uint32_t f = c->content.first;
	return holds_word(t, c->cue, &dm_lex_clause_speech) && c->content.last > f && !dm_tok_eq(t, f, "that") &&
	       t->toks[f].quote < 0;
}

/* Is C's content a thing, not a clause: no word in it that can be a finite
 * verb or a modal, no infinitive or "that" ("expressed confidence in the
 * winger", "revealed the second model"), and its cue one whose object is
 * not what was said ("criticised the plan" is)?  Without the tag lexicon,
 * never. */
static int only_a_thing(const builder *b, const dm_cand *c)
{
	const uint32_t finite = 1u << TAG_VB | 1u << TAG_VBD | 1u << TAG_VBZ | 1u << TAG_MD;
	if (!b->ti || c->cue.last <= c->cue.first || dm_tok_is(b->t, c->cue.first, ':'))
		return 0;
	if (holds_word(b->t, c->cue, &dm_lex_np_speech) || dm_tok_eq(b->t, c->cue.first, "according"))
		return 0; /* "criticised the plan", "according to" */
	const uint32_t nominal = 1u << TAG_NN | 1u << TAG_NNP | 1u << TAG_JJ;
	const dm_range r = c->content;
	if (r.last > r.first && dm_tok_eq(b->t, r.first, "that"))
		return 0; /* a clause: "that the pier was closed" */
	for (uint32_t i = r.first; i < r.last; i++) {
		uint32_t tags = dm_tok_possessive(b->t, i) ? 0 : tags_of(b, i); /* "'s" is no verb here */
		/* a verb, not a noun that could be one ("monitor", "concerns"); a
		 * gerund says what ("admitted threatening", "reported hearing") */
		if (((tags & finite) && !(tags & nominal)) || (tags & 1u << TAG_VBG))
			return 0;
		/* an infinitive, not a place to go ("to a rescue") */
		if (dm_tok_eq(b->t, i, "to") && i + 1 < r.last && (tags_of(b, i + 1) & 1u << TAG_VB))
			return 0;
	}
	return 1;
}

/* Is C a reported question with no answer in it ("asked whether Azerbaijan
 * could resort to force", "wondered why")? */
static int only_a_question(const dm_text *t, const dm_cand *c)
{
	return holds_word(t, c->cue, &dm_lex_question_cues) && c->content.last > c->content.first &&
	       dm_tok_in(t, c->content.first, &dm_lex_question_words);
}

/* "what he said were obscure activities": the cue's object is the "what"
 * before its source, a fragment of the writer's sentence, no statement. */
static int said_of_what(const dm_text *t, const dm_cand *c)
{
	uint32_t s = c->source.first;
	return c->source.last > s && s > 0 && c->source.last <= c->cue.first && dm_tok_eq(t, s - 1, "what");
}

/* Is C the writer speaking, or the reader addressed ("I guess it was only
 * a matter of time", "you can say all you want that ..."): a source of one
 * or two words holding "I", "we" or "you" ("we're", "all you") with its cue
 * outside any quotation?  The article's own claim is no statement it
 * reports; inside a quotation the pronoun is the quoted speaker's. */
static int writers_voice(const dm_text *t, const dm_cand *c)
{
	uint32_t s = c->source.first;
	return c->source.last > s && c->source.last <= s + 2 && c->cue.last > c->cue.first &&
	       t->toks[c->cue.first].quote < 0 && t->toks[s].quote < 0 &&
	       holds_word(t, c->source, &dm_lex_writer_voice);
}

/* Is C's content a quoted word or two, with no stop or comma, inside a
 * sentence that goes on ("they're sending “free samples” from habitable
 * places"): a scare quote for the writer's words, no statement? */
static int a_scare_quote(const dm_text *t, const dm_cand *c)
{
	uint32_t f = c->content.first;
	if (c->content.last <= f)
		return 0;
	int32_t q = t->toks[f].quote >= 0 ? t->toks[f].quote : f + 1 < t->n_toks ? t->toks[f + 1].quote : -1;
	const dm_sent *s = dm_sent_of(t, f);
	if (q < 0 || !s)
		return 0;
	const dm_quote *x = &t->quotes[q];
	if (f < x->open || x->close == UINT32_MAX || c->content.last > x->close + 1 ||
	    words_in(t, (dm_range){x->first, x->last}) > QUOTE_VERB_WORDS)
		return 0;
	for (uint32_t i = x->first; i < x->last; i++)
		if (!(t->toks[i].flags & TK_WORD))
			return 0; /* "“Bobby!”", "“I would,”": said, however short */
	for (uint32_t i = x->close + 1; i < s->tok_end; i++)
		if (t->toks[i].flags & TK_WORD)
			return 1;
	return 0;
}

/* Does C's paragraph open with a label of the site's own notices
 * ("Disclaimer:", "FTC:")?  What a notice says is nobody's statement. */
static int in_a_notice(const dm_text *t, const dm_cand *c)
{
	const dm_sent *s = dm_sent_of(t, c->cue.first);
	if (!s)
		return 0;
	uint32_t i = t->paras[s->para].tok_start;
	char w[16];
	return i + 1 < t->paras[s->para].tok_end && dm_tok_is(t, i + 1, ':') && dm_tok_lower(t, i, w, sizeof w) &&
	       dm_lex_has(&dm_lex_notice_labels, w);
}

/* Is C's source a finding ("according to a new study", "data from the
 * exchange", "the researchers' calculations", "evidence presented at
 * trial"): its head, the word before the first preposition, participle,
 * relative word or comma, a noun of lang/en/findings.txt?  Whoever made
 * the finding, it is no statement ("analysts who have done the
 * calculations say" is the analysts'). */
static int a_finding(const dm_text *t, const dm_cand *c)
{
	uint32_t head = c->source.first;
	if (c->source.last <= head)
		return 0;
	for (uint32_t i = head + 1; i < c->source.last; i++) {
		if (dm_tok_in(t, i, &dm_lex_governing_preps) || dm_tok_in(t, i, &dm_lex_relative_words) ||
		    dm_tok_is(t, i, ',') || (dm_tok_ends(t, i, "ed", 3) && !(t->toks[i].flags & TK_CAP)))
			break;
		head = i;
	}
	return dm_tok_in(t, head, &dm_lex_findings);
}

/* Does C's cue end in a preposition of a topic ("talked about", "joked
 * about", "marveled at") with no quotation after it?  Its object is what
 * was talked about, not what was said. */
static int about_a_topic(const dm_text *t, const dm_cand *c)
{
	return c->cue.last > c->cue.first + 1 && c->content.last > c->content.first &&
	       t->toks[c->content.first].quote < 0 && dm_tok_in(t, c->cue.last - 1, &dm_lex_topic_preps);
}

/* Does the phrase R hold "and" (a list: "Will Smith, Patti LaBelle and
 * Stevie Wonder")? */
static int joined(const dm_text *t, dm_range r)
{
	for (uint32_t i = r.first; i < r.last; i++)
		if (dm_tok_eq(t, i, "and"))
			return 1;
	return 0;
}

/* "the European Union, which contended", "Stevie Wonder, who joked": a
 * source that is only "who" or "which" is the one named before it, not
 * one of a list. */
static void named_before_which(const dm_text *t, dm_cand *c)
{
	uint32_t w = c->source.first;
	if (c->source.last != w + 1 || !(dm_tok_eq(t, w, "who") || dm_tok_eq(t, w, "which")))
		return;
	const dm_sent *s = dm_sent_of(t, w);
	dm_cand named = {0};
	if (s && w > s->tok_start && dm_source_left(t, s->tok_start, w, &named) && !named.pronoun &&
	    named.name.last > named.name.first && named.source.last + 1 >= w && !joined(t, named.source)) {
		c->name = named.name; /* the source stays "which", as annotators mark it */
		c->type = named.type;
	}
}

static void finish(builder *b, dm_cand *c, uint32_t prov_from, uint32_t prov_end, int headline)
{
	if (b->ti && c->cue.last > c->cue.first && !c->learned)
		learned_source(b, c);
	bare_source(b, c);
	named_before_which(b->t, c);
	grow_cue(b, c);
	grow_source(b, c);
	after_dash(b->t, c);
	c->content = trim(b->t, c->content);
	c->rest = trim(b->t, c->rest);
	if ((only_a_time(b->t, c->content) && c->rest.last <= c->rest.first) || no_speech(b, c))
		return; /* not kept */
	uint8_t k = kind_of(b->t, c->content);
	if (!b->attributions &&
	    ((k == DM_INDIRECT && c->rest.last <= c->rest.first && !headline && only_a_thing(b, c)) ||
	     !reports_speech(b->t, c->cue) || (k == DM_INDIRECT && only_a_question(b->t, c)) || said_of_what(b->t, c) ||
	     position_without_clause(b->t, c) || writers_voice(b->t, c) || a_finding(b->t, c) || in_a_notice(b->t, c) ||
	     a_scare_quote(b->t, c) || (k == DM_INDIRECT && about_a_topic(b->t, c))))
		return; /* "expressed confidence", "asked whether", "I guess", "a study": no statement */
	if (c->rest.last > c->rest.first && kind_of(b->t, c->rest) != k)
		k = DM_MIXED;
	c->kind = headline ? DM_HEADLINE : k;
	read_provenance(b, c, prov_from, prov_end);
	b->n++;
}

/* Does the word at I join a clause of its own to the one before (",
 * and ...", ", but ...", ", while ...", ", whereas ...")? */
static int joins_clauses(const dm_text *t, uint32_t i)
{
	return dm_tok_eq(t, i, "and") || dm_tok_eq(t, i, "but") || dm_tok_eq(t, i, "while") ||
	       dm_tok_eq(t, i, "whereas");
}

/* Has [FROM, TO) a word that can only be a verb (by the tag lexicon;
 * without it, yes)?  Of its last 64 words: a bound, for long contents. */
static int has_verb(const builder *b, uint32_t from, uint32_t to)
{
	const uint32_t verbs = DM_TAG_VERBS | 1u << TAG_MD;
	for (uint32_t i = to > from + 64 ? to - 64 : from; b->ti && i < to; i++)
		if ((tags_of(b, i) & verbs) && !(tags_of(b, i) & ~verbs))
			return 1;
	return !b->ti;
}

/* Does an indirect content that starts at CS end at token I: a second
 * attribution of the subject (", saying", "but says"), another
 * attribution (", Jamieson said"), a semicolon, or ", which" after the
 * content's verb (the clauses PolNeAR's annotators mostly leave out of a
 * content; "that 964,000 people, which is 0.4 percent, reported ..." goes
 * on to its verb)? */
static int content_ends(const builder *b, uint32_t cs, uint32_t i, uint32_t se)
{
	const dm_text *t = b->t;
	if (t->toks[i].quote >= 0)
		return 0;
	if (dm_tok_is(t, i, ';'))
		return 1;
	if (dm_tok_is(t, i, ',') && i + 1 < se && dm_tok_eq(t, i + 1, "which") && has_verb(b, cs, i))
		return 1;
	if (i + 1 >= se || t->toks[i + 1].quote >= 0)
		return 0;
	if (dm_tok_is(t, i, ',')) {
		if (dm_tok_in(t, i + 1, &dm_lex_participles) || is_according(t, i + 1, se))
			return 1; /* ", saying ...", ", according to the Courier": a relay */
		/* ", Jamieson said ...": a new attribution starts */
		for (uint32_t j = i + 1; j < se && j <= i + 4; j++) {
			if (is_cue(t, j))
				return j > i + 1;
			if (!(t->toks[j].flags & TK_CAP) || t->toks[j].quote >= 0)
				break;
		}
		/* ", and analysts in the camp told ...", ", while the police
		 * say ...": a clause of its own with a source and a cue (not
		 * ", and that ...", not the passive "and we were told") */
		if (joins_clauses(t, i + 1))
			for (uint32_t j = i + 2; j < se && j <= i + 12; j++) {
				if (is_cue(t, j))
					return j > i + 2 && !dm_tok_in(t, j - 1, &dm_lex_be_forms) &&
					       !dm_tok_eq(t, i + 2, "that");
				if (!(t->toks[j].flags & TK_WORD) || t->toks[j].quote >= 0)
					return 0;
			}
		return 0;
	}
	return (dm_tok_eq(t, i, "and") || dm_tok_eq(t, i, "but")) && t->toks[i].quote < 0 && is_cue(t, i + 1);
}

/* Is token AT->i a cue still to try: a reporting verb or "according to"
 * outside quotation marks that no statement holds?  "According to" after a
 * statement made from its sentence names a relay ("..., Ek said, according
 * to Harbour Wire"), not a source of its own.  The driver asks once a token
 * (dm_where.cue), and the cue patterns but cue_noun fire only where it is. */
static int cue_here(const builder *b, const dm_where *at)
{
	const dm_text *t = b->t;
	uint32_t i = at->i, se = at->s->tok_end;
	if ((!is_cue(t, i) && !is_according(t, i, se)) || taken(b, i, i + 1))
		return 0;
	return !(b->n > at->first && is_according(t, i, se));
}

/* Does a clause open between token FROM and the second verb at I (",
 * while the city police deny the reports and say ...")?  Then its subject,
 * the words up to its verb, is the verb's source: filled into C, its
 * source left empty where the words are no subject. */
static int clause_subject(const builder *b, uint32_t from, uint32_t i, dm_cand *c)
{
	const dm_text *t = b->t;
	uint32_t j = i - 2; /* before the "and" or the comma that comes before the verb */
	while (j > from + 1 && !(dm_tok_is(t, j - 1, ',') && joins_clauses(t, j)))
		j--;
	if (j <= from + 1)
		return 0;
	memset(c, 0, sizeof *c);
	uint32_t e = j + 1;
	while (e < i - 1 && e - j <= 6 && (t->toks[e].flags & TK_WORD) && t->toks[e].quote < 0 &&
	       !(b->ti && (tags_of(b, e) & DM_TAG_VERBS) && !(tags_of(b, e) & 1u << TAG_NN)))
		e++;
	if (e > j + 1 && e < i - 1 && e - j <= 6 && b->ti && (tags_of(b, e) & DM_TAG_VERBS)) {
		if (e > j + 2 || !dm_source_pronoun(t, j + 1, c))
			dm_find_name(t, (dm_range){j + 1, e}, c);
		c->source = (dm_range){j + 1, e};
	}
	return 1;
}

/* The statement of a participle or a second verb at AT->i: the cue's source
 * is the subject of the sentence, or the source of a statement made earlier
 * in it (or of a clause opened since); the content runs to the end of the
 * sentence. */
static int subject_statement(builder *b, const dm_where *at)
{
	dm_text *t = b->t;
	uint32_t ss = at->s->tok_start, se = at->s->tok_end, i = at->i;
	dm_cand *c = new_cand(b);
	if (!c)
		return DM_PAT_NO_MEMORY;
	dm_cand clause;
	if (at->first < b->n && clause_subject(b, b->cands[b->n - 1].cue.last, i, &clause)) {
		c->source = clause.source;
		c->name = clause.name;
		c->type = clause.type;
		c->pronoun = clause.pronoun;
	} else if (at->first < b->n) {
		const dm_cand *prev = &b->cands[b->n - 1];
		c->source = prev->source;
		c->name = prev->name;
		c->type = prev->type;
		c->pronoun = prev->pronoun;
	} else if (!dm_source_subject(t, ss, i - 1, c)) {
		return DM_PAT_NOT_MADE;
	}
	c->cue = (dm_range){i, i + 1};
	uint32_t cs = i + 1;
	if (cs < se && dm_tok_is(t, cs, ':'))
		cs++;
	c->content = take_in_quotes(b, (dm_range){cs, se});
	if (words_in(t, c->content) < 2 || overlaps(b, c->content))
		return DM_PAT_NOT_MADE;
	finish(b, c, cs, cs, 0);
	return DM_PAT_MADE;
}

/* participle: "..., saying (that) CONTENT", a participle cue after a comma
 * (see subject_statement).
 *   Ines Kolar closed the bridge on Monday, saying that the cables were worn. */
static int try_participle(builder *b, const dm_where *at)
{
	const dm_text *t = b->t;
	uint32_t i = at->i;
	if (!at->cue || i <= at->s->tok_start + 1 || !dm_tok_is(t, i - 1, ',') || !dm_tok_in(t, i, &dm_lex_participles))
		return DM_PAT_NOT_HERE;
	return subject_statement(b, at);
}

/* second_verb: "... and|but CUE CONTENT", a second verb of the sentence's
 * subject (see subject_statement).
 *   Ines Kolar denied the report but says the works are running late. */
static int try_second_verb(builder *b, const dm_where *at)
{
	const dm_text *t = b->t;
	uint32_t i = at->i;
	if (!at->cue || i <= at->s->tok_start + 1 || !(dm_tok_eq(t, i - 1, "and") || dm_tok_eq(t, i - 1, "but")) ||
	    t->toks[i - 1].quote >= 0)
		return DM_PAT_NOT_HERE;
	return subject_statement(b, at);
}

/* according_to (C): "According to SOURCE, CONTENT" or "CONTENT, according
 * to SOURCE"; the source runs to the next comma or period.
 *   According to the harbour office, the ferry will run all winter.
 *   The ferry will run all winter, according to Ines Kolar. */
static int try_according_to(builder *b, const dm_where *at)
{
	dm_text *t = b->t;
	uint32_t ss = at->s->tok_start, se = at->s->tok_end, i = at->i;
	if (!at->cue || !is_according(t, i, se))
		return DM_PAT_NOT_HERE;
	dm_cand *c = new_cand(b);
	if (!c)
		return DM_PAT_NO_MEMORY;
	uint32_t k = i + 2;
	while (k < se && !dm_tok_is(t, k, ',') && !dm_tok_is(t, k, '.') && k - i < 16)
		k++;
	if (k == i + 2)
		return DM_PAT_NOT_MADE;
	c->source = (dm_range){i + 2, k};
	dm_find_name(t, c->source, c);
	char w[8];
	if (k == i + 3 && dm_tok_lower(t, i + 2, w, sizeof w) && dm_lex_pronoun(w) == 'p') {
		c->pronoun = 'p';
		c->type = DM_PERSON;
	}
	c->cue = (dm_range){i, i + 2};
	if (i == ss || (i == ss + 1 && !(t->toks[ss].flags & TK_WORD)))
		c->content = (dm_range){k + 1, se};
	else if (i > ss + 1 && dm_tok_is(t, i - 1, ','))
		c->content = (dm_range){ss, i - 1};
	else
		return DM_PAT_NOT_MADE;
	c->content = take_in_quotes(b, c->content);
	if (words_in(t, c->content) < 2)
		return DM_PAT_NOT_MADE;
	finish(b, c, k, se, at->headline);
	return DM_PAT_MADE;
}

/* Does a name follow the cue at I that a comma sets off from the words
 * before ("... drier than the poles, said co-author Tomas Ek, a fellow"),
 * after a cue of lang/en/inverting_cues.txt?  Then the words before are
 * the content, not the source. */
static int named_right(const dm_text *t, uint32_t i, uint32_t se)
{
	dm_cand r = {0};
	return i > 0 && dm_tok_is(t, i - 1, ',') && dm_tok_in(t, i, &dm_lex_inverting_cues) &&
	       dm_source_right(t, i + 1, se, &r) && r.name.last > r.name.first &&
	       !dm_tok_in(t, r.name.first, &dm_lex_days) && !dm_tok_in(t, r.name.first, &dm_lex_months);
}

/* Has the cue at AT->i (a verb, not "according to") a source before it?
 * Then L is filled. */
static int source_left_of_cue(builder *b, const dm_where *at, left_shape *l)
{
	const dm_text *t = b->t;
	uint32_t ss = at->s->tok_start, se = at->s->tok_end, i = at->i, len = 1;
	if (!at->cue || is_according(t, i, se))
		return 0;
	if (b->left_s == at->s && b->left_i == i && b->left_n == b->n) {
		if (b->left_found)
			*l = b->left;
		return b->left_found;
	}
	b->left_s = at->s;
	b->left_i = i;
	b->left_n = b->n;
	b->left_found = 0;
	memset(l, 0, sizeof *l);
	if (!dm_source_left(t, ss, i, &l->c) || named_right(t, i, se))
		return 0;
	l->c.cue = cue_span(t, l->c.source.last, i, len);
	uint32_t cs = l->cs = content_start(t, i + len, se);
	uint32_t before = l->c.source.first;
	l->left_text = before > ss + 1 && (dm_tok_is(t, before - 1, ',') || (t->toks[before - 1].flags & TK_QUOTE) ||
	                                   t->toks[before - 1].quote >= 0);
	/* A quotation just before the source is its content, unless the cue
	 * opens a content of its own ("...," he said that ...). */
	int quote_left =
	    before > ss && (t->toks[before - 1].quote >= 0 ||
	                    (dm_tok_is(t, before - 1, ',') && before - 1 > ss && t->toks[before - 2].quote >= 0));
	int own = cs < se && (dm_tok_eq(t, cs, "that") || (t->toks[cs].flags & TK_QUOTE) || dm_tok_is(t, cs - 1, ':'));
	l->content_after = cs < se && (!quote_left || own);
	b->left_found = 1;
	b->left = *l;
	return 1;
}

/* source_cue_content (A): "SOURCE CUE [that|:] CONTENT".  The content ends
 * where a participle (", saying ..."), a second verb of the subject ("but
 * says ...") or another attribution starts a statement of its own.
 *   Harbour mayor Ines Kolar said that the bridge would reopen in May. */
static int try_source_cue_content(builder *b, const dm_where *at)
{
	left_shape l;
	if (!source_left_of_cue(b, at, &l) || !l.content_after)
		return DM_PAT_NOT_HERE;
	dm_text *t = b->t;
	uint32_t se = at->s->tok_end;
	dm_cand *c = new_cand(b);
	if (!c)
		return DM_PAT_NO_MEMORY;
	*c = l.c;
	uint32_t ce = l.cs;
	while (ce < se && !content_ends(b, l.cs, ce, se))
		ce++;
	if (ends_in_attribution(t, l.cs, ce))
		return DM_PAT_NOT_MADE;
	c->content = take_in_quotes(b, (dm_range){l.cs, ce});
	if (words_in(t, c->content) < 1)
		return DM_PAT_NOT_MADE;
	finish(b, c, at->i, l.cs, at->headline); /* from the cue: "told X" */
	if (ce < se && is_according(t, ce + 1, se))
		read_provenance(b, c, ce + 1, se); /* "..., according to the Courier" */
	return DM_PAT_MADE;
}

/* split_quote_source_cue: "QUOTATION SOURCE CUE." where the sentence split
 * inside the quotation, after its question or exclamation mark: the
 * quotation that ends the sentence before, in the same paragraph, is the
 * content.
 *   “Is the ferry late again? Yes?” Tomas Ek asked. */
static int try_split_quote_source_cue(builder *b, const dm_where *at)
{
	left_shape l;
	if (!source_left_of_cue(b, at, &l) || l.content_after)
		return DM_PAT_NOT_HERE;
	dm_text *t = b->t;
	uint32_t ss = at->s->tok_start;
	/* "...?” Ada Lind, the director for China at the Fund, said": the
	 * rules' source may be the title (or its last words) only; the name
	 * that opens the sentence, set off by a comma, is the source's */
	uint32_t comma = ss;
	while (comma < l.c.source.first && comma - ss < 40 && !dm_tok_is(t, comma, ','))
		comma++;
	if (comma > ss && comma < l.c.source.first && l.c.source.first - comma < 40 && dm_tok_is(t, comma, ',') &&
	    b->ti && !verb_outside_clause(b, (dm_range){comma + 1, l.c.source.first})) {
		dm_cand named = {0};
		dm_find_name(t, (dm_range){ss, comma}, &named);
		if (named.name.first == ss && named.name.last == comma) {
			l.c.source.first = ss;
			l.c.name = named.name;
			l.c.type = named.type;
			l.left_text = 0; /* the apposition is the name's, no content */
		}
	}
	if (l.left_text || l.c.source.first != ss || ss == 0 || t->toks[ss - 1].quote < 0)
		return DM_PAT_NOT_HERE;
	const dm_quote *q = &t->quotes[t->toks[ss - 1].quote];
	if (q->close != ss - 1 || t->toks[q->open].start < t->paras[para_of(t, ss)].start)
		return DM_PAT_NOT_HERE;
	dm_cand *c = new_cand(b);
	if (!c)
		return DM_PAT_NO_MEMORY;
	*c = l.c;
	c->content = (dm_range){q->open, ss};
	if (words_in(t, c->content) < 2 || overlaps(b, c->content))
		return DM_PAT_NOT_MADE;
	finish(b, c, at->i, at->s->tok_end, at->headline);
	return DM_PAT_MADE;
}

/* content_source_cue (B): "CONTENT, SOURCE CUE [venue]."; where a comma
 * follows the cue, the content goes on after it ("Too often, Mr. Clarke
 * said, the debate is ...").
 *   “The budget is fixed,” Ines Kolar said on Tuesday.
 *   The ferry is late, the harbour chief said. */
static int try_content_source_cue(builder *b, const dm_where *at)
{
	left_shape l;
	if (!source_left_of_cue(b, at, &l) || l.content_after || !l.left_text)
		return DM_PAT_NOT_HERE;
	dm_text *t = b->t;
	uint32_t ss = at->s->tok_start, se = at->s->tok_end, i = at->i, len = 1;
	dm_cand *c = new_cand(b);
	if (!c)
		return DM_PAT_NO_MEMORY;
	*c = l.c;
	uint32_t ce = c->source.first;
	if (dm_tok_is(t, ce - 1, ','))
		ce--;
	c->content = take_in_quotes(b, (dm_range){ss, ce});
	if (words_in(t, c->content) < 2 || overlaps(b, c->content))
		return DM_PAT_NOT_MADE;
	uint32_t r = i + len;
	if (r + 1 < se && dm_tok_is(t, r, ',') && t->toks[r + 1].quote < 0 &&
	    !dm_tok_in(t, r + 1, &dm_lex_participles) && !is_according(t, r + 1, se) && !dm_tok_eq(t, r + 1, "via") &&
	    !dm_tok_eq(t, r + 1, "who") && !dm_tok_eq(t, r + 1, "which")) {
		dm_range rest = take_in_quotes(b, (dm_range){r + 1, se});
		if (words_in(t, rest) >= 3 && !overlaps(b, rest))
			c->rest = rest;
	}
	finish(b, c, i, c->rest.last > c->rest.first ? c->rest.first : se, at->headline);
	return DM_PAT_MADE;
}

/* content_cue_source (B'): "CONTENT, CUE SOURCE.", the cue after a comma or
 * a quotation mark with no source before it.
 *   “The budget is fixed,” said the finance minister. */
static int try_content_cue_source(builder *b, const dm_where *at)
{
	dm_text *t = b->t;
	uint32_t ss = at->s->tok_start, se = at->s->tok_end, i = at->i;
	left_shape l;
	if (!at->cue || is_according(t, i, se) || i <= ss + 1 ||
	    !(dm_tok_is(t, i - 1, ',') || (t->toks[i - 1].flags & TK_QUOTE)) || source_left_of_cue(b, at, &l))
		return DM_PAT_NOT_HERE;
	dm_cand source = {0};
	if (!dm_source_right(t, i + 1, se, &source))
		return DM_PAT_NOT_HERE;
	dm_cand *c = new_cand(b);
	if (!c)
		return DM_PAT_NO_MEMORY;
	*c = source;
	c->cue = (dm_range){i, i + 1};
	uint32_t ce = i - (dm_tok_is(t, i - 1, ',') ? 1 : 0);
	if (ce > ss && dm_tok_is(t, ce - 1, ','))
		ce--;
	c->content = take_in_quotes(b, (dm_range){ss, ce});
	if (words_in(t, c->content) < 2 || overlaps(b, c->content))
		return DM_PAT_NOT_MADE;
	finish(b, c, c->source.last, se, at->headline);
	return DM_PAT_MADE;
}

/* colon_title (H): "Name: claim" opening a title (a headline) or a
 * paragraph (a transcript: "WALLACE: ...", "Q: ...").  A title's name must
 * be quoted in the body too (see confirmed()), else "Stealth Over Health:
 * ..." would be a speaker; in the body the name must be in capitals.  The
 * content runs to the end of the paragraph.
 *   Ines Kolar: the bridge will reopen in May        (a title)
 *   KOLAR: We will not leave the islands cut off.    (a transcript line) */
static int try_colon_title(builder *b, const dm_where *at)
{
	dm_text *t = b->t;
	const dm_sent *s = at->s;
	int headline = at->headline;
	if (!headline && s->tok_start != t->paras[s->para].tok_start)
		return DM_PAT_NOT_HERE;
	uint32_t ss = s->tok_start, se = s->tok_end;
	/* a transcript quoted paragraph by paragraph: '"WALLACE: ...' */
	int32_t quoted = -1;
	if (!headline && ss + 2 < se && (t->toks[ss].flags & TK_QUOTE) && t->toks[ss].quote >= 0 &&
	    t->toks[ss].qmark != QM_CLOSE)
		quoted = t->toks[ss++].quote;
	uint32_t k = ss;
	int upper = 1;
	while (k < se && k - ss < 8 && t->toks[k].quote == quoted && (t->toks[k].flags & TK_WORD) &&
	       ((t->toks[k].flags & TK_CAP) ||
	        (k > ss && (dm_tok_in(t, k, &dm_lex_roles) || dm_tok_in(t, k, &dm_lex_nameparts))))) {
		upper &= !dm_tok_has_lower(t, k);
		k++;
	}
	if (k == ss || k + 1 >= se || !dm_tok_is(t, k, ':') || !(t->toks[k - 1].flags & TK_CAP))
		return DM_PAT_NOT_HERE;
	if ((!headline && !upper) || dm_tok_in(t, ss, &dm_lex_salutations))
		return DM_PAT_NOT_HERE;
	dm_cand *c = new_cand(b);
	if (!c)
		return DM_PAT_NO_MEMORY;
	c->source = (dm_range){ss, k};
	dm_find_name(t, c->source, c);
	if (quoted >= 0 && k == ss + 1)
		c->name = c->source; /* a name, though inside the quotation */
	c->cue = (dm_range){k, k + 1};
	c->colon_title = (uint8_t)headline;
	c->content = (dm_range){k + 1, headline ? se : t->paras[s->para].tok_end};
	if (quoted < 0)
		c->content = take_in_quotes(b, c->content);
	if (words_in(t, c->content) < 2)
		return DM_PAT_NOT_MADE;
	finish(b, c, c->content.last, c->content.last, headline);
	return DM_PAT_MADE;
}

/* cue_noun: "OWNER's CUE-NOUN that CONTENT", a cue noun followed by
 * "that", its source the owner before it (a few lower-case words, "recent",
 * "repeated", or a date, "Monday", "Oct. 11", may come between), or "his"
 * or "her" ("his claim that ...").
 *   The council rejected the harbour office's repeated claims that the
 *   ferry was safe. */
static int try_cue_noun(builder *b, const dm_where *at)
{
	dm_text *t = b->t;
	uint32_t ss = at->s->tok_start, se = at->s->tok_end, i = at->i;
	if (i + 1 >= se || t->toks[i].quote >= 0 || !dm_tok_eq(t, i + 1, "that") ||
	    !dm_tok_in(t, i, &dm_lex_cue_nouns) || taken(b, i, i + 1))
		return DM_PAT_NOT_HERE;
	uint32_t j = i;
	while (j > ss && i - j < 4 && !dm_tok_possessive(t, j - 1) && (t->toks[j - 1].flags & TK_WORD) &&
	       (!(t->toks[j - 1].flags & TK_CAP) || dm_tok_in(t, j - 1, &dm_lex_months) ||
	        dm_tok_in(t, j - 1, &dm_lex_days) || (t->toks[j].flags & TK_NUM)))
		j--; /* "recent", "repeated", "Monday", "Oct. 11" (a capital before a number) */
	/* "his claim that ...": the owner a pronoun, resolved as "he" is */
	uint32_t o = i;
	while (o > ss && i - o < 3 && !(t->toks[o - 1].flags & TK_CAP) && (t->toks[o - 1].flags & TK_WORD) &&
	       !dm_owner_pronoun(t, o - 1))
		o--;
	int owner = o > ss && dm_owner_pronoun(t, o - 1);
	if (!owner && (j <= ss + 1 || !dm_tok_possessive(t, j - 1)))
		return at->cue && i > ss && ((t->toks[i - 1].flags & TK_CAP) || dm_tok_in(t, i - 1, &dm_lex_pronouns))
		           ? DM_PAT_NOT_HERE /* "Ek claims that", "he claims that": a verb, the next shapes' */
		           : DM_PAT_NOT_MADE;
	dm_cand *c = new_cand(b);
	if (!c)
		return DM_PAT_NO_MEMORY;
	if (owner) {
		c->source = (dm_range){o - 1, i};
		c->type = DM_PERSON;
	} else if (!dm_source_left(t, ss, j - 1, c) || c->pronoun) {
		return DM_PAT_NOT_MADE;
	}
	c->cue = (dm_range){i, i + 1};
	uint32_t ce = i + 1;
	while (ce < se && !content_ends(b, i + 1, ce, se))
		ce++;
	c->content = take_in_quotes(b, (dm_range){i + 1, ce});
	if (words_in(t, c->content) < 3 || overlaps(b, c->content))
		return DM_PAT_NOT_MADE;
	finish(b, c, i, i, 0);
	return DM_PAT_MADE;
}

/* Is any token of R in the cue or source of a statement made from this
 * sentence (those from FIRST on)?  Cues and sources never leave their
 * sentence. */
static int cue_taken(const builder *b, size_t first, dm_range r)
{
	for (size_t k = first; k < b->n; k++) {
		const dm_cand *c = &b->cands[k];
		if (in_range(c->cue, r.first, r.last) || in_range(c->source, r.first, r.last))
			return 1;
		/* after a statement with a venue or relays, the words that named
		 * them ("according to X, reporting Y") are provenance, not cues */
		if ((c->venue || c->n_via) && r.first >= c->cue.last)
			return 1;
	}
	return 0;
}

/* Does R hold a word other than function words ("that", "it")?  A learned
 * cue inside another statement's content can find only its
 * complementizer for content ("said that the budget passed"). */
static int says_something(const dm_text *t, dm_range r)
{
	for (uint32_t i = r.first; i < r.last; i++)
		if ((t->toks[i].flags & TK_WORD) && !dm_tok_in(t, i, &dm_lex_function) &&
		    !dm_tok_in(t, i, &dm_lex_stopwords))
			return 1;
	return 0;
}

/* A run of the cue tagger that carries on after the cue of a statement of
 * the rules ("said" to "said in a statement", "calls" to "calls for"): the
 * statement takes the longer cue, as the annotators draw it, when the words
 * it adds are no part of a statement, but may open its own content ("calls
 * for | more troops"), which then starts after them. */
static void extend_cue(builder *b, size_t first, dm_range r)
{
	for (size_t k = first; k < b->n; k++) {
		dm_cand *c = &b->cands[k];
		if (c->cue.first >= c->cue.last || c->cue.first != r.first || c->cue.last >= r.last)
			continue;
		dm_range content = c->content;
		if (content.first >= c->cue.last && content.first < r.last && content.last > r.last &&
		    b->t->toks[content.first].quote < 0)
			c->content.first = r.last;
		if (taken(b, c->cue.last, r.last))
			c->content = content;
		else
			c->cue.last = r.last;
		return;
	}
}

/* learned: the attributions the trained taggers find where the rules found
 * none, with the models only: the cue tagger marks cues, the span tagger
 * their sources and contents.
 *   Mira Holt hinted that the Vessmark pier would close before the winter.
 * ("hinted" is no cue of the rules'). */
/* A cue the span tagger found no source for may still have a name right
 * before it, with words set off by dashes about it ("Ada Lind — whose
 * father, a judge, led the court — promised ..."), where it opens a
 * clause of its own: not after "that", inside another's content; and a
 * participle after a comma, "after", "before" or "while" is the sentence's
 * subject's ("In an interview, Ek confessed, admitting that ...", "Lind
 * won support, after accusing them of ..."). */
static void named_left(const dm_text *t, uint32_t ss, dm_cand *c)
{
	dm_cand probe = {0};
	uint32_t k = c->cue.first;
	if (c->cue.last == k + 1 && k > ss + 1 && dm_tok_ends(t, k, "ing", 4) &&
	    (dm_tok_is(t, k - 1, ',') || dm_tok_eq(t, k - 1, "after") || dm_tok_eq(t, k - 1, "before") ||
	     dm_tok_eq(t, k - 1, "while"))) {
		if (dm_source_subject(t, ss, k - 1, &probe) && probe.source.last < k - 1) {
			c->source = probe.source;
			c->name = probe.name;
			c->type = probe.type;
			c->pronoun = probe.pronoun;
		}
		return;
	}
	if (c->cue.first > ss + 2 && dm_tok_dash(t, c->cue.first - 1) && dm_source_left(t, ss, c->cue.first, &probe) &&
	    probe.name.last > probe.name.first &&
	    (probe.source.first == ss || dm_tok_is(t, probe.source.first - 1, ','))) {
		c->source = probe.source;
		c->name = probe.name;
		c->type = probe.type;
	}
}

/* "A photo of them was denied by Andrew, hinting that it was a fake": a
 * participle after a passive with its agent is the agent's. */
static void passive_agent(const dm_text *t, uint32_t ss, dm_cand *c)
{
	uint32_t k = c->cue.first;
	if (c->cue.last != k + 1 || k < ss + 3 || !dm_tok_is(t, k - 1, ',') || !dm_tok_ends(t, k, "ing", 4))
		return;
	uint32_t a = k - 1;
	while (a > ss && k - a < 8 && (t->toks[a - 1].flags & TK_CAP) && t->toks[a - 1].quote < 0)
		a--;
	dm_cand probe = {0};
	if (a == k - 1 || a == ss || !dm_tok_eq(t, a - 1, "by"))
		return;
	dm_find_name(t, (dm_range){a, k - 1}, &probe);
	if (probe.name.last > probe.name.first) {
		c->source = (dm_range){a, k - 1};
		c->name = probe.name;
		c->type = probe.type;
		c->pronoun = 0;
	}
}

static int try_learned(builder *b, const dm_where *at)
{
	if (!b->ti || (at->headline && !b->attributions)) /* a title's statements: its own forms only */
		return DM_PAT_NOT_HERE;
	const dm_sent *s = at->s;
	int headline = at->headline, made = 0;
	size_t first = at->first;
	/* The cues the rules made here are not tagged again. */
	uint32_t len = s->tok_end - s->tok_start;
	uint8_t stack[128];
	uint8_t *held = NULL;
	if (first < b->n && (held = len <= sizeof stack ? stack : calloc(len, 1)) != NULL) {
		memset(held, 0, len);
		for (size_t k = first; k < b->n; k++)
			for (uint32_t i = b->cands[k].cue.first; i < b->cands[k].cue.last; i++)
				if (i >= s->tok_start && i < s->tok_end)
					held[i - s->tok_start] = 1;
	}
	dm_range cues[16];
	size_t n = dm_learned_cues(b->models, b->t, b->ti, s->tok_start, s->tok_end, held, cues, 16);
	if (held != stack)
		free(held);
	for (size_t k = 0; k < n; k++) {
		dm_found f;
		if (cue_taken(b, first, cues[k])) {
			extend_cue(b, first, cues[k]);
			continue;
		}
		if ((!b->attributions && !reports_speech(b->t, cues[k])) || /* spare the span tagger */
		    !dm_learned_spans(b->models, b->t, b->ti, s->tok_start, s->tok_end, cues[k], &f) ||
		    (!says_something(b->t, f.content) && !says_something(b->t, f.rest)))
			continue;
		dm_cand *c = new_cand(b);
		if (!c)
			return DM_PAT_NO_MEMORY;
		c->cue = f.cue;
		c->learned = 1;
		c->content = take_in_quotes(b, f.content);
		if (f.rest.last > f.rest.first)
			c->rest = take_in_quotes(b, f.rest);
		c->source = f.source;
		if (c->source.last > c->source.first &&
		    (c->source.last != c->source.first + 1 || !dm_source_pronoun(b->t, c->source.first, c)))
			dm_find_name(b->t, c->source, c);
		else if (c->source.last == c->source.first)
			named_left(b->t, s->tok_start, c);
		passive_agent(b->t, s->tok_start, c);
		finish(b, c, c->cue.last, s->tok_end, headline);
		made = 1;
	}
	return made ? DM_PAT_MADE : DM_PAT_NOT_HERE;
}

/* How far before a quotation its verb may be, in tokens. */
#define QUOTE_VERB_REACH 12

/* Is token I a verb other than a form of be, have or do (by the tag
 * lexicon)? */
static int content_verb(const builder *b, uint32_t i)
{
	return (tags_of(b, i) & DM_TAG_VERBS) && !(tags_of(b, i) & (1u << TAG_NN | 1u << TAG_NNP)) &&
	       !dm_tok_in(b->t, i, &dm_lex_be_have_do);
}

/* A quotation of capitalised words only is a name or a title. */
static int all_capitalised(const dm_text *t, const dm_quote *x)
{
	for (uint32_t i = x->first; i < x->last; i++)
		if ((t->toks[i].flags & TK_WORD) && !(t->toks[i].flags & TK_CAP))
			return 0;
	return 1;
}

/* quote_verb: "SUBJECT VERB ... QUOTATION", a quotation that no statement
 * holds after a verb in its sentence, with the models only, not in a title:
 * the annotators mostly read it as attributed ("he turned to “little” Marco
 * Rubio", "Cruz pledged to oppose it “today, tomorrow, forever.”").  The
 * cue is the nearest such verb before the quotation, the content runs from
 * after it to the quotation's end, the source is the sentence's subject.
 *   Sven Arvik turned on the “lazy dreamers” of the Vessmark council. */
static int try_quote_verb(builder *b, const dm_where *at)
{
	if (!b->ti || at->headline)
		return DM_PAT_NOT_HERE;
	const dm_text *t = b->t;
	const dm_sent *s = at->s;
	int made = 0;
	for (uint32_t i = s->tok_start; i < s->tok_end; i++) {
		int32_t q = t->toks[i].quote;
		if (q < 0 || t->quotes[q].open != i)
			continue;
		const dm_quote *x = &t->quotes[q];
		uint32_t end = x->close != UINT32_MAX ? x->close + 1 : x->last;
		if (words_in(t, (dm_range){x->first, x->last}) < QUOTE_VERB_WORDS || all_capitalised(t, x) ||
		    taken(b, i, end))
			continue;
		uint32_t v = i;
		while (v > s->tok_start && i - v <= QUOTE_VERB_REACH && t->toks[v - 1].quote < 0 &&
		       !content_verb(b, v - 1))
			v--;
		if (v == s->tok_start || i - v > QUOTE_VERB_REACH || t->toks[v - 1].quote >= 0 || taken(b, v - 1, v))
			continue;
		dm_cand *c = new_cand(b);
		if (!c)
			return DM_PAT_NO_MEMORY;
		c->cue = (dm_range){v - 1, v};
		c->content = (dm_range){dm_tok_eq(t, v, "that") ? v + 1 : v, end};
		if (!dm_source_subject(t, s->tok_start, v - 1, c))
			c->source = (dm_range){0, 0};
		finish(b, c, end, end, 0);
		made = 1;
	}
	return made ? DM_PAT_MADE : DM_PAT_NOT_HERE;
}

static int by_first(const void *x, const void *y)
{
	const dm_range *a = x, *b = y;
	return a->first < b->first ? -1 : a->first > b->first;
}

/* Is token I inside one of the sorted ranges R[0, n)? */
static int inside(const dm_range *r, size_t n, uint32_t i)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (r[mid].first <= i)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* r[lo-1] is the last range starting at or before i; ranges may nest,
	 * so look back over those still reaching past i. */
	for (size_t k = lo; k-- > 0 && lo - k <= 8;)
		if (r[k].last > i)
			return 1;
	return 0;
}

/* Is the quotation X all its paragraph holds but a number, a line with no
 * sentence's end in it or after it: a subheading quoting a phrase ("6.
 * “The harbour problem”", "“… to close the pier to ferries”"), no
 * statement? */
#define HEADING_WORDS 16
static int heading(const dm_text *t, const dm_quote *x, uint32_t para)
{
	const dm_para *p = &t->paras[para];
	if (x->close == UINT32_MAX || words_in(t, (dm_range){x->first, x->last}) > HEADING_WORDS)
		return 0;
	for (uint32_t i = p->tok_start; i < p->tok_end; i++)
		if ((i < x->open || i > x->close) &&
		    (((t->toks[i].flags & TK_WORD) && !(t->toks[i].flags & TK_NUM)) ||
		     (i > x->close && (dm_tok_is(t, i, '.') || dm_tok_is(t, i, '!') || dm_tok_is(t, i, '?')))))
			return 0;
	for (uint32_t i = x->first; i < x->last; i++)
		if (dm_tok_is(t, i, '.') || dm_tok_is(t, i, '!') || dm_tok_is(t, i, '?') || dm_tok_is(t, i, ','))
			return 0;
	return 1;
}

/* credited_quote: a quotation the page set apart, with the line after it
 * that credits a name (dm_text.credits): each of its paragraphs is a
 * direct statement of that name, the bracket or dash before the name its
 * cue.  AT is not used.
 *   The ferry is the best way to cross, if it runs at all.
 *   [Harbour Weekly] */
static int try_credited_quote(builder *b, const dm_where *at)
{
	(void)at;
	dm_text *t = b->t;
	int status = DM_PAT_NOT_HERE;
	size_t p = 0; /* credits come in text order: one sweep of the paragraphs */
	for (size_t k = 0; k < t->n_credits; k++) {
		const dm_credit *cr = &t->credits[k];
		while (p < t->n_paras && t->paras[p].end <= cr->quote_start)
			p++;
		size_t q = p;
		while (q < t->n_paras && t->paras[q].end <= cr->name_start)
			q++;
		if (q == t->n_paras || t->paras[q].start > cr->name_start)
			continue;
		const dm_para *np = &t->paras[q];
		dm_range name = {np->tok_end, np->tok_end};
		for (uint32_t i = np->tok_start; i < np->tok_end; i++)
			if (t->toks[i].start >= cr->name_start && t->toks[i].end <= cr->name_end) {
				name.first = name.first < i ? name.first : i;
				name.last = i + 1;
			}
		if (name.last <= name.first)
			continue;
		dm_range cue = name.first > np->tok_start ? (dm_range){name.first - 1, name.first}
		                                          : (dm_range){name.first, name.first};
		for (size_t j = p; j < q && t->paras[j].end <= cr->quote_end; j++) {
			const dm_para *qp = &t->paras[j];
			dm_range content = trim(t, (dm_range){qp->tok_start, qp->tok_end});
			if (qp->kind != PARA_BODY || words_in(t, content) < 3)
				continue;
			dm_cand *c = new_cand(b);
			if (!c)
				return DM_PAT_NO_MEMORY;
			c->source = c->name = name;
			c->cue = cue;
			c->content = content;
			c->kind = DM_DIRECT; /* the page quotes it, set apart */
			b->n++;
			status = DM_PAT_MADE;
		}
	}
	return status;
}

/* tweet: an embedded post, its words in one paragraph and its credit in
 * the next, "— NAME (@handle) DATE": the name (the display name, as
 * written) is the source, the dash the cue, the paragraph before, but a
 * link at its end, the content.  AT is not used.
 *   The ferry is late again and nobody says why. https://t.co/x1
 *   — Ada Lind (@adalind) November 18, 2019
 * The post is its author's words as written: a direct statement. */
static int try_tweet(builder *b, const dm_where *at)
{
	(void)at;
	dm_text *t = b->t;
	int status = DM_PAT_NOT_HERE;
	for (size_t p = 1; p < t->n_paras; p++) {
		const dm_para *cr = &t->paras[p], *tw = &t->paras[p - 1];
		uint32_t i = cr->tok_start, e = i + 1;
		if (cr->kind != PARA_BODY || tw->kind != PARA_BODY || i + 5 >= cr->tok_end || !dm_tok_dash(t, i))
			continue;
		uint32_t name_end = i + 1; /* the display name, its words (an emoji may follow them) */
		while (e < cr->tok_end && e - i <= 8 && !dm_tok_is(t, e, '('))
			if (t->toks[e++].flags & TK_WORD)
				name_end = e;
		if (name_end == i + 1 || e + 3 >= cr->tok_end || !dm_tok_is(t, e, '(') || !dm_tok_is(t, e + 1, '@'))
			continue;
		uint32_t ce = tw->tok_start;
		while (ce < tw->tok_end && !dm_tok_eq(t, ce, "https") && !dm_tok_eq(t, ce, "http") &&
		       !dm_tok_eq(t, ce, "pic"))
			ce++; /* the link the post ends with */
		dm_range content = trim(t, (dm_range){tw->tok_start, ce});
		if (words_in(t, content) < 3 || overlaps(b, content))
			continue;
		dm_cand *c = new_cand(b);
		if (!c)
			return DM_PAT_NO_MEMORY;
		c->source = (dm_range){i + 1, name_end};
		dm_find_name(t, c->source, c);
		if (c->name.last == c->name.first)
			c->name = c->source; /* "tall glass of coquito": a display name is a name */
		c->cue = (dm_range){i, i + 1};
		c->content = content;
		size_t made = b->n;
		finish(b, c, content.last, content.last, 0);
		if (b->n > made)
			b->cands[made].kind = DM_DIRECT; /* the post's own words, quoted by embedding */
		status = DM_PAT_MADE;
	}
	return status;
}

/* continued_quote: "QUOTATION" opening a sentence with no cue, once every
 * sentence is done: it goes on the previous speaker's.  It is more of the
 * statement just before it in the paragraph when that one ended on its cue
 * ("“A,” he said. “B.”"), else a statement of its own.  AT is not used.
 *   “The budget is fixed,” Ines Kolar said. “We will not wait for the
 *   ministry.” */
static int try_continued_quote(builder *b, const dm_where *at)
{
	(void)at;
	dm_text *t = b->t;
	size_t made = b->n, n = 0;
	int status = DM_PAT_NOT_HERE;
	dm_range *occ = malloc((made * 4 + 1) * sizeof *occ);
	if (!occ)
		return DM_PAT_NO_MEMORY;
	for (size_t i = 0; i < made; i++) {
		const dm_cand *c = &b->cands[i];
		const dm_range parts[4] = {c->content, c->rest, c->source, c->cue};
		for (int k = 0; k < 4; k++)
			if (parts[k].first < parts[k].last)
				occ[n++] = parts[k];
	}
	qsort(occ, n, sizeof *occ, by_first);
	for (size_t si = 0; si < t->n_sents; si++) {
		const dm_sent *s = &t->sents[si];
		if (t->paras[s->para].kind != PARA_BODY)
			continue;
		int32_t q = t->toks[s->tok_start].quote;
		if (q < 0 || t->quotes[q].open != s->tok_start || inside(occ, n, s->tok_start) ||
		    (s->tok_start + 1 < s->tok_end && inside(occ, n, s->tok_start + 1)))
			continue; /* a statement holds it, or its first words ('"WALLACE: ...') */
		const dm_quote *x = &t->quotes[q];
		uint32_t end = x->close != UINT32_MAX ? x->close + 1 : x->last;
		dm_range r = {x->open, end};
		if (words_in(t, r) < 3 || heading(t, x, s->para))
			continue;
		size_t last = si > 0 && b->sent_last && t->sents[si - 1].para == s->para ? b->sent_last[si - 1] : 0;
		if (last) {
			dm_cand *prev = &b->cands[last - 1];
			if (prev->rest.last == prev->rest.first && !prev->continued && prev->kind != DM_HEADLINE &&
			    prev->cue.first >= prev->content.last) {
				prev->rest = r;
				if (kind_of(t, r) != prev->kind)
					prev->kind = DM_MIXED;
				status = DM_PAT_MADE;
				continue;
			}
		}
		dm_cand *c = new_cand(b);
		if (!c) {
			status = DM_PAT_NO_MEMORY;
			break;
		}
		c->content = r;
		c->continued = 1;
		finish(b, c, r.first, r.first, 0);
		status = DM_PAT_MADE;
	}
	free(occ);
	return status;
}

/* The shapes of attribution, in the order they are tried.  Stage by stage:
 * once a sentence, before its cues (a statement made is the sentence's
 * only one); on each token of the sentence, where the first pattern whose
 * shape the token has decides it (a pattern that sees its shape and makes
 * nothing leaves the token without a statement); once a sentence, after
 * its cues, each in turn; once a document, after every sentence. */
const dm_pattern dm_patterns[] = {
    {"colon_title", DM_STAGE_SENTENCE, try_colon_title},
    {"cue_noun", DM_STAGE_CUE, try_cue_noun},
    {"participle", DM_STAGE_CUE, try_participle},
    {"second_verb", DM_STAGE_CUE, try_second_verb},
    {"according_to", DM_STAGE_CUE, try_according_to},
    {"source_cue_content", DM_STAGE_CUE, try_source_cue_content},
    {"split_quote_source_cue", DM_STAGE_CUE, try_split_quote_source_cue},
    {"content_source_cue", DM_STAGE_CUE, try_content_source_cue},
    {"content_cue_source", DM_STAGE_CUE, try_content_cue_source},
    {"learned", DM_STAGE_AFTER, try_learned},
    {"quote_verb", DM_STAGE_AFTER, try_quote_verb},
    {"credited_quote", DM_STAGE_DOCUMENT, try_credited_quote},
    {"tweet", DM_STAGE_DOCUMENT, try_tweet},
    {"continued_quote", DM_STAGE_DOCUMENT, try_continued_quote},
};
const size_t dm_n_patterns = sizeof dm_patterns / sizeof *dm_patterns;

/* The outcome of several tries: no memory, else made, else not made, else
 * not here. */
static int outcome(int so_far, int r)
{
	if (so_far == DM_PAT_NO_MEMORY || r == DM_PAT_NO_MEMORY)
		return DM_PAT_NO_MEMORY;
	if (so_far == DM_PAT_MADE || r == DM_PAT_MADE)
		return DM_PAT_MADE;
	return so_far == DM_PAT_NOT_MADE || r == DM_PAT_NOT_MADE ? DM_PAT_NOT_MADE : DM_PAT_NOT_HERE;
}

/* Is P to be tried in STAGE, when ONLY (if not NULL) is the one pattern
 * tried? */
static int tried(const dm_pattern *p, dm_stage stage, const dm_pattern *only)
{
	return p->stage == stage && (!only || p == only);
}

/* The driver: the sentence patterns of dm_patterns on sentence S, stage by
 * stage, in the table's order (ONLY, if not NULL, alone).  Returns the
 * outcome of the tries. */
static int sentence(builder *b, const dm_sent *s, int headline, const dm_pattern *only)
{
	dm_where at = {.s = s, .i = s->tok_start, .headline = headline, .first = b->n};
	int status = DM_PAT_NOT_HERE;
	/* a statement made here is the sentence's only one */
	for (size_t k = 0; k < dm_n_patterns; k++) {
		if (!tried(&dm_patterns[k], DM_STAGE_SENTENCE, only))
			continue;
		int r = dm_patterns[k].try(b, &at);
		status = outcome(status, r);
		if (r == DM_PAT_MADE || r == DM_PAT_NO_MEMORY)
			return status;
	}
	/* the first cue pattern whose shape a token has decides it */
	for (at.i = s->tok_start; at.i < s->tok_end; at.i++) {
		at.cue = cue_here(b, &at);
		/* every cue pattern but cue_noun wants a cue here: most tokens
		 * are neither, and go no further */
		if (!at.cue && !dm_tok_in(b->t, at.i, &dm_lex_cue_nouns))
			continue;
		for (size_t k = 0; k < dm_n_patterns; k++) {
			if (!tried(&dm_patterns[k], DM_STAGE_CUE, only))
				continue;
			int r = dm_patterns[k].try(b, &at);
			status = outcome(status, r);
			if (r == DM_PAT_NO_MEMORY)
				return status;
			if (r != DM_PAT_NOT_HERE)
				break;
		}
	}
	/* each in turn, whatever the one before made */
	at.i = s->tok_start;
	at.cue = 0;
	for (size_t k = 0; k < dm_n_patterns; k++)
		if (tried(&dm_patterns[k], DM_STAGE_AFTER, only))
			status = outcome(status, dm_patterns[k].try(b, &at));
	return status;
}

/* The document patterns of dm_patterns (ONLY, if not NULL, alone), once
 * every sentence is done. */
static int document(builder *b, const dm_pattern *only)
{
	dm_where at = {0};
	int status = DM_PAT_NOT_HERE;
	for (size_t k = 0; k < dm_n_patterns; k++)
		if (tried(&dm_patterns[k], DM_STAGE_DOCUMENT, only))
			status = outcome(status, dm_patterns[k].try(b, &at));
	return status;
}

/* Start B on T: the tag lexicon's facts (with MODELS) and a record of the
 * statements of each sentence.  Returns -1 on no memory. */
static int start(builder *b, dm_text *t, const dm_models *models, dm_arena *arena)
{
	*b = (builder){.t = t, .a = arena, .models = models};
	if (models && !(b->ti = dm_tokinfo_new(t, models->tags)))
		return -1;
	b->sent_last = calloc(t->n_sents + 1, sizeof *b->sent_last); /* without it, no merging */
	return 0;
}

/* Sentence SI of a body or title paragraph through the patterns (ONLY, if
 * not NULL, alone); records the last statement made from it. */
static int attribute_sentence(builder *b, size_t si, const dm_pattern *only)
{
	const dm_text *t = b->t;
	uint8_t kind = t->paras[t->sents[si].para].kind;
	size_t before = b->n;
	int status = DM_PAT_NOT_HERE;
	if (kind == PARA_BODY || kind == PARA_TITLE)
		status = sentence(b, &t->sents[si], kind == PARA_TITLE, only);
	if (b->sent_last && b->n > before)
		b->sent_last[si] = b->n;
	return status;
}

int dm_pattern_run(dm_text *t, const dm_models *models, dm_arena *a, const char *name, size_t sent, dm_cand **out,
                   size_t *n, size_t *first)
{
	const dm_pattern *p = NULL;
	for (size_t k = 0; k < dm_n_patterns && !p; k++)
		if (!strcmp(dm_patterns[k].name, name))
			p = &dm_patterns[k];
	builder b;
	if (!p || start(&b, t, models, a))
		return DM_PAT_NO_MEMORY;
	int status = DM_PAT_NOT_HERE;
	if (p->stage == DM_STAGE_DOCUMENT) {
		for (size_t si = 0; si < t->n_sents; si++)
			attribute_sentence(&b, si, NULL);
		*first = b.n;
		status = document(&b, p);
	} else {
		for (size_t si = 0; si < t->n_sents && si < sent; si++)
			attribute_sentence(&b, si, NULL);
		*first = b.n;
		if (sent < t->n_sents)
			status = attribute_sentence(&b, sent, p);
	}
	free(b.sent_last);
	free(b.ti);
	*out = b.cands;
	*n = b.n;
	return status;
}

static int by_position(const void *x, const void *y)
{
	const dm_cand *a = x, *b = y;
	uint32_t pa = a->content.first, pb = b->content.first;
	return pa < pb ? -1 : pa > pb;
}

static void to_statement(builder *b, const dm_cand *c, dm_statement *st)
{
	dm_text *t = b->t;
	memset(st, 0, sizeof *st);
	st->kind = (dm_kind)c->kind;
	dm_buf text = {0};
	dm_span parts[DM_MAX_PARTS];
	const dm_range ranges[2] = {c->content, c->rest};
	for (int r = 0; r < 2; r++)
		for (size_t p = ranges[r].last > ranges[r].first ? para_of(t, ranges[r].first) : t->n_paras;
		     p < t->n_paras && t->paras[p].tok_start < ranges[r].last && st->n_content < DM_MAX_PARTS; p++) {
			const dm_para *para = &t->paras[p];
			if (para->kind != PARA_BODY && para->kind != PARA_TITLE)
				continue;
			uint32_t f = ranges[r].first > para->tok_start ? ranges[r].first : para->tok_start;
			uint32_t l = ranges[r].last < para->tok_end ? ranges[r].last : para->tok_end;
			if (f >= l)
				continue;
			dm_span sp = {t->toks[f].start, t->toks[l - 1].end};
			parts[st->n_content++] = sp;
			if (text.len)
				dm_buf_putc(&text, ' ');
			dm_buf_add(&text, t->raw + sp.start, sp.end - sp.start);
		}
	/* most have one part: room for as many as there are, not DM_MAX_PARTS */
	dm_span *content = st->n_content ? dm_arena_alloc(b->a, st->n_content * sizeof *parts) : NULL;
	if (content)
		memcpy(content, parts, st->n_content * sizeof *parts);
	else
		st->n_content = 0;
	st->content = content;
	st->content_text = dm_arena_strndup(b->a, text.data ? text.data : "", text.len);
	dm_buf_free(&text);
	if (c->source.last > c->source.first) {
		st->source = (dm_span){t->toks[c->source.first].start, t->toks[c->source.last - 1].end};
		st->speaker_mention = span_text(b, c->source.first, c->source.last);
	}
	if (c->cue.last > c->cue.first) {
		st->cue = (dm_span){t->toks[c->cue.first].start, t->toks[c->cue.last - 1].end};
		st->cue_text = span_text(b, c->cue.first, c->cue.last);
	}
	st->speaker = c->speaker;
	st->speaker_type = (dm_speaker_type)c->type;
	st->venue = c->venue;
	const char **via = c->n_via ? dm_arena_alloc(b->a, (size_t)c->n_via * sizeof *via) : NULL;
	if (via)
		memcpy(via, c->via, (size_t)c->n_via * sizeof *via);
	st->via = via;
	st->n_via = via ? c->n_via : 0;
}

/* A relayed interview is relayed whole: later statements of the speaker of
 * a statement with relays share them.  A venue is read only where it is
 * written ("told Radio Lumen"): another cue of the same speaker may be
 * another occasion. */
#define MAX_SHARED 32

static void share_relays(dm_cand *cands, size_t n)
{
	const dm_cand *seen[MAX_SHARED]; /* the latest with relays, per speaker */
	size_t n_seen = 0;
	for (size_t i = 0; i < n; i++) {
		dm_cand *c = &cands[i];
		if (!c->speaker)
			continue;
		size_t k = 0;
		while (k < n_seen && strcmp(seen[k]->speaker, c->speaker) != 0)
			k++;
		if (c->n_via) {
			if (k < n_seen)
				seen[k] = c;
			else if (n_seen < MAX_SHARED)
				seen[n_seen++] = c;
			continue;
		}
		if (k == n_seen)
			continue;
		memcpy(c->via, seen[k]->via, sizeof c->via);
		c->n_via = seen[k]->n_via;
	}
}

/* A title "Name: claim" is a statement only when the body quotes that
 * name too; "Stealth Over Health: ..." names nobody. */
static int confirmed(const builder *b, const dm_cand *title)
{
	for (size_t i = 0; i < b->n; i++) {
		const dm_cand *c = &b->cands[i];
		if (c != title && !c->colon_title && c->speaker && title->speaker &&
		    !strcmp(c->speaker, title->speaker))
			return 1;
	}
	return 0;
}

/* Does the headline statement H say again what a statement of the body
 * says: most of its words (three letters or more, case aside) in one body
 * statement's content? */
static int repeats_body(const builder *b, const dm_cand *h)
{
	const dm_text *t = b->t;
	for (size_t i = 0; i < b->n; i++) {
		const dm_cand *c = &b->cands[i];
		if (c->kind == DM_HEADLINE)
			continue;
		size_t words = 0, shared = 0;
		for (uint32_t w = h->content.first; w < h->content.last; w++) {
			const dm_tok *k = &t->toks[w];
			if (!(k->flags & TK_WORD) || k->end - k->start < 3)
				continue;
			words++;
			const dm_range parts[2] = {c->content, c->rest};
			int found = 0;
			for (int p = 0; p < 2 && !found; p++)
				for (uint32_t j = parts[p].first; j < parts[p].last && !found; j++)
					found = t->toks[j].end - t->toks[j].start == k->end - k->start &&
					        !strncasecmp(t->raw + t->toks[j].start, t->raw + k->start,
					                     k->end - k->start);
			shared += found;
		}
		if (words && shared * 5 >= words * 3)
			return 1;
	}
	return 0;
}

int dm_attribute(dm_text *t, const dm_models *models, int attributions, dm_arena *arena, dm_document *doc)
{
	builder b;
	doc->statements = NULL;
	doc->n_statements = 0;
	if (start(&b, t, models, arena))
		return -1;
	b.attributions = attributions;
	for (size_t si = 0; si < t->n_sents; si++)
		attribute_sentence(&b, si, NULL);
	document(&b, NULL);
	free(b.sent_last);
	if (b.n)
		qsort(b.cands, b.n, sizeof *b.cands, by_position);
	dm_resolve(t, b.ti, arena, b.cands, b.n);
	share_relays(b.cands, b.n);
	doc->n_roles = dm_find_roles(t, arena, b.cands, b.n, &doc->roles);
	free(b.ti); /* the models' facts are done with: their room is the statements' */
	dm_statement *st = b.n ? calloc(b.n, sizeof *st) : NULL;
	size_t k = 0;
	for (size_t i = 0; i < b.n && st; i++)
		if ((!b.cands[i].colon_title || confirmed(&b, &b.cands[i])) &&
		    (b.cands[i].kind != DM_HEADLINE || attributions || !repeats_body(&b, &b.cands[i])))
			to_statement(&b, &b.cands[i], &st[k++]);
	free(b.cands);
	if (b.n && !st)
		return -1;
	doc->statements = st;
	doc->n_statements = k;
	return 0;
}
