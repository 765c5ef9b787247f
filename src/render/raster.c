/*
 * raster: drawing straight into the pixels of an image surface where
 * Cairo's general path machinery is too slow for thousands of marks.
 * Markers on an image are stamped from pre-rendered sprites (one per
 * colour), or on a raster layer (layers.c) combined from two coverage
 * masks per mark; thin solid lines on a raster layer are drawn by a small
 * scan converter of our own (raster_segment), batched band by band.
 * Vector surfaces get plain Cairo paths (rnd_draw_points_on).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/pool.h"
#include "internal.h"

/* Direct access to the pixels of an ARGB32 image surface. */
struct praster {
	unsigned char	*px;
	int		 w, h, stride;
	double		 a;		/* the lines' opacity */
	uint32_t	 srb, sag;	/* their colour's red and blue, alpha
					   and green, in 16-bit fields */
	float		*acc;		/* NULL, or coverage of a band's rows [w each] */
	int		*ax0, *ax1;	/* columns of acc touched per row */
};

static void
praster_of(struct praster *ras, cairo_surface_t *t)
{
	cairo_surface_flush(t);
	ras->px = cairo_image_surface_get_data(t);
	ras->w = cairo_image_surface_get_width(t);
	ras->h = cairo_image_surface_get_height(t);
	ras->stride = cairo_image_surface_get_stride(t);
}

/*
 * Markers on an image surface are stamped from small pre-rendered sprites,
 * one per distinct colour (8 bits a channel): stroking thousands of tiny
 * paths dominated the time of scatter matrices.  Centres snap to whole
 * device pixels, at most half a pixel away.
 */
#define SPRITE_SLOTS 4096

struct sprite_cache {
	uint32_t	 key[SPRITE_SLOTS];
	cairo_surface_t	*img[SPRITE_SLOTS];
	int		 half;		/* sprite is (2 half + 1) pixels square */
	double		 scale;		/* device pixels per user unit */
};

static uint32_t
rgba_key(struct fig_rgba c)
{
	return (uint32_t)lround(c.r * 255) << 24 | (uint32_t)lround(c.g * 255) << 16 |
	    (uint32_t)lround(c.b * 255) << 8 | (uint32_t)lround(c.a * 255);
}

static cairo_surface_t *
sprite_get(struct sprite_cache *sc, const struct fig_mark *m, struct fig_rgba fill)
{
	uint32_t k = rgba_key(fill), h = (k * 2654435761u) % SPRITE_SLOTS;
	int side = 2 * sc->half + 1;
	cairo_t *c2;

	for (size_t probe = 0; probe < SPRITE_SLOTS; probe++, h = (h + 1) % SPRITE_SLOTS) {
		if (sc->img[h] && sc->key[h] == k)
			return sc->img[h];
		if (sc->img[h] == NULL)
			break;
	}
	if (sc->img[h] != NULL)		/* full: reuse the slot */
		cairo_surface_destroy(sc->img[h]);
	sc->key[h] = k;
	sc->img[h] = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, side, side);
	c2 = cairo_create(sc->img[h]);
	cairo_translate(c2, sc->half + 0.5, sc->half + 0.5);
	cairo_scale(c2, sc->scale, sc->scale);
	cairo_set_line_width(c2, m->stroke_width > 0 ? m->stroke_width : 0.5);
	cairo_set_line_join(c2, CAIRO_LINE_JOIN_MITER);
	rnd_marker_path(c2, m, 0, 0, fill);
	cairo_destroy(c2);
	return sc->img[h];
}

/*
 * On a raster layer a marker is two coverage masks drawn once per mark,
 * fill and outline, combined with each point's colour as Cairo would
 * (outline over fill, then over the layer): no sprite per colour.
 */
struct marker_masks {
	int		 half, side;
	float		*P;		/* [side^2][4] outline part, premultiplied, 0..255 */
	float		*B;		/* [side^2] fill weight: F (1 - S stroke alpha) */
	int		*x0, *x1;	/* [side] covered columns of each row */
};

