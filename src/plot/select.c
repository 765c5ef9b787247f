/*
 * select: what the param-space figures (slice, contour, parallel
 * coordinates, evaluations, rank) share -- which trials they show, the
 * sample their panels draw in big studies, the note on the ones left out, the title, the objective colour bar, the
 * data/trials.csv columns they plot and the caption's count of trials; and which params the matrix figures show in a
 * big study (plot_top_params, by the importances of the importances
 * figure, plot_ranking_init in importances.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/analysis.h"
#include "hpreport/plot.h"

size_t *
plot_finite_trials(const struct hp_study *st, size_t k, size_t *n)
{
	size_t *v = hp_calloc(st->ntrials ? st->ntrials : 1, sizeof(size_t)), m = 0;

	for (size_t t = 0; t < st->ntrials; t++)
		if (st->state[t] == HP_STATE_COMPLETE && isfinite(hp_study_value(st, t, k)))
			v[m++] = t;
	*n = m;
	return v;
}

void
plot_note_nonfinite(struct fig *f, const struct hp_study *st, size_t k)
{
	size_t ninf = hp_study_count_nonfinite(st, k);

	if (ninf > 0)
		fig_add_note(f, "%zu trial%s with a non-finite value left out.",
		    ninf, ninf == 1 ? "" : "s");
}

void
plot_figure_title(const struct hp_study *st, size_t k, const struct plot_opts *o,
    const char *base, char *buf, size_t n)
{
	char obj[256];

	if (o && o->title)
		snprintf(buf, n, "%s", o->title);
	else if (st->nobj > 1)
		snprintf(buf, n, "%s: %s (%s)", base,
		    plot_objective_title(st, k, obj, sizeof(obj)),
		    hp_direction_name(st->dir[k]));
	else
		snprintf(buf, n, "%s", base);
}

int
plot_log_scale(double vmin, double vmax)
{
	return vmin > 0 && isfinite(vmax) && vmax / vmin > PLOT_LOG_SPAN;
}

int
plot_objective_log(const struct hp_study *st, size_t k)
{
	double vmin = INFINITY, vmax = -INFINITY;

	for (size_t t = 0; t < st->ntrials; t++) {
		double v = hp_study_value(st, t, k);

		if (st->state[t] != HP_STATE_COMPLETE || !isfinite(v))
			continue;
		vmin = fmin(vmin, v);
		vmax = fmax(vmax, v);
	}
	/* minimize: the good end is the small one, which a linear scale
	 * squeezes into its first band once the worst trials are ten times
	 * the best; maximize: the good end is the large one, which a log
	 * scale would squeeze, so only the axes' rule (a few tiny values
	 * would flatten the rest) */
	return vmin > 0 && isfinite(vmax) && vmax / vmin >
	    (st->dir[k] == HP_DIR_MAXIMIZE ? PLOT_LOG_SPAN : PLOT_COLOR_LOG_SPAN);
}

void
plot_objective_colorbar(struct fig *f, const struct hp_study *st, size_t k,
    const struct plot_opts *o, double lo, double hi)
{
	char title[256];

	plot_objective_title(st, k, title, sizeof(title));
	fig_colorbar(f, o ? o->cmap : FIG_CMAP_VIRIDIS, lo, hi,
	    st->dir[k] != HP_DIR_MAXIMIZE, title);
	if (lo > 0 && plot_objective_log(st, k))
		f->cbar.scale = FIG_LOG;
}

void
plot_objective_bands(struct fig *f, const struct hp_study *st, size_t k,
    const struct plot_opts *o, double lo, double hi, size_t max_bands)
{
	int logc = lo > 0 && plot_objective_log(st, k);
	double *lv;
	size_t nl = fig_round_levels(lo, hi, logc, max_bands, &lv);

	plot_objective_colorbar(f, st, k, o, lv[0], lv[nl - 1]);
	if (logc)
		f->cbar.scale = FIG_LOG;
	f->cbar.discrete = 1;
	free(f->cbar.levels);
	f->cbar.levels = lv;
	f->cbar.nlevels = nl;
}

