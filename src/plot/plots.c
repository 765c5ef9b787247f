/*
 * plots: the table of figure builders in report order (convergence first;
 * the comparison page's after the one-study figures), and helpers every
 * builder shares.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/analysis.h"
#include "hpreport/plot.h"

const struct plot_kind plot_kinds[] = {
#define ONE(name, scope, builder) { #name, scope, builder, NULL, NULL },
#define MULTI(name, builder, compares) \
	{ #name, PLOT_MULTI_STUDY, NULL, builder, #compares },
	PLOT_FIGURES(ONE, MULTI)
#undef ONE
#undef MULTI
	{ NULL, 0, NULL, NULL, NULL }
};

void
plot_opts_defaults(struct plot_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->cmap = FIG_CMAP_VIRIDIS;
	o->contour_grid = 0;		/* auto, see plot.h */
	o->surrogate = PLOT_SURROGATE_AUTO;
	o->dependence = PLOT_DEPENDENCE_AVERAGE;
	o->importance = PLOT_IMPORTANCE_PED_ANOVA;
}

int
plot_matrix_size(const struct plot_opts *o, size_t ncells, double cell,
    double mw, double mh, double *w, double *h)
{
	double ow = o ? o->width : 0, oh = o ? o->height : 0, side = cell * (double)ncells;

	if (ow > 0 && oh <= 0)
		side = ow - mw > 0 ? ow - mw : 0;
	else if (oh > 0 && ow <= 0)
		side = oh - mh > 0 ? oh - mh : 0;
	*w = ow > 0 ? ow : mw + side;
	*h = oh > 0 ? oh : mh + side;
	return oh <= 0;
}

void
plot_matrix_init(struct fig *out, const char *name, const char *title,
    const struct plot_opts *o, size_t ncells, double cell, double mw, double mh)
{
	double w, h;
	int square = plot_matrix_size(o, ncells, cell, mw, mh, &w, &h);

	fig_init(out, name, title, w, h);
	out->square = square;
}

double
plot_max_height(double w)
{
	/* 1.3 times the width at a column (3.5 in, 252 points) or less,
	 * the width itself at a page (7 in) or more, in between linearly */
	double k = w <= 252 ? 1.3 : w >= 504 ? 1.0 : 1.3 - 0.3 * (w - 252) / 252;

	return k * w;
}

void
plot_size(const struct plot_opts *o, double w0, double h0, double *w, double *h)
{
	double ow = o ? o->width : 0, oh = o ? o->height : 0, k;

	*w = ow > 0 ? ow : w0;
	k = *w / w0;
	*h = oh > 0 ? oh : h0 * (k > 0.7 ? k : 0.7);
}

void
plot_cap_height(const struct plot_opts *o, struct fig *f)
{
	double col = 3.5 * 72, page = 7 * 72, ratio;	/* points */

	if ((o && o->height > 0) || !(f->width > 0))
		return;
	ratio = f->width <= col ? 1.3 : f->width >= page ? 1.0 :
	    1.3 - 0.3 * (f->width - col) / (page - col);
	f->height = fmin(f->height, f->width * ratio);
}

const struct plot_kind *
plot_kind_find(const char *name)
{
	for (const struct plot_kind *k = plot_kinds; k->name; k++)
		if (strcmp(k->name, name) == 0)
			return k;
	return NULL;
}

const char *
plot_objective_title(const struct hp_study *st, size_t k, char *buf, size_t n)
{
	if (st->objname && st->objname[k])
		snprintf(buf, n, "%s", st->objname[k]);
	else if (st->nobj > 1)
		snprintf(buf, n, "Objective %zu", k);
	else
		snprintf(buf, n, "Objective value");
	return buf;
}

char *
plot_best_label(char *buf, size_t n, int number, double v)
{
	char val[48];

	if (isnan(v))
		snprintf(buf, n, "Best: trial %d", number);
	else
		snprintf(buf, n, "Best: trial %d (%s)", number,
		    fig_fmt_value(val, sizeof(val), v));
	return buf;
}

