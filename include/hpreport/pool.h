/*
 * pool: a budget of threads that parallel loops borrow workers from.  The
 * caller (report) makes one pool for a run, sized to the threads the
 * process may use; a loop takes extra threads from it while it runs and
 * gives them back when done.  Loops nested inside other workers (a model
 * fitted inside a figure built on a report thread) therefore run on the
 * threads the others leave free, or in their caller alone: the process
 * never runs more threads than the budget.  Nothing here is global: code
 * that may run in parallel is handed the pool, and a NULL pool is a budget
 * of one thread (everything runs serially in the caller).
 */
#ifndef HPREPORT_POOL_H
#define HPREPORT_POOL_H

#include <stddef.h>

#define HP_POOL_MAX	64	/* threads of a pool at most */

struct hp_pool;			/* opaque */

/* Threads to use by default (>= 1): HP_THREADS from the environment
 * (capped at HP_POOL_MAX), else the online CPUs, at most 8. */
int hp_pool_default_threads(void);

/* A pool of nthreads threads counting its caller's (nthreads <= 0:
 * hp_pool_default_threads(); capped at HP_POOL_MAX).  Never NULL (aborts
 * when out of memory, as hp_calloc).  Free with hp_pool_free(). */
struct hp_pool *hp_pool_new(int nthreads);

/* Frees a pool no loop is using; NULL is fine. */
void hp_pool_free(struct hp_pool *pool);

/* Threads of the pool counting the caller's (>= 1; 1 for NULL). */
int hp_pool_size(const struct hp_pool *pool);

/* Takes up to want threads beyond the caller's from the budget of
 * hp_pool_size() - 1; returns how many it got (0 when all are busy, or
 * pool is NULL).  hp_pool_give(pool, n) returns n of them.  Thread-safe. */
int hp_pool_take(struct hp_pool *pool, int want);
void hp_pool_give(struct hp_pool *pool, int n);

/*
 * Runs fn(arg, i) for every i in [0, n): on the caller and as many extra
 * threads (up to n - 1) as hp_pool_take grants, each taking the next i
 * from a shared counter; returns when all are done, the threads given
 * back.  fn must only write to memory owned by i, so results do not
 * depend on the thread count.  pool NULL: a plain loop in the caller.
 */
void hp_pool_for(struct hp_pool *pool, size_t n, void (*fn)(void *arg, size_t i),
    void *arg);

#endif
