/*
 * watch: the loop behind `hpreport --watch` (see watch.h).  It sits beside
 * main.c rather than in src/report/ because it drives both halves of the
 * pipeline -- the inputs are looked at and loaded again (load/), the
 * report written again (report/) -- through the one render call main.c
 * gives it; like everything but main.c it returns instead of exiting.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hpreport/watch.h"

/* Sleeps `seconds`, waking every 50 ms to see whether to stop. */
static void
nap(double seconds, volatile sig_atomic_t *stop)
{
	struct timespec step = { 0, 50 * 1000 * 1000 };

	for (double t = 0; t < seconds && !*stop; t += 0.05)
		nanosleep(&step, NULL);
}

/* Reads every stamp into now[]: 1 when any differs from was[]. */
static int
look(struct hp_stamp **st, size_t n, uint64_t *was, const struct watch_opts *o,
    char **said)
{
	int changed = 0;

	for (size_t i = 0; i < n && !*o->stop; i++) {
		struct hp_err err = { "" };
		uint64_t h;

		if (hp_stamp_read(st[i], &h, &err) < 0) {
			/* said once, not at every look */
			if (o->say && (*said == NULL || strcmp(*said, err.msg) != 0))
				o->say(o->arg, err.msg);
			free(*said);
			*said = hp_strdup(err.msg);
			continue;
		}
		if (h != was[i])
			changed = 1;
		was[i] = h;
	}
	return changed;
}

int
watch_run(char *const *inputs, size_t ninputs, const struct watch_opts *o)
{
	struct hp_stamp **st = hp_calloc(ninputs ? ninputs : 1, sizeof(*st));
	uint64_t *was = hp_calloc(ninputs ? ninputs : 1, sizeof(*was));
	long long start = (long long)time(NULL);
	unsigned gen = 0;
	char *said = NULL, *token;
	int rc, retry = 0;

	for (size_t i = 0; i < ninputs; i++)
		st[i] = hp_stamp_new(inputs[i], o->load);
	/* looked at before the first render: a change during it counts */
	look(st, ninputs, was, o, &said);
	token = hp_sprintf("%lld-%ld-%u", start, (long)getpid(), ++gen);
	rc = o->render(o->arg, token);
	free(token);
	if (*o->stop)
		rc = 0;
	while (rc == 0 && !*o->stop) {
		nap(o->interval, o->stop);
		if (*o->stop)
			break;
		if (!look(st, ninputs, was, o, &said) && !retry)
			continue;
		if (*o->stop)
			break;
		token = hp_sprintf("%lld-%ld-%u", start, (long)getpid(), ++gen);
		/* a failure was printed; the report before it stays */
		retry = o->render(o->arg, token) != 0 && !retry;
		free(token);
	}
	for (size_t i = 0; i < ninputs; i++)
		hp_stamp_free(st[i]);
	free(st);
	free(was);
	free(said);
	return rc;
}
