/*
 * importances: hyperparameter importances of one objective (Optuna
 * plot_param_importances) as horizontal bars with the most important
 * param on top and each value printed beside its bar ("<0.01" below
 * 0.01).  Two methods (--importance):
 *
 *  - PED-ANOVA (default, src/analysis/pedanova.c), Optuna's default
 *    evaluator since v5.0: how differently each param is distributed in
 *    the top 10 % of trials than in all of them.  Params present in at
 *    least one COMPLETE trial, conditional ones judged on the trials that
 *    have them; every trial used.  Importances normalised to sum 1 as
 *    get_param_importances does (equal shares when all are 0).
 *  - fANOVA on a random forest (src/analysis/fanova.c), as Optuna up to
 *    v4.9: the params present in every COMPLETE trial (Optuna's
 *    intersection search space); conditional params and categoricals of
 *    more than HP_MODEL_MAX_CHOICES choices are left out and named in a
 *    note.  Studies beyond HP_FANOVA_MAX_TRIALS usable trials are
 *    sub-sampled (seeded) and the figure says so.
 *
 * Either way: COMPLETE trials with a finite value; params with a single
 * possible value get importance 0.  The ranking (plot_ranking_init) is
 * computed once per study and objective by the report (plot_rankings) and
 * is the one the matrix figures choose their params by.
 *
 * At most IMP_MAX_BARS bars are drawn, the most important; a note says
 * how many params were left out of the picture (every one is in the data).
 *
 * Data (data/importances.csv): param, importance, rank (1 = most
 * important), method ("ped-anova" or "fanova"), in rank order.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/analysis.h"
#include "hpreport/plot.h"

#define HP_MODEL_MAX_CHOICES_S	"64"	/* HP_MODEL_MAX_CHOICES, for messages */
#define IMP_MAX_BARS	50	/* 1590 points tall: a readable page */

/* Params of sel present in every COMPLETE trial; the others go to `left`. */
static size_t
intersection(const struct hp_study *st, const size_t *sel, size_t n,
    size_t *keep, struct hp_buf *left, struct hp_buf *many)
{
	size_t m = 0;

	for (size_t j = 0; j < n; j++) {
		const double *v = st->params[sel[j]].v;
		size_t t;

		if (plot_too_many_choices(&st->params[sel[j]], many))
			continue;
		for (t = 0; t < st->ntrials; t++)
			if (st->state[t] == HP_STATE_COMPLETE && isnan(v[t]))
				break;
		if (t == st->ntrials) {
			keep[m++] = sel[j];
		} else {
			if (left->len)
				hp_buf_puts(left, ", ");
			hp_buf_puts(left, st->params[sel[j]].name);
		}
	}
	return m;
}

/* Params of sel present in at least one COMPLETE trial (PED-ANOVA, as
 * Optuna's _resolve_params); the others go to `left`. */
static size_t
present(const struct hp_study *st, const size_t *sel, size_t n, size_t *keep,
    struct hp_buf *left, struct hp_buf *cond)
{
	size_t m = 0;

	for (size_t j = 0; j < n; j++) {
		const double *v = st->params[sel[j]].v;
		size_t have = 0, ncomplete = 0;

		for (size_t t = 0; t < st->ntrials; t++)
			if (st->state[t] == HP_STATE_COMPLETE) {
				ncomplete++;
				have += !isnan(v[t]);
			}
		if (have > 0)
			keep[m++] = sel[j];
		if (have == 0 || have < ncomplete) {
			struct hp_buf *b = have == 0 ? left : cond;

			if (b->len)
				hp_buf_puts(b, ", ");
			hp_buf_puts(b, st->params[sel[j]].name);
		}
	}
	return m;
}

struct ranked {
	size_t	 param;
	double	 imp;
};

static int
ranked_cmp(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->imp != y->imp)
		return x->imp > y->imp ? -1 : 1;
	return x->param < y->param ? -1 : x->param > y->param;
}

static void
format_importance(char *buf, size_t n, double v)
{
	if (v < 0.01)
		snprintf(buf, n, "<0.01");
	else
		snprintf(buf, n, "%.2f", v);
	/* %.2f may use a locale's decimal comma: this text must not */
	for (char *p = buf; *p; p++)
		if (*p == ',')
			*p = '.';
}

