/*
 * study: the one trial-history model every loader produces and every figure
 * reads.  A study holds its trials column by column (trial numbers, states,
 * objective values, times, and one value column per param), so a figure can
 * walk one param over 10^5 trials without chasing pointers.  Intermediate
 * values and attributes are kept in flat arrays indexed by trial offsets.
 *
 * Loaders build a study with the hp_study_add_* / hp_study_set_* calls in
 * any order, then call hp_study_finish(), which sorts trials by number,
 * params by name, infers distributions of params that came without one,
 * and freezes the study.  After that the struct is read-only and its
 * fields may be read directly.
 *
 * Missing and non-finite values -- the policy, decided once here:
 *  - An objective value of NaN means "no value" (FAIL, RUNNING, WAITING,
 *    a PRUNED trial without one).  Optuna cannot store a NaN objective, so
 *    nothing is lost.  +inf and -inf are kept as they are: the trial keeps
 *    its state, and figures leave non-finite values out and count them in a
 *    note (hp_study_count_nonfinite).  "Best" only ever considers finite
 *    values of COMPLETE trials, as Optuna's RDB storage does, and of
 *    those only the feasible ones (hp_study_feasible), as Optuna's
 *    Study.best_trial does in constrained optimization.
 *  - Feasibility, decided once here (hp_study_feasible): a trial is
 *    feasible when it has no constraint list or every value in its list is
 *    <= 0, as Optuna's figures (>= 3.4) and its newest _get_feasible_trials
 *    read it; a NaN constraint value is a violation.
 *  - A param value of NaN means the trial does not have that param
 *    (conditional params); a categorical param's value is the index into
 *    its choices, an int param's value is the exact integer as a double.
 *    A float or int param value of +-inf (no distribution holds one) is
 *    taken as absent by hp_study_finish, with a note naming the param.
 *  - Intermediate values keep NaN and +-inf as reported; figures skip
 *    non-finite points of a curve.
 *  - Extreme finite values are kept exactly (data files write them as
 *    they are) and drawn where they are: axes hold any finite range,
 *    -1.8e308 .. 1.8e308 included (spans that overflow are computed in
 *    halves, padding stops at +-DBL_MAX), and values too close together
 *    for double arithmetic -- a range narrower than FIG_MIN_SPAN (1e-300)
 *    near 0, such as subnormals like 5e-324 -- are drawn as the one value
 *    0 (figure.h: fig_range, fig_axis_ticks).
 *  - Times are seconds since 1970-01-01 reading the stored naive local
 *    time as if it were UTC (no time-zone conversion, so output does not
 *    depend on the machine's zone); NaN when unknown.
 */
#ifndef HPREPORT_STUDY_H
#define HPREPORT_STUDY_H

#include <stddef.h>

#include "hpreport/util.h"

enum hp_state {
	HP_STATE_RUNNING,
	HP_STATE_COMPLETE,
	HP_STATE_PRUNED,
	HP_STATE_FAIL,
	HP_STATE_WAITING,
	HP_STATE__COUNT
};

enum hp_direction {
	HP_DIR_NOT_SET,
	HP_DIR_MINIMIZE,
	HP_DIR_MAXIMIZE
};

enum hp_dist_kind {
	HP_DIST_FLOAT,
	HP_DIST_INT,
	HP_DIST_CATEGORICAL
};

enum hp_choice_kind {
	HP_CHOICE_NULL,
	HP_CHOICE_BOOL,
	HP_CHOICE_INT,
	HP_CHOICE_FLOAT,
	HP_CHOICE_STRING
};

/* One choice of a categorical param, typed as Python had it. */
struct hp_choice {
	enum hp_choice_kind kind;
	double		 num;	/* BOOL 0/1, INT, FLOAT */
	char		*str;	/* STRING only, owned */
};

struct hp_dist {
	enum hp_dist_kind kind;
	double		 low, high;	/* FLOAT, INT: inclusive range */
	double		 step;		/* FLOAT: 0 = continuous; INT: >= 1 */
	int		 log;		/* FLOAT, INT: log-distributed */
	struct hp_choice *choices;	/* CATEGORICAL, owned, in choice order */
	size_t		 nchoices;
};

