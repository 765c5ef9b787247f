/*
 * optuna_dist: Optuna's distribution_json -- {"name": ..., "attributes":
 * {...}} -- as a struct hp_dist, for every Optuna loader (RDB storage,
 * journal), and the typed choice a JSON scalar stands for, for every loader
 * whose categorical choices come as JSON.  Declared in internal.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/json.h"

#include "internal.h"

int
hp_choice_from_json(const cJSON *j, struct hp_choice *c)
{
	c->str = NULL;
	c->num = 0;
	if (cJSON_IsNull(j))
		c->kind = HP_CHOICE_NULL;
	else if (cJSON_IsBool(j)) {
		c->kind = HP_CHOICE_BOOL;
		c->num = cJSON_IsTrue(j);
	} else if (cJSON_IsNumber(j)) {
		double v = j->valuedouble;
		/* cJSON loses the int/float distinction; 2.5 vs 3: integral
		 * values without a '.' or exponent in the text cannot be told
		 * apart here, so integral numbers are ints (Optuna's fixtures
		 * use 3 and 2.5). */
		c->kind = isfinite(v) && v == floor(v) && fabs(v) < 9007199254740992.0 ?
		    HP_CHOICE_INT : HP_CHOICE_FLOAT;
		c->num = v;
	} else if (cJSON_IsString(j)) {
		c->kind = HP_CHOICE_STRING;
		c->str = j->valuestring;	/* borrowed */
	} else
		return -1;
	return 0;
}

static int
attr_number(const cJSON *attrs, const char *key, double *out, int required)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(attrs, key);

	if (j == NULL || cJSON_IsNull(j))
		return required ? -1 : 1;
	if (cJSON_IsBool(j)) {
		*out = cJSON_IsTrue(j);
		return 0;
	}
	return hp_json_number(j, out);
}

int
hp_dist_from_json(const char *json, struct hp_dist *out, struct hp_err *err)
{
	cJSON *root, *name, *attrs;
	const char *n;
	double v;
	int rc = -1, rl = 1, rs = 1;
	struct hp_err jerr;

	memset(out, 0, sizeof(*out));
	root = hp_json_parse(json, strlen(json), "distribution", &jerr);
	if (root == NULL)
		return hp_err_set(err, "malformed distribution JSON");
	name = cJSON_GetObjectItemCaseSensitive(root, "name");
	attrs = cJSON_GetObjectItemCaseSensitive(root, "attributes");
	if (!cJSON_IsString(name) || !cJSON_IsObject(attrs)) {
		hp_err_set(err, "distribution JSON without name and attributes");
		goto out;
	}
	n = name->valuestring;
	if (strcmp(n, "CategoricalDistribution") == 0) {
		const cJSON *ch = cJSON_GetObjectItemCaseSensitive(attrs, "choices"), *j;
		size_t i = 0;

		if (!cJSON_IsArray(ch) || cJSON_GetArraySize(ch) == 0) {
			hp_err_set(err, "categorical distribution without choices");
			goto out;
		}
		out->kind = HP_DIST_CATEGORICAL;
		out->nchoices = (size_t)cJSON_GetArraySize(ch);
		out->choices = hp_calloc(out->nchoices, sizeof(*out->choices));
		cJSON_ArrayForEach(j, ch) {
			if (hp_choice_from_json(j, &out->choices[i]) < 0) {
				out->nchoices = i;
				hp_dist_release(out);
				hp_err_set(err, "categorical choice %zu is not a scalar", i);
				goto out;
			}
			/* the dist owns its strings; the JSON tree goes away */
			out->choices[i].str = hp_strdup(out->choices[i].str);
			i++;
		}
		rc = 0;
		goto out;
	}
	if (attr_number(attrs, "low", &out->low, 1) < 0 ||
	    attr_number(attrs, "high", &out->high, 1) < 0) {
		hp_err_set(err, "%s without numeric low and high", n);
		goto out;
	}
	if (strcmp(n, "FloatDistribution") == 0 || strcmp(n, "UniformDistribution") == 0 ||
	    strcmp(n, "LogUniformDistribution") == 0 ||
	    strcmp(n, "DiscreteUniformDistribution") == 0) {
		out->kind = HP_DIST_FLOAT;
		out->log = strcmp(n, "LogUniformDistribution") == 0;
		/* step: FloatDistribution (null = continuous); q: DiscreteUniform */
		if ((rl = attr_number(attrs, "log", &v, 0)) == 0)
			out->log = v != 0;
		if ((rs = attr_number(attrs, "step", &v, 0)) == 1)
			rs = attr_number(attrs, "q", &v, 0);
		if (rs == 0)
			out->step = v;
	} else if (strcmp(n, "IntDistribution") == 0 ||
	    strcmp(n, "IntUniformDistribution") == 0 ||
	    strcmp(n, "IntLogUniformDistribution") == 0) {
		out->kind = HP_DIST_INT;
		out->log = strcmp(n, "IntLogUniformDistribution") == 0;
		out->step = 1;	/* IntUniformDistribution before v1.3 had no step */
		if ((rl = attr_number(attrs, "log", &v, 0)) == 0)
			out->log = v != 0;
		if ((rs = attr_number(attrs, "step", &v, 0)) == 0)
			out->step = v;
	} else {
		hp_err_set(err, "unknown distribution \"%.64s\"", n);
		goto out;
	}
	if (rl < 0 || rs < 0) {
		hp_err_set(err, "%s with a non-numeric %s", n, rl < 0 ? "log" : "step");
		goto out;
	}
	if (!isfinite(out->low) || !isfinite(out->high) || out->low > out->high ||
	    !(out->step >= 0 && out->step < INFINITY) ||
	    (out->kind == HP_DIST_INT && !(out->step >= 1)) ||
	    (out->log && out->low <= 0)) {
		hp_err_set(err, "%s with an invalid range", n);
		goto out;
	}
	rc = 0;
out:
	cJSON_Delete(root);
	return rc;
}
