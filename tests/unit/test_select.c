/*
 * Unit tests of the trial selection (study_select.c, analysis/select.c): parsing --trials,
 * --states and --best, and hp_study_select on small studies built by hand,
 * whose expected trials are worked out in the comments.
 */
#include "testutil.h"

#include "hpreport/select.h"

/* A finished study of n trials numbered num[i] (or i when num is NULL),
 * states st[i] (or COMPLETE), one objective value v[i]. */
static struct hp_study *
make(size_t n, const int *num, const enum hp_state *state, const double *v,
    enum hp_direction dir)
{
	struct hp_study *st = hp_study_new("s");
	struct hp_err err;

	hp_study_set_directions(st, 1, &dir);
	for (size_t i = 0; i < n; i++) {
		size_t t = hp_study_add_trial(st, num ? num[i] : (int)i,
		    state ? state[i] : HP_STATE_COMPLETE);

		hp_study_set_value(st, t, 0, v[i]);
	}
	assert_int_equal(hp_study_finish(st, &err), 0);
	return st;
}

/* The trial numbers of st as text: "0 3 7". */
static const char *
numbers(const struct hp_study *st)
{
	static char buf[1024];
	size_t o = 0;

	buf[0] = '\0';
	for (size_t t = 0; t < st->ntrials && o < sizeof(buf) - 16; t++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%d", t ? " " : "",
		    st->number[t]);
	return buf;
}

static struct hp_study *
select_ok(const struct hp_study *st, const struct hp_selection *sel)
{
	struct hp_err err = { "" };
	struct hp_study *o = hp_study_select(st, sel, &err);

	if (o == NULL)
		print_error("hp_study_select: %s\n", err.msg);
	assert_non_null(o);
	return o;
}

static void
trials_option_should_parse_inclusive_ranges_and_reject_junk(void **state)
{
	struct hp_selection sel;
	struct hp_err err;
	char buf[128];
	const char *bad[] = { "", ":", "a:5", "5:b", "5:3", "-1:3", "1:2:3", "1.5",
	    "99999999999:", " 3", NULL };

	(void)state;
	hp_selection_init(&sel);
	assert_int_equal(hp_selection_active(&sel), 0);
	assert_int_equal(hp_selection_parse_trials(&sel, "100:500", &err), 0);
	assert_true(sel.has_lo && sel.has_hi && sel.lo == 100 && sel.hi == 500);
	assert_string_equal(hp_selection_format(&sel, buf, sizeof(buf)), "--trials 100:500");
	assert_int_equal(hp_selection_parse_trials(&sel, "100:", &err), 0);
	assert_true(sel.has_lo && !sel.has_hi && sel.lo == 100);
	assert_string_equal(hp_selection_format(&sel, buf, sizeof(buf)), "--trials 100:");
	assert_int_equal(hp_selection_parse_trials(&sel, ":500", &err), 0);
	assert_true(!sel.has_lo && sel.has_hi && sel.hi == 500);
	assert_int_equal(hp_selection_parse_trials(&sel, "7", &err), 0);
	assert_true(sel.has_lo && sel.has_hi && sel.lo == 7 && sel.hi == 7);
	assert_string_equal(hp_selection_format(&sel, buf, sizeof(buf)), "--trials 7");
	assert_int_equal(hp_selection_active(&sel), 1);
	for (int i = 0; bad[i]; i++) {
		struct hp_selection before = sel;

		err.msg[0] = '\0';
		assert_int_equal(hp_selection_parse_trials(&sel, bad[i], &err), -1);
		assert_true(err.msg[0] != '\0');
		assert_memory_equal(&before, &sel, sizeof(sel));	/* unchanged */
	}
	assert_non_null(strstr((hp_selection_parse_trials(&sel, "5:3", &err), err.msg),
	    "greater than the last"));
}

