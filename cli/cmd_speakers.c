/*
 * Who said it: the people of the archive (speakers, with the reasons of
 * each merge), one person's record in time (timeline), and the lines that
 * keep coming back (echoes).  Read-only, like the other queries.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dictum_archive.h"
#include "dictum_buf.h"
#include "query.h"

/* Linking is out of date when statements came after it (ingest --no-link). */
static void warn_unlinked(const char *cmd, dm_store *s)
{
	if (!dm_store_linked(s))
		fprintf(stderr, "dictum %s: the archive changed since it was last linked; run 'dictum link'\n", cmd);
}

static int print_speaker(const dm_speaker_row *r, void *p)
{
	cli_printer *pr = p;
	dm_buf_reset(&pr->buf);
	if (pr->json) {
		dm_buf_puts(&pr->buf, pr->count ? ",\n" : "[\n");
		dm_speaker_json(r, &pr->buf);
	} else {
		dm_buf_printf(&pr->buf, "%5lld  %-32s %-12s %3lld doc%s  ", r->statements, r->name, r->type,
		              r->documents, r->documents == 1 ? " " : "s");
		if (r->first)
			dm_buf_printf(&pr->buf, "%s .. %s\n", r->first, r->last);
		else
			dm_buf_puts(&pr->buf, "undated\n");
	}
	fwrite(pr->buf.data, 1, pr->buf.len, stdout);
	pr->count++;
	return 0;
}

/* --explain: the person, then each form with its reason. */
typedef struct explain {
	cli_printer pr;
	dm_store *s;
	int persons;
	char err[512]; /* why a person's forms could not be read */
} explain;

static int print_form(const dm_form_row *r, void *p)
{
	cli_printer *pr = p;
	dm_buf_reset(&pr->buf);
	if (pr->json) {
		dm_buf_puts(&pr->buf, pr->count ? "," : "");
		dm_form_json(r, &pr->buf);
	} else {
		dm_buf_printf(&pr->buf, "  %-28s %4lld statements in %lld document%s\n      why: %s\n", r->form,
		              r->statements, r->n_documents, r->n_documents == 1 ? "" : "s", r->reason);
		if (strcmp(r->titles, "[]"))
			dm_buf_printf(&pr->buf, "      titles: %s\n", r->titles);
		dm_buf_printf(&pr->buf, "      in: %s\n", r->documents);
	}
	fwrite(pr->buf.data, 1, pr->buf.len, stdout);
	pr->count++;
	return 0;
}

static int explain_person(const dm_speaker_row *r, void *p)
{
	explain *x = p;
	dm_buf *b = &x->pr.buf;
	dm_buf_reset(b);
	if (x->pr.json) {
		dm_buf_puts(b, x->persons ? ",\n{" : "[\n{");
		dm_json_field(b, "id", r->id);
		dm_json_field(b, "name", r->name);
		dm_json_field(b, "type", r->type);
		dm_buf_puts(b, ",\"forms\":[");
	} else {
		dm_buf_printf(b, "%s%s (%s, id %s): %lld statements in %lld documents; its forms:\n",
		              x->persons ? "\n" : "", r->name, r->type, r->id, r->statements, r->documents);
	}
	fwrite(b->data, 1, b->len, stdout);
	x->persons++;
	cli_printer forms = {.json = x->pr.json};
	int rc = dm_store_explain(x->s, r->id, print_form, &forms, x->err, sizeof x->err);
	dm_buf_free(&forms.buf);
	if (x->pr.json)
		fputs("]}", stdout);
	return rc;
}

static const char speakers_help[] = "usage: dictum speakers [--db FILE] [--json] [--explain NAME]\n\n"
                                    "Everyone quoted, one line a person or organisation however their name was\n"
                                    "spelt: statements, documents, first and last date; in JSON also the id,\n"
                                    "the forms of the name and the titles documents gave them, with dates.\n"
                                    "--explain NAME shows the person with that id or form of the name: each\n"
                                    "form, why linking put it there, the documents it is in and its titles.\n"
                                    "Correct a merge with 'dictum alias'.\n";

