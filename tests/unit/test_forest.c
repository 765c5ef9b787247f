/*
 * test_forest: the regression forest of src/analysis/forest.c -- fits its
 * training data, is deterministic for a seed whatever the thread count,
 * and predicts a step function from noisy-free samples.
 */
#include "testutil.h"

#include "hpreport/analysis.h"

static void
make_data(double *X, double *y, size_t n, uint64_t seed)
{
	struct hp_rng r;

	hp_rng_seed(&r, seed);
	for (size_t i = 0; i < n; i++) {
		X[2 * i] = hp_rng_uniform(&r);
		X[2 * i + 1] = hp_rng_uniform(&r);
		y[i] = (X[2 * i] > 0.5 ? 3.0 : 0.0) + X[2 * i + 1];
	}
}

static void
fully_grown_tree_without_bootstrap_should_fit_training_points(void **state)
{
	double X[400], y[200];
	struct hp_forest f;
	struct hp_forest_opts o;
	struct hp_err err = { 0 };

	(void)state;
	make_data(X, y, 200, 1);
	hp_forest_opts_defaults(&o);
	o.ntrees = 3;
	o.bootstrap = 0;
	assert_int_equal(hp_forest_fit(&f, X, y, 200, 2, &o, &err), 0);
	for (size_t i = 0; i < 200; i++)
		assert_near(hp_forest_predict1(&f, X + 2 * i), y[i], 1e-12);
	hp_forest_release(&f);
}

static void
forest_should_be_identical_for_one_and_two_threads(void **state)
{
	double X[1000], y[500];
	struct hp_forest a, b;
	struct hp_forest_opts o;
	struct hp_err err = { 0 };

	(void)state;
	make_data(X, y, 500, 2);
	hp_forest_opts_defaults(&o);
	o.seed = 42;
	o.pool = NULL;
	assert_int_equal(hp_forest_fit(&a, X, y, 500, 2, &o, &err), 0);
	o.pool = hp_pool_new(2);
	assert_int_equal(hp_forest_fit(&b, X, y, 500, 2, &o, &err), 0);
	hp_pool_free(o.pool);
	assert_int_equal(a.ntrees, 64);
	for (size_t t = 0; t < a.ntrees; t++) {
		assert_int_equal(a.trees[t].nnodes, b.trees[t].nnodes);
		assert_memory_equal(a.trees[t].threshold, b.trees[t].threshold,
		    a.trees[t].nnodes * sizeof(double));
	}
	hp_forest_release(&a);
	hp_forest_release(&b);
}

static void
forest_should_predict_a_step_between_samples(void **state)
{
	double X[1000], y[500], q[2];
	struct hp_forest f;
	struct hp_err err = { 0 };

	(void)state;
	make_data(X, y, 500, 3);
	assert_int_equal(hp_forest_fit(&f, X, y, 500, 2, NULL, &err), 0);
	q[0] = 0.2, q[1] = 0.5;
	assert_near(hp_forest_predict1(&f, q), 0.5, 0.1);
	q[0] = 0.8;
	assert_near(hp_forest_predict1(&f, q), 3.5, 0.1);
	hp_forest_release(&f);
}

static void
forest_fit_should_refuse_an_empty_sample(void **state)
{
	struct hp_forest f;
	struct hp_err err = { 0 };
	double x = 0;

	(void)state;
	assert_int_equal(hp_forest_fit(&f, &x, &x, 0, 1, NULL, &err), -1);
	assert_true(err.msg[0] != '\0');
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fully_grown_tree_without_bootstrap_should_fit_training_points),
		cmocka_unit_test(forest_should_be_identical_for_one_and_two_threads),
		cmocka_unit_test(forest_should_predict_a_step_between_samples),
		cmocka_unit_test(forest_fit_should_refuse_an_empty_sample),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
