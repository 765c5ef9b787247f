/*
 * kerastuner: a Keras Tuner project directory (`directory/project_name/`).
 * The tuner leaves there
 *
 *   oracle.json           the oracle's state: "hyperparameters" (the search
 *                         space), "ongoing_trials", "tried_so_far", and from
 *                         1.1 on "start_order" (trial ids in start order);
 *                         Hyperband adds "brackets", "max_epochs", "factor"
 *   trial_<id>/trial.json one per trial: "trial_id", "hyperparameters"
 *                         {"space": [{"class_name", "config"}], "values"},
 *                         "metrics" {"metrics": {NAME: {"direction",
 *                         "observations": [{"value": [x...], "step"}]}}},
 *                         "score", "best_step", "status"
 *   trial_<id>/checkpoint* the model weights (binary; not read)
 *
 * Keras Tuner does not store the objective.  It sets a trial's score to
 * the best value of the objective's metric, so the objective is the metric
 * whose best observation equals the score of every scored trial (a
 * val_ metric first when several do); --metric names it instead (a trial's
 * value is then that metric's best observation).  The
 * objective metric's observations are the intermediate values (a value
 * list, one per execution, is averaged as Keras Tuner does); the other
 * metrics' last values are user attributes.  Params are the "values"
 * with their distributions from "space" (Int, Float, Choice, Boolean,
 * Fixed); Hyperband's tuner/epochs, tuner/bracket ... are system attributes.
 *
 * Trials are numbered by "start_order" when the oracle has it, else by
 * their ids when these are numbers, else (the 32-hex ids of Keras Tuner
 * 1.0) by Hyperband bracket and round, then id -- the order is not
 * recorded there, which a note says.
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

#define KT_MAX_TRIALS 1000000

static const struct lj_field f_trial[] = {
	{ "trial_id", LJ_ANY, 1, 0 }, { "hyperparameters", LJ_OBJ, 1, 0 },
	{ "metrics", LJ_OBJ, 0, 1 }, { "score", LJ_NUM, 0, 1 },
	{ "best_step", LJ_NUM, 0, 1 }, { "status", LJ_STR, 0, 1 },
	{ NULL, 0, 0, 0 } };

static const struct lj_field f_hps[] = {
	{ "space", LJ_ARR, 0, 1 }, { "values", LJ_OBJ, 0, 1 },
	{ NULL, 0, 0, 0 } };

static const struct lj_field f_space[] = {
	{ "class_name", LJ_STR, 1, 0 }, { "config", LJ_OBJ, 1, 0 },
	{ NULL, 0, 0, 0 } };

static const struct lj_field f_numhp[] = {
	{ "name", LJ_STR, 1, 0 }, { "min_value", LJ_NUM, 1, 0 },
	{ "max_value", LJ_NUM, 1, 0 }, { "step", LJ_NUM, 0, 1 },
	{ "sampling", LJ_STR, 0, 1 }, { NULL, 0, 0, 0 } };

static const struct lj_field f_metric[] = {
	{ "direction", LJ_STR, 0, 1 }, { "observations", LJ_ARR, 0, 1 },
	{ NULL, 0, 0, 0 } };

static const struct lj_field f_obs[] = {
	{ "value", LJ_ANY, 1, 0 }, { "step", LJ_NUM, 0, 1 },
	{ NULL, 0, 0, 0 } };

/* One trial directory, read. */
struct kt_trial {
	char	*dir;		/* trial directory name */
	char	*file;		/* path of its trial.json, for messages */
	cJSON	*root;		/* trial.json */
	char	*id;		/* trial_id as text */
	int	 number;
	long	 bracket, round; /* Hyperband's tuner/bracket, tuner/round (or -1) */
};

/* A param's distribution from the space. */
struct kt_hp {
	char		*name;
	struct hp_dist	 dist;
};

struct kt {
	const char	*path;		/* the project directory */
	struct kt_trial	*t;
	size_t		 n, cap;
	struct kt_hp	*hp;
	size_t		 nhp;
	size_t		 ncheckpoints;	/* trial dirs with model weights */
};

/* The names in directory `path` (without . and ..), sorted; -1 when it
 * cannot be opened. */
