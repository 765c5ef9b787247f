/*
 * render internals shared by the files of src/render (render.c lists them
 * and who calls whom).  Nothing here is seen outside src/render.  Every
 * name declared here starts with rnd_ (macros RND_), so that the prefix
 * tells a private name from render.h's public render_* ones.
 *
 * The raster layers of a figure's dense plot areas: a dense figure (many
 * markers, lines or polygons) has each plot area -- background, grid and
 * every mark but text -- drawn once onto an image at the PNG's pixel grid;
 * the PNG, SVG and PDF of the figure all paint that image, so the costly
 * part is drawn once and vector files stay small and quick to open.
 */
#ifndef HPREPORT_RENDER_INTERNAL_H
#define HPREPORT_RENDER_INTERNAL_H

#include <pango/pangocairo.h>

#include "hpreport/render.h"

/* The family of every text unless --font names another, and the families
 * behind it for the glyphs it lacks (CJK names, then whatever fontconfig
 * finds), in that order. */
#define RND_DEFAULT_FONT "DejaVu Sans"
#define RND_FALLBACK_FONTS "Noto Sans CJK JP, sans-serif"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

struct rnd_rect {
	double x, y, w, h;
};

struct rnd_segbatch;

/* Ticks of one axis and how their labels are set. */
struct rnd_axplan {
	struct fig_ticks t;
	double	 angle;		/* x labels: 0, 45 or 90 degrees */
	double	 maxw;		/* labels ellipsised to this width (0 = none) */
	double	 extent;	/* room the labels need across the axis */
	double	 overflow;	/* x: how far the last label passes the plot end */
	double	 reach;		/* x: how far a slanted label reaches left of the
				   plot start */
	int	 mm;		/* linear and log: the max_major the ticks were
				   made with (fig_axis_ticks) */
};

struct rnd_pplan {
	struct rnd_rect	 plot;
	struct rnd_axplan x, y;
	struct rnd_axplan *v;	/* [nvaxes] */
	double		 need[4];	/* left, right, top, bottom margins wanted */
};

struct rnd_legend_entry {
	const struct fig_mark *m;
	double	 dx, dy;	/* its key's top left in the legend box */
};

/* Where everything of a figure goes (layout.c). */
struct rnd_layout {
	struct rnd_pplan *p;		/* [npanels] */
	struct rnd_rect	 grid;
	double		 title_y;	/* NAN: no title drawn (none, or --style paper) */
	struct rnd_rect	 cbar;
	struct rnd_axplan cb;
	struct fig_axis	 cbaxis;
	struct rnd_legend_entry *leg;
	size_t		 nleg;
	struct rnd_rect	 legbox;
	int		 leg_out;	/* 0 inside a panel, 1 beside the panels,
					   2 below them, 3 in a matrix's empty
					   top-right corner */
	int		 leg_stack;	/* leg_out 1: the legend stands above the
					   colour bar, in its column */
	double		*note_y;	/* [nnotes] top of each note (wrapped
					   notes take more than a line) */
};

/* The drawing context of one figure on one surface. */
struct rnd_rctx {
	cairo_t		*cr;
	PangoContext	*pc;
	PangoFontDescription *fd;
	int		 fake_sup;	/* the font lacks superscript digits: set
					   "10⁻⁵" as "10−5" raised and smaller */
	const struct fig *f;
	int		 paper;
	double		 W, H;
	double		 fs_tick, fs_label, fs_ptitle, fs_title, fs_note;
	double		 fs_annot;	/* text marks (layout.c: set_sizes) */
	double		 lw_axis, lw_grid, tick_len, pad;
	int		 vector;
	int		 svg;		/* the target is an SVG surface */
	int		 pdf_stubs;	/* layers as stand-ins for pdf_embed_layers */
	const struct rnd_rect *clip;	/* marks clip to this, not the plot area */
	const struct rnd_layout *L;	/* the figure's layout, once rnd_layout
					   made it */
	struct rnd_segbatch *batch;	/* thin lines wait here (raster layers) */
	struct hp_pool	*pool;		/* threads to draw them with, or NULL */
};

struct rnd_layer {
	unsigned char	*px;		/* ARGB32 pixels, opaque; NULL: drawn as
					   vectors, unless png */
	double		 sx, sy;	/* device pixels per point */
	int		 x0, y0;	/* device pixel of the top-left corner */
	int		 w, h, stride;
	double		 clip[4];	/* plot area x, y, w, h in points */
	unsigned char	*png;		/* the pixels as PNG (for SVG, PDF), or NULL */
	size_t		 pnglen;
};

