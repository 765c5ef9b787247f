/*
 * objective: objective dependence (scikit-optimize plot_objective) -- an
 * n x n matrix of panels: on the diagonal the 1-D partial dependence of
 * the objective on each param, below it the 2-D partial dependence of each
 * pair as filled contour bands, the sampled trials (black) and the best
 * trial (red star, red dashed line) marked; the upper triangle is empty.
 *
 * The surrogate (src/analysis): a Gaussian process (Matern 5/2, fitted
 * hyperparameters) when the study has at most HP_GP_MAX_TRIALS usable
 * trials, else a random forest on at most HP_FOREST_MAX_TRIALS of them
 * (seeded sub-sample); --surrogate gp|forest overrides (a forced GP is
 * capped at GP_FORCED_CAP trials).  Partial dependence averages the model
 * over HP_PDP_SAMPLES random points of the search space on HP_PDP_GRID
 * values per numeric axis and one per categorical choice; with
 * --dependence best it is the slice through the best trial instead.  For
 * the GP the number of random points shrinks (to >= 10, said in a note) so
 * that the kernel evaluations stay under GP_PDP_BUDGET.
 *
 * The model is fitted once on every param of the study it can take, so
 * that a param's dependence does not change with the params shown (a
 * narrower figure shows fewer): the shown ones' dependence is read off it,
 * averaged over the same background points.
 *
 * Trials: COMPLETE with a finite value.  Conditional params (absent from
 * some COMPLETE trials) are shown: the surrogate sees "absent" as one more
 * value of theirs (analysis.h, hp_encode_partial), the random background
 * points leave them absent as often as the trials do, their panels show
 * the dependence when they are set and the trials that have them; a note
 * names them.
 *
 * Data (data/objective.csv): the dependence on each shown param (a grid
 * of one param, y_param empty) and each pair below the diagonal, in the
 * grid layout of fig_table_grid: a row naming the params with the x
 * nodes, then a row per y node with the dependence at each x node; a
 * categorical node is its choice's label.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/analysis.h"
#include "hpreport/plot.h"

#define GP_FORCED_CAP	300
#define GP_PDP_BUDGET	3e7	/* kernel evaluations for the whole matrix */
#define NBANDS		12	/* contour bands */

/*
 * Params of sel to show: those in every COMPLETE trial, and conditional
 * ones (present in at least 2 COMPLETE trials) flagged in opt and named in
 * `cond`; params in fewer go to `left`.
 */
static size_t
select_shown(const struct hp_study *st, const size_t *sel, size_t n,
    size_t *keep, unsigned char *opt, struct hp_buf *cond, struct hp_buf *left,
    struct hp_buf *many)
{
	size_t m = 0;

	for (size_t j = 0; j < n; j++) {
		const double *v = st->params[sel[j]].v;
		size_t have = 0, complete = 0;

		if (plot_too_many_choices(&st->params[sel[j]], many))
			continue;
		for (size_t t = 0; t < st->ntrials; t++)
			if (st->state[t] == HP_STATE_COMPLETE) {
				complete++;
				have += !isnan(v[t]);
			}
		if (have == complete || have >= 2) {
			opt[m] = have < complete;
			keep[m++] = sel[j];
			if (have < complete) {
				if (cond->len)
					hp_buf_puts(cond, ", ");
				hp_buf_puts(cond, st->params[sel[j]].name);
			}
		} else {
			if (left->len)
				hp_buf_puts(left, ", ");
			hp_buf_puts(left, st->params[sel[j]].name);
		}
	}
	return m;
}

/* One param's dependence axis: encoded grid rows and data coordinates. */
struct axis {
	struct hp_pdp_axis	 pa;
	double			*enc;		/* [n * ncols] */
	double			*data;		/* [n] data coordinate (choice index) */
	double			*edge;		/* [n + 1] cell edges, data coordinates */
	int			 cat, log;
};

static double
unwarp(const struct hp_dist *d, double u)
{
	if (d->log && d->low > 0)
		return exp(log(d->low) + u * (log(d->high) - log(d->low)));
	return d->low + u * (d->high - d->low);
}

