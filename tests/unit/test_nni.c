/*
 * test_nni: the NNI loaders -- nnictl export JSON and CSV, db/nni.sqlite
 * and an experiment directory -- on the hand-written fixtures in
 * tests/data/nni/ (the database is built from nni.sql at test time), and
 * malformed inputs that must fail with one line naming the file and place.
 */
#include "testutil.h"

#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../../src/load/internal.h"

static char tmpdir[256];

static const char *
tmp_path(const char *name)
{
	static char buf[512];

	snprintf(buf, sizeof(buf), "%s/%s", tmpdir, name);
	return buf;
}

/* Builds database `db` from SQL text; the test fails on an error. */
static void
make_db(const char *db, const char *sql)
{
	sqlite3 *h;
	char *msg = NULL;

	unlink(db);
	assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		print_error("%s\n", msg);
		fail();
	}
	sqlite3_close(h);
}

static char *
slurp(const char *path)
{
	char *s;
	struct hp_err err;

	assert_int_equal(hp_read_file(path, &s, NULL, &err), 0);
	return s;
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static int
setup(void **state)
{
	char *sql;

	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/hp-nni.XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	sql = slurp(testdata("nni/nni.sql"));
	mkdir(tmp_path("exp"), 0700);
	mkdir(tmp_path("exp/db"), 0700);
	make_db(tmp_path("exp/db/nni.sqlite"), sql);
	free(sql);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[600];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Loads path; asserts success and one study. */
static struct hp_study *
load_one(const char *path, struct hp_studyset *set, const char *format)
{
	struct hp_load_opts o;
	struct hp_err err = { "" };

	hp_load_opts_defaults(&o);
	o.format = format;
	if (hp_load(path, &o, set, NULL, &err) != 0) {
		print_error("%s\n", err.msg);
		fail();
	}
	assert_int_equal(set->n, 1);
	return set->v[0];
}

/* Loads path expecting failure; returns the message. */
static const char *
load_fail(const char *path, const char *format)
{
	static struct hp_err err;
	struct hp_load_opts o;
	struct hp_studyset set = { 0 };

	hp_load_opts_defaults(&o);
	o.format = format;
	memset(&err, 0, sizeof(err));
	assert_int_equal(hp_load(path, &o, &set, NULL, &err), -1);
	assert_int_equal(set.n, 0);
	assert_null(strchr(err.msg, '\n'));
	return err.msg;
}

static size_t
trial_of(const struct hp_study *st, int number)
{
	for (size_t t = 0; t < st->ntrials; t++)
		if (st->number[t] == number)
			return t;
	fail_msg("no trial %d", number);
	return 0;
}

static void
detection_should_name_each_nni_form(void **state)
{
	struct hp_err err;

	(void)state;
	assert_string_equal(hp_detect(tmp_path("exp/db/nni.sqlite"), NULL, &err),
	    "nni-sqlite");
	assert_string_equal(hp_detect(tmp_path("exp"), NULL, &err), "nni-dir");
	assert_string_equal(hp_detect(testdata("nni/export.json"), NULL, &err),
	    "nni-json");
	assert_string_equal(hp_detect(testdata("nni/export.csv"), NULL, &err),
	    "nni-csv");
}

/* hp_load detects once and says what it used: the same name hp_detect gives,
 * or the one the caller chose. */
static void
load_should_report_the_format_it_used(void **state)
{
	struct hp_studyset set = { 0 };
	struct hp_load_opts o;
	struct hp_err err = { "" };
	const char *fmt = NULL;

	(void)state;
	hp_load_opts_defaults(&o);
	assert_int_equal(hp_load(tmp_path("exp"), &o, &set, &fmt, &err), 0);
	assert_string_equal(fmt, "nni-dir");
	o.format = "nni-sqlite";
	fmt = NULL;
	assert_int_equal(hp_load(tmp_path("exp"), &o, &set, &fmt, &err), 0);
	assert_string_equal(fmt, "nni-sqlite");
	assert_int_equal(set.n, 2);
	hp_studyset_release(&set);
}

static void
sqlite_should_replay_events_into_states(void **state)
{
	struct hp_studyset set = { 0 };
	struct hp_study *st = load_one(tmp_path("exp/db/nni.sqlite"), &set, NULL);

	(void)state;
	assert_string_equal(st->name, "mnist-tpe");
	assert_int_equal(st->ntrials, 7);
	assert_int_equal(st->state[trial_of(st, 0)], HP_STATE_COMPLETE);
	assert_int_equal(st->state[trial_of(st, 1)], HP_STATE_FAIL);
	assert_int_equal(st->state[trial_of(st, 2)], HP_STATE_COMPLETE);
	assert_int_equal(st->state[trial_of(st, 3)], HP_STATE_PRUNED);
	assert_int_equal(st->state[trial_of(st, 4)], HP_STATE_FAIL);
	assert_int_equal(st->state[trial_of(st, 5)], HP_STATE_RUNNING);
	assert_int_equal(st->state[trial_of(st, 6)], HP_STATE_COMPLETE);
	/* start = first RUNNING, end = the final event */
	assert_near(st->t_start[0], 1700000002.0, 1e-6);
	assert_near(st->t_end[0], 1700000012.0, 1e-6);
	assert_true(isnan(st->t_end[trial_of(st, 5)]));
	hp_studyset_release(&set);
}

static void
sqlite_should_read_metrics_encoded_twice(void **state)
{
	struct hp_studyset set = { 0 };
	struct hp_study *st = load_one(tmp_path("exp"), &set, NULL);
	const struct hp_attr *a;
	size_t t;

	(void)state;
	/* the latest profile revision says maximize */
	assert_int_equal(st->dir[0], HP_DIR_MAXIMIZE);
	assert_near(hp_study_value(st, 0, 0), 0.91, 1e-12);
	/* dict metric: default is the value, other keys user attributes */
	t = trial_of(st, 2);
	assert_near(hp_study_value(st, t, 0), 0.95, 1e-12);
	a = hp_study_attr(st, t, 0, "loss");
	assert_non_null(a);
	assert_string_equal(a->json, "0.12");
	/* Infinity final, NaN for trials without a final metric */
	assert_true(isinf(hp_study_value(st, trial_of(st, 6), 0)));
	assert_true(isnan(hp_study_value(st, trial_of(st, 1), 0)));
	/* intermediate values: steps 0..2 for trial 0; NaN and -inf kept */
	assert_int_equal(st->iv_off[1] - st->iv_off[0], 3);
	assert_near(st->iv_value[st->iv_off[0] + 2], 0.9, 1e-12);
	t = trial_of(st, 1);
	assert_int_equal(st->iv_off[t + 1] - st->iv_off[t], 1);
	assert_true(isnan(st->iv_value[st->iv_off[t]]));
	t = trial_of(st, 3);
	assert_true(isinf(st->iv_value[st->iv_off[t] + 1]) &&
	    st->iv_value[st->iv_off[t] + 1] < 0);
	a = hp_study_attr(st, 0, 1, "nni:trialJobId");
	assert_non_null(a);
	assert_string_equal(a->json, "\"Aa1bC\"");
	hp_studyset_release(&set);
}

static void
sqlite_should_use_the_search_space_as_distributions(void **state)
{
	struct hp_studyset set = { 0 };
	struct hp_study *st = load_one(tmp_path("exp"), &set, "nni-dir");
	const struct hp_param *p;
	char buf[64];

	(void)state;
	assert_int_equal(st->nparams, 7);
	p = &st->params[hp_study_param_index(st, "lr")];
	assert_int_equal(p->dist.kind, HP_DIST_FLOAT);
	assert_true(p->dist.log);
	assert_near(p->dist.low, 1e-4, 1e-15);
	assert_int_equal(p->inferred, 0);
	p = &st->params[hp_study_param_index(st, "batch_size")];
	assert_int_equal(p->dist.kind, HP_DIST_CATEGORICAL);
	assert_int_equal(p->dist.nchoices, 3);
	assert_string_equal(hp_param_format(p, p->v[0], buf, sizeof(buf)), "32");
	p = &st->params[hp_study_param_index(st, "layers")];
	assert_int_equal(p->dist.kind, HP_DIST_INT);
	assert_near(p->dist.high, 4, 0);	/* randint's upper bound is exclusive */
	p = &st->params[hp_study_param_index(st, "optimizer")];
	assert_string_equal(hp_param_format(p, p->v[1], buf, sizeof(buf)), "sgd");
	/* normal has no Optuna form: inferred from the values */
	p = &st->params[hp_study_param_index(st, "momentum")];
	assert_int_equal(p->dist.kind, HP_DIST_FLOAT);
	assert_int_equal(p->inferred, 1);
	/* a param outside the search space is text */
	p = &st->params[hp_study_param_index(st, "activation")];
	assert_int_equal(p->dist.kind, HP_DIST_CATEGORICAL);
	assert_int_equal(p->inferred, 1);
	assert_string_equal(hp_param_format(p, p->v[4], buf, sizeof(buf)), "gelu");
	hp_studyset_release(&set);
}

static void
export_json_should_load_values_dicts_and_nan(void **state)
{
	struct hp_studyset set = { 0 };
	struct hp_study *st = load_one(testdata("nni/export.json"), &set, NULL);
	const struct hp_param *p;
	char buf[64];

	(void)state;
	assert_int_equal(st->ntrials, 4);
	assert_int_equal(hp_study_count_state(st, HP_STATE_COMPLETE), 4);
	assert_near(hp_study_value(st, 0, 0), 0.91, 1e-12);
	assert_near(hp_study_value(st, 1, 0), 0.95, 1e-12);
	assert_string_equal(hp_study_attr(st, 1, 0, "loss")->json, "0.12");
	assert_true(isinf(hp_study_value(st, 2, 0)));
	assert_true(isnan(hp_study_value(st, 3, 0)));
	assert_int_equal(st->iv_off[1] - st->iv_off[0], 3);
	assert_near(st->iv_value[1], 0.85, 1e-12);
	assert_near(st->iv_value[3], 0.8, 1e-12);	/* dict intermediate */
	p = &st->params[hp_study_param_index(st, "optimizer")];
	assert_int_equal(p->dist.kind, HP_DIST_CATEGORICAL);
	assert_string_equal(hp_param_format(p, p->v[2], buf, sizeof(buf)), "sgd");
	p = &st->params[hp_study_param_index(st, "lr")];
	assert_int_equal(p->dist.kind, HP_DIST_FLOAT);
	assert_true(p->dist.log);
	hp_studyset_release(&set);
}

static void
export_json_should_accept_bare_python_nan(void **state)
{
	struct hp_studyset set = { 0 };
	struct hp_study *st;

	(void)state;
	write_file(tmp_path("bare.json"), "[{\"parameter\": {\"x\": NaN, \"y\": 1},"
	    " \"value\": Infinity, \"trialJobId\": \"a\"},\n"
	    " {\"parameter\": {\"x\": 2, \"y\": 1}, \"value\": -Infinity,"
	    " \"trialJobId\": \"b\"}]");
	st = load_one(tmp_path("bare.json"), &set, NULL);
	assert_true(isinf(hp_study_value(st, 0, 0)) && hp_study_value(st, 0, 0) > 0);
	assert_true(hp_study_value(st, 1, 0) < 0);
	hp_studyset_release(&set);
}

static void
export_csv_should_read_columns_by_name(void **state)
{
	struct hp_studyset set = { 0 };
	struct hp_study *st = load_one(testdata("nni/export.csv"), &set, NULL);
	const struct hp_param *p;
	char buf[64];

	(void)state;
	assert_int_equal(st->ntrials, 4);
	assert_int_equal(st->nparams, 4);
	assert_string_equal(st->objname[0], "reward");
	assert_near(hp_study_value(st, 1, 0), 0.95, 1e-12);
	assert_true(isinf(hp_study_value(st, 2, 0)));
	assert_true(isnan(hp_study_value(st, 3, 0)));
	p = &st->params[hp_study_param_index(st, "optimizer")];
	assert_string_equal(hp_param_format(p, p->v[2], buf, sizeof(buf)),
	    "sgd, nesterov");
	p = &st->params[hp_study_param_index(st, "batch_size")];
	assert_int_equal(p->dist.kind, HP_DIST_INT);
	hp_studyset_release(&set);

	st = load_one(testdata("nni/export-dict.csv"), &set, "nni-csv");
	assert_string_equal(st->objname[0], "default");
	assert_near(hp_study_value(st, 0, 0), 0.91, 1e-12);
	hp_studyset_release(&set);
}

/* Builds a variant of the fixture database with `extra` SQL run after it. */
static const char *
variant(const char *name, const char *extra)
{
	char *sql = slurp(testdata("nni/nni.sql"));
	struct hp_buf b;
	static char path[512];

	hp_buf_init(&b);
	hp_buf_puts(&b, sql);
	hp_buf_puts(&b, extra);
	snprintf(path, sizeof(path), "%s", tmp_path(name));
	make_db(path, b.s);
	hp_buf_release(&b);
	free(sql);
	return path;
}

static void
malformed_sqlite_should_fail_with_table_and_row(void **state)
{
	const char *m;
	char *db;
	size_t len;
	struct hp_err err;
	FILE *fp;

	(void)state;
	m = load_fail(variant("badmetric.sqlite", "INSERT INTO MetricData VALUES "
	    "(1, 'Aa1bC', '0', 'FINAL', 0, '\"0.9');"), "nni-sqlite");
	assert_non_null(strstr(m, "badmetric.sqlite: table MetricData, row 11"));
	m = load_fail(variant("badtype.sqlite", "INSERT INTO TrialJobEvent VALUES "
	    "(1, 'Zz', 'RUNNING', NULL, NULL, 'seven', NULL, NULL);"), "nni-sqlite");
	assert_non_null(strstr(m, "table TrialJobEvent, row 20: wrong types"));
	m = load_fail(variant("huge.sqlite", "INSERT INTO TrialJobEvent VALUES "
	    "(1, 'Zz', 'RUNNING', NULL, NULL, 99999999999, NULL, NULL);"), "nni-sqlite");
	assert_non_null(strstr(m, "huge.sqlite: table TrialJobEvent, row 20"));
	m = load_fail(variant("nodefault.sqlite", "INSERT INTO MetricData VALUES "
	    "(1, 'Aa1bC', '0', 'FINAL', 0, '\"{\\\"loss\\\": 1}\"');"), "nni-sqlite");
	assert_non_null(strstr(m, "without a numeric \"default\""));
	{
		/* repeated sequenceIds: trials numbered in event order, noted */
		struct hp_studyset set = { 0 };
		struct hp_study *st = load_one(variant("dup.sqlite", "UPDATE "
		    "TrialJobEvent SET sequenceId = 0; INSERT INTO TrialJobEvent "
		    "VALUES (1, 'Zz', 'RUNNING', NULL, NULL, 0, NULL, NULL);"), &set,
		    "nni-sqlite");

		assert_int_equal(st->ntrials, 8);
		assert_int_equal(st->number[7], 7);
		assert_non_null(strstr(st->notes[0], "event order"));
		hp_studyset_release(&set);
	}
	m = load_fail(variant("notable.sqlite", "DROP TABLE MetricData;"), "nni-sqlite");
	assert_string_equal(m, "notable.sqlite: no table MetricData");
	m = load_fail(variant("badparams.sqlite", "INSERT INTO TrialJobEvent VALUES "
	    "(1, 'Zz', 'WAITING', '{\"parameters\": [1]}', NULL, 9, NULL, NULL);"),
	    "nni-sqlite");
	assert_non_null(strstr(m, "row 20: data is not JSON"));
	/* truncated database file */
	assert_int_equal(hp_read_file(tmp_path("exp/db/nni.sqlite"), &db, &len, &err), 0);
	fp = fopen(tmp_path("trunc.sqlite"), "wb");
	fwrite(db, 1, len / 3, fp);
	fclose(fp);
	free(db);
	m = load_fail(tmp_path("trunc.sqlite"), "nni-sqlite");
	assert_non_null(strstr(m, "trunc.sqlite"));
}

static void
malformed_exports_should_fail_with_file_and_line(void **state)
{
	const char *m;

	(void)state;
	write_file(tmp_path("t.json"), "[{\"parameter\": {\"x\": 1}, \"value\": \"0.5\","
	    " \"trialJobId\": \"a\"},\n {\"parameter\": {\"x\": 2}, \"val");
	m = load_fail(tmp_path("t.json"), "nni-json");
	assert_non_null(strstr(m, "t.json:2:"));
	write_file(tmp_path("w.json"), "[{\"parameter\": {\"x\": 1}, \"value\": \"0.5\","
	    " \"trialJobId\": \"a\"},\n\n {\"parameter\": [2], \"value\": \"1\","
	    " \"trialJobId\": \"b\"}]");
	m = load_fail(tmp_path("w.json"), "nni-json");
	assert_non_null(strstr(m, "w.json:3: trial 1 needs"));
	write_file(tmp_path("d.json"), "[{\"parameter\": {}, \"value\": \"0.5\","
	    " \"trialJobId\": \"a\"},\n{\"parameter\": {}, \"value\": \"0.7\","
	    " \"trialJobId\": \"a\"}]");
	m = load_fail(tmp_path("d.json"), "nni-json");
	assert_string_equal(m, "d.json:2: duplicate trial \"a\"");
	write_file(tmp_path("v.json"), "[{\"parameter\": {}, \"value\": \"[1\","
	    " \"trialJobId\": \"a\"}]");
	m = load_fail(tmp_path("v.json"), "nni-json");
	assert_non_null(strstr(m, "v.json:1: trial \"a\": metric \"[1\" is not JSON"));
	write_file(tmp_path("b.csv"), "x,reward,trialJobId\n1,0.5,a\n2,lots,b\n");
	m = load_fail(tmp_path("b.csv"), "nni-csv");
	assert_string_equal(m, "b.csv:3: \"lots\" is not a number for \"reward\"");
	write_file(tmp_path("q.csv"), "x,reward,trialJobId\n1,0.5,a\n\"2,0.6,b\n");
	m = load_fail(tmp_path("q.csv"), "nni-csv");
	assert_string_equal(m, "q.csv:3: unterminated quoted field");
	write_file(tmp_path("n.csv"), "x,reward,trialJobId\n1,0.5\n");
	m = load_fail(tmp_path("n.csv"), "nni-csv");
	assert_string_equal(m, "n.csv:2: 2 fields, the header has 3");
	write_file(tmp_path("dd.csv"), "x,reward,trialJobId\n1,0.5,a\n2,0.5,a\n");
	m = load_fail(tmp_path("dd.csv"), "nni-csv");
	assert_string_equal(m, "dd.csv:3: duplicate trial \"a\"");
	write_file(tmp_path("h.csv"), "x,loss,trialJobId\n1,0.5,a\n");
	m = load_fail(tmp_path("h.csv"), "nni-csv");
	assert_non_null(strstr(m, "h.csv:1: header needs"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(detection_should_name_each_nni_form),
		cmocka_unit_test(load_should_report_the_format_it_used),
		cmocka_unit_test(sqlite_should_replay_events_into_states),
		cmocka_unit_test(sqlite_should_read_metrics_encoded_twice),
		cmocka_unit_test(sqlite_should_use_the_search_space_as_distributions),
		cmocka_unit_test(export_json_should_load_values_dicts_and_nan),
		cmocka_unit_test(export_json_should_accept_bare_python_nan),
		cmocka_unit_test(export_csv_should_read_columns_by_name),
		cmocka_unit_test(malformed_sqlite_should_fail_with_table_and_row),
		cmocka_unit_test(malformed_exports_should_fail_with_file_and_line),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
