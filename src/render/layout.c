/*
 * layout: where everything of a figure goes, before anything is drawn.
 * rnd_layout() measures every piece of text (text.c) -- tick labels, axis and
 * panel titles, colour bar, legend, notes -- and places the title, the
 * panel grid, the colour bar and the legend; each axis gets a plan (its
 * ticks, label angle, ellipsis width and the room it needs).  Panels in one
 * grid column share their left margin and panels in one row their bottom
 * margin, so plot areas line up in matrix figures.  The draw_*() functions
 * (marks.c, axes.c) then paint in that layout.
 *
 * Tick labels never overlap nor touch: x labels are thinned (fewer nice
 * ticks, then labels dropped, measured), y labels closer than a line are
 * dropped, categorical labels are rotated 45 or 90 degrees and, when even
 * that is too dense, only every k-th is labelled.  An axis gets three
 * labels when they fit.  One param gets one tick scheme on every panel of
 * a figure, x or y (unify_ticks).
 *
 * Also here: the mapping of data values to points in a plot area (rnd_map_x,
 * rnd_map_y, through fig_axis_frac), which layout and every drawing step share.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

double
rnd_map_x(const struct fig_panel *p, const struct rnd_rect *pr, double v)
{
	return pr->x + fig_axis_frac(&p->x, v) * pr->w;
}

double
rnd_map_y(const struct fig_panel *p, const struct rnd_rect *pr, double v)
{
	return pr->y + (1 - fig_axis_frac(&p->y, v)) * pr->h;
}

static void
plan_release(struct rnd_axplan *ap)
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

/* The least room between two x tick labels. */
static double
x_gap(const struct rnd_rctx *r)
{
	return r->fs_tick * 0.8;
}

/* How far x labels of p may pass the end of its axis: barely when a
 * panel stands right beside it, without y labels between them (a matrix's
 * inner cells: the labels would meet that panel's); else as far as the
 * margins let them. */
static double
x_limit(const struct rnd_rctx *r, const struct fig_panel *p)
{
	int span = p->colspan > 1 ? p->colspan : 1;

	for (size_t i = 0; i < r->f->npanels; i++) {
		const struct fig_panel *q = &r->f->panels[i];

		if (!q->empty && q->row == p->row && q->col == p->col + span)
			return (q->y.show & FIG_SHOW_LABELS) ? INFINITY : 2;
	}
	return INFINITY;
}

/*
 * Whether labelled ticks of t on a horizontal axis a of length len come
 * closer than gap; with drop, clears the labels that would (each kept
 * label against the last kept one), so that none touch, and those that
 * pass the axis end by more than limit.  nlabels, if not NULL, gets the
 * number of labels within the limit.
 */
static int
x_crowded(struct rnd_rctx *r, const struct fig_axis *a, double len, double limit,
    struct fig_ticks *t, double gap, int drop, int *nlabels)
{
	double prev_r = -INFINITY, w, h;
	int crowded = 0, n = 0;

	for (size_t i = 0; i < t->n; i++) {
		double c = fig_axis_frac(a, t->v[i].v) * len;

		if (!t->v[i].major || !t->v[i].label[0])
			continue;
		rnd_measure(r, t->v[i].label, r->fs_tick, 0, 0, &w, &h);
		if (c + w / 2 > len + limit) {	/* past the end: left out, */
			if (drop)		/* not a reason for fewer ticks */
				t->v[i].label[0] = '\0';
			continue;
		}
		if (c - w / 2 < prev_r + gap) {
			crowded = 1;
			if (drop) {
				t->v[i].label[0] = '\0';
				continue;
			}
		}
		prev_r = c + w / 2;
		n++;
	}
	if (nlabels)
		*nlabels = n;
	return crowded;
}

/* How far the last label of t passes the end of a horizontal axis. */
static double
x_overflow(struct rnd_rctx *r, const struct fig_axis *a, double len,
    const struct fig_ticks *t)
{
	double over = 0, w, h;

	for (size_t i = 0; i < t->n; i++) {
		double c = fig_axis_frac(a, t->v[i].v) * len;

		if (!t->v[i].major || !t->v[i].label[0])
			continue;
		rnd_measure(r, t->v[i].label, r->fs_tick, 0, 0, &w, &h);
		over = fmax(over, c + w / 2 - len);
	}
	return over;
}

