/*
 * write: render_write() -- one figure to one file, PNG, SVG or PDF, with
 * the metadata each format carries (render.h).
 *
 * PNG: drawn on an ARGB32 image at dpi/72 pixels per point over white,
 * then encoded by png.c (not cairo_surface_write_to_png) so that we
 * choose the compression (no row filters, one IDAT: fast, and plots still
 * compress well), record the physical size in pHYs and the provenance in
 * tEXt (iTXt for non-ASCII text).
 * SVG: Cairo writes into memory; <title> and a Dublin Core <metadata>
 * block are inserted after the root element's start tag.
 * PDF: Cairo with Title/Creator/Subject/Keywords and fixed dates, so that
 * the same figure gives the same bytes.  Raster layers are not handed to
 * Cairo (which would deflate them again as RGB): Cairo draws blank
 * stand-ins, and pdf_embed_layers puts each layer's PNG rows and palette
 * in their place as an indexed image (/FlateDecode with the PNG
 * predictor), so a layer is compressed once for SVG and PDF alike.
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

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "hpreport/render.h"
#include "internal.h"

#define FIXED_DATE "2000-01-01T00:00:00Z"	/* PDF dates: reproducible output */

static cairo_status_t
buf_write(void *closure, const unsigned char *data, unsigned int len)
{
	hp_buf_add(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

static int
write_file(const char *path, const void *data, size_t len, struct hp_err *err)
{
	FILE *fp = fopen(path, "wb");

	if (fp == NULL)
		return hp_err_set(err, "%s: %s", path, strerror(errno));
	if (fwrite(data, 1, len, fp) != len) {
		fclose(fp);
		return hp_err_set(err, "%s: write error", path);
	}
	if (fclose(fp) != 0)
		return hp_err_set(err, "%s: %s", path, strerror(errno));
	return 0;
}

static const char *
fig_title(const struct fig *f)
{
	return f->title && *f->title ? f->title : f->name ? f->name : "figure";
}

/* Prefixes the message render_draw left in err with the path. */
static int
path_err(struct hp_err *err, const char *path)
{
	char msg[sizeof(err->msg)];

	if (err == NULL)
		return -1;
	snprintf(msg, sizeof(msg), "%s", err->msg);
	return hp_err_set(err, "%s: %s", path, msg);
}

static int
write_png(const struct fig *f, const struct render_cache *c, const char *path,
    const struct render_opts *o, struct hp_err *err)
{
	double dpi = o->dpi > 0 ? o->dpi : 144;
	long w = lround(f->width * dpi / 72), h = lround(f->height * dpi / 72);
	cairo_surface_t *img;
	cairo_t *cr;
	struct hp_buf out;
	uint32_t keep[RND_CBAR_STEPS];
	struct rnd_png_meta meta = { dpi, fig_title(f), o->source, o->study, f->name,
	    keep, rnd_cbar_colours(f, keep, RND_CBAR_STEPS) };
	int rc;

	if (w < 1 || h < 1 || w > 30000 || h > 30000)
		return hp_err_set(err, "%s: image size %ldx%ld out of range", path, w, h);
	img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)w, (int)h);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(img);
		return hp_err_set(err, "%s: cannot make a %ldx%ld image", path, w, h);
	}
	cr = cairo_create(img);
	cairo_scale(cr, (double)w / f->width, (double)h / f->height);
	rc = rnd_draw_cached(f, c, cr, f->width, f->height, o, err);
	cairo_destroy(cr);
	if (rc != 0) {
		cairo_surface_destroy(img);
		return path_err(err, path);
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
		rc = write_file(path, out.s, out.len, err);
	hp_buf_release(&out);
	return rc;
}

/* --- SVG --------------------------------------------------------------- */

