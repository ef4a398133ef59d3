/* The API and the HTTP server (src/serve/), against a server each test
 * starts on a free loopback port over a scratch archive of our own
 * articles, spoken to over a plain socket. */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <cmocka.h>
#include <jansson.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "dictum_archive.h"
#include "scratch_db.h"
#include "serve/serve.h"

static const char *const articles[][2] = {
    {"ferry.txt", " date 2024-01-10\n\nFerry to stay\n\n"
                  "Port Amsel mayor Ines Kolar said on Monday that the island ferry will keep running all winter.\n\n"
                  "\"We will not leave the islands cut off,\" Kolar said.\n\n"
                  "Harbour chief Tomas Ek said that the ferry needs new engines before the summer.\n"},
    {"budget.txt", " date 2024-03-02\n\nBudget vote\n\n"
                   "Mayor Ines Kolar said that the ferry budget will grow by a tenth next year.\n\n"
                   "\"The islands come first,\" she said at the council meeting.\n"},
    {"markup.txt", " date 2024-04-02\n\nKeepers ask for pay\n\n"
                   "\"We will paste <script>alert(1)</script> into every report,\" keeper Tobias Wren said.\n"},
    {"mail.txt", " date 2024-05-06\n\nMail row\n\n"
                 "Councillor Mira Sant-Olafsen said that the harbour office's emails about the U.S. grant were lost "
                 "on 9/11 last year.\n\n"
                 "\"An e-mail is not a contract, and we don't sign by e-mail,\" Sant-Olafsen said.\n\n"
                 "Treasurer Odo Brant said that one email from the mayor's office settled the matter.\n"},
};

static dm_server *srv;

static void put_articles(size_t from, size_t to)
{
	dm_store *s;
	char err[256];
	assert_int_equal(dm_store_open(db, 0, &s, err, sizeof err), 0);
	assert_int_equal(dm_store_begin(s, err, sizeof err), 0);
	for (size_t i = from; i < to; i++) {
		dm_document *d;
		const char *text = articles[i][1];
		assert_int_equal(dm_extract_bytes(articles[i][0], text, strlen(text), NULL, &d, err, sizeof err, NULL),
		                 DM_OK);
		assert_int_equal(dm_store_put(s, d, NULL, 0, err, sizeof err), DM_STORED);
		dm_document_free(d);
	}
	assert_int_equal(dm_store_commit(s, err, sizeof err), 0);
	dm_link_stats ls;
	assert_int_equal(dm_store_link(s, DM_LINK_ALL, &ls, err, sizeof err), 0);
	dm_store_close(s);
}

static int start(void **state)
{
	setup(state);
	put_articles(0, 2);
	char err[256];
	dm_serve_options opt = {db, NULL, 0, 2, "https://desk.example"};
	srv = dm_server_start(&opt, err, sizeof err);
	if (!srv)
		fail_msg("%s", err);
	assert_true(dm_server_port(srv) > 0);
	return 0;
}

static int stop(void **state)
{
	dm_server_stop(srv);
	srv = NULL;
	return teardown(state);
}

/* ---- a client that sends bytes as they are ---- */

typedef struct reply {
	int status;
	char head[4096];
	char *body;
} reply;

static void exchange(const char *request, reply *r)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)dm_server_port(srv))};
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(write(fd, request, strlen(request)), (ssize_t)strlen(request));
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	ssize_t k;
	while ((k = read(fd, buf + n, cap - n - 1)) > 0) {
		n += (size_t)k;
		if (n + 1 == cap)
			buf = realloc(buf, cap *= 2);
	}
	close(fd);
	buf[n] = 0;
	char *end = strstr(buf, "\r\n\r\n");
	assert_non_null(end);
	*end = 0;
	snprintf(r->head, sizeof r->head, "%s", buf);
	assert_int_equal(sscanf(buf, "HTTP/1.%*d %d", &r->status), 1);
	r->body = strdup(end + 4);
	free(buf);
}

