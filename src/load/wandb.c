/*
 * wandb: what Weights & Biases leaves on disk -- a local `wandb/` directory
 * of run directories -- and the runs table its web UI exports as CSV.
 *
 * The directory (wandb 0.8 and >= 0.10):
 *  - A run is a sub-directory holding wandb-metadata.json or
 *    wandb-summary.json, directly (0.8: run-<date>-<id>/, dryrun-...) or
 *    under files/ (>= 0.10).  Its id is the part of the name after the
 *    last '-'.
 *  - Params are the values of config.yaml (0.8: `key: {desc, value}`,
 *    >= 0.10: `key: {value}`), read with libyaml; wandb's own keys
 *    (wandb_version and those starting with '_', such as _wandb) are
 *    skipped, nested mappings become "outer.inner" as the W&B UI names
 *    them.  Plain YAML scalars are typed as YAML 1.2 does (1e-08 is a
 *    number), then the study infers each param's distribution, as wandb
 *    stores none.  A run without config.yaml (one that crashed early)
 *    takes its config from its sweep's config-<id>.yaml.
 *  - A sub-directory holding config-<run id>.yaml files is a sweep
 *    (sweep-<id>/): its runs form one study "<project>/sweep-<id>", the
 *    other runs one study named after the project in wandb/settings (else
 *    "wandb").  wandb keeps the sweep's metric and goal on its server only:
 *    none of the local files holds them.
 *  - The objective is a numeric key of wandb-summary.json (the run's last
 *    logged values): opts->metric, else the only one the runs have, else
 *    an error listing them.  Keys starting with '_' are wandb's own.  The
 *    other numeric summary keys become user attributes.  The direction is
 *    opts->direction, else guessed from the metric's name (a note says so).
 *  - wandb-history.jsonl rows (0.8) give the metric's intermediate values
 *    at their _step.  >= 0.10 keeps history only in the binary
 *    run-<id>.wandb, which is not read (a note counts those runs).
 *  - State: wandb-metadata.json "state" when it has one (0.8: finished ->
 *    COMPLETE, failed/crashed/killed -> FAIL, running -> RUNNING), else
 *    COMPLETE with a summary and FAIL without: wandb >= 0.10 writes the
 *    summary when a run ends, so a run without one crashed or is still
 *    going, which the files cannot tell apart; FAIL is the safer reading
 *    and a note counts such runs.
 *  - Trials are numbered by start time (metadata startedAt), then name.
 *
 * The CSV export ("Export as CSV" of the runs table): every cell quoted,
 * a header of known metadata columns (Name, State, Notes, User, Tags,
 * Created, Runtime, Sweep, ID, End Time, Updated, ...) followed by config
 * and summary columns with nothing telling which is which.  The objective
 * is the column opts->metric (else the only numeric column); params are
 * opts->params when given, else every other column; the rest become user
 * attributes.  One study per Sweep value, the runs without one in a study
 * named after the file.  A chart panel's export (x column, "<run> - <metric>"
 * series with __MIN/__MAX columns) holds no runs and is refused.
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <csv.h>
#include <yaml.h>

#include "hpreport/load.h"
#include "internal.h"
#include "loadjson.h"

#define WB_MAX_DEPTH 8		/* nesting of config values we follow */
#define WB_MAX_NODES 100000	/* config nodes visited (aliases can fan out) */

struct wb_kv {
	char	*key;
	char	*text;		/* NULL: absent (null) */
};

struct wb_run {
	char	*dir;		/* name of the run directory */
	char	*id;
	char	*sweep;		/* sweep id or NULL */
	char	*group;		/* study name */
	enum hp_state state;
	int	 has_summary;
	int	 binary;	/* history only in the binary run-<id>.wandb */
	double	 start, end;
	struct wb_kv *cfg;
	size_t	 ncfg, capcfg;
	cJSON	*summary;	/* object or NULL */
	char	*history;	/* path of a non-empty wandb-history.jsonl */
};

struct wb_store {
	const char *path;
	char	*project;
	struct wb_run *runs;
	size_t	 nruns, cap;
};

/* --- shared -------------------------------------------------------------- */

static enum hp_direction
pick_direction(struct hp_study *st, const char *metric,
    const struct hp_load_opts *opts)
{
	enum hp_direction dir = opts ? opts->direction : HP_DIR_NOT_SET;

	if (dir == HP_DIR_NOT_SET) {
		dir = hp_load_metric_is_score(metric) ? HP_DIR_MAXIMIZE : HP_DIR_MINIMIZE;
		hp_study_add_note(st, "W&B keeps no direction on disk: %s assumed for "
		    "\"%s\"%s (use --direction)", hp_direction_name(dir), metric,
		    dir == HP_DIR_MAXIMIZE ? " from its name" : "");
	}
	return dir;
}

/* Adds s to the set v (borrowed pointers, no duplicates). */
static void
name_add(char ***v, size_t *n, size_t *cap, char *s)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i], s) == 0)
			return;
	hp_grow(v, cap, *n + 1, sizeof(char *));
	(*v)[(*n)++] = s;
}

/* JSON text of a double as Python's json writes it (NaN, Infinity). */
static void
json_number(double v, char *buf, size_t n)
{
	if (isnan(v))
		snprintf(buf, n, "NaN");
	else if (isinf(v))
		snprintf(buf, n, "%s", v > 0 ? "Infinity" : "-Infinity");
	else
		hp_fmt_double(buf, n, v);
}

