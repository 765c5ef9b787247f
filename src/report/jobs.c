/*
 * jobs: the figures of one page, built and written on the threads of
 * the run's pool -- the one path every figure takes, of one study or of several
 * (the comparison page).
 *
 * The figures go through a small job queue, so that one slow figure does
 * not hold up the rest: a figure is built (and its shared raster layers
 * drawn), then each format is a job of its own, and the thread that
 * finishes a figure's last format writes its data table (only what the
 * figure derives: the trial values it plots are data/trials.csv's), its
 * caption file figures/NAME.txt (caption.c) and tooltips.  In --style
 * paper the notes go to the caption only: the picture holds the data.
 * Format jobs go before new builds, which keeps few figures in memory.
 * Every file is written by one job and depends on nothing else, so the
 * output does not depend on thread timing; results are gathered in
 * registration order.
 *
 * A figure that cannot be drawn -- its builder fails, or a backend cannot
 * draw it -- is left out: its files are removed, the page shows why in its
 * place and report_opts.warn says so on stderr; the other figures and the
 * report go on.  Only a failure of the output (a file that cannot be
 * written, RENDER_EWRITE) or an interruption stops the page.
 *
 * A figure with nothing to show -- its builder returns 0 -- is not made:
 * the page says so in its place ("Not made: ...", the builder's reason,
 * fig_skip) and report_opts.warn says so on stderr when --plots named it.
 * A figure that is simply not of this kind of study (skip_by_kind: a
 * Pareto front of one objective, intermediate values nobody reported,
 * a timeline without times) is listed only when --plots names it, so that
 * the default page does not fill up with figures nobody expected.
 *
 * A study of more than REPORT_MAX_OBJECTIVES objectives gets its
 * per-objective figures for the first REPORT_MAX_OBJECTIVES only (unless
 * --objective picks one): 300 directions made 2700 files, 117 MB, for 60
 * trials.  Each figure kind left out that way has one entry on the page
 * saying so.
 *
 * The comparison figures are made per group of studies alike in the
 * objective compared -- the same name (or none) and direction: a loss
 * minimised and an accuracy maximised on one linear axis would read as one
 * quantity.  With more than one group each figure is made once per group,
 * named NAME-DIRECTION[-OBJECTIVE] ("edf-maximize-accuracy").
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/pool.h"
#include "internal.h"

struct fig_slot {
	const struct plot_kind *kind;
	size_t		 k;		/* objective */
	const struct hp_study *const *group;	/* a comparison's studies [ngroup] */
	size_t		 ngroup;
	char		 name[128];
	struct fig	 f;
	struct render_cache *cache;
	int		 state;		/* 0 waiting, 1 built, 2 finished */
	int		 built;		/* the builder's result */
	int		 left;		/* format jobs not yet done */
	int		 rc;		/* -1: failed (err says why) */
	int		 output_error;	/* on failure: 1 output, 0 input */
	int		 omitted;	/* cannot be drawn: left out (err says why) */
	int		 not_made;	/* nothing to show: listed (err says why) */
	struct hp_err	 err;
	char		*hover;
	char		*caption_file;	/* figures/NAME.txt (report_caption) */
	char		*caption_page;	/* the page's caption */
	int		 has_data;	/* wrote data/NAME.csv */
};

/* Studies alike in the objective a comparison figure compares. */
struct study_group {
	const struct hp_study **v;	/* [n], in the set's order */
	size_t		 n;
	char		*suffix;	/* "minimize", "maximize-accuracy": file-safe */
};

struct fig_queue {
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	const char	*dir;
	const struct hp_study *const *studies;	/* [nstudies] */
	size_t		 nstudies;
	struct study_group *groups;	/* multi: [ngroups] */
	size_t		 ngroups;
	const struct report_opts *o;
	const struct render_opts *ro;
	struct fig_slot	*slots;
	size_t		 nslots, next;	/* next slot to build */
	size_t		*jobs;		/* pending format jobs: slot * RENDER__COUNT + format */
	size_t		 njobs;
	int		 busy;		/* threads inside a job */
	int		 stop;		/* a failure: build nothing more */
};

