/*
 * pedanova: PED-ANOVA parameter importances (Watanabe et al., IJCAI 2023;
 * conditional params as in Conditional PED-ANOVA, KDD 2026) as Optuna's
 * PedAnovaImportanceEvaluator computes them -- the default evaluator of
 * optuna.importance.get_param_importances and plot_param_importances since
 * Optuna 5.0 (optuna/importance/__init__.py, optuna/importance/_ped_anova/
 * evaluator.py and scott_parzen_estimator.py).
 *
 * For each param: the trials better than the target quantile (top 10 %)
 * and those of the region (all trials) are counted on a grid over the
 * param's space (log space for log params; at most 50 points for numeric
 * params, one per choice for categoricals); a Parzen estimator with
 * Scott's bandwidth and a prior kernel turns each set of counts into a
 * distribution on the grid; the importance is the Pearson divergence of
 * the top distribution from the region's.  A conditional param is judged
 * in the trials that have it, weighted by how many of the top and region
 * trials do.  O(n log n + n * params): no model, no sub-sampling, nothing
 * random.
 *
 * One difference from Optuna: it splits a param's trials into regimes by
 * each trial's own distribution, so a search space changed mid-study makes
 * several regimes; the study model keeps one distribution per param (the
 * union), so here the regimes are only "has the param" and "has not".
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/analysis.h"

void
hp_pedanova_opts_defaults(struct hp_pedanova_opts *o)
{
	o->target_quantile = 0.1;
	o->region_quantile = 1.0;
	o->evaluate_on_local = 1;
	o->n_steps = 50;
	o->prior_weight = 1.0;
	o->min_trials_in_regime = 2;
}

/*
 * keep[i] = 1 for the trials whose loss is at most the quantile q of
 * loss[n] (n >= 1) as Optuna's _QuantileFilter takes it: the value at
 * index ceil(q * n) - 1 of the sorted losses (q * n in doubles, as
 * Python computes it), ties all kept.
 * Returns the number kept.
 */
static size_t
quantile_filter(const double *loss, size_t n, double q, unsigned char *keep)
{
	double *s, cutoff;
	size_t cut, m = 0;

	if (q == 1.0) {		/* Optuna returns every trial without filtering */
		memset(keep, 1, n);
		return n;
	}
	s = hp_calloc(n, sizeof(double));
	memcpy(s, loss, n * sizeof(double));
	qsort(s, n, sizeof(double), hp_cmp_double);
	cut = (size_t)ceil(q * (double)n);
	cutoff = s[cut > 0 ? cut - 1 : 0];
	for (size_t i = 0; i < n; i++)
		m += keep[i] = loss[i] <= cutoff;
	free(s);
	return m;
}

/* Optuna's dist.single(): the distribution allows one value only. */
static int
dist_single(const struct hp_dist *d)
{
	switch (d->kind) {
	case HP_DIST_CATEGORICAL:
		return d->nchoices <= 1;
	case HP_DIST_INT:
		if (d->log || d->low == d->high)
			return d->low == d->high;
		return d->high - d->low < (d->step >= 1 ? d->step : 1);
	case HP_DIST_FLOAT:
		if (d->step > 0 && d->low != d->high)
			return d->high - d->low < d->step;
		return d->low == d->high;
	}
	return 1;
}

/*
 * Grid points of a numeric param (Optuna's _count_numerical_param_in_grid):
 * n_steps, fewer for a stepped or log-int domain with fewer values.
 */
static size_t
grid_size(const struct hp_dist *d, int n_steps)
{
	double n = n_steps;

	if (d->kind == HP_DIST_CATEGORICAL)
		return d->nchoices;
	if (d->kind == HP_DIST_INT && d->log)
		n = fmin(ceil(log(d->high - d->low + 1) / log(2)) + 1, n);
	else if (d->kind == HP_DIST_INT || d->step > 0)
		/* Python's round() rounds half to even, as nearbyint does */
		n = fmin(nearbyint((d->high - d->low) /
		    (d->step > 0 ? d->step : 1)) + 1, n);
	return n >= 1 ? (size_t)n : 1;
}

/* Grid index of internal value v of a param with distribution d on g points. */
static size_t
grid_index(const struct hp_dist *d, size_t g, double v)
{
	double lo = d->low, hi = d->high, x;

	if (d->kind == HP_DIST_CATEGORICAL)
		return v >= 0 && v < (double)g ? (size_t)v : 0;
	if (d->log) {
		lo = log(lo);
		hi = log(hi);
		v = log(v);
	}
	/* a value half-way between two grid points goes to the lower one */
	x = ceil((v - lo) / ((hi - lo) / (double)(g - 1)) - 0.5);
	if (!(x > 0))
		return 0;
	return x < (double)(g - 1) ? (size_t)x : g - 1;
}