void
plot_trial_columns(struct fig *f, const struct hp_study *st, size_t k,
    const size_t *params, size_t np)
{
	char buf[512];

	fig_add_column(f, HP_COL_NUMBER);
	fig_add_column(f, hp_study_value_column(st, k, buf, sizeof(buf)));
	for (size_t j = 0; j < np; j++)
		fig_add_column(f, hp_study_param_column(st, params[j], buf, sizeof(buf)));
	if (hp_study_constrained(st))
		fig_add_column(f, HP_COL_FEASIBLE);
}

/* "12 COMPLETE, 3 PRUNED" of count[], finished states first, into b;
 * "none" when all are 0. */
static void
state_counts(struct hp_buf *b, const size_t *count)
{
	static const enum hp_state order[] = { HP_STATE_COMPLETE, HP_STATE_PRUNED,
	    HP_STATE_FAIL, HP_STATE_RUNNING, HP_STATE_WAITING };
	size_t len = b->len;

	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		enum hp_state s = order[i];

		if (count[s])
			hp_buf_printf(b, "%s%zu %s", b->len > len ? ", " : "", count[s],
			    hp_state_name(s));
	}
	if (b->len == len)
		hp_buf_puts(b, "none");
}

void
plot_caption_trials(struct fig *f, const struct hp_study *st, const size_t *tr,
    size_t n)
{
	size_t in[HP_STATE__COUNT] = { 0 }, out[HP_STATE__COUNT] = { 0 };
	unsigned char *shown = hp_calloc(st->ntrials ? st->ntrials : 1, 1);
	struct hp_buf b;

	for (size_t i = 0; i < n; i++)
		shown[tr[i]] = 1;
	for (size_t t = 0; t < st->ntrials; t++)
		(shown[t] ? in : out)[st->state[t]]++;
	hp_buf_init(&b);
	if (n == st->ntrials)
		hp_buf_printf(&b, "Trials: all %zu (", n);
	else
		hp_buf_printf(&b, "Trials: %zu of %zu (", n, st->ntrials);
	state_counts(&b, in);
	hp_buf_puts(&b, n == st->ntrials ? ")." : "); left out: ");
	if (n < st->ntrials) {
		state_counts(&b, out);
		hp_buf_puts(&b, ".");
	}
	fig_add_caption(f, "%s", b.s);
	hp_buf_release(&b);
	free(shown);
}

void
plot_caption_finite(struct fig *f, const struct hp_study *st, size_t k)
{
	size_t n, *tr = plot_finite_trials(st, k, &n);

	plot_caption_trials(f, st, tr, n);
	free(tr);
}

double
plot_none_coord(const struct fig_axis *a, int number)
{
	unsigned h = (unsigned)number * 2246822519u;
	double u = (double)(h >> 8) / (double)(1u << 24) - 0.5;	/* -0.5 .. 0.5 */

	if (!a->none)
		return NAN;
	if (a->scale == FIG_CATEGORICAL)
		return a->none_v + u * 0.3;
	if (a->scale == FIG_LOG)
		return a->none_v * pow(a->data_lo / a->none_v, u * 0.8);
	return a->none_v + u * 0.8 * (a->data_lo - a->none_v);
}

double
plot_jitter(int number, unsigned salt)
{
	unsigned h = (unsigned)number * 2654435761u ^ salt * 40503u;

	h ^= h >> 15;
	h *= 2246822519u;
	h ^= h >> 13;
	return (double)(h % 1001) / 1000.0 - 0.5;
}

int
plot_flat_objective(const struct hp_study *st, size_t k, char *buf, size_t n)
{
	size_t m, *tr = plot_finite_trials(st, k, &m);
	double v0 = m > 0 ? hp_study_value(st, tr[0], k) : 0;
	int same = 1;
	char num[32];

	for (size_t i = 1; i < m && same; i++)
		same = hp_study_value(st, tr[i], k) == v0;
	free(tr);
	if (m < 2)
		snprintf(buf, n, "it needs 2 COMPLETE trials with a finite value, "
		    "%zu found", m);
	else if (same)
		snprintf(buf, n, "the objective is %s in all %zu COMPLETE trials",
		    hp_fmt_double(num, sizeof(num), v0), m);
	return m < 2 || same;
}

double
plot_jitter_value(const struct hp_param *p, double v, int number,
    unsigned salt)
{
	const struct hp_dist *d = &p->dist;

	if (isnan(v))
		return v;
	if (d->kind == HP_DIST_CATEGORICAL)
		return v + 0.3 * plot_jitter(number, salt);
	if (d->kind == HP_DIST_INT && !d->log && d->step >= 1 &&
	    (d->high - d->low) / d->step < PLOT_JITTER_MAX_INTS)
		return v + 0.5 * d->step * plot_jitter(number, salt);
	return v;
}