static int
want_plot(const struct report_opts *o, const char *name)
{
	if (o->plots == NULL)
		return 1;
	for (size_t i = 0; name && i < o->nplots; i++)
		if (strcmp(o->plots[i], name) == 0)
			return 1;
	return 0;
}

/* The formats a browser shows: a figure written in one gets tooltips. */
static int
page_formats(void)
{
	int m = 0;

	for (int fmt = 0; fmt < RENDER__COUNT; fmt++)
		if (render_backends[fmt].on_page)
			m |= 1 << fmt;
	return m;
}

/* Data table and tooltips of a rendered figure, then its memory. */
static void
slot_finish(struct fig_queue *q, struct fig_slot *sl)
{
	char *path;

	if (sl->rc == 0 && sl->omitted) {
		/* a format that was drawn before another failed goes too */
		for (int fmt = 0; fmt < RENDER__COUNT; fmt++)
			if (q->o->formats & (1 << fmt)) {
				path = hp_sprintf("%s/figures/%s.%s", q->dir, sl->name,
				    render_format_ext((enum render_format)fmt));
				(void)remove(path);
				free(path);
			}
	} else if (sl->rc == 0) {
		char *txt = hp_sprintf("%s/figures/%s.txt", q->dir, sl->f.name);

		/* a figure that derives nothing writes no table */
		sl->has_data = sl->f.data.ncols > 0;
		path = hp_sprintf("%s/data/%s.csv", q->dir, sl->f.name);
		if ((sl->f.data.ncols > 0 &&
		    fig_table_write_csv(&sl->f.data, path, &sl->err) < 0) ||
		    report_write_text(txt, sl->caption_file, &sl->err) < 0 ||
		    ((q->o->formats & page_formats()) &&
		    report_fig_hover(&sl->f, q->ro, &sl->hover, &sl->err) < 0)) {
			sl->rc = -1;
			sl->output_error = 1;
		}
		free(path);
		free(txt);
	}
	render_cache_free(sl->cache);
	sl->cache = NULL;
	if (sl->rc == 0) {
		/* keep what the page needs; the marks can go */
		char *title = sl->f.title ? hp_strdup(sl->f.title) : NULL;
		double w = sl->f.width, h = sl->f.height;
		struct fig_table keep = { NULL, 0, NULL, 0, 0, NULL };

		/* the importances stay for summary.md */
		if (strcmp(sl->kind->name, "importances") == 0) {
			keep = sl->f.data;
			memset(&sl->f.data, 0, sizeof(sl->f.data));
		}
		fig_release(&sl->f);
		memset(&sl->f, 0, sizeof(sl->f));
		sl->f.data = keep;
		sl->f.title = title;
		sl->f.width = w;
		sl->f.height = h;
	} else
		fig_release(&sl->f);
}

/*
 * The trial selection (--trials, --states, --best) under every figure, so
 * that no figure is read as the whole study: here, once, rather than in
 * each builder; in words, as the options go to the caption (slot_caption).  A comparison figure names the options, as each study's
 * count is on its own page.
 */
static void
add_selection_note(const struct fig_queue *q, struct fig *f)
{
	const struct hp_study *st = q->studies[0];
	char spec[256];

	if (!st->selected)
		return;
	if (q->nstudies == 1)
		fig_add_note(f, "%s.", st->selection_words);
	else
		fig_add_note(f, "Selected trials of each study (%s).",
		    hp_selection_describe(&st->selection, spec, sizeof(spec)));
}

/*
 * The target (--target) under every figure, so that no figure is read as
 * the objective's: here, once, rather than in each builder.  A comparison
 * figure says it of every study, as --target applies to each alike.
 */
static void
add_target_note(const struct fig_queue *q, struct fig *f)
{
	const struct hp_study *st = q->studies[0];

	if (st->target_note == NULL)
		return;
	if (q->nstudies == 1)
		fig_add_note(f, "%s", st->target_note);
	else
		fig_add_note(f, "Target of each study: %s.", st->target);
}

/*
 * The figure's captions, file and page (report_caption), with the options
 * of the trial selection; in --style paper its notes then leave the
 * picture for the caption, which the page shows in full, while a screen
 * figure keeps them and the page adds only what the picture lacks.
 */
