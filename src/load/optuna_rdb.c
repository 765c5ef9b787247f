/*
 * optuna_rdb: reads Optuna's RDB storage -- an SQLite file, or a
 * PostgreSQL or MySQL/MariaDB server named by a URL -- every schema
 * generation from v0.9 (no alembic_version) to v3.2.0.a (unchanged
 * through Optuna 5).  One reader over the SQL interface of sql.h serves
 * every database; only column discovery differs by dialect (PRAGMA
 * table_info or information_schema, in the backend).  The schema is
 * recognised from the tables and columns present, not from
 * alembic_version, so a database whose revision row is missing or odd
 * still loads as what it really is.
 *
 * What changed over Optuna's schema revisions (v0.9.0, before alembic, up
 * to v3.2.0.a, unchanged through Optuna 5.0) and how each generation is
 * read:
 *  - studies.direction (< v2.4) or study_directions (>= v2.4);
 *  - the trial number: trials.number (>= v1.3) or the trial system
 *    attribute "_number" (< v1.3); a trial with neither gets its rank in
 *    trial_id order, which is how Optuna numbered trials;
 *  - objective values: trials.value (< v2.4) or trial_values(trial_id,
 *    objective, value[, value_type]) (>= v2.4);
 *  - intermediate values: trial_values(trial_id, step, value) (< v2.4) or
 *    trial_intermediate_values (>= v2.4), with intermediate_value_type
 *    from v3.0.0.c;
 *  - infinities: a *_value_type column says FINITE/INF_POS/INF_NEG/NAN;
 *    where that column does not exist yet, Optuna stored +-inf as
 *    +-float32 max and NaN as NULL.
 *
 * The file is opened read-only through a "file:...?mode=ro" URI, so no
 * rollback journal is ever created, and everything is read inside one read
 * transaction: an optimizer writing to the same file meanwhile cannot hand
 * us half of a trial.  (A database in WAL mode is the one exception to
 * "create nothing": SQLite makes its -wal and -shm files for any reader,
 * because they are the locks that keep a reader's snapshot consistent.)
 * A server is read inside one read-only REPEATABLE READ transaction (a
 * consistent snapshot that takes no lock a writer waits for).  Each table
 * is read with one streamed query per study, in trial_id order, and rows
 * are matched to trials by a moving cursor, so loading is linear in the
 * size of the study and memory holds the study, never a query's result.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/load.h"
#include "internal.h"
#include "sql.h"
#include "sqlite_ro.h"
#include "url.h"

#define MAX_OBJECTIVES 1024	/* more is a corrupt objective column */

/* What the database's schema has, found from its columns. */
struct schema {
	int	 studies_direction;	/* studies.direction (< v2.4) */
	int	 study_directions;	/* table study_directions (>= v2.4) */
	int	 trials_number;		/* trials.number (>= v1.3) */
	int	 trials_value;		/* trials.value (< v2.4) */
	int	 values_objective;	/* trial_values.objective (>= v2.4) */
	int	 values_type;		/* trial_values.value_type (>= v3.0.0.d) */
	int	 iv_table;		/* table trial_intermediate_values (>= v2.4) */
	int	 iv_type;		/* its intermediate_value_type (>= v3.0.0.c) */
};

/* One load: the connection and where messages go. */
struct rdb {
	const char	*path;		/* the name in messages (no password) */
	struct hp_sql	*db;
	struct hp_err	*err;
	struct schema	 sc;
	int		 one_study;	/* the file holds a single study */
};

/* The trials of the study being read, in trial_id order. */
struct trials {
	int64_t		*id;		/* [n] ascending */
	size_t		*idx;		/* [n] index in the study */
	int		*has_number;	/* [n] number known (column or _number) */
	size_t		 n;
	size_t		 cur;		/* cursor of the table being read */
};

/* Last distribution seen per param name: consecutive rows of one param
 * nearly always carry the same JSON, so each is parsed once. */
struct dist_cache {
	char		*name;
	char		*json;
	struct hp_dist	 dist;
};

/* --- small helpers ----------------------------------------------------- */

static int
db_error(struct rdb *r, const char *table)
{
	if (table)
		return hp_err_set(r->err, "%s: table %s: %s", r->path, table,
		    hp_sql_errmsg(r->db));
	return hp_err_set(r->err, "%s: %s", r->path, hp_sql_errmsg(r->db));
}

