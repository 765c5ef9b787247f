/*
 * ticks: where the ticks of an axis go and what they say (figure.h).
 *
 * Linear axes get "nice" steps of 1, 2 or 5 times a power of ten, the
 * smallest such step that leaves at most `max_major` ticks (at least 1 on
 * integer axes).  Log axes get a major tick per decade and minor ticks at
 * 2..9; a narrow log range labels 2 and 5 too (or 3, when 2 and 5 do not
 * fit into two decades), and falls back to nice linear positions when even
 * that leaves too few labels; a wide one labels every k-th decade, k one
 * of 1, 2, 3, 5, 10, 20, 50, 100 ...  Integer log axes of a few decades
 * (batch sizes, layer widths) get powers of two.  Categorical axes get one tick per
 * category; when their labels do not all fit, fig_cat_ticks_thin keeps
 * the ones that matter (the best trial's choice, the most sampled).  An axis with a "none" slot (conditional params) gets a tick
 * "none" there and the ticks of its data range beside it.
 *
 * Labels are built from integers (never printf's %f/%g), so the decimal
 * point is '.' whatever the locale, there is never a "-0", and a negative
 * number takes a minus sign (U+2212), not a hyphen.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/figure.h"

#define EPS 1e-9
#define MINUS "\u2212"	/* a minus sign, never a hyphen, before numbers */

static void
push(struct fig_ticks *t, size_t *cap, double v, int major, const char *label)
{
	struct fig_tick *k;

	hp_grow(&t->v, cap, t->n + 1, sizeof(*t->v));
	k = &t->v[t->n++];
	k->v = v;
	k->major = major;
	snprintf(k->label, sizeof(k->label), "%s", label ? label : "");
}

/* Writes |scaled| / 10^dec with a '.' (trailing zeros dropped) after sign. */
static void
fmt_scaled(char *buf, size_t n, long long scaled, int dec)
{
	char digits[32], out[48];
	unsigned long long u;
	size_t len, o = 0;
	int neg = scaled < 0;

	u = neg ? (unsigned long long)(-(scaled + 1)) + 1 : (unsigned long long)scaled;
	while (dec > 0 && u % 10 == 0 && u != 0) {
		u /= 10;
		dec--;
	}
	if (u == 0) {
		snprintf(buf, n, "0");
		return;
	}
	snprintf(digits, sizeof(digits), "%llu", u);
	len = strlen(digits);
	if (neg) {
		memcpy(out + o, MINUS, sizeof(MINUS) - 1);
		o += sizeof(MINUS) - 1;
	}
	if ((size_t)dec >= len) {		/* 0.00ddd */
		out[o++] = '0';
		out[o++] = '.';
		for (size_t i = len; i < (size_t)dec; i++)
			out[o++] = '0';
		memcpy(out + o, digits, len);
		o += len;
	} else {
		memcpy(out + o, digits, len - (size_t)dec);
		o += len - (size_t)dec;
		if (dec > 0) {
			out[o++] = '.';
			memcpy(out + o, digits + len - (size_t)dec, (size_t)dec);
			o += (size_t)dec;
		}
	}
	out[o] = '\0';
	snprintf(buf, n, "%s", out);
}

/* Plain decimal with `dec` decimals (trailing zeros dropped). */
static void
fmt_fixed(char *buf, size_t n, double v, int dec)
{
	if (dec < 0)
		dec = 0;
	fmt_scaled(buf, n, llround(v * pow(10, dec)), dec);
}

/* Appends the exponent e in superscript digits ("⁻¹²"). */
static void
put_sup(char *buf, size_t n, int e)
{
	static const char *const sup[10] = { "\u2070", "\u00b9", "\u00b2",
	    "\u00b3", "\u2074", "\u2075", "\u2076", "\u2077", "\u2078", "\u2079" };
	char d[16];
	size_t len = strlen(buf);

	snprintf(d, sizeof(d), "%d", e < 0 ? -e : e);
	if (e < 0)
		len += (size_t)snprintf(buf + len, len < n ? n - len : 0, "\u207b");
	for (const char *c = d; *c; c++)
		len += (size_t)snprintf(buf + len, len < n ? n - len : 0, "%s",
		    sup[*c - '0']);
}

/* "10⁻⁴" for 10^e. */
static void
fmt_pow10(char *buf, size_t n, int e)
{
	snprintf(buf, n, "10");
	put_sup(buf, n, e);
}

