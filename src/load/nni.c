/*
 * nni: Microsoft NNI experiments, in the three forms NNI leaves behind --
 * `nnictl experiment export --type json` (an array of succeeded trials
 * with their parameters and the final metric as JSON text), `--type csv`
 * (one row per trial, params and metric columns by name, and trialJobId),
 * and the experiment database `<experiment>/db/nni.sqlite` (an NNI
 * experiment directory holding it is accepted too).
 *
 * From the database, trials come from replaying TrialJobEvent in insertion
 * order (the latest event sets the state, WAITING carries the parameters,
 * RUNNING the start, a final event the end); MetricData gives the final
 * value (FINAL) and the intermediate values (PERIODICAL, step = sequence);
 * the highest revision of ExperimentProfile gives the name, the search
 * space (used as distributions where it maps onto one cleanly; otherwise
 * the values are read as text and inferred) and the direction
 * (tuner/advisor classArgs.optimize_mode).
 *
 * A metric is JSON inside JSON: a number, or a dict whose `default` key is
 * the objective (its other keys become user attributes of the trial).
 * Python's NaN and Infinity are accepted.  One study per input.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "hpreport/load.h"

#include "internal.h"
#include "loadjson.h"
#include "sqlite_ro.h"


/* --- shared pieces ----------------------------------------------------- */

/*
 * Study direction: stored mode, else the caller's, else minimize (noted).
 * optimize_mode is the direction of "default": for another metric picked
 * by --metric (`metric`, else NULL) only the caller's counts.
 */
static void
set_direction(struct hp_study *st, const char *mode, const char *metric,
    const struct hp_load_opts *opts)
{
	enum hp_direction d = HP_DIR_NOT_SET;

	if (metric && opts && opts->direction != HP_DIR_NOT_SET)
		mode = NULL;
	if (metric && mode) {
		hp_study_add_note(st, "NNI stores optimize_mode for \"default\" only; "
		    "assumed it for \"%s\" too (use --direction)", metric);
	}
	if (mode && strcmp(mode, "maximize") == 0)
		d = HP_DIR_MAXIMIZE;
	else if (mode && strcmp(mode, "minimize") == 0)
		d = HP_DIR_MINIMIZE;
	if (d == HP_DIR_NOT_SET && opts && opts->direction != HP_DIR_NOT_SET)
		d = opts->direction;
	if (d == HP_DIR_NOT_SET) {
		d = HP_DIR_MINIMIZE;
		hp_study_add_note(st, "NNI input without optimize_mode: assumed "
		    "minimize (use --direction)");
	}
	hp_study_set_directions(st, 1, &d);
}

/* JSON text of a cJSON item (caller frees). */
static char *
json_text(const cJSON *j)
{
	char *s = cJSON_PrintUnformatted(j);

	if (s == NULL)
		abort();	/* cJSON only fails on allocation */
	return s;
}

/*
 * Which metric is the objective: --metric KEY picks that key of the
 * metric dicts, else "default" (NNI's own objective).  A plain number is
 * the value of "default".  Final metrics are counted, with the keys they
 * held, so that a key no trial has is an error naming those there are.
 */
#define PICK_KEYS 32
struct pick {
	const char	*key;		/* the dict key that is the objective */
	int		 chosen;	/* key given by --metric */
	size_t		 found, missing;	/* final metrics with / without it */
	char		*keys[PICK_KEYS];	/* keys seen in final metrics */
	size_t		 nkeys;
};

static void
pick_init(struct pick *p, const struct hp_load_opts *opts)
{
	memset(p, 0, sizeof(*p));
	p->chosen = opts && opts->metric && strcmp(opts->metric, "default") != 0;
	p->key = p->chosen ? opts->metric : "default";
}

static void
pick_seen(struct pick *p, const char *key)
{
	for (size_t i = 0; i < p->nkeys; i++)
		if (strcmp(p->keys[i], key) == 0)
			return;
	if (p->nkeys < PICK_KEYS)
		p->keys[p->nkeys++] = hp_strdup(key);
}

static void
pick_release(struct pick *p)
{
	for (size_t i = 0; i < p->nkeys; i++)
		free(p->keys[i]);
	p->nkeys = 0;
}

/*
 * After the metrics: an error when --metric named a key no final metric
 * has (listing those there are), a note when some lack it, and the
 * objective named after it.  `file` names the input.  0 or -1 with err.
 */
static int
pick_finish(struct pick *p, struct hp_study *st, const char *file, struct hp_err *err)
{
	struct hp_buf b;
	int rc = 0;

	if (!p->chosen)
		return 0;
	if (p->found == 0) {
		hp_buf_init(&b);
		for (size_t i = 0; i < p->nkeys; i++)
			hp_buf_printf(&b, "%s%s", i ? ", " : "", p->keys[i]);
		rc = hp_err_set(err, "%s: no final metric has \"%.80s\" (metrics: %s)",
		    file, p->key, b.s ? b.s : "none");
		hp_buf_release(&b);
		return rc;
	}
	hp_study_set_objective_name(st, 0, p->key);
	if (p->missing)
		hp_study_add_note(st, "%zu final metric%s without \"%s\": %s no value",
		    p->missing, p->missing == 1 ? "" : "s", p->key,
		    p->missing == 1 ? "that trial has" : "those trials have");
	return 0;
}

