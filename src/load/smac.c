/*
 * smac: a SMAC3 output directory (`smac3_output/<name>/<seed>/` in 2.x,
 * `smac3-output_<date>/run_<seed>/` in 0.x and 1.x), or its runhistory.json
 * given alone.  What is read:
 *
 *   runhistory.json  {"data": [...], "configs": {ID: {param: value}},
 *                    "config_origins": {ID: text}}; 2.x adds "stats" first.
 *                    A row is one run of a config on an instance, seed and
 *                    budget, in one of three shapes:
 *                      0.x/1.x  [[config_id, instance, seed, budget],
 *                                [cost, time, {"__enum__": "StatusType.X"},
 *                                 starttime, endtime, additional_info]]
 *                      2.0-2.2  [config_id, instance, seed, budget, cost,
 *                                time, status, starttime, endtime, info]
 *                      2.3      {"config_id", "instance", "seed", "budget",
 *                                "cost", "time", "cpu_time", "status", ...}
 *                    with status names (1.x) or numbers (2.x: 0 RUNNING,
 *                    1 SUCCESS, 2 CRASHED, 3 TIMEOUT, 4 MEMORYOUT), and
 *                    cost a list when there are several objectives.
 *   configspace.json the distributions (ConfigSpace's JSON: uniform_float/
 *                    uniform_int with lower, upper, log, q; normal_* and
 *                    beta_* with bounds; categorical choices; ordinal
 *                    sequence; constant value).  0.x names it in
 *                    scenario.txt's pcs_fn; without one, the types are
 *                    inferred from the values (a note says so).
 *   scenario.json    (2.x) "name", "seed", "objectives";
 *   scenario.txt     (0.x, 1.x) run_obj, multi_objectives.
 *
 * One trial per configuration, numbered by its config id -- SMAC's unit:
 * its intensifier races a configuration over instances, seeds and budgets
 * and reports a configuration's cost, not a run's.  A trial's value is the
 * mean cost of its runs on the highest budget it reached (SMAC's own
 * aggregate).  With several budgets (multi-fidelity: Hyperband, successive
 * halving) the intermediate values are the mean cost per budget, step =
 * budget; with several instance/seed runs on one budget, step k is the
 * mean over its first k runs, as the racing saw it.  A configuration that
 * stopped below the highest budget, or on fewer runs there than the most
 * evaluated one, was rejected by the intensifier: PRUNED (with its value,
 * as Optuna keeps a pruned trial's last value), so that "best" is among
 * configurations evaluated as fully as the incumbent.  A configuration
 * still running is RUNNING; one whose runs all crashed is FAIL.  A cost of
 * 2147483647 (SMAC's MAXINT, an unfinished run's or 0.x's crash cost) is
 * never a value.  SMAC always minimizes.
 */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hpreport/load.h"
#include "internal.h"
#include "loadjson.h"

#define SMAC_MAXINT 2147483647.0
#define SMAC_MAX_OBJ 64

enum run_kind { RUN_VALUE, RUN_FAILED, RUN_RUNNING };

struct run {
	size_t		 cfg;		/* index into smac.cfg */
	double		 budget;	/* 0 when none */
	double		 cost[SMAC_MAX_OBJ]; /* NaN = no value */
	enum run_kind	 kind;
	double		 start, end;	/* NaN = unknown */
};

struct cfg {
	int		 id;
	const cJSON	*values;	/* configs[ID] */
	const char	*origin;	/* config_origins[ID] or NULL */
};

struct smac {
	const char	*file;		/* runhistory.json, for messages */
	char		*dir;		/* its directory */
	struct cfg	*cfg;
	size_t		 ncfg;
	struct run	*run;
	size_t		 nrun;
	size_t		 nobj;
	size_t		 unknown_status; /* runs counted as failed */
};

