/*
 * render: draws a figure description (figure.h) onto a cairo_t with Pango
 * text.  Nothing here opens a file (write.c does, per format).
 *
 * Drawing is two steps.  layout() measures every piece of text with Pango
 * (tick labels, axis and panel titles, colour bar, legend, notes) and
 * places the title, the panel grid, the colour bar and the legend; each
 * axis gets a plan (its ticks, label angle, ellipsis width and the room it
 * needs).  Panels in one grid column share their left margin and panels in
 * one row their bottom margin, so plot areas line up in matrix figures.
 * draw_*() then paints in that layout.  The same layout is computed for
 * every surface: text is measured with unhinted metrics, so PNG, SVG and
 * PDF place everything at the same spot.
 *
 * Tick labels never overlap: x labels are thinned (fewer nice ticks),
 * categorical labels are rotated 45 or 90 degrees and, when even that is
 * too dense, only every k-th is labelled; long labels and titles are
 * ellipsised by Pango.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <pango/pangocairo.h>

#include "hpreport/render.h"
#include "internal.h"

#define DEFAULT_FONT "DejaVu Sans, Noto Sans CJK JP, sans-serif"
/* Marks (markers, line and polygon vertices, rectangles) above which a
 * figure's plot areas are drawn once as raster layers (internal.h). */
#define DENSE_WEIGHT 5000

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

struct rect {
	double x, y, w, h;
};

struct segbatch;

/* Ticks of one axis and how their labels are set. */
struct axplan {
	struct fig_ticks t;
	double	 angle;		/* x labels: 0, 45 or 90 degrees */
	double	 maxw;		/* labels ellipsised to this width (0 = none) */
	double	 extent;	/* room the labels need across the axis */
	double	 overflow;	/* x: how far the last label passes the plot end */
};

struct pplan {
	struct rect	 plot;
	struct axplan	 x, y;
	struct axplan	*v;	/* [nvaxes] */
	double		 need[4];	/* left, right, top, bottom margins wanted */
};

struct legend_entry {
	const struct fig_mark *m;
};

struct layout {
	struct pplan	*p;		/* [npanels] */
	struct rect	 grid;
	double		 title_y;
	struct rect	 cbar;
	struct axplan	 cb;
	struct fig_axis	 cbaxis;
	struct legend_entry *leg;
	size_t		 nleg;
	struct rect	 legbox;
	int		 leg_out;
	double		 notes_y;
};

struct rctx {
	cairo_t		*cr;
	PangoContext	*pc;
	PangoFontDescription *fd;
	const struct fig *f;
	int		 paper;
	double		 W, H;
	double		 fs_tick, fs_label, fs_ptitle, fs_title, fs_note;
	double		 lw_axis, lw_grid, tick_len, pad;
	int		 vector;
	int		 svg;		/* the target is an SVG surface */
	const struct rect *clip;	/* marks clip to this, not the plot area */
	struct segbatch	*batch;		/* thin lines wait here (raster layers) */
};

static const struct fig_rgba ink_text = { 0.13, 0.13, 0.15, 1 };
static const struct fig_rgba ink_tick = { 0.30, 0.30, 0.33, 1 };
static const struct fig_rgba ink_note = { 0.42, 0.42, 0.45, 1 };

void
render_opts_defaults(struct render_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->dpi = 144;
	o->style = RENDER_STYLE_SCREEN;
	o->font = DEFAULT_FONT;
}

const char *
render_format_ext(enum render_format fmt)
{
	switch (fmt) {
	case RENDER_SVG:
		return "svg";
	case RENDER_PDF:
		return "pdf";
	case RENDER_PNG:
	default:
		return "png";
	}
}

int
render_format_parse(const char *s, enum render_format *out)
{
	static const enum render_format all[] = { RENDER_PNG, RENDER_SVG, RENDER_PDF };

	if (s == NULL)
		return -1;
	for (size_t i = 0; i < 3; i++)
		if (strcasecmp(s, render_format_ext(all[i])) == 0) {
			*out = all[i];
			return 0;
		}
	return -1;
}

/* --- text -------------------------------------------------------------- */

static void
set_rgba(cairo_t *cr, struct fig_rgba c)
{
	cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
}

static PangoLayout *
mklayout(struct rctx *r, const char *s, double size, int bold, double maxw)
{
	PangoLayout *l = pango_layout_new(r->pc);
	PangoFontDescription *fd = pango_font_description_copy(r->fd);

	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_single_paragraph_mode(l, TRUE);
	pango_layout_set_text(l, s ? s : "", -1);
	if (maxw > 0) {
		pango_layout_set_width(l, (int)(maxw * PANGO_SCALE));
		/* names (labels) are cut in the middle, so that the end that
		 * tells them apart survives; sentences (notes, titles) at the end */
		pango_layout_set_ellipsize(l, bold || size == r->fs_note ?
		    PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_MIDDLE);
	}
	return l;
}

static void
layout_size(PangoLayout *l, double *w, double *h)
{
	PangoRectangle lr;

	pango_layout_get_extents(l, NULL, &lr);
	*w = lr.width / (double)PANGO_SCALE;
	*h = lr.height / (double)PANGO_SCALE;
}

static void
measure(struct rctx *r, const char *s, double size, int bold, double maxw,
    double *w, double *h)
{
	PangoLayout *l = mklayout(r, s, size, bold, maxw);

	layout_size(l, w, h);
	g_object_unref(l);
}

static double
line_h(struct rctx *r, double size)
{
	double w, h;

	measure(r, "0Ag", size, 0, 0, &w, &h);
	return h;
}

/*
 * Draws s with its box anchored at (x, y): ha -1/0/1 puts the left edge,
 * centre or right edge there, va -1/0/1 the top, middle or bottom; the
 * text is turned `angle` degrees counter-clockwise about the anchor.
 */
static void
draw_text(struct rctx *r, const char *s, double x, double y, double size,
    int bold, double maxw, int ha, int va, double angle, struct fig_rgba c)
{
	PangoLayout *l;
	double w, h;

	if (s == NULL || *s == '\0')
		return;
	l = mklayout(r, s, size, bold, maxw);
	layout_size(l, &w, &h);
	cairo_save(r->cr);
	cairo_translate(r->cr, x, y);
	if (angle != 0)
		cairo_rotate(r->cr, -angle * M_PI / 180);
	cairo_move_to(r->cr, ha < 0 ? 0 : ha == 0 ? -w / 2 : -w,
	    va < 0 ? 0 : va == 0 ? -h / 2 : -h);
	set_rgba(r->cr, c);
	pango_cairo_update_layout(r->cr, l);
	pango_cairo_show_layout(r->cr, l);
	cairo_restore(r->cr);
	g_object_unref(l);
}

/* --- axes -------------------------------------------------------------- */

