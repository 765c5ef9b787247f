/*
 * loadjson: shared JSON checks, scalar text and a bounded line reader for
 * the loaders (see loadjson.h).
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "loadjson.h"

static const char *const type_names[] = {
	[LJ_ANY] = "a value", [LJ_INT] = "an integer", [LJ_NUM] = "a number",
	[LJ_STR] = "a string", [LJ_OBJ] = "an object", [LJ_ARR] = "an array",
	[LJ_SCALAR] = "a number, string, boolean or null"
};

int
lj_is_int(const cJSON *j)
{
	double v;

	if (!cJSON_IsNumber(j))
		return 0;
	v = j->valuedouble;
	return isfinite(v) && v == floor(v) && v >= INT_MIN && v <= INT_MAX;
}

int
lj_int(const cJSON *j)
{
	return lj_is_int(j) ? (int)j->valuedouble : 0;
}

static int
type_ok(const cJSON *j, enum lj_type t)
{
	switch (t) {
	case LJ_ANY:
		return 1;
	case LJ_INT:
		return lj_is_int(j);
	case LJ_NUM:
		return cJSON_IsNumber(j);
	case LJ_STR:
		return cJSON_IsString(j);
	case LJ_OBJ:
		return cJSON_IsObject(j);
	case LJ_ARR:
		return cJSON_IsArray(j);
	case LJ_SCALAR:
		return cJSON_IsNull(j) || cJSON_IsBool(j) || cJSON_IsNumber(j) ||
		    cJSON_IsString(j);
	}
	return 0;
}

int
lj_check(const cJSON *obj, const struct lj_field *f, const char *where,
    struct hp_err *err)
{
	if (!cJSON_IsObject(obj))
		return hp_err_set(err, "%s: expected a JSON object", where);
	for (; f->key; f++) {
		const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, f->key);

		if (j == NULL) {
			if (f->required)
				return hp_err_set(err, "%s: missing \"%s\"", where, f->key);
			continue;
		}
		if (cJSON_IsNull(j) && (f->nullable || f->type == LJ_SCALAR ||
		    f->type == LJ_ANY))
			continue;
		if (!type_ok(j, f->type))
			return hp_err_set(err, "%s: \"%s\" must be %s%s", where, f->key,
			    type_names[f->type], f->nullable ? " or null" : "");
	}
	return 0;
}

const cJSON *
lj_get(const cJSON *obj, const char *key)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);

	return j == NULL || cJSON_IsNull(j) ? NULL : j;
}

const char *
lj_text(const cJSON *j, char *buf, size_t n)
{
	if (cJSON_IsString(j))
		return j->valuestring;
	if (cJSON_IsBool(j))
		return cJSON_IsTrue(j) ? "True" : "False";
	if (cJSON_IsNumber(j))
		return hp_fmt_double(buf, n, j->valuedouble);
	return NULL;
}

char *
lj_print(const cJSON *j)
{
	char *s;

	if (cJSON_IsNumber(j)) {	/* keep NaN/inf as Python writes them */
		double v = j->valuedouble;
		char tmp[40];

		if (isnan(v))
			return hp_strdup("NaN");
		if (isinf(v))
			return hp_strdup(v > 0 ? "Infinity" : "-Infinity");
		return hp_strdup(hp_fmt_double(tmp, sizeof(tmp), v));
	}
	s = cJSON_PrintUnformatted(j);
	if (s == NULL)
		return hp_strdup("null");
	return s;
}

int
lj_time(const cJSON *j, double *out)
{
	if (j == NULL || cJSON_IsNull(j)) {
		*out = NAN;
		return 0;
	}
	if (!cJSON_IsString(j))
		return -1;
	return hp_parse_datetime(j->valuestring, out);
}

int
lr_open(struct lr *lr, const char *path, struct hp_err *err)
{
	memset(lr, 0, sizeof(*lr));
	lr->path = path;
	lr->fp = fopen(path, "rb");
	if (lr->fp == NULL)
		return hp_err_set(err, "%s: %s", path, strerror(errno));
	return 0;
}

