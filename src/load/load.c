/*
 * load: format detection and the table of loaders.  Detection reads up to
 * 64 KiB of the input (nothing for a directory) and asks each format's
 * probe in table order; the first that recognises the content wins, so
 * more specific formats come first.  A directory nothing recognises is
 * searched for the histories it holds (search_dir).  See load.h.
 */
#include <dirent.h>
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

/* The format whose probe recognises path (head NULL for a directory). */
static const struct hp_format *
probe_all(const char *path, const char *head, size_t len)
{
	/* a UTF-8 byte order mark is no content: every text probe looks past it */
	if (head && len >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)
		head += 3, len -= 3;
	for (const struct hp_format *f = hp_formats; f->name; f++)
		if (f->probe(path, head, len))
			return f;
	return NULL;
}

/*
 * The format of path.  A directory that nothing recognises gives NULL
 * with no message and *search set: hp_load then searches it.
 */
static const struct hp_format *
find_format(const char *path, const struct hp_load_opts *opts, int *search,
    struct hp_err *err)
{
	struct stat sb;
	char *head = NULL;
	size_t len = 0;
	const struct hp_format *f, *found = NULL;
	char *name;

	*search = 0;
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
	if (!S_ISDIR(sb.st_mode) && (head = hp_load_read_head(path, &len, err)) == NULL)
		return NULL;
	if (head && hp_sqlite_check(path, head, len, err) < 0) {
		free(head);
		return NULL;
	}
	found = probe_all(path, head, len);
	free(head);
	if (found == NULL && S_ISDIR(sb.st_mode))
		*search = 1;
	else if (found == NULL) {
		name = hp_input_name(path);
		hp_err_set(err, "%s: not a trial history hpreport can read "
		    "(see --input-format in hpreport --help)", name);
		free(name);
	}
	return found;
}

/* --- directory search ----------------------------------------------------- */

/* One entry of a search's findings: a history (format) or a skip (why). */
struct finding {
	char		*path;		/* as reported: the directory joined with rel */
	char		*rel;		/* relative to the searched directory */
	const char	*format;	/* NULL: skipped */
	char		*why;
	size_t		 first, n;	/* the studies it gave */
};

struct search {
	const char	*root;
	const struct hp_load_opts *opts;
	struct hp_studyset *out;
	struct finding	*f;
	size_t		 nf, cap;
	size_t		 entries;	/* entries looked at */
	int		 truncated;
	dev_t		*dev;		/* directories seen (symlink loops) */
	ino_t		*ino;
	size_t		 nseen, seencap;
};

