/*
 * contour: the objective over the plane of each pair of params (Optuna
 * plot_contour).  Two params give one plot; more give the lower triangle
 * of the pair matrix, each pair once (row = y param, column = x param, the
 * params in order), so that every panel gets room instead of an n x n grid
 * of postage stamps whose upper half repeats the lower one transposed.
 *
 * Two surfaces (--contour-fill).  The default, smooth, is one that reads
 * at any number of trials: the kernel-weighted mean of the trials' values
 * (interp_kernel_smooth: Gaussian, its width by Scott's rule from the
 * spread and number of the pair's trials; of log10 values when the colour
 * bar is logarithmic), continuous axes padded by 5 % as Optuna, and a
 * categorical axis discrete -- one node and one band per choice present,
 * from -0.5 to n - 0.5, nothing smoothed or interpolated from one choice
 * to the next.  The other, laplace, follows Optuna's semantics (interp.h):
 * axis ranges padded by 5 % of the values present (log axes in log
 * space), categorical axes in choice order over the choices present with
 * the same padding; the trial values of the trials that have both params
 * are snapped to a regular grid and the empty nodes filled by solving the
 * discrete Laplace equation; when several trials land on one node the
 * best one is kept (as Optuna 3.3+ does; Optuna 3.1 kept the last).  Either
 * way a continuous axis has o->contour_grid nodes (by default 100 as
 * Optuna for one pair, 64 for the panels of a matrix).
 *
 * Drawing: grid cells as rectangles coloured by band (runs of one band in
 * a row merged into one rectangle), thin contour lines at the band edges
 * (marching squares; left out of a panel whose surface is so noisy that
 * they would be thousands of tiny rings); a pair with a discrete axis as
 * rows of one band each (add_discrete), trials spread across their
 * choice's band; trial points on top and the best trial as a red star.
 * The surface uses every trial; past PLOT_SAMPLE_CAP trials the points
 * drawn are a sample by rank (plot.h), said in a note.  A pair's trial arrays are made by the thread that
 * solves it and freed right after, so a 16-param matrix of 100,000 trials
 * does not hold 120 copies of them at once.
 * The band edges are round numbers over the range of the grid values,
 * each ticked on the colour bar, on a log scale when the trial values
 * call for one (plot_objective_log: the surface's smaller range would
 * keep a 139x study linear and every good trial in one band); one colour bar serves every
 * panel, good = bright whatever the direction.  The pairs' grids are solved on a few threads.
 *
 * Data (data/contour.csv): the filled grid of every pair shown in the
 * grid layout of fig_table_grid (x_param, y_param, y, z0 .. z<N-1>; a row
 * naming the pair with the x nodes, then a row per y node with the value
 * at each x node).  A discrete axis's nodes are the choice indices
 * 0 .. n - 1; cells past a pair's last x node, and combinations of two
 * discrete axes that no trial tried, are empty.  Values have 7
 * significant digits.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include <unistd.h>

#include "hpreport/analysis.h"
#include "hpreport/interp.h"
#include "hpreport/plot.h"

#define CONTOUR_PAD	0.05	/* Optuna's PADDING_RATIO */
#define CONTOUR_BANDS	12
#define CONTOUR_CELL	165	/* points per matrix panel */
#define CONTOUR_GRID_ONE	100	/* default grid nodes per axis: one pair */
#define CONTOUR_GRID_MATRIX	64	/* default grid nodes per axis: matrix panels */
#define CONTOUR_MAX_SEGMENTS 3000	/* more contour-line pieces: no lines in that panel */
#define CONTOUR_MAX_PARTED	12	/* more choices: no white lines between them */

/* One param as a contour axis: where each trial sits, the range, the grid. */
struct caxis {
	const struct hp_param *p;
	double	*pos;		/* [ntrials] position on the axis, NaN = absent */
	double	 lo, hi;
	int	 log;
	size_t	 ndistinct;	/* distinct values present */
	char	**cats;		/* categorical: labels of the choices present */
	size_t	 ncats;
	size_t	*count;		/* categorical: [ncats] trials of each choice */
	int	 discrete;	/* categorical, one node per choice (smooth fill) */
	double	*nodes;		/* [nn] */
	size_t	 nn;
};

static void
caxis_init(struct caxis *a, const struct hp_study *st, size_t param,
    const size_t *tr, size_t n, size_t grid, int discrete)
{
	const struct hp_param *p = &st->params[param];
	double *v = hp_calloc(n + 1, sizeof(double));
	size_t m = 0;

	memset(a, 0, sizeof(*a));
	a->p = p;
	a->pos = hp_calloc(st->ntrials + 1, sizeof(double));
	for (size_t t = 0; t < st->ntrials; t++)
		a->pos[t] = NAN;
	for (size_t i = 0; i < n; i++)
		if (!isnan(p->v[tr[i]]))
			v[m++] = p->v[tr[i]];
	qsort(v, m, sizeof(double), hp_cmp_double);
	for (size_t i = 0; i < m; i++)
		a->ndistinct += i == 0 || v[i] != v[i - 1];

	if (p->dist.kind == HP_DIST_CATEGORICAL) {
		/* the choices present, in choice order, at 0, 1, ... */
		size_t *slot = hp_calloc(p->dist.nchoices + 1, sizeof(size_t));
		char buf[256];
		double span;

		for (size_t i = 0; i < m; i++)
			slot[(size_t)v[i]] = 1;
		a->cats = hp_calloc(p->dist.nchoices + 1, sizeof(char *));
		for (size_t c = 0; c < p->dist.nchoices; c++)
			if (slot[c]) {
				slot[c] = a->ncats;
				a->cats[a->ncats++] = hp_strdup(hp_choice_label(
				    &p->dist.choices[c], buf, sizeof(buf)));
			}
		a->count = hp_calloc(a->ncats + 1, sizeof(size_t));
		for (size_t i = 0; i < n; i++)
			if (!isnan(p->v[tr[i]])) {
				a->pos[tr[i]] = (double)slot[(size_t)p->v[tr[i]]];
				a->count[slot[(size_t)p->v[tr[i]]]]++;
			}
		free(slot);
		span = a->ncats > 0 ? (double)a->ncats - 1 : 0;
		a->lo = -span * CONTOUR_PAD;
		a->hi = span + span * CONTOUR_PAD;
		if (span == 0 || discrete) {
			/* a band of one unit for each choice */
			a->lo = -0.5;
			a->hi = span + 0.5;
		}
		if (discrete) {
			a->discrete = 1;
			a->nn = a->ncats;
			a->nodes = hp_calloc(a->nn + 1, sizeof(double));
			for (size_t c = 0; c < a->nn; c++)
				a->nodes[c] = (double)c;
			free(v);
			return;
		}
	} else {
		a->log = p->dist.log;
		for (size_t i = 0; i < n; i++)
			a->pos[tr[i]] = p->v[tr[i]];
		if (m > 0 && v[0] < v[m - 1]) {
			double lo = v[0], hi = v[m - 1];

			/* the padding stays inside the doubles (a 600-decade
			 * span padded by 5% went below 1e-308: log10(0)) */
			if (a->log) {
				double pad = (log10(hi) - log10(lo)) * CONTOUR_PAD;

				a->lo = pow(10, fmax(log10(lo) - pad, -307));
				a->hi = pow(10, fmin(log10(hi) + pad, 308));
			} else {
				double pad = (hi / 2 - lo / 2) * 2 * CONTOUR_PAD;

				a->lo = fmax(lo - pad, -DBL_MAX);
				a->hi = fmin(hi + pad, DBL_MAX);
			}
		} else {
			fig_range(v, m, a->log, CONTOUR_PAD, &a->lo, &a->hi);
		}
	}
	a->nn = grid;
	a->nodes = hp_calloc(grid, sizeof(double));
	interp_axis_nodes(a->lo, a->hi, a->log, grid, a->nodes);
	free(v);
}

