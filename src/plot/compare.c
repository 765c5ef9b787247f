/*
 * compare: best-so-far curves of several studies on one panel (Optuna's
 * multi-study plot_optimization_history, with error_bar=True giving the
 * band; MLflow's compare runs; Neptune's side by side).  Each study's
 * best value so far is drawn by trial number; with two or more studies,
 * the mean +- standard deviation (population, as numpy's std) of the
 * best-so-far over the studies that have reached that trial number is
 * drawn as a band under a dashed mean line.  A study is not extended past
 * its last trial.  out->data is the summary table, one row per study:
 * study, direction, trials, complete, pruned, failed, best_value,
 * best_trial, median_value.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "hpreport/plot.h"

/* Median of the finite COMPLETE values of objective k, NaN when none. */
static double
median_value(const struct hp_study *st, size_t k)
{
	double *v = hp_reallocarray(NULL, st->ntrials + 1, sizeof(double)), med;
	size_t m = 0;

	for (size_t t = 0; t < st->ntrials; t++) {
		double x = hp_study_value(st, t, k);

		if (st->state[t] == HP_STATE_COMPLETE && isfinite(x))
			v[m++] = x;
	}
	qsort(v, m, sizeof(double), hp_cmp_double);
	med = m == 0 ? NAN : m % 2 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2;
	free(v);
	return med;
}

/* Best so far after each trial of st (NaN before the first finite
 * COMPLETE value), into bsf[ntrials]. */
static void
best_so_far(const struct hp_study *st, size_t k, double *bsf)
{
	int max = st->dir[k] == HP_DIR_MAXIMIZE;
	double best = NAN;

	for (size_t t = 0; t < st->ntrials; t++) {
		double v = hp_study_value(st, t, k);

		if (st->state[t] == HP_STATE_COMPLETE && isfinite(v) &&
		    (isnan(best) || (max ? v > best : v < best)))
			best = v;
		bsf[t] = best;
	}
}

static int
cmp_int(const void *pa, const void *pb)
{
	int a = *(const int *)pa, b = *(const int *)pb;

	return (a > b) - (a < b);
}

/*
 * Every cost here is linear in the trials that exist (times the number of
 * studies for the band), never in the range of trial numbers: a study
 * numbered 0, 1, 2147483647 has three points.  The curves step from trial
 * to trial, so points at the trial numbers alone draw the same lines as
 * points at every integer between them.
 */
int
plot_compare_convergence(const struct hp_study *const *studies, size_t n,
    size_t objective, const struct plot_opts *o, struct fig *out,
    struct hp_err *err)
{
	double w, h;
	static const char *const cols[] = { "study", "direction", "trials",
	    "complete", "pruned", "failed", "best_value", "best_trial",
	    "median_value" };
	struct plot_opts def;
	struct fig_panel *p;
	double **bsf;		/* [n][ntrials] best so far after trial t, NaN = none yet */
	int *nums;		/* the trial numbers of all studies, sorted, unique */
	size_t nnums = 0, total = 0;
	int minnum = 0, maxnum = -1, any = 0, mixed = 0;
	size_t used = 0, withbest = 0, nonfinite = 0;
	double ylo = INFINITY, yhi = -INFINITY;
	enum hp_direction dir = HP_DIR_NOT_SET;
	char obj[128], title[200];