/* Clears the labels of a vertical axis of length len that would come
 * closer than a line to the last one kept (1, 2 and 5 of a log decade). */
static void
y_uncrowd(struct rnd_rctx *r, const struct fig_axis *a, double len,
    struct fig_ticks *t)
{
	double prev = -INFINITY, lh = rnd_line_h(r, r->fs_tick);

	for (size_t i = 0; i < t->n; i++) {
		double c = fig_axis_frac(a, t->v[i].v) * len;

		if (!t->v[i].major || !t->v[i].label[0])
			continue;
		if (c - prev < lh)
			t->v[i].label[0] = '\0';
		else
			prev = c;
	}
}

/* Ticks and label placement for a horizontal axis of length len, its
 * labels passing its end by no more than limit. */
static void
plan_x(struct rnd_rctx *r, const struct fig_axis *a, double len, double limit,
    struct rnd_axplan *ap)
{
	double lh = rnd_line_h(r, r->fs_tick), gap = x_gap(r);

	memset(ap, 0, sizeof(*ap));
	if (a->scale != FIG_CATEGORICAL) {
		int mm = clampi(len / (r->fs_tick * 5), 3, 10), grow = 1;

		/*
		 * From about one label per 5 ems: fewer while labels would
		 * come closer than the gap; more while there are fewer than
		 * three labels and more fit (steps 0, 2, 4, 6, 8 rather than
		 * 0 and 5 on a column-wide axis).
		 */
		for (;;) {
			int overlap, nl;

			free(ap->t.v);
			fig_axis_ticks(a, mm, &ap->t);
			overlap = x_crowded(r, a, len, limit, &ap->t, gap, 0, &nl);
			if (grow && !overlap && nl < 3 && mm < 8) {
				mm++;
				continue;
			}
			if (grow && overlap && mm > clampi(len / (r->fs_tick * 5), 3, 10)) {
				mm--;		/* the last that fitted */
				grow = 0;
				continue;
			}
			grow = 0;
			if (!overlap || mm <= 2)
				break;
			mm--;
		}
		ap->mm = mm;
		/* even two ticks would run together ("400600"): drop labels */
		x_crowded(r, a, len, limit, &ap->t, gap, 1, NULL);
		ap->overflow = x_overflow(r, a, len, &ap->t);
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
			rnd_measure(r, ap->t.v[i].label, r->fs_tick, 0, 0, &w, &h);
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
			/* each label ends at its tick and runs down to the left */
			for (size_t i = 0; i < ap->t.n; i++) {
				double reach;

				rnd_measure(r, ap->t.v[i].label, r->fs_tick, 0, ap->maxw, &w, &h);
				reach = (w + lh) * M_SQRT1_2 - 2 - fig_axis_frac(a, ap->t.v[i].v) * len;
				ap->reach = reach > ap->reach ? reach : ap->reach;
			}
			return;
		}
		ap->angle = 90;
		ap->extent = wmax;
		if (lh * 1.1 > spacing)
			fig_cat_ticks_thin(a, &ap->t, (int)ceil(lh * 1.1 / spacing));
	}
}

/* Ticks and label placement for a vertical axis of length len; room: the
 * width across it that a categorical axis's names may take a third of. */
static void
plan_y(struct rnd_rctx *r, const struct fig_axis *a, double len, double room,
    struct rnd_axplan *ap)
{
	double lh = rnd_line_h(r, r->fs_tick), cap = 110 * r->fs_tick / 9;
	double wmax = 0, w, h;

	memset(ap, 0, sizeof(*ap));
	if (a->scale == FIG_CATEGORICAL) {
		double span = fabs(a->hi - a->lo), spacing = span > 0 ? len / span : len;

		fig_axis_ticks(a, 2, &ap->t);
		if (lh * 1.05 > spacing && spacing > 0)
			fig_cat_ticks_thin(a, &ap->t, (int)ceil(lh * 1.05 / spacing));
	} else {
		ap->mm = clampi(len / (lh * 2.8), 3, 8);
		fig_axis_ticks(a, ap->mm, &ap->t);
		y_uncrowd(r, a, len, &ap->t);
	}
	if (!(a->show & FIG_SHOW_LABELS))
		return;
	/* names (a bar chart's) may take a third of the room across */
	if (a->scale == FIG_CATEGORICAL && room / 3 > cap)
		cap = room / 3;
	for (size_t i = 0; i < ap->t.n; i++) {
		if (!ap->t.v[i].label[0])
			continue;
		rnd_measure(r, ap->t.v[i].label, r->fs_tick, 0, 0, &w, &h);
		wmax = w > wmax ? w : wmax;
	}
	if (wmax > cap) {
		wmax = cap;
		ap->maxw = cap;
	}
	ap->extent = wmax;
}