static void
caxis_release(struct caxis *a)
{
	free(a->pos);
	for (size_t i = 0; i < a->ncats; i++)
		free(a->cats[i]);
	free(a->cats);
	free(a->count);
	free(a->nodes);
}

static void
caxis_to_fig(const struct caxis *a, struct fig_axis *fa, long best)
{
	if (a->p->dist.kind == HP_DIST_CATEGORICAL) {
		double *w = hp_calloc(a->ncats + 1, sizeof(double));
		/* Laplace fill: Optuna's padded range rather than -0.5 ..
		 * n - 0.5, so that the grid covers exactly what the axis shows */
		fig_axis_categorical(fa, a->cats, a->ncats, a->p->name);
		fa->lo = a->lo;
		fa->hi = a->hi;
		/* labels that do not all fit: the best trial's, the most sampled */
		for (size_t c = 0; c < a->ncats; c++)
			w[c] = (double)a->count[c];
		fig_axis_label_priority(fa, w, best >= 0 && !isnan(a->pos[best]) ?
		    (long)a->pos[best] : -1);
		free(w);
	} else if (a->log) {
		fig_axis_log(fa, a->lo, a->hi, a->p->name);
	} else {
		fig_axis_linear(fa, a->lo, a->hi, a->p->name);
		fa->integer = a->p->dist.kind == HP_DIST_INT;
	}
}

/* Position between nodes a and b at fraction t, geometric on log axes. */
static double
between(double a, double b, double t, int log)
{
	return log ? a * pow(b / a, t) : a + (b - a) * t;
}

/* Band of value z among levels[0..nl) (nl - 1 bands). */
static size_t
band_of(const double *levels, size_t nl, double z)
{
	size_t b = 0;

	while (b + 2 < nl && z >= levels[b + 1])
		b++;
	return b;
}

/* A run of grid cells of one base band: cells [s, e), rectangle r. */
struct crun {
	size_t	s, e, band, r;
};

/* Growable rectangles and polygons of one panel's bands. */
struct cbands {
	double	*x1, *x2, *y1, *y2, *rc;	/* rectangles */
	size_t	 nr, capr;
	double	*px, *py;			/* polygon vertices */
	size_t	 nv, capv;
	size_t	*off;				/* [np + 1] */
	double	*pc;				/* [np] */
	size_t	*pband;				/* [np] band, for the drawing order */
	size_t	 np, capp;
};

static void
cbands_rect(struct cbands *B, double x1, double x2, double y1, double y2, double c)
{
	hp_grow(&B->x1, &B->capr, B->nr + 1, sizeof(double));
	B->x2 = hp_reallocarray(B->x2, B->capr, sizeof(double));
	B->y1 = hp_reallocarray(B->y1, B->capr, sizeof(double));
	B->y2 = hp_reallocarray(B->y2, B->capr, sizeof(double));
	B->rc = hp_reallocarray(B->rc, B->capr, sizeof(double));
	B->x1[B->nr] = x1;
	B->x2[B->nr] = x2;
	B->y1[B->nr] = y1;
	B->y2[B->nr] = y2;
	B->rc[B->nr] = c;
	B->nr++;
}

/*
 * Filled bands.  Each grid cell (between four nodes) is first painted in
 * the band of its lowest corner -- runs of equal cells along a row merged
 * into one rectangle, and with the identical run of the row below when
 * there is one -- and a cell that a band edge crosses then gets, for each
 * higher band it reaches, the polygon where the value is above that edge,
 * in rising band order: the same crossings the contour lines use, so band
 * edges are smooth rather than stair-stepped.  Inner rectangle edges are
 * pushed out by 15 % of a cell and polygons grown by 20 % about the cell
 * centre, so neighbours overlap slightly and no anti-aliased seam shows.
 * A surface with more than CONTOUR_MAX_SEGMENTS crossings (noise) is drawn
 * as plain node cells instead.
 */
/* Band-edge crossings of all cells: the polygons add_bands would make. */
static size_t
count_crossings(const double *z, size_t nx, size_t ny, const double *levels,
    size_t nl)
{
	size_t n = 0;

	for (size_t cy = 0; cy + 1 < ny; cy++)
		for (size_t cx = 0; cx + 1 < nx; cx++) {
			const double *z0 = z + cy * nx + cx, *z1 = z0 + nx;
			double lo = fmin(fmin(z0[0], z0[1]), fmin(z1[0], z1[1]));
			double hi = fmax(fmax(z0[0], z0[1]), fmax(z1[0], z1[1]));

			n += band_of(levels, nl, hi) - band_of(levels, nl, lo);
		}
	return n;
}

