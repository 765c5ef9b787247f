/*
 * plot: one builder per figure, turning a study into figure descriptions.
 * Each lives in its own file under src/plot/ and is registered in the table
 * in src/plot/plots.c.  A builder never draws and never does I/O.
 *
 * A builder is called once per objective it should show (`objective` is
 * the index) for figures made per objective, or once with objective = 0
 * for figures that show all objectives at once.
 */
#ifndef HPREPORT_PLOT_H
#define HPREPORT_PLOT_H

#include "hpreport/figure.h"
#include "hpreport/study.h"

struct hp_pool;			/* pool.h */

/* Surrogate of the objective-dependence figure (--surrogate). */
enum plot_surrogate {
	PLOT_SURROGATE_AUTO,	/* GP up to HP_GP_MAX_TRIALS trials, else forest */
	PLOT_SURROGATE_GP,
	PLOT_SURROGATE_FOREST
};

/* What the objective-dependence figure shows (--dependence). */
enum plot_dependence {
	PLOT_DEPENDENCE_AVERAGE,	/* partial dependence (skopt's default) */
	PLOT_DEPENDENCE_BEST		/* slice through the best trial */
};

/* Method of the importances figure (--importance). */
enum plot_importance {
	PLOT_IMPORTANCE_PED_ANOVA,	/* Optuna's default evaluator since v5.0 */
	PLOT_IMPORTANCE_FANOVA		/* Optuna's default up to v4.9 */
};

/* Surface of the contour figure (--contour-fill). */
enum plot_contour_fill {
	PLOT_CONTOUR_SMOOTH,	/* kernel-smoothed mean, categorical axes discrete */
	PLOT_CONTOUR_LAPLACE	/* Optuna's: best trial per node, Laplace fill */
};

struct plot_opts {
	enum fig_cmap	 cmap;		/* colour map (default viridis) */
	char		**params;	/* only these params, in this order; NULL = all */
	size_t		 nparams;
	int		 contour_grid;	/* contour grid nodes per axis; 0 (default) = auto:
					   100 for one pair as Optuna, 64 per matrix panel */
	enum plot_contour_fill contour_fill;	/* default smooth */
	double		 width, height;	/* points; 0 = the figure's own default */
	const char	*title;		/* overrides the figure title */
	const double	*hv_ref;	/* hypervolume reference point [nhv_ref], in the
					   objectives' own units; NULL = default
					   (worst + 10% of range, pareto.h) */
	size_t		 nhv_ref;
	enum plot_surrogate surrogate;	/* objective: model (default auto) */
	enum plot_dependence dependence; /* objective: average or best slice */
	enum plot_importance importance; /* importances: method (default PED-ANOVA) */
	int		 max_params;	/* matrix figures (and slice at a given
					   width): at most this many params
					   (0 = PLOT_MAX_PARAMS, -1 = all) */
	struct hp_pool	*pool;		/* threads the models and grids may
					   borrow (pool.h); NULL = serial */
	const struct plot_ranking *ranking;	/* [st->nobj] the study's params
					   ranked once by `importance` for the
					   importances figure and the matrix
					   figures (plot_rankings); NULL = each
					   figure ranks them itself */
};

/* Matrix figures (contour, objective, evaluations, rank) of bigger studies
 * show this many params by default: the most important ones. */
#define PLOT_MAX_PARAMS	8

void plot_opts_defaults(struct plot_opts *o);

/*
 * Builds the figure into `out` (initialised by the builder).  Returns 1
 * when built, 0 when the figure does not apply to this study (for example
 * a Pareto front of a single-objective study; `out` then holds only why,
 * fig_skip), -1 with err on failure.
 */
typedef int (*plot_build_fn)(const struct hp_study *st, size_t objective,
    const struct plot_opts *o, struct fig *out, struct hp_err *err);

/*
 * A figure over several studies (the comparison page), same return
 * convention as plot_build_fn; studies[n] are read only.
 */