/*
 * Scientific: "2.5×10⁶", "10⁻⁵" (a mantissa of 1 is left out);
 * `unit` is the power of ten of the smallest difference that must show
 * (the step), which fixes the digits of the mantissa.
 */
static void
fmt_sci(char *buf, size_t n, double v, int unit, int bare1)
{
	char m[40];
	int e, dec;
	double mant;

	if (v == 0 || !isfinite(v)) {
		snprintf(buf, n, "%s", v == 0 ? "0" : isnan(v) ? "nan" :
		    v > 0 ? "inf" : MINUS "inf");
		return;
	}
	e = (int)floor(log10(fabs(v)));
	mant = v / pow(10, e);
	dec = e - unit;
	if (dec < 0)
		dec = 0;
	if (dec > 12)
		dec = 12;
	/* rounding can carry the mantissa to 10 */
	if (fabs(llround(mant * pow(10, dec)) / pow(10, dec)) >= 10) {
		e++;
		mant = v / pow(10, e);
	}
	fmt_fixed(m, sizeof(m), mant, dec);
	if (e == 0)
		snprintf(buf, n, "%s", m);
	else if (bare1 && (strcmp(m, "1") == 0 || strcmp(m, MINUS "1") == 0)) {
		snprintf(buf, n, "%s", m[0] != '1' ? MINUS : "");
		strncat(buf, "10", n - strlen(buf) - 1);
		put_sup(buf, n, e);
	} else {
		snprintf(buf, n, "%s\u00d710", m);
		put_sup(buf, n, e);
	}
}

char *
fig_fmt_value(char *buf, size_t n, double v)
{
	char g[40], *e, *c;
	const char *minus = v < 0 ? MINUS : "";

	if (isnan(v)) {
		snprintf(buf, n, "nan");
		return buf;
	}
	if (isinf(v)) {
		snprintf(buf, n, "%sinf", minus);
		return buf;
	}
	snprintf(g, sizeof(g), "%.4g", fabs(v));
	if ((c = strchr(g, ',')) != NULL)	/* never a decimal comma */
		*c = '.';
	if ((e = strchr(g, 'e')) == NULL) {
		snprintf(buf, n, "%s%s", minus, g);
		return buf;
	}
	*e = '\0';
	/* "1.235e+06" as tick labels write it: "1.235×10⁶", "10⁻⁵" */
	snprintf(buf, n, "%s%s%s10", minus, strcmp(g, "1") ? g : "",
	    strcmp(g, "1") ? "\u00d7" : "");
	put_sup(buf, n, atoi(e + 1));
	return buf;
}

static int
floor_log10(double v)
{
	return (int)floor(log10(v) + EPS);
}

/* The smallest 1-2-5 step that fits at most max_major ticks into [lo, hi]. */
static double
nice_step(double lo, double hi, int max_major, int integer)
{
	static const double mult[] = { 1, 2, 5 };
	double span = hi - lo, step = span;
	int e;

	/* callers pass a finite span of normal numbers (fig_axis_ticks,
	 * fig_range); anything else gets the span itself, never a loop
	 * that cannot end */
	if (!(span > 0) || !isfinite(span) || max_major < 1)
		return span > 0 && isfinite(span) ? span : 1;
	e = (int)floor(log10(span / max_major)) - 1;
	/* an integer axis may start 300 decades below 1; 700 tries cover
	 * every decade of a double */
	for (int tries = 0; tries < 700; tries++, e++) {
		for (int i = 0; i < 3; i++) {
			double k0, k1;

			step = mult[i] * pow(10, e);
			if (integer && step < 1)
				continue;
			if (!isfinite(step))
				return span;
			k0 = ceil(lo / step - EPS);
			k1 = floor(hi / step + EPS);
			if (k1 - k0 + 1 <= max_major)
				return step;
		}
	}
	return span;
}

static void
linear_ticks(double lo, double hi, int max_major, int integer,
    struct fig_ticks *t, size_t *cap)
{
	double step = nice_step(lo, hi, max_major, integer), amax = 0;
	double k0 = ceil(lo / step - EPS), k1 = floor(hi / step + EPS);
	int unit, sci;
	char buf[48];