/*
 * A metric: JSON text holding a number, a dict, or a string holding one
 * of those (NNI encodes twice).  Sets *value to the picked key's value
 * (NaN when absent) and, when `st` is given (a final metric), counts it in
 * `p` and adds the dict's other keys as user attributes of trial t.
 * Returns 0, or -1 with a message without place.
 */
static int
metric_from_json(const cJSON *j, struct pick *p, double *value, struct hp_study *st,
    size_t t, int depth, struct hp_err *err)
{
	if (cJSON_IsNumber(j)) {	/* the value of "default" */
		*value = strcmp(p->key, "default") == 0 ? j->valuedouble : NAN;
		if (st) {
			pick_seen(p, "default");
			if (isnan(*value))
				p->missing++;
			else
				p->found++;
		}
		return 0;
	}
	if (cJSON_IsString(j) && depth < 3) {
		struct hp_err jerr;
		cJSON *in = hp_json_parse(j->valuestring, strlen(j->valuestring),
		    "metric", &jerr);
		int rc;

		if (in == NULL && strstr(jerr.msg, "out of range") != NULL)
			return hp_err_set(err, "metric \"%.60s\" is out of range",
			    j->valuestring);
		if (in == NULL)
			return hp_err_set(err, "metric \"%.60s\" is not JSON", j->valuestring);
		rc = metric_from_json(in, p, value, st, t, depth + 1, err);
		cJSON_Delete(in);
		return rc;
	}
	if (cJSON_IsObject(j)) {
		const cJSON *d = cJSON_GetObjectItemCaseSensitive(j, p->key), *k;

		if (d == NULL && p->chosen) {
			*value = NAN;
		} else if (!cJSON_IsNumber(d)) {
			return hp_err_set(err, "metric dict without a numeric \"%.80s\"",
			    p->key);
		} else
			*value = d->valuedouble;
		if (st == NULL)
			return 0;
		if (d == NULL)
			p->missing++;
		else
			p->found++;
		cJSON_ArrayForEach(k, j) {
			char *s;

			pick_seen(p, k->string);
			if (strcmp(k->string, p->key) == 0)
				continue;
			s = json_text(k);
			hp_study_add_attr(st, t, 0, k->string, s);
			free(s);
		}
		return 0;
	}
	return hp_err_set(err, "metric is not a number or a dict with \"%.80s\"",
	    p->key);
}

/* Parses metric JSON text (possibly encoded twice). */
static int
metric_from_text(const char *text, struct pick *p, double *value, struct hp_study *st,
    size_t t, struct hp_err *err)
{
	struct hp_err jerr;
	cJSON *j;
	int rc;

	*value = NAN;
	if (text == NULL)
		return hp_err_set(err, "metric is NULL");
	j = hp_json_parse(text, strlen(text), "metric", &jerr);
	if (j == NULL)
		return hp_err_set(err, "metric \"%.60s\" is not JSON", text);
	rc = metric_from_json(j, p, value, st, t, 0, err);
	cJSON_Delete(j);
	return rc;
}

/* Text form of a JSON parameter value, for text inference ("" = absent). */
static char *
param_text(const cJSON *v)
{
	char buf[64];

	if (cJSON_IsString(v))
		return hp_strdup(v->valuestring);
	if (cJSON_IsNumber(v))
		return hp_strdup(hp_fmt_double(buf, sizeof(buf), v->valuedouble));
	if (cJSON_IsBool(v))
		return hp_strdup(cJSON_IsTrue(v) ? "True" : "False");
	if (cJSON_IsNull(v))
		return hp_strdup("");
	return json_text(v);
}

/*
 * Distribution of one NNI search-space entry ({"_type", "_value"}) when it
 * maps cleanly onto an Optuna one; -1 otherwise (normal, nested choices...).
 */
static int
dist_from_space(const cJSON *e, struct hp_dist *d)
{
	const cJSON *ty = cJSON_GetObjectItemCaseSensitive(e, "_type");
	const cJSON *va = cJSON_GetObjectItemCaseSensitive(e, "_value"), *x;
	double a[3] = { 0, 0, 0 };
	int n = 0;
	const char *t;

	memset(d, 0, sizeof(*d));
	if (!cJSON_IsString(ty) || !cJSON_IsArray(va))
		return -1;
	t = ty->valuestring;
	if (strcmp(t, "choice") == 0) {
		size_t nc = (size_t)cJSON_GetArraySize(va), i = 0;

		if (nc == 0)
			return -1;
		d->kind = HP_DIST_CATEGORICAL;
		d->choices = hp_calloc(nc, sizeof(*d->choices));
		cJSON_ArrayForEach(x, va) {
			struct hp_choice c;

			if (hp_choice_from_json(x, &c) < 0) {
				d->nchoices = i;
				hp_dist_release(d);
				return -1;
			}
			c.str = hp_strdup(c.str);
			d->choices[i++] = c;
		}
		d->nchoices = nc;
		return 0;
	}
	cJSON_ArrayForEach(x, va) {
		if (n == 3 || !cJSON_IsNumber(x) || !isfinite(x->valuedouble))
			return -1;
		a[n++] = x->valuedouble;
	}
	if (n < 2 || a[0] > a[1])
		return -1;
	d->low = a[0];
	d->high = a[1];
	d->kind = HP_DIST_FLOAT;
	if (strcmp(t, "uniform") == 0 && n == 2)
		return 0;
	if ((strcmp(t, "loguniform") == 0 || strcmp(t, "qloguniform") == 0) &&
	    a[0] > 0) {
		d->log = 1;	/* a log scale with a step has no Optuna form: step dropped */
		return 0;
	}
	if (strcmp(t, "quniform") == 0 && n == 3 && a[2] > 0) {
		d->step = a[2];
		return 0;
	}
	if (strcmp(t, "randint") == 0 && n == 2 && a[0] == floor(a[0]) &&
	    a[1] == floor(a[1]) && a[1] > a[0]) {
		d->kind = HP_DIST_INT;
		d->high = a[1] - 1;	/* NNI's upper bound is exclusive */
		d->step = 1;
		return 0;
	}
	return -1;
}

