/*
 * intermediate: learning curves (Optuna plot_intermediate_values, NNI's
 * intermediate results) -- one line per trial through the values it
 * reported, step on x.  COMPLETE curves take their colour from the trial's
 * final objective through the colour bar (good = bright whatever the
 * direction) and are drawn worst first so the best lie on top; the best
 * trial is drawn thicker.  PRUNED curves are grey and dashed with a cross
 * where they stopped, RUNNING ones green with a dot at their latest report,
 * failed ones dotted dark grey.  Steps spanning decades get a log axis
 * (iv_log_steps), so that trials pruned early are not lost at its left.
 * Line width and opacity shrink as the number of curves grows, so hundreds
 * of trials still read as a band with the good ones on top.
 * A curve of more than IV_MAX_POINTS points is drawn thinned: per each of
 * IV_BUCKETS equal parts of the step axis, its first, lowest, highest and
 * last point, in step order -- the same picture at any screen resolution,
 * at a cost linear in the points (Cairo's stroker is not, on 10^5 points
 * of a noisy curve); a note says so, and the data keep every point.
 * Infeasible trials (hp_study_feasible; Optuna >= 3.4 greys their markers)
 * are drawn first in Optuna's grey, whatever their state, and stay out of
 * the colour bar; the best trial is the best feasible one.
 * Data: trial, state, step, value (and feasible, 1/0, in a constrained
 * study).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "hpreport/plot.h"

#define IV_MAX_POINTS	4000
#define IV_BUCKETS	1000

/*
 * Thins x[m], y[m] (steps ascending) in place to the first, lowest,
 * highest and last point of each of IV_BUCKETS parts of [xlo, xhi], in
 * their order; returns the new count.
 */
static size_t
thin_curve(double *x, double *y, size_t m, double xlo, double xhi)
{
	size_t out = 0, i = 0;
	double span = xhi - xlo;

	while (i < m) {
		size_t b = span > 0 ? (size_t)((x[i] - xlo) / span * (IV_BUCKETS - 1)) : 0;
		size_t j = i, lo = i, hi = i, keep[4];
		int nk = 0;

		while (j < m && (span > 0 ?
		    (size_t)((x[j] - xlo) / span * (IV_BUCKETS - 1)) : 0) == b) {
			lo = y[j] < y[lo] ? j : lo;
			hi = y[j] > y[hi] ? j : hi;
			j++;
		}
		/* first, then the extremes in their order, then last */
		keep[nk++] = i;
		if (lo < hi) {
			keep[nk++] = lo;
			keep[nk++] = hi;
		} else {
			keep[nk++] = hi;
			keep[nk++] = lo;
		}
		keep[nk++] = j - 1;
		for (int q = 0; q < nk; q++)
			if (out == 0 || q == 0 || keep[q] != keep[q - 1]) {
				x[out] = x[keep[q]];
				y[out] = y[keep[q]];
				out++;
			}
		i = j;
	}
	return out;
}

/*
 * Whether the step axis is logarithmic: steps >= 0 whose positive ones
 * span IV_LOG_DECADES decades or more (a trial pruned at step 10 of a
 * study that runs to 5,000 is then as wide as the first two decades, not
 * a pixel at the left); step 0 is drawn at the axis's left edge.
 */
#define IV_LOG_DECADES	2.5
static int
iv_log_steps(double lo, double pos, double hi)
{
	return lo >= 0 && pos > 0 && hi > pos &&
	    log10(hi / pos) >= IV_LOG_DECADES;
}

struct curve {
	size_t	 t;		/* trial index */
	double	 final;		/* objective for colour, NaN if none */
	int	 rank;		/* draw order group */
};

static int
cmp_curve(const void *va, const void *vb)
{
	const struct curve *a = va, *b = vb;

	if (a->rank != b->rank)
		return a->rank - b->rank;
	if (a->final != b->final)	/* within COMPLETE: worst first (final pre-signed) */
		return a->final > b->final ? -1 : 1;
	return a->t < b->t ? -1 : a->t > b->t;
}

