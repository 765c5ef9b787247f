/*
 * evaluations: where the search sampled (scikit-optimize plot_evaluations).
 * An n x n matrix over the shown params: the histogram of each param on the
 * diagonal (bins spanning exactly its search space [low, high], log-spaced
 * for log params, edges between integers for int params; one bar per
 * choice for categorical params, one bar per value for int params with few
 * values; the tallest bar's count written at its height), each numeric
 * axis spanning the search space,
 * the pairwise scatter of sampled values below it coloured by trial order,
 * the best trial as a red star, the upper triangle empty.  Every column
 * shares its x axis and every row its y axis, so tick labels and titles
 * appear only on the outer panels; the figure grows with n so that a
 * panel keeps a readable size with 10+ params.  Categorical values get a
 * small deterministic jitter so that trials on one choice stay countable.
 * A conditional param (absent from some trials) gets a "none" slot at the
 * low end of its axis, set off by a dashed rule: the trials without it are
 * scattered there (as in every figure: shown, not dropped) and counted in
 * a note; the histogram counts the values only.  Past PLOT_SAMPLE_CAP trials the
 * scatter panels draw a sample by rank (plot.h), said in a note; the
 * histograms count every trial.
 *
 * Data (data/evaluations.csv): number, value and every shown param of
 * each trial.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/plot.h"

#define EVAL_BINS	20

/* dst becomes a deep copy of src (dst's old contents released). */
static void
axis_assign(struct fig_axis *dst, const struct fig_axis *src)
{
	fig_axis_release(dst);
	fig_axis_copy(dst, src);
}

/* The dashed rule between a "none" slot and the values of axis a. */
static void
none_rule(struct fig_panel *pn, const struct fig_axis *a, int vertical)
{
	double at = a->scale == FIG_LOG ? sqrt(a->none_v * a->data_lo) :
	    (a->none_v + a->data_lo) / 2;
	struct fig_mark *m = fig_add_mark(pn, vertical ? FIG_MARK_HRULE :
	    FIG_MARK_VRULE, &at, &at, 1);

	m->color = (struct fig_rgba){ 0.45, 0.45, 0.45, 0.7 };
	m->size = 0.6;
	m->dash = 1;
}

/*
 * The span [*lo, *hi] the histogram of a numeric param bins: its search
 * space, [low, high], widened by half a step for an int param so that
 * each integer sits in the middle of its slot.  0 when the distribution
 * gives no usable span (the values' range is binned then).
 */
static int
search_span(const struct hp_dist *d, double *lo, double *hi)
{
	double half = d->kind == HP_DIST_INT ? (d->step >= 1 ? d->step : 1) / 2 : 0;

	*lo = d->low - half;
	*hi = d->high + half;
	return isfinite(*lo) && isfinite(*hi) && *hi > *lo && (!d->log || *lo > 0);
}

/*
 * Axis a for shown param `param` (plot_param_axis), widened for a numeric
 * param to its whole search space as scikit-optimize draws it: where the
 * search could have sampled is part of "where it sampled", and the
 * histogram's bins end at the bounds.
 */
static void
eval_axis(struct fig_axis *a, const struct hp_study *st, size_t param, long best)
{
	const struct hp_param *p = &st->params[param];
	double span[4], lo, hi;

	plot_param_axis(a, st, param, 0.05, best);
	if (p->dist.kind == HP_DIST_CATEGORICAL ||
	    !search_span(&p->dist, &span[0], &span[1]))
		return;
	span[2] = a->lo;	/* the values, should one lie outside */
	span[3] = a->hi;
	fig_range(span, 4, a->scale == FIG_LOG, 0.03, &lo, &hi);
	a->lo = lo;
	a->hi = hi;
}

/*
 * Bin edges edge[0 .. nb] over a numeric param's search span [lo, hi]
 * (search_span): EVAL_BINS equal bins (log-spaced for a log param); for an
 * int param with more values than that, edges between integers -- nb bins
 * of q values each when some nb in EVAL_BINS/2 .. EVAL_BINS divides the
 * count of values, else bins of q values and a narrower last one (drawn at
 * its width) -- so that uniform sampling gives flat bars.  Returns nb.
 */