static int
list_dir(const char *path, char ***names, size_t *n)
{
	DIR *d = opendir(path);
	struct dirent *e;
	size_t cap = 0;

	*names = NULL;
	*n = 0;
	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		hp_grow(names, &cap, *n + 1, sizeof(char *));
		(*names)[(*n)++] = hp_strdup(e->d_name);
	}
	closedir(d);
	hp_load_qsort(*names, *n, sizeof(char *), hp_load_cmp_str);
	return 0;
}

/* oracle.json's start: an object with the oracle's keys. */
static int
looks_like_oracle(const char *head)
{
	return *lj_skip_blank(head) == '{' && strstr(head, "\"hyperparameters\"") &&
	    (strstr(head, "\"ongoing_trials\"") || strstr(head, "\"tried_so_far\"") ||
	    strstr(head, "\"start_order\""));
}

int
hp_probe_kerastuner(const char *path, const char *head, size_t len)
{
	(void)len;
	return head == NULL && hp_load_dir_holds(path, "oracle.json", looks_like_oracle);
}

/* A space entry's distribution; 0, 1 when the class is not one hpreport
 * knows (the param is then typed from its values), -1 with err. */
static int
space_dist(const cJSON *e, const char *where, struct kt_hp *hp, struct hp_err *err)
{
	const char *cls;
	const cJSON *cfg, *j, *name;
	struct hp_dist *d = &hp->dist;

	if (lj_check(e, f_space, where, err) < 0)
		return -1;
	cls = cJSON_GetObjectItemCaseSensitive(e, "class_name")->valuestring;
	cfg = cJSON_GetObjectItemCaseSensitive(e, "config");
	name = cJSON_GetObjectItemCaseSensitive(cfg, "name");
	if (!cJSON_IsString(name))
		return hp_err_set(err, "%s: \"config\" has no \"name\"", where);
	hp->name = hp_strdup(name->valuestring);
	memset(d, 0, sizeof(*d));
	if (strcmp(cls, "Int") == 0 || strcmp(cls, "Float") == 0) {
		const cJSON *samp, *step;
		double lo, hi;

		if (lj_check(cfg, f_numhp, where, err) < 0)
			return -1;
		lo = cJSON_GetObjectItemCaseSensitive(cfg, "min_value")->valuedouble;
		hi = cJSON_GetObjectItemCaseSensitive(cfg, "max_value")->valuedouble;
		if (!isfinite(lo) || !isfinite(hi) || lo > hi)
			return hp_err_set(err, "%s: bad range [%g, %g]", where, lo, hi);
		samp = lj_get(cfg, "sampling");
		step = lj_get(cfg, "step");
		d->kind = cls[0] == 'I' ? HP_DIST_INT : HP_DIST_FLOAT;
		d->low = lo;
		d->high = hi;
		d->log = samp && (strcmp(samp->valuestring, "log") == 0 ||
		    strcmp(samp->valuestring, "reverse_log") == 0);
		if (d->log && lo <= 0)
			return hp_err_set(err, "%s: log sampling of a range that "
			    "is not positive", where);
		/* with log sampling a step multiplies: not the model's step */
		if (step && !d->log && isfinite(step->valuedouble) && step->valuedouble > 0)
			d->step = step->valuedouble;
		if (d->kind == HP_DIST_INT) {
			if (d->step < 1 || d->step != floor(d->step))
				d->step = 1;
		}
		return 0;
	}
	if (strcmp(cls, "Choice") == 0 || strcmp(cls, "Fixed") == 0 ||
	    strcmp(cls, "Boolean") == 0) {
		d->kind = HP_DIST_CATEGORICAL;
		if (cls[0] == 'B') {
			d->choices = hp_calloc(2, sizeof(*d->choices));
			d->choices[0].kind = d->choices[1].kind = HP_CHOICE_BOOL;
			d->choices[1].num = 1;
			d->nchoices = 2;
			return 0;
		}
		if (cls[0] == 'F') {
			struct hp_choice c;

			j = cJSON_GetObjectItemCaseSensitive(cfg, "value");
			if (j == NULL || hp_choice_from_json(j, &c) < 0)
				return hp_err_set(err, "%s: Fixed without a scalar \"value\"",
				    where);
			d->choices = hp_calloc(1, sizeof(*d->choices));
			c.str = hp_strdup(c.str);
			d->choices[0] = c;
			d->nchoices = 1;
			return 0;
		}
		j = cJSON_GetObjectItemCaseSensitive(cfg, "values");
		if (!cJSON_IsArray(j) || cJSON_GetArraySize(j) == 0)
			return hp_err_set(err, "%s: Choice without \"values\"", where);
		d->choices = hp_calloc((size_t)cJSON_GetArraySize(j), sizeof(*d->choices));
		for (const cJSON *v = j->child; v; v = v->next) {
			struct hp_choice c;
			size_t k;

			if (hp_choice_from_json(v, &c) < 0)
				return hp_err_set(err, "%s: a Choice value is not a "
				    "scalar", where);
			for (k = 0; k < d->nchoices; k++)	/* [.., 1e-4, 1e-4, ..] */
				if (hp_choice_equal(&d->choices[k], &c))
					break;
			if (k < d->nchoices)
				continue;
			c.str = hp_strdup(c.str);
			d->choices[d->nchoices++] = c;
		}
		return 0;
	}
	return 1;
}

