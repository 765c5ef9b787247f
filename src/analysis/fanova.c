/*
 * fanova: parameter importances as Optuna's fANOVA evaluator computes them
 * (optuna/importance/_fanova, up to v4.9), on the forest of forest.c.
 *
 * Per tree, the box [lo, hi] of the search space is cut by the tree's
 * leaves into boxes.  The marginal of a group of columns F (one numeric
 * param, or the one-hot columns of a categorical) is the tree's prediction
 * averaged over the other columns; it is constant on the cells of the grid
 * that the tree's thresholds on F cut.  Optuna evaluates it by walking the
 * tree once per cell; here each leaf adds  value * volume-outside-F  to the
 * cells its box covers through a difference array over the F grid, so a
 * tree costs O(leaves x 2^|F| + cells) per group instead of O(cells x
 * nodes).  That grid has 3^k nodes for a k-column one-hot group that the
 * tree splits on everywhere, so when it would cost more than pairs of
 * leaves, the same variance comes from the leaves in pairs instead: with M
 * centred, E[M^2] is the sum over leaf pairs of a_l a_l' times the share of
 * the F box where both leaves' boxes overlap, O(leaves^2 x path length)
 * whatever k is (and leaves are bounded by HP_FANOVA_MAX_TRIALS).
 * The importance of F in a tree is the variance of the marginal
 * over the cells (weighted by cell volume) divided by the variance of the
 * tree's prediction over the whole box; averaged over trees with non-zero
 * variance and normalised to sum 1, as Optuna does.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/analysis.h"

/* The grid method handles groups of up to this many split columns. */
#define MAX_GROUP_SPLIT_COLS 16

struct fanova_ctx {
	const struct hp_forest	*f;
	const double		*lo, *hi;
	const size_t		*groups;
	size_t			 ngroups;
	double			*frac;		/* [ntrees * ngroups] */
	double			*var;		/* [ntrees] */
};

struct leaf {
	double	 value;
	double	*blo, *bhi;	/* [dim] the leaf's box */
};

/* index of v in sorted s[0..n) (v is one of them), by bisection */
static size_t
find_edge(const double *s, size_t n, double v)
{
	size_t a = 0, b = n;

	while (a < b) {
		size_t mid = (a + b) / 2;

		if (s[mid] < v)
			a = mid + 1;
		else
			b = mid;
	}
	return a < n ? a : n - 1;
}

/*
 * The variance of a group's marginal in one tree over the grid that the
 * tree's thresholds on the group's split columns gc[ng] cut: each leaf adds
 * value x volume-outside to its box's corners in a difference array.
 */