int cmd_speakers(int argc, char **argv)
{
	query_opts q = {0};
	int status;
	if (cli_query_begin("speakers", speakers_help, argc, argv, &q, &status))
		return status;
	dm_store *s = cli_open_db("speakers", q.db, 1);
	if (!s)
		return EXIT_USAGE;
	warn_unlinked("speakers", s);
	char err[512];
	int rc;
	if (q.explain) {
		explain x = {.pr = {.json = q.json}, .s = s};
		rc = dm_store_speakers(s, q.explain, 0, 0, explain_person, &x, err, sizeof err);
		if (!rc && x.err[0]) { /* explain_person stopped the listing */
			snprintf(err, sizeof err, "%s", x.err);
			rc = -1;
		}
		if (!rc && x.pr.json)
			fputs(x.persons ? "\n]\n" : "[]\n", stdout);
		if (!rc && !x.persons) {
			snprintf(err, sizeof err, "no speaker named '%s'", q.explain);
			rc = -1;
		}
		dm_store_close(s);
		return cli_query_finish(&x.pr, "speakers", rc, err);
	}
	cli_printer pr = {.json = q.json, .array = q.json};
	rc = dm_store_speakers(s, NULL, 0, 0, print_speaker, &pr, err, sizeof err);
	dm_store_close(s);
	return cli_query_finish(&pr, "speakers", rc, err);
}

/* ---- echoes ---- */

typedef struct echoes {
	cli_printer pr;
	long long cluster;
} echoes;

static int echo_row(const dm_row *r, void *p)
{
	echoes *e = p;
	dm_buf *b = &e->pr.buf;
	dm_buf_reset(b);
	int first = r->cluster != e->cluster;
	const char *who = r->person ? r->person : r->speaker;
	if (e->pr.json) {
		dm_buf_puts(b, first ? (e->pr.count ? "]},\n{" : "[\n{") : ",\n  ");
		if (first)
			dm_buf_printf(b, "\"cluster\":%lld,\"summary\":%s,\"statements\":[\n  ", r->cluster, r->echo);
		dm_echo_json(r, b);
	} else {
		if (first)
			dm_buf_printf(b, "%secho #%lld  %s\n", e->pr.count ? "\n" : "", r->cluster, r->echo);
		dm_buf_printf(b, "  %s  %s  %s%s%s\n    %s\n    -- %s #%lld%s\n", r->date ? r->date : "(undated)  ",
		              who ? who : "(unknown)", r->outlet ? r->outlet : "", r->venue ? "  venue: " : "",
		              r->venue ? r->venue : "", r->content, r->source, r->id,
		              !r->copy_of     ? ""
		              : r->syndicated ? "  (in a syndicated copy of an earlier story: not counted)"
		                              : "  (its story says it again: not counted)");
	}
	fwrite(b->data, 1, b->len, stdout);
	e->cluster = r->cluster;
	e->pr.count++;
	return 0;
}

static const char echoes_help[] =
    "usage: dictum echoes [--db FILE] [--speaker NAME] [--min-similarity X] [--since DATE] [--until DATE]\n"
    "                     [--json]\n\n"
    "Statements said again elsewhere: clusters of statements that repeat one\n"
    "another closely (the same passage) or loosely (the same sentence's words,\n"
    "in any order), in two stories at least; the biggest cluster first, each in\n"
    "date order with speaker, outlet and venue. Statements in a syndicated copy\n"
    "of another story are shown but do not count. --speaker keeps clusters in\n"
    "which that speaker is heard; --min-similarity (0.5 to 1, default 0.5)\n"
    "keeps statements at least that like another (Jaccard of words).\n";

int cmd_echoes(int argc, char **argv)
{
	query_opts q = {0};
	int status;
	if (cli_query_begin("echoes", echoes_help, argc, argv, &q, &status))
		return status;
	dm_store *s = cli_open_db("echoes", q.db, 1);
	if (!s)
		return EXIT_USAGE;
	warn_unlinked("echoes", s);
	echoes e = {.pr = {.json = q.json}};
	char err[512];
	int rc = dm_store_echoes(s, &q.f, q.min_similarity < 0 ? 0 : q.min_similarity, echo_row, &e, err, sizeof err);
	dm_store_close(s);
	if (q.json)
		fputs(e.pr.count ? "]}\n]\n" : "[]\n", stdout);
	else if (!rc && !e.pr.count)
		puts("no echoes");
	return cli_query_finish(&e.pr, "echoes", rc, err);
}

/* ---- timeline ---- */

static const char timeline_help[] =
    "usage: dictum timeline --speaker NAME [--query TEXT] [--since DATE] [--until DATE] [--db FILE] [--json]\n\n"
    "A speaker's statements in date order, with outlet and venue, then the\n"
    "undated ones apart (never given a date), then statements per month as a\n"
    "chart.  --query keeps the statements that match it (read as search reads\n"
    "it).  NAME matches any spelling of the name (see speakers).\n";

#define MAX_MONTHS 1200