/* One param column. */
struct hp_param {
	char		*name;		/* owned, UTF-8 */
	struct hp_dist	 dist;		/* merged over all trials */
	int		 inferred;	/* dist guessed from values (no dist stored) */
	double		*v;		/* [ntrials] internal value; NaN = absent */
};

/* A user or system attribute of the study (trial == HP_NO_TRIAL) or a trial. */
#define HP_NO_TRIAL ((size_t)-1)
struct hp_attr {
	size_t	 trial;		/* trial index, or HP_NO_TRIAL */
	int	 system;	/* 1 = system attribute, 0 = user attribute */
	char	*key;		/* owned */
	char	*json;		/* owned: the value as JSON text */
};

/*
 * A trial selection (--trials, --states, --best), applied once after
 * loading by hp_study_select (select.h).  Filters first: a trial is kept when its
 * number lies in [lo, hi] (both ends included: trial numbers are labels,
 * as pandas' .loc[100:500] reads them) and its state is in `states`; then
 * --best keeps the best `best` trials (or `best` percent of them, rounded
 * up) of those that remain and could be "best" (study.h's policy: COMPLETE,
 * finite, and feasible when the study has constraints).  "Best" is by
 * objective `objective`, or with several objectives and none named by
 * Pareto rank (non-dominated sorting: the front first, then the front of
 * the rest...); ties by trial number, the lower first.
 */
struct hp_selection {
	int		 has_lo, has_hi;	/* --trials bounds given */
	long		 lo, hi;		/* inclusive trial-number bounds */
	unsigned	 states;		/* bit (1 << HP_STATE_*) per state kept; 0 = all */
	double		 best;			/* --best N or P; 0 = off */
	int		 best_percent;		/* best is a percentage, 0 < P <= 100 */
	long		 objective;		/* --best by this objective; -1 = the only
						   one, or the Pareto rank */
};

/* No selection: every trial. */
void hp_selection_init(struct hp_selection *sel);

/* 1 when sel would leave some trial out. */
int hp_selection_active(const struct hp_selection *sel);

/*
 * The option values, parsed into sel: "A:B", "A:", ":B" or "N" (trial
 * numbers); "complete,pruned" (state names, any case); "N" or "P%".
 * Return 0, or -1 with a message (without the option name) in err and sel
 * unchanged.
 */
int hp_selection_parse_trials(struct hp_selection *sel, const char *s,
    struct hp_err *err);
int hp_selection_parse_states(struct hp_selection *sel, const char *s,
    struct hp_err *err);
int hp_selection_parse_best(struct hp_selection *sel, const char *s,
    struct hp_err *err);

/* The selection as options, "--trials 100:500 --states COMPLETE,PRUNED
 * --best 10%" (canonical spelling), into buf; returns buf. */
char *hp_selection_format(const struct hp_selection *sel, char *buf, size_t n);

/* The selection in words, for text inside a figure (which names no
 * option): "numbers 100 to 500; states COMPLETE, PRUNED; the best 10%",
 * into buf; returns buf. */
char *hp_selection_describe(const struct hp_selection *sel, char *buf, size_t n);

struct hp_study {
	char		*name;		/* owned, UTF-8 */
	size_t		 nobj;		/* number of objectives (>= 1 once finished) */
	enum hp_direction *dir;		/* [nobj] */
	char		**objname;	/* [nobj] names (study:metric_names) or NULL */

	size_t		 ntrials;
	int		*number;	/* [ntrials] trial number, ascending */
	enum hp_state	*state;		/* [ntrials] */
	double		*value;		/* [ntrials * nobj], value[t * nobj + k] */
	double		*t_start;	/* [ntrials] seconds, NaN = unknown */
	double		*t_end;		/* [ntrials] seconds, NaN = unknown */

	struct hp_param	*params;	/* [nparams], sorted by name */
	size_t		 nparams;

