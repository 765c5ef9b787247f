/*
 * test_render: figures built by hand, rendered to PNG, SVG and PDF
 * (src/render/).  PNGs are decoded with libpng and checked for size,
 * pHYs, tEXt provenance, ink and colour where the layout puts the data;
 * every format must come out byte-identical when rendered twice.
 * Set HP_RENDER_KEEP=DIR to keep the files for looking at them.
 */
#include "testutil.h"

#include <libdeflate.h>
#include <png.h>
#include <pango/pangocairo.h>
#include <unistd.h>

#include "hpreport/figure.h"
#include "hpreport/render.h"

struct image {
	int	 w, h;
	unsigned char *rgb;		/* w * h * 3 */
	double	 ppm_x;			/* pHYs pixels per metre, 0 if absent */
	char	 software[64], title[256], figure[64];
};

static char tmpdir[1024];

/*
 * Fontconfig keeps its font cache for the life of the process; under
 * LeakSanitizer (make check-sanitize) that is not our leak.
 */
const char *__lsan_default_suppressions(void);
const char *
__lsan_default_suppressions(void)
{
	return "leak:libfontconfig\nleak:libpangoft2\nleak:libglib\n";
}

static const char *
out_path(const char *name)
{
	static char buf[2][1200];
	static int k;
	const char *keep = getenv("HP_RENDER_KEEP");

	k ^= 1;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", keep ? keep : tmpdir, name);
	return buf[k];
}

static int
read_png(const char *path, struct image *im)
{
	FILE *fp = fopen(path, "rb");
	png_structp png;
	png_infop info;
	png_textp text;
	png_uint_32 rx, ry;
	int unit, ntext;

	memset(im, 0, sizeof(*im));
	if (fp == NULL)
		return -1;
	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	info = png_create_info_struct(png);
	if (setjmp(png_jmpbuf(png))) {
		fclose(fp);
		return -1;
	}
	png_init_io(png, fp);
	png_read_info(png, info);
	png_set_strip_alpha(png);
	png_set_expand(png);
	png_set_strip_16(png);
	png_read_update_info(png, info);
	im->w = (int)png_get_image_width(png, info);
	im->h = (int)png_get_image_height(png, info);
	assert_int_equal(png_get_rowbytes(png, info), (size_t)im->w * 3);
	im->rgb = malloc((size_t)im->w * (size_t)im->h * 3);
	for (int y = 0; y < im->h; y++)
		png_read_row(png, im->rgb + (size_t)y * (size_t)im->w * 3, NULL);
	png_read_end(png, info);
	if (png_get_pHYs(png, info, &rx, &ry, &unit) && unit == PNG_RESOLUTION_METER)
		im->ppm_x = rx;
	if (png_get_text(png, info, &text, &ntext) > 0)
		for (int i = 0; i < ntext; i++) {
			if (strcmp(text[i].key, "Software") == 0)
				snprintf(im->software, sizeof(im->software), "%s", text[i].text);
			if (strcmp(text[i].key, "Title") == 0)
				snprintf(im->title, sizeof(im->title), "%s", text[i].text);
			if (strcmp(text[i].key, "Figure") == 0)
				snprintf(im->figure, sizeof(im->figure), "%s", text[i].text);
		}
	png_destroy_read_struct(&png, &info, NULL);
	fclose(fp);
	return 0;
}

static const unsigned char *
pixel(const struct image *im, int x, int y)
{
	return im->rgb + ((size_t)y * (size_t)im->w + (size_t)x) * 3;
}

/* Fraction of pixels that are not near-white. */
static double
ink_fraction(const struct image *im, int x0, int y0, int x1, int y1)
{
	size_t ink = 0, n = 0;

	for (int y = y0; y < y1; y++)
		for (int x = x0; x < x1; x++, n++) {
			const unsigned char *p = pixel(im, x, y);

			ink += p[0] < 235 || p[1] < 235 || p[2] < 235;
		}
	return n ? (double)ink / (double)n : 0;
}

static size_t
distinct_colours(const struct image *im)
{
	static unsigned char seen[1 << 15];
	size_t n = 0;

	memset(seen, 0, sizeof(seen));
	for (int i = 0; i < im->w * im->h; i++) {
		const unsigned char *p = im->rgb + (size_t)i * 3;
		unsigned k = (unsigned)(p[0] >> 3) << 10 | (unsigned)(p[1] >> 3) << 5 | (p[2] >> 3);

		n += !seen[k];
		seen[k] = 1;
	}
	return n;
}

static int
is_red_near(const struct image *im, double cx, double cy, int r)
{
	for (int y = (int)cy - r; y <= (int)cy + r; y++)
		for (int x = (int)cx - r; x <= (int)cx + r; x++) {
			const unsigned char *p;

			if (x < 0 || y < 0 || x >= im->w || y >= im->h)
				continue;
			p = pixel(im, x, y);
			if (p[0] > 200 && p[1] < 60 && p[2] < 60)
				return 1;
		}
	return 0;
}

static char *
slurp(const char *path, size_t *len)
{
	char *s = NULL;

	assert_int_equal(hp_read_file(path, &s, len, NULL), 0);
	return s;
}

static int
contains(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(s + i, needle, n) == 0)
			return 1;
	return 0;
}

static void
assert_same_file(const char *a, const char *b)
{
	size_t la, lb;
	char *sa = slurp(a, &la), *sb = slurp(b, &lb);

	assert_int_equal(la, lb);
	assert_memory_equal(sa, sb, la);
	free(sa);
	free(sb);
}

/* --- figures ----------------------------------------------------------- */

static double
lcg(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return ((*s >> 8) & 0xffff) / 65536.0;
}

