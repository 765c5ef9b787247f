/*
 * test_geometry: the one axis mapping (fig_scale_frac) and the page's
 * tooltip positions (report_fig_hover, src/report/geometry.c) against
 * where the renderer really paints the marks: a figure of one-point marks
 * in distinct colours on linear, log, categorical and degenerate axes is
 * drawn on an image, each colour's pixels are found, and their centre
 * must be the tooltip's position -- and a mark the renderer does not draw
 * must have no tooltip.
 */
#include "testutil.h"

#include "hpreport/figure.h"
#include "hpreport/render.h"
#include "../../src/report/internal.h"

#define SCALE	2		/* image pixels per point */

static void
scale_frac_should_follow_its_edge_rules(void **state)
{
	(void)state;
	assert_near(fig_scale_frac(FIG_LINEAR, 0, 10, 2.5), 0.25, 1e-12);
	assert_near(fig_scale_frac(FIG_LINEAR, 10, 0, 2.5), 0.75, 1e-12);
	assert_near(fig_scale_frac(FIG_LOG, 1, 1000, 10), 1.0 / 3, 1e-12);
	assert_near(fig_scale_frac(FIG_CATEGORICAL, -0.5, 2.5, 1), 0.5, 1e-12);
	assert_true(isnan(fig_scale_frac(FIG_LINEAR, 0, 1, NAN)));
	assert_true(isnan(fig_scale_frac(FIG_LOG, 1, 10, NAN)));
	/* log: v <= 0 is off the low end; bounds <= 0 become 1 and hi/1000 */
	assert_near(fig_scale_frac(FIG_LOG, 1, 10, 0), -100, 0);
	assert_near(fig_scale_frac(FIG_LOG, 1, 10, -5), -100, 0);
	assert_near(fig_scale_frac(FIG_LOG, 0, 100, 1), 1.0 / 3, 1e-12);
	assert_near(fig_scale_frac(FIG_LOG, -1, -1, 1e-3), 0, 1e-12);
	/* a range of one value: it in the middle, others off the axis */
	assert_near(fig_scale_frac(FIG_LINEAR, 5, 5, 5), 0.5, 0);
	assert_near(fig_scale_frac(FIG_LINEAR, 5, 5, 7), 100, 0);
	assert_near(fig_scale_frac(FIG_LINEAR, 5, 5, 4.5), -100, 0);
	assert_near(fig_scale_frac(FIG_LOG, 3, 3, 3), 0.5, 0);
	assert_near(fig_scale_frac(FIG_LOG, 3, 3, 30), 100, 0);
	/* an infinite bound: the middle */
	assert_near(fig_scale_frac(FIG_LINEAR, 0, INFINITY, 1), 0.5, 0);
	/* far off the axis: clamped, finite */
	assert_near(fig_scale_frac(FIG_LINEAR, 0, 1, 1e300), 100, 0);
	assert_near(fig_scale_frac(FIG_LINEAR, 0, 1, -INFINITY), -100, 0);
	assert_near(fig_scale_frac(FIG_LINEAR, 0, 1, 1.5), 1.5, 1e-12);
}

static void
colorbar_colour_should_follow_the_shared_mapping(void **state)
{
	struct fig_colorbar cb;
	struct fig_rgba a, b;

	(void)state;
	memset(&cb, 0, sizeof(cb));
	cb.on = 1;
	cb.cmap = FIG_CMAP_VIRIDIS;
	cb.scale = FIG_LOG;
	cb.lo = 0;		/* a log bar with a bound <= 0: three decades */
	cb.hi = 100;
	a = fig_colorbar_color(&cb, 1);
	b = fig_cmap_at(cb.cmap, fig_scale_frac(FIG_LOG, cb.lo, cb.hi, 1));
	assert_near(a.r, b.r, 1e-12);
	assert_near(a.g, b.g, 1e-12);
	assert_near(a.b, b.b, 1e-12);
	/* off the ends: the end colours */
	a = fig_colorbar_color(&cb, -3);
	b = fig_cmap_at(cb.cmap, 0);
	assert_near(a.g, b.g, 1e-12);
	a = fig_colorbar_color(&cb, 1e9);
	b = fig_cmap_at(cb.cmap, 1);
	assert_near(a.g, b.g, 1e-12);
}