/* The space of oracle.json and of every trial (a later definition of the
 * same name replaces none: the first one wins, as they are equal). */
static int
read_space(struct kt *kt, const cJSON *hps, const char *file, struct hp_err *err)
{
	const cJSON *space = lj_get(hps, "space"), *e;
	size_t i = 0;

	if (space == NULL)
		return 0;
	cJSON_ArrayForEach(e, space) {
		char where[600];
		struct kt_hp hp;
		int rc;

		snprintf(where, sizeof(where), "%s: hyperparameters.space[%zu]", file, i++);
		memset(&hp, 0, sizeof(hp));
		rc = space_dist(e, where, &hp, err);
		if (rc == 0) {
			size_t k;

			for (k = 0; k < kt->nhp; k++)
				if (strcmp(kt->hp[k].name, hp.name) == 0)
					break;
			if (k == kt->nhp) {
				kt->hp = hp_reallocarray(kt->hp, kt->nhp + 1, sizeof(*kt->hp));
				kt->hp[kt->nhp++] = hp;
				continue;
			}
		}
		free(hp.name);
		hp_dist_release(&hp.dist);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static const struct kt_hp *
find_hp(const struct kt *kt, const char *name)
{
	for (size_t k = 0; k < kt->nhp; k++)
		if (strcmp(kt->hp[k].name, name) == 0)
			return &kt->hp[k];
	return NULL;
}

/* 1 when the head of a file is binary (a NUL byte): a checkpoint. */
static int
is_binary(const char *path)
{
	size_t n;
	char *h = hp_load_read_head(path, &n, NULL);
	int bin = h && memchr(h, '\0', n) != NULL;

	free(h);
	return bin;
}

/* Reads the trial directories: every subdirectory holding a trial.json. */
static int
read_trials(struct kt *kt, struct hp_err *err)
{
	char **names;
	size_t n;

	if (list_dir(kt->path, &names, &n) < 0)
		return hp_err_set(err, "%s: cannot list the directory", kt->path);
	for (size_t i = 0; i < n; i++) {
		char *dir = hp_load_path_join(kt->path, names[i]), *file, **sub;
		struct kt_trial *t;
		struct stat sb;
		cJSON *root;
		size_t nsub;

		if (names[i][0] == '.' || stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
			free(dir);
			continue;
		}
		file = hp_load_path_join(dir, "trial.json");
		if (stat(file, &sb) != 0) {
			free(file);
			free(dir);
			continue;
		}
		if (kt->n >= KT_MAX_TRIALS) {
			free(file);
			free(dir);
			hp_load_strv_free(names, n);
			return hp_err_set(err, "%s: more than %d trials", kt->path,
			    KT_MAX_TRIALS);
		}
		if ((root = lj_read_doc(file, err)) == NULL ||
		    lj_check(root, f_trial, file, err) < 0) {
			cJSON_Delete(root);
			free(file);
			free(dir);
			hp_load_strv_free(names, n);
			return -1;
		}
		hp_grow(&kt->t, &kt->cap, kt->n + 1, sizeof(*kt->t));
		t = &kt->t[kt->n++];
		memset(t, 0, sizeof(*t));
		t->dir = hp_strdup(names[i]);
		t->file = file;
		t->root = root;
		/* model weights beside trial.json: counted for the note */
		if (list_dir(dir, &sub, &nsub) == 0) {
			int seen = 0;

			for (size_t k = 0; k < nsub && !seen; k++) {
				char *p = hp_load_path_join(dir, sub[k]);

				seen = strncmp(sub[k], "checkpoint", 10) == 0 || is_binary(p);
				free(p);
			}
			kt->ncheckpoints += seen;
			hp_load_strv_free(sub, nsub);
		}
		free(dir);
	}
	hp_load_strv_free(names, n);
	return 0;
}

static int
all_digits(const char *s)
{
	if (*s == '\0' || strlen(s) > 9)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static int
cmp_trial(const void *a, const void *b)
{
	const struct kt_trial *x = a, *y = b;

	if (x->bracket != y->bracket)	/* Hyperband runs brackets downwards */
		return x->bracket > y->bracket ? -1 : 1;
	if (x->round != y->round)
		return x->round < y->round ? -1 : 1;
	return strcmp(x->id, y->id);
}

static long
tuner_int(const cJSON *values, const char *key)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(values, key);

	return lj_is_int(j) ? lj_int(j) : -1;
}

/* Numbers the trials (see the top of the file); returns how, for the note,
 * or -1 with err on a duplicate. */
static int
number_trials(struct kt *kt, const cJSON *oracle, struct hp_err *err)
{
	const cJSON *order = lj_get(oracle, "start_order");
	int digits = 1, how;

	for (size_t i = 0; i < kt->n; i++) {
		struct kt_trial *t = &kt->t[i];
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(t->root, "trial_id");
		const cJSON *hps = cJSON_GetObjectItemCaseSensitive(t->root,
		    "hyperparameters");
		const cJSON *values = lj_get(hps, "values");
		char buf[40];
		const char *s = lj_text(id, buf, sizeof(buf));

		if (s == NULL)
			return hp_err_set(err, "%s: \"trial_id\" must be a string",
			    t->file);
		t->id = hp_strdup(s);
		digits &= all_digits(t->id);
		t->bracket = values ? tuner_int(values, "tuner/bracket") : -1;
		t->round = values ? tuner_int(values, "tuner/round") : -1;
		t->number = -1;
	}
	if (cJSON_IsArray(order) && cJSON_GetArraySize(order) > 0) {
		int next = 0;
		const cJSON *o;

		cJSON_ArrayForEach(o, order)
			for (size_t i = 0; i < kt->n; i++)
				if (cJSON_IsString(o) && kt->t[i].number < 0 &&
				    strcmp(o->valuestring, kt->t[i].id) == 0)
					kt->t[i].number = next++;
		/* trials the order does not list follow it */
		hp_load_qsort(kt->t, kt->n, sizeof(*kt->t), cmp_trial);
		for (size_t i = 0; i < kt->n; i++)
			if (kt->t[i].number < 0)
				kt->t[i].number = next++;
		how = 0;
	} else if (digits) {
		for (size_t i = 0; i < kt->n; i++)
			kt->t[i].number = atoi(kt->t[i].id);
		how = 1;
	} else {
		hp_load_qsort(kt->t, kt->n, sizeof(*kt->t), cmp_trial);
		for (size_t i = 0; i < kt->n; i++)
			kt->t[i].number = (int)i;
		how = 2;
	}
	for (size_t i = 0; i < kt->n; i++)
		for (size_t k = i + 1; k < kt->n; k++)
			if (kt->t[i].number == kt->t[k].number)
				return hp_err_set(err, "%s: trial id \"%s\" repeats "
				    "trial %d (%s)", kt->t[k].file, kt->t[k].id,
				    kt->t[i].number, kt->t[i].file);
	return how;
}

/* The value of an observation: the mean of its list (one value per
 * execution), or the number itself; -1 when it is neither. */
static int
obs_value(const cJSON *v, double *out)
{
	const cJSON *e;
	double sum = 0;
	int n = 0;

	if (hp_json_number(v, out) == 0)
		return 0;
	if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) == 0)
		return -1;
	cJSON_ArrayForEach(e, v) {
		double x;

		if (hp_json_number(e, &x) < 0)
			return -1;
		sum += x;
		n++;
	}
	*out = sum / n;
	return 0;
}

