/*
 * hpjson: hpreport's own study format, as one JSON document or as JSON
 * Lines (one trial per line, for scripts that append as they go).  The
 * schema is templates/hpreport-study.schema.json; templates/FORMAT.md is
 * the prose version.  In short:
 *
 *   {
 *     "hpreport": 1,                          optional format version
 *     "study": "name",                        default: the file name
 *     "directions": ["minimize", ...],        or "direction"; default minimize
 *     "objective_names": ["loss", ...],       optional
 *     "search_space": {                       optional, per param:
 *       "lr":    {"type": "float", "low": 1e-5, "high": 0.1, "log": true},
 *       "units": {"type": "int", "low": 16, "high": 1024, "step": 1, "log": true},
 *       "opt":   {"type": "categorical", "choices": ["adam", "sgd"]}
 *     },
 *     "user_attrs": {...}, "system_attrs": {...},
 *     "trials": [
 *       {"number": 0,                         default: position
 *        "state": "COMPLETE",                 default: COMPLETE with a value, else FAIL
 *        "value": 0.25,                       or "values": [0.25, 3.0]
 *        "params": {"lr": 0.001, "opt": "adam"},
 *        "intermediate_values": {"0": 1.5, "1": 0.9},   or [1.5, 0.9] for steps 0, 1, ...
 *        "datetime_start": "2024-06-07T17:27:27.682770",
 *        "datetime_complete": "2024-06-07 17:27:28",
 *        "user_attrs": {...}, "system_attrs": {...}}
 *     ]
 *   }
 *
 * JSON Lines: each line is one trial object as above; a line with study
 * keys ("study", "directions", "search_space", ...) and no trial keys sets
 * the study instead.  A last line without '\n' that is not valid JSON is a
 * write in progress and is ignored.  Params named in the search space are
 * checked against it; others are inferred from their values (int, float,
 * categorical; log scale over >= 2 decades) and noted.  Bare NaN,
 * Infinity and -Infinity are accepted anywhere a number is.
 *
 * Errors name the place: "runs.jsonl:14:7: malformed JSON",
 * "study.json: trials[3]: \"value\" must be a number or null".
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/load.h"
#include "internal.h"
#include "loadjson.h"

static const struct lj_field f_study[] = {
	{ "hpreport", LJ_NUM, 0, 0 }, { "study", LJ_STR, 0, 0 },
	{ "directions", LJ_ARR, 0, 0 }, { "direction", LJ_STR, 0, 0 },
	{ "objective_names", LJ_ARR, 0, 0 }, { "search_space", LJ_OBJ, 0, 0 },
	{ "user_attrs", LJ_OBJ, 0, 0 }, { "system_attrs", LJ_OBJ, 0, 0 },
	{ "trials", LJ_ARR, 0, 0 }, { NULL, 0, 0, 0 } };

static const struct lj_field f_trial[] = {
	{ "number", LJ_INT, 0, 0 }, { "state", LJ_STR, 0, 0 },
	{ "value", LJ_NUM, 0, 1 }, { "values", LJ_ARR, 0, 1 },
	{ "params", LJ_OBJ, 0, 0 }, { "intermediate_values", LJ_ANY, 0, 1 },
	{ "datetime_start", LJ_STR, 0, 1 }, { "datetime_complete", LJ_STR, 0, 1 },
	{ "user_attrs", LJ_OBJ, 0, 0 }, { "system_attrs", LJ_OBJ, 0, 0 },
	{ NULL, 0, 0, 0 } };

static const struct lj_field f_space[] = {
	{ "type", LJ_STR, 1, 0 }, { "low", LJ_NUM, 0, 0 }, { "high", LJ_NUM, 0, 0 },
	{ "log", LJ_ANY, 0, 0 }, { "step", LJ_NUM, 0, 1 }, { "choices", LJ_ARR, 0, 0 },
	{ NULL, 0, 0, 0 } };

static const char *const trial_keys[] = {
	"number", "state", "value", "values", "params", "intermediate_values",
	"datetime_start", "datetime_complete", NULL
};

struct space {
	char		*name;
	struct hp_dist	 dist;
};

struct hj {
	const char	*path;
	struct hp_study	*st;
	struct space	*space;
	size_t		 nspace;
	struct lj_seen	 seen;
	size_t		 ntrials;	/* for default numbers */
	int		 have_dirs;
};