/* Internal value of JSON value v under d, or -1 when it does not fit. */
static int
fit_value(const struct hp_dist *d, const cJSON *v, double *out)
{
	if (d->kind == HP_DIST_CATEGORICAL) {
		struct hp_choice c;

		if (hp_choice_from_json(v, &c) < 0)
			return -1;
		for (size_t i = 0; i < d->nchoices; i++)
			if (hp_choice_equal(&d->choices[i], &c)) {
				*out = (double)i;
				return 0;
			}
		return -1;
	}
	if (!cJSON_IsNumber(v) || !(v->valuedouble >= d->low) ||
	    !(v->valuedouble <= d->high))
		return -1;
	if (d->kind == HP_DIST_INT && v->valuedouble != floor(v->valuedouble))
		return -1;
	*out = v->valuedouble;
	return 0;
}

/*
 * Sets the params of every trial: params[t] is trial t's parameter object
 * (or NULL).  A param whose every value fits its search-space entry gets
 * that distribution; the others are given as text and inferred.
 */
static void
set_params(struct hp_study *st, cJSON **params, size_t n, const cJSON *space)
{
	const char **names = NULL;
	size_t nnames = 0, cap = 0;

	for (size_t t = 0; t < n; t++) {
		const cJSON *p;

		if (!cJSON_IsObject(params[t]))
			continue;
		cJSON_ArrayForEach(p, params[t]) {
			size_t i;

			for (i = 0; i < nnames && strcmp(names[i], p->string) != 0; i++)
				;
			if (i == nnames) {
				hp_grow(&names, &cap, nnames + 1, sizeof(*names));
				names[nnames++] = p->string;
			}
		}
	}
	for (size_t i = 0; i < nnames; i++) {
		const char *name = names[i];
		const cJSON *e = space ? cJSON_GetObjectItemCaseSensitive(space, name) : NULL;
		struct hp_dist d;
		int have = e != NULL && dist_from_space(e, &d) == 0, fits = have;
		double v;

		for (size_t u = 0; u < n && fits; u++) {
			const cJSON *x = cJSON_GetObjectItemCaseSensitive(params[u], name);

			if (x && !cJSON_IsNull(x) && fit_value(&d, x, &v) < 0)
				fits = 0;
		}
		for (size_t u = 0; u < n; u++) {
			const cJSON *x = cJSON_GetObjectItemCaseSensitive(params[u], name);
			struct hp_err perr;

			if (x == NULL || cJSON_IsNull(x))
				continue;
			if (fits && fit_value(&d, x, &v) == 0)
				hp_study_set_param(st, u, name, &d, v, &perr);
			else {
				char *s = param_text(x);

				hp_study_set_param_text(st, u, name, s);
				free(s);
			}
		}
		if (e != NULL && !fits)
			hp_study_add_note(st, "param \"%s\": search space entry not "
			    "used (no matching distribution or values outside it)", name);
		if (have)
			hp_dist_release(&d);
	}
	free(names);
}

/* A trial id and the line it is on, to find duplicates. */
struct idline {
	const char	*id;
	size_t		 line;
};

static int
cmp_idline(const void *a, const void *b)
{
	const struct idline *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c ? c : x->line < y->line ? -1 : x->line > y->line;
}

/* -1 with "file:line: duplicate trial" when two ids are equal. */
static int
check_duplicates(struct idline *v, size_t n, const char *file, struct hp_err *err)
{
	hp_load_qsort(v, n, sizeof(*v), cmp_idline);
	for (size_t i = 0; i + 1 < n; i++)
		if (strcmp(v[i].id, v[i + 1].id) == 0)
			return hp_err_set(err, "%s:%zu: duplicate trial \"%.40s\"", file,
			    v[i + 1].line, v[i + 1].id);
	return 0;
}

