/*
 * common: small helpers every loader may use (declared in internal.h):
 * keeping the study the caller asked for, and the path, sorting and list
 * chores that several loaders had each written for themselves.
 */
#include <stdlib.h>
#include <string.h>

#include "hpreport/load.h"

#include "internal.h"

void
hp_load_keep(struct hp_studyset *out, struct hp_study *st,
    const struct hp_load_opts *opts)
{
	if (opts && opts->study && strcmp(st->name, opts->study) != 0) {
		hp_study_free(st);
		return;
	}
	hp_studyset_add(out, st);
}

const char *
hp_load_basename(const char *path)
{
	const char *s = strrchr(path, '/'), *q;

	if (s && s[1] == '\0' && s > path) {	/* "mlruns/" */
		for (q = s - 1; q > path && *q != '/'; q--)
			;
		return *q == '/' ? q + 1 : path;
	}
	return s && s[1] ? s + 1 : path;
}

void
hp_load_qsort(void *v, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(v, n, size, cmp);
}

void
hp_load_strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