static void
hj_release(struct hj *h)
{
	hp_study_free(h->st);
	for (size_t i = 0; i < h->nspace; i++) {
		free(h->space[i].name);
		hp_dist_release(&h->space[i].dist);
	}
	free(h->space);
	lj_seen_release(&h->seen);
}

static int
parse_direction(const cJSON *j, enum hp_direction *d)
{
	if (!cJSON_IsString(j))
		return -1;
	if (strcmp(j->valuestring, "minimize") == 0)
		*d = HP_DIR_MINIMIZE;
	else if (strcmp(j->valuestring, "maximize") == 0)
		*d = HP_DIR_MAXIMIZE;
	else
		return -1;
	return 0;
}

static int
parse_space_entry(const char *where, const cJSON *e, struct hp_dist *d,
    struct hp_err *err)
{
	const char *type;
	const cJSON *j;

	if (lj_check(e, f_space, where, err) < 0)
		return -1;
	memset(d, 0, sizeof(*d));
	type = cJSON_GetObjectItemCaseSensitive(e, "type")->valuestring;
	if (strcmp(type, "categorical") == 0) {
		const cJSON *ch = cJSON_GetObjectItemCaseSensitive(e, "choices");
		size_t i = 0;

		if (ch == NULL || cJSON_GetArraySize(ch) == 0)
			return hp_err_set(err, "%s: a categorical param needs \"choices\"", where);
		d->kind = HP_DIST_CATEGORICAL;
		d->choices = hp_calloc((size_t)cJSON_GetArraySize(ch), sizeof(*d->choices));
		cJSON_ArrayForEach(j, ch) {
			struct hp_choice c;

			if (hp_choice_from_json(j, &c) < 0) {
				hp_dist_release(d);
				return hp_err_set(err, "%s: choice %zu is not a scalar", where, i);
			}
			c.str = hp_strdup(c.str);
			d->choices[i++] = c;
			d->nchoices = i;
		}
		return 0;
	}
	if (strcmp(type, "float") == 0)
		d->kind = HP_DIST_FLOAT;
	else if (strcmp(type, "int") == 0) {
		d->kind = HP_DIST_INT;
		d->step = 1;
	} else
		return hp_err_set(err, "%s: \"type\" must be float, int or categorical", where);
	if (lj_get(e, "low") == NULL || lj_get(e, "high") == NULL)
		return hp_err_set(err, "%s: a %s param needs \"low\" and \"high\"", where, type);
	d->low = lj_get(e, "low")->valuedouble;
	d->high = lj_get(e, "high")->valuedouble;
	if ((j = lj_get(e, "step")) != NULL)
		d->step = j->valuedouble;
	if ((j = lj_get(e, "log")) != NULL)
		d->log = cJSON_IsTrue(j);
	if (!isfinite(d->low) || !isfinite(d->high) || d->low > d->high ||
	    !(d->step >= 0) || !isfinite(d->step) || (d->log && d->low <= 0) ||
	    (d->kind == HP_DIST_INT && (d->low != floor(d->low) ||
	    d->high != floor(d->high) || d->step < 1 || fabs(d->low) > 1e15 ||
	    fabs(d->high) > 1e15)))
		return hp_err_set(err, "%s: invalid range", where);
	return 0;
}

