/*
 * Unit tests of the study model builder and of util's numbers, JSON and
 * time stamps.
 */
#include "testutil.h"

#include "hpreport/json.h"
#include "hpreport/study.h"

static struct hp_dist
float_dist(double lo, double hi, int log)
{
	struct hp_dist d = { .kind = HP_DIST_FLOAT, .low = lo, .high = hi, .log = log };

	return d;
}

static void
finish_should_sort_trials_by_number_and_keep_columns_aligned(void **state)
{
	struct hp_study *st = hp_study_new("s");
	struct hp_dist d = float_dist(0, 10, 0);
	struct hp_err err;
	int numbers[] = { 3, 0, 2, 1 };

	(void)state;
	for (int i = 0; i < 4; i++) {
		size_t t = hp_study_add_trial(st, numbers[i], HP_STATE_COMPLETE);

		hp_study_set_value(st, t, 0, numbers[i] * 10.0);
		assert_int_equal(hp_study_set_param(st, t, "x", &d, numbers[i] + 0.5, &err), 0);
		hp_study_add_intermediate(st, t, 1, numbers[i]);
	}
	assert_int_equal(hp_study_finish(st, &err), 0);
	for (int t = 0; t < 4; t++) {
		assert_int_equal(st->number[t], t);
		assert_near(hp_study_value(st, (size_t)t, 0), t * 10.0, 0);
		assert_near(st->params[0].v[t], t + 0.5, 0);
		assert_int_equal(st->iv_off[t + 1] - st->iv_off[t], 1);
		assert_near(st->iv_value[st->iv_off[t]], t, 0);
	}
	assert_int_equal(st->dir[0], HP_DIR_MINIMIZE);
	hp_study_free(st);
}

static void
finish_should_reject_duplicate_trial_numbers(void **state)
{
	struct hp_study *st = hp_study_new("s");
	struct hp_err err;

	(void)state;
	hp_study_add_trial(st, 5, HP_STATE_COMPLETE);
	hp_study_add_trial(st, 5, HP_STATE_FAIL);
	assert_int_equal(hp_study_finish(st, &err), -1);
	assert_non_null(strstr(err.msg, "duplicate trial number 5"));
	hp_study_free(st);
}

static void
categorical_choices_should_merge_across_trials(void **state)
{
	struct hp_study *st = hp_study_new("s");
	struct hp_choice a[] = { { HP_CHOICE_STRING, 0, (char *)"adam" },
	    { HP_CHOICE_STRING, 0, (char *)"sgd" } };
	struct hp_choice b[] = { { HP_CHOICE_STRING, 0, (char *)"sgd" },
	    { HP_CHOICE_NULL, 0, NULL } };
	struct hp_dist da = { .kind = HP_DIST_CATEGORICAL, .choices = a, .nchoices = 2 };
	struct hp_dist db = { .kind = HP_DIST_CATEGORICAL, .choices = b, .nchoices = 2 };
	struct hp_err err;
	char buf[64];

	(void)state;
	assert_int_equal(hp_study_set_param(st, hp_study_add_trial(st, 0, HP_STATE_COMPLETE),
	    "opt", &da, 1, &err), 0);
	assert_int_equal(hp_study_set_param(st, hp_study_add_trial(st, 1, HP_STATE_COMPLETE),
	    "opt", &db, 1, &err), 0);
	assert_int_equal(hp_study_set_param(st, hp_study_add_trial(st, 2, HP_STATE_COMPLETE),
	    "opt", &db, 0, &err), 0);
	assert_int_equal(hp_study_set_param(st, hp_study_add_trial(st, 3, HP_STATE_COMPLETE),
	    "opt", &db, 7, &err), -1);
	assert_int_equal(hp_study_finish(st, &err), 0);
	assert_int_equal(st->params[0].dist.nchoices, 3);
	assert_string_equal(hp_param_format(&st->params[0], st->params[0].v[0], buf, sizeof(buf)), "sgd");
	assert_string_equal(hp_param_format(&st->params[0], st->params[0].v[1], buf, sizeof(buf)), "None");
	assert_string_equal(hp_param_format(&st->params[0], st->params[0].v[2], buf, sizeof(buf)), "sgd");
	hp_study_free(st);
}

