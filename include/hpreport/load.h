/*
 * load: turns an input (file, directory or URL) into studies.  The format is
 * detected from the content -- SQLite files by their tables, JSON by its
 * shape, CSV by its header, a directory by its layout -- unless the caller
 * names it.  Each format lives in its own file under src/load/ and is
 * registered in the table in src/load/load.c.
 *
 * Every loader validates fully before returning: the studies it adds are
 * finished (hp_study_finish) and read-only.  Errors are one line naming the
 * file and the place: "study.json:14:7: expected a number for \"value\"".
 */
#ifndef HPREPORT_LOAD_H
#define HPREPORT_LOAD_H

#include "hpreport/study.h"

struct hp_load_opts {
	const char	*study;		/* only the study of this name; NULL = all */
	const char	*format;	/* format name; NULL = detect */
	const char	*metric;	/* MLflow/NNI: metric used as objective */
	enum hp_direction direction;	/* override when the input has none */
	int		 connect_timeout; /* database servers: seconds (0 = default) */
	const char	*redis_prefix;	/* Redis journal key prefix; NULL = URL's or "" */
};

/* Seconds a database server gets to accept a connection and, later, to
 * send each next answer, unless connect_timeout says otherwise. */
#define HP_CONNECT_TIMEOUT 10

void hp_load_opts_defaults(struct hp_load_opts *o);

/*
 * Loads `path` and appends its studies to `out`.  The format is the one
 * opts->format names or, without one, detected once from the content.
 * Returns 0 and, when `format` is not NULL, sets *format to the name of the
 * format used (a static string, as in hp_formats); or -1 with a one-line
 * message (naming the file) in err, `out` then holding only what was there
 * before.  An input with no study matching opts->study is an error.
 */
int hp_load(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, const char **format, struct hp_err *err);

/*
 * How messages, `hpreport info` and the report name an input: a URL of
 * any scheme (known to hpreport or not, or with one slash too few) with
 * the password of its user info and of a "password" query parameter
 * replaced by "***"; anything else as it is.  The caller frees the result.
 */
char *hp_input_name(const char *input);

/* A format: `probe` looks at the start of the content (NUL-terminated, up to
 * 64 KiB; NULL for a directory) and says whether it is this format. */
struct hp_format {
	const char *name;
	const char *description;
	int	  (*probe)(const char *path, const char *head, size_t len);
	int	  (*load)(const char *path, const struct hp_load_opts *opts,
		    struct hp_studyset *out, struct hp_err *err);
};

/* The table of formats (src/load/load.c), in detection order, terminated
 * by a zeroed entry: help text and completion list it. */
extern const struct hp_format hp_formats[];

/* The format called `name` in hp_formats, or NULL. */
const struct hp_format *hp_format_find(const char *name);

#endif
