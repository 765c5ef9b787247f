/*
 * test_raster: the renderer's software rasterizer (src/render/raster.c)
 * against Cairo drawing the same marks with paths.  Markers (every shape,
 * with and without an outline, opaque and translucent) stamped from the
 * coverage masks of a raster layer and from sprites, and thin lines
 * (widths of 1 to 3 pixels, steep and shallow, sharp joints, a NaN gap,
 * translucent overlaps) drawn by raster_segment, are compared pixel by
 * pixel with Cairo's fill, stroke and round-capped, round-joined polylines
 * of the same geometry, in colour and in coverage (the share of a pixel
 * painted).  The rasterizer is internal, so this test reads
 * src/render/internal.h.
 * Set HP_RENDER_KEEP=DIR to keep the images for looking at them.
 */
#include "testutil.h"

#include "hpreport/figure.h"
#include "../../src/render/internal.h"

#define W	200		/* plot area, points */
#define H	140
#define S	2		/* device pixels per point, as a 144 dpi layer */

struct diff {
	double	 mean;		/* mean |a - b| over inked pixels, 0..1 per channel */
	double	 max;		/* the largest |a - b| of any channel, 0..1 */
	size_t	 inked;		/* pixels either image painted */
	int	 mx, my;	/* where max is, device pixels */
	double	 cov_max;	/* one colour over white: the largest coverage */
	double	 cov_mean;	/*   difference, and the mean over inked pixels */
	double	 ink_a, ink_b;	/* sum of 1 - value over pixels and channels */
};

static cairo_surface_t *
white_image(cairo_t **cr)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, W * S, H * S);

	*cr = cairo_create(s);
	cairo_set_source_rgb(*cr, 1, 1, 1);
	cairo_paint(*cr);
	cairo_scale(*cr, S, S);
	return s;
}

static void
keep(cairo_surface_t *s, const char *name)
{
	const char *dir = getenv("HP_RENDER_KEEP");
	char path[1200];

	if (dir == NULL)
		return;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	cairo_surface_write_to_png(s, path);
}

/* Keeps, side by side and 8 times enlarged, the 40 x 30 pixels of a and
 * b around (cx, cy): where they differ most. */
static void
keep_zoom(cairo_surface_t *a, cairo_surface_t *b, int cx, int cy, const char *name)
{
	cairo_surface_t *z;
	cairo_t *cr;

	if (getenv("HP_RENDER_KEEP") == NULL)
		return;
	z = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 2 * 40 * 8 + 8, 30 * 8);
	cr = cairo_create(z);
	cairo_set_source_rgb(cr, 1, 0, 0);
	cairo_paint(cr);
	for (int k = 0; k < 2; k++) {
		cairo_save(cr);
		cairo_translate(cr, k * (40 * 8 + 8), 0);
		cairo_rectangle(cr, 0, 0, 40 * 8, 30 * 8);
		cairo_clip(cr);
		cairo_scale(cr, 8, 8);
		cairo_set_source_surface(cr, k ? b : a, -(cx - 20), -(cy - 15));
		cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);
		cairo_paint(cr);
		cairo_restore(cr);
	}
	cairo_destroy(cr);
	keep(z, name);
	cairo_surface_destroy(z);
}

/* a and b compared; with one colour col drawn over white, also in
 * coverage (the share of a pixel painted), from the channel col changes
 * most. */
static struct diff
compare(cairo_surface_t *a, cairo_surface_t *b, const struct fig_rgba *col)
{
	double span = 0, csum = 0;
	int ch = 0;
	const unsigned char *pa, *pb;
	int stride = cairo_image_surface_get_stride(a);
	struct diff d;
	double sum = 0;

	memset(&d, 0, sizeof(d));
	if (col) {
		double v[3] = { col->b, col->g, col->r };	/* ARGB32 byte order */

		for (int c = 0; c < 3; c++)
			if (col->a * (1 - v[c]) > span) {
				span = col->a * (1 - v[c]);
				ch = c;
			}
	}
	cairo_surface_flush(a);
	cairo_surface_flush(b);
	pa = cairo_image_surface_get_data(a);
	pb = cairo_image_surface_get_data(b);
	for (int y = 0; y < H * S; y++)
		for (int x = 0; x < W * S; x++) {
			uint32_t va = *(const uint32_t *)(const void *)(pa + (size_t)y * (size_t)stride + 4 * (size_t)x);
			uint32_t vb = *(const uint32_t *)(const void *)(pb + (size_t)y * (size_t)stride + 4 * (size_t)x);

			if ((va & 0xffffff) == 0xffffff && (vb & 0xffffff) == 0xffffff)
				continue;
			d.inked++;
			for (int c = 0; c < 3; c++) {
				double e = fabs((double)(va >> (8 * c) & 255) -
				    (double)(vb >> (8 * c) & 255)) / 255;

				sum += e / 3;
				if (e > d.max) {
					d.max = e;
					d.mx = x;
					d.my = y;
				}
				d.ink_a += 1 - (double)(va >> (8 * c) & 255) / 255;
				d.ink_b += 1 - (double)(vb >> (8 * c) & 255) / 255;
			}
			if (span > 0) {
				double e = fabs((double)(va >> (8 * ch) & 255) -
				    (double)(vb >> (8 * ch) & 255)) / 255 / span;

				csum += e;
				d.cov_max = e > d.cov_max ? e : d.cov_max;
			}
		}
	d.mean = d.inked ? sum / (double)d.inked : 0;
	d.cov_mean = d.inked ? csum / (double)d.inked : 0;
	return d;
}

