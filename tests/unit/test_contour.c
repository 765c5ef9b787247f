/*
 * test_contour: the contour figure's description on a built study -- the
 * lower-triangle layout, axis kinds and ranges, the filled grid, contour
 * lines, points per pair, colour direction, the best trial.
 */
#include "testutil.h"

#include "hpreport/plot.h"
#include "figstudy.h"

static void
contour_should_lay_pairs_out_as_lower_triangle(void **state)
{
	struct hp_study *st = figstudy(HP_DIR_MINIMIZE, 1);
	struct fig f;
	struct hp_err err;

	(void)state;
	assert_int_equal(plot_contour(st, 0, NULL, &f, &err), 1);
	assert_string_equal(f.name, "contour");
	assert_int_equal(f.npanels, 6);		/* 4 params: each pair once */
	assert_int_equal(f.nrows, 3);
	assert_int_equal(f.ncols, 3);
	/* row = y param (lr, mom, opt), column = x param (layers, lr, mom) */
	for (size_t i = 0; i < f.npanels; i++) {
		const struct fig_panel *p = &f.panels[i];
		static const char *const names[] = { "layers", "lr", "mom", "opt" };

		assert_string_equal(p->y.title, names[p->row + 1]);
		assert_string_equal(p->x.title, names[p->col]);
		assert_true(p->col <= p->row);
		/* outer labels only */
		assert_int_equal(!!(p->x.show & FIG_SHOW_LABELS), p->row == 2);
		assert_int_equal(!!(p->y.show & FIG_SHOW_LABELS), p->col == 0);
	}
	assert_true(f.width >= 3 * 150 && f.height >= 3 * 150);
	fig_release(&f);
	hp_study_free(st);
}

static const struct fig_panel *
panel_at(const struct fig *f, int row, int col)
{
	for (size_t i = 0; i < f->npanels; i++)
		if (f->panels[i].row == row && f->panels[i].col == col)
			return &f->panels[i];
	fail();
	return NULL;
}

static void
contour_should_use_optuna_axis_ranges(void **state)
{
	struct hp_study *st = figstudy(HP_DIR_MINIMIZE, 1);
	struct plot_opts o;
	struct fig f;
	struct hp_err err;
	const struct fig_panel *p;
	double lo = 1e-5, hi = 1e-1, pad = (log10(hi) - log10(lo)) * 0.05;

	(void)state;
	plot_opts_defaults(&o);
	o.contour_fill = PLOT_CONTOUR_LAPLACE;
	assert_int_equal(plot_contour(st, 0, &o, &f, &err), 1);
	p = panel_at(&f, 0, 0);		/* x layers, y lr */
	assert_int_equal(p->y.scale, FIG_LOG);
	/* the values present span 1e-5 .. 1e-1 exactly (i * 7 % 40 hits 0 and 39) */
	assert_near(log10(p->y.lo), log10(lo) - pad, 1e-9);
	assert_near(log10(p->y.hi), log10(hi) + pad, 1e-9);
	assert_true(p->x.integer);
	assert_near(p->x.lo, 1 - 0.25, 1e-12);
	assert_near(p->x.hi, 6 + 0.25, 1e-12);
	p = panel_at(&f, 2, 0);		/* y opt: categorical, choice order */
	assert_int_equal(p->y.scale, FIG_CATEGORICAL);
	assert_int_equal(p->y.ncats, 3);
	assert_string_equal(p->y.cats[0], "adam");
	assert_string_equal(p->y.cats[2], "rmsprop");
	assert_near(p->y.lo, -0.1, 1e-12);
	assert_near(p->y.hi, 2.1, 1e-12);
	fig_release(&f);
	/* the smooth default: numeric axes as Optuna, a band for each choice */
	assert_int_equal(plot_contour(st, 0, NULL, &f, &err), 1);
	p = panel_at(&f, 0, 0);
	assert_near(log10(p->y.lo), log10(lo) - pad, 1e-9);
	p = panel_at(&f, 2, 0);
	assert_near(p->y.lo, -0.5, 1e-12);
	assert_near(p->y.hi, 2.5, 1e-12);
	fig_release(&f);
	hp_study_free(st);
}