static void
text_params_should_be_inferred_as_int_float_log_or_categorical(void **state)
{
	struct hp_study *st = hp_study_new("s");
	const char *lr[] = { "0.001", "1e-5", "0.05", "" };
	const char *units[] = { "16", "4096", "64", "32" };
	const char *opt[] = { "adam", "sgd", "adam", "3" };
	struct hp_err err;
	int i;

	(void)state;
	for (int t = 0; t < 4; t++) {
		size_t k = hp_study_add_trial(st, t, HP_STATE_COMPLETE);

		hp_study_set_param_text(st, k, "lr", lr[t]);
		hp_study_set_param_text(st, k, "units", units[t]);
		hp_study_set_param_text(st, k, "opt", opt[t]);
	}
	assert_int_equal(hp_study_finish(st, &err), 0);
	assert_int_equal(st->nparams, 3);
	i = hp_study_param_index(st, "lr");
	assert_int_equal(st->params[i].dist.kind, HP_DIST_FLOAT);
	assert_true(st->params[i].dist.log);
	assert_true(isnan(st->params[i].v[3]));
	assert_int_equal(st->params[i].inferred, 1);
	i = hp_study_param_index(st, "units");
	assert_int_equal(st->params[i].dist.kind, HP_DIST_INT);
	assert_true(st->params[i].dist.log);
	i = hp_study_param_index(st, "opt");
	assert_int_equal(st->params[i].dist.kind, HP_DIST_CATEGORICAL);
	assert_int_equal(st->params[i].dist.nchoices, 3);
	assert_int_equal(st->nnotes, 3);
	hp_study_free(st);
}

static void
best_should_ignore_infinite_and_unfinished_trials(void **state)
{
	struct hp_study *st = hp_study_new("s");
	enum hp_direction max = HP_DIR_MAXIMIZE;
	struct hp_err err;
	size_t t;

	(void)state;
	hp_study_set_directions(st, 1, &max);
	t = hp_study_add_trial(st, 0, HP_STATE_COMPLETE);
	hp_study_set_value(st, t, 0, INFINITY);
	t = hp_study_add_trial(st, 1, HP_STATE_COMPLETE);
	hp_study_set_value(st, t, 0, 2);
	t = hp_study_add_trial(st, 2, HP_STATE_PRUNED);
	hp_study_set_value(st, t, 0, 9);
	t = hp_study_add_trial(st, 3, HP_STATE_COMPLETE);
	hp_study_set_value(st, t, 0, 1);
	assert_int_equal(hp_study_finish(st, &err), 0);
	assert_int_equal(hp_study_best(st, 0), 1);
	assert_int_equal(hp_study_count_nonfinite(st, 0), 1);
	hp_study_free(st);
}

static void
doubles_should_round_trip_in_shortest_form(void **state)
{
	char buf[40];
	double v[] = { 0.1, 1e-5, 3.4028234663852886e38, -2.5, 123456789.125, 1.0 / 3 };

	(void)state;
	assert_string_equal(hp_fmt_double(buf, sizeof(buf), 0.1), "0.1");
	assert_string_equal(hp_fmt_double(buf, sizeof(buf), 1e-5), "1e-05");
	assert_string_equal(hp_fmt_double(buf, sizeof(buf), -INFINITY), "-inf");
	/* integral but beyond long long (undefined to convert; check-sanitize) */
	assert_string_equal(hp_fmt_double(buf, sizeof(buf), 6e40), "6e+40");
	assert_string_equal(hp_fmt_double(buf, sizeof(buf), -1e300), "-1e+300");
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		double back;

		assert_int_equal(hp_parse_double(hp_fmt_double(buf, sizeof(buf), v[i]), &back), 0);
		assert_true(back == v[i]);
	}
}

/* A model's output is written with the 7 digits it has; a measured value
 * with every digit (above). */
static void
model_outputs_should_have_seven_significant_digits(void **state)
{
	char buf[40];

	(void)state;
	assert_string_equal(hp_fmt_model(buf, sizeof(buf), 1.0 / 3), "0.3333333");
	assert_string_equal(hp_fmt_model(buf, sizeof(buf), 1234567.89), "1234568");
	assert_string_equal(hp_fmt_model(buf, sizeof(buf), -2.5), "-2.5");
	assert_string_equal(hp_fmt_model(buf, sizeof(buf), 1e-300 / 3), "3.333333e-301");
	assert_string_equal(hp_fmt_model(buf, sizeof(buf), 0.1 + 0.2), "0.3");
	assert_string_equal(hp_fmt_model(buf, sizeof(buf), INFINITY), "inf");
	assert_string_equal(hp_fmt_model(buf, sizeof(buf), NAN), "nan");
}

