/*
 * test_figure_set: the descriptions built by the EDF, intermediate values,
 * timeline, Pareto front, rank, hypervolume and study-comparison builders
 * -- panels, marks per state, axis kinds and units, notes and data rows --
 * on small studies made with the study builder API.
 */
#include "testutil.h"
#include "figtext.h"

#include "hpreport/plot.h"
#include "hpreport/study.h"

static struct hp_study *
finish(struct hp_study *st)
{
	struct hp_err err;

	assert_int_equal(hp_study_finish(st, &err), 0);
	return st;
}

static size_t
count_marks(const struct fig_panel *p, enum fig_mark_kind k)
{
	size_t c = 0;

	for (size_t i = 0; i < p->nmarks; i++)
		c += p->marks[i].kind == k;
	return c;
}

static int
has_note(const struct fig *f, const char *needle)
{
	for (size_t i = 0; i < f->nnotes; i++)
		if (strstr(f->notes[i], needle))
			return 1;
	return 0;
}

/* A one-objective study: values v[n] (NaN = not COMPLETE but PRUNED). */
static struct hp_study *
simple_study(const char *name, const double *v, size_t n)
{
	struct hp_study *st = hp_study_new(name);

	for (size_t i = 0; i < n; i++) {
		size_t t = hp_study_add_trial(st, (int)i,
		    isnan(v[i]) ? HP_STATE_PRUNED : HP_STATE_COMPLETE);

		hp_study_set_value(st, t, 0, v[i]);
	}
	return finish(st);
}

static void
edf_should_step_to_one_and_count_infinite_values(void **state)
{
	double v[] = { 3, 1, NAN, 2, INFINITY };
	struct hp_study *st = simple_study("a", v, 5);
	struct fig f;
	struct hp_err err;
	const struct fig_mark *m;

	(void)state;
	assert_int_equal(plot_edf(st, 0, NULL, &f, &err), 1);
	assert_int_equal(f.npanels, 1);
	assert_int_equal(count_marks(&f.panels[0], FIG_MARK_LINE), 1);
	m = &f.panels[0].marks[0];
	assert_int_equal(m->n, 5);	/* start at 0, three values, right edge */
	assert_true(m->step);
	assert_near(m->x[1], 1, 0);
	assert_near(m->y[1], 1.0 / 3, 1e-12);
	assert_near(m->y[3], 1, 0);
	assert_int_equal(f.data.nrows, 3);
	assert_true(has_note(&f, "1 trial with a non-finite value"));
	fig_release(&f);
	hp_study_free(st);
}

static void
edf_multi_should_draw_one_labelled_curve_per_study(void **state)
{
	double a[] = { 1, 2, 3 }, b[] = { 2, 4 };
	struct hp_study *s1 = simple_study("first", a, 3), *s2 = simple_study("second", b, 2);
	const struct hp_study *both[2] = { s1, s2 };
	struct fig f;
	struct hp_err err;

	(void)state;
	assert_int_equal(plot_edf_multi(both, 2, 0, NULL, &f, &err), 1);
	assert_int_equal(count_marks(&f.panels[0], FIG_MARK_LINE), 2);
	assert_true(f.legend);
	assert_string_equal(f.panels[0].marks[1].label, "second (2)");
	assert_int_equal(f.data.nrows, 5);
	fig_release(&f);
	hp_study_free(s1);
	hp_study_free(s2);
}

static void
intermediate_values_should_tell_states_apart(void **state)
{
	struct hp_study *st = hp_study_new("iv");
	enum hp_state s[] = { HP_STATE_COMPLETE, HP_STATE_COMPLETE, HP_STATE_PRUNED,
	    HP_STATE_PRUNED, HP_STATE_RUNNING, HP_STATE_COMPLETE };
	struct fig f;
	struct hp_err err;
	const struct fig_panel *p;
	size_t dashed = 0, crosses = 0, cbar_lines = 0;

	(void)state;
	for (int i = 0; i < 6; i++) {
		size_t t = hp_study_add_trial(st, i, s[i]);

		if (s[i] == HP_STATE_COMPLETE)
			hp_study_set_value(st, t, 0, 10 - i);
		if (i == 5)
			continue;	/* a COMPLETE trial without intermediate values */
		for (int k = 0; k < (s[i] == HP_STATE_PRUNED ? 2 : 4); k++)
			hp_study_add_intermediate(st, t, k, 10.0 - i - k);
	}
	hp_study_add_intermediate(st, 0, 9, NAN);
	finish(st);
	assert_int_equal(plot_intermediate_values(st, 0, NULL, &f, &err), 1);
	p = &f.panels[0];
	assert_int_equal(count_marks(p, FIG_MARK_LINE), 5);
	for (size_t i = 0; i < p->nmarks; i++) {
		const struct fig_mark *m = &p->marks[i];

		dashed += m->kind == FIG_MARK_LINE && m->dash == 1;
		crosses += m->kind == FIG_MARK_POINTS && m->shape == FIG_SHAPE_CROSS;
		cbar_lines += m->kind == FIG_MARK_LINE && m->c != NULL;
	}
	assert_int_equal(dashed, 2);
	assert_int_equal(crosses, 2);
	assert_int_equal(cbar_lines, 2);
	assert_true(f.cbar.on);
	assert_true(f.cbar.reversed);	/* minimize: low values bright */
	assert_int_equal(f.data.nrows, 4 + 4 + 2 + 2 + 4);
	assert_true(has_note(&f, "1 non-finite intermediate value"));
	assert_true(has_note(&f, "2 COMPLETE, 2 PRUNED, 1 RUNNING"));
	fig_release(&f);
	hp_study_free(st);
}