/* Cells of axis a for the veil: how many, and cell i's centre in axis
 * fractions (a categorical axis: the choice's index) and edges in data
 * units. */
static size_t
veil_cells(const struct fig_axis *a)
{
	return a->scale == FIG_CATEGORICAL ? a->ncats : PLOT_VEIL_CELLS;
}

static double
veil_cell(const struct fig_axis *a, size_t i, double *lo, double *hi)
{
	double f0 = (double)i / PLOT_VEIL_CELLS, f1 = (double)(i + 1) / PLOT_VEIL_CELLS;

	if (a->scale == FIG_CATEGORICAL) {
		*lo = (double)i - 0.5;
		*hi = (double)i + 0.5;
		return (double)i;
	}
	if (a->scale == FIG_LOG && a->lo > 0 && a->hi > 0) {
		*lo = a->lo * pow(a->hi / a->lo, f0);
		*hi = a->lo * pow(a->hi / a->lo, f1);
	} else {
		*lo = a->lo + (a->hi - a->lo) * f0;
		*hi = a->lo + (a->hi - a->lo) * f1;
	}
	return (f0 + f1) / 2;
}

/* How far apart (in PLOT_VEIL_REACH units) a trial at u is from a cell
 * centred at c along axis a: a categorical axis is near or far. */
static double
veil_dist(const struct fig_axis *a, double u, double c)
{
	if (a->scale == FIG_CATEGORICAL)
		return floor(u + 0.5) == c ? 0 : INFINITY;
	return (u - c) / PLOT_VEIL_REACH;
}

int
plot_clip_cell(const double v[4], double level, double *tx, double *ty)
{
	static const double cx[4] = { 0, 1, 1, 0 }, cy[4] = { 0, 0, 1, 1 };
	int n = 0;

	for (int i = 0; i < 4; i++) {
		int j = (i + 1) % 4, in_i = v[i] >= level, in_j = v[j] >= level;

		if (in_i) {
			tx[n] = cx[i];
			ty[n++] = cy[i];
		}
		if (in_i != in_j) {
			double t = (level - v[i]) / (v[j] - v[i]);

			tx[n] = cx[i] + (cx[j] - cx[i]) * t;
			ty[n++] = cy[i] + (cy[j] - cy[i]) * t;
		}
	}
	return n;
}

/* Axis a's data value at fraction f of its range (linear or log). */
static double
veil_data(const struct fig_axis *a, double f)
{
	if (a->scale == FIG_LOG && a->lo > 0 && a->hi > 0)
		return a->lo * pow(a->hi / a->lo, f);
	return a->lo + (a->hi - a->lo) * f;
}

/* The veil's rings (n vertices, each ring ended by a NaN) as one
 * see-through white polygon mark of pn, so no seam shows between them. */
static void
veil_add(struct fig_panel *pn, const double *rx, const double *ry, size_t n)
{
	size_t off[2] = { 0, n };

	if (n > 0)
		fig_add_polygons(pn, rx, ry, off, 1, NULL)->color =
		    (struct fig_rgba){ 1, 1, 1, 0.6 };
}

/*
 * The veil of a panel with two numeric axes, with smooth edges: the
 * squared distance to the nearest trial, in PLOT_VEIL_REACH units, is
 * taken at the (N + 1)^2 cell corners (from the trials snapped to a grid
 * 4 times finer, each reaching the corners within twice the reach), and
 * each cell is covered where that distance, linear along its edges, is 1
 * or more: whole cells in runs along a row, and the cells an edge crosses
 * clipped to it (plot_clip_cell), all one polygon of rings (no seams).
 */