typedef int (*plot_multi_fn)(const struct hp_study *const *studies, size_t n,
    size_t objective, const struct plot_opts *o, struct fig *out,
    struct hp_err *err);

/* What a figure shows, and so how often it is made and by which builder. */
enum plot_scope {
	PLOT_PER_OBJECTIVE,	/* one study, a figure per objective (_<k> suffix
				   when nobj > 1): build */
	PLOT_ALL_OBJECTIVES,	/* one study, one figure of every objective: build */
	PLOT_MULTI_STUDY	/* every study of the set, on the comparison page:
				   build_multi */
};

struct plot_kind {
	const char	*name;		/* fixed file name stem: scripts find figures by it */
	enum plot_scope	 scope;
	plot_build_fn	 build;		/* one-study scopes; else NULL */
	plot_multi_fn	 build_multi;	/* PLOT_MULTI_STUDY; else NULL */
	const char	*compares;	/* PLOT_MULTI_STUDY: the one-study figure it
					   compares; --plots naming that one makes
					   this one too */
};

/* Registered figures in report order, terminated by a zeroed entry.  A
 * multi-study figure may share its name with the one-study figure it
 * compares ("edf"). */
extern const struct plot_kind plot_kinds[];

/* The first registered figure named `name`, or NULL. */
const struct plot_kind *plot_kind_find(const char *name);

/*
 * The figures, in report order: one row each, and nothing else lists them.
 *     ONE(name, scope, builder)        a figure of one study
 *     MULTI(name, builder, compares)   a figure over every study of the set
 * name is the fixed file name stem (scripts find figures by it); scope is
 * PLOT_PER_OBJECTIVE or PLOT_ALL_OBJECTIVES; builder is the plot_build_fn
 * (ONE) or plot_multi_fn (MULTI) a file of src/plot/ defines; compares
 * names the one-study figure a MULTI row compares (--plots naming that one
 * makes this one too).  The rows declare the builders (below) and make
 * plot_kinds[] (plots.c), so a new figure is its file plus one row here.
 *
 * The comparison page's figures: plot_compare_convergence draws the
 * best-so-far of each study by trial number, plus the mean +- std band
 * over the studies when n >= 2 (out->data: a summary table, one row per
 * study); plot_edf_multi one EDF curve per study, overlaid.  Both return 0
 * when no study has a finite COMPLETE value of that objective.
 */
#define PLOT_FIGURES(ONE, MULTI) \
	ONE(convergence, PLOT_PER_OBJECTIVE, plot_convergence) \
	ONE(importances, PLOT_PER_OBJECTIVE, plot_importances) \
	ONE(objective, PLOT_PER_OBJECTIVE, plot_objective) \
	ONE(evaluations, PLOT_PER_OBJECTIVE, plot_evaluations) \
	ONE(contour, PLOT_PER_OBJECTIVE, plot_contour) \
	ONE(parallel_coordinate, PLOT_PER_OBJECTIVE, plot_parallel_coordinate) \
	ONE(slice, PLOT_PER_OBJECTIVE, plot_slice) \
	ONE(pareto_front, PLOT_ALL_OBJECTIVES, plot_pareto_front) \
	ONE(hypervolume, PLOT_ALL_OBJECTIVES, plot_hypervolume) \
	ONE(edf, PLOT_PER_OBJECTIVE, plot_edf) \
	ONE(intermediate_values, PLOT_PER_OBJECTIVE, plot_intermediate_values) \
	ONE(timeline, PLOT_ALL_OBJECTIVES, plot_timeline) \
	ONE(rank, PLOT_PER_OBJECTIVE, plot_rank) \
	MULTI(compare_convergence, plot_compare_convergence, convergence) \
	MULTI(edf, plot_edf_multi, edf)

#define PLOT_DECLARE_ONE(name, scope, builder) \
	int builder(const struct hp_study *st, size_t objective, \
	    const struct plot_opts *o, struct fig *out, struct hp_err *err);
