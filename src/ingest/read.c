#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "ingest.h"

int dm_is_gzip(const char *s, size_t n)
{
	return n >= 2 && (unsigned char)s[0] == 0x1f && (unsigned char)s[1] == 0x8b;
}

dm_status dm_gunzip(const char *in, size_t n, size_t max, char **out, size_t *len, char *errbuf, size_t errlen)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) {
		snprintf(errbuf, errlen, "cannot start gzip decoder");
		return DM_ERR_NOMEM;
	}
	size_t cap = n * 4 + 1024, used = 0;
	if (cap > max + 1)
		cap = max + 1;
	char *buf = malloc(cap + 1);
	dm_status st = DM_OK;
	z.next_in = (Bytef *)in;
	z.avail_in = (uInt)(n > UINT32_MAX ? UINT32_MAX : n);
	size_t consumed_total = 0;
	while (buf) {
		if (used == cap) {
			if (cap > max) {
				snprintf(errbuf, errlen, "gzip data expands past the limit of %zu bytes", max);
				st = DM_ERR_TOOBIG;
				break;
			}
			size_t ncap = cap * 2 > max + 1 ? max + 1 : cap * 2;
			char *nb = realloc(buf, ncap + 1);
			if (!nb) {
				st = DM_ERR_NOMEM;
				break;
			}
			buf = nb;
			cap = ncap;
		}
		z.next_out = (Bytef *)buf + used;
		z.avail_out = (uInt)(cap - used > UINT32_MAX ? UINT32_MAX : cap - used);
		size_t before_out = z.avail_out;
		int r = inflate(&z, Z_NO_FLUSH);
		used += before_out - z.avail_out;
		if (r == Z_STREAM_END) {
			consumed_total = (size_t)((const char *)z.next_in - in);
			/* Another member may follow (concatenated gzip). */
			if (consumed_total + 2 <= n && dm_is_gzip(in + consumed_total, n - consumed_total)) {
				inflateReset(&z);
				continue;
			}
			break;
		}
		if (r == Z_BUF_ERROR && z.avail_in == 0) {
			snprintf(errbuf, errlen, "gzip data is truncated after %zu bytes of output", used);
			st = DM_ERR_CORRUPT;
			break;
		}
		if (r != Z_OK && r != Z_BUF_ERROR) {
			snprintf(errbuf, errlen, "gzip data is corrupt (%s)", z.msg ? z.msg : "inflate failed");
			st = DM_ERR_CORRUPT;
			break;
		}
		if (used > max) {
			snprintf(errbuf, errlen, "gzip data expands past the limit of %zu bytes", max);
			st = DM_ERR_TOOBIG;
			break;
		}
	}
	inflateEnd(&z);
	if (!buf) {
		snprintf(errbuf, errlen, "out of memory");
		return DM_ERR_NOMEM;
	}
	if (st != DM_OK) {
		free(buf);
		return st;
	}
	buf[used] = 0;
	*out = buf;
	*len = used;
	return DM_OK;
}

/* All N bytes of FD into BUF; 0 when it gave fewer. */
static int read_all(int fd, char *buf, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t k = read(fd, buf + got, n - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	return got == n;
}

/* PATH, a regular file of at most MAX bytes, whole and as it is into a
 * malloc'd, NUL-terminated buffer: open, fstat, one read, close, the
 * fewest calls for a file of many. */
static dm_status read_regular(const char *path, size_t max, char **out, size_t *len, char *errbuf, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(errbuf, errlen, "%s", strerror(errno));
		return DM_ERR_IO;
	}
	struct stat st;
	dm_status rc = DM_OK;
	char *buf = NULL;
	size_t size = 0;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(errbuf, errlen, "not a regular file");
		rc = DM_ERR_IO;
	} else if ((size = (size_t)st.st_size) > max) {
		snprintf(errbuf, errlen, "file is %zu bytes, over the limit of %zu", size, max);
		rc = DM_ERR_TOOBIG;
	} else if (!(buf = malloc(size + 1))) {
		snprintf(errbuf, errlen, "out of memory for %zu bytes", size);
		rc = DM_ERR_NOMEM;
	} else if (!read_all(fd, buf, size)) {
		free(buf);
		snprintf(errbuf, errlen, "read error");
		rc = DM_ERR_IO;
	}
	close(fd);
	if (rc == DM_OK) {
		buf[size] = 0;
		*out = buf;
		*len = size;
	}
	return rc;
}

int dm_read_small(const char *path, size_t limit, char **out, size_t *len)
{
	char err[256];
	return read_regular(path, limit, out, len, err, sizeof err) == DM_OK;
}

dm_status dm_read_file(const char *path, size_t max, char **out, size_t *len, char *errbuf, size_t errlen)
{
	*out = NULL;
	*len = 0;
	char *buf;
	size_t size;
	dm_status st = read_regular(path, max, &buf, &size, errbuf, errlen);
	if (st != DM_OK)
		return st;
	if (dm_is_gzip(buf, size)) {
		char *plain;
		size_t plen;
		dm_status s = dm_gunzip(buf, size, max, &plain, &plen, errbuf, errlen);
		free(buf);
		if (s != DM_OK)
			return s;
		buf = plain;
		size = plen;
	}
	*out = buf;
	*len = size;
	return DM_OK;
}
