/*
 * pdp: partial dependence as scikit-optimize defines it -- fix one or two
 * params at each grid value and average the model over a sample of points
 * of the search space.
 *
 * hp_pdp works on any model through batched predict calls (one batch of
 * nbg rows per grid cell, cells spread over threads).  hp_pdp_forest gets
 * the same numbers from a forest without predicting cell by cell: for each
 * tree and background row it walks the tree once, following the row at
 * splits on other columns and both ways at splits on the axis columns,
 * carrying the sets of grid values still possible; at a leaf the leaf
 * value is added to every grid cell of those sets (through a 2-D
 * difference array when both sets are runs of consecutive values, as they
 * are for numeric axes).  Trees run in parallel; their grids are summed in
 * tree order so the result does not depend on the thread count.
 */
#include <stdlib.h>
#include <string.h>

#include "hpreport/analysis.h"

struct pdp_ctx {
	const struct hp_model		*m;
	const struct hp_pdp_axis	*a, *b;
	const double			*bg;
	size_t				 nbg, nb;
	double				*out;
};

static void
set_axis(const struct hp_pdp_axis *ax, size_t i, double *row)
{
	memcpy(row + ax->col, ax->v + i * ax->ncols, ax->ncols * sizeof(double));
}

static void
pdp_cell(void *arg, size_t cell)
{
	struct pdp_ctx *c = arg;
	size_t dim = c->m->dim, i = cell / c->nb, j = cell % c->nb;
	double *x = hp_calloc(c->nbg * dim, sizeof(double));
	double *y = hp_calloc(c->nbg, sizeof(double)), s = 0;

	memcpy(x, c->bg, c->nbg * dim * sizeof(double));
	for (size_t r = 0; r < c->nbg; r++) {
		set_axis(c->a, i, x + r * dim);
		if (c->b)
			set_axis(c->b, j, x + r * dim);
	}
	c->m->predict(c->m->self, x, c->nbg, y);
	for (size_t r = 0; r < c->nbg; r++)
		s += y[r];
	c->out[cell] = s / (double)c->nbg;
	free(x);
	free(y);
}

void
hp_pdp(const struct hp_model *m, const struct hp_pdp_axis *a,
    const struct hp_pdp_axis *b, const double *bg, size_t nbg, int nthreads,
    double *out)
{
	struct pdp_ctx c = { m, a, b, bg, nbg, b ? b->n : 1, out };

	if (nbg == 0 || a->n == 0 || (b && b->n == 0))
		return;
	hp_parallel_for(a->n * c.nb, nthreads, pdp_cell, &c);
}

/* --- forest -------------------------------------------------------------- */

struct pf_ctx {
	const struct hp_forest		*f;
	const struct hp_pdp_axis	*a, *b;
	const double			*bg;
	size_t				 nbg, na, nb;
	double				*grids;		/* [ntrees * na * nb] */
};

struct pf_walk {
	const struct hp_tree		*t;
	const struct hp_pdp_axis	*a, *b;
	const double			*x;
	size_t				 na, nb;
	double				*grid;		/* [na * nb] direct adds */
	double				*diff;		/* [(na + 1) * (nb + 1)] */
	size_t				*scratch;	/* per level: na + nb */
	size_t				 nlevels;
};

static int
contiguous(const size_t *l, size_t n)
{
	return n > 0 && l[n - 1] - l[0] == n - 1;
}

static int
on_axis(const struct hp_pdp_axis *ax, int f, size_t *c)
{
	if (ax == NULL || f < (int)ax->col || f >= (int)(ax->col + ax->ncols))
		return 0;
	*c = (size_t)f - ax->col;
	return 1;
}

