/*
 * raytune: a Ray Tune experiment directory (Ray 1.x and 2.x), as
 * tune.run() and Tuner.fit() leave it under ~/ray_results/<experiment>/:
 *
 *   experiment_state-<time>.json   the trial list with each trial's status
 *       and config.  2.x: {"trial_data": [[trial, runtime], ...]}, both
 *       elements JSON documents inside JSON strings, the runtime one
 *       holding last_result and start_time; 1.x: {"checkpoints": [{...}]},
 *       one plain object (or, in later 1.x, a JSON string) per trial.
 *       Both may hold bare -Infinity/NaN tokens.  runner_data._metric is
 *       the metric TuneConfig/tune.run was given (often null).
 *   <trial dir>/params.json         the trial's config
 *   <trial dir>/result.json         one JSON object per reported result
 *   <trial dir>/progress.csv        the same rows as CSV (read when there
 *                                   is no result.json row)
 *   tuner.pkl, *-state-*.json       cloudpickle binaries (the search space,
 *                                   metric and mode live there): not read,
 *                                   a note says so.
 *
 * How it becomes a study (one per experiment directory, named after it):
 *  - A trial is a trial of the newest experiment_state file (the largest
 *    name, the one Ray itself restores from; a note names the others,
 *    which are not read), joined to its directory by relative_logdir
 *    (2.x) or the last component of logdir (1.x), else by trial_id.
 *    A trial directory the state does not list is a trial too, and
 *    without any state every trial directory is one.
 *  - Trial numbers: trials sorted by the index Ray gave each when it
 *    created it (the leading integer of experiment_tag, also in the
 *    directory name "<trainable>_<id>_<index>_..."), then by trial_id,
 *    then by directory name, and numbered 0, 1, ... in that order.  The
 *    state file's own order is not creation order (it is a Python dict's).
 *  - Status: TERMINATED -> COMPLETE, ERROR -> FAIL, RUNNING and PAUSED ->
 *    RUNNING, PENDING -> WAITING.  A TERMINATED trial that never reported
 *    anything (a fail_fast or interrupted run marks unstarted trials so)
 *    is FAIL, with a note.  Without a state: an error file makes FAIL, a
 *    reported result COMPLETE, nothing RUNNING.
 *  - Result rows: nested objects are flattened with '/' (as Ray's
 *    progress.csv and its metric lookup do).  The objective is the metric
 *    opts->metric, else runner_data._metric, else the only metric the
 *    rows report besides Ray's own bookkeeping keys (timestamp, done,
 *    training_iteration, time_*_s, ...), else an error listing them.  A
 *    COMPLETE trial's value is the metric in its last row that has it
 *    (Ray's scope="last"), or in the state's last_result when there are
 *    no rows.  With two rows or more, the rows are intermediate values at
 *    step training_iteration.  The other metrics' last values are user
 *    attributes.
 *  - Direction: opts->direction; Ray keeps the mode only in tuner.pkl,
 *    so otherwise maximize when the metric's name looks like a score
 *    (acc, auc, f1, precision, recall, r2, score, reward), else minimize,
 *    with a note.
 *  - Params: the config (params.json, else the state's, else a row's
 *    "config"), nested dicts flattened with '/' (Ray's flatten_dict).
 *    Lists become one categorical choice each (their JSON text), null is
 *    the choice None.  Ray stores no distributions: the study infers them
 *    from the values and says so in notes.
 *  - Times: start = the state's start_time, else the first row's
 *    timestamp minus its time_total_s; end = the last row's timestamp
 *    (never before start).  These are Unix times; the study wants local
 *    time read as UTC, so both are shifted by the offset between a row's
 *    `date` (local) and its `timestamp`.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <csv.h>

#include "hpreport/load.h"

#include "internal.h"
#include "loadjson.h"

/* Keys Ray adds to every result row: not candidates for the objective. */
static const char *const auto_keys[] = {
	"timestamp", "done", "training_iteration", "trial_id", "date",
	"time_this_iter_s", "time_total_s", "pid", "hostname", "node_ip",
	"time_since_restore", "iterations_since_restore", "timesteps_total",
	"episodes_total", "timesteps_since_restore", "timesteps_this_iter",
	"episodes_this_iter", "experiment_id", "experiment_tag",
	"should_checkpoint", "checkpoint_dir_name", "warmup_time", "config",
	"node_id", "neg_mean_loss",
};

struct rt_trial {
	char	*id;		/* trial_id, or NULL */
	char	*dir;		/* trial directory name, or NULL */
	char	*logdir;	/* the state's directory name for it, or NULL */
	char	*tag;		/* experiment_tag, or NULL */
	long	 index;		/* creation index (experiment_tag), -1 unknown */
	char	*status;	/* the state's status, or NULL */
	cJSON	*config;	/* owned, or NULL */
	cJSON	*last;		/* the state's last_result, flattened, or NULL */
	double	 start;		/* the state's start_time, NaN unknown */
	int	 error;		/* an error file was written */
	cJSON	*rows;		/* array of flattened result rows, or NULL */
	int	 in_state;
};