	/* a step that leaves one tick inside (5×10⁻⁴ on 1e-5..9e-4) tells
	 * nothing: the next finer one, though it passes max_major */
	for (int m = max_major + 1; k1 - k0 < 1 && m <= 2 * max_major + 2; m++) {
		step = nice_step(lo, hi, m, integer);
		k0 = ceil(lo / step - EPS);
		k1 = floor(hi / step + EPS);
	}
	unit = (int)floor(log10(step) + EPS);

	/* counted, not k++ on doubles: beyond 2^53 k++ stands still */
	double nk = k1 - k0 + 1;

	if (!(nk >= 1) || nk > max_major + 2)
		nk = 0;
	for (int i = 0; i < (int)nk; i++) {
		double v = (k0 + i) * step;

		if (fabs(v) > amax)
			amax = fabs(v);
	}
	/* steps such as 2e-7 on 1e6-sized values would need too many digits */
	sci = amax >= 1e6 || (amax > 0 && amax < 1e-3) || unit < -6;
	for (int i = 0; i < (int)nk; i++) {
		double v = (k0 + i) * step;

		if (fabs(v) < step * 1e-6)
			v = 0;
		if (sci)
			fmt_sci(buf, sizeof(buf), v, unit, 0);
		else
			fmt_fixed(buf, sizeof(buf), v, -unit);
		push(t, cap, v, 1, buf);
	}
}

/* Label for a value on a log axis, before restyle_log(). */
static void
fmt_log(char *buf, size_t n, double v)
{
	int e = floor_log10(v);
	/* a second digit for 1.5, 3.5 ...: fmt_fixed drops a trailing 0 */
	int two = fabs(v / pow(10, e) - round(v / pow(10, e))) > 1e-6;

	if (e < -3 || e > 4)
		fmt_sci(buf, n, v, e - two, 0);
	else
		fmt_fixed(buf, n, v, (e < 0 ? -e : 0) + two);
}

/*
 * One label style per log axis, for the labelled ticks t->v[from..]: when
 * every one is a power of ten, 10ⁿ; else plain decimals when they all
 * lie in [0.001, 10^5), else m×10ⁿ.  Integer axes (batch sizes) keep
 * plain integers up to 10^5.
 */
static void
restyle_log(struct fig_ticks *t, size_t from, int integer)
{
	int all_pow = 1, all_plain = 1;

	for (size_t i = from; i < t->n; i++) {
		double v = t->v[i].v, e = floor(log10(v) + EPS);

		if (!t->v[i].label[0])
			continue;
		all_pow &= fabs(v / pow(10, e) - 1) < 1e-6;
		all_plain &= v >= 1e-3 * (1 - EPS) && v < 1e5;
	}
	for (size_t i = from; i < t->n; i++) {
		struct fig_tick *k = &t->v[i];
		int e = floor_log10(k->v);

		if (!k->label[0])
			continue;
		if (integer && all_plain)
			fmt_fixed(k->label, sizeof(k->label), k->v, 0);
		else if (all_pow)
			fmt_pow10(k->label, sizeof(k->label), e);
		else {
			int two = fabs(k->v / pow(10, e) - round(k->v / pow(10, e))) > 1e-6;

			if (all_plain)
				fmt_fixed(k->label, sizeof(k->label), k->v,
				    (e < 0 ? -e : 0) + two);
			else
				fmt_sci(k->label, sizeof(k->label), k->v, e - two, 0);
		}
	}
}

static int
in_range(double v, double lo, double hi)
{
	double s = (hi - lo) * EPS;

	return v >= lo - s && v <= hi + s;
}

/* How many decades d0..d1 inside [lo, hi] have d = phase mod stride. */
static int
decade_labels(int d0, int d1, double lo, double hi, int stride, int phase)
{
	int nl = 0;

	for (int d = d0; d <= d1; d++)
		nl += in_range(pow(10, d), lo, hi) &&
		    ((d - phase) % stride + stride) % stride == 0;
	return nl;
}

/* Powers of two for integer log axes of a few decades: 16, 32, ..., 1024. */
static int
pow2_ticks(double lo, double hi, int max_major, struct fig_ticks *t, size_t *cap)
{
	int e0 = (int)ceil(log2(lo) - EPS), e1 = (int)floor(log2(hi) + EPS);
	int stride = 1;
	char buf[48];

	if (lo < 1 || e1 - e0 + 1 < 3 || e1 > 40)
		return 0;
	while ((e1 - e0) / stride + 1 > max_major)
		stride++;
	if (stride > 2)
		return 0;
	for (int e = e0; e <= e1; e++) {
		double v = ldexp(1, e);
		int major = (e - e0) % stride == 0;

		fmt_fixed(buf, sizeof(buf), v, 0);
		push(t, cap, v, major, major ? buf : NULL);
	}
	return 1;
}

