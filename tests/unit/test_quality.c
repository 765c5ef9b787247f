/*
 * test_quality: what makes a figure usable in a paper (issue 13), checked
 * on the figure descriptions and the rendered PNGs of the "hard" study
 * (hardstudy.h: 16 params, CJK and long names, a 40-choice categorical,
 * values over 9 decades): colour-bar levels and ticks, one log rule and
 * one label style, top-k params, name cutting, categorical labels, the
 * best trial, timeline marks, text that neither collides nor is clipped.
 */
#include "testutil.h"

#include <sys/stat.h>

#include "hpreport/plot.h"
#include "../../src/report/internal.h"
#include "figstudy.h"
#include "hardstudy.h"

/* 1 when v is m * 10^e with m in {1, 2, 5}, or 0. */
static int
round_number(double v)
{
	double e, m;

	if (v == 0)
		return 1;
	e = floor(log10(fabs(v)) + 1e-9);
	m = fabs(v) / pow(10, e);
	return fabs(m - 1) < 1e-6 || fabs(m - 2) < 1e-6 || fabs(m - 5) < 1e-6;
}

/* 1 when label is "10" followed by superscript digits (10ⁿ style). */
static int
pow10_label(const char *s)
{
	return strncmp(s, "10", 2) == 0 && (unsigned char)s[2] >= 0xc2;
}

static struct fig
build(plot_build_fn fn, const struct hp_study *st, const struct plot_opts *o)
{
	struct plot_opts d;
	struct fig f;
	struct hp_err err;

	plot_opts_defaults(&d);
	if (fn(st, 0, o ? o : &d, &f, &err) != 1)
		fail_msg("build failed: %s", err.msg);
	return f;
}

/* Defect 1: honest colour-bar levels, each edge ticked, log over decades. */
static void
contour_bar_should_have_round_ticked_levels_on_a_log_scale(void **state)
{
	struct hp_study *st = hardstudy();
	struct plot_opts o;
	char *params[] = { (char *)"\xe5\xad\xa6\xe7\xbf\x92\xe7\x8e\x87", (char *)HARD_LONG,
	    (char *)"activation" };
	struct fig f;
	struct fig_ticks t;

	(void)state;
	plot_opts_defaults(&o);
	o.params = params;
	o.nparams = 3;
	f = build(plot_contour, st, &o);
	assert_true(f.cbar.on && f.cbar.discrete);
	assert_int_equal(f.cbar.scale, FIG_LOG);
	assert_true(f.cbar.nlevels >= 4 && f.cbar.nlevels <= 14);
	for (size_t i = 0; i < f.cbar.nlevels; i++)
		assert_true(round_number(f.cbar.levels[i]));
	assert_true(f.cbar.lo == f.cbar.levels[0]);
	assert_true(f.cbar.hi == f.cbar.levels[f.cbar.nlevels - 1]);
	/* every band edge gets a labelled tick, in one style */
	fig_level_ticks(&f.cbar, &t);
	assert_int_equal(t.n, f.cbar.nlevels);
	for (size_t i = 0; i < t.n; i++) {
		assert_true(t.v[i].v == f.cbar.levels[i]);
		assert_true(pow10_label(t.v[i].label));
	}
	free(t.v);
	/* no band squashed: on the log bar every band has a fair share */
	for (size_t i = 0; i + 1 < f.cbar.nlevels; i++)
		assert_true(log10(f.cbar.levels[i + 1] / f.cbar.levels[i]) /
		    log10(f.cbar.hi / f.cbar.lo) > 0.02);
	png_should_not_be_blank(&f);
	fig_release(&f);
	hp_study_free(st);
}