/*
 * hp_fmt_double's integer fast path must give what printf does: the
 * shortest of %.15g, %.16g, %.17g that reads back.  Random bit patterns,
 * values of every scale, decimal fractions, powers of two and ten and
 * their neighbours, halves (ties at the cut digit).
 */
static void
doubles_should_format_as_the_shortest_printf_form_that_reads_back(void **state)
{
	uint64_t x = 88172645463325252u;
	char got[64], want[64];

	(void)state;
	for (long i = 0; i < 300000; i++) {
		uint64_t r;
		double v, u;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		r = x;
		u = (double)(r >> 11) * 0x1.0p-53;
		switch (i % 7) {
		case 0: memcpy(&v, &r, sizeof(v)); break;
		case 1: v = u; break;
		case 2: v = pow(10, -8 + 24 * u); break;
		case 3: v = (double)(r % 100000) / 1000.0; break;
		case 4: v = ldexp(1.0, (int)(r % 80) - 40); break;
		case 5: v = nextafter(pow(10, (int)(r % 24) - 8), r & 1 ? INFINITY : 0); break;
		default: v = ((double)(r % 1000000) * 0.5 + 0.5) / (r & 2 ? 1 : 1024); break;
		}
		if (!isfinite(v) || v == 0)
			continue;
		for (int prec = 15; prec <= 17; prec++) {
			snprintf(want, sizeof(want), "%.*g", prec, v);
			if (strtod(want, NULL) == v)
				break;
		}
		if (fabs(v) < 1e15 && v == (double)(long long)v)
			snprintf(want, sizeof(want), "%lld", (long long)v);
		hp_fmt_double(got, sizeof(got), v);
		if (strcmp(got, want) != 0)
			fail_msg("%.17g: got %s, want %s", v, got, want);
	}
}

static void
parse_double_should_accept_python_spellings_and_reject_junk(void **state)
{
	double v;

	(void)state;
	assert_int_equal(hp_parse_double(" -Infinity ", &v), 0);
	assert_true(isinf(v) && v < 0);
	assert_int_equal(hp_parse_double("NaN", &v), 0);
	assert_true(isnan(v));
	assert_int_equal(hp_parse_double("2.5e3", &v), 0);
	assert_near(v, 2500, 0);
	assert_int_equal(hp_parse_double("0x10", &v), -1);
	assert_int_equal(hp_parse_double("1,5", &v), -1);
	assert_int_equal(hp_parse_double("", &v), -1);
	assert_int_equal(hp_parse_double("abc", &v), -1);
}

static void
python_json_should_load_nan_and_infinity(void **state)
{
	const char *text = "{\"a\": NaN, \"b\": [Infinity, -Infinity], \"s\": \"NaN Infinity\"}";
	struct hp_err err;
	cJSON *j = hp_json_parse(text, strlen(text), "t.json", &err);
	double v;

	(void)state;
	assert_non_null(j);
	assert_int_equal(hp_json_number(cJSON_GetObjectItem(j, "a"), &v), 0);
	assert_true(isnan(v));
	assert_int_equal(hp_json_number(cJSON_GetArrayItem(cJSON_GetObjectItem(j, "b"), 0), &v), 0);
	assert_true(isinf(v) && v > 0);
	assert_int_equal(hp_json_number(cJSON_GetArrayItem(cJSON_GetObjectItem(j, "b"), 1), &v), 0);
	assert_true(isinf(v) && v < 0);
	assert_string_equal(cJSON_GetObjectItem(j, "s")->valuestring, "NaN Infinity");
	cJSON_Delete(j);
}

static void
malformed_json_should_name_line_and_column(void **state)
{
	const char *text = "{\n  \"a\": 1,\n  \"b\": ]\n}";
	struct hp_err err;

	(void)state;
	assert_null(hp_json_parse(text, strlen(text), "x.json", &err));
	assert_string_equal(err.msg, "x.json:3:8: malformed JSON");
}

