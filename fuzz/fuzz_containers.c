/* Fuzz target: any bytes read as each container format (container.c), and
 * each record extracted. */
#include <stddef.h>
#include <stdint.h>

#include "dictum.h"
#include "ingest/container.h"

static void record(const dm_record *r, void *ctx)
{
	(void)ctx;
	dm_document *d = NULL;
	char err[256];
	if (dm_extract_bytes("fuzz#1", r->bytes, r->len, NULL, &d, err, sizeof err, NULL) == DM_OK)
		dm_document_free(d);
}

static void problem(size_t index, const char *what, void *ctx)
{
	(void)index, (void)what, (void)ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const dm_format formats[] = {DM_FMT_WARC, DM_FMT_JSONL, DM_FMT_FEED};
	for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
		dm_record_sink sink = {record, problem, NULL, 0};
		dm_each_record((const char *)data, size, formats[i], (size_t)1 << 22, &sink);
	}
	return 0;
}
