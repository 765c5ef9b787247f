/*
 * summary: DIR/summary.md, the report in a few lines of GitHub-flavoured
 * Markdown for CI pages -- a job appends it to $GITHUB_STEP_SUMMARY or
 * posts it on a pull request as it is.  A table of the studies (trials by
 * state, best value), then per study its numbers, best params, top
 * importances (the importances figures' own tables) and links to the
 * figures (relative to DIR).  With --baseline OLD_DIR, the trial counts
 * and best values of OLD_DIR's data/study.json files (matched by study
 * name) stand beside them with the change.
 *
 * Every name that comes from an input is escaped (report_md_escape), so a
 * study or param name cannot end a table cell, start a code span or a
 * link, or become HTML.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "internal.h"

#define TOP_IMPORTANCES 5

/* One study of the baseline report. */
struct base_study {
	char	*name;
	double	 ntrials;
	double	 states[HP_STATE__COUNT];
	double	*best;		/* [nbest], NaN = no best */
	size_t	 nbest;
};

struct report_baseline {
	struct base_study *v;
	size_t	 n;
};

void
report_md_escape(struct hp_buf *b, const char *s)
{
	gchar *valid = g_utf8_make_valid(s, -1);

	for (const char *p = valid; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '<')
			hp_buf_puts(b, "&lt;");
		else if (c == '>')
			hp_buf_puts(b, "&gt;");
		else if (c == '&')
			hp_buf_puts(b, "&amp;");
		else if (c < 0x20 || c == 0x7f)
			hp_buf_puts(b, " ");	/* a newline would end the row */
		else if (strchr("\\`*_[]#|~$@!", c)) {
			/* the characters that mean something where a name can
			 * stand (never at the start of a line): emphasis, code,
			 * links and images, strike-through, math, mentions,
			 * issue references; "\|" keeps a GFM table cell whole */
			hp_buf_add(b, "\\", 1);
			hp_buf_add(b, p, 1);
		} else
			hp_buf_add(b, p, 1);
	}
	g_free(valid);
}

/* A number from study.json: a number, or a string ("inf", "nan"). */
static double
json_num(const cJSON *v)
{
	double d;

	if (cJSON_IsNumber(v))
		return v->valuedouble;
	if (cJSON_IsString(v) && hp_parse_double(v->valuestring, &d) == 0)
		return d;
	return NAN;
}

/* Adds the study of one data/study.json; 0, or -1 with err. */
static int
base_add(struct report_baseline *b, const char *path, struct hp_err *err)
{
	char *text = NULL;
	cJSON *root, *name, *states, *best;
	struct base_study *s;
	int sz;

	if (hp_read_file(path, &text, NULL, err) < 0)
		return -1;
	root = cJSON_Parse(text);
	free(text);
	name = cJSON_GetObjectItemCaseSensitive(root, "name");
	if (!cJSON_IsString(name)) {
		cJSON_Delete(root);
		return hp_err_set(err, "%s: not an hpreport study.json (no \"name\")", path);
	}
	b->v = hp_reallocarray(b->v, b->n + 1, sizeof(*b->v));
	s = &b->v[b->n++];
	memset(s, 0, sizeof(*s));
	s->name = hp_strdup(name->valuestring);
	s->ntrials = json_num(cJSON_GetObjectItemCaseSensitive(root, "n_trials"));
	states = cJSON_GetObjectItemCaseSensitive(root, "states");
	for (int i = 0; i < HP_STATE__COUNT; i++) {
		double v = json_num(cJSON_GetObjectItemCaseSensitive(states,
		    hp_state_name((enum hp_state)i)));

		s->states[i] = isnan(v) ? 0 : v;
	}
	best = cJSON_GetObjectItemCaseSensitive(root, "best");
	sz = cJSON_GetArraySize(best);
	s->best = hp_calloc(sz > 0 ? (size_t)sz : 1, sizeof(double));
	for (int k = 0; k < sz; k++)
		s->best[s->nbest++] = json_num(cJSON_GetObjectItemCaseSensitive(
		    cJSON_GetArrayItem(best, k), "value"));
	cJSON_Delete(root);
	return 0;
}

void
report_baseline_free(struct report_baseline *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].name);
		free(b->v[i].best);
	}
	free(b->v);
	free(b);
}