static void
states_option_should_ignore_case_and_name_an_unknown_state(void **state)
{
	struct hp_selection sel;
	struct hp_err err;
	char buf[128];

	(void)state;
	hp_selection_init(&sel);
	assert_int_equal(hp_selection_parse_states(&sel, "pruned,COMPLETE,Fail", &err), 0);
	assert_int_equal(sel.states, (1u << HP_STATE_PRUNED) | (1u << HP_STATE_COMPLETE) |
	    (1u << HP_STATE_FAIL));
	/* canonical: the study model's names, in its order */
	assert_string_equal(hp_selection_format(&sel, buf, sizeof(buf)),
	    "--states COMPLETE,PRUNED,FAIL");
	assert_int_equal(hp_selection_parse_states(&sel, "done", &err), -1);
	assert_non_null(strstr(err.msg, "unknown state \"done\""));
	assert_int_equal(hp_selection_parse_states(&sel, ",", &err), -1);
	assert_int_equal(hp_selection_parse_states(&sel, "completed", &err), -1);
	assert_int_equal(sel.states, (1u << HP_STATE_PRUNED) | (1u << HP_STATE_COMPLETE) |
	    (1u << HP_STATE_FAIL));
}

static void
best_option_should_take_a_count_or_a_percentage(void **state)
{
	struct hp_selection sel;
	struct hp_err err;
	char buf[128];
	const char *bad[] = { "0", "0%", "101%", "-3", "5.5", "abc", "%", "1e1%", "",
	    "10 %", NULL };

	(void)state;
	hp_selection_init(&sel);
	assert_int_equal(hp_selection_parse_best(&sel, "20", &err), 0);
	assert_true(sel.best == 20 && !sel.best_percent);
	assert_string_equal(hp_selection_format(&sel, buf, sizeof(buf)), "--best 20");
	assert_int_equal(hp_selection_parse_best(&sel, "12.5%", &err), 0);
	assert_true(sel.best == 12.5 && sel.best_percent);
	assert_int_equal(hp_selection_parse_best(&sel, "100%", &err), 0);
	assert_int_equal(hp_selection_parse_trials(&sel, "3:", &err), 0);
	assert_string_equal(hp_selection_format(&sel, buf, sizeof(buf)),
	    "--trials 3: --best 100%");
	for (int i = 0; bad[i]; i++)
		assert_int_equal(hp_selection_parse_best(&sel, bad[i], &err), -1);
	assert_true(sel.best == 100 && sel.best_percent);
}