static reply *get(const char *path)
{
	static reply r;
	free(r.body);
	char req[16384];
	snprintf(req, sizeof req, "GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n", path);
	exchange(req, &r);
	return &r;
}

/* GET PATH, expect STATUS and a JSON body; the caller decrefs. */
static json_t *api(const char *path, int status)
{
	reply *r = get(path);
	json_error_t e;
	json_t *j = json_loads(r->body, 0, &e);
	if (!j)
		fail_msg("%s: not JSON (%s): %.200s", path, e.text, r->body);
	if (r->status != status)
		fail_msg("%s: status %d, not %d: %.300s", path, r->status, status, r->body);
	assert_non_null(strstr(r->head, "application/json"));
	return j;
}

static const char *error_message(json_t *j)
{
	return json_string_value(json_object_get(json_object_get(j, "error"), "message"));
}

static json_t *results(json_t *j)
{
	json_t *v = json_object_get(j, "results");
	assert_true(json_is_array(v));
	return v;
}

/* ---- the API ---- */

static void stats_count_the_archive(void **state)
{
	(void)state;
	json_t *j = api("/api/stats", 200);
	assert_int_equal(json_integer_value(json_object_get(j, "documents")), 2);
	assert_true(json_integer_value(json_object_get(j, "statements")) >= 4);
	assert_string_equal(json_string_value(json_object_get(j, "first")), "2024-01-10");
	assert_string_equal(json_string_value(json_object_get(j, "last")), "2024-03-02");
	assert_true(json_is_true(json_object_get(j, "linked")));
	json_decref(j);
}

static void search_ranks_marks_and_filters(void **state)
{
	(void)state;
	json_t *j = api("/api/search?q=ferry", 200);
	size_t i, n = json_array_size(results(j));
	json_t *r;
	assert_true(n >= 2);
	json_array_foreach(results(j), i, r)
	{
		assert_non_null(strstr(json_string_value(json_object_get(r, "snippet")), "\xEE\x80\x80"));
		assert_true(json_is_object(json_object_get(r, "offsets")));
	}
	json_decref(j);

	j = api("/api/search?q=islands&kind=direct", 200);
	assert_true(json_array_size(results(j)) >= 1);
	json_array_foreach(results(j), i, r)
	    assert_string_equal(json_string_value(json_object_get(r, "kind")), "direct");
	json_decref(j);

	j = api("/api/search?q=ferry&since=2024-02-01", 200);
	json_array_foreach(results(j), i, r)
	    assert_string_equal(json_string_value(json_object_get(r, "date")), "2024-03-02");
	json_decref(j);

	j = api("/api/search?q=ferry&speaker=Tomas", 200);
	assert_int_equal(json_array_size(results(j)), 1);
	json_decref(j);
}

/* TEXT percent-encoded into OUT (of CAP bytes), after PREFIX. */
static void encode(char *out, size_t cap, const char *prefix, const char *text)
{
	size_t n = (size_t)snprintf(out, cap, "%s", prefix);
	for (const unsigned char *p = (const unsigned char *)text; *p && n + 4 < cap; p++)
		n += (size_t)(isalnum(*p) ? snprintf(out + n, cap - n, "%c", *p)
		                          : snprintf(out + n, cap - n, "%%%02X", *p));
}

/* The ids of the statements a search finds, as "id,id,". */
static void found_ids(const char *q, char *ids, size_t cap)
{
	char path[12000];
	encode(path, sizeof path, "/api/search?limit=100&q=", q);
	json_t *j = api(path, 200);
	json_t *r;
	size_t i, n = 0;
	ids[0] = 0;
	json_array_foreach(results(j), i, r) n +=
	    (size_t)snprintf(ids + n, cap - n, "%lld,", (long long)json_integer_value(json_object_get(r, "id")));
	json_decref(j);
}

/* What a newsroom types is a search, never an error: each query gets a
 * list (maybe empty), and words meet their inflections. */