static void
scatter_fig(struct fig *f)
{
	double x[200], y[200], c[200], bx[200], by[200], half = 0.5;
	unsigned s = 7;

	fig_init(f, "scatter", "Objective vs learning rate", 480, 340);
	struct fig_panel *p = fig_add_panel(f, 0, 0);
	fig_axis_linear(&p->x, 0, 1, "x (float)");
	fig_axis_linear(&p->y, 0, 1, "Objective value");
	for (int i = 0; i < 200; i++) {
		x[i] = lcg(&s);
		y[i] = 0.15 + 0.6 * x[i] * x[i] + 0.1 * lcg(&s);
		c[i] = y[i];
		bx[i] = x[i];
		by[i] = y[i];
	}
	/* keep the centre clear for the red probe */
	for (int i = 0; i < 200; i++)
		if (fabs(x[i] - 0.5) < 0.06 && fabs(y[i] - 0.5) < 0.08)
			y[i] = NAN;
	struct fig_mark *m = fig_add_mark(p, FIG_MARK_POINTS, x, y, 200);
	fig_mark_set_c(m, c, 200);
	m->size = 5;
	m->stroke = (struct fig_rgba){ 1, 1, 1, 0.8 };
	fig_mark_set_label(m, "Trial");
	(void)bx;
	(void)by;
	m = fig_add_mark(p, FIG_MARK_POINTS, &half, &half, 1);
	m->color = (struct fig_rgba){ 0.9, 0.05, 0.05, 1 };
	m->size = 9;
	m->shape = FIG_SHAPE_STAR;
	fig_mark_set_label(m, "Best trial");
	m = fig_add_mark(p, FIG_MARK_HRULE, NULL, (double[]){ 0.2 }, 1);
	m->color = (struct fig_rgba){ 0.85, 0.33, 0.1, 1 };
	m->dash = 1;
	m->size = 1.2;
	fig_mark_set_label(m, "Threshold");
	fig_colorbar(f, FIG_CMAP_VIRIDIS, 0.15, 0.85, 1, "Objective value");
	fig_add_note(f, "3 trials with a non-finite objective are not shown.");
	f->legend = 1;
}

static void
matrix_fig(struct fig *f)
{
	unsigned s = 11;
	const char *names[3] = { "learning_rate", "n_layers", "dropout" };

	fig_init(f, "matrix", "Evaluations", 520, 520);
	for (int r = 0; r < 3; r++)
		for (int c = 0; c < 3; c++) {
			struct fig_panel *p = fig_add_panel(f, r, c);
			double x[60], y[60], c2[60];

			if (c > r) {
				p->empty = 1;
				continue;
			}
			if (c == 0)
				fig_axis_log(&p->x, 1e-5, 1e-1, names[c]);
			else
				fig_axis_linear(&p->x, c == 1 ? 0.5 : 0, c == 1 ? 6.5 : 0.5, names[c]);
			p->x.integer = c == 1;
			fig_axis_linear(&p->y, r == 1 ? 0.5 : 0, r == 1 ? 6.5 : 0.5, names[r]);
			p->y.integer = r == 1;
			if (r == 0)
				fig_axis_log(&p->y, 1e-5, 1e-1, names[r]);
			if (r < 2)
				p->x.show &= ~(FIG_SHOW_LABELS | FIG_SHOW_TITLE);
			if (c > 0)
				p->y.show &= ~(FIG_SHOW_LABELS | FIG_SHOW_TITLE);
			for (int i = 0; i < 60; i++) {
				double u = lcg(&s), v = lcg(&s);

				x[i] = c == 0 ? pow(10, -5 + 4 * u) : c == 1 ? 1 + floor(6 * u) : 0.5 * u;
				y[i] = r == 0 ? pow(10, -5 + 4 * v) : r == 1 ? 1 + floor(6 * v) : 0.5 * v;
				c2[i] = i;
			}
			if (r == c) {
				double lo[6], hi[6], y0[6], y1[6];

				for (int k = 0; k < 6; k++) {
					lo[k] = p->x.scale == FIG_LOG ? pow(10, -5 + k * 4 / 6.0) : p->x.lo + k * (p->x.hi - p->x.lo) / 6;
					hi[k] = p->x.scale == FIG_LOG ? pow(10, -5 + (k + 1) * 4 / 6.0) : p->x.lo + (k + 1) * (p->x.hi - p->x.lo) / 6;
					y0[k] = r == 0 ? 1e-5 : p->y.lo;
					y1[k] = r == 0 ? pow(10, -5 + 3.5 * lcg(&s)) : p->y.lo + (p->y.hi - p->y.lo) * 0.9 * lcg(&s);
				}
				struct fig_mark *m = fig_add_mark(p, FIG_MARK_RECTS, lo, y0, 6);
				fig_mark_set_x2y2(m, hi, y1);
				m->color = (struct fig_rgba){ 0.27, 0.45, 0.70, 0.85 };
				m->stroke = (struct fig_rgba){ 1, 1, 1, 1 };
			} else {
				struct fig_mark *m = fig_add_mark(p, FIG_MARK_POINTS, x, y, 60);
				fig_mark_set_c(m, c2, 60);
				m->size = 3.5;
			}
		}
	fig_colorbar(f, FIG_CMAP_CIVIDIS, 0, 59, 0, "Trial number");
}