/* Line numbers (1-based) of the elements of the top-level JSON array. */
static size_t *
element_lines(const char *text, size_t len, size_t *n)
{
	size_t *v = NULL, cap = 0, line = 1;
	int depth = 0, instr = 0, want = 0;

	*n = 0;
	for (size_t i = 0; i < len; i++) {
		char c = text[i];

		if (c == '\n')
			line++;
		if (instr) {
			if (c == '\\')
				i++;
			else if (c == '"')
				instr = 0;
			continue;
		}
		if (depth == 1 && want && c != ' ' && c != '\t' && c != '\r' &&
		    c != '\n' && c != ',' && c != ']') {
			hp_grow(&v, &cap, *n + 1, sizeof(*v));
			v[(*n)++] = line;
			want = 0;
		}
		if (c == '"')
			instr = 1;
		else if (c == '[' || c == '{') {
			depth++;
			if (depth == 1)
				want = 1;
		} else if (c == ']' || c == '}')
			depth--;
		else if (c == ',' && depth == 1)
			want = 1;
	}
	return v;
}

/* --- export JSON --------------------------------------------------------- */

int
hp_probe_nni_json(const char *path, const char *head, size_t len)
{
	size_t i = 0;

	(void)path;
	if (head == NULL)
		return 0;
	while (i < len && strchr(" \t\r\n", head[i]))
		i++;
	if (i == len || head[i] != '[')
		return 0;
	return strstr(head, "\"trialJobId\"") != NULL &&
	    strstr(head, "\"parameter\"") != NULL;
}

int
hp_load_nni_json(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err)
{
	char *text = NULL;
	size_t len, nlines = 0, n = 0, *lines = NULL;
	cJSON *root = NULL, **params = NULL;
	struct idline *ids = NULL;
	const cJSON *rec;
	struct hp_study *st = NULL;
	struct hp_err e;
	const char *file = hp_load_basename(path);
	struct pick pick;
	int rc = -1;

	if (hp_read_file(path, &text, &len, err) < 0)
		return -1;
	pick_init(&pick, opts);
	root = hp_json_parse(text, len, file, err);
	if (root == NULL)
		goto out;
	if (!cJSON_IsArray(root)) {
		hp_err_set(err, "%s:1: expected an array of trials", file);
		goto out;
	}
	lines = element_lines(text, len, &nlines);
	st = hp_study_new(file);
	params = hp_calloc((size_t)cJSON_GetArraySize(root) + 1, sizeof(*params));
	ids = hp_calloc((size_t)cJSON_GetArraySize(root) + 1, sizeof(*ids));
	cJSON_ArrayForEach(rec, root) {
		size_t line = n < nlines ? lines[n] : 1, t;
		const cJSON *p = cJSON_GetObjectItemCaseSensitive(rec, "parameter");
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(rec, "value");
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(rec, "trialJobId");
		const cJSON *iv = cJSON_GetObjectItemCaseSensitive(rec, "intermediate"), *x;
		double val;

		if (!cJSON_IsObject(rec) || !cJSON_IsObject(p) || !cJSON_IsString(id)) {
			hp_err_set(err, "%s:%zu: trial %zu needs \"parameter\" (object) "
			    "and \"trialJobId\" (string)", file, line, n);
			goto out;
		}
		ids[n] = (struct idline){ id->valuestring, line };
		t = hp_study_add_trial(st, (int)n, HP_STATE_COMPLETE);
		if (v == NULL || metric_from_json(v, &pick, &val, st, t, 0, &e) < 0) {
			hp_err_set(err, "%s:%zu: trial \"%.40s\": %s", file, line,
			    id->valuestring, v ? e.msg : "no \"value\"");
			goto out;
		}
		hp_study_set_value(st, t, 0, val);
		if (iv != NULL && !cJSON_IsArray(iv)) {
			hp_err_set(err, "%s:%zu: \"intermediate\" is not an array", file, line);
			goto out;
		}
		size_t step = 0;
		cJSON_ArrayForEach(x, iv) {
			if (metric_from_json(x, &pick, &val, NULL, t, 0, &e) < 0) {
				hp_err_set(err, "%s:%zu: trial \"%.40s\": intermediate %zu: %s",
				    file, line, id->valuestring, step, e.msg);
				goto out;
			}
			if (!isnan(val) || !pick.chosen)	/* a dict without the key */
				hp_study_add_intermediate(st, t, (double)step, val);
			step++;
		}
		{
			char *s = json_text(id);

			hp_study_add_attr(st, t, 1, "nni:trialJobId", s);
			free(s);
		}
		params[n++] = (cJSON *)p;
	}
	if (check_duplicates(ids, n, file, err) < 0 || pick_finish(&pick, st, file, err) < 0)
		goto out;
	set_params(st, params, n, NULL);
	set_direction(st, NULL, pick.chosen ? pick.key : NULL, opts);
	hp_study_add_note(st, "nnictl export holds only succeeded trials");
	if (hp_study_finish(st, &e) < 0) {
		hp_err_set(err, "%s: %s", file, e.msg);
		goto out;
	}
	hp_load_keep(out, st, opts);
	st = NULL;
	rc = 0;
out:
	hp_study_free(st);
	free(params);
	free(ids);
	free(lines);
	cJSON_Delete(root);
	free(text);
	pick_release(&pick);
	return rc;
}

/* --- export CSV ---------------------------------------------------------- */

static void
free_fields(char **f, int n)
{
	for (int i = 0; i < n; i++)
		free(f[i]);
}

/* One CSV record as Python's csv module writes it.  Returns the number of
 * fields, 0 at the end, -1 on an unterminated quote. */