/* A figure of one panel whose data units are the plot area's points, y up. */
static struct fig_panel *
plain_fig(struct fig *f, struct rnd_rect *pr)
{
	struct fig_panel *p;

	fig_init(f, "raster", NULL, W, H);
	p = fig_add_panel(f, 0, 0);
	fig_axis_linear(&p->x, 0, W, NULL);
	fig_axis_linear(&p->y, 0, H, NULL);
	pr->x = pr->y = 0;
	pr->w = W;
	pr->h = H;
	return p;
}

/*
 * 48 markers of one shape in two rows, overlapping their neighbours.  With
 * centred != 0 each centre falls on a pixel centre, where the rasterizer
 * places it exactly; otherwise anywhere (it snaps them to pixels, at most
 * half a pixel away).
 */
static void
add_markers(struct fig_panel *p, enum fig_shape shape, int outlined, int centred)
{
	double x[48], y[48];
	struct fig_mark *m;

	for (int i = 0; i < 48; i++) {
		x[i] = 8 + (i % 24) * 7.5 + (centred ? 0.25 : 0.137 * (i % 5));
		y[i] = 20 + (i / 24) * 60 + (i % 2) * 4 + (centred ? 0.25 : 0.31 * (i % 3));
	}
	m = fig_add_mark(p, FIG_MARK_POINTS, x, y, 48);
	m->shape = shape;
	m->size = 7 + 3 * outlined;
	if (outlined) {
		m->color = (struct fig_rgba){ 0.95, 0.35, 0.1, 0.55 };
		m->stroke = (struct fig_rgba){ 0.1, 0.1, 0.3, 0.9 };
		m->stroke_width = 0.8;
	} else {
		m->color = (struct fig_rgba){ 0.15, 0.3, 0.75, 1 };
		m->stroke.a = 0;
	}
}

/* Cairo's own drawing of points mark m: each marker a path. */
static void
cairo_points(cairo_t *cr, const struct fig_panel *p, const struct rnd_rect *pr,
    const struct fig_mark *m)
{
	cairo_set_line_width(cr, m->stroke_width > 0 ? m->stroke_width : 0.5);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
	for (size_t i = 0; i < m->n; i++)
		rnd_marker_path(cr, m, rnd_map_x(p, pr, m->x[i]), rnd_map_y(p, pr, m->y[i]), m->color);
}

static void
check_markers(int outlined, int centred, double max_mean, double max_dev)
{
	static const enum fig_shape shapes[] = { FIG_SHAPE_CIRCLE, FIG_SHAPE_SQUARE,
	    FIG_SHAPE_DIAMOND, FIG_SHAPE_TRIANGLE, FIG_SHAPE_STAR, FIG_SHAPE_CROSS };

	for (size_t k = 0; k < sizeof(shapes) / sizeof(shapes[0]); k++) {
		struct fig f;
		struct rnd_rect pr;
		struct fig_panel *p = plain_fig(&f, &pr);
		cairo_t *cl, *cs, *cc;
		cairo_surface_t *layer = white_image(&cl), *sprite = white_image(&cs);
		cairo_surface_t *ref = white_image(&cc);
		struct diff dl, ds;
		char name[64];

		add_markers(p, shapes[k], outlined, centred);
		assert_true(p->marks[0].n > 32);	/* the rasterizer's case */
		rnd_draw_points_on(cl, &f, p, &pr, &p->marks[0], 1);	/* masks */
		rnd_draw_points_on(cs, &f, p, &pr, &p->marks[0], 0);	/* sprites */
		cairo_points(cc, p, &pr, &p->marks[0]);
		dl = compare(layer, ref, NULL);
		ds = compare(sprite, ref, NULL);
		print_message("shape %d outlined %d centred %d: masks mean %.4f max %.3f, "
		    "sprites mean %.4f max %.3f (%zu px)\n", (int)shapes[k], outlined,
		    centred, dl.mean, dl.max, ds.mean, ds.max, dl.inked);
		snprintf(name, sizeof(name), "raster-shape%d-%d%d-masks.png", (int)shapes[k],
		    outlined, centred);
		keep(layer, name);
		snprintf(name, sizeof(name), "raster-shape%d-%d%d-cairo.png", (int)shapes[k],
		    outlined, centred);
		keep(ref, name);
		assert_true(dl.inked > 48 * 30);	/* the markers were drawn */
		assert_true(dl.mean <= max_mean);
		assert_true(dl.max <= max_dev);
		assert_true(ds.mean <= max_mean);
		assert_true(ds.max <= max_dev);
		cairo_destroy(cl);
		cairo_destroy(cs);
		cairo_destroy(cc);
		cairo_surface_destroy(layer);
		cairo_surface_destroy(sprite);
		cairo_surface_destroy(ref);
		fig_release(&f);
	}
}