	size_t		*iv_off;	/* [ntrials + 1]: trial t owns [iv_off[t], iv_off[t+1]) */
	double		*iv_step;	/* intermediate steps, ascending per trial */
	double		*iv_value;	/* intermediate values */

	struct hp_attr	*attrs;		/* sorted: study-level first, then by trial, key */
	size_t		 nattrs;

	/* Constraint values (Optuna's trial system attribute "constraints",
	 * which loaders check and type; the attribute itself stays in attrs) */
	unsigned char	*con_set;	/* [ntrials] 1 = trial t has a list, maybe empty */
	size_t		*con_off;	/* [ntrials + 1]: trial t owns [con_off[t], con_off[t+1]) */
	double		*con_value;	/* the values, trial after trial */

	char		**notes;	/* what loading noticed (inferred types...) */
	size_t		 nnotes;

	/* The trial selection this study was made with (hp_study_select) */
	int		 selected;	/* 1 = a selection of the loaded study */
	struct hp_selection selection;	/* what it was, when selected */
	size_t		 ntrials_input;	/* trials of the loaded study */
	char		*selection_note; /* "401 of 2,000 trials selected (--trials
					   100:500)", owned; NULL when not selected */
	char		*selection_words; /* the same in words, for inside a
					   figure: "... (numbers 100 to 500)", owned */
	/* The target this study's objective was made from (hp_study_retarget) */
	char		*target;	/* "user_attrs.KEY", "duration", "values.N",
					   owned; NULL = the study's own objectives */
	char		*target_note;	/* the line under every figure, owned;
					   NULL when target is */

	struct hp_study_build *build;	/* private builder state; NULL once finished */
};

/* A list of studies, as one input file may hold several. */
struct hp_studyset {
	struct hp_study	**v;
	size_t		  n;
};

const char *hp_state_name(enum hp_state s);		/* "COMPLETE" ... */
int hp_state_parse(const char *s, enum hp_state *out);	/* 0 or -1 */
const char *hp_direction_name(enum hp_direction d);	/* "minimize" ... */

/* Python-like text of a choice: None, True, 3, 2.5, gelu.  Returns buf. */
char *hp_choice_label(const struct hp_choice *c, char *buf, size_t n);
int hp_choice_equal(const struct hp_choice *a, const struct hp_choice *b);

void hp_dist_release(struct hp_dist *d);
void hp_dist_copy(struct hp_dist *dst, const struct hp_dist *src);

/* External form of an internal param value, as text (choice label, int
 * without ".0", float shortest).  Returns buf; "" for NaN. */
char *hp_param_format(const struct hp_param *p, double v, char *buf, size_t n);

/* --- building ---------------------------------------------------------- */

/* A new empty study; free with hp_study_free(). */
struct hp_study *hp_study_new(const char *name);

/* Sets the number of objectives and their directions (copied). */
void hp_study_set_directions(struct hp_study *st, size_t nobj,
    const enum hp_direction *dir);

/* Names objective k (copied); grows the objective count when needed. */
void hp_study_set_objective_name(struct hp_study *st, size_t k, const char *name);

/* Appends a trial; returns its index for the calls below (valid until finish). */
size_t hp_study_add_trial(struct hp_study *st, int number, enum hp_state state);

/* Objective k of trial t; grows the objective count (direction NOT_SET). */
void hp_study_set_value(struct hp_study *st, size_t t, size_t k, double v);
void hp_study_set_state(struct hp_study *st, size_t t, enum hp_state state);
void hp_study_set_times(struct hp_study *st, size_t t, double start, double end);

/*
 * Param `name` of trial t with its distribution and internal value.  The
 * column's distribution is the union over trials: ranges widen, new
 * categorical choices are appended and the index remapped.  A param that
 * changes kind between trials is an error (-1, message without place).
 */
int hp_study_set_param(struct hp_study *st, size_t t, const char *name,
    const struct hp_dist *dist, double internal, struct hp_err *err);

