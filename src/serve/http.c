/*
 * HTTP on libmicrohttpd: a pool of threads polling with epoll; each request
 * borrows a read-only store connection from a free list (opened on first
 * need, so there are never more than requests in flight) and gives it
 * back.  GET and HEAD only, no request body, a bounded URL and query
 * string; the page's files come from memory (assets.c), so nothing but
 * the database is ever read from disk.
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/resource.h>

#include "serve.h"

/* Limits.  Whatever a client can send wrong is answered by the handler, in
 * JSON, not by libmicrohttpd's own pages: so a connection may hold more
 * than the handler allows (an address of 100 KB, thousands of header
 * fields), and only requests over CONN_MEMORY are cut off by
 * libmicrohttpd, which closes the connection.  Not more: libmicrohttpd
 * zeroes a connection's whole memory before each request it reads (16 MB
 * of it was a quarter of the work of answering a search, 1 MB still 8%),
 * and 512 KB is what the 5,000 header fields of the refusal's test need
 * to reach the handler. */
#define MAX_URL         8192        /* path and query string, as sent: room for a pasted paragraph */
#define MAX_HEADERS     200         /* header fields a request may have ... */
#define MAX_HEADER_SIZE (64 * 1024) /* ... and their bytes */
#define CONN_MEMORY     (512 * 1024)
#define MAX_CONNECTIONS 1024
#define PER_CLIENT      256 /* connections from one address: the others are still served */
#define IDLE_SECONDS    10  /* a request that never finishes sending is let go */
/* The pages of the archive that the connections may keep between them
 * (dm_store_cache), shared out by thread, and at least what a reader
 * keeps anyway: at ten million statements 256 MB a connection instead of
 * 32 made a search a quarter faster, its pages read again not from the
 * system's cache, by a call each, but from the connection's. */
#define CACHE_MB     512
#define MIN_CACHE_MB 32

typedef struct pooled {
	dm_store *store;
	struct pooled *next;
} pooled;

struct dm_server {
	struct MHD_Daemon *daemon;
	char *db;
	char *cors; /* the origin allowed to read the API, or NULL */
	pthread_mutex_t lock;
	pooled *free; /* connections not in use: all of them once stopped */
	/* A connection that answers nothing: each new one copies what it
	 * keeps of statements (under model_lock) instead of reading them all
	 * while requests wait, 20 s at ten million statements. */
	pooled *model;
	pthread_mutex_t model_lock;
	int cache_mb; /* each connection's share of CACHE_MB */
	int port;
};

/* A read-only connection that keeps statements' lengths and dates: a
 * copy of MODEL's under LOCK, or (MODEL NULL) read from the archive;
 * and up to CACHE_MB of the archive's pages (0: as any reader). */
static pooled *connect_db(const char *db, int cache_mb, pooled *model, pthread_mutex_t *lock, char *err, size_t errlen)
{
	dm_store *s;
	if (dm_store_open(db, 1, &s, err, errlen))
		return NULL;
	if (cache_mb)
		dm_store_cache(s, cache_mb);
	pooled *p = calloc(1, sizeof *p);
	int failed = !p;
	if (!p)
		snprintf(err, errlen, "out of memory");
	else if (!model)
		failed = dm_store_keep_facts(s, err, errlen);
	else {
		pthread_mutex_lock(lock);
		failed = dm_store_keep_facts_from(s, model->store, err, errlen);
		pthread_mutex_unlock(lock);
	}
	if (failed) {
		dm_store_close(s);
		free(p);
		return NULL;
	}
	p->store = s;
	return p;
}

static void give_back(dm_server *srv, pooled *p)
{
	pthread_mutex_lock(&srv->lock);
	p->next = srv->free;
	srv->free = p;
	pthread_mutex_unlock(&srv->lock);
}

static dm_store *borrow(dm_server *srv, pooled **slot)
{
	pthread_mutex_lock(&srv->lock);
	pooled *p = srv->free;
	if (p)
		srv->free = p->next;
	pthread_mutex_unlock(&srv->lock);
	if (!p) {
		char err[512];
		if (!(p = connect_db(srv->db, srv->cache_mb, srv->model, &srv->model_lock, err, sizeof err))) {
			fprintf(stderr, "dictum serve: %s\n", err);
			return NULL;
		}
	}
	*slot = p;
	return p->store;
}

/* Every response says what it is and that it may not be sniffed, framed,
 * or given scripts from anywhere else. */
static enum MHD_Result respond(struct MHD_Connection *c, int status, const char *type, struct MHD_Response *r)
{
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Content-Security-Policy",
	                        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none';"
	                        " form-action 'self'; frame-ancestors 'none'");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
	if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)status, r);
	MHD_destroy_response(r);
	return ret;
}

/* CORS (NULL: none) may read the API's answer R from its pages. */
static void allow_origin(struct MHD_Response *r, const char *cors)
{
	if (r && cors) {
		MHD_add_response_header(r, "Access-Control-Allow-Origin", cors);
		MHD_add_response_header(r, "Vary", "Origin");
	}
}

