/*
 * pareto: the Pareto front of a multi-objective study (Optuna
 * plot_pareto_front).  Two objectives: one scatter, front trials large and
 * outlined, joined by the staircase that bounds the dominated region;
 * dominated trials coloured by trial number; infeasible trials (system
 * attribute "constraints", pareto.h) in Optuna's #cccccc grey.  Three or more: the same on
 * every pair of objectives, in the lower triangle of a scatter matrix.
 * The front is pareto_front(): exactly Optuna's Study.best_trials.
 * Data: trial, one column per objective, feasible, pareto.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/pareto.h"
#include "hpreport/plot.h"

static const struct fig_rgba front_color = { 0.835, 0.369, 0.000, 1 };	/* vermillion */

/* Front points sorted along x, better x first (so a post step is the boundary). */
struct fp {
	double	 x, y;
};

static int
cmp_fp(const void *va, const void *vb)
{
	const struct fp *a = va, *b = vb;

	if (a->x != b->x)
		return a->x < b->x ? -1 : 1;
	return a->y < b->y ? -1 : a->y > b->y;
}

/* Draws objectives kx, ky of the trials in `sel` into panel p. */
static void
pair_panel(const struct hp_study *st, struct fig_panel *p, size_t kx, size_t ky,
    const size_t *sel, size_t nsel, const unsigned char *feasible,
    const unsigned char *onfront, int label)
{
	double *x = hp_reallocarray(NULL, nsel + 1, sizeof(double));
	double *y = hp_reallocarray(NULL, nsel + 1, sizeof(double));
	double *c = hp_reallocarray(NULL, nsel + 1, sizeof(double));
	int *id = hp_reallocarray(NULL, nsel + 1, sizeof(int));
	struct fig_mark *mk;
	char lab[64];

	for (int pass = 0; pass < 3; pass++) {	/* infeasible, dominated, front */
		size_t m = 0;

		for (size_t i = 0; i < nsel; i++) {
			size_t t = sel[i];
			int kind = !feasible[t] ? 0 : onfront[t] ? 2 : 1;

			if (kind != pass)
				continue;
			x[m] = hp_study_value(st, t, kx);
			y[m] = hp_study_value(st, t, ky);
			c[m] = st->number[t];
			id[m] = st->number[t];
			m++;
		}
		if (m == 0)
			continue;
		if (pass == 2 && st->nobj == 2) {
			/* the staircase bounding what the front dominates (a
			 * projection of a 3+ objective front has none) */
			struct fp *f = hp_reallocarray(NULL, m, sizeof(*f));
			int xmax = st->dir[kx] == HP_DIR_MAXIMIZE;

			for (size_t i = 0; i < m; i++)
				f[i] = (struct fp){ xmax ? -x[i] : x[i], y[i] };
			qsort(f, m, sizeof(*f), cmp_fp);
			for (size_t i = 0; i < m; i++) {
				c[i] = xmax ? -f[i].x : f[i].x;	/* reuse as line x */
				f[i].x = f[i].y;
			}
			for (size_t i = 0; i < m; i++)
				y[i] = f[i].x;
			mk = fig_add_mark(p, FIG_MARK_LINE, c, y, m);
			mk->step = 1;
			mk->dash = 1;
			mk->size = 1;
			mk->color = front_color;
			mk->color.a = 0.7;
			free(f);
			/* x, y of the points again, in trial order */
			m = 0;
			for (size_t i = 0; i < nsel; i++) {
				size_t t = sel[i];

				if (!feasible[t] || !onfront[t])
					continue;
				x[m] = hp_study_value(st, t, kx);
				y[m] = hp_study_value(st, t, ky);
				id[m] = st->number[t];
				m++;
			}
		}
		mk = fig_add_mark(p, FIG_MARK_POINTS, x, y, m);
		fig_mark_set_ids(mk, id);
		if (pass == 0) {
			mk->color = plot_infeasible_color();
			snprintf(lab, sizeof(lab), "infeasible (%zu)", m);
		} else if (pass == 1) {
			fig_mark_set_c(mk, c, m);
			mk->color.a = 0.85;
			snprintf(lab, sizeof(lab), "dominated (%zu)", m);
		} else {
			mk->color = front_color;
			mk->stroke = (struct fig_rgba){ 0, 0, 0, 1 };
			mk->stroke_width = 0.8;
			mk->size = 7;
			mk->shape = FIG_SHAPE_DIAMOND;
			snprintf(lab, sizeof(lab), "Pareto front (%zu)", m);
		}
		if (label)
			fig_mark_set_label(mk, lab);
	}
	free(x);
	free(y);
	free(c);
	free(id);
}

static void
objective_axis(struct fig_axis *a, const struct hp_study *st, size_t k,
    const size_t *sel, size_t nsel)
{
	double *v = hp_reallocarray(NULL, nsel + 1, sizeof(double)), lo, hi;
	char name[128], title[160];

	for (size_t i = 0; i < nsel; i++)
		v[i] = hp_study_value(st, sel[i], k);
	fig_range(v, nsel, 0, 0.05, &lo, &hi);
	free(v);
	plot_objective_title(st, k, name, sizeof(name));
	snprintf(title, sizeof(title), "%s (%s)", name, hp_direction_name(st->dir[k]));
	fig_axis_linear(a, lo, hi, title);
}

