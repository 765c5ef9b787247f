/*
 * study_target: --target, the quantity a report shows in place of the
 * objective (see study.h).  hp_study_retarget builds a new study through
 * the ordinary builder calls -- the same trials, params, attributes and
 * constraints, one objective holding the target -- so every reader of a
 * finished study, figure, page or data file, sees the target as the
 * objective and needs to know nothing about it.  The user-attribute
 * keys and their counts, which `info` and the page list, are here too:
 * an attribute is a target only when it holds numbers.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/json.h"
#include "hpreport/study.h"

#define USER_ATTRS_PREFIX "user_attrs."
#define VALUES_PREFIX "values."

int
hp_target_parse(struct hp_target *tg, const char *s, struct hp_err *err)
{
	size_t nu = strlen(USER_ATTRS_PREFIX), nv = strlen(VALUES_PREFIX);

	memset(tg, 0, sizeof(*tg));
	tg->dir = HP_DIR_NOT_SET;
	if (strcmp(s, "duration") == 0) {
		tg->kind = HP_TARGET_DURATION;
		return 0;
	}
	if (strncmp(s, USER_ATTRS_PREFIX, nu) == 0 && s[nu] != '\0') {
		tg->kind = HP_TARGET_USER_ATTR;
		tg->name = s + nu;
		return 0;
	}
	if (strncmp(s, VALUES_PREFIX, nv) == 0 && s[nv] != '\0') {
		tg->kind = HP_TARGET_OBJECTIVE;
		tg->name = s + nv;
		return 0;
	}
	return hp_err_set(err, "expected user_attrs.KEY, duration or values.N, "
	    "not \"%.100s\"", s);
}

int
hp_attr_number(const struct hp_attr *a, double *out)
{
	cJSON *j = hp_json_parse(a->json, strlen(a->json), "attribute", NULL);
	int rc = -1;

	if (j && cJSON_IsNumber(j)) {
		*out = j->valuedouble;
		rc = 0;
	}
	cJSON_Delete(j);
	return rc;
}

static int
cmp_key(const void *a, const void *b)
{
	return strcmp(((const struct hp_attr_key *)a)->key,
	    ((const struct hp_attr_key *)b)->key);
}

struct hp_attr_key *
hp_study_user_attr_keys(const struct hp_study *st, size_t *n)
{
	struct hp_attr_key *k = hp_calloc(st->nattrs + 1, sizeof(*k));
	size_t m = 0, out = 0;
	double v;

	/* a trial has a key at most once (attrs are keyed), so counting the
	 * attributes counts the trials */
	for (size_t i = 0; i < st->nattrs; i++) {
		const struct hp_attr *a = &st->attrs[i];

		if (a->trial == HP_NO_TRIAL || a->system)
			continue;
		k[m].key = a->key;
		k[m].ntrials = 1;
		k[m].nnumeric = hp_attr_number(a, &v) == 0;
		m++;
	}
	if (m > 1)
		qsort(k, m, sizeof(*k), cmp_key);
	for (size_t i = 0; i < m; i++) {
		if (out > 0 && strcmp(k[out - 1].key, k[i].key) == 0) {
			k[out - 1].ntrials += k[i].ntrials;
			k[out - 1].nnumeric += k[i].nnumeric;
		} else
			k[out++] = k[i];
	}
	*n = out;
	return k;
}

/* The keys holding a number in some trial, for a message: "a, b" or "none". */
static void
numeric_keys(const struct hp_study *st, char *buf, size_t size)
{
	size_t n, len = 0, shown = 0, numeric = 0;
	struct hp_attr_key *k = hp_study_user_attr_keys(st, &n);

	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (k[i].nnumeric == 0)
			continue;
		numeric++;
		if (len + strlen(k[i].key) + 2 + 16 < size) {
			len += (size_t)snprintf(buf + len, size - len, "%s%s",
			    shown ? ", " : "", k[i].key);
			shown++;
		}
	}
	if (numeric == 0)
		snprintf(buf, size, "none");
	else if (shown < numeric)
		snprintf(buf + len, size - len, " and %zu more", numeric - shown);
	free(k);
}

/* Resolves values.N / values.NAME to an objective index: 0, or -1 with err. */
static int
target_objective(const struct hp_study *st, const char *name, size_t *k,
    struct hp_err *err)
{
	char *end;
	long i = strtol(name, &end, 10);

