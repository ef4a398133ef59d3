#include "vec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int dm_reserve(void *arrp, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return 0;
	size_t nc = *cap ? *cap * 2 : 16;
	void *old;
	memcpy(&old, arrp, sizeof old);
	void *p = realloc(old, nc * size);
	if (!p)
		return -1;
	memcpy(arrp, &p, sizeof p);
	*cap = nc;
	return 0;
}

int dm_cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}
