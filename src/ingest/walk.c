#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <xxhash.h>

#include "ingest.h"
#include "util/vec.h"

static void add(dm_inputs *in, const char *path, const struct stat *st, const char *error)
{
	if (dm_reserve(&in->items, &in->cap, in->n, sizeof *in->items))
		return;
	dm_input *it = &in->items[in->n++];
	it->path = strdup(path);
	it->size = st && S_ISREG(st->st_mode) ? (size_t)st->st_size : 0;
	it->mtime_ns = st ? (long long)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec : 0;
	it->error = error ? strdup(error) : NULL;
	in->total_bytes += it->size;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void dm_inputs_collect(dm_inputs *in, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		add(in, path, NULL, strerror(errno));
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		add(in, path, &st, S_ISREG(st.st_mode) ? NULL : "not a regular file");
		return;
	}
	DIR *d = opendir(path);
	if (!d) {
		add(in, path, NULL, strerror(errno));
		return;
	}
	/* Names are sorted so that a batch is processed in the same order on
	 * every machine. */
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue; /* ., .. and hidden files */
		if (dm_reserve(&names, &cap, n, sizeof *names))
			break;
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	if (n) /* an empty folder has no array to sort */
		qsort(names, n, sizeof *names, by_name);
	size_t plen = strlen(path);
	int slash = plen > 0 && path[plen - 1] == '/';
	for (size_t i = 0; i < n; i++) {
		size_t len = plen + strlen(names[i]) + 2;
		char *child = malloc(len);
		if (child) {
			snprintf(child, len, "%s%s%s", path, slash ? "" : "/", names[i]);
			dm_inputs_collect(in, child);
			free(child);
		}
		free(names[i]);
	}
	free(names);
}

void dm_inputs_free(dm_inputs *in)
{
	for (size_t i = 0; i < in->n; i++) {
		free(in->items[i].path);
		free(in->items[i].error);
	}
	free(in->items);
	memset(in, 0, sizeof *in);
}

int dm_inputs_fingerprint(const dm_inputs *in, unsigned char out[16])
{
	XXH3_state_t *st = XXH3_createState();
	int rc = st && XXH3_128bits_reset(st) == XXH_OK ? 0 : -1;
	for (size_t i = 0; i < in->n && !rc; i++) {
		const dm_input *it = &in->items[i];
		if (!it->path) { /* out of memory when it was listed */
			rc = -1;
			break;
		}
		/* NULs end the strings: no two lists run together alike */
		long long fixed[2] = {(long long)it->size, it->mtime_ns};
		XXH3_128bits_update(st, it->path, strlen(it->path) + 1);
		XXH3_128bits_update(st, fixed, sizeof fixed);
		XXH3_128bits_update(st, it->error ? it->error : "", it->error ? strlen(it->error) + 1 : 1);
	}
	if (!rc) {
		XXH128_canonical_t c;
		XXH128_canonicalFromHash(&c, XXH3_128bits_digest(st));
		memcpy(out, c.digest, 16);
	}
	XXH3_freeState(st);
	return rc;
}