static enum MHD_Result send_json(struct MHD_Connection *c, dm_response *res, const char *cors)
{
	struct MHD_Response *r =
	    MHD_create_response_from_buffer_with_free_callback(res->body.len, res->body.data, free);
	if (!r)
		dm_buf_free(&res->body);
	allow_origin(r, cors);
	return respond(c, res->status, "application/json; charset=utf-8", r);
}

static enum MHD_Result send_error(struct MHD_Connection *c, int status, const char *msg)
{
	dm_response res = {0};
	dm_api_error(&res, status, "%s", msg);
	return send_json(c, &res, NULL);
}

static const char *query_arg(void *ctx, const char *name)
{
	return MHD_lookup_connection_value(ctx, MHD_GET_ARGUMENT_KIND, name);
}

typedef struct arg_walk {
	int (*fn)(const char *name, void *arg);
	void *arg;
	int stopped;
} arg_walk;

static enum MHD_Result walk_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	(void)value;
	arg_walk *w = cls;
	return (w->stopped = w->fn(key, w->arg)) ? MHD_NO : MHD_YES;
}

static int each_arg(void *ctx, int (*fn)(const char *name, void *arg), void *arg)
{
	arg_walk w = {fn, arg, 0};
	MHD_get_connection_values(ctx, MHD_GET_ARGUMENT_KIND, walk_arg, &w);
	return w.stopped;
}

static enum MHD_Result count_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	size_t *n = cls;
	*n += strlen(key) + (value ? strlen(value) : 0) + 2;
	return MHD_YES;
}

/* An export, sent as the client reads it: the store stays borrowed until
 * the response is done with. */
typedef struct stream {
	dm_server *srv;
	pooled *p;
	dm_response res;
	size_t at; /* bytes of res.body already sent */
	int more;
} stream;

#define STREAM_CHUNK (64 * 1024)

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	(void)pos;
	stream *x = cls;
	if (x->at == x->res.body.len) {
		if (!x->more)
			return MHD_CONTENT_READER_END_OF_STREAM;
		dm_buf_reset(&x->res.body);
		x->at = 0;
		x->more = dm_api_stream(&x->res, &x->res.body, STREAM_CHUNK) > 0;
		if (x->res.body.failed)
			return MHD_CONTENT_READER_END_WITH_ERROR;
		if (!x->res.body.len)
			return MHD_CONTENT_READER_END_OF_STREAM;
	}
	size_t n = x->res.body.len - x->at;
	if (n > max)
		n = max;
	memcpy(buf, x->res.body.data + x->at, n);
	x->at += n;
	return (ssize_t)n;
}

static void stream_free(void *cls)
{
	stream *x = cls;
	dm_cursor_close(x->res.stream);
	give_back(x->srv, x->p);
	dm_buf_free(&x->res.body);
	free(x);
}

static enum MHD_Result send_stream(struct MHD_Connection *c, dm_server *srv, pooled *p, dm_response *res)
{
	stream *x = calloc(1, sizeof *x);
	struct MHD_Response *r =
	    x ? MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, STREAM_CHUNK, stream_read, x, stream_free) : NULL;
	if (!r) {
		dm_cursor_close(res->stream);
		give_back(srv, p);
		dm_buf_free(&res->body);
		free(x);
		return send_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
	}
	*x = (stream){srv, p, *res, 0, 1};
	MHD_add_response_header(r, "Content-Disposition",
	                        res->csv ? "attachment; filename=\"dictum.csv\""
	                                 : "attachment; filename=\"dictum.jsonl\"");
	allow_origin(r, srv->cors);
	return respond(c, MHD_HTTP_OK, res->csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8", r);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **state)
{
	(void)version;
	(void)upload;
	dm_server *srv = cls;
	if (!*state) {
		/* the headers are in: refuse a body before it comes (and the
		 * connection with it); otherwise answer at the next call, once
		 * the request is complete, so the connection can be kept */
		static int seen;
		*state = &seen;
		const char *length = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if ((length && strcmp(length, "0")) ||
		    MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING))
			return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE, "requests carry no body here");
		return MHD_YES;
	}
	if (*upload_size) { /* sent without saying so: drop it */
		*upload_size = 0;
		return MHD_YES;
	}
	if (strcmp(method, MHD_HTTP_METHOD_GET) && strcmp(method, MHD_HTTP_METHOD_HEAD))
		return send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET and HEAD");
	size_t query = 0, headers = 0;
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, count_arg, &query);
	if (strlen(url) + query > MAX_URL)
		return send_error(c, MHD_HTTP_URI_TOO_LONG, "the address is too long");
	int n_headers = MHD_get_connection_values(c, MHD_HEADER_KIND, count_arg, &headers);
	if (n_headers > MAX_HEADERS || headers > MAX_HEADER_SIZE)
		return send_error(c, MHD_HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE,
		                  "the request has too many header fields");

	if (strncmp(url, "/api/", 5)) {
		const dm_asset *a = dm_asset_find(url);
		if (!a) {
			static const char page[] =
			    "<!doctype html><title>Not found</title><p>Not found. <a href=\"/\">dictum</a>";
			return respond(
			    c, MHD_HTTP_NOT_FOUND, "text/html; charset=utf-8",
			    MHD_create_response_from_buffer(sizeof page - 1, (void *)page, MHD_RESPMEM_PERSISTENT));
		}
		return respond(c, MHD_HTTP_OK, a->type,
		               MHD_create_response_from_buffer(a->size, (void *)a->data, MHD_RESPMEM_PERSISTENT));
	}
	pooled *p;
	dm_store *s = borrow(srv, &p);
	if (!s)
		return send_error(c, MHD_HTTP_SERVICE_UNAVAILABLE, "the database cannot be opened");
	dm_request req = {url, query_arg, each_arg, c};
	dm_response res = {0};
	dm_api(s, &req, &res);
	if (res.stream)
		return send_stream(c, srv, p, &res);
	give_back(srv, p);
	if (res.body.failed) {
		dm_buf_free(&res.body);
		return send_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
	}
	return send_json(c, &res, srv->cors);
}

