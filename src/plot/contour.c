/*
 * contour: the objective over the plane of each pair of params (Optuna
 * plot_contour).  Two params give one plot; more give the lower triangle
 * of the pair matrix, each pair once (row = y param, column = x param, the
 * params in order), so that every panel gets room instead of an n x n grid
 * of postage stamps whose upper half repeats the lower one transposed.
 *
 * The surface follows Optuna's semantics (interp.h): axis ranges padded by
 * 5 % of the values present (log axes in log space), categorical axes in
 * choice order over the choices present with the same padding; the
 * trial values of the trials that have both params are snapped to a
 * regular grid (o->contour_grid nodes per axis, default 100 as Optuna) and
 * the empty nodes filled by solving the discrete Laplace equation.  When
 * several trials land on one node the best one is kept (as Optuna 3.3+
 * does; Optuna 3.1 kept the last).
 *
 * Drawing: grid cells as rectangles coloured by band (runs of one band in
 * a row merged into one rectangle), thin contour lines at the band edges
 * (marching squares), trial points on top and the best trial as a red star.
 * The bands are quantiles of the trial values, so the colours spread over
 * the values that occur even when a few trials are far off; one colour bar
 * with those steps serves every panel, good = bright whatever the
 * direction.
 *
 * Data (data/contour.csv): the filled grid of every pair shown, one row
 * per node: x_param, y_param, x, y, value.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/interp.h"
#include "hpreport/plot.h"

#define CONTOUR_PAD	0.05	/* Optuna's PADDING_RATIO */
#define CONTOUR_BANDS	12
#define CONTOUR_CELL	165	/* points per matrix panel */

/* One param as a contour axis: where each trial sits, the range, the grid. */
struct caxis {
	const struct hp_param *p;
	double	*pos;		/* [ntrials] position on the axis, NaN = absent */
	double	 lo, hi;
	int	 log;
	size_t	 ndistinct;	/* distinct values present */
	char	**cats;		/* categorical: labels of the choices present */
	size_t	 ncats;
	double	*nodes;		/* [grid] */
};

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
caxis_init(struct caxis *a, const struct hp_study *st, size_t param,
    const size_t *tr, size_t n, size_t grid)
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
	qsort(v, m, sizeof(double), cmp_double);
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
		for (size_t i = 0; i < n; i++)
			if (!isnan(p->v[tr[i]]))
				a->pos[tr[i]] = (double)slot[(size_t)p->v[tr[i]]];
		free(slot);
		span = a->ncats > 0 ? (double)a->ncats - 1 : 0;
		a->lo = -span * CONTOUR_PAD;
		a->hi = span + span * CONTOUR_PAD;
		if (span == 0) {
			a->lo = -0.5;
			a->hi = 0.5;
		}
	} else {
		a->log = p->dist.log;
		for (size_t i = 0; i < n; i++)
			a->pos[tr[i]] = p->v[tr[i]];
		if (m > 0 && v[0] < v[m - 1]) {
			double lo = v[0], hi = v[m - 1];

			if (a->log) {
				double pad = (log10(hi) - log10(lo)) * CONTOUR_PAD;

				a->lo = pow(10, log10(lo) - pad);
				a->hi = pow(10, log10(hi) + pad);
			} else {
				double pad = (hi - lo) * CONTOUR_PAD;

				a->lo = lo - pad;
				a->hi = hi + pad;
			}
		} else {
			fig_range(v, m, a->log, CONTOUR_PAD, &a->lo, &a->hi);
		}
	}
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
	free(a->nodes);
}

