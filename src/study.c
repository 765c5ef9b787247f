/*
 * study: the trial-history model (see study.h for the layout and the
 * NaN/inf policy).  While a loader builds a study, trials are appended in
 * any order and extra state lives in struct hp_study_build: capacities,
 * intermediate values as (trial, step, value) triples, and params given
 * only as text.  hp_study_finish() sorts everything into its final
 * columnar form and frees the builder.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "hpreport/study.h"

struct iv_triple {
	size_t	 trial;
	double	 step;
	double	 value;
	size_t	 seq;		/* insertion order: a later report of a step wins */
};

struct text_param {
	char	*name;
	char	**text;		/* [cap] per trial, NULL = absent */
};

struct con_list {
	size_t	 trial;
	size_t	 off;		/* first value in hp_study_build.conv */
	size_t	 n;
	size_t	 seq;		/* call order: a later list of a trial wins */
};

/* Names to column indices while building: open addressing, index + 1 per
 * slot (0 = empty), at most half full -- a study of 10^5 params is built
 * in linear time, not by a search per param per trial. */
struct name_hash {
	size_t	*slot;		/* [cap] */
	size_t	 cap;		/* a power of two, or 0 */
	size_t	 n;
};

struct hp_study_build {
	size_t		 cap;		/* trial capacity of every column */
	struct name_hash pnames;	/* st->params by name */
	struct name_hash tnames;	/* tp by name */
	size_t		 capparams;	/* st->params allocated */
	size_t		 captp;		/* tp allocated */
	struct iv_triple *iv;
	size_t		 niv, capiv;
	size_t		 capattrs;
	struct text_param *tp;
	size_t		 ntp;
	size_t		 phint;		/* last param column looked up */
	struct con_list	*con;		/* constraint lists as given */
	size_t		 ncon, capcon;
	double		*conv;		/* their values */
	size_t		 nconv, capconv;
};

static size_t
name_hash_of(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;	/* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return (size_t)(h ^ (h >> 32));
}

/* The slot of `name` in h: where it is, or the empty slot where it goes;
 * name_at(ctx, i) is the name of index i. */
static size_t *
name_slot(const struct name_hash *h, const char *name,
    const char *(*name_at)(const void *, size_t), const void *ctx)
{
	size_t i = name_hash_of(name) & (h->cap - 1);

	while (h->slot[i] != 0 && strcmp(name_at(ctx, h->slot[i] - 1), name) != 0)
		i = (i + 1) & (h->cap - 1);
	return &h->slot[i];
}

/* Index of `name` in h, or -1. */
static long
name_find(const struct name_hash *h, const char *name,
    const char *(*name_at)(const void *, size_t), const void *ctx)
{
	if (h->cap == 0)
		return -1;
	return (long)*name_slot(h, name, name_at, ctx) - 1;
}

/* Records index i under `name` (not yet in h). */
static void
name_add(struct name_hash *h, const char *name, size_t i,
    const char *(*name_at)(const void *, size_t), const void *ctx)
{
	if (2 * (h->n + 1) > h->cap) {
		struct name_hash g = { NULL, h->cap ? 2 * h->cap : 64, 0 };

		g.slot = hp_calloc(g.cap, sizeof(size_t));
		for (size_t j = 0; j < h->cap; j++)
			if (h->slot[j] != 0)
				*name_slot(&g, name_at(ctx, h->slot[j] - 1), name_at,
				    ctx) = h->slot[j];
		g.n = h->n;
		free(h->slot);
		*h = g;
	}
	*name_slot(h, name, name_at, ctx) = i + 1;
	h->n++;
}

static const char *
param_name_at(const void *ctx, size_t i)
{
	return ((const struct hp_study *)ctx)->params[i].name;
}

static const char *
text_name_at(const void *ctx, size_t i)
{
	return ((const struct hp_study_build *)ctx)->tp[i].name;
}

static const char *const state_names[HP_STATE__COUNT] = {
	"RUNNING", "COMPLETE", "PRUNED", "FAIL", "WAITING"
};

const char *
hp_state_name(enum hp_state s)
{
	return (unsigned)s < HP_STATE__COUNT ? state_names[s] : "UNKNOWN";
}

int
hp_state_parse(const char *s, enum hp_state *out)
{
	for (int i = 0; i < HP_STATE__COUNT; i++)
		if (strcmp(s, state_names[i]) == 0) {
			*out = (enum hp_state)i;
			return 0;
		}
	return -1;
}

const char *
hp_direction_name(enum hp_direction d)
{
	switch (d) {
	case HP_DIR_MINIMIZE:
		return "minimize";
	case HP_DIR_MAXIMIZE:
		return "maximize";
	default:
		return "not set";
	}
}

char *
hp_choice_label(const struct hp_choice *c, char *buf, size_t n)
{
	switch (c->kind) {
	case HP_CHOICE_NULL:
		snprintf(buf, n, "None");
		break;
	case HP_CHOICE_BOOL:
		snprintf(buf, n, "%s", c->num != 0 ? "True" : "False");
		break;
	case HP_CHOICE_INT:
		snprintf(buf, n, "%.0f", c->num);
		break;
	case HP_CHOICE_FLOAT:
		hp_fmt_double(buf, n, c->num);
		/* Python prints floats with a point: 2.0, not 2 */
		if (strspn(buf, "-0123456789") == strlen(buf) && strlen(buf) + 2 < n)
			strcat(buf, ".0");
		break;
	case HP_CHOICE_STRING:
		snprintf(buf, n, "%s", c->str ? c->str : "");
		break;
	}
	return buf;
}

int
hp_choice_equal(const struct hp_choice *a, const struct hp_choice *b)
{
	if (a->kind != b->kind)
		return 0;
	if (a->kind == HP_CHOICE_STRING)
		return strcmp(a->str, b->str) == 0;
	if (a->kind == HP_CHOICE_NULL)
		return 1;
	return a->num == b->num || (isnan(a->num) && isnan(b->num));
}

void
hp_dist_release(struct hp_dist *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->nchoices; i++)
		free(d->choices[i].str);
	free(d->choices);
	d->choices = NULL;
	d->nchoices = 0;
}

