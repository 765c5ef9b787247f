/*
 * sql_pg: the PostgreSQL backend of the SQL interface (sql.h), over libpq.
 *
 * The URL goes to libpq as it is (with the scheme made "postgresql://"), so
 * everything libpq reads works: host, port, user, password, ?host=/socket,
 * sslmode, and the password from PGPASSWORD or ~/.pgpass when the URL has
 * none.  Rows are streamed in single-row mode, and every wait for the
 * server is a poll() with a timeout, so a server that stops answering
 * ends the load with a message instead of hanging it.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpq-fe.h>

#include "sql.h"
#include "url.h"

struct sql_pg {
	struct hp_sql	 c;
	PGconn		*conn;
	PGresult	*row;		/* the current row (single-row mode) */
	int		 busy;		/* a query's results are not all read */
	int		 timeout;	/* seconds each wait may take */
	char		 msg[512];
};

/* The first line of libpq's message, without "ERROR:  " and the like. */
static void
set_msg(struct sql_pg *p, const char *m)
{
	size_t n;

	if (m == NULL || *m == '\0')
		m = "unknown error";
	if (strncmp(m, "ERROR:  ", 8) == 0 || strncmp(m, "FATAL:  ", 8) == 0)
		m += 8;
	n = strcspn(m, "\n");
	snprintf(p->msg, sizeof(p->msg), "%.*s", (int)n, m);
}

/* Waits until the server sent something; -1 on a timeout or an error. */
static int
wait_input(struct sql_pg *p)
{
	while (PQisBusy(p->conn)) {
		struct pollfd fd = { PQsocket(p->conn), POLLIN, 0 };
		int rc = poll(&fd, 1, p->timeout * 1000);

		if (rc < 0 && errno == EINTR)
			continue;
		if (rc == 0) {
			snprintf(p->msg, sizeof(p->msg), "no answer from the server "
			    "within %d s", p->timeout);
			return -1;
		}
		if (rc < 0 || !PQconsumeInput(p->conn)) {
			set_msg(p, PQerrorMessage(p->conn));
			return -1;
		}
	}
	return 0;
}

/* Reads and drops the results left of the current query. */
static void
drain(struct sql_pg *p)
{
	PGresult *r;

	PQclear(p->row);
	p->row = NULL;
	while (p->busy) {
		if (wait_input(p) < 0 || (r = PQgetResult(p->conn)) == NULL) {
			p->busy = 0;
			break;
		}
		PQclear(r);
	}
}

static int
pg_query(struct hp_sql *c, const char *sql)
{
	struct sql_pg *p = (struct sql_pg *)c;

	drain(p);
	if (!PQsendQuery(p->conn, sql)) {
		set_msg(p, PQerrorMessage(p->conn));
		return -1;
	}
	p->busy = 1;
	PQsetSingleRowMode(p->conn);
	return 0;
}

static int
pg_step(struct hp_sql *c)
{
	struct sql_pg *p = (struct sql_pg *)c;
	PGresult *r;

	PQclear(p->row);
	p->row = NULL;
	if (!p->busy)
		return 0;
	for (;;) {
		if (wait_input(p) < 0) {
			p->busy = 0;
			return -1;
		}
		if ((r = PQgetResult(p->conn)) == NULL) {
			p->busy = 0;
			return 0;
		}
		switch (PQresultStatus(r)) {
		case PGRES_SINGLE_TUPLE:
			p->row = r;
			return 1;
		case PGRES_TUPLES_OK:
		case PGRES_COMMAND_OK:
			PQclear(r);
			continue;	/* the end: the next result is NULL */
		default:
			set_msg(p, PQresultErrorMessage(r));
			if (PQstatus(p->conn) == CONNECTION_BAD)
				set_msg(p, PQerrorMessage(p->conn));
			PQclear(r);
			drain(p);
			return -1;
		}
	}
}

static const char *
pg_text(struct hp_sql *c, int col)
{
	struct sql_pg *p = (struct sql_pg *)c;

	if (p->row == NULL || PQgetisnull(p->row, 0, col))
		return NULL;
	return PQgetvalue(p->row, 0, col);
}

static int
pg_real(struct hp_sql *c, int col, double *out)
{
	return hp_sql_text_real(pg_text(c, col), out);
}

static int
pq_int64(struct hp_sql *c, int col, int64_t *out)
{
	return hp_sql_text_int64(pg_text(c, col), out);
}

static void
pg_end(struct hp_sql *c)
{
	struct sql_pg *p = (struct sql_pg *)c;

	if (p->busy) {
		/* stop the server sending rows nobody reads */
		PGcancel *k = PQgetCancel(p->conn);
		char buf[256];

		if (k) {
			PQcancel(k, buf, sizeof(buf));
			PQfreeCancel(k);
		}
	}
	drain(p);
}

static void
pg_close(struct hp_sql *c)
{
	struct sql_pg *p = (struct sql_pg *)c;

	PQclear(p->row);
	PQfinish(p->conn);
	free(p);
}

static const char *
pg_errmsg(struct hp_sql *c)
{
	return ((struct sql_pg *)c)->msg;
}

static const struct hp_sql_ops pg_ops = {
	pg_query, pg_step, pg_text, pg_real, pq_int64, pg_end, pg_close, pg_errmsg
};

struct hp_sql *
hp_sql_pg_open(const struct hp_url *u, const char *name, int timeout,
    struct hp_err *err)
{
	const char *keys[] = { "dbname", "connect_timeout", "client_encoding",
	    "application_name", NULL };
	char tmo[16];
	const char *vals[] = { u->libpq, tmo, "UTF8", "hpreport", NULL };
	struct sql_pg *p = hp_calloc(1, sizeof(*p));

	snprintf(tmo, sizeof(tmo), "%d", timeout);
	p->timeout = timeout;
	p->c.ops = &pg_ops;
	p->c.dialect = HP_SQL_PG;
	p->c.name = name;
	p->c.columns_head = "SELECT column_name FROM information_schema.columns "
	    "WHERE table_schema = current_schema() AND table_name = '";
	p->c.columns_tail = "'";
	p->c.begin_sql = "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY";
	p->conn = PQconnectdbParams(keys, vals, 1);
	if (p->conn == NULL || PQstatus(p->conn) != CONNECTION_OK) {
		set_msg(p, p->conn ? PQerrorMessage(p->conn) : "out of memory");
		hp_err_set(err, "%s: cannot connect: %s", name, p->msg);
		pg_close(&p->c);
		return NULL;
	}
	/* the text forms the reader parses, whatever the server's defaults */
	if (hp_sql_exec(&p->c, "SET DateStyle = ISO; SET extra_float_digits = 3") < 0) {
		hp_err_set(err, "%s: %s", name, p->msg);
		pg_close(&p->c);
		return NULL;
	}
	return &p->c;
}
