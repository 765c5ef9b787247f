/*
 * test_matrix_sizes: every figure of a study of k params, for every k from
 * 1 to 40, builds a sane description and lays out (figures that show a
 * matrix of params grow with k: contour, objective, evaluations, rank, slice,
 * parallel coordinates), asked for with every param (--params).  The
 * contour uses its smallest grid and the surrogate-based objective figure
 * stops at 5 params here, to keep the test fast; a 17-param contour at
 * the default grid is the case that once overflowed its band-level sample
 * (caught under ASan: `make check-sanitize`).
 */
#include "testutil.h"

#include "hpreport/plot.h"
#include "hpreport/render.h"
#include "hpreport/study.h"

#define NTRIALS 24

/* k params cycling through float, log float, int and a 3-choice
 * categorical; a value that depends on the first params. */
static struct hp_study *
study_of(size_t k)
{
	struct hp_study *st = hp_study_new("sizes");
	struct hp_choice ch[3] = { { HP_CHOICE_STRING, 0, (char *)"a" },
	    { HP_CHOICE_STRING, 0, (char *)"b" }, { HP_CHOICE_STRING, 0, (char *)"c" } };
	struct hp_dist d[4] = {
		{ HP_DIST_FLOAT, -1, 1, 0, 0, NULL, 0 },
		{ HP_DIST_FLOAT, 1e-5, 1e-1, 0, 1, NULL, 0 },
		{ HP_DIST_INT, 1, 8, 1, 0, NULL, 0 },
		{ HP_DIST_CATEGORICAL, 0, 0, 0, 0, ch, 3 },
	};
	enum hp_direction dir = HP_DIR_MINIMIZE;
	struct hp_err err;
	char name[32];

	hp_study_set_directions(st, 1, &dir);
	for (int i = 0; i < NTRIALS; i++) {
		size_t t = hp_study_add_trial(st, i, HP_STATE_COMPLETE);
		double value = 0;

		for (size_t j = 0; j < k; j++) {
			const struct hp_dist *dj = &d[j % 4];
			double u = (double)((i * 7 + (int)j * 5) % NTRIALS) / (NTRIALS - 1), x;

			x = dj->kind == HP_DIST_CATEGORICAL ? (double)((i + (int)j) % 3) :
			    dj->log ? pow(10, -5 + 4 * u) :
			    dj->kind == HP_DIST_INT ? 1 + round(7 * u) : -1 + 2 * u;
			snprintf(name, sizeof(name), "param_%02zu", j);
			assert_int_equal(hp_study_set_param(st, t, name, dj, x, &err), 0);
			value += (j < 3 ? 1.0 : 0.1) * u * u;
		}
		hp_study_set_value(st, t, 0, value);
	}
	assert_int_equal(hp_study_finish(st, &err), 0);
	return st;
}

/* Builds figure pk of st with every param, checks the description and its
 * layout. */
static void
check_figure(const struct plot_kind *pk, const struct hp_study *st, struct plot_opts *o)
{
	struct render_opts ro;
	struct fig f;
	struct hp_err err;
	size_t k = st->nparams;
	char **names = calloc(k, sizeof(char *));
	double *r;
	int rc;

	render_opts_defaults(&ro);
	for (size_t j = 0; j < k; j++)
		names[j] = st->params[j].name;
	o->params = names;
	o->nparams = k;
	rc = pk->build(st, 0, o, &f, &err);
	free(names);
	o->params = NULL;
	o->nparams = 0;
	if (rc < 0)
		fail_msg("%s, %zu params: %s", pk->name, k, err.msg);
	if (rc == 0)
		return;
	if (!(f.width > 0 && f.height > 0 && isfinite(f.width) && isfinite(f.height)))
		fail_msg("%s, %zu params: size %g x %g", pk->name, k, f.width, f.height);
	/* the layout finds a place for every panel */
	r = calloc(4 * f.npanels + 4, sizeof(double));
	if (render_layout(&f, f.width, f.height, &ro, r, &err) < 0)
		fail_msg("%s, %zu params: %s", pk->name, k, err.msg);
	for (size_t p = 0; p < f.npanels; p++)
		assert_true(r[4 * p + 2] >= 0 && r[4 * p + 3] >= 0);
	free(r);
	for (size_t p = 0; p < f.npanels; p++)
		for (size_t m = 0; m < f.panels[p].nmarks; m++)
			for (size_t i = 0; i < f.panels[p].marks[m].n; i++)
				assert_false(isinf(f.panels[p].marks[m].x[i]));
	fig_release(&f);
}

static void
every_figure_should_build_for_1_to_40_params(void **state)
{
	struct plot_opts o;

	(void)state;
	plot_opts_defaults(&o);
	o.contour_grid = 10;
	o.max_params = -1;	/* --max-params all */
	for (size_t k = 1; k <= 40; k++) {
		struct hp_study *st = study_of(k);

		assert_int_equal(st->nparams, k);
		for (const struct plot_kind *pk = plot_kinds; pk->name; pk++)
			if (pk->build && (k <= 5 || strcmp(pk->name, "objective") != 0))
				check_figure(pk, st, &o);
		hp_study_free(st);
	}
}

static void
contour_of_17_params_should_build_at_the_default_grid(void **state)
{
	struct hp_study *st = study_of(17);
	struct plot_opts o;

	(void)state;
	plot_opts_defaults(&o);
	o.max_params = -1;
	check_figure(plot_kind_find("contour"), st, &o);
	hp_study_free(st);
}

