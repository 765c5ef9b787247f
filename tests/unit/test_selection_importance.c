/*
 * test_selection_importance: the figures that show "the N most important
 * params" (contour, objective, evaluations, rank, parallel coordinates,
 * slice) choose them by the importances the importances figure shows
 * (src/plot/select.c plot_top_params, src/plot/importances.c
 * plot_ranking_init), in that order, the params the method cannot rank
 * after the ranked ones; and the objective figure's partial dependence
 * does not change with the figure width (one model on all params).
 *
 * The study is the Optuna 3.1 mixed study (tests/data/optuna-3.1/study.db),
 * where the old rank-variance share left out lr at 3.5 in (issue 22).  Its
 * PED-ANOVA order below is the output of the independent reference
 * tests/data/ped_anova_ref.py (plain Python from Optuna's sources):
 * dropout 0.331, lr 0.198, units 0.172, n_layers 0.126, optimizer 0.067,
 * batch_size 0.066, activation 0.040, momentum 0.
 */
#include "testutil.h"

#include "hpreport/load.h"
#include "hpreport/plot.h"

static const char *const PED_ORDER[] = { "dropout", "lr", "units", "n_layers",
    "optimizer", "batch_size", "activation", "momentum" };

typedef int (*builder_fn)(const struct hp_study *, size_t,
    const struct plot_opts *, struct fig *, struct hp_err *);

static const struct {
	const char	*name;
	builder_fn	 fn;
	size_t		 first;		/* 0: params from the x/y_param rows of the
					   data; else from fig.columns */
} FIGS[] = {
	{ "contour", plot_contour, 0 },
	{ "objective", plot_objective, 0 },
	{ "evaluations", plot_evaluations, 2 },
	{ "rank", plot_rank, 3 },
	{ "parallel_coordinate", plot_parallel_coordinate, 2 },
	{ "slice", plot_slice, 2 },
};

