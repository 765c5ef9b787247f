/*
 * test_mlflow: the MLflow loaders -- the tracking database (built from
 * tests/data/mlflow/mlflow.sql at test time, and the real one in
 * ../shared/fixtures/mlflow-real/) and the mlruns/ file store -- and
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

/* Builds tmp/name from mlflow.sql followed by `extra`; returns its path. */
static const char *
variant(const char *name, const char *extra)
{
	char *sql = slurp(testdata("mlflow/mlflow.sql")), *msg = NULL;
	static char path[512];
	struct hp_buf b;
	sqlite3 *h;

	hp_buf_init(&b);
	hp_buf_puts(&b, sql);
	hp_buf_puts(&b, extra);
	snprintf(path, sizeof(path), "%s", tmp_path(name));
	unlink(path);
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	if (sqlite3_exec(h, b.s, NULL, NULL, &msg) != SQLITE_OK) {
		print_error("%s\n", msg);
		fail();
	}
	sqlite3_close(h);
	hp_buf_release(&b);
	free(sql);
	return path;
}

static int
setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/hp-mlflow.XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	variant("mlflow.db", "");
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

static void
load_ok(const char *path, const char *metric, const char *study,
    enum hp_direction dir, struct hp_studyset *set)
{
	struct hp_load_opts o;
	struct hp_err err = { "" };

	hp_load_opts_defaults(&o);
	o.metric = metric;
	o.study = study;
	o.direction = dir;
	if (hp_load(path, &o, set, NULL, &err) != 0) {
		print_error("%s\n", err.msg);
		fail();
	}
}

static const char *
load_fail(const char *path, const char *metric, const char *format)
{
	static struct hp_err err;
	struct hp_load_opts o;
	struct hp_studyset set = { 0 };

	hp_load_opts_defaults(&o);
	o.metric = metric;
	o.format = format;
	memset(&err, 0, sizeof(err));
	assert_int_equal(hp_load(path, &o, &set, NULL, &err), -1);
	assert_int_equal(set.n, 0);
	assert_null(strchr(err.msg, '\n'));
	return err.msg;
}

static struct hp_study *
study_named(struct hp_studyset *set, const char *name)
{
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->v[i]->name, name) == 0)
			return set->v[i];
	fail_msg("no study %s", name);
	return NULL;
}

static const char *
run_name(const struct hp_study *st, size_t t)
{
	const struct hp_attr *a = hp_study_attr(st, t, 1, "mlflow:run_name");

	return a ? a->json : "";
}

/* The format hp_detect names for path; fails (not crashes) when it names none. */
static const char *
detected(const char *path)
{
	struct hp_err err = { 0 };
	const char *f = hp_detect(path, NULL, &err);

	if (f == NULL)
		fail_msg("%s: no format detected: %s", path, err.msg);
	return f;
}

static void
detection_should_name_database_and_file_store(void **state)
{
	(void)state;
	assert_string_equal(detected(tmp_path("mlflow.db")), "mlflow-sqlite");
	assert_string_equal(detected(testdata("mlflow/mlruns")), "mlflow-dir");
	assert_string_equal(detected(testdata("mlflow/mlruns/5")), "mlflow-dir");
}

static void
detection_should_name_the_real_database_and_file_store(void **state)
{
	(void)state;
	assert_string_equal(detected(shared_fixture("mlflow-real/mlflow.db")), "mlflow-sqlite");
	assert_string_equal(detected(shared_fixture("mlflow-real/mlruns")), "mlflow-dir");
}

static void
several_metrics_should_be_an_error_listing_them(void **state)
{
	const char *m;
	char want[1024];

	(void)state;
	/* messages name the file as given, not only its base name */
	m = load_fail(tmp_path("mlflow.db"), NULL, NULL);
	snprintf(want, sizeof(want), "%s: several metrics (epoch_time, val_loss): "
	    "choose one with --metric", tmp_path("mlflow.db"));
	assert_string_equal(m, want);
	m = load_fail(tmp_path("mlflow.db"), "accuracy", NULL);
	snprintf(want, sizeof(want), "%s: no run logged metric \"accuracy\" "
	    "(metrics: epoch_time, val_loss)", tmp_path("mlflow.db"));
	assert_string_equal(m, want);
}

