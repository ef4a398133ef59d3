/*
 * Features of the attribution taggers.  Each template has a number that
 * seeds the hash of its values; numbers are never reused, so a model
 * trained before a template was changed reads the new one as unknown
 * rather than as something else.  Keep templates cheap: they run on
 * every token of every sentence that has a cue candidate.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "features.h"
#include "util/once.h"

const char *const dm_cue_classes[CUE_CLASSES] = {"O", "B-Cue", "I-Cue"};
const char *const dm_span_classes[SPAN_CLASSES] = {"O", "B-Source", "I-Source", "B-Content", "I-Content"};

int dm_tag_of_penn(const char *p)
{
	static const struct {
		const char *penn;
		int tag;
	} map[] = {{"NN", TAG_NN},    {"NNS", TAG_NN},    {"NNP", TAG_NNP},     {"NNPS", TAG_NNP},   {"PRP", TAG_PRP},
	           {"EX", TAG_PRP},   {"PRP$", TAG_POSS}, {"WP$", TAG_POSS},    {"POS", TAG_POSS},   {"VB", TAG_VB},
	           {"VBD", TAG_VBD},  {"VBZ", TAG_VBZ},   {"VBP", TAG_VBZ},     {"VBN", TAG_VBN},    {"VBG", TAG_VBG},
	           {"MD", TAG_MD},    {"JJ", TAG_JJ},     {"JJR", TAG_JJ},      {"JJS", TAG_JJ},     {"CD", TAG_JJ},
	           {"RB", TAG_RB},    {"RBR", TAG_RB},    {"RBS", TAG_RB},      {"RP", TAG_RB},      {"IN", TAG_IN},
	           {"DT", TAG_DT},    {"PDT", TAG_DT},    {"TO", TAG_TO},       {"WP", TAG_WH},      {"WDT", TAG_WH},
	           {"WRB", TAG_WH},   {"CC", TAG_CC},     {",", TAG_PUNCT},     {".", TAG_PUNCT},    {":", TAG_PUNCT},
	           {"``", TAG_PUNCT}, {"''", TAG_PUNCT},  {"-LRB-", TAG_PUNCT}, {"-RRB-", TAG_PUNCT}};
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (!strcmp(p, map[i].penn))
			return map[i].tag;
	return -1;
}

enum {
	/* cue tagger */
	F_BIAS = 1,
	F_W,
	F_W_PREV,
	F_W_NEXT,
	F_W_PREV2,
	F_W_NEXT2,
	F_BI_PREV,
	F_BI_NEXT,
	F_SUF,
	F_SHAPE,
	F_SHAPE_PREV,
	F_SHAPE_NEXT,
	F_LEX,
	F_LEX_PREV,
	F_LEX_NEXT,
	F_QUOTE,
	F_LAB1,
	F_LAB2,
	F_LAB1_W,
	F_EDGE,
	F_THAT_AHEAD,
	F_QUOTE_PREV,
	F_SUBJECT,
	/* span tagger */
	S_SIDE_DIST = 40,
	S_W,
	S_W_SIDE,
	S_W_PREV,
	S_W_NEXT,
	S_SHAPE,
	S_LEX,
	S_CUE_W,
	S_CUE_W_DIST,
	S_CUE_LAST,
	S_COMMAS,
	S_QUOTES,
	S_LAB1,
	S_LAB2,
	S_LAB1_W,
	S_LAB1_SIDE,
	S_AFTER_THAT,
	S_EDGE,
	S_CUE_NEXT,
	S_CUE_PREV,
	S_TAG,
	S_TAG_PREV,
	S_TAG_NEXT,
	S_TAG_DIST,
	/* cue tagger, later additions */
	F_TAG = 70,
	F_TAG_PREV,
	F_TAG_NEXT,
	F_TAG_PREV2,
	F_TAG_NEXT2,
	F_STEM,
	/* tag lexicon keys */
	T_WORD = 90,
	T_SUFFIX,
};

/* A tag is in a token's set when it takes it this often. */
#define TAG_SHARE 0.15f

/* The word lists the models in models/ were trained with, in the order
 * they were: a token's feature names its list by its place here (days and
 * months never were features).  Fixed: a list added to the lexicon, or a
 * list's bit moved, changes nothing the models see; a list added here
 * means training the models again. */
static const dm_wordlist *const feature_lists[] = {
    &dm_lex_cues,      &dm_lex_roles,       &dm_lex_orgs,        &dm_lex_between,  &dm_lex_aux,
    &dm_lex_nameparts, &dm_lex_venue_preps, &dm_lex_participles, &dm_lex_function, &dm_lex_cue_nouns,
};
#define FEATURE_LISTS (sizeof feature_lists / sizeof *feature_lists)

/* The lexicon's classes as the models' lists: bit k for feature_lists[k]. */
typedef struct model_map {
	dm_lexmask bits;   /* the classes of the models' lists */
	uint8_t place[64]; /* of each of those classes, its list's place */
	int same;          /* each list's class is its place: nothing to map */
} model_map;

static void model_map_init(model_map *m)
{
	m->bits = 0;
	m->same = 1;
	for (size_t k = 0; k < FEATURE_LISTS; k++) {
		m->bits |= feature_lists[k]->bit;
		m->place[__builtin_ctzll(feature_lists[k]->bit)] = (uint8_t)k;
		m->same &= feature_lists[k]->bit == (dm_lexmask)1 << k;
	}
}

static uint16_t model_lists(const model_map *m, dm_lexmask lex)
{
	if (m->same)
		return (uint16_t)(lex & m->bits);
	uint16_t f = 0;
	for (lex &= m->bits; lex; lex &= lex - 1)
		f |= (uint16_t)(1u << m->place[__builtin_ctzll(lex)]);
	return f;
}

uint64_t dm_tag_key_word(const dm_tokinfo *ti)
{
	return dm_feat(T_WORD, ti->word, 0);
}

static uint64_t suffix_key(uint64_t suf, uint16_t flags)
{
	return dm_feat(T_SUFFIX, suf, (flags & TK_CAP) != 0);
}

