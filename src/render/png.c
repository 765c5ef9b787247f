/*
 * png: an opaque ARGB32 image as an indexed PNG in memory, with its
 * palette chosen here (png_palette), or as RGB when its colours must stay
 * exact (--style paper); the rows compressed by libdeflate.
 * Depends on nothing else in the renderer: write.c encodes whole figures,
 * layers.c the raster layers that SVG files embed.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

#include "internal.h"

static int
ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

static void
put_be32(struct hp_buf *b, uint32_t v)
{
	char c[4] = { (char)(v >> 24), (char)(v >> 16), (char)(v >> 8), (char)v };

	hp_buf_add(b, c, 4);
}

/* One PNG chunk: length, type, data, CRC of type and data. */
static void
png_chunk(struct hp_buf *b, const char *type, const void *data, size_t len)
{
	uint32_t crc;

	put_be32(b, (uint32_t)len);
	hp_buf_add(b, type, 4);
	if (len)
		hp_buf_add(b, data, len);
	crc = (uint32_t)libdeflate_crc32(0, type, 4);
	if (len)	/* libdeflate_crc32(crc, NULL, 0) is 0, not crc */
		crc = (uint32_t)libdeflate_crc32(crc, data, len);
	put_be32(b, crc);
}

/* A text chunk: tEXt is Latin-1, so UTF-8 text (CJK titles) goes into an
 * uncompressed iTXt */
static void
png_text(struct hp_buf *b, const char *key, const char *val)
{
	struct hp_buf t;

	if (val == NULL || *val == '\0')
		return;
	hp_buf_init(&t);
	hp_buf_add(&t, key, strlen(key) + 1);
	if (!ascii(val))
		hp_buf_add(&t, "\0\0\0\0", 4);	/* no compression, no language */
	hp_buf_add(&t, val, strlen(val));
	png_chunk(b, ascii(val) ? "tEXt" : "iTXt", t.s, t.len);
	hp_buf_release(&t);
}

/*
 * A palette of at most 256 colours for an opaque ARGB32 image, and each
 * pixel's index into it.  An image of at most 256 colours keeps them
 * exactly.  Otherwise the nkeep colours of keep (a colour bar's steps,
 * which median cut would merge into stripes: they are few pixels), then
 * the image's commonest greys, take exact entries, and median cut over a
 * 5-bit-per-channel histogram of the other pixels (antialiased markers in
 * many colormap colours) picks the rest, each the mean of the pixels it
 * stands for: a quarter of the bytes of RGB, and no visible change for
 * plots.  Returns the palette's size.
 */
struct qbox {
	size_t	 a, b;		/* bins[a..b) */
	double	 n;		/* pixels */
	int	 lo[3], hi[3];	/* 5-bit channel bounds */
};

static int
bin_ch(uint32_t bin, int ch)
{
	return (int)(bin >> (10 - 5 * ch)) & 31;
}

static void
qbox_bounds(struct qbox *q, const uint32_t *bins, const uint32_t *cnt)
{
	q->n = 0;
	for (int ch = 0; ch < 3; ch++) {
		q->lo[ch] = 31;
		q->hi[ch] = 0;
	}
	for (size_t i = q->a; i < q->b; i++)
		for (int ch = 0; ch < 3; ch++) {
			int v = bin_ch(bins[i], ch);

			q->lo[ch] = v < q->lo[ch] ? v : q->lo[ch];
			q->hi[ch] = v > q->hi[ch] ? v : q->hi[ch];
		}
	for (size_t i = q->a; i < q->b; i++)
		q->n += cnt[bins[i]];
}

/* The index in keep of colour c, or -1; slot: keep's hash table (open
 * addressing, -1 for an empty slot). */
static int
keep_find(const int16_t slot[512], const uint32_t *keep, uint32_t c)
{
	for (uint32_t k = (c * 2654435761u) >> 23;; k = (k + 1) & 511) {
		if (slot[k] < 0)
			return -1;
		if (keep[slot[k]] == c)
			return slot[k];
	}
}

