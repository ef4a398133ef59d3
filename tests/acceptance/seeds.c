/*
 * Acceptance: `dictum extract` on the seed articles, scored against
 * seeds/gold.json as its "about" says.  A gold statement is found when an
 * extracted statement of its document contains its key (case, white space
 * and quotation marks folded) and names its speaker or one of the aliases.
 * An extracted statement is right when it matches some gold statement of
 * its document: it holds the key, the key holds it, or they share a stretch
 * of at least 60% of the key.  Then the seeds are ingested into a fresh
 * database and what linking made of them is checked (issue 6): one person
 * for the spellings of a name, none made of a pronoun or a title, the gold
 * echo pair in one cluster, the venues and relays of the relayed
 * interviews.  Exits 77 (skipped) without ../shared.
 *
 * usage: seeds DICTUM_BINARY SOURCE_DIR
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/utf8.h"

#define SKIP 77

static int failures, passes;

static void check(int ok, const char *what, const char *file)
{
	printf("%s  %s %s\n", ok ? "ok  " : "FAIL", what, file);
	if (!ok)
		failures++;
	else
		passes++;
}

/* Case-folded, quotation marks dropped, white space runs made one space. */
static char *fold(const char *s)
{
	char *f = dm_fold(s, strlen(s));
	char *out = malloc(strlen(f) + 1);
	size_t o = 0, i = 0, n = strlen(f);
	int space = 1;
	while (i < n) {
		size_t start = i;
		int32_t c = dm_utf8_next(f, n, &i);
		if (c == '"' || c == '\'' || (c >= 0x2018 && c <= 0x201F) || c == 0xAB || c == 0xBB)
			continue;
		if (dm_is_space(c)) {
			if (!space)
				out[o++] = ' ';
			space = 1;
			continue;
		}
		memcpy(out + o, f + start, i - start);
		o += i - start;
		space = 0;
	}
	while (o && out[o - 1] == ' ')
		o--;
	out[o] = 0;
	free(f);
	return out;
}

/* Length of the longest common substring of A and B (bytes). */
static size_t common(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b), best = 0;
	size_t *row = calloc(nb + 1, sizeof *row);
	for (size_t i = 1; i <= na; i++) {
		size_t prev = 0;
		for (size_t j = 1; j <= nb; j++) {
			size_t tmp = row[j];
			row[j] = a[i - 1] == b[j - 1] ? prev + 1 : 0;
			if (row[j] > best)
				best = row[j];
			prev = tmp;
		}
	}
	free(row);
	return best;
}

static int speaker_ok(json_t *speakers, const char *gold, const char *got)
{
	if (!got)
		return 0;
	char *g = fold(got);
	int ok = 0;
	char *c = fold(gold);
	ok = !strcmp(c, g);
	free(c);
	json_t *sp = json_object_get(speakers, gold), *alias;
	size_t i;
	json_array_foreach(json_object_get(sp, "aliases"), i, alias)
	{
		char *a = fold(json_string_value(alias));
		ok |= !strcmp(a, g);
		free(a);
	}
	free(g);
	return ok;
}