static void log_mhd(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	fputs("dictum serve: ", stderr);
	vfprintf(stderr, fmt, ap);
}

dm_server *dm_server_start(const dm_serve_options *opt, char *err, size_t errlen)
{
	const char *bind = opt->bind ? opt->bind : "127.0.0.1";
	struct sockaddr_storage addr = {0};
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
	struct sockaddr_in *v4 = (struct sockaddr_in *)&addr;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&addr;
	if (opt->port < 0 || opt->port > 65535) {
		snprintf(err, errlen, "port %d is not a port (0 to 65535)", opt->port);
		return NULL;
	}
	if (inet_pton(AF_INET, bind, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)opt->port);
	} else if (inet_pton(AF_INET6, bind, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)opt->port);
		flags |= MHD_USE_IPv6;
	} else {
		snprintf(err, errlen, "'%s' is not an IPv4 or IPv6 address", bind);
		return NULL;
	}
	/* a descriptor for every connection allowed, as far as the system
	 * lets this process have them (the usual soft limit is 1024) */
	struct rlimit fds;
	if (getrlimit(RLIMIT_NOFILE, &fds) == 0 && fds.rlim_cur < MAX_CONNECTIONS + 64) {
		fds.rlim_cur = fds.rlim_max < MAX_CONNECTIONS + 64 ? fds.rlim_max : MAX_CONNECTIONS + 64;
		setrlimit(RLIMIT_NOFILE, &fds);
	}
	/* the database must open now, not at the first request; the model
	 * reads what connections keep before anyone waits on them */
	pooled *first = connect_db(opt->db, 0, NULL, NULL, err, errlen);
	if (!first)
		return NULL;
	dm_server *srv = calloc(1, sizeof *srv);
	if (!srv || !(srv->db = strdup(opt->db)) || (opt->cors && !(srv->cors = strdup(opt->cors)))) {
		if (srv)
			free(srv->db);
		free(srv);
		dm_store_close(first->store);
		free(first);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	pthread_mutex_init(&srv->lock, NULL);
	pthread_mutex_init(&srv->model_lock, NULL);
	srv->model = first;
	unsigned threads = opt->threads > 0 ? (unsigned)opt->threads : (unsigned)dm_cores();
	srv->cache_mb = CACHE_MB / (int)threads > MIN_CACHE_MB ? CACHE_MB / (int)threads : MIN_CACHE_MB;
	/* one thread is the polling thread itself, no pool: the pool option
	 * goes last, and an early END leaves it out */
	srv->daemon = MHD_start_daemon(
	    flags, (uint16_t)opt->port, NULL, NULL, handle, srv, MHD_OPTION_EXTERNAL_LOGGER, log_mhd, NULL,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_CONNECTION_LIMIT, (unsigned)MAX_CONNECTIONS,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONN_MEMORY, MHD_OPTION_CONNECTION_TIMEOUT,
	    (unsigned)IDLE_SECONDS, MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)PER_CLIENT,
	    threads > 1 ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END, threads, MHD_OPTION_END);
	if (!srv->daemon) {
		snprintf(err, errlen, "cannot listen on %s port %d (in use, or not an address of this machine)", bind,
		         opt->port);
		dm_server_stop(srv);
		return NULL;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
	srv->port = info ? info->port : opt->port;
	return srv;
}

int dm_server_port(const dm_server *srv)
{
	return srv->port;
}

void dm_server_stop(dm_server *srv)
{
	if (!srv)
		return;
	if (srv->daemon)
		MHD_stop_daemon(srv->daemon);
	for (pooled *p = srv->free, *next; p; p = next) {
		next = p->next;
		dm_store_close(p->store);
		free(p);
	}
	if (srv->model) {
		dm_store_close(srv->model->store);
		free(srv->model);
	}
	pthread_mutex_destroy(&srv->lock);
	pthread_mutex_destroy(&srv->model_lock);
	free(srv->db);
	free(srv->cors);
	free(srv);
}
