/*
 * figure: building figure descriptions (figure.h) -- panels, axes, marks,
 * notes, the colour bar and the data table.  Ticks and colour maps live in
 * ticks.c and cmap.c beside this file.  No Cairo here.
 *
 * src/figure/ is the layer between the builders (src/plot/) and the
 * renderer (src/render/): both include figure.h, and the files here
 * include only figure.h and util.h, never a header of either.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/figure.h"

static const struct fig_rgba default_color = FIG_BLUE;

void
fig_init(struct fig *f, const char *name, const char *title, double width,
    double height)
{
	memset(f, 0, sizeof(*f));
	f->name = hp_strdup(name);
	f->title = hp_utf8_dup(title);
	f->width = width;
	f->height = height;
	f->nrows = f->ncols = 1;
}

void
fig_axis_release(struct fig_axis *a)
{
	if (a == NULL)
		return;
	free(a->title);
	for (size_t i = 0; i < a->ncats; i++)
		free(a->cats[i]);
	free(a->cats);
	free(a->label_order);
	a->title = NULL;
	a->cats = NULL;
	a->label_order = NULL;
	a->ncats = 0;
}

static void
mark_release(struct fig_mark *m)
{
	free(m->x);
	free(m->y);
	free(m->x2);
	free(m->y2);
	free(m->c);
	free(m->off);
	free(m->id);
	if (m->text)
		for (size_t i = 0; i < m->n; i++)
			free(m->text[i]);
	free(m->text);
	free(m->label);
}

static void
table_release(struct fig_table *t)
{
	for (size_t i = 0; i < t->ncols; i++)
		free(t->cols[i]);
	free(t->cols);
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

void
fig_release(struct fig *f)
{
	if (f == NULL)
		return;
	free(f->name);
	free(f->title);
	for (size_t i = 0; i < f->npanels; i++) {
		struct fig_panel *p = &f->panels[i];

		free(p->title);
		fig_axis_release(&p->x);
		fig_axis_release(&p->y);
		for (size_t j = 0; j < p->nmarks; j++)
			mark_release(&p->marks[j]);
		free(p->marks);
		for (size_t j = 0; j < p->nvaxes; j++)
			fig_axis_release(&p->vaxes[j]);
		free(p->vaxes);
		free(p->vaxes_x);
	}
	free(f->panels);
	free(f->cbar.title);
	free(f->cbar.levels);
	for (size_t i = 0; i < f->nnotes; i++)
		free(f->notes[i]);
	free(f->notes);
	for (size_t i = 0; i < f->ncaption; i++)
		free(f->caption[i]);
	free(f->caption);
	for (size_t i = 0; i < f->nhints; i++)
		free(f->hints[i]);
	free(f->hints);
	for (size_t i = 0; i < f->ncolumns; i++)
		free(f->columns[i]);
	free(f->columns);
	table_release(&f->data);
	memset(f, 0, sizeof(*f));
}

int
fig_skip(struct fig *f, int by_kind, const char *fmt, ...)
{
	va_list ap;

	memset(f, 0, sizeof(*f));
	va_start(ap, fmt);
	vsnprintf(f->skip_reason, sizeof(f->skip_reason), fmt, ap);
	va_end(ap);
	f->skip_by_kind = by_kind;
	return 0;
}

struct fig_panel *
fig_add_panel(struct fig *f, int row, int col)
{
	struct fig_panel *p;

	f->panels = hp_reallocarray(f->panels, f->npanels + 1, sizeof(*f->panels));
	p = &f->panels[f->npanels++];
	memset(p, 0, sizeof(*p));
	p->row = row;
	p->col = col;
	p->rowspan = p->colspan = 1;
	p->frame = 1;
	fig_axis_linear(&p->x, 0, 1, NULL);
	fig_axis_linear(&p->y, 0, 1, NULL);
	if (row + 1 > f->nrows)
		f->nrows = row + 1;
	if (col + 1 > f->ncols)
		f->ncols = col + 1;
	return p;
}

static void
axis_set(struct fig_axis *a, enum fig_scale s, double lo, double hi,
    const char *title)
{
	fig_axis_release(a);
	memset(a, 0, sizeof(*a));
	a->scale = s;
	a->lo = lo;
	a->hi = hi;
	a->title = hp_utf8_dup(title);
	a->show = FIG_SHOW_ALL;
}

void
fig_axis_linear(struct fig_axis *a, double lo, double hi, const char *title)
{
	axis_set(a, FIG_LINEAR, lo, hi, title);
}

void
fig_axis_log(struct fig_axis *a, double lo, double hi, const char *title)
{
	axis_set(a, FIG_LOG, lo, hi, title);
}

void
fig_axis_categorical(struct fig_axis *a, char *const *labels, size_t n,
    const char *title)
{
	axis_set(a, FIG_CATEGORICAL, -0.5, (double)n - 0.5, title);
	a->cats = hp_calloc(n ? n : 1, sizeof(char *));
	for (size_t i = 0; i < n; i++)
		a->cats[i] = hp_utf8_dup(labels[i]);
	a->ncats = n;
}

double
fig_scale_frac(enum fig_scale scale, double lo, double hi, double v)
{
	double u;

	if (isnan(v))
		return NAN;
	if (scale == FIG_LOG) {
		if (!(hi > 0))
			hi = 1;
		if (!(lo > 0))
			lo = hi / 1000;
		if (!(v > 0))
			return -100;	/* off the low end: clipped */
		v = log10(v);
		lo = log10(lo);
		hi = log10(hi);
	}
	if (hi == lo)	/* the one value in the middle, any other off the axis */
		return v < lo ? -100 : v > lo ? 100 : 0.5;
	if (isinf(hi) || isinf(lo))
		return 0.5;
	if (!isfinite(hi - lo))	/* -1e308..1e308: in halves, which fit */
		u = (v / 2 - lo / 2) / (hi / 2 - lo / 2);
	else
		u = (v - lo) / (hi - lo);
	if (isnan(u))		/* v infinite on an infinite span */
		return v > 0 ? 100 : -100;
	if (u < -100)
		u = -100;
	if (u > 100)
		u = 100;
	return u;
}

