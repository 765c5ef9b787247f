/*
 * rank: params against each other coloured by the rank of the objective
 * (Optuna plot_rank).  One param: the param against the objective.  Two or
 * more: the lower triangle of a scatter matrix of param pairs.  Colour is
 * the trial's rank among COMPLETE trials with a finite objective, scaled
 * to 0 (best) .. 1 (worst), ties sharing their mean rank; the colour bar is
 * reversed so the best trials are bright, and they are drawn last, on top.
 * Points on categorical axes are spread by a fixed jitter of +-0.25 so that
 * trials of one category do not hide each other.  A trial without one of a
 * panel's params (conditional params) is kept and drawn on a "none" slot at
 * the low end of that param's axis (as in every figure, a conditional
 * param is shown, not dropped), set off from the values by a dashed rule.
 * Past PLOT_SAMPLE_CAP trials a panel draws a sample by rank (plot.h),
 * said in a note.  As Optuna >= 3.4's plot_rank, infeasible trials
 * (hp_study_feasible) keep their rank but are drawn in grey (under the
 * others here); the red star is the best feasible trial (hp_study_best).
 * Data: trial, value, rank, one column per param (and feasible, 1/0, in a
 * constrained study).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "hpreport/plot.h"

struct rk {
	size_t	 t;
	double	 v;		/* minimization space */
	double	 rank;		/* 0 best .. 1 worst */
};

static int
cmp_rk(const void *va, const void *vb)
{
	const struct rk *a = va, *b = vb;

	if (a->v != b->v)
		return a->v < b->v ? -1 : 1;
	return a->t < b->t ? -1 : a->t > b->t;
}

/* Where trial t sits on axis a of param `param`: its value, or the axis's
 * "none" slot when it lacks the param; categorical axes jittered. */
static double
coord(const struct hp_study *st, const struct fig_axis *a, size_t param,
    size_t t, unsigned salt)
{
	const struct hp_param *p = &st->params[param];
	double v = p->v[t];

	if (isnan(v) && a->none)
		v = a->none_v;
	if (p->dist.kind == HP_DIST_CATEGORICAL && isfinite(v))
		v += 0.5 * plot_jitter(st->number[t], salt);	/* +-0.25 */
	return v;
}

/* Axis of param `param` for the ranked trials r[0..m), with a "none" slot
 * and a dashed rule between it and the values when some trials lack it;
 * the best trial's choice keeps its label. */
static void
rank_axis(struct fig_panel *p, int vertical, const struct hp_study *st,
    size_t param, const struct rk *r, size_t m, long best)
{
	struct fig_axis *a = vertical ? &p->y : &p->x;
	const double *v = st->params[param].v;
	size_t absent = 0;
	struct fig_mark *mk;
	double at;

	plot_param_axis(a, st, param, 0.05, best);
	for (size_t i = 0; i < m; i++)
		absent += isnan(v[r[i].t]);
	if (absent == 0)
		return;
	fig_axis_add_none(a);
	at = a->scale == FIG_LOG ? sqrt(a->none_v * a->data_lo)
	    : (a->none_v + a->data_lo) / 2;
	mk = fig_add_mark(p, vertical ? FIG_MARK_HRULE : FIG_MARK_VRULE,
	    &at, &at, 1);
	mk->color = (struct fig_rgba){ 0.45, 0.45, 0.45, 0.7 };
	mk->size = 0.6;
	mk->dash = 1;
}

