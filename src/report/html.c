/*
 * html: the pages of the report bundle.  Each page is a template from
 * templates/ (template.c) filled from one cJSON tree built here: the
 * overview as display text, the figures with their download links.  The
 * page script's data (the trials table, the tooltip points) go to
 * data/page.js, a script assigning the global hpData that index.html loads
 * with <script src>: that works from file://, where fetch and XHR do not,
 * and keeps index.html small however many trials there are (100,000
 * trials made a 25 MB page that took seconds to open).  The pages work
 * from file:// with no network: links are relative, CSS and the page's
 * own script are inlined, and the overview and figures are plain HTML
 * that needs no script.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* A categorical param's choices the page lists, and past which the page
 * script gets only the used ones: 10^6 declared choices made an 18 MB page
 * (every one is in data/study.json). */
#define PAGE_MAX_CHOICES	100

/* The params the overview lists (search space, best trial), the rest
 * counted: 40,000 params made a 12 MB page (all are in data/study.json and
 * data/trials.csv); the same for the loader's notes (one per param whose
 * type was inferred), which data/study.json has in full. */
#define PAGE_MAX_PARAMS		100
#define PAGE_MAX_NOTES		100

void
report_html_escape(struct hp_buf *b, const char *s)
{
	tpl_escape_html(b, s);
}

static char *
load_template(void *arg, const char *name, struct hp_err *err)
{
	const struct report_opts *o = arg;
	char *path = report_template_path(o->templates, name, err), *text = NULL;

	if (path == NULL)
		return NULL;
	if (hp_read_file(path, &text, NULL, err) < 0)
		text = NULL;
	free(path);
	return text;
}

/* Every template a report uses can be read: checked before any work. */
int
report_templates_check(const struct report_opts *o, struct hp_err *err)
{
	static const char *const names[] = {
		"index.html", "study.html", "compare.html", "report.css", "report.js",
		"zoom.js", "live.js"
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *path = report_template_path(o->templates, names[i], err);

		if (path == NULL)
			return -1;
		free(path);
	}
	return 0;
}

/* Fills template `name` with ctx into dir/file. */
static int
write_page(const char *dir, const char *file, const char *name, const cJSON *ctx,
    const struct report_opts *o, struct hp_err *err)
{
	char *text = load_template((void *)(uintptr_t)o, name, err), *path;
	struct hp_buf b;
	FILE *fp;
	int rc = 0;

	if (text == NULL)
		return -1;
	hp_buf_init(&b);
	hp_buf_puts(&b, "");
	if (tpl_render(text, name, ctx, load_template, (void *)(uintptr_t)o, &b, err) < 0) {
		free(text);
		hp_buf_release(&b);
		return -1;
	}
	free(text);
	path = hp_sprintf("%s/%s", dir, file);
	fp = fopen(path, "w");
	if (fp == NULL)
		rc = hp_err_set(err, "%s: %s", path, strerror(errno));
	else {
		fwrite(b.s, 1, b.len, fp);
		if (ferror(fp) | (fclose(fp) != 0))
			rc = hp_err_set(err, "%s: write error", path);
	}
	free(path);
	hp_buf_release(&b);
	return rc;
}

/* --- display text ------------------------------------------------------ */

static void
add_num(cJSON *o, const char *key, double v)
{
	char buf[40];

	cJSON_AddStringToObject(o, key, hp_fmt_double(buf, sizeof(buf), v));
}

/*
 * A measured value as the page shows it, under key: six significant digits
 * as C's %.6g, the figures' and the trials table's style (report.js fmtNum:
 * an integer below 10^9 in full); every digit, as the CSVs have it, under
 * key_full, for the title shown on hover.
 */
static void
add_short(cJSON *o, const char *key, double v)
{
	char buf[40], *full = hp_sprintf("%s_full", key);

	if (v == floor(v) && fabs(v) < 1e9)
		snprintf(buf, sizeof(buf), "%.0f", v);
	else
		snprintf(buf, sizeof(buf), "%.6g", v);
	for (char *p = buf; *p; p++)	/* never the locale's decimal comma */
		if (*p == ',')
			*p = '.';
	cJSON_AddStringToObject(o, key, buf);
	add_num(o, full, v);
	free(full);
}

