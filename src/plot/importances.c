/*
 * importances: hyperparameter importances of one objective (Optuna
 * plot_param_importances) -- fANOVA on a random forest, as Optuna up to
 * v4.9 computes it (src/analysis/fanova.c), as horizontal bars with the
 * most important param on top and each value printed beside its bar
 * ("<0.01" below 0.01).
 *
 * Which trials and params: COMPLETE trials with a finite value; the params
 * present in every COMPLETE trial (Optuna's intersection search space);
 * params with a single possible value get importance 0.  Conditional
 * params are left out and named in a note, since fANOVA needs every param
 * in every trial.  Studies beyond HP_FANOVA_MAX_TRIALS usable trials are
 * sub-sampled (seeded) and the figure says so.
 *
 * Data (data/importances.csv): param, importance, rank (1 = most
 * important), in rank order.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/analysis.h"
#include "hpreport/plot.h"

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

int
plot_importances(const struct hp_study *st, size_t k, const struct plot_opts *o,
    struct fig *out, struct hp_err *err)
{
	static const char *const cols[] = { "param", "importance", "rank" };
	size_t nsel, *sel = plot_select_params(st, o, &nsel);
	size_t *keep = hp_calloc(nsel + 1, sizeof(size_t)), nkeep;
	struct ranked *r = NULL;
	struct hp_encoding e;
	struct hp_forest_opts fo;
	struct hp_buf left, many;
	double *imp = NULL, xmax = 0;
	char title[400], otitle[256], buf[320], nbuf[32];
	struct fig_panel *p;
	size_t nr = 0;
	int ret = 1;

	memset(&e, 0, sizeof(e));
	hp_buf_init(&left);
	hp_buf_init(&many);
	nkeep = intersection(st, sel, nsel, keep, &left, &many);
	if (nkeep == 0) {
		ret = 0;	/* no param to rank: the figure does not apply */
		goto done;
	}
	if (hp_encode(st, k, keep, nkeep, HP_WARP_RAW, HP_FANOVA_MAX_TRIALS, 0,
	    &e, err) < 0) {
		ret = -1;
		goto done;
	}

	plot_objective_title(st, k, otitle, sizeof(otitle));
	if (o && o->title)
		snprintf(title, sizeof(title), "%s", o->title);
	else if (st->nobj > 1)
		snprintf(title, sizeof(title), "Hyperparameter importances for %s", otitle);
	else
		snprintf(title, sizeof(title), "Hyperparameter importances");
	/* a bar a line of 30 points, 20 in a column figure */
	fig_init(out, "importances", title, o && o->width > 0 ? o->width : 576,
	    o && o->height > 0 ? o->height : 90 + (o && o->width > 0 &&
	    o->width < 400 ? 20 : 30) * (double)(nkeep < 4 ? 4 : nkeep));
	p = fig_add_panel(out, 0, 0);

	/* every kept param gets a rank; single-valued ones (not encoded) get 0 */
	r = hp_calloc(nkeep, sizeof(*r));
	imp = hp_calloc(e.nparams + 1, sizeof(double));
	if (e.nrows >= 2 && e.nparams > 0) {
		hp_forest_opts_defaults(&fo);
		fo.pool = o ? o->pool : NULL;
		if (hp_fanova(&e, &fo, imp, err) < 0) {
			ret = -1;
			goto done;
		}
	}
	for (size_t j = 0; j < nkeep; j++) {
		r[nr] = (struct ranked){ keep[j], 0 };
		for (size_t i = 0; i < e.nparams; i++)
			if (e.param[i] == keep[j])
				r[nr].imp = imp[i];
		nr++;
	}
	qsort(r, nr, sizeof(*r), ranked_cmp);

	{
		/* bottom to top: least important first, so the top bar is the first */
		char **labels = hp_calloc(nr, sizeof(char *));
		double *x0 = hp_calloc(nr, sizeof(double)), *x1 = hp_calloc(nr, sizeof(double));
		double *y0 = hp_calloc(nr, sizeof(double)), *y1 = hp_calloc(nr, sizeof(double));
		struct fig_mark *m;

		for (size_t i = 0; i < nr; i++) {
			const struct ranked *ri = &r[nr - 1 - i];

			labels[i] = st->params[ri->param].name;
			x1[i] = ri->imp;
			y0[i] = (double)i - 0.36;
			y1[i] = (double)i + 0.36;
			xmax = fmax(xmax, ri->imp);
		}
		fig_axis_categorical(&p->y, labels, nr, "Hyperparameter");
		p->y.show = FIG_SHOW_LINE | FIG_SHOW_LABELS;
		snprintf(buf, sizeof(buf), "Importance for %s", otitle);
		/* room right of the longest bar for its value label (some 36
		 * points), the plot taking about 2/3 of the figure's width */
		fig_axis_linear(&p->x, 0, xmax > 0 ? xmax * fmax(1.16, 1 + 36 /
		    fmax(out->width * 2 / 3 - 40, 60)) : 1, buf);
		p->x.show = FIG_SHOW_ALL;
		m = fig_add_mark(p, FIG_MARK_RECTS, x0, y0, nr);
		fig_mark_set_x2y2(m, x1, y1);
		m->color = (struct fig_rgba){ 0.16, 0.44, 0.69, 1 };
		for (size_t i = 0; i < nr; i++) {
			format_importance(nbuf, sizeof(nbuf), x1[i]);
			m = fig_add_text(p, x1[i] + (xmax > 0 ? xmax : 1) * 0.012,
			    (double)i, nbuf, -1);
			m->size = 9;
			m->color = (struct fig_rgba){ 0.15, 0.15, 0.15, 1 };
		}
		free(labels);
		free(x0);
		free(x1);
		free(y0);
		free(y1);
	}

	fig_add_note(out, "fANOVA importances (random forest of 64 trees, as Optuna) "
	    "on %zu COMPLETE trial%s with a finite value.", e.nrows,
	    e.nrows == 1 ? "" : "s");
	if (e.nusable > e.nrows)
		fig_add_note(out, "Sub-sampled: %zu of %zu trials used (cap %d, fixed seed).",
		    e.nrows, e.nusable, HP_FANOVA_MAX_TRIALS);
	if (e.nrows < 2)
		fig_add_note(out, "Importances need at least 2 complete trials; all shown as 0.");
	if (left.len)
		fig_add_note(out, "Left out (not in every complete trial): %s.", left.s);
	if (many.len)
		fig_add_note(out, "Left out (more than %d choices): %s.",
		    HP_MODEL_MAX_CHOICES, many.s);
	if (hp_study_count_nonfinite(st, k) > 0)
		fig_add_note(out, "%zu trial(s) with a non-finite value left out.",
		    hp_study_count_nonfinite(st, k));

	fig_table_header(&out->data, cols, 3);
	for (size_t i = 0; i < nr; i++) {
		const char *row[3];

		snprintf(nbuf, sizeof(nbuf), "%zu", i + 1);
		row[0] = st->params[r[i].param].name;
		row[1] = hp_fmt_double(buf, sizeof(buf), r[i].imp);
		row[2] = nbuf;
		fig_table_row(&out->data, row);
	}
