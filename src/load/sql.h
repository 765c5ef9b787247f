/*
 * sql: the small SQL-connection interface the Optuna RDB reader works
 * over, with one backend per database: SQLite (in sqlite_ro.c), PostgreSQL
 * through libpq (sql_pg.c) and MySQL/MariaDB through MariaDB Connector/C
 * (sql_mysql.c).  Not part of the public API.
 *
 * One query is open at a time and its rows are streamed: SQLite steps its
 * statement, libpq runs in single-row mode, MariaDB uses mysql_use_result,
 * so memory never holds a whole result.  Every backend reads inside one
 * read-only transaction (hp_sql_begin) and never writes.  Values are read
 * as text, as a double or as an integer; SQL NULL is told apart.
 *
 * Messages from a backend name the connection by its `name`, which for a
 * URL is the URL with the password replaced by "***" (hp_url_redact): a
 * backend never puts a password into a message.
 */
#ifndef HPREPORT_SQL_H
#define HPREPORT_SQL_H

#include <stdint.h>

#include "hpreport/util.h"

struct hp_url;
struct hp_sql;

enum hp_sql_dialect { HP_SQL_SQLITE, HP_SQL_PG, HP_SQL_MYSQL };

struct hp_sql_ops {
	/* Starts `sql`; 0, or -1 with the message in hp_sql_errmsg. */
	int	 (*query)(struct hp_sql *, const char *sql);
	/* Next row: 1, 0 at the end, -1 on an error. */
	int	 (*step)(struct hp_sql *);
	/* Column `col` of the current row as text (NULL for SQL NULL),
	 * valid until the next step or end. */
	const char *(*text)(struct hp_sql *, int col);
	/* Column as a double: NaN for NULL; -1 for a value that is no number. */
	int	 (*real)(struct hp_sql *, int col, double *out);
	/* Column as an integer: 0, or -1 for NULL or no integer. */
	int	 (*int64)(struct hp_sql *, int col, int64_t *out);
	/* Ends the query, dropping rows not read yet. */
	void	 (*end)(struct hp_sql *);
	/* Closes the connection and frees the handle. */
	void	 (*close)(struct hp_sql *);
	/* The last error (the server's or the library's words). */
	const char *(*errmsg)(struct hp_sql *);
};

struct hp_sql {
	const struct hp_sql_ops *ops;
	enum hp_sql_dialect dialect;
	const char	*name;		/* how messages name the database */
	/* a query listing the column names of a table: head, name, tail */
	const char	*columns_head, *columns_tail;
	/* the statement opening the read-only snapshot transaction */
	const char	*begin_sql;
};

/* The backends.  Each returns a handle, or NULL with "NAME: why" in err.
 * `timeout` (seconds) bounds connecting and each wait for the server. */
struct hp_sql *hp_sql_sqlite_open(const char *path, const char *name,
    struct hp_err *err);
struct hp_sql *hp_sql_pg_open(const struct hp_url *u, const char *name,
    int timeout, struct hp_err *err);
struct hp_sql *hp_sql_mysql_open(const struct hp_url *u, const char *name,
    int timeout, struct hp_err *err);

/* Shorthands over ops. */
static inline int hp_sql_query(struct hp_sql *c, const char *sql) { return c->ops->query(c, sql); }
static inline int hp_sql_step(struct hp_sql *c) { return c->ops->step(c); }
static inline const char *hp_sql_text(struct hp_sql *c, int col) { return c->ops->text(c, col); }
static inline int hp_sql_real(struct hp_sql *c, int col, double *out) { return c->ops->real(c, col, out); }
static inline void hp_sql_end(struct hp_sql *c) { c->ops->end(c); }
static inline const char *hp_sql_errmsg(struct hp_sql *c) { return c->ops->errmsg(c); }

/* Closes c; NULL is fine. */
void hp_sql_close(struct hp_sql *c);

/* 1 when the column is SQL NULL. */
int hp_sql_isnull(struct hp_sql *c, int col);

static inline int hp_sql_int64(struct hp_sql *c, int col, int64_t *out) { return c->ops->int64(c, col, out); }

/* Runs a statement that returns no rows we need (BEGIN, SET, COMMIT). */
int hp_sql_exec(struct hp_sql *c, const char *sql);

/*
 * Columns of `table`: sets bit i of *mask when cols[i] (NULL-terminated,
 * at most 32) exists.  Returns 1 when the table exists, 0 when not, -1 on
 * an error.
 */
int hp_sql_table_columns(struct hp_sql *c, const char *table,
    const char *const *cols, unsigned *mask);

/* Text values parsed, for backends whose values come as text: a double
 * (NaN for NULL, -1 for no number) and an integer (-1 for NULL or none). */
int hp_sql_text_real(const char *s, double *out);
int hp_sql_text_int64(const char *s, int64_t *out);

#endif
