/*
 * test_wandb: the W&B readers on hand-made inputs (tests/data/wandb/): a
 * wandb/ directory with a 0.8 run (desc/value config, history jsonl), a
 * 0.19 run in a sweep (files/, binary history), a crashed run whose config
 * is only in the sweep, and a runs-table CSV export; expected values were
 * read off the files by hand.  Malformed inputs fail with one line.
 */
#include "loadtest.h"

#include <math.h>
#include <sys/stat.h>

#include "../../src/load/internal.h"

static struct hp_studyset
load_metric(loader_fn fn, const char *path, const char *metric)
{
	struct hp_studyset set = { NULL, 0 };
	struct hp_load_opts o;
	struct hp_err err = { "" };

	hp_load_opts_defaults(&o);
	o.metric = metric;
	if (fn(path, &o, &set, &err) < 0) {
		print_error("loading %s: %s\n", path, err.msg);
		fail();
	}
	return set;
}

static void
detection_should_tell_the_directory_and_the_csv_exports(void **state)
{
	struct hp_err err;

	(void)state;
	assert_string_equal(hp_detect(testdata("wandb/wandb"), NULL, &err), "wandb-dir");
	assert_string_equal(hp_detect(testdata("wandb/runs.csv"), NULL, &err), "wandb-csv");
	assert_false(hp_probe_wandb_dir(testdata("wandb"), NULL, 0));
}

static void
directory_should_make_a_study_per_sweep_and_one_for_the_rest(void **state)
{
	struct hp_studyset set = load_metric(hp_load_wandb_dir,
	    testdata("wandb/wandb"), "val_loss");
	struct hp_study *st;
	size_t t;

	(void)state;
	assert_int_equal(set.n, 2);
	st = study_named(&set, "edge-proj");
	assert_int_equal(st->ntrials, 1);
	assert_int_equal(st->dir[0], HP_DIR_MINIMIZE);
	assert_string_equal(st->objname[0], "val_loss");
	assert_int_equal(st->state[0], HP_STATE_COMPLETE);
	assert_true(hp_study_value(st, 0, 0) == 0.5);
	/* desc/value entries, a nested mapping, a sequence, a bool; null absent */
	assert_string_equal(param_text(st, 0, "lr"), "0.001");
	assert_string_equal(param_text(st, 0, "optim.name"), "adam");
	assert_string_equal(param_text(st, 0, "optim.beta"), "0.9");
	assert_string_equal(param_text(st, 0, "layers"), "[64, 32]");
	assert_string_equal(param_text(st, 0, "use_bn"), "True");
	assert_int_equal(hp_study_param_index(st, "note"), -1);
	assert_int_equal(hp_study_param_index(st, "_wandb"), -1);
	/* history rows with val_loss: steps 0 and 2 */
	assert_int_equal(st->iv_off[1] - st->iv_off[0], 2);
	assert_true(st->iv_step[0] == 0 && st->iv_value[0] == 0.9);
	assert_true(st->iv_step[1] == 2 && st->iv_value[1] == 0.5);
	assert_true(st->t_end[0] - st->t_start[0] == 30);
	assert_non_null(hp_study_attr(st, 0, 0, "acc"));

	st = study_named(&set, "edge-proj/sweep-sw1");
	assert_int_equal(st->ntrials, 2);
	t = 0;	/* bbbb2222 started first: +inf kept, COMPLETE */
	assert_int_equal(st->state[t], HP_STATE_COMPLETE);
	assert_true(isinf(hp_study_value(st, t, 0)));
	assert_string_equal(param_text(st, t, "lr"), "0.01");
	/* cccc3333: no summary -> FAIL, config from the sweep's yaml */
	assert_int_equal(st->state[1], HP_STATE_FAIL);
	assert_true(isnan(hp_study_value(st, 1, 0)));
	assert_string_equal(param_text(st, 1, "optim.beta"), "0.99");
	assert_string_equal(param_text(st, 1, "layers"), "");
	assert_true(st->nnotes >= 2);
	hp_studyset_release(&set);
}

static void
directory_without_metric_should_list_the_candidates(void **state)
{
	struct hp_studyset set = { NULL, 0 };
	struct hp_load_opts o;
	struct hp_err err;

	(void)state;
	hp_load_opts_defaults(&o);
	assert_int_equal(hp_load_wandb_dir(testdata("wandb/wandb"), &o, &set, &err), -1);
	assert_int_equal(set.n, 0);
	assert_msg(err.msg, "several summary metrics (acc, val_loss)", "--metric");
	o.metric = "nope";
	assert_int_equal(hp_load_wandb_dir(testdata("wandb/wandb"), &o, &set, &err), -1);
	assert_msg(err.msg, "no run has summary metric \"nope\"");
}

