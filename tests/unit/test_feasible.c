/*
 * test_feasible: constraints and metric names (issue 24) on the Optuna 3.1
 * study of tests/data/constrained (make_constrained.py), RDB and journal:
 * the one feasibility rule, the best feasible trial, Optuna's #cccccc for
 * infeasible trials in the history, slice, rank, intermediate-values and
 * timeline figures (on the figure descriptions and on decoded PNGs), and
 * axes named by study:metric_names.
 *
 * Expected values read by hand from the database (python3 sqlite3 dump of
 * trial_system_attributes "constraints" and trial_values):  COMPLETE
 * trials 0, 1, 5, 6, 7, 18 and 23 have a constraint > 0; PRUNED trial 3 too;
 * the best COMPLETE trial is 18 (0.4645) but infeasible, the best feasible
 * one is 20 (1.5831); the first feasible COMPLETE trial is 2, the last 22.
 */
#include "testutil.h"

#include "hpreport/load.h"
#include "hpreport/plot.h"
#include "figstudy.h"

static const int infeasible[] = { 0, 1, 5, 6, 7, 18, 23 };
#define NINFEASIBLE	(sizeof(infeasible) / sizeof(infeasible[0]))

static struct hp_study *
load(const char *file, const char *name, struct hp_studyset *set)
{
	struct hp_load_opts lo;
	struct hp_err err;

	hp_load_opts_defaults(&lo);
	lo.study = name;
	memset(set, 0, sizeof(*set));
	if (hp_load(testdata(file), &lo, set, NULL, &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(set->n, 1);
	return set->v[0];
}

static long
numbered(const struct hp_study *st, int number)
{
	for (size_t t = 0; t < st->ntrials; t++)
		if (st->number[t] == number)
			return (long)t;
	fail_msg("no trial %d", number);
	return -1;
}

static int
same_color(struct fig_rgba a, struct fig_rgba b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b;
}

/* The marks of f drawn in the infeasible grey: how many, and the trial
 * numbers they carry (sorted, into ids, at most cap). */
static size_t
grey_ids(const struct fig *f, int *ids, size_t cap, size_t *nmarks)
{
	size_t n = 0;

	*nmarks = 0;
	for (size_t i = 0; i < f->npanels; i++)
		for (size_t j = 0; j < f->panels[i].nmarks; j++) {
			const struct fig_mark *m = &f->panels[i].marks[j];

			if (!same_color(m->color, plot_infeasible_color()) || m->c)
				continue;
			(*nmarks)++;
			for (size_t k = 0; m->id && k < m->n; k++) {
				size_t at = n;

				for (size_t q = 0; q < n; q++)
					if (ids[q] == m->id[k])
						at = SIZE_MAX;
				if (at == n && n < cap)
					ids[n++] = m->id[k];
			}
		}
	for (size_t a = 1; a < n; a++)
		for (size_t b = a; b > 0 && ids[b - 1] > ids[b]; b--) {
			int x = ids[b];

			ids[b] = ids[b - 1];
			ids[b - 1] = x;
		}
	return n;
}

/* Pixels of f's PNG that are #cccccc within 2/255. */
static size_t
grey_pixels(const struct fig *f)
{
	unsigned w, h;
	unsigned char *px = render_rgba(f, &w, &h);
	size_t n = 0;

	for (size_t i = 0; i < (size_t)w * h; i++)
		n += abs(px[4 * i] - 204) <= 2 && abs(px[4 * i + 1] - 204) <= 2 &&
		    abs(px[4 * i + 2] - 204) <= 2;
	free(px);
	return n;
}

/*
 * The #cccccc pixels of f's PNG that its infeasible marks put there: the
 * count, less the count once those marks are drawn in another colour (a
 * frame or an anti-aliased line may be that grey too).
 */
static size_t
infeasible_pixels(struct fig *f)
{
	size_t all = grey_pixels(f), rest;
	struct fig_rgba grey = plot_infeasible_color();

	for (size_t i = 0; i < f->npanels; i++)
		for (size_t j = 0; j < f->panels[i].nmarks; j++) {
			struct fig_mark *m = &f->panels[i].marks[j];

			if (same_color(m->color, grey) && m->c == NULL)
				m->color = (struct fig_rgba){ 1, 0, 1, 1 };
		}
	rest = grey_pixels(f);
	return all > rest ? all - rest : 0;
}

static struct fig
build(plot_build_fn fn, const struct hp_study *st, size_t k)
{
	struct plot_opts o;
	struct fig f;
	struct hp_err err;

	plot_opts_defaults(&o);
	if (fn(st, k, &o, &f, &err) != 1)
		fail_msg("build failed: %s", err.msg);
	return f;
}

/* Both loaders: constraints typed, the one rule, the best feasible trial,
 * names from study:metric_names. */
static void
loaders_should_give_feasibility_and_metric_names(void **state)
{
	static const char *const files[] = { "constrained/study.db",
	    "constrained/journal.log" };

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		struct hp_studyset set, mo;
		struct hp_study *st = load(files[i], "constrained", &set);
		struct hp_study *m = load(files[i], "constrained_mo", &mo);
		size_t n = 0;

		assert_true(hp_study_constrained(st));
		assert_int_equal(hp_study_count_infeasible(st), NINFEASIBLE);
		for (size_t t = 0; t < st->ntrials; t++) {
			int want = 1;

			for (size_t j = 0; j < NINFEASIBLE; j++)
				want &= st->number[t] != infeasible[j];
			if (st->number[t] == 3)
				want = 0;	/* PRUNED, with a violated list */
			assert_int_equal(hp_study_feasible(st, t), want);
			n += !want;
		}
		assert_int_equal(n, NINFEASIBLE + 1);
		assert_int_equal(hp_study_best(st, 0), numbered(st, 20));
		assert_string_equal(st->objname[0], "loss");
		assert_int_equal(m->nobj, 2);
		assert_string_equal(m->objname[0], "error");
		assert_string_equal(m->objname[1], "latency");
		hp_studyset_release(&set);
		hp_studyset_release(&mo);
	}
}

/* History: infeasible points grey, best so far over feasible ones, the
 * star on the best feasible trial, the axis named "loss". */
static void
history_should_grey_infeasible_and_count_feasible_only(void **state)
{
	struct hp_studyset set;
	struct hp_study *st = load("constrained/study.db", "constrained", &set);
	struct fig f = build(plot_convergence, st, 0);
	const struct fig_panel *p = &f.panels[0];
	const struct fig_mark *line = NULL, *star = find_star(p);
	int ids[64];
	size_t nm, n = grey_ids(&f, ids, 64, &nm);

	(void)state;
	assert_int_equal(n, NINFEASIBLE);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(ids[i], infeasible[i]);
	for (size_t j = 0; j < p->nmarks; j++)
		if (p->marks[j].kind == FIG_MARK_LINE)
			line = &p->marks[j];
	assert_non_null(line);
	/* starts at the first feasible trial, 2 (8.407...), ends at 20's value */
	assert_float_equal(line->x[0], 2, 0);
	assert_float_equal(line->y[0], 8.407169089029827, 1e-12);
	assert_float_equal(line->y[line->n - 1], 1.5831185999833692, 1e-12);
	for (size_t i = 0; i < line->n; i++)
		assert_true(line->y[i] >= 1.5831185999833692);	/* never 18's 0.46 */
	assert_non_null(star);
	assert_int_equal(star->id[0], 20);
	assert_string_equal(p->y.title, "loss");
	assert_true(has_note(&f, "7 infeasible trials"));
	assert_true(infeasible_pixels(&f) > 100);
	fig_release(&f);
	hp_studyset_release(&set);
}

/* Slice, rank, intermediate values, timeline: the same trials in grey in
 * the description and the grey in the decoded PNG; the slice's colour
 * scale spans the feasible trials; the timeline's INFEASIBLE entry. */
static void
figures_should_draw_infeasible_trials_in_optuna_grey(void **state)
{
	static plot_build_fn fns[] = { plot_slice, plot_rank,
	    plot_intermediate_values, plot_timeline };
	struct hp_studyset set;
	struct hp_study *st = load("constrained/study.db", "constrained", &set);

	(void)state;
	for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
		struct fig f = build(fns[i], st, 0);
		int ids[64];
		size_t nm, n = grey_ids(&f, ids, 64, &nm);

		assert_true(nm >= 1);
		if (fns[i] == plot_intermediate_values) {
			/* one grey curve per infeasible trial of any state:
			 * PRUNED trial 3 too (curves carry no ids) */
			assert_int_equal(nm, NINFEASIBLE + 1);
		} else {
			assert_int_equal(n, NINFEASIBLE);
			for (size_t j = 0; j < n; j++)
				assert_int_equal(ids[j], infeasible[j]);
		}
		if (fns[i] == plot_slice) {
			assert_float_equal(f.cbar.lo, 2, 0);
			assert_float_equal(f.cbar.hi, 22, 0);
			assert_string_equal(f.panels[0].y.title, "loss");
		}
		if (fns[i] == plot_timeline) {
			int found = 0;

			for (size_t j = 0; j < f.panels[0].nmarks; j++)
				found |= f.panels[0].marks[j].label && strcmp(
				    f.panels[0].marks[j].label, "INFEASIBLE (7)") == 0;
			assert_true(found);
		}
		assert_true(infeasible_pixels(&f) > 20);
		fig_release(&f);
	}
	hp_studyset_release(&set);
}

