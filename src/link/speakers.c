/*
 * Speakers across documents (link.h).  Forms are grouped by their name key
 * (names.c) and merged only where nothing speaks against it:
 *   - forms of one key join unless the titles documents give them share no
 *     word (a mayor and an economist of one name are two people); a form
 *     with no title that could belong to two such people joins neither;
 *   - a surname alone ("Hajiyev", "Oste Jr.", from a document that never
 *     gives the full name) joins the one person whose name ends in it,
 *     never one of several;
 *   - persons and organisations never merge;
 *   - what users said wins: 'alias split' keeps a form apart, 'alias add'
 *     puts it with the person of the name given.
 * Pronouns and bare titles are not names and make no person.  Every form
 * records why it is where it is, in words.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dictum.h"
#include "lex/lexicon.h"
#include "link.h"

#define STEM 5 /* "presidential" and "President" share "presi" */

typedef struct prep {
	const dm_form *form;
	size_t index; /* of form */
	char *key;
	int parts;
	uint32_t *stems; /* of the title words */
	size_t n_stems;
} prep;

typedef struct cluster {
	size_t parent; /* union-find */
	size_t rep;    /* the form it began with: the most used of its key */
	const char *name;
	int type, split, parts, by_user;
	const char *key;
	uint32_t *stems;
	size_t n_stems;
} cluster;

static uint32_t stem_hash(const char *w, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n && i < STEM; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h;
}

static int stop_word(const char *w, size_t n)
{
	return dm_lex_hasn(&dm_lex_title_stopwords, w, n);
}

static int title_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

/* The stems of the words of F's titles, lower-cased, stop words out. */
static int title_stems(const dm_form *f, prep *p)
{
	for (size_t t = 0; t < f->n_titles; t++) {
		for (const char *s = f->titles[t]; *s;) {
			char w[16];
			size_t n = 0;
			for (; title_byte((unsigned char)*s); s++)
				if (n < sizeof w)
					w[n++] = (char)((unsigned char)*s < 0x80 ? *s | 32 : *s);
			if (n && !stop_word(w, n)) {
				uint32_t *v = realloc(p->stems, (p->n_stems + 1) * sizeof *v);
				if (!v)
					return -1;
				p->stems = v;
				p->stems[p->n_stems++] = stem_hash(w, n);
			}
			while (*s && !title_byte((unsigned char)*s))
				s++;
		}
	}
	return 0;
}

static int share(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < nb; j++)
			if (a[i] == b[j])
				return 1;
	return 0;
}

/* Roles do not speak against a merge: one side has none, or they share a word. */
static int compatible(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	return !na || !nb || share(a, na, b, nb);
}

/* A name has a capitalised word that is not a title, pronoun or function
 * word: "Hikmat Hajiyev", "Armenian Foreign Ministry"; not "He", "The
 * presidential aide". */
static int is_name(const char *name)
{
	for (const char *s = name; *s;) {
		size_t n = strcspn(s, " ");
		char w[48];
		if (n && n < sizeof w) {
			for (size_t i = 0; i < n; i++)
				w[i] = (char)((unsigned char)s[i] < 0x80 ? s[i] | 32 : s[i]);
			w[n] = 0;
			int cap =
			    ((unsigned char)s[0] >= 'A' && (unsigned char)s[0] <= 'Z') || (unsigned char)s[0] >= 0x80;
			if (cap && !dm_lex_has(&dm_lex_roles, w) && !dm_lex_has(&dm_lex_function, w) &&
			    !dm_lex_pronoun(w) && strcmp(w, "the"))
				return 1;
		}
		s += n;
		while (*s == ' ')
			s++;
	}
	return 0;
}

/* A surname alone, or with a generational suffix: "Hajiyev", "Oste Jr." */
static int surname_only(const cluster *c)
{
	if (c->parts == 1)
		return 1;
	const char *last = strrchr(c->key, ' ');
	return c->parts == 2 && dm_lex_has(&dm_lex_name_suffixes, last + 1);
}

/* Does the key NAME end with the whole parts of SURNAME? */
static int ends_with(const char *name, const char *surname)
{
	size_t n = strlen(name), k = strlen(surname);
	return n > k && name[n - k - 1] == ' ' && !strcmp(name + n - k, surname);
}