/* Defect 1: a linear bar (values within two decades) has round edges too. */
static void
contour_bar_should_stay_linear_within_two_decades(void **state)
{
	struct hp_study *st = figstudy(HP_DIR_MINIMIZE, 2);
	struct plot_opts o;
	struct fig f;
	struct fig_ticks t;
	struct hp_err err;

	(void)state;
	plot_opts_defaults(&o);
	/* objective 1 (accuracy) has values of both signs */
	assert_int_equal(plot_contour(st, 1, &o, &f, &err), 1);
	assert_int_equal(f.cbar.scale, FIG_LINEAR);
	for (size_t i = 0; i < f.cbar.nlevels; i++)
		assert_true(round_number(f.cbar.levels[i]) ||
		    fabs(f.cbar.levels[i] * 10 - round(f.cbar.levels[i] * 10)) < 1e-9);
	fig_level_ticks(&f.cbar, &t);
	assert_int_equal(t.n, f.cbar.nlevels);
	for (size_t i = 0; i < t.n; i++)
		assert_true(t.v[i].label[0] != '\0');
	free(t.v);
	fig_release(&f);
	hp_study_free(st);
}

/* Defects 1 and 3: every figure that colours by or plots the objective
 * turns log by the same rule (plot_log_scale). */
static void
objective_scales_should_follow_one_log_rule(void **state)
{
	struct hp_study *st = hardstudy();
	struct plot_opts o;
	char *params[] = { (char *)"\xe5\xad\xa6\xe7\xbf\x92\xe7\x8e\x87", (char *)HARD_LONG };
	struct fig f;

	(void)state;
	assert_true(plot_log_scale(1, 101));
	assert_false(plot_log_scale(1, 100));
	assert_false(plot_log_scale(-1, 1000));
	plot_opts_defaults(&o);
	o.params = params;
	o.nparams = 2;
	f = build(plot_convergence, st, &o);
	assert_int_equal(f.panels[0].y.scale, FIG_LOG);
	fig_release(&f);
	f = build(plot_slice, st, &o);
	assert_int_equal(f.panels[0].y.scale, FIG_LOG);
	fig_release(&f);
	f = build(plot_edf, st, &o);
	assert_int_equal(f.panels[0].x.scale, FIG_LOG);
	fig_release(&f);
	f = build(plot_intermediate_values, st, &o);
	assert_int_equal(f.panels[0].y.scale, FIG_LOG);
	assert_int_equal(f.cbar.scale, FIG_LOG);
	fig_release(&f);
	f = build(plot_parallel_coordinate, st, &o);
	assert_int_equal(f.cbar.scale, FIG_LOG);
	assert_int_equal(f.panels[0].vaxes[0].scale, FIG_LOG);
	fig_release(&f);
	/* the partial dependence diagonals too (they were linear) */
	f = build(plot_objective, st, &o);
	for (size_t i = 0; i < f.npanels; i++)
		if (f.panels[i].row == f.panels[i].col)
			assert_int_equal(f.panels[i].y.scale, FIG_LOG);
	fig_release(&f);
	hp_study_free(st);
}

/* Defect 3: log axes label in one style (10ⁿ), at least three labels. */
static void
log_objective_axis_should_label_in_one_style(void **state)
{
	struct hp_study *st = hardstudy();
	struct fig f = build(plot_convergence, st, NULL);
	struct fig_ticks t;
	size_t nl = 0;

	(void)state;
	for (int mm = 3; mm <= 8; mm++) {
		nl = 0;
		fig_axis_ticks(&f.panels[0].y, mm, &t);
		for (size_t i = 0; i < t.n; i++)
			if (t.v[i].major && t.v[i].label[0]) {
				assert_true(pow10_label(t.v[i].label));
				nl++;
			}
		assert_true(nl >= 3);
		free(t.v);
	}
	fig_release(&f);
	hp_study_free(st);
}

/* Defect 5: matrix figures of 16 params show the top 8, named in a note,
 * and stay page-sized; the most important params are among them. */
static void
matrix_figures_should_show_the_top_params(void **state)
{
	static plot_build_fn fns[] = { plot_contour, plot_evaluations, plot_rank,
	    plot_objective };
	struct hp_study *st = hardstudy();

	(void)state;
	for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
		struct fig f = build(fns[i], st, NULL);
		int lr = 0, act = 0;

		assert_true(has_note(&f, "The 8 most important of 16 params"));
		assert_true(f.nrows <= 8 && f.ncols <= 8);
		assert_true(f.width <= 1400 && f.height <= 1400);
		for (size_t j = 0; j < f.npanels; j++) {
			const char *t = f.panels[j].x.title ? f.panels[j].x.title : "";

			lr |= strcmp(t, "\xe5\xad\xa6\xe7\xbf\x92\xe7\x8e\x87") == 0;
			act |= strcmp(t, "activation") == 0;
		}
		assert_true(lr && act);
		fig_release(&f);
	}
	hp_study_free(st);
}