static void
axis_make(struct axis *a, const struct hp_encoding *e, const struct hp_study *st,
    size_t j)
{
	const struct hp_dist *d = &st->params[e->param[j]].dist;
	size_t nc = e->col[j + 1] - e->col[j], n;

	a->cat = d->kind == HP_DIST_CATEGORICAL;
	a->log = d->log && d->low > 0;
	n = a->cat ? d->nchoices : HP_PDP_GRID;
	a->enc = hp_calloc(n * nc, sizeof(double));
	a->data = hp_calloc(n, sizeof(double));
	a->edge = hp_calloc(n + 1, sizeof(double));
	for (size_t i = 0; i < n; i++) {
		if (a->cat) {
			a->enc[i * nc + i] = 1;
			a->data[i] = (double)i;
		} else {
			double u = (double)i / (double)(n - 1);

			a->enc[i] = u;
			a->data[i] = unwarp(d, u);
		}
	}
	for (size_t i = 0; i <= n; i++) {
		if (a->cat)
			a->edge[i] = (double)i - 0.5;
		else {
			double u = ((double)i - 0.5) / (double)(n - 1);

			a->edge[i] = unwarp(d, fmin(1, fmax(0, u)));
		}
	}
	a->pa = (struct hp_pdp_axis){ e->col[j], nc, n, a->enc };
}

static void
axis_release(struct axis *a)
{
	free(a->enc);
	free(a->data);
	free(a->edge);
}

static void
param_axis(struct fig_axis *fa, const struct hp_study *st, size_t p, long best)
{
	const struct hp_dist *d = &st->params[p].dist;

	if (d->kind == HP_DIST_CATEGORICAL) {
		plot_param_axis(fa, st, p, 0, best);
		return;
	}
	if (d->log && d->low > 0)
		fig_axis_log(fa, d->low, d->high, st->params[p].name);
	else
		fig_axis_linear(fa, d->low, d->high, st->params[p].name);
	fa->integer = d->kind == HP_DIST_INT;
}

/* Model and how to evaluate partial dependence with it. */
struct surrogate {
	int		 gp;
	struct hp_gp	 g;
	struct hp_forest f;
	struct hp_model	 m;
	struct hp_pool	*pool;		/* for the dependence grids */
};

static void
dependence(const struct surrogate *s, const struct hp_pdp_axis *a,
    const struct hp_pdp_axis *b, const double *bg, size_t nbg, double *out)
{
	if (s->gp)
		hp_pdp(&s->m, a, b, bg, nbg, s->pool, out);
	else
		hp_pdp_forest(&s->f, a, b, bg, nbg, s->pool, out);
}

/*
 * Filled contour bands by marching squares.  A panel's grid of node values
 * is padded with one ring of nodes below every level, sitting at the same
 * coordinates as the border nodes, so that every contour line is a closed
 * ring and the rings at level l bound (even-odd) the region where the
 * value is >= l.  Band k is drawn as that region for its lower edge, in
 * increasing order, each over the last.  A categorical axis has two nodes
 * per choice, at i - 0.5 and i + 0.5 with the choice's value, so bands
 * step at the half-way lines between choices.  Interpolation is linear in
 * the axis's unit (warped) coordinate.
 */
struct cgrid {
	size_t		 n;	/* nodes, padding included */
	double		*u;	/* [n] coordinate (unit for numeric, index for categorical) */
	long		*src;	/* [n] grid index of the node's value, -1 = padding */
};

static void
cgrid_make(struct cgrid *g, const struct axis *a)
{
	size_t m = a->cat ? 2 * a->pa.n : a->pa.n;

	g->n = m + 2;
	g->u = hp_calloc(g->n, sizeof(double));
	g->src = hp_calloc(g->n, sizeof(long));
	for (size_t i = 0; i < m; i++) {
		if (a->cat) {
			g->u[i + 1] = (double)(i / 2) + (i % 2 ? 0.5 : -0.5);
			g->src[i + 1] = (long)(i / 2);
		} else {
			g->u[i + 1] = (double)i / (double)(m - 1);
			g->src[i + 1] = (long)i;
		}
	}
	g->u[0] = g->u[1];
	g->u[m + 1] = g->u[m];
	g->src[0] = g->src[m + 1] = -1;
}

static void
cgrid_release(struct cgrid *g)
{
	free(g->u);
	free(g->src);
}

