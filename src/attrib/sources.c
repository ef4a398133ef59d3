/*
 * Sources.  A source is what a cue's subject is: a pronoun, or a noun
 * phrase of names and titles, often a chain of them set off by commas
 * ("Hikmet Hajiyev, Assistant to the President, Head of ..., said").  Without
 * a parser we read such phrases by their words: capitalised words, role and
 * organisation words, and the small words names and titles are made of.
 */
#include <string.h>

#include "internal.h"

static int is_pronoun(const dm_text *t, size_t i)
{
	char w[8];
	if (!dm_tok_in(t, i, &dm_lex_pronouns) || !dm_tok_lower(t, i, w, sizeof w))
		return 0;
	return dm_lex_pronoun(w);
}

char dm_owner_pronoun(const dm_text *t, uint32_t i)
{
	char w[8];
	if (!dm_tok_lower(t, i, w, sizeof w) || !dm_lex_has(&dm_lex_possessives, w))
		return 0;
	return dm_tok_in(t, i, &dm_lex_female_words) ? 'f' : dm_tok_in(t, i, &dm_lex_male_words) ? 'm' : 0;
}

int dm_source_pronoun(const dm_text *t, uint32_t i, dm_cand *c)
{
	char p = (char)is_pronoun(t, i);
	if (!p)
		return 0;
	c->source = (dm_range){i, i + 1};
	c->pronoun = p;
	c->type = p == 'p' || p == 'i' ? DM_PERSON : DM_UNKNOWN;
	return 1;
}

int dm_tok_possessive(const dm_text *t, uint32_t i)
{
	const dm_tok *k = &t->toks[i];
	if (k->flags & TK_POSS)
		return 1;
	return (k->flags & TK_QUOTE) && k->single && k->quote < 0 && i > 0 && t->toks[i - 1].end == k->start &&
	       (t->toks[i - 1].flags & TK_WORD);
}

/* Words a name-and-title phrase is made of, with the apostrophe of a
 * plural possessive ("Bernie Sanders’ campaign"). */
static int np_token(const dm_text *t, uint32_t i)
{
	const dm_tok *k = &t->toks[i];
	if (dm_tok_possessive(t, i))
		return 1;
	if (k->quote >= 0 || !(k->flags & TK_WORD))
		return 0;
	if (k->flags & TK_CAP)
		return !dm_tok_in(t, i, &dm_lex_cues) && !dm_tok_in(t, i, &dm_lex_function);
	return dm_tok_in(t, i, &dm_lex_roles) || dm_tok_in(t, i, &dm_lex_orgs) || dm_tok_in(t, i, &dm_lex_nameparts) ||
	       (k->flags & TK_POSS);
}

static int is_determiner(const dm_text *t, uint32_t i)
{
	return dm_tok_in(t, i, &dm_lex_determiners);
}

/* One segment of a source, ending at END: returns its first token, or END
 * when there is none. */
static uint32_t segment_left(const dm_text *t, uint32_t floor, uint32_t end, int nearest)
{
	uint32_t k = end;
	while (k > floor && end - k < 30 && np_token(t, k - 1))
		k--;
	/* "the community head", "a senior official": lower-case words after a
	 * determiner, when the phrase ends in a role or organisation word. */
	if (nearest && k < end && k > floor &&
	    (dm_tok_in(t, end - 1, &dm_lex_roles) || dm_tok_in(t, end - 1, &dm_lex_orgs))) {
		for (uint32_t j = k; j > floor && k - j < 4; j--) {
			const dm_tok *w = &t->toks[j - 1];
			if (!(w->flags & TK_WORD) || w->quote >= 0)
				break;
			if (is_determiner(t, j - 1)) {
				k = j - 1;
				break;
			}
		}
	}
	/* Leading small words belong to what comes before ("in the"), except
	 * a determiner. */
	while (k < end && dm_tok_in(t, k, &dm_lex_nameparts) && !dm_tok_eq(t, k, "the"))
		k++;
	for (uint32_t i = k; i < end; i++)
		if ((t->toks[i].flags & TK_CAP) || dm_tok_in(t, i, &dm_lex_roles) || dm_tok_in(t, i, &dm_lex_orgs))
			return k;
	return end;
}

/* A share as the source: "59 percent", "49 percent of Republicans".
 * Returns its first token, or END. */
static uint32_t share_np(const dm_text *t, uint32_t floor, uint32_t end)
{
	for (uint32_t p = end; p > floor + 1 && end - p < 5; p--) {
		if (!(t->toks[p - 1].flags & TK_WORD) || t->toks[p - 1].quote >= 0)
			break;
		if (dm_tok_eq(t, p - 1, "percent") && (t->toks[p - 2].flags & TK_NUM))
			return p - 2;
	}
	return end;
}

/* A source made of common words right before the cue: a determiner and up
 * to three words ("the probe", "several senators", "the people briefed").
 * Returns its first token, or END. */
static uint32_t plain_np(const dm_text *t, uint32_t floor, uint32_t end)
{
	uint32_t j = end;
	while (j > floor && end - j < 3) {
		const dm_tok *w = &t->toks[j - 1];
		if (!(w->flags & TK_WORD) || (w->flags & (TK_CAP | TK_NUM)) || w->quote >= 0 ||
		    is_determiner(t, j - 1) || dm_tok_in(t, j - 1, &dm_lex_function) ||
		    dm_tok_in(t, j - 1, &dm_lex_cues) || dm_tok_in(t, j - 1, &dm_lex_between))
			break;
		j--;
	}
	if (j == end || j == floor || !is_determiner(t, j - 1) || t->toks[j - 1].quote >= 0)
		return end;
	return j - 1;
}

