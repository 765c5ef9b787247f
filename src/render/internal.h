/*
 * render internals shared by render.c (drawing) and write.c (files): the
 * raster layers of a figure's dense plot areas.  A dense figure (many
 * markers, lines or polygons) has each plot area -- background, grid and
 * every mark but text -- drawn once onto an image at the PNG's pixel grid;
 * the PNG, SVG and PDF of the figure all paint that image, so the costly
 * part is drawn once and vector files stay small and quick to open.
 */
#ifndef HPREPORT_RENDER_INTERNAL_H
#define HPREPORT_RENDER_INTERNAL_H

#include "hpreport/render.h"

struct render_layer {
	unsigned char	*px;		/* ARGB32 pixels, opaque; NULL: drawn as vectors */
	int		 x0, y0;	/* device pixel of the top-left corner */
	int		 w, h, stride;
	double		 clip[4];	/* plot area x, y, w, h in points */
	unsigned char	*png;		/* the pixels as PNG (for SVG), or NULL */
	size_t		 pnglen;
};

struct render_cache {
	size_t		 n;		/* panels */
	double		 sx, sy;	/* device pixels per point */
	struct render_layer *v;		/* [n] */
};

/* Encodes an opaque ARGB32 image as RGB PNG into out; with meta, adds
 * pHYs and the provenance text of f.  Returns 0 or -1. */
int render_png_encode(const unsigned char *px, int w, int h, int stride,
    double dpi, const struct fig *f, const struct render_opts *o, int meta,
    struct hp_buf *out);

/* Reduces an opaque ARGB32 image in place to the at most 256 colours the
 * PNG encoder would keep (exact when it has that few already). */
void render_quantize(unsigned char *px, int w, int h, int stride);

/* The layers of f drawn width x height points at sx, sy pixels a point;
 * NULL when f is not dense.  with_png: also encode each layer as PNG. */
struct render_cache *render_cache_layers(const struct fig *f, double width,
    double height, double sx, double sy, const struct render_opts *o, int with_png);

int render_draw_cached(const struct fig *f, const struct render_cache *c,
    cairo_t *cr, double width, double height, const struct render_opts *o,
    struct hp_err *err);

#endif