static int
table_columns(struct rdb *r, const char *table, const char *const *cols,
    unsigned *mask)
{
	int rc = hp_sql_table_columns(r->db, table, cols, mask);

	return rc < 0 ? db_error(r, table) : rc;
}

/*
 * Checks that `table` exists with the columns of `required` (a bit mask of
 * `cols`).  Returns the column mask, or -1 with the message.  A missing
 * optional table gives 0 when `optional` is set.
 */
static long
need_table(struct rdb *r, const char *table, const char *const *cols,
    unsigned required, int optional)
{
	unsigned mask;
	int rc = table_columns(r, table, cols, &mask);

	if (rc < 0)
		return -1;
	if (rc == 0) {
		if (optional)
			return 0;
		return hp_err_set(r->err, "%s: not an Optuna database: no table %s",
		    r->path, table);
	}
	for (unsigned i = 0; cols[i]; i++)
		if ((required & (1u << i)) && !(mask & (1u << i)))
			return hp_err_set(r->err, "%s: table %s has no column %s",
			    r->path, table, cols[i]);
	return (long)mask;
}

/* Learns the schema generation from the tables and columns present. */
static int
read_schema(struct rdb *r)
{
	static const char *const studies[] = { "study_id", "study_name", "direction", NULL };
	static const char *const dirs[] = { "study_id", "objective", "direction", NULL };
	static const char *const trials[] = { "trial_id", "study_id", "state",
	    "datetime_start", "datetime_complete", "number", "value", NULL };
	static const char *const params[] = { "trial_id", "param_name", "param_value",
	    "distribution_json", NULL };
	static const char *const values[] = { "trial_id", "value", "objective", "step",
	    "value_type", NULL };
	static const char *const ivs[] = { "trial_id", "step", "intermediate_value",
	    "intermediate_value_type", NULL };
	static const char *const sattrs[] = { "study_id", "key", "value_json", NULL };
	static const char *const tattrs[] = { "trial_id", "key", "value_json", NULL };
	static const char *const attr_tables[] = { "study_user_attributes",
	    "study_system_attributes", "trial_user_attributes", "trial_system_attributes" };
	struct schema *sc = &r->sc;
	long m;

	if ((m = need_table(r, "studies", studies, 0x3, 0)) < 0)
		return -1;
	sc->studies_direction = (m & 0x4) != 0;
	if ((m = need_table(r, "study_directions", dirs, 0x7, 1)) < 0)
		return -1;
	sc->study_directions = m != 0;
	if (!sc->study_directions && !sc->studies_direction)
		return hp_err_set(r->err, "%s: no table study_directions and no column "
		    "studies.direction", r->path);
	if ((m = need_table(r, "trials", trials, 0x1f, 0)) < 0)
		return -1;
	sc->trials_number = (m & 0x20) != 0;
	sc->trials_value = (m & 0x40) != 0;
	if (need_table(r, "trial_params", params, 0xf, 0) < 0)
		return -1;
	if ((m = need_table(r, "trial_values", values, 0x3, 0)) < 0)
		return -1;
	sc->values_objective = (m & 0x4) != 0;
	sc->values_type = (m & 0x10) != 0;
	if (!sc->values_objective && !(m & 0x8))
		return hp_err_set(r->err, "%s: table trial_values has neither column "
		    "objective nor step", r->path);
	if (!sc->values_objective && !sc->trials_value)
		return hp_err_set(r->err, "%s: table trials has no column value", r->path);
	if ((m = need_table(r, "trial_intermediate_values", ivs, 0x7, 1)) < 0)
		return -1;
	sc->iv_table = m != 0;
	sc->iv_type = (m & 0x8) != 0;
	for (size_t i = 0; i < 4; i++)
		if (need_table(r, attr_tables[i], i < 2 ? sattrs : tattrs, 0x7, 0) < 0)
			return -1;
	return 0;
}

/* Before the *_value_type columns, Optuna clipped +-inf to +-float32 max;
 * it compared with numpy.isclose, hence the relative tolerance. */
static double
legacy_value(double v)
{
	if (fabs(v - FLT_MAX) <= 1e-5 * FLT_MAX)
		return INFINITY;
	if (fabs(v + FLT_MAX) <= 1e-5 * FLT_MAX)
		return -INFINITY;
	return v;
}

