/*
 * test_optuna_journal: replay of Optuna JournalStorage files -- the 3.1 and
 * 4.0 fixtures against what Optuna itself reports, a hand-written journal
 * for the replay rules (checked against Optuna 3.1 when it was written),
 * and malformed journals.
 */
#include "loadtest.h"
#include "../../src/load/internal.h"

static void
journal_31_fixture_should_match_optuna(void **state)
{
	struct hp_studyset set = load_ok(hp_load_optuna_journal,
	    testdata("optuna-3.1/journal.log"));
	struct hp_study *st;
	long best;

	(void)state;
	assert_int_equal(set.n, 1);
	st = study_named(&set, "journal-study");
	assert_int_equal(st->ntrials, 20);
	assert_int_equal(hp_study_count_state(st, HP_STATE_COMPLETE), 17);
	assert_int_equal(hp_study_count_state(st, HP_STATE_PRUNED), 3);
	assert_int_equal(hp_study_count_state(st, HP_STATE_FAIL), 0);
	assert_int_equal(st->iv_off[st->ntrials], 182);
	best = hp_study_best(st, 0);
	assert_int_equal(st->number[best], 0);
	assert_near(hp_study_value(st, (size_t)best, 0), 0.696545027046585, 0);
	assert_int_equal(st->nparams, 8);
	assert_int_equal(param_named(st, "lr")->dist.log, 1);
	assert_int_equal(param_named(st, "batch_size")->dist.step, 32);
	assert_int_equal(param_named(st, "activation")->dist.nchoices, 5);
	assert_int_equal(param_named(st, "lr")->inferred, 0);
	/* trial 0 suggested optimizer index 2 of [adam, sgd, rmsprop] */
	assert_string_equal(param_text(st, trial_number(st, 0), "optimizer"), "rmsprop");
	assert_string_equal(param_text(st, trial_number(st, 0), "units"), "96");
	hp_studyset_release(&set);
}

static void
journal_40_fixture_should_drop_the_deleted_study(void **state)
{
	struct hp_studyset set = load_ok(hp_load_optuna_journal,
	    shared_fixture("optuna-legacy/journal-4.0.0.dev.log"));
	struct hp_study *st;

	(void)state;
	assert_int_equal(set.n, 4);
	for (size_t i = 0; i < set.n; i++)
		assert_string_not_equal(set.v[i]->name, "single_to_be_deleted");
	assert_string_equal(set.v[0]->name, "single_empty");
	st = study_named(&set, "single_user_attr");
	assert_int_equal(st->nattrs, 3);
	assert_string_equal(hp_study_attr(st, HP_NO_TRIAL, 0, "b")->json, "2");
	st = study_named(&set, "single_system_attr");
	assert_non_null(hp_study_attr(st, HP_NO_TRIAL, 1, "C"));
	st = study_named(&set, "single_optimization");
	assert_int_equal(st->ntrials, 10);
	assert_int_equal(hp_study_count_state(st, HP_STATE_COMPLETE), 10);
	assert_near(hp_study_value(st, 0, 0), 21.263949809511352, 0);
	assert_int_equal(st->iv_off[st->ntrials], 10);
	assert_string_equal(hp_study_attr(st, 9, 0, "a_9")->json, "0");
	hp_studyset_release(&set);
}

static void
journal_replay_should_follow_optuna_rules(void **state)
{
	struct hp_studyset set = load_ok(hp_load_optuna_journal,
	    testdata("journal-edge.log"));
	struct hp_study *a, *b, *c;

	(void)state;
	/* ids 0 (a), 2 (c), 3 (b re-created); the first b was deleted and the
	 * duplicate "a" ignored */
	assert_int_equal(set.n, 3);
	assert_string_equal(set.v[0]->name, "a");
	assert_string_equal(set.v[1]->name, "c");
	assert_string_equal(set.v[2]->name, "b");
	a = set.v[0];
	c = set.v[1];
	b = set.v[2];
	assert_int_equal(a->dir[0], HP_DIR_MINIMIZE);
	assert_int_equal(a->ntrials, 2);
	/* the FAIL after COMPLETE and the late attribute were ignored */
	assert_int_equal(a->state[0], HP_STATE_COMPLETE);
	assert_near(hp_study_value(a, 0, 0), 0.5, 0);
	assert_null(hp_study_attr(a, 0, 0, "late"));
	assert_string_equal(param_text(a, 0, "x"), "1.5");
	assert_true(isnan(a->iv_value[0]));
	assert_true(isinf(a->iv_value[1]));
	assert_near(a->t_end[0] - a->t_start[0], 2, 1e-9);
	/* trial 1: the int "x" was incompatible with the float column */
	assert_int_equal(a->state[1], HP_STATE_PRUNED);
	assert_true(isnan(hp_study_value(a, 1, 0)));
	assert_string_equal(param_text(a, 1, "x"), "");
	assert_string_equal(hp_study_attr(a, 1, 0, "u")->json, "2");
	assert_string_equal(hp_study_attr(a, 1, 1, "s")->json, "[1,2]");
	assert_string_equal(hp_study_attr(a, HP_NO_TRIAL, 0, "k")->json, "\"v\"");
	/* c: a template trial */
	assert_int_equal(c->nobj, 2);
	assert_int_equal(c->dir[1], HP_DIR_MAXIMIZE);
	assert_near(hp_study_value(c, 0, 1), 2.0, 0);
	assert_string_equal(param_text(c, 0, "k"), "v");
	assert_string_equal(hp_study_attr(c, 0, 0, "tag")->json, "\"t\"");
	assert_int_equal(c->iv_off[1], 1);
	/* b: the half-written last line did not complete its trial */
	assert_int_equal(b->ntrials, 1);
	assert_int_equal(b->state[0], HP_STATE_RUNNING);
	assert_int_equal(b->nnotes, 1);
	assert_non_null(strstr(b->notes[0], "incomplete"));
	hp_studyset_release(&set);
}