static void
intermediate_values_should_not_apply_without_reports(void **state)
{
	double v[] = { 1, 2 };
	struct hp_study *st = simple_study("none", v, 2);
	struct fig f;
	struct hp_err err;

	(void)state;
	assert_int_equal(plot_intermediate_values(st, 0, NULL, &f, &err), 0);
	assert_int_equal(plot_timeline(st, 0, NULL, &f, &err), 0);
	hp_study_free(st);
}

/* Three trials over `span` seconds; the last is RUNNING without an end. */
static void
check_timeline_unit(double span, const char *unit, double per)
{
	struct hp_study *st = hp_study_new("tl");
	struct fig f;
	struct hp_err err;
	const struct fig_panel *p;
	double t0 = 1.6e9;
	size_t t;
	int found = 0;

	t = hp_study_add_trial(st, 0, HP_STATE_COMPLETE);
	hp_study_set_times(st, t, t0, t0 + span / 2);
	t = hp_study_add_trial(st, 1, HP_STATE_FAIL);
	hp_study_set_times(st, t, t0 + span / 4, t0 + span);
	t = hp_study_add_trial(st, 2, HP_STATE_RUNNING);
	hp_study_set_times(st, t, t0 + span / 2, NAN);
	t = hp_study_add_trial(st, 3, HP_STATE_WAITING);
	finish(st);
	assert_int_equal(plot_timeline(st, 0, NULL, &f, &err), 1);
	p = &f.panels[0];
	assert_non_null(strstr(p->x.title, unit));
	assert_non_null(strstr(p->x.title, "2020-09-13"));
	assert_int_equal(p->x.scale, FIG_LINEAR);
	assert_int_equal(count_marks(p, FIG_MARK_RECTS), 3);	/* one per state */
	for (size_t i = 0; i < p->nmarks; i++) {
		const struct fig_mark *m = &p->marks[i];

		if (m->label && strncmp(m->label, "RUNNING", 7) == 0) {
			/* extends to the latest known time */
			assert_near(m->x2[0], span / per, 1e-9);
			assert_near(m->x[0], span / 2 / per, 1e-9);
			found = 1;
		}
		if (m->label && strncmp(m->label, "COMPLETE", 8) == 0)
			assert_near(m->x2[0], span / 2 / per, 1e-9);
	}
	assert_true(found);
	assert_int_equal(f.data.ncols, 0);	/* its times are trials.csv's */
	assert_true(has_column(&f, "datetime_start") && has_column(&f, "datetime_complete"));
	assert_true(has_caption(&f, "Trials: 3 of 4 (1 COMPLETE, 1 FAIL, 1 RUNNING); "
	    "left out: 1 WAITING."));
	assert_true(has_note(&f, "1 trial without a start time"));
	fig_release(&f);
	hp_study_free(st);
}

static void
timeline_should_pick_the_unit_from_the_span(void **state)
{
	(void)state;
	check_timeline_unit(30, "(s)", 1);
	check_timeline_unit(600, "(min)", 60);
	check_timeline_unit(3 * 3600, "(h)", 3600);
	check_timeline_unit(5 * 86400, "(days)", 86400);
}

