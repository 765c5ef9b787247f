/*
 * geometry: where a figure's trial marks land in its picture, so that the
 * page can show a tooltip for the mark under the mouse (report.h,
 * report_fig_hover).  The renderer says where it puts each panel's plot
 * area (render_layout); a mark's place in it follows the axis the way the
 * renderer maps data: linear, log10, or category index between lo and hi.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/report.h"

#define QUANT	10000		/* hover coordinates: 1/QUANT of the figure */

/* Where v lies along axis a, 0 at lo and 1 at hi; NaN when not drawable. */
static double
axis_frac(const struct fig_axis *a, double v)
{
	double lo = a->lo, hi = a->hi;

	if (a->scale == FIG_LOG) {
		if (!(v > 0) || !(lo > 0) || !(hi > 0))
			return NAN;
		v = log10(v);
		lo = log10(lo);
		hi = log10(hi);
	}
	if (!(hi != lo) || !isfinite(hi - lo))
		return NAN;
	return (v - lo) / (hi - lo);
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
	double *rects;
	size_t npts = 0, cap = 0, order = 0;
	struct hpt *pts = NULL;
	struct hp_buf b;

	*out = NULL;
	if (!has_trial_marks(f) || !(f->width > 0) || !(f->height > 0))
		return 0;
	rects = hp_calloc(4 * f->npanels, sizeof(double));
	if (render_layout(f, f->width, f->height, ro, rects, err) < 0) {
		free(rects);
		return -1;
	}
	for (size_t i = 0; i < f->npanels; i++) {
		const struct fig_panel *p = &f->panels[i];
		const double *r = rects + 4 * i;

		if (p->empty || p->nvaxes > 0 || !(r[2] > 0) || !(r[3] > 0))
			continue;
		for (size_t m = 0; m < p->nmarks; m++) {
			const struct fig_mark *mk = &p->marks[m];

			if (mk->kind != FIG_MARK_POINTS || mk->id == NULL)
				continue;
			for (size_t k = 0; k < mk->n; k++) {
				double u = axis_frac(&p->x, mk->x[k]), v = axis_frac(&p->y, mk->y[k]);

				/* outside the plot area the renderer clips it away */
				if (!(u >= 0 && u <= 1 && v >= 0 && v <= 1))
					continue;
				hp_grow(&pts, &cap, npts + 1, sizeof(*pts));
				pts[npts].qx = (int32_t)lround((r[0] + u * r[2]) / f->width * QUANT);
				pts[npts].qy = (int32_t)lround((r[1] + (1 - v) * r[3]) / f->height *
				    QUANT);
				pts[npts].number = mk->id[k];
				pts[npts].order = order++;
				npts++;
			}
		}
	}
	free(rects);
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
