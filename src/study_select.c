/*
 * study_select: the model's side of the trial selection of --trials,
 * --states and --best (struct hp_selection in study.h): parsing and
 * spelling the option values, and hp_study_subset, which copies some
 * trials of a finished study into a new finished study, column by column.
 * Which trials --best keeps is analysis (src/analysis/select.c), as it
 * ranks them by Pareto fronts and feasibility.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "hpreport/study.h"

void
hp_selection_init(struct hp_selection *sel)
{
	memset(sel, 0, sizeof(*sel));
	sel->objective = -1;
}

int
hp_selection_active(const struct hp_selection *sel)
{
	return sel->has_lo || sel->has_hi || sel->states != 0 || sel->best > 0;
}

/* The names of the states in the bit set `states`, in enum order, sep
 * between them. */
static void
put_states(struct hp_buf *b, unsigned states, const char *sep)
{
	const char *s = "";

	for (int i = 0; i < HP_STATE__COUNT; i++)
		if (states & (1u << i)) {
			hp_buf_printf(b, "%s%s", s, hp_state_name((enum hp_state)i));
			s = sep;
		}
}

/* A trial number of len characters at s: digits only, at most INT_MAX. */
static int
parse_number(const char *s, size_t len, long *out)
{
	long v = 0;

	if (len == 0 || len > 10)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	if (v > INT_MAX)
		return -1;
	*out = v;
	return 0;
}

int
hp_selection_parse_trials(struct hp_selection *sel, const char *s,
    struct hp_err *err)
{
	const char *colon = strchr(s, ':');
	long lo = 0, hi = 0;
	int has_lo, has_hi;

	if (colon == NULL) {
		/* one number: that trial alone */
		if (parse_number(s, strlen(s), &lo) < 0)
			goto bad;
		hi = lo;
		has_lo = has_hi = 1;
	} else {
		has_lo = colon > s;
		has_hi = colon[1] != '\0';
		if (!has_lo && !has_hi)
			goto bad;
		if ((has_lo && parse_number(s, (size_t)(colon - s), &lo) < 0) ||
		    (has_hi && parse_number(colon + 1, strlen(colon + 1), &hi) < 0))
			goto bad;
		if (has_lo && has_hi && lo > hi)
			return hp_err_set(err, "\"%.40s\": the first trial number is "
			    "greater than the last", s);
	}
	sel->has_lo = has_lo;
	sel->has_hi = has_hi;
	sel->lo = lo;
	sel->hi = hi;
	return 0;
bad:
	return hp_err_set(err, "expected FROM:TO, FROM:, :TO or N (trial numbers, "
	    "both ends included), got \"%.40s\"", s);
}

int
hp_selection_parse_states(struct hp_selection *sel, const char *s,
    struct hp_err *err)
{
	unsigned states = 0;
	const char *p = s;

	while (*p) {
		size_t len = strcspn(p, ",");
		int found = -1;

		for (int i = 0; len && i < HP_STATE__COUNT; i++) {
			const char *name = hp_state_name((enum hp_state)i);

			if (strlen(name) == len && g_ascii_strncasecmp(p, name, len) == 0)
				found = i;
		}
		if (len && found < 0)
			return hp_err_set(err, "unknown state \"%.*s\" (complete, pruned, "
			    "fail, running, waiting)", (int)(len < 40 ? len : 40), p);
		if (found >= 0)
			states |= 1u << found;
		p += len;
		if (*p == ',')
			p++;
	}
	if (states == 0)
		return hp_err_set(err, "expected a comma-separated list of states "
		    "(complete, pruned, fail, running, waiting)");
	sel->states = states;
	return 0;
}

int
hp_selection_parse_best(struct hp_selection *sel, const char *s,
    struct hp_err *err)
{
	size_t len = strlen(s);
	int percent = len > 0 && s[len - 1] == '%';
	char num[48];
	double v;
	long n;

	if (percent) {
		snprintf(num, sizeof(num), "%.*s", (int)(len - 1 < 47 ? len - 1 : 47), s);
		if (len - 1 > 0 && len - 1 < 47 && strspn(num, "0123456789.") == len - 1 &&
		    hp_parse_double(num, &v) == 0 && v > 0 && v <= 100) {
			sel->best = v;
			sel->best_percent = 1;
			return 0;
		}
		return hp_err_set(err, "expected a percentage above 0%% and up to "
		    "100%%, got \"%.40s\"", s);
	}
	if (parse_number(s, len, &n) < 0 || n < 1)
		return hp_err_set(err, "expected a number of trials (1 or more) or a "
		    "percentage (10%%), got \"%.40s\"", s);
	sel->best = (double)n;
	sel->best_percent = 0;
	return 0;
}

