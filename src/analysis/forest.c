/*
 * forest: a regression random forest shaped like scikit-learn's
 * RandomForestRegressor with the settings Optuna's fANOVA uses (64 trees,
 * max_depth 64, min_samples_split 2, min_samples_leaf 1, max_features 1.0,
 * bootstrap).  A bootstrap sample is kept as per-row counts (weights), as
 * scikit-learn does; the split of a node is the best squared-error split
 * over its columns tried in a random order, at the midpoint between two
 * adjacent distinct values.
 *
 * Speed: rows are sorted once per column for the whole forest; a tree keeps
 * for each column the node's rows in sorted order (with their values beside
 * them, read in sequence by the split search) and partitions those lists
 * stably at each split, so a level costs O(rows x columns) and no node
 * sorts.  Trees are fitted in parallel, each from its own PRNG stream
 * (seed, tree index), so the forest does not depend on the thread count.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/analysis.h"

void
hp_forest_opts_defaults(struct hp_forest_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->ntrees = 64;
	o->max_depth = 64;
	o->min_samples_split = 2;
	o->min_samples_leaf = 1;
	o->max_features = 1.0;
	o->bootstrap = 1;
}

/* Growable node arrays of one tree. */
struct tree_build {
	struct hp_tree	*t;
	size_t		 cap;
};

static int
node_new(struct tree_build *b)
{
	struct hp_tree *t = b->t;

	if (t->nnodes == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 64;
		t->feature = hp_reallocarray(t->feature, b->cap, sizeof(int));
		t->threshold = hp_reallocarray(t->threshold, b->cap, sizeof(double));
		t->left = hp_reallocarray(t->left, b->cap, sizeof(int));
		t->right = hp_reallocarray(t->right, b->cap, sizeof(int));
		t->value = hp_reallocarray(t->value, b->cap, sizeof(double));
	}
	t->feature[t->nnodes] = -1;
	t->threshold[t->nnodes] = 0;
	t->left[t->nnodes] = t->right[t->nnodes] = -1;
	t->value[t->nnodes] = 0;
	return (int)t->nnodes++;
}

struct fit_ctx {
	const double		*X, *y;
	size_t			 n, dim;
	const struct hp_forest_opts *o;
	const size_t		*sorted;	/* [dim * n] rows sorted per column */
	struct hp_tree		*trees;
};

struct pending {
	size_t	 start, end;
	int	 depth, node;
};

