/*
 * internal: what the files of src/report/ share; not part of the public
 * interface (report.h).  Unit tests include it by relative path.
 *
 *     report.c    orchestration: one study, several, the comparison page
 *     jobs.c      the figure scheduler: build, render every format, data
 *     data.c      data/trials.csv, data/study.json
 *     caption.c   a figure's caption: figures/NAME.txt and the page's
 *     outdir.c    temporary directory, atomic swap, safe names
 *     html.c      the pages; template.c the template language
 *     geometry.c  where trial marks land, for the tooltips
 */
#ifndef HPREPORT_REPORT_INTERNAL_H
#define HPREPORT_REPORT_INTERNAL_H

#include <cjson/cJSON.h>

#include "hpreport/report.h"

/* --- jobs.c ------------------------------------------------------------- */

/* A figure that was written: its name, title, formats and hover data. */
struct report_fig {
	char	*name;
	char	*title;
	int	 formats;	/* bit (1 << RENDER_*) per file written */
	double	 width, height;	/* points */
	char	*hover;		/* JSON string of the trial marks (report_fig_hover), or NULL */
	char	*omitted;	/* why it could not be drawn (left out, no files), or NULL */
	char	*not_made;	/* why it has nothing to show (no files), or NULL */
	struct fig_table data;	/* the importances figures' table (summary.md); else empty */
	char	*caption;	/* the page's caption (report_caption), or NULL */
	int	 has_data;	/* a data/NAME.csv was written */
};

/* Per-objective figures are made for this many objectives at most (jobs.c). */
#define REPORT_MAX_OBJECTIVES	8

/*
 * Builds the wanted figures of one page and writes each in every format of
 * o->formats into dir/figures and its numbers into dir/data (both exist),
 * appending to *figs (*nfigs entries) in registration order.  multi = 0:
 * the one-study figures of studies[0]; multi = 1: the multi-study figures
 * over studies[nstudies], each also made when --plots names the figure it
 * compares.  Returns 0, or -1 with err and *output_error (1 when writing
 * failed, 0 when a figure could not be built); stops early when
 * report_interrupted is set.
 */
int report_figures(const char *dir, const struct hp_study *const *studies,
    size_t nstudies, int multi, const struct report_opts *o,
    const struct render_opts *ro, struct report_fig **figs, size_t *nfigs,
    int *output_error, struct hp_err *err);

/* --- geometry.c --------------------------------------------------------- */

/*
 * Where the trial marks of f (POINTS marks with trial ids) land in the
 * rendered picture, for the page's tooltips: a JSON string, the points'
 * positions (in 1/6400 of the figure's width and height from its top-left
 * corner) and trial numbers in the compact encoding geometry.c describes;
 * marks in the same 1/400 x 1/400 cell of the figure keep the one drawn
 * last.  The plot areas come from the renderer (render_layout), so the
 * marks follow whatever layout it chooses.
 * Returns 0 and *out (caller frees; NULL when f has no trial
 * marks), or -1 with err.
 */
int report_fig_hover(const struct fig *f, const struct render_opts *ro,
    char **out, struct hp_err *err);

/* --- html.c ------------------------------------------------------------- */

/* Writes DIR/index.html for one study whose figures are `figs`, and the
 * data its script reads, DIR/data/page.js (DIR/data exists); `in_set`:
 * the study is one of several (the page links back to ../index.html). */
int report_html_study(const char *dir, const struct hp_study *st,
    const struct report_fig *figs, size_t nfigs, int in_set,
    const struct report_opts *o, struct hp_err *err);

/* Writes DIR/index.html linking the study subdirectories `subdirs`, and
 * DIR/compare.html with the comparison figures `figs` and a summary table. */
int report_html_index(const char *dir, const struct hp_studyset *set,
    char *const *subdirs, const struct report_fig *figs, size_t nfigs,
    const struct report_opts *o, struct hp_err *err);

/* Appends s escaped for HTML text and attribute values. */
void report_html_escape(struct hp_buf *b, const char *s);

