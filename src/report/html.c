/*
 * html: the pages of the report bundle.  Every piece of study text goes
 * through report_html_escape; links are relative, nothing is fetched.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/report.h"

void
report_html_escape(struct hp_buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			hp_buf_puts(b, "&amp;");
			break;
		case '<':
			hp_buf_puts(b, "&lt;");
			break;
		case '>':
			hp_buf_puts(b, "&gt;");
			break;
		case '"':
			hp_buf_puts(b, "&quot;");
			break;
		case '\'':
			hp_buf_puts(b, "&#39;");
			break;
		default:
			hp_buf_add(b, s, 1);
		}
	}
}

static int
write_page(const char *dir, struct hp_buf *b, struct hp_err *err)
{
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/index.html", dir);
	fp = fopen(path, "w");
	if (fp == NULL)
		return hp_err_set(err, "%s: %s", path, strerror(errno));
	fwrite(b->s, 1, b->len, fp);
	if (ferror(fp) | (fclose(fp) != 0))
		return hp_err_set(err, "%s: write error", path);
	return 0;
}

static void
page_head(struct hp_buf *b, const char *title)
{
	hp_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	report_html_escape(b, title);
	hp_buf_puts(b, "</title>\n<style>body{font-family:sans-serif;max-width:1200px;"
	    "margin:2em auto;padding:0 1em;color:#222}img{max-width:100%;"
	    "border:1px solid #ddd}table{border-collapse:collapse}td,th{padding:2px 8px;"
	    "border-bottom:1px solid #eee;text-align:left}</style>\n</head>\n<body>\n");
}

int
report_html_study(const char *dir, const struct hp_study *st,
    const struct report_fig *figs, size_t nfigs, const struct report_opts *o,
    struct hp_err *err)
{
	struct hp_buf b;
	char num[40];
	int rc;

	(void)o;
	hp_buf_init(&b);
	page_head(&b, st->name);
	hp_buf_puts(&b, "<h1>");
	report_html_escape(&b, st->name);
	hp_buf_puts(&b, "</h1>\n<p>");
	for (size_t k = 0; k < st->nobj; k++)
		hp_buf_printf(&b, "%s%s", k ? ", " : "", hp_direction_name(st->dir[k]));
	hp_buf_printf(&b, "; %zu trials", st->ntrials);
	for (int s = 0; s < HP_STATE__COUNT; s++) {
		size_t c = hp_study_count_state(st, (enum hp_state)s);

		if (c)
			hp_buf_printf(&b, ", %zu %s", c, hp_state_name((enum hp_state)s));
	}
	hp_buf_puts(&b, "</p>\n");
	for (size_t k = 0; k < st->nobj; k++) {
		long bi = hp_study_best(st, k);

		if (bi >= 0)
			hp_buf_printf(&b, "<p>Best%s: trial %d, value %s</p>\n",
			    st->nobj > 1 ? " (objective)" : "", st->number[bi],
			    hp_fmt_double(num, sizeof(num), hp_study_value(st, (size_t)bi, k)));
	}
	for (size_t i = 0; i < nfigs; i++) {
		hp_buf_puts(&b, "<h2>");
		report_html_escape(&b, figs[i].title);
		hp_buf_printf(&b, "</h2>\n<p><img src=\"figures/%s.png\" alt=\"", figs[i].name);
		report_html_escape(&b, figs[i].title);
		hp_buf_printf(&b, "\"></p>\n<p><a href=\"figures/%s.png\">PNG</a> "
		    "<a href=\"figures/%s.svg\">SVG</a> <a href=\"figures/%s.pdf\">PDF</a> "
		    "<a href=\"data/%s.csv\">CSV</a></p>\n", figs[i].name, figs[i].name,
		    figs[i].name, figs[i].name);
	}
	hp_buf_puts(&b, "<p><a href=\"data/trials.csv\">trials.csv</a> "
	    "<a href=\"data/study.json\">study.json</a></p>\n</body>\n</html>\n");
	rc = write_page(dir, &b, err);
	hp_buf_release(&b);
	return rc;
}

int
report_html_index(const char *dir, const struct hp_studyset *set,
    char *const *subdirs, const struct report_opts *o, struct hp_err *err)
{
	struct hp_buf b;
	int rc;

	(void)o;
	hp_buf_init(&b);
	page_head(&b, "hpreport");
	hp_buf_puts(&b, "<h1>Studies</h1>\n<ul>\n");
	for (size_t i = 0; i < set->n; i++) {
		hp_buf_puts(&b, "<li><a href=\"");
		report_html_escape(&b, subdirs[i]);
		hp_buf_puts(&b, "/index.html\">");
		report_html_escape(&b, set->v[i]->name);
		hp_buf_printf(&b, "</a> (%zu trials)</li>\n", set->v[i]->ntrials);
	}
	hp_buf_puts(&b, "</ul>\n</body>\n</html>\n");
	rc = write_page(dir, &b, err);
	hp_buf_release(&b);
	return rc;
}
