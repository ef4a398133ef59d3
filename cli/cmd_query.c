/*
 * The read side: quotes, search, show, export (speakers.c: who said it).  Each opens the
 * database read-only, runs one query of the store and prints its rows as
 * text for people or as JSON / CSV for programs.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "dictum_archive.h"
#include "dictum_buf.h"
#include "query.h"

/* The options every read command shares; returns -1 on a usage error. */
static int parse(const char *cmd, int argc, char **argv, query_opts *q)
{
	static const struct option opts[] = {
	    {"db", required_argument, 0, 'd'},      {"json", no_argument, 0, 'j'},
	    {"speaker", required_argument, 0, 's'}, {"since", required_argument, 0, 'S'},
	    {"until", required_argument, 0, 'U'},   {"outlet", required_argument, 0, 'o'},
	    {"kind", required_argument, 0, 'k'},    {"limit", required_argument, 0, 'n'},
	    {"format", required_argument, 0, 'f'},  {"query", required_argument, 0, 'q'},
	    {"explain", required_argument, 0, 'x'}, {"min-similarity", required_argument, 0, 'm'},
	    {"sort", required_argument, 0, 'O'},    {0, 0, 0, 0}};
	int o;
	optind = 1;
	q->min_similarity = -1;
	while ((o = getopt_long(argc, argv, "d:js:S:U:o:n:f:q:", opts, NULL)) != -1) {
		switch (o) {
		case 'd': q->db = optarg; break;
		case 'j': q->json = 1; break;
		case 's': q->f.speaker = optarg; break;
		case 'S': q->f.since = optarg; break;
		case 'U': q->f.until = optarg; break;
		case 'o': q->f.outlet = optarg; break;
		case 'k': q->f.kind = optarg; break;
		case 'O':
			if (!strcmp(optarg, "newest") || !strcmp(optarg, "oldest") ||
			    (!strcmp(optarg, "relevance") && !strcmp(cmd, "search")))
				q->f.order = !strcmp(optarg, "newest")   ? DM_ORDER_NEWEST
				             : !strcmp(optarg, "oldest") ? DM_ORDER_OLDEST
				                                         : DM_ORDER_DEFAULT;
			else {
				cli_usage_error(cmd, "--sort is %s, not '%s'",
				                !strcmp(cmd, "search") ? "relevance, newest or oldest"
				                                       : "newest or oldest",
				                optarg);
				return -1;
			}
			break;
		case 'f': q->format = optarg; break;
		case 'q': q->f.match = optarg; break;
		case 'x': q->explain = optarg; break;
		case 'm': {
			char *end;
			q->min_similarity = strtod(optarg, &end);
			if (*end || end == optarg || !(q->min_similarity >= 0 && q->min_similarity <= 1)) {
				cli_usage_error(cmd, "--min-similarity takes a number from 0 to 1, not '%s'", optarg);
				return -1;
			}
			break;
		}
		case 'n': {
			char *end;
			q->f.limit = strtol(optarg, &end, 10);
			if (*end || q->f.limit < 0) {
				cli_usage_error(cmd, "--limit takes a whole number, not '%s'", optarg);
				return -1;
			}
			break;
		}
		default: cli_usage_error(cmd, "bad option"); return -1;
		}
	}
	char err[256];
	if (dm_filter_check(&q->f, "--since", "--until", "--kind", err, sizeof err)) {
		cli_usage_error(cmd, "%s", err);
		return -1;
	}
	q->n_args = argc - optind;
	q->args = argv + optind;
	q->db = cli_db_path(q->db);
	return 0;
}

dm_store *cli_open_db(const char *cmd, const char *path, int readonly)
{
	dm_store *s;
	char err[512];
	if (*path && access(path, F_OK) != 0) {
		fprintf(stderr, "dictum %s: %s: no such database (run 'dictum ingest' first)\n", cmd, path);
		return NULL;
	}
	if (dm_store_open(path, readonly, &s, err, sizeof err)) {
		fprintf(stderr, "dictum %s: %s\n", cmd, err);
		return NULL;
	}
	return s;
}

int cli_print_row(const dm_row *r, void *p)
{
	cli_printer *pr = p;
	dm_buf_reset(&pr->buf);
	if (pr->json) {
		dm_buf_puts(&pr->buf, pr->count ? ",\n" : "[\n");
		dm_row_json(r, &pr->buf);
	} else {
		dm_buf_printf(&pr->buf, "%s  %s", r->date ? r->date : "(undated)  ",
		              r->speaker ? r->speaker : "(unknown)");
		if (r->cue)
			dm_buf_printf(&pr->buf, " (%s)", r->cue);
		dm_buf_printf(&pr->buf, "  [%s]", dm_kind_name(r->kind));
		if (r->outlet)
			dm_buf_printf(&pr->buf, "  %s", r->outlet);
		if (r->venue)
			dm_buf_printf(&pr->buf, "  venue: %s", r->venue);
		dm_buf_printf(&pr->buf, "\n    %s\n    -- %s #%lld\n", r->snippet ? r->snippet : r->content, r->source,
		              r->id);
	}
	fwrite(pr->buf.data, 1, pr->buf.len, stdout);
	pr->count++;
	return 0;
}