struct render_cache {
	size_t		 n;		/* panels */
	struct rnd_layer *v;		/* [n] the PNG's layers, or NULL */
	struct rnd_layer *vv;		/* [n] SVG's and PDF's, or NULL */
};

/* --- text.c: drawing context, Pango text ------------------------------- */

extern const struct fig_rgba rnd_ink_text, rnd_ink_tick, rnd_ink_note;

void rnd_set_rgba(cairo_t *cr, struct fig_rgba c);

/* How text is set: RND_TEXT_BOLD; RND_TEXT_WRAP (a sentence: a title or
 * note) is wrapped at maxw into at most RND_TEXT_WRAP_LINES centred or
 * left-aligned lines instead of ellipsised into one. */
enum { RND_TEXT_BOLD = 1, RND_TEXT_WRAP = 2, RND_TEXT_CENTRE = 4,
    RND_TEXT_TITLE = RND_TEXT_BOLD | RND_TEXT_WRAP | RND_TEXT_CENTRE };
#define RND_TEXT_WRAP_LINES 6

/* A layout of s at size points set by style (RND_TEXT_*), ellipsised to maxw
 * when maxw > 0 (names in the middle, sentences at the end); the caller
 * unrefs it. */
PangoLayout *rnd_mklayout(struct rnd_rctx *r, const char *s, double size, int style,
    double maxw);
void rnd_layout_size(PangoLayout *l, double *w, double *h);
void rnd_measure(struct rnd_rctx *r, const char *s, double size, int style, double maxw,
    double *w, double *h);
/* Height of a line of text at size points. */
double rnd_line_h(struct rnd_rctx *r, double size);

/*
 * s as a name that fits maxw points at size and style, into out (n bytes): whole
 * when it fits; else without its first `skip` bytes (a prefix the
 * figure's names share), marked by a leading "…"; else cut in the
 * middle, keeping twice as much of the end (what tells names apart) as
 * of the start, with no space beside the "…".
 */
void rnd_shorten(struct rnd_rctx *r, const char *s, size_t skip, double size,
    int style, double maxw, char *out, size_t n);

/*
 * Draws s with its box anchored at (x, y): ha -1/0/1 puts the left edge,
 * centre or right edge there, va -1/0/1 the top, middle or bottom; the
 * text is turned `angle` degrees counter-clockwise about the anchor.
 */
void rnd_draw_text(struct rnd_rctx *r, const char *s, double x, double y, double size,
    int style, double maxw, int ha, int va, double angle, struct fig_rgba c);

/* Sets up r for f on cr (width x height points); rnd_rctx_release frees it. */
void rnd_rctx_init(struct rnd_rctx *r, const struct fig *f, cairo_t *cr, double width,
    double height, const struct render_opts *o);
void rnd_rctx_release(struct rnd_rctx *r);

/* --- layout.c: plot-area mapping, plans, placement ---------------------- */

/* Data value v of panel p as a point in plot area pr (fig_axis_frac). */
double rnd_map_x(const struct fig_panel *p, const struct rnd_rect *pr, double v);
double rnd_map_y(const struct fig_panel *p, const struct rnd_rect *pr, double v);

/* Lays out r->f in r->W x r->H into L; rnd_layout_release frees it. */
void rnd_layout(struct rnd_rctx *r, struct rnd_layout *L);
void rnd_layout_release(const struct fig *f, struct rnd_layout *L);

/* --- shape.c: marker outlines, dashes, mark colours --------------------- */

/* What marker sizes are multiplied by in a figure width points wide:
 * sqrt(width / 7 in), clamped to [0.6, 1], so that markers (and the best
 * trial's star) shrink with a figure narrower than 7 in. */
double rnd_mark_scale(double width);
/* Colour of mark m for colour value c (NaN: the mark's own colour). */
struct fig_rgba rnd_mark_color(const struct fig *f, const struct fig_mark *m, double c);
void rnd_set_dash(cairo_t *cr, int dash, double lw);
/* The outline of shape s of size d centred on (x, y), as a new sub-path. */
void rnd_shape_path(cairo_t *cr, enum fig_shape s, double x, double y, double d);
/* Fills the current path with fill and outlines it in m's stroke colour
 * and width, if m has one; the path is used up. */
