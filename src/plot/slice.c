/*
 * slice: objective against each param (Optuna plot_slice), one panel per
 * param in name order, all sharing the objective axis; colour = trial
 * number.  Panels wrap into rows of at most four instead of one endless
 * row.  Categorical values and the values of an int param of few values
 * get a small deterministic horizontal jitter (plot_jitter_value), and the
 * dots are see-through, so that trials on the same value do not hide each
 * other; trials without
 * the param (conditional params) are kept, on a "none" slot at the left of
 * its axis set off by a dashed rule, and counted in the panel title (as
 * in every figure: shown, not dropped).  The best trial is a red star in
 * every panel, on its jittered dot and sized with the dots (plot_best_star).
 * The objective axis turns logarithmic when the values are positive and
 * span more than PLOT_LOG_SPAN (a few bad trials would squash the rest).
 * Past PLOT_SAMPLE_CAP trials the panels draw a sample by rank (plot.h),
 * said in a note; the axes are set from every trial.  Past SLICE_MAX_PANELS
 * params (unless --params names them or --max-params is -1) the most
 * important ones are shown, named in a note.
 * Infeasible trials (hp_study_feasible) are drawn in Optuna's grey under
 * the others and left out of the trial-number colour scale, as Optuna
 * >= 3.4's plot_slice does; the best trial is the best feasible one.
 *
 * Data (data/slice.csv): number, value and every shown param of each trial.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/plot.h"

#define SLICE_MAX_COLS	4
#define SLICE_CELL	190	/* points per panel */
#define SLICE_MAX_PANELS 64	/* 16 rows: past that the most important
				   params, named in a note (a figure of 500
				   rows is no figure, and no PNG) */

int
plot_slice(const struct hp_study *st, size_t k, const struct plot_opts *o,
    struct fig *out, struct hp_err *err)
{
	size_t np, nall, n, ns, *params, *tr, *sample;
	double *x, *y, *c, ylo, yhi, vmin = INFINITY, vmax = -INFINITY;
	int *id, ncols, nrows, logy, constrained = hp_study_constrained(st);
	size_t nbad = 0;
	double clo = INFINITY, chi = -INFINITY;
	long best = hp_study_best(st, k);
	char title[400], ytitle[256];
	double dot;

	(void)err;
	params = plot_select_params(st, o, &np);
	nall = np;
	if (np == 0) {
		free(params);
		if (st->nparams == 0)
			return fig_skip(out, 1, "the study has no params");
		return fig_skip(out, 0, "no param to show");
	}
	tr = plot_finite_trials(st, k, &n);
	sample = plot_sample_trials(st, k, tr, n, PLOT_SAMPLE_CAP, &ns);
	x = hp_calloc(n + 1, sizeof(double));
	y = hp_calloc(n + 1, sizeof(double));
	c = hp_calloc(n + 1, sizeof(double));
	id = hp_calloc(n + 1, sizeof(int));
	for (size_t i = 0; i < n; i++) {
		double v = hp_study_value(st, tr[i], k);

		vmin = fmin(vmin, v);
		vmax = fmax(vmax, v);
		y[i] = v;
	}
	logy = n > 0 && plot_log_scale(vmin, vmax);
	dot = n > 2000 ? 3 : n > 300 ? 4.5 : 6;	/* trial dots' diameter, pt */
	fig_range(y, n, logy, 0.05, &ylo, &yhi);

