/*
 * test_smac: the SMAC3 reader on the hand-made runs in tests/data/smac/ --
 * v1 (0.x/1.x pairs of lists with status enums, instances, a crash at
 * MAXINT, a RUNNING run, every ConfigSpace type), v20 (2.0 flat rows,
 * budgets, two objectives, no configspace.json) and v23 (2.3 dict rows,
 * RUNNING at MAXINT, +-inf costs) -- and malformed runhistories that must
 * fail with one line naming the file and the row.
 */
#include "loadtest.h"

#include <sys/stat.h>

#include "../../src/load/internal.h"

static void
detection_should_recognise_each_row_shape(void **state)
{
	struct hp_err err;

	(void)state;
	assert_string_equal(hp_detect(testdata("smac/v1"), NULL, &err), "smac");
	assert_string_equal(hp_detect(testdata("smac/v20"), NULL, &err), "smac");
	assert_string_equal(hp_detect(testdata("smac/v23/runhistory.json"), NULL,
	    &err), "smac");
	assert_int_equal(hp_probe_smac("x.json", "{\"data\": [1, 2]}", 16), 0);
}

static void
v1_should_aggregate_instances_per_configuration(void **state)
{
	struct hp_studyset set = load_ok(hp_load_smac, testdata("smac/v1"));
	struct hp_study *st = set.v[0];
	size_t t;

	(void)state;
	assert_string_equal(st->name, "v1");
	assert_string_equal(st->objname[0], "cost");
	assert_int_equal(st->dir[0], HP_DIR_MINIMIZE);
	assert_int_equal(st->ntrials, 6);
	/* config 1: two SUCCESS runs, mean 0.4, running mean 0.5 then 0.4 */
	t = trial_number(st, 1);
	assert_int_equal(st->state[t], HP_STATE_COMPLETE);
	assert_near(hp_study_value(st, t, 0), 0.4, 1e-15);
	assert_int_equal(st->iv_off[t + 1] - st->iv_off[t], 2);
	assert_near(st->iv_value[st->iv_off[t]], 0.5, 0);
	assert_near(st->t_start[t], 100, 0);
	assert_near(st->t_end[t], 102, 0);
	assert_string_equal(hp_study_attr(st, t, 1, "origin")->json, "\"Default\"");
	/* config 2: one TIMEOUT run where others ran two: raced out */
	t = trial_number(st, 2);
	assert_int_equal(st->state[t], HP_STATE_PRUNED);
	assert_near(hp_study_value(st, t, 0), 0.9, 0);
	/* config 3: crashed at MAXINT: no value */
	t = trial_number(st, 3);
	assert_int_equal(st->state[t], HP_STATE_FAIL);
	assert_true(isnan(hp_study_value(st, t, 0)));
	t = trial_number(st, 4);
	assert_int_equal(st->state[t], HP_STATE_RUNNING);
	assert_true(isnan(hp_study_value(st, t, 0)));
	assert_true(isnan(st->t_end[t]));
	/* config 6 never ran */
	assert_int_equal(st->state[trial_number(st, 6)], HP_STATE_WAITING);
	hp_studyset_release(&set);
}

static void
v1_should_read_every_configspace_type(void **state)
{
	struct hp_studyset set = load_ok(hp_load_smac, testdata("smac/v1"));
	struct hp_study *st = set.v[0];
	const struct hp_param *p;

	(void)state;
	p = param_named(st, "lr");
	assert_int_equal(p->dist.kind, HP_DIST_FLOAT);
	assert_true(p->dist.log);
	assert_near(p->dist.low, 0.0001, 0);
	p = param_named(st, "depth");
	assert_int_equal(p->dist.kind, HP_DIST_INT);
	assert_false(p->inferred);
	p = param_named(st, "size");	/* ordinal: in sequence order */
	assert_int_equal(p->dist.kind, HP_DIST_CATEGORICAL);
	assert_string_equal(p->dist.choices[1].str, "medium");
	p = param_named(st, "const");
	assert_int_equal(p->dist.nchoices, 1);
	assert_string_equal(param_text(st, trial_number(st, 2), "size"), "large");
	/* normal_float without bounds: typed from the values; absent elsewhere */
	p = param_named(st, "mom");
	assert_true(p->inferred);
	assert_string_equal(param_text(st, trial_number(st, 1), "mom"), "");
	hp_studyset_release(&set);
}