static int
csv_record(const char **pp, const char *end, char ***fields, size_t *cap,
    size_t *line)
{
	const char *p = *pp;
	int n = 0;

	if (p >= end)
		return 0;
	for (;;) {
		struct hp_buf b;

		hp_buf_init(&b);
		hp_buf_add(&b, "", 0);
		if (p < end && *p == '"') {
			p++;
			for (;;) {
				if (p >= end) {
					hp_buf_release(&b);
					free_fields(*fields, n);
					return -1;
				}
				if (*p == '"' && p + 1 < end && p[1] == '"') {
					hp_buf_add(&b, "\"", 1);
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else {
					if (*p == '\n')
						(*line)++;
					hp_buf_add(&b, p++, 1);
				}
			}
		}
		while (p < end && *p != ',' && *p != '\n' && *p != '\r')
			hp_buf_add(&b, p++, 1);
		hp_grow(fields, cap, (size_t)n + 1, sizeof(char *));
		(*fields)[n++] = b.s;
		if (p < end && *p == ',') {
			p++;
			continue;
		}
		if (p < end && *p == '\r')
			p++;
		if (p < end && *p == '\n')
			p++;
		(*line)++;
		break;
	}
	*pp = p;
	return n;
}

int
hp_probe_nni_csv(const char *path, const char *head, size_t len)
{
	const char *e, *p;
	size_t n;

	(void)path;
	if (head == NULL || len == 0)
		return 0;
	e = memchr(head, '\n', len);
	n = e ? (size_t)(e - head) : len;
	for (p = head; p < head + n; ) {
		const char *c = memchr(p, ',', (size_t)(head + n - p));
		size_t fl = (c ? (size_t)(c - p) : (size_t)(head + n - p));

		while (fl && (p[fl - 1] == '\r'))
			fl--;
		if (fl == 10 && memcmp(p, "trialJobId", 10) == 0)
			return 1;
		if (c == NULL)
			break;
		p = c + 1;
	}
	return 0;
}

int
hp_load_nni_csv(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err)
{
	char *text = NULL, **hdr = NULL, **f = NULL;
	size_t len, caph = 0, capf = 0, line = 1, rowline, nids = 0, capids = 0;
	struct idline *ids = NULL;
	int nh, nf = 0, idcol = -1, objcol = -1, rc = -1, number = 0;
	const char *p, *end, *file = hp_load_basename(path);
	struct hp_study *st = NULL;
	struct hp_err e;

	if (hp_read_file(path, &text, &len, err) < 0)
		return -1;
	p = text;
	end = text + len;
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	nh = csv_record(&p, end, &hdr, &caph, &line);
	if (nh <= 0) {
		hp_err_set(err, "%s:1: no header", file);
		goto out;
	}
	for (int i = 0; i < nh; i++) {
		if (strcmp(hdr[i], "trialJobId") == 0)
			idcol = i;
		if (opts && opts->metric && strcmp(hdr[i], opts->metric) == 0)
			objcol = i;
	}
	for (int i = 0; i < nh && objcol < 0 && !(opts && opts->metric); i++)
		if (strcmp(hdr[i], "reward") == 0)
			objcol = i;
	for (int i = 0; i < nh && objcol < 0 && !(opts && opts->metric); i++)
		if (strcmp(hdr[i], "default") == 0)
			objcol = i;
	if (idcol < 0 || objcol < 0) {
		if (idcol >= 0 && opts && opts->metric)
			hp_err_set(err, "%s:1: no column \"%.60s\"", file, opts->metric);
		else
			hp_err_set(err, "%s:1: header needs trialJobId and reward or default",
			    file);
		goto out;
	}
	st = hp_study_new(file);
	for (;;) {
		size_t t;
		double v;

		rowline = line;
		nf = csv_record(&p, end, &f, &capf, &line);
		if (nf == 0)
			break;
		if (nf < 0) {
			hp_err_set(err, "%s:%zu: unterminated quoted field", file, rowline);
			nf = 0;
			goto out;
		}
		if (nf == 1 && f[0][0] == '\0') {	/* blank line */
			free_fields(f, nf);
			continue;
		}
		if (nf != nh) {
			hp_err_set(err, "%s:%zu: %d fields, the header has %d", file,
			    rowline, nf, nh);
			goto out;
		}
		hp_grow(&ids, &capids, nids + 1, sizeof(*ids));
		ids[nids++] = (struct idline){ hp_strdup(f[idcol]), rowline };
		if (f[objcol][0] == '\0')
			v = NAN;
		else if (lj_parse_number(f[objcol], &v) < 0) {
			hp_err_set(err, "%s:%zu: \"%.40s\" is not a number for \"%s\"", file,
			    rowline, f[objcol], hdr[objcol]);
			goto out;
		}
		t = hp_study_add_trial(st, number++, HP_STATE_COMPLETE);
		hp_study_set_value(st, t, 0, v);
		for (int i = 0; i < nh; i++)
			if (i != idcol && i != objcol)
				hp_study_set_param_text(st, t, hdr[i], f[i]);
		{
			cJSON *j = cJSON_CreateString(f[idcol]);
			char *s = json_text(j);

			hp_study_add_attr(st, t, 1, "nni:trialJobId", s);
			free(s);
			cJSON_Delete(j);
		}
		free_fields(f, nf);
		nf = 0;
	}
	if (check_duplicates(ids, nids, file, err) < 0)
		goto out;
	hp_study_set_objective_name(st, 0, hdr[objcol]);
	set_direction(st, NULL, NULL, opts);
	hp_study_add_note(st, "nnictl export holds only succeeded trials; CSV "
	    "columns other than trialJobId and \"%s\" are read as params", hdr[objcol]);
	if (hp_study_finish(st, &e) < 0) {
		hp_err_set(err, "%s: %s", file, e.msg);
		goto out;
	}
	hp_load_keep(out, st, opts);
	st = NULL;
	rc = 0;
out:
	hp_study_free(st);
	free_fields(f, nf);
	free(f);
	for (size_t i = 0; i < nids; i++)
		free((char *)ids[i].id);
	free(ids);
	free_fields(hdr, nh > 0 ? nh : 0);
	free(hdr);
	free(text);
	return rc;
}

/* --- nni.sqlite ---------------------------------------------------------- */

/* path of the database: PATH itself, or PATH/db/nni.sqlite for a directory */
static char *
db_path(const char *path)
{
	struct stat sb;
	struct hp_buf b;

	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		hp_buf_init(&b);
		hp_buf_printf(&b, "%s/db/nni.sqlite", path);
		return b.s;
	}
	return hp_strdup(path);
}