static struct hp_study *
two_objective_study(void)
{
	enum hp_direction dir[2] = { HP_DIR_MINIMIZE, HP_DIR_MAXIMIZE };
	double v[] = { 1, 1, 2, 3, 3, 3, 0, 0, 2, 1, 5, INFINITY };
	struct hp_study *st = hp_study_new("mo");

	hp_study_set_directions(st, 2, dir);
	for (size_t i = 0; i < 6; i++) {
		size_t t = hp_study_add_trial(st, (int)i, HP_STATE_COMPLETE);

		hp_study_set_value(st, t, 0, v[2 * i]);
		hp_study_set_value(st, t, 1, v[2 * i + 1]);
	}
	hp_study_add_trial(st, 6, HP_STATE_FAIL);
	return finish(st);
}

static void
pareto_front_should_highlight_the_front_of_two_objectives(void **state)
{
	struct hp_study *st = two_objective_study();
	double one[] = { 1, 2 };
	struct hp_study *single = simple_study("one", one, 2);
	struct fig f;
	struct hp_err err;
	const struct fig_panel *p;
	size_t front = 0, dominated = 0, nstairs = 0;

	(void)state;
	assert_int_equal(plot_pareto_front(single, 0, NULL, &f, &err), 0);
	assert_int_equal(plot_pareto_front(st, 0, NULL, &f, &err), 1);
	assert_int_equal(f.npanels, 1);
	p = &f.panels[0];
	for (size_t i = 0; i < p->nmarks; i++) {
		const struct fig_mark *m = &p->marks[i];

		if (m->kind == FIG_MARK_POINTS && m->c)
			dominated = m->n;
		else if (m->kind == FIG_MARK_POINTS)
			front = m->n;
		else if (m->kind == FIG_MARK_LINE && m->step)
			nstairs = m->n;
	}
	/* front: (1,1), (2,3), (0,0), (5,inf) -- inf maximized dominates
	 * nothing it does not beat on x: (5, inf) is on the front but not drawn */
	assert_int_equal(front, 3);
	assert_int_equal(nstairs, 3);
	assert_int_equal(dominated, 2);	/* (3,3) by (2,3); (2,1) by (1,1) */
	assert_true(f.cbar.on);
	assert_true(has_note(&f, "1 trial with a non-finite value"));
	assert_int_equal(f.data.nrows, 5);
	fig_release(&f);
	hp_study_free(st);
	hp_study_free(single);
}

static void
pareto_front_should_make_a_matrix_for_three_objectives(void **state)
{
	struct hp_study *st = hp_study_new("3d");
	struct fig f;
	struct hp_err err;
	size_t empty = 0, grey = 0;
	const double ok = -1, viol = 1.5;	/* constraint values */

	(void)state;
	for (int i = 0; i < 8; i++) {
		size_t t = hp_study_add_trial(st, i, HP_STATE_COMPLETE);

		hp_study_set_value(st, t, 0, i);
		hp_study_set_value(st, t, 1, 7 - i);
		hp_study_set_value(st, t, 2, i % 3);
		hp_study_set_constraints(st, t, i == 2 ? &viol : &ok, 1);
	}
	finish(st);
	assert_int_equal(plot_pareto_front(st, 0, NULL, &f, &err), 1);
	assert_int_equal(f.npanels, 4);
	assert_int_equal(f.nrows, 2);
	for (size_t i = 0; i < f.npanels; i++) {
		empty += f.panels[i].empty;
		for (size_t j = 0; j < f.panels[i].nmarks; j++)
			grey += f.panels[i].marks[j].label &&
			    strcmp(f.panels[i].marks[j].label, "infeasible (1)") == 0;
		assert_int_equal(count_marks(&f.panels[i], FIG_MARK_LINE), 0);
	}
	assert_int_equal(empty, 1);
	assert_int_equal(grey, 1);	/* labelled in the first panel only */
	assert_true(has_note(&f, "1 infeasible trial"));
	fig_release(&f);
	hp_study_free(st);
}

