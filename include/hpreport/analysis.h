/*
 * analysis: surrogate models and what is computed from them -- a regression
 * random forest (forest.c), fANOVA parameter importances on it (fanova.c),
 * PED-ANOVA importances from the trials alone (pedanova.c),
 * a Gaussian process (gp.c), partial dependence over either (pdp.c) -- plus
 * the seeded PRNG and the encoding of study params into model columns
 * (encode.c).  Pure numerics: no I/O, no drawing.
 *
 * Sizes and caps (documented for users in the figure notes too):
 *  - importances: fANOVA as Optuna <= 4.9 does it -- 64 trees of depth <= 64
 *    on the params present in every COMPLETE trial with a finite value,
 *    categoricals one-hot.  At most HP_FANOVA_MAX_TRIALS trials are used; a
 *    larger study is sub-sampled uniformly (seeded).
 *  - objective dependence: the surrogate is a Gaussian process when the
 *    study has at most HP_GP_MAX_TRIALS usable trials, else a random forest
 *    (HP_SURROGATE_TREES trees) fitted on at most HP_FOREST_MAX_TRIALS
 *    trials (sub-sampled, seeded).  Partial dependence averages over
 *    HP_PDP_SAMPLES random points of the search space on a grid of
 *    HP_PDP_GRID values per axis (scikit-optimize's defaults).
 *
 * Threads: fitting the forest, fANOVA and partial dependence borrow
 * workers from the thread pool they are handed (pool.h; NULL = run in the
 * caller alone).  Results do not depend on the thread count.
 */
#ifndef HPREPORT_ANALYSIS_H
#define HPREPORT_ANALYSIS_H

#include <stddef.h>
#include <stdint.h>

#include "hpreport/pool.h"
#include "hpreport/study.h"
#include "hpreport/util.h"

#define HP_FANOVA_MAX_TRIALS	4000
#define HP_GP_MAX_TRIALS	100
#define HP_FOREST_MAX_TRIALS	4000
#define HP_SURROGATE_TREES	64
#define HP_PDP_GRID		40
#define HP_PDP_SAMPLES		250
/* A categorical param with more choices is left out of the surrogate and
 * importance models (one-hot columns would dominate their cost); the
 * figures name it in a note. */
#define HP_MODEL_MAX_CHOICES	64

/* --- PRNG: xoshiro256** seeded through splitmix64 ------------------------ */

struct hp_rng {
	uint64_t s[4];
};

void hp_rng_seed(struct hp_rng *r, uint64_t seed);
uint64_t hp_rng_next(struct hp_rng *r);
double hp_rng_uniform(struct hp_rng *r);		/* [0, 1) */
size_t hp_rng_below(struct hp_rng *r, size_t n);	/* [0, n), n > 0 */
double hp_rng_normal(struct hp_rng *r);		/* standard normal */

/* --- encoding study params as model columns ----------------------------- */

enum hp_warp {
	HP_WARP_RAW,	/* numeric params as their values (Optuna's fANOVA) */
	HP_WARP_UNIT	/* numeric params scaled to [0, 1], log params in log space */
};

/*
 * Which trials and params feed a model and how.  Categorical params take
 * one column per choice (one-hot); numeric params one column.
 */
struct hp_encoding {
	enum hp_warp	 warp;
	size_t		 nparams;
	size_t		*param;		/* [nparams] study param index */
	size_t		*col;		/* [nparams + 1] first column of each param */
	double		*lo, *hi;	/* [ncols] bounds of each column */
	size_t		 ncols;
	size_t		 nrows;		/* trials used */
	size_t		*trial;		/* [nrows] study trial index */
	double		*X;		/* [nrows * ncols] encoded params */
	double		*y;		/* [nrows] objective */
	size_t		 nusable;	/* usable trials before sub-sampling */
};

/*
 * Encodes the COMPLETE trials of st with a finite objective `objective`
 * that have every param in `params` (indices, n of them).  Params whose
 * distribution is a single value are left out.  At most max_rows trials are
 * kept (0 = all): a uniform sub-sample drawn with `seed`, in trial order.
 * Returns 0 (possibly with nrows < 2: the caller decides) or -1 with err.
 * Release with hp_encoding_release().
 */
int hp_encode(const struct hp_study *st, size_t objective, const size_t *params,
    size_t n, enum hp_warp warp, size_t max_rows, uint64_t seed,
    struct hp_encoding *out, struct hp_err *err);
void hp_encoding_release(struct hp_encoding *e);