static void
slot_caption(struct fig_queue *q, struct fig_slot *sl)
{
	int paper = q->ro->style == RENDER_STYLE_PAPER;
	char options[256] = "";

	if (q->studies[0]->selected)
		hp_selection_format(&q->studies[0]->selection, options, sizeof(options));
	sl->caption_file = report_caption(&sl->f, options, 0, 1);
	sl->caption_page = report_caption(&sl->f, options, 1, paper);
	if (paper) {
		for (size_t i = 0; i < sl->f.nnotes; i++)
			free(sl->f.notes[i]);
		free(sl->f.notes);
		sl->f.notes = NULL;
		sl->f.nnotes = 0;
	}
}

static void
slot_build(struct fig_queue *q, struct fig_slot *sl)
{
	const struct plot_kind *kind = sl->kind;

	memset(&sl->f, 0, sizeof(sl->f));
	if (kind->scope == PLOT_MULTI_STUDY)
		sl->built = kind->build_multi(sl->group, sl->ngroup, sl->k, &q->o->plot,
		    &sl->f, &sl->err);
	else
		sl->built = kind->build(q->studies[0], sl->k, &q->o->plot, &sl->f, &sl->err);
	if (sl->built < 0) {	/* this figure cannot be drawn: left out */
		sl->omitted = 1;
		return;
	}
	if (sl->built == 0) {	/* nothing to show: say why, if anyone asked */
		int asked = q->o->plots != NULL && want_plot(q->o, kind->name);

		if (sl->f.skip_reason[0] && (asked || !sl->f.skip_by_kind)) {
			sl->not_made = 1 + asked;
			hp_err_set(&sl->err, "%s", sl->f.skip_reason);
		}
		return;
	}
	free(sl->f.name);
	sl->f.name = hp_strdup(sl->name);
	add_selection_note(q, &sl->f);
	add_target_note(q, &sl->f);
	slot_caption(q, sl);
	render_fit(&sl->f, q->ro);
	plot_cap_height(&q->o->plot, &sl->f);
	sl->cache = render_cache_make(&sl->f, q->ro, (unsigned)q->o->formats);
}

static void
slot_render(struct fig_queue *q, struct fig_slot *sl, int fmt)
{
	char *path = hp_sprintf("%s/figures/%s.%s", q->dir, sl->f.name,
	    render_format_ext((enum render_format)fmt));
	struct hp_err e = { "" };
	int rc;

	pthread_mutex_lock(&q->mu);
	rc = sl->omitted || sl->rc < 0;	/* another format failed already */
	pthread_mutex_unlock(&q->mu);
	if (rc == 0)
		rc = render_write_cached(&sl->f, sl->cache, path,
		    (enum render_format)fmt, q->ro, &e);
	if (rc < 0) {
		pthread_mutex_lock(&q->mu);
		if (rc == RENDER_EWRITE && sl->rc == 0) {
			sl->rc = -1;
			sl->output_error = 1;
			sl->err = e;
		} else if (rc != RENDER_EWRITE && sl->rc == 0 && !sl->omitted) {
			sl->omitted = 1;
			sl->err = e;
		}
		pthread_mutex_unlock(&q->mu);
	}
	free(path);
}

