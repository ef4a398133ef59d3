/*
 * With two jobs or more, inputs are extracted on worker threads, each
 * taking the next input not yet begun, while this thread calls EACH; with
 * one, this thread does both in turn (a worker beside it would only hand
 * each document over: 8% of extraction's time on one core).  Each input in
 * work has a slot: a small bounded queue of what came of it (its
 * documents, its problems, its end).  This thread drains the slots in
 * input order, so output, messages and the archive are the same whatever
 * the number of workers; a worker ahead of the one being drained waits
 * when its slot is full, and no worker begins an input more than SLOTS
 * ahead.  Memory is bounded by SLOTS * QUEUE documents, whatever the
 * corpus size.
 */
#include "batch.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <sys/resource.h>
#include <sys/syscall.h>

#include "cli.h"

#define QUEUE    16
#define MAX_JOBS 256

typedef struct item {
	dm_document *doc; /* or NULL */
	dm_buf *rendered; /* what render made of DOC, or NULL */
	char *problem;    /* a message line, malloc'd, or NULL */
	size_t bytes;     /* at the input's end: its size */
	int end;          /* the input's last item */
} item;

/* What came of one input, its counts summed in when it is drained. */
typedef struct slot {
	item q[QUEUE];
	size_t head, n;
	size_t read_failed, warned, skipped, unchanged;
} slot;

typedef struct run {
	cli_batch *b;
	dm_options opt; /* the batch's, with DICTUM_MAX_MB */
	dm_inputs in;
	size_t started;     /* inputs begun */
	atomic_int stopped; /* EACH said stop: begin no more */
	/* with workers: all below under mu */
	pthread_mutex_t mu;
	pthread_cond_t filled; /* the slot drained is ready, or no more will be begun: this thread waits */
	pthread_cond_t room;   /* a full slot was drained, or the window moved on: workers wait */
	int workers;           /* set before they start: a flag to put() */
	slot *slots;           /* input i's is slots[i % n_slots] while it is in work */
	size_t n_slots;
	size_t next;     /* the next input to begin */
	size_t draining; /* the input whose slot this thread drains */
	int blocked;     /* workers waiting for room */
	/* this thread's */
	double t0, shown;
	size_t done, taken;
	size_t read_failed, warned, skipped, unchanged;
} run;

/* What a worker's sink callbacks need: the run and the input's slot. */
typedef struct job {
	run *r;
	slot *s;
	size_t input;
} job;

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

/* This thread's part: EACH on a document, a problem said, an input's end
 * counted. */
static void consume(run *r, item it)
{
	cli_batch *b = r->b;
	if (it.problem) {
		fputs(b->progress ? "\n" : "", stderr);
		fputs(it.problem, stderr);
		free(it.problem);
	}
	r->taken += it.end;
	r->done += it.bytes;
	if (it.doc) {
		if (atomic_load(&r->stopped)) {
			b->dropped++;
		} else {
			b->statements += it.doc->n_statements;
			int rc = b->each(it.doc, it.rendered, b->ctx);
			if (rc == CLI_STOP)
				atomic_store(&r->stopped, 1);
			else if (rc)
				b->failed++;
		}
		dm_document_free(it.doc);
	}
	if (it.rendered) {
		dm_buf_free(it.rendered);
		free(it.rendered);
	}
	if (b->progress && now() - r->shown > 0.25) {
		show_progress(r, 0);
		r->shown = now();
	}
}

/* Whether slot S has something to drain: its input's end is in, or half
 * a queue. */
static int ready(const slot *s)
{
	return s->n >= QUEUE / 2 || (s->n && s->q[(s->head + s->n - 1) % QUEUE].end);
}

/* Wake the thread that drains, waiting for the slot it drains (under mu).
 * Workers do so only when it has a run of work: when they are AHEAD inputs
 * past it, when they are about to wait themselves (and when the input it
 * drains ends while one waits), or when they stop.
 * Woken for each document, it took two thirds of a core's time from the
 * workers in switches (extract -j 2 of small files). */
#define AHEAD 16
static void wake(run *r)
{
	if (ready(&r->slots[r->draining % r->n_slots]))
		pthread_cond_signal(&r->filled);
}

/* Hand IT on: to the input's slot when workers extract, or at once. */
static void put(job *j, item it)
{
	run *r = j->r;
	if (!r->workers) {
		consume(r, it);
		return;
	}
	pthread_mutex_lock(&r->mu);
	while (j->s->n == QUEUE) {
		wake(r);
		r->blocked++;
		pthread_cond_wait(&r->room, &r->mu);
		r->blocked--;
	}
	j->s->q[(j->s->head + j->s->n++) % QUEUE] = it;
	/* a container's documents; or the input drained is done and a worker
	 * waits for the slots after it */
	if (j->input == r->draining && (j->s->n >= QUEUE / 2 || (it.end && r->blocked)))
		wake(r);
	pthread_mutex_unlock(&r->mu);
}

