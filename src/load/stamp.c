/*
 * stamp: what an input looks like now, cheaply, so that `hpreport --watch`
 * can tell when to load it again.  A stamp is a 64-bit fingerprint; a
 * different fingerprint means the input may have changed.
 *
 *   - a file: its size and modification time (nanoseconds); for an SQLite
 *     file also those of its -wal and -journal companions and PRAGMA
 *     data_version, read on a read-only connection kept open between
 *     reads (data_version only moves within one connection).  The pragma
 *     is one short read transaction under the loaders' busy timeout, and
 *     an idle connection holds no lock, so the writer is never held up.
 *   - a directory: the number of files, their inodes, total size and newest
 *     modification time, HP_SEARCH_DEPTH levels deep (as the search goes),
 *     leaving out hidden entries and hpreport reports (a report written
 *     into the watched directory must not set off the next).
 *   - a database server (PostgreSQL, MySQL/MariaDB, Redis): the studies
 *     themselves, loaded (as hp_load does, read-only) and hashed -- the
 *     trial count, states, values, params, intermediate values,
 *     attributes -- since a server has no file to look at.
 */
#define _GNU_SOURCE		/* nftw's FTW_ACTIONRETVAL */
#include <errno.h>
#include <ftw.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hpreport/load.h"
#include "sqlite_ro.h"
#include "url.h"

struct hp_stamp {
	char		*input;		/* as given (owned) */
	const char	*file;		/* the file of a path or sqlite:/// URL */
	int		 server;	/* a database server URL */
	sqlite3		*db;		/* an SQLite file's connection, once opened */
	int		 not_sqlite;	/* the file is no SQLite database */
	struct hp_load_opts lo;		/* for a server: how to load it */
};

