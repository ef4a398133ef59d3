/* Fuzz target: any bytes as brat standoff (eval.c's reader of gold). */
#include <stddef.h>
#include <stdint.h>

#include "eval/eval.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	dm_ev_doc d = {0};
	size_t line = 0;
	dm_ev_parse((const char *)data, size, &d, &line);
	dm_ev_doc_free(&d);
	return 0;
}
