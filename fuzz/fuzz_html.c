/* Fuzz target: any bytes as a web page (ingest/html*.c), with and without a charset. */
#include <stddef.h>
#include <stdint.h>

#include "ingest/html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (int i = 0; i < 2; i++) {
		dm_page page = {0};
		char err[128];
		if (dm_html_extract((const char *)data, size, i ? "windows-1252" : NULL, &page, err, sizeof err) == 0)
			dm_page_free(&page);
	}
	return 0;
}
