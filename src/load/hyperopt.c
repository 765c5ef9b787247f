/*
 * hyperopt: Hyperopt's trials as users save them.  Hyperopt itself only
 * pickles its Trials object, which only Python can read; what people
 * write to JSON is one of three things, all read here into one study:
 *
 *  - json.dump(trials.trials, f, default=str) (README shows the three
 *    lines): a list of trial documents {state, tid, spec, result{loss,
 *    status, ...}, misc{tid, cmd, workdir, idxs, vals{name: [v] or []}},
 *    exp_key, owner, version, book_time, refresh_time}.  The number is
 *    tid; params are misc.vals, where an empty list means the param was
 *    not drawn (conditional spaces) and an hp.choice param holds the index
 *    of its choice, not the label (a note says so).  book_time and
 *    refresh_time (datetime, written by default=str, or Mongo's
 *    {"$date": ms}) are the start and end.  The job state (0 NEW ->
 *    WAITING, 1 RUNNING, 2 DONE -> by result.status, 3 ERROR and 4
 *    CANCEL -> FAIL) comes first, then result.status (ok -> COMPLETE,
 *    fail -> FAIL, new and suspended -> WAITING, running -> RUNNING).
 *  - json.dump(trials.results): a list of the objective's return dicts
 *    {loss, status, ...}, numbered in list order; params are the dict
 *    under "params" or "space" when the objective put one there.
 *  - A directory of such return dicts, one JSON file per trial, as
 *    objectives write them; numbered in file-name order, as nothing in
 *    them says which came first.  Other files (the pickled Trials beside
 *    them, logs) are skipped with a note.
 *
 * The objective is "loss", minimized, as in Hyperopt.  Other scalar keys of
 * the result become user attributes; nested ones (Keras histories) are
 * left out.  Hyperopt stores no distributions: the study infers them.  A
 * JSON string holding the repr of a Trials object -- json.dump(trials) with
 * default=str -- holds no trials and is refused with that reason.
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hpreport/load.h"
#include "internal.h"
#include "loadjson.h"

#define HO_MAX_DEPTH 6		/* nesting of param dicts followed */

static int
status_state(const char *s, enum hp_state *out)
{
	if (strcmp(s, "ok") == 0)
		*out = HP_STATE_COMPLETE;
	else if (strcmp(s, "fail") == 0)
		*out = HP_STATE_FAIL;
	else if (strcmp(s, "new") == 0 || strcmp(s, "suspended") == 0)
		*out = HP_STATE_WAITING;
	else if (strcmp(s, "running") == 0)
		*out = HP_STATE_RUNNING;
	else
		return -1;
	return 0;
}

/* A number, or a number written as a string (numpy types through
 * default=str); NaN for null or absent. */
static int
loss_value(const cJSON *j, double *out)
{
	if (j == NULL || cJSON_IsNull(j)) {
		*out = NAN;
		return 0;
	}
	if (cJSON_IsNumber(j)) {
		*out = j->valuedouble;
		return 0;
	}
	if (cJSON_IsString(j) && lj_parse_number(j->valuestring, out) == 0)
		return 0;
	return -1;
}

/* Param `name` from a JSON value: scalars as text, dicts flattened. */
static void
set_param(struct hp_study *st, size_t t, const char *name, const cJSON *v, int depth)
{
	char buf[64];
	const char *txt;
	const cJSON *e;

	if (cJSON_IsObject(v)) {
		if (depth >= HO_MAX_DEPTH)
			return;
		cJSON_ArrayForEach(e, v) {
			char *sub = *name ? hp_sprintf("%s.%s", name, e->string) :
			    hp_strdup(e->string);

			set_param(st, t, sub, e, depth + 1);
			free(sub);
		}
		return;
	}
	if (cJSON_IsArray(v)) {
		char *p = lj_print(v);

		hp_study_set_param_text(st, t, name, p);
		free(p);
		return;
	}
	txt = lj_text(v, buf, sizeof(buf));
	hp_study_set_param_text(st, t, name, txt ? txt : "");
}

