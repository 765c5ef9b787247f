/*
 * interp: the gridded surface behind a contour plot, as Optuna computes it
 * (optuna/visualization/matplotlib/_contour.py, after plotly's interp2d):
 * trial values are snapped to the nearest node of a regular grid, and every
 * node no trial landed on takes the mean of its (up to four) neighbours --
 * the discrete Laplace equation with zero-derivative edges, solved exactly
 * by a banded Cholesky factorisation rather than by iterating.  Pure numerics: no drawing, no I/O.
 *
 * Grids are row-major with x varying fastest: node (ix, iy) is
 * z[iy * nx + ix], as Optuna's reshape((n, n)) leaves it.
 */
#ifndef HPREPORT_INTERP_H
#define HPREPORT_INTERP_H

#include <stddef.h>

#include "hpreport/util.h"

/*
 * Which value a node keeps when several trials snap onto it.  Optuna up to
 * 3.2 keeps the last trial (in trial-number order) -- INTERP_DUP_LAST, used
 * to reproduce its grids; Optuna 3.3+ keeps the best, which hpreport's
 * contour figure does (INTERP_DUP_MIN for minimize, INTERP_DUP_MAX for
 * maximize) so that a good trial is never hidden by a worse neighbour.
 */
enum interp_dup {
	INTERP_DUP_LAST,
	INTERP_DUP_MIN,
	INTERP_DUP_MAX
};

/*
 * Fills g[0..n) with n evenly spaced nodes from lo to hi inclusive, as
 * numpy's linspace (log = 0) or logspace of log10(lo)..log10(hi) (log = 1)
 * compute them, so that snapping picks the same nodes Optuna does.
 */
void interp_axis_nodes(double lo, double hi, int log, size_t n, double *g);

/* Index of the node nearest to v in g[0..n) by |g[i] - v| (first on ties),
 * on the raw values even for log grids, as Optuna's argmin does.  g must
 * ascend (binary search: O(log n)). */
size_t interp_nearest(const double *g, size_t n, double v);

/*
 * Snaps the m points (x[i], y[i]) with values z[i] to the grid xi[nx] x
 * yi[ny] and writes the node values into grid[nx * ny]: NaN where no point
 * landed.  Points are taken in the given order; `dup` settles collisions.
 * Non-finite z are skipped.  Returns the number of nodes that got a value.
 */
size_t interp_zmap(const double *x, const double *y, const double *z, size_t m,
    const double *xi, size_t nx, const double *yi, size_t ny,
    enum interp_dup dup, double *grid);

/*
 * Replaces every NaN node of grid[nx * ny] by the solution of the discrete
 * Laplace equation: a free node equals the mean of its existing neighbours,
 * known nodes stay fixed.  At least one node must be known, else -1 with
 * err (and the grid is left as it was).  Memory is O(nx * ny * min(nx, ny)).
 */
int interp_laplace_fill(double *grid, size_t nx, size_t ny, struct hp_err *err);

/*
 * The smooth surface (the contour figure's default): a Nadaraya-Watson
 * kernel regression of the m values z at fractional node coordinates
 * (u[i], v[i]) (0 .. nx - 1 along x, 0 .. ny - 1 along y), Gaussian of
 * sd sx and sy nodes.  Points are binned onto the nodes first (linearly;
 * to the nearest node along an axis whose sd is 0), then the binned sums
 * and weights are blurred along each axis separately, truncated at 3 sd,
 * so the cost is O(m + nx * ny * (sx + sy)).  An axis with sd 0 is
 * discrete: no value leaks from one node (a category) to the next.
 * grid[nx * ny] gets the weighted mean, NaN where the weight is below
 * 1 % of one point's own (no point within reach).  Non-finite z are
 * skipped.  Returns the number of nodes with a value.
 */
size_t interp_kernel_smooth(const double *u, const double *v, const double *z,
    size_t m, size_t nx, size_t ny, double sx, double sy, double *grid);

/*
 * Fills the NaN nodes of each line of grid[nx * ny] along x (along_x = 1)
 * or along y by linear interpolation between the line's nearest known
 * nodes, and with the end value beyond its first and last: the lines stay
 * independent (the rows of a categorical axis).  A line with no known node
 * stays NaN.
 */
void interp_fill_lines(double *grid, size_t nx, size_t ny, int along_x);

#endif