static void
categorical_fig(struct fig *f)
{
	char *labels[30];
	double x[30], y0[30], y1[30], x2[30], x1[30];

	fig_init(f, "categorical", "Objective by architecture", 480, 340);
	for (int i = 0; i < 30; i++) {
		char buf[96];

		snprintf(buf, sizeof(buf), "resnet_variant_%02d_with_a_rather_long_suffix", i);
		labels[i] = hp_strdup(buf);
		x[i] = i;
		x1[i] = i - 0.38;
		x2[i] = i + 0.38;
		y0[i] = 0;
		y1[i] = 0.2 + 0.7 * fabs(sin(i * 0.7));
	}
	struct fig_panel *p = fig_add_panel(f, 0, 0);
	fig_axis_categorical(&p->x, labels, 30, "architecture (a categorical parameter with a long name)");
	fig_axis_linear(&p->y, 0, 1, "Accuracy");
	struct fig_mark *m = fig_add_mark(p, FIG_MARK_RECTS, x1, y0, 30);
	fig_mark_set_x2y2(m, x2, y1);
	m->color = (struct fig_rgba){ 0.2, 0.45, 0.7, 1 };
	m = fig_add_mark(p, FIG_MARK_LINE, x, y1, 30);
	m->color = (struct fig_rgba){ 0.85, 0.33, 0.1, 1 };
	m->step = 1;
	for (int i = 0; i < 30; i++)
		free(labels[i]);
}

static void
cjk_fig(struct fig *f)
{
	double x[50], y[50], lo[50], hi[50];

	fig_init(f, "cjk", "学习率 (lr)", 400, 300);
	struct fig_panel *p = fig_add_panel(f, 0, 0);
	fig_axis_log(&p->x, 1e-4, 1, "学习率 (lr)");
	fig_axis_linear(&p->y, 0, 1, "目标值");
	for (int i = 0; i < 50; i++) {
		x[i] = pow(10, -4 + 4 * i / 49.0);
		y[i] = 0.5 + 0.35 * sin(i * 0.2);
		lo[i] = y[i] - 0.1;
		hi[i] = y[i] + 0.1;
	}
	y[20] = NAN;
	struct fig_mark *m = fig_add_mark(p, FIG_MARK_AREA, x, lo, 50);
	fig_mark_set_x2y2(m, x, hi);
	m->color = (struct fig_rgba){ 0.2, 0.45, 0.7, 0.25 };
	m = fig_add_mark(p, FIG_MARK_LINE, x, y, 50);
	m->size = 1.8;
	fig_mark_set_label(m, "平均");
	fig_add_text(p, 1e-2, 0.1, "注释 text", 0);
	f->legend = 1;
}

static void
parallel_fig_of(struct fig *f, int nlines)
{
	struct fig_axis a;
	unsigned s = 3;
	double xs[4] = { 0, 1, 2, 3 };
	char l0[] = "adam", l1[] = "sgd", l2[] = "rmsprop";
	char *cats[] = { l0, l1, l2 };

	fig_init(f, "parallel_coordinate", "Parallel coordinates", 560, 320);
	struct fig_panel *p = fig_add_panel(f, 0, 0);
	fig_axis_linear(&p->x, -0.1, 3.1, NULL);
	fig_axis_linear(&p->y, -0.03, 1.03, NULL);
	p->x.show = 0;
	p->y.show = 0;
	p->frame = 0;
	memset(&a, 0, sizeof(a));
	fig_axis_linear(&a, 0.1, 0.9, "Objective value");
	fig_panel_add_vaxis(p, 0, &a);
	fig_axis_log(&a, 1e-5, 1e-1, "learning_rate");
	fig_panel_add_vaxis(p, 1, &a);
	fig_axis_linear(&a, 1, 8, "n_layers");
	a.integer = 1;
	fig_panel_add_vaxis(p, 2, &a);
	fig_axis_categorical(&a, cats, 3, "optimizer");
	fig_panel_add_vaxis(p, 3, &a);
	fig_axis_release(&a);
	for (int t = 0; t < nlines; t++) {
		double y[4], c;

		y[0] = lcg(&s);
		c = 0.1 + 0.8 * y[0];
		y[1] = lcg(&s);
		y[2] = floor(lcg(&s) * 8) / 7;
		y[3] = (floor(lcg(&s) * 3) + 0.5) / 3;
		struct fig_mark *m = fig_add_mark(p, FIG_MARK_LINE, xs, y, 4);
		fig_mark_set_c(m, &c, 1);
		m->size = 1.1;
		m->color.a = 0.8;
	}
	fig_colorbar(f, FIG_CMAP_VIRIDIS, 0.1, 0.9, 1, "Objective value");
}

static void
parallel_fig(struct fig *f)
{
	parallel_fig_of(f, 40);
}

static void
dense_fig(struct fig *f, size_t n)
{
	double *x = malloc(n * sizeof(double)), *y = malloc(n * sizeof(double));
	unsigned s = 5;

	fig_init(f, "dense", "Dense", 300, 200);
	struct fig_panel *p = fig_add_panel(f, 0, 0);
	for (size_t i = 0; i < n; i++) {
		x[i] = lcg(&s);
		y[i] = lcg(&s);
	}
	struct fig_mark *m = fig_add_mark(p, FIG_MARK_POINTS, x, y, n);
	m->size = 2;
	free(x);
	free(y);
}