/* Where v lies along axis a, 0 at lo and 1 at hi (NaN stays NaN). */
static double
ax_frac(const struct fig_axis *a, double v)
{
	double lo = a->lo, hi = a->hi, u;

	if (isnan(v))
		return NAN;
	if (a->scale == FIG_LOG) {
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
	if (!(hi != lo) || !isfinite(hi - lo))
		return 0.5;
	u = (v - lo) / (hi - lo);
	if (u < -100)
		u = -100;
	if (u > 100)
		u = 100;
	return u;
}

static double
map_x(const struct fig_panel *p, const struct rect *pr, double v)
{
	return pr->x + ax_frac(&p->x, v) * pr->w;
}

static double
map_y(const struct fig_panel *p, const struct rect *pr, double v)
{
	return pr->y + (1 - ax_frac(&p->y, v)) * pr->h;
}

static void
plan_release(struct axplan *ap)
{
	free(ap->t.v);
	memset(ap, 0, sizeof(*ap));
}

static int
clampi(double v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : (int)v;
}

/* Clears the labels of all but every k-th labelled tick. */
static void
thin_labels(struct fig_ticks *t, int k)
{
	int i = 0;

	if (k < 2)	/* also a panel squeezed to no width (k <= 0) */
		return;
	for (size_t j = 0; j < t->n; j++) {
		if (!t->v[j].major)
			continue;
		if (i++ % k != 0)
			t->v[j].label[0] = '\0';
	}
}

/* Ticks and label placement for a horizontal axis of length len. */
static void
plan_x(struct rctx *r, const struct fig_axis *a, double len, struct axplan *ap)
{
	double lh = line_h(r, r->fs_tick), gap = r->fs_tick * 0.8;

	memset(ap, 0, sizeof(*ap));
	if (a->scale != FIG_CATEGORICAL) {
		int mm = clampi(len / (r->fs_tick * 5), 3, 10);

		for (;; mm--) {
			double prev_r = -INFINITY, w, h;
			int overlap = 0;

			free(ap->t.v);
			fig_axis_ticks(a, mm, &ap->t);
			ap->overflow = 0;
			for (size_t i = 0; i < ap->t.n; i++) {
				double c = ax_frac(a, ap->t.v[i].v) * len;

				if (!ap->t.v[i].major || !ap->t.v[i].label[0])
					continue;
				measure(r, ap->t.v[i].label, r->fs_tick, 0, 0, &w, &h);
				if (c - w / 2 < prev_r + gap)
					overlap = 1;
				prev_r = c + w / 2;
				if (prev_r - len > ap->overflow)
					ap->overflow = prev_r - len;
			}
			if (!overlap || mm <= 3)
				break;
		}
		ap->extent = (a->show & FIG_SHOW_LABELS) ? lh : 0;
		return;
	}
	fig_axis_ticks(a, 2, &ap->t);
	if (!(a->show & FIG_SHOW_LABELS) || ap->t.n == 0)
		return;
	{
		double span = fabs(a->hi - a->lo), spacing, wmax = 0, w, h;
		double cap = 110 * r->fs_tick / 9;

		spacing = span > 0 ? len / span : len;
		for (size_t i = 0; i < ap->t.n; i++) {
			measure(r, ap->t.v[i].label, r->fs_tick, 0, 0, &w, &h);
			wmax = w > wmax ? w : wmax;
		}
		if (wmax + gap <= spacing || spacing >= 64) {
			ap->angle = 0;
			ap->maxw = wmax + gap <= spacing ? 0 : spacing - gap;
			ap->extent = lh;
			ap->overflow = (wmax + gap <= spacing ? wmax : spacing) / 2
			    - spacing / 2;
			return;
		}
		if (wmax > cap)
			wmax = cap;
		ap->maxw = wmax < cap ? 0 : cap;
		if (lh * 1.15 <= spacing * M_SQRT1_2 && ap->t.n <= 24) {
			ap->angle = 45;
			ap->extent = (wmax + lh) * M_SQRT1_2;
			return;
		}
		ap->angle = 90;
		ap->extent = wmax;
		if (lh * 1.1 > spacing)
			thin_labels(&ap->t, (int)ceil(lh * 1.1 / spacing));
	}
}

/* Ticks and label placement for a vertical axis of length len. */
static void
plan_y(struct rctx *r, const struct fig_axis *a, double len, struct axplan *ap)
{
	double lh = line_h(r, r->fs_tick), cap = 110 * r->fs_tick / 9;
	double wmax = 0, w, h;

	memset(ap, 0, sizeof(*ap));
	if (a->scale == FIG_CATEGORICAL) {
		double span = fabs(a->hi - a->lo), spacing = span > 0 ? len / span : len;

		fig_axis_ticks(a, 2, &ap->t);
		if (lh * 1.05 > spacing && spacing > 0)
			thin_labels(&ap->t, (int)ceil(lh * 1.05 / spacing));
	} else
		fig_axis_ticks(a, clampi(len / (lh * 2.8), 3, 8), &ap->t);
	if (!(a->show & FIG_SHOW_LABELS))
		return;
	for (size_t i = 0; i < ap->t.n; i++) {
		if (!ap->t.v[i].label[0])
			continue;
		measure(r, ap->t.v[i].label, r->fs_tick, 0, 0, &w, &h);
		wmax = w > wmax ? w : wmax;
	}
	if (wmax > cap) {
		wmax = cap;
		ap->maxw = cap;
	}
	ap->extent = wmax;
}

/* --- layout ------------------------------------------------------------ */

static void
set_sizes(struct rctx *r, double scale)
{
	double base = r->paper ? 7.5 : 9;

	r->fs_tick = base * scale;
	r->fs_label = (base + 1) * scale;
	r->fs_ptitle = (base + 1.5) * scale;
	r->fs_title = (base + 4) * (0.5 + scale / 2);
	r->fs_note = (base - 1) * (0.5 + scale / 2);
	r->lw_axis = r->paper ? 0.6 : 0.8;
	r->lw_grid = r->paper ? 0.4 : 0.7;
	r->tick_len = (r->paper ? 3 : 3.5) * (0.6 + scale * 0.4);
	r->pad = r->paper ? 6 : 10;
}

static void
collect_legend(const struct fig *f, struct layout *L)
{
	L->leg = NULL;
	L->nleg = 0;
	if (!f->legend)
		return;
	for (size_t i = 0; i < f->npanels; i++)
		for (size_t j = 0; j < f->panels[i].nmarks; j++) {
			const struct fig_mark *m = &f->panels[i].marks[j];
			int dup = 0;

			if (m->label == NULL || f->panels[i].empty)
				continue;
			for (size_t k = 0; k < L->nleg; k++)
				dup |= strcmp(L->leg[k].m->label, m->label) == 0;
			if (dup)
				continue;
			L->leg = hp_reallocarray(L->leg, L->nleg + 1, sizeof(*L->leg));
			L->leg[L->nleg++].m = m;
		}
}

static void
legend_size(struct rctx *r, const struct layout *L, double *w, double *h)
{
	double lh = line_h(r, r->fs_tick), tw, th, wmax = 0;

	for (size_t i = 0; i < L->nleg; i++) {
		measure(r, L->leg[i].m->label, r->fs_tick, 0, 160, &tw, &th);
		wmax = tw > wmax ? tw : wmax;
	}
	*w = 6 + 18 + 5 + wmax + 7;
	*h = 5 + (double)L->nleg * (lh + 2) + 3;
}

static void
cbar_axis(const struct fig *f, struct fig_axis *a)
{
	memset(a, 0, sizeof(*a));
	a->scale = f->cbar.scale == FIG_LOG ? FIG_LOG : FIG_LINEAR;
	a->lo = f->cbar.lo;
	a->hi = f->cbar.hi;
	a->show = FIG_SHOW_ALL;
}

/*
 * Ticks of the colour bar over length len: those of its axis, or for a
 * banded bar one tick at every band edge (fig_level_ticks), labels thinned
 * only where they would touch.
 */
static void
plan_cbar(struct rctx *r, const struct fig *f, struct layout *L, double len)
{
	const struct fig_colorbar *cb = &f->cbar;
	double lh = line_h(r, r->fs_tick), wmax = 0, w, h, mind = INFINITY;

	plan_y(r, &L->cbaxis, len, &L->cb);
	if (!cb->discrete || !cb->levels || cb->nlevels < 2)
		return;
	free(L->cb.t.v);
	fig_level_ticks(cb, &L->cb.t);
	for (size_t i = 0; i + 1 < L->cb.t.n; i++)
		mind = fmin(mind, fabs(ax_frac(&L->cbaxis, L->cb.t.v[i + 1].v) -
		    ax_frac(&L->cbaxis, L->cb.t.v[i].v)) * len);
	if (mind < lh * 1.05)
		thin_labels(&L->cb.t, (int)ceil(lh * 1.05 / fmax(mind, 1e-3)));
	for (size_t i = 0; i < L->cb.t.n; i++) {
		if (!L->cb.t.v[i].label[0])
			continue;
		measure(r, L->cb.t.v[i].label, r->fs_tick, 0, 0, &w, &h);
		wmax = w > wmax ? w : wmax;
	}
	L->cb.extent = wmax;
	L->cb.maxw = 0;
}

/* Margins a panel wants around its plot area, from its axis plans. */
static void
panel_needs(struct rctx *r, const struct fig_panel *p, struct pplan *pp)
{
	double gap = 3, lt = line_h(r, r->fs_label), left = 0, bottom = 0, top;

	if (p->y.show & FIG_SHOW_LABELS)
		left += r->tick_len + gap + pp->y.extent;
	else if (p->y.show & FIG_SHOW_LINE)
		left += r->tick_len;
	if ((p->y.show & FIG_SHOW_TITLE) && p->y.title)
		left += lt + gap + 2;
	if (p->nvaxes && pp->v && pp->v[0].extent > 0 &&
	    ax_frac(&p->x, p->vaxes_x[0]) < 0.05) {
		double v = pp->v[0].extent + r->tick_len + gap;

		left = v > left ? v : left;
	}
	if (p->x.show & FIG_SHOW_LABELS)
		bottom += r->tick_len + gap + pp->x.extent;
	else if (p->x.show & FIG_SHOW_LINE)
		bottom += r->tick_len;
	if ((p->x.show & FIG_SHOW_TITLE) && p->x.title)
		bottom += lt + gap + 1;
	top = p->title ? line_h(r, r->fs_ptitle) + 5 : 4;
	if (p->nvaxes) {
		int titled = 0;

		for (size_t j = 0; j < p->nvaxes; j++)
			titled |= p->vaxes[j].title != NULL;
		if (titled)
			top += line_h(r, r->fs_tick) + 5;
	}
	pp->need[0] = left + 2;
	pp->need[1] = pp->x.overflow > 4 ? pp->x.overflow + 2 : 6;
	if (p->nvaxes)
		pp->need[1] = pp->need[1] > 30 ? pp->need[1] : 30;
	pp->need[2] = top;
	pp->need[3] = bottom + 2 > 8 ? bottom + 2 : 8;
}

static void
plan_panel(struct rctx *r, const struct fig_panel *p, double pw, double ph,
    struct pplan *pp)
{
	plan_release(&pp->x);
	plan_release(&pp->y);
	if (pp->v)
		for (size_t j = 0; j < p->nvaxes; j++)
			plan_release(&pp->v[j]);
	free(pp->v);
	pp->v = NULL;
	plan_x(r, &p->x, pw, &pp->x);
	plan_y(r, &p->y, ph, &pp->y);
	if (p->nvaxes) {
		pp->v = hp_calloc(p->nvaxes, sizeof(*pp->v));
		for (size_t j = 0; j < p->nvaxes; j++) {
			double spacing = pw / (double)(p->nvaxes > 1 ? p->nvaxes - 1 : 1);

			plan_y(r, &p->vaxes[j], ph, &pp->v[j]);
			/* labels sit left of their axis, within half the gap */
			if (pp->v[j].extent > spacing * 0.45) {
				pp->v[j].maxw = spacing * 0.45 > 20 ? spacing * 0.45 : 20;
				pp->v[j].extent = pp->v[j].maxw;
			}
		}
	}
	panel_needs(r, p, pp);
}

static void
layout_release(const struct fig *f, struct layout *L)
{
	if (L->p)
		for (size_t i = 0; i < f->npanels; i++) {
			plan_release(&L->p[i].x);
			plan_release(&L->p[i].y);
			if (L->p[i].v)
				for (size_t j = 0; j < f->panels[i].nvaxes; j++)
					plan_release(&L->p[i].v[j]);
			free(L->p[i].v);
		}
	free(L->p);
	plan_release(&L->cb);
	free(L->leg);
	memset(L, 0, sizeof(*L));
}

/* Places panel plot areas into L->grid given the plans in L->p. */
static void
place_panels(const struct fig *f, struct layout *L, int estimate)
{
	int nr = f->nrows > 0 ? f->nrows : 1, nc = f->ncols > 0 ? f->ncols : 1;
	double *ml = hp_calloc((size_t)nc, sizeof(double));
	double *mr = hp_calloc((size_t)nc, sizeof(double));
	double *mt = hp_calloc((size_t)nr, sizeof(double));
	double *mb = hp_calloc((size_t)nr, sizeof(double));
	double sw = 0, sh = 0, pw, ph, x, y;
	double *x0 = hp_calloc((size_t)nc, sizeof(double));
	double *y0 = hp_calloc((size_t)nr, sizeof(double));

	for (size_t i = 0; i < f->npanels; i++) {
		const struct fig_panel *p = &f->panels[i];
		int c0 = p->col, c1 = p->col + (p->colspan > 1 ? p->colspan : 1) - 1;
		int r0 = p->row, r1 = p->row + (p->rowspan > 1 ? p->rowspan : 1) - 1;

		if (p->empty || c0 < 0 || r0 < 0)
			continue;
		c1 = c1 < nc ? c1 : nc - 1;
		r1 = r1 < nr ? r1 : nr - 1;
		ml[c0] = L->p[i].need[0] > ml[c0] ? L->p[i].need[0] : ml[c0];
		mr[c1] = L->p[i].need[1] > mr[c1] ? L->p[i].need[1] : mr[c1];
		mt[r0] = L->p[i].need[2] > mt[r0] ? L->p[i].need[2] : mt[r0];
		mb[r1] = L->p[i].need[3] > mb[r1] ? L->p[i].need[3] : mb[r1];
	}
	for (int c = 0; c < nc; c++)
		sw += ml[c] + mr[c];
	for (int k = 0; k < nr; k++)
		sh += mt[k] + mb[k];
	pw = (L->grid.w - sw) / nc;
	ph = (L->grid.h - sh) / nr;
	pw = pw < 12 ? 12 : pw;
	ph = ph < 12 ? 12 : ph;
	for (int c = 0; c < nc; c++) {
		x = L->grid.x;
		for (int k = 0; k < c; k++)
			x += ml[k] + pw + mr[k];
		x0[c] = x + ml[c];
	}
	for (int k = 0; k < nr; k++) {
		y = L->grid.y;
		for (int j = 0; j < k; j++)
			y += mt[j] + ph + mb[j];
		y0[k] = y + mt[k];
	}
	for (size_t i = 0; i < f->npanels; i++) {
		const struct fig_panel *p = &f->panels[i];
		int c1, r1;

		if (p->empty || p->col < 0 || p->row < 0 || p->col >= nc || p->row >= nr) {
			memset(&L->p[i].plot, 0, sizeof(L->p[i].plot));
			continue;
		}
		c1 = p->col + (p->colspan > 1 ? p->colspan : 1) - 1;
		r1 = p->row + (p->rowspan > 1 ? p->rowspan : 1) - 1;
		c1 = c1 < nc ? c1 : nc - 1;
		r1 = r1 < nr ? r1 : nr - 1;
		L->p[i].plot.x = x0[p->col];
		L->p[i].plot.y = y0[p->row];
		L->p[i].plot.w = x0[c1] + pw - x0[p->col];
		L->p[i].plot.h = y0[r1] + ph - y0[p->row];
	}
	(void)estimate;
	free(ml);
	free(mr);
	free(mt);
	free(mb);
	free(x0);
	free(y0);
}

/* Count of data vertices of panel p that fall into box b. */
static size_t
count_under(const struct fig_panel *p, const struct rect *pr, const struct rect *b)
{
	size_t n = 0;

	for (size_t j = 0; j < p->nmarks; j++) {
		const struct fig_mark *m = &p->marks[j];

		if (m->kind != FIG_MARK_POINTS && m->kind != FIG_MARK_LINE &&
		    m->kind != FIG_MARK_AREA && m->kind != FIG_MARK_RECTS)
			continue;
		for (size_t i = 0; i < m->n; i++) {
			double x = map_x(p, pr, m->x[i]), y = map_y(p, pr, m->y[i]);

			if (x >= b->x && x <= b->x + b->w && y >= b->y && y <= b->y + b->h)
				n++;
			if (m->y2) {
				y = map_y(p, pr, m->y2[i]);
				if (x >= b->x && x <= b->x + b->w && y >= b->y &&
				    y <= b->y + b->h)
					n++;
			}
		}
	}
	return n;
}

static void
layout_once(struct rctx *r, struct layout *L, int leg_out)
{
	const struct fig *f = r->f;
	double W = r->W, H = r->H, top = r->pad, bottom = r->pad, right = 0;
	double lw = 0, lh = 0, cw, ch, scale;
	int nr = f->nrows > 0 ? f->nrows : 1, nc = f->ncols > 0 ? f->ncols : 1;

	set_sizes(r, 1);
	if (f->title && *f->title) {
		L->title_y = top;
		top += line_h(r, r->fs_title) + 6;
	}
	if (f->nnotes) {
		bottom += (double)f->nnotes * (line_h(r, r->fs_note) + 1) + 4;
		L->notes_y = H - bottom + 4;
	}
	if (L->nleg && leg_out == 2) {	/* below the panels, above the notes */
		legend_size(r, L, &lw, &lh);
		bottom += lh + 6;
		L->legbox.y = H - bottom + 4;
	}
	/* font scale for small panels (matrix figures) */
	cw = (W - 2 * r->pad) / nc;
	ch = (H - top - bottom) / nr;
	scale = (cw < ch ? cw : ch) / 170;
	scale = scale > 1 ? 1 : scale < 0.62 ? 0.62 : scale;
	set_sizes(r, scale);
	if (f->cbar.on) {
		double bh = H - top - bottom - 40, tw = 0, th;

		plan_release(&L->cb);
		cbar_axis(f, &L->cbaxis);
		plan_cbar(r, f, L, bh > 40 ? bh : 40);
		tw = L->cb.extent;
		right += 10 + 12 + r->tick_len + 3 + tw;
		if (f->cbar.title) {
			measure(r, f->cbar.title, r->fs_label, 0, 0, &th, &th);
			right += 6 + line_h(r, r->fs_label);
		}
		right += 2;
	}
	if (L->nleg && leg_out == 1) {
		legend_size(r, L, &lw, &lh);
		right += lw + 10;
	}
	L->grid.x = r->pad;
	L->grid.y = top;
	L->grid.w = W - 2 * r->pad - right;
	L->grid.h = H - top - bottom;
	if (L->grid.w < 20)
		L->grid.w = 20;
	if (L->grid.h < 20)
		L->grid.h = 20;
	/* two passes: plans from estimated lengths, then from real ones */
	for (size_t i = 0; i < f->npanels; i++) {
		const struct fig_panel *p = &f->panels[i];

		if (p->empty)
			continue;
		plan_panel(r, p, L->grid.w / nc * (p->colspan > 1 ? p->colspan : 1) - 60 * scale,
		    L->grid.h / nr * (p->rowspan > 1 ? p->rowspan : 1) - 40 * scale, &L->p[i]);
	}
	place_panels(f, L, 1);
	for (size_t i = 0; i < f->npanels; i++) {
		const struct fig_panel *p = &f->panels[i];

		if (p->empty)
			continue;
		plan_panel(r, p, L->p[i].plot.w, L->p[i].plot.h, &L->p[i]);
	}
	place_panels(f, L, 0);
	if (f->cbar.on) {
		double y0 = INFINITY, y1 = -INFINITY;

		for (size_t i = 0; i < f->npanels; i++) {
			if (f->panels[i].empty)
				continue;
			y0 = L->p[i].plot.y < y0 ? L->p[i].plot.y : y0;
			y1 = L->p[i].plot.y + L->p[i].plot.h > y1 ?
			    L->p[i].plot.y + L->p[i].plot.h : y1;
		}
		if (y0 > y1) {
			y0 = L->grid.y;
			y1 = L->grid.y + L->grid.h;
		}
		L->cbar.x = L->grid.x + L->grid.w + 10 + (leg_out == 1 ? lw + 10 : 0);
		L->cbar.y = y0;
		L->cbar.w = 12;
		L->cbar.h = y1 - y0;
		plan_release(&L->cb);
		plan_cbar(r, f, L, L->cbar.h);
	}
	if (L->nleg) {
		legend_size(r, L, &lw, &lh);
		L->legbox.w = lw;
		L->legbox.h = lh;
		L->leg_out = leg_out;
		if (leg_out == 2) {
			L->legbox.x = L->grid.x;
		} else if (leg_out) {
			double y0 = INFINITY;

			for (size_t i = 0; i < f->npanels; i++)
				if (!f->panels[i].empty && L->p[i].plot.y < y0)
					y0 = L->p[i].plot.y;
			L->legbox.x = L->grid.x + L->grid.w + 10;
			L->legbox.y = isfinite(y0) ? y0 : L->grid.y;
		}
	}
}

/* Fraction of data under the best inside corner; sets legbox there. */
static double
place_legend_inside(const struct fig *f, struct layout *L)
{
	const struct fig_panel *p = NULL;
	const struct rect *pr = NULL;
	size_t best = (size_t)-1, total = 0;
	struct rect b = L->legbox, chosen = b;

	for (size_t i = 0; i < f->npanels && p == NULL; i++)
		if (!f->panels[i].empty) {
			p = &f->panels[i];
			pr = &L->p[i].plot;
		}
	if (p == NULL)
		return 1;
	{
		struct rect all = { -1e9, -1e9, 2e9, 2e9 };

		total = count_under(p, pr, &all);
	}
	/* top-right first: where readers look for it */
	for (int k = 0; k < 4; k++) {
		size_t n;

		b.x = (k == 0 || k == 2) ? pr->x + pr->w - b.w - 6 : pr->x + 6;
		b.y = k < 2 ? pr->y + 6 : pr->y + pr->h - b.h - 6;
		n = count_under(p, pr, &b);
		if (n < best) {
			best = n;
			chosen = b;
		}
	}
	L->legbox = chosen;
	if (b.w > pr->w * 0.6 || b.h > pr->h * 0.6)
		return 1;
	return total ? (double)best / (double)total : 0;
}

static void
layout(struct rctx *r, struct layout *L)
{
	const struct fig *f = r->f;
	int multi = 0;

	memset(L, 0, sizeof(*L));
	L->p = hp_calloc(f->npanels ? f->npanels : 1, sizeof(*L->p));
	collect_legend(f, L);
	for (size_t i = 0, n = 0; i < f->npanels; i++)
		multi |= !f->panels[i].empty && ++n > 1;
	/* a legend goes beside the panels, below them when that would take
	 * more than a fifth of a narrow figure, inside a panel only where it
	 * covers no data */
	{
		int out = multi;
		double lw = 0, lh = 0;

		if (L->nleg) {
			set_sizes(r, 1);
			legend_size(r, L, &lw, &lh);
		}
		if (out && lw + 10 > r->W * 0.2)
			out = 2;
		layout_once(r, L, out);
		if (L->nleg && !multi && place_legend_inside(f, L) > 0)
			layout_once(r, L, lw + 10 > r->W * 0.2 ? 2 : 1);
	}
}

/* --- marks ------------------------------------------------------------- */

static struct fig_rgba
mark_color(const struct fig *f, const struct fig_mark *m, double c)
{
	struct fig_rgba col;

	if (isnan(c) || !f->cbar.on)
		return m->color;
	col = fig_colorbar_color(&f->cbar, c);
	col.a = m->color.a;
	return col;
}

static void
set_dash(cairo_t *cr, int dash, double lw)
{
	double d[2];

	if (dash == 1) {
		d[0] = 3.5 * lw + 1.5;
		d[1] = 2 * lw + 1.5;
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
		cairo_set_dash(cr, d, 2, 0);
	} else if (dash == 2) {
		d[0] = 0;
		d[1] = 2 * lw + 1;
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
		cairo_set_dash(cr, d, 2, 0);
	} else {
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
		cairo_set_dash(cr, NULL, 0, 0);
	}
}

static void
shape_path(cairo_t *cr, enum fig_shape s, double x, double y, double d)
{
	double rr = d / 2;

	switch (s) {
	case FIG_SHAPE_SQUARE:
		cairo_rectangle(cr, x - rr * 0.886, y - rr * 0.886, rr * 1.772, rr * 1.772);
		break;
	case FIG_SHAPE_DIAMOND:
		cairo_move_to(cr, x, y - rr * 1.25);
		cairo_line_to(cr, x + rr * 1.25, y);
		cairo_line_to(cr, x, y + rr * 1.25);
		cairo_line_to(cr, x - rr * 1.25, y);
		cairo_close_path(cr);
		break;
	case FIG_SHAPE_TRIANGLE:
		cairo_move_to(cr, x, y - rr * 1.3);
		cairo_line_to(cr, x + rr * 1.126, y + rr * 0.65);
		cairo_line_to(cr, x - rr * 1.126, y + rr * 0.65);
		cairo_close_path(cr);
		break;
	case FIG_SHAPE_STAR:
		for (int k = 0; k < 10; k++) {
			double a = -M_PI / 2 + k * M_PI / 5, q = (k % 2 ? 0.62 : 1.5) * rr;

			if (k == 0)
				cairo_move_to(cr, x + q * cos(a), y + q * sin(a));
			else
				cairo_line_to(cr, x + q * cos(a), y + q * sin(a));
		}
		cairo_close_path(cr);
		break;
	case FIG_SHAPE_CROSS: {
		/* an X of two bars, as one outline */
		double a = rr * 1.15, t = rr * 0.32;
		static const double pts[12][2] = {
			{ 0, -1 }, { 1, -2 }, { 2, -1 }, { 1, 0 }, { 2, 1 }, { 1, 2 },
			{ 0, 1 }, { -1, 2 }, { -2, 1 }, { -1, 0 }, { -2, -1 }, { -1, -2 },
		};

		for (int k = 0; k < 12; k++) {
			double px = pts[k][0], py = pts[k][1];
			/* unit pattern: bars of half-width 1 reaching out to 2 */
			double sx = px * (a / 2), sy = py * (a / 2);

			if (px == 0 || py == 0) {	/* the inner corners */
				sx = px * t * 1.414;
				sy = py * t * 1.414;
			}
			if (k == 0)
				cairo_move_to(cr, x + sx, y + sy);
			else
				cairo_line_to(cr, x + sx, y + sy);
		}
		cairo_close_path(cr);
		break;
	}
	case FIG_SHAPE_CIRCLE:
	default:
		cairo_new_sub_path(cr);
		cairo_arc(cr, x, y, rr, 0, 2 * M_PI);
		break;
	}
}

/* One marker drawn with paths (vector output). */
static void
marker_path(cairo_t *cr, const struct fig_mark *m, double x, double y,
    struct fig_rgba fill)
{
	cairo_new_path(cr);
	shape_path(cr, m->shape, x, y, m->size);
	set_rgba(cr, fill);
	if (m->stroke.a > 0) {
		cairo_fill_preserve(cr);
		set_rgba(cr, m->stroke);
		cairo_stroke(cr);
	} else
		cairo_fill(cr);
}

/* Direct access to the pixels of an ARGB32 image surface. */
struct praster {
	unsigned char	*px;
	int		 w, h, stride;
	double		 r, g, b, a;	/* straight colour */
	float		*acc;		/* NULL, or coverage of a band's rows [w each] */
	int		*ax0, *ax1;	/* columns of acc touched per row */
};

static void
praster_of(struct praster *ras, cairo_surface_t *t)
{
	cairo_surface_flush(t);
	ras->px = cairo_image_surface_get_data(t);
	ras->w = cairo_image_surface_get_width(t);
	ras->h = cairo_image_surface_get_height(t);
	ras->stride = cairo_image_surface_get_stride(t);
}

/*
 * Markers on an image surface are stamped from small pre-rendered sprites,
 * one per distinct colour (8 bits a channel): stroking thousands of tiny
 * paths dominated the time of scatter matrices.  Centres snap to whole
 * device pixels, at most half a pixel away.
 */
#define SPRITE_SLOTS 4096

struct sprite_cache {
	uint32_t	 key[SPRITE_SLOTS];
	cairo_surface_t	*img[SPRITE_SLOTS];
	int		 half;		/* sprite is (2 half + 1) pixels square */
	double		 scale;		/* device pixels per user unit */
};

static uint32_t
rgba_key(struct fig_rgba c)
{
	return (uint32_t)lround(c.r * 255) << 24 | (uint32_t)lround(c.g * 255) << 16 |
	    (uint32_t)lround(c.b * 255) << 8 | (uint32_t)lround(c.a * 255);
}

static cairo_surface_t *
sprite_get(struct sprite_cache *sc, const struct fig_mark *m, struct fig_rgba fill)
{
	uint32_t k = rgba_key(fill), h = (k * 2654435761u) % SPRITE_SLOTS;
	int side = 2 * sc->half + 1;
	cairo_t *c2;

	for (size_t probe = 0; probe < SPRITE_SLOTS; probe++, h = (h + 1) % SPRITE_SLOTS) {
		if (sc->img[h] && sc->key[h] == k)
			return sc->img[h];
		if (sc->img[h] == NULL)
			break;
	}
	if (sc->img[h] != NULL)		/* full: reuse the slot */
		cairo_surface_destroy(sc->img[h]);
	sc->key[h] = k;
	sc->img[h] = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, side, side);
	c2 = cairo_create(sc->img[h]);
	cairo_translate(c2, sc->half + 0.5, sc->half + 0.5);
	cairo_scale(c2, sc->scale, sc->scale);
	cairo_set_line_width(c2, m->stroke_width > 0 ? m->stroke_width : 0.5);
	cairo_set_line_join(c2, CAIRO_LINE_JOIN_MITER);
	marker_path(c2, m, 0, 0, fill);
	cairo_destroy(c2);
	return sc->img[h];
}