/* An integer column (a trial_id, an objective...); -1 for NULL or text. */
static int64_t
column_id(struct hp_sql *c, int col)
{
	int64_t v;

	return hp_sql_int64(c, col, &v) < 0 ? -1 : v;
}

/* Text of a column, "" for NULL. */
static const char *
column_text(struct hp_sql *c, int col)
{
	const char *t = hp_sql_text(c, col);

	return t ? t : "";
}

/* The value of a *_value_type column with its value, or -1. */
static int
typed_value(const char *type, double v, int allow_nan, double *out)
{
	if (strcmp(type, "FINITE") == 0)
		*out = v;
	else if (strcmp(type, "INF_POS") == 0)
		*out = INFINITY;
	else if (strcmp(type, "INF_NEG") == 0)
		*out = -INFINITY;
	else if (allow_nan && strcmp(type, "NAN") == 0)
		*out = NAN;
	else
		return -1;
	return 0;
}

static int
parse_direction(const char *s, enum hp_direction *out)
{
	if (strcmp(s, "MINIMIZE") == 0)
		*out = HP_DIR_MINIMIZE;
	else if (strcmp(s, "MAXIMIZE") == 0)
		*out = HP_DIR_MAXIMIZE;
	else if (strcmp(s, "NOT_SET") == 0)
		*out = HP_DIR_NOT_SET;
	else
		return -1;
	return 0;
}

/* Starts `sql`, a query over `table`; -1 with the message. */
static int
run(struct rdb *r, const char *table, const char *sql)
{
	return hp_sql_query(r->db, sql) < 0 ? db_error(r, table) : 0;
}

/*
 * SQL reading `cols` of the trial table `table` (alias x) for the trials
 * of study `sid`, in trial_id then `order` order.  A database with one
 * study (the usual case) is read without the filter: SQLite in storage
 * order, which spares it an index walk per trial (trial_at() copes with
 * any order); a server in the order of the table's unique index on
 * (trial_id, ...), which it streams without sorting.
 */
static void
trial_sql(const struct rdb *r, char *buf, size_t n, const char *cols,
    const char *table, const char *order, int64_t sid)
{
	if (r->one_study && r->db->dialect == HP_SQL_SQLITE)
		snprintf(buf, n, "SELECT %s FROM %s x", cols, table);
	else if (r->one_study)
		snprintf(buf, n, "SELECT %s FROM %s x ORDER BY x.trial_id, %s", cols,
		    table, order);
	else
		snprintf(buf, n, "SELECT %s FROM %s x WHERE x.trial_id IN (SELECT trial_id "
		    "FROM trials WHERE study_id = %lld) ORDER BY x.trial_id, %s", cols,
		    table, (long long)sid, order);
}

/* Index of trial `id` in tr->id, moving the cursor forward; rows come in
 * trial_id order.  Returns -1 for a trial of another study. */
