/*
 * test_marks: marks that show the data rather than hide it, on studies
 * built here -- learning curves of trials pruned early on a long step
 * axis, the failed trials' swatch, the timeline's durations and how many
 * trials ran at once, the contour's veil over what no trial supports.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "hpreport/plot.h"
#include "hpreport/render.h"
#include "figstudy.h"

/* A study of 3 COMPLETE trials reporting steps 0..5000 and 4 PRUNED ones
 * stopped at steps 10..13 (as the osteo journal), and one FAIL at 0..40. */
static struct hp_study *
long_steps_study(void)
{
	struct hp_study *st = hp_study_new("steps");
	struct hp_dist dx = { HP_DIST_FLOAT, 0, 1, 0, 0, NULL, 0 };
	enum hp_direction dir = HP_DIR_MAXIMIZE;
	struct hp_err err;

	hp_study_set_directions(st, 1, &dir);
	for (int i = 0; i < 8; i++) {
		enum hp_state s = i < 3 ? HP_STATE_COMPLETE : i < 7 ?
		    HP_STATE_PRUNED : HP_STATE_FAIL;
		size_t t = hp_study_add_trial(st, i, s);
		int last = i < 3 ? 5000 : i < 7 ? 7 + i : 40;

		hp_study_set_param(st, t, "x", &dx, 0.1 * i, &err);
		for (int k = 0; k <= last; k++)
			hp_study_add_intermediate(st, t, k, 0.6 + 0.01 * i +
			    0.1 * (1 - 1.0 / (k + 1)));
		if (s == HP_STATE_COMPLETE)
			hp_study_set_value(st, t, 0, 0.7 + 0.01 * i);
	}
	if (hp_study_finish(st, &err) < 0)
		fail_msg("%s", err.msg);
	return st;
}

static void
intermediate_should_show_trials_pruned_early_on_long_steps(void **state)
{
	struct hp_study *st = long_steps_study();
	struct fig f;
	struct hp_err err;
	size_t npruned = 0;

	(void)state;
	assert_int_equal(plot_intermediate_values(st, 0, NULL, &f, &err), 1);
	/* each pruned curve (dashed) spans at least a quarter of the panel
	 * (steps 0..13 of 0..5000: a linear axis gave them 0.3 %) */
	for (size_t i = 0; i < f.panels[0].nmarks; i++) {
		const struct fig_mark *m = &f.panels[0].marks[i];
		double a, b;

		if (m->kind != FIG_MARK_LINE || m->dash != 1)
			continue;
		a = fig_axis_frac(&f.panels[0].x, m->x[0]);
		b = fig_axis_frac(&f.panels[0].x, m->x[m->n - 1]);
		assert_true(a >= 0 && a <= 0.02);
		assert_true(b - a >= 0.25);
		npruned++;
	}
	assert_int_equal(npruned, 4);
	fig_release(&f);
	hp_study_free(st);
}

static void
intermediate_should_give_failed_trials_a_swatch_that_shows(void **state)
{
	struct hp_study *st = long_steps_study();
	struct fig f;
	struct hp_err err;
	const struct fig_mark *fail = NULL;

	(void)state;
	assert_int_equal(plot_intermediate_values(st, 0, NULL, &f, &err), 1);
	for (size_t i = 0; i < f.panels[0].nmarks; i++)
		if (f.panels[0].marks[i].label &&
		    strncmp(f.panels[0].marks[i].label, "FAIL", 4) == 0)
			fail = &f.panels[0].marks[i];
	assert_non_null(fail);
	{
		/* composited on white: at most mid grey (it was 0.77, almost white) */
		const struct fig_rgba *c = &fail->color;
		double lum = 0.2126 * c->r + 0.7152 * c->g + 0.0722 * c->b;

		assert_true(lum * c->a + (1 - c->a) <= 0.55);
	}
	fig_release(&f);
	hp_study_free(st);
}

/* n trials, trial i lasting 1 + (i % 5) s; `workers` run at once (1:
 * one after another); the last is a FAIL without an end time. */
static struct hp_study *
timed_study(int n, int workers)
{
	struct hp_study *st = hp_study_new("timed");
	enum hp_direction dir = HP_DIR_MINIMIZE;
	double t0 = 1.7e9, free_at[8] = { 0 };
	struct hp_err err;

	hp_study_set_directions(st, 1, &dir);
	for (int i = 0; i < n; i++) {
		int w = i % workers, last = i == n - 1;
		size_t t = hp_study_add_trial(st, i, last ? HP_STATE_FAIL :
		    i % 4 == 3 ? HP_STATE_PRUNED : HP_STATE_COMPLETE);
		double a = t0 + free_at[w];

		hp_study_set_times(st, t, a, last ? NAN : a + 1 + i % 5);
		free_at[w] += 1 + i % 5;
		if (!last && i % 4 != 3)
			hp_study_set_value(st, t, 0, i);
	}
	if (hp_study_finish(st, &err) < 0)
		fail_msg("%s", err.msg);
	return st;
}