static void
v20_should_make_budgets_intermediate_values(void **state)
{
	struct hp_studyset set = load_ok(hp_load_smac, testdata("smac/v20"));
	struct hp_study *st = set.v[0];
	size_t t;

	(void)state;
	assert_string_equal(st->name, "mo-test/7");
	assert_int_equal(st->nobj, 2);
	assert_string_equal(st->objname[0], "error");
	assert_string_equal(st->objname[1], "train_time");
	t = trial_number(st, 1);	/* budgets 1, 3 (TIMEOUT at inf), 9 */
	assert_int_equal(st->state[t], HP_STATE_COMPLETE);
	assert_near(hp_study_value(st, t, 0), 0.1, 0);
	assert_near(hp_study_value(st, t, 1), 90, 0);
	assert_int_equal(st->iv_off[t + 1] - st->iv_off[t], 3);
	assert_near(st->iv_step[st->iv_off[t] + 1], 3, 0);
	assert_true(isinf(st->iv_value[st->iv_off[t] + 1]));
	assert_string_equal(hp_study_attr(st, t, 1, "budget")->json, "9");
	t = trial_number(st, 2);	/* stopped at budget 3 */
	assert_int_equal(st->state[t], HP_STATE_PRUNED);
	assert_near(hp_study_value(st, t, 0), 0.4, 0);
	t = trial_number(st, 3);	/* NaN second cost stays NaN */
	assert_true(isnan(hp_study_value(st, t, 1)));
	assert_true(param_named(st, "x")->inferred);
	hp_studyset_release(&set);
}

static void
v23_should_read_dict_rows_and_keep_infinities(void **state)
{
	struct hp_studyset set = load_ok(hp_load_smac, testdata("smac/v23/runhistory.json"));
	struct hp_study *st = set.v[0];

	(void)state;
	assert_int_equal(st->state[trial_number(st, 1)], HP_STATE_COMPLETE);
	assert_int_equal(st->state[trial_number(st, 2)], HP_STATE_RUNNING);
	assert_true(isnan(hp_study_value(st, trial_number(st, 2), 0)));
	assert_int_equal(st->state[trial_number(st, 3)], HP_STATE_FAIL);
	assert_int_equal(st->state[trial_number(st, 4)], HP_STATE_COMPLETE);
	assert_true(isinf(hp_study_value(st, trial_number(st, 4), 0)));
	/* best is finite only */
	assert_int_equal(hp_study_best(st, 0), (long)trial_number(st, 1));
	hp_studyset_release(&set);
}

static void
malformed_runhistories_should_fail_with_file_and_row(void **state)
{
	(void)state;
	assert_msg(load_fail(hp_load_smac, "rh1.json", "{\"data\": [[1, null, 0, "
	    "null, 0.5, 1, 1, 0, 0, {}]], \"configs\": {}}"),
	    "rh1.json: data[0]: config_id 1 is not in \"configs\"");
	assert_msg(load_fail(hp_load_smac, "rh2.json", "{\"data\": [[[1, null, 0, 0], "
	    "[\"x\", 1, {\"__enum__\": \"StatusType.SUCCESS\"}, 0, 0, {}]]], "
	    "\"configs\": {\"1\": {}}}"), "rh2.json: data[0]: cost must be a number");
	assert_msg(load_fail(hp_load_smac, "rh3.json", "{\"data\": [[1, 2]], "
	    "\"configs\": {\"1\": {}}}"), "rh3.json: data[0]: not a run");
	assert_msg(load_fail(hp_load_smac, "rh4.json", "{\"data\": [[[1, null, 0, 0], "
	    "[0.5, 1, \"SUCCESS\", 0, 0, {}]]], \"configs\": {\"1\": {}}}"),
	    "rh4.json: data[0]: status must be");
	assert_msg(load_fail(hp_load_smac, "rh5.json", "{\"data\": [], \"configs\": "
	    "{\"one\": {}}}"), "rh5.json: configs: key \"one\" is not a config id");
	assert_msg(load_fail(hp_load_smac, "rh6.json", "{\"data\": [\n{\"config_id\": "
	    "1, \"cost\": }]}"), "rh6.json:2:");
	assert_msg(load_fail(hp_load_smac, "rh7.json", "{\"data\": [{\"config_id\": "
	    "1.5, \"cost\": 1, \"status\": 1}], \"configs\": {\"1\": {}}}"),
	    "rh7.json: data[0]: \"config_id\" must be an integer");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(detection_should_recognise_each_row_shape),
		cmocka_unit_test(v1_should_aggregate_instances_per_configuration),
		cmocka_unit_test(v1_should_read_every_configspace_type),
		cmocka_unit_test(v20_should_make_budgets_intermediate_values),
		cmocka_unit_test(v23_should_read_dict_rows_and_keep_infinities),
		cmocka_unit_test(malformed_runhistories_should_fail_with_file_and_row),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
