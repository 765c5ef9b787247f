/*
 * mlflow: MLflow tracking data, from the tracking database (SQLite, opened
 * read-only in one read transaction) or from the `mlruns/` file store
 * (meta.yaml files, params/, metrics/ and tags/ folders, where a key with
 * `/` is a sub-folder).  Both are read into the same list of runs, and one
 * routine turns that list into studies:
 *
 *  - Runs are trials.  Runs with the tag mlflow.parentRunId are the trials
 *    of their parent search run: they form one study named
 *    "<experiment>/<parent run name>", and the parent itself is not a
 *    trial.  The other runs of an experiment form a study named after the
 *    experiment.  Deleted runs and experiments are skipped; empty studies
 *    are not made, nor those whose runs never logged the metric: each
 *    study made then has a note naming them (none made is an error).
 *  - Trial numbers follow start_time (ties by run id), from 0 in each study.
 *  - Status: FINISHED -> COMPLETE, FAILED/KILLED -> FAIL, RUNNING ->
 *    RUNNING, SCHEDULED -> WAITING.
 *  - The objective is the metric opts->metric; without it, the only metric
 *    the selected studies' runs logged, else an error listing them.  Its
 *    last value (highest step, then latest timestamp) is the trial's value;
 *    its history is the intermediate values when it has two steps or more.
 *    is_nan rows are NaN, and the +-DBL_MAX the SQL store writes for
 *    +-inf are read back as +-inf.  The other metrics' last values become
 *    user attributes.
 *  - MLflow stores no direction: opts->direction, else maximize when the
 *    metric name looks like a score (acc, auc, f1, precision, recall, r2),
 *    else minimize; a note says which was assumed.
 *  - Params are text; the study infers their types.
 */
#include <dirent.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "hpreport/load.h"

#include "internal.h"
#include "loadjson.h"
#include "sqlite_ro.h"

struct ml_kv {
	char	*key;
	char	*value;
};

struct ml_metric {
	char	*key;
	double	 value;
	double	 ts;
	double	 step;
	size_t	 seq;		/* read order */
};

struct ml_run {
	char	*id;
	char	*name;		/* may be NULL */
	char	*parent;	/* mlflow.parentRunId or NULL */
	char	*exp;		/* experiment id */
	enum hp_state state;
	double	 start, end;	/* seconds since 1970, NaN = unknown */
	struct ml_kv *params;
	size_t	 nparams, capparams;
	struct ml_metric *metrics;
	size_t	 nmetrics, capmetrics;
	int	 is_parent;	/* some run names it as parent */
	char	*group;		/* study name (owned) */
};

struct ml_exp {
	char	*id;
	char	*name;
};

struct ml_store {
	const char	*file;		/* for messages */
	struct ml_run	*runs;
	size_t		 nruns, capruns;
	struct ml_exp	*exps;
	size_t		 nexps, capexps;
};

static void
store_release(struct ml_store *s)
{
	for (size_t i = 0; i < s->nruns; i++) {
		struct ml_run *r = &s->runs[i];

		free(r->id);
		free(r->name);
		free(r->parent);
		free(r->exp);
		free(r->group);
		for (size_t j = 0; j < r->nparams; j++) {
			free(r->params[j].key);
			free(r->params[j].value);
		}
		free(r->params);
		for (size_t j = 0; j < r->nmetrics; j++)
			free(r->metrics[j].key);
		free(r->metrics);
	}
	free(s->runs);
	for (size_t i = 0; i < s->nexps; i++) {
		free(s->exps[i].id);
		free(s->exps[i].name);
	}
	free(s->exps);
}

static struct ml_run *
add_run(struct ml_store *s, const char *id, const char *exp)
{
	struct ml_run *r;

	hp_grow(&s->runs, &s->capruns, s->nruns + 1, sizeof(*s->runs));
	r = &s->runs[s->nruns++];
	memset(r, 0, sizeof(*r));
	r->id = hp_strdup(id);
	r->exp = hp_strdup(exp);
	r->start = r->end = NAN;
	r->state = HP_STATE_RUNNING;
	return r;
}

static void
add_param(struct ml_run *r, const char *key, const char *value)
{
	hp_grow(&r->params, &r->capparams, r->nparams + 1, sizeof(*r->params));
	r->params[r->nparams].key = hp_strdup(key);
	r->params[r->nparams].value = hp_strdup(value ? value : "");
	r->nparams++;
}

static void
add_metric(struct ml_run *r, const char *key, double v, double ts, double step)
{
	hp_grow(&r->metrics, &r->capmetrics, r->nmetrics + 1, sizeof(*r->metrics));
	r->metrics[r->nmetrics] = (struct ml_metric){ hp_strdup(key), v, ts, step,
	    r->nmetrics };
	r->nmetrics++;
}