/* --- templates (src/report/template.c) ---------------------------------
 *
 * The pages are written in a small logic-less template language whose
 * values come from one cJSON tree.  Escaping for HTML text is the default;
 * the unescaped forms need triple braces so that they stand out:
 *
 *     {{name}}              HTML text (& < > " ' escaped)
 *     {{name|attr}}         a double-quoted attribute value (same escape)
 *     {{name|name}}         HTML text with a line-break chance (<wbr>)
 *                           after each . _ / - of a long dotted name
 *     {{name|url}}          a relative URL: percent-encoded except
 *                           A-Z a-z 0-9 - _ . ~ /  (so never "javascript:")
 *     {{{name|json}}}       the value as JSON for <script type="application/json">:
 *                           < > & U+2028 U+2029 written as \uXXXX
 *     {{{name|raw}}}        verbatim (only for text the caller made safe)
 *     {{#name}}...{{/name}} once per element of an array, once with an
 *                           object or other truthy value pushed as context
 *     {{^name}}...{{/name}} once when name is missing, null, false, 0, "" or []
 *     {{>file}}             a file of the template directory, verbatim (for
 *                           report.css / report.js; it may not contain
 *                           "</script" or "</style")
 *     {{! comment }}
 *
 * Names are looked up from the innermost section outwards; "a.b" walks
 * into objects; "." is the current element.  A missing name renders as
 * nothing.  Numbers print as hp_fmt_double does.
 */

/* Returns the text of template file `name` (caller frees), or NULL with err. */
typedef char *(*tpl_load_fn)(void *arg, const char *name, struct hp_err *err);

/* Renders `text` (named `where` in messages: "study.html:12: unclosed
 * section 'figures'") with ctx, appending to out.  Returns 0, or -1 with
 * err and out unchanged. */
int tpl_render(const char *text, const char *where, const cJSON *ctx,
    tpl_load_fn load, void *arg, struct hp_buf *out, struct hp_err *err);

/* The escapes the filters use, appending to b. */
void tpl_escape_html(struct hp_buf *b, const char *s);
void tpl_escape_name(struct hp_buf *b, const char *s);
void tpl_escape_url(struct hp_buf *b, const char *s);
void tpl_escape_json_script(struct hp_buf *b, const char *json);

/*
 * Path of template `file` (a plain file name): in `dir` (--template) when
 * it has it, else in HP_SRCDIR/templates when the running binary lies in
 * the source tree it was built in (build/hpreport), else in the installed
 * HP_DATADIR/templates.  Returns a new string, or NULL with err.
 */
char *report_template_path(const char *dir, const char *file, struct hp_err *err);

/* --- caption.c ---------------------------------------------------------- */

/*
 * The caption of figure f, a new string (caller frees): its title (not on
 * the page, which shows it already), the builder's sentences (f->caption),
 * f's notes when `notes`, its option hints (f->hints), "Made with
 * OPTIONS." when options is not empty,
 * and the data/trials.csv columns it plots and its data/NAME.csv with its
 * columns.  page = 0: one sentence a line, each ending in a newline (the
 * file figures/NAME.txt); page = 1: one paragraph, no title.
 */
char *report_caption(const struct fig *f, const char *options, int page, int notes);

/* --- data.c ------------------------------------------------------------- */

/* Writes text to path: 0, or -1 with err naming path. */
int report_write_text(const char *path, const char *text, struct hp_err *err);

/* data/trials.csv: one row per trial, every objective, times, every param,
 * every user attribute and, in a constrained study, feasible (1/0): the one
 * home of the trials' values, whose columns (study.h, HP_COL_*) the
 * figures name instead of copying them.
 * Written as it is formatted (10^5 trials would be millions of strings),
 * quoted as fig_table_write_csv does.  0, or -1 with err. */
int report_write_trials_csv(const char *path, const struct hp_study *st,
    struct hp_err *err);

