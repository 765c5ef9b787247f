/*
 * test_evaluations: the evaluations matrix's description on a built study
 * -- n x n layout with an empty upper triangle, histograms on the diagonal
 * (per choice, per int value, log-spaced bins), scatter below, the best
 * trial, outer labels only, growth with n.
 */
#include "testutil.h"

#include "hpreport/plot.h"
#include "figstudy.h"

static const struct fig_panel *
panel_at(const struct fig *f, int row, int col)
{
	for (size_t i = 0; i < f->npanels; i++)
		if (f->panels[i].row == row && f->panels[i].col == col)
			return &f->panels[i];
	fail();
	return NULL;
}

static double
bar_total(const struct fig_panel *p, size_t *nbars)
{
	double s = 0;

	for (size_t i = 0; i < p->nmarks; i++)
		if (p->marks[i].kind == FIG_MARK_RECTS) {
			*nbars = p->marks[i].n;
			for (size_t j = 0; j < p->marks[i].n; j++)
				s += p->marks[i].y2[j] - p->marks[i].y[j];
		}
	return s;
}

static size_t
count_kind(const struct fig_panel *p, enum fig_mark_kind k)
{
	size_t c = 0;

	for (size_t i = 0; i < p->nmarks; i++)
		c += p->marks[i].kind == k;
	return c;
}

static void
evaluations_should_be_a_lower_triangular_matrix(void **state)
{
	struct hp_study *st = figstudy(HP_DIR_MINIMIZE, 1);
	struct fig f;
	struct hp_err err;
	size_t empty = 0;

	(void)state;
	assert_int_equal(plot_evaluations(st, 0, NULL, &f, &err), 1);
	assert_string_equal(f.name, "evaluations");
	assert_int_equal(f.npanels, 16);
	assert_int_equal(f.nrows, 4);
	assert_int_equal(f.ncols, 4);
	for (size_t i = 0; i < f.npanels; i++) {
		const struct fig_panel *p = &f.panels[i];

		empty += p->empty;
		assert_int_equal(p->empty, p->col > p->row);
		if (p->empty)
			continue;
		assert_int_equal(!!(p->x.show & FIG_SHOW_LABELS), p->row == 3);
		if (p->row != p->col)
			assert_int_equal(!!(p->y.show & FIG_SHOW_LABELS), p->col == 0);
	}
	assert_int_equal(empty, 6);
	assert_string_equal(f.cbar.title, "Trial");
	fig_release(&f);
	hp_study_free(st);
}

static void
evaluations_should_histogram_each_param(void **state)
{
	struct hp_study *st = figstudy(HP_DIR_MINIMIZE, 1);
	struct fig f;
	struct hp_err err;
	size_t nb = 0;
	const struct fig_panel *p;
	const struct fig_mark *m = NULL;

	(void)state;
	assert_int_equal(plot_evaluations(st, 0, NULL, &f, &err), 1);
	assert_near(bar_total(panel_at(&f, 0, 0), &nb), FIGSTUDY_FINITE, 0);
	assert_int_equal(nb, 6);		/* layers: one bar per value */
	assert_near(bar_total(panel_at(&f, 2, 2), &nb), FIGSTUDY_WITH_MOM, 0);
	assert_near(bar_total(panel_at(&f, 3, 3), &nb), FIGSTUDY_FINITE, 0);
	assert_int_equal(nb, 3);		/* opt: one bar per choice */
	p = panel_at(&f, 1, 1);			/* lr: log-spaced bins */
	assert_near(bar_total(p, &nb), FIGSTUDY_FINITE, 0);
	for (size_t i = 0; i < p->nmarks; i++)
		if (p->marks[i].kind == FIG_MARK_RECTS)
			m = &p->marks[i];
	assert_int_equal(p->x.scale, FIG_LOG);
	for (size_t i = 1; i < m->n; i++)
		assert_near(m->x2[i] / m->x[i], m->x2[0] / m->x[0], 1e-9);
	fig_release(&f);
	hp_study_free(st);
}

