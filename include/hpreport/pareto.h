/*
 * pareto: multi-objective numerics -- feasibility from Optuna's
 * "constraints" system attribute, the Pareto front (non-dominated trials)
 * as Optuna's Study.best_trials defines it, and exact hypervolume.
 *
 * Points are compared in "minimization space": each objective is negated
 * when its direction is maximize, so smaller is always better.  A point
 * dominates another when it is <= in every objective and the two are not
 * equal; equal points never dominate each other, so duplicates on the front
 * all stay on it (as in Optuna).
 *
 * Pure numerics: no I/O, no drawing (src/analysis/pareto.c, hypervolume.c).
 */
#ifndef HPREPORT_PARETO_H
#define HPREPORT_PARETO_H

#include <stddef.h>

#include "hpreport/study.h"

/* 1 when a (d values, minimization space) dominates b. */
int pareto_dominates(const double *a, const double *b, size_t d);

/*
 * Non-dominated points among n points of d values (row-major, minimization
 * space; no NaN).  Writes their indices, ascending, into out[n]; returns
 * their count.  O(n log n + n * front size).
 */
size_t pareto_front_points(const double *pts, size_t n, size_t d, size_t *out);

/*
 * Feasibility of each trial, written into feasible[st->ntrials] (1/0), from
 * the trial's constraint values (hp_study_constraints: the trial system
 * attribute "constraints", a list of numbers that Optuna >= 3.2 and its
 * samplers' constraints_func store, checked by the loader), per
 * hp_study_feasible: a trial without a list is feasible, as in Optuna's
 * figures and, since PR 6774, its best_trials (Optuna <= 4.x counted it
 * infeasible in a constrained study's Pareto front).  Returns 1 when the
 * study is constrained (some COMPLETE trial has a list), else 0.
 */
int pareto_feasibility(const struct hp_study *st, unsigned char *feasible);

/*
 * Objective values of trial t in minimization space, into v[st->nobj].
 * Returns 1 when every value is finite, else 0 (v is still filled).
 */
int pareto_trial_point(const struct hp_study *st, size_t t, double *v);

/*
 * The Pareto front of st as Optuna's Study.best_trials: COMPLETE trials
 * (and feasible ones, per pareto_feasibility) that no other such trial
 * dominates, duplicates kept.  Trials with a NaN objective (no value) are
 * left out; +-inf values take part as the numbers they are.  Writes trial
 * indices in ascending trial number into out[st->ntrials]; returns the count.
 */
size_t pareto_front(const struct hp_study *st, size_t *out);

/*
 * Exact hypervolume dominated by n points of d values (minimization space)
 * and bounded by the reference point ref[d]: the volume of the union of the
 * boxes [p, ref].  Points not strictly better than ref in every objective
 * add nothing and are skipped; non-finite points are skipped.
 * d == 1: ref - min; d == 2: a sweep in O(n log n); d >= 3: slicing the
 * last objective (HSO), recursing down to the 2-D sweep, O(n^(d-1) log n) --
 * exact, meant for fronts up to some thousands of points in 3-D.
 * Returns 0 when no point counts.
 */
double hv_compute(const double *pts, size_t n, size_t d, const double *ref);

/*
 * The default reference point, in minimization space, for the trials whose
 * indices are in idx[n]: per objective the worst finite value plus 10% of
 * the range of finite values (optuna-dashboard's choice), or plus 10% of
 * |worst| (1 when worst is 0) when the range is zero.  Writes ref[st->nobj];
 * returns 0, or -1 when no trial has all objectives finite.
 */
int hv_default_reference(const struct hp_study *st, const size_t *idx, size_t n,
    double *ref);

/*
 * Hypervolume history (Optuna plot_hypervolume_history): for each trial t
 * in number order, hv[t] is the hypervolume, w.r.t. ref (minimization
 * space), of the feasible COMPLETE trials with finite objectives among
 * trials 0..t.  Writes hv[st->ntrials]; on_front[t] (may be NULL) is 1 when
 * trial t joined the running front.  The front is kept incrementally and
 * the hypervolume recomputed only when it changes.
 *
 * Exact (hv_compute) while the estimated work of all those recomputations
 * -- HSO's slices summed over the front's sizes, about size^(d-1) per
 * change -- stays within HV_EXACT_WORK: always in 2-D, in practice up to
 * a few hundred trials in 3-D or 4-D.  Beyond it the volumes are a Monte
 * Carlo estimate from HV_SAMPLES points (fewer past 40 objectives: at
 * most HV_SAMPLE_VALUES coordinates, 32 MB) drawn uniformly, with the fixed
 * seed HV_SEED, in the box between the best value of each objective and
 * ref; the same points serve every trial, so the history never goes down
 * and the output is the same from run to run.  Returns 0 when exact, else
 * the number of points drawn, with *se (may be NULL) the standard error
 * of the last volume (box * sqrt(f (1 - f) / points), f the fraction
 * dominated).  Time is O(n * front * d) plus the smaller of the two.
 */
#define HV_EXACT_WORK	2e7
#define HV_SAMPLES	100000
#define HV_SAMPLE_VALUES 4000000
#define HV_SEED		0x68707265706f7274ULL	/* "hpreport" */
size_t hv_history(const struct hp_study *st, const double *ref, double *hv,
    unsigned char *on_front, double *se);

#endif