int
plot_pareto_front(const struct hp_study *st, size_t objective,
    const struct plot_opts *o, struct fig *out, struct hp_err *err)
{
	struct plot_opts def;
	size_t d = st->nobj, nsel = 0, nf, nonfinite = 0, ninf = 0;
	size_t *sel, *front;
	unsigned char *feasible, *onfront;
	int constrained, nlo = 0, nhi = 0;
	double *pt, w, h;

	(void)objective;
	(void)err;
	if (d < 2)
		return fig_skip(out, 1, "the study has a single objective");
	if (o == NULL) {
		plot_opts_defaults(&def);
		o = &def;
	}
	feasible = hp_malloc(st->ntrials + 1);
	onfront = hp_calloc(st->ntrials + 1, 1);
	sel = hp_reallocarray(NULL, st->ntrials + 1, sizeof(size_t));
	front = hp_reallocarray(NULL, st->ntrials + 1, sizeof(size_t));
	pt = hp_reallocarray(NULL, d, sizeof(double));
	constrained = pareto_feasibility(st, feasible);
	nf = pareto_front(st, front);
	for (size_t i = 0; i < nf; i++)
		onfront[front[i]] = 1;
	for (size_t t = 0; t < st->ntrials; t++) {
		if (st->state[t] != HP_STATE_COMPLETE)
			continue;
		if (!pareto_trial_point(st, t, pt)) {
			int nan = 0;

			for (size_t k = 0; k < d; k++)
				nan |= isnan(pt[k]);
			nonfinite += !nan;
			continue;
		}
		if (nsel == 0 || st->number[t] < nlo)
			nlo = st->number[t];
		if (nsel == 0 || st->number[t] > nhi)
			nhi = st->number[t];
		ninf += !feasible[t];
		sel[nsel++] = t;
	}
	free(pt);
	if (nsel == 0) {
		free(feasible);
		free(onfront);
		free(sel);
		free(front);
		return fig_skip(out, 0, "no COMPLETE trial with finite values");
	}

	if (d == 2) {
		struct fig_panel *p;

		plot_size(o, 560, 420, &w, &h);
		fig_init(out, "pareto_front", o->title ? o->title : "Pareto front", w, h);
		p = fig_add_panel(out, 0, 0);
		objective_axis(&p->x, st, 0, sel, nsel);
		objective_axis(&p->y, st, 1, sel, nsel);
		pair_panel(st, p, 0, 1, sel, nsel, feasible, onfront, 1);
	} else {
		double side = d <= 4 ? 200 : 150;

		plot_matrix_init(out, "pareto_front", o->title ? o->title : "Pareto front",
		    o, d - 1, side, 120, 60);
		for (size_t i = 1; i < d; i++)
			for (size_t j = 0; j + 1 < d; j++) {
				struct fig_panel *p = fig_add_panel(out, (int)i - 1, (int)j);

				if (j >= i) {
					p->empty = 1;
					p->frame = 0;
					continue;
				}
				objective_axis(&p->x, st, j, sel, nsel);
				objective_axis(&p->y, st, i, sel, nsel);
				if (i + 1 < d)
					p->x.show &= ~(FIG_SHOW_LABELS | FIG_SHOW_TITLE);
				if (j > 0)
					p->y.show &= ~(FIG_SHOW_LABELS | FIG_SHOW_TITLE);
				pair_panel(st, p, j, i, sel, nsel, feasible, onfront,
				    i == 1 && j == 0);
			}
	}
	fig_colorbar(out, o->cmap, nlo, nhi > nlo ? nhi : nlo + 1, 0, PLOT_TRIAL_LABEL);
	out->legend = 1;

	/* data: which trials are on the front (derived; their values and
	 * feasibility are trials.csv's) */
	{
		static const char *const cols[] = { "trial", "pareto" };
		char c0[32];

		fig_table_header(&out->data, cols, 2);
		for (size_t i = 0; i < nsel; i++) {
			const char *row[2] = { c0, onfront[sel[i]] ? "1" : "0" };

			snprintf(c0, sizeof(c0), "%d", st->number[sel[i]]);
			fig_table_row(&out->data, row);
		}
	}
	fig_add_caption(out, "The objective values of each trial, %s, coloured by "
	    "trial number; the trials on the Pareto front marked.",
	    d == 2 ? "one against the other" : "each pair of objectives");
	plot_caption_trials(out, st, sel, nsel);
	fig_add_column(out, HP_COL_NUMBER);
	for (size_t k = 0; k < d; k++) {
		char name[32];

		fig_add_column(out, hp_study_value_column(st, k, name, sizeof(name)));
	}
	if (constrained)
		fig_add_column(out, HP_COL_FEASIBLE);
	fig_add_note(out, "%zu of %zu COMPLETE trials on the Pareto front.", nf, nsel);
	if (constrained)
		fig_add_note(out, "%zu infeasible trial%s (constraints > 0) in grey, "
		    "not part of the front.", ninf, ninf == 1 ? "" : "s");
	if (nonfinite)
		fig_add_note(out, "%zu trial%s with a non-finite value left out of "
		    "the plot (still compared for the front).", nonfinite,
		    nonfinite == 1 ? "" : "s");
	free(feasible);
	free(onfront);
	free(sel);
	free(front);
	return 1;
}
