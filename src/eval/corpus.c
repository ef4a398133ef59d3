/*
 * Listing an annotated corpus: the articles of DIR/text that have a gold
 * file in DIR/attributions, paired by name.  Both listings are sorted, so
 * one pass pairs them, and the first NAME_*.ann in name order is the gold.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "util/vec.h"

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names in DIR ending in SUFFIX (*N of them); caller frees. */
static char **list(const char *dir, const char *suffix, size_t *n)
{
	DIR *d = opendir(dir);
	*n = 0;
	if (!d)
		return NULL;
	size_t cap = 0;
	char **v = NULL;
	struct dirent *e;
	size_t sl = strlen(suffix);
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (l <= sl || strcmp(e->d_name + l - sl, suffix))
			continue;
		if (dm_reserve(&v, &cap, *n, sizeof *v))
			break;
		if (!(v[*n] = strdup(e->d_name)))
			break;
		(*n)++;
	}
	closedir(d);
	if (v)
		qsort(v, *n, sizeof *v, by_name);
	return v;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static char *join(const char *dir, const char *sub, const char *name, size_t len)
{
	size_t n = strlen(dir) + strlen(sub) + len + 3;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s/%.*s", dir, sub, (int)len, name);
	return p;
}

int dm_corpus_open(dm_corpus *c, const char *dir)
{
	memset(c, 0, sizeof *c);
	size_t nt = 0, na = 0, cap = 0;
	char *sub = join(dir, "text", "", 0), *asub = join(dir, "attributions", "", 0);
	char **texts = sub ? list(sub, ".txt", &nt) : NULL;
	char **anns = asub ? list(asub, ".ann", &na) : NULL;
	free(sub);
	free(asub);
	size_t a = 0;
	for (size_t i = 0; texts && anns && i < nt; i++) {
		size_t stem = strlen(texts[i]) - 4;
		while (a < na && strncmp(anns[a], texts[i], stem) < 0)
			a++;
		if (a == na || strncmp(anns[a], texts[i], stem) || anns[a][stem] != '_')
			continue; /* not annotated */
		if (dm_reserve(&c->items, &cap, c->n, sizeof *c->items))
			break;
		dm_corpus_item *it = &c->items[c->n];
		it->name = strndup(texts[i], stem);
		it->text = join(dir, "text", texts[i], strlen(texts[i]));
		it->ann = join(dir, "attributions", anns[a], strlen(anns[a]));
		c->n++;
		if (!it->name || !it->text || !it->ann)
			break;
	}
	free_list(texts, nt);
	free_list(anns, na);
	if (!c->n) {
		dm_corpus_free(c);
		return -1;
	}
	return 0;
}

void dm_corpus_free(dm_corpus *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->items[i].name);
		free(c->items[i].text);
		free(c->items[i].ann);
	}
	free(c->items);
	memset(c, 0, sizeof *c);
}
