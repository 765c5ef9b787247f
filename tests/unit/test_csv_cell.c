/*
 * Unit tests of hp_csv_put: RFC 4180 quoting, and the cells a spreadsheet
 * would execute neutralised as OWASP advises (a ' in front) while numbers
 * stay numbers.
 */
#include "testutil.h"

#include "hpreport/util.h"

/* What hp_csv_put writes for s (static buffer, one at a time). */
static const char *
cell(const char *s)
{
	static char out[256];
	FILE *fp;

	memset(out, 0, sizeof(out));
	fp = fmemopen(out, sizeof(out), "w");

	assert_non_null(fp);
	hp_csv_put(fp, s);
	fclose(fp);
	return out;
}

static void
csv_cell_should_quote_separators_and_quotes(void **state)
{
	(void)state;
	assert_string_equal(cell("plain"), "plain");
	assert_string_equal(cell("a,b"), "\"a,b\"");
	assert_string_equal(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
	assert_string_equal(cell("two\nlines"), "\"two\nlines\"");
	assert_string_equal(cell(""), "");
}

static void
csv_cell_should_prefix_a_quote_to_formulas(void **state)
{
	(void)state;
	assert_string_equal(cell("=HYPERLINK(\"http://evil.example/\",\"x\")"),
	    "\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"x\"\")\"");
	assert_string_equal(cell("@SUM(1+1)"), "\"'@SUM(1+1)\"");
	assert_string_equal(cell("+cmd|' /C calc'!A0"), "\"'+cmd|' /C calc'!A0\"");
	assert_string_equal(cell("-2+3+cmd"), "\"'-2+3+cmd\"");
	assert_string_equal(cell("\tx"), "\"'\tx\"");
	assert_string_equal(cell("\rx"), "\"'\rx\"");
	assert_string_equal(cell("-"), "\"'-\"");
	assert_string_equal(cell("+"), "\"'+\"");
	assert_string_equal(cell("-1.5.5"), "\"'-1.5.5\"");
	assert_string_equal(cell("-1e"), "\"'-1e\"");
	assert_string_equal(cell("-nan"), "\"'-nan\"");
	assert_string_equal(cell("=1;=2"), "\"'=1;=2\"");
	/* a quote already there is doubled, so one ' always comes off */
	assert_string_equal(cell("'=x"), "\"''=x\"");
	assert_string_equal(cell("''@x"), "\"'''@x\"");
	/* not a formula: left as it is */
	assert_string_equal(cell("'quoted"), "'quoted");
	assert_string_equal(cell("a=b"), "a=b");
	assert_string_equal(cell(" =x"), " =x");
}

static void
csv_cell_should_leave_numbers_as_numbers(void **state)
{
	char buf[40];
	const double v[] = { -1.5, -1e-05, -2.5e+300, -0.0001, -1, -1e308,
	    -4.9406564584124654e-324, -0.8829240257151041 };

	(void)state;
	assert_string_equal(cell("-1.5"), "-1.5");
	assert_string_equal(cell("+2"), "+2");
	assert_string_equal(cell("-.5"), "-.5");
	assert_string_equal(cell("-1E+20"), "-1E+20");
	assert_string_equal(cell("-inf"), "-inf");
	assert_string_equal(cell("12"), "12");
	/* and every negative number as hpreport writes it */
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		hp_fmt_double(buf, sizeof(buf), v[i]);
		assert_string_equal(cell(buf), buf);
	}
	hp_fmt_double(buf, sizeof(buf), -INFINITY);
	assert_string_equal(cell(buf), buf);
	hp_fmt_int(buf, sizeof(buf), -9223372036854775807LL);
	assert_string_equal(cell(buf), buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_cell_should_quote_separators_and_quotes),
		cmocka_unit_test(csv_cell_should_prefix_a_quote_to_formulas),
		cmocka_unit_test(csv_cell_should_leave_numbers_as_numbers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