uint64_t dm_tag_key_suffix(const dm_text *t, const dm_tokinfo *ti, uint32_t i)
{
	return suffix_key(dm_ti(t, ti, i)->suf, t->toks[i].flags);
}

uint32_t dm_tag_set(const float *p)
{
	uint32_t set = 0;
	for (int k = 0; k < TAG_CLASSES; k++)
		if (p[k] >= TAG_SHARE)
			set |= 1u << k;
	return set;
}

/* X's tags by the keys of its word and, failing that, of its suffix. */
static void tag_by(dm_tokinfo *x, uint64_t word_key, uint64_t suf_key, const dm_model *tags)
{
	const float *set = dm_model_row(tags, word_key);
	x->rare = !set;
	if (!set)
		set = dm_model_row(tags, suf_key);
	x->tags = set ? (uint32_t)set[0] : 0;
}

/* The tags of X, a token of FLAGS, from the lexicon TAGS. */
static void tag(dm_tokinfo *x, uint16_t flags, const dm_model *tags)
{
	tag_by(x, dm_tag_key_word(x), suffix_key(x->suf, flags), tags);
}

void dm_tokinfo_tag(const dm_text *t, dm_tokinfo *ti, const dm_model *tags)
{
	for (size_t f = 0; f < t->n_forms; f++)
		tag(&ti[f], t->forms[f].flags, tags);
}

static int vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

size_t dm_stem(char *w, size_t n)
{
	if (n > 5 && !memcmp(w + n - 3, "ing", 3))
		n -= 3;
	else if (n > 4 && (!memcmp(w + n - 3, "ied", 3) || !memcmp(w + n - 3, "ies", 3)))
		w[(n -= 2) - 1] = 'y';
	else if (n > 4 && !memcmp(w + n - 2, "ed", 2))
		n -= 2;
	else if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i')
		n -= 1;
	else
		return n > 3 && w[n - 1] == 'e' ? n - 1 : n;
	if (n > 3 && w[n - 1] == w[n - 2] && !vowel(w[n - 1]) && w[n - 1] != 's' && w[n - 1] != 'l')
		n--; /* slamm- */
	else if (n > 3 && w[n - 1] == 'e')
		n--; /* announce- */
	return n;
}

/* The infos of the form FM of T's tokens, but for its tags. */
static dm_tokinfo form_info(const dm_text *t, const model_map *map, const dm_form *fm)
{
	dm_tokinfo ti;
	char w[48];
	size_t n = dm_lower(t->raw + fm->start, fm->end - fm->start, w, sizeof w);
	if (!n) {
		memcpy(w, "<long>", 7);
		n = 6;
	}
	for (size_t j = 0; j < n; j++)
		if (w[j] >= '1' && w[j] <= '9')
			w[j] = '0';
	ti.word = dm_feat_str(w, n);
	ti.suf = dm_feat_str(w + (n > 3 ? n - 3 : 0), n > 3 ? 3 : n);
	ti.stem = dm_feat_str(w, dm_stem(w, n)); /* last: dm_stem may change W */
	/* Shape: classes of characters, runs collapsed, at most 6. */
	char s[8];
	size_t m = 0;
	for (uint32_t j = fm->start; j < fm->end && m < 6; j++) {
		unsigned char c = (unsigned char)t->raw[j];
		char cl = c >= 'A' && c <= 'Z'   ? 'X'
		          : c >= 'a' && c <= 'z' ? 'x'
		          : c >= '0' && c <= '9' ? 'd'
		          : c >= 0x80            ? 'u'
		                                 : (char)c;
		if (c >= 0x80 && c < 0xC0)
			continue; /* continuation byte */
		if (!m || s[m - 1] != cl)
			s[m++] = cl;
	}
	ti.shape = dm_feat_str(s, m);
	ti.lex = model_lists(map, fm->lex);
	ti.tags = 0;
	ti.rare = 0;
	return ti;
}

/* A new form of dm_tokinfo_new: its index, and its keys in the tag
 * lexicon (dm_tag_key_word, suffix_key), made when it was asked for. */
typedef struct new_form {
	size_t f;
	uint64_t keys[2];
} new_form;

/* The tags of the form N->f of T (its infos in FORMS, made but for them),
 * and its infos kept in the thread's cache C (if any). */
static void finish_form(const dm_text *t, dm_tokinfo *forms, const new_form *n, const dm_model *tags, dm_tokcache *c)
{
	size_t f = n->f;
	const dm_form *fm = &t->forms[f];
	if (tags)
		tag_by(&forms[f], n->keys[0], n->keys[1], tags);
	if (c)
		dm_tokcache_put(c, fm->hash, t->raw + fm->start, fm->end - fm->start, fm->flags, &forms[f]);
}

dm_tokinfo *dm_tokinfo_new(const dm_text *t, const dm_model *tags)
{
	dm_tokinfo *forms = malloc((t->n_forms ? t->n_forms : 1) * sizeof *forms);
	if (!forms)
		return NULL;
	model_map map;
	model_map_init(&map);
	dm_tokcache *c = dm_tokcache_thread(tags);
	enum { AHEAD = 8 }; /* a form's set asked for while those before it are read */
	/* A form not in the cache has its tags looked up LAG such forms
	 * later, its rows in the tag lexicon asked for when its infos are
	 * made: that look-up is a wait for memory, which the infos of the
	 * forms after it fill. */
	enum { LAG = 4 };
	new_form lag[LAG]; /* the last LAG of them by missed % LAG */
	size_t missed = 0;
	for (size_t f = 0; c && f < AHEAD && f < t->n_forms; f++)
		dm_tokcache_prefetch(c, t->forms[f].hash);
	for (size_t f = 0; f < t->n_forms; f++) {
		const dm_form *fm = &t->forms[f];
		if (c && f + AHEAD < t->n_forms)
			dm_tokcache_prefetch(c, t->forms[f + AHEAD].hash);
		const char *b = t->raw + fm->start;
		size_t n = fm->end - fm->start;
		const dm_tokinfo *kept = c ? dm_tokcache_get(c, fm->hash, b, n, fm->flags) : NULL;
		if (kept) {
			forms[f] = *kept;
			continue;
		}
		forms[f] = form_info(t, &map, fm);
		if (missed >= LAG)
			finish_form(t, forms, &lag[missed % LAG], tags, c);
		new_form *nf = &lag[missed++ % LAG];
		*nf = (new_form){f, {0, 0}};
		if (tags) {
			nf->keys[0] = dm_tag_key_word(&forms[f]);
			nf->keys[1] = suffix_key(forms[f].suf, fm->flags);
			dm_model_prefetch(tags, nf->keys, 2);
		}
	}
	for (size_t k = missed > LAG ? missed - LAG : 0; k < missed; k++)
		finish_form(t, forms, &lag[k % LAG], tags, c);
	return forms;
}