/* The metric `name` of a trial, checked, or NULL. */
static const cJSON *
trial_metric(const struct kt_trial *t, const char *name)
{
	const cJSON *m = lj_get(t->root, "metrics");

	m = m ? lj_get(m, "metrics") : NULL;
	return m && cJSON_IsObject(m) ? lj_get(m, name) : NULL;
}

/* Best (dir > 0: max) and last observed value of a metric; 0, or 1 when
 * it has no observation, -1 with err on a malformed one. */
static int
metric_stats(const struct kt_trial *t, const char *name, const cJSON *m,
    double *best, double *last, int *maximize, struct hp_err *err)
{
	const cJSON *obs, *o, *d;
	char where[700];
	size_t i = 0;
	int any = 0;

	snprintf(where, sizeof(where), "%s: metrics \"%s\"", t->file, name);
	if (lj_check(m, f_metric, where, err) < 0)
		return -1;
	d = lj_get(m, "direction");
	*maximize = d && strcmp(d->valuestring, "max") == 0;
	*best = *last = NAN;
	if ((obs = lj_get(m, "observations")) == NULL)
		return 1;
	cJSON_ArrayForEach(o, obs) {
		double v;

		snprintf(where, sizeof(where), "%s: metrics \"%s\" observations[%zu]",
		    t->file, name, i++);
		if (lj_check(o, f_obs, where, err) < 0)
			return -1;
		if (obs_value(cJSON_GetObjectItemCaseSensitive(o, "value"), &v) < 0)
			return hp_err_set(err, "%s: \"value\" must be a number or a "
			    "list of numbers", where);
		if (!isnan(v) && (isnan(*best) || (*maximize ? v > *best : v < *best)))
			*best = v;
		*last = v;
		any = 1;
	}
	return any ? 0 : 1;
}

