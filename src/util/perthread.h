/*
 * perthread: a value each thread keeps for itself, from one document to
 * the next (a cache, spare arrays), freed by its DROP when the thread
 * ends.  A dm_perthread is a static, made with DM_PERTHREAD(drop); its
 * key is made at the first call on any thread.
 */
#ifndef DM_PERTHREAD_H
#define DM_PERTHREAD_H

#include <pthread.h>
#include <stdatomic.h>

typedef struct dm_perthread {
	void (*drop)(void *);
	atomic_int state; /* 0: no key yet, 1: a key, -1: none to be had */
	pthread_key_t key;
} dm_perthread;

#define DM_PERTHREAD(drop)                                                                                             \
	{                                                                                                              \
		(drop), 0, 0                                                                                           \
	}

/* The calling thread's value, NULL when it has none yet (or no key could
 * be made). */
void *dm_perthread_get(dm_perthread *p);
/* Make V the calling thread's value.  Returns 0, or -1 (V not kept, the
 * caller still owns it) when there is no key. */
int dm_perthread_set(dm_perthread *p, void *v);

#endif