/* "0.85 s", "3 min 05 s", "2 h 07 min", "3 d 04 h" */
static char *
fmt_duration(char *buf, size_t n, double s)
{
	if (!isfinite(s))
		snprintf(buf, n, "-");
	else if (s < 60)
		snprintf(buf, n, "%.3g s", s);
	else if (s < 3600)
		snprintf(buf, n, "%d min %02d s", (int)(s / 60), (int)fmod(s, 60));
	else if (s < 86400)
		snprintf(buf, n, "%d h %02d min", (int)(s / 3600), (int)fmod(s / 60, 60));
	else
		snprintf(buf, n, "%d d %02d h", (int)(s / 86400), (int)fmod(s / 3600, 24));
	/* %g may use the locale's decimal point; the report never does */
	for (char *p = buf; *p; p++)
		if (*p == ',')
			*p = '.';
	return buf;
}

static const char *
objective_title(const struct hp_study *st, size_t k, char *buf, size_t n)
{
	if (st->objname && st->objname[k])
		return st->objname[k];
	if (st->nobj == 1)
		return "value";
	snprintf(buf, n, "values_%zu", k);
	return buf;
}

static const char *
dist_kind(const struct hp_param *p)
{
	return p->dist.kind == HP_DIST_FLOAT ? "float" :
	    p->dist.kind == HP_DIST_INT ? "int" : "categorical";
}

/*
 * The user-attribute keys the page shows: the overview lists at most
 * PAGE_MAX_ATTR_KEYS of them, the trials table has a column for at most
 * PAGE_MAX_ATTR_COLUMNS (a study may give each trial keys of its own; the
 * table must not grow with their product).  Both take the keys most
 * trials have, then by name; trials.csv has every one.
 */
#define PAGE_MAX_ATTR_KEYS	100
#define PAGE_MAX_ATTR_COLUMNS	32

static int
cmp_attr_key_use(const void *a, const void *b)
{
	const struct hp_attr_key *x = a, *y = b;

	if (x->ntrials != y->ntrials)
		return x->ntrials > y->ntrials ? -1 : 1;
	return strcmp(x->key, y->key);
}

static int
cmp_attr_key_name(const void *a, const void *b)
{
	return strcmp(((const struct hp_attr_key *)a)->key,
	    ((const struct hp_attr_key *)b)->key);
}

/* The first `max` keys by use, then sorted by name; *n of them, *all before
 * the cut.  The caller frees the array. */
static struct hp_attr_key *
page_attr_keys(const struct hp_study *st, size_t max, size_t *n, size_t *all)
{
	struct hp_attr_key *k = hp_study_user_attr_keys(st, all);

	*n = *all;
	if (*n > max) {
		qsort(k, *n, sizeof(*k), cmp_attr_key_use);
		*n = max;
		qsort(k, *n, sizeof(*k), cmp_attr_key_name);
	}
	return k;
}

