/*
 * report: the pipeline from loaded studies to the report bundle -- build
 * each registered figure, render it in every requested format, write the
 * numbers behind it, the trials table and the study summary, then the
 * HTML pages (html.c).  All output goes to a hidden temporary directory
 * beside the target, swapped into place at the end (see report.h).
 */
#define _GNU_SOURCE		/* renameat2 */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hpreport/pool.h"
#include "hpreport/report.h"

#define MARKER ".hpreport"

volatile sig_atomic_t report_interrupted;

void
report_opts_defaults(struct report_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->formats = (1 << RENDER_PNG) | (1 << RENDER_SVG) | (1 << RENDER_PDF);
	o->objective = -1;
	plot_opts_defaults(&o->plot);
	render_opts_defaults(&o->render);
}

char *
report_safe_name(const char *name)
{
	struct hp_buf b;

	hp_buf_init(&b);
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		/* keep ASCII letters, digits and -_. ; UTF-8 bytes pass unchanged */
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		    (*p == '.' && p != (const unsigned char *)name) || *p >= 0x80)
			hp_buf_add(&b, (const char *)p, 1);
		else
			hp_buf_add(&b, "_", 1);
		/* at most ~100 bytes, cut only between UTF-8 characters */
		if (b.len >= 100 && (p[1] & 0xc0) != 0x80)
			break;
	}
	if (b.len == 0)
		hp_buf_puts(&b, "study");
	return b.s;
}

