/*
 * hypervolume: the hypervolume history of a multi-objective study (Optuna
 * plot_hypervolume_history) -- after each trial, the volume the feasible
 * COMPLETE trials so far dominate up to a reference point, as a step line
 * by trial number, with a mark where the front moved.  The reference point
 * is o->hv_ref when given (in the objectives' own units), else the default
 * of pareto.h: per objective the worst value plus 10% of the range.  The
 * figure's note states the point used.  Exact while that is cheap, else a
 * Monte Carlo estimate with a fixed seed (pareto.h: hv_history), which the
 * note says with its sample count and standard error.  Data: trial, state,
 * hypervolume, improved.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/pareto.h"
#include "hpreport/plot.h"

int
plot_hypervolume(const struct hp_study *st, size_t objective,
    const struct plot_opts *o, struct fig *out, struct hp_err *err)
{
	double w, h;
	static const char *const cols[] = { "trial", "hypervolume", "improved" };
	struct plot_opts def;
	size_t d = st->nobj, nsel = 0, ni = 0;
	size_t *sel;
	double *ref, *hv, *x, *ix, *iy, lo, hi;
	unsigned char *on, *feasible;
	size_t nsamp;
	double se;
	int *iid;
	struct fig_panel *p;
	struct fig_mark *mk;
	struct hp_buf refs;

	(void)objective;
	if (d < 2)
		return fig_skip(out, 1, "the study has a single objective");
	if (st->ntrials == 0)
		return fig_skip(out, 0, "the study has no trials");
	if (o == NULL) {
		plot_opts_defaults(&def);
		o = &def;
	}
	ref = hp_reallocarray(NULL, d, sizeof(double));
	if (o->hv_ref) {
		if (o->nhv_ref != d) {
			free(ref);
			return hp_err_set(err, "hypervolume: the reference point has %zu "
			    "values, the study %zu objectives", o->nhv_ref, d);
		}
		for (size_t k = 0; k < d; k++)
			ref[k] = st->dir[k] == HP_DIR_MAXIMIZE ? -o->hv_ref[k] : o->hv_ref[k];
	} else {
		feasible = hp_malloc(st->ntrials);
		sel = hp_reallocarray(NULL, st->ntrials, sizeof(size_t));
		pareto_feasibility(st, feasible);
		for (size_t t = 0; t < st->ntrials; t++)
			if (st->state[t] == HP_STATE_COMPLETE && feasible[t])
				sel[nsel++] = t;
		free(feasible);
		if (hv_default_reference(st, sel, nsel, ref) < 0) {
			free(sel);
			free(ref);
			return fig_skip(out, 0, "no feasible COMPLETE trial with finite "
			    "values to set the reference point");
		}
		free(sel);
	}
	hv = hp_reallocarray(NULL, st->ntrials, sizeof(double));
	on = hp_malloc(st->ntrials);
	nsamp = hv_history(st, ref, hv, on, &se);

	plot_size(o, 560, 360, &w, &h);
	fig_init(out, "hypervolume", o->title ? o->title : "Hypervolume history", w, h);
	p = fig_add_panel(out, 0, 0);
	x = hp_reallocarray(NULL, st->ntrials, sizeof(double));
	ix = hp_reallocarray(NULL, st->ntrials, sizeof(double));
	iy = hp_reallocarray(NULL, st->ntrials, sizeof(double));
	iid = hp_reallocarray(NULL, st->ntrials, sizeof(int));
	for (size_t t = 0; t < st->ntrials; t++) {
		x[t] = st->number[t];
		if (on[t]) {
			ix[ni] = x[t];
			iy[ni] = hv[t];
			iid[ni] = st->number[t];
			ni++;
		}
	}
	fig_range(x, st->ntrials, 0, 0.02, &lo, &hi);
	fig_axis_linear(&p->x, lo, hi, PLOT_TRIAL_LABEL);
	p->x.integer = 1;
	{
		double top = 0;

		for (size_t t = 0; t < st->ntrials; t++)
			top = hv[t] > top ? hv[t] : top;
		fig_axis_linear(&p->y, 0, top > 0 ? top * 1.05 : 1, "Hypervolume");
	}
	mk = fig_add_mark(p, FIG_MARK_LINE, x, hv, st->ntrials);
	mk->step = 1;
	mk->size = 2;
	mk->color = plot_series_color(0);
	fig_mark_set_label(mk, "hypervolume");
	if (ni) {
		mk = fig_add_mark(p, FIG_MARK_POINTS, ix, iy, ni);
		fig_mark_set_ids(mk, iid);
		mk->color = plot_series_color(5);
		mk->size = 5;
		fig_mark_set_label(mk, "front moved");
	}
	out->legend = 1;

	fig_table_header(&out->data, cols, 3);
	for (size_t t = 0; t < st->ntrials; t++) {
		char c1[32], c3[32];
		const char *row[3];

		snprintf(c1, sizeof(c1), "%d", st->number[t]);
		row[0] = c1;
		row[1] = hp_fmt_double(c3, sizeof(c3), hv[t]);
		row[2] = on[t] ? "1" : "0";
		fig_table_row(&out->data, row);
	}
	fig_add_caption(out, "The hypervolume dominated by the feasible COMPLETE "
	    "trials up to each trial number, against a reference point.");
	{
		size_t *tr = hp_calloc(st->ntrials, sizeof(size_t)), m = 0;
		unsigned char *ok = hp_malloc(st->ntrials);

		pareto_feasibility(st, ok);
		for (size_t t = 0; t < st->ntrials; t++)
			if (st->state[t] == HP_STATE_COMPLETE && ok[t])
				tr[m++] = t;
		plot_caption_trials(out, st, tr, m);
		free(ok);
		free(tr);
	}
	hp_buf_init(&refs);
	for (size_t k = 0; k < d; k++) {
		char b[32];
		double v = st->dir[k] == HP_DIR_MAXIMIZE ? -ref[k] : ref[k];

		/* 6 significant digits are enough to read; the data are exact */
		if (v != 0 && isfinite(v)) {
			double m = pow(10, 5 - floor(log10(fabs(v))));

			v = round(v * m) / m;
		}
		hp_buf_puts(&refs, k ? ", " : "(");
		hp_buf_puts(&refs, hp_fmt_double(b, sizeof(b), v));
	}
	hp_buf_puts(&refs, ")");
	fig_add_note(out, "Reference point %s%s.", refs.s, o->hv_ref ? "" :
	    " (default: worst value + 10% of the range per objective)");
	hp_buf_release(&refs);
	if (nsamp) {
		char b[32];

		/* two significant digits of the error are enough */
		if (se > 0 && isfinite(se)) {
			double m = pow(10, 1 - floor(log10(se)));

			se = round(se * m) / m;
		}
		fig_add_note(out, "Hypervolume estimated by Monte Carlo: %zu points "
		    "drawn with a fixed seed (standard error of the last value %s); "
		    "the exact volume in %zu objectives would take too long.", nsamp,
		    hp_fmt_double(b, sizeof(b), se), d);
	}
	{
		size_t nonfinite = 0;

		for (size_t k = 0; k < d; k++)
			nonfinite += hp_study_count_nonfinite(st, k);
		if (nonfinite)
			fig_add_note(out, "%zu non-finite objective value%s left out.",
			    nonfinite, nonfinite == 1 ? "" : "s");
	}
	free(ref);
	free(hv);
	free(on);
	free(x);
	free(ix);
	free(iy);
	free(iid);
	return 1;
}
