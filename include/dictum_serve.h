/*
 * dictum_serve.h: the archive over HTTP (src/serve/): a web page to search
 * it and the JSON API under /api/ (docs/API.md), read-only, in threads of
 * the server's own, so that 'dictum ingest' may write meanwhile.
 */
#ifndef DICTUM_SERVE_H
#define DICTUM_SERVE_H

#include <stddef.h>

typedef struct dm_server dm_server;

typedef struct dm_serve_options {
	const char *db;   /* an existing database */
	const char *bind; /* an IPv4 or IPv6 address; NULL: 127.0.0.1 */
	int port;         /* 0: any free port (see dm_server_port) */
	int threads;      /* 0: one per core */
	const char *cors; /* an origin whose pages may read the API (Access-Control-Allow-Origin), or NULL */
} dm_serve_options;

/* Start serving in threads of the server's own; NULL with a message in ERR
 * when the database or the address cannot be had. */
dm_server *dm_server_start(const dm_serve_options *opt, char *err, size_t errlen);
int dm_server_port(const dm_server *srv);
void dm_server_stop(dm_server *srv); /* waits for requests in progress */

#endif