static void
rank_should_colour_the_best_trial_zero(void **state)
{
	struct hp_study *st = hp_study_new("rk");
	struct hp_dist fl = { .kind = HP_DIST_FLOAT, .low = 0, .high = 10 };
	struct fig f;
	struct hp_err err;
	const struct fig_mark *m;
	size_t nonempty = 0;

	(void)state;
	for (int i = 0; i < 5; i++) {
		size_t t = hp_study_add_trial(st, i, HP_STATE_COMPLETE);

		hp_study_set_value(st, t, 0, (i - 2) * (i - 2));	/* best: trial 2 */
		assert_int_equal(hp_study_set_param(st, t, "a", &fl, i, &err), 0);
		assert_int_equal(hp_study_set_param(st, t, "b", &fl, 10 - i, &err), 0);
		if (i != 4)
			assert_int_equal(hp_study_set_param(st, t, "c", &fl, i, &err), 0);
	}
	finish(st);
	assert_int_equal(plot_rank(st, 0, NULL, &f, &err), 1);
	assert_int_equal(f.npanels, 4);
	for (size_t i = 0; i < f.npanels; i++)
		nonempty += !f.panels[i].empty;
	assert_int_equal(nonempty, 3);
	m = &f.panels[0].marks[0];	/* a against b: all five */
	assert_int_equal(m->n, 5);
	assert_int_equal(m->id[4], 2);	/* best drawn last */
	assert_near(m->c[4], 0, 0);
	assert_true(f.cbar.on && f.cbar.reversed);
	assert_true(has_note(&f, "c is absent in 1 of 5 trials"));
	/* the rank is what it derives; the params are trials.csv's */
	assert_int_equal(f.data.ncols, 2);
	assert_string_equal(f.data.cols[1], "rank");
	assert_string_equal(f.data.cells[0], "2");	/* best first: trial 2, */
	assert_string_equal(f.data.cells[1], "0");	/* rank 0 */
	assert_true(has_column(&f, "params_a") && has_column(&f, "params_c"));
	fig_release(&f);
	hp_study_free(st);
}

static const struct fig_mark *
points_of(const struct fig_panel *p)
{
	for (size_t i = 0; i < p->nmarks; i++)
		if (p->marks[i].kind == FIG_MARK_POINTS)
			return &p->marks[i];
	return NULL;
}

static void
rank_should_place_trials_lacking_a_param_on_a_none_slot(void **state)
{
	struct hp_study *st = hp_study_new("rk");
	struct hp_dist fl = { .kind = HP_DIST_FLOAT, .low = 0, .high = 10 };
	struct hp_choice ch[2] = { { HP_CHOICE_STRING, 0, (char *)"p" },
	    { HP_CHOICE_STRING, 0, (char *)"q" } };
	struct hp_dist cat = { HP_DIST_CATEGORICAL, 0, 0, 0, 0, ch, 2 };
	struct fig f;
	struct hp_err err;
	const struct fig_panel *p;
	const struct fig_mark *m;
	struct fig_ticks tk;
	size_t at_none = 0;

	(void)state;
	for (int i = 0; i < 6; i++) {
		size_t t = hp_study_add_trial(st, i, HP_STATE_COMPLETE);

		hp_study_set_value(st, t, 0, i);
		assert_int_equal(hp_study_set_param(st, t, "a", &fl, i, &err), 0);
		if (i % 2 == 0)	/* c: conditional float, k: conditional category */
			assert_int_equal(hp_study_set_param(st, t, "c", &fl, i + 1, &err), 0);
		else
			assert_int_equal(hp_study_set_param(st, t, "k", &cat, i % 4 == 1, &err), 0);
	}
	finish(st);
	assert_int_equal(plot_rank(st, 0, NULL, &f, &err), 1);
	/* params a, c, k: panel (row 0, col 0) is c against a */
	p = &f.panels[0];
	assert_true(p->y.none && !p->x.none);
	assert_true(p->y.none_v < p->y.data_lo && p->y.lo < p->y.none_v);
	m = points_of(p);
	assert_non_null(m);
	assert_int_equal(m->n, 6);	/* nobody dropped */
	for (size_t i = 0; i < m->n; i++)
		at_none += m->y[i] == p->y.none_v;
	assert_int_equal(at_none, 3);
	assert_int_equal(count_marks(p, FIG_MARK_HRULE), 1);
	fig_axis_ticks(&p->y, 5, &tk);
	assert_true(tk.n > 2);
	assert_string_equal(tk.v[0].label, "none");
	for (size_t i = 1; i < tk.n; i++)
		assert_true(tk.v[i].v >= p->y.data_lo - 1e-9);
	free(tk.v);
	/* k against c (row 1, col 1): both axes have the slot; categorical at -1 */
	p = &f.panels[3];
	assert_true(p->x.none && p->y.none);
	assert_true(p->y.scale == FIG_CATEGORICAL && p->y.none_v == -1);
	m = points_of(p);
	assert_int_equal(m->n, 6);
	fig_axis_ticks(&p->y, 2, &tk);
	assert_int_equal(tk.n, 3);
	assert_string_equal(tk.v[0].label, "none");
	assert_string_equal(tk.v[1].label, "p");
	free(tk.v);
	assert_true(has_note(&f, "shown at \"none\""));
	fig_release(&f);
	hp_study_free(st);
}

