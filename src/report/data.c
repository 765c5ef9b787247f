/*
 * data: the report's machine-readable files beside the figures' own
 * tables -- data/trials.csv (every trial) and data/study.json (the
 * overview) -- and the small text files the report writes.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "hpreport/json.h"

/* j with every number written as hp_json_exact writes it; returns j. */
static cJSON *
exact_json(cJSON *j)
{
	for (cJSON *c = j->child; c; c = c->next)
		exact_json(c);
	if (cJSON_IsNumber(j)) {
		cJSON *x = hp_json_exact(j->valuedouble);

		j->type = x->type;
		j->valuestring = x->valuestring;	/* taken over from x */
		x->valuestring = NULL;
		cJSON_Delete(x);
	}
	return j;
}

int
report_write_text(const char *path, const char *text, struct hp_err *err)
{
	FILE *fp = fopen(path, "w");

	if (fp == NULL)
		return hp_err_set(err, "%s: %s", path, strerror(errno));
	fputs(text, fp);
	if (ferror(fp) | (fclose(fp) != 0))
		return hp_err_set(err, "%s: write error", path);
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The distinct keys of the trials' user attributes, sorted (the strings
 * point into st); *n of them.  The caller frees the array. */
static const char **
user_attr_keys(const struct hp_study *st, size_t *n)
{
	const char **k = hp_calloc(st->nattrs + 1, sizeof(*k));
	size_t m = 0;

	for (size_t i = 0; i < st->nattrs; i++)
		if (st->attrs[i].trial != HP_NO_TRIAL && !st->attrs[i].system)
			k[m++] = st->attrs[i].key;
	if (m > 1)
		qsort(k, m, sizeof(*k), cmp_str);
	*n = 0;
	for (size_t i = 0; i < m; i++)
		if (*n == 0 || strcmp(k[*n - 1], k[i]) != 0)
			k[(*n)++] = k[i];
	return k;
}

/* A user attribute's JSON as a CSV cell: a string as its text, anything
 * else (number, bool, null, list, dict) as its JSON. */
static void
attr_cell(FILE *fp, const char *json)
{
	cJSON *j = cJSON_Parse(json);

	hp_csv_put(fp, cJSON_IsString(j) ? j->valuestring : json);
	cJSON_Delete(j);
}

int
report_write_trials_csv(const char *path, const struct hp_study *st, struct hp_err *err)
{
	size_t nkeys, a = 0;
	const char **keys = user_attr_keys(st, &nkeys);
	int constrained = hp_study_constrained(st);
	FILE *fp = fopen(path, "w");
	char buf[512];

	if (fp == NULL) {
		free(keys);
		return hp_err_set(err, "%s: %s", path, strerror(errno));
	}
	fputs(HP_COL_NUMBER "," HP_COL_STATE, fp);
	for (size_t k = 0; k < st->nobj; k++) {
		fputc(',', fp);
		hp_csv_put(fp, hp_study_value_column(st, k, buf, sizeof(buf)));
	}
	fputs("," HP_COL_START "," HP_COL_END "," HP_COL_DURATION, fp);
	for (size_t i = 0; i < st->nparams; i++) {
		fputc(',', fp);
		hp_csv_put(fp, hp_study_param_column(st, i, buf, sizeof(buf)));
	}
	/* after the columns above, which stay as they were: one per user
	 * attribute key, named as Optuna's trials_dataframe() names them */
	for (size_t i = 0; i < nkeys; i++) {
		snprintf(buf, sizeof(buf), "user_attrs_%s", keys[i]);
		fputc(',', fp);
		hp_csv_put(fp, buf);
	}
	if (constrained)	/* last: a column the figures once each wrote */
		fputs("," HP_COL_FEASIBLE, fp);
	fputc('\n', fp);
	while (a < st->nattrs && st->attrs[a].trial == HP_NO_TRIAL)
		a++;	/* attrs: the study's first, then by trial, system, key */
	for (size_t tr = 0; tr < st->ntrials; tr++) {
		double d = st->t_end[tr] - st->t_start[tr];

		fprintf(fp, "%d,", st->number[tr]);
		hp_csv_put(fp, hp_state_name(st->state[tr]));
		for (size_t k = 0; k < st->nobj; k++) {
			double v = hp_study_value(st, tr, k);

			fputc(',', fp);
			if (!isnan(v))
				hp_csv_put(fp, hp_fmt_double(buf, sizeof(buf), v));
		}
		fputc(',', fp);
		hp_csv_put(fp, hp_fmt_datetime(buf, sizeof(buf), st->t_start[tr]));
		fputc(',', fp);
		hp_csv_put(fp, hp_fmt_datetime(buf, sizeof(buf), st->t_end[tr]));
		fputc(',', fp);
		if (isfinite(d))
			hp_csv_put(fp, hp_fmt_double(buf, sizeof(buf), d));
		for (size_t i = 0; i < st->nparams; i++) {
			const struct hp_param *p = &st->params[i];

			fputc(',', fp);
			if (!isnan(p->v[tr]))
				hp_csv_put(fp, hp_param_format(p, p->v[tr], buf, sizeof(buf)));
		}
		for (size_t i = 0; i < nkeys; i++) {
			/* both sorted by key: the trial's user attrs merge in */
			while (a < st->nattrs && st->attrs[a].trial == tr &&
			    !st->attrs[a].system && strcmp(st->attrs[a].key, keys[i]) < 0)
				a++;
			fputc(',', fp);
			if (a < st->nattrs && st->attrs[a].trial == tr &&
			    !st->attrs[a].system && strcmp(st->attrs[a].key, keys[i]) == 0)
				attr_cell(fp, st->attrs[a++].json);
		}
		while (a < st->nattrs && st->attrs[a].trial == tr)
			a++;
		if (constrained)
			fputs(hp_study_feasible(st, tr) ? ",1" : ",0", fp);
		fputc('\n', fp);
	}
	free(keys);
	if (ferror(fp) | (fclose(fp) != 0))
		return hp_err_set(err, "%s: write error", path);
	return 0;
}

