/*
 * test_pedanova: PED-ANOVA importances (src/analysis/pedanova.c) on small
 * studies whose numbers can be worked out by hand from Optuna's
 * PedAnovaImportanceEvaluator (optuna/importance/_ped_anova/), and the
 * importances figure's notes and axis (src/plot/importances.c).  The
 * numbers on real studies are compared with an independent reference in
 * tests/e2e/pedanova.sh.
 */
#include "testutil.h"

#include "hpreport/analysis.h"
#include "hpreport/plot.h"

/*
 * n trials: categorical "a" (2 choices) alternating 0, 1, 0, 1...;
 * categorical "b" (2 choices) 0, 0, 1, 1, 0, 0...; the value 10 a + t/1000,
 * so the best trials are those with a = 0 in trial order, and b is even
 * among them.  With cond, "c" (float in [0, 1]) is present only when a = 0,
 * and "r" (float) only in trial 5.
 */
static struct hp_study *
build(size_t n, enum hp_direction dir, int cond)
{
	struct hp_study *st = hp_study_new("s");
	struct hp_choice ch[2] = { { HP_CHOICE_STRING, 0, (char *)"p" },
	    { HP_CHOICE_STRING, 0, (char *)"q" } };
	struct hp_dist dc = { .kind = HP_DIST_CATEGORICAL, .choices = ch, .nchoices = 2 };
	struct hp_dist df = { .kind = HP_DIST_FLOAT, .low = 0, .high = 1 };
	struct hp_err err = { 0 };

	hp_study_set_directions(st, 1, &dir);
	for (size_t i = 0; i < n; i++) {
		size_t t = hp_study_add_trial(st, (int)i, HP_STATE_COMPLETE);
		double a = (double)(i % 2), b = (double)(i / 2 % 2);

		assert_int_equal(hp_study_set_param(st, t, "a", &dc, a, &err), 0);
		assert_int_equal(hp_study_set_param(st, t, "b", &dc, b, &err), 0);
		if (cond && a == 0)
			assert_int_equal(hp_study_set_param(st, t, "c", &df,
			    (double)(i % 7) / 6, &err), 0);
		if (cond && i == 5)
			assert_int_equal(hp_study_set_param(st, t, "r", &df, 0.5, &err), 0);
		hp_study_set_value(st, t, 0, 10 * a + (double)i / 1000);
	}
	assert_int_equal(hp_study_finish(st, &err), 0);
	return st;
}

/*
 * 20 trials: the top 10 % is trials 0 and 2, both a = 0, one b each.  For
 * a the top counts (2, 0) give the Parzen pdf (2/3, 1/3) (kernel weights
 * 2/3 and prior 1/3; the kernel puts 1 + 1/2 of 2 on its choice, the prior
 * 1/2 on each), the region's (10, 10) gives (1/2, 1/2): Pearson divergence
 * 2 * 1/2 * (4/3 - 1)^2 = 1/9, times (2/20)^2 = 1/900.  For b both pdfs are
 * (1/2, 1/2): 0.
 */
static void
pedanova_should_give_the_deciding_param_all_the_importance(void **state)
{
	struct hp_study *st = build(20, HP_DIR_MINIMIZE, 0);
	size_t idx[2] = { 0, 1 };
	struct hp_pedanova_info info;
	struct hp_err err = { 0 };
	unsigned char sparse[2];
	double imp[2];

	(void)state;
	assert_int_equal(hp_pedanova(st, 0, idx, 2, NULL, imp, sparse, &info, &err), 0);
	assert_int_equal(info.ntrials, 20);
	assert_int_equal(info.ntarget, 2);
	assert_int_equal(info.nregion, 20);
	assert_near(imp[0], 1.0 / 900, 1e-12);
	assert_near(imp[1], 0, 1e-15);
	assert_int_equal(sparse[0] + sparse[1], 0);
	hp_importances_normalize(imp, 2);
	assert_near(imp[0], 1, 1e-9);
	assert_near(imp[1], 0, 1e-9);
	hp_study_free(st);
}

