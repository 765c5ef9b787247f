/*
 * sql_mysql: the MySQL/MariaDB backend of the SQL interface (sql.h), over
 * MariaDB Connector/C.
 *
 * The password is the URL's, else what the library finds itself: the
 * MYSQL_PWD environment variable or the [client] group of the option
 * files (~/.my.cnf and the system ones).  ?unix_socket=PATH in the URL
 * connects through a socket, as PyMySQL does.  Rows are streamed with
 * mysql_use_result; the connect, read and write timeouts bound every
 * wait for the server.  The session uses ANSI_QUOTES so that the reader's
 * "quoted" identifiers mean what they mean in SQLite and PostgreSQL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysql.h>

#include "sql.h"
#include "url.h"

struct sql_mysql {
	struct hp_sql	 c;
	MYSQL		*my;
	MYSQL_RES	*res;
	MYSQL_ROW	 row;
	char		 msg[512];
};

static void
set_msg(struct sql_mysql *m)
{
	const char *e = mysql_error(m->my);

	snprintf(m->msg, sizeof(m->msg), "%.*s", (int)strcspn(e, "\n"),
	    *e ? e : "unknown error");
}

static void
my_end(struct hp_sql *c)
{
	struct sql_mysql *m = (struct sql_mysql *)c;

	/* frees the rows not read yet (the library reads and drops them) */
	mysql_free_result(m->res);
	m->res = NULL;
	m->row = NULL;
}

static int
my_query(struct hp_sql *c, const char *sql)
{
	struct sql_mysql *m = (struct sql_mysql *)c;

	my_end(c);
	if (mysql_real_query(m->my, sql, strlen(sql)) != 0) {
		set_msg(m);
		return -1;
	}
	m->res = mysql_use_result(m->my);
	if (m->res == NULL && mysql_field_count(m->my) != 0) {
		set_msg(m);
		return -1;
	}
	return 0;
}

static int
my_step(struct hp_sql *c)
{
	struct sql_mysql *m = (struct sql_mysql *)c;

	if (m->res == NULL)
		return 0;
	if ((m->row = mysql_fetch_row(m->res)) != NULL)
		return 1;
	if (mysql_errno(m->my) != 0) {
		set_msg(m);
		return -1;
	}
	return 0;
}

static const char *
my_text(struct hp_sql *c, int col)
{
	struct sql_mysql *m = (struct sql_mysql *)c;

	return m->row ? m->row[col] : NULL;
}

static int
my_real(struct hp_sql *c, int col, double *out)
{
	return hp_sql_text_real(my_text(c, col), out);
}

static int
my_int64(struct hp_sql *c, int col, int64_t *out)
{
	return hp_sql_text_int64(my_text(c, col), out);
}

static void
my_close(struct hp_sql *c)
{
	struct sql_mysql *m = (struct sql_mysql *)c;

	my_end(c);
	mysql_close(m->my);
	free(m);
}

static const char *
my_errmsg(struct hp_sql *c)
{
	return ((struct sql_mysql *)c)->msg;
}

static const struct hp_sql_ops my_ops = {
	my_query, my_step, my_text, my_real, my_int64, my_end, my_close, my_errmsg
};

struct hp_sql *
hp_sql_mysql_open(const struct hp_url *u, const char *name, int timeout,
    struct hp_err *err)
{
	struct sql_mysql *m = hp_calloc(1, sizeof(*m));
	unsigned int tmo = (unsigned int)timeout;
	const char *sock = hp_url_query(u, "unix_socket");

	m->c.ops = &my_ops;
	m->c.dialect = HP_SQL_MYSQL;
	m->c.name = name;
	m->c.columns_head = "SELECT column_name FROM information_schema.columns "
	    "WHERE table_schema = DATABASE() AND table_name = '";
	m->c.columns_tail = "'";
	m->c.begin_sql = "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY";
	if (u->path == NULL) {
		hp_err_set(err, "%s: no database named in the URL", name);
		free(m);
		return NULL;
	}
	if ((m->my = mysql_init(NULL)) == NULL) {
		free(m);
		hp_err_set(err, "%s: out of memory", name);
		return NULL;
	}
	mysql_options(m->my, MYSQL_READ_DEFAULT_GROUP, "client");
	mysql_options(m->my, MYSQL_OPT_CONNECT_TIMEOUT, &tmo);
	mysql_options(m->my, MYSQL_OPT_READ_TIMEOUT, &tmo);
	mysql_options(m->my, MYSQL_OPT_WRITE_TIMEOUT, &tmo);
	mysql_options(m->my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	if (mysql_real_connect(m->my, u->host, u->user, u->password, u->path,
	    (unsigned int)u->port, sock, 0) == NULL) {
		set_msg(m);
		hp_err_set(err, "%s: cannot connect: %s", name, m->msg);
		my_close(&m->c);
		return NULL;
	}
	if (hp_sql_exec(&m->c, "SET SESSION sql_mode = 'ANSI_QUOTES'") < 0 ||
	    hp_sql_exec(&m->c, "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ") < 0) {
		hp_err_set(err, "%s: %s", name, m->msg);
		my_close(&m->c);
		return NULL;
	}
	return &m->c;
}