struct rt_exp {
	const char	*path;		/* the experiment directory as given */
	struct rt_trial	*v;
	size_t		 n, cap;
	char		*metric;	/* runner_data._metric, or NULL */
	struct hp_study	*st;		/* built as notes come */
	int		 nometric;	/* no trial reported any metric */
};

static void
trial_release(struct rt_trial *t)
{
	free(t->id);
	free(t->dir);
	free(t->logdir);
	free(t->tag);
	free(t->status);
	cJSON_Delete(t->config);
	cJSON_Delete(t->last);
	cJSON_Delete(t->rows);
}

static struct rt_trial *
add_trial(struct rt_exp *e)
{
	struct rt_trial *t;

	hp_grow(&e->v, &e->cap, e->n + 1, sizeof(*e->v));
	t = &e->v[e->n++];
	memset(t, 0, sizeof(*t));
	t->index = -1;
	t->start = NAN;
	return t;
}

/* The names in dir (without . and ..), sorted; NULL with err. */
static char **
list_dir(const char *path, size_t *n, struct hp_err *err)
{
	DIR *d = opendir(path);
	struct dirent *de;
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	if (d == NULL) {
		hp_err_set(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		hp_grow(&v, &cap, *n + 1, sizeof(*v));
		v[(*n)++] = hp_strdup(de->d_name);
	}
	closedir(d);
	hp_load_qsort(v, *n, sizeof(*v), hp_load_cmp_str);
	if (v == NULL)
		v = hp_calloc(1, sizeof(*v));
	return v;
}

static int
has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

static int
has_suffix(const char *s, const char *x)
{
	size_t n = strlen(s), k = strlen(x);

	return n >= k && strcmp(s + n - k, x) == 0;
}

static int
is_file(const char *dir, const char *sub, const char *name)
{
	struct stat sb;
	char *p = sub ? hp_sprintf("%s/%s/%s", dir, sub, name) :
	    hp_sprintf("%s/%s", dir, name);
	int ok = stat(p, &sb) == 0 && S_ISREG(sb.st_mode);

	free(p);
	return ok;
}

static int
is_dir(const char *dir, const char *name)
{
	struct stat sb;
	char *p = hp_sprintf("%s/%s", dir, name);
	int ok = stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);

	free(p);
	return ok;
}

static int
is_state_name(const char *name)
{
	return has_prefix(name, "experiment_state-") && has_suffix(name, ".json");
}

/* A sub-directory that looks like a trial's: params.json and results. */
static int
is_trial_dir(const char *path, const char *name)
{
	return name[0] != '.' && is_dir(path, name) &&
	    is_file(path, name, "params.json") &&
	    (is_file(path, name, "result.json") || is_file(path, name, "progress.csv"));
}

int
hp_probe_raytune(const char *path, const char *head, size_t len)
{
	size_t n, checked = 0;
	char **v;
	int ok = 0;

	(void)len;
	if (head != NULL || (v = list_dir(path, &n, NULL)) == NULL)
		return 0;
	for (size_t i = 0; i < n && !ok; i++)
		ok = is_state_name(v[i]) && is_file(path, NULL, v[i]);
	/* a few sub-directories are enough to tell; a huge folder is not walked */
	for (size_t i = 0; i < n && !ok && checked < 64; i++)
		if (v[i][0] != '.' && is_dir(path, v[i])) {
			checked++;
			ok = is_trial_dir(path, v[i]);
		}
	hp_load_strv_free(v, n);
	return ok;
}

/* --- values --------------------------------------------------------------- */

/*
 * Adds the items of src to dst (an object), nested objects flattened with
 * '/' under `prefix` ("" at the top).  Items already in dst are replaced,
 * so a later duplicate key wins as in Python's dict.
 */
static void
flatten_into(cJSON *dst, const cJSON *src, const char *prefix)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, src) {
		char *key = hp_sprintf("%s%s", prefix, it->string ? it->string : "");

		if (cJSON_IsObject(it) && it->child != NULL) {
			char *p = hp_sprintf("%s/", key);

			flatten_into(dst, it, p);
			free(p);
		} else {
			cJSON_DeleteItemFromObjectCaseSensitive(dst, key);
			cJSON_AddItemToObject(dst, key, cJSON_Duplicate(it, 1));
		}
		free(key);
	}
}

static cJSON *
flatten(const cJSON *src)
{
	cJSON *dst = cJSON_CreateObject();

	if (dst == NULL)
		abort();	/* cJSON fails only on allocation */
	flatten_into(dst, src, "");
	return dst;
}

/* The number under key in obj: 1 with *v, 0 when absent, null or not a
 * number. */
static int
num_of(const cJSON *obj, const char *key, double *v)
{
	const cJSON *j = obj ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;

	return j && hp_json_number(j, v) == 0;
}

static const char *
str_of(const cJSON *obj, const char *key)
{
	const cJSON *j = obj ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;

	return cJSON_IsString(j) ? j->valuestring : NULL;
}