/* Maximising, the top trials are those with a = 1: the same numbers. */
static void
pedanova_should_follow_the_direction(void **state)
{
	struct hp_study *st = build(20, HP_DIR_MAXIMIZE, 0);
	size_t idx[2] = { 0, 1 };
	struct hp_pedanova_info info;
	struct hp_err err = { 0 };
	double imp[2];

	(void)state;
	assert_int_equal(hp_pedanova(st, 0, idx, 2, NULL, imp, NULL, &info, &err), 0);
	assert_int_equal(info.ntarget, 2);	/* trials 19 and 17 */
	assert_near(imp[0], 1.0 / 900, 1e-12);
	assert_near(imp[1], 0, 1e-15);
	hp_study_free(st);
}

/* Optuna's cutoff is the value at index ceil(0.1 * n) - 1 of the sorted
 * losses: 25 trials give a top of 3 (rounded up), 30 trials of 3. */
static void
pedanova_should_round_the_quantile_up(void **state)
{
	struct hp_study *st = build(25, HP_DIR_MINIMIZE, 0);
	size_t idx[1] = { 0 };
	struct hp_pedanova_info info;
	struct hp_err err = { 0 };
	double imp[1];

	(void)state;
	assert_int_equal(hp_pedanova(st, 0, idx, 1, NULL, imp, NULL, &info, &err), 0);
	assert_int_equal(info.ntarget, 3);
	hp_study_free(st);
	st = build(30, HP_DIR_MINIMIZE, 0);
	assert_int_equal(hp_pedanova(st, 0, idx, 1, NULL, imp, NULL, &info, &err), 0);
	assert_int_equal(info.ntarget, 3);
	hp_study_free(st);
}

/*
 * "c" is in the 10 trials with a = 0, which hold the whole top: its
 * importance is alpha^2 / beta = 1 / (1/2) = 2 times the divergence of
 * the top's c from the c of those 10 trials, times (2/20)^2; "r", in one
 * trial only, has a regime of too few trials: 0 and marked.
 */
static void
pedanova_should_weigh_a_conditional_param_by_its_trials(void **state)
{
	struct hp_study *st = build(20, HP_DIR_MINIMIZE, 1);
	int ic = hp_study_param_index(st, "c"), ir = hp_study_param_index(st, "r");
	size_t idx[2] = { (size_t)ic, (size_t)ir };
	struct hp_pedanova_opts o;
	struct hp_pedanova_info info;
	struct hp_err err = { 0 };
	unsigned char sparse[2];
	double imp[2], local[2];

	(void)state;
	assert_true(ic >= 0 && ir >= 0);
	assert_int_equal(hp_pedanova(st, 0, idx, 2, NULL, imp, sparse, &info, &err), 0);
	assert_true(imp[0] > 0);
	assert_near(imp[1], 0, 0);
	assert_int_equal(sparse[0], 0);
	assert_int_equal(sparse[1], 1);
	assert_int_equal(info.nsparse, 1);
	/* against uniform instead of the region: a different, positive number */
	hp_pedanova_opts_defaults(&o);
	o.evaluate_on_local = 0;
	assert_int_equal(hp_pedanova(st, 0, idx, 2, &o, local, NULL, &info, &err), 0);
	assert_true(local[0] > 0 && local[0] != imp[0]);
	hp_study_free(st);
}

/* Ties with the best everywhere: the top is every trial, all 0, and
 * normalising gives equal shares, as get_param_importances does. */
static void
pedanova_should_give_equal_shares_when_all_trials_tie(void **state)
{
	struct hp_study *st = hp_study_new("tie");
	struct hp_dist df = { .kind = HP_DIST_FLOAT, .low = 0, .high = 1 };
	struct hp_err err = { 0 };
	struct hp_pedanova_info info;
	size_t idx[2] = { 0, 1 };
	double imp[2];

	(void)state;
	for (size_t i = 0; i < 10; i++) {
		size_t t = hp_study_add_trial(st, (int)i, HP_STATE_COMPLETE);

		assert_int_equal(hp_study_set_param(st, t, "x", &df, (double)i / 10, &err), 0);
		assert_int_equal(hp_study_set_param(st, t, "y", &df, (double)(i % 3) / 3, &err), 0);
		hp_study_set_value(st, t, 0, 1.0);
	}
	assert_int_equal(hp_study_finish(st, &err), 0);
	assert_int_equal(hp_pedanova(st, 0, idx, 2, NULL, imp, NULL, &info, &err), 0);
	assert_int_equal(info.ntarget, 10);
	assert_int_equal(info.nregion, 10);
	assert_near(imp[0], 0, 1e-20);
	assert_near(imp[1], 0, 1e-20);
	hp_importances_normalize(imp, 2);
	assert_near(imp[0], 0.5, 0);
	assert_near(imp[1], 0.5, 0);
	hp_study_free(st);
}

