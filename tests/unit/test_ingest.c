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
#include <libxml/HTMLparser.h>

#include "ingest/html.h"
#include "ingest/htmltree.h"
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

/* HTML[N] read as a page, which must succeed. */
static void read_page(const char *html, size_t n, dm_page *p)
{
	char err[128];
	assert_int_equal(dm_html_extract(html, n, NULL, p, err, sizeof err), 0);
}

static void html_article_and_metadata(void **state)
{
	(void)state;
	assert_true(dm_is_html(page, strlen(page)));
	assert_false(dm_is_html("The harbour board said <b> is a tag.", 36));
	/* what a saved page may put before its markup */
	static const char *const preambles[] = {
	    "\xEF\xBB\xBF<!-- saved from url=(0042) -->\n<html><body><p>x</p></body></html>",
	    "<script type=\"text/javascript\">var q = '<b>', n = 1;</script>\n<!DOCTYPE "
	    "html><html><body>x</body></html>",
	    "<?xml version=\"1.0\"?>\n<style>p { color: red }</style><!doctype html>\n<html lang=\"en\">"};
	for (size_t i = 0; i < sizeof preambles / sizeof *preambles; i++) {
		assert_true(dm_is_html(preambles[i], strlen(preambles[i])));
		dm_buf b = {0}; /* the same after a long tracker script (after the byte-order mark) */
		int bom = !strncmp(preambles[i], "\xEF\xBB\xBF", 3);
		dm_buf_puts(&b, bom ? "\xEF\xBB\xBF<script>var t = [" : "<script>var t = [");
		for (int k = 0; k < 400; k++)
			dm_buf_puts(&b, "1, 2, ");
		dm_buf_puts(&b, "3];</script>\n");
		dm_buf_puts(&b, preambles[i] + (bom ? 3 : 0));
		assert_true(dm_is_html(b.data, b.len));
		dm_buf_free(&b);
	}
	assert_false(dm_is_html("<script> opens a script, the editor said.", 41));
	dm_page p;
	read_page(page, strlen(page), &p);
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
	assert_string_equal(p.site, "The Harbour Courier"); /* as the site names itself, not its publishing company */
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

/* Plain text with a Windows-1252 letter anywhere in a run of ASCII (which
 * the sniffing skips eight bytes at a time) is read as Windows-1252. */
static void plain_single_byte_found_anywhere(void **state)
{
	(void)state;
	for (size_t at = 0; at < 24; at++) {
		char in[25] = "the ferry runs at eight.";
		in[at] = (char)0xE9;
		dm_buf out = {0};
		const char *enc = NULL;
		assert_int_equal(dm_decode_text(in, 24, 1, &out, &enc), 1);
		assert_non_null(enc);
		assert_string_equal(enc, "Windows-1252");
		assert_memory_equal(out.data + at, "\xC3\xA9", 2);
		dm_buf_free(&out);
	}
}

/* Text as readers see it: composed (NFC), soft hyphens gone, no-break
 * spaces as spaces, in the body and the metadata alike. */
static void html_text_as_read(void **state)
{
	(void)state;
	const char *page =
	    "<html><head><title>Quay&nbsp;works: Cafe\xcc\x81 closes</title></head><body><article>"
	    "<p>The harbour co&shy;operative said the Cafe\xcc\x81 on the quay will close for 10&nbsp;weeks "
	    "while the wall is rebuilt, and reopen\xc2\xa0in spring.</p></article></body></html>";
	dm_page p;
	read_page(page, strlen(page), &p);
	assert_string_equal(p.text.data, "The harbour cooperative said the Caf\xc3\xa9 on the quay will close for 10 "
	                                 "weeks while the wall is rebuilt, and reopen in spring.");
	assert_string_equal(p.title, "Quay works: Caf\xc3\xa9 closes");
	dm_page_free(&p);
}

/* The headline as the reader sees it: the page's heading where the
 * metadata agrees with it, else the metadata's title without the site's
 * name or a section around it; hyphens inside a headline stay. */
static void html_title_without_the_site(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
	    {"<title>Ferry delayed again | Vellby Courier</title><meta property=\"og:site_name\" content=\"Vellby "
	     "Courier\">",
	     "Ferry delayed again"},
	    {"<title>VellbyCourier.example - Pier reopens after the storm</title>"
	     "<link rel=\"canonical\" href=\"https://www.vellbycourier.example/pier\">",
	     "Pier reopens after the storm"},
	    {"<title>Opinion | Why the quay must wait another year</title>", "Why the quay must wait another year"},
	    {"<title>Harbour fees rise for the third time | Money</title>", "Harbour fees rise for the third time"},
	    {"<title>Ferry - what went wrong and why it matters</title>", "Ferry - what went wrong and why it matters"},
	    {"<meta property=\"og:title\" content=\"Ferry delayed a third time, council says\"></head><body>"
	     "<h1>Vellby Courier</h1><h1>Ferry delayed a third time</h1>",
	     "Ferry delayed a third time"},
	    {"<title>Islands news - Vellby Courier</title></head><body><h1>Islands news</h1>", "Islands news"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		dm_buf b = {0};
		dm_buf_printf(
		    &b, "<html><head>%s<p>The council said the ferry is late again this winter.</p></body></html>",
		    cases[i][0]);
		dm_page p;
		read_page(b.data, b.len, &p);
		if (!p.title || strcmp(p.title, cases[i][1]))
			fail_msg("case %zu: '%s', not '%s'", i, p.title ? p.title : "(none)", cases[i][1]);
		dm_page_free(&p);
		dm_buf_free(&b);
	}
}

/* The outlet as the site names itself: og:site_name without its tagline
 * (never an address), else as its <title> names it around the headline,
 * else the JSON-LD publisher, the application's name, the logo's text. */
static void html_outlet_as_the_site_names_itself(void **state)
{
	(void)state;
	static const char *const ld = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
	                              "\"publisher\":{\"name\":\"Nordic Wire Service\"}}</script>";
	const char *cases[][2] = {
	    {"<meta property=\"og:site_name\" content=\"Vellby Courier | News of the islands\">", "Vellby Courier"},
	    {"<meta property=\"og:site_name\" content=\"https://vellbycourier.example\">%s", "Nordic Wire Service"},
	    {"<title>Ferry delayed a third time - Vellby Courier</title>%s", "Vellby Courier"},
	    {"%s<title>Ferry delayed a third time</title>", "Nordic Wire Service"},
	    {"<meta name=\"apple-mobile-web-app-title\" content=\"Courier\">", "Courier"},
	    {"</head><body><a href=\"/\" class=\"site-logo\"><img src=\"l.png\" alt=\"Vellby Courier Logo\"></a>",
	     "Vellby Courier"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		dm_buf head = {0}, b = {0};
		dm_buf_printf(&head, cases[i][0], ld);
		dm_buf_printf(&b,
		              "<html><head>%s<h1>Ferry delayed a third time</h1><p>The council said the ferry is late "
		              "again this winter.</p></body></html>",
		              head.data);
		dm_page p;
		read_page(b.data, b.len, &p);
		if (!p.site || strcmp(p.site, cases[i][1]))
			fail_msg("case %zu: '%s', not '%s'", i, p.site ? p.site : "(none)", cases[i][1]);
		dm_page_free(&p);
		dm_buf_free(&head);
		dm_buf_free(&b);
	}
}

/* The writers as persons: the name alone ("By TOM KRISHER, AP Writer"),
 * one form of each, never a desk, an account, a wire service, a title,
 * the site or its owner beside its writer; the visible byline where the
 * metadata names none or fewer, but no reader's comment, no form's field
 * and no other story's teaser. */
static void html_authors_are_persons(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
	    {"<meta name=\"author\" content=\"By LENA VOS, Harbour Affairs Writer\">", "Lena Vos"},
	    {"<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":[{\"name\":\"Lena Vos\"},"
	     "{\"name\":\"Lena M. Vos\"},{\"name\":\"Oskar Lind\"}]}</script>",
	     "Lena M. Vos|Oskar Lind"},
	    {"<meta name=\"author\" content=\"Harbour News Desk\">", ""},
	    {"<meta name=\"author\" content=\"admin\">", ""},
	    {"<meta property=\"og:site_name\" content=\"Vellby Courier\"><meta name=\"author\" content=\"Vellby "
	     "Courier\">",
	     ""},
	    {"</head><body><div class=\"byline\">By Lena Vos and Oskar Lind | 2 May 2024</div>", "Lena Vos|Oskar Lind"},
	    {"</head><body><p class=\"post-author\">Text: <a rel=\"author\">Mira Holt</a></p>", "Mira Holt"},
	    {"</head><body><div class=\"comments\"><span class=\"comment-author\">Tomas Ek</span></div>", ""},
	    {"</head><body><form><label class=\"author\">Your Name</label></form>", ""},
	    {"<meta name=\"author\" content=\"Lena Vos, Oskar Lind and Mira Holt\">", "Lena Vos|Oskar Lind|Mira Holt"},
	    {"</head><body><div class=\"byline\">By Lena Vos and Oskar Lind Monday, May 2, 2024</div>",
	     "Lena Vos|Oskar Lind"},
	    {"<meta name=\"author\" content=\"Harbour Staff Writer\"></head><body><p class=\"byline\">By Lena Vos</p>",
	     "Lena Vos"},
	    /* the writer of another story, in its teaser */
	    {"</head><body><div class=\"more-stories\"><a href=\"/ferry-fares\"><div>Ferry fares go up in May</div>"
	     "<div class=\"story-author\">Oskar Lind</div></a></div>",
	     ""},
	    {"</head><body><div class=\"related-links\"><div class=\"author\">Oskar Lind</div></div>", ""},
	    /* a link to the writer's page */
	    {"</head><body><div class=\"writer-name\"><a href=\"/author/mira-holt-81/\">Mira Holt</a></div>",
	     "Mira Holt"},
	    /* a person the JSON-LD graph describes apart, known by one name */
	    {"<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"BlogPosting\",\"author\":{\"@id\":"
	     "\"#p7\"}},{\"@type\":\"Person\",\"@id\":\"#p7\",\"name\":\"Talia\"}]}</script>",
	     "Talia"},
	    {"<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":{\"@type\":\"Person\","
	     "\"name\":\"AFP\"}}</script>",
	     ""},
	    {"<meta name=\"author\" content=\"The Morning Brief\">", ""},
	    /* the owner credited beside the writer, but not the owner who writes */
	    {"<meta name=\"author\" content=\"Vellby Lantern Holdings\"><meta name=\"copyright\" content=\"Copyright "
	     "(c) Vellby Lantern Holdings 2024\"><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
	     "\"author\":[{\"@type\":\"Person\",\"name\":\"Lena Vos\"}]}</script>",
	     "Lena Vos"},
	    {"<meta name=\"author\" content=\"Lena Vos\"><meta name=\"copyright\" content=\"(c) 2024 Lena Vos\">",
	     "Lena Vos"},
	    /* the byline that names more writers than the metadata */
	    {"<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":{\"@type\":\"Person\","
	     "\"name\":\"Lena Vos\"}}</script></head><body><p class=\"byline\">By Lena Vos, Oskar Lind, Mira "
	     "Holt</p>",
	     "Lena Vos|Oskar Lind|Mira Holt"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		dm_buf b = {0}, got = {0};
		dm_buf_printf(
		    &b, "<html><head>%s<p>The council said the ferry is late again this winter.</p></body></html>",
		    cases[i][0]);
		dm_page p;
		read_page(b.data, b.len, &p);
		for (int k = 0; k < p.n_authors; k++)
			dm_buf_printf(&got, "%s%s", k ? "|" : "", p.authors[k]);
		if (strcmp(got.data ? got.data : "", cases[i][1]))
			fail_msg("case %zu: '%s', not '%s'", i, got.data ? got.data : "", cases[i][1]);
		dm_page_free(&p);
		dm_buf_free(&b);
		dm_buf_free(&got);
	}
}

/* A share or like bar whose id happens to hold "post" is furniture all
 * the same, and so are "related posts"; an article body whose class says
 * both ("entry-content share-enabled", "content-with-sidebar") is not. */
static void html_furniture_named_twice(void **state)
{
	(void)state;
	static const char page[] =
	    "<html><body><div class=\"entry-content share-enabled\"><p>The harbour board said on Monday that the new "
	    "ferry will run from May, a year later than planned, because the pier is not yet safe.</p>"
	    "<p>Work on the pier wall, the board said, will go on through the winter and into the spring.</p>"
	    "<div class=\"sharedaddy sd-like\" id=\"like-post-wrapper-17\"><h3>Like this:</h3><div>Loading the "
	    "button for you</div></div><div id=\"jp-post-flair\" class=\"sharedaddy\"><h3>More of the same</h3></div>"
	    "<div class=\"jp-relatedposts\"><h3>Similar stories</h3></div>"
	    "</div></body></html>";
	dm_page p;
	read_page(page, strlen(page), &p);
	assert_non_null(strstr(p.text.data, "into the spring."));
	assert_null(strstr(p.text.data, "Like this"));
	assert_null(strstr(p.text.data, "More of the same"));
	assert_null(strstr(p.text.data, "Similar stories"));
	dm_page_free(&p);
	/* a wrapper named for the article and the sidebar beside it holds the article */
	static const char wrapped[] =
	    "<html><body><article><div class=\"content-with-sidebar-wrap\"><p>The harbour board said on Monday that "
	    "the new ferry will run from May, a year later than planned, because the pier is not yet safe.</p><p>Work "
	    "on the pier wall, the board said, will go on through the winter and into the spring.</p></div><p>The old "
	    "ferry, the board added, will run until then, and the fares, it said, will stay as they are.</p><p>The "
	    "mayor, who was at the meeting, said the island cannot wait another year for a new pier.</p>"
	    "</article></body></html>";
	read_page(wrapped, strlen(wrapped), &p);
	assert_non_null(strstr(p.text.data, "into the spring."));
	dm_page_free(&p);
}

/* A paragraph that is a link, between paragraphs of the story, is the
 * writer's pointer and stays; a run of such paragraphs is navigation, and
 * a related story after a label or shouted as a headline is none. */
static void html_lone_link_kept(void **state)
{
	(void)state;
	static const char page[] =
	    "<html><body><div class=\"story\"><p>The harbour board said on Monday that the new ferry, ordered three "
	    "years ago, will run from May, a year later than planned.</p><p><a href=\"/plan\">Read the board's "
	    "plan</a></p><p>Work on the pier wall, the board said, will go on through the winter and into the "
	    "spring, and the old ferry will run until then.</p><p><strong>SEE MORE</strong>: <a href=\"/m\">Fares "
	    "rise in May</a></p><p>The board will meet again in June, and the mayor, it said, will be there.</p>"
	    "<p><strong><a href=\"/n\">ISLAND SCHOOL OPENS NEW WING</a></strong></p><p>The ferry, the mayor said, "
	    "is the island's only link to the town.</p><p><a href=\"/a\">Ferry fares in May</a></p><p><a "
	    "href=\"/b\">Pier wall works</a></p><p><a href=\"/c\">Winter timetable</a></p></div></body></html>";
	dm_page p;
	read_page(page, strlen(page), &p);
	assert_non_null(strstr(p.text.data, "Read the board's plan"));
	assert_non_null(strstr(p.text.data, "until then."));
	assert_null(strstr(p.text.data, "Ferry fares"));
	assert_null(strstr(p.text.data, "Fares rise in May"));
	assert_null(strstr(p.text.data, "ISLAND SCHOOL"));
	assert_non_null(strstr(p.text.data, "only link to the town."));
	assert_null(strstr(p.text.data, "Pier wall works"));
	dm_page_free(&p);
}

/* A few words in a container whose class says "post" (a rating prompt)
 * are not the article, beside paragraphs in containers of no such name. */
static void html_small_post_box_is_no_article(void **state)
{
	(void)state;
	static const char page[] =
	    "<html><body><div class=\"wrap\"><div class=\"col\"><p>The harbour board said on Monday that the new "
	    "ferry, ordered three years ago, will run from May, a year later than planned.</p><p>Work on the pier "
	    "wall, "
	    "the board said, will go on through the winter, and the cost, it added, has doubled.</p></div></div>"
	    "<div class=\"post-ratings\"><div class=\"ratings-content\">Rate this story, please, now</div></div>"
	    "</body></html>";
	dm_page p;
	read_page(page, strlen(page), &p);
	assert_non_null(strstr(p.text.data, "The harbour board said"));
	assert_null(strstr(p.text.data, "Rate this story"));
	dm_page_free(&p);
}

/* A <header> the page never closed holds the story: read, for it holds
 * most of the page's text; a header of a few words beside it is not. */
static void html_unclosed_header(void **state)
{
	(void)state;
	static const char page[] =
	    "<html><body><div class=\"note\"><p>Thank you for reading the island news, every day since 1921.</p></div>"
	    "<header><nav><a href=\"/\">Home</a></nav><div class=\"site\">Vellby Courier, since 1921</div>"
	    "<article><p>The harbour board said on Monday that the new ferry will run from May, a year later than "
	    "planned.</p><p>Work on the pier wall, the board said, will go on through the winter, and the cost, it "
	    "added, has doubled.</p></article></body></html>";
	dm_page p;
	read_page(page, strlen(page), &p);
	assert_non_null(strstr(p.text.data, "The harbour board said on Monday"));
	dm_page_free(&p);
}

/* A page that goes on with the next story: the first is the page's, though
 * the next scores a little better. */
static void html_endless_scroll(void **state)
{
	(void)state;
	static const char page[] =
	    "<html><body><div class=\"page\"><div class=\"col\"><div class=\"wrap\"><div class=\"story\"><p>The "
	    "harbour board said on Monday that the new ferry will run from May, a year later than planned.</p><p>Work "
	    "on the pier wall, the board said, will go on through the winter, and the cost, it added, has doubled.</p>"
	    "</div></div></div><div class=\"col\"><div class=\"next\"><div class=\"story\"><p>The island school, "
	    "its head said on Tuesday, will open a new wing in the autumn, with a library, a hall, and two "
	    "classrooms.</p><p>Parents, teachers, and pupils, she said, had asked for it for years, and the council "
	    "agreed.</p></div></div></div></div></body></html>";
	dm_page p;
	read_page(page, strlen(page), &p);
	assert_non_null(strstr(p.text.data, "The harbour board said on Monday"));
	assert_null(strstr(p.text.data, "island school"));
	dm_page_free(&p);
	/* the next story longer, in the same template: the first is the page's */
	static const char longer[] =
	    "<html><body><div class=\"list\"><article class=\"item\"><h2>Ferry late</h2><div class=\"box\"><div "
	    "class=\"detail\"><p>The harbour board said "
	    "on Monday that the new ferry, ordered three years ago, will run from May, a year later than "
	    "planned.</p><p>Work on the pier wall, the board said, will go on through the winter, and the cost, it "
	    "added, has doubled.</p></div></div></article><article class=\"item\"><h2>School wing</h2><div "
	    "class=\"box\"><div class=\"detail\"><p>The island school, "
	    "its head said on Tuesday, will open a new wing in the autumn, with a library, a hall, a gym, a kitchen, "
	    "and two classrooms.</p><p>Parents, teachers, and pupils, she said, had asked for it for years, and the "
	    "council, the board, and the church agreed, after a vote, to pay for it.</p><p>The builders, she added, "
	    "start in June, and the wing, if all goes well, opens in the spring.</p></div></div></article></div>"
	    "</body></html>";
	read_page(longer, strlen(longer), &p);
	assert_non_null(strstr(p.text.data, "The harbour board said on Monday"));
	assert_null(strstr(p.text.data, "island school"));
	dm_page_free(&p);
}

/* An article a page builder cut into widgets, rows apart, between a
 * picture and a rail of products: its widgets of the same template below
 * the article's own element are its parts, and one outside it is not. */
static void html_page_builder_chunks(void **state)
{
	(void)state;
	static const char page[] =
	    "<html><body><div class=\"entry\">"
	    "<div class=\"row\"><div class=\"col\"><div class=\"wrap\"><div class=\"widget\"><div "
	    "class=\"text-editor\">"
	    "<p>The harbour board said on Monday that the new ferry, ordered three years ago, will run from May, "
	    "a year later than planned, because the pier is not yet safe.</p><p>Work on the wall, the board said, "
	    "will go on through the winter, and the cost, it added, has doubled since the spring.</p>"
	    "</div></div></div></div></div>"
	    "<div class=\"row\"><img src=\"ferry.jpg\"></div>"
	    "<div class=\"row\"><div class=\"col\"><div class=\"wrap\"><div class=\"widget\"><div "
	    "class=\"text-editor\">"
	    "<p>Ferry pass: Tide Lines</p><p>The old ferry runs until then.</p>"
	    "</div></div></div></div></div>"
	    "</div><div class=\"rail\">"
	    "<div class=\"row\"><div class=\"col\"><div class=\"wrap\"><div class=\"widget\"><div "
	    "class=\"text-editor\">"
	    "<p>Buy a harbour mug, a ferry poster or a tide table for the year in our shop.</p>"
	    "</div></div></div></div></div>"
	    "</div></body></html>";
	dm_page p;
	read_page(page, strlen(page), &p);
	assert_non_null(strstr(p.text.data, "doubled since the spring."));
	assert_non_null(strstr(p.text.data, "Ferry pass: Tide Lines"));
	assert_non_null(strstr(p.text.data, "runs until then."));
	assert_null(strstr(p.text.data, "harbour mug"));
	dm_page_free(&p);
}

/* The lead just before the story's container is the story's; a teaser
 * of another story, a list of links, is not. */
static void html_lead_before_the_body(void **state)
{
	(void)state;
	static const char page[] =
	    "<html><body><div class=\"wrap\"><div class=\"teaser-links\"><a href=\"/a\">Pier news in brief, all "
	    "the latest from the quay</a> <a href=\"/b\">More harbour stories from this week and the last</a></div>"
	    "<div class=\"lead\">Ferries to the islands stop for the winter: the pier is unsafe, and the board has no "
	    "money "
	    "to mend it.</div>"
	    "<div class=\"story\"><p>The harbour board said on Monday that the new ferry will run from May, a year "
	    "later than "
	    "planned, because the pier at the far end is not yet safe.</p><p>Work on the wall, the board said, will go "
	    "on "
	    "through the winter, and the cost, it added, has doubled since the spring.</p></div></div></body></html>";
	dm_page p;
	read_page(page, strlen(page), &p);
	assert_non_null(strstr(p.text.data, "Ferries to the islands stop for the winter"));
	assert_true(strstr(p.text.data, "Ferries") < strstr(p.text.data, "The harbour board"));
	assert_null(strstr(p.text.data, "Pier news in brief"));
	dm_page_free(&p);
}

/* A lead named so by its class is the story's, though a share bar and a
 * picture stand between it and the text, or a wrapper holds each; a
 * class that only begins with the word ("leaderboard") is none, nor is
 * one beside more text than the story's. */
static void html_marked_lead(void **state)
{
	(void)state;
	static const char *const pages[] = {
	    "<html><body><div class=\"col3\"><h1>Ferries stop</h1><p class=\"intro\">Ferries to the islands stop "
	    "for the winter: the pier is unsafe, and the board has no money to mend it.</p><div "
	    "class=\"sharing\"><a href=\"/s\">s</a></div><div class=\"pic\"><img src=\"p.jpg\">The pier in "
	    "May</div><div class=\"group\"><div class=\"longtext\">",
	    "<html><body><div class=\"field\"><div class=\"field-item\"><div "
	    "class=\"paragraph--type--chapo\"><p>Ferries to the islands stop for the winter: the pier is unsafe, "
	    "and the board has no money to mend it.</p></div></div><div class=\"field-item\"><div "
	    "class=\"paragraph--type--text\"><div class=\"text\">",
	    "<html><body><div class=\"page\"><div class=\"leaderboard\"><p>Ferries to the islands stop for the "
	    "winter: the pier is unsafe, and the board has no money to mend it.</p></div><div "
	    "class=\"group\"><div class=\"longtext\">",
	    "<html><body><div class=\"page\"><p class=\"intro\">Ferries to the islands stop for the winter: the "
	    "pier is unsafe, and the board has no money to mend it.</p><div class=\"notes\"><div>A guide to the "
	    "harbour, its quays, its ferries and its timetables, written by the people who work on the water every "
	    "day of the year.</div><div>Tide tables for the week, the ferries that run on each of the islands, and "
	    "the fares for every crossing of the bay, in summer and in winter.</div><div>The history of the pier, "
	    "from the first wooden jetty to the stone wall of today, with maps and old photographs of the "
	    "quay.</div><div>Letters from readers on the ferries, the fares and the timetables.</div></div><div "
	    "class=\"x\"><div class=\"group\"><div class=\"longtext\">"};
	for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
		dm_buf b = {0};
		dm_buf_printf(
		    &b,
		    "%s<p>The harbour board said on Monday that the new ferry will run from May, a year later "
		    "than planned, because the pier at the far end is not yet safe.</p><p>Work on the wall, "
		    "the board said, will go on through the winter, and the cost, it added, has doubled.</p>"
		    "</div></div></div></body></html>",
		    pages[i]);
		dm_page p;
		read_page(b.data, b.len, &p);
		const char *lead = strstr(p.text.data, "Ferries to the islands"),
		           *body = strstr(p.text.data, "The harbour");
		if (i < 2 && (!lead || lead > body))
			fail_msg("page %zu: no lead before the text: '%s'", i, p.text.data);
		if (i >= 2 && lead)
			fail_msg("page %zu: a lead read from a leaderboard or beside other text", i);
		dm_page_free(&p);
		dm_buf_free(&b);
	}
}

/* A page whose story is all in an <aside> or a <header> (a teaser with
 * nothing after it) is read again with those: never a page without text. */
static void html_story_in_an_aside(void **state)
{
	(void)state;
	static const char page[] =
	    "<html><body><nav><a href=\"/\">Home</a></nav><main><aside class=\"story\"><header><h1>Ferry late</h1>"
	    "<p>The harbour board said on Monday that the new ferry will run from May, a year later than planned.</p>"
	    "</header></aside></main></body></html>";
	dm_page p;
	read_page(page, strlen(page), &p);
	assert_non_null(strstr(p.text.data, "The harbour board said on Monday"));
	assert_null(strstr(p.text.data, "Home"));
	dm_page_free(&p);
}

/* Readers' comments come out apart from the article, each with its
 * writer and date where the page gives them; a comment's reply link and
 * actions are not its text; a thread's replies are comments of their own. */
static void html_comments_apart(void **state)
{
	(void)state;
	static const char page[] =
	    "<html><body><article><p>The harbour board said on Monday that the new ferry will run from May, a year "
	    "later than planned.</p></article>"
	    "<ol class=\"comment-list\"><li id=\"comment-11\" class=\"comment\"><article class=\"comment-body\">"
	    "<footer class=\"comment-meta\"><div class=\"comment-author vcard\"><b class=\"fn\">Mira Holt</b> "
	    "<span class=\"says\">says:</span></div><div class=\"comment-metadata\"><time "
	    "datetime=\"2024-05-02T09:00\">"
	    "2 May</time></div></footer><div class=\"comment-content\"><p>Another year of "
	    "waiting.</p><p>Typical.</p></div>"
	    "<div class=\"reply\"><a href=\"#r\">Reply</a></div></article>"
	    "<ol class=\"children\"><li id=\"comment-12\" class=\"comment\"><article class=\"comment-body\">"
	    "<div class=\"comment-author\"><cite class=\"fn\">Oskar Lind</cite> sagt:</div>"
	    "<div class=\"comment-content\"><p>Tomas Ek said that the pier is "
	    "unsafe.</p></div></article></li></ol></li>"
	    "</ol><div class=\"comment-block\"><cite class=\"user\">Dara Venn</cite>"
	    "<p class=\"comment-content\">Good news for the islands.</p>"
	    "<span class=\"comment-actions secondary-text\"><a>Delete</a></span></div>"
	    "<ol id=\"commentlist\"><li id=\"comment-21\"><p>The fares are too high.</p><p><cite>Comment by "
	    "Tomas Ek \xE2\x80\x94 3 May</cite></p></li></ol></body></html>";
	dm_page p;
	read_page(page, strlen(page), &p);
	assert_null(strstr(p.text.data, "waiting"));
	assert_int_equal(p.n_comments, 4);
	assert_string_equal(p.comments[0].text, "Another year of waiting.\n\nTypical.");
	assert_string_equal(p.comments[0].author, "Mira Holt");
	assert_string_equal(p.comments[0].date, "2024-05-02T09:00");
	assert_string_equal(p.comments[1].text, "Tomas Ek said that the pier is unsafe.");
	assert_string_equal(p.comments[1].author, "Oskar Lind");
	assert_null(p.comments[1].date);
	assert_string_equal(p.comments[2].text, "Good news for the islands.");
	assert_string_equal(p.comments[2].author, "Dara Venn");
	/* an item of a bare list of comments, less its "Comment by" line */
	assert_string_equal(p.comments[3].text, "The fares are too high.");
	assert_null(p.comments[3].date);
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

/* Does the compact tree from X on (X and its next siblings) hold what
 * libxml2's tree does from D on, less comments, processing instructions,
 * the doctype and the attributes not kept? */
static int same_tree(const dm_htree *t, uint32_t x, const xmlNode *d)
{
	for (;; x = t->nodes[x].next, d = d->next) {
		while (d && d->type != XML_ELEMENT_NODE && d->type != XML_TEXT_NODE &&
		       d->type != XML_CDATA_SECTION_NODE)
			d = d->next;
		if (!x || !d)
			return !x && !d;
		const dm_hnode *e = &t->nodes[x];
		if (d->type != XML_ELEMENT_NODE) {
			if (e->tag || e->len != strlen((const char *)d->content) ||
			    memcmp(t->text.data + e->off, d->content, e->len))
				return 0;
			continue;
		}
		if (!e->tag || strcmp(dm_htree_tag(t, x), (const char *)d->name))
			return 0;
		for (int k = 0; k < DM_N_ATTRS; k++) {
			const char *v = NULL; /* as html.c read it from libxml2's tree */
			for (const xmlAttr *a = d->properties; a && !v; a = a->next)
				if (!strcmp((const char *)a->name, dm_htree_attr_name((dm_attr)k)) && a->children)
					v = (const char *)a->children->content;
			const char *w = dm_htree_attr(t, x, (dm_attr)k);
			if ((v || w) && (!v || !w || strcmp(v, w)))
				return 0;
		}
		if (!same_tree(t, e->first, d->children))
			return 0;
	}
}

/* The compact tree is the one libxml2 builds, where its parser's own
 * decisions hang on that tree: white space between tags (kept after an
 * inline element, through comments and PIs, not in a strict HTML 4 body),
 * elements after </html>, a doctype in the middle, prefixed names, a tag
 * cut off by the end, the cap on nesting and on a text's length. */
static void html_tree_as_libxml2(void **state)
{
	(void)state;
	static const char *const pages[] = {
	    "<html><body><p><b>a</b> <i>b</i></p><ul> <li>x</li> </ul> <div> <span>q</span> </div></body></html>",
	    "<p><b>a</b><!--c--> <i>b</i><?b x?> <u>c</u> <!--d--><!--e--> <s>d</s></p>"
	    "<div><ul></ul><!--c--> <b>x</b><table></table><!--d--><!--e--> <i>y</i><table></table><?b?> "
	    "<u>z</u></div>",
	    "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\"><body> <b>a</b> <i>b</i> <p>c</p> </body>",
	    "<html><body><p>a</p></body></html><p>b</p> <div>c</div>",
	    "<!--c--><html><body>x</body></html><p>y</p> text",
	    "<html><body><p>a</p> <!DOCTYPE html><p>b</p></body></html><p>c</p>",
	    "<x:div class=a><fb:p>t</fb:p> <a:1>u</a:1> <b:>v</b:></x:div>",
	    "<head><script>var a = \"</b>\";</script><style>p{}</style></head>text<script>x</script> y",
	    "<div><b>a</b>&#32;<i>b</i>&#10;</div><p>&#32;</p> &amp; <p>q<div class=x",
	    "<div hidden class=\"c\" id=\"\" style=\"display:none\" data-x=1 aria-hidden=true checked>t</div>"
	    "<a href=/x rel=canonical class=a class=b>l</a><meta name=n content=c http-equiv=h property=p>",
	    "<table><tr><td>a<td>b<tr><td>c</table> <ul><li>a<li>b</ul> <p>q<p>r <select><option>o</select>",
	};
	char deep[8000] = "<body>";
	for (int i = 0; i < 300; i++)
		strcat(deep, i % 2 ? "<div> " : "<span>x");
	size_t big = 10000100;
	char *long_text = malloc(big + 32);
	assert_non_null(long_text);
	strcpy(long_text, "<body><p>");
	memset(long_text + 9, 'a', big);
	strcpy(long_text + 9 + big, "</p><p>b</p>");
	const char *all[sizeof pages / sizeof *pages + 2] = {deep, long_text};
	memcpy(all + 2, pages, sizeof pages);
	for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
		int n = (int)strlen(all[i]);
		xmlDoc *doc = htmlReadMemory(all[i], n, NULL, "UTF-8",
		                             HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
		                                 HTML_PARSE_NONET | HTML_PARSE_NOBLANKS);
		dm_htree t;
		char err[128];
		assert_int_equal(dm_htree_parse(all[i], (size_t)n, "UTF-8", &t, err, sizeof err), 0);
		if (!same_tree(&t, t.nodes[0].first, doc->children))
			fail_msg("page %zu: not libxml2's tree", i);
		dm_htree_free(&t);
		xmlFreeDoc(doc);
	}
	free(long_text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(gunzip_round_trip_and_members),
	    cmocka_unit_test(gunzip_limit_and_truncation),
	    cmocka_unit_test(collect_walks_directories_in_order),
	    cmocka_unit_test(html_article_and_metadata),
	    cmocka_unit_test(html_charset_sniffed),
	    cmocka_unit_test(plain_single_byte_found_anywhere),
	    cmocka_unit_test(html_text_as_read),
	    cmocka_unit_test(html_title_without_the_site),
	    cmocka_unit_test(html_outlet_as_the_site_names_itself),
	    cmocka_unit_test(html_authors_are_persons),
	    cmocka_unit_test(html_lone_link_kept),
	    cmocka_unit_test(html_comments_apart),
	    cmocka_unit_test(html_furniture_named_twice),
	    cmocka_unit_test(html_story_in_an_aside),
	    cmocka_unit_test(html_lead_before_the_body),
	    cmocka_unit_test(html_marked_lead),
	    cmocka_unit_test(html_small_post_box_is_no_article),
	    cmocka_unit_test(html_unclosed_header),
	    cmocka_unit_test(html_endless_scroll),
	    cmocka_unit_test(html_page_builder_chunks),
	    cmocka_unit_test(html_credited_quotations),
	    cmocka_unit_test(html_embedded_post_kept),
	    cmocka_unit_test(html_tree_as_libxml2),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
