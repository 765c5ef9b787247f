/*
 * pdp: partial dependence as scikit-optimize defines it -- fix one or two
 * params at each grid value and average the model over a sample of points
 * of the search space.
 *
 * hp_pdp works on any model through batched predict calls (one batch of
 * nbg rows per grid cell, cells spread over threads).  hp_pdp_forest gets
 * the same numbers from a forest without predicting cell by cell: each
 * tree is walked once with all background rows together, partitioning the
 * rows at splits on other columns and the grid values at splits on the
 * axis columns (the same rows go both ways), so a node costs its rows
 * plus its grid values once, not once per row; at a leaf the leaf value
 * times the rows that reached it is added to every grid cell of the sets
 * still possible (through a 2-D difference array when both sets are runs
 * of consecutive values, as they are for numeric axes).  Trees run in parallel; their grids are summed in
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
    const struct hp_pdp_axis *b, const double *bg, size_t nbg,
    struct hp_pool *pool, double *out)
{
	struct pdp_ctx c = { m, a, b, bg, nbg, b ? b->n : 1, out };

	if (nbg == 0 || a->n == 0 || (b && b->n == 0))
		return;
	hp_pool_for(pool, a->n * c.nb, pdp_cell, &c);
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
	const double			*bg;		/* [nbg * dim] */
	size_t				 dim, na, nb;
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

/*
 * Walks the subtree at node with the background rows rows[0..nr) and the
 * grid values la (axis a) and lb (axis b) still possible.  A split on
 * another column partitions the rows in place; a split on an axis column
 * partitions the grid values (into this level's scratch) and sends the
 * same rows both ways.  At a leaf its value, once per row, goes to every
 * cell of la x lb.  A call at level L writes only scratch level L.
 */
static void
walk(struct pf_walk *w, int node, size_t *rows, size_t nr, const size_t *la,
    size_t na, const size_t *lb, size_t nb, size_t level)
{
	const struct hp_tree *t = w->t;
	size_t c;

	for (;;) {
		int f = t->feature[node];
		double thr;
		size_t i, j;

		if (f < 0)
			break;
		if (on_axis(w->a, f, &c) || on_axis(w->b, f, &c))
			break;
		thr = t->threshold[node];
		for (i = 0, j = nr; i < j;) {
			if (w->bg[rows[i] * w->dim + (size_t)f] <= thr)
				i++;
			else {
				size_t r = rows[--j];

				rows[j] = rows[i];
				rows[i] = r;
			}
		}
		if (i == 0)
			node = t->right[node];
		else if (i == nr)
			node = t->left[node];
		else {
			walk(w, t->left[node], rows, i, la, na, lb, nb, level);
			node = t->right[node];
			rows += i;
			nr -= i;
		}
	}
	if (t->feature[node] < 0) {
		double v = t->value[node] * (double)nr;

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
		size_t n = isa ? na : nb, nl = 0, nrt = 0;
		size_t *sl, *sr;
		double thr = t->threshold[node];

		if (level >= w->nlevels)
			return;		/* deeper than max_depth + 1: cannot happen */
		sl = w->scratch + level * (w->na + w->nb);
		/* left values first, right ones after them, both in order */
		for (size_t i = 0; i < n; i++)
			if (ax->v[l[i] * ax->ncols + c] <= thr)
				sl[nl++] = l[i];
		for (size_t i = 0; i < n; i++)
			if (!(ax->v[l[i] * ax->ncols + c] <= thr))
				sl[nl + nrt++] = l[i];
		sr = sl + nl;
		if (isa) {
			if (nl)
				walk(w, t->left[node], rows, nr, sl, nl, lb, nb, level + 1);
			if (nrt)
				walk(w, t->right[node], rows, nr, sr, nrt, lb, nb, level + 1);
		} else {
			if (nl)
				walk(w, t->left[node], rows, nr, la, na, sl, nl, level + 1);
			if (nrt)
				walk(w, t->right[node], rows, nr, la, na, sr, nrt, level + 1);
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
	size_t *rows = hp_calloc(c->nbg, sizeof(size_t));
	double *grid = c->grids + ti * na * nb;

	w.t = &c->f->trees[ti];
	w.bg = c->bg;
	w.dim = c->f->dim;
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
	for (size_t r = 0; r < c->nbg; r++)
		rows[r] = r;
	walk(&w, 0, rows, c->nbg, la, na, lb, nb, 0);
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
	free(rows);
}

void
hp_pdp_forest(const struct hp_forest *f, const struct hp_pdp_axis *a,
    const struct hp_pdp_axis *b, const double *bg, size_t nbg,
    struct hp_pool *pool, double *out)
{
	size_t nb = b ? b->n : 1, cells = a->n * nb;
	struct pf_ctx c = { f, a, b, bg, nbg, a->n, nb,
	    hp_calloc(f->ntrees * cells + 1, sizeof(double)) };

	if (nbg == 0 || cells == 0) {
		free(c.grids);
		return;
	}
	hp_pool_for(pool, f->ntrees, pf_tree, &c);
	for (size_t k = 0; k < cells; k++) {
		double s = 0;

		for (size_t t = 0; t < f->ntrees; t++)
			s += c.grids[t * cells + k];
		out[k] = s / ((double)f->ntrees * (double)nbg);
	}
	free(c.grids);
}
