/*
 * Unit tests of the database URLs (src/load/url.c): parsing the forms
 * SQLAlchemy and Optuna use, and naming an input without its password.
 */
#include "testutil.h"

#include "hpreport/load.h"
#include "../../src/load/url.h"

static void
expect_name(const char *in, const char *want)
{
	char *s = hp_input_name(in);

	assert_string_equal(s, want);
	free(s);
}

static void
input_name_should_hide_every_password(void **state)
{
	(void)state;
	expect_name("postgresql://u:pw@h:5432/db", "postgresql://u:***@h:5432/db");
	expect_name("postgresql+psycopg2://u:p%40w@h/db", "postgresql+psycopg2://u:***@h/db");
	expect_name("mysql+pymysql://u:a:b@c@h/db", "mysql+pymysql://u:***@h/db");
	expect_name("redis://:pw@h:6379/0?prefix=x", "redis://:***@h:6379/0?prefix=x");
	expect_name("postgresql://u@h/db?sslmode=require&password=pw",
	    "postgresql://u@h/db?sslmode=require&password=***");
	expect_name("postgresql://u@h/db", "postgresql://u@h/db");
	expect_name("study.db", "study.db");
	expect_name("dir/u:pw@x", "dir/u:pw@x");
}

/* Schemes hpreport does not read and typos still hide the password
 * (issue 23): whatever the scheme, SCHEME://USER:PASSWORD@ is redacted. */
static void
input_name_should_hide_passwords_of_unknown_schemes(void **state)
{
	(void)state;
	expect_name("rediss://:s3cret@h:6380/0", "rediss://:***@h:6380/0");
	expect_name("rediss://u:s3cret@h:6380/0?ssl_cert_reqs=none",
	    "rediss://u:***@h:6380/0?ssl_cert_reqs=none");
	expect_name("unix://u:s3cret@/run/redis.sock?db=0", "unix://u:***@/run/redis.sock?db=0");
	expect_name("cockroachdb://root:s3cret@h:26257/optuna",
	    "cockroachdb://root:***@h:26257/optuna");
	expect_name("postgresql:/u:s3cret@h/db", "postgresql:/u:***@h/db");
	expect_name("postgresql:u:s3cret@h/db", "postgresql:u:***@h/db");
	expect_name("postgresql:///u:s3cret@h/db", "postgresql:///u:***@h/db");
	expect_name("PostgreSQL+psycopg://u:s3cret@h/db", "PostgreSQL+psycopg://u:***@h/db");
	expect_name("mongodb+srv://u:s3cret@cluster0.x.net/db", "mongodb+srv://u:***@cluster0.x.net/db");
	/* a '/' or '?' in an unencoded password: hide up to the last '@' */
	expect_name("rediss://u:s3/cr?et@h/0", "rediss://u:***@h/0");
	expect_name("ftp://h/x?password=s3cret&a=1", "ftp://h/x?password=***&a=1");
	expect_name("rediss://u@h/0", "rediss://u@h/0");
	expect_name("C:/runs/study.db", "C:/runs/study.db");
	expect_name("runs/a:b@c.db", "runs/a:b@c.db");
}

static void
url_parse_should_split_and_decode(void **state)
{
	struct hp_url u;
	struct hp_err err = { "" };

	(void)state;
	assert_int_equal(hp_url_parse("mysql+pymysql://us%20er:p%40ss@[::1]:3307/opt"
	    "una?unix_socket=/tmp/s&charset=utf8mb4", &u, &err), 0);
	assert_int_equal(u.kind, HP_URL_MYSQL);
	assert_string_equal(u.user, "us er");
	assert_string_equal(u.password, "p@ss");
	assert_string_equal(u.host, "::1");
	assert_int_equal(u.port, 3307);
	assert_string_equal(u.path, "optuna");
	assert_string_equal(hp_url_query(&u, "unix_socket"), "/tmp/s");
	assert_null(hp_url_query(&u, "prefix"));
	hp_url_release(&u);

	assert_int_equal(hp_url_parse("postgresql+psycopg2://h/db", &u, &err), 0);
	assert_int_equal(u.kind, HP_URL_PG);
	assert_null(u.user);
	assert_string_equal(u.libpq, "postgresql://h/db");
	hp_url_release(&u);

	assert_int_equal(hp_url_parse("sqlite:////abs/study.db", &u, &err), 0);
	assert_string_equal(u.path, "/abs/study.db");
	hp_url_release(&u);
}

static void
url_parse_should_reject_bad_ports_without_showing_the_password(void **state)
{
	struct hp_url u;
	struct hp_err err = { "" };

	(void)state;
	assert_int_equal(hp_url_parse("mysql://u:secret@h:99999/db", &u, &err), -1);
	assert_non_null(strstr(err.msg, "port"));
	assert_null(strstr(err.msg, "secret"));
	assert_int_equal(hp_url_parse("redis://u:secret@h:6379/0%zz", &u, &err), -1);
	assert_null(strstr(err.msg, "secret"));
	assert_int_equal(hp_url_kind_of("/path/study.db"), -1);
	assert_int_equal(hp_url_kind_of("ftp://x"), -1);
	assert_int_equal(hp_url_kind_of("MariaDB+mariadbconnector://x/db"), HP_URL_MYSQL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(input_name_should_hide_every_password),
		cmocka_unit_test(input_name_should_hide_passwords_of_unknown_schemes),
		cmocka_unit_test(url_parse_should_split_and_decode),
		cmocka_unit_test(url_parse_should_reject_bad_ports_without_showing_the_password),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
