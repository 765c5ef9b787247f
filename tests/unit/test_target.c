/*
 * Unit tests of --target: parsing the option, the user-attribute keys and
 * their counts, and hp_study_retarget on a study built by hand, whose
 * expected values are written here from the attributes given.
 */
#include "testutil.h"

#include "hpreport/study.h"

/*
 * Six trials, numbers 0..5, all COMPLETE but 5 (PRUNED), objective
 * values 10 + t and 20 - t (two objectives: minimize, maximize), a float
 * param "x" = t / 10 and a categorical "c" of choices [b, a], times
 * start 100 t, end 100 t + t + 0.5 (trial 3: no end, trial 4: the end
 * before the start), one intermediate value each, and user attributes:
 *   acc:  0.5, absent, "high", NaN, Infinity, 0.25
 *   tag:  "x" in every trial
 * plus a system attribute "acc" (must be ignored) and constraints on 1.
 */
static struct hp_study *
make_study(void)
{
	static const char *const acc[] = { "0.5", NULL, "\"high\"", "NaN", "Infinity",
	    "0.25" };
	struct hp_study *st = hp_study_new("s");
	static char b[] = "b", a[] = "a";
	struct hp_choice ch[2] = { { HP_CHOICE_STRING, 0, b }, { HP_CHOICE_STRING, 0, a } };
	struct hp_dist dc = { .kind = HP_DIST_CATEGORICAL, .choices = ch, .nchoices = 2 };
	struct hp_dist dx = { .kind = HP_DIST_FLOAT, .low = 0, .high = 1 };
	enum hp_direction dir[2] = { HP_DIR_MINIMIZE, HP_DIR_MAXIMIZE };
	struct hp_err err;
	double con = -1;

	hp_study_set_directions(st, 2, dir);
	hp_study_set_objective_name(st, 1, "score");
	/* added in reverse, so that finish's sort is exercised */
	for (int i = 5; i >= 0; i--) {
		size_t t = hp_study_add_trial(st, i, i == 5 ? HP_STATE_PRUNED :
		    HP_STATE_COMPLETE);

		hp_study_set_value(st, t, 0, 10 + i);
		hp_study_set_value(st, t, 1, 20 - i);
		hp_study_set_param(st, t, "x", &dx, i / 10.0, &err);
		/* trial 0 has choice "a" only: the order [b, a] must stay */
		hp_study_set_param(st, t, "c", &dc, i == 0 ? 1 : 0, &err);
		hp_study_set_times(st, t, 100.0 * i, i == 3 ? NAN : i == 4 ? 100.0 * i - 1 :
		    100.0 * i + i + 0.5);
		hp_study_add_intermediate(st, t, 1, i);
		if (acc[i])
			hp_study_add_attr(st, t, 0, "acc", acc[i]);
		hp_study_add_attr(st, t, 0, "tag", "\"x\"");
		hp_study_add_attr(st, t, 1, "acc", "99");
		if (i == 1)
			hp_study_set_constraints(st, t, &con, 1);
	}
	hp_study_add_attr(st, HP_NO_TRIAL, 0, "acc", "7");
	hp_study_add_note(st, "a loader's note");
	assert_int_equal(hp_study_finish(st, &err), 0);
	return st;
}

static int
has_note(const struct hp_study *st, const char *part)
{
	for (size_t i = 0; i < st->nnotes; i++)
		if (strstr(st->notes[i], part))
			return 1;
	return 0;
}

static void
target_parse_should_read_user_attrs_duration_and_values(void **state)
{
	struct hp_target tg;
	struct hp_err err;

	(void)state;
	assert_int_equal(hp_target_parse(&tg, "user_attrs.val.acc", &err), 0);
	assert_int_equal(tg.kind, HP_TARGET_USER_ATTR);
	assert_string_equal(tg.name, "val.acc");	/* dots belong to the key */
	assert_int_equal(tg.dir, HP_DIR_NOT_SET);
	assert_int_equal(hp_target_parse(&tg, "duration", &err), 0);
	assert_int_equal(tg.kind, HP_TARGET_DURATION);
	assert_int_equal(hp_target_parse(&tg, "values.1", &err), 0);
	assert_int_equal(tg.kind, HP_TARGET_OBJECTIVE);
	assert_string_equal(tg.name, "1");
	assert_int_equal(hp_target_parse(&tg, "user_attrs.", &err), -1);
	assert_int_equal(hp_target_parse(&tg, "values.", &err), -1);
	assert_int_equal(hp_target_parse(&tg, "accuracy", &err), -1);
	assert_non_null(strstr(err.msg, "expected user_attrs.KEY, duration or values.N"));
}