/* The overview: everything the page shows without its script. */
static cJSON *
overview(const struct hp_study *st)
{
	cJSON *o = cJSON_CreateObject(), *a;
	char buf[256], b2[64];
	double first = NAN, last = NAN, total = 0, *dur;
	size_t nd = 0;
	struct hp_buf dirs;

	cJSON_AddStringToObject(o, "name", st->name);
	hp_buf_init(&dirs);
	hp_buf_puts(&dirs, "");
	for (size_t k = 0; k < st->nobj; k++)
		hp_buf_printf(&dirs, "%s%s", k ? ", " : "", hp_direction_name(st->dir[k]));
	cJSON_AddStringToObject(o, "directions", dirs.s);
	hp_buf_release(&dirs);
	cJSON_AddNumberToObject(o, "n_trials", (double)st->ntrials);
	if (st->selected) {
		/* the page says, near the top, that it shows a selection */
		cJSON_AddStringToObject(o, "selection", st->selection_note);
		cJSON_AddStringToObject(o, "selection_options",
		    hp_selection_format(&st->selection, buf, sizeof(buf)));
		cJSON_AddNumberToObject(o, "n_trials_input", (double)st->ntrials_input);
	}

	a = cJSON_AddArrayToObject(o, "states");
	for (int s = 0; s < HP_STATE__COUNT; s++) {
		size_t c = hp_study_count_state(st, (enum hp_state)s);
		cJSON *e;

		if (c == 0)
			continue;
		e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "state", hp_state_name((enum hp_state)s));
		cJSON_AddNumberToObject(e, "count", (double)c);
		cJSON_AddItemToArray(a, e);
	}
	if (hp_study_constrained(st)) {
		/* the best trials below are the best feasible ones */
		cJSON_AddBoolToObject(o, "constrained", 1);
		cJSON_AddNumberToObject(o, "infeasible", (double)hp_study_count_infeasible(st));
	}

	a = cJSON_AddArrayToObject(o, "objectives");
	for (size_t k = 0; k < st->nobj; k++) {
		cJSON *e = cJSON_CreateObject();
		long bi = hp_study_best(st, (size_t)k);

		cJSON_AddStringToObject(e, "name", objective_title(st, k, b2, sizeof(b2)));
		cJSON_AddStringToObject(e, "direction", hp_direction_name(st->dir[k]));
		if (bi >= 0) {
			cJSON *best = cJSON_AddObjectToObject(e, "best"), *pa;

			cJSON_AddNumberToObject(best, "number", st->number[bi]);
			add_short(best, "value", hp_study_value(st, (size_t)bi, k));
			pa = cJSON_AddArrayToObject(best, "params");
			for (size_t i = 0, shown = 0; i < st->nparams; i++) {
				const struct hp_param *p = &st->params[i];
				cJSON *pe;

				if (isnan(p->v[bi]))
					continue;
				if (shown++ == PAGE_MAX_PARAMS) {
					cJSON_AddBoolToObject(best, "params_more", 1);
					break;
				}
				pe = cJSON_CreateObject();
				cJSON_AddStringToObject(pe, "name", p->name);
				if (p->dist.kind == HP_DIST_CATEGORICAL) {
					cJSON_AddStringToObject(pe, "value",
					    hp_param_format(p, p->v[bi], buf, sizeof(buf)));
					/* no title (and not the best value's, which
					 * the template would find outside) */
					cJSON_AddStringToObject(pe, "value_full", "");
				} else	/* as the trials table shows it */
					add_short(pe, "value", p->v[bi]);
				cJSON_AddItemToArray(pa, pe);
			}
		}
		cJSON_AddItemToArray(a, e);
	}

	dur = hp_calloc(st->ntrials + 1, sizeof(double));
	for (size_t t = 0; t < st->ntrials; t++) {
		double s = st->t_start[t], d = st->t_end[t] - s;

		if (isfinite(s)) {
			first = isnan(first) || s < first ? s : first;
			last = isnan(last) || s > last ? s : last;
		}
		if (isfinite(d) && d >= 0) {
			dur[nd++] = d;
			total += d;
		}
	}
	if (isfinite(first)) {
		cJSON_AddStringToObject(o, "first_start", hp_fmt_datetime(buf, sizeof(buf), first));
		cJSON_AddStringToObject(o, "last_start", hp_fmt_datetime(buf, sizeof(buf), last));
	}
	if (nd > 0) {
		qsort(dur, nd, sizeof(double), hp_cmp_double);
		cJSON_AddStringToObject(o, "total_duration", fmt_duration(buf, sizeof(buf), total));
		cJSON_AddStringToObject(o, "median_duration", fmt_duration(buf, sizeof(buf),
		    nd % 2 ? dur[nd / 2] : (dur[nd / 2 - 1] + dur[nd / 2]) / 2));
		cJSON_AddNumberToObject(o, "n_durations", (double)nd);
	}
	free(dur);

	a = cJSON_AddArrayToObject(o, "space");
	if (st->nparams > PAGE_MAX_PARAMS)
		cJSON_AddNumberToObject(o, "space_more", (double)(st->nparams - PAGE_MAX_PARAMS));
	for (size_t i = 0; i < st->nparams && i < PAGE_MAX_PARAMS; i++) {
		const struct hp_param *p = &st->params[i];
		cJSON *e = cJSON_CreateObject();
		char lo[40], hi[40];

		cJSON_AddStringToObject(e, "name", p->name);
		cJSON_AddStringToObject(e, "type", dist_kind(p));
		if (p->dist.kind == HP_DIST_CATEGORICAL) {
			struct hp_buf ch;

			hp_buf_init(&ch);
			hp_buf_puts(&ch, "");
			for (size_t c = 0; c < p->dist.nchoices && c < PAGE_MAX_CHOICES; c++) {
				hp_buf_puts(&ch, c ? ", " : "");
				hp_buf_puts(&ch, hp_choice_label(&p->dist.choices[c], buf,
				    sizeof(buf)));
			}
			if (p->dist.nchoices > PAGE_MAX_CHOICES)
				hp_buf_printf(&ch, " \u2026 and %zu more (all in data/study.json)",
				    p->dist.nchoices - PAGE_MAX_CHOICES);
			cJSON_AddStringToObject(e, "choices", ch.s);
			cJSON_AddNumberToObject(e, "n_choices", (double)p->dist.nchoices);
			hp_buf_release(&ch);
		} else {
			snprintf(buf, sizeof(buf), "%s \u2013 %s",
			    hp_fmt_double(lo, sizeof(lo), p->dist.low),
			    hp_fmt_double(hi, sizeof(hi), p->dist.high));
			cJSON_AddStringToObject(e, "range", buf);
			cJSON_AddBoolToObject(e, "log", p->dist.log);
			if (p->dist.step > 0 && !(p->dist.kind == HP_DIST_INT && p->dist.step == 1))
				add_num(e, "step", p->dist.step);
		}
		cJSON_AddBoolToObject(e, "inferred", p->inferred == 1);
		cJSON_AddItemToArray(a, e);
	}

	if (st->target)
		cJSON_AddStringToObject(o, "target", st->target);
	{	/* the user attributes, which --target can name when numeric */
		size_t nk, all;
		struct hp_attr_key *ak = page_attr_keys(st, PAGE_MAX_ATTR_KEYS, &nk, &all);

		a = cJSON_AddArrayToObject(o, "user_attrs");
		for (size_t i = 0; i < nk; i++) {
			cJSON *e = cJSON_CreateObject();

			cJSON_AddStringToObject(e, "name", ak[i].key);
			cJSON_AddStringToObject(e, "type", ak[i].nnumeric == ak[i].ntrials ?
			    "numeric" : ak[i].nnumeric == 0 ? "not numeric" : "partly numeric");
			cJSON_AddNumberToObject(e, "n_trials", (double)ak[i].ntrials);
			cJSON_AddItemToArray(a, e);
		}
		cJSON_AddBoolToObject(o, "has_user_attrs", nk > 0);
		if (all > nk)
			cJSON_AddNumberToObject(o, "user_attrs_more", (double)(all - nk));
		free(ak);
	}

	a = cJSON_AddArrayToObject(o, "notes");
	for (size_t k = 0; k < st->nobj; k++) {
		size_t nf = hp_study_count_nonfinite(st, k);

		if (nf == 0)
			continue;
		snprintf(buf, sizeof(buf), "%zu COMPLETE trial%s with a non-finite %s (left out "
		    "of the figures and of \"best\").", nf, nf == 1 ? "" : "s",
		    objective_title(st, k, b2, sizeof(b2)));
		cJSON_AddItemToArray(a, cJSON_CreateString(buf));
	}
	for (size_t i = 0; i < st->nnotes && i < PAGE_MAX_NOTES; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(st->notes[i]));
	if (st->nnotes > PAGE_MAX_NOTES)
		cJSON_AddNumberToObject(o, "notes_more", (double)(st->nnotes - PAGE_MAX_NOTES));
	cJSON_AddBoolToObject(o, "has_notes", cJSON_GetArraySize(a) > 0);
	return o;
}