/* Parallel coordinates follow the same rule: 16 params give the objective
 * and the top 8 axes, the most important beside the objective, and a
 * page-sized width (it was 17 axes, 1,714 pt wide). */
static void
parallel_coordinates_should_show_the_top_params(void **state)
{
	struct hp_study *st = hardstudy();
	struct fig f = build(plot_parallel_coordinate, st, NULL);
	const struct fig_panel *p = &f.panels[0];

	(void)state;
	assert_true(has_note(&f, "The 8 most important of 16 params"));
	assert_int_equal(p->nvaxes, 9);
	assert_true(f.width <= 1000);
	assert_string_equal(p->x.cats[1], "\xe5\xad\xa6\xe7\xbf\x92\xe7\x8e\x87");
	fig_release(&f);
	hp_study_free(st);
}

/* Defect 8: the best trial stands out in learning curves and rank plots. */
static void
best_trial_should_be_marked_in_curves_and_rank(void **state)
{
	struct hp_study *st = hardstudy();
	struct fig f = build(plot_intermediate_values, st, NULL);
	const struct fig_mark *best = NULL;
	size_t nempty = 0;

	(void)state;
	assert_int_equal(hp_study_best(st, 0), HARD_BEST);
	for (size_t i = 0; i < f.panels[0].nmarks; i++) {
		const struct fig_mark *m = &f.panels[0].marks[i];

		if (m->kind == FIG_MARK_LINE && m->label && strstr(m->label, "Best: trial"))
			best = m;
	}
	assert_non_null(best);
	/* red, not a colour-bar colour shared with the other good curves */
	assert_null(best->c);
	assert_true(best->color.r > 0.7 && best->color.g < 0.3 && best->color.a == 1);
	assert_non_null(find_star(&f.panels[0]));
	fig_release(&f);
	f = build(plot_rank, st, NULL);
	for (size_t i = 0; i < f.npanels; i++) {
		if (f.panels[i].empty) {
			nempty++;
			continue;
		}
		assert_non_null(find_star(&f.panels[i]));
		assert_int_equal(find_star(&f.panels[i])->id[0], HARD_BEST);
	}
	assert_true(nempty < f.npanels);
	fig_release(&f);
	hp_study_free(st);
}

/* Pixels of f's PNG within 12/255 of colour c. */
static size_t
png_pixels_of(const struct fig *f, struct fig_rgba c)
{
	unsigned w, h;
	unsigned char *px = render_rgba(f, &w, &h);
	size_t n = 0;

	for (size_t i = 0; i < (size_t)w * h; i++)
		n += fabs(px[4 * i] - c.r * 255) <= 12 && fabs(px[4 * i + 1] - c.g * 255) <= 12 &&
		    fabs(px[4 * i + 2] - c.b * 255) <= 12;
	free(px);
	return n;
}

/* The objective matrix: its colour bar sits beside the panels (within
 * 14 pt of the rightmost plot area), at the default size and at 7 in. */
static void
objective_colour_bar_should_sit_beside_the_panels(void **state)
{
	struct hp_study *st = hardstudy();
	struct plot_opts o;

	(void)state;
	for (int size = 0; size < 2; size++) {
		struct fig f;
		double *rects, right = 0, ymid = 0;
		unsigned char *px;
		unsigned w, h, x;

		plot_opts_defaults(&o);
		o.width = size ? 504 : 0;
		f = build(plot_objective, st, &o);
		assert_true(f.cbar.on);
		rects = calloc(4 * f.npanels, sizeof(double));
		assert_int_equal(render_layout(&f, f.width, f.height, NULL, rects, NULL), 0);
		for (size_t i = 0; i < f.npanels; i++)
			if (rects[4 * i] + rects[4 * i + 2] > right) {
				right = rects[4 * i] + rects[4 * i + 2];
				ymid = rects[4 * i + 1] + rects[4 * i + 3] / 2;
			}
		px = render_rgba(&f, &w, &h);
		/* the first inked pixel right of the panels, at the rightmost
		 * panel's middle, is the bar */
		for (x = (unsigned)(right * 2) + 3; x < w; x++) {
			const unsigned char *p = px + 4 * ((size_t)(ymid * 2) * w + x);

			if (p[0] < 200 || p[1] < 200 || p[2] < 200)
				break;
		}
		assert_true(x < w);
		assert_true((x / 2.0 - right) <= 14);
		free(px);
		free(rects);
		fig_release(&f);
	}
	hp_study_free(st);
}

