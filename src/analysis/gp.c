/*
 * gp: Gaussian-process regression as scikit-optimize's default surrogate
 * -- kernel  c * Matern(nu = 5/2, one length scale per column) + white
 * noise  on inputs scaled to [0, 1], targets normalised to mean 0, sd 1.
 * The Cholesky factorisation, solves and inverse are LAPACK's (dpotrf,
 * dpotrs, dpotri through LAPACKE).
 *
 * Hyperparameters (log c, log l_1..l_d, log noise) maximise the log
 * marginal likelihood with its analytic gradient, by iRprop- (sign-based
 * steps per coordinate, robust to the gradient's scale) inside box bounds,
 * from one default start and `restarts - 1` seeded random starts; the best
 * optimum wins.
 */
#include <lapacke.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/analysis.h"

#define SQRT5 2.23606797749978969641

/* bounds of the log hyperparameters: amplitude, length scales, noise */
static const double AMP_LO = 0.01, AMP_HI = 1000;
static const double LS_LO = 0.01, LS_HI = 100;
static const double NOISE_LO = 1e-6, NOISE_HI = 1;

static inline double
matern52(double r)
{
	double s = SQRT5 * r;

	return (1 + s + s * s / 3) * exp(-s);
}

struct gp_work {
	double	*K, *L, *alpha;
	double	*D;		/* [npairs * d] squared differences per column */
	double	*R, *E;		/* [npairs] r and exp(-sqrt5 r) at the last K */
};

/* OpenBLAS's own threads only spin on matrices this small (n <= a few
 * hundred) and fight ours: the GP asks it for one thread. */
void openblas_set_num_threads(int n);

static void
work_init(struct gp_work *w, const double *X, size_t n, size_t d)
{
	size_t np = n * (n - 1) / 2 + 1, q = 0;

	w->K = hp_calloc(n * n, sizeof(double));
	w->L = hp_calloc(n * n, sizeof(double));
	w->alpha = hp_calloc(n, sizeof(double));
	w->D = hp_calloc(np * d, sizeof(double));
	w->R = hp_calloc(np, sizeof(double));
	w->E = hp_calloc(np, sizeof(double));
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++, q++)
			for (size_t k = 0; k < d; k++) {
				double t = X[i * d + k] - X[j * d + k];

				w->D[q * d + k] = t * t;
			}
}

static void
work_release(struct gp_work *w)
{
	free(w->K);
	free(w->L);
	free(w->D);
	free(w->R);
	free(w->E);
}

/*
 * Log marginal likelihood at theta (log amp, log ls[d], log noise) and its
 * gradient in grad (NULL: none).  Returns -INFINITY when K is not positive
 * definite.
 */
static double
lml_at(const double *X, const double *yn, size_t n, size_t d, const double *th,
    double *grad, struct gp_work *w)
{
	double amp = exp(th[0]), noise = exp(th[d + 1]), lml = 0;
	double *ils = hp_calloc(d, sizeof(double));	/* 1 / l^2 */
	lapack_int info;
	size_t q = 0;

	(void)X;
	for (size_t k = 0; k < d; k++)
		ils[k] = exp(-2 * th[1 + k]);
	for (size_t i = 0; i < n; i++) {
		w->K[i * n + i] = amp + noise;
		for (size_t j = 0; j < i; j++, q++) {
			const double *Dq = w->D + q * d;
			double r2 = 0, r, e;

			for (size_t k = 0; k < d; k++)
				r2 += Dq[k] * ils[k];
			r = sqrt(r2);
			e = exp(-SQRT5 * r);
			w->R[q] = r;
			w->E[q] = e;
			w->K[i * n + j] = w->K[j * n + i] =
			    amp * (1 + SQRT5 * r + 5 * r2 / 3) * e;
		}
	}
	memcpy(w->L, w->K, n * n * sizeof(double));
	info = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, 'L', (lapack_int)n, w->L, (lapack_int)n);
	if (info != 0) {
		free(ils);
		return -INFINITY;
	}
	memcpy(w->alpha, yn, n * sizeof(double));
	LAPACKE_dpotrs(LAPACK_ROW_MAJOR, 'L', (lapack_int)n, 1, w->L, (lapack_int)n,
	    w->alpha, 1);
	for (size_t i = 0; i < n; i++) {
		lml -= 0.5 * yn[i] * w->alpha[i];
		lml -= log(w->L[i * n + i]);
	}
	lml -= 0.5 * (double)n * log(2 * M_PI);

	if (grad) {
		/* W = alpha alpha^T - K^-1; dlml/dtheta = 1/2 tr(W dK/dtheta) */
		double *Ki = w->K;	/* K itself is no longer needed */

		memcpy(Ki, w->L, n * n * sizeof(double));
		LAPACKE_dpotri(LAPACK_ROW_MAJOR, 'L', (lapack_int)n, Ki, (lapack_int)n);
		memset(grad, 0, (d + 2) * sizeof(double));
		q = 0;
		for (size_t i = 0; i < n; i++) {
			double wii = w->alpha[i] * w->alpha[i] - Ki[i * n + i];

			grad[0] += 0.5 * wii * amp;
			grad[d + 1] += 0.5 * wii * noise;
			for (size_t j = 0; j < i; j++, q++) {
				double wij = w->alpha[i] * w->alpha[j] - Ki[i * n + j];
				double r = w->R[q], e = w->E[q];
				double m = (1 + SQRT5 * r + 5 * r * r / 3) * e;
				double dr = wij * amp * e * (5.0 / 3) * (1 + SQRT5 * r);
				const double *Dq = w->D + q * d;

				/* pairs (i, j) and (j, i): factor 2 cancels the 1/2 */
				grad[0] += wij * amp * m;
				for (size_t k = 0; k < d; k++)
					grad[1 + k] += dr * Dq[k] * ils[k];
			}
		}
	}
	free(ils);
	return lml;
}

