/*
 * template: the small logic-less template language the report pages are
 * written in (the .html files in templates/), in the manner of mustache and lowdown's
 * template.c.  A template is text with tags; the values come from one
 * cJSON tree built by html.c.  Every value is escaped for the context the
 * tag names, and escaping for HTML text is the default, so forgetting a
 * filter can never open a hole; the two unescaped forms need triple braces
 * so that they stand out when reading a template.  See report.h for the
 * syntax.  Rendering is one recursive pass over the text: a section is
 * found by scanning to its matching close tag and rendered once per item.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

#define TPL_MAXDEPTH 32

struct tpl {
	const char	*base;		/* whole template text (for line numbers) */
	const char	*where;		/* its name, for messages */
	tpl_load_fn	 load;
	void		*arg;
	const cJSON	*stack[TPL_MAXDEPTH];
	int		 depth;
	struct hp_buf	*out;
	struct hp_err	*err;
};

void
tpl_escape_html(struct hp_buf *b, const char *s)
{
	const char *run = s;

	for (; *s; s++) {
		const char *rep;

		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		hp_buf_add(b, run, (size_t)(s - run));
		hp_buf_puts(b, rep);
		run = s + 1;
	}
	hp_buf_add(b, run, (size_t)(s - run));
}

/* A param name breaks after its separators rather than mid-word
 * ("encoder.layer.0.att|ention.dropout"). */
void
tpl_escape_name(struct hp_buf *b, const char *s)
{
	char one[2] = { 0, 0 };

	for (; *s; s++) {
		one[0] = *s;
		tpl_escape_html(b, one);
		if (strchr("._/-", *s) && s[1])
			hp_buf_puts(b, "<wbr>");
	}
}

void
tpl_escape_url(struct hp_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		/* unreserved characters and the path separator stay; everything
		 * else, ':' included, is encoded, so the result is always a
		 * relative path and needs no further escaping in an attribute */
		if (isalnum(*p) || *p == '-' || *p == '_' || *p == '.' || *p == '~' ||
		    *p == '/') {
			hp_buf_add(b, (const char *)p, 1);
		} else {
			char e[3] = { '%', hex[*p >> 4], hex[*p & 15] };

			hp_buf_add(b, e, 3);
		}
	}
}

void
tpl_escape_json_script(struct hp_buf *b, const char *json)
{
	const char *run = json, *s = json;

	/* In JSON these characters can only occur inside strings, where the
	 * \u form means the same; outside them the HTML parser would see
	 * "</script>" or "<!--", and JavaScript a line terminator. */
	while (*s) {
		const char *rep = NULL;
		size_t skip = 1;

		if (*s == '<')
			rep = "\\u003c";
		else if (*s == '>')
			rep = "\\u003e";
		else if (*s == '&')
			rep = "\\u0026";
		else if ((unsigned char)s[0] == 0xe2 && (unsigned char)s[1] == 0x80 &&
		    ((unsigned char)s[2] == 0xa8 || (unsigned char)s[2] == 0xa9)) {
			rep = (unsigned char)s[2] == 0xa8 ? "\\u2028" : "\\u2029";
			skip = 3;
		}
		if (rep == NULL) {
			s++;
			continue;
		}
		hp_buf_add(b, run, (size_t)(s - run));
		hp_buf_puts(b, rep);
		s += skip;
		run = s;
	}
	hp_buf_add(b, run, (size_t)(s - run));
}

static int
line_of(const struct tpl *t, const char *p)
{
	int line = 1;

	for (const char *q = t->base; q < p && *q; q++)
		line += *q == '\n';
	return line;
}

static int
tpl_fail(const struct tpl *t, const char *at, const char *what, const char *name,
    size_t namelen)
{
	return hp_err_set(t->err, "%s:%d: %s '%.*s'", t->where, line_of(t, at), what,
	    (int)(namelen > 60 ? 60 : namelen), name);
}

/* Looks `name` (dotted, or ".") up from the innermost context outwards. */
static const cJSON *
lookup(const struct tpl *t, const char *name, size_t len)
{
	const cJSON *v = NULL;
	const char *dot;
	char seg[128];
	size_t n;

	if (len == 1 && name[0] == '.')
		return t->depth > 0 ? t->stack[t->depth - 1] : NULL;
	dot = memchr(name, '.', len);
	n = dot ? (size_t)(dot - name) : len;
	if (n >= sizeof(seg))
		return NULL;
	memcpy(seg, name, n);
	seg[n] = '\0';
	for (int i = t->depth - 1; i >= 0 && v == NULL; i--)
		if (cJSON_IsObject(t->stack[i]))
			v = cJSON_GetObjectItemCaseSensitive(t->stack[i], seg);
	while (v && dot) {
		name = dot + 1;
		len -= n + 1;
		dot = memchr(name, '.', len);
		n = dot ? (size_t)(dot - name) : len;
		if (n >= sizeof(seg))
			return NULL;
		memcpy(seg, name, n);
		seg[n] = '\0';
		v = cJSON_IsObject(v) ? cJSON_GetObjectItemCaseSensitive(v, seg) : NULL;
	}
	return v;
}

