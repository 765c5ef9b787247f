/*
 * test_pareto: the Pareto front as Optuna's Study.best_trials defines it --
 * directions, duplicates, infeasible trials (constraint values, from the
 * system attribute "constraints"), non-COMPLETE trials -- and on the Optuna 3.1 fixture.
 */
#include "testutil.h"

#include "hpreport/pareto.h"
#include "hpreport/study.h"

/* A study of n trials with d objectives; vals row-major, states or NULL. */
static struct hp_study *
make_study(size_t n, size_t d, const enum hp_direction *dir, const double *vals,
    const enum hp_state *states)
{
	struct hp_study *st = hp_study_new("t");
	struct hp_err err;

	hp_study_set_directions(st, d, dir);
	for (size_t i = 0; i < n; i++) {
		size_t t = hp_study_add_trial(st, (int)i,
		    states ? states[i] : HP_STATE_COMPLETE);

		for (size_t k = 0; k < d; k++)
			hp_study_set_value(st, t, k, vals[i * d + k]);
	}
	assert_int_equal(hp_study_finish(st, &err), 0);
	return st;
}

static void
front_should_keep_duplicates_and_drop_dominated(void **state)
{
	enum hp_direction dir[2] = { HP_DIR_MINIMIZE, HP_DIR_MINIMIZE };
	double v[] = {
		1, 5,	/* 0 front */
		2, 2,	/* 1 front */
		2, 2,	/* 2 duplicate of 1: front too */
		3, 3,	/* 3 dominated by 1 */
		5, 1,	/* 4 front */
		1, 6,	/* 5 dominated by 0 */
		2, 3,	/* 6 dominated by 1 */
	};
	struct hp_study *st = make_study(7, 2, dir, v, NULL);
	size_t out[7], n;

	(void)state;
	n = pareto_front(st, out);
	assert_int_equal(n, 4);
	assert_int_equal(out[0], 0);
	assert_int_equal(out[1], 1);
	assert_int_equal(out[2], 2);
	assert_int_equal(out[3], 4);
	hp_study_free(st);
}

static void
front_should_follow_maximize_directions(void **state)
{
	enum hp_direction dir[2] = { HP_DIR_MAXIMIZE, HP_DIR_MINIMIZE };
	double v[] = {
		1, 1,	/* 0: dominated by 1 (same y, bigger x is better) */
		2, 1,	/* 1 front */
		3, 4,	/* 2 front */
		0, 0,	/* 3 front (smallest y) */
		3, 5,	/* 4 dominated by 2 */
	};
	struct hp_study *st = make_study(5, 2, dir, v, NULL);
	size_t out[5], n;

	(void)state;
	n = pareto_front(st, out);
	assert_int_equal(n, 3);
	assert_int_equal(out[0], 1);
	assert_int_equal(out[1], 2);
	assert_int_equal(out[2], 3);
	hp_study_free(st);
}

static void
front_should_ignore_trials_that_are_not_complete(void **state)
{
	enum hp_direction dir[2] = { HP_DIR_MINIMIZE, HP_DIR_MINIMIZE };
	double v[] = { 0, 0, 1, 1, NAN, NAN, 2, 0 };
	enum hp_state s[] = { HP_STATE_PRUNED, HP_STATE_COMPLETE, HP_STATE_FAIL,
	    HP_STATE_COMPLETE };
	struct hp_study *st = make_study(4, 2, dir, v, s);
	size_t out[4], n;

	(void)state;
	n = pareto_front(st, out);
	assert_int_equal(n, 2);
	assert_int_equal(out[0], 1);
	assert_int_equal(out[1], 3);
	hp_study_free(st);
}