static void
range_should_keep_both_ends_and_every_column_of_the_kept_trials(void **state)
{
	struct hp_study *st = hp_study_new("s"), *o;
	struct hp_dist d = { .kind = HP_DIST_FLOAT, .low = 0, .high = 10 };
	struct hp_choice ch[] = { { HP_CHOICE_STRING, 0, (char *)"a" },
	    { HP_CHOICE_STRING, 0, (char *)"b" } };
	struct hp_dist dc = { .kind = HP_DIST_CATEGORICAL, .choices = ch, .nchoices = 2 };
	struct hp_selection sel;
	struct hp_err err;
	double con[] = { 1, -2 };

	(void)state;
	for (int i = 0; i < 10; i++) {
		size_t t = hp_study_add_trial(st, i, HP_STATE_COMPLETE);

		hp_study_set_value(st, t, 0, i * 1.5);
		hp_study_set_times(st, t, 100 + i, 200 + i);
		assert_int_equal(hp_study_set_param(st, t, "x", &d, i + 0.25, &err), 0);
		/* "only" exists in trials 0 and 9 alone: left out of 3:6 */
		if (i == 0 || i == 9)
			assert_int_equal(hp_study_set_param(st, t, "only", &d, 1, &err), 0);
		/* odd trials "a", even ones "b" */
		assert_int_equal(hp_study_set_param(st, t, "c", &dc, i % 2 ? 0 : 1, &err), 0);
		hp_study_add_intermediate(st, t, 0, i);
		hp_study_add_intermediate(st, t, 1, i + 0.5);
		if (i % 3 == 0)
			hp_study_set_constraints(st, t, con, (size_t)(i % 2 + 1));
		if (i == 4)
			hp_study_add_attr(st, t, 0, "k", "\"four\"");
		if (i == 8)
			hp_study_add_attr(st, t, 0, "k", "\"eight\"");
	}
	hp_study_add_attr(st, HP_NO_TRIAL, 1, "study_key", "1");
	hp_study_add_note(st, "a loading note");
	assert_int_equal(hp_study_finish(st, &err), 0);

	hp_selection_init(&sel);
	assert_int_equal(hp_selection_parse_trials(&sel, "3:6", &err), 0);
	o = select_ok(st, &sel);
	assert_string_equal(numbers(o), "3 4 5 6");
	assert_null(o->build);
	assert_int_equal(o->selected, 1);
	assert_int_equal(o->ntrials_input, 10);
	assert_string_equal(o->selection_note, "4 of 10 trials selected (--trials 3:6)");
	for (size_t t = 0; t < 4; t++) {
		int i = (int)t + 3;

		assert_near(hp_study_value(o, t, 0), i * 1.5, 0);
		assert_near(o->t_start[t], 100 + i, 0);
		assert_near(o->t_end[t], 200 + i, 0);
		assert_int_equal(o->iv_off[t + 1] - o->iv_off[t], 2);
		assert_near(o->iv_value[o->iv_off[t] + 1], i + 0.5, 0);
	}
	assert_int_equal(o->nparams, 2);	/* "only" is in no kept trial */
	assert_string_equal(o->params[0].name, "c");
	assert_near(o->params[0].v[0], 0, 0);	/* trial 3: "a" */
	assert_near(o->params[0].v[1], 1, 0);
	assert_string_equal(o->params[1].name, "x");
	assert_near(o->params[1].v[2], 5.25, 0);
	assert_near(o->params[1].dist.high, 10, 0);	/* the study's whole range */
	/* constraints: trials 3 (list of 2) and 6 (list of 1) */
	{
		const double *cv;
		size_t cn;

		assert_int_equal(hp_study_constraints(o, 0, &cv, &cn), 1);
		assert_int_equal(cn, 2);
		assert_near(cv[1], -2, 0);
		assert_int_equal(hp_study_constraints(o, 1, &cv, &cn), 0);
		assert_int_equal(hp_study_constraints(o, 3, &cv, &cn), 1);
		assert_int_equal(cn, 1);
	}
	/* attributes: the study's, and trial 4's (now index 1), not trial 8's */
	assert_int_equal(o->nattrs, 2);
	assert_non_null(hp_study_attr(o, HP_NO_TRIAL, 1, "study_key"));
	assert_string_equal(hp_study_attr(o, 1, 0, "k")->json, "\"four\"");
	assert_int_equal(o->nnotes, 1);
	hp_study_free(o);

	/* trial 4 alone has only "b": the study's choices stay, in their order */
	assert_int_equal(hp_selection_parse_trials(&sel, "4", &err), 0);
	o = select_ok(st, &sel);
	assert_int_equal(o->params[0].dist.nchoices, 2);
	assert_string_equal(o->params[0].dist.choices[0].str, "a");
	assert_near(o->params[0].v[0], 1, 0);
	hp_study_free(o);
	hp_study_free(st);
}

static void
states_should_keep_only_trials_in_those_states(void **state)
{
	enum hp_state s[] = { HP_STATE_COMPLETE, HP_STATE_PRUNED, HP_STATE_FAIL,
	    HP_STATE_RUNNING, HP_STATE_WAITING, HP_STATE_COMPLETE, HP_STATE_PRUNED };
	double v[] = { 1, 2, NAN, NAN, NAN, 3, NAN };
	struct hp_study *st = make(7, NULL, s, v, HP_DIR_MINIMIZE), *o;
	struct hp_selection sel;
	struct hp_err err;

	(void)state;
	hp_selection_init(&sel);
	assert_int_equal(hp_selection_parse_states(&sel, "complete,pruned", &err), 0);
	o = select_ok(st, &sel);
	assert_string_equal(numbers(o), "0 1 5 6");
	hp_study_free(o);
	assert_int_equal(hp_selection_parse_states(&sel, "running,waiting", &err), 0);
	assert_int_equal(hp_selection_parse_trials(&sel, ":3", &err), 0);
	o = select_ok(st, &sel);
	assert_string_equal(numbers(o), "3");
	assert_string_equal(o->selection_note,
	    "1 of 7 trials selected (--trials :3 --states RUNNING,WAITING)");
	hp_study_free(o);
	hp_study_free(st);
}