/* The stride after s in 1, 2, 3, 5, 10, 20, 50, 100, ... decades: a wide
 * axis labels round numbers of decades (10^-300, 10^-200 ...), never 77. */
static int
next_stride(int s)
{
	int p = 1;

	if (s < 3)
		return s + 1;
	if (s < 5)
		return 5;
	while (p <= s / 10)
		p *= 10;
	return s / p < 2 ? 2 * p : s / p < 5 ? 5 * p : 10 * p;
}

/* Labels at 1 and 3 times each power of ten in [lo, hi] when they make 3
 * to max_major labels, with minor ticks at the other 2..9; 0 if not. */
static int
one_three_ticks(int d0, int d1, double lo, double hi, int max_major,
    struct fig_ticks *t, size_t *cap)
{
	int nl = 0;
	char buf[48];

	for (int d = d0; d <= d1; d++)
		nl += in_range(pow(10, d), lo, hi) + in_range(3 * pow(10, d), lo, hi);
	if (nl < 3 || nl > max_major)
		return 0;
	for (int d = d0; d <= d1; d++)
		for (int m = 1; m <= 9; m++) {
			double v = m * pow(10, d);
			int lab = m == 1 || m == 3;

			if (!in_range(v, lo, hi))
				continue;
			fmt_log(buf, sizeof(buf), v);
			push(t, cap, v, lab, lab ? buf : NULL);
		}
	return 1;
}

static void
log_ticks(double lo, double hi, int max_major, int integer,
    struct fig_ticks *t, size_t *cap)
{
	int d0 = (int)floor(log10(lo) + EPS), d1 = (int)ceil(log10(hi) - EPS);
	int ndec = 0, nlab = 0, stride = 1, phase = 0;
	size_t from = t->n;
	char buf[48];

	if (integer && pow2_ticks(lo, hi, max_major, t, cap))
		return;
	for (int d = d0; d <= d1; d++)
		ndec += in_range(pow(10, d), lo, hi);
	for (int d = d0; d <= d1; d++)
		for (int m = 1; m <= 9; m++)
			if ((m == 1 || m == 2 || m == 5) && in_range(m * pow(10, d), lo, hi))
				nlab++;
	/* two decades only give two labels: 2 and 5 as well, when they fit */
	if (ndec >= 3 || (ndec == 2 && nlab > max_major)) {
		/* label every stride-th decade: multiples of stride (so 1 is
		 * one); when that leaves fewer than 3 labels, the stride and
		 * phase that give the most within max_major */
		for (;; stride = next_stride(stride))
			if (decade_labels(d0, d1, lo, hi, stride, 0) <= max_major)
				break;
		/* two decades and no room for their 2s and 5s: 1, 3, 10, 30 */
		if (ndec == 2 && one_three_ticks(d0, d1, lo, hi, max_major, t, cap)) {
			restyle_log(t, from, integer);
			return;
		}
		if (decade_labels(d0, d1, lo, hi, stride, 0) < 3) {
			int best = -1, bs = stride;

			/* phases of round numbers too: every 500 decades
			 * from 10^-300, not from 10^-307 */
			for (int s = 1; s <= ndec; s = next_stride(s))
				for (int ph = 0; ph < s; ph += s < 5 ? 1 : s / 5) {
					int nl = decade_labels(d0, d1, lo, hi, s, ph);

					if (nl <= max_major && nl > best) {
						best = nl;
						bs = s;
						phase = ph;
					}
				}
			stride = bs;
		}
		for (int d = d0; d <= d1; d++) {
			double dv = pow(10, d);
			int lab = ((d - phase) % stride + stride) % stride == 0;

			/* unlabelled decades only while they stay apart */
			if (in_range(dv, lo, hi) && (lab || ndec <= 50)) {
				fmt_log(buf, sizeof(buf), dv);
				push(t, cap, dv, lab, lab ? buf : NULL);
			}
			if (ndec > 12)	/* minor ticks only while they stay apart */
				continue;
			for (int m = 2; m <= 9; m++) {
				double v = m * dv;

				if (in_range(v, lo, hi))
					push(t, cap, v, 0, NULL);
			}
		}
		restyle_log(t, from, integer);
		return;
	}
	/* less than two decades inside: also label 2 and 5 */
	if (nlab >= 3 && nlab <= max_major) {
		for (int d = d0; d <= d1; d++)
			for (int m = 1; m <= 9; m++) {
				double v = m * pow(10, d);
				int lab = m == 1 || m == 2 || m == 5;

				if (!in_range(v, lo, hi))
					continue;
				fmt_log(buf, sizeof(buf), v);
				push(t, cap, v, lab, lab ? buf : NULL);
			}
		restyle_log(t, from, integer);
		return;
	}
	/* a narrow range: nice linear positions on the log scale */
	linear_ticks(lo, hi, max_major < 6 ? max_major : 6, integer, t, cap);
}