struct contour {
	const struct cgrid *gx, *gy;
	const double	*v;		/* [nx * ny] values, x index slowest */
	size_t		 ny;		/* unpadded y grid size */
	double		 level;
	size_t		*eseg;		/* [nedges * 2] segments meeting at each edge */
	size_t		*seg;		/* [nseg * 2] the two edges of each segment */
	size_t		 nseg, capseg;
	unsigned char	*used;
};

static double
cval(const struct contour *c, size_t A, size_t B)
{
	long a = c->gx->src[A], b = c->gy->src[B];

	return a < 0 || b < 0 ? -INFINITY : c->v[(size_t)a * c->ny + (size_t)b];
}

/* Edge ids: horizontal (A,B)-(A+1,B) = A*NY+B; vertical (A,B)-(A,B+1) = NX*NY + A*NY+B. */
static void
add_seg(struct contour *c, size_t e0, size_t e1)
{
	size_t s;

	if (c->nseg == c->capseg) {
		c->capseg = c->capseg ? 2 * c->capseg : 256;
		c->seg = hp_reallocarray(c->seg, c->capseg, 2 * sizeof(size_t));
	}
	s = c->nseg++;
	c->seg[2 * s] = e0;
	c->seg[2 * s + 1] = e1;
	c->eseg[2 * e0 + (c->eseg[2 * e0] != SIZE_MAX)] = s;
	c->eseg[2 * e1 + (c->eseg[2 * e1] != SIZE_MAX)] = s;
}

/* The point where the level crosses edge e, in axis coordinates. */
static void
edge_point(const struct contour *c, size_t e, double *x, double *y)
{
	size_t NX = c->gx->n, NY = c->gy->n, A, B, A2, B2;
	double p, q, t;

	if (e < NX * NY) {
		A = e / NY;
		B = e % NY;
		A2 = A + 1;
		B2 = B;
	} else {
		A = (e - NX * NY) / NY;
		B = (e - NX * NY) % NY;
		A2 = A;
		B2 = B + 1;
	}
	p = cval(c, A, B);
	q = cval(c, A2, B2);
	t = isfinite(p) && isfinite(q) && q != p ? (c->level - p) / (q - p) : 0.5;
	t = fmin(1, fmax(0, t));
	*x = c->gx->u[A] + t * (c->gx->u[A2] - c->gx->u[A]);
	*y = c->gy->u[B] + t * (c->gy->u[B2] - c->gy->u[B]);
}

/*
 * Appends the rings of the region >= level to (x, y), each ring closed by
 * a NaN vertex; returns the number of vertices appended.
 */
static size_t
contour_rings(struct contour *c, double **x, double **y, size_t *n, size_t *cap)
{
	size_t NX = c->gx->n, NY = c->gy->n, n0 = *n;

	for (size_t i = 0; i < 2 * 2 * NX * NY; i++)
		c->eseg[i] = SIZE_MAX;
	c->nseg = 0;
	for (size_t A = 0; A + 1 < NX; A++)
		for (size_t B = 0; B + 1 < NY; B++) {
			double v0 = cval(c, A, B), v1 = cval(c, A + 1, B);
			double v2 = cval(c, A + 1, B + 1), v3 = cval(c, A, B + 1);
			int k = (v0 >= c->level) | (v1 >= c->level) << 1 |
			    (v2 >= c->level) << 2 | (v3 >= c->level) << 3;
			size_t eb = A * NY + B, et = A * NY + B + 1;
			size_t el = NX * NY + A * NY + B, er = NX * NY + (A + 1) * NY + B;

			if (k == 0 || k == 15)
				continue;
			if (k == 5 || k == 10) {
				/* saddle: the centre decides which corners join */
				int in = (v0 + v1 + v2 + v3) / 4 >= c->level;

				if ((k == 5) == in) {
					/* cut off corners 1 and 3 */
					add_seg(c, eb, er);
					add_seg(c, et, el);
				} else {
					/* cut off corners 0 and 2 */
					add_seg(c, el, eb);
					add_seg(c, er, et);
				}
				continue;
			}
			{
				size_t e[4], m = 0;

				if ((k & 1) != (k >> 1 & 1))
					e[m++] = eb;
				if ((k >> 1 & 1) != (k >> 2 & 1))
					e[m++] = er;
				if ((k >> 2 & 1) != (k >> 3 & 1))
					e[m++] = et;
				if ((k >> 3 & 1) != (k & 1))
					e[m++] = el;
				if (m == 2)
					add_seg(c, e[0], e[1]);
			}
		}
	c->used = hp_reallocarray(c->used, c->nseg + 1, 1);
	memset(c->used, 0, c->nseg + 1);
	for (size_t s0 = 0; s0 < c->nseg; s0++) {
		size_t s = s0, e;

		if (c->used[s0])
			continue;
		e = c->seg[2 * s];
		for (;;) {
			size_t nxt;

			c->used[s] = 1;
			if (*n + 2 > *cap) {
				*cap = *cap ? 2 * *cap : 1024;
				*x = hp_reallocarray(*x, *cap, sizeof(double));
				*y = hp_reallocarray(*y, *cap, sizeof(double));
			}
			edge_point(c, e, &(*x)[*n], &(*y)[*n]);
			(*n)++;
			e = c->seg[2 * s] == e ? c->seg[2 * s + 1] : c->seg[2 * s];
			nxt = c->eseg[2 * e] == s ? c->eseg[2 * e + 1] : c->eseg[2 * e];
			if (nxt == SIZE_MAX || c->used[nxt])
				break;
			s = nxt;
		}
		(*x)[*n] = (*y)[*n] = NAN;
		(*n)++;
	}
	return *n - n0;
}