static void
hypervolume_should_end_at_the_front_volume(void **state)
{
	struct hp_study *st = two_objective_study();
	double one[] = { 1, 2 };
	struct hp_study *single = simple_study("one", one, 2);
	double ref[2] = { 4, -1 };	/* x <= 4 minimized, y >= -1 maximized */
	struct plot_opts o;
	struct fig f;
	struct hp_err err;
	const struct fig_mark *m;

	(void)state;
	assert_int_equal(plot_hypervolume(single, 0, NULL, &f, &err), 0);
	plot_opts_defaults(&o);
	o.hv_ref = ref;
	o.nhv_ref = 2;
	assert_int_equal(plot_hypervolume(st, 0, &o, &f, &err), 1);
	m = &f.panels[0].marks[0];
	assert_int_equal(m->kind, FIG_MARK_LINE);
	assert_int_equal(m->n, 7);
	/* front (0,0), (1,1), (2,3) against (4,-1): minimization space
	 * (0,0),(1,-1),(2,-3) vs (4,1): 4*1 + 3*1 + 2*2 = 11 */
	assert_near(m->y[6], 11, 1e-12);
	assert_near(m->y[0], 3 * 2, 1e-12);
	assert_true(has_note(&f, "Reference point (4, -1)."));
	fig_release(&f);
	assert_int_equal(plot_hypervolume(st, 0, NULL, &f, &err), 1);
	assert_true(has_note(&f, "default: worst value + 10%"));
	fig_release(&f);
	hp_study_free(st);
	hp_study_free(single);
}

static void
compare_should_draw_a_band_and_a_summary_row_per_study(void **state)
{
	double a[] = { 5, 3, 4, 1 }, b[] = { 6, 2, NAN };
	struct hp_study *s1 = simple_study("a", a, 4), *s2 = simple_study("b", b, 3);
	const struct hp_study *both[2] = { s1, s2 };
	struct fig f;
	struct hp_err err;
	const struct fig_panel *p;
	const struct fig_mark *band = NULL;

	(void)state;
	assert_int_equal(plot_compare_convergence(both, 2, 0, NULL, &f, &err), 1);
	p = &f.panels[0];
	for (size_t i = 0; i < p->nmarks; i++)
		if (p->marks[i].kind == FIG_MARK_AREA)
			band = &p->marks[i];
	assert_non_null(band);
	assert_int_equal(band->n, 3);	/* trials 0..2: both studies present */
	assert_near(band->y[0], 5, 1e-12);	/* mean 5.5, std 0.5 */
	assert_near(band->y2[0], 6, 1e-12);
	assert_near(band->y[1], 2, 1e-12);	/* bests 3 and 2 */
	assert_int_equal(count_marks(p, FIG_MARK_LINE), 3);
	assert_int_equal(f.data.nrows, 2);
	assert_string_equal(f.data.cells[6], "1");	/* best of a */
	assert_string_equal(f.data.cells[9 + 7], "1");	/* best trial of b */
	fig_release(&f);
	hp_study_free(s1);
	hp_study_free(s2);
}

static void
registered_kinds_should_include_the_figure_set(void **state)
{
	(void)state;
	assert_non_null(plot_kind_find("edf"));
	assert_int_equal(plot_kind_find("edf")->scope, PLOT_PER_OBJECTIVE);
	assert_int_equal(plot_kind_find("intermediate_values")->scope, PLOT_PER_OBJECTIVE);
	assert_int_equal(plot_kind_find("rank")->scope, PLOT_PER_OBJECTIVE);
	assert_int_equal(plot_kind_find("timeline")->scope, PLOT_ALL_OBJECTIVES);
	assert_int_equal(plot_kind_find("pareto_front")->scope, PLOT_ALL_OBJECTIVES);
	assert_int_equal(plot_kind_find("hypervolume")->scope, PLOT_ALL_OBJECTIVES);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(edf_should_step_to_one_and_count_infinite_values),
		cmocka_unit_test(edf_multi_should_draw_one_labelled_curve_per_study),
		cmocka_unit_test(intermediate_values_should_tell_states_apart),
		cmocka_unit_test(intermediate_values_should_not_apply_without_reports),
		cmocka_unit_test(timeline_should_pick_the_unit_from_the_span),
		cmocka_unit_test(pareto_front_should_highlight_the_front_of_two_objectives),
		cmocka_unit_test(pareto_front_should_make_a_matrix_for_three_objectives),
		cmocka_unit_test(rank_should_colour_the_best_trial_zero),
		cmocka_unit_test(rank_should_place_trials_lacking_a_param_on_a_none_slot),
		cmocka_unit_test(hypervolume_should_end_at_the_front_volume),
		cmocka_unit_test(compare_should_draw_a_band_and_a_summary_row_per_study),
		cmocka_unit_test(registered_kinds_should_include_the_figure_set),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