static void add_node_cells(struct fig_panel *pn, const double *z,
    const struct caxis *ax, const struct caxis *ay, const double *levels,
    size_t nl);

static void
add_bands(struct fig_panel *pn, const double *z, const struct caxis *ax,
    const struct caxis *ay, const double *levels, size_t nl)
{
	size_t nx = ax->nn, ny = ay->nn;
	struct cbands B;
	struct crun *prev = hp_calloc(nx + 1, sizeof(*prev));
	struct crun *cur = hp_calloc(nx + 1, sizeof(*cur));
	size_t nprev = 0;
	struct fig_mark *m;

	/* a noisy surface would need tens of thousands of slivers that no
	 * eye resolves and every SVG viewer chokes on: plain node cells */
	if (count_crossings(z, nx, ny, levels, nl) > CONTOUR_MAX_SEGMENTS) {
		add_node_cells(pn, z, ax, ay, levels, nl);
		free(prev);
		free(cur);
		return;
	}
	memset(&B, 0, sizeof(B));
	for (size_t cy = 0; cy + 1 < ny; cy++) {
		double ylo = cy == 0 ? ay->lo : between(ay->nodes[cy], ay->nodes[cy + 1], -0.15, ay->log);
		double yhi = cy + 2 == ny ? ay->hi : between(ay->nodes[cy], ay->nodes[cy + 1], 1.15, ay->log);
		size_t cx = 0, pi = 0, ncur = 0;

		while (cx + 1 < nx) {
			size_t e = cx, b = SIZE_MAX;
			struct crun *r;

			/* a run of cells whose lowest corner has band b */
			for (; e + 1 < nx; e++) {
				const double *z0 = z + cy * nx + e, *z1 = z0 + nx;
				double lo = fmin(fmin(z0[0], z0[1]), fmin(z1[0], z1[1]));
				double hi = fmax(fmax(z0[0], z0[1]), fmax(z1[0], z1[1]));
				size_t bl = band_of(levels, nl, lo), bh = band_of(levels, nl, hi);

				if (b == SIZE_MAX)
					b = bl;
				else if (bl != b)
					break;
				/* polygons of the higher bands in this cell */
				for (size_t k = bl + 1; k <= bh; k++) {
					double v[4] = { z0[0], z0[1], z1[1], z1[0] }, tx[8], ty[8];
					int nv = plot_clip_cell(v, levels[k], tx, ty);

					if (nv < 3)
						continue;
					hp_grow(&B.px, &B.capv, B.nv + (size_t)nv, sizeof(double));
					B.py = hp_reallocarray(B.py, B.capv, sizeof(double));
					for (int q = 0; q < nv; q++) {
						double ux = 0.5 + (tx[q] - 0.5) * 1.2;
						double uy = 0.5 + (ty[q] - 0.5) * 1.2;

						B.px[B.nv] = between(ax->nodes[e], ax->nodes[e + 1], ux, ax->log);
						B.py[B.nv] = between(ay->nodes[cy], ay->nodes[cy + 1], uy, ay->log);
						B.nv++;
					}
					hp_grow(&B.pc, &B.capp, B.np + 1, sizeof(double));
					B.pband = hp_reallocarray(B.pband, B.capp, sizeof(size_t));
					B.off = hp_reallocarray(B.off, B.capp + 1, sizeof(size_t));
					B.off[B.np] = B.nv - (size_t)nv;
					B.pc[B.np] = 0.5 * (levels[k] + levels[k + 1]);
					B.pband[B.np] = k;
					B.np++;
				}
			}
			r = &cur[ncur++];
			r->s = cx;
			r->e = e;
			r->band = b;
			while (pi < nprev && prev[pi].s < cx)
				pi++;
			if (pi < nprev && prev[pi].s == cx && prev[pi].e == e &&
			    prev[pi].band == b) {
				r->r = prev[pi].r;	/* same run below: grow it */
				B.y2[r->r] = yhi;
			} else {
				r->r = B.nr;
				cbands_rect(&B,
				    cx == 0 ? ax->lo : between(ax->nodes[cx], ax->nodes[cx + 1], -0.15, ax->log),
				    e + 1 == nx ? ax->hi : between(ax->nodes[e - 1], ax->nodes[e], 1.15, ax->log),
				    ylo, yhi, 0.5 * (levels[b] + levels[b + 1]));
			}
			cx = e;
		}
		{
			struct crun *t = prev;

			prev = cur;
			cur = t;
			nprev = ncur;
		}
	}
	m = fig_add_mark(pn, FIG_MARK_RECTS, B.x1, B.y1, B.nr);
	fig_mark_set_x2y2(m, B.x2, B.y2);
	fig_mark_set_c(m, B.rc, B.nr);
	m->stroke.a = 0;
	if (B.np > 0) {
		/* polygons in rising band order (stable: cells keep their order) */
		double *x = hp_calloc(B.nv, sizeof(double)), *y = hp_calloc(B.nv, sizeof(double));
		double *c = hp_calloc(B.np, sizeof(double));
		size_t *off = hp_calloc(B.np + 1, sizeof(size_t)), np = 0, nv = 0;

		B.off[B.np] = B.nv;
		for (size_t k = 1; k < nl; k++)
			for (size_t i = 0; i < B.np; i++) {
				size_t len = B.off[i + 1] - B.off[i];

				if (B.pband[i] != k)
					continue;
				memcpy(x + nv, B.px + B.off[i], len * sizeof(double));
				memcpy(y + nv, B.py + B.off[i], len * sizeof(double));
				off[np] = nv;
				c[np++] = B.pc[i];
				nv += len;
			}
		off[np] = nv;
		m = fig_add_polygons(pn, x, y, off, np, c);
		m->stroke.a = 0;
		free(x);
		free(y);
		free(c);
		free(off);
	}
	free(B.x1); free(B.x2); free(B.y1); free(B.y2); free(B.rc);
	free(B.px); free(B.py); free(B.off); free(B.pc); free(B.pband);
	free(prev);
	free(cur);
}