/* Study-level keys (document root, or a JSON Lines header line). */
static int
set_study(struct hj *h, const cJSON *o, const char *where, struct hp_err *err)
{
	const cJSON *j, *e;
	char w[700];

	if (lj_check(o, f_study, where, err) < 0)
		return -1;
	if ((j = lj_get(o, "study")) != NULL) {
		free(h->st->name);
		h->st->name = hp_strdup(j->valuestring);
	}
	if ((j = lj_get(o, "direction")) != NULL) {
		enum hp_direction d;

		if (parse_direction(j, &d) < 0)
			return hp_err_set(err, "%s: \"direction\" must be minimize or maximize",
			    where);
		hp_study_set_directions(h->st, 1, &d);
		h->have_dirs = 1;
	}
	if ((j = lj_get(o, "directions")) != NULL) {
		size_t n = (size_t)cJSON_GetArraySize(j), k = 0;
		enum hp_direction *d = hp_calloc(n ? n : 1, sizeof(*d));

		cJSON_ArrayForEach(e, j)
			if (parse_direction(e, &d[k++]) < 0) {
				free(d);
				return hp_err_set(err, "%s: \"directions\" must hold minimize or "
				    "maximize", where);
			}
		if (n == 0 || n > 64) {
			free(d);
			return hp_err_set(err, "%s: \"directions\" must hold 1 to 64 entries",
			    where);
		}
		hp_study_set_directions(h->st, n, d);
		free(d);
		h->have_dirs = 1;
	}
	if ((j = lj_get(o, "objective_names")) != NULL) {
		size_t k = 0;

		cJSON_ArrayForEach(e, j) {
			if (!cJSON_IsString(e) || k >= 64)
				return hp_err_set(err, "%s: \"objective_names\" must hold up to "
				    "64 strings", where);
			hp_study_set_objective_name(h->st, k++, e->valuestring);
		}
	}
	cJSON_ArrayForEach(e, lj_get(o, "search_space")) {
		struct hp_dist d;

		snprintf(w, sizeof(w), "%s: search_space \"%.100s\"", where, e->string);
		if (parse_space_entry(w, e, &d, err) < 0)
			return -1;
		h->space = hp_reallocarray(h->space, h->nspace + 1, sizeof(*h->space));
		h->space[h->nspace].name = hp_strdup(e->string);
		h->space[h->nspace++].dist = d;
	}
	for (int sys = 0; sys < 2; sys++)
		cJSON_ArrayForEach(e, lj_get(o, sys ? "system_attrs" : "user_attrs")) {
			char *json = lj_print(e);

			hp_study_add_attr(h->st, HP_NO_TRIAL, sys, e->string, json);
			free(json);
		}
	return 0;
}

static const struct hp_dist *
space_of(const struct hj *h, const char *name)
{
	for (size_t i = h->nspace; i-- > 0;)	/* a later definition wins */
		if (strcmp(h->space[i].name, name) == 0)
			return &h->space[i].dist;
	return NULL;
}

static int
set_param(struct hj *h, size_t t, const cJSON *p, const char *where,
    struct hp_err *err)
{
	const struct hp_dist *d = space_of(h, p->string);
	struct hp_err e;
	double v;
	char buf[40];

	if (cJSON_IsNull(p)) {	/* absent, unless None is one of the choices */
		size_t i;

		if (d == NULL || d->kind != HP_DIST_CATEGORICAL)
			return 0;
		for (i = 0; i < d->nchoices && d->choices[i].kind != HP_CHOICE_NULL; i++)
			;
		if (i == d->nchoices)
			return 0;
	}
	if (d == NULL) {
		const char *text = lj_text(p, buf, sizeof(buf));

		if (text == NULL)
			return hp_err_set(err, "%s: param \"%.100s\" must be a number, string "
			    "or boolean", where, p->string);
		hp_study_set_param_text(h->st, t, p->string, text);
		return 0;
	}
	if (d->kind == HP_DIST_CATEGORICAL) {
		struct hp_choice c;
		size_t i;

		if (hp_choice_from_json(p, &c) < 0)
			return hp_err_set(err, "%s: param \"%.100s\" must be one of its choices",
			    where, p->string);
		for (i = 0; i < d->nchoices; i++)
			if (hp_choice_equal(&d->choices[i], &c))
				break;
		if (i == d->nchoices)
			return hp_err_set(err, "%s: param \"%.100s\": value not among the "
			    "choices of the search space", where, p->string);
		v = (double)i;
	} else {
		if (!cJSON_IsNumber(p) || !isfinite(p->valuedouble))
			return hp_err_set(err, "%s: param \"%.100s\" must be a finite number",
			    where, p->string);
		v = p->valuedouble;
		if (d->kind == HP_DIST_INT && v != floor(v))
			return hp_err_set(err, "%s: param \"%.100s\" must be an integer", where,
			    p->string);
	}
	if (hp_study_set_param(h->st, t, p->string, d, v, &e) < 0)
		return hp_err_set(err, "%s: %s", where, e.msg);
	return 0;
}

/* One trial object; `place` is its line (JSON Lines) or index (document). */
static int
add_trial(struct hj *h, const cJSON *o, const char *where, size_t place,
    struct hp_err *err)
{
	struct hp_study *st = h->st;
	const cJSON *j, *e;
	enum hp_state state = HP_STATE_COMPLETE;
	int number = (int)h->ntrials, have_value = 0;
	double start, end;
	size_t t, k = 0;