/* "Joe Maloy, a Republican from the Concord area, said": a name, then an
 * appositive of common words opened by a determiner.  Returns the name's
 * first token, or END. */
static uint32_t appositive(const dm_text *t, uint32_t floor, uint32_t end)
{
	for (uint32_t d = end; d > floor + 2 && end - d < 9; d--) {
		const dm_tok *w = &t->toks[d - 1];
		if (!(w->flags & TK_WORD) || w->quote >= 0 || dm_tok_in(t, d - 1, &dm_lex_cues))
			return end;
		if (!is_determiner(t, d - 1) || !dm_tok_is(t, d - 2, ','))
			continue;
		uint32_t first = segment_left(t, floor, d - 2, 1);
		if (first == d - 2)
			return end;
		dm_cand probe = {0};
		dm_find_name(t, (dm_range){first, d - 2}, &probe);
		return probe.name.last > probe.name.first ? first : end;
	}
	return end;
}

/* The source [first, end), without a comma that ends it. */
static int whole_source(const dm_text *t, uint32_t first, uint32_t end, dm_cand *c)
{
	c->source = (dm_range){first, end - (dm_tok_is(t, end - 1, ',') ? 1 : 0)};
	dm_find_name(t, c->source, c);
	return 1;
}

/* "Erin Moss, a former aide who travelled with her, said": a relative
 * clause set off by commas before the cue.  The source is the name before
 * the clause and the clause itself, up to COMMA. */
static int relative_source(const dm_text *t, uint32_t floor, uint32_t comma, dm_cand *c)
{
	uint32_t who = comma;
	for (uint32_t j = comma; j > floor && comma - j < 30; j--) {
		const dm_tok *k = &t->toks[j - 1];
		if (k->quote >= 0 || dm_tok_is(t, j - 1, ';'))
			return 0;
		if (dm_tok_eq(t, j - 1, "who")) {
			who = j - 1;
			break;
		}
	}
	if (who == comma)
		return 0;
	uint32_t open = who; /* the comma that opens the clause or the appositive before it */
	while (open > floor && !dm_tok_is(t, open - 1, ','))
		open--;
	if (open == floor || open - 1 == floor)
		return 0;
	uint32_t first = segment_left(t, floor, open - 1, 1);
	if (first == open - 1)
		return 0;
	dm_find_name(t, (dm_range){first, open - 1}, c);
	if (c->name.last == c->name.first && c->type == DM_UNKNOWN)
		return 0;
	c->source = (dm_range){first, comma};
	return 1;
}

static int names_a_day(const dm_text *t, uint32_t first, uint32_t last)
{
	for (uint32_t i = first; i < last; i++)
		if (dm_tok_in(t, i, &dm_lex_days))
			return 1;
	return 0;
}

/* Is the word at I a lower-case word that opens a clause, whose subject
 * may follow it ("..., but General Ada Lind, chairman of the board,
 * said"): a function word that governs no noun phrase? */
static int clause_word(const dm_text *t, uint32_t i)
{
	return !(t->toks[i].flags & TK_CAP) && dm_tok_in(t, i, &dm_lex_function) &&
	       !dm_tok_in(t, i, &dm_lex_governing_preps);
}

/* "Brooke tearfully asked": a word in "-ly" of six letters or more, in
 * lower case, between a source and its cue says how, not who. */
static int manner_adverb(const dm_text *t, uint32_t i)
{
	return (t->toks[i].flags & TK_WORD) && !(t->toks[i].flags & TK_CAP) && t->toks[i].quote < 0 &&
	       dm_tok_ends(t, i, "ly", 5);
}

