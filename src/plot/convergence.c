/*
 * convergence: the optimization history (Optuna plot_optimization_history,
 * skopt plot_convergence) of one objective -- every COMPLETE trial's value
 * by trial number, and the best value so far as a step line that follows
 * the direction.  Non-finite values are left out of both and counted in a
 * note: an infinite "best" would flatten the line and hide the search.
 * The y axis turns logarithmic when every value is positive and they span
 * more than two decades (plot_log_scale).
 *
 * In a constrained study (Optuna >= 3.4's plot_optimization_history)
 * infeasible trials (hp_study_feasible) are drawn in grey under the others
 * and the best value so far counts feasible trials only, so it starts at
 * the first feasible one; the best trial is the best feasible one.
 *
 * Data (data/convergence.csv): number, value, best_value for each trial
 * shown, in trial-number order (best_value "nan" before the first
 * feasible trial); a constrained study adds feasible (1/0).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/plot.h"

int
plot_convergence(const struct hp_study *st, size_t k, const struct plot_opts *o,
    struct fig *out, struct hp_err *err)
{
	double w, h;
	static const char *const cols[] = { "number", "best_value" };
	int max = st->dir[k] == HP_DIR_MAXIMIZE, constrained = hp_study_constrained(st);
	size_t n = 0, ninf = hp_study_count_nonfinite(st, k), npruned = 0, nbad = 0;
	unsigned char *ok = hp_calloc(st->ntrials + 1, 1);
	double *gx = hp_calloc(st->ntrials + 1, sizeof(double));
	double *gy = hp_calloc(st->ntrials + 1, sizeof(double));
	int *gid = hp_calloc(st->ntrials + 1, sizeof(int));
	double *x = hp_calloc(st->ntrials + 1, sizeof(double));
	double *y = hp_calloc(st->ntrials + 1, sizeof(double));
	double *best = hp_calloc(st->ntrials + 1, sizeof(double));
	int *id = hp_calloc(st->ntrials + 1, sizeof(int));
	double lo, hi, ymin = INFINITY, ymax = -INFINITY;
	char title[400], ytitle[256], a[40], c[40];
	struct fig_panel *p;
	struct fig_mark *m;
	long bi;

	(void)err;
	for (size_t t = 0; t < st->ntrials; t++) {
		double v = hp_study_value(st, t, k);

		npruned += st->state[t] == HP_STATE_PRUNED;
		if (st->state[t] != HP_STATE_COMPLETE || !isfinite(v))
			continue;
		x[n] = st->number[t];
		y[n] = v;
		ok[n] = (unsigned char)hp_study_feasible(st, t);
		/* NaN until the first feasible trial; fmin/fmax skip a NaN */
		best[n] = n == 0 ? NAN : best[n - 1];
		if (ok[n])
			best[n] = max ? fmax(best[n], v) : fmin(best[n], v);
		id[n] = st->number[t];
		ymin = fmin(ymin, v);
		ymax = fmax(ymax, v);
		n++;
	}

	plot_objective_title(st, k, ytitle, sizeof(ytitle));
	if (o && o->title)
		snprintf(title, sizeof(title), "%s", o->title);
	else if (st->nobj > 1)
		snprintf(title, sizeof(title), "Optimization history of %s (%s)",
		    ytitle, hp_direction_name(st->dir[k]));
	else
		snprintf(title, sizeof(title), "Optimization history (%s)",
		    hp_direction_name(st->dir[k]));
	plot_size(o, 576, 360, &w, &h);
	fig_init(out, "convergence", title, w, h);
	p = fig_add_panel(out, 0, 0);

	fig_range(x, n, 0, 0.03, &lo, &hi);
	if (n == 0) {
		lo = 0;
		hi = 1;
	}
	fig_axis_linear(&p->x, lo, hi, PLOT_TRIAL_LABEL);
	p->x.integer = 1;
	if (n > 0 && plot_log_scale(ymin, ymax)) {
		fig_range(y, n, 1, 0.05, &lo, &hi);
		fig_axis_log(&p->y, lo, hi, ytitle);
	} else {
		fig_range(y, n, 0, 0.05, &lo, &hi);
		fig_axis_linear(&p->y, lo, hi, ytitle);
	}

	if (constrained) {
		/* infeasible trials apart, in grey and under the others; the
		 * feasible ones and the best line keep the arrays below */
		size_t nf = 0, nb = 0;

		for (size_t i = 0; i < n; i++) {
			if (!ok[i]) {
				gx[nbad] = x[i];
				gy[nbad] = y[i];
				gid[nbad++] = id[i];
			}
		}
		m = fig_add_mark(p, FIG_MARK_POINTS, gx, gy, nbad);
		m->color = plot_infeasible_color();
		m->stroke = (struct fig_rgba){ 1, 1, 1, 0.9 };
		m->size = n > 2000 ? 3 : 5.5;
		fig_mark_set_ids(m, gid);
		snprintf(title, sizeof(title), "Infeasible (%zu)", nbad);
		fig_mark_set_label(m, title);
		for (size_t i = 0; i < n; i++) {
			if (ok[i]) {
				gx[nf] = x[i];
				gy[nf] = y[i];
				gid[nf++] = id[i];
			}
		}
		m = fig_add_mark(p, FIG_MARK_POINTS, gx, gy, nf);
		m->color = plot_data_color(0.75);
		m->stroke = (struct fig_rgba){ 1, 1, 1, 0.9 };
		m->size = n > 2000 ? 3 : 5.5;
		fig_mark_set_ids(m, gid);
		fig_mark_set_label(m, "Objective value (feasible)");
		for (size_t i = 0; i < n; i++) {
			if (!isnan(best[i])) {
				gx[nb] = x[i];
				gy[nb++] = best[i];
			}
		}
		m = fig_add_mark(p, FIG_MARK_LINE, gx, gy, nb);
	} else {
		m = fig_add_mark(p, FIG_MARK_POINTS, x, y, n);
		m->color = plot_data_color(0.75);
		m->stroke = (struct fig_rgba){ 1, 1, 1, 0.9 };
		m->size = n > 2000 ? 3 : 5.5;
		fig_mark_set_ids(m, id);
		/* a named objective (--target, study:metric_names) by its name,
		 * as Optuna labels the points with target_name */
		fig_mark_set_label(m, st->objname[k] ? ytitle : "Objective value");

		m = fig_add_mark(p, FIG_MARK_LINE, x, best, n);
	}
	m->color = (struct fig_rgba){ 0.84, 0.15, 0.16, 1 };
	m->size = 2;
	m->step = 1;
	fig_mark_set_label(m, "Best value");

	bi = hp_study_best(st, k);
	if (bi >= 0) {
		double bx = st->number[bi], by = hp_study_value(st, (size_t)bi, k);
		int bid = st->number[bi];

		m = fig_add_mark(p, FIG_MARK_POINTS, &bx, &by, 1);
		m->shape = FIG_SHAPE_STAR;
		m->size = 14;
		m->color = (struct fig_rgba){ 0.84, 0.15, 0.16, 1 };
		m->stroke = (struct fig_rgba){ 1, 1, 1, 1 };
		m->stroke_width = 0.8;
		fig_mark_set_ids(m, &bid);
		fig_mark_set_label(m, plot_best_label(title, sizeof(title), bid, by));
	}
	out->legend = 1;

	if (n == 0)
		fig_add_note(out, "No COMPLETE trial with a finite value.");
	if (ninf > 0)
		fig_add_note(out, "%zu trial%s with a non-finite value left out.",
		    ninf, ninf == 1 ? "" : "s");
	if (npruned > 0)
		fig_add_note(out, "%zu pruned trial%s not shown.", npruned,
		    npruned == 1 ? "" : "s");
	if (constrained)
		fig_add_note(out, "%zu infeasible trial%s (a constraint > 0) in grey; "
		    "the best value counts feasible trials only.", nbad,
		    nbad == 1 ? "" : "s");
	if (constrained && n > 0 && bi < 0)
		fig_add_note(out, "No feasible COMPLETE trial.");

	fig_add_caption(out, "The objective value of each trial by trial number, "
	    "and the best value so far%s.", constrained ? " among feasible trials" : "");
	plot_caption_finite(out, st, k);
	plot_trial_columns(out, st, k, NULL, 0);
	/* the best so far is derived; the values are trials.csv's */
	fig_table_header(&out->data, cols, 2);
	for (size_t i = 0; i < n; i++) {
		const char *row[2];

		snprintf(a, sizeof(a), "%d", id[i]);
		row[0] = a;
		row[1] = hp_fmt_double(c, sizeof(c), best[i]);
		fig_table_row(&out->data, row);
	}
	free(ok);
	free(gx);
	free(gy);
	free(gid);
	free(x);
	free(y);
	free(best);
	free(id);
	return 1;
}