static void
set_sizes(struct rnd_rctx *r, double scale)
{
	double base = r->paper ? 7.5 : 9;

	/*
	 * The type scale, the one place text sizes are decided: figure title
	 * > panel title > axis and colour-bar titles > tick labels = value
	 * labels in the plot (text marks: a bar's importance, a histogram's
	 * count, "none") = legend entries; notes a step below.  A value label
	 * larger than the ticks beside it read as the figure's headline.
	 */
	/* small panels take smaller type, but no smaller than print allows
	 * (6.5 pt ticks: a 2 x 2 matrix in a paper column was at 5.5 pt) */
	r->fs_tick = fmax(base * scale, 6.5);
	r->fs_label = fmax((base + 1) * scale, 7);
	r->fs_ptitle = fmax((base + 1.5) * scale, 7.5);
	r->fs_annot = r->fs_tick;
	/* the title and notes are the figure's, not its panels': one size
	 * whatever the panels' scale (layout_once measures them first) */
	r->fs_title = base + (r->W < 400 ? 2 : 4);	/* a column figure's is smaller */
	r->fs_note = base - 1;
	r->lw_axis = r->paper ? 0.6 : 0.8;
	r->lw_grid = r->paper ? 0.4 : 0.7;
	r->tick_len = (r->paper ? 3 : 3.5) * (0.6 + scale * 0.4);
	r->pad = r->paper ? 6 : 10;
}

static void
collect_legend(const struct fig *f, struct rnd_layout *L)
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

/*
 * The legend's size, and where each entry goes in it: one entry a line,
 * or with maxw > 0 (a legend below the panels) entries side by side in
 * lines no wider than maxw.
 */