static size_t
numeric_edges(const struct hp_dist *d, double lo, double hi, double *edge)
{
	size_t nb = EVAL_BINS, q;

	if (d->kind == HP_DIST_INT) {
		double step = d->step >= 1 ? d->step : 1;
		size_t nv = (size_t)floor((hi - lo) / step + 0.5);

		if (d->log) {
			size_t m = 0;

			/* log-spaced edges moved to the nearest slot boundary */
			for (size_t b = 0; b <= EVAL_BINS; b++) {
				double e = pow(10, log10(lo) + (log10(hi) - log10(lo)) *
				    (double)b / EVAL_BINS);

				e = lo + step * floor((e - lo) / step + 0.5);
				if (m == 0 || e > edge[m - 1])
					edge[m++] = e;
			}
			edge[m - 1] = hi;
			return m - 1;
		}
		q = (nv + EVAL_BINS - 1) / EVAL_BINS;
		for (size_t c = EVAL_BINS; c >= EVAL_BINS / 2; c--)
			if (nv % c == 0) {
				q = nv / c;
				break;
			}
		nb = (nv + q - 1) / q;
		for (size_t b = 0; b < nb; b++)
			edge[b] = lo + step * (double)(b * q);
		edge[nb] = hi;
		return nb;
	}
	for (size_t b = 0; b <= nb; b++)
		edge[b] = d->log ?
		    pow(10, log10(lo) + (log10(hi) - log10(lo)) * (double)b / nb) :
		    lo + (hi - lo) * (double)b / nb;
	edge[0] = lo;	/* exactly the bounds, whatever pow rounds to */
	edge[nb] = hi;
	return nb;
}

/*
 * Histogram of param p over trials tr onto the diagonal panel: one bar
 * per choice or (few) int value, else bins over the search space
 * (numeric_edges).  The panel's y axis counts trials; as the diagonal
 * panels have no room for tick labels of their own (a column's margin is
 * the widest its panels want, so labels there would cost every panel of
 * the column its width), the tallest bar's count is written at a dotted
 * rule at its height.
 */