#define NONE 0x9e3779b97f4a7c15ull /* the word beyond the sentence */

static uint64_t word_at(const dm_text *t, const dm_tokinfo *ti, uint32_t ss, uint32_t se, int64_t i)
{
	return i < (int64_t)ss || i >= (int64_t)se ? NONE : dm_ti(t, ti, (uint32_t)i)->word;
}

static uint64_t tag_at(const dm_text *t, const dm_tokinfo *ti, uint32_t ss, uint32_t se, int64_t i)
{
	return i < (int64_t)ss || i >= (int64_t)se ? 1u << 31 : dm_ti(t, ti, (uint32_t)i)->tags;
}

/* One feature per word list the token is in, among the lists the models
 * were trained with (model_lists). */
static size_t lex_feats(uint64_t half, uint16_t lex, uint64_t *f)
{
	size_t n = 0;
	for (unsigned m = lex; m; m &= m - 1) /* its set bits, lowest first */
		f[n++] = dm_feat_with(half, (uint64_t)__builtin_ctz(m));
	return n;
}

static uint64_t quote_state(const dm_text *t, uint32_t i)
{
	return (t->toks[i].flags & TK_QUOTE ? 1 : 0) | (t->toks[i].quote >= 0 ? 2 : 0);
}

/* The keys of the cue features of few values (the labels before a token,
 * quotation states, 9 for none; the sentence's edges), made once a
 * process: a token's are read, not hashed. */
enum { FEW = 10 };
static struct {
	uint64_t lab1[FEW], lab2[FEW][FEW], quote[FEW][FEW], quote_prev[FEW][FEW], edge[2][2];
} few;
static dm_once few_once = DM_ONCE_INIT;

static void make_few(void)
{
	for (uint64_t a = 0; a < FEW; a++) {
		few.lab1[a] = dm_feat(F_LAB1, a, 0);
		for (uint64_t b = 0; b < FEW; b++) {
			few.lab2[a][b] = dm_feat(F_LAB2, a, b);
			few.quote[a][b] = dm_feat(F_QUOTE, a, b);
			few.quote_prev[a][b] = dm_feat(F_QUOTE_PREV, a, b);
		}
	}
	for (uint64_t a = 0; a < 2; a++)
		for (uint64_t b = 0; b < 2; b++)
			few.edge[a][b] = dm_feat(F_EDGE, a, b);
}

/* KEYS[a][b], or the key made anew when A or B is out of its range. */
static uint64_t few_key(const uint64_t (*keys)[FEW], uint32_t tpl, uint64_t a, uint64_t b)
{
	return a < FEW && b < FEW ? keys[a][b] : dm_feat(tpl, a, b);
}

_Static_assert(CUE_CLASSES <= DM_GROUP_LANES && SPAN_CLASSES <= DM_GROUP_LANES,
               "a tagger's scores fit in a kept group's lanes");

/* What the features of a word alone depend on, as one key for its kept
 * sum (dm_group_get), with ROLE: whose features they are (the cue
 * tagger's, or the span tagger's on one side of the cue).  The stem and
 * the suffix are made of the word's bytes (form_info), so its hash holds
 * them; its shape, lists and tags are mixed in. */
static uint64_t own_key(const dm_tokinfo *x, uint64_t role)
{
	return dm_mix64(x->word ^
	                dm_mix64((x->shape ^ ((uint64_t)x->tags << 16 | x->lex)) + role * 0x9e3779b97f4a7c15ull));
}

/* The cue features of the word of token infos X alone, and of it after
 * the label L1: the same for every token of the word after that label,
 * so the tagger sums their rows once a thread. */
static size_t cue_own(const dm_tokinfo *x, uint64_t l1, uint64_t *f)
{
	size_t n = 0;
	f[n++] = dm_feat(F_W, x->word, 0);
	f[n++] = dm_feat(F_STEM, x->stem, 0);
	f[n++] = dm_feat(F_SUF, x->suf, 0);
	f[n++] = dm_feat(F_SHAPE, x->shape, 0);
	n += lex_feats(dm_feat_half(F_LEX, 0), x->lex, f + n);
	f[n++] = dm_feat(F_TAG, x->tags, 0);
	f[n++] = dm_feat(F_LAB1_W, l1, x->word);
	return n;
}

/* What token I's cue features of few values depend on: the labels before
 * it, the quotation states about it, the sentence's edges, a "that" a few
 * tokens ahead and a subject a few before.  Few combinations occur, so
 * the tagger sums their rows once a thread for each. */
typedef struct cue_layout {
	uint8_t q, q_next, q_prev, q_prev2; /* quote_state, 9 beyond the sentence */
	uint8_t l1, l2;                     /* the labels before, 9 beyond */
	uint8_t first, last;                /* at the sentence's edges */
	uint8_t that;                       /* how far ahead "that" is (1 to 3), 0: not there */
	uint8_t subject, pro;               /* how far back the subject is (1 to 4; 0 none), its pronoun kind */
} cue_layout;