static cairo_surface_t *
marker_mask(const struct fig_mark *m, int half, double scale, int stroke)
{
	int side = 2 * half + 1;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, side, side);
	cairo_t *c = cairo_create(s);

	cairo_translate(c, half + 0.5, half + 0.5);
	cairo_scale(c, scale, scale);
	cairo_set_line_width(c, m->stroke_width > 0 ? m->stroke_width : 0.5);
	cairo_set_line_join(c, CAIRO_LINE_JOIN_MITER);
	cairo_new_path(c);
	rnd_shape_path(c, m->shape, 0, 0, m->size);
	if (stroke)
		cairo_stroke(c);
	else
		cairo_fill(c);
	cairo_destroy(c);
	cairo_surface_flush(s);
	return s;
}

static void
marker_masks_init(struct marker_masks *mm, const struct fig_mark *m, int half,
    double scale)
{
	cairo_surface_t *fs = marker_mask(m, half, scale, 0);
	cairo_surface_t *ss = m->stroke.a > 0 ? marker_mask(m, half, scale, 1) : NULL;
	const unsigned char *fp = cairo_image_surface_get_data(fs);
	const unsigned char *sp = ss ? cairo_image_surface_get_data(ss) : NULL;
	int fst = cairo_image_surface_get_stride(fs), sst = ss ? cairo_image_surface_get_stride(ss) : 0;
	double sc[4] = { m->stroke.b, m->stroke.g, m->stroke.r, 1 };
	int side = 2 * half + 1;

	mm->half = half;
	mm->side = side;
	mm->P = hp_calloc((size_t)side * (size_t)side * 4, sizeof(float));
	mm->B = hp_calloc((size_t)side * (size_t)side, sizeof(float));
	mm->x0 = hp_calloc((size_t)side, sizeof(int));
	mm->x1 = hp_calloc((size_t)side, sizeof(int));
	for (int y = 0; y < side; y++) {
		mm->x0[y] = side;
		mm->x1[y] = -1;
		for (int x = 0; x < side; x++) {
			double F = fp[y * fst + x] / 255.0, S = sp ? sp[y * sst + x] / 255.0 : 0;
			double sa = S * m->stroke.a;
			size_t i = (size_t)y * (size_t)side + (size_t)x;

			if (F == 0 && S == 0)
				continue;
			if (x < mm->x0[y])
				mm->x0[y] = x;
			mm->x1[y] = x;
			/* outline over fill: out = S cs + F cf (1 - S as) */
			for (int c = 0; c < 4; c++)
				mm->P[4 * i + (size_t)c] = (float)(sa * sc[c] * 255);
			mm->B[i] = (float)(F * (1 - sa));
		}
	}
	cairo_surface_destroy(fs);
	if (ss)
		cairo_surface_destroy(ss);
}

static void
marker_masks_release(struct marker_masks *mm)
{
	free(mm->P);
	free(mm->B);
	free(mm->x0);
	free(mm->x1);
}

static void
blit_marker(const struct praster *ras, const struct marker_masks *mm, int x0, int y0,
    struct fig_rgba fill)
{
	float fc[4] = { (float)(fill.b * fill.a * 255), (float)(fill.g * fill.a * 255),
	    (float)(fill.r * fill.a * 255), (float)(fill.a * 255) };

	for (int y = 0; y < mm->side; y++) {
		int xa = mm->x0[y], xb = mm->x1[y];
		uint32_t *d;

		if (y0 + y < 0 || y0 + y >= ras->h || xb < xa)
			continue;
		if (x0 + xa < 0)
			xa = -x0;
		if (x0 + xb >= ras->w)
			xb = ras->w - 1 - x0;
		d = (uint32_t *)(void *)(ras->px + (size_t)(y0 + y) * (size_t)ras->stride) + x0;
		for (int x = xa; x <= xb; x++) {
			size_t i = (size_t)y * (size_t)mm->side + (size_t)x;
			const float *P = &mm->P[4 * i];
			float B = mm->B[i], k = 1 - (P[3] + B * fc[3]) * (1.0f / 255);
			uint32_t dv = d[x], out = 0;

			for (int c = 0; c < 4; c++) {
				float v = P[c] + B * fc[c] + (float)((dv >> (8 * c)) & 255) * k;

				out |= (uint32_t)(v >= 255 ? 255 : v + 0.5f) << (8 * c);
			}
			d[x] = out;
		}
	}
}