static void
legend_size(struct rnd_rctx *r, struct rnd_layout *L, double maxw, double *w, double *h)
{
	double lh = rnd_line_h(r, r->fs_tick), tw, th, x = 6, y = 5, wmax = 0;

	for (size_t i = 0; i < L->nleg; i++) {
		double ew;

		rnd_measure(r, L->leg[i].m->label, r->fs_tick, 0, 160, &tw, &th);
		ew = 18 + 5 + tw;
		if (i > 0 && (maxw <= 0 || x + 12 + ew + 7 > maxw)) {
			x = 6;
			y += lh + 2;
		} else if (i > 0)
			x += 12;
		L->leg[i].dx = x;
		L->leg[i].dy = y;
		x += ew;
		wmax = x > wmax ? x : wmax;
	}
	*w = wmax + 7;
	*h = y + (L->nleg ? lh + 2 : 0) + 3;
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
plan_cbar(struct rnd_rctx *r, const struct fig *f, struct rnd_layout *L, double len)
{
	const struct fig_colorbar *cb = &f->cbar;
	double lh = rnd_line_h(r, r->fs_tick), wmax = 0, w, h, mind = INFINITY;

	plan_y(r, &L->cbaxis, len, 0, &L->cb);
	if (!cb->discrete || !cb->levels || cb->nlevels < 2)
		return;
	free(L->cb.t.v);
	fig_level_ticks(cb, &L->cb.t);
	for (size_t i = 0; i + 1 < L->cb.t.n; i++)
		mind = fmin(mind, fabs(fig_axis_frac(&L->cbaxis, L->cb.t.v[i + 1].v) -
		    fig_axis_frac(&L->cbaxis, L->cb.t.v[i].v)) * len);
	if (mind < lh * 1.05)
		thin_labels(&L->cb.t, (int)ceil(lh * 1.05 / fmax(mind, 1e-3)));
	for (size_t i = 0; i < L->cb.t.n; i++) {
		if (!L->cb.t.v[i].label[0])
			continue;
		rnd_measure(r, L->cb.t.v[i].label, r->fs_tick, 0, 0, &w, &h);
		wmax = w > wmax ? w : wmax;
	}
	L->cb.extent = wmax;
	L->cb.maxw = 0;
}

/* Margins a panel wants around its plot area, from its axis plans. */
static void
panel_needs(struct rnd_rctx *r, const struct fig_panel *p, struct rnd_pplan *pp)
{
	double gap = 3, lt = rnd_line_h(r, r->fs_label), left = 0, bottom = 0, top;

	if (p->y.show & FIG_SHOW_LABELS)
		left += r->tick_len + gap + pp->y.extent;
	else if (p->y.show & FIG_SHOW_LINE)
		left += r->tick_len;
	if ((p->y.show & FIG_SHOW_TITLE) && p->y.title)
		left += lt + gap + 2;
	if (p->nvaxes && pp->v && pp->v[0].extent > 0 &&
	    fig_axis_frac(&p->x, p->vaxes_x[0]) < 0.05) {
		double v = pp->v[0].extent + r->tick_len + gap;

		left = v > left ? v : left;
	}
	if (p->x.show & FIG_SHOW_LABELS)
		bottom += r->tick_len + gap + pp->x.extent;
	else if (p->x.show & FIG_SHOW_LINE)
		bottom += r->tick_len;
	if ((p->x.show & FIG_SHOW_TITLE) && p->x.title)
		bottom += lt + gap + 1;
	top = p->title ? rnd_line_h(r, r->fs_ptitle) + 5 : 4;
	if (p->nvaxes) {
		int titled = 0;

		for (size_t j = 0; j < p->nvaxes; j++)
			titled |= p->vaxes[j].title != NULL;
		if (titled)
			top += rnd_line_h(r, r->fs_tick) + 5;
	}
	pp->need[0] = (left > pp->x.reach ? left : pp->x.reach) + 2;
	pp->need[1] = pp->x.overflow > 4 ? pp->x.overflow + 2 : 6;
	/* a title centred over the last parallel axis passes the plot end
	 * (their tick labels sit left of the axes) */
	for (size_t j = 0; j < p->nvaxes; j++)
		if (p->vaxes[j].title)
			pp->need[1] = pp->need[1] > 30 ? pp->need[1] : 30;
	pp->need[2] = top;
	pp->need[3] = bottom + 2 > 8 ? bottom + 2 : 8;
}

static void
plan_panel(struct rnd_rctx *r, const struct fig_panel *p, double pw, double ph,
    struct rnd_pplan *pp)
{
	plan_release(&pp->x);
	plan_release(&pp->y);
	if (pp->v)
		for (size_t j = 0; j < p->nvaxes; j++)
			plan_release(&pp->v[j]);
	free(pp->v);
	pp->v = NULL;
	plan_x(r, &p->x, pw, x_limit(r, p), &pp->x);
	plan_y(r, &p->y, ph, r->W / (r->f->ncols > 1 ? r->f->ncols : 1), &pp->y);
	if (p->nvaxes) {
		pp->v = hp_calloc(p->nvaxes, sizeof(*pp->v));
		for (size_t j = 0; j < p->nvaxes; j++) {
			double spacing = pw / (double)(p->nvaxes > 1 ? p->nvaxes - 1 : 1);

			plan_y(r, &p->vaxes[j], ph, 0, &pp->v[j]);
			/* labels sit left of their axis, within half the gap */
			if (pp->v[j].extent > spacing * 0.45) {
				pp->v[j].maxw = spacing * 0.45 > 20 ? spacing * 0.45 : 20;
				pp->v[j].extent = pp->v[j].maxw;
			}
		}
	}
	panel_needs(r, p, pp);
}

void
rnd_layout_release(const struct fig *f, struct rnd_layout *L)
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
	free(L->note_y);
	plan_release(&L->cb);
	free(L->leg);
	memset(L, 0, sizeof(*L));
}