/* Axis coordinate (unit or index) to data coordinate. */
static double
to_data(const struct axis *a, const struct hp_dist *d, double u)
{
	return a->cat || !isfinite(u) ? u : unwarp(d, u);
}

/*
 * Adds the filled contour bands of v (ax x ay grid, x index slowest) to
 * panel p: one polygon per band that is present, coloured by the band's
 * middle value.
 */
static void
add_bands(struct fig_panel *p, const struct axis *axx, const struct hp_dist *dx,
    const struct axis *axy, const struct hp_dist *dy, const double *v,
    const double *lv, size_t nb)
{
	struct cgrid gx, gy;
	struct contour c;
	double *x = NULL, *y = NULL, *cv = hp_calloc(nb, sizeof(double));
	size_t n = 0, cap = 0, *off = hp_calloc(nb + 1, sizeof(size_t)), np = 0;

	cgrid_make(&gx, axx);
	cgrid_make(&gy, axy);
	memset(&c, 0, sizeof(c));
	c.gx = &gx;
	c.gy = &gy;
	c.v = v;
	c.ny = axy->pa.n;
	c.eseg = hp_calloc(2 * 2 * gx.n * gy.n, sizeof(size_t));
	for (size_t k = 0; k < nb; k++) {
		size_t start = n;

		/* the lowest band covers everything, whatever rounding says */
		c.level = k == 0 ? -DBL_MAX : lv[k];
		if (contour_rings(&c, &x, &y, &n, &cap) == 0)
			continue;
		for (size_t i = start; i < n; i++) {
			x[i] = to_data(axx, dx, x[i]);
			y[i] = to_data(axy, dy, y[i]);
		}
		off[np] = start;
		cv[np] = (lv[k] + lv[k + 1]) / 2;
		np++;
		off[np] = n;
	}
	if (np)
		fig_add_polygons(p, x, y, off, np, cv);
	free(x);
	free(y);
	free(cv);
	free(off);
	free(c.eseg);
	free(c.seg);
	free(c.used);
	cgrid_release(&gx);
	cgrid_release(&gy);
}

static const struct fig_rgba RED = { 0.84, 0.15, 0.16, 1 };

int
plot_objective(const struct hp_study *st, size_t k, const struct plot_opts *o,
    struct fig *out, struct hp_err *err)
{
	size_t nsel, nall, *sel = plot_top_params(st, k, o, &nsel, &nall);
	size_t *keep = hp_calloc(nsel + 1, sizeof(size_t)), nkeep, d = 0, dm, cap, nbg;
	size_t nstudy, *every = plot_select_params(st, NULL, &nstudy), nmodel;
	size_t *model = hp_calloc(nstudy + 1, sizeof(size_t));
	size_t *sh = hp_calloc(nsel + 1, sizeof(size_t));	/* shown: model params */
	unsigned char *opt = hp_calloc(nsel + 1, 1);
	unsigned char *mopt = hp_calloc(nstudy + 1, 1);
	int want_gp, best_slice = o && o->dependence == PLOT_DEPENDENCE_BEST;
	struct hp_encoding e;
	struct surrogate s;
	struct hp_buf left, cond, many, unused;
	struct axis *ax = NULL;
	double **diag = NULL, **pair = NULL, *bg = NULL;
	double dlo = INFINITY, dhi = -INFINITY, plo = INFINITY, phi = -INFINITY;
	long best = hp_study_best(st, k);
	char title[400], otitle[256];
	struct hp_err gp_failed = { "" };	/* why the GP fell back, if it did */
	int ret = 1;

