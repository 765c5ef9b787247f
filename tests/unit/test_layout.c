/*
 * test_layout: where the renderer's layout (src/render/layout.c) puts a
 * figure's own text and legend at a column width (3.5 in, 252 pt): a
 * title and notes too long for one line wrap onto more lines, inside the
 * canvas, and the plot gives up the room; a legend below the plot sets
 * its entries side by side; and the figure builders' sizes (plot_size) let
 * the height follow a given width, and render_fit makes a matrix's cells
 * square once its text is measured, a matrix's legend taking its empty
 * corner and another standing above the colour bar.  The layout is internal, so this test
 * reads src/render/internal.h.
 */
#include "testutil.h"

#include "hpreport/figure.h"
#include "hpreport/plot.h"
#include "../../src/render/internal.h"

#define COLUMN	252		/* 3.5 in, in points */

static const char *long_note = "The 8 most important of 16 params (share of "
    "the objective's rank variance each explains): learning_rate, batch_size, "
    "encoder.layers.0.attention.dropout; --max-params or --params to choose.";

/* A one-panel figure of width w with the given title, note and legend
 * entries (labels, NULL-terminated). */
static void
line_fig(struct fig *f, double w, const char *title, const char *note,
    const char *const *labels)
{
	double x[3] = { 0, 0.5, 1 }, y[3] = { 1, 0.4, 0.2 };

	fig_init(f, "line", title, w, w * 0.7);
	struct fig_panel *p = fig_add_panel(f, 0, 0);
	fig_axis_linear(&p->x, 0, 1, "Trial number");
	fig_axis_linear(&p->y, 0, 1, "Objective value");
	for (size_t i = 0; labels && labels[i]; i++) {
		struct fig_mark *m = fig_add_mark(p, FIG_MARK_LINE, x, y, 3);

		fig_mark_set_label(m, labels[i]);
		y[1] += 0.1;
	}
	if (note)
		fig_add_note(f, "%s", note);
	f->legend = labels != NULL;
}

/* An n x n grid of panels, its lower triangle only or all of it, each of
 * two points coloured by a colour bar, the first panel's labelled (a
 * legend of one entry). */
static void
grid_fig(struct fig *f, const char *name, double w, double h, int n, int lower,
    const char *label)
{
	double x[2] = { 0.2, 0.8 }, c[2] = { 0, 1 };
	int first = 1;

	fig_init(f, name, name, w, h);
	f->nrows = f->ncols = n;
	for (int i = 0; i < n; i++)
		for (int j = 0; j <= (lower ? i : n - 1); j++) {
			struct fig_panel *p = fig_add_panel(f, i, j);
			struct fig_mark *m = fig_add_mark(p, FIG_MARK_POINTS, x, x, 2);

			fig_axis_linear(&p->x, 0, 1, "x");
			fig_axis_linear(&p->y, 0, 1, "Objective value");
			fig_mark_set_c(m, c, 2);
			if (first)
				fig_mark_set_label(m, label);
			first = 0;
		}
	fig_colorbar(f, FIG_CMAP_VIRIDIS, 0, 1, 1, "Objective value");
	f->legend = 1;
}

/* Lays f out as the PNG would be (screen style); L is released by the
 * caller with layout_done. */
static void
lay(struct fig *f, struct rnd_rctx *r, struct rnd_layout *L, cairo_surface_t **s)
{
	struct render_opts o;
	cairo_t *cr;

	render_opts_defaults(&o);
	*s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 4, 4);
	cr = cairo_create(*s);
	rnd_rctx_init(r, f, cr, f->width, f->height, &o);
	rnd_layout(r, L);
}

static void
layout_done(struct fig *f, struct rnd_rctx *r, struct rnd_layout *L, cairo_surface_t *s)
{
	cairo_t *cr = r->cr;

	rnd_layout_release(f, L);
	rnd_rctx_release(r);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	fig_release(f);
}