	ncols = np < SLICE_MAX_COLS ? (int)np : SLICE_MAX_COLS;
	/* a given width (a paper column) gets as many columns as fit panels
	 * of at least 2/3 of the usual size (two of at least 80 points in a
	 * column), and the height follows -- up to plot_max_height, or the
	 * given height: past that the most important params are shown,
	 * named in a note */
	if (o && o->width > 0) {
		int fit = (int)((o->width - 90) / (SLICE_CELL * 2.0 / 3));
		double cell;
		int rows;

		if (fit < 2 && (o->width - 90) / 2 >= 80)
			fit = 2;
		ncols = fit < 1 ? 1 : fit < ncols ? fit : ncols;
		cell = (o->width - 90) / ncols;
		cell = cell > SLICE_CELL ? SLICE_CELL : cell;
		rows = (int)(((o->height > 0 ? o->height : plot_max_height(o->width)) -
		    70) / (cell + 20));
		rows = rows < 1 ? 1 : rows;
		if (o->params == NULL && o->max_params >= 0 &&
		    np > (size_t)(rows * ncols)) {
			struct plot_opts fitted = *o;

			fitted.max_params = o->max_params > 0 &&
			    o->max_params < rows * ncols ? o->max_params : rows * ncols;
			free(params);
			params = plot_top_params(st, k, &fitted, &np, &nall);
			ncols = np < (size_t)ncols ? (int)np : ncols;
		}
	} else if (np > SLICE_MAX_PANELS && (o == NULL || (o->params == NULL &&
	    o->max_params >= 0))) {
		struct plot_opts fitted;

		if (o)
			fitted = *o;
		else
			plot_opts_defaults(&fitted);
		fitted.max_params = fitted.max_params > 0 &&
		    fitted.max_params < SLICE_MAX_PANELS ? fitted.max_params :
		    SLICE_MAX_PANELS;
		free(params);
		params = plot_top_params(st, k, &fitted, &np, &nall);
	}
	nrows = (int)((np + (size_t)ncols - 1) / (size_t)ncols);
	{
		double cell = o && o->width > 0 ? (o->width - 90) / ncols : SLICE_CELL;

		if (cell > SLICE_CELL)
			cell = SLICE_CELL;
		plot_figure_title(st, k, o, "Slice plot", title, sizeof(title));
		/* at a given width, room for the legend and notes below the
		 * panels too, as far as plot_max_height allows */
		fig_init(out, "slice", title,
		    o && o->width > 0 ? o->width : ncols * SLICE_CELL + 130,
		    o && o->height > 0 ? o->height : o && o->width > 0 ?
		    fmin(plot_max_height(o->width), nrows * (cell + 20) + 160) :
		    nrows * (cell + 20) + 70);
	}
	plot_note_top_params(out, st, k, o, params, np, nall);
	for (size_t i = 0; constrained && i < n; i++) {
		if (hp_study_feasible(st, tr[i])) {
			clo = fmin(clo, st->number[tr[i]]);
			chi = fmax(chi, st->number[tr[i]]);
		} else
			nbad++;
	}
	if (constrained && clo <= chi) {
		fig_colorbar(out, o ? o->cmap : FIG_CMAP_VIRIDIS, 0, chi, 0,
		    PLOT_TRIAL_LABEL);
		out->cbar.lo = clo;
	} else {
		fig_colorbar(out, o ? o->cmap : FIG_CMAP_VIRIDIS, 0,
		    n ? st->number[tr[n - 1]] : 1, 0, PLOT_TRIAL_LABEL);
		if (n > 0)
			out->cbar.lo = st->number[tr[0]];
	}
	plot_objective_title(st, k, ytitle, sizeof(ytitle));

