/*
 * optuna_journal: Optuna's JournalStorage file (JournalFileStorage), one
 * JSON operation per line, replayed as Optuna's JournalStorageReplayResult
 * replays it (optuna/storages/_journal/storage.py, 3.x and 4.x):
 *
 *  - study ids count from 0 in creation order and are never reused; a
 *    CREATE_STUDY whose name exists is ignored; DELETE_STUDY drops the
 *    study (its trials keep their ids);
 *  - trial ids count from 0 across all studies; a trial's number is its
 *    index within its study; a CREATE_TRIAL may carry a whole template
 *    trial (state, values, params with distributions, attributes,
 *    intermediate values);
 *  - updates to unknown or finished trials are ignored, as are params whose
 *    distribution is incompatible with the one the study already has (what
 *    Optuna does for operations written by another worker);
 *  - a last line without '\n' is a write in progress and is ignored, and so
 *    is an undecodable last line (Optuna 3.1 skips it the same way).
 *
 * The file is streamed with a bounded line buffer: memory holds the
 * studies being built and two words per trial id, never the file.  Each
 * operation's fields are checked against a table before use; a malformed
 * line is an error "journal.log:LINE: ..." (or LINE:COL for bad JSON).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/load.h"
#include "internal.h"
#include "journal.h"
#include "loadjson.h"

enum {
	OP_CREATE_STUDY, OP_DELETE_STUDY, OP_SET_STUDY_USER_ATTR,
	OP_SET_STUDY_SYSTEM_ATTR, OP_CREATE_TRIAL, OP_SET_TRIAL_PARAM,
	OP_SET_TRIAL_STATE_VALUES, OP_SET_TRIAL_INTERMEDIATE_VALUE,
	OP_SET_TRIAL_USER_ATTR, OP_SET_TRIAL_SYSTEM_ATTR, OP_DISCARD_TRIALS,
	OP__COUNT
};

/* Fields of each operation (beyond op_code and worker_id). */
static const struct lj_field f_create_study[] = {
	{ "study_name", LJ_STR, 1, 0 }, { "directions", LJ_ARR, 1, 0 }, { NULL, 0, 0, 0 } };
static const struct lj_field f_study_id[] = {
	{ "study_id", LJ_INT, 1, 0 }, { NULL, 0, 0, 0 } };
static const struct lj_field f_study_user_attr[] = {
	{ "study_id", LJ_INT, 1, 0 }, { "user_attr", LJ_OBJ, 1, 0 }, { NULL, 0, 0, 0 } };
static const struct lj_field f_study_system_attr[] = {
	{ "study_id", LJ_INT, 1, 0 }, { "system_attr", LJ_OBJ, 1, 0 }, { NULL, 0, 0, 0 } };
static const struct lj_field f_create_trial[] = {
	{ "study_id", LJ_INT, 1, 0 }, { "datetime_start", LJ_STR, 0, 1 },
	{ "datetime_complete", LJ_STR, 0, 1 }, { "state", LJ_INT, 0, 0 },
	{ "value", LJ_NUM, 0, 1 }, { "values", LJ_ARR, 0, 1 },
	{ "distributions", LJ_OBJ, 0, 0 }, { "params", LJ_OBJ, 0, 0 },
	{ "user_attrs", LJ_OBJ, 0, 0 }, { "system_attrs", LJ_OBJ, 0, 0 },
	{ "intermediate_values", LJ_OBJ, 0, 0 }, { NULL, 0, 0, 0 } };
static const struct lj_field f_set_param[] = {
	{ "trial_id", LJ_INT, 1, 0 }, { "param_name", LJ_STR, 1, 0 },
	{ "param_value_internal", LJ_NUM, 1, 0 }, { "distribution", LJ_STR, 1, 0 },
	{ NULL, 0, 0, 0 } };
static const struct lj_field f_set_state[] = {
	{ "trial_id", LJ_INT, 1, 0 }, { "state", LJ_INT, 1, 0 },
	{ "values", LJ_ARR, 0, 1 }, { "datetime_start", LJ_STR, 0, 1 },
	{ "datetime_complete", LJ_STR, 0, 1 }, { NULL, 0, 0, 0 } };
static const struct lj_field f_set_iv[] = {
	{ "trial_id", LJ_INT, 1, 0 }, { "step", LJ_INT, 1, 0 },
	{ "intermediate_value", LJ_NUM, 1, 0 }, { NULL, 0, 0, 0 } };
