/*
 * libFuzzer target: any bytes through the whole extraction path and both
 * export formats, and through the container readers (WARC, JSONL, feeds).  Build and run (clang):
 *   cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DDICTUM_FUZZ=ON
 *   cmake --build build-fuzz --target fuzz_extract
 *   build-fuzz/fuzz_extract -max_total_time=60 samples/
 */
#include <stddef.h>
#include <stdint.h>

#include "dictum.h"
#include "export/export.h"
#include "ingest/container.h"

static void record(const dm_record *r, void *ctx)
{
	dm_document *d = NULL;
	char err[256];
	(void)ctx;
	if (dm_extract_bytes("fuzz#1", r->bytes, r->len, NULL, &d, err, sizeof err, NULL) == DM_OK)
		dm_document_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	dm_document *d = NULL;
	char err[256];
	dm_format f = dm_detect_format((const char *)data, size);
	if (f != DM_FMT_DOCUMENT) {
		dm_record_sink sink = {record, NULL, NULL, 0};
		dm_each_record((const char *)data, size, f, (size_t)1 << 24, &sink);
		return 0;
	}
	if (dm_extract_bytes("fuzz", (const char *)data, size, NULL, &d, err, sizeof err, NULL) != DM_OK)
		return 0;
	dm_buf b = {0};
	dm_export_json(d, &b);
	dm_export_brat(d, &b);
	dm_buf_free(&b);
	dm_document_free(d);
	return 0;
}