static int
probe_db(const char *path)
{
	struct hp_err e;
	sqlite3 *db = hp_sqlite_open_ro(path, hp_load_basename(path), &e);
	int ok;

	if (db == NULL)
		return 0;
	/* TrialJobEvent says "NNI"; the loader reports a missing MetricData */
	ok = hp_sqlite_has_table(db, "TrialJobEvent") == 1;
	sqlite3_close(db);
	return ok;
}

int
hp_probe_nni_sqlite(const char *path, const char *head, size_t len)
{
	return hp_sqlite_magic(head, len) && probe_db(path);
}

int
hp_probe_nni_dir(const char *path, const char *head, size_t len)
{
	char *p;
	FILE *fp;
	char magic[16];
	int ok = 0;

	(void)len;
	if (head != NULL)
		return 0;
	p = db_path(path);
	if ((fp = fopen(p, "rb")) != NULL) {
		ok = fread(magic, 1, 16, fp) == 16 && hp_sqlite_magic(magic, 16) &&
		    probe_db(p);
		fclose(fp);
	}
	free(p);
	return ok;
}

struct nni_trial {
	char	*id;		/* trialJobId */
	long long seq;		/* sequenceId, -1 = unknown */
	enum hp_state state;
	double	 start, end;	/* seconds */
	cJSON	*params;	/* the "parameters" object, owned */
	size_t	 niv;		/* PERIODICAL metrics seen */
	size_t	 t;		/* study trial index */
};

struct nni_db {
	const char	*file;	/* for messages */
	struct nni_trial *v;
	size_t		 n, cap;
};

static struct nni_trial *
find_trial(struct nni_db *d, const char *id)
{
	for (size_t i = d->n; i-- > 0; )
		if (strcmp(d->v[i].id, id) == 0)
			return &d->v[i];
	return NULL;
}

static int
event_state(const char *ev, enum hp_state *st)
{
	static const struct { const char *name; enum hp_state s; } map[] = {
		{ "WAITING", HP_STATE_WAITING }, { "RUNNING", HP_STATE_RUNNING },
		{ "UNKNOWN", HP_STATE_RUNNING },
		{ "SUCCEEDED", HP_STATE_COMPLETE }, { "FAILED", HP_STATE_FAIL },
		{ "USER_CANCELED", HP_STATE_FAIL }, { "SYS_CANCELED", HP_STATE_FAIL },
		{ "EARLY_STOPPED", HP_STATE_PRUNED },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(ev, map[i].name) == 0) {
			*st = map[i].s;
			return 0;
		}
	return -1;
}

