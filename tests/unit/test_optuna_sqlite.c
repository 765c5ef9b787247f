/*
 * test_optuna_sqlite: the Optuna RDB reader on Optuna's own upgrade-test
 * databases (one test per schema revision, expected numbers read from the
 * fixtures with the sqlite3 shell), on the 3.1 fixture against
 * expected.json, on broken inputs, and while a writer process is adding
 * trials to the same file.
 */
#include "testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../../src/load/internal.h"

#define F32MAX "3.4028234663852886e38"	/* float32 max as Optuna wrote it */

/* --- helpers ----------------------------------------------------------- */

static void
load_ok(const char *path, const char *study, struct hp_studyset *set)
{
	struct hp_load_opts o;
	struct hp_err err = { "" };

	hp_load_opts_defaults(&o);
	o.study = study;
	if (hp_load_optuna_sqlite(path, &o, set, &err) != 0) {
		print_error("load %s: %s\n", path, err.msg);
		fail();
	}
}

/* Loads and expects failure; returns the message (static). */
static const char *
load_fail(const char *path)
{
	static struct hp_err err;
	struct hp_load_opts o;
	struct hp_studyset set = { 0 };

	hp_load_opts_defaults(&o);
	memset(&err, 0, sizeof(err));
	assert_int_equal(hp_load_optuna_sqlite(path, &o, &set, &err), -1);
	assert_int_equal(set.n, 0);
	assert_non_null(strstr(err.msg, path));
	assert_null(strchr(err.msg, '\n'));
	return err.msg;
}

static struct hp_study *
study_named(const struct hp_studyset *set, const char *name)
{
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->v[i]->name, name) == 0)
			return set->v[i];
	print_error("no study %s\n", name);
	fail();
	return NULL;
}

static size_t
trial_numbered(const struct hp_study *st, int number)
{
	for (size_t t = 0; t < st->ntrials; t++)
		if (st->number[t] == number)
			return t;
	print_error("no trial %d in %s\n", number, st->name);
	fail();
	return 0;
}

/* External text of param `name` of trial t ("" when absent). */
static const char *
param_text(const struct hp_study *st, size_t t, const char *name)
{
	static char buf[64];
	int i = hp_study_param_index(st, name);

	if (i < 0)
		return "(no such param)";
	return hp_param_format(&st->params[i], st->params[i].v[t], buf, sizeof(buf));
}

/* A float param: its text reads back as `want` (shell prints 15 digits). */
static void
assert_param_float(const struct hp_study *st, size_t t, const char *name, double want)
{
	double v;

	assert_int_equal(hp_parse_double(param_text(st, t, name), &v), 0);
	assert_near(v, want, fabs(want) * 1e-13);
}

static void
assert_attr(const struct hp_study *st, size_t t, int system, const char *key,
    const char *json)
{
	const struct hp_attr *a = hp_study_attr(st, t, system, key);

	if (a == NULL) {
		print_error("%s: no %s attribute %s\n", st->name, system ? "system" : "user", key);
		fail();
	}
	assert_string_equal(a->json, json);
}

static char *
temp_dir(void)
{
	const char *base = getenv("HP_TMP");
	char *d = malloc(4096);

	snprintf(d, 4096, "%s/optuna_sqlite.XXXXXX", base ? base : "/tmp");
	assert_non_null(mkdtemp(d));
	return d;
}

static void
remove_dir(char *d)
{
	char cmd[4200];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", d);
	assert_int_equal(system(cmd), 0);
	free(d);
}

/* Copies src to dir/name (writable) and returns the path (static). */
static const char *
copy_to(const char *src, const char *dir, const char *name)
{
	static char dst[4200];
	char buf[65536];
	size_t n;
	FILE *in = fopen(src, "rb"), *out;

	snprintf(dst, sizeof(dst), "%s/%s", dir, name);
	assert_non_null(in);
	out = fopen(dst, "wb");
	assert_non_null(out);
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	fclose(in);
	assert_int_equal(fclose(out), 0);
	return dst;
}

static void
sql_exec(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	char *msg = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		print_error("%s: %s\n", sql, msg);
		fail();
	}
	sqlite3_close(db);
}

static void
state_counts(const struct hp_study *st, size_t complete, size_t pruned, size_t fail,
    size_t running, size_t waiting)
{
	assert_int_equal(hp_study_count_state(st, HP_STATE_COMPLETE), complete);
	assert_int_equal(hp_study_count_state(st, HP_STATE_PRUNED), pruned);
	assert_int_equal(hp_study_count_state(st, HP_STATE_FAIL), fail);
	assert_int_equal(hp_study_count_state(st, HP_STATE_RUNNING), running);
	assert_int_equal(hp_study_count_state(st, HP_STATE_WAITING), waiting);
}

/* --- the legacy fixtures, one test per schema revision ------------------ */

/* What the sqlite3 shell shows in one fixture (see each test). */
struct legacy {
	const char *file;
	int	 multi;		/* has the studies multi_empty, multi, schema migration (>= v2.4) */
	int	 number_attr;	/* trial number in system attribute _number (< v1.3) */
	int	 study_sysattr;	/* study system attribute c = 2 present */
	int	 late_attrs;	/* user attr b and iv on "schema migration" (< v3.0.0.b) */
	/* study "single", its one trial */
	double	 s_start, s_end, s_value, s_x;
	const char *s_y, *s_z;
	/* study "multi" */
	double	 m_v0, m_v1, m_x;
	const char *m_y, *m_z;
	/* study "schema migration" */
	double	 g_value, g_x1, g_x2;
	const char *g_x3, *g_y1, *g_y2, *g_y3, *g_z;
	/* how +-inf is written into a copy: SQL run on it, see check_inf() */
	const char *inf_sql;
	int	 typed_values;	/* trial_values.value_type (>= v3.0.0.d) */
	int	 typed_iv;	/* intermediate_value_type (>= v3.0.0.c) */
};

/* Legacy SQL that turns values into Optuna's float32-max infinities. */
#define INF_PRE24 "UPDATE trials SET value = " F32MAX " WHERE trial_id = 1;" \
	"UPDATE trial_values SET value = -3.4028235e38 WHERE trial_id = 1 AND step = 0;" \
	"INSERT INTO trial_values(trial_id, step, value) VALUES (1, 1, NULL);" \
	"INSERT INTO trial_values(trial_id, step, value) VALUES (1, 2, 1e38);"
#define INF_VALUES_LEGACY "UPDATE trial_values SET value = 3.4028235e38 WHERE trial_id = 2 AND objective = 0;" \
	"UPDATE trial_values SET value = -" F32MAX " WHERE trial_id = 2 AND objective = 1;" \
	"UPDATE trial_values SET value = 1e38 WHERE trial_id = 1;"
#define INF_VALUES_TYPED "UPDATE trial_values SET value = NULL, value_type = 'INF_POS' WHERE trial_id = 2 AND objective = 0;" \
	"UPDATE trial_values SET value = NULL, value_type = 'INF_NEG' WHERE trial_id = 2 AND objective = 1;" \
	"UPDATE trial_values SET value = 1e38 WHERE trial_id = 1;"
#define IV_LEGACY "UPDATE trial_intermediate_values SET intermediate_value = -" F32MAX " WHERE trial_id = 1;" \
	"INSERT INTO trial_intermediate_values(trial_id, step, intermediate_value) VALUES (1, 1, 3.4028235e38);" \
	"INSERT INTO trial_intermediate_values(trial_id, step, intermediate_value) VALUES (1, 2, 1e38);"
#define IV_TYPED "UPDATE trial_intermediate_values SET intermediate_value = NULL, intermediate_value_type = 'INF_NEG' WHERE trial_id = 1;" \
	"INSERT INTO trial_intermediate_values(trial_id, step, intermediate_value, intermediate_value_type) VALUES (1, 1, NULL, 'INF_POS');" \
	"INSERT INTO trial_intermediate_values(trial_id, step, intermediate_value, intermediate_value_type) VALUES (1, 2, 1e38, 'FINITE');" \
	"INSERT INTO trial_intermediate_values(trial_id, step, intermediate_value, intermediate_value_type) VALUES (1, 3, NULL, 'NAN');"

