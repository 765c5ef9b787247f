/*
 * layers: the raster layers of a dense figure (internal.h).  For the PNG,
 * each plot area's background, grid and marks but text are drawn once onto
 * an image at the PNG's pixel grid; for SVG and PDF, only when a figure has
 * more marks than its style keeps as vectors (RND_VECTOR_MARKS_*), its
 * background, grid and marks but lines and text at the PNG's resolution,
 * and in --style paper at RND_VECTOR_LAYER_DPI or more, encoded once as PNG
 * for both (rnd_cache_layers).  Each format paints its images in place of what
 * they hold (rnd_paint_layer).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Marks (markers, line and polygon vertices, rectangles) above which a
 * figure's plot areas are drawn once as raster layers for its PNG
 * (internal.h): the software rasterizer (raster.c) draws them there. */
#define DENSE_WEIGHT 1500

/* Lines, which a vector file always keeps as vectors. */
static int
is_line(const struct fig_mark *m)
{
	return m->kind == FIG_MARK_LINE || m->kind == FIG_MARK_HRULE ||
	    m->kind == FIG_MARK_VRULE;
}

int
rnd_layerable(const struct fig_mark *m, int vector)
{
	return m->kind != FIG_MARK_TEXT && !m->no_clip && !(vector && is_line(m));
}

static size_t
panel_weight(const struct fig_panel *p, int vector)
{
	size_t w = 0;

	for (size_t j = 0; j < p->nmarks; j++)
		if (rnd_layerable(&p->marks[j], vector))
			w += p->marks[j].n > 0 ? p->marks[j].n : 1;
	return w;
}

/*
 * The layers of f at sx, sy pixels a point into out[f->npanels]: those of
 * a vector file (vector: no lines, quantized and encoded as PNG once for
 * SVG and PDF alike) or of its PNG (every mark but text, exact colour).
 */
static void
draw_layers(const struct fig *f, double width, double height, double sx, double sy,
    const struct render_opts *o, int vector, struct rnd_layer *out)
{
	cairo_surface_t *scratch = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
	cairo_t *cr = cairo_create(scratch);
	struct rnd_rctx r;
	struct rnd_layout L;
	struct rnd_segbatch *batch = rnd_segbatch_new();
	unsigned char *reuse = NULL;	/* RND_VLAYERS_PNG: one buffer for every
					   panel's pixels, needed only until
					   they are encoded */
	size_t reuse_len = 0;

	rnd_rctx_init(&r, f, cr, width, height, o);
	rnd_layout(&r, &L);
	for (size_t i = 0; i < f->npanels; i++) {
		const struct fig_panel *p = &f->panels[i];
		const struct rnd_rect *pr = &L.p[i].plot;
		struct rnd_layer *ly = &out[i];
		struct rnd_rect box;
		cairo_surface_t *img;
		cairo_t *c2;

		if (p->empty || pr->w <= 0 || pr->h <= 0 || panel_weight(p, vector) == 0)
			continue;
		ly->sx = sx;
		ly->sy = sy;
		ly->x0 = (int)floor(pr->x * sx);
		ly->y0 = (int)floor(pr->y * sy);
		ly->w = (int)ceil((pr->x + pr->w) * sx) - ly->x0;
		ly->h = (int)ceil((pr->y + pr->h) * sy) - ly->y0;
		if (ly->w < 1 || ly->h < 1)
			continue;
		ly->stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, ly->w);
		if (vector == RND_VLAYERS_PNG) {
			if ((size_t)ly->stride * (size_t)ly->h > reuse_len) {
				free(reuse);
				reuse_len = (size_t)ly->stride * (size_t)ly->h;
				reuse = hp_malloc(reuse_len);
			}
			ly->px = reuse;
		} else
			ly->px = hp_malloc((size_t)ly->stride * (size_t)ly->h);
		ly->clip[0] = pr->x;
		ly->clip[1] = pr->y;
		ly->clip[2] = pr->w;
		ly->clip[3] = pr->h;
		img = cairo_image_surface_create_for_data(ly->px, CAIRO_FORMAT_ARGB32,
		    ly->w, ly->h, ly->stride);
		c2 = cairo_create(img);
		cairo_set_source_rgb(c2, 1, 1, 1);
		cairo_paint(c2);
		cairo_translate(c2, -ly->x0, -ly->y0);
		cairo_scale(c2, sx, sy);
		/* marks fill the edge pixels; painting the layer clips to pr */
		box.x = ly->x0 / sx;
		box.y = ly->y0 / sy;
		box.w = ly->w / sx;
		box.h = ly->h / sy;
		r.cr = c2;
		r.clip = &box;
		r.batch = batch;
		rnd_draw_grid(&r, p, &L.p[i]);
		for (size_t j = 0; j < p->nmarks; j++)
			if (rnd_layerable(&p->marks[j], vector))
				rnd_draw_mark(&r, p, pr, &p->marks[j]);
		rnd_batch_flush(&r);
		r.cr = cr;
		r.clip = NULL;
		r.batch = NULL;
		cairo_destroy(c2);
		cairo_surface_flush(img);
		cairo_surface_destroy(img);
		if (vector) {
			/* at most 256 colours, the same pixels in SVG and PDF: the
			 * PDF's copy deflates 2-3 times smaller than RGB */
			struct hp_buf b;

			hp_buf_init(&b);
			if (rnd_png_encode_quantized(ly->px, ly->w, ly->h, ly->stride,
			    &b) == 0) {
				ly->png = (unsigned char *)b.s;
				ly->pnglen = b.len;
			} else
				hp_buf_release(&b);
			if (ly->px == reuse && ly->png) /* the PNG is all they need */
				ly->px = NULL;
			else if (reuse && ly->px == reuse) {	/* no PNG: Cairo draws them */
				ly->px = hp_malloc(reuse_len);
				memcpy(ly->px, reuse, (size_t)ly->stride * (size_t)ly->h);
			}
		}
	}
	free(reuse);
	rnd_segbatch_free(batch);
	rnd_layout_release(f, &L);
	rnd_rctx_release(&r);
	cairo_destroy(cr);
	cairo_surface_destroy(scratch);
}

