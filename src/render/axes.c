/*
 * axes: what frames the marks -- grid lines, axis lines, ticks and their
 * labels, axis and panel titles, the parallel-coordinate axes, the colour
 * bar and the legend -- drawn from the plans rnd_layout() made (layout.c).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

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

/* Room the x (y = 0) or y axis title of panel i has: across its plot
 * (the only panel's: the figure's width), or along it. */
static double
title_room(const struct rnd_rctx *r, size_t i, int y)
{
	const struct rnd_rect *pr = &r->L->p[i].plot;

	if (y)
		return pr->h + 10;
	return r->f->npanels == 1 ? r->W - 2 * r->pad : pr->w + 4;
}

/* Whether c ends a part of a name ("encoder__", "Objective "). */
static int
is_sep(char c)
{
	return c == '_' || c == '.' || c == ' ' || c == '/' || c == '-' || c == ':';
}

/* The longer of best and the bytes of the prefix of s, ending at a
 * separator, that t (another name) shares. */
static size_t
prefix_with(const char *s, const char *t, size_t best)
{
	size_t k = 0, end = 0;

	if (t == NULL || strcmp(s, t) == 0)
		return best;
	for (; s[k] && s[k] == t[k]; k++)
		if (is_sep(s[k]))
			end = k + 1;
	return end > best ? end : best;
}

/* Bytes of the longest prefix of s, ending at a separator, that another
 * axis title of f (a different one; parallel axes' too) shares. */
static size_t
shared_prefix(const struct fig *f, const char *s)
{
	size_t best = 0;

	for (size_t i = 0; i < f->npanels; i++)
		for (size_t y = 0; y < 2 + f->panels[i].nvaxes; y++)
			best = prefix_with(s, y == 0 ? f->panels[i].x.title : y == 1 ?
			    f->panels[i].y.title : f->panels[i].vaxes[y - 2].title, best);
	return best;
}

/* The label of tick t of axis a (plan ap) as drawn: names (categories:
 * parallel coordinates' params, importances' bars) cut as titles are. */
static const char *
tick_name(struct rnd_rctx *r, const struct fig_axis *a, const struct rnd_axplan *ap,
    const struct fig_tick *t, char *out, size_t n)
{
	size_t skip = 0;

	if (a->scale != FIG_CATEGORICAL || ap->maxw <= 0) {
		snprintf(out, n, "%s", t->label);
		return out;
	}
	for (size_t k = 0; k < ap->t.n; k++)
		skip = prefix_with(t->label, ap->t.v[k].label, skip);
	rnd_shorten(r, t->label, skip, r->fs_tick, 0, ap->maxw, out, n);
	return out;
}

const char *
rnd_axis_title(struct rnd_rctx *r, size_t i, int y, char *out, size_t n)
{
	const struct fig *f = r->f;
	const char *s = y ? f->panels[i].y.title : f->panels[i].x.title;
	double room = title_room(r, i, y);

	if (s == NULL) {
		snprintf(out, n, "%s", "");
		return out;
	}
	for (size_t k = 0; k < f->npanels; k++)
		for (int b = 0; b < 2; b++) {
			const struct fig_axis *a = b ? &f->panels[k].y : &f->panels[k].x;

			if (f->panels[k].empty || !(a->show & FIG_SHOW_TITLE) ||
			    a->title == NULL || strcmp(a->title, s) != 0)
				continue;
			room = fmin(room, title_room(r, k, b));
		}
	rnd_shorten(r, s, shared_prefix(f, s), r->fs_label, 0, room, out, n);
	return out;
}

