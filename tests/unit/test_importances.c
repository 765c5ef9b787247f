/*
 * test_importances: fidelity of the importances figure against Optuna 3.1's
 * optuna.importance.get_param_importances (fANOVA) on stored studies --
 * the 3.1 fixture's "mixed-minimize" and "maximize-inf" (expected numbers in
 * fixtures/optuna-3.1/expected.json) and tests/data/dominant.db, a study
 * whose objective is dominated by param "x" (expected numbers in
 * tests/data/dominant_importances.json, made by tests/data/make_dominant.py).
 * The ranking must have the same top param and a Spearman rank correlation
 * of at least 0.8 over all params; two runs give the same figure data.
 * These run with --importance fanova, the method Optuna 3.1 used; the
 * default, PED-ANOVA, is tested in test_pedanova.c and tests/e2e/pedanova.sh.
 */
#include "testutil.h"

#include "hpreport/json.h"
#include "hpreport/load.h"
#include "hpreport/plot.h"

/* The options of --importance fanova. */
static const struct plot_opts *
fanova_opts(void)
{
	static struct plot_opts o;

	plot_opts_defaults(&o);
	o.importance = PLOT_IMPORTANCE_FANOVA;
	return &o;
}

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

/* The importances of `study` in the JSON file at path: names and values. */
static size_t
expected_importances(const char *path, const char *study, char ***names,
    double **vals)
{
	char *text;
	size_t len, n = 0;
	struct hp_err err;
	cJSON *j, *imp, *it;

	assert_int_equal(hp_read_file(path, &text, &len, &err), 0);
	j = hp_json_parse(text, len, path, &err);
	free(text);
	assert_non_null(j);
	imp = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(j,
	    study), "importances");
	assert_non_null(imp);
	*names = calloc((size_t)cJSON_GetArraySize(imp) + 1, sizeof(char *));
	*vals = calloc((size_t)cJSON_GetArraySize(imp) + 1, sizeof(double));
	cJSON_ArrayForEach(it, imp) {
		(*names)[n] = strdup(it->string);
		assert_int_equal(hp_json_number(it, &(*vals)[n]), 0);
		n++;
	}
	cJSON_Delete(j);
	return n;
}

/* Ranks (1 = largest) of v[n], ties sharing their mean rank. */
static void
ranks(const double *v, size_t n, double *r)
{
	for (size_t i = 0; i < n; i++) {
		size_t above = 0, same = 0;

		for (size_t j = 0; j < n; j++) {
			above += v[j] > v[i];
			same += v[j] == v[i];
		}
		r[i] = (double)above + ((double)same + 1) / 2;
	}
}

/* Spearman's rank correlation: Pearson correlation of the ranks. */
static double
spearman(const double *a, const double *b, size_t n)
{
	double *ra = calloc(n, sizeof(double)), *rb = calloc(n, sizeof(double));
	double ma = 0, mb = 0, sab = 0, saa = 0, sbb = 0;

	ranks(a, n, ra);
	ranks(b, n, rb);
	for (size_t i = 0; i < n; i++) {
		ma += ra[i] / (double)n;
		mb += rb[i] / (double)n;
	}
	for (size_t i = 0; i < n; i++) {
		sab += (ra[i] - ma) * (rb[i] - mb);
		saa += (ra[i] - ma) * (ra[i] - ma);
		sbb += (rb[i] - mb) * (rb[i] - mb);
	}
	free(ra);
	free(rb);
	return saa > 0 && sbb > 0 ? sab / sqrt(saa * sbb) : 0;
}

static void
spearman_should_be_one_for_the_same_order_and_minus_one_reversed(void **state)
{
	double a[4] = { 0.5, 0.3, 0.15, 0.05 }, b[4] = { 9, 4, 2, 1 };
	double c[4] = { 1, 2, 4, 9 }, d[4] = { 0.5, 0.15, 0.3, 0.05 };

	(void)state;
	assert_near(spearman(a, b, 4), 1, 1e-12);
	assert_near(spearman(a, c, 4), -1, 1e-12);
	assert_near(spearman(a, d, 4), 0.8, 1e-12);	/* 1 - 6*2/(4*15) */
}

/*
 * Runs the importances figure on `study` and compares its data table
 * (param, importance, rank) with the expected importances.
 */