void
hp_dist_copy(struct hp_dist *dst, const struct hp_dist *src)
{
	*dst = *src;
	dst->choices = NULL;
	if (src->nchoices == 0)
		return;
	dst->choices = hp_calloc(src->nchoices, sizeof(*dst->choices));
	for (size_t i = 0; i < src->nchoices; i++) {
		dst->choices[i] = src->choices[i];
		dst->choices[i].str = hp_strdup(src->choices[i].str);
	}
}

char *
hp_param_format(const struct hp_param *p, double v, char *buf, size_t n)
{
	if (isnan(v)) {
		snprintf(buf, n, "%s", "");
		return buf;
	}
	switch (p->dist.kind) {
	case HP_DIST_CATEGORICAL: {
		size_t i = (size_t)v;

		if (v >= 0 && i < p->dist.nchoices)
			return hp_choice_label(&p->dist.choices[i], buf, n);
		snprintf(buf, n, "?");
		return buf;
	}
	case HP_DIST_INT:
		/* range first: no UB; -0 stays "-0" as printf has it */
		if (fabs(v) < 1e15 && v == (double)(long long)v &&
		    !(v == 0 && signbit(v)))
			return hp_fmt_int(buf, n, (long long)v);
		snprintf(buf, n, "%.0f", v);
		return buf;
	default:
		return hp_fmt_double(buf, n, v);
	}
}

/* --- building ---------------------------------------------------------- */

struct hp_study *
hp_study_new(const char *name)
{
	struct hp_study *st = hp_calloc(1, sizeof(*st));

	st->name = hp_strdup(name ? name : "");
	st->build = hp_calloc(1, sizeof(*st->build));
	return st;
}

static void
set_nobj(struct hp_study *st, size_t nobj)
{
	size_t old = st->nobj;

	if (nobj <= old)
		return;
	st->dir = hp_reallocarray(st->dir, nobj, sizeof(*st->dir));
	st->objname = hp_reallocarray(st->objname, nobj, sizeof(*st->objname));
	for (size_t k = old; k < nobj; k++) {
		st->dir[k] = HP_DIR_NOT_SET;
		st->objname[k] = NULL;
	}
	if (st->build && st->build->cap) {
		double *nv = hp_reallocarray(NULL, st->build->cap * nobj, sizeof(double));

		for (size_t t = 0; t < st->build->cap; t++)
			for (size_t k = 0; k < nobj; k++)
				nv[t * nobj + k] = k < old && t < st->ntrials ?
				    st->value[t * old + k] : NAN;
		free(st->value);
		st->value = nv;
	}
	st->nobj = nobj;
}

