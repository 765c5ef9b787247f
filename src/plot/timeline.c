/*
 * timeline: when each trial ran and for how long (Optuna plot_timeline,
 * NNI's duration chart).  Each trial is a bar from its start to its end,
 * coloured by state, as tall as its duration (log when durations span more
 * than PLOT_LOG_SPAN): a sequential study tiles the time axis with its
 * trials, so that durations and states read at any size, where bars one
 * trial number tall made a diagonal of hairlines.  When trials overlap, a
 * panel under it draws how many ran at each moment (the workers in use).  The time axis is linear in a unit chosen from the span -- seconds
 * under 2 minutes, minutes under 2 hours, hours under 2 days, else days --
 * counted from the first start, which the axis title gives as a date.
 * RUNNING trials extend to the latest time known in the study; a finished
 * trial without an end time is drawn as a sliver at its start.  Bars too
 * short to see get a minimum width of 0.2% of the span (the data keep the
 * true times) and a diamond at their start on the axis's floor, a legend
 * entry of their own.  As Optuna >= 3.4's plot_timeline, an infeasible COMPLETE
 * trial (hp_study_feasible) is a grey bar of its own legend entry,
 * INFEASIBLE, drawn before the feasible COMPLETE ones.
 * Data: trial, state, start, end, duration_seconds (and feasible, 1/0, in
 * a constrained study).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "hpreport/plot.h"

/*
 * Trials running at each moment: a step line (x, y) of how many of the n
 * intervals [a[i], b[i]) hold, in time units from t0; *peak is the most.
 * x and y are allocated ([2 n + 2]); returns the point count.
 */
struct tl_event {
	double	 t;
	int	 d;	/* +1 start, -1 end */
};

static int
cmp_event(const void *va, const void *vb)
{
	const struct tl_event *a = va, *b = vb;

	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	return a->d - b->d;	/* ends first: back to back is not overlap */
}

static size_t
running_count(const double *a, const double *b, size_t n, double **x,
    double **y, int *peak)
{
	struct tl_event *ev = hp_reallocarray(NULL, 2 * n + 1, sizeof(*ev));
	size_t ne = 0, m = 0;
	int run = 0;

	for (size_t i = 0; i < n; i++) {
		if (!(b[i] > a[i]))
			continue;
		ev[ne++] = (struct tl_event){ a[i], 1 };
		ev[ne++] = (struct tl_event){ b[i], -1 };
	}
	qsort(ev, ne, sizeof(*ev), cmp_event);
	*x = hp_reallocarray(NULL, 2 * ne + 2, sizeof(double));
	*y = hp_reallocarray(NULL, 2 * ne + 2, sizeof(double));
	*peak = 0;
	for (size_t i = 0; i < ne; i++) {
		(*x)[m] = ev[i].t;	/* a step: the old count, then the new */
		(*y)[m++] = run;
		run += ev[i].d;
		(*x)[m] = ev[i].t;
		(*y)[m++] = run;
		*peak = run > *peak ? run : *peak;
	}
	free(ev);
	return m;
}

/*
 * The same count averaged over each of nb equal parts of [lo, hi] (the
 * time-weighted mean), as steps in x, y (allocated, [2 nb]): past a few
 * hundred trials the exact count flickers faster than a pixel.  Returns
 * the point count.
 */
#define TL_BINS	200
/* A bar lower than this part of the duration axis is too low to see. */
#define TL_LOW	0.02
static size_t
running_mean(const double *a, const double *b, size_t n, double lo,
    double hi, size_t nb, double **x, double **y)
{
	double *sum = hp_calloc(nb, sizeof(double)), bw = (hi - lo) / nb;

	for (size_t i = 0; i < n && bw > 0; i++) {
		size_t k0, k1;

		if (!(b[i] > a[i]))
			continue;
		k0 = (size_t)fmax(0, floor((a[i] - lo) / bw));
		k1 = (size_t)fmin(nb - 1, floor((b[i] - lo) / bw));
		for (size_t k = k0; k <= k1; k++) {
			double l = lo + k * bw, r = l + bw;

			sum[k] += fmax(0, fmin(r, b[i]) - fmax(l, a[i])) / bw;
		}
	}
	*x = hp_reallocarray(*x, 2 * nb, sizeof(double));
	*y = hp_reallocarray(*y, 2 * nb, sizeof(double));
	for (size_t k = 0; k < nb; k++) {
		(*x)[2 * k] = lo + k * bw;
		(*x)[2 * k + 1] = lo + (k + 1) * bw;
		(*y)[2 * k] = (*y)[2 * k + 1] = sum[k];
	}
	free(sum);
	return 2 * nb;
}