static const struct lj_field f_trial_user_attr[] = {
	{ "trial_id", LJ_INT, 1, 0 }, { "user_attr", LJ_OBJ, 1, 0 }, { NULL, 0, 0, 0 } };
static const struct lj_field f_trial_system_attr[] = {
	{ "trial_id", LJ_INT, 1, 0 }, { "system_attr", LJ_OBJ, 1, 0 }, { NULL, 0, 0, 0 } };
static const struct lj_field f_any[] = { { NULL, 0, 0, 0 } };

static const struct lj_field *const op_fields[OP__COUNT] = {
	f_create_study, f_study_id, f_study_user_attr, f_study_system_attr,
	f_create_trial, f_set_param, f_set_state, f_set_iv, f_trial_user_attr,
	f_trial_system_attr, f_any
};

static const struct lj_field f_line[] = {
	{ "op_code", LJ_INT, 1, 0 }, { "worker_id", LJ_STR, 0, 0 }, { NULL, 0, 0, 0 } };

struct jstudy {
	struct hp_study	*st;		/* NULL once deleted or when not wanted */
	struct lj_attrmap attrs;
};

struct jtrial {
	long		 study;		/* index into replay.studies, -1 = gone */
	size_t		 t;		/* trial index in that study's builder */
};

struct hp_journal {
	const char	*path;		/* names the log in messages */
	const char	*skipped;	/* why the end of the log was ignored */
	const struct hp_load_opts *opts;
	char		 where[600];	/* "path:LINE" of the current line */
	struct jstudy	*studies;
	size_t		 nstudies, capstudies;
	struct jtrial	*trials;
	size_t		 ntrials, captrials;
	size_t		 nlive;		/* studies neither deleted nor skipped */
};

static int
bad(struct hp_journal *r, struct hp_err *err, const char *msg)
{
	return hp_err_set(err, "%s: %s", r->where, msg);
}

static int
finished(enum hp_state s)
{
	return s == HP_STATE_COMPLETE || s == HP_STATE_PRUNED || s == HP_STATE_FAIL;
}

/* The study with this id when it exists and is loaded, else NULL. */
static struct jstudy *
study_of(struct hp_journal *r, const cJSON *op)
{
	int id = lj_int(cJSON_GetObjectItemCaseSensitive(op, "study_id"));

	if (id < 0 || (size_t)id >= r->nstudies || r->studies[id].st == NULL)
		return NULL;
	return &r->studies[id];
}

/* The trial with this id when it exists, is loaded and is not finished. */
static struct jstudy *
updatable(struct hp_journal *r, const cJSON *op, size_t *t)
{
	int id = lj_int(cJSON_GetObjectItemCaseSensitive(op, "trial_id"));
	struct jstudy *s;

	if (id < 0 || (size_t)id >= r->ntrials || r->trials[id].study < 0)
		return NULL;
	s = &r->studies[r->trials[id].study];
	if (s->st == NULL)
		return NULL;
	*t = r->trials[id].t;
	return finished(s->st->state[*t]) ? NULL : s;
}

static int
set_values(struct hp_journal *r, struct hp_study *st, size_t t, const cJSON *vals,
    struct hp_err *err)
{
	const cJSON *v;
	size_t k = 0;

	cJSON_ArrayForEach(v, vals) {
		if (!cJSON_IsNumber(v))
			return bad(r, err, "\"values\" must hold numbers");
		hp_study_set_value(st, t, k++, v->valuedouble);
	}
	return 0;
}

static void
set_attrs(struct jstudy *s, size_t t, int system, const cJSON *obj)
{
	const cJSON *a;

	cJSON_ArrayForEach(a, obj) {
		char *json = lj_print(a);

		lj_set_attr(s->st, &s->attrs, t, system, a->string, json);
		free(json);
	}
}

/*
 * Sets a param unless the study's column already has an incompatible
 * distribution (another kind, or other categorical choices), which
 * Optuna silently drops for other workers' operations.
 */
static int
set_param(struct hp_journal *r, struct hp_study *st, size_t t, const char *name,
    const struct hp_dist *d, double internal, struct hp_err *err)
{
	int i = hp_study_param_index(st, name);
	struct hp_err e;

	if (i >= 0) {
		const struct hp_dist *old = &st->params[i].dist;

		if (st->params[i].inferred != -1 && old->kind != d->kind)
			return 0;
		if (old->kind == HP_DIST_CATEGORICAL && d->kind == HP_DIST_CATEGORICAL) {
			if (old->nchoices != d->nchoices)
				return 0;
			for (size_t k = 0; k < d->nchoices; k++)
				if (!hp_choice_equal(&old->choices[k], &d->choices[k]))
					return 0;
		}
	}
	if (!isfinite(internal))
		return bad(r, err, "param value is not finite");
	if (hp_study_set_param(st, t, name, d, internal, &e) < 0)
		return hp_err_set(err, "%s: %s", r->where, e.msg);
	return 0;
}