static void
evaluations_should_scatter_pairs_and_star_the_best(void **state)
{
	struct hp_study *st = figstudy(HP_DIR_MINIMIZE, 1);
	struct fig f;
	struct hp_err err;
	const struct fig_panel *p;
	const struct fig_mark *star;

	(void)state;
	assert_int_equal(plot_evaluations(st, 0, NULL, &f, &err), 1);
	p = panel_at(&f, 1, 0);			/* x layers, y lr */
	assert_string_equal(p->x.title, "layers");
	assert_string_equal(p->y.title, "lr");
	assert_int_equal(p->marks[0].n, FIGSTUDY_FINITE);
	assert_true(p->marks[0].c[0] < p->marks[0].c[p->marks[0].n - 1]);
	star = find_star(p);
	assert_non_null(star);
	assert_int_equal(star->id[0], FIGSTUDY_BEST);
	assert_near(star->y[0], st->params[hp_study_param_index(st, "lr")].v[FIGSTUDY_BEST], 0);
	p = panel_at(&f, 2, 1);			/* mom against lr: all, "none" below */
	assert_true(p->y.none && !p->x.none);
	{
		const struct fig_mark *pts = NULL;
		size_t at_none = 0;

		for (size_t i = 0; i < p->nmarks && !pts; i++)
			if (p->marks[i].kind == FIG_MARK_POINTS)
				pts = &p->marks[i];
		assert_non_null(pts);
		assert_int_equal(pts->n, FIGSTUDY_FINITE);
		for (size_t i = 0; i < pts->n; i++)
			at_none += pts->y[i] < p->y.data_lo;
		assert_int_equal(at_none, FIGSTUDY_FINITE - FIGSTUDY_WITH_MOM);
		assert_int_equal(count_kind(p, FIG_MARK_HRULE), 1);
	}
	star = find_star(p);			/* the best has no mom: on the slot, */
	assert_non_null(star);
	assert_true(star->y[0] < p->y.data_lo && star->y[0] > p->y.lo);
	{					/* on its own dot there */
		const struct fig_mark *pts = &p->marks[0];
		size_t b = 0;

		while (pts->kind != FIG_MARK_POINTS)
			pts++;
		while (b < pts->n && pts->id[b] != FIGSTUDY_BEST)
			b++;
		assert_true(b < pts->n);
		assert_true(star->x[0] == pts->x[b] && star->y[0] == pts->y[b]);
	}
	assert_true(has_note(&f, "mom is set in 12 of 37"));
	fig_release(&f);
	hp_study_free(st);
}

static void
evaluations_should_grow_with_params(void **state)
{
	struct hp_study *st = hp_study_new("wide");
	struct hp_dist d = { HP_DIST_FLOAT, 0, 1, 0, 0, NULL, 0 };
	struct plot_opts o;
	struct hp_err err;
	struct fig f;

	(void)state;
	for (int i = 0; i < 20; i++) {
		size_t t = hp_study_add_trial(st, i, HP_STATE_COMPLETE);

		hp_study_set_value(st, t, 0, i);
		for (int j = 0; j < 12; j++) {
			char name[8];

			snprintf(name, sizeof(name), "p%02d", j);
			hp_study_set_param(st, t, name, &d, ((i * (j + 3)) % 20) / 19.0, &err);
		}
	}
	assert_int_equal(hp_study_finish(st, &err), 0);
	/* by default the 8 most important params, named in a note */
	assert_int_equal(plot_evaluations(st, 0, NULL, &f, &err), 1);
	assert_int_equal(f.npanels, 64);
	assert_true(has_note(&f, "The 8 most important of 12 params"));
	fig_release(&f);
	/* --max-params all: every one */
	plot_opts_defaults(&o);
	o.max_params = -1;
	assert_int_equal(plot_evaluations(st, 0, &o, &f, &err), 1);
	assert_int_equal(f.npanels, 144);
	assert_true(f.width / 12 >= 110 && f.height / 12 >= 110);
	fig_release(&f);
	hp_study_free(st);
}

static void
evaluations_of_fixture_should_render(void **state)
{
	struct hp_studyset set;
	struct hp_study *st = fixture_study("mixed-minimize", &set);
	struct fig f;
	struct hp_err err;
	size_t nb = 0;

	(void)state;
	assert_int_equal(plot_evaluations(st, 0, NULL, &f, &err), 1);
	assert_int_equal(f.npanels, 64);
	assert_near(bar_total(panel_at(&f, 6, 6), &nb), 42, 0);	/* optimizer */
	assert_int_equal(nb, 3);
	assert_near(bar_total(panel_at(&f, 1, 1), &nb), 42, 0);	/* batch_size */
	assert_int_equal(nb, 8);		/* 32 .. 256 step 32 */
	assert_near(bar_total(panel_at(&f, 4, 4), &nb), 5, 0);		/* momentum */
	png_should_not_be_blank(&f);
	fig_release(&f);
	hp_studyset_release(&set);
}

/*
 * The study of tests/data/make_uniform.py (2,000 trials sampled uniformly
 * over their declared search spaces), generated into a temporary file;
 * skipped without python3.  Free with hp_studyset_release(set).
 */
