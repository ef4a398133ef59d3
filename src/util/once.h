/*
 * once: work done once a process, on whichever thread asks first, for a
 * caller on a hot path: after the first call, dm_once costs one atomic
 * read, not a call to pthread_once.
 */
#ifndef DM_ONCE_H
#define DM_ONCE_H

#include <pthread.h>
#include <stdatomic.h>

typedef struct dm_once {
	pthread_once_t once;
	atomic_int done;
} dm_once;

#define DM_ONCE_INIT                                                                                                   \
	{                                                                                                              \
		PTHREAD_ONCE_INIT, 0                                                                                   \
	}

/* Run INIT if no call has yet; on return, INIT has run to its end. */
static inline void dm_once_run(dm_once *o, void (*init)(void))
{
	if (!atomic_load_explicit(&o->done, memory_order_acquire)) {
		pthread_once(&o->once, init);
		atomic_store_explicit(&o->done, 1, memory_order_release);
	}
}

#endif
