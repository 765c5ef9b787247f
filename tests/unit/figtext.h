/*
 * figtext: what a figure says outside its picture, for the figure tests --
 * its caption sentences (fig.caption) and the data/trials.csv columns it
 * names (fig.columns).
 */
#ifndef HP_FIGTEXT_H
#define HP_FIGTEXT_H

#include <string.h>

#include "hpreport/figure.h"

/* 1 when a caption sentence of f is `s` exactly. */
static inline int
has_caption(const struct fig *f, const char *s)
{
	for (size_t i = 0; i < f->ncaption; i++)
		if (strcmp(f->caption[i], s) == 0)
			return 1;
	return 0;
}

/* 1 when f names data/trials.csv column `name` (fig.columns). */
static inline int
has_column(const struct fig *f, const char *name)
{
	for (size_t i = 0; i < f->ncolumns; i++)
		if (strcmp(f->columns[i], name) == 0)
			return 1;
	return 0;
}

#endif