#define KEEP_CALLER	RND_CBAR_STEPS	/* kept colours of the caller's, at most */
#define KEEP_GREYS	40	/* and of the image's greys */

/*
 * The greys of an image (channels within 12 of each other) and how many
 * pixels each covers, counted while png_palette builds its histogram; the
 * table keeps the greys seen first when full.
 */
enum { GREY_SLOTS = 2048 };

struct greys {
	uint32_t c[GREY_SLOTS];		/* 0xRRGGBB, or ~0: empty */
	size_t	 cnt[GREY_SLOTS];
	int	 used;
};

static void
greys_add(struct greys *g, uint32_t v, size_t run)
{
	int r = (int)(v >> 16), gr = (int)((v >> 8) & 255), b = (int)(v & 255);
	int hi = r > gr ? (r > b ? r : b) : (gr > b ? gr : b);
	int lo = r < gr ? (r < b ? r : b) : (gr < b ? gr : b);
	uint32_t k;

	if (hi - lo > 12)
		return;
	for (k = (v * 2654435761u) >> 21; g->c[k] != 0xffffffffu && g->c[k] != v;
	    k = (k + 1) & (GREY_SLOTS - 1))
		;
	if (g->c[k] == 0xffffffffu) {
		if (g->used >= GREY_SLOTS * 3 / 4)
			return;		/* full: the greys seen first count */
		g->c[k] = v;
		g->used++;
	}
	g->cnt[k] += run;
}

/*
 * The at most n most frequent greys of g that are not among the nprev
 * colours of prev, into out with their pixel counts into nout, most
 * frequent first (on a tie the lower value).  Returns how many.
 */
static int
greys_pick(struct greys *g, const uint32_t *prev, int nprev, uint32_t *out,
    size_t *nout, int n)
{
	int m = 0;

	for (int i = 0; i < nprev; i++)
		for (int k = 0; k < GREY_SLOTS; k++)
			if (g->c[k] == prev[i])
				g->cnt[k] = 0;
	while (m < n) {
		int best = -1;

		for (int k = 0; k < GREY_SLOTS; k++)
			if (g->cnt[k] > 0 && (best < 0 || g->cnt[k] > g->cnt[best] ||
			    (g->cnt[k] == g->cnt[best] && g->c[k] < g->c[best])))
				best = k;
		if (best < 0)
			break;
		nout[m] = g->cnt[best];
		out[m++] = g->c[best];
		g->cnt[best] = 0;
	}
	return m;
}

/* The 5-bit-per-channel bin of colour c. */
static uint32_t
bin_of(uint32_t c)
{
	return ((c >> 9) & 0x7c00) | ((c >> 6) & 0x3e0) | ((c >> 3) & 0x1f);
}

/* Colour i of keep takes palette entry i and its slot in the hash kslot. */
static void
keep_add(int16_t kslot[512], unsigned char *kbin, const uint32_t *keep, int i,
    unsigned char pal[768])
{
	uint32_t c = keep[i], k = (c * 2654435761u) >> 23, b = bin_of(c);

	kbin[b >> 3] |= (unsigned char)(1u << (b & 7));
	while (kslot[k] >= 0 && keep[kslot[k]] != c)
		k = (k + 1) & 511;
	kslot[k] = (int16_t)i;
	pal[3 * i] = (unsigned char)(c >> 16);
	pal[3 * i + 1] = (unsigned char)(c >> 8);
	pal[3 * i + 2] = (unsigned char)c;
}