static void
front_should_leave_out_infeasible_trials(void **state)
{
	enum hp_direction dir[2] = { HP_DIR_MINIMIZE, HP_DIR_MINIMIZE };
	double v[] = { 0, 0, 1, 1, 2, 0.5, 0.5, 3, 0.2, 2 };
	struct hp_study *st = hp_study_new("c");
	struct hp_err err;
	unsigned char feas[5];
	size_t out[5], n;
	static const double c0[] = { 0.5, -1 }, c1[] = { 0.0, -2 }, c2[] = { -1 };
	const struct { const double *v; size_t n; int set; } cons[] = {
		{ c0, 2, 1 },	/* 0 infeasible although it dominates all */
		{ c1, 2, 1 },	/* 1 feasible */
		{ c2, 1, 1 },	/* 2 feasible */
		{ NULL, 0, 0 },	/* 3 no list: feasible (Optuna 5, PR 6774) */
		{ NULL, 0, 1 },	/* 4 an empty list, feasible: nothing violated */
	};

	(void)state;
	hp_study_set_directions(st, 2, dir);
	for (size_t i = 0; i < 5; i++) {
		size_t t = hp_study_add_trial(st, (int)i, HP_STATE_COMPLETE);

		hp_study_set_value(st, t, 0, v[2 * i]);
		hp_study_set_value(st, t, 1, v[2 * i + 1]);
		if (cons[i].set)
			hp_study_set_constraints(st, t, cons[i].v, cons[i].n);
	}
	assert_int_equal(hp_study_finish(st, &err), 0);
	assert_int_equal(pareto_feasibility(st, feas), 1);
	assert_int_equal(feas[0], 0);
	assert_int_equal(feas[1], 1);
	assert_int_equal(feas[2], 1);
	assert_int_equal(feas[3], 1);
	assert_int_equal(feas[4], 1);
	n = pareto_front(st, out);
	/* among 1 (1,1), 2 (2,0.5), 3 (0.5,3), 4 (0.2,2): 4 dominates 3,
	 * and none of 1, 2, 4 dominates another */
	assert_int_equal(n, 3);
	assert_int_equal(out[0], 1);
	assert_int_equal(out[1], 2);
	assert_int_equal(out[2], 4);
	hp_study_free(st);
}

static void
front_should_handle_three_objectives(void **state)
{
	enum hp_direction dir[3] = { HP_DIR_MINIMIZE, HP_DIR_MAXIMIZE, HP_DIR_MINIMIZE };
	double v[] = {
		1, 1, 1,	/* 0 dominated by 1 */
		1, 2, 1,	/* 1 front */
		0, 0, 5,	/* 2 front: best first objective */
		2, 3, 2,	/* 3 front: best second */
		1, 2, 1,	/* 4 duplicate of 1 */
		2, 3, 3,	/* 5 dominated by 3 */
	};
	struct hp_study *st = make_study(6, 3, dir, v, NULL);
	size_t out[6], n;

	(void)state;
	n = pareto_front(st, out);
	assert_int_equal(n, 4);
	assert_int_equal(out[0], 1);
	assert_int_equal(out[1], 2);
	assert_int_equal(out[2], 3);
	assert_int_equal(out[3], 4);
	hp_study_free(st);
}

/* Brute force: every pair compared, as Optuna's n-d code does. */
static void
front_points_should_match_brute_force_on_random_sets(void **state)
{
	unsigned s = 12345;

	(void)state;
	for (int rep = 0; rep < 50; rep++) {
		size_t n = 1 + (size_t)rep * 3, d = 2 + (size_t)rep % 3, nf, nb = 0;
		double *p = malloc(n * d * sizeof(double));
		size_t *out = malloc(n * sizeof(size_t));

		for (size_t i = 0; i < n * d; i++) {
			s = s * 1103515245u + 12345u;
			p[i] = (double)((s >> 16) % 7);	/* many ties and duplicates */
		}
		nf = pareto_front_points(p, n, d, out);
		for (size_t i = 0; i < n; i++) {
			int dom = 0;

			for (size_t j = 0; j < n && !dom; j++)
				dom = pareto_dominates(p + j * d, p + i * d, d);
			if (!dom) {
				assert_true(nb < nf);
				assert_int_equal(out[nb], i);
				nb++;
			}
		}
		assert_int_equal(nb, nf);
		free(p);
		free(out);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(front_should_keep_duplicates_and_drop_dominated),
		cmocka_unit_test(front_should_follow_maximize_directions),
		cmocka_unit_test(front_should_ignore_trials_that_are_not_complete),
		cmocka_unit_test(front_should_leave_out_infeasible_trials),
		cmocka_unit_test(front_should_handle_three_objectives),
		cmocka_unit_test(front_points_should_match_brute_force_on_random_sets),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
