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

#include <lapacke.h>

#include "hpreport/interp.h"

void
interp_axis_nodes(double lo, double hi, int log, size_t n, double *g)
{
	double a = log ? log10(lo) : lo, b = log ? log10(hi) : hi;
	double step = n > 1 ? (b - a) / (double)(n - 1) : 0;

	/* numpy: start + i * step, and the last node exactly at stop */
	for (size_t i = 0; i < n; i++) {
		double v = i + 1 == n && n > 1 ? b : (double)i * step + a;

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

int
interp_laplace_fill(double *grid, size_t nx, size_t ny, struct hp_err *err)
{
	size_t n = nx * ny, nfree = 0, kd = 0;
	/* walk order: the shorter side varies fastest, to keep the band narrow */
	int xfast = nx <= ny;
	size_t fast = xfast ? nx : ny, slow = xfast ? ny : nx;
	long *idx;		/* node -> free-node number, or -1 */
	double *ab, *b;
	lapack_int info;

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

	/* upper band storage, column-major: A(i, j) at ab[kd + i - j + j * (kd + 1)] */
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
		ab[kd + (size_t)i * (kd + 1)] = nn;
		for (int j = 0; j < nn; j++) {
			long jj = idx[nb[j]];

			if (jj < 0)
				b[i] += grid[nb[j]];
			else if (jj > i)	/* row i < column jj: upper triangle */
				ab[kd + (size_t)i - (size_t)jj + (size_t)jj * (kd + 1)] = -1;
		}
	}
	info = LAPACKE_dpbsv(LAPACK_COL_MAJOR, 'U', (lapack_int)nfree,
	    (lapack_int)kd, 1, ab, (lapack_int)(kd + 1), b, (lapack_int)nfree);
	if (info == 0)
		for (size_t k = 0; k < n; k++)
			if (idx[k] >= 0)
				grid[k] = b[idx[k]];
	free(idx);
	free(ab);
	free(b);
	if (info != 0)
		return hp_err_set(err, "contour grid: Laplace solve failed (LAPACK info %d)",
		    (int)info);
	return 0;
}
