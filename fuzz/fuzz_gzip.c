/* Fuzz target: any bytes as gzip (read.c). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "ingest/ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *out = NULL, err[128];
	size_t len = 0;
	if (dm_gunzip((const char *)data, size, (size_t)1 << 22, &out, &len, err, sizeof err) == DM_OK)
		free(out);
	return 0;
}
