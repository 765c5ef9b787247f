/*
 * geometry: where a figure's trial marks land in its picture, so that the
 * page can show a tooltip for the mark under the mouse (report.h,
 * report_fig_hover).  The renderer says where it puts each panel's plot
 * area (render_layout); a mark's place in it follows its axes through the
 * mapping the renderer draws with (fig_axis_frac), edge rules and all.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define QUANT	10000		/* hover coordinates: 1/QUANT of the figure */

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

/* de-duplication grid per axis: 1/400 of the figure, under 3 CSS pixels
 * at its full size, smaller than a point's mark */
#define CELLS	401
#define CELL_OF(q)	((size_t)(q) * (CELLS - 1) / QUANT)

int
report_fig_hover(const struct fig *f, const struct render_opts *ro, char **out,
    struct hp_err *err)
{
	double *rects;
	struct hcell {
		int	 qx, qy;	/* 1/QUANT of the figure */
		int	 number;
	} *cell;		/* [CELLS^2] the last point drawn there */
	unsigned char *used;
	size_t npts = 0;
	struct hp_buf b;

	*out = NULL;
	if (!has_trial_marks(f) || !(f->width > 0) || !(f->height > 0))
		return 0;
	rects = hp_calloc(4 * f->npanels, sizeof(double));
	if (render_layout(f, f->width, f->height, ro, rects, err) < 0) {
		free(rects);
		return -1;
	}
	/* one point per cell, the last drawn: the page can only show one
	 * anyway, and 10^5 trials stay a few hundred kilobytes */
	cell = hp_malloc((size_t)CELLS * CELLS * sizeof(*cell));
	used = hp_calloc((size_t)CELLS * CELLS, 1);
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
				double u = fig_axis_frac(&p->x, mk->x[k]);
				double v = fig_axis_frac(&p->y, mk->y[k]);
				long qx, qy;
				size_t c;

				/* outside the plot area the renderer clips it away */
				if (!(u >= 0 && u <= 1 && v >= 0 && v <= 1))
					continue;
				qx = lround((r[0] + u * r[2]) / f->width * QUANT);
				qy = lround((r[1] + (1 - v) * r[3]) / f->height * QUANT);
				/* a plot area inside the figure keeps these in range */
				if (qx < 0 || qy < 0 || qx > QUANT || qy > QUANT)
					continue;
				c = CELL_OF(qy) * CELLS + CELL_OF(qx);
				cell[c].qx = (int)qx;
				cell[c].qy = (int)qy;
				cell[c].number = mk->id[k];
				used[c] = 1;
				npts++;
			}
		}
	}
	free(rects);
	if (npts == 0) {
		free(cell);
		free(used);
		return 0;
	}
	hp_buf_init(&b);
	hp_buf_puts(&b, "[");
	for (size_t c = 0, first = 1; c < (size_t)CELLS * CELLS; c++) {
		if (!used[c])
			continue;
		if (!first)
			hp_buf_add(&b, ",", 1);
		hp_buf_int(&b, cell[c].qx);
		hp_buf_add(&b, ",", 1);
		hp_buf_int(&b, cell[c].qy);
		hp_buf_add(&b, ",", 1);
		hp_buf_int(&b, cell[c].number);
		first = 0;
	}
	hp_buf_puts(&b, "]");
	free(cell);
	free(used);
	*out = b.s;
	return 0;
}