	if (*end == '\0' && end != name) {
		if (i < 0 || (size_t)i >= st->nobj)
			return hp_err_set(err, "study \"%.100s\" has %zu objective%s, no "
			    "values.%.40s", st->name, st->nobj, st->nobj == 1 ? "" : "s",
			    name);
		*k = (size_t)i;
		return 0;
	}
	for (size_t j = 0; j < st->nobj; j++)
		if (st->objname[j] && strcmp(st->objname[j], name) == 0) {
			*k = j;
			return 0;
		}
	return hp_err_set(err, "study \"%.100s\" has no objective named \"%.100s\"",
	    st->name, name);
}

/* Why a trial has no value for the target. */
enum { MISS_NONE, MISS_ABSENT, MISS_TEXT, MISS_NAN, MISS_BACKWARDS, MISS__COUNT };

/*
 * The target's value of every trial into v[ntrials] (NaN = none), the
 * reason of each missing one into why[]; for a user attribute, 0 or -1
 * with err when no trial holds a number under that key.
 */
static int
target_values(const struct hp_study *st, const struct hp_target *tg, size_t k,
    double *v, unsigned char *why, struct hp_err *err)
{
	size_t nfound = 0, nnum = 0;
	char keys[300];

	for (size_t t = 0; t < st->ntrials; t++) {
		why[t] = MISS_NONE;
		switch (tg->kind) {
		case HP_TARGET_OBJECTIVE:
			v[t] = hp_study_value(st, t, k);
			break;
		case HP_TARGET_DURATION:
			v[t] = st->t_end[t] - st->t_start[t];
			if (isnan(v[t]))
				why[t] = MISS_ABSENT;
			else if (v[t] < 0) {
				v[t] = NAN;
				why[t] = MISS_BACKWARDS;
			}
			break;
		case HP_TARGET_USER_ATTR:
			v[t] = NAN;
			why[t] = MISS_ABSENT;
			break;
		}
	}
	if (tg->kind != HP_TARGET_USER_ATTR)
		return 0;
	for (size_t i = 0; i < st->nattrs; i++) {
		const struct hp_attr *a = &st->attrs[i];
		size_t t = a->trial;
		double x;

		if (t == HP_NO_TRIAL || a->system || strcmp(a->key, tg->name) != 0)
			continue;
		nfound++;
		if (hp_attr_number(a, &x) < 0)
			why[t] = MISS_TEXT;
		else {
			nnum++;
			v[t] = x;
			why[t] = isnan(x) ? MISS_NAN : MISS_NONE;
		}
	}
	if (nnum > 0)
		return 0;
	numeric_keys(st, keys, sizeof(keys));
	if (nfound == 0)
		return hp_err_set(err, "study \"%.100s\" has no user attribute \"%.100s\" "
		    "(numeric user attributes: %s)", st->name, tg->name, keys);
	return hp_err_set(err, "user attribute \"%.100s\" of study \"%.100s\" is "
	    "not a number in any of the %zu trial%s that have it and cannot be plotted "
	    "(numeric user attributes: %s)", tg->name, st->name, nfound,
	    nfound == 1 ? "" : "s", keys);
}

/* Notes on the COMPLETE trials left without a value, by reason. */
static void
note_missing(struct hp_study *out, const struct hp_study *st,
    const struct hp_target *tg, const unsigned char *why)
{
	size_t c[MISS__COUNT] = { 0 }, ncomplete = 0, miss;

	for (size_t t = 0; t < st->ntrials; t++)
		if (st->state[t] == HP_STATE_COMPLETE) {
			c[why[t]]++;
			ncomplete++;
		}
	miss = ncomplete - c[MISS_NONE];
	if (miss == 0)
		return;
	if (tg->kind == HP_TARGET_DURATION) {
		hp_study_add_note(out, "%zu of %zu COMPLETE trials have no duration "
		    "(%zu without a start or end time, %zu ending before they start)",
		    miss, ncomplete, c[MISS_ABSENT], c[MISS_BACKWARDS]);
		return;
	}
	hp_study_add_note(out, "%zu of %zu COMPLETE trials have no value of user "
	    "attribute \"%s\" (%zu without it, %zu with a value that is not a "
	    "number, %zu NaN)", miss, ncomplete, tg->name, c[MISS_ABSENT],
	    c[MISS_TEXT], c[MISS_NAN]);
}

struct hp_study *
hp_study_retarget(const struct hp_study *st, const struct hp_target *tg,
    struct hp_err *err)
{
	struct hp_study *out;
	size_t k = 0, n = st->ntrials;
	double *v;
	unsigned char *why;
	enum hp_direction dir = tg->dir;
	const char *how = NULL;	/* where the direction came from */
	char *name;
	struct hp_err e;

