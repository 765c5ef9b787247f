/*
 * test_objective: the objective-dependence figure (src/plot/objective.c) on
 * the 3.1 fixture's "mixed-minimize": the n x n layout, filled contour
 * bands (polygons inside the panel, the lowest band covering it), the
 * conditional param "momentum" shown rather than dropped, the best trial
 * marked only where it has both params, and the GP surrogate on a small
 * study with smooth (many-vertex) bands.
 */
#include "testutil.h"

#include "hpreport/load.h"
#include "hpreport/plot.h"

static struct hp_study *
load_study(const char *path, const char *name, struct hp_studyset *set)
{
	struct hp_load_opts o;
	struct hp_err err;

	hp_load_opts_defaults(&o);
	o.study = name;
	if (hp_load(path, &o, set, NULL, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(set->n, 1);
	return set->v[0];
}

static const struct fig_mark *
find_mark(const struct fig_panel *p, enum fig_mark_kind kind, enum fig_shape shape)
{
	for (size_t i = 0; i < p->nmarks; i++)
		if (p->marks[i].kind == kind && (kind != FIG_MARK_POINTS ||
		    p->marks[i].shape == shape))
			return &p->marks[i];
	return NULL;
}

/* Whether the best trial has the param named `name`. */
static int
best_has(const struct hp_study *st, long best, const char *name)
{
	for (size_t i = 0; i < st->nparams; i++)
		if (strcmp(st->params[i].name, name) == 0)
			return !isnan(st->params[i].v[best]);
	fail_msg("no param %s", name);
	return 0;
}

static int
in_axis(const struct fig_axis *a, double v)
{
	double lo = fmin(a->lo, a->hi), hi = fmax(a->lo, a->hi), eps = 1e-9 * (hi - lo);

	return v >= lo - eps && v <= hi + eps;
}

static void
mixed_minimize_matrix_should_show_bands_and_the_conditional_param(void **state)
{
	struct hp_studyset set = { 0 };
	struct hp_study *st = load_study(testdata("optuna-3.1/study.db"),
	    "mixed-minimize", &set);
	struct fig f;
	struct hp_err err;
	size_t d, mom = SIZE_MAX, cond_note = 0;
	long best = hp_study_best(st, 0);

	(void)state;
	assert_int_equal(plot_objective(st, 0, NULL, &f, &err), 1);
	d = (size_t)f.nrows;
	assert_int_equal(f.ncols, f.nrows);
	assert_int_equal(f.npanels, d * d);
	assert_int_equal(d, 8);		/* 7 params in every trial + momentum */
	for (size_t i = 0; i < d; i++)
		if (f.panels[i * d + i].x.title &&
		    strcmp(f.panels[i * d + i].x.title, "momentum") == 0)
			mom = i;
	assert_true(mom < d);
	for (size_t i = 0; i < f.nnotes; i++)
		cond_note += strstr(f.notes[i], "momentum") != NULL;
	assert_int_equal(cond_note, 1);
	assert_true(f.cbar.on);
	assert_true(f.cbar.discrete);

	for (size_t i = 0; i < d; i++)
		for (size_t j = 0; j < d; j++) {
			const struct fig_panel *p = &f.panels[i * d + j];
			const struct fig_mark *m;

			assert_int_equal(p->row, (int)i);
			assert_int_equal(p->col, (int)j);
			if (j > i) {
				assert_true(p->empty);
				continue;
			}
			if (i == j) {
				/* the dashed best line unless the best trial lacks the param */
				m = find_mark(p, FIG_MARK_VRULE, 0);
				assert_int_equal(m != NULL, best_has(st, best, p->x.title));
				if (m)
					assert_int_equal(m->dash, 1);
				continue;
			}
			m = find_mark(p, FIG_MARK_POLYGONS, 0);
			assert_non_null(m);
			assert_true(m->npoly >= 1);
			for (size_t v = 0; v < m->n; v++)
				if (!isnan(m->x[v])) {
					assert_true(in_axis(&p->x, m->x[v]));
					assert_true(in_axis(&p->y, m->y[v]));
				}
			/* bands are painted from the lowest up: the first is the lowest */
			assert_true(m->c[0] < f.cbar.levels[1]);
			for (size_t k = 1; k < m->npoly; k++)
				assert_true(m->c[k] > m->c[k - 1]);
			/* sampled trials in black; best as a red star when it has both */
			m = find_mark(p, FIG_MARK_POINTS, FIG_SHAPE_CIRCLE);
			assert_non_null(m);
			assert_true(m->n > 0);
			assert_true(m->color.r == 0 && m->color.g == 0 && m->color.b == 0);
			m = find_mark(p, FIG_MARK_POINTS, FIG_SHAPE_STAR);
			assert_int_equal(m != NULL, best_has(st, best, p->x.title) &&
			    best_has(st, best, p->y.title));
			if (i != mom && j != mom)
				assert_non_null(m);
			if (m)
				assert_true(m->color.r > 0.8 && m->color.g < 0.3);
		}
	/* momentum is only in some trials: its panels draw fewer points */
	{
		const struct fig_mark *a = find_mark(&f.panels[(d - 1) * d + mom],
		    FIG_MARK_POINTS, FIG_SHAPE_CIRCLE);
		const struct fig_mark *b = find_mark(&f.panels[(d - 1) * d + 0],
		    FIG_MARK_POINTS, FIG_SHAPE_CIRCLE);

		assert_true(mom < d - 1);
		assert_true(a->n > 0 && a->n < b->n);
	}
	fig_release(&f);
	hp_studyset_release(&set);
}

static void
gp_surrogate_should_give_smooth_bands(void **state)
{
	struct hp_studyset set = { 0 };
	struct hp_study *st;
	struct plot_opts o;
	struct fig f;
	struct hp_err err;
	char db[4096];
	size_t maxv = 0;

	(void)state;
	snprintf(db, sizeof(db), "%s", testdata("dominant.db"));
	st = load_study(db, "dominant", &set);
	plot_opts_defaults(&o);
	o.surrogate = PLOT_SURROGATE_GP;
	assert_int_equal(plot_objective(st, 0, &o, &f, &err), 1);
	assert_non_null(strstr(f.notes[0], "Gaussian process"));
	/* x (float) against lr (log float): curved bands, many vertices */
	for (size_t i = 0; i < f.npanels; i++) {
		const struct fig_mark *m = find_mark(&f.panels[i], FIG_MARK_POLYGONS, 0);

		if (m && m->n > maxv)
			maxv = m->n;
	}
	assert_true(maxv > 100);
	fig_release(&f);
	hp_studyset_release(&set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mixed_minimize_matrix_should_show_bands_and_the_conditional_param),
		cmocka_unit_test(gp_surrogate_should_give_smooth_bands),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