static void
add_finding(struct search *s, const char *path, const char *rel,
    const struct hp_format *f, const char *why, size_t first, size_t n)
{
	struct finding *x;

	hp_grow(&s->f, &s->cap, s->nf + 1, sizeof(*s->f));
	x = &s->f[s->nf++];
	x->path = hp_strdup(path);
	x->rel = hp_strdup(rel);
	x->format = f ? f->name : NULL;
	x->why = hp_strdup(why);
	x->first = first;
	x->n = n;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 1 when the head is obviously not a history: NUL bytes (checkpoints,
 * TensorFlow events, databases that are not SQLite) or a pickle. */
static int
binary_head(const char *head, size_t len)
{
	return memchr(head, '\0', len) != NULL ||
	    (len >= 2 && (unsigned char)head[0] == 0x80 && head[1] >= 2 && head[1] <= 5);
}

/* Loads one recognised entry as it would be loaded alone. */
static void
search_load(struct search *s, const char *path, const char *rel,
    const struct hp_format *f)
{
	struct hp_load_opts o = *s->opts;
	struct hp_err err = { "" };
	size_t before = s->out->n;

	o.study = NULL;		/* names may change: filtered afterwards */
	o.found = NULL;
	if (f->load(path, &o, s->out, &err) < 0) {
		while (s->out->n > before)
			hp_study_free(s->out->v[--s->out->n]);
		add_finding(s, path, rel, NULL, err.msg, 0, 0);
		return;
	}
	add_finding(s, path, rel, f, NULL, before, s->out->n - before);
}

static int
seen_dir(struct search *s, const struct stat *sb)
{
	for (size_t i = 0; i < s->nseen; i++)
		if (s->dev[i] == sb->st_dev && s->ino[i] == sb->st_ino)
			return 1;
	if (s->nseen == s->seencap) {
		s->seencap = s->seencap ? 2 * s->seencap : 16;
		s->dev = hp_reallocarray(s->dev, s->seencap, sizeof(*s->dev));
		s->ino = hp_reallocarray(s->ino, s->seencap, sizeof(*s->ino));
	}
	s->dev[s->nseen] = sb->st_dev;
	s->ino[s->nseen++] = sb->st_ino;
	return 0;
}

/* Searches directory `dir` (`rel` below the root, "" for the root). */
static void
search_dir(struct search *s, const char *dir, const char *rel, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;

	if (d == NULL) {
		add_finding(s, dir, rel, NULL, strerror(errno), 0, 0);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')	/* ., .., hidden files and dirs */
			continue;
		hp_grow(&names, &cap, n + 1, sizeof(char *));
		names[n++] = hp_strdup(e->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(char *), cmp_name);
	for (size_t i = 0; i < n; i++) {
		size_t dl = strlen(dir);
		char *path = hp_sprintf("%s%s%s", dir, dl && dir[dl - 1] == '/' ?
		    "" : "/", names[i]);
		char *r = *rel ? hp_sprintf("%s/%s", rel, names[i]) : hp_strdup(names[i]);
		const struct hp_format *f;
		struct stat sb;

		if (s->entries++ >= HP_SEARCH_ENTRIES) {
			s->truncated = 1;
		} else if (stat(path, &sb) != 0) {
			add_finding(s, path, r, NULL, strerror(errno), 0, 0);
		} else if (S_ISDIR(sb.st_mode)) {
			if (seen_dir(s, &sb))
				;	/* a link back up, or to a directory seen */
			else if ((f = probe_all(path, NULL, 0)) != NULL)
				search_load(s, path, r, f);
			else if (depth + 1 < HP_SEARCH_DEPTH)
				search_dir(s, path, r, depth + 1);
		} else if (S_ISREG(sb.st_mode)) {
			struct hp_err err;
			size_t len;
			char *head = hp_load_read_head(path, &len, &err);

			if (head == NULL)
				add_finding(s, path, r, NULL, strerror(errno), 0, 0);
			else if ((f = probe_all(path, head, len)) != NULL)
				search_load(s, path, r, f);
			else if (len > 0 && !binary_head(head, len))
				add_finding(s, path, r, NULL, "not a trial history "
				    "hpreport can read", 0, 0);
			free(head);
		}
		free(path);
		free(r);
	}
	hp_load_strv_free(names, n);
}

/* Renames the studies whose names collide after the path they came from
 * (all clashes found first, so that a new name cannot hide one). */
static void
search_rename(struct search *s)
{
	struct hp_studyset *out = s->out;
	size_t *from = hp_calloc(out->n + 1, sizeof(*from));
	int *clash = hp_calloc(out->n + 1, sizeof(*clash));

	for (size_t i = 0; i < s->nf; i++)
		for (size_t k = s->f[i].first; s->f[i].format &&
		    k < s->f[i].first + s->f[i].n; k++)
			from[k] = i + 1;
	for (size_t k = 0; k < out->n; k++)
		for (size_t m = k + 1; from[k] && m < out->n; m++)
			if (from[m] && strcmp(out->v[m]->name, out->v[k]->name) == 0)
				clash[k] = clash[m] = 1;
	for (size_t k = 0; k < out->n; k++) {
		const struct finding *x;
		char *name;

		if (!clash[k])
			continue;
		x = &s->f[from[k] - 1];
		name = x->n == 1 ? hp_strdup(x->rel) :
		    hp_sprintf("%s:%s", x->rel, out->v[k]->name);
		hp_study_add_note(out->v[k], "renamed from \"%s\": another study in "
		    "the directory has that name", out->v[k]->name);
		free(out->v[k]->name);
		out->v[k]->name = name;
	}
	free(from);
	free(clash);
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
	int search;

	path = file_of(path);
	f = find_format(path, opts, &search, err);
	if (search)
		return HP_FORMAT_SEARCH;
	return f ? f->name : NULL;
}

/* hp_load of a directory nothing recognises: the search (see load.h). */
static int
load_search(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err)
{
	struct search s;
	size_t before = out->n, found = 0;
	int rc = 0;

	memset(&s, 0, sizeof(s));
	s.root = path;
	s.opts = opts;
	s.out = out;
	{
		struct stat sb;

		if (stat(path, &sb) == 0)
			seen_dir(&s, &sb);
	}
	search_dir(&s, path, "", 0);
	search_rename(&s);
	if (s.truncated) {
		char *why = hp_sprintf("search stopped after %d entries",
		    HP_SEARCH_ENTRIES);

		add_finding(&s, path, "", NULL, why, 0, 0);
		free(why);
	}
	for (size_t i = 0; i < s.nf; i++)
		found += s.f[i].format != NULL;
	if (opts && opts->found) {
		size_t skips = 0;

		/* every history; the first skips, then how many more */
		for (size_t i = 0; i < s.nf; i++)
			if (s.f[i].format || ++skips <= HP_SEARCH_SKIPS_SHOWN)
				opts->found(opts->found_arg, s.f[i].path, s.f[i].format,
				    out, s.f[i].first, s.f[i].n, s.f[i].why);
		if (skips > HP_SEARCH_SKIPS_SHOWN) {
			size_t more = skips - HP_SEARCH_SKIPS_SHOWN;
			char *why = hp_sprintf("%zu more file%s", more,
			    more == 1 ? "" : "s");

			opts->found(opts->found_arg, path, NULL, out, 0, 0, why);
			free(why);
		}
	}
	if (found == 0)
		rc = hp_err_set(err, "%s: no trial history found in the directory "
		    "(searched %d levels deep; see --input-format in hpreport --help)",
		    path, HP_SEARCH_DEPTH);
	/* --study: kept only the study of that name */
	if (rc == 0 && opts && opts->study) {
		size_t w = before;

		for (size_t k = before; k < out->n; k++) {
			if (strcmp(out->v[k]->name, opts->study) == 0)
				out->v[w++] = out->v[k];
			else
				hp_study_free(out->v[k]);
		}
		out->n = w;
	}
	if (rc < 0)
		while (out->n > before)
			hp_study_free(out->v[--out->n]);
	for (size_t i = 0; i < s.nf; i++) {
		free(s.f[i].path);
		free(s.f[i].rel);
		free(s.f[i].why);
	}
	free(s.f);
	free(s.dev);
	free(s.ino);
	return rc;
}

int
hp_load(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, const char **format, struct hp_err *err)
{
	const struct hp_format *f;
	size_t before = out->n;
	char *name;
	int rc = 0, search;

	path = file_of(path);
	if ((f = find_format(path, opts, &search, err)) == NULL && !search)
		return -1;
	if (search) {
		if (load_search(path, opts, out, err) < 0)
			return -1;
	} else if (f->load(path, opts, out, err) < 0) {
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
		*format = search ? HP_FORMAT_SEARCH : f->name;
	return rc;
}
