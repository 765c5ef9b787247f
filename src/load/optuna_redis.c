/*
 * optuna_redis: Optuna's JournalRedisStorage (optuna/storages/_journal/
 * redis.py, Optuna 3.1 to 4.x), read from a Redis server named by
 *
 *     redis://[[USER]:PASSWORD@]HOST[:PORT][/DB][?prefix=PREFIX]
 *
 * (--redis-prefix overrides ?prefix=; the default prefix is "", as in
 * Optuna).  Optuna keeps the number of the last entry in PREFIX:log_number
 * (from 0) and entry N, one JSON operation, in PREFIX:log:N; each append
 * bumps the counter and writes the entry in one atomic script.  The
 * counter is read once and entries 0 to that number are fetched with MGET
 * in batches, so a journal still being written reads as the prefix it had
 * at that moment, memory holds one batch, and the entries are replayed by
 * the journal file's code (journal.h).  An entry missing below the counter
 * (a cluster, where the two writes are not atomic) is waited for as Optuna
 * waits, within the connect timeout.  The snapshot Optuna may also keep
 * (PREFIX:snapshot, a Python pickle) is not needed: the log is complete.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include <hiredis.h>

#include "hpreport/load.h"
#include "internal.h"
#include "journal.h"
#include "url.h"

#define BATCH 1024	/* entries per MGET */

struct rconn {
	redisContext	*c;
	const char	*name;		/* the URL, redacted */
	struct hp_err	*err;
};

/* A command's reply, or NULL with the message. */
static redisReply *
command(struct rconn *rc, int argc, const char **argv, const size_t *lens)
{
	redisReply *rp = redisCommandArgv(rc->c, argc, argv, lens);

	if (rp == NULL) {
		hp_err_set(rc->err, "%s: %s", rc->name, rc->c->err == REDIS_ERR_IO &&
		    (errno == EAGAIN || errno == EWOULDBLOCK) ? "no answer from the server "
		    "in time" : rc->c->errstr[0] ? rc->c->errstr : "connection lost");
		return NULL;
	}
	if (rp->type == REDIS_REPLY_ERROR) {
		hp_err_set(rc->err, "%s: %s: %.200s", rc->name, argv[0], rp->str);
		freeReplyObject(rp);
		return NULL;
	}
	return rp;
}

static int
connect_url(struct rconn *rc, const struct hp_url *u, int timeout)
{
	struct timeval tv = { timeout, 0 };
	const char *argv[3];
	redisReply *rp;
	int n = 0;

	rc->c = redisConnectWithTimeout(u->host ? u->host : "localhost",
	    u->port ? u->port : 6379, tv);
	if (rc->c == NULL || rc->c->err) {
		hp_err_set(rc->err, "%s: cannot connect: %s", rc->name,
		    rc->c ? rc->c->errstr : "out of memory");
		return -1;
	}
	redisSetTimeout(rc->c, tv);
	if (u->password) {
		argv[n++] = "AUTH";
		if (u->user)
			argv[n++] = u->user;
		argv[n++] = u->password;
		if ((rp = command(rc, n, argv, NULL)) == NULL)
			return -1;
		freeReplyObject(rp);
	}
	if (u->path) {
		argv[0] = "SELECT";
		argv[1] = u->path;
		if ((rp = command(rc, 2, argv, NULL)) == NULL)
			return -1;
		freeReplyObject(rp);
	}
	return 0;
}

/* The counter PREFIX:log_number: the last entry, -1 for none; -2 when the
 * key does not exist. */
static int
log_number(struct rconn *rc, const char *prefix, long long *last)
{
	char key[600];
	const char *argv[2] = { "GET", key };
	redisReply *rp;
	char *end;

	snprintf(key, sizeof(key), "%s:log_number", prefix);
	if ((rp = command(rc, 2, argv, NULL)) == NULL)
		return -1;
	if (rp->type == REDIS_REPLY_NIL) {
		freeReplyObject(rp);
		return -2;
	}
	*last = rp->type == REDIS_REPLY_STRING ? strtoll(rp->str, &end, 10) : -2;
	if (rp->type != REDIS_REPLY_STRING || *end != '\0' || *last < -1) {
		freeReplyObject(rp);
		return hp_err_set(rc->err, "%s: key %s is not an entry number", rc->name, key);
	}
	freeReplyObject(rp);
	return 0;
}

