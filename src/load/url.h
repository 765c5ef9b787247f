/*
 * url: the database URLs hpreport reads, in the forms SQLAlchemy, Optuna
 * and optuna-dashboard use:
 *
 *     postgresql[+DRIVER]://[USER[:PASSWORD]@][HOST][:PORT][/DB][?K=V&...]
 *     mysql[+DRIVER]://...   mariadb[+DRIVER]://...   (same shape)
 *     redis://[[USER]:PASSWORD@]HOST[:PORT][/DB][?prefix=P]
 *     sqlite:///PATH   (SQLAlchemy: sqlite:///rel.db, sqlite:////abs.db)
 *
 * Parsed once here; the backends take the pieces.  Not part of the
 * public API (hp_input_name in load.h is).
 */
#ifndef HPREPORT_URL_H
#define HPREPORT_URL_H

#include <stddef.h>

#include "hpreport/util.h"

enum hp_url_kind { HP_URL_SQLITE, HP_URL_PG, HP_URL_MYSQL, HP_URL_REDIS };

struct hp_url {
	enum hp_url_kind kind;
	char	*user;		/* percent-decoded; NULL when absent */
	char	*password;	/* percent-decoded; NULL when absent */
	char	*host;		/* NULL when absent ([v6] brackets removed) */
	int	 port;		/* 0 when absent */
	char	*path;		/* after the first '/', decoded; NULL when absent */
	char	**qkey, **qval;	/* query parameters, decoded */
	size_t	 nq;
	char	*libpq;		/* PostgreSQL: the URL as libpq takes it */
};

/*
 * The kind of URL `s` is, or -1 when it is no URL hpreport reads (a file
 * path).  Only the scheme is looked at.
 */
int hp_url_kind_of(const char *s);

/*
 * Parses `s` into u (release with hp_url_release).  Returns 0, or -1
 * with "NAME: why" in err, where NAME is the redacted URL.
 */
int hp_url_parse(const char *s, struct hp_url *u, struct hp_err *err);

void hp_url_release(struct hp_url *u);

/* Value of query parameter `key`, or NULL. */
const char *hp_url_query(const struct hp_url *u, const char *key);

#endif