int
lr_next(struct lr *lr, struct hp_err *err)
{
	FILE *fp = lr->fp;
	int c;

	lr->len = 0;
	lr->complete = 0;
	hp_grow(&lr->line, &lr->cap, 1, 1);
	lr->line[0] = '\0';
	while ((c = getc(fp)) != EOF) {
		if (c == '\n') {
			lr->complete = 1;
			break;
		}
		if (lr->len + 2 > LR_MAX)
			return hp_err_set(err, "%s:%zu: line longer than %u MiB",
			    lr->path, lr->lineno + 1, LR_MAX >> 20);
		hp_grow(&lr->line, &lr->cap, lr->len + 2, 1);
		lr->line[lr->len++] = (char)c;
	}
	if (ferror(fp))
		return hp_err_set(err, "%s: read error: %s", lr->path, strerror(errno));
	if (c == EOF && lr->len == 0)
		return 0;
	lr->line[lr->len] = '\0';
	if (lr->len && lr->line[lr->len - 1] == '\r')	/* CRLF files */
		lr->line[--lr->len] = '\0';
	lr->lineno++;
	return 1;
}

void
lr_close(struct lr *lr)
{
	if (lr->fp)
		fclose(lr->fp);
	free(lr->line);
	memset(lr, 0, sizeof(*lr));
}

int
lj_finish(struct hp_study *st, const char *path, struct hp_err *err)
{
	struct hp_err e;

	if (hp_load_constraints(st, path, err) < 0)
		return -1;
	hp_load_metric_names(st);
	if (hp_study_finish(st, &e) < 0)
		return hp_err_set(err, "%s: study \"%.100s\": %s", path, st->name, e.msg);
	return 0;
}

cJSON *
lj_parse_line(const char *text, size_t len, const char *path, size_t lineno,
    struct hp_err *err)
{
	struct hp_err e;
	size_t l = 0, c = 0;
	cJSON *j;

	if (lj_check_numbers(text, len, path, lineno, err) < 0)
		return NULL;
	j = hp_json_parse(text, len, "-", &e);

	if (j == NULL) {
		if (sscanf(e.msg, "-:%zu:%zu:", &l, &c) != 2)
			c = 1;
		hp_err_set(err, "%s:%zu:%zu: malformed JSON", path, lineno, c);
	}
	return j;
}

static size_t
attr_hash(size_t t, int system, const char *key)
{
	size_t h = 1469598103934665603u ^ t ^ ((size_t)system << 1);

	for (; *key; key++)
		h = (h ^ (unsigned char)*key) * 1099511628211u;
	return h;
}

static void
map_insert(struct lj_attrmap *map, const struct hp_attr *a, size_t idx)
{
	size_t i = attr_hash(a->trial, a->system, a->key) & (map->cap - 1);

	while (map->slot[i])
		i = (i + 1) & (map->cap - 1);
	map->slot[i] = idx + 1;
}

void
lj_set_attr(struct hp_study *st, struct lj_attrmap *map, size_t t, int system,
    const char *key, const char *json)
{
	size_t i;

	if (map->n * 2 + 2 > map->cap) {	/* rebuild larger */
		size_t cap = map->cap ? map->cap * 2 : 64;

		while (cap < map->n * 2 + 2)
			cap *= 2;
		free(map->slot);
		map->slot = hp_calloc(cap, sizeof(size_t));
		map->cap = cap;
		for (size_t k = 0; k < st->nattrs; k++)
			map_insert(map, &st->attrs[k], k);
	}
	i = attr_hash(t, system, key) & (map->cap - 1);
	for (; map->slot[i]; i = (i + 1) & (map->cap - 1)) {
		struct hp_attr *a = &st->attrs[map->slot[i] - 1];

		if (a->trial == t && a->system == system && strcmp(a->key, key) == 0) {
			free(a->json);
			a->json = hp_strdup(json);
			return;
		}
	}
	hp_study_add_attr(st, t, system, key, json);
	map->slot[i] = st->nattrs;
	map->n++;
}