/* One panel: x = param px, y = param *py, or the objective when py is NULL. */
static void
rank_panel(const struct hp_study *st, struct fig_panel *p, size_t objective,
    size_t px, const size_t *py, const struct rk *r, size_t m,
    const size_t *keep, size_t nkeep, int label, long best)
{
	double *x = hp_reallocarray(NULL, nkeep + 1, sizeof(double));
	double *y = hp_reallocarray(NULL, nkeep + 1, sizeof(double));
	double *c = hp_reallocarray(NULL, nkeep + 1, sizeof(double));
	int *id = hp_reallocarray(NULL, nkeep + 1, sizeof(int));
	size_t n = 0;
	struct fig_mark *mk;

	/* infeasible trials first, in grey, under the others */
	for (size_t q = nkeep; q-- > 0;) {
		size_t t = r[keep[q]].t;
		double xv, yv;

		if (hp_study_feasible(st, t))
			continue;
		xv = coord(st, &p->x, px, t, 1);
		yv = py ? coord(st, &p->y, *py, t, 2)
		    : hp_study_value(st, t, objective);
		if (isnan(xv) || isnan(yv))
			continue;
		x[n] = xv;
		y[n] = yv;
		id[n] = st->number[t];
		n++;
	}
	if (n > 0) {
		mk = fig_add_mark(p, FIG_MARK_POINTS, x, y, n);
		fig_mark_set_ids(mk, id);
		mk->color = plot_infeasible_color();
		mk->stroke = (struct fig_rgba){ 0.2, 0.2, 0.2, 0.5 };
		mk->stroke_width = 0.3;
		mk->size = m > 1000 || st->nparams > 4 ? 3.5 : 5;
		n = 0;
	}
	/* keep[] (positions in r, drawn ones) rises and r is sorted best
	 * first: walk it backwards so the best land on top */
	for (size_t q = nkeep; q-- > 0;) {
		size_t i = keep[q], t = r[i].t;
		double xv, yv;

		if (!hp_study_feasible(st, t))
			continue;
		xv = coord(st, &p->x, px, t, 1);
		yv = py ? coord(st, &p->y, *py, t, 2)
		    : hp_study_value(st, t, objective);
		if (isnan(xv) || isnan(yv))
			continue;
		x[n] = xv;
		y[n] = yv;
		c[n] = r[i].rank;
		id[n] = st->number[t];
		n++;
	}
	mk = fig_add_mark(p, FIG_MARK_POINTS, x, y, n);
	fig_mark_set_c(mk, c, n);
	fig_mark_set_ids(mk, id);
	mk->stroke = (struct fig_rgba){ 0.2, 0.2, 0.2, 0.5 };
	mk->stroke_width = 0.3;
	mk->size = m > 1000 || st->nparams > 4 ? 3.5 : 5;
	if (label)
		fig_mark_set_label(mk, "Trial");
	/* the best (feasible) trial as the red star of every figure */
	if (best >= 0) {
		double bx = coord(st, &p->x, px, (size_t)best, 1);
		double by = py ? coord(st, &p->y, *py, (size_t)best, 2) :
		    hp_study_value(st, (size_t)best, objective);
		int bid = st->number[best];

		if (!isnan(bx) && !isnan(by)) {
			mk = fig_add_mark(p, FIG_MARK_POINTS, &bx, &by, 1);
			plot_best_star(mk, m > 1000 || st->nparams > 4 ? 3.5 : 5);
			fig_mark_set_ids(mk, &bid);
			if (label) {
				char lab[64];

				fig_mark_set_label(mk, plot_best_label(lab, sizeof(lab), bid,
				    hp_study_value(st, (size_t)best, objective)));
			}
		}
	}
	free(x);
	free(y);
	free(c);
	free(id);
}

int
plot_rank(const struct hp_study *st, size_t objective, const struct plot_opts *o,
    struct fig *out, struct hp_err *err)
{
	struct plot_opts def;
	size_t np, nall, m = 0, nonfinite;
	size_t *sel, ns;
	struct rk *r;
	unsigned char *in;
	size_t *keep;
	int maximize = st->dir[objective] == HP_DIR_MAXIMIZE;
	int constrained = hp_study_constrained(st);
	long best = hp_study_best(st, objective);
	size_t nbad = 0;
	char obj[128], title[200];

	(void)err;
	if (o == NULL) {
		plot_opts_defaults(&def);
		o = &def;
	}
	sel = plot_top_params(st, objective, o, &np, &nall);
	r = hp_reallocarray(NULL, st->ntrials + 1, sizeof(*r));
	for (size_t t = 0; t < st->ntrials; t++) {
		double v = hp_study_value(st, t, objective);

		if (st->state[t] == HP_STATE_COMPLETE && isfinite(v))
			r[m++] = (struct rk){ t, maximize ? -v : v, 0 };
	}
	if (np == 0 || m == 0) {
		free(sel);
		free(r);
		if (st->nparams == 0)
			return fig_skip(out, 1, "the study has no params");
		return fig_skip(out, 0, np == 0 ? "no param to show" :
		    "no COMPLETE trial with a finite value");
	}
	qsort(r, m, sizeof(*r), cmp_rk);
	for (size_t i = 0; i < m;) {	/* ties share their mean rank */
		size_t j = i;

		while (j + 1 < m && r[j + 1].v == r[i].v)
			j++;
		for (size_t k = i; k <= j; k++)
			r[k].rank = m > 1 ? (double)(i + j) / 2 / (double)(m - 1) : 0;
		i = j + 1;
	}
	in = hp_calloc(m, 1);
	ns = plot_sample_ranks(m, PLOT_SAMPLE_CAP, in);
	keep = hp_calloc(ns, sizeof(size_t));
	for (size_t i = 0, q = 0; i < m; i++)
		if (in[i])
			keep[q++] = i;
	free(in);
	nonfinite = hp_study_count_nonfinite(st, objective);
	plot_objective_title(st, objective, obj, sizeof(obj));
	snprintf(title, sizeof(title), "Rank of %s", obj);