static void
xml_escape(struct hp_buf *b, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '<':
			hp_buf_puts(b, "&lt;");
			break;
		case '>':
			hp_buf_puts(b, "&gt;");
			break;
		case '&':
			hp_buf_puts(b, "&amp;");
			break;
		case '"':
			hp_buf_puts(b, "&quot;");
			break;
		default:
			if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n')
				hp_buf_add(b, " ", 1);	/* not allowed in XML 1.0 */
			else
				hp_buf_add(b, s, 1);
		}
}

static void
dc_elem(struct hp_buf *b, const char *name, const char *val)
{
	if (val == NULL || *val == '\0')
		return;
	hp_buf_printf(b, "<dc:%s>", name);
	xml_escape(b, val);
	hp_buf_printf(b, "</dc:%s>", name);
}

/*
 * Cairo names some SVG elements after process-wide counters (surface and
 * image ids), so a second render of the same figure would differ.  This
 * renumbers each such id, in order of first appearance, where it is
 * defined (id="...") or referenced ("#...").  A matrix figure has
 * hundreds of images (one raster layer per panel), so the table grows;
 * it is searched from its end, where the ids just defined are.
 */
static void
svg_stable_ids(const char *in, struct hp_buf *out)
{
	static const char *const prefixes[] = { "surface", "image", "source", "pattern" };
	long *seen[4] = { NULL };
	size_t nseen[4] = { 0 }, capseen[4] = { 0 };
	const char *p = in, *copied = in;

	for (; *p; p++) {
		int hit = -1;
		size_t pl = 0;

		/* only a letter after '#' or 'id="' can start a counted name */
		if (p == in || (*p != 's' && *p != 'i' && *p != 'p') ||
		    !(p[-1] == '#' || (p - in >= 4 && p[-1] == '"' &&
		    strncmp(p - 4, "id=\"", 4) == 0)))
			continue;
		for (int k = 0; k < 4; k++) {
			pl = strlen(prefixes[k]);
			if (strncmp(p, prefixes[k], pl) == 0 && p[pl] >= '0' && p[pl] <= '9') {
				hit = k;
				break;
			}
		}
		if (hit < 0)
			continue;
		{
			char *end;
			long id = strtol(p + pl, &end, 10);
			size_t k;

			hp_buf_add(out, copied, (size_t)(p - copied));
			for (k = nseen[hit]; k > 0 && seen[hit][k - 1] != id; k--)
				;
			if (k == 0) {
				if (nseen[hit] == capseen[hit]) {
					capseen[hit] = capseen[hit] ? 2 * capseen[hit] : 64;
					seen[hit] = hp_reallocarray(seen[hit], capseen[hit],
					    sizeof(long));
				}
				seen[hit][nseen[hit]++] = id;
				k = nseen[hit];
			}
			hp_buf_printf(out, "%s%zu", prefixes[hit], k);
			copied = end;
			p = end - 1;
		}
	}
	hp_buf_add(out, copied, (size_t)(p - copied));
	for (int k = 0; k < 4; k++)
		free(seen[k]);
}

/*
 * Draws f on a vector surface streaming into memory, finishes and destroys
 * the surface.  Returns 0, or -1 with err naming path.
 */
static int
draw_vector(const struct fig *f, const struct render_cache *c, cairo_surface_t *s,
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
		rc = path_err(err, path);
	cairo_surface_destroy(s);
	return rc;
}