/* One trial: Optuna's "too small" case, all 0. */
static void
pedanova_should_give_zeros_for_one_trial(void **state)
{
	struct hp_study *st = build(1, HP_DIR_MINIMIZE, 0);
	size_t idx[2] = { 0, 1 };
	struct hp_pedanova_info info;
	struct hp_err err = { 0 };
	double imp[2] = { 7, 7 };

	(void)state;
	assert_int_equal(hp_pedanova(st, 0, idx, 2, NULL, imp, NULL, &info, &err), 0);
	assert_int_equal(info.ntrials, 1);
	assert_near(imp[0], 0, 0);
	assert_near(imp[1], 0, 0);
	hp_study_free(st);
}

static void
pedanova_should_refuse_settings_optuna_refuses(void **state)
{
	struct hp_study *st = build(20, HP_DIR_MINIMIZE, 0);
	size_t idx[1] = { 0 };
	struct hp_pedanova_opts o;
	struct hp_pedanova_info info;
	struct hp_err err = { 0 };
	double imp[1];

	(void)state;
	hp_pedanova_opts_defaults(&o);
	o.target_quantile = 0.5;
	o.region_quantile = 0.5;
	assert_int_equal(hp_pedanova(st, 0, idx, 1, &o, imp, NULL, &info, &err), -1);
	assert_non_null(strstr(err.msg, "quantile"));
	hp_study_free(st);
}

static int
has_note(const struct fig *f, const char *text)
{
	for (size_t i = 0; i < f->nnotes; i++)
		if (strstr(f->notes[i], text))
			return 1;
	return 0;
}

/* The figure names its method in the axis and a note, ranks the
 * conditional param and names it and the rare one. */
static void
importances_figure_should_say_which_method(void **state)
{
	struct hp_study *st = build(20, HP_DIR_MINIMIZE, 1);
	struct plot_opts o;
	struct hp_err err = { 0 };
	struct fig f;

	(void)state;
	plot_opts_defaults(&o);
	assert_int_equal(plot_importances(st, 0, &o, &f, &err), 1);
	assert_non_null(strstr(f.panels[0].x.title, "PED-ANOVA importance"));
	assert_true(has_note(&f, "PED-ANOVA importances (Optuna's default since v5.0)"));
	assert_true(has_note(&f, "top 10% of trials (2) than in all 20 COMPLETE trials"));
	assert_true(has_note(&f, "not in every complete trial): c, r."));
	assert_true(has_note(&f, "Fewer than 2 trials with or without r:"));
	assert_int_equal(f.data.nrows, 4);	/* a, b, c, r all ranked */
	fig_release(&f);

	o.importance = PLOT_IMPORTANCE_FANOVA;
	assert_int_equal(plot_importances(st, 0, &o, &f, &err), 1);
	assert_non_null(strstr(f.panels[0].x.title, "fANOVA importance"));
	assert_true(has_note(&f, "Left out (not in every complete trial): c, r."));
	fig_release(&f);
	hp_study_free(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pedanova_should_give_the_deciding_param_all_the_importance),
		cmocka_unit_test(pedanova_should_follow_the_direction),
		cmocka_unit_test(pedanova_should_round_the_quantile_up),
		cmocka_unit_test(pedanova_should_weigh_a_conditional_param_by_its_trials),
		cmocka_unit_test(pedanova_should_give_equal_shares_when_all_trials_tie),
		cmocka_unit_test(pedanova_should_give_zeros_for_one_trial),
		cmocka_unit_test(pedanova_should_refuse_settings_optuna_refuses),
		cmocka_unit_test(importances_figure_should_say_which_method),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
