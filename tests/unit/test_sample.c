/*
 * test_sample: the sample that scatter panels of big studies draw
 * (plot_sample_ranks / plot_sample_trials, plot.h) and its use in the
 * rank, contour, evaluations and slice figures: at most PLOT_SAMPLE_CAP
 * points per panel, the best trial always among them, a note saying so,
 * every trial still in the data table, small studies unchanged.
 */
#include "testutil.h"

#include "hpreport/plot.h"
#include "figstudy.h"

#define BIG_N		(3 * PLOT_SAMPLE_CAP)
#define BIG_BEST	12345	/* trial number of the best (smallest) value */

/* BIG_N COMPLETE trials over three float params; one of them FAILs. */
static struct hp_study *
big_study(void)
{
	struct hp_study *st = hp_study_new("big");
	struct hp_dist d = { HP_DIST_FLOAT, 0, 1, 0, 0, NULL, 0 };
	enum hp_direction dir = HP_DIR_MINIMIZE;
	struct hp_err err;

	hp_study_set_directions(st, 1, &dir);
	for (int i = 0; i < BIG_N; i++) {
		size_t t = hp_study_add_trial(st, i, i == 7 ? HP_STATE_FAIL :
		    HP_STATE_COMPLETE);
		double a = (double)((i * 7919) % BIG_N) / BIG_N;
		double b = (double)((i * 104729) % 9973) / 9973;
		double c = (double)((i * 31) % 1000) / 1000;

		hp_study_set_param(st, t, "a", &d, a, &err);
		hp_study_set_param(st, t, "b", &d, b, &err);
		hp_study_set_param(st, t, "c", &d, c, &err);
		if (i != 7)
			hp_study_set_value(st, t, 0, i == BIG_BEST ? -1 :
			    (a - 0.3) * (a - 0.3) + b + 0.5 * c);
	}
	if (hp_study_finish(st, &err) < 0)
		fail_msg("%s", err.msg);
	return st;
}

/* The trial points of panel p: its POINTS mark with the most points. */
static const struct fig_mark *
trial_points(const struct fig_panel *p)
{
	const struct fig_mark *best = NULL;

	for (size_t i = 0; i < p->nmarks; i++)
		if (p->marks[i].kind == FIG_MARK_POINTS &&
		    p->marks[i].shape != FIG_SHAPE_STAR &&
		    (best == NULL || p->marks[i].n > best->n))
			best = &p->marks[i];
	return best;
}

static int
has_id(const struct fig_mark *m, int id)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->id && m->id[i] == id)
			return 1;
	return 0;
}

static void
sample_ranks_should_keep_all_up_to_the_cap(void **state)
{
	unsigned char keep[100];

	(void)state;
	memset(keep, 7, sizeof(keep));
	assert_int_equal(plot_sample_ranks(100, 100, keep), 100);
	for (size_t i = 0; i < 100; i++)
		assert_int_equal(keep[i], 1);
}

static void
sample_ranks_should_keep_the_cap_the_best_and_spread_the_rest(void **state)
{
	size_t n = 100000, cap = 5000, kept = 0, quarter[4] = { 0 };
	unsigned char *keep = malloc(n);

	(void)state;
	assert_int_equal(plot_sample_ranks(n, cap, keep), cap);
	for (size_t i = 0; i < n; i++) {
		kept += keep[i];
		quarter[i * 4 / n] += keep[i];
	}
	assert_int_equal(kept, cap);
	for (size_t i = 0; i < PLOT_SAMPLE_BEST; i++)
		assert_int_equal(keep[i], 1);
	/* each quarter of the ranks keeps about its share */
	for (int q = 0; q < 4; q++)
		assert_true(quarter[q] >= cap / 4 - PLOT_SAMPLE_BEST - 2 &&
		    quarter[q] <= cap / 4 + PLOT_SAMPLE_BEST + 2);
	free(keep);
}

static void
sample_trials_should_keep_input_order_and_the_best(void **state)
{
	struct hp_study *st = big_study();
	size_t n, ns, *tr = plot_finite_trials(st, 0, &n);
	size_t *s = plot_sample_trials(st, 0, tr, n, PLOT_SAMPLE_CAP, &ns), *s2;
	size_t ns2;
	int best = 0;

	(void)state;
	assert_int_equal(n, BIG_N - 1);
	assert_int_equal(ns, PLOT_SAMPLE_CAP);
	for (size_t i = 0; i < ns; i++) {
		if (i > 0)
			assert_true(s[i] > s[i - 1]);
		best |= st->number[s[i]] == BIG_BEST;
	}
	assert_true(best);
	s2 = plot_sample_trials(st, 0, tr, n, PLOT_SAMPLE_CAP, &ns2);
	assert_int_equal(ns2, ns);
	assert_memory_equal(s, s2, ns * sizeof(size_t));
	free(s);
	free(s2);
	free(tr);
	hp_study_free(st);
}