static void
contour_matrix_fig(struct fig *f, int n)
{
	static double lv[7] = { 0, 0.5, 1, 1.5, 2, 2.5, 3 };
	char name[64];

	fig_init(f, "contour", "Contour", 640, 600);
	for (int r = 0; r < n; r++)
		for (int c = 0; c < n; c++) {
			struct fig_panel *p = fig_add_panel(f, r, c);
			double x[4 * 36], y[4 * 36], cv[36];
			size_t off[37];

			snprintf(name, sizeof(name), "parameter_number_%d", c);
			fig_axis_linear(&p->x, 0, 1, name);
			snprintf(name, sizeof(name), "parameter_number_%d", r);
			fig_axis_linear(&p->y, 0, 1, name);
			if (r == c) {
				p->empty = 1;
				continue;
			}
			if (r < n - 1)
				p->x.show &= ~(FIG_SHOW_LABELS | FIG_SHOW_TITLE);
			if (c > 0)
				p->y.show &= ~(FIG_SHOW_LABELS | FIG_SHOW_TITLE);
			for (int k = 0; k < 36; k++) {
				double x0 = (k % 6) / 6.0, y0 = (k / 6) / 6.0;

				x[4 * k] = x0;
				y[4 * k] = y0;
				x[4 * k + 1] = x0 + 1 / 6.0;
				y[4 * k + 1] = y0;
				x[4 * k + 2] = x0 + 1 / 6.0;
				y[4 * k + 2] = y0 + 1 / 6.0;
				x[4 * k + 3] = x0;
				y[4 * k + 3] = y0 + 1 / 6.0;
				off[k] = 4 * (size_t)k;
				cv[k] = 3 * (x0 + y0) / 1.7 * (0.5 + 0.5 * ((r + c) % 3) / 2.0);
			}
			off[36] = 4 * 36;
			fig_add_polygons(p, x, y, off, 36, cv);
		}
	fig_colorbar(f, FIG_CMAP_BLUES, 0, 3, 0, "Objective value");
	f->cbar.discrete = 1;
	f->cbar.levels = hp_malloc(sizeof(lv));
	memcpy(f->cbar.levels, lv, sizeof(lv));
	f->cbar.nlevels = 7;
}

/* --- tests ------------------------------------------------------------- */