static void
add_histogram(struct fig_panel *pn, const struct hp_param *p,
    const struct fig_axis *xa, const size_t *tr, size_t n)
{
	const struct hp_dist *d = &p->dist;
	size_t nb, cnt[EVAL_BINS + 64] = { 0 }, maxc = 0;
	double edge[EVAL_BINS + 65], x1[EVAL_BINS + 64], x2[EVAL_BINS + 64];
	double y1[EVAL_BINS + 64], y2[EVAL_BINS + 64], lo, hi;
	int perval = 0;
	struct fig_mark *m;

	if (d->kind == HP_DIST_CATEGORICAL && d->nchoices <= 64) {
		nb = d->nchoices;
		perval = 1;
		for (size_t b = 0; b < nb; b++)
			edge[b] = (double)b;
	} else if (d->kind == HP_DIST_INT && !d->log && d->step >= 1 &&
	    (d->high - d->low) / d->step < EVAL_BINS) {
		nb = (size_t)((d->high - d->low) / d->step) + 1;
		perval = 1;
		for (size_t b = 0; b < nb; b++)
			edge[b] = d->low + (double)b * d->step;
	} else if (d->kind != HP_DIST_CATEGORICAL && search_span(d, &lo, &hi)) {
		nb = numeric_edges(d, lo, hi, edge);
	} else {
		lo = xa->none ? xa->data_lo : xa->lo;
		hi = xa->hi;
		nb = EVAL_BINS;
		for (size_t b = 0; b <= nb; b++)
			edge[b] = xa->scale == FIG_LOG ?
			    pow(10, log10(lo) + (log10(hi) - log10(lo)) * (double)b / nb) :
			    lo + (hi - lo) * (double)b / nb;
	}
	for (size_t i = 0; i < n; i++) {
		double v = p->v[tr[i]];
		size_t b;

		if (isnan(v))
			continue;
		if (perval) {
			for (b = 0; b + 1 < nb && fabs(edge[b] - v) > 1e-9 * fmax(1, fabs(v)); b++)
				;
		} else {
			for (b = 0; b + 1 < nb && v >= edge[b + 1]; b++)
				;
		}
		cnt[b]++;
	}
	for (size_t b = 0; b < nb; b++) {
		if (perval) {
			double w = d->kind == HP_DIST_INT ? 0.4 * d->step : 0.4;

			x1[b] = edge[b] - w;
			x2[b] = edge[b] + w;
		} else {
			x1[b] = edge[b];
			x2[b] = edge[b + 1];
		}
		y1[b] = 0;
		y2[b] = (double)cnt[b];
		maxc = cnt[b] > maxc ? cnt[b] : maxc;
	}
	m = fig_add_mark(pn, FIG_MARK_RECTS, x1, y1, nb);
	fig_mark_set_x2y2(m, x2, y2);
	m->color = plot_data_color(0.85);
	m->stroke = (struct fig_rgba){ 1, 1, 1, 0.9 };
	m->stroke_width = 0.5;
	if (xa->none)	/* the slot stays empty here: a bar of the trials
			   without the param would flatten the histogram */
		none_rule(pn, xa, 0);
	fig_axis_linear(&pn->y, 0, maxc ? (double)maxc * 1.3 : 1, "Count");
	pn->y.integer = 1;
	if (maxc) {
		double at = (double)maxc, tx = xa->scale == FIG_LOG ?
		    xa->lo * pow(xa->hi / xa->lo, 0.03) : xa->lo + 0.03 * (xa->hi - xa->lo);
		char lab[32];

		m = fig_add_mark(pn, FIG_MARK_HRULE, &at, &at, 1);
		m->color = (struct fig_rgba){ 0.3, 0.3, 0.3, 0.8 };
		m->size = 0.5;
		m->dash = 2;
		snprintf(lab, sizeof(lab), "%zu", maxc);
		fig_add_text(pn, tx, at * 1.14, lab, -1);
	}
}

int
plot_evaluations(const struct hp_study *st, size_t k, const struct plot_opts *o,
    struct fig *out, struct hp_err *err)
{
	size_t np, n, ns, *params, *tr, *sample, nall;
	struct fig_axis *axes;
	double *x, *y, *c, cell;
	int *id;
	long best = hp_study_best(st, k);
	char title[400];

	(void)err;
	params = plot_top_params(st, k, o, &np, &nall);
	tr = plot_finite_trials(st, k, &n);
	if (np == 0 || n == 0) {
		free(params);
		free(tr);
		if (st->nparams == 0)
			return fig_skip(out, 1, "the study has no params");
		return fig_skip(out, 0, np == 0 ? "no param to show" :
		    "no COMPLETE trial with a finite value");
	}
	sample = plot_sample_trials(st, k, tr, n, PLOT_SAMPLE_CAP, &ns);
	cell = np <= 3 ? 190 : np <= 6 ? 165 : np <= 10 ? 145 : 125;
	plot_figure_title(st, k, o, "Evaluations", title, sizeof(title));
	plot_matrix_init(out, "evaluations", title, o, np, cell, 150, 90);
	plot_note_top_params(out, st, k, o, params, np, nall);
	fig_colorbar(out, o ? o->cmap : FIG_CMAP_VIRIDIS, st->number[tr[0]],
	    st->number[tr[n - 1]] > st->number[tr[0]] ? st->number[tr[n - 1]] :
	    st->number[tr[0]] + 1, 0, PLOT_TRIAL_LABEL);

	axes = hp_calloc(np, sizeof(*axes));
	for (size_t j = 0; j < np; j++) {
		const double *v = st->params[params[j]].v;
		size_t have = 0;

		eval_axis(&axes[j], st, params[j], best);
		for (size_t t = 0; t < n; t++)
			have += !isnan(v[tr[t]]);
		if (have < n)
			fig_axis_add_none(&axes[j]);
	}
	x = hp_calloc(n + 1, sizeof(double));
	y = hp_calloc(n + 1, sizeof(double));
	c = hp_calloc(n + 1, sizeof(double));
	id = hp_calloc(n + 1, sizeof(int));