/* The Pareto front's axes are the metric names; its infeasible trials the
 * same grey. */
static void
pareto_axes_should_carry_metric_names(void **state)
{
	struct hp_studyset set;
	struct hp_study *st = load("constrained/journal.log", "constrained_mo", &set);
	struct fig f = build(plot_pareto_front, st, 0);
	int ids[64];
	size_t nm;

	(void)state;
	assert_memory_equal(f.panels[0].x.title, "error (", 7);
	assert_memory_equal(f.panels[0].y.title, "latency (", 9);
	assert_int_equal(grey_ids(&f, ids, 64, &nm), hp_study_count_infeasible(st));
	assert_true(infeasible_pixels(&f) > 20);
	fig_release(&f);
	hp_studyset_release(&set);
}

/* Without constraints nothing is drawn in the infeasible grey. */
static void
unconstrained_study_should_have_no_grey(void **state)
{
	static plot_build_fn fns[] = { plot_convergence, plot_slice, plot_rank,
	    plot_intermediate_values, plot_timeline };
	struct hp_studyset set;
	struct hp_study *st = fixture_study("mixed-minimize", &set);

	(void)state;
	assert_false(hp_study_constrained(st));
	assert_int_equal(hp_study_count_infeasible(st), 0);
	for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
		struct fig f = build(fns[i], st, 0);
		int ids[8];
		size_t nm;

		assert_int_equal(grey_ids(&f, ids, 8, &nm), 0);
		assert_int_equal(nm, 0);
		fig_release(&f);
	}
	hp_studyset_release(&set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loaders_should_give_feasibility_and_metric_names),
		cmocka_unit_test(history_should_grey_infeasible_and_count_feasible_only),
		cmocka_unit_test(figures_should_draw_infeasible_trials_in_optuna_grey),
		cmocka_unit_test(pareto_axes_should_carry_metric_names),
		cmocka_unit_test(unconstrained_study_should_have_no_grey),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