double
fig_axis_frac(const struct fig_axis *a, double v)
{
	return fig_scale_frac(a->scale, a->lo, a->hi, v);
}

double
fig_axis_add_none(struct fig_axis *a)
{
	double lo = a->lo, hi = a->hi;

	if (a->none)
		return a->none_v;
	a->none = 1;
	a->data_lo = lo;
	if (a->scale == FIG_CATEGORICAL) {
		a->none_v = -1;
		a->lo = lo < -1.5 ? lo : -1.5;
		return a->none_v;
	}
	if (a->scale == FIG_LOG && lo > 0 && hi > lo) {
		double r = log10(hi / lo);

		a->none_v = lo * pow(10, -0.14 * r);
		a->lo = lo * pow(10, -0.22 * r);
		return a->none_v;
	}
	if (!(hi > lo))
		hi = lo + 1;
	a->none_v = lo - 0.14 * (hi - lo);
	a->lo = lo - 0.22 * (hi - lo);
	return a->none_v;
}

void
fig_range(const double *v, size_t n, int log, double pad, double *lo, double *hi)
{
	double a = INFINITY, b = -INFINITY;

	for (size_t i = 0; i < n; i++) {
		double x = v[i];

		if (!isfinite(x) || (log && x <= 0))
			continue;
		if (log)
			x = log10(x);
		a = x < a ? x : a;
		b = x > b ? x : b;
	}
	if (a > b) {			/* no value */
		a = log ? 0 : 0;
		b = log ? 1 : 1;
	} else if (a == b || (!log && fmax(fabs(a), fabs(b)) < FIG_MIN_SPAN)) {
		/* one value: a unit span around it (subnormals count as 0) */
		double h = log ? 0.5 : (fabs(a) < FIG_MIN_SPAN ? 0.5 : fabs(a) * 0.1);

		if (!log && fabs(a) < FIG_MIN_SPAN)
			a = b = 0;
		a -= h;
		b += h;
	} else {
		double s = (b / 2 - a / 2) * pad * 2;

		a -= s;
		b += s;
	}
	if (log) {	/* padding must not leave the range of doubles */
		a = fmax(a, -307);
		b = fmin(b, 308);
	} else if (!isfinite(a) || !isfinite(b)) {
		a = isfinite(a) ? a : -DBL_MAX;
		b = isfinite(b) ? b : DBL_MAX;
	}
	*lo = log ? pow(10, a) : a;
	*hi = log ? pow(10, b) : b;
}

static double *
copy_doubles(const double *v, size_t n)
{
	double *c = hp_reallocarray(NULL, n ? n : 1, sizeof(double));

	if (v)
		memcpy(c, v, n * sizeof(double));
	else
		memset(c, 0, (n ? n : 1) * sizeof(double));
	return c;
}

