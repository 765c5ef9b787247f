/*
 * load: format detection and the table of loaders.  Detection reads up to
 * 64 KiB of the input (nothing for a directory) and asks each format's
 * probe in table order; the first that recognises the content wins, so
 * more specific formats come first.  See load.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hpreport/load.h"
#include "internal.h"
#include "sqlite_ro.h"
#include "url.h"

const struct hp_format hp_formats[] = {
#define HP_FORMAT_ROW(name, description, probe, loader) \
	{ name, description, probe, loader },
	HP_FORMATS(HP_FORMAT_ROW)
#undef HP_FORMAT_ROW
	{ NULL, NULL, NULL, NULL }
};

void
hp_load_opts_defaults(struct hp_load_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->direction = HP_DIR_NOT_SET;
}

const struct hp_format *
hp_format_find(const char *name)
{
	for (const struct hp_format *f = hp_formats; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

static const struct hp_format *
find_format(const char *path, const struct hp_load_opts *opts, struct hp_err *err)
{
	struct stat sb;
	char *head = NULL, *p;
	size_t len = 0;
	const struct hp_format *f, *found = NULL;
	char *name;

	if (opts && opts->format) {
		if ((f = hp_format_find(opts->format)) != NULL)
			return f;
		hp_err_set(err, "unknown input format \"%s\" (see hpreport --help)",
		    opts->format);
		return NULL;
	}
	/* a server URL: its scheme says all; nothing to stat or read */
	if (hp_url_kind_of(path) >= 0) {
		for (f = hp_formats; f->name; f++)
			if (f->probe(path, NULL, 0))
				return f;
		name = hp_input_name(path);
		hp_err_set(err, "%s: not a URL hpreport reads (postgresql://, mysql://, "
		    "mariadb://, redis://, sqlite:///PATH)", name);
		free(name);
		return NULL;
	}
	if (stat(path, &sb) != 0) {
		/* a URL of a scheme hpreport does not read may hold a password */
		name = hp_input_name(path);
		if (errno == ENOENT && strstr(path, "://") != NULL)
			hp_err_set(err, "%s: not a URL hpreport reads (postgresql://, "
			    "mysql://, mariadb://, redis://, sqlite:///PATH)", name);
		else
			hp_err_set(err, "%s: %s", name, strerror(errno));
		free(name);
		return NULL;
	}
	if (!S_ISDIR(sb.st_mode)) {
		FILE *fp = fopen(path, "rb");

		if (fp == NULL) {
			hp_err_set(err, "%s: %s", path, strerror(errno));
			return NULL;
		}
		head = hp_malloc(65536 + 1);
		len = fread(head, 1, 65536, fp);
		head[len] = '\0';
		fclose(fp);
	}
	/* a UTF-8 byte order mark is no content: every text probe looks past it */
	p = head;
	if (len >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)
		p += 3, len -= 3;
	if (hp_sqlite_check(path, head, len, err) < 0) {
		free(head);
		return NULL;
	}
	for (f = hp_formats; f->name && !found; f++)
		if (f->probe(path, p, len))
			found = f;
	free(head);
	if (found == NULL) {
		name = hp_input_name(path);
		hp_err_set(err, "%s: not a trial history hpreport can read "
		    "(see --input-format in hpreport --help)", name);
		free(name);
	}
	return found;
}

/* sqlite:///PATH names the file PATH (SQLAlchemy's form). */
static const char *
file_of(const char *input)
{
	if (hp_url_kind_of(input) == HP_URL_SQLITE && strncmp(strstr(input, "://"),
	    ":///", 4) == 0 && input[strcspn(input, ":") + 4] != '\0')
		return strstr(input, "://") + 4;
	return input;
}

const char *
hp_detect(const char *path, const struct hp_load_opts *opts, struct hp_err *err)
{
	const struct hp_format *f;

	path = file_of(path);
	f = find_format(path, opts, err);

	return f ? f->name : NULL;
}

int
hp_load(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, const char **format, struct hp_err *err)
{
	const struct hp_format *f;
	size_t before = out->n;
	char *name;
	int rc = 0;

	path = file_of(path);
	if ((f = find_format(path, opts, err)) == NULL)
		return -1;
	if (f->load(path, opts, out, err) < 0) {
		while (out->n > before)
			hp_study_free(out->v[--out->n]);
		return -1;
	}
	if (opts && opts->study && out->n == before) {
		name = hp_input_name(path);
		rc = hp_err_set(err, "%s: no study named \"%s\"", name, opts->study);
		free(name);
	}
	if (rc == 0 && format)
		*format = f->name;
	return rc;
}