/*
 * The trials longest first (RUNNING ones to `now`; no time: last), ties
 * by index, so that overlapping trials draw their short bars over the long
 * ones instead of under.  Caller frees.
 */
struct tl_dur {
	size_t	 t;
	double	 d;
};

static int
cmp_dur(const void *va, const void *vb)
{
	const struct tl_dur *a = va, *b = vb;

	if (a->d != b->d)
		return a->d > b->d ? -1 : 1;
	return a->t < b->t ? -1 : a->t > b->t;
}

static size_t *
by_duration(const struct hp_study *st, double now)
{
	struct tl_dur *v = hp_reallocarray(NULL, st->ntrials + 1, sizeof(*v));
	size_t *order = hp_reallocarray(NULL, st->ntrials + 1, sizeof(size_t));

	for (size_t t = 0; t < st->ntrials; t++) {
		double a = st->t_start[t], b = st->t_end[t];

		if (!isfinite(b) && (st->state[t] == HP_STATE_RUNNING ||
		    st->state[t] == HP_STATE_WAITING))
			b = now;
		v[t].t = t;
		v[t].d = isfinite(a) && isfinite(b) ? b - a : -INFINITY;
	}
	qsort(v, st->ntrials, sizeof(*v), cmp_dur);
	for (size_t t = 0; t < st->ntrials; t++)
		order[t] = v[t].t;
	free(v);
	return order;
}

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

/* Where trial t's bar ends: its end, or for a RUNNING or WAITING trial
 * without one the latest known time t1 (NaN for others without one). */
