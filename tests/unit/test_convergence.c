/*
 * Unit tests of the convergence figure's description on the Optuna 3.1
 * fixture: what is plotted, what is left out and said so.
 */
#include "testutil.h"

#include "hpreport/load.h"
#include "hpreport/plot.h"

static struct hp_study *
load_study(const char *name, struct hp_studyset *set)
{
	struct hp_load_opts lo;
	struct hp_err err;

	hp_load_opts_defaults(&lo);
	lo.study = name;
	assert_int_equal(hp_load(testdata("optuna-3.1/study.db"), &lo, set, NULL, &err), 0);
	assert_int_equal(set->n, 1);
	return set->v[0];
}

static const struct fig_mark *
labelled(const struct fig_panel *p, const char *prefix)
{
	for (size_t i = 0; i < p->nmarks; i++)
		if (p->marks[i].label && strncmp(p->marks[i].label, prefix, strlen(prefix)) == 0)
			return &p->marks[i];
	fail_msg("no mark labelled %s", prefix);
	return NULL;
}

static void
convergence_should_leave_out_infinite_values_and_say_so(void **state)
{
	struct hp_studyset set = { NULL, 0 };
	struct hp_study *st = load_study("maximize-inf", &set);
	struct plot_opts o;
	struct fig f;
	struct hp_err err;
	const struct fig_mark *pts, *best;
	int noted = 0;

	(void)state;
	plot_opts_defaults(&o);
	assert_int_equal(plot_convergence(st, 0, &o, &f, &err), 1);
	assert_int_equal(f.npanels, 1);
	pts = labelled(&f.panels[0], "Objective value");
	assert_int_equal(pts->n, 38);			/* 40 COMPLETE, 2 infinite */
	for (size_t i = 0; i < pts->n; i++)
		assert_true(isfinite(pts->y[i]));
	best = labelled(&f.panels[0], "Best value");
	for (size_t i = 1; i < best->n; i++)	/* maximize: never decreases */
		assert_true(best->y[i] >= best->y[i - 1]);
	assert_near(best->y[best->n - 1], -0.3586874957284524, 1e-12);
	for (size_t i = 0; i < f.nnotes; i++)
		noted |= strstr(f.notes[i], "2 trials with a non-finite value left out") != NULL;
	assert_true(noted);
	assert_int_equal(f.data.nrows, 38);
	assert_true(f.panels[0].y.lo < -0.36 && f.panels[0].y.hi > -0.36);
	fig_release(&f);
	hp_studyset_release(&set);
}

static void
convergence_should_follow_each_objective_direction(void **state)
{
	struct hp_studyset set = { NULL, 0 };
	struct hp_study *st = load_study("two-objectives", &set);
	struct plot_opts o;
	struct fig f;
	struct hp_err err;

	(void)state;
	plot_opts_defaults(&o);
	for (size_t k = 0; k < 2; k++) {
		const struct fig_mark *best;

		assert_int_equal(plot_convergence(st, k, &o, &f, &err), 1);
		best = labelled(&f.panels[0], "Best value");
		assert_int_equal(best->n, 80);
		for (size_t i = 1; i < best->n; i++)
			assert_true(k == 0 ? best->y[i] <= best->y[i - 1] :
			    best->y[i] >= best->y[i - 1]);
		assert_non_null(strstr(f.title, k == 0 ? "minimize" : "maximize"));
		fig_release(&f);
	}
	hp_studyset_release(&set);
}

static void
convergence_should_count_pruned_trials_in_a_note(void **state)
{
	struct hp_studyset set = { NULL, 0 };
	struct hp_study *st = load_study("mixed-minimize", &set);
	struct plot_opts o;
	struct fig f;
	struct hp_err err;

	(void)state;
	plot_opts_defaults(&o);
	assert_int_equal(plot_convergence(st, 0, &o, &f, &err), 1);
	assert_int_equal(labelled(&f.panels[0], "Objective value")->n, 42);
	assert_non_null(strstr(labelled(&f.panels[0], "Best: trial")->label, "Best: trial 57"));
	assert_int_equal(f.nnotes, 1);
	assert_string_equal(f.notes[0], "33 pruned trials not shown.");
	fig_release(&f);
	hp_studyset_release(&set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(convergence_should_leave_out_infinite_values_and_say_so),
		cmocka_unit_test(convergence_should_follow_each_objective_direction),
		cmocka_unit_test(convergence_should_count_pruned_trials_in_a_note),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