#define PLOT_DECLARE_MULTI(name, builder, compares) \
	int builder(const struct hp_study *const *studies, size_t n, \
	    size_t objective, const struct plot_opts *o, struct fig *out, \
	    struct hp_err *err);
PLOT_FIGURES(PLOT_DECLARE_ONE, PLOT_DECLARE_MULTI)
#undef PLOT_DECLARE_ONE
#undef PLOT_DECLARE_MULTI

/* Colour of trial state s (src/plot/palette.c): one fixed colour-blind-safe
 * colour per state, the same in every figure and in the report page's
 * state badges (html.c). */
struct fig_rgba plot_state_color(enum hp_state s);

/* Colour of an infeasible trial (a constraint > 0, hp_study_feasible):
 * Optuna's #cccccc, in every figure that shows feasibility. */
struct fig_rgba plot_infeasible_color(void);

/* The i-th colour of a colour-blind-safe categorical palette (Okabe-Ito),
 * cycling; for one series per study. */
struct fig_rgba plot_series_color(size_t i);

/* The colour of data drawn in no other colour -- importance bars,
 * histograms, the trial points of the convergence figure, a partial
 * dependence line -- at opacity alpha: the blue of complete trials
 * (FIG_BLUE), so that every figure has that one blue. */
struct fig_rgba plot_data_color(double alpha);

/* The name of a trial's number wherever an axis or colour bar shows it. */
#define PLOT_TRIAL_LABEL "Trial"

/*
 * The legend entry of the best trial's star, the same in every figure:
 * "Best: trial 12 (0.03758)", its value by fig_fmt_value; without the
 * value when v is NaN ("Best: trial 12").  Returns buf (64 bytes do).
 */
char *plot_best_label(char *buf, size_t n, int number, double v);

/*
 * 1 when categorical param p has more than HP_MODEL_MAX_CHOICES choices
 * (too many for the surrogate and importance models); its name is then
 * appended to `names` (comma-separated).
 */
int plot_too_many_choices(const struct hp_param *p, struct hp_buf *names);

/* Shared helpers for builders (src/plot/common.c). */

/* Title for objective k: its name, or "Objective value" / "Objective k". */
const char *plot_objective_title(const struct hp_study *st, size_t k,
    char *buf, size_t n);

/* Sets up axis a for param `param` of st over the values present, padded by
 * `pad` of the span (log axes in log space; categorical axes in choice order,
 * their labels kept, when not all fit, for the choice of trial `best` (-1 =
 * none) and the most sampled choices; int params get integer ticks).  The
 * axis title is the param name. */
void plot_param_axis(struct fig_axis *a, const struct hp_study *st, size_t param,
    double pad, long best);

/* The params to show: indices into st->params per o->params, in that order,
 * or all in natural name order (x2 before x10). Caller frees. */
size_t *plot_select_params(const struct hp_study *st, const struct plot_opts *o,
    size_t *n);

/*
 * The importances of the params of plot_select_params(st, o) for one
 * objective by o->importance (PED-ANOVA or fANOVA): what the importances
 * figure draws and the matrix figures choose their params by, so that
 * "most important" means one thing in a report.
 */
struct plot_ranking {
	size_t		 objective;	/* the objective ranked by */
	enum plot_importance method;
	int		 status;	/* 1 ranked, 0 nothing to rank, -1 failed (err) */
	struct hp_err	 err;
	size_t		 n;		/* params the method ranked */
	size_t		*param;		/* [n] study param indices, most important
					   first (ties: lower index first) */
	double		*imp;		/* [n] their importances, summing to 1 */
	/* what the importances figure says of how it ranked them */
	size_t		 nrows;		/* fANOVA: trials modelled */
	size_t		 nusable;	/* fANOVA: trials usable before the cap */
	size_t		 ntrials, ntarget, nregion;	/* PED-ANOVA (analysis.h) */
	struct hp_buf	 left;		/* names of params left out: absent */
	struct hp_buf	 many;		/* ... too many choices for the model */
	struct hp_buf	 cond;		/* PED-ANOVA: judged on the trials having them */
	struct hp_buf	 sparse;	/* PED-ANOVA: a regime of too few trials */
};

