/*
 * optuna_dataframe: Optuna's study.trials_dataframe() written by pandas,
 * as CSV (to_csv) or JSON (to_json with orient records, index, columns,
 * split or table; "values" has no column names and is refused).
 *
 * Columns are read by name, in any order: number, value or values_N (or,
 * with metric names set, value_<name> for one objective and values_<name>
 * for several, in the file's column order -- Optuna before 5 sorts them by
 * name), datetime_start, datetime_complete, duration
 * (derived, ignored), params_<name>, user_attrs_<name>,
 * system_attrs_<name>, state.  Other columns (a pandas index) are
 * ignored with a note.  A DataFrame stores no distributions, no
 * directions and no intermediate values: params go in as text and the
 * study infers their types (hp_study_set_param_text), the direction is
 * minimize unless the caller says otherwise, and both are noted.
 *
 * CSV is parsed with libcsv, streamed in 64 KiB blocks; errors name the
 * row ("trials.csv: row 13: ...", the header being row 1).  JSON errors
 * name the record (0-based, as pandas numbers rows).
 */
#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/load.h"
#include "internal.h"
#include "loadjson.h"

enum col_kind {
	COL_IGNORED, COL_NUMBER, COL_VALUE, COL_START, COL_COMPLETE, COL_DURATION,
	COL_PARAM, COL_USER_ATTR, COL_SYSTEM_ATTR, COL_STATE
};

struct col {
	enum col_kind	 kind;
	const char	*name;		/* param/attr name (points into the column name) */
	size_t		 obj;		/* COL_VALUE: objective index */
};

struct df {
	const char	*path;
	struct hp_study	*st;
	char		 where[600];	/* place of the current row */
	struct col	*cols;		/* classification of each column name */
	char		**colnames;
	size_t		 ncols;
	size_t		 nobj;		/* value columns seen */
	int		 has_number;
	int		 ignored;	/* some column was ignored */
	struct hp_buf	 ignored_names;	/* their names, quoted, for the note */
	int		*numbers;	/* [rows]: number, for the duplicate check */
	size_t		*rows;		/* [rows]: row for messages */
	size_t		 nrows, caprows, caprows2;
};

static struct col
classify(struct df *d, const char *name)
{
	struct col c = { COL_IGNORED, NULL, 0 };
	char *end;

	if (strcmp(name, "number") == 0)
		c.kind = COL_NUMBER;
	else if (strcmp(name, "value") == 0)
		c.kind = COL_VALUE;
	else if (strncmp(name, "value_", 6) == 0 && name[6]) {
		/* one objective named with set_metric_names (Optuna >= 3.4) */
		c.kind = COL_VALUE;
		c.obj = d->nobj;
		hp_study_set_objective_name(d->st, c.obj, name + 6);
	}
	else if (strncmp(name, "values_", 7) == 0) {
		long k = strtol(name + 7, &end, 10);

		c.kind = COL_VALUE;
		if (*end == '\0' && name[7] >= '0' && name[7] <= '9' && k >= 0 && k < 64)
			c.obj = (size_t)k;
		else {		/* values_<metric name> */
			c.obj = d->nobj;
			hp_study_set_objective_name(d->st, c.obj, name + 7);
		}
	} else if (strcmp(name, "datetime_start") == 0)
		c.kind = COL_START;
	else if (strcmp(name, "datetime_complete") == 0)
		c.kind = COL_COMPLETE;
	else if (strcmp(name, "duration") == 0)
		c.kind = COL_DURATION;
	else if (strcmp(name, "state") == 0)
		c.kind = COL_STATE;
	else if (strncmp(name, "params_", 7) == 0 && name[7]) {
		c.kind = COL_PARAM;
		c.name = name + 7;
	} else if (strncmp(name, "user_attrs_", 11) == 0 && name[11]) {
		c.kind = COL_USER_ATTR;
		c.name = name + 11;
	} else if (strncmp(name, "system_attrs_", 13) == 0 && name[13]) {
		c.kind = COL_SYSTEM_ATTR;
		c.name = name + 13;
	} else {
		/* named in the note: a pandas index column has the name "" */
		if (d->ignored++ < 5)
			hp_buf_printf(&d->ignored_names, "%s\"%.60s\"",
			    d->ignored > 1 ? ", " : "", name);
	}
	if (c.kind == COL_VALUE && c.obj + 1 > d->nobj)
		d->nobj = c.obj + 1;
	if (c.kind == COL_NUMBER)
		d->has_number = 1;
	return c;
}