static int
png_palette(const unsigned char *src, int w, int h, int stride,
    const uint32_t *keep, int nkeep, unsigned char pal[768], unsigned char *idx)
{
	int16_t kslot[512];
	unsigned char kbin[32768 / 8];	/* the 5-bit bins that hold a kept colour */
	uint32_t all[KEEP_CALLER + KEEP_GREYS];
	uint32_t exact[512], *bins, tmp[32];
	int nexact = 0, npal = 0;
	uint32_t *cnt;		/* pixels of each 5-bit bin (< 2^32: RENDER_MAX_AREA) */
	uint64_t *sum;		/* and their channels' sums */
	uint16_t *lut;
	struct qbox box[256];
	struct greys *grey = NULL;	/* with caller's colours: the image's greys */
	size_t nbins = 0, nbox;

	/* exact colours while there are at most 256: open addressing */
	memset(exact, 0xff, sizeof(exact));
	for (int y = 0; y < h && nexact <= 256; y++) {
		const uint32_t *px = (const uint32_t *)(const void *)(src + (size_t)y * (size_t)stride);

		for (int x = 0; x < w && nexact <= 256; x++) {
			uint32_t c = px[x] & 0xffffff, k;

			if (x > 0 && c == (px[x - 1] & 0xffffff))
				continue;	/* runs are common: flat areas */
			k = (c * 2654435761u) >> 23;
			while (exact[k] != 0xffffffffu && exact[k] != c)
				k = (k + 1) & 511;
			if (exact[k] == 0xffffffffu) {
				exact[k] = c;
				nexact++;
			}
		}
	}
	if (nexact <= 256) {
		uint32_t order[256];
		unsigned char slot[512];

		for (int k = 0; k < 512; k++)
			if (exact[k] != 0xffffffffu)
				order[npal++] = exact[k];
		/* sorted, so the palette does not depend on the hash */
		for (int i = 1; i < npal; i++)
			for (int j = i; j > 0 && order[j - 1] > order[j]; j--) {
				uint32_t t = order[j];

				order[j] = order[j - 1];
				order[j - 1] = t;
			}
		/* each hash slot's palette index, for the pixels' lookup */
		for (int k = 0; k < 512; k++) {
			int a = 0, b = npal - 1;

			while (a < b) {
				int m = (a + b) / 2;

				if (order[m] < exact[k])
					a = m + 1;
				else
					b = m;
			}
			slot[k] = (unsigned char)a;	/* exact[k] == order[a] if used */
		}
		for (int i = 0; i < npal; i++) {
			pal[3 * i] = (unsigned char)(order[i] >> 16);
			pal[3 * i + 1] = (unsigned char)(order[i] >> 8);
			pal[3 * i + 2] = (unsigned char)order[i];
		}
		for (int y = 0; y < h; y++) {
			const uint32_t *px = (const uint32_t *)(const void *)(src + (size_t)y * (size_t)stride);

			uint32_t last = 0xffffffffu;
			unsigned char a = 0;

			for (int x = 0; x < w; x++) {
				uint32_t c = px[x] & 0xffffff;

				if (c != last) {
					uint32_t k = (c * 2654435761u) >> 23;

					while (exact[k] != c)
						k = (k + 1) & 511;
					a = slot[k];
					last = c;
				}
				idx[(size_t)y * (size_t)w + (size_t)x] = a;
			}
		}
		return npal;
	}

	/* the kept colours first, exactly: the caller's, then (as they leave
	 * median cut fewer entries, whose boxes would mix greys with
	 * colour-map shades and tint the text) the most frequent greys */
	nkeep = nkeep < 0 ? 0 : nkeep > KEEP_CALLER ? KEEP_CALLER : nkeep;
	memset(kslot, 0xff, sizeof(kslot));
	memset(kbin, 0, sizeof(kbin));
	if (nkeep > 0) {
		memcpy(all, keep, (size_t)nkeep * sizeof(uint32_t));
		keep = all;
		grey = hp_malloc(sizeof(*grey));
		memset(grey->c, 0xff, sizeof(grey->c));
		memset(grey->cnt, 0, sizeof(grey->cnt));
		grey->used = 0;
	}
	for (int i = 0; i < nkeep; i++)
		keep_add(kslot, kbin, keep, i, pal);
	cnt = hp_calloc(32768, sizeof(*cnt));
	sum = hp_calloc(3 * 32768, sizeof(*sum));
	for (int y = 0; y < h; y++) {
		const uint32_t *px = (const uint32_t *)(const void *)(src + (size_t)y * (size_t)stride);

		for (int x = 0; x < w;) {
			uint32_t c = px[x], bin;
			int run = 1;

			/* a run of one colour at once (integer sums: exact either way) */
			while (x + run < w && px[x + run] == c)
				run++;
			x += run;
			if (grey)
				greys_add(grey, c & 0xffffff, (size_t)run);
			bin = bin_of(c);
			if (kbin[bin >> 3] & (1u << (bin & 7)) && keep_find(kslot, keep, c & 0xffffff) >= 0)
				continue;
			cnt[bin] += (uint32_t)run;
			sum[3 * bin] += (uint64_t)run * ((c >> 16) & 255);
			sum[3 * bin + 1] += (uint64_t)run * ((c >> 8) & 255);
			sum[3 * bin + 2] += (uint64_t)run * (c & 255);
		}
	}
	if (grey) {
		/* the commonest greys are kept too, and so leave the histogram
		 * (counted in the same pass, then taken out) */
		size_t ng[KEEP_GREYS];
		int n = greys_pick(grey, all, nkeep, all + nkeep, ng, KEEP_GREYS);

		for (int i = 0; i < n; i++) {
			uint32_t c = all[nkeep + i], bin = bin_of(c);

			cnt[bin] -= (uint32_t)ng[i];
			sum[3 * bin] -= (uint64_t)ng[i] * ((c >> 16) & 255);
			sum[3 * bin + 1] -= (uint64_t)ng[i] * ((c >> 8) & 255);
			sum[3 * bin + 2] -= (uint64_t)ng[i] * (c & 255);
			keep_add(kslot, kbin, keep, nkeep + i, pal);
		}
		nkeep += n;
		free(grey);
	}
	bins = hp_calloc(32768, sizeof(uint32_t));
	for (uint32_t b = 0; b < 32768; b++)
		if (cnt[b] > 0)
			bins[nbins++] = b;
	nbox = nbins > 0;
	box[0].a = 0;
	box[0].b = nbins;
	qbox_bounds(&box[0], bins, cnt);
	/* split the box with the largest sqrt(pixels) x longest side (the
	 * root keeps rare colours such as the best trial's red star apart), at
	 * the pixel median along that side */
	while (nbox > 0 && (size_t)nkeep + nbox < 256) {
		size_t best = nbox, a, b, cut;
		double score = 0, half, run = 0;
		int ch = 0, side = 0;
		uint32_t *sorted;
		size_t start[33] = { 0 };

		for (size_t i = 0; i < nbox; i++)
			for (int k = 0; k < 3; k++) {
				int len = box[i].hi[k] - box[i].lo[k];

				if (len > 0 && sqrt(box[i].n) * len > score) {
					score = sqrt(box[i].n) * len;
					best = i;
				}
			}
		if (best == nbox)
			break;		/* every box is one bin */
		for (int k = 0; k < 3; k++)
			if (box[best].hi[k] - box[best].lo[k] > side) {
				side = box[best].hi[k] - box[best].lo[k];
				ch = k;
			}
		/* counting sort of the box's bins along ch */
		a = box[best].a;
		b = box[best].b;
		memset(tmp, 0, sizeof(tmp));
		for (size_t i = a; i < b; i++)
			tmp[bin_ch(bins[i], ch)]++;
		for (int v = 0; v < 32; v++)
			start[v + 1] = start[v] + tmp[v];
		sorted = hp_calloc(b - a, sizeof(uint32_t));
		for (size_t i = a; i < b; i++)
			sorted[start[bin_ch(bins[i], ch)]++] = bins[i];
		memcpy(bins + a, sorted, (b - a) * sizeof(uint32_t));
		free(sorted);
		half = box[best].n / 2;
		for (cut = a; cut + 1 < b; cut++) {
			run += cnt[bins[cut]];
			if (run >= half)
				break;
		}
		/* cut between two values of ch, both halves non-empty */
		cut++;
		while (cut < b && bin_ch(bins[cut], ch) == bin_ch(bins[cut - 1], ch))
			cut++;
		if (cut == b) {
			cut = a + 1;
			while (bin_ch(bins[cut], ch) == bin_ch(bins[a], ch))
				cut++;
		}
		box[nbox].a = cut;
		box[nbox].b = b;
		box[best].b = cut;
		qbox_bounds(&box[best], bins, cnt);
		qbox_bounds(&box[nbox], bins, cnt);
		nbox++;
	}
	lut = hp_calloc(32768, sizeof(uint16_t));
	for (size_t i = 0; i < nbox; i++) {
		double s[3] = { 0, 0, 0 };
		size_t at = (size_t)nkeep + i;

		for (size_t j = box[i].a; j < box[i].b; j++) {
			lut[bins[j]] = (uint16_t)at;
			for (int k = 0; k < 3; k++)
				s[k] += (double)sum[3 * bins[j] + k];
		}
		for (int k = 0; k < 3; k++)
			pal[3 * at + k] = (unsigned char)lround(s[k] / box[i].n);
	}
	for (int y = 0; y < h; y++) {
		const uint32_t *px = (const uint32_t *)(const void *)(src + (size_t)y * (size_t)stride);
		uint32_t last = 0xffffffffu;
		unsigned char at = 0;

		for (int x = 0; x < w; x++) {
			uint32_t c = px[x] & 0xffffff;

			if (c != last) {
				uint32_t bin = bin_of(c);
				int kept = kbin[bin >> 3] & (1u << (bin & 7)) ? keep_find(kslot, keep, c) : -1;

				at = (unsigned char)(kept >= 0 ? kept : lut[bin]);
				last = c;
			}
			idx[(size_t)y * (size_t)w + (size_t)x] = at;
		}
	}
	free(lut);
	free(bins);
	free(sum);
	free(cnt);
	return nkeep + (int)nbox;
}

