/*
 * sqlite_ro: private helpers the SQLite-based loaders share (Optuna RDB,
 * NNI's nni.sqlite, MLflow's tracking database): opening a database
 * read-only without ever creating or writing it, and looking up tables.
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
 * it), with a busy timeout.  On failure returns NULL and, when err is not
 * NULL, puts "NAME: why" into it (`name` is how the file is named in
 * messages).  The caller closes the handle with sqlite3_close.
 */
sqlite3 *hp_sqlite_open_ro(const char *path, const char *name, struct hp_err *err);

/* 1 when the database has table `name`, 0 if not, -1 on an SQLite error. */
int hp_sqlite_has_table(sqlite3 *db, const char *name);

#endif
