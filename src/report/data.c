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

int
report_write_trials_csv(const char *path, const struct hp_study *st, struct hp_err *err)
{
	FILE *fp = fopen(path, "w");
	char buf[512];

	if (fp == NULL)
		return hp_err_set(err, "%s: %s", path, strerror(errno));
	fputs("number,state", fp);
	for (size_t k = 0; k < st->nobj; k++) {
		snprintf(buf, sizeof(buf), st->nobj == 1 ? "value" : "values_%zu", k);
		fputc(',', fp);
		hp_csv_put(fp, buf);
	}
	fputs(",datetime_start,datetime_complete,duration_s", fp);
	for (size_t i = 0; i < st->nparams; i++) {
		snprintf(buf, sizeof(buf), "params_%s", st->params[i].name);
		fputc(',', fp);
		hp_csv_put(fp, buf);
	}
	fputc('\n', fp);
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
		fputc('\n', fp);
	}
	if (ferror(fp) | (fclose(fp) != 0))
		return hp_err_set(err, "%s: write error", path);
	return 0;
}

/*
 * A number as the CSVs write it, the shortest text that reads back as the
 * same double (cJSON's own printing uses %1.15g and 17 digits, which puts
 * 0.8829240257151041 out as 0.882924025715104).  JSON has no inf/nan:
 * they are written as strings so nothing is lost.
 */
static cJSON *
json_number(double v)
{
	char buf[40];

	hp_fmt_double(buf, sizeof(buf), v);
	return isfinite(v) ? cJSON_CreateRaw(buf) : cJSON_CreateString(buf);
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
		return json_number(v);
	if (v >= 0 && v < (double)p->dist.nchoices) {
		const struct hp_choice *c = &p->dist.choices[(size_t)v];

		switch (c->kind) {
		case HP_CHOICE_NULL:
			return cJSON_CreateNull();
		case HP_CHOICE_BOOL:
			return cJSON_CreateBool(c->num != 0);
		case HP_CHOICE_INT:
		case HP_CHOICE_FLOAT:
			return json_number(c->num);
		case HP_CHOICE_STRING:
			break;
		}
	}
	return cJSON_CreateString(hp_param_format(p, v, buf, sizeof(buf)));
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
			cJSON_AddItemToObject(b, "percent", json_number(sel->best));
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
		cJSON_AddItemToObject(bo, "value", json_number(hp_study_value(st, (size_t)b, k)));
		cJSON *pp = cJSON_AddObjectToObject(bo, "params");
		for (size_t i = 0; i < st->nparams; i++) {
			const struct hp_param *p = &st->params[i];

			if (!isnan(p->v[b]))
				cJSON_AddItemToObject(pp, p->name, json_param_value(p, p->v[b]));
		}
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
			cJSON_AddItemToObject(po, "low", json_number(p->dist.low));
			cJSON_AddItemToObject(po, "high", json_number(p->dist.high));
			cJSON_AddBoolToObject(po, "log", p->dist.log);
			if (p->dist.step > 0)
				cJSON_AddItemToObject(po, "step", json_number(p->dist.step));
		}
		cJSON_AddBoolToObject(po, "inferred", p->inferred == 1);
		cJSON_AddItemToArray(a, po);
	}
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
