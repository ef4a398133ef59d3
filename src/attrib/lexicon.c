#include "lexicon.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define LIST(var, bit, label, ...)                                                                                     \
	static const char *const var##_words[] = {__VA_ARGS__};                                                        \
	const dm_wordlist var = {label, var##_words, sizeof var##_words / sizeof *var##_words, bit}

/* Only the inflections that are unambiguous as verbs after a subject: the
 * bare "state", "note" or "report" are nouns too often.  Belief and
 * intention verbs are here because annotators count them as attribution. */
LIST(dm_lex_cues, 1u << 0, "cues", "accused", "acknowledged", "acknowledges", "added", "adds", "admits", "admitted",
     "affirmed", "agreed", "alleged", "alleges", "announced", "announces", "answered", "argue", "argued", "argues",
     "asked", "asks", "asserted", "asserts", "believe", "believed", "believes", "blamed", "blasted", "calls", "charged",
     "claimed", "claims", "commented", "complained", "complains", "conceded", "concedes", "concluded", "confirmed",
     "confirms", "contended", "contends", "countered", "criticised", "criticized", "declared", "declares", "defended",
     "denied", "denies", "described", "disclosed", "dismissed", "emphasised", "emphasises", "emphasized", "emphasizes",
     "endorsed", "estimated", "estimates", "explained", "explains", "expressed", "feared", "fears", "finds", "found",
     "highlighted", "highlights", "hope", "hoped", "hopes", "indicated", "informed", "insisted", "insists", "knows",
     "learned", "maintained", "maintains", "mentioned", "noted", "notes", "objected", "observed", "plans", "pledged",
     "pointed", "praised", "predicted", "predicts", "promised", "promises", "proposed", "questioned", "recalled",
     "recalls", "recounted", "regrets", "regretted", "reiterated", "reiterates", "rejected", "remarked", "reminded",
     "reminds", "replied", "replies", "reported", "reports", "responded", "responds", "revealed", "said", "say",
     "saying", "says", "show", "showed", "shows", "signaled", "signalled", "speculated", "stated", "states", "stressed",
     "stresses", "suggest", "suggested", "suggests", "tell", "telling", "tells", "testified", "think", "thinks", "told",
     "tweeted", "tweets", "underlined", "underlines", "underscored", "urged", "urges", "vowed", "vows", "wanted",
     "wants", "warned", "warns", "writes", "wrote");

LIST(dm_lex_roles, 1u << 1, "roles", "activist", "activists", "adm.", "adviser", "advisers", "advisor", "advisors",
     "advocate", "advocates", "agent", "agents", "aide", "aides", "ambassador", "analyst", "analysts", "anchor",
     "assistant", "attorney", "author", "candidate", "candidates", "capt.", "captain", "ceo", "chair", "chairman",
     "chairwoman", "chancellor", "chief", "citizen", "co-chair", "co-chairs", "col.", "colonel", "columnist",
     "commander", "commissioner", "congressman", "congresswoman", "consultant", "correspondent", "councillor",
     "councilor", "critic", "critics", "delegate", "delegates", "deputy", "diplomat", "diplomats", "director", "doctor",
     "donor", "donors", "dr.", "economist", "economists", "editor", "envoy", "executive", "executives", "expert",
     "experts", "foreign", "former", "founder", "gen.", "general", "gov.", "governor", "governors", "head", "historian",
     "historians", "hon.", "host", "insider", "insiders", "investor", "investors", "journalist", "judge", "lawmaker",
     "lawmakers", "lawyer", "lawyers", "leader", "leaders", "lieutenant", "lt.", "maj.", "manager", "mayor", "mayors",
     "member", "members", "minister", "mr.", "mrs.", "ms.", "negotiator", "nominee", "nurse", "observer", "observers",
     "officer", "officers", "official", "officials", "organizer", "organizers", "owner", "pollster", "pollsters",
     "president", "presidential", "press", "prof.", "professor", "prosecutor", "protester", "protesters", "rep.",
     "reporter", "representative", "researcher", "researchers", "resident", "residents", "rev.", "scientist",
     "scientists", "secretary", "sen.", "senator", "senators", "senior", "sergeant", "sgt.", "source", "sources",
     "speaker", "spokesman", "spokesperson", "spokeswoman", "strategist", "strategists", "student", "students",
     "supporter", "supporters", "teacher", "vice", "voter", "voters", "witness", "witnesses", "worker", "workers");

LIST(dm_lex_orgs, 1u << 2, "orgs", "administration", "affairs", "agency", "army", "assembly", "association",
     "authorities", "authority", "bank", "board", "bureau", "cabinet", "campaign", "center", "centre", "club",
     "commission", "committee", "community", "company", "congress", "corp", "corporation", "council", "court",
     "department", "directorate", "embassy", "federation", "forces", "foundation", "fund", "government", "group",
     "house", "institute", "institution", "kremlin", "league", "ministry", "movement", "network", "news", "office",
     "organisation", "organization", "parliament", "party", "police", "policy", "post", "republic", "senate", "service",
     "team", "times", "tv", "union", "university", "white");

LIST(dm_lex_between, 1u << 3, "between", "again", "already", "also", "earlier", "even", "first", "further", "had",
     "has", "have", "is", "just", "later", "never", "not", "now", "once", "only", "previously", "publicly", "recently",
     "repeatedly", "reportedly", "separately", "still", "then", "was", "were", "will", "would", "yesterday");

LIST(dm_lex_aux, 1u << 4, "aux", "are", "did", "does", "had", "has", "have", "is", "was", "were", "will", "would");

LIST(dm_lex_nameparts, 1u << 5, "nameparts", "'s", "al", "and", "bin", "da", "de", "del", "der", "di", "for", "la",
     "le", "of", "on", "the", "to", "van", "von");

LIST(dm_lex_venue_preps, 1u << 6, "venue_preps", "after", "at", "before", "during", "in", "on", "to", "via", "while",
     "with");

LIST(dm_lex_participles, 1u << 7, "participles", "adding", "arguing", "asking", "calling", "citing", "claiming",
     "explaining", "insisting", "noting", "recalling", "saying", "stressing", "suggesting", "telling", "warning",
     "writing");

/* Nouns that introduce what someone said: "the ministry's statements that". */
LIST(dm_lex_cue_nouns, 1u << 9, "cue_nouns", "accusation", "accusations", "allegation", "allegations", "announcement",
     "argument", "assertion", "assurances", "belief", "claim", "claims", "comments", "insistence", "promise", "remarks",
     "statement", "statements", "suggestion", "warning");

/* Words that open sentences capitalised but are never part of a name. */
LIST(dm_lex_function, 1u << 8, "function", "after", "also", "although", "and", "as", "at", "because", "before", "but",
     "by", "for", "from", "here", "how", "however", "if", "in", "it", "meanwhile", "moreover", "now", "on", "once",
     "or", "since", "so", "that", "then", "there", "these", "this", "those", "though", "thus", "unless", "what", "when",
     "where", "whether", "while", "who", "why", "with", "yet");

/* Days of the week: "Last Monday" opens a sentence capitalised but names no one. */
LIST(dm_lex_days, 1u << 10, "days", "friday", "monday", "saturday", "sunday", "thursday", "tuesday", "wednesday");
/* Months: "proposed last March" says when, not what. */
LIST(dm_lex_months, 1u << 11, "months", "april", "august", "december", "february", "january", "july", "june", "march",
     "may", "november", "october", "september");

static int cmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static const dm_wordlist *const all_lists[] = {
    &dm_lex_cues,        &dm_lex_roles,       &dm_lex_orgs,     &dm_lex_between,   &dm_lex_aux,  &dm_lex_nameparts,
    &dm_lex_venue_preps, &dm_lex_participles, &dm_lex_function, &dm_lex_cue_nouns, &dm_lex_days, &dm_lex_months};

/* Every word of every list in one open-addressing table, built once:
 * a token is classified with one hash probe instead of a search per list. */
#define TABLE_SIZE 4096 /* a power of two, well over the number of words */

static struct {
	const char *word;
	uint16_t mask;
} table[TABLE_SIZE];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static uint32_t fnv1a(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void build_table(void)
{
	for (size_t l = 0; l < sizeof all_lists / sizeof *all_lists; l++)
		for (size_t i = 0; i < all_lists[l]->n; i++) {
			const char *w = all_lists[l]->words[i];
			uint32_t h = fnv1a(w) & (TABLE_SIZE - 1);
			while (table[h].word && strcmp(table[h].word, w) != 0)
				h = (h + 1) & (TABLE_SIZE - 1);
			table[h].word = w;
			table[h].mask |= all_lists[l]->bit;
		}
}

uint16_t dm_lex_classes(const char *word)
{
	pthread_once(&table_once, build_table);
	uint32_t h = fnv1a(word) & (TABLE_SIZE - 1);
	while (table[h].word) {
		if (strcmp(table[h].word, word) == 0)
			return table[h].mask;
		h = (h + 1) & (TABLE_SIZE - 1);
	}
	return 0;
}

int dm_lex_has(const dm_wordlist *l, const char *word)
{
	return bsearch(word, l->words, l->n, sizeof *l->words, cmp) != NULL;
}

int dm_lex_pronoun(const char *w)
{
	if (!strcmp(w, "he") || !strcmp(w, "she"))
		return 'p';
	if (!strcmp(w, "they") || !strcmp(w, "we") || !strcmp(w, "it"))
		return 'g';
	if (!strcmp(w, "i"))
		return 'i';
	return 0;
}