static size_t root(cluster *c, size_t i)
{
	while (c[i].parent != i)
		i = c[i].parent = c[c[i].parent].parent;
	return i;
}

static int add_stems(cluster *c, const prep *p)
{
	if (!p->n_stems)
		return 0;
	uint32_t *v = realloc(c->stems, (c->n_stems + p->n_stems) * sizeof *v);
	if (!v)
		return -1;
	memcpy(v + c->n_stems, p->stems, p->n_stems * sizeof *v);
	c->stems = v;
	c->n_stems += p->n_stems;
	return 0;
}

/* By type, then key, then most statements first. */
static int by_key(const void *a, const void *b)
{
	const prep *x = *(const prep *const *)a, *y = *(const prep *const *)b;
	const dm_form *f = x->form, *g = y->form;
	if (f->type != g->type)
		return f->type - g->type;
	int k = strcmp(x->key, y->key);
	if (k)
		return k;
	if (f->statements != g->statements)
		return f->statements > g->statements ? -1 : 1;
	return strcmp(f->name, g->name);
}

static int same_group(const prep *a, const prep *b)
{
	return a->form->type == b->form->type && !strcmp(a->key, b->key);
}

static size_t new_cluster(cluster *c, size_t *nc, const dm_form *f, size_t fi, const prep *p)
{
	size_t i = (*nc)++;
	c[i] = (cluster){i, fi, f->name, f->type, f->split, p->parts, 0, p->key, NULL, 0};
	return add_stems(&c[i], p) ? SIZE_MAX : i;
}

