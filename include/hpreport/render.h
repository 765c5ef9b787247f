/*
 * render: draws a figure description (figure.h) with Cairo and Pango.
 * render_draw() paints onto a cairo_t the caller made and never opens a
 * file, so PNG, SVG and PDF differ only in the surface; render_write()
 * makes the surface for a file and adds the metadata each format carries.
 *
 * PNG goes through libpng directly: physical size in pHYs (from the dpi),
 * provenance in tEXt chunks, a fast compression level.  PDF and SVG carry
 * the same title and provenance; the PDF creation date is fixed so that the
 * same input gives byte-identical files.
 */
#ifndef HPREPORT_RENDER_H
#define HPREPORT_RENDER_H

#include <cairo.h>

#include "hpreport/figure.h"
#include "hpreport/pool.h"

/*
 * The output backends, one row each and nothing else listing them:
 *     X(ID, name, label, on_page, layer_png)
 * gives enum value RENDER_ID, the row render_backends[RENDER_ID] (name is
 * the --format value and the file extension; the other columns are
 * struct render_backend's) and its writer rnd_<name>_write, which
 * src/render/backend_<name>.c defines.  A new backend is that file plus
 * one row here.
 */
#define RENDER_BACKENDS(X) \
	X(PNG, png, "PNG", 1, 0) \
	X(SVG, svg, "SVG", 1, 1) \
	X(PDF, pdf, "PDF", 0, 1)

enum render_format {
#define RENDER_ENUM(id, name, label, on_page, layer_png) RENDER_##id,
	RENDER_BACKENDS(RENDER_ENUM)
#undef RENDER_ENUM
	RENDER__COUNT
};

enum render_style {
	RENDER_STYLE_SCREEN,	/* default: light grid, comfortable sizes */
	RENDER_STYLE_PAPER	/* thinner lines, tighter margins, for print */
};

/* The largest PNG side in pixels (a figure's points * dpi / 72), and the
 * largest PNG in pixels (width * height: 10^8 pixels take 400 MB to draw);
 * --width, --height and --dpi together are checked against them when
 * parsed, and a figure whose own size goes past them is left out of the
 * report (render_write fails before drawing anything). */
#define RENDER_MAX_PIXELS 30000
#define RENDER_MAX_AREA 100000000.0

struct render_opts {
	double		 dpi;		/* PNG pixels per inch (default 144) */
	enum render_style style;
	const char	*font;		/* the family of every text (default "DejaVu
					   Sans"; render_font_check); Noto Sans CJK JP
					   and fontconfig's sans-serif only stand in
					   for glyphs it lacks */
	/* provenance, written into file metadata; any may be NULL */
	const char	*source;	/* input file */
	const char	*study;		/* study name */
	struct hp_pool	*pool;		/* threads the rasterizer may borrow
					   (pool.h), or NULL: the caller's only */
};

void render_opts_defaults(struct render_opts *o);

/*
 * Whether `family` is a font family installed as fontconfig (through
 * Pango) names it -- "Latin Modern Roman", "TeX Gyre Termes", "Liberation
 * Serif", or a generic "Sans", "Serif", "Monospace" -- compared without
 * regard to case.  fontconfig would draw an unknown name in some other
 * font without a word, so --font refuses it instead.  Returns 0, or -1
 * with err naming family and up to four installed families whose names
 * contain it ("Latin Modern" suggests "Latin Modern Roman", ...).
 */
int render_font_check(const char *family, struct hp_err *err);

/*
 * Draws f onto cr, filling a width x height area (in the units of cr's
 * user space, points) from the current origin.  Returns 0, or -1 with err
 * when Cairo reports an error.
 */
int render_draw(const struct fig *f, cairo_t *cr, double width, double height,
    const struct render_opts *o, struct hp_err *err);

/*
 * The plot areas render_draw() lays out for f in a width x height area:
 * panel i's rectangle is rects[4i .. 4i+3] = x, y, w, h in points from the
 * top-left corner (zeros for an empty panel).  rects holds 4 * f->npanels
 * doubles.  For tests and for image maps.  Returns 0, or -1 with err.
 */
int render_layout(const struct fig *f, double width, double height,
    const struct render_opts *o, double *rects, struct hp_err *err);

/*
 * A figure of square cells (f->square) gets the height that makes its
 * panels square at its width, its title, notes, legend and labels laid out
 * as render_draw() would: the plot code cannot measure text, so a note
 * that wraps to three lines at a column width no longer flattens the
 * cells.  Other figures are left as they are.
 */
void render_fit(struct fig *f, const struct render_opts *o);

/*
 * Writes f to `path` in format `fmt`.  Returns 0; -1 with err naming path
 * when the figure cannot be drawn (its size, a drawing error: nothing is
 * written, the report leaves that figure out); or RENDER_EWRITE when the
 * file could not be written (the output's failure: a full disk).
 * render_write_cached() returns the same.
 */
#define RENDER_EWRITE (-2)
int render_write(const struct fig *f, const char *path, enum render_format fmt,
    const struct render_opts *o, struct hp_err *err);

/*
 * What the formats of one figure share: a dense figure's plot areas
 * (markers, lines, polygons over their background and grid) drawn once as
 * images at the PNG's pixel grid, which the PNG, SVG and PDF then paint.
 * render_cache_make() draws them for the formats in the bit set `formats`
 * (1 << enum render_format); it returns NULL when f is not dense (nothing
 * to share; not an error).  The cache is read-only afterwards: several
 * render_write_cached() calls may use it at once from different threads.
 * render_write() is render_cache_make + render_write_cached + free.
 * The caller frees the cache with render_cache_free() (NULL is fine).
 */
struct render_cache;

struct render_cache *render_cache_make(const struct fig *f,
    const struct render_opts *o, unsigned formats);
void render_cache_free(struct render_cache *c);
int render_write_cached(const struct fig *f, const struct render_cache *c,
    const char *path, enum render_format fmt, const struct render_opts *o,
    struct hp_err *err);

/*
 * Writes f, drawn with the layers of c (NULL: none), to `path`: 0, or -1
 * with err naming path.  f has a positive size; o is not NULL.
 */
typedef int (*render_write_fn)(const struct fig *f, const struct render_cache *c,
    const char *path, const struct render_opts *o, struct hp_err *err);

/* One output backend.  Everything that lists formats (--format, its help
 * and completion, the report's jobs and download links) reads this table. */
struct render_backend {
	const char	*name;		/* --format value: "png" */
	const char	*ext;		/* file name extension, without the dot */
	const char	*label;		/* download link text on the page: "PNG" */
	int		 on_page;	/* a browser shows it in <img>: the page shows
					   the first such format written, in table order,
					   with tooltips */
	int		 layer_png;	/* a vector format: lines stay vectors, marks
					   too up to a count, past it it embeds the
					   raster layers as PNG (render_cache); 0: it
					   draws the PNG's own layers as pixels */
	render_write_fn	 write;
};

/* The backends, indexed by enum render_format. */
extern const struct render_backend render_backends[RENDER__COUNT];

/* The file name extension of fmt: "png", "svg", "pdf". */
const char *render_format_ext(enum render_format fmt);
/* A backend by its name (case-insensitive): 0 and *out, or -1. */
int render_format_parse(const char *s, enum render_format *out);

#endif