	memset(&e, 0, sizeof(e));
	memset(&s, 0, sizeof(s));
	s.pool = o ? o->pool : NULL;
	hp_buf_init(&left);
	hp_buf_init(&cond);
	hp_buf_init(&many);
	hp_buf_init(&unused);
	/* the shown params (the notes are of them), and the model's: all */
	nkeep = select_shown(st, sel, nsel, keep, opt, &cond, &left, &many);
	nmodel = select_shown(st, every, nstudy, model, mopt, &unused, &unused, &unused);
	if (nkeep == 0 || hp_encode_partial(st, k, model, nmodel, mopt, HP_WARP_UNIT,
	    0, 0, &e, err) < 0) {
		ret = nkeep > 0 ? -1 : st->nparams == 0 ?
		    fig_skip(out, 1, "the study has no params") :
		    fig_skip(out, 0, "no param to model");
		goto done;
	}
	/* the shown params among the model's, in the order given */
	for (size_t i = 0; i < nkeep; i++)
		for (size_t j = 0; j < e.nparams; j++)
			if (e.param[j] == keep[i])
				sh[d++] = j;
	if (e.nrows < 2 || d == 0) {	/* nothing to model */
		ret = e.nrows < 2 ? fig_skip(out, 0, "it needs 2 COMPLETE trials "
		    "with a finite value, %zu found", e.nrows) :
		    fig_skip(out, 0, "no param takes 2 values");
		goto done;
	}
	if (plot_flat_objective(st, k, title, sizeof(title))) {
		ret = fig_skip(out, 0, "%s", title);	/* a flat surface of noise */
		goto done;
	}
	want_gp = o && o->surrogate == PLOT_SURROGATE_GP ? 1 :
	    o && o->surrogate == PLOT_SURROGATE_FOREST ? 0 :
	    e.nusable <= HP_GP_MAX_TRIALS;
	cap = want_gp ? GP_FORCED_CAP : HP_FOREST_MAX_TRIALS;
	if (e.nrows > cap) {
		hp_encoding_release(&e);
		if (hp_encode_partial(st, k, model, nmodel, mopt, HP_WARP_UNIT, cap, 0,
		    &e, err) < 0) {
			ret = -1;
			goto done;
		}
	}
	dm = e.nparams;

	/* fit the surrogate */
	if (want_gp) {
		/* a GP that cannot be fitted (a kernel matrix that is not
		 * positive definite on extreme values) falls back to the forest */
		if (hp_gp_fit(&s.g, e.X, e.y, e.nrows, e.ncols, 4, 0, &gp_failed) < 0) {
			hp_gp_release(&s.g);
			memset(&s.g, 0, sizeof(s.g));
			want_gp = 0;
		} else
			s.m = hp_gp_model(&s.g);
	}
	s.gp = want_gp;
	if (!want_gp) {
		struct hp_forest_opts fo;

		hp_forest_opts_defaults(&fo);
		fo.ntrees = HP_SURROGATE_TREES;
		fo.min_samples_leaf = 3;	/* as skopt's forest_minimize */
		fo.pool = s.pool;
		if (hp_forest_fit(&s.f, e.X, e.y, e.nrows, e.ncols, &fo, err) < 0) {
			ret = -1;
			goto done;
		}
	}