int dm_source_left(const dm_text *t, uint32_t floor, uint32_t end, dm_cand *c)
{
	uint32_t k = end;
	int n = 0;
	while (k > floor && n < 3 && !(t->toks[k - 1].flags & TK_CAP) &&
	       (dm_tok_in(t, k - 1, &dm_lex_between) || manner_adverb(t, k - 1))) {
		k--;
		n++;
	}
	if (k == floor)
		return 0;
	if (t->toks[k - 1].quote < 0 && dm_source_pronoun(t, k - 1, c))
		return 1;
	/* "Ada Lind — whose father was governor — promised": a pair of spaced
	 * dashes sets off words about the source, which stands before them */
	if (k > floor + 2 && dm_tok_dash(t, k - 1) && t->toks[k - 1].start > t->toks[k - 2].end) {
		uint32_t d = k - 1;
		while (d > floor && k - d < 30 && !dm_tok_dash(t, d - 1) && t->toks[d - 1].quote < 0)
			d--;
		dm_cand before = *c;
		if (d > floor + 1 && dm_tok_dash(t, d - 1) && dm_source_left(t, floor, d - 1, &before)) {
			*c = before;
			return 1;
		}
	}
	uint32_t src_end = k;
	if (dm_tok_is(t, k - 1, ',') && relative_source(t, floor, k - 1, c))
		return 1;
	if (dm_tok_is(t, k - 1, ',')) /* "Name, Title, said" */
		k--;
	/* "Ilse Maro, 54, said": an age set off by commas */
	if (k > floor + 2 && (t->toks[k - 1].flags & TK_NUM) && dm_tok_is(t, k - 2, ','))
		k -= 2;
	/* "Sen. Bernie Sanders (I-Vt.) said": the bracket belongs to the source */
	if (k > floor && dm_tok_is(t, k - 1, ')')) {
		uint32_t open = k - 1;
		while (open > floor && k - open < 12 && !dm_tok_is(t, open - 1, '('))
			open--;
		if (open > floor + 1 && dm_tok_is(t, open - 1, '('))
			k = open - 1;
	}
	/* A share ("49 percent of voters") or common words ("the inquiry")
	 * make a source as they stand; else a chain of name and title segments. */
	uint32_t first = share_np(t, floor, k);
	if (first == k)
		first = segment_left(t, floor, k, 1);
	else
		return whole_source(t, first, src_end, c);
	if (first == k && (first = appositive(t, floor, k)) < k)
		return whole_source(t, first, src_end, c);
	if (first == k) {
		first = plain_np(t, floor, k);
		return first < k ? whole_source(t, first, src_end, c) : 0;
	}
	/* More segments to the left, each set off by commas. */
	while (first > floor + 1 && dm_tok_is(t, first - 1, ',')) {
		uint32_t s = segment_left(t, floor, first - 1, 0);
		if (s == first - 1)
			break;
		if (s != floor && !dm_tok_is(t, s - 1, ',') && !clause_word(t, s - 1) &&
		    !((t->toks[s - 1].flags & TK_QUOTE) && t->toks[s - 1].qmark != QM_OPEN))
			break; /* not set off: part of the content ("“...,” Ada Lind, the chief, said" is) */
		if (names_a_day(t, s, first - 1))
			break; /* "Last Monday, Ilse Maro said": when, not who */
		if (s + 2 == first && t->toks[s].end - t->toks[s].start >= 6 && dm_tok_ends(t, s, "ly", 3))
			break; /* "Primarily, Vexcorp tells": how, not who */
		first = s;
	}
	/* "Ilse Maro and Tomas Ek said": a first name and title phrase joined
	 * by "and", opening the sentence or set off by a comma */
	if (first > floor + 1 && dm_tok_eq(t, first - 1, "and")) {
		uint32_t s = segment_left(t, floor, first - 1, 1);
		if (s < first - 1 && (s == floor || dm_tok_is(t, s - 1, ',') || t->toks[s - 1].quote >= 0))
			first = s;
	}
	/* "A friend of Ada Lind said": a name a preposition governs is no
	 * source; the noun phrase before the preposition is */
	if (first > floor + 1 && dm_tok_in(t, first - 1, &dm_lex_governing_preps) &&
	    !(t->toks[first - 1].flags & TK_CAP)) {
		uint32_t h = plain_np(t, floor, first - 1);
		if (h < first - 1)
			first = h;
	}
	/* Lower-case modifiers before a source that is set off on its left:
	 * ", retired Air Force general Lloyd Newton said". */
	for (uint32_t j = first, n = 0; j > floor && n < 2; j--, n++) {
		const dm_tok *w = &t->toks[j - 1];
		if (!(w->flags & TK_WORD) || (w->flags & TK_CAP) || w->quote >= 0 ||
		    dm_tok_in(t, j - 1, &dm_lex_cues) || dm_tok_in(t, j - 1, &dm_lex_function) ||
		    dm_tok_in(t, j - 1, &dm_lex_between))
			break;
		if (j - 1 == floor || dm_tok_is(t, j - 2, ',') || t->toks[j - 2].quote >= 0) {
			first = j - 1;
			break;
		}
	}
	c->source = (dm_range){first, src_end};
	if (dm_tok_is(t, src_end - 1, ','))
		c->source.last--;
	dm_find_name(t, c->source, c);
	return 1;
}

int dm_opens_phrase(const dm_text *t, uint32_t i)
{
	char b[16];
	size_t n = dm_tok_lower(t, i, b, sizeof b);
	return n && (dm_tok_in(t, i, &dm_lex_venue_preps) || (n > 4 && !memcmp(b + n - 3, "ing", 3)) ||
	             dm_tok_in(t, i, &dm_lex_phrase_openers));
}

/* The subject that starts at token K, before LIMIT. */
static int subject_at(const dm_text *t, uint32_t k, uint32_t limit, dm_cand *c)
{
	if (k >= limit || t->toks[k].quote >= 0)
		return 0;
	if (dm_source_pronoun(t, k, c))
		return 1;
	uint32_t e = k;
	while (e < limit && e - k < 12 && np_token(t, e))
		e++;
	/* the phrase must be followed by its verb, a lower-case word */
	if (e == k || e >= limit || !(t->toks[e].flags & TK_WORD) || (t->toks[e].flags & TK_CAP))
		return 0;
	c->source = (dm_range){k, e};
	dm_find_name(t, c->source, c);
	return c->name.last > c->name.first || c->type != DM_UNKNOWN;
}

int dm_source_subject(const dm_text *t, uint32_t ss, uint32_t limit, dm_cand *c)
{
	uint32_t k = ss;
	while (k < limit && (!(t->toks[k].flags & TK_WORD) || dm_tok_in(t, k, &dm_lex_function)) && !is_pronoun(t, k) &&
	       !dm_opens_phrase(t, k))
		k++; /* "But", "And", a leading quotation mark; not "It", not "In an interview, ..." */
	/* The subject after an opening phrase's comma; failing that, the
	 * phrase was the subject after all ("Beijing has warned ..."). */
	if (k < limit && dm_opens_phrase(t, k)) {
		uint32_t j = k;
		while (j < limit && !dm_tok_is(t, j, ','))
			j++;
		if (j + 1 < limit && subject_at(t, j + 1, limit, c))
			return 1;
	}
	return subject_at(t, k, limit, c);
}