static void
best_n_should_break_ties_by_number_and_never_pick_nan_inf_or_unfinished(void **state)
{
	/* numbers 10..19; minimize.  Finite COMPLETE values:
	 *   10:5  12:1  13:3  15:1  17:2  19:3
	 * 11 is -inf and 14 NaN (never best), 16 PRUNED with 0, 18 +inf.
	 * Ranked: 12(1) 15(1) 17(2) 13(3) 19(3) 10(5). */
	int num[] = { 10, 11, 12, 13, 14, 15, 16, 17, 18, 19 };
	enum hp_state s[] = { HP_STATE_COMPLETE, HP_STATE_COMPLETE, HP_STATE_COMPLETE,
	    HP_STATE_COMPLETE, HP_STATE_COMPLETE, HP_STATE_COMPLETE, HP_STATE_PRUNED,
	    HP_STATE_COMPLETE, HP_STATE_COMPLETE, HP_STATE_COMPLETE };
	double v[] = { 5, -INFINITY, 1, 3, NAN, 1, 0, 2, INFINITY, 3 };
	struct hp_study *st = make(10, num, s, v, HP_DIR_MINIMIZE), *o;
	struct hp_selection sel;
	struct hp_err err;

	(void)state;
	hp_selection_init(&sel);
	assert_int_equal(hp_selection_parse_best(&sel, "1", &err), 0);
	o = select_ok(st, &sel);
	assert_string_equal(numbers(o), "12");	/* 12 and 15 tie: the lower */
	hp_study_free(o);
	assert_int_equal(hp_selection_parse_best(&sel, "4", &err), 0);
	o = select_ok(st, &sel);
	assert_string_equal(numbers(o), "12 13 15 17");	/* 13 beats 19 on the tie */
	hp_study_free(o);
	assert_int_equal(hp_selection_parse_best(&sel, "100", &err), 0);
	o = select_ok(st, &sel);
	assert_string_equal(numbers(o), "10 12 13 15 17 19");	/* all six candidates */
	hp_study_free(o);
	/* after --trials 13:: candidates 13(3) 15(1) 17(2) 19(3) */
	assert_int_equal(hp_selection_parse_best(&sel, "2", &err), 0);
	assert_int_equal(hp_selection_parse_trials(&sel, "13:", &err), 0);
	o = select_ok(st, &sel);
	assert_string_equal(numbers(o), "15 17");
	hp_study_free(o);
	hp_study_free(st);

	/* maximize: the largest first */
	st = make(10, num, s, v, HP_DIR_MAXIMIZE);
	hp_selection_init(&sel);
	assert_int_equal(hp_selection_parse_best(&sel, "3", &err), 0);
	o = select_ok(st, &sel);
	assert_string_equal(numbers(o), "10 13 19");
	hp_study_free(o);
	hp_study_free(st);
}

static void
best_percent_should_round_up_the_share_of_candidates(void **state)
{
	double v[50];
	struct hp_study *st, *o;
	struct hp_selection sel;
	struct hp_err err;

	(void)state;
	for (int i = 0; i < 50; i++)
		v[i] = i < 30 ? 100 - i : NAN;	/* 30 candidates, best is trial 29 */
	st = make(50, NULL, NULL, v, HP_DIR_MINIMIZE);
	hp_selection_init(&sel);
	/* 10% of 30 is 3 (not 4, though 0.1 * 30 is 3.0000000000000004) */
	assert_int_equal(hp_selection_parse_best(&sel, "10%", &err), 0);
	o = select_ok(st, &sel);
	assert_string_equal(numbers(o), "27 28 29");
	hp_study_free(o);
	/* 1% of 30 is 0.3: one trial */
	assert_int_equal(hp_selection_parse_best(&sel, "1%", &err), 0);
	o = select_ok(st, &sel);
	assert_string_equal(numbers(o), "29");
	assert_string_equal(o->selection_note, "1 of 50 trials selected (--best 1%)");
	hp_study_free(o);
	/* 11% of 30 is 3.3: four */
	assert_int_equal(hp_selection_parse_best(&sel, "11%", &err), 0);
	o = select_ok(st, &sel);
	assert_int_equal(o->ntrials, 4);
	hp_study_free(o);
	hp_study_free(st);
}