/*
 * Filled bands of a noisy surface, as node cells: runs of one band along a grid row, merged
 * with the identical run of the row below when there is one (smooth
 * surfaces then need a few hundred rectangles, not g * g).  Cell edges lie
 * half-way between nodes; every inner edge is pushed out by 15 % of a cell
 * so that neighbours overlap a little and no anti-aliased seam shows
 * between them, whatever the drawing order.
 */
static void
add_node_cells(struct fig_panel *pn, const double *z, const struct caxis *ax,
    const struct caxis *ay, const double *levels, size_t nl)
{
	size_t nx = ax->nn, ny = ay->nn, cap = 64, n = 0, nprev = 0, ncur = 0;
	double *x1 = hp_calloc(cap, sizeof(double)), *x2 = hp_calloc(cap, sizeof(double));
	double *y1 = hp_calloc(cap, sizeof(double)), *y2 = hp_calloc(cap, sizeof(double));
	double *c = hp_calloc(cap, sizeof(double));
	struct crun *prev = hp_calloc(nx + 1, sizeof(*prev));
	struct crun *cur = hp_calloc(nx + 1, sizeof(*cur));
	struct fig_mark *m;

	for (size_t iy = 0; iy < ny; iy++) {
		double ylo = iy == 0 ? ay->lo : between(ay->nodes[iy - 1], ay->nodes[iy], 0.35, ay->log);
		double yhi = iy + 1 == ny ? ay->hi : between(ay->nodes[iy], ay->nodes[iy + 1], 0.65, ay->log);
		size_t ix = 0, pi = 0;

		ncur = 0;
		while (ix < nx) {
			size_t b = band_of(levels, nl, z[iy * nx + ix]), e = ix + 1;
			struct crun *r = &cur[ncur++];

			while (e < nx && band_of(levels, nl, z[iy * nx + e]) == b)
				e++;
			r->s = ix;
			r->e = e;
			r->band = b;
			while (pi < nprev && prev[pi].s < ix)
				pi++;
			if (pi < nprev && prev[pi].s == ix && prev[pi].e == e &&
			    prev[pi].band == b) {
				r->r = prev[pi].r;	/* same run below: grow it */
				y2[r->r] = yhi;
				ix = e;
				continue;
			}
			if (n == cap) {
				cap *= 2;
				x1 = hp_reallocarray(x1, cap, sizeof(double));
				x2 = hp_reallocarray(x2, cap, sizeof(double));
				y1 = hp_reallocarray(y1, cap, sizeof(double));
				y2 = hp_reallocarray(y2, cap, sizeof(double));
				c = hp_reallocarray(c, cap, sizeof(double));
			}
			r->r = n;
			x1[n] = ix == 0 ? ax->lo : between(ax->nodes[ix - 1], ax->nodes[ix], 0.35, ax->log);
			x2[n] = e == nx ? ax->hi : between(ax->nodes[e - 1], ax->nodes[e], 0.65, ax->log);
			y1[n] = ylo;
			y2[n] = yhi;
			c[n] = 0.5 * (levels[b] + levels[b + 1]);
			n++;
			ix = e;
		}
		{
			struct crun *t = prev;

			prev = cur;
			cur = t;
			nprev = ncur;
		}
	}
	m = fig_add_mark(pn, FIG_MARK_RECTS, x1, y1, n);
	fig_mark_set_x2y2(m, x2, y2);
	fig_mark_set_c(m, c, n);
	m->stroke.a = 0;
	free(x1);
	free(x2);
	free(y1);
	free(y2);
	free(c);
	free(prev);
	free(cur);
}

/* Contour lines at the inner band edges by marching squares, as one line
 * mark of segments separated by NaN. */
static void
add_lines(struct fig_panel *pn, const double *z, const struct caxis *ax,
    const struct caxis *ay, const double *levels, size_t nl)
{
	size_t nx = ax->nn, ny = ay->nn, cap = 256, n = 0;
	double *x = hp_calloc(cap, sizeof(double)), *y = hp_calloc(cap, sizeof(double));
	struct fig_mark *m;

	for (size_t l = 1; l + 1 < nl; l++) {
		double L = levels[l];

		for (size_t iy = 0; iy + 1 < ny; iy++)
			for (size_t ix = 0; ix + 1 < nx; ix++) {
				/* corners counter-clockwise from bottom-left */
				double v[4] = { z[iy * nx + ix], z[iy * nx + ix + 1],
				    z[(iy + 1) * nx + ix + 1], z[(iy + 1) * nx + ix] };
				double px[4], py[4];
				int k = 0;

				for (int e = 0; e < 4; e++) {
					double a = v[e], b = v[(e + 1) % 4], t;
					size_t cx[4] = { ix, ix + 1, ix + 1, ix };
					size_t cy[4] = { iy, iy, iy + 1, iy + 1 };
					int e2 = (e + 1) % 4;

					if ((a < L) == (b < L))
						continue;
					t = (L - a) / (b - a);
					px[k] = between(ax->nodes[cx[e]], ax->nodes[cx[e2]], t, ax->log);
					py[k] = between(ay->nodes[cy[e]], ay->nodes[cy[e2]], t, ay->log);
					k++;
				}
				if (k < 2)
					continue;
				if (n + 7 > cap) {
					cap *= 2;
					x = hp_reallocarray(x, cap, sizeof(double));
					y = hp_reallocarray(y, cap, sizeof(double));
				}
				/* two crossings: one segment; four (saddle): pair them in order */
				for (int s = 0; s + 1 < k; s += 2) {
					x[n] = px[s];
					y[n++] = py[s];
					x[n] = px[s + 1];
					y[n++] = py[s + 1];
					x[n] = NAN;
					y[n++] = NAN;
				}
			}
	}
	/* a noisy surface (many trials scattered at random) gives thousands
	 * of tiny rings: clutter that hides the bands and slows every viewer,
	 * so such a panel keeps its bands only */
	if (n / 3 > CONTOUR_MAX_SEGMENTS) {
		free(x);
		free(y);
		return;
	}
	m = fig_add_mark(pn, FIG_MARK_LINE, x, y, n);
	m->color = (struct fig_rgba){ 0.1, 0.1, 0.1, 0.35 };
	m->size = 0.5;
	free(x);
	free(y);
}

