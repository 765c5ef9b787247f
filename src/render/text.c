/*
 * text: the drawing context of one figure (struct rnd_rctx, internal.h) and
 * everything Pango does in the renderer -- measuring and drawing text.
 * Text is measured with unhinted metrics, so a layout is the same at every
 * scale and on every surface: PNG, SVG and PDF place each label at the
 * same spot.  Long labels keep their end (keep_end), titles and notes
 * wrap (rnd_mklayout).  One family sets every text of a figure (--font,
 * checked by render_font_check against what fontconfig has); Cairo embeds
 * the glyphs used as a font subset in PDF and as outlines in SVG, so both
 * files show that font on a machine without it.
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

/* Bytes a..b of a layout's text raised and at 70 %: a superscript. */
static void
sup_run(PangoAttrList **attrs, size_t a, size_t b, double size)
{
	PangoAttribute *rise = pango_attr_rise_new((int)(size * 0.38 * PANGO_SCALE));
	PangoAttribute *scale = pango_attr_scale_new(0.7);

	if (*attrs == NULL)
		*attrs = pango_attr_list_new();
	rise->start_index = scale->start_index = (guint)a;
	rise->end_index = scale->end_index = (guint)b;
	pango_attr_list_insert(*attrs, rise);
	pango_attr_list_insert(*attrs, scale);
}

/*
 * The superscripts of tick labels ("10⁻⁵", "2×10⁶") as the font's own
 * digits and minus, raised and smaller: most text faces (Latin Modern,
 * TeX Gyre, Liberation) have only ¹²³, and fontconfig would take the
 * others from another family.  Returns the text to set (s itself when it
 * has no superscript; else a new string the caller frees) and adds the
 * raised runs to *attrs (created when NULL).
 */
