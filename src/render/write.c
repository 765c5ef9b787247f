/*
 * write: render_write() -- one figure to one file through the backend
 * table (render.h): the figure is laid out once, its dense layers drawn
 * once (render_cache), and each backend (backend_<name>.c) makes its
 * surface and adds the metadata its format carries.  The helpers the
 * backends share (backend.h) are here.
 * Every file is built in memory first and written in one go, so a failed
 * render never leaves a partial file behind.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

/* One row per backend, in the order the page lists their links. */
const struct render_backend render_backends[RENDER__COUNT] = {
#define RND_ROW(id, name, label, on_page, layer_png) \
	[RENDER_##id] = { #name, #name, label, on_page, layer_png, rnd_##name##_write },
	RENDER_BACKENDS(RND_ROW)
#undef RND_ROW
};

cairo_status_t
rnd_buf_write(void *closure, const unsigned char *data, unsigned int len)
{
	hp_buf_add(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

int
rnd_file_write(const char *path, const void *data, size_t len, struct hp_err *err)
{
	FILE *fp = fopen(path, "wb");

	if (fp == NULL) {
		hp_err_set(err, "%s: %s", path, strerror(errno));
		return RENDER_EWRITE;
	}
	if (fwrite(data, 1, len, fp) != len) {
		fclose(fp);
		hp_err_set(err, "%s: write error", path);
		return RENDER_EWRITE;
	}
	if (fclose(fp) != 0) {
		hp_err_set(err, "%s: %s", path, strerror(errno));
		return RENDER_EWRITE;
	}
	return 0;
}

const char *
rnd_fig_title(const struct fig *f)
{
	return f->title && *f->title ? f->title : f->name ? f->name : "figure";
}

int
rnd_path_err(struct hp_err *err, const char *path)
{
	char msg[sizeof(err->msg)];

	if (err == NULL)
		return -1;
	snprintf(msg, sizeof(msg), "%s", err->msg);
	return hp_err_set(err, "%s: %s", path, msg);
}

int
rnd_draw_vector(const struct fig *f, const struct render_cache *c, cairo_surface_t *s,
    const char *path, const struct render_opts *o, int pdf_stubs, struct hp_err *err)
{
	cairo_t *cr = cairo_create(s);
	int rc = rnd_draw_layers(f, c, cr, f->width, f->height, o, pdf_stubs, err);

	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (rc == 0 && cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		rc = hp_err_set(err, "%s: %s", path,
		    cairo_status_to_string(cairo_surface_status(s)));
	else if (rc != 0)
		rc = rnd_path_err(err, path);
	cairo_surface_destroy(s);
	return rc;
}

const char *
render_format_ext(enum render_format fmt)
{
	return render_backends[(unsigned)fmt < RENDER__COUNT ? fmt : RENDER_PNG].ext;
}

int
render_format_parse(const char *s, enum render_format *out)
{
	if (s == NULL)
		return -1;
	for (int i = 0; i < RENDER__COUNT; i++)
		if (strcasecmp(s, render_backends[i].name) == 0) {
			*out = (enum render_format)i;
			return 0;
		}
	return -1;
}

/* PNG pixels per point across and down (the PNG's size is rounded). */
static void
png_scale(const struct fig *f, const struct render_opts *o, double *sx, double *sy)
{
	double dpi = o->dpi > 0 ? o->dpi : 144;

	*sx = (double)lround(f->width * dpi / 72) / f->width;
	*sy = (double)lround(f->height * dpi / 72) / f->height;
}

struct render_cache *
render_cache_make(const struct fig *f, const struct render_opts *o, unsigned formats)
{
	struct render_opts def;
	double sx, sy;
	int png = 0, vector = 0;

	if (o == NULL) {
		render_opts_defaults(&def);
		o = &def;
	}
	if (!(f->width > 0) || !(f->height > 0))
		return NULL;
	png_scale(f, o, &sx, &sy);
	/* a picture past the PNG limits is not drawn at all (its PNG fails at
	 * once, backend_png.c): its layers would take gigabytes */
	if (sx * f->width > RENDER_MAX_PIXELS || sy * f->height > RENDER_MAX_PIXELS ||
	    sx * f->width * sy * f->height > RENDER_MAX_AREA)
		return NULL;
	for (int i = 0; i < RENDER__COUNT; i++) {
		vector |= (formats & (1u << i)) && render_backends[i].layer_png;
		png |= (formats & (1u << i)) && !render_backends[i].layer_png;
	}
	return rnd_cache_layers(f, f->width, f->height, sx, sy, o, png,
	    vector ? RND_VLAYERS_PNG : 0);
}

int
render_write_cached(const struct fig *f, const struct render_cache *c,
    const char *path, enum render_format fmt, const struct render_opts *o,
    struct hp_err *err)
{
	struct render_opts def;

	if (o == NULL) {
		render_opts_defaults(&def);
		o = &def;
	}
	if (!(f->width > 0) || !(f->height > 0))
		return hp_err_set(err, "%s: figure has no size", path);
	if ((unsigned)fmt >= RENDER__COUNT)
		fmt = RENDER_PNG;
	return render_backends[fmt].write(f, c, path, o, err);
}

int
render_write(const struct fig *f, const char *path, enum render_format fmt,
    const struct render_opts *o, struct hp_err *err)
{
	struct render_cache *c = render_cache_make(f, o, 1u << fmt);
	int rc = render_write_cached(f, c, path, fmt, o, err);

	render_cache_free(c);
	return rc;
}
