/*
 * sqlite_ro: private helpers the SQLite-based loaders share (Optuna RDB,
 * NNI's nni.sqlite, MLflow's tracking database): opening a database
 * read-only without ever creating or writing it, looking up tables, and
 * reading a row's columns with their type checked.
 * Not part of the public API.
 */
#ifndef HPREPORT_SQLITE_RO_H
#define HPREPORT_SQLITE_RO_H

#include <stddef.h>

#include <sqlite3.h>

#include "hpreport/util.h"

/* How long a reader waits for a writer's lock (milliseconds). */
#define HP_SQLITE_BUSY_MS 5000

/* 1 when the first bytes of a file are SQLite's magic header. */
int hp_sqlite_magic(const char *head, size_t len);

/*
 * Opens `path` read-only through a "file:...?mode=ro" URI (never creates
 * it), with a busy timeout, and reads its schema once so that a database
 * that cannot be read fails here with the reason: locked by another
 * process (after the busy timeout), or in WAL mode where the -shm file
 * cannot be made (a read-only directory; with no WAL content the file is
 * then read as immutable, which loses nothing); a damaged file opens, for
 * the loader's first query to report.  On failure returns NULL
 * and, when err is not NULL, puts "NAME: cannot read the SQLite database:
 * why" into it (`name` is how the file is named in messages).  The caller
 * closes the handle with sqlite3_close.
 */
sqlite3 *hp_sqlite_open_ro(const char *path, const char *name, struct hp_err *err);

/*
 * For detection (load.c), before the probes: when `head` starts with
 * SQLite's magic, checks once that the database can be read.  Returns 0
 * (readable, or not SQLite), or -1 with the reason in err, so that a
 * locked or unreadable database is reported as such -- once, not after
 * every SQLite probe has waited out its lock and said "not mine".
 */
int hp_sqlite_check(const char *path, const char *head, size_t len,
    struct hp_err *err);

/* 1 when the database has table `name`, 0 if not, -1 on an SQLite error. */
int hp_sqlite_has_table(sqlite3 *db, const char *name);

/*
 * A column of the current row of `s`, its SQLite type checked.  Each
 * returns 0 with the value in *out, or -1 when the column holds another
 * type (*out then as for NULL).  Text stays valid until the next step.
 */
/* Text only: NULL -> NULL; a number or blob is an error (NNI's columns). */
int hp_sqlite_text_only(sqlite3_stmt *s, int i, const char **out);
/* Text or a number as its text (SQLite converts it): NULL -> NULL; a blob
 * is an error (MLflow's columns, where a value may be stored either way). */
int hp_sqlite_as_text(sqlite3_stmt *s, int i, const char **out);
/* Integer or real: NULL -> NaN; text or blob is an error. */
int hp_sqlite_num(sqlite3_stmt *s, int i, double *out);
/* Integer only: NULL -> -1; anything else is an error. */
int hp_sqlite_int(sqlite3_stmt *s, int i, long long *out);

#endif
