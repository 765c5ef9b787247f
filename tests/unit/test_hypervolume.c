/*
 * test_hypervolume: exact hypervolume in 2-D (hand values), 3-D and 4-D
 * (unit cubes, and random sets against inclusion-exclusion computed here),
 * the default reference point and the history over a study, exact and
 * (beyond HV_EXACT_WORK) estimated.
 */
#include "testutil.h"

#include "hpreport/pareto.h"
#include "hpreport/study.h"

static void
hv2_should_match_hand_computed_staircase(void **state)
{
	/* (1,3), (2,2), (3,1) against (4,4): 3 + 2*1 + 1*1... = 6 */
	double p[] = { 1, 3, 2, 2, 3, 1 };
	double ref[] = { 4, 4 };

	(void)state;
	assert_near(hv_compute(p, 3, 2, ref), 6.0, 1e-12);
	/* a dominated point and a duplicate change nothing */
	{
		double q[] = { 1, 3, 2, 2, 3, 1, 3, 3, 2, 2 };

		assert_near(hv_compute(q, 5, 2, ref), 6.0, 1e-12);
	}
	/* a point outside the reference box adds nothing */
	{
		double q[] = { 1, 3, 5, 0 };

		assert_near(hv_compute(q, 2, 2, ref), 3.0, 1e-12);
	}
	assert_near(hv_compute(p, 0, 2, ref), 0.0, 0);
}

static void
hv3_should_give_unit_cube_volumes(void **state)
{
	double ref[] = { 1, 1, 1 };
	double one[] = { 0, 0, 0 };
	/* three unit cubes at the axes of a 2x2x2 box: 8 - overlaps */
	double three[] = { 0, 1, 1,  1, 0, 1,  1, 1, 0 };
	double ref2[] = { 2, 2, 2 };

	(void)state;
	assert_near(hv_compute(one, 1, 3, ref), 1.0, 1e-12);
	/* boxes [0,2]x[1,2]x[1,2] etc.: each 2, pairwise 1, triple 1: 6-3+1 */
	assert_near(hv_compute(three, 3, 3, ref2), 4.0, 1e-12);
}

/* Inclusion-exclusion: the intersection of boxes [p, ref] is [max p, ref]. */
static double
hv_brute(const double *p, size_t n, size_t d, const double *ref)
{
	double vol = 0;

	for (unsigned long m = 1; m < (1ul << n); m++) {
		double box = 1;
		int bits = 0;

		for (size_t k = 0; k < d; k++) {
			double lo = -INFINITY;

			for (size_t i = 0; i < n; i++)
				if (m >> i & 1)
					lo = p[i * d + k] > lo ? p[i * d + k] : lo;
			box *= ref[k] > lo ? ref[k] - lo : 0;
		}
		for (size_t i = 0; i < n; i++)
			bits += (int)(m >> i & 1);
		vol += (bits & 1) ? box : -box;
	}
	return vol;
}

static void
hv_should_match_inclusion_exclusion_on_random_sets(void **state)
{
	unsigned s = 777;

	(void)state;
	for (int rep = 0; rep < 60; rep++) {
		size_t d = 2 + (size_t)rep % 3, n = 1 + (size_t)rep % 11;
		double p[11 * 4], ref[4];

		for (size_t i = 0; i < n * d; i++) {
			s = s * 1103515245u + 12345u;
			p[i] = (double)((s >> 8) % 1000) / 100.0;
		}
		for (size_t k = 0; k < d; k++)
			ref[k] = 9.0;	/* some points fall outside on purpose */
		{
			/* keep only points inside, as hv_compute does */
			double q[11 * 4];
			size_t m = 0;

			for (size_t i = 0; i < n; i++) {
				int in = 1;

				for (size_t k = 0; k < d; k++)
					in &= p[i * d + k] < ref[k];
				if (in)
					memcpy(q + m++ * d, p + i * d, d * sizeof(double));
			}
			assert_near(hv_compute(p, n, d, ref), hv_brute(q, m, d, ref), 1e-9);
		}
	}
}

static void
default_reference_should_be_worst_plus_tenth_of_range(void **state)
{
	enum hp_direction dir[2] = { HP_DIR_MINIMIZE, HP_DIR_MAXIMIZE };
	struct hp_study *st = hp_study_new("r");
	struct hp_err err;
	double v[] = { 0, 10, 2, 20, 1, INFINITY };
	size_t idx[3] = { 0, 1, 2 };
	double ref[2];

	(void)state;
	hp_study_set_directions(st, 2, dir);
	for (size_t i = 0; i < 3; i++) {
		size_t t = hp_study_add_trial(st, (int)i, HP_STATE_COMPLETE);

		hp_study_set_value(st, t, 0, v[2 * i]);
		hp_study_set_value(st, t, 1, v[2 * i + 1]);
	}
	assert_int_equal(hp_study_finish(st, &err), 0);
	assert_int_equal(hv_default_reference(st, idx, 3, ref), 0);
	/* objective 0: worst 2, range 2 -> 2.2; objective 1 maximized: -10 + 1 */
	assert_near(ref[0], 2.2, 1e-12);
	assert_near(ref[1], -9.0, 1e-12);
	hp_study_free(st);
}