/*
 * Ranks the params of plot_select_params(st, o) for objective k by
 * o->importance (NULL o: PED-ANOVA) into r; the models borrow o->pool.
 * Sets r->status: 1 ranked, 0 no param to rank, -1 failed (r->err says
 * why).  Returns r->status.  Release with plot_ranking_release().
 */
int plot_ranking_init(struct plot_ranking *r, const struct hp_study *st,
    size_t k, const struct plot_opts *o);
void plot_ranking_release(struct plot_ranking *r);

/*
 * o->ranking[k] when it was made for objective k of st, else NULL (the
 * caller then ranks with plot_ranking_init).
 */
const struct plot_ranking *plot_given_ranking(const struct hp_study *st,
    size_t k, const struct plot_opts *o);

/*
 * The params a matrix figure shows: plot_select_params(), cut to the
 * o->max_params (default PLOT_MAX_PARAMS, and no more than cells of
 * PLOT_MIN_CELL fit in a given o->width) most important for objective k
 * when there are more and the user named none (--params); in order of
 * importance then, by the importances the importances figure shows
 * (o->ranking[k] when given, else ranked here), the params the method
 * cannot rank after the ranked ones.  *nall is how many there were before
 * the cut.  Caller frees.
 */
size_t *plot_top_params(const struct hp_study *st, size_t k,
    const struct plot_opts *o, size_t *n, size_t *nall);

/*
 * The rankings of plot_ranking_init, one per objective of st ([st->nobj],
 * for plot_opts.ranking), so that a report computes a study's importances
 * once for the importances figure and every figure that cuts the params.
 * NULL when the study has no objective or no param.  Free with
 * plot_rankings_free(r, st->nobj), which takes NULL.
 */
struct plot_ranking *plot_rankings(const struct hp_study *st,
    const struct plot_opts *o);
void plot_rankings_free(struct plot_ranking *r, size_t nobj);

/* Matrix cells are at least this many points wide at a given --width:
 * the matrix then shows fewer params (plot_top_params). */
#define PLOT_MIN_CELL	64

/*
 * The size of a figure that is a grid of ncells x ncells square cells of
 * default side `cell` points plus margins mw (across) and mh (down): a
 * given width or height keeps the cells square (the other side follows);
 * both given are kept as they are.  Returns 1 when the height is not
 * given: the figure's fig.square, so that the renderer makes the cells
 * square once the notes, legend and labels are measured (render_fit).
 */
int plot_matrix_size(const struct plot_opts *o, size_t ncells, double cell,
    double mw, double mh, double *w, double *h);

/* fig_init() of a matrix figure of that size (plot_matrix_size), its
 * fig.square set. */
void plot_matrix_init(struct fig *out, const char *name, const char *title,
    const struct plot_opts *o, size_t ncells, double cell, double mw, double mh);

/*
 * The tallest a figure of width w points may be unless the user gives a
 * height: 1.3 times the width at a 3.5-in column or narrower, the width
 * at a 7-in page or wider (a figure that fits the page it is made for).
 */
double plot_max_height(double w);

/*
 * The size of a one-panel figure of default size w0 x h0 points: a given
 * width or height is kept; a given width alone brings the height along
 * (the default aspect, but no flatter than 0.7 of the default height, so
 * that a 3.5-in column figure keeps room for its plot).
 */
void plot_size(const struct plot_opts *o, double w0, double h0, double *w,
    double *h);

/*
 * Caps the height of f, unless o gives one (--height), so that a figure
 * fits a page: no taller than 1.3 times its width at a column (3.5 in)
 * or narrower, than its width at a page (7 in) or wider, and in between
 * in proportion.  Call after render_fit.
 */
void plot_cap_height(const struct plot_opts *o, struct fig *f);

/*
 * Adds "The 8 most important of 16 params by PED-ANOVA importance, as in
 * the importances figure: a, b, ..." when n < nall (params, n and nall as
 * plot_top_params gave them for objective k under o), naming the shown
 * params the method could not rank.
 */
