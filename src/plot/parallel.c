/*
 * parallel: parallel coordinates (Optuna plot_parallel_coordinate, NNI,
 * MLflow).  The first axis is the objective, then one axis per param; one
 * polyline per trial coloured by its objective value.  Every axis keeps
 * its kind: log params on log axes, categorical params with their choice
 * labels, int params with integer ticks.
 *
 * Conditional params do not cost trials: a trial without a param crosses
 * that axis at a "none" slot below it (Optuna 3.1 drops such trials from
 * the whole plot, which leaves 4 of 166 trials in the fixture study).
 *
 * Many trials stay readable: lines are drawn worst first so the good ones
 * lie on top, their opacity falls with the number of trials and rises
 * with their rank, and the best trial is drawn last in red.  When the
 * trial values call for it (plot_objective_log: positive, minimized and
 * spanning more than a decade) the objective axis and the colour scale
 * are logarithmic, so a few bad trials do not give every good one the
 * same colour.  Beyond
 * PAR_MAX_LINES trials the lines are grouped by rank into PAR_GROUPS marks
 * (one colour each) so that SVG and PDF stay small.
 *
 * Geometry: the panel's x axis is categorical (one slot per axis, its
 * labels are the axis names); y runs over [0, 1] on every axis and each
 * extra vertical axis (fig_panel_add_vaxis) maps [0, 1] to its own range.
 *
 * Data (data/parallel_coordinate.csv): number, value and every shown param
 * of each trial.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/plot.h"

#define PAR_NONE	(-0.12)	/* y of the "none" slot */
#define PAR_MAX_LINES	4000
#define PAR_GROUPS	96
#define PAR_MAX_DRAWN	8000	/* beyond, every k-th trial by rank is drawn */
#define PAR_MIN_GAP	60	/* points between axes at least, for a given width */

struct ranked {
	double	 key;		/* objective, negated for maximize: larger = worse */
	size_t	 t;		/* trial index */
};

/* Worst first, so that the best trials end up drawn on top; on a tie the
 * earlier trial is drawn last. */
static int
cmp_worst_first(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->key != y->key)
		return x->key > y->key ? -1 : 1;
	return x->t < y->t ? 1 : x->t > y->t ? -1 : 0;
}

/* Position of v on axis a as a fraction of its height. */
static double
unit(const struct fig_axis *a, double v)
{
	if (a->scale == FIG_LOG)
		return (log10(v) - log10(a->lo)) / (log10(a->hi) - log10(a->lo));
	return (v - a->lo) / (a->hi - a->lo);
}