/* The metric names of all trials, sorted, without repeats. */
static void
metric_names(const struct kt *kt, char ***names, size_t *n)
{
	size_t cap = 0;

	*names = NULL;
	*n = 0;
	for (size_t i = 0; i < kt->n; i++) {
		const cJSON *m = lj_get(kt->t[i].root, "metrics"), *e;

		m = m ? lj_get(m, "metrics") : NULL;
		if (!cJSON_IsObject(m))
			continue;
		for (e = m->child; e; e = e->next) {
			size_t k;

			for (k = 0; k < *n; k++)
				if (strcmp((*names)[k], e->string) == 0)
					break;
			if (k < *n)
				continue;
			hp_grow(names, &cap, *n + 1, sizeof(char *));
			(*names)[(*n)++] = hp_strdup(e->string);
		}
	}
	hp_load_qsort(*names, *n, sizeof(char *), hp_load_cmp_str);
}

/*
 * Chooses the objective: opts->metric, else the metric whose best value
 * is every scored trial's score.  Returns its index in names, -1 when no
 * metric fits (the objective is then the bare score), -2 with err.
 */
static long
choose_objective(const struct kt *kt, char **names, size_t n,
    const struct hp_load_opts *opts, struct hp_err *err)
{
	long pick = -1;

	if (opts && opts->metric) {
		for (size_t k = 0; k < n; k++)
			if (strcmp(names[k], opts->metric) == 0)
				return (long)k;
		return hp_err_set(err, "%s: no metric \"%s\" in the trials", kt->path,
		    opts->metric) - 1;
	}
	for (size_t k = 0; k < n; k++) {
		size_t matched = 0, scored = 0;
		int ok = 1;

		for (size_t i = 0; i < kt->n && ok; i++) {
			const cJSON *sc = lj_get(kt->t[i].root, "score"), *m;
			double best, last;
			int max;

			if (sc == NULL || !isfinite(sc->valuedouble))
				continue;
			scored++;
			if ((m = trial_metric(&kt->t[i], names[k])) == NULL) {
				ok = 0;
				continue;
			}
			if (metric_stats(&kt->t[i], names[k], m, &best, &last, &max,
			    err) < 0)
				return -2;
			if (best == sc->valuedouble)
				matched++;
			else
				ok = 0;
		}
		if (!ok || matched == 0 || matched < scored)
			continue;
		if (pick < 0 || (strncmp(names[k], "val_", 4) == 0 &&
		    strncmp(names[pick], "val_", 4) != 0))
			pick = (long)k;
	}
	return pick;
}

static int
parse_state(const char *s, enum hp_state *st)
{
	static const struct { const char *name; enum hp_state st; } map[] = {
		{ "COMPLETED", HP_STATE_COMPLETE }, { "RUNNING", HP_STATE_RUNNING },
		{ "IDLE", HP_STATE_WAITING }, { "STOPPED", HP_STATE_PRUNED },
		{ "INVALID", HP_STATE_FAIL }, { "FAILED", HP_STATE_FAIL },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(s, map[i].name) == 0) {
			*st = map[i].st;
			return 0;
		}
	return -1;
}