void
rnd_draw_points_on(cairo_t *cr, const struct fig *f, const struct fig_panel *p,
    const struct rnd_rect *pr, const struct fig_mark *m, int raw)
{
	struct praster ras;
	struct marker_masks mm;

	double sw = m->stroke_width > 0 ? m->stroke_width : 0.5;
	int image = cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE;
	struct sprite_cache *sc = NULL;

	cairo_set_line_width(cr, sw);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
	cairo_set_dash(cr, NULL, 0, 0);
	if (image && m->n > 32) {
		double dx = 1, dy = 0;

		sc = hp_calloc(1, sizeof(*sc));
		cairo_user_to_device_distance(cr, &dx, &dy);
		sc->scale = hypot(dx, dy);
		sc->half = (int)ceil((m->size * 1.7 / 2 + sw) * sc->scale) + 1;
	}
	memset(&ras, 0, sizeof(ras));
	memset(&mm, 0, sizeof(mm));
	if (raw && sc) {	/* a raster layer: no clip but its edges */
		praster_of(&ras, cairo_get_target(cr));
		marker_masks_init(&mm, m, sc->half, sc->scale);
	}
	for (size_t i = 0; i < m->n; i++) {
		double x = rnd_map_x(p, pr, m->x[i]), y = rnd_map_y(p, pr, m->y[i]);
		struct fig_rgba fill;

		if (!isfinite(x) || !isfinite(y))
			continue;
		fill = rnd_mark_color(f, m, m->c ? m->c[i] : NAN);
		if (sc == NULL) {
			rnd_marker_path(cr, m, x, y, fill);
			continue;
		}
		cairo_user_to_device(cr, &x, &y);
		if (raw) {
			blit_marker(&ras, &mm, (int)floor(x) - sc->half,
			    (int)floor(y) - sc->half, fill);
			continue;
		}
		cairo_save(cr);
		cairo_identity_matrix(cr);
		cairo_set_source_surface(cr, sprite_get(sc, m, fill),
		    floor(x) - sc->half, floor(y) - sc->half);
		cairo_paint(cr);
		cairo_restore(cr);
	}
	if (raw && sc) {
		cairo_surface_mark_dirty(cairo_get_target(cr));
		marker_masks_release(&mm);
	}
	if (sc) {
		for (size_t i = 0; i < SPRITE_SLOTS; i++)
			if (sc->img[i])
				cairo_surface_destroy(sc->img[i]);
		free(sc);
	}
}

/*
 * Thin solid lines on a raster layer, drawn straight into its pixels.
 * Cairo's stroker costs about a millisecond for a line crossing a large
 * plot area (it scans the line's whole bounding box), which made a
 * parallel-coordinates plot of a few thousand trials take a second.  Here
 * each segment visits only the pixels within its half-width plus one:
 * coverage falls off linearly from the centre line (a box filter), ends of
 * a polyline are round, and a pixel near a joint is drawn once, by the
 * segment of the two that it is nearer (the earlier on a tie), with that
 * segment's coverage: the larger of the two, as a stroke with round joins
 * would cover it.  So translucent lines neither darken where the segments
 * overlap inside a turn nor lose the round tip outside it.
 */

/* Segments waiting to be drawn, in order: drawn band by band of rows so
 * that a band of the layer stays in the cache while all lines cross it. */
struct pseg {
	double		 ax, ay, bx, by, hw;
	int		 caps;		/* 1: round start, 2: round end */
	int		 joints;	/* 1: joint at a with p-a, 2: at b with b-n */
	double		 px, py, nx, ny;	/* the neighbours' far ends */
	struct fig_rgba	 col;
	size_t		 mark;		/* which mark (a running count) */
	int		 uni;		/* the mark has several runs: one coverage */
};

struct rnd_segbatch {
	struct pseg	*v;
	size_t		 n, cap;
	size_t		 marks;		/* marks batched so far */
};

