/*
 * shape: the look of a mark shared by the Cairo marks (marks.c), the
 * software rasterizer (raster.c) and the legend (axes.c): marker outlines,
 * dash patterns and a mark's colour (its own, or from the colour bar).
 */
#include <math.h>

#include "internal.h"

/* Figure width (points) at and above which markers keep their size: 7 in. */
#define MARK_REF_WIDTH	504

double
rnd_mark_scale(double width)
{
	/* the diameter as the square root: a marker's area in proportion to
	 * the width, so that narrow figures do not drown in their markers
	 * and markers stay distinct from the text, which does not shrink */
	double s = sqrt(width / MARK_REF_WIDTH);

	if (!(s < 1))	/* also a width that is not a number */
		return 1;
	return s < 0.6 ? 0.6 : s;
}

struct fig_rgba
rnd_mark_color(const struct fig *f, const struct fig_mark *m, double c)
{
	struct fig_rgba col;

	if (isnan(c) || !f->cbar.on)
		return m->color;
	col = fig_colorbar_color(&f->cbar, c);
	col.a = m->color.a;
	return col;
}

void
rnd_set_dash(cairo_t *cr, int dash, double lw)
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

void
rnd_shape_path(cairo_t *cr, enum fig_shape s, double x, double y, double d)
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

void
rnd_fill_as_mark(cairo_t *cr, const struct fig_mark *m, struct fig_rgba fill)
{
	rnd_set_rgba(cr, fill);
	if (m->stroke.a > 0) {
		cairo_fill_preserve(cr);
		rnd_set_rgba(cr, m->stroke);
		cairo_set_line_width(cr, m->stroke_width);
		cairo_stroke(cr);
	} else
		cairo_fill(cr);
}

/* One marker drawn with paths (vector output). */
void
rnd_marker_path(cairo_t *cr, const struct fig_mark *m, double x, double y,
    struct fig_rgba fill)
{
	cairo_new_path(cr);
	rnd_shape_path(cr, m->shape, x, y, m->size);
	rnd_set_rgba(cr, fill);
	if (m->stroke.a > 0) {
		cairo_fill_preserve(cr);
		rnd_set_rgba(cr, m->stroke);
		cairo_stroke(cr);
	} else
		cairo_fill(cr);
}