/* Is token I the period of an abbreviation with inner periods ("a former
 * C.I.A. analyst") inside the sentence that ends at LIMIT? */
static int abbreviation_period(const dm_text *t, uint32_t i, uint32_t limit)
{
	return i + 1 < limit && dm_tok_is(t, i, '.') && (t->toks[i - 1].flags & TK_DOTS) &&
	       t->toks[i - 1].end == t->toks[i].start;
}

/* A source after its cue takes the appositions and relative clauses that
 * follow it, as PolNeAR's annotators mark it ("said Jo Park, 41, a nurse
 * from Orsk"): each part set off by a comma that opens like one (an
 * article, a possessive, "who", a number or a capital), up to the end of
 * the clause.  Returns the new end of a source that ended at END. */
static uint32_t appositions_right(const dm_text *t, uint32_t end, uint32_t limit)
{
	while (end + 1 < limit && dm_tok_is(t, end, ',') && t->toks[end + 1].quote < 0) {
		const dm_tok *o = &t->toks[end + 1];
		if (!((o->flags & (TK_CAP | TK_NUM)) && !dm_tok_in(t, end + 1, &dm_lex_cues)) &&
		    !dm_tok_in(t, end + 1, &dm_lex_apposition_openers))
			break;
		uint32_t e = end + 1;
		while (e < limit && e - end <= 25 &&
		       (t->toks[e].flags & TK_WORD || dm_tok_is(t, e, '-') || dm_tok_is(t, e, '(') ||
		        dm_tok_is(t, e, ')') || abbreviation_period(t, e, limit)) &&
		       t->toks[e].quote < 0 && !dm_tok_in(t, e, &dm_lex_cues))
			e++;
		if (e < limit && !dm_tok_is(t, e, ',') && !dm_tok_is(t, e, '.') && !dm_tok_is(t, e, ';'))
			break; /* not a clean part: leave the source as it was */
		end = e;
	}
	return end;
}

/* Is [START, END) a name after a few lower-case words of description and
 * nothing else ("study co-author Tomas Ek", "veteran pilot Ines Kolar")?
 * A preposition or a function word makes it a phrase of the content
 * ("goodbye to Tomas Ek"). */
static int described_name(const dm_text *t, uint32_t start, uint32_t end)
{
	uint32_t i = start;
	while (i < end && i - start < 3 && !(t->toks[i].flags & TK_CAP) && !dm_tok_in(t, i, &dm_lex_function) &&
	       !dm_tok_in(t, i, &dm_lex_governing_preps))
		i++;
	if (i == start || i + 2 > end || i + 3 < end)
		return 0;
	for (uint32_t j = i; j < end; j++)
		if (!(t->toks[j].flags & TK_CAP))
			return 0;
	return 1;
}

static int governed(const dm_text *t, uint32_t first, uint32_t s);

/* Does the word at I open where or when a statement was made ("in an
 * email", "at the conference", "on Twitter", "during the debate")? */
static int where_said(const dm_text *t, uint32_t i)
{
	return !(t->toks[i].flags & TK_CAP) &&
	       (dm_tok_eq(t, i, "in") || dm_tok_eq(t, i, "at") || dm_tok_eq(t, i, "on") || dm_tok_eq(t, i, "during"));
}

int dm_source_right(const dm_text *t, uint32_t start, uint32_t limit, dm_cand *c)
{
	if (start >= limit)
		return 0;
	/* "..., said he." but not "..., said he had been": there the pronoun
	 * opens the content */
	if (t->toks[start].quote < 0 && (start + 1 == limit || !(t->toks[start + 1].flags & TK_WORD)) &&
	    dm_source_pronoun(t, start, c))
		return 1;
	/* Words up to the end of the clause, ending in a name, title or
	 * organisation: "said Hajiyev.", "said the finance minister, adding". */
	uint32_t k = start;
	while (k < limit && k - start < 12 && ((t->toks[k].flags & TK_WORD) || dm_tok_possessive(t, k)) &&
	       t->toks[k].quote < 0 && !dm_tok_in(t, k, &dm_lex_cues) && !dm_tok_eq(t, k, "who") &&
	       !(k > start && where_said(t, k)))
		k++;
	/* the phrase ends the clause, or a relative clause or where it was
	 * said follows it ("said Ada Lind in an email") */
	if (k == start || (k < limit && !dm_tok_is(t, k, ',') && !dm_tok_is(t, k, '.') && !dm_tok_is(t, k, ';') &&
	                   !dm_tok_eq(t, k, "who") && !where_said(t, k)))
		return 0;
	if (k < limit && where_said(t, k)) {
		/* a name must end the phrase, no preposition's object ("said
		 * Clinton reached out to McConnell on Burma" is content) */
		uint32_t n = k;
		while (n > start && (t->toks[n - 1].flags & TK_CAP))
			n--;
		if (n == k || governed(t, start, n))
			return 0;
	}
	/* Right after a closing quotation mark any such phrase will do
	 * ("...," said one Democrat familiar with it); elsewhere it must end in
	 * a name, title or organisation. */
	uint32_t head = k - 1;
	int after_quote = start >= 2 && t->toks[start - 2].quote >= 0; /* QUOTE said PHRASE */
	if (!after_quote && !(t->toks[head].flags & TK_CAP) && !dm_tok_in(t, head, &dm_lex_roles) &&
	    !dm_tok_in(t, head, &dm_lex_orgs))
		return 0;
	if (!(t->toks[start].flags & (TK_CAP | TK_NUM)) && !is_determiner(t, start) &&
	    !dm_tok_in(t, start, &dm_lex_roles) && !described_name(t, start, k))
		return 0;
	if (names_a_day(t, start, k) && k - start == 1)
		return 0; /* "said Tuesday at the conference": when, not who */
	c->source = (dm_range){start, k};
	dm_find_name(t, c->source, c);
	c->source.last = appositions_right(t, k, limit);
	return 1;
}