/* data/study.json: the overview in machine-readable form.  0, or -1 with err. */
int report_write_study_json(const char *path, const struct hp_study *st,
    struct hp_err *err);

/* --- outdir.c ----------------------------------------------------------- */

/* A report being written: into tmp, then moved to dir. */
struct report_outdir {
	const char	*dir;		/* the target (not owned, or real) */
	char		*real;		/* the directory a symbolic link target
					   points to, owned; NULL for no link */
	char		*tmp;		/* the hidden directory beside it; NULL once
					   committed or removed */
	int		 exists;	/* dir exists (an earlier report, or empty) */
};

/*
 * Checks that dir may be replaced (absent, empty, an earlier report, or
 * force), makes the directories above it that are missing (mkdir -p) and
 * the temporary directory beside it with the report marker.  When dir is a
 * symbolic link, all this is done to the directory it points to, and the
 * link stays.  Returns 0, or -1 with err (then nothing is left behind but
 * the directories made above dir).  Release d either way.
 */
int report_outdir_open(struct report_outdir *d, const char *dir, int force,
    struct hp_err *err);
/* Moves the finished d->tmp to d->dir, replacing an earlier report: 0, or
 * -1 with err (d->tmp is left for report_outdir_release). */
int report_outdir_commit(struct report_outdir *d, struct hp_err *err);
/* Removes d->tmp if it is still there and frees what d holds; NULL is fine. */
void report_outdir_release(struct report_outdir *d);

/* mkdir 0755, an existing directory being fine: 0, or -1 with err. */
int report_mkdir(const char *path, struct hp_err *err);

/*
 * File-system-safe directory name for a study name (caller frees): ASCII
 * letters, digits and -_. (no leading dot, no trailing one), and the
 * non-ASCII letters, marks and numbers that are written left to right;
 * every other character (controls, U+202E and the other direction
 * controls, U+2028, right-to-left letters, symbols, invalid UTF-8 bytes)
 * becomes '_'.  At most 100 bytes, cut between characters, so always valid
 * UTF-8; "study" for nothing left; a Windows device name (NUL, COM1...)
 * gets a '_' in front.
 */
char *report_safe_name(const char *name);

/*
 * The directory names of n studies in one report: report_safe_name of
 * each, with "-2", "-3"... added where it would be the same, ignoring case
 * and Unicode normalisation (as macOS and Windows compare names), as an
 * earlier study's or as one of the report's own entries (index.html,
 * compare.html, figures, data).  Returns n new strings in a new array; the
 * caller frees each and the array.
 */
char **report_safe_names(const char *const *names, size_t n);

/* --- summary.c ---------------------------------------------------------- */

/* The studies of an earlier report (--baseline): name, trial counts, best
 * values, read from its data/study.json files. */
struct report_baseline;

/* Reads the report in dir: 0 with *out (free with report_baseline_free),
 * or -1 with err ("--baseline DIR: ..."). */
int report_baseline_read(const char *dir, struct report_baseline **out,
    struct hp_err *err);
void report_baseline_free(struct report_baseline *b);

/* Appends s for Markdown text and table cells: < > & as entities,
 * \ ` * _ [ ] # | ~ $ @ ! with a backslash, controls as spaces, invalid
 * UTF-8 as U+FFFD. */
void report_md_escape(struct hp_buf *b, const char *s);

/* Appends to md the section of study set->v[i], whose directory is `rel`
 * ("" or "SUB/") relative to the report's top and whose figures are
 * figs; base may be NULL. */
void report_summary_study(struct hp_buf *md, const struct hp_studyset *set, size_t i,
    const char *rel, const struct report_fig *figs, size_t nfigs,
    const struct report_baseline *base);

/* Writes summary.md to path: the title, the table of all studies (linked to
 * subdirs when not NULL), then `sections`.  0, or -1 with err. */
int report_summary_write(const char *path, const struct hp_studyset *set,
    char *const *subdirs, const struct report_baseline *base,
    const char *sections, const struct report_opts *o, struct hp_err *err);

#endif
