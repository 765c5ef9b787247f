/*
 * backend_png: the PNG backend.  The figure is drawn on an ARGB32 image at
 * dpi/72 pixels per point over white, then encoded by png.c, indexed or
 * (--style paper) in exact colour (not cairo_surface_write_to_png), so
 * that we choose the compression (no row filters, one IDAT: fast, and
 * plots still compress well), record the physical size in pHYs and the
 * provenance and the figure's notes in tEXt (iTXt for non-ASCII text).
 */
#include <math.h>
#include <stdint.h>

#include "internal.h"

int
rnd_png_write(const struct fig *f, const struct render_cache *c, const char *path,
    const struct render_opts *o, struct hp_err *err)
{
	double dpi = o->dpi > 0 ? o->dpi : 144;
	long w = lround(f->width * dpi / 72), h = lround(f->height * dpi / 72);
	cairo_surface_t *img;
	cairo_t *cr;
	struct hp_buf out;
	uint32_t keep[RND_CBAR_STEPS];
	struct rnd_png_meta meta = { dpi, rnd_fig_title(f), o->source, o->study, f->name,
	    NULL, keep, rnd_cbar_colours(f, keep, RND_CBAR_STEPS),
	    o->style == RENDER_STYLE_PAPER };
	struct hp_buf notes;
	int rc;

	if (w < 1 || h < 1 || w > RENDER_MAX_PIXELS || h > RENDER_MAX_PIXELS ||
	    (double)w * (double)h > RENDER_MAX_AREA)
		return hp_err_set(err, "%s: image size %ldx%ld out of range", path, w, h);
	hp_buf_init(&notes);
	for (size_t i = 0; i < f->nnotes; i++) {
		hp_buf_puts(&notes, i ? "\n" : "");
		hp_buf_puts(&notes, f->notes[i]);
	}
	meta.description = notes.s;
	img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)w, (int)h);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(img);
		hp_buf_release(&notes);
		return hp_err_set(err, "%s: cannot make a %ldx%ld image", path, w, h);
	}
	cr = cairo_create(img);
	cairo_scale(cr, (double)w / f->width, (double)h / f->height);
	rc = rnd_draw_cached(f, c, cr, f->width, f->height, o, err);
	cairo_destroy(cr);
	if (rc != 0) {
		cairo_surface_destroy(img);
		hp_buf_release(&notes);
		return rnd_path_err(err, path);
	}
	cairo_surface_flush(img);
	hp_buf_init(&out);
	rc = rnd_png_encode(cairo_image_surface_get_data(img),
	    cairo_image_surface_get_width(img), cairo_image_surface_get_height(img),
	    cairo_image_surface_get_stride(img), &meta, &out);
	cairo_surface_destroy(img);
	if (rc != 0)
		rc = hp_err_set(err, "%s: PNG encoding failed", path);
	else
		rc = rnd_file_write(path, out.s, out.len, err);
	hp_buf_release(&out);
	hp_buf_release(&notes);
	return rc;
}