/* A dash set off by spaces: "—", "–" or "-". */
int dm_tok_dash(const dm_text *t, uint32_t i)
{
	const dm_tok *k = &t->toks[i];
	size_t n = k->end - k->start;
	const char *p = t->raw + k->start;
	return (n == 1 && *p == '-') || (n == 3 && (!memcmp(p, "\xE2\x80\x94", 3) || !memcmp(p, "\xE2\x80\x93", 3)));
}

/* Is the name ending at E only a modifier of the noun after it, in R ("the
 * GOP nominee", "The New York businessman", "Trump campaign aides")?  A
 * role, organisation or source noun after it says so, and so does any
 * common noun when an article opens the phrase or the noun ends it. */
static int modifies_noun(const dm_text *t, dm_range r, uint32_t s, uint32_t e)
{
	if (e + 1 < r.last && dm_tok_is(t, e, '.') && (t->toks[e - 1].flags & TK_DOTS) &&
	    t->toks[e - 1].end == t->toks[e].start)
		e++; /* "the U.S. attorney's office", "U.S. economic data" */
	if (e >= r.last || !(t->toks[e].flags & TK_WORD) || (t->toks[e].flags & TK_CAP) || t->toks[e].quote >= 0)
		return 0;
	if (dm_tok_in(t, e, &dm_lex_roles) || dm_tok_in(t, e, &dm_lex_orgs) || dm_tok_in(t, e, &dm_lex_unnamed_sources))
		return 1;
	int common = !dm_tok_in(t, e, &dm_lex_function) && !dm_tok_in(t, e, &dm_lex_between) &&
	             !dm_tok_in(t, e, &dm_lex_nameparts) && !dm_tok_in(t, e, &dm_lex_cues);
	/* after an article, as the last word of the phrase, or after letters
	 * in capitals ("TV commercials"): its head noun ("Secret Service
	 * protocol called for ...") */
	int initials = e == s + 1 && t->toks[s].end - t->toks[s].start >= 2 && !dm_tok_has_lower(t, s) &&
	               !(t->toks[s].flags & TK_DOTS);
	return common && ((s > r.first && dm_tok_in(t, s - 1, &dm_lex_articles)) || e + 1 == r.last || initials);
}

/* Does a preposition govern the name starting at S, articles between
 * ("of the Joint Chiefs", "contacted by Reuters", "via USA Today")? */
static int governed(const dm_text *t, uint32_t first, uint32_t s)
{
	while (s > first && dm_tok_in(t, s - 1, &dm_lex_articles))
		s--;
	return s > first && (dm_tok_in(t, s - 1, &dm_lex_governing_preps) || dm_tok_possessive(t, s - 1));
}

/* Is the name at S, governed by a preposition, who issued the document
 * its phrase opens with ("a report from Kotak Institutional Equities", "an
 * analysis released by the Department of Veterans Affairs")? */
static int issued_by(const dm_text *t, uint32_t first, uint32_t s)
{
	while (s > first && dm_tok_in(t, s - 1, &dm_lex_articles))
		s--;
	if (s < first + 2 || !(dm_tok_eq(t, s - 1, "from") || dm_tok_eq(t, s - 1, "by")))
		return 0;
	uint32_t n = s - 2;
	if (n > first && dm_tok_ends(t, n, "ed", 3))
		n--; /* "released by" */
	char w[16];
	return dm_tok_lower(t, n, w, sizeof w) && dm_lex_has(&dm_lex_documents, w);
}

/* The words before a name that are not part of it: sentence adverbs,
 * quantities, possessives, months ("Similarly", "Two", "His", "October"). */
static int opener(const dm_text *t, uint32_t i)
{
	return dm_tok_in(t, i, &dm_lex_function) || dm_tok_in(t, i, &dm_lex_months) || dm_tok_in(t, i, &dm_lex_days) ||
	       dm_tok_in(t, i, &dm_lex_not_names) || dm_tok_in(t, i, &dm_lex_numbers) || dm_tok_possessive(t, i) ||
	       (t->toks[i].flags & TK_NUM);
}

static int given_name(const dm_text *t, uint32_t i)
{
	return dm_tok_in(t, i, &dm_lex_given_female) || dm_tok_in(t, i, &dm_lex_given_male);
}

/* A title before a name: a role ("Presidential"), an occupation ("Coach"). */
static int title_word(const dm_text *t, uint32_t i)
{
	return dm_tok_in(t, i, &dm_lex_roles) || dm_tok_in(t, i, &dm_lex_orgs) || dm_tok_in(t, i, &dm_lex_titles);
}

/* Capitalised words before a given name that are no part of the name: a
 * title, an abbreviation in capitals ("DL"), a plural ("Browns"). */
