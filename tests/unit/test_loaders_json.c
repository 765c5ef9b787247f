/*
 * test_loaders_json: the DataFrame (CSV and pandas JSON), hpreport JSON /
 * JSON Lines and scikit-optimize loaders -- fixtures, hand-written files,
 * malformed inputs -- and the equivalence of one Optuna 3.1 study read from
 * a journal (copy_study of study.db), trials.csv and trials.json.
 */
#include "loadtest.h"
#include "../../src/load/internal.h"

static void
dataframe_csv_should_infer_param_types(void **state)
{
	struct hp_studyset set = load_ok(hp_load_optuna_dataframe,
	    testdata("optuna-3.1/trials.csv"));
	struct hp_study *st = set.v[0];

	(void)state;
	assert_int_equal(set.n, 1);
	assert_string_equal(st->name, "trials");
	assert_int_equal(st->ntrials, 81);
	assert_int_equal(hp_study_count_state(st, HP_STATE_COMPLETE), 42);
	assert_int_equal(hp_study_count_state(st, HP_STATE_PRUNED), 33);
	assert_int_equal(hp_study_count_state(st, HP_STATE_FAIL), 5);
	assert_int_equal(hp_study_count_state(st, HP_STATE_RUNNING), 1);
	assert_int_equal(st->number[hp_study_best(st, 0)], 57);
	assert_int_equal(param_named(st, "lr")->dist.kind, HP_DIST_FLOAT);
	assert_int_equal(param_named(st, "lr")->dist.log, 1);
	assert_int_equal(param_named(st, "lr")->inferred, 1);
	/* units were sampled in [16, 1024] on a log scale, but the values seen
	 * span 16..992, under two decades: the documented rule says linear */
	assert_int_equal(param_named(st, "units")->dist.kind, HP_DIST_INT);
	assert_int_equal(param_named(st, "units")->dist.log, 0);
	assert_int_equal(param_named(st, "n_layers")->dist.kind, HP_DIST_INT);
	assert_int_equal(param_named(st, "batch_size")->dist.kind, HP_DIST_INT);
	assert_int_equal(param_named(st, "momentum")->dist.kind, HP_DIST_FLOAT);
	assert_int_equal(param_named(st, "optimizer")->dist.kind, HP_DIST_CATEGORICAL);
	assert_int_equal(param_named(st, "optimizer")->dist.nchoices, 3);
	/* None is an empty cell, so only True, 3, 2.5 and gelu remain */
	assert_int_equal(param_named(st, "activation")->dist.kind, HP_DIST_CATEGORICAL);
	assert_int_equal(param_named(st, "activation")->dist.nchoices, 4);
	assert_string_equal(param_text(st, 0, "n_layers"), "1");
	assert_string_equal(param_text(st, 0, "optimizer"), "rmsprop");
	/* pandas wrote the int 10 as "10.0" (the column holds NaN); the
	 * attribute is the number, written shortest as the database has it */
	assert_string_equal(hp_study_attr(st, 0, 0, "epochs")->json, "10");
	/* the notes say what was inferred */
	int found = 0;
	for (size_t i = 0; i < st->nnotes; i++)
		found += strstr(st->notes[i], "\"lr\"") && strstr(st->notes[i], "log scale");
	assert_int_equal(found, 1);
	hp_studyset_release(&set);
}

static void
dataframe_json_orients_should_agree_with_csv(void **state)
{
	static const char *const files[] = { "df-split.json", "df-index.json",
	    "df-columns.json", "df-table.json" };
	struct hp_studyset ref = load_ok(hp_load_optuna_dataframe, testdata("df-small.csv"));

	(void)state;
	for (size_t f = 0; f < 4; f++) {
		struct hp_studyset set = load_ok(hp_load_optuna_dataframe, testdata(files[f]));
		struct hp_study *a = ref.v[0], *b = set.v[0];

		assert_int_equal(a->ntrials, b->ntrials);
		assert_int_equal(a->nparams, b->nparams);
		for (size_t t = 0; t < a->ntrials; t++) {
			assert_int_equal(a->number[t], b->number[t]);
			assert_int_equal(a->state[t], b->state[t]);
			if (!isnan(hp_study_value(a, t, 0)))
				assert_near(hp_study_value(a, t, 0), hp_study_value(b, t, 0), 1e-12);
			assert_near(a->t_start[t], b->t_start[t], 1e-3);
			for (size_t p = 0; p < a->nparams; p++) {
				char x[128];
				double vx, vy;

				snprintf(x, sizeof(x), "%s", param_text(a, t, a->params[p].name));
				if (hp_parse_double(x, &vx) == 0 &&
				    hp_parse_double(param_text(b, t, a->params[p].name), &vy) == 0)
					assert_near(vy, vx, 5.1e-16 + 1e-12 * fabs(vx));	/* 15 decimals */
				else
					assert_string_equal(x, param_text(b, t, a->params[p].name));
			}
		}
		hp_studyset_release(&set);
	}
	hp_studyset_release(&ref);
}