static void
long_notes_should_wrap_inside_a_column(void **state)
{
	struct fig f[2];
	struct rnd_rctx r[2];
	struct rnd_layout L[2];
	cairo_surface_t *s[2];
	double w, h, lh;

	(void)state;
	line_fig(&f[0], COLUMN, "Contour", "Red star: the best trial.", NULL);
	line_fig(&f[1], COLUMN, "Contour", long_note, NULL);
	fig_add_note(&f[1], "Red star: the best trial.");
	for (int i = 0; i < 2; i++)
		lay(&f[i], &r[i], &L[i], &s[i]);
	lh = rnd_line_h(&r[1], r[1].fs_note);
	/* the long note takes three lines, its follower starts below them */
	assert_true(L[1].note_y[1] - L[1].note_y[0] > 2.5 * lh);
	assert_true(L[1].note_y[1] + lh <= COLUMN * 0.7 + 0.5);
	/* and no line of it is wider than the canvas */
	rnd_measure(&r[1], long_note, r[1].fs_note, RND_TEXT_WRAP, COLUMN - 2 * r[1].pad, &w, &h);
	assert_true(w <= COLUMN - 2 * r[1].pad + 0.5);
	assert_true(h > 2.5 * lh);
	/* the plot gave up the room (three more note lines) */
	assert_true(L[0].p[0].plot.h - L[1].p[0].plot.h > 2.5 * lh);
	for (int i = 0; i < 2; i++)
		layout_done(&f[i], &r[i], &L[i], s[i]);
}

static void
long_titles_should_wrap_and_push_the_plot_down(void **state)
{
	struct fig f[2];
	struct rnd_rctx r[2];
	struct rnd_layout L[2];
	cairo_surface_t *s[2];
	double w, h;

	(void)state;
	line_fig(&f[0], COLUMN, "Timeline", NULL, NULL);
	line_fig(&f[1], COLUMN, "Empirical distribution of encoder loss", NULL, NULL);
	for (int i = 0; i < 2; i++)
		lay(&f[i], &r[i], &L[i], &s[i]);
	rnd_measure(&r[1], f[1].title, r[1].fs_title, RND_TEXT_TITLE, COLUMN - 2 * r[1].pad, &w, &h);
	assert_true(w <= COLUMN - 2 * r[1].pad + 0.5);
	assert_true(h > 1.8 * rnd_line_h(&r[1], r[1].fs_title));
	assert_true(L[1].p[0].plot.y - L[0].p[0].plot.y > 0.8 * rnd_line_h(&r[1], r[1].fs_title));
	for (int i = 0; i < 2; i++)
		layout_done(&f[i], &r[i], &L[i], s[i]);
}

/* Too wide to sit beside the plot of a column figure, the legend goes
 * below it, entries side by side and as few lines as the width allows. */
static void
a_legend_below_should_set_entries_side_by_side(void **state)
{
	static const char *const labels[] = { "Objective value", "Best value",
	    "Best: trial 1499 (2.14562e-05)", NULL };
	struct fig f;
	struct rnd_rctx r;
	struct rnd_layout L;
	cairo_surface_t *s;

	(void)state;
	line_fig(&f, COLUMN, "Optimization history", NULL, labels);
	lay(&f, &r, &L, &s);
	assert_int_equal(L.nleg, 3);
	assert_int_equal(L.leg_out, 2);
	assert_true(L.legbox.x >= 0 && L.legbox.x + L.legbox.w <= COLUMN);
	assert_true(L.legbox.y >= L.p[0].plot.y + L.p[0].plot.h);
	/* the first two share a line, the third starts the next */
	assert_true(L.leg[0].dy == L.leg[1].dy && L.leg[1].dx > L.leg[0].dx);
	assert_true(L.leg[2].dy > L.leg[1].dy && L.leg[2].dx == L.leg[0].dx);
	layout_done(&f, &r, &L, s);
}

static void
heights_should_follow_a_given_width(void **state)
{
	struct plot_opts o;
	double w, h;

	(void)state;
	plot_opts_defaults(&o);
	plot_size(&o, 576, 360, &w, &h);	/* the default size */
	assert_true(w == 576 && h == 360);
	o.width = 504;				/* 7 in: the default aspect */
	plot_size(&o, 576, 360, &w, &h);
	assert_true(w == 504 && fabs(h - 315) < 1e-9);
	o.width = COLUMN;			/* 3.5 in: no flatter than 0.7 */
	plot_size(&o, 576, 360, &w, &h);
	assert_true(w == COLUMN && fabs(h - 252) < 1e-9);
	o.height = 200;				/* both given: both kept */
	plot_size(&o, 576, 360, &w, &h);
	assert_true(w == COLUMN && h == 200);
	o.width = 0;
	plot_size(&o, 576, 360, &w, &h);
	assert_true(w == 576 && h == 200);
	plot_size(NULL, 500, 420, &w, &h);
	assert_true(w == 500 && h == 420);
}