struct fig_mark *
fig_add_mark(struct fig_panel *p, enum fig_mark_kind kind, const double *x,
    const double *y, size_t n)
{
	struct fig_mark *m;

	p->marks = hp_reallocarray(p->marks, p->nmarks + 1, sizeof(*p->marks));
	m = &p->marks[p->nmarks++];
	memset(m, 0, sizeof(*m));
	m->kind = kind;
	m->n = n;
	m->x = copy_doubles(x, n);
	m->y = copy_doubles(y, n);
	m->color = default_color;
	m->size = kind == FIG_MARK_TEXT ? 0 : kind == FIG_MARK_POINTS ? 4 : 1.5;
	m->stroke_width = 0.5;
	m->shape = FIG_SHAPE_CIRCLE;
	return m;
}

void
fig_mark_set_c(struct fig_mark *m, const double *c, size_t n)
{
	free(m->c);
	m->c = copy_doubles(c, n);
}

void
fig_mark_set_x2y2(struct fig_mark *m, const double *x2, const double *y2)
{
	free(m->x2);
	free(m->y2);
	m->x2 = copy_doubles(x2, m->n);
	m->y2 = copy_doubles(y2, m->n);
}

void
fig_mark_set_ids(struct fig_mark *m, const int *id)
{
	free(m->id);
	m->id = hp_reallocarray(NULL, m->n ? m->n : 1, sizeof(int));
	memcpy(m->id, id, m->n * sizeof(int));
}

void
fig_mark_set_label(struct fig_mark *m, const char *label)
{
	free(m->label);
	m->label = hp_utf8_dup(label);
}

struct fig_mark *
fig_add_text(struct fig_panel *p, double x, double y, const char *text, int anchor)
{
	struct fig_mark *m = fig_add_mark(p, FIG_MARK_TEXT, &x, &y, 1);

	m->text = hp_calloc(1, sizeof(char *));
	m->text[0] = hp_utf8_dup(text);
	m->anchor = anchor;
	m->color = (struct fig_rgba){ 0.15, 0.15, 0.15, 1 };
	return m;
}

struct fig_mark *
fig_add_polygons(struct fig_panel *p, const double *x, const double *y,
    const size_t *off, size_t npoly, const double *c)
{
	size_t n = npoly ? off[npoly] : 0;
	struct fig_mark *m = fig_add_mark(p, FIG_MARK_POLYGONS, x, y, n);

	m->npoly = npoly;
	m->off = hp_reallocarray(NULL, npoly + 1, sizeof(size_t));
	memcpy(m->off, off, (npoly + 1) * sizeof(size_t));
	if (c)
		m->c = copy_doubles(c, npoly);
	return m;
}

void
fig_axis_copy(struct fig_axis *dst, const struct fig_axis *src)
{
	*dst = *src;
	dst->title = hp_strdup(src->title);
	dst->cats = NULL;
	if (src->ncats) {
		dst->cats = hp_calloc(src->ncats, sizeof(char *));
		for (size_t i = 0; i < src->ncats; i++)
			dst->cats[i] = hp_strdup(src->cats[i]);
	}
	dst->label_order = NULL;
	if (src->label_order) {
		dst->label_order = hp_calloc(src->ncats, sizeof(size_t));
		memcpy(dst->label_order, src->label_order, src->ncats * sizeof(size_t));
	}
}

void
fig_panel_add_vaxis(struct fig_panel *p, double x, const struct fig_axis *a)
{
	p->vaxes = hp_reallocarray(p->vaxes, p->nvaxes + 1, sizeof(*p->vaxes));
	p->vaxes_x = hp_reallocarray(p->vaxes_x, p->nvaxes + 1, sizeof(double));
	fig_axis_copy(&p->vaxes[p->nvaxes], a);
	p->vaxes_x[p->nvaxes] = x;
	p->nvaxes++;
}

void
fig_add_note(struct fig *f, const char *fmt, ...)
{
	va_list ap;

	f->notes = hp_reallocarray(f->notes, f->nnotes + 1, sizeof(char *));
	va_start(ap, fmt);
	f->notes[f->nnotes++] = hp_vsprintf(fmt, ap);
	va_end(ap);
}

void
fig_add_caption(struct fig *f, const char *fmt, ...)
{
	va_list ap;

	f->caption = hp_reallocarray(f->caption, f->ncaption + 1, sizeof(char *));
	va_start(ap, fmt);
	f->caption[f->ncaption++] = hp_vsprintf(fmt, ap);
	va_end(ap);
}