static int
op_create_study(struct hp_journal *r, const cJSON *op, struct hp_err *err)
{
	const char *name = cJSON_GetObjectItemCaseSensitive(op, "study_name")->valuestring;
	const cJSON *dirs = cJSON_GetObjectItemCaseSensitive(op, "directions"), *d;
	enum hp_direction dv[64];
	size_t n = 0;
	struct jstudy *s;

	cJSON_ArrayForEach(d, dirs) {
		if (!lj_is_int(d) || d->valuedouble < 0 || d->valuedouble > 2)
			return bad(r, err, "\"directions\" must hold 0, 1 or 2");
		if (n == sizeof(dv) / sizeof(dv[0]))
			return bad(r, err, "more than 64 objectives");
		dv[n++] = (enum hp_direction)lj_int(d);
	}
	if (n == 0)
		return bad(r, err, "\"directions\" is empty");
	for (size_t i = 0; i < r->nstudies; i++)
		if (r->studies[i].st && strcmp(r->studies[i].st->name, name) == 0)
			return 0;
	/* every study is built, wanted or not: a later CREATE_STUDY of
	 * the same name must still be recognised as a duplicate */
	hp_grow(&r->studies, &r->capstudies, r->nstudies + 1, sizeof(*r->studies));
	s = &r->studies[r->nstudies++];
	memset(s, 0, sizeof(*s));
	s->st = hp_study_new(name);
	hp_study_set_directions(s->st, n, dv);
	r->nlive++;
	return 0;
}

static int
op_create_trial(struct hp_journal *r, const cJSON *op, struct hp_err *err)
{
	struct jstudy *s = study_of(r, op);
	struct hp_study *st;
	const cJSON *j, *dists, *params;
	double start, end;
	size_t t;
	int state = HP_STATE_RUNNING;

	if (s == NULL)
		return 0;
	st = s->st;
	if ((j = cJSON_GetObjectItemCaseSensitive(op, "state")) != NULL) {
		state = lj_int(j);
		if (state < 0 || state >= HP_STATE__COUNT)
			return bad(r, err, "\"state\" must be 0 to 4");
	}
	if (lj_time(cJSON_GetObjectItemCaseSensitive(op, "datetime_start"), &start) < 0 ||
	    lj_time(cJSON_GetObjectItemCaseSensitive(op, "datetime_complete"), &end) < 0)
		return bad(r, err, "malformed time stamp");
	hp_grow(&r->trials, &r->captrials, r->ntrials + 1, sizeof(*r->trials));
	t = hp_study_add_trial(st, (int)st->ntrials, (enum hp_state)state);
	r->trials[r->ntrials].study = s - r->studies;
	r->trials[r->ntrials].t = t;
	r->ntrials++;
	hp_study_set_times(st, t, start, end);
	if ((j = lj_get(op, "values")) != NULL) {
		if (set_values(r, st, t, j, err) < 0)
			return -1;
	} else if ((j = lj_get(op, "value")) != NULL)
		hp_study_set_value(st, t, 0, j->valuedouble);
	dists = cJSON_GetObjectItemCaseSensitive(op, "distributions");
	params = cJSON_GetObjectItemCaseSensitive(op, "params");
	cJSON_ArrayForEach(j, params) {
		const cJSON *dj = cJSON_GetObjectItemCaseSensitive(dists, j->string);
		struct hp_dist d;
		struct hp_err e;
		int rc;

		if (!cJSON_IsNumber(j))
			return bad(r, err, "template param values must be numbers");
		if (!cJSON_IsString(dj))
			return bad(r, err, "template param without a distribution");
		if (hp_dist_from_json(dj->valuestring, &d, &e) < 0)
			return hp_err_set(err, "%s: param \"%.100s\": %s", r->where,
			    j->string, e.msg);
		rc = set_param(r, st, t, j->string, &d, j->valuedouble, err);
		hp_dist_release(&d);
		if (rc < 0)
			return -1;
	}
	cJSON_ArrayForEach(j, cJSON_GetObjectItemCaseSensitive(op, "intermediate_values")) {
		double step;

		if (hp_parse_double(j->string, &step) < 0 || step != floor(step) ||
		    !cJSON_IsNumber(j))
			return bad(r, err, "intermediate values must map integer steps to numbers");
		hp_study_add_intermediate(st, t, step, j->valuedouble);
	}
	set_attrs(s, t, 0, cJSON_GetObjectItemCaseSensitive(op, "user_attrs"));
	set_attrs(s, t, 1, cJSON_GetObjectItemCaseSensitive(op, "system_attrs"));
	return 0;
}