static void
journal_should_keep_only_the_named_study(void **state)
{
	struct hp_studyset set = { NULL, 0 };
	struct hp_load_opts o;
	struct hp_err err;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.study = "c";
	assert_int_equal(hp_load_optuna_journal(testdata("journal-edge.log"), &o, &set,
	    &err), 0);
	assert_int_equal(set.n, 1);
	assert_string_equal(set.v[0]->name, "c");
	hp_studyset_release(&set);
}

static void
journal_probe_should_want_op_code_and_worker_id(void **state)
{
	const char *j = "{\"op_code\": 0, \"worker_id\": \"x\", \"study_name\": \"s\", "
	    "\"directions\": [1]}\n";

	(void)state;
	assert_true(hp_probe_optuna_journal("j", j, strlen(j)));
	assert_false(hp_probe_optuna_journal("j", "{\"op_code\": 0}\n", 15));
	assert_false(hp_probe_optuna_journal("j", "number,value\n", 13));
	assert_false(hp_probe_optuna_journal("j", j, 20));	/* no complete line */
}

#define L0 "{\"op_code\": 0, \"worker_id\": \"w\", \"study_name\": \"s\", \"directions\": [1]}\n"
#define L4 "{\"op_code\": 4, \"worker_id\": \"w\", \"study_id\": 0, \"datetime_start\": null}\n"

static void
malformed_journals_should_fail_with_file_and_line(void **state)
{
	static const struct {
		const char *text, *frag;
	} cases[] = {
		{ L0 "{\"op_code\": 4, \"study_id\": 0 \"x\": 1}\n" L4, "bad.log:2:30: malformed JSON" },
		{ L0 "{\"op_code\": \"4\", \"study_id\": 0}\n", "bad.log:2: \"op_code\" must be an integer" },
		{ L0 "{\"op_code\": 4}\n", "bad.log:2: missing \"study_id\"" },
		{ L0 "{\"op_code\": 42}\n", "bad.log:2: unknown op_code 42" },
		{ L0 "{\"op_code\": 4, \"study_id\": 1e400}\n" L4, "bad.log:2:28: number out of range" },
		{ L0 "{\"op_code\": 4, \"study_id\": 1e20}\n", "bad.log:2: \"study_id\" must be an integer" },
		{ L0 L4 "{\"op_code\": 6, \"trial_id\": 0, \"state\": 9, \"values\": null}\n",
		    "bad.log:3: \"state\" must be 0 to 4" },
		{ L0 L4 "{\"op_code\": 6, \"trial_id\": 0, \"state\": 1, \"values\": [\"x\"]}\n",
		    "bad.log:3: \"values\" must hold numbers" },
		{ L0 L4 "{\"op_code\": 5, \"trial_id\": 0, \"param_name\": \"p\", "
		    "\"param_value_internal\": 0, \"distribution\": \"{}\"}\n",
		    "bad.log:3: distribution JSON without name" },
		{ L0 L4 "{\"op_code\": 5, \"trial_id\": 0, \"param_name\": \"p\", "
		    "\"param_value_internal\": 7, \"distribution\": \"{\\\"name\\\": "
		    "\\\"CategoricalDistribution\\\", \\\"attributes\\\": {\\\"choices\\\": [1]}}\"}\n",
		    "bad.log:3: param \"p\": choice index 7 out of range" },
		{ "{\"op_code\": 0, \"study_name\": \"s\", \"directions\": [5]}\n",
		    "bad.log:1: \"directions\" must hold 0, 1 or 2" },
		{ "\n\n", "bad.log: the journal creates no study" },
		{ L0 "[1, 2]\n" L4, "bad.log:2: expected a JSON object" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_msg(load_fail(hp_load_optuna_journal, "bad.log", cases[i].text),
		    cases[i].frag);
}

static void
truncated_journal_should_load_what_was_complete(void **state)
{
	struct hp_studyset set = { NULL, 0 };
	struct hp_load_opts o;
	struct hp_err err;
	const char *p = write_tmp("trunc.log", L0 L4 "{\"op_code\": 6, \"trial_id\": 0, \"st");

	(void)state;
	memset(&o, 0, sizeof(o));
	assert_int_equal(hp_load_optuna_journal(p, &o, &set, &err), 0);
	assert_int_equal(set.v[0]->ntrials, 1);
	assert_int_equal(set.v[0]->state[0], HP_STATE_RUNNING);
	hp_studyset_release(&set);
	/* an undecodable last line is skipped too, as Optuna 3.1 does */
	p = write_tmp("trunc2.log", L0 L4 "{\"op_code\": 6, \"tri\n");
	assert_int_equal(hp_load_optuna_journal(p, &o, &set, &err), 0);
	assert_int_equal(set.v[0]->ntrials, 1);
	hp_studyset_release(&set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(journal_31_fixture_should_match_optuna),
		cmocka_unit_test(journal_40_fixture_should_drop_the_deleted_study),
		cmocka_unit_test(journal_replay_should_follow_optuna_rules),
		cmocka_unit_test(journal_should_keep_only_the_named_study),
		cmocka_unit_test(journal_probe_should_want_op_code_and_worker_id),
		cmocka_unit_test(malformed_journals_should_fail_with_file_and_line),
		cmocka_unit_test(truncated_journal_should_load_what_was_complete),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