	for (size_t j = 0; j < np; j++) {
		const struct hp_param *p = &st->params[params[j]];
		struct fig_panel *pn = fig_add_panel(out, (int)(j / (size_t)ncols),
		    (int)(j % (size_t)ncols));
		struct fig_mark *m;
		size_t m_n = 0, have = 0;

		plot_param_axis(&pn->x, st, params[j], 0.05, best);
		for (size_t i = 0; i < n; i++)
			have += !isnan(p->v[tr[i]]);
		if (have < n) {
			double at;

			fig_axis_add_none(&pn->x);
			at = pn->x.scale == FIG_LOG ? sqrt(pn->x.none_v * pn->x.data_lo)
			    : (pn->x.none_v + pn->x.data_lo) / 2;
			m = fig_add_mark(pn, FIG_MARK_VRULE, &at, &at, 1);
			m->color = (struct fig_rgba){ 0.45, 0.45, 0.45, 0.7 };
			m->size = 0.6;
			m->dash = 1;
		}
		if (logy)
			fig_axis_log(&pn->y, ylo, yhi, ytitle);
		else
			fig_axis_linear(&pn->y, ylo, yhi, ytitle);
		if (j % (size_t)ncols != 0)	/* shared objective axis: outer labels only */
			pn->y.show = FIG_SHOW_LINE | FIG_SHOW_GRID;
		/* infeasible first, in grey, under the feasible ones */
		for (size_t i = 0; nbad > 0 && i < ns; i++) {
			double v = p->v[sample[i]];

			if (hp_study_feasible(st, sample[i]))
				continue;
			if (isnan(v))
				x[m_n] = plot_none_coord(&pn->x, st->number[sample[i]]);
			else
				x[m_n] = plot_jitter_value(p, v, st->number[sample[i]], 1);
			y[m_n] = hp_study_value(st, sample[i], k);
			id[m_n] = st->number[sample[i]];
			m_n++;
		}
		if (nbad > 0) {
			m = fig_add_mark(pn, FIG_MARK_POINTS, x, y, m_n);
			fig_mark_set_ids(m, id);
			m->size = dot;
			m->color = plot_infeasible_color();
			m->stroke = (struct fig_rgba){ 0.2, 0.2, 0.2, n > 2000 ? 0 : 0.5 };
			m->stroke_width = 0.4;
			m_n = 0;
		}
		for (size_t i = 0; i < ns; i++) {
			double v = p->v[sample[i]];

			if (nbad > 0 && !hp_study_feasible(st, sample[i]))
				continue;
			if (isnan(v))
				x[m_n] = plot_none_coord(&pn->x, st->number[sample[i]]);
			else
				x[m_n] = plot_jitter_value(p, v, st->number[sample[i]], 1);
			y[m_n] = hp_study_value(st, sample[i], k);
			c[m_n] = st->number[sample[i]];
			id[m_n] = st->number[sample[i]];
			m_n++;
		}
		if (have < n) {
			char t[300];

			snprintf(t, sizeof(t), "%s: %zu of %zu", p->name, have, n);
			pn->title = hp_strdup(t);
			fig_add_note(out, "%s is set in %zu of %zu trials; the others "
			    "are at \"none\" on its axis.", p->name, have, n);
		}
		m = fig_add_mark(pn, FIG_MARK_POINTS, x, y, m_n);
		fig_mark_set_c(m, c, m_n);
		fig_mark_set_ids(m, id);
		m->size = dot;
		/* see-through, so that piled-up trials show as darker */
		m->color.a = n > 2000 ? 0.35 : n > 300 ? 0.5 : 0.7;
		m->stroke = (struct fig_rgba){ 0.2, 0.2, 0.2, n > 2000 ? 0 : 0.4 };
		m->stroke_width = 0.4;
		if (best >= 0) {
			int bid = st->number[best];
			double bx = isnan(p->v[best]) ? plot_none_coord(&pn->x, bid) :
			    plot_jitter_value(p, p->v[best], bid, 1);
			double by = hp_study_value(st, (size_t)best, k);

			m = fig_add_mark(pn, FIG_MARK_POINTS, &bx, &by, 1);
			plot_best_star(m, dot);
			fig_mark_set_ids(m, &bid);
			if (j == 0) {
				char lab[64];

				fig_mark_set_label(m, plot_best_label(lab, sizeof(lab), bid, by));
				out->legend = 1;
			}
		}
	}
	if (n == 0)
		fig_add_note(out, "No COMPLETE trial with a finite value.");
	plot_note_sample(out, ns, n);
	plot_note_nonfinite(out, st, k);
	if (nbad > 0)
		fig_add_note(out, "%zu infeasible trial%s (a constraint > 0) in grey, "
		    "outside the colour scale.", nbad, nbad == 1 ? "" : "s");
	fig_add_caption(out, "The objective value of each trial against each "
	    "param, coloured by trial number, the best trial starred.");
	plot_caption_trials(out, st, tr, n);
	plot_trial_columns(out, st, k, params, np);
	free(sample);
	free(x);
	free(y);
	free(c);
	free(id);
	free(tr);
	free(params);
	return 1;
}