static int known(const unsigned char *hash, void *ctx)
{
	job *j = ctx;
	return j->r->b->known(hash, j->r->b->ctx);
}

static void on_document(dm_document *doc, void *ctx)
{
	job *j = ctx;
	const cli_batch *b = j->r->b;
	dm_buf *out = NULL;
	if (b->render && doc->raw_len <= CLI_RENDER_MAX && (out = calloc(1, sizeof *out)) != NULL) {
		/* the text, escaped, and its statements: about twice its size */
		dm_buf_reserve(out, 2 * doc->raw_len + 4096);
		b->render(doc, out, b->ctx);
	}
	put(j, (item){doc, out, NULL, 0, 0});
}

static void on_problem(const char *source, const char *what, int warning, void *ctx)
{
	job *j = ctx;
	const cli_batch *b = j->r->b;
	if (warning && b->quiet)
		return;
	char line[2048];
	snprintf(line, sizeof line, "dictum %s: %s: %s%s\n", b->cmd, source, warning ? "warning: " : "", what);
	char *copy = strdup(line);
	if (copy)
		put(j, (item){NULL, NULL, copy, 0, 0});
}

/* Extract input I into slot S: each of its documents and problems as they
 * come, then its end. */
static void extract_one(run *r, size_t i, slot *s)
{
	const dm_input *it = &r->in.items[i];
	job j = {r, s, i};
	if (it->error) {
		on_problem(it->path, it->error, 0, &j);
		s->read_failed++;
	} else {
		dm_sink sink = {on_document, on_problem, &j, r->b->known ? known : NULL};
		dm_each_stats st;
		dm_extract_each(it->path, &r->opt, &sink, &st);
		s->read_failed += st.failed;
		s->warned += st.warned;
		s->skipped += st.skipped;
		s->unchanged += st.unchanged;
	}
	put(&j, (item){NULL, NULL, NULL, it->size, 1});
}

static void add_counts(run *r, const slot *s)
{
	r->read_failed += s->read_failed;
	r->warned += s->warned;
	r->skipped += s->skipped;
	r->unchanged += s->unchanged;
}

/* A worker: begin the next input while it is fewer than n_slots ahead of
 * the one drained, until there is none or EACH said stop.  Workers run
 * at a lower priority than the thread that drains: when EACH is the
 * heavier part (ingest's writer), it must never wait for a core while
 * workers run ahead of it. */
static void *worker(void *arg)
{
	run *r = arg;
	errno = 0;
	int base = getpriority(PRIO_PROCESS, 0);
	if (!errno) /* Linux: a thread's own priority, by its id */
		setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), base + 5);
	pthread_mutex_lock(&r->mu);
	for (;;) {
		while (r->next < r->in.n && r->next >= r->draining + r->n_slots && !atomic_load(&r->stopped)) {
			wake(r);
			r->blocked++;
			pthread_cond_wait(&r->room, &r->mu);
			r->blocked--;
		}
		if (r->next >= r->in.n || atomic_load(&r->stopped))
			break;
		size_t i = r->next++;
		r->started++;
		if (i >= r->draining + AHEAD)
			wake(r);
		slot *s = &r->slots[i % r->n_slots];
		pthread_mutex_unlock(&r->mu);
		extract_one(r, i, s);
		pthread_mutex_lock(&r->mu);
	}
	pthread_cond_signal(&r->filled); /* no more to begin: this thread may be waiting for it */
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

/* Drain the slots in input order until every input begun is done: what
 * a slot holds is taken at once, when it is ready. */
static void drain(run *r)
{
	item got[QUEUE];
	pthread_mutex_lock(&r->mu);
	for (;;) {
		slot *s = &r->slots[r->draining % r->n_slots];
		while (!ready(s) && !(r->draining >= r->next && (r->next >= r->in.n || atomic_load(&r->stopped))))
			pthread_cond_wait(&r->filled, &r->mu);
		if (!s->n)
			break; /* not begun, and none will be */
		size_t n = 0;
		int end = 0;
		while (s->n) {
			got[n] = s->q[s->head];
			end |= got[n++].end; /* an input's end is its last item */
			s->head = (s->head + 1) % QUEUE;
			s->n--;
		}
		if (end) {
			add_counts(r, s);
			*s = (slot){0};
			r->draining++;
		}
		pthread_cond_broadcast(&r->room);
		pthread_mutex_unlock(&r->mu);
		for (size_t k = 0; k < n; k++)
			consume(r, got[k]);
		pthread_mutex_lock(&r->mu);
	}
	pthread_mutex_unlock(&r->mu);
}