static long
trial_at(struct trials *tr, int64_t id)
{
	size_t lo, hi;

	if (tr->cur < tr->n && tr->id[tr->cur] == id)
		return (long)tr->cur;
	while (tr->cur < tr->n && tr->id[tr->cur] < id)
		tr->cur++;
	if (tr->cur < tr->n && tr->id[tr->cur] == id)
		return (long)tr->cur;
	/* out of order (should not happen with ORDER BY): search */
	lo = 0;
	hi = tr->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (tr->id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < tr->n && tr->id[lo] == id ? (long)lo : -1;
}

/* --- reading one study ------------------------------------------------- */

static int
read_directions(struct rdb *r, struct hp_study *st, int64_t sid,
    const char *legacy_dir)
{
	enum hp_direction dir[MAX_OBJECTIVES];
	char sql[160];
	size_t n = 0;
	int rc;

	if (!r->sc.study_directions) {
		if (parse_direction(legacy_dir, &dir[0]) < 0)
			return hp_err_set(r->err, "%s: table studies, study \"%s\": unknown "
			    "direction \"%.32s\"", r->path, st->name, legacy_dir);
		hp_study_set_directions(st, 1, dir);
		return 0;
	}
	snprintf(sql, sizeof(sql), "SELECT objective, direction FROM study_directions "
	    "WHERE study_id = %lld ORDER BY objective", (long long)sid);
	if (run(r, "study_directions", sql) < 0)
		return -1;
	while ((rc = hp_sql_step(r->db)) > 0) {
		int64_t k = column_id(r->db, 0);
		const char *d = column_text(r->db, 1);

		if (k < 0 || k >= MAX_OBJECTIVES) {
			hp_sql_end(r->db);
			return hp_err_set(r->err, "%s: table study_directions, study \"%s\": "
			    "objective %lld out of range", r->path, st->name, (long long)k);
		}
		while (n <= (size_t)k)
			dir[n++] = HP_DIR_NOT_SET;
		if (parse_direction(d, &dir[k]) < 0) {
			/* the message first: finalize frees the column text */
			hp_err_set(r->err, "%s: table study_directions, study \"%s\": "
			    "unknown direction \"%.32s\"", r->path, st->name, d);
			hp_sql_end(r->db);
			return -1;
		}
	}
	hp_sql_end(r->db);
	if (rc < 0)
		return db_error(r, "study_directions");
	if (n > 0)
		hp_study_set_directions(st, n, dir);
	return 0;
}

static int
read_trials(struct rdb *r, struct hp_study *st, int64_t sid, struct trials *tr)
{
	char sql[256];
	size_t cap = 0;
	int rc;

	snprintf(sql, sizeof(sql), "SELECT trial_id, state, datetime_start, "
	    "datetime_complete, %s, %s FROM trials WHERE study_id = %lld ORDER BY trial_id",
	    r->sc.trials_number ? "number" : "NULL",
	    r->sc.trials_value ? "value" : "NULL", (long long)sid);
	if (run(r, "trials", sql) < 0)
		return -1;
	while ((rc = hp_sql_step(r->db)) > 0) {
		int64_t id = column_id(r->db, 0);
		const char *state = column_text(r->db, 1);
		enum hp_state stt;
		double t0, t1, v;
		int number = 0, known = 0;
		size_t t;

		if (!hp_sql_isnull(r->db, 4)) {
			int64_t nb = -1;

			if (hp_sql_int64(r->db, 4, &nb) < 0 || nb < 0 || nb > INT32_MAX) {
				hp_err_set(r->err, "%s: table trials, trial_id %lld: number %lld "
				    "out of range", r->path, (long long)id, (long long)nb);
				goto fail;
			}
			number = (int)nb;
			known = 1;
		}
		if (hp_state_parse(state, &stt) < 0) {
			hp_err_set(r->err, "%s: table trials, trial_id %lld: unknown state "
			    "\"%.32s\"", r->path, (long long)id, state);
			goto fail;
		}
		if (hp_parse_datetime(hp_sql_text(r->db, 2), &t0) < 0 ||
		    hp_parse_datetime(hp_sql_text(r->db, 3), &t1) < 0) {
			hp_err_set(r->err, "%s: table trials, trial_id %lld: malformed "
			    "datetime", r->path, (long long)id);
			goto fail;
		}
		if (hp_sql_real(r->db, 5, &v) < 0) {
			hp_err_set(r->err, "%s: table trials, trial_id %lld: value is not a "
			    "number", r->path, (long long)id);
			goto fail;
		}
		t = hp_study_add_trial(st, number, stt);
		hp_study_set_times(st, t, t0, t1);
		if (r->sc.trials_value && !isnan(v))
			hp_study_set_value(st, t, 0, legacy_value(v));
		if (tr->n == cap) {
			cap = cap ? cap * 2 : 256;
			tr->id = hp_reallocarray(tr->id, cap, sizeof(*tr->id));
			tr->idx = hp_reallocarray(tr->idx, cap, sizeof(*tr->idx));
			tr->has_number = hp_reallocarray(tr->has_number, cap,
			    sizeof(*tr->has_number));
		}
		if (tr->n > 0 && id <= tr->id[tr->n - 1]) {
			hp_err_set(r->err, "%s: table trials: trial_id %lld out of order",
			    r->path, (long long)id);
			goto fail;
		}
		tr->id[tr->n] = id;
		tr->idx[tr->n] = t;
		tr->has_number[tr->n] = known;
		tr->n++;
	}
	hp_sql_end(r->db);
	if (rc < 0)
		return db_error(r, "trials");
	return 0;
fail:
	hp_sql_end(r->db);
	return -1;
}

/*
 * Trial attributes of one table.  Before v1.3 the trial number is the
 * system attribute "_number", so system attributes are read before
 * anything that names trials in its messages.
 */
static int
read_trial_attrs(struct rdb *r, struct hp_study *st, int64_t sid,
    struct trials *tr, int system)
{
	const char *table = system ? "trial_system_attributes" : "trial_user_attributes";
	char sql[384];
	int rc;

	trial_sql(r, sql, sizeof(sql), "x.trial_id, x.\"key\", x.value_json", table,
	    "x.\"key\"", sid);
	if (run(r, table, sql) < 0)
		return -1;
	tr->cur = 0;
	while ((rc = hp_sql_step(r->db)) > 0) {
		long i = trial_at(tr, column_id(r->db, 0));
		const char *key = column_text(r->db, 1);
		const char *json = hp_sql_text(r->db, 2);
		size_t t;

		if (i < 0)
			continue;
		t = tr->idx[i];
		if (json == NULL)
			json = "null";
		if (system && !tr->has_number[i] && strcmp(key, "_number") == 0) {
			double v;

			if (hp_parse_double(json, &v) < 0 || v != floor(v) || v < 0 ||
			    v > INT32_MAX) {
				/* the message first: finalize frees the column text */
				hp_err_set(r->err, "%s: table %s, trial_id %lld: _number "
				    "%.32s is not a trial number", r->path, table,
				    (long long)tr->id[i], json);
				hp_sql_end(r->db);
				return -1;
			}
			st->number[t] = (int)v;
			tr->has_number[i] = 1;
		}
		hp_study_add_attr(st, t, system, key, json);
	}
	hp_sql_end(r->db);
	if (rc < 0)
		return db_error(r, table);
	return 0;
}

/* Trials without a stored number are numbered by their rank in trial_id
 * order, as Optuna itself numbered them before v1.3. */
static void
fill_numbers(struct hp_study *st, const struct trials *tr)
{
	for (size_t i = 0; i < tr->n; i++)
		if (!tr->has_number[i])
			st->number[tr->idx[i]] = (int)i;
}

static int
read_study_attrs(struct rdb *r, struct hp_study *st, int64_t sid, int system)
{
	const char *table = system ? "study_system_attributes" : "study_user_attributes";
	char sql[192];
	int rc;

	snprintf(sql, sizeof(sql), "SELECT \"key\", value_json FROM %s WHERE study_id = %lld "
	    "ORDER BY \"key\"", table, (long long)sid);
	if (run(r, table, sql) < 0)
		return -1;
	while ((rc = hp_sql_step(r->db)) > 0) {
		const char *key = column_text(r->db, 0);
		const char *json = hp_sql_text(r->db, 1);

		if (json == NULL)
			json = "null";
		hp_study_add_attr(st, HP_NO_TRIAL, system, key, json);
	}
	hp_sql_end(r->db);
	if (rc < 0)
		return db_error(r, table);
	return 0;
}

static struct dist_cache *
cache_find(struct dist_cache **cache, size_t *n, const struct dist_cache *last,
    const char *name)
{
	struct dist_cache *c;
	size_t next = last ? (size_t)(last - *cache) + 1 : 0;

	/* params come in the same order in every trial: try the next one first */
	if (next < *n && strcmp((*cache)[next].name, name) == 0)
		return &(*cache)[next];
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*cache)[i].name, name) == 0)
			return &(*cache)[i];
	*cache = hp_reallocarray(*cache, *n + 1, sizeof(**cache));
	c = &(*cache)[(*n)++];
	memset(c, 0, sizeof(*c));
	c->name = hp_strdup(name);
	return c;
}

