/*
 * figure: a figure description in data coordinates, built by src/plot/ and
 * drawn by src/render/.  Building one needs no Cairo.  Implemented in
 * src/figure/ (figure.c, ticks.c, cmap.c), the layer both of those folders
 * stand on; it needs nothing but this header and util.h.
 *
 * A figure is a grid of panels (nrows x ncols, a panel may span cells).  A
 * panel has an x and a y axis (linear, log or categorical) and a list of
 * marks in data coordinates: points, lines, rectangles (bars, histogram
 * bins, heat cells, timeline bars), filled areas, filled polygons (contour
 * bands), text and rules.  A panel may also carry extra vertical axes at
 * given x positions (parallel coordinates).  The figure has at most one
 * colour bar: every mark value `c` is mapped through it.  Legend entries
 * come from marks with a label.  Notes are lines of text under the figure.
 * The numbers a figure derives (best so far, a grid, importances) go into
 * `data`, written as data/NAME.csv; the trial values it plots are named
 * in `columns`, the columns of data/trials.csv that hold them, and are
 * written nowhere else.  `caption` and the notes make the caption file
 * figures/NAME.txt (report/caption.c).
 *
 * Sizes are in points (1/72 inch); the renderer scales to pixels for PNG.
 * Ownership: everything a figure points to is owned by it and freed by
 * fig_release(); the fig_* builders copy their inputs.
 */
#ifndef HPREPORT_FIGURE_H
#define HPREPORT_FIGURE_H

#include <stddef.h>

#include "hpreport/util.h"

struct fig_rgba {
	double r, g, b, a;	/* 0..1 */
};

/* The one blue of every figure (Okabe-Ito blue): marks' default colour,
 * and plot_data_color's and complete trials' (src/plot/palette.c). */
#define FIG_BLUE { 0.000, 0.447, 0.698, 1 }

enum fig_scale {
	FIG_LINEAR,
	FIG_LOG,		/* lo, hi > 0; decade ticks with minor ticks */
	FIG_CATEGORICAL		/* category i sits at i; lo/hi default -0.5, n-0.5 */
};

/* Which parts of an axis are drawn (matrix panels show labels on the outer ones). */
enum {
	FIG_SHOW_LINE	= 1 << 0,	/* axis line and tick marks */
	FIG_SHOW_LABELS	= 1 << 1,	/* tick labels */
	FIG_SHOW_TITLE	= 1 << 2,	/* axis title */
	FIG_SHOW_GRID	= 1 << 3,	/* grid lines at the major ticks */
	FIG_SHOW_ALL	= 0xf
};

struct fig_axis {
	enum fig_scale	 scale;
	double		 lo, hi;	/* range shown, data units */
	int		 integer;	/* ticks only at integers (int params) */
	char		*title;		/* owned, may be NULL */
	char		**cats;		/* CATEGORICAL: labels, owned */
	size_t		 ncats;
	size_t		*label_order;	/* CATEGORICAL: [ncats] the categories in the
					   order their labels are kept when not all
					   fit (fig_axis_label_priority), owned;
					   NULL = every k-th */
	int		 show;		/* FIG_SHOW_* bits */
	int		 none;		/* has a "none" slot (fig_axis_add_none) */
	double		 none_v;	/* its position, below data_lo, ticked "none" */
	double		 data_lo;	/* the data's part of the axis starts here */
};

/* A tick: position in data units and its label (empty for minor ticks). */
struct fig_tick {
	double	 v;
	int	 major;
	char	 label[48];
};

struct fig_ticks {
	struct fig_tick	*v;	/* owned */
	size_t		 n;
};

enum fig_mark_kind {
	FIG_MARK_POINTS,	/* x, y [, c] markers */
	FIG_MARK_LINE,		/* polyline x, y; NaN breaks it; c[0] colours all */
	FIG_MARK_RECTS,		/* x..x2 by y..y2 [, c] rectangles */
	FIG_MARK_AREA,		/* band between y and y2 along x */
	FIG_MARK_POLYGONS,	/* rings x, y split by `off`, even-odd; c per polygon */
	FIG_MARK_TEXT,		/* texts at x, y */
	FIG_MARK_HRULE,		/* horizontal line at y[0] across the panel */
	FIG_MARK_VRULE		/* vertical line at x[0] across the panel */
};

enum fig_shape {
	FIG_SHAPE_CIRCLE,
	FIG_SHAPE_SQUARE,
	FIG_SHAPE_DIAMOND,
	FIG_SHAPE_TRIANGLE,
	FIG_SHAPE_STAR,
	FIG_SHAPE_CROSS
};