/* Sets the columns from a header; duplicate names are an error. */
static int
set_header(struct df *d, char **names, size_t n, struct hp_err *err)
{
	d->colnames = names;
	d->ncols = n;
	d->cols = hp_calloc(n ? n : 1, sizeof(*d->cols));
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < i; j++)
			if (strcmp(names[i], names[j]) == 0)
				return hp_err_set(err, "%s: column \"%.100s\" appears twice",
				    d->where, names[i]);
		d->cols[i] = classify(d, names[i]);
	}
	if (!d->has_number)
		return hp_err_set(err, "%s: no \"number\" column (not a trials_dataframe() "
		    "export)", d->where);
	return 0;
}

/* A time cell: ISO text, or milliseconds since 1970 (pandas' epoch format). */
static int
cell_time(const char *text, const cJSON *j, double *out)
{
	if (j && cJSON_IsNumber(j)) {
		*out = j->valuedouble / 1000;
		return isfinite(*out) ? 0 : -1;
	}
	if (text && lj_parse_number(text, out) == 0 && isfinite(*out)) {
		*out /= 1000;
		return 0;
	}
	return hp_parse_datetime(text, out);
}

static int
cell_state(const char *text, enum hp_state *out)
{
	if (strncmp(text, "TrialState.", 11) == 0)
		text += 11;
	return hp_state_parse(text, out);
}

/* JSON text of a CSV attribute cell: numbers and booleans as themselves. */
static char *
attr_json(const char *text, const cJSON *j)
{
	double v;
	cJSON *s;
	char *out;

	if (j)
		return lj_print(j);
	if (lj_parse_number(text, &v) == 0) {
		char buf[40];

		if (isnan(v))
			return hp_strdup("NaN");
		if (isinf(v))
			return hp_strdup(v > 0 ? "Infinity" : "-Infinity");
		/* shortest: pandas writes an int column holding NaN as "10.0" */
		return hp_strdup(hp_fmt_double(buf, sizeof(buf), v));
	}
	if (strcmp(text, "True") == 0 || strcmp(text, "False") == 0)
		return hp_strdup(text[0] == 'T' ? "true" : "false");
	s = cJSON_CreateString(text);
	out = cJSON_PrintUnformatted(s);
	cJSON_Delete(s);
	return out ? out : hp_strdup("null");
}

/*
 * One row: texts[i] (NULL = missing) and, for JSON, items[i] of column i.
 */
