/*
 * nevergrad: the JSON Lines file Nevergrad's ParametersLogger writes, one
 * told candidate per line:
 *
 *   {"#parametrization": "Instrumentation(...)", "#optimizer": "NGOpt",
 *    "#session": "24-08-26 20:33:21", "#num-ask": 30, "#num-tell": 0,
 *    "#num-tell-not-asked": 0, "#uid": "...", "#lineage": "...",
 *    "#generation": 1, "#parents_uids": [], "#loss": 2.83,
 *    "d0": 0.485, "d0#sigma": 0.163, "d0#sigma#sigma": 1.0, ...}
 *
 * Each run of the logger appends to the file with a new "#session", and
 * each session is one study ("<file>/<session>").  The trial number is
 * "#num-tell" (the order of tell calls; line order when absent), the
 * objective "#loss", minimized as Nevergrad does; a line without a loss or
 * with NaN is a FAIL, +-inf is kept.  Params are the keys without '#';
 * the "<name>#sigma" mutation scales and every other '#' key are
 * Nevergrad's own.  The distributions are inferred from the values (the
 * bounds live only in the "#parametrization" repr); #optimizer and
 * #parametrization become study attributes, #uid, #generation and
 * #lineage trial attributes.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/load.h"
#include "internal.h"
#include "loadjson.h"

struct ng_session {
	char		*name;		/* #session */
	struct hp_study	*st;
	struct lj_seen	 seen;		/* trial numbers, for duplicates */
	struct lj_attrmap attrs;
	size_t		 nlines;
	size_t		 nfail;
};

struct ng_file {
	const char	*path;
	char		*base;
	struct ng_session *v;
	size_t		 n, cap;
};

static struct ng_session *
session(struct ng_file *f, const char *name)
{
	struct ng_session *s;
	char *sname;
	enum hp_direction dir = HP_DIR_MINIMIZE;

	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].name, name) == 0)
			return &f->v[i];
	hp_grow(&f->v, &f->cap, f->n + 1, sizeof(*f->v));
	s = &f->v[f->n++];
	memset(s, 0, sizeof(*s));
	s->name = hp_strdup(name);
	sname = hp_sprintf("%s/%s", f->base, name);
	s->st = hp_study_new(sname);
	free(sname);
	hp_study_set_directions(s->st, 1, &dir);
	hp_study_set_objective_name(s->st, 0, "loss");
	return s;
}

static void
ng_release(struct ng_file *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].name);
		hp_study_free(f->v[i].st);
		lj_seen_release(&f->v[i].seen);
		lj_attrmap_release(&f->v[i].attrs);
	}
	free(f->v);
	free(f->base);
}

static void
attr(struct ng_session *s, size_t t, int system, const char *key, const cJSON *j)
{
	char *txt;

	if (j == NULL)
		return;
	txt = lj_print(j);
	lj_set_attr(s->st, &s->attrs, t, system, key, txt);
	free(txt);
}