int
report_baseline_read(const char *dir, struct report_baseline **out, struct hp_err *err)
{
	struct report_baseline *b = hp_calloc(1, sizeof(*b));
	char *path = hp_sprintf("%s/data/study.json", dir);
	struct dirent **names = NULL;
	struct stat sb;
	int n, rc = 0;

	*out = NULL;
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		free(path);
		free(b);
		return hp_err_set(err, "--baseline %s: %s", dir,
		    errno && stat(dir, &sb) != 0 ? strerror(errno) : "not a directory");
	}
	/* one study: DIR/data/study.json; several: DIR/SUB/data/study.json
	 * (scandir's sorted order keeps the first of two equal names) */
	if (access(path, F_OK) == 0)
		rc = base_add(b, path, err);
	n = scandir(dir, &names, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		free(path);
		path = hp_sprintf("%s/%s/data/study.json", dir, names[i]->d_name);
		if (rc == 0 && names[i]->d_name[0] != '.' && access(path, F_OK) == 0)
			rc = base_add(b, path, err);
		free(names[i]);
	}
	free(names);
	free(path);
	if (rc == 0 && b->n == 0)
		rc = hp_err_set(err, "--baseline %s: not an hpreport report "
		    "(no data/study.json in it)", dir);
	if (rc < 0) {
		report_baseline_free(b);
		return -1;
	}
	*out = b;
	return 0;
}

static const struct base_study *
base_find(const struct report_baseline *b, const char *name)
{
	for (size_t i = 0; b && i < b->n; i++)
		if (strcmp(b->v[i].name, name) == 0)
			return &b->v[i];
	return NULL;
}

/* A count's change: "+3", "-1", "0". */
static void
add_count_delta(struct hp_buf *b, double now, double was)
{
	if (now == was)
		hp_buf_puts(b, "0");
	else
		hp_buf_printf(b, "%+.0f", now - was);
}

/* A best value's change, "-0.0123 (better)", at 6 significant digits
 * (the C locale's %g: hpreport never calls setlocale). */
static void
add_best_delta(struct hp_buf *b, double now, double was, enum hp_direction dir)
{
	char buf[40];

	if (isnan(was) && isnan(now))
		hp_buf_puts(b, "");
	else if (isnan(was))
		hp_buf_puts(b, "new");
	else if (isnan(now))
		hp_buf_puts(b, "none now");
	else if (now == was)
		hp_buf_puts(b, "0");
	else if (!isfinite(now - was))
		hp_buf_printf(b, "was %s", hp_fmt_double(buf, sizeof(buf), was));
	else
		hp_buf_printf(b, "%+.6g (%s)", now - was,
		    (dir == HP_DIR_MAXIMIZE) == (now > was) ? "better" : "worse");
}

static void
add_num(struct hp_buf *b, double v)
{
	char buf[40];

	if (!isnan(v))
		hp_buf_puts(b, hp_fmt_double(buf, sizeof(buf), v));
}

/* Objective k's name: its own, else "value" ("values_K" with several). */
static void
add_objective(struct hp_buf *b, const struct hp_study *st, size_t k)
{
	char buf[32];

	if (st->objname && st->objname[k])
		report_md_escape(b, st->objname[k]);
	else {
		report_md_escape(b, hp_study_value_column(st, k, buf, sizeof(buf)));
	}
}

/* Whether state s shows: some study (or its baseline) has such trials. */
static int
state_shown(const struct hp_studyset *set, const struct report_baseline *base, int s)
{
	for (size_t i = 0; i < set->n; i++) {
		const struct base_study *bs = base_find(base, set->v[i]->name);

		if (hp_study_count_state(set->v[i], (enum hp_state)s) > 0 ||
		    (bs && bs->states[s] > 0))
			return 1;
	}
	return 0;
}