void plot_note_top_params(struct fig *f, const struct hp_study *st, size_t k,
    const struct plot_opts *o, const size_t *params, size_t n, size_t nall);

/* Shared by slice, contour, parallel_coordinate, evaluations (src/plot/select.c). */

/* Positive objective values spanning more than this ratio (two decades)
 * get a log axis and a log colour scale, in every figure alike. */
#define PLOT_LOG_SPAN	100

/* 1 when values from vmin to vmax should be shown on a log scale: both
 * positive and vmax / vmin > PLOT_LOG_SPAN.  The rule for objective axes
 * (colour: plot_objective_log). */
int plot_log_scale(double vmin, double vmax);

/* Minimized positive objective values spanning more than this ratio (a
 * decade) get a log colour scale (plot_objective_log). */
#define PLOT_COLOR_LOG_SPAN	10

/*
 * 1 when objective k of st is coloured on a log scale: decided once on the
 * values of its COMPLETE trials with a finite value k (not on a smoothed
 * surface or a sample): all positive and max / min > PLOT_COLOR_LOG_SPAN
 * when minimized (the good end is the small one), > PLOT_LOG_SPAN when
 * maximized.  The one rule for every objective colour (contour, objective,
 * parallel coordinates, intermediate values) and for an objective axis in
 * a figure that also colours by it, so that the two agree.
 */
int plot_objective_log(const struct hp_study *st, size_t k);

/* Indices of the COMPLETE trials whose objective k is finite, in trial
 * order (the trials those figures show).  Caller frees. */
size_t *plot_finite_trials(const struct hp_study *st, size_t k, size_t *n);

/*
 * Why objective k gives a surface or an importance nothing to show, for
 * fig_skip: fewer than 2 COMPLETE trials with a finite value, or the same
 * value in all of them (a surface of it is rounding noise, its colour bar
 * "2, 2, 2").  Writes the phrase into buf and returns 1; 0 when there is
 * something to show.
 */
int plot_flat_objective(const struct hp_study *st, size_t k, char *buf,
    size_t n);

/* Adds "N trials with a non-finite value left out" when there are any. */
void plot_note_nonfinite(struct fig *f, const struct hp_study *st, size_t k);

/* Figure title: o->title, else `base`, with the objective's name added
 * when the study has several objectives. */
void plot_figure_title(const struct hp_study *st, size_t k,
    const struct plot_opts *o, const char *base, char *buf, size_t n);

/* Colour bar for objective k over [lo, hi]: reversed for minimize, so the
 * good end always gets the same (bright) colour; log by
 * plot_objective_log (and lo > 0). */
void plot_objective_colorbar(struct fig *f, const struct hp_study *st, size_t k,
    const struct plot_opts *o, double lo, double hi);

/* A banded colour bar for objective k over [lo, hi]: round-number band
 * edges (fig_round_levels, at most about max_bands), on a log scale by
 * plot_objective_log (and lo > 0); f->cbar.levels[0 .. nlevels) are the
 * edges to band by. */
void plot_objective_bands(struct fig *f, const struct hp_study *st, size_t k,
    const struct plot_opts *o, double lo, double hi, size_t max_bands);

/* A fixed offset in [-0.5, 0.5] from the trial number and a salt (one per
 * axis), to spread trials that share a categorical choice: no RNG. */
double plot_jitter(int number, unsigned salt);

/*
 * Where a trial with value v of param p goes on its axis: v itself, spread
 * by plot_jitter(number, salt) when many trials share a value -- across
 * +-0.15 of a categorical choice, +-0.25 of the step of an int param with
 * at most PLOT_JITTER_MAX_INTS values on a linear axis -- so that they do
 * not hide each other.  Deterministic; the best trial's star is placed by
 * it too, on its dot.
 */
#define PLOT_JITTER_MAX_INTS	50
double plot_jitter_value(const struct hp_param *p, double v, int number,
    unsigned salt);