double
hp_gp_lml(const double *X, const double *yn, size_t n, size_t dim, double amp,
    const double *ls, double noise)
{
	struct gp_work w;
	double *th = hp_calloc(dim + 2, sizeof(double)), v;

	work_init(&w, X, n, dim);
	th[0] = log(amp);
	for (size_t k = 0; k < dim; k++)
		th[1 + k] = log(ls[k]);
	th[dim + 1] = log(noise);
	v = lml_at(X, yn, n, dim, th, NULL, &w);
	free(th);
	work_release(&w);
	free(w.alpha);
	return v;
}

/* iRprop- ascent from th (in place); returns the best lml reached. */
static double
optimise(const double *X, const double *yn, size_t n, size_t d, double *th,
    const double *lo, const double *hi, struct gp_work *w)
{
	size_t np = d + 2;
	double *g = hp_calloc(np, sizeof(double)), *gp = hp_calloc(np, sizeof(double));
	double *step = hp_calloc(np, sizeof(double)), *best = hp_calloc(np, sizeof(double));
	double bl = -INFINITY;

	for (size_t k = 0; k < np; k++)
		step[k] = 0.5;
	for (int it = 0; it < 100; it++) {
		double l = lml_at(X, yn, n, d, th, g, w), smax = 0;

		if (l > bl) {
			bl = l;
			memcpy(best, th, np * sizeof(double));
		}
		if (!isfinite(l)) {
			/* not positive definite: more noise, and retry */
			th[d + 1] = fmin(hi[d + 1], th[d + 1] + 1);
			continue;
		}
		for (size_t k = 0; k < np; k++) {
			double s = g[k] * gp[k];

			if (s > 0)
				step[k] = fmin(step[k] * 1.2, 2.0);
			else if (s < 0) {
				step[k] = fmax(step[k] * 0.5, 1e-7);
				g[k] = 0;
			}
			if (g[k] > 0)
				th[k] += step[k];
			else if (g[k] < 0)
				th[k] -= step[k];
			th[k] = fmin(hi[k], fmax(lo[k], th[k]));
			gp[k] = g[k];
			smax = fmax(smax, step[k]);
		}
		if (smax < 1e-4)
			break;
	}
	memcpy(th, best, np * sizeof(double));
	free(g);
	free(gp);
	free(step);
	free(best);
	return bl;
}