/* --- the script's data (data/page.js) -------------------------------------- */

static void
json_str(struct hp_buf *b, const char *s)
{
	cJSON *v = cJSON_CreateString(s);
	char *t = cJSON_PrintUnformatted(v);

	hp_buf_puts(b, t ? t : "null");
	free(t);
	cJSON_Delete(v);
}

/* A number as JSON: finite shortest, infinities as the strings "inf"/"-inf"
 * (the script turns them back), NaN as null (absent). */
static void
json_num(struct hp_buf *b, double v)
{
	char buf[40];

	if (isnan(v))
		hp_buf_puts(b, "null");
	else if (isinf(v))
		hp_buf_puts(b, v > 0 ? "\"inf\"" : "\"-inf\"");
	else if (v == (double)(long long)v && fabs(v) < 1e15)
		hp_buf_printf(b, "%lld", (long long)v);
	else {
		/* 17 digits read back exactly; the page prints the shortest
		 * form itself, so the slower shortest search is not needed */
		snprintf(buf, sizeof(buf), "%.17g", v);
		hp_buf_puts(b, buf);
	}
}

/*
 * A column of n numbers v[] for the page: a JSON array of json_num, or,
 * when that is longer, the string "f64:" and the base64 of the numbers as
 * little-endian IEEE doubles (NaN: absent), which templates/report.js
 * (numColumn) turns back into the array -- every bit kept, in 10.7
 * characters a number where 17 significant digits take 19 or more.
 */
static void
json_num_column(struct hp_buf *b, const double *v, size_t n)
{
	struct hp_buf text;
	size_t packed = 4 * ((8 * n + 2) / 3) + 6;

	hp_buf_init(&text);
	hp_buf_puts(&text, "[");
	for (size_t t = 0; t < n && text.len <= packed; t++) {
		hp_buf_puts(&text, t ? "," : "");
		json_num(&text, v[t]);
	}
	hp_buf_puts(&text, "]");
	if (text.len <= packed)
		hp_buf_add(b, text.s, text.len);
	else {
		unsigned char *raw = hp_malloc(8 * n + 1);

		for (size_t t = 0; t < n; t++) {
			uint64_t u;

			memcpy(&u, &v[t], 8);
			for (int i = 0; i < 8; i++)
				raw[8 * t + (size_t)i] = (unsigned char)(u >> (8 * i));
		}
		hp_buf_puts(b, "\"f64:");
		hp_buf_base64(b, raw, 8 * n);
		hp_buf_puts(b, "\"");
		free(raw);
	}
	hp_buf_release(&text);
}