/*
 * Makes point mark m the best trial's star, sized with the figure's other
 * marks: `dot` is the diameter (pt) of the trial dots beside it, and the
 * star spans about twice that, from 7.5 to 10.5 pt (0.10 to 0.15 in, its
 * size 5 to 7 pt: a star's points reach 1.5 sizes across), so that it
 * marks the optimum without covering the trials around it.
 */
void plot_best_star(struct fig_mark *m, double dot);

/*
 * Region of a square cell (corners at t = (0,0) (1,0) (1,1) (0,1), values
 * v in that order) where the value, linear along the edges, is >= level:
 * the square clipped by one half-space (Sutherland-Hodgman).  Writes at
 * most 8 vertices (in cell fractions) to tx, ty and returns how many.
 */
int plot_clip_cell(const double v[4], double level, double *tx, double *ty);

/*
 * Fades what no trial supports in a surface panel (contour, partial
 * dependence): where no trial of the n at (x, y) is within
 * PLOT_VEIL_REACH of the axis ranges, the panel is covered in see-through
 * white, one polygon mark of rings (no seams).  With two numeric axes the
 * edge is smooth (that distance interpolated over PLOT_VEIL_CELLS cells a
 * side); along a categorical axis a cell is a choice, and a trial reaches
 * only its own.  Add it after the surface and before the trial dots.
 */
#define PLOT_VEIL_CELLS	32
#define PLOT_VEIL_REACH	0.12
void plot_veil(struct fig_panel *pn, const double *x, const double *y, size_t n);

/* Where a trial without the param goes on axis a that has a "none" slot
 * (fig_axis_add_none): the slot, spread a little by the trial number so
 * that such trials do not hide each other; NaN when a has no slot. */
double plot_none_coord(const struct fig_axis *a, int number);

/*
 * Scatter panels of big studies draw a sample (the speed budget: 100,000
 * trials x 16 params in under 15 s on two cores; past a few thousand dots
 * a panel is saturated and more only cost time).  A panel draws at most PLOT_SAMPLE_CAP trials:
 * the PLOT_SAMPLE_BEST best always, the rest evenly spaced by rank of the
 * objective, so every band of values keeps its share and the density reads
 * as in the full set.  Deterministic: no random numbers.  Models,
 * histograms and data tables still use every trial.
 */
#define PLOT_SAMPLE_CAP		5000
#define PLOT_SAMPLE_BEST	20

/* keep[0..n) over positions in rank order (0 = best): which ones the
 * sample draws; all when n <= cap.  Returns how many are kept (min(n, cap)). */
size_t plot_sample_ranks(size_t n, size_t cap, unsigned char *keep);

/* The sample of trials tr[n] (by objective k) as above, in tr's order;
 * *ns set to its size.  A copy of tr when n <= cap.  Caller frees. */
size_t *plot_sample_trials(const struct hp_study *st, size_t k,
    const size_t *tr, size_t n, size_t cap, size_t *ns);

/* Adds "Points: a sample of NS of N trials ..." when ns < n. */
void plot_note_sample(struct fig *f, size_t ns, size_t n);

/* Names the data/trials.csv columns a trial-level figure plots (fig.columns):
 * number, objective k's value, each param of params[np] and, in a
 * constrained study, feasible.  Such a figure writes no table of its own. */
void plot_trial_columns(struct fig *f, const struct hp_study *st, size_t k,
    const size_t *params, size_t np);

/* The caption's count of the trials a figure shows or derives from, the
 * n trials tr[] (indices into st): "Trials: 153 of 241 (153 COMPLETE);
 * left out: 77 PRUNED, 10 FAIL, 1 RUNNING." (or "Trials: all 241 (...)."). */
void plot_caption_trials(struct fig *f, const struct hp_study *st,
    const size_t *tr, size_t n);

/* plot_caption_trials of the COMPLETE trials with a finite objective k
 * (plot_finite_trials): what most figures show. */
void plot_caption_finite(struct fig *f, const struct hp_study *st, size_t k);

#endif