/* Standard normal CDF, accurate in the left tail. */
static double
ndtr(double x)
{
	return 0.5 * erfc(-x / sqrt(2));
}

/* Mass of the standard normal in [a, b], a <= b, computed on the side
 * where it does not cancel (as Optuna's _log_gauss_mass). */
static double
gauss_mass(double a, double b)
{
	if (b <= 0)
		return ndtr(b) - ndtr(a);
	if (a > 0)
		return ndtr(-a) - ndtr(-b);
	return 1 - ndtr(a) - ndtr(-b);
}

/*
 * pdf[g] of Optuna's ScottParzenEstimator on grid points 0..g-1 built from
 * count[g] (numeric: a discrete truncated normal kernel per occupied grid
 * point with Scott's bandwidth, plus a wide prior kernel at the centre;
 * categorical: per occupied choice a kernel of mass 1 there and prior / k
 * spread on every choice, plus a uniform prior kernel), kernels weighted
 * by their counts and the prior by prior_weight.
 */
static void
parzen_pdf(const double *count, size_t g, int categorical, double prior,
    double *pdf)
{
	double *mu = hp_calloc(g + 1, sizeof(double)), *w = hp_calloc(g + 1, sizeof(double));
	double wsum = 0;
	size_t m = 0;

	for (size_t i = 0; i < g; i++)
		if (count[i] > 0) {
			mu[m] = (double)i;
			w[m++] = count[i];
			wsum += count[i];
		}
	memset(pdf, 0, g * sizeof(double));
	if (m == 0) {		/* no observation: the prior alone */
		for (size_t x = 0; x < g; x++)
			pdf[x] = 1.0 / (double)g;
		goto done;
	}
	if (categorical) {
		double nk = (double)(m + 1), fill = prior / nk;
		double row = (double)g * fill + 1, prow = (double)g * fill;

		double base = 0;

		/* every observed kernel spreads fill on each choice: their sum
		 * is the same everywhere, so O(m + g) rather than O(m g) */
		for (size_t i = 0; i < m; i++)
			base += w[i] / (wsum + prior) * fill / row;
		if (prow > 0)
			base += prior / (wsum + prior) * fill / prow;
		for (size_t x = 0; x < g; x++)
			pdf[x] = base;
		for (size_t i = 0; i < m; i++)
			pdf[(size_t)mu[i]] += w[i] / (wsum + prior) / row;
	} else {
		double mean = 0, var = 0, cum = 0, sigma, iqr;
		double q1 = floor(wsum / 4), q3 = floor(wsum * 3 / 4);
		size_t i1 = m, i3 = m;

		for (size_t i = 0; i < m; i++)
			mean += mu[i] * w[i];
		mean /= wsum;
		for (size_t i = 0; i < m; i++)
			var += (mu[i] - mean) * (mu[i] - mean) * w[i];
		sigma = sqrt(var / fmax(1, wsum - 1));
		/* the quartile points as numpy.searchsorted finds them in the
		 * cumulative counts: left side for q1, right side for q3 */
		for (size_t i = 0; i < m; i++) {
			cum += w[i];
			if (i1 == m && cum >= q1)
				i1 = i;
			if (i3 == m && cum > q3)
				i3 = i;
		}
		if (i1 == m)
			i1 = m - 1;
		iqr = mu[i3 < m ? i3 : m - 1] - mu[i1];
		sigma = 1.059 * fmin(iqr / 1.34, sigma) * pow(wsum, -0.2);
		/* at least 0.5 / 1.64: 90 % of a kernel stays within its cell */
		sigma = fmax(sigma, 0.5 / 1.64);
		mu[m] = (double)(g - 1) / 2;
		w[m] = prior;
		for (size_t k = 0; k <= m; k++) {
			double s = k < m ? sigma : (double)g;	/* prior: high - low + 1 */
			double wk = w[k] / (wsum + prior);
			double z = gauss_mass((-0.5 - mu[k]) / s, ((double)g - 0.5 - mu[k]) / s);

			if (wk == 0 || z <= 0)
				continue;
			for (size_t x = 0; x < g; x++)
				pdf[x] += wk * gauss_mass(((double)x - 0.5 - mu[k]) / s,
				    ((double)x + 0.5 - mu[k]) / s) / z;
		}
	}
done:
	free(mu);
	free(w);
}

/*
 * Pearson divergence of the top trials' distribution of param p from the
 * region's (or from uniform when !evaluate_on_local), each estimated on the
 * grid from the trials marked in top[] / region[] (indices tr[n]).
 */