/* Loads a copy with infinities written the way its revision wrote them. */
static void
check_inf(const struct legacy *e)
{
	const char *src = shared_fixture(e->file);
	char *dir = temp_dir();
	const char *path = copy_to(src, dir, "inf.db");
	struct hp_studyset set = { 0 };
	struct hp_study *st;
	size_t t;

	sql_exec(path, e->inf_sql);
	load_ok(path, NULL, &set);
	st = study_named(&set, "single");
	t = trial_numbered(st, 0);
	if (!e->multi) {
		/* < v2.4: trials.value, intermediate values in trial_values */
		assert_true(isinf(hp_study_value(st, t, 0)) && hp_study_value(st, t, 0) > 0);
		assert_int_equal(st->iv_off[t + 1] - st->iv_off[t], 3);
		assert_true(isinf(st->iv_value[0]) && st->iv_value[0] < 0);
		assert_true(isnan(st->iv_value[1]));
		assert_near(st->iv_value[2], 1e38, 1e24);
	} else {
		struct hp_study *mu = study_named(&set, "multi");
		size_t u = trial_numbered(mu, 0);
		size_t base = st->iv_off[t];

		assert_near(hp_study_value(st, t, 0), 1e38, 1e24);	/* large stays finite */
		assert_true(isinf(hp_study_value(mu, u, 0)) && hp_study_value(mu, u, 0) > 0);
		assert_true(isinf(hp_study_value(mu, u, 1)) && hp_study_value(mu, u, 1) < 0);
		assert_int_equal(st->iv_off[t + 1] - base, e->typed_iv ? 4 : 3);
		assert_true(isinf(st->iv_value[base]) && st->iv_value[base] < 0);
		assert_true(isinf(st->iv_value[base + 1]) && st->iv_value[base + 1] > 0);
		assert_near(st->iv_value[base + 2], 1e38, 1e24);
		if (e->typed_iv)
			assert_true(isnan(st->iv_value[base + 3]));
		assert_int_equal(hp_study_count_nonfinite(mu, 0), 1);
	}
	hp_studyset_release(&set);
	remove_dir(dir);
}

static void
check_legacy(const struct legacy *e)
{
	struct hp_studyset set = { 0 };
	struct hp_study *st;
	size_t t;
	char buf[64];

	load_ok(shared_fixture(e->file), NULL, &set);
	assert_int_equal(set.n, e->multi ? 5 : 2);

	st = study_named(&set, "single_empty");
	assert_int_equal(st->ntrials, 0);
	assert_int_equal(st->nobj, 1);
	assert_int_equal(st->dir[0], HP_DIR_MINIMIZE);

	st = study_named(&set, "single");
	assert_int_equal(st->ntrials, 1);
	state_counts(st, 1, 0, 0, 0, 0);
	assert_int_equal(st->nobj, 1);
	assert_int_equal(st->dir[0], HP_DIR_MINIMIZE);
	t = trial_numbered(st, 0);
	assert_near(hp_study_value(st, t, 0), e->s_value, fabs(e->s_value) * 1e-13);
	assert_near(st->t_start[t], e->s_start, 1e-5);
	assert_near(st->t_end[t], e->s_end, 1e-5);
	assert_param_float(st, t, "x", e->s_x);
	assert_string_equal(param_text(st, t, "y"), e->s_y);
	assert_string_equal(param_text(st, t, "z"), e->s_z);
	assert_int_equal(st->params[hp_study_param_index(st, "z")].dist.kind,
	    HP_DIST_CATEGORICAL);
	assert_int_equal(st->params[hp_study_param_index(st, "y")].dist.kind, HP_DIST_INT);
	assert_int_equal(st->iv_off[t + 1] - st->iv_off[t], 1);
	assert_near(st->iv_step[st->iv_off[t]], 0, 0);
	assert_near(st->iv_value[st->iv_off[t]], 0.5, 0);
	assert_attr(st, t, 0, "b", "1");
	assert_attr(st, t, 1, "a", "0");
	if (e->number_attr)
		assert_attr(st, t, 1, "_number", "0");
	assert_attr(st, HP_NO_TRIAL, 0, "d", "3");
	if (e->study_sysattr)
		assert_attr(st, HP_NO_TRIAL, 1, "c", "2");
	else
		assert_null(hp_study_attr(st, HP_NO_TRIAL, 1, "c"));

	if (e->multi) {
		st = study_named(&set, "multi_empty");
		assert_int_equal(st->ntrials, 0);
		assert_int_equal(st->nobj, 2);

		st = study_named(&set, "multi");
		assert_int_equal(st->nobj, 2);
		assert_int_equal(st->dir[0], HP_DIR_MINIMIZE);
		assert_int_equal(st->dir[1], HP_DIR_MINIMIZE);
		state_counts(st, 1, 0, 0, 0, 0);
		t = trial_numbered(st, 0);
		assert_near(hp_study_value(st, t, 0), e->m_v0, fabs(e->m_v0) * 1e-13);
		assert_near(hp_study_value(st, t, 1), e->m_v1, fabs(e->m_v1) * 1e-13);
		assert_param_float(st, t, "x", e->m_x);
		assert_string_equal(param_text(st, t, "y"), e->m_y);
		assert_string_equal(param_text(st, t, "z"), e->m_z);
		assert_int_equal(st->iv_off[t + 1] - st->iv_off[t], 0);
		assert_attr(st, t, 1, "nsga2:generation", "0");

		st = study_named(&set, "schema migration");
		state_counts(st, 1, 0, 0, 0, 0);
		t = trial_numbered(st, 0);
		assert_near(hp_study_value(st, t, 0), e->g_value, fabs(e->g_value) * 1e-13);
		assert_param_float(st, t, "x1", e->g_x1);
		assert_param_float(st, t, "x2", e->g_x2);
		assert_string_equal(param_text(st, t, "x3"), e->g_x3);
		assert_string_equal(param_text(st, t, "y1"), e->g_y1);
		assert_string_equal(param_text(st, t, "y2"), e->g_y2);
		assert_string_equal(param_text(st, t, "y3"), e->g_y3);
		assert_string_equal(param_text(st, t, "z"), e->g_z);
		/* the legacy distributions, whatever their generation */
		{
			const struct hp_dist *x2 = &st->params[hp_study_param_index(st, "x2")].dist;
			const struct hp_dist *x3 = &st->params[hp_study_param_index(st, "x3")].dist;
			const struct hp_dist *y2 = &st->params[hp_study_param_index(st, "y2")].dist;
			const struct hp_dist *y3 = &st->params[hp_study_param_index(st, "y3")].dist;

			assert_int_equal(x2->kind, HP_DIST_FLOAT);
			assert_true(x2->log);
			assert_near(x2->low, 1e-5, 0);
			assert_near(x2->high, 1e-3, 0);
			assert_int_equal(x3->kind, HP_DIST_FLOAT);
			assert_near(x3->step, 2, 0);
			assert_false(x3->log);
			assert_int_equal(y2->kind, HP_DIST_INT);
			assert_true(y2->log);
			assert_near(y2->step, 1, 0);
			assert_int_equal(y3->kind, HP_DIST_INT);
			assert_near(y3->step, 3, 0);
			assert_near(y3->low, 5, 0);
			assert_near(y3->high, 14, 0);
		}
		assert_int_equal(st->iv_off[t + 1] - st->iv_off[t], e->late_attrs ? 1 : 0);
		if (e->late_attrs)
			assert_attr(st, t, 0, "b", "1");
		else
			assert_null(hp_study_attr(st, t, 0, "b"));
	}
	/* z's choices keep the distribution's order and types */
	st = study_named(&set, "single");
	{
		const struct hp_dist *z = &st->params[hp_study_param_index(st, "z")].dist;

		assert_int_equal(z->nchoices, 3);
		assert_string_equal(hp_choice_label(&z->choices[0], buf, sizeof(buf)), "-5");
		assert_string_equal(hp_choice_label(&z->choices[2], buf, sizeof(buf)), "5");
	}
	hp_studyset_release(&set);
	check_inf(e);
}

