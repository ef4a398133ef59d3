/*
 * The fuzz targets without libFuzzer: a smoke run for the test command.
 * Every file named (or below a folder named) goes through the target, then
 * mutations of them (bytes flipped, cut, doubled, spliced; a fixed seed,
 * so a failure repeats) for the seconds asked.  A crash, a sanitizer
 * report or a hang (the test's timeout) fails the test; a failing input
 * is kept in tests/fuzz/TARGET/ as a regression.  libFuzzer and AFL++
 * builds (scripts/fuzz) use the same targets for long runs.
 *
 * usage: fuzz_TARGET [-seconds N] FILE_OR_DIR...
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct input {
	uint8_t *data;
	size_t size;
} input;

static input *inputs;
static size_t n_inputs, cap_inputs;

static void add_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return;
	size_t cap = 1 << 16, n = 0, k;
	uint8_t *buf = malloc(cap);
	while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n == cap && n < ((size_t)1 << 24))
			buf = realloc(buf, cap *= 2);
		else if (n == cap)
			break;
	}
	fclose(f);
	if (!buf)
		return;
	if (n_inputs == cap_inputs) {
		cap_inputs = cap_inputs ? 2 * cap_inputs : 64;
		inputs = realloc(inputs, cap_inputs * sizeof *inputs);
	}
	inputs[n_inputs++] = (input){buf, n};
}

static void add(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		add_file(path);
		return;
	}
	DIR *d = opendir(path);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char sub[4096];
		snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
		add(sub);
	}
	if (d)
		closedir(d);
}

static uint64_t rng = 0x64696374756dull;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* A mutation of input A (with a piece of B): at most twice its size. */
static size_t mutate(const input *a, const input *b, uint8_t *out, size_t cap)
{
	size_t n = a->size < cap ? a->size : cap;
	memcpy(out, a->data, n);
	int steps = 1 + (int)(next() % 8);
	for (int s = 0; s < steps; s++) {
		size_t at = n ? next() % n : 0;
		switch (next() % 6) {
		case 0: /* flip a bit */
			if (n)
				out[at] ^= (uint8_t)(1u << (next() % 8));
			break;
		case 1: /* an interesting byte */
			if (n) {
				static const uint8_t bytes[] = {0,    '"',  '<',  '>', '\n', '\r',
				                                0xFF, 0xC3, 0xE2, '&', ':',  '\\'};
				out[at] = bytes[next() % sizeof bytes];
			}
			break;
		case 2: /* cut */ n = at; break;
		case 3: { /* double a stretch */
			size_t len = n ? next() % (n - at + 1) : 0;
			if (n + len <= cap) {
				memmove(out + at + len, out + at, n - at);
				n += len;
			}
			break;
		}
		case 4: { /* splice in a stretch of B */
			size_t from = b->size ? next() % b->size : 0, len = b->size ? next() % (b->size - from + 1) : 0;
			if (at + len <= cap) {
				memcpy(out + at, b->data + from, len);
				n = at + len > n ? at + len : n;
			}
			break;
		}
		default: /* drop a stretch */
			if (n) {
				size_t len = next() % (n - at + 1);
				memmove(out + at, out + at + len, n - at - len);
				n -= len;
			}
		}
	}
	return n;
}

int main(int argc, char **argv)
{
	double seconds = 5;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-seconds") && i + 1 < argc)
			seconds = atof(argv[++i]);
		else
			add(argv[i]);
	}
	static const uint8_t empty[1];
	LLVMFuzzerTestOneInput(empty, 0);
	for (size_t i = 0; i < n_inputs; i++)
		LLVMFuzzerTestOneInput(inputs[i].data, inputs[i].size);
	size_t runs = 0;
	if (n_inputs) {
		size_t cap = 1 << 20;
		uint8_t *buf = malloc(cap);
		struct timespec t0, t;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		do {
			const input *a = &inputs[next() % n_inputs], *b = &inputs[next() % n_inputs];
			size_t want = 2 * a->size < cap ? 2 * a->size : cap;
			size_t n = mutate(a, b, buf, want ? want : 1);
			uint8_t *exact = malloc(n ? n : 1); /* its own allocation: reads past the end are seen */
			memcpy(exact, buf, n);
			LLVMFuzzerTestOneInput(exact, n);
			free(exact);
			runs++;
			clock_gettime(CLOCK_MONOTONIC, &t);
		} while ((double)(t.tv_sec - t0.tv_sec) + (double)(t.tv_nsec - t0.tv_nsec) / 1e9 < seconds);
		free(buf);
	}
	printf("%zu inputs, %zu mutations: no crash\n", n_inputs, runs);
	for (size_t i = 0; i < n_inputs; i++)
		free(inputs[i].data);
	free(inputs);
	return 0;
}