/* One study's section. */
static void
study_section(struct hp_buf *b, const struct hp_study *st, const char *rel,
    const struct report_fig *figs, size_t nfigs, const struct report_baseline *base,
    const int *shown)
{
	const struct base_study *bs = base_find(base, st->name);
	char buf[256];

	hp_buf_puts(b, "\n## ");
	report_md_escape(b, st->name);
	hp_buf_puts(b, "\n\n");
	if (base && bs == NULL)
		hp_buf_puts(b, "Not in the baseline report.\n\n");
	hp_buf_puts(b, bs ? "| | Now | Baseline | Change |\n|---|--:|--:|--:|\n" :
	    "| | Now |\n|---|--:|\n");
	hp_buf_printf(b, "| Trials | %zu |", st->ntrials);
	if (bs) {
		hp_buf_printf(b, " %.0f | ", bs->ntrials);
		add_count_delta(b, (double)st->ntrials, bs->ntrials);
		hp_buf_puts(b, " |");
	}
	hp_buf_puts(b, "\n");
	for (int s = 0; s < HP_STATE__COUNT; s++) {
		size_t c = hp_study_count_state(st, (enum hp_state)s);

		if (!shown[s])
			continue;
		hp_buf_printf(b, "| %s | %zu |", hp_state_name((enum hp_state)s), c);
		if (bs) {
			hp_buf_printf(b, " %.0f | ", bs->states[s]);
			add_count_delta(b, (double)c, bs->states[s]);
			hp_buf_puts(b, " |");
		}
		hp_buf_puts(b, "\n");
	}
	for (size_t k = 0; k < st->nobj; k++) {
		long bi = hp_study_best(st, k);
		double now = bi >= 0 ? hp_study_value(st, (size_t)bi, k) : NAN;
		double was = bs && k < bs->nbest ? bs->best[k] : NAN;

		hp_buf_puts(b, "| Best ");
		add_objective(b, st, k);
		hp_buf_printf(b, " (%s) | ", hp_direction_name(st->dir[k]));
		add_num(b, now);
		if (bi >= 0)
			hp_buf_printf(b, " (trial %d)", st->number[bi]);
		hp_buf_puts(b, " |");
		if (bs) {
			hp_buf_puts(b, " ");
			add_num(b, was);
			hp_buf_puts(b, " | ");
			add_best_delta(b, now, was, st->dir[k]);
			hp_buf_puts(b, " |");
		}
		hp_buf_puts(b, "\n");
	}
	for (size_t k = 0; k < st->nobj; k++) {
		long bi = hp_study_best(st, k);

		if (bi < 0 || st->nparams == 0)
			continue;
		hp_buf_printf(b, "\nBest params (trial %d", st->number[bi]);
		if (st->nobj > 1) {
			hp_buf_puts(b, ", best ");
			add_objective(b, st, k);
		}
		hp_buf_puts(b, "):\n\n| Param | Value |\n|---|---|\n");
		for (size_t i = 0; i < st->nparams; i++) {
			const struct hp_param *p = &st->params[i];

			if (isnan(p->v[bi]))
				continue;
			hp_buf_puts(b, "| ");
			report_md_escape(b, p->name);
			hp_buf_puts(b, " | ");
			report_md_escape(b, hp_param_format(p, p->v[bi], buf, sizeof(buf)));
			hp_buf_puts(b, " |\n");
		}
	}
	for (size_t f = 0; f < nfigs; f++) {
		const struct fig_table *t = &figs[f].data;

		if (t->ncols < 2 || t->nrows == 0)
			continue;
		hp_buf_puts(b, "\nTop importances");
		if (strcmp(figs[f].name, "importances") != 0 && st->nobj > 1) {
			const char *u = strrchr(figs[f].name, '_');
			size_t k = u ? (size_t)strtoul(u + 1, NULL, 10) : 0;

			hp_buf_puts(b, " (");
			if (k < st->nobj)
				add_objective(b, st, k);
			hp_buf_puts(b, ")");
		}
		hp_buf_puts(b, ":\n\n| Param | Importance |\n|---|--:|\n");
		for (size_t r = 0; r < t->nrows && r < TOP_IMPORTANCES; r++) {
			const char *name = t->cells[r * t->ncols], *v = t->cells[r * t->ncols + 1];

			hp_buf_puts(b, "| ");
			report_md_escape(b, name ? name : "");
			hp_buf_puts(b, " | ");
			report_md_escape(b, v ? v : "");
			hp_buf_puts(b, " |\n");
		}
	}
	if (nfigs > 0) {
		hp_buf_puts(b, "\nFigures:");
		for (size_t f = 0; f < nfigs; f++) {
			hp_buf_puts(b, f ? " ·\n[" : "\n[");
			report_md_escape(b, figs[f].title && *figs[f].title ? figs[f].title :
			    figs[f].name);
			hp_buf_puts(b, "](");
			tpl_escape_url(b, rel);
			hp_buf_puts(b, "figures/");
			tpl_escape_url(b, figs[f].name);
			hp_buf_printf(b, ".%s)", render_backends[RENDER_PNG].ext);
		}
		hp_buf_puts(b, "\n");
	}
}