static int
state_from_word(const char *s, enum hp_state *out)
{
	if (strcmp(s, "finished") == 0)
		*out = HP_STATE_COMPLETE;
	else if (strcmp(s, "failed") == 0 || strcmp(s, "crashed") == 0 ||
	    strcmp(s, "killed") == 0)
		*out = HP_STATE_FAIL;
	else if (strcmp(s, "running") == 0)
		*out = HP_STATE_RUNNING;
	else if (strcmp(s, "pending") == 0 || strcmp(s, "preempted") == 0)
		*out = HP_STATE_WAITING;
	else
		return -1;
	return 0;
}

/* --- config.yaml ----------------------------------------------------------- */

struct ywalk {
	yaml_document_t	*doc;
	struct wb_run	*run;
	size_t		 visits;
};

static void
cfg_set(struct wb_run *r, const char *key, const char *text)
{
	for (size_t i = 0; i < r->ncfg; i++)
		if (strcmp(r->cfg[i].key, key) == 0) {
			free(r->cfg[i].text);
			r->cfg[i].text = hp_strdup(text);
			return;
		}
	hp_grow(&r->cfg, &r->capcfg, r->ncfg + 1, sizeof(*r->cfg));
	r->cfg[r->ncfg].key = hp_strdup(key);
	r->cfg[r->ncfg].text = hp_strdup(text);
	r->ncfg++;
}

/* A scalar's text as a param value: YAML 1.2 core types for plain ones. */
static const char *
scalar_text(const yaml_node_t *n)
{
	const char *s = (const char *)n->data.scalar.value;

	if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return s;
	if (*s == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	    strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0)
		return NULL;
	if (strcmp(s, "true") == 0 || strcmp(s, "True") == 0 || strcmp(s, "TRUE") == 0)
		return "True";
	if (strcmp(s, "false") == 0 || strcmp(s, "False") == 0 ||
	    strcmp(s, "FALSE") == 0)
		return "False";
	if (strcmp(s, ".inf") == 0 || strcmp(s, "+.inf") == 0 || strcmp(s, ".Inf") == 0)
		return "inf";
	if (strcmp(s, "-.inf") == 0 || strcmp(s, "-.Inf") == 0)
		return "-inf";
	if (strcmp(s, ".nan") == 0 || strcmp(s, ".NaN") == 0)
		return "nan";
	return s;
}

/* The text of a sequence of scalars, "[a, b]"; NULL when it nests. */
static char *
sequence_text(yaml_document_t *doc, const yaml_node_t *n)
{
	struct hp_buf b;

	hp_buf_init(&b);
	hp_buf_puts(&b, "[");
	for (yaml_node_item_t *i = n->data.sequence.items.start;
	    i < n->data.sequence.items.top; i++) {
		const yaml_node_t *e = yaml_document_get_node(doc, *i);
		const char *t;

		if (e == NULL || e->type != YAML_SCALAR_NODE) {
			hp_buf_release(&b);
			return NULL;
		}
		t = scalar_text(e);
		hp_buf_printf(&b, "%s%s", i == n->data.sequence.items.start ? "" : ", ",
		    t ? t : "None");
	}
	hp_buf_puts(&b, "]");
	return b.s;
}

static void
walk_value(struct ywalk *w, const char *key, const yaml_node_t *n, int depth)
{
	if (n == NULL || depth > WB_MAX_DEPTH || ++w->visits > WB_MAX_NODES)
		return;
	if (n->type == YAML_SCALAR_NODE)
		cfg_set(w->run, key, scalar_text(n));
	else if (n->type == YAML_SEQUENCE_NODE) {
		char *t = sequence_text(w->doc, n);

		if (t)
			cfg_set(w->run, key, t);
		free(t);
	} else if (n->type == YAML_MAPPING_NODE) {
		for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
		    p < n->data.mapping.pairs.top; p++) {
			const yaml_node_t *k = yaml_document_get_node(w->doc, p->key);
			char *sub;

			if (k == NULL || k->type != YAML_SCALAR_NODE)
				continue;
			sub = hp_sprintf("%s.%s", key, (const char *)k->data.scalar.value);
			walk_value(w, sub, yaml_document_get_node(w->doc, p->value),
			    depth + 1);
			free(sub);
		}
	}
}

/* The `value` of a {desc, value} entry, or the node itself. */
static const yaml_node_t *
entry_value(yaml_document_t *doc, const yaml_node_t *n)
{
	if (n == NULL || n->type != YAML_MAPPING_NODE)
		return n;
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
	    p < n->data.mapping.pairs.top; p++) {
		const yaml_node_t *k = yaml_document_get_node(doc, p->key);

		if (k && k->type == YAML_SCALAR_NODE &&
		    strcmp((const char *)k->data.scalar.value, "value") == 0)
			return yaml_document_get_node(doc, p->value);
	}
	return n;
}

/* Reads a config.yaml into r's params; -1 with "FILE:LINE:COL: ..." in err. */
static int
read_config(const char *file, struct wb_run *r, struct hp_err *err)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	char *text;
	size_t len;
	struct ywalk w;
	int rc = 0;

	if (hp_read_file(file, &text, &len, err) < 0)
		return -1;
	if (!yaml_parser_initialize(&parser)) {
		free(text);
		return hp_err_set(err, "%s: cannot set up the YAML parser", file);
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &doc)) {
		rc = hp_err_set(err, "%s:%zu:%zu: YAML: %s", file,
		    parser.problem_mark.line + 1, parser.problem_mark.column + 1,
		    parser.problem ? parser.problem : "malformed");
		yaml_parser_delete(&parser);
		free(text);
		return rc;
	}
	root = yaml_document_get_root_node(&doc);
	if (root && root->type != YAML_MAPPING_NODE)
		rc = hp_err_set(err, "%s:%zu: expected a mapping of config keys", file,
		    root->start_mark.line + 1);
	memset(&w, 0, sizeof(w));
	w.doc = &doc;
	w.run = r;
	for (yaml_node_pair_t *p = root && rc == 0 ? root->data.mapping.pairs.start :
	    NULL; p && p < root->data.mapping.pairs.top; p++) {
		const yaml_node_t *k = yaml_document_get_node(&doc, p->key);
		const char *key;

		if (k == NULL || k->type != YAML_SCALAR_NODE) {
			rc = hp_err_set(err, "%s:%zu: a config key that is not a string",
			    file, k ? k->start_mark.line + 1 : 0);
			break;
		}
		key = (const char *)k->data.scalar.value;
		if (key[0] == '_' || strcmp(key, "wandb_version") == 0)
			continue;	/* wandb's own */
		walk_value(&w, key, entry_value(&doc,
		    yaml_document_get_node(&doc, p->value)), 0);
	}
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	free(text);
	return rc;
}