static double
shown_end(const struct hp_study *st, size_t t, double t1)
{
	double b = st->t_end[t];

	if (!isfinite(b) && (st->state[t] == HP_STATE_RUNNING ||
	    st->state[t] == HP_STATE_WAITING))
		return t1;
	return b;
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
	double *x, *x2, *y, *y2, *px, *py, *ra, *rb;
	double dmin = INFINITY, dmax = 0, dunit, floor_y;
	int *ids, *pid, peak = 0, logd, binned = 0, diamond_labelled = 0;
	size_t *order_t;	/* trials, longest first */
	const char *dname;
	char dtitle[64];
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
			n++;
		}
		if (isfinite(b))
			t1 = b > t1 ? b : t1;
	}
	if (n == 0)	/* the format or the run kept no times */
		return fig_skip(out, 1, "no trial has a start time");
	/* the durations drawn, RUNNING ones so far */
	for (size_t t = 0; t < st->ntrials; t++) {
		double a = st->t_start[t], b = shown_end(st, t, t1);

		if (!isfinite(a))
			continue;
		if (isfinite(b) && b > a) {
			dmin = b - a < dmin ? b - a : dmin;
			dmax = b - a > dmax ? b - a : dmax;
		}
	}
	span = t1 - t0;
	unit = time_unit(span, &uname);
	minw = (span > 0 ? span : 1) / unit * 0.002;

	/* the overlap of the trials, for the panel of how many ran at once */
	ra = hp_reallocarray(NULL, n + 1, sizeof(double));
	rb = hp_reallocarray(NULL, n + 1, sizeof(double));
	{
		size_t k = 0;

		for (size_t t = 0; t < st->ntrials; t++) {
			double a = st->t_start[t], b = shown_end(st, t, t1);

			if (!isfinite(a))
				continue;
			ra[k] = (a - t0) / unit;
			rb[k] = isfinite(b) ? (b - t0) / unit : ra[k];
			k++;
		}
		npt = running_count(ra, rb, k, &px, &py, &peak);
		binned = npt > 4 * TL_BINS;
		if (binned)
			npt = running_mean(ra, rb, k, 0, span / unit, TL_BINS,
			    &px, &py);
		ra = hp_reallocarray(ra, npt + 1, sizeof(double));
	}

	plot_size(o, 600, peak > 1 ? 440 : 340, &w, &h);
	fig_init(out, "timeline", o->title ? o->title : "Timeline", w, h);
	p = fig_add_panel(out, 0, 0);
	hp_fmt_datetime(d0, sizeof(d0), t0);
	snprintf(title, sizeof(title), "Time since %s (%s)", d0, uname);
	fig_axis_linear(&p->x, -0.01 * span / unit, 1.02 * (span > 0 ? span : 1) / unit,
	    title);
	if (!(dmax > 0))
		dmin = dmax = 1;
	dunit = time_unit(dmax, &dname);
	snprintf(dtitle, sizeof(dtitle), "Duration (%s)", dname);
	logd = plot_log_scale(dmin, dmax);
	if (logd) {
		fig_axis_log(&p->y, dmin / dunit / 1.5, dmax / dunit * 1.5, dtitle);
		floor_y = p->y.lo;
	} else {
		fig_axis_linear(&p->y, 0, dmax / dunit * 1.05, dtitle);
		floor_y = 0;
	}
	if (peak > 1) {
		/* how many ran at each moment, on the same time axis */
		struct fig_panel *q = fig_add_panel(out, 1, 0);
		struct fig_mark *lm;

		p = &out->panels[0];	/* the add may move the panels */
		fig_axis_copy(&q->x, &p->x);
		p->x.show &= ~(FIG_SHOW_LABELS | FIG_SHOW_TITLE);
		fig_axis_linear(&q->y, 0, peak + 0.5, binned ?
		    "Running (mean)" : "Running");
		q->y.integer = 1;
		/* a filled area: a count flickering between 3 and 4 a
		 * thousand times reads as a band, not as a black block */
		for (size_t i = 0; i < npt; i++) {
			ra[i] = py[i];
			py[i] = 0;
		}
		lm = fig_add_mark(q, FIG_MARK_AREA, px, py, npt);
		fig_mark_set_x2y2(lm, px, ra);
		lm->color = (struct fig_rgba){ 0.45, 0.45, 0.45, 1 };
		p = &out->panels[0];
	}
	free(px);
	free(py);
	npt = 0;

	x = hp_reallocarray(NULL, n, sizeof(double));
	x2 = hp_reallocarray(NULL, n, sizeof(double));
	y = hp_reallocarray(NULL, n, sizeof(double));
	y2 = hp_reallocarray(NULL, n, sizeof(double));
	ids = hp_reallocarray(NULL, n, sizeof(int));
	px = hp_reallocarray(NULL, n, sizeof(double));
	py = hp_reallocarray(NULL, n, sizeof(double));
	p = &out->panels[0];
	order_t = by_duration(st, t1);
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

		for (size_t q = 0; q < st->ntrials; q++) {
			size_t t = order_t[q];
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
			y[m] = floor_y;
			/* a trial of no time still shows, as a sliver */
			y2[m] = b > a ? (b - a) / dunit : logd ? dmin / dunit :
			    0.01 * p->y.hi;
			ids[m] = st->number[t];
			/* too short to see as a bar, too narrow and too low (a
			 * FAIL at once, a trial with no end): a diamond at its
			 * start on the floor as well */
			if (x2[m] - x[m] <= minw * 1.5 && (logd ? !(b > a) :
			    y2[m] < TL_LOW * p->y.hi)) {
				px[npt] = x[m];
				py[npt] = floor_y;
				pid[npt++] = st->number[t];
			}
			m++;
		}
		if (m > 0) {
			mk = fig_add_mark(p, FIG_MARK_RECTS, x, y, m);
			fig_mark_set_x2y2(mk, x2, y2);
			fig_mark_set_ids(mk, ids);
			mk->color = color;
			if (peak > 1 && n <= 500) {	/* overlapping bars stay apart */
				mk->stroke = (struct fig_rgba){ 1, 1, 1, 0.9 };
				mk->stroke_width = 0.5;
			}
			snprintf(lab, sizeof(lab), "%s (%zu)", infeasible ?
			    "INFEASIBLE" : hp_state_name(s), m);
			fig_mark_set_label(mk, lab);
		}
		if (npt > 0) {
			struct fig_mark *pm = fig_add_mark(p, FIG_MARK_POINTS, px, py, npt);

			pm->shape = FIG_SHAPE_DIAMOND;
			pm->size = n > 500 ? 3.5 : 5;
			pm->color = color;
			pm->stroke = (struct fig_rgba){ 0.15, 0.15, 0.15, 0.6 };
			pm->stroke_width = 0.3;
			/* on the axis's floor, over the frame; unclipped marks
			 * are never drawn into a raster layer, so past a few
			 * hundred they are clipped (half a diamond) and stay
			 * out of the SVG and PDF as vectors */
			pm->no_clip = npt <= 500;
			if (!diamond_labelled) {	/* one entry says what they are */
				fig_mark_set_label(pm, "too short for a bar");
				diamond_labelled = 1;
			}
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
		fig_add_caption(out, "When each trial ran and for how long: one bar "
		    "per trial from its start to its end, as tall as its duration, "
		    "coloured by state; where trials overlap, a second panel counts "
		    "those running at each moment.");
		plot_caption_trials(out, st, tr, m);
		free(tr);
	}
	fig_add_column(out, HP_COL_NUMBER);
	fig_add_column(out, HP_COL_STATE);
	fig_add_column(out, HP_COL_START);
	fig_add_column(out, HP_COL_END);
	fig_add_column(out, HP_COL_DURATION);
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
	free(ra);
	free(rb);
	free(order_t);
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