static void *
fig_worker(void *arg)
{
	struct fig_queue *q = arg;

	pthread_mutex_lock(&q->mu);
	for (;;) {
		if (q->njobs > 0) {
			size_t job = q->jobs[--q->njobs];
			struct fig_slot *sl = &q->slots[job / RENDER__COUNT];
			int last;

			q->busy++;
			pthread_mutex_unlock(&q->mu);
			slot_render(q, sl, (int)(job % RENDER__COUNT));
			pthread_mutex_lock(&q->mu);
			last = --sl->left == 0;
			pthread_mutex_unlock(&q->mu);
			if (last)
				slot_finish(q, sl);
			pthread_mutex_lock(&q->mu);
			if (last) {
				sl->state = 2;
				q->stop |= sl->rc < 0;
			}
			q->busy--;
			pthread_cond_broadcast(&q->cv);
		} else if (q->next < q->nslots && !q->stop) {
			struct fig_slot *sl = &q->slots[q->next++];

			if (sl->omitted) {	/* left out before building */
				sl->state = 2;
				continue;
			}
			if (report_interrupted) {
				sl->rc = -1;
				sl->output_error = 1;
				hp_err_set(&sl->err, "interrupted");
				q->stop = 1;
				continue;
			}
			if (q->o->progress && sl->kind->scope != PLOT_MULTI_STUDY)
				q->o->progress(q->o->progress_arg, q->studies[0]->name, sl->name);
			q->busy++;
			pthread_mutex_unlock(&q->mu);
			slot_build(q, sl);
			pthread_mutex_lock(&q->mu);
			q->busy--;
			sl->state = 1;
			if (sl->rc < 0 || sl->built <= 0) {
				q->stop |= sl->rc < 0;
				fig_release(&sl->f);
				sl->state = 2;
			} else {
				/* pushed last format first: jobs pop in table order */
				for (int fmt = RENDER__COUNT - 1; fmt >= 0; fmt--)
					if (q->o->formats & (1 << fmt)) {
						q->jobs[q->njobs++] = (size_t)(sl - q->slots) *
						    RENDER__COUNT + (size_t)fmt;
						sl->left++;
					}
				if (sl->left == 0) {
					pthread_mutex_unlock(&q->mu);
					slot_finish(q, sl);
					pthread_mutex_lock(&q->mu);
					sl->state = 2;
				}
			}
			pthread_cond_broadcast(&q->cv);
		} else if (q->busy == 0)
			break;
		else
			pthread_cond_wait(&q->cv, &q->mu);
	}
	pthread_cond_broadcast(&q->cv);
	pthread_mutex_unlock(&q->mu);
	return NULL;
}

/* A started figure worker: its thread goes back to the budget at the end. */
static void *
fig_worker_thread(void *arg)
{
	struct fig_queue *q = arg;

	fig_worker(q);
	hp_pool_give(q->o->plot.pool, 1);
	return NULL;
}

static struct fig_slot *
add_slot(struct fig_queue *q, const struct plot_kind *kind, size_t k)
{
	struct fig_slot *sl;

	q->slots = hp_reallocarray(q->slots, q->nslots + 1, sizeof(*q->slots));
	sl = &q->slots[q->nslots++];
	memset(sl, 0, sizeof(*sl));
	sl->kind = kind;
	sl->k = k;
	snprintf(sl->name, sizeof(sl->name), "%s", kind->name);
	return sl;
}

/* The wanted figures of the page, in registration order. */
static void
add_slots(struct fig_queue *q, int multi)
{
	const struct report_opts *o = q->o;

	for (const struct plot_kind *kind = plot_kinds; kind->name; kind++) {
		const struct hp_study *st = q->studies[0];
		int per_objective = kind->scope == PLOT_PER_OBJECTIVE;
		size_t k0 = 0, k1 = per_objective ? st->nobj : 1;

		if ((kind->scope == PLOT_MULTI_STUDY) != multi)
			continue;
		if (multi) {
			/* also made when --plots names the figure it compares */
			if (!want_plot(o, kind->name) && !want_plot(o, kind->compares))
				continue;
			for (size_t g = 0; g < q->ngroups; g++) {
				struct fig_slot *sl = add_slot(q, kind, o->objective > 0 ?
				    (size_t)o->objective : 0);

				sl->group = q->groups[g].v;
				sl->ngroup = q->groups[g].n;
				if (q->ngroups > 1)
					snprintf(sl->name, sizeof(sl->name), "%s-%s", kind->name,
					    q->groups[g].suffix);
			}
			continue;
		}
		if (!want_plot(o, kind->name))
			continue;
		if (per_objective && o->objective >= 0) {
			if ((size_t)o->objective >= st->nobj)
				continue;
			k0 = (size_t)o->objective;
			k1 = k0 + 1;
		}
		if (per_objective && o->objective < 0 && k1 > REPORT_MAX_OBJECTIVES)
			k1 = REPORT_MAX_OBJECTIVES;
		for (size_t k = k0; k < k1; k++) {
			struct fig_slot *sl = add_slot(q, kind, k);

			if (per_objective && st->nobj > 1)
				snprintf(sl->name, sizeof(sl->name), "%s_%zu", kind->name, k);
		}
		if (per_objective && o->objective < 0 && st->nobj > k1) {
			struct fig_slot *sl = add_slot(q, kind, k1);

			snprintf(sl->name, sizeof(sl->name), "%s_%zu-%zu", kind->name, k1,
			    st->nobj - 1);
			sl->omitted = 1;	/* never built */
			hp_err_set(&sl->err, "made for the first %d of %zu objectives; "
			    "--objective K makes them for objective K",
			    REPORT_MAX_OBJECTIVES, st->nobj);
		}
	}
}

