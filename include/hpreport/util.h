/*
 * util: small shared helpers -- the error buffer every module reports into,
 * allocation that aborts on exhaustion, locale-independent number formatting
 * and parsing, a growable string, whole-file reads and time stamps.  JSON
 * as Python writes it is in json.h, apart, so that headers of the model
 * do not bring in cJSON.
 *
 * Error convention, the same in every module: functions return 0 on
 * success and -1 on failure, and on failure put one human-readable line
 * into a caller-supplied struct hp_err, which is left untouched on success.  Only main.c exits.
 */
#ifndef HPREPORT_UTIL_H
#define HPREPORT_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#define HP_VERSION "0.1.0"

struct hp_err {
	char msg[512];		/* one line, no trailing newline */
};

/*
 * Formats one line into err (NULL err is allowed and ignored). Returns -1.
 * The line is made printable (hp_buf_printable): messages quote input
 * text, and main.c prints them to a terminal.  A line longer than the
 * buffer is cut at a character boundary.
 */
int hp_err_set(struct hp_err *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Allocation that never returns NULL: on exhaustion the process aborts with
 * a message (as git's xmalloc does); there is no sensible recovery for a
 * batch tool and it keeps every caller simple.
 */
void *hp_malloc(size_t n);
void *hp_calloc(size_t n, size_t size);
void *hp_realloc(void *p, size_t n);
void *hp_reallocarray(void *p, size_t n, size_t size);
char *hp_strdup(const char *s);		/* NULL in, NULL out */
char *hp_strndup(const char *s, size_t n);

/* Grows *v (element size `size`) so that it holds at least `need` elements. */
void hp_grow(void *v, size_t *cap, size_t need, size_t size);

/*
 * Shortest text that reads back as the same double, always with '.' as the
 * decimal point whatever the locale: "0.1", "1e-05", "inf", "-inf", "nan".
 * buf must hold at least 32 bytes. Returns buf.
 */
char *hp_fmt_double(char *buf, size_t n, double v);
char *hp_fmt_int(char *buf, size_t n, long long v);	/* as %lld, faster */

/*
 * A model's output (a surrogate's grid, a partial dependence, a smoothed
 * surface) as text: HP_MODEL_DIGITS significant digits, the precision such
 * a number has (a float's), '.' as the decimal point whatever the locale;
 * non-finite values as hp_fmt_double.  Measured values (a trial's value or
 * param) go through hp_fmt_double instead, which keeps every digit.
 * buf must hold at least 32 bytes.  Returns buf.
 */
#define HP_MODEL_DIGITS	7
char *hp_fmt_model(char *buf, size_t n, double v);

/*
 * Parses a whole string as a number, independent of the locale.  Accepts
 * what Python and pandas write: decimal, exponent, inf/Infinity/nan/NaN
 * (any case, optional sign), surrounding blanks. Returns 0 or -1.
 */
int hp_parse_double(const char *s, double *out);
/* qsort comparator of doubles, ascending (NaN compares equal to all). */
int hp_cmp_double(const void *a, const void *b);

/* A growable NUL-terminated string; the first allocation failure aborts. */
struct hp_buf {
	char	*s;		/* always NUL-terminated once used */
	size_t	 len;		/* bytes before the NUL */
	size_t	 cap;		/* bytes allocated */
};

void hp_buf_init(struct hp_buf *b);
void hp_buf_release(struct hp_buf *b);
void hp_buf_add(struct hp_buf *b, const char *s, size_t n);
void hp_buf_puts(struct hp_buf *b, const char *s);
void hp_buf_printf(struct hp_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void hp_buf_double(struct hp_buf *b, double v);	/* hp_fmt_double */
void hp_buf_int(struct hp_buf *b, long long v);		/* as %lld, faster */
/* Appends the n bytes at p as base64 (RFC 4648 alphabet, '=' padded). */
void hp_buf_base64(struct hp_buf *b, const void *p, size_t n);

/*
 * Text from an input made safe for a terminal: appends s to b with every
 * character a terminal would act on instead of show written as a visible
 * escape -- C0 controls and DEL as \n, \r, \t or \xHH (so ESC, the start
 * of every escape sequence, can never pass), C1 controls (U+0080..U+009F,
 * which some terminals read as CSI/OSC), the bidirectional controls
 * (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069) and the line
 * and paragraph separators U+2028, U+2029 as \uHHHH, and bytes that are
 * not valid UTF-8 as \xHH.  Backslash itself is left as it is, so the
 * escaping is idempotent: printable text passes unchanged, and a message
 * that embeds an already escaped one is not escaped twice.
 */
void hp_buf_printable(struct hp_buf *b, const char *s);
/* hp_buf_printable into a new string; the caller frees it.  NULL in, NULL out. */
char *hp_printable(const char *s);

/* printf into a new string; the caller frees it. */
char *hp_sprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *hp_vsprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/*
 * Writes one CSV cell (RFC 4180: quoted when it holds , " CR or LF;
 * nothing for NULL).  A cell a spreadsheet would execute -- one beginning
 * with = + - @ TAB or CR, after any leading ', that is not a number such
 * as "-1.5", "-2e-05" or "-inf" -- gets one ' in front and is quoted
 * (OWASP's advice against CSV injection).  To read the text back, remove
 * one ' from a cell that begins with one or more ' followed by one of
 * = + - @ TAB CR.
 */
void hp_csv_put(FILE *fp, const char *s);

/*
 * A copy of s that is valid UTF-8, as Pango, XML and JSON need it: a
 * character cut short at the end (a long name cut to a buffer's size) is
 * dropped, any other invalid byte sequence becomes U+FFFD.  NULL in, NULL
 * out; the caller frees.
 */
char *hp_utf8_dup(const char *s);

/* Reads a whole file into a NUL-terminated buffer; caller frees *out. */
int hp_read_file(const char *path, char **out, size_t *len, struct hp_err *err);

/* Time stamp "YYYY-MM-DD[ T]HH:MM:SS[.ffffff]" (naive) as seconds since
 * 1970-01-01 reading it as UTC; NaN when s is NULL/empty, -1 on bad text. */
int hp_parse_datetime(const char *s, double *out);

/* Writes seconds-since-epoch as "YYYY-MM-DD HH:MM:SS" (buf >= 32 bytes). */
char *hp_fmt_datetime(char *buf, size_t n, double t);

#endif