	if (tg->kind == HP_TARGET_OBJECTIVE && target_objective(st, tg->name, &k, err) < 0)
		return NULL;
	v = hp_reallocarray(NULL, n ? n : 1, sizeof(double));
	why = hp_calloc(n ? n : 1, 1);
	if (target_values(st, tg, k, v, why, err) < 0) {
		free(v);
		free(why);
		return NULL;
	}

	out = hp_study_new(st->name);
	switch (tg->kind) {
	case HP_TARGET_OBJECTIVE:
		/* the only objective of an unnamed one stays unnamed ("value") */
		name = st->objname[k] ? hp_strdup(st->objname[k]) : st->nobj == 1 ?
		    NULL : hp_sprintf("values.%zu", k);
		out->target = hp_sprintf("values.%zu", k);
		if (dir == HP_DIR_NOT_SET)
			dir = st->dir[k];
		out->target_note = hp_sprintf("Target: objective %zu (%s) of %zu, %s.",
		    k, name ? name : "value", st->nobj, hp_direction_name(dir));
		break;
	case HP_TARGET_DURATION:
		name = hp_strdup("duration (s)");
		out->target = hp_strdup("duration");
		if (dir == HP_DIR_NOT_SET)
			dir = HP_DIR_MINIMIZE;
		out->target_note = hp_sprintf("Target: the duration of each trial in "
		    "seconds, not the objective; %s.", hp_direction_name(dir));
		break;
	default:
		name = hp_sprintf(USER_ATTRS_PREFIX "%s", tg->name);
		out->target = hp_strdup(name);
		if (dir == HP_DIR_NOT_SET) {
			dir = st->dir[0];
			how = st->nobj > 1 ? "the direction of the study's first objective" :
			    "the study's direction";
		}
		out->target_note = hp_sprintf("Target: user attribute \"%s\", not the "
		    "objective; %s%s%s.", tg->name, hp_direction_name(dir),
		    how ? ", " : "", how ? how : "");
		break;
	}
	hp_study_set_directions(out, 1, &dir);
	if (name)
		hp_study_set_objective_name(out, 0, name);

	for (size_t t = 0; t < n; t++) {
		size_t u = hp_study_add_trial(out, st->number[t], st->state[t]);
		const double *cv;
		size_t nc;

		hp_study_set_value(out, u, 0, v[t]);
		hp_study_set_times(out, u, st->t_start[t], st->t_end[t]);
		/* the first trial of a param copies its whole distribution,
		 * so choices keep their order and ranges their ends */
		for (size_t i = 0; i < st->nparams; i++)
			if (!isnan(st->params[i].v[t]))
				hp_study_set_param(out, u, st->params[i].name,
				    &st->params[i].dist, st->params[i].v[t], &e);
		if (tg->kind == HP_TARGET_OBJECTIVE)
			for (size_t j = st->iv_off[t]; j < st->iv_off[t + 1]; j++)
				hp_study_add_intermediate(out, u, st->iv_step[j],
				    st->iv_value[j]);
		if (hp_study_constraints(st, t, &cv, &nc))
			hp_study_set_constraints(out, u, cv, nc);
	}
	for (size_t i = 0; i < st->nattrs; i++)
		hp_study_add_attr(out, st->attrs[i].trial, st->attrs[i].system,
		    st->attrs[i].key, st->attrs[i].json);
	for (size_t i = 0; i < st->nnotes; i++)
		hp_study_add_note(out, "%s", st->notes[i]);
	hp_study_add_note(out, "%s", out->target_note);
	if (tg->kind == HP_TARGET_USER_ATTR && how)
		hp_study_add_note(out, "Use --direction to say which values of "
		    "\"%s\" are better.", tg->name);
	note_missing(out, st, tg, why);
	if (tg->kind != HP_TARGET_OBJECTIVE && st->iv_off[n] > 0)
		hp_study_add_note(out, "Intermediate values left out: they report the "
		    "objective, not the target.");
	free(v);
	free(why);
	free(name);
	/* trials, params and attributes come from a finished study: distinct
	 * numbers and names, so this cannot fail */
	if (hp_study_finish(out, &e) < 0) {
		hp_err_set(err, "%s", e.msg);
		hp_study_free(out);
		return NULL;
	}
	for (size_t i = 0; i < out->nparams; i++) {
		int j = hp_study_param_index(st, out->params[i].name);

		out->params[i].inferred = j >= 0 ? st->params[j].inferred : 0;
	}
	return out;
}