/* A param value with its type: a number, or the choice as Python had it
 * (null, true/false, a number, a string). */
static cJSON *
json_param_value(const struct hp_param *p, double v)
{
	char buf[256];

	if (p->dist.kind == HP_DIST_INT && isfinite(v))
		return cJSON_CreateRaw(hp_param_format(p, v, buf, sizeof(buf)));
	if (p->dist.kind != HP_DIST_CATEGORICAL)
		return hp_json_exact(v);
	if (v >= 0 && v < (double)p->dist.nchoices) {
		const struct hp_choice *c = &p->dist.choices[(size_t)v];

		switch (c->kind) {
		case HP_CHOICE_NULL:
			return cJSON_CreateNull();
		case HP_CHOICE_BOOL:
			return cJSON_CreateBool(c->num != 0);
		case HP_CHOICE_INT:
		case HP_CHOICE_FLOAT:
			return hp_json_exact(c->num);
		case HP_CHOICE_STRING:
			break;
		}
	}
	return cJSON_CreateString(hp_param_format(p, v, buf, sizeof(buf)));
}

/* A user attribute's value for study.json: its JSON, numbers as
 * hp_json_exact writes them (NaN and infinities, which JSON lacks, as
 * strings); text that is not JSON stays a string. */
static cJSON *
attr_value(const char *json)
{
	cJSON *j = hp_json_parse(json, strlen(json), "attribute", NULL);

	return j ? exact_json(j) : cJSON_CreateString(json);
}

/* An object of the user attributes of trial t (HP_NO_TRIAL: the study). */
static cJSON *
user_attrs_object(const struct hp_study *st, size_t t)
{
	cJSON *o = cJSON_CreateObject();

	for (size_t i = 0; i < st->nattrs; i++)
		if (st->attrs[i].trial == t && !st->attrs[i].system)
			cJSON_AddItemToObject(o, st->attrs[i].key,
			    attr_value(st->attrs[i].json));
	return o;
}

/*
 * "selection": what --trials, --states and --best kept (null when every
 * trial): the options, the sentence the figures show, the counts, and
 * each criterion given.
 */
static void
add_selection(cJSON *root, const struct hp_study *st)
{
	const struct hp_selection *sel = &st->selection;
	cJSON *o, *a;
	char buf[256];

	if (!st->selected) {
		cJSON_AddNullToObject(root, "selection");
		return;
	}
	o = cJSON_AddObjectToObject(root, "selection");
	cJSON_AddStringToObject(o, "options", hp_selection_format(sel, buf, sizeof(buf)));
	cJSON_AddStringToObject(o, "note", st->selection_note);
	cJSON_AddNumberToObject(o, "n_trials", (double)st->ntrials);
	cJSON_AddNumberToObject(o, "n_trials_input", (double)st->ntrials_input);
	if (sel->has_lo || sel->has_hi) {
		cJSON *r = cJSON_AddObjectToObject(o, "trials");

		if (sel->has_lo)
			cJSON_AddNumberToObject(r, "from", (double)sel->lo);
		else
			cJSON_AddNullToObject(r, "from");
		if (sel->has_hi)
			cJSON_AddNumberToObject(r, "to", (double)sel->hi);
		else
			cJSON_AddNullToObject(r, "to");
	}
	if (sel->states) {
		a = cJSON_AddArrayToObject(o, "states");
		for (int s = 0; s < HP_STATE__COUNT; s++)
			if (sel->states & (1u << s))
				cJSON_AddItemToArray(a, cJSON_CreateString(
				    hp_state_name((enum hp_state)s)));
	}
	if (sel->best > 0) {
		cJSON *b = cJSON_AddObjectToObject(o, "best");

		if (sel->best_percent)
			cJSON_AddItemToObject(b, "percent", hp_json_exact(sel->best));
		else
			cJSON_AddNumberToObject(b, "count", sel->best);
		if (sel->objective >= 0 || st->nobj == 1) {
			cJSON_AddStringToObject(b, "by", "objective");
			cJSON_AddNumberToObject(b, "objective",
			    sel->objective >= 0 ? (double)sel->objective : 0);
		} else
			cJSON_AddStringToObject(b, "by", "pareto_rank");
	}
}

