/*
 * test_pdp: partial dependence (src/analysis/pdp.c) -- a forest's partial
 * dependence of an additive function recovers each term up to a constant,
 * the fast forest walk gives the generic predict-based numbers, and a
 * one-hot categorical axis works.
 */
#include "testutil.h"

#include "hpreport/analysis.h"

#define N 3000

static void
sample(double *X, double *y, double *bg, size_t nbg)
{
	struct hp_rng r;

	hp_rng_seed(&r, 11);
	for (size_t i = 0; i < N; i++) {
		for (size_t k = 0; k < 3; k++)
			X[3 * i + k] = hp_rng_uniform(&r);
		/* additive: 4 (x0 - 0.5)^2 + sin(3 x1) + 0 * x2 */
		y[i] = 4 * (X[3 * i] - 0.5) * (X[3 * i] - 0.5) + sin(3 * X[3 * i + 1]);
	}
	for (size_t i = 0; i < 3 * nbg; i++)
		bg[i] = hp_rng_uniform(&r);
}

static void
forest_pdp_of_an_additive_function_should_recover_each_term(void **state)
{
	static double X[3 * N], y[N], bg[3 * 100];
	double grid[20], pd0[20], pd1[20];
	struct hp_forest f;
	struct hp_err err = { 0 };
	struct hp_pdp_axis a0 = { 0, 1, 20, grid }, a1 = { 1, 1, 20, grid };
	double c0 = 0, c1 = 0;

	(void)state;
	sample(X, y, bg, 100);
	for (size_t i = 0; i < 20; i++)
		grid[i] = 0.05 + 0.9 * (double)i / 19;
	assert_int_equal(hp_forest_fit(&f, X, y, N, 3, NULL, &err), 0);
	hp_pdp_forest(&f, &a0, NULL, bg, 100, NULL, pd0);
	hp_pdp_forest(&f, &a1, NULL, bg, 100, NULL, pd1);
	/* the constant: mean difference over the grid */
	for (size_t i = 0; i < 20; i++) {
		c0 += (pd0[i] - 4 * (grid[i] - 0.5) * (grid[i] - 0.5)) / 20;
		c1 += (pd1[i] - sin(3 * grid[i])) / 20;
	}
	for (size_t i = 0; i < 20; i++) {
		assert_near(pd0[i] - c0, 4 * (grid[i] - 0.5) * (grid[i] - 0.5), 0.06);
		assert_near(pd1[i] - c1, sin(3 * grid[i]), 0.06);
	}
	hp_forest_release(&f);
}

static void
forest_walk_should_match_predict_based_pdp_in_two_dims(void **state)
{
	static double X[3 * N], y[N], bg[3 * 50];
	double grid[12], fast[144], slow[144];
	struct hp_forest f;
	struct hp_forest_opts o;
	struct hp_model m;
	struct hp_err err = { 0 };
	struct hp_pdp_axis a0 = { 0, 1, 12, grid }, a2 = { 2, 1, 12, grid };

	(void)state;
	sample(X, y, bg, 50);
	for (size_t i = 0; i < 12; i++)
		grid[i] = (double)i / 11;
	hp_forest_opts_defaults(&o);
	o.ntrees = 16;
	assert_int_equal(hp_forest_fit(&f, X, y, N, 3, &o, &err), 0);
	m = hp_forest_model(&f);
	hp_pdp_forest(&f, &a0, &a2, bg, 50, NULL, fast);
	hp_pdp(&m, &a0, &a2, bg, 50, NULL, slow);
	for (size_t k = 0; k < 144; k++)
		assert_near(fast[k], slow[k], 1e-9);
	hp_forest_release(&f);
}

static void
forest_walk_should_match_predict_based_pdp_on_one_hot_axes(void **state)
{
	/* column 0 numeric, columns 1..3 one-hot of a 3-choice param */
	struct hp_rng r;
	static double X[4 * 600], y[600], bg[4 * 30];
	double onehot[9] = { 1, 0, 0, 0, 1, 0, 0, 0, 1 }, grid[10];
	double fast[30], slow[30];
	struct hp_forest f;
	struct hp_model m;
	struct hp_err err = { 0 };
	struct hp_pdp_axis ac = { 1, 3, 3, onehot }, an = { 0, 1, 10, grid };

	(void)state;
	hp_rng_seed(&r, 4);
	for (size_t i = 0; i < 600; i++) {
		size_t k = hp_rng_below(&r, 3);

		X[4 * i] = hp_rng_uniform(&r);
		for (size_t j = 0; j < 3; j++)
			X[4 * i + 1 + j] = j == k;
		y[i] = X[4 * i] + (double)k;
	}
	for (size_t i = 0; i < 30; i++) {
		size_t k = hp_rng_below(&r, 3);

		bg[4 * i] = hp_rng_uniform(&r);
		for (size_t j = 0; j < 3; j++)
			bg[4 * i + 1 + j] = j == k;
	}
	for (size_t i = 0; i < 10; i++)
		grid[i] = (double)i / 9;
	assert_int_equal(hp_forest_fit(&f, X, y, 600, 4, NULL, &err), 0);
	m = hp_forest_model(&f);
	hp_pdp_forest(&f, &ac, &an, bg, 30, NULL, fast);
	hp_pdp(&m, &ac, &an, bg, 30, NULL, slow);
	for (size_t k = 0; k < 30; k++)
		assert_near(fast[k], slow[k], 1e-9);
	/* choice 2 lies 2 above choice 0 at every x */
	for (size_t j = 0; j < 10; j++)
		assert_near(fast[20 + j] - fast[j], 2.0, 0.15);
	hp_forest_release(&f);
}

static void
gp_pdp_should_recover_an_additive_term(void **state)
{
	struct hp_rng r;
	double X[2 * 60], y[60], bg[2 * 80], grid[9], pd[9], c = 0;
	struct hp_gp g;
	struct hp_model m;
	struct hp_err err = { 0 };
	struct hp_pdp_axis a0 = { 0, 1, 9, grid };

	(void)state;
	hp_rng_seed(&r, 8);
	for (size_t i = 0; i < 60; i++) {
		X[2 * i] = hp_rng_uniform(&r);
		X[2 * i + 1] = hp_rng_uniform(&r);
		y[i] = 2 * X[2 * i] + X[2 * i + 1] * X[2 * i + 1];
	}
	for (size_t i = 0; i < 160; i++)
		bg[i] = hp_rng_uniform(&r);
	for (size_t i = 0; i < 9; i++)
		grid[i] = 0.1 + 0.1 * (double)i;
	assert_int_equal(hp_gp_fit(&g, X, y, 60, 2, 3, 2, &err), 0);
	m = hp_gp_model(&g);
	hp_pdp(&m, &a0, NULL, bg, 80, NULL, pd);
	for (size_t i = 0; i < 9; i++)
		c += (pd[i] - 2 * grid[i]) / 9;
	for (size_t i = 0; i < 9; i++)
		assert_near(pd[i] - c, 2 * grid[i], 0.03);
	hp_gp_release(&g);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(forest_pdp_of_an_additive_function_should_recover_each_term),
		cmocka_unit_test(forest_walk_should_match_predict_based_pdp_in_two_dims),
		cmocka_unit_test(forest_walk_should_match_predict_based_pdp_on_one_hot_axes),
		cmocka_unit_test(gp_pdp_should_recover_an_additive_term),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