static void queries_as_people_type_them(void **state)
{
	(void)state;
	put_articles(3, 4);
	static const char *const typed[] = {"Trump's",
	                                    "U.S.",
	                                    "don't",
	                                    "9/11",
	                                    "Nagorno-Karabakh",
	                                    "e-mail",
	                                    "Clinton:",
	                                    "NOT trump",
	                                    "Sant-Olafsen",
	                                    "\"Sant-Olafsen said\"",
	                                    "office's emails",
	                                    "O'Neill",
	                                    "U.N.",
	                                    "Ph.D.",
	                                    "2024-05-06",
	                                    "05/06/2024",
	                                    "24/7",
	                                    "\"he said \"no\" today\"",
	                                    "\u201cnot a contract\u201d",
	                                    "'single quotes'",
	                                    "ferry \xf0\x9f\x9a\xa2",
	                                    "\xf0\x9f\x9a\xa2",
	                                    "#harbour",
	                                    "@kolar",
	                                    "$5,000",
	                                    "10%",
	                                    "C++",
	                                    "AT&T",
	                                    "mid-2024",
	                                    "(ferry",
	                                    "ferry)",
	                                    "NEAR(",
	                                    "NEAR(ferry",
	                                    "AND",
	                                    "OR OR",
	                                    "*",
	                                    "ferry*",
	                                    "\"\"",
	                                    "\\",
	                                    "'; DROP TABLE statements; --",
	                                    "<script>",
	                                    "speaker:",
	                                    "content:\"",
	                                    "-ferry",
	                                    "^ferry",
	                                    "ferry AND",
	                                    "a OR",
	                                    "\"open",
	                                    "NOT",
	                                    "ferry NOT",
	                                    "(((((((((((((((((((((((((ferry"};
	char ids[4096];
	for (size_t i = 0; i < sizeof typed / sizeof *typed; i++)
		found_ids(typed[i], ids, sizeof ids);
	/* 2 KB of an article's text, pasted */
	char pasted[2100] = "";
	while (strlen(pasted) < 2000)
		strcat(pasted, "Mayor Ines Kolar said that the ferry budget will grow, by a tenth; next year's too. ");
	found_ids(pasted, ids, sizeof ids);

	char emails[256], email[256];
	found_ids("emails", emails, sizeof emails);
	found_ids("email", email, sizeof email);
	assert_string_not_equal(email, "");
	assert_string_equal(emails, email);
	found_ids("Sant-Olafsen", ids, sizeof ids); /* a hyphenated name, as a phrase */
	assert_string_not_equal(ids, "");
	found_ids("office's emails", ids, sizeof ids);
	assert_int_equal(strchr(ids, ',') - ids + 1, (long)strlen(ids)); /* one statement */
	found_ids("e-mail", ids, sizeof ids);
	assert_int_equal(strchr(ids, ',') - ids + 1, (long)strlen(ids));
	found_ids("9/11", ids, sizeof ids);
	assert_string_not_equal(ids, "");
}

static long long total_of(json_t *j)
{
	json_t *t = json_object_get(j, "total");
	assert_true(json_is_integer(t));
	return json_integer_value(t);
}

