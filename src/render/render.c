/*
 * render: draws a figure description (figure.h) onto a cairo_t with Pango
 * text.  Nothing here opens a file (write.c does, per format).
 *
 * Drawing is two steps: rnd_layout() (layout.c) measures all text and places
 * every panel, axis, colour bar and legend; then the panels' grids, marks
 * (marks.c) and axes (axes.c), the colour bar, legend, title and notes are
 * painted in that layout.  A dense figure's plot areas may come from
 * raster layers drawn once for all formats (layers.c).
 *
 * Files of the renderer, each calling only those below it:
 *   render.c  entry points (render_draw, render_layout)
 *   layers.c  raster layers of dense figures (the render cache)
 *   axes.c    grid, axes, ticks, colour bar, legend
 *   marks.c   the marks, with Cairo
 *   raster.c  software drawing of markers and thin lines into pixels
 *   shape.c   marker outlines, dashes, mark colours
 *   layout.c  axis mapping, tick plans, placement of everything
 *   text.c    the drawing context and Pango text
 *   png.c     PNG encoding (used by layers.c and write.c)
 * write.c (files per format) calls render.c and layers.c, never the reverse.
 */
#include <math.h>
#include <string.h>

#include "internal.h"

void
render_opts_defaults(struct render_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->dpi = 144;
	o->style = RENDER_STYLE_SCREEN;
	o->font = RND_DEFAULT_FONT;
}

int
rnd_draw_layers(const struct fig *f, const struct render_cache *c, cairo_t *cr,
    double width, double height, const struct render_opts *o, int pdf_stubs,
    struct hp_err *err)
{
	struct render_opts def;
	struct rnd_rctx r;
	struct rnd_layout L;
	cairo_surface_type_t st;
	cairo_status_t s;

	if (o == NULL) {
		render_opts_defaults(&def);
		o = &def;
	}
	rnd_rctx_init(&r, f, cr, width, height, o);
	st = cairo_surface_get_type(cairo_get_target(cr));
	r.vector = st == CAIRO_SURFACE_TYPE_PDF || st == CAIRO_SURFACE_TYPE_SVG ||
	    st == CAIRO_SURFACE_TYPE_PS || st == CAIRO_SURFACE_TYPE_RECORDING;
	r.svg = st == CAIRO_SURFACE_TYPE_SVG;
	r.pdf_stubs = pdf_stubs && st == CAIRO_SURFACE_TYPE_PDF;
	cairo_save(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, 0, 0, width, height);
	cairo_fill(cr);
	rnd_layout(&r, &L);
	for (size_t i = 0; i < f->npanels; i++) {
		const struct fig_panel *p = &f->panels[i];
		const struct rnd_pplan *pp = &L.p[i];
		const struct rnd_layer *lys = c ? (r.vector ? c->vv : c->v) : NULL;
		const struct rnd_layer *ly = lys && i < c->n && (lys[i].px || lys[i].png) ?
		    &lys[i] : NULL;

		if (p->empty || pp->plot.w <= 0 || pp->plot.h <= 0)
			continue;
		if (ly) {
			rnd_paint_layer(&r, c, ly);
			for (size_t j = 0; j < p->nmarks; j++)
				if (!rnd_layerable(&p->marks[j], r.vector))
					rnd_draw_mark(&r, p, &pp->plot, &p->marks[j]);
		} else {
			rnd_draw_grid(&r, p, pp);
			for (size_t j = 0; j < p->nmarks; j++)
				rnd_draw_mark(&r, p, &pp->plot, &p->marks[j]);
		}
		rnd_draw_axes(&r, p, pp);
		if (p->nvaxes)
			rnd_draw_vaxes(&r, p, pp);
	}
	rnd_draw_legend(&r, &L);
	if (f->cbar.on)
		rnd_draw_cbar(&r, &L);
	if (!isnan(L.title_y))
		rnd_draw_text(&r, f->title, width / 2, L.title_y, r.fs_title, RND_TEXT_TITLE,
		    width - 2 * r.pad, 0, -1, 0, rnd_ink_text);
	for (size_t i = 0; i < f->nnotes; i++)
		rnd_draw_text(&r, f->notes[i], r.pad, L.note_y[i], r.fs_note, RND_TEXT_WRAP,
		    width - 2 * r.pad, -1, -1, 0, rnd_ink_note);
	cairo_restore(cr);
	rnd_layout_release(f, &L);
	rnd_rctx_release(&r);
	s = cairo_status(cr);
	if (s != CAIRO_STATUS_SUCCESS)
		return hp_err_set(err, "drawing %s: %s", f->name ? f->name : "figure",
		    cairo_status_to_string(s));
	return 0;
}

int
rnd_draw_cached(const struct fig *f, const struct render_cache *c, cairo_t *cr,
    double width, double height, const struct render_opts *o, struct hp_err *err)
{
	return rnd_draw_layers(f, c, cr, width, height, o, 0, err);
}

int
render_draw(const struct fig *f, cairo_t *cr, double width, double height,
    const struct render_opts *o, struct hp_err *err)
{
	cairo_surface_type_t st = cairo_surface_get_type(cairo_get_target(cr));
	struct render_opts def;
	struct render_cache *c = NULL;
	double px;
	int rc;

	if (o == NULL) {
		render_opts_defaults(&def);
		o = &def;
	}
	px = (o->dpi > 0 ? o->dpi : 144) / 72;
	/* an image is drawn directly; vector surfaces get layers when dense */
	if (st != CAIRO_SURFACE_TYPE_IMAGE)
		c = rnd_cache_layers(f, width, height, px, px, o, 0, RND_VLAYERS_PIXELS);
	rc = rnd_draw_cached(f, c, cr, width, height, o, err);
	render_cache_free(c);
	return rc;
}

void
render_fit(struct fig *f, const struct render_opts *o)
{
	double *rects;

	if (!f->square || f->npanels == 0 || f->nrows < 1)
		return;
	rects = hp_calloc(4 * f->npanels, sizeof(double));
	/* twice: a new height can change the panels' font scale or where the
	 * legend goes, which the second pass takes into account */
	for (int pass = 0; pass < 2; pass++) {
		double w = 0, h = 0;

		render_layout(f, f->width, f->height, o, rects, NULL);
		for (size_t i = 0; i < f->npanels && w <= 0; i++) {
			w = rects[4 * i + 2];
			h = rects[4 * i + 3];
		}
		if (w <= 0)
			break;
		f->height = fmax(f->height + (w - h) * f->nrows, f->width * 0.3);
	}
	free(rects);
}

int
render_layout(const struct fig *f, double width, double height,
    const struct render_opts *o, double *rects, struct hp_err *err)
{
	struct render_opts def;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
	cairo_t *cr = cairo_create(s);
	struct rnd_rctx r;
	struct rnd_layout L;

	if (o == NULL) {
		render_opts_defaults(&def);
		o = &def;
	}
	rnd_rctx_init(&r, f, cr, width, height, o);
	rnd_layout(&r, &L);
	for (size_t i = 0; i < f->npanels; i++) {
		rects[4 * i] = L.p[i].plot.x;
		rects[4 * i + 1] = L.p[i].plot.y;
		rects[4 * i + 2] = L.p[i].plot.w;
		rects[4 * i + 3] = L.p[i].plot.h;
	}
	rnd_layout_release(f, &L);
	rnd_rctx_release(&r);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	(void)err;
	return 0;
}