#define BAND_ROWS 32
#define PARALLEL_SEGS 4096	/* batches this long are drawn on several threads */

struct rnd_segbatch *
rnd_segbatch_new(void)
{
	return hp_calloc(1, sizeof(struct rnd_segbatch));
}

void
rnd_segbatch_free(struct rnd_segbatch *sb)
{
	if (sb == NULL)
		return;
	free(sb->v);
	free(sb);
}

/* Blends the lines' colour over pixel x, y with coverage cov (0..1), in
 * steps of 1/256 of opacity, as Cairo's image compositor does. */
static inline void
blend_px(const struct praster *pr, int x, int y, double cov)
{
	uint32_t *d = (uint32_t *)(void *)(pr->px + (size_t)y * (size_t)pr->stride) + x;
	uint32_t a = (uint32_t)(pr->a * cov * 256 + 0.5), na = 256 - a, v = *d;

	/* two channels at a time in 16-bit fields: v na + s a <= 255 x 256 */
	*d = ((((v & 0x00ff00ffu) * na + pr->srb * a + 0x00800080u) >> 8) & 0x00ff00ffu) |
	    ((((v >> 8) & 0x00ff00ffu) * na + pr->sag * a + 0x00800080u) & 0xff00ff00u);
}

/* floor(v) as an int, v clamped to +-1e9 (a vertex far off the layer):
 * without SSE4.1 floor() is a call, once per column of every segment */
static inline int
ifloor(double v)
{
	int i = (int)(v < -1e9 ? -1e9 : v > 1e9 ? 1e9 : v);

	return i - (v < i);
}

/* Squared distance from q to segment a-b (len2 = |b - a|^2 > 0, inv =
 * 1 / len2), and in *t where q projects onto its line (0 at a, 1 at b).
 * The two segments at a joint compute the distance of a pixel to each
 * other with these same operations, so that ties come out as ties. */
static inline double
seg_d2(double ax, double ay, double bx, double by, double inv, double qx,
    double qy, double *t)
{
	double dx = bx - ax, dy = by - ay, ex, ey;

	*t = ((qx - ax) * dx + (qy - ay) * dy) * inv;
	if (*t <= 0) {
		ex = ax - qx;
		ey = ay - qy;
	} else if (*t >= 1) {
		ex = bx - qx;
		ey = by - qy;
	} else {
		ex = ax + *t * dx - qx;
		ey = ay + *t * dy - qy;
	}
	return ex * ex + ey * ey;
}

/* How far from a joint along a segment (in pixels) a pixel within reach
 * of it may be nearer the neighbour: the two strips of half-width reach
 * overlap that far inside a turn of angle tau, reach tan(tau / 2), and
 * the round join reaches reach; u, w are the directions before and after. */
static double
joint_span(double ux, double uy, double wx, double wy, double reach)
{
	double nu = hypot(ux, uy), nw = hypot(wx, wy), c, sn;

	if (!(nu > 0) || !(nw > 0))
		return INFINITY;
	c = (ux * wx + uy * wy) / (nu * nw);
	sn = fabs(ux * wy - uy * wx) / (nu * nw);
	if (1 + c < 1e-9)
		return INFINITY;	/* the line turns back on itself */
	return reach * (1 + sn / (1 + c)) + 1;
}

/* Segment g within rows band0..band1: round ends where g->caps says;
 * a joint shares its pixels with the neighbour as the comment above says. */