static int
add_row(struct df *d, size_t rowno, const char *const *texts,
    const cJSON *const *items, size_t n, struct hp_err *err)
{
	struct hp_study *st = d->st;
	double v, start = NAN, end = NAN;
	int number = -1, have_state = 0, have_value = 0;
	enum hp_state state = HP_STATE_COMPLETE;
	size_t t;

	/* first pass: number and state, which the trial needs to exist */
	for (size_t i = 0; i < n && i < d->ncols; i++) {
		const char *s = texts[i];

		if (s == NULL)
			continue;
		if (d->cols[i].kind == COL_NUMBER) {
			if (lj_parse_number(s, &v) < 0 || v != floor(v) || v < 0 || v > 2147483647)
				return hp_err_set(err, "%s: \"number\" must be a trial number, "
				    "not \"%.40s\"", d->where, s);
			number = (int)v;
		} else if (d->cols[i].kind == COL_STATE) {
			if (cell_state(s, &state) < 0)
				return hp_err_set(err, "%s: unknown state \"%.40s\"", d->where, s);
			have_state = 1;
		}
	}
	if (number < 0)
		return hp_err_set(err, "%s: no trial number", d->where);
	t = hp_study_add_trial(st, number, state);
	hp_grow(&d->numbers, &d->caprows, d->nrows + 1, sizeof(*d->numbers));
	hp_grow(&d->rows, &d->caprows2, d->nrows + 1, sizeof(*d->rows));
	d->numbers[d->nrows] = number;
	d->rows[d->nrows++] = rowno;
	for (size_t i = 0; i < n && i < d->ncols; i++) {
		const char *s = texts[i];
		const struct col *c = &d->cols[i];
		char *json;

		if (s == NULL)
			continue;
		switch (c->kind) {
		case COL_VALUE:
			if (lj_parse_number(s, &v) < 0)
				return hp_err_set(err, "%s: \"%s\" must be a number, not \"%.40s\"",
				    d->where, d->colnames[i], s);
			hp_study_set_value(st, t, c->obj, v);
			have_value = 1;
			break;
		case COL_START:
		case COL_COMPLETE:
			if (cell_time(s, items ? items[i] : NULL, &v) < 0)
				return hp_err_set(err, "%s: malformed time \"%.40s\"", d->where, s);
			*(c->kind == COL_START ? &start : &end) = v;
			break;
		case COL_PARAM:
			if (lj_parse_number(s, &v) < 0 && hp_parse_double(s, &v) == 0)
				return hp_err_set(err, "%s: param \"%.100s\": number out of range",
				    d->where, c->name);
			hp_study_set_param_text(st, t, c->name, s);
			break;
		case COL_USER_ATTR:
		case COL_SYSTEM_ATTR:
			json = attr_json(s, items ? items[i] : NULL);
			hp_study_add_attr(st, t, c->kind == COL_SYSTEM_ATTR, c->name, json);
			free(json);
			break;
		default:
			break;
		}
	}
	if (!have_state)	/* a DataFrame without a state column */
		hp_study_set_state(st, t, have_value ? HP_STATE_COMPLETE : HP_STATE_FAIL);
	hp_study_set_times(st, t, start, end);
	return 0;
}

static int
cmp_pair(const void *a, const void *b)
{
	const long long *x = a, *y = b;

	return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : (x[1] > y[1]) - (x[1] < y[1]);
}

/* Duplicate trial numbers, named by their rows. */
static int
check_duplicates(struct df *d, const char *unit, struct hp_err *err)
{
	long long *p = hp_reallocarray(NULL, d->nrows ? d->nrows : 1, 2 * sizeof(long long));
	int rc = 0;

	for (size_t i = 0; i < d->nrows; i++) {
		p[2 * i] = d->numbers[i];
		p[2 * i + 1] = (long long)d->rows[i];
	}
	qsort(p, d->nrows, 2 * sizeof(long long), cmp_pair);
	for (size_t i = 0; i + 1 < d->nrows; i++)
		if (p[2 * i] == p[2 * i + 2]) {
			rc = hp_err_set(err, "%s: %s %lld: duplicate trial number %lld "
			    "(first at %s %lld)", d->path, unit, p[2 * i + 3], p[2 * i],
			    unit, p[2 * i + 1]);
			break;
		}
	free(p);
	return rc;
}

static void
df_init(struct df *d, const char *path, const struct hp_load_opts *opts)
{
	char *name = lj_basename(path);

	memset(d, 0, sizeof(*d));
	d->path = path;
	d->st = hp_study_new(name);
	free(name);
	snprintf(d->where, sizeof(d->where), "%s", path);
	if (opts && opts->direction != HP_DIR_NOT_SET) {
		enum hp_direction dir = opts->direction;

		hp_study_set_directions(d->st, 1, &dir);
	}
}

static void
df_release(struct df *d)
{
	hp_study_free(d->st);
	hp_buf_release(&d->ignored_names);
	free(d->cols);
	free(d->numbers);
	free(d->rows);
}