static int loose_title(const dm_text *t, uint32_t i)
{
	const dm_tok *k = &t->toks[i];
	size_t n = k->end - k->start, upper = 0;
	for (size_t j = 0; j < n; j++)
		upper += t->raw[k->start + j] >= 'A' && t->raw[k->start + j] <= 'Z';
	if (dm_tok_is(t, i, '.'))
		return 1;
	int abbreviated = i + 1 < t->n_toks && dm_tok_is(t, i + 1, '.') && t->toks[i + 1].start == k->end;
	return title_word(t, i) || abbreviated || dm_tok_in(t, i, &dm_lex_affiliations) || (upper == n && n <= 4) ||
	       (n > 3 && t->raw[k->end - 1] == 's');
}

uint32_t dm_name_start(const dm_text *t, uint32_t s, uint32_t e)
{
	if (dm_tok_ends(t, s, "ing", 4) && !given_name(t, s))
		return e; /* "Living History", "Railing Against Trump": no name */
	/* after "of", a title's last words: "Secretary of State Ada Lind" */
	int of = s > 0 && dm_tok_eq(t, s - 1, "of");
	for (uint32_t g = s; g + 1 < e; g++) {
		if (given_name(t, g))
			return g;
		if (!loose_title(t, g) && !of)
			break;
	}
	return s;
}

/* An organisation's name goes on past "of", "on", "for" and "and" into
 * more capitalised words ("Commission on Presidential Debates", "Securities
 * and Exchange Commission"), where an organisation word stands on one side.
 * Returns the end of the name that ends at E. */
static uint32_t org_name_end(const dm_text *t, uint32_t e, uint32_t last)
{
	int has_org = dm_tok_in(t, e - 1, &dm_lex_orgs);
	for (;;) {
		uint32_t k = e;
		if (k >= last || !dm_tok_in(t, k, &dm_lex_org_links))
			return e;
		int and = dm_tok_eq(t, k, "and");
		k++;
		if (k < last && dm_tok_in(t, k, &dm_lex_articles))
			k++;
		uint32_t x = k;
		while (x < last && (t->toks[x].flags & TK_CAP) && t->toks[x].quote < 0 && !dm_tok_possessive(t, x))
			x++;
		if (x == k)
			return e;
		/* "... of the Presidential Administration Ada Lind": the name
		 * ends at its last organisation word, the rest is a person's */
		for (uint32_t j = x; j-- > k;)
			if (dm_tok_in(t, j, &dm_lex_orgs)) {
				x = j + 1;
				break;
			}
		int org_after = dm_tok_in(t, x - 1, &dm_lex_orgs);
		if (and? !org_after : !has_org)
			return e;
		has_org |= org_after;
		e = x;
	}
}

/* 1 for a place, 2 for a nationality, 0 for neither. */
static int place_kind(const dm_text *t, dm_range r)
{
	if (r.last == r.first + 1 && (t->toks[r.first].flags & (TK_WORD | TK_DOTS)) == TK_WORD) /* its form's lists */
		return dm_tok_in(t, r.first, &dm_lex_places) ? 1 : dm_tok_in(t, r.first, &dm_lex_demonyms) ? 2 : 0;
	char b[96];
	size_t n = 0;
	for (uint32_t i = r.first; i < r.last; i++) {
		char w[48];
		size_t l = dm_tok_lower(t, i, w, sizeof w);
		if (!l || n + l + 2 >= sizeof b)
			return 0;
		if (n)
			b[n++] = ' ';
		memcpy(b + n, w, l);
		n += l;
	}
	b[n] = 0;
	if (dm_lex_has(&dm_lex_places, b))
		return 1;
	if (dm_lex_has(&dm_lex_demonyms, b))
		return 2;
	if (t->toks[r.last - 1].flags & TK_DOTS) { /* "U.S" is "u.s." */
		b[n] = '.';
		b[n + 1] = 0;
		return dm_lex_has(&dm_lex_places, b);
	}
	return 0;
}

int dm_names_place(const dm_text *t, dm_range r)
{
	return place_kind(t, r) != 0;
}

/* "China said", "the United States has urged": a place that is the whole
 * source R, written in capitals and small letters (not a dateline), speaks
 * as its government.  Returns its name's range, or an empty one. */
dm_range dm_government_voice(const dm_text *t, dm_range r)
{
	dm_range w = r, none = {0, 0};
	while (w.first < w.last && (dm_tok_in(t, w.first, &dm_lex_articles) || !(t->toks[w.first].flags & TK_WORD)))
		w.first++;
	while (w.last > w.first && !(t->toks[w.last - 1].flags & TK_WORD))
		w.last--;
	if (w.last == w.first || !(t->toks[w.first].flags & TK_CAP) || place_kind(t, w) != 1)
		return none;
	uint32_t p = r.first;
	while (p > 0 && dm_tok_in(t, p - 1, &dm_lex_articles))
		p--;
	if (p > 0 && dm_tok_in(t, p - 1, &dm_lex_governing_preps))
		return none; /* "speaking to a group in Virginia" */
	for (uint32_t i = w.first; i < w.last; i++)
		if (dm_tok_has_lower(t, i))
			return w;
	return w.last - w.first == 1 && t->toks[w.first].end - t->toks[w.first].start <= 3 ? w : none; /* "UK" */
}

/* A word of a name: capitalised, or a small word inside one ("Voice of
 * America"), or the period of an abbreviation in it ("P.J. Fleck"). */
/* "South Dakota-sized", "Vellby-based": a capitalised word made an
 * adjective by its last part (not "Park Geun-hye"). */