void
rnd_draw_grid(struct rnd_rctx *r, const struct fig_panel *p, const struct rnd_pplan *pp)
{
	cairo_t *cr = r->cr;
	const struct rnd_rect *pr = &pp->plot;

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
				double x = rnd_map_x(p, pr, t->v);

				if (t->major != pass || (!pass && (p->x.scale != FIG_LOG ||
				    decade_len(&p->x, pr->w) < 60)))
					continue;
				if (x > pr->x + 0.5 && x < pr->x + pr->w - 0.5)
					vline(cr, x, pr->y, pr->y + pr->h);
			}
		if (p->y.show & FIG_SHOW_GRID)
			for (size_t i = 0; i < pp->y.t.n; i++) {
				const struct fig_tick *t = &pp->y.t.v[i];
				double y = rnd_map_y(p, pr, t->v);

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

void
rnd_draw_axes(struct rnd_rctx *r, const struct fig_panel *p, const struct rnd_pplan *pp)
{
	cairo_t *cr = r->cr;
	const struct rnd_rect *pr = &pp->plot;
	double gap = 3, lt = rnd_line_h(r, r->fs_label);
	char name[512];

	cairo_save(cr);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
	cairo_set_line_width(cr, r->lw_axis);
	if (p->frame) {
		cairo_set_source_rgb(cr, 0.70, 0.70, 0.72);
		cairo_rectangle(cr, pr->x, pr->y, pr->w, pr->h);
		cairo_stroke(cr);
	}
	rnd_set_rgba(cr, rnd_ink_tick);
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
			double x = rnd_map_x(p, pr, pp->x.t.v[i].v);
			double len = pp->x.t.v[i].major ? r->tick_len : r->tick_len * 0.55;

			if (x >= pr->x - 0.01 && x <= pr->x + pr->w + 0.01)
				vline(cr, x, pr->y + pr->h, pr->y + pr->h + len);
		}
	if (p->y.show & FIG_SHOW_LINE)
		for (size_t i = 0; i < pp->y.t.n; i++) {
			double y = rnd_map_y(p, pr, pp->y.t.v[i].v);
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
			double x = rnd_map_x(p, pr, t->v), y = pr->y + pr->h + r->tick_len + gap;

			if (!t->label[0] || x < pr->x - 0.01 || x > pr->x + pr->w + 0.01)
				continue;
			tick_name(r, &p->x, &pp->x, t, name, sizeof(name));
			if (pp->x.angle == 0)
				rnd_draw_text(r, name, x, y, r->fs_tick, 0, pp->x.maxw, 0, -1, 0, rnd_ink_tick);
			else
				rnd_draw_text(r, name, x + (pp->x.angle == 90 ? 0 : 2), y,
				    r->fs_tick, 0, pp->x.maxw, 1, pp->x.angle == 90 ? 0 : -1,
				    pp->x.angle, rnd_ink_tick);
		}
	if (p->y.show & FIG_SHOW_LABELS)
		for (size_t i = 0; i < pp->y.t.n; i++) {
			const struct fig_tick *t = &pp->y.t.v[i];
			double y = rnd_map_y(p, pr, t->v);

			if (!t->label[0] || y < pr->y - 0.01 || y > pr->y + pr->h + 0.01)
				continue;
			rnd_draw_text(r, tick_name(r, &p->y, &pp->y, t, name, sizeof(name)),
			    pr->x - r->tick_len - gap, y, r->fs_tick, 0,
			    pp->y.maxw, 1, 0, 0, rnd_ink_tick);
		}
	/* axis titles */
	if ((p->x.show & FIG_SHOW_TITLE) && p->x.title) {
		double y = pr->y + pr->h + gap + 1;

		if (p->x.show & FIG_SHOW_LABELS)
			y += r->tick_len + gap + pp->x.extent;
		else if (p->x.show & FIG_SHOW_LINE)
			y += r->tick_len;
		double cx = pr->x + pr->w / 2, maxw = pr->w + 4, tw, th;

		/* the only panel's title may take the figure's width, centred
		 * under the plot as far as the canvas lets it */
		rnd_axis_title(r, (size_t)(p - r->f->panels), 0, name, sizeof(name));
		if (r->f->npanels == 1) {
			maxw = r->W - 2 * r->pad;
			rnd_measure(r, name, r->fs_label, 0, maxw, &tw, &th);
			cx = fmin(fmax(cx, r->pad + tw / 2), r->W - r->pad - tw / 2);
		}
		rnd_draw_text(r, name, cx, y, r->fs_label, 0, maxw, 0, -1, 0, rnd_ink_text);
	}
	if ((p->y.show & FIG_SHOW_TITLE) && p->y.title) {
		double x = pr->x - gap - 2;

		if (p->y.show & FIG_SHOW_LABELS)
			x -= r->tick_len + gap + pp->y.extent;
		else if (p->y.show & FIG_SHOW_LINE)
			x -= r->tick_len;
		rnd_draw_text(r, rnd_axis_title(r, (size_t)(p - r->f->panels), 1, name,
		    sizeof(name)), x - lt, pr->y + pr->h / 2, r->fs_label, 0,
		    pr->h + 10, 0, -1, 90, rnd_ink_text);
	}
	if (p->title)
		rnd_draw_text(r, p->title, pr->x + pr->w / 2, pr->y - 4 -
		    (pp->need[2] - rnd_line_h(r, r->fs_ptitle) - 5), r->fs_ptitle, 1,
		    pr->w + 10, 0, 1, 0, rnd_ink_text);
}

