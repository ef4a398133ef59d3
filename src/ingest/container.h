/*
 * container: files that hold many documents.  Tells a file's format from
 * its first bytes (not its name) and splits a container into records:
 *
 *   WARC       response and resource records with an HTML or text payload
 *              (the HTTP headers of a response are read for the charset,
 *              chunked transfer is undone); warcinfo, request, metadata,
 *              revisit and non-text records are skipped and counted;
 *   JSONL      one article a line: text or html, url, date, title,
 *              authors, outlet (other fields ignored);
 *   RSS, Atom  each item or entry: content:encoded, content or
 *              description, with its link, date, author and title.
 *
 * A damaged part (a broken JSON line, a WARC record whose length lies) is
 * reported and skipped, and the rest is read; a cut-off archive keeps its
 * whole records and says where it broke.
 */
#ifndef DM_CONTAINER_H
#define DM_CONTAINER_H

#include <stddef.h>

#include "dictum.h"

/* DM_FMT_DOCUMENT: one document, text or a web page. */
typedef enum dm_format { DM_FMT_DOCUMENT, DM_FMT_WARC, DM_FMT_JSONL, DM_FMT_FEED } dm_format;

dm_format dm_detect_format(const char *s, size_t n);

/* One document of a container.  Strings are NUL-terminated, NULL when
 * absent, and live only during the callback. */
typedef struct dm_record {
	size_t index; /* 1, 2, ...: the N of FILE#N */
	const char *bytes;
	size_t len;
	int html;            /* the payload is HTML (or an HTML fragment) */
	const char *charset; /* the transport's (HTTP header; UTF-8 for JSON and feeds), or NULL */
	const char *url, *date, *title, *outlet;
	const char *fetched; /* a WARC record's date: when it was crawled, not published */
	const char *const *authors;
	int n_authors;
	const dm_comment *comments; /* a JSON line's "comments" */
	size_t n_comments;
} dm_record;

typedef struct dm_record_sink {
	/* each record, in order */
	void (*record)(const dm_record *r, void *ctx);
	/* a part that could not be read (INDEX 0: the container as a whole) */
	void (*problem)(size_t index, const char *what, void *ctx);
	void *ctx;
	size_t skipped; /* records that are no documents (WARC requests, images...) */
} dm_record_sink;

/* Split S[N], a container of format F (WARC, JSONL or FEED), into
 * records; MAX bounds what a compressed WARC payload may expand to. */
void dm_each_record(const char *s, size_t n, dm_format f, size_t max, dm_record_sink *sink);

/* Read PATH record by record if it is a WARC (plain, or gzip of one or
 * more members), holding one record at a time: an archive of any size
 * reads in the memory of its largest record.  MAX bounds a record and
 * what one gzip member may expand to.  Returns 1 when PATH was a WARC
 * (and was read), 0 when it is not one (nothing reported), -1 when it
 * cannot be opened. */
int dm_each_warc_file(const char *path, size_t max, dm_record_sink *sink);

#endif
