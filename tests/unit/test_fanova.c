/*
 * test_fanova: fANOVA importances (src/analysis/fanova.c) on cases with a
 * known answer, on a study built through the builder API with a categorical
 * param, and its determinism.  The fidelity tests against Optuna 3.1 on
 * stored studies live in test_importances.c.
 */
#include "testutil.h"

#include "hpreport/analysis.h"

static void
fanova_of_x_should_give_x_all_importance(void **state)
{
	struct hp_rng r;
	double X[1000], y[500], lo[2] = { 0, 0 }, hi[2] = { 1, 1 }, imp[2];
	size_t groups[3] = { 0, 1, 2 };
	struct hp_forest f;
	struct hp_err err = { 0 };

	(void)state;
	hp_rng_seed(&r, 9);
	for (size_t i = 0; i < 500; i++) {
		X[2 * i] = hp_rng_uniform(&r);
		X[2 * i + 1] = hp_rng_uniform(&r);
		y[i] = X[2 * i];
	}
	assert_int_equal(hp_forest_fit(&f, X, y, 500, 2, NULL, &err), 0);
	hp_fanova_forest(&f, lo, hi, groups, 2, NULL, imp);
	assert_near(imp[0], 1.0, 0.01);
	assert_near(imp[1], 0.0, 0.01);
	hp_forest_release(&f);
}

static void
fanova_of_additive_terms_should_split_by_their_variance(void **state)
{
	/* f = x + 0.5 y on [0,1]^2: variances 1/12 and 1/48 -> 0.8, 0.2 */
	struct hp_rng r;
	double X[4000], y[2000], lo[2] = { 0, 0 }, hi[2] = { 1, 1 }, imp[2];
	size_t groups[3] = { 0, 1, 2 };
	struct hp_forest f;
	struct hp_err err = { 0 };

	(void)state;
	hp_rng_seed(&r, 10);
	for (size_t i = 0; i < 2000; i++) {
		X[2 * i] = hp_rng_uniform(&r);
		X[2 * i + 1] = hp_rng_uniform(&r);
		y[i] = X[2 * i] + 0.5 * X[2 * i + 1];
	}
	assert_int_equal(hp_forest_fit(&f, X, y, 2000, 2, NULL, &err), 0);
	hp_fanova_forest(&f, lo, hi, groups, 2, NULL, imp);
	assert_near(imp[0], 0.8, 0.03);
	assert_near(imp[1], 0.2, 0.03);
	hp_forest_release(&f);
}

/* A study: a (float, dominant), b (categorical, small), c (int, none). */
static struct hp_study *
build_study(size_t n)
{
	struct hp_study *st = hp_study_new("s");
	struct hp_dist da = { .kind = HP_DIST_FLOAT, .low = -1, .high = 1 };
	struct hp_dist dc = { .kind = HP_DIST_INT, .low = 1, .high = 10, .step = 1 };
	struct hp_choice ch[3] = { { HP_CHOICE_STRING, 0, (char *)"p" },
	    { HP_CHOICE_STRING, 0, (char *)"q" }, { HP_CHOICE_STRING, 0, (char *)"r" } };
	struct hp_dist db = { .kind = HP_DIST_CATEGORICAL, .choices = ch, .nchoices = 3 };
	struct hp_rng r;
	struct hp_err err = { 0 };

	hp_rng_seed(&r, 5);
	for (size_t i = 0; i < n; i++) {
		size_t t = hp_study_add_trial(st, (int)i, i % 10 == 9 ?
		    HP_STATE_FAIL : HP_STATE_COMPLETE);
		double a = 2 * hp_rng_uniform(&r) - 1, b = (double)hp_rng_below(&r, 3);
		double c = 1 + (double)hp_rng_below(&r, 10);

		assert_int_equal(hp_study_set_param(st, t, "a", &da, a, &err), 0);
		assert_int_equal(hp_study_set_param(st, t, "b", &db, b, &err), 0);
		assert_int_equal(hp_study_set_param(st, t, "c", &dc, c, &err), 0);
		if (i % 10 != 9)
			hp_study_set_value(st, t, 0, 4 * a * a + 0.5 * b);
	}
	assert_int_equal(hp_study_finish(st, &err), 0);
	return st;
}

static void
fanova_on_a_study_should_rank_the_dominant_param_first(void **state)
{
	struct hp_study *st = build_study(300);
	size_t idx[3] = { 0, 1, 2 };
	struct hp_encoding e;
	struct hp_forest_opts o;
	struct hp_err err = { 0 };
	double imp[3];

	(void)state;
	assert_int_equal(hp_encode(st, 0, idx, 3, HP_WARP_RAW, 0, 0, &e, &err), 0);
	assert_int_equal(e.nrows, 270);		/* FAIL trials left out */
	assert_int_equal(e.ncols, 5);		/* a, b one-hot x3, c */
	hp_forest_opts_defaults(&o);
	assert_int_equal(hp_fanova(&e, &o, imp, &err), 0);
	assert_near(imp[0] + imp[1] + imp[2], 1.0, 1e-12);
	assert_true(imp[0] > 0.8);
	assert_true(imp[1] > imp[2]);
	assert_true(imp[2] < 0.03);
	hp_encoding_release(&e);
	hp_study_free(st);
}

static void
fanova_should_give_the_same_numbers_every_run(void **state)
{
	struct hp_study *st = build_study(200);
	size_t idx[3] = { 0, 1, 2 };
	struct hp_encoding e;
	struct hp_forest_opts o;
	struct hp_err err = { 0 };
	double a[3], b[3];

	(void)state;
	assert_int_equal(hp_encode(st, 0, idx, 3, HP_WARP_RAW, 0, 0, &e, &err), 0);
	hp_forest_opts_defaults(&o);
	o.pool = NULL;
	assert_int_equal(hp_fanova(&e, &o, a, &err), 0);
	o.pool = hp_pool_new(2);
	assert_int_equal(hp_fanova(&e, &o, b, &err), 0);
	hp_pool_free(o.pool);
	assert_memory_equal(a, b, sizeof(a));
	hp_encoding_release(&e);
	hp_study_free(st);
}

static void
fanova_should_refuse_a_single_trial(void **state)
{
	struct hp_study *st = build_study(1);
	size_t idx[3] = { 0, 1, 2 };
	struct hp_encoding e;
	struct hp_err err = { 0 };
	double imp[3];

	(void)state;
	assert_int_equal(hp_encode(st, 0, idx, 3, HP_WARP_RAW, 0, 0, &e, &err), 0);
	assert_int_equal(hp_fanova(&e, NULL, imp, &err), -1);
	assert_non_null(strstr(err.msg, "at least 2"));
	hp_encoding_release(&e);
	hp_study_free(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fanova_of_x_should_give_x_all_importance),
		cmocka_unit_test(fanova_of_additive_terms_should_split_by_their_variance),
		cmocka_unit_test(fanova_on_a_study_should_rank_the_dominant_param_first),
		cmocka_unit_test(fanova_should_give_the_same_numbers_every_run),
		cmocka_unit_test(fanova_should_refuse_a_single_trial),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
