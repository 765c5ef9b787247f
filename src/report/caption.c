/*
 * caption: the text a paper's caption needs for one figure, written
 * beside it as figures/NAME.txt and shown under it on the page -- what the
 * figure shows and which trials (the builder's fig.caption), what was left
 * out and how it was made (its notes), the options that change it
 * (fig.hints) and those it was made with, and
 * where its numbers are: the columns of data/trials.csv it plots
 * (fig.columns) and the data/NAME.csv of what it derives, with how its
 * rows are laid out when that is more than a row per record
 * (fig_table.layout).
 *
 * Option hints belong here and on the page, never inside the picture: a
 * paper's figure is pasted as it is.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ", "-separated list of cols[n] after `lead`, ending the sentence; a
 * long run of numbered columns (a grid's z0 ... z63) by its ends. */
static void
put_columns(struct hp_buf *b, const char *lead, char *const *cols, size_t n)
{
	hp_buf_puts(b, lead);
	for (size_t i = 0; i < n; i++) {
		if (n > 12 && i == 6) {
			hp_buf_puts(b, ", ...");
			i = n - 2;
			continue;
		}
		hp_buf_puts(b, i ? ", " : "");
		hp_buf_puts(b, cols[i]);
	}
	hp_buf_puts(b, ".");
}

char *
report_caption(const struct fig *f, const char *options, int page, int notes)
{
	const char *sep = page ? " " : "\n";
	struct hp_buf b;

	hp_buf_init(&b);
	hp_buf_puts(&b, "");
	if (!page && f->title && *f->title)
		hp_buf_printf(&b, "%s.%s", f->title, sep);
	for (size_t i = 0; i < f->ncaption; i++)
		hp_buf_printf(&b, "%s%s", f->caption[i], sep);
	for (size_t i = 0; notes && i < f->nnotes; i++)
		hp_buf_printf(&b, "%s%s", f->notes[i], sep);
	for (size_t i = 0; i < f->nhints; i++)
		hp_buf_printf(&b, "%s%s", f->hints[i], sep);
	if (options && *options)
		hp_buf_printf(&b, "Made with %s.%s", options, sep);
	if (f->ncolumns) {
		put_columns(&b, "Trial values: data/trials.csv, columns ", f->columns,
		    f->ncolumns);
		hp_buf_puts(&b, sep);
	}
	if (f->data.ncols) {
		char *lead = hp_sprintf("%s: data/%s.csv, columns ",
		    f->ncolumns ? "Derived" : "Data", f->name);

		put_columns(&b, lead, f->data.cols, f->data.ncols);
		hp_buf_puts(&b, sep);
		if (f->data.layout)
			hp_buf_printf(&b, "%s%s", f->data.layout, sep);
		free(lead);
	}
	if (page && b.len)	/* no separator after the last sentence */
		b.s[--b.len] = '\0';
	return b.s;
}