/* Parallel-coordinate axes: each with its own ticks over the panel height. */
void
rnd_draw_vaxes(struct rnd_rctx *r, const struct fig_panel *p, const struct rnd_pplan *pp)
{
	cairo_t *cr = r->cr;
	const struct rnd_rect *pr = &pp->plot;
	double lh = rnd_line_h(r, r->fs_tick);

	for (size_t j = 0; j < p->nvaxes; j++) {
		const struct fig_axis *a = &p->vaxes[j];
		const struct rnd_axplan *ap = &pp->v[j];
		double x = rnd_map_x(p, pr, p->vaxes_x[j]), spacing = pr->w;

		if (!isfinite(x))
			continue;
		for (size_t k = 0; k < p->nvaxes; k++) {
			double d = fabs(rnd_map_x(p, pr, p->vaxes_x[k]) - x);

			if (k != j && d < spacing)
				spacing = d;
		}
		cairo_save(cr);
		rnd_set_rgba(cr, rnd_ink_tick);
		cairo_set_line_width(cr, r->lw_axis * 1.2);
		cairo_new_path(cr);
		vline(cr, x, pr->y, pr->y + pr->h);
		cairo_stroke(cr);
		cairo_set_line_width(cr, r->lw_axis);
		for (size_t i = 0; i < ap->t.n; i++) {
			const struct fig_tick *t = &ap->t.v[i];
			double y = rnd_map_y(p, pr, fig_axis_frac(a, t->v));
			double len = t->major ? r->tick_len : r->tick_len * 0.55;

			if (y < pr->y - 0.01 || y > pr->y + pr->h + 0.01)
				continue;
			cairo_new_path(cr);
			hline(cr, x - len, x, y);
			cairo_stroke(cr);
			if (t->major && t->label[0] && (a->show & FIG_SHOW_LABELS)) {
				double w, h, maxw = ap->maxw;
				PangoLayout *l;

				l = rnd_mklayout(r, t->label, r->fs_tick, 0, maxw);
				rnd_layout_size(l, &w, &h);
				g_object_unref(l);
				/* a soft halo keeps labels legible over the lines */
				cairo_set_source_rgba(cr, 1, 1, 1, 0.78);
				cairo_rectangle(cr, x - len - 2 - w - 1.5, y - h / 2, w + 3, h);
				cairo_fill(cr);
				rnd_draw_text(r, t->label, x - len - 2, y, r->fs_tick, 0, maxw,
				    1, 0, 0, rnd_ink_text);
				rnd_set_rgba(cr, rnd_ink_tick);
			}
		}
		cairo_restore(cr);
		if (a->title && (a->show & FIG_SHOW_TITLE)) {
			char name[512];

			rnd_shorten(r, a->title, shared_prefix(r->f, a->title), r->fs_tick, 1,
			    spacing > 20 ? spacing - 4 : 20, name, sizeof(name));
			rnd_draw_text(r, name, x, pr->y - 4, r->fs_tick, 1,
			    spacing > 20 ? spacing - 4 : 20, 0, 1, 0, rnd_ink_text);
		}
	}
	(void)lh;
}