	for (size_t i = 0; i < np; i++)
		for (size_t j = 0; j < np; j++) {
			const struct hp_param *px = &st->params[params[j]];
			const struct hp_param *py = &st->params[params[i]];
			struct fig_panel *pn = fig_add_panel(out, (int)i, (int)j);
			struct fig_mark *m;
			size_t len = 0;

			if (j > i) {
				pn->empty = 1;
				pn->frame = 0;
				pn->x.show = pn->y.show = 0;
				continue;
			}
			axis_assign(&pn->x, &axes[j]);
			pn->x.show = i + 1 == np ? FIG_SHOW_ALL : FIG_SHOW_LINE | FIG_SHOW_GRID;
			if (i == j) {
				add_histogram(pn, px, &pn->x, tr, n);
				pn->y.show = FIG_SHOW_LINE;
				continue;
			}
			axis_assign(&pn->y, &axes[i]);
			pn->y.show = j == 0 ? FIG_SHOW_ALL : FIG_SHOW_LINE | FIG_SHOW_GRID;
			if (pn->x.none)
				none_rule(pn, &pn->x, 0);
			if (pn->y.none)
				none_rule(pn, &pn->y, 1);
			for (size_t t = 0; t < ns; t++) {
				double vx = px->v[sample[t]], vy = py->v[sample[t]];
				int num = st->number[sample[t]];

				x[len] = isnan(vx) ? plot_none_coord(&pn->x, num) :
				    plot_jitter_value(px, vx, num, 1);
				y[len] = isnan(vy) ? plot_none_coord(&pn->y, num + 7919) :
				    plot_jitter_value(py, vy, num, 2);
				if (isnan(x[len]) || isnan(y[len]))
					continue;
				c[len] = num;
				id[len] = num;
				len++;
			}
			m = fig_add_mark(pn, FIG_MARK_POINTS, x, y, len);
			fig_mark_set_c(m, c, len);
			fig_mark_set_ids(m, id);
			m->size = n > 2000 ? 2 : n > 300 ? 3 : 4;
			m->color.a = n > 2000 ? 0.5 : 0.85;
			if (best >= 0) {
				int bid = st->number[best];
				/* on its dot, placed as the dots are */
				double bx = isnan(px->v[best]) ? plot_none_coord(&pn->x, bid) :
				    plot_jitter_value(px, px->v[best], bid, 1);
				double by = isnan(py->v[best]) ? plot_none_coord(&pn->y, bid + 7919) :
				    plot_jitter_value(py, py->v[best], bid, 2);

				m = fig_add_mark(pn, FIG_MARK_POINTS, &bx, &by, 1);
				plot_best_star(m, n > 2000 ? 2 : n > 300 ? 3 : 4);
				fig_mark_set_ids(m, &bid);
				if (!out->legend) {
					char lab[64];

					fig_mark_set_label(m, plot_best_label(lab,
					    sizeof(lab), bid, hp_study_value(st, (size_t)best, k)));
					out->legend = 1;
				}
			}
		}
	for (size_t j = 0; j < np; j++) {
		const struct hp_param *p = &st->params[params[j]];
		size_t have = 0;

		for (size_t t = 0; t < n; t++)
			have += !isnan(p->v[tr[t]]);
		if (have < n)
			fig_add_note(out, "%s is set in %zu of %zu trials; the others "
			    "are at \"none\" on its axes.", p->name, have, n);
	}
	plot_note_sample(out, ns, n);
	plot_note_nonfinite(out, st, k);
	fig_add_caption(out, "The sampled values of each pair of params, one point "
	    "per trial coloured by trial number, the best trial starred; on the "
	    "diagonal, a histogram of each param's values.");
	plot_caption_trials(out, st, tr, n);
	plot_trial_columns(out, st, k, params, np);
	free(sample);
	for (size_t j = 0; j < np; j++)
		fig_axis_release(&axes[j]);
	free(axes);
	free(x);
	free(y);
	free(c);
	free(id);
	free(params);
	free(tr);
	return 1;
}