static void
contour_should_fill_the_plane_and_show_trials(void **state)
{
	struct hp_study *st = figstudy(HP_DIR_MINIMIZE, 1);
	struct plot_opts o;
	struct fig f;
	struct hp_err err;
	const struct fig_panel *p;
	const struct fig_mark *rects = NULL, *pts = NULL, *star;
	double area = 0;

	(void)state;
	plot_opts_defaults(&o);
	o.contour_grid = 40;
	assert_int_equal(plot_contour(st, 0, &o, &f, &err), 1);
	p = panel_at(&f, 0, 0);
	assert_int_equal(count_marks(p, FIG_MARK_RECTS), 1);
	assert_int_equal(count_marks(p, FIG_MARK_LINE), 1);
	for (size_t i = 0; i < p->nmarks; i++) {
		if (p->marks[i].kind == FIG_MARK_RECTS)
			rects = &p->marks[i];
		if (p->marks[i].kind == FIG_MARK_POINTS && !pts)
			pts = &p->marks[i];
	}
	/* the rectangles cover the panel: every row from lo to hi, no gap */
	{
		double xmin = INFINITY, xmax = -INFINITY, ymin = INFINITY, ymax = -INFINITY;

		for (size_t i = 0; i < rects->n; i++) {
			xmin = fmin(xmin, rects->x[i]);
			xmax = fmax(xmax, rects->x2[i]);
			ymin = fmin(ymin, rects->y[i]);
			ymax = fmax(ymax, rects->y2[i]);
			area += (rects->x2[i] - rects->x[i]) *
			    (log10(rects->y2[i]) - log10(rects->y[i]));
		}
		assert_near(xmin, p->x.lo, 1e-12);
		assert_near(xmax, p->x.hi, 1e-12);
		assert_near(ymin, p->y.lo, 1e-15);
		assert_near(ymax, p->y.hi, 1e-15);
		/* overlapping a little, never leaving a gap */
		assert_true(area >= (p->x.hi - p->x.lo) * (log10(p->y.hi) - log10(p->y.lo)));
		assert_true(area <= 1.7 * (p->x.hi - p->x.lo) * (log10(p->y.hi) - log10(p->y.lo)));
	}
	for (size_t i = 0; i < rects->n; i++)
		assert_true(rects->c[i] >= f.cbar.lo && rects->c[i] <= f.cbar.hi);
	assert_int_equal(pts->n, FIGSTUDY_FINITE);
	star = find_star(p);
	assert_non_null(star);
	assert_int_equal(star->id[0], FIGSTUDY_BEST);
	/* the mom pairs use the 12 trials that have mom */
	p = panel_at(&f, 1, 0);
	for (size_t i = 0; i < p->nmarks; i++)
		if (p->marks[i].kind == FIG_MARK_POINTS) {
			assert_int_equal(p->marks[i].n, FIGSTUDY_WITH_MOM);
			break;
		}
	assert_true(has_note(&f, "mom is set in 12 of 37"));
	assert_true(has_note(&f, "non-finite"));
	/* data: x nodes + a row per y node: 40 for the 3 numeric y params,
	 * 3 (a choice each) for opt; 40 values a row */
	assert_int_equal(f.data.nrows, 3 * 41 + 3 * 4);
	assert_int_equal(f.data.ncols, 3 + 40);
	assert_string_equal(f.data.cells[2], "x");
	assert_string_equal(f.data.cells[0], "layers");
	assert_string_equal(f.data.cells[1], "lr");
	fig_release(&f);
	hp_study_free(st);
}

static void
contour_colour_should_follow_the_direction(void **state)
{
	struct hp_study *st = figstudy(HP_DIR_MINIMIZE, 1);
	struct plot_opts o;
	struct fig f;
	struct hp_err err;

	(void)state;
	plot_opts_defaults(&o);
	assert_int_equal(plot_contour(st, 0, NULL, &f, &err), 1);
	assert_true(f.cbar.on && f.cbar.discrete);
	assert_true(f.cbar.reversed);
	assert_true(f.cbar.nlevels >= 2);
	for (size_t i = 1; i < f.cbar.nlevels; i++)
		assert_true(f.cbar.levels[i] > f.cbar.levels[i - 1]);
	fig_release(&f);
	o.contour_fill = PLOT_CONTOUR_LAPLACE;
	assert_int_equal(plot_contour(st, 0, &o, &f, &err), 1);
	assert_near(f.cbar.levels[0], 0.01, 0);	/* the best trial's node */
	fig_release(&f);
	hp_study_free(st);
	st = figstudy(HP_DIR_MAXIMIZE, 1);
	assert_int_equal(plot_contour(st, 0, NULL, &f, &err), 1);
	assert_false(f.cbar.reversed);
	fig_release(&f);
	hp_study_free(st);
}

static void
contour_of_two_params_should_be_one_plot(void **state)
{
	struct hp_study *st = figstudy(HP_DIR_MINIMIZE, 1);
	struct plot_opts o;
	char *want[] = { (char *)"opt", (char *)"lr" };
	struct fig f;
	struct hp_err err;

	(void)state;
	plot_opts_defaults(&o);
	o.params = want;
	o.nparams = 2;
	assert_int_equal(plot_contour(st, 0, &o, &f, &err), 1);
	assert_int_equal(f.npanels, 1);
	assert_string_equal(f.panels[0].x.title, "opt");
	assert_string_equal(f.panels[0].y.title, "lr");
	assert_true(f.panels[0].x.show & FIG_SHOW_LABELS);
	fig_release(&f);
	o.nparams = 1;
	assert_int_equal(plot_contour(st, 0, &o, &f, &err), 0);
	hp_study_free(st);
}