static void
veil_smooth(struct fig_panel *pn, const double *ux, const double *uy, size_t n)
{
	enum { N = PLOT_VEIL_CELLS, M = 4 * PLOT_VEIL_CELLS };
	double *g = hp_calloc((N + 1) * (N + 1), sizeof(double));
	unsigned char *occ = hp_calloc(M * M, 1);
	double *rx = hp_calloc(9 * N * N + 1, sizeof(double));
	double *ry = hp_calloc(9 * N * N + 1, sizeof(double));
	size_t nv = 0;
	int w = (int)ceil(2 * PLOT_VEIL_REACH * N);

	for (size_t i = 0; i < (N + 1) * (N + 1); i++)
		g[i] = 4;
	for (size_t t = 0; t < n; t++) {
		if (!isfinite(ux[t]) || !isfinite(uy[t]))
			continue;
		occ[(size_t)fmin(fmax(floor(uy[t] * M), 0), M - 1) * M +
		    (size_t)fmin(fmax(floor(ux[t] * M), 0), M - 1)] = 1;
	}
	for (int cy = 0; cy < M; cy++)
		for (int cx = 0; cx < M; cx++) {
			double fx = (cx + 0.5) / M, fy = (cy + 0.5) / M;
			int jx = (int)lround(fx * N), jy = (int)lround(fy * N);

			if (!occ[cy * M + cx])
				continue;
			for (int j = jy - w; j <= jy + w; j++)
				for (int i = jx - w; i <= jx + w; i++) {
					double dx, dy, d;

					if (i < 0 || j < 0 || i > N || j > N)
						continue;
					dx = ((double)i / N - fx) / PLOT_VEIL_REACH;
					dy = ((double)j / N - fy) / PLOT_VEIL_REACH;
					d = dx * dx + dy * dy;
					if (d < g[j * (N + 1) + i])
						g[j * (N + 1) + i] = d;
				}
		}
	for (int j = 0; j < N; j++) {
		int open = 0;

		for (int i = 0; i < N; i++) {
			const double *g0 = g + j * (N + 1) + i, *g1 = g0 + N + 1;
			double v[4] = { g0[0], g0[1], g1[1], g1[0] }, tx[8], ty[8];
			int k;

			if (v[0] >= 1 && v[1] >= 1 && v[2] >= 1 && v[3] >= 1) {
				if (open) {	/* extends the run before it */
					rx[nv - 4] = rx[nv - 3] = veil_data(&pn->x, (double)(i + 1) / N);
					continue;
				}
				k = 4;
				tx[0] = tx[3] = 0;
				tx[1] = tx[2] = 1;
				ty[0] = ty[1] = 0;
				ty[2] = ty[3] = 1;
				open = 1;
			} else {
				open = 0;
				k = plot_clip_cell(v, 1, tx, ty);
				if (k < 3)
					continue;
			}
			for (int q = 0; q < k; q++) {
				rx[nv] = veil_data(&pn->x, (i + tx[q]) / N);
				ry[nv++] = veil_data(&pn->y, (j + ty[q]) / N);
			}
			rx[nv] = ry[nv] = NAN;	/* the ring ends */
			nv++;
		}
	}
	veil_add(pn, rx, ry, nv);
	free(g);
	free(occ);
	free(rx);
	free(ry);
}

void
plot_veil(struct fig_panel *pn, const double *x, const double *y, size_t n)
{
	const struct fig_axis *ax = &pn->x, *ay = &pn->y;
	size_t nx = veil_cells(ax), ny = veil_cells(ay), nr = 0;
	double *ux = hp_calloc(n + 1, sizeof(double));
	double *uy = hp_calloc(n + 1, sizeof(double));
	double *rx = hp_calloc(5 * nx * ny + 1, sizeof(double));
	double *ry = hp_calloc(5 * nx * ny + 1, sizeof(double));

	for (size_t t = 0; t < n; t++) {
		ux[t] = ax->scale == FIG_CATEGORICAL ? x[t] : fig_axis_frac(ax, x[t]);
		uy[t] = ay->scale == FIG_CATEGORICAL ? y[t] : fig_axis_frac(ay, y[t]);
	}
	if (ax->scale != FIG_CATEGORICAL && ay->scale != FIG_CATEGORICAL) {
		veil_smooth(pn, ux, uy, n);
		nx = ny = 0;	/* nothing left for the cells below */
	}
	for (size_t iy = 0; iy < ny; iy++) {
		double ylo, yhi, cy = veil_cell(ay, iy, &ylo, &yhi);
		int open = 0;

		for (size_t ix = 0; ix < nx; ix++) {
			double xlo, xhi, cx = veil_cell(ax, ix, &xlo, &xhi);
			int held = 0;

			for (size_t t = 0; t < n && !held; t++) {
				double dx = veil_dist(ax, ux[t], cx);
				double dy = veil_dist(ay, uy[t], cy);

				held = dx * dx + dy * dy <= 1;
			}
			if (held) {
				open = 0;
				continue;
			}
			if (open) {	/* extends the run before it: its right side */
				rx[5 * nr - 4] = rx[5 * nr - 3] = xhi;
				continue;
			}
			{
				double cxs[5] = { xlo, xhi, xhi, xlo, NAN };
				double cys[5] = { ylo, ylo, yhi, yhi, NAN };

				memcpy(rx + 5 * nr, cxs, sizeof(cxs));
				memcpy(ry + 5 * nr, cys, sizeof(cys));
				nr++;
				open = 1;
			}
		}
	}
	veil_add(pn, rx, ry, 5 * nr);
	free(ux);
	free(uy);
	free(rx);
	free(ry);
}

