/*
 * test_hyperopt_nevergrad: the Hyperopt and Nevergrad readers on
 * hand-made files (tests/data/hyperopt/, tests/data/nevergrad/), written
 * from the fields of hyperopt's base.py and Nevergrad's ParametersLogger;
 * expected values read off the files by hand.  Malformed inputs and the
 * dumped Trials repr fail with one line naming the file and place.
 */
#include "loadtest.h"

#include <math.h>

#include "../../src/load/internal.h"

static void
detection_should_tell_the_three_hyperopt_forms_and_nevergrad(void **state)
{
	struct hp_err err;

	(void)state;
	assert_string_equal(hp_detect(testdata("hyperopt/trials.json"), NULL, &err),
	    "hyperopt-json");
	assert_string_equal(hp_detect(testdata("hyperopt/results.json"), NULL, &err),
	    "hyperopt-json");
	assert_string_equal(hp_detect(testdata("hyperopt/perjson"), NULL, &err),
	    "hyperopt-dir");
	assert_string_equal(hp_detect(testdata("nevergrad/edge.jsonl"), NULL, &err),
	    "nevergrad");
}

static void
trials_dump_should_read_tid_states_vals_and_times(void **state)
{
	struct hp_studyset set = load_ok(hp_load_hyperopt, testdata("hyperopt/trials.json"));
	struct hp_study *st = set.v[0];

	(void)state;
	assert_int_equal(set.n, 1);
	assert_int_equal(st->ntrials, 6);
	assert_int_equal(st->dir[0], HP_DIR_MINIMIZE);
	assert_string_equal(st->objname[0], "loss");
	assert_int_equal(st->state[trial_number(st, 1)], HP_STATE_COMPLETE);
	assert_true(hp_study_value(st, trial_number(st, 1), 0) == 0.31);
	assert_int_equal(st->state[trial_number(st, 2)], HP_STATE_FAIL);	/* state 3 */
	assert_int_equal(st->state[trial_number(st, 3)], HP_STATE_COMPLETE);
	assert_true(isnan(hp_study_value(st, trial_number(st, 3), 0)));	/* NaN loss */
	assert_true(isinf(hp_study_value(st, trial_number(st, 4), 0)));
	assert_int_equal(st->state[trial_number(st, 5)], HP_STATE_RUNNING);	/* state 1 */
	assert_int_equal(hp_study_best(st, 0), (long)trial_number(st, 1));
	assert_string_equal(param_text(st, 0, "units"), "64");
	assert_string_equal(param_text(st, 0, "momentum"), "");	/* vals [] */
	assert_string_equal(param_text(st, 1, "momentum"), "0.9");
	assert_near(st->t_end[0] - st->t_start[0], 2.5, 1e-6);
	assert_near(st->t_start[4], 1714557609.0, 1e-6);		/* $date ms */
	assert_non_null(hp_study_attr(st, 0, 0, "eval_time"));
	hp_studyset_release(&set);
}

static void
results_dump_should_take_params_from_the_params_dict(void **state)
{
	struct hp_studyset set = load_ok(hp_load_hyperopt, testdata("hyperopt/results.json"));
	struct hp_study *st = set.v[0];

	(void)state;
	assert_int_equal(st->ntrials, 4);
	assert_true(hp_study_value(st, 1, 0) == 0.25);	/* "0.25" as a string */
	assert_int_equal(st->state[2], HP_STATE_FAIL);
	assert_string_equal(param_text(st, 2, "depth"), "");	/* null */
	assert_string_equal(param_text(st, 0, "sub.a"), "1");
	assert_string_equal(param_text(st, 3, "booster"), "gblinear");
	assert_non_null(hp_study_attr(st, 3, 0, "note"));
	hp_studyset_release(&set);
}

static void
result_directory_should_skip_pickles_and_other_files(void **state)
{
	struct hp_studyset set = load_ok(hp_load_hyperopt, testdata("hyperopt/perjson"));
	struct hp_study *st = set.v[0];

	(void)state;
	assert_string_equal(st->name, "perjson");
	assert_int_equal(st->ntrials, 3);
	assert_true(hp_study_value(st, 1, 0) == -0.75);	/* model_b */
	assert_int_equal(st->state[2], HP_STATE_FAIL);	/* model_c */
	assert_string_equal(param_text(st, 0, "bn"), "True");
	assert_string_equal(param_text(st, 0, "extra"), "");
	assert_string_equal(param_text(st, 1, "extra"), "3");
	assert_string_equal(hp_study_attr(st, 0, 0, "real_loss")->json, "NaN");
	assert_int_equal(st->nnotes >= 3, 1);
	hp_studyset_release(&set);
}