static void
attr_keys_should_count_trials_and_numbers_of_user_attributes_only(void **state)
{
	struct hp_study *st = make_study();
	size_t n;
	struct hp_attr_key *k = hp_study_user_attr_keys(st, &n);

	(void)state;
	assert_int_equal(n, 2);
	assert_string_equal(k[0].key, "acc");
	assert_int_equal(k[0].ntrials, 5);
	assert_int_equal(k[0].nnumeric, 4);	/* 0.5, NaN, Infinity, 0.25 */
	assert_string_equal(k[1].key, "tag");
	assert_int_equal(k[1].ntrials, 6);
	assert_int_equal(k[1].nnumeric, 0);
	free(k);
	hp_study_free(st);
}

static void
retarget_should_take_numeric_attributes_and_leave_the_rest_without_value(void **state)
{
	struct hp_study *st = make_study(), *rt;
	struct hp_target tg;
	struct hp_err err;
	const double *cv;
	size_t nc;

	(void)state;
	assert_int_equal(hp_target_parse(&tg, "user_attrs.acc", &err), 0);
	rt = hp_study_retarget(st, &tg, &err);
	assert_non_null(rt);
	assert_int_equal(rt->nobj, 1);
	assert_string_equal(rt->objname[0], "user_attrs.acc");
	assert_string_equal(rt->target, "user_attrs.acc");
	assert_non_null(strstr(rt->target_note, "user attribute \"acc\""));
	/* the study's first direction, said */
	assert_int_equal(rt->dir[0], HP_DIR_MINIMIZE);
	assert_non_null(strstr(rt->target_note, "first objective"));
	assert_int_equal(rt->ntrials, 6);
	assert_near(hp_study_value(rt, 0, 0), 0.5, 0);
	assert_true(isnan(hp_study_value(rt, 1, 0)));		/* absent */
	assert_true(isnan(hp_study_value(rt, 2, 0)));		/* "high" */
	assert_true(isnan(hp_study_value(rt, 3, 0)));		/* NaN */
	assert_true(isinf(hp_study_value(rt, 4, 0)) && hp_study_value(rt, 4, 0) > 0);
	assert_near(hp_study_value(rt, 5, 0), 0.25, 0);		/* PRUNED keeps it */
	assert_int_equal(rt->state[5], HP_STATE_PRUNED);
	/* best: COMPLETE and finite only, so trial 0 */
	assert_int_equal(hp_study_best(rt, 0), 0);
	assert_int_equal(hp_study_count_nonfinite(rt, 0), 1);
	/* the COMPLETE trials 1..3 have no value, one reason each */
	assert_true(has_note(rt, "3 of 5 COMPLETE trials have no value of user "
	    "attribute \"acc\" (1 without it, 1 with a value that is not a number, 1 NaN)"));
	assert_true(has_note(rt, "a loader's note"));
	assert_true(has_note(rt, "Intermediate values left out"));
	assert_int_equal(rt->iv_off[rt->ntrials], 0);
	/* everything else as it was: params (choice order too), times,
	 * attributes, constraints */
	assert_int_equal(rt->nparams, 2);
	assert_string_equal(rt->params[0].name, "c");
	assert_string_equal(rt->params[0].dist.choices[0].str, "b");
	assert_string_equal(rt->params[0].dist.choices[1].str, "a");
	assert_near(rt->params[0].v[0], 1, 0);
	assert_near(rt->params[1].v[3], 0.3, 0);
	assert_near(rt->t_start[2], 200, 0);
	assert_int_equal(rt->nattrs, st->nattrs);
	assert_non_null(hp_study_attr(rt, HP_NO_TRIAL, 0, "acc"));
	assert_string_equal(hp_study_attr(rt, 2, 0, "acc")->json, "\"high\"");
	assert_int_equal(hp_study_constraints(rt, 1, &cv, &nc), 1);
	assert_int_equal(nc, 1);
	assert_near(cv[0], -1, 0);
	assert_int_equal(hp_study_constraints(rt, 0, &cv, &nc), 0);
	hp_study_free(rt);

	/* --direction wins, and no note asks for it */
	tg.dir = HP_DIR_MAXIMIZE;
	rt = hp_study_retarget(st, &tg, &err);
	assert_int_equal(rt->dir[0], HP_DIR_MAXIMIZE);
	assert_int_equal(hp_study_best(rt, 0), 0);	/* 0.5 > nothing else finite */
	assert_false(has_note(rt, "Use --direction"));
	hp_study_free(rt);
	hp_study_free(st);
}