static void
cat_ticks(const struct fig_axis *a, double lo, double hi, struct fig_ticks *t,
    size_t *cap)
{
	unsigned char *pick = NULL;	/* past FIG_MAX_CAT_TICKS: the ones shown */

	if (a->ncats > FIG_MAX_CAT_TICKS) {
		size_t n = 0, stride = (a->ncats + FIG_MAX_CAT_TICKS - 1) / FIG_MAX_CAT_TICKS;

		pick = hp_calloc(a->ncats, 1);
		for (size_t j = 0; j < a->ncats && n < FIG_MAX_CAT_TICKS; j++) {
			size_t i = a->label_order ? a->label_order[j] : j;

			if ((a->label_order || i % stride == 0) &&
			    in_range((double)i, lo, hi)) {
				pick[i] = 1;
				n++;
			}
		}
	}
	for (size_t i = 0; i < a->ncats; i++) {
		const char *s = a->cats[i] ? a->cats[i] : "";
		char buf[48];
		size_t len = strlen(s);

		if (!in_range((double)i, lo, hi) || (pick && !pick[i]))
			continue;
		if (len < sizeof(buf)) {
			push(t, cap, (double)i, 1, s);
			continue;
		}
		/* cut in the middle on UTF-8 boundaries, so that the end that
		 * tells names apart survives: "encoder\u2026attention.dropout" */
		{
			size_t head = (sizeof(buf) - 4) / 2, tail;

			while (head > 0 && ((unsigned char)s[head] & 0xc0) == 0x80)
				head--;
			tail = len - (sizeof(buf) - 4 - head);
			while (tail < len && ((unsigned char)s[tail] & 0xc0) == 0x80)
				tail++;
			memcpy(buf, s, head);
			memcpy(buf + head, "\xe2\x80\xa6", 3);
			memcpy(buf + head + 3, s + tail, len - tail + 1);
		}
		push(t, cap, (double)i, 1, buf);
	}
	free(pick);
}

/* A category and its label weight, for fig_axis_label_priority. */
struct catw {
	double	w;
	size_t	i;
};