static void
broken_hyperopt_inputs_should_fail_with_one_line(void **state)
{
	const char *m;

	(void)state;
	m = load_fail(hp_load_hyperopt, "t.json",
	    "\"<hyperopt.base.Trials object at 0x7f00>\"");
	assert_msg(m, "t.json: a JSON string", "dump trials.trials");
	m = load_fail(hp_load_hyperopt, "t.json", "[{\"tid\": 0, \"result\": {\"loss\": 1,"
	    " \"status\": \"ok\"}, \"misc\": {\"vals\": {\"x\": [1, 2]}}}]");
	assert_msg(m, "t.json: trials[0].misc.vals: \"x\" must be a list of at most one");
	m = load_fail(hp_load_hyperopt, "t.json", "[{\"tid\": 0, \"result\": {\"loss\": 1,"
	    " \"status\": \"ok\"}, \"misc\": {\"vals\": {}}}, {\"tid\": 0, \"result\": "
	    "{\"loss\": 2, \"status\": \"ok\"}, \"misc\": {\"vals\": {}}}]");
	assert_msg(m, "t.json", "0");
	m = load_fail(hp_load_hyperopt, "t.json", "[{\"loss\": 1, \"status\": \"done\"}]");
	assert_msg(m, "t.json: [0]: \"status\" must be ok, fail");
	m = load_fail(hp_load_hyperopt, "t.json", "[{\"loss\": [1], \"status\": \"ok\"}]");
	assert_msg(m, "t.json: [0]: \"loss\" must be a number");
	m = load_fail(hp_load_hyperopt, "t.json", "[{\"loss\": 1, \"status\": \"ok\"},");
	assert_msg(m, "t.json:1:");
}

static void
nevergrad_should_make_a_study_per_session_numbered_by_tell(void **state)
{
	struct hp_studyset set = load_ok(hp_load_nevergrad, testdata("nevergrad/edge.jsonl"));
	struct hp_study *st;

	(void)state;
	assert_int_equal(set.n, 2);
	st = study_named(&set, "edge/24-01-02 10:00:00");
	assert_int_equal(st->ntrials, 3);
	assert_true(hp_study_value(st, trial_number(st, 0), 0) == 1.5);	/* line 2 */
	assert_string_equal(param_text(st, trial_number(st, 0), "act"), "tanh");
	assert_int_equal(st->state[trial_number(st, 2)], HP_STATE_FAIL);	/* NaN */
	assert_int_equal(hp_study_param_index(st, "lr#sigma"), -1);
	assert_int_equal(st->nparams, 3);
	assert_non_null(hp_study_attr(st, HP_NO_TRIAL, 1, "nevergrad:optimizer"));
	st = study_named(&set, "edge/24-01-03 09:00:00");
	assert_true(isinf(hp_study_value(st, 0, 0)) && hp_study_value(st, 0, 0) < 0);
	assert_int_equal(st->state[0], HP_STATE_COMPLETE);
	assert_int_equal(st->state[2], HP_STATE_FAIL);	/* no #loss */
	assert_int_equal(hp_study_best(st, 0), 1);
	hp_studyset_release(&set);
}

static void
broken_nevergrad_lines_should_fail_with_file_and_line(void **state)
{
	const char *m;

	(void)state;
	m = load_fail(hp_load_nevergrad, "n.jsonl", "{\"#session\": \"s\", \"#num-tell\": 0,"
	    " \"#loss\": 1, \"x\": 1}\n{\"#session\": \"s\", \"#num-tell\": 0, \"#loss\": 2}\n");
	assert_msg(m, "n.jsonl", "0");
	m = load_fail(hp_load_nevergrad, "n.jsonl", "{\"#session\": \"s\", \"#loss\": \"a\"}\n");
	assert_msg(m, "n.jsonl:1: \"#loss\" must be a number");
	m = load_fail(hp_load_nevergrad, "n.jsonl", "{\"#session\": \"s\", \"#loss\": 1}\n[1]\n");
	assert_msg(m, "n.jsonl:2: expected a JSON object");
	m = load_fail(hp_load_nevergrad, "n.jsonl", "{\"#session\": 3}\n");
	assert_msg(m, "n.jsonl:1: \"#session\" must be a string");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(detection_should_tell_the_three_hyperopt_forms_and_nevergrad),
		cmocka_unit_test(trials_dump_should_read_tid_states_vals_and_times),
		cmocka_unit_test(results_dump_should_take_params_from_the_params_dict),
		cmocka_unit_test(result_directory_should_skip_pickles_and_other_files),
		cmocka_unit_test(broken_hyperopt_inputs_should_fail_with_one_line),
		cmocka_unit_test(nevergrad_should_make_a_study_per_session_numbered_by_tell),
		cmocka_unit_test(broken_nevergrad_lines_should_fail_with_file_and_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