static void
raster_segment(const struct praster *pr, const struct pseg *g, int band0, int band1)
{
	double ax = g->ax, ay = g->ay, bx = g->bx, by = g->by;
	double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
	double reach = g->hw + 0.5, reach2 = reach * reach, inv, slope, half;
	double lo, hi, u0, u1, near0 = -INFINITY, near1 = INFINITY;
	double invp = 0, invn = 0, cosine, tlo, thi, umin, umax;
	int steep = fabs(dy) >= fabs(dx), lim = steep ? band1 : pr->w;
	int limv = steep ? pr->w : band1, first = steep ? band0 : 0;
	int cap0 = g->caps & 1, cap1 = (g->caps & 2) != 0;
	int j0 = g->joints & 1, j1 = (g->joints & 2) != 0;

	if (len2 < 1e-12)
		return;
	inv = 1 / len2;
	/* the parts of the segment where a neighbour may be nearer */
	if (j0) {
		double ex = ax - g->px, ey = ay - g->py;

		near0 = joint_span(ex, ey, dx, dy, reach) / sqrt(len2);
		invp = 1 / (ex * ex + ey * ey);
	}
	if (j1) {
		double ex = g->nx - bx, ey = g->ny - by;

		near1 = 1 - joint_span(dx, dy, ex, ey, reach) / sqrt(len2);
		invn = 1 / (ex * ex + ey * ey);
	}
	/* walk the major axis; across it, the pixels within reach of the line */
	if (steep) {
		slope = dx / dy;
		u0 = ay;
		u1 = by;
	} else {
		slope = dy / dx;
		u0 = ax;
		u1 = bx;
	}
	half = reach * sqrt(1 + slope * slope);
	cosine = 1 / sqrt(1 + slope * slope);
	umin = fmin(u0, u1);
	umax = fmax(u0, u1);
	lo = umin - reach;
	hi = umax + reach;
	if (!steep && slope != 0) {
		/* only the columns where the line is within reach of the band:
		 * a shallow line crossing many bands was walked whole in each */
		double m = half + reach + 2;
		double ua = ax + (band0 - m - ay) / slope, ub = ax + (band1 + m - ay) / slope;

		lo = fmax(lo, fmin(ua, ub));
		hi = fmin(hi, fmax(ua, ub));
	} else if (!steep && (ay + half + reach + 2 < band0 || ay - half - reach - 2 > band1))
		return;
	if (!(lo <= hi))
		return;
	if (floor(lo) > first)
		first = (int)floor(lo);
	if (ceil(hi) < lim)
		lim = (int)ceil(hi) + 1;
	for (int u = first; u < lim; u++) {
		double uc = u + 0.5, vc, h = half;
		int v0, v1;

		vc = steep ? ax + (uc - ay) * slope : ay + (uc - ax) * slope;
		if (uc < umin || uc > umax)
			h += reach;	/* past an end: the round cap or join */
		v0 = ifloor(vc - h);
		v1 = -ifloor(-(vc + h));	/* ceil */
		if (v0 < (steep ? 0 : band0))
			v0 = steep ? 0 : band0;
		if (v1 >= limv)
			v1 = limv - 1;
		if (v1 < v0)
			continue;
		/* t is linear along the column: at its two ends are its bounds */
		{
			double pa = v0 + 0.5, pb = v1 + 0.5, ta, tb;

			ta = steep ? ((pa - ax) * dx + (uc - ay) * dy) * inv :
			    ((uc - ax) * dx + (pa - ay) * dy) * inv;
			tb = steep ? ((pb - ax) * dx + (uc - ay) * dy) * inv :
			    ((uc - ax) * dx + (pb - ay) * dy) * inv;
			tlo = ta < tb ? ta : tb;
			thi = ta < tb ? tb : ta;
		}
		if (tlo > 1e-9 && thi < 1 - 1e-9 && tlo >= near0 && thi <= near1 &&
		    !pr->acc) {
			/* the whole column is beside the segment, away from its
			 * ends and joints: the distance is the perpendicular one */
			for (int v = v0; v <= v1; v++) {
				double d = fabs(v + 0.5 - vc) * cosine, cov;

				if (d >= reach)
					continue;
				cov = reach - d;
				if (steep)
					blend_px(pr, v, u, cov > 1 ? 1 : cov);
				else
					blend_px(pr, u, v, cov > 1 ? 1 : cov);
			}
			continue;
		}
		for (int v = v0; v <= v1; v++) {
			int x = steep ? v : u, y = steep ? u : v;
			double px = x + 0.5, py = y + 0.5, t, tn, d2, cov;

			d2 = seg_d2(ax, ay, bx, by, inv, px, py, &t);
			if ((t < 0 && !cap0 && !j0) || (t >= 1 && !cap1 && !j1))
				continue;
			if (d2 >= reach2)
				continue;
			/* near a joint: the nearer segment draws it, the earlier
			 * on a tie */
			if (t < near0 && seg_d2(g->px, g->py, ax, ay, invp, px, py, &tn) <= d2)
				continue;
			if (t > near1 && seg_d2(bx, by, g->nx, g->ny, invn, px, py, &tn) < d2)
				continue;
			cov = reach - sqrt(d2);
			cov = cov > 1 ? 1 : cov;
			if (pr->acc) {	/* one stroke of many lines: coverage is the max */
				float *a = &pr->acc[(size_t)(y - band0) * (size_t)pr->w + (size_t)x];

				if (cov > *a)
					*a = (float)cov;
				if (x < pr->ax0[y - band0])
					pr->ax0[y - band0] = x;
				if (x > pr->ax1[y - band0])
					pr->ax1[y - band0] = x;
			} else
				blend_px(pr, x, y, cov);
		}
	}
}

