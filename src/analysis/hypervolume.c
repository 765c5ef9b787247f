/*
 * hypervolume: exact hypervolume of a point set (pareto.h), its default
 * reference point and its history over a study's trials.
 *
 * Two objectives: sort by the first, sweep keeping the best second value;
 * each point that improves it adds one strip.  More objectives: HSO
 * (hypervolume by slicing objectives) -- sort by the last objective; between
 * consecutive values of it the dominated region is a prism whose base is the
 * (d-1)-dimensional hypervolume of the points seen so far.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/pareto.h"

struct xy {
	double x, y;
};

static int
cmp_xy(const void *va, const void *vb)
{
	const struct xy *a = va, *b = vb;

	if (a->x != b->x)
		return a->x < b->x ? -1 : 1;
	return a->y < b->y ? -1 : a->y > b->y;
}

/* 2-D: pts are m rows of 2, all strictly better than ref. */
static double
hv2(const double *pts, size_t m, const double *ref)
{
	struct xy *v = hp_reallocarray(NULL, m ? m : 1, sizeof(*v));
	double area = 0, ybest = ref[1];

	for (size_t i = 0; i < m; i++)
		v[i] = (struct xy){ pts[2 * i], pts[2 * i + 1] };
	qsort(v, m, sizeof(*v), cmp_xy);
	for (size_t i = 0; i < m; i++)
		if (v[i].y < ybest) {
			area += (ref[0] - v[i].x) * (ybest - v[i].y);
			ybest = v[i].y;
		}
	free(v);
	return area;
}

/* Sort context for the slicing step: rows of d, by the last value. */
struct row {
	const double	*p;
	size_t		 d;
};

static int
cmp_last(const void *va, const void *vb)
{
	const struct row *a = va, *b = vb;
	double x = a->p[a->d - 1], y = b->p[b->d - 1];

	return x < y ? -1 : x > y;
}

/* d >= 1: pts are m rows of d, all strictly better than ref. */
static double
hv_rec(const double *pts, size_t m, size_t d, const double *ref)
{
	struct row *r;
	double *proj, vol = 0;

	if (m == 0)
		return 0;
	if (d == 1) {
		double lo = pts[0];

		for (size_t i = 1; i < m; i++)
			lo = pts[i] < lo ? pts[i] : lo;
		return ref[0] - lo;
	}
	if (d == 2)
		return hv2(pts, m, ref);
	r = hp_reallocarray(NULL, m, sizeof(*r));
	for (size_t i = 0; i < m; i++)
		r[i] = (struct row){ pts + i * d, d };
	qsort(r, m, sizeof(*r), cmp_last);
	proj = hp_reallocarray(NULL, m * (d - 1), sizeof(double));
	for (size_t i = 0; i < m; i++) {
		double z = r[i].p[d - 1];
		double znext = i + 1 < m ? r[i + 1].p[d - 1] : ref[d - 1];

		/* slice [z, znext): every point up to i reaches into it */
		memcpy(proj + i * (d - 1), r[i].p, (d - 1) * sizeof(double));
		if (znext > z)
			vol += hv_rec(proj, i + 1, d - 1, ref) * (znext - z);
	}
	free(proj);
	free(r);
	return vol;
}

double
hv_compute(const double *pts, size_t n, size_t d, const double *ref)
{
	double *keep, vol;
	size_t m = 0;

	if (n == 0 || d == 0)
		return 0;
	keep = hp_reallocarray(NULL, n * d, sizeof(double));
	for (size_t i = 0; i < n; i++) {
		int ok = 1;

		for (size_t k = 0; k < d && ok; k++)
			ok = isfinite(pts[i * d + k]) && pts[i * d + k] < ref[k];
		if (ok)
			memcpy(keep + m++ * d, pts + i * d, d * sizeof(double));
	}
	vol = hv_rec(keep, m, d, ref);
	free(keep);
	return vol;
}

int
hv_default_reference(const struct hp_study *st, const size_t *idx, size_t n,
    double *ref)
{
	size_t d = st->nobj, used = 0;
	double *v = hp_reallocarray(NULL, d, sizeof(double));
	double *lo = hp_reallocarray(NULL, d, sizeof(double));
	double *hi = hp_reallocarray(NULL, d, sizeof(double));

	for (size_t k = 0; k < d; k++) {
		lo[k] = INFINITY;
		hi[k] = -INFINITY;
	}
	for (size_t i = 0; i < n; i++) {
		if (!pareto_trial_point(st, idx[i], v))
			continue;
		used++;
		for (size_t k = 0; k < d; k++) {
			lo[k] = v[k] < lo[k] ? v[k] : lo[k];
			hi[k] = v[k] > hi[k] ? v[k] : hi[k];
		}
	}
	for (size_t k = 0; k < d && used; k++) {
		double span = hi[k] - lo[k];

		if (span > 0)
			ref[k] = hi[k] + 0.1 * span;
		else
			ref[k] = hi[k] + (hi[k] != 0 ? 0.1 * fabs(hi[k]) : 1);
	}
	free(v);
	free(lo);
	free(hi);
	return used ? 0 : -1;
}

void
hv_history(const struct hp_study *st, const double *ref, double *hv,
    unsigned char *on_front)
{
	size_t d = st->nobj, nf = 0;
	unsigned char *feasible = hp_malloc(st->ntrials ? st->ntrials : 1);
	double *front = hp_reallocarray(NULL, (st->ntrials + 1) * d, sizeof(double));
	double *p = hp_reallocarray(NULL, d, sizeof(double));
	double cur = 0;

	pareto_feasibility(st, feasible);
	for (size_t t = 0; t < st->ntrials; t++) {
		int skip = 0;

		if (on_front)
			on_front[t] = 0;
		if (st->state[t] == HP_STATE_COMPLETE && feasible[t] &&
		    pareto_trial_point(st, t, p)) {
			/* a point dominated by or equal to a member changes nothing */
			for (size_t j = 0; j < nf && !skip; j++)
				skip = pareto_dominates(front + j * d, p, d) ||
				    memcmp(front + j * d, p, d * sizeof(double)) == 0;
			if (!skip) {
				size_t w = 0;

				for (size_t j = 0; j < nf; j++)
					if (!pareto_dominates(p, front + j * d, d))
						memmove(front + w++ * d, front + j * d,
						    d * sizeof(double));
				memcpy(front + w * d, p, d * sizeof(double));
				nf = w + 1;
				cur = hv_compute(front, nf, d, ref);
				if (on_front)
					on_front[t] = 1;
			}
		}
		hv[t] = cur;
	}
	free(feasible);
	free(front);
	free(p);
}
