/*
 * test_slice: the slice figure's description on a built study -- panels in
 * name order, axis kinds, point counts, the best trial, notes, wrapping.
 */
#include "testutil.h"

#include "hpreport/plot.h"
#include "figstudy.h"

static void
slice_should_have_one_panel_per_param_in_name_order(void **state)
{
	struct hp_study *st = figstudy(HP_DIR_MINIMIZE, 1);
	struct plot_opts o;
	struct fig f;
	struct hp_err err;
	static const char *const names[] = { "layers", "lr", "mom", "opt" };

	(void)state;
	plot_opts_defaults(&o);
	assert_int_equal(plot_slice(st, 0, &o, &f, &err), 1);
	assert_string_equal(f.name, "slice");
	assert_int_equal(f.npanels, 4);
	assert_int_equal(f.ncols, 4);
	assert_int_equal(f.nrows, 1);
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(f.panels[i].x.title, names[i]);
		/* shared objective axis: same range everywhere, labels on the first */
		assert_true(f.panels[i].y.lo == f.panels[0].y.lo);
		assert_true(f.panels[i].y.hi == f.panels[0].y.hi);
		assert_int_equal(!!(f.panels[i].y.show & FIG_SHOW_LABELS), i == 0);
	}
	assert_true(f.panels[0].x.integer);
	assert_int_equal(f.panels[1].x.scale, FIG_LOG);
	assert_int_equal(f.panels[2].x.scale, FIG_LINEAR);
	assert_int_equal(f.panels[3].x.scale, FIG_CATEGORICAL);
	assert_int_equal(f.panels[3].x.ncats, 3);
	assert_string_equal(f.panels[3].x.cats[0], "adam");
	assert_string_equal(f.panels[3].x.cats[1], "sgd");
	assert_string_equal(f.panels[3].x.cats[2], "rmsprop");
	fig_release(&f);
	hp_study_free(st);
}

static void
slice_should_count_points_and_mark_the_best(void **state)
{
	struct hp_study *st = figstudy(HP_DIR_MINIMIZE, 1);
	struct fig f;
	struct hp_err err;
	const struct fig_mark *m, *star;

	(void)state;
	assert_int_equal(plot_slice(st, 0, NULL, &f, &err), 1);
	m = &f.panels[1].marks[0];
	assert_int_equal(m->kind, FIG_MARK_POINTS);
	assert_int_equal(m->n, FIGSTUDY_FINITE);
	assert_non_null(m->c);
	assert_non_null(m->id);
	/* colour = trial number */
	for (size_t i = 0; i < m->n; i++)
		assert_true(m->c[i] == m->id[i]);
	/* mom is conditional: every trial is kept, those without it at "none" */
	{
		const struct fig_panel *pm = &f.panels[2];
		const struct fig_mark *pts = NULL;
		size_t at_none = 0;

		for (size_t i = 0; i < pm->nmarks && !pts; i++)
			if (pm->marks[i].kind == FIG_MARK_POINTS)
				pts = &pm->marks[i];
		assert_non_null(pts);
		assert_int_equal(pts->n, FIGSTUDY_FINITE);
		assert_true(pm->x.none && pm->x.lo < pm->x.none_v &&
		    pm->x.none_v < pm->x.data_lo);
		for (size_t i = 0; i < pts->n; i++)
			at_none += pts->x[i] < pm->x.data_lo;
		assert_int_equal(at_none, FIGSTUDY_FINITE - FIGSTUDY_WITH_MOM);
		assert_non_null(strstr(pm->title, "mom: 12 of 37"));
		assert_true(has_note(&f, "mom is set in 12 of 37 trials"));
		star = find_star(pm);	/* the best trial has no mom: on the slot */
		assert_non_null(star);
		assert_true(star->x[0] < pm->x.data_lo && star->x[0] > pm->x.lo);
	}
	star = find_star(&f.panels[1]);
	assert_non_null(star);
	assert_int_equal(star->id[0], FIGSTUDY_BEST);
	assert_near(star->y[0], 0.01, 0);
	assert_true(has_note(&f, "1 trial with a non-finite value"));
	assert_int_equal(f.data.ncols, 0);	/* trials.csv holds what it plots */
	assert_int_equal(f.ncolumns, 6);	/* number, value, the 4 params */
	assert_string_equal(f.columns[0], "number");
	assert_string_equal(f.columns[1], "value");
	assert_true(has_column(&f, "params_lr") && has_column(&f, "params_layers"));
	assert_true(has_caption(&f, "Trials: 37 of 40 (37 COMPLETE); left out: "
	    "1 COMPLETE, 1 PRUNED, 1 FAIL."));
	assert_true(f.cbar.on);
	assert_string_equal(f.cbar.title, "Trial");
	/* categorical points jitter around their choice, never off it */
	m = &f.panels[3].marks[0];
	for (size_t i = 0; i < m->n; i++)
		assert_true(fabs(m->x[i] - round(m->x[i])) <= 0.15);
	fig_release(&f);
	hp_study_free(st);
}