	if (np == 1) {
		double w, h;
		struct fig_panel *p;
		double *v = hp_reallocarray(NULL, m, sizeof(double)), lo, hi;

		plot_size(o, 560, 400, &w, &h);
		fig_init(out, "rank", o->title ? o->title : title, w, h);
		p = fig_add_panel(out, 0, 0);
		rank_axis(p, 0, st, sel[0], r, m, best);
		for (size_t i = 0; i < m; i++)
			v[i] = hp_study_value(st, r[i].t, objective);
		fig_range(v, m, 0, 0.05, &lo, &hi);
		free(v);
		fig_axis_linear(&p->y, lo, hi, obj);
		rank_panel(st, p, objective, sel[0], NULL, r, m, keep, ns, 0, best);
	} else {
		double side = np <= 4 ? 190 : np <= 8 ? 130 : 100;

		plot_matrix_init(out, "rank", o->title ? o->title : title, o, np - 1, side, 130, 60);
		for (size_t i = 1; i < np; i++)
			for (size_t j = 0; j + 1 < np; j++) {
				struct fig_panel *p = fig_add_panel(out, (int)i - 1, (int)j);

				if (j >= i) {
					p->empty = 1;
					p->frame = 0;
					continue;
				}
				rank_axis(p, 0, st, sel[j], r, m, best);
				rank_axis(p, 1, st, sel[i], r, m, best);
				if (i + 1 < np)
					p->x.show &= ~(FIG_SHOW_LABELS | FIG_SHOW_TITLE);
				if (j > 0)
					p->y.show &= ~(FIG_SHOW_LABELS | FIG_SHOW_TITLE);
				rank_panel(st, p, objective, sel[j], &sel[i], r, m, keep, ns,
				    0, best);
			}
	}
	fig_colorbar(out, o->cmap, 0, 1, 1, "Rank (0 = best)");

	/* data: the rank of each trial, best first (what the figure derives;
	 * the values and params are trials.csv's) */
	{
		static const char *const cols[] = { "trial", "rank" };
		char cell[2][40];

		fig_table_header(&out->data, cols, 2);
		for (size_t i = 0; i < m; i++) {
			const char *row[2] = { cell[0], cell[1] };
			size_t t = r[i].t;

			snprintf(cell[0], sizeof(cell[0]), "%d", st->number[t]);
			hp_fmt_double(cell[1], sizeof(cell[1]), r[i].rank);
			nbad += constrained && !hp_study_feasible(st, t);
			fig_table_row(&out->data, row);
		}
	}
	fig_add_caption(out, "%s, one point per trial coloured by the rank of its "
	    "objective value (0 = best), the best trial starred.", np == 1 ?
	    "The objective value against the param" : "The params' values of each pair");
	plot_caption_finite(out, st, objective);
	plot_trial_columns(out, st, objective, sel, np);
	fig_add_note(out, "%zu COMPLETE trials ranked by %s (%s).", m, obj,
	    hp_direction_name(st->dir[objective]));
	plot_note_top_params(out, st, objective, o, sel, np, nall);
	for (size_t j = 0; j < np; j++) {
		size_t absent = 0;

		for (size_t i = 0; i < m; i++)
			absent += isnan(st->params[sel[j]].v[r[i].t]);
		if (absent)
			fig_add_note(out, "%s is absent in %zu of %zu trials, shown "
			    "at \"none\" on its axis.", st->params[sel[j]].name,
			    absent, m);
	}
	plot_note_sample(out, ns, m);
	if (constrained)
		fig_add_note(out, "%zu infeasible trial%s (a constraint > 0) ranked "
		    "but drawn in grey.", nbad, nbad == 1 ? "" : "s");
	if (nonfinite)
		fig_add_note(out, "%zu trial%s with a non-finite value left out.",
		    nonfinite, nonfinite == 1 ? "" : "s");
	free(keep);
	free(sel);
	free(r);
	return 1;
}
