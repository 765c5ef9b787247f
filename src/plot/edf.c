/*
 * edf: the empirical distribution function of objective values (Optuna
 * plot_edf) -- for each study the fraction of COMPLETE trials whose value
 * is <= x, drawn as the exact step function (Optuna samples it at 100
 * points).  Several studies overlay on one panel, one colour each.
 * Data: study, trial, value, cumulative_probability.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "hpreport/plot.h"

struct valtrial {
	double	 v;
	int	 number;
};

static int
cmp_valtrial(const void *va, const void *vb)
{
	const struct valtrial *a = va, *b = vb;

	if (a->v != b->v)
		return a->v < b->v ? -1 : 1;
	return a->number - b->number;
}

int
plot_edf_multi(const struct hp_study *const *studies, size_t n, size_t objective,
    const struct plot_opts *o, struct fig *out, struct hp_err *err)
{
	double w, h;
	static const char *const cols[] = { "study", "trial", "value",
	    "cumulative_probability" };
	struct plot_opts def;
	struct fig_panel *p;
	double lo = INFINITY, hi = -INFINITY, xlo, xhi, *all;
	size_t nall = 0, nonfinite = 0, used = 0;
	int logx, maximize = 0, minimize = 0;
	char title[256], obj[128];

	(void)err;
	if (o == NULL) {
		plot_opts_defaults(&def);
		o = &def;
	}
	for (size_t s = 0; s < n; s++)
		if (objective < studies[s]->nobj)
			nall += studies[s]->ntrials;
	all = hp_reallocarray(NULL, nall + 1, sizeof(double));
	nall = 0;
	for (size_t s = 0; s < n; s++) {
		const struct hp_study *st = studies[s];

		if (objective >= st->nobj)
			continue;
		maximize |= st->dir[objective] == HP_DIR_MAXIMIZE;
		minimize |= st->dir[objective] != HP_DIR_MAXIMIZE;
		nonfinite += hp_study_count_nonfinite(st, objective);
		for (size_t t = 0; t < st->ntrials; t++) {
			double v = hp_study_value(st, t, objective);

			if (st->state[t] == HP_STATE_COMPLETE && isfinite(v))
				all[nall++] = v;
		}
	}
	if (nall == 0) {
		free(all);
		return fig_skip(out, 0, "no COMPLETE trial with a finite value");
	}
	for (size_t i = 0; i < nall; i++) {
		lo = all[i] < lo ? all[i] : lo;
		hi = all[i] > hi ? all[i] : hi;
	}
	/* values spanning decades (losses) read better on log x */
	logx = plot_log_scale(lo, hi);
	fig_range(all, nall, logx, 0.03, &xlo, &xhi);
	free(all);

	plot_objective_title(studies[0], objective < studies[0]->nobj ? objective : 0,
	    obj, sizeof(obj));
	snprintf(title, sizeof(title), "Empirical distribution of %s", obj);
	plot_size(o, 560, 360, &w, &h);
	fig_init(out, "edf", o->title ? o->title : title, w, h);
	p = fig_add_panel(out, 0, 0);
	if (logx)
		fig_axis_log(&p->x, xlo, xhi, obj);
	else
		fig_axis_linear(&p->x, xlo, xhi, obj);
	fig_axis_linear(&p->y, -0.02, 1.02, "Cumulative probability");
	fig_table_header(&out->data, cols, 4);

	for (size_t s = 0; s < n; s++) {
		const struct hp_study *st = studies[s];
		struct valtrial *vt;
		double *x, *y;
		size_t m = 0;
		struct fig_mark *mk;

		if (objective >= st->nobj)
			continue;
		vt = hp_reallocarray(NULL, st->ntrials + 1, sizeof(*vt));
		for (size_t t = 0; t < st->ntrials; t++) {
			double v = hp_study_value(st, t, objective);

			if (st->state[t] == HP_STATE_COMPLETE && isfinite(v))
				vt[m++] = (struct valtrial){ v, st->number[t] };
		}
		if (m == 0) {
			free(vt);
			continue;
		}
		qsort(vt, m, sizeof(*vt), cmp_valtrial);
		/* (v0, 0), then (v_i, (i+1)/m), then on to the right edge at 1 */
		x = hp_reallocarray(NULL, m + 2, sizeof(double));
		y = hp_reallocarray(NULL, m + 2, sizeof(double));
		x[0] = vt[0].v;
		y[0] = 0;
		for (size_t i = 0; i < m; i++) {
			char c1[32], c2[32], c3[32];
			const char *row[4];

			x[i + 1] = vt[i].v;
			y[i + 1] = (double)(i + 1) / (double)m;
			snprintf(c1, sizeof(c1), "%d", vt[i].number);
			row[0] = st->name ? st->name : "";
			row[1] = c1;
			row[2] = hp_fmt_double(c2, sizeof(c2), vt[i].v);
			row[3] = hp_fmt_double(c3, sizeof(c3), y[i + 1]);
			fig_table_row(&out->data, row);
		}
		x[m + 1] = xhi;
		y[m + 1] = 1;
		mk = fig_add_mark(p, FIG_MARK_LINE, x, y, m + 2);
		mk->step = 1;
		mk->size = 2;
		mk->color = plot_series_color(used);
		if (n > 1) {
			char lab[256];

			snprintf(lab, sizeof(lab), "%s (%zu)", st->name ? st->name : "study", m);
			fig_mark_set_label(mk, lab);
		}
		used++;
		free(x);
		free(y);
		free(vt);
	}
	out->legend = n > 1;
	fig_add_caption(out, "The empirical distribution of the objective values: "
	    "the fraction of trials with a value at most x.");
	if (n == 1) {
		char col[32];

		plot_caption_finite(out, studies[0], objective);
		fig_add_column(out, hp_study_value_column(studies[0], objective, col,
		    sizeof(col)));
	} else
		fig_add_caption(out, "One curve per study: its COMPLETE trials with "
		    "a finite value.");
	if (nonfinite)
		fig_add_note(out, "%zu trial%s with a non-finite value left out.",
		    nonfinite, nonfinite == 1 ? "" : "s");
	if (logx)
		fig_add_note(out, "Values span %.0f decades: log scale.",
		    floor(log10(hi / lo)));
	if (maximize && minimize)
		fig_add_note(out, "The studies differ in direction.");
	else
		fig_add_note(out, "%s: better values are to the %s.", maximize ?
		    "Maximize" : "Minimize", maximize ? "right" : "left");
	return 1;
}

int
plot_edf(const struct hp_study *st, size_t objective, const struct plot_opts *o,
    struct fig *out, struct hp_err *err)
{
	const struct hp_study *one[1] = { st };

	return plot_edf_multi(one, 1, objective, o, out, err);
}