/*
 * The trials table and tooltip points, column by column:
 *   {"objectives":[names], "states":[names], "params":[{"name","kind",
 *    "choices"?}], "trials":{"number":[], "state":[index], "values":[[per
 *    objective]], "duration":[], "params":[[per param: number or choice
 *    index]], "user_attrs":[[per key: number, text or null]]},
 *    "user_attrs":[{"name","num"}], "figures":{"NAME":"points"}} with each
 *    figure's tooltip points encoded as report_fig_hover says and each
 *    column of values, durations and params as json_num_column writes it.
 * Written as text, not as a cJSON tree: 10^5 x 16 cells would be millions
 * of nodes.
 */
/*
 * The trials' user attributes, a column per key of keys[n]: numbers when
 * every value of the key is one (NaN null, infinities as json_num), else
 * text (a string's own text, anything else its JSON); null = absent.
 */
static void
script_user_attrs(struct hp_buf *b, const struct hp_study *st,
    const struct hp_attr_key *keys, size_t n)
{
	const struct hp_attr **cell = hp_calloc(st->ntrials + 1, sizeof(*cell));

	for (size_t i = 0; i < n; i++) {
		int num = keys[i].nnumeric == keys[i].ntrials;

		memset(cell, 0, st->ntrials * sizeof(*cell));
		for (size_t j = 0; j < st->nattrs; j++) {
			const struct hp_attr *a = &st->attrs[j];

			if (a->trial != HP_NO_TRIAL && !a->system &&
			    strcmp(a->key, keys[i].key) == 0)
				cell[a->trial] = a;
		}
		hp_buf_puts(b, i ? ",[" : "[");
		for (size_t t = 0; t < st->ntrials; t++) {
			double v;

			hp_buf_puts(b, t ? "," : "");
			if (cell[t] == NULL)
				hp_buf_puts(b, "null");
			else if (num && hp_attr_number(cell[t], &v) == 0)
				json_num(b, v);
			else {
				cJSON *j = cJSON_Parse(cell[t]->json);

				json_str(b, cJSON_IsString(j) ? j->valuestring : cell[t]->json);
				cJSON_Delete(j);
			}
		}
		hp_buf_puts(b, "]");
	}
	free(cell);
}