static void
retarget_should_refuse_an_attribute_that_holds_no_number(void **state)
{
	struct hp_study *st = make_study();
	struct hp_target tg;
	struct hp_err err;

	(void)state;
	assert_int_equal(hp_target_parse(&tg, "user_attrs.tag", &err), 0);
	assert_null(hp_study_retarget(st, &tg, &err));
	assert_string_equal(err.msg, "user attribute \"tag\" of study \"s\" is not a "
	    "number in any of the 6 trials that have it and cannot be plotted "
	    "(numeric user attributes: acc)");
	assert_int_equal(hp_target_parse(&tg, "user_attrs.nope", &err), 0);
	assert_null(hp_study_retarget(st, &tg, &err));
	assert_string_equal(err.msg, "study \"s\" has no user attribute \"nope\" "
	    "(numeric user attributes: acc)");
	hp_study_free(st);
}

static void
retarget_duration_should_be_end_minus_start_when_both_are_known(void **state)
{
	struct hp_study *st = make_study(), *rt;
	struct hp_target tg;
	struct hp_err err;

	(void)state;
	assert_int_equal(hp_target_parse(&tg, "duration", &err), 0);
	rt = hp_study_retarget(st, &tg, &err);
	assert_non_null(rt);
	assert_string_equal(rt->objname[0], "duration (s)");
	assert_int_equal(rt->dir[0], HP_DIR_MINIMIZE);
	assert_near(hp_study_value(rt, 0, 0), 0.5, 0);
	assert_near(hp_study_value(rt, 2, 0), 2.5, 0);
	assert_true(isnan(hp_study_value(rt, 3, 0)));	/* no end */
	assert_true(isnan(hp_study_value(rt, 4, 0)));	/* end before start */
	assert_near(hp_study_value(rt, 5, 0), 5.5, 0);
	assert_true(has_note(rt, "2 of 5 COMPLETE trials have no duration (1 without "
	    "a start or end time, 1 ending before they start)"));
	assert_false(has_note(rt, "Use --direction"));
	hp_study_free(rt);
	hp_study_free(st);
}

static void
retarget_values_should_pick_one_objective_by_index_or_name(void **state)
{
	struct hp_study *st = make_study(), *rt;
	struct hp_target tg;
	struct hp_err err;

	(void)state;
	assert_int_equal(hp_target_parse(&tg, "values.score", &err), 0);
	rt = hp_study_retarget(st, &tg, &err);
	assert_non_null(rt);
	assert_int_equal(rt->nobj, 1);
	assert_string_equal(rt->objname[0], "score");
	assert_string_equal(rt->target, "values.1");
	assert_int_equal(rt->dir[0], HP_DIR_MAXIMIZE);	/* its own */
	for (size_t t = 0; t < rt->ntrials; t++)
		assert_near(hp_study_value(rt, t, 0), 20.0 - (double)t, 0);
	/* an objective's intermediate values stay */
	assert_int_equal(rt->iv_off[rt->ntrials], 6);
	hp_study_free(rt);

	assert_int_equal(hp_target_parse(&tg, "values.0", &err), 0);
	rt = hp_study_retarget(st, &tg, &err);
	assert_string_equal(rt->objname[0], "values.0");
	assert_near(hp_study_value(rt, 2, 0), 12, 0);
	hp_study_free(rt);

	assert_int_equal(hp_target_parse(&tg, "values.2", &err), 0);
	assert_null(hp_study_retarget(st, &tg, &err));
	assert_string_equal(err.msg, "study \"s\" has 2 objectives, no values.2");
	assert_int_equal(hp_target_parse(&tg, "values.loss", &err), 0);
	assert_null(hp_study_retarget(st, &tg, &err));
	assert_string_equal(err.msg, "study \"s\" has no objective named \"loss\"");
	hp_study_free(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(target_parse_should_read_user_attrs_duration_and_values),
		cmocka_unit_test(attr_keys_should_count_trials_and_numbers_of_user_attributes_only),
		cmocka_unit_test(retarget_should_take_numeric_attributes_and_leave_the_rest_without_value),
		cmocka_unit_test(retarget_should_refuse_an_attribute_that_holds_no_number),
		cmocka_unit_test(retarget_duration_should_be_end_minus_start_when_both_are_known),
		cmocka_unit_test(retarget_values_should_pick_one_objective_by_index_or_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
