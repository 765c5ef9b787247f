/*
 * fuzz_db: turns fuzzer bytes into an SQLite database file for the NNI and
 * MLflow targets.  Bytes that start with the SQLite header are written as
 * the file itself (corrupt pages); anything else is run as an SQL script
 * into a fresh database (wrong types, huge numbers, odd JSON in columns),
 * with statements cut short so a script cannot hang or grow without bound.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

static int
fuzz_progress(void *arg)
{
	int *steps = arg;

	return ++*steps > 20000;	/* abort long-running scripts */
}

/* Writes `path` from data; returns 0, or -1 when nothing usable was made. */
static int
fuzz_make_db(const char *path, const uint8_t *data, size_t size)
{
	sqlite3 *db;
	char *sql;
	int steps = 0;
	FILE *fp;

	unlink(path);
	if (size >= 16 && memcmp(data, "SQLite format 3", 16) == 0) {
		fp = fopen(path, "wb");
		if (fp == NULL)
			return -1;
		fwrite(data, 1, size, fp);
		fclose(fp);
		return 0;
	}
	if (sqlite3_open(path, &db) != SQLITE_OK) {
		sqlite3_close(db);
		return -1;
	}
	sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 100000);
	sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, 100000);
	sqlite3_progress_handler(db, 100, fuzz_progress, &steps);
	sql = malloc(size + 1);
	memcpy(sql, data, size);
	sql[size] = '\0';
	sqlite3_exec(db, "PRAGMA page_size=512; PRAGMA synchronous=OFF; "
	    "PRAGMA journal_mode=OFF", NULL, NULL, NULL);
	sqlite3_exec(db, sql, NULL, NULL, NULL);	/* errors leave what was made */
	free(sql);
	sqlite3_close(db);
	return 0;
}