int
hp_gp_fit(struct hp_gp *gpm, const double *X, const double *y, size_t n,
    size_t d, int restarts, uint64_t seed, struct hp_err *err)
{
	size_t np = d + 2;
	double *yn, *lo, *hi, *th, *best, bl = -INFINITY, s = 0, ss = 0;
	struct gp_work w;
	struct hp_rng rng;

	memset(gpm, 0, sizeof(*gpm));
	if (n == 0 || d == 0)
		return hp_err_set(err, "cannot fit a Gaussian process on %zu rows of %zu "
		    "columns", n, d);
	for (size_t i = 0; i < n; i++) {
		s += y[i];
		ss += y[i] * y[i];
	}
	gpm->ymean = s / (double)n;
	gpm->ysd = sqrt(fmax(0, ss / (double)n - gpm->ymean * gpm->ymean));
	if (!(gpm->ysd > 1e-300) || !isfinite(gpm->ysd))
		gpm->ysd = 1;
	yn = hp_calloc(n, sizeof(double));
	for (size_t i = 0; i < n; i++)
		yn[i] = (y[i] - gpm->ymean) / gpm->ysd;

	lo = hp_calloc(np, sizeof(double));
	hi = hp_calloc(np, sizeof(double));
	th = hp_calloc(np, sizeof(double));
	best = hp_calloc(np, sizeof(double));
	lo[0] = log(AMP_LO);
	hi[0] = log(AMP_HI);
	for (size_t k = 0; k < d; k++) {
		lo[1 + k] = log(LS_LO);
		hi[1 + k] = log(LS_HI);
	}
	lo[d + 1] = log(NOISE_LO);
	hi[d + 1] = log(NOISE_HI);
	openblas_set_num_threads(1);
	work_init(&w, X, n, d);
	if (n > 100 && restarts > 2)
		restarts = 2;	/* each start costs O(n^3) per step */

	hp_rng_seed(&rng, seed);
	if (restarts < 1)
		restarts = 1;
	for (int r = 0; r < restarts; r++) {
		double l;

		if (r == 0) {	/* scikit-optimize's starting point, noise small */
			th[0] = 0;
			for (size_t k = 0; k < d; k++)
				th[1 + k] = 0;
			th[d + 1] = log(1e-2);
		} else {	/* random starts in the plausible part of the box */
			th[0] = log(0.1) + hp_rng_uniform(&rng) * log(100.0);
			for (size_t k = 0; k < d; k++)
				th[1 + k] = log(0.05) + hp_rng_uniform(&rng) * log(40.0);
			th[d + 1] = log(1e-5) + hp_rng_uniform(&rng) * log(1e4);
		}
		l = optimise(X, yn, n, d, th, lo, hi, &w);
		if (l > bl) {
			bl = l;
			memcpy(best, th, np * sizeof(double));
		}
	}
	if (!isfinite(bl)) {
		/* nothing factorised: fall back to the largest noise */
		memcpy(best, hi, np * sizeof(double));
		best[0] = 0;
		bl = lml_at(X, yn, n, d, best, NULL, &w);
	}
	gpm->n = n;
	gpm->dim = d;
	gpm->X = hp_calloc(n * d, sizeof(double));
	memcpy(gpm->X, X, n * d * sizeof(double));
	gpm->ls = hp_calloc(d, sizeof(double));
	gpm->amp = exp(best[0]);
	for (size_t k = 0; k < d; k++)
		gpm->ls[k] = exp(best[1 + k]);
	gpm->noise = exp(best[d + 1]);
	gpm->lml = lml_at(X, yn, n, d, best, NULL, &w);
	gpm->alpha = w.alpha;		/* left by the last evaluation at best */
	work_release(&w);
	free(yn);
	free(lo);
	free(hi);
	free(th);
	free(best);
	if (!isfinite(gpm->lml)) {
		hp_gp_release(gpm);
		return hp_err_set(err, "Gaussian process: kernel matrix not positive "
		    "definite");
	}
	return 0;
}

void
hp_gp_release(struct hp_gp *g)
{
	if (g == NULL)
		return;
	free(g->X);
	free(g->alpha);
	free(g->ls);
	memset(g, 0, sizeof(*g));
}

void
hp_gp_predict(const struct hp_gp *g, const double *x, size_t n, double *out)
{
	size_t d = g->dim;
	double *il = hp_calloc(d, sizeof(double));

	for (size_t k = 0; k < d; k++)
		il[k] = 1 / g->ls[k];
	for (size_t i = 0; i < n; i++) {
		const double *xi = x + i * d;
		double s = 0;

		for (size_t j = 0; j < g->n; j++) {
			const double *xj = g->X + j * d;
			double r2 = 0;

			for (size_t k = 0; k < d; k++) {
				double t = (xi[k] - xj[k]) * il[k];

				r2 += t * t;
			}
			s += g->alpha[j] * matern52(sqrt(r2));
		}
		out[i] = g->ymean + g->ysd * g->amp * s;
	}
	free(il);
}

static void
gp_predict(const void *self, const double *x, size_t n, double *out)
{
	hp_gp_predict(self, x, n, out);
}

struct hp_model
hp_gp_model(const struct hp_gp *g)
{
	return (struct hp_model){ g->dim, g, gp_predict };
}