/* Every list says how many it holds; pages past the end too. */
static void lists_count_and_sort(void **state)
{
	(void)state;
	json_t *all = api("/api/search?q=ferry&limit=100", 200);
	long long n = (long long)json_array_size(results(all));
	assert_true(n >= 3);
	assert_int_equal(total_of(all), n);
	json_decref(all);
	json_t *j = api("/api/search?q=ferry&limit=1", 200);
	assert_int_equal(total_of(j), n);
	json_decref(j);
	j = api("/api/search?q=ferry&offset=500", 200);
	assert_int_equal(json_array_size(results(j)), 0);
	assert_int_equal(total_of(j), n);
	json_decref(j);
	j = api("/api/search?q=nothingsaidthis", 200);
	assert_int_equal(total_of(j), 0);
	json_decref(j);
	j = api("/api/speakers?limit=1", 200);
	assert_true(total_of(j) >= 2);
	json_decref(j);
	j = api("/api/echoes", 200);
	assert_int_equal(total_of(j), (long long)json_array_size(results(j)));
	json_decref(j);

	/* newest first: dates never rise */
	j = api("/api/search?q=ferry&sort=newest&limit=100", 200);
	assert_int_equal(total_of(j), n);
	const char *last = "9999";
	json_t *r;
	size_t i;
	json_array_foreach(results(j), i, r)
	{
		const char *d = json_string_value(json_object_get(r, "date"));
		assert_true(strcmp(d, last) <= 0);
		last = d;
	}
	assert_string_equal(last, "2024-01-10");
	json_decref(j);
	j = api("/api/search?q=ferry&sort=oldest&limit=1", 200);
	assert_string_equal(json_string_value(json_object_get(json_array_get(results(j), 0), "date")), "2024-01-10");
	json_decref(j);

	/* until a month takes in the whole month */
	j = api("/api/search?q=ferry&until=2024-01", 200);
	assert_true(json_array_size(results(j)) >= 1);
	json_decref(j);

	/* a timeline says how many it leaves out of its chart */
	j = api("/api/timeline?speaker=ines-kolar", 200);
	assert_true(json_is_integer(json_object_get(j, "undated")));
	assert_int_equal(total_of(j), (long long)json_array_size(results(j)));
	json_decref(j);

	/* the origin named with --cors may read the answers */
	reply *raw = get("/api/stats");
	assert_non_null(strstr(raw->head, "Access-Control-Allow-Origin: https://desk.example"));
}

/* Exports: every statement a list would show, as CSV or JSON lines, as
 * 'dictum export' writes them, sent as a download. */
static void exports_stream_every_row(void **state)
{
	(void)state;
	json_t *j = api("/api/search?q=ferry", 200);
	long long total = total_of(j);
	json_decref(j);
	reply *r = get("/api/export?format=csv&q=ferry");
	assert_int_equal(r->status, 200);
	assert_non_null(strstr(r->head, "text/csv"));
	assert_non_null(strstr(r->head, "attachment; filename=\"dictum.csv\""));
	assert_int_equal(strncmp(r->body, DM_ROW_CSV_HEADER, strlen(DM_ROW_CSV_HEADER)), 0);
	long long lines = 0;
	for (const char *p = r->body; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, total + 1); /* the header, then a row a statement */

	r = get("/api/export?speaker=ines-kolar&sort=newest");
	assert_int_equal(r->status, 200);
	char *body = strdup(r->body);
	int rows = 0;
	char last[16] = "9999";
	for (char *line = strtok(body, "\n"); line; line = strtok(NULL, "\n")) {
		json_error_t e;
		json_t *row = json_loads(line, 0, &e);
		if (!row)
			fail_msg("not a JSON line (%s): %.200s", e.text, line);
		assert_string_equal(json_string_value(json_object_get(row, "speaker_id")), "ines-kolar");
		assert_null(json_object_get(row, "snippet"));
		const char *d = json_string_value(json_object_get(row, "date"));
		assert_true(d && strcmp(d, last) <= 0);
		snprintf(last, sizeof last, "%s", d);
		json_decref(row);
		rows++;
	}
	free(body);
	j = api("/api/speakers/ines-kolar", 200);
	assert_int_equal(rows, total_of(json_object_get(j, "statements")));
	json_decref(j);
	json_decref(api("/api/export?format=xml", 400));
	json_decref(api("/api/export?limit=10&offset=3", 400));
}

static void pages_follow_one_another(void **state)
{
	(void)state;
	json_t *all = api("/api/search?q=ferry", 200);
	size_t n = json_array_size(results(all));
	assert_true(json_is_null(json_object_get(all, "next_offset")));
	for (size_t k = 0; k < n; k++) {
		char path[128];
		snprintf(path, sizeof path, "/api/search?q=ferry&limit=1&offset=%zu", k);
		json_t *p = api(path, 200);
		assert_int_equal(json_array_size(results(p)), 1);
		assert_int_equal(json_integer_value(json_object_get(json_array_get(results(p), 0), "id")),
		                 json_integer_value(json_object_get(json_array_get(results(all), k), "id")));
		json_t *next = json_object_get(p, "next_offset");
		if (k + 1 < n)
			assert_int_equal(json_integer_value(next), (json_int_t)k + 1);
		else
			assert_true(json_is_null(next));
		json_decref(p);
	}
	json_decref(all);
}