/*
 * The PNG of w x h pixels whose rows (each its filter byte, then the
 * pixels) are raw[rawlen]: colour type 3 (8-bit indexed) with pal[npal],
 * or 2 (8-bit RGB) when pal is NULL.  One IDAT compressed by libdeflate,
 * which at level 6 is both faster and smaller than zlib at level 2.
 */
static int
png_write(int w, int h, const unsigned char *pal, int npal, const unsigned char *raw,
    size_t rawlen, const struct rnd_png_meta *meta, struct hp_buf *out)
{
	unsigned char *z, hdr[13], phys[9];
	struct libdeflate_compressor *dc = libdeflate_alloc_compressor(6);
	uint32_t ppm = meta ? (uint32_t)lround(meta->dpi / 0.0254) : 0;
	size_t bound, zlen;

	if (dc == NULL)
		return -1;
	bound = libdeflate_zlib_compress_bound(dc, rawlen);
	z = hp_malloc(bound);
	zlen = libdeflate_zlib_compress(dc, raw, rawlen, z, bound);
	libdeflate_free_compressor(dc);
	if (zlen == 0) {
		free(z);
		return -1;
	}
	hp_buf_add(out, "\x89PNG\r\n\x1a\n", 8);
	for (int i = 0; i < 4; i++) {
		hdr[i] = (unsigned char)((uint32_t)w >> (24 - 8 * i));
		hdr[4 + i] = (unsigned char)((uint32_t)h >> (24 - 8 * i));
		phys[i] = phys[4 + i] = (unsigned char)(ppm >> (24 - 8 * i));
	}
	/* 8 bits a sample, indexed or RGB, no interlace */
	memcpy(hdr + 8, pal ? "\x08\x03\x00\x00\x00" : "\x08\x02\x00\x00\x00", 5);
	phys[8] = 1;					/* pixels per metre */
	png_chunk(out, "IHDR", hdr, sizeof(hdr));
	if (pal)
		png_chunk(out, "PLTE", pal, 3 * (size_t)npal);
	if (meta) {
		png_chunk(out, "pHYs", phys, sizeof(phys));
		png_text(out, "Title", meta->title);
		png_text(out, "Software", "hpreport " HP_VERSION);
		png_text(out, "Source", meta->source);
		png_text(out, "Study", meta->study);
		png_text(out, "Figure", meta->figure);
		png_text(out, "Description", meta->description);
	}
	png_chunk(out, "IDAT", z, zlen);
	png_chunk(out, "IEND", NULL, 0);
	free(z);
	return 0;
}