/* Defect 4 at a column width: the importances' value labels stay whole
 * (the top bar's label ends clear of the plot's right edge, where it was
 * cut off) and a bar takes a 20-point line. */
static void
importance_labels_should_fit_a_column(void **state)
{
	struct hp_study *st = hardstudy();
	struct plot_opts o;
	struct fig f;
	double rects[4], fy;
	unsigned char *px;
	unsigned w, h, edge, last = 0;

	(void)state;
	plot_opts_defaults(&o);
	o.width = 252;
	f = build(plot_importances, st, &o);
	assert_true(f.height <= 90 + 20 * HARD_NPARAMS);
	assert_int_equal(render_layout(&f, f.width, f.height, NULL, rects, NULL), 0);
	fy = fig_axis_frac(&f.panels[0].y, (double)f.panels[0].y.ncats - 1);
	px = render_rgba(&f, &w, &h);
	edge = (unsigned)((rects[0] + rects[2]) * 2);
	for (int dy = -4; dy <= 4; dy++) {
		unsigned y = (unsigned)((rects[1] + (1 - fy) * rects[3]) * 2) + dy;

		for (unsigned x = (unsigned)(rects[0] * 2) + 4; x < edge - 1; x++) {
			const unsigned char *p = px + 4 * ((size_t)y * w + x);

			/* dark text, not the blue bar */
			if (p[0] < 90 && p[1] < 90 && p[2] < 90 && x > last)
				last = x;
		}
	}
	assert_true(last > 0);
	assert_true(last + 4 < edge);
	free(px);
	fig_release(&f);
	hp_study_free(st);
}

/* Text stays grey beside a continuous colour bar: the palette keeps the
 * bar's 128 steps, and median cut, left fewer entries, mixed the text's
 * antialiasing with colour-map shades (the evaluations' axis titles at
 * 7 in took a teal tint, mean chroma ~29). */
static void
text_should_stay_grey_beside_a_colour_bar(void **state)
{
	struct hp_study *st = hardstudy();
	struct plot_opts o;
	struct fig f;
	unsigned w, h;
	unsigned char *px;
	double *rects, bottom = 0, chroma = 0;
	size_t n = 0;

	(void)state;
	plot_opts_defaults(&o);
	o.width = 504;
	f = build(plot_evaluations, st, &o);
	render_fit(&f, NULL);
	rects = calloc(4 * f.npanels, sizeof(double));
	assert_int_equal(render_layout(&f, f.width, f.height, NULL, rects, NULL), 0);
	for (size_t i = 0; i < f.npanels; i++)
		bottom = fmax(bottom, rects[4 * i + 1] + rects[4 * i + 3]);
	px = render_rgba(&f, &w, &h);
	/* below the panels: tick labels, axis titles, the note */
	for (unsigned y = (unsigned)(bottom * 2) + 4; y < h; y++)
		for (unsigned x = 0; x < w * 4 / 5; x++) {
			const unsigned char *q = px + 4 * ((size_t)y * w + x);
			int hi = q[0] > q[1] ? (q[0] > q[2] ? q[0] : q[2]) : (q[1] > q[2] ? q[1] : q[2]);
			int lo = q[0] < q[1] ? (q[0] < q[2] ? q[0] : q[2]) : (q[1] < q[2] ? q[1] : q[2]);

			if (hi < 150) {
				chroma += hi - lo;
				n++;
			}
		}
	assert_true(n > 200);
	assert_true(chroma / (double)n < 15);
	free(px);
	free(rects);
	fig_release(&f);
	hp_study_free(st);
}

/* Defect 9: every trial has a visible mark on the timeline, in its state's
 * colour: a bar, and a marker too where the bar is too short and too low
 * (its duration) to see (a
 * FAIL that ends as it starts, the RUNNING trial started last); every
 * state's colour is in the decoded PNG. */