static void
check_against_optuna(const char *db, const char *study, const char *json)
{
	struct hp_studyset set = { 0 };
	struct hp_study *st = load_study(db, study, &set);
	struct fig f, g;
	struct hp_err err;
	char **names;
	double *want, *got, rho;
	size_t n = expected_importances(json, study, &names, &want), top = 0;

	assert_int_equal(plot_importances(st, 0, fanova_opts(), &f, &err), 1);
	assert_int_equal(f.data.ncols, 4);
	assert_string_equal(f.data.cols[0], "param");
	assert_string_equal(f.data.cols[1], "importance");
	assert_string_equal(f.data.cols[3], "method");
	assert_string_equal(f.data.cells[3], "fanova");
	assert_int_equal(f.data.nrows, n);	/* every param Optuna ranks, no other */

	got = calloc(n, sizeof(double));
	for (size_t i = 0; i < n; i++) {
		size_t r;

		for (r = 0; r < f.data.nrows; r++)
			if (strcmp(f.data.cells[r * 4], names[i]) == 0)
				break;
		if (r == f.data.nrows)
			fail_msg("param %s missing from the figure data", names[i]);
		assert_int_equal(hp_parse_double(f.data.cells[r * 4 + 1], &got[i]), 0);
		if (want[i] > want[top])
			top = i;
	}
	/* the data table is in rank order: row 0 is our top param */
	assert_string_equal(f.data.cells[0], names[top]);
	rho = spearman(got, want, n);
	print_message("%s: Spearman %.3f over %zu params, top %s\n", study, rho, n,
	    names[top]);
	assert_true(rho >= 0.8);

	/* determinism: a second run gives the same table */
	assert_int_equal(plot_importances(st, 0, fanova_opts(), &g, &err), 1);
	assert_int_equal(g.data.nrows, f.data.nrows);
	for (size_t i = 0; i < f.data.nrows * f.data.ncols; i++)
		assert_string_equal(g.data.cells[i], f.data.cells[i]);

	fig_release(&f);
	fig_release(&g);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(want);
	free(got);
	hp_studyset_release(&set);
}

static void
mixed_minimize_ranking_should_agree_with_optuna(void **state)
{
	char json[4096];

	(void)state;
	snprintf(json, sizeof(json), "%s", testdata("optuna-3.1/expected.json"));
	check_against_optuna(testdata("optuna-3.1/study.db"), "mixed-minimize", json);
}

static void
maximize_inf_ranking_should_agree_with_optuna(void **state)
{
	char json[4096];

	(void)state;
	snprintf(json, sizeof(json), "%s", testdata("optuna-3.1/expected.json"));
	check_against_optuna(testdata("optuna-3.1/study.db"), "maximize-inf", json);
}

static void
dominant_param_should_rank_first_as_in_optuna(void **state)
{
	char db[4096];

	(void)state;
	/* testdata() returns one static buffer: copy the first path */
	snprintf(db, sizeof(db), "%s", testdata("dominant.db"));
	check_against_optuna(db, "dominant", testdata("dominant_importances.json"));
}

static void
two_objectives_should_give_one_ranking_per_objective(void **state)
{
	struct hp_studyset set = { 0 };
	struct hp_study *st = load_study(testdata("optuna-3.1/study.db"),
	    "two-objectives", &set);
	struct fig f0, f1;
	struct hp_err err;

	(void)state;
	assert_int_equal(plot_importances(st, 0, fanova_opts(), &f0, &err), 1);
	assert_int_equal(plot_importances(st, 1, fanova_opts(), &f1, &err), 1);
	assert_int_equal(f0.data.nrows, f1.data.nrows);
	assert_true(f0.data.nrows >= 2);
	/* the two objectives are different functions: the tables differ */
	{
		int differ = 0;

		for (size_t i = 0; i < f0.data.nrows * f0.data.ncols; i++)
			differ |= strcmp(f0.data.cells[i], f1.data.cells[i]) != 0;
		assert_true(differ);
	}
	assert_non_null(strstr(f1.title, "importances for"));
	fig_release(&f0);
	fig_release(&f1);
	hp_studyset_release(&set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spearman_should_be_one_for_the_same_order_and_minus_one_reversed),
		cmocka_unit_test(mixed_minimize_ranking_should_agree_with_optuna),
		cmocka_unit_test(maximize_inf_ranking_should_agree_with_optuna),
		cmocka_unit_test(dominant_param_should_rank_first_as_in_optuna),
		cmocka_unit_test(two_objectives_should_give_one_ranking_per_objective),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
