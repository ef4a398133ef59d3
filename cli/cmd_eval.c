#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "eval/eval.h"
#include "export/export.h"
#include "ingest/ingest.h"
#include "util/vec.h"

static const char help[] = "usage: dictum eval --gold DIR [--pred DIR]\n\n"
                           "Score attributions against gold brat annotation laid out as PolNeAR is:\n"
                           "DIR/text/NAME.txt and DIR/attributions/NAME_ANNOTATOR.ann (where an article\n"
                           "has several annotators' files, the first in name order is the gold).\n"
                           "Predictions are DIR/NAME.ann from 'dictum extract --format brat' with\n"
                           "--pred, or else made now by extracting each text.\n\n"
                           "Prints precision, recall and F1 of Cue, Source, Content and whole\n"
                           "attributions, exact (same span once white space and punctuation are\n"
                           "trimmed from the ends) and by overlap (a shared character), matched one\n"
                           "to one; and content recall split into contents with and without\n"
                           "quotation marks.\n";

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
		v[(*n)++] = strdup(e->d_name);
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

static int read_all(const char *path, char **buf, size_t *len)
{
	char err[256];
	if (dm_read_file(path, (size_t)1 << 30, buf, len, err, sizeof err) == DM_OK)
		return 0;
	fprintf(stderr, "dictum eval: %s: %s\n", path, err);
	return -1;
}

static int parse(const char *path, const char *buf, size_t len, dm_ev_doc *doc)
{
	size_t line = 0;
	if (dm_ev_parse(buf, len, doc, &line) == 0)
		return 0;
	fprintf(stderr, "dictum eval: %s:%zu: malformed brat line\n", path, line);
	return -1;
}

int cmd_eval(int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return EXIT_OK;
	}
	static const struct option opts[] = {
	    {"gold", required_argument, 0, 'g'}, {"pred", required_argument, 0, 'p'}, {0, 0, 0, 0}};
	const char *gold = NULL, *pred = NULL;
	int o;
	optind = 1;
	while ((o = getopt_long(argc, argv, "g:p:", opts, NULL)) != -1) {
		if (o == 'g')
			gold = optarg;
		else if (o == 'p')
			pred = optarg;
		else {
			cli_usage_error("eval", "bad option");
			return EXIT_USAGE;
		}
	}
	if (!gold || optind != argc) {
		cli_usage_error("eval", "give --gold DIR and nothing else");
		return EXIT_USAGE;
	}
	char path[4096];
	snprintf(path, sizeof path, "%s/text", gold);
	size_t nt, na;
	char **texts = list(path, ".txt", &nt);
	snprintf(path, sizeof path, "%s/attributions", gold);
	char **anns = list(path, ".ann", &na);
	if (!texts || !anns || !nt) {
		fprintf(stderr, "dictum eval: %s: no text/*.txt and attributions/*.ann here\n", gold);
		free_list(texts, nt);
		free_list(anns, na);
		return EXIT_USAGE;
	}
	dm_eval ev = {0};
	int failed = 0;
	size_t a = 0;
	for (size_t i = 0; i < nt; i++) {
		size_t stem = strlen(texts[i]) - 4;
		/* the first annotator's file: NAME_ANNOTATOR.ann, in name order */
		while (a < na && strncmp(anns[a], texts[i], stem) < 0)
			a++;
		if (a == na || strncmp(anns[a], texts[i], stem) || anns[a][stem] != '_')
			continue; /* not annotated */
		char *text, *gbuf, *pbuf = NULL;
		size_t tlen, glen, plen = 0;
		snprintf(path, sizeof path, "%s/text/%s", gold, texts[i]);
		if (read_all(path, &text, &tlen)) {
			failed++;
			continue;
		}
		char gpath[4096];
		snprintf(gpath, sizeof gpath, "%s/attributions/%s", gold, anns[a]);
		if (read_all(gpath, &gbuf, &glen)) {
			free(text);
			failed++;
			continue;
		}
		char ppath[4096];
		if (pred) {
			snprintf(ppath, sizeof ppath, "%s/%.*s.ann", pred, (int)stem, texts[i]);
			if (read_all(ppath, &pbuf, &plen))
				failed++;
		} else {
			dm_document *d;
			char err[256];
			snprintf(ppath, sizeof ppath, "%s", path);
			if (dm_extract_bytes(path, text, tlen, NULL, &d, err, sizeof err, NULL) == DM_OK) {
				dm_buf b = {0};
				dm_export_brat(d, &b);
				plen = b.len;
				pbuf = dm_buf_detach(&b);
				dm_document_free(d);
			} else {
				fprintf(stderr, "dictum eval: %s: %s\n", path, err);
				failed++;
			}
		}
		dm_ev_doc g, p;
		if (pbuf && !parse(gpath, gbuf, glen, &g)) {
			if (!parse(ppath, pbuf, plen, &p)) {
				dm_ev_score(&ev, text, tlen, &g, &p);
				dm_ev_doc_free(&p);
			} else {
				failed++;
			}
			dm_ev_doc_free(&g);
		}
		free(text);
		free(gbuf);
		free(pbuf);
	}
	dm_ev_report(&ev, stdout);
	free_list(texts, nt);
	free_list(anns, na);
	return failed ? EXIT_INPUT : EXIT_OK;
}