/* --- the wandb/ directory ------------------------------------------------ */

static int
is_file(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

static int
is_dir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static off_t
file_size(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode) ? sb.st_size : -1;
}

/* The folder of run dir d that holds its files (d or d/files), or NULL. */
static char *
run_files(const char *d)
{
	static const char *const marks[] = { "wandb-metadata.json",
	    "wandb-summary.json" };
	char *sub = hp_sprintf("%s/files", d), *p;

	for (int k = 0; k < 2; k++) {
		const char *base = k == 0 ? d : sub;

		for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
			p = hp_sprintf("%s/%s", base, marks[i]);
			if (is_file(p)) {
				free(p);
				if (k == 0) {
					free(sub);
					return hp_strdup(d);
				}
				return sub;
			}
			free(p);
		}
	}
	free(sub);
	return NULL;
}

static cJSON *
read_object(const char *file, struct hp_err *err)
{
	cJSON *j = lj_read_doc(file, err);

	if (j && !cJSON_IsObject(j)) {
		cJSON_Delete(j);
		hp_err_set(err, "%s: expected a JSON object", file);
		return NULL;
	}
	return j;
}

/* Whether run dir d holds a binary *.wandb file. */
static int
has_binary(const char *d)
{
	DIR *dp = opendir(d);
	struct dirent *e;
	int found = 0;

	if (dp == NULL)
		return 0;
	while (!found && (e = readdir(dp)) != NULL) {
		size_t n = strlen(e->d_name);

		found = n > 6 && strcmp(e->d_name + n - 6, ".wandb") == 0;
	}
	closedir(dp);
	return found;
}

static int
read_run(struct wb_store *s, const char *name, const char *files,
    struct hp_err *err)
{
	char *dir = hp_sprintf("%s/%s", s->path, name), *p;
	struct wb_run *r;
	cJSON *meta = NULL;
	const cJSON *j;
	const char *dash = strrchr(name, '-');
	int rc = -1;

	hp_grow(&s->runs, &s->cap, s->nruns + 1, sizeof(*s->runs));
	r = &s->runs[s->nruns++];
	memset(r, 0, sizeof(*r));
	r->dir = hp_strdup(name);
	r->id = hp_strdup(dash && dash[1] ? dash + 1 : name);
	r->start = r->end = NAN;
	r->state = HP_STATE_FAIL;

	p = hp_sprintf("%s/wandb-metadata.json", files);
	if (is_file(p) && (meta = read_object(p, err)) == NULL)
		goto out;
	free(p);
	p = hp_sprintf("%s/wandb-summary.json", files);
	if (is_file(p)) {
		if ((r->summary = read_object(p, err)) == NULL)
			goto out;
		r->has_summary = 1;
		r->state = HP_STATE_COMPLETE;
	}
	free(p);
	p = NULL;
	if (meta) {
		if ((j = lj_get(meta, "state")) != NULL) {
			if (!cJSON_IsString(j) || state_from_word(j->valuestring,
			    &r->state) < 0) {
				hp_err_set(err, "%s/%s/wandb-metadata.json: unknown \"state\"",
				    s->path, name);
				goto out;
			}
		}
		if ((j = lj_get(meta, "exitcode")) != NULL && cJSON_IsNumber(j) &&
		    j->valuedouble != 0 && r->state == HP_STATE_COMPLETE)
			r->state = HP_STATE_FAIL;
		if ((j = lj_get(meta, "startedAt")) != NULL && lj_time(j, &r->start) < 0)
			r->start = NAN;
		if ((j = lj_get(meta, "heartbeatAt")) != NULL && lj_time(j, &r->end) < 0)
			r->end = NAN;
	}
	if (r->summary && (j = lj_get(r->summary, "_runtime")) != NULL &&
	    cJSON_IsNumber(j) && isfinite(r->start) && isfinite(j->valuedouble) &&
	    j->valuedouble >= 0)
		r->end = r->start + j->valuedouble;
	if (isfinite(r->end) && isfinite(r->start) && r->end < r->start)
		r->end = NAN;
	p = hp_sprintf("%s/config.yaml", files);
	if (is_file(p) && read_config(p, r, err) < 0)
		goto out;
	free(p);
	p = hp_sprintf("%s/wandb-history.jsonl", files);
	if (file_size(p) > 0) {
		r->history = p;
		p = NULL;
	} else
		r->binary = has_binary(dir);
	rc = 0;
out:
	free(p);
	free(dir);
	cJSON_Delete(meta);
	return rc;
}

