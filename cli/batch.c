#include "batch.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "ingest/ingest.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void show_progress(const cli_batch *b, size_t n, size_t total_files, size_t done, size_t total, double t0, int last)
{
	double el = now() - t0;
	double rate = el > 0 ? (double)done / el : 0;
	double eta = rate > 0 ? (double)(total - done) / rate : 0;
	fprintf(stderr, "\r%zu/%zu files  %.1f/%.1f MB  %zu statements  %.1f MB/s  ETA %d:%02d ", n, total_files,
	        (double)done / 1e6, (double)total / 1e6, b->statements, rate / 1e6, (int)eta / 60, (int)eta % 60);
	if (last)
		fputc('\n', stderr);
	fflush(stderr);
}

int cli_batch_run(cli_batch *b, int npaths, char **paths)
{
	dm_inputs in = {0};
	for (int i = 0; i < npaths; i++)
		dm_inputs_collect(&in, paths[i]);
	double t0 = now(), shown = 0;
	size_t done = 0;
	for (size_t i = 0; i < in.n; i++) {
		const dm_input *it = &in.items[i];
		b->files++;
		if (it->error) {
			fprintf(stderr, "dictum %s: %s: %s\n", b->cmd, it->path, it->error);
			b->failed++;
			continue;
		}
		char err[256] = "";
		int warn = 0;
		dm_document *doc = NULL;
		dm_status st = dm_extract_file(it->path, NULL, &doc, err, sizeof err, &warn);
		done += it->size;
		if (st != DM_OK) {
			fprintf(stderr, "%sdictum %s: %s: %s\n", b->progress ? "\n" : "", b->cmd, it->path, err);
			b->failed++;
			continue;
		}
		if (warn) {
			if (!b->quiet)
				fprintf(stderr, "%sdictum %s: %s: warning: %s\n", b->progress ? "\n" : "", b->cmd, it->path, err);
			b->warned++;
		}
		b->statements += doc->n_statements;
		if (b->each(doc, b->ctx))
			b->failed++;
		dm_document_free(doc);
		if (b->progress && now() - shown > 0.25) {
			show_progress(b, i + 1, in.n, done, in.total_bytes, t0, 0);
			shown = now();
		}
	}
	if (b->progress)
		show_progress(b, in.n, in.n, done, in.total_bytes, t0, 1);
	dm_inputs_free(&in);
	return b->failed ? EXIT_INPUT : EXIT_OK;
}