/* Notes, directions, checks; hands the study to out. */
static int
df_finish(struct df *d, const struct hp_load_opts *opts, const char *unit,
    struct hp_studyset *out, struct hp_err *err)
{
	struct hp_study *st = d->st;

	if (check_duplicates(d, unit, err) < 0)
		return -1;
	if (d->nobj == 0)
		hp_study_add_note(st, "DataFrame export without a value column");
	if (!(opts && opts->direction != HP_DIR_NOT_SET)) {
		enum hp_direction *dir = hp_calloc(d->nobj ? d->nobj : 1, sizeof(*dir));

		for (size_t k = 0; k < (d->nobj ? d->nobj : 1); k++)
			dir[k] = HP_DIR_MINIMIZE;
		hp_study_set_directions(st, d->nobj ? d->nobj : 1, dir);
		free(dir);
		hp_study_add_note(st, "DataFrame export: no direction stored; assumed "
		    "minimize (see --direction)");
	} else if (d->nobj > 1) {
		for (size_t k = 1; k < d->nobj; k++)
			st->dir[k] = opts->direction;
	}
	hp_study_add_note(st, "DataFrame export: no distributions and no intermediate "
	    "values stored");
	if (d->ignored)
		hp_study_add_note(st, "DataFrame export: %d column%s not from Optuna "
		    "ignored: %s%s%s", d->ignored, d->ignored == 1 ? "" : "s",
		    d->ignored_names.s, d->ignored > 5 ? ", ..." : "",
		    strstr(d->ignored_names.s, "\"\"") ? " (\"\" is a pandas index)" : "");
	if (lj_finish(st, d->path, err) < 0)
		return -1;
	if (opts && opts->study && strcmp(st->name, opts->study) != 0)
		hp_study_free(st);
	else
		hp_studyset_add(out, st);
	d->st = NULL;
	return 0;
}

/* --- CSV --------------------------------------------------------------- */

struct csvctx {
	struct df	*d;
	struct hp_buf	 *fields;	/* current row's fields */
	char		**texts;
	int		*present;
	size_t		 n, cap;
	size_t		 row;		/* 1-based, header = 1 */
	int		 failed;
	struct hp_err	*err;
};

static void
csv_field(void *s, size_t len, void *data)
{
	struct csvctx *c = data;

	if (c->failed)
		return;
	if (c->n == c->cap) {
		size_t old = c->cap;

		hp_grow(&c->fields, &c->cap, c->n + 1, sizeof(*c->fields));
		c->present = hp_reallocarray(c->present, c->cap, sizeof(int));
		for (size_t i = old; i < c->cap; i++)
			hp_buf_init(&c->fields[i]);
	}
	if (s && memchr(s, '\0', len) != NULL) {	/* it would cut the text */
		hp_err_set(c->err, "%s: row %zu: a NUL byte in field %zu", c->d->path,
		    c->row + 1, c->n + 1);
		c->failed = 1;
		return;
	}
	c->fields[c->n].len = 0;
	hp_buf_add(&c->fields[c->n], s ? s : "", s ? len : 0);
	c->present[c->n] = s != NULL && len > 0;
	c->n++;
}

static void
csv_row(int term, void *data)
{
	struct csvctx *c = data;
	struct df *d = c->d;
	char **texts;

	(void)term;
	if (c->failed)
		goto out;
	c->row++;
	snprintf(d->where, sizeof(d->where), "%s: row %zu", d->path, c->row);
	if (c->row == 1) {
		char **names = hp_calloc(c->n ? c->n : 1, sizeof(char *));

		for (size_t i = 0; i < c->n; i++)
			names[i] = hp_strdup(c->fields[i].s);
		c->texts = names;	/* freed with the context */
		if (set_header(d, names, c->n, c->err) < 0)
			c->failed = 1;
		goto out;
	}
	if (c->n == 1 && !c->present[0])	/* a blank line */
		goto out;
	if (c->n != d->ncols) {
		hp_err_set(c->err, "%s: %zu fields, the header has %zu", d->where, c->n,
		    d->ncols);
		c->failed = 1;
		goto out;
	}
	texts = hp_calloc(c->n ? c->n : 1, sizeof(char *));
	for (size_t i = 0; i < c->n; i++)
		texts[i] = c->present[i] ? c->fields[i].s : NULL;
	if (add_row(d, c->row, (const char *const *)texts, NULL, c->n, c->err) < 0)
		c->failed = 1;
	free(texts);
out:
	c->n = 0;
}