static void
child_runs_should_form_one_study_of_their_parent(void **state)
{
	struct hp_studyset set = { 0 };
	struct hp_study *st;
	size_t t;

	(void)state;
	load_ok(tmp_path("mlflow.db"), "val_loss", NULL, HP_DIR_NOT_SET, &set);
	assert_int_equal(set.n, 2);	/* tune/lr-search, baseline; not deleted "old" */
	st = study_named(&set, "tune/lr-search");
	/* 6 children: the deleted one and the parent are not trials */
	assert_int_equal(st->ntrials, 6);
	assert_string_equal(st->objname[0], "val_loss");
	assert_int_equal(st->dir[0], HP_DIR_MINIMIZE);
	/* numbered by start time */
	assert_string_equal(run_name(st, 0), "\"trial-a\"");
	assert_string_equal(run_name(st, 2), "\"trial-c\"");
	assert_int_equal(st->state[0], HP_STATE_COMPLETE);
	assert_int_equal(st->state[1], HP_STATE_FAIL);
	assert_int_equal(st->state[2], HP_STATE_FAIL);	/* KILLED */
	assert_int_equal(st->state[5], HP_STATE_RUNNING);
	/* last step is the value, history the intermediate values */
	assert_near(hp_study_value(st, 0, 0), 0.45, 1e-12);
	assert_int_equal(st->iv_off[1] - st->iv_off[0], 3);
	assert_near(st->iv_value[1], 0.6, 1e-12);
	assert_near(st->iv_step[2], 2, 0);
	assert_int_equal(st->iv_off[2] - st->iv_off[1], 0);	/* one step: no history */
	assert_true(isnan(hp_study_value(st, 3, 0)));	/* is_nan */
	t = 4;
	assert_true(isinf(hp_study_value(st, t, 0)) && hp_study_value(st, t, 0) > 0);
	assert_string_equal(hp_study_attr(st, 0, 0, "epoch_time")->json, "12.5");
	assert_near(st->t_start[0], 1700000101.0, 1e-6);
	/* text params: inferred types */
	{
		const struct hp_param *p = &st->params[hp_study_param_index(st, "lr")];
		char buf[64];

		assert_int_equal(st->nparams, 3);
		assert_int_equal(p->dist.kind, HP_DIST_FLOAT);
		assert_true(p->dist.log);
		p = &st->params[hp_study_param_index(st, "optimizer")];
		assert_int_equal(p->dist.kind, HP_DIST_CATEGORICAL);
		assert_string_equal(hp_param_format(p, p->v[3], buf, sizeof(buf)), "rmsprop");
		p = &st->params[hp_study_param_index(st, "layers")];
		assert_int_equal(p->dist.kind, HP_DIST_INT);
	}
	st = study_named(&set, "baseline");
	assert_int_equal(st->ntrials, 2);
	assert_int_equal(st->state[1], HP_STATE_WAITING);	/* SCHEDULED */
	hp_studyset_release(&set);
}

static void
one_metric_should_be_the_default_objective(void **state)
{
	struct hp_studyset set = { 0 };

	(void)state;
	load_ok(tmp_path("mlflow.db"), NULL, "baseline", HP_DIR_MAXIMIZE, &set);
	assert_int_equal(set.n, 1);
	assert_string_equal(set.v[0]->objname[0], "val_loss");
	assert_int_equal(set.v[0]->dir[0], HP_DIR_MAXIMIZE);
	assert_near(hp_study_value(set.v[0], 0, 0), 0.5, 1e-12);
	hp_studyset_release(&set);
}

static void
file_store_should_match_the_database_semantics(void **state)
{
	struct hp_studyset set = { 0 };
	struct hp_study *st;
	const struct hp_param *p;
	char buf[64];

	(void)state;
	load_ok(testdata("mlflow/mlruns"), NULL, NULL, HP_DIR_NOT_SET, &set);
	assert_int_equal(set.n, 1);
	st = set.v[0];
	/* quoted, folded experiment name; children of the parent run */
	assert_string_equal(st->name, "sweep: ana's xgb/parent-sweep");
	assert_int_equal(st->ntrials, 4);
	assert_int_equal(st->dir[0], HP_DIR_MAXIMIZE);	/* guessed from "auc" */
	assert_non_null(strstr(st->notes[0], "maximize"));
	assert_string_equal(run_name(st, 0), "\"child-0\"");
	assert_int_equal(st->state[0], HP_STATE_RUNNING);
	assert_int_equal(st->state[2], HP_STATE_FAIL);
	assert_near(hp_study_value(st, 1, 0), 0.88, 1e-12);
	assert_true(isnan(hp_study_value(st, 2, 0)));
	assert_true(isinf(hp_study_value(st, 3, 0)));
	assert_int_equal(st->iv_off[2] - st->iv_off[1], 3);
	assert_true(isnan(st->t_end[0]));
	p = &st->params[hp_study_param_index(st, "model/max_depth")];
	assert_int_equal(p->dist.kind, HP_DIST_INT);
	assert_string_equal(hp_param_format(p, p->v[3], buf, sizeof(buf)), "9");
	p = &st->params[hp_study_param_index(st, "booster")];
	assert_string_equal(hp_param_format(p, p->v[2], buf, sizeof(buf)), "dart");
	hp_studyset_release(&set);
}

