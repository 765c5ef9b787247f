/*
 * timeline: one horizontal bar per trial from its start to its end (Optuna
 * plot_timeline, NNI's duration chart), trial number on y, coloured by
 * state.  The time axis is linear in a unit chosen from the span -- seconds
 * under 2 minutes, minutes under 2 hours, hours under 2 days, else days --
 * counted from the first start, which the axis title gives as a date.
 * RUNNING trials extend to the latest time known in the study; a finished
 * trial without an end time is drawn as a sliver at its start.  Bars too
 * short to see get a minimum width of 0.2% of the span (the data keep the
 * true times).  As Optuna >= 3.4's plot_timeline, an infeasible COMPLETE
 * trial (hp_study_feasible) is a grey bar of its own legend entry,
 * INFEASIBLE, drawn before the feasible COMPLETE ones.
 * Data: trial, state, start, end, duration_seconds (and feasible, 1/0, in
 * a constrained study).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "hpreport/plot.h"

/* Unit for a span in seconds: its size and its name. */
static double
time_unit(double span, const char **name)
{
	if (span < 120) {
		*name = "s";
		return 1;
	}
	if (span < 2 * 3600) {
		*name = "min";
		return 60;
	}
	if (span < 2 * 86400) {
		*name = "h";
		return 3600;
	}
	*name = "days";
	return 86400;
}

