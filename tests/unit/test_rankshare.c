/*
 * test_rankshare: the params ranked by their share of the objective's rank
 * variance (src/analysis/rankshare.c) -- the param that decides the
 * objective comes first, the ranking does not depend on the pool, and the
 * matrix figures' plot_top_params cuts the same with a ranking handed in
 * (as report does) as when it ranks for itself.
 */
#include "testutil.h"

#include "hpreport/analysis.h"
#include "hpreport/plot.h"

#define NP	12

/* NP float params p0..p11 on [0, 1]; the objective is 3 p5 + p2 (+ a
 * little of every other); every 10th trial fails. */
static struct hp_study *
build_study(size_t n)
{
	struct hp_study *st = hp_study_new("s");
	struct hp_dist d = { .kind = HP_DIST_FLOAT, .low = 0, .high = 1 };
	struct hp_rng r;
	struct hp_err err = { 0 };
	char name[8];

	hp_rng_seed(&r, 21);
	for (size_t i = 0; i < n; i++) {
		size_t t = hp_study_add_trial(st, (int)i, i % 10 == 9 ?
		    HP_STATE_FAIL : HP_STATE_COMPLETE);
		double x[NP], y = 0;

		for (int j = 0; j < NP; j++) {
			x[j] = hp_rng_uniform(&r);
			snprintf(name, sizeof(name), "p%d", j);
			assert_int_equal(hp_study_set_param(st, t, name, &d, x[j], &err), 0);
			y += (j == 5 ? 3 : j == 2 ? 1 : 0.01) * x[j];
		}
		if (i % 10 != 9)
			hp_study_set_value(st, t, 0, y);
	}
	assert_int_equal(hp_study_finish(st, &err), 0);
	return st;
}

static void
ranking_should_put_the_deciding_params_first(void **state)
{
	struct hp_study *st = build_study(600);
	struct hp_param_ranking r;

	(void)state;
	hp_param_ranking_init(&r, st, 0, NULL);
	assert_int_equal(r.objective, 0);
	assert_int_equal(r.n, NP);
	assert_string_equal(st->params[r.param[0]].name, "p5");
	assert_string_equal(st->params[r.param[1]].name, "p2");
	for (size_t j = 0; j < r.n; j++) {
		assert_true(r.share[j] >= 0 && r.share[j] <= 1);
		if (j > 0)
			assert_true(r.share[j] <= r.share[j - 1]);
	}
	hp_param_ranking_release(&r);
	hp_param_ranking_release(NULL);
	hp_study_free(st);
}

static void
ranking_should_not_depend_on_the_pool(void **state)
{
	struct hp_study *st = build_study(500);
	struct hp_pool *pool = hp_pool_new(3);
	struct hp_param_ranking a, b;

	(void)state;
	hp_param_ranking_init(&a, st, 0, NULL);
	hp_param_ranking_init(&b, st, 0, pool);
	assert_memory_equal(a.param, b.param, NP * sizeof(size_t));
	assert_memory_equal(a.share, b.share, NP * sizeof(double));
	hp_param_ranking_release(&a);
	hp_param_ranking_release(&b);
	hp_pool_free(pool);
	hp_study_free(st);
}

static void
top_params_should_cut_alike_with_a_given_ranking(void **state)
{
	struct hp_study *st = build_study(400);
	struct plot_opts o;
	struct hp_param_ranking *rk;
	size_t n0, n1, nall0, nall1, *p0, *p1;

	(void)state;
	plot_opts_defaults(&o);
	o.max_params = 3;
	rk = plot_rankings(st, &o);
	assert_non_null(rk);
	p0 = plot_top_params(st, 0, &o, &n0, &nall0);
	o.ranking = rk;
	p1 = plot_top_params(st, 0, &o, &n1, &nall1);
	assert_int_equal(n0, 3);
	assert_int_equal(n1, 3);
	assert_int_equal(nall0, NP);
	assert_int_equal(nall1, NP);
	assert_memory_equal(p0, p1, 3 * sizeof(size_t));
	assert_memory_equal(p0, rk[0].param, 3 * sizeof(size_t));
	free(p0);
	free(p1);
	plot_rankings_free(rk, st->nobj);
	/* no figure cuts: nothing to rank */
	o.ranking = NULL;
	o.max_params = -1;
	assert_null(plot_rankings(st, &o));
	o.max_params = NP;
	assert_null(plot_rankings(st, &o));
	o.width = 300;		/* a column: slice may keep 2 */
	assert_non_null(rk = plot_rankings(st, &o));
	plot_rankings_free(rk, st->nobj);
	plot_rankings_free(NULL, 0);
	hp_study_free(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ranking_should_put_the_deciding_params_first),
		cmocka_unit_test(ranking_should_not_depend_on_the_pool),
		cmocka_unit_test(top_params_should_cut_alike_with_a_given_ranking),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
