/*
 * rankshare: a cheap importance of every param for one objective, the
 * share of the variance of the objective's ranks that the param explains
 * on its own (the correlation ratio), and the params ranked by it.  The
 * matrix figures (contour, objective, evaluations, rank, parallel
 * coordinates, slice) use the ranking to choose which params to show in a
 * big study; report computes it once per study and objective.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/analysis.h"

/*
 * How much of the variance of the ranks rank[n] of trials tr[n] param p
 * explains on its own: trials grouped by choice, or into 10 bins by
 * quantile of the value, absent ones in a group of their own.  O(n log n);
 * fANOVA would do better but costs minutes on 16 params of thousands of
 * trials, and only the order matters here.
 */
static double
variance_share(const struct hp_param *p, const size_t *tr, const double *rank, size_t n)
{
	enum { NB = 10 };
	size_t nb = p->dist.kind == HP_DIST_CATEGORICAL ? p->dist.nchoices + 1 : NB + 1;
	double *sum = hp_calloc(nb, sizeof(double)), *cnt = hp_calloc(nb, sizeof(double));
	double *v = hp_calloc(n + 1, sizeof(double)), edges[NB], mean = 0, tot = 0, bet = 0;
	size_t nv = 0;

	for (size_t i = 0; i < n; i++)
		if (!isnan(p->v[tr[i]]))
			v[nv++] = p->v[tr[i]];
	qsort(v, nv, sizeof(double), hp_cmp_double);
	for (int b = 0; b < NB; b++)
		edges[b] = nv ? v[(size_t)((double)(b + 1) / NB * (double)(nv - 1))] : 0;
	for (size_t i = 0; i < n; i++) {
		double x = p->v[tr[i]];
		size_t b = nb - 1;

		if (!isnan(x)) {
			if (p->dist.kind == HP_DIST_CATEGORICAL)
				b = x >= 0 && x < (double)nb - 1 ? (size_t)x : nb - 1;
			else
				for (b = 0; b + 1 < NB && x > edges[b]; b++)
					;
		}
		sum[b] += rank[i];
		cnt[b] += 1;
		mean += rank[i];
	}
	mean /= (double)(n ? n : 1);
	for (size_t i = 0; i < n; i++)
		tot += (rank[i] - mean) * (rank[i] - mean);
	for (size_t b = 0; b < nb; b++)
		if (cnt[b] > 0)
			bet += cnt[b] * (sum[b] / cnt[b] - mean) * (sum[b] / cnt[b] - mean);
	free(sum);
	free(cnt);
	free(v);
	return tot > 0 ? bet / tot : 0;
}

/* The shares of one ranking, a param per parallel-for index. */
struct share_job {
	const struct hp_study *st;
	const size_t	*tr;		/* [n] trials ranked */
	const double	*rank;		/* [n] their ranks */
	size_t		 n;
	double		*share;		/* [st->nparams] by study param index */
};

static void
share_job_run(void *arg, size_t j)
{
	struct share_job *w = arg;

	w->share[j] = variance_share(&w->st->params[j], w->tr, w->rank, w->n);
}

/* Share descending, then study param order. */
struct ranked {
	size_t	 param;
	double	 share;
};

static int
ranked_cmp(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->share != y->share)
		return x->share > y->share ? -1 : 1;
	return x->param < y->param ? -1 : x->param > y->param;
}

void
hp_param_ranking_init(struct hp_param_ranking *r, const struct hp_study *st,
    size_t k, struct hp_pool *pool)
{
	size_t nt = 0, *tr = hp_calloc(st->ntrials + 1, sizeof(size_t));
	double *val, *rank, *sorted, *share;
	struct ranked *rk;

	for (size_t t = 0; t < st->ntrials; t++)
		if (st->state[t] == HP_STATE_COMPLETE && isfinite(hp_study_value(st, t, k)))
			tr[nt++] = t;
	/* ranks of the objective (0 = best): robust to values over decades */
	val = hp_calloc(nt + 1, sizeof(double));
	rank = hp_calloc(nt + 1, sizeof(double));
	sorted = hp_calloc(nt + 1, sizeof(double));
	for (size_t i = 0; i < nt; i++)
		val[i] = hp_study_value(st, tr[i], k);
	memcpy(sorted, val, nt * sizeof(double));
	qsort(sorted, nt, sizeof(double), hp_cmp_double);
	for (size_t i = 0; i < nt; i++) {
		size_t lo = 0, hi = nt;

		while (lo < hi) {	/* first position of val[i] */
			size_t mid = (lo + hi) / 2;

			if (sorted[mid] < val[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		rank[i] = (double)lo;
	}
	share = hp_calloc(st->nparams + 1, sizeof(double));
	{
		struct share_job w = { st, tr, rank, nt, share };

		hp_pool_for(pool, st->nparams, share_job_run, &w);
	}
	rk = hp_calloc(st->nparams + 1, sizeof(*rk));
	for (size_t j = 0; j < st->nparams; j++)
		rk[j] = (struct ranked){ j, share[j] };
	qsort(rk, st->nparams, sizeof(*rk), ranked_cmp);
	r->objective = k;
	r->n = st->nparams;
	r->param = hp_calloc(r->n + 1, sizeof(size_t));
	r->share = hp_calloc(r->n + 1, sizeof(double));
	for (size_t j = 0; j < r->n; j++) {
		r->param[j] = rk[j].param;
		r->share[j] = rk[j].share;
	}
	free(rk);
	free(share);
	free(sorted);
	free(rank);
	free(val);
	free(tr);
}

void
hp_param_ranking_release(struct hp_param_ranking *r)
{
	if (r == NULL)
		return;
	free(r->param);
	free(r->share);
	memset(r, 0, sizeof(*r));
}