/* What the PED-ANOVA figure used and what Optuna would have warned of. */
static void
ped_notes(struct fig *out, const struct hp_study *st, size_t k,
    const struct plot_ranking *rk)
{
	fig_add_note(out, "PED-ANOVA importances (Optuna's default since v5.0): "
	    "how differently each param is distributed in the top 10%% of "
	    "trials (%zu) than in all %zu COMPLETE trial%s with a finite value; "
	    "normalised to sum 1.", rk->ntarget, rk->ntrials,
	    rk->ntrials == 1 ? "" : "s");
	if (rk->ntrials < 2)
		fig_add_note(out, "Importances need at least 2 complete trials; "
		    "all shown as equal, as Optuna does.");
	else if (rk->ntarget == rk->nregion)
		fig_add_note(out, "Every trial ties with the best: the top 10%% "
		    "is all trials, so the importances are equal.");
	if (st->nobj > 1 && st->dir[k] == HP_DIR_MAXIMIZE)
		fig_add_note(out, "Higher values count as better here; Optuna's "
		    "plot ranks every objective of a multi-objective study as "
		    "if it were minimised.");
	if (rk->cond.len)
		fig_add_note(out, "Judged on the trials that have them (not in "
		    "every complete trial): %s.", rk->cond.s);
	if (rk->sparse.len)
		fig_add_note(out, "Fewer than 2 trials with or without %s: "
		    "importance may be inaccurate (Optuna warns).", rk->sparse.s);
}

int
plot_ranking_init(struct plot_ranking *rk, const struct hp_study *st, size_t k,
    const struct plot_opts *o)
{
	int ped = !o || o->importance == PLOT_IMPORTANCE_PED_ANOVA;
	size_t nsel, *sel = plot_select_params(st, o, &nsel);
	size_t *keep = hp_calloc(nsel + 1, sizeof(size_t)), nkeep;
	struct ranked *r = NULL;
	struct hp_encoding e;
	struct hp_forest_opts fo;
	struct hp_pedanova_info pi;
	unsigned char *sparse = NULL;
	double *imp = NULL;

	memset(rk, 0, sizeof(*rk));
	memset(&e, 0, sizeof(e));
	memset(&pi, 0, sizeof(pi));
	rk->objective = k;
	rk->method = ped ? PLOT_IMPORTANCE_PED_ANOVA : PLOT_IMPORTANCE_FANOVA;
	hp_buf_init(&rk->left);
	hp_buf_init(&rk->many);
	hp_buf_init(&rk->cond);
	hp_buf_init(&rk->sparse);
	nkeep = ped ? present(st, sel, nsel, keep, &rk->left, &rk->cond) :
	    intersection(st, sel, nsel, keep, &rk->left, &rk->many);
	rk->status = 0;		/* no param to rank */
	if (nkeep == 0)
		goto done;
	rk->status = -1;
	if (!ped && hp_encode(st, k, keep, nkeep, HP_WARP_RAW, HP_FANOVA_MAX_TRIALS, 0,
	    &e, &rk->err) < 0)
		goto done;
	rk->nrows = e.nrows;
	rk->nusable = e.nusable;

	/* every kept param gets a rank; single-valued ones (not encoded) get 0 */
	r = hp_calloc(nkeep, sizeof(*r));
	imp = hp_calloc((ped ? nkeep : e.nparams) + 1, sizeof(double));
	if (ped) {
		sparse = hp_calloc(nkeep, 1);
		if (hp_pedanova(st, k, keep, nkeep, NULL, imp, sparse, &pi, &rk->err) < 0)
			goto done;
		hp_importances_normalize(imp, nkeep);
		for (size_t j = 0; j < nkeep; j++)
			if (sparse[j]) {
				if (rk->sparse.len)
					hp_buf_puts(&rk->sparse, ", ");
				hp_buf_puts(&rk->sparse, st->params[keep[j]].name);
			}
		rk->ntrials = pi.ntrials;
		rk->ntarget = pi.ntarget;
		rk->nregion = pi.nregion;
	} else if (e.nrows >= 2 && e.nparams > 0) {
		hp_forest_opts_defaults(&fo);
		fo.pool = o ? o->pool : NULL;
		if (hp_fanova(&e, &fo, imp, &rk->err) < 0)
			goto done;
	}
	for (size_t j = 0; j < nkeep; j++) {
		r[j] = (struct ranked){ keep[j], ped ? imp[j] : 0 };
		for (size_t i = 0; !ped && i < e.nparams; i++)
			if (e.param[i] == keep[j])
				r[j].imp = imp[i];
	}
	qsort(r, nkeep, sizeof(*r), ranked_cmp);
	rk->n = nkeep;
	rk->param = hp_calloc(nkeep, sizeof(size_t));
	rk->imp = hp_calloc(nkeep, sizeof(double));
	for (size_t j = 0; j < nkeep; j++) {
		rk->param[j] = r[j].param;
		rk->imp[j] = r[j].imp;
	}
	rk->status = 1;
done:
	hp_encoding_release(&e);
	free(sparse);
	free(imp);
	free(r);
	free(keep);
	free(sel);
	return rk->status;
}

