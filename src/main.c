/*
 * main: the command line only -- options, progress, exit codes.
 *
 *     hpreport [OPTIONS] INPUT... -o DIR
 *     hpreport info [OPTIONS] INPUT...
 *     hpreport --watch[=SECONDS] [OPTIONS] INPUT... -o DIR
 *
 * Exit codes: 0 ok, 1 usage, 2 bad input, 3 output failure.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "hpreport/info.h"
#include "hpreport/load.h"
#include "hpreport/report.h"
#include "hpreport/watch.h"
#include "hpreport/select.h"

enum {
	EXIT_USAGE = 1,
	EXIT_INPUT = 2,
	EXIT_OUTPUT = 3
};

enum {
	OPT_STUDY = 256, OPT_PLOTS, OPT_PARAMS, OPT_OBJECTIVE, OPT_FORMAT,
	OPT_WIDTH, OPT_HEIGHT, OPT_DPI, OPT_STYLE, OPT_COLORMAP, OPT_TITLE,
	OPT_INPUT_FORMAT, OPT_METRIC, OPT_DIRECTION, OPT_FORCE, OPT_TEMPLATE,
	OPT_CONTOUR_GRID, OPT_SURROGATE, OPT_DEPENDENCE, OPT_REF_POINT, OPT_VERSION,
	OPT_TARGET,
	OPT_CONNECT_TIMEOUT, OPT_REDIS_PREFIX, OPT_MAX_PARAMS, OPT_CONTOUR_FILL,
	OPT_LIST, OPT_IMPORTANCE, OPT_WATCH, OPT_BASELINE, OPT_JSON,
	OPT_TRIALS, OPT_STATES, OPT_BEST, OPT_FONT
};

static const struct option longopts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "study", required_argument, NULL, OPT_STUDY },
	{ "plots", required_argument, NULL, OPT_PLOTS },
	{ "params", required_argument, NULL, OPT_PARAMS },
	{ "objective", required_argument, NULL, OPT_OBJECTIVE },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "width", required_argument, NULL, OPT_WIDTH },
	{ "height", required_argument, NULL, OPT_HEIGHT },
	{ "dpi", required_argument, NULL, OPT_DPI },
	{ "style", required_argument, NULL, OPT_STYLE },
	{ "colormap", required_argument, NULL, OPT_COLORMAP },
	{ "font", required_argument, NULL, OPT_FONT },
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "input-format", required_argument, NULL, OPT_INPUT_FORMAT },
	{ "metric", required_argument, NULL, OPT_METRIC },
	{ "direction", required_argument, NULL, OPT_DIRECTION },
	{ "target", required_argument, NULL, OPT_TARGET },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "template", required_argument, NULL, OPT_TEMPLATE },
	{ "contour-grid", required_argument, NULL, OPT_CONTOUR_GRID },
	{ "contour-fill", required_argument, NULL, OPT_CONTOUR_FILL },
	{ "surrogate", required_argument, NULL, OPT_SURROGATE },
	{ "dependence", required_argument, NULL, OPT_DEPENDENCE },
	{ "importance", required_argument, NULL, OPT_IMPORTANCE },
	{ "ref-point", required_argument, NULL, OPT_REF_POINT },
	{ "connect-timeout", required_argument, NULL, OPT_CONNECT_TIMEOUT },
	{ "redis-prefix", required_argument, NULL, OPT_REDIS_PREFIX },
	{ "max-params", required_argument, NULL, OPT_MAX_PARAMS },
	{ "watch", optional_argument, NULL, OPT_WATCH },
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "trials", required_argument, NULL, OPT_TRIALS },
	{ "states", required_argument, NULL, OPT_STATES },
	{ "best", required_argument, NULL, OPT_BEST },
	{ "list", required_argument, NULL, OPT_LIST },	/* for the completion; not in --help */
	{ "quiet", no_argument, NULL, 'q' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *fp)
{
	fprintf(fp,
"usage: hpreport [OPTIONS] INPUT... -o DIR\n"
"       hpreport info [--json] [OPTIONS] INPUT...\n"
"\n"
"Turns hyperparameter-search histories into figures and an HTML report.\n"
"INPUT is a file, a directory, or an Optuna storage URL:\n"
"postgresql[+DRIVER]://, mysql[+DRIVER]://, mariadb://, redis://, sqlite:///\n"
"\n"
"  -o, --output DIR       write the report here (replaced atomically)\n"
"      --study NAME       only this study of the input\n"
"      --plots LIST       figures to make, comma-separated (default: all):\n"
"                         ");
	for (const struct plot_kind *k = plot_kinds; k->name; k++)
		if (plot_kind_find(k->name) == k)	/* "edf" once */
			fprintf(fp, "%s%s", k == plot_kinds ? "" : ",", k->name);
	fprintf(fp, "\n"
"      --params LIST      only these params, in this order\n"
"      --max-params N|all matrix figures (contour, objective, evaluations,\n"
"                         rank) and parallel coordinates: the N most\n"
"                         important params (default 8)\n"
"      --target T         plot T instead of the objective: user_attrs.KEY\n"
"                         (a numeric user attribute), duration (seconds),\n"
"                         or values.N|NAME (one objective of several);\n"
"                         --direction says which is better\n"
"      --objective N|NAME only this objective (index or name, as Optuna's\n"
"                         set_metric_names gave it)\n"
"      --trials FROM:TO   only trials numbered FROM to TO, both included\n"
"                         (FROM: and :TO leave one end open)\n"
"      --states LIST      only trials in these states: complete, pruned,\n"
"                         fail, running, waiting\n"
"      --best N|P%%        only the best N trials, or best P percent, by\n"
"                         --objective's objective (several objectives and\n"
"                         none named: Pareto rank); after --trials, --states\n"
"      --format LIST      ");
	for (int i = 0; i < RENDER__COUNT; i++)
		fprintf(fp, "%s%s", i ? "," : "", render_backends[i].name);
	fprintf(fp, " (default: all)\n"
"      --width L, --height L\n"
"                         figure size in CSS pixels (1/96 in), or with a\n"
"                         unit: 3.5in, 8.4cm, 84mm, 252pt\n"
"      --dpi N            PNG resolution (default 144; 300 for paper style)\n"
"      --style screen|paper\n"
"                         paper: print type, no title, 3.5in wide by default\n"
"      --colormap viridis|cividis|blues\n"
"      --font FAMILY      every text of the figures in this installed font\n"
"                         family, embedded in the PDF and SVG (default\n"
"                         DejaVu Sans): e.g. \"Latin Modern Roman\", \"TeX\n"
"                         Gyre Termes\", \"Liberation Sans\"\n"
"      --title TEXT       figure title\n"
"      --contour-grid N   contour grid nodes per axis (default 100 for one\n"
"                         pair, 64 per panel of a contour matrix)\n"
"      --contour-fill smooth|laplace\n"
"                         contour surface: the trials' smoothed mean, each\n"
"                         categorical choice a band of its own (default), or\n"
"                         Optuna's best trial per node and Laplace fill\n"
"      --surrogate auto|gp|forest\n"
"                         model behind the objective figure (default auto:\n"
"                         a Gaussian process for small studies, else a forest)\n"
"      --dependence average|best\n"
"                         objective figure: partial dependence (default) or\n"
"                         the slice through the best trial\n"
"      --importance ped-anova|fanova\n"
"                         importances figure: PED-ANOVA, Optuna's default\n"
"                         since v5.0 (default), or fANOVA on a random\n"
"                         forest, Optuna's default up to v4.9\n"
"      --ref-point LIST   hypervolume reference point, one value per objective\n"
"      --input-format F   skip detection; one of:");
	for (const struct hp_format *f = hp_formats; f->name; f++)
		fprintf(fp, " %s", f->name);
	fprintf(fp, "\n"
"      --metric NAME      MLflow/NNI/W&B: the metric that is the objective\n"
"      --direction minimize|maximize\n"
"                         for inputs that do not store one, and --target's\n"
"      --connect-timeout S\n"
"                         database servers: seconds to connect and to wait\n"
"                         for each answer (default 10)\n"
"      --redis-prefix P   Redis journal: Optuna's key prefix (default: the\n"
"                         URL's ?prefix=, else none)\n"
"      --watch[=S]        keep going: write the report again whenever an\n"
"                         input changes, looking every S seconds (default\n"
"                         2; the value needs the '='), until interrupted;\n"
"                         open pages reload themselves\n"
"      --baseline OLD_DIR summary.md: changes since this earlier report\n"
"      --json             info: print one JSON document\n"
"      --force            replace DIR even if it is not an hpreport report\n"
"      --template DIR     HTML templates to use instead of the installed ones\n"
"  -q, --quiet            no progress on stderr\n"
"      --version, --help\n"
"\n"
"Exit codes: 0 ok, 1 usage, 2 bad input, 3 output failure.\n");
}