static void
fit_tree(void *arg, size_t ti)
{
	struct fit_ctx *c = arg;
	const double *X = c->X, *y = c->y;
	size_t n = c->n, dim = c->dim, m = 0, ntry;
	struct tree_build b = { &c->trees[ti], 0 };
	struct hp_rng rng;
	double *w = hp_calloc(n, sizeof(double)), *wy = hp_calloc(n, sizeof(double));
	double *xs, *xtmp;
	uint32_t *ord, *tmp;
	size_t *cols = hp_calloc(dim, sizeof(size_t));
	unsigned char *goleft = hp_calloc(n, 1);
	struct pending *stack;
	size_t nstack = 0, capstack = 64;

	hp_rng_seed(&rng, c->o->seed * 0x9e3779b97f4a7c15ULL + ti + 1);
	if (c->o->bootstrap) {
		for (size_t i = 0; i < n; i++)
			w[hp_rng_below(&rng, n)] += 1.0;
	} else {
		for (size_t i = 0; i < n; i++)
			w[i] = 1.0;
	}
	for (size_t i = 0; i < n; i++) {
		m += w[i] > 0;
		wy[i] = w[i] * y[i];
	}
	/* per column: the rows of the sample in sorted order and their values
	 * beside them, so the split search reads the values in sequence */
	ord = hp_calloc(dim * m + 1, sizeof(uint32_t));
	xs = hp_calloc(dim * m + 1, sizeof(double));
	tmp = hp_calloc(m + 1, sizeof(uint32_t));
	xtmp = hp_calloc(m + 1, sizeof(double));
	for (size_t f = 0; f < dim; f++) {
		size_t k = 0;

		for (size_t i = 0; i < n; i++) {
			size_t r = c->sorted[f * n + i];

			if (w[r] > 0) {
				ord[f * m + k] = (uint32_t)r;
				xs[f * m + k++] = X[r * dim + f];
			}
		}
	}
	ntry = (size_t)floor(c->o->max_features * (double)dim);
	if (ntry < 1)
		ntry = 1;
	if (ntry > dim)
		ntry = dim;

	stack = hp_calloc(capstack, sizeof(*stack));
	stack[nstack++] = (struct pending){ 0, m, 0, node_new(&b) };
	while (nstack > 0) {
		struct pending p = stack[--nstack];
		const uint32_t *o0 = ord + p.start;	/* column 0's order: any will do */
		size_t cnt = p.end - p.start, best_pos = 0, nleft = 0;
		double W = 0, S = 0, mean, imp = 0, best = -INFINITY, thr = 0;
		int best_f = -1;

		for (size_t i = 0; i < cnt; i++) {
			W += w[o0[i]];
			S += wy[o0[i]];
		}
		mean = S / W;
		for (size_t i = 0; i < cnt; i++) {
			double d = y[o0[i]] - mean;

			imp += w[o0[i]] * d * d;
		}
		imp /= W;
		b.t->value[p.node] = mean;
		if (cnt < (size_t)c->o->min_samples_split || p.depth >= c->o->max_depth ||
		    imp <= DBL_EPSILON * (1.0 + mean * mean))
			continue;

		/* columns in random order (scikit-learn breaks ties this way) */
		for (size_t f = 0; f < dim; f++)
			cols[f] = f;
		for (size_t k = 0; k < ntry; k++) {
			size_t j = k + hp_rng_below(&rng, dim - k), f = cols[j];
			const uint32_t *of = ord + f * m + p.start;
			const double *xf = xs + f * m + p.start;
			double WL = 0, SL = 0;
			size_t leaf = (size_t)c->o->min_samples_leaf;

			cols[j] = cols[k];
			cols[k] = f;
			if (xf[0] >= xf[cnt - 1])
				continue;	/* constant in this node */
			for (size_t i = 0; i + 1 < cnt; i++) {
				double xi = xf[i], xn = xf[i + 1];
				double WR, SR, proxy;

				WL += w[of[i]];
				SL += wy[of[i]];
				if (!(xn > xi) || i + 1 < leaf || cnt - i - 1 < leaf)
					continue;
				WR = W - WL;
				SR = S - SL;
				proxy = SL * SL / WL + SR * SR / WR;
				if (proxy > best) {
					best = proxy;
					best_f = (int)f;
					best_pos = i;
					thr = 0.5 * (xi + xn);
					if (thr >= xn)
						thr = xi;
				}
			}
		}
		if (best_f < 0)
			continue;

		/* stable partition of every column's list at the split */
		{
			const uint32_t *of = ord + (size_t)best_f * m + p.start;

			for (size_t i = 0; i < cnt; i++)
				goleft[of[i]] = i <= best_pos;
			nleft = best_pos + 1;
		}
		for (size_t f = 0; f < dim; f++) {
			uint32_t *of = ord + f * m + p.start;
			double *xf = xs + f * m + p.start;
			size_t l = 0, r = 0;

			if ((int)f == best_f)
				continue;
			/* without branches: the side is random, a branch mispredicts */
			for (size_t i = 0; i < cnt; i++) {
				uint32_t row = of[i];
				double x = xf[i];
				size_t g = goleft[row];

				xf[l] = x;
				of[l] = row;
				xtmp[r] = x;
				tmp[r] = row;
				l += g;
				r += 1 - g;
			}
			memcpy(of + l, tmp, r * sizeof(*tmp));
			memcpy(xf + l, xtmp, r * sizeof(*xtmp));
		}
		{
			int node = p.node, ln, rn;

			ln = node_new(&b);
			rn = node_new(&b);
			b.t->feature[node] = best_f;
			b.t->threshold[node] = thr;
			b.t->left[node] = ln;
			b.t->right[node] = rn;
			if (nstack + 2 > capstack) {
				capstack *= 2;
				stack = hp_reallocarray(stack, capstack, sizeof(*stack));
			}
			/* right first so the left subtree is built first (depth-first) */
			stack[nstack++] = (struct pending){ p.start + nleft, p.end,
			    p.depth + 1, rn };
			stack[nstack++] = (struct pending){ p.start, p.start + nleft,
			    p.depth + 1, ln };
		}
	}
	free(stack);
	free(goleft);
	free(cols);
	free(tmp);
	free(xtmp);
	free(ord);
	free(xs);
	free(wy);
	free(w);
}