static void
cache_free(struct dist_cache *cache, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(cache[i].name);
		free(cache[i].json);
		hp_dist_release(&cache[i].dist);
	}
	free(cache);
}

static int
read_params(struct rdb *r, struct hp_study *st, int64_t sid, struct trials *tr)
{
	char sql[384];
	struct dist_cache *cache = NULL, *c = NULL;
	size_t ncache = 0;
	int rc, ret = -1;

	trial_sql(r, sql, sizeof(sql), "x.trial_id, x.param_name, x.param_value, "
	    "x.distribution_json", "trial_params", "x.param_name", sid);
	if (run(r, "trial_params", sql) < 0)
		return -1;
	tr->cur = 0;
	while ((rc = hp_sql_step(r->db)) > 0) {
		long i = trial_at(tr, column_id(r->db, 0));
		const char *name = column_text(r->db, 1);
		const char *json = column_text(r->db, 3);
		struct hp_err derr;
		double v;
		size_t t;

		if (i < 0)
			continue;
		t = tr->idx[i];
		if (hp_sql_real(r->db, 2, &v) < 0 || isnan(v)) {
			hp_err_set(r->err, "%s: table trial_params, trial %d: param \"%.100s\" "
			    "has no numeric value", r->path, st->number[t], name);
			goto out;
		}
		if (c == NULL || strcmp(c->name, name) != 0)
			c = cache_find(&cache, &ncache, c, name);
		if (c->json == NULL || strcmp(c->json, json) != 0) {
			free(c->json);
			c->json = NULL;
			hp_dist_release(&c->dist);
			if (hp_dist_from_json(json, &c->dist, &derr) < 0) {
				hp_err_set(r->err, "%s: table trial_params, trial %d: param "
				    "\"%.100s\": %s", r->path, st->number[t], name, derr.msg);
				goto out;
			}
			c->json = hp_strdup(json);
		}
		if (hp_study_set_param(st, t, name, &c->dist, v, &derr) < 0) {
			hp_err_set(r->err, "%s: table trial_params, trial %d: %s", r->path,
			    st->number[t], derr.msg);
			goto out;
		}
	}
	if (rc < 0) {
		db_error(r, "trial_params");
		goto out;
	}
	ret = 0;
out:
	hp_sql_end(r->db);
	cache_free(cache, ncache);
	return ret;
}

