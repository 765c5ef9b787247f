/*
 * pareto: feasibility and the Pareto front of a study (pareto.h).
 *
 * The front is found by sorting the points lexicographically and keeping
 * each point that no point already kept dominates.  A dominating point is
 * always lexicographically smaller, and whatever dominates a point is in
 * turn dominated by (or is) a front member, so checking the kept points
 * only is enough: O(n log n + n * front size) for any number of objectives,
 * where Optuna 3.1 is quadratic beyond two.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/pareto.h"

int
pareto_dominates(const double *a, const double *b, size_t d)
{
	int less = 0;

	for (size_t i = 0; i < d; i++) {
		if (a[i] > b[i])
			return 0;
		if (a[i] < b[i])
			less = 1;
	}
	return less;
}

struct lexkey {
	const double	*p;
	size_t		 d;
	size_t		 i;
};

static int
cmp_lex(const void *va, const void *vb)
{
	const struct lexkey *a = va, *b = vb;

	for (size_t k = 0; k < a->d; k++) {
		if (a->p[k] < b->p[k])
			return -1;
		if (a->p[k] > b->p[k])
			return 1;
	}
	return a->i < b->i ? -1 : a->i > b->i;
}

static int
cmp_size(const void *va, const void *vb)
{
	size_t a = *(const size_t *)va, b = *(const size_t *)vb;

	return a < b ? -1 : a > b;
}

size_t
pareto_front_points(const double *pts, size_t n, size_t d, size_t *out)
{
	struct lexkey *key;
	size_t nf = 0;

	if (n == 0)
		return 0;
	key = hp_reallocarray(NULL, n, sizeof(*key));
	for (size_t i = 0; i < n; i++)
		key[i] = (struct lexkey){ pts + i * d, d, i };
	qsort(key, n, sizeof(*key), cmp_lex);
	for (size_t i = 0; i < n; i++) {
		int dominated = 0;

		for (size_t j = 0; j < nf && !dominated; j++)
			dominated = pareto_dominates(pts + out[j] * d, key[i].p, d);
		if (!dominated)
			out[nf++] = key[i].i;
	}
	free(key);
	qsort(out, nf, sizeof(*out), cmp_size);
	return nf;
}

int
pareto_feasibility(const struct hp_study *st, unsigned char *feasible)
{
	int constrained = 0;

	for (size_t t = 0; t < st->ntrials; t++) {
		const double *v;
		size_t n;

		feasible[t] = (unsigned char)hp_study_feasible(st, t);
		if (st->state[t] == HP_STATE_COMPLETE && hp_study_constraints(st, t, &v, &n))
			constrained = 1;
	}
	return constrained;
}

int
pareto_trial_point(const struct hp_study *st, size_t t, double *v)
{
	int finite = 1;

	for (size_t k = 0; k < st->nobj; k++) {
		double x = hp_study_value(st, t, k);

		v[k] = st->dir[k] == HP_DIR_MAXIMIZE ? -x : x;
		finite &= isfinite(x) != 0;
	}
	return finite;
}

size_t
pareto_front(const struct hp_study *st, size_t *out)
{
	size_t d = st->nobj, n = 0, nf;
	unsigned char *feasible = hp_malloc(st->ntrials ? st->ntrials : 1);
	double *pts = hp_reallocarray(NULL, st->ntrials * d + 1, sizeof(double));
	size_t *tix = hp_reallocarray(NULL, st->ntrials + 1, sizeof(size_t));

	pareto_feasibility(st, feasible);
	for (size_t t = 0; t < st->ntrials; t++) {
		int nan = 0;

		if (st->state[t] != HP_STATE_COMPLETE || !feasible[t])
			continue;
		pareto_trial_point(st, t, pts + n * d);
		for (size_t k = 0; k < d; k++)
			nan |= isnan(pts[n * d + k]);
		if (nan)
			continue;
		tix[n++] = t;
	}
	nf = pareto_front_points(pts, n, d, out);
	/* point indices ascend with trial index, which ascends with number */
	for (size_t i = 0; i < nf; i++)
		out[i] = tix[out[i]];
	free(feasible);
	free(pts);
	free(tix);
	return nf;
}
