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
 * ahead.  A worker hands what it extracts over a run at a time, and
 * frees what it made once EACH is done with it: the lock is taken about
 * once an input, and no block is freed on a thread other than its
 * maker's.  Memory is bounded by SLOTS * QUEUE documents, whatever the
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
	int worker; /* the one extracting it */
	size_t read_failed, warned, skipped, unchanged;
} slot;

/* Items EACH is done with, for the worker that made them to free: freed
 * on another thread, each block waits for its maker's heap lock, which
 * the maker holds whenever it asks for memory (extract -j 2 of small
 * files: a sixth of the threads' switches, a core idle meanwhile). */
typedef struct spent {
	item *v;
	size_t n, cap;
} spent;

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
	spent *spent;    /* per worker: what it made that EACH is done with */
	size_t next;     /* the next input to begin */
	size_t draining; /* the input whose slot this thread drains */
	int blocked;     /* workers waiting for room */
	/* this thread's */
	double t0, shown;
	size_t done, taken;
	size_t read_failed, warned, skipped, unchanged;
} run;

/* What a worker's sink callbacks need: the run and the input's slot, and
 * what came of the input not yet put in the slot: handed over a run at a
 * time, an input's end with the claim of the next, so that a corpus of
 * small files takes the lock once a file. */
typedef struct job {
	run *r;
	slot *s;
	size_t input;
	int worker;
	item held[QUEUE / 2];
	size_t n_held;
	spent mine; /* taken from the run's list for this worker, to free */
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

static void item_free(item it)
{
	dm_document_free(it.doc);
	if (it.rendered) {
		dm_buf_free(it.rendered);
		free(it.rendered);
	}
}

/* This thread's part: EACH on a document, a problem said, an input's end
 * counted (the document is freed by the caller). */
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
 * workers in switches (extract -j 2 of small files); at 16 inputs, twice
 * the switches of 32, half the window of two workers. */
#define AHEAD 32
static void wake(run *r)
{
	if (ready(&r->slots[r->draining % r->n_slots]))
		pthread_cond_signal(&r->filled);
}

/* A worker waits for room (under mu), the thread that drains woken first
 * if it has work. */
static void wait_room(run *r)
{
	wake(r);
	r->blocked++;
	pthread_cond_wait(&r->room, &r->mu);
	r->blocked--;
}

/* J's held items into its slot, once it has room (under mu). */
static void publish(job *j)
{
	run *r = j->r;
	slot *s = j->s;
	if (!j->n_held)
		return;
	while (s->n + j->n_held > QUEUE)
		wait_room(r);
	int end = 0;
	for (size_t k = 0; k < j->n_held; k++) {
		s->q[(s->head + s->n++) % QUEUE] = j->held[k];
		end |= j->held[k].end;
	}
	j->n_held = 0;
	/* a container's documents; or the input drained is done and a worker
	 * waits for the slots after it */
	if (j->input == r->draining && (s->n >= QUEUE / 2 || (end && r->blocked)))
		wake(r);
}

/* Take what J's worker made that EACH is done with (under mu), for
 * free_spent once mu is let go: each time it hands items over. */
static void take_spent(job *j)
{
	spent t = j->r->spent[j->worker];
	j->r->spent[j->worker] = j->mine;
	j->mine = t;
}

static void free_spent(spent *l)
{
	for (size_t k = 0; k < l->n; k++)
		item_free(l->v[k]);
	l->n = 0;
}

/* Hand IT on: held for the input's slot when workers extract (the
 * input's end is put there when its worker claims the next), or at once. */
static void put(job *j, item it)
{
	run *r = j->r;
	if (!r->workers) {
		consume(r, it);
		item_free(it);
		return;
	}
	j->held[j->n_held++] = it;
	if (j->n_held == QUEUE / 2) {
		pthread_mutex_lock(&r->mu);
		publish(j);
		take_spent(j);
		pthread_mutex_unlock(&r->mu);
		free_spent(&j->mine);
	}
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

/* Extract J's input into its slot: each of its documents and problems as
 * they come, then its end. */
static void extract_one(job *j)
{
	run *r = j->r;
	slot *s = j->s;
	const dm_input *it = &r->in.items[j->input];
	if (it->error) {
		on_problem(it->path, it->error, 0, j);
		s->read_failed++;
	} else {
		dm_sink sink = {on_document, on_problem, j, r->b->known ? known : NULL};
		dm_each_stats st;
		dm_extract_each(it->path, &r->opt, &sink, &st);
		s->read_failed += st.failed;
		s->warned += st.warned;
		s->skipped += st.skipped;
		s->unchanged += st.unchanged;
	}
	put(j, (item){NULL, NULL, NULL, it->size, 1});
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
	job *j = arg;
	run *r = j->r;
	errno = 0;
	int base = getpriority(PRIO_PROCESS, 0);
	if (!errno) /* Linux: a thread's own priority, by its id */
		setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), base + 5);
	pthread_mutex_lock(&r->mu);
	for (;;) {
		while (r->next < r->in.n && r->next >= r->draining + r->n_slots && !atomic_load(&r->stopped))
			wait_room(r);
		if (r->next >= r->in.n || atomic_load(&r->stopped))
			break;
		j->input = r->next++;
		r->started++;
		if (j->input >= r->draining + AHEAD)
			wake(r);
		j->s = &r->slots[j->input % r->n_slots];
		j->s->worker = j->worker;
		take_spent(j);
		pthread_mutex_unlock(&r->mu);
		free_spent(&j->mine);
		extract_one(j);
		pthread_mutex_lock(&r->mu);
		publish(j);
	}
	pthread_cond_signal(&r->filled); /* no more to begin: this thread may be waiting for it */
	pthread_mutex_unlock(&r->mu);
	free(j->mine.v);
	return NULL;
}