/*
 * On a raster layer a marker is two coverage masks drawn once per mark,
 * fill and outline, combined with each point's colour as Cairo would
 * (outline over fill, then over the layer): no sprite per colour.
 */
struct marker_masks {
	int		 half, side;
	float		*P;		/* [side^2][4] outline part, premultiplied, 0..255 */
	float		*B;		/* [side^2] fill weight: F (1 - S stroke alpha) */
	int		*x0, *x1;	/* [side] covered columns of each row */
};

static cairo_surface_t *
marker_mask(const struct fig_mark *m, int half, double scale, int stroke)
{
	int side = 2 * half + 1;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, side, side);
	cairo_t *c = cairo_create(s);

	cairo_translate(c, half + 0.5, half + 0.5);
	cairo_scale(c, scale, scale);
	cairo_set_line_width(c, m->stroke_width > 0 ? m->stroke_width : 0.5);
	cairo_set_line_join(c, CAIRO_LINE_JOIN_MITER);
	cairo_new_path(c);
	shape_path(c, m->shape, 0, 0, m->size);
	if (stroke)
		cairo_stroke(c);
	else
		cairo_fill(c);
	cairo_destroy(c);
	cairo_surface_flush(s);
	return s;
}

static void
marker_masks_init(struct marker_masks *mm, const struct fig_mark *m, int half,
    double scale)
{
	cairo_surface_t *fs = marker_mask(m, half, scale, 0);
	cairo_surface_t *ss = m->stroke.a > 0 ? marker_mask(m, half, scale, 1) : NULL;
	const unsigned char *fp = cairo_image_surface_get_data(fs);
	const unsigned char *sp = ss ? cairo_image_surface_get_data(ss) : NULL;
	int fst = cairo_image_surface_get_stride(fs), sst = ss ? cairo_image_surface_get_stride(ss) : 0;
	double sc[4] = { m->stroke.b, m->stroke.g, m->stroke.r, 1 };
	int side = 2 * half + 1;

	mm->half = half;
	mm->side = side;
	mm->P = hp_calloc((size_t)side * (size_t)side * 4, sizeof(float));
	mm->B = hp_calloc((size_t)side * (size_t)side, sizeof(float));
	mm->x0 = hp_calloc((size_t)side, sizeof(int));
	mm->x1 = hp_calloc((size_t)side, sizeof(int));
	for (int y = 0; y < side; y++) {
		mm->x0[y] = side;
		mm->x1[y] = -1;
		for (int x = 0; x < side; x++) {
			double F = fp[y * fst + x] / 255.0, S = sp ? sp[y * sst + x] / 255.0 : 0;
			double sa = S * m->stroke.a;
			size_t i = (size_t)y * (size_t)side + (size_t)x;

			if (F == 0 && S == 0)
				continue;
			if (x < mm->x0[y])
				mm->x0[y] = x;
			mm->x1[y] = x;
			/* outline over fill: out = S cs + F cf (1 - S as) */
			for (int c = 0; c < 4; c++)
				mm->P[4 * i + (size_t)c] = (float)(sa * sc[c] * 255);
			mm->B[i] = (float)(F * (1 - sa));
		}
	}
	cairo_surface_destroy(fs);
	if (ss)
		cairo_surface_destroy(ss);
}