static cue_layout cue_layout_of(const dm_text *t, uint32_t ss, uint32_t se, uint32_t i, const uint8_t *lab)
{
	cue_layout c;
	memset(&c, 0, sizeof c);
	c.q = (uint8_t)quote_state(t, i);
	c.q_next = i + 1 < se ? (uint8_t)quote_state(t, i + 1) : 9;
	c.q_prev = i > ss ? (uint8_t)quote_state(t, i - 1) : 9;
	c.q_prev2 = i > ss + 1 ? (uint8_t)quote_state(t, i - 2) : 9;
	c.l1 = i > ss ? lab[i - 1 - ss] : 9;
	c.l2 = i > ss + 1 ? lab[i - 2 - ss] : 9;
	c.first = i == ss;
	c.last = i + 1 == se;
	for (uint32_t j = i + 1; j < se && j <= i + 3; j++)
		if (dm_tok_eq(t, j, "that")) {
			c.that = (uint8_t)(j - i);
			break;
		}
	/* A subject just before: a pronoun or a capitalised word. */
	for (uint32_t j = i; j-- > ss && j + 4 >= i;) {
		const dm_tok *k = &t->toks[j];
		if (k->quote >= 0 || (k->flags & TK_QUOTE))
			break;
		char w[8];
		int pro = dm_tok_in(t, j, &dm_lex_pronouns) && dm_tok_lower(t, j, w, sizeof w) ? dm_lex_pronoun(w) : 0;
		if (pro || ((k->flags & TK_CAP) && j > ss)) {
			c.subject = (uint8_t)(i - j);
			c.pro = (uint8_t)pro;
			break;
		}
	}
	return c;
}

/* All of C in one key: each value in bits of its own. */
static uint64_t cue_layout_key(const cue_layout *c)
{
	return (uint64_t)c->q | (uint64_t)c->q_next << 4 | (uint64_t)c->q_prev << 8 | (uint64_t)c->q_prev2 << 12 |
	       (uint64_t)c->l1 << 16 | (uint64_t)c->l2 << 20 | (uint64_t)c->first << 24 | (uint64_t)c->last << 25 |
	       (uint64_t)c->that << 26 | (uint64_t)c->subject << 28 | (uint64_t)c->pro << 32 | (uint64_t)'L' << 56;
}

static size_t cue_layout_feats(const cue_layout *c, uint64_t *f)
{
	dm_once_run(&few_once, make_few);
	size_t n = 0;
	f[n++] = dm_feat(F_BIAS, 0, 0);
	f[n++] = few_key(few.quote, F_QUOTE, c->q, c->q_next);
	f[n++] = c->l1 < FEW ? few.lab1[c->l1] : dm_feat(F_LAB1, c->l1, 0);
	f[n++] = few_key(few.lab2, F_LAB2, c->l1, c->l2);
	f[n++] = few.edge[c->first][c->last];
	if (c->that)
		f[n++] = dm_feat(F_THAT_AHEAD, c->that, 0);
	f[n++] = few_key(few.quote_prev, F_QUOTE_PREV, c->q_prev, c->q_prev2);
	if (c->subject)
		f[n++] = dm_feat(F_SUBJECT, c->subject, c->pro);
	return n;
}

/* The rest of token I's cue features: its neighbours' words, shapes,
 * lists and tags. */
static size_t cue_context(const dm_text *t, const dm_tokinfo *ti, uint32_t ss, uint32_t se, uint32_t i, uint64_t *f)
{
	size_t n = 0;
	uint64_t w = dm_ti(t, ti, i)->word, wp = word_at(t, ti, ss, se, (int64_t)i - 1),
	         wn = word_at(t, ti, ss, se, (int64_t)i + 1);
	f[n++] = dm_feat(F_W_PREV, wp, 0);
	f[n++] = dm_feat(F_W_NEXT, wn, 0);
	f[n++] = dm_feat(F_W_PREV2, word_at(t, ti, ss, se, (int64_t)i - 2), 0);
	f[n++] = dm_feat(F_W_NEXT2, word_at(t, ti, ss, se, (int64_t)i + 2), 0);
	f[n++] = dm_feat(F_BI_PREV, wp, w);
	f[n++] = dm_feat(F_BI_NEXT, w, wn);
	f[n++] = dm_feat(F_SHAPE_PREV, i > ss ? dm_ti(t, ti, i - 1)->shape : NONE, dm_ti(t, ti, i)->shape);
	f[n++] = dm_feat(F_SHAPE_NEXT, dm_ti(t, ti, i)->shape, i + 1 < se ? dm_ti(t, ti, i + 1)->shape : NONE);
	if (i > ss)
		n += lex_feats(dm_feat_half(F_LEX_PREV, 0), dm_ti(t, ti, i - 1)->lex, f + n);
	if (i + 1 < se)
		n += lex_feats(dm_feat_half(F_LEX_NEXT, 0), dm_ti(t, ti, i + 1)->lex, f + n);
	uint64_t tg = dm_ti(t, ti, i)->tags, tp = tag_at(t, ti, ss, se, (int64_t)i - 1),
	         tn = tag_at(t, ti, ss, se, (int64_t)i + 1);
	f[n++] = dm_feat(F_TAG_PREV, tp, tg);
	f[n++] = dm_feat(F_TAG_NEXT, tg, tn);
	f[n++] = dm_feat(F_TAG_PREV2, tag_at(t, ti, ss, se, (int64_t)i - 2), tp);
	f[n++] = dm_feat(F_TAG_NEXT2, tn, tag_at(t, ti, ss, se, (int64_t)i + 2));
	return n;
}

size_t dm_cue_features(const dm_text *t, const dm_tokinfo *ti, uint32_t ss, uint32_t se, uint32_t i, const uint8_t *lab,
                       uint64_t *f)
{
	cue_layout c = cue_layout_of(t, ss, se, i, lab);
	size_t n = cue_own(dm_ti(t, ti, i), c.l1, f);
	n += cue_layout_feats(&c, f + n);
	return n + cue_context(t, ti, ss, se, i, f + n);
}

/* The cue model's scores of token I (dm_cue_scores): the sums of its
 * word's own rows and of its layout's, kept in G, and the rest. */
