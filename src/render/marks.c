/*
 * marks: draws the marks of a panel (figure.h: points, lines, rectangles,
 * areas, polygons, text, rules) in data coordinates onto the plot area,
 * with Cairo paths; points and thin lines on images go through the
 * software rasterizer (raster.c).
 */
#include <math.h>

#include "internal.h"

static void
draw_line(struct rnd_rctx *r, const struct fig_panel *p, const struct rnd_rect *pr,
    const struct fig_mark *m)
{
	cairo_t *cr = r->cr;
	int pen = 0;
	double lx = 0, ly = 0;

	cairo_new_path(cr);
	for (size_t i = 0; i < m->n; i++) {
		double x = rnd_map_x(p, pr, m->x[i]), y = rnd_map_y(p, pr, m->y[i]);

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
	rnd_set_rgba(cr, rnd_mark_color(r->f, m, m->c ? m->c[0] : NAN));
	cairo_set_line_width(cr, m->size > 0 ? m->size : 1);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	rnd_set_dash(cr, m->dash, m->size);
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
}

static void
draw_rects(struct rnd_rctx *r, const struct fig_panel *p, const struct rnd_rect *pr,
    const struct fig_mark *m)
{
	cairo_t *cr = r->cr;

	for (size_t i = 0; i < m->n; i++) {
		double x0 = rnd_map_x(p, pr, m->x[i]), y0 = rnd_map_y(p, pr, m->y[i]);
		double x1 = rnd_map_x(p, pr, m->x2 ? m->x2[i] : m->x[i]);
		double y1 = rnd_map_y(p, pr, m->y2 ? m->y2[i] : m->y[i]);

		if (!isfinite(x0) || !isfinite(y0) || !isfinite(x1) || !isfinite(y1))
			continue;
		cairo_new_path(cr);
		cairo_rectangle(cr, fmin(x0, x1), fmin(y0, y1), fabs(x1 - x0), fabs(y1 - y0));
		rnd_fill_as_mark(cr, m, rnd_mark_color(r->f, m, m->c ? m->c[i] : NAN));
	}
}

static void
draw_area(struct rnd_rctx *r, const struct fig_panel *p, const struct rnd_rect *pr,
    const struct fig_mark *m)
{
	cairo_t *cr = r->cr;
	size_t i = 0;

	rnd_set_rgba(cr, rnd_mark_color(r->f, m, m->c ? m->c[0] : NAN));
	while (i < m->n) {
		size_t j = i;

		/* a run of finite samples; NaN splits the band */
		while (j < m->n && isfinite(m->x[j]) && isfinite(m->y[j]) &&
		    (m->y2 == NULL || isfinite(m->y2[j])))
			j++;
		if (j - i >= 2) {
			cairo_new_path(cr);
			for (size_t k = i; k < j; k++)
				cairo_line_to(cr, rnd_map_x(p, pr, m->x[k]), rnd_map_y(p, pr, m->y[k]));
			for (size_t k = j; k-- > i;)
				cairo_line_to(cr, rnd_map_x(p, pr, m->x[k]),
				    rnd_map_y(p, pr, m->y2 ? m->y2[k] : 0));
			cairo_close_path(cr);
			cairo_fill(cr);
		}
		i = j + 1;
	}
}

static void
draw_polygons(struct rnd_rctx *r, const struct fig_panel *p, const struct rnd_rect *pr,
    const struct fig_mark *m)
{
	cairo_t *cr = r->cr;

	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
	for (size_t k = 0; k < m->npoly; k++) {
		size_t a = m->off[k], b = m->off[k + 1];
		struct fig_rgba col = rnd_mark_color(r->f, m, m->c ? m->c[k] : NAN);
		int pen = 0;

		if (b > m->n)
			b = m->n;
		cairo_new_path(cr);
		for (size_t i = a; i < b; i++) {
			double x = rnd_map_x(p, pr, m->x[i]), y = rnd_map_y(p, pr, m->y[i]);

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
		rnd_set_rgba(cr, col);
		if (m->stroke.a > 0) {
			cairo_fill_preserve(cr);
			rnd_set_rgba(cr, m->stroke);
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

void
rnd_draw_mark(struct rnd_rctx *r, const struct fig_panel *p, const struct rnd_rect *pr,
    const struct fig_mark *m)
{
	cairo_t *cr = r->cr;

	if (m->kind == FIG_MARK_LINE && rnd_draw_line_fast(r, p, pr, m))
		return;
	rnd_batch_flush(r);		/* what waits is drawn first */
	cairo_save(cr);
	if (!m->no_clip) {
		const struct rnd_rect *c = r->clip ? r->clip : pr;

		cairo_rectangle(cr, c->x, c->y, c->w, c->h);
		cairo_clip(cr);
	}
	switch (m->kind) {
	case FIG_MARK_POINTS: {
		struct fig_mark sm = *m;	/* the same points, sized for the figure */

		sm.size = m->size * rnd_mark_scale(r->W);
		rnd_draw_points_on(cr, r->f, p, pr, &sm, r->batch != NULL);
		break;
	}
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
			double x = rnd_map_x(p, pr, m->x[i]), y = rnd_map_y(p, pr, m->y[i]);

			if (m->text && m->text[i] && isfinite(x) && isfinite(y))
				rnd_draw_text(r, m->text[i], x, y, r->fs_annot, 0, 0,
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
			double y = rnd_map_y(p, pr, m->y[0]);

			cairo_move_to(cr, pr->x, y);
			cairo_line_to(cr, pr->x + pr->w, y);
		} else {
			double x = rnd_map_x(p, pr, m->x[0]);

			cairo_move_to(cr, x, pr->y);
			cairo_line_to(cr, x, pr->y + pr->h);
		}
		rnd_set_rgba(cr, m->color);
		cairo_set_line_width(cr, m->size > 0 ? m->size : 1);
		rnd_set_dash(cr, m->dash, m->size);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		break;
	}
	cairo_restore(cr);
}