/*
 * A 2 x 2 matrix (the evaluations figure's lower triangle) at a column
 * width with a three-line note and a legend: plot_matrix_size's margin
 * guess leaves the cells flat (the note is measured only when laid out);
 * render_fit gives the figure the height that makes them square, and
 * leaves a figure whose height was given alone.
 */
static void
matrix_cells_should_be_square_once_fitted(void **state)
{
	struct plot_opts o;
	struct fig f;
	double w, h, rects[16], x[2] = { 0.2, 0.8 };

	(void)state;
	plot_opts_defaults(&o);
	o.width = COLUMN;
	assert_int_equal(plot_matrix_size(&o, 2, 150, 150, 90, &w, &h), 1);
	fig_init(&f, "evaluations", "Evaluations", w, h);
	f.square = 1;
	f.nrows = f.ncols = 2;
	for (int i = 0; i < 2; i++)
		for (int j = 0; j <= i; j++) {
			struct fig_panel *p = fig_add_panel(&f, i, j);

			fig_axis_linear(&p->x, 0, 1, "x");
			fig_axis_linear(&p->y, 0, 1, "y");
			fig_mark_set_label(fig_add_mark(p, FIG_MARK_POINTS, x, x, 2),
			    i == 1 && j == 0 ? "Best: trial 7" : NULL);
		}
	fig_add_note(&f, "%s", long_note);
	f.legend = 1;
	assert_int_equal(render_layout(&f, f.width, f.height, NULL, rects, NULL), 0);
	assert_true(rects[3] < 0.8 * rects[2]);		/* flat before */
	render_fit(&f, NULL);
	assert_true(f.width == COLUMN && f.height > h);
	assert_int_equal(render_layout(&f, f.width, f.height, NULL, rects, NULL), 0);
	for (int i = 0; i < 3; i++)
		assert_true(fabs(rects[4 * i + 2] - rects[4 * i + 3]) < 1);
	/* a given height stays */
	o.height = 200;
	assert_int_equal(plot_matrix_size(&o, 2, 150, 150, 90, &w, &h), 0);
	f.square = 0;
	f.height = 200;
	render_fit(&f, NULL);
	assert_true(f.height == 200);
	fig_release(&f);
}

/*
 * A lower-triangle matrix (contour, rank) with a legend and a colour bar:
 * the legend sits in the empty top-right corner, clear of every panel, and
 * the bar right beside the panels (a legend column there used to push the
 * bar some 130 pt away from them).
 */
static void
matrix_legend_should_take_the_empty_corner(void **state)
{
	struct fig f;
	struct rnd_rctx r;
	struct rnd_layout L;
	cairo_surface_t *s;

	(void)state;
	grid_fig(&f, "contour", 700, 700, 3, 1, "Best: trial 209 (0.06602)");
	lay(&f, &r, &L, &s);
	assert_int_equal(L.leg_out, 3);
	for (size_t i = 0; i < f.npanels; i++) {
		const struct rnd_rect *q = &L.p[i].plot;

		assert_true(L.legbox.x >= q->x + q->w || L.legbox.y + L.legbox.h <= q->y);
	}
	assert_true(L.legbox.x + L.legbox.w <= L.grid.x + L.grid.w + 0.5);
	assert_true(L.cbar.x - (L.p[f.npanels - 1].plot.x + L.p[f.npanels - 1].plot.w) < 30);
	layout_done(&f, &r, &L, s);
}

/*
 * A full grid of panels (the slice figure) with a legend and a colour
 * bar: the legend stands above the bar in one column, so the panels are
 * not pushed left by a legend column beside the bar's.
 */
static void
legend_should_stand_above_the_colour_bar(void **state)
{
	struct fig f;
	struct rnd_rctx r;
	struct rnd_layout L;
	cairo_surface_t *s;

	(void)state;
	grid_fig(&f, "slice", 900, 700, 2, 0, "Best: trial 1499 (2.146e-05)");
	lay(&f, &r, &L, &s);
	assert_int_equal(L.leg_out, 1);
	assert_true(L.leg_stack);
	assert_true(fabs(L.cbar.x - L.legbox.x) < 1);
	assert_true(L.cbar.y >= L.legbox.y + L.legbox.h);
	assert_true(L.cbar.h > 0.6 * L.grid.h);
	assert_true(L.legbox.x + L.legbox.w <= f.width);
	layout_done(&f, &r, &L, s);
}

