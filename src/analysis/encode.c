/*
 * encode: what every surrogate shares -- the seeded PRNG (xoshiro256**
 * with splitmix64 seeding, so results never depend on libc's rand) and the
 * encoding of a study's trials into a numeric matrix (one column per
 * numeric param, one-hot columns per categorical param).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/analysis.h"

/* --- PRNG ---------------------------------------------------------------- */

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void
hp_rng_seed(struct hp_rng *r, uint64_t seed)
{
	uint64_t x = seed;

	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static inline uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t
hp_rng_next(struct hp_rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

double
hp_rng_uniform(struct hp_rng *r)
{
	return (double)(hp_rng_next(r) >> 11) * 0x1.0p-53;
}

size_t
hp_rng_below(struct hp_rng *r, size_t n)
{
	/* Lemire's multiply-shift; the bias is < n / 2^64, irrelevant here */
	return (size_t)(((unsigned __int128)hp_rng_next(r) * n) >> 64);
}

double
hp_rng_normal(struct hp_rng *r)
{
	double u = hp_rng_uniform(r), v = hp_rng_uniform(r);

	return sqrt(-2.0 * log(1.0 - u)) * cos(2.0 * M_PI * v);
}

/* --- encoding ------------------------------------------------------------ */

static int
dist_single(const struct hp_dist *d)
{
	if (d->kind == HP_DIST_CATEGORICAL)
		return d->nchoices <= 1;
	return !(d->high > d->low);
}

static double
warp(const struct hp_encoding *e, const struct hp_dist *d, double v)
{
	if (isnan(v))	/* absent (conditional param): half a range below */
		return e->warp == HP_WARP_RAW ? d->low - (d->high - d->low) / 2 :
		    HP_ABSENT_UNIT;
	if (e->warp == HP_WARP_RAW)
		return v;
	if (d->log && d->low > 0 && v > 0)
		return (log(v) - log(d->low)) / (log(d->high) - log(d->low));
	return (v - d->low) / (d->high - d->low);
}

void
hp_encode_value(const struct hp_encoding *e, const struct hp_study *st, size_t j,
    double v, double *row)
{
	const struct hp_dist *d = &st->params[e->param[j]].dist;
	size_t c0 = e->col[j], nc = e->col[j + 1] - c0;

	if (d->kind == HP_DIST_CATEGORICAL) {
		for (size_t c = 0; c < nc; c++)
			row[c0 + c] = (double)c == v ? 1.0 : 0.0;
	} else {
		row[c0] = warp(e, d, v);
	}
}

int
hp_encode(const struct hp_study *st, size_t objective, const size_t *params,
    size_t n, enum hp_warp w, size_t max_rows, uint64_t seed,
    struct hp_encoding *e, struct hp_err *err)
{
	return hp_encode_partial(st, objective, params, n, NULL, w, max_rows, seed,
	    e, err);
}

int
hp_encode_partial(const struct hp_study *st, size_t objective,
    const size_t *params, size_t n, const unsigned char *optional,
    enum hp_warp w, size_t max_rows, uint64_t seed, struct hp_encoding *e,
    struct hp_err *err)
{
	unsigned char *opt;
	size_t *use, nuse = 0;

	memset(e, 0, sizeof(*e));
	e->warp = w;
	if (objective >= st->nobj)
		return hp_err_set(err, "objective %zu out of range (study has %zu)",
		    objective, st->nobj);
	opt = hp_calloc(n + 1, 1);
	e->param = hp_calloc(n ? n : 1, sizeof(size_t));
	e->col = hp_calloc(n + 1, sizeof(size_t));
	for (size_t j = 0; j < n; j++) {
		const struct hp_dist *d = &st->params[params[j]].dist;

		if (dist_single(d))
			continue;
		e->param[e->nparams] = params[j];
		opt[e->nparams] = optional && optional[j];
		e->col[e->nparams] = e->ncols;
		e->ncols += d->kind == HP_DIST_CATEGORICAL ? d->nchoices : 1;
		e->nparams++;
	}
	e->col[e->nparams] = e->ncols;
	e->lo = hp_calloc(e->ncols ? e->ncols : 1, sizeof(double));
	e->hi = hp_calloc(e->ncols ? e->ncols : 1, sizeof(double));
	for (size_t j = 0; j < e->nparams; j++) {
		const struct hp_dist *d = &st->params[e->param[j]].dist;

		for (size_t c = e->col[j]; c < e->col[j + 1]; c++) {
			int num = d->kind != HP_DIST_CATEGORICAL;

			e->lo[c] = num && w == HP_WARP_RAW ? d->low : 0.0;
			e->hi[c] = num && w == HP_WARP_RAW ? d->high : 1.0;
		}
	}

	use = hp_calloc(st->ntrials ? st->ntrials : 1, sizeof(size_t));
	for (size_t t = 0; t < st->ntrials; t++) {
		size_t j;

		if (st->state[t] != HP_STATE_COMPLETE ||
		    !isfinite(hp_study_value(st, t, objective)))
			continue;
		for (j = 0; j < e->nparams; j++)
			if (!opt[j] && isnan(st->params[e->param[j]].v[t]))
				break;
		if (j == e->nparams)
			use[nuse++] = t;
	}
	e->nusable = nuse;
	if (max_rows && nuse > max_rows) {
		/* partial Fisher-Yates picks max_rows, then back to trial order */
		struct hp_rng r;

		hp_rng_seed(&r, seed ^ 0x5eed5eedULL);
		for (size_t i = 0; i < max_rows; i++) {
			size_t k = i + hp_rng_below(&r, nuse - i), tmp = use[i];

			use[i] = use[k];
			use[k] = tmp;
		}
		nuse = max_rows;
		for (size_t i = 1; i < nuse; i++) {	/* insertion sort is fine: */
			size_t v = use[i], k = i;	/* max_rows is a few 1000 */

			for (; k > 0 && use[k - 1] > v; k--)
				use[k] = use[k - 1];
			use[k] = v;
		}
	}
	e->nrows = nuse;
	e->trial = use;
	e->X = hp_calloc(nuse * e->ncols + 1, sizeof(double));
	e->y = hp_calloc(nuse + 1, sizeof(double));
	for (size_t i = 0; i < nuse; i++) {
		size_t t = use[i];

		for (size_t j = 0; j < e->nparams; j++)
			hp_encode_value(e, st, j, st->params[e->param[j]].v[t],
			    e->X + i * e->ncols);
		e->y[i] = hp_study_value(st, t, objective);
	}
	free(opt);
	return 0;
}

void
hp_encoding_release(struct hp_encoding *e)
{
	if (e == NULL)
		return;
	free(e->param);
	free(e->col);
	free(e->lo);
	free(e->hi);
	free(e->trial);
	free(e->X);
	free(e->y);
	memset(e, 0, sizeof(*e));
}
