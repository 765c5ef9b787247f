/*
 * test_gp: the Gaussian process of src/analysis/gp.c -- interpolates
 * noise-free training points of a 1-D function, predicts between them,
 * finds a larger likelihood than the starting guess, and is deterministic.
 */
#include "testutil.h"

#include "hpreport/analysis.h"

static double
fn(double x)
{
	return sin(6 * x) + 0.5 * x;
}

static void
gp_should_interpolate_noise_free_training_points(void **state)
{
	double X[12], y[12], p[12];
	struct hp_gp g;
	struct hp_err err = { 0 };

	(void)state;
	for (size_t i = 0; i < 12; i++) {
		X[i] = (double)i / 11;
		y[i] = fn(X[i]);
	}
	assert_int_equal(hp_gp_fit(&g, X, y, 12, 1, 3, 1, &err), 0);
	hp_gp_predict(&g, X, 12, p);
	for (size_t i = 0; i < 12; i++)
		assert_near(p[i], y[i], 1e-3);
	assert_true(g.noise < 1e-3);
	hp_gp_release(&g);
}

static void
gp_should_predict_a_smooth_function_between_points(void **state)
{
	double X[15], y[15], q, p;
	struct hp_gp g;
	struct hp_err err = { 0 };

	(void)state;
	for (size_t i = 0; i < 15; i++) {
		X[i] = (double)i / 14;
		y[i] = fn(X[i]);
	}
	assert_int_equal(hp_gp_fit(&g, X, y, 15, 1, 3, 1, &err), 0);
	for (q = 0.03; q < 1; q += 0.071) {
		hp_gp_predict(&g, &q, 1, &p);
		assert_near(p, fn(q), 0.02);
	}
	hp_gp_release(&g);
}

static void
gp_fit_should_raise_the_likelihood_above_the_start(void **state)
{
	struct hp_rng r;
	double X[80], y[40], yn[40], ls[2] = { 1, 1 }, mean = 0, sd = 0;
	struct hp_gp g;
	struct hp_err err = { 0 };

	(void)state;
	hp_rng_seed(&r, 3);
	for (size_t i = 0; i < 40; i++) {
		X[2 * i] = hp_rng_uniform(&r);
		X[2 * i + 1] = hp_rng_uniform(&r);
		y[i] = sin(8 * X[2 * i]) + 0.05 * hp_rng_normal(&r);
		mean += y[i] / 40;
	}
	for (size_t i = 0; i < 40; i++)
		sd += (y[i] - mean) * (y[i] - mean) / 40;
	sd = sqrt(sd);
	for (size_t i = 0; i < 40; i++)
		yn[i] = (y[i] - mean) / sd;
	assert_int_equal(hp_gp_fit(&g, X, y, 40, 2, 3, 7, &err), 0);
	assert_true(g.lml > hp_gp_lml(X, yn, 40, 2, 1.0, ls, 1e-2) + 1);
	/* x matters, the second column does not: a much longer length scale */
	assert_true(g.ls[1] > 3 * g.ls[0]);
	hp_gp_release(&g);
}

static void
gp_should_fit_the_same_every_run(void **state)
{
	double X[20], y[20], a, b, q = 0.37;
	struct hp_gp g1, g2;
	struct hp_err err = { 0 };

	(void)state;
	for (size_t i = 0; i < 20; i++) {
		X[i] = (double)((i * 7) % 20) / 19;
		y[i] = fn(X[i]) + 0.01 * (double)(i % 3);
	}
	assert_int_equal(hp_gp_fit(&g1, X, y, 20, 1, 4, 5, &err), 0);
	assert_int_equal(hp_gp_fit(&g2, X, y, 20, 1, 4, 5, &err), 0);
	hp_gp_predict(&g1, &q, 1, &a);
	hp_gp_predict(&g2, &q, 1, &b);
	assert_memory_equal(&a, &b, sizeof(a));
	hp_gp_release(&g1);
	hp_gp_release(&g2);
}

static void
gp_should_handle_a_constant_objective(void **state)
{
	double X[5] = { 0, 0.2, 0.4, 0.6, 0.8 }, y[5] = { 3, 3, 3, 3, 3 }, p, q = 0.5;
	struct hp_gp g;
	struct hp_err err = { 0 };

	(void)state;
	assert_int_equal(hp_gp_fit(&g, X, y, 5, 1, 2, 1, &err), 0);
	hp_gp_predict(&g, &q, 1, &p);
	assert_near(p, 3, 1e-9);
	hp_gp_release(&g);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gp_should_interpolate_noise_free_training_points),
		cmocka_unit_test(gp_should_predict_a_smooth_function_between_points),
		cmocka_unit_test(gp_fit_should_raise_the_likelihood_above_the_start),
		cmocka_unit_test(gp_should_fit_the_same_every_run),
		cmocka_unit_test(gp_should_handle_a_constant_objective),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