static const char *base(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

static json_t *run_json(const char *cmd)
{
	json_error_t jerr;
	FILE *p = popen(cmd, "r");
	json_t *j = p ? json_loadf(p, JSON_DISABLE_EOF_CHECK, &jerr) : NULL;
	if (p && pclose(p) != 0)
		check(0, "exits 0:", cmd);
	if (!j)
		printf("FAIL  no JSON from %s\n", cmd);
	return j;
}

/* Does some element of the JSON array A equal S? */
static int has_string(json_t *a, const char *s)
{
	size_t i;
	json_t *x;
	json_array_foreach(a, i, x) if (json_is_string(x) && !strcmp(json_string_value(x), s)) return 1;
	return 0;
}

/* The statement of FILE whose folded content holds KEY, from ROWS. */
static json_t *find_statement(json_t *rows, const char *file, const char *key)
{
	char *k = fold(key);
	size_t i;
	json_t *r, *hit = NULL;
	json_array_foreach(rows, i, r)
	{
		if (hit || strcmp(base(json_string_value(json_object_get(r, "source"))), file))
			continue;
		char *c = fold(json_string_value(json_object_get(r, "content")));
		if (strstr(c, k))
			hit = r;
		free(c);
	}
	free(k);
	return hit;
}

static void linked(const char *dictum, const char *dir, json_t *gold)
{
	char tmp[] = "/tmp/dictum-seeds-XXXXXX", cmd[8600];
	if (!mkdtemp(tmp)) {
		check(0, "a temporary directory", tmp);
		return;
	}
	snprintf(cmd, sizeof cmd, "'%s' ingest --quiet --db '%s/s.db' '%s'/*.txt", dictum, tmp, dir);
	check(system(cmd) == 0, "dictum ingest of the seeds", "exits 0");
	snprintf(cmd, sizeof cmd, "'%s' speakers --json --db '%s/s.db'", dictum, tmp);
	json_t *people = run_json(cmd);
	snprintf(cmd, sizeof cmd, "'%s' quotes --json --db '%s/s.db'", dictum, tmp);
	json_t *rows = run_json(cmd);
	snprintf(cmd, sizeof cmd, "'%s' echoes --json --db '%s/s.db'", dictum, tmp);
	json_t *echoes = run_json(cmd);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		printf("note: could not remove %s\n", tmp);
	if (!people || !rows || !echoes)
		return;

	/* one person for both spellings, one for Ganjaliyev; no pronoun or title */
	int both = 0, tural = 0, bad = 0;
	const char *hajiyev = NULL;
	size_t i, j;
	json_t *p, *x;
	json_array_foreach(people, i, p)
	{
		json_t *forms = json_object_get(p, "forms");
		if (has_string(forms, "Hikmat Hajiyev") && has_string(forms, "Hikmet Hajiyev")) {
			both++;
			hajiyev = json_string_value(json_object_get(p, "id"));
		}
		tural += has_string(forms, "Tural Ganjaliyev");
		char *name = fold(json_string_value(json_object_get(p, "name")));
		static const char *const pronouns[] = {"he", "she", "they", "we", "it", "i", "you"};
		for (size_t k = 0; k < sizeof pronouns / sizeof *pronouns; k++)
			bad |= !strcmp(name, pronouns[k]);
		bad |= !strncmp(name, "the ", 4);
		json_t *sp;
		const char *who;
		json_object_foreach(json_object_get(gold, "speakers"), who, sp)
		    json_array_foreach(json_object_get(sp, "roles"), j, x)
		{
			char *role = fold(json_string_value(x));
			bad |= !strcmp(name, role);
			free(role);
		}
		free(name);
	}
	check(both == 1, "speakers: exactly one person has the forms Hikmat Hajiyev and Hikmet Hajiyev", "");
	check(tural == 1, "speakers: exactly one person is Tural Ganjaliyev", "");
	check(!bad, "speakers: no person is a pronoun or a bare title", "");

	/* every required statement of Hajiyev is under that person */
	int required = 0, under = 0;
	json_t *d, *g;
	json_array_foreach(json_object_get(gold, "documents"), i, d)
	    json_array_foreach(json_object_get(d, "statements"), j, g)
	{
		if (!json_is_true(json_object_get(g, "required")) ||
		    strcmp(json_string_value(json_object_get(g, "speaker")), "Hikmat Hajiyev"))
			continue;
		required++;
		json_t *r = find_statement(rows, json_string_value(json_object_get(d, "file")),
		                           json_string_value(json_object_get(g, "key")));
		const char *id = r ? json_string_value(json_object_get(r, "speaker_id")) : NULL;
		if (r && id && hajiyev && !strcmp(id, hajiyev))
			under++;
		else
			printf("      not under %s: %s\n", hajiyev ? hajiyev : "(no person)",
			       json_string_value(json_object_get(g, "key")));
	}
	char line[64];
	snprintf(line, sizeof line, "%d of %d", under, required);
	check(required && under == required, "quotes: Hajiyev's required statements under his one person:", line);

	/* the gold echo pair in one cluster */
	json_array_foreach(json_object_get(gold, "echoes"), i, g)
	{
		json_t *a = json_object_get(g, "a"), *b = json_object_get(g, "b"), *c;
		int together = 0;
		json_array_foreach(echoes, j, c)
		{
			json_t *members = json_object_get(c, "statements");
			together |= find_statement(members, json_string_value(json_object_get(a, "file")),
			                           json_string_value(json_object_get(a, "key"))) &&
			            find_statement(members, json_string_value(json_object_get(b, "file")),
			                           json_string_value(json_object_get(b, "key")));
		}
		check(together, "echoes: one cluster holds the gold pair",
		      json_string_value(json_object_get(g, "note")));
	}

	/* venues and relays, as gold gives them */
	int with = 0, right = 0;
	json_array_foreach(json_object_get(gold, "documents"), i, d)
	    json_array_foreach(json_object_get(d, "statements"), j, g)
	{
		json_t *gv = json_object_get(g, "venue"), *gvia = json_object_get(g, "via");
		if (!gv && !gvia)
			continue;
		with++;
		json_t *r = find_statement(rows, json_string_value(json_object_get(d, "file")),
		                           json_string_value(json_object_get(g, "key")));
		const char *venue = r ? json_string_value(json_object_get(r, "venue")) : NULL;
		int ok = r && (!gv || (venue && !strcmp(venue, json_string_value(gv))));
		size_t k;
		json_array_foreach(gvia, k, x) ok &= r && has_string(json_object_get(r, "via"), json_string_value(x));
		right += ok;
		if (!ok)
			printf("      wrong venue or via: %s\n", json_string_value(json_object_get(g, "key")));
	}
	snprintf(line, sizeof line, "%d of %d", right, with);
	check(with && right == with, "quotes: gold statements with their venue and relays:", line);
	json_t *first004 = NULL, *r;
	json_array_foreach(rows, i, r)
	{
		const char *src = base(json_string_value(json_object_get(r, "source")));
		if (!strncmp(src, "004_", 4) && (!first004 || json_integer_value(json_object_get(r, "id")) <
		                                                  json_integer_value(json_object_get(first004, "id"))))
			first004 = r;
	}
	const char *v = first004 ? json_string_value(json_object_get(first004, "venue")) : NULL;
	check(v && !strcmp(v, "Phoenix TV"), "quotes: the first statement of 004 has venue Phoenix TV", "");
	json_decref(people);
	json_decref(rows);
	json_decref(echoes);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: seeds DICTUM SOURCE_DIR\n");
		return 2;
	}
	const char *shared = getenv("DICTUM_SHARED");
	char dir[4096];
	if (shared && *shared)
		snprintf(dir, sizeof dir, "%s/seeds", shared);
	else
		snprintf(dir, sizeof dir, "%s/../shared/seeds", argv[2]);
	char gold_path[4200];
	snprintf(gold_path, sizeof gold_path, "%s/gold.json", dir);
	struct stat st;
	if (stat(gold_path, &st) != 0) {
		printf("SKIPPED: no seeds at %s (set DICTUM_SHARED)\n", dir);
		return SKIP;
	}
	json_error_t jerr;
	json_t *gold = json_load_file(gold_path, 0, &jerr);
	if (!gold) {
		printf("FAIL cannot read %s: %s\n", gold_path, jerr.text);
		return 1;
	}
	json_t *docs = json_object_get(gold, "documents"), *speakers = json_object_get(gold, "speakers");

	/* Run the extractor on each gold document. */
	char cmd[8600];
	size_t n = json_array_size(docs);
	json_t **got = calloc(n, sizeof *got);
	for (size_t d = 0; d < n; d++) {
		const char *file = json_string_value(json_object_get(json_array_get(docs, d), "file"));
		snprintf(cmd, sizeof cmd, "'%s' extract '%s/%s'", argv[1], dir, file);
		FILE *p = popen(cmd, "r");
		got[d] = p ? json_loadf(p, JSON_DISABLE_EOF_CHECK, &jerr) : NULL;
		if (p && pclose(p) != 0)
			check(0, "dictum extract exits 0 on", file);
		if (!got[d] || strcmp(base(json_string_value(json_object_get(got[d], "source"))), file)) {
			printf("FAIL  no JSON document for %s\n", file);
			return 1;
		}
	}

	int required = 0, found = 0, right_kind = 0, extracted = 0, matched = 0;
	for (size_t d = 0; d < n; d++) {
		json_t *g = json_array_get(docs, d), *e = got[d];
		const char *file = json_string_value(json_object_get(g, "file"));
		json_t *gs = json_object_get(g, "statements"), *es = json_object_get(e, "statements"), *x, *y;
		size_t i, j;
		json_array_foreach(gs, i, x)
		{
			if (!json_is_true(json_object_get(x, "required")))
				continue;
			required++;
			char *key = fold(json_string_value(json_object_get(x, "key")));
			int hit = 0, kind = 0;
			json_array_foreach(es, j, y)
			{
				char *c = fold(json_string_value(json_object_get(y, "content")));
				if (strstr(c, key) &&
				    speaker_ok(speakers, json_string_value(json_object_get(x, "speaker")),
				               json_string_value(json_object_get(y, "speaker")))) {
					hit = 1;
					kind |= !strcmp(json_string_value(json_object_get(x, "kind")),
					                json_string_value(json_object_get(y, "kind")));
				}
				free(c);
			}
			if (!hit)
				printf("      missed %s: %s\n", file, key);
			found += hit;
			right_kind += kind;
			free(key);
		}
		json_array_foreach(es, j, y)
		{
			extracted++;
			char *c = fold(json_string_value(json_object_get(y, "content")));
			int ok = 0;
			json_array_foreach(gs, i, x)
			{
				char *key = fold(json_string_value(json_object_get(x, "key")));
				ok |= strstr(c, key) || strstr(key, c) || common(c, key) * 10 >= strlen(key) * 6;
				free(key);
			}
			if (!ok)
				printf("      extra  %s: %.100s\n", file, c);
			matched += ok;
			free(c);
		}
		/* metadata */
		json_t *gd = json_object_get(g, "date"), *ed = json_object_get(e, "date");
		int date_ok = json_is_null(gd)
		                  ? json_is_null(ed)
		                  : json_is_string(ed) && !strcmp(json_string_value(gd), json_string_value(ed));
		check(date_ok, "date of", file);
		check(json_equal(json_object_get(g, "authors"), json_object_get(e, "authors")), "authors of", file);
		char *text = fold(json_string_value(json_object_get(e, "text")));
		json_array_foreach(json_object_get(g, "boilerplate"), i, x)
		{
			char *b = fold(json_string_value(x));
			check(!strstr(text, b), "no boilerplate left in", file);
			free(b);
		}
		json_array_foreach(json_object_get(g, "duplicate_text"), i, x)
		{
			char *b = fold(json_string_value(x));
			char *first = strstr(text, b);
			check(!first || !strstr(first + 1, b), "duplicate kept once in", file);
			free(b);
		}
		json_array_foreach(json_object_get(g, "not_statements"), i, x)
		{
			char *b = fold(json_string_value(x));
			int bad = 0;
			json_array_foreach(es, j, y)
			{
				char *c = fold(json_string_value(json_object_get(y, "content")));
				bad |= !strcmp(c, b);
				free(c);
			}
			check(!bad, "no statement made of a quoted name in", file);
			free(b);
		}
		free(text);
		json_decref(e);
	}
	double recall = required ? (double)found / required : 0,
	       precision = extracted ? (double)matched / extracted : 0;
	char line[128];
	snprintf(line, sizeof line, "%.3f (%d of %d), need 0.90", recall, found, required);
	check(recall >= 0.90, "required statements found with the right speaker:", line);
	snprintf(line, sizeof line, "%.3f (%d of %d), need 0.90", precision, matched, extracted);
	check(precision >= 0.90, "extracted statements that match gold:", line);
	/* Issue 4 raised the bar: the right speaker and the right kind. */
	double with_kind = required ? (double)right_kind / required : 0;
	snprintf(line, sizeof line, "%.3f (%d of %d), need 0.95", with_kind, right_kind, required);
	check(with_kind >= 0.95, "required statements found with the right speaker and kind:", line);
	free(got);
	linked(argv[1], dir, gold);
	json_decref(gold);
	printf("%d passed, %d failed\n", passes, failures);
	return failures ? 1 : 0;
}