static double
grid_variance(const struct fanova_ctx *c, const struct leaf *leaves,
    size_t nleaves, double *const *edges, const size_t *nedges,
    const size_t *gc, size_t ng)
{
	size_t dim = c->f->dim, ncell = 1, nd = 1;
	size_t stride[MAX_GROUP_SPLIT_COLS], dstride[MAX_GROUP_SPLIT_COLS];
	double *diff, *cellw, vout = 1, m = 0, sv = 0, v2 = 0;

	for (size_t k = 0; k < ng; k++) {
		stride[k] = ncell;
		dstride[k] = nd;
		ncell *= nedges[gc[k]] - 1;
		nd *= nedges[gc[k]];
	}
	/* volume of the box outside the grid's columns */
	for (size_t d = 0; d < dim; d++) {
		size_t k;

		for (k = 0; k < ng && gc[k] != d; k++)
			;
		if (k == ng)
			vout *= c->hi[d] - c->lo[d];
	}
	diff = hp_calloc(nd, sizeof(double));
	for (size_t l = 0; l < nleaves; l++) {
		size_t a[MAX_GROUP_SPLIT_COLS], b[MAX_GROUP_SPLIT_COLS];
		double wl = leaves[l].value;

		for (size_t d = 0; d < dim; d++) {
			size_t k;

			for (k = 0; k < ng && gc[k] != d; k++)
				;
			if (k == ng)
				wl *= leaves[l].bhi[d] - leaves[l].blo[d];
		}
		if (wl == 0)
			continue;
		for (size_t k = 0; k < ng; k++) {
			a[k] = find_edge(edges[gc[k]], nedges[gc[k]], leaves[l].blo[gc[k]]);
			b[k] = find_edge(edges[gc[k]], nedges[gc[k]], leaves[l].bhi[gc[k]]);
		}
		/* 2^ng corners of the box in the difference array */
		for (size_t mask = 0; mask < ((size_t)1 << ng); mask++) {
			size_t idx = 0;
			int sign = 1;

			for (size_t k = 0; k < ng; k++) {
				if (mask & ((size_t)1 << k)) {
					idx += b[k] * dstride[k];
					sign = -sign;
				} else {
					idx += a[k] * dstride[k];
				}
			}
			diff[idx] += sign * wl;
		}
	}
	/* prefix sums along each axis turn corners into cell values */
	for (size_t k = 0; k < ng; k++) {
		size_t len = nedges[gc[k]];

		for (size_t i = 0; i < nd; i++)
			if ((i / dstride[k]) % len != 0)
				diff[i] += diff[i - dstride[k]];
	}
	cellw = hp_calloc(ncell, sizeof(double));
	for (size_t cell = 0; cell < ncell; cell++) {
		size_t di = 0;
		double wc = 1;

		for (size_t k = 0; k < ng; k++) {
			size_t i = (cell / stride[k]) % (nedges[gc[k]] - 1);

			di += i * dstride[k];
			wc *= edges[gc[k]][i + 1] - edges[gc[k]][i];
		}
		cellw[cell] = wc;
		diff[cell] = diff[di] / vout;	/* cell <= di: safe in place */
	}
	for (size_t cell = 0; cell < ncell; cell++) {
		sv += cellw[cell];
		m += cellw[cell] * diff[cell];
	}
	m /= sv;
	for (size_t cell = 0; cell < ncell; cell++)
		v2 += cellw[cell] * (diff[cell] - m) * (diff[cell] - m);
	v2 /= sv;
	free(cellw);
	free(diff);
	return v2;
}

/*
 * The same variance from pairs of leaves.  The marginal is
 * M(z) = sum_l b_l [z in box_l], b_l = value_l x (share of the volume
 * outside the group), and the b_l of leaves through one z sum to the mean
 * once values are centred on it; so Var M = sum over leaf pairs of
 * b_l b_l' x (share of the group's box in both boxes).  Only the split
 * columns where a leaf's box is narrower than the bounds count.
 */
static double
pair_variance(const struct fanova_ctx *c, const struct leaf *leaves,
    size_t nleaves, const size_t *gc, size_t ng)
{
	size_t dim = c->f->dim, *nc = hp_calloc(nleaves + 1, sizeof(size_t));
	size_t *cc = hp_calloc(nleaves * ng + 1, sizeof(size_t));
	double *b = hp_calloc(nleaves + 1, sizeof(double));
	double *rho = hp_calloc(nleaves + 1, sizeof(double));
	double *dlo = hp_calloc(ng, sizeof(double)), *dhi = hp_calloc(ng, sizeof(double));
	unsigned char *ingroup = hp_calloc(dim, 1), *on = hp_calloc(ng, 1);
	double m = 0, v2 = 0;

	for (size_t k = 0; k < ng; k++)
		ingroup[gc[k]] = 1;
	for (size_t l = 0; l < nleaves; l++) {
		const struct leaf *lf = &leaves[l];
		double out = 1, r = 1;

		for (size_t d = 0; d < dim; d++)
			if (!ingroup[d])
				out *= (lf->bhi[d] - lf->blo[d]) / (c->hi[d] - c->lo[d]);
		for (size_t k = 0; k < ng; k++) {
			size_t d = gc[k];

			if (lf->blo[d] > c->lo[d] || lf->bhi[d] < c->hi[d]) {
				cc[l * ng + nc[l]++] = k;
				r *= (lf->bhi[d] - lf->blo[d]) / (c->hi[d] - c->lo[d]);
			}
		}
		b[l] = out;
		rho[l] = r;
		m += lf->value * out * r;
	}
	for (size_t l = 0; l < nleaves; l++)
		b[l] *= leaves[l].value - m;
	for (size_t l = 0; l < nleaves; l++) {
		const struct leaf *lf = &leaves[l];
		double s = 0;

		if (b[l] == 0 || rho[l] == 0)
			continue;
		for (size_t j = 0; j < nc[l]; j++) {
			size_t k = cc[l * ng + j];

			on[k] = 1;
			dlo[k] = lf->blo[gc[k]];
			dhi[k] = lf->bhi[gc[k]];
		}
		for (size_t l2 = l + 1; l2 < nleaves; l2++) {
			const struct leaf *lf2 = &leaves[l2];
			double f = rho[l] * rho[l2];

			if (b[l2] == 0 || f == 0)
				continue;
			for (size_t j = 0; j < nc[l2] && f > 0; j++) {
				size_t k = cc[l2 * ng + j], d = gc[k];
				double a0, a1;

				if (!on[k])
					continue;
				a0 = fmax(dlo[k], lf2->blo[d]);
				a1 = fmin(dhi[k], lf2->bhi[d]);
				/* the pair shares this column: its overlap, not both widths */
				f = a1 > a0 ? f * (a1 - a0) / (lf2->bhi[d] - lf2->blo[d]) *
				    (c->hi[d] - c->lo[d]) / (dhi[k] - dlo[k]) : 0;
			}
			s += b[l2] * f;
		}
		v2 += b[l] * (b[l] * rho[l] + 2 * s);
		for (size_t j = 0; j < nc[l]; j++)
			on[cc[l * ng + j]] = 0;
	}
	free(on);
	free(ingroup);
	free(dhi);
	free(dlo);
	free(rho);
	free(b);
	free(cc);
	free(nc);
	return v2;
}