int
report_write_study_json(const char *path, const struct hp_study *st, struct hp_err *err)
{
	cJSON *root = cJSON_CreateObject(), *a, *o;
	char *text;
	int rc;

	cJSON_AddStringToObject(root, "name", st->name);
	a = cJSON_AddArrayToObject(root, "directions");
	for (size_t k = 0; k < st->nobj; k++)
		cJSON_AddItemToArray(a, cJSON_CreateString(hp_direction_name(st->dir[k])));
	a = cJSON_AddArrayToObject(root, "objective_names");
	for (size_t k = 0; k < st->nobj; k++)
		cJSON_AddItemToArray(a, st->objname[k] ? cJSON_CreateString(st->objname[k]) :
		    cJSON_CreateNull());
	cJSON_AddNumberToObject(root, "n_trials", (double)st->ntrials);
	o = cJSON_AddObjectToObject(root, "states");
	for (int s = 0; s < HP_STATE__COUNT; s++)
		cJSON_AddNumberToObject(o, hp_state_name((enum hp_state)s),
		    (double)hp_study_count_state(st, (enum hp_state)s));
	if (hp_study_constrained(st))	/* "best" is then the best feasible */
		cJSON_AddNumberToObject(root, "infeasible",
		    (double)hp_study_count_infeasible(st));
	a = cJSON_AddArrayToObject(root, "best");
	for (size_t k = 0; k < st->nobj; k++) {
		long b = hp_study_best(st, k);
		cJSON *bo;

		if (b < 0) {
			cJSON_AddItemToArray(a, cJSON_CreateNull());
			continue;
		}
		bo = cJSON_CreateObject();
		cJSON_AddNumberToObject(bo, "number", st->number[b]);
		cJSON_AddItemToObject(bo, "value", hp_json_exact(hp_study_value(st, (size_t)b, k)));
		cJSON *pp = cJSON_AddObjectToObject(bo, "params");
		for (size_t i = 0; i < st->nparams; i++) {
			const struct hp_param *p = &st->params[i];

			if (!isnan(p->v[b]))
				cJSON_AddItemToObject(pp, p->name, json_param_value(p, p->v[b]));
		}
		cJSON_AddItemToObject(bo, "user_attrs", user_attrs_object(st, (size_t)b));
		cJSON_AddItemToArray(a, bo);
	}
	a = cJSON_AddArrayToObject(root, "search_space");
	for (size_t i = 0; i < st->nparams; i++) {
		const struct hp_param *p = &st->params[i];
		cJSON *po = cJSON_CreateObject();

		cJSON_AddStringToObject(po, "name", p->name);
		cJSON_AddStringToObject(po, "type", p->dist.kind == HP_DIST_FLOAT ? "float" :
		    p->dist.kind == HP_DIST_INT ? "int" : "categorical");
		if (p->dist.kind == HP_DIST_CATEGORICAL) {
			cJSON *ch = cJSON_AddArrayToObject(po, "choices");

			for (size_t c = 0; c < p->dist.nchoices; c++)
				cJSON_AddItemToArray(ch, json_param_value(p, (double)c));
		} else {
			cJSON_AddItemToObject(po, "low", hp_json_exact(p->dist.low));
			cJSON_AddItemToObject(po, "high", hp_json_exact(p->dist.high));
			cJSON_AddBoolToObject(po, "log", p->dist.log);
			if (p->dist.step > 0)
				cJSON_AddItemToObject(po, "step", hp_json_exact(p->dist.step));
		}
		cJSON_AddBoolToObject(po, "inferred", p->inferred == 1);
		cJSON_AddItemToArray(a, po);
	}
	cJSON_AddItemToObject(root, "user_attrs", user_attrs_object(st, HP_NO_TRIAL));
	a = cJSON_AddArrayToObject(root, "notes");
	for (size_t i = 0; i < st->nnotes; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(st->notes[i]));
	add_selection(root, st);
	text = cJSON_Print(root);
	cJSON_Delete(root);
	rc = report_write_text(path, text, err);
	if (rc == 0) {
		FILE *fp = fopen(path, "a");

		if (fp) {
			fputc('\n', fp);
			fclose(fp);
		}
	}
	free(text);
	return rc;
}
