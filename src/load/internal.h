/*
 * load/internal.h: what the files of src/load/ share and nothing outside
 * them needs (tests and fuzz targets include it by relative path to reach
 * one loader directly).  load.h is the contract: options, hp_load and the
 * table of formats.
 *
 * Adding a format: one file defining its probe and loader, and one row
 * in HP_FORMATS below.  A probe looks at
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

/* --- the formats ----------------------------------------------------------
 *
 * One row per format, in detection order (the first probe that says yes
 * wins), and nothing else lists them:
 *     X(name, description, probe, loader)
 * The rows declare the probes and loaders (int probe(path, head, len),
 * int loader(path, opts, out, err)) and make hp_formats[] (load.c).  One
 * loader may serve several rows (a format with a probe per layout).
 */
#define HP_FORMATS(X) \
	X("optuna-sqlite", "Optuna RDB storage in SQLite", \
	    hp_probe_optuna_sqlite, hp_load_optuna_sqlite)	/* optuna_rdb.c */ \
	X("optuna-journal", "Optuna JournalStorage file (one operation per line)", \
	    hp_probe_optuna_journal, hp_load_optuna_journal)	/* optuna_journal.c */ \
	X("optuna-rdb", "Optuna RDB storage on PostgreSQL or MySQL/MariaDB " \
	    "(postgresql://, mysql://, mariadb:// URL)", \
	    hp_probe_optuna_url, hp_load_optuna_url)		/* optuna_rdb.c */ \
	X("optuna-redis", "Optuna JournalRedisStorage (redis:// URL)", \
	    hp_probe_optuna_redis, hp_load_optuna_redis)	/* optuna_redis.c */ \
	X("hpreport-json", "hpreport's own study JSON (templates/FORMAT.md)", \
	    hp_probe_hpjson, hp_load_hpjson)			/* hpjson.c */ \
	X("skopt-json", "scikit-optimize OptimizeResult exported to JSON", \
	    hp_probe_skopt, hp_load_skopt)			/* skopt.c */ \
	X("optuna-dataframe-json", "Optuna trials_dataframe() written by pandas to_json", \
	    hp_probe_optuna_dataframe_json, hp_load_optuna_dataframe) /* optuna_dataframe.c */ \
	X("hpreport-jsonl", "hpreport JSON Lines, one trial per line", \
	    hp_probe_hpjsonl, hp_load_hpjsonl)			/* hpjson.c */ \
	X("optuna-dataframe-csv", "Optuna trials_dataframe() written by pandas to_csv", \
	    hp_probe_optuna_dataframe_csv, hp_load_optuna_dataframe) \
	X("nni-sqlite", "NNI experiment database (db/nni.sqlite)", \
	    hp_probe_nni_sqlite, hp_load_nni_sqlite)		/* nni.c */ \
	X("nni-dir", "NNI experiment directory (with db/nni.sqlite)", \
	    hp_probe_nni_dir, hp_load_nni_sqlite) \
	X("mlflow-sqlite", "MLflow tracking database in SQLite", \
	    hp_probe_mlflow_sqlite, hp_load_mlflow_sqlite)	/* mlflow.c */ \
	X("mlflow-dir", "MLflow file store (mlruns/ directory)", \
	    hp_probe_mlflow_dir, hp_load_mlflow_dir) \
	X("nni-json", "NNI trials exported by nnictl experiment export --type json", \
	    hp_probe_nni_json, hp_load_nni_json) \
	X("nni-csv", "NNI trials exported by nnictl experiment export --type csv", \
	    hp_probe_nni_csv, hp_load_nni_csv) \
	X("raytune", "Ray Tune 1.x/2.x experiment directory (experiment_state-*.json, " \
	    "trial directories)", hp_probe_raytune, hp_load_raytune) /* raytune.c */ \
	X("kerastuner", "Keras Tuner project directory (oracle.json, trial_*/trial.json)", \
	    hp_probe_kerastuner, hp_load_kerastuner)		/* kerastuner.c */ \
	X("smac", "SMAC3 0.x-2.3 output directory (runhistory.json, configspace.json) " \
	    "or its runhistory.json", hp_probe_smac, hp_load_smac)	/* smac.c */ \
	X("wandb-dir", "Weights & Biases wandb/ directory of run directories", \
	    hp_probe_wandb_dir, hp_load_wandb_dir)		/* wandb.c */ \
	X("wandb-csv", "Weights & Biases runs table exported as CSV", \
	    hp_probe_wandb_csv, hp_load_wandb_csv) \
	X("hyperopt-json", "Hyperopt trials.trials or trials.results dumped to JSON", \
	    hp_probe_hyperopt, hp_load_hyperopt)		/* hyperopt.c */ \
	X("hyperopt-dir", "Hyperopt: a directory of one JSON result per trial", \
	    hp_probe_hyperopt_dir, hp_load_hyperopt) \
	X("nevergrad", "Nevergrad ParametersLogger JSON Lines file", \
	    hp_probe_nevergrad, hp_load_nevergrad)		/* nevergrad.c */