static double
divergence(const struct hp_param *p, const size_t *tr, size_t n,
    const unsigned char *top, const unsigned char *region,
    const struct hp_pedanova_opts *o)
{
	int cat = p->dist.kind == HP_DIST_CATEGORICAL;
	size_t g = grid_size(&p->dist, o->n_steps);
	double *ct = hp_calloc(g, sizeof(double)), *cr = hp_calloc(g, sizeof(double));
	double *pt = hp_calloc(g, sizeof(double)), *pr = hp_calloc(g, sizeof(double));
	double d = 0;

	if (!cat && g < 2)
		goto done;
	for (size_t i = 0; i < n; i++) {
		double v = p->v[tr[i]];
		size_t x;

		if (isnan(v) || !region[i])
			continue;
		x = grid_index(&p->dist, g, v);
		cr[x] += 1;
		if (top[i])
			ct[x] += 1;
	}
	parzen_pdf(ct, g, cat, o->prior_weight, pt);
	if (o->evaluate_on_local)
		parzen_pdf(cr, g, cat, o->prior_weight, pr);
	else
		for (size_t x = 0; x < g; x++)
			pr[x] = 1.0 / (double)g;
	for (size_t x = 0; x < g; x++) {
		double a = pt[x] + 1e-12, b = pr[x] + (o->evaluate_on_local ? 1e-12 : 0);

		d += b * (a / b - 1) * (a / b - 1);
	}
done:
	free(ct);
	free(cr);
	free(pt);
	free(pr);
	return d;
}

int
hp_pedanova(const struct hp_study *st, size_t k, const size_t *params,
    size_t n, const struct hp_pedanova_opts *opts, double *imp,
    unsigned char *sparse, struct hp_pedanova_info *info, struct hp_err *err)
{
	struct hp_pedanova_opts def;
	const struct hp_pedanova_opts *o = opts;
	double sign, *loss, q;
	size_t *tr, nt = 0, ntop, nreg;
	unsigned char *top, *region;

	if (o == NULL) {
		hp_pedanova_opts_defaults(&def);
		o = &def;
	}
	if (!(o->target_quantile > 0 && o->target_quantile < o->region_quantile &&
	    o->region_quantile <= 1) || o->n_steps < 2 || !(o->prior_weight >= 0)) {
		hp_err_set(err, "PED-ANOVA: need 0 < target quantile < region "
		    "quantile <= 1, at least 2 grid steps and a prior weight >= 0");
		return -1;
	}
	memset(info, 0, sizeof(*info));
	for (size_t j = 0; j < n; j++) {
		imp[j] = 0;
		if (sparse)
			sparse[j] = 0;
	}
	if (k >= st->nobj)
		return 0;
	sign = st->dir[k] == HP_DIR_MAXIMIZE ? -1 : 1;
	tr = hp_calloc(st->ntrials + 1, sizeof(size_t));
	loss = hp_calloc(st->ntrials + 1, sizeof(double));
	for (size_t t = 0; t < st->ntrials; t++)
		if (st->state[t] == HP_STATE_COMPLETE && isfinite(hp_study_value(st, t, k))) {
			loss[nt] = sign * hp_study_value(st, t, k);
			tr[nt++] = t;
		}
	info->ntrials = nt;
	if (nt <= 1) {		/* Optuna: too few trials, importances equal */
		free(tr);
		free(loss);
		return 0;
	}
	top = hp_calloc(nt, 1);
	region = hp_calloc(nt, 1);
	ntop = quantile_filter(loss, nt, o->target_quantile, top);
	nreg = quantile_filter(loss, nt, o->region_quantile, region);
	info->ntarget = ntop;
	info->nregion = nreg;
	q = (double)ntop / (double)nreg;	/* gamma' / gamma */

	for (size_t j = 0; j < n; j++) {
		const struct hp_param *p = &st->params[params[j]];
		size_t rp = 0, tp = 0;
		double alpha, beta;

		for (size_t i = 0; i < nt; i++)
			if (region[i] && !isnan(p->v[tr[i]])) {
				rp++;
				tp += top[i];
			}
		/* the trials with the param and those without are its two
		 * regimes; Optuna drops (and warns of) one with too few trials */
		if ((rp > 0 && rp < o->min_trials_in_regime) ||
		    (nreg > rp && nreg - rp < o->min_trials_in_regime)) {
			info->nsparse++;
			if (sparse)
				sparse[j] = 1;
		}
		if (rp < o->min_trials_in_regime || tp == 0 || dist_single(&p->dist))
			continue;
		alpha = (double)tp / (double)ntop;
		beta = (double)rp / (double)nreg;
		imp[j] = alpha * alpha / beta * divergence(p, tr, nt, top, region, o);
		imp[j] *= q * q;
	}
	free(top);
	free(region);
	free(tr);
	free(loss);
	return 0;
}

void
hp_importances_normalize(double *imp, size_t n)
{
	double s = 0;

	for (size_t j = 0; j < n; j++)
		s += imp[j];
	for (size_t j = 0; j < n; j++)
		imp[j] = s == 0 ? 1.0 / (double)n : imp[j] / s;
}