static void
real_database_should_load_the_xgboost_search(void **state)
{
	struct hp_studyset set = { 0 };
	struct hp_study *st;
	const struct hp_param *p;
	long best;
	int i;

	(void)state;
	/* without --metric: rmse, mse, validation-rmse... are listed */
	assert_non_null(strstr(load_fail(shared_fixture("mlflow-real/mlflow.db"), NULL, NULL),
	    "several metrics (accuracy, best_iteration, mse, rmse, stopped_iteration, "
	    "validation-rmse)"));
	load_ok(shared_fixture("mlflow-real/mlflow.db"), "rmse", NULL, HP_DIR_NOT_SET, &set);
	assert_int_equal(set.n, 1);	/* my-experiment-1 has no rmse */
	st = set.v[0];
	assert_string_equal(st->name, "nyc-taxi-experiment");
	assert_int_equal(st->ntrials, 15);
	assert_int_equal(hp_study_count_state(st, HP_STATE_COMPLETE), 12);
	assert_int_equal(hp_study_count_state(st, HP_STATE_FAIL), 3);
	assert_string_equal(run_name(st, 0), "\"bemused-bee-27\"");
	/* sqlite3: min rmse over runs is adorable-swan-894, 4.93966449134755 */
	best = hp_study_best(st, 0);
	assert_true(best >= 0);
	assert_string_equal(run_name(st, (size_t)best), "\"adorable-swan-894\"");
	assert_near(hp_study_value(st, (size_t)best, 0), 4.93966449134755, 1e-12);
	p = &st->params[hp_study_param_index(st, "max_depth")];
	assert_int_equal(p->dist.kind, HP_DIST_INT);
	assert_near(p->dist.low, 7, 0);
	assert_near(p->dist.high, 97, 0);
	i = hp_study_param_index(st, "objective");
	assert_true(i >= 0);
	assert_int_equal(st->params[i].dist.kind, HP_DIST_CATEGORICAL);
	hp_studyset_release(&set);

	/* validation-rmse: per-round history of the two autologged runs */
	load_ok(shared_fixture("mlflow-real/mlflow.db"), "validation-rmse", NULL,
	    HP_DIR_NOT_SET, &set);
	st = set.v[0];
	for (size_t t = 0; t < st->ntrials; t++)
		if (strcmp(run_name(st, t), "\"powerful-grouse-119\"") == 0) {
			assert_int_equal(st->iv_off[t + 1] - st->iv_off[t], 83);
			assert_near(st->iv_step[st->iv_off[t + 1] - 1], 82, 0);
		}
	hp_studyset_release(&set);
}

static void
real_file_store_should_load_two_runs(void **state)
{
	struct hp_studyset set = { 0 };
	struct hp_study *st;

	(void)state;
	load_ok(shared_fixture("mlflow-real/mlruns"), "test_accuracy", NULL, HP_DIR_NOT_SET,
	    &set);
	assert_int_equal(set.n, 1);
	st = set.v[0];
	assert_string_equal(st->name, "mushroom");
	assert_int_equal(st->ntrials, 2);
	assert_int_equal(st->dir[0], HP_DIR_MAXIMIZE);
	/* by start time: 99496f31... (1601077490797) first */
	assert_string_equal(hp_study_attr(st, 0, 1, "mlflow:run_id")->json,
	    "\"99496f31203b45ada240bc2b903451a3\"");
	assert_near(hp_study_value(st, 0, 0), 0.993849938499385, 1e-15);
	assert_string_equal(hp_study_attr(st, 0, 0, "average_accuracy")->json,
	    "0.9904255716773938");
	assert_string_equal(hp_study_attr(st, 1, 1, "mlflow:run_name")->json,
	    "\"test_mushroom\"");
	assert_int_equal(st->nparams, 3);
	hp_studyset_release(&set);
}

/* m is "PATH: rest" with PATH the test's file as given (not its base name) */
static void
expect_at(const char *m, const char *file, const char *rest)
{
	char want[1024];

	snprintf(want, sizeof(want), "%s: %s", tmp_path(file), rest);
	assert_string_equal(m, want);
}