static char *
script_data(const struct hp_study *st, const struct report_fig *figs, size_t nfigs)
{
	struct hp_buf b;
	char buf[256];
	double *col;
	size_t nkeys, allkeys;
	struct hp_attr_key *keys = page_attr_keys(st, PAGE_MAX_ATTR_COLUMNS, &nkeys,
	    &allkeys);

	hp_buf_init(&b);
	hp_buf_puts(&b, "{\"objectives\":[");
	for (size_t k = 0; k < st->nobj; k++) {
		hp_buf_puts(&b, k ? "," : "");
		json_str(&b, objective_title(st, k, buf, sizeof(buf)));
	}
	hp_buf_puts(&b, "],\"states\":[");
	for (int s = 0; s < HP_STATE__COUNT; s++) {
		hp_buf_puts(&b, s ? "," : "");
		json_str(&b, hp_state_name((enum hp_state)s));
	}
	hp_buf_puts(&b, "],\"params\":[");
	for (size_t i = 0; i < st->nparams; i++) {
		const struct hp_param *p = &st->params[i];

		hp_buf_puts(&b, i ? ",{\"name\":" : "{\"name\":");
		json_str(&b, p->name);
		hp_buf_printf(&b, ",\"kind\":\"%s\"", dist_kind(p));
		if (p->dist.kind == HP_DIST_CATEGORICAL &&
		    p->dist.nchoices > PAGE_MAX_CHOICES) {
			/* the used choices only, by index: the table shows
			 * choices[v], which an object serves as well as an array */
			unsigned char *used = hp_calloc(p->dist.nchoices, 1);
			int first = 1;

			for (size_t t = 0; t < st->ntrials; t++)
				if (p->v[t] >= 0 && p->v[t] < (double)p->dist.nchoices)
					used[(size_t)p->v[t]] = 1;
			hp_buf_puts(&b, ",\"choices\":{");
			for (size_t c = 0; c < p->dist.nchoices; c++)
				if (used[c]) {
					hp_buf_printf(&b, "%s\"%zu\":", first ? "" : ",", c);
					json_str(&b, hp_choice_label(&p->dist.choices[c], buf,
					    sizeof(buf)));
					first = 0;
				}
			hp_buf_puts(&b, "}");
			free(used);
		} else if (p->dist.kind == HP_DIST_CATEGORICAL) {
			hp_buf_puts(&b, ",\"choices\":[");
			for (size_t c = 0; c < p->dist.nchoices; c++) {
				hp_buf_puts(&b, c ? "," : "");
				json_str(&b, hp_choice_label(&p->dist.choices[c], buf, sizeof(buf)));
			}
			hp_buf_puts(&b, "]");
		}
		hp_buf_puts(&b, "}");
	}
	hp_buf_puts(&b, "],\"user_attrs\":[");
	for (size_t i = 0; i < nkeys; i++) {
		hp_buf_puts(&b, i ? ",{\"name\":" : "{\"name\":");
		json_str(&b, keys[i].key);
		hp_buf_printf(&b, ",\"num\":%s}", keys[i].nnumeric == keys[i].ntrials ?
		    "true" : "false");
	}
	hp_buf_puts(&b, "],\"trials\":{\"number\":[");
	for (size_t t = 0; t < st->ntrials; t++)
		hp_buf_printf(&b, "%s%d", t ? "," : "", st->number[t]);
	hp_buf_puts(&b, "],\"state\":[");
	for (size_t t = 0; t < st->ntrials; t++)
		hp_buf_printf(&b, "%s%d", t ? "," : "", (int)st->state[t]);
	hp_buf_puts(&b, "],\"values\":[");
	col = hp_calloc(st->ntrials + 1, sizeof(double));
	for (size_t k = 0; k < st->nobj; k++) {
		hp_buf_puts(&b, k ? "," : "");
		for (size_t t = 0; t < st->ntrials; t++)
			col[t] = hp_study_value(st, t, k);
		json_num_column(&b, col, st->ntrials);
	}
	hp_buf_puts(&b, "],\"duration\":");
	for (size_t t = 0; t < st->ntrials; t++)
		col[t] = st->t_end[t] - st->t_start[t];
	json_num_column(&b, col, st->ntrials);
	free(col);
	hp_buf_puts(&b, ",\"params\":[");
	for (size_t i = 0; i < st->nparams; i++) {
		hp_buf_puts(&b, i ? "," : "");
		json_num_column(&b, st->params[i].v, st->ntrials);
	}
	hp_buf_puts(&b, "],\"user_attrs\":[");
	script_user_attrs(&b, st, keys, nkeys);
	free(keys);
	hp_buf_puts(&b, "]},\"figures\":{");
	for (size_t i = 0, first = 1; i < nfigs; i++) {
		if (figs[i].hover == NULL)
			continue;
		hp_buf_puts(&b, first ? "" : ",");
		json_str(&b, figs[i].name);
		hp_buf_printf(&b, ":%s", figs[i].hover);
		first = 0;
	}
	hp_buf_puts(&b, "}}");
	return b.s;
}

/*
 * dir/data/page.js: "window.hpData = {...};" with script_data's object,
 * which the page's script (templates/report.js) reads.  Characters that
 * could end a script or a line in older parsers are written as \uXXXX
 * (tpl_escape_json_script), as the JSON was when it was inlined.
 */
static int
write_page_data(const char *dir, const struct hp_study *st,
    const struct report_fig *figs, size_t nfigs, struct hp_err *err)
{
	char *data = script_data(st, figs, nfigs), *path;
	struct hp_buf b;
	int rc;

	hp_buf_init(&b);
	hp_buf_puts(&b, "/* hpreport: the trials and tooltip points of ../index.html */\n"
	    "window.hpData = ");
	tpl_escape_json_script(&b, data);
	hp_buf_puts(&b, ";\n");
	free(data);
	path = hp_sprintf("%s/data/page.js", dir);
	rc = report_write_text(path, b.s, err);
	free(path);
	hp_buf_release(&b);
	return rc;
}

/*
 * The page's figures (key "figures") and, under them, the short list of
 * those with nothing to show and why ("not_made", "has_not_made").
 * titled: the pictures draw their own titles (the screen style; a paper
 * figure takes its title from the caption, render/layout.c).
 */
static cJSON *figure_entry(const char *prefix, const struct report_fig *f, int titled);