/* MGET of entries from..to; NULL with the message. */
static redisReply *
fetch(struct rconn *rc, const char *prefix, long long from, long long to)
{
	size_t n = (size_t)(to - from + 1);
	const char **argv = hp_calloc(n + 1, sizeof(*argv));
	char **keys = hp_calloc(n, sizeof(*keys));
	redisReply *rp;

	argv[0] = "MGET";
	for (size_t i = 0; i < n; i++) {
		struct hp_buf b;

		hp_buf_init(&b);
		hp_buf_printf(&b, "%s:log:%lld", prefix, from + (long long)i);
		keys[i] = b.s;
		argv[i + 1] = keys[i];
	}
	rp = command(rc, (int)n + 1, argv, NULL);
	if (rp && (rp->type != REDIS_REPLY_ARRAY || rp->elements != n)) {
		hp_err_set(rc->err, "%s: MGET: unexpected reply", rc->name);
		freeReplyObject(rp);
		rp = NULL;
	}
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	free(argv);
	return rp;
}

static void
pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static int
replay(struct rconn *rc, struct hp_journal *j, const char *prefix, long long last,
    int timeout)
{
	long long from = 0;
	long waited = 0;

	while (from <= last) {
		long long to = from + BATCH - 1 < last ? from + BATCH - 1 : last;
		redisReply *rp = fetch(rc, prefix, from, to);
		long long done = from;
		int rc2 = 0;

		if (rp == NULL)
			return -1;
		for (size_t i = 0; i < rp->elements && rc2 == 0; i++, done++) {
			redisReply *e = rp->element[i];

			if (e->type == REDIS_REPLY_NIL)
				break;
			if (e->type != REDIS_REPLY_STRING) {
				freeReplyObject(rp);
				return hp_err_set(rc->err, "%s: key %s:log:%lld is not a string",
				    rc->name, prefix, done);
			}
			rc2 = hp_journal_apply(j, e->str, e->len, (size_t)done, done == last,
			    rc->err);
		}
		freeReplyObject(rp);
		if (rc2 != 0)
			return rc2 < 0 ? -1 : 0;
		if (done == from) {
			/* entry `from` is not written yet: wait as Optuna does */
			if (waited >= timeout * 1000L)
				return hp_err_set(rc->err, "%s: key %s:log:%lld is missing "
				    "although %s:log_number is %lld", rc->name, prefix, from,
				    prefix, last);
			pause_ms(100);
			waited += 100;
		}
		from = done;
	}
	return 0;
}

int
hp_load_optuna_redis(const char *url, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err)
{
	char *name = hp_input_name(url), *where = NULL;
	struct rconn rc = { NULL, name, err };
	struct hp_journal *j = NULL;
	struct hp_url u;
	const char *prefix;
	int timeout = opts && opts->connect_timeout > 0 ? opts->connect_timeout :
	    HP_CONNECT_TIMEOUT;
	long long last = -1;
	int ret = -1, got;

	if (hp_url_parse(url, &u, err) < 0) {
		free(name);
		return -1;
	}
	prefix = opts && opts->redis_prefix ? opts->redis_prefix :
	    hp_url_query(&u, "prefix") ? hp_url_query(&u, "prefix") : "";
	if (u.kind != HP_URL_REDIS) {
		hp_err_set(err, "%s: not a redis:// URL", name);
		goto out;
	}
	if (connect_url(&rc, &u, timeout) < 0)
		goto out;
	if ((got = log_number(&rc, prefix, &last)) == -1)
		goto out;
	if (got == -2) {
		hp_err_set(err, "%s: no Optuna journal here: no key %s:log_number "
		    "(see --redis-prefix)", name, prefix);
		goto out;
	}
	{
		struct hp_buf b;

		hp_buf_init(&b);
		hp_buf_printf(&b, "%s key %s:log", name, prefix);
		where = b.s;
	}
	j = hp_journal_new(where, opts);
	if (replay(&rc, j, prefix, last, timeout) < 0 || hp_journal_finish(j, out, err) < 0)
		goto out;
	ret = 0;
out:
	hp_journal_free(j);
	free(where);
	if (rc.c)
		redisFree(rc.c);
	hp_url_release(&u);
	free(name);
	return ret;
}

int
hp_probe_optuna_redis(const char *path, const char *head, size_t len)
{
	(void)head;
	(void)len;
	return hp_url_kind_of(path) == HP_URL_REDIS;
}
