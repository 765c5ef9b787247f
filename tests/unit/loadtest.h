/*
 * loadtest: helpers the loader unit tests share -- load one file with a
 * given loader into a studyset, write a small file into a temporary
 * directory, and look up a study, a trial or a param value in external form.
 */
#ifndef HP_LOADTEST_H
#define HP_LOADTEST_H

#include "testutil.h"
#include "hpreport/load.h"

typedef int (*loader_fn)(const char *, const struct hp_load_opts *,
    struct hp_studyset *, struct hp_err *);

/* Loads path; asserts success; returns the set (release it). */
static inline struct hp_studyset
load_ok(loader_fn fn, const char *path)
{
	struct hp_studyset set = { NULL, 0 };
	struct hp_load_opts o;
	struct hp_err err = { "" };

	memset(&o, 0, sizeof(o));
	if (fn(path, &o, &set, &err) < 0) {
		print_error("loading %s: %s\n", path, err.msg);
		fail();
	}
	return set;
}

/* Writes text to a file in a temporary directory; returns its path (static). */
static inline const char *
write_tmp(const char *name, const char *text)
{
	static char path[4096];
	const char *dir = getenv("HP_TMP");
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : "/tmp", name);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	return path;
}

/* Loads text as a file named `name`; asserts failure; returns the message. */
static inline const char *
load_fail(loader_fn fn, const char *name, const char *text)
{
	static struct hp_err err;
	struct hp_studyset set = { NULL, 0 };
	struct hp_load_opts o;

	memset(&o, 0, sizeof(o));
	memset(&err, 0, sizeof(err));
	if (fn(write_tmp(name, text), &o, &set, &err) == 0) {
		print_error("loading %s succeeded, expected an error\n", name);
		hp_studyset_release(&set);
		fail();
	}
	assert_int_equal(set.n, 0);
	assert_null(strchr(err.msg, '\n'));
	return err.msg;
}

static inline struct hp_study *
study_named(struct hp_studyset *set, const char *name)
{
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->v[i]->name, name) == 0)
			return set->v[i];
	print_error("no study %s\n", name);
	fail();
	return NULL;
}

/* Index of the trial with this number. */
static inline size_t
trial_number(const struct hp_study *st, int number)
{
	for (size_t t = 0; t < st->ntrials; t++)
		if (st->number[t] == number)
			return t;
	print_error("no trial %d\n", number);
	fail();
	return 0;
}

/* External form of param `name` of trial t ("" when absent). */
static inline const char *
param_text(const struct hp_study *st, size_t t, const char *name)
{
	static char buf[128];
	int i = hp_study_param_index(st, name);

	if (i < 0)
		return "";
	return hp_param_format(&st->params[i], st->params[i].v[t], buf, sizeof(buf));
}

static inline const struct hp_param *
param_named(const struct hp_study *st, const char *name)
{
	int i = hp_study_param_index(st, name);

	assert_true(i >= 0);
	return &st->params[i];
}

/* err contains every one of the NULL-terminated fragments. */
#define assert_msg(msg, ...) do {					\
	const char *frags_[] = { __VA_ARGS__, NULL };			\
	for (int i_ = 0; frags_[i_]; i_++)				\
		if (strstr((msg), frags_[i_]) == NULL) {		\
			print_error("message \"%s\" lacks \"%s\"\n", (msg), frags_[i_]); \
			fail();						\
		}							\
} while (0)

#endif