static void bad_arguments_are_400s_that_say_why(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
	    {"/api/search", "give a full-text query"},
	    {"/api/search?q=ferry&limit=0", "'limit'"},
	    {"/api/search?q=ferry&limit=101", "'limit'"},
	    {"/api/search?q=ferry&limit=ten", "'limit'"},
	    {"/api/search?q=ferry&offset=-1", "'offset'"},
	    {"/api/search?q=ferry&kind=rumour", "'kind'"},
	    {"/api/search?q=ferry&since=last%20week", "'since'"},
	    {"/api/search?q=ferry&since=2020-13-01", "'since'"},
	    {"/api/search?q=ferry&until=2023-02-29", "'until'"},
	    {"/api/search?q=ferry&since=2024-05-01&until=2024-04", "after"},
	    {"/api/search?q=ferry&sort=best", "'sort'"},
	    {"/api/speakers/ines-kolar?sort=relevance", "'sort'"},
	    {"/api/search?q=ferry&spekaer=Kolar",
	     "unknown argument 'spekaer': /api/search takes q speaker person outlet"},
	    {"/api/stats?verbose=1", "takes none"},
	    {"/api/search?q=ferry&=x", "unknown argument ''"},       /* an empty name: was an endless loop */
	    {"/api/search?q=ferry&%20q=x", "unknown argument ' q'"}, /* read before the list of names */
	    {"/api/documents/1?q=ferry", "unknown argument 'q'"},
	    {"/api/search?q=%FF%FE", "not UTF-8"},
	    {"/api/timeline", "give a speaker"},
	    {"/api/echoes?min_similarity=2", "'min_similarity'"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		json_t *j = api(cases[i][0], 400);
		const char *msg = error_message(j);
		if (!msg || !strstr(msg, cases[i][1]))
			fail_msg("%s: message '%s' does not say '%s'", cases[i][0], msg, cases[i][1]);
		json_decref(j);
	}
}

static void speakers_and_one_speaker(void **state)
{
	(void)state;
	json_t *j = api("/api/speakers", 200);
	json_t *first = json_array_get(results(j), 0);
	assert_string_equal(json_string_value(json_object_get(first, "id")), "ines-kolar");
	json_decref(j);

	j = api("/api/speakers?q=Tomas", 200);
	assert_int_equal(json_array_size(results(j)), 1);
	json_decref(j);

	/* pages of the list, the most quoted first: the store pages, not us */
	j = api("/api/speakers?limit=1", 200);
	assert_int_equal(json_array_size(results(j)), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(results(j), 0), "id")), "ines-kolar");
	assert_int_equal(json_integer_value(json_object_get(j, "next_offset")), 1);
	json_decref(j);
	j = api("/api/speakers?limit=1&offset=1", 200);
	json_t *second = json_array_get(results(j), 0);
	assert_string_not_equal(json_string_value(json_object_get(second, "id")), "ines-kolar");
	json_decref(j);
	j = api("/api/speakers?offset=1000", 200);
	assert_int_equal(json_array_size(results(j)), 0);
	assert_true(json_is_null(json_object_get(j, "next_offset")));
	json_decref(j);

	j = api("/api/speakers/ines-kolar", 200);
	json_t *sp = json_object_get(j, "speaker");
	assert_string_equal(json_string_value(json_object_get(sp, "name")), "Ines Kolar");
	assert_int_equal(json_integer_value(json_object_get(sp, "documents")), 2);
	assert_true(json_array_size(json_object_get(sp, "roles")) >= 1);
	assert_true(json_array_size(json_object_get(j, "forms")) >= 1);
	json_t *st = results(json_object_get(j, "statements"));
	size_t i;
	json_t *r;
	assert_true(json_array_size(st) >= 3);
	json_array_foreach(st, i, r)
	    assert_string_equal(json_string_value(json_object_get(r, "speaker_id")), "ines-kolar");
	json_decref(j);

	j = api("/api/speakers/nobody-at-all", 404);
	assert_non_null(strstr(error_message(j), "nobody-at-all"));
	json_decref(j);
}