static void
fanova_tree(void *arg, size_t ti)
{
	struct fanova_ctx *c = arg;
	const struct hp_tree *t = &c->f->trees[ti];
	size_t dim = c->f->dim, nleaves = 0;
	struct leaf *leaves = hp_calloc(t->nnodes, sizeof(*leaves));
	double *boxes = hp_calloc(2 * dim * (t->nnodes + 1), sizeof(double));
	int *stack = hp_calloc(t->nnodes + 1, sizeof(int));
	double **nlo = hp_calloc(t->nnodes, sizeof(double *));
	double **nhi = hp_calloc(t->nnodes, sizeof(double *));
	size_t nstack = 0, nbox = 0;
	double **edges = hp_calloc(dim, sizeof(double *));
	size_t *nedges = hp_calloc(dim, sizeof(size_t));
	double sw = 0, swv = 0, var = 0, mean;

	/* leaf boxes by a walk from the root; node boxes live in `boxes` */
	nlo[0] = boxes;
	nhi[0] = boxes + dim;
	nbox = 1;
	memcpy(nlo[0], c->lo, dim * sizeof(double));
	memcpy(nhi[0], c->hi, dim * sizeof(double));
	stack[nstack++] = 0;
	while (nstack > 0) {
		int k = stack[--nstack], ft = t->feature[k];

		if (ft < 0) {
			leaves[nleaves++] = (struct leaf){ t->value[k], nlo[k], nhi[k] };
			continue;
		}
		for (int side = 0; side < 2; side++) {
			int ch = side ? t->right[k] : t->left[k];
			double thr = t->threshold[k];

			nlo[ch] = boxes + 2 * dim * nbox;
			nhi[ch] = nlo[ch] + dim;
			nbox++;
			memcpy(nlo[ch], nlo[k], dim * sizeof(double));
			memcpy(nhi[ch], nhi[k], dim * sizeof(double));
			/* thresholds outside the box (data beyond the bounds) clamp */
			if (thr < c->lo[ft])
				thr = c->lo[ft];
			if (thr > c->hi[ft])
				thr = c->hi[ft];
			if (side)
				nlo[ch][ft] = thr;
			else
				nhi[ch][ft] = thr;
			stack[nstack++] = ch;
		}
	}

	/* per column: the sorted distinct edges lo, thresholds..., hi */
	for (size_t d = 0; d < dim; d++) {
		double *e = hp_calloc(t->nnodes + 2, sizeof(double));
		size_t ne = 0, u = 0;

		e[ne++] = c->lo[d];
		e[ne++] = c->hi[d];
		for (size_t k = 0; k < t->nnodes; k++)
			if (t->feature[k] == (int)d) {
				double thr = t->threshold[k];

				e[ne++] = thr < c->lo[d] ? c->lo[d] : thr > c->hi[d] ? c->hi[d] : thr;
			}
		qsort(e, ne, sizeof(double), hp_cmp_double);
		for (size_t i = 0; i < ne; i++)
			if (u == 0 || e[i] > e[u - 1])
				e[u++] = e[i];
		edges[d] = e;
		nedges[d] = u;
	}

	/* the tree's variance over the whole box, weights = leaf volumes */
	{
		double *vol = hp_calloc(nleaves + 1, sizeof(double));

		for (size_t l = 0; l < nleaves; l++) {
			double v = 1;

			for (size_t d = 0; d < dim; d++)
				v *= leaves[l].bhi[d] - leaves[l].blo[d];
			vol[l] = v;
			sw += v;
			swv += v * leaves[l].value;
		}
		mean = sw > 0 ? swv / sw : 0;
		for (size_t l = 0; l < nleaves; l++)
			var += vol[l] * (leaves[l].value - mean) * (leaves[l].value - mean);
		var = sw > 0 ? var / sw : 0;
		free(vol);
	}
	c->var[ti] = var;

	for (size_t g = 0; g < c->ngroups && var > 0; g++) {
		size_t c0 = c->groups[g], c1 = c->groups[g + 1], ng = 0, nc = 0;
		size_t *gc = hp_calloc(c1 - c0 + 1, sizeof(size_t));
		double v2, grid = 1;

		/* the group's columns that the tree splits on span the grid */
		for (size_t d = c0; d < c1; d++)
			if (nedges[d] > 2) {
				gc[ng++] = d;
				grid *= (double)nedges[d];
			}
		for (size_t l = 0; l < nleaves; l++)
			for (size_t k = 0; k < ng; k++)
				nc += leaves[l].blo[gc[k]] > c->lo[gc[k]] ||
				    leaves[l].bhi[gc[k]] < c->hi[gc[k]];
		if (ng == 0)
			v2 = 0;
		else if (ng <= MAX_GROUP_SPLIT_COLS && grid * (double)ng +
		    (double)nleaves * ldexp(1, (int)ng) <= (double)nleaves * (double)nc)
			v2 = grid_variance(c, leaves, nleaves, edges, nedges, gc, ng);
		else
			v2 = pair_variance(c, leaves, nleaves, gc, ng);
		c->frac[ti * c->ngroups + g] = (v2 > 0 ? v2 : 0) / var;
		free(gc);
	}

	for (size_t d = 0; d < dim; d++)
		free(edges[d]);
	free(edges);
	free(nedges);
	free(nlo);
	free(nhi);
	free(stack);
	free(boxes);
	free(leaves);
}