void rnd_fill_as_mark(cairo_t *cr, const struct fig_mark *m, struct fig_rgba fill);
/* One marker drawn with paths, filled with fill, outlined as m says. */
void rnd_marker_path(cairo_t *cr, const struct fig_mark *m, double x, double y,
    struct fig_rgba fill);

/* --- raster.c: software drawing into pixels ---------------------------- */

/* The points of m in plot area pr: paths on vector surfaces, sprites on
 * images; raw: cr targets a raster layer (masks blended straight in). */
void rnd_draw_points_on(cairo_t *cr, const struct fig *f, const struct fig_panel *p,
    const struct rnd_rect *pr, const struct fig_mark *m, int raw);

/* Queues line m into r->batch when it suits the rasterizer (a solid, thin
 * line on a raster layer); returns 0 when it does not (Cairo draws it). */
int rnd_draw_line_fast(struct rnd_rctx *r, const struct fig_panel *p, const struct rnd_rect *pr,
    const struct fig_mark *m);
/* Draws what waits in r->batch (nothing when r->batch is NULL). */
void rnd_batch_flush(struct rnd_rctx *r);
struct rnd_segbatch *rnd_segbatch_new(void);
void rnd_segbatch_free(struct rnd_segbatch *sb);

/* --- marks.c ------------------------------------------------------------ */

/* Mark m of panel p in plot area pr (clipped to r->clip or pr). */
void rnd_draw_mark(struct rnd_rctx *r, const struct fig_panel *p, const struct rnd_rect *pr,
    const struct fig_mark *m);

/* --- axes.c ------------------------------------------------------------- */

/*
 * The title of panel i's x axis (y = 0) or y axis (y = 1) as drawn, into
 * out (n bytes): shortened (rnd_shorten) to the least room the same name
 * has anywhere in the figure, so that one name is cut one way on x and
 * y, and without the longest prefix it shares with another of the
 * figure's axis names ("encoder__", "Objective ") before anything else.
 */
const char *rnd_axis_title(struct rnd_rctx *r, size_t i, int y, char *out, size_t n);

void rnd_draw_grid(struct rnd_rctx *r, const struct fig_panel *p, const struct rnd_pplan *pp);
void rnd_draw_axes(struct rnd_rctx *r, const struct fig_panel *p, const struct rnd_pplan *pp);
/* Parallel-coordinate axes: each with its own ticks over the panel height. */
void rnd_draw_vaxes(struct rnd_rctx *r, const struct fig_panel *p, const struct rnd_pplan *pp);
void rnd_draw_cbar(struct rnd_rctx *r, const struct rnd_layout *L);

/* A continuous colour bar is drawn in this many flat steps. */
#define RND_CBAR_STEPS 128

/*
 * The colours of f's colour bar as Cairo paints them (0xRRGGBB): its
 * bands, or its RND_CBAR_STEPS steps, at most max of them.  The PNG palette
 * keeps them exactly (rnd_png_meta.keep).  Returns how many.
 */
int rnd_cbar_colours(const struct fig *f, uint32_t *out, int max);
void rnd_draw_legend(struct rnd_rctx *r, const struct rnd_layout *L);

/* --- layers.c ----------------------------------------------------------- */

/*
 * A vector file (SVG, PDF) keeps lines (polylines, rules) as vectors always,
 * and the other marks as vectors while a figure has at most this many of
 * them (markers, rectangles, polygon vertices): RND_VECTOR_MARKS_PAPER in
 * --style paper, whose figures go into print, RND_VECTOR_MARKS_SCREEN in
 * the report's default style, whose files a CI job keeps (2,000 trials of 8
 * params as vector marks in 300-dpi layers made a 32 MB report, 16 MB as
 * these and the PNG's resolution).  Beyond
 * it they are drawn into raster layers at the PNG's resolution (--dpi, 144
 * by default), and in --style paper of at least RND_VECTOR_LAYER_DPI.
 * The README and the man page say so.
 */
#define RND_VECTOR_MARKS_PAPER 20000
#define RND_VECTOR_MARKS_SCREEN 1500
#define RND_VECTOR_LAYER_DPI 300

/* Marks a layer takes: all but text (kept as text in vector files), and
 * for a vector file (vector) all but lines. */
int rnd_layerable(const struct fig_mark *m, int vector);

/* The layers of f drawn width x height points with options o (not NULL):
 * png, those of its PNG at sx, sy pixels a point (when f is dense);
 * vector, those of SVG and PDF (when f has more than RND_VECTOR_MARKS_*
 * marks), at sx, sy (in --style paper RND_VECTOR_LAYER_DPI if more), each
 * encoded as PNG,
 * and with RND_VLAYERS_PNG only that (px NULL: SVG embeds the PNG, the
 * PDF writer its rows).  NULL when neither is wanted. */