static int
op_set_param(struct hp_journal *r, const cJSON *op, struct hp_err *err)
{
	size_t t;
	struct jstudy *s = updatable(r, op, &t);
	struct hp_dist d;
	struct hp_err e;
	int rc;

	if (s == NULL)
		return 0;
	if (hp_dist_from_json(cJSON_GetObjectItemCaseSensitive(op, "distribution")->valuestring,
	    &d, &e) < 0)
		return hp_err_set(err, "%s: %s", r->where, e.msg);
	rc = set_param(r, s->st, t,
	    cJSON_GetObjectItemCaseSensitive(op, "param_name")->valuestring, &d,
	    cJSON_GetObjectItemCaseSensitive(op, "param_value_internal")->valuedouble, err);
	hp_dist_release(&d);
	return rc;
}

static int
op_set_state(struct hp_journal *r, const cJSON *op, struct hp_err *err)
{
	size_t t;
	struct jstudy *s = updatable(r, op, &t);
	int state = lj_int(cJSON_GetObjectItemCaseSensitive(op, "state"));
	const cJSON *vals;
	struct hp_study *st;
	double tm;

	if (state < 0 || state >= HP_STATE__COUNT)
		return bad(r, err, "\"state\" must be 0 to 4");
	if (s == NULL)
		return 0;
	st = s->st;
	if (state == HP_STATE_RUNNING && st->state[t] == HP_STATE_RUNNING)
		return 0;
	if (state == HP_STATE_RUNNING) {
		if (lj_time(lj_get(op, "datetime_start"), &tm) < 0)
			return bad(r, err, "malformed \"datetime_start\"");
		st->t_start[t] = tm;
	}
	if (finished((enum hp_state)state)) {
		if (lj_time(lj_get(op, "datetime_complete"), &tm) < 0)
			return bad(r, err, "malformed \"datetime_complete\"");
		st->t_end[t] = tm;
	}
	hp_study_set_state(st, t, (enum hp_state)state);
	if ((vals = lj_get(op, "values")) != NULL)
		return set_values(r, st, t, vals, err);
	return 0;
}

static int
apply(struct hp_journal *r, const cJSON *op, struct hp_err *err)
{
	int code;
	size_t t;
	struct jstudy *s;

	if (lj_check(op, f_line, r->where, err) < 0)
		return -1;
	code = lj_int(cJSON_GetObjectItemCaseSensitive(op, "op_code"));
	if (code < 0 || code >= OP__COUNT)
		return hp_err_set(err, "%s: unknown op_code %d", r->where, code);
	if (lj_check(op, op_fields[code], r->where, err) < 0)
		return -1;
	switch (code) {
	case OP_CREATE_STUDY:
		return op_create_study(r, op, err);
	case OP_DELETE_STUDY:
		if ((s = study_of(r, op)) != NULL) {
			hp_study_free(s->st);
			s->st = NULL;
			lj_attrmap_release(&s->attrs);
			r->nlive--;
		}
		return 0;
	case OP_SET_STUDY_USER_ATTR:
	case OP_SET_STUDY_SYSTEM_ATTR:
		if ((s = study_of(r, op)) != NULL)
			set_attrs(s, HP_NO_TRIAL, code == OP_SET_STUDY_SYSTEM_ATTR,
			    cJSON_GetObjectItemCaseSensitive(op,
			    code == OP_SET_STUDY_SYSTEM_ATTR ? "system_attr" : "user_attr"));
		return 0;
	case OP_CREATE_TRIAL:
		return op_create_trial(r, op, err);
	case OP_SET_TRIAL_PARAM:
		return op_set_param(r, op, err);
	case OP_SET_TRIAL_STATE_VALUES:
		return op_set_state(r, op, err);
	case OP_SET_TRIAL_INTERMEDIATE_VALUE:
		if ((s = updatable(r, op, &t)) != NULL)
			hp_study_add_intermediate(s->st, t,
			    cJSON_GetObjectItemCaseSensitive(op, "step")->valuedouble,
			    cJSON_GetObjectItemCaseSensitive(op, "intermediate_value")->valuedouble);
		return 0;
	case OP_SET_TRIAL_USER_ATTR:
	case OP_SET_TRIAL_SYSTEM_ATTR:
		if ((s = updatable(r, op, &t)) != NULL)
			set_attrs(s, t, code == OP_SET_TRIAL_SYSTEM_ATTR,
			    cJSON_GetObjectItemCaseSensitive(op,
			    code == OP_SET_TRIAL_SYSTEM_ATTR ? "system_attr" : "user_attr"));
		return 0;
	default:		/* DISCARD_TRIALS and the like: nothing to show */
		return 0;
	}
}