void
lj_attrmap_release(struct lj_attrmap *map)
{
	free(map->slot);
	memset(map, 0, sizeof(*map));
}

int
lj_check_numbers(const char *text, size_t len, const char *path, size_t line0,
    struct hp_err *err)
{
	size_t line = line0, col = 1;
	int instr = 0;

	for (size_t i = 0; i < len; i++, col++) {
		char c = text[i];

		if (c == '\n') {
			line++;
			col = 0;
			continue;
		}
		if (instr) {
			if (c == '\\' && i + 1 < len) {
				i++;
				col++;
			} else if (c == '"')
				instr = 0;
			continue;
		}
		if (c == '"') {
			instr = 1;
			continue;
		}
		if ((c >= '0' && c <= '9') || c == '-') {
			char tmp[400];
			size_t k = 0, j = i;

			while (j < len && strchr("0123456789+-.eE", text[j]) && k + 1 < sizeof(tmp))
				tmp[k++] = text[j++];
			tmp[k] = '\0';
			if (k > 0 && strchr("0123456789", tmp[k - 1]) &&
			    isinf(strtod(tmp, NULL)))
				return hp_err_set(err, "%s:%zu:%zu: number out of range", path,
				    line, col);
			col += j - i - 1;
			i = j - 1;
		}
	}
	return 0;
}

cJSON *
lj_parse_doc(const char *text, size_t len, const char *path, struct hp_err *err)
{
	if (lj_check_numbers(text, len, path, 1, err) < 0)
		return NULL;
	return hp_json_parse(text, len, path, err);
}

cJSON *
lj_read_doc(const char *path, struct hp_err *err)
{
	char *text;
	size_t len;
	cJSON *root;

	if (hp_read_file(path, &text, &len, err) < 0)
		return NULL;
	root = lj_parse_doc(text, len, path, err);
	free(text);
	return root;
}

const char *
lj_skip_blank(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	return p;
}

int
lj_parse_number(const char *s, double *out)
{
	if (hp_parse_double(s, out) < 0)
		return -1;
	if (isinf(*out) && strpbrk(s, "iI") == NULL)	/* 1e400, not "inf" */
		return -1;
	return 0;
}

char *
lj_basename(const char *path)
{
	const char *b = strrchr(path, '/'), *dot;

	b = b ? b + 1 : path;
	dot = strrchr(b, '.');
	return hp_strndup(b, dot && dot != b ? (size_t)(dot - b) : strlen(b));
}

void
lj_seen_add(struct lj_seen *s, int number, size_t place)
{
	hp_grow(&s->p, &s->cap, 2 * s->n + 2, sizeof(long long));
	s->p[2 * s->n] = number;
	s->p[2 * s->n + 1] = (long long)place;
	s->n++;
}

static int
cmp_seen(const void *a, const void *b)
{
	const long long *x = a, *y = b;

	return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : (x[1] > y[1]) - (x[1] < y[1]);
}

int
lj_seen_check(struct lj_seen *s, const char *path, int style, struct hp_err *err)
{
	if (s->n == 0)
		return 0;
	qsort(s->p, s->n, 2 * sizeof(long long), cmp_seen);
	for (size_t i = 0; i + 1 < s->n; i++) {
		long long num = s->p[2 * i], first = s->p[2 * i + 1], again = s->p[2 * i + 3];

		if (num != s->p[2 * i + 2])
			continue;
		switch (style) {
		case 'L':
			return hp_err_set(err, "%s:%lld: duplicate trial number %lld (first "
			    "at line %lld)", path, again, num, first);
		case 'I':
			return hp_err_set(err, "%s: trials[%lld]: duplicate trial number "
			    "%lld (first at trials[%lld])", path, again, num, first);
		default:
			return hp_err_set(err, "%s: %s %lld: duplicate trial number %lld "
			    "(first at %s %lld)", path, style == 'R' ? "row" : "record",
			    again, num, style == 'R' ? "row" : "record", first);
		}
	}
	return 0;
}

void
lj_seen_release(struct lj_seen *s)
{
	free(s->p);
	memset(s, 0, sizeof(*s));
}