/* Places panel plot areas into L->grid given the plans in L->p. */
static void
place_panels(const struct fig *f, struct rnd_layout *L, int estimate)
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
count_under(const struct fig_panel *p, const struct rnd_rect *pr, const struct rnd_rect *b)
{
	size_t n = 0;

	for (size_t j = 0; j < p->nmarks; j++) {
		const struct fig_mark *m = &p->marks[j];

		if (m->kind != FIG_MARK_POINTS && m->kind != FIG_MARK_LINE &&
		    m->kind != FIG_MARK_AREA && m->kind != FIG_MARK_RECTS)
			continue;
		for (size_t i = 0; i < m->n; i++) {
			double x = rnd_map_x(p, pr, m->x[i]), y = rnd_map_y(p, pr, m->y[i]);

			if (x >= b->x && x <= b->x + b->w && y >= b->y && y <= b->y + b->h)
				n++;
			if (m->y2) {
				y = rnd_map_y(p, pr, m->y2[i]);
				if (x >= b->x && x <= b->x + b->w && y >= b->y &&
				    y <= b->y + b->h)
					n++;
			}
		}
	}
	return n;
}

/*
 * Where the colour bar goes: beside the plot areas.  The margin right of
 * them holds only what passes their end (the last x tick label), which for
 * the bottom row is below the bar; a legend beside the panels comes first,
 * unless it stands above the bar (L->leg_stack).
 */
static double
cbar_x(const struct fig *f, const struct rnd_layout *L, int leg_out, double lw)
{
	double x = L->grid.x + L->grid.w + 10, xr = -INFINITY;
	int last = 0;

	if (leg_out == 1 && L->nleg && !L->leg_stack)
		return x + lw + 10;
	for (size_t i = 0; i < f->npanels; i++) {
		const struct fig_panel *p = &f->panels[i];
		int r1 = p->row + (p->rowspan > 1 ? p->rowspan : 1) - 1;

		if (!p->empty && r1 > last)
			last = r1;
	}
	for (size_t i = 0; i < f->npanels; i++) {
		const struct fig_panel *p = &f->panels[i];
		int r1 = p->row + (p->rowspan > 1 ? p->rowspan : 1) - 1;
		double e = L->p[i].plot.x + L->p[i].plot.w;

		if (p->empty)
			continue;
		if (r1 < last && L->p[i].x.overflow > 0)
			e += L->p[i].x.overflow;
		xr = e > xr ? e : xr;
	}
	return isfinite(xr) && xr + 10 < x ? xr + 10 : x;
}

/* Whether a and b show one param: same title, scale and range. */
static int
same_param(const struct fig_axis *a, const struct fig_axis *b)
{
	return a->title && b->title && strcmp(a->title, b->title) == 0 &&
	    a->scale == b->scale && a->scale != FIG_CATEGORICAL &&
	    a->lo == b->lo && a->hi == b->hi && a->integer == b->integer &&
	    a->none == b->none;
}

/*
 * One tick scheme per param across the panels of a figure: each linear
 * or log axis takes the fewest ticks (the smallest max_major) any axis of
 * the same param took, x or y, so that `units` reads 16, 64, 256, 1024
 * on every panel; panels whose ticks changed get their margins again.
 */