/* a shifted by fraction f of axis A's span (geometric on a log axis). */
static double
nudge(const struct caxis *A, double a, double f)
{
	return A->log ? a * pow(A->hi / A->lo, f) : a + (A->hi - A->lo) * f;
}

/* Growable rectangles (x..x2 by y..y2, colour c) and line segments. */
struct cdraw {
	double	*x1, *x2, *y1, *y2, *c;
	size_t	 nr, capr;
	double	*lx, *ly;		/* segments, each ended by NaN */
	size_t	 nl, capl;
};

/* Rectangle a0..a1 along A by r0..r1 across; swap: A is the y axis. */
static void
cdraw_rect(struct cdraw *D, int swap, double a0, double a1, double r0,
    double r1, double c)
{
	hp_grow(&D->x1, &D->capr, D->nr + 1, sizeof(double));
	D->x2 = hp_reallocarray(D->x2, D->capr, sizeof(double));
	D->y1 = hp_reallocarray(D->y1, D->capr, sizeof(double));
	D->y2 = hp_reallocarray(D->y2, D->capr, sizeof(double));
	D->c = hp_reallocarray(D->c, D->capr, sizeof(double));
	D->x1[D->nr] = swap ? r0 : a0;
	D->x2[D->nr] = swap ? r1 : a1;
	D->y1[D->nr] = swap ? a0 : r0;
	D->y2[D->nr] = swap ? a1 : r1;
	D->c[D->nr] = c;
	D->nr++;
}

/* Segment from (a, r0) to (a, r1) in along/across coordinates. */
static void
cdraw_seg(struct cdraw *D, int swap, double a, double r0, double r1)
{
	hp_grow(&D->lx, &D->capl, D->nl + 3, sizeof(double));
	D->ly = hp_reallocarray(D->ly, D->capl, sizeof(double));
	D->lx[D->nl] = swap ? r0 : a;
	D->ly[D->nl++] = swap ? a : r0;
	D->lx[D->nl] = swap ? r1 : a;
	D->ly[D->nl++] = swap ? a : r1;
	D->lx[D->nl] = NAN;
	D->ly[D->nl++] = NAN;
}

/*
 * A pair with a discrete (categorical) axis: each choice is a band of its
 * own, a row across the other axis, with the values of its own trials
 * only -- nothing is interpolated between choices.  Along a continuous
 * axis the row's value is linear between nodes and the band edges sit
 * exactly where it crosses them (a short contour line marks each); along
 * a discrete one every choice is a cell.  Rectangles reach 0.4 % of the
 * axis past their end so that no anti-aliased seam shows; thin white
 * lines part the choices (up to CONTOUR_MAX_PARTED).  Empty cells (a combination no trial tried)
 * stay blank.
 */
static void
add_discrete(struct fig_panel *pn, const double *z, const struct caxis *ax,
    const struct caxis *ay, const double *levels, size_t nl)
{
	int swap = !ay->discrete;	/* rows along x: y is continuous */
	const struct caxis *R = swap ? ax : ay, *A = swap ? ay : ax;
	size_t nx = ax->nn;
	struct cdraw D;
	struct fig_mark *m;

	memset(&D, 0, sizeof(D));
	for (size_t r = 0; r < R->nn; r++) {
		double r0 = (double)r - 0.5, r1 = (double)r + 0.5, start = A->lo;
		size_t b = 0;
		int open = 0;

		for (size_t i = 0; i < A->nn; i++) {
			double zi = swap ? z[i * nx + r] : z[r * nx + i];
			size_t bi;

			if (A->discrete) {	/* cells: runs of one band merged */
				if (open && (isnan(zi) || band_of(levels, nl, zi) != b)) {
					cdraw_rect(&D, swap, start, (double)i - 0.5 +
					    (isnan(zi) ? 0 : 0.004 * (A->hi - A->lo)),
					    r0, r1, 0.5 * (levels[b] + levels[b + 1]));
					open = 0;
				}
				if (!isnan(zi) && !open) {
					start = (double)i - 0.5;
					b = band_of(levels, nl, zi);
					open = 1;
				}
				continue;
			}
			if (isnan(zi))
				break;		/* a row without trials */
			bi = band_of(levels, nl, zi);
			if (i == 0) {
				b = bi;
				open = 1;
				continue;
			}
			/* the edges crossed between node i - 1 and i */
			while (b != bi) {
				double zp = swap ? z[(i - 1) * nx + r] : z[r * nx + i - 1];
				double L = bi > b ? levels[b + 1] : levels[b];
				double a = between(A->nodes[i - 1], A->nodes[i],
				    (L - zp) / (zi - zp), A->log);

				cdraw_rect(&D, swap, start, nudge(A, a, 0.004), r0, r1,
				    0.5 * (levels[b] + levels[b + 1]));
				cdraw_seg(&D, swap, a, r0, r1);
				start = a;
				b = bi > b ? b + 1 : b - 1;
			}
		}
		if (open)
			cdraw_rect(&D, swap, start, A->hi, r0, r1,
			    0.5 * (levels[b] + levels[b + 1]));
	}
	m = fig_add_mark(pn, FIG_MARK_RECTS, D.x1, D.y1, D.nr);
	fig_mark_set_x2y2(m, D.x2, D.y2);
	fig_mark_set_c(m, D.c, D.nr);
	m->stroke.a = 0;
	if (D.nl > 0) {
		m = fig_add_mark(pn, FIG_MARK_LINE, D.lx, D.ly, D.nl);
		m->color = (struct fig_rgba){ 0.1, 0.1, 0.1, 0.35 };
		m->size = 0.5;
	}
	/* white lines between the choices, where bands are wide enough for
	 * them not to turn the panel into stripes */
	D.nl = 0;
	for (size_t r = 0; R->nn <= CONTOUR_MAX_PARTED && r + 1 < R->nn; r++)
		cdraw_seg(&D, !swap, (double)r + 0.5, A->lo, A->hi);
	for (size_t i = 0; A->discrete && A->nn <= CONTOUR_MAX_PARTED &&
	    i + 1 < A->nn; i++)
		cdraw_seg(&D, swap, (double)i + 0.5, R->lo, R->hi);
	if (D.nl > 0) {
		m = fig_add_mark(pn, FIG_MARK_LINE, D.lx, D.ly, D.nl);
		m->color = (struct fig_rgba){ 1, 1, 1, 0.9 };
		m->size = 1;
	}
	free(D.x1); free(D.x2); free(D.y1); free(D.y2); free(D.c);
	free(D.lx); free(D.ly);
}