static void cue_scores(const dm_model *m, dm_groups *g, const dm_text *t, const dm_tokinfo *ti, uint32_t ss,
                       uint32_t se, uint32_t i, const uint8_t *lab, float *scores)
{
	uint64_t f[DM_MAX_FEATS];
	size_t n = cue_context(t, ti, ss, se, i, f);
	float acc[DM_MODEL_LANES];
	dm_model_start(m, acc);
	cue_layout c = cue_layout_of(t, ss, se, i, lab);
	const dm_tokinfo *x = dm_ti(t, ti, i);
	uint64_t key = own_key(x, 'C' | (uint64_t)c.l1 << 8);
	const float *own = dm_group_get(g, m, key);
	if (!own)
		own = dm_group_put(g, m, key, f + n, cue_own(x, c.l1, f + n));
	dm_group_add(own, acc);
	key = cue_layout_key(&c);
	const float *layout = dm_group_get(g, m, key);
	if (!layout)
		layout = dm_group_put(g, m, key, f + n, cue_layout_feats(&c, f + n));
	dm_group_add(layout, acc);
	dm_model_add(m, f, n, acc);
	memcpy(scores, acc, CUE_CLASSES * sizeof *scores);
}

void dm_cue_scores(const dm_model *m, const dm_text *t, const dm_tokinfo *ti, uint32_t ss, uint32_t se, uint32_t i,
                   const uint8_t *lab, float *scores)
{
	cue_scores(m, dm_groups_thread(), t, ti, ss, se, i, lab, scores);
}

/* The bucket of a distance D from the cue: 0 to 4 as they are, then 5-6,
 * 7-10, 11-20 and beyond. */
static uint64_t bucket(uint32_t d)
{
	static const uint8_t of[21] = {0, 1, 2, 3, 4, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7};
	return d <= 20 ? of[d] : 8;
}

/* Commas and quotation marks among the tokens [lo, hi), as a span feature
 * counts them: at most 2 each. */
typedef struct between {
	uint64_t commas, quotes;
} between;

/* Token J's part of those counts, added (SIGN 1) or taken away (-1). */
static void tally(const dm_text *t, uint32_t j, int sign, between *b)
{
	b->commas += (uint64_t)(sign * dm_tok_is(t, j, ','));
	b->quotes += (uint64_t)(sign * ((t->toks[j].flags & TK_QUOTE) != 0));
}

/* What lies between token I and CUE (the span features' counts), token
 * by token: for one token; dm_tag_spans keeps it as it moves. */
static between count_between(const dm_text *t, dm_range cue, uint32_t i)
{
	uint32_t lo = i < cue.first ? i + 1 : cue.last, hi = i < cue.first ? cue.first : i;
	between b = {0, 0};
	for (uint32_t j = lo; j < hi; j++)
		tally(t, j, 1, &b);
	return b;
}

/* The side of CUE token I is on, and how far from it. */
static uint64_t side_of(dm_range cue, uint32_t i)
{
	return i < cue.first ? 'L' : i >= cue.last ? 'R' : 'C';
}

static uint32_t dist_of(dm_range cue, uint32_t i)
{
	return i < cue.first ? cue.first - i : i >= cue.last ? i - cue.last + 1 : 0;
}

/* The span tagger's features of the cue as seen from SIDE: the same for
 * every token on that side, so the decoder adds their weights once. */
static size_t span_cue_side(const dm_text *t, const dm_tokinfo *ti, uint32_t ss, uint32_t se, dm_range cue,
                            uint64_t side, uint64_t *f)
{
	f[0] = dm_feat(F_BIAS, 0, 0);
	f[1] = dm_feat(S_CUE_W, dm_ti(t, ti, cue.first)->word, side);
	f[2] = dm_feat(S_CUE_LAST, dm_ti(t, ti, cue.last - 1)->word, side);
	f[3] = dm_feat(S_CUE_NEXT, word_at(t, ti, ss, se, cue.last), side);
	f[4] = dm_feat(S_CUE_PREV, word_at(t, ti, ss, se, (int64_t)cue.first - 1), side);
	return 5;
}

/* Those of the cue and SD, the side and the bucket of the distance from
 * it: the same for every token there. */
static size_t span_cue_dist(const dm_text *t, const dm_tokinfo *ti, dm_range cue, uint64_t sd, uint64_t *f)
{
	f[0] = dm_feat(S_SIDE_DIST, sd, 0);
	f[1] = dm_feat(S_CUE_W_DIST, dm_ti(t, ti, cue.first)->word, sd);
	return 2;
}

/* What the keys of token I's own features (span_token) share with every
 * token on the same side of CUE: the halves (dm_feat_half) of those whose
 * second value is the side or the cue's quotation state, the whole keys
 * of those of few values.  Worked out once a window for each side. */
typedef struct side_keys {
	uint64_t side;
	uint64_t w_side, w_prev, w_next, shape, lex, tag; /* halves */
	uint64_t quotes[4];                               /* halves, by the token's quotation state */
	uint64_t commas[3], edge[2][2];                   /* keys */
} side_keys;

static void side_keys_of(const dm_text *t, dm_range cue, uint64_t side, side_keys *k)
{
	k->side = side;
	k->w_side = dm_feat_half(S_W_SIDE, side);
	k->w_prev = dm_feat_half(S_W_PREV, side);
	k->w_next = dm_feat_half(S_W_NEXT, side);
	k->shape = dm_feat_half(S_SHAPE, side);
	k->lex = dm_feat_half(S_LEX, side);
	k->tag = dm_feat_half(S_TAG, side);
	for (uint64_t q = 0; q < 4; q++)
		k->quotes[q] = dm_feat_half(S_QUOTES, q << 4 | quote_state(t, cue.first));
	for (uint64_t c = 0; c < 3; c++)
		k->commas[c] = dm_feat(S_COMMAS, side, c);
	for (uint64_t a = 0; a < 2; a++)
		for (uint64_t b = 0; b < 2; b++)
			k->edge[a][b] = dm_feat(S_EDGE, a, b);
}

/* The span features of the word of token infos X alone, on the side of
 * the cue K is of (side_keys_of): the same for every token of the word on
 * that side, so the tagger sums their rows once a thread. */
static size_t span_own(const dm_tokinfo *x, const side_keys *k, uint64_t *f)
{
	size_t n = 0;
	f[n++] = dm_feat(S_W, x->word, 0);
	f[n++] = dm_feat_with(k->w_side, x->word);
	f[n++] = dm_feat_with(k->shape, x->shape);
	n += lex_feats(k->lex, x->lex, f + n);
	f[n++] = dm_feat_with(k->tag, x->tags);
	return n;
}