/* Step k (0 = the low end) of a continuous colour bar. */
static struct fig_rgba
cbar_step(const struct fig_colorbar *cb, int k)
{
	double u = (k + 0.5) / RND_CBAR_STEPS;

	return fig_cmap_at(cb->cmap, cb->reversed ? 1 - u : u);
}

int
rnd_cbar_colours(const struct fig *f, uint32_t *out, int max)
{
	const struct fig_colorbar *cb = &f->cbar;
	int banded = cb->discrete && cb->levels && cb->nlevels >= 2, n;
	cairo_surface_t *s;
	cairo_t *cr;

	if (!cb->on)
		return 0;
	n = banded ? (int)cb->nlevels - 1 : RND_CBAR_STEPS;
	n = n < max ? n : max;
	if (n <= 0)
		return 0;
	/* a pixel each, painted as rnd_draw_cbar paints them */
	s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, n, 1);
	cr = cairo_create(s);
	for (int k = 0; k < n; k++) {
		rnd_set_rgba(cr, banded ? fig_colorbar_color(cb, cb->levels[k]) : cbar_step(cb, k));
		cairo_rectangle(cr, k, 0, 1, 1);
		cairo_fill(cr);
	}
	cairo_destroy(cr);
	cairo_surface_flush(s);
	for (int k = 0; k < n; k++)
		out[k] = ((const uint32_t *)(const void *)cairo_image_surface_get_data(s))[k] & 0xffffff;
	cairo_surface_destroy(s);
	return n;
}

void
rnd_draw_cbar(struct rnd_rctx *r, const struct rnd_layout *L)
{
	const struct fig_colorbar *cb = &r->f->cbar;
	cairo_t *cr = r->cr;
	const struct rnd_rect *b = &L->cbar;
	double gap = 3;

	if (b->h <= 0)
		return;
	cairo_save(cr);
	if (cb->discrete && cb->levels && cb->nlevels >= 2) {
		for (size_t k = 0; k + 1 < cb->nlevels; k++) {
			double u0 = fig_axis_frac(&L->cbaxis, cb->levels[k]);
			double u1 = fig_axis_frac(&L->cbaxis, cb->levels[k + 1]);

			u0 = fmax(0, fmin(1, u0));
			u1 = fmax(0, fmin(1, u1));
			rnd_set_rgba(cr, fig_colorbar_color(cb, cb->levels[k]));
			cairo_rectangle(cr, b->x, b->y + (1 - u1) * b->h, b->w, (u1 - u0) * b->h);
			cairo_fill(cr);
		}
		/* thin white separators between bands */
		cairo_set_source_rgba(cr, 1, 1, 1, 0.8);
		cairo_set_line_width(cr, 0.5);
		for (size_t k = 1; k + 1 < cb->nlevels; k++) {
			double u = fig_axis_frac(&L->cbaxis, cb->levels[k]);

			if (u > 0 && u < 1) {
				cairo_new_path(cr);
				hline(cr, b->x, b->x + b->w, b->y + (1 - u) * b->h);
				cairo_stroke(cr);
			}
		}
	} else {
		/* RND_CBAR_STEPS flat steps, each a colour the PNG palette keeps
		 * exactly (rnd_cbar_colours), where a smooth gradient's ~800
		 * colours would be cut into visible stripes; top step first,
		 * each reaching down to the bottom, so that an edge's
		 * antialiasing blends two steps, never the background */
		double step = b->h / RND_CBAR_STEPS;
		int image = cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE;

		for (int k = RND_CBAR_STEPS - 1; k >= 0; k--) {
			double x = b->x, top = b->y + b->h - (k + 1) * step;

			/* in an image, steps end on whole pixels: no row of blends,
			 * which the palette would not keep */
			if (image) {
				cairo_user_to_device(cr, &x, &top);
				top = round(top);
				cairo_device_to_user(cr, &x, &top);
			}
			rnd_set_rgba(cr, cbar_step(cb, k));
			cairo_rectangle(cr, b->x, top, b->w, b->y + b->h - top);
			cairo_fill(cr);
		}
	}
	cairo_set_source_rgb(cr, 0.70, 0.70, 0.72);
	cairo_set_line_width(cr, r->lw_axis * 0.8);
	cairo_rectangle(cr, b->x, b->y, b->w, b->h);
	cairo_stroke(cr);
	rnd_set_rgba(cr, rnd_ink_tick);
	cairo_set_line_width(cr, r->lw_axis * 0.9);
	for (size_t i = 0; i < L->cb.t.n; i++) {
		const struct fig_tick *t = &L->cb.t.v[i];
		double u = fig_axis_frac(&L->cbaxis, t->v), y = b->y + (1 - u) * b->h;

		if (u < -0.001 || u > 1.001)
			continue;
		cairo_new_path(cr);
		hline(cr, b->x + b->w, b->x + b->w + (t->major ? r->tick_len : r->tick_len * 0.55), y);
		cairo_stroke(cr);
		if (t->major && t->label[0])
			rnd_draw_text(r, t->label, b->x + b->w + r->tick_len + gap, y,
			    r->fs_tick, 0, L->cb.maxw, -1, 0, 0, rnd_ink_tick);
	}
	cairo_restore(cr);
	if (cb->title)
		rnd_draw_text(r, cb->title, b->x + b->w + r->tick_len + gap + L->cb.extent + 6,
		    b->y + b->h / 2, r->fs_label, 0, b->h, 0, -1, 90, rnd_ink_text);
}