/* The test figure's points: panel, data x, y, whether the renderer draws
 * it (inside the plot area), and its colour. */
static const struct pt {
	int	 panel;
	double	 x, y;
	int	 drawn;
	struct fig_rgba col;
} pts[] = {
	{ 0, 2, 0.5, 1, { 1, 0, 0, 1 } },
	{ 0, 7, -0.3, 1, { 0, 0.75, 0, 1 } },
	{ 0, 12, 0, 0, { 0, 0, 1, 1 } },		/* past hi */
	{ 1, 1e-2, 0.2, 1, { 1, 0, 1, 1 } },
	{ 1, 3, 0.8, 1, { 0, 0.75, 0.75, 1 } },
	{ 1, 0, 0.5, 0, { 1, 0.5, 0, 1 } },		/* log axis, x = 0 */
	{ 2, 0, 10, 1, { 0.5, 0, 1, 1 } },		/* categorical x, log y */
	{ 2, 2, 500, 1, { 0.75, 0.75, 0, 1 } },
	{ 3, 1, 5, 1, { 0, 0.4, 1, 1 } },		/* log x from 0; y degenerate */
	{ 3, 30, 5, 1, { 1, 0, 0.5, 1 } },
	{ 3, 10, 6, 0, { 0.4, 0.2, 0, 1 } },		/* off the one-value y */
};
#define NPTS (sizeof(pts) / sizeof(pts[0]))

static void
hover_fig(struct fig *f)
{
	static char l0[] = "adam", l1[] = "sgd", l2[] = "rmsprop";
	char *cats[] = { l0, l1, l2 };
	struct fig_panel *p[4];

	fig_init(f, "hover", "Marks and tooltips", 420, 320);
	for (int i = 0; i < 4; i++)
		p[i] = fig_add_panel(f, i / 2, i % 2);
	fig_axis_linear(&f->panels[0].x, 0, 10, "x");
	fig_axis_linear(&f->panels[0].y, -1, 1, "y");
	fig_axis_log(&f->panels[1].x, 1e-3, 10, "lr");
	fig_axis_categorical(&f->panels[2].x, cats, 3, "optimizer");
	fig_axis_log(&f->panels[2].y, 1, 1000, "loss");
	fig_axis_log(&f->panels[3].x, 0, 100, "from zero");
	fig_axis_linear(&f->panels[3].y, 5, 5, "constant");
	(void)p;
	for (size_t i = 0; i < NPTS; i++) {
		struct fig_mark *m = fig_add_mark(&f->panels[pts[i].panel],
		    FIG_MARK_POINTS, &pts[i].x, &pts[i].y, 1);
		int id = (int)i + 1;

		m->color = pts[i].col;
		m->stroke.a = 0;
		m->size = 8;
		m->shape = FIG_SHAPE_CIRCLE;
		fig_mark_set_ids(m, &id);
	}
}

/* Centre, in points, of the pixels painted in exactly colour c; returns
 * how many there are. */
static size_t
find_colour(cairo_surface_t *s, struct fig_rgba c, double *cx, double *cy)
{
	const unsigned char *px = cairo_image_surface_get_data(s);
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	int want[3] = { (int)lround(c.r * 255), (int)lround(c.g * 255), (int)lround(c.b * 255) };
	double sx = 0, sy = 0;
	size_t n = 0;

	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint32_t v = *(const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride + 4 * (size_t)x);
			int r = (int)(v >> 16 & 255), g = (int)(v >> 8 & 255), b = (int)(v & 255);

			if (abs(r - want[0]) <= 2 && abs(g - want[1]) <= 2 && abs(b - want[2]) <= 2) {
				sx += x + 0.5;
				sy += y + 0.5;
				n++;
			}
		}
	if (n) {
		*cx = sx / (double)n / SCALE;
		*cy = sy / (double)n / SCALE;
	}
	return n;
}