static void timeline_counts_months(void **state)
{
	(void)state;
	json_t *j = api("/api/timeline?speaker=ines-kolar", 200);
	json_t *m = json_object_get(j, "months");
	assert_int_equal(json_array_size(m), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(m, 0), "month")), "2024-01");
	assert_string_equal(json_string_value(json_object_get(json_array_get(m, 1), "month")), "2024-03");
	json_decref(j);
}

/* Each statement's spans in the cleaned text hold the words of its content. */
static void document_marks_statements_in_its_text(void **state)
{
	(void)state;
	json_t *j = api("/api/documents/1", 200);
	const char *text = json_string_value(json_object_get(j, "text"));
	assert_non_null(strstr(text, "island ferry"));
	size_t i, spans = 0;
	json_t *st;
	json_array_foreach(json_object_get(j, "statements"), i, st)
	{
		const char *content = json_string_value(json_object_get(st, "content"));
		size_t k;
		json_t *sp;
		json_array_foreach(json_object_get(json_object_get(st, "text_offsets"), "content"), k, sp)
		{
			/* the samples are ASCII: code points are bytes */
			size_t a = (size_t)json_integer_value(json_array_get(sp, 0));
			size_t b = (size_t)json_integer_value(json_array_get(sp, 1));
			assert_true(a < b && b <= strlen(text));
			char piece[512];
			snprintf(piece, sizeof piece, "%.*s", (int)(b - a), text + a);
			if (!strstr(content, piece))
				fail_msg("span '%s' is not in the content '%s'", piece, content);
			spans++;
		}
	}
	assert_true(spans >= 3);
	json_decref(j);
	json_decref(api("/api/documents/999", 404));
	json_decref(api("/api/documents/abc", 404));
	json_decref(api("/api/documents/1/x", 404));
}

static void echoes_come_in_pages_of_clusters(void **state)
{
	(void)state;
	json_t *j = api("/api/echoes?limit=5", 200);
	assert_true(json_is_array(results(j)));
	assert_int_equal(json_integer_value(json_object_get(j, "limit")), 5);
	json_decref(j);
}

static void unknown_paths_and_methods(void **state)
{
	(void)state;
	json_decref(api("/api/nothing", 404));
	reply r;
	exchange("DELETE /api/stats HTTP/1.0\r\n\r\n", &r);
	assert_int_equal(r.status, 405);
	assert_non_null(strstr(r.head, "Allow: GET, HEAD"));
	free(r.body);
	exchange("POST /api/stats HTTP/1.0\r\nContent-Length: 5\r\n\r\nhello", &r);
	assert_int_equal(r.status, 413);
	free(r.body);
	exchange("HEAD /api/stats HTTP/1.0\r\n\r\n", &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.body, "");
	free(r.body);
}

/* A request of N bytes of address (or of FIELDS header fields) answered
 * in JSON with STATUS. */
static void refused_in_json(size_t n, int fields, int status)
{
	dm_buf req = {0};
	dm_buf_puts(&req, "GET /api/search?q=");
	for (size_t i = 0; i < n; i++)
		dm_buf_putc(&req, 'a');
	dm_buf_puts(&req, " HTTP/1.0\r\nHost: localhost\r\n");
	for (int i = 0; i < fields; i++)
		dm_buf_printf(&req, "X-Field-%d: %d\r\n", i, i);
	dm_buf_puts(&req, "\r\n");
	reply r;
	exchange(req.data, &r);
	dm_buf_free(&req);
	if (r.status != status || !strstr(r.head, "application/json") || r.body[0] != '{')
		fail_msg("%zu bytes, %d fields: %d %.100s", n, fields, r.status, r.body);
	free(r.body);
}