static void
add_figures(cJSON *ctx, const struct report_fig *figs, size_t nfigs,
    const struct report_opts *o)
{
	int titled = o->render.style != RENDER_STYLE_PAPER;

	cJSON *a = cJSON_AddArrayToObject(ctx, "figures");
	cJSON *nm = cJSON_AddArrayToObject(ctx, "not_made");

	for (size_t i = 0; i < nfigs; i++) {
		cJSON *e;

		if (figs[i].not_made == NULL) {
			cJSON_AddItemToArray(a, figure_entry("", &figs[i], titled));
			continue;
		}
		e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "name", figs[i].name);
		cJSON_AddStringToObject(e, "why", figs[i].not_made);
		cJSON_AddItemToArray(nm, e);
	}
	cJSON_AddBoolToObject(ctx, "has_not_made", cJSON_GetArraySize(nm) > 0);
}

/* Appends { "label": label, "href": the printf of fmt } to links. */
static void __attribute__((format(printf, 3, 4)))
add_link(cJSON *links, const char *label, const char *fmt, ...)
{
	cJSON *l = cJSON_CreateObject();
	va_list ap;
	char *href;

	va_start(ap, fmt);
	href = hp_vsprintf(fmt, ap);
	va_end(ap);
	cJSON_AddStringToObject(l, "label", label);
	cJSON_AddStringToObject(l, "href", href);
	free(href);
	cJSON_AddItemToArray(links, l);
}

/*
 * One figure's entry: picture (the first backend a browser shows) and
 * download links.  The title is shown once: when the picture draws it
 * (titled), the page's heading over it is the figure's file name
 * ("title_in_image"), the title its alt text; else the heading is the title.
 */
static cJSON *
figure_entry(const char *prefix, const struct report_fig *f, int titled)
{
	cJSON *e = cJSON_CreateObject(), *links;
	char *s;
	int has_title = f->title != NULL && *f->title != '\0';

	cJSON_AddStringToObject(e, "name", f->name);
	cJSON_AddStringToObject(e, "title", has_title ? f->title : f->name);
	/* the figure's size in CSS pixels (1/96 in): the page reserves the
	 * space before the picture loads and shows it at its natural size */
	if (f->omitted) {	/* no files: the reason in the figure's place */
		cJSON_AddStringToObject(e, "omitted", f->omitted);
		return e;
	}
	cJSON_AddNumberToObject(e, "css_width", round(f->width * 96 / 72));
	cJSON_AddNumberToObject(e, "css_height", round(f->height * 96 / 72));
	for (int fmt = 0; fmt < RENDER__COUNT; fmt++)
		if ((f->formats & (1 << fmt)) && render_backends[fmt].on_page) {
			s = hp_sprintf("%sfigures/%s.%s", prefix, f->name,
			    render_backends[fmt].ext);
			cJSON_AddStringToObject(e, "img", s);
			cJSON_AddBoolToObject(e, "title_in_image", titled && has_title);
			free(s);
			break;
		}
	links = cJSON_AddArrayToObject(e, "links");
	for (int fmt = 0; fmt < RENDER__COUNT; fmt++)
		if (f->formats & (1 << fmt))
			add_link(links, render_backends[fmt].label, "%sfigures/%s.%s",
			    prefix, f->name, render_backends[fmt].ext);
	if (f->has_data)	/* a figure that only plots trials has none */
		add_link(links, "CSV", "%sdata/%s.csv", prefix, f->name);
	add_link(links, "Caption", "%sfigures/%s.txt", prefix, f->name);
	if (f->caption && *f->caption)
		cJSON_AddStringToObject(e, "caption", f->caption);
	/* the tooltip points are figure fractions: PNG and SVG alike */
	cJSON_AddBoolToObject(e, "hover", f->hover != NULL &&
	    cJSON_GetObjectItemCaseSensitive(e, "img") != NULL);
	return e;
}