/* By default a matrix figure of 40 params shows the 8 most important. */
static void
matrix_of_40_params_should_default_to_8(void **state)
{
	struct hp_study *st = study_of(40);
	struct plot_opts o;
	struct fig f;
	struct hp_err err;

	(void)state;
	plot_opts_defaults(&o);
	o.contour_grid = 10;
	assert_int_equal(plot_contour(st, 0, &o, &f, &err), 1);
	assert_int_equal(f.npanels, 8 * 7 / 2);
	fig_release(&f);
	assert_int_equal(plot_evaluations(st, 0, &o, &f, &err), 1);
	assert_true(f.npanels <= 8 * 8);
	fig_release(&f);
	hp_study_free(st);
}

/*
 * At a paper column (3.5 in: 252 points) the matrix figures show three
 * params at least (two made a one-cell contour and a two-axis parallel
 * plot), and no figure is taller than 1.3 times its width there, or than
 * its width at 7 in (a 2-panel slice was 6 in tall at 3.5 in), unless a
 * height is given (issue 22, defect 4).
 */
static void
column_figures_should_show_three_params_and_fit_a_page(void **state)
{
	static const char *const matrix[] = { "contour", "evaluations",
	    "objective", "rank", NULL };
	struct hp_study *st = study_of(8);
	struct plot_opts o;
	struct fig f;
	struct hp_err err;
	double widths[2] = { 252, 504 }, ratio[2] = { 1.3, 1.0 };

	(void)state;
	plot_opts_defaults(&o);
	o.contour_grid = 10;
	o.width = 252;
	for (size_t i = 0; matrix[i]; i++) {
		assert_int_equal(plot_kind_find(matrix[i])->build(st, 0, &o, &f, &err), 1);
		/* a lower triangle of 3 params: 3 (contour) to 9 panels */
		assert_true(f.npanels >= 3);
		fig_release(&f);
	}
	assert_int_equal(plot_parallel_coordinate(st, 0, &o, &f, &err), 1);
	assert_true(f.panels[0].nvaxes >= 4);	/* the objective and 3 params */
	fig_release(&f);
	for (int w = 0; w < 2; w++) {
		o.width = widths[w];
		for (const struct plot_kind *pk = plot_kinds; pk->name; pk++) {
			if (!pk->build || pk->build(st, 0, &o, &f, &err) != 1)
				continue;
			plot_cap_height(&o, &f);
			if (f.height > ratio[w] * f.width + 1e-9)
				fail_msg("%s at %g pt: %g tall", pk->name, f.width, f.height);
			fig_release(&f);
		}
	}
	/* a given height stays */
	o.height = 900;
	assert_int_equal(plot_slice(st, 0, &o, &f, &err), 1);
	plot_cap_height(&o, &f);
	assert_true(f.height == 900);
	fig_release(&f);
	hp_study_free(st);
}

/* At a 3.5-in column (252 points) a matrix figure of many params shows
 * three at least: two would be a single contour cell. */
static void
matrix_should_show_three_params_at_a_column(void **state)
{
	struct hp_study *st = study_of(12);
	struct plot_opts o;
	struct fig f;
	struct hp_err err;

	(void)state;
	plot_opts_defaults(&o);
	o.contour_grid = 10;
	o.width = 252;
	assert_int_equal(plot_contour(st, 0, &o, &f, &err), 1);
	assert_int_equal(f.npanels, 3 * 2 / 2);
	fig_release(&f);
	assert_int_equal(plot_evaluations(st, 0, &o, &f, &err), 1);
	assert_true(f.npanels >= 3 * 2 / 2 + 3);
	fig_release(&f);
	hp_study_free(st);
}

/* No figure of 40 params is taller than 1.3 times a 3.5-in column
 * (327.6 points) or than a 7-in page (504 points) unless a height is
 * given, and a given height is kept. */
static void
figures_should_fit_the_page_unless_a_height_is_given(void **state)
{
	struct hp_study *st = study_of(40);
	const double width[2] = { 252, 504 }, most[2] = { 327.6, 504 };
	struct plot_opts o;
	struct fig f;
	struct hp_err err;

	(void)state;
	plot_opts_defaults(&o);
	o.contour_grid = 10;
	for (int w = 0; w < 2; w++)
		for (const struct plot_kind *pk = plot_kinds; pk->name; pk++) {
			if (pk->build == NULL)
				continue;
			o.width = width[w];
			o.height = 0;
			if (pk->build(st, 0, &o, &f, &err) == 1) {
				if (f.height > most[w] + 1e-9)
					fail_msg("%s at %g: %g tall", pk->name, width[w], f.height);
				fig_release(&f);
			}
			if (strcmp(pk->name, "slice") == 0 || strcmp(pk->name, "importances") == 0) {
				o.height = 2 * width[w];
				assert_int_equal(pk->build(st, 0, &o, &f, &err), 1);
				assert_true(f.height == 2 * width[w]);
				fig_release(&f);
			}
		}
	hp_study_free(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_figure_should_build_for_1_to_40_params),
		cmocka_unit_test(contour_of_17_params_should_build_at_the_default_grid),
		cmocka_unit_test(matrix_of_40_params_should_default_to_8),
		cmocka_unit_test(figures_should_fit_the_page_unless_a_height_is_given),
		cmocka_unit_test(matrix_should_show_three_params_at_a_column),
		cmocka_unit_test(column_figures_should_show_three_params_and_fit_a_page),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