static int
add_line(struct ng_file *f, const cJSON *row, size_t lineno, struct hp_err *err)
{
	const cJSON *j, *sess = lj_get(row, "#session"), *tell = lj_get(row, "#num-tell");
	struct ng_session *s;
	enum hp_state state = HP_STATE_COMPLETE;
	double loss = NAN;
	size_t t;
	int number;

	if (sess && !cJSON_IsString(sess))
		return hp_err_set(err, "%s:%zu: \"#session\" must be a string", f->path,
		    lineno);
	s = session(f, sess ? sess->valuestring : "session");
	if (tell && (!lj_is_int(tell) || tell->valuedouble < 0))
		return hp_err_set(err, "%s:%zu: \"#num-tell\" must be a non-negative "
		    "integer", f->path, lineno);
	number = tell ? lj_int(tell) : (int)s->nlines;
	if ((j = lj_get(row, "#loss")) != NULL) {
		if (!cJSON_IsNumber(j))
			return hp_err_set(err, "%s:%zu: \"#loss\" must be a number", f->path,
			    lineno);
		loss = j->valuedouble;
	}
	if (isnan(loss)) {
		state = HP_STATE_FAIL;
		s->nfail++;
	}
	t = hp_study_add_trial(s->st, number, state);
	lj_seen_add(&s->seen, number, lineno);
	if (!isnan(loss))
		hp_study_set_value(s->st, t, 0, loss);
	cJSON_ArrayForEach(j, row) {
		char buf[64], *p;
		const char *txt;

		if (strchr(j->string, '#') != NULL)
			continue;	/* Nevergrad's own, and the #sigma siblings */
		if (cJSON_IsArray(j) || cJSON_IsObject(j)) {
			p = lj_print(j);
			hp_study_set_param_text(s->st, t, j->string, p);
			free(p);
			continue;
		}
		txt = lj_text(j, buf, sizeof(buf));
		hp_study_set_param_text(s->st, t, j->string, txt ? txt : "");
	}
	if (s->nlines == 0) {
		attr(s, HP_NO_TRIAL, 1, "nevergrad:optimizer", lj_get(row, "#optimizer"));
		attr(s, HP_NO_TRIAL, 1, "nevergrad:parametrization",
		    lj_get(row, "#parametrization"));
	}
	attr(s, t, 1, "nevergrad:uid", lj_get(row, "#uid"));
	attr(s, t, 1, "nevergrad:lineage", lj_get(row, "#lineage"));
	attr(s, t, 1, "nevergrad:generation", lj_get(row, "#generation"));
	s->nlines++;
	return 0;
}

int
hp_load_nevergrad(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err)
{
	struct ng_file f;
	struct lr lr;
	size_t before = out->n;
	int k, rc = -1;

	memset(&f, 0, sizeof(f));
	f.path = path;
	f.base = lj_basename(path);
	if (lr_open(&lr, path, err) < 0) {
		ng_release(&f);
		return -1;
	}
	while ((k = lr_next(&lr, err)) > 0) {
		cJSON *row;

		if (lr.line[strspn(lr.line, " \t\r")] == '\0')
			continue;
		if ((row = lj_parse_line(lr.line, lr.len, path, lr.lineno, err)) == NULL)
			goto out;
		if (!cJSON_IsObject(row)) {
			cJSON_Delete(row);
			hp_err_set(err, "%s:%zu: expected a JSON object", path, lr.lineno);
			goto out;
		}
		k = add_line(&f, row, lr.lineno, err);
		cJSON_Delete(row);
		if (k < 0)
			goto out;
	}
	if (k < 0)
		goto out;
	if (f.n == 0) {
		hp_err_set(err, "%s: no candidates", path);
		goto out;
	}
	for (size_t i = 0; i < f.n; i++) {
		struct ng_session *s = &f.v[i];

		if (lj_seen_check(&s->seen, path, 'L', err) < 0)
			goto out;
		hp_study_add_note(s->st, "Nevergrad ParametersLogger session %s: loss "
		    "minimized; bounds are not read from #parametrization", s->name);
		if (s->nfail)
			hp_study_add_note(s->st, "%zu candidate%s without a loss: FAIL",
			    s->nfail, s->nfail == 1 ? "" : "s");
		if (lj_finish(s->st, path, err) < 0)
			goto out;
		hp_load_keep(out, s->st, opts);
		s->st = NULL;
	}
	rc = 0;
out:
	while (rc < 0 && out->n > before)
		hp_study_free(out->v[--out->n]);
	lr_close(&lr);
	ng_release(&f);
	return rc;
}

int
hp_probe_nevergrad(const char *path, const char *head, size_t len)
{
	const char *p, *nl;

	(void)path;
	if (head == NULL || len == 0)
		return 0;
	p = lj_skip_blank(head);
	if (*p != '{')
		return 0;
	nl = strchr(p, '\n');	/* the first line says it */
	for (const char *k = p; (k = strstr(k, "\"#")) != NULL && (!nl || k < nl); k++)
		if (strncmp(k, "\"#parametrization\"", 18) == 0 ||
		    strncmp(k, "\"#num-tell\"", 11) == 0)
			return 1;
	return 0;
}
