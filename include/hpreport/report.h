/*
 * report: writes the report bundle for a set of studies, a layout that
 * scripts may rely on:
 *
 *     DIR/index.html            overview, figures, trials table
 *     DIR/figures/NAME.{png,svg,pdf}
 *     DIR/figures/NAME.txt      the figure's caption
 *     DIR/data/NAME.csv         what a figure derives (a figure that plots
 *                               trials as they are has none)
 *     DIR/data/trials.csv       every trial's values once
 *     DIR/data/study.json
 *     DIR/summary.md            the studies in Markdown, for CI pages
 *
 * With several studies each gets a subdirectory of DIR (a file-system-safe
 * name from the study name) with that layout, and DIR/index.html links
 * them.  Everything is written into a temporary directory beside DIR and
 * renamed into place only when complete, so a failed or interrupted run
 * leaves an existing report as it was.
 */
#ifndef HPREPORT_REPORT_H
#define HPREPORT_REPORT_H

#include <signal.h>

#include "hpreport/plot.h"
#include "hpreport/render.h"
#include "hpreport/study.h"

struct report_opts {
	const char	*dir;		/* output directory */
	int		 formats;	/* bit (1 << RENDER_*) per format written */
	char		**plots;	/* figure names to make; NULL = all */
	size_t		 nplots;
	long		 objective;	/* only this objective; -1 = every one */
	int		 force;		/* replace a directory that is not a report */
	const char	*templates;	/* template directory; NULL = installed/default */
	const char	*const *inputs;	/* input paths, for provenance */
	size_t		 ninputs;
	/* called before each figure of a study is built (not the comparison
	 * page's), from whichever thread builds it, one call at a time;
	 * NULL = none */
	void		(*progress)(void *arg, const char *study, const char *figure);
	void		*progress_arg;
	/* called for each figure that cannot be drawn and is left out (the
	 * page says why in its place; the run goes on), in page order, one
	 * call at a time; study is NULL on the comparison page; NULL = none */
	void		(*warn)(void *arg, const char *study, const char *figure,
			    const char *why);
	void		*warn_arg;
	/* --watch: the report's generation, a token of [0-9A-Za-z-] written
	 * to data/live.js, which the pages load again every live_ms
	 * milliseconds and reload themselves when it changes; NULL = a
	 * report that does not change */
	const char	*live;
	int		 live_ms;
	/* --baseline: an earlier report whose data/study.json files summary.md
	 * compares with; NULL = none */
	const char	*baseline;
	struct plot_opts plot;
	struct render_opts render;
};

void report_opts_defaults(struct report_opts *o);

/* Set by a signal handler: report_write stops at the next figure and
 * removes its temporary directory. */
extern volatile sig_atomic_t report_interrupted;

/*
 * Writes the report of `set` into o->dir.  Returns 0, or -1 with err.  On
 * failure nothing under o->dir has changed.  `*output_error` is set to 1
 * when the failure was writing output (exit code 3) rather than a study
 * that cannot be drawn.  The figures are built on a thread pool of
 * hp_pool_default_threads() made for the run (o->plot.pool is not used).
 */
int report_write(const struct hp_studyset *set, const struct report_opts *o,
    int *output_error, struct hp_err *err);

/* Every template the report uses can be found: 0, or -1 with err. */
int report_templates_check(const struct report_opts *o, struct hp_err *err);

#endif
