/*
 * dictum: attributed statements out of news text.
 *
 * The library reads one document at a time.  dm_extract() turns the bytes of
 * an input into a dm_document that owns everything it points to; free it with
 * dm_document_free().  Offsets inside the library are byte offsets into
 * dm_document.raw (the input as read, with invalid UTF-8 repaired); use
 * dm_cp_offset() where code points of the input are promised (JSON, brat).
 */
#ifndef DICTUM_H
#define DICTUM_H

#include <stddef.h>
#include <stdint.h>

#include "dictum_buf.h"

#define DICTUM_VERSION "0.1.0"

typedef struct dm_span {
	uint32_t start, end; /* [start, end) bytes into dm_document.raw */
} dm_span;

typedef enum dm_kind { DM_DIRECT, DM_INDIRECT, DM_MIXED, DM_HEADLINE } dm_kind;
/* DM_UNNAMED: the source is written but names nobody ("officials", "an
 * insider", "the expert"); its speaker is NULL. */
typedef enum dm_speaker_type { DM_UNKNOWN, DM_PERSON, DM_ORGANIZATION, DM_UNNAMED } dm_speaker_type;

#define DM_MAX_PARTS 16 /* content may run over this many paragraphs */
/* The spans of a statement, as the archive stores them (values stored:
 * never renumber). */
typedef enum dm_span_role { DM_SPAN_CONTENT, DM_SPAN_SOURCE, DM_SPAN_CUE } dm_span_role;
#define DM_MAX_VIA 4

typedef struct dm_statement {
	/* pointers first, then spans, then small fields: no padding, for a
	 * document may hold a statement every fifty bytes */
	const dm_span *content; /* n_content spans, in the document's memory */
	const char *content_text;
	const char *speaker; /* fullest name in the document, or NULL */
	const char *speaker_mention;
	const char *cue_text;
	const char *venue;
	const char *const *via; /* n_via outlets, innermost first (at most DM_MAX_VIA) */
	dm_span source;         /* empty (start == end) when no source is written */
	dm_span cue;            /* empty when there is no cue (a continued quote) */
	dm_kind kind;
	dm_speaker_type speaker_type;
	int n_content;
	int n_via;
} dm_statement;

/* A title a document gives one of its speakers: "presidential aide". */
typedef struct dm_role {
	const char *speaker; /* as in dm_statement.speaker */
	const char *title;
} dm_role;

/* Where a document's date was read. */
typedef enum dm_date_source {
	DM_DATE_NONE,   /* no date */
	DM_DATE_TEXT,   /* the article's text: a date line */
	DM_DATE_PAGE,   /* the web page's metadata (JSON-LD, meta tags, <time>) */
	DM_DATE_RECORD, /* the container's record: a JSON line's field, a feed item's date */
	DM_DATE_URL     /* the address's path (/2019/11/19/) */
} dm_date_source;

/* A reader's comment under an article: kept apart from the article,
 * never in its text, never a source of statements. */
typedef struct dm_comment {
	const char *text;
	const char *author, *date; /* NULL when the page does not say */
} dm_comment;

typedef struct dm_document {
	const char *source; /* the path as given, or FILE#N */
	const char *raw;    /* input, UTF-8, NUL-terminated */
	size_t raw_len;
	const char *text; /* cleaned article text */
	size_t text_len;
	const char *title, *date, *outlet; /* NULL when unknown */
	dm_date_source date_source;
	const char *url;      /* a web page's canonical URL, a WARC record's target URI, a feed item's link; or NULL */
	const char *language; /* ISO 639-1 code a web page declares, or NULL */
	const char *fetched;  /* when a WARC record was crawled (its WARC-Date, as given), or NULL */
	const char **authors;
	int n_authors;
	dm_statement *statements;
	size_t n_statements;
	dm_role *roles; /* the titles given to its speakers, each once */
	size_t n_roles;
	const dm_comment *comments; /* readers' comments, in page order */
	size_t n_comments;
	unsigned char hash[16];       /* of raw, for de-duplication */
	unsigned char input_hash[16]; /* of the input as read (a record's bytes and what its container says of
	                                 it), before any decoding: dm_sink.known asks about it before extracting */
	struct dm_doc_private *priv;
} dm_document;

/* Why an input could not become a document. */
typedef enum dm_status {
	DM_OK = 0,
	DM_ERR_IO,      /* missing, unreadable */
	DM_ERR_EMPTY,   /* no bytes, or only white space */
	DM_ERR_BINARY,  /* NUL bytes: not text */
	DM_ERR_TOOBIG,  /* over the size limit (also after gunzip) */
	DM_ERR_CORRUPT, /* damaged gzip stream */
	DM_ERR_NOMEM
} dm_status;

/* The trained attribution models (see 'dictum train').  dictum carries
 * its own; dm_models_load reads others from DIR/tags.dmm, cue.dmm and span.dmm
 * (NULL, with a message in ERRBUF, when it cannot).  A dm_models is
 * read-only and may be shared by threads; the caller frees it. */
typedef struct dm_models dm_models;
dm_models *dm_models_load(const char *dir, char *errbuf, size_t errlen);
void dm_models_free(dm_models *m);

typedef struct dm_options {
	size_t max_bytes;        /* largest input after decompression; 0 = 256 MiB */
	const dm_models *models; /* NULL: the built-in models */
	/* 0: statements only, speech, writing or a stated position with a
	 * clause, a quotation or "according to" for content.  1: every
	 * attribution PolNeAR's annotation scheme counts, also what a poll
	 * shows, a topic talked about, a thing announced ("dictum extract
	 * --attributions"; what "dictum eval --gold" scores). */
	int attributions;
} dm_options;