void
hp_study_set_directions(struct hp_study *st, size_t nobj, const enum hp_direction *dir)
{
	set_nobj(st, nobj);
	for (size_t k = 0; k < nobj; k++)
		st->dir[k] = dir[k];
}

void
hp_study_set_objective_name(struct hp_study *st, size_t k, const char *name)
{
	set_nobj(st, k + 1);
	free(st->objname[k]);
	st->objname[k] = hp_strdup(name);
}

size_t
hp_study_add_trial(struct hp_study *st, int number, enum hp_state state)
{
	struct hp_study_build *b = st->build;
	size_t t = st->ntrials, oldcap = b->cap;

	if (t == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64, nobj = st->nobj ? st->nobj : 1;

		st->number = hp_reallocarray(st->number, cap, sizeof(int));
		st->state = hp_reallocarray(st->state, cap, sizeof(*st->state));
		st->value = hp_reallocarray(st->value, cap * nobj, sizeof(double));
		st->t_start = hp_reallocarray(st->t_start, cap, sizeof(double));
		st->t_end = hp_reallocarray(st->t_end, cap, sizeof(double));
		for (size_t i = 0; i < st->nparams; i++)
			st->params[i].v = hp_reallocarray(st->params[i].v, cap, sizeof(double));
		for (size_t i = 0; i < b->ntp; i++) {
			b->tp[i].text = hp_reallocarray(b->tp[i].text, cap, sizeof(char *));
			memset(b->tp[i].text + oldcap, 0, (cap - oldcap) * sizeof(char *));
		}
		if (st->nobj == 0)
			set_nobj(st, 1);
		b->cap = cap;
	}
	st->number[t] = number;
	st->state[t] = state;
	for (size_t k = 0; k < st->nobj; k++)
		st->value[t * st->nobj + k] = NAN;
	st->t_start[t] = st->t_end[t] = NAN;
	for (size_t i = 0; i < st->nparams; i++)
		st->params[i].v[t] = NAN;
	st->ntrials++;
	return t;
}

void
hp_study_set_value(struct hp_study *st, size_t t, size_t k, double v)
{
	set_nobj(st, k + 1);
	st->value[t * st->nobj + k] = v;
}

void
hp_study_set_state(struct hp_study *st, size_t t, enum hp_state state)
{
	st->state[t] = state;
}

void
hp_study_set_times(struct hp_study *st, size_t t, double start, double end)
{
	st->t_start[t] = start;
	st->t_end[t] = end;
}

/*
 * A column created during building has inferred == -1 until the first
 * trial gives it a distribution; a finished study only has 0 or 1.
 */
static struct hp_param *
param_column(struct hp_study *st, const char *name)
{
	struct hp_param *p;
	size_t *hint = &st->build->phint;

	/* loaders give a trial's params in the same order trial after trial:
	 * try the last column and the one after it before searching */
	for (size_t k = 0; k < 2 && st->nparams; k++) {
		size_t i = (*hint + k) % st->nparams;

		if (strcmp(st->params[i].name, name) == 0) {
			*hint = i;
			return &st->params[i];
		}
	}
	{
		long i = name_find(&st->build->pnames, name, param_name_at, st);

		if (i >= 0) {
			*hint = (size_t)i;
			return &st->params[i];
		}
	}
	*hint = st->nparams;
	/* doubling: one realloc per param copied 40000 params 40000 times */
	hp_grow(&st->params, &st->build->capparams, st->nparams + 1, sizeof(*st->params));
	p = &st->params[st->nparams++];
	memset(p, 0, sizeof(*p));
	p->name = hp_strdup(name);
	name_add(&st->build->pnames, name, st->nparams - 1, param_name_at, st);
	p->inferred = -1;
	p->v = hp_reallocarray(NULL, st->build->cap ? st->build->cap : 1, sizeof(double));
	for (size_t t = 0; t < st->build->cap; t++)
		p->v[t] = NAN;
	return p;
}

static const char *
dist_kind_name(enum hp_dist_kind k)
{
	return k == HP_DIST_FLOAT ? "float" : k == HP_DIST_INT ? "int" : "categorical";
}

