/*
 * report: the pipeline from loaded studies to the report bundle -- for
 * each study its summary (data.c), its figures (jobs.c) and its page
 * (html.c); with several studies, the comparison figures and the index
 * page; all inside a temporary directory swapped into place at the end
 * (outdir.c).  See report.h.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/pool.h"
#include "internal.h"

volatile sig_atomic_t report_interrupted;

void
report_opts_defaults(struct report_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->formats = (1 << RENDER__COUNT) - 1;
	o->objective = -1;
	plot_opts_defaults(&o->plot);
	render_opts_defaults(&o->render);
}

static void
free_figs(struct report_fig *figs, size_t nfigs)
{
	for (size_t i = 0; i < nfigs; i++) {
		free(figs[i].name);
		free(figs[i].title);
		free(figs[i].hover);
		free(figs[i].omitted);
		free(figs[i].not_made);
		free(figs[i].caption);
		fig_table_release(&figs[i].data);
	}
	free(figs);
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

	j->rc = report_write_trials_csv(j->path, j->st, &j->err);
	return NULL;
}

/* summary.md as the studies are written. */
struct summary {
	struct hp_buf			 md;	/* the studies' sections */
	const struct hp_studyset	*set;
	struct report_baseline		*base;	/* --baseline; NULL = none */
};

/* Figures, data and pages of one study into `dir`; its section of
 * summary.md (study `idx` of the set, at `rel` from the top) into sum. */
static int
write_study(const char *dir, const struct hp_study *st, int in_set,
    const struct report_opts *o, struct summary *sum, size_t idx, const char *rel,
    int *output_error, struct hp_err *err)
{
	char *path = NULL;
	struct report_fig *figs = NULL;
	size_t nfigs = 0;
	struct render_opts ro = o->render;
	struct report_opts so = *o;	/* o with the study's importances */
	struct plot_ranking *ranking = NULL;
	int rc = -1;

	ro.study = st->name;
	*output_error = 1;
	if (report_mkdir(dir, err) < 0)
		return -1;
#define PATH(...) (free(path), path = hp_sprintf(__VA_ARGS__))
	if (report_mkdir(PATH("%s/figures", dir), err) < 0 ||
	    report_mkdir(PATH("%s/data", dir), err) < 0 ||
	    report_write_study_json(PATH("%s/data/study.json", dir), st, err) < 0)
		goto out;
	{
		struct trials_job tj = { PATH("%s/data/trials.csv", dir), st, 0, { "" } };
		pthread_t th;
		int threaded = pthread_create(&th, NULL, trials_job_run, &tj) == 0;
		int frc;

		if (!threaded)
			trials_job_run(&tj);
		/* importances once per objective for the importances figure
		 * and every figure that cuts the params, while trials.csv is
		 * written */
		so.plot.ranking = ranking = plot_rankings(st, &o->plot);
		frc = report_figures(dir, &st, 1, 0, &so, &ro, &figs, &nfigs, output_error, err);
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
	report_summary_study(&sum->md, sum->set, idx, rel, figs, nfigs, sum->base);
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
 * the one-study figure it compares (plot_kind.compares).
 */
static int
write_compare(const char *dir, const struct hp_studyset *set, char *const *subdirs,
    const struct report_opts *o, int *output_error, struct hp_err *err)
{
	struct report_fig *figs = NULL;
	size_t nfigs = 0;
	struct render_opts ro = o->render;
	char *path = NULL;
	int rc = -1;

	*output_error = 1;
	path = hp_sprintf("%s/figures", dir);
	if (report_mkdir(path, err) < 0)
		goto out;
	free(path);
	path = hp_sprintf("%s/data", dir);
	if (report_mkdir(path, err) < 0)
		goto out;
	if (report_figures(dir, (const struct hp_study *const *)set->v, set->n, 1, o,
	    &ro, &figs, &nfigs, output_error, err) < 0)
		goto out;
	*output_error = 1;
	rc = report_html_index(dir, set, subdirs, figs, nfigs, o, err);
out:
	free(path);
	free_figs(figs, nfigs);
	return rc;
}

int
report_write(const struct hp_studyset *set, const struct report_opts *o,
    int *output_error, struct hp_err *err)
{
	struct report_outdir od;
	struct report_opts po = *o;	/* o with the run's thread pool */
	struct hp_pool *pool = NULL;
	char *path = NULL, *tmp, *rel = NULL;
	char **subdirs = NULL;
	struct summary sum = { { NULL, 0, 0 }, set, NULL };
	int rc = -1;

	*output_error = 0;
	/* read first: it may be o->dir itself, about to be replaced */
	if (o->baseline && report_baseline_read(o->baseline, &sum.base, err) < 0)
		return -1;
	hp_buf_init(&sum.md);
	*output_error = 1;
	if (report_outdir_open(&od, o->dir, o->force, err) < 0) {
		report_outdir_release(&od);
		hp_buf_release(&sum.md);
		report_baseline_free(sum.base);
		return -1;
	}
	tmp = od.tmp;
	po.plot.pool = po.render.pool = pool = hp_pool_new(0);
	o = &po;
	if (set->n == 1) {
		if (write_study(tmp, set->v[0], 0, o, &sum, 0, "", output_error, err) < 0)
			goto out;
	} else {
		const char **names = hp_calloc(set->n, sizeof(char *));

		for (size_t i = 0; i < set->n; i++)
			names[i] = set->v[i]->name;
		subdirs = report_safe_names(names, set->n);
		free(names);
		for (size_t i = 0; i < set->n; i++) {
			free(path);
			path = hp_sprintf("%s/%s", tmp, subdirs[i]);
			free(rel);
			rel = hp_sprintf("%s/", subdirs[i]);
			if (write_study(path, set->v[i], 1, o, &sum, i, rel, output_error,
			    err) < 0)
				goto out;
		}
		*output_error = 1;
		if (write_compare(tmp, set, subdirs, o, output_error, err) < 0)
			goto out;
	}
	*output_error = 1;
	free(path);
	path = hp_sprintf("%s/summary.md", tmp);
	if (report_summary_write(path, set, subdirs, sum.base, sum.md.s, o, err) < 0)
		goto out;
	if (o->live) {	/* --watch: what the open pages check (html.c) */
		free(path);
		path = hp_sprintf("%s/data/live.js", tmp);
		free(rel);
		rel = hp_sprintf("hpLive(\"%s\");\n", o->live);
		if (report_write_text(path, rel, err) < 0)
			goto out;
	}
	if (report_interrupted) {
		hp_err_set(err, "interrupted");
		goto out;
	}
	rc = report_outdir_commit(&od, err);
out:
	hp_buf_release(&sum.md);
	report_baseline_free(sum.base);
	free(rel);
	hp_pool_free(pool);
	report_outdir_release(&od);
	free(path);
	if (subdirs)
		for (size_t i = 0; i < set->n; i++)
			free(subdirs[i]);
	free(subdirs);
	return rc;
}