/* The colour lines are blended in, straight. */
static void
set_colour(struct praster *ras, struct fig_rgba c)
{
	ras->a = c.a;
	ras->srb = (uint32_t)lround(c.r * 255) << 16 | (uint32_t)lround(c.b * 255);
	ras->sag = 255u << 16 | (uint32_t)lround(c.g * 255);
}

/* Blends the coverage gathered in ras->acc for rows b0.. and clears it. */
static void
union_flush(struct praster *ras, int b0, int b1)
{
	for (int y = b0; y < b1; y++) {
		float *a = &ras->acc[(size_t)(y - b0) * (size_t)ras->w];

		for (int x = ras->ax0[y - b0]; x <= ras->ax1[y - b0]; x++)
			if (a[x] > 0) {
				blend_px(ras, x, y, a[x]);
				a[x] = 0;
			}
		ras->ax0[y - b0] = ras->w;
		ras->ax1[y - b0] = -1;
	}
}

/* The bands of one flush: each is drawn by flush_band, on whichever
 * thread of the pool takes it (a band writes only its own rows). */
struct band_work {
	const struct rnd_segbatch *sb;
	struct praster	 ras;		/* the layer's pixels */
};

/* Draws the waiting segments crossing band i (rows i BAND_ROWS ..), in
 * their order. */
static void
flush_band(void *arg, size_t i)
{
	const struct band_work *bw = arg;
	const struct rnd_segbatch *sb = bw->sb;
	struct praster ras = bw->ras;
	int b0 = (int)i * BAND_ROWS, b1 = b0 + BAND_ROWS < ras.h ? b0 + BAND_ROWS : ras.h;
	const struct pseg *pending = NULL;	/* a mark whose coverage waits */
	float *acc = NULL;			/* made when a mark needs it */
	int ax[2 * BAND_ROWS];

	ras.ax0 = ax;
	ras.ax1 = ax + BAND_ROWS;
	for (int k = 0; k < BAND_ROWS; k++) {
		ras.ax0[k] = ras.w;
		ras.ax1[k] = -1;
	}
	for (size_t j = 0; j < sb->n; j++) {
		const struct pseg *g = &sb->v[j];
		double reach = g->hw + 1;

		if (pending && pending->mark != g->mark) {
			set_colour(&ras, pending->col);
			union_flush(&ras, b0, b1);
			pending = NULL;
		}
		if (fmax(g->ay, g->by) + reach < b0 || fmin(g->ay, g->by) - reach > b1)
			continue;
		if (g->uni && acc == NULL)
			acc = hp_calloc((size_t)BAND_ROWS * (size_t)ras.w, sizeof(float));
		set_colour(&ras, g->col);
		ras.acc = g->uni ? acc : NULL;
		if (g->uni)
			pending = g;
		raster_segment(&ras, g, b0, b1);
	}
	if (pending) {
		set_colour(&ras, pending->col);
		union_flush(&ras, b0, b1);
	}
	free(acc);
}

/* Draws the waiting segments, band by band (in parallel on r->pool's
 * free threads: the same pixels on any number), each in their order. */
