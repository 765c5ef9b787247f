/*
 * text: the drawing context of one figure (struct rnd_rctx, internal.h) and
 * everything Pango does in the renderer -- measuring and drawing text.
 * Text is measured with unhinted metrics, so a layout is the same at every
 * scale and on every surface: PNG, SVG and PDF place each label at the
 * same spot.  Long labels keep their end (keep_end), titles and notes
 * wrap (rnd_mklayout).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "internal.h"

const struct fig_rgba rnd_ink_text = { 0.13, 0.13, 0.15, 1 };
const struct fig_rgba rnd_ink_tick = { 0.30, 0.30, 0.33, 1 };
const struct fig_rgba rnd_ink_note = { 0.42, 0.42, 0.45, 1 };

void
rnd_set_rgba(cairo_t *cr, struct fig_rgba c)
{
	cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
}

/* A name (label) s wider than maxw: "\u2026" and as much of its end as
 * fits, on a character boundary, set as l's text.  The end tells names
 * apart ("\u2026attention_dropout", "\u2026feedforward_dropout",
 * "Objective 1", then "\u2026ive 1"); a name is cut the same way wherever it gets the
 * same room, and no space is added (Pango's middle ellipsis could leave
 * one). */
static void
keep_end(PangoLayout *l, const char *s, double maxw)
{
	PangoRectangle lr;
	size_t len = strlen(s);
	const char *paren = strstr(s, " (");
	char *buf;

	pango_layout_get_extents(l, NULL, &lr);
	if (lr.width <= maxw * PANGO_SCALE)
		return;
	buf = malloc(len + 4);
	if (buf == NULL)
		return;
	/* a closing qualifier goes first: "Objective 0 (minimize)" is
	 * "Objective 0", then cut at the front */
	if (paren && paren > s && len > 0 && s[len - 1] == ')') {
		len = (size_t)(paren - s);
		memcpy(buf, s, len);
		buf[len] = '\0';
		pango_layout_set_text(l, buf, -1);
		pango_layout_get_extents(l, NULL, &lr);
		if (lr.width <= maxw * PANGO_SCALE) {
			free(buf);
			return;
		}
	}
	for (const char *p = g_utf8_next_char(s); p < s + len; p = g_utf8_next_char(p)) {
		memcpy(buf, "\xe2\x80\xa6", 3);
		memcpy(buf + 3, p, len - (size_t)(p - s));
		buf[3 + len - (size_t)(p - s)] = '\0';
		pango_layout_set_text(l, buf, -1);
		pango_layout_get_extents(l, NULL, &lr);
		if (lr.width <= maxw * PANGO_SCALE)
			break;
	}
	free(buf);
}

PangoLayout *
rnd_mklayout(struct rnd_rctx *r, const char *s, double size, int style, double maxw)
{
	PangoLayout *l = pango_layout_new(r->pc);
	PangoFontDescription *fd = pango_font_description_copy(r->fd);

	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (style & RND_TEXT_BOLD)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_single_paragraph_mode(l, TRUE);
	if (s == NULL)
		s = "";
	if (!g_utf8_validate(s, -1, NULL)) {
		/* the figure model keeps its text valid (fig_*); this is the
		 * last guard before Pango, which would warn and drop it */
		char *v = hp_utf8_dup(s);

		pango_layout_set_text(l, v, -1);
		if (maxw > 0 && !(style & (RND_TEXT_BOLD | RND_TEXT_WRAP)))
			keep_end(l, v, maxw);
		free(v);
	} else {
		pango_layout_set_text(l, s, -1);
		if (maxw > 0 && !(style & (RND_TEXT_BOLD | RND_TEXT_WRAP)))
			keep_end(l, s, maxw);
	}
	if (maxw > 0) {
		pango_layout_set_width(l, (int)(maxw * PANGO_SCALE));
		/* names (labels) are cut at the front by keep_end; sentences
		 * (notes, titles) wrap and are cut at the end of their last
		 * line */
		pango_layout_set_ellipsize(l, style & (RND_TEXT_BOLD | RND_TEXT_WRAP) ?
		    PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
		if (style & RND_TEXT_WRAP) {
			pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
			pango_layout_set_height(l, -RND_TEXT_WRAP_LINES);
		}
	}
	if (style & RND_TEXT_CENTRE)
		pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	return l;
}

void
rnd_layout_size(PangoLayout *l, double *w, double *h)
{
	PangoRectangle lr;

	pango_layout_get_extents(l, NULL, &lr);
	*w = lr.width / (double)PANGO_SCALE;
	*h = lr.height / (double)PANGO_SCALE;
}

void
rnd_measure(struct rnd_rctx *r, const char *s, double size, int style, double maxw,
    double *w, double *h)
{
	PangoLayout *l = rnd_mklayout(r, s, size, style, maxw);

	rnd_layout_size(l, w, h);
	g_object_unref(l);
}

double
rnd_line_h(struct rnd_rctx *r, double size)
{
	double w, h;

	rnd_measure(r, "0Ag", size, 0, 0, &w, &h);
	return h;
}

/*
 * Draws s with its box anchored at (x, y): ha -1/0/1 puts the left edge,
 * centre or right edge there, va -1/0/1 the top, middle or bottom; the
 * text is turned `angle` degrees counter-clockwise about the anchor.
 */
void
rnd_draw_text(struct rnd_rctx *r, const char *s, double x, double y, double size,
    int style, double maxw, int ha, int va, double angle, struct fig_rgba c)
{
	PangoLayout *l;
	PangoRectangle lr;
	double w, h, x0;

	if (s == NULL || *s == '\0')
		return;
	l = rnd_mklayout(r, s, size, style, maxw);
	pango_layout_get_extents(l, NULL, &lr);
	w = lr.width / (double)PANGO_SCALE;
	h = lr.height / (double)PANGO_SCALE;
	x0 = lr.x / (double)PANGO_SCALE;	/* centred lines start inside the box */
	cairo_save(r->cr);
	cairo_translate(r->cr, x, y);
	if (angle != 0)
		cairo_rotate(r->cr, -angle * M_PI / 180);
	cairo_move_to(r->cr, (ha < 0 ? 0 : ha == 0 ? -w / 2 : -w) - x0,
	    va < 0 ? 0 : va == 0 ? -h / 2 : -h);
	rnd_set_rgba(r->cr, c);
	pango_cairo_update_layout(r->cr, l);
	pango_cairo_show_layout(r->cr, l);
	cairo_restore(r->cr);
	g_object_unref(l);
}

/* Pango context for r->cr with unhinted metrics: the same layout at every
 * scale and on every surface. */
static void
rctx_text_init(struct rnd_rctx *r, const struct render_opts *o)
{
	cairo_font_options_t *fo = cairo_font_options_create();

	r->pc = pango_cairo_create_context(r->cr);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(r->pc, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(r->pc, FALSE);
	r->fd = pango_font_description_new();
	pango_font_description_set_family(r->fd, o->font ? o->font : RND_DEFAULT_FONT);
}

void
rnd_rctx_init(struct rnd_rctx *r, const struct fig *f, cairo_t *cr, double width,
    double height, const struct render_opts *o)
{
	memset(r, 0, sizeof(*r));
	r->cr = cr;
	r->f = f;
	r->W = width;
	r->H = height;
	r->paper = o->style == RENDER_STYLE_PAPER;
	rctx_text_init(r, o);
}

void
rnd_rctx_release(struct rnd_rctx *r)
{
	pango_font_description_free(r->fd);
	g_object_unref(r->pc);
}