struct fig_mark {
	enum fig_mark_kind kind;
	size_t		 n;		/* points, vertices, rects, texts */
	double		*x, *y;		/* [n] data coordinates, owned */
	double		*x2, *y2;	/* [n] RECTS far corner, AREA upper edge */
	double		*c;		/* [n] (POLYGONS: [npoly]) colour-bar values, or NULL */
	size_t		*off;		/* POLYGONS: [npoly + 1] ring starts in x/y */
	size_t		 npoly;
	char		**text;		/* TEXT: [n] owned strings */
	int		*id;		/* [n] trial number per point (tooltips) or NULL */
	struct fig_rgba	 color;		/* fill / line colour when c is NULL or NaN */
	struct fig_rgba	 stroke;	/* marker / rect outline; a = 0 for none */
	double		 size;		/* marker diameter, line width (pt); text is
					   set at the figure's annotation size */
	double		 stroke_width;	/* outline width (pt) */
	enum fig_shape	 shape;		/* POINTS */
	int		 dash;		/* LINE, RULES: 0 solid, 1 dashed, 2 dotted */
	int		 step;		/* LINE: draw as steps (post) */
	int		 anchor;	/* TEXT: -1 left, 0 centre, 1 right of x */
	char		*label;		/* legend entry, owned, or NULL */
	int		 no_clip;	/* draw outside the plot area (TEXT) */
};

struct fig_panel {
	int		 row, col;	/* top-left grid cell */
	int		 rowspan, colspan;	/* >= 1 */
	char		*title;		/* owned, may be NULL */
	struct fig_axis	 x, y;
	struct fig_mark	*marks;		/* drawn in order */
	size_t		 nmarks;
	struct fig_axis	*vaxes;		/* extra vertical axes (parallel coordinates): */
	double		*vaxes_x;	/* at these x positions; y data in [0, 1] maps */
	size_t		 nvaxes;	/*   to each vaxis's lo..hi */
	int		 empty;		/* cell left blank (upper triangle) */
	int		 frame;		/* draw a box around the plot area */
};

enum fig_cmap {
	FIG_CMAP_VIRIDIS,
	FIG_CMAP_CIVIDIS,
	FIG_CMAP_BLUES
};

struct fig_colorbar {
	int		 on;
	enum fig_cmap	 cmap;
	double		 lo, hi;	/* values mapped to the ends of the map */
	int		 reversed;	/* hi maps to the map's start (minimize: good = bright) */
	enum fig_scale	 scale;		/* LINEAR or LOG */
	char		*title;		/* owned */
	int		 discrete;	/* bands (contour): draw `nlevels` steps */
	double		*levels;	/* [nlevels] band edges when discrete */
	size_t		 nlevels;
};

/* A table of numbers behind a figure: columns of text cells, written as CSV. */
struct fig_table {
	char		**cols;		/* [ncols] header names */
	size_t		 ncols;
	char		**cells;	/* [nrows * ncols] owned text, NULL = empty */
	size_t		 nrows, caprows;
	const char	*layout;	/* static sentence on how the rows are laid
					   out (the caption says it), or NULL */
};

struct fig {
	char		*name;		/* file name stem: "convergence", "slice_1" */
	char		*title;		/* owned */
	double		 width, height;	/* points */
	int		 nrows, ncols;	/* panel grid */
	struct fig_panel *panels;
	size_t		 npanels;
	struct fig_colorbar cbar;
	char		**notes;	/* lines under the figure */
	size_t		 nnotes;
	char		**caption;	/* sentences for the caption that the picture
					   does not need: what is shown, which trials */
	size_t		 ncaption;
	char		**hints;	/* caption sentences after the notes: the
					   options that change the figure */
	size_t		 nhints;
	char		**columns;	/* the data/trials.csv columns the figure
					   plots, in order, no repeats */
	size_t		 ncolumns;
	int		 legend;	/* draw a legend of labelled marks */
	int		 square;	/* a matrix of square cells: render_fit()
					   sets the height that keeps them so */
	struct fig_table data;
	char		 skip_reason[160];	/* a builder that made nothing: why
					   (fig_skip), "" otherwise */
	int		 skip_by_kind;	/* ...and the figure is not of this kind of
					   study (a Pareto front of one objective) */
};

/* --- building ---------------------------------------------------------- */

void fig_init(struct fig *f, const char *name, const char *title,
    double width, double height);
void fig_release(struct fig *f);

/*
 * For a builder with nothing to show: records why in f (skip_reason, a
 * short phrase without a final full stop, e.g. "no param is set in every
 * complete trial") and whether the figure is simply not of this kind of
 * study (by_kind: 1 -- the page then lists it only when asked for by
 * name).  f holds nothing else.  Returns 0, the builders' "does not apply".
 */
