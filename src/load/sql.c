/*
 * sql: what every backend of the SQL-connection interface shares (see
 * sql.h): statements without rows, column discovery, and parsing values
 * that arrive as text.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql.h"

void
hp_sql_close(struct hp_sql *c)
{
	if (c)
		c->ops->close(c);
}

int
hp_sql_isnull(struct hp_sql *c, int col)
{
	return c->ops->text(c, col) == NULL;
}

int
hp_sql_exec(struct hp_sql *c, const char *sql)
{
	int rc;

	if (hp_sql_query(c, sql) < 0)
		return -1;
	while ((rc = hp_sql_step(c)) > 0)
		;
	hp_sql_end(c);
	return rc;
}

int
hp_sql_table_columns(struct hp_sql *c, const char *table, const char *const *cols,
    unsigned *mask)
{
	char sql[512];
	int rc, found = 0;

	*mask = 0;
	snprintf(sql, sizeof(sql), "%s%s%s", c->columns_head, table, c->columns_tail);
	if (hp_sql_query(c, sql) < 0)
		return -1;
	while ((rc = hp_sql_step(c)) > 0) {
		const char *name = hp_sql_text(c, 0);

		found = 1;
		for (unsigned i = 0; name && cols[i] && i < 32; i++)
			if (strcmp(name, cols[i]) == 0)
				*mask |= 1u << i;
	}
	hp_sql_end(c);
	return rc < 0 ? -1 : found;
}

int
hp_sql_text_real(const char *s, double *out)
{
	if (s == NULL) {
		*out = NAN;
		return 0;
	}
	return hp_parse_double(s, out);
}

int
hp_sql_text_int64(const char *s, int64_t *out)
{
	char *end;
	long long v;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end != '\0' || errno != 0)
		return -1;
	*out = v;
	return 0;
}