/* The internal value of `v` for the param's distribution; -1 when it does
 * not fit (a string for an Int, a choice not listed). */
static int
internal_value(const struct hp_dist *d, const cJSON *v, double *out)
{
	struct hp_choice c;

	if (d->kind != HP_DIST_CATEGORICAL)
		return hp_json_number(v, out) < 0 || !isfinite(*out) ? -1 : 0;
	if (hp_choice_from_json(v, &c) < 0)
		return -1;
	for (size_t k = 0; k < d->nchoices; k++)
		if (hp_choice_equal(&d->choices[k], &c)) {
			*out = (double)k;
			return 0;
		}
	return -1;
}

static int
add_trial(struct hp_study *st, const struct kt *kt, const struct kt_trial *t,
    char **names, size_t nnames, long obj, int by_metric, struct hp_err *err)
{
	const cJSON *hps = cJSON_GetObjectItemCaseSensitive(t->root, "hyperparameters");
	const cJSON *values, *v, *status, *score;
	enum hp_state state = HP_STATE_COMPLETE;
	size_t ti;
	char *json;

	if (lj_check(hps, f_hps, t->file, err) < 0)
		return -1;
	status = lj_get(t->root, "status");
	if (status && parse_state(status->valuestring, &state) < 0)
		return hp_err_set(err, "%s: unknown status \"%s\"", t->file,
		    status->valuestring);
	ti = hp_study_add_trial(st, t->number, state);
	score = lj_get(t->root, "score");
	hp_study_set_value(st, ti, 0, score && !by_metric ? score->valuedouble : NAN);
	json = hp_sprintf("\"%s\"", t->id);	/* ids are hex or digits */
	if (strpbrk(t->id, "\"\\") == NULL)
		hp_study_add_attr(st, ti, 1, "trial_id", json);
	free(json);
	if ((values = lj_get(hps, "values")) != NULL) {
		for (v = values->child; v; v = v->next) {
			const struct kt_hp *hp;
			struct hp_err e2;
			double x;
			char buf[40];

			if (cJSON_IsNull(v))
				continue;
			if (strncmp(v->string, "tuner/", 6) == 0) {
				json = lj_print(v);
				hp_study_add_attr(st, ti, 1, v->string, json);
				free(json);
				continue;
			}
			if ((hp = find_hp(kt, v->string)) == NULL) {
				const char *s = lj_text(v, buf, sizeof(buf));

				if (s == NULL)
					return hp_err_set(err, "%s: hyperparameter \"%s\" "
					    "is not a scalar", t->file, v->string);
				hp_study_set_param_text(st, ti, v->string, s);
				continue;
			}
			if (internal_value(&hp->dist, v, &x) < 0)
				return hp_err_set(err, "%s: hyperparameter \"%s\": value "
				    "does not fit its space", t->file, v->string);
			if (hp_study_set_param(st, ti, v->string, &hp->dist, x, &e2) < 0)
				return hp_err_set(err, "%s: hyperparameter \"%s\": %s",
				    t->file, v->string, e2.msg);
		}
	}
	for (size_t k = 0; k < nnames; k++) {
		const cJSON *m = trial_metric(t, names[k]), *o;
		double best, last;
		int max;

		if (m == NULL)
			continue;
		if (metric_stats(t, names[k], m, &best, &last, &max, err) < 0)
			return -1;
		if ((long)k != obj) {
			char buf[40];

			if (!isnan(last)) {
				hp_fmt_double(buf, sizeof(buf), last);
				hp_study_add_attr(st, ti, 0, names[k], isinf(last) ?
				    (last > 0 ? "Infinity" : "-Infinity") : buf);
			}
			continue;
		}
		if (by_metric)	/* --metric: the metric's best, not the score */
			hp_study_set_value(st, ti, 0, best);
		cJSON_ArrayForEach(o, lj_get(m, "observations")) {
			const cJSON *step = lj_get(o, "step");
			double x;

			obs_value(cJSON_GetObjectItemCaseSensitive(o, "value"), &x);
			hp_study_add_intermediate(st, ti, step ? step->valuedouble : 0, x);
		}
	}
	return 0;
}

static void
kt_release(struct kt *kt)
{
	for (size_t i = 0; i < kt->n; i++) {
		free(kt->t[i].dir);
		free(kt->t[i].file);
		free(kt->t[i].id);
		cJSON_Delete(kt->t[i].root);
	}
	free(kt->t);
	for (size_t k = 0; k < kt->nhp; k++) {
		free(kt->hp[k].name);
		hp_dist_release(&kt->hp[k].dist);
	}
	free(kt->hp);
}