/* Objective values from trial_values (>= v2.4). */
static int
read_values(struct rdb *r, struct hp_study *st, int64_t sid, struct trials *tr)
{
	char sql[384];
	int rc;

	trial_sql(r, sql, sizeof(sql), r->sc.values_type ?
	    "x.trial_id, x.objective, x.value, x.value_type" :
	    "x.trial_id, x.objective, x.value, NULL", "trial_values", "x.objective", sid);
	if (run(r, "trial_values", sql) < 0)
		return -1;
	tr->cur = 0;
	while ((rc = hp_sql_step(r->db)) > 0) {
		long i = trial_at(tr, column_id(r->db, 0));
		int64_t k = column_id(r->db, 1);
		double v;
		size_t t;

		if (i < 0)
			continue;
		t = tr->idx[i];
		if (k < 0 || k >= MAX_OBJECTIVES) {
			hp_err_set(r->err, "%s: table trial_values, trial %d: objective %lld "
			    "out of range", r->path, st->number[t], (long long)k);
			goto fail;
		}
		if (hp_sql_real(r->db, 2, &v) < 0) {
			hp_err_set(r->err, "%s: table trial_values, trial %d: value is not a "
			    "number", r->path, st->number[t]);
			goto fail;
		}
		if (!r->sc.values_type)
			v = legacy_value(v);
		else if (typed_value(column_text(r->db, 3), v, 0, &v) < 0) {
			hp_err_set(r->err, "%s: table trial_values, trial %d: unknown "
			    "value_type \"%.32s\"", r->path, st->number[t], column_text(r->db, 3));
			goto fail;
		}
		hp_study_set_value(st, t, (size_t)k, v);
	}
	hp_sql_end(r->db);
	if (rc < 0)
		return db_error(r, "trial_values");
	return 0;
fail:
	hp_sql_end(r->db);
	return -1;
}

/* Intermediate values: trial_intermediate_values (>= v2.4), or the
 * (trial_id, step, value) rows of trial_values before it. */
static int
read_intermediate(struct rdb *r, struct hp_study *st, int64_t sid,
    struct trials *tr)
{
	const char *table = r->sc.iv_table ? "trial_intermediate_values" : "trial_values";
	int typed = r->sc.iv_table && r->sc.iv_type;
	char sql[384];
	int rc;