static int
load_csv(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err)
{
	struct csv_parser p;
	struct csvctx c;
	struct df d;
	FILE *fp;
	char chunk[65536];
	size_t n;
	int rc = -1, started = 0;

	if ((fp = fopen(path, "rb")) == NULL)
		return hp_err_set(err, "%s: %s", path, strerror(errno));
	if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0) {
		fclose(fp);
		return hp_err_set(err, "%s: cannot set up the CSV parser", path);
	}
	df_init(&d, path, opts);
	memset(&c, 0, sizeof(c));
	c.d = &d;
	c.err = err;
	while (!c.failed && (n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		size_t bom = 0;

		/* Excel's "CSV UTF-8" starts with a byte order mark */
		if (c.row == 0 && c.n == 0 && !started && n >= 3 &&
		    memcmp(chunk, "\xEF\xBB\xBF", 3) == 0)
			bom = 3;
		started = 1;
		if (csv_parse(&p, chunk + bom, n - bom, csv_field, csv_row, &c) != n - bom) {
			hp_err_set(err, "%s: row %zu: %s", path, c.row + 1,
			    csv_strerror(csv_error(&p)));
			c.failed = 1;
		}
	}
	if (!c.failed && ferror(fp)) {
		hp_err_set(err, "%s: read error", path);
		c.failed = 1;
	}
	if (!c.failed)
		csv_fini(&p, csv_field, csv_row, &c);
	if (!c.failed && c.row == 0)
		hp_err_set(err, "%s: empty CSV file", path);
	else if (!c.failed)
		rc = df_finish(&d, opts, "row", out, err);
	csv_free(&p);
	fclose(fp);
	for (size_t i = 0; i < c.cap; i++)
		hp_buf_release(&c.fields[i]);
	free(c.fields);
	free(c.present);
	if (c.texts)
		for (size_t i = 0; i < d.ncols; i++)
			free(c.texts[i]);
	free(c.texts);
	df_release(&d);
	return rc;
}

/* --- JSON -------------------------------------------------------------- */

/* Column names collected over all records, in order of first appearance. */
struct jcols {
	char	**names;
	size_t	 n, cap;
};

static size_t
jcol_index(struct jcols *jc, const char *name)
{
	for (size_t i = 0; i < jc->n; i++)
		if (strcmp(jc->names[i], name) == 0)
			return i;
	hp_grow(&jc->names, &jc->cap, jc->n + 1, sizeof(char *));
	jc->names[jc->n] = (char *)name;	/* points into the cJSON tree */
	return jc->n++;
}