/* The leading integer of "12_lr=0.1" (Ray's creation index), or -1. */
static long
tag_index(const char *s)
{
	long v = 0;
	size_t i;

	if (s == NULL || !isdigit((unsigned char)s[0]))
		return -1;
	for (i = 0; isdigit((unsigned char)s[i]) && i < 9; i++)
		v = v * 10 + (s[i] - '0');
	return s[i] == '_' || s[i] == '\0' ? v : -1;
}

/* A progress.csv cell as JSON: empty -> null, True/False, number, text. */
static cJSON *
cell_json(const char *s)
{
	double v;

	if (s == NULL || *s == '\0')
		return cJSON_CreateNull();
	if (strcmp(s, "True") == 0 || strcmp(s, "False") == 0)
		return cJSON_CreateBool(s[0] == 'T');
	if (lj_parse_number(s, &v) == 0)
		return cJSON_CreateNumber(v);
	return cJSON_CreateString(s);
}

/* --- reading a trial directory -------------------------------------------- */

struct csvrows {
	char	**hdr;
	size_t	 nhdr;
	char	**f;		/* current record's fields */
	size_t	 nf, capf;
	size_t	 rec;		/* records seen, header included */
	cJSON	*rows;
	const char *file;
	struct hp_err *err;
	int	 failed;
};

static void
csv_cell(void *s, size_t len, void *data)
{
	struct csvrows *c = data;

	if (c->failed)
		return;
	hp_grow(&c->f, &c->capf, c->nf + 1, sizeof(*c->f));
	c->f[c->nf++] = s ? hp_strndup(s, len) : NULL;
}

static void
csv_record(int term, void *data)
{
	struct csvrows *c = data;
	cJSON *row;

	(void)term;
	if (c->failed)
		goto out;
	c->rec++;
	if (c->rec == 1) {
		c->hdr = c->f;
		c->nhdr = c->nf;
		c->f = NULL;
		c->nf = c->capf = 0;
		return;
	}
	if (c->nf == 1 && (c->f[0] == NULL || c->f[0][0] == '\0'))
		goto out;	/* a blank line */
	if (c->nf != c->nhdr) {
		hp_err_set(c->err, "%s: row %zu: %zu fields, the header has %zu",
		    c->file, c->rec, c->nf, c->nhdr);
		c->failed = 1;
		goto out;
	}
	row = cJSON_CreateObject();
	for (size_t i = 0; i < c->nf; i++)
		if (c->hdr[i] && *c->hdr[i])
			cJSON_AddItemToObject(row, c->hdr[i], cell_json(c->f[i]));
	cJSON_AddItemToArray(c->rows, row);
out:
	for (size_t i = 0; i < c->nf; i++)
		free(c->f[i]);
	c->nf = 0;
}

