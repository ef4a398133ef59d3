#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cmocka.h>

#include "ingest/html.h"
#include "ingest/ingest.h"

static size_t gzip(const char *in, size_t n, char *out, size_t cap)
{
	z_stream z = {0};
	deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
	z.next_in = (Bytef *)in;
	z.avail_in = (uInt)n;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	deflate(&z, Z_FINISH);
	size_t len = z.total_out;
	deflateEnd(&z);
	return len;
}

static void gunzip_round_trip_and_members(void **state)
{
	(void)state;
	char gz[512];
	size_t a = gzip("first member. ", 14, gz, sizeof gz);
	size_t b = gzip("second member.", 14, gz + a, sizeof gz - a);
	assert_true(dm_is_gzip(gz, a + b));
	char *out, err[128];
	size_t len;
	assert_int_equal(dm_gunzip(gz, a + b, 1 << 20, &out, &len, err, sizeof err), DM_OK);
	assert_int_equal(len, 28);
	assert_string_equal(out, "first member. second member.");
	free(out);
}

static void gunzip_limit_and_truncation(void **state)
{
	(void)state;
	char big[4096], gz[4096], err[128], *out;
	memset(big, 'x', sizeof big);
	size_t n = gzip(big, sizeof big, gz, sizeof gz);
	size_t len;
	assert_int_equal(dm_gunzip(gz, n, 1000, &out, &len, err, sizeof err), DM_ERR_TOOBIG);
	assert_non_null(strstr(err, "limit"));
	assert_int_equal(dm_gunzip(gz, n / 2, 1 << 20, &out, &len, err, sizeof err), DM_ERR_CORRUPT);
	assert_non_null(strstr(err, "truncated"));
}

static void collect_walks_directories_in_order(void **state)
{
	(void)state;
	char dir[] = "/tmp/dictum-walk-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256];
	const char *names[] = {"b.txt", "a.txt", "sub/c.txt"};
	snprintf(path, sizeof path, "%s/sub", dir);
	mkdir(path, 0777);
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		FILE *f = fopen(path, "w");
		fputs("text", f);
		fclose(f);
	}
	dm_inputs in = {0};
	dm_inputs_collect(&in, dir);
	snprintf(path, sizeof path, "%s/missing", dir);
	dm_inputs_collect(&in, path);
	assert_int_equal(in.n, 4);
	assert_non_null(strstr(in.items[0].path, "/a.txt"));
	assert_non_null(strstr(in.items[1].path, "/b.txt"));
	assert_non_null(strstr(in.items[2].path, "/sub/c.txt"));
	assert_null(in.items[0].error);
	assert_non_null(in.items[3].error);
	assert_int_equal(in.total_bytes, 12);
	dm_inputs_free(&in);
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
	}
	snprintf(path, sizeof path, "%s/sub", dir);
	rmdir(path);
	rmdir(dir);
}

/* An invented news page: the article amid a menu, a share bar, related
 * links, comments and a footer. */
static const char page[] =
    "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
    "<title>Ferry plan delayed | The Harbour Courier</title>"
    "<meta property=\"og:title\" content=\"Ferry plan delayed\">"
    "<meta property=\"og:site_name\" content=\"The Harbour Courier\">"
    "<link rel=\"canonical\" href=\"https://courier.example/ferry-plan\">"
    "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\","
    "\"datePublished\":\"2023-04-02T08:15:00Z\",\"author\":[{\"@type\":\"Person\",\"name\":\"Lena Vos\"}],"
    "\"publisher\":{\"@type\":\"Organization\",\"name\":\"Harbour Courier Ltd\"}}</script>"
    "</head><body><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News</a></li></ul></nav>"
    "<div class=\"container page-sidebar\"><article><h1>Ferry plan delayed</h1>"
    "<div class=\"share-bar\"><a href=\"#\">Share on Mastodon</a></div>"
    "<div class=\"article-body\">"
    "<p>The harbour board said on Monday that the new ferry route to Port Amsel will open a year later than "
    "planned, because the pier at the far end is not yet safe.</p>"
    "<p>\"We will not send a boat to a pier we cannot trust,\" said Ines Kolar, who chairs the board.</p>"
    "<p>Work on the pier, which began in 2021, has cost twice the first estimate, according to the board's "
    "own figures.</p>"
    "<p>Mayor <span class=\"rollover\"><a href=\"/people/kolar\">Ines Kolar</a><span class=\"rollover-card\">"
    "<a href=\"/x\">Kolar opens the night market and other stories from the harbour this week</a></span></span> "
    "will sign the order on Friday.</p>"
    "</div><div class=\"related-links\"><h3>More news</h3><ul><li><a href=\"/a\">Bridge vote due in May "
    "after long delay</a></li><li><a href=\"/b\">New bus lanes for the old town centre</a></li></ul></div>"
    "</article><aside>Subscribe to our newsletter for the week's stories.</aside></div>"
    "<div id=\"comments\"><p>I have waited for this ferry for years, and now another year, typical.</p></div>"
    "<footer><p>Copyright The Harbour Courier, all rights reserved.</p></footer></body></html>";

