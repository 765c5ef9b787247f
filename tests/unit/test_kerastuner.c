/*
 * test_kerastuner: the Keras Tuner reader on the hand-made project in
 * tests/data/kerastuner/proj/ (five trials: start_order numbering, every
 * hyperparameter class, a value list averaged, RUNNING/FAILED/INVALID,
 * Hyperband's tuner/... values, a binary checkpoint), and malformed
 * projects built in a temporary directory that must fail with one line
 * naming the file and the place.
 */
#include "loadtest.h"

#include <sys/stat.h>

#include "../../src/load/internal.h"

static char tmpdir[256];

static const char *
tmp_path(const char *name)
{
	static char buf[512];

	snprintf(buf, sizeof(buf), "%s/%s", tmpdir, name);
	return buf;
}

static void
put(const char *rel, const char *text)
{
	FILE *fp = fopen(tmp_path(rel), "wb");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static int
setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/hp-kt.XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
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
detection_should_recognise_a_project_by_its_oracle(void **state)
{
	struct hp_err err;

	(void)state;
	assert_string_equal(hp_detect(testdata("kerastuner/proj"), NULL, &err),
	    "kerastuner");
	/* a trial directory is not a project */
	assert_int_equal(hp_probe_kerastuner(testdata("kerastuner/proj/trial_0"),
	    NULL, 0), 0);
}

static void
project_should_number_trials_by_start_order(void **state)
{
	struct hp_studyset set = load_ok(hp_load_kerastuner, testdata("kerastuner/proj"));
	struct hp_study *st;

	(void)state;
	assert_int_equal(set.n, 1);
	st = set.v[0];
	assert_string_equal(st->name, "proj");
	assert_int_equal(st->ntrials, 5);
	/* start_order ["2", "0", "1", "3"]; "4" is not listed and follows */
	assert_string_equal(hp_study_attr(st, trial_number(st, 0), 1, "trial_id")->json, "\"2\"");
	assert_string_equal(hp_study_attr(st, trial_number(st, 1), 1, "trial_id")->json, "\"0\"");
	assert_string_equal(hp_study_attr(st, trial_number(st, 4), 1, "trial_id")->json, "\"4\"");
	assert_int_equal(st->state[trial_number(st, 0)], HP_STATE_RUNNING);
	assert_int_equal(st->state[trial_number(st, 1)], HP_STATE_COMPLETE);
	assert_int_equal(st->state[trial_number(st, 2)], HP_STATE_FAIL);
	assert_int_equal(st->state[trial_number(st, 4)], HP_STATE_FAIL);
	assert_true(isnan(hp_study_value(st, trial_number(st, 0), 0)));
	hp_studyset_release(&set);
}

static void
project_should_infer_the_objective_from_the_scores(void **state)
{
	struct hp_studyset set = load_ok(hp_load_kerastuner, testdata("kerastuner/proj"));
	struct hp_study *st = set.v[0];
	size_t t;

	(void)state;
	assert_string_equal(st->objname[0], "val_loss");
	assert_int_equal(st->dir[0], HP_DIR_MINIMIZE);
	assert_int_equal(hp_study_best(st, 0), (long)trial_number(st, 3));
	assert_near(hp_study_value(st, trial_number(st, 3), 0), 0.4, 0);
	/* val_loss observations are the intermediate values, lists averaged */
	t = trial_number(st, 1);
	assert_int_equal(st->iv_off[t + 1] - st->iv_off[t], 3);
	assert_near(st->iv_value[st->iv_off[t] + 1], 0.5, 0);
	t = trial_number(st, 3);
	assert_near(st->iv_value[st->iv_off[t]], 0.4, 1e-15);
	/* the other metric's last value is an attribute */
	assert_string_equal(hp_study_attr(st, trial_number(st, 1), 0, "loss")->json, "1");
	hp_studyset_release(&set);
}

static void
project_should_map_every_hyperparameter_class(void **state)
{
	struct hp_studyset set = load_ok(hp_load_kerastuner, testdata("kerastuner/proj"));
	struct hp_study *st = set.v[0];
	const struct hp_param *p;
	size_t t = trial_number(st, 1);

	(void)state;
	p = param_named(st, "units");
	assert_int_equal(p->dist.kind, HP_DIST_INT);
	assert_near(p->dist.step, 8, 0);
	assert_near(p->dist.high, 64, 0);
	p = param_named(st, "lr");
	assert_int_equal(p->dist.kind, HP_DIST_FLOAT);
	assert_true(p->dist.log);
	p = param_named(st, "act");	/* the repeated "relu" listed once */
	assert_int_equal(p->dist.nchoices, 2);
	p = param_named(st, "bn");
	assert_int_equal(p->dist.choices[1].kind, HP_CHOICE_BOOL);
	assert_int_equal(param_named(st, "opt")->dist.nchoices, 1);
	assert_string_equal(param_text(st, t, "units"), "16");
	assert_string_equal(param_text(st, t, "act"), "tanh");
	assert_string_equal(param_text(st, t, "bn"), "True");
	/* Hyperband's values are system attributes, not params */
	assert_int_equal(hp_study_param_index(st, "tuner/epochs"), -1);
	assert_string_equal(hp_study_attr(st, trial_number(st, 3), 1,
	    "tuner/epochs")->json, "4");
	assert_string_equal(hp_study_attr(st, trial_number(st, 3), 1,
	    "tuner/trial_id")->json, "\"0\"");
	hp_studyset_release(&set);
}

static void
metric_option_should_choose_the_objective(void **state)
{
	struct hp_studyset set = { NULL, 0 };
	struct hp_load_opts o;
	struct hp_err err;
	struct hp_study *st;

	(void)state;
	hp_load_opts_defaults(&o);
	o.metric = "loss";
	assert_int_equal(hp_load_kerastuner(testdata("kerastuner/proj"), &o, &set, &err), 0);
	st = set.v[0];
	assert_string_equal(st->objname[0], "loss");
	assert_near(hp_study_value(st, trial_number(st, 1), 0), 1.0, 0);
	assert_near(hp_study_value(st, trial_number(st, 3), 0), 0.7, 1e-15);
	hp_studyset_release(&set);
	o.metric = "nope";
	assert_int_equal(hp_load_kerastuner(testdata("kerastuner/proj"), &o, &set, &err), -1);
	assert_msg(err.msg, "no metric \"nope\"");
}

static const char oracle[] = "{\"ongoing_trials\": {}, \"hyperparameters\": "
    "{\"space\": [{\"class_name\": \"Choice\", \"config\": {\"name\": \"c\", "
    "\"values\": [1, 2]}}], \"values\": {}}, \"tried_so_far\": []}";

/* A project of one trial whose trial.json is `trial`; the load's message. */
static const char *
load_bad(const char *trial)
{
	static struct hp_err err;
	struct hp_studyset set = { NULL, 0 };
	struct hp_load_opts o;

	mkdir(tmp_path("bad"), 0700);
	mkdir(tmp_path("bad/trial_0"), 0700);
	put("bad/oracle.json", oracle);
	put("bad/trial_0/trial.json", trial);
	hp_load_opts_defaults(&o);
	memset(&err, 0, sizeof(err));
	assert_int_equal(hp_load_kerastuner(tmp_path("bad"), &o, &set, &err), -1);
	assert_int_equal(set.n, 0);
	assert_null(strchr(err.msg, '\n'));
	return err.msg;
}

static void
malformed_projects_should_fail_with_file_and_place(void **state)
{
	(void)state;
	assert_msg(load_bad("{\"trial_id\": \"0\", \"hyperparameters\": {\"values\": "
	    "{\"c\": 3}}}"), "trial_0/trial.json: hyperparameter \"c\": value "
	    "does not fit its space");
	assert_msg(load_bad("{\"trial_id\": \"0\", \"hyperparameters\": {}, "
	    "\"status\": \"DONE\"}"), "trial_0/trial.json: unknown status \"DONE\"");
	assert_msg(load_bad("{\"trial_id\": \"0\", \"hyperparameters\": {},\n "
	    "\"score\": }"), "trial_0/trial.json:2:");
	assert_msg(load_bad("{\"trial_id\": \"0\"}"),
	    "trial_0/trial.json: missing \"hyperparameters\"");
	assert_msg(load_bad("{\"trial_id\": \"0\", \"hyperparameters\": {}, \"metrics\": "
	    "{\"metrics\": {\"m\": {\"observations\": [{\"value\": \"x\"}]}}}, "
	    "\"score\": 1}"), "metrics \"m\" observations[0]: \"value\" must be");
	assert_msg(load_bad("{\"trial_id\": \"0\", \"hyperparameters\": {\"space\": "
	    "[{\"class_name\": \"Float\", \"config\": {\"name\": \"f\", \"min_value\": 2, "
	    "\"max_value\": 1}}]}}"), "hyperparameters.space[0]: bad range");
}

static void
duplicate_ids_should_fail_naming_both_files(void **state)
{
	struct hp_studyset set = { NULL, 0 };
	struct hp_load_opts o;
	struct hp_err err;

	(void)state;
	mkdir(tmp_path("dup"), 0700);
	mkdir(tmp_path("dup/trial_a"), 0700);
	mkdir(tmp_path("dup/trial_b"), 0700);
	put("dup/oracle.json", oracle);
	put("dup/trial_a/trial.json", "{\"trial_id\": \"1\", \"hyperparameters\": {}}");
	put("dup/trial_b/trial.json", "{\"trial_id\": \"1\", \"hyperparameters\": {}}");
	hp_load_opts_defaults(&o);
	assert_int_equal(hp_load_kerastuner(tmp_path("dup"), &o, &set, &err), -1);
	assert_msg(err.msg, "trial_b/trial.json: trial id \"1\" repeats trial 1",
	    "trial_a/trial.json");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(detection_should_recognise_a_project_by_its_oracle),
		cmocka_unit_test(project_should_number_trials_by_start_order),
		cmocka_unit_test(project_should_infer_the_objective_from_the_scores),
		cmocka_unit_test(project_should_map_every_hyperparameter_class),
		cmocka_unit_test(metric_option_should_choose_the_objective),
		cmocka_unit_test(malformed_projects_should_fail_with_file_and_place),
		cmocka_unit_test(duplicate_ids_should_fail_naming_both_files),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