static void
replay_release(struct hp_journal *r)
{
	for (size_t i = 0; i < r->nstudies; i++) {
		hp_study_free(r->studies[i].st);
		lj_attrmap_release(&r->studies[i].attrs);
	}
	free(r->studies);
	free(r->trials);
}

struct hp_journal *
hp_journal_new(const char *name, const struct hp_load_opts *opts)
{
	struct hp_journal *r = hp_calloc(1, sizeof(*r));

	r->path = name;
	r->opts = opts;
	return r;
}

void
hp_journal_free(struct hp_journal *r)
{
	if (r == NULL)
		return;
	replay_release(r);
	free(r);
}

int
hp_journal_apply(struct hp_journal *r, const char *line, size_t len, size_t lineno,
    int last, struct hp_err *err)
{
	cJSON *op;
	int rc;

	snprintf(r->where, sizeof(r->where), "%s:%zu", r->path, lineno);
	op = lj_parse_line(line, len, r->path, lineno, err);
	if (op == NULL) {
		if (last) {
			r->skipped = "the last line is not valid JSON";
			return 1;
		}
		return -1;
	}
	rc = apply(r, op, err);
	cJSON_Delete(op);
	return rc;
}

void
hp_journal_skip(struct hp_journal *r, const char *why)
{
	r->skipped = why;
}

int
hp_journal_finish(struct hp_journal *r, struct hp_studyset *out, struct hp_err *err)
{
	const struct hp_load_opts *opts = r->opts;
	size_t before = out->n;

	if (r->nstudies == 0)
		return hp_err_set(err, "%s: the journal creates no study", r->path);
	for (size_t i = 0; i < r->nstudies; i++) {
		struct hp_study *st = r->studies[i].st;

		if (st == NULL)
			continue;
		if (opts && opts->study && strcmp(st->name, opts->study) != 0)
			continue;
		if (r->skipped)
			hp_study_add_note(st, "journal: %s and was ignored", r->skipped);
		if (lj_finish(st, r->path, err) < 0) {
			while (out->n > before)
				hp_study_free(out->v[--out->n]);
			return -1;
		}
		hp_studyset_add(out, st);
		r->studies[i].st = NULL;
	}
	return 0;
}

/* 1 when nothing but end of file follows. */
static int
at_eof(struct lr *lr)
{
	int c = getc((FILE *)lr->fp);

	if (c == EOF)
		return 1;
	ungetc(c, (FILE *)lr->fp);
	return 0;
}

int
hp_load_optuna_journal(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err)
{
	struct hp_journal *r;
	struct lr lr;
	int rc = 0, got;

	if (lr_open(&lr, path, err) < 0)
		return -1;
	r = hp_journal_new(path, opts);
	while ((got = lr_next(&lr, err)) > 0) {
		const char *p = lr.line;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			continue;
		if (!lr.complete) {
			hp_journal_skip(r, "the last line is incomplete (a write in progress)");
			break;
		}
		rc = hp_journal_apply(r, lr.line, lr.len, lr.lineno, at_eof(&lr), err);
		if (rc != 0)
			break;
	}
	lr_close(&lr);
	if (got < 0)
		rc = -1;
	if (rc >= 0)
		rc = hp_journal_finish(r, out, err);
	hp_journal_free(r);
	return rc;
}

int
hp_probe_optuna_journal(const char *path, const char *head, size_t len)
{
	const char *nl;
	cJSON *j;
	int ok;

	(void)path;
	if (head == NULL || len == 0 || head[0] != '{')
		return 0;
	nl = memchr(head, '\n', len);
	if (nl == NULL)
		return 0;
	j = hp_json_parse(head, (size_t)(nl - head), "-", NULL);
	ok = j && lj_is_int(cJSON_GetObjectItemCaseSensitive(j, "op_code")) &&
	    cJSON_IsString(cJSON_GetObjectItemCaseSensitive(j, "worker_id"));
	cJSON_Delete(j);
	return ok;
}