	if (r->sc.values_objective && !r->sc.iv_table)
		return 0;
	trial_sql(r, sql, sizeof(sql), !r->sc.iv_table ? "x.trial_id, x.step, x.value, NULL" :
	    typed ? "x.trial_id, x.step, x.intermediate_value, x.intermediate_value_type" :
	    "x.trial_id, x.step, x.intermediate_value, NULL", table, "x.step", sid);
	if (run(r, table, sql) < 0)
		return -1;
	tr->cur = 0;
	while ((rc = hp_sql_step(r->db)) > 0) {
		long i = trial_at(tr, column_id(r->db, 0));
		double step, v;
		size_t t;

		if (i < 0)
			continue;
		t = tr->idx[i];
		if (hp_sql_real(r->db, 1, &step) < 0 || !isfinite(step) ||
		    hp_sql_real(r->db, 2, &v) < 0) {
			hp_err_set(r->err, "%s: table %s, trial %d: step or value is not a "
			    "number", r->path, table, st->number[t]);
			goto fail;
		}
		if (!typed)
			v = legacy_value(v);	/* NULL was NaN: already NaN */
		else if (typed_value(column_text(r->db, 3), v, 1, &v) < 0) {
			hp_err_set(r->err, "%s: table %s, trial %d: unknown "
			    "intermediate_value_type \"%.32s\"", r->path, table,
			    st->number[t], column_text(r->db, 3));
			goto fail;
		}
		hp_study_add_intermediate(st, t, step, v);
	}
	hp_sql_end(r->db);
	if (rc < 0)
		return db_error(r, table);
	return 0;
fail:
	hp_sql_end(r->db);
	return -1;
}

static int
load_study(struct rdb *r, int64_t sid, const char *name, const char *legacy_dir,
    const struct hp_load_opts *opts, struct hp_studyset *out)
{
	struct hp_study *st = hp_study_new(name);
	struct trials tr = { 0 };
	struct hp_err ferr;
	int rc = -1;

	if (read_directions(r, st, sid, legacy_dir) < 0 ||
	    read_trials(r, st, sid, &tr) < 0 ||
	    read_trial_attrs(r, st, sid, &tr, 1) < 0)
		goto out;
	fill_numbers(st, &tr);
	if (read_trial_attrs(r, st, sid, &tr, 0) < 0 ||
	    read_study_attrs(r, st, sid, 0) < 0 ||
	    read_study_attrs(r, st, sid, 1) < 0 ||
	    read_params(r, st, sid, &tr) < 0 ||
	    (r->sc.values_objective && read_values(r, st, sid, &tr) < 0) ||
	    read_intermediate(r, st, sid, &tr) < 0)
		goto out;
	if (hp_load_constraints(st, r->path, r->err) < 0)
		goto out;
	hp_load_metric_names(st);
	if (hp_study_finish(st, &ferr) < 0) {
		hp_err_set(r->err, "%s: %sstudy \"%s\": %s", r->path,
		    strncmp(ferr.msg, "duplicate trial", 15) == 0 ? "table trials, " : "",
		    name, ferr.msg);
		goto out;
	}
	hp_load_keep(out, st, opts);
	st = NULL;
	rc = 0;
out:
	hp_study_free(st);
	free(tr.id);
	free(tr.idx);
	free(tr.has_number);
	return rc;
}

/* --- the format -------------------------------------------------------- */

int
hp_probe_optuna_sqlite(const char *path, const char *head, size_t len)
{
	sqlite3 *db;
	int ok;

	if (!hp_sqlite_magic(head, len))
		return 0;
	if ((db = hp_sqlite_open_ro(path, path, NULL)) == NULL)
		return 0;
	ok = hp_sqlite_has_table(db, "studies") == 1 && hp_sqlite_has_table(db, "trials") == 1;
	sqlite3_close(db);
	return ok;
}

struct study_row {
	int64_t	 id;
	char		*name;
	char		*dir;		/* studies.direction before v2.4, else NULL */
};

/* The studies to load (all, or the one opts->study names; compared here
 * rather than in SQL, where MySQL would compare case-insensitively). */