/* One JSON record (an object of column: value) or row (array, with names). */
static int
json_row(struct df *d, size_t rowno, const cJSON *rec,
    size_t nnames, struct hp_err *err)
{
	const cJSON **items = hp_calloc(d->ncols ? d->ncols : 1, sizeof(*items));
	const char **texts = hp_calloc(d->ncols ? d->ncols : 1, sizeof(*texts));
	char (*bufs)[40] = hp_calloc(d->ncols ? d->ncols : 1, sizeof(*bufs));
	const cJSON *j;
	size_t i = 0;
	int rc = -1;

	snprintf(d->where, sizeof(d->where), "%s: record %zu", d->path, rowno);
	cJSON_ArrayForEach(j, rec) {
		size_t c;

		if (cJSON_IsObject(rec)) {
			for (c = 0; c < d->ncols; c++)
				if (strcmp(d->colnames[c], j->string) == 0)
					break;
		} else
			c = i < nnames ? i : d->ncols;
		i++;
		if (c >= d->ncols)
			continue;
		if (!cJSON_IsNull(j) && !cJSON_IsBool(j) && !cJSON_IsNumber(j) &&
		    !cJSON_IsString(j) && d->cols[c].kind != COL_USER_ATTR &&
		    d->cols[c].kind != COL_SYSTEM_ATTR) {
			hp_err_set(err, "%s: \"%.100s\" must be a scalar", d->where,
			    d->colnames[c]);
			goto out;
		}
		items[c] = j;
		texts[c] = lj_text(j, bufs[c], sizeof(bufs[c]));
		if (texts[c] == NULL && !cJSON_IsNull(j))
			texts[c] = "";	/* a list/dict attribute: kept as JSON */
		if (cJSON_IsNumber(j) && isnan(j->valuedouble))
			texts[c] = NULL;
	}
	if (cJSON_IsArray(rec) && i != nnames) {
		hp_err_set(err, "%s: %zu fields, the columns are %zu", d->where, i, nnames);
		goto out;
	}
	rc = add_row(d, rowno, texts, items, d->ncols, err);
out:
	free(items);
	free(texts);
	free(bufs);
	return rc;
}

static int
load_json(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err)
{
	size_t nrec = 0;
	cJSON *root, *rows = NULL, *j, *r;
	struct df d;
	struct jcols jc = { NULL, 0, 0 };
	const char *orient;
	int rc = -1;

	if ((root = lj_read_doc(path, err)) == NULL)
		return -1;
	df_init(&d, path, opts);
	if (cJSON_IsArray(root)) {
		orient = "records";
		rows = root;
	} else if (cJSON_IsObject(root) && cJSON_IsArray(lj_get(root, "data")) &&
	    cJSON_IsArray(lj_get(root, "columns"))) {
		orient = "split";
		rows = cJSON_GetObjectItemCaseSensitive(root, "data");
	} else if (cJSON_IsObject(root) && cJSON_IsArray(lj_get(root, "data")) &&
	    cJSON_IsObject(lj_get(root, "schema"))) {
		orient = "table";
		rows = cJSON_GetObjectItemCaseSensitive(root, "data");
	} else if (cJSON_IsObject(root) && cJSON_IsObject(lj_get(root, "number"))) {
		orient = "columns";
	} else if (cJSON_IsObject(root)) {
		orient = "index";
		rows = root;
	} else {
		hp_err_set(err, "%s: not a DataFrame export", path);
		goto out;
	}
	if (strcmp(orient, "split") == 0) {
		const cJSON *cols = cJSON_GetObjectItemCaseSensitive(root, "columns");

		cJSON_ArrayForEach(j, cols) {
			if (!cJSON_IsString(j)) {
				hp_err_set(err, "%s: \"columns\" must hold strings", path);
				goto out;
			}
			hp_grow(&jc.names, &jc.cap, jc.n + 1, sizeof(char *));
			jc.names[jc.n++] = j->valuestring;
		}
	} else if (strcmp(orient, "columns") == 0) {
		cJSON_ArrayForEach(j, root) {
			if (!cJSON_IsObject(j)) {
				hp_err_set(err, "%s: column \"%.100s\" must be an object of "
				    "row: value", path, j->string);
				goto out;
			}
			jcol_index(&jc, j->string);
		}
	} else {
		cJSON_ArrayForEach(r, rows) {
			if (!cJSON_IsObject(r)) {
				hp_err_set(err, "%s: record %zu: expected an object (orient "
				    "\"%s\")", path, nrec, orient);
				goto out;
			}
			cJSON_ArrayForEach(j, r)
				jcol_index(&jc, j->string);
			nrec++;
		}
	}
	if (set_header(&d, jc.names, jc.n, err) < 0)
		goto out;
	nrec = 0;
	if (strcmp(orient, "columns") == 0) {
		/* rows are the labels of the "number" column; cells by label */
		const cJSON *num = cJSON_GetObjectItemCaseSensitive(root, "number");

		cJSON_ArrayForEach(r, num) {
			cJSON *rec = cJSON_CreateObject();

			cJSON_ArrayForEach(j, root) {
				const cJSON *cell = cJSON_GetObjectItemCaseSensitive(j, r->string);

				if (cell)
					cJSON_AddItemReferenceToObject(rec, j->string,
					    (cJSON *)cell);
			}
			rc = json_row(&d, nrec++, rec, 0, err);
			cJSON_Delete(rec);
			if (rc < 0)
				goto out;
		}
	} else {
		cJSON_ArrayForEach(r, rows) {
			if (strcmp(orient, "split") == 0 && !cJSON_IsArray(r)) {
				hp_err_set(err, "%s: record %zu: expected an array", path, nrec);
				goto out;
			}
			if (json_row(&d, nrec++, r, jc.n, err) < 0)
				goto out;
		}
	}
	d.colnames = NULL;
	hp_study_add_note(d.st, "DataFrame JSON export, orient \"%s\"", orient);
	rc = df_finish(&d, opts, "record", out, err);
out:
	d.colnames = NULL;
	free(jc.names);
	df_release(&d);
	cJSON_Delete(root);
	return rc;
}