struct render_cache *
rnd_cache_layers(const struct fig *f, double width, double height, double sx,
    double sy, const struct render_opts *o, int png, int vector)
{
	struct render_cache *c;
	size_t total = 0, marks = 0;
	double vs = fmax(o->style == RENDER_STYLE_PAPER ? RND_VECTOR_LAYER_DPI / 72.0 : 0,
	    fmax(sx, sy));

	for (size_t i = 0; i < f->npanels; i++)
		if (!f->panels[i].empty) {
			total += panel_weight(&f->panels[i], 0);
			marks += panel_weight(&f->panels[i], 1);
		}
	png = png && total >= DENSE_WEIGHT && sx > 0 && sy > 0 &&
	    width * sx <= 30000 && height * sy <= 30000;
	if (!(marks > (o->style == RENDER_STYLE_PAPER ? RND_VECTOR_MARKS_PAPER :
	    RND_VECTOR_MARKS_SCREEN) && width * vs <= 30000 && height * vs <= 30000))
		vector = 0;	/* else the mode the caller asked for */
	if (!png && !vector)
		return NULL;
	c = hp_calloc(1, sizeof(*c));
	c->n = f->npanels;
	if (png) {
		c->v = hp_calloc(c->n ? c->n : 1, sizeof(*c->v));
		draw_layers(f, width, height, sx, sy, o, 0, c->v);
	}
	if (vector) {
		c->vv = hp_calloc(c->n ? c->n : 1, sizeof(*c->vv));
		draw_layers(f, width, height, vs, vs, o, vector, c->vv);
	}
	return c;
}

void
render_cache_free(struct render_cache *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n; i++) {
		if (c->v) {
			free(c->v[i].px);
			free(c->v[i].png);
		}
		if (c->vv) {
			free(c->vv[i].px);
			free(c->vv[i].png);
		}
	}
	free(c->v);
	free(c->vv);
	free(c);
}

/* Paints a layer in place of its panel's background, grid and marks. */
void
rnd_paint_layer(struct rnd_rctx *r, const struct render_cache *c, const struct rnd_layer *ly)
{
	cairo_t *cr = r->cr;
	cairo_surface_t *img;

	int stub = r->pdf_stubs && ly->png;

	if (stub) {		/* blank (k + 2) x 2 pixels, stretched */
		int k = (int)(ly - c->vv);
		cairo_t *c2;

		img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, k + 2, 2);
		c2 = cairo_create(img);
		cairo_set_source_rgb(c2, 1, 1, 1);
		cairo_paint(c2);
		cairo_destroy(c2);
	} else if (ly->px == NULL)	/* SVG: blank, never read; carries the PNG */
		img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, ly->w, ly->h);
	else		/* a surface of our own over the shared pixels: formats draw at once */
		img = cairo_image_surface_create_for_data(ly->px, CAIRO_FORMAT_ARGB32,
		    ly->w, ly->h, ly->stride);
	if (r->svg && ly->png)	/* Cairo embeds these bytes, not a new PNG */
		cairo_surface_set_mime_data(img, CAIRO_MIME_TYPE_PNG, ly->png,
		    ly->pnglen, NULL, NULL);
	cairo_save(cr);
	cairo_rectangle(cr, ly->clip[0], ly->clip[1], ly->clip[2], ly->clip[3]);
	cairo_clip(cr);
	cairo_translate(cr, ly->x0 / ly->sx, ly->y0 / ly->sy);
	cairo_scale(cr, 1 / ly->sx, 1 / ly->sy);
	if (stub)
		cairo_scale(cr, ly->w / (double)cairo_image_surface_get_width(img),
		    ly->h / 2.0);
	cairo_set_source_surface(cr, img, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr),
	    r->vector ? CAIRO_FILTER_GOOD : CAIRO_FILTER_NEAREST);
	cairo_paint(cr);
	cairo_restore(cr);
	cairo_surface_destroy(img);
}