int
hp_load_kerastuner(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err)
{
	struct kt kt;
	struct hp_study *st = NULL;
	cJSON *oracle;
	char *file, *name, **names = NULL;
	size_t nnames = 0, slash;
	long obj;
	int how, rc = -1;
	enum hp_direction dir;

	memset(&kt, 0, sizeof(kt));
	kt.path = path;
	file = hp_load_path_join(path, "oracle.json");
	oracle = lj_read_doc(file, err);
	if (oracle == NULL)
		goto out;
	if (!cJSON_IsObject(oracle)) {
		hp_err_set(err, "%s: expected a JSON object", file);
		goto out;
	}
	if (lj_get(oracle, "hyperparameters") &&
	    (lj_check(lj_get(oracle, "hyperparameters"), f_hps, file, err) < 0 ||
	    read_space(&kt, lj_get(oracle, "hyperparameters"), file, err) < 0))
		goto out;
	if (read_trials(&kt, err) < 0)
		goto out;
	for (size_t i = 0; i < kt.n; i++) {
		const cJSON *hps = cJSON_GetObjectItemCaseSensitive(kt.t[i].root,
		    "hyperparameters");

		if (lj_check(hps, f_hps, kt.t[i].file, err) < 0 ||
		    read_space(&kt, hps, kt.t[i].file, err) < 0)
			goto out;
	}
	if ((how = number_trials(&kt, oracle, err)) < 0)
		goto out;
	metric_names(&kt, &names, &nnames);
	if ((obj = choose_objective(&kt, names, nnames, opts, err)) < -1)
		goto out;

	/* the study is named after the project directory */
	name = hp_strdup(path);
	while ((slash = strlen(name)) > 1 && name[slash - 1] == '/')
		name[slash - 1] = '\0';
	st = hp_study_new(hp_load_basename(name));
	free(name);
	if (obj >= 0) {
		const cJSON *m = NULL;
		int max = 0;

		for (size_t i = 0; i < kt.n && m == NULL; i++)
			m = trial_metric(&kt.t[i], names[obj]);
		if (m && lj_get(m, "direction"))
			max = cJSON_IsString(lj_get(m, "direction")) &&
			    strcmp(lj_get(m, "direction")->valuestring, "max") == 0;
		dir = max ? HP_DIR_MAXIMIZE : HP_DIR_MINIMIZE;
		hp_study_set_objective_name(st, 0, names[obj]);
		if (!(opts && opts->metric))
			hp_study_add_note(st, "Keras Tuner does not store the objective: "
			    "\"%s\" (%s) is the metric whose best value is every trial's "
			    "score", names[obj], hp_direction_name(dir));
	} else {
		dir = opts && opts->direction != HP_DIR_NOT_SET ? opts->direction :
		    HP_DIR_MINIMIZE;
		hp_study_set_objective_name(st, 0, "score");
		if (kt.n > 0)
			hp_study_add_note(st, "no metric matches the trials' scores: the "
			    "objective is the score, %s%s", hp_direction_name(dir),
			    opts && opts->direction != HP_DIR_NOT_SET ? "" :
			    " (Keras Tuner's default; --direction sets it)");
	}
	hp_study_set_directions(st, 1, &dir);
	for (size_t i = 0; i < kt.n; i++)
		if (add_trial(st, &kt, &kt.t[i], names, nnames, obj,
		    obj >= 0 && opts && opts->metric, err) < 0)
			goto out;
	if (how == 2 && kt.n > 1)
		hp_study_add_note(st, "the oracle does not record the trial order (Keras Tuner 1.0): "
		    "trials are numbered by Hyperband bracket and round, then trial id");
	if (kt.ncheckpoints)
		hp_study_add_note(st, "the model checkpoints of %zu trial%s (binary) "
		    "are not read", kt.ncheckpoints, kt.ncheckpoints == 1 ? "" : "s");
	if (lj_finish(st, path, err) < 0)
		goto out;
	hp_load_keep(out, st, opts);
	st = NULL;
	rc = 0;
out:
	hp_study_free(st);
	hp_load_strv_free(names, nnames);
	cJSON_Delete(oracle);
	free(file);
	kt_release(&kt);
	return rc;
}
