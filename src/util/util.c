/*
 * util: error buffer, aborting allocation, locale-independent numbers,
 * growable strings, whole-file reads and time stamps.  See util.h.
 *
 * Numbers: the program never calls setlocale(), so the C library's
 * formatting already uses '.'; hp_fmt_double still rewrites a ',' decimal
 * point so that a library that switches LC_NUMERIC cannot leak into output.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>

#include "hpreport/util.h"

int
hp_err_set(struct hp_err *err, const char *fmt, ...)
{
	char raw[2 * sizeof(err->msg)];
	struct hp_buf b;
	size_t n;
	va_list ap;

	if (err == NULL)
		return -1;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	/* escaped, it is one line of printable text (a newline reads "\n") */
	hp_buf_init(&b);
	hp_buf_printable(&b, raw);
	n = b.len;
	if (n >= sizeof(err->msg)) {	/* cut before a UTF-8 continuation byte */
		n = sizeof(err->msg) - 1;
		while (n > 0 && ((unsigned char)b.s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(err->msg, b.s ? b.s : "", n);
	err->msg[n] = '\0';
	hp_buf_release(&b);
	return -1;
}

/*
 * The code point of the UTF-8 sequence at s, with its length in *len, or
 * -1 when s does not start a valid one (overlong forms, surrogates and
 * values past U+10FFFF are invalid, as the standard says).
 */
static long
utf8_decode(const unsigned char *s, size_t *len)
{
	long c;
	size_t n;

	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2, c = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3, c = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4, c = s[0] & 0x07;
	else
		return -1;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)	/* also stops at the NUL */
			return -1;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) || c > 0x10FFFF ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return -1;
	*len = n;
	return c;
}

/* A code point a terminal acts on rather than shows (hp_buf_printable). */
static int
unprintable(long c)
{
	return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C ||
	    c == 0x200E || c == 0x200F || (c >= 0x2028 && c <= 0x202E) ||
	    (c >= 0x2066 && c <= 0x2069);
}

void
hp_buf_printable(struct hp_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;

	hp_buf_add(b, "", 0);
	while (*p) {
		size_t len = 1;
		long c = utf8_decode(p, &len);

		if (c >= 0 && !unprintable(c)) {
			p += len;
			continue;
		}
		hp_buf_add(b, (const char *)run, (size_t)(p - run));
		if (c == '\n' || c == '\r' || c == '\t')
			hp_buf_puts(b, c == '\n' ? "\\n" : c == '\r' ? "\\r" : "\\t");
		else if (c >= 0 && c < 0x80)
			hp_buf_printf(b, "\\x%02x", (unsigned)c);
		else if (c >= 0)
			hp_buf_printf(b, "\\u%04lx", (unsigned long)c);
		else
			hp_buf_printf(b, "\\x%02x", (unsigned)*p);	/* not UTF-8 */
		p += len;
		run = p;
	}
	hp_buf_add(b, (const char *)run, (size_t)(p - run));
}

char *
hp_printable(const char *s)
{
	struct hp_buf b;

	if (s == NULL)
		return NULL;
	hp_buf_init(&b);
	hp_buf_printable(&b, s);
	return b.s;
}

static void
oom(size_t n)
{
	fprintf(stderr, "hpreport: out of memory allocating %zu bytes\n", n);
	abort();
}

void *
hp_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom(n);
	return p;
}

void *
hp_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom(n * size);
	return p;
}

void *
hp_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom(n);
	return q;
}

void *
hp_reallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		oom(SIZE_MAX);
	return hp_realloc(p, n * size);
}

char *
hp_strdup(const char *s)
{
	return s ? hp_strndup(s, strlen(s)) : NULL;
}

