/*
 * Unit tests of report_safe_name(s): study names become directory names
 * that are safe on every file system, show as what they are (no direction
 * overrides, controls or separators), are valid UTF-8 and still readable,
 * and never collide with each other or the report's own files.
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
	assert_int_equal(strlen(s), 99);	/* 33 characters: at most 100 bytes */
	assert_memory_equal(s, name, strlen(s));
	free(s);
	/* 150 x U+00E9 (2 bytes) after one ASCII byte: 300 bytes, never cut
	 * inside a character (the cut once left an invalid byte for Pango) */
	strcpy(name, "b");
	for (int i = 0; i < 150; i++)
		strcat(name, "\xc3\xa9");
	s = report_safe_name(name);
	assert_int_equal(strlen(s), 99);
	assert_memory_equal(s, name, 99);
	free(s);
}

static void
safe_name_should_keep_only_printable_left_to_right_text(void **state)
{
	static const struct {
		const char *name, *want;
	} cases[] = {
		/* U+202E RIGHT-TO-LEFT OVERRIDE would show "report...exe.png" */
		{ "report\xe2\x80\xaegnp.exe", "report_gnp.exe" },
		/* U+2028 LINE SEPARATOR, U+200F RLM, U+2066 LRI, U+200B ZWSP */
		{ "line\xe2\x80\xa8sep", "line_sep" },
		{ "a\xe2\x80\x8f" "b\xe2\x81\xa6" "c\xe2\x80\x8b" "d", "a_b_c_d" },
		/* C0, DEL, C1 (U+0085 NEL) controls */
		{ "a\tb\x7f" "c\xc2\x85" "d", "a_b_c_d" },
		/* right-to-left letters (Hebrew, Arabic) and Arabic-Indic digits */
		{ "run-\xd7\x90\xd7\x91-\xd8\xb9-\xd9\xa1", "run-__-_-_" },
		/* left-to-right letters, numbers and marks stay: e + U+0301, the
		 * Devanagari vowel sign (Mc), superscript two (EN) */
		{ "e\xcc\x81t\xc3\xa9 \xe0\xa4\x95\xe0\xa4\xbe x\xc2\xb2",
		  "e\xcc\x81t\xc3\xa9_\xe0\xa4\x95\xe0\xa4\xbe_x\xc2\xb2" },
		/* a mark after nothing it could sit on; variation selector */
		{ "\xcc\x81x", "_x" },
		{ "a\xef\xb8\x8f", "a_" },
		/* symbols (emoji, arrows) and invalid UTF-8 bytes */
		{ "ok\xf0\x9f\x98\x80\xe2\x86\x92", "ok__" },
		{ "bad\xff\xc3name", "bad__name" },
		/* Windows: trailing dot, device names */
		{ "v1.", "v1_" },
		{ "nul", "_nul" },
		{ "COM1.txt", "_COM1.txt" },
		{ "console", "console" },
	};
	char *s;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		s = report_safe_name(cases[i].name);
		assert_string_equal(s, cases[i].want);
		free(s);
	}
}

static void
safe_names_should_be_unique_and_never_the_reports_own(void **state)
{
	const char *names[] = { "index.html", "INDEX.HTML", "figures", "Data", "a/b",
	    "a_b", "A_B", "compare.html", "index.html-2", "caf\xc3\xa9",
	    "cafe\xcc\x81", ".hpreport" };
	size_t n = sizeof(names) / sizeof(names[0]);
	const char *want[] = { "index.html-2", "INDEX.HTML-3", "figures-2", "Data-2",
	    "a_b", "a_b-2", "A_B-3", "compare.html-2", "index.html-2-2", "caf\xc3\xa9",
	    "cafe\xcc\x81-2", "_hpreport" };
	char **s;

	(void)state;
	s = report_safe_names(names, n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(s[i], want[i]);
		free(s[i]);
	}
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(safe_name_should_replace_separators_and_leading_dots),
		cmocka_unit_test(safe_name_should_cut_long_names_between_utf8_characters),
		cmocka_unit_test(safe_name_should_keep_only_printable_left_to_right_text),
		cmocka_unit_test(safe_names_should_be_unique_and_never_the_reports_own),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