static void
timeline_should_draw_durations_and_how_many_ran(void **state)
{
	struct fig f;
	struct hp_err err;
	struct hp_study *st = timed_study(20, 1);
	size_t nbars = 0, nlabelled = 0, nmarks = 0;

	(void)state;
	assert_int_equal(plot_timeline(st, 0, NULL, &f, &err), 1);
	/* one after another: one panel of bars as wide and as tall as the
	 * trial took (seconds), from the axis's floor */
	assert_int_equal(f.npanels, 1);
	assert_non_null(strstr(f.panels[0].y.title, "Duration"));
	for (size_t i = 0; i < f.panels[0].nmarks; i++) {
		const struct fig_mark *m = &f.panels[0].marks[i];

		nmarks++;
		nlabelled += m->label != NULL;
		if (m->kind != FIG_MARK_RECTS)
			continue;
		for (size_t j = 0; j < m->n; j++) {
			double d = 1 + m->id[j] % 5;

			nbars++;
			if (m->id[j] == 19)
				continue;
			assert_near(m->x2[j] - m->x[j], d, 1e-9);
			assert_near(m->y2[j], d, 1e-9);
			assert_true(m->y[j] == f.panels[0].y.lo || m->y[j] == 0);
		}
	}
	assert_int_equal(nbars, 20);	/* the FAIL without an end: a sliver */
	/* the legend names every kind of mark: each state's bars and the
	 * diamond of the FAIL without an end */
	assert_int_equal(nlabelled, nmarks);
	assert_int_equal(nmarks, 4);
	fig_release(&f);
	hp_study_free(st);

	/* three workers: a panel of how many ran, up to 3 */
	st = timed_study(30, 3);
	assert_int_equal(plot_timeline(st, 0, NULL, &f, &err), 1);
	assert_int_equal(f.npanels, 2);
	{
		const struct fig_mark *m = &f.panels[1].marks[0];
		double most = 0;

		for (size_t j = 0; j < m->n; j++)
			most = fmax(most, m->y2[j]);
		assert_near(most, 3, 0);
		assert_true(f.panels[1].x.lo == f.panels[0].x.lo &&
		    f.panels[1].x.hi == f.panels[0].x.hi);
	}
	fig_release(&f);
	hp_study_free(st);
}

/* The veil of a contour panel: its see-through white polygon mark. */
static const struct fig_mark *
veil_of(const struct fig_panel *p)
{
	for (size_t i = 0; i < p->nmarks; i++)
		if (p->marks[i].kind == FIG_MARK_POLYGONS && p->marks[i].c == NULL &&
		    p->marks[i].color.r == 1 && p->marks[i].color.a < 1)
			return &p->marks[i];
	return NULL;
}

/* Part of panel p's area (in axis fractions) the veil's rings cover (the
 * shoelace formula on each ring; rings end at a NaN vertex), and whether a
 * point of dots lies in one (crossings of a ray to its right). */
static double
veil_share(const struct fig_panel *p, const struct fig_mark *v,
    const struct fig_mark *dots, int *covers_dot)
{
	double area = 0;
	size_t r0 = 0;

	*covers_dot = 0;
	for (size_t i = 0; i <= v->n; i++) {
		double ring = 0;

		if (i < v->n && !isnan(v->x[i]))
			continue;
		for (size_t k = r0; k < i; k++) {
			size_t l = k + 1 < i ? k + 1 : r0;
			double x1 = fig_axis_frac(&p->x, v->x[k]), y1 = fig_axis_frac(&p->y, v->y[k]);
			double x2 = fig_axis_frac(&p->x, v->x[l]), y2 = fig_axis_frac(&p->y, v->y[l]);

			ring += x1 * y2 - x2 * y1;
		}
		area += fabs(ring) / 2;
		for (size_t j = 0; j < dots->n; j++) {
			double dx = fig_axis_frac(&p->x, dots->x[j]);
			double dy = fig_axis_frac(&p->y, dots->y[j]);
			int in = 0;

			for (size_t k = r0; k < i; k++) {
				size_t l = k + 1 < i ? k + 1 : r0;
				double x1 = fig_axis_frac(&p->x, v->x[k]), y1 = fig_axis_frac(&p->y, v->y[k]);
				double x2 = fig_axis_frac(&p->x, v->x[l]), y2 = fig_axis_frac(&p->y, v->y[l]);

				if ((y1 > dy) != (y2 > dy) &&
				    dx < x1 + (dy - y1) * (x2 - x1) / (y2 - y1))
					in = !in;
			}
			*covers_dot |= in;
		}
		r0 = i + 1;
	}
	return area;
}