static void
datetimes_should_parse_and_format_as_naive_utc(void **state)
{
	double t;
	char buf[40];

	(void)state;
	assert_int_equal(hp_parse_datetime("2026-11-27 22:15:59.491268", &t), 0);
	assert_near(t, 1795817759.491268, 1e-5);
	assert_string_equal(hp_fmt_datetime(buf, sizeof(buf), t), "2026-11-27 22:15:59");
	assert_int_equal(hp_parse_datetime("1970-01-01T00:00:00", &t), 0);
	assert_near(t, 0, 0);
	assert_int_equal(hp_parse_datetime("2026-13-01 00:00:00", &t), -1);
	assert_int_equal(hp_parse_datetime("yesterday", &t), -1);
	assert_int_equal(hp_parse_datetime(NULL, &t), 0);
	assert_true(isnan(t));
}

static void
json_numbers_too_large_for_a_double_should_be_rejected(void **state)
{
	const char *text = "{\"s\": \"1e400\", \"ok\": [1e308, -1e-400],\n \"v\": -1e400}";
	const char *inf = "[Infinity, 1e400]";
	struct hp_err err;
	cJSON *j;

	(void)state;
	assert_null(hp_json_parse(text, strlen(text), "x.json", &err));
	assert_string_equal(err.msg, "x.json:2:7: number out of range");
	assert_null(hp_json_parse(inf, strlen(inf), "y.json", &err));
	assert_string_equal(err.msg, "y.json:1:12: number out of range");
	j = hp_json_parse(text, 40, "x.json", &err);	/* up to the 1e400 */
	assert_null(j);
	text = "[\"1e400\", 1e308]";
	j = hp_json_parse(text, strlen(text), "z.json", &err);
	assert_non_null(j);
	cJSON_Delete(j);
}

/* Issue 23: a byte order mark is skipped; text after the document, a raw
 * NUL and a \u0000 escape in a string are errors at their place. */
static void
json_parse_should_skip_a_bom_and_refuse_trailing_text_and_nul(void **state)
{
	const char *bom = "\xEF\xBB\xBF{\"a\": 1}\n";
	const char *two = "{\"a\": 1}\n {\"a\": 2}\n";
	const char *two_nan = "[NaN, Infinity] x";
	const char *nul = "{\"p\\u0000x\": 1}";
	const char *ok = "{\"p\\\\u0000x\": 1} \r\n\t";	/* an escaped backslash */
	const char raw[] = "{\"a\": \"b\0c\"}";
	struct hp_err err;
	cJSON *j;

	(void)state;
	j = hp_json_parse(bom, strlen(bom), "b.json", &err);
	assert_non_null(j);
	assert_int_equal(cJSON_GetObjectItem(j, "a")->valueint, 1);
	cJSON_Delete(j);
	assert_null(hp_json_parse(two, strlen(two), "t.json", &err));
	assert_string_equal(err.msg, "t.json:2:2: text after the end of the JSON document");
	assert_null(hp_json_parse(two_nan, strlen(two_nan), "n.json", &err));
	assert_string_equal(err.msg, "n.json:1:17: text after the end of the JSON document");
	assert_null(hp_json_parse(nul, strlen(nul), "z.json", &err));
	assert_string_equal(err.msg, "z.json:1:4: \"\\u0000\" (NUL) in a string: "
	    "hpreport cannot keep a name or text with a NUL");
	j = hp_json_parse(ok, strlen(ok), "ok.json", &err);
	assert_non_null(j);
	cJSON_Delete(j);
	assert_null(hp_json_parse(raw, sizeof(raw) - 1, "r.json", &err));
	assert_string_equal(err.msg, "r.json:1:9: a NUL byte");
}

