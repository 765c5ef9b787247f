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
