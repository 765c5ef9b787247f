/*
 * figstudy: a small study built with the study builder API for the figure
 * tests -- four params (layers int, lr log float, mom conditional float,
 * opt categorical), 40 trials, minimize unless told otherwise; trial 5
 * FAILs, trial 6 is PRUNED, trial 7 has +inf.  The best trial is 33.
 */
#ifndef HP_FIGSTUDY_H
#define HP_FIGSTUDY_H

#include <png.h>
#include <unistd.h>

#include "hpreport/load.h"
#include "hpreport/render.h"
#include "hpreport/study.h"
#include "figtext.h"

#define FIGSTUDY_N		40
#define FIGSTUDY_FINITE		37	/* COMPLETE with a finite value */
#define FIGSTUDY_WITH_MOM	12	/* of those, trials with opt = sgd */
#define FIGSTUDY_BEST		33

static inline struct hp_study *
figstudy(enum hp_direction dir, size_t nobj)
{
	struct hp_study *st = hp_study_new("figs");
	struct hp_choice ch[3] = { { HP_CHOICE_STRING, 0, (char *)"adam" },
	    { HP_CHOICE_STRING, 0, (char *)"sgd" }, { HP_CHOICE_STRING, 0, (char *)"rmsprop" } };
	struct hp_dist dlr = { HP_DIST_FLOAT, 1e-5, 1e-1, 0, 1, NULL, 0 };
	struct hp_dist dl = { HP_DIST_INT, 1, 6, 1, 0, NULL, 0 };
	struct hp_dist dm = { HP_DIST_FLOAT, 0, 0.99, 0, 0, NULL, 0 };
	struct hp_dist dopt = { HP_DIST_CATEGORICAL, 0, 0, 0, 0, ch, 3 };
	enum hp_direction dirs[2] = { dir, HP_DIR_MAXIMIZE };
	struct hp_err err;

	hp_study_set_directions(st, nobj, dirs);
	if (nobj > 1)
		hp_study_set_objective_name(st, 1, "accuracy");
	for (int i = 0; i < FIGSTUDY_N; i++) {
		enum hp_state s = i == 5 ? HP_STATE_FAIL : i == 6 ? HP_STATE_PRUNED :
		    HP_STATE_COMPLETE;
		size_t t = hp_study_add_trial(st, i, s);
		double lr = pow(10, -5 + 4.0 * ((i * 7) % 40) / 39.0);
		int layers = 1 + (i * 5) % 6, opt = (i * 2) % 3;
		/* best (smallest) at i = 33: lr 10^-3 region */
		double v = i == FIGSTUDY_BEST ? 0.01 : 1 + fabs(log10(lr) + 3) +
		    0.1 * layers + opt * 0.2;

		hp_study_set_param(st, t, "lr", &dlr, lr, &err);
		hp_study_set_param(st, t, "layers", &dl, layers, &err);
		hp_study_set_param(st, t, "opt", &dopt, opt, &err);
		if (opt == 1)
			hp_study_set_param(st, t, "mom", &dm, 0.02 * i, &err);
		if (s == HP_STATE_COMPLETE) {
			hp_study_set_value(st, t, 0, i == 7 ? INFINITY : v);
			if (nobj > 1)
				hp_study_set_value(st, t, 1, 100 - v * i);
		}
	}
	if (hp_study_finish(st, &err) < 0)
		fail_msg("%s", err.msg);
	return st;
}

/* Number of marks of kind k in panel p. */
static inline size_t
count_marks(const struct fig_panel *p, enum fig_mark_kind k)
{
	size_t n = 0;

	for (size_t i = 0; i < p->nmarks; i++)
		n += p->marks[i].kind == k;
	return n;
}

/* The first star-shaped point mark of p, or NULL. */
static inline const struct fig_mark *
find_star(const struct fig_panel *p)
{
	for (size_t i = 0; i < p->nmarks; i++)
		if (p->marks[i].kind == FIG_MARK_POINTS &&
		    p->marks[i].shape == FIG_SHAPE_STAR)
			return &p->marks[i];
	return NULL;
}