/*
 * Param `name` of trial t given only as text (DataFrame exports, MLflow):
 * hp_study_finish() infers its type from all values -- int when all are
 * integers, float when all are numbers, else categorical in order of first
 * appearance -- and log scale when a positive numeric range spans >= 2
 * decades, and adds a note saying so.  Empty text means absent.
 */
void hp_study_set_param_text(struct hp_study *st, size_t t, const char *name,
    const char *text);

void hp_study_add_intermediate(struct hp_study *st, size_t t, double step,
    double value);

/* An attribute of trial t (or HP_NO_TRIAL for the study), json copied. */
void hp_study_add_attr(struct hp_study *st, size_t t, int system,
    const char *key, const char *json);

/*
 * The constraint values of trial t (copied; n = 0 is an empty list, which
 * is not the same as none).  A later call for the same trial replaces the
 * earlier list.
 */
void hp_study_set_constraints(struct hp_study *st, size_t t, const double *v,
    size_t n);

/* Adds a note line (copied) shown in `info` and the report. */
void hp_study_add_note(struct hp_study *st, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Freezes the study: sorts, infers, checks.  Fails (-1) on two trials with
 * the same number (the message names the number), or on two param names
 * that become the same once made valid UTF-8 (invalid bytes read U+FFFD).  Directions default to
 * minimize when none were given.
 */
int hp_study_finish(struct hp_study *st, struct hp_err *err);

void hp_study_free(struct hp_study *st);

/* --- reading ----------------------------------------------------------- */

/* Objective k of trial t. */
static inline double
hp_study_value(const struct hp_study *st, size_t t, size_t k)
{
	return st->value[t * st->nobj + k];
}

/*
 * The columns of data/trials.csv, named as Optuna's trials_dataframe()
 * names them: every trial's number, state, objective values, times,
 * params and user attributes are there once, and the figures name the
 * columns they plot (fig.columns) rather than copy them.
 */
#define HP_COL_NUMBER	"number"
#define HP_COL_STATE	"state"
#define HP_COL_START	"datetime_start"
#define HP_COL_END	"datetime_complete"
#define HP_COL_DURATION	"duration_s"
#define HP_COL_FEASIBLE	"feasible"	/* constrained studies: 1 or 0 */
/* Objective k's column: "value" (one objective) or "values_K"; buf holds
 * at least 32 bytes.  Returns buf. */
char *hp_study_value_column(const struct hp_study *st, size_t k, char *buf, size_t n);
/* Param i's column, "params_NAME", in buf of n bytes.  Returns buf. */
char *hp_study_param_column(const struct hp_study *st, size_t i, char *buf, size_t n);

/* Index of the param named `name`, or -1. */
int hp_study_param_index(const struct hp_study *st, const char *name);

/* Index of the best feasible COMPLETE trial with a finite objective k, or
 * -1 when there is none.  The one "best trial" of every figure, the page,
 * study.json and `info`. */
long hp_study_best(const struct hp_study *st, size_t k);

/* 1 when trial t is feasible: it has no constraint list, or every value of
 * its list is <= 0 (NaN is a violation); else 0.  The one definition every
 * figure, the best trial and the Pareto front use. */
int hp_study_feasible(const struct hp_study *st, size_t t);

/* 1 when some trial has a constraint list (the study is constrained). */
int hp_study_constrained(const struct hp_study *st);

/* Count of COMPLETE trials that are not feasible (0 without constraints). */
size_t hp_study_count_infeasible(const struct hp_study *st);

/* Count of trials in state s. */
size_t hp_study_count_state(const struct hp_study *st, enum hp_state s);

/* Count of COMPLETE trials whose objective k is +-inf (left out of figures). */
size_t hp_study_count_nonfinite(const struct hp_study *st, size_t k);

/* The attribute `key` of trial t (HP_NO_TRIAL: study) or NULL. */
const struct hp_attr *hp_study_attr(const struct hp_study *st, size_t t,
    int system, const char *key);

/* The constraint values of trial t: 1 with *v and *n set when the trial
 * has a list (*n may be 0), else 0. */
int hp_study_constraints(const struct hp_study *st, size_t t, const double **v,
    size_t *n);

/*
 * A new finished study holding the trials t of st with keep[t] set (all
 * their values, params, intermediate values, attributes and constraints;
 * the study's attributes and notes; params that no kept trial has are left
 * out), recording sel as the selection it was made with (selected,
 * selection, ntrials_input, selection_note).  Free with hp_study_free.
 */
struct hp_study *hp_study_subset(const struct hp_study *st,
    const unsigned char *keep, const struct hp_selection *sel);

/* --- the target (--target) ------------------------------------------- */

/*
 * What the report shows in place of the objective: one of the objectives
 * (a multi-objective study becomes single-objective), a numeric user
 * attribute of the trials, or the duration.  Applied once after loading
 * by hp_study_retarget, so that figures, page and data files read the
 * target as the study's only objective without knowing.
 */
enum hp_target_kind {
	HP_TARGET_OBJECTIVE,	/* values.N or values.NAME */
	HP_TARGET_USER_ATTR,	/* user_attrs.KEY */
	HP_TARGET_DURATION	/* duration: datetime_complete - datetime_start, s */
};

struct hp_target {
	enum hp_target_kind kind;
	const char	*name;		/* USER_ATTR: the key; OBJECTIVE: the index or
					   the objective's name; points into the
					   text parsed */
	enum hp_direction dir;		/* HP_DIR_NOT_SET = the default (below) */
};

/*
 * Parses the option's text: "user_attrs.KEY" (KEY is the rest, dots and
 * all), "duration", "values.N" or "values.NAME"; tg->dir is set to
 * HP_DIR_NOT_SET.  tg->name points into s.  Returns 0, or -1 with a
 * message (without the option name) in err.
 */
int hp_target_parse(struct hp_target *tg, const char *s, struct hp_err *err);

/*
 * The number a user attribute holds: 0 with *out set when its JSON is a
 * number (NaN, Infinity and -Infinity as Python writes them included),
 * else -1 (a string, bool, null, list, dict, or text that is not JSON).
 */
int hp_attr_number(const struct hp_attr *a, double *out);

/* One user-attribute key of a study's trials (hp_study_user_attr_keys). */
struct hp_attr_key {
	const char	*key;		/* points into the study */
	size_t		 ntrials;	/* trials that have it */
	size_t		 nnumeric;	/* of those, the ones holding a number
					   (hp_attr_number) */
};

/*
 * The distinct keys of the trials' user attributes, sorted by key, with
 * their counts; *n of them.  Returns a new array the caller frees (never
 * NULL); the keys point into st.
 */
struct hp_attr_key *hp_study_user_attr_keys(const struct hp_study *st, size_t *n);

/*
 * A new finished study whose single objective is the target: per trial,
 * objective N, the user attribute's number, or t_end - t_start; no value
 * (NaN) for a trial without the attribute, with one that is not a number
 * or is NaN, without a start or end time, or ending before it starts
 * (notes count the COMPLETE trials so left without a value).  +-inf
 * attribute values are kept, as objective values are (see above).  The
 * objective is named "user_attrs.KEY", "duration (s)", or objective N's
 * name ("values.N" when it has none); its direction is tg->dir, else
 * objective N's own, minimize for the duration, and the study's (its first
 * objective's, as Optuna's target= figures take the study's direction) for
 * a user attribute, which a note says.  Everything else is copied: trials,
 * params, attributes, constraints, notes -- except intermediate values
 * when the target is not an objective (they are reports of the
 * objective).  st->target and st->target_note of the result say the
 * target.  Returns the study (free with hp_study_free), or NULL with err
 * naming what is missing when st has no such objective, no trial with
 * that attribute, or the attribute holds no number in any trial (the
 * message lists the keys that do).
 */
struct hp_study *hp_study_retarget(const struct hp_study *st,
    const struct hp_target *tg, struct hp_err *err);

void hp_studyset_add(struct hp_studyset *set, struct hp_study *st);
void hp_studyset_release(struct hp_studyset *set);	/* frees every study */

#endif