int fig_skip(struct fig *f, int by_kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Adds a panel at grid cell (row, col); returns it (valid until the next add). */
struct fig_panel *fig_add_panel(struct fig *f, int row, int col);

/* Axis set-up; titles and labels are copied. */
void fig_axis_linear(struct fig_axis *a, double lo, double hi, const char *title);
void fig_axis_log(struct fig_axis *a, double lo, double hi, const char *title);
void fig_axis_categorical(struct fig_axis *a, char *const *labels, size_t n,
    const char *title);
void fig_axis_release(struct fig_axis *a);
/* dst becomes a deep copy of src (whatever dst held is overwritten). */
void fig_axis_copy(struct fig_axis *dst, const struct fig_axis *src);

/*
 * Where v lies along a scale from lo to hi: 0 at lo, 1 at hi, linear in
 * log10(v) on FIG_LOG and in v otherwise (a category's index on
 * FIG_CATEGORICAL).  The one mapping that the renderer (marks, ticks, the
 * colour bar), the colours of fig_colorbar_color and the page's tooltips
 * (report_fig_hover) share, so a value is coloured, drawn and hovered at
 * the same place.  Its edge rules:
 *  - NaN stays NaN (not drawn);
 *  - FIG_LOG: v <= 0 lies off the low end (-100); a bound <= 0 is
 *    replaced, hi by 1, lo by hi / 1000 (three decades);
 *  - a range of one value (lo == hi) has it in the middle (0.5) and any
 *    other value off the ends (-100 below, 100 above), so that ticks and
 *    marks of other values are clipped, not piled up in the middle;
 *  - a span that is not finite (an infinite bound) puts every value in
 *    the middle; a finite span wider than DBL_MAX (-1e308..1e308) is
 *    computed in halves;
 *  - the result is clamped to [-100, 100]: far off the axis (clipped),
 *    yet finite for drawing.
 * It is not clamped to [0, 1]: marks and tooltips are clipped to the plot
 * area, colours clamp to the ends of the map.
 */
double fig_scale_frac(enum fig_scale scale, double lo, double hi, double v);

/* fig_scale_frac along axis a. */
double fig_axis_frac(const struct fig_axis *a, double v);

/*
 * Adds a "none" slot at the low end of axis a, for trials that lack a
 * conditional param (such trials are shown, not dropped): the range grows
 * below a->lo by a gap and the slot gets a tick labelled "none"; the data
 * ticks stay in the old range.  Categorical axes get the slot at -1.
 * Returns the data value where the trials without the param go.  Calling
 * it again returns the same slot.
 */
double fig_axis_add_none(struct fig_axis *a);

/*
 * Range [lo, hi] of finite values in v (log: positive values only), padded
 * by `pad` of the span on each side (log: in log space).  A single value or
 * no value gives a sensible unit range around it.  The range stays inside
 * [-DBL_MAX, DBL_MAX], and values closer together than FIG_MIN_SPAN near
 * 0 (subnormal values, which double arithmetic cannot place apart) count
 * as the one value 0 (the policy in study.h).
 */
#define FIG_MIN_SPAN 1e-300
void fig_range(const double *v, size_t n, int log, double pad,
    double *lo, double *hi);

/*
 * Adds a mark of `kind` with n points copied from x and y (either may be
 * NULL: zeros).  Returns the mark, valid until the next add, for setting
 * colours, c (fig_mark_set_c), ids, labels.  Defaults: colour dark blue,
 * no stroke, size 4, solid.
 */
struct fig_mark *fig_add_mark(struct fig_panel *p, enum fig_mark_kind kind,
    const double *x, const double *y, size_t n);
void fig_mark_set_c(struct fig_mark *m, const double *c, size_t n);	/* copies */
void fig_mark_set_x2y2(struct fig_mark *m, const double *x2, const double *y2);	/* copies n */
void fig_mark_set_ids(struct fig_mark *m, const int *id);	/* copies n */
void fig_mark_set_label(struct fig_mark *m, const char *label);
struct fig_mark *fig_add_text(struct fig_panel *p, double x, double y,
    const char *text, int anchor);
struct fig_mark *fig_add_polygons(struct fig_panel *p, const double *x,
    const double *y, const size_t *off, size_t npoly, const double *c);

/* Adds an extra vertical axis at data x (parallel coordinates); copied. */
void fig_panel_add_vaxis(struct fig_panel *p, double x, const struct fig_axis *a);

void fig_add_note(struct fig *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void fig_colorbar(struct fig *f, enum fig_cmap cmap, double lo, double hi,
    int reversed, const char *title);

/* Adds a sentence to f's caption (not drawn: figures/NAME.txt and the page). */
void fig_add_caption(struct fig *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Adds an option hint to f's caption ("Options --params and --max-params
 * choose the params shown."): never drawn, as a paper's figure names no
 * option. */
void fig_add_hint(struct fig *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Names a data/trials.csv column the figure plots (copied; a repeat is
 * ignored). */
void fig_add_column(struct fig *f, const char *name);

/* Table: set the header once, then add rows of ncols cells (copied, NULL = empty). */
void fig_table_header(struct fig_table *t, const char *const *cols, size_t ncols);
void fig_table_row(struct fig_table *t, const char *const *cells);
/*
 * Grid tables (data/contour.csv, data/objective.csv), each grid's names
 * written once: fig_table_grid_header sets the header x_param, y_param, y,
 * z0 .. z<nz - 1> and the layout sentence; fig_table_grid adds a grid of
 * xname (x) by yname (y): a first row naming both, with y "x" and the x
 * nodes xnodes[nx] as z columns, then a row per y node ynodes[ny] with the
 * names left empty and the values z[iy * nx + ix] (7 significant digits,
 * hp_fmt_model; NaN empty).  A grid of one param (yname and ynodes NULL,
 * ny 1) leaves y_param and its value row's y empty.  nx <= nz; the z
 * columns past nx stay empty.
 */
void fig_table_grid_header(struct fig_table *t, size_t nz);
void fig_table_grid(struct fig_table *t, const char *xname, const char *yname,
    const char *const *xnodes, size_t nx, const char *const *ynodes, size_t ny,
    const double *z);
/* Frees what t holds (NULL is fine). */
void fig_table_release(struct fig_table *t);
/* Writes the table as RFC 4180 CSV; -1 with err on I/O failure. */
int fig_table_write_csv(const struct fig_table *t, const char *path,
    struct hp_err *err);

/* --- ticks and colour -------------------------------------------------- */

/*
 * Ticks for an axis with room for about `max_major` labelled ticks:
 * 1-2-5 "nice" steps on linear axes (integers only when a->integer),
 * decades with minor ticks at 2..9 on log axes (every k-th decade labelled
 * when the range is wide), one tick per category -- at most
 * FIG_MAX_CAT_TICKS of them, the first by a->label_order (else every k-th),
 * since no axis shows more labels and measuring and drawing 10^5 of them
 * took minutes and 20 MB of SVG.  Labels are formatted locale-independently
 * and with the fewest digits that tell ticks apart.  The caller frees t->v.
 */
#define FIG_MAX_CAT_TICKS	200
void fig_axis_ticks(const struct fig_axis *a, int max_major, struct fig_ticks *t);

/*
 * Which categories keep their label when a categorical axis has too many
 * to label them all: `first` (the best trial's category; -1 = none), then
 * by weight[] (trials sampled there) falling, ties in axis order.  Sets
 * a->label_order.
 */
void fig_axis_label_priority(struct fig_axis *a, const double *weight, long first);

/*
 * Thins the labels of categorical ticks t (of axis a, fig_axis_ticks) so
 * that no two labels are closer than k categories, which is what keeps
 * labels that need k slots each from colliding.  Labels are kept by
 * a->label_order (a tick that is no category, such as "none", first), each
 * when no kept one is within k - 1 slots; without label_order every k-th
 * label is kept.  The labels stay in axis order.  k < 2 keeps all.
 */
void fig_cat_ticks_thin(const struct fig_axis *a, struct fig_ticks *t, int k);

/*
 * Round-number band edges covering [lo, hi] with at most about max_bands
 * bands: nice 1-2-5 steps on a linear scale; on a log scale (log and
 * lo > 0) 1, 1.5, 2, 3, 5, 7 per decade when they fit, else 1, 2, 5 per
 * decade for a few decades, else every k-th decade.
 * The first edge is <= lo and the last >= hi.  *out is allocated (caller
 * frees); returns the number of edges (>= 2).
 */
size_t fig_round_levels(double lo, double hi, int log, size_t max_bands,
    double **out);

/* Ticks for a banded colour bar: one labelled tick at every band edge,
 * labelled in one style (10^n on a log bar).  The caller frees t->v. */
void fig_level_ticks(const struct fig_colorbar *cb, struct fig_ticks *t);

/*
 * A value as every figure writes it in a label, a legend or a note (the
 * best trial's objective value): 4 significant digits, "0.03758",
 * "−2.5" (a minus sign), "1.235×10⁶", "10⁻⁵" (superscripts, as tick
 * labels), "nan", "inf"; never a decimal comma.  buf holds at least 48
 * bytes.  Returns buf.
 */
char *fig_fmt_value(char *buf, size_t n, double v);

/* Colour of the map at u in [0, 1] (clamped). */
struct fig_rgba fig_cmap_at(enum fig_cmap cmap, double u);

/* Colour of value v through the figure's colour bar (reversal, log scale). */
struct fig_rgba fig_colorbar_color(const struct fig_colorbar *cb, double v);

/* Parses "viridis", "cividis", "blues"; 0 or -1. */
int fig_cmap_parse(const char *s, enum fig_cmap *out);

#endif