static inline int
has_note(const struct fig *f, const char *needle)
{
	for (size_t i = 0; i < f->nnotes; i++)
		if (strstr(f->notes[i], needle))
			return 1;
	return 0;
}

/* The study `name` of the Optuna 3.1 fixture (fixtures/optuna-3.1/study.db);
 * free with hp_studyset_release(set). */
static inline struct hp_study *
fixture_study(const char *name, struct hp_studyset *set)
{
	struct hp_load_opts lo;
	struct hp_err err;

	hp_load_opts_defaults(&lo);
	lo.study = name;
	memset(set, 0, sizeof(*set));
	if (hp_load(testdata("optuna-3.1/study.db"), &lo, set, NULL, &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(set->n, 1);
	return set->v[0];
}

/*
 * f rendered as a PNG at the default 144 dpi (2 pixels a point) and
 * decoded: RGBA rows of *w pixels, *h of them.  Caller frees.
 */
static inline unsigned char *
render_rgba(const struct fig *f, unsigned *w, unsigned *h)
{
	char dir[] = "/tmp/hpfigtest.XXXXXX", path[600];
	struct render_opts ro;
	struct hp_err err;
	png_image img;
	unsigned char *px;

	assert_non_null(mkdtemp(dir));
	render_opts_defaults(&ro);
	snprintf(path, sizeof(path), "%s/%s.png", dir, f->name);
	if (render_write(f, path, RENDER_PNG, &ro, &err) < 0)
		fail_msg("%s", err.msg);
	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	assert_true(png_image_begin_read_from_file(&img, path));
	img.format = PNG_FORMAT_RGBA;
	px = malloc(PNG_IMAGE_SIZE(img));
	assert_true(png_image_finish_read(&img, NULL, px, 0, NULL));
	unlink(path);
	rmdir(dir);
	*w = img.width;
	*h = img.height;
	return px;
}

/*
 * Renders f to a PNG file, decodes it with libpng and checks that it is
 * not blank: the expected size, and a good share of pixels that are
 * neither white nor transparent, in more than a few colours.  Also writes
 * SVG and PDF and checks they are not empty.
 */
static inline void
png_should_not_be_blank(const struct fig *f)
{
	char dir[] = "/tmp/hpfigtest.XXXXXX", path[600];
	struct render_opts ro;
	struct hp_err err;
	unsigned w, h;
	unsigned char *px = render_rgba(f, &w, &h);
	size_t inked = 0, ncol = 0;
	unsigned cols[64];
	FILE *fp;

	assert_non_null(mkdtemp(dir));
	render_opts_defaults(&ro);
	/* 144 dpi: points * 2 */
	assert_true(fabs(w - f->width * ro.dpi / 72) <= 2);
	assert_true(fabs(h - f->height * ro.dpi / 72) <= 2);
	for (size_t i = 0; i < (size_t)w * h; i++) {
		unsigned char *p = px + 4 * i;
		unsigned c = (unsigned)(p[0] >> 4) << 8 | (unsigned)(p[1] >> 4) << 4 | (p[2] >> 4);

		if (p[3] < 128 || (p[0] > 245 && p[1] > 245 && p[2] > 245))
			continue;
		inked++;
		if (ncol < 64) {
			size_t j;

			for (j = 0; j < ncol && cols[j] != c; j++)
				;
			if (j == ncol)
				cols[ncol++] = c;
		}
	}
	assert_true(inked > (size_t)w * h / 50);
	assert_true(ncol >= 8);
	free(px);
	for (int fmt = RENDER_SVG; fmt <= RENDER_PDF; fmt++) {
		snprintf(path, sizeof(path), "%s/%s.%s", dir, f->name,
		    render_format_ext((enum render_format)fmt));
		if (render_write(f, path, (enum render_format)fmt, &ro, &err) < 0)
			fail_msg("%s", err.msg);
		fp = fopen(path, "rb");
		assert_non_null(fp);
		fseek(fp, 0, SEEK_END);
		assert_true(ftell(fp) > 1000);
		fclose(fp);
		unlink(path);
	}
	rmdir(dir);
}

#endif