	(void)err;
	if (o == NULL) {
		plot_opts_defaults(&def);
		o = &def;
	}
	for (size_t s = 0; s < n; s++) {
		const struct hp_study *st = studies[s];

		if (objective >= st->nobj || st->ntrials == 0)
			continue;
		if (!any || st->number[st->ntrials - 1] > maxnum)
			maxnum = st->number[st->ntrials - 1];
		if (!any || st->number[0] < minnum)
			minnum = st->number[0];
		any = 1;
		total += st->ntrials;
		withbest += hp_study_best(st, objective) >= 0;
	}
	if (!any || maxnum < 0 || withbest == 0)
		return fig_skip(out, 0, "no study has a COMPLETE trial with a finite value");
	bsf = hp_calloc(n, sizeof(double *));
	nums = hp_reallocarray(NULL, total + 1, sizeof(int));
	for (size_t s = 0; s < n; s++) {
		const struct hp_study *st = studies[s];

		if (objective >= st->nobj || st->ntrials == 0)
			continue;
		if (dir == HP_DIR_NOT_SET)
			dir = st->dir[objective];
		else if (dir != st->dir[objective])
			mixed = 1;
		nonfinite += hp_study_count_nonfinite(st, objective);
		bsf[s] = hp_reallocarray(NULL, st->ntrials, sizeof(double));
		best_so_far(st, objective, bsf[s]);
		for (size_t t = 0; t < st->ntrials; t++) {
			nums[nnums++] = st->number[t];
			if (isfinite(bsf[s][t])) {
				ylo = bsf[s][t] < ylo ? bsf[s][t] : ylo;
				yhi = bsf[s][t] > yhi ? bsf[s][t] : yhi;
			}
		}
	}
	qsort(nums, nnums, sizeof(int), cmp_int);
	{
		size_t u = 0;

		for (size_t i = 0; i < nnums; i++)
			if (u == 0 || nums[i] != nums[u - 1])
				nums[u++] = nums[i];
		nnums = u;
	}

	plot_objective_title(studies[0], objective < studies[0]->nobj ? objective : 0,
	    obj, sizeof(obj));
	snprintf(title, sizeof(title), "Best %s so far", obj);
	plot_size(o, 620, 380, &w, &h);
	fig_init(out, "compare_convergence", o->title ? o->title : title, w, h);
	p = fig_add_panel(out, 0, 0);
	fig_axis_linear(&p->x, minnum < 0 ? (double)minnum - 0.5 : -0.5,
	    (double)maxnum + 0.5, PLOT_TRIAL_LABEL);
	p->x.integer = 1;

	/* the band first, under the curves; meaningless across directions */
	if (n >= 2 && !mixed) {
		size_t m = 0, *at = hp_calloc(n, sizeof(size_t));
		double *x = hp_reallocarray(NULL, nnums + 1, sizeof(double));
		double *mu = hp_reallocarray(NULL, nnums + 1, sizeof(double));
		double *lo = hp_reallocarray(NULL, nnums + 1, sizeof(double));
		double *hi = hp_reallocarray(NULL, nnums + 1, sizeof(double));
		double *cur = hp_reallocarray(NULL, n, sizeof(double));

		for (size_t i = 0; i < nnums; i++) {
			double sum = 0, sq = 0, mean;
			size_t c = 0;
			int num = nums[i];

			/* each study's best so far at trial number num: that
			 * after its last trial numbered <= num, none past its
			 * last trial */
			for (size_t s = 0; s < n; s++) {
				const struct hp_study *st = studies[s];

				cur[s] = NAN;
				if (bsf[s] == NULL || num > st->number[st->ntrials - 1])
					continue;
				while (at[s] < st->ntrials && st->number[at[s]] <= num)
					at[s]++;
				if (at[s] > 0)
					cur[s] = bsf[s][at[s] - 1];
			}
			for (size_t s = 0; s < n; s++)
				if (isfinite(cur[s])) {
					sum += cur[s];
					c++;
				}
			if (c < 2)
				continue;
			mean = sum / (double)c;
			for (size_t s = 0; s < n; s++)
				if (isfinite(cur[s]))
					sq += (cur[s] - mean) * (cur[s] - mean);
			x[m] = (double)num;
			mu[m] = mean;
			lo[m] = mean - sqrt(sq / (double)c);
			hi[m] = mean + sqrt(sq / (double)c);
			ylo = lo[m] < ylo ? lo[m] : ylo;
			yhi = hi[m] > yhi ? hi[m] : yhi;
			m++;
		}
		if (m) {
			struct fig_mark *mk = fig_add_mark(p, FIG_MARK_AREA, x, lo, m);

			fig_mark_set_x2y2(mk, x, hi);
			mk->color = (struct fig_rgba){ 0.5, 0.5, 0.5, 0.25 };
			mk->step = 1;
			fig_mark_set_label(mk, "mean \xc2\xb1 std");
			mk = fig_add_mark(p, FIG_MARK_LINE, x, mu, m);
			mk->color = (struct fig_rgba){ 0.2, 0.2, 0.2, 1 };
			mk->dash = 1;
			mk->step = 1;
			mk->size = 1.5;
			fig_mark_set_label(mk, "mean");
		}
		free(at);
		free(cur);
		free(x);
		free(mu);
		free(lo);
		free(hi);
	}
	for (size_t s = 0; s < n; s++) {
		const struct hp_study *st = studies[s];
		double *x, *y;
		size_t m = 0;
		struct fig_mark *mk;
		char lab[256];

		if (bsf[s] == NULL)
			continue;
		x = hp_reallocarray(NULL, st->ntrials, sizeof(double));
		y = hp_reallocarray(NULL, st->ntrials, sizeof(double));
		for (size_t t = 0; t < st->ntrials; t++)
			if (isfinite(bsf[s][t])) {
				x[m] = st->number[t];
				y[m] = bsf[s][t];
				m++;
			}
		if (m) {
			mk = fig_add_mark(p, FIG_MARK_LINE, x, y, m);
			mk->step = 1;
			mk->size = 2;
			mk->color = plot_series_color(used);
			snprintf(lab, sizeof(lab), "%s", studies[s]->name ?
			    studies[s]->name : "study");
			fig_mark_set_label(mk, lab);
		}
		used++;
		free(x);
		free(y);
	}
	{
		double r[2] = { ylo, yhi }, a, b;

		fig_range(r, 2, 0, 0.05, &a, &b);
		fig_axis_linear(&p->y, a, b, obj);
	}
	out->legend = 1;