done:
	hp_encoding_release(&e);
	hp_buf_release(&left);
	hp_buf_release(&many);
	free(imp);
	free(r);
	free(keep);
	free(sel);
	return ret;
}

/*
 * How much of the variance of the objective's ranks over the trials tr[n]
 * param p explains on its own (the correlation ratio): trials grouped by
 * choice, or into 10 bins by quantile of the value, absent ones in a group
 * of their own.  O(n log n); fANOVA would do better but costs minutes on
 * 16 params of thousands of trials, and only the order matters here.
 */
static double
variance_share(const struct hp_param *p, const size_t *tr, const double *rank, size_t n)
{
	enum { NB = 10 };
	size_t nb = p->dist.kind == HP_DIST_CATEGORICAL ? p->dist.nchoices + 1 : NB + 1;
	double *sum = hp_calloc(nb, sizeof(double)), *cnt = hp_calloc(nb, sizeof(double));
	double *v = hp_calloc(n + 1, sizeof(double)), edges[NB], mean = 0, tot = 0, bet = 0;
	size_t nv = 0;

	for (size_t i = 0; i < n; i++)
		if (!isnan(p->v[tr[i]]))
			v[nv++] = p->v[tr[i]];
	qsort(v, nv, sizeof(double), hp_cmp_double);
	for (int b = 0; b < NB; b++)
		edges[b] = nv ? v[(size_t)((double)(b + 1) / NB * (double)(nv - 1))] : 0;
	for (size_t i = 0; i < n; i++) {
		double x = p->v[tr[i]];
		size_t b = nb - 1;

		if (!isnan(x)) {
			if (p->dist.kind == HP_DIST_CATEGORICAL)
				b = x >= 0 && x < (double)nb - 1 ? (size_t)x : nb - 1;
			else
				for (b = 0; b + 1 < NB && x > edges[b]; b++)
					;
		}
		sum[b] += rank[i];
		cnt[b] += 1;
		mean += rank[i];
	}
	mean /= (double)(n ? n : 1);
	for (size_t i = 0; i < n; i++)
		tot += (rank[i] - mean) * (rank[i] - mean);
	for (size_t b = 0; b < nb; b++)
		if (cnt[b] > 0)
			bet += cnt[b] * (sum[b] / cnt[b] - mean) * (sum[b] / cnt[b] - mean);
	free(sum);
	free(cnt);
	free(v);
	return tot > 0 ? bet / tot : 0;
}