/* The rest of token I's own: its neighbours and what lies between it and
 * the cue (B, count_between); K is its side's (side_keys_of). */
static size_t span_token(const dm_text *t, const dm_tokinfo *ti, uint32_t ss, uint32_t se, dm_range cue, uint32_t i,
                         between b, const side_keys *k, uint64_t *f)
{
	size_t n = 0;
	uint64_t side = k->side;
	uint32_t d = dist_of(cue, i);
	uint64_t sd = side << 8 | bucket(d);
	uint64_t commas = b.commas, quotes = b.quotes;
	f[n++] = dm_feat_with(k->w_prev, word_at(t, ti, ss, se, (int64_t)i - 1));
	f[n++] = dm_feat_with(k->w_next, word_at(t, ti, ss, se, (int64_t)i + 1));
	f[n++] = k->commas[commas > 2 ? 2 : commas];
	f[n++] = dm_feat_with(k->quotes[quote_state(t, i)], side << 8 | (quotes > 2 ? 2 : quotes));
	f[n++] = k->edge[i == ss][i + 1 == se];
	uint64_t tg = dm_ti(t, ti, i)->tags;
	f[n++] = dm_feat(S_TAG_PREV, tag_at(t, ti, ss, se, (int64_t)i - 1), tg << 8 | side);
	f[n++] = dm_feat(S_TAG_NEXT, tag_at(t, ti, ss, se, (int64_t)i + 1), tg << 8 | side);
	f[n++] = dm_feat(S_TAG_DIST, tg, sd);
	if (cue.last < se && dm_tok_eq(t, cue.last, "that"))
		f[n++] = dm_feat(S_AFTER_THAT, side, d);
	return n;
}

/* The four features of the labels L1 and L2 of the two tokens before a
 * token of word W, on SIDE of the cue in distance bucket K (L1, L2 9:
 * none, the window begins), one by one: the decoder keeps the rows of
 * those without the word (add_history). */
static uint64_t history_lab1(uint64_t l1)
{
	return dm_feat(S_LAB1, l1, 0);
}
static uint64_t history_lab2(uint64_t l1, uint64_t l2)
{
	return dm_feat(S_LAB2, l1, l2);
}
static uint64_t history_word(uint64_t l1, uint64_t w)
{
	return dm_feat(S_LAB1_W, l1, w);
}
static uint64_t history_side(uint64_t l1, uint64_t side, uint64_t k)
{
	return dm_feat(S_LAB1_SIDE, l1, side << 8 | k);
}

/* The features of the labels L1 and L2 of the two tokens before token I. */
static size_t span_history(const dm_text *t, const dm_tokinfo *ti, dm_range cue, uint32_t i, uint64_t l1, uint64_t l2,
                           uint64_t *f)
{
	f[0] = history_lab1(l1);
	f[1] = history_lab2(l1, l2);
	f[2] = history_word(l1, dm_ti(t, ti, i)->word);
	f[3] = history_side(l1, side_of(cue, i), bucket(dist_of(cue, i)));
	return 4;
}

size_t dm_span_features(const dm_text *t, const dm_tokinfo *ti, uint32_t ss, uint32_t se, dm_range cue, uint32_t i,
                        const uint8_t *lab, uint64_t *f)
{
	uint64_t side = side_of(cue, i);
	side_keys k;
	side_keys_of(t, cue, side, &k);
	size_t n = span_cue_side(t, ti, ss, se, cue, side, f);
	n += span_cue_dist(t, ti, cue, side << 8 | bucket(dist_of(cue, i)), f + n);
	n += span_own(dm_ti(t, ti, i), &k, f + n);
	n += span_token(t, ti, ss, se, cue, i, count_between(t, cue, i), &k, f + n);
	return n + span_history(t, ti, cue, i, i > ss ? lab[i - 1 - ss] : 9, i > ss + 1 ? lab[i - 2 - ss] : 9, f + n);
}

void dm_tag_cues(const dm_model *m, const dm_text *t, const dm_tokinfo *ti, uint32_t ss, uint32_t se,
                 const uint8_t *skip, uint8_t *lab)
{
	dm_groups *g = dm_groups_thread();
	for (uint32_t i = ss; i < se; i++) {
		if (skip && skip[i - ss]) { /* a cue already: labelled as one for what follows */
			lab[i - ss] = i > ss && skip[i - 1 - ss] ? CUE_I : CUE_B;
			continue;
		}
		if (!dm_cue_scored(dm_model_knows(m, dm_ti(t, ti, i)->stem), lab, ss, i)) {
			lab[i - ss] = CUE_O;
			continue;
		}
		float sc[CUE_CLASSES];
		cue_scores(m, g, t, ti, ss, se, i, lab, sc);
		int k = 0;
		for (int c = 1; c < CUE_CLASSES; c++)
			if (sc[c] > sc[k])
				k = c;
		if (k == CUE_I && (i == ss || lab[i - 1 - ss] == CUE_O))
			k = CUE_B;
		lab[i - ss] = (uint8_t)k;
	}
}

/* A hypothesis of the span decoder: its score, the labels of its last
 * two tokens (its features' whole history) and where it came from. */
typedef struct span_state {
	float score;
	uint8_t l1, l2;
	uint8_t from; /* index among the previous token's states */
} span_state;

/* The best of the N scores SC when the next best is far behind it (by
 * DM_SPAN_PRUNE), so that it alone is kept; else -1. */
static int lone_best(const float *sc, int n)
{
	int top = 0;
	float second = -INFINITY;
	for (int j = 1; j < n; j++)
		if (sc[j] > sc[top]) {
			second = sc[top];
			top = j;
		} else if (sc[j] > second) {
			second = sc[j];
		}
	return n && second < sc[top] - DM_SPAN_PRUNE ? top : -1;
}

/* The DM_SPAN_BEAM best of the N candidates C, best first, into OUT;
 * returns how many.  Those far behind the best are dropped too: the beam
 * is mostly one state, where the tagger is sure. */