/* Extract with WORKERS threads; 0 when they could not be started. */
static int run_workers(run *r, int workers)
{
	pthread_t t[MAX_JOBS];
	/* far enough ahead that the workers go on while EACH is slow for a
	 * while (ingest's commit indexes thousands of documents): ingest -j 2
	 * of the 50 MB bench corpus, 7.7-8.3 s; 9.1-9.3 s with 2 slots a
	 * worker, or with the workers at the writer's priority */
	r->n_slots = 32 * (size_t)workers;
	r->slots = calloc(r->n_slots, sizeof *r->slots);
	if (!r->slots)
		return 0;
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->filled, NULL);
	pthread_cond_init(&r->room, NULL);
	r->workers = workers;
	int started = 0;
	while (started < workers && pthread_create(&t[started], NULL, worker, r) == 0)
		started++;
	if (!started) {
		r->workers = 0;
	} else {
		drain(r);
		for (int k = 0; k < started; k++)
			pthread_join(t[k], NULL);
	}
	pthread_mutex_destroy(&r->mu);
	pthread_cond_destroy(&r->filled);
	pthread_cond_destroy(&r->room);
	free(r->slots);
	r->slots = NULL;
	return started > 0;
}

/* One document after another asks for much the same memory as the last
 * freed.  glibc gives the top of its heap back to the system once 128 KB
 * of it is free, and its blocks past 128 KB are mapped and unmapped each
 * time until a first free raises that bound: each document then faults
 * its pages in afresh, a third of the time of `extract` on a corpus of
 * small files (and more on two cores).  Blocks up to 4 MB (a document of
 * a few hundred KB asks for no more) now come from the heap, which keeps
 * up to 64 MB freed.  Larger ones are still mapped: a document of 8 MB
 * growing its arrays from the heap left each old copy there and peaked
 * at 10 times its size (issue 20 allows 8). */
static void keep_freed_memory(void)
{
#ifdef __GLIBC__
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
}

int cli_batch_run(cli_batch *b, int npaths, char **paths)
{
	keep_freed_memory();
	run r = {.b = b, .opt = b->opt ? *b->opt : (dm_options){0}};
	/* DICTUM_MAX_MB: the largest input, after gzip, and the largest
	 * archive record (default 256) */
	const char *mb = getenv("DICTUM_MAX_MB");
	if (mb && atol(mb) > 0)
		r.opt.max_bytes = (size_t)atol(mb) << 20;
	for (int i = 0; i < npaths; i++)
		dm_inputs_collect(&r.in, paths[i]);
	b->files = r.in.n;
	if (b->begin && b->begin(&r.in, b->ctx)) {
		dm_inputs_free(&r.in);
		return EXIT_OK;
	}
	r.t0 = now();
	int jobs = b->jobs > MAX_JOBS ? MAX_JOBS : b->jobs;
	if (jobs <= 1 || !run_workers(&r, jobs))
		for (size_t i = 0; i < r.in.n && !atomic_load(&r.stopped); i++) {
			slot s = {0};
			r.started++;
			extract_one(&r, i, &s);
			add_counts(&r, &s);
		}
	if (b->progress)
		show_progress(&r, 1);
	b->failed += r.read_failed;
	b->warned = r.warned;
	b->skipped = r.skipped;
	b->unchanged = r.unchanged;
	b->unattempted = r.in.n - r.started;
	dm_inputs_free(&r.in);
	return b->failed ? EXIT_INPUT : EXIT_OK;
}

int cli_jobs(const char *cmd, const char *arg)
{
	if (arg) {
		char *end;
		errno = 0;
		long n = strtol(arg, &end, 10);
		if (errno || *end || n < 0 || n > MAX_JOBS) {
			cli_usage_error(cmd, "--jobs '%s' is no count of threads (0 to %d; 0: one a core)", arg,
			                MAX_JOBS);
			return -1;
		}
		if (n > 0)
			return (int)n;
	}
	int cores = dm_cores();
	return cores < MAX_JOBS ? cores : MAX_JOBS;
}

dm_models *cli_load_models(const char *cmd, const char *dir)
{
	char err[512];
	dm_models *m = dm_models_load(dir, err, sizeof err);
	if (!m)
		fprintf(stderr, "dictum %s: %s\n", cmd, err);
	return m;
}