/* The start of a runhistory: its first bytes without blanks. */
static int
looks_like_runhistory(const char *head)
{
	char c[64];
	size_t n = 0;

	for (const char *p = head; *p && n < sizeof(c) - 1; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			c[n++] = *p;
	c[n] = '\0';
	return strncmp(c, "{\"stats\":{\"submitted\":", 22) == 0 ||
	    strncmp(c, "{\"data\":[[[", 11) == 0 ||
	    (strncmp(c, "{\"data\":[],\"config", 18) == 0);
}

int
hp_probe_smac(const char *path, const char *head, size_t len)
{
	(void)len;
	if (head != NULL)
		return looks_like_runhistory(head);
	return hp_load_dir_holds(path, "runhistory.json", looks_like_runhistory);
}

static int
cmp_cfg(const void *a, const void *b)
{
	const struct cfg *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

static long
find_cfg(const struct smac *s, int id)
{
	size_t lo = 0, hi = s->ncfg;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (s->cfg[mid].id == id)
			return (long)mid;
		if (s->cfg[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* A status: a number (2.x) or {"__enum__": "StatusType.NAME"} (0.x/1.x). */
static int
run_kind(struct smac *s, const cJSON *j, enum run_kind *k)
{
	static const char *const valued[] = { "SUCCESS", "TIMEOUT", "CAPPED",
	    "DONOTADVANCE", NULL };
	static const char *const failed[] = { "CRASHED", "ABORT", "MEMOUT",
	    "MEMORYOUT", "STOP", NULL };
	const char *name;

	if (lj_is_int(j)) {
		switch (lj_int(j)) {
		case 0: *k = RUN_RUNNING; return 0;
		case 1: case 3: *k = RUN_VALUE; return 0;
		case 2: case 4: *k = RUN_FAILED; return 0;
		default: *k = RUN_FAILED; s->unknown_status++; return 0;
		}
	}
	j = cJSON_IsObject(j) ? cJSON_GetObjectItemCaseSensitive(j, "__enum__") : NULL;
	if (!cJSON_IsString(j))
		return -1;
	name = j->valuestring;
	if (strncmp(name, "StatusType.", 11) == 0)
		name += 11;
	if (strcmp(name, "RUNNING") == 0) {
		*k = RUN_RUNNING;
		return 0;
	}
	for (size_t i = 0; valued[i]; i++)
		if (strcmp(name, valued[i]) == 0) {
			*k = RUN_VALUE;
			return 0;
		}
	for (size_t i = 0; failed[i]; i++)
		if (strcmp(name, failed[i]) == 0) {
			*k = RUN_FAILED;
			return 0;
		}
	*k = RUN_FAILED;
	s->unknown_status++;
	return 0;
}

/* Reads one row into r; `where` names it. */
static int
read_row(struct smac *s, const cJSON *row, const char *where, struct run *r,
    struct hp_err *err)
{
	const cJSON *cid, *budget, *cost, *status, *start, *end;
	long ci;

	if (cJSON_IsObject(row)) {			/* 2.3 */
		static const struct lj_field f_row[] = {
			{ "config_id", LJ_INT, 1, 0 }, { "budget", LJ_NUM, 0, 1 },
			{ "cost", LJ_ANY, 1, 0 }, { "status", LJ_ANY, 1, 0 },
			{ "starttime", LJ_NUM, 0, 1 }, { "endtime", LJ_NUM, 0, 1 },
			{ NULL, 0, 0, 0 } };

		if (lj_check(row, f_row, where, err) < 0)
			return -1;
		cid = cJSON_GetObjectItemCaseSensitive(row, "config_id");
		budget = lj_get(row, "budget");
		cost = cJSON_GetObjectItemCaseSensitive(row, "cost");
		status = cJSON_GetObjectItemCaseSensitive(row, "status");
		start = lj_get(row, "starttime");
		end = lj_get(row, "endtime");
	} else if (cJSON_IsArray(row) && cJSON_IsArray(cJSON_GetArrayItem(row, 0))) {
		const cJSON *k = cJSON_GetArrayItem(row, 0);	/* 0.x, 1.x */
		const cJSON *v = cJSON_GetArrayItem(row, 1);

		if (cJSON_GetArraySize(row) != 2 || cJSON_GetArraySize(k) < 1 ||
		    !cJSON_IsArray(v) || cJSON_GetArraySize(v) < 3)
			return hp_err_set(err, "%s: expected [[config_id, instance, "
			    "seed, budget], [cost, time, status, ...]]", where);
		cid = cJSON_GetArrayItem(k, 0);
		budget = cJSON_GetArrayItem(k, 3);
		cost = cJSON_GetArrayItem(v, 0);
		status = cJSON_GetArrayItem(v, 2);
		start = cJSON_GetArrayItem(v, 3);
		end = cJSON_GetArrayItem(v, 4);
	} else if (cJSON_IsArray(row) && cJSON_GetArraySize(row) >= 7) {
		cid = cJSON_GetArrayItem(row, 0);		/* 2.0-2.2 */
		budget = cJSON_GetArrayItem(row, 3);
		cost = cJSON_GetArrayItem(row, 4);
		status = cJSON_GetArrayItem(row, 6);
		start = cJSON_GetArrayItem(row, 7);
		end = cJSON_GetArrayItem(row, 8);
	} else
		return hp_err_set(err, "%s: not a run (a list of 10, a pair of lists "
		    "or an object)", where);
	if (!lj_is_int(cid))
		return hp_err_set(err, "%s: config_id must be an integer", where);
	if ((ci = find_cfg(s, lj_int(cid))) < 0)
		return hp_err_set(err, "%s: config_id %d is not in \"configs\"", where,
		    lj_int(cid));
	r->cfg = (size_t)ci;
	r->budget = 0;
	if (budget && !cJSON_IsNull(budget)) {
		if (hp_json_number(budget, &r->budget) < 0 || !isfinite(r->budget))
			return hp_err_set(err, "%s: budget must be a number or null", where);
	}
	if (run_kind(s, status, &r->kind) < 0)
		return hp_err_set(err, "%s: status must be a number or "
		    "{\"__enum__\": \"StatusType.NAME\"}", where);
	for (size_t k = 0; k < SMAC_MAX_OBJ; k++)
		r->cost[k] = NAN;
	if (cJSON_IsArray(cost)) {
		size_t k = 0;
		const cJSON *c;

		if (cJSON_GetArraySize(cost) < 1 || cJSON_GetArraySize(cost) > SMAC_MAX_OBJ)
			return hp_err_set(err, "%s: cost must list 1 to %d numbers", where,
			    SMAC_MAX_OBJ);
		cJSON_ArrayForEach(c, cost)
			if (hp_json_number(c, &r->cost[k++]) < 0)
				return hp_err_set(err, "%s: cost must be a number or a list "
				    "of numbers", where);
		if (k > s->nobj)
			s->nobj = k;
	} else if (hp_json_number(cost, &r->cost[0]) < 0)
		return hp_err_set(err, "%s: cost must be a number or a list of "
		    "numbers", where);
	/* MAXINT is SMAC's placeholder for "no cost yet" or a crash */
	for (size_t k = 0; k < SMAC_MAX_OBJ; k++)
		if (r->cost[k] == SMAC_MAXINT)
			r->cost[k] = NAN;
	if (r->kind != RUN_VALUE)
		for (size_t k = 0; k < SMAC_MAX_OBJ; k++)
			r->cost[k] = NAN;
	r->start = r->end = NAN;
	if (hp_json_number(start, &r->start) == 0 && !(r->start > 0))
		r->start = NAN;
	if (hp_json_number(end, &r->end) == 0 && !(r->end > 0))
		r->end = NAN;
	return 0;
}

static int
read_runhistory(struct smac *s, const cJSON *root, struct hp_err *err)
{
	const cJSON *data, *configs, *origins, *c, *row;
	size_t i = 0;

	if (!cJSON_IsObject(root))
		return hp_err_set(err, "%s: expected a JSON object", s->file);
	data = cJSON_GetObjectItemCaseSensitive(root, "data");
	configs = cJSON_GetObjectItemCaseSensitive(root, "configs");
	origins = lj_get(root, "config_origins");
	if (!cJSON_IsArray(data))
		return hp_err_set(err, "%s: \"data\" must be a list", s->file);
	if (!cJSON_IsObject(configs))
		return hp_err_set(err, "%s: \"configs\" must be an object", s->file);
	s->cfg = hp_calloc((size_t)cJSON_GetArraySize(configs) + 1, sizeof(*s->cfg));
	cJSON_ArrayForEach(c, configs) {
		char *end;
		long id = strtol(c->string, &end, 10);
		const cJSON *o;

		if (*c->string == '\0' || *end != '\0' || id < -2147483647L ||
		    id > 2147483647L)
			return hp_err_set(err, "%s: configs: key \"%s\" is not a config "
			    "id", s->file, c->string);
		if (!cJSON_IsObject(c))
			return hp_err_set(err, "%s: configs[\"%s\"] must be an object",
			    s->file, c->string);
		s->cfg[s->ncfg].id = (int)id;
		s->cfg[s->ncfg].values = c;
		o = origins ? cJSON_GetObjectItemCaseSensitive(origins, c->string) : NULL;
		s->cfg[s->ncfg].origin = cJSON_IsString(o) ? o->valuestring : NULL;
		s->ncfg++;
	}
	hp_load_qsort(s->cfg, s->ncfg, sizeof(*s->cfg), cmp_cfg);
	for (size_t k = 1; k < s->ncfg; k++)
		if (s->cfg[k].id == s->cfg[k - 1].id)
			return hp_err_set(err, "%s: configs: config id %d twice",
			    s->file, s->cfg[k].id);
	s->nobj = 1;
	s->run = hp_calloc((size_t)cJSON_GetArraySize(data) + 1, sizeof(*s->run));
	cJSON_ArrayForEach(row, data) {
		char where[600];

		snprintf(where, sizeof(where), "%s: data[%zu]", s->file, i++);
		if (read_row(s, row, where, &s->run[s->nrun], err) < 0)
			return -1;
		s->nrun++;
	}
	return 0;
}

/* --- the configuration space --------------------------------------------- */

struct hpdef {
	const char	*name;
	struct hp_dist	 dist;
	int		 have;		/* 0: no distribution, typed from values */
};

static int
space_entry(const cJSON *e, const char *where, struct hpdef *h, struct hp_err *err)
{
	const cJSON *name = lj_get(e, "name"), *type = lj_get(e, "type"), *j;
	struct hp_dist *d = &h->dist;
	const char *t;

	if (!cJSON_IsObject(e) || !cJSON_IsString(name) || !cJSON_IsString(type))
		return hp_err_set(err, "%s: expected an object with \"name\" and "
		    "\"type\"", where);
	h->name = name->valuestring;
	t = type->valuestring;
	memset(d, 0, sizeof(*d));
	if (strstr(t, "_float") || strstr(t, "_int")) {
		const cJSON *lo = lj_get(e, "lower"), *hi = lj_get(e, "upper");
		const cJSON *q = lj_get(e, "q"), *lg = lj_get(e, "log");

		if (lo == NULL || hi == NULL) {	/* normal_float without bounds */
			if (strncmp(t, "uniform_", 8) == 0)
				return hp_err_set(err, "%s: %s without \"lower\" and "
				    "\"upper\"", where, t);
			return 0;
		}
		d->kind = strstr(t, "_int") ? HP_DIST_INT : HP_DIST_FLOAT;
		if (hp_json_number(lo, &d->low) < 0 || hp_json_number(hi, &d->high) < 0 ||
		    !isfinite(d->low) || !isfinite(d->high) || d->low > d->high)
			return hp_err_set(err, "%s: \"lower\" and \"upper\" must be "
			    "numbers, lower <= upper", where);
		d->log = cJSON_IsTrue(lg);
		if (d->log && d->low <= 0)
			return hp_err_set(err, "%s: log scale with lower <= 0", where);
		if (q && !d->log && hp_json_number(q, &d->step) == 0 &&
		    !(isfinite(d->step) && d->step > 0))
			d->step = 0;
		if (d->kind == HP_DIST_INT && (d->step < 1 || d->step != floor(d->step)))
			d->step = 1;
		h->have = 1;
		return 0;
	}
	if (strcmp(t, "categorical") == 0 || strcmp(t, "ordinal") == 0) {
		j = lj_get(e, t[0] == 'c' ? "choices" : "sequence");
		if (!cJSON_IsArray(j) || cJSON_GetArraySize(j) == 0)
			return hp_err_set(err, "%s: %s without \"%s\"", where, t,
			    t[0] == 'c' ? "choices" : "sequence");
		d->kind = HP_DIST_CATEGORICAL;
		d->choices = hp_calloc((size_t)cJSON_GetArraySize(j), sizeof(*d->choices));
		for (const cJSON *v = j->child; v; v = v->next) {
			struct hp_choice c;
			size_t k;

			if (hp_choice_from_json(v, &c) < 0)
				return hp_err_set(err, "%s: a choice is not a scalar", where);
			for (k = 0; k < d->nchoices; k++)
				if (hp_choice_equal(&d->choices[k], &c))
					break;
			if (k < d->nchoices)
				continue;
			c.str = hp_strdup(c.str);
			d->choices[d->nchoices++] = c;
		}
		h->have = 1;
		return 0;
	}
	if (strcmp(t, "constant") == 0 || strcmp(t, "unparametrized") == 0) {
		struct hp_choice c;

		j = cJSON_GetObjectItemCaseSensitive(e, "value");
		if (j == NULL || hp_choice_from_json(j, &c) < 0)
			return hp_err_set(err, "%s: %s without a scalar \"value\"", where, t);
		d->kind = HP_DIST_CATEGORICAL;
		d->choices = hp_calloc(1, sizeof(*d->choices));
		c.str = hp_strdup(c.str);
		d->choices[0] = c;
		d->nchoices = 1;
		h->have = 1;
		return 0;
	}
	return 0;	/* a type hpreport does not know: typed from the values */
}

/* The configuration space file: configspace.json, else the JSON file
 * scenario.txt's pcs_fn names (looked up beside the runhistory). */
static char *
space_file(const struct smac *s)
{
	char *f = hp_load_path_join(s->dir, "configspace.json"), *scen, *text, *line;
	struct stat sb;

	if (stat(f, &sb) == 0)
		return f;
	free(f);
	scen = hp_load_path_join(s->dir, "scenario.txt");
	f = NULL;
	if (hp_read_file(scen, &text, NULL, NULL) == 0) {
		for (line = strtok(text, "\n"); line && f == NULL; line = strtok(NULL, "\n")) {
			char *v, *base;
			size_t n;

			if (strncmp(line, "pcs_fn", 6) != 0 || (v = strchr(line, '=')) == NULL)
				continue;
			v += 1 + strspn(v + 1, " ");
			n = strlen(v);
			while (n && (v[n - 1] == ' ' || v[n - 1] == '\r'))
				v[--n] = '\0';
			base = strrchr(v, '/') ? strrchr(v, '/') + 1 : v;
			if (n > 5 && strcmp(v + n - 5, ".json") == 0 && *base) {
				f = hp_load_path_join(s->dir, base);
				if (stat(f, &sb) != 0) {
					free(f);
					f = NULL;
				}
			}
		}
		free(text);
	}
	free(scen);
	return f;
}

/* --- the objective names and the study name ------------------------------ */

/* Value of "key = value" in scenario.txt (malloc'd) or NULL. */
static char *
scenario_txt(const char *text, const char *key)
{
	size_t klen = strlen(key);

	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		const char *q = p + strspn(p, " "), *e;
		size_t n;

		if (strncmp(q, key, klen) != 0)
			continue;
		q += klen;
		q += strspn(q, " ");
		if (*q != '=')
			continue;
		q++;
		q += strspn(q, " ");
		e = strchr(q, '\n');
		n = e ? (size_t)(e - q) : strlen(q);
		while (n && (q[n - 1] == ' ' || q[n - 1] == '\r'))
			n--;
		return hp_strndup(q, n);
	}
	return NULL;
}

/* Names the objectives and the study from scenario.json or scenario.txt. */
static char *
read_scenario(const struct smac *s, struct hp_study *st, struct hp_err *err)
{
	char *f = hp_load_path_join(s->dir, "scenario.json"), *text = NULL, *name = NULL;
	struct stat sb;
	cJSON *root;

	if (stat(f, &sb) == 0) {
		if ((root = lj_read_doc(f, err)) == NULL) {
			free(f);
			return NULL;
		}
		if (cJSON_IsObject(root)) {
			const cJSON *obj = lj_get(root, "objectives"), *nm = lj_get(root, "name");
			const cJSON *seed = lj_get(root, "seed"), *o;
			size_t k = 0;

			if (cJSON_IsString(obj))
				hp_study_set_objective_name(st, 0, obj->valuestring);
			else if (cJSON_IsArray(obj) && (size_t)cJSON_GetArraySize(obj) == s->nobj)
				cJSON_ArrayForEach(o, obj) {
					if (cJSON_IsString(o))
						hp_study_set_objective_name(st, k, o->valuestring);
					k++;
				}
			if (cJSON_IsString(nm) && lj_is_int(seed))
				name = hp_sprintf("%s/%d", nm->valuestring, lj_int(seed));
			else if (cJSON_IsString(nm))
				name = hp_strdup(nm->valuestring);
		}
		cJSON_Delete(root);
	}
	free(f);
	f = hp_load_path_join(s->dir, "scenario.txt");
	if (stat(f, &sb) == 0 && hp_read_file(f, &text, NULL, NULL) == 0) {
		char *mo = scenario_txt(text, "multi_objectives");
		char *ro = scenario_txt(text, "run_obj");
		size_t k = 0;

		if (mo && s->nobj > 1) {	/* "a, b" */
			for (char *p = strtok(mo, ", "); p; p = strtok(NULL, ", "))
				if (k < s->nobj)
					hp_study_set_objective_name(st, k++, p);
		} else if (mo && *mo && strchr(mo, ',') == NULL)
			hp_study_set_objective_name(st, 0, mo);
		else if (ro && strcmp(ro, "runtime") == 0)
			hp_study_set_objective_name(st, 0, "runtime");
		free(mo);
		free(ro);
		free(text);
	}
	free(f);
	if (st->nobj == 0 || st->objname == NULL || st->objname[0] == NULL)
		for (size_t k = 0; k < s->nobj; k++) {
			char buf[32];

			snprintf(buf, sizeof(buf), s->nobj == 1 ? "cost" : "cost_%zu", k);
			hp_study_set_objective_name(st, k, buf);
		}
	if (name == NULL) {	/* 0.x, 1.x: the run directory, run_<seed> */
		char *d = hp_strdup(s->dir);
		size_t n;

		while ((n = strlen(d)) > 1 && d[n - 1] == '/')
			d[n - 1] = '\0';
		name = hp_strdup(hp_load_basename(d));
		free(d);
	}
	return name;
}

/* --- the study ------------------------------------------------------------ */

static int
cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Sets the params of trial t from configs[ID]. */
static int
set_params(struct smac *s, struct hp_study *st, size_t t, const struct cfg *c,
    const struct hpdef *defs, size_t ndefs, struct hp_err *err)
{
	for (const cJSON *v = c->values->child; v; v = v->next) {
		const struct hpdef *h = NULL;
		struct hp_err e2;
		double x;
		char buf[40];

		if (cJSON_IsNull(v))
			continue;
		for (size_t k = 0; k < ndefs; k++)
			if (strcmp(defs[k].name, v->string) == 0)
				h = &defs[k];
		if (h == NULL || !h->have) {
			const char *text = lj_text(v, buf, sizeof(buf));

			if (text == NULL)
				return hp_err_set(err, "%s: configs[\"%d\"]: \"%s\" is not "
				    "a scalar", s->file, c->id, v->string);
			hp_study_set_param_text(st, t, v->string, text);
			continue;
		}
		if (h->dist.kind == HP_DIST_CATEGORICAL) {
			struct hp_choice ch;
			size_t k;

			if (hp_choice_from_json(v, &ch) < 0)
				k = h->dist.nchoices;
			else
				for (k = 0; k < h->dist.nchoices; k++)
					if (hp_choice_equal(&h->dist.choices[k], &ch))
						break;
			if (k == h->dist.nchoices)
				return hp_err_set(err, "%s: configs[\"%d\"]: \"%s\" is not "
				    "one of its choices", s->file, c->id, v->string);
			x = (double)k;
		} else if (hp_json_number(v, &x) < 0 || !isfinite(x))
			return hp_err_set(err, "%s: configs[\"%d\"]: \"%s\" must be a "
			    "number", s->file, c->id, v->string);
		if (hp_study_set_param(st, t, v->string, &h->dist, x, &e2) < 0)
			return hp_err_set(err, "%s: configs[\"%d\"]: \"%s\": %s", s->file,
			    c->id, v->string, e2.msg);
	}
	return 0;
}

/* Mean of objective k over the valued runs r[0..n) on budget b; *cnt
 * says how many there were. */
static double
mean_cost(const struct run *const *r, size_t n, double b, size_t k, size_t *cnt)
{
	double sum = 0;

	*cnt = 0;
	for (size_t i = 0; i < n; i++)
		if (r[i]->kind == RUN_VALUE && r[i]->budget == b &&
		    !isnan(r[i]->cost[0])) {
			sum += r[i]->cost[k];
			(*cnt)++;
		}
	return *cnt ? sum / (double)*cnt : NAN;
}

/* Adds the trial of configuration c, whose runs are r[0..n) in file order. */
static int
add_config(struct smac *s, struct hp_study *st, size_t c,
    const struct run *const *r, size_t n, const double *budgets, size_t nbudgets,
    double top_all, size_t most, const struct hpdef *defs, size_t ndefs,
    struct hp_err *err)
{
	const struct cfg *cf = &s->cfg[c];
	double top = -INFINITY, start = NAN, end = NAN;
	int running_above = 0, any_running = 0, any_value = 0;
	enum hp_state state;
	size_t t, cnt;
	char buf[64];

	for (size_t i = 0; i < n; i++) {
		if (r[i]->kind == RUN_VALUE && !isnan(r[i]->cost[0])) {
			any_value = 1;
			if (r[i]->budget > top)
				top = r[i]->budget;
		}
		if (!isnan(r[i]->start) && !(r[i]->start >= start))
			start = r[i]->start;
		if (!isnan(r[i]->end) && !(r[i]->end <= end))
			end = r[i]->end;
	}
	for (size_t i = 0; i < n; i++)
		if (r[i]->kind == RUN_RUNNING) {
			any_running = 1;
			if (!any_value || r[i]->budget >= top)
				running_above = 1;
		}
	if (n == 0)
		state = HP_STATE_WAITING;
	else if (running_above)
		state = HP_STATE_RUNNING;
	else if (!any_value)
		state = HP_STATE_FAIL;
	else if (top < top_all || (mean_cost(r, n, top, 0, &cnt), cnt < most))
		state = HP_STATE_PRUNED;
	else
		state = HP_STATE_COMPLETE;
	t = hp_study_add_trial(st, cf->id, state);
	if (any_value && state != HP_STATE_RUNNING)
		for (size_t k = 0; k < s->nobj; k++)
			hp_study_set_value(st, t, k, mean_cost(r, n, top, k, &cnt));
	hp_study_set_times(st, t, start, any_running ? NAN : end);
	/* intermediate values: per budget, or the running mean per run */
	if (nbudgets > 1) {
		for (size_t b = 0; b < nbudgets; b++) {
			double v = mean_cost(r, n, budgets[b], 0, &cnt);

			if (cnt)
				hp_study_add_intermediate(st, t, budgets[b], v);
		}
	} else if (n > 1) {
		double sum = 0;

		cnt = 0;
		for (size_t i = 0; i < n; i++) {
			if (r[i]->kind != RUN_VALUE || isnan(r[i]->cost[0]))
				continue;
			sum += r[i]->cost[0];
			cnt++;
			hp_study_add_intermediate(st, t, (double)cnt, sum / (double)cnt);
		}
	}
	hp_study_add_attr(st, t, 1, "runs", hp_fmt_int(buf, sizeof(buf),
	    (long long)n));
	if (nbudgets > 1 && any_value)
		hp_study_add_attr(st, t, 1, "budget", hp_fmt_double(buf, sizeof(buf), top));
	if (cf->origin) {
		cJSON *o = cJSON_CreateString(cf->origin);
		char *json = cJSON_PrintUnformatted(o);

		hp_study_add_attr(st, t, 1, "origin", json ? json : "null");
		free(json);
		cJSON_Delete(o);
	}
	return set_params(s, st, t, cf, defs, ndefs, err);
}

static int
build(struct smac *s, struct hp_study *st, const struct hpdef *defs, size_t ndefs,
    struct hp_err *err)
{
	double top_all = -INFINITY, *budgets;
	size_t nbudgets = 0, most = 0, *off;
	const struct run **byc;	/* runs grouped by config, file order kept */
	enum hp_direction *dir = hp_calloc(s->nobj, sizeof(*dir));
	int rc = 0;

	for (size_t k = 0; k < s->nobj; k++)
		dir[k] = HP_DIR_MINIMIZE;
	hp_study_set_directions(st, s->nobj, dir);
	free(dir);
	/* the distinct budgets and the highest budget any run has a cost on */
	budgets = hp_calloc(s->nrun + 1, sizeof(double));
	for (size_t i = 0; i < s->nrun; i++)
		budgets[i] = s->run[i].budget;
	hp_load_qsort(budgets, s->nrun, sizeof(double), cmp_dbl);
	for (size_t i = 0; i < s->nrun; i++)
		if (i == 0 || budgets[i] != budgets[nbudgets - 1])
			budgets[nbudgets++] = budgets[i];
	for (size_t i = 0; i < s->nrun; i++)
		if (s->run[i].kind == RUN_VALUE && !isnan(s->run[i].cost[0]) &&
		    s->run[i].budget > top_all)
			top_all = s->run[i].budget;
	off = hp_calloc(s->ncfg + 2, sizeof(size_t));
	byc = hp_calloc(s->nrun + 1, sizeof(*byc));
	for (size_t i = 0; i < s->nrun; i++)
		off[s->run[i].cfg + 2]++;
	for (size_t c = 0; c < s->ncfg; c++)
		off[c + 2] += off[c + 1];
	for (size_t i = 0; i < s->nrun; i++)
		byc[off[s->run[i].cfg + 1]++] = &s->run[i];
	/* now config c owns byc[off[c] .. off[c + 1]) */
	for (size_t c = 0; c < s->ncfg; c++) {
		size_t cnt;

		mean_cost(byc + off[c], off[c + 1] - off[c], top_all, 0, &cnt);
		if (cnt > most)
			most = cnt;
	}
	for (size_t c = 0; c < s->ncfg && rc == 0; c++)
		rc = add_config(s, st, c, byc + off[c], off[c + 1] - off[c], budgets,
		    nbudgets, top_all, most, defs, ndefs, err);
	if (rc == 0) {
		if (nbudgets > 1)
			hp_study_add_note(st, "one trial per configuration: its value is "
			    "the mean cost on the highest budget it reached, the "
			    "intermediate values the mean cost per budget (step = "
			    "budget); configurations stopped below budget %g are PRUNED",
			    top_all);
		else if (most > 1)
			hp_study_add_note(st, "one trial per configuration: its value is "
			    "the mean cost of its instance/seed runs, the intermediate "
			    "values the running mean; configurations raced on fewer "
			    "than %zu runs are PRUNED", most);
		if (s->unknown_status)
			hp_study_add_note(st, "%zu run%s with a status hpreport does not "
			    "know counted as failed", s->unknown_status,
			    s->unknown_status == 1 ? "" : "s");
	}
	free(budgets);
	free(off);
	free(byc);
	return rc;
}

int
hp_load_smac(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err)
{
	struct smac s;
	struct stat sb;
	struct hpdef *defs = NULL;
	size_t ndefs = 0;
	struct hp_study *st = NULL;
	cJSON *root = NULL, *space = NULL;
	char *file, *sf = NULL, *name = NULL;
	int rc = -1;

	memset(&s, 0, sizeof(s));
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		file = hp_load_path_join(path, "runhistory.json");
		s.dir = hp_strdup(path);
	} else {
		const char *slash = strrchr(path, '/');

		file = hp_strdup(path);
		s.dir = slash ? hp_strndup(path, (size_t)(slash - path) + 1) :
		    hp_strdup(".");
	}
	s.file = file;
	if ((root = lj_read_doc(file, err)) == NULL || read_runhistory(&s, root, err) < 0)
		goto out;
	if ((sf = space_file(&s)) != NULL) {
		const cJSON *hps, *e;
		size_t i = 0;

		if ((space = lj_read_doc(sf, err)) == NULL)
			goto out;
		hps = cJSON_IsObject(space) ? lj_get(space, "hyperparameters") : NULL;
		if (!cJSON_IsArray(hps)) {
			hp_err_set(err, "%s: \"hyperparameters\" must be a list", sf);
			goto out;
		}
		defs = hp_calloc((size_t)cJSON_GetArraySize(hps) + 1, sizeof(*defs));
		cJSON_ArrayForEach(e, hps) {
			char where[600];

			snprintf(where, sizeof(where), "%s: hyperparameters[%zu]", sf, i++);
			if (space_entry(e, where, &defs[ndefs], err) < 0) {
				hp_dist_release(&defs[ndefs].dist);
				goto out;
			}
			ndefs++;
		}
	}
	st = hp_study_new("smac");
	if ((name = read_scenario(&s, st, err)) == NULL)
		goto out;
	free(st->name);
	st->name = name;
	if (build(&s, st, defs, ndefs, err) < 0)
		goto out;
	if (sf == NULL && s.ncfg > 0)
		hp_study_add_note(st, "no configspace.json: the params' types are "
		    "inferred from their values");
	if (lj_finish(st, path, err) < 0)
		goto out;
	hp_load_keep(out, st, opts);
	st = NULL;
	rc = 0;
out:
	hp_study_free(st);
	for (size_t k = 0; k < ndefs; k++)
		hp_dist_release(&defs[k].dist);
	free(defs);
	cJSON_Delete(root);
	cJSON_Delete(space);
	free(file);
	free(sf);
	free(s.dir);
	free(s.cfg);
	free(s.run);
	return rc;
}