/* sRGB channel to linear light (WCAG relative luminance). */
static double
lin(double c)
{
	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

/* One badge colour: its background and black or white ink. */
static void
badge_color(cJSON *a, const char *name, struct fig_rgba c)
{
	double l = 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
	cJSON *e = cJSON_CreateObject();
	char hex[8];

	snprintf(hex, sizeof(hex), "#%02x%02x%02x", (int)lround(c.r * 255),
	    (int)lround(c.g * 255), (int)lround(c.b * 255));
	cJSON_AddStringToObject(e, "state", name);
	cJSON_AddStringToObject(e, "bg", hex);
	/* contrast with white (1.05 / (l + 0.05)) against black */
	cJSON_AddStringToObject(e, "ink", 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ?
	    "#fff" : "#000");
	cJSON_AddItemToArray(a, e);
}

/*
 * The state badges' colours: the figures' own (plot_state_color, the
 * timeline's bars), so that page and figures show a state alike, with
 * black or white text, whichever contrasts more; a constrained study adds
 * INFEASIBLE in the figures' grey.  The rule is in the template
 * (study.html); only the colours come from here.
 */
static cJSON *
state_palette(const struct hp_study *st)
{
	cJSON *a = cJSON_CreateArray();

	for (int s = 0; s < HP_STATE__COUNT; s++)
		badge_color(a, hp_state_name((enum hp_state)s),
		    plot_state_color((enum hp_state)s));
	if (hp_study_constrained(st))
		badge_color(a, "INFEASIBLE", plot_infeasible_color());
	return a;
}

/* --watch: what the page's reload check needs (templates/live.js); `up`
 * leads from the page to the report's top directory. */
static void
add_live(cJSON *ctx, const struct report_opts *o, const char *up)
{
	cJSON *l;
	char *src;

	if (o->live == NULL)
		return;
	l = cJSON_AddObjectToObject(ctx, "live");
	cJSON_AddStringToObject(l, "gen", o->live);
	src = hp_sprintf("%sdata/live.js", up);
	cJSON_AddStringToObject(l, "src", src);
	free(src);
	cJSON_AddNumberToObject(l, "ms", o->live_ms);
}

int
report_html_study(const char *dir, const struct hp_study *st,
    const struct report_fig *figs, size_t nfigs, int in_set,
    const struct report_opts *o, struct hp_err *err)
{
	cJSON *ctx = cJSON_CreateObject();
	int rc;

	cJSON_AddStringToObject(ctx, "generator", "hpreport " HP_VERSION);
	cJSON_AddStringToObject(ctx, "title", st->name);
	cJSON_AddBoolToObject(ctx, "in_set", in_set);
	cJSON_AddItemToObject(ctx, "study", overview(st));
	cJSON_AddItemToObject(ctx, "state_palette", state_palette(st));
	add_figures(ctx, figs, nfigs, o);
	add_live(ctx, o, in_set ? "../" : "");
	rc = write_page_data(dir, st, figs, nfigs, err);
	if (rc == 0)
		rc = write_page(dir, "index.html", "study.html", ctx, o, err);
	cJSON_Delete(ctx);
	return rc;
}

/* The summary rows shared by the index and the comparison page. */
static cJSON *
study_rows(const struct hp_studyset *set, char *const *subdirs)
{
	cJSON *a = cJSON_CreateArray();
	char buf[64];

	for (size_t i = 0; i < set->n; i++) {
		const struct hp_study *st = set->v[i];
		cJSON *e = cJSON_CreateObject();
		long bi = hp_study_best(st, 0);
		char *href = hp_sprintf("%s/index.html", subdirs[i]);

		cJSON_AddStringToObject(e, "name", st->name);
		cJSON_AddStringToObject(e, "href", href);
		free(href);
		cJSON_AddStringToObject(e, "direction", hp_direction_name(st->dir[0]));
		cJSON_AddStringToObject(e, "objective", objective_title(st, 0, buf, sizeof(buf)));
		cJSON_AddNumberToObject(e, "n_trials", (double)st->ntrials);
		if (st->selected)
			cJSON_AddNumberToObject(e, "n_trials_input", (double)st->ntrials_input);
		cJSON_AddNumberToObject(e, "complete",
		    (double)hp_study_count_state(st, HP_STATE_COMPLETE));
		cJSON_AddNumberToObject(e, "n_params", (double)st->nparams);
		if (bi >= 0) {
			add_short(e, "best_value", hp_study_value(st, (size_t)bi, 0));
			cJSON_AddNumberToObject(e, "best_number", st->number[bi]);
		}
		cJSON_AddItemToArray(a, e);
	}
	return a;
}

int
report_html_index(const char *dir, const struct hp_studyset *set,
    char *const *subdirs, const struct report_fig *figs, size_t nfigs,
    const struct report_opts *o, struct hp_err *err)
{
	cJSON *ctx = cJSON_CreateObject();
	int rc;

	cJSON_AddStringToObject(ctx, "generator", "hpreport " HP_VERSION);
	cJSON_AddStringToObject(ctx, "title", "hpreport: studies");
	cJSON_AddItemToObject(ctx, "studies", study_rows(set, subdirs));
	cJSON_AddNumberToObject(ctx, "n_studies", (double)set->n);
	if (set->n > 0 && set->v[0]->selected) {
		char spec[256];

		cJSON_AddStringToObject(ctx, "selection", hp_selection_format(
		    &set->v[0]->selection, spec, sizeof(spec)));
	}
	add_figures(ctx, figs, nfigs, o);
	add_live(ctx, o, "");
	rc = write_page(dir, "index.html", "index.html", ctx, o, err);
	if (rc == 0)
		rc = write_page(dir, "compare.html", "compare.html", ctx, o, err);
	cJSON_Delete(ctx);
	return rc;
}