/*
 * Small panels take smaller type, but not below print size: a 3 x 3
 * matrix in a paper column (--style paper, 3.5 in) keeps 6.5-pt ticks and
 * 7-pt axis titles (its scale alone would give 5.5 and 6.2).
 */
static void
small_panels_should_keep_print_sized_type(void **state)
{
	struct fig f;
	struct rnd_rctx r;
	struct rnd_layout L;
	struct render_opts o;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 4, 4);
	cairo_t *cr = cairo_create(s);

	(void)state;
	grid_fig(&f, "evaluations", COLUMN, COLUMN, 3, 1, "Best: trial 7");
	render_opts_defaults(&o);
	o.style = RENDER_STYLE_PAPER;
	rnd_rctx_init(&r, &f, cr, f.width, f.height, &o);
	rnd_layout(&r, &L);
	assert_true(r.fs_tick >= 6.5 && r.fs_label >= 7);
	assert_true(r.fs_tick < 7.5);		/* still smaller than a lone panel's */
	layout_done(&f, &r, &L, s);
}

/* The labels of ticks t, joined by spaces ("" for none). */
static const char *
labels_of(const struct fig_ticks *t, char *buf, size_t n)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < t->n && o < n; i++)
		if (t->v[i].major && t->v[i].label[0])
			o += (size_t)snprintf(buf + o, n - o, "%s%s", o ? " " : "",
			    t->v[i].label);
	return buf;
}

/*
 * A lower-triangle matrix of params as the evaluations figure makes it:
 * panel (i, j) shows param j on x and param i on y; the params: units
 * (log int 16..1024), lr (log 1e-5..0.1), width (linear int 16..1000).
 */
static void
param_matrix(struct fig *f, double w)
{
	static const char *const name[3] = { "units", "lr", "width" };
	double x[2] = { 0.2, 0.8 };

	fig_init(f, "evaluations", "Evaluations", w, w);
	f->nrows = f->ncols = 3;
	for (int i = 0; i < 3; i++)
		for (int j = 0; j <= i; j++) {
			struct fig_panel *p = fig_add_panel(f, i, j);

			for (int ax = 0; ax < 2; ax++) {
				struct fig_axis *a = ax ? &p->y : &p->x;
				int k = ax ? i : j;

				if (k == 0)
					fig_axis_log(a, 16, 1024, name[k]);
				else if (k == 1)
					fig_axis_log(a, 1e-5, 0.1, name[k]);
				else
					fig_axis_linear(a, 16, 1000, name[k]);
				a->integer = k != 1;
			}
			fig_add_mark(p, FIG_MARK_POINTS, x, x, 2);
		}
}

/* The same param gets the same ticks on every panel, as x or as y
 * (issue 22, defect 9: `units` had four tick schemes in one figure). */
static void
a_param_should_get_one_tick_scheme_across_panels(void **state)
{
	static const char *const name[3] = { "units", "lr", "width" };
	double widths[3] = { COLUMN, 2 * COLUMN, 720 };

	(void)state;
	for (int wi = 0; wi < 3; wi++) {
		struct fig f;
		struct rnd_rctx r;
		struct rnd_layout L;
		cairo_surface_t *s;

		param_matrix(&f, widths[wi]);
		lay(&f, &r, &L, &s);
		for (int k = 0; k < 3; k++) {
			char first[512] = "", b[512];
			int seen = 0;

			for (size_t i = 0; i < f.npanels; i++)
				for (int ax = 0; ax < 2; ax++) {
					const struct fig_axis *a = ax ? &f.panels[i].y : &f.panels[i].x;
					const struct fig_ticks *t = ax ? &L.p[i].y.t : &L.p[i].x.t;

					if (strcmp(a->title, name[k]) != 0)
						continue;
					labels_of(t, b, sizeof(b));
					if (!seen++)
						snprintf(first, sizeof(first), "%s", b);
					else
						assert_string_equal(b, first);
				}
			assert_true(seen >= 3);
		}
		layout_done(&f, &r, &L, s);
	}
}

/*
 * x tick labels never run together ("400600"): in a matrix at a paper
 * column, labels of a 16..1000 axis stand apart by at least the gap;
 * and a lone column-wide axis of steps 0..9 gets three labels or more
 * (not just 0 and 5).
 */
