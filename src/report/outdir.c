/*
 * outdir: where a report is written.  Everything goes into a hidden
 * temporary directory beside the target (marked as a report by a
 * .hpreport file), swapped into place only when complete, so a failed or
 * interrupted run leaves an existing report as it was; and the
 * file-system-safe names of the studies' subdirectories.
 */
#define _GNU_SOURCE		/* renameat2 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

#define MARKER ".hpreport"

char *
report_safe_name(const char *name)
{
	struct hp_buf b;

	hp_buf_init(&b);
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		/* keep ASCII letters, digits and -_. ; UTF-8 bytes pass unchanged */
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		    (*p == '.' && p != (const unsigned char *)name) || *p >= 0x80)
			hp_buf_add(&b, (const char *)p, 1);
		else
			hp_buf_add(&b, "_", 1);
		/* at most ~100 bytes, cut only between UTF-8 characters */
		if (b.len >= 100 && (p[1] & 0xc0) != 0x80)
			break;
	}
	if (b.len == 0)
		hp_buf_puts(&b, "study");
	return b.s;
}

static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
rm_rf(const char *path)
{
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int
report_mkdir(const char *path, struct hp_err *err)
{
	if (mkdir(path, 0755) != 0 && errno != EEXIST)
		return hp_err_set(err, "%s: %s", path, strerror(errno));
	return 0;
}

/* The target may be replaced when absent, empty, or an earlier report. */
static int
check_target(const char *dir, int force, int *exists, struct hp_err *err)
{
	struct stat sb;
	char *marker;
	int empty = 1, has_marker;

	*exists = 0;
	if (stat(dir, &sb) != 0) {
		if (errno == ENOENT)
			return 0;
		return hp_err_set(err, "%s: %s", dir, strerror(errno));
	}
	if (!S_ISDIR(sb.st_mode))
		return hp_err_set(err, "%s: exists and is not a directory", dir);
	*exists = 1;
	marker = hp_sprintf("%s/" MARKER, dir);
	has_marker = access(marker, F_OK) == 0;
	free(marker);
	if (has_marker || force)
		return 0;
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return hp_err_set(err, "%s: %s", dir, strerror(errno));
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			empty = 0;
	closedir(d);
	if (!empty)
		return hp_err_set(err, "%s: not empty and not an hpreport report; "
		    "use --force to replace it", dir);
	return 0;
}

/* Moves the finished `tmp` to `dir`, replacing an earlier report. */
static int
swap_into_place(const char *tmp, const char *dir, int exists, struct hp_err *err)
{
	if (!exists) {
		if (rename(tmp, dir) != 0)
			return hp_err_set(err, "%s: %s", dir, strerror(errno));
		return 0;
	}
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, dir, RENAME_EXCHANGE) != 0) {
		/* file systems without RENAME_EXCHANGE: two renames */
		char *old = hp_sprintf("%s.old", tmp);
		int rc = 0;

		if (rename(dir, old) != 0)
			rc = hp_err_set(err, "%s: %s", dir, strerror(errno));
		else if (rename(tmp, dir) != 0) {
			int e = errno;

			rename(old, dir);
			rc = hp_err_set(err, "%s: %s", dir, strerror(e));
		} else
			rm_rf(old);
		free(old);
		return rc;
	}
	rm_rf(tmp);	/* now holds the previous report */
	return 0;
}

int
report_outdir_open(struct report_outdir *d, const char *dir, int force,
    struct hp_err *err)
{
	char *parent, *base, *slash, *path;
	int rc;

	memset(d, 0, sizeof(*d));
	d->dir = dir;
	if (check_target(dir, force, &d->exists, err) < 0)
		return -1;
	parent = hp_strdup(dir);
	while (strlen(parent) > 1 && parent[strlen(parent) - 1] == '/')
		parent[strlen(parent) - 1] = '\0';
	slash = strrchr(parent, '/');
	if (slash == NULL) {
		base = hp_strdup(parent);
		free(parent);
		parent = hp_strdup(".");
	} else {
		base = hp_strdup(slash + 1);
		slash[slash == parent ? 1 : 0] = '\0';
	}
	d->tmp = hp_sprintf("%s/.%s.tmp-XXXXXX", parent, base);
	free(parent);
	free(base);
	if (mkdtemp(d->tmp) == NULL) {
		hp_err_set(err, "%s: cannot create a temporary directory beside it: %s",
		    dir, strerror(errno));
		free(d->tmp);
		d->tmp = NULL;
		return -1;
	}
	chmod(d->tmp, 0755);
	path = hp_sprintf("%s/" MARKER, d->tmp);
	rc = report_write_text(path, "hpreport " HP_VERSION "\n", err);
	free(path);
	if (rc < 0)
		report_outdir_release(d);
	return rc;
}

int
report_outdir_commit(struct report_outdir *d, struct hp_err *err)
{
	int rc = swap_into_place(d->tmp, d->dir, d->exists, err);

	if (rc == 0) {
		free(d->tmp);
		d->tmp = NULL;
	}
	return rc;
}

void
report_outdir_release(struct report_outdir *d)
{
	if (d == NULL || d->tmp == NULL)
		return;
	rm_rf(d->tmp);
	free(d->tmp);
	d->tmp = NULL;
}