static int hyphen_adjective(const dm_text *t, uint32_t i)
{
	const dm_tok *k = &t->toks[i];
	for (uint32_t j = k->end; j-- > k->start + 1;)
		if (t->raw[j] == '-') {
			char w[24];
			size_t n = k->end - j - 1;
			if (n == 0 || n >= sizeof w)
				return 0;
			for (size_t x = 0; x < n; x++)
				w[x] = (char)(t->raw[j + 1 + x] | 32);
			w[n] = 0;
			return dm_lex_has(&dm_lex_compound_suffixes, w);
		}
	return 0;
}

static int in_name(const dm_text *t, uint32_t i, uint32_t last)
{
	if (t->toks[i].quote >= 0 || hyphen_adjective(t, i))
		return 0;
	if (t->toks[i].flags & TK_CAP)
		return 1;
	if (i + 1 >= last || !(t->toks[i + 1].flags & TK_CAP))
		return 0;
	if (dm_tok_is(t, i, '.') && i > 0 && (t->toks[i - 1].flags & TK_DOTS) && t->toks[i - 1].end == t->toks[i].start)
		return 1;
	return dm_tok_in(t, i, &dm_lex_nameparts) && !dm_tok_eq(t, i, "of") && !dm_tok_eq(t, i, "the") &&
	       !dm_tok_possessive(t, i) && !dm_tok_eq(t, i, "to") && !dm_tok_eq(t, i, "for") &&
	       !dm_tok_eq(t, i, "and") && !dm_tok_eq(t, i, "on");
}

/* A run of capitalised words; a person's name is the end of it that is
 * neither title nor organisation ("Presidential Administration Hikmat
 * Hajiyev"), an organisation is a run ending in an organisation word.
 * Only the phrase before a relative clause or a "when" counts ("Ada Lind,
 * who led the study published in Nature"); a name governed by a
 * preposition or modifying a noun is not the source's. */
/* Does the source R describe its name NAME as an organisation in an
 * apposition: a part set off by a comma that opens with an article and an
 * organisation word ("The group that owns her music, Big Machine,")?  Not
 * one the name only belongs to ("Ada Lind, a spokeswoman for the company",
 * "the company's founder"). */
static int org_apposed(const dm_text *t, dm_range r, dm_range name)
{
	for (uint32_t i = r.first; i + 1 < r.last; i++) {
		if (i >= name.first && i < name.last)
			continue;
		int opens = i == r.first || dm_tok_is(t, i - 1, ',');
		if (opens && dm_tok_in(t, i, &dm_lex_articles) && dm_tok_in(t, i + 1, &dm_lex_orgs) &&
		    !(i + 2 < r.last && dm_tok_possessive(t, i + 2)))
			return 1;
	}
	return 0;
}