static void
marker_masks_release(struct marker_masks *mm)
{
	free(mm->P);
	free(mm->B);
	free(mm->x0);
	free(mm->x1);
}

static void
blit_marker(const struct praster *ras, const struct marker_masks *mm, int x0, int y0,
    struct fig_rgba fill)
{
	float fc[4] = { (float)(fill.b * fill.a * 255), (float)(fill.g * fill.a * 255),
	    (float)(fill.r * fill.a * 255), (float)(fill.a * 255) };

	for (int y = 0; y < mm->side; y++) {
		int xa = mm->x0[y], xb = mm->x1[y];
		uint32_t *d;

		if (y0 + y < 0 || y0 + y >= ras->h || xb < xa)
			continue;
		if (x0 + xa < 0)
			xa = -x0;
		if (x0 + xb >= ras->w)
			xb = ras->w - 1 - x0;
		d = (uint32_t *)(void *)(ras->px + (size_t)(y0 + y) * (size_t)ras->stride) + x0;
		for (int x = xa; x <= xb; x++) {
			size_t i = (size_t)y * (size_t)mm->side + (size_t)x;
			const float *P = &mm->P[4 * i];
			float B = mm->B[i], k = 1 - (P[3] + B * fc[3]) * (1.0f / 255);
			uint32_t dv = d[x], out = 0;

			for (int c = 0; c < 4; c++) {
				float v = P[c] + B * fc[c] + (float)((dv >> (8 * c)) & 255) * k;

				out |= (uint32_t)(v >= 255 ? 255 : v + 0.5f) << (8 * c);
			}
			d[x] = out;
		}
	}
}

static void
draw_points_on(cairo_t *cr, const struct fig *f, const struct fig_panel *p,
    const struct rect *pr, const struct fig_mark *m, int raw)
{
	struct praster ras;
	struct marker_masks mm;

	double sw = m->stroke_width > 0 ? m->stroke_width : 0.5;
	int image = cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE;
	struct sprite_cache *sc = NULL;

	cairo_set_line_width(cr, sw);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
	cairo_set_dash(cr, NULL, 0, 0);
	if (image && m->n > 32) {
		double dx = 1, dy = 0;

		sc = hp_calloc(1, sizeof(*sc));
		cairo_user_to_device_distance(cr, &dx, &dy);
		sc->scale = hypot(dx, dy);
		sc->half = (int)ceil((m->size * 1.7 / 2 + sw) * sc->scale) + 1;
	}
	memset(&ras, 0, sizeof(ras));
	memset(&mm, 0, sizeof(mm));
	if (raw && sc) {	/* a raster layer: no clip but its edges */
		praster_of(&ras, cairo_get_target(cr));
		marker_masks_init(&mm, m, sc->half, sc->scale);
	}
	for (size_t i = 0; i < m->n; i++) {
		double x = map_x(p, pr, m->x[i]), y = map_y(p, pr, m->y[i]);
		struct fig_rgba fill;

		if (!isfinite(x) || !isfinite(y))
			continue;
		fill = mark_color(f, m, m->c ? m->c[i] : NAN);
		if (sc == NULL) {
			marker_path(cr, m, x, y, fill);
			continue;
		}
		cairo_user_to_device(cr, &x, &y);
		if (raw) {
			blit_marker(&ras, &mm, (int)floor(x) - sc->half,
			    (int)floor(y) - sc->half, fill);
			continue;
		}
		cairo_save(cr);
		cairo_identity_matrix(cr);
		cairo_set_source_surface(cr, sprite_get(sc, m, fill),
		    floor(x) - sc->half, floor(y) - sc->half);
		cairo_paint(cr);
		cairo_restore(cr);
	}
	if (raw && sc) {
		cairo_surface_mark_dirty(cairo_get_target(cr));
		marker_masks_release(&mm);
	}
	if (sc) {
		for (size_t i = 0; i < SPRITE_SLOTS; i++)
			if (sc->img[i])
				cairo_surface_destroy(sc->img[i]);
		free(sc);
	}
}