/* The palette of src (png_palette) and its indices as PNG rows into
 * raw[(w + 1) h]; returns the palette's size. */
static int
png_indexed_rows(const unsigned char *src, int w, int h, int stride, const uint32_t *keep,
    int nkeep, unsigned char pal[768], unsigned char *raw)
{
	size_t rowlen = (size_t)w + 1;
	/* indices first, then moved into rows behind their filter bytes */
	int npal = png_palette(src, w, h, stride, keep, nkeep, pal, raw + h);

	for (int y = 0; y < h; y++) {
		memmove(raw + (size_t)y * rowlen + 1, raw + h + (size_t)y * (size_t)w, (size_t)w);
		raw[(size_t)y * rowlen] = 0;
	}
	return npal;
}

int
rnd_png_encode_quantized(unsigned char *px, int w, int h, int stride, struct hp_buf *out)
{
	size_t rowlen = (size_t)w + 1;
	unsigned char pal[768], *raw;
	int npal, rc;

	if (w < 1 || h < 1)
		return -1;
	raw = hp_malloc(rowlen * (size_t)h);
	npal = png_indexed_rows(px, w, h, stride, NULL, 0, pal, raw);
	for (int y = 0; y < h; y++) {
		uint32_t *row = (uint32_t *)(void *)(px + (size_t)y * (size_t)stride);
		const unsigned char *in = raw + (size_t)y * rowlen + 1;

		for (int x = 0; x < w; x++) {
			const unsigned char *c = pal + 3 * in[x];

			row[x] = 0xff000000u | (uint32_t)c[0] << 16 | (uint32_t)c[1] << 8 | c[2];
		}
	}
	rc = png_write(w, h, pal, npal, raw, rowlen * (size_t)h, NULL, out);
	free(raw);
	return rc;
}