/* book_time / refresh_time: a datetime text, or {"$date": ms}. */
static double
doc_time(const cJSON *j)
{
	double t;
	const cJSON *d;

	if (j && cJSON_IsObject(j) && (d = lj_get(j, "$date")) != NULL &&
	    cJSON_IsNumber(d) && isfinite(d->valuedouble))
		return d->valuedouble / 1000;
	if (j && cJSON_IsString(j) && hp_parse_datetime(j->valuestring, &t) == 0)
		return t;
	return NAN;
}

struct ho_load {
	const char	*path;
	struct hp_study	*st;
	size_t		 nnoloss;	/* COMPLETE without a loss */
	size_t		 nnan;		/* COMPLETE with a NaN loss */
};

/*
 * The objective's return dict r as trial t: loss, status, attributes and,
 * when `params` is set, its "params" or "space" dict.  `where` names the
 * place for errors.
 */
static int
add_result(struct ho_load *l, size_t t, const cJSON *r, int params,
    enum hp_state *state, const char *where, struct hp_err *err)
{
	const cJSON *j, *e;
	double loss;

	if (!cJSON_IsObject(r))
		return hp_err_set(err, "%s: expected an object", where);
	j = lj_get(r, "status");
	if (j && (!cJSON_IsString(j) || status_state(j->valuestring, state) < 0))
		return hp_err_set(err, "%s: \"status\" must be ok, fail, new, running "
		    "or suspended", where);
	if (loss_value(lj_get(r, "loss"), &loss) < 0)
		return hp_err_set(err, "%s: \"loss\" must be a number", where);
	if (*state == HP_STATE_COMPLETE && lj_get(r, "loss") == NULL)
		l->nnoloss++;
	else if (*state == HP_STATE_COMPLETE && isnan(loss))
		l->nnan++;
	if (!isnan(loss))
		hp_study_set_value(l->st, t, 0, loss);
	cJSON_ArrayForEach(e, r) {
		char *txt;

		if (strcmp(e->string, "loss") == 0 || strcmp(e->string, "status") == 0)
			continue;
		if (params && (strcmp(e->string, "params") == 0 ||
		    strcmp(e->string, "space") == 0) && cJSON_IsObject(e)) {
			set_param(l->st, t, "", e, 0);
			continue;
		}
		if (cJSON_IsObject(e) || cJSON_IsArray(e) || cJSON_IsNull(e))
			continue;
		txt = lj_print(e);
		hp_study_add_attr(l->st, t, 0, e->string, txt);
		free(txt);
	}
	return 0;
}

static void
finish_notes(struct ho_load *l)
{
	if (l->nnoloss)
		hp_study_add_note(l->st, "%zu ok trial%s without a \"loss\"", l->nnoloss,
		    l->nnoloss == 1 ? "" : "s");
	if (l->nnan)
		hp_study_add_note(l->st, "%zu ok trial%s with a NaN loss (no value)",
		    l->nnan, l->nnan == 1 ? "" : "s");
}