/*
 * Thin solid lines on a raster layer, drawn straight into its pixels.
 * Cairo's stroker costs about a millisecond for a line crossing a large
 * plot area (it scans the line's whole bounding box), which made a
 * parallel-coordinates plot of a few thousand trials take a second.  Here
 * each segment visits only the pixels within its half-width plus one:
 * coverage falls off linearly from the centre line (a box filter), ends of
 * a polyline are round, and a pixel near a joint is drawn by one segment
 * only (the one its projection falls on), so translucent lines do not
 * darken at their vertices.
 */

/* Segments waiting to be drawn, in order: drawn band by band of rows so
 * that a band of the layer stays in the cache while all lines cross it. */
struct pseg {
	double		 ax, ay, bx, by, hw;
	int		 caps;		/* 1: round start, 2: round end */
	struct fig_rgba	 col;
	size_t		 mark;		/* which mark (a running count) */
	int		 uni;		/* the mark has several runs: one coverage */
};

struct segbatch {
	struct pseg	*v;
	size_t		 n, cap;
	size_t		 marks;		/* marks batched so far */
};

#define BAND_ROWS 32

static void
blend_px(const struct praster *pr, int x, int y, double cov)
{
	uint32_t *d = (uint32_t *)(void *)(pr->px + (size_t)y * (size_t)pr->stride) + x;
	double sa = pr->a * cov, k = 1 - sa;
	uint32_t v = *d;
	double da = (v >> 24) & 255, dr = (v >> 16) & 255, dg = (v >> 8) & 255, db = v & 255;

	da = sa * 255 + da * k;
	dr = pr->r * sa * 255 + dr * k;
	dg = pr->g * sa * 255 + dg * k;
	db = pr->b * sa * 255 + db * k;
	*d = (uint32_t)(da + 0.5) << 24 | (uint32_t)(dr + 0.5) << 16 |
	    (uint32_t)(dg + 0.5) << 8 | (uint32_t)(db + 0.5);
}

/* Segment a-b of half-width hw; cap0/cap1: round end here, else cut at
 * the perpendicular through the end (a joint, shared with the neighbour). */
static void
raster_segment(const struct praster *pr, double ax, double ay, double bx, double by,
    double hw, int cap0, int cap1, int band0, int band1)
{
	double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
	double reach = hw + 0.5, reach2 = reach * reach, inv, slope, half;
	double lo, hi, u0, u1;
	int steep = fabs(dy) >= fabs(dx), lim = steep ? band1 : pr->w;
	int limv = steep ? pr->w : band1, first = steep ? band0 : 0;

	if (len2 < 1e-12)
		return;
	inv = 1 / len2;
	/* walk the major axis; across it, the pixels within reach of the line */
	if (steep) {
		slope = dx / dy;
		u0 = ay;
		u1 = by;
	} else {
		slope = dy / dx;
		u0 = ax;
		u1 = bx;
	}
	half = reach * sqrt(1 + slope * slope);
	lo = fmin(u0, u1) - reach;
	hi = fmax(u0, u1) + reach;
	if (floor(lo) > first)
		first = (int)floor(lo);
	for (int u = first; u <= (int)ceil(hi) && u < lim; u++) {
		double uc = u + 0.5, vc, h = half;
		int v0, v1;

		vc = steep ? ax + (uc - ay) * slope : ay + (uc - ax) * slope;
		if (uc < fmin(u0, u1) || uc > fmax(u0, u1))
			h += reach;	/* past an end: the round cap */
		v0 = (int)floor(vc - h);
		v1 = (int)ceil(vc + h);
		if (v0 < (steep ? 0 : band0))
			v0 = steep ? 0 : band0;
		if (v1 >= limv)
			v1 = limv - 1;
		for (int v = v0; v <= v1; v++) {
			int x = steep ? v : u, y = steep ? u : v;
			double px = x + 0.5, py = y + 0.5, t, qx, qy, d2, cov;

			t = ((px - ax) * dx + (py - ay) * dy) * inv;
			if ((t < 0 && !cap0) || (t >= 1 && !cap1))
				continue;
			t = t < 0 ? 0 : t > 1 ? 1 : t;
			qx = ax + t * dx - px;
			qy = ay + t * dy - py;
			d2 = qx * qx + qy * qy;
			if (d2 >= reach2)
				continue;
			cov = reach - sqrt(d2);
			cov = cov > 1 ? 1 : cov;
			if (pr->acc) {	/* one stroke of many lines: coverage is the max */
				float *a = &pr->acc[(size_t)(y - band0) * (size_t)pr->w + (size_t)x];

				if (cov > *a)
					*a = (float)cov;
				if (x < pr->ax0[y - band0])
					pr->ax0[y - band0] = x;
				if (x > pr->ax1[y - band0])
					pr->ax1[y - band0] = x;
			} else
				blend_px(pr, x, y, cov);
		}
	}
}

/* Blends the coverage gathered in ras->acc for rows b0.. and clears it. */
static void
union_flush(struct praster *ras, int b0, int b1)
{
	for (int y = b0; y < b1; y++) {
		float *a = &ras->acc[(size_t)(y - b0) * (size_t)ras->w];

		for (int x = ras->ax0[y - b0]; x <= ras->ax1[y - b0]; x++)
			if (a[x] > 0) {
				blend_px(ras, x, y, a[x]);
				a[x] = 0;
			}
		ras->ax0[y - b0] = ras->w;
		ras->ax1[y - b0] = -1;
	}
}

/* Draws the waiting segments, band by band, in their order. */
static void
batch_flush(struct rctx *r)
{
	struct segbatch *sb = r->batch;
	cairo_surface_t *t = cairo_get_target(r->cr);
	struct praster ras;
	float *acc;
	int *ax;

	if (sb == NULL || sb->n == 0)
		return;
	praster_of(&ras, t);
	acc = hp_calloc((size_t)BAND_ROWS * (size_t)ras.w, sizeof(float));
	ax = hp_malloc(2 * BAND_ROWS * sizeof(int));
	ras.ax0 = ax;
	ras.ax1 = ax + BAND_ROWS;
	for (int k = 0; k < BAND_ROWS; k++) {
		ras.ax0[k] = ras.w;
		ras.ax1[k] = -1;
	}
	for (int b0 = 0; b0 < ras.h; b0 += BAND_ROWS) {
		int b1 = b0 + BAND_ROWS < ras.h ? b0 + BAND_ROWS : ras.h;
		const struct pseg *pending = NULL;	/* a mark whose coverage waits */

		for (size_t i = 0; i < sb->n; i++) {
			const struct pseg *g = &sb->v[i];
			double reach = g->hw + 1;

			if (pending && pending->mark != g->mark) {
				ras.r = pending->col.r;
				ras.g = pending->col.g;
				ras.b = pending->col.b;
				ras.a = pending->col.a;
				union_flush(&ras, b0, b1);
				pending = NULL;
			}
			if (fmax(g->ay, g->by) + reach < b0 || fmin(g->ay, g->by) - reach > b1)
				continue;
			ras.r = g->col.r;
			ras.g = g->col.g;
			ras.b = g->col.b;
			ras.a = g->col.a;
			ras.acc = g->uni ? acc : NULL;
			if (g->uni)
				pending = g;
			raster_segment(&ras, g->ax, g->ay, g->bx, g->by, g->hw,
			    g->caps & 1, (g->caps & 2) != 0, b0, b1);
		}
		if (pending) {
			ras.r = pending->col.r;
			ras.g = pending->col.g;
			ras.b = pending->col.b;
			ras.a = pending->col.a;
			union_flush(&ras, b0, b1);
		}
	}
	free(acc);
	free(ax);
	cairo_surface_mark_dirty(t);
	sb->n = 0;
}

/* Draws line m with raster_segment when it suits: a solid, thin line on
 * a raster layer.  Returns 0 when it did not (cairo draws it). */
static int
draw_line_fast(struct rctx *r, const struct fig_panel *p, const struct rect *pr,
    const struct fig_mark *m)
{
	cairo_surface_t *t = cairo_get_target(r->cr);
	struct segbatch *sb = r->batch;
	struct fig_rgba col;
	double lw = m->size > 0 ? m->size : 1, ux = 1, uy = 0, hw;
	size_t i = 0;
	int uni = 0;

	if (sb == NULL || m->step || m->dash || m->n < 2 ||
	    cairo_surface_get_type(t) != CAIRO_SURFACE_TYPE_IMAGE ||
	    cairo_image_surface_get_format(t) != CAIRO_FORMAT_ARGB32)
		return 0;
	cairo_user_to_device_distance(r->cr, &ux, &uy);
	hw = lw * hypot(ux, uy) / 2;
	if (hw > 1.6)
		return 0;
	col = mark_color(r->f, m, m->c ? m->c[0] : NAN);
	for (size_t k = 0; k < m->n && !uni; k++)
		uni = !isfinite(map_x(p, pr, m->x[k])) || !isfinite(map_y(p, pr, m->y[k]));
	sb->marks++;
	while (i < m->n) {
		size_t j = i;

		/* one run of finite vertices; NaN breaks the line */
		while (j < m->n && isfinite(map_x(p, pr, m->x[j])) &&
		    isfinite(map_y(p, pr, m->y[j])))
			j++;
		for (size_t k = i; k + 1 < j; k++) {
			struct pseg *g;

			if (sb->n == sb->cap) {
				sb->cap = sb->cap ? 2 * sb->cap : 256;
				sb->v = hp_reallocarray(sb->v, sb->cap, sizeof(*sb->v));
			}
			g = &sb->v[sb->n++];
			g->ax = map_x(p, pr, m->x[k]);
			g->ay = map_y(p, pr, m->y[k]);
			g->bx = map_x(p, pr, m->x[k + 1]);
			g->by = map_y(p, pr, m->y[k + 1]);
			cairo_user_to_device(r->cr, &g->ax, &g->ay);
			cairo_user_to_device(r->cr, &g->bx, &g->by);
			g->hw = hw;
			/* one coverage for the whole mark: every end is round */
			g->caps = uni ? 3 : (k == i ? 1 : 0) | (k + 2 == j ? 2 : 0);
			g->col = col;
			g->mark = sb->marks;
			g->uni = uni;
		}
		i = j + 1;
	}
	return 1;
}

static void
draw_line(struct rctx *r, const struct fig_panel *p, const struct rect *pr,
    const struct fig_mark *m)
{
	cairo_t *cr = r->cr;
	int pen = 0;
	double lx = 0, ly = 0;

	cairo_new_path(cr);
	for (size_t i = 0; i < m->n; i++) {
		double x = map_x(p, pr, m->x[i]), y = map_y(p, pr, m->y[i]);

		if (!isfinite(x) || !isfinite(y)) {
			pen = 0;
			continue;
		}
		if (!pen)
			cairo_move_to(cr, x, y);
		else if (m->step) {
			cairo_line_to(cr, x, ly);
			cairo_line_to(cr, x, y);
		} else
			cairo_line_to(cr, x, y);
		pen = 1;
		lx = x;
		ly = y;
	}
	(void)lx;
	set_rgba(cr, mark_color(r->f, m, m->c ? m->c[0] : NAN));
	cairo_set_line_width(cr, m->size > 0 ? m->size : 1);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	set_dash(cr, m->dash, m->size);
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
}