void
hp_fanova_forest(const struct hp_forest *f, const double *lo, const double *hi,
    const size_t *groups, size_t ngroups, struct hp_pool *pool, double *imp)
{
	struct fanova_ctx c = { f, lo, hi, groups, ngroups,
	    hp_calloc(f->ntrees * ngroups + 1, sizeof(double)),
	    hp_calloc(f->ntrees + 1, sizeof(double)) };
	double total = 0;

	hp_pool_for(pool, f->ntrees, fanova_tree, &c);
	for (size_t g = 0; g < ngroups; g++) {
		double s = 0;
		size_t k = 0;

		for (size_t t = 0; t < f->ntrees; t++)
			if (c.var[t] > 0) {
				s += c.frac[t * ngroups + g];
				k++;
			}
		imp[g] = k ? s / (double)k : 0;
		total += imp[g];
	}
	for (size_t g = 0; g < ngroups; g++)
		imp[g] = total > 0 ? imp[g] / total : 0;
	free(c.frac);
	free(c.var);
}

int
hp_fanova(const struct hp_encoding *e, const struct hp_forest_opts *o,
    double *imp, struct hp_err *err)
{
	struct hp_forest f;

	if (e->nrows < 2)
		return hp_err_set(err, "importances need at least 2 complete trials "
		    "with every param (have %zu)", e->nrows);
	if (hp_forest_fit(&f, e->X, e->y, e->nrows, e->ncols, o, err) < 0)
		return -1;
	hp_fanova_forest(&f, e->lo, e->hi, e->col, e->nparams,
	    o ? o->pool : NULL, imp);
	hp_forest_release(&f);
	return 0;
}