static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
rm_rf(const char *path)
{
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int
make_dir(const char *path, struct hp_err *err)
{
	if (mkdir(path, 0755) != 0 && errno != EEXIST)
		return hp_err_set(err, "%s: %s", path, strerror(errno));
	return 0;
}

/* The target may be replaced when absent, empty, or an earlier report. */
static int
check_target(const char *dir, int force, int *exists, struct hp_err *err)
{
	struct stat sb;
	char *marker;
	int empty = 1, has_marker;

	*exists = 0;
	if (stat(dir, &sb) != 0) {
		if (errno == ENOENT)
			return 0;
		return hp_err_set(err, "%s: %s", dir, strerror(errno));
	}
	if (!S_ISDIR(sb.st_mode))
		return hp_err_set(err, "%s: exists and is not a directory", dir);
	*exists = 1;
	marker = hp_sprintf("%s/" MARKER, dir);
	has_marker = access(marker, F_OK) == 0;
	free(marker);
	if (has_marker || force)
		return 0;
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return hp_err_set(err, "%s: %s", dir, strerror(errno));
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			empty = 0;
	closedir(d);
	if (!empty)
		return hp_err_set(err, "%s: not empty and not an hpreport report; "
		    "use --force to replace it", dir);
	return 0;
}

static int
write_text(const char *path, const char *text, struct hp_err *err)
{
	FILE *fp = fopen(path, "w");

	if (fp == NULL)
		return hp_err_set(err, "%s: %s", path, strerror(errno));
	fputs(text, fp);
	if (ferror(fp) | (fclose(fp) != 0))
		return hp_err_set(err, "%s: write error", path);
	return 0;
}

/* data/trials.csv: one row per trial, every objective, times, every param.
 * Written as it is formatted (10^5 trials would be millions of strings),
 * quoted as fig_table_write_csv does. */
static int
write_trials_csv(const char *path, const struct hp_study *st, struct hp_err *err)
{
	FILE *fp = fopen(path, "w");
	char buf[512];

	if (fp == NULL)
		return hp_err_set(err, "%s: %s", path, strerror(errno));
	fputs("number,state", fp);
	for (size_t k = 0; k < st->nobj; k++) {
		snprintf(buf, sizeof(buf), st->nobj == 1 ? "value" : "values_%zu", k);
		fputc(',', fp);
		hp_csv_put(fp, buf);
	}
	fputs(",datetime_start,datetime_complete,duration_s", fp);
	for (size_t i = 0; i < st->nparams; i++) {
		snprintf(buf, sizeof(buf), "params_%s", st->params[i].name);
		fputc(',', fp);
		hp_csv_put(fp, buf);
	}
	fputc('\n', fp);
	for (size_t tr = 0; tr < st->ntrials; tr++) {
		double d = st->t_end[tr] - st->t_start[tr];

		fprintf(fp, "%d,", st->number[tr]);
		hp_csv_put(fp, hp_state_name(st->state[tr]));
		for (size_t k = 0; k < st->nobj; k++) {
			double v = hp_study_value(st, tr, k);

			fputc(',', fp);
			if (!isnan(v))
				hp_csv_put(fp, hp_fmt_double(buf, sizeof(buf), v));
		}
		fputc(',', fp);
		hp_csv_put(fp, hp_fmt_datetime(buf, sizeof(buf), st->t_start[tr]));
		fputc(',', fp);
		hp_csv_put(fp, hp_fmt_datetime(buf, sizeof(buf), st->t_end[tr]));
		fputc(',', fp);
		if (isfinite(d))
			hp_csv_put(fp, hp_fmt_double(buf, sizeof(buf), d));
		for (size_t i = 0; i < st->nparams; i++) {
			const struct hp_param *p = &st->params[i];

			fputc(',', fp);
			if (!isnan(p->v[tr]))
				hp_csv_put(fp, hp_param_format(p, p->v[tr], buf, sizeof(buf)));
		}
		fputc('\n', fp);
	}
	if (ferror(fp) | (fclose(fp) != 0))
		return hp_err_set(err, "%s: write error", path);
	return 0;
}

/* trials.csv on a thread of its own, beside the figures. */
struct trials_job {
	char			*path;
	const struct hp_study	*st;
	int			 rc;
	struct hp_err		 err;
};

static void *
trials_job_run(void *arg)
{
	struct trials_job *j = arg;

	j->rc = write_trials_csv(j->path, j->st, &j->err);
	return NULL;
}

static cJSON *
json_number(double v)
{
	/* JSON has no inf/nan: write them as strings so nothing is lost */
	if (isfinite(v))
		return cJSON_CreateNumber(v);
	char buf[16];

	return cJSON_CreateString(hp_fmt_double(buf, sizeof(buf), v));
}

/* data/study.json: the overview in machine-readable form. */
static int
write_study_json(const char *path, const struct hp_study *st, struct hp_err *err)
{
	cJSON *root = cJSON_CreateObject(), *a, *o;
	char buf[256], *text;
	int rc;

	cJSON_AddStringToObject(root, "name", st->name);
	a = cJSON_AddArrayToObject(root, "directions");
	for (size_t k = 0; k < st->nobj; k++)
		cJSON_AddItemToArray(a, cJSON_CreateString(hp_direction_name(st->dir[k])));
	a = cJSON_AddArrayToObject(root, "objective_names");
	for (size_t k = 0; k < st->nobj; k++)
		cJSON_AddItemToArray(a, st->objname[k] ? cJSON_CreateString(st->objname[k]) :
		    cJSON_CreateNull());
	cJSON_AddNumberToObject(root, "n_trials", (double)st->ntrials);
	o = cJSON_AddObjectToObject(root, "states");
	for (int s = 0; s < HP_STATE__COUNT; s++)
		cJSON_AddNumberToObject(o, hp_state_name((enum hp_state)s),
		    (double)hp_study_count_state(st, (enum hp_state)s));
	a = cJSON_AddArrayToObject(root, "best");
	for (size_t k = 0; k < st->nobj; k++) {
		long b = hp_study_best(st, k);
		cJSON *bo;

		if (b < 0) {
			cJSON_AddItemToArray(a, cJSON_CreateNull());
			continue;
		}
		bo = cJSON_CreateObject();
		cJSON_AddNumberToObject(bo, "number", st->number[b]);
		cJSON_AddItemToObject(bo, "value", json_number(hp_study_value(st, (size_t)b, k)));
		cJSON *pp = cJSON_AddObjectToObject(bo, "params");
		for (size_t i = 0; i < st->nparams; i++) {
			const struct hp_param *p = &st->params[i];

			if (!isnan(p->v[b]))
				cJSON_AddStringToObject(pp, p->name,
				    hp_param_format(p, p->v[b], buf, sizeof(buf)));
		}
		cJSON_AddItemToArray(a, bo);
	}
	a = cJSON_AddArrayToObject(root, "search_space");
	for (size_t i = 0; i < st->nparams; i++) {
		const struct hp_param *p = &st->params[i];
		cJSON *po = cJSON_CreateObject();

		cJSON_AddStringToObject(po, "name", p->name);
		cJSON_AddStringToObject(po, "type", p->dist.kind == HP_DIST_FLOAT ? "float" :
		    p->dist.kind == HP_DIST_INT ? "int" : "categorical");
		if (p->dist.kind == HP_DIST_CATEGORICAL) {
			cJSON *ch = cJSON_AddArrayToObject(po, "choices");

			for (size_t c = 0; c < p->dist.nchoices; c++)
				cJSON_AddItemToArray(ch, cJSON_CreateString(
				    hp_choice_label(&p->dist.choices[c], buf, sizeof(buf))));
		} else {
			cJSON_AddItemToObject(po, "low", json_number(p->dist.low));
			cJSON_AddItemToObject(po, "high", json_number(p->dist.high));
			cJSON_AddBoolToObject(po, "log", p->dist.log);
			if (p->dist.step > 0)
				cJSON_AddItemToObject(po, "step", json_number(p->dist.step));
		}
		cJSON_AddBoolToObject(po, "inferred", p->inferred == 1);
		cJSON_AddItemToArray(a, po);
	}
	a = cJSON_AddArrayToObject(root, "notes");
	for (size_t i = 0; i < st->nnotes; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(st->notes[i]));
	text = cJSON_Print(root);
	cJSON_Delete(root);
	rc = write_text(path, text, err);
	if (rc == 0) {
		FILE *fp = fopen(path, "a");

		if (fp) {
			fputc('\n', fp);
			fclose(fp);
		}
	}
	free(text);
	return rc;
}

static int
want_plot(const struct report_opts *o, const char *name)
{
	if (o->plots == NULL)
		return 1;
	for (size_t i = 0; i < o->nplots; i++)
		if (strcmp(o->plots[i], name) == 0)
			return 1;
	return 0;
}

static void
free_figs(struct report_fig *figs, size_t nfigs)
{
	for (size_t i = 0; i < nfigs; i++) {
		free(figs[i].name);
		free(figs[i].title);
		free(figs[i].hover);
	}
	free(figs);
}

/* One figure in one format, rendered on a worker thread. */
struct render_job {
	const struct fig	*f;
	const struct render_cache *cache;
	const struct render_opts *ro;
	enum render_format	 fmt;
	char			*path;	/* NULL: format not wanted */
	int			 rc;
	struct hp_err		 err;
};

static void
render_job_run(void *arg, size_t i)
{
	struct render_job *j = (struct render_job *)arg + i;

	if (j->path)
		j->rc = render_write_cached(j->f, j->cache, j->path, j->fmt, j->ro, &j->err);
}

/* Writes built figure f (named) in every format into dir/figures, its
 * numbers into dir/data, and appends it to *figs. */
static int
emit_fig(const char *dir, const struct fig *f, const struct report_opts *o,
    const struct render_opts *ro, struct report_fig **figs, size_t *nfigs,
    struct hp_err *err)
{
	struct render_job jobs[RENDER_PDF + 1];
	char *path = NULL, *hover = NULL;
	int rc = -1;
	struct render_cache *cache = render_cache_make(f, ro, (unsigned)o->formats);

	/* the formats are independent drawings of one description: in parallel */
	for (int fmt = 0; fmt <= RENDER_PDF; fmt++) {
		jobs[fmt].f = f;
		jobs[fmt].cache = cache;
		jobs[fmt].ro = ro;
		jobs[fmt].fmt = (enum render_format)fmt;
		jobs[fmt].rc = 0;
		jobs[fmt].path = o->formats & (1 << fmt) ? hp_sprintf("%s/figures/%s.%s",
		    dir, f->name, render_format_ext((enum render_format)fmt)) : NULL;
	}
	hp_pool_for(o->plot.pool, RENDER_PDF + 1, render_job_run, jobs);
	render_cache_free(cache);
	for (int fmt = 0; fmt <= RENDER_PDF; fmt++) {
		if (jobs[fmt].rc < 0 && rc == -1 && err)
			*err = jobs[fmt].err;
		free(jobs[fmt].path);
	}
	for (int fmt = 0; fmt <= RENDER_PDF; fmt++)
		if (jobs[fmt].rc < 0)
			goto out;
	path = hp_sprintf("%s/data/%s.csv", dir, f->name);
	if (fig_table_write_csv(&f->data, path, err) < 0)
		goto out;
	if ((o->formats & ((1 << RENDER_PNG) | (1 << RENDER_SVG))) &&
	    report_fig_hover(f, ro, &hover, err) < 0)
		goto out;
	*figs = hp_reallocarray(*figs, *nfigs + 1, sizeof(**figs));
	(*figs)[*nfigs].name = hp_strdup(f->name);
	(*figs)[*nfigs].title = hp_strdup(f->title);
	(*figs)[*nfigs].formats = o->formats;
	(*figs)[*nfigs].width = f->width;
	(*figs)[*nfigs].height = f->height;
	(*figs)[*nfigs].hover = hover;
	(*nfigs)++;
	rc = 0;
out:
	free(path);
	return rc;
}

/*
 * The figures of one study go through a small job queue on the pool's
 * threads, so that one slow figure does not hold up the rest: a figure is
 * built (and its shared raster layers drawn), then each format is a job of
 * its own, and the thread that finishes a figure's last format writes its
 * data table and tooltips.  Format jobs go before new builds, which keeps
 * few figures in memory.  Every file is written by one job and depends on
 * nothing else, so the output does not depend on thread timing; results
 * are gathered in registration order.
 */
struct fig_slot {
	const struct plot_kind *kind;
	size_t		 k;		/* objective */
	char		 name[128];
	struct fig	 f;
	struct render_cache *cache;
	int		 state;		/* 0 waiting, 1 built, 2 finished */
	int		 built;		/* the builder's result */
	int		 left;		/* format jobs not yet done */
	int		 rc;		/* -1: failed (err says why) */
	int		 output_error;	/* on failure: 1 output, 0 input */
	struct hp_err	 err;
	char		*hover;
};

struct fig_queue {
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	const char	*dir;
	const struct hp_study *st;
	const struct report_opts *o;
	const struct render_opts *ro;
	struct fig_slot	*slots;
	size_t		 nslots, next;	/* next slot to build */
	size_t		*jobs;		/* pending format jobs: slot * 3 + format */
	size_t		 njobs;
	int		 busy;		/* threads inside a job */
	int		 stop;		/* a failure: build nothing more */
};

/* Data table and tooltips of a rendered figure, then its memory. */
static void
slot_finish(struct fig_queue *q, struct fig_slot *sl)
{
	char *path;

	if (sl->rc == 0) {
		path = hp_sprintf("%s/data/%s.csv", q->dir, sl->f.name);
		if (fig_table_write_csv(&sl->f.data, path, &sl->err) < 0 ||
		    ((q->o->formats & ((1 << RENDER_PNG) | (1 << RENDER_SVG))) &&
		    report_fig_hover(&sl->f, q->ro, &sl->hover, &sl->err) < 0)) {
			sl->rc = -1;
			sl->output_error = 1;
		}
		free(path);
	}
	render_cache_free(sl->cache);
	sl->cache = NULL;
	if (sl->rc == 0) {
		/* keep what the page needs; the marks can go */
		char *title = sl->f.title ? hp_strdup(sl->f.title) : NULL;
		double w = sl->f.width, h = sl->f.height;

		fig_release(&sl->f);
		memset(&sl->f, 0, sizeof(sl->f));
		sl->f.title = title;
		sl->f.width = w;
		sl->f.height = h;
	} else
		fig_release(&sl->f);
}

static void
slot_build(struct fig_queue *q, struct fig_slot *sl)
{
	memset(&sl->f, 0, sizeof(sl->f));
	sl->built = sl->kind->build(q->st, sl->k, &q->o->plot, &sl->f, &sl->err);
	if (sl->built < 0) {
		sl->rc = -1;
		sl->output_error = 0;
		return;
	}
	if (sl->built == 0)
		return;
	free(sl->f.name);
	sl->f.name = hp_strdup(sl->name);
	render_fit(&sl->f, q->ro);
	sl->cache = render_cache_make(&sl->f, q->ro, (unsigned)q->o->formats);
}

static void
slot_render(struct fig_queue *q, struct fig_slot *sl, int fmt)
{
	char *path = hp_sprintf("%s/figures/%s.%s", q->dir, sl->f.name,
	    render_format_ext((enum render_format)fmt));
	struct hp_err e = { "" };

	if (render_write_cached(&sl->f, sl->cache, path, (enum render_format)fmt,
	    q->ro, &e) < 0) {
		pthread_mutex_lock(&q->mu);
		if (sl->rc == 0) {
			sl->rc = -1;
			sl->output_error = 1;
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
			struct fig_slot *sl = &q->slots[job / 3];
			int last;

			q->busy++;
			pthread_mutex_unlock(&q->mu);
			slot_render(q, sl, (int)(job % 3));
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

			if (report_interrupted) {
				sl->rc = -1;
				sl->output_error = 1;
				hp_err_set(&sl->err, "interrupted");
				q->stop = 1;
				continue;
			}
			if (q->o->progress)
				fprintf(stderr, "hpreport: %s: %s\n", q->st->name, sl->name);
			q->busy++;
			pthread_mutex_unlock(&q->mu);
			slot_build(q, sl);
			pthread_mutex_lock(&q->mu);
			q->busy--;
			sl->state = 1;
			if (sl->rc < 0 || sl->built == 0) {
				q->stop |= sl->rc < 0;
				fig_release(&sl->f);
				sl->state = 2;
			} else {
				/* pushed last format first: jobs pop PNG, SVG, PDF */
				for (int fmt = RENDER_PDF; fmt >= 0; fmt--)
					if (q->o->formats & (1 << fmt)) {
						q->jobs[q->njobs++] = (size_t)(sl - q->slots) * 3 +
						    (size_t)fmt;
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

/* Builds and writes every wanted figure of st; *figs in registration order. */
static int
write_figures(const char *dir, const struct hp_study *st, const struct report_opts *o,
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
	q.st = st;
	q.o = o;
	q.ro = ro;
	for (const struct plot_kind *kind = plot_kinds; kind->name; kind++) {
		size_t k0 = 0, k1 = kind->per_objective ? st->nobj : 1;

		if (!want_plot(o, kind->name))
			continue;
		if (kind->per_objective && o->objective >= 0) {
			if ((size_t)o->objective >= st->nobj)
				continue;
			k0 = (size_t)o->objective;
			k1 = k0 + 1;
		}
		for (size_t k = k0; k < k1; k++) {
			struct fig_slot *sl;

			q.slots = hp_reallocarray(q.slots, q.nslots + 1, sizeof(*q.slots));
			sl = &q.slots[q.nslots++];
			memset(sl, 0, sizeof(*sl));
			sl->kind = kind;
			sl->k = k;
			if (kind->per_objective && st->nobj > 1)
				snprintf(sl->name, sizeof(sl->name), "%s_%zu", kind->name, k);
			else
				snprintf(sl->name, sizeof(sl->name), "%s", kind->name);
		}
	}
	q.jobs = hp_calloc(q.nslots * 3 + 1, sizeof(size_t));
	if (nth > 64)
		nth = 64;
	if ((size_t)nth > q.nslots)
		nth = q.nslots ? (int)q.nslots : 1;
	/* figure workers come out of the one thread budget (hp_pool_take);
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
		if (sl->rc == 0 && sl->built > 0 && sl->state == 2) {
			*figs = hp_reallocarray(*figs, *nfigs + 1, sizeof(**figs));
			(*figs)[*nfigs].name = hp_strdup(sl->name);
			(*figs)[*nfigs].title = hp_strdup(sl->f.title ? sl->f.title : "");
			(*figs)[*nfigs].formats = o->formats;
			(*figs)[*nfigs].width = sl->f.width;
			(*figs)[*nfigs].height = sl->f.height;
			(*figs)[*nfigs].hover = sl->hover;
			sl->hover = NULL;
			(*nfigs)++;
		}
		free(sl->hover);
		fig_release(&sl->f);
		render_cache_free(sl->cache);
	}
	free(q.slots);
	free(q.jobs);
	pthread_mutex_destroy(&q.mu);
	pthread_cond_destroy(&q.cv);
	return rc;
}

/* Figures, data and pages of one study into `dir`. */
static int
write_study(const char *dir, const struct hp_study *st, int in_set,
    const struct report_opts *o, int *output_error, struct hp_err *err)
{
	char *path = NULL;
	struct report_fig *figs = NULL;
	size_t nfigs = 0;
	struct render_opts ro = o->render;
	struct report_opts so = *o;	/* o, with st's params ranked once */
	struct hp_param_ranking *ranking = NULL;
	int rc = -1;

	ro.study = st->name;
	*output_error = 1;
	if (make_dir(dir, err) < 0)
		return -1;
#define PATH(...) (free(path), path = hp_sprintf(__VA_ARGS__))
	if (make_dir(PATH("%s/figures", dir), err) < 0 ||
	    make_dir(PATH("%s/data", dir), err) < 0 ||
	    write_study_json(PATH("%s/data/study.json", dir), st, err) < 0)
		goto out;
	{
		struct trials_job tj = { PATH("%s/data/trials.csv", dir), st, 0, { "" } };
		pthread_t th;
		int threaded = pthread_create(&th, NULL, trials_job_run, &tj) == 0;
		int frc;

		if (!threaded)
			trials_job_run(&tj);
		so.plot.ranking = ranking = plot_rankings(st, &o->plot);
		frc = write_figures(dir, st, &so, &ro, &figs, &nfigs, output_error, err);
		if (threaded)
			pthread_join(th, NULL);
		if (frc < 0)
			goto out;
		*output_error = 1;
		if (tj.rc < 0) {
			if (err)
				*err = tj.err;
			goto out;
		}
	}
	rc = report_html_study(dir, st, figs, nfigs, in_set, o, err);
#undef PATH
out:
	free(path);
	free_figs(figs, nfigs);
	plot_rankings_free(ranking, st->nobj);
	return rc;
}

/*
 * The comparison page of several studies: figures over all of them into
 * dir/figures and dir/data, then dir/index.html and dir/compare.html.
 * A figure over several studies is made when --plots names it, or names
 * the one-study figure it compares ("convergence", "edf").
 */
static int
write_compare(const char *dir, const struct hp_studyset *set, char *const *subdirs,
    const struct report_opts *o, int *output_error, struct hp_err *err)
{
	typedef int (*multi_fn)(const struct hp_study *const *, size_t, size_t,
	    const struct plot_opts *, struct fig *, struct hp_err *);
	static const struct {
		const char	*name;
		multi_fn	 build;
	} builders[] = {
		{ "compare_convergence", plot_compare_convergence },
		{ "edf", plot_edf_multi },
		{ NULL, NULL }
	};
	struct report_fig *figs = NULL;
	size_t nfigs = 0;
	struct render_opts ro = o->render;
	char *path = NULL;
	int rc = -1;

	*output_error = 1;
	path = hp_sprintf("%s/figures", dir);
	if (make_dir(path, err) < 0)
		goto out;
	free(path);
	path = hp_sprintf("%s/data", dir);
	if (make_dir(path, err) < 0)
		goto out;
	for (size_t i = 0; builders[i].name; i++) {
		struct fig f;
		int built;

		if (!want_plot(o, builders[i].name) &&
		    !want_plot(o, strcmp(builders[i].name, "edf") ? "convergence" : "edf"))
			continue;
		memset(&f, 0, sizeof(f));
		built = builders[i].build((const struct hp_study *const *)set->v, set->n,
		    o->objective > 0 ? (size_t)o->objective : 0, &o->plot, &f, err);
		if (built < 0) {
			*output_error = 0;
			fig_release(&f);
			goto out;
		}
		if (built == 0)
			continue;
		free(f.name);
		f.name = hp_strdup(builders[i].name);
		built = emit_fig(dir, &f, o, &ro, &figs, &nfigs, err);
		fig_release(&f);
		if (built < 0)
			goto out;
	}
	rc = report_html_index(dir, set, subdirs, figs, nfigs, o, err);
out:
	free(path);
	free_figs(figs, nfigs);
	return rc;
}

/* Moves the finished `tmp` to `dir`, replacing an earlier report. */
static int
swap_into_place(const char *tmp, const char *dir, int exists, struct hp_err *err)
{
	if (!exists) {
		if (rename(tmp, dir) != 0)
			return hp_err_set(err, "%s: %s", dir, strerror(errno));
		return 0;
	}
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, dir, RENAME_EXCHANGE) != 0) {
		/* file systems without RENAME_EXCHANGE: two renames */
		char *old = hp_sprintf("%s.old", tmp);
		int rc = 0;

		if (rename(dir, old) != 0)
			rc = hp_err_set(err, "%s: %s", dir, strerror(errno));
		else if (rename(tmp, dir) != 0) {
			int e = errno;

			rename(old, dir);
			rc = hp_err_set(err, "%s: %s", dir, strerror(e));
		} else
			rm_rf(old);
		free(old);
		return rc;
	}
	rm_rf(tmp);	/* now holds the previous report */
	return 0;
}

int
report_write(const struct hp_studyset *set, const struct report_opts *o,
    int *output_error, struct hp_err *err)
{
	char *tmp, *path = NULL;
	char *parent, *base, *slash;
	char **subdirs = NULL;
	int exists, rc = -1;
	struct report_opts po;		/* o, with the run's thread pool */
	struct hp_pool *pool = NULL;

	*output_error = 1;
	if (check_target(o->dir, o->force, &exists, err) < 0)
		return -1;
	parent = hp_strdup(o->dir);
	while (strlen(parent) > 1 && parent[strlen(parent) - 1] == '/')
		parent[strlen(parent) - 1] = '\0';
	slash = strrchr(parent, '/');
	if (slash == NULL) {
		base = hp_strdup(parent);
		free(parent);
		parent = hp_strdup(".");
	} else {
		base = hp_strdup(slash + 1);
		slash[slash == parent ? 1 : 0] = '\0';
	}
	tmp = hp_sprintf("%s/.%s.tmp-XXXXXX", parent, base);
	free(parent);
	free(base);
	if (mkdtemp(tmp) == NULL) {
		hp_err_set(err, "%s: cannot create a temporary directory beside it: %s",
		    o->dir, strerror(errno));
		free(tmp);
		return -1;
	}
	chmod(tmp, 0755);
	path = hp_sprintf("%s/" MARKER, tmp);
	if (write_text(path, "hpreport " HP_VERSION "\n", err) < 0)
		goto out;

	po = *o;
	po.plot.pool = pool = hp_pool_new(0);
	o = &po;
	if (set->n == 1) {
		if (write_study(tmp, set->v[0], 0, o, output_error, err) < 0)
			goto out;
	} else {
		subdirs = hp_calloc(set->n, sizeof(char *));
		for (size_t i = 0; i < set->n; i++) {
			char *safe = report_safe_name(set->v[i]->name);
			struct hp_buf b;

			/* two studies whose safe names collide get a suffix */
			hp_buf_init(&b);
			hp_buf_puts(&b, safe);
			for (size_t j = 0, n = 2; j < i; j++)
				if (strcmp(subdirs[j], b.s) == 0) {
					hp_buf_release(&b);
					hp_buf_printf(&b, "%s-%zu", safe, n++);
					j = (size_t)-1;
				}
			free(safe);
			subdirs[i] = b.s;
			free(path);
			path = hp_sprintf("%s/%s", tmp, subdirs[i]);
			if (write_study(path, set->v[i], 1, o, output_error, err) < 0)
				goto out;
		}
		*output_error = 1;
		if (write_compare(tmp, set, subdirs, o, output_error, err) < 0)
			goto out;
	}
	*output_error = 1;
	if (report_interrupted) {
		hp_err_set(err, "interrupted");
		goto out;
	}
	rc = swap_into_place(tmp, o->dir, exists, err);
out:
	if (rc < 0)
		rm_rf(tmp);
	free(tmp);
	free(path);
	hp_pool_free(pool);
	if (subdirs)
		for (size_t i = 0; i < set->n; i++)
			free(subdirs[i]);
	free(subdirs);
	return rc;
}
