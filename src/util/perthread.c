#include "perthread.h"

static pthread_mutex_t making = PTHREAD_MUTEX_INITIALIZER;

/* Whether P has a key: made by the first caller, under a lock, since
 * pthread_once's routine could not be told which key to make. */
static int have_key(dm_perthread *p)
{
	int s = atomic_load_explicit(&p->state, memory_order_acquire);
	if (s)
		return s > 0;
	pthread_mutex_lock(&making);
	s = atomic_load_explicit(&p->state, memory_order_relaxed);
	if (!s) {
		s = pthread_key_create(&p->key, p->drop) ? -1 : 1;
		atomic_store_explicit(&p->state, s, memory_order_release);
	}
	pthread_mutex_unlock(&making);
	return s > 0;
}

void *dm_perthread_get(dm_perthread *p)
{
	return have_key(p) ? pthread_getspecific(p->key) : NULL;
}

int dm_perthread_set(dm_perthread *p, void *v)
{
	return have_key(p) && !pthread_setspecific(p->key, v) ? 0 : -1;
}