static int
status_state(const char *s, enum hp_state *out)
{
	static const struct { const char *name; enum hp_state st; } map[] = {
		{ "FINISHED", HP_STATE_COMPLETE }, { "FAILED", HP_STATE_FAIL },
		{ "KILLED", HP_STATE_FAIL }, { "RUNNING", HP_STATE_RUNNING },
		{ "SCHEDULED", HP_STATE_WAITING },
		/* the file store writes the RunStatus enum as an int */
		{ "1", HP_STATE_RUNNING }, { "2", HP_STATE_WAITING },
		{ "3", HP_STATE_COMPLETE }, { "4", HP_STATE_FAIL }, { "5", HP_STATE_FAIL },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (s && strcmp(s, map[i].name) == 0) {
			*out = map[i].st;
			return 0;
		}
	return -1;
}

/* --- from runs to studies ------------------------------------------------ */

/* Run of id, or NULL; runs are sorted by id once read (see sort_runs). */
static struct ml_run *
lookup(struct ml_store *s, const char *id)
{
	size_t lo = 0, hi = s->nruns;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(s->runs[mid].id, id);

		if (c == 0)
			return &s->runs[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int
cmp_run_id(const void *a, const void *b)
{
	return strcmp(((const struct ml_run *)a)->id, ((const struct ml_run *)b)->id);
}


static const char *
exp_name(struct ml_store *s, const char *id)
{
	for (size_t i = 0; i < s->nexps; i++)
		if (strcmp(s->exps[i].id, id) == 0)
			return s->exps[i].name;
	return id;
}

static int
cmp_run(const void *a, const void *b)
{
	const struct ml_run *x = *(struct ml_run *const *)a, *y = *(struct ml_run *const *)b;
	int c = strcmp(x->group, y->group);

	if (c)
		return c;
	if (!isnan(x->start) || !isnan(y->start)) {
		if (isnan(x->start))
			return 1;
		if (isnan(y->start))
			return -1;
		if (x->start != y->start)
			return x->start < y->start ? -1 : 1;
	}
	return strcmp(x->id, y->id);
}

static int
cmp_metric(const void *a, const void *b)
{
	const struct ml_metric *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	if (x->step != y->step)
		return x->step < y->step ? -1 : 1;
	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * The history of metric `key` in r, whose metrics are sorted by key, step,
 * timestamp and read order: [*first, return value) -- so the last one is
 * the metric's value -- and the count of distinct steps.  Empty: first ==
 * end.
 */
static size_t
metric_range(const struct ml_run *r, const char *key, size_t *first, size_t *nsteps)
{
	size_t i = 0, j, steps = 0;

	while (i < r->nmetrics && strcmp(r->metrics[i].key, key) != 0)
		i++;
	for (j = i; j < r->nmetrics && strcmp(r->metrics[j].key, key) == 0; j++)
		steps += j == i || r->metrics[j].step != r->metrics[j - 1].step;
	*first = i;
	if (nsteps)
		*nsteps = steps;
	return j;
}

/* Adds the metric names of r (deduplicated) to *keys. */
static void
collect_keys(const struct ml_run *r, char ***keys, size_t *n, size_t *cap)
{
	for (size_t i = 0; i < r->nmetrics; i++) {
		size_t j;

		for (j = 0; j < *n && strcmp((*keys)[j], r->metrics[i].key) != 0; j++)
			;
		if (j == *n) {
			hp_grow(keys, cap, *n + 1, sizeof(char *));
			(*keys)[(*n)++] = r->metrics[i].key;
		}
	}
}

static struct hp_study *
make_study(const char *name, struct ml_run **v, size_t n, const char *metric,
    const struct hp_load_opts *opts, const char *file, struct hp_err *err)
{
	struct hp_study *st = hp_study_new(name);
	enum hp_direction dir = opts ? opts->direction : HP_DIR_NOT_SET;
	size_t nnoval = 0;
	struct hp_err e;

	if (dir == HP_DIR_NOT_SET) {
		dir = hp_load_metric_is_score(metric) ? HP_DIR_MAXIMIZE : HP_DIR_MINIMIZE;
		hp_study_add_note(st, "MLflow stores no direction: %s assumed for "
		    "\"%s\"%s (use --direction)", hp_direction_name(dir), metric,
		    dir == HP_DIR_MAXIMIZE ? " from its name" : "");
	}
	hp_study_set_directions(st, 1, &dir);
	hp_study_set_objective_name(st, 0, metric);
	for (size_t i = 0; i < n; i++) {
		struct ml_run *r = v[i];
		size_t t = hp_study_add_trial(st, (int)i, r->state), nsteps, first, end;
		char *s;

		end = metric_range(r, metric, &first, &nsteps);
		hp_study_set_times(st, t, r->start, r->end);
		if (end > first)
			hp_study_set_value(st, t, 0, r->metrics[end - 1].value);
		else if (r->state == HP_STATE_COMPLETE)
			nnoval++;
		for (size_t j = first; nsteps >= 2 && j < end; j++)
			hp_study_add_intermediate(st, t, r->metrics[j].step,
			    r->metrics[j].value);
		for (size_t j = 0; j < r->nparams; j++)
			hp_study_set_param_text(st, t, r->params[j].key, r->params[j].value);
		s = hp_load_json_string(r->id);
		hp_study_add_attr(st, t, 1, "mlflow:run_id", s);
		free(s);
		if (r->name) {
			s = hp_load_json_string(r->name);
			hp_study_add_attr(st, t, 1, "mlflow:run_name", s);
			free(s);
		}
		for (size_t j = 0; j < r->nmetrics; j++) {
			const struct ml_metric *m = &r->metrics[j];
			char buf[64];

			/* the last of each other metric's history */
			if (strcmp(m->key, metric) == 0 || (j + 1 < r->nmetrics &&
			    strcmp(r->metrics[j + 1].key, m->key) == 0))
				continue;
			hp_fmt_double(buf, sizeof(buf), m->value);
			if (!isfinite(m->value))	/* as Python writes it */
				snprintf(buf, sizeof(buf), "%s", isnan(m->value) ? "NaN" :
				    m->value > 0 ? "Infinity" : "-Infinity");
			hp_study_add_attr(st, t, 0, m->key, buf);
		}
	}
	if (nnoval)
		hp_study_add_note(st, "%zu finished run%s did not log \"%s\"", nnoval,
		    nnoval == 1 ? "" : "s", metric);
	if (hp_study_finish(st, &e) < 0) {
		hp_err_set(err, "%s: study \"%.80s\": %s", file, name, e.msg);
		hp_study_free(st);
		return NULL;
	}
	return st;
}

/* Groups the runs into studies and adds those selected by opts. */
static int
build(struct ml_store *s, const struct hp_load_opts *opts, struct hp_studyset *out,
    struct hp_err *err)
{
	struct ml_run **v = hp_calloc(s->nruns + 1, sizeof(*v));
	char **keys = NULL;
	size_t n = 0, nkeys = 0, capkeys = 0;
	const char *metric = opts ? opts->metric : NULL;
	int rc = -1, any = 0;
	size_t before = out->n, ndropped = 0;
	char list[300];
	struct hp_buf dropped;

	hp_buf_init(&dropped);
	for (size_t i = 0; i < s->nruns; i++) {
		struct ml_run *r = &s->runs[i], *p;

		hp_load_qsort(r->metrics, r->nmetrics, sizeof(*r->metrics), cmp_metric);
		if (r->parent && (p = lookup(s, r->parent)) != NULL)
			p->is_parent = 1;
	}
	for (size_t i = 0; i < s->nruns; i++) {
		struct ml_run *r = &s->runs[i], *p;
		struct hp_buf b;

		if (r->is_parent)
			continue;
		hp_buf_init(&b);
		hp_buf_puts(&b, exp_name(s, r->exp));
		if (r->parent) {
			p = lookup(s, r->parent);
			hp_buf_printf(&b, "/%s", p && p->name && *p->name ? p->name :
			    r->parent);
		}
		r->group = b.s;
		if (opts && opts->study && strcmp(r->group, opts->study) != 0)
			continue;
		v[n++] = r;
		collect_keys(r, &keys, &nkeys, &capkeys);
	}
	if (n == 0) {
		rc = opts && opts->study ? 0 : hp_err_set(err, "%s: no runs", s->file);
		goto out;	/* hp_load reports a missing study */
	}
	if (metric == NULL) {
		if (nkeys == 1)
			metric = keys[0];
		else {
			hp_load_list_names(keys, nkeys, list, sizeof(list));
			if (nkeys == 0)
				hp_err_set(err, "%s: the runs logged no metric", s->file);
			else
				hp_err_set(err, "%s: several metrics (%s): choose one with "
				    "--metric", s->file, list);
			goto out;
		}
	}
	hp_load_qsort(v, n, sizeof(*v), cmp_run);
	for (size_t i = 0; i < n; ) {
		size_t j = i;
		int has = 0;

		while (j < n && strcmp(v[j]->group, v[i]->group) == 0) {
			size_t first;

			has |= metric_range(v[j], metric, &first, NULL) > first;
			j++;
		}
		if (has) {	/* a study of runs that never logged the metric is left out */
			struct hp_study *st = make_study(v[i]->group, v + i, j - i, metric,
			    opts, s->file, err);

			if (st == NULL)
				goto out;
			hp_studyset_add(out, st);
			any = 1;
		} else if (ndropped++ < 8) {
			hp_buf_printf(&dropped, "%s\"%.80s\"", dropped.len ? ", " : "",
			    v[i]->group);
		}
		i = j;
	}
	if (!any) {
		hp_load_list_names(keys, nkeys, list, sizeof(list));
		hp_err_set(err, "%s: no run logged metric \"%.80s\" (metrics: %s)",
		    s->file, metric, list);
		goto out;
	}
	if (ndropped > 8)
		hp_buf_printf(&dropped, " and %zu more", ndropped - 8);
	for (size_t i = before; ndropped > 0 && i < out->n; i++)
		hp_study_add_note(out->v[i], "%s %s not in the report: no run of %s "
		    "logged \"%.80s\"", ndropped == 1 ? "Study" : "Studies", dropped.s,
		    ndropped == 1 ? "it" : "them", metric);
	rc = 0;
out:
	while (rc < 0 && out->n > before)	/* a failed load adds nothing */
		hp_study_free(out->v[--out->n]);
	hp_buf_release(&dropped);
	free(keys);
	free(v);
	return rc;
}

/* --- tracking database ---------------------------------------------------- */

static const char *const tables[] = { "experiments", "runs", "params", "metrics",
    "tags" };

int
hp_probe_mlflow_sqlite(const char *path, const char *head, size_t len)
{
	struct hp_err e;
	sqlite3 *db;
	int ok = 1;

	if (head == NULL || len < 16 || !hp_sqlite_magic(head, len))
		return 0;
	if ((db = hp_sqlite_open_ro(path, path, &e)) == NULL)
		return 0;
	/* the two tables that say "MLflow"; the loader reports the others missing */
	for (size_t i = 0; i < 2 && ok; i++)
		ok = hp_sqlite_has_table(db, tables[i]) == 1;
	sqlite3_close(db);
	return ok;
}

/* Runs a query row by row; `row` gets the statement and the row number. */
static int
query(sqlite3 *db, struct ml_store *st, const char *table, const char *sql,
    int (*row)(struct ml_store *, sqlite3_stmt *, long long, struct hp_err *),
    struct hp_err *err)
{
	sqlite3_stmt *s;
	long long n = 0;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		return hp_err_set(err, "%s: table %s: %s", st->file, table,
		    sqlite3_errmsg(db));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (row(st, s, ++n, err) < 0) {
			sqlite3_finalize(s);
			return -1;
		}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return hp_err_set(err, "%s: table %s: %s", st->file, table,
		    sqlite3_errmsg(db));
	return 0;
}

static int
row_exp(struct ml_store *s, sqlite3_stmt *q, long long n, struct hp_err *err)
{
	const char *id, *name;

	if (hp_sqlite_as_text(q, 0, &id) < 0 || id == NULL ||
	    hp_sqlite_as_text(q, 1, &name) < 0)
		return hp_err_set(err, "%s: table experiments, row %lld: wrong types",
		    s->file, n);
	hp_grow(&s->exps, &s->capexps, s->nexps + 1, sizeof(*s->exps));
	s->exps[s->nexps].id = hp_strdup(id);
	s->exps[s->nexps].name = hp_strdup(name ? name : id);
	s->nexps++;
	return 0;
}

/* ms since 1970 as seconds; huge values are an error */
static int
ms_time(double ms, double *out)
{
	if (isnan(ms)) {
		*out = NAN;
		return 0;
	}
	if (!(fabs(ms) < 1e15))
		return -1;
	*out = ms / 1000.0;
	return 0;
}

static int
row_run(struct ml_store *s, sqlite3_stmt *q, long long n, struct hp_err *err)
{
	const char *id, *name, *status, *exp;
	double a, b;
	struct ml_run *r;
	enum hp_state state;

	if (hp_sqlite_as_text(q, 0, &id) < 0 || id == NULL ||
	    hp_sqlite_as_text(q, 1, &name) < 0 ||
	    hp_sqlite_as_text(q, 2, &status) < 0 || hp_sqlite_num(q, 3, &a) < 0 ||
	    hp_sqlite_num(q, 4, &b) < 0 || hp_sqlite_as_text(q, 5, &exp) < 0 ||
	    exp == NULL)
		return hp_err_set(err, "%s: table runs, row %lld: wrong types", s->file, n);
	if (status_state(status, &state) < 0)
		return hp_err_set(err, "%s: table runs, row %lld: unknown status "
		    "\"%.20s\"", s->file, n, status ? status : "NULL");
	r = add_run(s, id, exp);
	r->name = hp_strdup(name);
	r->state = state;
	if (ms_time(a, &r->start) < 0 || ms_time(b, &r->end) < 0)
		return hp_err_set(err, "%s: table runs, row %lld: time out of range",
		    s->file, n);
	return 0;
}

static int
row_tag(struct ml_store *s, sqlite3_stmt *q, long long n, struct hp_err *err)
{
	const char *id, *key, *value;
	struct ml_run *r;

	if (hp_sqlite_as_text(q, 0, &id) < 0 || id == NULL ||
	    hp_sqlite_as_text(q, 1, &key) < 0 || key == NULL ||
	    hp_sqlite_as_text(q, 2, &value) < 0)
		return hp_err_set(err, "%s: table tags, row %lld: wrong types", s->file, n);
	if ((r = lookup(s, id)) == NULL || value == NULL)
		return 0;
	if (strcmp(key, "mlflow.parentRunId") == 0 && r->parent == NULL)
		r->parent = hp_strdup(value);
	else if (strcmp(key, "mlflow.runName") == 0 && (r->name == NULL || !*r->name)) {
		free(r->name);
		r->name = hp_strdup(value);
	}
	return 0;
}

static int
row_param(struct ml_store *s, sqlite3_stmt *q, long long n, struct hp_err *err)
{
	const char *id, *key, *value;
	struct ml_run *r;

	if (hp_sqlite_as_text(q, 0, &id) < 0 || id == NULL ||
	    hp_sqlite_as_text(q, 1, &key) < 0 || key == NULL ||
	    hp_sqlite_as_text(q, 2, &value) < 0)
		return hp_err_set(err, "%s: table params, row %lld: wrong types",
		    s->file, n);
	if ((r = lookup(s, id)) != NULL)
		add_param(r, key, value);
	return 0;
}

static int
row_metric(struct ml_store *s, sqlite3_stmt *q, long long n, struct hp_err *err)
{
	const char *id, *key;
	double v, ts, step, isnan_;
	struct ml_run *r;

	if (hp_sqlite_as_text(q, 0, &id) < 0 || id == NULL ||
	    hp_sqlite_as_text(q, 1, &key) < 0 || key == NULL ||
	    hp_sqlite_num(q, 2, &v) < 0 || hp_sqlite_num(q, 3, &ts) < 0 ||
	    hp_sqlite_num(q, 4, &step) < 0 || hp_sqlite_num(q, 5, &isnan_) < 0)
		return hp_err_set(err, "%s: table metrics, row %lld: wrong types",
		    s->file, n);
	if (isnan(step))
		step = 0;
	if (!(fabs(step) < 9007199254740992.0))
		return hp_err_set(err, "%s: table metrics, row %lld: step out of range",
		    s->file, n);
	if ((r = lookup(s, id)) == NULL)
		return 0;
	if (isnan_ == 1)
		v = NAN;
	else if (v >= DBL_MAX)	/* the SQL store writes +-inf as +-DBL_MAX */
		v = INFINITY;
	else if (v <= -DBL_MAX)
		v = -INFINITY;
	add_metric(r, key, v, isnan(ts) ? 0 : ts, step);
	return 0;
}

int
hp_load_mlflow_sqlite(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err)
{
	struct ml_store s = { .file = path };	/* as given, for messages */
	sqlite3 *db;
	int rc = -1;

	if ((db = hp_sqlite_open_ro(path, s.file, err)) == NULL)
		return -1;
	if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		hp_err_set(err, "%s: %s", s.file, sqlite3_errmsg(db));
		goto out;
	}
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		int h = hp_sqlite_has_table(db, tables[i]);

		if (h != 1) {
			if (h < 0)
				hp_err_set(err, "%s: %s", s.file, sqlite3_errmsg(db));
			else
				hp_err_set(err, "%s: no table %s", s.file, tables[i]);
			goto out;
		}
	}
	if (query(db, &s, "experiments", "SELECT experiment_id, name FROM experiments "
	    "WHERE lifecycle_stage IS NOT 'deleted'", row_exp, err) < 0 ||
	    query(db, &s, "runs", "SELECT run_uuid, name, status, start_time, "
	    "end_time, experiment_id FROM runs WHERE lifecycle_stage IS NOT 'deleted' "
	    "AND experiment_id IN (SELECT experiment_id FROM experiments WHERE "
	    "lifecycle_stage IS NOT 'deleted')", row_run, err) < 0)
		goto out;
	hp_load_qsort(s.runs, s.nruns, sizeof(*s.runs), cmp_run_id);
	for (size_t i = 0; i + 1 < s.nruns; i++)
		if (strcmp(s.runs[i].id, s.runs[i + 1].id) == 0) {
			hp_err_set(err, "%s: table runs: duplicate run \"%.40s\"", s.file,
			    s.runs[i].id);
			goto out;
		}
	if (query(db, &s, "tags", "SELECT run_uuid, key, value FROM tags WHERE key IN "
	    "('mlflow.parentRunId', 'mlflow.runName')", row_tag, err) < 0 ||
	    query(db, &s, "params", "SELECT run_uuid, key, value FROM params "
	    "ORDER BY rowid", row_param, err) < 0 ||
	    query(db, &s, "metrics", "SELECT run_uuid, key, value, timestamp, step, "
	    "is_nan FROM metrics ORDER BY rowid", row_metric, err) < 0)
		goto out;
	rc = build(&s, opts, out, err);
out:
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(db);
	store_release(&s);
	return rc;
}

/* --- file store ---------------------------------------------------------- */

/* The top-level "key: value" pairs of a meta.yaml MLflow wrote (quoted or
 * plain scalars, folded continuation lines); nested lists are skipped. */
struct yaml {
	struct ml_kv *v;
	size_t	 n, cap;
};

static void
yaml_release(struct yaml *y)
{
	for (size_t i = 0; i < y->n; i++) {
		free(y->v[i].key);
		free(y->v[i].value);
	}
	free(y->v);
}

static const char *
yaml_get(const struct yaml *y, const char *key)
{
	for (size_t i = 0; i < y->n; i++)
		if (strcmp(y->v[i].key, key) == 0)
			return y->v[i].value;
	return NULL;
}

/* Unquotes a scalar in place: 'it''s' -> it's, "a\"b" -> a"b. */
static int
yaml_unquote(char *s)
{
	size_t n = strlen(s);
	char q = s[0], *w = s;

	if (n == 0 || (q != '\'' && q != '"'))
		return 0;
	if (n < 2 || s[n - 1] != q)
		return -1;
	s[n - 1] = '\0';
	for (char *r = s + 1; *r; r++) {
		if (q == '\'' && r[0] == '\'' && r[1] == '\'')
			r++;
		else if (q == '"' && r[0] == '\\' && r[1] != '\0')
			r++;
		*w++ = *r;
	}
	*w = '\0';
	return 0;
}

static int
yaml_read(const char *path, const char *text, struct yaml *y, struct hp_err *err)
{
	const char *p = text;
	size_t line = 0;
	struct hp_buf val;
	char *key = NULL;

	memset(y, 0, sizeof(*y));
	hp_buf_init(&val);
	for (;;) {
		const char *e = p + strcspn(p, "\n"), *c;
		int cont = *p == ' ' || *p == '\t';

		line++;
		if (key && (!cont || e == p)) {	/* finish the pending key */
			char *v = hp_strdup(val.s ? val.s : "");

			if (yaml_unquote(v) < 0) {
				free(v);
				free(key);
				hp_buf_release(&val);
				yaml_release(y);
				return hp_err_set(err, "%s:%zu: unterminated quoted value",
				    path, line - 1);
			}
			hp_grow(&y->v, &y->cap, y->n + 1, sizeof(*y->v));
			y->v[y->n++] = (struct ml_kv){ key, v };
			key = NULL;
		}
		if (*p == '\0')
			break;
		if (cont && key) {	/* a folded scalar goes on */
			const char *b = p;

			while (*b == ' ' || *b == '\t')
				b++;
			hp_buf_add(&val, " ", 1);
			hp_buf_add(&val, b, (size_t)(e - b));
		} else if (!cont && *p != '-' && *p != '#' && e > p) {
			c = memchr(p, ':', (size_t)(e - p));
			if (c == NULL || (c + 1 < e && c[1] != ' ')) {
				hp_buf_release(&val);
				yaml_release(y);
				return hp_err_set(err, "%s:%zu: expected \"key: value\"",
				    path, line);
			}
			key = hp_strndup(p, (size_t)(c - p));
			hp_buf_release(&val);
			hp_buf_init(&val);
			hp_buf_add(&val, "", 0);
			for (c++; c < e && *c == ' '; c++)
				;
			{
				const char *b = e;

				while (b > c && (b[-1] == ' ' || b[-1] == '\r'))
					b--;
				hp_buf_add(&val, c, (size_t)(b - c));
			}
		}
		p = *e ? e + 1 : e;
	}
	hp_buf_release(&val);
	return 0;
}

static int
read_yaml_file(const char *path, struct yaml *y, struct hp_err *err)
{
	char *text;
	int rc;

	if (hp_read_file(path, &text, NULL, err) < 0)
		return -1;
	rc = yaml_read(path, text, y, err);
	free(text);
	return rc;
}

/* Sorted names in dir (no dot entries); NULL when it cannot be opened. */
static char **
list_dir(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	if (d == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		hp_grow(&v, &cap, *n + 1, sizeof(*v));
		v[(*n)++] = hp_strdup(de->d_name);
	}
	closedir(d);
	hp_load_qsort(v, *n, sizeof(*v), hp_load_cmp_str);
	return v;
}

static int
is_dir(const char *p)
{
	struct stat sb;

	return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* Calls fn for each file under dir with its key ("a/b" for dir/a/b). */
static int
walk_keys(const char *dir, const char *prefix, struct ml_run *r, int depth,
    int (*fn)(struct ml_run *, const char *, const char *, struct hp_err *),
    struct hp_err *err)
{
	size_t n;
	char **v = list_dir(dir, &n);
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++) {
		struct hp_buf p, k;

		hp_buf_init(&p);
		hp_buf_init(&k);
		hp_buf_printf(&p, "%s/%s", dir, v[i]);
		hp_buf_printf(&k, "%s%s%s", prefix, *prefix ? "/" : "", v[i]);
		if (is_dir(p.s))
			rc = depth < 16 ? walk_keys(p.s, k.s, r, depth + 1, fn, err) : 0;
		else
			rc = fn(r, p.s, k.s, err);
		hp_buf_release(&p);
		hp_buf_release(&k);
	}
	hp_load_strv_free(v, n);
	return rc;
}

static int
file_param(struct ml_run *r, const char *path, const char *key, struct hp_err *err)
{
	char *text;

	if (hp_read_file(path, &text, NULL, err) < 0)
		return -1;
	add_param(r, key, text);
	free(text);
	return 0;
}

static int
file_metric(struct ml_run *r, const char *path, const char *key, struct hp_err *err)
{
	char *text, *p, *save = NULL;
	size_t line = 0;

	if (hp_read_file(path, &text, NULL, err) < 0)
		return -1;
	for (p = text; *p; ) {
		char *e = p + strcspn(p, "\n"), *f[4], *tok;
		int nf = 0;
		double ts, v, step = 0;

		line++;
		if (*e)
			*e++ = '\0';
		for (tok = strtok_r(p, " \t\r", &save); tok && nf < 4;
		    tok = strtok_r(NULL, " \t\r", &save))
			f[nf++] = tok;
		p = e;
		if (nf == 0)
			continue;
		if (nf < 2 || nf > 3 || hp_parse_double(f[0], &ts) < 0 ||
		    lj_parse_number(f[1], &v) < 0 ||
		    (nf == 3 && hp_parse_double(f[2], &step) < 0) ||
		    !(fabs(step) < 9007199254740992.0) || !(fabs(ts) < 1e18)) {
			free(text);
			return hp_err_set(err, "%s:%zu: expected \"timestamp value step\"",
			    path, line);
		}
		add_metric(r, key, v, ts, step);
	}
	free(text);
	return 0;
}

/* First line of a small text file (a tag), or NULL. */
static char *
read_tag(const char *rundir, const char *key)
{
	struct hp_buf p;
	struct hp_err e;
	char *text = NULL;

	hp_buf_init(&p);
	hp_buf_printf(&p, "%s/tags/%s", rundir, key);
	if (hp_read_file(p.s, &text, NULL, &e) < 0)
		text = NULL;
	hp_buf_release(&p);
	return text;
}

static int
time_of(const struct yaml *y, const char *key, double *out)
{
	const char *s = yaml_get(y, key);
	double v;

	*out = NAN;
	if (s == NULL || *s == '\0' || strcmp(s, "null") == 0)
		return 0;
	if (hp_parse_double(s, &v) < 0 || ms_time(v, out) < 0)
		return -1;
	return 0;
}

static int
load_run(struct ml_store *s, const char *expid, const char *rundir, struct hp_err *err)
{
	struct yaml y;
	struct hp_buf p;
	const char *id, *status, *stage, *name;
	struct ml_run *r;
	enum hp_state state;
	int rc = -1;

	hp_buf_init(&p);
	hp_buf_printf(&p, "%s/meta.yaml", rundir);
	if (read_yaml_file(p.s, &y, err) < 0) {
		hp_buf_release(&p);
		return -1;
	}
	id = yaml_get(&y, "run_uuid");
	if (id == NULL || *id == '\0')
		id = yaml_get(&y, "run_id");
	status = yaml_get(&y, "status");
	stage = yaml_get(&y, "lifecycle_stage");
	if (stage && strcmp(stage, "deleted") == 0) {
		rc = 0;
		goto out;
	}
	if (id == NULL || *id == '\0' || status_state(status, &state) < 0) {
		hp_err_set(err, "%s: needs run_uuid and a known status", p.s);
		goto out;
	}
	r = add_run(s, id, expid);
	r->state = state;
	if (time_of(&y, "start_time", &r->start) < 0 ||
	    time_of(&y, "end_time", &r->end) < 0) {
		hp_err_set(err, "%s: start_time and end_time must be times in ms", p.s);
		goto out;
	}
	name = yaml_get(&y, "run_name");
	r->name = name && *name ? hp_strdup(name) : read_tag(rundir, "mlflow.runName");
	r->parent = read_tag(rundir, "mlflow.parentRunId");
	hp_buf_release(&p);
	hp_buf_init(&p);
	hp_buf_printf(&p, "%s/params", rundir);
	if (walk_keys(p.s, "", r, 0, file_param, err) < 0)
		goto out;
	hp_buf_release(&p);
	hp_buf_init(&p);
	hp_buf_printf(&p, "%s/metrics", rundir);
	if (walk_keys(p.s, "", r, 0, file_metric, err) < 0)
		goto out;
	rc = 0;
out:
	hp_buf_release(&p);
	yaml_release(&y);
	return rc;
}

/* Loads experiment directory `dir` (holding meta.yaml); 1 if not one. */
static int
load_exp(struct ml_store *s, const char *dir, struct hp_err *err)
{
	struct yaml y;
	struct hp_buf p;
	const char *id, *stage, *name;
	char **v = NULL;
	size_t n = 0;
	int rc = -1;

	hp_buf_init(&p);
	hp_buf_printf(&p, "%s/meta.yaml", dir);
	if (access(p.s, R_OK) != 0) {
		hp_buf_release(&p);
		return 1;
	}
	if (read_yaml_file(p.s, &y, err) < 0) {
		hp_buf_release(&p);
		return -1;
	}
	id = yaml_get(&y, "experiment_id");
	stage = yaml_get(&y, "lifecycle_stage");
	name = yaml_get(&y, "name");
	if (id == NULL || yaml_get(&y, "run_uuid") || yaml_get(&y, "run_id")) {
		rc = 1;		/* not an experiment (models/, a run...) */
		goto out;
	}
	if (stage && strcmp(stage, "deleted") == 0) {
		rc = 0;
		goto out;
	}
	hp_grow(&s->exps, &s->capexps, s->nexps + 1, sizeof(*s->exps));
	s->exps[s->nexps].id = hp_strdup(id);
	s->exps[s->nexps].name = hp_strdup(name && *name ? name : id);
	s->nexps++;
	v = list_dir(dir, &n);
	for (size_t i = 0; i < n; i++) {
		struct hp_buf rd, m;
		int ok;

		hp_buf_init(&rd);
		hp_buf_init(&m);
		hp_buf_printf(&rd, "%s/%s", dir, v[i]);
		hp_buf_printf(&m, "%s/meta.yaml", rd.s);
		ok = is_dir(rd.s) && access(m.s, R_OK) == 0 ?
		    load_run(s, id, rd.s, err) : 0;
		hp_buf_release(&rd);
		hp_buf_release(&m);
		if (ok < 0)
			goto out;
	}
	rc = 0;
out:
	hp_load_strv_free(v, n);
	hp_buf_release(&p);
	yaml_release(&y);
	return rc;
}

/* 1 when dir/meta.yaml has an experiment_id line and no run id */
static int
exp_meta(const char *dir)
{
	struct hp_buf p;
	struct yaml y;
	struct hp_err e;
	int ok = 0;

	hp_buf_init(&p);
	hp_buf_printf(&p, "%s/meta.yaml", dir);
	if (access(p.s, R_OK) == 0 && read_yaml_file(p.s, &y, &e) == 0) {
		ok = yaml_get(&y, "experiment_id") && !yaml_get(&y, "run_uuid") &&
		    !yaml_get(&y, "run_id");
		yaml_release(&y);
	}
	hp_buf_release(&p);
	return ok;
}

int
hp_probe_mlflow_dir(const char *path, const char *head, size_t len)
{
	size_t n;
	char **v;
	int ok = 0;

	(void)len;
	if (head != NULL)
		return 0;
	if (exp_meta(path))
		return 1;
	v = list_dir(path, &n);
	for (size_t i = 0; i < n && !ok; i++) {
		struct hp_buf p;

		hp_buf_init(&p);
		hp_buf_printf(&p, "%s/%s", path, v[i]);
		ok = exp_meta(p.s);
		hp_buf_release(&p);
	}
	hp_load_strv_free(v, n);
	return ok;
}

int
hp_load_mlflow_dir(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err)
{
	struct ml_store s = { .file = path };	/* as given, for messages */
	size_t n;
	char **v;
	int rc = -1;

	if (!is_dir(path))
		return hp_err_set(err, "%s: not a directory", path);
	if (exp_meta(path)) {	/* one experiment directory */
		if (load_exp(&s, path, err) < 0)
			goto out;
	} else {
		v = list_dir(path, &n);
		for (size_t i = 0; i < n; i++) {
			struct hp_buf p;
			int r;

			hp_buf_init(&p);
			hp_buf_printf(&p, "%s/%s", path, v[i]);
			r = is_dir(p.s) ? load_exp(&s, p.s, err) : 1;
			hp_buf_release(&p);
			if (r < 0) {
				hp_load_strv_free(v, n);
				goto out;
			}
		}
		hp_load_strv_free(v, n);
	}
	hp_load_qsort(s.runs, s.nruns, sizeof(*s.runs), cmp_run_id);
	for (size_t i = 0; i + 1 < s.nruns; i++)
		if (strcmp(s.runs[i].id, s.runs[i + 1].id) == 0) {
			hp_err_set(err, "%s: duplicate run \"%.40s\"", s.file, s.runs[i].id);
			goto out;
		}
	rc = build(&s, opts, out, err);
out:
	store_release(&s);
	return rc;
}