static int
read_events(sqlite3 *db, struct nni_db *d, struct hp_err *err)
{
	sqlite3_stmt *s;
	long long row = 0;
	int rc;

	if (sqlite3_prepare_v2(db, "SELECT timestamp, trialJobId, event, data, "
	    "sequenceId FROM TrialJobEvent ORDER BY rowid", -1, &s, NULL) != SQLITE_OK)
		return hp_err_set(err, "%s: table TrialJobEvent: %s", d->file,
		    sqlite3_errmsg(db));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id, *ev, *data;
		long long ts, seq;
		struct nni_trial *tr;
		enum hp_state state;

		row++;
		if (hp_sqlite_int(s, 0, &ts) < 0 ||
		    hp_sqlite_text_only(s, 1, &id) < 0 || id == NULL ||
		    hp_sqlite_text_only(s, 2, &ev) < 0 || ev == NULL ||
		    hp_sqlite_text_only(s, 3, &data) < 0 ||
		    hp_sqlite_int(s, 4, &seq) < 0 || seq > 2147483647LL || seq < -1) {
			sqlite3_finalize(s);
			return hp_err_set(err, "%s: table TrialJobEvent, row %lld: wrong "
			    "types (expected integer timestamp and sequenceId, text "
			    "trialJobId, event and data)", d->file, row);
		}
		tr = find_trial(d, id);
		if (tr == NULL) {
			hp_grow(&d->v, &d->cap, d->n + 1, sizeof(*d->v));
			tr = &d->v[d->n++];
			memset(tr, 0, sizeof(*tr));
			tr->id = hp_strdup(id);
			tr->seq = -1;
			tr->state = HP_STATE_WAITING;
			tr->start = tr->end = NAN;
		}
		if (tr->seq < 0 && seq >= 0)
			tr->seq = seq;
		if (data != NULL && tr->params == NULL) {
			struct hp_err jerr;
			cJSON *j = hp_json_parse(data, strlen(data), "data", &jerr), *p;

			p = cJSON_DetachItemFromObjectCaseSensitive(j, "parameters");
			if (j == NULL || !cJSON_IsObject(p)) {
				cJSON_Delete(j);
				cJSON_Delete(p);
				sqlite3_finalize(s);
				return hp_err_set(err, "%s: table TrialJobEvent, row %lld: "
				    "data is not JSON with a \"parameters\" object", d->file, row);
			}
			tr->params = p;
			cJSON_Delete(j);
		}
		if (event_state(ev, &state) < 0)
			continue;	/* ADD_HYPERPARAMETER, ADD_CUSTOMIZED... */
		tr->state = state;
		if (state == HP_STATE_RUNNING && isnan(tr->start) && ts >= 0)
			tr->start = (double)ts / 1000.0;
		if (state != HP_STATE_RUNNING && state != HP_STATE_WAITING && ts >= 0)
			tr->end = (double)ts / 1000.0;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return hp_err_set(err, "%s: table TrialJobEvent: %s", d->file,
		    sqlite3_errmsg(db));
	return 0;
}

static int
read_metrics(sqlite3 *db, struct nni_db *d, struct pick *p, struct hp_study *st,
    struct hp_err *err)
{
	sqlite3_stmt *s;
	long long row = 0, unknown = 0;
	int rc;

	if (sqlite3_prepare_v2(db, "SELECT trialJobId, type, sequence, data "
	    "FROM MetricData ORDER BY rowid", -1, &s, NULL) != SQLITE_OK)
		return hp_err_set(err, "%s: table MetricData: %s", d->file,
		    sqlite3_errmsg(db));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id, *type, *data;
		long long seq;
		struct nni_trial *tr;
		struct hp_err e;
		double v;
		int final;

		row++;
		if (hp_sqlite_text_only(s, 0, &id) < 0 || id == NULL ||
		    hp_sqlite_text_only(s, 1, &type) < 0 || type == NULL ||
		    hp_sqlite_int(s, 2, &seq) < 0 ||
		    hp_sqlite_text_only(s, 3, &data) < 0) {
			sqlite3_finalize(s);
			return hp_err_set(err, "%s: table MetricData, row %lld: wrong "
			    "types (expected text trialJobId, type and data, integer "
			    "sequence)", d->file, row);
		}
		final = strcmp(type, "FINAL") == 0;
		if (!final && strcmp(type, "PERIODICAL") != 0)
			continue;	/* REQUEST_PARAMETER and others carry no value */
		tr = find_trial(d, id);
		if (tr == NULL) {
			unknown++;
			continue;
		}
		if (metric_from_text(data, p, &v, final ? st : NULL, tr->t, &e) < 0) {
			sqlite3_finalize(s);
			return hp_err_set(err, "%s: table MetricData, row %lld: %s",
			    d->file, row, e.msg);
		}
		if (final)
			hp_study_set_value(st, tr->t, 0, v);
		else if (!isnan(v) || !p->chosen)	/* not a dict without the key */
			hp_study_add_intermediate(st, tr->t, seq >= 0 ? (double)seq :
			    (double)tr->niv, v);
		if (!final)
			tr->niv++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return hp_err_set(err, "%s: table MetricData: %s", d->file,
		    sqlite3_errmsg(db));
	if (unknown)
		hp_study_add_note(st, "%lld metric rows name no known trial and were "
		    "left out", unknown);
	return 0;
}

/* The highest revision of the experiment profile, parsed (or NULL). */
static int
read_profile(sqlite3 *db, const char *file, cJSON **out, char **id, struct hp_err *err)
{
	sqlite3_stmt *s;
	const char *params, *eid;
	int rc, t = hp_sqlite_has_table(db, "ExperimentProfile");

	*out = NULL;
	*id = NULL;
	if (t <= 0)
		return t < 0 ? hp_err_set(err, "%s: %s", file, sqlite3_errmsg(db)) : 0;
	if (sqlite3_prepare_v2(db, "SELECT params, id FROM ExperimentProfile "
	    "ORDER BY revision DESC, rowid DESC LIMIT 1", -1, &s, NULL) != SQLITE_OK)
		return hp_err_set(err, "%s: table ExperimentProfile: %s", file,
		    sqlite3_errmsg(db));
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		struct hp_err jerr;

		if (hp_sqlite_text_only(s, 0, &params) < 0 ||
		    hp_sqlite_text_only(s, 1, &eid) < 0) {
			sqlite3_finalize(s);
			return hp_err_set(err, "%s: table ExperimentProfile: params and "
			    "id must be text", file);
		}
		if (params) {
			*out = hp_json_parse(params, strlen(params), "params", &jerr);
			if (*out == NULL || !cJSON_IsObject(*out)) {
				cJSON_Delete(*out);
				*out = NULL;
				sqlite3_finalize(s);
				return hp_err_set(err, "%s: table ExperimentProfile: params "
				    "is not a JSON object", file);
			}
		}
		*id = hp_strdup(eid);
	} else if (rc != SQLITE_DONE) {
		sqlite3_finalize(s);
		return hp_err_set(err, "%s: table ExperimentProfile: %s", file,
		    sqlite3_errmsg(db));
	}
	sqlite3_finalize(s);
	return 0;
}

