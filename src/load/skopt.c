/*
 * skopt: a scikit-optimize OptimizeResult exported to JSON.  skopt.dump()
 * writes a joblib pickle, which only Python can read, so hpreport defines
 * this export (templates/FORMAT.md has the Python that writes it):
 *
 *   {"skopt": 1,
 *    "space": [{"type": "Real", "name": "lr", "low": 1e-5, "high": 0.1,
 *               "prior": "log-uniform"},
 *              {"type": "Integer", "name": "units", "low": 16, "high": 1024,
 *               "prior": "uniform"},
 *              {"type": "Categorical", "name": "opt", "categories": ["adam", "sgd"]}],
 *    "x_iters": [[0.001, 64, "adam"], ...],
 *    "func_vals": [0.25, ...],
 *    "x": [...], "fun": 0.25}                 (x and fun are not needed)
 *
 * Trial i is x_iters[i] with objective func_vals[i], minimized, COMPLETE.
 * A dimension without a name is called x0, x1, ... as skopt's plots do.
 * Errors name the place: "res.json: x_iters[3][1]: ...".
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/load.h"
#include "internal.h"
#include "loadjson.h"

static const struct lj_field f_root[] = {
	{ "space", LJ_ARR, 1, 0 }, { "x_iters", LJ_ARR, 1, 0 },
	{ "func_vals", LJ_ARR, 1, 0 }, { "name", LJ_STR, 0, 0 },
	{ NULL, 0, 0, 0 } };

static const struct lj_field f_dim[] = {
	{ "type", LJ_STR, 1, 0 }, { "name", LJ_STR, 0, 1 },
	{ "low", LJ_NUM, 0, 0 }, { "high", LJ_NUM, 0, 0 },
	{ "prior", LJ_STR, 0, 1 }, { "categories", LJ_ARR, 0, 0 },
	{ NULL, 0, 0, 0 } };

struct dim {
	char		*name;
	struct hp_dist	 dist;
};

static int
parse_dim(const char *path, size_t i, const cJSON *e, struct dim *d,
    struct hp_err *err)
{
	char where[600], nm[32];
	const char *type, *prior;
	const cJSON *j;

	snprintf(where, sizeof(where), "%s: space[%zu]", path, i);
	if (lj_check(e, f_dim, where, err) < 0)
		return -1;
	j = lj_get(e, "name");
	snprintf(nm, sizeof(nm), "x%zu", i);
	d->name = hp_strdup(j ? j->valuestring : nm);
	type = cJSON_GetObjectItemCaseSensitive(e, "type")->valuestring;
	if (strcmp(type, "Categorical") == 0) {
		const cJSON *ch = lj_get(e, "categories");
		size_t k = 0;

		if (ch == NULL || cJSON_GetArraySize(ch) == 0)
			return hp_err_set(err, "%s: Categorical without \"categories\"", where);
		d->dist.kind = HP_DIST_CATEGORICAL;
		d->dist.choices = hp_calloc((size_t)cJSON_GetArraySize(ch),
		    sizeof(*d->dist.choices));
		cJSON_ArrayForEach(j, ch) {
			struct hp_choice c;

			if (hp_choice_from_json(j, &c) < 0)
				return hp_err_set(err, "%s: category %zu is not a scalar", where, k);
			c.str = hp_strdup(c.str);
			d->dist.choices[k++] = c;
			d->dist.nchoices = k;
		}
		return 0;
	}
	if (strcmp(type, "Real") == 0)
		d->dist.kind = HP_DIST_FLOAT;
	else if (strcmp(type, "Integer") == 0) {
		d->dist.kind = HP_DIST_INT;
		d->dist.step = 1;
	} else
		return hp_err_set(err, "%s: \"type\" must be Real, Integer or Categorical",
		    where);
	if (lj_get(e, "low") == NULL || lj_get(e, "high") == NULL)
		return hp_err_set(err, "%s: %s without \"low\" and \"high\"", where, type);
	d->dist.low = lj_get(e, "low")->valuedouble;
	d->dist.high = lj_get(e, "high")->valuedouble;
	prior = lj_get(e, "prior") ? lj_get(e, "prior")->valuestring : "uniform";
	if (strcmp(prior, "log-uniform") == 0)
		d->dist.log = 1;
	else if (strcmp(prior, "uniform") != 0)
		return hp_err_set(err, "%s: \"prior\" must be uniform or log-uniform", where);
	if (!isfinite(d->dist.low) || !isfinite(d->dist.high) ||
	    d->dist.low > d->dist.high || (d->dist.log && d->dist.low <= 0) ||
	    (d->dist.kind == HP_DIST_INT && (d->dist.low != floor(d->dist.low) ||
	    d->dist.high != floor(d->dist.high) || fabs(d->dist.low) > 1e15 ||
	    fabs(d->dist.high) > 1e15)))
		return hp_err_set(err, "%s: invalid range", where);
	return 0;
}

static int
set_point(struct hp_study *st, size_t t, const char *path, size_t i,
    const cJSON *x, const struct dim *dims, size_t ndims, struct hp_err *err)
{
	const cJSON *v;
	size_t k = 0;
	struct hp_err e;

	if (!cJSON_IsArray(x) || (size_t)cJSON_GetArraySize(x) != ndims)
		return hp_err_set(err, "%s: x_iters[%zu]: expected a list of %zu values",
		    path, i, ndims);
	cJSON_ArrayForEach(v, x) {
		const struct hp_dist *d = &dims[k].dist;
		double internal;

		if (d->kind == HP_DIST_CATEGORICAL) {
			struct hp_choice c;
			size_t j;

			if (hp_choice_from_json(v, &c) < 0)
				return hp_err_set(err, "%s: x_iters[%zu][%zu]: not a category",
				    path, i, k);
			for (j = 0; j < d->nchoices; j++)
				if (hp_choice_equal(&d->choices[j], &c))
					break;
			if (j == d->nchoices)
				return hp_err_set(err, "%s: x_iters[%zu][%zu]: not one of the "
				    "categories of \"%s\"", path, i, k, dims[k].name);
			internal = (double)j;
		} else {
			if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble) ||
			    (d->kind == HP_DIST_INT && v->valuedouble != floor(v->valuedouble)))
				return hp_err_set(err, "%s: x_iters[%zu][%zu]: expected %s for "
				    "\"%s\"", path, i, k, d->kind == HP_DIST_INT ? "an integer" :
				    "a number", dims[k].name);
			internal = v->valuedouble;
		}
		if (hp_study_set_param(st, t, dims[k].name, d, internal, &e) < 0)
			return hp_err_set(err, "%s: x_iters[%zu][%zu]: %s", path, i, k, e.msg);
		k++;
	}
	return 0;
}

int
hp_load_skopt(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err)
{
	char *name;
	size_t ndims = 0, i = 0;
	cJSON *root;
	const cJSON *j, *fv;
	struct dim *dims = NULL;
	struct hp_study *st = NULL;
	enum hp_direction dir = HP_DIR_MINIMIZE;
	int rc = -1;

	if ((root = lj_read_doc(path, err)) == NULL)
		return -1;
	if (lj_check(root, f_root, path, err) < 0)
		goto out;
	j = cJSON_GetObjectItemCaseSensitive(root, "space");
	dims = hp_calloc((size_t)cJSON_GetArraySize(j) + 1, sizeof(*dims));
	cJSON_ArrayForEach(j, j) {
		if (parse_dim(path, ndims, j, &dims[ndims], err) < 0) {
			ndims++;
			goto out;
		}
		for (size_t k = 0; k < ndims; k++)
			if (strcmp(dims[k].name, dims[ndims].name) == 0) {
				hp_err_set(err, "%s: space[%zu]: name \"%.100s\" used twice",
				    path, ndims, dims[k].name);
				ndims++;
				goto out;
			}
		ndims++;
	}
	if (ndims == 0) {
		hp_err_set(err, "%s: \"space\" is empty", path);
		goto out;
	}
	if (cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "x_iters")) !=
	    cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "func_vals"))) {
		hp_err_set(err, "%s: \"x_iters\" and \"func_vals\" differ in length", path);
		goto out;
	}
	j = lj_get(root, "name");
	name = j ? NULL : lj_basename(path);
	st = hp_study_new(j ? j->valuestring : name);
	free(name);
	hp_study_set_directions(st, 1, &dir);
	fv = cJSON_GetObjectItemCaseSensitive(root, "func_vals")->child;
	cJSON_ArrayForEach(j, cJSON_GetObjectItemCaseSensitive(root, "x_iters")) {
		size_t t = hp_study_add_trial(st, (int)i, HP_STATE_COMPLETE);

		if (!cJSON_IsNumber(fv)) {
			hp_err_set(err, "%s: func_vals[%zu]: expected a number", path, i);
			goto out;
		}
		hp_study_set_value(st, t, 0, fv->valuedouble);
		if (isnan(fv->valuedouble))
			hp_study_set_state(st, t, HP_STATE_FAIL);
		if (set_point(st, t, path, i, j, dims, ndims, err) < 0)
			goto out;
		fv = fv->next;
		i++;
	}
	hp_study_add_note(st, "scikit-optimize result: minimized; no times, states or "
	    "intermediate values stored");
	if (lj_finish(st, path, err) < 0)
		goto out;
	if (opts && opts->study && strcmp(st->name, opts->study) != 0)
		hp_study_free(st);
	else
		hp_studyset_add(out, st);
	st = NULL;
	rc = 0;
out:
	hp_study_free(st);
	for (size_t k = 0; k < ndims; k++) {
		free(dims[k].name);
		hp_dist_release(&dims[k].dist);
	}
	free(dims);
	cJSON_Delete(root);
	return rc;
}

int
hp_probe_skopt(const char *path, const char *head, size_t len)
{
	const char *p;

	(void)path;
	if (head == NULL || len == 0)
		return 0;
	p = lj_skip_blank(head);
	return *p == '{' && (strstr(p, "\"x_iters\"") != NULL ||
	    strstr(p, "\"func_vals\"") != NULL) && strstr(p, "\"op_code\"") == NULL;
}