void
report_summary_study(struct hp_buf *md, const struct hp_studyset *set, size_t i,
    const char *rel, const struct report_fig *figs, size_t nfigs,
    const struct report_baseline *base)
{
	int shown[HP_STATE__COUNT];

	for (int s = 0; s < HP_STATE__COUNT; s++)
		shown[s] = state_shown(set, base, s);
	study_section(md, set->v[i], rel, figs, nfigs, base, shown);
}

int
report_summary_write(const char *path, const struct hp_studyset *set,
    char *const *subdirs, const struct report_baseline *base,
    const char *sections, const struct report_opts *o, struct hp_err *err)
{
	struct hp_buf b;
	int shown[HP_STATE__COUNT], rc;

	hp_buf_init(&b);
	for (int s = 0; s < HP_STATE__COUNT; s++)
		shown[s] = state_shown(set, base, s);
	hp_buf_puts(&b, "# hpreport: ");
	if (set->n == 1)
		report_md_escape(&b, set->v[0]->name);
	else
		hp_buf_printf(&b, "%zu studies", set->n);
	hp_buf_puts(&b, "\n\n");
	for (size_t i = 0; i < o->ninputs; i++) {
		hp_buf_puts(&b, i ? ", " : "From ");
		report_md_escape(&b, o->inputs[i]);
	}
	if (o->baseline) {
		hp_buf_puts(&b, o->ninputs ? "; compared with " : "Compared with ");
		report_md_escape(&b, o->baseline);
	}
	if (o->ninputs || o->baseline)
		hp_buf_puts(&b, ".\n\n");
	hp_buf_puts(&b, "| Study | Trials |");
	for (int s = 0; s < HP_STATE__COUNT; s++)
		if (shown[s])
			hp_buf_printf(&b, " %s |", hp_state_name((enum hp_state)s));
	hp_buf_puts(&b, " Best | Best trial |");
	if (base)
		hp_buf_puts(&b, " Trials change | Best change |");
	hp_buf_puts(&b, "\n|---|--:|");
	for (int s = 0; s < HP_STATE__COUNT; s++)
		if (shown[s])
			hp_buf_puts(&b, "--:|");
	hp_buf_puts(&b, "--:|--:|");
	if (base)
		hp_buf_puts(&b, "--:|--:|");
	hp_buf_puts(&b, "\n");
	for (size_t i = 0; i < set->n; i++) {
		const struct hp_study *st = set->v[i];
		const struct base_study *bs = base_find(base, st->name);
		long bi = hp_study_best(st, 0);
		double now = bi >= 0 ? hp_study_value(st, (size_t)bi, 0) : NAN;

		hp_buf_puts(&b, "| ");
		if (subdirs) {
			hp_buf_puts(&b, "[");
			report_md_escape(&b, st->name);
			hp_buf_puts(&b, "](");
			tpl_escape_url(&b, subdirs[i]);
			hp_buf_puts(&b, "/index.html)");
		} else
			report_md_escape(&b, st->name);
		hp_buf_printf(&b, " | %zu |", st->ntrials);
		for (int s = 0; s < HP_STATE__COUNT; s++)
			if (shown[s])
				hp_buf_printf(&b, " %zu |", hp_study_count_state(st,
				    (enum hp_state)s));
		hp_buf_puts(&b, " ");
		add_num(&b, now);
		if (st->nobj > 1)
			hp_buf_puts(&b, " (objective 0)");
		hp_buf_puts(&b, " | ");
		if (bi >= 0)
			hp_buf_printf(&b, "%d", st->number[bi]);
		hp_buf_puts(&b, " |");
		if (base && bs) {
			hp_buf_puts(&b, " ");
			add_count_delta(&b, (double)st->ntrials, bs->ntrials);
			hp_buf_puts(&b, " | ");
			add_best_delta(&b, now, bs->nbest ? bs->best[0] : NAN, st->dir[0]);
			hp_buf_puts(&b, " |");
		} else if (base)
			hp_buf_puts(&b, " new | new |");
		hp_buf_puts(&b, "\n");
	}
	hp_buf_puts(&b, sections ? sections : "");
	rc = report_write_text(path, b.s, err);
	hp_buf_release(&b);
	return rc;
}