/* Every scatter panel of f draws at most the cap, with the best trial. */
static void
panels_should_be_sampled(const struct fig *f, size_t nscatter_expected)
{
	size_t nscatter = 0;
	char note[128];

	for (size_t i = 0; i < f->npanels; i++) {
		const struct fig_mark *m = trial_points(&f->panels[i]);

		if (m == NULL || f->panels[i].empty)
			continue;
		nscatter++;
		assert_true(m->n <= PLOT_SAMPLE_CAP);
		assert_true(m->n >= PLOT_SAMPLE_CAP * 9 / 10);
		assert_true(has_id(m, BIG_BEST));
	}
	assert_int_equal(nscatter, nscatter_expected);
	snprintf(note, sizeof(note), "Points: a sample of %d of %d trials",
	    PLOT_SAMPLE_CAP, BIG_N - 1);
	assert_true(has_note(f, note));
}

static void
big_figures_should_draw_a_sample_and_keep_every_trial_in_the_data(void **state)
{
	struct hp_study *st = big_study();
	struct plot_opts o;
	struct hp_err err;
	struct fig f;
	char all[160];

	(void)state;
	plot_opts_defaults(&o);
	assert_int_equal(plot_rank(st, 0, &o, &f, &err), 1);
	panels_should_be_sampled(&f, 3);
	assert_int_equal(f.data.nrows, BIG_N - 1);	/* the rank of every trial */
	/* the caption counts every trial (trials.csv has them all) */
	snprintf(all, sizeof(all), "Trials: %d of %d (%d COMPLETE); left out: 1 FAIL.",
	    BIG_N - 1, BIG_N, BIG_N - 1);
	assert_true(has_caption(&f, all));
	fig_release(&f);

	assert_int_equal(plot_evaluations(st, 0, &o, &f, &err), 1);
	panels_should_be_sampled(&f, 3);
	assert_true(has_caption(&f, all));
	fig_release(&f);

	assert_int_equal(plot_slice(st, 0, &o, &f, &err), 1);
	panels_should_be_sampled(&f, 3);
	assert_true(has_caption(&f, all));
	fig_release(&f);

	assert_int_equal(plot_contour(st, 0, &o, &f, &err), 1);
	panels_should_be_sampled(&f, 3);
	fig_release(&f);
	hp_study_free(st);
}

static void
small_figures_should_draw_every_trial_and_say_nothing(void **state)
{
	struct hp_study *st = figstudy(HP_DIR_MINIMIZE, 1);
	struct plot_opts o;
	struct hp_err err;
	struct fig f;
	const struct fig_mark *m;

	(void)state;
	plot_opts_defaults(&o);
	assert_int_equal(plot_slice(st, 0, &o, &f, &err), 1);
	assert_false(has_note(&f, "Points: a sample"));
	m = trial_points(&f.panels[0]);
	assert_non_null(m);
	assert_int_equal(m->n, FIGSTUDY_FINITE);
	fig_release(&f);

	assert_int_equal(plot_rank(st, 0, &o, &f, &err), 1);
	assert_false(has_note(&f, "Points: a sample"));
	fig_release(&f);
	assert_int_equal(plot_evaluations(st, 0, &o, &f, &err), 1);
	assert_false(has_note(&f, "Points: a sample"));
	fig_release(&f);
	assert_int_equal(plot_contour(st, 0, &o, &f, &err), 1);
	assert_false(has_note(&f, "Points: a sample"));
	fig_release(&f);
	hp_study_free(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sample_ranks_should_keep_all_up_to_the_cap),
		cmocka_unit_test(sample_ranks_should_keep_the_cap_the_best_and_spread_the_rest),
		cmocka_unit_test(sample_trials_should_keep_input_order_and_the_best),
		cmocka_unit_test(big_figures_should_draw_a_sample_and_keep_every_trial_in_the_data),
		cmocka_unit_test(small_figures_should_draw_every_trial_and_say_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
