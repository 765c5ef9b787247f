/*
 * sqlite_ro: read-only access to SQLite inputs, shared by the Optuna, NNI
 * and MLflow loaders (see sqlite_ro.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hpreport/load.h"

#include "sql.h"
#include "sqlite_ro.h"

int
hp_sqlite_magic(const char *head, size_t len)
{
	return head != NULL && len >= 16 && memcmp(head, "SQLite format 3", 16) == 0;
}

/*
 * A "file:" URI opening `path` read-only.  Characters with a meaning in a
 * URI are percent-encoded; an absolute path gets an empty authority
 * ("file:///...") so a leading "//" cannot be read as a host.
 */
static char *
ro_uri(const char *path)
{
	struct hp_buf b;
	const unsigned char *p;

	hp_buf_init(&b);
	hp_buf_puts(&b, path[0] == '/' ? "file://" : "file:");
	for (p = (const unsigned char *)path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p < 0x21 || *p >= 0x7f)
			hp_buf_printf(&b, "%%%02X", *p);
		else
			hp_buf_add(&b, (const char *)p, 1);
	}
	hp_buf_puts(&b, "?mode=ro");
	return b.s;
}

/* 1 when the file's header says WAL mode (read and write versions 2). */
static int
is_wal(const char *path)
{
	unsigned char h[20];
	FILE *fp = fopen(path, "rb");
	int wal;

	if (fp == NULL)
		return 0;
	wal = fread(h, 1, sizeof(h), fp) == sizeof(h) && h[18] == 2 && h[19] == 2;
	fclose(fp);
	return wal;
}

/* 1 when `path`-wal is absent or empty: the database file holds it all. */
static int
wal_empty(const char *path)
{
	char *w = hp_sprintf("%s-wal", path);
	struct stat sb;
	int empty = stat(w, &sb) != 0 || sb.st_size == 0;

	free(w);
	return empty;
}

static sqlite3 *
open_uri(const char *path, int immutable, int *rc)
{
	sqlite3 *db = NULL;
	char *uri = ro_uri(path), *u = immutable ? hp_sprintf("%s&immutable=1", uri) : uri;

	*rc = sqlite3_open_v2(u, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
	    SQLITE_OPEN_NOMUTEX, NULL);
	if (u != uri)
		free(u);
	free(uri);
	if (*rc == SQLITE_OK) {
		sqlite3_busy_timeout(db, HP_SQLITE_BUSY_MS);
		sqlite3_extended_result_codes(db, 0);
		/* opening reads nothing: the first read finds a lock or a
		 * WAL file that cannot be opened, so read the schema now */
		*rc = sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", NULL, NULL,
		    NULL);
	}
	return db;
}

sqlite3 *
hp_sqlite_open_ro(const char *path, const char *name, struct hp_err *err)
{
	int rc;
	sqlite3 *db = open_uri(path, 0, &rc);

	/*
	 * A WAL database in a directory this process cannot write: SQLite
	 * cannot make the -shm file a reader needs.  With no WAL content
	 * nobody can be writing (no one could create the -wal either), so
	 * the database file is all there is and is read as immutable.
	 */
	if ((rc == SQLITE_CANTOPEN || rc == SQLITE_READONLY) && is_wal(path) &&
	    wal_empty(path)) {
		sqlite3_close(db);
		db = open_uri(path, 1, &rc);
	}
	/* a damaged file is the loader's to report, with the table it read */
	if (rc == SQLITE_OK || (db != NULL && rc != SQLITE_BUSY && rc != SQLITE_LOCKED &&
	    rc != SQLITE_CANTOPEN && rc != SQLITE_READONLY))
		return db;
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		hp_err_set(err, "%s: cannot read the SQLite database: another process "
		    "holds a lock on it (waited %d s); try again when it is done, or "
		    "read a copy", name, HP_SQLITE_BUSY_MS / 1000);
	else if ((rc == SQLITE_CANTOPEN || rc == SQLITE_READONLY) && is_wal(path))
		hp_err_set(err, "%s: cannot read the SQLite database: it is in WAL mode "
		    "with changes in its -wal file, and SQLite cannot create the -shm "
		    "file a reader needs beside it (a read-only directory?); copy the "
		    "database with its -wal file to a writable directory", name);
	else
		hp_err_set(err, "%s: cannot read the SQLite database: %s", name,
		    db ? sqlite3_errmsg(db) : "cannot open");
	sqlite3_close(db);
	return NULL;
}

int
hp_sqlite_check(const char *path, const char *head, size_t len, struct hp_err *err)
{
	sqlite3 *db;
	char *name;

	if (!hp_sqlite_magic(head, len))
		return 0;
	name = hp_input_name(path);
	db = hp_sqlite_open_ro(path, name, err);
	free(name);
	if (db == NULL)
		return -1;
	sqlite3_close(db);
	return 0;
}

