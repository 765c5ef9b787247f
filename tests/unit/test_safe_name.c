/*
 * Unit tests of report_safe_name: study names become directory names that
 * are safe on every file system and still readable.
 */
#include "testutil.h"

#include "../../src/report/internal.h"

static void
safe_name_should_replace_separators_and_leading_dots(void **state)
{
	char *s;

	(void)state;
	s = report_safe_name("a/b\\c d");
	assert_string_equal(s, "a_b_c_d");
	free(s);
	s = report_safe_name("../etc");
	assert_string_equal(s, "_._etc");
	free(s);
	s = report_safe_name("");
	assert_string_equal(s, "study");
	free(s);
	s = report_safe_name("学習率-v2.1");
	assert_string_equal(s, "学習率-v2.1");
	free(s);
}

static void
safe_name_should_cut_long_names_between_utf8_characters(void **state)
{
	char name[400] = "";
	char *s;

	(void)state;
	for (int i = 0; i < 100; i++)
		strcat(name, "学");	/* 3 bytes each */
	s = report_safe_name(name);
	assert_true(strlen(s) >= 100 && strlen(s) <= 103);
	assert_int_equal(strlen(s) % 3, 0);
	assert_memory_equal(s, name, strlen(s));
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(safe_name_should_replace_separators_and_leading_dots),
		cmocka_unit_test(safe_name_should_cut_long_names_between_utf8_characters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