#define HP_FORMAT_DECLARE(name, description, probe, loader) \
	int probe(const char *path, const char *head, size_t len); \
	int loader(const char *path, const struct hp_load_opts *opts, \
	    struct hp_studyset *out, struct hp_err *err);
HP_FORMATS(HP_FORMAT_DECLARE)
#undef HP_FORMAT_DECLARE

/* Name of the format hp_load would use for `path` ("optuna-sqlite", ...;
 * HP_FORMAT_SEARCH for a directory it would search), or NULL with err; for tests of the probes (hp_load reports the format it
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

/*
 * Names the objectives from the study system attribute
 * "study:metric_names" (Optuna >= 3.4's Study.set_metric_names: a JSON list
 * of one string per objective), when st has one; call it before
 * hp_study_finish, once the directions are set.  Names are a nicety: a
 * list that is not one string per objective is kept as an attribute only,
 * with a note.
 */
void hp_load_metric_names(struct hp_study *st);

/* The first 64 KiB of the file at path, NUL-terminated, *len bytes of
 * it (what a probe sees); NULL with err (which may be NULL) when it
 * cannot be opened.  The caller frees it. */
char *hp_load_read_head(const char *path, size_t *len, struct hp_err *err);

/* 1 when dir is a directory holding a file `name` whose first 64 KiB
 * `looks` says yes to: the probe of a format known by one file of its
 * directory. */
int hp_load_dir_holds(const char *dir, const char *name,
    int (*looks)(const char *head));

/* "dir/name" (one slash between them); the caller frees it. */
char *hp_load_path_join(const char *dir, const char *name);

/* qsort's comparison of two char * by strcmp. */
int hp_load_cmp_str(const void *a, const void *b);

/* "a, b, c" of the n names v (sorted in place) into buf, cut with "..."
 * when too long: the candidates a "choose one with --metric" lists. */
void hp_load_list_names(char **v, size_t n, char *buf, size_t size);

/* s as a JSON string (quoted, escaped), for an attribute's JSON text;
 * the caller frees it. */
char *hp_load_json_string(const char *s);

/* 1 when a metric named m is one to maximize by its name (accuracy, AUC,
 * F1, precision, recall, R^2, a score, reward or return, mAP, IoU, BLEU:
 * the words are matched case-insensitively anywhere in m, unless m also
 * says loss or err), for formats that store no direction; 0 otherwise. */
int hp_load_metric_is_score(const char *m);

/* The last component of `path`, pointing into it, for messages: "a/b.db"
 * -> "b.db"; a directory's trailing '/' is kept ("x/mlruns/" -> "mlruns/"). */
const char *hp_load_basename(const char *path);

/* qsort that accepts an empty (possibly NULL) array. */
void hp_load_qsort(void *v, size_t n, size_t size,
    int (*cmp)(const void *, const void *));

/* Frees the n strings of v and v itself (NULL with n = 0 is fine). */
void hp_load_strv_free(char **v, size_t n);

#endif