static void
legacy_0_9_0_a_should_read_value_direction_and_number_attr(void **state)
{
	/* no alembic_version; studies.direction, trials.value, trial_values as
	 * intermediate values, _number attribute */
	static const struct legacy e = {
		.file = "optuna-legacy/0.9.0.a.db", .number_attr = 1, .study_sysattr = 1,
		.s_start = 1630499015.949090, .s_end = 1630499016.010581,
		.s_value = 74.0576140145304, .s_x = 4.90485616654866, .s_y = "5", .s_z = "5",
		.inf_sql = INF_PRE24,
	};
	(void)state;
	check_legacy(&e);
}

static void
legacy_1_2_0_a_should_read_like_0_9(void **state)
{
	static const struct legacy e = {
		.file = "optuna-legacy/1.2.0.a.db", .number_attr = 1, .study_sysattr = 1,
		.s_start = 1630499033.742854, .s_end = 1630499033.835863,
		.s_value = 5.01035938754829, .s_x = -1.0051663481973, .s_y = "2", .s_z = "0",
		.inf_sql = INF_PRE24,
	};
	(void)state;
	check_legacy(&e);
}

static void
legacy_1_3_0_a_should_read_trials_number(void **state)
{
	static const struct legacy e = {
		.file = "optuna-legacy/1.3.0.a.db", .study_sysattr = 1,
		.s_start = 1630499043.461168, .s_end = 1630499043.548125,
		.s_value = 38.7489681638835, .s_x = -3.12233376881516, .s_y = "2", .s_z = "-5",
		.inf_sql = INF_PRE24,
	};
	(void)state;
	check_legacy(&e);
}

static void
legacy_2_4_0_a_should_read_directions_and_objective_values(void **state)
{
	static const struct legacy e = {
		.file = "optuna-legacy/2.4.0.a.db", .multi = 1, .study_sysattr = 1,
		.late_attrs = 1,
		.s_start = 1645026419.211391, .s_end = 1645026419.232018,
		.s_value = 126.760909382564, .s_x = -1.32699260833066, .s_y = "10", .s_z = "-5",
		.m_v0 = 2.50633283812124, .m_v1 = 112.281704295445, .m_x = 2.50633283812124,
		.m_y = "9", .m_z = "5",
		.g_value = 318.000305485874, .g_x1 = -0.0174771701400651,
		.g_x2 = 0.000185468053218667, .g_x3 = "0", .g_y1 = "9", .g_y2 = "4",
		.g_y3 = "14", .g_z = "-5",
		.inf_sql = INF_VALUES_LEGACY IV_LEGACY,
	};
	(void)state;
	check_legacy(&e);
}

static void
legacy_2_6_0_a_should_read_text_json_columns(void **state)
{
	static const struct legacy e = {
		.file = "optuna-legacy/2.6.0.a.db", .multi = 1, .study_sysattr = 1,
		.late_attrs = 1,
		.s_start = 1645026402.848130, .s_end = 1645026402.869193,
		.s_value = 81.2993792497202, .s_x = 2.70173633978598, .s_y = "7", .s_z = "-5",
		.m_v0 = 4.34017338391201, .m_v1 = 44.8371050024183, .m_x = 4.34017338391201,
		.m_y = "1", .m_z = "-5",
		.g_value = 335.373771509515, .g_x1 = 3.06166150743671,
		.g_x2 = 0.000568678876771892, .g_x3 = "4", .g_y1 = "8", .g_y2 = "10",
		.g_y3 = "11", .g_z = "-5",
		.inf_sql = INF_VALUES_LEGACY IV_LEGACY,
	};
	(void)state;
	check_legacy(&e);
}

static void
legacy_3_0_0_a_should_read_float_and_int_distributions(void **state)
{
	static const struct legacy e = {
		.file = "optuna-legacy/3.0.0.a.db", .multi = 1, .study_sysattr = 1,
		.late_attrs = 1,
		.s_start = 1645648255.591691, .s_end = 1645648255.620748,
		.s_value = 10.8814266066203, .s_x = -2.62324733996248, .s_y = "2", .s_z = "0",
		.m_v0 = 0.0248457093829995, .m_v1 = 64.0006173092747, .m_x = 0.0248457093829995,
		.m_y = "8", .m_z = "0",
		.g_value = 190.24828000807, .g_x1 = 4.71680824352343,
		.g_x2 = 4.35858403228803e-05, .g_x3 = "2", .g_y1 = "3", .g_y2 = "3",
		.g_y3 = "11", .g_z = "5",
		.inf_sql = INF_VALUES_LEGACY IV_LEGACY,
	};
	(void)state;
	check_legacy(&e);
}

static void
legacy_3_0_0_b_should_read(void **state)
{
	static const struct legacy e = {
		.file = "optuna-legacy/3.0.0.b.db", .multi = 1, .study_sysattr = 1,
		.s_start = 1651077856.685465, .s_end = 1651077856.705778,
		.s_value = 20.6882013693473, .s_x = 4.08511950490402, .s_y = "2", .s_z = "0",
		.m_v0 = -4.76993078781365, .m_v1 = 31.7522397205325, .m_x = -4.76993078781365,
		.m_y = "3", .m_z = "0",
		.g_value = 145.107413202485, .g_x1 = -0.327739296068867,
		.g_x2 = 0.000395344925725862, .g_x3 = "4", .g_y1 = "7", .g_y2 = "4",
		.g_y3 = "8", .g_z = "0",
		.inf_sql = INF_VALUES_LEGACY IV_LEGACY,
	};
	(void)state;
	check_legacy(&e);
}

static void
legacy_3_0_0_c_should_read_intermediate_value_type(void **state)
{
	static const struct legacy e = {
		.file = "optuna-legacy/3.0.0.c.db", .multi = 1, .study_sysattr = 1,
		.s_start = 1654021097.558286, .s_end = 1654021097.578216,
		.s_value = 78.3276680535669, .s_x = 2.08030479823676, .s_y = "7", .s_z = "5",
		.m_v0 = 1.79867565889435, .m_v1 = 109.235234125899, .m_x = 1.79867565889435,
		.m_y = "9", .m_z = "-5",
		.g_value = 511.05213521053, .g_x1 = 1.74703612039339,
		.g_x2 = 6.76050483015318e-05, .g_x3 = "-4", .g_y1 = "10", .g_y2 = "14",
		.g_y3 = "14", .g_z = "0",
		.inf_sql = INF_VALUES_LEGACY IV_TYPED, .typed_iv = 1,
	};
	(void)state;
	check_legacy(&e);
}

static void
legacy_3_0_0_d_should_read_value_type(void **state)
{
	static const struct legacy e = {
		.file = "optuna-legacy/3.0.0.d.db", .multi = 1, .study_sysattr = 1,
		.s_start = 1654204073.051635, .s_end = 1654204073.069650,
		.s_value = 64.7356444499584, .s_x = 1.93278153187534, .s_y = "6", .s_z = "5",
		.m_v0 = -2.19047630568891, .m_v1 = 40.7981864457845, .m_x = -2.19047630568891,
		.m_y = "6", .m_z = "0",
		.g_value = 447.812101299623, .g_x1 = -1.34614303553611,
		.g_x2 = 0.000476969844991052, .g_x3 = "2", .g_y1 = "5", .g_y2 = "14",
		.g_y3 = "14", .g_z = "-5",
		.inf_sql = INF_VALUES_TYPED IV_TYPED, .typed_values = 1, .typed_iv = 1,
	};
	(void)state;
	check_legacy(&e);
}