int cli_query_finish(cli_printer *pr, const char *cmd, int rc, const char *err)
{
	if (pr->array)
		fputs(pr->count ? "\n]\n" : "[]\n", stdout);
	dm_buf_free(&pr->buf);
	if (rc) {
		fprintf(stderr, "dictum %s: %s\n", cmd, err);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int cli_query_begin(const char *cmd, const char *help, int argc, char **argv, query_opts *q, int *status)
{
	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		*status = EXIT_OK;
		return 1;
	}
	*status = EXIT_USAGE;
	return parse(cmd, argc, argv, q) != 0;
}

typedef int (*query_fn)(dm_store *, const dm_filter *, dm_row_fn, void *, char *, size_t);

/* Open the database, run one query printing its rows, close. */
static int run_query(const char *cmd, const query_opts *q, query_fn query, dm_row_fn row, cli_printer *pr)
{
	dm_store *s = cli_open_db(cmd, q->db, 1);
	if (!s) {
		dm_buf_free(&pr->buf);
		return EXIT_USAGE;
	}
	char err[512];
	int rc = query(s, &q->f, row, pr, err, sizeof err);
	dm_store_close(s);
	return cli_query_finish(pr, cmd, rc, err);
}

static const char quotes_help[] = "usage: dictum quotes [--db FILE] [--speaker NAME] [--since DATE] [--until DATE]\n"
                                  "                     [--outlet NAME] [--kind KIND] [--sort newest|oldest]\n"
                                  "                     [--limit N] [--json]\n\n"
                                  "Stored statements in date order, oldest first unless --sort newest (undated\n"
                                  "last). --speaker and --outlet match any part of the name, ignoring case;\n"
                                  "dates are YYYY-MM-DD, YYYY-MM or YYYY, inclusive; KIND is direct, indirect,\n"
                                  "mixed or headline.\n";

int cmd_quotes(int argc, char **argv)
{
	query_opts q = {0};
	int status;
	if (cli_query_begin("quotes", quotes_help, argc, argv, &q, &status))
		return status;
	if (q.n_args) {
		cli_usage_error("quotes", "unexpected argument '%s'", q.args[0]);
		return EXIT_USAGE;
	}
	cli_printer pr = {.json = q.json, .array = q.json};
	return run_query("quotes", &q, dm_store_quotes, cli_print_row, &pr);
}

static const char search_help[] =
    "usage: dictum search [--db FILE] [--speaker NAME] [--since DATE] [--until DATE]\n"
    "                     [--outlet NAME] [--kind KIND] [--sort relevance|newest|oldest]\n"
    "                     [--limit N] [--json] QUERY\n\n"
    "Full-text search over statement content, best matches first (BM25) unless\n"
    "--sort says otherwise, with the matched words highlighted. QUERY is words\n"
    "(each meets its inflections) and \"a phrase\"; AND, OR, NOT (in capitals,\n"
    "between two words), NEAR(a b, 10), prefix* and speaker:word are operators.\n"
    "No query is an error.\n";

int cmd_search(int argc, char **argv)
{
	query_opts q = {0};
	int status;
	if (cli_query_begin("search", search_help, argc, argv, &q, &status))
		return status;
	if (q.n_args != 1) {
		cli_usage_error("search", "give exactly one QUERY (quote it if it has spaces)");
		return EXIT_USAGE;
	}
	q.f.match = q.args[0];
	if (!q.f.limit)
		q.f.limit = 50;
	int tty = !q.json && isatty(1);
	q.f.mark_open = q.json ? "<b>" : tty ? "\x1b[1m" : "[";
	q.f.mark_close = q.json ? "</b>" : tty ? "\x1b[0m" : "]";
	cli_printer pr = {.json = q.json, .array = q.json};
	return run_query("search", &q, dm_store_search, cli_print_row, &pr);
}

/* ---- show ---- */

typedef struct mark {
	size_t at;
	int open, n;
} mark;

typedef struct show_ctx {
	dm_buf legend;
	mark *marks;
	size_t n_marks, cap;
	const char *raw;
	size_t raw_len;
	char *raw_copy;
	int n;
} show_ctx;

static int show_doc(const dm_doc_view *v, void *p)
{
	show_ctx *c = p;
	printf("document %lld: %s\n", v->id, v->source);
	printf("title:   %s\ndate:    %s%s%s%s\noutlet:  %s\nauthors: %s\n", v->title ? v->title : "-",
	       v->date ? v->date : "-", v->date_source ? " (from the " : "", v->date_source ? v->date_source : "",
	       v->date_source ? ")" : "", v->outlet ? v->outlet : "-", v->authors);
	if (v->url)
		printf("url:     %s\n", v->url);
	if (v->language)
		printf("language: %s\n", v->language);
	if (v->fetched)
		printf("fetched: %s\n", v->fetched);
	putchar('\n');
	c->raw_copy = malloc(v->raw_len + 1);
	if (!c->raw_copy)
		return 1;
	memcpy(c->raw_copy, v->raw, v->raw_len);
	c->raw_copy[v->raw_len] = 0;
	c->raw = c->raw_copy;
	c->raw_len = v->raw_len;
	return 0;
}

static void add_mark(show_ctx *c, size_t at, int open, int n)
{
	if (c->n_marks == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 16;
		mark *v = realloc(c->marks, cap * sizeof *v);
		if (!v)
			return;
		c->marks = v;
		c->cap = cap;
	}
	c->marks[c->n_marks++] = (mark){at, open, n};
}

/* Content is marked at its stored places, in bytes of the raw text. */
static int show_stmt(const dm_row *r, void *p)
{
	show_ctx *c = p;
	c->n++;
	for (int i = 0; i < r->n_spans; i++)
		if (r->spans[i].role == DM_SPAN_CONTENT && r->spans[i].raw_start < r->spans[i].raw_end &&
		    r->spans[i].raw_end <= (long long)c->raw_len) {
			add_mark(c, (size_t)r->spans[i].raw_start, 1, c->n);
			add_mark(c, (size_t)r->spans[i].raw_end, 0, c->n);
		}
	dm_buf_printf(&c->legend, "[%d] %s (%s) %s", c->n, r->speaker ? r->speaker : "(unknown)", dm_kind_name(r->kind),
	              r->cue ? r->cue : "-");
	if (r->speaker_mention)
		dm_buf_printf(&c->legend, "  mention: %s", r->speaker_mention);
	if (r->venue)
		dm_buf_printf(&c->legend, "  venue: %s", r->venue);
	dm_buf_putc(&c->legend, '\n');
	return 0;
}

static int by_at(const void *x, const void *y)
{
	const mark *a = x, *b = y;
	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	return a->open - b->open; /* close before open at the same place */
}

static const char show_help[] = "usage: dictum show [--db FILE] DOC\n\n"
                                "A stored document (DOC: its id or source path) with each statement's\n"
                                "content marked [n ... ]n, and the list of statements after it.\n";

int cmd_show(int argc, char **argv)
{
	query_opts q = {0};
	int status;
	if (cli_query_begin("show", show_help, argc, argv, &q, &status))
		return status;
	if (q.n_args != 1) {
		cli_usage_error("show", "give one document id or source path");
		return EXIT_USAGE;
	}
	dm_store *s = cli_open_db("show", q.db, 1);
	if (!s)
		return EXIT_USAGE;
	show_ctx c = {0};
	char err[512];
	int rc = dm_store_document(s, q.args[0], show_doc, show_stmt, &c, err, sizeof err);
	dm_store_close(s);
	if (!rc && c.raw) {
		qsort(c.marks, c.n_marks, sizeof *c.marks, by_at);
		size_t at = 0, cp = 0; /* bytes printed, and the code points in them */
		for (size_t i = 0; i < c.n_marks; i++) {
			size_t to = at;
			while (to < c.raw_len && cp < c.marks[i].at)
				cp += ((unsigned char)c.raw[++to] & 0xC0) != 0x80 || to == c.raw_len;
			fwrite(c.raw + at, 1, to - at, stdout);
			at = to;
			printf(c.marks[i].open ? "[%d " : " ]%d", c.marks[i].n);
		}
		fwrite(c.raw + at, 1, c.raw_len - at, stdout);
		printf("\n\nstatements:\n%s", c.legend.data ? c.legend.data : "(none)\n");
	}
	free(c.raw_copy);
	free(c.marks);
	dm_buf_free(&c.legend);
	if (rc) {
		fprintf(stderr, "dictum show: %s\n", err);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* ---- export ---- */

static int export_row(const dm_row *r, void *p)
{
	cli_printer *pr = p;
	dm_buf_reset(&pr->buf);
	if (pr->json) {
		dm_row_json(r, &pr->buf);
		dm_buf_putc(&pr->buf, '\n');
	} else {
		dm_row_csv(r, &pr->buf);
	}
	fwrite(pr->buf.data, 1, pr->buf.len, stdout);
	return 0;
}

static const char export_help[] = "usage: dictum export [--db FILE] --format jsonl|csv [filters as for quotes]\n\n"
                                  "Every stored statement with its document's metadata: one JSON object per\n"
                                  "line, or CSV (RFC 4180) with a header row.\n";

int cmd_export(int argc, char **argv)
{
	query_opts q = {0};
	int status;
	if (cli_query_begin("export", export_help, argc, argv, &q, &status))
		return status;
	if (!q.format || (strcmp(q.format, "jsonl") && strcmp(q.format, "csv"))) {
		cli_usage_error("export", "--format must be jsonl or csv");
		return EXIT_USAGE;
	}
	cli_printer pr = {.json = !strcmp(q.format, "jsonl")};
	if (!pr.json)
		fputs(DM_ROW_CSV_HEADER, stdout);
	return run_query("export", &q, dm_store_quotes, export_row, &pr);
}