/* Range of the filled grid values of every grid of the figure (one colour
 * bar serves every panel). */
static void
grid_range(double *const *grids, const size_t *sizes, size_t npairs, double *lo,
    double *hi)
{
	*lo = INFINITY;
	*hi = -INFINITY;
	for (size_t p = 0; p < npairs; p++)
		for (size_t i = 0; grids[p] && i < sizes[p]; i++)
			if (isfinite(grids[p][i])) {
				*lo = fmin(*lo, grids[p][i]);
				*hi = fmax(*hi, grids[p][i]);
			}
	if (!(*lo <= *hi))
		*lo = *hi = 0;
}

/* The grid of one pair as rows of the data table (fig_table_grid). */
static void
grid_table(struct fig_table *t, const struct caxis *ax, const struct caxis *ay,
    const double *z)
{
	size_t nx = ax->nn, ny = ay->nn;
	char *buf = hp_malloc((nx + ny) * 32);
	const char **xs = hp_calloc(nx + ny, sizeof(char *)), **ys = xs + nx;

	for (size_t i = 0; i < nx; i++)
		xs[i] = hp_fmt_model(buf + i * 32, 32, ax->nodes[i]);
	for (size_t i = 0; i < ny; i++)
		ys[i] = hp_fmt_model(buf + (nx + i) * 32, 32, ay->nodes[i]);
	fig_table_grid(t, ax->p->name, ay->p->name, xs, nx, ys, ny, z);
	free(xs);
	free(buf);
}

/* One pair of params and its grid. */
struct cpair {
	const struct caxis *X, *Y;
	int	 row, col;	/* panel */
	size_t	 m;		/* trials with both params */
	size_t	 nd;		/* of them, drawn (in the sample) */
	double	*px, *py;	/* [nd] positions of the drawn ones */
	int	*id;		/* [nd] their trial numbers */
	double	*z;		/* [X->nn * Y->nn] filled grid; NULL when not drawable */
	int	 failed;	/* the Laplace solve failed */
};

/* Position of axis value x in node units (fractional; the choice's
 * index on a discrete axis). */
static double
node_coord(const struct caxis *a, double x)
{
	if (a->discrete)
		return x;
	if (a->log)
		return (log10(x) - log10(a->lo)) / (log10(a->hi) - log10(a->lo)) *
		    (double)(a->nn - 1);
	/* in halves: -1e308 .. 1e308 is a span no double holds */
	return (x / 2 - a->lo / 2) / (a->hi / 2 - a->lo / 2) * (double)(a->nn - 1);
}

/*
 * Kernel sd of a continuous axis, in nodes: Scott's rule, the spread of
 * the m positions (in units of the axis range) times n^(-1/(d + 4)), with
 * d the pair's continuous axes and n the trials per discrete band, kept
 * within 2 % .. 25 % of the range.
 */
static double
kernel_sd(const struct caxis *a, const double *u, size_t m, double n, int d)
{
	double mean = 0, var = 0, s;

	if (a->discrete || m < 2)
		return a->discrete ? 0 : 0.25 * (double)(a->nn - 1);
	for (size_t i = 0; i < m; i++)
		mean += u[i];
	mean /= (double)m;
	for (size_t i = 0; i < m; i++)
		var += (u[i] - mean) * (u[i] - mean);
	s = sqrt(var / (double)(m - 1)) / (double)(a->nn - 1) *
	    pow(fmax(n, 1), -1.0 / (d + 4));
	return fmin(fmax(s, 0.02), 0.25) * (double)(a->nn - 1);
}

/*
 * The smooth surface of pair p from its m trials at (x, y) with values z
 * (overwritten): the kernel-weighted mean (interp_kernel_smooth), of
 * log10 values when the colour scale is logarithmic; nodes out of every
 * kernel's reach are filled by the Laplace equation, or along the rows of
 * a discrete axis so that choices stay apart.  A discrete x discrete pair
 * keeps the combinations no trial tried empty.
 */
static void
smooth_pair(struct cpair *p, double *x, double *y, double *z, int logz)
{
	const struct caxis *X = p->X, *Y = p->Y;
	size_t nx = X->nn, ny = Y->nn, m = p->m;
	double n = (double)m * (X->discrete ? 1.0 / (double)nx : 1) *
	    (Y->discrete ? 1.0 / (double)ny : 1);
	int d = !X->discrete + !Y->discrete;
	struct hp_err e;

	for (size_t i = 0; i < m; i++) {
		x[i] = node_coord(X, x[i]);
		y[i] = node_coord(Y, y[i]);
		if (logz)
			z[i] = log10(z[i]);
	}
	interp_kernel_smooth(x, y, z, m, nx, ny, kernel_sd(X, x, m, n, d),
	    kernel_sd(Y, y, m, n, d), p->z);
	if (X->discrete && !Y->discrete)
		interp_fill_lines(p->z, nx, ny, 0);
	else if (Y->discrete && !X->discrete)
		interp_fill_lines(p->z, nx, ny, 1);
	else if (!X->discrete && interp_laplace_fill(p->z, nx, ny, &e) < 0)
		p->failed = 1;
	if (logz)
		for (size_t i = 0; i < nx * ny; i++)
			p->z[i] = pow(10, p->z[i]);
}

/* A worker's share: pairs first, first + stride, ... (fixed, so the
 * result does not depend on scheduling). */
struct cwork {
	struct cpair	*pairs;
	size_t		 npairs, first, stride;
	enum plot_contour_fill fill;
	int		 logz;		/* smooth log10 of the values */
	enum interp_dup	 dup;
	const size_t	*tr;		/* [n] the trials shown */
	const double	*val;		/* [n] their objective values */
	size_t		 n;
};