static int
write_svg(const struct fig *f, const struct render_cache *c, const char *path,
    const struct render_opts *o, struct hp_err *err)
{
	struct hp_buf raw, svg, out;
	cairo_surface_t *s;
	const char *root, *end;
	int rc;

	hp_buf_init(&raw);
	hp_buf_init(&svg);
	s = cairo_svg_surface_create_for_stream(buf_write, &raw, f->width, f->height);
	rc = draw_vector(f, c, s, path, o, 0, err);
	if (rc == 0 && raw.s)
		svg_stable_ids(raw.s, &svg);
	hp_buf_release(&raw);
	if (rc != 0 || svg.s == NULL ||
	    (root = strstr(svg.s, "<svg")) == NULL || (end = strchr(root, '>')) == NULL) {
		hp_buf_release(&svg);
		return rc != 0 ? rc : hp_err_set(err, "%s: Cairo wrote no <svg> element", path);
	}
	hp_buf_init(&out);
	hp_buf_add(&out, svg.s, (size_t)(end + 1 - svg.s));
	hp_buf_puts(&out, "\n<title>");
	xml_escape(&out, fig_title(f));
	hp_buf_puts(&out, "</title>\n<metadata>"
	    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
	    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><rdf:Description>");
	dc_elem(&out, "title", fig_title(f));
	dc_elem(&out, "creator", "hpreport " HP_VERSION);
	dc_elem(&out, "source", o->source);
	dc_elem(&out, "subject", o->study);
	dc_elem(&out, "identifier", f->name);
	hp_buf_puts(&out, "</rdf:Description></rdf:RDF></metadata>");
	hp_buf_puts(&out, end + 1);
	rc = write_file(path, out.s, out.len, err);
	hp_buf_release(&out);
	hp_buf_release(&svg);
	return rc;
}

/* --- PDF --------------------------------------------------------------- */

/* The palette and the concatenated IDAT data of an 8-bit indexed PNG of
 * w x h pixels (png.c's own output); 0 when it is not one. */
static int
png_parts(const unsigned char *png, size_t len, int w, int h, struct hp_buf *pal,
    struct hp_buf *idat)
{
	size_t at = 8;
	int ok = 0;

	if (len < 8 || memcmp(png, "\x89PNG\r\n\x1a\n", 8) != 0)
		return 0;
	while (at + 12 <= len) {
		size_t n = (size_t)png[at] << 24 | (size_t)png[at + 1] << 16 |
		    (size_t)png[at + 2] << 8 | png[at + 3];
		const unsigned char *type = png + at + 4, *d = png + at + 8;

		if (n > len - at - 12)
			return 0;
		if (memcmp(type, "IHDR", 4) == 0) {
			uint32_t pw = (uint32_t)d[0] << 24 | (uint32_t)d[1] << 16 |
			    (uint32_t)d[2] << 8 | d[3];
			uint32_t ph = (uint32_t)d[4] << 24 | (uint32_t)d[5] << 16 |
			    (uint32_t)d[6] << 8 | d[7];

			ok = n == 13 && pw == (uint32_t)w && ph == (uint32_t)h &&
			    d[8] == 8 && d[9] == 3 && d[12] == 0;
		} else if (memcmp(type, "PLTE", 4) == 0)
			hp_buf_add(pal, (const char *)d, n);
		else if (memcmp(type, "IDAT", 4) == 0)
			hp_buf_add(idat, (const char *)d, n);
		at += n + 12;
	}
	return ok && pal->len >= 3 && pal->len <= 768 && pal->len % 3 == 0 && idat->len > 0;
}

/* The integer after key in [p, end), or -1. */
static long
dict_int(const char *p, const char *end, const char *key)
{
	size_t kl = strlen(key);

	for (; p + kl < end; p++)
		if (memcmp(p, key, kl) == 0 && (p[kl] == ' ' || p[kl] == '\n'))
			return strtol(p + kl, NULL, 10);
	return -1;
}

static int
dict_has(const char *p, const char *end, const char *s)
{
	size_t sl = strlen(s);

	for (; p + sl <= end; p++)
		if (memcmp(p, s, sl) == 0)
			return 1;
	return 0;
}

struct pdf_obj {
	size_t	 off, end;	/* bytes of "N 0 obj ... endobj" */
	long	 num;
};

static int
obj_by_off(const void *a, const void *b)
{
	const struct pdf_obj *x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off;
}

/*
 * Rewrites the PDF Cairo wrote (classic xref table, as Cairo writes it)
 * with each stand-in image of rnd_paint_layer replaced by its layer's PNG
 * rows, and a new xref table.  Every layer with a PNG must be found
 * exactly once; returns 0 and out, or -1 (the caller draws again with
 * Cairo's own images).
 */
static int
pdf_embed_layers(const char *pdf, size_t len, const struct render_cache *c,
    struct hp_buf *out)
{
	const char *sx, *xref, *trailer, *p;
	struct pdf_obj *obj = NULL;
	size_t nobj = 0, *newoff = NULL, first, found = 0, want = 0;
	long size;
	char *done = NULL;
	int rc = -1;

	for (size_t i = 0; i < c->n; i++)
		want += c->v[i].png != NULL;
	/* startxref N: the xref table, "xref\n0 SIZE\n", then 20-byte entries */
	for (sx = pdf + len - 9; sx > pdf && sx > pdf + len - 64 &&
	    memcmp(sx, "startxref", 9) != 0; sx--)
		;
	if (sx <= pdf || memcmp(sx, "startxref", 9) != 0)
		return -1;
	xref = pdf + strtoul(sx + 9, NULL, 10);
	if (xref < pdf || xref >= sx || strncmp(xref, "xref\n0 ", 7) != 0)
		return -1;
	size = strtol(xref + 7, (char **)&p, 10);
	if (size < 1 || *p != '\n' || (size_t)(sx - p) < 20 * (size_t)size + 1)
		return -1;
	p++;
	trailer = p + 20 * (size_t)size;
	if (strncmp(trailer, "trailer", 7) != 0)
		return -1;
	obj = hp_calloc((size_t)size, sizeof(*obj));
	for (long i = 1; i < size; i++) {
		const char *e = p + 20 * (size_t)i;

		if (e[17] != 'n')
			continue;
		obj[nobj].off = strtoul(e, NULL, 10);
		obj[nobj].num = i;
		if (obj[nobj].off >= (size_t)(xref - pdf))
			goto out;
		nobj++;
	}
	if (nobj == 0)
		goto out;
	qsort(obj, nobj, sizeof(*obj), obj_by_off);
	for (size_t i = 0; i < nobj; i++)
		obj[i].end = i + 1 < nobj ? obj[i + 1].off : (size_t)(xref - pdf);
	newoff = hp_calloc((size_t)size, sizeof(size_t));
	done = hp_calloc(c->n + 1, 1);
	first = obj[0].off;
	hp_buf_add(out, pdf, first);
	for (size_t i = 0; i < nobj; i++) {
		const char *o = pdf + obj[i].off, *oe = pdf + obj[i].end, *st;
		long w, h;
		size_t k;
		struct hp_buf pal, idat;
		const struct rnd_layer *ly;

		newoff[obj[i].num] = out->len;
		/* the dictionary is the text before "stream" */
		for (st = o; st + 10 <= oe && memcmp(st, ">>\nstream\n", 10) != 0; st++)
			;
		if (st + 10 > oe || !dict_has(o, st, "/Subtype /Image") ||
		    (h = dict_int(o, st, "/Height")) != 2 ||
		    (w = dict_int(o, st, "/Width")) < 2 || (size_t)(w - 2) >= c->n ||
		    (ly = &c->v[w - 2])->png == NULL) {
			hp_buf_add(out, o, (size_t)(oe - o));
			continue;
		}
		k = (size_t)(w - 2);
		hp_buf_init(&pal);
		hp_buf_init(&idat);
		if (done[k] || dict_has(o, st, "/SMask") ||
		    !png_parts(ly->png, ly->pnglen, ly->w, ly->h, &pal, &idat)) {
			hp_buf_release(&pal);
			hp_buf_release(&idat);
			goto out;
		}
		done[k] = 1;
		found++;
		hp_buf_printf(out, "%ld 0 obj\n<< /Type /XObject\n   /Subtype /Image\n"
		    "   /Width %d\n   /Height %d\n   /ColorSpace [/Indexed /DeviceRGB %zu <",
		    obj[i].num, ly->w, ly->h, pal.len / 3 - 1);
		for (size_t j = 0; j < pal.len; j++)
			hp_buf_printf(out, "%02x", (unsigned char)pal.s[j]);
		hp_buf_printf(out, ">]\n   /Interpolate true\n   /BitsPerComponent 8\n"
		    "   /Filter /FlateDecode\n"
		    "   /DecodeParms << /Predictor 15 /Colors 1 /BitsPerComponent 8"
		    " /Columns %d >>\n   /Length %zu\n>>\nstream\n", ly->w, idat.len);
		hp_buf_add(out, idat.s, idat.len);
		hp_buf_puts(out, "\nendstream\nendobj\n");
		hp_buf_release(&pal);
		hp_buf_release(&idat);
	}
	if (found != want)
		goto out;
	{
		size_t xoff = out->len;

		hp_buf_printf(out, "xref\n0 %ld\n", size);
		for (long i = 0; i < size; i++) {
			const char *e = p + 20 * (size_t)i;

			if (e[17] == 'n')
				hp_buf_printf(out, "%010zu 00000 n \n", newoff[i]);
			else
				hp_buf_add(out, e, 20);
		}
		hp_buf_add(out, trailer, (size_t)(sx - trailer));
		hp_buf_printf(out, "startxref\n%zu\n%%%%EOF\n", xoff);
	}
	rc = 0;
out:
	free(obj);
	free(newoff);
	free(done);
	return rc;
}

static int
write_pdf(const struct fig *f, const struct render_cache *c, const char *path,
    const struct render_opts *o, struct hp_err *err)
{
	struct hp_buf pdf, fixed;
	int rc, stubs = c != NULL;

	for (;;) {
		cairo_surface_t *s;

		hp_buf_init(&pdf);
		hp_buf_init(&fixed);
		s = cairo_pdf_surface_create_for_stream(buf_write, &pdf, f->width, f->height);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, fig_title(f));
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
		    "hpreport " HP_VERSION);
		if (o->source)
			cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, o->source);
		if (o->study)
			cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, o->study);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, FIXED_DATE);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, FIXED_DATE);
		rc = draw_vector(f, c, s, path, o, stubs, err);
		if (rc != 0 || !stubs)
			break;
		if (pdf.s && pdf_embed_layers(pdf.s, pdf.len, c, &fixed) == 0) {
			hp_buf_release(&pdf);
			pdf = fixed;
			hp_buf_init(&fixed);
			break;
		}
		/* not the PDF pdf_embed_layers knows: Cairo's own images */
		hp_buf_release(&pdf);
		hp_buf_release(&fixed);
		stubs = 0;
	}
	if (rc == 0)
		rc = write_file(path, pdf.s, pdf.len, err);
	hp_buf_release(&pdf);
	hp_buf_release(&fixed);
	return rc;
}

const char *
render_format_ext(enum render_format fmt)
{
	switch (fmt) {
	case RENDER_SVG:
		return "svg";
	case RENDER_PDF:
		return "pdf";
	case RENDER_PNG:
	default:
		return "png";
	}
}

int
render_format_parse(const char *s, enum render_format *out)
{
	static const enum render_format all[] = { RENDER_PNG, RENDER_SVG, RENDER_PDF };

	if (s == NULL)
		return -1;
	for (size_t i = 0; i < 3; i++)
		if (strcasecmp(s, render_format_ext(all[i])) == 0) {
			*out = all[i];
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

	if (o == NULL) {
		render_opts_defaults(&def);
		o = &def;
	}
	if (!(f->width > 0) || !(f->height > 0))
		return NULL;
	png_scale(f, o, &sx, &sy);
	return rnd_cache_layers(f, f->width, f->height, sx, sy, o,
	    (formats & (1u << RENDER_SVG | 1u << RENDER_PDF)) != 0);
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
	switch (fmt) {
	case RENDER_SVG:
		return write_svg(f, c, path, o, err);
	case RENDER_PDF:
		return write_pdf(f, c, path, o, err);
	case RENDER_PNG:
	default:
		return write_png(f, c, path, o, err);
	}
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