void dm_find_name(const dm_text *t, dm_range r, dm_cand *c)
{
	/* a source cut after an initial goes on to the name's end: "Rep. G.K."
	 * then "Butterfield" */
	const dm_sent *se = r.last > r.first ? dm_sent_of(t, r.first) : NULL;
	if (se && r.last + 1 < se->tok_end && (t->toks[r.last - 1].flags & TK_DOTS) && dm_tok_is(t, r.last, '.') &&
	    t->toks[r.last - 1].end == t->toks[r.last].start && (t->toks[r.last + 1].flags & TK_CAP)) {
		r.last += 2;
		while (r.last < se->tok_end && (t->toks[r.last].flags & TK_CAP) && t->toks[r.last].quote < 0)
			r.last++;
	}
	/* "Ada Lind — whose father was governor —": a pair of dashes that ends
	 * the range sets off words about what stands before them */
	if (r.last > r.first + 2 && dm_tok_dash(t, r.last - 1)) {
		uint32_t d = r.last - 1;
		while (d > r.first && !dm_tok_dash(t, d - 1))
			d--;
		if (d > r.first + 1)
			r.last = d - 1;
	}
	for (uint32_t i = r.last; i-- > r.first;)
		if (dm_tok_dash(t, i)) { /* "PORT AMSEL (Harbour Wire) — The council" */
			r.first = i + 1;
			break;
		}
	for (uint32_t i = r.first + 1; i < r.last; i++)
		if (dm_tok_in(t, i, &dm_lex_relative_words) ||
		    (dm_tok_is(t, i - 1, ',') && !(t->toks[i].flags & TK_CAP) && dm_tok_ends(t, i, "ing", 4))) {
			r.last = i; /* "Ada Lind, dedicating the National Museum" */
			break;
		}
	dm_range best = {0, 0};
	int best_org = 0;
	uint32_t i = r.first;
	while (i < r.last) {
		if (!(t->toks[i].flags & TK_CAP) || dm_tok_in(t, i, &dm_lex_articles) || opener(t, i) ||
		    !in_name(t, i, r.last)) {
			i++;
			continue;
		}
		uint32_t s = i;
		while (i < r.last && in_name(t, i, r.last))
			i++;
		uint32_t e = org_name_end(t, i, r.last);
		int org = e > i || dm_tok_in(t, i - 1, &dm_lex_orgs);
		i = e;
		while (e > s && dm_tok_is(t, e - 1, '.'))
			e--;
		uint32_t ns = s;
		if (!org) {
			ns = e;
			while (ns > s && !title_word(t, ns - 1) && !dm_tok_possessive(t, ns - 1))
				ns--;
			/* "Maria Doctor", "Erik General": a title word after a given
			 * name is a surname */
			if (ns == e && e - s >= 2 && given_name(t, e - 2))
				ns = e - 2;
			/* "Box Office Mojo": one word after an organisation word
			 * is the end of the organisation's name */
			if (ns > s && e - ns == 1 && dm_tok_in(t, ns - 1, &dm_lex_orgs) && !given_name(t, ns - 1)) {
				ns = s;
				org = 1;
			}
			/* "ambassador to Britain Liu Xiaming": a place after a
			 * preposition ends a title, the name is what follows it */
			for (uint32_t p = s + 1; ns == s && p + 2 <= e && p - s <= 3 && governed(t, r.first, s); p++)
				if (dm_names_place(t, (dm_range){s, p}))
					ns = p;
		}
		/* "according to The Hollywood Reporter": a "The" capitalised
		 * inside a sentence opens a title's name, though its last word
		 * is a role */
		if (ns == e && !org && s >= 2 && dm_tok_eq(t, s - 1, "the") && (t->toks[s - 1].flags & TK_CAP) &&
		    (t->toks[s - 2].flags & TK_WORD) && !(t->toks[s - 2].flags & TK_CAP)) {
			ns = s;
			org = 1;
		}
		if (ns == e || dm_tok_in(t, e - 1, &dm_lex_days)) /* "Last Monday, Ada Lind" */
			continue;
		/* Names that modify something else are not the source's:
		 * "Nagorno-Karabakh's", "of Azerbaijan", "the GOP nominee". */
		if (e < r.last && dm_tok_possessive(t, e))
			continue;
		/* "South Dakota's Department of Social Services": an
		 * organisation keeps the name of its owner */
		if (org && ns == s && s >= r.first + 2 && dm_tok_possessive(t, s - 1) &&
		    (t->toks[s - 2].flags & TK_CAP)) {
			uint32_t o = s - 2;
			while (o > r.first && in_name(t, o - 1, r.last) && !dm_tok_in(t, o - 1, &dm_lex_articles))
				o--;
			if (governed(t, r.first, o))
				continue;
			ns = s = o;
		} else if (ns == s && governed(t, r.first, s) && !issued_by(t, r.first, s)) {
			continue;
		}
		if (modifies_noun(t, r, s, e)) {
			/* "the Trump campaign", "Hong Kong police": a name and
			 * the organisation noun that ends the source name an
			 * organisation */
			uint32_t h = e + (e + 1 < r.last && dm_tok_is(t, e, '.'));
			if (h + 1 != r.last || dm_tok_possessive(t, h) ||
			    !(dm_tok_in(t, h, &dm_lex_orgs) || dm_tok_in(t, h, &dm_lex_org_words)))
				continue;
			ns = s;
			e = h + 1;
			org = 1;
		}
		if ((!org && dm_names_place(t, (dm_range){ns, e})) ||
		    (e < r.last && (t->toks[e].flags & TK_CAP) && hyphen_adjective(t, e)))
			continue; /* "Michigan, Trump says": the place is not who; "South Dakota-sized" */
		if (!org && e - ns >= 2)
			ns = dm_name_start(t, ns, e);
		/* Prefer a person's full name, then an organisation, then one
		 * word; of equals the last ("Port Amsel mayor Ines Kolar"), but
		 * not past a comma after a full name: an apposition describes
		 * the name before it ("Ada Lind, a nurse from Orsk, Vellby"). */
		int score = org ? 2 : (e - ns >= 2 ? 3 : 1);
		int best_score = best.last == best.first ? 0 : best_org ? 2 : (best.last - best.first >= 2 ? 3 : 1);
		int apposed = 0;
		for (uint32_t j = best.last; best_score && j < ns && !apposed; j++)
			apposed = dm_tok_is(t, j, ',');
		if (score > best_score || (score == best_score && !apposed)) {
			best = (dm_range){ns, e};
			best_org = org;
		}
	}
	/* "Energy, Environment and Water": one word after "and" and a
	 * capitalised word is the end of a list or of a longer name */
	if (best.last == best.first + 1 && !best_org && best.first >= r.first + 2 &&
	    dm_tok_eq(t, best.first - 1, "and") && (t->toks[best.first - 2].flags & TK_CAP))
		best = (dm_range){0, 0};
	/* "Holcomb and GOP legislative leaders said": sources joined by "and"
	 * are no one speaker ("Paganini and his team" is Paganini's) */
	char w[8];
	if (best.last > best.first && !best_org && best.last + 1 < r.last && dm_tok_eq(t, best.last, "and") &&
	    (t->toks[best.last + 1].flags & TK_WORD) &&
	    !(dm_tok_lower(t, best.last + 1, w, sizeof w) && dm_lex_has(&dm_lex_possessives, w)))
		best = (dm_range){0, 0};
	if (best.last == best.first) {
		dm_range voice = dm_government_voice(t, r); /* "China said" */
		if (voice.last > voice.first) {
			c->name = voice;
			c->type = DM_ORGANIZATION;
			return;
		}
	}
	c->name = best;
	if (best.last > best.first)
		c->type = best_org || dm_tok_in(t, best.last - 1, &dm_lex_org_words) || org_apposed(t, r, best)
		              ? DM_ORGANIZATION /* "Big Machine Records", "Home Depot" */
		              : (best.last - best.first >= 2 ? DM_PERSON : DM_UNKNOWN);
	else if (r.last > r.first && dm_tok_in(t, r.last - 1, &dm_lex_orgs))
		c->type = DM_ORGANIZATION;
	else if (r.last > r.first && dm_tok_in(t, r.last - 1, &dm_lex_roles))
		c->type = DM_PERSON;
	else
		c->type = DM_UNKNOWN;
}