int
plot_parallel_coordinate(const struct hp_study *st, size_t k,
    const struct plot_opts *o, struct fig *out, struct hp_err *err)
{
	size_t np, nall, n, *params, *tr, *order;
	struct fig_axis *axes;
	struct fig_panel *pn;
	struct fig_mark *m;
	char title[400], obj[256];
	char **names;
	double vmin = INFINITY, vmax = -INFINITY, *x, *y, *c, base;
	int *id, anynone = 0, logv;
	long best = hp_study_best(st, k);

	(void)err;
	/* as the matrix figures: the PLOT_MAX_PARAMS most important params
	 * (an axis each, most important beside the objective), named in a
	 * note, and at a given width (a paper column) no more than keep
	 * PAR_MIN_GAP between axes, but three at least */
	if (o && o->width > 0 && o->params == NULL && o->max_params == 0) {
		struct plot_opts fit = *o;
		double room = (o->width - 150) / PAR_MIN_GAP - 1;

		fit.max_params = room < 3 ? 3 : room < PLOT_MAX_PARAMS ? (int)room : PLOT_MAX_PARAMS;
		params = plot_top_params(st, k, &fit, &np, &nall);
	} else
		params = plot_top_params(st, k, o, &np, &nall);
	tr = plot_finite_trials(st, k, &n);
	if (n == 0) {
		free(params);
		free(tr);
		return fig_skip(out, 0, "no COMPLETE trial with a finite value");
	}
	plot_figure_title(st, k, o, "Parallel coordinates", title, sizeof(title));
	{
		double w, h;

		plot_size(o, fmax(560, (double)(np + 1) * 92 + 150), 400, &w, &h);
		fig_init(out, "parallel_coordinate", title, w, h);
	}

	/* axes: objective, then params */
	for (size_t i = 0; i < n; i++) {
		vmin = fmin(vmin, hp_study_value(st, tr[i], k));
		vmax = fmax(vmax, hp_study_value(st, tr[i], k));
	}
	logv = plot_objective_log(st, k);	/* axis and colour alike */
	axes = hp_calloc(np + 1, sizeof(*axes));
	names = hp_calloc(np + 1, sizeof(char *));
	plot_objective_title(st, k, obj, sizeof(obj));
	names[0] = obj;
	{
		double *v = hp_calloc(n, sizeof(double)), lo, hi;

		for (size_t i = 0; i < n; i++)
			v[i] = hp_study_value(st, tr[i], k);
		fig_range(v, n, logv, 0.02, &lo, &hi);
		if (logv)
			fig_axis_log(&axes[0], lo, hi, NULL);
		else
			fig_axis_linear(&axes[0], lo, hi, NULL);
		free(v);
	}
	for (size_t j = 0; j < np; j++) {
		plot_param_axis(&axes[j + 1], st, params[j], 0.02, best);
		free(axes[j + 1].title);	/* named by the x axis below */
		axes[j + 1].title = NULL;
		names[j + 1] = st->params[params[j]].name;
	}
	plot_objective_colorbar(out, st, k, o, vmin, vmax);
	if (logv)
		out->cbar.scale = FIG_LOG;

	pn = fig_add_panel(out, 0, 0);
	pn->frame = 0;
	fig_axis_categorical(&pn->x, names, np + 1, NULL);
	pn->x.lo = -0.3;
	/* little room right of the last axis: its tick labels are on its
	 * left, and a name longer than that room passes into the margin */
	pn->x.hi = (double)np + 0.15;
	pn->x.show = FIG_SHOW_LABELS;
	for (size_t j = 0; j <= np; j++)
		fig_panel_add_vaxis(pn, (double)j, &axes[j]);

	/* polylines, worst first */
	{
		struct ranked *r = hp_calloc(n, sizeof(*r));
		int max = st->dir[k] == HP_DIR_MAXIMIZE;

		for (size_t i = 0; i < n; i++) {
			r[i].t = tr[i];
			r[i].key = max ? -hp_study_value(st, tr[i], k) :
			    hp_study_value(st, tr[i], k);
		}
		qsort(r, n, sizeof(*r), cmp_worst_first);
		order = hp_calloc(n, sizeof(size_t));
		for (size_t i = 0; i < n; i++)
			order[i] = r[i].t;
		free(r);
	}
	x = hp_calloc((np + 2) * (n + 1), sizeof(double));
	y = hp_calloc((np + 2) * (n + 1), sizeof(double));
	c = hp_calloc((np + 2) * (n + 1), sizeof(double));
	id = hp_calloc((np + 2) * (n + 1), sizeof(int));
	base = fmin(0.8, fmax(0.05, 6 / sqrt((double)n)));
	{
		size_t groups = n > PAR_MAX_LINES ? PAR_GROUPS : n;
		/* drawing cost grows with the lines; past PAR_MAX_DRAWN more
		 * lines of a group only darken what its colour already covers */
		size_t stride = n > PAR_MAX_DRAWN ? (n + PAR_MAX_DRAWN - 1) / PAR_MAX_DRAWN : 1;

		size_t drawn = 0;

		for (size_t g = 0; g < groups; g++) {
			size_t i0 = g * n / groups, i1 = (g + 1) * n / groups, len = 0;
			double rank = groups > 1 ? (double)g / (double)(groups - 1) : 1;
			double cv = hp_study_value(st, order[(i0 + i1) / 2], k);

			for (size_t i = i0; i < i1; i += stride) {
				size_t t = order[i];

				drawn++;
				for (size_t j = 0; j <= np; j++) {
					double v = j == 0 ? hp_study_value(st, t, k) :
					    st->params[params[j - 1]].v[t];

					x[len] = (double)j;
					if (isnan(v)) {
						y[len] = PAR_NONE;
						anynone = 1;
					} else {
						y[len] = unit(&axes[j], v);
					}
					c[len] = cv;
					id[len] = st->number[t];
					len++;
				}
				if (i + stride < i1) {	/* break between trials of a group */
					x[len] = y[len] = NAN;
					c[len] = cv;
					id[len] = st->number[t];
					len++;
				}
			}
			m = fig_add_mark(pn, FIG_MARK_LINE, x, y, len);
			fig_mark_set_c(m, c, len);
			fig_mark_set_ids(m, id);
			m->size = n > 1000 ? 0.6 : n > 200 ? 0.9 : 1.3;
			m->color.a = fmin(0.95, base * (0.6 + 1.4 * rank));
		}
		if (stride > 1)
			fig_add_note(out, "Lines: one trial in %zu by rank, %zu of %zu.",
			    stride, drawn, n);
	}
	if (best >= 0) {
		size_t len = 0;
		char bv[48];

		for (size_t j = 0; j <= np; j++) {
			double v = j == 0 ? hp_study_value(st, (size_t)best, k) :
			    st->params[params[j - 1]].v[best];

			x[len] = (double)j;
			y[len] = isnan(v) ? PAR_NONE : unit(&axes[j], v);
			id[len] = st->number[best];
			len++;
		}
		m = fig_add_mark(pn, FIG_MARK_LINE, x, y, len);
		fig_mark_set_ids(m, id);
		m->color = (struct fig_rgba){ 0.84, 0.15, 0.16, 1 };
		m->size = 2.2;
		/* a note rather than a legend, which would cover the last axis */
		fig_add_note(out, "Red: the best trial, %d (%s).", st->number[best],
		    fig_fmt_value(bv, sizeof(bv), hp_study_value(st, (size_t)best, k)));
	}

	/* the "none" slots of the axes some trials lack */
	fig_axis_linear(&pn->y, anynone ? PAR_NONE - 0.06 : -0.02, 1.02, NULL);
	pn->y.show = 0;
	for (size_t j = 0; j < np; j++) {
		const struct hp_param *p = &st->params[params[j]];
		size_t have = 0;

		for (size_t i = 0; i < n; i++)
			have += !isnan(p->v[tr[i]]);
		if (have == n)
			continue;
		{
			double sx[2] = { (double)j + 1 - 0.06, (double)j + 1 + 0.06 };
			double sy[2] = { PAR_NONE, PAR_NONE };

			m = fig_add_mark(pn, FIG_MARK_LINE, sx, sy, 2);
			m->color = (struct fig_rgba){ 0.3, 0.3, 0.3, 1 };
			m->size = 1.2;
			m = fig_add_text(pn, (double)j + 1 + 0.08, PAR_NONE, "none", -1);
			m->color = (struct fig_rgba){ 0.35, 0.35, 0.35, 1 };
		}
		fig_add_note(out, "%s is set in %zu of %zu trials; the others cross "
		    "its axis at \"none\".", p->name, have, n);
	}
	plot_note_top_params(out, st, k, o, params, np, nall);
	plot_note_nonfinite(out, st, k);
	fig_add_caption(out, "One line per trial through its params' values and "
	    "its objective value, coloured by the objective; the best trial in red.");
	plot_caption_trials(out, st, tr, n);
	plot_trial_columns(out, st, k, params, np);

	for (size_t j = 0; j <= np; j++)
		fig_axis_release(&axes[j]);
	free(axes);
	free(names);
	free(order);
	free(x);
	free(y);
	free(c);
	free(id);
	free(params);
	free(tr);
	return 1;
}
