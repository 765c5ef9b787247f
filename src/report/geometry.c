/*
 * geometry: where a figure's trial marks land in its picture, so that the
 * page can show a tooltip for the mark under the mouse (report.h,
 * report_fig_hover).
 *
 * The renderer decides the plot area of each panel (margins grow with tick
 * labels, titles, colour bar, legend), and the page must not guess it.  So
 * we ask the renderer: draw the figure with its data marks emptied (axes,
 * labels, legend and colour bar stay, so the layout is the same) once as is
 * and once with two probe squares per panel at known data coordinates, in
 * colours that encode the panel and the probe.  Pixels that differ between
 * the two pictures and carry a probe's exact colour are that probe; their
 * centroid and the probe's data coordinates give each axis's affine map.
 * Two cheap renders per figure, whatever the number of trials.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/report.h"

#define SCALE	2.0		/* probe picture pixels per point */
#define QUANT	10000		/* hover coordinates: 1/QUANT of the figure */

/* An axis coordinate in the space where the renderer's map is affine. */
static double
axis_t(const struct fig_axis *a, double v)
{
	return a->scale == FIG_LOG ? (v > 0 ? log10(v) : NAN) : v;
}

static double
axis_v(const struct fig_axis *a, double t)
{
	return a->scale == FIG_LOG ? pow(10, t) : t;
}

static int
has_trial_marks(const struct fig *f)
{
	for (size_t i = 0; i < f->npanels; i++)
		for (size_t m = 0; m < f->panels[i].nmarks; m++)
			if (f->panels[i].marks[m].kind == FIG_MARK_POINTS &&
			    f->panels[i].marks[m].id != NULL && f->panels[i].marks[m].n > 0)
				return 1;
	return 0;
}

/* Probe j of panel i gets colour code i * 2 + j + 1 in green/blue, red full. */
static struct fig_rgba
probe_color(size_t i, int j)
{
	unsigned code = (unsigned)(i * 2 + (size_t)j + 1);
	struct fig_rgba c = { 1, ((code >> 8) & 0xff) / 255.0, (code & 0xff) / 255.0, 1 };

	return c;
}

static const double probe_frac[2][2] = { { 0.38, 0.40 }, { 0.62, 0.60 } };

/* A panel whose axes the probes can be placed on. */
static int
probe_ok(const struct fig_panel *p)
{
	return !p->empty && p->nvaxes == 0 &&
	    (p->x.scale != FIG_LOG || p->x.lo > 0) &&
	    (p->y.scale != FIG_LOG || p->y.lo > 0) &&
	    p->x.hi != p->x.lo && p->y.hi != p->y.lo;
}

