/*
 * report: writes the report bundle for a set of studies (SPEC.md §3):
 *
 *     DIR/index.html            overview, figures, trials table
 *     DIR/figures/NAME.{png,svg,pdf}
 *     DIR/data/NAME.csv         the numbers behind each figure
 *     DIR/data/trials.csv, DIR/data/study.json
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

#include <cjson/cJSON.h>	/* the templates' context (tpl_render) */

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
	int		 progress;	/* progress lines on stderr */
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
 * that cannot be drawn.
 */
int report_write(const struct hp_studyset *set, const struct report_opts *o,
    int *output_error, struct hp_err *err);

/* File-system-safe directory name for a study name (caller frees). */
char *report_safe_name(const char *name);

/* --- internal to src/report/, shared between its files ------------------ */

/* A figure that was written: its name, title, formats and hover data. */
struct report_fig {
	char	*name;
	char	*title;
	int	 formats;	/* bit (1 << RENDER_*) per file written */
	double	 width, height;	/* points */
	char	*hover;		/* JSON text of the trial marks (report_fig_hover), or NULL */
};

/*
 * Where the trial marks of f (POINTS marks with trial ids) land in the
 * rendered picture, for the page's tooltips: JSON text
 * [fx0, fy0, number0, fx1, ...] with fx, fy in 1/10000 of the figure's
 * width and height from its top-left corner; marks falling on the same
 * pixel keep the one drawn last.  The plot areas come from the renderer
 * (render_layout), so the marks follow whatever layout it chooses.
 * Returns 0 and *out (caller frees; NULL when f has no trial
 * marks), or -1 with err.
 */
int report_fig_hover(const struct fig *f, const struct render_opts *ro,
    char **out, struct hp_err *err);

/* Writes DIR/index.html for one study whose figures are `figs`; `in_set`:
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
/* Every template the report uses can be found: 0, or -1 with err. */
int report_templates_check(const struct report_opts *o, struct hp_err *err);

#endif