/*
 * The same, where params[j] with optional[j] != 0 may be absent from a
 * trial (conditional params): an absent numeric param is encoded as
 * HP_ABSENT_UNIT (HP_WARP_UNIT) or half its range below its low end
 * (HP_WARP_RAW), an absent categorical as all-zero columns.
 * optional == NULL is hp_encode().
 */
#define HP_ABSENT_UNIT	(-0.5)
int hp_encode_partial(const struct hp_study *st, size_t objective,
    const size_t *params, size_t n, const unsigned char *optional,
    enum hp_warp warp, size_t max_rows, uint64_t seed,
    struct hp_encoding *out, struct hp_err *err);

/* Encodes param j (index into e->param) at internal value v into its
 * columns of row (ncols wide); v NaN encodes "absent" (see below). */
void hp_encode_value(const struct hp_encoding *e, const struct hp_study *st,
    size_t j, double v, double *row);

/* --- the model interface both surrogates implement ---------------------- */

struct hp_model {
	size_t		 dim;		/* input columns */
	const void	*self;
	/* predictions of n rows of x (n x dim), thread-safe */
	void		(*predict)(const void *self, const double *x, size_t n,
			    double *out);
};

/* --- random forest (forest.c) ------------------------------------------- */

struct hp_forest_opts {
	int		 ntrees;		/* 64 */
	int		 max_depth;		/* 64 */
	int		 min_samples_split;	/* 2 */
	int		 min_samples_leaf;	/* 1 */
	double		 max_features;		/* fraction of columns tried per split: 1.0 */
	int		 bootstrap;		/* 1 */
	uint64_t	 seed;			/* 0 */
	struct hp_pool	*pool;			/* workers to borrow; NULL = serial */
};

void hp_forest_opts_defaults(struct hp_forest_opts *o);

/* One tree, nodes in depth-first order; node 0 is the root. */
struct hp_tree {
	size_t		 nnodes;
	int		*feature;	/* [nnodes] split column, -1 = leaf */
	double		*threshold;	/* [nnodes] go left when x <= threshold */
	int		*left, *right;	/* [nnodes] children */
	double		*value;		/* [nnodes] weighted mean of y */
};

struct hp_forest {
	size_t		 dim;
	size_t		 ntrees;
	struct hp_tree	*trees;		/* owned */
};

/*
 * Fits a forest like scikit-learn's RandomForestRegressor as Optuna uses it
 * (bootstrap counts as weights, squared-error splits at midpoints between
 * distinct values, features tried in random order).  X is n x dim.
 * Deterministic for a given seed whatever the thread count.  -1 with err
 * when n == 0.  Release with hp_forest_release().
 */
int hp_forest_fit(struct hp_forest *f, const double *X, const double *y,
    size_t n, size_t dim, const struct hp_forest_opts *o, struct hp_err *err);
void hp_forest_release(struct hp_forest *f);
double hp_tree_predict(const struct hp_tree *t, const double *x);
double hp_forest_predict1(const struct hp_forest *f, const double *x);
struct hp_model hp_forest_model(const struct hp_forest *f);

/* --- fANOVA (fanova.c) --------------------------------------------------- */

/*
 * Importance of each param of e (e->nparams values into imp, summing to 1;
 * all 0 when the forest explains no variance) as Optuna's fANOVA: per tree
 * the marginal variance of the param's columns over the tree's partition of
 * the box [lo, hi] divided by the tree's total variance, averaged over trees
 * with non-zero variance, then normalised.  -1 with err when e has fewer
 * than 2 rows.
 */
int hp_fanova(const struct hp_encoding *e, const struct hp_forest_opts *o,
    double *imp, struct hp_err *err);

/* The same on a fitted forest over columns [lo, hi]; groups[j]..groups[j+1]
 * are the columns of group j. */
void hp_fanova_forest(const struct hp_forest *f, const double *lo,
    const double *hi, const size_t *groups, size_t ngroups, struct hp_pool *pool,
    double *imp);

/* --- PED-ANOVA (pedanova.c) ---------------------------------------------- */

/* Optuna's PedAnovaImportanceEvaluator settings; defaults are Optuna's. */
struct hp_pedanova_opts {
	double	 target_quantile;	/* 0.1: the top trials judged (gamma') */
	double	 region_quantile;	/* 1.0: the region they are judged in (gamma) */
	int	 evaluate_on_local;	/* 1: against the region's distribution;
					   0: against uniform on the grid */
	int	 n_steps;		/* 50: grid points of a numeric param */
	double	 prior_weight;		/* 1.0: weight of the Parzen prior kernel */
	size_t	 min_trials_in_regime;	/* 2: fewer trials with (or without) a
					   param and that regime is left out */
};

void hp_pedanova_opts_defaults(struct hp_pedanova_opts *o);