/* The dot of trial `id` in point mark m: its index, or m->n. */
static size_t
dot_of(const struct fig_mark *m, int id)
{
	size_t i = 0;

	while (i < m->n && m->id[i] != id)
		i++;
	return i;
}

static void
slice_marks_should_not_hide_the_data(void **state)
{
	struct hp_study *st = figstudy(HP_DIR_MINIMIZE, 1);
	struct fig f, g;
	struct hp_err err;
	size_t spread = 0;

	(void)state;
	assert_int_equal(plot_slice(st, 0, NULL, &f, &err), 1);
	assert_int_equal(plot_slice(st, 0, NULL, &g, &err), 1);
	for (size_t j = 0; j < f.npanels; j++) {
		const struct fig_panel *pn = &f.panels[j];
		const struct fig_mark *dots = &pn->marks[pn->nmarks - 2];
		const struct fig_mark *star = find_star(pn);
		size_t b;

		assert_int_equal(dots->kind, FIG_MARK_POINTS);
		assert_non_null(star);
		/* the star is drawn about twice a dot across (1.5 sizes, 6 pt
		 * dots), not 16.5 pt (0.23 in) that covered the optimum's
		 * neighbours; and it sits on its own dot, jittered alike */
		assert_true(star->size * 1.5 <= 2 * dots->size);
		assert_true(star->size * 1.5 >= 7.5);
		b = dot_of(dots, FIGSTUDY_BEST);
		assert_true(b < dots->n);
		assert_true(star->x[0] == dots->x[b]);
		assert_true(star->y[0] == dots->y[b]);
		/* see-through dots: piled-up trials read darker */
		assert_true(dots->color.a <= 0.75);
		/* jitter is deterministic: the same figure twice */
		for (size_t i = 0; i < dots->n; i++)
			assert_true(dots->x[i] == g.panels[j].marks[pn->nmarks - 2].x[i]);
	}
	/* layers, an int of 6 values: spread within a quarter step of the
	 * value, which the trial has (figstudy: 1 + (i * 5) % 6) */
	{
		const struct fig_mark *m = &f.panels[0].marks[f.panels[0].nmarks - 2];

		for (size_t i = 0; i < m->n; i++) {
			double v = 1 + (m->id[i] * 5) % 6;

			assert_true(fabs(m->x[i] - v) <= 0.25);
			spread += m->x[i] != v;
		}
		assert_true(spread > m->n / 2);
	}
	fig_release(&f);
	fig_release(&g);
	hp_study_free(st);
}

static void
slice_should_wrap_many_params_into_rows(void **state)
{
	struct hp_study *st = hp_study_new("wide");
	struct hp_dist d = { HP_DIST_FLOAT, 0, 1, 0, 0, NULL, 0 };
	struct hp_err err;
	struct fig f;

	(void)state;
	for (int i = 0; i < 5; i++) {
		size_t t = hp_study_add_trial(st, i, HP_STATE_COMPLETE);

		hp_study_set_value(st, t, 0, i);
		for (int j = 0; j < 10; j++) {
			char name[8];

			snprintf(name, sizeof(name), "p%02d", j);
			hp_study_set_param(st, t, name, &d, (i + j) % 5 / 4.0, &err);
		}
	}
	assert_int_equal(hp_study_finish(st, &err), 0);
	assert_int_equal(plot_slice(st, 0, NULL, &f, &err), 1);
	assert_int_equal(f.npanels, 10);
	assert_int_equal(f.ncols, 4);
	assert_int_equal(f.nrows, 3);
	assert_true(f.height > f.width / 2);
	fig_release(&f);
	hp_study_free(st);
}

/* A paper column (3.5 in) keeps the figure page-sized: one column of
 * panels, no taller than 1.8 times the width, the most important params
 * first and named in a note; a page width (7 in) has room for all ten. */