/* The surface panels of fn's figure of figstudy: veiled where no trial is,
 * never over a trial, most of the conditional param mom's panels. */
static void
check_veil(plot_build_fn fn)
{
	struct hp_study *st = figstudy(HP_DIR_MINIMIZE, 1);
	struct plot_opts o;
	struct fig f;
	struct hp_err err;
	size_t nveiled = 0, nmom = 0;

	plot_opts_defaults(&o);
	o.max_params = -1;
	assert_int_equal(fn(st, 0, &o, &f, &err), 1);
	for (size_t i = 0; i < f.npanels; i++) {
		const struct fig_panel *p = &f.panels[i];
		const struct fig_mark *v = veil_of(p), *dots = NULL;
		int covers;
		double share;

		if (p->empty)
			continue;
		for (size_t j = 0; j < p->nmarks; j++)
			if (p->marks[j].kind == FIG_MARK_POINTS && p->marks[j].n > 1)
				dots = &p->marks[j];
		if (v == NULL || dots == NULL)
			continue;
		nveiled++;
		share = veil_share(p, v, dots, &covers);
		/* never over a trial: the veil is where none is */
		assert_false(covers);
		/* mom, set in 12 of 37 trials: most of its panels are veiled,
		 * not a fully coloured surface */
		if ((p->x.title && strcmp(p->x.title, "mom") == 0) ||
		    (p->y.title && strcmp(p->y.title, "mom") == 0)) {
			assert_true(share > 0.3);
			nmom++;
		}
	}
	assert_true(nveiled >= 3);
	assert_true(nmom >= 1);
	fig_release(&f);
	hp_study_free(st);
}

static void
contour_should_veil_what_no_trial_supports(void **state)
{
	(void)state;
	check_veil(plot_contour);
}

static void
partial_dependence_should_veil_what_no_trial_supports(void **state)
{
	(void)state;
	check_veil(plot_objective);
}

/*
 * 3,000 trials of no time (a study whose trials failed at once): each a
 * diamond on the floor, and the SVG keeps them in a raster layer, not as
 * 3,000 unclipped vector paths (at 10^6 trials those took 2.5 GB and 28 s).
 */
static void
timeline_should_keep_many_instant_trials_out_of_vectors(void **state)
{
	struct hp_study *st = hp_study_new("instant");
	enum hp_direction dir = HP_DIR_MINIMIZE;
	struct hp_err err;
	struct fig f;
	char path[64];
	FILE *fp;
	size_t npath = 0, ndiamond = 0;
	int c, prev[5] = { 0 };

	(void)state;
	hp_study_set_directions(st, 1, &dir);
	for (int i = 0; i < 3000; i++) {
		size_t t = hp_study_add_trial(st, i, HP_STATE_COMPLETE);

		hp_study_set_times(st, t, 1.7e9 + i, 1.7e9 + i);
		hp_study_set_value(st, t, 0, i);
	}
	if (hp_study_finish(st, &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(plot_timeline(st, 0, NULL, &f, &err), 1);
	for (size_t i = 0; i < f.panels[0].nmarks; i++)
		if (f.panels[0].marks[i].kind == FIG_MARK_POINTS)
			ndiamond += f.panels[0].marks[i].n;
	assert_int_equal(ndiamond, 3000);
	snprintf(path, sizeof(path), "/tmp/hp-test-timeline-%d.svg", (int)getpid());
	assert_int_equal(render_write(&f, path, RENDER_SVG, NULL, &err), 0);
	fig_release(&f);
	hp_study_free(st);
	fp = fopen(path, "r");
	assert_non_null(fp);
	while ((c = fgetc(fp)) != EOF) {	/* count "<path" */
		npath += prev[0] == '<' && prev[1] == 'p' && prev[2] == 'a' &&
		    prev[3] == 't' && c == 'h';
		memmove(prev, prev + 1, 3 * sizeof(int));
		prev[3] = c;
	}
	fclose(fp);
	remove(path);
	assert_true(npath < 1000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(intermediate_should_show_trials_pruned_early_on_long_steps),
		cmocka_unit_test(intermediate_should_give_failed_trials_a_swatch_that_shows),
		cmocka_unit_test(timeline_should_draw_durations_and_how_many_ran),
		cmocka_unit_test(timeline_should_keep_many_instant_trials_out_of_vectors),
		cmocka_unit_test(contour_should_veil_what_no_trial_supports),
		cmocka_unit_test(partial_dependence_should_veil_what_no_trial_supports),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
