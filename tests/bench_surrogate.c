/*
 * bench_surrogate: times the importances and objective-dependence figures
 * on synthetic studies shaped like /work/shared/tools/make_large_study.py
 * (RandomSampler; params cycle log-float, float, int, categorical).  Not
 * part of `make check`; run through tests/bench_surrogate.sh.
 * Usage: bench_surrogate NTRIALS NPARAMS [GP|FOREST]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hpreport/analysis.h"
#include "hpreport/plot.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* CPU seconds of the process (all threads). */
static double
cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static struct hp_study *
make_study(size_t n, size_t p)
{
	struct hp_study *st = hp_study_new("large");
	struct hp_choice ch[4] = { { HP_CHOICE_STRING, 0, (char *)"a" },
	    { HP_CHOICE_STRING, 0, (char *)"b" }, { HP_CHOICE_STRING, 0, (char *)"c" },
	    { HP_CHOICE_STRING, 0, (char *)"d" } };
	static const double cv[4] = { 0, 0.2, 0.5, 1 };
	struct hp_dist dl = { .kind = HP_DIST_FLOAT, .low = 1e-4, .high = 1, .log = 1 };
	struct hp_dist df = { .kind = HP_DIST_FLOAT, .low = -3, .high = 3 };
	struct hp_dist di = { .kind = HP_DIST_INT, .low = 1, .high = 64, .step = 1 };
	struct hp_dist dc = { .kind = HP_DIST_CATEGORICAL, .choices = ch, .nchoices = 4 };
	struct hp_rng r;
	struct hp_err err = { 0 };

	hp_rng_seed(&r, 0);
	for (size_t t = 0; t < n; t++) {
		size_t ti = hp_study_add_trial(st, (int)t, HP_STATE_COMPLETE);
		double s = 0;

		for (size_t i = 0; i < p; i++) {
			char name[16];
			double v;

			snprintf(name, sizeof(name), "x%zu", i);
			switch (i % 4) {
			case 0:
				v = exp(log(1e-4) + hp_rng_uniform(&r) * -log(1e-4));
				s += pow(log10(v) + 2, 2) / (double)(i + 1);
				hp_study_set_param(st, ti, name, &dl, v, &err);
				break;
			case 1:
				v = -3 + 6 * hp_rng_uniform(&r);
				s += (v - 0.5) * (v - 0.5) / (double)(i + 1);
				hp_study_set_param(st, ti, name, &df, v, &err);
				break;
			case 2:
				v = 1 + (double)hp_rng_below(&r, 64);
				s += fabs(v - 20) / 20 / (double)(i + 1);
				hp_study_set_param(st, ti, name, &di, v, &err);
				break;
			default:
				v = (double)hp_rng_below(&r, 4);
				s += cv[(int)v] / (double)(i + 1);
				hp_study_set_param(st, ti, name, &dc, v, &err);
			}
		}
		hp_study_set_value(st, ti, 0, s + 0.01 * hp_rng_normal(&r));
	}
	if (hp_study_finish(st, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		exit(1);
	}
	return st;
}

int
main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 2000;
	size_t p = argc > 2 ? strtoul(argv[2], NULL, 10) : 8;
	struct hp_study *st = make_study(n, p);
	struct plot_opts o;
	struct fig f;
	struct hp_err err = { 0 };
	double t0, t1, t2, c0, c1;
	int rc;

	plot_opts_defaults(&o);
	if (argc > 3 && strcmp(argv[3], "GP") == 0)
		o.surrogate = PLOT_SURROGATE_GP;
	if (argc > 3 && strcmp(argv[3], "FOREST") == 0)
		o.surrogate = PLOT_SURROGATE_FOREST;
	c0 = cpu();
	t0 = now();
	rc = plot_importances(st, 0, &o, &f, &err);
	t1 = now();
	c1 = cpu();
	if (rc == 1) {
		printf("importances %zux%zu: %.3f s (cpu %.3f s)  (", n, p, t1 - t0, c1 - c0);
		for (size_t i = 0; i < f.data.nrows && i < 8; i++)
			printf("%s%s=%s", i ? " " : "", f.data.cells[i * 3],
			    f.data.cells[i * 3 + 1]);
		printf(")\n");
		fig_release(&f);
	} else {
		printf("importances failed: %s\n", err.msg);
	}
	c0 = cpu();
	t1 = now();
	rc = plot_objective(st, 0, &o, &f, &err);
	t2 = now();
	c1 = cpu();
	if (rc == 1) {
		printf("objective   %zux%zu: %.3f s (cpu %.3f s)  (%s)\n", n, p, t2 - t1,
		    c1 - c0, f.notes[0]);
		fig_release(&f);
	} else {
		printf("objective failed: %s\n", err.msg);
	}
	hp_study_free(st);
	return 0;
}