static void
unify_ticks(struct rnd_rctx *r, const struct fig *f, struct rnd_layout *L)
{
	for (size_t i = 0; i < f->npanels; i++)
		for (int ax = 0; ax < 2; ax++) {
			const struct fig_panel *p = &f->panels[i];
			const struct fig_axis *a = ax ? &p->y : &p->x;
			struct rnd_axplan *ap = ax ? &L->p[i].y : &L->p[i].x;
			int mm = ap->mm;

			if (p->empty || mm <= 0 || !a->title)
				continue;
			for (size_t k = 0; k < f->npanels; k++) {
				const struct fig_panel *q = &f->panels[k];

				if (q->empty)
					continue;
				if (same_param(a, &q->x) && L->p[k].x.mm > 0 && L->p[k].x.mm < mm)
					mm = L->p[k].x.mm;
				if (same_param(a, &q->y) && L->p[k].y.mm > 0 && L->p[k].y.mm < mm)
					mm = L->p[k].y.mm;
			}
			if (mm == ap->mm)
				continue;
			free(ap->t.v);
			fig_axis_ticks(a, mm, &ap->t);
			ap->mm = mm;
			if (ax)
				y_uncrowd(r, a, L->p[i].plot.h, &ap->t);
			else {
				x_crowded(r, a, L->p[i].plot.w, x_limit(r, p), &ap->t, x_gap(r), 1,
				    NULL);
				ap->overflow = x_overflow(r, a, L->p[i].plot.w, &ap->t);
			}
			panel_needs(r, p, &L->p[i]);
		}
	/* a label dropped on one panel (too little room) goes on all */
	for (size_t i = 0; i < f->npanels; i++)
		for (int ax = 0; ax < 2; ax++) {
			const struct fig_panel *p = &f->panels[i];
			const struct fig_axis *a = ax ? &p->y : &p->x;
			struct fig_ticks *t = ax ? &L->p[i].y.t : &L->p[i].x.t;

			if (p->empty || !a->title)
				continue;
			for (size_t k = 0; k < f->npanels; k++)
				for (int bx = 0; bx < 2; bx++) {
					const struct fig_panel *q = &f->panels[k];
					const struct fig_ticks *u = bx ? &L->p[k].y.t : &L->p[k].x.t;

					if (q->empty || !same_param(a, bx ? &q->y : &q->x) ||
					    u->n != t->n)
						continue;
					for (size_t j = 0; j < t->n; j++)
						if (u->v[j].v == t->v[j].v && !u->v[j].label[0])
							t->v[j].label[0] = '\0';
				}
		}
}

static void
layout_once(struct rnd_rctx *r, struct rnd_layout *L, int leg_out)
{
	const struct fig *f = r->f;
	double W = r->W, H = r->H, top = r->pad, bottom = r->pad, right = 0;
	double lw = 0, lh = 0, cw, ch, scale;
	int nr = f->nrows > 0 ? f->nrows : 1, nc = f->ncols > 0 ? f->ncols : 1;

	set_sizes(r, 1);
	L->title_y = NAN;
	/* a paper's figure takes its title from the caption */
	if (f->title && *f->title && !r->paper) {
		double w, h;

		rnd_measure(r, f->title, r->fs_title, RND_TEXT_TITLE, W - 2 * r->pad, &w, &h);
		L->title_y = top;
		top += h + 6;
	}
	if (f->nnotes) {
		double y = 0;

		/* each note as tall as its lines (a CJK fallback font stands
		 * taller than DejaVu) */
		for (size_t i = 0; i < f->nnotes; i++) {
			double w, h;

			rnd_measure(r, f->notes[i], r->fs_note, RND_TEXT_WRAP, W - 2 * r->pad, &w, &h);
			L->note_y[i] = y;
			y += h + 1;
		}
		bottom += y + 4;
		for (size_t i = 0; i < f->nnotes; i++)
			L->note_y[i] += H - bottom + 4;
	}
	if (L->nleg && leg_out == 2) {	/* below the panels, above the notes */
		legend_size(r, L, W - 2 * r->pad, &lw, &lh);
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
			rnd_measure(r, f->cbar.title, r->fs_label, 0, 0, &th, &th);
			right += 6 + rnd_line_h(r, r->fs_label);
		}
		right += 2;
	}
	L->leg_stack = 0;
	if (L->nleg && leg_out == 1) {
		legend_size(r, L, 0, &lw, &lh);
		/* above the colour bar, in its column, when that leaves the bar
		 * most of its height; else a column of its own */
		L->leg_stack = f->cbar.on && lh + 10 < 0.35 * (H - top - bottom);
		right = L->leg_stack ? fmax(right, lw + 10) : right + lw + 10;
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
	unify_ticks(r, f, L);
	place_panels(f, L, 0);
	if (f->cbar.on) {
		double y0 = INFINITY, y1 = -INFINITY;
		double slack = L->grid.x + L->grid.w + 10 - cbar_x(f, L, leg_out, lw);

		/* the bar moves up to the panels: they take the room it leaves */
		if (slack > 2 && !(leg_out == 1 && L->nleg && !L->leg_stack)) {
			L->grid.w += slack;
			place_panels(f, L, 0);
			for (size_t i = 0; i < f->npanels; i++)
				if (!f->panels[i].empty)
					plan_panel(r, &f->panels[i], L->p[i].plot.w,
					    L->p[i].plot.h, &L->p[i]);
			unify_ticks(r, f, L);
			place_panels(f, L, 0);
		}

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
		L->cbar.x = cbar_x(f, L, leg_out, lw);
		if (L->leg_stack)	/* below the legend */
			y0 += lh + 10;
		L->cbar.y = y0;
		L->cbar.w = 12;
		L->cbar.h = y1 - y0;
		plan_release(&L->cb);
		plan_cbar(r, f, L, L->cbar.h);
	}
	if (L->nleg) {
		legend_size(r, L, leg_out == 2 ? W - 2 * r->pad : 0, &lw, &lh);
		L->legbox.w = lw;
		L->legbox.h = lh;
		L->leg_out = leg_out;
		if (leg_out == 2) {
			L->legbox.x = L->grid.x;
		} else if (leg_out == 3) {	/* the matrix's empty corner */
			L->legbox.x = L->grid.x + L->grid.w - lw;
			L->legbox.y = L->grid.y;
		} else if (leg_out) {
			double y0 = INFINITY;

			for (size_t i = 0; i < f->npanels; i++)
				if (!f->panels[i].empty && L->p[i].plot.y < y0)
					y0 = L->p[i].plot.y;
			L->legbox.x = L->leg_stack ? L->cbar.x : L->grid.x + L->grid.w + 10;
			L->legbox.y = isfinite(y0) ? y0 : L->grid.y;
		}
	}
}

