/*
 * sqlite_ro: read-only access to SQLite inputs, shared by the Optuna, NNI
 * and MLflow loaders (see sqlite_ro.h).
 */
#include <stdlib.h>
#include <string.h>

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

sqlite3 *
hp_sqlite_open_ro(const char *path, const char *name, struct hp_err *err)
{
	sqlite3 *db = NULL;
	char *uri = ro_uri(path);
	int rc;

	rc = sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
	    SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		hp_err_set(err, "%s: %s", name, db ? sqlite3_errmsg(db) : "cannot open");
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, HP_SQLITE_BUSY_MS);
	sqlite3_extended_result_codes(db, 0);
	return db;
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