	if (lj_check(o, f_trial, where, err) < 0)
		return -1;
	if ((j = lj_get(o, "number")) != NULL) {
		if (lj_int(j) < 0)
			return hp_err_set(err, "%s: \"number\" must not be negative", where);
		number = lj_int(j);
	}
	if ((j = lj_get(o, "state")) != NULL && hp_state_parse(j->valuestring, &state) < 0)
		return hp_err_set(err, "%s: unknown state \"%.40s\"", where, j->valuestring);
	if (lj_time(lj_get(o, "datetime_start"), &start) < 0 ||
	    lj_time(lj_get(o, "datetime_complete"), &end) < 0)
		return hp_err_set(err, "%s: malformed time stamp", where);
	if (h->ntrials >= (size_t)2147483647)
		return hp_err_set(err, "%s: too many trials", where);
	t = hp_study_add_trial(st, number, state);
	h->ntrials++;
	lj_seen_add(&h->seen, number, place);
	hp_study_set_times(st, t, start, end);
	if ((j = lj_get(o, "values")) != NULL) {
		cJSON_ArrayForEach(e, j) {
			if (!cJSON_IsNumber(e) && !cJSON_IsNull(e))
				return hp_err_set(err, "%s: \"values\" must hold numbers", where);
			if (k >= 64)
				return hp_err_set(err, "%s: more than 64 values", where);
			hp_study_set_value(st, t, k++, cJSON_IsNull(e) ? NAN : e->valuedouble);
			have_value |= cJSON_IsNumber(e) && !isnan(e->valuedouble);
		}
	} else if ((j = lj_get(o, "value")) != NULL) {
		hp_study_set_value(st, t, 0, j->valuedouble);
		have_value = !isnan(j->valuedouble);
	}
	if (lj_get(o, "state") == NULL && !have_value)
		hp_study_set_state(st, t, HP_STATE_FAIL);
	cJSON_ArrayForEach(e, lj_get(o, "params"))
		if (set_param(h, t, e, where, err) < 0)
			return -1;
	j = lj_get(o, "intermediate_values");
	if (j && !cJSON_IsObject(j) && !cJSON_IsArray(j))
		return hp_err_set(err, "%s: \"intermediate_values\" must be an object or "
		    "an array", where);
	k = 0;
	cJSON_ArrayForEach(e, j) {
		double step = (double)k++;

		if (cJSON_IsObject(j) && (hp_parse_double(e->string, &step) < 0 ||
		    step != floor(step) || fabs(step) > 1e15))
			return hp_err_set(err, "%s: intermediate step \"%.40s\" is not an "
			    "integer", where, e->string);
		if (cJSON_IsNull(e))
			continue;
		if (!cJSON_IsNumber(e))
			return hp_err_set(err, "%s: intermediate values must be numbers", where);
		hp_study_add_intermediate(st, t, step, e->valuedouble);
	}
	for (int sys = 0; sys < 2; sys++)
		cJSON_ArrayForEach(e, lj_get(o, sys ? "system_attrs" : "user_attrs")) {
			char *json = lj_print(e);

			hp_study_add_attr(st, t, sys, e->string, json);
			free(json);
		}
	return 0;
}

static int
hj_finish(struct hj *h, int style, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err)
{
	if (lj_seen_check(&h->seen, h->path, style, err) < 0)
		return -1;
	if (!h->have_dirs && opts && opts->direction != HP_DIR_NOT_SET) {
		enum hp_direction d = opts->direction;

		hp_study_set_directions(h->st, 1, &d);
	}
	if (lj_finish(h->st, h->path, err) < 0)
		return -1;
	if (opts && opts->study && strcmp(h->st->name, opts->study) != 0)
		hp_study_free(h->st);
	else
		hp_studyset_add(out, h->st);
	h->st = NULL;
	return 0;
}

static void
hj_init(struct hj *h, const char *path)
{
	char *name = lj_basename(path);

	memset(h, 0, sizeof(*h));
	h->path = path;
	h->st = hp_study_new(name);
	free(name);
}