static void
render_png(struct fig *f, const char *name, struct image *im, double dpi)
{
	struct render_opts o;
	struct hp_err err = { "" };

	render_opts_defaults(&o);
	o.dpi = dpi;
	o.source = "study.db";
	o.study = "demo";
	if (render_write(f, out_path(name), RENDER_PNG, &o, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(read_png(out_path(name), im), 0);
}

static void
scatter_png_should_have_size_phys_text_and_ink(void **state)
{
	struct fig f;
	struct image im;
	double rects[4];

	(void)state;
	scatter_fig(&f);
	render_png(&f, "scatter.png", &im, 144);
	assert_int_equal(im.w, 960);
	assert_int_equal(im.h, 680);
	assert_near(im.ppm_x, 5669, 1);
	assert_string_equal(im.software, "hpreport " HP_VERSION);
	assert_string_equal(im.title, "Objective vs learning rate");
	assert_string_equal(im.figure, "scatter");
	/* antialiased markers in many colours (of the 256 the palette holds,
	 * the colour bar's 128 steps share fewer 5-bit bins) */
	assert_true(distinct_colours(&im) > 150);
	assert_int_equal(render_layout(&f, f.width, f.height, NULL, rects, NULL), 0);
	/* the plot area leaves room for labels and the colour bar */
	assert_true(rects[0] > 25 && rects[1] > 20);
	assert_true(rects[0] + rects[2] < f.width - 40);
	assert_true(rects[1] + rects[3] < f.height - 25);
	/* the red star drawn at data (0.5, 0.5) is at the plot centre */
	assert_true(is_red_near(&im, (rects[0] + rects[2] / 2) * 2,
	    (rects[1] + rects[3] / 2) * 2, 3));
	assert_false(is_red_near(&im, (rects[0] + rects[2] / 4) * 2,
	    (rects[1] + rects[3] / 4) * 2, 3));
	/* the colour bar, reversed: viridis purple on top, yellow at the
	 * bottom; beside the plot (10 pt right of it, 12 pt wide) */
	{
		int x = (int)((rects[0] + rects[2] + 16) * 2), top = -1, bot = -1;

		for (int y = 0; y < im.h; y++) {
			const unsigned char *p = pixel(&im, x, y);

			if (top < 0 && p[0] < 80 && p[1] < 20 && p[2] > 70)	/* #440154 */
				top = y;
			if (p[1] > 200 && p[2] < 80 && p[0] > 200)	/* #fde725 */
				bot = y;
		}
		assert_true(top > 0 && top < im.h / 4);
		assert_true(bot > im.h * 3 / 4);
	}
	free(im.rgb);
	fig_release(&f);
}

static void
png_dpi_should_set_size_and_phys(void **state)
{
	struct fig f;
	struct image im;

	(void)state;
	scatter_fig(&f);
	render_png(&f, "scatter300.png", &im, 300);
	assert_int_equal(im.w, 2000);
	assert_int_equal(im.h, 1417);
	assert_near(im.ppm_x, 11811, 1);
	free(im.rgb);
	fig_release(&f);
}

static void
matrix_should_leave_the_upper_triangle_blank(void **state)
{
	struct fig f;
	struct image im;
	double rects[36];

	(void)state;
	matrix_fig(&f);
	render_png(&f, "matrix.png", &im, 144);
	assert_int_equal(render_layout(&f, f.width, f.height, NULL, rects, NULL), 0);
	/* panel (0,2) is empty: no rectangle, no ink in its cell */
	assert_near(rects[4 * 2 + 2], 0, 0);
	/* panels in one column share x, panels in one row share y */
	assert_near(rects[4 * 3], rects[4 * 6], 1e-9);
	assert_near(rects[4 * 7 + 1], rects[4 * 6 + 1], 1e-9);
	assert_near(rects[4 * 8 + 2], rects[4 * 4 + 2], 1e-9);
	{
		int x0 = (int)(rects[4 * 8] * 2), x1 = (int)((rects[4 * 8] + rects[4 * 8 + 2]) * 2);
		int y0 = (int)(rects[4 * 0 + 1] * 2), y1 = (int)((rects[4 * 0 + 1] + rects[4 * 0 + 3]) * 2);

		assert_true(ink_fraction(&im, x0 + 2, y0 + 2, x1 - 2, y1 - 2) < 0.001);
		/* a lower panel has ink */
		x0 = (int)(rects[4 * 3] * 2);
		x1 = (int)((rects[4 * 3] + rects[4 * 3 + 2]) * 2);
		y0 = (int)(rects[4 * 3 + 1] * 2);
		y1 = (int)((rects[4 * 3 + 1] + rects[4 * 3 + 3]) * 2);
		assert_true(ink_fraction(&im, x0, y0, x1, y1) > 0.02);
	}
	free(im.rgb);
	fig_release(&f);
}

static void
long_categorical_labels_should_fit_the_figure(void **state)
{
	struct fig f;
	struct image im;
	double rects[4];

	(void)state;
	categorical_fig(&f);
	render_png(&f, "categorical.png", &im, 144);
	assert_int_equal(render_layout(&f, f.width, f.height, NULL, rects, NULL), 0);
	/* rotated, ellipsised labels take room below, but the plot keeps most of it */
	assert_true(rects[3] > f.height * 0.35);
	assert_true(rects[1] + rects[3] < f.height - 60);
	/* labels are drawn below the plot area */
	assert_true(ink_fraction(&im, (int)(rects[0] * 2), (int)((rects[1] + rects[3]) * 2) + 12,
	    (int)((rects[0] + rects[2]) * 2), (int)((rects[1] + rects[3]) * 2) + 100) > 0.03);
	free(im.rgb);
	fig_release(&f);
}

static void
cjk_text_should_render_with_real_glyphs(void **state)
{
	struct render_opts o;
	struct fig f;
	struct image im;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10);
	cairo_t *cr = cairo_create(s);
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd;

	(void)state;
	render_opts_defaults(&o);
	fd = pango_font_description_from_string(o.font);
	pango_font_description_set_family(fd, o.font);
	pango_font_description_set_absolute_size(fd, 12 * PANGO_SCALE);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_text(l, "学习率 (lr) 目标值", -1);
	assert_int_equal(pango_layout_get_unknown_glyphs_count(l), 0);
	pango_font_description_free(fd);
	g_object_unref(l);
	cairo_destroy(cr);
	cairo_surface_destroy(s);

	cjk_fig(&f);
	render_png(&f, "cjk.png", &im, 144);
	assert_true(ink_fraction(&im, 0, 0, im.w, 40) > 0.01);	/* the title */
	free(im.rgb);
	fig_release(&f);
}

/* --style paper leaves the title to the caption: the plot starts near the
 * top edge, where the screen style puts the title above it. */
static void
paper_style_should_drop_the_title(void **state)
{
	struct render_opts o;
	struct fig f;
	double r[2][4];

	(void)state;
	scatter_fig(&f);
	assert_non_null(f.title);
	for (int paper = 0; paper < 2; paper++) {
		render_opts_defaults(&o);
		o.style = paper ? RENDER_STYLE_PAPER : RENDER_STYLE_SCREEN;
		assert_int_equal(render_layout(&f, f.width, f.height, &o, r[paper], NULL), 0);
	}
	assert_true(r[0][1] > 20);	/* below the title */
	assert_true(r[1][1] < 20);	/* no title above */
	fig_release(&f);
}

static void
parallel_coordinates_should_draw_each_vaxis(void **state)
{
	struct fig f;
	struct image im;
	double rects[4];

	(void)state;
	parallel_fig(&f);
	render_png(&f, "parallel.png", &im, 144);
	assert_int_equal(render_layout(&f, f.width, f.height, NULL, rects, NULL), 0);
	/* a dark vertical axis line at each of the four x positions */
	for (int j = 0; j < 4; j++) {
		double x = rects[0] + (j + 0.1) / 3.2 * rects[2];
		int dark = 0;

		for (int dx = -2; dx <= 2; dx++) {
			const unsigned char *p = pixel(&im, (int)(x * 2) + dx,
			    (int)((rects[1] + 2) * 2));

			dark |= p[0] < 120 && p[1] < 120 && p[2] < 120;
		}
		assert_true(dark);
	}
	assert_true(distinct_colours(&im) > 100);
	free(im.rgb);
	fig_release(&f);
}

/*
 * A figure of thousands of colours (translucent lines in every viridis
 * shade) keeps its colour bar a smooth ramp in the PNG: between two rows no
 * channel jumps by more than 6 levels (a 256-colour median cut made ~10
 * bands of 20-40 levels there: the palette now keeps the bar's steps), and
 * the bar runs from purple to yellow.
 */
/* Distinct colours of f drawn by Cairo at 144 dpi, before PNG encoding. */
static size_t
drawn_colours(const struct fig *f)
{
	int w = (int)lround(f->width * 2), h = (int)lround(f->height * 2);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	cairo_t *cr = cairo_create(s);
	const uint32_t *px;
	uint32_t *seen = calloc(1 << 20, sizeof(uint32_t));
	size_t n = 0;

	cairo_scale(cr, 2, 2);
	assert_int_equal(render_draw(f, cr, f->width, f->height, NULL, NULL), 0);
	cairo_surface_flush(s);
	px = (const uint32_t *)(const void *)cairo_image_surface_get_data(s);
	for (int i = 0; i < w * h; i++) {
		uint32_t c = (px[i] & 0xffffff) + 1, k = (c * 2654435761u) >> 12;

		while (seen[k] && seen[k] != c)
			k = (k + 1) & ((1 << 20) - 1);
		n += !seen[k];
		seen[k] = c;
	}
	free(seen);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return n;
}

static void
colour_bar_should_stay_smooth_in_a_png_of_many_colours(void **state)
{
	struct fig f;
	struct image im;
	double rects[4];
	int bx = -1, y0, y1, ymid, jump = 0;

	(void)state;
	parallel_fig_of(&f, 600);
	assert_true(drawn_colours(&f) > 256);	/* the PNG must reduce them */
	render_png(&f, "parallel_dense.png", &im, 144);
	assert_int_equal(render_layout(&f, f.width, f.height, NULL, rects, NULL), 0);
	/* the bar: the first column right of the plot, at its middle height,
	 * near viridis(0.5) = (33, 145, 140) */
	ymid = (int)((rects[1] + rects[3] / 2) * 2);
	for (int x = (int)((rects[0] + rects[2]) * 2) + 2; x < im.w && bx < 0; x++) {
		const unsigned char *p = pixel(&im, x, ymid);

		if (abs(p[0] - 33) < 40 && abs(p[1] - 145) < 40 && abs(p[2] - 140) < 40)
			bx = x + 4;
	}
	assert_true(bx > 0);
	/* its coloured rows: saturated (not the grey frame or white) */
	for (y0 = ymid; y0 > 0; y0--) {
		const unsigned char *p = pixel(&im, bx, y0 - 1);

		if (abs(p[0] - p[1]) < 20 && abs(p[1] - p[2]) < 20)
			break;
	}
	for (y1 = ymid; y1 + 1 < im.h; y1++) {
		const unsigned char *p = pixel(&im, bx, y1 + 1);

		if (abs(p[0] - p[1]) < 20 && abs(p[1] - p[2]) < 20)
			break;
	}
	assert_true(y1 - y0 > 200);
	for (int y = y0 + 2; y < y1 - 2; y++)
		for (int k = 0; k < 3; k++) {
			int d = abs(pixel(&im, bx, y)[k] - pixel(&im, bx, y + 1)[k]);

			jump = d > jump ? d : jump;
		}
	assert_true(jump <= 6);
	assert_true(pixel(&im, bx, y1 - 2)[1] > 180);	/* yellow-green below */
	assert_true(pixel(&im, bx, y0 + 2)[1] < 60);	/* purple on top */
	free(im.rgb);
	fig_release(&f);
}

static void
contour_matrix_of_ten_params_should_keep_panels_apart(void **state)
{
	struct fig f;
	struct image im;
	double *rects;

	(void)state;
	contour_matrix_fig(&f, 10);
	render_png(&f, "contour10.png", &im, 144);
	rects = calloc(4 * f.npanels, sizeof(double));
	assert_int_equal(render_layout(&f, f.width, f.height, NULL, rects, NULL), 0);
	for (size_t i = 0; i + 1 < f.npanels; i++) {
		const double *a = rects + 4 * i, *b = rects + 4 * (i + 1);

		if (f.panels[i].empty || f.panels[i + 1].empty || f.panels[i].row != f.panels[i + 1].row)
			continue;
		assert_true(a[2] > 20 && a[3] > 20);
		assert_true(a[0] + a[2] < b[0]);	/* no overlap with the right neighbour */
	}
	assert_true(distinct_colours(&im) > 7);
	free(rects);
	free(im.rgb);
	fig_release(&f);
}

/* Red pixels of a figure width points wide with the best trial's star
 * (14 pt, as convergence draws it) at the plot centre. */
static size_t
star_pixels(double width)
{
	struct fig f;
	struct image im;
	struct fig_panel *p;
	struct fig_mark *m;
	double x = 0.5, y = 0.5;
	size_t n = 0;

	fig_init(&f, "star", NULL, width, 300);
	p = fig_add_panel(&f, 0, 0);
	m = fig_add_mark(p, FIG_MARK_POINTS, &x, &y, 1);
	m->shape = FIG_SHAPE_STAR;
	m->size = 14;
	m->color = (struct fig_rgba){ 0.84, 0.15, 0.16, 1 };
	m->stroke.a = 0;
	render_png(&f, "star.png", &im, 144);
	for (int k = 0; k < im.w * im.h; k++) {
		const unsigned char *q = im.rgb + 3 * (size_t)k;

		n += q[0] > 150 && q[1] < 90 && q[2] < 90;
	}
	free(im.rgb);
	fig_release(&f);
	return n;
}

static void
markers_should_shrink_with_narrow_figures(void **state)
{
	size_t wide = star_pixels(800), ref = star_pixels(504), narrow = star_pixels(252);
	size_t tiny = star_pixels(100);

	(void)state;
	print_message("star pixels: 800 pt %zu, 504 pt %zu, 252 pt %zu, 100 pt %zu\n",
	    wide, ref, narrow, tiny);
	/* 7 in and wider: the size the plot asked for */
	assert_true(ref > 400);
	assert_near((double)wide / (double)ref, 1, 0.02);
	/* 3.5 in: the diameter times sqrt(1/2), so half the area */
	assert_near((double)narrow / (double)ref, 0.5, 0.06);
	/* never below 0.6 of the diameter */
	assert_near((double)tiny / (double)ref, 0.36, 0.05);
}

static void
svg_and_pdf_should_carry_metadata_and_repeat_exactly(void **state)
{
	struct render_opts o;
	struct fig f;
	struct hp_err err = { "" };
	size_t len;
	char *s;

	(void)state;
	render_opts_defaults(&o);
	o.source = "a<b>&c.db";
	parallel_fig(&f);
	assert_int_equal(render_write(&f, out_path("p1.svg"), RENDER_SVG, &o, &err), 0);
	assert_int_equal(render_write(&f, out_path("p2.svg"), RENDER_SVG, &o, &err), 0);
	assert_int_equal(render_write(&f, out_path("p1.pdf"), RENDER_PDF, &o, &err), 0);
	assert_int_equal(render_write(&f, out_path("p2.pdf"), RENDER_PDF, &o, &err), 0);
	assert_int_equal(render_write(&f, out_path("p1.png"), RENDER_PNG, &o, &err), 0);
	assert_int_equal(render_write(&f, out_path("p2.png"), RENDER_PNG, &o, &err), 0);
	assert_same_file(out_path("p1.svg"), out_path("p2.svg"));
	assert_same_file(out_path("p1.pdf"), out_path("p2.pdf"));
	assert_same_file(out_path("p1.png"), out_path("p2.png"));
	s = slurp(out_path("p1.svg"), &len);
	assert_true(strncmp(s, "<?xml", 5) == 0);
	assert_non_null(strstr(s, "<svg"));
	assert_true(strstr(s, "<title>Parallel coordinates</title>") > strstr(s, "<svg"));
	assert_non_null(strstr(s, "<dc:source>a&lt;b&gt;&amp;c.db</dc:source>"));
	assert_non_null(strstr(s, "</svg>"));
	free(s);
	s = slurp(out_path("p1.pdf"), &len);
	assert_true(strncmp(s, "%PDF", 4) == 0);
	assert_true(contains(s, len, "hpreport " HP_VERSION));
	free(s);
	fig_release(&f);
}

static void
dense_points_should_become_one_raster_layer_in_vector_files(void **state)
{
	struct fig f;
	struct hp_err err = { "" };
	size_t small, big;
	char *s;

	(void)state;
	dense_fig(&f, 1000);
	assert_int_equal(render_write(&f, out_path("dense1k.svg"), RENDER_SVG, NULL, &err), 0);
	fig_release(&f);
	dense_fig(&f, 100000);
	assert_int_equal(render_write(&f, out_path("dense100k.svg"), RENDER_SVG, NULL, &err), 0);
	assert_int_equal(render_write(&f, out_path("dense100k.pdf"), RENDER_PDF, NULL, &err), 0);
	fig_release(&f);
	free(slurp(out_path("dense1k.svg"), &small));
	s = slurp(out_path("dense100k.svg"), &big);
	assert_non_null(strstr(s, "<image"));
	free(s);
	/* 100x the points, yet under 2 MB: one image, not 10^5 paths */
	assert_true(big < 2000000);
	free(slurp(out_path("dense100k.pdf"), &big));
	assert_true(big < 2000000);
	(void)small;
}

/* The first key in s[0..len) (binary: no NUL needed), or NULL. */
static const char *
find_in(const char *s, size_t len, const char *key)
{
	size_t kl = strlen(key);

	for (size_t i = 0; i + kl <= len; i++)
		if (memcmp(s + i, key, kl) == 0)
			return s + i;
	return NULL;
}

/*
 * The PDF writer puts each raster layer's own PNG rows in as an indexed
 * image in place of Cairo's stand-in: the image has the layer's size (not
 * the 2-pixel stand-in), decodes to filter-0 rows of palette indices with
 * ink besides the white background, and every xref entry points at its
 * object.
 */
static void
dense_pdf_should_embed_the_layer_as_an_indexed_image(void **state)
{
	struct fig f;
	struct hp_err err = { "" };
	size_t len, n, npal, w, h, got;
	const char *img, *st, *sx, *x;
	char *s, *end;
	unsigned char *rows;
	struct libdeflate_decompressor *dd;
	int ink = 0;

	double rect[4];
	struct render_opts po;

	(void)state;
	/* one mark past the count that stays vector in --style paper
	   (README: 20,000) */
	render_opts_defaults(&po);
	po.style = RENDER_STYLE_PAPER;
	dense_fig(&f, 20001);
	assert_int_equal(render_write(&f, out_path("densei.pdf"), RENDER_PDF, &po, &err), 0);
	assert_int_equal(render_layout(&f, f.width, f.height, &po, rect, NULL), 0);
	fig_release(&f);
	s = slurp(out_path("densei.pdf"), &len);
	img = find_in(s, len, "/Subtype /Image");
	assert_non_null(img);
	assert_null(find_in(img + 1, len - (size_t)(img + 1 - s), "/Subtype /Image"));
	assert_non_null(find_in(img, 400, "/ColorSpace [/Indexed /DeviceRGB "));
	w = strtoul(find_in(img, 400, "/Width ") + 7, NULL, 10);
	h = strtoul(find_in(img, 400, "/Height ") + 8, NULL, 10);
	npal = strtoul(find_in(img, 400, "/Indexed /DeviceRGB ") + 20, NULL, 10) + 1;
	assert_true(w > 100 && h > 100);
	/* at 300 pixels an inch (72 points) or more over the plot area */
	assert_true((double)w >= rect[2] * 300 / 72 && (double)h >= rect[3] * 300 / 72);
	n = strtoul(find_in(img, 3000, "/Length ") + 8, NULL, 10);
	st = find_in(img, 3000, ">>\nstream\n") + 10;
	rows = malloc((w + 1) * h);
	dd = libdeflate_alloc_decompressor();
	assert_int_equal(libdeflate_zlib_decompress(dd, st, n, rows, (w + 1) * h, &got), 0);
	libdeflate_free_decompressor(dd);
	assert_int_equal(got, (w + 1) * h);
	for (size_t y = 0; y < h; y++) {
		assert_int_equal(rows[y * (w + 1)], 0);
		for (size_t i = 1; i <= w; i++) {
			assert_true(rows[y * (w + 1) + i] < npal);
			ink |= rows[y * (w + 1) + i] != rows[1];
		}
	}
	assert_true(ink);
	free(rows);
	/* the xref table: entry k is the offset of "k 0 obj" */
	sx = find_in(s + len - 64, 64, "startxref");
	assert_non_null(sx);
	x = s + strtoul(sx + 9, NULL, 10);
	assert_true(strncmp(x, "xref\n0 ", 7) == 0);
	n = strtoul(x + 7, &end, 10);
	for (size_t k = 1; k < n; k++) {
		const char *e = end + 1 + 20 * k;
		char want[32];

		if (e[17] != 'n')
			continue;
		snprintf(want, sizeof(want), "%zu 0 obj\n", k);
		assert_true(strncmp(s + strtoul(e, NULL, 10), want, strlen(want)) == 0);
	}
	free(s);
}

/*
 * Up to 20,000 marks in --style paper, 1,500 in the default style (README)
 * a figure stays vector in SVG and PDF, and a line stays a vector however
 * many vertices it has: no image in either file, and the SVG holds a path
 * element per marker; one mark more in the default style and the SVG holds
 * an image.
 */
static void
marks_up_to_the_count_and_lines_should_stay_vectors(void **state)
{
	struct fig f;
	struct hp_err err = { "" };
	size_t len, n = 0;
	double *x = malloc(100000 * sizeof(double)), *y = malloc(100000 * sizeof(double));
	unsigned sd = 7;
	char *s;
	struct render_opts po;

	(void)state;
	render_opts_defaults(&po);
	po.style = RENDER_STYLE_PAPER;
	dense_fig(&f, 20000);
	for (size_t i = 0; i < 100000; i++) {
		x[i] = (double)i / 100000;
		y[i] = lcg(&sd);
	}
	fig_add_mark(&f.panels[0], FIG_MARK_LINE, x, y, 100000);
	free(x);
	free(y);
	assert_int_equal(render_write(&f, out_path("vec20k.svg"), RENDER_SVG, &po, &err), 0);
	assert_int_equal(render_write(&f, out_path("vec20k.pdf"), RENDER_PDF, &po, &err), 0);
	fig_release(&f);
	s = slurp(out_path("vec20k.svg"), &len);
	assert_null(strstr(s, "<image"));
	for (const char *p = s; (p = strstr(p, "<path")) != NULL; p++)
		n++;
	assert_true(n >= 20001);
	free(s);
	s = slurp(out_path("vec20k.pdf"), &len);
	assert_null(find_in(s, len, "/Subtype /Image"));
	free(s);

	/* the default style: vector up to 1,500 marks, an image past them */
	dense_fig(&f, 1500);
	assert_int_equal(render_write(&f, out_path("vec1500.svg"), RENDER_SVG, NULL, &err), 0);
	fig_release(&f);
	s = slurp(out_path("vec1500.svg"), &len);
	assert_null(strstr(s, "<image"));
	free(s);
	dense_fig(&f, 1501);
	assert_int_equal(render_write(&f, out_path("vec1501.svg"), RENDER_SVG, NULL, &err), 0);
	fig_release(&f);
	s = slurp(out_path("vec1501.svg"), &len);
	assert_non_null(strstr(s, "<image"));
	free(s);
}

static void
write_errors_should_name_the_path(void **state)
{
	struct fig f;
	struct hp_err err = { "" };

	(void)state;
	scatter_fig(&f);
	/* the output's failure, not the figure's: RENDER_EWRITE */
	assert_int_equal(render_write(&f, "/nonexistent-dir/x.png", RENDER_PNG, NULL, &err),
	    RENDER_EWRITE);
	assert_non_null(strstr(err.msg, "/nonexistent-dir/x.png"));
	assert_int_equal(render_write(&f, "/nonexistent-dir/x.pdf", RENDER_PDF, NULL, &err),
	    RENDER_EWRITE);
	assert_non_null(strstr(err.msg, "/nonexistent-dir/x.pdf"));
	/* a figure too big to draw is the figure's failure: -1 */
	f.height = 1e6;
	assert_int_equal(render_write(&f, "/nonexistent-dir/x.png", RENDER_PNG, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "out of range"));
	fig_release(&f);
}

static void
formats_should_parse_and_name_extensions(void **state)
{
	enum render_format fmt = RENDER_PNG;

	(void)state;
	assert_int_equal(render_format_parse("svg", &fmt), 0);
	assert_int_equal(fmt, RENDER_SVG);
	assert_string_equal(render_format_ext(RENDER_PDF), "pdf");
	assert_int_equal(render_format_parse("gif", &fmt), -1);
}

static int
setup(void **state)
{
	const char *base = getenv("HP_TMP");

	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "%s/render.XXXXXX", base ? base : "/tmp");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int
teardown(void **state)
{
	char cmd[1200];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scatter_png_should_have_size_phys_text_and_ink),
		cmocka_unit_test(png_dpi_should_set_size_and_phys),
		cmocka_unit_test(matrix_should_leave_the_upper_triangle_blank),
		cmocka_unit_test(long_categorical_labels_should_fit_the_figure),
		cmocka_unit_test(cjk_text_should_render_with_real_glyphs),
		cmocka_unit_test(paper_style_should_drop_the_title),
		cmocka_unit_test(parallel_coordinates_should_draw_each_vaxis),
		cmocka_unit_test(contour_matrix_of_ten_params_should_keep_panels_apart),
		cmocka_unit_test(markers_should_shrink_with_narrow_figures),
		cmocka_unit_test(colour_bar_should_stay_smooth_in_a_png_of_many_colours),
		cmocka_unit_test(svg_and_pdf_should_carry_metadata_and_repeat_exactly),
		cmocka_unit_test(dense_pdf_should_embed_the_layer_as_an_indexed_image),
		cmocka_unit_test(dense_points_should_become_one_raster_layer_in_vector_files),
		cmocka_unit_test(marks_up_to_the_count_and_lines_should_stay_vectors),
		cmocka_unit_test(write_errors_should_name_the_path),
		cmocka_unit_test(formats_should_parse_and_name_extensions),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
