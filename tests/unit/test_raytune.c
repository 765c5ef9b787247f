/*
 * test_raytune: the Ray Tune reader on the hand-made experiments in
 * tests/data/raytune/ -- exp2 (2.x trial_data: an ERROR trial without a
 * directory, a PENDING one, -Infinity and NaN tokens, an empty result.json
 * with a progress.csv, a NaN metric, a trial without the metric, nested
 * configs, two state files), exp1 (1.x checkpoints as objects and as a
 * JSON string, no trial directories, runner_data._metric), nostate (trial
 * directories only, an error.txt, a cut last line) -- and malformed
 * inputs built in a temporary directory, which must fail with one line
 * naming the file and place.
 */
#include "loadtest.h"

#include <sys/stat.h>

#include "../../src/load/internal.h"

static char tmpdir[256];

/* Loads dir with opts' metric and direction; asserts one study. */
static struct hp_studyset
load_dir(const char *dir, const char *metric, enum hp_direction d)
{
	struct hp_studyset set = { NULL, 0 };
	struct hp_load_opts o;
	struct hp_err err = { "" };

	hp_load_opts_defaults(&o);
	o.metric = metric;
	o.direction = d;
	if (hp_load_raytune(dir, &o, &set, &err) < 0) {
		print_error("loading %s: %s\n", dir, err.msg);
		fail();
	}
	assert_int_equal(set.n, 1);
	return set;
}

static const char *
attr(const struct hp_study *st, size_t t, const char *key)
{
	const struct hp_attr *a = hp_study_attr(st, t, 1, key);

	return a ? a->json : "";
}

static int
has_note(const struct hp_study *st, const char *frag)
{
	for (size_t i = 0; i < st->nnotes; i++)
		if (strstr(st->notes[i], frag))
			return 1;
	return 0;
}

static void
detection_should_recognise_experiments_by_content(void **state)
{
	struct hp_err err;

	(void)state;
	assert_true(hp_probe_raytune(testdata("raytune/exp2"), NULL, 0));
	assert_true(hp_probe_raytune(testdata("raytune/exp1"), NULL, 0));
	assert_true(hp_probe_raytune(testdata("raytune/nostate"), NULL, 0));
	/* a folder of experiments is not one; a file never is */
	assert_false(hp_probe_raytune(testdata("raytune"), NULL, 0));
	assert_false(hp_probe_raytune(testdata("raytune/exp2/tuner.pkl"), "x", 1));
	assert_string_equal(hp_detect(testdata("raytune/exp2"), NULL, &err), "raytune");
}

static void
state_should_give_states_order_and_trials_without_directory(void **state)
{
	struct hp_studyset set;
	struct hp_study *st;

	(void)state;
	set = load_dir(testdata("raytune/exp2"), "loss", HP_DIR_NOT_SET);
	st = set.v[0];
	assert_string_equal(st->name, "exp2");
	assert_int_equal(st->ntrials, 6);
	/* numbered by experiment_tag's index, not the state's order */
	for (int i = 0; i < 6; i++) {
		char want[32];

		snprintf(want, sizeof(want), "\"a_%05d\"", i);
		assert_string_equal(attr(st, trial_number(st, i), "ray:trial_id"), want);
	}
	assert_int_equal(st->state[trial_number(st, 0)], HP_STATE_COMPLETE);
	assert_int_equal(st->state[trial_number(st, 1)], HP_STATE_COMPLETE);
	assert_int_equal(st->state[trial_number(st, 2)], HP_STATE_FAIL);	/* ERROR, no dir */
	assert_int_equal(st->state[trial_number(st, 3)], HP_STATE_WAITING);	/* PENDING */
	assert_int_equal(st->dir[0], HP_DIR_MINIMIZE);
	assert_string_equal(st->objname[0], "loss");
	assert_true(has_note(st, "2 experiment_state files: read the newest, "
	    "experiment_state-2025-01-01_00-00-00.json"));
	assert_true(has_note(st, "1 Python pickle"));
	assert_true(has_note(st, "1 finished trial did not report \"loss\""));
	hp_studyset_release(&set);
}