static void
legacy_3_2_0_a_should_read_current_schema(void **state)
{
	static const struct legacy e = {
		.file = "optuna-legacy/3.2.0.a.db", .multi = 1,
		.s_start = 1678713786.481467, .s_end = 1678713786.500233,
		.s_value = 47.0529461230886, .s_x = -2.4602735870404, .s_y = "4", .s_z = "5",
		.m_v0 = 4.54174198373061, .m_v1 = 21.6274202467813, .m_x = 4.54174198373061,
		.m_y = "1", .m_z = "0",
		.g_value = 330.29307552156, .g_x1 = -1.13713478519897,
		.g_x2 = 4.30143832407241e-05, .g_x3 = "-6", .g_y1 = "9", .g_y2 = "4",
		.g_y3 = "14", .g_z = "0",
		.inf_sql = INF_VALUES_TYPED IV_TYPED, .typed_values = 1, .typed_iv = 1,
	};
	(void)state;
	check_legacy(&e);
}

static void
legacy_schema_should_be_read_from_columns_not_alembic_version(void **state)
{
	/* a v3.2 database that claims to be v0.9 still loads as v3.2 */
	const char *src = shared_fixture("optuna-legacy/3.2.0.a.db");
	char *dir = temp_dir();
	const char *path = copy_to(src, dir, "x.db");
	struct hp_studyset set = { 0 };
	struct hp_study *st;

	(void)state;
	sql_exec(path, "UPDATE alembic_version SET version_num = 'v0.9.0.a';"
	    "UPDATE study_directions SET direction = 'MAXIMIZE' WHERE study_id = 4 AND objective = 1;"
	    "UPDATE study_directions SET direction = 'NOT_SET' WHERE study_id = 1;");
	load_ok(path, "multi", &set);
	assert_int_equal(set.n, 1);
	st = set.v[0];
	assert_int_equal(st->nobj, 2);
	assert_int_equal(st->dir[1], HP_DIR_MAXIMIZE);
	hp_studyset_release(&set);
	load_ok(path, "single_empty", &set);
	assert_int_equal(set.n, 1);
	assert_int_equal(set.v[0]->dir[0], HP_DIR_MINIMIZE);	/* NOT_SET: the model's default */
	hp_studyset_release(&set);
	remove_dir(dir);
}

static void
legacy_trial_without_number_should_be_numbered_by_trial_id(void **state)
{
	const char *src = shared_fixture("optuna-legacy/1.2.0.a.db");
	char *dir = temp_dir();
	const char *path = copy_to(src, dir, "x.db");
	struct hp_studyset set = { 0 };
	struct hp_study *st;

	(void)state;
	sql_exec(path, "INSERT INTO trials VALUES (2, 2, 'WAITING', NULL, NULL, NULL);"
	    "INSERT INTO trials VALUES (3, 2, 'RUNNING', NULL, '2021-09-01 12:30:00', NULL);"
	    "INSERT INTO trial_system_attributes VALUES (3, 3, '_number', '7');");
	load_ok(path, "single", &set);
	st = set.v[0];
	assert_int_equal(st->ntrials, 3);
	state_counts(st, 1, 0, 0, 1, 1);
	assert_int_equal(st->number[0], 0);
	assert_int_equal(st->number[1], 1);
	assert_int_equal(st->state[1], HP_STATE_WAITING);
	assert_int_equal(st->number[2], 7);
	assert_true(isnan(hp_study_value(st, 2, 0)));
	assert_true(isnan(st->t_end[2]));
	assert_near(st->t_start[2], 1630499400.0, 0);
	hp_studyset_release(&set);
	remove_dir(dir);
}

/* --- the 3.1 fixture --------------------------------------------------- */

static cJSON *
expected_json(void)
{
	char *text;
	size_t len;
	struct hp_err err;
	cJSON *j;

	assert_int_equal(hp_read_file(testdata("optuna-3.1/expected.json"), &text, &len,
	    &err), 0);
	j = hp_json_parse(text, len, "expected.json", &err);
	free(text);
	assert_non_null(j);
	return j;
}

static void
optuna31_should_match_expected_json(void **state)
{
	struct hp_studyset set = { 0 };
	cJSON *exp = expected_json(), *es;

	(void)state;
	load_ok(testdata("optuna-3.1/study.db"), NULL, &set);
	assert_int_equal(set.n, 3);
	cJSON_ArrayForEach(es, exp) {
		struct hp_study *st = study_named(&set, es->string);
		const cJSON *dirs = cJSON_GetObjectItem(es, "directions"), *j;
		const cJSON *states = cJSON_GetObjectItem(es, "states");
		const cJSON *bv = cJSON_GetObjectItem(es, "best_value");
		size_t k = 0, total = 0;

		assert_int_equal(st->nobj, (size_t)cJSON_GetArraySize(dirs));
		cJSON_ArrayForEach(j, dirs) {
			assert_string_equal(j->valuestring,
			    st->dir[k] == HP_DIR_MAXIMIZE ? "MAXIMIZE" : "MINIMIZE");
			k++;
		}
		for (int s = 0; s < HP_STATE__COUNT; s++) {
			const cJSON *c = cJSON_GetObjectItem(states, hp_state_name(s));
			size_t want = c ? (size_t)c->valuedouble : 0;

			assert_int_equal(hp_study_count_state(st, s), want);
			total += want;
		}
		assert_int_equal(st->ntrials, total);
		if (bv) {
			long b = hp_study_best(st, 0);

			assert_true(b >= 0);
			assert_near(hp_study_value(st, (size_t)b, 0), bv->valuedouble, 1e-15);
			assert_int_equal(st->number[b],
			    (int)cJSON_GetObjectItem(es, "best_number")->valuedouble);
		}
	}
	cJSON_Delete(exp);
	hp_studyset_release(&set);
}

static void
optuna31_maximize_inf_should_keep_both_infinities(void **state)
{
	struct hp_studyset set = { 0 };
	struct hp_study *st;

	(void)state;
	load_ok(testdata("optuna-3.1/study.db"), "maximize-inf", &set);
	assert_int_equal(set.n, 1);
	st = set.v[0];
	assert_int_equal(st->dir[0], HP_DIR_MAXIMIZE);
	assert_true(isinf(hp_study_value(st, trial_numbered(st, 7), 0)));
	assert_true(hp_study_value(st, trial_numbered(st, 7), 0) > 0);
	assert_true(isinf(hp_study_value(st, trial_numbered(st, 9), 0)));
	assert_true(hp_study_value(st, trial_numbered(st, 9), 0) < 0);
	assert_int_equal(hp_study_count_nonfinite(st, 0), 2);
	assert_near(hp_study_value(st, trial_numbered(st, 33), 0), -0.358687495728452, 1e-14);
	hp_studyset_release(&set);
}

