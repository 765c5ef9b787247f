/*
 * hypervolume: exact hypervolume of a point set (pareto.h), its default
 * reference point and its history over a study's trials.
 *
 * Two objectives: sort by the first, sweep keeping the best second value;
 * each point that improves it adds one strip.  More objectives: HSO
 * (hypervolume by slicing objectives) -- sort by the last objective; between
 * consecutive values of it the dominated region is a prism whose base is the
 * (d-1)-dimensional hypervolume of the points seen so far.
 *
 * HSO costs about n^(d-1): 100 points in 12-D would take hours.  The
 * history (hv_history) therefore counts HSO's work first and, past
 * HV_EXACT_WORK, estimates the volumes by Monte Carlo with a fixed seed
 * and sample count (pareto.h), so its time is bounded whatever the input.
 */
#include <math.h>
#include <stdint.h>
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

/* Work units of HSO on m points of d objectives, for m = 0..M:
 * W(m, 2) = m log2 m + m (the sweep), W(m, d) = sum over i <= m of
 * W(i, d - 1) (one slice per point).  w[(d - 2) * (M + 1) + m]. */
static double *
hso_work(size_t M, size_t d)
{
	double *w = hp_calloc((d - 1) * (M + 1), sizeof(double));

	for (size_t m = 1; m <= M; m++)
		w[m] = (double)m * log2((double)m + 1) + (double)m;
	for (size_t e = 3; e <= d; e++) {
		double *prev = w + (e - 3) * (M + 1), *cur = prev + (M + 1);

		for (size_t m = 1; m <= M; m++)
			cur[m] = cur[m - 1] + prev[m];
	}
	return w;
}

/* splitmix64: the fixed stream the estimate draws from */
static uint64_t
next_u64(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

size_t
hv_history(const struct hp_study *st, const double *ref, double *hv,
    unsigned char *on_front, double *se)
{
	size_t d = st->nobj, nf = 0, maxf = 0, nsamp = 0;
	unsigned char *feasible = hp_malloc(st->ntrials ? st->ntrials : 1);
	unsigned char *joins = hp_calloc(st->ntrials ? st->ntrials : 1, 1);
	size_t *fsize = hp_calloc(st->ntrials ? st->ntrials : 1, sizeof(size_t));
	double *front = hp_reallocarray(NULL, (st->ntrials + 1) * d, sizeof(double));
	double *p = hp_reallocarray(NULL, d, sizeof(double));
	double *lo = hp_reallocarray(NULL, d ? d : 1, sizeof(double));
	double cur = 0, work = 0;

	if (se)
		*se = 0;
	for (size_t k = 0; k < d; k++)
		lo[k] = INFINITY;
	/* first the front's moves alone (dominance tests, O(n * front * d)),
	 * which tell what the exact volumes would cost */
	pareto_feasibility(st, feasible);
	for (size_t t = 0; t < st->ntrials; t++) {
		int skip = 0;

		if (st->state[t] != HP_STATE_COMPLETE || !feasible[t] ||
		    !pareto_trial_point(st, t, p))
			continue;
		for (size_t k = 0; k < d; k++)
			lo[k] = p[k] < lo[k] ? p[k] : lo[k];
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
			joins[t] = 1;
			fsize[t] = nf;
			maxf = nf > maxf ? nf : maxf;
		}
	}
	if (d >= 3 && maxf > 0) {
		double *wt = hso_work(maxf, d);

		for (size_t t = 0; t < st->ntrials; t++)
			if (joins[t])
				work += wt[(d - 2) * (maxf + 1) + fsize[t]];
		free(wt);
	}
	if (work > HV_EXACT_WORK) {
		/* a Monte Carlo estimate: HV_SAMPLES points drawn once, from a
		 * fixed seed, uniformly in the box [ideal point, ref]; each
		 * front point marks those it dominates.  The dominated region
		 * only grows, so each new point tests only the points not yet
		 * marked, and the history never goes down. */
		double box = 1, *u;
		unsigned char *hit;
		uint64_t seed = HV_SEED;
		size_t nhit = 0;

		for (size_t k = 0; k < d; k++)
			box *= ref[k] > lo[k] ? ref[k] - lo[k] : 0;
		nsamp = HV_SAMPLE_VALUES / d < HV_SAMPLES ? HV_SAMPLE_VALUES / d : HV_SAMPLES;
		u = hp_reallocarray(NULL, nsamp * d, sizeof(double));
		hit = hp_calloc(nsamp, 1);
		for (size_t i = 0; i < nsamp * d; i++) {
			size_t k = i % d;
			double r = (double)(next_u64(&seed) >> 11) * 0x1.0p-53;

			u[i] = lo[k] + r * (ref[k] - lo[k]);
		}
		for (size_t t = 0; t < st->ntrials; t++) {
			if (joins[t] && pareto_trial_point(st, t, p)) {
				for (size_t i = 0; i < nsamp; i++) {
					size_t k = 0;

					if (hit[i])
						continue;
					while (k < d && p[k] <= u[i * d + k])
						k++;
					if (k == d) {
						hit[i] = 1;
						nhit++;
					}
				}
				cur = box * (double)nhit / (double)nsamp;
			}
			if (on_front)
				on_front[t] = joins[t];
			hv[t] = cur;
		}
		if (se) {
			double f = (double)nhit / (double)nsamp;

			*se = box * sqrt(f * (1 - f) / (double)nsamp);
		}
		free(u);
		free(hit);
	} else {
		nf = 0;
		for (size_t t = 0; t < st->ntrials; t++) {
			if (joins[t] && pareto_trial_point(st, t, p)) {
				size_t w = 0;

				for (size_t j = 0; j < nf; j++)
					if (!pareto_dominates(p, front + j * d, d))
						memmove(front + w++ * d, front + j * d,
						    d * sizeof(double));
				memcpy(front + w * d, p, d * sizeof(double));
				nf = w + 1;
				cur = hv_compute(front, nf, d, ref);
			}
			if (on_front)
				on_front[t] = joins[t];
			hv[t] = cur;
		}
	}
	free(feasible);
	free(joins);
	free(fsize);
	free(front);
	free(p);
	free(lo);
	return nsamp;
}