	/* grids and the background sample */
	ax = hp_calloc(dm, sizeof(*ax));
	for (size_t j = 0; j < dm; j++)
		axis_make(&ax[j], &e, st, j);
	if (best_slice && best >= 0) {
		size_t r;

		for (r = 0; r < e.nrows && e.trial[r] != (size_t)best; r++)
			;
		nbg = 1;
		bg = hp_calloc(e.ncols, sizeof(double));
		for (size_t j = 0; j < dm; j++)
			hp_encode_value(&e, st, j, st->params[e.param[j]].v[best], bg);
		(void)r;
	} else {
		struct hp_rng rng;
		double *absent = hp_calloc(dm, sizeof(double));

		/* how often each param is absent from the modelled trials */
		for (size_t j = 0; j < dm; j++) {
			for (size_t r = 0; r < e.nrows; r++)
				absent[j] += isnan(st->params[e.param[j]].v[e.trial[r]]);
			absent[j] /= (double)e.nrows;
		}
		best_slice = 0;
		nbg = HP_PDP_SAMPLES;
		if (want_gp) {
			/* budgeted on the model's first PLOT_MAX_PARAMS params
			 * (not the shown ones: the points must not change with
			 * the width) */
			size_t mb = dm < PLOT_MAX_PARAMS ? dm : PLOT_MAX_PARAMS;
			double cells = 0, per;

			for (size_t i = 0; i < mb; i++) {
				cells += (double)ax[i].pa.n;
				for (size_t j = 0; j < i; j++)
					cells += (double)ax[i].pa.n * (double)ax[j].pa.n;
			}
			per = cells * (double)e.nrows;
			if (per * (double)nbg > GP_PDP_BUDGET)
				nbg = (size_t)fmax(10, GP_PDP_BUDGET / per);
		}
		bg = hp_calloc(nbg * e.ncols, sizeof(double));
		hp_rng_seed(&rng, 1234);
		for (size_t r = 0; r < nbg; r++)
			for (size_t j = 0; j < dm; j++) {
				if (absent[j] > 0 && hp_rng_uniform(&rng) < absent[j])
					hp_encode_value(&e, st, j, NAN, bg + r * e.ncols);
				else if (ax[j].cat)
					bg[r * e.ncols + e.col[j] + hp_rng_below(&rng, ax[j].pa.n)] = 1;
				else
					bg[r * e.ncols + e.col[j]] = hp_rng_uniform(&rng);
			}
		free(absent);
	}

	/* partial dependence: diagonal, then each pair (x = param j, y = param i) */
	diag = hp_calloc(d, sizeof(double *));
	pair = hp_calloc(d * d, sizeof(double *));
	for (size_t i = 0; i < d; i++) {
		const struct axis *ai = &ax[sh[i]];

		diag[i] = hp_calloc(ai->pa.n, sizeof(double));
		dependence(&s, &ai->pa, NULL, bg, nbg, diag[i]);
		for (size_t g = 0; g < ai->pa.n; g++) {
			dlo = fmin(dlo, diag[i][g]);
			dhi = fmax(dhi, diag[i][g]);
		}
		for (size_t j = 0; j < i; j++) {
			size_t nc = ax[sh[j]].pa.n * ai->pa.n;

			pair[i * d + j] = hp_calloc(nc, sizeof(double));
			dependence(&s, &ax[sh[j]].pa, &ai->pa, bg, nbg, pair[i * d + j]);
			for (size_t g = 0; g < nc; g++) {
				plo = fmin(plo, pair[i * d + j][g]);
				phi = fmax(phi, pair[i * d + j][g]);
			}
		}
	}