static struct hp_study *
uniform_study(struct hp_studyset *set)
{
	char dir[] = "/tmp/hpuniform.XXXXXX", path[600], cmd[4800];
	struct hp_load_opts lo;
	struct hp_err err;

	if (system("python3 -c '' >/dev/null 2>&1") != 0)
		skip();
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/uniform.json", dir);
	snprintf(cmd, sizeof(cmd), "python3 %s %s", testdata("make_uniform.py"), path);
	assert_int_equal(system(cmd), 0);
	hp_load_opts_defaults(&lo);
	memset(set, 0, sizeof(*set));
	if (hp_load(path, &lo, set, NULL, &err) < 0)
		fail_msg("%s", err.msg);
	unlink(path);
	rmdir(dir);
	assert_int_equal(set->n, 1);
	return set->v[0];
}

/* The histogram bars of the diagonal panel titled `param`. */
static const struct fig_mark *
histogram_of(const struct fig *f, const char *param)
{
	for (size_t i = 0; i < f->npanels; i++) {
		const struct fig_panel *p = &f->panels[i];

		if (p->row != p->col || !p->x.title || strcmp(p->x.title, param))
			continue;
		for (size_t j = 0; j < p->nmarks; j++)
			if (p->marks[j].kind == FIG_MARK_RECTS)
				return &p->marks[j];
	}
	fail_msg("no histogram of %s", param);
	return NULL;
}

/*
 * Bars of uniform samples over [lo, hi] must be flat: each bin's count
 * within 4 sigma of the binomial expectation n * (its share of the span,
 * in log space for a log param; `slots` integers per unit of an int
 * param's span), the edge bins at least 60 % of the mean bin, and the
 * bins ending exactly at the search-space bounds.
 */
static void
assert_flat(const struct fig_mark *m, double lo, double hi, int logx, size_t n)
{
	double sum = 0, mean;

	assert_true(m->n >= 8);
	assert_near(m->x[0], lo, 1e-9 * fmax(1, fabs(lo)));
	assert_near(m->x2[m->n - 1], hi, 1e-9 * fmax(1, fabs(hi)));
	for (size_t b = 0; b < m->n; b++) {
		double w = logx ? log10(m->x2[b] / m->x[b]) / log10(hi / lo) :
		    (m->x2[b] - m->x[b]) / (hi - lo);
		double e = (double)n * w, sd = sqrt((double)n * w * (1 - w));

		if (b > 0)
			assert_near(m->x[b], m->x2[b - 1], 1e-9 * fmax(1, fabs(m->x[b])));
		if (fabs(m->y2[b] - e) > 4 * sd)
			fail_msg("bin %zu [%g, %g): %g trials, expected %g +- %g",
			    b, m->x[b], m->x2[b], m->y2[b], e, sd);
		sum += m->y2[b];
	}
	assert_near(sum, (double)n, 0);
	mean = sum / (double)m->n;
	assert_true(m->y2[0] >= 0.6 * mean);
	assert_true(m->y2[m->n - 1] >= 0.6 * mean);
}

static void
evaluations_should_bin_uniform_samples_flat_over_the_search_space(void **state)
{
	struct hp_studyset set;
	struct hp_study *st = uniform_study(&set);
	struct plot_opts o;
	const struct fig_mark *m;
	struct fig f;
	struct hp_err err;

	(void)state;
	plot_opts_defaults(&o);
	o.max_params = -1;
	assert_int_equal(plot_evaluations(st, 0, &o, &f, &err), 1);
	assert_flat(histogram_of(&f, "f"), -2, 3, 0, 2000);
	assert_flat(histogram_of(&f, "g"), 1e-4, 1e-1, 1, 2000);
	m = histogram_of(&f, "i");	/* 200 integers: 20 bins of 10 */
	assert_int_equal(m->n, 20);
	assert_flat(m, -0.5, 199.5, 0, 2000);
	m = histogram_of(&f, "c");	/* 8 integers: a bar each */
	assert_int_equal(m->n, 8);
	for (size_t b = 0; b < m->n; b++)
		assert_near(m->y2[b], 250, 4 * sqrt(2000 / 8.0 * 7 / 8));
	m = histogram_of(&f, "k");	/* 4 choices: a bar each */
	assert_int_equal(m->n, 4);
	for (size_t b = 0; b < m->n; b++)
		assert_near(m->y2[b], 500, 4 * sqrt(2000 / 4.0 * 3 / 4));
	png_should_not_be_blank(&f);
	fig_release(&f);
	hp_studyset_release(&set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(evaluations_should_be_a_lower_triangular_matrix),
		cmocka_unit_test(evaluations_should_histogram_each_param),
		cmocka_unit_test(evaluations_should_scatter_pairs_and_star_the_best),
		cmocka_unit_test(evaluations_should_grow_with_params),
		cmocka_unit_test(evaluations_of_fixture_should_render),
		cmocka_unit_test(evaluations_should_bin_uniform_samples_flat_over_the_search_space),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
