/*
 * test_pareto_fixture: on the Optuna 3.1 fixture (study.db), the front of
 * the study "two-objectives" equals what Optuna's Study.best_trials gave
 * (expected.json: pareto_numbers), and the Pareto-front figure marks
 * exactly those trials.  Needs the SQLite loader (hp_load).
 */
#include "testutil.h"

#include "hpreport/load.h"
#include "hpreport/pareto.h"
#include "hpreport/plot.h"

static const int expected[] = { 30, 49, 65, 66 };	/* expected.json */

static struct hp_study *
load_two_objectives(struct hp_studyset *set)
{
	struct hp_load_opts o;
	struct hp_err err;

	hp_load_opts_defaults(&o);
	o.study = "two-objectives";
	if (hp_load(testdata("optuna-3.1/study.db"), &o, set, NULL, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(set->n, 1);
	return set->v[0];
}

static void
front_of_fixture_should_equal_optuna_best_trials(void **state)
{
	struct hp_studyset set = { 0 };
	struct hp_study *st = load_two_objectives(&set);
	size_t *out = malloc(st->ntrials * sizeof(size_t)), n;

	(void)state;
	assert_int_equal(st->nobj, 2);
	assert_int_equal(st->dir[0], HP_DIR_MINIMIZE);
	assert_int_equal(st->dir[1], HP_DIR_MAXIMIZE);
	n = pareto_front(st, out);
	assert_int_equal(n, sizeof(expected) / sizeof(expected[0]));
	for (size_t i = 0; i < n; i++)
		assert_int_equal(st->number[out[i]], expected[i]);
	free(out);
	hp_studyset_release(&set);
}

static void
pareto_figure_of_fixture_should_mark_the_same_trials(void **state)
{
	struct hp_studyset set = { 0 };
	struct hp_study *st = load_two_objectives(&set);
	struct fig f;
	struct hp_err err;
	size_t seen = 0, col;

	(void)state;
	assert_int_equal(plot_pareto_front(st, 0, NULL, &f, &err), 1);
	col = f.data.ncols - 1;
	assert_string_equal(f.data.cols[col], "pareto");
	for (size_t r = 0; r < f.data.nrows; r++)
		if (strcmp(f.data.cells[r * f.data.ncols + col], "1") == 0) {
			assert_true(seen < 4);
			assert_int_equal(atoi(f.data.cells[r * f.data.ncols]),
			    expected[seen]);
			seen++;
		}
	assert_int_equal(seen, 4);
	fig_release(&f);
	/* and the hypervolume history only ever grows */
	assert_int_equal(plot_hypervolume(st, 0, NULL, &f, &err), 1);
	{
		const struct fig_mark *m = &f.panels[0].marks[0];

		for (size_t i = 1; i < m->n; i++)
			assert_true(m->y[i] >= m->y[i - 1]);
		assert_true(m->y[m->n - 1] > 0);
	}
	fig_release(&f);
	hp_studyset_release(&set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(front_of_fixture_should_equal_optuna_best_trials),
		cmocka_unit_test(pareto_figure_of_fixture_should_mark_the_same_trials),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