static void
rows_should_give_value_intermediates_and_times(void **state)
{
	struct hp_studyset set;
	struct hp_study *st;
	size_t t;

	(void)state;
	set = load_dir(testdata("raytune/exp2"), "loss", HP_DIR_NOT_SET);
	st = set.v[0];
	/* result.json: the last row's value, both rows as intermediates */
	t = trial_number(st, 0);
	assert_near(hp_study_value(st, t, 0), 0.25, 0);
	assert_int_equal(st->iv_off[t + 1] - st->iv_off[t], 2);
	assert_near(st->iv_step[st->iv_off[t]], 1, 0);
	assert_near(st->iv_value[st->iv_off[t]], 0.5, 0);
	/* state start_time 2025-01-01 00:00:00 UTC, shown at the rows' local
	 * time (date 01:00:02 for timestamp 00:00:02: one hour ahead) */
	assert_near(st->t_start[t], 1735689600.0 + 3600, 0);
	assert_near(st->t_end[t], 1735689602.0 + 3600, 0);
	/* empty result.json: progress.csv's rows */
	t = trial_number(st, 1);
	assert_near(hp_study_value(st, t, 0), 0.3, 0);
	assert_int_equal(st->iv_off[t + 1] - st->iv_off[t], 2);
	assert_near(st->t_start[t], 1735689603.0 - 1.0 + 3600, 0);
	/* a NaN metric is no value; so is a metric never reported */
	assert_true(isnan(hp_study_value(st, trial_number(st, 4), 0)));
	assert_int_equal(st->state[trial_number(st, 4)], HP_STATE_COMPLETE);
	assert_true(isnan(hp_study_value(st, trial_number(st, 5), 0)));
	assert_true(isnan(hp_study_value(st, trial_number(st, 2), 0)));
	/* the other metrics' last values are user attributes */
	assert_string_equal(hp_study_attr(st, trial_number(st, 1), 0, "info/lr")->json,
	    "0.001");
	hp_studyset_release(&set);
}

static void
config_should_flatten_with_slash_and_keep_lists_as_choices(void **state)
{
	struct hp_studyset set;
	struct hp_study *st;
	const struct hp_param *p;

	(void)state;
	set = load_dir(testdata("raytune/exp2"), "loss", HP_DIR_NOT_SET);
	st = set.v[0];
	assert_string_equal(param_text(st, trial_number(st, 0), "opt/name"), "adam");
	assert_string_equal(param_text(st, trial_number(st, 1), "opt/lr"), "0.001");
	assert_string_equal(param_text(st, trial_number(st, 0), "layers"), "[1,2]");
	assert_string_equal(param_text(st, trial_number(st, 2), "layers"), "None");
	p = param_named(st, "x");
	assert_int_equal(p->dist.kind, HP_DIST_INT);
	assert_true(p->inferred);
	assert_int_equal(param_named(st, "layers")->dist.kind, HP_DIST_CATEGORICAL);
	assert_int_equal(param_named(st, "opt/lr")->dist.log, 1);
	assert_true(has_note(st, "Ray Tune stores no distributions"));
	hp_studyset_release(&set);
}

static void
several_metrics_should_be_an_error_listing_them(void **state)
{
	struct hp_studyset set = { NULL, 0 };
	struct hp_load_opts o;
	struct hp_err err = { "" };

	(void)state;
	hp_load_opts_defaults(&o);
	assert_int_equal(hp_load_raytune(testdata("raytune/exp2"), &o, &set, &err), -1);
	assert_int_equal(set.n, 0);
	assert_msg(err.msg, "exp2: several metrics (info/lr, loss): choose one with --metric");
	o.metric = "acc";
	assert_int_equal(hp_load_raytune(testdata("raytune/exp2"), &o, &set, &err), -1);
	assert_msg(err.msg, "no trial reported metric \"acc\" (metrics: info/lr, loss)");
}

static void
v1_state_should_give_metric_and_values_without_directories(void **state)
{
	struct hp_studyset set;
	struct hp_study *st;

	(void)state;
	set = load_dir(testdata("raytune/exp1"), NULL, HP_DIR_NOT_SET);
	st = set.v[0];
	/* runner_data._metric names it; "acc" reads as a score */
	assert_string_equal(st->objname[0], "acc");
	assert_int_equal(st->dir[0], HP_DIR_MAXIMIZE);
	assert_int_equal(st->ntrials, 3);
	assert_near(hp_study_value(st, trial_number(st, 0), 0), 0.9, 0);
	assert_near(hp_study_value(st, trial_number(st, 1), 0), 0.8, 0);
	assert_int_equal(st->state[trial_number(st, 2)], HP_STATE_RUNNING);
	assert_string_equal(param_text(st, trial_number(st, 2), "net/width"), "128");
	assert_int_equal(hp_study_best(st, 0), (long)trial_number(st, 0));
	hp_studyset_release(&set);
	/* --direction wins over the guess */
	set = load_dir(testdata("raytune/exp1"), NULL, HP_DIR_MINIMIZE);
	assert_int_equal(set.v[0]->dir[0], HP_DIR_MINIMIZE);
	hp_studyset_release(&set);
}

static void
trial_dirs_alone_should_give_states_from_their_files(void **state)
{
	struct hp_studyset set;
	struct hp_study *st;

	(void)state;
	set = load_dir(testdata("raytune/nostate"), NULL, HP_DIR_NOT_SET);
	st = set.v[0];
	assert_int_equal(st->ntrials, 2);
	assert_int_equal(st->state[trial_number(st, 0)], HP_STATE_COMPLETE);
	assert_int_equal(st->state[trial_number(st, 1)], HP_STATE_FAIL);	/* error.txt */
	/* the cut last line is left out: 2.5, not 3.0 */
	assert_near(hp_study_value(st, trial_number(st, 0), 0), 2.5, 0);
	assert_string_equal(param_text(st, trial_number(st, 1), "flag"), "False");
	assert_true(has_note(st, "no experiment_state file"));
	assert_true(has_note(st, "cut line"));
	hp_studyset_release(&set);
}