static int
truthy(const cJSON *v)
{
	if (v == NULL || cJSON_IsNull(v) || cJSON_IsFalse(v))
		return 0;
	if (cJSON_IsArray(v))
		return cJSON_GetArraySize(v) > 0;
	if (cJSON_IsString(v))
		return v->valuestring[0] != '\0';
	if (cJSON_IsNumber(v))
		return v->valuedouble != 0;
	return 1;
}

/* Text of a scalar for the text/attr/url filters; NULL for none. */
static const char *
scalar_text(const cJSON *v, char *buf, size_t n)
{
	if (cJSON_IsString(v))
		return v->valuestring;
	if (cJSON_IsNumber(v))
		return hp_fmt_double(buf, n, v->valuedouble);
	if (cJSON_IsBool(v))
		return cJSON_IsTrue(v) ? "true" : "false";
	return NULL;
}

static int render(struct tpl *t, const char *p, const char *end);

/* Finds the tag closing section `name` opened before p; *after = past it. */
static const char *
find_close(const char *p, const char *end, const char *name, size_t len,
    const char **after)
{
	int nest = 0;

	while ((p = strstr(p, "{{")) != NULL && p < end) {
		const char *q = p + 2, *e;
		int open = *q == '#' || *q == '^', close = *q == '/';

		e = strstr(q, "}}");
		if (e == NULL || e > end)
			return NULL;
		if (open || close) {
			const char *s = q + 1, *f = e;

			while (s < f && isspace((unsigned char)*s))
				s++;
			while (f > s && isspace((unsigned char)f[-1]))
				f--;
			if ((size_t)(f - s) == len && memcmp(s, name, len) == 0) {
				if (open)
					nest++;
				else if (nest-- == 0) {
					*after = e + 2;
					return p;
				}
			}
		}
		p = e + 2;
	}
	return NULL;
}

static int
emit(struct tpl *t, const char *at, const char *name, size_t len, const char *filter,
    size_t flen, int triple)
{
	const cJSON *v = lookup(t, name, len);
	char buf[40];
	const char *s;

#define IS(f) (flen == strlen(f) && memcmp(filter, f, flen) == 0)
	if (triple != (IS("json") || IS("raw")))
		return tpl_fail(t, at, triple ? "triple braces are only for |json and |raw:" :
		    "|json and |raw need triple braces:", name, len);
	if (IS("json")) {
		char *text = v ? cJSON_PrintUnformatted(v) : NULL;

		tpl_escape_json_script(t->out, text ? text : "null");
		free(text);
		return 0;
	}
	s = v ? scalar_text(v, buf, sizeof(buf)) : NULL;
	if (s == NULL)
		return 0;
	if (flen == 0 || IS("attr"))		/* one escape serves both */
		tpl_escape_html(t->out, s);
	else if (IS("name"))
		tpl_escape_name(t->out, s);
	else if (IS("url"))
		tpl_escape_url(t->out, s);
	else if (IS("raw"))
		hp_buf_puts(t->out, s);
	else
		return tpl_fail(t, at, "unknown filter", filter, flen);
#undef IS
	return 0;
}

static int
include(struct tpl *t, const char *at, const char *name, size_t len)
{
	char file[256], *text;

	if (t->load == NULL || len == 0 || len >= sizeof(file))
		return tpl_fail(t, at, "cannot include", name, len);
	memcpy(file, name, len);
	file[len] = '\0';
	text = t->load(t->arg, file, t->err);
	if (text == NULL)
		return -1;
	/* included text goes verbatim into <style> or <script>: it must not
	 * be able to end that element */
	for (const char *q = text; *q; q++)
		if (q[0] == '<' && q[1] == '/' && (strncasecmp(q + 2, "script", 6) == 0 ||
		    strncasecmp(q + 2, "style", 5) == 0)) {
			free(text);
			return tpl_fail(t, at, "included file contains an end tag:", name, len);
		}
	hp_buf_puts(t->out, text);
	free(text);
	return 0;
}