static void html_article_and_metadata(void **state)
{
	(void)state;
	assert_true(dm_is_html(page, strlen(page)));
	assert_false(dm_is_html("The harbour board said <b> is a tag.", 36));
	dm_page p;
	char err[128];
	assert_int_equal(dm_html_extract(page, strlen(page), NULL, &p, err, sizeof err), 0);
	assert_string_equal(p.text.data,
	                    "The harbour board said on Monday that the new ferry route to Port Amsel will open a year "
	                    "later than planned, because the pier at the far end is not yet safe.\n\n"
	                    "\"We will not send a boat to a pier we cannot trust,\" said Ines Kolar, who chairs the "
	                    "board.\n\n"
	                    "Work on the pier, which began in 2021, has cost twice the first estimate, according to "
	                    "the board's own figures.\n\n"
	                    "Mayor Ines Kolar will sign the order on Friday.");
	assert_string_equal(p.title, "Ferry plan delayed");
	assert_string_equal(p.date, "2023-04-02T08:15:00Z");
	assert_int_equal(p.n_authors, 1);
	assert_string_equal(p.authors[0], "Lena Vos");
	assert_string_equal(p.site, "Harbour Courier Ltd"); /* JSON-LD before og:site_name */
	assert_string_equal(p.url, "https://courier.example/ferry-plan");
	assert_string_equal(p.language, "en");
	dm_page_free(&p);
}

/* Undeclared bytes that are not UTF-8 are read as Windows-1252. */
static void html_charset_sniffed(void **state)
{
	(void)state;
	const char *latin = "<html><body><div><p>Caf\xe9 owners on the quay said the new ferry timetable suits "
	                    "them well, and that trade has grown since spring.</p></div></body></html>";
	dm_page p;
	char err[128];
	assert_int_equal(dm_html_extract(latin, strlen(latin), NULL, &p, err, sizeof err), 0);
	assert_non_null(strstr(p.text.data, "Caf\xc3\xa9 owners"));
	dm_page_free(&p);
}

/* A blockquote and the line after it that credits it ("[Tide Review]")
 * come out with their ranges; a masked name or a page that credits its
 * quotations before them gives none. */
static const char reviews[] =
    "<html><body><article><p>The new ferry opened this week, and the first reviews are in. Here is what the "
    "critics wrote about the crossing:</p>"
    "<blockquote><p>The crossing is smooth and the cabin is warm, though the coffee on board is weak.</p>"
    "<p>Still, it beats the old boat by an hour.</p></blockquote>"
    "<p><strong>[</strong><a href=\"https://tide.example/review\"><strong>Tide Review</strong></a>"
    "<strong>]</strong></p>"
    "<blockquote><p>A quiet trip with a view of the whole bay from the upper deck, worth the fare.</p>"
    "</blockquote><p>\xE2\x80\x94 Ola Berg</p>"
    "<blockquote><p>Too slow for anyone who has to be at work by eight in the morning in the town.</p>"
    "</blockquote><p><a href=\"https://x.example\">Ma** Ho**</a></p></article></body></html>";

static void html_credited_quotations(void **state)
{
	(void)state;
	dm_page p;
	char err[128];
	assert_int_equal(dm_html_extract(reviews, strlen(reviews), NULL, &p, err, sizeof err), 0);
	assert_int_equal(p.n_credits, 2);
	const char *t = p.text.data;
	const dm_credit *c = &p.credits[0];
	assert_memory_equal(t + c->name_start, "Tide Review", c->name_end - c->name_start);
	assert_int_equal(c->name_end - c->name_start, strlen("Tide Review"));
	assert_ptr_equal(strstr(t, "The crossing is smooth"), t + c->quote_start);
	assert_ptr_equal(strstr(t, "by an hour.") + strlen("by an hour."), t + c->quote_end);
	c = &p.credits[1];
	assert_memory_equal(t + c->name_start, "Ola Berg", 8);
	assert_ptr_equal(strstr(t, "A quiet trip"), t + c->quote_start);
	dm_page_free(&p);
	/* the line before the first quotation: this page credits each before it */
	const char *before = "<html><body><article><p>What the critics wrote about the new ferry crossing, "
	                     "in their own words, over the first week of the service:</p><p>[Tide Review]</p>"
	                     "<blockquote><p>The crossing is smooth and the cabin is warm all the way over.</p>"
	                     "</blockquote><p>[Bay News]</p><blockquote><p>A quiet trip with a view of the whole "
	                     "bay from the upper deck.</p></blockquote></article></body></html>";
	assert_int_equal(dm_html_extract(before, strlen(before), NULL, &p, err, sizeof err), 0);
	assert_int_equal(p.n_credits, 0);
	dm_page_free(&p);
}

/* An embedded post is a quotation the article shows, though the wrapper
 * around it is classed as "social" furniture; a share bar stays out. */
static void html_embedded_post_kept(void **state)
{
	(void)state;
	const char *pg = "<html><body><article><p>The new ferry timetable drew a storm of comments on social media on "
	                 "Monday, and the harbour board answered some of them.</p>"
	                 "<div class=\"social-media-embed\"><blockquote class=\"twitter-tweet\"><p>The ferry is late "
	                 "again and nobody says why.</p>&mdash; Ada Lind (@adalind) <a href=\"https://x.example/1\">"
	                 "November 18, 2019</a></blockquote></div>"
	                 "<div class=\"social-share\"><p>Share this story on every network you use today</p></div>"
	                 "<p>The board said the timetable would stay as it is until the spring.</p></article></body>"
	                 "</html>";
	dm_page p;
	char err[128];
	assert_int_equal(dm_html_extract(pg, strlen(pg), NULL, &p, err, sizeof err), 0);
	assert_non_null(strstr(p.text.data, "The ferry is late again"));
	assert_non_null(strstr(p.text.data, "Ada Lind (@adalind)"));
	assert_null(strstr(p.text.data, "Share this story"));
	dm_page_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(gunzip_round_trip_and_members),
	    cmocka_unit_test(gunzip_limit_and_truncation),
	    cmocka_unit_test(collect_walks_directories_in_order),
	    cmocka_unit_test(html_article_and_metadata),
	    cmocka_unit_test(html_charset_sniffed),
	    cmocka_unit_test(html_credited_quotations),
	    cmocka_unit_test(html_embedded_post_kept),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
