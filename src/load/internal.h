/*
 * load/internal.h: what the files of src/load/ share and nothing outside
 * them needs (tests and fuzz targets include it by relative path to reach
 * one loader directly).  load.h is the contract: options, hp_load and the
 * table of formats.
 *
 * Adding a format: one file defining its probe and loader, their two
 * prototypes here, and one row in the table in load.c.  A probe looks at
 * the start of the content (NUL-terminated, up to 64 KiB; NULL for a
 * directory or a URL) and says whether it is this format; a loader
 * validates fully and appends finished studies to `out` through
 * hp_load_keep, or returns -1 with one line naming the file in err.
 */
#ifndef HPREPORT_LOAD_INTERNAL_H
#define HPREPORT_LOAD_INTERNAL_H

#include <stddef.h>

#include "hpreport/json.h"
#include "hpreport/load.h"

/* --- the formats, one group per file ------------------------------------ */

/* Optuna RDB storage in SQLite (optuna_rdb.c). */
int hp_probe_optuna_sqlite(const char *path, const char *head, size_t len);
int hp_load_optuna_sqlite(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err);

/* Optuna RDB storage on a PostgreSQL or MySQL/MariaDB server named by a
 * URL (optuna_rdb.c, the same reader as for SQLite). */
int hp_probe_optuna_url(const char *path, const char *head, size_t len);
int hp_load_optuna_url(const char *url, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err);

/* Optuna JournalRedisStorage on a Redis server, redis://HOST:PORT/DB
 * (optuna_redis.c, replayed by the journal file's code). */
int hp_probe_optuna_redis(const char *path, const char *head, size_t len);
int hp_load_optuna_redis(const char *url, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err);

/* Optuna JournalStorage file (optuna_journal.c). */
int hp_probe_optuna_journal(const char *path, const char *head, size_t len);
int hp_load_optuna_journal(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err);

/* Optuna trials_dataframe() as CSV or pandas JSON (optuna_dataframe.c);
 * one loader, a probe for each. */
int hp_probe_optuna_dataframe_csv(const char *path, const char *head, size_t len);
int hp_probe_optuna_dataframe_json(const char *path, const char *head, size_t len);
int hp_load_optuna_dataframe(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err);

/* hpreport's own JSON document and JSON Lines (hpjson.c; schema in
 * templates/hpreport-study.schema.json, prose in templates/FORMAT.md). */
int hp_probe_hpjson(const char *path, const char *head, size_t len);
int hp_load_hpjson(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err);
int hp_probe_hpjsonl(const char *path, const char *head, size_t len);
int hp_load_hpjsonl(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err);

/* scikit-optimize OptimizeResult exported to JSON (skopt.c). */
int hp_probe_skopt(const char *path, const char *head, size_t len);
int hp_load_skopt(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err);

/* NNI (nni.c): nnictl export JSON and CSV, db/nni.sqlite, and an
 * experiment directory holding db/nni.sqlite (loaded by hp_load_nni_sqlite). */
int hp_probe_nni_json(const char *path, const char *head, size_t len);
int hp_load_nni_json(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err);
int hp_probe_nni_csv(const char *path, const char *head, size_t len);
int hp_load_nni_csv(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err);
int hp_probe_nni_sqlite(const char *path, const char *head, size_t len);
int hp_probe_nni_dir(const char *path, const char *head, size_t len);
int hp_load_nni_sqlite(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err);

/* MLflow (mlflow.c): tracking database and mlruns/ file store. */
int hp_probe_mlflow_sqlite(const char *path, const char *head, size_t len);
int hp_load_mlflow_sqlite(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err);
int hp_probe_mlflow_dir(const char *path, const char *head, size_t len);
int hp_load_mlflow_dir(const char *path, const struct hp_load_opts *opts,
    struct hp_studyset *out, struct hp_err *err);

/* Name of the format hp_load would use for `path` ("optuna-sqlite", ...),
 * or NULL with err; for tests of the probes (hp_load reports the format it
 * used, so nothing else needs to detect apart from loading). */
const char *hp_detect(const char *path, const struct hp_load_opts *opts,
    struct hp_err *err);

/* --- Optuna distributions and JSON choices (optuna_dist.c) -------------- */

/*
 * Reads an Optuna distribution_json ({"name":..., "attributes":{...}}),
 * including the legacy Uniform/LogUniform/DiscreteUniform/IntUniform/
 * IntLogUniform names.  On failure returns -1 with a message in err that
 * does not name the file (the caller prefixes the place).
 */
int hp_dist_from_json(const char *json, struct hp_dist *out, struct hp_err *err);

/*
 * The choice a JSON scalar stands for: null, bool, int (an integral number
 * below 2^53: cJSON keeps no int/float distinction), float or string.  A
 * string is borrowed from j, not copied.  Returns 0, or -1 when j is an
 * array or object.
 */
int hp_choice_from_json(const cJSON *j, struct hp_choice *c);

/* --- helpers the loaders share (common.c) ------------------------------- */

/* Keeps a finished study in `out` when it matches opts->study; otherwise
 * frees it.  Either way `out` (or nothing) owns st afterwards. */
void hp_load_keep(struct hp_studyset *out, struct hp_study *st,
    const struct hp_load_opts *opts);

/*
 * Checks and types, while building st, the trial system attributes the
 * analyses read: "constraints" must be a JSON list of numbers (Optuna
 * stores one per trial when the sampler has a constraints_func) and
 * becomes the trial's constraint values (hp_study_set_constraints).  A
 * loader that reads system attributes calls it before hp_study_finish.
 * Returns 0, or -1 with "FILE: trial N: system attribute \"constraints\"
 * is not a list of numbers" in err.
 */
int hp_load_constraints(struct hp_study *st, const char *file,
    struct hp_err *err);

/* The last component of `path`, pointing into it, for messages: "a/b.db"
 * -> "b.db"; a directory's trailing '/' is kept ("x/mlruns/" -> "mlruns/"). */
const char *hp_load_basename(const char *path);

/* qsort that accepts an empty (possibly NULL) array. */
void hp_load_qsort(void *v, size_t n, size_t size,
    int (*cmp)(const void *, const void *));

/* Frees the n strings of v and v itself (NULL with n = 0 is fine). */
void hp_load_strv_free(char **v, size_t n);

#endif