/* --- malformed input ----------------------------------------------------- */

static const char *
tmp_path(const char *rel)
{
	static char buf[512];

	snprintf(buf, sizeof(buf), "%s/%s", tmpdir, rel);
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

/* Loads tmpdir/dir; asserts failure with one line; returns the message. */
static const char *
fail_dir(const char *dir, const char *metric)
{
	static struct hp_err err;
	struct hp_studyset set = { NULL, 0 };
	struct hp_load_opts o;

	hp_load_opts_defaults(&o);
	o.metric = metric;
	memset(&err, 0, sizeof(err));
	assert_int_equal(hp_load_raytune(tmp_path(dir), &o, &set, &err), -1);
	assert_int_equal(set.n, 0);
	assert_null(strchr(err.msg, '\n'));
	return err.msg;
}

#define STATE "bad/experiment_state-2025-01-01_00-00-00.json"

static void
malformed_input_should_fail_with_file_and_place(void **state)
{
	(void)state;
	mkdir(tmp_path("bad"), 0700);
	mkdir(tmp_path("bad/t_0"), 0700);
	put("bad/t_0/params.json", "{\"x\": 1}");
	put("bad/t_0/result.json", "{\"loss\": 1, \"training_iteration\": 1}\n[1]\n");
	assert_msg(fail_dir("bad", NULL), "bad/t_0/result.json:2: expected a JSON object");
	put("bad/t_0/result.json", "{\"loss\": 1}\n{\"loss\": }\n");
	assert_msg(fail_dir("bad", NULL), "bad/t_0/result.json:2:", "malformed JSON");
	put("bad/t_0/result.json", "");
	put("bad/t_0/progress.csv", "loss,training_iteration\n1,1,3\n");
	assert_msg(fail_dir("bad", NULL), "bad/t_0/progress.csv: row 2: 3 fields, "
	    "the header has 2");
	unlink(tmp_path("bad/t_0/progress.csv"));
	put("bad/t_0/params.json", "[1]");
	assert_msg(fail_dir("bad", NULL), "bad/t_0/params.json: expected a JSON object");
	put("bad/t_0/params.json", "{}");
	put(STATE, "{\"trial_data\": [[\"{}\"]]}");
	assert_msg(fail_dir("bad", NULL), "experiment_state-2025-01-01_00-00-00.json: "
	    "trial_data[0]: expected a pair [trial, runtime]");
	put(STATE, "{\"trial_data\": [[\"{\\\"trial_id\\\": \", \"{}\"]]}");
	assert_msg(fail_dir("bad", NULL), "trial_data[0][0]");
	put(STATE, "{\"trial_data\": [[\"{\\\"trial_id\\\": \\\"a\\\", "
	    "\\\"status\\\": \\\"LOST\\\"}\", \"{\\\"last_result\\\": -Infinity}\"]]}");
	assert_msg(fail_dir("bad", NULL), "unknown status \"LOST\"");
	put(STATE, "{\"checkpoints\": [{\"status\": \"PENDING\"}]}");
	assert_msg(fail_dir("bad", NULL), "checkpoints[0]: no \"trial_id\" string");
	put(STATE, "{\"checkpoints\": [{\"trial_id\": \"a\", \"status\": \"PENDING\"},"
	    " {\"trial_id\": \"a\", \"status\": \"PENDING\"}]}");
	assert_msg(fail_dir("bad", NULL), "checkpoints[1]: trial_id \"a\" appears twice");
	put(STATE, "{\"runner_data\": {}}");
	assert_msg(fail_dir("bad", NULL), "neither a \"trial_data\" list");
	put(STATE, "{\"checkpoints\": [");
	assert_msg(fail_dir("bad", NULL), "experiment_state-2025-01-01_00-00-00.json:1:");
	/* nothing in it at all */
	mkdir(tmp_path("empty"), 0700);
	put("empty/experiment_state-x.json", "{\"checkpoints\": []}");
	assert_msg(fail_dir("empty", NULL), "empty: no trials");
}

static int
setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/hp-raytune.XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	return 0;
}

static int
teardown(void **state)
{
	char *cmd = hp_sprintf("rm -rf '%s'", tmpdir);

	(void)state;
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	free(cmd);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(detection_should_recognise_experiments_by_content),
		cmocka_unit_test(state_should_give_states_order_and_trials_without_directory),
		cmocka_unit_test(rows_should_give_value_intermediates_and_times),
		cmocka_unit_test(config_should_flatten_with_slash_and_keep_lists_as_choices),
		cmocka_unit_test(several_metrics_should_be_an_error_listing_them),
		cmocka_unit_test(v1_state_should_give_metric_and_values_without_directories),
		cmocka_unit_test(trial_dirs_alone_should_give_states_from_their_files),
		cmocka_unit_test(malformed_input_should_fail_with_file_and_place),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
