/*
 * interp: snapping trial values onto a grid and filling the empty nodes by
 * the discrete Laplace equation (interp.h).  The fill eliminates the known
 * nodes, which leaves a symmetric positive definite system over the free
 * nodes (the grid graph's Laplacian with the known nodes as Dirichlet
 * conditions); numbering the free nodes along the shorter grid side makes
 * it banded with half-bandwidth at most min(nx, ny), and LAPACK's banded
 * Cholesky solves it exactly in O(n * min(nx, ny)^2).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/interp.h"

void
interp_axis_nodes(double lo, double hi, int log, size_t n, double *g)
{
	double a = log ? log10(lo) : lo, b = log ? log10(hi) : hi;
	double step = n > 1 ? (b - a) / (double)(n - 1) : 0;

	/* numpy: start + i * step, and the last node exactly at stop */
	for (size_t i = 0; i < n; i++) {
		double v = i + 1 == n && n > 1 ? b : (double)i * step + a;

		/* a span wider than DBL_MAX (-1e308 .. 1e308): by weights */
		if (!isfinite(step) && isfinite(a) && isfinite(b) && n > 1) {
			double f = (double)i / (double)(n - 1);

			v = a * (1 - f) + b * f;
		}

		g[i] = log ? pow(10, v) : v;
	}
}