	fig_table_header(&out->data, cols, 9);
	for (size_t s = 0; s < n; s++) {
		const struct hp_study *st = studies[s];
		char c[9][64];
		const char *row[9];
		long b;

		if (objective >= st->nobj)
			continue;
		b = hp_study_best(st, objective);
		row[0] = st->name ? st->name : "";
		row[1] = hp_direction_name(st->dir[objective]);
		snprintf(c[2], 64, "%zu", st->ntrials);
		snprintf(c[3], 64, "%zu", hp_study_count_state(st, HP_STATE_COMPLETE));
		snprintf(c[4], 64, "%zu", hp_study_count_state(st, HP_STATE_PRUNED));
		snprintf(c[5], 64, "%zu", hp_study_count_state(st, HP_STATE_FAIL));
		row[6] = b >= 0 ? hp_fmt_double(c[6], 64,
		    hp_study_value(st, (size_t)b, objective)) : NULL;
		snprintf(c[7], 64, "%d", b >= 0 ? st->number[b] : -1);
		row[7] = b >= 0 ? c[7] : NULL;
		row[8] = b >= 0 ? hp_fmt_double(c[8], 64, median_value(st, objective)) : NULL;
		for (int i = 2; i <= 5; i++)
			row[i] = c[i];
		fig_table_row(&out->data, row);
	}
	fig_add_caption(out, "The best value so far of each study by trial number "
	    "(its COMPLETE trials with a finite value).");
	fig_add_note(out, "%zu studies, %s.", used, mixed ? "with different directions: "
	    "each keeps its own best" : hp_direction_name(dir));
	if (n >= 2 && !mixed)
		fig_add_note(out, "Band: mean \xc2\xb1 standard deviation of the best so "
		    "far over the studies that reached each trial number.");
	if (nonfinite)
		fig_add_note(out, "%zu trial%s with a non-finite value left out.",
		    nonfinite, nonfinite == 1 ? "" : "s");
	for (size_t s = 0; s < n; s++)
		free(bsf[s]);
	free(bsf);
	free(nums);
	return 1;
}