static void
store_release(struct wb_store *s)
{
	for (size_t i = 0; i < s->nruns; i++) {
		struct wb_run *r = &s->runs[i];

		free(r->dir);
		free(r->id);
		free(r->sweep);
		free(r->group);
		for (size_t k = 0; k < r->ncfg; k++) {
			free(r->cfg[k].key);
			free(r->cfg[k].text);
		}
		free(r->cfg);
		cJSON_Delete(r->summary);
		free(r->history);
	}
	free(s->runs);
	free(s->project);
}

/* "project = NAME" of wandb/settings, if any. */
static char *
read_project(const char *path)
{
	char *file = hp_sprintf("%s/settings", path), *text = NULL, *out = NULL;
	size_t len;

	if (is_file(file) && hp_read_file(file, &text, &len, NULL) == 0) {
		for (char *line = text; line && *line; ) {
			char *nl = strchr(line, '\n'), *v;

			if (nl)
				*nl = '\0';
			if (strncmp(line, "project", 7) == 0 &&
			    (v = strchr(line, '=')) != NULL &&
			    line[7 + strspn(line + 7, " \t")] == '=') {
				size_t n;

				v += 1 + strspn(v + 1, " \t");
				n = strcspn(v, "\r");
				while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
					n--;
				if (n > 0 && n < 200) {
					out = hp_strndup(v, n);
					break;
				}
			}
			line = nl ? nl + 1 : NULL;
		}
	}
	free(text);
	free(file);
	return out;
}

/* A sweep directory: its config-<run>.yaml files join runs to the sweep. */
static int
read_sweep(struct wb_store *s, const char *name, struct hp_err *err)
{
	char *dir = hp_sprintf("%s/%s", s->path, name);
	const char *sweep = strncmp(name, "sweep-", 6) == 0 && name[6] ? name + 6 : name;
	DIR *dp = opendir(dir);
	struct dirent *e;
	int rc = 0;

	while (dp && rc == 0 && (e = readdir(dp)) != NULL) {
		size_t n = strlen(e->d_name);
		char *id, *file;

		if (n <= 12 || strncmp(e->d_name, "config-", 7) != 0 ||
		    strcmp(e->d_name + n - 5, ".yaml") != 0)
			continue;
		id = hp_strndup(e->d_name + 7, n - 12);
		for (size_t i = 0; i < s->nruns; i++) {
			struct wb_run *r = &s->runs[i];

			if (strcmp(r->id, id) != 0 || r->sweep)
				continue;
			r->sweep = hp_strdup(sweep);
			if (r->ncfg == 0) {	/* no config.yaml of its own */
				file = hp_sprintf("%s/%s", dir, e->d_name);
				rc = read_config(file, r, err);
				free(file);
			}
		}
		free(id);
	}
	if (dp)
		closedir(dp);
	free(dir);
	return rc;
}