static void
draw_rects(struct rctx *r, const struct fig_panel *p, const struct rect *pr,
    const struct fig_mark *m)
{
	cairo_t *cr = r->cr;

	for (size_t i = 0; i < m->n; i++) {
		double x0 = map_x(p, pr, m->x[i]), y0 = map_y(p, pr, m->y[i]);
		double x1 = map_x(p, pr, m->x2 ? m->x2[i] : m->x[i]);
		double y1 = map_y(p, pr, m->y2 ? m->y2[i] : m->y[i]);

		if (!isfinite(x0) || !isfinite(y0) || !isfinite(x1) || !isfinite(y1))
			continue;
		cairo_new_path(cr);
		cairo_rectangle(cr, fmin(x0, x1), fmin(y0, y1), fabs(x1 - x0), fabs(y1 - y0));
		set_rgba(cr, mark_color(r->f, m, m->c ? m->c[i] : NAN));
		if (m->stroke.a > 0) {
			cairo_fill_preserve(cr);
			set_rgba(cr, m->stroke);
			cairo_set_line_width(cr, m->stroke_width);
			cairo_stroke(cr);
		} else
			cairo_fill(cr);
	}
}

static void
draw_area(struct rctx *r, const struct fig_panel *p, const struct rect *pr,
    const struct fig_mark *m)
{
	cairo_t *cr = r->cr;
	size_t i = 0;

	set_rgba(cr, mark_color(r->f, m, m->c ? m->c[0] : NAN));
	while (i < m->n) {
		size_t j = i;

		/* a run of finite samples; NaN splits the band */
		while (j < m->n && isfinite(m->x[j]) && isfinite(m->y[j]) &&
		    (m->y2 == NULL || isfinite(m->y2[j])))
			j++;
		if (j - i >= 2) {
			cairo_new_path(cr);
			for (size_t k = i; k < j; k++)
				cairo_line_to(cr, map_x(p, pr, m->x[k]), map_y(p, pr, m->y[k]));
			for (size_t k = j; k-- > i;)
				cairo_line_to(cr, map_x(p, pr, m->x[k]),
				    map_y(p, pr, m->y2 ? m->y2[k] : 0));
			cairo_close_path(cr);
			cairo_fill(cr);
		}
		i = j + 1;
	}
}

static void
draw_polygons(struct rctx *r, const struct fig_panel *p, const struct rect *pr,
    const struct fig_mark *m)
{
	cairo_t *cr = r->cr;

	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
	for (size_t k = 0; k < m->npoly; k++) {
		size_t a = m->off[k], b = m->off[k + 1];
		struct fig_rgba col = mark_color(r->f, m, m->c ? m->c[k] : NAN);
		int pen = 0;

		if (b > m->n)
			b = m->n;
		cairo_new_path(cr);
		for (size_t i = a; i < b; i++) {
			double x = map_x(p, pr, m->x[i]), y = map_y(p, pr, m->y[i]);

			if (!isfinite(x) || !isfinite(y)) {	/* NaN starts a new ring */
				if (pen)
					cairo_close_path(cr);
				pen = 0;
				continue;
			}
			if (!pen)
				cairo_move_to(cr, x, y);
			else
				cairo_line_to(cr, x, y);
			pen = 1;
		}
		if (pen)
			cairo_close_path(cr);
		set_rgba(cr, col);
		if (m->stroke.a > 0) {
			cairo_fill_preserve(cr);
			set_rgba(cr, m->stroke);
			cairo_set_line_width(cr, m->stroke_width);
			cairo_stroke(cr);
		} else if (col.a >= 1) {
			/* hides the hairline seams anti-aliasing leaves between bands */
			cairo_fill_preserve(cr);
			cairo_set_line_width(cr, 0.35);
			cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
			cairo_stroke(cr);
		} else
			cairo_fill(cr);
	}
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
}

static void
draw_mark(struct rctx *r, const struct fig_panel *p, const struct rect *pr,
    const struct fig_mark *m)
{
	cairo_t *cr = r->cr;

	if (m->kind == FIG_MARK_LINE && draw_line_fast(r, p, pr, m))
		return;
	batch_flush(r);		/* what waits is drawn first */
	cairo_save(cr);
	if (!m->no_clip) {
		const struct rect *c = r->clip ? r->clip : pr;

		cairo_rectangle(cr, c->x, c->y, c->w, c->h);
		cairo_clip(cr);
	}
	switch (m->kind) {
	case FIG_MARK_POINTS:
		draw_points_on(cr, r->f, p, pr, m, r->batch != NULL);
		break;
	case FIG_MARK_LINE:
		draw_line(r, p, pr, m);
		break;
	case FIG_MARK_RECTS:
		draw_rects(r, p, pr, m);
		break;
	case FIG_MARK_AREA:
		draw_area(r, p, pr, m);
		break;
	case FIG_MARK_POLYGONS:
		draw_polygons(r, p, pr, m);
		break;
	case FIG_MARK_TEXT:
		for (size_t i = 0; i < m->n; i++) {
			double x = map_x(p, pr, m->x[i]), y = map_y(p, pr, m->y[i]);

			if (m->text && m->text[i] && isfinite(x) && isfinite(y))
				draw_text(r, m->text[i], x, y, m->size, 0, 0,
				    m->anchor < 0 ? -1 : m->anchor > 0 ? 1 : 0, 0, 0,
				    m->color);
		}
		break;
	case FIG_MARK_HRULE:
	case FIG_MARK_VRULE:
		if (m->n == 0)
			break;
		cairo_new_path(cr);
		if (m->kind == FIG_MARK_HRULE) {
			double y = map_y(p, pr, m->y[0]);

			cairo_move_to(cr, pr->x, y);
			cairo_line_to(cr, pr->x + pr->w, y);
		} else {
			double x = map_x(p, pr, m->x[0]);

			cairo_move_to(cr, x, pr->y);
			cairo_line_to(cr, x, pr->y + pr->h);
		}
		set_rgba(cr, m->color);
		cairo_set_line_width(cr, m->size > 0 ? m->size : 1);
		set_dash(cr, m->dash, m->size);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		break;
	}
	cairo_restore(cr);
}

/* --- panels ------------------------------------------------------------ */

static void
hline(cairo_t *cr, double x0, double x1, double y)
{
	cairo_move_to(cr, x0, y);
	cairo_line_to(cr, x1, y);
}

static void
vline(cairo_t *cr, double x, double y0, double y1)
{
	cairo_move_to(cr, x, y0);
	cairo_line_to(cr, x, y1);
}

/* Length of one decade of a log axis drawn over len points. */
static double
decade_len(const struct fig_axis *a, double len)
{
	double d = fabs(log10(a->hi) - log10(a->lo));

	return d > 0 && isfinite(d) ? len / d : len;
}

static void
draw_grid(struct rctx *r, const struct fig_panel *p, const struct pplan *pp)
{
	cairo_t *cr = r->cr;
	const struct rect *pr = &pp->plot;

	cairo_save(cr);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	for (int pass = 0; pass < 2; pass++) {	/* minor (log) first, then major */
		double g = pass ? (r->paper ? 0.88 : 0.90) : 0.955;

		cairo_set_source_rgb(cr, g, g, g);
		cairo_set_line_width(cr, pass ? r->lw_grid : r->lw_grid * 0.7);
		cairo_new_path(cr);
		if (p->x.show & FIG_SHOW_GRID)
			for (size_t i = 0; i < pp->x.t.n; i++) {
				const struct fig_tick *t = &pp->x.t.v[i];
				double x = map_x(p, pr, t->v);

				if (t->major != pass || (!pass && (p->x.scale != FIG_LOG ||
				    decade_len(&p->x, pr->w) < 60)))
					continue;
				if (x > pr->x + 0.5 && x < pr->x + pr->w - 0.5)
					vline(cr, x, pr->y, pr->y + pr->h);
			}
		if (p->y.show & FIG_SHOW_GRID)
			for (size_t i = 0; i < pp->y.t.n; i++) {
				const struct fig_tick *t = &pp->y.t.v[i];
				double y = map_y(p, pr, t->v);

				if (t->major != pass || (!pass && (p->y.scale != FIG_LOG ||
				    decade_len(&p->y, pr->h) < 60)))
					continue;
				if (y > pr->y + 0.5 && y < pr->y + pr->h - 0.5)
					hline(cr, pr->x, pr->x + pr->w, y);
			}
		cairo_stroke(cr);
	}
	cairo_restore(cr);
}