static void
slice_at_a_column_should_show_the_most_important_params(void **state)
{
	struct hp_study *st = hp_study_new("column");
	struct hp_dist d = { HP_DIST_FLOAT, 0, 1, 0, 0, NULL, 0 };
	struct plot_opts o;
	struct hp_err err;
	struct fig f;

	(void)state;
	for (int i = 0; i < 60; i++) {
		size_t t = hp_study_add_trial(st, i, HP_STATE_COMPLETE);
		double u = (i * 37 % 60) / 59.0;

		hp_study_set_value(st, t, 0, (u - 0.3) * (u - 0.3));
		for (int j = 0; j < 10; j++) {
			char name[8];

			snprintf(name, sizeof(name), "p%02d", j);
			hp_study_set_param(st, t, name, &d, j == 7 ? u :
			    (double)((i * (j + 3) + j) % 11) / 10.0, &err);
		}
	}
	assert_int_equal(hp_study_finish(st, &err), 0);
	plot_opts_defaults(&o);
	o.width = 252;
	assert_int_equal(plot_slice(st, 0, &o, &f, &err), 1);
	/* two columns of two (81-point panels), no taller than 1.3 times
	 * the width; at 7 in three columns of two, no taller than wide */
	assert_int_equal(f.ncols, 2);
	assert_int_equal(f.npanels, 4);
	assert_true(f.height <= 1.3 * f.width);
	assert_string_equal(f.panels[0].x.title, "p07");
	assert_true(f.nnotes >= 1);
	assert_non_null(strstr(f.notes[f.nnotes - 1], "The 4 most important of 10 params"));
	fig_release(&f);
	o.width = 504;
	assert_int_equal(plot_slice(st, 0, &o, &f, &err), 1);
	assert_int_equal(f.npanels, 6);
	assert_int_equal(f.ncols, 3);
	assert_true(f.height <= f.width);
	assert_non_null(strstr(f.notes[f.nnotes - 1], "The 6 most important of 10 params"));
	fig_release(&f);
	/* a given height is the room: all ten fit in four rows of three */
	o.height = 800;
	assert_int_equal(plot_slice(st, 0, &o, &f, &err), 1);
	assert_int_equal(f.npanels, 10);
	assert_true(f.height == 800);
	fig_release(&f);
	o.width = 252;
	o.max_params = -1;			/* --max-params all */
	assert_int_equal(plot_slice(st, 0, &o, &f, &err), 1);
	assert_int_equal(f.npanels, 10);
	fig_release(&f);
	hp_study_free(st);
}

static void
slice_should_follow_the_chosen_objective(void **state)
{
	struct hp_study *st = figstudy(HP_DIR_MINIMIZE, 2);
	struct fig f;
	struct hp_err err;

	(void)state;
	assert_int_equal(plot_slice(st, 1, NULL, &f, &err), 1);
	assert_non_null(strstr(f.title, "accuracy"));
	assert_string_equal(f.panels[0].y.title, "accuracy");
	assert_near(f.panels[1].marks[0].y[0], 100, 1e-9);	/* trial 0: 100 - v * 0 */
	fig_release(&f);
	hp_study_free(st);
}

static void
slice_of_fixture_should_wrap_and_render(void **state)
{
	struct hp_studyset set;
	struct hp_study *st = fixture_study("mixed-minimize", &set);
	struct fig f;
	struct hp_err err;

	(void)state;
	assert_int_equal(plot_slice(st, 0, NULL, &f, &err), 1);
	assert_int_equal(f.npanels, 8);
	assert_int_equal(f.nrows, 2);
	assert_string_equal(f.panels[0].x.title, "activation");
	assert_string_equal(f.panels[7].x.title, "units");
	assert_int_equal(f.panels[7].x.scale, FIG_LOG);
	assert_int_equal(f.panels[0].marks[0].n, 42);
	/* momentum, set in 5: all 42 kept, behind the dashed rule of the slot */
	assert_int_equal(f.panels[4].marks[0].kind, FIG_MARK_VRULE);
	assert_int_equal(f.panels[4].marks[1].n, 42);
	assert_non_null(strstr(f.panels[4].title, "momentum: 5 of 42"));
	assert_int_equal(find_star(&f.panels[3])->id[0], 57);
	png_should_not_be_blank(&f);
	fig_release(&f);
	hp_studyset_release(&set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(slice_should_have_one_panel_per_param_in_name_order),
		cmocka_unit_test(slice_should_count_points_and_mark_the_best),
		cmocka_unit_test(slice_marks_should_not_hide_the_data),
		cmocka_unit_test(slice_should_wrap_many_params_into_rows),
		cmocka_unit_test(slice_at_a_column_should_show_the_most_important_params),
		cmocka_unit_test(slice_should_follow_the_chosen_objective),
		cmocka_unit_test(slice_of_fixture_should_wrap_and_render),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
