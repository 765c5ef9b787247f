/*
 * test_parallel: the parallel-coordinate figure's description on a built
 * study -- the axes (objective first, kinds, choice labels), one polyline
 * per trial with conditional params on a "none" slot, draw order.
 */
#include "testutil.h"

#include "hpreport/plot.h"
#include "figstudy.h"

static void
parallel_should_put_objective_first_then_params(void **state)
{
	struct hp_study *st = figstudy(HP_DIR_MINIMIZE, 1);
	struct fig f;
	struct hp_err err;
	const struct fig_panel *p;

	(void)state;
	assert_int_equal(plot_parallel_coordinate(st, 0, NULL, &f, &err), 1);
	assert_string_equal(f.name, "parallel_coordinate");
	assert_int_equal(f.npanels, 1);
	p = &f.panels[0];
	assert_int_equal(p->nvaxes, 5);
	assert_int_equal(p->x.ncats, 5);
	assert_string_equal(p->x.cats[0], "Objective value");
	assert_string_equal(p->x.cats[1], "layers");
	assert_string_equal(p->x.cats[4], "opt");
	/* values 0.01 .. 6: log objective axis and colour scale */
	assert_int_equal(p->vaxes[0].scale, FIG_LOG);
	assert_int_equal(f.cbar.scale, FIG_LOG);
	assert_true(p->vaxes[0].lo < 0.01 && p->vaxes[0].lo > 0.008);
	assert_true(p->vaxes[1].integer);
	assert_int_equal(p->vaxes[2].scale, FIG_LOG);
	assert_int_equal(p->vaxes[3].scale, FIG_LINEAR);
	assert_int_equal(p->vaxes[4].scale, FIG_CATEGORICAL);
	assert_string_equal(p->vaxes[4].cats[1], "sgd");
	for (size_t j = 0; j < 5; j++)
		assert_true(p->vaxes_x[j] == (double)j);
	assert_true(f.cbar.on && f.cbar.reversed);
	fig_release(&f);
	hp_study_free(st);
}

static void
parallel_should_keep_trials_without_a_param_on_none(void **state)
{
	struct hp_study *st = figstudy(HP_DIR_MINIMIZE, 1);
	struct fig f;
	struct hp_err err;
	const struct fig_panel *p;
	size_t lines = 0, none = 0, texts = 0;
	double prev = INFINITY;

	(void)state;
	assert_int_equal(plot_parallel_coordinate(st, 0, NULL, &f, &err), 1);
	p = &f.panels[0];
	for (size_t i = 0; i < p->nmarks; i++) {
		const struct fig_mark *m = &p->marks[i];

		if (m->kind == FIG_MARK_TEXT && strcmp(m->text[0], "none") == 0)
			texts++;
		if (m->kind != FIG_MARK_LINE || m->id == NULL || m->c == NULL)
			continue;
		/* one polyline per trial: 5 vertices, all inside [0,1] or on none */
		assert_int_equal(m->n, 5);
		lines++;
		for (size_t j = 0; j < 5; j++)
			assert_true((m->y[j] >= 0 && m->y[j] <= 1) || m->y[j] < -0.1);
		none += m->y[3] < 0;
		/* worst first: values fall along the draw order (minimize) */
		assert_true(m->c[0] <= prev);
		prev = m->c[0];
	}
	assert_int_equal(lines, FIGSTUDY_FINITE);
	assert_int_equal(none, FIGSTUDY_FINITE - FIGSTUDY_WITH_MOM);
	assert_int_equal(texts, 1);
	assert_true(p->y.lo < -0.12);
	assert_true(has_note(&f, "mom is set in 12 of 37"));
	/* the best trial last, in red, named in a note */
	assert_true(p->marks[p->nmarks - 3].color.r > 0.8);
	assert_int_equal(p->marks[p->nmarks - 3].id[0], FIGSTUDY_BEST);
	assert_true(has_note(&f, "best trial, 33"));
	/* the trials it plots are trials.csv's: named, not copied */
	assert_int_equal(f.data.ncols, 0);
	assert_true(has_column(&f, "value") && has_column(&f, "params_mom") &&
	    has_column(&f, "params_opt"));
	assert_true(has_caption(&f, "Trials: 37 of 40 (37 COMPLETE); left out: "
	    "1 COMPLETE, 1 PRUNED, 1 FAIL."));
	fig_release(&f);
	hp_study_free(st);
}