/* Renders the stripped figure, with probes when `probes`, into a new surface. */
static cairo_surface_t *
draw(const struct fig *f, const struct render_opts *ro, int probes, struct hp_err *err)
{
	struct fig g = *f;
	struct fig_panel *panels = hp_calloc(f->npanels, sizeof(*panels));
	struct fig_mark *marks;
	size_t nmarks = 0, k = 0;
	int w = (int)ceil(f->width * SCALE), h = (int)ceil(f->height * SCALE);
	cairo_surface_t *s;
	cairo_t *cr;
	int rc;

	for (size_t i = 0; i < f->npanels; i++)
		nmarks += f->panels[i].nmarks + 2;
	marks = hp_calloc(nmarks, sizeof(*marks));
	for (size_t i = 0; i < f->npanels; i++) {
		const struct fig_panel *p = &f->panels[i];

		panels[i] = *p;
		panels[i].marks = marks + k;
		/* shallow copies with no data: labels (legend) and kinds stay */
		for (size_t m = 0; m < p->nmarks; m++) {
			marks[k] = p->marks[m];
			if (marks[k].kind != FIG_MARK_TEXT)
				marks[k].n = marks[k].npoly = 0;
			k++;
		}
		if (probes && probe_ok(p)) {
			for (int j = 0; j < 2; j++) {
				struct fig_mark *m = &marks[k++];
				double tx0 = axis_t(&p->x, p->x.lo), tx1 = axis_t(&p->x, p->x.hi);
				double ty0 = axis_t(&p->y, p->y.lo), ty1 = axis_t(&p->y, p->y.hi);

				memset(m, 0, sizeof(*m));
				m->kind = FIG_MARK_POINTS;
				m->n = 1;
				m->x = hp_malloc(sizeof(double));
				m->y = hp_malloc(sizeof(double));
				m->x[0] = axis_v(&p->x, tx0 + probe_frac[j][0] * (tx1 - tx0));
				m->y[0] = axis_v(&p->y, ty0 + probe_frac[j][1] * (ty1 - ty0));
				m->color = probe_color(i, j);
				m->shape = FIG_SHAPE_SQUARE;
				m->size = 5;
			}
		}
		panels[i].nmarks = (size_t)(marks + k - panels[i].marks);
	}
	g.panels = panels;
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, SCALE, SCALE);
	rc = render_draw(&g, cr, f->width, f->height, ro, err);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	for (size_t i = 0; i < f->npanels; i++)
		for (size_t m = f->panels[i].nmarks; m < panels[i].nmarks; m++) {
			free(panels[i].marks[m].x);
			free(panels[i].marks[m].y);
		}
	free(marks);
	free(panels);
	if (rc < 0) {
		cairo_surface_destroy(s);
		return NULL;
	}
	return s;
}

/* One hover point before de-duplication. */
struct hpt {
	int32_t	 qx, qy;	/* 1/QUANT of the figure */
	int	 number;
	size_t	 order;		/* drawing order: the last drawn wins */
};

static int
cmp_hpt(const void *a, const void *b)
{
	const struct hpt *p = a, *q = b;

	if (p->qy / 10 != q->qy / 10)
		return p->qy / 10 < q->qy / 10 ? -1 : 1;
	if (p->qx / 10 != q->qx / 10)
		return p->qx / 10 < q->qx / 10 ? -1 : 1;
	return p->order < q->order ? -1 : p->order > q->order;
}

int
report_fig_hover(const struct fig *f, const struct render_opts *ro, char **out,
    struct hp_err *err)
{
	cairo_surface_t *plain, *probed;
	double (*sum)[3];	/* per probe code: sum x, sum y, count */
	size_t ncodes = f->npanels * 2 + 1, npts = 0, cap = 0, order = 0;
	struct hpt *pts = NULL;
	struct hp_buf b;