static char *
unsuper(const char *s, double size, PangoAttrList **attrs)
{
	static const char *const from[] = { "\u2070", "\u00b9", "\u00b2", "\u00b3",
	    "\u2074", "\u2075", "\u2076", "\u2077", "\u2078", "\u2079", "\u207a",
	    "\u207b" };
	static const char *const to[] = { "0", "1", "2", "3", "4", "5", "6", "7",
	    "8", "9", "+", "\u2212" };
	struct hp_buf b = { 0 };
	size_t run = 0;
	int any = 0, in = 0;

	for (const char *c = s; *c; c = g_utf8_next_char(c)) {
		size_t k = 0, len = (size_t)(g_utf8_next_char(c) - c);

		while (k < sizeof(from) / sizeof(from[0]) &&
		    (strlen(from[k]) != len || memcmp(c, from[k], len) != 0))
			k++;
		if (k < sizeof(from) / sizeof(from[0]) && !in) {
			in = any = 1;
			run = b.len;
		} else if (k == sizeof(from) / sizeof(from[0]) && in) {
			in = 0;
			sup_run(attrs, run, b.len, size);
		}
		if (k < sizeof(from) / sizeof(from[0]))
			hp_buf_puts(&b, to[k]);
		else
			hp_buf_add(&b, c, len);
	}
	if (in)
		sup_run(attrs, run, b.len, size);
	if (!any) {
		hp_buf_release(&b);
		return (char *)s;
	}
	return b.s;
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
	} else if (r->fake_sup) {
		PangoAttrList *attrs = NULL;
		char *t = unsuper(s, size, &attrs);

		pango_layout_set_text(l, t, -1);
		if (attrs) {	/* a tick label: not cut (its runs index t) */
			pango_layout_set_attributes(l, attrs);
			pango_attr_list_unref(attrs);
		} else if (maxw > 0 && !(style & (RND_TEXT_BOLD | RND_TEXT_WRAP)))
			keep_end(l, t, maxw);
		if (t != s)
			free(t);
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

/* The byte offset of the UTF-8 character k of s (len bytes). */
static size_t
char_at(const char *s, size_t len, size_t k)
{
	size_t o = 0;

	while (k-- > 0 && o < len)
		for (o++; o < len && ((unsigned char)s[o] & 0xc0) == 0x80; o++)
			;
	return o;
}

void
rnd_shorten(struct rnd_rctx *r, const char *s, size_t skip, double size,
    int style, double maxw, char *out, size_t n)
{
	const char *body;
	size_t len, nch = 0;
	double w, h;

	snprintf(out, n, "%s", s ? s : "");
	if (s == NULL || maxw <= 0)
		return;
	rnd_measure(r, s, size, style, 0, &w, &h);
	if (w <= maxw)
		return;
	body = s + (skip < strlen(s) ? skip : 0);
	if (body != s) {
		snprintf(out, n, "\u2026%s", body);
		rnd_measure(r, out, size, style, 0, &w, &h);
		if (w <= maxw)
			return;
	}
	len = strlen(body);
	for (size_t o = 0; o < len; o++)
		nch += ((unsigned char)body[o] & 0xc0) != 0x80;
	/* keep k characters, a third from the start, the rest from the end */
	for (size_t k = nch > 0 ? nch - 1 : 0; k >= 1; k--) {
		size_t head = char_at(body, len, k / 3);
		size_t tail = char_at(body, len, nch - (k - k / 3));
		size_t hb = head, tb = tail;

		while (hb > 0 && body[hb - 1] == ' ')
			hb--;
		while (tb < len && body[tb] == ' ')
			tb++;
		snprintf(out, n, "%.*s\u2026%s", (int)hb, body, body + tb);
		rnd_measure(r, out, size, style, 0, &w, &h);
		if (w <= maxw)
			return;
	}
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

/* Shorter names first (the family itself before its variants), then by name. */
static int
cmp_family(const void *a, const void *b)
{
	const char *x = pango_font_family_get_name(*(PangoFontFamily *const *)a);
	const char *y = pango_font_family_get_name(*(PangoFontFamily *const *)b);

	if (strlen(x) != strlen(y))
		return strlen(x) < strlen(y) ? -1 : 1;
	return g_ascii_strcasecmp(x, y);
}

int
render_font_check(const char *family, struct hp_err *err)
{
	PangoFontFamily **fam;
	struct hp_buf near = { 0 };
	char *want;
	int n, found = 0, nnear = 0;

	if (family == NULL || *family == '\0' || strchr(family, ',') != NULL)
		return hp_err_set(err, "expected one font family name, got \"%s\"",
		    family ? family : "");
	pango_font_map_list_families(pango_cairo_font_map_get_default(), &fam, &n);
	qsort(fam, (size_t)n, sizeof(*fam), cmp_family);
	want = g_ascii_strdown(family, -1);
	for (int i = 0; i < n && !found; i++) {
		const char *name = pango_font_family_get_name(fam[i]);
		char *low = g_ascii_strdown(name, -1);

		found = strcmp(low, want) == 0;
		/* the closest names containing it: the shortest */
		if (!found && strstr(low, want) != NULL && nnear++ < 4)
			hp_buf_printf(&near, "%s\"%s\"", nnear > 1 ? ", " : "", name);
		g_free(low);
	}
	g_free(want);
	g_free(fam);
	if (!found)
		hp_err_set(err, "no font family \"%s\" is installed; %s%s%s", family,
		    nnear ? "did you mean " : "'fc-list : family' lists those that are",
		    nnear ? near.s : "", nnear ? "?" : "");
	hp_buf_release(&near);
	return found ? 0 : -1;
}

/* Pango context for r->cr with unhinted metrics: the same layout at every
 * scale and on every surface. */
static void
rctx_text_init(struct rnd_rctx *r, const struct render_opts *o)
{
	cairo_font_options_t *fo = cairo_font_options_create();
	char *families = hp_sprintf("%s, %s", o->font && *o->font ? o->font :
	    RND_DEFAULT_FONT, RND_FALLBACK_FONTS);
	PangoFontDescription *fd1;
	PangoFont *font;

	r->pc = pango_cairo_create_context(r->cr);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(r->pc, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(r->pc, FALSE);
	r->fd = pango_font_description_new();
	pango_font_description_set_family(r->fd, families);
	free(families);
	/* does the family itself (the first of the list) have ⁴ and ⁻? */
	fd1 = pango_font_description_copy(r->fd);
	pango_font_description_set_family(fd1, o->font && *o->font ? o->font :
	    RND_DEFAULT_FONT);
	font = pango_context_load_font(r->pc, fd1);
	r->fake_sup = font == NULL || !pango_font_has_char(font, 0x2074) ||
	    !pango_font_has_char(font, 0x207b);
	if (font)
		g_object_unref(font);
	pango_font_description_free(fd1);
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
	r->pool = o->pool;
	rctx_text_init(r, o);
}

void
rnd_rctx_release(struct rnd_rctx *r)
{
	pango_font_description_free(r->fd);
	g_object_unref(r->pc);
}