void
plot_ranking_release(struct plot_ranking *rk)
{
	if (rk == NULL)
		return;
	hp_buf_release(&rk->left);
	hp_buf_release(&rk->many);
	hp_buf_release(&rk->cond);
	hp_buf_release(&rk->sparse);
	free(rk->param);
	free(rk->imp);
	memset(rk, 0, sizeof(*rk));
}

int
plot_importances(const struct hp_study *st, size_t k, const struct plot_opts *o,
    struct fig *out, struct hp_err *err)
{
	static const char *const cols[] = { "param", "importance", "rank", "method" };
	const struct plot_ranking *given = plot_given_ranking(st, k, o);
	struct plot_ranking own;
	const struct plot_ranking *rk = given;
	int ped;
	double xmax = 0;
	char title[400], otitle[256], buf[320], nbuf[32];
	struct fig_panel *p;
	size_t nr, nbars;

	if (st->nparams > 0 && plot_flat_objective(st, k, buf, sizeof(buf)))
		return fig_skip(out, 0, "%s", buf);	/* nothing ranks params */
	if (rk == NULL) {
		plot_ranking_init(&own, st, k, o);
		rk = &own;
	}
	if (rk->status <= 0) {
		int ret = rk->status;	/* 0: no param to rank, the figure does not apply */

		if (ret < 0 && err)
			*err = rk->err;
		else if (ret == 0 && st->nparams == 0)
			ret = fig_skip(out, 1, "the study has no params");
		else if (ret == 0)
			ret = fig_skip(out, 0, "no param%s is set in %s COMPLETE trial",
			    rk->many.len ? " of at most " HP_MODEL_MAX_CHOICES_S " choices" : "",
			    rk->method == PLOT_IMPORTANCE_PED_ANOVA ? "any" : "every");
		if (rk == &own)
			plot_ranking_release(&own);
		return ret;
	}
	ped = rk->method == PLOT_IMPORTANCE_PED_ANOVA;
	nr = rk->n;

	plot_objective_title(st, k, otitle, sizeof(otitle));
	if (o && o->title)
		snprintf(title, sizeof(title), "%s", o->title);
	else if (st->nobj > 1)
		snprintf(title, sizeof(title), "Hyperparameter importances for %s", otitle);
	else
		snprintf(title, sizeof(title), "Hyperparameter importances");
	/* a bar a line of 30 points, 20 in a column figure */
	nbars = nr < IMP_MAX_BARS ? nr : IMP_MAX_BARS;
	{
		/* no taller than plot_max_height unless a height is given:
		 * the most important bars that fit, the rest in a note */
		double w = o && o->width > 0 ? o->width : 576;
		double line = o && o->width > 0 && o->width < 400 ? 20 : 30;
		size_t fit = (size_t)((plot_max_height(w) - 90) / line);

		if ((o == NULL || o->height <= 0) && nbars > fit)
			nbars = fit < 4 ? 4 : fit;
		fig_init(out, "importances", title, w, o && o->height > 0 ?
		    o->height : 90 + line * (double)(nbars < 4 ? 4 : nbars));
	}
	p = fig_add_panel(out, 0, 0);

