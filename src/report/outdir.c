/*
 * outdir: where a report is written.  Everything goes into a hidden
 * temporary directory beside the target (marked as a report by a
 * .hpreport file), swapped into place only when complete, so a failed or
 * interrupted run leaves an existing report as it was (and a later run
 * removes what a killed one left); and the file-system-safe names of the
 * studies' subdirectories.
 */
#define _GNU_SOURCE		/* renameat2 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <fribidi.h>

#include "internal.h"

#define MARKER ".hpreport"

/*
 * A non-ASCII character a directory name keeps: a letter, mark or number
 * that is written left to right.  Everything else -- controls, format
 * characters such as U+202E (which shows "report\u202Egnp.exe" as
 * "report...exe.png"), separators such as U+2028, right-to-left letters
 * that reorder the text around them, symbols, unassigned code points --
 * becomes '_'.  A mark counts only after a kept letter or number, and
 * the invisible ones (variation selectors, the grapheme joiner) never.
 * The Unicode tables are GLib's and FriBidi's, which Pango already brings
 * for the text of the figures.
 */
static int
safe_char(gunichar c, int after_letter)
{
	switch (g_unichar_type(c)) {
	case G_UNICODE_UPPERCASE_LETTER:
	case G_UNICODE_LOWERCASE_LETTER:
	case G_UNICODE_TITLECASE_LETTER:
	case G_UNICODE_MODIFIER_LETTER:
	case G_UNICODE_OTHER_LETTER:
	case G_UNICODE_DECIMAL_NUMBER:
	case G_UNICODE_LETTER_NUMBER:
	case G_UNICODE_OTHER_NUMBER:
		return fribidi_get_bidi_type(c) == FRIBIDI_TYPE_LTR ||
		    fribidi_get_bidi_type(c) == FRIBIDI_TYPE_EN;
	case G_UNICODE_SPACING_MARK:
	case G_UNICODE_NON_SPACING_MARK:
	case G_UNICODE_ENCLOSING_MARK:
		return after_letter && c != 0x034f && !(c >= 0x180b && c <= 0x180f) &&
		    !(c >= 0xfe00 && c <= 0xfe0f) && !(c >= 0xe0100 && c <= 0xe01ef);
	default:
		return 0;
	}
}

/* CON, PRN, AUX, NUL, COM0-9, LPT0-9, alone or before a dot: Windows
 * opens the device whatever the directory. */
static int
windows_device(const char *s)
{
	static const char *const dev[] = { "con", "prn", "aux", "nul" };
	size_t n = strcspn(s, ".");

	for (size_t i = 0; i < sizeof(dev) / sizeof(dev[0]); i++)
		if (n == 3 && strncasecmp(s, dev[i], 3) == 0)
			return 1;
	return n == 4 && (strncasecmp(s, "com", 3) == 0 || strncasecmp(s, "lpt", 3) == 0) &&
	    s[3] >= '0' && s[3] <= '9';
}

char *
report_safe_name(const char *name)
{
	struct hp_buf b;
	int after_letter = 0;

	hp_buf_init(&b);
	for (const char *p = name; *p; ) {
		const unsigned char u = (unsigned char)*p;
		gunichar c = u < 0x80 ? u : g_utf8_get_char_validated(p, -1);
		size_t len = c >= 0x80 && c < (gunichar)-2 ?
		    (size_t)(g_utf8_next_char(p) - p) : 1;
		int keep;

		if (c < 0x80)	/* ASCII letters, digits and -_. (not a leading .) */
			keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
			    (c == '.' && b.len > 0);
		else
			keep = len > 1 && safe_char(c, after_letter);
		/* at most 100 bytes, cut between characters */
		if (b.len + (keep ? len : 1) > 100)
			break;
		hp_buf_add(&b, keep ? p : "_", keep ? len : 1);
		after_letter = keep && (c >= 0x80 || g_ascii_isalnum((gchar)c));
		p += len;
	}
	/* Windows drops a trailing dot: "a." would be "a" */
	if (b.len > 0 && b.s[b.len - 1] == '.')
		b.s[b.len - 1] = '_';
	if (b.len == 0)
		hp_buf_puts(&b, "study");
	if (windows_device(b.s)) {
		char *s = hp_sprintf("_%s", b.s);

		hp_buf_release(&b);
		return s;
	}
	return b.s;
}

/* A name as a case-insensitive, normalisation-insensitive file system
 * (macOS, Windows) compares it; caller frees. */
static char *
fold_name(const char *s)
{
	char *nfc = g_utf8_normalize(s, -1, G_NORMALIZE_NFC);
	char *folded = g_utf8_casefold(nfc ? nfc : s, -1);
	char *out = hp_strdup(folded);

	g_free(nfc);
	g_free(folded);
	return out;
}