static void
timeline_should_mark_every_trial(void **state)
{
	struct hp_study *st = hardstudy();
	struct fig f = build(plot_timeline, st, NULL);
	const struct fig_panel *p = &f.panels[0];
	double span = p->x.hi - p->x.lo;

	(void)state;
	for (int s = 0; s < HP_STATE__COUNT; s++) {
		struct fig_rgba c = plot_state_color((enum hp_state)s);
		size_t want = hp_study_count_state(st, (enum hp_state)s), bars = 0;
		size_t shortbars = 0, points = 0;

		if (want == 0)
			continue;
		for (size_t i = 0; i < p->nmarks; i++) {
			const struct fig_mark *m = &p->marks[i];

			if (m->color.r != c.r || m->color.g != c.g || m->color.b != c.b)
				continue;
			if (m->kind == FIG_MARK_RECTS) {
				bars += m->n;
				for (size_t j = 0; j < m->n; j++)
					shortbars += m->x2[j] - m->x[j] < span * 0.004 &&
					    m->y2[j] - p->y.lo < 0.02 * (p->y.hi - p->y.lo);
			} else if (m->kind == FIG_MARK_POINTS) {
				points += m->n;
				assert_true(m->size >= 3);
			}
		}
		assert_int_equal(bars, want);
		assert_int_equal(points, shortbars);
		if (s == HP_STATE_FAIL)
			assert_int_equal(points, want);	/* no duration in hardstudy */
		assert_true(png_pixels_of(&f, c) > 20);
	}
	png_should_not_be_blank(&f);
	fig_release(&f);
	hp_study_free(st);
}


/* Defect 7: a categorical axis of 40 choices labels the best trial's
 * choice and the most sampled ones that fit, not every k-th -- in the
 * slice, contour, parallel-coordinate and evaluations figures. */
static void
many_choices_should_label_best_and_most_sampled(void **state)
{
	static plot_build_fn fns[] = { plot_slice, plot_contour,
	    plot_parallel_coordinate, plot_evaluations };
	struct hp_study *st = hardstudy();
	char *params[] = { (char *)"activation", (char *)HARD_LONG };
	struct plot_opts o;

	(void)state;
	plot_opts_defaults(&o);
	o.params = params;
	o.nparams = 2;
	for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
		struct fig f = build(fns[i], st, &o);
		const struct fig_axis *a = NULL;
		struct fig_ticks t;
		size_t count[40] = { 0 }, top[5], nlab = 0;
		char want[16];
		int k = 3, best_kept = 0;

		for (size_t j = 0; j < f.npanels && !a; j++) {
			const struct fig_panel *p = &f.panels[j];

			if (p->x.title && strcmp(p->x.title, "activation") == 0)
				a = &p->x;
			else if (p->y.title && strcmp(p->y.title, "activation") == 0)
				a = &p->y;
			/* parallel coordinates: the x axis names the vertical ones */
			for (size_t v = 0; v < p->nvaxes && v < p->x.ncats && !a; v++)
				if (strcmp(p->x.cats[v], "activation") == 0)
					a = &p->vaxes[v];
		}
		assert_non_null(a);
		assert_int_equal(a->scale, FIG_CATEGORICAL);
		assert_non_null(a->label_order);
		/* the axis's categories by trials sampled (all states) */
		for (size_t t2 = 0; t2 < st->ntrials; t2++) {
			double v = st->params[4].v[t2];

			if (!isnan(v))
				count[(size_t)v]++;
		}
		fig_axis_ticks(a, 2, &t);
		fig_cat_ticks_thin(a, &t, k);
		snprintf(want, sizeof(want), "act_%02d", HARD_BEST_ACT);
		assert_string_equal(a->cats[a->label_order[0]], want);
		/* the five most sampled choices, by count */
		for (size_t r = 0; r < 5; r++) {
			size_t b = 40;

			for (size_t c = 0; c < 40; c++) {
				int used = 0;

				for (size_t q = 0; q < r; q++)
					used |= top[q] == c;
				if (!used && (b == 40 || count[c] > count[b]))
					b = c;
			}
			top[r] = b;
		}
		for (size_t j = 0; j < t.n; j++) {
			if (!t.v[j].label[0])
				continue;
			nlab++;
			best_kept |= strcmp(t.v[j].label, want) == 0;
			/* no two labels closer than k choices */
			for (size_t q = j + 1; q < t.n; q++)
				if (t.v[q].label[0])
					assert_true(fabs(t.v[q].v - t.v[j].v) >= k);
		}
		assert_true(best_kept);
		assert_true(nlab >= a->ncats / (2 * (size_t)k - 1));
		/* each of the top five is labelled, or a label that comes first
		 * (the best's choice, or one sampled at least as often) sits
		 * within k - 1 choices of it */
		for (size_t r = 0; r < 5; r++) {
			long at = -1;
			int ok = 0;

			for (size_t c = 0; c < a->ncats; c++)
				if ((size_t)atoi(a->cats[c] + 4) == top[r])
					at = (long)c;
			assert_true(at >= 0);
			for (size_t j = 0; j < t.n; j++) {
				size_t c = (size_t)t.v[j].v, ch;

				if (!t.v[j].label[0] || t.v[j].v < 0)
					continue;
				ch = (size_t)atoi(a->cats[c] + 4);
				if (ch == top[r] || (fabs(t.v[j].v - (double)at) < k &&
				    (ch == HARD_BEST_ACT || count[ch] >= count[top[r]])))
					ok = 1;
			}
			assert_true(ok);
		}
		free(t.v);
		fig_release(&f);
	}
	hp_study_free(st);
}

