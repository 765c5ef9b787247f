/*
 * geometry: where a figure's trial marks land in its picture, so that the
 * page can show a tooltip for the mark under the mouse (report.h,
 * report_fig_hover).  The renderer says where it puts each panel's plot
 * area (render_layout); a mark's place in it follows its axes through the
 * mapping the renderer draws with (fig_axis_frac), edge rules and all.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/*
 * The hover points are written as a base64 string of bytes, one group per
 * point, the points in cell order (row by row of the CELLS x CELLS grid
 * below): the cell's index less the previous point's (the first: less 0)
 * as an unsigned LEB128 varint; one byte, the point's place inside its
 * cell, (qx % SUB) * SUB + qy % SUB; the trial number less the previous
 * point's (the first: less 0), zigzag-coded (0, -1, 1, -2 .. as 0, 1, 2,
 * 3 ..) as a varint.  A point's coordinates qx, qy are in 1/QUANT of the
 * figure from its top-left corner: qx = (cell % CELLS) * SUB + qx % SUB.
 * templates/report.js (hoverPoints) and tests/e2e/pagedata.py decode it.
 * About 4 bytes a point where the text triples took 15.
 */
#define SUB	16		/* a cell is SUB x SUB coordinate steps */
#define QUANT	6400		/* hover coordinates: 1/QUANT of the figure */

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
#define CELLS	(QUANT / SUB + 1)
#define CELL_OF(q)	((size_t)(q) / SUB)

static void
put_varint(struct hp_buf *b, uint64_t v)
{
	unsigned char c;

	do {
		c = (unsigned char)(v & 127);
		v >>= 7;
		if (v)
			c |= 128;
		hp_buf_add(b, (const char *)&c, 1);
	} while (v);
}

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
	int64_t prevnum = 0;
	struct hp_buf b, raw;

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
	hp_buf_init(&raw);
	for (size_t c = 0, prev = 0; c < (size_t)CELLS * CELLS; c++) {
		unsigned char in;
		int64_t d;

		if (!used[c])
			continue;
		put_varint(&raw, c - prev);
		in = (unsigned char)(cell[c].qx % SUB * SUB + cell[c].qy % SUB);
		hp_buf_add(&raw, (const char *)&in, 1);
		d = (int64_t)cell[c].number - prevnum;
		put_varint(&raw, d < 0 ? ((uint64_t)-(d + 1) << 1) | 1 : (uint64_t)d << 1);
		prev = c;
		prevnum = cell[c].number;
	}
	hp_buf_init(&b);
	hp_buf_add(&b, "\"", 1);
	hp_buf_base64(&b, raw.s, raw.len);
	hp_buf_add(&b, "\"", 1);
	hp_buf_release(&raw);
	free(cell);
	free(used);
	*out = b.s;
	return 0;
}