int
hp_study_set_param(struct hp_study *st, size_t t, const char *name,
    const struct hp_dist *dist, double internal, struct hp_err *err)
{
	struct hp_param *p = param_column(st, name);
	struct hp_dist *d = &p->dist;

	if (p->inferred == -1) {
		hp_dist_copy(d, dist);
		p->inferred = 0;
	} else if (d->kind != dist->kind)
		return hp_err_set(err, "param \"%.100s\" changes from %s to %s", name,
		    dist_kind_name(d->kind), dist_kind_name(dist->kind));
	if (dist->kind == HP_DIST_CATEGORICAL) {
		size_t i, j;

		/* range first: converting a negative or huge double is undefined */
		if (!(internal >= 0) || internal != floor(internal) ||
		    !(internal < (double)dist->nchoices))
			return hp_err_set(err, "param \"%.100s\": choice index %g out of range",
			    name, internal);
		i = (size_t)internal;
		for (j = 0; j < d->nchoices; j++)
			if (hp_choice_equal(&d->choices[j], &dist->choices[i]))
				break;
		if (j == d->nchoices) {
			d->choices = hp_reallocarray(d->choices, j + 1, sizeof(*d->choices));
			d->choices[j] = dist->choices[i];
			d->choices[j].str = hp_strdup(dist->choices[i].str);
			d->nchoices++;
		}
		internal = (double)j;
	} else {
		if (dist->low < d->low)
			d->low = dist->low;
		if (dist->high > d->high)
			d->high = dist->high;
		d->log = d->log && dist->log;
		if (dist->step != d->step)
			d->step = dist->kind == HP_DIST_INT ? 1 : 0;
	}
	p->v[t] = internal;
	return 0;
}

void
hp_study_set_param_text(struct hp_study *st, size_t t, const char *name,
    const char *text)
{
	struct hp_study_build *b = st->build;
	struct text_param *tp = NULL;

	if (text == NULL || *text == '\0')
		return;
	{
		long i = name_find(&b->tnames, name, text_name_at, b);

		if (i >= 0)
			tp = &b->tp[i];
	}
	if (tp == NULL) {
		hp_grow(&b->tp, &b->captp, b->ntp + 1, sizeof(*b->tp));
		tp = &b->tp[b->ntp++];
		tp->name = hp_strdup(name);
		tp->text = hp_calloc(b->cap ? b->cap : 1, sizeof(char *));
		name_add(&b->tnames, name, b->ntp - 1, text_name_at, b);
	}
	free(tp->text[t]);
	tp->text[t] = hp_strdup(text);
}

void
hp_study_add_intermediate(struct hp_study *st, size_t t, double step, double value)
{
	struct hp_study_build *b = st->build;

	hp_grow(&b->iv, &b->capiv, b->niv + 1, sizeof(*b->iv));
	b->iv[b->niv] = (struct iv_triple){ t, step, value, b->niv };
	b->niv++;
}

void
hp_study_add_attr(struct hp_study *st, size_t t, int system, const char *key,
    const char *json)
{
	struct hp_attr *a;

	hp_grow(&st->attrs, &st->build->capattrs, st->nattrs + 1, sizeof(*st->attrs));
	a = &st->attrs[st->nattrs++];
	a->trial = t;
	a->system = system;
	a->key = hp_strdup(key);
	a->json = hp_strdup(json);
}

void
hp_study_set_constraints(struct hp_study *st, size_t t, const double *v, size_t n)
{
	struct hp_study_build *b = st->build;

	hp_grow(&b->con, &b->capcon, b->ncon + 1, sizeof(*b->con));
	b->con[b->ncon] = (struct con_list){ t, b->nconv, n, b->ncon };
	b->ncon++;
	hp_grow(&b->conv, &b->capconv, b->nconv + n + 1, sizeof(*b->conv));
	if (n)
		memcpy(b->conv + b->nconv, v, n * sizeof(*v));
	b->nconv += n;
}

void
hp_study_add_note(struct hp_study *st, const char *fmt, ...)
{
	va_list ap;

	st->notes = hp_reallocarray(st->notes, st->nnotes + 1, sizeof(char *));
	va_start(ap, fmt);
	st->notes[st->nnotes++] = hp_vsprintf(fmt, ap);
	va_end(ap);
}

/* --- finishing --------------------------------------------------------- */

static const int *sort_numbers;		/* qsort has no context argument */

static int
cmp_by_number(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int x = sort_numbers[i], y = sort_numbers[j];

	if (x != y)
		return x < y ? -1 : 1;
	return i < j ? -1 : i > j;
}