long dm_link_speakers(dm_form *forms, size_t n, dm_person **out)
{
	*out = NULL;
	prep *p = calloc(n + 1, sizeof *p);
	const prep **order = calloc(n + 1, sizeof *order);
	size_t *home = calloc(n + 1, sizeof *home); /* cluster of each form */
	cluster *c = calloc(n + 1, sizeof *c);
	long result = -1;
	size_t no = 0, nc = 0;
	if (!p || !order || !home || !c)
		goto done;
	for (size_t i = 0; i < n; i++) {
		dm_form *f = &forms[i];
		p[i].form = f;
		p[i].index = i;
		f->person = SIZE_MAX;
		f->reason[0] = 0;
		home[i] = SIZE_MAX;
		if (!(p[i].key = dm_name_key(f->name, strlen(f->name))) || title_stems(f, &p[i]))
			goto done;
		p[i].parts = 1;
		for (const char *s = p[i].key; *s; s++)
			p[i].parts += *s == ' ';
		if (f->alias)
			continue; /* placed last, where the user said */
		if (!*p[i].key || !is_name(f->name)) {
			snprintf(f->reason, sizeof f->reason, "not a name (a pronoun or a bare title): no person");
			continue;
		}
		order[no++] = &p[i];
	}
	qsort(order, no, sizeof *order, by_key);

	/* one key at a time: its forms join the clusters their roles allow */
	for (size_t g = 0; g < no;) {
		size_t e = g, first = nc;
		while (e < no && same_group(order[g], order[e]))
			e++;
		for (size_t k = g; k < e; k++) {
			size_t fi = order[k]->index;
			dm_form *f = &forms[fi];
			if (f->split || first == nc) {
				if ((home[fi] = new_cluster(c, &nc, f, fi, &p[fi])) == SIZE_MAX)
					goto done;
				if (f->split)
					snprintf(f->reason, sizeof f->reason, "kept apart by 'dictum alias split'");
				continue;
			}
			size_t hit = SIZE_MAX, hits = 0;
			for (size_t j = first; j < nc; j++)
				if (!c[j].split && compatible(c[j].stems, c[j].n_stems, p[fi].stems, p[fi].n_stems)) {
					if (hit == SIZE_MAX)
						hit = j;
					hits++;
				}
			if (hits == 1 || (hits > 1 && p[fi].n_stems)) {
				home[fi] = hit;
				if (add_stems(&c[hit], &p[fi]))
					goto done;
				snprintf(f->reason, sizeof f->reason, "same name as '%s' up to spelling ('%s')%s",
				         forms[c[hit].rep].name, p[fi].key,
				         p[fi].n_stems && c[hit].n_stems > p[fi].n_stems ? "; their titles share a word"
				                                                         : "");
				continue;
			}
			if ((home[fi] = new_cluster(c, &nc, f, fi, &p[fi])) == SIZE_MAX)
				goto done;
			snprintf(f->reason, sizeof f->reason,
			         hits ? "same name as '%s' and others whose titles differ: could be any, not merged"
			              : "same name as '%s' up to spelling, but their titles share no word: not merged",
			         forms[c[first].rep].name);
		}
		g = e;
	}

	/* a surname alone joins the one person whose name ends in it */
	for (size_t s = 0; s < nc; s++) {
		if (!surname_only(&c[s]) || c[s].type == DM_ORGANIZATION || c[s].split || root(c, s) != s)
			continue;
		size_t hit = SIZE_MAX, hits = 0;
		for (size_t j = 0; j < nc; j++) {
			if (c[j].parts <= c[s].parts || c[j].type != DM_PERSON || root(c, j) != j ||
			    !ends_with(c[j].key, c[s].key))
				continue;
			hits++;
			if (compatible(c[j].stems, c[j].n_stems, c[s].stems, c[s].n_stems) && hit == SIZE_MAX)
				hit = j;
		}
		for (size_t i = 0; i < n; i++) {
			if (home[i] != s)
				continue;
			if (hits == 1 && hit != SIZE_MAX)
				snprintf(forms[i].reason, sizeof forms[i].reason,
				         "surname of '%s', the only person of that name in the archive",
				         forms[c[hit].rep].name);
			else if (hits)
				snprintf(forms[i].reason, sizeof forms[i].reason,
				         "surname of %zu people in the archive: could be any, not merged", hits);
		}
		if (hits == 1 && hit != SIZE_MAX) {
			c[s].parent = hit;
			if (add_stems(&c[hit], &p[c[s].rep]))
				goto done;
		}
	}

	/* the user's aliases */
	for (size_t i = 0; i < n; i++) {
		dm_form *f = &forms[i];
		if (!f->alias)
			continue;
		size_t hit = SIZE_MAX;
		for (size_t j = 0; j < n && hit == SIZE_MAX; j++)
			if (home[j] != SIZE_MAX && !strcasecmp(forms[j].name, f->alias))
				hit = root(c, home[j]);
		if (hit == SIZE_MAX) {
			if ((hit = new_cluster(c, &nc, f, i, &p[i])) == SIZE_MAX)
				goto done;
			c[hit].name = f->alias;
			c[hit].by_user = 1;
		}
		home[i] = hit;
		snprintf(f->reason, sizeof f->reason, "put with '%s' by 'dictum alias add'", f->alias);
	}

	/* number the people; each is named by its most used form */
	size_t *num = malloc((nc + 1) * sizeof *num);
	dm_person *people = calloc(nc + 1, sizeof *people);
	long *best = calloc(nc + 1, sizeof *best);
	if (!num || !people || !best) {
		free(num);
		free(people);
		free(best);
		goto done;
	}
	size_t np = 0;
	for (size_t j = 0; j < nc; j++)
		if (root(c, j) == j) {
			num[j] = np;
			people[np++] = (dm_person){c[j].name, c[j].type, 0};
		}
	for (size_t i = 0; i < n; i++) {
		if (home[i] == SIZE_MAX)
			continue;
		size_t r = root(c, home[i]), k = num[r];
		forms[i].person = k;
		people[k].statements += forms[i].statements;
		if (!c[r].by_user && forms[i].statements > best[k]) {
			best[k] = forms[i].statements;
			people[k].name = forms[i].name;
		}
		if (!forms[i].reason[0])
			snprintf(forms[i].reason, sizeof forms[i].reason, "the form the person is known by");
	}
	free(num);
	free(best);
	*out = people;
	result = (long)np;
done:
	for (size_t i = 0; p && i < n; i++) {
		free(p[i].key);
		free(p[i].stems);
	}
	for (size_t j = 0; c && j < nc; j++)
		free(c[j].stems);
	free(p);
	free(order);
	free(home);
	free(c);
	return result;
}
