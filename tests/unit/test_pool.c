/*
 * test_pool: the thread pool of src/util/pool.c -- a parallel-for runs
 * every index once whatever the pool, the budget never hands out more
 * threads than it holds, and a NULL pool is one thread.
 */
#include "testutil.h"

#include "hpreport/pool.h"

struct counts {
	size_t	 n;
	int	*hits;		/* [n] times index i ran */
};

static void
count_hit(void *arg, size_t i)
{
	struct counts *c = arg;

	c->hits[i]++;	/* i is owned by this call alone */
}

static void
pool_for_should_run_every_index_once(void **state)
{
	static const int sizes[] = { 0, 1, 2, 4, 9 };
	int hits[1000];

	(void)state;
	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		struct hp_pool *pool = sizes[s] ? hp_pool_new(sizes[s]) : NULL;

		for (size_t n = 0; n <= 1000; n += 333) {
			struct counts c = { n, hits };

			memset(hits, 0, sizeof(hits));
			hp_pool_for(pool, n, count_hit, &c);
			for (size_t i = 0; i < n; i++)
				assert_int_equal(hits[i], 1);
		}
		/* every borrowed thread was given back */
		assert_int_equal(hp_pool_take(pool, 100), hp_pool_size(pool) - 1);
		hp_pool_free(pool);
	}
}

static void
pool_take_should_stay_within_the_budget(void **state)
{
	struct hp_pool *pool = hp_pool_new(4);

	(void)state;
	assert_int_equal(hp_pool_size(pool), 4);
	assert_int_equal(hp_pool_take(pool, 2), 2);
	assert_int_equal(hp_pool_take(pool, 2), 1);
	assert_int_equal(hp_pool_take(pool, 1), 0);
	hp_pool_give(pool, 3);
	assert_int_equal(hp_pool_take(pool, 5), 3);
	hp_pool_give(pool, 3);
	hp_pool_free(pool);
}

static void
null_pool_should_be_one_thread(void **state)
{
	(void)state;
	assert_int_equal(hp_pool_size(NULL), 1);
	assert_int_equal(hp_pool_take(NULL, 4), 0);
	hp_pool_give(NULL, 4);
	hp_pool_free(NULL);
}

static void
pool_new_should_default_to_hp_threads(void **state)
{
	struct hp_pool *pool;

	(void)state;
	setenv("HP_THREADS", "3", 1);
	assert_int_equal(hp_pool_default_threads(), 3);
	pool = hp_pool_new(0);
	assert_int_equal(hp_pool_size(pool), 3);
	hp_pool_free(pool);
	setenv("HP_THREADS", "1000", 1);
	assert_int_equal(hp_pool_default_threads(), HP_POOL_MAX);
	unsetenv("HP_THREADS");
	assert_true(hp_pool_default_threads() >= 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pool_for_should_run_every_index_once),
		cmocka_unit_test(pool_take_should_stay_within_the_budget),
		cmocka_unit_test(null_pool_should_be_one_thread),
		cmocka_unit_test(pool_new_should_default_to_hp_threads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