static void
optuna31_mixed_should_keep_conditional_and_categorical_params(void **state)
{
	struct hp_studyset set = { 0 };
	struct hp_study *st;
	const struct hp_param *act, *opt, *mom;
	static const char *const labels[] = { "None", "True", "3", "2.5", "gelu" };
	size_t nsgd = 0, nother = 0, t;
	char buf[64];

	(void)state;
	load_ok(testdata("optuna-3.1/study.db"), "mixed-minimize", &set);
	st = set.v[0];
	act = &st->params[hp_study_param_index(st, "activation")];
	opt = &st->params[hp_study_param_index(st, "optimizer")];
	mom = &st->params[hp_study_param_index(st, "momentum")];
	assert_int_equal(act->dist.nchoices, 5);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(hp_choice_label(&act->dist.choices[i], buf, sizeof(buf)),
		    labels[i]);
	assert_int_equal(act->dist.choices[0].kind, HP_CHOICE_NULL);
	assert_int_equal(act->dist.choices[1].kind, HP_CHOICE_BOOL);
	assert_int_equal(act->dist.choices[2].kind, HP_CHOICE_INT);
	assert_int_equal(act->dist.choices[3].kind, HP_CHOICE_FLOAT);
	assert_int_equal(act->dist.choices[4].kind, HP_CHOICE_STRING);
	/* momentum is suggested only when optimizer is sgd */
	for (t = 0; t < st->ntrials; t++) {
		if (isnan(opt->v[t]))
			continue;
		if (strcmp(param_text(st, t, "optimizer"), "sgd") == 0) {
			assert_false(isnan(mom->v[t]));
			nsgd++;
		} else {
			assert_true(isnan(mom->v[t]));
			nother++;
		}
	}
	assert_int_equal(nsgd, 9);	/* sqlite3: param_value = 1 of optimizer */
	assert_int_equal(nsgd + nother, 80);
	/* trial 9, from the sqlite3 shell */
	t = trial_numbered(st, 9);
	assert_int_equal(st->state[t], HP_STATE_PRUNED);
	assert_string_equal(param_text(st, t, "activation"), "True");
	assert_string_equal(param_text(st, t, "batch_size"), "160");
	assert_string_equal(param_text(st, t, "n_layers"), "2");
	assert_string_equal(param_text(st, t, "units"), "570");
	assert_string_equal(param_text(st, t, "optimizer"), "sgd");
	assert_param_float(st, t, "dropout", 0.0141532440103973);
	assert_param_float(st, t, "lr", 1.27304556282701e-05);
	assert_param_float(st, t, "momentum", 0.276391842221028);
	assert_near(st->t_start[t], 1796232521.859708, 1e-5);
	/* the RUNNING trial: only lr so far, no end time */
	t = trial_numbered(st, 80);
	assert_int_equal(st->state[t], HP_STATE_RUNNING);
	assert_true(isnan(st->t_end[t]));
	assert_near(st->t_start[t], 1796232537.523167, 1e-5);
	assert_string_equal(param_text(st, t, "units"), "");
	/* intermediate values of trial 7 */
	t = trial_numbered(st, 7);
	{
		static const double iv[] = { 4.45404214255041, 3.42453963335703,
		    3.08444282215323, 2.93494409928842 };

		assert_int_equal(st->iv_off[t + 1] - st->iv_off[t], 4);
		for (size_t i = 0; i < 4; i++) {
			assert_near(st->iv_step[st->iv_off[t] + i], (double)i, 0);
			assert_near(st->iv_value[st->iv_off[t] + i], iv[i], 1e-13);
		}
	}
	/* attributes */
	assert_attr(st, HP_NO_TRIAL, 0, "dataset", "\"synthetic\"");
	assert_attr(st, trial_numbered(st, 0), 0, "epochs", "10");
	assert_null(hp_study_attr(st, trial_numbered(st, 1), 0, "epochs"));
	hp_studyset_release(&set);
}