int
hp_load_optuna_dataframe(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err)
{
	FILE *fp = fopen(path, "rb");
	int c = EOF;

	if (fp == NULL)
		return hp_err_set(err, "%s: %s", path, strerror(errno));
	if ((c = getc(fp)) == 0xEF && getc(fp) == 0xBB && getc(fp) == 0xBF)
		c = ' ';	/* a byte order mark */
	else
		rewind(fp);
	while ((c = getc(fp)) == ' ' || c == '\t' || c == '\r' || c == '\n')
		;
	fclose(fp);
	if (c == '{' || c == '[')
		return load_json(path, opts, out, err);
	return load_csv(path, opts, out, err);
}

/* --- probes ------------------------------------------------------------ */

static void
probe_field(void *s, size_t len, void *data)
{
	int *flags = data;

	if (flags[2])
		return;
	if (s && len == 6 && memcmp(s, "number", 6) == 0)
		flags[0] = 1;
	else if (s && ((len >= 7 && (memcmp(s, "params_", 7) == 0 ||
	    memcmp(s, "values_", 7) == 0)) || (len == 5 && memcmp(s, "value", 5) == 0) ||
	    (len == 5 && memcmp(s, "state", 5) == 0)))
		flags[1] = 1;
}

static void
probe_row(int term, void *data)
{
	(void)term;
	((int *)data)[2] = 1;	/* only the header */
}

int
hp_probe_optuna_dataframe_csv(const char *path, const char *head, size_t len)
{
	struct csv_parser p;
	const char *nl;
	int flags[3] = { 0, 0, 0 };

	(void)path;
	if (head == NULL || len == 0 || (nl = memchr(head, '\n', len)) == NULL)
		return 0;
	if (csv_init(&p, CSV_APPEND_NULL) != 0)
		return 0;
	csv_parse(&p, head, (size_t)(nl - head) + 1, probe_field, probe_row, flags);
	csv_free(&p);
	return flags[0] && flags[1];
}

int
hp_probe_optuna_dataframe_json(const char *path, const char *head, size_t len)
{
	const char *p;

	(void)path;
	if (head == NULL || len == 0)
		return 0;
	p = lj_skip_blank(head);
	if (*p != '[' && *p != '{')
		return 0;
	/* Optuna's column names; hpreport's own JSON has "params" without '_' */
	return strstr(p, "\"number\"") != NULL && (strstr(p, "\"params_") != NULL ||
	    strstr(p, "\"datetime_complete\"") != NULL || strstr(p, "\"values_") != NULL ||
	    strstr(p, "\"duration\"") != NULL) && strstr(p, "\"trials\"") == NULL &&
	    strstr(p, "\"op_code\"") == NULL;
}