static void
caxis_to_fig(const struct caxis *a, struct fig_axis *fa)
{
	if (a->p->dist.kind == HP_DIST_CATEGORICAL) {
		/* Optuna's padded range rather than -0.5 .. n - 0.5: the grid
		 * covers exactly what the axis shows */
		fig_axis_categorical(fa, a->cats, a->ncats, a->p->name);
		fa->lo = a->lo;
		fa->hi = a->hi;
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

/* Filled bands: per grid row, runs of one band as one rectangle. */
static void
add_bands(struct fig_panel *pn, const double *z, const struct caxis *ax,
    const struct caxis *ay, size_t g, const double *levels, size_t nl)
{
	size_t cap = 64, n = 0;
	double *x1 = hp_calloc(cap, sizeof(double)), *x2 = hp_calloc(cap, sizeof(double));
	double *y1 = hp_calloc(cap, sizeof(double)), *y2 = hp_calloc(cap, sizeof(double));
	double *c = hp_calloc(cap, sizeof(double));
	struct fig_mark *m;

	for (size_t iy = 0; iy < g; iy++) {
		double ylo = iy == 0 ? ay->lo : between(ay->nodes[iy - 1], ay->nodes[iy], 0.5, ay->log);
		double yhi = iy + 1 == g ? ay->hi : between(ay->nodes[iy], ay->nodes[iy + 1], 0.5, ay->log);
		size_t ix = 0;

		while (ix < g) {
			size_t b = band_of(levels, nl, z[iy * g + ix]), e = ix + 1;

			while (e < g && band_of(levels, nl, z[iy * g + e]) == b)
				e++;
			if (n == cap) {
				cap *= 2;
				x1 = hp_reallocarray(x1, cap, sizeof(double));
				x2 = hp_reallocarray(x2, cap, sizeof(double));
				y1 = hp_reallocarray(y1, cap, sizeof(double));
				y2 = hp_reallocarray(y2, cap, sizeof(double));
				c = hp_reallocarray(c, cap, sizeof(double));
			}
			x1[n] = ix == 0 ? ax->lo : between(ax->nodes[ix - 1], ax->nodes[ix], 0.5, ax->log);
			x2[n] = e == g ? ax->hi : between(ax->nodes[e - 1], ax->nodes[e], 0.5, ax->log);
			y1[n] = ylo;
			y2[n] = yhi;
			c[n] = 0.5 * (levels[b] + levels[b + 1]);
			n++;
			ix = e;
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
}

/* Contour lines at the inner band edges by marching squares, as one line
 * mark of segments separated by NaN. */
static void
add_lines(struct fig_panel *pn, const double *z, const struct caxis *ax,
    const struct caxis *ay, size_t g, const double *levels, size_t nl)
{
	size_t cap = 256, n = 0;
	double *x = hp_calloc(cap, sizeof(double)), *y = hp_calloc(cap, sizeof(double));
	struct fig_mark *m;

	for (size_t l = 1; l + 1 < nl; l++) {
		double L = levels[l];

		for (size_t iy = 0; iy + 1 < g; iy++)
			for (size_t ix = 0; ix + 1 < g; ix++) {
				/* corners counter-clockwise from bottom-left */
				double v[4] = { z[iy * g + ix], z[iy * g + ix + 1],
				    z[(iy + 1) * g + ix + 1], z[(iy + 1) * g + ix] };
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
	m = fig_add_mark(pn, FIG_MARK_LINE, x, y, n);
	m->color = (struct fig_rgba){ 0.1, 0.1, 0.1, 0.35 };
	m->size = 0.5;
	free(x);
	free(y);
}

/* Quantile band edges of the trial values, deduplicated, ascending. */
static double *
band_levels(const struct hp_study *st, size_t k, const size_t *tr, size_t n,
    size_t *nl)
{
	double *v = hp_calloc(n + 1, sizeof(double));
	double *lv = hp_calloc(CONTOUR_BANDS + 1, sizeof(double));
	size_t m = 0;

	for (size_t i = 0; i < n; i++)
		v[i] = hp_study_value(st, tr[i], k);
	qsort(v, n, sizeof(double), cmp_double);
	for (size_t b = 0; b <= CONTOUR_BANDS; b++) {
		double q = (double)b / CONTOUR_BANDS * (double)(n - 1);
		size_t i = (size_t)q;
		double x = i + 1 < n ? v[i] + (v[i + 1] - v[i]) * (q - (double)i) : v[n - 1];

		if (m == 0 || x > lv[m - 1])
			lv[m++] = x;
	}
	if (m < 2) {		/* constant objective: one band around it */
		lv[0] = v[0] - 0.5;
		lv[1] = v[0] + 0.5;
		m = 2;
	}
	free(v);
	*nl = m;
	return lv;
}

static void
grid_table(struct fig_table *t, const struct caxis *ax, const struct caxis *ay,
    const double *z, size_t g)
{
	char a[40], b[40], c[40];

	for (size_t iy = 0; iy < g; iy++)
		for (size_t ix = 0; ix < g; ix++) {
			const char *row[5] = { ax->p->name, ay->p->name,
			    hp_fmt_double(a, sizeof(a), ax->nodes[ix]),
			    hp_fmt_double(b, sizeof(b), ay->nodes[iy]),
			    hp_fmt_double(c, sizeof(c), z[iy * g + ix]) };

			fig_table_row(t, row);
		}
}

int
plot_contour(const struct hp_study *st, size_t k, const struct plot_opts *o,
    struct fig *out, struct hp_err *err)
{
	static const char *const cols[] = { "x_param", "y_param", "x", "y", "value" };
	size_t np, n, nl, g = o && o->contour_grid >= 2 ? (size_t)o->contour_grid : 100;
	size_t *params, *tr;
	struct caxis *ax;
	double *levels, *z, *px, *py;
	int *id;
	long best = hp_study_best(st, k);
	enum interp_dup dup = st->dir[k] == HP_DIR_MAXIMIZE ? INTERP_DUP_MAX : INTERP_DUP_MIN;
	char title[400];
	int rc = 1, single;
	size_t cells;

	params = plot_select_params(st, o, &np);
	tr = plot_finite_trials(st, k, &n);
	if (np < 2 || n == 0) {
		free(params);
		free(tr);
		return 0;
	}
	single = np == 2;
	cells = single ? 1 : np - 1;
	plot_figure_title(st, k, o, "Contour plot", title, sizeof(title));
	fig_init(out, "contour", title,
	    o && o->width > 0 ? o->width : single ? 500 : (double)cells * CONTOUR_CELL + 170,
	    o && o->height > 0 ? o->height : single ? 420 : (double)cells * CONTOUR_CELL + 110);
	levels = band_levels(st, k, tr, n, &nl);
	plot_objective_colorbar(out, st, k, o, levels[0], levels[nl - 1]);
	out->cbar.discrete = 1;
	out->cbar.levels = hp_calloc(nl, sizeof(double));
	memcpy(out->cbar.levels, levels, nl * sizeof(double));
	out->cbar.nlevels = nl;
	fig_table_header(&out->data, cols, 5);

	ax = hp_calloc(np, sizeof(*ax));
	for (size_t j = 0; j < np; j++)
		caxis_init(&ax[j], st, params[j], tr, n, g);
	z = hp_calloc(g * g, sizeof(double));
	px = hp_calloc(n, sizeof(double));
	py = hp_calloc(n, sizeof(double));
	id = hp_calloc(n, sizeof(int));

	for (size_t i = 1; i < np && rc > 0; i++)
		for (size_t j = 0; j < i && rc > 0; j++) {
			/* single: x = first param, y = second, as Optuna */
			const struct caxis *X = &ax[j], *Y = &ax[i];
			struct fig_panel *pn = fig_add_panel(out, single ? 0 : (int)i - 1,
			    single ? 0 : (int)j);
			double *pz = hp_calloc(n, sizeof(double));
			size_t m = 0;
			struct fig_mark *mk;

			caxis_to_fig(X, &pn->x);
			caxis_to_fig(Y, &pn->y);
			if (!single) {
				if (i + 1 != np)
					pn->x.show = FIG_SHOW_LINE;
				if (j != 0)
					pn->y.show = FIG_SHOW_LINE;
			}
			for (size_t t = 0; t < n; t++) {
				size_t r = tr[t];

				if (isnan(X->pos[r]) || isnan(Y->pos[r]))
					continue;
				px[m] = X->pos[r];
				py[m] = Y->pos[r];
				pz[m] = hp_study_value(st, r, k);
				id[m] = st->number[r];
				m++;
			}
			if (X->ndistinct < 2 || Y->ndistinct < 2 || m == 0) {
				fig_add_text(pn, between(X->lo, X->hi, 0.5, X->log),
				    between(Y->lo, Y->hi, 0.5, Y->log), m == 0 ?
				    "no trial has both" : "too few distinct values", 0);
				free(pz);
				continue;
			}
			interp_zmap(px, py, pz, m, X->nodes, g, Y->nodes, g, dup, z);
			if (interp_laplace_fill(z, g, g, err) < 0) {
				rc = -1;
				free(pz);
				break;
			}
			add_bands(pn, z, X, Y, g, levels, nl);
			add_lines(pn, z, X, Y, g, levels, nl);
			grid_table(&out->data, X, Y, z, g);

			mk = fig_add_mark(pn, FIG_MARK_POINTS, px, py, m);
			fig_mark_set_ids(mk, id);
			mk->color = (struct fig_rgba){ 0.1, 0.1, 0.1, 0.75 };
			mk->stroke = (struct fig_rgba){ 1, 1, 1, 0.8 };
			mk->stroke_width = 0.5;
			mk->size = m > 1000 ? 2.5 : single ? 5 : 3.5;
			if (best >= 0 && !isnan(X->pos[best]) && !isnan(Y->pos[best])) {
				double bx = X->pos[best], by = Y->pos[best];
				int bid = st->number[best];

				mk = fig_add_mark(pn, FIG_MARK_POINTS, &bx, &by, 1);
				mk->shape = FIG_SHAPE_STAR;
				mk->size = single ? 14 : 11;
				mk->color = (struct fig_rgba){ 0.84, 0.15, 0.16, 1 };
				mk->stroke = (struct fig_rgba){ 1, 1, 1, 1 };
				mk->stroke_width = 0.8;
				fig_mark_set_ids(mk, &bid);
				if (out->legend == 0) {
					char lab[64], a[40];

					snprintf(lab, sizeof(lab), "Best: trial %d (%s)", bid,
					    hp_fmt_double(a, sizeof(a),
					    hp_study_value(st, (size_t)best, k)));
					fig_mark_set_label(mk, lab);
					out->legend = 1;
				}
			}
			free(pz);
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
		plot_note_nonfinite(out, st, k);
	}
	for (size_t j = 0; j < np; j++)
		caxis_release(&ax[j]);
	free(ax);
	free(z);
	free(px);
	free(py);
	free(id);
	free(levels);
	free(params);
	free(tr);
	if (rc < 0)
		fig_release(out);
	return rc;
}