size_t
interp_nearest(const double *g, size_t n, double v)
{
	size_t lo = 0, hi = n;

	/* nodes ascend: find the first node >= v, then the nearer of it and
	 * its predecessor (the predecessor on a tie, as argmin keeps the first) */
	if (n == 0 || isnan(v))
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (g[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == n)
		return n - 1;
	if (lo > 0 && fabs(g[lo - 1] - v) <= fabs(g[lo] - v))
		return lo - 1;
	return lo;
}

size_t
interp_zmap(const double *x, const double *y, const double *z, size_t m,
    const double *xi, size_t nx, const double *yi, size_t ny,
    enum interp_dup dup, double *grid)
{
	size_t known = 0;

	for (size_t i = 0; i < nx * ny; i++)
		grid[i] = NAN;
	for (size_t i = 0; i < m; i++) {
		size_t k;
		double *g;

		if (!isfinite(z[i]) || isnan(x[i]) || isnan(y[i]))
			continue;
		k = interp_nearest(yi, ny, y[i]) * nx + interp_nearest(xi, nx, x[i]);
		g = &grid[k];
		if (isnan(*g))
			known++;
		else if ((dup == INTERP_DUP_MIN && *g <= z[i]) ||
		    (dup == INTERP_DUP_MAX && *g >= z[i]))
			continue;
		*g = z[i];
	}
	return known;
}

/*
 * Solves A x = b in place (x into b) for a symmetric positive definite
 * band matrix A given by its upper band, row-wise (see the caller), by
 * Cholesky A = U^T U overwriting ab with U.  O(n kd^2 / 2).  Written out
 * here rather than LAPACK's dpbsv: for these sizes a plain loop over
 * contiguous rows is as fast single-threaded, and it keeps BLAS threads
 * from spinning.  Returns 0 when A is not positive definite.
 */
static int
band_cholesky_solve(double *ab, double *b, size_t n, size_t kd)
{
	size_t w = kd + 1;

	for (size_t i = 0; i < n; i++) {
		double *ri = ab + i * w, d = ri[0];
		size_t m = n - 1 - i < kd ? n - 1 - i : kd;

		if (!(d > 0))
			return 0;
		d = sqrt(d);
		ri[0] = d;
		for (size_t a = 1; a <= m; a++)
			ri[a] /= d;
		/* rank-one update of the rows below within the band */
		for (size_t a = 1; a <= m; a++) {
			double u = ri[a], *rj = ab + (i + a) * w;

			if (u == 0)
				continue;
			for (size_t c = a; c <= m; c++)
				rj[c - a] -= u * ri[c];
		}
	}
	/* U^T y = b */
	for (size_t i = 0; i < n; i++) {
		const double *ri = ab + i * w;
		size_t m = n - 1 - i < kd ? n - 1 - i : kd;

		b[i] /= ri[0];
		for (size_t a = 1; a <= m; a++)
			b[i + a] -= ri[a] * b[i];
	}
	/* U x = y */
	for (size_t i = n; i-- > 0;) {
		const double *ri = ab + i * w;
		size_t m = n - 1 - i < kd ? n - 1 - i : kd;
		double s = b[i];

		for (size_t a = 1; a <= m; a++)
			s -= ri[a] * b[i + a];
		b[i] = s / ri[0];
	}
	return 1;
}

int
interp_laplace_fill(double *grid, size_t nx, size_t ny, struct hp_err *err)
{
	size_t n = nx * ny, nfree = 0, kd = 0;
	/* walk order: the shorter side varies fastest, to keep the band narrow */
	int xfast = nx <= ny;
	size_t fast = xfast ? nx : ny, slow = xfast ? ny : nx;
	long *idx;		/* node -> free-node number, or -1 */
	double *ab, *b;
	int ok;

	for (size_t i = 0; i < n; i++)
		nfree += isnan(grid[i]) != 0;
	if (nfree == n)
		return hp_err_set(err, "contour grid: no trial value to interpolate from");
	if (nfree == 0)
		return 0;

	idx = hp_reallocarray(NULL, n, sizeof(long));
	{
		long next = 0;

		for (size_t s = 0; s < slow; s++)
			for (size_t f = 0; f < fast; f++) {
				size_t k = xfast ? s * nx + f : f * nx + s;

				idx[k] = isnan(grid[k]) ? next++ : -1;
			}
	}
	/* half-bandwidth: the largest gap between a free node and a free neighbour */
	for (size_t k = 0; k < n; k++) {
		size_t ix = k % nx, iy = k / nx;
		size_t nb[4];
		int nn = 0;

		if (idx[k] < 0)
			continue;
		if (ix + 1 < nx)
			nb[nn++] = k + 1;
		if (iy + 1 < ny)
			nb[nn++] = k + nx;
		for (int j = 0; j < nn; j++)
			if (idx[nb[j]] >= 0) {
				size_t gap = (size_t)labs(idx[nb[j]] - idx[k]);

				kd = gap > kd ? gap : kd;
			}
	}

	/* row-wise upper band: A(i, j) for i <= j <= i + kd at ab[i * (kd + 1) + j - i] */
	ab = hp_calloc((kd + 1) * nfree, sizeof(double));
	b = hp_calloc(nfree, sizeof(double));
	for (size_t k = 0; k < n; k++) {
		size_t ix = k % nx, iy = k / nx, nb[4];
		int nn = 0;
		long i = idx[k];

		if (i < 0)
			continue;
		if (ix > 0)
			nb[nn++] = k - 1;
		if (ix + 1 < nx)
			nb[nn++] = k + 1;
		if (iy > 0)
			nb[nn++] = k - nx;
		if (iy + 1 < ny)
			nb[nn++] = k + nx;
		ab[(size_t)i * (kd + 1)] = nn;
		for (int j = 0; j < nn; j++) {
			long jj = idx[nb[j]];

			if (jj < 0)
				b[i] += grid[nb[j]];
			else if (jj > i)
				ab[(size_t)i * (kd + 1) + (size_t)(jj - i)] = -1;
		}
	}
	ok = band_cholesky_solve(ab, b, nfree, kd);
	if (ok)
		for (size_t k = 0; k < n; k++)
			if (idx[k] >= 0)
				grid[k] = b[idx[k]];
	free(idx);
	free(ab);
	free(b);
	if (!ok)
		return hp_err_set(err, "contour grid: Laplace system is not positive definite");
	return 0;
}

/* Blurs the n values at a[0], a[stride], ... by the truncated Gaussian
 * k[-r .. r] (k points at its centre), into tmp then back. */
static void
blur_line(double *a, size_t n, size_t stride, const double *k, size_t r,
    double *tmp)
{
	for (size_t i = 0; i < n; i++) {
		size_t j0 = i >= r ? i - r : 0, j1 = i + r < n ? i + r : n - 1;
		double s = 0;

		for (size_t j = j0; j <= j1; j++)
			s += a[j * stride] * k[(long)j - (long)i];
		tmp[i] = s;
	}
	for (size_t i = 0; i < n; i++)
		a[i * stride] = tmp[i];
}

/* Gaussian of sd s nodes truncated at 3 s, peak 1: k[-r .. r] in buf. */
static const double *
gauss_kernel(double s, size_t *r, double **buf)
{
	size_t w = (size_t)ceil(3 * s);

	*buf = hp_calloc(2 * w + 1, sizeof(double));
	for (size_t d = 0; d <= w; d++)
		(*buf)[w + d] = (*buf)[w - d] = exp(-0.5 * (double)(d * d) / (s * s));
	*r = w;
	return *buf + w;
}

size_t
interp_kernel_smooth(const double *u, const double *v, const double *z,
    size_t m, size_t nx, size_t ny, double sx, double sy, double *grid)
{
	size_t n = nx * ny, known = 0;
	double *w = hp_calloc(n, sizeof(double));
	double *tmp = hp_calloc((nx > ny ? nx : ny) + 1, sizeof(double));

	for (size_t i = 0; i < n; i++)
		grid[i] = 0;
	/* bin: linear along a smoothed axis, nearest along a discrete one */
	for (size_t i = 0; i < m; i++) {
		double fu = fmin(fmax(u[i], 0), (double)(nx - 1));
		double fv = fmin(fmax(v[i], 0), (double)(ny - 1));
		size_t ix = sx > 0 ? (size_t)floor(fu) : (size_t)lround(fu);
		size_t iy = sy > 0 ? (size_t)floor(fv) : (size_t)lround(fv);
		double tx = sx > 0 ? fu - (double)ix : 0, ty = sy > 0 ? fv - (double)iy : 0;

		if (!isfinite(z[i]) || isnan(u[i]) || isnan(v[i]))
			continue;
		for (int dy = 0; dy < 2; dy++)
			for (int dx = 0; dx < 2; dx++) {
				double f = (dx ? tx : 1 - tx) * (dy ? ty : 1 - ty);
				size_t k;

				if (f == 0 || ix + (size_t)dx >= nx || iy + (size_t)dy >= ny)
					continue;
				k = (iy + (size_t)dy) * nx + ix + (size_t)dx;
				w[k] += f;
				grid[k] += f * z[i];
			}
	}
	if (sx > 0) {
		double *buf;
		size_t r;
		const double *k = gauss_kernel(sx, &r, &buf);

		for (size_t iy = 0; iy < ny; iy++) {
			blur_line(w + iy * nx, nx, 1, k, r, tmp);
			blur_line(grid + iy * nx, nx, 1, k, r, tmp);
		}
		free(buf);
	}
	if (sy > 0) {
		double *buf;
		size_t r;
		const double *k = gauss_kernel(sy, &r, &buf);

		for (size_t ix = 0; ix < nx; ix++) {
			blur_line(w + ix, ny, nx, k, r, tmp);
			blur_line(grid + ix, ny, nx, k, r, tmp);
		}
		free(buf);
	}
	for (size_t i = 0; i < n; i++) {
		if (w[i] >= 0.01) {
			grid[i] /= w[i];
			known++;
		} else
			grid[i] = NAN;
	}
	free(w);
	free(tmp);
	return known;
}

void
interp_fill_lines(double *grid, size_t nx, size_t ny, int along_x)
{
	size_t len = along_x ? nx : ny, nlines = along_x ? ny : nx;
	size_t step = along_x ? 1 : nx, lstep = along_x ? nx : 1;

	for (size_t l = 0; l < nlines; l++) {
		double *a = grid + l * lstep;
		long prev = -1;

		for (size_t i = 0; i <= len; i++) {
			if (i < len && isnan(a[i * step]))
				continue;
			/* nodes prev+1 .. i-1 are free: between prev and i */
			for (size_t j = (size_t)(prev + 1); j < i; j++) {
				if (prev < 0 && i == len)
					break;	/* no known node at all */
				if (prev < 0)
					a[j * step] = a[i * step];
				else if (i == len)
					a[j * step] = a[(size_t)prev * step];
				else
					a[j * step] = a[(size_t)prev * step] +
					    (a[i * step] - a[(size_t)prev * step]) *
					    (double)(j - (size_t)prev) / (double)(i - (size_t)prev);
			}
			prev = (long)i;
		}
	}
}