static void *
contour_worker(void *arg)
{
	struct cwork *w = arg;
	double *px = hp_calloc(w->n + 1, sizeof(double));
	double *py = hp_calloc(w->n + 1, sizeof(double));
	double *pz = hp_calloc(w->n + 1, sizeof(double));

	for (size_t i = w->first; i < w->npairs; i += w->stride) {
		struct cpair *p = &w->pairs[i];
		struct hp_err e;
		size_t m = 0;

		for (size_t t = 0; t < w->n; t++) {
			size_t r = w->tr[t];

			if (isnan(p->X->pos[r]) || isnan(p->Y->pos[r]))
				continue;
			px[m] = p->X->pos[r];
			py[m] = p->Y->pos[r];
			pz[m] = w->val[t];
			m++;
		}
		p->m = m;
		if (p->X->ndistinct < 2 || p->Y->ndistinct < 2 || p->m == 0)
			continue;
		p->z = hp_calloc(p->X->nn * p->Y->nn, sizeof(double));
		if (w->fill == PLOT_CONTOUR_LAPLACE) {
			interp_zmap(px, py, pz, p->m, p->X->nodes, p->X->nn,
			    p->Y->nodes, p->Y->nn, w->dup, p->z);
			if (interp_laplace_fill(p->z, p->X->nn, p->Y->nn, &e) < 0)
				p->failed = 1;
		} else
			smooth_pair(p, px, py, pz, w->logz);
	}
	free(px);
	free(py);
	free(pz);
	return NULL;
}

static void
contour_pair_job(void *arg, size_t i)
{
	struct cwork w = *(const struct cwork *)arg;

	w.first = i;
	w.stride = w.npairs;	/* just pair i */
	contour_worker(&w);
}

/* Fills every pair's grid, the pairs in parallel on pool (NULL = serial). */
static void
solve_pairs(struct hp_pool *pool, struct cpair *pairs, size_t npairs,
    enum plot_contour_fill fill, int logz, enum interp_dup dup, const size_t *tr,
    const double *val, size_t n)
{
	struct cwork w = { pairs, npairs, 0, 1, fill, logz, dup, tr, val, n };

	hp_pool_for(pool, npairs, contour_pair_job, &w);
}

static void
add_pair_marks(struct fig *out, struct fig_panel *pn, const struct cpair *p,
    const double *levels, size_t nl, const struct hp_study *st,
    size_t k, long best, int single)
{
	struct fig_mark *mk;
	double dot = p->m > 1000 ? 1.4 : p->m > 300 ? 1.8 : single ? 4 : 2.8;

	if (p->X->discrete || p->Y->discrete)
		add_discrete(pn, p->z, p->X, p->Y, levels, nl);
	else {
		add_bands(pn, p->z, p->X, p->Y, levels, nl);
		add_lines(pn, p->z, p->X, p->Y, levels, nl);
	}
	if (p->z)	/* fade what no trial supports */
		plot_veil(pn, p->px, p->py, p->nd);
	mk = fig_add_mark(pn, FIG_MARK_POINTS, p->px, p->py, p->nd);
	fig_mark_set_ids(mk, p->id);
	/* small see-through dots (dense panels: without outline), so that
	 * the surface shows between and through them */
	mk->color = (struct fig_rgba){ 0.1, 0.1, 0.1, p->m > 300 ? 0.3 : 0.55 };
	mk->stroke = (struct fig_rgba){ 1, 1, 1, p->m > 300 ? 0 : 0.6 };
	mk->stroke_width = 0.4;
	mk->size = dot;
	if (best >= 0 && !isnan(p->X->pos[best]) && !isnan(p->Y->pos[best])) {
		int bid = st->number[best];
		/* on its dot, jittered as the dots are */
		double bx = p->X->pos[best] + (p->X->discrete ?
		    0.6 * plot_jitter(bid, 1) : 0);
		double by = p->Y->pos[best] + (p->Y->discrete ?
		    0.6 * plot_jitter(bid, 2) : 0);

		mk = fig_add_mark(pn, FIG_MARK_POINTS, &bx, &by, 1);
		plot_best_star(mk, dot);
		fig_mark_set_ids(mk, &bid);
		if (out->legend == 0 && !single) {
			/* a matrix has room for a legend in its empty corner */
			char lab[64];

			fig_mark_set_label(mk, plot_best_label(lab, sizeof(lab), bid,
			    hp_study_value(st, (size_t)best, k)));
			out->legend = 1;
		}
	}
}

int
plot_contour(const struct hp_study *st, size_t k, const struct plot_opts *o,
    struct fig *out, struct hp_err *err)
{
	size_t np, n, ns, nl, npairs = 0, g, ncols = 0, *sizes;
	size_t *params, *tr, *sample;
	double *val;
	struct caxis *ax;
	struct cpair *pairs;
	double *levels, **grids, zlo, zhi;
	long best = hp_study_best(st, k);
	enum interp_dup dup = st->dir[k] == HP_DIR_MAXIMIZE ? INTERP_DUP_MAX : INTERP_DUP_MIN;
	enum plot_contour_fill fill = o ? o->contour_fill : PLOT_CONTOUR_SMOOTH;
	char title[400];
	int rc = 1, single;
	size_t cells, nall;

	char why[160];

	if (st->nparams > 0 && plot_flat_objective(st, k, why, sizeof(why)))
		return fig_skip(out, 0, "%s", why);	/* nothing to draw a surface of */
	params = plot_top_params(st, k, o, &np, &nall);
	tr = plot_finite_trials(st, k, &n);
	if (np < 2 || n == 0) {
		free(params);
		free(tr);
		if (st->nparams == 0)
			return fig_skip(out, 1, "the study has no params");
		if (n == 0)
			return fig_skip(out, 0, "no COMPLETE trial with a finite value");
		return fig_skip(out, 0, "it pairs 2 params; %zu to show", np);
	}
	single = np == 2;
	sample = plot_sample_trials(st, k, tr, n, PLOT_SAMPLE_CAP, &ns);
	cells = single ? 1 : np - 1;
	/* 100 as Optuna for one plot; a matrix panel of ~165 pt gains nothing
	 * visible from more than 64 nodes, and costs 4x the solve and twice
	 * the marks */
	g = o && o->contour_grid >= 2 ? (size_t)o->contour_grid :
	    single ? CONTOUR_GRID_ONE : CONTOUR_GRID_MATRIX;