static int
load_trials(struct ho_load *l, const cJSON *root, struct hp_err *err)
{
	size_t i = 0;
	const cJSON *doc;
	struct lj_seen seen = { NULL, 0, 0 };
	char where[600];
	int nchoice = 0;

	cJSON_ArrayForEach(doc, root) {
		const cJSON *tid, *misc, *vals, *st, *v;
		enum hp_state state = HP_STATE_WAITING;
		size_t t;
		int jobstate = 2;

		snprintf(where, sizeof(where), "%s: trials[%zu]", l->path, i);
		if (!cJSON_IsObject(doc))
			goto bad_doc;
		tid = lj_get(doc, "tid");
		if (tid == NULL || !lj_is_int(tid) || tid->valuedouble < 0) {
			hp_err_set(err, "%s: \"tid\" must be a non-negative integer", where);
			goto fail;
		}
		if ((st = lj_get(doc, "state")) != NULL) {
			if (!lj_is_int(st) || st->valuedouble < 0 || st->valuedouble > 4) {
				hp_err_set(err, "%s: \"state\" must be 0 to 4 (hyperopt's "
				    "JOB_STATE_*)", where);
				goto fail;
			}
			jobstate = lj_int(st);
		}
		t = hp_study_add_trial(l->st, lj_int(tid), state);
		lj_seen_add(&seen, lj_int(tid), i);
		if (lj_get(doc, "result") == NULL) {
			hp_err_set(err, "%s: no \"result\"", where);
			goto fail;
		}
		snprintf(where, sizeof(where), "%s: trials[%zu].result", l->path, i);
		state = HP_STATE_COMPLETE;
		if (add_result(l, t, lj_get(doc, "result"), 0, &state, where, err) < 0)
			goto fail;
		if (jobstate == 0)
			state = HP_STATE_WAITING;
		else if (jobstate == 1)
			state = HP_STATE_RUNNING;
		else if (jobstate >= 3)
			state = HP_STATE_FAIL;
		hp_study_set_state(l->st, t, state);
		hp_study_set_times(l->st, t, doc_time(lj_get(doc, "book_time")),
		    doc_time(lj_get(doc, "refresh_time")));
		snprintf(where, sizeof(where), "%s: trials[%zu].misc.vals", l->path, i);
		misc = lj_get(doc, "misc");
		vals = misc && cJSON_IsObject(misc) ? lj_get(misc, "vals") : NULL;
		if (vals == NULL || !cJSON_IsObject(vals)) {
			hp_err_set(err, "%s: expected an object of lists", where);
			goto fail;
		}
		cJSON_ArrayForEach(v, vals) {
			if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) > 1) {
				hp_err_set(err, "%s: \"%.80s\" must be a list of at most one "
				    "value", where, v->string);
				goto fail;
			}
			if (cJSON_GetArraySize(v) == 1)
				set_param(l->st, t, v->string, v->child, HO_MAX_DEPTH);
			else
				hp_study_set_param_text(l->st, t, v->string, "");
		}
		nchoice |= cJSON_GetArraySize(vals) > 0;
		i++;
		continue;
bad_doc:
		hp_err_set(err, "%s: expected a trial object", where);
		goto fail;
	}
	if (i == 0) {
		hp_err_set(err, "%s: no trials", l->path);
		goto fail;
	}
	if (lj_seen_check(&seen, l->path, 'I', err) < 0)
		goto fail;
	lj_seen_release(&seen);
	if (nchoice)
		hp_study_add_note(l->st, "hyperopt's misc.vals hold the index of an "
		    "hp.choice param's choice, not its label");
	return 0;
fail:
	lj_seen_release(&seen);
	return -1;
}

static int
load_results(struct ho_load *l, const cJSON *root, struct hp_err *err)
{
	size_t i = 0;
	const cJSON *r;
	char where[600];

	cJSON_ArrayForEach(r, root) {
		enum hp_state state = HP_STATE_COMPLETE;
		size_t t = hp_study_add_trial(l->st, (int)i, state);

		snprintf(where, sizeof(where), "%s: [%zu]", l->path, i);
		if (add_result(l, t, r, 1, &state, where, err) < 0)
			return -1;
		hp_study_set_state(l->st, t, state);
		if (++i > (size_t)1 << 30)
			return hp_err_set(err, "%s: too many trials", l->path);
	}
	if (i == 0)
		return hp_err_set(err, "%s: no trials", l->path);
	hp_study_add_note(l->st, "hyperopt trials.results: numbered in list order; "
	    "no times stored");
	return 0;
}

static int
finish(struct ho_load *l, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err)
{
	finish_notes(l);
	if (lj_finish(l->st, l->path, err) < 0)
		return -1;
	hp_load_keep(out, l->st, opts);
	l->st = NULL;
	return 0;
}

