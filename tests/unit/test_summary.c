/*
 * test_summary: the pieces behind summary.md and --watch that are not
 * plain I/O -- the Markdown escape that keeps a hostile name inside its
 * table cell, the study directory name summary.md reserves, and the input
 * stamps (src/load/stamp.c) that tell the watch loop when to render again:
 * unchanged input, same stamp; an appended file or a commit from another
 * SQLite connection, a new one; a report written inside a watched
 * directory, none.
 */
#include "testutil.h"

#include <sqlite3.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hpreport/load.h"
#include "../../src/report/internal.h"

static char *
escaped(const char *s)
{
	struct hp_buf b;

	hp_buf_init(&b);
	hp_buf_puts(&b, "");
	report_md_escape(&b, s);
	return b.s;
}

static void
md_escape_should_keep_a_hostile_name_in_its_cell(void **state)
{
	char *s = escaped("a|b `c` <img src=x> *d* _e_ [f](g) & h\ni");

	(void)state;
	assert_string_equal(s, "a\\|b \\`c\\` &lt;img src=x&gt; \\*d\\* \\_e\\_ "
	    "\\[f\\](g) &amp; h i");
	free(s);
	s = escaped("$x$ @all #12 ~~s~~ !\\");
	assert_string_equal(s, "\\$x\\$ \\@all \\#12 \\~\\~s\\~\\~ \\!\\\\");
	free(s);
}

static void
md_escape_should_make_invalid_utf8_valid(void **state)
{
	char *s = escaped("lr\xff\xfe \xce\xb1");

	(void)state;
	assert_string_equal(s, "lr\xef\xbf\xbd\xef\xbf\xbd \xce\xb1");
	free(s);
}

static void
safe_names_should_keep_summary_md_for_the_summary(void **state)
{
	const char *names[] = { "summary.md", "Summary.MD" };
	char **out = report_safe_names(names, 2);

	(void)state;
	assert_string_equal(out[0], "summary.md-2");
	assert_string_equal(out[1], "Summary.MD-3");
	free(out[0]);
	free(out[1]);
	free(out);
}

static void
stamp_should_change_when_a_file_grows(void **state)
{
	char path[] = "/tmp/hp-stamp-XXXXXX";
	int fd = mkstemp(path);
	struct hp_load_opts lo;
	struct hp_stamp *st;
	struct hp_err err = { "" };
	uint64_t a, b, c;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "x\n", 2), 2);
	hp_load_opts_defaults(&lo);
	st = hp_stamp_new(path, &lo);
	assert_int_equal(hp_stamp_read(st, &a, &err), 0);
	assert_int_equal(hp_stamp_read(st, &b, &err), 0);
	assert_true(a == b);
	assert_int_equal(write(fd, "y\n", 2), 2);
	assert_int_equal(hp_stamp_read(st, &c, &err), 0);
	assert_true(c != b);
	close(fd);
	unlink(path);
	assert_int_equal(hp_stamp_read(st, &c, &err), -1);
	assert_non_null(strstr(err.msg, path));
	hp_stamp_free(st);
}

static void
stamp_should_see_a_commit_of_another_sqlite_connection(void **state)
{
	char dir[] = "/tmp/hp-stamp-XXXXXX";
	char *path;
	sqlite3 *db;
	struct hp_load_opts lo;
	struct hp_stamp *st;
	struct hp_err err = { "" };
	uint64_t a, b, c;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = hp_sprintf("%s/s.db", dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA journal_mode=WAL; CREATE TABLE t(x);"
	    "INSERT INTO t VALUES (1);", NULL, NULL, NULL), SQLITE_OK);
	hp_load_opts_defaults(&lo);
	st = hp_stamp_new(path, &lo);
	assert_int_equal(hp_stamp_read(st, &a, &err), 0);
	assert_int_equal(hp_stamp_read(st, &b, &err), 0);
	assert_true(a == b);
	/* the writer is not held up by the open read-only connection */
	assert_int_equal(sqlite3_exec(db, "INSERT INTO t VALUES (2);", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(hp_stamp_read(st, &c, &err), 0);
	assert_true(c != b);
	hp_stamp_free(st);
	sqlite3_close(db);
	unlink(path);
	free(path);
	path = hp_sprintf("%s/s.db-wal", dir);
	unlink(path);
	free(path);
	path = hp_sprintf("%s/s.db-shm", dir);
	unlink(path);
	free(path);
	rmdir(dir);
}

static void
stamp_of_a_directory_should_leave_reports_and_hidden_entries_out(void **state)
{
	char dir[] = "/tmp/hp-stamp-XXXXXX";
	struct hp_load_opts lo;
	struct hp_stamp *st;
	struct hp_err err = { "" };
	uint64_t a, b;
	char *p;
	FILE *fp;

	(void)state;
	assert_non_null(mkdtemp(dir));
#define FILE_AT(name, text) (p = hp_sprintf("%s/%s", dir, name), \
	fp = fopen(p, "w"), assert_non_null(fp), fputs(text, fp), fclose(fp), free(p))
#define DIR_AT(name) (p = hp_sprintf("%s/%s", dir, name), mkdir(p, 0755), free(p))
	FILE_AT("study.jsonl", "{}\n");
	DIR_AT("report");
	FILE_AT("report/.hpreport", "hpreport\n");
	hp_load_opts_defaults(&lo);
	st = hp_stamp_new(dir, &lo);
	assert_int_equal(hp_stamp_read(st, &a, &err), 0);
	/* a report rewritten inside, a hidden temporary directory beside it */
	FILE_AT("report/index.html", "<html>");
	DIR_AT(".report.tmp-1-abcdef");
	FILE_AT(".report.tmp-1-abcdef/x", "x");
	assert_int_equal(hp_stamp_read(st, &b, &err), 0);
	assert_true(a == b);
	FILE_AT("study.jsonl", "{}\n{}\n");
	assert_int_equal(hp_stamp_read(st, &b, &err), 0);
	assert_true(a != b);
	hp_stamp_free(st);
	p = hp_sprintf("rm -rf '%s'", dir);
	assert_int_equal(system(p), 0);
	free(p);
#undef FILE_AT
#undef DIR_AT
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(md_escape_should_keep_a_hostile_name_in_its_cell),
		cmocka_unit_test(md_escape_should_make_invalid_utf8_valid),
		cmocka_unit_test(safe_names_should_keep_summary_md_for_the_summary),
		cmocka_unit_test(stamp_should_change_when_a_file_grows),
		cmocka_unit_test(stamp_should_see_a_commit_of_another_sqlite_connection),
		cmocka_unit_test(stamp_of_a_directory_should_leave_reports_and_hidden_entries_out),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