	/* the figure */
	plot_objective_title(st, k, otitle, sizeof(otitle));
	if (o && o->title)
		snprintf(title, sizeof(title), "%s", o->title);
	else
		snprintf(title, sizeof(title), "%s of %s", best_slice ?
		    "Objective through the best trial" : "Partial dependence", otitle);
	{
		double side = d == 1 ? 360 : d <= 3 ? 200 : d <= 6 ? 160 : 120;

		plot_matrix_init(out, "objective", title, o, d, side, 110, 90);
	}
	plot_note_top_params(out, st, k, o, sel, nsel, nall);
	out->nrows = out->ncols = (int)d;
	if (d > 1) {
		plot_objective_bands(out, st, k, o, plo, phi, NBANDS);
	}
	if (!(dhi > dlo)) {
		dlo -= 0.5;
		dhi += 0.5;
	}
	for (size_t i = 0; i < d; i++)
		for (size_t j = 0; j < d; j++) {
			struct fig_panel *p = fig_add_panel(out, (int)i, (int)j);
			size_t pi = e.param[sh[i]], pj = e.param[sh[j]];
			const struct axis *ai = &ax[sh[i]], *aj = &ax[sh[j]];
			struct fig_mark *m;

			p->frame = 1;
			if (j > i) {
				p->empty = 1;
				continue;
			}
			param_axis(&p->x, st, pj, best);
			p->x.show = i == d - 1 ? FIG_SHOW_ALL : FIG_SHOW_LINE;
			if (i == j) {
				/* the colour's rule, so that the diagonal's axis
				 * and the bands below it agree */
				if (dlo > 0 && plot_objective_log(st, k)) {
					double pad = pow(dhi / dlo, 0.06);

					fig_axis_log(&p->y, dlo / pad, dhi * pad,
					    i == 0 ? otitle : NULL);
				} else {
					double pad = 0.06 * (dhi - dlo);

					fig_axis_linear(&p->y, dlo - pad, dhi + pad,
					    i == 0 ? otitle : NULL);
				}
				p->y.show = FIG_SHOW_LINE | FIG_SHOW_LABELS | FIG_SHOW_GRID |
				    (i == 0 ? FIG_SHOW_TITLE : 0);
				m = fig_add_mark(p, ai->cat ? FIG_MARK_POINTS : FIG_MARK_LINE,
				    ai->data, diag[i], ai->pa.n);
				m->color = plot_data_color(1);
				/* a dot per choice; many choices, small dots */
				m->size = !ai->cat ? 2 : ai->pa.n > 12 ? 3.5 : 7;
				if (ai->cat) {
					m = fig_add_mark(p, FIG_MARK_LINE, ai->data, diag[i],
					    ai->pa.n);
					m->color = plot_data_color(0.5);
					m->size = 1;
					m->dash = 2;
				}
				if (best >= 0 && !isnan(st->params[pi].v[best])) {
					double bx = st->params[pi].v[best];

					m = fig_add_mark(p, FIG_MARK_VRULE, &bx, NULL, 1);
					m->color = RED;
					m->dash = 1;
					m->size = 1.2;
				}
				continue;
			}
			param_axis(&p->y, st, pi, best);
			p->y.show = j == 0 ? FIG_SHOW_ALL : FIG_SHOW_LINE;
			add_bands(p, aj, &st->params[pj].dist, ai,
			    &st->params[pi].dist, pair[i * d + j], out->cbar.levels,
			    out->cbar.nlevels - 1);
			{
				/* the sampled trials (at most 2000 drawn, all modelled) */
				size_t n = e.nrows < 2000 ? e.nrows : 2000;
				double *px = hp_calloc(n + 1, sizeof(double));
				double *py = hp_calloc(n + 1, sizeof(double));
				int *id = hp_calloc(n + 1, sizeof(int));

				size_t np = 0;

				/* trials without one of the two (conditional) params are not drawn */
				for (size_t r = 0; r < n; r++) {
					size_t t = e.trial[r * e.nrows / n];

					px[np] = st->params[pj].v[t];
					py[np] = st->params[pi].v[t];
					id[np] = st->number[t];
					np += !isnan(px[np]) && !isnan(py[np]);
				}
				/* the model's reach where no trial is: faded */
				plot_veil(p, px, py, np);
				m = fig_add_mark(p, FIG_MARK_POINTS, px, py, np);
				/* lighter with more trials, so the surface still reads */
				m->color = (struct fig_rgba){ 0, 0, 0, n > 1000 ? 0.25 : n > 500 ? 0.35 : 0.7 };
				m->size = n > 1000 ? 1.6 : n > 500 ? 2 : 3;
				fig_mark_set_ids(m, id);
				free(px);
				free(py);
				free(id);
			}
			if (best >= 0 && !isnan(st->params[pj].v[best]) &&
			    !isnan(st->params[pi].v[best])) {
				double bx = st->params[pj].v[best], by = st->params[pi].v[best];
				int bid = st->number[best];

				m = fig_add_mark(p, FIG_MARK_POINTS, &bx, &by, 1);
				plot_best_star(m, 3.5);	/* as in the contour matrix */
				fig_mark_set_ids(m, &bid);
			}
		}