enum { RND_VLAYERS_PIXELS = 1, RND_VLAYERS_PNG = 2 };
struct render_cache *rnd_cache_layers(const struct fig *f, double width,
    double height, double sx, double sy, const struct render_opts *o, int png,
    int vector);

/* Paints a layer in place of its panel's background, grid and marks.
 * With r->pdf_stubs and the layer's PNG, paints instead a blank stand-in
 * image of (k + 2) x 2 pixels over the same area, k the layer's index: the
 * PDF writer then puts the PNG's own compressed rows in its place. */
void rnd_paint_layer(struct rnd_rctx *r, const struct render_cache *c,
    const struct rnd_layer *ly);

/* --- render.c ----------------------------------------------------------- */

/* render_draw with the layers of c (NULL: none) in place of their panels;
 * pdf_stubs: as rnd_paint_layer says. */
int rnd_draw_layers(const struct fig *f, const struct render_cache *c,
    cairo_t *cr, double width, double height, const struct render_opts *o,
    int pdf_stubs, struct hp_err *err);
int rnd_draw_cached(const struct fig *f, const struct render_cache *c,
    cairo_t *cr, double width, double height, const struct render_opts *o,
    struct hp_err *err);

/* --- png.c -------------------------------------------------------------- */

/* What a PNG says about itself: pHYs from dpi, then Title, Software,
 * Source, Study, Figure, Description (the figure's notes, one a line:
 * what was left out or estimated stays with the picture) as text chunks
 * (any NULL or empty one is left out). */
struct rnd_png_meta {
	double		 dpi;
	const char	*title;
	const char	*source;
	const char	*study;
	const char	*figure;
	const char	*description;	/* the notes, one a line */
	const uint32_t	*keep;		/* colours (0xRRGGBB) the palette keeps
					   exactly: the colour bar's */
	int		 nkeep;
	int		 exact;		/* RGB, no palette (--style paper) */
};

/* Encodes an opaque ARGB32 image as indexed PNG (RGB with meta->exact)
 * into out; meta NULL: no pHYs and no text.  Returns 0 or -1. */
int rnd_png_encode(const unsigned char *px, int w, int h, int stride,
    const struct rnd_png_meta *meta, struct hp_buf *out);

/* Reduces an opaque ARGB32 image in place to at most 256 colours, as
 * rnd_png_encode chooses them, and encodes it as that PNG into out (no
 * pHYs, no text): one palette for the pixels and the PNG.  Returns 0 or
 * -1. */
int rnd_png_encode_quantized(unsigned char *px, int w, int h, int stride,
    struct hp_buf *out);

/* --- output backends (backend_<name>.c, one per row of render_backends
 * in write.c) and what they share with write.c ----------------------- */

/* The backends' writers (render_write_fn, render.h), one per file
 * backend_<name>.c, declared from the rows of RENDER_BACKENDS. */
#define RND_WRITER(id, name, label, on_page, layer_png) \
	int rnd_##name##_write(const struct fig *f, const struct render_cache *c, \
	    const char *path, const struct render_opts *o, struct hp_err *err);
RENDER_BACKENDS(RND_WRITER)
#undef RND_WRITER

/* A cairo_write_func_t appending to the struct hp_buf `closure`. */
cairo_status_t rnd_buf_write(void *closure, const unsigned char *data,
    unsigned int len);

/* Writes len bytes of data to path in one go: 0, or RENDER_EWRITE (-2)
 * with err naming path (a failure of the output, not of the figure). */
int rnd_file_write(const char *path, const void *data, size_t len,
    struct hp_err *err);

/* The title a file's metadata carries: f's title, else its name, else "figure". */
const char *rnd_fig_title(const struct fig *f);

/* Prefixes the message render_draw left in err with the path; returns -1. */
int rnd_path_err(struct hp_err *err, const char *path);

/*
 * Draws f (with the layers of c; pdf_stubs as rnd_paint_layer) on a vector
 * surface streaming into memory, finishes and destroys the surface.
 * Returns 0, or -1 with err naming path.
 */
int rnd_draw_vector(const struct fig *f, const struct render_cache *c,
    cairo_surface_t *s, const char *path, const struct render_opts *o,
    int pdf_stubs, struct hp_err *err);

#endif