/* progress.csv's rows as flat objects into `rows`. */
static int
read_progress(const char *file, cJSON *rows, struct hp_err *err)
{
	struct csv_parser p;
	struct csvrows c = { .rows = rows, .file = file, .err = err };
	char chunk[65536];
	size_t n;
	FILE *fp;

	if ((fp = fopen(file, "rb")) == NULL)
		return hp_err_set(err, "%s: %s", file, strerror(errno));
	if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0) {
		fclose(fp);
		return hp_err_set(err, "%s: cannot set up the CSV parser", file);
	}
	while (!c.failed && (n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (csv_parse(&p, chunk, n, csv_cell, csv_record, &c) != n) {
			hp_err_set(err, "%s: row %zu: %s", file, c.rec + 1,
			    csv_strerror(csv_error(&p)));
			c.failed = 1;
		}
	if (!c.failed && ferror(fp))
		c.failed = hp_err_set(err, "%s: read error", file);
	if (!c.failed)
		csv_fini(&p, csv_cell, csv_record, &c);
	csv_free(&p);
	fclose(fp);
	for (size_t i = 0; i < c.nf; i++)
		free(c.f[i]);
	free(c.f);
	hp_load_strv_free(c.hdr, c.nhdr);
	return c.failed ? -1 : 0;
}

/* result.json's rows, flattened, into `rows`.  A last line cut short (a
 * trial killed while writing) is left out with *cut set. */
static int
read_results(const char *file, cJSON *rows, int *cut, struct hp_err *err)
{
	struct lr lr;
	int r;

	if (lr_open(&lr, file, err) < 0)
		return -1;
	while ((r = lr_next(&lr, err)) == 1) {
		const char *p = lj_skip_blank(lr.line);
		struct hp_err e;
		cJSON *j;

		if (*p == '\0')
			continue;
		if ((j = lj_parse_line(lr.line, lr.len, file, lr.lineno, &e)) == NULL) {
			if (!lr.complete) {
				*cut = 1;
				break;
			}
			*err = e;
			r = -1;
			break;
		}
		if (!cJSON_IsObject(j)) {
			cJSON_Delete(j);
			r = hp_err_set(err, "%s:%zu: expected a JSON object", file,
			    lr.lineno);
			break;
		}
		cJSON_DeleteItemFromObjectCaseSensitive(j, "config");
		cJSON_AddItemToArray(rows, flatten(j));
		cJSON_Delete(j);
	}
	lr_close(&lr);
	return r < 0 ? -1 : 0;
}

/* Reads params.json and the result rows of trial directory t->dir. */
static int
read_trial_dir(struct rt_exp *e, struct rt_trial *t, size_t *ncut,
    struct hp_err *err)
{
	char *file;
	int cut = 0, rc = 0;
	const char *s;

	if (is_file(e->path, t->dir, "params.json")) {
		cJSON *j;

		file = hp_sprintf("%s/%s/params.json", e->path, t->dir);
		j = lj_read_doc(file, err);
		if (j == NULL || !cJSON_IsObject(j)) {
			if (j != NULL)
				hp_err_set(err, "%s: expected a JSON object", file);
			cJSON_Delete(j);
			free(file);
			return -1;
		}
		free(file);
		cJSON_Delete(t->config);
		t->config = j;
	}
	t->rows = cJSON_CreateArray();
	if (is_file(e->path, t->dir, "result.json")) {
		file = hp_sprintf("%s/%s/result.json", e->path, t->dir);
		rc = read_results(file, t->rows, &cut, err);
		free(file);
		*ncut += cut;
	}
	if (rc == 0 && cJSON_GetArraySize(t->rows) == 0 &&
	    is_file(e->path, t->dir, "progress.csv")) {
		file = hp_sprintf("%s/%s/progress.csv", e->path, t->dir);
		rc = read_progress(file, t->rows, err);
		free(file);
	}
	if (rc < 0)
		return -1;
	if (is_file(e->path, t->dir, "error.txt"))
		t->error = 1;
	if (t->id == NULL && cJSON_GetArraySize(t->rows) > 0 &&
	    (s = str_of(cJSON_GetArrayItem(t->rows, 0), "trial_id")) != NULL)
		t->id = hp_strdup(s);
	if (t->tag == NULL && cJSON_GetArraySize(t->rows) > 0 &&
	    (s = str_of(cJSON_GetArrayItem(t->rows, 0), "experiment_tag")) != NULL)
		t->tag = hp_strdup(s);
	return 0;
}

/* --- the experiment state ------------------------------------------------- */

/* The trial JSON of one state entry (a string holding JSON, or an
 * object); NULL with err naming `where`. */
static cJSON *
inner_doc(const cJSON *j, const char *where, struct hp_err *err)
{
	cJSON *d;

	if (cJSON_IsObject(j))
		return cJSON_Duplicate(j, 1);
	if (!cJSON_IsString(j)) {
		hp_err_set(err, "%s: expected a JSON object or a string holding one",
		    where);
		return NULL;
	}
	d = hp_json_parse(j->valuestring, strlen(j->valuestring), where, err);
	if (d != NULL && !cJSON_IsObject(d)) {
		cJSON_Delete(d);
		hp_err_set(err, "%s: expected a JSON object", where);
		return NULL;
	}
	return d;
}

/* The last component of a path ("a/b/" -> "b"), malloc'd. */
static char *
last_component(const char *p)
{
	size_t n = strlen(p);
	const char *s;

	while (n > 1 && p[n - 1] == '/')
		n--;
	for (s = p + n; s > p && s[-1] != '/'; s--)
		;
	return hp_strndup(s, (size_t)(p + n - s));
}

/* One trial of the state: `tj` the trial JSON, `rj` the 2.x runtime JSON
 * (NULL in 1.x, where the same fields sit in tj). */
static int
state_trial(struct rt_exp *e, const cJSON *tj, const cJSON *rj,
    const char *where, struct hp_err *err)
{
	const cJSON *src = rj ? rj : tj, *j;
	const char *id = str_of(tj, "trial_id"), *s;
	struct rt_trial *t;
	double v;

	if (id == NULL)
		return hp_err_set(err, "%s: no \"trial_id\" string", where);
	if ((s = str_of(tj, "status")) == NULL)
		return hp_err_set(err, "%s: no \"status\" string", where);
	for (size_t i = 0; i < e->n; i++)
		if (e->v[i].id && strcmp(e->v[i].id, id) == 0)
			return hp_err_set(err, "%s: trial_id \"%.80s\" appears twice",
			    where, id);
	t = add_trial(e);
	t->in_state = 1;
	t->id = hp_strdup(id);
	t->status = hp_strdup(s);
	if ((s = str_of(tj, "experiment_tag")) != NULL)
		t->tag = hp_strdup(s);
	if ((s = str_of(tj, "relative_logdir")) != NULL ||
	    (s = str_of(tj, "logdir")) != NULL)
		t->logdir = last_component(s);
	if ((j = cJSON_GetObjectItemCaseSensitive(tj, "config")) && cJSON_IsObject(j))
		t->config = cJSON_Duplicate(j, 1);
	if ((j = cJSON_GetObjectItemCaseSensitive(src, "last_result")) &&
	    cJSON_IsObject(j)) {
		cJSON *c = cJSON_Duplicate(j, 1);

		if (t->config == NULL && cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(
		    c, "config")))
			t->config = cJSON_DetachItemFromObjectCaseSensitive(c, "config");
		cJSON_DeleteItemFromObjectCaseSensitive(c, "config");
		t->last = flatten(c);
		cJSON_Delete(c);
	}
	if (num_of(src, "start_time", &v) && isfinite(v))
		t->start = v;
	if (str_of(src, "error_filename") || str_of(src, "error_file"))
		t->error = 1;
	return 0;
}