/* Header of tests/data/contour/PAIR.txt: Optuna 3.1's axis ranges. */
static void
optuna_ranges(const char *pair, double r[4], size_t *m)
{
	char path[256];
	FILE *fp;
	size_t n;
	int xlog, ylog;

	snprintf(path, sizeof(path), "tests/data/contour/%s.txt", pair);
	fp = fopen(path, "r");
	assert_non_null(fp);
	assert_int_equal(fscanf(fp, "%zu %lf %lf %d %lf %lf %d %zu", &n, &r[0], &r[1],
	    &xlog, &r[2], &r[3], &ylog, m), 8);
	fclose(fp);
}

static const struct fig_panel *
panel_named(const struct fig *f, const char *x, const char *y)
{
	for (size_t i = 0; i < f->npanels; i++)
		if (strcmp(f->panels[i].x.title, x) == 0 && strcmp(f->panels[i].y.title, y) == 0)
			return &f->panels[i];
	fail_msg("no panel %s-%s", x, y);
	return NULL;
}

static void
contour_of_fixture_should_match_optuna_axes_and_render(void **state)
{
	struct hp_studyset set;
	struct hp_study *st = fixture_study("mixed-minimize", &set);
	static const char *const pairs[][2] = { { "lr", "dropout" },
	    { "optimizer", "units" }, { "batch_size", "n_layers" },
	    { "activation", "momentum" } };
	struct plot_opts o;
	struct fig f;
	struct hp_err err;

	(void)state;
	plot_opts_defaults(&o);
	o.contour_fill = PLOT_CONTOUR_LAPLACE;	/* Optuna's own surface */
	assert_int_equal(plot_contour(st, 0, &o, &f, &err), 1);
	assert_int_equal(f.npanels, 28);	/* 8 params */
	assert_int_equal(f.nrows, 7);
	assert_int_equal(f.ncols, 7);
	for (size_t i = 0; i < 4; i++) {
		char name[64];
		double r[4];
		size_t m;
		/* our matrix puts the later param on y; Optuna's pair order may differ */
		const char *x = strcmp(pairs[i][0], pairs[i][1]) < 0 ? pairs[i][0] : pairs[i][1];
		const char *y = x == pairs[i][0] ? pairs[i][1] : pairs[i][0];
		const struct fig_panel *p = panel_named(&f, x, y);
		const struct fig_mark *pts = NULL;

		snprintf(name, sizeof(name), "%s-%s", pairs[i][0], pairs[i][1]);
		optuna_ranges(name, r, &m);
		if (x != pairs[i][0]) {		/* swapped */
			double t0 = r[0], t1 = r[1];

			r[0] = r[2]; r[1] = r[3]; r[2] = t0; r[3] = t1;
		}
		assert_near(p->x.lo, r[0], 1e-12 * fabs(r[0]) + 1e-15);
		assert_near(p->x.hi, r[1], 1e-12 * fabs(r[1]));
		assert_near(p->y.lo, r[2], 1e-12 * fabs(r[2]) + 1e-15);
		assert_near(p->y.hi, r[3], 1e-12 * fabs(r[3]));
		for (size_t j = 0; j < p->nmarks; j++)
			if (p->marks[j].kind == FIG_MARK_POINTS && !pts)
				pts = &p->marks[j];
		assert_non_null(pts);
		assert_int_equal(pts->n, m);
	}
	{
		const struct fig_panel *p = panel_named(&f, "optimizer", "units");

		assert_int_equal(p->x.scale, FIG_CATEGORICAL);
		assert_string_equal(p->x.cats[0], "adam");
		assert_string_equal(p->x.cats[1], "sgd");
		assert_string_equal(p->x.cats[2], "rmsprop");
		assert_int_equal(p->y.scale, FIG_LOG);
	}
	assert_true(has_note(&f, "momentum is set in 5 of 42"));
	assert_int_equal(f.data.nrows, 28 * 65);	/* auto grid: 64 in a matrix */
	assert_int_equal(f.data.ncols, 3 + 64);
	png_should_not_be_blank(&f);
	fig_release(&f);
	hp_studyset_release(&set);
}

static void
contour_of_inf_study_should_count_left_out_trials(void **state)
{
	struct hp_studyset set;
	struct hp_study *st = fixture_study("maximize-inf", &set);
	struct fig f;
	struct hp_err err;

	(void)state;
	assert_int_equal(plot_contour(st, 0, NULL, &f, &err), 1);
	assert_int_equal(f.npanels, 1);
	assert_false(f.cbar.reversed);
	assert_true(has_note(&f, "2 trials with a non-finite value left out"));
	png_should_not_be_blank(&f);
	fig_release(&f);
	hp_studyset_release(&set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(contour_should_lay_pairs_out_as_lower_triangle),
		cmocka_unit_test(contour_should_use_optuna_axis_ranges),
		cmocka_unit_test(contour_should_fill_the_plane_and_show_trials),
		cmocka_unit_test(contour_colour_should_follow_the_direction),
		cmocka_unit_test(contour_of_two_params_should_be_one_plot),
		cmocka_unit_test(contour_of_fixture_should_match_optuna_axes_and_render),
		cmocka_unit_test(contour_of_inf_study_should_count_left_out_trials),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