int
hp_load_hpjson(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err)
{
	struct hj h;
	char where[700];
	size_t i = 0;
	cJSON *root;
	const cJSON *tr;
	int rc = -1;

	if ((root = lj_read_doc(path, err)) == NULL)
		return -1;
	hj_init(&h, path);
	if (!cJSON_IsObject(root) || !cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(root,
	    "trials"))) {
		hp_err_set(err, "%s: expected an object with a \"trials\" array", path);
		goto out;
	}
	if (set_study(&h, root, path, err) < 0)
		goto out;
	cJSON_ArrayForEach(tr, cJSON_GetObjectItemCaseSensitive(root, "trials")) {
		snprintf(where, sizeof(where), "%s: trials[%zu]", path, i);
		if (add_trial(&h, tr, where, i, err) < 0)
			goto out;
		i++;
	}
	rc = hj_finish(&h, 'I', opts, out, err);
out:
	hj_release(&h);
	cJSON_Delete(root);
	return rc;
}

/* A JSON Lines object with study keys and no trial keys is a header. */
static int
is_header(const cJSON *o)
{
	for (size_t i = 0; trial_keys[i]; i++)
		if (cJSON_GetObjectItemCaseSensitive(o, trial_keys[i]))
			return 0;
	return cJSON_GetObjectItemCaseSensitive(o, "study") ||
	    cJSON_GetObjectItemCaseSensitive(o, "directions") ||
	    cJSON_GetObjectItemCaseSensitive(o, "direction") ||
	    cJSON_GetObjectItemCaseSensitive(o, "search_space");
}

int
hp_load_hpjsonl(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err)
{
	struct hj h;
	struct lr lr;
	char where[700];
	int got, rc = 0, half = 0;

	if (lr_open(&lr, path, err) < 0)
		return -1;
	hj_init(&h, path);
	while ((got = lr_next(&lr, err)) > 0) {
		const char *p = lr.line;
		cJSON *o;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			continue;
		o = lj_parse_line(lr.line, lr.len, path, lr.lineno, err);
		if (o == NULL) {
			if (!lr.complete) {	/* a write in progress */
				half = 1;
				break;
			}
			rc = -1;
			break;
		}
		snprintf(where, sizeof(where), "%s:%zu", path, lr.lineno);
		if (!cJSON_IsObject(o))
			rc = hp_err_set(err, "%s: expected a JSON object", where);
		else if (is_header(o))
			rc = set_study(&h, o, where, err);
		else
			rc = add_trial(&h, o, where, lr.lineno, err);
		cJSON_Delete(o);
		if (rc < 0)
			break;
	}
	lr_close(&lr);
	if (got < 0)
		rc = -1;
	if (rc == 0 && half)
		hp_study_add_note(h.st, "JSON Lines: the last line is incomplete (a write "
		    "in progress) and was ignored");
	if (rc == 0)
		rc = hj_finish(&h, 'L', opts, out, err);
	hj_release(&h);
	return rc;
}

/* Skips blanks; returns the first other character of head, or NUL. */
int
hp_probe_hpjson(const char *path, const char *head, size_t len)
{
	const char *p;

	(void)path;
	if (head == NULL || len == 0)
		return 0;
	p = lj_skip_blank(head);
	if (*p != '{')
		return 0;
	/* an object with a "trials" array; Optuna's DataFrame has no such key */
	return strstr(p, "\"hpreport\"") != NULL || (strstr(p, "\"trials\"") != NULL &&
	    strstr(p, "\"x_iters\"") == NULL && strstr(p, "\"op_code\"") == NULL);
}

int
hp_probe_hpjsonl(const char *path, const char *head, size_t len)
{
	const char *p, *nl;
	cJSON *o;
	int ok = 0;

	(void)path;
	if (head == NULL || len == 0)
		return 0;
	p = lj_skip_blank(head);
	if (*p != '{' || (nl = strchr(p, '\n')) == NULL)
		return 0;
	/* the first complete line is an object on its own */
	o = hp_json_parse(p, (size_t)(nl - p), "-", NULL);
	if (cJSON_IsObject(o) && !cJSON_GetObjectItemCaseSensitive(o, "op_code") &&
	    !cJSON_GetObjectItemCaseSensitive(o, "trials"))
		ok = is_header(o) || cJSON_GetObjectItemCaseSensitive(o, "params") ||
		    cJSON_GetObjectItemCaseSensitive(o, "value") ||
		    cJSON_GetObjectItemCaseSensitive(o, "values");
	cJSON_Delete(o);
	return ok;
}
