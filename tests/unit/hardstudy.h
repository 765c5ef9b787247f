/*
 * hardstudy: the study the figure-quality tests of issue 13 use, built with
 * the study builder API -- 16 params (long dotted names, CJK names, a
 * 40-choice categorical, log and int params), HARD_N trials of which some
 * FAIL or stay RUNNING with no duration and some are PRUNED, learning
 * curves for the first 40 trials, and objective values spanning about
 * 1e-6 .. 1e3 (minimize).  Deterministic (no random numbers).  The best
 * trial is HARD_BEST; most trials use the first few activation choices,
 * the best uses choice HARD_BEST_ACT.
 */
#ifndef HP_HARDSTUDY_H
#define HP_HARDSTUDY_H

#include "hpreport/study.h"

#define HARD_N		400
#define HARD_NPARAMS	16
#define HARD_BEST	238
#define HARD_BEST_ACT	17
#define HARD_LONG	"encoder.layer.0.attention.dropout"
#define HARD_LONG2	"encoder.layer.0.feedforward.dropout"

/* A deterministic value in [0, 1) from i and j. */
static inline double
hard_u(int i, int j)
{
	unsigned h = (unsigned)i * 2654435761u ^ (unsigned)(j + 1) * 40503u;

	h ^= h >> 13;
	h *= 0x5bd1e995u;
	h ^= h >> 15;
	return (double)(h % 100000) / 100000.0;
}

static inline struct hp_study *
hardstudy(void)
{
	static const char *const names[HARD_NPARAMS] = {
		"\xe5\xad\xa6\xe7\xbf\x92\xe7\x8e\x87",	/* 学習率 */
		HARD_LONG, HARD_LONG2,
		"\xe3\x83\x90\xe3\x83\x83\xe3\x83\x81\xe3\x82\xb5\xe3\x82\xa4\xe3\x82\xba", /* バッチサイズ */
		"activation", "optimizer", "weight_decay", "num_layers",
		"hidden_size", "warmup_ratio",
		"decoder.layer.5.cross_attention.dropout", "label_smoothing",
		"grad_clip", "scheduler", "beta1", "seed_offset" };
	static char acts[40][8];
	static const char *const opts[3] = { "adam", "sgd", "rmsprop" };
	struct hp_study *st = hp_study_new("hard");
	struct hp_choice ach[40], och[3];
	enum hp_direction dir = HP_DIR_MINIMIZE;
	struct hp_err err;

	for (int c = 0; c < 40; c++) {
		snprintf(acts[c], sizeof(acts[c]), "act_%02d", c);
		ach[c] = (struct hp_choice){ HP_CHOICE_STRING, 0, acts[c] };
	}
	for (int c = 0; c < 3; c++)
		och[c] = (struct hp_choice){ HP_CHOICE_STRING, 0, (char *)opts[c] };
	hp_study_set_directions(st, 1, &dir);
	for (int i = 0; i < HARD_N; i++) {
		enum hp_state s = i % 37 == 5 ? HP_STATE_FAIL : i % 23 == 7 ?
		    HP_STATE_PRUNED : i >= HARD_N - 3 ? HP_STATE_RUNNING :
		    HP_STATE_COMPLETE;
		size_t t = hp_study_add_trial(st, i, s);
		double e = 0;

		for (int j = 0; j < HARD_NPARAMS; j++) {
			struct hp_dist d = { HP_DIST_FLOAT, 0, 1, 0, 0, NULL, 0 };
			double u = hard_u(i, j), v;

			switch (j) {
			case 0:	/* log lr, the important one */
				d.low = 1e-6, d.high = 1e-1, d.log = 1;
				v = pow(10, -6 + 5 * u);
				e += (log10(v) + 3.5) * (log10(v) + 3.5) * 0.9;
				break;
			case 3: case 8:	/* log ints */
				d.kind = HP_DIST_INT, d.step = 1, d.log = 1;
				d.low = j == 3 ? 16 : 64, d.high = j == 3 ? 1024 : 4096;
				v = round(d.low * pow(d.high / d.low, u));
				if (j == 3)
					e += fabs(log2(v) - 7) * 0.3;
				break;
			case 4:	/* 40 choices, most trials on the first few */
				d.kind = HP_DIST_CATEGORICAL, d.choices = ach, d.nchoices = 40;
				v = i == HARD_BEST ? HARD_BEST_ACT : floor(pow(u, 3) * 40);
				e += v == HARD_BEST_ACT ? 0 : 0.8;
				break;
			case 5: case 13:
				d.kind = HP_DIST_CATEGORICAL;
				d.choices = j == 5 ? och : ach, d.nchoices = j == 5 ? 3 : 4;
				v = floor(u * (double)d.nchoices);
				break;
			case 6:
				d.low = 1e-8, d.high = 1e-2, d.log = 1;
				v = pow(10, -8 + 6 * u);
				break;
			case 7:
				d.kind = HP_DIST_INT, d.step = 1, d.low = 1, d.high = 12;
				v = 1 + floor(u * 12);
				break;
			case 15:
				d.kind = HP_DIST_INT, d.step = 1, d.low = 0, d.high = 100000;
				v = floor(u * 100000);
				break;
			default:
				d.high = 0.5;
				v = u * 0.5;
				if (j == 1)
					e += (v - 0.1) * (v - 0.1) * 8;
				break;
			}
			if (hp_study_set_param(st, t, names[j], &d, v, &err) < 0)
				fail_msg("%s", err.msg);
		}
		if (i == HARD_BEST)
			e = 0;
		/* FAIL ends as it starts; RUNNING has no end */
		hp_study_set_times(st, t, 40.0 * i, s == HP_STATE_FAIL ? 40.0 * i :
		    s == HP_STATE_RUNNING ? NAN : 40.0 * i + 5 + 30 * hard_u(i, 99));
		if (s == HP_STATE_COMPLETE)
			hp_study_set_value(st, t, 0, pow(10, -6 + fmin(e, 9)));
		if (i < 40 || i == HARD_BEST)
			for (int k = 0; k < 20; k++)
				hp_study_add_intermediate(st, t, k, pow(10,
				    -6 + fmin(e, 9) + 3 * exp(-k / 4.0)));
	}
	if (hp_study_finish(st, &err) < 0)
		fail_msg("%s", err.msg);
	return st;
}

#endif