static int beam_keep(span_state *c, int n, span_state *out)
{
	/* Mostly the best is far ahead of the rest: found in one pass. */
	float sc[DM_SPAN_BEAM * SPAN_CLASSES];
	for (int j = 0; j < n; j++)
		sc[j] = c[j].score;
	int top = lone_best(sc, n);
	if (top >= 0) {
		out[0] = c[top];
		return 1;
	}
	int kept = 0;
	for (; kept < DM_SPAN_BEAM && kept < n; kept++) {
		int best = kept;
		for (int j = kept + 1; j < n; j++)
			if (c[j].score > c[best].score)
				best = j;
		if (kept && c[best].score < out[0].score - DM_SPAN_PRUNE)
			break;
		out[kept] = c[best];
		c[best] = c[kept];
	}
	return kept;
}

/* Scores as log-probabilities: the taggers are linear SVMs, whose margins
 * a softmax turns into numbers that add up along a path. */
static void log_softmax(float *s, int n)
{
	float mx = s[0], z = 0;
	for (int k = 1; k < n; k++)
		mx = s[k] > mx ? s[k] : mx;
	for (int k = 0; k < n; k++)
		z += expf(s[k] - mx);
	z = logf(z) + mx;
	for (int k = 0; k < n; k++)
		s[k] -= z;
}

/* The span model's scores from the features of the cue alone, for each
 * side (L, R) and bucket of the distance from it: worked out at the first
 * token that needs them, then copied. */
enum { BUCKETS = 9 };
typedef struct cue_parts {
	uint8_t have[2][BUCKETS + 1]; /* [side][BUCKETS]: the side's part */
	float acc[2][BUCKETS + 1][DM_MODEL_LANES];
} cue_parts;

static const float *cue_part(const dm_model *m, const dm_text *t, const dm_tokinfo *ti, uint32_t ss, uint32_t se,
                             dm_range cue, uint32_t i, cue_parts *p)
{
	uint64_t side = side_of(cue, i), k = bucket(dist_of(cue, i));
	int x = side == 'R';
	uint64_t f[8];
	if (!p->have[x][k]) {
		if (!p->have[x][BUCKETS]) {
			dm_model_start(m, p->acc[x][BUCKETS]);
			dm_model_add(m, f, span_cue_side(t, ti, ss, se, cue, side, f), p->acc[x][BUCKETS]);
			p->have[x][BUCKETS] = 1;
		}
		memcpy(p->acc[x][k], p->acc[x][BUCKETS], sizeof p->acc[x][k]);
		dm_model_add(m, f, span_cue_dist(t, ti, cue, side << 8 | k, f), p->acc[x][k]);
		p->have[x][k] = 1;
	}
	return p->acc[x][k];
}

/* The rows of the history features (span_history) that do not depend on
 * the token's word, by the labels L1, L2 (0 to 4, or 9: none) and the side
 * and bucket of the distance: looked up at the first token of a call that
 * needs them, then read from here (row_or_zero). */
typedef struct history_rows {
	uint8_t have1[6], have2[6][6], have_side[6][3][BUCKETS];
	const float *lab1[6], *lab2[6][6], *side[6][3][BUCKETS];
} history_rows;

/* Feature F's row, or a row of zeros when the model lacks it: adding
 * zeros changes no sum, and every row is then added the same way, in one
 * loop of fixed width. */
static const float *row_or_zero(const dm_model *m, uint64_t f)
{
	static const float zero[SPAN_CLASSES];
	const float *r = dm_model_row(m, f);
	return r ? r : zero;
}

static int label_index(uint64_t l)
{
	return l == 9 ? 5 : (int)l;
}

static void history_start(history_rows *h)
{
	memset(h->have1, 0, sizeof h->have1);
	memset(h->have2, 0, sizeof h->have2);
	memset(h->have_side, 0, sizeof h->have_side);
}

/* Add to S the rows of the four history features of token I after labels
 * L1, L2, in span_history's order; WORD is the key of the one of L1 and
 * the token's word (history_word), made by the caller, which may have
 * asked for its row ahead. */
static void add_history(const dm_model *m, dm_range cue, uint32_t i, uint64_t l1, uint64_t l2, uint64_t word,
                        history_rows *h, float *s)
{
	int a = label_index(l1), b = label_index(l2);
	uint64_t side = side_of(cue, i), k = bucket(dist_of(cue, i));
	int x = side == 'L' ? 0 : side == 'R' ? 1 : 2;
	if (!h->have1[a]) {
		h->lab1[a] = row_or_zero(m, history_lab1(l1));
		h->have1[a] = 1;
	}
	if (!h->have2[a][b]) {
		h->lab2[a][b] = row_or_zero(m, history_lab2(l1, l2));
		h->have2[a][b] = 1;
	}
	if (!h->have_side[a][x][k]) {
		h->side[a][x][k] = row_or_zero(m, history_side(l1, side, k));
		h->have_side[a][x][k] = 1;
	}
	const float *row[4] = {h->lab1[a], h->lab2[a][b], row_or_zero(m, word), h->side[a][x][k]};
	for (int j = 0; j < 4; j++)
		for (int c = 0; c < SPAN_CLASSES; c++)
			s[c] += row[j][c];
}

/* The scores of token I before its history into BASE: the cue's part, the
 * sum of its word's own features (kept in G), then the rest of the
 * token's, B being what lies between it and the cue. */
static void token_base(const dm_model *m, dm_groups *g, const dm_text *t, const dm_tokinfo *ti, uint32_t ss,
                       uint32_t se, dm_range cue, uint32_t i, between b, const side_keys *k, cue_parts *parts,
                       float *base)
{
	uint64_t f[DM_MAX_FEATS];
	size_t n = span_token(t, ti, ss, se, cue, i, b, k, f);
	memcpy(base, cue_part(m, t, ti, ss, se, cue, i, parts), DM_MODEL_LANES * sizeof *base);
	const dm_tokinfo *x = dm_ti(t, ti, i);
	uint64_t key = own_key(x, k->side);
	const float *own = dm_group_get(g, m, key);
	if (!own)
		own = dm_group_put(g, m, key, f + n, span_own(x, k, f + n));
	dm_group_add(own, base);
	dm_model_add(m, f, n, base);
}