char *
hp_selection_format(const struct hp_selection *sel, char *buf, size_t n)
{
	struct hp_buf b;
	char num[40];

	hp_buf_init(&b);
	hp_buf_puts(&b, "");
	if (sel->has_lo || sel->has_hi) {
		if (sel->has_lo && sel->has_hi && sel->lo == sel->hi)
			hp_buf_printf(&b, "--trials %ld", sel->lo);
		else {
			hp_buf_puts(&b, "--trials ");
			if (sel->has_lo)
				hp_buf_printf(&b, "%ld", sel->lo);
			hp_buf_puts(&b, ":");
			if (sel->has_hi)
				hp_buf_printf(&b, "%ld", sel->hi);
		}
	}
	if (sel->states) {
		hp_buf_puts(&b, b.len ? " --states " : "--states ");
		put_states(&b, sel->states, ",");
	}
	if (sel->best > 0)
		hp_buf_printf(&b, "%s--best %s%s", b.len ? " " : "",
		    hp_fmt_double(num, sizeof(num), sel->best), sel->best_percent ? "%" : "");
	snprintf(buf, n, "%s", b.s);
	hp_buf_release(&b);
	return buf;
}

char *
hp_selection_describe(const struct hp_selection *sel, char *buf, size_t n)
{
	struct hp_buf b;
	char num[40];

	hp_buf_init(&b);
	hp_buf_puts(&b, "");
	if (sel->has_lo && sel->has_hi && sel->lo == sel->hi)
		hp_buf_printf(&b, "number %ld", sel->lo);
	else if (sel->has_lo && sel->has_hi)
		hp_buf_printf(&b, "numbers %ld to %ld", sel->lo, sel->hi);
	else if (sel->has_lo)
		hp_buf_printf(&b, "numbers from %ld", sel->lo);
	else if (sel->has_hi)
		hp_buf_printf(&b, "numbers up to %ld", sel->hi);
	if (sel->states) {
		int many = (sel->states & (sel->states - 1)) != 0;

		hp_buf_puts(&b, b.len ? "; " : "");
		hp_buf_puts(&b, many ? "states " : "state ");
		put_states(&b, sel->states, ", ");
	}
	if (sel->best > 0)
		hp_buf_printf(&b, "%sthe best %s%s", b.len ? "; " : "",
		    hp_fmt_double(num, sizeof(num), sel->best), sel->best_percent ? "%" : "");
	snprintf(buf, n, "%s", b.s);
	hp_buf_release(&b);
	return buf;
}

