/*
 * backend_svg: the SVG backend.  Cairo writes into memory; the surface
 * ids Cairo numbers process-wide are renumbered per file, and <title> and
 * a Dublin Core <metadata> block are inserted after the root element's
 * start tag.
 */
#include <stdlib.h>
#include <string.h>

#include <cairo-svg.h>

#include "internal.h"

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

int
rnd_svg_write(const struct fig *f, const struct render_cache *c, const char *path,
    const struct render_opts *o, struct hp_err *err)
{
	struct hp_buf raw, svg, out;
	cairo_surface_t *s;
	const char *root, *end;
	int rc;

	hp_buf_init(&raw);
	hp_buf_init(&svg);
	s = cairo_svg_surface_create_for_stream(rnd_buf_write, &raw, f->width, f->height);
	rc = rnd_draw_vector(f, c, s, path, o, 0, err);
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
	xml_escape(&out, rnd_fig_title(f));
	hp_buf_puts(&out, "</title>\n<metadata>"
	    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
	    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><rdf:Description>");
	dc_elem(&out, "title", rnd_fig_title(f));
	dc_elem(&out, "creator", "hpreport " HP_VERSION);
	dc_elem(&out, "source", o->source);
	dc_elem(&out, "subject", o->study);
	dc_elem(&out, "identifier", f->name);
	hp_buf_puts(&out, "</rdf:Description></rdf:RDF></metadata>");
	hp_buf_puts(&out, end + 1);
	rc = rnd_file_write(path, out.s, out.len, err);
	hp_buf_release(&out);
	hp_buf_release(&svg);
	return rc;
}
