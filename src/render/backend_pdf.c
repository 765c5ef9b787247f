/*
 * backend_pdf: the PDF backend.  Cairo with Title/Creator/Subject/Keywords
 * and fixed dates, so that the same figure gives the same bytes.  Raster
 * layers are not handed to Cairo (which would deflate them again as RGB):
 * Cairo draws blank stand-ins, and pdf_embed_layers puts each layer's PNG
 * rows and palette in their place as an indexed image (/FlateDecode with
 * the PNG predictor), so a layer is compressed once for SVG and PDF alike.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>

#include "internal.h"

#define FIXED_DATE "2000-01-01T00:00:00Z"	/* PDF dates: reproducible output */

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
		want += c->vv[i].png != NULL;
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
		    (ly = &c->vv[w - 2])->png == NULL) {
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

int
rnd_pdf_write(const struct fig *f, const struct render_cache *c, const char *path,
    const struct render_opts *o, struct hp_err *err)
{
	struct hp_buf pdf, fixed;
	int rc, stubs = c != NULL && c->vv != NULL;

	for (;;) {
		cairo_surface_t *s;

		hp_buf_init(&pdf);
		hp_buf_init(&fixed);
		s = cairo_pdf_surface_create_for_stream(rnd_buf_write, &pdf, f->width, f->height);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, rnd_fig_title(f));
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
		    "hpreport " HP_VERSION);
		if (o->source)
			cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, o->source);
		if (o->study)
			cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, o->study);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, FIXED_DATE);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, FIXED_DATE);
		/* without the stand-ins every mark is a vector: the layers
		 * of SVG and PDF keep only their PNG */
		rc = rnd_draw_vector(f, stubs ? c : NULL, s, path, o, stubs, err);
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
		rc = rnd_file_write(path, pdf.s, pdf.len, err);
	hp_buf_release(&pdf);
	hp_buf_release(&fixed);
	return rc;
}