size_t *
plot_top_params(const struct hp_study *st, size_t k, const struct plot_opts *o,
    size_t *n, size_t *nall)
{
	size_t nsel, *sel = plot_select_params(st, o, &nsel), kmax, m = 0, nt;
	size_t *tr, *top;
	struct ranked *r;
	double *rank, *val;

	*nall = nsel;
	kmax = o && o->max_params > 0 ? (size_t)o->max_params : PLOT_MAX_PARAMS;
	/* a given width (a paper column) by default fits cells of
	 * PLOT_MIN_CELL beside the margins, two params at least */
	if (o && o->width > 0 && o->max_params == 0) {
		double fit = (o->width - 150) / PLOT_MIN_CELL;

		kmax = fit < 2 ? 2 : fit < (double)kmax ? (size_t)fit : kmax;
	}
	if ((o && (o->params || o->max_params < 0)) || nsel <= kmax) {
		*n = nsel;
		return sel;
	}
	/* ranks of the objective (0 = best): robust to values over decades */
	tr = plot_finite_trials(st, k, &nt);
	val = hp_calloc(nt + 1, sizeof(double));
	rank = hp_calloc(nt + 1, sizeof(double));
	for (size_t i = 0; i < nt; i++)
		val[i] = hp_study_value(st, tr[i], k);
	{
		double *sorted = hp_calloc(nt + 1, sizeof(double));

		memcpy(sorted, val, nt * sizeof(double));
		qsort(sorted, nt, sizeof(double), hp_cmp_double);
		for (size_t i = 0; i < nt; i++) {
			size_t lo = 0, hi = nt;

			while (lo < hi) {	/* first position of val[i] */
				size_t mid = (lo + hi) / 2;

				if (sorted[mid] < val[i])
					lo = mid + 1;
				else
					hi = mid;
			}
			rank[i] = (double)lo;
		}
		free(sorted);
	}
	r = hp_calloc(nsel, sizeof(*r));
	for (size_t j = 0; j < nsel; j++)
		r[j] = (struct ranked){ sel[j], variance_share(&st->params[sel[j]], tr,
		    rank, nt) };
	qsort(r, nsel, sizeof(*r), ranked_cmp);
	top = hp_calloc(kmax, sizeof(size_t));
	for (size_t j = 0; j < nsel && m < kmax; j++)
		top[m++] = r[j].param;
	free(r);
	free(rank);
	free(val);
	free(tr);
	free(sel);
	*n = m;
	return top;
}

void
plot_note_top_params(struct fig *f, const struct hp_study *st,
    const size_t *params, size_t n, size_t nall)
{
	struct hp_buf b;

	if (n >= nall)
		return;
	hp_buf_init(&b);
	for (size_t j = 0; j < n; j++) {
		if (j)
			hp_buf_puts(&b, ", ");
		hp_buf_puts(&b, st->params[params[j]].name);
	}
	fig_add_note(f, "The %zu most important of %zu params (share of the "
	    "objective's rank variance each explains): %s; "
	    "--max-params or --params to choose.", n, nall, b.s);
	hp_buf_release(&b);
}
