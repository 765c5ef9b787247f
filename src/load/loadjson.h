/*
 * loadjson: private helpers the JSON-based loaders share (Optuna journal,
 * DataFrame JSON, hpreport JSON/JSON Lines, scikit-optimize).  Field checks
 * are table driven: a loader lists the fields an object must or may have
 * with their types, and lj_check() reports the first mismatch as one line
 * ("where: \"trial_id\" must be an integer").  Not part of the public API.
 */
#ifndef HPREPORT_LOADJSON_H
#define HPREPORT_LOADJSON_H

#include <stddef.h>

#include "hpreport/json.h"
#include "hpreport/study.h"

enum lj_type {
	LJ_ANY,		/* present, any JSON value */
	LJ_INT,		/* integral number within int range */
	LJ_NUM,		/* number (NaN, +-inf allowed) */
	LJ_STR,
	LJ_OBJ,
	LJ_ARR,
	LJ_SCALAR	/* null, bool, number or string */
};

struct lj_field {
	const char	*key;
	enum lj_type	 type;
	int		 required;	/* 1 = must be present */
	int		 nullable;	/* 1 = null accepted in place of the type */
};

/*
 * Checks the fields of `obj` (must be an object) against `f` (terminated by
 * a NULL key).  On mismatch returns -1 with "WHERE: MESSAGE" in err.
 */
int lj_check(const cJSON *obj, const struct lj_field *f, const char *where,
    struct hp_err *err);

/* Item `key` of obj, NULL when absent or JSON null. */
const cJSON *lj_get(const cJSON *obj, const char *key);

/* Integer value of an LJ_INT-checked item (0 for anything else). */
int lj_int(const cJSON *j);

/* 1 when j is an integral number that fits an int. */
int lj_is_int(const cJSON *j);

/*
 * Python-like text of a scalar: strings as is, true/false as True/False,
 * numbers shortest (3, 2.5, inf).  Returns NULL for null, arrays, objects.
 * The result points into buf or into j.
 */
const char *lj_text(const cJSON *j, char *buf, size_t n);

/* The JSON text of j (malloc'd), for attributes. */
char *lj_print(const cJSON *j);

/* Parses an ISO time stamp item (string, or null); -1 on bad text. */
int lj_time(const cJSON *j, double *out);

/*
 * Reads a file line by line with a bounded buffer (no whole-file read).
 * lr_next() returns 1 with the line (without '\n', NUL-terminated) in
 * lr->line, 0 at end of file, -1 with err on a read error or a line
 * longer than LR_MAX.  lr->complete says whether the line ended in '\n'.
 */
#define LR_MAX (64u << 20)
struct lr {
	void	*fp;		/* FILE * */
	const char *path;
	char	*line;
	size_t	 len, cap;
	size_t	 lineno;	/* 1-based number of the current line */
	int	 complete;
};

int lr_open(struct lr *lr, const char *path, struct hp_err *err);
int lr_next(struct lr *lr, struct hp_err *err);
void lr_close(struct lr *lr);

/* Wraps hp_study_finish, after hp_load_constraints: a failure gets `path`
 * prefixed. */
int lj_finish(struct hp_study *st, const char *path, struct hp_err *err);



/*
 * Parses one line of a JSON Lines file; a syntax error reads
 * "path:LINE:COL: malformed JSON".  Caller frees with cJSON_Delete.
 */
cJSON *lj_parse_line(const char *text, size_t len, const char *path,
    size_t lineno, struct hp_err *err);

/*
 * Sets attribute `key` of trial t (HP_NO_TRIAL: the study) while building,
 * replacing an earlier value of the same key as Python's dict.update does.
 * `map` is the loader's index (struct lj_attrmap, zeroed before first use).
 */
struct lj_attrmap {
	size_t	*slot;		/* [cap] attr index + 1; 0 = empty */
	size_t	 cap, n;
};
void lj_set_attr(struct hp_study *st, struct lj_attrmap *map, size_t t,
    int system, const char *key, const char *json);
void lj_attrmap_release(struct lj_attrmap *map);
/*
 * Rejects number literals too large for a double (1e400), which strtod
 * would silently turn into infinity; Python's own Infinity is a word and
 * passes.  `line0` is the line number of text's first line.  Returns -1
 * with "path:LINE:COL: number out of range" in err.
 */
int lj_check_numbers(const char *text, size_t len, const char *path,
    size_t line0, struct hp_err *err);

/* Whole-document JSON: lj_check_numbers, then hp_json_parse naming path. */
cJSON *lj_parse_doc(const char *text, size_t len, const char *path,
    struct hp_err *err);

/* A whole JSON file (hp_read_file, then lj_parse_doc); NULL with err. */
cJSON *lj_read_doc(const char *path, struct hp_err *err);

/* p past blanks (space, tab, CR, LF): where a probe looks for '{' or '['. */
const char *lj_skip_blank(const char *p);

/* hp_parse_double that also rejects out-of-range literals ("1e400"). */
int lj_parse_number(const char *s, double *out);

/* The file name without directories and extension (malloc'd). */
char *lj_basename(const char *path);

/*
 * Trial numbers with the place each came from, to name both places of a
 * duplicate.  `style` 'L': "path:LINE:", 'I': "path: trials[I]:",
 * 'R': "path: row R:", 'C': "path: record R:".
 */
struct lj_seen {
	long long	*p;		/* pairs: number, place */
	size_t		 n, cap;
};
void lj_seen_add(struct lj_seen *s, int number, size_t place);
int lj_seen_check(struct lj_seen *s, const char *path, int style, struct hp_err *err);
void lj_seen_release(struct lj_seen *s);

#endif