static void
csv_should_group_by_sweep_and_number_by_created(void **state)
{
	struct hp_studyset set = load_metric(hp_load_wandb_csv,
	    testdata("wandb/runs.csv"), "val_loss");
	struct hp_study *st;

	(void)state;
	assert_int_equal(set.n, 2);
	st = study_named(&set, "runs/sweep-s1");
	assert_int_equal(st->ntrials, 3);
	/* r-early (10:00), r-crash (11:00), r-late (12:00) */
	assert_true(hp_study_value(st, 0, 0) == 0.25);
	assert_int_equal(st->state[1], HP_STATE_FAIL);
	assert_true(isnan(hp_study_value(st, 1, 0)));
	assert_true(hp_study_value(st, 2, 0) == 0.5);
	assert_true(st->t_end[2] - st->t_start[2] == 60);
	assert_string_equal(param_text(st, 0, "opt"), "sgd");
	assert_int_equal(hp_study_param_index(st, "Name"), -1);
	st = study_named(&set, "runs");
	assert_int_equal(st->ntrials, 2);
	assert_int_equal(st->state[0], HP_STATE_RUNNING);	/* r-solo, 08:00 */
	assert_true(isnan(hp_study_value(st, 1, 0)));		/* NaN */
	hp_studyset_release(&set);
}

static void
csv_params_option_should_keep_the_other_columns_as_attributes(void **state)
{
	struct hp_studyset set = { NULL, 0 };
	struct hp_load_opts o;
	struct hp_err err;
	char lr[] = "lr", name[] = "Name";
	char *params[] = { lr };
	struct hp_study *st;

	(void)state;
	hp_load_opts_defaults(&o);
	o.metric = "acc";
	o.params = params;
	o.nparams = 1;
	assert_int_equal(hp_load_wandb_csv(testdata("wandb/runs.csv"), &o, &set, &err), 0);
	st = study_named(&set, "runs/sweep-s1");
	assert_int_equal(st->nparams, 1);
	assert_string_equal(st->params[0].name, "lr");
	assert_int_equal(st->dir[0], HP_DIR_MAXIMIZE);	/* from the name */
	assert_non_null(hp_study_attr(st, 0, 0, "opt"));
	hp_studyset_release(&set);
	params[0] = name;
	assert_int_equal(hp_load_wandb_csv(testdata("wandb/runs.csv"), &o, &set, &err), -1);
	assert_msg(err.msg, "--params: no param column \"Name\"");
}

static void
malformed_inputs_should_fail_with_one_line(void **state)
{
	const char *m;
	char dir[512];

	(void)state;
	m = load_fail(hp_load_wandb_csv, "w.csv", "\"Name\",\"State\",\"Created\",\"x\"\n"
	    "\"a\",\"finished\",\"2024-01-01T00:00:00Z\",\"1\"\n\"b\",\"finished\"\n");
	assert_msg(m, "w.csv: row 3: 2 fields, the header has 4");
	m = load_fail(hp_load_wandb_csv, "w.csv", "\"Name\",\"State\",\"Created\",\"x\"\n"
	    "\"a\",\"weird\",\"2024-01-01T00:00:00Z\",\"1\"\n");
	assert_msg(m, "w.csv: row 2: unknown State \"weird\"");
	m = load_fail(hp_load_wandb_csv, "c.csv", "\"step\",\"a - loss\",\"a - loss__MIN\","
	    "\"a - loss__MAX\"\n\"1\",\"2\",\"2\",\"2\"\n");
	assert_msg(m, "c.csv: a W&B chart panel export", "not a runs table");
	/* a config.yaml that is not YAML */
	snprintf(dir, sizeof(dir), "%s/wb", getenv("HP_TMP") ? getenv("HP_TMP") : "/tmp");
	mkdir(dir, 0700);
	strcat(dir, "/run-1-x");
	mkdir(dir, 0700);
	write_tmp("wb/run-1-x/wandb-summary.json", "{\"m\": 1}");
	write_tmp("wb/run-1-x/config.yaml", "a: [1, 2\nb: 3\n");
	{
		struct hp_studyset set = { NULL, 0 };
		struct hp_load_opts o;
		struct hp_err err;

		hp_load_opts_defaults(&o);
		*strrchr(dir, '/') = '\0';
		assert_int_equal(hp_load_wandb_dir(dir, &o, &set, &err), -1);
		assert_int_equal(set.n, 0);
		assert_msg(err.msg, "run-1-x/config.yaml:", "YAML");
		assert_null(strchr(err.msg, '\n'));
		write_tmp("wb/run-1-x/config.yaml", "lr: {value: 1}\n");
		write_tmp("wb/run-1-x/wandb-summary.json", "{\"m\": 1");
		assert_int_equal(hp_load_wandb_dir(dir, &o, &set, &err), -1);
		assert_msg(err.msg, "run-1-x/wandb-summary.json:");
		write_tmp("wb/run-1-x/wandb-summary.json", "{\"m\": 1}");
		write_tmp("wb/run-1-x/wandb-history.jsonl", "{\"m\": 1}\n{oops\n");
		assert_int_equal(hp_load_wandb_dir(dir, &o, &set, &err), -1);
		assert_msg(err.msg, "run-1-x/wandb-history.jsonl:2:");
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(detection_should_tell_the_directory_and_the_csv_exports),
		cmocka_unit_test(directory_should_make_a_study_per_sweep_and_one_for_the_rest),
		cmocka_unit_test(directory_without_metric_should_list_the_candidates),
		cmocka_unit_test(csv_should_group_by_sweep_and_number_by_created),
		cmocka_unit_test(csv_params_option_should_keep_the_other_columns_as_attributes),
		cmocka_unit_test(malformed_inputs_should_fail_with_one_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