static void
draw_axes(struct rctx *r, const struct fig_panel *p, const struct pplan *pp)
{
	cairo_t *cr = r->cr;
	const struct rect *pr = &pp->plot;
	double gap = 3, lt = line_h(r, r->fs_label);

	cairo_save(cr);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
	cairo_set_line_width(cr, r->lw_axis);
	if (p->frame) {
		cairo_set_source_rgb(cr, 0.70, 0.70, 0.72);
		cairo_rectangle(cr, pr->x, pr->y, pr->w, pr->h);
		cairo_stroke(cr);
	}
	set_rgba(cr, ink_tick);
	cairo_new_path(cr);
	if (!p->frame && (p->x.show & FIG_SHOW_LINE))
		hline(cr, pr->x, pr->x + pr->w, pr->y + pr->h);
	if (!p->frame && (p->y.show & FIG_SHOW_LINE) && p->nvaxes == 0)
		vline(cr, pr->x, pr->y, pr->y + pr->h);
	cairo_stroke(cr);
	/* tick marks, outward */
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	cairo_set_line_width(cr, r->lw_axis * 0.9);
	cairo_new_path(cr);
	if (p->x.show & FIG_SHOW_LINE)
		for (size_t i = 0; i < pp->x.t.n; i++) {
			double x = map_x(p, pr, pp->x.t.v[i].v);
			double len = pp->x.t.v[i].major ? r->tick_len : r->tick_len * 0.55;

			if (x >= pr->x - 0.01 && x <= pr->x + pr->w + 0.01)
				vline(cr, x, pr->y + pr->h, pr->y + pr->h + len);
		}
	if (p->y.show & FIG_SHOW_LINE)
		for (size_t i = 0; i < pp->y.t.n; i++) {
			double y = map_y(p, pr, pp->y.t.v[i].v);
			double len = pp->y.t.v[i].major ? r->tick_len : r->tick_len * 0.55;

			if (y >= pr->y - 0.01 && y <= pr->y + pr->h + 0.01)
				hline(cr, pr->x - len, pr->x, y);
		}
	cairo_stroke(cr);
	cairo_restore(cr);
	/* tick labels */
	if (p->x.show & FIG_SHOW_LABELS)
		for (size_t i = 0; i < pp->x.t.n; i++) {
			const struct fig_tick *t = &pp->x.t.v[i];
			double x = map_x(p, pr, t->v), y = pr->y + pr->h + r->tick_len + gap;

			if (!t->label[0] || x < pr->x - 0.01 || x > pr->x + pr->w + 0.01)
				continue;
			if (pp->x.angle == 0)
				draw_text(r, t->label, x, y, r->fs_tick, 0, pp->x.maxw, 0, -1, 0, ink_tick);
			else
				draw_text(r, t->label, x + (pp->x.angle == 90 ? 0 : 2), y,
				    r->fs_tick, 0, pp->x.maxw, 1, pp->x.angle == 90 ? 0 : -1,
				    pp->x.angle, ink_tick);
		}
	if (p->y.show & FIG_SHOW_LABELS)
		for (size_t i = 0; i < pp->y.t.n; i++) {
			const struct fig_tick *t = &pp->y.t.v[i];
			double y = map_y(p, pr, t->v);

			if (!t->label[0] || y < pr->y - 0.01 || y > pr->y + pr->h + 0.01)
				continue;
			draw_text(r, t->label, pr->x - r->tick_len - gap, y, r->fs_tick, 0,
			    pp->y.maxw, 1, 0, 0, ink_tick);
		}
	/* axis titles */
	if ((p->x.show & FIG_SHOW_TITLE) && p->x.title) {
		double y = pr->y + pr->h + gap + 1;

		if (p->x.show & FIG_SHOW_LABELS)
			y += r->tick_len + gap + pp->x.extent;
		else if (p->x.show & FIG_SHOW_LINE)
			y += r->tick_len;
		draw_text(r, p->x.title, pr->x + pr->w / 2, y, r->fs_label, 0,
		    pr->w + 4, 0, -1, 0, ink_text);
	}
	if ((p->y.show & FIG_SHOW_TITLE) && p->y.title) {
		double x = pr->x - gap - 2;

		if (p->y.show & FIG_SHOW_LABELS)
			x -= r->tick_len + gap + pp->y.extent;
		else if (p->y.show & FIG_SHOW_LINE)
			x -= r->tick_len;
		draw_text(r, p->y.title, x - lt, pr->y + pr->h / 2, r->fs_label, 0,
		    pr->h + 10, 0, -1, 90, ink_text);
	}
	if (p->title)
		draw_text(r, p->title, pr->x + pr->w / 2, pr->y - 4 -
		    (pp->need[2] - line_h(r, r->fs_ptitle) - 5), r->fs_ptitle, 1,
		    pr->w + 10, 0, 1, 0, ink_text);
}

/* Parallel-coordinate axes: each with its own ticks over the panel height. */
static void
draw_vaxes(struct rctx *r, const struct fig_panel *p, const struct pplan *pp)
{
	cairo_t *cr = r->cr;
	const struct rect *pr = &pp->plot;
	double lh = line_h(r, r->fs_tick);

	for (size_t j = 0; j < p->nvaxes; j++) {
		const struct fig_axis *a = &p->vaxes[j];
		const struct axplan *ap = &pp->v[j];
		double x = map_x(p, pr, p->vaxes_x[j]), spacing = pr->w;

		if (!isfinite(x))
			continue;
		for (size_t k = 0; k < p->nvaxes; k++) {
			double d = fabs(map_x(p, pr, p->vaxes_x[k]) - x);

			if (k != j && d < spacing)
				spacing = d;
		}
		cairo_save(cr);
		set_rgba(cr, ink_tick);
		cairo_set_line_width(cr, r->lw_axis * 1.2);
		cairo_new_path(cr);
		vline(cr, x, pr->y, pr->y + pr->h);
		cairo_stroke(cr);
		cairo_set_line_width(cr, r->lw_axis);
		for (size_t i = 0; i < ap->t.n; i++) {
			const struct fig_tick *t = &ap->t.v[i];
			double y = map_y(p, pr, ax_frac(a, t->v));
			double len = t->major ? r->tick_len : r->tick_len * 0.55;

			if (y < pr->y - 0.01 || y > pr->y + pr->h + 0.01)
				continue;
			cairo_new_path(cr);
			hline(cr, x - len, x, y);
			cairo_stroke(cr);
			if (t->major && t->label[0] && (a->show & FIG_SHOW_LABELS)) {
				double w, h, maxw = ap->maxw;
				PangoLayout *l;

				l = mklayout(r, t->label, r->fs_tick, 0, maxw);
				layout_size(l, &w, &h);
				g_object_unref(l);
				/* a soft halo keeps labels legible over the lines */
				cairo_set_source_rgba(cr, 1, 1, 1, 0.78);
				cairo_rectangle(cr, x - len - 2 - w - 1.5, y - h / 2, w + 3, h);
				cairo_fill(cr);
				draw_text(r, t->label, x - len - 2, y, r->fs_tick, 0, maxw,
				    1, 0, 0, ink_text);
				set_rgba(cr, ink_tick);
			}
		}
		cairo_restore(cr);
		if (a->title && (a->show & FIG_SHOW_TITLE))
			draw_text(r, a->title, x, pr->y - 4, r->fs_tick, 1,
			    spacing > 20 ? spacing - 4 : 20, 0, 1, 0, ink_text);
	}
	(void)lh;
}

/* --- colour bar, legend, title, notes --------------------------------- */

static void
draw_cbar(struct rctx *r, const struct layout *L)
{
	const struct fig_colorbar *cb = &r->f->cbar;
	cairo_t *cr = r->cr;
	const struct rect *b = &L->cbar;
	double gap = 3;

	if (b->h <= 0)
		return;
	cairo_save(cr);
	if (cb->discrete && cb->levels && cb->nlevels >= 2) {
		for (size_t k = 0; k + 1 < cb->nlevels; k++) {
			double u0 = ax_frac(&L->cbaxis, cb->levels[k]);
			double u1 = ax_frac(&L->cbaxis, cb->levels[k + 1]);

			u0 = fmax(0, fmin(1, u0));
			u1 = fmax(0, fmin(1, u1));
			set_rgba(cr, fig_colorbar_color(cb, cb->levels[k]));
			cairo_rectangle(cr, b->x, b->y + (1 - u1) * b->h, b->w, (u1 - u0) * b->h);
			cairo_fill(cr);
		}
		/* thin white separators between bands */
		cairo_set_source_rgba(cr, 1, 1, 1, 0.8);
		cairo_set_line_width(cr, 0.5);
		for (size_t k = 1; k + 1 < cb->nlevels; k++) {
			double u = ax_frac(&L->cbaxis, cb->levels[k]);

			if (u > 0 && u < 1) {
				cairo_new_path(cr);
				hline(cr, b->x, b->x + b->w, b->y + (1 - u) * b->h);
				cairo_stroke(cr);
			}
		}
	} else {
		cairo_pattern_t *g = cairo_pattern_create_linear(0, b->y + b->h, 0, b->y);

		for (int k = 0; k <= 32; k++) {
			double u = k / 32.0;
			struct fig_rgba c = fig_cmap_at(cb->cmap, cb->reversed ? 1 - u : u);

			cairo_pattern_add_color_stop_rgb(g, u, c.r, c.g, c.b);
		}
		cairo_rectangle(cr, b->x, b->y, b->w, b->h);
		cairo_set_source(cr, g);
		cairo_fill(cr);
		cairo_pattern_destroy(g);
	}
	cairo_set_source_rgb(cr, 0.70, 0.70, 0.72);
	cairo_set_line_width(cr, r->lw_axis * 0.8);
	cairo_rectangle(cr, b->x, b->y, b->w, b->h);
	cairo_stroke(cr);
	set_rgba(cr, ink_tick);
	cairo_set_line_width(cr, r->lw_axis * 0.9);
	for (size_t i = 0; i < L->cb.t.n; i++) {
		const struct fig_tick *t = &L->cb.t.v[i];
		double u = ax_frac(&L->cbaxis, t->v), y = b->y + (1 - u) * b->h;

		if (u < -0.001 || u > 1.001)
			continue;
		cairo_new_path(cr);
		hline(cr, b->x + b->w, b->x + b->w + (t->major ? r->tick_len : r->tick_len * 0.55), y);
		cairo_stroke(cr);
		if (t->major && t->label[0])
			draw_text(r, t->label, b->x + b->w + r->tick_len + gap, y,
			    r->fs_tick, 0, L->cb.maxw, -1, 0, 0, ink_tick);
	}
	cairo_restore(cr);
	if (cb->title)
		draw_text(r, cb->title, b->x + b->w + r->tick_len + gap + L->cb.extent + 6,
		    b->y + b->h / 2, r->fs_label, 0, b->h, 0, -1, 90, ink_text);
}

static void
draw_legend(struct rctx *r, const struct layout *L)
{
	cairo_t *cr = r->cr;
	const struct rect *b = &L->legbox;
	double lh = line_h(r, r->fs_tick), y = b->y + 5;

	if (L->nleg == 0)
		return;
	cairo_save(cr);
	cairo_set_source_rgba(cr, 1, 1, 1, 0.88);
	cairo_rectangle(cr, b->x, b->y, b->w, b->h);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 0.80, 0.80, 0.82);
	cairo_set_line_width(cr, 0.6);
	cairo_stroke(cr);
	for (size_t i = 0; i < L->nleg; i++, y += lh + 2) {
		const struct fig_mark *m = L->leg[i].m;
		double sx = b->x + 6, sy = y + lh / 2;
		struct fig_rgba c = m->color;

		cairo_new_path(cr);
		switch (m->kind) {
		case FIG_MARK_LINE:
		case FIG_MARK_HRULE:
		case FIG_MARK_VRULE:
			if (m->c && m->kind == FIG_MARK_LINE)
				c = mark_color(r->f, m, m->c[0]);
			hline(cr, sx, sx + 18, sy);
			set_rgba(cr, c);
			cairo_set_line_width(cr, m->size > 0 ? fmin(m->size, 4) : 1);
			set_dash(cr, m->dash, m->size);
			cairo_stroke(cr);
			cairo_set_dash(cr, NULL, 0, 0);
			break;
		case FIG_MARK_POINTS:
			if (m->c && r->f->cbar.on)	/* a colour from the middle of the map */
				c = fig_cmap_at(r->f->cbar.cmap, 0.5);
			shape_path(cr, m->shape, sx + 9, sy, fmax(4, fmin(m->size, 9)));
			set_rgba(cr, c);
			if (m->stroke.a > 0) {
				cairo_fill_preserve(cr);
				set_rgba(cr, m->stroke);
				cairo_set_line_width(cr, m->stroke_width);
				cairo_stroke(cr);
			} else
				cairo_fill(cr);
			break;
		default:
			cairo_rectangle(cr, sx + 2, sy - lh * 0.3, 14, lh * 0.6);
			set_rgba(cr, c);
			cairo_fill(cr);
			break;
		}
		draw_text(r, m->label, sx + 23, sy, r->fs_tick, 0, 160, -1, 0, 0, ink_text);
	}
	cairo_restore(cr);
}

/* Pango context for r->cr with unhinted metrics: the same layout at every
 * scale and on every surface. */