/* base64 text s[n] (RFC 4648, padded) into out[cap]: the bytes, how many */
static size_t
decode_base64(const char *s, size_t n, unsigned char *out, size_t cap)
{
	static const char abc[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t len = 0;

	assert_true(n % 4 == 0);
	for (size_t i = 0; i < n; i += 4) {
		unsigned long w = 0;
		int pad = 0;

		for (int k = 0; k < 4; k++) {
			const char *c = s[i + k] == '=' ? NULL : strchr(abc, s[i + k]);

			assert_true(c != NULL || s[i + k] == '=');
			pad += c == NULL;
			w = w << 6 | (c ? (unsigned long)(c - abc) : 0);
		}
		for (int k = 0; k < 3 - pad; k++) {
			assert_true(len < cap);
			out[len++] = (unsigned char)(w >> (16 - 8 * k));
		}
	}
	return len;
}

/* an unsigned LEB128 varint of p[n] at *at */
static unsigned long
varint(const unsigned char *p, size_t n, size_t *at)
{
	unsigned long v = 0;
	int shift = 0;

	for (;;) {
		assert_true(*at < n);
		v |= (unsigned long)(p[*at] & 127) << shift;
		shift += 7;
		if (!(p[(*at)++] & 128))
			return v;
	}
}

static void
hover_should_sit_where_the_renderer_draws_each_mark(void **state)
{
	struct fig f;
	struct hp_err err = { "" };
	cairo_surface_t *s;
	cairo_t *cr;
	char *hover = NULL;
	double hx[NPTS + 1], hy[NPTS + 1];
	int seen[NPTS + 1] = { 0 }, nhover = 0;

	(void)state;
	hover_fig(&f);
	s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)f.width * SCALE,
	    (int)f.height * SCALE);
	cr = cairo_create(s);
	cairo_scale(cr, SCALE, SCALE);
	assert_int_equal(render_draw(&f, cr, f.width, f.height, NULL, &err), 0);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	if (getenv("HP_RENDER_KEEP")) {
		char path[1200];

		snprintf(path, sizeof(path), "%s/hover.png", getenv("HP_RENDER_KEEP"));
		cairo_surface_write_to_png(s, path);
	}

	assert_int_equal(report_fig_hover(&f, NULL, &hover, &err), 0);
	assert_non_null(hover);
	assert_true(hover[0] == '"' && hover[strlen(hover) - 1] == '"');
	{
		unsigned char raw[4096];
		size_t n = decode_base64(hover + 1, strlen(hover) - 2, raw, sizeof(raw));
		size_t at = 0, cell = 0;
		long id = 0;

		while (at < n) {
			unsigned long z;
			int inb;

			cell += varint(raw, n, &at);
			assert_true(at < n);
			inb = raw[at++];
			z = varint(raw, n, &at);
			id += z & 1 ? -(long)((z + 1) / 2) : (long)(z / 2);
			assert_true(id >= 1 && id <= (long)NPTS);
			assert_false(seen[id]);
			seen[id] = 1;
			hx[id] = (double)(cell % 401 * 16 + (size_t)(inb >> 4)) / 6400 * f.width;
			hy[id] = (double)(cell / 401 * 16 + (size_t)(inb & 15)) / 6400 * f.height;
			nhover++;
		}
	}

	for (size_t i = 0; i < NPTS; i++) {
		double cx = 0, cy = 0;
		size_t n = find_colour(s, pts[i].col, &cx, &cy);
		int id = (int)i + 1;

		/* a whole 8 pt disc at 2 px/pt is ~200 pixels of its colour */
		if (pts[i].drawn) {
			assert_true(n > 120);
			assert_true(seen[id]);
			/* within half a pixel: the renderer's point is the tooltip's */
			assert_near(hx[id], cx, 0.5 / SCALE);
			assert_near(hy[id], cy, 0.5 / SCALE);
		} else {
			assert_true(n < 5);
			assert_false(seen[id]);
		}
	}
	{
		int ndrawn = 0;

		for (size_t i = 0; i < NPTS; i++)
			ndrawn += pts[i].drawn;
		assert_int_equal(nhover, ndrawn);
	}
	free(hover);
	cairo_surface_destroy(s);
	fig_release(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scale_frac_should_follow_its_edge_rules),
		cmocka_unit_test(colorbar_colour_should_follow_the_shared_mapping),
		cmocka_unit_test(hover_should_sit_where_the_renderer_draws_each_mark),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