/* Issue 23: what reaches a terminal is printable, and escaping is idempotent. */
static void
printable_should_escape_controls_c1_bidi_and_bad_utf8(void **state)
{
	struct hp_err err;
	char *s;

	(void)state;
	s = hp_printable("\x1b]2;PWNED\x07\x1b[2J a\tb\nc\x7f");
	assert_string_equal(s, "\\x1b]2;PWNED\\x07\\x1b[2J a\\tb\\nc\\x7f");
	free(s);
	/* U+202E, U+2028, U+0085 (C1), U+2066; then é and 😀 stay; a lone 0x9b
	 * byte (8-bit CSI) and an overlong '/' are not UTF-8 */
	s = hp_printable("r\xE2\x80\xAEx\xE2\x80\xA8y\xC2\x85z\xE2\x81\xA6 \xC3\xA9\xF0\x9F\x98\x80 \x9b \xC0\xAF");
	assert_string_equal(s, "r\\u202ex\\u2028y\\u0085z\\u2066 \xC3\xA9\xF0\x9F\x98\x80 \\x9b \\xc0\\xaf");
	free(s);
	s = hp_printable("a\\x1b \\u202e");	/* already escaped: unchanged */
	assert_string_equal(s, "a\\x1b \\u202e");
	free(s);
	assert_null(hp_printable(NULL));
	hp_err_set(&err, "state \"%s\"", "\x1b[2J");
	assert_string_equal(err.msg, "state \"\\x1b[2J\"");
}

/* Issue 23: two param names equal once invalid UTF-8 reads U+FFFD would be
 * one column twice: an error, not a silent merge. */
static void
params_colliding_after_utf8_repair_should_be_an_error(void **state)
{
	struct hp_study *st = hp_study_new("s");
	struct hp_err err;
	size_t t;

	(void)state;
	t = hp_study_add_trial(st, 0, HP_STATE_COMPLETE);
	hp_study_set_value(st, t, 0, 1);
	hp_study_set_param_text(st, t, "p\xff", "1");
	hp_study_set_param_text(st, t, "p\xfe", "2");
	assert_int_equal(hp_study_finish(st, &err), -1);
	assert_non_null(strstr(err.msg, "two names that differ only in bytes that are not UTF-8"));
	hp_study_free(st);
}

static void
choice_index_out_of_range_should_be_an_error(void **state)
{
	struct hp_study *st = hp_study_new("s");
	char a[] = "a", b[] = "b";
	struct hp_choice ch[2] = { { .kind = HP_CHOICE_STRING, .str = a },
	    { .kind = HP_CHOICE_STRING, .str = b } };
	struct hp_dist d = { .kind = HP_DIST_CATEGORICAL, .choices = ch, .nchoices = 2 };
	struct hp_err err;
	size_t t = hp_study_add_trial(st, 0, HP_STATE_COMPLETE);

	(void)state;
	assert_int_equal(hp_study_set_param(st, t, "c", &d, -3.5, &err), -1);
	assert_int_equal(hp_study_set_param(st, t, "c", &d, 1e300, &err), -1);
	assert_int_equal(hp_study_set_param(st, t, "c", &d, 2, &err), -1);
	assert_string_equal(err.msg, "param \"c\": choice index 2 out of range");
	assert_int_equal(hp_study_set_param(st, t, "c", &d, 1, &err), 0);
	hp_study_free(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(finish_should_sort_trials_by_number_and_keep_columns_aligned),
		cmocka_unit_test(finish_should_reject_duplicate_trial_numbers),
		cmocka_unit_test(categorical_choices_should_merge_across_trials),
		cmocka_unit_test(text_params_should_be_inferred_as_int_float_log_or_categorical),
		cmocka_unit_test(best_should_ignore_infinite_and_unfinished_trials),
		cmocka_unit_test(doubles_should_round_trip_in_shortest_form),
		cmocka_unit_test(doubles_should_format_as_the_shortest_printf_form_that_reads_back),
		cmocka_unit_test(parse_double_should_accept_python_spellings_and_reject_junk),
		cmocka_unit_test(python_json_should_load_nan_and_infinity),
		cmocka_unit_test(malformed_json_should_name_line_and_column),
		cmocka_unit_test(json_numbers_too_large_for_a_double_should_be_rejected),
		cmocka_unit_test(choice_index_out_of_range_should_be_an_error),
		cmocka_unit_test(json_parse_should_skip_a_bom_and_refuse_trailing_text_and_nul),
		cmocka_unit_test(printable_should_escape_controls_c1_bidi_and_bad_utf8),
		cmocka_unit_test(params_colliding_after_utf8_repair_should_be_an_error),
		cmocka_unit_test(datetimes_should_parse_and_format_as_naive_utc),
		cmocka_unit_test(model_outputs_should_have_seven_significant_digits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