/* Whatever a client sends too much of is refused by the API, in JSON:
 * addresses of 8 KB and 100 KB, thousands of header fields; an address
 * of 10 MB is cut off with its connection, and the server goes on. */
/* The most a TCP connection's two ends may buffer: the largest receive
 * and send buffers the kernel gives (4 and 6 MB where it does not say). */
static size_t socket_buffers(void)
{
	static const char *const files[] = {"/proc/sys/net/ipv4/tcp_rmem", "/proc/sys/net/ipv4/tcp_wmem"};
	size_t total = 0;
	for (int i = 0; i < 2; i++) {
		unsigned long lo, mid, max = i ? 4ul << 20 : 6ul << 20;
		FILE *f = fopen(files[i], "r");
		if (f && fscanf(f, "%lu %lu %lu", &lo, &mid, &max) != 3)
			max = i ? 4ul << 20 : 6ul << 20;
		if (f)
			fclose(f);
		total += max;
	}
	return total;
}

static void long_addresses_are_refused(void **state)
{
	(void)state;
	refused_in_json(8500, 0, 414);
	refused_in_json(100 * 1024, 0, 414);
	refused_in_json(4, 5000, 431);
	/* more than the kernel's buffers at both ends can hold, or a server
	 * slow to close (a loaded machine) lets all of it be sent */
	size_t n = 8 * 1024 * 1024 + socket_buffers();
	char *huge = malloc(n + 64);
	assert_non_null(huge);
	memcpy(huge, "GET /api/search?q=", 18);
	memset(huge + 18, 'a', n);
	strcpy(huge + 18 + n, " HTTP/1.0\r\n\r\n");
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)dm_server_port(srv))};
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	size_t sent = 0;
	ssize_t k;
	while (sent < strlen(huge) && (k = send(fd, huge + sent, strlen(huge) - sent, MSG_NOSIGNAL)) > 0)
		sent += (size_t)k;
	close(fd);
	free(huge);
	assert_true(sent < n); /* cut off */
	reply *r = get("/api/stats");
	assert_int_equal(r->status, 200);
}

/* Six hundred connections that never finish their request do not keep
 * another client waiting. */
static void half_open_connections_keep_no_one_waiting(void **state)
{
	(void)state;
	enum { N = 600 };
	int fds[N], open_ = 0;
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)dm_server_port(srv))};
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	for (int i = 0; i < N; i++) {
		fds[i] = socket(AF_INET, SOCK_STREAM, 0);
		if (fds[i] < 0)
			break;
		open_++;
		if (connect(fds[i], (struct sockaddr *)&a, sizeof a) == 0)
			(void)!write(fds[i], "GET /api/stats HTTP/1.1\r\nHost:", 31);
	}
	assert_true(open_ > 500);
	/* another client, from another address */
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in me = {.sin_family = AF_INET};
	inet_pton(AF_INET, "127.0.0.2", &me.sin_addr);
	assert_int_equal(bind(fd, (struct sockaddr *)&me, sizeof me), 0);
	struct timeval limit = {2, 0}; /* answered within two seconds, or the test fails */
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
	assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	const char req[] = "GET /api/stats HTTP/1.0\r\nHost: localhost\r\n\r\n";
	assert_int_equal(write(fd, req, sizeof req - 1), (ssize_t)(sizeof req - 1));
	char buf[256];
	ssize_t k = read(fd, buf, sizeof buf - 1);
	close(fd);
	for (int i = 0; i < open_; i++)
		close(fds[i]);
	assert_true(k > 12);
	buf[k] = 0;
	assert_non_null(strstr(buf, " 200 "));
}