/* How many cells of the top row, from the right, no panel covers: the
 * empty upper triangle of a matrix figure. */
static int
free_top_right(const struct fig *f)
{
	int nc = f->ncols > 0 ? f->ncols : 1, k = 0;

	for (int c = nc - 1; c >= 0; c--, k++)
		for (size_t i = 0; i < f->npanels; i++) {
			const struct fig_panel *p = &f->panels[i];
			int c1 = p->col + (p->colspan > 1 ? p->colspan : 1) - 1;

			if (!p->empty && p->row == 0 && p->col <= c && c <= c1)
				return k;
		}
	return k;
}

/* Fraction of data under the best inside corner; sets legbox there. */
static double
place_legend_inside(const struct fig *f, struct rnd_layout *L)
{
	const struct fig_panel *p = NULL;
	const struct rnd_rect *pr = NULL;
	size_t best = (size_t)-1, total = 0;
	struct rnd_rect b = L->legbox, chosen = b;

	for (size_t i = 0; i < f->npanels && p == NULL; i++)
		if (!f->panels[i].empty) {
			p = &f->panels[i];
			pr = &L->p[i].plot;
		}
	if (p == NULL)
		return 1;
	{
		struct rnd_rect all = { -1e9, -1e9, 2e9, 2e9 };

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

void
rnd_layout(struct rnd_rctx *r, struct rnd_layout *L)
{
	const struct fig *f = r->f;
	int multi = 0;

	memset(L, 0, sizeof(*L));
	r->L = L;
	L->p = hp_calloc(f->npanels ? f->npanels : 1, sizeof(*L->p));
	L->note_y = hp_calloc(f->nnotes ? f->nnotes : 1, sizeof(*L->note_y));
	collect_legend(f, L);
	for (size_t i = 0, n = 0; i < f->npanels; i++)
		multi |= !f->panels[i].empty && ++n > 1;
	/* a legend goes into the empty top-right corner of a matrix, else
	 * beside the panels, below them when that would take more than a
	 * fifth of a narrow figure, inside a panel only where it covers no
	 * data */
	{
		int out = multi, k = free_top_right(f);
		double lw = 0, lh = 0;

		if (L->nleg) {
			set_sizes(r, 1);
			legend_size(r, L, 0, &lw, &lh);
		}
		if (out && L->nleg && k > 0) {
			int nc = f->ncols > 0 ? f->ncols : 1, nr = f->nrows > 0 ? f->nrows : 1;

			layout_once(r, L, 3);
			if (L->legbox.w + 12 <= k * L->grid.w / nc && L->legbox.h + 12 <= L->grid.h / nr)
				return;
		}
		if (out && lw + 10 > r->W * 0.2)
			out = 2;
		layout_once(r, L, out);
		if (L->nleg && !multi && place_legend_inside(f, L) > 0)
			layout_once(r, L, lw + 10 > r->W * 0.2 ? 2 : 1);
	}
}