static int
same_objective(const struct hp_study *a, const struct hp_study *b, size_t k)
{
	const char *x = a->objname ? a->objname[k] : NULL;
	const char *y = b->objname ? b->objname[k] : NULL;

	if (a->dir[k] != b->dir[k])
		return 0;
	return (x == NULL || *x == '\0') ? (y == NULL || *y == '\0') :
	    (y != NULL && strcmp(x, y) == 0);
}

/*
 * The groups of studies[n] alike in objective k (same_objective), in order
 * of first appearance; studies without objective k are in none.  No study
 * with it: one group of all (the figures then say there is nothing to
 * show).  Returns the groups, *ngroups of them; free with free_groups.
 */
static struct study_group *
make_groups(const struct hp_study *const *studies, size_t n, size_t k, size_t *ngroups)
{
	struct study_group *g = hp_calloc(n + 1, sizeof(*g));
	const char **labels;
	char **safe;
	size_t m = 0;

	for (size_t s = 0; s < n; s++) {
		size_t i = 0;

		if (k >= studies[s]->nobj)
			continue;
		while (i < m && !same_objective(g[i].v[0], studies[s], k))
			i++;
		if (i == m)
			g[m++].v = hp_calloc(n, sizeof(*g[i].v));
		g[i].v[g[i].n++] = studies[s];
	}
	if (m == 0) {
		g[0].v = hp_calloc(n + 1, sizeof(*g[0].v));
		memcpy(g[0].v, studies, n * sizeof(*studies));
		g[0].n = n;
		m = 1;
	}
	/* the file-name suffixes, distinct (report_safe_names adds "-2") */
	labels = hp_calloc(m, sizeof(*labels));
	for (size_t i = 0; i < m; i++) {
		const struct hp_study *st = g[i].v[0];
		const char *name = k < st->nobj && st->objname ? st->objname[k] : NULL;

		labels[i] = name && *name && k < st->nobj ? hp_sprintf("%s-%s",
		    hp_direction_name(st->dir[k]), name) : hp_strdup(k < st->nobj ?
		    hp_direction_name(st->dir[k]) : "all");
	}
	safe = report_safe_names(labels, m);
	for (size_t i = 0; i < m; i++) {
		g[i].suffix = safe[i];
		free((char *)labels[i]);
	}
	free(safe);
	free(labels);
	*ngroups = m;
	return g;
}

static void
free_groups(struct study_group *g, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(g[i].v);
		free(g[i].suffix);
	}
	free(g);
}

