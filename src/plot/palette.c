/*
 * palette: fixed categorical colours shared by figures -- one per trial
 * state, Optuna's grey for infeasible trials, and a cycle for series (one
 * per study), and the one colour of data drawn in no other (bars, one
 * series of points).  Okabe-Ito colours, which
 * stay distinct under the common colour-vision deficiencies.
 *
 * This stays with the builders rather than in src/figure/: it gives study
 * things (trial states, studies) their colours, a choice the builders make,
 * while a figure description only carries the colours chosen.  In the
 * figure layer it would make figure.h depend on study.h (enum hp_state);
 * its users -- the builders and the report page's state badges -- include
 * plot.h already.
 */
#include "hpreport/plot.h"

struct fig_rgba
plot_state_color(enum hp_state s)
{
	switch (s) {
	case HP_STATE_COMPLETE:
		return (struct fig_rgba)FIG_BLUE;
	case HP_STATE_PRUNED:
		return (struct fig_rgba){ 0.902, 0.624, 0.000, 1 };	/* orange */
	case HP_STATE_FAIL:
		return (struct fig_rgba){ 0.835, 0.369, 0.000, 1 };	/* vermillion */
	case HP_STATE_RUNNING:
		return (struct fig_rgba){ 0.000, 0.620, 0.451, 1 };	/* green */
	default:
		return (struct fig_rgba){ 0.60, 0.60, 0.60, 1 };	/* grey */
	}
}

struct fig_rgba
plot_infeasible_color(void)
{
	return (struct fig_rgba){ 0.8, 0.8, 0.8, 1 };	/* #cccccc */
}

struct fig_rgba
plot_series_color(size_t i)
{
	static const struct fig_rgba c[] = {
		FIG_BLUE,
		{ 0.902, 0.624, 0.000, 1 },	/* orange */
		{ 0.000, 0.620, 0.451, 1 },	/* bluish green */
		{ 0.800, 0.475, 0.655, 1 },	/* reddish purple */
		{ 0.337, 0.706, 0.914, 1 },	/* sky blue */
		{ 0.835, 0.369, 0.000, 1 },	/* vermillion */
		{ 0.941, 0.894, 0.259, 1 },	/* yellow */
		{ 0.30, 0.30, 0.30, 1 },	/* dark grey */
	};

	return c[i % (sizeof(c) / sizeof(c[0]))];
}

struct fig_rgba
plot_data_color(double alpha)
{
	struct fig_rgba c = FIG_BLUE;

	c.a = alpha;
	return c;
}