/* What hp_pedanova used, for the figure notes. */
struct hp_pedanova_info {
	size_t	 ntrials;	/* COMPLETE trials with a finite objective */
	size_t	 ntarget;	/* of them in the target quantile (ties all in) */
	size_t	 nregion;	/* of them in the region quantile */
	size_t	 nsparse;	/* params with a regime of too few trials */
};

/*
 * PED-ANOVA importances of params[n] (study param indices) for objective k
 * of st into imp[n], raw as Optuna's PedAnovaImportanceEvaluator.evaluate
 * returns them (not normalised; hp_importances_normalize does that), on
 * the COMPLETE trials with a finite value of objective k, lower being
 * better unless the objective is maximised.  A param absent from some
 * trials (conditional) is judged on the trials that have it.  With fewer
 * than 2 such trials every importance is 0 (Optuna's "too small" case).
 * sparse[n] (NULL = not wanted) marks the params whose trials with or
 * without them number fewer than o->min_trials_in_regime, which Optuna
 * warns of.  opts NULL = defaults.  Deterministic; no allocation survives.
 * -1 with err on settings Optuna refuses, else 0.
 */
int hp_pedanova(const struct hp_study *st, size_t k, const size_t *params,
    size_t n, const struct hp_pedanova_opts *opts, double *imp,
    unsigned char *sparse, struct hp_pedanova_info *info, struct hp_err *err);

/*
 * Normalises imp[n] to sum 1, or to 1/n each when they sum to 0, as
 * optuna.importance.get_param_importances(normalize=True) does.
 */
void hp_importances_normalize(double *imp, size_t n);

/* --- Gaussian process (gp.c) -------------------------------------------- */

/*
 * y ~ GP(mean(y), sd(y)^2 * (c * Matern52(|x - x'| / l) + noise)) on inputs
 * in [0, 1]: targets normalised, one length scale per column.  The constant
 * c, the length scales and the noise are fitted by maximising the log
 * marginal likelihood (analytic gradient, sign-based
 * ascent (iRprop-) in log space from `restarts` starting points drawn with
 * `seed`).  -1 with err when n == 0.  Release with hp_gp_release().
 */
struct hp_gp {
	size_t		 n, dim;
	double		*X;		/* [n * dim] copy of the inputs */
	double		*alpha;		/* [n] K^-1 (y - mean) / sd */
	double		 ymean, ysd;
	double		 amp;		/* constant kernel c */
	double		*ls;		/* [dim] length scales */
	double		 noise;		/* white noise variance (normalised units) */
	double		 lml;		/* log marginal likelihood at the optimum */
};

int hp_gp_fit(struct hp_gp *g, const double *X, const double *y, size_t n,
    size_t dim, int restarts, uint64_t seed, struct hp_err *err);
void hp_gp_release(struct hp_gp *g);
/* Posterior mean at n rows of x; thread-safe. */
void hp_gp_predict(const struct hp_gp *g, const double *x, size_t n, double *out);
/* Log marginal likelihood (normalised targets) at given hyperparameters. */
double hp_gp_lml(const double *X, const double *yn, size_t n, size_t dim,
    double amp, const double *ls, double noise);
struct hp_model hp_gp_model(const struct hp_gp *g);

/* --- partial dependence (pdp.c) ------------------------------------------ */

/*
 * Values a param takes on a dependence axis: `n` encoded rows of its
 * columns (ncols each, into the model's columns starting at col).
 */
struct hp_pdp_axis {
	size_t		 col, ncols;
	size_t		 n;
	const double	*v;		/* [n * ncols] */
};

/*
 * Partial dependence of model m on one axis (b == NULL, out[n_a]) or two
 * (out[n_a * n_b], a varies slowest): for each grid value, the mean of the
 * model over the nbg background rows (nbg x dim) with the axis columns set
 * to the grid value.  nbg == 1 with the best point gives the slice through
 * it.  Grid cells run in parallel on pool (NULL = serial).
 */
void hp_pdp(const struct hp_model *m, const struct hp_pdp_axis *a,
    const struct hp_pdp_axis *b, const double *bg, size_t nbg,
    struct hp_pool *pool, double *out);

/*
 * The same for a forest without calling predict per cell: each tree is
 * walked once per background row, branching both ways at splits on the
 * axis columns and adding the leaf value to the grid box it covers.  Gives
 * the same numbers as hp_pdp on hp_forest_model (up to rounding).
 */
void hp_pdp_forest(const struct hp_forest *f, const struct hp_pdp_axis *a,
    const struct hp_pdp_axis *b, const double *bg, size_t nbg,
    struct hp_pool *pool, double *out);

#endif