void
rnd_batch_flush(struct rnd_rctx *r)
{
	struct rnd_segbatch *sb = r->batch;
	cairo_surface_t *t = cairo_get_target(r->cr);
	struct band_work bw;

	if (sb == NULL || sb->n == 0)
		return;
	memset(&bw, 0, sizeof(bw));
	bw.sb = sb;
	praster_of(&bw.ras, t);
	/* a thread costs more than a few thousand segments take */
	hp_pool_for(sb->n >= PARALLEL_SEGS ? r->pool : NULL,
	    (size_t)(bw.ras.h + BAND_ROWS - 1) / BAND_ROWS, flush_band, &bw);
	cairo_surface_mark_dirty(t);
	sb->n = 0;
}

/* Draws line m with raster_segment when it suits: a solid, thin line on
 * a raster layer.  Returns 0 when it did not (cairo draws it). */
int
rnd_draw_line_fast(struct rnd_rctx *r, const struct fig_panel *p, const struct rnd_rect *pr,
    const struct fig_mark *m)
{
	cairo_surface_t *t = cairo_get_target(r->cr);
	struct rnd_segbatch *sb = r->batch;
	struct fig_rgba col;
	double lw = m->size > 0 ? m->size : 1, ux = 1, uy = 0, hw, *vx, *vy;
	size_t i = 0;
	int uni = 0;

	if (sb == NULL || m->step || m->dash || m->n < 2 ||
	    cairo_surface_get_type(t) != CAIRO_SURFACE_TYPE_IMAGE ||
	    cairo_image_surface_get_format(t) != CAIRO_FORMAT_ARGB32)
		return 0;
	cairo_user_to_device_distance(r->cr, &ux, &uy);
	hw = lw * hypot(ux, uy) / 2;
	if (hw > 1.6)
		return 0;
	col = rnd_mark_color(r->f, m, m->c ? m->c[0] : NAN);
	for (size_t k = 0; k < m->n && !uni; k++)
		uni = !isfinite(rnd_map_x(p, pr, m->x[k])) || !isfinite(rnd_map_y(p, pr, m->y[k]));
	sb->marks++;
	vx = hp_calloc(2 * m->n, sizeof(double));
	vy = vx + m->n;
	while (i < m->n) {
		size_t j = i, nv = 0;

		/* one run of finite vertices, NaN breaks the line; in device
		 * space, without repeats (a joint needs two real segments) */
		while (j < m->n && isfinite(rnd_map_x(p, pr, m->x[j])) &&
		    isfinite(rnd_map_y(p, pr, m->y[j]))) {
			double x = rnd_map_x(p, pr, m->x[j]), y = rnd_map_y(p, pr, m->y[j]);

			cairo_user_to_device(r->cr, &x, &y);
			if (nv == 0 || (x - vx[nv - 1]) * (x - vx[nv - 1]) +
			    (y - vy[nv - 1]) * (y - vy[nv - 1]) >= 1e-12) {
				vx[nv] = x;
				vy[nv++] = y;
			}
			j++;
		}
		for (size_t k = 0; k + 1 < nv; k++) {
			struct pseg *g;

			if (sb->n == sb->cap) {
				sb->cap = sb->cap ? 2 * sb->cap : 256;
				sb->v = hp_reallocarray(sb->v, sb->cap, sizeof(*sb->v));
			}
			g = &sb->v[sb->n++];
			g->ax = vx[k];
			g->ay = vy[k];
			g->bx = vx[k + 1];
			g->by = vy[k + 1];
			g->hw = hw;
			/* one coverage for the whole mark: every end is round */
			g->caps = uni ? 3 : (k == 0 ? 1 : 0) | (k + 2 == nv ? 2 : 0);
			g->joints = uni ? 0 : (k > 0 ? 1 : 0) | (k + 2 < nv ? 2 : 0);
			g->px = k > 0 ? vx[k - 1] : 0;
			g->py = k > 0 ? vy[k - 1] : 0;
			g->nx = k + 2 < nv ? vx[k + 2] : 0;
			g->ny = k + 2 < nv ? vy[k + 2] : 0;
			g->col = col;
			g->mark = sb->marks;
			g->uni = uni;
		}
		i = j + 1;
	}
	free(vx);
	return 1;
}