static int
read_state(struct rt_exp *e, const char *name, struct hp_err *err)
{
	char *file = hp_sprintf("%s/%s", e->path, name);
	cJSON *doc = lj_read_doc(file, err), *a, *it;
	const cJSON *rd;
	const char *m;
	size_t i = 0;
	int rc = -1, v2;
	char where[4096];

	if (doc == NULL)
		goto out;
	if (!cJSON_IsObject(doc)) {
		hp_err_set(err, "%s: expected a JSON object", file);
		goto out;
	}
	v2 = cJSON_IsArray(a = cJSON_GetObjectItemCaseSensitive(doc, "trial_data"));
	if (!v2 && !cJSON_IsArray(a = cJSON_GetObjectItemCaseSensitive(doc,
	    "checkpoints"))) {
		hp_err_set(err, "%s: neither a \"trial_data\" list (Ray 2.x) nor a "
		    "\"checkpoints\" list (Ray 1.x)", file);
		goto out;
	}
	cJSON_ArrayForEach(it, a) {
		cJSON *tj = NULL, *rj = NULL;
		int r;

		if (v2) {
			if (!cJSON_IsArray(it) || cJSON_GetArraySize(it) != 2) {
				hp_err_set(err, "%s: trial_data[%zu]: expected a pair "
				    "[trial, runtime]", file, i);
				goto out;
			}
			snprintf(where, sizeof(where), "%s: trial_data[%zu][0]", file, i);
			tj = inner_doc(cJSON_GetArrayItem(it, 0), where, err);
			snprintf(where, sizeof(where), "%s: trial_data[%zu][1]", file, i);
			if (tj != NULL)
				rj = inner_doc(cJSON_GetArrayItem(it, 1), where, err);
			snprintf(where, sizeof(where), "%s: trial_data[%zu]", file, i);
		} else {
			snprintf(where, sizeof(where), "%s: checkpoints[%zu]", file, i);
			tj = inner_doc(it, where, err);
		}
		r = tj == NULL || (v2 && rj == NULL) ? -1 :
		    state_trial(e, tj, rj, where, err);
		cJSON_Delete(tj);
		cJSON_Delete(rj);
		if (r < 0)
			goto out;
		i++;
	}
	rd = cJSON_GetObjectItemCaseSensitive(doc, "runner_data");
	if ((m = str_of(rd, "_metric")) != NULL && *m)
		e->metric = hp_strdup(m);
	rc = 0;
out:
	cJSON_Delete(doc);
	free(file);
	return rc;
}

/* --- from trials to a study ----------------------------------------------- */

static int
is_auto_key(const char *k)
{
	for (size_t i = 0; i < sizeof(auto_keys) / sizeof(auto_keys[0]); i++)
		if (strcmp(k, auto_keys[i]) == 0)
			return 1;
	return has_prefix(k, "config/");
}

/* Adds the numeric non-bookkeeping keys of row to the sorted set *keys. */
static void
collect_metrics(const cJSON *row, char ***keys, size_t *n, size_t *cap)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, row) {
		size_t lo = 0, hi = *n;

		if (!cJSON_IsNumber(it) || it->string == NULL || is_auto_key(it->string))
			continue;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			int c = strcmp((*keys)[mid], it->string);

			if (c == 0) {
				lo = hi = SIZE_MAX;
				break;
			}
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == SIZE_MAX)
			continue;
		hp_grow(keys, cap, *n + 1, sizeof(**keys));
		memmove(*keys + lo + 1, *keys + lo, (*n - lo) * sizeof(**keys));
		(*keys)[lo] = it->string;	/* borrowed from the row */
		(*n)++;
	}
}

static int
cmp_trial(const void *a, const void *b)
{
	const struct rt_trial *x = a, *y = b;
	int c;

	if ((x->index < 0) != (y->index < 0))
		return x->index < 0 ? 1 : -1;
	if (x->index != y->index)
		return x->index < y->index ? -1 : 1;
	if ((c = strcmp(x->id ? x->id : "", y->id ? y->id : "")) != 0)
		return c;
	return strcmp(x->dir ? x->dir : "", y->dir ? y->dir : "");
}

static int
map_status(const char *s, enum hp_state *out)
{
	static const struct { const char *name; enum hp_state st; } map[] = {
		{ "TERMINATED", HP_STATE_COMPLETE }, { "ERROR", HP_STATE_FAIL },
		{ "RUNNING", HP_STATE_RUNNING }, { "PAUSED", HP_STATE_RUNNING },
		{ "PENDING", HP_STATE_WAITING },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(s, map[i].name) == 0) {
			*out = map[i].st;
			return 0;
		}
	return -1;
}