/*
 * A usage error: one line naming the problem and where the help is.
 * Every message of the command line starts with "hpreport: ".
 */
static int
usage_error(const char *fmt, ...)
{
	va_list ap;
	char *msg, *t;

	va_start(ap, fmt);
	msg = hp_vsprintf(fmt, ap);
	va_end(ap);
	t = hp_printable(msg);	/* it may quote the input's names */
	fprintf(stderr, "hpreport: %s (try 'hpreport --help')\n", t);
	free(t);
	free(msg);
	return EXIT_USAGE;
}

/* Splits a comma-separated list into a new NULL-terminated array. */
static char **
split_list(const char *s, size_t *n)
{
	char **v = NULL;
	const char *p = s;

	*n = 0;
	while (*p) {
		size_t len = strcspn(p, ",");

		if (len > 0) {
			v = hp_reallocarray(v, *n + 2, sizeof(char *));
			v[(*n)++] = hp_strndup(p, len);
			v[*n] = NULL;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	return v;
}

static void
free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int
parse_positive(const char *opt, const char *s, double lo, double hi, double *out)
{
	if (hp_parse_double(s, out) < 0 || !(*out >= lo && *out <= hi)) {
		usage_error("%s: expected a number from %g to %g, got \"%s\"", opt, lo, hi, s);
		return -1;
	}
	return 0;
}

/* A figure length: CSS pixels (1/96 in), or with a unit "in", "cm", "mm",
 * "pt" ("3.5in" is a paper column); *out in points, 75..15000. */
static int
parse_length(const char *opt, const char *s, double *out)
{
	static const struct {
		const char *unit;
		double pt;
	} units[] = { { "in", 72 }, { "cm", 72 / 2.54 }, { "mm", 72 / 25.4 },
	    { "pt", 1 }, { "px", 0.75 } };
	size_t len = strlen(s);
	double f = 0.75, v;
	char num[64];

	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (len > 2 && strcmp(s + len - 2, units[i].unit) == 0) {
			f = units[i].pt;
			len -= 2;
			break;
		}
	snprintf(num, sizeof(num), "%.*s", (int)(len < 63 ? len : 63), s);
	if (hp_parse_double(num, &v) < 0 || !(v * f >= 75 && v * f <= 15000)) {
		usage_error("%s: expected a length from 100 to 20000 px "
		    "(or with a unit: 3.5in, 8.4cm, 84mm, 252pt), got \"%s\"", opt, s);
		return -1;
	}
	*out = v * f;
	return 0;
}

/* Input text on stdout, made printable (hp_printable): a name or note
 * from the input must not reach the terminal as control sequences. */
static void
put_text(const char *s)
{
	char *t = hp_printable(s);

	fputs(t, stdout);
	free(t);
}

/* `hpreport info`: what was detected and loaded. */
static void
print_info(const char *path, const char *format, const struct hp_study *st)
{
	char buf[256], a[40], b[40];

	put_text(path);
	printf(": %s\nstudy \"", format);
	put_text(st->name);
	printf("\": %zu trial%s", st->ntrials,
	    st->ntrials == 1 ? "" : "s");
	for (int s = 0; s < HP_STATE__COUNT; s++) {
		size_t c = hp_study_count_state(st, (enum hp_state)s);

		if (c)
			printf(", %zu %s", c, hp_state_name((enum hp_state)s));
	}
	if (hp_study_constrained(st))
		printf("; %zu infeasible (a constraint > 0)", hp_study_count_infeasible(st));
	printf("\n");
	for (size_t k = 0; k < st->nobj; k++) {
		long bi = hp_study_best(st, k);

		printf("  objective %zu: ", k);
		put_text(st->objname[k] ? st->objname[k] : "value");
		printf(", %s", hp_direction_name(st->dir[k]));
		if (bi >= 0)
			printf(", best %s (trial %d)", hp_fmt_double(a, sizeof(a),
			    hp_study_value(st, (size_t)bi, k)), st->number[bi]);
		printf("\n");
	}
	for (size_t i = 0; i < st->nparams; i++) {
		const struct hp_param *p = &st->params[i];
		const struct hp_dist *d = &p->dist;
		size_t present = 0;

		for (size_t t = 0; t < st->ntrials; t++)
			present += !isnan(p->v[t]);
		printf("  param ");
		put_text(p->name);
		printf(": ");
		if (d->kind == HP_DIST_CATEGORICAL) {
			printf("categorical [");
			for (size_t c = 0; c < d->nchoices; c++) {
				printf("%s", c ? ", " : "");
				put_text(hp_choice_label(&d->choices[c], buf, sizeof(buf)));
			}
			printf("]");
		} else {
			printf("%s [%s, %s]", d->kind == HP_DIST_INT ? "int" : "float",
			    hp_fmt_double(a, sizeof(a), d->low), hp_fmt_double(b, sizeof(b), d->high));
			if (d->log)
				printf(" log");
			if (d->step > 0 && !(d->kind == HP_DIST_INT && d->step == 1))
				printf(" step %s", hp_fmt_double(a, sizeof(a), d->step));
		}
		if (p->inferred)
			printf(" (inferred)");
		if (present < st->ntrials)
			printf(", in %zu of %zu trials", present, st->ntrials);
		printf("\n");
	}
	{	/* what --target can name: numeric keys */
		size_t nk;
		struct hp_attr_key *ak = hp_study_user_attr_keys(st, &nk);

		for (size_t i = 0; i < nk; i++) {
			printf("  user attribute ");
			put_text(ak[i].key);
			printf(": %s", ak[i].nnumeric == ak[i].ntrials ? "numeric" :
			    ak[i].nnumeric == 0 ? "not numeric" : "partly numeric");
			if (ak[i].nnumeric && ak[i].nnumeric < ak[i].ntrials)
				printf(" (%zu numbers)", ak[i].nnumeric);
			printf(", in %zu of %zu trials\n", ak[i].ntrials, st->ntrials);
		}
		free(ak);
	}
	for (size_t i = 0; i < st->nnotes; i++) {
		printf("  note: ");
		put_text(st->notes[i]);
		printf("\n");
	}
}

/* report_opts.progress: a line per figure, as it is started. */
static void
print_progress(void *arg, const char *study, const char *figure)
{
	char *s = hp_printable(study);

	(void)arg;
	fprintf(stderr, "hpreport: %s: %s\n", s, figure);
	free(s);
}

/* report_opts.warn: a figure left out, always said (also with --quiet:
 * the report is not all there); or one --plots asked for that has nothing
 * to show ("not made: why"). */
static void
print_left_out(void *arg, const char *study, const char *figure, const char *why)
{
	(void)arg;
	fprintf(stderr, "hpreport: %s%s%s: %s%s\n", study ? study : "",
	    study ? ": " : "", figure,
	    strncmp(why, "not made: ", 10) == 0 ? "" : "left out: ", why);
}

/*
 * SIGINT/SIGTERM/SIGHUP: the report stops at the next figure and removes
 * its temporary directory (the previous report stays as it was).  A
 * figure that takes longer than 3 s to reach that point, or a second
 * signal, ends the process at once: only the hidden temporary directory
 * beside the output is left behind, which the next run for the same
 * output removes (report_outdir_open).
 */
static void
on_signal(int sig)
{
	if (sig == SIGALRM || report_interrupted)
		_exit(EXIT_OUTPUT);
	report_interrupted = 1;
	alarm(3);
}

/*
 * --list plots|formats|input-formats: the names the registries hold, one a
 * line, for the bash completion (hpreport.bash).  0, or -1 for an unknown
 * list.
 */
static int
print_list(const char *what)
{
	if (strcmp(what, "plots") == 0) {
		for (const struct plot_kind *k = plot_kinds; k->name; k++)
			if (plot_kind_find(k->name) == k)
				printf("%s\n", k->name);
	} else if (strcmp(what, "formats") == 0) {
		for (int i = 0; i < RENDER__COUNT; i++)
			printf("%s\n", render_backends[i].name);
	} else if (strcmp(what, "input-formats") == 0) {
		for (const struct hp_format *f = hp_formats; f->name; f++)
			printf("%s\n", f->name);
	} else
		return -1;
	return 0;
}

/* The command line, parsed. */
struct cli {
	struct hp_load_opts lo;
	struct report_opts ro;
	const char	*objective;	/* --objective as given: resolved once loaded */
	char		**plots, **params;	/* --plots, --params (owned) */
	size_t		 nplots, nparams;
	double		*ref;		/* --ref-point (owned) */
	struct hp_selection sel;	/* --trials, --states, --best */
	struct hp_target target;	/* --target, when has_target */
	int		 has_target;
	int		 info;		/* the info subcommand */
	int		 json;		/* info --json */
	cJSON		*jdoc;		/* info --json: the document being made */
	double		 watch;		/* --watch: seconds between looks; 0 = once */
	int		 progress;	/* progress lines on stderr */
	int		 done;		/* --help, --version or --list answered */
	char		**args;		/* the input operands [nargs] (argv's) */
	size_t		 nargs;
};

static void
cli_release(struct cli *c)
{
	free_list(c->plots, c->nplots);
	free_list(c->params, c->nparams);
	free(c->ref);
	cJSON_Delete(c->jdoc);
}

/*
 * Parses argv into c (set up here; cli_release frees it, whatever the
 * result).  Returns 0 (c->done: nothing more to do), or EXIT_USAGE after
 * printing the usage error.
 */
static int
parse_options(int argc, char *argv[], struct cli *c)
{
	struct report_opts *ro = &c->ro;
	struct hp_load_opts *lo = &c->lo;
	int ch, dpi_given = 0;
	double v;

	memset(c, 0, sizeof(*c));
	hp_load_opts_defaults(lo);
	report_opts_defaults(ro);
	hp_selection_init(&c->sel);
	c->progress = isatty(STDERR_FILENO);
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":o:qh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			ro->dir = optarg;
			break;
		case OPT_STUDY:
			lo->study = optarg;
			break;
		case OPT_PLOTS:
			free_list(c->plots, c->nplots);
			c->plots = split_list(optarg, &c->nplots);
			for (size_t i = 0; i < c->nplots; i++)
				if (plot_kind_find(c->plots[i]) == NULL)
					return usage_error("--plots: unknown figure \"%s\" "
					    "(see hpreport --help)", c->plots[i]);
			break;
		case OPT_PARAMS:
			free_list(c->params, c->nparams);
			c->params = split_list(optarg, &c->nparams);
			lo->params = c->params;	/* a W&B CSV's param columns */
			lo->nparams = c->nparams;
			break;
		case OPT_OBJECTIVE:
			if (*optarg == '\0')
				return usage_error("--objective: expected an index or a name");
			c->objective = optarg;
			break;
		case OPT_FORMAT: {
			size_t n;
			char **f = split_list(optarg, &n);

			ro->formats = 0;
			for (size_t i = 0; i < n; i++) {
				enum render_format fmt;

				if (render_format_parse(f[i], &fmt) < 0) {
					struct hp_buf names;

					hp_buf_init(&names);
					for (int b = 0; b < RENDER__COUNT; b++)
						hp_buf_printf(&names, "%s%s", b ? ", " : "",
						    render_backends[b].name);
					usage_error("--format: unknown format \"%s\" (%s)",
					    f[i], names.s);
					hp_buf_release(&names);
					free_list(f, n);
					return EXIT_USAGE;
				}
				ro->formats |= 1 << fmt;
			}
			free_list(f, n);
			if (ro->formats == 0)
				return usage_error("--format: empty list");
			/* the HTML page shows the PNG */
			ro->formats |= 1 << RENDER_PNG;
			break;
		}
		case OPT_WIDTH:
		case OPT_HEIGHT:
			if (parse_length(ch == OPT_WIDTH ? "--width" : "--height", optarg,
			    &v) < 0)
				return EXIT_USAGE;
			*(ch == OPT_WIDTH ? &ro->plot.width : &ro->plot.height) = v;
			break;
		case OPT_DPI:
			if (parse_positive("--dpi", optarg, 10, 2400, &ro->render.dpi) < 0)
				return EXIT_USAGE;
			dpi_given = 1;
			break;
		case OPT_STYLE:
			if (strcmp(optarg, "paper") == 0)
				ro->render.style = RENDER_STYLE_PAPER;
			else if (strcmp(optarg, "screen") == 0)
				ro->render.style = RENDER_STYLE_SCREEN;
			else
				return usage_error("--style: expected screen or paper");
			break;
		case OPT_COLORMAP:
			if (fig_cmap_parse(optarg, &ro->plot.cmap) < 0)
				return usage_error("--colormap: expected viridis, "
				    "cividis or blues");
			break;
		case OPT_FONT: {
			struct hp_err e = { 0 };

			if (render_font_check(optarg, &e) < 0)
				return usage_error("--font: %s", e.msg);
			ro->render.font = optarg;
			break;
		}
		case OPT_TITLE:
			ro->plot.title = optarg;
			break;
		case OPT_INPUT_FORMAT:
			if (hp_format_find(optarg) == NULL)
				return usage_error("--input-format: unknown format \"%s\" "
				    "(see hpreport --help)", optarg);
			lo->format = optarg;
			break;
		case OPT_METRIC:
			lo->metric = optarg;
			break;
		case OPT_DIRECTION:
			if (strcmp(optarg, "minimize") == 0)
				lo->direction = HP_DIR_MINIMIZE;
			else if (strcmp(optarg, "maximize") == 0)
				lo->direction = HP_DIR_MAXIMIZE;
			else
				return usage_error("--direction: expected minimize "
				    "or maximize");
			break;
		case OPT_TARGET: {
			struct hp_err e = { "" };

			if (hp_target_parse(&c->target, optarg, &e) < 0)
				return usage_error("--target: %s", e.msg);
			c->has_target = 1;
			break;
		}
		case OPT_CONNECT_TIMEOUT:
			if (parse_positive("--connect-timeout", optarg, 1, 3600, &v) < 0)
				return EXIT_USAGE;
			lo->connect_timeout = (int)v;
			break;
		case OPT_REDIS_PREFIX:
			lo->redis_prefix = optarg;
			break;
		case OPT_FORCE:
			ro->force = 1;
			break;
		case OPT_TEMPLATE:
			ro->templates = optarg;
			break;
		case OPT_CONTOUR_GRID:
			if (parse_positive("--contour-grid", optarg, 10, 1000, &v) < 0)
				return EXIT_USAGE;
			ro->plot.contour_grid = (int)v;
			break;
		case OPT_CONTOUR_FILL:
			if (strcmp(optarg, "smooth") == 0)
				ro->plot.contour_fill = PLOT_CONTOUR_SMOOTH;
			else if (strcmp(optarg, "laplace") == 0)
				ro->plot.contour_fill = PLOT_CONTOUR_LAPLACE;
			else
				return usage_error("--contour-fill: expected smooth or laplace");
			break;
		case OPT_MAX_PARAMS:
			if (strcmp(optarg, "all") == 0)
				ro->plot.max_params = -1;
			else if (parse_positive("--max-params", optarg, 2, 1000, &v) < 0)
				return EXIT_USAGE;
			else
				ro->plot.max_params = (int)v;
			break;
		case OPT_SURROGATE:
			if (strcmp(optarg, "auto") == 0)
				ro->plot.surrogate = PLOT_SURROGATE_AUTO;
			else if (strcmp(optarg, "gp") == 0)
				ro->plot.surrogate = PLOT_SURROGATE_GP;
			else if (strcmp(optarg, "forest") == 0)
				ro->plot.surrogate = PLOT_SURROGATE_FOREST;
			else
				return usage_error("--surrogate: expected auto, gp or forest");
			break;
		case OPT_DEPENDENCE:
			if (strcmp(optarg, "average") == 0)
				ro->plot.dependence = PLOT_DEPENDENCE_AVERAGE;
			else if (strcmp(optarg, "best") == 0)
				ro->plot.dependence = PLOT_DEPENDENCE_BEST;
			else
				return usage_error("--dependence: expected average or best");
			break;
		case OPT_IMPORTANCE:
			if (strcmp(optarg, "ped-anova") == 0)
				ro->plot.importance = PLOT_IMPORTANCE_PED_ANOVA;
			else if (strcmp(optarg, "fanova") == 0)
				ro->plot.importance = PLOT_IMPORTANCE_FANOVA;
			else
				return usage_error("--importance: expected ped-anova or fanova");
			break;
		case OPT_REF_POINT: {
			size_t n;
			char **f = split_list(optarg, &n);

			free(c->ref);
			c->ref = hp_calloc(n ? n : 1, sizeof(double));
			for (size_t i = 0; i < n; i++)
				if (hp_parse_double(f[i], &c->ref[i]) < 0 ||
				    !isfinite(c->ref[i])) {
					usage_error("--ref-point: \"%s\" is not a "
					    "finite number", f[i]);
					free_list(f, n);
					return EXIT_USAGE;
				}
			free_list(f, n);
			ro->plot.hv_ref = c->ref;
			ro->plot.nhv_ref = n;
			break;
		}
		case OPT_WATCH:
			c->watch = 2;
			if (optarg && parse_positive("--watch", optarg, 0.1, 86400,
			    &c->watch) < 0)
				return EXIT_USAGE;
			break;
		case OPT_BASELINE:
			ro->baseline = optarg;
			break;
		case OPT_JSON:
			c->json = 1;
			break;
		case OPT_TRIALS:
		case OPT_STATES:
		case OPT_BEST: {
			struct hp_err e = { "" };

			if ((ch == OPT_TRIALS ? hp_selection_parse_trials :
			    ch == OPT_STATES ? hp_selection_parse_states :
			    hp_selection_parse_best)(&c->sel, optarg, &e) < 0)
				return usage_error("--%s: %s", ch == OPT_TRIALS ? "trials" :
				    ch == OPT_STATES ? "states" : "best", e.msg);
			break;
		}
		case OPT_LIST:
			if (print_list(optarg) < 0)
				return usage_error("--list: expected plots, formats or "
				    "input-formats");
			c->done = 1;
			return 0;
		case 'q':
			c->progress = 0;
			break;
		case OPT_VERSION:
			printf("hpreport %s\n", HP_VERSION);
			c->done = 1;
			return 0;
		case 'h':
			usage(stdout);
			c->done = 1;
			return 0;
		case ':':
			return usage_error("option '%s' needs a value", argv[optind - 1]);
		default:
			if (optopt && optopt < 256)
				return usage_error("unknown option '-%c'", optopt);
			else if (optopt)
				return usage_error("option '%.*s' takes no value",
				    (int)strcspn(argv[optind - 1], "="), argv[optind - 1]);
			return usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	/* paper: the 300 dpi journals ask for, unless --dpi says otherwise */
	if (c->ro.render.style == RENDER_STYLE_PAPER && !dpi_given)
		c->ro.render.dpi = 300;
	/* the PNG must be drawable: the size given at the resolution given */
	for (int i = 0; i < 2; i++) {
		double pt = i ? c->ro.plot.height : c->ro.plot.width;
		double dpi = c->ro.render.dpi > 0 ? c->ro.render.dpi : 144;

		if (pt * dpi / 72 > RENDER_MAX_PIXELS)
			return usage_error("--%s %g px at --dpi %g makes PNG images %.0f "
			    "pixels %s, more than the limit of %d", i ? "height" : "width",
			    pt / 0.75, dpi, ceil(pt * dpi / 72), i ? "high" : "wide",
			    RENDER_MAX_PIXELS);
	}
	if (c->ro.plot.width * c->ro.plot.height * pow((c->ro.render.dpi > 0 ?
	    c->ro.render.dpi : 144) / 72, 2) > RENDER_MAX_AREA)
		return usage_error("--width %g px by --height %g px at --dpi %g makes "
		    "PNG images of more than %.0f pixels", c->ro.plot.width / 0.75,
		    c->ro.plot.height / 0.75, c->ro.render.dpi > 0 ? c->ro.render.dpi : 144,
		    RENDER_MAX_AREA);
	/* paper: one column wide unless --width says otherwise */
	if (c->ro.render.style == RENDER_STYLE_PAPER && c->ro.plot.width == 0)
		c->ro.plot.width = 252;
	/* the subcommand is the first operand, wherever the options are */
	if (!c->info && optind < argc && strcmp(argv[optind], "info") == 0) {
		c->info = 1;
		optind++;
	}
	if (c->sel.best > 0 && c->sel.states &&
	    !(c->sel.states & (1u << HP_STATE_COMPLETE)))
		return usage_error("--best ranks COMPLETE trials, which --states "
		    "leaves out");
	if (optind >= argc)
		return usage_error("no input given");
	if (c->json && !c->info)
		return usage_error("--json goes with info");
	if (c->watch > 0 && c->info)
		return usage_error("--watch makes a report, not info");
	/* "--watch 5": getopt leaves the 5 as an input */
	if (c->watch > 0 && strspn(argv[optind], "0123456789.") == strlen(argv[optind]) &&
	    access(argv[optind], F_OK) != 0)
		return usage_error("--watch takes its interval as --watch=%s", argv[optind]);
	if (!c->info && c->ro.dir == NULL)
		return usage_error("no output directory given (-o DIR)");
	c->args = argv + optind;
	c->nargs = (size_t)(argc - optind);
	return 0;
}

/* hp_load's directory search: each history found (info prints it with the
 * path it was found at) and each file skipped (said on stderr). */
static void
print_found(void *arg, const char *path, const char *format,
    const struct hp_studyset *set, size_t first, size_t n, const char *why)
{
	const struct cli *c = arg;

	if (format == NULL)
		fprintf(stderr, "hpreport: %s: skipped: %s\n", path, why);
	else if (c->info)
		for (size_t s = first; s < first + n; s++) {
			if (c->jdoc)
				info_json_add(c->jdoc, path, format, set->v[s]);
			else
				print_info(path, format, set->v[s]);
		}
}

/*
 * Runs the parsed command line: loads the inputs, then prints what they
 * hold (info) or writes the report.  Returns the exit code.
 */
static int
run(struct cli *c)
{
	struct report_opts *ro = &c->ro;
	struct hp_studyset set = { NULL, 0 };
	struct hp_err err = { "" };
	const char *objective = c->objective;
	char **inputs = NULL;
	size_t ninputs = 0;
	char *source = NULL, *title = NULL;
	int rc = 0, output_error;

	/* an installation without its templates fails before any work */
	if (!c->info && report_templates_check(ro, &err) < 0) {
		fprintf(stderr, "hpreport: %s\n", err.msg);
		rc = EXIT_OUTPUT;
		goto out;
	}
	/* inputs are named without their passwords everywhere from here on */
	if (c->json && c->jdoc == NULL)
		c->jdoc = cJSON_CreateArray();
	ninputs = c->nargs;
	inputs = hp_calloc(ninputs, sizeof(*inputs));
	for (size_t i = 0; i < ninputs; i++)
		inputs[i] = hp_input_name(c->args[i]);
	c->lo.found = print_found;
	c->lo.found_arg = c;
	for (size_t i = 0; i < ninputs; i++) {
		size_t before = set.n;
		const char *fmt;

		if (hp_load(c->args[i], &c->lo, &set, &fmt, &err) < 0) {
			fprintf(stderr, "hpreport: %s\n", err.msg);
			rc = EXIT_INPUT;
			goto out;
		}
		if (c->info && strcmp(fmt, HP_FORMAT_SEARCH) != 0)
			for (size_t s = before; s < set.n; s++) {
				if (c->jdoc)
					info_json_add(c->jdoc, inputs[i], fmt, set.v[s]);
				else
					print_info(inputs[i], fmt, set.v[s]);
			}
	}
	if (c->jdoc) {
		char *text = cJSON_Print(c->jdoc);

		printf("%s\n", text);
		free(text);
	}
	if (c->info)
		goto out;
	if (set.n == 0) {
		fprintf(stderr, "hpreport: %s: no study in the input\n", inputs[0]);
		rc = EXIT_INPUT;
		goto out;
	}
	/* the target, once: every figure, page and file reads it as the
	 * objective; --objective then names one of the target study's */
	for (size_t i = 0; c->has_target && i < set.n; i++) {
		struct hp_study *tst;

		c->target.dir = c->lo.direction;
		if ((tst = hp_study_retarget(set.v[i], &c->target, &err)) == NULL) {
			fprintf(stderr, "hpreport: --target: %s%s\n", err.msg, set.n > 1 ?
			    "; --study NAME reports one study of several" : "");
			rc = EXIT_INPUT;
			goto out;
		}
		hp_study_free(set.v[i]);
		set.v[i] = tst;
	}
	if (objective) {
		char *end;
		long k = strtol(objective, &end, 10);

		if (*end != '\0') {
			k = -1;
			for (size_t i = 0; i < set.v[0]->nobj; i++)
				if (set.v[0]->objname[i] && strcmp(set.v[0]->objname[i], objective) == 0)
					k = (long)i;
		}
		if (k < 0) {
			rc = usage_error("--objective: no objective \"%s\"", objective);
			goto out;
		}
		{	/* an index no study has would silently drop every figure */
			size_t maxobj = 0;

			for (size_t i = 0; i < set.n; i++)
				if (set.v[i]->nobj > maxobj)
					maxobj = set.v[i]->nobj;
			if ((size_t)k >= maxobj) {
				rc = usage_error("--objective %s: the study has %zu "
				    "objective%s (0..%zu)", objective, maxobj,
				    maxobj == 1 ? "" : "s", maxobj ? maxobj - 1 : 0);
				goto out;
			}
		}
		ro->objective = k;
	}
	/* the selection, once: every figure, page and file sees only it */
	c->sel.objective = ro->objective;
	for (size_t i = 0; hp_selection_active(&c->sel) && i < set.n; i++) {
		struct hp_study *sub = hp_study_select(set.v[i], &c->sel, &err);

		if (sub == NULL) {
			rc = usage_error("--best: %s", err.msg);
			goto out;
		}
		hp_study_free(set.v[i]);
		set.v[i] = sub;
		if (sub->ntrials == 0)
			fprintf(stderr, "hpreport: %s: warning: %s\n", sub->name,
			    sub->selection_note);
	}
	ro->plots = c->plots;
	ro->nplots = c->nplots;
	ro->plot.params = c->params;
	ro->plot.nparams = c->nparams;
	ro->inputs = (const char *const *)inputs;
	ro->ninputs = ninputs;
	/* a file name or title need not be UTF-8; what lands in files must */
	source = g_utf8_make_valid(inputs[0], -1);
	ro->render.source = source;
	if (ro->plot.title)
		ro->plot.title = title = g_utf8_make_valid(ro->plot.title, -1);
	if (c->progress)
		ro->progress = print_progress;
	ro->warn = print_left_out;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);	/* the terminal closed */
	signal(SIGALRM, on_signal);
	if (report_write(&set, ro, &output_error, &err) < 0) {
		fprintf(stderr, "hpreport: %s\n", err.msg);
		rc = output_error ? EXIT_OUTPUT : EXIT_INPUT;
		goto out;
	}
	if (c->progress)
		fprintf(stderr, "hpreport: wrote %s/index.html\n", ro->dir);
out:
	free_list(inputs, ninputs);
	g_free(source);
	g_free(title);
	hp_studyset_release(&set);
	return rc;
}

/* --watch: the report of the inputs as they are now (watch_run's render). */
static int
watch_render(void *arg, const char *generation)
{
	struct cli *c = arg;

	c->ro.live = generation;
	return run(c);
}

static void
watch_say(void *arg, const char *msg)
{
	(void)arg;
	fprintf(stderr, "hpreport: %s\n", msg);
}

int
main(int argc, char *argv[])
{
	struct cli c;
	int rc = parse_options(argc, argv, &c);

	if (rc == 0 && !c.done && c.watch > 0) {
		struct watch_opts wo = { c.watch, &c.lo, watch_render, watch_say, &c,
		    &report_interrupted };

		/* the page looks for a new report as often as the inputs are
		 * looked at, but not more than twice a second */
		c.ro.live_ms = (int)(c.watch * 1000);
		signal(SIGINT, on_signal);
		signal(SIGTERM, on_signal);
		signal(SIGHUP, on_signal);
		signal(SIGALRM, on_signal);
		rc = watch_run(c.args, c.nargs, &wo);
		alarm(0);
	} else if (rc == 0 && !c.done)
		rc = run(&c);
	cli_release(&c);
	return rc;
}