static void
walk(struct pf_walk *w, int node, const size_t *la, size_t na, const size_t *lb,
    size_t nb, size_t level)
{
	const struct hp_tree *t = w->t;
	size_t c;

	for (;;) {
		int f = t->feature[node];

		if (f < 0)
			break;
		if (on_axis(w->a, f, &c) || on_axis(w->b, f, &c))
			break;
		node = w->x[f] <= t->threshold[node] ? t->left[node] : t->right[node];
	}
	if (t->feature[node] < 0) {
		double v = t->value[node];

		if (contiguous(la, na) && contiguous(lb, nb)) {
			size_t i0 = la[0], i1 = la[na - 1] + 1;
			size_t j0 = lb[0], j1 = lb[nb - 1] + 1, W = w->nb + 1;

			w->diff[i0 * W + j0] += v;
			w->diff[i0 * W + j1] -= v;
			w->diff[i1 * W + j0] -= v;
			w->diff[i1 * W + j1] += v;
		} else {
			for (size_t i = 0; i < na; i++)
				for (size_t j = 0; j < nb; j++)
					w->grid[la[i] * w->nb + lb[j]] += v;
		}
		return;
	}
	{
		int f = t->feature[node], isa = on_axis(w->a, f, &c);
		const struct hp_pdp_axis *ax = isa ? w->a : w->b;
		const size_t *l = isa ? la : lb;
		size_t n = isa ? na : nb, nl = 0, nr = 0;
		size_t *sl, *sr;
		double thr = t->threshold[node];

		if (level >= w->nlevels)
			return;		/* deeper than max_depth + 1: cannot happen */
		sl = w->scratch + level * (w->na + w->nb);
		sr = sl + n;
		/* left values first, right ones after them, both in order */
		for (size_t i = 0; i < n; i++)
			if (ax->v[l[i] * ax->ncols + c] <= thr)
				sl[nl++] = l[i];
		for (size_t i = 0; i < n; i++)
			if (!(ax->v[l[i] * ax->ncols + c] <= thr))
				sl[nl + nr++] = l[i];
		sr = sl + nl;
		if (isa) {
			if (nl)
				walk(w, t->left[node], sl, nl, lb, nb, level + 1);
			if (nr)
				walk(w, t->right[node], sr, nr, lb, nb, level + 1);
		} else {
			if (nl)
				walk(w, t->left[node], la, na, sl, nl, level + 1);
			if (nr)
				walk(w, t->right[node], la, na, sr, nr, level + 1);
		}
	}
}

static size_t
tree_depth(const struct hp_tree *t)
{
	/* nodes are stored with children after parents: one pass suffices */
	size_t *d = hp_calloc(t->nnodes + 1, sizeof(size_t)), max = 0;

	for (size_t k = 0; k < t->nnodes; k++) {
		if (t->feature[k] < 0)
			continue;
		d[t->left[k]] = d[t->right[k]] = d[k] + 1;
		if (d[k] + 1 > max)
			max = d[k] + 1;
	}
	free(d);
	return max;
}

static void
pf_tree(void *arg, size_t ti)
{
	struct pf_ctx *c = arg;
	struct pf_walk w;
	size_t na = c->na, nb = c->nb, W = nb + 1;
	size_t *la = hp_calloc(na, sizeof(size_t)), *lb = hp_calloc(nb, sizeof(size_t));
	double *grid = c->grids + ti * na * nb;

	w.t = &c->f->trees[ti];
	w.a = c->a;
	w.b = c->b;
	w.na = na;
	w.nb = nb;
	w.grid = grid;
	w.diff = hp_calloc((na + 1) * (nb + 1), sizeof(double));
	w.nlevels = tree_depth(w.t) + 1;
	w.scratch = hp_calloc(w.nlevels * (na + nb), sizeof(size_t));
	for (size_t i = 0; i < na; i++)
		la[i] = i;
	for (size_t j = 0; j < nb; j++)
		lb[j] = j;
	for (size_t r = 0; r < c->nbg; r++) {
		w.x = c->bg + r * c->f->dim;
		walk(&w, 0, la, na, lb, nb, 0);
	}
	/* 2-D prefix sums of the difference array into the grid */
	for (size_t i = 0; i <= na; i++)
		for (size_t j = 0; j <= nb; j++) {
			double v = w.diff[i * W + j];

			if (i > 0)
				v += w.diff[(i - 1) * W + j];
			if (j > 0)
				v += w.diff[i * W + j - 1];
			if (i > 0 && j > 0)
				v -= w.diff[(i - 1) * W + j - 1];
			w.diff[i * W + j] = v;
		}
	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < nb; j++)
			grid[i * nb + j] += w.diff[i * W + j];
	free(w.diff);
	free(w.scratch);
	free(la);
	free(lb);
}

void
hp_pdp_forest(const struct hp_forest *f, const struct hp_pdp_axis *a,
    const struct hp_pdp_axis *b, const double *bg, size_t nbg, int nthreads,
    double *out)
{
	size_t nb = b ? b->n : 1, cells = a->n * nb;
	struct pf_ctx c = { f, a, b, bg, nbg, a->n, nb,
	    hp_calloc(f->ntrees * cells + 1, sizeof(double)) };

	if (nbg == 0 || cells == 0) {
		free(c.grids);
		return;
	}
	hp_parallel_for(f->ntrees, nthreads, pf_tree, &c);
	for (size_t k = 0; k < cells; k++) {
		double s = 0;

		for (size_t t = 0; t < f->ntrees; t++)
			s += c.grids[t * cells + k];
		out[k] = s / ((double)f->ntrees * (double)nbg);
	}
	free(c.grids);
}
