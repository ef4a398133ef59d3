/* Fuzz target: any bytes as a model file (learn/model.c). */
#include <stddef.h>
#include <stdint.h>

#include "learn/learn.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];
	dm_model *m = dm_model_read(data, size, err);
	dm_model_free(m);
	return 0;
}