/*
 * Indexed PNG by hand (png_palette), or RGB when meta asks for exact
 * colour: rows without filters (plots are flat areas and antialiased
 * edges, where filters make deflate's matches shorter).
 */
int
rnd_png_encode(const unsigned char *src, int w, int h, int stride,
    const struct rnd_png_meta *meta, struct hp_buf *out)
{
	int rgb = meta && meta->exact;
	size_t rowlen = (size_t)w * (rgb ? 3 : 1) + 1, rawlen = rowlen * (size_t)h;
	unsigned char *raw, pal[768];
	int npal = 0, rc;

	if (w < 1 || h < 1)
		return -1;
	raw = hp_malloc(rawlen);
	if (rgb)
		for (int y = 0; y < h; y++) {
			const uint32_t *px = (const uint32_t *)(const void *)(src + (size_t)y * (size_t)stride);
			unsigned char *o = raw + (size_t)y * rowlen;

			*o++ = 0;
			for (int x = 0; x < w; x++) {
				*o++ = (unsigned char)(px[x] >> 16);
				*o++ = (unsigned char)(px[x] >> 8);
				*o++ = (unsigned char)px[x];
			}
		}
	else
		npal = png_indexed_rows(src, w, h, stride, meta ? meta->keep : NULL,
		    meta ? meta->nkeep : 0, pal, raw);
	rc = png_write(w, h, rgb ? NULL : pal, npal, raw, rawlen, meta, out);
	free(raw);
	return rc;
}
