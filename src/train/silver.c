/*
 * Reading the silver parses that come with a PolNeAR split
 * (corenlp.conllu.gz): the Penn tag of each token and where it starts.
 * Only the columns the tag lexicon needs are read; the file is streamed,
 * never held whole.
 */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "train.h"

int dm_silver_read(const char *path, dm_silver_fn fn, void *ctx, char *err)
{
	gzFile z = gzopen(path, "rb");
	if (!z) {
		snprintf(err, 256, "%.200s: cannot open", path);
		return -1;
	}
	char line[4096], doc[512] = "";
	size_t lineno = 0;
	int rc = 0, whole = 1;
	while (rc == 0 && gzgets(z, line, sizeof line)) {
		size_t n = strlen(line);
		int was_whole = whole;
		whole = n > 0 && line[n - 1] == '\n';
		lineno += whole;
		if (!was_whole) /* the rest of a long line: sentence text, unused */
			continue;
		if (!strncmp(line, "# newdoc id = ", 14)) {
			snprintf(doc, sizeof doc, "%.*s", (int)strcspn(line + 14, "\r\n"), line + 14);
			continue;
		}
		if (line[0] == '#' || line[0] == '\n')
			continue;
		/* ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC */
		char *col[10];
		char *p = line;
		int k = 0;
		for (; k < 10 && p; k++) {
			col[k] = p;
			p = strchr(p, '\t');
			if (p)
				*p++ = '\0';
		}
		const char *start = k == 10 ? strstr(col[9], "Start=") : NULL;
		if (!start || !doc[0]) {
			snprintf(err, 256, "%.200s:%zu: not a CoNLL-U token line with Start=", path, lineno);
			rc = -1;
			break;
		}
		rc = fn(ctx, doc, (uint32_t)strtoul(start + 6, NULL, 10), col[4]);
		if (rc)
			snprintf(err, 256, "%.200s:%zu: out of memory", path, lineno);
	}
	int zerr;
	const char *zmsg = gzerror(z, &zerr);
	if (rc == 0 && zerr != Z_OK && zerr != Z_STREAM_END) {
		snprintf(err, 256, "%.200s: %s", path, zmsg);
		rc = -1;
	}
	gzclose(z);
	return rc;
}
