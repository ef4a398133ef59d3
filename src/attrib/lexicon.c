#include "lexicon.h"

#include <stdlib.h>
#include <string.h>

#define LIST(var, label, ...)                                                                                          \
	static const char *const var##_words[] = {__VA_ARGS__};                                                        \
	const dm_wordlist var = {label, var##_words, sizeof var##_words / sizeof *var##_words}

/* Only the inflections that are unambiguous as verbs after a subject: the
 * bare "state", "note" or "report" are nouns too often.  Belief and
 * intention verbs are here because annotators count them as attribution. */
LIST(dm_lex_cues, "accused", "acknowledged", "acknowledges", "added", "adds", "admits", "admitted", "affirmed",
     "agreed", "alleged", "alleges", "announced", "announces", "answered", "argue", "argued", "argues", "asked", "asks",
     "asserted", "asserts", "believe", "believed", "believes", "blamed", "blasted", "calls", "charged", "claimed",
     "claims", "commented", "complained", "complains", "conceded", "concedes", "concluded", "confirmed", "confirms",
     "contended", "contends", "countered", "criticised", "criticized", "cues", "declared", "declares", "defended",
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

LIST(dm_lex_roles, "roles", "activist", "activists", "adm.", "adviser", "advisers", "advisor", "advisors", "advocate",
     "advocates", "agent", "agents", "aide", "aides", "ambassador", "analyst", "analysts", "anchor", "assistant",
     "attorney", "author", "candidate", "candidates", "capt.", "captain", "ceo", "chair", "chairman", "chairwoman",
     "chancellor", "chief", "citizen", "co-chair", "co-chairs", "col.", "colonel", "columnist", "commander",
     "commissioner", "congressman", "congresswoman", "consultant", "correspondent", "councillor", "councilor", "critic",
     "critics", "delegate", "delegates", "deputy", "diplomat", "diplomats", "director", "doctor", "donor", "donors",
     "dr.", "economist", "economists", "editor", "envoy", "executive", "executives", "expert", "experts", "foreign",
     "former", "founder", "gen.", "general", "gov.", "governor", "governors", "head", "historian", "historians", "hon.",
     "host", "insider", "insiders", "investor", "investors", "journalist", "judge", "lawmaker", "lawmakers", "lawyer",
     "lawyers", "leader", "leaders", "lieutenant", "lt.", "maj.", "manager", "mayor", "mayors", "member", "members",
     "minister", "mr.", "mrs.", "ms.", "negotiator", "nominee", "nurse", "observer", "observers", "officer", "officers",
     "official", "officials", "organizer", "organizers", "owner", "pollster", "pollsters", "president", "presidential",
     "press", "prof.", "professor", "prosecutor", "protester", "protesters", "rep.", "reporter", "representative",
     "researcher", "researchers", "resident", "residents", "rev.", "scientist", "scientists", "secretary", "sen.",
     "senator", "senators", "senior", "sergeant", "sgt.", "source", "sources", "speaker", "spokesman", "spokesperson",
     "spokeswoman", "strategist", "strategists", "student", "students", "supporter", "supporters", "teacher", "vice",
     "voter", "voters", "witness", "witnesses", "worker", "workers");

LIST(dm_lex_orgs, "orgs", "administration", "affairs", "agency", "army", "assembly", "association", "authorities",
     "authority", "bank", "board", "bureau", "cabinet", "campaign", "center", "centre", "club", "commission",
     "committee", "community", "company", "congress", "corp", "corporation", "council", "court", "department",
     "directorate", "embassy", "federation", "forces", "foundation", "fund", "government", "group", "house",
     "institute", "institution", "kremlin", "league", "ministry", "movement", "network", "news", "office",
     "organisation", "organization", "parliament", "party", "police", "policy", "post", "republic", "senate", "service",
     "team", "times", "tv", "union", "university", "white");

LIST(dm_lex_between, "between", "again", "already", "also", "earlier", "even", "first", "further", "had", "has", "have",
     "is", "just", "later", "never", "not", "now", "once", "only", "previously", "publicly", "recently", "repeatedly",
     "reportedly", "separately", "still", "then", "was", "were", "will", "would", "yesterday");

LIST(dm_lex_aux, "aux", "are", "did", "does", "had", "has", "have", "is", "was", "were", "will", "would");

LIST(dm_lex_nameparts, "nameparts", "'s", "al", "and", "bin", "da", "de", "del", "der", "di", "for", "la", "le", "of",
     "on", "the", "to", "van", "von");

LIST(dm_lex_venue_preps, "venue_preps", "after", "at", "before", "during", "in", "on", "to", "via", "while", "with");

LIST(dm_lex_participles, "participles", "adding", "arguing", "asking", "calling", "citing", "claiming", "explaining",
     "insisting", "noting", "recalling", "saying", "stressing", "suggesting", "telling", "warning", "writing");

/* Words that open sentences capitalised but are never part of a name. */
LIST(dm_lex_function, "function", "after", "also", "although", "and", "as", "at", "because", "before", "but", "by",
     "for", "from", "here", "how", "however", "if", "in", "it", "meanwhile", "moreover", "now", "on", "once", "or",
     "since", "so", "that", "then", "there", "these", "this", "those", "though", "thus", "unless", "what", "when",
     "where", "whether", "while", "who", "why", "with", "yet");

static int cmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
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