/* A count with thousands separators: 2,000. */
static char *
fmt_count(char *buf, size_t n, size_t v)
{
	char digits[32];
	size_t len, o = 0;

	snprintf(digits, sizeof(digits), "%zu", v);
	len = strlen(digits);
	for (size_t i = 0; i < len && o + 2 < n; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

/* --- the copy ----------------------------------------------------------- */

struct hp_study *
hp_study_subset(const struct hp_study *st, const unsigned char *keep,
    const struct hp_selection *sel)
{
	size_t n = st->ntrials, m = 0, nobj = st->nobj, niv = 0, ncv = 0, na = 0;
	size_t *idx, *newidx;
	struct hp_study *o;
	char spec[256], a[32], b[32];

	idx = hp_calloc(n ? n : 1, sizeof(size_t));
	newidx = hp_calloc(n ? n : 1, sizeof(size_t));
	for (size_t t = 0; t < n; t++) {
		newidx[t] = HP_NO_TRIAL;
		if (keep[t]) {
			newidx[t] = m;
			idx[m++] = t;
		}
	}

	o = hp_calloc(1, sizeof(*o));
	o->name = hp_strdup(st->name);
	o->nobj = nobj;
	o->dir = hp_reallocarray(NULL, nobj, sizeof(*o->dir));
	memcpy(o->dir, st->dir, nobj * sizeof(*o->dir));
	o->objname = hp_calloc(nobj, sizeof(*o->objname));
	for (size_t k = 0; k < nobj; k++)
		o->objname[k] = st->objname[k] ? hp_strdup(st->objname[k]) : NULL;

	o->ntrials = m;
	o->number = hp_reallocarray(NULL, m ? m : 1, sizeof(int));
	o->state = hp_reallocarray(NULL, m ? m : 1, sizeof(*o->state));
	o->value = hp_reallocarray(NULL, (m ? m : 1) * nobj, sizeof(double));
	o->t_start = hp_reallocarray(NULL, m ? m : 1, sizeof(double));
	o->t_end = hp_reallocarray(NULL, m ? m : 1, sizeof(double));
	o->iv_off = hp_calloc(m + 1, sizeof(size_t));
	o->con_set = hp_calloc(m ? m : 1, 1);
	o->con_off = hp_calloc(m + 1, sizeof(size_t));
	for (size_t i = 0; i < m; i++) {
		size_t t = idx[i];

		o->number[i] = st->number[t];
		o->state[i] = st->state[t];
		memcpy(o->value + i * nobj, st->value + t * nobj, nobj * sizeof(double));
		o->t_start[i] = st->t_start[t];
		o->t_end[i] = st->t_end[t];
		niv += st->iv_off[t + 1] - st->iv_off[t];
		o->iv_off[i + 1] = niv;
		o->con_set[i] = st->con_set && st->con_set[t];
		if (st->con_off)
			ncv += st->con_off[t + 1] - st->con_off[t];
		o->con_off[i + 1] = ncv;
	}
	o->iv_step = hp_reallocarray(NULL, niv ? niv : 1, sizeof(double));
	o->iv_value = hp_reallocarray(NULL, niv ? niv : 1, sizeof(double));
	o->con_value = hp_reallocarray(NULL, ncv ? ncv : 1, sizeof(double));
	for (size_t i = 0; i < m; i++) {
		size_t t = idx[i], c;

		c = st->iv_off[t + 1] - st->iv_off[t];
		memcpy(o->iv_step + o->iv_off[i], st->iv_step + st->iv_off[t], c * sizeof(double));
		memcpy(o->iv_value + o->iv_off[i], st->iv_value + st->iv_off[t],
		    c * sizeof(double));
		if (st->con_off) {
			c = st->con_off[t + 1] - st->con_off[t];
			memcpy(o->con_value + o->con_off[i], st->con_value + st->con_off[t],
			    c * sizeof(double));
		}
	}

	/* the params some kept trial has, with the study's whole distribution */
	o->params = hp_calloc(st->nparams ? st->nparams : 1, sizeof(*o->params));
	for (size_t p = 0; p < st->nparams; p++) {
		const struct hp_param *sp = &st->params[p];
		struct hp_param *op = &o->params[o->nparams];
		size_t present = 0;

		for (size_t i = 0; i < m; i++)
			present += !isnan(sp->v[idx[i]]);
		if (present == 0)
			continue;
		op->name = hp_strdup(sp->name);
		hp_dist_copy(&op->dist, &sp->dist);
		op->inferred = sp->inferred;
		op->v = hp_reallocarray(NULL, m, sizeof(double));
		for (size_t i = 0; i < m; i++)
			op->v[i] = sp->v[idx[i]];
		o->nparams++;
	}

	/* attributes of the study and of kept trials: still in their order,
	 * as the trial indices map in ascending order */
	o->attrs = hp_calloc(st->nattrs ? st->nattrs : 1, sizeof(*o->attrs));
	for (size_t i = 0; i < st->nattrs; i++) {
		const struct hp_attr *sa = &st->attrs[i];

		if (sa->trial != HP_NO_TRIAL && newidx[sa->trial] == HP_NO_TRIAL)
			continue;
		o->attrs[na].trial = sa->trial == HP_NO_TRIAL ? HP_NO_TRIAL : newidx[sa->trial];
		o->attrs[na].system = sa->system;
		o->attrs[na].key = hp_strdup(sa->key);
		o->attrs[na].json = hp_strdup(sa->json);
		na++;
	}
	o->nattrs = na;
	o->notes = hp_calloc(st->nnotes ? st->nnotes : 1, sizeof(char *));
	for (size_t i = 0; i < st->nnotes; i++)
		o->notes[i] = hp_strdup(st->notes[i]);
	o->nnotes = st->nnotes;
	/* a study retargeted before it was selected stays retargeted */
	o->target = st->target ? hp_strdup(st->target) : NULL;
	o->target_note = st->target_note ? hp_strdup(st->target_note) : NULL;

	o->selected = 1;
	o->selection = *sel;
	o->ntrials_input = n;
	o->selection_note = hp_sprintf("%s of %s trials selected (%s)",
	    fmt_count(a, sizeof(a), m), fmt_count(b, sizeof(b), n),
	    hp_selection_format(sel, spec, sizeof(spec)));
	o->selection_words = hp_sprintf("%s of %s trials selected (%s)", a, b,
	    hp_selection_describe(sel, spec, sizeof(spec)));
	free(idx);
	free(newidx);
	return o;
}