static int
list_studies(struct rdb *r, const struct hp_load_opts *opts, struct study_row **rows,
    size_t *n)
{
	char sql[192];
	size_t total = 0;
	int rc;

	snprintf(sql, sizeof(sql), "SELECT study_id, study_name, %s FROM studies "
	    "ORDER BY study_id", r->sc.studies_direction ? "direction" : "NULL");
	if (run(r, "studies", sql) < 0)
		return -1;
	while ((rc = hp_sql_step(r->db)) > 0) {
		const char *name = column_text(r->db, 1);

		total++;
		if (opts && opts->study && strcmp(name, opts->study) != 0)
			continue;
		*rows = hp_reallocarray(*rows, *n + 1, sizeof(**rows));
		(*rows)[*n].id = column_id(r->db, 0);
		(*rows)[*n].name = hp_strdup(name);
		(*rows)[*n].dir = hp_strdup(column_text(r->db, 2));
		(*n)++;
	}
	hp_sql_end(r->db);
	if (rc < 0)
		return db_error(r, "studies");
	r->one_study = total == 1;
	return 0;
}

/*
 * Reads every study of the open database r->db inside one read-only
 * transaction, appending them to `out`.  On failure `out` is as before.
 */
static int
read_db(struct rdb *r, const struct hp_load_opts *opts, struct hp_studyset *out)
{
	struct study_row *rows = NULL;
	size_t nrows = 0, before = out->n;
	int rc = -1;

	if (hp_sql_exec(r->db, r->db->begin_sql) < 0) {
		db_error(r, NULL);
		goto out;
	}
	if (read_schema(r) < 0 || list_studies(r, opts, &rows, &nrows) < 0)
		goto rollback;
	for (size_t i = 0; i < nrows; i++)
		if (load_study(r, rows[i].id, rows[i].name, rows[i].dir, opts, out) < 0)
			goto rollback;
	/* nothing was written: ending the snapshot cannot fail in a way
	 * that matters, but a server that died now still says so */
	if (hp_sql_exec(r->db, "COMMIT") < 0) {
		db_error(r, NULL);
		goto rollback;
	}
	rc = 0;
	goto out;
rollback:
	hp_sql_exec(r->db, "ROLLBACK");
	while (out->n > before)
		hp_study_free(out->v[--out->n]);
out:
	for (size_t i = 0; i < nrows; i++) {
		free(rows[i].name);
		free(rows[i].dir);
	}
	free(rows);
	return rc;
}

int
hp_load_optuna_sqlite(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err)
{
	struct rdb r = { .path = path, .err = err };
	char head[16];
	FILE *fp;
	int rc;

	/* SQLite would call any file "not a database" or "malformed"; say
	 * what the file is not, and fail before SQLite sees a non-database. */
	if ((fp = fopen(path, "rb")) == NULL)
		return hp_err_set(err, "%s: %s", path, strerror(errno));
	if (fread(head, 1, sizeof(head), fp) != sizeof(head) ||
	    !hp_sqlite_magic(head, sizeof(head))) {
		fclose(fp);
		return hp_err_set(err, "%s: not an SQLite database", path);
	}
	fclose(fp);
	if ((r.db = hp_sql_sqlite_open(path, path, err)) == NULL)
		return -1;	/* locked, or WAL in a read-only place: err says */
	rc = read_db(&r, opts, out);
	hp_sql_close(r.db);
	return rc;
}

int
hp_load_optuna_url(const char *url, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err)
{
	struct hp_url u;
	char *name = hp_input_name(url);
	struct rdb r = { .path = name, .err = err };
	int timeout = opts && opts->connect_timeout > 0 ? opts->connect_timeout :
	    HP_CONNECT_TIMEOUT;
	int rc = -1;

	if (hp_url_parse(url, &u, err) < 0)
		goto out;
	if (u.kind == HP_URL_PG)
		r.db = hp_sql_pg_open(&u, name, timeout, err);
	else if (u.kind == HP_URL_MYSQL)
		r.db = hp_sql_mysql_open(&u, name, timeout, err);
	else
		hp_err_set(err, "%s: not a PostgreSQL or MySQL URL", name);
	hp_url_release(&u);
	if (r.db == NULL)
		goto out;
	rc = read_db(&r, opts, out);
	hp_sql_close(r.db);
out:
	free(name);
	return rc;
}

int
hp_probe_optuna_url(const char *path, const char *head, size_t len)
{
	(void)head;
	(void)len;
	return hp_url_kind_of(path) == HP_URL_PG || hp_url_kind_of(path) == HP_URL_MYSQL;
}