static void
malformed_database_should_fail_with_table_and_row(void **state)
{
	const char *m;
	char *db;
	size_t len;
	struct hp_err err;
	FILE *fp;

	(void)state;
	m = load_fail(variant("notable.db", "DROP TABLE metrics;"), "val_loss", NULL);
	expect_at(m, "notable.db", "no table metrics");
	m = load_fail(variant("status.db", "UPDATE runs SET status = 'DONE' "
	    "WHERE name = 'trial-b';"), "val_loss", NULL);
	assert_non_null(strstr(m, "status.db: table runs, row"));
	assert_non_null(strstr(m, "unknown status \"DONE\""));
	m = load_fail(variant("types.db", "INSERT INTO metrics VALUES ('val_loss', "
	    "'low', 1, 'c1000000000000000000000000000000', 5, 0);"), "val_loss", NULL);
	expect_at(m, "types.db", "table metrics, row 15: wrong types");
	m = load_fail(variant("huge.db", "UPDATE runs SET start_time = 1e300 "
	    "WHERE name = 'trial-a';"), "val_loss", NULL);
	assert_non_null(strstr(m, "huge.db: table runs, row"));
	assert_non_null(strstr(m, "time out of range"));
	m = load_fail(variant("hugestep.db", "INSERT INTO metrics VALUES ('val_loss', "
	    "1, 1, 'c1000000000000000000000000000000', 1e300, 0);"), "val_loss", NULL);
	expect_at(m, "hugestep.db", "table metrics, row 15: step out of range");
	assert_int_equal(hp_read_file(tmp_path("mlflow.db"), &db, &len, &err), 0);
	fp = fopen(tmp_path("trunc.db"), "wb");
	fwrite(db, 1, len / 2, fp);
	fclose(fp);
	free(db);
	m = load_fail(tmp_path("trunc.db"), "val_loss", "mlflow-sqlite");
	assert_non_null(strstr(m, "trunc.db"));
}

static void
malformed_file_store_should_fail_with_file_and_line(void **state)
{
	const char *m;

	(void)state;
	mkdir(tmp_path("fs"), 0700);
	mkdir(tmp_path("fs/1"), 0700);
	mkdir(tmp_path("fs/1/r1"), 0700);
	mkdir(tmp_path("fs/1/r1/metrics"), 0700);
	write_file(tmp_path("fs/1/meta.yaml"), "experiment_id: '1'\nname: e\n");
	write_file(tmp_path("fs/1/r1/meta.yaml"), "run_uuid: r1\nstatus: 3\n"
	    "start_time: 5\n");
	write_file(tmp_path("fs/1/r1/metrics/m"), "1 0.5 0\n2 zero 1\n");
	m = load_fail(tmp_path("fs"), NULL, NULL);
	assert_non_null(strstr(m, "fs/1/r1/metrics/m:2: expected \"timestamp value step\""));
	write_file(tmp_path("fs/1/r1/metrics/m"), "1 0.5 0\n2 0.6 1e300\n");
	m = load_fail(tmp_path("fs"), NULL, NULL);
	assert_non_null(strstr(m, "metrics/m:2:"));
	write_file(tmp_path("fs/1/r1/metrics/m"), "1 0.5 0\n");
	write_file(tmp_path("fs/1/r1/meta.yaml"), "run_uuid: r1\nstatus: 9\n");
	m = load_fail(tmp_path("fs"), NULL, NULL);
	assert_non_null(strstr(m, "fs/1/r1/meta.yaml: needs run_uuid and a known status"));
	write_file(tmp_path("fs/1/r1/meta.yaml"), "run_uuid: r1\nstatus: 3\n"
	    "start_time: soon\n");
	m = load_fail(tmp_path("fs"), NULL, NULL);
	assert_non_null(strstr(m, "start_time and end_time"));
	write_file(tmp_path("fs/1/r1/meta.yaml"), "run_uuid: r1\nname: 'open\n"
	    "status: 3\n");
	m = load_fail(tmp_path("fs"), NULL, NULL);
	assert_non_null(strstr(m, "fs/1/r1/meta.yaml:2: unterminated quoted value"));
	write_file(tmp_path("fs/1/r1/meta.yaml"), "run_uuid: r1\nstatus 3\n");
	m = load_fail(tmp_path("fs"), NULL, NULL);
	assert_non_null(strstr(m, "fs/1/r1/meta.yaml:2: expected \"key: value\""));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(detection_should_name_database_and_file_store),
		cmocka_unit_test(detection_should_name_the_real_database_and_file_store),
		cmocka_unit_test(several_metrics_should_be_an_error_listing_them),
		cmocka_unit_test(child_runs_should_form_one_study_of_their_parent),
		cmocka_unit_test(one_metric_should_be_the_default_objective),
		cmocka_unit_test(file_store_should_match_the_database_semantics),
		cmocka_unit_test(real_database_should_load_the_xgboost_search),
		cmocka_unit_test(real_file_store_should_load_two_runs),
		cmocka_unit_test(malformed_database_should_fail_with_table_and_row),
		cmocka_unit_test(malformed_file_store_should_fail_with_file_and_line),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