static void
x_labels_should_stand_apart_and_be_three_or_more(void **state)
{
	struct fig f, g;
	struct rnd_rctx r;
	struct rnd_layout L;
	cairo_surface_t *s;

	(void)state;
	param_matrix(&f, COLUMN);
	lay(&f, &r, &L, &s);
	for (size_t i = 0; i < f.npanels; i++) {
		const struct fig_ticks *t = &L.p[i].x.t;
		double prev = -INFINITY, w, h;

		for (size_t k = 0; k < t->n; k++) {
			double c = rnd_map_x(&f.panels[i], &L.p[i].plot, t->v[k].v);

			if (!t->v[k].major || !t->v[k].label[0])
				continue;
			rnd_measure(&r, t->v[k].label, r.fs_tick, 0, 0, &w, &h);
			assert_true(c - w / 2 >= prev + 2);
			prev = c + w / 2;
		}
	}
	layout_done(&f, &r, &L, s);

	fig_init(&g, "intermediate_values", "Intermediate values", COLUMN, COLUMN * 0.7);
	{
		struct fig_panel *p = fig_add_panel(&g, 0, 0);
		double x[2] = { 0, 9 }, y[2] = { 1, 0 };
		char b[512];
		int n = 0;

		fig_axis_linear(&p->x, 0, 9, "Step");
		p->x.integer = 1;
		fig_axis_linear(&p->y, 0, 1, "Intermediate value");
		fig_add_mark(p, FIG_MARK_LINE, x, y, 2);
		lay(&g, &r, &L, &s);
		labels_of(&L.p[0].x.t, b, sizeof(b));
		for (size_t k = 0; k < L.p[0].x.t.n; k++)
			n += L.p[0].x.t.v[k].major && L.p[0].x.t.v[k].label[0];
		print_message("steps at 3.5 in: %s\n", b);
		assert_true(n >= 3);
		layout_done(&g, &r, &L, s);
	}
}

/*
 * Shortened names keep what tells them apart (issue 22, defect 8): the
 * axes of a 3-objective Pareto matrix at a column differ (both read
 * "Objective…minimize)"), a name is cut one way on x and y, a prefix
 * all names share goes first, and no space stands beside the "…".
 */
static void
short_names_should_stay_apart(void **state)
{
	static const char *const objs[3] = { "Objective 0 (minimize)",
	    "Objective 1 (minimize)", "Objective 2 (maximize)" };
	static const char *const enc[3] = { "encoder__layers_attention_dropout",
	    "encoder__layers_feedforward_dropout", "encoder__layers_units" };
	const char *const *sets[2] = { objs, enc };

	(void)state;
	for (int set = 0; set < 2; set++) {
		struct fig f;
		struct rnd_rctx r;
		struct rnd_layout L;
		cairo_surface_t *s;
		char got[3][2][512];
		double x[2] = { 0.2, 0.8 };

		fig_init(&f, "pareto_front", "Pareto front", 190, 190);
		f.nrows = f.ncols = 2;
		/* panel (i, j): name j on x, name i + 1 on y */
		for (int i = 0; i < 2; i++)
			for (int j = 0; j <= i; j++) {
				struct fig_panel *p = fig_add_panel(&f, i, j);

				fig_axis_linear(&p->x, 0, 1, sets[set][j]);
				fig_axis_linear(&p->y, 0, 1, sets[set][i + 1]);
				fig_add_mark(p, FIG_MARK_POINTS, x, x, 2);
			}
		lay(&f, &r, &L, &s);
		memset(got, 0, sizeof(got));
		for (size_t i = 0; i < f.npanels; i++)
			for (int ax = 0; ax < 2; ax++) {
				const char *name = ax ? f.panels[i].y.title : f.panels[i].x.title;
				char b[512];
				int k = 0;

				while (strcmp(sets[set][k], name) != 0)
					k++;
				rnd_axis_title(&r, i, ax, b, sizeof(b));
				print_message("%s -> %s\n", name, b);
				assert_null(strstr(b, " \u2026"));
				assert_null(strstr(b, "\u2026 "));
				/* one cut per name, whichever axis */
				if (got[k][0][0])
					assert_string_equal(b, got[k][0]);
				snprintf(got[k][0], sizeof(got[k][0]), "%s", b);
			}
		for (int a = 0; a < 3; a++)
			for (int b = a + 1; b < 3; b++)
				if (got[a][0][0] && got[b][0][0])
					assert_string_not_equal(got[a][0], got[b][0]);
		/* what tells them apart survives */
		if (set == 0) {
			assert_non_null(strstr(got[0][0], "0"));
			assert_non_null(strstr(got[2][0], "2"));
		} else {
			assert_null(strstr(got[0][0], "encoder__"));
			assert_non_null(strstr(got[0][0], "dropout"));
		}
		layout_done(&f, &r, &L, s);
	}
}