	/* the axes, and the trials of each pair (single: x first, y second, as Optuna) */
	ax = hp_calloc(np, sizeof(*ax));
	for (size_t j = 0; j < np; j++)
		caxis_init(&ax[j], st, params[j], tr, n, g,
		    fill == PLOT_CONTOUR_SMOOTH);
	pairs = hp_calloc(np * (np - 1) / 2, sizeof(*pairs));
	for (size_t i = 1; i < np; i++)
		for (size_t j = 0; j < i; j++) {
			struct cpair *p = &pairs[npairs++];

			p->X = &ax[j];
			p->Y = &ax[i];
			p->row = single ? 0 : (int)i - 1;
			p->col = single ? 0 : (int)j;
			p->px = hp_calloc(ns + 1, sizeof(double));
			p->py = hp_calloc(ns + 1, sizeof(double));
			p->id = hp_calloc(ns + 1, sizeof(int));
			for (size_t t = 0; t < ns; t++) {
				size_t r = sample[t];

				if (isnan(p->X->pos[r]) || isnan(p->Y->pos[r]))
					continue;
				/* spread across a choice's band, to show how many */
				p->px[p->nd] = p->X->pos[r] + (p->X->discrete ?
				    0.6 * plot_jitter(st->number[r], 1) : 0);
				p->py[p->nd] = p->Y->pos[r] + (p->Y->discrete ?
				    0.6 * plot_jitter(st->number[r], 2) : 0);
				p->id[p->nd] = st->number[r];
				p->nd++;
			}
		}
	val = hp_calloc(n, sizeof(double));
	for (size_t t = 0; t < n; t++)
		val[t] = hp_study_value(st, tr[t], k);
	/* smooth in the colour bar's own scale: a mean over decades would
	 * be the worst trials' */
	solve_pairs(o ? o->pool : NULL, pairs, npairs, fill, plot_objective_log(st, k),
	    dup, tr, val, n);
	free(val);
	grids = hp_calloc(npairs, sizeof(double *));
	sizes = hp_calloc(npairs, sizeof(size_t));
	for (size_t i = 0; i < npairs; i++) {
		if (pairs[i].failed)
			rc = hp_err_set(err, "contour of %s and %s: Laplace system is "
			    "singular", pairs[i].X->p->name, pairs[i].Y->p->name);
		grids[i] = pairs[i].failed ? NULL : pairs[i].z;
		sizes[i] = pairs[i].X->nn * pairs[i].Y->nn;
	}
	grid_range(grids, sizes, npairs, &zlo, &zhi);
	free(sizes);
	for (size_t j = 0; j < np; j++)
		ncols = ax[j].nn > ncols ? ax[j].nn : ncols;

	plot_figure_title(st, k, o, "Contour plot", title, sizeof(title));
	if (single) {
		double w, h;

		plot_size(o, 500, 420, &w, &h);
		fig_init(out, "contour", title, w, h);
	} else
		plot_matrix_init(out, "contour", title, o, cells, CONTOUR_CELL, 170, 110);
	plot_objective_bands(out, st, k, o, zlo, zhi, CONTOUR_BANDS);
	plot_note_top_params(out, st, k, o, params, np, nall);
	levels = out->cbar.levels;
	nl = out->cbar.nlevels;
	fig_table_grid_header(&out->data, ncols);

	for (size_t i = 0; i < npairs && rc > 0; i++) {
		const struct cpair *p = &pairs[i];
		struct fig_panel *pn = fig_add_panel(out, p->row, p->col);

		caxis_to_fig(p->X, &pn->x, best);
		caxis_to_fig(p->Y, &pn->y, best);
		if (!single) {
			if ((size_t)p->row + 2 != np)
				pn->x.show = FIG_SHOW_LINE;
			if (p->col != 0)
				pn->y.show = FIG_SHOW_LINE;
		}
		if (p->z == NULL) {
			fig_add_text(pn, between(p->X->lo, p->X->hi, 0.5, p->X->log),
			    between(p->Y->lo, p->Y->hi, 0.5, p->Y->log), p->m == 0 ?
			    "no trial has both" : "too few distinct values", 0);
			continue;
		}
		add_pair_marks(out, pn, p, levels, nl, st, k, best, single);
		grid_table(&out->data, p->X, p->Y, p->z);
	}
	if (rc > 0) {
		for (size_t j = 0; j < np; j++) {
			size_t have = 0;

			for (size_t t = 0; t < n; t++)
				have += !isnan(ax[j].pos[tr[t]]);
			if (have < n)
				fig_add_note(out, "%s is set in %zu of %zu trials; its "
				    "panels use the trials that have it.", ax[j].p->name,
				    have, n);
		}
		if (single && best >= 0) {	/* a legend would narrow the plot */
			char v[48];

			fig_add_note(out, "Red star: the best trial, %d (%s).", st->number[best],
			    fig_fmt_value(v, sizeof(v), hp_study_value(st, (size_t)best, k)));
		}
		plot_note_sample(out, ns, n);
		plot_note_nonfinite(out, st, k);
		fig_add_caption(out, "The objective over %s, in bands of the colour "
		    "scale: %s; dots: the trials, the best starred.",
		    single ? "the plane of two params" : "the plane of each pair of params",
		    fill == PLOT_CONTOUR_LAPLACE ? "the best trial's value at each grid "
		    "node, the empty nodes filled by the discrete Laplace equation "
		    "(as Optuna)" : "the trials' values smoothed by a kernel, each "
		    "categorical choice a band of its own");
		plot_caption_trials(out, st, tr, n);
		plot_trial_columns(out, st, k, params, np);
	}
	for (size_t i = 0; i < npairs; i++) {
		free(pairs[i].px);
		free(pairs[i].py);
		free(pairs[i].id);
		free(pairs[i].z);
	}
	free(pairs);
	free(grids);
	for (size_t j = 0; j < np; j++)
		caxis_release(&ax[j]);
	free(ax);
	free(params);
	free(tr);
	free(sample);
	if (rc < 0)
		fig_release(out);
	return rc;
}