void
rnd_draw_legend(struct rnd_rctx *r, const struct rnd_layout *L)
{
	cairo_t *cr = r->cr;
	const struct rnd_rect *b = &L->legbox;
	double lh = rnd_line_h(r, r->fs_tick);

	if (L->nleg == 0)
		return;
	cairo_save(cr);
	cairo_set_source_rgba(cr, 1, 1, 1, 0.88);
	cairo_rectangle(cr, b->x, b->y, b->w, b->h);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 0.80, 0.80, 0.82);
	cairo_set_line_width(cr, 0.6);
	cairo_stroke(cr);
	for (size_t i = 0; i < L->nleg; i++) {
		const struct fig_mark *m = L->leg[i].m;
		double sx = b->x + L->leg[i].dx, sy = b->y + L->leg[i].dy + lh / 2;
		struct fig_rgba c = m->color;

		cairo_new_path(cr);
		switch (m->kind) {
		case FIG_MARK_LINE:
		case FIG_MARK_HRULE:
		case FIG_MARK_VRULE:
			if (m->c && m->kind == FIG_MARK_LINE)
				c = rnd_mark_color(r->f, m, m->c[0]);
			hline(cr, sx, sx + 18, sy);
			rnd_set_rgba(cr, c);
			cairo_set_line_width(cr, m->size > 0 ? fmin(m->size, 4) : 1);
			rnd_set_dash(cr, m->dash, m->size);
			cairo_stroke(cr);
			cairo_set_dash(cr, NULL, 0, 0);
			break;
		case FIG_MARK_POINTS:
			if (m->c && r->f->cbar.on)	/* a colour from the middle of the map */
				c = fig_cmap_at(r->f->cbar.cmap, 0.5);
			rnd_shape_path(cr, m->shape, sx + 9, sy,
			    fmax(4, fmin(m->size * rnd_mark_scale(r->W), 9)));
			rnd_fill_as_mark(cr, m, c);
			break;
		default:
			cairo_rectangle(cr, sx + 2, sy - lh * 0.3, 14, lh * 0.6);
			rnd_set_rgba(cr, c);
			cairo_fill(cr);
			break;
		}
		rnd_draw_text(r, m->label, sx + 23, sy, r->fs_tick, 0, 160, -1, 0, 0, rnd_ink_text);
	}
	cairo_restore(cr);
}