static void the_page_and_nothing_beside_it(void **state)
{
	(void)state;
	reply *r = get("/");
	assert_int_equal(r->status, 200);
	assert_non_null(strstr(r->head, "text/html"));
	assert_non_null(strstr(r->head, "Content-Security-Policy: default-src 'self'"));
	assert_non_null(strstr(r->head, "X-Content-Type-Options: nosniff"));
	assert_non_null(strstr(r->body, "<script src=\"/app.js\""));
	assert_int_equal(get("/app.js")->status, 200);
	assert_int_equal(get("/style.css")->status, 200);
	static const char *const outside[] = {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
	                                      "/web/app.js",       "/app.js/",
	                                      "//etc/passwd",      "/index.html/../app.js"};
	for (size_t i = 0; i < sizeof outside / sizeof *outside; i++) {
		r = get(outside[i]);
		if (r->status != 404)
			fail_msg("%s: status %d", outside[i], r->status);
		assert_null(strstr(r->body, "root:"));
	}
}

/* Markup quoted in an article leaves as a JSON string, never as markup. */
static void markup_from_articles_stays_text(void **state)
{
	(void)state;
	put_articles(2, 3);
	json_t *j = api("/api/search?q=paste", 200);
	json_t *r = json_array_get(results(j), 0);
	assert_non_null(strstr(json_string_value(json_object_get(r, "content")), "<script>alert(1)</script>"));
	json_decref(j);
	reply *raw = get("/api/search?q=paste");
	assert_non_null(strstr(raw->head, "application/json"));
	assert_non_null(strstr(raw->head, "nosniff"));
}

/* The server's connections see what a writer commits while it runs. */
static void serves_while_the_archive_grows(void **state)
{
	(void)state;
	json_t *j = api("/api/stats", 200);
	assert_int_equal(json_integer_value(json_object_get(j, "documents")), 2);
	json_decref(j);
	put_articles(2, 3);
	j = api("/api/stats", 200);
	assert_int_equal(json_integer_value(json_object_get(j, "documents")), 3);
	json_decref(j);
}

static void start_says_what_is_wrong(void **state)
{
	(void)state;
	char err[256];
	dm_serve_options bad_db = {"/nonexistent/dir/x.db", NULL, 0, 1, NULL};
	assert_null(dm_server_start(&bad_db, err, sizeof err));
	assert_non_null(strstr(err, "/nonexistent/dir/x.db"));
	dm_serve_options bad_bind = {db, "example.org", 0, 1, NULL};
	assert_null(dm_server_start(&bad_bind, err, sizeof err));
	assert_non_null(strstr(err, "example.org"));
	dm_serve_options taken = {db, NULL, dm_server_port(srv), 1, NULL};
	assert_null(dm_server_start(&taken, err, sizeof err));
	assert_non_null(strstr(err, "cannot listen"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(stats_count_the_archive, start, stop),
	    cmocka_unit_test_setup_teardown(search_ranks_marks_and_filters, start, stop),
	    cmocka_unit_test_setup_teardown(queries_as_people_type_them, start, stop),
	    cmocka_unit_test_setup_teardown(lists_count_and_sort, start, stop),
	    cmocka_unit_test_setup_teardown(exports_stream_every_row, start, stop),
	    cmocka_unit_test_setup_teardown(pages_follow_one_another, start, stop),
	    cmocka_unit_test_setup_teardown(bad_arguments_are_400s_that_say_why, start, stop),
	    cmocka_unit_test_setup_teardown(speakers_and_one_speaker, start, stop),
	    cmocka_unit_test_setup_teardown(timeline_counts_months, start, stop),
	    cmocka_unit_test_setup_teardown(document_marks_statements_in_its_text, start, stop),
	    cmocka_unit_test_setup_teardown(echoes_come_in_pages_of_clusters, start, stop),
	    cmocka_unit_test_setup_teardown(unknown_paths_and_methods, start, stop),
	    cmocka_unit_test_setup_teardown(long_addresses_are_refused, start, stop),
	    cmocka_unit_test_setup_teardown(half_open_connections_keep_no_one_waiting, start, stop),
	    cmocka_unit_test_setup_teardown(the_page_and_nothing_beside_it, start, stop),
	    cmocka_unit_test_setup_teardown(markup_from_articles_stays_text, start, stop),
	    cmocka_unit_test_setup_teardown(serves_while_the_archive_grows, start, stop),
	    cmocka_unit_test_setup_teardown(start_says_what_is_wrong, start, stop),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