/* N items EACH is done with, made by worker W, kept for it to free
 * (under mu); freed here when memory for the list runs out. */
static void keep_spent(run *r, int w, const item *got, size_t n)
{
	spent *l = &r->spent[w];
	for (size_t k = 0; k < n; k++) {
		if (!got[k].doc && !got[k].rendered)
			continue;
		if (l->n == l->cap) {
			size_t cap = l->cap ? 2 * l->cap : 64;
			item *v = realloc(l->v, cap * sizeof *v);
			if (!v) {
				item_free(got[k]);
				continue;
			}
			l->v = v;
			l->cap = cap;
		}
		l->v[l->n++] = got[k];
	}
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
		int end = 0, w = s->worker;
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
		keep_spent(r, w, got, n);
	}
	pthread_mutex_unlock(&r->mu);
}

/* Extract with WORKERS threads; 0 when they could not be started. */
static int run_workers(run *r, int workers)
{
	pthread_t t[MAX_JOBS];
	job *jobs = calloc((size_t)workers, sizeof *jobs);
	/* far enough ahead that the workers go on while EACH is slow for a
	 * while (ingest's commit indexes thousands of documents): ingest -j 2
	 * of the 50 MB bench corpus, 7.7-8.3 s; 9.1-9.3 s with 2 slots a
	 * worker, or with the workers at the writer's priority */
	r->n_slots = 32 * (size_t)workers;
	r->slots = calloc(r->n_slots, sizeof *r->slots);
	r->spent = calloc((size_t)workers, sizeof *r->spent);
	if (!r->slots || !r->spent || !jobs) {
		free(r->slots);
		free(r->spent);
		free(jobs);
		r->slots = NULL;
		r->spent = NULL;
		return 0;
	}
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->filled, NULL);
	pthread_cond_init(&r->room, NULL);
	r->workers = workers;
	int started = 0;
	for (; started < workers; started++) {
		jobs[started] = (job){.r = r, .worker = started};
		if (pthread_create(&t[started], NULL, worker, &jobs[started]))
			break;
	}
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
	for (int k = 0; k < workers; k++) {
		free_spent(&r->spent[k]);
		free(r->spent[k].v);
	}
	free(r->spent);
	free(r->slots);
	free(jobs);
	r->spent = NULL;
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
			job j = {.r = &r, .s = &s, .input = i};
			r.started++;
			extract_one(&j);
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