typedef struct timeline {
	cli_printer pr;
	int undated;
	char month[MAX_MONTHS][8];
	long n[MAX_MONTHS];
	int months;
} timeline;

static int timeline_row(const dm_row *r, void *p)
{
	timeline *t = p;
	cli_printer *pr = &t->pr;
	dm_buf_reset(&pr->buf);
	int dated = r->date && strlen(r->date) >= 7;
	if (dated && t->months < MAX_MONTHS) {
		if (!t->months || strncmp(t->month[t->months - 1], r->date, 7))
			snprintf(t->month[t->months++], 8, "%.7s", r->date);
		t->n[t->months - 1]++;
	}
	if (pr->json) {
		if (!pr->count)
			dm_buf_puts(&pr->buf, dated ? "{\"statements\":[\n" : "{\"statements\":[],\"undated\":[\n");
		else if (!dated && !t->undated)
			dm_buf_puts(&pr->buf, "\n],\"undated\":[\n");
		else
			dm_buf_puts(&pr->buf, ",\n");
		dm_row_json(r, &pr->buf);
	} else {
		if (!dated && !t->undated)
			dm_buf_puts(&pr->buf, "\nundated (never given a date):\n");
		dm_buf_printf(&pr->buf, "%s  %s", dated ? r->date : "          ",
		              r->outlet ? r->outlet : "(no outlet)");
		if (r->venue)
			dm_buf_printf(&pr->buf, "  venue: %s", r->venue);
		dm_buf_printf(&pr->buf, "  [%s]\n    %s\n", dm_kind_name(r->kind), r->content);
	}
	t->undated |= !dated;
	fwrite(pr->buf.data, 1, pr->buf.len, stdout);
	pr->count++;
	return 0;
}

/* Statements per month, every month from the first to the last (in the
 * chart, a run of three or more empty months is one line). */
static void timeline_months(const timeline *t, int json)
{
	long most = 1;
	for (int i = 0; i < t->months; i++)
		most = t->n[i] > most ? t->n[i] : most;
	int y = t->months ? atoi(t->month[0]) : 0, m = t->months ? atoi(t->month[0] + 5) : 0;
	int first = 1, empty = 0;
	char gap[2][8]; /* the empty months before this one, when fewer than three */
	for (int i = 0; i < t->months;) {
		char key[8];
		snprintf(key, sizeof key, "%04d-%02d", y, m);
		long n = strcmp(key, t->month[i]) ? 0 : t->n[i++];
		if (json) {
			printf("%s{\"month\":\"%s\",\"statements\":%ld}", first ? "" : ",", key, n);
		} else if (!n) {
			if (empty < 2)
				memcpy(gap[empty], key, sizeof key);
			empty++;
		} else {
			if (empty >= 3)
				printf("        ... %d months without statements\n", empty);
			for (int k = 0; k < empty && empty < 3; k++)
				printf("%s    0\n", gap[k]);
			empty = 0;
			int bar = (int)((n * 40 + most - 1) / most);
			printf("%s %4ld %.*s\n", key, n, bar, "########################################");
		}
		first = 0;
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
}

int cmd_timeline(int argc, char **argv)
{
	query_opts q = {0};
	int status;
	if (cli_query_begin("timeline", timeline_help, argc, argv, &q, &status))
		return status;
	if (!q.f.speaker || q.n_args) {
		cli_usage_error("timeline", "give --speaker NAME (and no other argument)");
		return EXIT_USAGE;
	}
	dm_store *s = cli_open_db("timeline", q.db, 1);
	if (!s)
		return EXIT_USAGE;
	timeline *t = calloc(1, sizeof *t);
	if (!t) {
		dm_store_close(s);
		fprintf(stderr, "dictum timeline: out of memory\n");
		return EXIT_USAGE;
	}
	t->pr.json = q.json;
	char err[512];
	int rc = dm_store_quotes(s, &q.f, timeline_row, t, err, sizeof err);
	dm_store_close(s);
	if (!rc) {
		if (q.json) {
			if (!t->pr.count)
				fputs("{\"statements\":[],\"undated\":[]", stdout);
			else
				fputs(t->undated ? "\n]" : "\n],\"undated\":[]", stdout);
			fputs(",\"months\":[", stdout);
			timeline_months(t, 1);
			fputs("]}\n", stdout);
		} else if (t->months) {
			puts("\nstatements per month:");
			timeline_months(t, 0);
		} else if (!t->pr.count) {
			puts("no statements");
		}
	}
	int code = cli_query_finish(&t->pr, "timeline", rc, err);
	free(t);
	return code;
}