void
plot_best_star(struct fig_mark *m, double dot)
{
	double size = 1.2 * dot;

	m->shape = FIG_SHAPE_STAR;
	m->size = size < 5 ? 5 : size > 7 ? 7 : size;
	m->color = (struct fig_rgba){ 0.84, 0.15, 0.16, 1 };
	m->stroke = (struct fig_rgba){ 1, 1, 1, 1 };
	m->stroke_width = 0.6;
}

/* Rank order of a sample: positions into tr, objective in minimization
 * space, ties by trial index (so the order never depends on qsort). */
struct samp {
	size_t	 pos;
	size_t	 t;
	double	 key;
};

static int
cmp_samp(const void *va, const void *vb)
{
	const struct samp *a = va, *b = vb;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->t < b->t ? -1 : a->t > b->t;
}

size_t
plot_sample_ranks(size_t n, size_t cap, unsigned char *keep)
{
	size_t best = PLOT_SAMPLE_BEST < cap ? PLOT_SAMPLE_BEST : cap;

	if (n <= cap) {
		memset(keep, 1, n);
		return n;
	}
	memset(keep, 0, n);
	for (size_t i = 0; i < best; i++)
		keep[i] = 1;
	/* the rest evenly spread over ranks best..n-1; (n - best) > (cap -
	 * best) so the positions are distinct */
	for (size_t i = 0; i < cap - best; i++)
		keep[best + i * (n - best) / (cap - best)] = 1;
	return cap;
}

size_t *
plot_sample_trials(const struct hp_study *st, size_t k, const size_t *tr,
    size_t n, size_t cap, size_t *ns)
{
	size_t *out = hp_calloc(n ? n : 1, sizeof(size_t)), m = 0;
	int max = st->dir[k] == HP_DIR_MAXIMIZE;
	struct samp *r;
	unsigned char *keep, *in;

	if (n <= cap) {
		if (n)
			memcpy(out, tr, n * sizeof(size_t));
		*ns = n;
		return out;
	}
	r = hp_calloc(n, sizeof(*r));
	for (size_t i = 0; i < n; i++) {
		double v = hp_study_value(st, tr[i], k);

		r[i] = (struct samp){ i, tr[i], max ? -v : v };
		if (isnan(r[i].key))	/* not expected (finite trials), but last */
			r[i].key = INFINITY;
	}
	qsort(r, n, sizeof(*r), cmp_samp);
	keep = hp_calloc(n, 1);
	in = hp_calloc(n, 1);
	plot_sample_ranks(n, cap, keep);
	for (size_t i = 0; i < n; i++)
		in[r[i].pos] = keep[i];
	for (size_t i = 0; i < n; i++)
		if (in[i])
			out[m++] = tr[i];
	free(r);
	free(keep);
	free(in);
	*ns = m;
	return out;
}

void
plot_note_sample(struct fig *f, size_t ns, size_t n)
{
	if (ns < n)
		fig_add_note(f, "Points: a sample of %zu of %zu trials (the %d "
		    "best, then evenly by rank); trials.csv has all.", ns, n,
		    PLOT_SAMPLE_BEST);
}

/* At most how many params the matrix figures show under o (the least of
 * them: slice and parallel coordinates fit fewer at a given width). */
