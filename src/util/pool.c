/*
 * pool: the thread budget and parallel-for of pool.h -- a mutex-guarded
 * count of the extra threads in use, and a parallel-for whose threads are
 * started per loop (loops are few and long: model fits, figure grids), so
 * no thread idles between them.
 */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "hpreport/pool.h"
#include "hpreport/util.h"

struct hp_pool {
	int		 size;		/* threads counting the caller's, >= 1 */
	int		 used;		/* extra threads taken, <= size - 1 */
	pthread_mutex_t	 mu;		/* guards used */
};

int
hp_pool_default_threads(void)
{
	const char *s = getenv("HP_THREADS");
	long n;

	if (s && *s && (n = strtol(s, NULL, 10)) >= 1)
		return n > HP_POOL_MAX ? HP_POOL_MAX : (int)n;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	return n > 8 ? 8 : (int)n;
}

struct hp_pool *
hp_pool_new(int nthreads)
{
	struct hp_pool *pool = hp_calloc(1, sizeof(*pool));

	if (nthreads <= 0)
		nthreads = hp_pool_default_threads();
	pool->size = nthreads > HP_POOL_MAX ? HP_POOL_MAX : nthreads;
	pthread_mutex_init(&pool->mu, NULL);
	return pool;
}

void
hp_pool_free(struct hp_pool *pool)
{
	if (pool == NULL)
		return;
	pthread_mutex_destroy(&pool->mu);
	free(pool);
}

int
hp_pool_size(const struct hp_pool *pool)
{
	return pool ? pool->size : 1;
}

int
hp_pool_take(struct hp_pool *pool, int want)
{
	int got;

	if (pool == NULL || want <= 0)
		return 0;
	pthread_mutex_lock(&pool->mu);
	got = pool->size - 1 - pool->used;
	if (got > want)
		got = want;
	if (got < 0)
		got = 0;
	pool->used += got;
	pthread_mutex_unlock(&pool->mu);
	return got;
}

void
hp_pool_give(struct hp_pool *pool, int n)
{
	if (pool == NULL || n <= 0)
		return;
	pthread_mutex_lock(&pool->mu);
	pool->used -= n;
	pthread_mutex_unlock(&pool->mu);
}

/* One loop: the next i to run, shared by its threads. */
struct pool_for {
	size_t		 n, next;
	void		(*fn)(void *, size_t);
	void		*arg;
	pthread_mutex_t	 mu;		/* guards next */
};

static void *
pool_for_worker(void *p)
{
	struct pool_for *w = p;

	for (;;) {
		size_t i;

		pthread_mutex_lock(&w->mu);
		i = w->next++;
		pthread_mutex_unlock(&w->mu);
		if (i >= w->n)
			return NULL;
		w->fn(w->arg, i);
	}
}

void
hp_pool_for(struct hp_pool *pool, size_t n, void (*fn)(void *arg, size_t i),
    void *arg)
{
	struct pool_for w = { n, 0, fn, arg, PTHREAD_MUTEX_INITIALIZER };
	pthread_t th[HP_POOL_MAX];
	int want = hp_pool_size(pool) - 1, extra, started = 0;

	if ((size_t)want > (n ? n - 1 : 0))
		want = (int)(n ? n - 1 : 0);
	/* this thread is worker 0; a failed pthread_create just means fewer */
	extra = hp_pool_take(pool, want);
	for (int k = 0; k < extra; k++)
		if (pthread_create(&th[started], NULL, pool_for_worker, &w) == 0)
			started++;
	hp_pool_give(pool, extra - started);
	pool_for_worker(&w);
	for (int k = 0; k < started; k++)
		pthread_join(th[k], NULL);
	hp_pool_give(pool, started);
	pthread_mutex_destroy(&w.mu);
}