/* Draw order: failed and waiting, pruned, complete, running. */
static int
state_rank(enum hp_state s)
{
	switch (s) {
	case HP_STATE_PRUNED:
		return 1;
	case HP_STATE_COMPLETE:
		return 2;
	case HP_STATE_RUNNING:
		return 3;
	default:
		return 0;
	}
}

int
plot_intermediate_values(const struct hp_study *st, size_t objective,
    const struct plot_opts *o, struct fig *out, struct hp_err *err)
{
	double w, h;
	/* the values a trial reported on its way (the trial's state and its
	 * feasibility are trials.csv's) */
	static const char *const cols[] = { "trial", "step", "value" };
	struct plot_opts def;
	struct curve *cv;
	struct fig_panel *p;
	size_t nc = 0, nbad = 0, count[HP_STATE__COUNT] = { 0 }, npts = 0, nthin = 0;
	double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
	double xpos = INFINITY;	/* smallest step > 0 */
	double clo = INFINITY, chi = -INFINITY, lw, alpha, *x, *y;
	int maximize = st->dir[objective] == HP_DIR_MAXIMIZE, logy, labelled[5] = { 0 };
	int constrained = hp_study_constrained(st), glabelled = 0, logx;
	double xzero = 0;	/* log steps: where step 0 is drawn */
	size_t nbad_curves = 0, nbad_state[HP_STATE__COUNT] = { 0 };
	long best = hp_study_best(st, objective);
	char obj[128], buf[64];

	(void)err;
	if (o == NULL) {
		plot_opts_defaults(&def);
		o = &def;
	}
	cv = hp_reallocarray(NULL, st->ntrials + 1, sizeof(*cv));
	for (size_t t = 0; t < st->ntrials; t++) {
		size_t good = 0;

		for (size_t i = st->iv_off[t]; i < st->iv_off[t + 1]; i++) {
			double s = st->iv_step[i], v = st->iv_value[i];

			if (!isfinite(s) || !isfinite(v)) {
				nbad++;
				continue;
			}
			good++;
			xlo = s < xlo ? s : xlo;
			xhi = s > xhi ? s : xhi;
			xpos = s > 0 && s < xpos ? s : xpos;
			ylo = v < ylo ? v : ylo;
			yhi = v > yhi ? v : yhi;
		}
		if (good == 0)
			continue;
		npts += good;
		cv[nc].t = t;
		cv[nc].rank = state_rank(st->state[t]);
		cv[nc].final = NAN;
		if (!hp_study_feasible(st, t)) {
			cv[nc].rank = -1;	/* under every other curve */
			cv[nc].final = 0;
			nbad_curves++;
			nbad_state[st->state[t]]++;
		} else if (st->state[t] == HP_STATE_COMPLETE &&
		    isfinite(hp_study_value(st, t, objective))) {
			double v = hp_study_value(st, t, objective);

			clo = v < clo ? v : clo;
			chi = v > chi ? v : chi;
			/* pre-signed so that larger = worse */
			cv[nc].final = maximize ? -v : v;
		} else if (st->state[t] == HP_STATE_COMPLETE) {
			cv[nc].final = INFINITY;	/* no value: draw first */
		} else {
			cv[nc].final = 0;
		}
		count[st->state[t]]++;
		nc++;
	}
	if (nc == 0) {
		free(cv);
		if (nbad > 0)
			return fig_skip(out, 0, "no intermediate value is finite");
		return fig_skip(out, 1, "no trial reported an intermediate value");
	}
	qsort(cv, nc, sizeof(*cv), cmp_curve);

	plot_objective_title(st, objective, obj, sizeof(obj));
	plot_size(o, 600, 380, &w, &h);
	fig_init(out, "intermediate_values", o->title ? o->title :
	    "Intermediate values", w, h);
	p = fig_add_panel(out, 0, 0);
	logy = plot_log_scale(ylo, yhi);
	logx = iv_log_steps(xlo, xpos, xhi);
	{
		double r[2] = { xlo, xhi }, yr[2] = { ylo, yhi }, a, b;

		if (logx) {
			r[0] = xpos;
			fig_range(r, 2, 1, 0.02, &a, &b);
			a = fmin(a, xpos / 2);
			fig_axis_log(&p->x, a, b, xlo > 0 ? "Step" :
			    "Step (step 0 at the left edge)");
			xzero = a;
		} else {
			fig_range(r, 2, 0, 0.02, &a, &b);
			fig_axis_linear(&p->x, a, b, "Step");
		}
		p->x.integer = floor(xlo) == xlo && floor(xhi) == xhi;
		fig_range(yr, 2, logy, 0.04, &a, &b);
		if (logy)
			fig_axis_log(&p->y, a, b, "Intermediate value");
		else
			fig_axis_linear(&p->y, a, b, "Intermediate value");
	}
	if (clo <= chi)
	{
		fig_colorbar(out, o->cmap, clo, chi, !maximize, obj);
		if (clo > 0 && plot_objective_log(st, objective))
			out->cbar.scale = FIG_LOG;
	}
	fig_table_header(&out->data, cols, 3);

	/* thinner and lighter as curves pile up */
	lw = nc <= 30 ? 1.4 : nc <= 100 ? 1.0 : nc <= 300 ? 0.7 : 0.5;
	alpha = nc <= 30 ? 0.95 : nc <= 100 ? 0.75 : nc <= 300 ? 0.55 : 0.4;
	x = hp_reallocarray(NULL, npts + 1, sizeof(double));
	y = hp_reallocarray(NULL, npts + 1, sizeof(double));
	for (size_t c = 0; c < nc; c++) {
		size_t t = cv[c].t, m = 0;
		enum hp_state s = st->state[t];
		struct fig_mark *mk;

		for (size_t i = st->iv_off[t]; i < st->iv_off[t + 1]; i++) {
			const char *row[3];
			char c1[32], c3[32], c4[32];

			if (!isfinite(st->iv_step[i]) || !isfinite(st->iv_value[i]))
				continue;
			x[m] = logx && st->iv_step[i] <= 0 ? xzero : st->iv_step[i];
			y[m] = st->iv_value[i];
			m++;
			snprintf(c1, sizeof(c1), "%d", st->number[t]);
			row[0] = c1;
			row[1] = hp_fmt_double(c3, sizeof(c3), st->iv_step[i]);
			row[2] = hp_fmt_double(c4, sizeof(c4), st->iv_value[i]);
			fig_table_row(&out->data, row);
		}
		if (m > IV_MAX_POINTS) {
			m = thin_curve(x, y, m, xlo, xhi);
			nthin++;
		}
		mk = fig_add_mark(p, FIG_MARK_LINE, x, y, m);
		mk->size = lw;
		if (cv[c].rank < 0) {
			mk->color = plot_infeasible_color();
			mk->dash = s == HP_STATE_PRUNED;
			if (!glabelled) {
				snprintf(buf, sizeof(buf), "infeasible (%zu)", nbad_curves);
				fig_mark_set_label(mk, buf);
				glabelled = 1;
			}
		} else if (s == HP_STATE_COMPLETE && isfinite(cv[c].final)) {
			double v = hp_study_value(st, t, objective);

			fig_mark_set_c(mk, &v, 1);
			mk->color.a = alpha;
			if ((long)t == best) {
				/* red as the best mark of every figure, not one more
				 * bright curve among the good ones; a star at its end */
				int num = st->number[t];
				struct fig_mark *star;

				free(mk->c);
				mk->c = NULL;
				mk->color = (struct fig_rgba){ 0.84, 0.15, 0.16, 1 };
				mk->size = lw * 1.5 + 0.8;
				fig_mark_set_label(mk, plot_best_label(buf, sizeof(buf),
				    st->number[t], v));
				/* adding a mark may move the marks: mk is not used after */
				star = fig_add_mark(p, FIG_MARK_POINTS, &x[m - 1], &y[m - 1], 1);
				mk = NULL;
				plot_best_star(star, 5);
				fig_mark_set_ids(star, &num);
			}
		} else if (s == HP_STATE_PRUNED) {
			mk->color = (struct fig_rgba){ 0.4, 0.4, 0.4, fmax(alpha, 0.6) };
			mk->dash = 1;
		} else if (s == HP_STATE_RUNNING) {
			mk->color = plot_state_color(s);
			mk->size = lw + 0.4;
		} else {
			/* failed and waiting: dotted dark grey, a swatch that shows */
			mk->color = (struct fig_rgba){ 0.3, 0.3, 0.3, fmax(alpha, 0.7) };
			mk->dash = 2;
		}
		if (mk && cv[c].rank >= 0 && !labelled[s] && s != HP_STATE_COMPLETE && s < 5) {
			snprintf(buf, sizeof(buf), "%s (%zu)", hp_state_name(s),
			    count[s] - nbad_state[s]);
			fig_mark_set_label(mk, buf);
			labelled[s] = 1;
		}
		/* where a pruned trial stopped / a running trial is now */
		if (s == HP_STATE_PRUNED || s == HP_STATE_RUNNING) {
			int num = st->number[t];
			struct fig_mark *end = fig_add_mark(p, FIG_MARK_POINTS,
			    &x[m - 1], &y[m - 1], 1);

			end->shape = s == HP_STATE_PRUNED ? FIG_SHAPE_CROSS : FIG_SHAPE_CIRCLE;
			end->color = s == HP_STATE_PRUNED ?
			    (struct fig_rgba){ 0.35, 0.35, 0.35, 0.9 } : plot_state_color(s);
			end->size = nc <= 100 ? 5 : 3.5;
			fig_mark_set_ids(end, &num);
		}
	}
	fig_add_caption(out, "The intermediate values each trial reported, by "
	    "step: one curve per trial, coloured by its final objective value; "
	    "pruned trials dashed.");
	{
		size_t *tr = hp_calloc(nc, sizeof(size_t));

		for (size_t c = 0; c < nc; c++)
			tr[c] = cv[c].t;
		plot_caption_trials(out, st, tr, nc);
		free(tr);
	}
	fig_add_column(out, HP_COL_NUMBER);
	fig_add_column(out, HP_COL_STATE);
	fig_add_column(out, hp_study_value_column(st, objective, obj, sizeof(obj)));
	if (constrained)
		fig_add_column(out, HP_COL_FEASIBLE);
	free(x);
	free(y);
	free(cv);
	out->legend = 1;
	fig_add_note(out, "%zu trials reported intermediate values: %zu COMPLETE, "
	    "%zu PRUNED, %zu RUNNING, %zu other.", nc, count[HP_STATE_COMPLETE],
	    count[HP_STATE_PRUNED], count[HP_STATE_RUNNING],
	    count[HP_STATE_FAIL] + count[HP_STATE_WAITING]);
	if (constrained)
		fig_add_note(out, "%zu of them infeasible (a constraint > 0), in grey "
		    "and outside the colour scale.", nbad_curves);
	if (nbad)
		fig_add_note(out, "%zu non-finite intermediate value%s left out.", nbad,
		    nbad == 1 ? "" : "s");
	if (nthin)
		fig_add_note(out, "%zu curve%s of more than %d points drawn thinned to the "
		    "first, lowest, highest and last point of each 1/%d of the steps "
		    "(the data keep every point).", nthin, nthin == 1 ? "" : "s",
		    IV_MAX_POINTS, IV_BUCKETS);
	if (logy)
		fig_add_note(out, "Values span %.0f decades: log scale.",
		    floor(log10(yhi / ylo)));
	return 1;
}