static int
cmp_iv(const void *a, const void *b)
{
	const struct iv_triple *x = a, *y = b;

	if (x->trial != y->trial)
		return x->trial < y->trial ? -1 : 1;
	if (x->step != y->step)
		return x->step < y->step ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
cmp_con(const void *a, const void *b)
{
	const struct con_list *x = a, *y = b;

	if (x->trial != y->trial)
		return x->trial < y->trial ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Lays the constraint lists out by trial, the last list of a trial winning. */
static void
finish_constraints(struct hp_study *st)
{
	struct hp_study_build *b = st->build;
	size_t n = st->ntrials, m = 0;

	if (b->ncon > 1)
		qsort(b->con, b->ncon, sizeof(*b->con), cmp_con);
	st->con_set = hp_calloc(n ? n : 1, 1);
	st->con_off = hp_calloc(n + 1, sizeof(size_t));
	st->con_value = hp_reallocarray(NULL, b->nconv ? b->nconv : 1, sizeof(double));
	for (size_t i = 0; i < b->ncon; i++) {
		const struct con_list *c = &b->con[i];

		if (i + 1 < b->ncon && b->con[i + 1].trial == c->trial)
			continue;
		st->con_set[c->trial] = 1;
		st->con_off[c->trial + 1] = c->n;
		memcpy(st->con_value + m, b->conv + c->off, c->n * sizeof(double));
		m += c->n;
	}
	for (size_t t = 0; t < n; t++)
		st->con_off[t + 1] += st->con_off[t];
	free(b->con);
	free(b->conv);
}

static int
cmp_param(const void *a, const void *b)
{
	return strcmp(((const struct hp_param *)a)->name, ((const struct hp_param *)b)->name);
}

/*
 * The policy of study.h: a float or int param value of +-inf is no value a
 * distribution holds (Optuna cannot sample one; a hand-edited database
 * can store one): it is taken as absent, and a note names the param, how
 * many and the first trial.  Once here, so that no figure meets one.
 */
static void
infinite_params(struct hp_study *st)
{
	for (size_t i = 0; i < st->nparams; i++) {
		struct hp_param *p = &st->params[i];
		size_t n = 0;
		int first = 0;

		if (p->dist.kind == HP_DIST_CATEGORICAL)
			continue;
		for (size_t t = 0; t < st->ntrials; t++)
			if (isinf(p->v[t])) {
				if (n++ == 0)
					first = st->number[t];
				p->v[t] = NAN;
			}
		if (n)
			hp_study_add_note(st, "param \"%s\": %zu value%s of +-inf (first in "
			    "trial %d) taken as absent: a distribution holds finite "
			    "values only", p->name, n, n == 1 ? "" : "s", first);
	}
}

static int
cmp_attr(const void *a, const void *b)
{
	const struct hp_attr *x = a, *y = b;
	size_t tx = x->trial + 1, ty = y->trial + 1;	/* HP_NO_TRIAL first */

	if (tx != ty)
		return tx < ty ? -1 : 1;
	if (x->system != y->system)
		return x->system - y->system;
	return strcmp(x->key, y->key);
}

#define PERMUTE(type, arr, stride) do {					\
	type *tmp_ = hp_reallocarray(NULL, n * (stride), sizeof(type));	\
	for (size_t i_ = 0; i_ < n; i_++)					\
		memcpy(tmp_ + i_ * (stride), (arr) + perm[i_] * (stride),	\
		    (stride) * sizeof(type));					\
	free(arr);							\
	(arr) = tmp_;							\
} while (0)

/* Infers the distribution of a param given as text; see study.h. */
static void
infer_param(struct hp_study *st, struct text_param *tp)
{
	size_t n = st->ntrials, nnum = 0, npresent = 0;
	int allint = 1;
	double lo = INFINITY, hi = -INFINITY, v;
	struct hp_param *p;
	struct hp_err err;

	for (size_t t = 0; t < n; t++) {
		if (tp->text[t] == NULL)
			continue;
		npresent++;
		if (hp_parse_double(tp->text[t], &v) == 0 && isfinite(v)) {
			nnum++;
			allint &= v == floor(v) && fabs(v) < 9007199254740992.0;
			lo = v < lo ? v : lo;
			hi = v > hi ? v : hi;
		}
	}
	if (npresent == 0)
		return;
	if (nnum == npresent) {
		struct hp_dist d = { .kind = allint ? HP_DIST_INT : HP_DIST_FLOAT,
		    .low = lo, .high = hi, .step = allint ? 1 : 0 };

		d.log = lo > 0 && hi / lo >= 100;
		for (size_t t = 0; t < n; t++)
			if (tp->text[t] && hp_parse_double(tp->text[t], &v) == 0)
				hp_study_set_param(st, t, tp->name, &d, v, &err);
		hp_study_add_note(st, "param \"%s\": no distribution stored; inferred %s%s "
		    "from %zu value%s", tp->name, allint ? "int" : "float",
		    d.log ? " on a log scale" : "", npresent, npresent == 1 ? "" : "s");
	} else {
		struct hp_dist d = { .kind = HP_DIST_CATEGORICAL };
		struct hp_choice c = { .kind = HP_CHOICE_STRING };

		d.choices = &c;
		d.nchoices = 1;
		for (size_t t = 0; t < n; t++)
			if (tp->text[t]) {
				c.str = tp->text[t];
				hp_study_set_param(st, t, tp->name, &d, 0, &err);
			}
		p = param_column(st, tp->name);
		hp_study_add_note(st, "param \"%s\": no distribution stored; inferred "
		    "categorical with %zu choices", tp->name, p->dist.nchoices);
	}
	p = param_column(st, tp->name);
	p->inferred = 1;
}

/* Replaces *s by valid UTF-8 (each invalid byte sequence becomes U+FFFD)
 * when it is not; returns 1 when it was replaced. */
static int
make_valid(char **s)
{
	char *v;

	if (*s == NULL || g_utf8_validate(*s, -1, NULL))
		return 0;
	v = g_utf8_make_valid(*s, -1);
	free(*s);
	*s = hp_strdup(v);
	g_free(v);
	return 1;
}

/* Every text of a study is checked once, here, so that no figure, page or
 * file gets bytes that are not UTF-8 (Pango, XML and JSON need it). */
static void
validate_text(struct hp_study *st)
{
	size_t bad = make_valid(&st->name);

	for (size_t k = 0; st->objname && k < st->nobj; k++)
		bad += make_valid(&st->objname[k]);
	for (size_t i = 0; i < st->nparams; i++) {
		struct hp_dist *d = &st->params[i].dist;

		bad += make_valid(&st->params[i].name);
		for (size_t c = 0; c < d->nchoices; c++)
			bad += make_valid(&d->choices[c].str);
	}
	for (size_t i = 0; i < st->nattrs; i++)
		bad += make_valid(&st->attrs[i].key) + make_valid(&st->attrs[i].json);
	for (size_t i = 0; i < st->nnotes; i++)
		bad += make_valid(&st->notes[i]);
	if (bad)
		hp_study_add_note(st, "%zu name%s or text%s not valid UTF-8: each invalid "
		    "byte sequence is shown as \xef\xbf\xbd", bad, bad == 1 ? "" : "s",
		    bad == 1 ? " was" : "s were");
}

int
hp_study_finish(struct hp_study *st, struct hp_err *err)
{
	struct hp_study_build *b = st->build;
	size_t n = st->ntrials, *perm, *inv, nobj;
	int rc = 0;

	if (b == NULL)
		return 0;
	if (st->nobj == 0)
		set_nobj(st, 1);
	nobj = st->nobj;
	for (size_t k = 0; k < nobj; k++)
		if (st->dir[k] == HP_DIR_NOT_SET)
			st->dir[k] = HP_DIR_MINIMIZE;

	perm = hp_reallocarray(NULL, n ? n : 1, sizeof(size_t));
	inv = hp_reallocarray(NULL, n ? n : 1, sizeof(size_t));
	for (size_t i = 0; i < n; i++)
		perm[i] = i;
	sort_numbers = st->number;
	if (n > 1)
		qsort(perm, n, sizeof(size_t), cmp_by_number);
	for (size_t i = 0; i + 1 < n; i++)
		if (st->number[perm[i]] == st->number[perm[i + 1]]) {
			rc = hp_err_set(err, "duplicate trial number %d", st->number[perm[i]]);
			break;
		}
	for (size_t i = 0; i < n; i++)
		inv[perm[i]] = i;
	if (n) {
		PERMUTE(int, st->number, 1);
		PERMUTE(enum hp_state, st->state, 1);
		PERMUTE(double, st->value, nobj);
		PERMUTE(double, st->t_start, 1);
		PERMUTE(double, st->t_end, 1);
		for (size_t i = 0; i < st->nparams; i++)
			PERMUTE(double, st->params[i].v, 1);
		for (size_t i = 0; i < b->ntp; i++)
			PERMUTE(char *, b->tp[i].text, 1);
	}
	for (size_t i = 0; i < b->niv; i++)
		b->iv[i].trial = inv[b->iv[i].trial];
	for (size_t i = 0; i < b->ncon; i++)
		b->con[i].trial = inv[b->con[i].trial];
	for (size_t i = 0; i < st->nattrs; i++)
		if (st->attrs[i].trial != HP_NO_TRIAL)
			st->attrs[i].trial = inv[st->attrs[i].trial];
	free(perm);
	free(inv);
	b->cap = n;	/* columns now hold exactly n trials */

	for (size_t i = 0; i < b->ntp; i++) {
		if (hp_study_param_index(st, b->tp[i].name) < 0)
			infer_param(st, &b->tp[i]);
		for (size_t t = 0; t < n; t++)
			free(b->tp[i].text[t]);
		free(b->tp[i].text);
		free(b->tp[i].name);
	}
	free(b->tp);
	for (size_t i = 0; i < st->nparams; i++)
		if (st->params[i].inferred < 0)
			st->params[i].inferred = 0;
	validate_text(st);
	/* qsort of a NULL array is undefined even with no elements */
	if (st->nparams > 1)
		qsort(st->params, st->nparams, sizeof(*st->params), cmp_param);
	/* names were distinct as given; two that differ only in bytes that are
	 * not UTF-8 are the same once those read U+FFFD, and would be one
	 * column twice, so that is an error rather than a silent merge */
	for (size_t i = 0; rc == 0 && i + 1 < st->nparams; i++)
		if (strcmp(st->params[i].name, st->params[i + 1].name) == 0)
			rc = hp_err_set(err, "params \"%.100s\": two names that differ "
			    "only in bytes that are not UTF-8", st->params[i].name);
	infinite_params(st);

	/* intermediate values: sorted by trial and step, the last report of a step wins */
	if (b->niv > 1)
		qsort(b->iv, b->niv, sizeof(*b->iv), cmp_iv);
	st->iv_off = hp_calloc(n + 1, sizeof(size_t));
	st->iv_step = hp_reallocarray(NULL, b->niv ? b->niv : 1, sizeof(double));
	st->iv_value = hp_reallocarray(NULL, b->niv ? b->niv : 1, sizeof(double));
	size_t m = 0;
	for (size_t i = 0; i < b->niv; i++) {
		if (i + 1 < b->niv && b->iv[i + 1].trial == b->iv[i].trial &&
		    b->iv[i + 1].step == b->iv[i].step)
			continue;
		st->iv_step[m] = b->iv[i].step;
		st->iv_value[m] = b->iv[i].value;
		st->iv_off[b->iv[i].trial + 1]++;
		m++;
	}
	for (size_t t = 0; t < n; t++)
		st->iv_off[t + 1] += st->iv_off[t];
	free(b->iv);
	free(b->pnames.slot);
	free(b->tnames.slot);
	finish_constraints(st);

	if (st->nattrs > 1)
		qsort(st->attrs, st->nattrs, sizeof(*st->attrs), cmp_attr);
	free(b);
	st->build = NULL;
	return rc;
}

void
hp_study_free(struct hp_study *st)
{
	if (st == NULL)
		return;
	if (st->build) {
		struct hp_study_build *b = st->build;

		for (size_t i = 0; i < b->ntp; i++) {
			for (size_t t = 0; t < b->cap; t++)
				free(b->tp[i].text[t]);
			free(b->tp[i].text);
			free(b->tp[i].name);
		}
		free(b->tp);
		free(b->iv);
		free(b->pnames.slot);
		free(b->tnames.slot);
		free(b->con);
		free(b->conv);
		free(b);
	}
	free(st->name);
	for (size_t k = 0; k < st->nobj; k++)
		free(st->objname[k]);
	free(st->objname);
	free(st->dir);
	free(st->number);
	free(st->state);
	free(st->value);
	free(st->t_start);
	free(st->t_end);
	for (size_t i = 0; i < st->nparams; i++) {
		free(st->params[i].name);
		hp_dist_release(&st->params[i].dist);
		free(st->params[i].v);
	}
	free(st->params);
	free(st->iv_off);
	free(st->iv_step);
	free(st->iv_value);
	for (size_t i = 0; i < st->nattrs; i++) {
		free(st->attrs[i].key);
		free(st->attrs[i].json);
	}
	free(st->attrs);
	free(st->con_set);
	free(st->con_off);
	free(st->con_value);
	for (size_t i = 0; i < st->nnotes; i++)
		free(st->notes[i]);
	free(st->notes);
	free(st->selection_note);
	free(st->selection_words);
	free(st->target);
	free(st->target_note);
	free(st);
}

/* --- reading ----------------------------------------------------------- */

char *
hp_study_value_column(const struct hp_study *st, size_t k, char *buf, size_t n)
{
	if (st->nobj == 1)
		snprintf(buf, n, "value");
	else
		snprintf(buf, n, "values_%zu", k);
	return buf;
}

char *
hp_study_param_column(const struct hp_study *st, size_t i, char *buf, size_t n)
{
	snprintf(buf, n, "params_%s", st->params[i].name);
	return buf;
}

int
hp_study_param_index(const struct hp_study *st, const char *name)
{
	size_t lo = 0, hi = st->nparams;

	if (st->build)		/* not sorted yet */
		return (int)name_find(&st->build->pnames, name, param_name_at, st);
	while (lo < hi) {	/* finished: sorted by name */
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(st->params[mid].name, name);

		if (c == 0)
			return (int)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

long
hp_study_best(const struct hp_study *st, size_t k)
{
	long best = -1;
	int max = st->dir[k] == HP_DIR_MAXIMIZE;

	for (size_t t = 0; t < st->ntrials; t++) {
		double v = hp_study_value(st, t, k);

		if (st->state[t] != HP_STATE_COMPLETE || !isfinite(v) ||
		    !hp_study_feasible(st, t))
			continue;
		if (best < 0 || (max ? v > hp_study_value(st, (size_t)best, k) :
		    v < hp_study_value(st, (size_t)best, k)))
			best = (long)t;
	}
	return best;
}

int
hp_study_feasible(const struct hp_study *st, size_t t)
{
	const double *v;
	size_t n;

	if (!hp_study_constraints(st, t, &v, &n))
		return 1;
	for (size_t i = 0; i < n; i++)
		if (!(v[i] <= 0.0))
			return 0;
	return 1;
}

int
hp_study_constrained(const struct hp_study *st)
{
	for (size_t t = 0; st->con_set && t < st->ntrials; t++)
		if (st->con_set[t])
			return 1;
	return 0;
}

size_t
hp_study_count_infeasible(const struct hp_study *st)
{
	size_t c = 0;

	for (size_t t = 0; t < st->ntrials; t++)
		c += st->state[t] == HP_STATE_COMPLETE && !hp_study_feasible(st, t);
	return c;
}

size_t
hp_study_count_state(const struct hp_study *st, enum hp_state s)
{
	size_t c = 0;

	for (size_t t = 0; t < st->ntrials; t++)
		c += st->state[t] == s;
	return c;
}

size_t
hp_study_count_nonfinite(const struct hp_study *st, size_t k)
{
	size_t c = 0;

	for (size_t t = 0; t < st->ntrials; t++)
		c += st->state[t] == HP_STATE_COMPLETE && isinf(hp_study_value(st, t, k));
	return c;
}

const struct hp_attr *
hp_study_attr(const struct hp_study *st, size_t t, int system, const char *key)
{
	for (size_t i = 0; i < st->nattrs; i++)
		if (st->attrs[i].trial == t && st->attrs[i].system == system &&
		    strcmp(st->attrs[i].key, key) == 0)
			return &st->attrs[i];
	return NULL;
}

int
hp_study_constraints(const struct hp_study *st, size_t t, const double **v, size_t *n)
{
	if (st->con_set == NULL || !st->con_set[t])
		return 0;
	*v = st->con_value + st->con_off[t];
	*n = st->con_off[t + 1] - st->con_off[t];
	return 1;
}

void
hp_studyset_add(struct hp_studyset *set, struct hp_study *st)
{
	set->v = hp_reallocarray(set->v, set->n + 1, sizeof(*set->v));
	set->v[set->n++] = st;
}

void
hp_studyset_release(struct hp_studyset *set)
{
	if (set == NULL)
		return;
	for (size_t i = 0; i < set->n; i++)
		hp_study_free(set->v[i]);
	free(set->v);
	set->v = NULL;
	set->n = 0;
}