/* A name cut to a width keeps its end, which tells it from its
 * neighbours ("\u2026attention_dropout"), behind one ellipsis and no space;
 * names that differ only near the end stay different. */
static void
cut_names_should_keep_their_distinguishing_end(void **state)
{
	static const char *names[] = { "model__encoder__attention_dropout",
	    "model__encoder__feedforward_dropout", "Objective 0 (minimize)",
	    "Objective 1 (minimize)" };
	const char *cut[4];
	struct fig f;
	struct rnd_rctx r;
	struct render_opts o;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 4, 4);
	cairo_t *cr = cairo_create(s);
	PangoLayout *l[4];

	(void)state;
	fig_init(&f, "x", NULL, 252, 252);
	render_opts_defaults(&o);
	rnd_rctx_init(&r, &f, cr, f.width, f.height, &o);
	for (int i = 0; i < 4; i++) {
		double w, h;

		l[i] = rnd_mklayout(&r, names[i], 9, 0, 60);
		cut[i] = pango_layout_get_text(l[i]);
		rnd_layout_size(l[i], &w, &h);
		assert_true(w <= 60);
		if (i >= 2) {	/* the qualifier "(minimize)" goes first */
			assert_null(strstr(cut[i], "minimize"));
			assert_non_null(strstr(cut[i], i == 2 ? "0" : "1"));
			continue;
		}
		assert_true(strncmp(cut[i], "\xe2\x80\xa6", 3) == 0);
		assert_true(strlen(cut[i]) > 6);
		/* the rest is the end of the name, unchanged, no space added */
		assert_string_equal(cut[i] + 3, names[i] + strlen(names[i]) - strlen(cut[i] + 3));
		assert_null(strchr(cut[i], ' '));
		assert_int_equal(pango_layout_is_ellipsized(l[i]), 0);
	}
	assert_string_not_equal(cut[0], cut[1]);
	assert_string_not_equal(cut[2], cut[3]);
	for (int i = 0; i < 4; i++)
		g_object_unref(l[i]);
	rnd_rctx_release(&r);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	fig_release(&f);
}

/* A note of five lines' worth at a column wraps onto five lines and is
 * not cut ("..., esti\u2026" once). */
static void
long_notes_should_wrap_not_be_cut(void **state)
{
	const char *note = "The 3 most important of 22 params by PED-ANOVA "
	    "importance, as in the importances figure: estimator__learning_rate, "
	    "estimator__n_estimators, feature_selector__k.";
	struct fig f;
	struct rnd_rctx r;
	struct render_opts o;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 4, 4);
	cairo_t *cr = cairo_create(s);
	PangoLayout *l;

	(void)state;
	fig_init(&f, "x", NULL, 252, 252);
	render_opts_defaults(&o);
	rnd_rctx_init(&r, &f, cr, f.width, f.height, &o);
	l = rnd_mklayout(&r, note, 9, RND_TEXT_WRAP, 200);
	assert_true(pango_layout_get_line_count(l) >= 4);
	assert_int_equal(pango_layout_is_ellipsized(l), 0);
	g_object_unref(l);
	rnd_rctx_release(&r);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	fig_release(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(long_notes_should_wrap_inside_a_column),
		cmocka_unit_test(long_titles_should_wrap_and_push_the_plot_down),
		cmocka_unit_test(a_legend_below_should_set_entries_side_by_side),
		cmocka_unit_test(heights_should_follow_a_given_width),
		cmocka_unit_test(matrix_cells_should_be_square_once_fitted),
		cmocka_unit_test(matrix_legend_should_take_the_empty_corner),
		cmocka_unit_test(legend_should_stand_above_the_colour_bar),
		cmocka_unit_test(small_panels_should_keep_print_sized_type),
		cmocka_unit_test(a_param_should_get_one_tick_scheme_across_panels),
		cmocka_unit_test(x_labels_should_stand_apart_and_be_three_or_more),
		cmocka_unit_test(short_names_should_stay_apart),
		cmocka_unit_test(long_notes_should_wrap_not_be_cut),
		cmocka_unit_test(cut_names_should_keep_their_distinguishing_end),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