/* Two objectives, both minimized, trials 0..6:
 *   0 (1,5)  1 (2,2)  2 (5,1)  3 (3,3)  4 (2,2)  5 (6,6)  6 (NaN,0)
 * Fronts: {0,1,2,4} (1 and 4 equal: neither dominates), then {3}, then {5};
 * 6 has no finite point.  By objective 1 alone: 2(1) 1(2) 4(2) 3(3) 0(5). */
static struct hp_study *
two_objectives(void)
{
	struct hp_study *st = hp_study_new("mo");
	enum hp_direction dir[] = { HP_DIR_MINIMIZE, HP_DIR_MINIMIZE };
	double a[] = { 1, 2, 5, 3, 2, 6, NAN }, b[] = { 5, 2, 1, 3, 2, 6, 0 };
	struct hp_err err;

	hp_study_set_directions(st, 2, dir);
	for (int i = 0; i < 7; i++) {
		size_t t = hp_study_add_trial(st, i, HP_STATE_COMPLETE);

		hp_study_set_value(st, t, 0, a[i]);
		hp_study_set_value(st, t, 1, b[i]);
	}
	assert_int_equal(hp_study_finish(st, &err), 0);
	return st;
}

static void
best_with_several_objectives_should_use_pareto_rank_or_the_named_objective(void **state)
{
	struct hp_study *st = two_objectives(), *o;
	struct hp_selection sel;
	struct hp_err err;

	(void)state;
	hp_selection_init(&sel);
	assert_int_equal(hp_selection_parse_best(&sel, "4", &err), 0);
	o = select_ok(st, &sel);
	assert_string_equal(numbers(o), "0 1 2 4");	/* the front */
	hp_study_free(o);
	assert_int_equal(hp_selection_parse_best(&sel, "5", &err), 0);
	o = select_ok(st, &sel);
	assert_string_equal(numbers(o), "0 1 2 3 4");	/* and the second front */
	hp_study_free(o);
	/* 2 of the front of 4: ties by number */
	assert_int_equal(hp_selection_parse_best(&sel, "2", &err), 0);
	o = select_ok(st, &sel);
	assert_string_equal(numbers(o), "0 1");
	hp_study_free(o);
	/* everything that has a point: 6 never */
	assert_int_equal(hp_selection_parse_best(&sel, "100%", &err), 0);
	o = select_ok(st, &sel);
	assert_string_equal(numbers(o), "0 1 2 3 4 5");
	hp_study_free(o);
	/* by objective 1: 6 has a finite value there and is the best */
	sel.objective = 1;
	assert_int_equal(hp_selection_parse_best(&sel, "3", &err), 0);
	o = select_ok(st, &sel);
	assert_string_equal(numbers(o), "1 2 6");
	hp_study_free(o);
	/* an objective the study does not have */
	sel.objective = 2;
	assert_null(hp_study_select(st, &sel, &err));
	assert_non_null(strstr(err.msg, "has 2 objectives"));
	hp_study_free(st);
}

static void
best_should_leave_out_infeasible_trials(void **state)
{
	struct hp_study *st = hp_study_new("c");
	struct hp_selection sel;
	struct hp_err err;
	double ok[] = { -1 }, bad[] = { 0.5 };
	struct hp_study *o;

	(void)state;
	/* trial 0 is the best value but infeasible; 2 has no list, which is
	 * feasible (hp_study_feasible: Optuna 5's rule; up to 4.x it was not) */
	for (int i = 0; i < 4; i++) {
		size_t t = hp_study_add_trial(st, i, HP_STATE_COMPLETE);

		hp_study_set_value(st, t, 0, i);
		if (i != 2)
			hp_study_set_constraints(st, t, i == 0 ? bad : ok, 1);
	}
	assert_int_equal(hp_study_finish(st, &err), 0);
	hp_selection_init(&sel);
	assert_int_equal(hp_selection_parse_best(&sel, "2", &err), 0);
	o = select_ok(st, &sel);
	assert_string_equal(numbers(o), "1 2");
	hp_study_free(o);
	hp_study_free(st);
}