static void
history_should_grow_only_when_the_front_improves(void **state)
{
	enum hp_direction dir[2] = { HP_DIR_MINIMIZE, HP_DIR_MINIMIZE };
	struct hp_study *st = hp_study_new("h");
	struct hp_err err;
	double v[] = { 3, 3, 4, 4, 1, 3, 3, 1, 2, 2 };
	enum hp_state s[] = { HP_STATE_COMPLETE, HP_STATE_COMPLETE,
	    HP_STATE_COMPLETE, HP_STATE_PRUNED, HP_STATE_COMPLETE };
	double ref[2] = { 4, 4 }, hv[5];
	unsigned char on[5];

	(void)state;
	hp_study_set_directions(st, 2, dir);
	for (size_t i = 0; i < 5; i++) {
		size_t t = hp_study_add_trial(st, (int)i, s[i]);

		hp_study_set_value(st, t, 0, v[2 * i]);
		hp_study_set_value(st, t, 1, v[2 * i + 1]);
	}
	assert_int_equal(hp_study_finish(st, &err), 0);
	assert_int_equal(hv_history(st, ref, hv, on, NULL), 0);	/* exact */
	assert_near(hv[0], 1.0, 1e-12);
	assert_near(hv[1], 1.0, 1e-12);		/* (4,4) is on the reference */
	assert_near(hv[2], 3.0, 1e-12);		/* (1,3) adds 2 */
	assert_near(hv[3], 3.0, 1e-12);		/* pruned: ignored */
	assert_near(hv[4], 5.0, 1e-12);		/* (2,2) replaces (3,3): 3*1 + 2*1 */
	assert_int_equal(on[0], 1);
	assert_int_equal(on[3], 0);
	assert_int_equal(on[4], 1);
	hp_study_free(st);
}

/* 60 random points in 6-D: HSO's history would take ~10^8 steps, so
 * hv_history estimates; the last estimate is within 4 standard errors of
 * the exact volume of the final front (hv_compute, checked above against
 * inclusion-exclusion), the history never goes down, and a second run
 * gives the same numbers. */
static void
hv_history_should_estimate_within_its_error_beyond_the_work_bound(void **state)
{
	enum hp_direction dir[6];
	struct hp_study *st = hp_study_new("mc");
	struct hp_err err;
	double ref[6], hv[60], hv2[60], se = -1, *pts, exact;
	unsigned s = 12345;
	size_t n = 0;

	(void)state;
	for (size_t k = 0; k < 6; k++) {
		dir[k] = HP_DIR_MINIMIZE;
		ref[k] = 1.1;
	}
	hp_study_set_directions(st, 6, dir);
	for (int i = 0; i < 60; i++) {
		size_t t = hp_study_add_trial(st, i, HP_STATE_COMPLETE);

		for (size_t k = 0; k < 6; k++) {
			s = s * 1103515245u + 12345u;
			hp_study_set_value(st, t, k, (double)((s >> 8) % 10000) / 10000.0);
		}
	}
	assert_int_equal(hp_study_finish(st, &err), 0);
	assert_int_equal(hv_history(st, ref, hv, NULL, &se), HV_SAMPLES);
	assert_true(se > 0);
	for (size_t t = 1; t < 60; t++)
		assert_true(hv[t] >= hv[t - 1]);
	pts = malloc(60 * 6 * sizeof(double));
	for (size_t t = 0; t < 60; t++)
		for (size_t k = 0; k < 6; k++)
			pts[n++] = hp_study_value(st, t, k);
	exact = hv_compute(pts, 60, 6, ref);
	assert_true(fabs(hv[59] - exact) <= 4 * se);
	assert_int_equal(hv_history(st, ref, hv2, NULL, NULL), HV_SAMPLES);
	assert_memory_equal(hv, hv2, sizeof(hv));
	free(pts);
	hp_study_free(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hv2_should_match_hand_computed_staircase),
		cmocka_unit_test(hv3_should_give_unit_cube_volumes),
		cmocka_unit_test(hv_should_match_inclusion_exclusion_on_random_sets),
		cmocka_unit_test(default_reference_should_be_worst_plus_tenth_of_range),
		cmocka_unit_test(hv_history_should_estimate_within_its_error_beyond_the_work_bound),
		cmocka_unit_test(history_should_grow_only_when_the_front_improves),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