int
hp_sqlite_has_table(sqlite3 *db, const char *name)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' "
	    "AND name = ?1", -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* --- the SQLite backend of the SQL interface (sql.h) ------------------- */

struct sql_sqlite {
	struct hp_sql	 c;
	sqlite3		*db;
	sqlite3_stmt	*s;
};

static int
lite_query(struct hp_sql *c, const char *sql)
{
	struct sql_sqlite *l = (struct sql_sqlite *)c;

	sqlite3_finalize(l->s);
	l->s = NULL;
	if (sqlite3_prepare_v2(l->db, sql, -1, &l->s, NULL) != SQLITE_OK) {
		sqlite3_finalize(l->s);
		l->s = NULL;
		return -1;
	}
	return 0;
}

static int
lite_step(struct hp_sql *c)
{
	int rc = sqlite3_step(((struct sql_sqlite *)c)->s);

	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static const char *
lite_text(struct hp_sql *c, int col)
{
	return (const char *)sqlite3_column_text(((struct sql_sqlite *)c)->s, col);
}

static int
lite_real(struct hp_sql *c, int col, double *out)
{
	sqlite3_stmt *s = ((struct sql_sqlite *)c)->s;

	switch (sqlite3_column_type(s, col)) {
	case SQLITE_NULL:
		*out = NAN;
		return 0;
	case SQLITE_TEXT:	/* a value written by hand or by another tool */
		return hp_parse_double((const char *)sqlite3_column_text(s, col), out);
	case SQLITE_BLOB:
		return -1;
	default:
		*out = sqlite3_column_double(s, col);
		return 0;
	}
}

static int
lite_int64(struct hp_sql *c, int col, int64_t *out)
{
	sqlite3_stmt *s = ((struct sql_sqlite *)c)->s;

	switch (sqlite3_column_type(s, col)) {
	case SQLITE_INTEGER:
		*out = sqlite3_column_int64(s, col);
		return 0;
	case SQLITE_NULL:
	case SQLITE_BLOB:
		return -1;
	default:
		*out = sqlite3_column_int64(s, col);
		return 0;
	}
}

static void
lite_end(struct hp_sql *c)
{
	struct sql_sqlite *l = (struct sql_sqlite *)c;

	sqlite3_finalize(l->s);
	l->s = NULL;
}

static void
lite_close(struct hp_sql *c)
{
	struct sql_sqlite *l = (struct sql_sqlite *)c;

	sqlite3_finalize(l->s);
	sqlite3_close(l->db);
	free(l);
}

static const char *
lite_errmsg(struct hp_sql *c)
{
	return sqlite3_errmsg(((struct sql_sqlite *)c)->db);
}

static const struct hp_sql_ops lite_ops = {
	lite_query, lite_step, lite_text, lite_real, lite_int64, lite_end,
	lite_close, lite_errmsg
};

struct hp_sql *
hp_sql_sqlite_open(const char *path, const char *name, struct hp_err *err)
{
	struct sql_sqlite *l;
	sqlite3 *db = hp_sqlite_open_ro(path, name, err);

	if (db == NULL)
		return NULL;
	l = hp_calloc(1, sizeof(*l));
	l->db = db;
	l->c.ops = &lite_ops;
	l->c.dialect = HP_SQL_SQLITE;
	l->c.name = name;
	l->c.columns_head = "SELECT name FROM pragma_table_info('";
	l->c.columns_tail = "')";
	l->c.begin_sql = "BEGIN";
	return &l->c;
}

int
hp_sqlite_text_only(sqlite3_stmt *s, int i, const char **out)
{
	int ty = sqlite3_column_type(s, i);

	*out = NULL;
	if (ty == SQLITE_NULL)
		return 0;
	if (ty != SQLITE_TEXT)
		return -1;
	*out = (const char *)sqlite3_column_text(s, i);
	return 0;
}

int
hp_sqlite_as_text(sqlite3_stmt *s, int i, const char **out)
{
	int ty = sqlite3_column_type(s, i);

	*out = NULL;
	if (ty == SQLITE_BLOB)
		return -1;
	if (ty != SQLITE_NULL)
		*out = (const char *)sqlite3_column_text(s, i);
	return 0;
}

int
hp_sqlite_num(sqlite3_stmt *s, int i, double *out)
{
	int ty = sqlite3_column_type(s, i);

	*out = NAN;
	if (ty == SQLITE_NULL)
		return 0;
	if (ty == SQLITE_INTEGER)
		*out = (double)sqlite3_column_int64(s, i);
	else if (ty == SQLITE_FLOAT)
		*out = sqlite3_column_double(s, i);
	else
		return -1;
	return 0;
}

int
hp_sqlite_int(sqlite3_stmt *s, int i, long long *out)
{
	int ty = sqlite3_column_type(s, i);

	*out = -1;
	if (ty == SQLITE_NULL)
		return 0;
	if (ty != SQLITE_INTEGER)
		return -1;
	*out = sqlite3_column_int64(s, i);
	return 0;
}
