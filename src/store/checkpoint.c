/*
 * checkpoint: the write-ahead log copied back into the archive on a thread
 * of its own.
 *
 * In WAL mode a transaction appends every page it changes to the -wal
 * file, and a checkpoint copies the pages back into the database file and
 * syncs it.  SQLite's own checkpoint runs inside the commit that passes
 * its bound, on the writer's thread: in an ingest, whose writer is its
 * slowest part, that was about a sixth of the writer's time, copying and
 * waiting for the disk.  Here such a commit only wakes a thread that
 * checkpoints on a connection of its own, PASSIVE: it copies what is
 * committed, never waits for the writer nor makes it wait, and the
 * writer goes on with its next transaction meanwhile.
 *
 * SQLite starts the log from its beginning again only when a transaction
 * begins with every page copied, which a writer that goes straight on
 * never finds.  So once the log passes a larger bound a commit waits for
 * a checkpoint begun after it: by then the thread has copied all but the
 * last transaction, and the log stays under that bound and a transaction.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct dm_checkpointer {
	sqlite3 *db; /* the thread's own connection */
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake, done;
	unsigned long asked, finished; /* checkpoints asked for; the last one finished */
	int stop;
	int wake_frames, wait_frames;
};

static void *run(void *arg)
{
	dm_checkpointer *c = arg;
	pthread_mutex_lock(&c->lock);
	for (;;) {
		while (!c->stop && c->finished == c->asked)
			pthread_cond_wait(&c->wake, &c->lock);
		if (c->stop)
			break;
		unsigned long asked = c->asked;
		pthread_mutex_unlock(&c->lock);
		/* busy (another process checkpoints) or failed: the pages stay
		 * in the log, read from there, copied by a later checkpoint */
		sqlite3_wal_checkpoint_v2(c->db, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		pthread_mutex_lock(&c->lock);
		c->finished = asked;
		pthread_cond_broadcast(&c->done);
	}
	pthread_mutex_unlock(&c->lock);
	return NULL;
}

/* SQLite's call after each commit, with the frames now in the log of
 * database NAME (the archive's is "main"; others attached, shards being
 * merged, are only read). */
static int committed(void *arg, sqlite3 *db, const char *name, int frames)
{
	(void)db;
	dm_checkpointer *c = arg;
	if (frames < c->wake_frames || strcmp(name, "main"))
		return SQLITE_OK;
	pthread_mutex_lock(&c->lock);
	unsigned long mine = ++c->asked;
	pthread_cond_signal(&c->wake);
	while (frames >= c->wait_frames && c->finished < mine)
		pthread_cond_wait(&c->done, &c->lock);
	pthread_mutex_unlock(&c->lock);
	return SQLITE_OK;
}

int dm_store_wal(dm_store *s)
{
	sqlite3_stmt *q;
	int yes = sqlite3_prepare_v2(s->db, "PRAGMA main.journal_mode", -1, &q, NULL) == SQLITE_OK &&
	          sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0) &&
	          !strcmp((const char *)sqlite3_column_text(q, 0), "wal");
	sqlite3_finalize(q);
	return yes;
}

void dm_checkpointer_start(dm_store *s, long long wake, long long wait)
{
	const char *path = sqlite3_db_filename(s->db, "main");
	if (!path || !*path || !dm_store_wal(s))
		return; /* SQLite's own checkpoints, as before */
	dm_checkpointer *c = calloc(1, sizeof *c);
	if (!c)
		return;
	int page = dm_store_pragma_int(s, "PRAGMA main.page_size", 4096); /* at least 512 */
	c->wake_frames = (int)(wake / page);
	c->wait_frames = (int)(wait / page);
	int mutex = pthread_mutex_init(&c->lock, NULL) == 0;
	int conds = mutex && pthread_cond_init(&c->wake, NULL) == 0;
	if (conds && pthread_cond_init(&c->done, NULL) != 0) {
		pthread_cond_destroy(&c->wake);
		conds = 0;
	}
	if (conds && sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK &&
	    sqlite3_exec(c->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL) == SQLITE_OK &&
	    pthread_create(&c->thread, NULL, run, c) == 0) {
		sqlite3_wal_hook(s->db, committed, c); /* in place of SQLite's checkpoints */
		s->checkpointer = c;
		return;
	}
	sqlite3_close(c->db);
	if (conds) {
		pthread_cond_destroy(&c->wake);
		pthread_cond_destroy(&c->done);
	}
	if (mutex)
		pthread_mutex_destroy(&c->lock);
	free(c);
}

void dm_checkpointer_stop(dm_store *s)
{
	dm_checkpointer *c = s->checkpointer;
	if (!c)
		return;
	sqlite3_wal_hook(s->db, NULL, NULL); /* the last connection's close checkpoints what is left */
	pthread_mutex_lock(&c->lock);
	c->stop = 1;
	pthread_cond_signal(&c->wake);
	pthread_mutex_unlock(&c->lock);
	pthread_join(c->thread, NULL);
	sqlite3_close(c->db);
	pthread_cond_destroy(&c->wake);
	pthread_cond_destroy(&c->done);
	pthread_mutex_destroy(&c->lock);
	free(c);
	s->checkpointer = NULL;
}