/* Defect 9: the page's state badges have the timeline's colours. */
static void
state_badges_should_have_the_timeline_colours(void **state)
{
	struct hp_study *st = hardstudy();
	struct report_opts ro;
	struct hp_err err;
	char dir[] = "/tmp/hpbadge.XXXXXX", path[600], *page;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/data", dir);	/* for data/page.js */
	assert_int_equal(mkdir(path, 0755), 0);
	report_opts_defaults(&ro);
	if (report_html_study(dir, st, NULL, 0, 0, &ro, &err) < 0)
		fail_msg("%s", err.msg);
	snprintf(path, sizeof(path), "%s/index.html", dir);
	assert_int_equal(hp_read_file(path, &page, NULL, &err), 0);
	for (int s = 0; s < HP_STATE__COUNT; s++) {
		struct fig_rgba c = plot_state_color((enum hp_state)s);
		char rule[64];
		const char *at;
		unsigned r, g, b;

		snprintf(rule, sizeof(rule), ".state-%s { background: #",
		    hp_state_name((enum hp_state)s));
		at = strstr(page, rule);
		assert_non_null(at);
		assert_int_equal(sscanf(at + strlen(rule), "%2x%2x%2x", &r, &g, &b), 3);
		assert_true(fabs(r - c.r * 255) <= 0.5 && fabs(g - c.g * 255) <= 0.5 &&
		    fabs(b - c.b * 255) <= 0.5);
	}
	free(page);
	unlink(path);
	snprintf(path, sizeof(path), "%s/data/page.js", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/data", dir);
	rmdir(path);
	rmdir(dir);
	hp_study_free(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(contour_bar_should_have_round_ticked_levels_on_a_log_scale),
		cmocka_unit_test(contour_bar_should_stay_linear_within_two_decades),
		cmocka_unit_test(objective_scales_should_follow_one_log_rule),
		cmocka_unit_test(log_objective_axis_should_label_in_one_style),
		cmocka_unit_test(matrix_figures_should_show_the_top_params),
		cmocka_unit_test(parallel_coordinates_should_show_the_top_params),
		cmocka_unit_test(best_trial_should_be_marked_in_curves_and_rank),
		cmocka_unit_test(importance_labels_should_fit_a_column),
		cmocka_unit_test(text_should_stay_grey_beside_a_colour_bar),
		cmocka_unit_test(timeline_should_mark_every_trial),
		cmocka_unit_test(many_choices_should_label_best_and_most_sampled),
		cmocka_unit_test(state_badges_should_have_the_timeline_colours),
		cmocka_unit_test(objective_colour_bar_should_sit_beside_the_panels),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
