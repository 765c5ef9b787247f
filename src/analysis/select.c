/*
 * select: which trials a selection keeps (struct hp_selection, study.h):
 * the number range and states filter, then --best ranks the trials that
 * could be best -- COMPLETE, finite, feasible (pareto_feasibility) -- by one
 * objective or by Pareto rank (pareto_front_points, front after front),
 * and hp_study_subset makes the study of the kept trials.
 */
#include <math.h>
#include <stdlib.h>

#include "hpreport/pareto.h"
#include "hpreport/select.h"

/* --- --best ------------------------------------------------------------- */

struct ranked {
	size_t	 t;		/* trial index */
	double	 key;		/* objective (minimization space) or Pareto rank */
	int	 number;	/* tie-break */
};

static int
cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->number < y->number ? -1 : x->number > y->number;
}

/*
 * Pareto rank of the n candidates c[] (keys written into c[i].key): 0 for
 * the non-dominated ones, 1 for those of the rest, and so on, until at
 * least `need` candidates are ranked; the others keep rank n (after all).
 */
static void
pareto_ranks(const struct hp_study *st, struct ranked *c, size_t n, size_t need)
{
	size_t d = st->nobj, left = n, ranked = 0;
	double *pts = hp_reallocarray(NULL, (n ? n : 1) * d, sizeof(double));
	size_t *rest = hp_reallocarray(NULL, n ? n : 1, sizeof(size_t));
	size_t *front = hp_reallocarray(NULL, n ? n : 1, sizeof(size_t));

	for (size_t i = 0; i < n; i++) {
		rest[i] = i;
		c[i].key = (double)n;
	}
	for (double rank = 0; left > 0 && ranked < need; rank++) {
		size_t nf, m = 0;

		for (size_t i = 0; i < left; i++)
			pareto_trial_point(st, c[rest[i]].t, pts + i * d);
		nf = pareto_front_points(pts, left, d, front);
		/* front[] is ascending: split rest[] into the front and the others */
		for (size_t i = 0, f = 0; i < left; i++) {
			if (f < nf && front[f] == i) {
				c[rest[i]].key = rank;
				f++;
			} else
				rest[m++] = rest[i];
		}
		ranked += nf;
		left = m;
	}
	free(pts);
	free(rest);
	free(front);
}

/*
 * Applies --best to the trials marked in keep[]: unmarks every one but
 * the best.  0, or -1 with err.
 */
static int
keep_best(const struct hp_study *st, const struct hp_selection *sel,
    unsigned char *keep, struct hp_err *err)
{
	size_t n = st->ntrials, nc = 0, want;
	unsigned char *feasible = hp_calloc(n ? n : 1, 1);
	struct ranked *c = hp_calloc(n ? n : 1, sizeof(*c));
	double *v = hp_calloc(st->nobj ? st->nobj : 1, sizeof(double));
	int pareto = sel->objective < 0 && st->nobj > 1;
	size_t k = sel->objective < 0 ? 0 : (size_t)sel->objective;

	if (sel->objective >= 0 && (size_t)sel->objective >= st->nobj) {
		free(feasible);
		free(c);
		free(v);
		return hp_err_set(err, "study \"%s\" has %zu objective%s: no objective %ld "
		    "to rank --best by", st->name, st->nobj, st->nobj == 1 ? "" : "s",
		    sel->objective);
	}
	pareto_feasibility(st, feasible);
	for (size_t t = 0; t < n; t++) {
		int ok = keep[t] && st->state[t] == HP_STATE_COMPLETE && feasible[t];

		if (ok && pareto)
			ok = pareto_trial_point(st, t, v);
		else if (ok) {
			double x = hp_study_value(st, t, k);

			ok = isfinite(x);
			c[nc].key = st->dir[k] == HP_DIR_MAXIMIZE ? -x : x;
		}
		keep[t] = 0;
		if (!ok)
			continue;
		c[nc].t = t;
		c[nc].number = st->number[t];
		nc++;
	}
	if (sel->best_percent) {
		/* rounded up, so that some trial is kept; the small margin keeps
		 * 10% of 30 at 3 where the product comes out as 3.0000000000000004 */
		double x = sel->best * (double)nc / 100;

		want = (size_t)ceil(x - 1e-9 * (x > 1 ? x : 1));
	} else
		want = sel->best < (double)nc ? (size_t)sel->best : nc;
	if (want > nc)
		want = nc;
	if (pareto)
		pareto_ranks(st, c, nc, want);
	if (nc > 1)
		qsort(c, nc, sizeof(*c), cmp_ranked);
	for (size_t i = 0; i < want; i++)
		keep[c[i].t] = 1;
	free(feasible);
	free(c);
	free(v);
	return 0;
}

struct hp_study *
hp_study_select(const struct hp_study *st, const struct hp_selection *sel,
    struct hp_err *err)
{
	size_t n = st->ntrials;
	unsigned char *keep = hp_calloc(n ? n : 1, 1);
	struct hp_study *o = NULL;

	for (size_t t = 0; t < n; t++) {
		long num = st->number[t];

		keep[t] = (!sel->has_lo || num >= sel->lo) && (!sel->has_hi || num <= sel->hi) &&
		    (sel->states == 0 || (sel->states & (1u << st->state[t])));
	}
	if (sel->best <= 0 || keep_best(st, sel, keep, err) == 0)
		o = hp_study_subset(st, keep, sel);
	free(keep);
	return o;
}