static struct hp_study *
new_study(const char *name)
{
	struct hp_study *st = hp_study_new(name);
	enum hp_direction dir = HP_DIR_MINIMIZE;

	hp_study_set_directions(st, 1, &dir);
	hp_study_set_objective_name(st, 0, "loss");
	return st;
}

static int
load_file(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err)
{
	struct ho_load l;
	cJSON *root;
	const cJSON *first;
	char *name;
	int rc = -1;

	if ((root = lj_read_doc(path, err)) == NULL)
		return -1;
	memset(&l, 0, sizeof(l));
	l.path = path;
	if (cJSON_IsString(root)) {
		hp_err_set(err, "%s: a JSON string (\"%.60s\"), not trials: json.dump of "
		    "the Trials object itself writes its repr; dump trials.trials "
		    "instead (see README)", path, root->valuestring);
		goto out;
	}
	if (!cJSON_IsArray(root)) {
		hp_err_set(err, "%s: expected a list of hyperopt trials or results", path);
		goto out;
	}
	name = lj_basename(path);
	l.st = new_study(name);
	free(name);
	first = root->child;
	if (first && cJSON_IsObject(first) && (lj_get(first, "misc") ||
	    lj_get(first, "tid"))) {
		if (load_trials(&l, root, err) < 0)
			goto out;
	} else if (load_results(&l, root, err) < 0)
		goto out;
	rc = finish(&l, opts, out, err);
out:
	hp_study_free(l.st);
	cJSON_Delete(root);
	return rc;
}

static char *
read_part(FILE *fp, size_t max, size_t *len)
{
	char *h = hp_malloc(max + 1);

	*len = fread(h, 1, max, fp);
	h[*len] = '\0';
	return h;
}

/*
 * What a regular file in a results directory is: 2 a JSON object whose
 * first 64 KiB or last 4 KiB name "loss" or "status" (json.dump with
 * sort_keys puts them after a long "history"), 1 binary (a NUL byte, or
 * pickle's 0x80), 0 anything else.  With `both`, both keys must show.
 */
static int
file_kind(const char *file, int both)
{
	FILE *fp = fopen(file, "rb");
	char *head, *tail = NULL;
	size_t hlen, tlen = 0;
	int kind = 0, loss, status;

	if (fp == NULL)
		return 0;
	head = read_part(fp, 65536, &hlen);
	if (hlen == 65536 && fseek(fp, -4096, SEEK_END) == 0)
		tail = read_part(fp, 4096, &tlen);
	fclose(fp);
	if (memchr(head, '\0', hlen) != NULL || (hlen > 0 &&
	    (unsigned char)head[0] == 0x80))
		kind = 1;
	else if (*lj_skip_blank(head) == '{') {
		loss = strstr(head, "\"loss\"") || (tail && strstr(tail, "\"loss\""));
		status = strstr(head, "\"status\"") ||
		    (tail && strstr(tail, "\"status\""));
		kind = (both ? loss && status : loss || status) ? 2 : 0;
	}
	free(head);
	free(tail);
	return kind;
}

