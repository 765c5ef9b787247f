/*
 * info: the JSON form of `hpreport info` (see info.h).  main.c prints the
 * text form; the two say the same things.
 */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "hpreport/info.h"
#include "hpreport/json.h"

/* Text as valid UTF-8; cJSON escapes quotes, backslashes and controls. */
static cJSON *
text(const char *s)
{
	gchar *v = g_utf8_make_valid(s, -1);
	cJSON *j = cJSON_CreateString(v);

	g_free(v);
	return j;
}

/* A categorical choice with its type, as Python had it. */
static cJSON *
choice(const struct hp_choice *c)
{
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
	return text(c->str ? c->str : "");
}

static cJSON *
study_json(const struct hp_study *st)
{
	cJSON *o = cJSON_CreateObject(), *states, *a;

	cJSON_AddItemToObject(o, "name", text(st->name));
	cJSON_AddItemToObject(o, "n_trials", hp_json_exact((double)st->ntrials));
	states = cJSON_AddObjectToObject(o, "states");
	for (int s = 0; s < HP_STATE__COUNT; s++)
		cJSON_AddItemToObject(states, hp_state_name((enum hp_state)s),
		    hp_json_exact((double)hp_study_count_state(st, (enum hp_state)s)));
	a = cJSON_AddArrayToObject(o, "objectives");
	for (size_t k = 0; k < st->nobj; k++) {
		cJSON *e = cJSON_CreateObject();
		long bi = hp_study_best(st, k);

		cJSON_AddItemToObject(e, "index", hp_json_exact((double)k));
		cJSON_AddItemToObject(e, "name", st->objname && st->objname[k] ?
		    text(st->objname[k]) : cJSON_CreateNull());
		cJSON_AddStringToObject(e, "direction", hp_direction_name(st->dir[k]));
		if (bi >= 0) {
			cJSON *b = cJSON_AddObjectToObject(e, "best");

			cJSON_AddItemToObject(b, "value",
			    hp_json_exact(hp_study_value(st, (size_t)bi, k)));
			cJSON_AddItemToObject(b, "trial", hp_json_exact(st->number[bi]));
		} else
			cJSON_AddNullToObject(e, "best");
		cJSON_AddItemToArray(a, e);
	}
	a = cJSON_AddArrayToObject(o, "params");
	for (size_t i = 0; i < st->nparams; i++) {
		const struct hp_param *p = &st->params[i];
		const struct hp_dist *d = &p->dist;
		cJSON *e = cJSON_CreateObject();
		size_t present = 0;

		for (size_t t = 0; t < st->ntrials; t++)
			present += !isnan(p->v[t]);
		cJSON_AddItemToObject(e, "name", text(p->name));
		cJSON_AddStringToObject(e, "type", d->kind == HP_DIST_CATEGORICAL ?
		    "categorical" : d->kind == HP_DIST_INT ? "int" : "float");
		if (d->kind == HP_DIST_CATEGORICAL) {
			cJSON *ch = cJSON_AddArrayToObject(e, "choices");

			for (size_t c = 0; c < d->nchoices; c++)
				cJSON_AddItemToArray(ch, choice(&d->choices[c]));
		} else {
			cJSON_AddItemToObject(e, "low", hp_json_exact(d->low));
			cJSON_AddItemToObject(e, "high", hp_json_exact(d->high));
			cJSON_AddBoolToObject(e, "log", d->log != 0);
			cJSON_AddItemToObject(e, "step", d->step > 0 ? hp_json_exact(d->step) :
			    cJSON_CreateNull());
		}
		cJSON_AddBoolToObject(e, "inferred", p->inferred == 1);
		cJSON_AddItemToObject(e, "n_trials", hp_json_exact((double)present));
		cJSON_AddItemToArray(a, e);
	}
	a = cJSON_AddArrayToObject(o, "notes");
	for (size_t i = 0; i < st->nnotes; i++)
		cJSON_AddItemToArray(a, text(st->notes[i]));
	return o;
}

void
info_json_add(cJSON *doc, const char *path, const char *format,
    const struct hp_study *st)
{
	cJSON *last = cJSON_GetArrayItem(doc, cJSON_GetArraySize(doc) - 1);
	gchar *vpath = g_utf8_make_valid(path, -1);
	cJSON *p = cJSON_GetObjectItemCaseSensitive(last, "path");
	cJSON *f = cJSON_GetObjectItemCaseSensitive(last, "format");

	if (last == NULL || strcmp(cJSON_GetStringValue(p), vpath) != 0 ||
	    strcmp(cJSON_GetStringValue(f), format) != 0) {
		last = cJSON_CreateObject();
		cJSON_AddStringToObject(last, "path", vpath);
		cJSON_AddStringToObject(last, "format", format);
		cJSON_AddArrayToObject(last, "studies");
		cJSON_AddItemToArray(doc, last);
	}
	g_free(vpath);
	cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(last, "studies"),
	    study_json(st));
}