static void
markers_on_pixel_centres_should_match_cairo(void **state)
{
	(void)state;
	/* the same masks Cairo draws, composited in floating point: rounding */
	check_markers(0, 1, 0.002, 3.0 / 255);
	check_markers(1, 1, 0.002, 3.0 / 255);
}

static void
markers_anywhere_should_stay_within_half_a_pixel_of_cairo(void **state)
{
	(void)state;
	/* snapped up to half a pixel each way: an edge moves by at most
	 * 0.71 px, so no pixel's coverage changes by more than that */
	check_markers(0, 0, 0.1, 0.72);
	check_markers(1, 0, 0.1, 0.72);
}

/* Cairo's own drawing of line mark m: one round-capped, round-joined
 * stroke, NaN starting a new sub-path. */
static void
cairo_line(cairo_t *cr, const struct fig_panel *p, const struct rnd_rect *pr,
    const struct fig_mark *m)
{
	int pen = 0;

	cairo_new_path(cr);
	for (size_t i = 0; i < m->n; i++) {
		double x = rnd_map_x(p, pr, m->x[i]), y = rnd_map_y(p, pr, m->y[i]);

		if (!isfinite(x) || !isfinite(y)) {
			pen = 0;
			continue;
		}
		if (pen)
			cairo_line_to(cr, x, y);
		else
			cairo_move_to(cr, x, y);
		pen = 1;
	}
	rnd_set_rgba(cr, m->color);
	cairo_set_line_width(cr, m->size);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_stroke(cr);
}

/*
 * Polylines in plot points as figures draw them on raster layers --
 * left to right (parallel coordinates, learning curves): steep up and
 * down with sharp turns, mild turns, a NaN gap (several runs: one
 * coverage), nearly flat and nearly vertical -- and, apart, zigzags that
 * double back on themselves.
 */
static const double px_[] = { 5, 45, 85, 125, 165, 195 };
static const double py_[] = { 20, 120, 40, 130, 10, 70 };
static const double wx[] = { 10, 60, 110, 160, 190 };
static const double wy[] = { 40, 70, 55, 90, 80 };
static const double gx[] = { 5, 40, 70, NAN, 110, 140, 195 };
static const double gy[] = { 100, 80, 115, NAN, 90, 120, 60 };
static const double fx[] = { 2, 198 };
static const double fy[] = { 50, 53.7 };
static const double vx[] = { 100.3, 101.1 };
static const double vy[] = { 3, 137 };
static const double zx[] = { 10, 190, 12, 188, 20, 150 };
static const double zy[] = { 12, 30, 60, 70, 128, 20 };
static const double sx[] = { 30, 34, 41, 45, 90, 96 };
static const double sy[] = { 5, 135, 8, 130, 10, 132 };

struct line {
	const double *x, *y;
	size_t n;
	double lw;		/* points: 1..3 device pixels */
	struct fig_rgba col;
};

static const struct line lines[] = {
	{ px_, py_, 6, 0.5, { 0.1, 0.1, 0.1, 1 } },
	{ px_, py_, 6, 1.5, { 0.1, 0.4, 0.8, 0.45 } },
	{ wx, wy, 5, 0.6, { 0, 0, 0, 1 } },
	{ wx, wy, 5, 1.2, { 0.3, 0.1, 0.6, 0.3 } },
	{ gx, gy, 7, 1.0, { 0.9, 0.3, 0.1, 0.7 } },
	{ fx, fy, 2, 0.75, { 0.2, 0.6, 0.2, 1 } },
	{ vx, vy, 2, 1.5, { 0.2, 0.2, 0.6, 0.5 } },
};
static const struct line zigzags[] = {
	{ zx, zy, 6, 0.5, { 0.1, 0.1, 0.1, 1 } },
	{ sx, sy, 6, 1.5, { 0.1, 0.4, 0.8, 0.45 } },
	{ zy, zx, 6, 0.75, { 0.2, 0.6, 0.2, 0.35 } },	/* crosses itself */
};
#define NLINES (sizeof(lines) / sizeof(lines[0]))
#define NZIGZAGS (sizeof(zigzags) / sizeof(zigzags[0]))