static size_t
top_params_max(const struct plot_opts *o)
{
	size_t kmax = o && o->max_params > 0 ? (size_t)o->max_params : PLOT_MAX_PARAMS;

	/* a given width (a paper column) by default fits cells of
	 * PLOT_MIN_CELL beside the margins, three params at least (two
	 * are a single contour cell, no matrix) */
	if (o && o->width > 0 && o->max_params == 0) {
		double fit = (o->width - 150) / PLOT_MIN_CELL;

		kmax = fit < 3 ? 3 : fit < (double)kmax ? (size_t)fit : kmax;
	}
	return kmax;
}

struct plot_ranking *
plot_rankings(const struct hp_study *st, const struct plot_opts *o)
{
	struct plot_ranking *r;

	if (st->nobj == 0 || st->nparams == 0)
		return NULL;
	r = hp_calloc(st->nobj, sizeof(*r));
	for (size_t k = 0; k < st->nobj; k++)
		plot_ranking_init(&r[k], st, k, o);
	return r;
}

void
plot_rankings_free(struct plot_ranking *r, size_t nobj)
{
	if (r == NULL)
		return;
	for (size_t k = 0; k < nobj; k++)
		plot_ranking_release(&r[k]);
	free(r);
}

const struct plot_ranking *
plot_given_ranking(const struct hp_study *st, size_t k, const struct plot_opts *o)
{
	enum plot_importance m = o ? o->importance : PLOT_IMPORTANCE_PED_ANOVA;

	if (o && o->ranking && k < st->nobj && o->ranking[k].objective == k &&
	    o->ranking[k].method == m)
		return &o->ranking[k];
	return NULL;
}

/* Is param p ranked by r? */
static int
ranked(const struct plot_ranking *r, size_t p)
{
	for (size_t j = 0; r->status > 0 && j < r->n; j++)
		if (r->param[j] == p)
			return 1;
	return 0;
}

size_t *
plot_top_params(const struct hp_study *st, size_t k, const struct plot_opts *o,
    size_t *n, size_t *nall)
{
	size_t nsel, *sel = plot_select_params(st, o, &nsel), kmax, m = 0;
	const struct plot_ranking *r = plot_given_ranking(st, k, o);
	struct plot_ranking own;
	size_t *top;

	*nall = nsel;
	kmax = top_params_max(o);
	if ((o && (o->params || o->max_params < 0)) || nsel <= kmax) {
		*n = nsel;
		return sel;
	}
	/* sel is every param here (none named): the kmax most important,
	 * then the params the method could not rank in their natural order */
	if (r == NULL) {
		plot_ranking_init(&own, st, k, o);
		r = &own;
	}
	top = hp_calloc(kmax, sizeof(size_t));
	for (size_t j = 0; r->status > 0 && j < r->n && m < kmax; j++)
		top[m++] = r->param[j];
	for (size_t j = 0; j < nsel && m < kmax; j++)
		if (!ranked(r, sel[j]))
			top[m++] = sel[j];
	if (r == &own)
		plot_ranking_release(&own);
	free(sel);
	*n = m;
	return top;
}

void
plot_note_top_params(struct fig *f, const struct hp_study *st, size_t k,
    const struct plot_opts *o, const size_t *params, size_t n, size_t nall)
{
	const struct plot_ranking *r;
	struct plot_ranking own;
	struct hp_buf b, u;

	if (n >= nall)
		return;
	if ((r = plot_given_ranking(st, k, o)) == NULL) {
		plot_ranking_init(&own, st, k, o);
		r = &own;
	}
	hp_buf_init(&b);
	hp_buf_init(&u);
	for (size_t j = 0; j < n; j++) {
		struct hp_buf *to = ranked(r, params[j]) ? &b : &u;

		if (to->len)
			hp_buf_puts(to, ", ");
		hp_buf_puts(to, st->params[params[j]].name);
	}
	fig_add_note(f, "The %zu most important of %zu params by %s importance, "
	    "as in the importances figure: %s%s%s.", n, nall,
	    r->method == PLOT_IMPORTANCE_FANOVA ? "fANOVA" : "PED-ANOVA",
	    b.len ? b.s : "none", u.len ? "; then, not ranked by it: " : "",
	    u.len ? u.s : "");
	fig_add_hint(f, "Options --params and --max-params choose the params shown.");
	hp_buf_release(&b);
	hp_buf_release(&u);
	if (r == &own)
		plot_ranking_release(&own);
}