	{
		/* bottom to top: least important first, so the top bar is the
		 * first; the nbars most important only */
		char **labels = hp_calloc(nbars, sizeof(char *));
		double *x0 = hp_calloc(nbars, sizeof(double)), *x1 = hp_calloc(nbars, sizeof(double));
		double *y0 = hp_calloc(nbars, sizeof(double)), *y1 = hp_calloc(nbars, sizeof(double));
		struct fig_mark *m;

		for (size_t i = 0; i < nbars; i++) {
			size_t ri = nbars - 1 - i;

			labels[i] = st->params[rk->param[ri]].name;
			x1[i] = rk->imp[ri];
			y0[i] = (double)i - 0.36;
			y1[i] = (double)i + 0.36;
			xmax = fmax(xmax, rk->imp[ri]);
		}
		fig_axis_categorical(&p->y, labels, nbars, "Hyperparameter");
		p->y.show = FIG_SHOW_LINE | FIG_SHOW_LABELS;
		snprintf(buf, sizeof(buf), "%s importance for %s",
		    ped ? "PED-ANOVA" : "fANOVA", otitle);
		/* room right of the longest bar for its value label (some 36
		 * points), the plot taking about 2/3 of the figure's width */
		fig_axis_linear(&p->x, 0, xmax > 0 ? xmax * fmax(1.16, 1 + 36 /
		    fmax(out->width * 2 / 3 - 40, 60)) : 1, buf);
		p->x.show = FIG_SHOW_ALL;
		m = fig_add_mark(p, FIG_MARK_RECTS, x0, y0, nbars);
		fig_mark_set_x2y2(m, x1, y1);
		m->color = plot_data_color(1);
		for (size_t i = 0; i < nbars; i++) {
			format_importance(nbuf, sizeof(nbuf), x1[i]);
			m = fig_add_text(p, x1[i] + (xmax > 0 ? xmax : 1) * 0.012,
			    (double)i, nbuf, -1);
			m->color = (struct fig_rgba){ 0.15, 0.15, 0.15, 1 };
		}
		free(labels);
		free(x0);
		free(x1);
		free(y0);
		free(y1);
	}

	if (ped)
		ped_notes(out, st, k, rk);
	else
		fig_add_note(out, "fANOVA importances (random forest of 64 trees, "
		    "as Optuna up to v4.9) on %zu COMPLETE trial%s with a finite "
		    "value.", rk->nrows, rk->nrows == 1 ? "" : "s");
	if (!ped && rk->nusable > rk->nrows)
		fig_add_note(out, "Sub-sampled: %zu of %zu trials used (cap %d, fixed seed).",
		    rk->nrows, rk->nusable, HP_FANOVA_MAX_TRIALS);
	if (!ped && rk->nrows < 2)
		fig_add_note(out, "Importances need at least 2 complete trials; all shown as 0.");
	if (nbars < nr)
		fig_add_note(out, "The %zu most important of %zu params shown; the other "
		    "%zu are left out of the picture (all are in importances.csv).",
		    nbars, nr, nr - nbars);
	if (rk->left.len)
		fig_add_note(out, "Left out (%s): %s.", ped ? "in no complete trial" :
		    "not in every complete trial", rk->left.s);
	if (rk->many.len)
		fig_add_note(out, "Left out (more than %d choices): %s.",
		    HP_MODEL_MAX_CHOICES, rk->many.s);
	if (hp_study_count_nonfinite(st, k) > 0)
		fig_add_note(out, "%zu trial(s) with a non-finite value left out.",
		    hp_study_count_nonfinite(st, k));

	fig_add_caption(out, "How much each param matters to the objective, by %s, "
	    "normalised to sum 1.", ped ? "PED-ANOVA" : "fANOVA on a random forest");
	plot_caption_finite(out, st, k);

	fig_table_header(&out->data, cols, 4);
	for (size_t i = 0; i < nr; i++) {
		const char *row[4];

		snprintf(nbuf, sizeof(nbuf), "%zu", i + 1);
		row[0] = st->params[rk->param[i]].name;
		row[1] = hp_fmt_double(buf, sizeof(buf), rk->imp[i]);
		row[2] = nbuf;
		row[3] = ped ? "ped-anova" : "fanova";
		fig_table_row(&out->data, row);
	}
	if (rk == &own)
		plot_ranking_release(&own);
	return 1;
}
