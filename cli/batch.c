/*
 * With `threaded`, extraction runs on a second thread and hands documents
 * over through a small bounded queue, so the caller's work (storing, for
 * ingest) overlaps with the next document's extraction and memory stays
 * bounded by the queue, whatever the corpus size.  Order is kept.
 */
#include "batch.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define QUEUE 16

typedef struct item {
	dm_document *doc; /* NULL: the end of an input file */
	size_t bytes;     /* the file's size, at its end */
} item;

typedef struct run {
	cli_batch *b;
	dm_options opt; /* the batch's, with DICTUM_MAX_MB */
	dm_inputs in;
	/* producer side */
	size_t read_failed, warned, skipped, unchanged;
	size_t started;     /* inputs begun */
	atomic_int stopped; /* EACH said stop: read no more */
	/* the queue */
	pthread_mutex_t mu;
	pthread_cond_t can_put, can_take;
	int thread; /* a producer thread runs */
	item q[QUEUE];
	size_t head, n;
	int closed;
	/* consumer side */
	double t0, shown;
	size_t done, taken;
} run;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void show_progress(const run *r, int last)
{
	double el = now() - r->t0;
	double rate = el > 0 ? (double)r->done / el : 0;
	double eta = rate > 0 ? (double)(r->in.total_bytes - r->done) / rate : 0;
	fprintf(stderr, "\r%zu/%zu files  %.1f/%.1f MB  %zu statements  %.1f MB/s  ETA %d:%02d ", r->taken, r->in.n,
	        (double)r->done / 1e6, (double)r->in.total_bytes / 1e6, r->b->statements, rate / 1e6, (int)eta / 60,
	        (int)eta % 60);
	if (last)
		fputc('\n', stderr);
	fflush(stderr);
}

static void put(run *r, item it);

static int known(const unsigned char *hash, void *ctx)
{
	run *r = ctx;
	return r->b->known(hash, r->b->ctx);
}

static void on_document(dm_document *doc, void *ctx)
{
	put(ctx, (item){doc, 0});
}

static void on_problem(const char *source, const char *what, int warning, void *ctx)
{
	run *r = ctx;
	const cli_batch *b = r->b;
	const char *nl = b->progress ? "\n" : "";
	if (!warning)
		fprintf(stderr, "%sdictum %s: %s: %s\n", nl, b->cmd, source, what);
	else if (!b->quiet)
		fprintf(stderr, "%sdictum %s: %s: warning: %s\n", nl, b->cmd, source, what);
}

/* Extract input I, each of its documents and problems as they come; then
 * a marker that the file is done, for the progress line. */
static void extract_one(run *r, size_t i)
{
	const dm_input *it = &r->in.items[i];
	r->started++;
	if (it->error) {
		on_problem(it->path, it->error, 0, r);
		r->read_failed++;
	} else {
		dm_sink sink = {on_document, on_problem, r, r->b->known ? known : NULL};
		dm_each_stats st;
		dm_extract_each(it->path, &r->opt, &sink, &st);
		r->read_failed += st.failed;
		r->warned += st.warned;
		r->skipped += st.skipped;
		r->unchanged += st.unchanged;
	}
	put(r, (item){NULL, it->size});
}

static void consume(run *r, item it)
{
	cli_batch *b = r->b;
	r->taken += it.doc == NULL;
	r->done += it.bytes;
	if (it.doc) {
		if (atomic_load(&r->stopped)) {
			b->dropped++;
		} else {
			b->statements += it.doc->n_statements;
			int rc = b->each(it.doc, b->ctx);
			if (rc == CLI_STOP)
				atomic_store(&r->stopped, 1);
			else if (rc)
				b->failed++;
		}
		dm_document_free(it.doc);
	}
	if (b->progress && now() - r->shown > 0.25) {
		show_progress(r, 0);
		r->shown = now();
	}
}

/* Hand IT to the consumer: through the queue on a second thread, or at
 * once. */
static void put(run *r, item it)
{
	if (!r->thread) {
		consume(r, it);
		return;
	}
	pthread_mutex_lock(&r->mu);
	while (r->n == QUEUE)
		pthread_cond_wait(&r->can_put, &r->mu);
	r->q[(r->head + r->n++) % QUEUE] = it;
	pthread_cond_signal(&r->can_take);
	pthread_mutex_unlock(&r->mu);
}

static void *producer(void *arg)
{
	run *r = arg;
	for (size_t i = 0; i < r->in.n && !atomic_load(&r->stopped); i++)
		extract_one(r, i);
	pthread_mutex_lock(&r->mu);
	r->closed = 1;
	pthread_cond_signal(&r->can_take);
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

static void run_threaded(run *r)
{
	pthread_t t;
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->can_put, NULL);
	pthread_cond_init(&r->can_take, NULL);
	r->thread = 1;
	if (pthread_create(&t, NULL, producer, r) != 0) {
		r->thread = 0;
		for (size_t i = 0; i < r->in.n && !atomic_load(&r->stopped); i++)
			extract_one(r, i);
		return;
	}
	for (;;) {
		pthread_mutex_lock(&r->mu);
		while (r->n == 0 && !r->closed)
			pthread_cond_wait(&r->can_take, &r->mu);
		if (r->n == 0) {
			pthread_mutex_unlock(&r->mu);
			break;
		}
		item it = r->q[r->head];
		r->head = (r->head + 1) % QUEUE;
		r->n--;
		pthread_cond_signal(&r->can_put);
		pthread_mutex_unlock(&r->mu);
		consume(r, it);
	}
	pthread_join(t, NULL);
	pthread_mutex_destroy(&r->mu);
	pthread_cond_destroy(&r->can_put);
	pthread_cond_destroy(&r->can_take);
}

int cli_batch_run(cli_batch *b, int npaths, char **paths)
{
	run r = {.b = b, .opt = b->opt ? *b->opt : (dm_options){0}};
	/* DICTUM_MAX_MB: the largest input, after gzip, and the largest
	 * archive record (default 256) */
	const char *mb = getenv("DICTUM_MAX_MB");
	if (mb && atol(mb) > 0)
		r.opt.max_bytes = (size_t)atol(mb) << 20;
	for (int i = 0; i < npaths; i++)
		dm_inputs_collect(&r.in, paths[i]);
	r.t0 = now();
	if (b->threaded)
		run_threaded(&r);
	else
		for (size_t i = 0; i < r.in.n && !atomic_load(&r.stopped); i++)
			extract_one(&r, i);
	if (b->progress)
		show_progress(&r, 1);
	b->files = r.in.n;
	b->failed += r.read_failed;
	b->warned = r.warned;
	b->skipped = r.skipped;
	b->unchanged = r.unchanged;
	b->unattempted = r.in.n - r.started;
	dm_inputs_free(&r.in);
	return b->failed ? EXIT_INPUT : EXIT_OK;
}

dm_models *cli_load_models(const char *cmd, const char *dir)
{
	char err[512];
	dm_models *m = dm_models_load(dir, err, sizeof err);
	if (!m)
		fprintf(stderr, "dictum %s: %s\n", cmd, err);
	return m;
}