int
report_figures(const char *dir, const struct hp_study *const *studies,
    size_t nstudies, int multi, const struct report_opts *o,
    const struct render_opts *ro, struct report_fig **figs, size_t *nfigs,
    int *output_error, struct hp_err *err)
{
	struct fig_queue q;
	pthread_t th[64];
	int nth = hp_pool_size(o->plot.pool), started = 0, rc = 0;

	memset(&q, 0, sizeof(q));
	pthread_mutex_init(&q.mu, NULL);
	pthread_cond_init(&q.cv, NULL);
	q.dir = dir;
	q.studies = studies;
	q.nstudies = nstudies;
	q.o = o;
	q.ro = ro;
	if (multi)
		q.groups = make_groups(studies, nstudies, o->objective > 0 ?
		    (size_t)o->objective : 0, &q.ngroups);
	add_slots(&q, multi);
	q.jobs = hp_calloc(q.nslots * RENDER__COUNT + 1, sizeof(size_t));
	if (nth > 64)
		nth = 64;
	if ((size_t)nth > q.nslots)
		nth = q.nslots ? (int)q.nslots : 1;
	/* figure workers come out of the run's pool (hp_pool_take);
	 * each gives its thread back when the queue is empty, for the parallel
	 * loops of the figures still running */
	nth = 1 + hp_pool_take(o->plot.pool, nth - 1);
	for (int i = 1; i < nth; i++)
		if (pthread_create(&th[started], NULL, fig_worker_thread, &q) == 0)
			started++;
	hp_pool_give(o->plot.pool, nth - 1 - started);
	fig_worker(&q);
	for (int i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	for (size_t i = 0; i < q.nslots; i++) {
		struct fig_slot *sl = &q.slots[i];

		if (sl->rc < 0 && rc == 0) {
			*output_error = sl->output_error;
			if (err)
				*err = sl->err;
			rc = -1;
		}
		if (sl->rc == 0 && sl->omitted) {
			const char *why = sl->err.msg;
			size_t dl = strlen(dir);

			/* the temporary directory means nothing to the reader */
			if (strncmp(why, dir, dl) == 0 && why[dl] == '/')
				why += dl + 1;
			if (strncmp(why, "figures/", 8) == 0)
				why += 8;
			*figs = hp_reallocarray(*figs, *nfigs + 1, sizeof(**figs));
			memset(&(*figs)[*nfigs], 0, sizeof(**figs));
			(*figs)[*nfigs].name = hp_strdup(sl->name);
			(*figs)[*nfigs].title = hp_strdup(sl->f.title ? sl->f.title : sl->name);
			(*figs)[*nfigs].omitted = hp_strdup(*why ? why : "cannot be drawn");
			if (o->warn)
				o->warn(o->warn_arg, multi ? NULL : studies[0]->name, sl->name,
				    (*figs)[*nfigs].omitted);
			(*nfigs)++;
		} else if (sl->rc == 0 && sl->not_made) {
			*figs = hp_reallocarray(*figs, *nfigs + 1, sizeof(**figs));
			memset(&(*figs)[*nfigs], 0, sizeof(**figs));
			(*figs)[*nfigs].name = hp_strdup(sl->name);
			(*figs)[*nfigs].title = hp_strdup(sl->name);
			(*figs)[*nfigs].not_made = hp_strdup(sl->err.msg);
			if (o->warn && sl->not_made == 2) {
				char *why = hp_sprintf("not made: %s", sl->err.msg);

				o->warn(o->warn_arg, multi ? NULL : studies[0]->name,
				    sl->name, why);
				free(why);
			}
			(*nfigs)++;
		} else if (sl->rc == 0 && sl->built > 0 && sl->state == 2) {
			*figs = hp_reallocarray(*figs, *nfigs + 1, sizeof(**figs));
			memset(&(*figs)[*nfigs], 0, sizeof(**figs));
			(*figs)[*nfigs].name = hp_strdup(sl->name);
			(*figs)[*nfigs].title = hp_strdup(sl->f.title ? sl->f.title : "");
			(*figs)[*nfigs].formats = o->formats;
			(*figs)[*nfigs].width = sl->f.width;
			(*figs)[*nfigs].height = sl->f.height;
			(*figs)[*nfigs].hover = sl->hover;
			sl->hover = NULL;
			(*figs)[*nfigs].caption = sl->caption_page;
			sl->caption_page = NULL;
			(*figs)[*nfigs].has_data = sl->has_data;
			(*figs)[*nfigs].data = sl->f.data;
			memset(&sl->f.data, 0, sizeof(sl->f.data));
			(*nfigs)++;
		}
		free(sl->hover);
		free(sl->caption_file);
		free(sl->caption_page);
		fig_release(&sl->f);
		render_cache_free(sl->cache);
	}
	free(q.slots);
	free(q.jobs);
	free_groups(q.groups, q.ngroups);
	pthread_mutex_destroy(&q.mu);
	pthread_cond_destroy(&q.cv);
	return rc;
}