static struct hp_study *
load_mixed(struct hp_studyset *set)
{
	struct hp_load_opts o;
	struct hp_err err;

	hp_load_opts_defaults(&o);
	o.study = "mixed-minimize";
	if (hp_load(testdata("optuna-3.1/study.db"), &o, set, NULL, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(set->n, 1);
	return set->v[0];
}

static void
add_name(const char **names, size_t *n, const char *s)
{
	if (s == NULL || *s == '\0')
		return;
	for (size_t i = 0; i < *n; i++)
		if (strcmp(names[i], s) == 0)
			return;
	names[(*n)++] = s;
}

/* The params a figure shows, in its order, from its data table. */
static size_t
shown_params(const struct fig *f, size_t first, const char **names)
{
	const struct fig_table *t = &f->data;
	size_t n = 0;

	if (first > 0) {	/* the params_* columns of trials.csv it names */
		for (size_t c = 0; c < f->ncolumns; c++)
			if (strncmp(f->columns[c], "params_", 7) == 0)
				names[n++] = f->columns[c] + 7;
		return n;
	}
	assert_string_equal(t->cols[0], "x_param");
	assert_string_equal(t->cols[1], "y_param");
	for (size_t r = 0; r < t->nrows; r++) {
		add_name(names, &n, t->cells[r * t->ncols]);
		add_name(names, &n, t->cells[r * t->ncols + 1]);
	}
	return n;
}

/* The note of a figure starting with `start`, or NULL. */
static const char *
note(const struct fig *f, const char *start)
{
	for (size_t i = 0; i < f->nnotes; i++)
		if (strncmp(f->notes[i], start, strlen(start)) == 0)
			return f->notes[i];
	return NULL;
}

/* Every figure at width w (points; 0 = default) with the report's
 * ranking shows the top of the importances figure's table, in order, and
 * says so; with against_reference the importances figure's PED-ANOVA
 * order is the reference's. */
static void
check_width(const struct hp_study *st, double w, enum plot_importance m,
    int against_reference)
{
	struct plot_opts o;
	struct plot_ranking *rk;
	struct fig imp;
	struct hp_err err;
	const char *names[64];

	plot_opts_defaults(&o);
	o.width = w;
	o.importance = m;
	rk = plot_rankings(st, &o);
	assert_non_null(rk);
	o.ranking = rk;
	assert_int_equal(plot_importances(st, 0, &o, &imp, &err), 1);
	/* fANOVA cannot rank momentum (set only with optimizer sgd) */
	assert_int_equal(imp.data.nrows, st->nparams - (m == PLOT_IMPORTANCE_FANOVA));
	if (against_reference && m == PLOT_IMPORTANCE_PED_ANOVA)
		for (size_t i = 0; i < imp.data.nrows; i++)
			assert_string_equal(imp.data.cells[i * imp.data.ncols], PED_ORDER[i]);
	for (size_t i = 0; i < sizeof(FIGS) / sizeof(FIGS[0]); i++) {
		struct fig f;
		size_t n;
		char want[512];

		if (FIGS[i].fn(st, 0, &o, &f, &err) != 1)
			fail_msg("%s at width %g: %s", FIGS[i].name, w, err.msg);
		n = shown_params(&f, FIGS[i].first, names);
		assert_true(n >= 2);
		if (n < st->nparams) {
			/* cut: the top n of the importances figure, in order */
			size_t len = (size_t)snprintf(want, sizeof(want),
			    "The %zu most important of %zu params by %s importance, "
			    "as in the importances figure: ", n, st->nparams,
			    m == PLOT_IMPORTANCE_FANOVA ? "fANOVA" : "PED-ANOVA");

			assert_true(n <= imp.data.nrows);
			for (size_t j = 0; j < n; j++) {
				if (strcmp(names[j], imp.data.cells[j * imp.data.ncols]) != 0)
					fail_msg("%s at width %g: param %zu is %s, the "
					    "importances figure ranks %s there", FIGS[i].name,
					    w, j + 1, names[j], imp.data.cells[j * imp.data.ncols]);
				len += (size_t)snprintf(want + len, sizeof(want) - len,
				    "%s%s", j ? ", " : "", names[j]);
			}
			snprintf(want + len, sizeof(want) - len, ".");
			assert_non_null(note(&f, "The "));
			assert_string_equal(note(&f, "The "), want);
		} else
			assert_null(note(&f, "The "));
		fig_release(&f);
	}
	fig_release(&imp);
	plot_rankings_free(rk, st->nobj);
}

static void
figures_should_show_the_params_the_importances_figure_ranks_first(void **state)
{
	struct hp_studyset set = { NULL, 0 };
	struct hp_study *st = load_mixed(&set);
	struct plot_opts o;
	struct fig f;
	struct hp_err err;
	const char *names[64];

	(void)state;
	check_width(st, 0, PLOT_IMPORTANCE_PED_ANOVA, 1);
	check_width(st, 252, PLOT_IMPORTANCE_PED_ANOVA, 1);	/* 3.5 in */
	check_width(st, 504, PLOT_IMPORTANCE_PED_ANOVA, 1);	/* 7 in */
	check_width(st, 252, PLOT_IMPORTANCE_FANOVA, 0);
	check_width(st, 504, PLOT_IMPORTANCE_FANOVA, 0);

	/* at 3.5 in the slice shows dropout and lr (the reference's top 2)
	 * first, not units, as the rank-variance share chose */
	plot_opts_defaults(&o);
	o.width = 252;
	assert_int_equal(plot_slice(st, 0, &o, &f, &err), 1);
	assert_int_equal(shown_params(&f, 2, names), 4);
	assert_string_equal(names[0], "dropout");
	assert_string_equal(names[1], "lr");
	fig_release(&f);
	hp_studyset_release(&set);
}

/* p0, p1 in every trial (the objective 3 p0 + p1); c0, c1 in every other
 * trial only, which fANOVA cannot take (Optuna's intersection space). */
static struct hp_study *
build_conditional(void)
{
	struct hp_study *st = hp_study_new("s");
	struct hp_dist d = { .kind = HP_DIST_FLOAT, .low = 0, .high = 1 };
	struct hp_err err = { 0 };

	for (int i = 0; i < 40; i++) {
		size_t t = hp_study_add_trial(st, i, HP_STATE_COMPLETE);
		double p0 = ((i * 7) % 40) / 40.0, p1 = ((i * 13) % 40) / 40.0;

		assert_int_equal(hp_study_set_param(st, t, "p0", &d, p0, &err), 0);
		assert_int_equal(hp_study_set_param(st, t, "p1", &d, p1, &err), 0);
		if (i % 2) {
			assert_int_equal(hp_study_set_param(st, t, "c0", &d, p0, &err), 0);
			assert_int_equal(hp_study_set_param(st, t, "c1", &d, p1, &err), 0);
		}
		hp_study_set_value(st, t, 0, 3 * p0 + p1);
	}
	assert_int_equal(hp_study_finish(st, &err), 0);
	return st;
}

static void
params_the_method_cannot_rank_should_come_after_the_ranked(void **state)
{
	struct hp_study *st = build_conditional();
	struct plot_opts o;
	struct fig f;
	struct hp_err err;
	const char *names[8];

	(void)state;
	plot_opts_defaults(&o);
	o.importance = PLOT_IMPORTANCE_FANOVA;
	o.max_params = 3;
	assert_int_equal(plot_parallel_coordinate(st, 0, &o, &f, &err), 1);
	assert_int_equal(shown_params(&f, 2, names), 3);
	assert_string_equal(names[0], "p0");
	assert_string_equal(names[1], "p1");
	assert_string_equal(names[2], "c0");	/* natural order: c0 before c1 */
	assert_string_equal(note(&f, "The "), "The 3 most important of 4 params "
	    "by fANOVA importance, as in the importances figure: p0, p1; then, "
	    "not ranked by it: c0.");
	fig_release(&f);
	hp_study_free(st);
}

/* The 1-D partial dependence of param `name` in objective.csv (its grid:
 * a row naming it with y_param empty, then one row of values): the
 * values, into v; how many. */
static size_t
dependence_of(const struct fig *f, const char *name, double *v, size_t cap)
{
	const struct fig_table *t = &f->data;
	size_t n = 0;

	for (size_t r = 0; r + 1 < t->nrows; r++) {
		char *const *row = t->cells + r * t->ncols;

		if (row[0] != NULL && strcmp(row[0], name) == 0 &&
		    (row[1] == NULL || !*row[1])) {
			assert_string_equal(row[2], "x");
			row += t->ncols;	/* the values */
			assert_null(row[0]);
			assert_null(row[2]);
			for (size_t c = 3; c < t->ncols && row[c] != NULL; c++) {
				assert_true(n < cap);
				v[n++] = strtod(row[c], NULL);
			}
		}
	}
	return n;
}

static void
partial_dependence_should_not_change_with_the_width(void **state)
{
	static const double widths[] = { 252, 504 };	/* 3.5 in, 7 in */
	struct hp_studyset set = { NULL, 0 };
	struct hp_study *st = load_mixed(&set);
	struct plot_opts o;
	struct fig f0, f;
	struct hp_err err;
	double v0[64], v[64];
	const char *names[64];
	size_t nshown, checked = 0;

	(void)state;
	plot_opts_defaults(&o);
	assert_int_equal(plot_objective(st, 0, &o, &f0, &err), 1);
	for (size_t w = 0; w < 2; w++) {
		o.width = widths[w];
		assert_int_equal(plot_objective(st, 0, &o, &f, &err), 1);
		nshown = shown_params(&f, 0, names);
		assert_true(nshown >= 2);
		assert_true(f0.data.nrows > f.data.nrows);	/* fewer shown */
		for (size_t j = 0; j < nshown; j++) {
			size_t n0 = dependence_of(&f0, names[j], v0, 64);
			size_t n = dependence_of(&f, names[j], v, 64);

			assert_true(n > 0);
			assert_int_equal(n, n0);
			for (size_t g = 0; g < n; g++)
				assert_float_equal(v[g], v0[g], 1e-9);
			checked++;
		}
		fig_release(&f);
	}
	assert_true(checked >= 4);
	fig_release(&f0);
	hp_studyset_release(&set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(figures_should_show_the_params_the_importances_figure_ranks_first),
		cmocka_unit_test(params_the_method_cannot_rank_should_come_after_the_ranked),
		cmocka_unit_test(partial_dependence_should_not_change_with_the_width),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
