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

#include <stdint.h>

#include "hpreport/study.h"

/*
 * A directory search (see hp_load) reports through this, once per entry,
 * in a stable order after the search: a history found at `path` (format
 * names its format; the studies it gave are set->v[first .. first + n)),
 * or an entry skipped (format NULL, `why` says why).
 */
typedef void hp_load_found_fn(void *arg, const char *path, const char *format,
    const struct hp_studyset *set, size_t first, size_t n, const char *why);

struct hp_load_opts {
	const char	*study;		/* only the study of this name; NULL = all */
	const char	*format;	/* format name; NULL = detect */
	const char	*metric;	/* MLflow/NNI/W&B: metric used as objective */
	char *const	*params;	/* --params: W&B CSV columns that are params */
	size_t		 nparams;	/* (0: every column not otherwise used) */
	enum hp_direction direction;	/* override when the input has none */
	int		 connect_timeout; /* database servers: seconds (0 = default) */
	const char	*redis_prefix;	/* Redis journal key prefix; NULL = URL's or "" */
	hp_load_found_fn *found;	/* directory search: what was found; NULL = quiet */
	void		*found_arg;	/* passed to found */
};

/* Name hp_load reports for a directory searched for histories. */
#define HP_FORMAT_SEARCH "directory"

/* How deep and how wide a directory search goes. */
#define HP_SEARCH_DEPTH 4
#define HP_SEARCH_ENTRIES 20000
#define HP_SEARCH_SKIPS_SHOWN 10	/* skips reported one by one */

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
 *
 * A directory that no format recognises is searched, HP_SEARCH_DEPTH
 * levels deep (hidden entries and directories already seen skipped), for
 * every history it holds: each recognised directory or file is loaded as
 * it would be alone (nothing inside it is probed again), studies whose
 * names collide are renamed after their path relative to the directory,
 * and *format is HP_FORMAT_SEARCH.  Each history found and each file
 * skipped (not a history, or one that fails to load; after
 * HP_SEARCH_SKIPS_SHOWN of them, one summary) goes to opts->found;
 * binary files (pickles, checkpoints) are skipped silently.  Finding
 * nothing is an error naming the directory.
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

/*
 * A watch on one input (`hpreport --watch`): hp_stamp_read gives a 64-bit
 * fingerprint of what the input looks like now, which differs from the
 * last one when the input may have changed.  Files and directories are
 * looked at (size, modification time, SQLite's data_version on a read-only
 * connection kept open); a database server's studies are loaded with opts
 * and hashed.  Nothing is ever written or locked beyond one short read.
 * hp_stamp_new copies input and opts (opts->found is not used); free the
 * watch with hp_stamp_free (NULL is fine).  hp_stamp_read returns 0 with
 * *out, or -1 with err (the input is gone or the server failed).
 */
struct hp_stamp;
struct hp_stamp *hp_stamp_new(const char *input, const struct hp_load_opts *opts);
int hp_stamp_read(struct hp_stamp *s, uint64_t *out, struct hp_err *err);
void hp_stamp_free(struct hp_stamp *s);

#endif