void dm_span_scores(const dm_model *m, const dm_text *t, const dm_tokinfo *ti, uint32_t ss, uint32_t se, dm_range cue,
                    uint32_t i, uint8_t l1, uint8_t l2, float *scores)
{
	cue_parts parts;
	memset(parts.have, 0, sizeof parts.have);
	history_rows h;
	history_start(&h);
	side_keys k;
	side_keys_of(t, cue, side_of(cue, i), &k);
	float base[DM_MODEL_LANES];
	token_base(m, dm_groups_thread(), t, ti, ss, se, cue, i, count_between(t, cue, i), &k, &parts, base);
	add_history(m, cue, i, l1, l2, history_word(l1, dm_ti(t, ti, i)->word), &h, base);
	memcpy(scores, base, SPAN_CLASSES * sizeof *scores);
}

void dm_tag_spans(const dm_model *m, const dm_text *t, const dm_tokinfo *ti, uint32_t ss, uint32_t se, dm_range cue,
                  uint32_t from, uint32_t to, uint8_t *lab)
{
	uint32_t n = se - ss;
	span_state stack[DM_SPAN_LABELS][DM_SPAN_BEAM];
	span_state(*st)[DM_SPAN_BEAM] = n <= DM_SPAN_LABELS ? stack : malloc(n * sizeof *st);
	int width[DM_SPAN_LABELS], *w = n <= DM_SPAN_LABELS ? width : malloc(n * sizeof *w);
	if (!st || !w) { /* out of memory: nothing found, nothing broken */
		memset(lab, SPAN_O, n);
		goto done;
	}
	cue_parts parts;
	memset(parts.have, 0, sizeof parts.have);
	history_rows hist;
	history_start(&hist);
	dm_groups *g = dm_groups_thread();
	side_keys keys[2]; /* left of the cue, right of it: made when first needed */
	int have_keys[2] = {0, 0};
	const span_state start = {0, 9, 9, 0};
	/* what lies between token i and the cue, kept as i moves: before the
	 * cue token i leaves it, after the cue token i - 1 joins it */
	between b = count_between(t, cue, ss);
	for (uint32_t i = ss; i < se; i++) {
		if (i > ss && i < cue.first)
			tally(t, i, -1, &b);
		else if (i > cue.last)
			tally(t, i - 1, 1, &b);
		else if (i > ss)
			b = (between){0, 0}; /* in the cue, or just after it: nothing between */
		const span_state *prev = i > ss ? st[i - 1 - ss] : &start;
		int np = i > ss ? w[i - 1 - ss] : 1;
		span_state c[DM_SPAN_BEAM * SPAN_CLASSES];
		int nc = 0;
		if (i < from || i >= to || (i >= cue.first && i < cue.last)) {
			if (np == 1) { /* one state goes on, outside */
				st[i - ss][0] = (span_state){prev[0].score, SPAN_O, prev[0].l1, 0};
				w[i - ss] = 1;
				goto next;
			}
			for (int p = 0; p < np; p++)
				c[nc++] = (span_state){prev[p].score, SPAN_O, prev[p].l1, (uint8_t)p};
		} else {
			int x = i >= cue.last;
			if (!have_keys[x]) {
				side_keys_of(t, cue, x ? 'R' : 'L', &keys[x]);
				have_keys[x] = 1;
			}
			/* the word's history rows, one a state, asked for before
			 * the token's own are looked up */
			uint64_t words[DM_SPAN_BEAM];
			for (int p = 0; p < np; p++)
				words[p] = history_word(prev[p].l1, dm_ti(t, ti, i)->word);
			dm_model_prefetch(m, words, (size_t)np);
			float base[DM_MODEL_LANES];
			token_base(m, g, t, ti, ss, se, cue, i, b, &keys[x], &parts, base);
			for (int p = 0; p < np; p++) {
				float s[SPAN_CLASSES];
				memcpy(s, base, sizeof s);
				add_history(m, cue, i, prev[p].l1, prev[p].l2, words[p], &hist, s);
				/* Candidates of one state alone differ by their margins:
				 * what the softmax takes from them all alike changes no
				 * choice, now or later, since every state after them
				 * carries it. */
				if (np > 1)
					log_softmax(s, SPAN_CLASSES);
				float sum[SPAN_CLASSES];
				for (int k = 0; k < SPAN_CLASSES; k++)
					sum[k] = prev[p].score + s[k];
				/* a lone state whose best label is far ahead: no
				 * candidates to sort (beam_keep would keep that one) */
				int top = np == 1 ? lone_best(sum, SPAN_CLASSES) : -1;
				if (top >= 0) {
					st[i - ss][0] = (span_state){sum[top], (uint8_t)top, prev[p].l1, 0};
					w[i - ss] = 1;
					goto next;
				}
				for (int k = 0; k < SPAN_CLASSES; k++)
					c[nc++] = (span_state){sum[k], (uint8_t)k, prev[p].l1, (uint8_t)p};
			}
		}
		/* States of the same last two labels have the same future: keep
		 * the better.  The candidates of one state differ in their last
		 * label, so only those of states of the same last label can meet. */
		int meet = 0;
		for (int p = 0; p < np && !meet; p++)
			for (int q = p + 1; q < np; q++)
				meet |= prev[p].l1 == prev[q].l1;
		for (int a = 0; meet && a < nc; a++)
			for (int b = a + 1; b < nc; b++)
				if (c[a].l1 == c[b].l1 && c[a].l2 == c[b].l2) {
					if (c[b].score > c[a].score)
						c[a] = c[b];
					c[b--] = c[--nc];
				}
		w[i - ss] = beam_keep(c, nc, st[i - ss]);
	next:;
	}
	for (uint32_t i = se, b = 0; i-- > ss;) {
		lab[i - ss] = st[i - ss][b].l1;
		b = st[i - ss][b].from;
	}
done:
	if (st != stack)
		free(st);
	if (w != width)
		free(w);
}