void
fig_add_hint(struct fig *f, const char *fmt, ...)
{
	va_list ap;

	f->hints = hp_reallocarray(f->hints, f->nhints + 1, sizeof(char *));
	va_start(ap, fmt);
	f->hints[f->nhints++] = hp_vsprintf(fmt, ap);
	va_end(ap);
}

void
fig_add_column(struct fig *f, const char *name)
{
	for (size_t i = 0; i < f->ncolumns; i++)
		if (strcmp(f->columns[i], name) == 0)
			return;
	f->columns = hp_reallocarray(f->columns, f->ncolumns + 1, sizeof(char *));
	f->columns[f->ncolumns++] = hp_strdup(name);
}

void
fig_colorbar(struct fig *f, enum fig_cmap cmap, double lo, double hi,
    int reversed, const char *title)
{
	free(f->cbar.title);
	f->cbar.on = 1;
	f->cbar.cmap = cmap;
	f->cbar.lo = lo;
	f->cbar.hi = hi;
	f->cbar.reversed = reversed;
	f->cbar.scale = FIG_LINEAR;
	f->cbar.title = hp_utf8_dup(title);
}

void
fig_table_header(struct fig_table *t, const char *const *cols, size_t ncols)
{
	table_release(t);
	t->cols = hp_calloc(ncols, sizeof(char *));
	for (size_t i = 0; i < ncols; i++)
		t->cols[i] = hp_strdup(cols[i]);
	t->ncols = ncols;
}

void
fig_table_row(struct fig_table *t, const char *const *cells)
{
	hp_grow(&t->cells, &t->caprows, (t->nrows + 1) * t->ncols, sizeof(char *));
	for (size_t i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = hp_strdup(cells[i]);
	t->nrows++;
}

void
fig_table_grid_header(struct fig_table *t, size_t nz)
{
	const char **cols = hp_calloc(nz + 3, sizeof(char *));
	char *names = hp_malloc(nz * 24 + 1);

	cols[0] = "x_param";
	cols[1] = "y_param";
	cols[2] = "y";
	for (size_t i = 0; i < nz; i++) {
		snprintf(names + i * 24, 24, "z%zu", i);
		cols[3 + i] = names + i * 24;
	}
	fig_table_header(t, cols, nz + 3);
	t->layout = "Each grid: a row naming its x_param and y_param, with y \"x\" "
	    "and the x nodes in z0 ...; then a row per y node, names empty, "
	    "with the value at each x node (7 significant digits); a grid of "
	    "one param leaves y_param and y empty.";
	free(cols);
	free(names);
}

void
fig_table_grid(struct fig_table *t, const char *xname, const char *yname,
    const char *const *xnodes, size_t nx, const char *const *ynodes, size_t ny,
    const double *z)
{
	const char **row = hp_calloc(t->ncols, sizeof(char *));
	char *buf = hp_malloc((nx + 1) * 32);

	size_t shown = nx + 3 <= t->ncols ? nx : t->ncols - 3;

	row[0] = xname;
	row[1] = yname;
	row[2] = "x";
	for (size_t ix = 0; ix < shown; ix++)
		row[3 + ix] = xnodes[ix];
	fig_table_row(t, row);
	row[0] = row[1] = NULL;
	for (size_t iy = 0; iy < ny; iy++) {
		row[2] = ynodes ? ynodes[iy] : NULL;
		for (size_t ix = 0; ix < shown; ix++)
			row[3 + ix] = isnan(z[iy * nx + ix]) ? NULL :
			    hp_fmt_model(buf + ix * 32, 32, z[iy * nx + ix]);
		fig_table_row(t, row);
	}
	free(row);
	free(buf);
}

void
fig_table_release(struct fig_table *t)
{
	if (t)
		table_release(t);
}

int
fig_table_write_csv(const struct fig_table *t, const char *path, struct hp_err *err)
{
	FILE *fp = fopen(path, "w");

	if (fp == NULL)
		return hp_err_set(err, "%s: %s", path, strerror(errno));
	for (size_t i = 0; i < t->ncols; i++) {
		if (i)
			fputc(',', fp);
		hp_csv_put(fp, t->cols[i]);
	}
	fputc('\n', fp);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t i = 0; i < t->ncols; i++) {
			if (i)
				fputc(',', fp);
			hp_csv_put(fp, t->cells[r * t->ncols + i]);
		}
		fputc('\n', fp);
	}
	if (ferror(fp) | (fclose(fp) != 0))
		return hp_err_set(err, "%s: write error", path);
	return 0;
}