/* qsort has no context argument: sort (value, row) pairs instead */
struct keyed {
	double	 v;
	size_t	 i;
};

static int
keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;

	if (x->v < y->v)
		return -1;
	if (x->v > y->v)
		return 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

int
hp_forest_fit(struct hp_forest *f, const double *X, const double *y, size_t n,
    size_t dim, const struct hp_forest_opts *opts, struct hp_err *err)
{
	struct hp_forest_opts def;
	struct fit_ctx c;
	struct keyed *k;
	size_t *sorted;

	memset(f, 0, sizeof(*f));
	if (opts == NULL) {
		hp_forest_opts_defaults(&def);
		opts = &def;
	}
	if (n == 0 || dim == 0 || n > UINT32_MAX)
		return hp_err_set(err, "cannot fit a forest on %zu rows of %zu columns",
		    n, dim);
	sorted = hp_calloc(dim * n, sizeof(size_t));
	k = hp_calloc(n, sizeof(*k));
	for (size_t col = 0; col < dim; col++) {
		for (size_t i = 0; i < n; i++)
			k[i] = (struct keyed){ X[i * dim + col], i };
		qsort(k, n, sizeof(*k), keyed_cmp);
		for (size_t i = 0; i < n; i++)
			sorted[col * n + i] = k[i].i;
	}
	free(k);
	f->dim = dim;
	f->ntrees = opts->ntrees > 0 ? (size_t)opts->ntrees : 1;
	f->trees = hp_calloc(f->ntrees, sizeof(struct hp_tree));
	c = (struct fit_ctx){ X, y, n, dim, opts, sorted, f->trees };
	hp_pool_for(opts->pool, f->ntrees, fit_tree, &c);
	free(sorted);
	return 0;
}

void
hp_forest_release(struct hp_forest *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->ntrees; i++) {
		struct hp_tree *t = &f->trees[i];

		free(t->feature);
		free(t->threshold);
		free(t->left);
		free(t->right);
		free(t->value);
	}
	free(f->trees);
	memset(f, 0, sizeof(*f));
}

double
hp_tree_predict(const struct hp_tree *t, const double *x)
{
	int k = 0;

	while (t->feature[k] >= 0)
		k = x[t->feature[k]] <= t->threshold[k] ? t->left[k] : t->right[k];
	return t->value[k];
}

double
hp_forest_predict1(const struct hp_forest *f, const double *x)
{
	double s = 0;

	for (size_t i = 0; i < f->ntrees; i++)
		s += hp_tree_predict(&f->trees[i], x);
	return s / (double)f->ntrees;
}

static void
forest_predict(const void *self, const double *x, size_t n, double *out)
{
	const struct hp_forest *f = self;

	for (size_t i = 0; i < n; i++)
		out[i] = hp_forest_predict1(f, x + i * f->dim);
}

struct hp_model
hp_forest_model(const struct hp_forest *f)
{
	return (struct hp_model){ f->dim, f, forest_predict };
}
