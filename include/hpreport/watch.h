/*
 * watch: `hpreport --watch`: writes the report, then looks at the inputs
 * every few seconds (hp_stamp_read: cheap for files, a read-only load for
 * database servers) and writes it again whenever one has changed, until
 * told to stop.  Each report is swapped in whole (report_write), carries a
 * new generation for the page's reload check (report_opts.live), and a
 * failed one leaves the one before it in place.
 */
#ifndef HPREPORT_WATCH_H
#define HPREPORT_WATCH_H

#include <signal.h>

#include "hpreport/load.h"

struct watch_opts {
	double		 interval;	/* seconds between looks (> 0) */
	const struct hp_load_opts *load; /* how the inputs are loaded */
	/* loads the inputs and writes the report whose pages carry
	 * `generation` (a short token, new for every call); returns 0, or
	 * an exit code after printing why */
	int		(*render)(void *arg, const char *generation);
	/* an input that could not be looked at (gone, server down); NULL = quiet */
	void		(*say)(void *arg, const char *msg);
	void		*arg;		/* passed to render and say */
	volatile sig_atomic_t *stop;	/* set (by a signal handler) to stop */
};

/*
 * Renders once, then again after each change of an input among
 * inputs[ninputs] (looked at every o->interval seconds; a render that
 * fails is tried once more at the next look, then only after the next
 * change).  Returns 0 once *o->stop is set (the last complete report
 * stays), or the first render's exit code when that one fails.
 */
int watch_run(char *const *inputs, size_t ninputs, const struct watch_opts *o);

#endif