/* The config's params of trial t, flattened, as text for the study to type. */
static void
set_params(struct hp_study *st, size_t t, const cJSON *config)
{
	cJSON *flat = flatten(config);
	const cJSON *it;

	cJSON_ArrayForEach(it, flat) {
		char buf[64], *text = NULL;
		const char *s;

		if (cJSON_IsNull(it))
			s = "None";
		else if (cJSON_IsObject(it))	/* an empty dict */
			s = "{}";
		else if (cJSON_IsArray(it))
			s = text = cJSON_PrintUnformatted(it);
		else if ((s = lj_text(it, buf, sizeof(buf))) == NULL)
			continue;
		if (s == NULL)
			abort();	/* cJSON fails only on allocation */
		hp_study_set_param_text(st, t, it->string, s);
		free(text);
	}
	cJSON_Delete(flat);
}

/* The other metrics' last values, as user attributes of trial t. */
static void
set_metric_attrs(struct hp_study *st, size_t t, const cJSON *rows,
    const cJSON *last, const char *metric)
{
	cJSON *seen = cJSON_CreateObject();
	const cJSON *it, *row;

	if (last && cJSON_GetArraySize(rows) == 0)
		flatten_into(seen, last, "");
	cJSON_ArrayForEach(row, rows)
		flatten_into(seen, row, "");
	cJSON_ArrayForEach(it, seen) {
		char buf[64];
		double v;

		if (!cJSON_IsNumber(it) || is_auto_key(it->string) ||
		    strcmp(it->string, metric) == 0)
			continue;
		v = it->valuedouble;
		hp_fmt_double(buf, sizeof(buf), v);
		if (!isfinite(v))	/* as Python writes it */
			snprintf(buf, sizeof(buf), "%s", isnan(v) ? "NaN" :
			    v > 0 ? "Infinity" : "-Infinity");
		hp_study_add_attr(st, t, 0, it->string, buf);
	}
	cJSON_Delete(seen);
}

/*
 * The machine's UTC offset when row was written: its date
 * ("2025-04-15_15-36-05", local time) minus its timestamp (Unix time),
 * rounded to a quarter hour; 0 when the row lacks either.
 */
static double
local_offset(const cJSON *row)
{
	const char *d = str_of(row, "date");
	char buf[20];
	double ts, local;

	if (d == NULL || strlen(d) != 19 || !num_of(row, "timestamp", &ts) ||
	    !isfinite(ts))
		return 0;
	memcpy(buf, d, 20);
	buf[10] = ' ', buf[13] = ':', buf[16] = ':';
	if (hp_parse_datetime(buf, &local) < 0 || isnan(local))
		return 0;
	return round((local - ts) / 900) * 900;
}

/* Start and end of trial r, as the machine's local time read as UTC (the
 * study model's rule; see local_offset). */
static void
trial_times(const struct rt_trial *r, double *start, double *end)
{
	const cJSON *first = cJSON_GetArrayItem(r->rows, 0);
	const cJSON *lastrow = r->rows ? cJSON_GetArrayItem(r->rows,
	    cJSON_GetArraySize(r->rows) - 1) : NULL;
	double ts, tot;

	*start = r->start;
	*end = NAN;
	if (lastrow == NULL)
		lastrow = r->last;
	if (isnan(*start) && first && num_of(first, "timestamp", &ts) &&
	    num_of(first, "time_total_s", &tot) && isfinite(ts) && isfinite(tot))
		*start = ts - tot;
	if (lastrow && num_of(lastrow, "timestamp", &ts) && isfinite(ts))
		*end = !isnan(*start) && ts < *start ? *start : ts;
	if (lastrow) {
		double off = local_offset(lastrow);

		*start += off;
		*end += off;
	}
}

static void
add_trial_to_study(struct rt_exp *e, struct rt_trial *r, int number,
    const char *metric, size_t *nnever, size_t *nnoval)
{
	struct hp_study *st = e->st;
	enum hp_state state = HP_STATE_RUNNING;
	size_t nrows = r->rows ? (size_t)cJSON_GetArraySize(r->rows) : 0, t, nval = 0;
	const cJSON *row, *lastv = NULL;
	double start, end, v = NAN, step;
	int reported = nrows > 0 || (r->last && r->last->child &&
	    !(r->last->child->next == NULL && str_of(r->last, "trial_id")));
	char *s;

	if (r->status)
		(void)map_status(r->status, &state);
	else
		state = r->error ? HP_STATE_FAIL : reported ? HP_STATE_COMPLETE :
		    HP_STATE_RUNNING;
	if (state == HP_STATE_COMPLETE && !reported) {
		state = HP_STATE_FAIL;
		(*nnever)++;
	}
	t = hp_study_add_trial(st, number, state);
	trial_times(r, &start, &end);
	hp_study_set_times(st, t, start, end);
	cJSON_ArrayForEach(row, r->rows)
		if (num_of(row, metric, &v))
			lastv = row, nval++;
	if (nrows == 0 && r->last && num_of(r->last, metric, &v))
		lastv = r->last;
	if (lastv != NULL && state == HP_STATE_COMPLETE) {
		(void)num_of(lastv, metric, &v);
		hp_study_set_value(st, t, 0, v);
	} else if (state == HP_STATE_COMPLETE)
		(*nnoval)++;
	if (nval >= 2) {
		size_t k = 0;

		cJSON_ArrayForEach(row, r->rows) {
			k++;
			if (!num_of(row, metric, &v))
				continue;
			if (!num_of(row, "training_iteration", &step) || !isfinite(step))
				step = (double)k;
			hp_study_add_intermediate(st, t, step, v);
		}
	}
	if (r->config)
		set_params(st, t, r->config);
	if (r->id) {
		s = hp_load_json_string(r->id);
		hp_study_add_attr(st, t, 1, "ray:trial_id", s);
		free(s);
	}
	if (r->tag) {
		s = hp_load_json_string(r->tag);
		hp_study_add_attr(st, t, 1, "ray:experiment_tag", s);
		free(s);
	}
	if (r->status) {
		s = hp_load_json_string(r->status);
		hp_study_add_attr(st, t, 1, "ray:status", s);
		free(s);
	}
	if (r->dir) {
		s = hp_load_json_string(r->dir);
		hp_study_add_attr(st, t, 1, "ray:trial_dir", s);
		free(s);
	}
	set_metric_attrs(st, t, r->rows, r->last, metric);
}