static int
cmp_catw(const void *pa, const void *pb)
{
	const struct catw *a = pa, *b = pb;

	if (a->w != b->w)
		return a->w > b->w ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

void
fig_axis_label_priority(struct fig_axis *a, const double *weight, long first)
{
	struct catw *cw = hp_calloc(a->ncats + 1, sizeof(*cw));
	size_t n = 0;

	free(a->label_order);
	a->label_order = hp_calloc(a->ncats + 1, sizeof(size_t));
	for (size_t i = 0; i < a->ncats; i++) {
		cw[i].w = weight && isfinite(weight[i]) ? weight[i] : 0;
		cw[i].i = i;
		/* the first one ahead of everything */
		if (first >= 0 && (size_t)first == i)
			cw[i].w = INFINITY;
	}
	qsort(cw, a->ncats, sizeof(*cw), cmp_catw);
	for (size_t i = 0; i < a->ncats; i++)
		a->label_order[n++] = cw[i].i;
	free(cw);
}

void
fig_cat_ticks_thin(const struct fig_axis *a, struct fig_ticks *t, int k)
{
	long *tick_of;		/* category -> its tick, or -1 */
	size_t *kept, nkept = 0, ncand = 0, *cand;
	int i = 0;

	if (k < 2)	/* also a panel squeezed to no width (k <= 0) */
		return;
	if (a->label_order == NULL) {
		for (size_t j = 0; j < t->n; j++)
			if (t->v[j].major && t->v[j].label[0] && i++ % k != 0)
				t->v[j].label[0] = '\0';
		return;
	}
	tick_of = hp_calloc(a->ncats + 1, sizeof(long));
	kept = hp_calloc(t->n + 1, sizeof(size_t));
	cand = hp_calloc(t->n + a->ncats + 1, sizeof(size_t));
	for (size_t c = 0; c < a->ncats; c++)
		tick_of[c] = -1;
	/* candidates: ticks that are no category first, then by label_order */
	for (size_t j = 0; j < t->n; j++) {
		double v = t->v[j].v;

		if (v >= 0 && v < (double)a->ncats && v == floor(v))
			tick_of[(size_t)v] = (long)j;
		else
			cand[ncand++] = j;
	}
	for (size_t c = 0; c < a->ncats; c++)
		if (tick_of[a->label_order[c]] >= 0)
			cand[ncand++] = (size_t)tick_of[a->label_order[c]];
	for (size_t q = 0; q < ncand; q++) {
		const struct fig_tick *tk = &t->v[cand[q]];
		size_t r = 0;

		if (!tk->major || !tk->label[0])
			continue;
		while (r < nkept && fabs(t->v[kept[r]].v - tk->v) > (double)k - 1 + EPS)
			r++;
		if (r == nkept)
			kept[nkept++] = cand[q];
	}
	for (size_t j = 0; j < t->n; j++) {
		size_t r = 0;

		while (r < nkept && kept[r] != j)
			r++;
		if (r == nkept)
			t->v[j].label[0] = '\0';
	}
	free(tick_of);
	free(kept);
	free(cand);
}

void
fig_axis_ticks(const struct fig_axis *a, int max_major, struct fig_ticks *t)
{
	double lo = a->lo, hi = a->hi;
	size_t cap = 0;

	t->v = NULL;
	t->n = 0;
	if (a->none) {	/* the slot's tick, then the data's from data_lo */
		struct fig_axis d = *a;

		push(t, &cap, a->none_v, 1, "none");
		d.none = 0;
		d.lo = a->data_lo;
		{
			struct fig_ticks rest;

			fig_axis_ticks(&d, max_major, &rest);
			for (size_t i = 0; i < rest.n; i++)
				push(t, &cap, rest.v[i].v, rest.v[i].major,
				    rest.v[i].label);
			free(rest.v);
		}
		return;
	}
	if (max_major < 2)
		max_major = 2;
	if (lo > hi) {
		double s = lo;

		lo = hi;
		hi = s;
	}
	if (a->scale == FIG_CATEGORICAL) {
		if (!isfinite(lo) || !isfinite(hi))
			lo = -0.5, hi = (double)a->ncats - 0.5;
		cat_ticks(a, lo, hi, t, &cap);
		return;
	}
	if (a->scale == FIG_LOG) {
		if (!(hi > 0) || !isfinite(hi))
			hi = 1;
		if (!(lo > 0) || !isfinite(lo))
			lo = hi / 1000;
		if (hi / lo < 1 + 1e-9) {
			lo /= 2;
			hi *= 2;
		}
		log_ticks(lo, hi, max_major, a->integer, t, &cap);
		return;
	}
	if (!isfinite(lo) || !isfinite(hi)) {
		lo = 0;
		hi = 1;
	}
	if (!isfinite(hi - lo)) {	/* +-1e308: just the ends, in sci form */
		char buf[48];

		fmt_sci(buf, sizeof(buf), lo, floor_log10(fabs(lo)), 0);
		push(t, &cap, lo, 1, buf);
		fmt_sci(buf, sizeof(buf), hi, floor_log10(fabs(hi)), 0);
		push(t, &cap, hi, 1, buf);
		return;
	}
	if (hi - lo <= fabs(hi) * 1e-12 || hi - lo < FIG_MIN_SPAN) {
		/* one value, or values too close for double arithmetic
		 * (study.h: subnormal values are drawn as 0) */
		double m = fmax(fabs(lo), fabs(hi)), h = m < FIG_MIN_SPAN ? 0.5 : m * 0.1;

		lo = m < FIG_MIN_SPAN ? -h : fmax(lo - h, -DBL_MAX);
		hi = m < FIG_MIN_SPAN ? h : fmin(hi + h, DBL_MAX);
		if (!isfinite(hi - lo)) {
			lo = lo / 2;
			hi = hi / 2;
		}
	}
	linear_ticks(lo, hi, max_major, a->integer, t, &cap);
}

size_t
fig_round_levels(double lo, double hi, int log, size_t max_bands, double **out)
{
	double *lv;
	size_t n = 0;

	if (max_bands < 2)
		max_bands = 2;
	lv = hp_calloc(3 * max_bands + 8, sizeof(double));
	if (!(hi > lo) || !isfinite(hi - lo)) {	/* constant: one band around it */
		double h = isfinite(lo) && lo != 0 ? fabs(lo) * 0.1 : 0.5;

		if (log && lo > 0) {
			lv[0] = lo / 2;
			lv[1] = lo * 2;
		} else {
			lv[0] = (isfinite(lo) ? lo : 0) - h;
			lv[1] = (isfinite(lo) ? lo : 0) + h;
		}
		*out = lv;
		return 2;
	}
	if (log && lo > 0) {
		int e0 = (int)floor(log10(lo) + EPS), e1 = (int)ceil(log10(hi) - EPS);
		int nd = e1 - e0 < 1 ? 1 : e1 - e0;

		if ((size_t)nd * 3 <= max_bands) {
			/* 1, 1.5, 2, 3, 5, 7 per decade when those make no
			 * more than max_bands bands (a range of a decade or
			 * two gets enough bands to tell its good end apart),
			 * else 1, 2, 5 */
			static const double m6[6] = { 1, 1.5, 2, 3, 5, 7 };
			static const double m3[3] = { 1, 2, 5 };

			for (int pass = 0; pass < 2; pass++) {
				const double *m = pass ? m3 : m6;
				int nm = pass ? 3 : 6;

				n = 0;
				for (int e = e0; e <= e1; e++)
					for (int i = 0; i < nm; i++) {
						double v = m[i] * pow(10, e);

						if (n > 0 && lv[n - 1] >= hi * (1 - EPS))
							break;
						if (v <= lo * (1 + EPS))
							n = 0;	/* only the last edge at or below lo */
						lv[n++] = v;
					}
				if (n - 1 <= max_bands)
					break;
			}
		} else {			/* every k-th decade */
			int k = (nd + (int)max_bands - 1) / (int)max_bands;
			int a = (int)floor((double)e0 / k) * k;

			for (int e = a; n == 0 || lv[n - 1] < hi * (1 - EPS); e += k)
				lv[n++] = pow(10, e);
		}
	} else {
		double step = nice_step(lo, hi, (int)max_bands + 1, 0);
		double k0 = floor(lo / step + EPS), k1 = ceil(hi / step - EPS);

		if (k1 <= k0)
			k1 = k0 + 1;
		for (double k = k0; k <= k1 && n < 3 * max_bands + 6; k++)
			lv[n++] = fabs(k) < 1e-9 ? 0 : k * step;
	}
	*out = lv;
	return n;
}

void
fig_level_ticks(const struct fig_colorbar *cb, struct fig_ticks *t)
{
	size_t cap = 0;
	double step = INFINITY, amax = 0;
	char buf[48];

	t->v = NULL;
	t->n = 0;
	for (size_t i = 0; i + 1 < cb->nlevels; i++)
		step = fmin(step, cb->levels[i + 1] - cb->levels[i]);
	for (size_t i = 0; i < cb->nlevels; i++)
		amax = fmax(amax, fabs(cb->levels[i]));
	for (size_t i = 0; i < cb->nlevels; i++) {
		double v = cb->levels[i];

		if (cb->scale == FIG_LOG) {
			fmt_log(buf, sizeof(buf), v);
		} else {
			int unit = step > 0 && isfinite(step) ?
			    (int)floor(log10(step) + EPS) : 0;

			if (amax >= 1e6 || (amax > 0 && amax < 1e-3) || unit < -6)
				fmt_sci(buf, sizeof(buf), v, unit, 0);
			else
				fmt_fixed(buf, sizeof(buf), v, -unit);
		}
		push(t, &cap, v, 1, buf);
	}
	if (cb->scale == FIG_LOG)
		restyle_log(t, 0, 0);
}