static void
a_selection_of_no_trial_should_be_an_empty_study_that_says_so(void **state)
{
	double v[] = { 1, 2, 3 };
	struct hp_study *st = make(3, NULL, NULL, v, HP_DIR_MINIMIZE), *o;
	struct hp_selection sel;
	struct hp_err err;

	(void)state;
	hp_selection_init(&sel);
	assert_int_equal(hp_selection_parse_trials(&sel, "1000:", &err), 0);
	o = select_ok(st, &sel);
	assert_int_equal(o->ntrials, 0);
	assert_int_equal(o->nparams, 0);
	assert_int_equal(hp_study_best(o, 0), -1);
	assert_int_equal(o->iv_off[0], 0);
	assert_string_equal(o->selection_note, "0 of 3 trials selected (--trials 1000:)");
	hp_study_free(o);
	hp_study_free(st);
}

static void
counts_in_the_note_should_have_thousands_separators(void **state)
{
	double *v = calloc(2500, sizeof(double));
	struct hp_study *st, *o;
	struct hp_selection sel;
	struct hp_err err;

	(void)state;
	for (int i = 0; i < 2500; i++)
		v[i] = i;
	st = make(2500, NULL, NULL, v, HP_DIR_MINIMIZE);
	hp_selection_init(&sel);
	assert_int_equal(hp_selection_parse_trials(&sel, "100:1299", &err), 0);
	o = select_ok(st, &sel);
	assert_string_equal(o->selection_note,
	    "1,200 of 2,500 trials selected (--trials 100:1299)");
	hp_study_free(o);
	hp_study_free(st);
	free(v);
}

/* Inside a figure the selection is said in words: a figure names no
 * option (the caption file and the page have them). */
static void
a_selection_should_read_in_words_inside_a_figure(void **state)
{
	struct hp_selection sel;
	struct hp_err err;
	char buf[256];

	(void)state;
	hp_selection_init(&sel);
	assert_string_equal(hp_selection_describe(&sel, buf, sizeof(buf)), "");
	assert_int_equal(hp_selection_parse_trials(&sel, "100:500", &err), 0);
	assert_string_equal(hp_selection_describe(&sel, buf, sizeof(buf)),
	    "numbers 100 to 500");
	assert_int_equal(hp_selection_parse_trials(&sel, "7", &err), 0);
	assert_string_equal(hp_selection_describe(&sel, buf, sizeof(buf)), "number 7");
	assert_int_equal(hp_selection_parse_trials(&sel, ":20", &err), 0);
	assert_int_equal(hp_selection_parse_states(&sel, "pruned,complete", &err), 0);
	assert_int_equal(hp_selection_parse_best(&sel, "12.5%", &err), 0);
	assert_string_equal(hp_selection_describe(&sel, buf, sizeof(buf)),
	    "numbers up to 20; states COMPLETE, PRUNED; the best 12.5%");
	hp_selection_init(&sel);
	assert_int_equal(hp_selection_parse_trials(&sel, "5:", &err), 0);
	assert_int_equal(hp_selection_parse_states(&sel, "fail", &err), 0);
	assert_string_equal(hp_selection_describe(&sel, buf, sizeof(buf)),
	    "numbers from 5; state FAIL");
	assert_null(strstr(hp_selection_describe(&sel, buf, sizeof(buf)), "--"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(trials_option_should_parse_inclusive_ranges_and_reject_junk),
		cmocka_unit_test(states_option_should_ignore_case_and_name_an_unknown_state),
		cmocka_unit_test(best_option_should_take_a_count_or_a_percentage),
		cmocka_unit_test(range_should_keep_both_ends_and_every_column_of_the_kept_trials),
		cmocka_unit_test(states_should_keep_only_trials_in_those_states),
		cmocka_unit_test(best_n_should_break_ties_by_number_and_never_pick_nan_inf_or_unfinished),
		cmocka_unit_test(best_percent_should_round_up_the_share_of_candidates),
		cmocka_unit_test(best_with_several_objectives_should_use_pareto_rank_or_the_named_objective),
		cmocka_unit_test(best_should_leave_out_infeasible_trials),
		cmocka_unit_test(a_selection_of_no_trial_should_be_an_empty_study_that_says_so),
		cmocka_unit_test(counts_in_the_note_should_have_thousands_separators),
		cmocka_unit_test(a_selection_should_read_in_words_inside_a_figure),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