/* The objective: opts, the state, or the one metric reported. */
static const char *
choose_metric(struct rt_exp *e, const struct hp_load_opts *opts,
    struct hp_err *err)
{
	char **keys = NULL, list[300];
	size_t n = 0, cap = 0;
	const char *m = opts && opts->metric ? opts->metric : e->metric;
	const cJSON *row;
	int found = 0;

	for (size_t i = 0; i < e->n; i++) {
		if (e->v[i].last)
			collect_metrics(e->v[i].last, &keys, &n, &cap);
		cJSON_ArrayForEach(row, e->v[i].rows)
			collect_metrics(row, &keys, &n, &cap);
	}
	for (size_t i = 0; m && i < n; i++)
		found |= strcmp(keys[i], m) == 0;
	hp_load_list_names(keys, n, list, sizeof(list));
	if (n == 0) {
		/* nothing to choose from (every trial failed or never ran): the
		 * study still shows the trials, without values */
		hp_study_add_note(e->st, "no trial reported a metric: the "
		    "objective has no values");
		if (m == NULL)
			m = "value";
		e->nometric = 1;
	} else if (m && !found) {
		hp_err_set(err, "%s: no trial reported metric \"%.80s\" (metrics: %s)",
		    e->path, m, list);
		m = NULL;
	} else if (m == NULL && n == 1)
		m = keys[0];
	else if (m == NULL)
		hp_err_set(err, "%s: several metrics (%s): choose one with --metric",
		    e->path, list);
	free(keys);
	return m;
}

/* Joins the trial directories to the state's trials (or makes trials of
 * them) and reads them. */
static int
read_dirs(struct rt_exp *e, char **names, size_t nnames, struct hp_err *err)
{
	size_t ncut = 0, nextra = 0, nstate = e->n;

	for (size_t i = 0; i < nnames; i++) {
		struct rt_trial *t = NULL;
		const char *name = names[i];
		char *p;
		size_t k, nn;
		char **sub;
		int nested = 0;

		if (name[0] == '.' || !is_dir(e->path, name))
			continue;
		if (!is_file(e->path, name, "params.json") &&
		    !is_file(e->path, name, "result.json") &&
		    !is_file(e->path, name, "progress.csv"))
			continue;
		/* an experiment inside: not one of this experiment's trials */
		p = hp_sprintf("%s/%s", e->path, name);
		if ((sub = list_dir(p, &nn, NULL)) != NULL) {
			for (k = 0; k < nn; k++)
				nested |= is_state_name(sub[k]);
			hp_load_strv_free(sub, nn);
		}
		free(p);
		if (nested)
			continue;
		for (k = 0; k < nstate && t == NULL; k++)
			if (e->v[k].dir == NULL && e->v[k].logdir &&
			    strcmp(e->v[k].logdir, name) == 0)
				t = &e->v[k];
		if (t == NULL) {
			t = add_trial(e);
			t->dir = hp_strdup(name);
			if (read_trial_dir(e, t, &ncut, err) < 0)
				return -1;
			/* a trial of the state whose logdir was not kept as is */
			for (k = 0; t->id && k < nstate; k++)
				if (e->v[k].dir == NULL && e->v[k].id &&
				    strcmp(e->v[k].id, t->id) == 0) {
					struct rt_trial *s = &e->v[k];

					s->dir = t->dir;
					if (t->config) {
						cJSON_Delete(s->config);
						s->config = t->config;
					}
					s->rows = t->rows;
					s->error |= t->error;
					t->dir = NULL, t->config = NULL, t->rows = NULL;
					trial_release(t);
					e->n--;
					t = NULL;
					break;
				}
			if (t != NULL)
				nextra += nstate > 0;
			continue;
		}
		t->dir = hp_strdup(name);
		if (read_trial_dir(e, t, &ncut, err) < 0)
			return -1;
	}
	if (ncut)
		hp_study_add_note(e->st, "%zu result.json file%s end%s in a cut line "
		    "(left out)", ncut, ncut == 1 ? "" : "s", ncut == 1 ? "s" : "");
	if (nextra)
		hp_study_add_note(e->st, "%zu trial director%s not listed in the "
		    "experiment state: read as trials, status from their files",
		    nextra, nextra == 1 ? "y" : "ies");
	return 0;
}