static void
parallel_should_group_lines_of_many_trials(void **state)
{
	struct hp_study *st = hp_study_new("many");
	struct hp_dist d = { HP_DIST_FLOAT, 0, 1, 0, 0, NULL, 0 };
	struct hp_err err;
	struct fig f;
	size_t lines = 0, vertices = 0;

	(void)state;
	for (int i = 0; i < 5000; i++) {
		size_t t = hp_study_add_trial(st, i, HP_STATE_COMPLETE);

		hp_study_set_value(st, t, 0, (i * 37) % 1000);
		hp_study_set_param(st, t, "x", &d, (i % 100) / 99.0, &err);
	}
	assert_int_equal(hp_study_finish(st, &err), 0);
	assert_int_equal(plot_parallel_coordinate(st, 0, NULL, &f, &err), 1);
	for (size_t i = 0; i < f.panels[0].nmarks; i++)
		if (f.panels[0].marks[i].kind == FIG_MARK_LINE && f.panels[0].marks[i].c) {
			lines++;
			for (size_t j = 0; j < f.panels[0].marks[i].n; j++)
				vertices += !isnan(f.panels[0].marks[i].y[j]);
		}
	assert_true(lines <= 100);
	assert_int_equal(vertices, 5000 * 2);
	fig_release(&f);
	hp_study_free(st);
}

static void
parallel_of_fixture_should_keep_every_trial_and_render(void **state)
{
	struct hp_studyset set;
	struct hp_study *st = fixture_study("mixed-minimize", &set);
	struct fig f;
	struct hp_err err;
	size_t lines = 0, none = 0;
	const struct fig_panel *p;

	(void)state;
	assert_int_equal(plot_parallel_coordinate(st, 0, NULL, &f, &err), 1);
	p = &f.panels[0];
	assert_int_equal(p->nvaxes, 9);
	assert_int_equal(p->vaxes[4].scale, FIG_LOG);		/* lr */
	assert_int_equal(p->vaxes[1].scale, FIG_CATEGORICAL);	/* activation */
	assert_int_equal(p->vaxes[1].ncats, 5);
	assert_string_equal(p->vaxes[1].cats[0], "None");
	assert_string_equal(p->vaxes[1].cats[4], "gelu");
	assert_true(p->vaxes[6].integer);			/* n_layers */
	for (size_t i = 0; i < p->nmarks; i++)
		if (p->marks[i].kind == FIG_MARK_LINE && p->marks[i].c) {
			lines++;
			none += p->marks[i].y[5] < 0;		/* momentum */
		}
	assert_int_equal(lines, 42);	/* Optuna 3.1 keeps 5 */
	assert_int_equal(none, 37);
	png_should_not_be_blank(&f);
	fig_release(&f);
	hp_studyset_release(&set);
}

static void
parallel_of_second_objective_should_use_it(void **state)
{
	struct hp_studyset set;
	struct hp_study *st = fixture_study("two-objectives", &set);
	struct fig f;
	struct hp_err err;

	(void)state;
	assert_int_equal(plot_parallel_coordinate(st, 1, NULL, &f, &err), 1);
	assert_non_null(strstr(f.title, "Objective 1"));
	assert_string_equal(f.panels[0].x.cats[0], "Objective 1");
	assert_false(f.cbar.reversed);			/* maximize */
	png_should_not_be_blank(&f);
	fig_release(&f);
	hp_studyset_release(&set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parallel_should_put_objective_first_then_params),
		cmocka_unit_test(parallel_should_keep_trials_without_a_param_on_none),
		cmocka_unit_test(parallel_should_group_lines_of_many_trials),
		cmocka_unit_test(parallel_of_fixture_should_keep_every_trial_and_render),
		cmocka_unit_test(parallel_of_second_objective_should_use_it),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
