/*
 * backend: what the output backends (backend_<name>.c, one per row of
 * render_backends in write.c) and write.c share.  Private to src/render/.
 */
#ifndef HPREPORT_RENDER_BACKEND_H
#define HPREPORT_RENDER_BACKEND_H

#include <cairo.h>

#include "hpreport/render.h"

/* The backends' writers (render_write_fn, render.h), one per file. */
int render_png_write(const struct fig *f, const struct render_cache *c,
    const char *path, const struct render_opts *o, struct hp_err *err);
int render_svg_write(const struct fig *f, const struct render_cache *c,
    const char *path, const struct render_opts *o, struct hp_err *err);
int render_pdf_write(const struct fig *f, const struct render_cache *c,
    const char *path, const struct render_opts *o, struct hp_err *err);

/* A cairo_write_func_t appending to the struct hp_buf `closure`. */
cairo_status_t render_buf_write(void *closure, const unsigned char *data,
    unsigned int len);

/* Writes len bytes of data to path in one go: 0, or -1 with err naming path. */
int render_file_write(const char *path, const void *data, size_t len,
    struct hp_err *err);

/* The title a file's metadata carries: f's title, else its name, else "figure". */
const char *render_fig_title(const struct fig *f);

/* Prefixes the message render_draw left in err with the path; returns -1. */
int render_path_err(struct hp_err *err, const char *path);

/*
 * Draws f (with the layers of c; pdf_stubs as paint_layer) on a vector
 * surface streaming into memory, finishes and destroys the surface.
 * Returns 0, or -1 with err naming path.
 */
int render_draw_vector(const struct fig *f, const struct render_cache *c,
    cairo_surface_t *s, const char *path, const struct render_opts *o,
    int pdf_stubs, struct hp_err *err);

#endif