char *
hp_strndup(const char *s, size_t n)
{
	char *p = hp_malloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
hp_grow(void *v, size_t *cap, size_t need, size_t size)
{
	void **pv = v;
	size_t c = *cap;

	if (need <= c)
		return;
	c = c ? c : 8;
	while (c < need)
		c = c > SIZE_MAX / 2 ? need : c * 2;
	*pv = hp_reallocarray(*pv, c, size);
	*cap = c;
}

/*
 * Writes digits d[0..nd) (no trailing zeros) times 10^e, as printf's %.Pg
 * would: scientific when e < -4 or e >= P.
 */
static void
put_g(char *buf, size_t n, int neg, const char *d, int nd, int e, int P)
{
	char out[64];
	size_t k = 0;

	if (neg)
		out[k++] = '-';
	if (e < -4 || e >= P) {
		out[k++] = d[0];
		if (nd > 1) {
			out[k++] = '.';
			for (int i = 1; i < nd; i++)
				out[k++] = d[i];
		}
		k += (size_t)snprintf(out + k, sizeof(out) - k, "e%c%02d",
		    e < 0 ? '-' : '+', e < 0 ? -e : e);
	} else if (e < 0) {
		out[k++] = '0';
		out[k++] = '.';
		for (int i = 0; i < -e - 1; i++)
			out[k++] = '0';
		for (int i = 0; i < nd; i++)
			out[k++] = d[i];
	} else {
		for (int i = 0; i <= e || i < nd; i++) {
			if (i == e + 1)
				out[k++] = '.';
			out[k++] = i < nd ? d[i] : '0';
		}
	}
	if (n == 0)
		return;
	if (k >= n)
		k = n - 1;
	memcpy(buf, out, k);
	buf[k] = '\0';
}

/*
 * The fast path of hp_fmt_double, exact in 128-bit integers: v > 0 is
 * m * 2^-s (m < 2^53); for p significant digits and decimal exponent e,
 * P = m * 10^(p-1-e) gives the digits as P / 2^s rounded to nearest (ties
 * to even, as printf rounds), and the digits D read back as v when
 * |D * 2^(s+1) - 2P| < 10^(p-1-e), the half gap to v's neighbours (a
 * quarter below a power of two; on the boundary the even mantissa wins).
 * Covers 1e-6 <= v < 1e15 (not integral); returns 0 elsewhere, for the
 * slow path.
 */
typedef unsigned __int128 u128;

static u128
pow10_u128(int k)	/* 0 <= k <= 38 */
{
	static const uint64_t p[20] = { 1, 10, 100, 1000, 10000, 100000, 1000000,
	    10000000, 100000000, 1000000000, 10000000000, 100000000000,
	    1000000000000, 10000000000000, 100000000000000, 1000000000000000,
	    10000000000000000, 100000000000000000, 1000000000000000000,
	    10000000000000000000u };

	return k < 20 ? p[k] : (u128)p[k - 19] * p[19];
}

static int
fmt_double_fast(char *buf, size_t n, int neg, double v)
{
	uint64_t bits, m;
	int be, s, e;
	char d[20];

	memcpy(&bits, &v, sizeof(bits));
	be = (int)(bits >> 52 & 0x7ff);
	m = (bits & ((UINT64_C(1) << 52) - 1)) | UINT64_C(1) << 52;
	s = 1075 - be;
	if (be == 0 || s < 1 || s > 69 || !(v >= 1e-6 && v < 1e15))
		return 0;
	e = (int)floor(log10(v));
	for (int tries = 0;; tries++) {		/* log10 may be off by one */
		u128 q = ((u128)m * pow10_u128(16 - e)) >> s;

		if (tries > 2 || 16 - e > 22 || 16 - e < 2)
			return 0;
		if (q >= pow10_u128(17))
			e++;
		else if (q < pow10_u128(16))
			e--;
		else
			break;
	}
	for (int p = 15; p <= 17; p++) {
		int k = p - 1 - e, ep = e, nd = p;
		u128 P = (u128)m * pow10_u128(k), ten = pow10_u128(k);
		u128 D = P >> s, rem = P & (((u128)1 << s) - 1), half = (u128)1 << (s - 1);
		u128 Dc, a, b;
		uint64_t dig;

		if (rem > half || (rem == half && (D & 1)))
			D++;
		Dc = D;			/* D at scale k, for the check */
		if (D == pow10_u128(p)) {
			D = pow10_u128(p - 1);
			ep++;
		}
		if (p < 17) {
			a = Dc << (s + 1);
			b = P << 1;
			if (a >= b) {
				if (a - b > ten || (a - b == ten && (m & 1)))
					continue;
			} else {
				u128 lim = m == UINT64_C(1) << 52 && be > 1 ? ten : 2 * ten;

				if (2 * (b - a) > lim || (2 * (b - a) == lim && (m & 1)))
					continue;
			}
		}
		dig = (uint64_t)D;
		for (int i = p - 1; i >= 0; i--) {
			d[i] = (char)('0' + dig % 10);
			dig /= 10;
		}
		while (nd > 1 && d[nd - 1] == '0')
			nd--;
		put_g(buf, n, neg, d, nd, ep, p);
		return 1;
	}
	return 0;
}

char *
hp_fmt_double(char *buf, size_t n, double v)
{
	char tmp[40], d[20];
	int neg, e;

	if (isnan(v))
		snprintf(buf, n, "nan");
	else if (isinf(v))
		snprintf(buf, n, v > 0 ? "inf" : "-inf");
	else if (v == 0)
		snprintf(buf, n, "0");
	else if (fabs(v) < 1e15 && v == (double)(long long)v)	/* range first: no UB */
		hp_fmt_int(buf, n, (long long)v);	/* the common integer case, fast */
	else if (!fmt_double_fast(buf, n, v < 0, fabs(v))) {
		/*
		 * The shortest of 15, 16 or 17 significant digits that reads back
		 * as v: one conversion to 17 digits, then the shorter candidates
		 * by rounding those digits, each checked with strtod.
		 */
		snprintf(tmp, sizeof(tmp), "%.16e", v);
		neg = tmp[0] == '-';
		const char *p = tmp + neg;
		d[0] = p[0];
		memcpy(d + 1, p + 2, 16);	/* skip the point: 17 digits */
		e = atoi(strchr(p, 'e') + 1);
		for (int prec = 15; prec <= 17; prec++) {
			char r[20];
			int re = e, nd = prec;

			memcpy(r, d, 17);
			/* a cut digit of exactly 5 (nothing after it within the 17
			 * digits) may lie on either side of the half: let printf
			 * round the binary value itself */
			if (prec < 17 && r[prec] == '5' && (prec == 16 || r[16] == '0')) {
				snprintf(buf, n, "%.*g", prec, v);
				if (strtod(buf, NULL) == v)
					break;
				continue;
			}
			if (prec < 17 && r[prec] >= '5') {	/* round half up the digit string */
				int i = prec - 1;

				while (i >= 0 && r[i] == '9')
					r[i--] = '0';
				if (i >= 0)
					r[i]++;
				else {
					memmove(r + 1, r, (size_t)prec - 1);
					r[0] = '1';
					re++;
				}
			}
			while (nd > 1 && r[nd - 1] == '0')
				nd--;
			put_g(buf, n, neg, r, nd, re, prec);
			if (prec == 17 || strtod(buf, NULL) == v)
				break;
		}
	}
	return buf;
}

char *
hp_fmt_model(char *buf, size_t n, double v)
{
	char *comma;

	if (!isfinite(v))
		return hp_fmt_double(buf, n, v);
	snprintf(buf, n, "%.*g", HP_MODEL_DIGITS, v);
	if ((comma = strchr(buf, ',')) != NULL)	/* a decimal comma locale */
		*comma = '.';
	return buf;
}

int
hp_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
hp_parse_double(const char *s, double *out)
{
	char tmp[64], *end;
	const char *p, *q;
	int neg = 0;
	size_t len;

	if (s == NULL)
		return -1;
	for (p = s; *p == ' ' || *p == '\t'; p++)
		;
	for (q = p + strlen(p); q > p && (q[-1] == ' ' || q[-1] == '\t' ||
	    q[-1] == '\r' || q[-1] == '\n'); q--)
		;
	len = (size_t)(q - p);
	if (len == 0 || len >= sizeof(tmp))
		return -1;
	memcpy(tmp, p, len);
	tmp[len] = '\0';
	p = tmp;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (strcasecmp(p, "inf") == 0 || strcasecmp(p, "infinity") == 0) {
		*out = neg ? -INFINITY : INFINITY;
		return 0;
	}
	if (strcasecmp(p, "nan") == 0) {
		*out = NAN;
		return 0;
	}
	/* Only plain decimal syntax: no hex floats, no locale decimal comma. */
	for (const char *c = p; *c; c++)
		if (!strchr("0123456789.eE+-", *c))
			return -1;
	if (!(*p >= '0' && *p <= '9') && *p != '.')
		return -1;
	errno = 0;
	*out = strtod(tmp, &end);
	if (*end != '\0')
		return -1;
	return 0;
}

void
hp_buf_init(struct hp_buf *b)
{
	b->s = NULL;
	b->len = b->cap = 0;
}

void
hp_buf_release(struct hp_buf *b)
{
	if (b == NULL)
		return;
	free(b->s);
	hp_buf_init(b);
}

void
hp_buf_add(struct hp_buf *b, const char *s, size_t n)
{
	hp_grow(&b->s, &b->cap, b->len + n + 1, 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
hp_buf_puts(struct hp_buf *b, const char *s)
{
	hp_buf_add(b, s, strlen(s));
}

void
hp_buf_printf(struct hp_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	/* into the room already there first: one pass in the common case */
	hp_grow(&b->s, &b->cap, b->len + 64, 1);
	va_start(ap, fmt);
	n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->s[b->len] = '\0';
		return;
	}
	if ((size_t)n >= b->cap - b->len) {
		hp_grow(&b->s, &b->cap, b->len + (size_t)n + 1, 1);
		va_start(ap, fmt);
		vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

char *
hp_fmt_int(char *buf, size_t n, long long v)
{
	char tmp[24];
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
	size_t k = sizeof(tmp) - 1, len;

	tmp[k] = '\0';
	do {
		tmp[--k] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (v < 0)
		tmp[--k] = '-';
	len = sizeof(tmp) - 1 - k;
	if (n == 0)
		return buf;
	if (len >= n)
		len = n - 1;
	memcpy(buf, tmp + k, len);
	buf[len] = '\0';
	return buf;
}

void
hp_buf_int(struct hp_buf *b, long long v)
{
	char tmp[24];

	hp_buf_puts(b, hp_fmt_int(tmp, sizeof(tmp), v));
}

void
hp_buf_base64(struct hp_buf *b, const void *data, size_t n)
{
	static const char abc[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = data;

	for (size_t i = 0; i < n; i += 3) {
		unsigned long w = (unsigned long)p[i] << 16;
		char q[4];

		if (i + 1 < n)
			w |= (unsigned long)p[i + 1] << 8;
		if (i + 2 < n)
			w |= p[i + 2];
		q[0] = abc[w >> 18 & 63];
		q[1] = abc[w >> 12 & 63];
		q[2] = i + 1 < n ? abc[w >> 6 & 63] : '=';
		q[3] = i + 2 < n ? abc[w & 63] : '=';
		hp_buf_add(b, q, 4);
	}
}

char *
hp_vsprintf(const char *fmt, va_list ap)
{
	va_list aq;
	char *s;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		n = 0;
	s = hp_malloc((size_t)n + 1);
	if (vsnprintf(s, (size_t)n + 1, fmt, ap) < 0)
		s[0] = '\0';
	return s;
}

char *
hp_sprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = hp_vsprintf(fmt, ap);
	va_end(ap);
	return s;
}

void
hp_buf_double(struct hp_buf *b, double v)
{
	char tmp[40];

	hp_buf_puts(b, hp_fmt_double(tmp, sizeof(tmp), v));
}

/* A number as hp_fmt_double and hp_fmt_int write it, with an optional
 * sign: digits, one point, an exponent, or "inf"; the "-1.5" a spreadsheet
 * reads as the number it is. */
static int
csv_is_number(const char *s)
{
	int digits = 0;

	if (*s == '-' || *s == '+')
		s++;
	if (strcmp(s, "inf") == 0)
		return 1;
	for (; *s >= '0' && *s <= '9'; s++)
		digits++;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			digits++;
	if (digits == 0)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '-' || *s == '+')
			s++;
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

/*
 * A cell a spreadsheet would read as a formula: it begins with = + - @ TAB
 * or CR (OWASP, "CSV Injection") and is not a number.  Cells that begin
 * with quotes before such a character count too, so that removing one
 * leading quote always gives the text back: "'=x" is written "''=x".
 */
static int
csv_is_formula(const char *s)
{
	while (*s == '\'')
		s++;
	return *s != '\0' && strchr("=+-@\t\r", *s) != NULL && !csv_is_number(s);
}

void
hp_csv_put(FILE *fp, const char *s)
{
	if (s == NULL)
		return;
	if (csv_is_formula(s)) {
		/* quoted whole, so that a ; separator cannot start a cell either */
		fputs("\"'", fp);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', fp);
			fputc(*s, fp);
		}
		fputc('"', fp);
		return;
	}
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

char *
hp_utf8_dup(const char *s)
{
	const char *end;
	char *g, *out;

	if (s == NULL)
		return NULL;
	if (g_utf8_validate(s, -1, &end))
		return hp_strdup(s);
	/* a character cut short at the very end: what snprintf into a
	 * fixed buffer leaves of a long name */
	if (g_utf8_get_char_validated(end, -1) == (gunichar)-2 &&
	    g_utf8_validate(s, end - s, NULL))
		return hp_strndup(s, (size_t)(end - s));
	g = g_utf8_make_valid(s, -1);
	out = hp_strdup(g);
	g_free(g);
	return out;
}

int
hp_read_file(const char *path, char **out, size_t *len, struct hp_err *err)
{
	FILE *fp = fopen(path, "rb");
	struct hp_buf b;
	char chunk[65536];
	size_t n;

	if (fp == NULL)
		return hp_err_set(err, "%s: %s", path, strerror(errno));
	hp_buf_init(&b);
	hp_buf_add(&b, "", 0);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		hp_buf_add(&b, chunk, n);
	if (ferror(fp)) {
		int e = errno;

		fclose(fp);
		hp_buf_release(&b);
		return hp_err_set(err, "%s: read error: %s", path, strerror(e));
	}
	fclose(fp);
	*out = b.s;
	if (len)
		*len = b.len;
	return 0;
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static long long
days_from_civil(long long y, unsigned m, unsigned d)
{
	long long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

int
hp_parse_datetime(const char *s, double *out)
{
	int y, mo, d, h = 0, mi = 0, n = 0;
	double sec = 0;
	char frac[16] = "";

	if (s == NULL || *s == '\0') {
		*out = NAN;
		return 0;
	}
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
		return -1;
	s += n;
	if (*s == 'T' || *s == ' ') {
		int si = 0;

		if (sscanf(s + 1, "%2d:%2d:%2d%n", &h, &mi, &si, &n) != 3 || n != 8)
			return -1;
		s += 1 + n;
		sec = si;
		if (*s == '.') {
			size_t k = 0;

			s++;
			while (*s >= '0' && *s <= '9') {
				if (k + 1 < sizeof(frac))
					frac[k++] = *s;
				s++;
			}
			frac[k] = '\0';
			if (k == 0)
				return -1;
			double f = 0, scale = 0.1;
			for (size_t i = 0; i < k; i++, scale /= 10)
				f += (frac[i] - '0') * scale;
			sec += f;
		}
		/* a trailing UTC offset or Z (pandas ISO export) is ignored */
	}
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec >= 61)
		return -1;
	*out = (double)days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400.0 +
	    h * 3600.0 + mi * 60.0 + sec;
	return 0;
}

char *
hp_fmt_datetime(char *buf, size_t n, double t)
{
	long long z, days, era, secs;
	unsigned doe, yoe, doy, mp, d, m;
	long long y;

	if (!isfinite(t)) {
		snprintf(buf, n, "%s", "");
		return buf;
	}
	secs = (long long)floor(t);
	days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
	secs -= days * 86400;
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = (long long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	if (y < 0 || y > 9999) {
		snprintf(buf, n, "%04lld-%02u-%02u %02lld:%02lld:%02lld", y, m, d,
		    secs / 3600, secs / 60 % 60, secs % 60);
		return buf;
	}
	/* written digit by digit: this runs once per trial and column */
	char txt[20];
	int f[6] = { (int)y, (int)m, (int)d, (int)(secs / 3600), (int)(secs / 60 % 60),
	    (int)(secs % 60) };
	snprintf(txt, sizeof(txt), "0000-00-00 00:00:00");
	for (int i = 0, pos[6] = { 3, 6, 9, 12, 15, 18 }; i < 6; i++)
		for (int j = pos[i], x = f[i]; x > 0; j--, x /= 10)
			txt[j] = (char)('0' + x % 10);
	snprintf(buf, n, "%s", txt);
	return buf;
}