int
plot_timeline(const struct hp_study *st, size_t objective,
    const struct plot_opts *o, struct fig *out, struct hp_err *err)
{
	double w, h;
	/* INFEASIBLE: the COMPLETE trials that are not feasible */
	enum { INFEASIBLE = HP_STATE__COUNT };
	static const int order[] = { INFEASIBLE, HP_STATE_COMPLETE, HP_STATE_PRUNED,
	    HP_STATE_FAIL, HP_STATE_RUNNING, HP_STATE_WAITING };
	int constrained = hp_study_constrained(st);
	struct plot_opts def;
	struct fig_panel *p;
	double t0 = INFINITY, t1 = -INFINITY, unit, span, minw;
	double *x, *x2, *y, *y2, *px, *py;
	int *ids, *pid, nlo = 0, nhi = 0;
	size_t n = 0, noend = 0, npt = 0;
	const char *uname;
	char title[160], d0[32];

	(void)objective;
	(void)err;
	if (o == NULL) {
		plot_opts_defaults(&def);
		o = &def;
	}
	for (size_t t = 0; t < st->ntrials; t++) {
		double a = st->t_start[t], b = st->t_end[t];

		if (isfinite(a)) {
			t0 = a < t0 ? a : t0;
			t1 = a > t1 ? a : t1;
			if (n == 0 || st->number[t] < nlo)
				nlo = st->number[t];
			if (n == 0 || st->number[t] > nhi)
				nhi = st->number[t];
			n++;
		}
		if (isfinite(b))
			t1 = b > t1 ? b : t1;
	}
	if (n == 0)	/* the format or the run kept no times */
		return fig_skip(out, 1, "no trial has a start time");
	span = t1 - t0;
	unit = time_unit(span, &uname);
	minw = (span > 0 ? span : 1) / unit * 0.002;

	plot_size(o, 600, n > 60 ? 460 : 360, &w, &h);
	fig_init(out, "timeline", o->title ? o->title : "Timeline", w, h);
	p = fig_add_panel(out, 0, 0);
	hp_fmt_datetime(d0, sizeof(d0), t0);
	snprintf(title, sizeof(title), "Time since %s (%s)", d0, uname);
	fig_axis_linear(&p->x, -0.01 * span / unit, 1.02 * (span > 0 ? span : 1) / unit,
	    title);
	fig_axis_linear(&p->y, (double)nlo - 1, (double)nhi + 1, PLOT_TRIAL_LABEL);
	p->y.integer = 1;

	x = hp_reallocarray(NULL, n, sizeof(double));
	x2 = hp_reallocarray(NULL, n, sizeof(double));
	y = hp_reallocarray(NULL, n, sizeof(double));
	y2 = hp_reallocarray(NULL, n, sizeof(double));
	ids = hp_reallocarray(NULL, n, sizeof(int));
	px = hp_reallocarray(NULL, n, sizeof(double));
	py = hp_reallocarray(NULL, n, sizeof(double));
	pid = hp_reallocarray(NULL, n, sizeof(int));
	for (size_t si = 0; si < sizeof(order) / sizeof(order[0]); si++) {
		int infeasible = order[si] == INFEASIBLE;
		enum hp_state s = infeasible ? HP_STATE_COMPLETE : (enum hp_state)order[si];
		struct fig_rgba color = infeasible ? plot_infeasible_color() :
		    plot_state_color(s);
		size_t m = 0;
		struct fig_mark *mk;
		char lab[64];

		if (infeasible && !constrained)
			continue;

		for (size_t t = 0; t < st->ntrials; t++) {
			double a = st->t_start[t], b = st->t_end[t];

			if (st->state[t] != s || !isfinite(a))
				continue;
			if (s == HP_STATE_COMPLETE && constrained &&
			    infeasible == hp_study_feasible(st, t))
				continue;
			if (!isfinite(b)) {
				if (s == HP_STATE_RUNNING || s == HP_STATE_WAITING)
					b = t1;
				else {
					b = a;
					noend++;
				}
			}
			x[m] = (a - t0) / unit;
			x2[m] = (b - t0) / unit;
			if (x2[m] - x[m] < minw)
				x2[m] = x[m] + minw;
			y[m] = st->number[t] - 0.4;
			y2[m] = st->number[t] + 0.4;
			ids[m] = st->number[t];
			/* too short to see as a bar (a FAIL at once, a trial with
			 * no end): a marker at its start as well */
			if (x2[m] - x[m] <= minw * 1.5) {
				px[npt] = x[m];
				py[npt] = st->number[t];
				pid[npt++] = st->number[t];
			}
			m++;
		}
		if (m == 0)
			continue;
		mk = fig_add_mark(p, FIG_MARK_RECTS, x, y, m);
		fig_mark_set_x2y2(mk, x2, y2);
		fig_mark_set_ids(mk, ids);
		mk->color = color;
		snprintf(lab, sizeof(lab), "%s (%zu)", infeasible ? "INFEASIBLE" :
		    hp_state_name(s), m);
		fig_mark_set_label(mk, lab);
		if (npt > 0) {	/* after the label: the add moves mk */
			struct fig_mark *pm = fig_add_mark(p, FIG_MARK_POINTS, px, py, npt);

			pm->shape = FIG_SHAPE_DIAMOND;
			pm->size = n > 500 ? 3.5 : 5;
			pm->color = color;
			pm->stroke = (struct fig_rgba){ 0.15, 0.15, 0.15, 0.6 };
			pm->stroke_width = 0.3;
			fig_mark_set_ids(pm, pid);
			npt = 0;
		}
	}
	/* every number it draws is trials.csv's: no table of its own */
	{
		size_t *tr = hp_calloc(st->ntrials + 1, sizeof(size_t)), m = 0;

		for (size_t t = 0; t < st->ntrials; t++)
			if (isfinite(st->t_start[t]))
				tr[m++] = t;
		fig_add_caption(out, "When each trial ran: one bar per trial from its "
		    "start to its end, coloured by state.");
		plot_caption_trials(out, st, tr, m);
		free(tr);
	}
	fig_add_column(out, HP_COL_NUMBER);
	fig_add_column(out, HP_COL_STATE);
	fig_add_column(out, HP_COL_START);
	fig_add_column(out, HP_COL_END);
	if (constrained)
		fig_add_column(out, HP_COL_FEASIBLE);
	free(x);
	free(x2);
	free(px);
	free(py);
	free(pid);
	free(y);
	free(y2);
	free(ids);
	out->legend = 1;
	if (n < st->ntrials)
		fig_add_note(out, "%zu trial%s without a start time left out.",
		    st->ntrials - n, st->ntrials - n == 1 ? "" : "s");
	if (noend)
		fig_add_note(out, "%zu finished trial%s without an end time shown "
		    "at the start only.", noend, noend == 1 ? "" : "s");
	if (hp_study_count_state(st, HP_STATE_RUNNING))
		fig_add_note(out, "RUNNING trials extend to the latest known time, %s.",
		    hp_fmt_datetime(d0, sizeof(d0), t1));
	return 1;
}
