/*
 * common: small helpers every loader may use (declared in internal.h):
 * keeping the study the caller asked for, typing the attributes the
 * analyses read, and the path, sorting and list chores that several
 * loaders had each written for themselves.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hpreport/json.h"
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

/*
 * A Python list or tuple of numbers as its repr: "[0.5, -1.0]", "(1.0,)",
 * "[]", with nan/inf as Python writes them.  pandas' to_csv writes a list
 * cell that way and the DataFrame loader keeps it as a JSON string.
 * Returns 0 with the values in v (room for len(text) / 2 + 1), or -1.
 */
static int
python_numbers(const char *text, double *v, size_t *n)
{
	size_t len = strlen(text);
	char close, *buf, *p, *comma;
	int rc = 0;

	while (len && (text[len - 1] == ' ' || text[len - 1] == '\n'))
		len--;
	while (len && *text == ' ')
		text++, len--;
	if (len < 2 || (text[0] != '[' && text[0] != '('))
		return -1;
	close = text[0] == '[' ? ']' : ')';
	if (text[len - 1] != close)
		return -1;
	buf = hp_strndup(text + 1, len - 2);
	p = buf + strspn(buf, " ");
	while (*p != '\0') {		/* nothing at all: "[]", "()" */
		if ((comma = strchr(p, ',')) != NULL)
			*comma = '\0';
		if (hp_parse_double(p, &v[(*n)++]) < 0) {
			rc = -1;
			break;
		}
		if (comma == NULL)
			break;
		p = comma + 1;
		/* a tuple of one ends in a comma, "(1.0,)"; a list does not */
		if (close == ')' && p[strspn(p, " ")] == '\0')
			break;
		if (*p == '\0')	/* "[1.0,]" */
			rc = -1;
	}
	free(buf);
	return rc;
}

/* The values of a "constraints" attribute: 0, or -1 when the JSON text is
 * neither a list of numbers nor a string holding one in Python's repr.
 * *v is malloc'd; the caller frees it. */
static int
constraint_values(const char *json, double **v, size_t *n)
{
	cJSON *j = hp_json_parse(json, strlen(json), "constraints", NULL);
	const cJSON *it;
	int rc = 0;

	*v = NULL;
	*n = 0;
	if (cJSON_IsString(j)) {
		*v = hp_reallocarray(NULL, strlen(j->valuestring) / 2 + 1, sizeof(double));
		rc = python_numbers(j->valuestring, *v, n);
	} else if (cJSON_IsArray(j)) {
		*v = hp_reallocarray(NULL, (size_t)cJSON_GetArraySize(j) + 1,
		    sizeof(double));
		cJSON_ArrayForEach(it, j)
			if (rc == 0 && hp_json_number(it, &(*v)[(*n)++]) < 0)
				rc = -1;
	} else
		rc = -1;
	cJSON_Delete(j);
	return rc;
}

int
hp_load_constraints(struct hp_study *st, const char *file, struct hp_err *err)
{
	for (size_t i = 0; i < st->nattrs; i++) {
		const struct hp_attr *a = &st->attrs[i];
		double *v;
		size_t n;

		if (a->trial == HP_NO_TRIAL || !a->system ||
		    strcmp(a->key, "constraints") != 0)
			continue;
		if (constraint_values(a->json, &v, &n) < 0) {
			free(v);
			return hp_err_set(err, "%s: trial %d: system attribute "
			    "\"constraints\" is not a list of numbers", file,
			    st->number[a->trial]);
		}
		hp_study_set_constraints(st, a->trial, v, n);
		free(v);
	}
	return 0;
}

void
hp_load_metric_names(struct hp_study *st)
{
	const struct hp_attr *a = hp_study_attr(st, HP_NO_TRIAL, 1, "study:metric_names");
	cJSON *root;
	const cJSON *j;
	size_t n = 0, k = 0;

	if (a == NULL)
		return;
	root = hp_json_parse(a->json, strlen(a->json), "study:metric_names", NULL);
	if (cJSON_IsArray(root))
		cJSON_ArrayForEach(j, root)	/* a non-string spoils the count */
			n += cJSON_IsString(j) ? 1 : st->nobj + 1;
	if (!cJSON_IsArray(root) || n != st->nobj)
		hp_study_add_note(st, "study:metric_names is not one name per "
		    "objective; not used");
	else
		cJSON_ArrayForEach(j, root)
			hp_study_set_objective_name(st, k++, j->valuestring);
	cJSON_Delete(root);
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

int
hp_load_metric_is_score(const char *m)
{
	static const char *const words[] = { "acc", "auc", "f1", "precision",
	    "recall", "r2", "score", "reward", "return", "map", "iou", "bleu" };
	char low[128];
	size_t k;

	for (k = 0; m[k] && k + 1 < sizeof(low); k++)
		low[k] = m[k] >= 'A' && m[k] <= 'Z' ? (char)(m[k] - 'A' + 'a') : m[k];
	low[k] = '\0';
	if (strstr(low, "loss") || strstr(low, "err"))
		return 0;	/* "val_acc_loss", "auc_error": a loss whatever else */
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strstr(low, words[i]))
			return 1;
	return 0;
}

int
hp_load_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
hp_load_list_names(char **v, size_t n, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	hp_load_qsort(v, n, sizeof(char *), hp_load_cmp_str);
	for (size_t i = 0; i < n; i++) {
		size_t k = strlen(v[i]);

		if (len + k + 8 >= size) {
			snprintf(buf + len, size - len, "%s...", i ? ", " : "");
			return;
		}
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? ", " : "", v[i]);
	}
}

char *
hp_load_json_string(const char *s)
{
	cJSON *j = cJSON_CreateString(s);
	char *t = cJSON_PrintUnformatted(j);

	cJSON_Delete(j);
	if (t == NULL)
		abort();	/* cJSON fails only on allocation */
	return t;
}

char *
hp_load_read_head(const char *path, size_t *len, struct hp_err *err)
{
	FILE *fp = fopen(path, "rb");
	char *head;

	if (fp == NULL) {
		hp_err_set(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	head = hp_malloc(65536 + 1);
	*len = fread(head, 1, 65536, fp);
	head[*len] = '\0';
	fclose(fp);
	return head;
}

char *
hp_load_path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);

	return hp_sprintf("%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
}

int
hp_load_dir_holds(const char *dir, const char *name, int (*looks)(const char *head))
{
	struct stat sb;
	char *f, *h;
	size_t n;
	int yes = 0;

	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return 0;
	f = hp_load_path_join(dir, name);
	if ((h = hp_load_read_head(f, &n, NULL)) != NULL)
		yes = looks(h);
	free(h);
	free(f);
	return yes;
}