char **
report_safe_names(const char *const *names, size_t n)
{
	/* the report's own entries beside the studies' directories */
	static const char *const own[] = { "index.html", "compare.html", "figures",
	    "data", MARKER, "summary.md" };
	char **out = hp_calloc(n ? n : 1, sizeof(char *));
	char **folded = hp_calloc(n ? n : 1, sizeof(char *));

	for (size_t i = 0; i < n; i++) {
		char *safe = report_safe_name(names[i]);

		out[i] = hp_strdup(safe);
		for (size_t k = 2; ; k++) {
			int taken = 0;

			folded[i] = fold_name(out[i]);
			for (size_t j = 0; j < sizeof(own) / sizeof(own[0]) && !taken; j++)
				taken = strcmp(folded[i], own[j]) == 0;
			for (size_t j = 0; j < i && !taken; j++)
				taken = strcmp(folded[i], folded[j]) == 0;
			if (!taken)
				break;
			free(folded[i]);
			free(out[i]);
			out[i] = hp_sprintf("%s-%zu", safe, k);
		}
		free(safe);
	}
	for (size_t i = 0; i < n; i++)
		free(folded[i]);
	free(folded);
	return out;
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

/*
 * Removes the temporary directories "PARENT/.BASE.tmp-PID-XXXXXX" (and
 * their ".old" form, a previous report being swapped out) that runs for
 * the same target left when they were killed (SIGKILL, a second signal,
 * a crash): only names of exactly that form, whose process PID is gone
 * (kill(PID, 0) fails with ESRCH), that are directories (not links) with
 * the report marker in them.  A process of the same PID that is alive --
 * another run, or an unrelated one -- keeps its directory.  Names without
 * a PID (hpreport before 0.1.0's last change) are left alone.
 */
static void
remove_stale(const char *parent, const char *base)
{
	DIR *dir = opendir(parent);
	struct dirent *e;
	char *prefix = hp_sprintf(".%s.tmp-", base);
	size_t np = strlen(prefix);

	if (dir == NULL) {
		free(prefix);
		return;
	}
	while ((e = readdir(dir)) != NULL) {
		const char *s = e->d_name;
		char *end, *path, *marker;
		long pid;
		struct stat sb;
		int ours;

		if (strncmp(s, prefix, np) != 0 || !(s[np] >= '1' && s[np] <= '9'))
			continue;
		errno = 0;
		pid = strtol(s + np, &end, 10);
		if (errno || pid <= 0 || pid != (pid_t)pid || *end != '-' ||
		    strspn(end + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789") != 6 || !(end[7] == '\0' || strcmp(end + 7, ".old") == 0))
			continue;
		if (pid == getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		path = hp_sprintf("%s/%s", parent, s);
		marker = hp_sprintf("%s/" MARKER, path);
		ours = lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode) &&
		    lstat(marker, &sb) == 0 && S_ISREG(sb.st_mode);
		if (ours)
			rm_rf(path);
		free(marker);
		free(path);
	}
	closedir(dir);
	free(prefix);
}

/* mkdir -p of the directories above path (its last component is left). */
static int
make_parents(const char *path, struct hp_err *err)
{
	char *p = hp_strdup(path);
	int rc = 0;

	for (char *s = strchr(p + 1, '/'); s && rc == 0; s = strchr(s + 1, '/')) {
		struct stat sb;

		*s = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST)
			rc = hp_err_set(err, "%s: cannot create the directory: %s", p,
			    strerror(errno));
		else if (stat(p, &sb) != 0 || !S_ISDIR(sb.st_mode))
			rc = hp_err_set(err, "%s: exists and is not a directory", p);
		*s = '/';
	}
	free(p);
	return rc;
}

int
report_outdir_open(struct report_outdir *d, const char *dir, int force,
    struct hp_err *err)
{
	char *parent, *base, *slash, *path;
	struct stat sb;
	int rc;

	memset(d, 0, sizeof(*d));
	d->dir = dir;
	/* -o LINK writes through the link: the report replaces the directory
	 * it points to, beside that directory, and the link stays */
	if (lstat(dir, &sb) == 0 && S_ISLNK(sb.st_mode)) {
		d->real = realpath(dir, NULL);
		if (d->real == NULL)
			return hp_err_set(err, "%s: symbolic link to nothing usable: %s",
			    dir, strerror(errno));
		dir = d->dir = d->real;
	}
	if (make_parents(dir, err) < 0 ||
	    check_target(dir, force, &d->exists, err) < 0) {
		free(d->real);
		d->real = NULL;
		return -1;
	}
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
	/* the PID in the name lets a later run find what a killed one left */
	remove_stale(parent, base);
	d->tmp = hp_sprintf("%s/.%s.tmp-%ld-XXXXXX", parent, base, (long)getpid());
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
	if (d == NULL)
		return;
	free(d->real);
	d->real = NULL;
	if (d->tmp == NULL)
		return;
	rm_rf(d->tmp);
	free(d->tmp);
	d->tmp = NULL;
}