static int
load_dir(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err)
{
	struct ho_load l;
	char **names = NULL, *base;
	size_t n = 0, cap = 0, ntrials = 0, nbinary = 0, nother = 0;
	DIR *dp;
	struct dirent *e;
	int rc = -1;

	if ((dp = opendir(path)) == NULL)
		return hp_err_set(err, "%s: %s", path, strerror(errno));
	while ((e = readdir(dp)) != NULL)
		if (e->d_name[0] != '.') {
			hp_grow(&names, &cap, n + 1, sizeof(char *));
			names[n++] = hp_strdup(e->d_name);
		}
	closedir(dp);
	hp_load_qsort(names, n, sizeof(char *), hp_load_cmp_str);
	memset(&l, 0, sizeof(l));
	{
		size_t k = strlen(path);
		char *trim = hp_strdup(path);

		while (k > 1 && trim[k - 1] == '/')
			trim[--k] = '\0';
		base = lj_basename(trim);
		free(trim);
	}
	l.st = new_study(base);
	for (size_t i = 0; i < n; i++) {
		char *file = hp_sprintf("%s/%s", path, names[i]), *text;
		size_t len;
		int kind;
		struct stat sb;
		cJSON *j;
		enum hp_state state = HP_STATE_COMPLETE;
		size_t t;

		if (stat(file, &sb) != 0 || !S_ISREG(sb.st_mode)) {
			free(file);
			continue;
		}
		kind = file_kind(file, 0);
		if (kind != 2) {
			*(kind == 1 ? &nbinary : &nother) += 1;	/* pickles, logs */
			free(file);
			continue;
		}
		if (hp_read_file(file, &text, &len, err) < 0) {
			free(file);
			goto out;
		}
		j = lj_parse_doc(text, len, file, err);
		free(text);
		if (j == NULL) {
			free(file);
			goto out;
		}
		t = hp_study_add_trial(l.st, (int)ntrials, state);
		l.path = file;
		rc = add_result(&l, t, j, 1, &state, file, err);
		l.path = NULL;
		cJSON_Delete(j);
		if (rc < 0) {
			free(file);
			goto out;
		}
		rc = -1;
		hp_study_set_state(l.st, t, state);
		{
			cJSON *nm = cJSON_CreateString(names[i]);
			char *s = lj_print(nm);

			hp_study_add_attr(l.st, t, 1, "hyperopt:file", s);
			free(s);
			cJSON_Delete(nm);
		}
		free(file);
		ntrials++;
	}
	if (ntrials == 0) {
		hp_err_set(err, "%s: no hyperopt trial files (JSON objects with \"loss\" "
		    "and \"status\")", path);
		goto out;
	}
	hp_study_add_note(l.st, "hyperopt: one JSON file per trial, numbered in "
	    "file-name order (the files hold no order); no times stored");
	if (nbinary)
		hp_study_add_note(l.st, "%zu binary file%s (pickles) ignored", nbinary,
		    nbinary == 1 ? "" : "s");
	if (nother)
		hp_study_add_note(l.st, "%zu other file%s ignored", nother,
		    nother == 1 ? "" : "s");
	l.path = path;
	rc = finish(&l, opts, out, err);
out:
	hp_study_free(l.st);
	hp_load_strv_free(names, n);
	free(base);
	return rc;
}

int
hp_load_hyperopt(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err)
{
	struct stat sb;

	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
		return load_dir(path, opts, out, err);
	return load_file(path, opts, out, err);
}

int
hp_probe_hyperopt(const char *path, const char *head, size_t len)
{
	const char *p;

	(void)path;
	if (head == NULL || len == 0)
		return 0;
	p = lj_skip_blank(head);
	if (strncmp(p, "\"<hyperopt.", 11) == 0)	/* the failed dump, to refuse */
		return 1;
	if (*p != '[')
		return 0;
	p = lj_skip_blank(p + 1);
	if (*p != '{')
		return 0;
	/* trials.trials documents, or the objective's return dicts */
	return (strstr(p, "\"tid\"") && strstr(p, "\"misc\"") &&
	    strstr(p, "\"result\"")) || (strstr(p, "\"loss\"") &&
	    strstr(p, "\"status\""));
}

int
hp_probe_hyperopt_dir(const char *path, const char *head, size_t len)
{
	DIR *dp;
	struct dirent *e;
	int found = 0, seen = 0;

	(void)len;
	if (head != NULL || (dp = opendir(path)) == NULL)
		return 0;
	/* the first few regular files: one trial's return dict is enough */
	while (!found && seen < 16 && (e = readdir(dp)) != NULL) {
		char *file;
		struct stat sb;

		if (e->d_name[0] == '.')
			continue;
		file = hp_sprintf("%s/%s", path, e->d_name);
		if (stat(file, &sb) == 0 && S_ISREG(sb.st_mode)) {
			seen++;
			found = file_kind(file, 1) == 2;
		}
		free(file);
	}
	closedir(dp);
	return found;
}