/* tuner (or advisor) classArgs.optimize_mode, or NULL */
static const char *
optimize_mode(const cJSON *prof)
{
	static const char *const keys[] = { "tuner", "advisor" };

	for (size_t i = 0; i < 2; i++) {
		const cJSON *t = cJSON_GetObjectItemCaseSensitive(prof, keys[i]);
		const cJSON *ca = cJSON_GetObjectItemCaseSensitive(t, "classArgs");
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(ca, "optimize_mode");

		if (cJSON_IsString(m))
			return m->valuestring;
	}
	return NULL;
}

int
hp_load_nni_sqlite(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err)
{
	char *dbp = db_path(path), *eid = NULL;
	const char *file = hp_load_basename(dbp);
	struct nni_db d = { .file = file };
	sqlite3 *db;
	cJSON *prof = NULL, *space = NULL, **params = NULL;
	const cJSON *nm;
	struct hp_study *st = NULL;
	struct hp_err e;
	struct pick pick;
	int rc = -1, useseq = 1;

	pick_init(&pick, opts);
	db = hp_sqlite_open_ro(dbp, hp_load_basename(dbp), err);
	if (db == NULL) {
		free(dbp);
		return -1;
	}
	if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		hp_err_set(err, "%s: %s", file, sqlite3_errmsg(db));
		goto out;
	}
	for (int i = 0; i < 2; i++) {
		const char *tb = i ? "MetricData" : "TrialJobEvent";
		int h = hp_sqlite_has_table(db, tb);

		if (h != 1) {
			hp_err_set(err, "%s: %s", file, h < 0 ? sqlite3_errmsg(db) :
			    i ? "no table MetricData" : "no table TrialJobEvent");
			goto out;
		}
	}
	if (read_profile(db, file, &prof, &eid, err) < 0 || read_events(db, &d, err) < 0)
		goto out;
	nm = cJSON_GetObjectItemCaseSensitive(prof, "experimentName");
	st = hp_study_new(cJSON_IsString(nm) && nm->valuestring[0] ? nm->valuestring :
	    eid && *eid ? eid : file);
	/* sequenceIds number the trials when every trial has a distinct one */
	for (size_t i = 0; i < d.n && useseq; i++) {
		useseq = d.v[i].seq >= 0;
		for (size_t j = 0; j < i && useseq; j++)
			useseq = d.v[j].seq != d.v[i].seq;
	}
	if (!useseq && d.n)
		hp_study_add_note(st, "trials numbered in event order (sequenceId "
		    "missing or repeated)");
	params = hp_calloc(d.n + 1, sizeof(*params));
	for (size_t i = 0; i < d.n; i++) {
		char *s;
		cJSON *j;

		d.v[i].t = hp_study_add_trial(st, useseq ? (int)d.v[i].seq : (int)i,
		    d.v[i].state);
		hp_study_set_times(st, d.v[i].t, d.v[i].start, d.v[i].end);
		params[i] = d.v[i].params;
		j = cJSON_CreateString(d.v[i].id);
		s = json_text(j);
		hp_study_add_attr(st, d.v[i].t, 1, "nni:trialJobId", s);
		free(s);
		cJSON_Delete(j);
	}
	if (read_metrics(db, &d, &pick, st, err) < 0 || pick_finish(&pick, st, file, err) < 0)
		goto out;
	space = cJSON_GetObjectItemCaseSensitive(prof, "searchSpace");
	if (cJSON_IsString(space)) {	/* NNI v1 kept it as JSON text */
		struct hp_err jerr;

		space = hp_json_parse(space->valuestring, strlen(space->valuestring),
		    "searchSpace", &jerr);
		set_params(st, params, d.n, cJSON_IsObject(space) ? space : NULL);
		cJSON_Delete(space);
	} else
		set_params(st, params, d.n, cJSON_IsObject(space) ? space : NULL);
	set_direction(st, optimize_mode(prof), pick.chosen ? pick.key : NULL, opts);
	if (hp_study_finish(st, &e) < 0) {
		hp_err_set(err, "%s: table TrialJobEvent: %s", file, e.msg);
		goto out;
	}
	hp_load_keep(out, st, opts);
	st = NULL;
	rc = 0;
out:
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(db);
	hp_study_free(st);
	for (size_t i = 0; i < d.n; i++) {
		free(d.v[i].id);
		cJSON_Delete(d.v[i].params);
	}
	free(d.v);
	free(params);
	cJSON_Delete(prof);
	free(eid);
	free(dbp);
	pick_release(&pick);
	return rc;
}