void
plot_param_axis(struct fig_axis *a, const struct hp_study *st, size_t param,
    double pad, long best)
{
	const struct hp_param *p = &st->params[param];
	const struct hp_dist *d = &p->dist;
	double lo, hi;

	if (d->kind == HP_DIST_CATEGORICAL) {
		char **labels = hp_calloc(d->nchoices ? d->nchoices : 1, sizeof(char *));
		char buf[256];

		double *count = hp_calloc(d->nchoices + 1, sizeof(double));

		for (size_t t = 0; t < st->ntrials; t++)
			if (!isnan(p->v[t]) && p->v[t] >= 0 && p->v[t] < (double)d->nchoices)
				count[(size_t)p->v[t]]++;
		/* past FIG_MAX_CAT_TICKS choices only the used ones can get a
		 * tick (fig_axis_ticks): the others need no label */
		for (size_t i = 0; i < d->nchoices; i++)
			if (d->nchoices <= FIG_MAX_CAT_TICKS || count[i] > 0)
				labels[i] = hp_strdup(hp_choice_label(&d->choices[i], buf,
				    sizeof(buf)));
		fig_axis_categorical(a, labels, d->nchoices, p->name);
		fig_axis_label_priority(a, count, best >= 0 && !isnan(p->v[best]) ?
		    (long)p->v[best] : -1);
		for (size_t i = 0; i < d->nchoices; i++)
			free(labels[i]);
		free(labels);
		free(count);
		return;
	}
	/* the range of the values present (as Optuna does), padded */
	fig_range(p->v, st->ntrials, d->log, pad, &lo, &hi);
	if (d->log)
		fig_axis_log(a, lo, hi, p->name);
	else
		fig_axis_linear(a, lo, hi, p->name);
	a->integer = d->kind == HP_DIST_INT;
}

/*
 * Natural order of names: runs of digits compare as numbers, so x2 comes
 * before x10 (plain byte order, Optuna's, puts x10 .. x15 between x1 and
 * x2).  Equal names by number compare by their bytes, then by index.
 */
static int
cmp_natural(const struct hp_study *st, size_t ia, size_t ib)
{
	const unsigned char *a = (const unsigned char *)st->params[ia].name;
	const unsigned char *b = (const unsigned char *)st->params[ib].name;
	int c;

	while (*a && *b) {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			const unsigned char *ea = a, *eb = b;

			while (*a == '0' && a[1] >= '0' && a[1] <= '9')
				a++;
			while (*b == '0' && b[1] >= '0' && b[1] <= '9')
				b++;
			for (ea = a; *ea >= '0' && *ea <= '9'; ea++)
				;
			for (eb = b; *eb >= '0' && *eb <= '9'; eb++)
				;
			if (ea - a != eb - b)
				return ea - a < eb - b ? -1 : 1;
			for (; a < ea; a++, b++)
				if (*a != *b)
					return *a < *b ? -1 : 1;
			continue;
		}
		if (*a != *b)
			return *a < *b ? -1 : 1;
		a++;
		b++;
	}
	if (*a != *b)
		return *a < *b ? -1 : 1;
	c = strcmp(st->params[ia].name, st->params[ib].name);
	if (c)
		return c;
	return ia < ib ? -1 : ia > ib;
}

size_t *
plot_select_params(const struct hp_study *st, const struct plot_opts *o, size_t *n)
{
	size_t *idx = hp_calloc(st->nparams ? st->nparams : 1, sizeof(size_t)), m = 0;

	if (o == NULL || o->params == NULL) {
		/* merge sort (qsort takes no context, and studies can have
		 * 10^5 params): O(n log n) comparisons */
		size_t *tmp = hp_calloc(st->nparams ? st->nparams : 1, sizeof(size_t));

		for (size_t i = 0; i < st->nparams; i++)
			idx[m++] = i;
		for (size_t w = 1; w < m; w *= 2) {
			for (size_t lo = 0; lo < m; lo += 2 * w) {
				size_t mid = lo + w < m ? lo + w : m;
				size_t hi = lo + 2 * w < m ? lo + 2 * w : m;
				size_t a = lo, b = mid, o2 = lo;

				while (a < mid && b < hi)
					tmp[o2++] = cmp_natural(st, idx[a], idx[b]) <= 0 ?
					    idx[a++] : idx[b++];
				while (a < mid)
					tmp[o2++] = idx[a++];
				while (b < hi)
					tmp[o2++] = idx[b++];
			}
			memcpy(idx, tmp, m * sizeof(size_t));
		}
		free(tmp);
	} else {
		for (size_t j = 0; j < o->nparams && m < st->nparams; j++) {
			int i = hp_study_param_index(st, o->params[j]);

			if (i >= 0)
				idx[m++] = (size_t)i;
		}
	}
	*n = m;
	return idx;
}

int
plot_too_many_choices(const struct hp_param *p, struct hp_buf *names)
{
	if (p->dist.kind != HP_DIST_CATEGORICAL || p->dist.nchoices <= HP_MODEL_MAX_CHOICES)
		return 0;
	if (names->len)
		hp_buf_puts(names, ", ");
	hp_buf_puts(names, p->name);
	return 1;
}