static int
cmp_run(const void *a, const void *b)
{
	const struct wb_run *x = a, *y = b;
	int c = strcmp(x->group, y->group);

	if (c)
		return c;
	if (isfinite(x->start) != isfinite(y->start))
		return isfinite(x->start) ? -1 : 1;
	if (isfinite(x->start) && x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return strcmp(x->dir, y->dir);
}

/* Intermediate values of `metric` from r's wandb-history.jsonl. */
static int
read_history(struct hp_study *st, size_t t, const struct wb_run *r,
    const char *metric, struct hp_err *err)
{
	struct lr lr;
	size_t row = 0;
	int k;

	if (lr_open(&lr, r->history, err) < 0)
		return -1;
	while ((k = lr_next(&lr, err)) > 0) {
		cJSON *j;
		const cJSON *v, *step;

		if (lr.line[strspn(lr.line, " \t\r")] == '\0')
			continue;
		if ((j = lj_parse_line(lr.line, lr.len, r->history, lr.lineno, err)) == NULL) {
			k = -1;
			break;
		}
		v = cJSON_IsObject(j) ? lj_get(j, metric) : NULL;
		step = cJSON_IsObject(j) ? lj_get(j, "_step") : NULL;
		if (v && cJSON_IsNumber(v))
			hp_study_add_intermediate(st, t, step && cJSON_IsNumber(step) &&
			    isfinite(step->valuedouble) ? step->valuedouble : (double)row,
			    v->valuedouble);
		cJSON_Delete(j);
		row++;
	}
	lr_close(&lr);
	return k < 0 ? -1 : 0;
}

static struct hp_study *
dir_study(const struct wb_store *s, struct wb_run *v, size_t n, const char *metric,
    const struct hp_load_opts *opts, struct hp_err *err)
{
	struct hp_study *st = hp_study_new(v[0].group);
	enum hp_direction dir = pick_direction(st, metric, opts);
	size_t nnosum = 0, nbinary = 0, nnoval = 0;
	struct hp_err e;

	hp_study_set_directions(st, 1, &dir);
	hp_study_set_objective_name(st, 0, metric);
	if (v[0].sweep) {
		char *t = hp_load_json_string(v[0].sweep);

		hp_study_add_attr(st, HP_NO_TRIAL, 1, "wandb:sweep_id", t);
		free(t);
	}
	for (size_t i = 0; i < n; i++) {
		struct wb_run *r = &v[i];
		size_t t = hp_study_add_trial(st, (int)i, r->state);
		const cJSON *m = r->summary ? lj_get(r->summary, metric) : NULL, *j;
		char *txt;

		hp_study_set_times(st, t, r->start, r->end);
		if (m && cJSON_IsNumber(m))
			hp_study_set_value(st, t, 0, m->valuedouble);
		else if (r->state == HP_STATE_COMPLETE)
			nnoval++;
		nnosum += !r->has_summary;
		nbinary += r->binary;
		if (r->history && read_history(st, t, r, metric, err) < 0)
			goto fail;
		for (size_t k = 0; k < r->ncfg; k++)
			hp_study_set_param_text(st, t, r->cfg[k].key,
			    r->cfg[k].text ? r->cfg[k].text : "");
		txt = hp_load_json_string(r->id);
		hp_study_add_attr(st, t, 1, "wandb:run_id", txt);
		free(txt);
		txt = hp_load_json_string(r->dir);
		hp_study_add_attr(st, t, 1, "wandb:run_dir", txt);
		free(txt);
		cJSON_ArrayForEach(j, r->summary) {
			char buf[64];

			if (j->string[0] == '_' || strcmp(j->string, metric) == 0 ||
			    !cJSON_IsNumber(j))
				continue;
			json_number(j->valuedouble, buf, sizeof(buf));
			hp_study_add_attr(st, t, 0, j->string, buf);
		}
	}
	if (nnosum)
		hp_study_add_note(st, "%zu run%s without wandb-summary.json: FAIL (crashed, "
		    "or still running: the files cannot tell)", nnosum, nnosum == 1 ? "" : "s");
	if (nnoval)
		hp_study_add_note(st, "%zu finished run%s did not log \"%s\"", nnoval,
		    nnoval == 1 ? "" : "s", metric);
	if (nbinary)
		hp_study_add_note(st, "%zu run%s history only in the binary "
		    "run-<id>.wandb, which is not read: no intermediate values", nbinary,
		    nbinary == 1 ? " keeps its" : "s keep their");
	if (hp_study_finish(st, &e) < 0) {
		hp_err_set(err, "%s: study \"%.80s\": %s", s->path, v[0].group, e.msg);
		goto fail;
	}
	return st;
fail:
	hp_study_free(st);
	return NULL;
}

int
hp_load_wandb_dir(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err)
{
	struct wb_store s;
	char **names = NULL, **keys = NULL, list[300];
	size_t nnames = 0, capnames = 0, nkeys = 0, capkeys = 0, nsel = 0;
	const char *metric = opts ? opts->metric : NULL;
	size_t before = out->n;
	DIR *dp;
	struct dirent *e;
	int rc = -1;

	memset(&s, 0, sizeof(s));
	s.path = path;
	if ((dp = opendir(path)) == NULL)
		return hp_err_set(err, "%s: %s", path, strerror(errno));
	while ((e = readdir(dp)) != NULL)
		if (e->d_name[0] != '.') {
			hp_grow(&names, &capnames, nnames + 1, sizeof(char *));
			names[nnames++] = hp_strdup(e->d_name);
		}
	closedir(dp);
	hp_load_qsort(names, nnames, sizeof(char *), hp_load_cmp_str);
	s.project = read_project(path);
	for (size_t i = 0; i < nnames; i++) {
		char *d = hp_sprintf("%s/%s", path, names[i]), *files;

		files = is_dir(d) ? run_files(d) : NULL;
		free(d);
		if (files && read_run(&s, names[i], files, err) < 0) {
			free(files);
			goto out;
		}
		free(files);
	}
	for (size_t i = 0; i < nnames; i++) {
		char *d = hp_sprintf("%s/%s", path, names[i]), *files;

		files = is_dir(d) ? run_files(d) : NULL;
		if (files == NULL && is_dir(d) && read_sweep(&s, names[i], err) < 0) {
			free(d);
			goto out;
		}
		free(files);
		free(d);
	}
	if (s.nruns == 0) {
		hp_err_set(err, "%s: no W&B run directories", path);
		goto out;
	}
	for (size_t i = 0; i < s.nruns; i++) {
		struct wb_run *r = &s.runs[i];
		const char *proj = s.project ? s.project : "wandb";
		const cJSON *j;

		r->group = r->sweep ? hp_sprintf("%s/sweep-%s", proj, r->sweep) :
		    hp_strdup(proj);
		if (opts && opts->study && strcmp(opts->study, r->group) != 0)
			continue;
		nsel++;
		cJSON_ArrayForEach(j, r->summary)
			if (j->string[0] != '_' && cJSON_IsNumber(j))
				name_add(&keys, &nkeys, &capkeys, j->string);
	}
	if (nsel == 0) {
		rc = 0;		/* hp_load reports the missing study */
		goto out;
	}
	if (metric == NULL) {
		if (nkeys != 1) {
			hp_load_list_names(keys, nkeys, list, sizeof(list));
			if (nkeys == 0)
				hp_err_set(err, "%s: the runs' wandb-summary.json hold no "
				    "numeric metric", path);
			else
				hp_err_set(err, "%s: several summary metrics (%s): choose "
				    "one with --metric", path, list);
			goto out;
		}
		metric = keys[0];
	} else {
		size_t k;

		for (k = 0; k < nkeys && strcmp(keys[k], metric) != 0; k++)
			;
		if (k == nkeys) {
			hp_load_list_names(keys, nkeys, list, sizeof(list));
			hp_err_set(err, "%s: no run has summary metric \"%.80s\" "
			    "(metrics: %s)", path, metric, list);
			goto out;
		}
	}
	hp_load_qsort(s.runs, s.nruns, sizeof(*s.runs), cmp_run);
	for (size_t i = 0; i < s.nruns; ) {
		size_t j = i;
		struct hp_study *st;

		while (j < s.nruns && strcmp(s.runs[j].group, s.runs[i].group) == 0)
			j++;
		if (opts && opts->study && strcmp(opts->study, s.runs[i].group) != 0) {
			i = j;
			continue;
		}
		if ((st = dir_study(&s, s.runs + i, j - i, metric, opts, err)) == NULL)
			goto out;
		hp_studyset_add(out, st);
		i = j;
	}
	rc = 0;
out:
	while (rc < 0 && out->n > before)
		hp_study_free(out->v[--out->n]);
	free(keys);
	hp_load_strv_free(names, nnames);
	store_release(&s);
	return rc;
}

int
hp_probe_wandb_dir(const char *path, const char *head, size_t len)
{
	DIR *dp;
	struct dirent *e;
	int found = 0;

	(void)len;
	if (head != NULL || (dp = opendir(path)) == NULL)
		return 0;
	while (!found && (e = readdir(dp)) != NULL) {
		char *d, *files;

		if (e->d_name[0] == '.')
			continue;
		d = hp_sprintf("%s/%s", path, e->d_name);
		files = is_dir(d) ? run_files(d) : NULL;
		found = files != NULL;
		free(files);
		free(d);
	}
	closedir(dp);
	return found;
}

/* --- the runs-table CSV export ----------------------------------------- */

/* Columns the W&B runs table adds besides config and summary. */
static const char *const meta_cols[] = { "Name", "State", "Notes", "User", "Tags",
	"Created", "Runtime", "Sweep", "ID", "End Time", "Updated", "Group",
	"Job Type", "Hostname", "Host", "Description", "Commit", "GitHub",
	"Heartbeat", "Project", "Run Path", "Created By", "Command", "Python Version",
	"GPU Count", "GPU Type", "CPU Count", "OS", NULL };

static int
is_meta(const char *name)
{
	for (size_t i = 0; meta_cols[i]; i++)
		if (strcmp(meta_cols[i], name) == 0)
			return 1;
	return 0;
}

struct wcsv {
	char	**cells;	/* [rows * ncols]; NULL = empty */
	size_t	 ncols, nrows, cap;
	char	**row;		/* the row being read */
	size_t	 nrow, caprow;
	int	 failed;
	const char *path;
	struct hp_err *err;
};

static void
wcsv_field(void *s, size_t len, void *data)
{
	struct wcsv *c = data;

	if (c->failed)
		return;
	hp_grow(&c->row, &c->caprow, c->nrow + 1, sizeof(char *));
	c->row[c->nrow++] = s && len ? hp_strndup(s, len) : NULL;
}

static void
wcsv_row(int term, void *data)
{
	struct wcsv *c = data;

	(void)term;
	if (!c->failed && c->nrows == 0 && c->ncols == 0)
		c->ncols = c->nrow;
	else if (!c->failed && c->nrow == 1 && c->row[0] == NULL)
		;	/* a blank line */
	else if (!c->failed && c->nrow != c->ncols) {
		hp_err_set(c->err, "%s: row %zu: %zu fields, the header has %zu", c->path,
		    c->nrows + 1, c->nrow, c->ncols);
		c->failed = 1;
	}
	if (c->failed || (c->nrows > 0 && c->nrow == 1 && c->row[0] == NULL)) {
		for (size_t i = 0; i < c->nrow; i++)
			free(c->row[i]);
		c->nrow = 0;
		return;
	}
	hp_grow(&c->cells, &c->cap, (c->nrows + 1) * c->ncols, sizeof(char *));
	memcpy(c->cells + c->nrows * c->ncols, c->row, c->ncols * sizeof(char *));
	c->nrows++;
	c->nrow = 0;
}

static int
wcsv_read(const char *path, struct wcsv *c, struct hp_err *err)
{
	struct csv_parser p;
	FILE *fp;
	char chunk[65536];
	size_t n;

	memset(c, 0, sizeof(*c));
	c->path = path;
	c->err = err;
	if ((fp = fopen(path, "rb")) == NULL)
		return hp_err_set(err, "%s: %s", path, strerror(errno));
	if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0) {
		fclose(fp);
		return hp_err_set(err, "%s: cannot set up the CSV parser", path);
	}
	while (!c->failed && (n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (csv_parse(&p, chunk, n, wcsv_field, wcsv_row, c) != n) {
			hp_err_set(err, "%s: row %zu: %s", path, c->nrows + 1,
			    csv_strerror(csv_error(&p)));
			c->failed = 1;
		}
	if (!c->failed)
		csv_fini(&p, wcsv_field, wcsv_row, c);
	csv_free(&p);
	fclose(fp);
	if (!c->failed && c->nrows == 0) {
		hp_err_set(err, "%s: empty CSV file", path);
		c->failed = 1;
	}
	return c->failed ? -1 : 0;
}

static void
wcsv_release(struct wcsv *c)
{
	for (size_t i = 0; i < c->nrows * c->ncols; i++)
		free(c->cells[i]);
	for (size_t i = 0; i < c->nrow; i++)
		free(c->row[i]);
	free(c->cells);
	free(c->row);
}

static const char *
cell(const struct wcsv *c, size_t row, size_t col)
{
	return c->cells[row * c->ncols + col];
}

static long
col_index(const struct wcsv *c, const char *name)
{
	for (size_t k = 0; k < c->ncols; k++)
		if (cell(c, 0, k) && strcmp(cell(c, 0, k), name) == 0)
			return (long)k;
	return -1;
}

/* A chart panel's export: "<x>", "<run> - <metric>", "...__MIN", "...__MAX". */
static int
is_chart(const struct wcsv *c)
{
	int min = 0, max = 0, series = 0;

	for (size_t k = 0; k < c->ncols; k++) {
		const char *h = cell(c, 0, k);
		size_t n = h ? strlen(h) : 0;

		min |= n > 5 && strcmp(h + n - 5, "__MIN") == 0;
		max |= n > 5 && strcmp(h + n - 5, "__MAX") == 0;
		series |= h && strstr(h, " - ") != NULL;
	}
	return min && max && series;
}

static int
numeric_col(const struct wcsv *c, size_t k)
{
	int any = 0;

	for (size_t r = 1; r < c->nrows; r++) {
		double v;

		if (cell(c, r, k) == NULL)
			continue;
		if (lj_parse_number(cell(c, r, k), &v) < 0)
			return 0;
		any = 1;
	}
	return any;
}

/* JSON text of a cell for an attribute: a number or a string. */
static char *
cell_json(const char *text)
{
	double v;

	if (lj_parse_number(text, &v) == 0) {
		char buf[64];

		json_number(v, buf, sizeof(buf));
		return hp_strdup(buf);
	}
	return hp_load_json_string(text);
}

/* A row of the export and its Created time, to number runs by it. */
struct roworder {
	size_t	 row;
	double	 t;		/* NaN: unknown, after the others */
};

static int
cmp_roworder(const void *a, const void *b)
{
	const struct roworder *x = a, *y = b;

	if (isnan(x->t) != isnan(y->t))
		return isnan(x->t) ? 1 : -1;
	if (!isnan(x->t) && x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

static struct hp_study *
csv_study(const struct wcsv *c, const char *name, const char *sweep, long sweepcol,
    const unsigned char *role, size_t obj, const struct hp_load_opts *opts,
    struct hp_err *err)
{
	struct hp_study *st = hp_study_new(name);
	const char *metric = cell(c, 0, obj);
	enum hp_direction dir = pick_direction(st, metric, opts);
	long cs = col_index(c, "State"), cc = col_index(c, "Created"),
	    crt = col_index(c, "Runtime"), cn = col_index(c, "Name"),
	    cid = col_index(c, "ID"), ce = col_index(c, "End Time");
	size_t number = 0, nnoval = 0;
	struct hp_err e;

	hp_study_set_directions(st, 1, &dir);
	hp_study_set_objective_name(st, 0, metric);
	if (cs < 0)
		hp_study_add_note(st, "no State column: every run read as COMPLETE");
	struct roworder *ord = hp_calloc(c->nrows, sizeof(*ord));
	size_t nord = 0;

	for (size_t r = 1; r < c->nrows; r++) {
		const char *sw = sweepcol >= 0 ? cell(c, r, (size_t)sweepcol) : NULL;

		if ((sweep == NULL) != (sw == NULL) || (sweep && strcmp(sweep, sw) != 0))
			continue;
		ord[nord].row = r;
		if (cc < 0 || hp_parse_datetime(cell(c, r, (size_t)cc), &ord[nord].t) < 0)
			ord[nord].t = NAN;
		nord++;
	}
	hp_load_qsort(ord, nord, sizeof(*ord), cmp_roworder);
	for (size_t o = 0; o < nord; o++) {
		size_t r = ord[o].row;
		enum hp_state state = HP_STATE_COMPLETE;
		double v, start = ord[o].t, end = NAN, rt;
		size_t t;

		if (cs >= 0 && cell(c, r, (size_t)cs) &&
		    state_from_word(cell(c, r, (size_t)cs), &state) < 0) {
			hp_err_set(err, "%s: row %zu: unknown State \"%.40s\"", c->path, r + 1,
			    cell(c, r, (size_t)cs));
			goto fail;
		}
		t = hp_study_add_trial(st, (int)number++, state);
		if (cell(c, r, obj) == NULL) {
			if (state == HP_STATE_COMPLETE)
				nnoval++;
		} else if (lj_parse_number(cell(c, r, obj), &v) < 0) {
			hp_err_set(err, "%s: row %zu, column \"%.80s\": not a number",
			    c->path, r + 1, metric);
			goto fail;
		} else
			hp_study_set_value(st, t, 0, v);
		if (ce >= 0 && hp_parse_datetime(cell(c, r, (size_t)ce), &end) < 0)
			end = NAN;
		if (!isfinite(end) && crt >= 0 && cell(c, r, (size_t)crt) &&
		    lj_parse_number(cell(c, r, (size_t)crt), &rt) == 0 && isfinite(rt) &&
		    rt >= 0)
			end = start + rt;
		hp_study_set_times(st, t, start, isfinite(end) && end >= start ? end : NAN);
		for (size_t k = 0; k < c->ncols; k++) {
			const char *x = cell(c, r, k);
			char *j;

			if (role[k] == 1)
				hp_study_set_param_text(st, t, cell(c, 0, k), x ? x : "");
			else if (role[k] == 2 && x) {
				j = cell_json(x);
				hp_study_add_attr(st, t, 0, cell(c, 0, k), j);
				free(j);
			}
		}
		if (cn >= 0 && cell(c, r, (size_t)cn)) {
			char *j = hp_load_json_string(cell(c, r, (size_t)cn));

			hp_study_add_attr(st, t, 1, "wandb:run_name", j);
			free(j);
		}
		if (cid >= 0 && cell(c, r, (size_t)cid)) {
			char *j = hp_load_json_string(cell(c, r, (size_t)cid));

			hp_study_add_attr(st, t, 1, "wandb:run_id", j);
			free(j);
		}
	}
	free(ord);
	ord = NULL;
	hp_study_add_note(st, "W&B runs-table export: params are %s; runs numbered "
	    "by Created", opts && opts->nparams ? "the --params columns" :
	    "every column but the metadata and the objective (use --params to pick)");
	if (nnoval)
		hp_study_add_note(st, "%zu finished run%s have no \"%s\"", nnoval,
		    nnoval == 1 ? "" : "s", metric);
	if (hp_study_finish(st, &e) < 0) {
		hp_err_set(err, "%s: %s", c->path, e.msg);
		goto fail;
	}
	return st;
fail:
	free(ord);
	hp_study_free(st);
	return NULL;
}

int
hp_load_wandb_csv(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err)
{
	struct wcsv c;
	unsigned char *role = NULL;	/* 0 metadata, 1 param, 2 attribute, 3 objective */
	char **cand = NULL, **sweeps = NULL, list[300], *base = NULL;
	size_t ncand = 0, capcand = 0, nsweeps = 0, capsweeps = 0, before = out->n;
	long obj = -1, sweepcol;
	int rc = -1, nosweep = 0;

	if (wcsv_read(path, &c, err) < 0)
		goto out;
	if (is_chart(&c)) {
		hp_err_set(err, "%s: a W&B chart panel export (series \"<run> - <metric>\" "
		    "with __MIN/__MAX columns), not a runs table: export the Runs "
		    "table instead", path);
		goto out;
	}
	for (size_t k = 0; k < c.ncols; k++)
		if (cell(&c, 0, k) == NULL) {
			hp_err_set(err, "%s: row 1: column %zu has no name", path, k + 1);
			goto out;
		}
	role = hp_calloc(c.ncols + 1, 1);
	for (size_t k = 0; k < c.ncols; k++) {
		const char *h = cell(&c, 0, k);

		role[k] = is_meta(h) ? 0 : 1;
		if (role[k] && opts && opts->metric && strcmp(h, opts->metric) == 0)
			obj = (long)k;
		if (role[k] && numeric_col(&c, k))
			name_add(&cand, &ncand, &capcand, (char *)h);
	}
	if (opts && opts->metric && obj < 0) {
		hp_load_list_names(cand, ncand, list, sizeof(list));
		hp_err_set(err, "%s: no column \"%.80s\" (numeric columns: %s)", path,
		    opts->metric, list);
		goto out;
	}
	if (obj < 0) {
		if (ncand != 1) {
			hp_load_list_names(cand, ncand, list, sizeof(list));
			hp_err_set(err, "%s: the export does not say which column is the "
			    "objective: choose one with --metric (numeric columns: %s)",
			    path, ncand ? list : "none");
			goto out;
		}
		obj = col_index(&c, cand[0]);
	}
	role[obj] = 3;
	if (opts && opts->nparams) {
		for (size_t k = 0; k < c.ncols; k++)
			if (role[k] == 1)
				role[k] = 2;
		for (size_t i = 0; i < opts->nparams; i++) {
			long k = col_index(&c, opts->params[i]);

			if (k < 0 || role[k] == 0 || role[k] == 3) {
				hp_err_set(err, "%s: --params: no param column \"%.80s\"", path,
				    opts->params[i]);
				goto out;
			}
			role[k] = 1;
		}
	}
	sweepcol = col_index(&c, "Sweep");
	for (size_t r = 1; r < c.nrows; r++) {
		char *sw = sweepcol >= 0 ? c.cells[r * c.ncols + (size_t)sweepcol] : NULL;

		if (sw)
			name_add(&sweeps, &nsweeps, &capsweeps, sw);
		else
			nosweep = 1;
	}
	if (c.nrows < 2) {
		hp_err_set(err, "%s: no runs below the header", path);
		goto out;
	}
	hp_load_qsort(sweeps, nsweeps, sizeof(char *), hp_load_cmp_str);
	base = lj_basename(path);
	for (size_t i = 0; i < nsweeps + (size_t)nosweep; i++) {
		const char *sw = i < nsweeps ? sweeps[i] : NULL;
		char *name = sw ? hp_sprintf("%s/sweep-%s", base, sw) : hp_strdup(base);
		struct hp_study *st;

		if (opts && opts->study && strcmp(opts->study, name) != 0) {
			free(name);
			continue;
		}
		st = csv_study(&c, name, sw, sweepcol, role, (size_t)obj, opts, err);
		free(name);
		if (st == NULL)
			goto out;
		hp_studyset_add(out, st);
	}
	rc = 0;
out:
	while (rc < 0 && out->n > before)
		hp_study_free(out->v[--out->n]);
	free(base);
	free(cand);
	free(sweeps);
	free(role);
	wcsv_release(&c);
	return rc;
}

static void
probe_field(void *s, size_t len, void *data)
{
	int *f = data;

	if (s == NULL)
		return;
	for (size_t i = 0; meta_cols[i]; i++)
		if (strlen(meta_cols[i]) == len && memcmp(meta_cols[i], s, len) == 0)
			f[0] += 1 + (i == 0);	/* Name counts twice */
	if (len > 5 && (memcmp((char *)s + len - 5, "__MIN", 5) == 0 ||
	    memcmp((char *)s + len - 5, "__MAX", 5) == 0))
		f[1]++;
}

static void
probe_row(int term, void *data)
{
	(void)term;
	((int *)data)[2] = 1;
}

int
hp_probe_wandb_csv(const char *path, const char *head, size_t len)
{
	struct csv_parser p;
	const char *nl;
	int f[3] = { 0, 0, 0 };

	(void)path;
	if (head == NULL || len == 0 || head[0] != '"')	/* W&B quotes every cell */
		return 0;
	if ((nl = memchr(head, '\n', len)) == NULL)
		nl = head + len;
	if (csv_init(&p, CSV_APPEND_NULL) != 0)
		return 0;
	csv_parse(&p, head, (size_t)(nl - head), probe_field, probe_row, f);
	csv_fini(&p, probe_field, probe_row, f);
	csv_free(&p);
	/* a runs table (Name and two more metadata columns) or a chart export */
	return f[0] >= 4 || f[1] >= 2;
}