static void
optuna31_two_objectives_should_have_two_directions(void **state)
{
	struct hp_studyset set = { 0 };
	struct hp_study *st;

	(void)state;
	load_ok(testdata("optuna-3.1/study.db"), "two-objectives", &set);
	st = set.v[0];
	assert_int_equal(st->nobj, 2);
	assert_int_equal(st->dir[0], HP_DIR_MINIMIZE);
	assert_int_equal(st->dir[1], HP_DIR_MAXIMIZE);
	assert_int_equal(st->ntrials, 80);
	assert_attr(st, trial_numbered(st, 0), 1, "nsga2:generation", "0");
	assert_non_null(hp_study_attr(st, HP_NO_TRIAL, 1,
	    "nsga2:population:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
	hp_studyset_release(&set);
}

static void
metric_names_should_name_objectives(void **state)
{
	char *dir = temp_dir();
	const char *path = copy_to(testdata("optuna-3.1/study.db"), dir, "x.db");
	struct hp_studyset set = { 0 };
	struct hp_study *st;

	(void)state;
	sql_exec(path, "INSERT INTO study_system_attributes(study_id, key, value_json) "
	    "VALUES (3, 'study:metric_names', '[\"error\", \"accuracy\"]')");
	load_ok(path, "two-objectives", &set);
	st = set.v[0];
	assert_string_equal(st->objname[0], "error");
	assert_string_equal(st->objname[1], "accuracy");
	hp_studyset_release(&set);
	remove_dir(dir);
}

/* --- distribution_json of every generation ----------------------------- */

static void
dist_ok(const char *json, enum hp_dist_kind kind, double low, double high,
    double step, int log)
{
	struct hp_dist d;
	struct hp_err err = { "" };

	if (hp_dist_from_json(json, &d, &err) != 0) {
		print_error("%s: %s\n", json, err.msg);
		fail();
	}
	assert_int_equal(d.kind, kind);
	assert_near(d.low, low, 0);
	assert_near(d.high, high, 0);
	assert_near(d.step, step, 0);
	assert_int_equal(d.log, log);
	hp_dist_release(&d);
}

static void
dist_bad(const char *json)
{
	struct hp_dist d;
	struct hp_err err = { "" };

	if (hp_dist_from_json(json, &d, &err) == 0) {
		print_error("accepted: %s\n", json);
		fail();
	}
	assert_true(err.msg[0] != '\0');
}

static void
legacy_distributions_should_map_to_float_and_int(void **state)
{
	(void)state;
	dist_ok("{\"name\": \"UniformDistribution\", \"attributes\": {\"low\": -5, \"high\": 5}}",
	    HP_DIST_FLOAT, -5, 5, 0, 0);
	dist_ok("{\"name\": \"LogUniformDistribution\", \"attributes\": {\"low\": 1e-05, "
	    "\"high\": 0.001}}", HP_DIST_FLOAT, 1e-5, 1e-3, 0, 1);
	dist_ok("{\"name\": \"DiscreteUniformDistribution\", \"attributes\": {\"low\": -6.0, "
	    "\"high\": 6.0, \"q\": 2.0}}", HP_DIST_FLOAT, -6, 6, 2, 0);
	dist_ok("{\"name\": \"IntUniformDistribution\", \"attributes\": {\"low\": 0, \"high\": 10}}",
	    HP_DIST_INT, 0, 10, 1, 0);
	dist_ok("{\"name\": \"IntUniformDistribution\", \"attributes\": {\"low\": 5, \"high\": 14, "
	    "\"step\": 3}}", HP_DIST_INT, 5, 14, 3, 0);
	dist_ok("{\"name\": \"IntLogUniformDistribution\", \"attributes\": {\"low\": 1, "
	    "\"high\": 20, \"step\": 1}}", HP_DIST_INT, 1, 20, 1, 1);
	dist_ok("{\"name\": \"IntLogUniformDistribution\", \"attributes\": {\"low\": 1, "
	    "\"high\": 20}}", HP_DIST_INT, 1, 20, 1, 1);
	dist_ok("{\"name\": \"FloatDistribution\", \"attributes\": {\"step\": null, \"low\": 1e-05, "
	    "\"high\": 0.1, \"log\": true}}", HP_DIST_FLOAT, 1e-5, 0.1, 0, 1);
	dist_ok("{\"name\": \"FloatDistribution\", \"attributes\": {\"step\": 0.25, \"low\": 0, "
	    "\"high\": 1, \"log\": false}}", HP_DIST_FLOAT, 0, 1, 0.25, 0);
	dist_ok("{\"name\": \"IntDistribution\", \"attributes\": {\"log\": false, \"step\": 32, "
	    "\"low\": 32, \"high\": 256}}", HP_DIST_INT, 32, 256, 32, 0);
	dist_bad("{\"name\": \"FloatDistribution\", \"attributes\": {");
	dist_bad("{\"name\": \"NormalDistribution\", \"attributes\": {\"low\": 0, \"high\": 1}}");
	dist_bad("{\"name\": \"UniformDistribution\", \"attributes\": {\"low\": 2, \"high\": 1}}");
	dist_bad("{\"name\": \"LogUniformDistribution\", \"attributes\": {\"low\": 0, \"high\": 1}}");
	dist_bad("{\"name\": \"IntDistribution\", \"attributes\": {\"low\": 0, \"high\": 9, \"step\": 0}}");
	dist_bad("{\"name\": \"IntDistribution\", \"attributes\": {\"low\": 0, \"high\": 9, \"step\": \"2\"}}");
	dist_bad("{\"name\": \"DiscreteUniformDistribution\", \"attributes\": {\"low\": 0, \"high\": 9, "
	    "\"q\": \"x\"}}");
	dist_bad("{\"name\": \"CategoricalDistribution\", \"attributes\": {\"choices\": []}}");
	dist_bad("{\"name\": \"CategoricalDistribution\", \"attributes\": {\"choices\": [[1]]}}");
	dist_bad("{\"name\": \"UniformDistribution\"}");
	dist_bad("[]");
}

static void
params_of_differing_legacy_distributions_should_merge(void **state)
{
	/* one param saved under two generations' names in one study */
	const char *src = shared_fixture("optuna-legacy/2.4.0.a.db");
	char *dir = temp_dir();
	const char *path = copy_to(src, dir, "x.db");
	struct hp_studyset set = { 0 };
	struct hp_study *st;
	const struct hp_dist *y;

	(void)state;
	sql_exec(path, "INSERT INTO trials VALUES (4, 1, 2, 'PRUNED', NULL, NULL);"
	    "INSERT INTO trial_params VALUES (14, 4, 'y', 12.0, '{\"name\": \"IntDistribution\", "
	    "\"attributes\": {\"log\": false, \"step\": 1, \"low\": 2, \"high\": 12}}');"
	    "INSERT INTO trial_params VALUES (15, 4, 'z', 0.0, '{\"name\": "
	    "\"CategoricalDistribution\", \"attributes\": {\"choices\": [7, -5]}}');");
	load_ok(path, "single", &set);
	st = set.v[0];
	y = &st->params[hp_study_param_index(st, "y")].dist;
	assert_int_equal(y->kind, HP_DIST_INT);
	assert_near(y->low, 0, 0);
	assert_near(y->high, 12, 0);
	assert_string_equal(param_text(st, 1, "y"), "12");
	assert_string_equal(param_text(st, 1, "z"), "7");
	assert_string_equal(param_text(st, 0, "z"), "-5");
	assert_int_equal(st->params[hp_study_param_index(st, "z")].dist.nchoices, 4);
	assert_int_equal(st->state[1], HP_STATE_PRUNED);
	assert_true(isnan(hp_study_value(st, 1, 0)));
	hp_studyset_release(&set);
	remove_dir(dir);
}

/* --- probing ----------------------------------------------------------- */

static int
probe(const char *path)
{
	char head[100] = "";
	FILE *fp = fopen(path, "rb");
	size_t n = fp ? fread(head, 1, sizeof(head) - 1, fp) : 0;

	if (fp)
		fclose(fp);
	return hp_probe_optuna_sqlite(path, head, n);
}

static void
probe_should_accept_optuna_and_refuse_other_sqlite(void **state)
{
	char *dir = temp_dir();
	char path[4200];

	(void)state;
	assert_true(probe(testdata("optuna-3.1/study.db")));
	assert_false(probe(testdata("optuna-3.1/trials.csv")));
	snprintf(path, sizeof(path), "%s/mlflow.db", dir);
	sql_exec(path, "CREATE TABLE experiments(experiment_id); CREATE TABLE runs(run_uuid);");
	assert_false(probe(path));
	assert_false(hp_probe_optuna_sqlite(path, NULL, 0));
	snprintf(path, sizeof(path), "%s/nothing.db", dir);
	assert_false(hp_probe_optuna_sqlite(path, "SQLite format 3", 16));
	assert_int_equal(access(path, F_OK), -1);	/* the probe created nothing */
	remove_dir(dir);
}

static void
probe_should_accept_a_legacy_database(void **state)
{
	(void)state;
	assert_true(probe(shared_fixture("optuna-legacy/0.9.0.a.db")));
}

/* --- errors ------------------------------------------------------------ */

static void
non_sqlite_file_should_fail_naming_it(void **state)
{
	const char *msg;

	(void)state;
	msg = load_fail(testdata("optuna-3.1/trials.csv"));
	assert_non_null(strstr(msg, "not an SQLite database"));
}

static void
truncated_database_should_fail_naming_it(void **state)
{
	char *dir = temp_dir();
	const char *path = copy_to(testdata("optuna-3.1/study.db"), dir, "cut.db");

	(void)state;
	assert_int_equal(truncate(path, 100000), 0);	/* about half of it */
	load_fail(path);
	assert_int_equal(truncate(path, 4096), 0);
	load_fail(path);
	assert_int_equal(truncate(path, 10), 0);
	load_fail(path);
	remove_dir(dir);
}

static void
sqlite_without_optuna_tables_should_fail(void **state)
{
	char *dir = temp_dir();
	char path[4200];
	const char *msg;

	(void)state;
	snprintf(path, sizeof(path), "%s/other.db", dir);
	sql_exec(path, "CREATE TABLE foo(a)");
	msg = load_fail(path);
	assert_non_null(strstr(msg, "no table studies"));
	sql_exec(path, "CREATE TABLE studies(study_id, study_name, direction);"
	    "CREATE TABLE trials(trial_id, study_id, state, datetime_start)");
	msg = load_fail(path);
	assert_non_null(strstr(msg, "table trials has no column datetime_complete"));
	remove_dir(dir);
}

static void
corrupt_distribution_should_name_table_and_trial(void **state)
{
	char *dir = temp_dir();
	const char *path = copy_to(testdata("optuna-3.1/study.db"), dir, "bad.db");
	const char *msg;

	(void)state;
	sql_exec(path, "UPDATE trial_params SET distribution_json = "
	    "'{\"name\": \"FloatDistribution\", \"attributes\": {' WHERE param_name = 'lr' "
	    "AND trial_id = (SELECT trial_id FROM trials WHERE study_id = 1 AND number = 12)");
	msg = load_fail(path);
	assert_non_null(strstr(msg, "table trial_params, trial 12: param \"lr\": "
	    "malformed distribution JSON"));
	remove_dir(dir);
}

/* The trial system attribute "constraints" is checked at load and typed:
 * a list of numbers becomes the trial's constraint values (an empty list
 * too), the attribute itself is kept as stored; anything else is an error
 * naming the file and the trial. */
static void
constraints_should_be_typed_at_load_or_fail_naming_the_trial(void **state)
{
	char *dir = temp_dir();
	const char *path = copy_to(testdata("optuna-3.1/study.db"), dir, "bad.db");
	struct hp_studyset set = { 0 };
	const struct hp_study *st;
	const double *v;
	size_t n;
	const char *msg;

	(void)state;
	sql_exec(path, "INSERT INTO trial_system_attributes (trial_id, key, value_json) "
	    "SELECT trial_id, 'constraints', '[0.5, -1]' FROM trials WHERE study_id = 1 "
	    "AND number = 12; "
	    "INSERT INTO trial_system_attributes (trial_id, key, value_json) "
	    "SELECT trial_id, 'constraints', '[]' FROM trials WHERE study_id = 1 "
	    "AND number = 13");
	load_ok(path, "mixed-minimize", &set);
	st = study_named(&set, "mixed-minimize");
	assert_int_equal(hp_study_constraints(st, trial_numbered(st, 12), &v, &n), 1);
	assert_int_equal(n, 2);
	assert_true(v[0] == 0.5 && v[1] == -1);
	assert_int_equal(hp_study_constraints(st, trial_numbered(st, 13), &v, &n), 1);
	assert_int_equal(n, 0);
	assert_int_equal(hp_study_constraints(st, trial_numbered(st, 14), &v, &n), 0);
	assert_attr(st, trial_numbered(st, 12), 1, "constraints", "[0.5, -1]");
	hp_studyset_release(&set);

	sql_exec(path, "UPDATE trial_system_attributes SET value_json = '[1, \"a\"]' "
	    "WHERE key = 'constraints' AND trial_id = (SELECT trial_id FROM trials "
	    "WHERE study_id = 1 AND number = 12)");
	msg = load_fail(path);
	assert_non_null(strstr(msg, "bad.db: trial 12: system attribute \"constraints\" "
	    "is not a list of numbers"));
	sql_exec(path, "UPDATE trial_system_attributes SET value_json = '0.5' "
	    "WHERE key = 'constraints'");
	msg = load_fail(path);
	assert_non_null(strstr(msg, "trial 12: system attribute \"constraints\" "
	    "is not a list of numbers"));
	remove_dir(dir);
}

static void
categorical_index_out_of_range_should_fail(void **state)
{
	char *dir = temp_dir();
	const char *path = copy_to(testdata("optuna-3.1/study.db"), dir, "bad.db");
	const char *msg;

	(void)state;
	sql_exec(path, "UPDATE trial_params SET param_value = 5 WHERE param_name = "
	    "'activation' AND trial_id = (SELECT trial_id FROM trials WHERE study_id = 1 "
	    "AND number = 3)");
	msg = load_fail(path);
	assert_non_null(strstr(msg, "table trial_params, trial 3: "));
	assert_non_null(strstr(msg, "out of range"));
	remove_dir(dir);
}

static void
bad_state_and_value_type_should_fail(void **state)
{
	char *dir = temp_dir();
	const char *path = copy_to(testdata("optuna-3.1/study.db"), dir, "bad.db");

	(void)state;
	sql_exec(path, "UPDATE trial_values SET value_type = 'HUGE' WHERE trial_id = 5");
	assert_non_null(strstr(load_fail(path), "table trial_values, trial"));
	sql_exec(path, "UPDATE trials SET state = 'SLEEPING' WHERE trial_id = 5");
	assert_non_null(strstr(load_fail(path), "unknown state \"SLEEPING\""));
	remove_dir(dir);
}

/* --- input untouched --------------------------------------------------- */

static char *
slurp(const char *path, size_t *len)
{
	char *s;
	struct hp_err err;

	assert_int_equal(hp_read_file(path, &s, len, &err), 0);
	return s;
}

static void
loading_should_leave_the_file_and_directory_unchanged(void **state)
{
	char *dir = temp_dir();
	const char *p = copy_to(testdata("optuna-3.1/study.db"), dir, "study.db");
	char path[4200], ls[4300];
	struct stat before, after;
	struct hp_studyset set = { 0 };
	char *a, *b;
	size_t alen, blen;
	struct timespec old = { 1000000000, 0 }, times[2];

	(void)state;
	snprintf(path, sizeof(path), "%s", p);
	times[0] = times[1] = old;
	assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
	assert_int_equal(stat(path, &before), 0);
	a = slurp(path, &alen);
	load_ok(path, NULL, &set);
	hp_studyset_release(&set);
	assert_int_equal(stat(path, &after), 0);
	b = slurp(path, &blen);
	assert_int_equal(alen, blen);
	assert_memory_equal(a, b, alen);
	assert_int_equal(before.st_mtim.tv_sec, after.st_mtim.tv_sec);
	assert_int_equal(before.st_mtim.tv_nsec, after.st_mtim.tv_nsec);
	assert_int_equal(before.st_size, after.st_size);
	/* no -journal, -wal or -shm left behind */
	snprintf(ls, sizeof(ls), "%s-journal", path);
	assert_int_equal(access(ls, F_OK), -1);
	snprintf(ls, sizeof(ls), "%s-wal", path);
	assert_int_equal(access(ls, F_OK), -1);
	snprintf(ls, sizeof(ls), "%s-shm", path);
	assert_int_equal(access(ls, F_OK), -1);
	free(a);
	free(b);
	remove_dir(dir);
}

/* --- a writer at work -------------------------------------------------- */

/*
 * The writer: adds COMPLETE trials to study 2 ("maximize-inf"), each with
 * its value and param in one transaction, and removes every third one it
 * added again, also in one transaction.  A reader that is not inside one
 * snapshot sees a COMPLETE trial whose value or param rows are gone.
 * Exits 0 after `ms` milliseconds, 1 on any error.
 */
static void
writer(const char *path, long ms)
{
	sqlite3 *db = NULL;
	struct timespec t0, t;
	sqlite3_int64 added[4096];
	size_t nadded = 0, first = 0;
	char sql[1024];

	if (sqlite3_open(path, &db) != SQLITE_OK)
		_exit(1);
	sqlite3_busy_timeout(db, 10000);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0;; i++) {
		clock_gettime(CLOCK_MONOTONIC, &t);
		if ((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000 > ms)
			break;
		snprintf(sql, sizeof(sql), "BEGIN IMMEDIATE;"
		    "INSERT INTO trials(number, study_id, state, datetime_start, datetime_complete) "
		    "VALUES (%d, 2, 'COMPLETE', '2026-11-28 00:00:00.000000', "
		    "'2026-11-28 00:00:01.000000');"
		    "INSERT INTO trial_values(trial_id, objective, value, value_type) "
		    "VALUES (last_insert_rowid(), 0, %d.5, 'FINITE');"
		    "INSERT INTO trial_params(trial_id, param_name, param_value, distribution_json) "
		    "VALUES ((SELECT max(trial_id) FROM trials), 'x', 0.25, '{\"name\": "
		    "\"FloatDistribution\", \"attributes\": {\"step\": null, \"low\": -5.0, "
		    "\"high\": 5.0, \"log\": false}}');"
		    "COMMIT;", 100000 + i, -i);
		if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
			_exit(1);
		if (nadded < 4096)
			added[nadded++] = sqlite3_last_insert_rowid(db);
		/* an optimizer pauses between trials; without any pause a
		 * rollback-journal writer starves every reader (SQLite's locking) */
		usleep(1000);
		if (i % 3 == 2 && first < nadded) {
			sqlite3_int64 id = added[first++];

			/* last_insert_rowid is the param row; its trial is max(trial_id) then */
			snprintf(sql, sizeof(sql), "BEGIN IMMEDIATE;"
			    "DELETE FROM trial_values WHERE trial_id = (SELECT trial_id FROM "
			    "trial_params WHERE param_id = %lld);"
			    "DELETE FROM trials WHERE trial_id = (SELECT trial_id FROM "
			    "trial_params WHERE param_id = %lld);"
			    "DELETE FROM trial_params WHERE param_id = %lld;"
			    "COMMIT;", (long long)id, (long long)id, (long long)id);
			if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
				_exit(1);
		}
	}
	sqlite3_close(db);
	_exit(0);
}

static void
concurrent_reads(const char *mode)
{
	char *dir = temp_dir();
	char path[4200], sql[64];
	pid_t pid;
	int status, loads = 0, saw_new = 0, done = 0;

	snprintf(path, sizeof(path), "%s", copy_to(testdata("optuna-3.1/study.db"), dir,
	    "live.db"));
	snprintf(sql, sizeof(sql), "PRAGMA journal_mode = %s", mode);
	sql_exec(path, sql);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		writer(path, 1500);
	while (!done) {
		struct hp_studyset set = { 0 };
		struct hp_load_opts o;
		struct hp_err err = { "" };
		struct hp_study *st;
		int x;

		done = waitpid(pid, &status, WNOHANG) == pid;
		hp_load_opts_defaults(&o);
		o.study = "maximize-inf";
		if (hp_load_optuna_sqlite(path, &o, &set, &err) != 0) {
			print_error("load %d (%s): %s\n", loads, mode, err.msg);
			if (!done) {
				kill(pid, SIGKILL);
				waitpid(pid, &status, 0);
			}
			fail();
		}
		loads++;
		st = set.v[0];
		x = hp_study_param_index(st, "x");
		assert_true(x >= 0);
		for (size_t t = 0; t < st->ntrials; t++) {
			if (st->state[t] != HP_STATE_COMPLETE || isnan(hp_study_value(st, t, 0)) ||
			    isnan(st->params[x].v[t])) {
				print_error("load %d (%s): trial %d without its value or param\n",
				    loads, mode, st->number[t]);
				if (!done) {
					kill(pid, SIGKILL);
					waitpid(pid, &status, 0);
				}
				fail();
			}
			saw_new |= st->number[t] >= 100000;
		}
		hp_studyset_release(&set);
	}
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	print_message("%s: %d consistent loads\n", mode, loads);
	/* every load above was checked; on a busy machine there may be few */
	assert_true(loads >= 2);
	assert_true(saw_new);
	remove_dir(dir);
}

static void
reads_should_be_consistent_while_a_writer_works_in_wal_mode(void **state)
{
	(void)state;
	concurrent_reads("WAL");
}

static void
reads_should_be_consistent_while_a_writer_works_in_rollback_mode(void **state)
{
	(void)state;
	concurrent_reads("DELETE");
}

/* --- speed ------------------------------------------------------------- */

static void
large_study_should_load_whole(void **state)
{
	char *dir = temp_dir();
	char path[4200];
	struct hp_studyset set = { 0 };
	struct timespec t0, t1;
	double secs;
	size_t t;
	sqlite3 *db;
	sqlite3_stmt *s;
	struct hp_buf b;

	(void)state;
	/* the v3.2 schema, then 100,000 trials with 4 params and 3 steps each */
	assert_int_equal(sqlite3_open_v2(shared_fixture("optuna-legacy/3.2.0.a.db"), &db,
	    SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_master WHERE sql "
	    "IS NOT NULL", -1, &s, NULL), SQLITE_OK);
	hp_buf_init(&b);
	while (sqlite3_step(s) == SQLITE_ROW)
		hp_buf_printf(&b, "%s;\n", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
	hp_buf_puts(&b, "BEGIN; INSERT INTO studies VALUES (1, 'big');"
	    "INSERT INTO study_directions VALUES (1, 'MAXIMIZE', 1, 0);"
	    "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 100000) "
	    "INSERT INTO trials SELECT i, i - 1, 1, CASE WHEN i % 10 = 0 THEN 'PRUNED' ELSE "
	    "'COMPLETE' END, '2024-01-01 00:00:00.000000', '2024-01-01 00:00:01.500000' FROM c;"
	    "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 100000) "
	    "INSERT INTO trial_values(trial_id, objective, value, value_type) "
	    "SELECT i, 0, (i * 7919 % 1000) / 1000.0, 'FINITE' FROM c;"
	    "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 100000), "
	    "p(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM p WHERE j < 3) "
	    "INSERT INTO trial_params(trial_id, param_name, param_value, distribution_json) "
	    "SELECT i, 'x' || j, CASE WHEN j = 0 THEN (i % 97) / 97.0 WHEN j = 1 THEN i % 64 + 1 "
	    "ELSE i % 4 END, CASE WHEN j = 0 THEN '{\"name\": \"FloatDistribution\", "
	    "\"attributes\": {\"step\": null, \"low\": 0.0, \"high\": 1.0, \"log\": false}}' "
	    "WHEN j = 1 THEN '{\"name\": \"IntDistribution\", \"attributes\": {\"log\": false, "
	    "\"step\": 1, \"low\": 1, \"high\": 64}}' ELSE '{\"name\": \"CategoricalDistribution\", "
	    "\"attributes\": {\"choices\": [\"a\", \"b\", \"c\", \"d\"]}}' END FROM c, p;"
	    "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 100000), "
	    "p(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM p WHERE j < 2) "
	    "INSERT INTO trial_intermediate_values(trial_id, step, intermediate_value, "
	    "intermediate_value_type) SELECT i, j, 1.0 / (j + 1), 'FINITE' FROM c, p;"
	    "COMMIT;");
	snprintf(path, sizeof(path), "%s/big.db", dir);
	sql_exec(path, b.s);
	hp_buf_release(&b);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	load_ok(path, NULL, &set);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	/* said, not asserted: a loaded CI machine or a sanitizer build must
	 * not fail it (speed is measured in make bench) */
	print_message("100000 trials loaded in %.3f s\n", secs);
	assert_int_equal(set.n, 1);
	assert_int_equal(set.v[0]->ntrials, 100000);
	assert_int_equal(hp_study_count_state(set.v[0], HP_STATE_PRUNED), 10000);
	assert_int_equal(set.v[0]->nparams, 4);
	assert_int_equal(set.v[0]->iv_off[100000], 300000);
	t = trial_numbered(set.v[0], 41);	/* trial_id 42 */
	assert_string_equal(param_text(set.v[0], t, "x1"), "43");
	assert_string_equal(param_text(set.v[0], t, "x2"), "c");
	hp_studyset_release(&set);
	remove_dir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(legacy_0_9_0_a_should_read_value_direction_and_number_attr),
		cmocka_unit_test(legacy_1_2_0_a_should_read_like_0_9),
		cmocka_unit_test(legacy_1_3_0_a_should_read_trials_number),
		cmocka_unit_test(legacy_2_4_0_a_should_read_directions_and_objective_values),
		cmocka_unit_test(legacy_2_6_0_a_should_read_text_json_columns),
		cmocka_unit_test(legacy_3_0_0_a_should_read_float_and_int_distributions),
		cmocka_unit_test(legacy_3_0_0_b_should_read),
		cmocka_unit_test(legacy_3_0_0_c_should_read_intermediate_value_type),
		cmocka_unit_test(legacy_3_0_0_d_should_read_value_type),
		cmocka_unit_test(legacy_3_2_0_a_should_read_current_schema),
		cmocka_unit_test(legacy_schema_should_be_read_from_columns_not_alembic_version),
		cmocka_unit_test(legacy_trial_without_number_should_be_numbered_by_trial_id),
		cmocka_unit_test(legacy_distributions_should_map_to_float_and_int),
		cmocka_unit_test(params_of_differing_legacy_distributions_should_merge),
		cmocka_unit_test(optuna31_should_match_expected_json),
		cmocka_unit_test(optuna31_maximize_inf_should_keep_both_infinities),
		cmocka_unit_test(optuna31_mixed_should_keep_conditional_and_categorical_params),
		cmocka_unit_test(optuna31_two_objectives_should_have_two_directions),
		cmocka_unit_test(metric_names_should_name_objectives),
		cmocka_unit_test(probe_should_accept_optuna_and_refuse_other_sqlite),
		cmocka_unit_test(probe_should_accept_a_legacy_database),
		cmocka_unit_test(non_sqlite_file_should_fail_naming_it),
		cmocka_unit_test(truncated_database_should_fail_naming_it),
		cmocka_unit_test(sqlite_without_optuna_tables_should_fail),
		cmocka_unit_test(corrupt_distribution_should_name_table_and_trial),
		cmocka_unit_test(constraints_should_be_typed_at_load_or_fail_naming_the_trial),
		cmocka_unit_test(categorical_index_out_of_range_should_fail),
		cmocka_unit_test(bad_state_and_value_type_should_fail),
		cmocka_unit_test(loading_should_leave_the_file_and_directory_unchanged),
		cmocka_unit_test(reads_should_be_consistent_while_a_writer_works_in_wal_mode),
		cmocka_unit_test(reads_should_be_consistent_while_a_writer_works_in_rollback_mode),
		cmocka_unit_test(large_study_should_load_whole),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