static void
rctx_text_init(struct rctx *r, const struct render_opts *o)
{
	cairo_font_options_t *fo = cairo_font_options_create();

	r->pc = pango_cairo_create_context(r->cr);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(r->pc, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(r->pc, FALSE);
	r->fd = pango_font_description_new();
	pango_font_description_set_family(r->fd, o->font ? o->font : DEFAULT_FONT);
}

/* --- raster layers ------------------------------------------------------ */

/* Marks a layer takes: all but text (kept as text in vector files). */
static int
layerable(const struct fig_mark *m)
{
	return m->kind != FIG_MARK_TEXT && !m->no_clip;
}

static size_t
panel_weight(const struct fig_panel *p)
{
	size_t w = 0;

	for (size_t j = 0; j < p->nmarks; j++)
		if (layerable(&p->marks[j]))
			w += p->marks[j].n > 0 ? p->marks[j].n : 1;
	return w;
}

static void
rctx_init(struct rctx *r, const struct fig *f, cairo_t *cr, double width,
    double height, const struct render_opts *o)
{
	memset(r, 0, sizeof(*r));
	r->cr = cr;
	r->f = f;
	r->W = width;
	r->H = height;
	r->paper = o->style == RENDER_STYLE_PAPER;
	rctx_text_init(r, o);
}

static void
rctx_release(struct rctx *r)
{
	pango_font_description_free(r->fd);
	g_object_unref(r->pc);
}

struct render_cache *
render_cache_layers(const struct fig *f, double width, double height, double sx,
    double sy, const struct render_opts *o, int with_png)
{
	struct render_opts def;
	struct render_cache *c;
	cairo_surface_t *scratch;
	cairo_t *cr;
	struct rctx r;
	struct layout L;
	struct segbatch batch = { NULL, 0, 0, 0 };
	size_t total = 0;

	if (o == NULL) {
		render_opts_defaults(&def);
		o = &def;
	}
	for (size_t i = 0; i < f->npanels; i++)
		if (!f->panels[i].empty)
			total += panel_weight(&f->panels[i]);
	if (total < DENSE_WEIGHT || !(sx > 0) || !(sy > 0) ||
	    width * sx > 30000 || height * sy > 30000)
		return NULL;
	scratch = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
	cr = cairo_create(scratch);
	rctx_init(&r, f, cr, width, height, o);
	layout(&r, &L);
	c = hp_calloc(1, sizeof(*c));
	c->n = f->npanels;
	c->sx = sx;
	c->sy = sy;
	c->v = hp_calloc(c->n ? c->n : 1, sizeof(*c->v));
	for (size_t i = 0; i < f->npanels; i++) {
		const struct fig_panel *p = &f->panels[i];
		const struct rect *pr = &L.p[i].plot;
		struct render_layer *ly = &c->v[i];
		struct rect box;
		cairo_surface_t *img;
		cairo_t *c2;

		if (p->empty || pr->w <= 0 || pr->h <= 0 || panel_weight(p) == 0)
			continue;
		ly->x0 = (int)floor(pr->x * sx);
		ly->y0 = (int)floor(pr->y * sy);
		ly->w = (int)ceil((pr->x + pr->w) * sx) - ly->x0;
		ly->h = (int)ceil((pr->y + pr->h) * sy) - ly->y0;
		if (ly->w < 1 || ly->h < 1)
			continue;
		ly->stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, ly->w);
		ly->px = hp_malloc((size_t)ly->stride * (size_t)ly->h);
		ly->clip[0] = pr->x;
		ly->clip[1] = pr->y;
		ly->clip[2] = pr->w;
		ly->clip[3] = pr->h;
		img = cairo_image_surface_create_for_data(ly->px, CAIRO_FORMAT_ARGB32,
		    ly->w, ly->h, ly->stride);
		c2 = cairo_create(img);
		cairo_set_source_rgb(c2, 1, 1, 1);
		cairo_paint(c2);
		cairo_translate(c2, -ly->x0, -ly->y0);
		cairo_scale(c2, sx, sy);
		/* marks fill the edge pixels; painting the layer clips to pr */
		box.x = ly->x0 / sx;
		box.y = ly->y0 / sy;
		box.w = ly->w / sx;
		box.h = ly->h / sy;
		r.cr = c2;
		r.clip = &box;
		r.batch = &batch;
		draw_grid(&r, p, &L.p[i]);
		for (size_t j = 0; j < p->nmarks; j++)
			if (layerable(&p->marks[j]))
				draw_mark(&r, p, pr, &p->marks[j]);
		batch_flush(&r);
		r.cr = cr;
		r.clip = NULL;
		r.batch = NULL;
		cairo_destroy(c2);
		cairo_surface_flush(img);
		cairo_surface_destroy(img);
		/* at most 256 colours: the PDF's copy deflates 2-3 times smaller and
		 * the SVG's PNG needs no second reduction */
		render_quantize(ly->px, ly->w, ly->h, ly->stride);
		if (with_png) {
			struct hp_buf b;

			hp_buf_init(&b);
			if (render_png_encode(ly->px, ly->w, ly->h, ly->stride, 0, f, o, 0,
			    &b) == 0) {
				ly->png = (unsigned char *)b.s;
				ly->pnglen = b.len;
			} else
				hp_buf_release(&b);
		}
	}
	free(batch.v);
	layout_release(f, &L);
	rctx_release(&r);
	cairo_destroy(cr);
	cairo_surface_destroy(scratch);
	return c;
}

void
render_cache_free(struct render_cache *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].px);
		free(c->v[i].png);
	}
	free(c->v);
	free(c);
}

/* Paints a layer in place of its panel's background, grid and marks. */
static void
paint_layer(struct rctx *r, const struct render_cache *c, const struct render_layer *ly)
{
	cairo_t *cr = r->cr;
	cairo_surface_t *img;

	/* a surface of our own over the shared pixels: formats draw at once */
	img = cairo_image_surface_create_for_data(ly->px, CAIRO_FORMAT_ARGB32,
	    ly->w, ly->h, ly->stride);
	if (r->svg && ly->png)	/* Cairo embeds these bytes, not a new PNG */
		cairo_surface_set_mime_data(img, CAIRO_MIME_TYPE_PNG, ly->png,
		    ly->pnglen, NULL, NULL);
	cairo_save(cr);
	cairo_rectangle(cr, ly->clip[0], ly->clip[1], ly->clip[2], ly->clip[3]);
	cairo_clip(cr);
	cairo_translate(cr, ly->x0 / c->sx, ly->y0 / c->sy);
	cairo_scale(cr, 1 / c->sx, 1 / c->sy);
	cairo_set_source_surface(cr, img, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr),
	    r->vector ? CAIRO_FILTER_GOOD : CAIRO_FILTER_NEAREST);
	cairo_paint(cr);
	cairo_restore(cr);
	cairo_surface_destroy(img);
}

int
render_draw_cached(const struct fig *f, const struct render_cache *c, cairo_t *cr,
    double width, double height, const struct render_opts *o, struct hp_err *err)
{
	struct render_opts def;
	struct rctx r;
	struct layout L;
	cairo_surface_type_t st;
	cairo_status_t s;

	if (o == NULL) {
		render_opts_defaults(&def);
		o = &def;
	}
	rctx_init(&r, f, cr, width, height, o);
	st = cairo_surface_get_type(cairo_get_target(cr));
	r.vector = st == CAIRO_SURFACE_TYPE_PDF || st == CAIRO_SURFACE_TYPE_SVG ||
	    st == CAIRO_SURFACE_TYPE_PS || st == CAIRO_SURFACE_TYPE_RECORDING;
	r.svg = st == CAIRO_SURFACE_TYPE_SVG;
	cairo_save(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, 0, 0, width, height);
	cairo_fill(cr);
	layout(&r, &L);
	for (size_t i = 0; i < f->npanels; i++) {
		const struct fig_panel *p = &f->panels[i];
		const struct pplan *pp = &L.p[i];
		const struct render_layer *ly = c && i < c->n && c->v[i].px ? &c->v[i] : NULL;

		if (p->empty || pp->plot.w <= 0 || pp->plot.h <= 0)
			continue;
		if (ly) {
			paint_layer(&r, c, ly);
			for (size_t j = 0; j < p->nmarks; j++)
				if (!layerable(&p->marks[j]))
					draw_mark(&r, p, &pp->plot, &p->marks[j]);
		} else {
			draw_grid(&r, p, pp);
			for (size_t j = 0; j < p->nmarks; j++)
				draw_mark(&r, p, &pp->plot, &p->marks[j]);
		}
		draw_axes(&r, p, pp);
		if (p->nvaxes)
			draw_vaxes(&r, p, pp);
	}
	draw_legend(&r, &L);
	if (f->cbar.on)
		draw_cbar(&r, &L);
	if (f->title && *f->title)
		draw_text(&r, f->title, width / 2, L.title_y, r.fs_title, 1,
		    width - 2 * r.pad, 0, -1, 0, ink_text);
	for (size_t i = 0; i < f->nnotes; i++)
		draw_text(&r, f->notes[i], r.pad, L.notes_y +
		    (double)i * (line_h(&r, r.fs_note) + 1), r.fs_note, 0,
		    width - 2 * r.pad, -1, -1, 0, ink_note);
	cairo_restore(cr);
	layout_release(f, &L);
	rctx_release(&r);
	s = cairo_status(cr);
	if (s != CAIRO_STATUS_SUCCESS)
		return hp_err_set(err, "drawing %s: %s", f->name ? f->name : "figure",
		    cairo_status_to_string(s));
	return 0;
}

int
render_draw(const struct fig *f, cairo_t *cr, double width, double height,
    const struct render_opts *o, struct hp_err *err)
{
	cairo_surface_type_t st = cairo_surface_get_type(cairo_get_target(cr));
	struct render_cache *c = NULL;
	double px = (o && o->dpi > 0 ? o->dpi : 144) / 72;
	int rc;

	/* an image is drawn directly; vector surfaces get layers when dense */
	if (st != CAIRO_SURFACE_TYPE_IMAGE)
		c = render_cache_layers(f, width, height, px, px, o,
		    st == CAIRO_SURFACE_TYPE_SVG);
	rc = render_draw_cached(f, c, cr, width, height, o, err);
	render_cache_free(c);
	return rc;
}

int
render_layout(const struct fig *f, double width, double height,
    const struct render_opts *o, double *rects, struct hp_err *err)
{
	struct render_opts def;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
	cairo_t *cr = cairo_create(s);
	struct rctx r;
	struct layout L;

	if (o == NULL) {
		render_opts_defaults(&def);
		o = &def;
	}
	memset(&r, 0, sizeof(r));
	r.cr = cr;
	r.f = f;
	r.W = width;
	r.H = height;
	r.paper = o->style == RENDER_STYLE_PAPER;
	rctx_text_init(&r, o);
	layout(&r, &L);
	for (size_t i = 0; i < f->npanels; i++) {
		rects[4 * i] = L.p[i].plot.x;
		rects[4 * i + 1] = L.p[i].plot.y;
		rects[4 * i + 2] = L.p[i].plot.w;
		rects[4 * i + 3] = L.p[i].plot.h;
	}
	layout_release(f, &L);
	pango_font_description_free(r.fd);
	g_object_unref(r.pc);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	(void)err;
	return 0;
}