	if (gp_failed.msg[0])
		fig_add_note(out, "The Gaussian process could not be fitted (%s); "
		    "a random forest is used instead.", gp_failed.msg);
	if (want_gp)
		fig_add_note(out, "Surrogate: Gaussian process (Matern 5/2, fitted) on %zu "
		    "trials and all %zu params it takes.", e.nrows, dm);
	else
		fig_add_note(out, "Surrogate: random forest (%d trees) on %zu trials and "
		    "all %zu params it takes.", HP_SURROGATE_TREES, e.nrows, dm);
	if (e.nusable > e.nrows)
		fig_add_note(out, "Sub-sampled: %zu of %zu trials modelled (cap %zu, fixed seed).",
		    e.nrows, e.nusable, cap);
	if (best_slice)
		fig_add_note(out, "Each panel is the slice through the best trial (red).");
	else
		fig_add_note(out, "Partial dependence: mean over %zu random points of the "
		    "search space; red: best trial.", nbg);
	if (cond.len)
		fig_add_note(out, "Conditional (absent from some trials; the model takes "
		    "absence as a value, panels show the param when set): %s.", cond.s);
	if (left.len)
		fig_add_note(out, "Left out (in fewer than 2 complete trials): %s.", left.s);
	if (many.len)
		fig_add_note(out, "Left out (more than %d choices): %s.",
		    HP_MODEL_MAX_CHOICES, many.s);
	fig_add_caption(out, "%s of each param (diagonal) and each pair of params "
	    "(below), from a surrogate model of the objective; dots: the trials, "
	    "the best in red.", best_slice ? "The predicted objective along a "
	    "slice through the best trial" : "The partial dependence of the "
	    "objective on the value");
	plot_caption_finite(out, st, k);
	{
		size_t *shown = hp_calloc(d ? d : 1, sizeof(size_t));

		for (size_t i = 0; i < d; i++)
			shown[i] = e.param[sh[i]];
		plot_trial_columns(out, st, k, shown, d);
		free(shown);
	}

	{
		size_t nz = 0;
		char **nodes = hp_calloc(d ? d : 1, sizeof(char *));	/* per shown param */
		const char **lab = NULL;
		double *zt = NULL;

		for (size_t i = 0; i < d; i++)
			nz = ax[sh[i]].pa.n > nz ? ax[sh[i]].pa.n : nz;
		fig_table_grid_header(&out->data, nz);
		lab = hp_calloc(d * nz + 1, sizeof(char *));
		zt = hp_calloc(nz * nz + 1, sizeof(double));
		for (size_t i = 0; i < d; i++) {
			const struct hp_param *P = &st->params[e.param[sh[i]]];

			nodes[i] = hp_malloc(nz * 64 + 1);
			for (size_t g = 0; g < ax[sh[i]].pa.n; g++)
				lab[i * nz + g] = ax[sh[i]].cat ? hp_param_format(P,
				    ax[sh[i]].data[g], nodes[i] + g * 64, 64) :
				    hp_fmt_model(nodes[i] + g * 64, 64, ax[sh[i]].data[g]);
		}
		for (size_t i = 0; i < d; i++) {
			const struct hp_param *P = &st->params[e.param[sh[i]]];
			size_t ni = ax[sh[i]].pa.n;

			fig_table_grid(&out->data, P->name, NULL, lab + i * nz, ni, NULL, 1,
			    diag[i]);
			for (size_t j = 0; j < i; j++) {
				const struct hp_param *Q = &st->params[e.param[sh[j]]];
				size_t nj = ax[sh[j]].pa.n;

				/* pair[i * d + j][a * ni + b]: a along Q (x), b along P (y) */
				for (size_t a = 0; a < nj; a++)
					for (size_t b = 0; b < ni; b++)
						zt[b * nj + a] = pair[i * d + j][a * ni + b];
				fig_table_grid(&out->data, Q->name, P->name, lab + j * nz, nj,
				    lab + i * nz, ni, zt);
			}
		}
		for (size_t i = 0; i < d; i++)
			free(nodes[i]);
		free(nodes);
		free(lab);
		free(zt);
	}
done:
	if (ax)
		for (size_t j = 0; j < e.nparams; j++)
			axis_release(&ax[j]);
	if (diag)
		for (size_t j = 0; j < d; j++)
			free(diag[j]);
	if (pair)
		for (size_t j = 0; j < d * d; j++)
			free(pair[j]);
	free(ax);
	free(diag);
	free(pair);
	free(bg);
	hp_gp_release(&s.g);
	hp_forest_release(&s.f);
	hp_encoding_release(&e);
	hp_buf_release(&left);
	hp_buf_release(&cond);
	hp_buf_release(&many);
	hp_buf_release(&unused);
	free(opt);
	free(mopt);
	free(keep);
	free(model);
	free(every);
	free(sh);
	free(sel);
	return ret;
}