	*out = NULL;
	if (!has_trial_marks(f) || ncodes >= 0xff00)
		return 0;
	if ((plain = draw(f, ro, 0, err)) == NULL)
		return -1;
	if ((probed = draw(f, ro, 1, err)) == NULL) {
		cairo_surface_destroy(plain);
		return -1;
	}
	sum = hp_calloc(ncodes, sizeof(*sum));
	{
		int w = cairo_image_surface_get_width(plain);
		int h = cairo_image_surface_get_height(plain);
		int sa = cairo_image_surface_get_stride(plain);
		int sb = cairo_image_surface_get_stride(probed);
		const unsigned char *da = cairo_image_surface_get_data(plain);
		const unsigned char *db = cairo_image_surface_get_data(probed);

		for (int y = 0; y < h; y++) {
			const uint32_t *ra = (const uint32_t *)(da + (size_t)y * (size_t)sa);
			const uint32_t *rb = (const uint32_t *)(db + (size_t)y * (size_t)sb);

			for (int x = 0; x < w; x++) {
				uint32_t v = rb[x] & 0xffffff, code;

				if (v == (ra[x] & 0xffffff) || (v >> 16) != 0xff)
					continue;
				code = v & 0xffff;
				if (code == 0 || code >= ncodes)
					continue;
				sum[code][0] += x + 0.5;
				sum[code][1] += y + 0.5;
				sum[code][2] += 1;
			}
		}
	}
	for (size_t i = 0; i < f->npanels; i++) {
		const struct fig_panel *p = &f->panels[i];
		const double *s0 = sum[i * 2 + 1], *s1 = sum[i * 2 + 2];
		double W = f->width * SCALE, H = f->height * SCALE;
		double tx[2], ty[2], cx[2], cy[2], bx, ax, by, ay;
		double xlo, xhi, ylo, yhi;

		if (!probe_ok(p) || s0[2] < 2 || s1[2] < 2)
			continue;	/* no probe seen: no tooltips on this panel */
		for (int j = 0; j < 2; j++) {
			double x0 = axis_t(&p->x, p->x.lo), x1 = axis_t(&p->x, p->x.hi);
			double y0 = axis_t(&p->y, p->y.lo), y1 = axis_t(&p->y, p->y.hi);
			const double *sj = j ? s1 : s0;

			tx[j] = x0 + probe_frac[j][0] * (x1 - x0);
			ty[j] = y0 + probe_frac[j][1] * (y1 - y0);
			cx[j] = sj[0] / sj[2] / W;
			cy[j] = sj[1] / sj[2] / H;
		}
		if (tx[1] == tx[0] || ty[1] == ty[0])
			continue;
		bx = (cx[1] - cx[0]) / (tx[1] - tx[0]);
		ax = cx[0] - bx * tx[0];
		by = (cy[1] - cy[0]) / (ty[1] - ty[0]);
		ay = cy[0] - by * ty[0];
		xlo = fmin(axis_t(&p->x, p->x.lo), axis_t(&p->x, p->x.hi));
		xhi = fmax(axis_t(&p->x, p->x.lo), axis_t(&p->x, p->x.hi));
		ylo = fmin(axis_t(&p->y, p->y.lo), axis_t(&p->y, p->y.hi));
		yhi = fmax(axis_t(&p->y, p->y.lo), axis_t(&p->y, p->y.hi));
		for (size_t m = 0; m < p->nmarks; m++) {
			const struct fig_mark *mk = &p->marks[m];

			if (mk->kind != FIG_MARK_POINTS || mk->id == NULL)
				continue;
			for (size_t k = 0; k < mk->n; k++) {
				double x = axis_t(&p->x, mk->x[k]), y = axis_t(&p->y, mk->y[k]);

				/* clipped away by the renderer: nothing to hover */
				if (!(x >= xlo && x <= xhi && y >= ylo && y <= yhi))
					continue;
				hp_grow(&pts, &cap, npts + 1, sizeof(*pts));
				pts[npts].qx = (int32_t)lround((ax + bx * x) * QUANT);
				pts[npts].qy = (int32_t)lround((ay + by * y) * QUANT);
				pts[npts].number = mk->id[k];
				pts[npts].order = order++;
				npts++;
			}
		}
	}
	cairo_surface_destroy(plain);
	cairo_surface_destroy(probed);
	free(sum);
	if (npts == 0) {
		free(pts);
		return 0;
	}
	/* one point per 1/1000 of the figure: the page can only show one
	 * anyway, and 10^5 trials stay a few hundred kilobytes */
	qsort(pts, npts, sizeof(*pts), cmp_hpt);
	hp_buf_init(&b);
	hp_buf_puts(&b, "[");
	for (size_t i = 0, first = 1; i < npts; i++) {
		if (i + 1 < npts && pts[i + 1].qx / 10 == pts[i].qx / 10 &&
		    pts[i + 1].qy / 10 == pts[i].qy / 10)
			continue;	/* a later-drawn point covers this one */
		hp_buf_printf(&b, "%s%ld,%ld,%d", first ? "" : ",", (long)pts[i].qx,
		    (long)pts[i].qy, pts[i].number);
		first = 0;
	}
	hp_buf_puts(&b, "]");
	free(pts);
	*out = b.s;
	return 0;
}