int
hp_load_raytune(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err)
{
	struct rt_exp e = { .path = path };
	size_t nnames = 0, nstates = 0, npkl = 0, nnever = 0, nnoval = 0;
	char **names, *name;
	const char *state = NULL, *metric;
	enum hp_direction dir = opts ? opts->direction : HP_DIR_NOT_SET;
	struct hp_err fe;
	int rc = -1;

	if ((names = list_dir(path, &nnames, err)) == NULL)
		return -1;
	name = last_component(path);
	e.st = hp_study_new(name);
	free(name);
	for (size_t i = 0; i < nnames; i++) {
		if (is_state_name(names[i]) && is_file(path, NULL, names[i])) {
			state = names[i];	/* sorted: the last is the newest */
			nstates++;
		}
		npkl += has_suffix(names[i], ".pkl") ||
		    has_prefix(names[i], "basic-variant-state-") ||
		    has_prefix(names[i], "search_gen_state-");
	}
	if (state && read_state(&e, state, err) < 0)
		goto out;
	if (nstates > 1)
		hp_study_add_note(e.st, "%zu experiment_state files: read the newest, "
		    "%s, as Ray restores from it; the %zu older one%s not read",
		    nstates, state ? state : "", nstates - 1,
		    nstates == 2 ? " is" : "s are");
	if (state == NULL)
		hp_study_add_note(e.st, "no experiment_state file: every trial "
		    "directory is a trial, status from its files");
	if (npkl)
		hp_study_add_note(e.st, "%zu Python pickle%s (tuner.pkl, searcher and "
		    "variant state) not read: Ray keeps the search space, metric and "
		    "mode there", npkl, npkl == 1 ? "" : "s");
	if (read_dirs(&e, names, nnames, err) < 0)
		goto out;
	if (e.n == 0) {
		hp_err_set(err, "%s: no trials (no experiment_state entry, no trial "
		    "directory)", path);
		goto out;
	}
	for (size_t i = 0; i < e.n; i++) {
		struct rt_trial *t = &e.v[i];
		enum hp_state s;

		if (t->status && map_status(t->status, &s) < 0) {
			hp_err_set(err, "%s: %s: trial \"%.80s\": unknown status \"%.40s\"",
			    path, state, t->id, t->status);
			goto out;
		}
		t->index = tag_index(t->tag);
		if (t->index < 0 && t->dir && t->id) {	/* "<name>_<id>_<index>_..." */
			char *key = hp_sprintf("_%s_", t->id);
			const char *p = strstr(t->dir, key);

			if (p)
				t->index = tag_index(p + strlen(key));
			free(key);
		}
	}
	if ((metric = choose_metric(&e, opts, err)) == NULL)
		goto out;
	if (dir == HP_DIR_NOT_SET && e.nometric)
		dir = HP_DIR_MINIMIZE;
	else if (dir == HP_DIR_NOT_SET) {
		dir = hp_load_metric_is_score(metric) ? HP_DIR_MAXIMIZE : HP_DIR_MINIMIZE;
		hp_study_add_note(e.st, "Ray Tune keeps the mode only in tuner.pkl: %s "
		    "assumed for \"%s\"%s (use --direction)", hp_direction_name(dir),
		    metric, dir == HP_DIR_MAXIMIZE ? " from its name" : "");
	}
	hp_study_set_directions(e.st, 1, &dir);
	hp_study_set_objective_name(e.st, 0, metric);
	hp_load_qsort(e.v, e.n, sizeof(*e.v), cmp_trial);
	for (size_t i = 0; i < e.n; i++)
		add_trial_to_study(&e, &e.v[i], (int)i, metric, &nnever, &nnoval);
	if (nnever)
		hp_study_add_note(e.st, "%zu TERMINATED trial%s never reported a result "
		    "(not run: the experiment stopped first); counted as FAIL", nnever,
		    nnever == 1 ? "" : "s");
	if (nnoval)
		hp_study_add_note(e.st, "%zu finished trial%s did not report \"%s\"",
		    nnoval, nnoval == 1 ? "" : "s", metric);
	hp_study_add_note(e.st, "Ray Tune stores no distributions: param types "
	    "and ranges are inferred from the values");
	if (hp_study_finish(e.st, &fe) < 0) {
		hp_err_set(err, "%s: %s", path, fe.msg);
		goto out;
	}
	hp_load_keep(out, e.st, opts);
	e.st = NULL;
	rc = 0;
out:
	hp_study_free(e.st);
	for (size_t i = 0; i < e.n; i++)
		trial_release(&e.v[i]);
	free(e.v);
	free(e.metric);
	hp_load_strv_free(names, nnames);
	return rc;
}