/* FNV-1a, 64 bits, over n bytes. */
static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < n; i++) {
		h ^= c[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

#define FNV_START 0xcbf29ce484222325ULL
#define FNV_OF(h, x) ((h) = fnv((h), &(x), sizeof(x)))

static uint64_t
stat_hash(uint64_t h, const char *path)
{
	struct stat sb;
	int64_t v[3] = { -1, 0, 0 };

	if (stat(path, &sb) == 0) {
		v[0] = (int64_t)sb.st_size;
		v[1] = (int64_t)sb.st_mtim.tv_sec;
		v[2] = (int64_t)sb.st_mtim.tv_nsec;
	}
	return fnv(h, v, sizeof(v));
}

/* The directory walk's running totals (nftw has no argument pointer). */
static struct {
	int64_t	 entries, inodes, size, sec, nsec;
	int	 depth;
} walk;

static int
walk_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	if (ftw->level > walk.depth)
		return FTW_SKIP_SUBTREE;
	/* hidden entries (as the search skips them, and a report's temporary
	 * directory) and hpreport reports (a report written inside the
	 * watched directory would otherwise set off the next) */
	if (ftw->level > 0 && path[ftw->base] == '.')
		return flag == FTW_D ? FTW_SKIP_SUBTREE : FTW_CONTINUE;
	if (flag == FTW_D && ftw->level > 0) {
		char *marker = hp_sprintf("%s/.hpreport", path);
		int report = access(marker, F_OK) == 0;

		free(marker);
		if (report)
			return FTW_SKIP_SUBTREE;
	}
	/* files only: the directories' own times change with every entry
	 * made and removed, the watch's own temporary directory included */
	if (flag != FTW_F && flag != FTW_SL)
		return FTW_CONTINUE;
	walk.entries++;
	walk.inodes += (int64_t)sb->st_ino;	/* a file replaced by a rename */
	walk.size += (int64_t)sb->st_size;
	if (sb->st_mtim.tv_sec > walk.sec || (sb->st_mtim.tv_sec == walk.sec &&
	    sb->st_mtim.tv_nsec > walk.nsec)) {
		walk.sec = sb->st_mtim.tv_sec;
		walk.nsec = sb->st_mtim.tv_nsec;
	}
	/* stop: enough to tell */
	return walk.entries > HP_SEARCH_ENTRIES ? FTW_STOP : FTW_CONTINUE;
}

/* Hash of every loaded study's contents. */
static uint64_t
set_hash(const struct hp_studyset *set)
{
	uint64_t h = FNV_START;

	for (size_t s = 0; s < set->n; s++) {
		const struct hp_study *st = set->v[s];
		size_t n = st->ntrials, niv = st->iv_off ? st->iv_off[n] : 0;

		h = fnv(h, st->name, strlen(st->name) + 1);
		FNV_OF(h, st->nobj);
		FNV_OF(h, n);
		h = fnv(h, st->number, n * sizeof(*st->number));
		h = fnv(h, st->state, n * sizeof(*st->state));
		h = fnv(h, st->value, n * st->nobj * sizeof(*st->value));
		h = fnv(h, st->t_start, n * sizeof(double));
		h = fnv(h, st->t_end, n * sizeof(double));
		for (size_t i = 0; i < st->nparams; i++) {
			h = fnv(h, st->params[i].name, strlen(st->params[i].name) + 1);
			h = fnv(h, st->params[i].v, n * sizeof(double));
		}
		if (st->iv_off) {
			h = fnv(h, st->iv_off, (n + 1) * sizeof(size_t));
			h = fnv(h, st->iv_step, niv * sizeof(double));
			h = fnv(h, st->iv_value, niv * sizeof(double));
		}
		for (size_t i = 0; i < st->nattrs; i++) {
			h = fnv(h, st->attrs[i].key, strlen(st->attrs[i].key) + 1);
			h = fnv(h, st->attrs[i].json, strlen(st->attrs[i].json) + 1);
		}
	}
	return h;
}

struct hp_stamp *
hp_stamp_new(const char *input, const struct hp_load_opts *opts)
{
	struct hp_stamp *s = hp_calloc(1, sizeof(*s));
	int kind = hp_url_kind_of(input);

	s->input = hp_strdup(input);
	s->file = s->input;
	if (kind == HP_URL_SQLITE && strstr(input, ":///"))
		s->file = strstr(s->input, ":///") + 4;
	else if (kind >= 0)
		s->server = 1;
	s->lo = *opts;
	s->lo.found = NULL;
	return s;
}

int
hp_stamp_read(struct hp_stamp *s, uint64_t *out, struct hp_err *err)
{
	uint64_t h = FNV_START;
	struct stat sb;

	if (s->server) {
		struct hp_studyset set = { NULL, 0 };

		if (hp_load(s->input, &s->lo, &set, NULL, err) < 0)
			return -1;
		*out = set_hash(&set);
		hp_studyset_release(&set);
		return 0;
	}
	if (stat(s->file, &sb) != 0) {
		char *name = hp_input_name(s->input);

		hp_err_set(err, "%s: %s", name, strerror(errno));
		free(name);
		return -1;
	}
	if (S_ISDIR(sb.st_mode)) {
		memset(&walk, 0, sizeof(walk));
		walk.depth = HP_SEARCH_DEPTH;
		nftw(s->file, walk_entry, 16, FTW_PHYS | FTW_ACTIONRETVAL);
		FNV_OF(h, walk.entries);
		FNV_OF(h, walk.inodes);
		FNV_OF(h, walk.size);
		FNV_OF(h, walk.sec);
		FNV_OF(h, walk.nsec);
		*out = h;
		return 0;
	}
	h = stat_hash(h, s->file);
	if (s->db == NULL && !s->not_sqlite) {
		FILE *fp = fopen(s->file, "rb");
		char head[16];

		s->not_sqlite = fp == NULL || fread(head, 1, 16, fp) != 16 ||
		    !hp_sqlite_magic(head, 16);
		if (fp)
			fclose(fp);
		if (!s->not_sqlite)
			s->db = hp_sqlite_open_ro(s->file, s->file, NULL);
	}
	if (!s->not_sqlite) {
		char *wal = hp_sprintf("%s-wal", s->file);
		char *journal = hp_sprintf("%s-journal", s->file);

		h = stat_hash(stat_hash(h, wal), journal);
		free(wal);
		free(journal);
		if (s->db) {
			sqlite3_stmt *q = NULL;
			int64_t v = -1;

			if (sqlite3_prepare_v2(s->db, "PRAGMA data_version", -1, &q,
			    NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
				v = sqlite3_column_int64(q, 0);
			sqlite3_finalize(q);
			FNV_OF(h, v);
		}
	}
	*out = h;
	return 0;
}

void
hp_stamp_free(struct hp_stamp *s)
{
	if (s == NULL)
		return;
	sqlite3_close(s->db);
	free(s->input);
	free(s);
}