/*
 * Read PATH (plain or gzip) and extract its statements.  On success *out is
 * a new document (caller frees) and DM_OK is returned; otherwise *out is NULL
 * and ERRBUF (may be NULL) holds a message that names the problem.
 * *WARNINGS (may be NULL) counts repairs such as invalid UTF-8; the message
 * of the last one is left in ERRBUF as well.
 */
dm_status dm_extract_file(const char *path, const dm_options *opt, dm_document **out, char *errbuf, size_t errlen,
                          int *warnings);

/* Extract from bytes already in memory; NAME is recorded as the source. */
dm_status dm_extract_bytes(const char *name, const char *bytes, size_t len, const dm_options *opt, dm_document **out,
                           char *errbuf, size_t errlen, int *warnings);

void dm_document_free(dm_document *doc);

/*
 * A file may hold many documents: a web archive (WARC, also .warc.gz),
 * JSON lines, an RSS or Atom feed; its format is told from its bytes.
 * dm_extract_each reads PATH and hands SINK each document, in order
 * (source "PATH#N" for the Nth record, line or item of a container), and
 * each problem, naming PATH or PATH#N: a part that failed, or (WARNING
 * set) a repair such as invalid UTF-8 or a record skipped.  One bad part
 * never stops the rest.  Returns DM_OK when PATH could be read at all;
 * then *STATS (may be NULL) counts what came of it.
 */
typedef struct dm_sink {
	void (*document)(dm_document *doc, void *ctx); /* the callee frees DOC */
	void (*problem)(const char *source, const char *what, int warning, void *ctx);
	void *ctx;
	/* May be NULL.  Non-zero: a document of this input_hash is had already
	 * (stored, say), so the input is not extracted: an unchanged input
	 * costs a read and a hash. */
	int (*known)(const unsigned char input_hash[16], void *ctx);
} dm_sink;

typedef struct dm_each_stats {
	size_t documents, failed, warned;
	size_t unchanged; /* inputs not extracted, known to the sink */
	size_t skipped;   /* container records that hold no document (WARC requests, images) */
} dm_each_stats;

dm_status dm_extract_each(const char *path, const dm_options *opt, const dm_sink *sink, dm_each_stats *stats);

/* The cores this process may run on: those its CPU affinity allows (as
 * taskset, cgroups or a Slurm task set it), not all the machine's; at
 * least 1.  The default number of threads wherever dictum takes one. */
int dm_cores(void);

/* Code point index of byte offset OFF in DOC->raw.  Fast when called with
 * offsets that mostly increase. */
uint32_t dm_cp_offset(const dm_document *doc, uint32_t off);

/* Where byte OFF of DOC->raw is in DOC->text: its byte offset there, and
 * (CP not NULL) its code point; UINT32_MAX when OFF is outside the
 * article's body.  AS_END: OFF ends a span, so the end of a paragraph is
 * in it. */
uint32_t dm_text_offset(const dm_document *doc, uint32_t off, int as_end, uint32_t *cp);
const char *dm_kind_name(dm_kind k);
int dm_kind_parse(const char *name); /* the dm_kind so named, or -1 */
const char *dm_speaker_type_name(dm_speaker_type t);
const char *dm_date_source_name(dm_date_source s); /* "text", "page", "record", "url"; NULL for none */

/* A document in the formats other tools read, appended to OUT: JSON (one
 * object, one line: the 'dictum extract' contract, docs/CLI.md) and brat
 * standoff (.ann), both with offsets in code points of the input. */
void dm_export_json(const dm_document *d, dm_buf *out);
void dm_export_brat(const dm_document *d, dm_buf *out);
/* The same, handing OUT to FLUSH(OUT, CTX) whenever it holds 64 KiB or more
 * (FLUSH writes it out and empties it), so that a document of any size is
 * written in bounded memory; what is left at the end stays in OUT. */
typedef void (*dm_flush_fn)(dm_buf *out, void *ctx);
void dm_export_json_stream(const dm_document *d, dm_buf *out, dm_flush_fn flush, void *ctx);
void dm_export_brat_stream(const dm_document *d, dm_buf *out, dm_flush_fn flush, void *ctx);

/* Read PATH whole into a malloc'd buffer (*OUT, *LEN; NUL-terminated),
 * gunzipping gzip input and refusing more than MAX bytes; on failure a
 * message that names PATH goes to ERRBUF. */
dm_status dm_read_file(const char *path, size_t max, char **out, size_t *len, char *errbuf, size_t errlen);

/* The files named by a command line: each path itself, or every regular
 * file below a directory, in name order.  Paths that cannot be read are
 * listed too, with their error, so the caller can report them in order. */
typedef struct dm_input {
	char *path;
	size_t size;
	long long mtime_ns; /* when it was last modified, in ns since 1970 */
	char *error;        /* NULL, or why it cannot be read */
} dm_input;
typedef struct dm_inputs {
	dm_input *items;
	size_t n, cap;
	size_t total_bytes;
} dm_inputs;
void dm_inputs_collect(dm_inputs *in, const char *path);
void dm_inputs_free(dm_inputs *in);
/* What IN names as it is now: a hash of every file's path, size and time
 * of modification, in order (and of every error), so that two lists of
 * the same unchanged files give the same 16 bytes.  0, or -1 when memory
 * ran out (OUT is then not set). */
int dm_inputs_fingerprint(const dm_inputs *in, unsigned char out[16]);

#endif