/* Lines v[0..n) drawn by the rasterizer and by Cairo, compared. */
static struct diff
lines_diff(const struct line *v, size_t n, const char *name)
{
	struct fig f;
	struct rnd_rect pr;
	struct fig_panel *p = plain_fig(&f, &pr);
	cairo_t *cs, *cc;
	cairo_surface_t *soft = white_image(&cs), *ref = white_image(&cc);
	struct rnd_rctx r;
	struct diff d;
	char path[64];

	for (size_t i = 0; i < n; i++) {
		struct fig_mark *m = fig_add_mark(p, FIG_MARK_LINE, v[i].x, v[i].y, v[i].n);

		m->size = v[i].lw;
		m->color = v[i].col;
	}
	memset(&r, 0, sizeof(r));
	r.cr = cs;
	r.f = &f;
	r.batch = rnd_segbatch_new();
	for (size_t j = 0; j < p->nmarks; j++) {
		/* the rasterizer takes every one of them */
		assert_int_equal(rnd_draw_line_fast(&r, p, &pr, &p->marks[j]), 1);
		cairo_line(cc, p, &pr, &p->marks[j]);
	}
	rnd_batch_flush(&r);
	rnd_segbatch_free(r.batch);
	d = compare(soft, ref, n == 1 ? &v[0].col : NULL);
	if (n == 1)
		print_message("%-8s mean %.4f max %.3f at %d,%d; coverage mean %.4f "
		    "max %.3f; ink %.4f of Cairo's (%zu px)\n", name, d.mean, d.max,
		    d.mx, d.my, d.cov_mean, d.cov_max, d.ink_a / d.ink_b, d.inked);
	else
		print_message("%-8s mean %.4f max %.3f at %d,%d; ink %.4f of Cairo's "
		    "(%zu px)\n", name, d.mean, d.max, d.mx, d.my, d.ink_a / d.ink_b,
		    d.inked);
	snprintf(path, sizeof(path), "raster-%s-soft.png", name);
	keep(soft, path);
	snprintf(path, sizeof(path), "raster-%s-cairo.png", name);
	keep(ref, path);
	snprintf(path, sizeof(path), "raster-%s-zoom.png", name);
	keep_zoom(soft, ref, d.mx, d.my, path);
	cairo_destroy(cs);
	cairo_destroy(cc);
	cairo_surface_destroy(soft);
	cairo_surface_destroy(ref);
	fig_release(&f);
	return d;
}

static void
thin_lines_should_match_cairo(void **state)
{
	struct diff d;

	(void)state;
	for (size_t i = 0; i < NLINES; i++) {
		char name[16];

		snprintf(name, sizeof(name), "line%zu", i);
		d = lines_diff(&lines[i], 1, name);
		/* a box filter across the line, not exact area coverage; at
		 * joints the larger coverage of the two segments, as a round
		 * join (before, a sharp turn was off by a whole pixel) */
		assert_true(d.cov_mean <= 0.03);
		assert_true(d.cov_max <= 0.2);
		assert_near(d.ink_a / d.ink_b, 1, 0.03);
	}
	d = lines_diff(lines, NLINES, "lines");
	assert_true(d.inked > 5000);
	assert_true(d.mean <= 0.015);
	assert_true(d.max <= 0.15);
	assert_near(d.ink_a / d.ink_b, 1, 0.02);
}

static void
zigzags_should_stay_close_to_cairo(void **state)
{
	struct diff d;

	(void)state;
	for (size_t i = 0; i < NZIGZAGS; i++) {
		char name[16];

		snprintf(name, sizeof(name), "zigzag%zu", i);
		d = lines_diff(&zigzags[i], 1, name);
		assert_true(d.cov_mean <= 0.03);
		assert_near(d.ink_a / d.ink_b, 1, 0.03);
		/* hairpin tips: the box filter is coarsest there.  Where a
		 * translucent line crosses itself (the last one) the two
		 * segments are not neighbours and it is blended twice, not
		 * once as Cairo's stroke: lines of figures never do that */
		if (i + 1 < NZIGZAGS)
			assert_true(d.cov_max <= 0.5);
	}
	d = lines_diff(zigzags, NZIGZAGS, "zigzags");
	assert_true(d.mean <= 0.02);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(markers_on_pixel_centres_should_match_cairo),
		cmocka_unit_test(markers_anywhere_should_stay_within_half_a_pixel_of_cairo),
		cmocka_unit_test(thin_lines_should_match_cairo),
		cmocka_unit_test(zigzags_should_stay_close_to_cairo),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