static int
render(struct tpl *t, const char *p, const char *end)
{
	while (p < end) {
		const char *open = strstr(p, "{{"), *close, *s, *f, *bar;
		int triple;
		char kind;

		if (open == NULL || open >= end) {
			hp_buf_add(t->out, p, (size_t)(end - p));
			return 0;
		}
		hp_buf_add(t->out, p, (size_t)(open - p));
		triple = open[2] == '{';
		s = open + 2 + triple;
		close = strstr(s, triple ? "}}}" : "}}");
		if (close == NULL || close >= end)
			return tpl_fail(t, open, "unclosed tag", open, 10);
		p = close + 2 + triple;
		kind = *s;
		if (strchr("#^/>!", kind))
			s++;
		f = close;
		while (s < f && isspace((unsigned char)*s))
			s++;
		while (f > s && isspace((unsigned char)f[-1]))
			f--;
		switch (kind) {
		case '!':
			break;
		case '>':
			if (include(t, open, s, (size_t)(f - s)) < 0)
				return -1;
			break;
		case '/':
			return tpl_fail(t, open, "close without open:", s, (size_t)(f - s));
		case '#':
		case '^': {
			const char *after, *inner_end = find_close(p, end, s, (size_t)(f - s), &after);
			const cJSON *v = lookup(t, s, (size_t)(f - s));

			if (inner_end == NULL)
				return tpl_fail(t, open, "unclosed section", s, (size_t)(f - s));
			if (t->depth >= TPL_MAXDEPTH)
				return tpl_fail(t, open, "sections nested too deep at", s,
				    (size_t)(f - s));
			if (kind == '^') {
				if (!truthy(v) && render(t, p, inner_end) < 0)
					return -1;
			} else if (cJSON_IsArray(v)) {
				const cJSON *item;

				cJSON_ArrayForEach(item, v) {
					t->stack[t->depth++] = item;
					if (render(t, p, inner_end) < 0)
						return -1;
					t->depth--;
				}
			} else if (truthy(v)) {
				t->stack[t->depth++] = v;
				if (render(t, p, inner_end) < 0)
					return -1;
				t->depth--;
			}
			p = after;
			break;
		}
		default:
			bar = memchr(s, '|', (size_t)(f - s));
			if (bar) {
				const char *ne = bar, *fs = bar + 1;

				while (ne > s && isspace((unsigned char)ne[-1]))
					ne--;
				while (fs < f && isspace((unsigned char)*fs))
					fs++;
				if (emit(t, open, s, (size_t)(ne - s), fs, (size_t)(f - fs),
				    triple) < 0)
					return -1;
			} else if (emit(t, open, s, (size_t)(f - s), "", 0, triple) < 0)
				return -1;
		}
	}
	return 0;
}

int
tpl_render(const char *text, const char *where, const cJSON *ctx, tpl_load_fn load,
    void *arg, struct hp_buf *out, struct hp_err *err)
{
	struct tpl t;
	struct hp_buf b;

	memset(&t, 0, sizeof(t));
	hp_buf_init(&b);
	hp_buf_puts(&b, "");
	t.base = text;
	t.where = where;
	t.load = load;
	t.arg = arg;
	t.stack[t.depth++] = ctx;
	t.out = &b;
	t.err = err;
	if (render(&t, text, text + strlen(text)) < 0) {
		hp_buf_release(&b);
		return -1;
	}
	hp_buf_add(out, b.s, b.len);
	hp_buf_release(&b);
	return 0;
}

static int
is_dir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

char *
report_template_path(const char *dir, const char *file, struct hp_err *err)
{
	char exe[PATH_MAX], *path;
	ssize_t n;
	size_t len = strlen(HP_SRCDIR);

	if (strchr(file, '/') || file[0] == '.') {
		hp_err_set(err, "template name '%s': only plain file names", file);
		return NULL;
	}
	/* --template DIR first; a file it lacks comes from the defaults */
	if (dir != NULL) {
		if (!is_dir(dir)) {
			hp_err_set(err, "%s: not a template directory", dir);
			return NULL;
		}
		path = hp_sprintf("%s/%s", dir, file);
		if (access(path, R_OK) == 0)
			return path;
		free(path);
	}
	/* a binary still inside the source tree it was built in (build/hpreport,
	 * a unit test build/tests/test_x) uses that tree's templates, so tests
	 * and `make demo` see the working copy; an installed one, DATADIR's */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0 && (size_t)n > len && strncmp(exe, HP_SRCDIR, len) == 0 &&
	    exe[len] == '/') {
		path = hp_sprintf("%s/templates/%s", HP_SRCDIR, file);
		if (access(path, R_OK) == 0)
			return path;
		free(path);
	}
	path = hp_sprintf("%s/templates/%s", HP_DATADIR, file);
	if (access(path, R_OK) == 0)
		return path;
	hp_err_set(err, "%s: %s (hpreport is not installed right; use --template DIR)",
	    path, strerror(errno));
	free(path);
	return NULL;
}