static void
malformed_dataframes_should_fail_with_row(void **state)
{
	static const struct {
		const char *name, *text, *frag;
	} cases[] = {
		{ "a.csv", "number,value,state\n0,1.5,COMPLETE\n1,x,COMPLETE\n",
		    "a.csv: row 3: \"value\" must be a number" },
		{ "a.csv", "number,value,state\n0,1.5,COMPLETE\n0,2.5,COMPLETE\n",
		    "a.csv: row 3: duplicate trial number 0 (first at row 2)" },
		{ "a.csv", "number,value,state\n0,1.5\n", "a.csv: row 2: 2 fields" },
		{ "a.csv", "value,state\n1,COMPLETE\n", "no \"number\" column" },
		{ "a.csv", "number,value,state\n0,1e400,COMPLETE\n", "row 2: \"value\" must be a number" },
		{ "a.csv", "number,value,state\n0,1,DONE\n", "row 2: unknown state" },
		{ "a.csv", "number,value,state\n-1,1,COMPLETE\n", "row 2: \"number\"" },
		{ "a.csv", "number,value,params_x\n0,1,1e999\n", "row 2: param \"x\": number out of range" },
		{ "a.csv", "number,value,state\n0,\"1,COMPLETE\n", "a.csv: row 2:" },
		{ "a.json", "[{\"number\": 0, \"value\": 1}, {\"number\": 0, \"value\": 2}]",
		    "a.json: record 1: duplicate trial number 0" },
		{ "a.json", "[{\"number\": 0, \"value\": [1]}]", "record 0: \"value\" must be a scalar" },
		{ "a.json", "[{\"number\": 0, \"value\": 1}", "a.json:1:" },
		{ "a.json", "[{\"number\": 0, \"value\": 1e400}]", "a.json:1:25: number out of range" },
		{ "a.json", "[1, 2]", "record 0: expected an object" },
		{ "a.csv", "number,value,system_attrs_constraints\n0,1,\"[0.5, x]\"\n",
		    "a.csv: trial 0: system attribute \"constraints\" is not a list of numbers" },
		{ "a.csv", "number,value,system_attrs_constraints\n0,1,\"[0.5,]\"\n",
		    "a.csv: trial 0: system attribute \"constraints\"" },
		{ "a.json", "[{\"number\": 4, \"value\": 1, \"system_attrs_constraints\": "
		    "{\"a\": 1}}]", "a.json: trial 4: system attribute \"constraints\"" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_msg(load_fail(hp_load_optuna_dataframe, cases[i].name, cases[i].text),
		    cases[i].frag);
}

static void
hpjson_document_should_load_search_space_and_nan(void **state)
{
	struct hp_studyset set = load_ok(hp_load_hpjson, testdata("hp-study.json"));
	struct hp_study *st = set.v[0];

	(void)state;
	assert_string_equal(st->name, "hand-written");
	assert_int_equal(st->dir[0], HP_DIR_MAXIMIZE);
	assert_string_equal(st->objname[0], "accuracy");
	assert_int_equal(st->ntrials, 6);
	assert_int_equal(st->state[1], HP_STATE_COMPLETE);	/* a value, no state */
	assert_true(isinf(hp_study_value(st, 1, 0)));
	assert_int_equal(st->state[3], HP_STATE_FAIL);		/* no value, no state */
	assert_int_equal(st->state[4], HP_STATE_RUNNING);
	assert_int_equal(st->number[hp_study_best(st, 0)], 0);
	assert_int_equal(hp_study_count_nonfinite(st, 0), 2);
	assert_int_equal(param_named(st, "lr")->dist.log, 1);
	assert_int_equal(param_named(st, "lr")->inferred, 0);
	assert_int_equal(param_named(st, "opt")->dist.nchoices, 5);
	assert_string_equal(param_text(st, 1, "opt"), "None");
	assert_string_equal(param_text(st, 2, "opt"), "2.5");
	assert_string_equal(param_text(st, 3, "opt"), "3");
	assert_int_equal(param_named(st, "seed")->inferred, 1);
	assert_int_equal(param_named(st, "seed")->dist.kind, HP_DIST_INT);
	/* trial 0: steps 0, 1 (NaN kept), 2; trial 2: a list for steps 0, 1 */
	assert_int_equal(st->iv_off[1] - st->iv_off[0], 3);
	assert_true(isnan(st->iv_value[1]));
	assert_int_equal(st->iv_off[3] - st->iv_off[2], 2);
	assert_near(st->t_end[0] - st->t_start[0], 2 - 0.68277, 1e-6);
	assert_string_equal(hp_study_attr(st, HP_NO_TRIAL, 0, "dataset")->json, "\"mnist\"");
	assert_string_equal(hp_study_attr(st, 4, 1, "fixed")->json, "true");
	hp_studyset_release(&set);
}

static void
hpjsonl_should_tolerate_a_half_written_last_line(void **state)
{
	struct hp_studyset set = load_ok(hp_load_hpjsonl, testdata("runs.jsonl"));
	struct hp_study *st = set.v[0];

	(void)state;
	assert_string_equal(st->name, "cli-runs");
	assert_int_equal(st->ntrials, 4);
	assert_int_equal(st->number[3], 3);
	assert_int_equal(st->state[2], HP_STATE_FAIL);		/* value NaN */
	assert_int_equal(st->number[hp_study_best(st, 0)], 3);
	assert_int_equal(param_named(st, "lr")->dist.log, 1);
	assert_int_equal(param_named(st, "batch_size")->dist.kind, HP_DIST_INT);
	assert_int_equal(param_named(st, "model")->dist.kind, HP_DIST_CATEGORICAL);
	assert_string_equal(param_text(st, 3, "augment"), "True");
	assert_int_equal(st->iv_off[2] - st->iv_off[1], 3);
	assert_non_null(strstr(st->notes[0], "incomplete"));
	hp_studyset_release(&set);
}

/* With metric names set (Optuna >= 3.4), trials_dataframe names the value
 * column value_<name> for one objective and values_<name> for several
 * (optuna/study/_dataframe.py); the names become the objectives' names.
 * The best trial is the best feasible one. */
static void
dataframe_metric_name_columns_should_name_objectives(void **state)
{
	struct hp_studyset one = load_ok(hp_load_optuna_dataframe, write_tmp("m1.csv",
	    "number,value_loss,system_attrs_constraints,state\n"
	    "0,0.5,[1.0],COMPLETE\n1,0.9,[-1.0],COMPLETE\n2,0.7,,COMPLETE\n"));
	struct hp_studyset two = load_ok(hp_load_optuna_dataframe, write_tmp("m2.csv",
	    "number,values_error,values_latency,state\n0,0.5,3,COMPLETE\n"));

	(void)state;
	assert_int_equal(one.v[0]->nobj, 1);
	assert_string_equal(one.v[0]->objname[0], "loss");
	assert_true(hp_study_value(one.v[0], 1, 0) == 0.9);
	/* 0 is infeasible; 2 has no list: feasible (as Optuna's figures) */
	assert_int_equal(one.v[0]->number[hp_study_best(one.v[0], 0)], 2);
	assert_int_equal(hp_study_count_infeasible(one.v[0]), 1);
	assert_int_equal(two.v[0]->nobj, 2);
	assert_string_equal(two.v[0]->objname[0], "error");
	assert_string_equal(two.v[0]->objname[1], "latency");
	assert_true(hp_study_value(two.v[0], 0, 1) == 3);
	hp_studyset_release(&one);
	hp_studyset_release(&two);
}

/* Constraints as pandas writes them -- a JSON list in to_json, Python's
 * repr of a list or tuple in to_csv -- become the trials' values. */
static void
dataframe_constraints_should_be_read_in_either_form(void **state)
{
	struct hp_studyset csv = load_ok(hp_load_optuna_dataframe, write_tmp("c.csv",
	    "number,value,system_attrs_constraints\n"
	    "0,1,\"[0.5, -1.0]\"\n1,2,\"(-inf,)\"\n2,3,[]\n3,4,\n"));
	struct hp_studyset json = load_ok(hp_load_optuna_dataframe, write_tmp("c.json",
	    "[{\"number\": 0, \"value\": 1, \"system_attrs_constraints\": [0.5, -1.0]}]"));
	const struct hp_study *st = csv.v[0];
	const double *v;
	size_t n;

	(void)state;
	assert_int_equal(hp_study_constraints(st, 0, &v, &n), 1);
	assert_int_equal(n, 2);
	assert_true(v[0] == 0.5 && v[1] == -1);
	assert_int_equal(hp_study_constraints(st, 1, &v, &n), 1);
	assert_int_equal(n, 1);
	assert_true(isinf(v[0]) && v[0] < 0);
	assert_int_equal(hp_study_constraints(st, 2, &v, &n), 1);
	assert_int_equal(n, 0);
	assert_int_equal(hp_study_constraints(st, 3, &v, &n), 0);
	assert_int_equal(hp_study_constraints(json.v[0], 0, &v, &n), 1);
	assert_int_equal(n, 2);
	assert_true(v[0] == 0.5 && v[1] == -1);
	hp_studyset_release(&csv);
	hp_studyset_release(&json);
}

static void
malformed_hpjson_should_fail_with_place(void **state)
{
	static const struct {
		loader_fn fn;
		const char *name, *text, *frag;
	} cases[] = {
		{ hp_load_hpjsonl, "r.jsonl", "{\"value\": 1}\n{\"value\": 2 x}\n{\"value\": 3}\n",
		    "r.jsonl:2:13: malformed JSON" },
		{ hp_load_hpjsonl, "r.jsonl", "{\"value\": 1}\n{\"value\": \"1\"}\n",
		    "r.jsonl:2: \"value\" must be a number or null" },
		{ hp_load_hpjsonl, "r.jsonl", "{\"number\": 4, \"value\": 1}\n{\"number\": 4}\n",
		    "r.jsonl:2: duplicate trial number 4 (first at line 1)" },
		{ hp_load_hpjsonl, "r.jsonl", "{\"value\": 1e999}\n", "r.jsonl:1:11: number out of range" },
		{ hp_load_hpjsonl, "r.jsonl", "{\"value\": 1, \"state\": \"OK\"}\n", "r.jsonl:1: unknown state" },
		{ hp_load_hpjsonl, "r.jsonl", "{\"params\": {\"a\": [1]}}\n", "r.jsonl:1: param \"a\" must be" },
		{ hp_load_hpjson, "s.json", "{\"trials\": [{\"number\": 0}, {\"number\": 0}]}",
		    "s.json: trials[1]: duplicate trial number 0 (first at trials[0])" },
		{ hp_load_hpjson, "s.json", "{\"trials\": [{\"number\": 1.5}]}",
		    "s.json: trials[0]: \"number\" must be an integer" },
		{ hp_load_hpjson, "s.json", "{\"trials\": [{\"number\": 0}]", "s.json:1:" },
		{ hp_load_hpjson, "s.json", "{\"study\": \"x\"}", "expected an object with a \"trials\" array" },
		{ hp_load_hpjson, "s.json", "{\"direction\": \"up\", \"trials\": []}",
		    "\"direction\" must be minimize or maximize" },
		{ hp_load_hpjson, "s.json", "{\"search_space\": {\"a\": {\"type\": \"int\", "
		    "\"low\": 5, \"high\": 1}}, \"trials\": []}", "search_space \"a\": invalid range" },
		{ hp_load_hpjson, "s.json", "{\"search_space\": {\"a\": {\"type\": \"categorical\", "
		    "\"choices\": [1, 2]}}, \"trials\": [{\"params\": {\"a\": 3}}]}",
		    "trials[0]: param \"a\": value not among the choices" },
		{ hp_load_hpjson, "s.json", "{\"trials\": [{\"number\": 12, \"system_attrs\": "
		    "{\"constraints\": [1, \"a\"]}}]}",
		    "s.json: trial 12: system attribute \"constraints\" is not a list of numbers" },
		{ hp_load_hpjsonl, "r.jsonl", "{\"number\": 3, \"system_attrs\": "
		    "{\"constraints\": {}}}\n",
		    "r.jsonl: trial 3: system attribute \"constraints\" is not a list of numbers" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_msg(load_fail(cases[i].fn, cases[i].name, cases[i].text), cases[i].frag);
}

static void
skopt_export_should_load_dimensions(void **state)
{
	struct hp_studyset set = load_ok(hp_load_skopt, testdata("skopt-result.json"));
	struct hp_study *st = set.v[0];

	(void)state;
	assert_string_equal(st->name, "gp-minimize");
	assert_int_equal(st->dir[0], HP_DIR_MINIMIZE);
	assert_int_equal(st->ntrials, 4);
	assert_int_equal(st->state[2], HP_STATE_FAIL);
	assert_int_equal(st->number[hp_study_best(st, 0)], 3);
	assert_int_equal(param_named(st, "learning_rate")->dist.log, 1);
	assert_int_equal(param_named(st, "n_estimators")->dist.kind, HP_DIST_INT);
	assert_int_equal(param_named(st, "n_estimators")->dist.log, 1);
	assert_int_equal(param_named(st, "max_depth")->dist.log, 0);
	assert_int_equal(param_named(st, "criterion")->dist.nchoices, 3);
	assert_string_equal(param_text(st, 1, "criterion"), "entropy");
	assert_string_equal(param_text(st, 1, "learning_rate"), "1.2e-05");
	assert_string_equal(param_text(st, 0, "x4"), "0.5");		/* unnamed dimension */
	hp_studyset_release(&set);
}

static void
malformed_skopt_should_fail_with_place(void **state)
{
	static const struct {
		const char *text, *frag;
	} cases[] = {
		{ "{\"space\": [], \"x_iters\": [], \"func_vals\": []}", "\"space\" is empty" },
		{ "{\"x_iters\": [], \"func_vals\": []}", "r.json: missing \"space\"" },
		{ "{\"space\": [{\"type\": \"Real\", \"low\": 0, \"high\": 1}], \"x_iters\": [[0.5]], "
		    "\"func_vals\": []}", "differ in length" },
		{ "{\"space\": [{\"type\": \"Real\", \"low\": 0, \"high\": 1}], \"x_iters\": [[0.5, 1]], "
		    "\"func_vals\": [1]}", "x_iters[0]: expected a list of 1 values" },
		{ "{\"space\": [{\"type\": \"Integer\", \"low\": 0, \"high\": 3}], \"x_iters\": [[0.5]], "
		    "\"func_vals\": [1]}", "x_iters[0][0]: expected an integer" },
		{ "{\"space\": [{\"type\": \"Categorical\", \"categories\": [\"a\"]}], \"x_iters\": "
		    "[[\"b\"]], \"func_vals\": [1]}", "x_iters[0][0]: not one of the categories" },
		{ "{\"space\": [{\"type\": \"Real\", \"low\": 0, \"high\": 1, \"prior\": \"normal\"}], "
		    "\"x_iters\": [], \"func_vals\": []}", "space[0]: \"prior\" must be" },
		{ "{\"space\": [{\"type\": \"Real\", \"low\": 0, \"high\": 1e400}], \"x_iters\": [], "
		    "\"func_vals\": []}", "r.json:1:47: number out of range" },
		{ "{\"space\": [{\"type\": \"Real\", \"low\": 0, \"high\": 1}], \"x_iters\": [[0.5]], "
		    "\"func_vals\": [\"x\"]}", "func_vals[0]: expected a number" },
		{ "{\"space\": [{\"type\": \"Real\", \"low\": 0, \"high\": 1}], \"x_iters\": [[0.5]]",
		    "r.json:1:" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_msg(load_fail(hp_load_skopt, "r.json", cases[i].text), cases[i].frag);
}

static void
probes_should_tell_the_formats_apart(void **state)
{
	static const struct {
		const char *head;
		int (*yes)(const char *, const char *, size_t);
	} cases[] = {
		{ "number,value,datetime_start,params_x,state\n0,1,,2,COMPLETE\n",
		    hp_probe_optuna_dataframe_csv },
		{ "[{\"number\":0,\"value\":1,\"params_x\":2}]", hp_probe_optuna_dataframe_json },
		{ "{\"number\":{\"0\":0},\"params_x\":{\"0\":2}}", hp_probe_optuna_dataframe_json },
		{ "{\"study\": \"s\", \"trials\": [{\"number\": 0, \"params\": {}}]}", hp_probe_hpjson },
		{ "{\"params\": {\"lr\": 0.1}, \"value\": 0.5}\n{\"params\": {}}\n", hp_probe_hpjsonl },
		{ "{\"space\": [], \"x_iters\": [], \"func_vals\": []}", hp_probe_skopt },
	};
	int (*all[])(const char *, const char *, size_t) = {
		hp_probe_optuna_dataframe_csv, hp_probe_optuna_dataframe_json,
		hp_probe_hpjson, hp_probe_hpjsonl, hp_probe_skopt, hp_probe_optuna_journal
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		for (size_t k = 0; k < sizeof(all) / sizeof(all[0]); k++) {
			int got = all[k]("x", cases[i].head, strlen(cases[i].head));

			if (got != (all[k] == cases[i].yes)) {
				print_error("case %zu, probe %zu: got %d\n", i, k, got);
				fail();
			}
		}
}

/*
 * One study, four files: journal (copy_study of study.db's mixed-minimize
 * by Optuna 3.1), trials.csv, trials.json.  What a DataFrame cannot carry,
 * and so is not compared: distributions (inferred instead), the None choice
 * of "activation" (an empty cell, read as absent), intermediate values, the
 * direction and the study name; trials.json rounds numbers to 10
 * decimal places (pandas' double_precision) and times to milliseconds.
 */
static void
one_study_should_read_the_same_from_journal_csv_and_json(void **state)
{
	struct hp_studyset j = load_ok(hp_load_optuna_journal,
	    testdata("optuna31-mixed-copy.journal.log"));
	struct hp_studyset c = load_ok(hp_load_optuna_dataframe, testdata("optuna-3.1/trials.csv"));
	struct hp_studyset js = load_ok(hp_load_optuna_dataframe,
	    testdata("optuna-3.1/trials.json"));
	struct hp_study *ref = j.v[0], *other[2] = { c.v[0], js.v[0] };
	double vtol[2] = { 0, 5.1e-11 }, ttol[2] = { 1e-6, 1e-3 };

	(void)state;
	assert_string_equal(ref->name, "mixed-minimize");
	assert_int_equal(ref->ntrials, 81);
	assert_int_equal(ref->iv_off[ref->ntrials], 553);
	for (int k = 0; k < 2; k++) {
		struct hp_study *o = other[k];

		assert_int_equal(o->ntrials, ref->ntrials);
		assert_int_equal(o->nparams, ref->nparams);
		assert_int_equal(o->iv_off[o->ntrials], 0);	/* not carried */
		for (size_t t = 0; t < ref->ntrials; t++) {
			double a = hp_study_value(ref, t, 0), b = hp_study_value(o, t, 0);

			assert_int_equal(o->number[t], ref->number[t]);
			assert_int_equal(o->state[t], ref->state[t]);
			assert_int_equal(isnan(a), isnan(b));
			if (!isnan(a))
				assert_near(b, a, vtol[k]);
			assert_int_equal(isnan(o->t_start[t]), isnan(ref->t_start[t]));
			if (!isnan(ref->t_start[t]))
				assert_near(o->t_start[t], ref->t_start[t], ttol[k]);
			for (size_t p = 0; p < ref->nparams; p++) {
				const char *name = ref->params[p].name;
				char x[128], y[128];
				double vx, vy;

				snprintf(x, sizeof(x), "%s", param_text(ref, t, name));
				snprintf(y, sizeof(y), "%s", param_text(o, t, name));
				if (strcmp(name, "activation") == 0 && strcmp(x, "None") == 0)
					strcpy(x, "");	/* None: an empty cell */
				if (k == 1 && hp_parse_double(x, &vx) == 0 &&
				    hp_parse_double(y, &vy) == 0) {
					assert_near(vy, vx, 5.1e-11);
					continue;
				}
				if (strcmp(x, y) != 0) {
					print_error("trial %d param %s: %s vs %s\n",
					    ref->number[t], name, x, y);
					fail();
				}
			}
		}
	}
	hp_studyset_release(&j);
	hp_studyset_release(&c);
	hp_studyset_release(&js);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dataframe_csv_should_infer_param_types),
		cmocka_unit_test(dataframe_json_orients_should_agree_with_csv),
		cmocka_unit_test(malformed_dataframes_should_fail_with_row),
		cmocka_unit_test(hpjson_document_should_load_search_space_and_nan),
		cmocka_unit_test(hpjsonl_should_tolerate_a_half_written_last_line),
		cmocka_unit_test(dataframe_constraints_should_be_read_in_either_form),
		cmocka_unit_test(dataframe_metric_name_columns_should_name_objectives),
		cmocka_unit_test(malformed_hpjson_should_fail_with_place),
		cmocka_unit_test(skopt_export_should_load_dimensions),
		cmocka_unit_test(malformed_skopt_should_fail_with_place),
		cmocka_unit_test(probes_should_tell_the_formats_apart),
		cmocka_unit_test(one_study_should_read_the_same_from_journal_csv_and_json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
